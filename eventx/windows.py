"""Tokenization with exact character offsets, casing features, and overlapping windows.

Pure functions over a ``tokenizers.Tokenizer``: nothing here needs torch. A long text is tokenized
once and cut into windows of at most ``max_length - 2`` word pieces that overlap by ``overlap``; each
token is *owned* by exactly one window (its *core*), the one where it has the most context on both
sides, so nothing is lost or counted twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tokenizers import Tokenizer

__all__ = [
    "CASING_CLASSES",
    "TokenizedText",
    "Window",
    "casing_class",
    "load_tokenizer",
    "plan_windows",
    "tokenize",
]

#: 0 special / padding, 1 lower, 2 Title, 3 UPPER, 4 mIxed, 5 has a digit, 6 no letter or digit
CASING_CLASSES = 7


def casing_class(piece: str) -> int:
    """The casing class of a raw-text piece (what the uncased encoder cannot see)."""
    if any(c.isdigit() for c in piece):
        return 5
    letters = [c for c in piece if c.isalpha()]
    if not letters:
        return 6
    if all(c.islower() for c in letters):
        return 1
    if all(c.isupper() for c in letters):
        return 3 if len(letters) > 1 else 2
    if letters[0].isupper() and all(c.islower() for c in letters[1:]):
        return 2
    return 4


@dataclass(frozen=True)
class TokenizedText:
    """Word pieces of a text: ids, ``(start, end)`` character offsets and casing classes."""

    ids: np.ndarray
    offsets: np.ndarray
    casing: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)


def load_tokenizer(folder: str | Path) -> Tokenizer:
    """Load ``tokenizer.json`` from a folder with truncation and padding switched off."""
    tok = Tokenizer.from_file(str(Path(folder) / "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    return tok


def tokenize(tokenizer: Tokenizer, text: str) -> TokenizedText:
    """Tokenize ``text`` without special tokens, keeping offsets into the original string."""
    enc = tokenizer.encode(text, add_special_tokens=False)
    offsets = np.asarray(enc.offsets, dtype=np.int64).reshape(-1, 2)
    casing = np.fromiter((casing_class(text[s:e]) for s, e in offsets), dtype=np.int64,
                         count=len(offsets))
    return TokenizedText(np.asarray(enc.ids, dtype=np.int64), offsets, casing)


@dataclass(frozen=True)
class Window:
    """Tokens ``[start, end)`` of a text; the window owns tokens ``[core_start, core_end)``."""

    start: int
    end: int
    core_start: int
    core_end: int


def plan_windows(n_tokens: int, max_tokens: int, overlap: int) -> list[Window]:
    """Cut ``n_tokens`` into windows of at most ``max_tokens`` overlapping by at least ``overlap``.

    The cores partition ``[0, n_tokens)``: consecutive windows split their shared tokens in the
    middle. An empty text gives no window.

    >>> [(w.start, w.end, w.core_start, w.core_end) for w in plan_windows(10, 6, 2)]
    [(0, 6, 0, 5), (4, 10, 5, 10)]
    """
    if max_tokens <= 0 or overlap < 0 or 2 * overlap >= max_tokens:
        raise ValueError(f"bad window plan: max_tokens={max_tokens}, overlap={overlap}")
    if n_tokens <= 0:
        return []
    if n_tokens <= max_tokens:
        return [Window(0, n_tokens, 0, n_tokens)]
    step = max_tokens - overlap
    starts = list(range(0, n_tokens - max_tokens, step)) + [n_tokens - max_tokens]
    spans = [(s, s + max_tokens) for s in starts]
    cuts = [0] + [(spans[i + 1][0] + spans[i][1]) // 2 for i in range(len(spans) - 1)] + [n_tokens]
    return [Window(s, e, cuts[i], cuts[i + 1]) for i, (s, e) in enumerate(spans)]
