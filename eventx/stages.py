"""The stages between texts and mention events, each a function over typed records.

    prepare      texts -> Prepared (word pieces with offsets, windows)        tokenizer only
    batch_windows  Prepared -> WindowBatch (padded encoder inputs)            pure
    tag          WindowBatch -> TagScores (tag logits, hidden states)         torch
    decode       TagScores -> WindowCandidates (spans, character offsets)     pure
    score_pairs  WindowCandidates -> TriggerRoles (role probabilities)        torch
    constrain    TriggerRoles -> TriggerRoles (exclusivity, roles per type)   pure
    link_roles   TriggerRoles -> (document, Event) mentions                   pure

:class:`~eventx.Extractor` composes them, then, per document, the type thresholds
(:func:`eventx.calibration.calibrate_mentions`), :func:`eventx.linking.prune_cross_events`,
:func:`eventx.normalize.normalize_events` and :func:`eventx.merge.merge_mentions`. Training uses
the same window inputs (:func:`~eventx.windows.wrap_window`, :func:`~eventx.windows.pad_windows`),
the same pair features (:func:`~eventx.pairs.pair_features`, :func:`~eventx.pairs.sentence_gaps`)
and the same decoder (:class:`~eventx.decoding.SpanDecoder`). Only :func:`tag` and
:func:`score_pairs` need torch.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from eventx.config import ModelConfig
from eventx.decoding import SpanDecoder, TriggerDecoder
from eventx.link_rules import ATTACK_TYPES, accident, told_modality
from eventx.linking import ArgSpan, TriggerSpan, link
from eventx.pairs import pair_features, sentence_gaps
from eventx.schema import Event
from eventx.windows import (
    SpecialTokens,
    TokenizedText,
    Window,
    pad_windows,
    plan_windows,
    tokenize,
    wrap_window,
)

__all__ = [
    "Candidate",
    "Prepared",
    "TagScores",
    "TriggerRoles",
    "WindowBatch",
    "WindowCandidates",
    "batch_windows",
    "constrain",
    "decode",
    "link_roles",
    "pair_inputs",
    "prepare",
    "prepare_inference",
    "role_masks",
    "score_pairs",
    "tag",
    "word_bounds",
]


@dataclass(frozen=True)
class Prepared:
    """One text cut into windows (a blank text has no tokens and no window)."""

    text: str
    tokens: TokenizedText | None
    windows: tuple[Window, ...]


@dataclass(frozen=True)
class WindowBatch:
    """The windows of one forward pass, as padded encoder inputs.

    Attributes:
        ids, mask, casing: ``(rows, width)`` int64 arrays (``[CLS] pieces [SEP]`` then padding).
        docs: the document (index into the prepared texts) of each row.
        windows: the window of each row.
        gaps: each row's :func:`~eventx.pairs.sentence_gaps`.
    """

    ids: np.ndarray
    mask: np.ndarray
    casing: np.ndarray
    docs: tuple[int, ...]
    windows: tuple[Window, ...]
    gaps: tuple[np.ndarray, ...]


@dataclass(frozen=True)
class TagScores:
    """The encoder's output for a batch: tag logits ``(rows, width, tags)`` as numpy, and the
    hidden states (a torch tensor, opaque to the pure stages) for the relation head."""

    logits: np.ndarray
    hidden: Any = None
    #: per-type trigger logits ``(rows, width, types, 3)`` of a ``per_type`` trigger head
    triggers: np.ndarray | None = None


@dataclass(frozen=True)
class Candidate:
    """A decoded span: word pieces ``[start, end)`` of its window (no ``[CLS]``), characters
    ``[char_start, char_end)`` of its text (widened to whole words), label and score."""

    start: int
    end: int
    char_start: int
    char_end: int
    label: str
    score: float


@dataclass(frozen=True)
class WindowCandidates:
    """The spans of one window: ``owned`` (every span the window's core owns, any label, for
    evaluation), ``triggers`` (owned trigger spans over the threshold) and ``arguments`` (every
    argument span of the window, owned or not: context for the triggers)."""

    row: int
    doc: int
    owned: tuple[Candidate, ...]
    triggers: tuple[Candidate, ...]
    arguments: tuple[Candidate, ...]


@dataclass(frozen=True)
class TriggerRoles:
    """One trigger with its window's argument spans and their role probabilities
    ``(len(arguments), len(roles))``."""

    row: int
    doc: int
    trigger: Candidate
    arguments: tuple[Candidate, ...]
    probs: np.ndarray
    #: the trigger's modality (``actual`` for a model without a modality head)
    modality: str = "actual"


def prepare(tokenizer: Any, texts: Sequence[str], *, max_length: int,
            overlap: int, even: bool = False) -> list[Prepared]:
    """Tokenize each text and plan its windows of ``max_length - 2`` pieces (``even``: see
    :func:`~eventx.windows.plan_windows`)."""
    out = []
    for text in texts:
        if not text.strip():
            out.append(Prepared(text, None, ()))
            continue
        tokens = tokenize(tokenizer, text)
        out.append(Prepared(text, tokens,
                            tuple(plan_windows(len(tokens), max_length - 2, overlap, even=even))))
    return out


def prepare_inference(tokenizer: Any, texts: Sequence[str], config: Any) -> list[Prepared]:
    """:func:`prepare` with a model's inference window plan (``config``: its
    :class:`~eventx.config.ModelConfig`: ``max_length``, ``inference_overlap``,
    ``even_windows``)."""
    return prepare(tokenizer, texts, max_length=config.max_length,
                   overlap=config.inference_overlap, even=config.even_windows)


def batch_windows(prepared: Sequence[Prepared], batch_size: int,
                  special: SpecialTokens) -> list[WindowBatch]:
    """Every window of ``prepared``, sorted by length (less padding), in batches of ``batch_size``."""
    jobs = [(i, w) for i, p in enumerate(prepared) for w in p.windows]
    jobs.sort(key=lambda j: j[1].end - j[1].start)
    batches = []
    for k in range(0, len(jobs), batch_size):
        part = jobs[k:k + batch_size]
        toks = [prepared[i].tokens for i, _ in part]
        ids = [wrap_window(t.ids, w, special.cls, special.sep) for t, (_, w) in zip(toks, part)]
        casing = [wrap_window(t.casing, w, 0, 0) for t, (_, w) in zip(toks, part)]
        padded, mask, case = pad_windows(ids, casing, special.pad)
        gaps = tuple(sentence_gaps(t.ids[w.start:w.end], special.sentence_end)
                     for t, (_, w) in zip(toks, part))
        batches.append(WindowBatch(padded, mask, case, tuple(i for i, _ in part),
                                   tuple(w for _, w in part), gaps))
    return batches


def tag(model: Any, batch: WindowBatch, device: Any) -> TagScores:
    """Run the encoder and the tagger (torch, no gradients)."""
    import torch

    with torch.inference_mode():
        hidden = model.encode(torch.from_numpy(batch.ids).to(device),
                              torch.from_numpy(batch.mask).to(device),
                              torch.from_numpy(batch.casing).to(device))
        logits = model.tag_logits(hidden).float().cpu().numpy()
        trig = model.trigger_logits(hidden) if hasattr(model, "trigger_logits") else None
        trig = trig.float().cpu().numpy() if trig is not None else None
    return TagScores(logits, hidden, trig)


def word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span cut inside a word to the whole word (word pieces can split words), and
    over hyphens inside a compound ("Afghan people" of "Afghan people-smugglers").

    >>> word_bounds("Afghan people-smugglers", 7, 10)
    (7, 23)
    >>> t = "a 54-year-old man"; t[slice(*word_bounds(t, 2, 10))]  # cut right after a hyphen
    '54-year-old'
    """
    n = len(text)
    if 0 < end < n and text[end - 1] == "-" and text[end].isalnum() and end - 1 > start:
        end += 1  # "54-year-" + "old": the compound goes on
    if 0 < start < n - 1 and text[start] == "-" and text[start - 1].isalnum():
        start -= 1  # "-old" of "54-year-old"
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


