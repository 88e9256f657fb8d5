"""The :class:`Extractor`: text in, events out, over any eventx model folder.

Stages, each a pure function but the encoder step: tokenize -> windows -> encoder scores ->
decoding (tags to spans) -> linking (spans to mention events) -> normalization -> merging.
Windows of many documents are batched together, sorted by length to cut padding.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np

from eventx.config import ModelConfig
from eventx.decoding import bio_spans, decode_tags, log_softmax, transition_mask
from eventx.errors import ModelLoadError
from eventx.linking import ArgSpan, TriggerSpan, link, merge_mentions
from eventx.pairs import pair_features
from eventx.schema import Event
from eventx.windows import TokenizedText, Window, load_tokenizer, plan_windows, tokenize

__all__ = ["DEFAULT_MODEL_NAME", "Analysis", "Extractor", "default_model_path", "parse_published"]

logger = logging.getLogger(__name__)

DEFAULT_MODEL_NAME = "eventx-news-base"
PublishedLike = str | dt.date | None
_SENTENCE_END = (".", "!", "?")


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


def parse_published(value: Any) -> dt.date | None:
    """Accept an ISO date string, a ``date`` or ``datetime``, or None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        if not value.strip():
            return None
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            raise ValueError(f"published must be an ISO date like '2023-10-31', not {value!r}") from None
    raise TypeError(f"published must be a str, datetime.date or None, not {type(value).__name__}")


def _check_text(text: Any) -> str:
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    return text


