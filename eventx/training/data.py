"""Annotated documents -> training windows: tag ids per token and labelled relation pairs.

The windows of a corpus are stored in a ``datasets.Dataset`` (:func:`encode_corpus`).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from tokenizers import Tokenizer

from eventx.config import ModelConfig
from eventx.corpus.format import Document
from eventx.pairs import pair_features, sentence_gaps
from eventx.windows import casing_class, plan_windows, special_tokens, tokenize, wrap_window

__all__ = ["IGNORE", "Example", "SpanStats", "Windows", "encode_corpus", "encode_document", "recase"]

logger = logging.getLogger(__name__)
IGNORE = -100


@dataclass
class Example:
    """One window: inputs with [CLS]/[SEP], tag ids, relation pairs and their multi-hot roles."""

    doc_id: str
    ids: np.ndarray
    casing: np.ndarray
    tags: np.ndarray
    pairs: np.ndarray
    pair_labels: np.ndarray
    #: casing of the same window if the document were all lower / all upper case (augmentation)
    casing_lower: np.ndarray | None = None
    casing_upper: np.ndarray | None = None
    #: tags that an ``O`` token may also be, in a partly annotated document
    free_tags: np.ndarray | None = None
    #: with the ``per_type`` trigger head: ``(len, types)`` O/B/I ids (0, 1, 2) or IGNORE
    trig_tags: np.ndarray | None = None
    #: with a modality head: ``(k, 4)`` rows window, start, end (shifted for [CLS]), modality id
    modal: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.ids)


@dataclass
class SpanStats:
    spans: int = 0
    dropped_overlap: int = 0
    cut_by_window: int = 0
    tags: Counter = field(default_factory=Counter)


def _token_range(offsets: np.ndarray, start: int, end: int) -> tuple[int, int] | None:
    """Tokens overlapping characters ``[start, end)``, or None if none does."""
    inside = np.nonzero((offsets[:, 1] > start) & (offsets[:, 0] < end))[0]
    if len(inside) == 0:
        return None
    return int(inside[0]), int(inside[-1]) + 1


def recase(text: str, offsets: np.ndarray, how: str) -> np.ndarray | None:
    """Casing classes of the tokens as if ``text`` were all lower or upper case."""
    other = text.lower() if how == "lower" else text.upper()
    if len(other) != len(text):
        return None
    return np.fromiter((casing_class(other[s:e]) for s, e in offsets), dtype=np.int64,
                       count=len(offsets))


def encode_document(doc: Document, tokenizer: Tokenizer, config: ModelConfig,
                    stats: SpanStats | None = None, augment: bool = True) -> list[Example]:
    """Cut one annotated document into training windows.

    Triggers are tagged ``B-T:type``/``I-T:type``; argument spans by the kind of their role.
    Where spans overlap, the trigger wins, then the longer argument; a span cut by a window's edge
    is ignored in that window (its tokens get :data:`IGNORE`) rather than taught with a wrong boundary.
    """
    stats = stats or SpanStats()
    toks = tokenize(tokenizer, doc.text)
    tag_index = {t: i for i, t in enumerate(config.tags)}
    role_index = {r: i for i, r in enumerate(config.roles)}
    special = special_tokens(tokenizer)

    # Document-level token spans: triggers (by event) and unique argument spans.
    triggers: list[tuple[int, int, str, list[tuple[tuple[int, int], str]], str]] = []
    args: dict[tuple[int, int], str] = {}
    for ev in doc.events:
        if ev.type not in config.event_types:
            continue
        tr = _token_range(toks.offsets, ev.trigger.start, ev.trigger.end)
        if tr is None:
            continue
        links = []
        for a in ev.arguments:
            kind = config.roles.get(a.role)
            rng = _token_range(toks.offsets, a.start, a.end)
            if kind is None or rng is None:
                continue
            args.setdefault(rng, kind)
            links.append((rng, a.role))
        triggers.append((tr[0], tr[1], ev.type, links, ev.modality))
    per_type = config.trigger_head == "per_type"
    type_index = {t: i for i, t in enumerate(config.event_types)}
    modal_index = {m: i for i, m in enumerate(config.modalities)}
    trig = np.zeros((len(toks), len(type_index)), dtype=np.int64) if per_type else None
    placed_triggers: list[tuple[int, int, str]] = []
    if per_type:
        for s, e, t, _, _ in triggers:
            col = type_index[t]
            stats.spans += 1
            if trig[s:e, col].any():
                stats.dropped_overlap += 1
                continue
            trig[s, col] = 1
            trig[s + 1:e, col] = 2
            placed_triggers.append((s, e, t))
            stats.tags[f"T:{t}"] += 1

    labels = np.zeros(len(toks), dtype=np.int64)
    taken = np.zeros(len(toks), dtype=bool)
    placed: list[tuple[int, int, str]] = []
    spans = [] if per_type else [(s, e, f"T:{t}") for s, e, t, _, _ in triggers]
    spans += sorted(((s, e, k) for (s, e), k in args.items()), key=lambda x: x[0] - x[1])
    for s, e, label in spans:
        stats.spans += 1
        if taken[s:e].any():
            stats.dropped_overlap += 1
            continue
        taken[s:e] = True
        labels[s] = tag_index[f"B-{label}"]
        labels[s + 1:e] = tag_index[f"I-{label}"]
        placed.append((s, e, label))
        stats.tags[label] += 1

    free = None
    if doc.annotated_types is not None:
        # A partly annotated document: its marked spans are right, but an unmarked token may be
        # a trigger of a type it does not mark completely, or an argument (those are marked only
        # around the marked mentions).
        complete = {f"T:{t}" for t in doc.annotated_types}
        free = np.array([t != "O" and t[2:] not in complete for t in config.tags], dtype=bool)
        if per_type:
            for t, col in type_index.items():
                if f"T:{t}" not in complete:  # its unmarked tokens may be triggers: no loss
                    trig[:, col] = np.where(trig[:, col] == 0, IGNORE, trig[:, col])
    lower = recase(doc.text, toks.offsets, "lower") if augment else None
    upper = recase(doc.text, toks.offsets, "upper") if augment else None
    placed_args = [(s, e) for s, e, lab in placed if not lab.startswith("T:")]
    examples = []
    for w in plan_windows(len(toks), config.max_length - 2, config.overlap):
        n = w.end - w.start
        tags = labels[w.start:w.end].copy()
        for s, e, _ in placed:
            if s < w.end and e > w.start and (s < w.start or e > w.end):
                tags[max(s, w.start) - w.start:min(e, w.end) - w.start] = IGNORE
                stats.cut_by_window += 1
        in_win = [(s - w.start, e - w.start) for s, e in placed_args if s >= w.start and e <= w.end]
        win_trig = None
        if per_type:
            win_trig = trig[w.start:w.end].copy()
            for s, e, t in placed_triggers:
                if s < w.end and e > w.start and (s < w.start or e > w.end):
                    win_trig[max(s, w.start) - w.start:min(e, w.end) - w.start,
                             type_index[t]] = IGNORE
            win_trig = np.concatenate([np.full((1, len(type_index)), IGNORE), win_trig,
                                       np.full((1, len(type_index)), IGNORE)]).astype(np.int64)
        modal = None
        if modal_index:
            modal = np.array([(0, s - w.start + 1, e - w.start + 1, modal_index[m])
                              for s, e, _, _, m in triggers
                              if s >= w.start and e <= w.end and m in modal_index],
                             dtype=np.int64).reshape(-1, 4)
        arg_objs = [_Tok(s, e) for s, e in in_win]
        gaps = sentence_gaps(toks.ids[w.start:w.end], special.sentence_end)
        pair_rows, pair_labels = [], []
        for ts, te, _, links, _ in triggers:
            if ts < w.start or te > w.end or not arg_objs:
                continue
            gold = np.zeros((len(arg_objs), len(role_index)), dtype=np.float32)
            for (s, e), role in links:
                key = (s - w.start, e - w.start)
                if key in in_win and role in role_index:
                    gold[in_win.index(key), role_index[role]] = 1.0
            pair_rows.append(pair_features(0, _Tok(ts - w.start, te - w.start), arg_objs, gaps))
            pair_labels.append(gold)

        def wrap(values: np.ndarray | None) -> np.ndarray | None:
            return None if values is None else wrap_window(values, w, 0, 0)

        examples.append(Example(
            doc_id=doc.id,
            ids=wrap_window(toks.ids, w, special.cls, special.sep),
            casing=wrap(toks.casing),
            tags=np.concatenate([[IGNORE], tags, [IGNORE]]).astype(np.int64),
            pairs=np.concatenate(pair_rows) if pair_rows else np.zeros((0, 7), dtype=np.int64),
            pair_labels=(np.concatenate(pair_labels) if pair_labels
                         else np.zeros((0, len(role_index)), dtype=np.float32)),
            casing_lower=wrap(lower),
            casing_upper=wrap(upper),
            free_tags=free,
            trig_tags=win_trig,
            modal=modal,
        ))
        assert len(examples[-1].ids) == n + 2
    return examples


@dataclass(frozen=True)
class _Tok:
    start: int
    end: int


_ARRAYS = ("ids", "casing", "tags", "casing_lower", "casing_upper")


def _row(ex: Example) -> dict:
    empty = np.zeros(0, dtype=np.int64)
    return {
        "doc_id": ex.doc_id,
        "length": len(ex),
        **{k: (getattr(ex, k) if getattr(ex, k) is not None else empty) for k in _ARRAYS},
        "n_pairs": len(ex.pairs),
        "pairs": ex.pairs.reshape(-1),
        "pair_labels": ex.pair_labels.reshape(-1),
        "free_tags": ex.free_tags if ex.free_tags is not None else np.zeros(0, dtype=bool),
        "trig_tags": ex.trig_tags.reshape(-1) if ex.trig_tags is not None else empty,
        "modal": ex.modal.reshape(-1) if ex.modal is not None else empty,
    }


class Windows(Sequence):
    """Encoded training windows kept in a ``datasets.Dataset`` (Arrow, not Python objects).

    Indexing gives an :class:`Example`; ``lengths`` holds every window's length for batching and
    ``partial`` which windows come from partly annotated documents.
    """

    def __init__(self, dataset, n_roles: int, n_types: int = 0) -> None:
        self.dataset = dataset.with_format("numpy")
        self.n_roles = n_roles
        self.n_types = n_types
        self.lengths = np.asarray(dataset["length"], dtype=np.int64) if len(dataset) else np.zeros(0)
        #: windows of partly annotated documents (they carry free tags)
        self.partial = np.array([len(f) > 0 for f in dataset["free_tags"]], dtype=bool)

    def __len__(self) -> int:
        return len(self.dataset)

    def __getitem__(self, i: int) -> Example:
        r = self.dataset[int(i)]
        n = int(r["n_pairs"])
        opt = {k: (r[k] if len(r[k]) else None) for k in ("casing_lower", "casing_upper", "free_tags")}
        trig = r["trig_tags"].reshape(-1, self.n_types) if len(r["trig_tags"]) else None
        modal = r["modal"].reshape(-1, 4) if len(r["modal"]) else None
        return Example(
            doc_id=str(r["doc_id"]), ids=r["ids"], casing=r["casing"], tags=r["tags"],
            pairs=r["pairs"].reshape(n, 7), pair_labels=r["pair_labels"].reshape(n, self.n_roles),
            trig_tags=trig, modal=modal, **opt)


def encode_corpus(docs: list[Document], tokenizer: Tokenizer, config: ModelConfig,
                  stats: SpanStats | None = None, augment: bool = True) -> Windows:
    """Encode documents into :class:`Windows` backed by a ``datasets.Dataset``."""
    import datasets

    rows = [_row(ex) for d in docs for ex in encode_document(d, tokenizer, config, stats, augment)]
    features = datasets.Features({
        "doc_id": datasets.Value("string"), "length": datasets.Value("int64"),
        **{k: datasets.Sequence(datasets.Value("int64")) for k in _ARRAYS},
        "n_pairs": datasets.Value("int64"),
        "pairs": datasets.Sequence(datasets.Value("int64")),
        "pair_labels": datasets.Sequence(datasets.Value("float32")),
        "free_tags": datasets.Sequence(datasets.Value("bool")),
        "trig_tags": datasets.Sequence(datasets.Value("int64")),
        "modal": datasets.Sequence(datasets.Value("int64")),
    })
    dataset = datasets.Dataset.from_list(rows, features=features) if rows else \
        datasets.Dataset.from_dict({k: [] for k in features}, features=features)
    return Windows(dataset, len(config.roles),
                   len(config.event_types) if config.trigger_head == "per_type" else 0)