def decode(scores: TagScores, batch: WindowBatch, prepared: Sequence[Prepared],
           decoder: SpanDecoder, trigger_threshold: float,
           trigger_decoder: TriggerDecoder | None = None) -> list[WindowCandidates]:
    """Spans of each window with their character offsets (computed here, once); triggers from
    ``trigger_decoder`` where the model has a per-type trigger head."""
    out = []
    for b, (doc, w) in enumerate(zip(batch.docs, batch.windows)):
        n = w.end - w.start
        text, offs = prepared[doc].text, prepared[doc].tokens.offsets
        spans = decoder(scores.logits[b, 1:n + 1])
        if scores.triggers is not None and trigger_decoder is not None:
            spans = sorted(spans + trigger_decoder(scores.triggers[b, 1:n + 1]),
                           key=lambda s: (s.start, s.end, s.label))
        found = [Candidate(s.start, s.end,
                           *word_bounds(text, int(offs[w.start + s.start][0]),
                                        int(offs[w.start + s.end - 1][1])), s.label, s.score)
                 for s in spans]
        owned = tuple(c for c in found if w.core_start <= w.start + c.start < w.core_end)
        out.append(WindowCandidates(
            b, doc, owned,
            tuple(c for c in owned if c.label.startswith("T:") and c.score >= trigger_threshold),
            tuple(c for c in found if not c.label.startswith("T:"))))
    return out


