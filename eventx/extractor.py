"""The :class:`Extractor`: text in, events out, over any eventx model folder.

It composes the stages of :mod:`eventx.stages` (prepare -> tag -> decode -> score_pairs ->
constrain -> link), then :func:`eventx.normalize.normalize_events` and
:func:`eventx.merge.merge_mentions`. Windows of many documents are batched together, sorted by
length to cut padding.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from eventx.backends import load_model, resolve_backend
from eventx.config import ModelConfig
from eventx.decoding import SpanDecoder, TokenSpan, TriggerDecoder
from eventx.device import resolve_device
from eventx.errors import ModelLoadError
from eventx.linking import prune_cross_events
from eventx.merge import merge_mentions
from eventx.published import parse_published
from eventx.result import Events
from eventx.schema import Event
from eventx.stages import (
    batch_windows,
    constrain,
    decode,
    link_roles,
    prepare_inference,
    role_masks,
    score_pairs,
    tag,
)
from eventx.windows import load_tokenizer, special_tokens

__all__ = ["DEFAULT_MODEL_NAME", "Analysis", "Extractor", "default_model_path", "parse_published"]

logger = logging.getLogger(__name__)

DEFAULT_MODEL_NAME = "eventx-news-base"
PublishedLike = str | dt.date | None
_END = object()
#: what ``modality=`` takes: the events that happened, or every event with its modality
MODALITY_CHOICES = ("actual", "all")


def default_model_path() -> Path:
    """Where the default model lives: ``$EVENTX_MODEL``, the source checkout, or the install prefix."""
    env = os.environ.get("EVENTX_MODEL")
    if env:
        return Path(env)
    candidates = [Path(__file__).resolve().parent.parent / "models" / DEFAULT_MODEL_NAME,
                  Path(sys.prefix) / "share" / "eventx" / "models" / DEFAULT_MODEL_NAME]
    for path in candidates:
        if (path / "config.json").is_file():
            return path
    raise ModelLoadError(f"the default model {DEFAULT_MODEL_NAME!r} is not installed (looked in "
                         f"{', '.join(map(str, candidates))}); set EVENTX_MODEL to a model folder")


def _check_text(text: Any) -> str:
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    return text


def _dates(published: Any) -> tuple[Iterator[Any], bool]:
    """One date per text: the same one for all, or the items of an iterable aligned with the
    texts (then True: its length must be theirs)."""
    if published is None or isinstance(published, str | dt.date):
        return iter(lambda: published, _END), False
    return iter(published), True


@dataclass(frozen=True)
class Analysis:
    """All stages' output for one text: decoded spans, per-mention events, merged events."""

    spans: list[tuple[int, int, str, float]]
    mentions: list[Event]
    events: list[Event]


