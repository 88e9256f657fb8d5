"""From per-token tag scores to spans: constrained BIO decoding (pure numpy, no model).

``I-X`` may only follow ``B-X`` or ``I-X``; Viterbi finds the best tag sequence under that
constraint, so a span never starts with ``I-`` or changes label midway.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["SpanDecoder", "TokenSpan", "TriggerDecoder", "bio_spans", "decode_tags", "log_softmax", "transition_mask"]


@dataclass(frozen=True)
class TokenSpan:
    """Tokens ``[start, end)`` labelled ``label`` with a confidence ``score`` in [0, 1]."""

    start: int
    end: int
    label: str
    score: float


def log_softmax(logits: np.ndarray) -> np.ndarray:
    z = logits - logits.max(axis=-1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=-1, keepdims=True))


def transition_mask(tags: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """``(allowed[prev, next], allowed_first[next])`` for BIO tags like ``O``, ``B-X``, ``I-X``."""
    n = len(tags)
    allowed = np.ones((n, n), dtype=bool)
    first = np.ones(n, dtype=bool)
    for j, tag in enumerate(tags):
        if tag.startswith("I-"):
            first[j] = False
            label = tag[2:]
            for i, prev in enumerate(tags):
                allowed[i, j] = prev in (f"B-{label}", f"I-{label}")
    return allowed, first


def decode_tags(logprobs: np.ndarray, allowed: np.ndarray, first: np.ndarray) -> np.ndarray:
    """Viterbi: the best tag index per token under the transition constraints."""
    length, n = logprobs.shape
    if length == 0:
        return np.zeros(0, dtype=np.int64)
    penalty = np.where(allowed, 0.0, -np.inf)
    score = np.where(first, logprobs[0], -np.inf)
    back = np.zeros((length, n), dtype=np.int64)
    for t in range(1, length):
        cand = score[:, None] + penalty
        back[t] = cand.argmax(axis=0)
        score = cand[back[t], np.arange(n)] + logprobs[t]
    path = np.empty(length, dtype=np.int64)
    path[-1] = int(score.argmax())
    for t in range(length - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path


def bio_spans(path: np.ndarray, tags: list[str], probs: np.ndarray) -> list[TokenSpan]:
    """Spans of a BIO tag path; a span's score is the mean probability of its tags."""
    spans: list[TokenSpan] = []
    start = None
    label = None

    def close(end: int) -> None:
        if start is not None:
            score = float(probs[np.arange(start, end), path[start:end]].mean())
            spans.append(TokenSpan(start, end, label, score))

    for t, idx in enumerate(path):
        tag = tags[idx]
        if tag.startswith("B-") or tag == "O":
            close(t)
            start, label = (t, tag[2:]) if tag != "O" else (None, None)
        # an I- tag continues the open span (the constraint guarantees one is open)
    close(len(path))
    return spans


class SpanDecoder:
    """Tag logits of one window to spans, for a fixed tag set (the transition mask built once).

    Example:
        >>> dec = SpanDecoder(["O", "B-T:arrest", "I-T:arrest"])
        >>> [(s.start, s.end, s.label) for s in dec(np.array([[0.0, 2.0, 0.0], [2.0, 0.0, 0.0]]))]
        [(0, 1, 'T:arrest')]
    """

    def __init__(self, tags: list[str]) -> None:
        self.tags = list(tags)
        self.allowed, self.first = transition_mask(self.tags)

    def __call__(self, logits: np.ndarray) -> list[TokenSpan]:
        """Spans of ``(tokens, tags)`` logits (token positions as in ``logits``)."""
        logp = log_softmax(logits.astype(np.float64))
        path = decode_tags(logp, self.allowed, self.first)
        return bio_spans(path, self.tags, np.exp(logp))


class TriggerDecoder:
    """Per-type trigger logits ``(tokens, types, 3)`` (O, B, I of each type's own softmax) to
    trigger spans labelled ``T:type``. Each type is decoded on its own, so one token can start
    triggers of two types ("arrested": an arrest and a seizure). Types whose ``B`` probability
    stays under ``min_prob`` everywhere are skipped (most types in most windows).

    Example:
        >>> dec = TriggerDecoder(["arrest", "seizure"])
        >>> logits = np.array([[[0.0, 3.0, 0.0], [0.0, 2.0, 0.0]], [[3.0, 0.0, 0.0], [3.0, 0.0, 0.0]]])
        >>> [(s.start, s.end, s.label) for s in dec(logits)]
        [(0, 1, 'T:arrest'), (0, 1, 'T:seizure')]
    """

    def __init__(self, types: list[str], min_prob: float = 0.05) -> None:
        self.labels = [f"T:{t}" for t in types]
        self.min_prob = min_prob
        self.allowed, self.first = transition_mask(["O", "B-X", "I-X"])

    def __call__(self, logits: np.ndarray) -> list[TokenSpan]:
        if logits.shape[0] == 0:
            return []
        logp = log_softmax(logits.astype(np.float64))
        probs = np.exp(logp)
        spans: list[TokenSpan] = []
        for k in np.nonzero(probs[:, :, 1].max(axis=0) >= self.min_prob)[0]:
            label = self.labels[k]
            path = decode_tags(logp[:, k], self.allowed, self.first)
            spans += bio_spans(path, ["O", f"B-{label}", f"I-{label}"], probs[:, k])
        return sorted(spans, key=lambda sp: (sp.start, sp.label))