def pair_inputs(candidates: Sequence[WindowCandidates],
                batch: WindowBatch) -> tuple[np.ndarray, list[tuple[WindowCandidates, Candidate]]]:
    """The relation head's input rows for every (trigger, argument) pair of the windows, and the
    (window, trigger) each block of ``len(arguments)`` rows belongs to, in order."""
    rows, owners = [], []
    for wc in candidates:
        for t in wc.triggers:
            rows.append(pair_features(wc.row, t, wc.arguments, batch.gaps[wc.row]))
            owners.append((wc, t))
    flat = np.concatenate(rows) if rows else np.zeros((0, 7), dtype=np.int64)
    return flat, owners


def score_pairs(model: Any, scores: TagScores, candidates: Sequence[WindowCandidates],
                batch: WindowBatch, device: Any) -> list[TriggerRoles]:
    """Role probabilities of every trigger's argument spans (torch, the relation head)."""
    import torch

    flat, owners = pair_inputs(candidates, batch)
    if not owners:
        return []
    modalities = list(getattr(getattr(model, "config", None), "modalities", None) or [])
    with torch.inference_mode():
        logits = model.relation_logits(scores.hidden, torch.from_numpy(flat).to(device))
        probs = torch.sigmoid(logits).float().cpu().numpy()
        labels = ["actual"] * len(owners)
        if modalities:
            spans = np.array([(wc.row, t.start + 1, t.end + 1) for wc, t in owners], dtype=np.int64)
            mod = model.modality_logits(scores.hidden, torch.from_numpy(spans).to(device))
            labels = [modalities[i] for i in mod.argmax(dim=-1).cpu().tolist()]
    parts = np.split(probs, np.cumsum([len(wc.arguments) for wc, _ in owners])[:-1])
    return [TriggerRoles(wc.row, wc.doc, t, wc.arguments, p, m)
            for (wc, t), p, m in zip(owners, parts, labels)]


def role_masks(config: ModelConfig) -> dict[str, np.ndarray]:
    """Per event type, 1 for the roles its training data gave it, 0 for the rest."""
    return {t: np.array([r in allowed for r in config.roles], dtype=np.float32)
            for t, allowed in config.type_roles.items()}


def constrain(items: Sequence[TriggerRoles], masks: Mapping[str, np.ndarray],
              exclusive: bool) -> list[TriggerRoles]:
    """Apply the decision rules to the role probabilities: with ``exclusive``, each (argument,
    role) probability is zeroed except for the most probable trigger of its type in the window
    ("three killed" belongs to one of two attack mentions); then the roles a type never had in
    training are zeroed (no death toll on an agreement)."""
    probs = [it.probs for it in items]
    if exclusive:
        groups: dict[tuple[int, str], list[int]] = {}
        for i, it in enumerate(items):
            groups.setdefault((it.row, it.trigger.label), []).append(i)
        for members in groups.values():
            if len(members) < 2:
                continue
            stack = np.stack([items[i].probs for i in members])  # (triggers, args, roles)
            keep = stack == stack.max(axis=0, keepdims=True)
            for k, i in enumerate(members):
                probs[i] = np.where(keep[k], items[i].probs, 0.0)
    out = []
    for it, p in zip(items, probs):
        mask = masks.get(it.trigger.label[2:])
        out.append(TriggerRoles(it.row, it.doc, it.trigger, it.arguments,
                                p * mask if mask is not None else p, it.modality))
    return out


def link_roles(items: Sequence[TriggerRoles], texts: Sequence[str],
               config: ModelConfig) -> list[tuple[int, Event]]:
    """One mention event per trigger, with the document it belongs to (:func:`~eventx.linking.link`
    with the decision rules; an attack that its sentence tells as an accident is dropped). A model
    without a modality head takes each trigger's modality from the words before it
    (:func:`~eventx.link_rules.told_modality`)."""
    out = []
    role_cut = (config.thresholds.for_roles(config.roles) if config.thresholds.roles
                else config.thresholds.role)
    for it in items:
        t = it.trigger
        trig = TriggerSpan(t.char_start, t.char_end, t.label[2:], t.score)
        args = [ArgSpan(a.char_start, a.char_end, a.label, a.score) for a in it.arguments]
        event = link(texts[it.doc], trig, args, it.probs, config.roles, role_cut,
                     config.role_fields, type_roles=config.type_roles.get(trig.type),
                     sentences_away=config.sentences_away)
        modality = it.modality if config.modalities else told_modality(texts[it.doc], trig.start)
        if modality != event.modality:
            event = event.model_copy(update={"modality": modality})
        if event.type in ATTACK_TYPES and accident(
                texts[it.doc], trig.start, any(p.role == "agent" for p in event.who)):
            continue  # an explosion at a fireworks factory is no attack
        out.append((it.doc, event))
    return out