class Extractor:
    """Extract events with one model. Build it with :meth:`from_pretrained`.

    Example:
        >>> ex = Extractor.from_pretrained("models/eventx-news-base")      # doctest: +SKIP
        >>> [e.type for e in ex("Police arrested two men in Subotica.")]   # doctest: +SKIP
        ['arrest']

    The object is picklable: it pickles its settings, not the model, and loads the model again
    on first use (one load per process, for Ray actors and Spark executors).
    """

    def __init__(self, path: str | Path, *, device: str | None = None, batch_size: int = 16,
                 quantize: bool = False, lazy: bool = False, normalize: bool = True,
                 merge: bool = True, backend: str | None = None) -> None:
        self.path = Path(path)
        self._requested_device = device
        #: the device the model runs on (``"cpu"``, ``"cuda"``, ...), chosen by
        #: :func:`eventx.device.resolve_device`
        self.device = resolve_device(device)
        self.batch_size = batch_size
        self.quantize = quantize
        self._requested_backend = backend
        #: where the encoder runs (:data:`eventx.backends.BACKENDS`): torch unless quantize
        self.backend = "torch" if quantize else resolve_backend(backend, self.device)
        #: run the normalization stage (dates, counts, places; builds the gazetteer on first use)
        self.normalize = normalize
        #: fold repeated mentions of one event into one record
        self.merge = merge
        self._model = None
        self.config = ModelConfig.load(self.path)
        if not lazy:
            self._load()

    @classmethod
    def from_pretrained(cls, path: str | Path | None = None, *, device: str | None = None,
                        batch_size: int = 16, quantize: bool = False, lazy: bool = False,
                        normalize: bool = True, merge: bool = True,
                        backend: str | None = None) -> Extractor:
        """Load a model folder (the default model when ``path`` is None).

        Args:
            path: a folder with ``config.json``, ``model.safetensors`` and ``tokenizer.json``.
            device: ``"cpu"``, ``"cuda"``, ...; default: CUDA when available, else CPU.
            batch_size: windows per forward pass.
            quantize: int8 dynamic quantization of the linear layers (CPU only).
            lazy: defer loading the weights until the first call.
            normalize: fill normalized values (off: raw spans only, and no gazetteer is built).
            merge: fold repeated mentions into one event (off: one event per mention).
            backend: where the encoder runs: ``"torch"`` (fp32), ``"torch-bf16"``, ``"onnx"``
                or ``"onnx-int8"`` (ONNX Runtime, ``eventx[onnx]``); default:
                ``$EVENTX_BACKEND``, else :data:`eventx.backends.DEFAULT_BACKEND` on CPU when
                ONNX Runtime is installed, else torch. The heads always run in torch fp32.

        Raises:
            ModelLoadError: a missing file, or weights that do not match the config.
        """
        return cls(path if path is not None else default_model_path(), device=device,
                   batch_size=batch_size, quantize=quantize, lazy=lazy, normalize=normalize,
                   merge=merge, backend=backend)

    @classmethod
    def from_model(cls, model: Any, tokenizer: Any, *, config: ModelConfig | None = None,
                   device: str | None = None, path: str | Path | None = None,
                   batch_size: int = 16) -> Extractor:
        """An extractor over a model in memory (an :class:`~eventx.model.EventxModel`, or
        anything with its ``encode`` / ``tag_logits`` / ``relation_logits``) and its
        ``tokenizers.Tokenizer``, as the trainer has one; :meth:`save` writes it as a folder.

        Args:
            model: the network.
            tokenizer: its tokenizer.
            config: the model's configuration (default: ``model.config``).
            device: where ``model`` is (default: the device of its first parameter).
            path: the folder it is tied to, if any (``Extractor.path``).
            batch_size: windows per forward pass.
        """
        ex = cls.__new__(cls)
        ex.path = Path(path) if path is not None else Path(".")
        ex._requested_device = None
        ex.device = device or str(next(model.parameters()).device)
        ex.batch_size, ex.quantize, ex.normalize, ex.merge = batch_size, False, True, True
        ex._requested_backend, ex.backend = None, getattr(model, "backend", "torch")
        ex.config = config if config is not None else model.config
        ex._set_model(model, tokenizer)
        return ex

    # ---------------------------------------------------------------- loading / saving / pickling
    def _load(self) -> None:
        import torch

        if not (self.path / "tokenizer.json").is_file():
            raise ModelLoadError(f"{self.path}: no tokenizer.json")
        tokenizer = load_tokenizer(self.path)
        model = load_model(self.path, self.config, self.backend, device=self.device)
        if self.quantize and self.device == "cpu":
            model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
        self._set_model(model, tokenizer)

    def _set_model(self, model: Any, tokenizer: Any) -> None:
        self._model = model
        self.tokenizer = tokenizer
        self._special = special_tokens(tokenizer)
        self._decoder = SpanDecoder(self.config.tags)
        self._trigger_decoder = (TriggerDecoder(self.config.event_types)
                                 if self.config.trigger_head == "per_type" else None)
        self._role_masks = role_masks(self.config)

    def save(self, path: str | Path, *, metrics: dict[str, Any] | None = None) -> Path:
        """Write a complete model folder: ``config.json``, fp16 ``model.safetensors``,
        ``tokenizer.json``, ``vocab.txt``, ``metrics.json`` and the ``README.md`` model card
        (with the card notes of ``CARD_NOTES.md``). The trainer writes its folders this way.

        Args:
            path: the folder (created if needed).
            metrics: the measured metrics for ``metrics.json`` and the card; default: those of
                the folder this extractor was loaded from, if any.

        Raises:
            ValueError: the model is int8-quantized (its weights are not the config's).
        """
        from eventx.card import CARD_NOTES, write_card

        if self.quantize:
            raise ValueError("an int8-quantized model cannot be saved; load it without quantize")
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        self.model.save(folder)  # the weights (and the network's config.json, replaced next)
        self.config.save(folder)  # this extractor's config: thresholds, provenance, role_fields
        self.tokenizer.save(str(folder / "tokenizer.json"))
        vocab = self.tokenizer.get_vocab()
        (folder / "vocab.txt").write_text("".join(f"{w}\n" for w in sorted(vocab, key=vocab.get)),
                                          encoding="utf-8")
        same = folder.resolve() == self.path.resolve()
        if metrics is None and not same and (self.path / "metrics.json").is_file():
            metrics = json.loads((self.path / "metrics.json").read_text(encoding="utf-8"))
        if metrics is not None:
            (folder / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n",
                                                 encoding="utf-8")
        if not same and (self.path / CARD_NOTES).is_file():
            shutil.copy(self.path / CARD_NOTES, folder / CARD_NOTES)
        write_card(folder, self.config, metrics or {})
        return folder

    def __getstate__(self) -> dict[str, Any]:
        return {"path": str(self.path), "device": self._requested_device,
                "batch_size": self.batch_size, "quantize": self.quantize,
                "normalize": self.normalize, "merge": self.merge,
                "backend": self._requested_backend}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["path"], device=state["device"], batch_size=state["batch_size"],
                      quantize=state["quantize"], normalize=state.get("normalize", True),
                      merge=state.get("merge", True), backend=state.get("backend"), lazy=True)

    @property
    def model(self):
        if self._model is None:
            self._load()
        return self._model

    # ---------------------------------------------------------------- public calls
    def __call__(self, text: str, published: PublishedLike = None, *,
                 modality: str = "actual") -> Events:
        """Events of one text (``published``: the article's date, for relative dates), as an
        :class:`~eventx.result.Events` list that draws itself in a notebook.

        ``modality="actual"`` (the default) returns the events the text says happened;
        ``"all"`` adds planned, negated and hypothetical ones, each with its ``modality``."""
        return Events(next(self.pipe([text], published=[published], modality=modality)), text,
                      published)

    def pipe(self, texts: Iterable[Any], *, published: Iterable[PublishedLike] | PublishedLike = None,
             as_tuples: bool = False, batch_size: int | None = None,
             docs_per_chunk: int = 64, modality: str = "actual") -> Iterator[Any]:
        """Events of many texts, in order, batching windows across documents.

        Args:
            texts: the documents; with ``as_tuples``, ``(text, context)`` pairs.
            published: one date for all, or one per text (an iterable as long as ``texts``).
            as_tuples: take ``(text, context)`` pairs and yield ``(events, context)`` pairs, the
                context passed through untouched (as spaCy's ``nlp.pipe``). A context that is a
                mapping with a ``"published"`` key gives that text's date.
            batch_size: windows per forward pass (default: the extractor's).
            docs_per_chunk: documents read ahead and batched together.
            modality: ``"actual"`` (events that happened) or ``"all"`` (planned, negated and
                hypothetical ones too, labelled in ``Event.modality``).

        Raises:
            TypeError: a text that is not a ``str`` (the message names its type).
            ValueError: ``published`` has fewer or more items than ``texts``.

        Example:
            >>> docs = [("Police arrested two men.", {"id": 7, "published": "2023-10-31"})]
            >>> [(ctx["id"], [e.type for e in evs]) for evs, ctx in ex.pipe(docs, as_tuples=True)]
            ...                                                              # doctest: +SKIP
            [(7, ['arrest'])]
        """
        if not as_tuples:
            for analysis in self.analyze(texts, published=published, batch_size=batch_size,
                                         docs_per_chunk=docs_per_chunk, modality=modality):
                yield analysis.events
            return
        contexts: deque[Any] = deque()
        dates: deque[Any] = deque()
        default, aligned = _dates(published)

        def text_stream() -> Iterator[Any]:
            for text, context in texts:
                date = next(default, _END)
                if isinstance(context, Mapping) and "published" in context:
                    date = context["published"]
                contexts.append(context)
                dates.append(date)
                yield text
            if aligned and next(default, _END) is not _END:
                raise ValueError("published has more dates than there are texts")

        def date_stream() -> Iterator[Any]:
            while dates:  # analyze takes a date right after each text
                yield dates.popleft()

        for analysis in self.analyze(text_stream(), published=date_stream(), batch_size=batch_size,
                                     docs_per_chunk=docs_per_chunk, modality=modality):
            yield analysis.events, contexts.popleft()

    def analyze(self, texts: Iterable[str], *,
                published: Iterable[PublishedLike] | PublishedLike = None,
                batch_size: int | None = None, docs_per_chunk: int = 64,
                modality: str = "actual") -> Iterator[Analysis]:
        """Like :meth:`pipe`, but keep every stage: decoded spans, mentions and merged events."""
        if modality not in MODALITY_CHOICES:
            raise ValueError(f"modality must be one of {', '.join(MODALITY_CHOICES)}, not "
                             f"{modality!r}")
        dates, aligned = _dates(published)
        stream = iter(texts)
        while True:
            chunk, chunk_dates = [], []
            for text in islice(stream, docs_per_chunk):
                chunk.append(_check_text(text))
                date = next(dates, _END)
                if date is _END:
                    raise ValueError("published has fewer dates than there are texts")
                chunk_dates.append(parse_published(date))
            if not chunk:
                if aligned and next(dates, _END) is not _END:
                    raise ValueError("published has more dates than there are texts")
                return
            spans, mentions = self._mentions(chunk, batch_size or self.batch_size)
            if modality == "actual":
                mentions = [[m for m in ms if m.modality == "actual"] for ms in mentions]
            for text, date, doc_spans, doc_mentions in zip(chunk, chunk_dates, spans, mentions):
                yield self._finish(text, date, doc_spans, doc_mentions)

    # ---------------------------------------------------------------- stages
    def _scored(self, texts: list[str], batch_size: int) -> Iterator[tuple[list, list]]:
        """The model stages up to linking, batch by batch: each batch's decoded window candidates
        and its triggers' role probabilities, after the decision rules (exclusivity, roles per
        type). :meth:`_mentions` links them; :func:`eventx.calibration.collect_role_pairs` scores
        them against gold, so calibration sees exactly what extraction decides on."""
        model = self.model
        prepared = prepare_inference(self.tokenizer, texts, self.config)
        batches = batch_windows(prepared, batch_size, self._special)
        floor = self._trigger_floor()
        for batch, scores in zip(batches, _tagged(model, batches, self.device)):
            candidates = decode(scores, batch, prepared, self._decoder, floor,
                                self._trigger_decoder)
            roles = score_pairs(model, scores, candidates, batch, self.device)
            yield candidates, constrain(roles, self._role_masks, self.config.thresholds.exclusive)

    def _mentions(self, texts: list[str], batch_size: int) -> tuple[list[list], list[list[Event]]]:
        """Decoded spans and mention events of each text: the model stages, batch by batch."""
        spans: list[list[tuple[int, int, str, float]]] = [[] for _ in texts]
        mentions: list[list[Event]] = [[] for _ in texts]
        for candidates, roles in self._scored(texts, batch_size):
            for wc in candidates:
                spans[wc.doc] += [(c.char_start, c.char_end, c.label, c.score) for c in wc.owned]
            for doc, event in link_roles(roles, texts, self.config):
                mentions[doc].append(event)
        return spans, mentions

    def _trigger_floor(self) -> float:
        """The raw trigger score under which no type's threshold can keep a trigger."""
        try:
            from eventx.calibration import trigger_prefilter
        except ImportError:
            return self.config.thresholds.floor
        return trigger_prefilter(self.config)

    def decode_window(self, logits) -> list[TokenSpan]:
        """Spans of one window's tag logits (token positions relative to the window)."""
        if self._model is None:
            self._load()
        return self._decoder(logits)

    def _finish(self, text: str, published: dt.date | None, spans: list,
                mentions: list[Event]) -> Analysis:
        from eventx.calibration import calibrate_mentions

        # calibrated trigger scores, each type's threshold (no calibration: mentions as they are)
        mentions = sorted(calibrate_mentions(mentions, self.config), key=lambda e: e.trigger.start)
        # a span linked to events of several types stays with the nearest one's
        mentions = prune_cross_events(mentions, text, self.config.role_fields)
        if self.normalize:
            from eventx.normalize import normalize_events

            mentions = normalize_events(mentions, text, published)
        events = merge_mentions(mentions, text) if self.merge else list(mentions)
        return Analysis(sorted(spans), mentions, events)


def _tagged(model: Any, batches: list[Any], device: Any) -> Iterator[Any]:
    """The tag scores of each batch, in order, the encoder running one batch ahead in a worker
    thread while the caller decodes and links the batch before (the Python stages hold one core;
    torch's forward pass releases the interpreter lock). The same scores as one after the other,
    about 6% faster end to end on two cores (README, "Throughput")."""
    if len(batches) < 2:
        yield from (tag(model, b, device) for b in batches)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="eventx-encoder") as pool:
        ahead = pool.submit(tag, model, batches[0], device)
        for k in range(len(batches)):
            scores = ahead.result()
            if k + 1 < len(batches):
                ahead = pool.submit(tag, model, batches[k + 1], device)
            yield scores
