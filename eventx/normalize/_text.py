"""Small text helpers shared by the normalizers: accent folding and sentence bounds."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["DATELINE", "fold", "sentence_bounds", "sentence_of"]

# A sentence ends at . ! ? (optionally followed by a closing quote or bracket) before white space,
# except after the abbreviations news text is full of ("Dec. 2", "Ind.", "Mr.", "U.S.", "a.m.").
# Never end a sentence: titles and initials ("Sgt. Ray", "John F. Kennedy", "U.S. Army").
_TITLES = {
    "mr", "mrs", "ms", "dr", "st", "sgt", "lt", "col", "gen", "capt", "cpl", "gov", "sen", "rep",
    "jr", "sr", "no", "mt", "ft", "det", "insp", "supt", "prof", "rev", "maj", "adm",
}
# End a sentence only when a capital follows ("Dec. 2" goes on, "in Akron, Ind. Police" ends).
_ABBREV = {
    "vs", "ave", "blvd", "rd", "inc", "co", "corp", "dept", "approx", "est",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan",
    "kans", "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev",
    "okla", "ore", "pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo",
}
_END = re.compile(r"[.!?]+[\"')\]\u201d\u2019]*(?=\s)|\n\s*\n|\n(?=[ \t]{2,})")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")
#: A news dateline near the top of an article: "INDIANAPOLIS, Ind. (Dec. 2, 2015) -", "MILWAUKEE -".
#: Groups: 1 the place in capitals, 2 a state or country after it, 3 what the brackets hold.
DATELINE = re.compile(
    r"([A-Z][A-Z.'\-]+(?:[ \t]+[A-Z][A-Z.'\-]+){0,3})\s*"
    r"(?:,\s*([A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?))?\s*(?:\(([^)\n]{1,40})\))?"
    r"\s*(?:--|\u2014|\u2013|-)\s*(?=[A-Z])")
_DATE_WORD = re.compile(r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|"
                        r"Nov|Dec|\d)")


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents ("Medellín" -> "medellin"), keeping its length.

    Characters whose decomposition is not one base letter plus marks are kept as they are, so
    offsets into the folded string are offsets into ``text``.
    """
    low = text.lower()
    if low.isascii():
        return low
    if len(low) != len(text):  # a few capitals lower-case to two characters ("İ")
        low = "".join(ch.lower()[0] for ch in text)
    for ch in set(low):
        if ord(ch) >= 128 and ord(ch) not in _FOLD_TABLE:
            base = unicodedata.normalize("NFD", ch)
            _FOLD_TABLE[ord(ch)] = base[0] if len(base) > 1 and base[0].isascii() else ch
    return low.translate(_FOLD_TABLE)


_FOLD_TABLE: dict[int, str] = {}


def _continues(text: str, dot: int, after: int) -> bool:
    """Whether the "." at ``dot`` closes an abbreviation inside a sentence."""
    m = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if not m:
        return False
    word = m.group(1).lower()
    nxt = text[after:after + 6].lstrip()
    capital_next = bool(nxt) and nxt[0].isupper()
    if word in _TITLES or len(word) == 1 or (len(word) <= 4 and word.count(".") >= 1
                                              and word not in {"a.m", "p.m"}):
        return True  # "Sgt. Ray", "F. Kennedy", "U.S. Army"
    if word in _ABBREV or word in {"a.m", "p.m"}:
        return not capital_next or bool(_DATE_WORD.match(nxt))  # "at 7 a.m. Sunday", "Dec. 2"
    return False


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences, returning ``(start, end)`` offsets that cover all of it.

    A blank line or a line starting with an indent also ends a sentence (headlines, MUC-4
    paragraphs).
    """
    return list(_sentence_bounds(text) if len(text) < 20000 else _long_sentence_bounds(text))


@lru_cache(maxsize=64)
def _sentence_bounds(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(_split(text))


@lru_cache(maxsize=4)
def _long_sentence_bounds(text: str) -> tuple[tuple[int, int], ...]:
    """The same for long texts, of which only the last few are kept: the linking rules ask for
    the sentences of a text once per argument, and splitting a 1 MB text each time made
    extraction quadratic in its length."""
    return tuple(_split(text))


def _split(text: str) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        if text[m.start()] == "." and _continues(text, m.start(), m.end()):
            continue
        end = m.end()
        if end > start:
            bounds.append((start, end))
        start = end
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def sentence_of(bounds: list[tuple[int, int]], offset: int) -> int:
    """Index of the sentence in ``bounds`` holding ``offset`` (the last one if past the end)."""
    lo, hi = 0, len(bounds) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if bounds[mid][1] <= offset:
            lo = mid + 1
        else:
            hi = mid
    return max(lo, 0)