@dataclass
class _Doc:
    index: int
    text: str
    published: dt.date | None
    tokens: TokenizedText | None = None
    windows: list[Window] = field(default_factory=list)
    mentions: list[Event] = field(default_factory=list)
    #: every decoded span owned by a window core: (start, end, label, score), chars
    spans: list[tuple[int, int, str, float]] = field(default_factory=list)


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
                 quantize: bool = False, lazy: bool = False) -> None:
        self.path = Path(path)
        self.device = device
        self.batch_size = batch_size
        self.quantize = quantize
        self._model = None
        self.config = ModelConfig.load(self.path)
        if not lazy:
            self._load()

    @classmethod
    def from_pretrained(cls, path: str | Path | None = None, *, device: str | None = None,
                        batch_size: int = 16, quantize: bool = False, lazy: bool = False) -> Extractor:
        """Load a model folder (the default model when ``path`` is None).

        Args:
            path: a folder with ``config.json``, ``model.safetensors`` and ``tokenizer.json``.
            device: ``"cpu"``, ``"cuda"``, ...; default: CUDA when available, else CPU.
            batch_size: windows per forward pass.
            quantize: int8 dynamic quantization of the linear layers (CPU only).
            lazy: defer loading the weights until the first call.

        Raises:
            ModelLoadError: a missing file, or weights that do not match the config.
        """
        return cls(path if path is not None else default_model_path(), device=device,
                   batch_size=batch_size, quantize=quantize, lazy=lazy)

    # ---------------------------------------------------------------- loading / pickling
    def _load(self) -> None:
        import torch

        from eventx.model import EventxModel

        if not (self.path / "tokenizer.json").is_file():
            raise ModelLoadError(f"{self.path}: no tokenizer.json")
        self.tokenizer = load_tokenizer(self.path)
        model = EventxModel.load(self.path, self.config)
        device = self.device or ("cuda" if torch.cuda.is_available() else "cpu")
        if self.quantize and device == "cpu":
            model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
        self._torch_device = torch.device(device)
        self._model = model.to(self._torch_device).eval()
        vocab = self.tokenizer.get_vocab()
        self._special = (vocab["[CLS]"], vocab["[SEP]"], vocab.get("[PAD]", 0))
        self._sentence_end = np.array([vocab[t] for t in _SENTENCE_END if t in vocab])
        self._tags = self.config.tags
        self._allowed, self._first = transition_mask(self._tags)
        # per type, 1 for the roles its training data gave it, 0 for the rest (config.type_roles)
        self._role_masks = {t: np.array([r in allowed for r in self.config.roles], dtype=np.float32)
                            for t, allowed in self.config.type_roles.items()}

    def __getstate__(self) -> dict[str, Any]:
        return {"path": str(self.path), "device": self.device, "batch_size": self.batch_size,
                "quantize": self.quantize}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["path"], device=state["device"], batch_size=state["batch_size"],
                      quantize=state["quantize"], lazy=True)

    @property
    def model(self):
        if self._model is None:
            self._load()
        return self._model

    # ---------------------------------------------------------------- public calls
    def __call__(self, text: str, published: PublishedLike = None) -> list[Event]:
        """Events of one text (``published``: the article's date, for relative dates)."""
        return next(self.pipe([text], published=[published]))

    def pipe(self, texts: Iterable[str], *, published: Iterable[PublishedLike] | PublishedLike = None,
             batch_size: int | None = None, docs_per_chunk: int = 64) -> Iterator[list[Event]]:
        """Events of many texts, in order, batching windows across documents.

        Args:
            texts: the documents.
            published: one date for all, or one per text (an iterable aligned with ``texts``).
            batch_size: windows per forward pass (default: the extractor's).
            docs_per_chunk: documents read ahead and batched together.

        Raises:
            TypeError: a text that is not a ``str`` (the message names its type).
        """
        for analysis in self.analyze(texts, published=published, batch_size=batch_size,
                                     docs_per_chunk=docs_per_chunk):
            yield analysis.events

    def analyze(self, texts: Iterable[str], *,
                published: Iterable[PublishedLike] | PublishedLike = None,
                batch_size: int | None = None, docs_per_chunk: int = 64) -> Iterator[Analysis]:
        """Like :meth:`pipe`, but keep every stage: decoded spans, mentions and merged events."""
        if published is None or isinstance(published, str | dt.date):
            dates: Iterator[Any] = iter(lambda: published, object())
        else:
            dates = iter(published)
        stream = iter(texts)
        index = 0
        while True:
            chunk = []
            for text in islice(stream, docs_per_chunk):
                chunk.append(_Doc(index, _check_text(text), parse_published(next(dates, None))))
                index += 1
            if not chunk:
                return
            self._run(chunk, batch_size or self.batch_size)
            for doc in chunk:
                yield self._finish(doc)

    # ---------------------------------------------------------------- stages
    def _run(self, docs: list[_Doc], batch_size: int) -> None:
        model = self.model
        content = self.config.max_length - 2
        jobs: list[tuple[_Doc, Window]] = []
        for doc in docs:
            if not doc.text.strip():
                continue
            doc.tokens = tokenize(self.tokenizer, doc.text)
            doc.windows = plan_windows(len(doc.tokens), content, self.config.inference_overlap)
            jobs += [(doc, w) for w in doc.windows]
        jobs.sort(key=lambda j: j[1].end - j[1].start)
        for i in range(0, len(jobs), batch_size):
            self._forward(model, jobs[i:i + batch_size])

    def _forward(self, model, jobs: list[tuple[_Doc, Window]]) -> None:
        import torch

        cls_id, sep_id, pad_id = self._special
        width = max(w.end - w.start for _, w in jobs) + 2
        ids = np.full((len(jobs), width), pad_id, dtype=np.int64)
        casing = np.zeros((len(jobs), width), dtype=np.int64)
        mask = np.zeros((len(jobs), width), dtype=np.int64)
        for b, (doc, w) in enumerate(jobs):
            n = w.end - w.start
            ids[b, 0], ids[b, n + 1] = cls_id, sep_id
            ids[b, 1:n + 1] = doc.tokens.ids[w.start:w.end]
            casing[b, 1:n + 1] = doc.tokens.casing[w.start:w.end]
            mask[b, :n + 2] = 1
        dev = self._torch_device
        with torch.inference_mode():
            hidden = model.encode(torch.from_numpy(ids).to(dev), torch.from_numpy(mask).to(dev),
                                  torch.from_numpy(casing).to(dev))
            logits = model.tag_logits(hidden).float().cpu().numpy()
        pairs, owners = [], []
        for b, (doc, w) in enumerate(jobs):
            n = w.end - w.start
            found = self.decode_window(logits[b, 1:n + 1])
            offs = doc.tokens.offsets
            doc.spans += [(*_word_bounds(doc.text, int(offs[w.start + s.start][0]),
                                         int(offs[w.start + s.end - 1][1])), s.label, s.score)
                          for s in found if w.core_start <= w.start + s.start < w.core_end]
            triggers = [s for s in found if s.label.startswith("T:")
                        and w.core_start <= w.start + s.start < w.core_end
                        and s.score >= self.config.thresholds.trigger]
            args = [s for s in found if not s.label.startswith("T:")]
            if not triggers:
                continue
            gaps = np.concatenate([[0], np.cumsum(np.isin(doc.tokens.ids[w.start:w.end],
                                                          self._sentence_end))])
            for t in triggers:
                rows = pair_features(b, t, args, gaps)
                pairs.append(rows)
                owners.append((doc, w, t, args))
        if not pairs:
            return
        with torch.inference_mode():
            flat = torch.from_numpy(np.concatenate(pairs)).to(dev)
            probs = torch.sigmoid(model.relation_logits(hidden, flat)).float().cpu().numpy()
        parts = np.split(probs, np.cumsum([len(rows) for rows in pairs])[:-1])
        if self.config.thresholds.exclusive:
            parts = _exclusive(owners, parts)
        for (doc, w, t, args), p in zip(owners, parts):
            doc.mentions.append(self._link(doc, w, t, args, p))

    def decode_window(self, logits: np.ndarray):
        """Spans of one window's tag logits (token positions relative to the window)."""
        logp = log_softmax(logits.astype(np.float64))
        path = decode_tags(logp, self._allowed, self._first)
        return bio_spans(path, self._tags, np.exp(logp))

    def _link(self, doc: _Doc, w: Window, t, args, probs: np.ndarray) -> Event:
        offs = doc.tokens.offsets

        def chars(s) -> tuple[int, int]:
            return _word_bounds(doc.text, int(offs[w.start + s.start][0]),
                                int(offs[w.start + s.end - 1][1]))

        trig = TriggerSpan(*chars(t), t.label[2:], t.score)
        cands = [ArgSpan(*chars(a), a.label, a.score) for a in args]
        mask = self._role_masks.get(trig.type)
        if mask is not None:  # no roles the training data never gave this type
            probs = probs * mask
        return link(doc.text, trig, cands, probs, self.config.roles, self.config.thresholds.role)

    def _finish(self, doc: _Doc) -> Analysis:
        from eventx.normalize import normalize_events

        mentions = normalize_events(sorted(doc.mentions, key=lambda e: e.trigger.start), doc.text,
                                    doc.published)
        return Analysis(sorted(doc.spans), mentions, merge_mentions(mentions, doc.text))


