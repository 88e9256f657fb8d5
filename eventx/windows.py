"""Tokenization with exact character offsets, casing features, and overlapping windows.

Pure functions over a ``tokenizers.Tokenizer``: nothing here needs torch. A long text is tokenized
once and cut into windows of at most ``max_length - 2`` word pieces that overlap by ``overlap``; each
token is *owned* by exactly one window (its *core*), the one where it has the most context on both
sides, so nothing is lost or counted twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from tokenizers import Tokenizer

__all__ = [
    "CASING_CLASSES",
    "SENTENCE_END",
    "SpecialTokens",
    "TokenizedText",
    "Window",
    "casing_class",
    "load_tokenizer",
    "pad_windows",
    "plan_windows",
    "special_tokens",
    "tokenize",
    "wrap_window",
]

#: word pieces that end a sentence (for the sentence-gap feature of the relation head)
SENTENCE_END = (".", "!", "?")
#: 0 special / padding, 1 lower, 2 Title, 3 UPPER, 4 mIxed, 5 has a digit, 6 no letter or digit
CASING_CLASSES = 7


@lru_cache(maxsize=1 << 16)
def casing_class(piece: str) -> int:
    """The casing class of a raw-text piece (what the uncased encoder cannot see); memoized, as
    news text repeats its words (4% of the CPU time of a long article went here)."""
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


def plan_windows(n_tokens: int, max_tokens: int, overlap: int, *, even: bool = False
                 ) -> list[Window]:
    """Cut ``n_tokens`` into windows of at most ``max_tokens`` overlapping by at least ``overlap``.

    The cores partition ``[0, n_tokens)``: consecutive windows split their shared tokens in the
    middle. An empty text gives no window. By default every window is ``max_tokens`` long and the
    last one ends at the text's end (a text a little longer than one window is then read almost
    twice). With ``even``, the fewest windows that keep ``overlap`` share the text evenly: the
    same number of windows, each as short as it can be, so a 300-token text in windows of 254
    overlapping by 120 is two windows of 210 (420 tokens to encode) instead of two of 254 (508).

    >>> [(w.start, w.end, w.core_start, w.core_end) for w in plan_windows(10, 6, 2)]
    [(0, 6, 0, 5), (4, 10, 5, 10)]
    >>> [(w.start, w.end) for w in plan_windows(300, 254, 120, even=True)]
    [(0, 210), (90, 300)]
    """
    if max_tokens <= 0 or overlap < 0 or 2 * overlap >= max_tokens:
        raise ValueError(f"bad window plan: max_tokens={max_tokens}, overlap={overlap}")
    if n_tokens <= 0:
        return []
    if n_tokens <= max_tokens:
        return [Window(0, n_tokens, 0, n_tokens)]
    step = max_tokens - overlap
    if even:
        n = -(-(n_tokens - overlap) // step)  # ceil: the fewest windows
        size = -(-(n_tokens + (n - 1) * overlap) // n)
        starts = [i * (n_tokens - size) // (n - 1) for i in range(n)]
        spans = [(s, s + size) for s in starts]
    else:
        starts = list(range(0, n_tokens - max_tokens, step)) + [n_tokens - max_tokens]
        spans = [(s, s + max_tokens) for s in starts]
    cuts = [0] + [(spans[i + 1][0] + spans[i][1]) // 2 for i in range(len(spans) - 1)] + [n_tokens]
    return [Window(s, e, cuts[i], cuts[i + 1]) for i, (s, e) in enumerate(spans)]


@dataclass(frozen=True)
class SpecialTokens:
    """The ids a window needs: ``[CLS]``, ``[SEP]``, ``[PAD]`` and the sentence-end pieces."""

    cls: int
    sep: int
    pad: int
    sentence_end: np.ndarray


def special_tokens(tokenizer: Tokenizer) -> SpecialTokens:
    """The special ids of a BERT WordPiece tokenizer."""
    vocab = tokenizer.get_vocab()
    return SpecialTokens(vocab["[CLS]"], vocab["[SEP]"], vocab.get("[PAD]", 0),
                         np.array([vocab[t] for t in SENTENCE_END if t in vocab], dtype=np.int64))


def wrap_window(values: np.ndarray, window: Window, first: int, last: int) -> np.ndarray:
    """A window's slice of per-token ``values`` between ``first`` and ``last`` (``[CLS]`` and
    ``[SEP]`` for ids, 0 for casing classes).

    >>> wrap_window(np.array([7, 8, 9]), Window(1, 3, 1, 3), 101, 102).tolist()
    [101, 8, 9, 102]
    """
    return np.concatenate([[first], values[window.start:window.end], [last]]).astype(np.int64)


def pad_windows(ids: list[np.ndarray], casing: list[np.ndarray],
                pad_id: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Wrapped windows (:func:`wrap_window`) padded to one width: ``(ids, mask, casing)``, the
    encoder's inputs for training and inference alike."""
    width = max(len(x) for x in ids)
    out_ids = np.full((len(ids), width), pad_id, dtype=np.int64)
    out_casing = np.zeros((len(ids), width), dtype=np.int64)
    mask = np.zeros((len(ids), width), dtype=np.int64)
    for b, (row, case) in enumerate(zip(ids, casing)):
        out_ids[b, :len(row)] = row
        out_casing[b, :len(row)] = case
        mask[b, :len(row)] = 1
    return out_ids, mask, out_casing