def _exclusive(owners: list, parts: list[np.ndarray]) -> list[np.ndarray]:
    """Zero each (argument, role) probability except for the most probable trigger of its type
    in the same window."""
    groups: dict[tuple[int, str], list[int]] = {}
    for i, (_, w, t, args) in enumerate(owners):
        groups.setdefault((id(args), t.label), []).append(i)
    out = list(parts)
    for members in groups.values():
        if len(members) < 2:
            continue
        stack = np.stack([parts[i] for i in members])  # (triggers, args, roles)
        keep = stack == stack.max(axis=0, keepdims=True)
        for k, i in enumerate(members):
            out[i] = np.where(keep[k], parts[i], 0.0)
    return out


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span cut inside a word to the whole word (word pieces can split words), and
    over hyphens inside a compound ("Afghan people" of "Afghan people-smugglers")."""
    n = len(text)
    while 0 < start < n and text[start].isalnum():
        if text[start - 1].isalnum():
            start -= 1
        elif start > 1 and text[start - 1] == "-" and text[start - 2].isalnum():
            start -= 2
        else:
            break
    while 0 < end < n and text[end - 1].isalnum():
        if text[end].isalnum():
            end += 1
        elif end + 1 < n and text[end] == "-" and text[end + 1].isalnum():
            end += 2
        else:
            break
    return start, end
