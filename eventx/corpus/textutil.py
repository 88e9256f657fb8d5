"""Small text helpers shared by the converters: sentences, words, re-anchoring and span clean-up.

Every function works on Python string offsets (code points) into the canonical text of
:mod:`eventx.corpus.sources`, so a span found here can go straight into a
:class:`~eventx.corpus.format.Argument`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = [
    "PRONOUNS",
    "Span",
    "clean_span",
    "expand_np_left",
    "find_near",
    "find_word_near",
    "is_pronoun",
    "overlaps",
    "sentence_index",
    "sentences",
    "words",
]

#: ``(start, end)`` character offsets.
Span = tuple[int, int]

PRONOUNS = frozenset(
    "i me my mine we us our ours you your yours he him his she her hers it its they them their "
    "theirs who whom whose which that this these those himself herself itself themselves "
    "someone somebody anyone anybody everyone nobody one there here".split())

_ABBREV = frozenset(
    "mr mrs ms dr st sgt lt col gen capt cpl pvt gov sen rep jr sr no vs ave blvd rd co inc ltd "
    "corp dept mt ft jan feb mar apr jun jul aug sep sept oct nov dec a.m p.m u.s u.n e.g "
    "i.e".split())

_BOUNDARY = re.compile(r"[.!?]+[\"'”’)]*(?=\s)|\n\s*\n|\n(?=[A-Z\"“])")
_WORD = re.compile(r"[A-Za-z0-9]+(?:[-'’.][A-Za-z0-9]+)*")


def sentences(text: str) -> list[Span]:
    """Split ``text`` into sentence spans (a rule-based splitter that knows common abbreviations).

    Example:
        >>> sentences("Mr. Smith was shot. He died.")
        [(0, 19), (20, 28)]
    """
    out: list[Span] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if m.group().startswith("."):
            prev = re.search(r"([A-Za-z.]+)$", text[start:m.start()])
            word = prev.group(1).lower() if prev else ""
            if word in _ABBREV or (len(word) == 1 and word.isalpha()):
                continue
        if text[start:end].strip():
            out.append(_strip(text, start, end))
        start = end
    if text[start:].strip():
        out.append(_strip(text, start, len(text)))
    return out


def _strip(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_index(spans: list[Span], offset: int) -> int:
    """Index of the sentence in ``spans`` that holds ``offset`` (the nearest one if none does)."""
    best, dist = 0, None
    for i, (s, e) in enumerate(spans):
        if s <= offset < e:
            return i
        d = min(abs(offset - s), abs(offset - e))
        if dist is None or d < dist:
            best, dist = i, d
    return best


def words(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Word spans (letters and digits, inner hyphens, apostrophes and dots kept) in a region."""
    end = len(text) if end is None else end
    return [(m.start() + start, m.end() + start) for m in _WORD.finditer(text[start:end])]


def overlaps(a: Span, b: Span) -> bool:
    """True when the two spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def find_near(text: str, value: str, hint: int | None = None, *,
              window: int | None = None) -> Span | None:
    """Re-anchor ``value`` in ``text``: the occurrence nearest ``hint``.

    Tries an exact match, then a case-insensitive one, then one where any run of white space
    matches any other. ``window`` limits how far from ``hint`` a match may start.

    Example:
        >>> find_near("a man shot a man", "a man", hint=10)
        (11, 16)
    """
    value = value.strip()
    if not value:
        return None
    flexible = r"\s+".join(re.escape(w) for w in value.split())
    for pattern, flags in ((re.escape(value), 0), (re.escape(value), re.I), (flexible, re.I)):
        hits = [m.span() for m in re.finditer(pattern, text, flags)]
        if hint is not None:
            hits.sort(key=lambda h: (abs(h[0] - hint), h[0]))
            if window is not None:
                hits = [h for h in hits if abs(h[0] - hint) <= window]
        if hits:
            return hits[0]
    return None


def find_word_near(text: str, value: str, hint: int | None = None) -> Span | None:
    """Like :func:`find_near`, case-insensitive, but whole words (no ``peru`` in ``peruvian``)."""
    parts = value.strip().split()
    if not parts:
        return None
    rx = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(p) for p in parts) + r"(?!\w)", re.I)
    hits = [m.span() for m in rx.finditer(text)]
    if not hits:
        return None
    return hits[0] if hint is None else min(hits, key=lambda h: (abs(h[0] - hint), h[0]))


_LEAD_PREP = re.compile(
    r"(?:(?:near|at|in|on|inside|outside|behind|along|by|off|across from|next to|around|"
    r"from|to|into|onto|toward|towards|of)\s+)+", re.I)
_TRAIL = ",;:!?\"'“”()[]{}-–—"


def clean_span(text: str, start: int, end: int, *, strip_preposition: bool = False) -> Span | None:
    """Tidy a span: widen it to whole words, trim white space and trailing punctuation.

    A final period is kept after a short word (an abbreviation such as ``Ave.`` or ``p.m.``).
    With ``strip_preposition`` a leading preposition goes (``near the border`` -> ``the border``).
    Returns None where nothing is left.
    """
    start, end = max(0, start), min(len(text), end)
    while 0 < start < end and _inside_word(text[start - 1], text[start]):
        start -= 1
    while start < end < len(text) and _inside_word(text[end - 1], text[end]):
        end += 1
    changed = True
    while changed and start < end:
        changed = False
        if text[start].isspace() or text[start] in _TRAIL:
            start, changed = start + 1, True
        elif text[end - 1].isspace() or text[end - 1] in _TRAIL:
            end, changed = end - 1, True
        elif text[end - 1] == "." and not _abbreviation_before(text, start, end - 1):
            end, changed = end - 1, True
        elif strip_preposition:
            m = _LEAD_PREP.match(text, start, end)
            if m and m.end() < end:
                start, changed = m.end(), True
    return (start, end) if start < end else None


def _inside_word(prev: str, cur: str) -> bool:
    """True when ``prev`` and ``cur`` belong to one word, not two run together (``TimesJohn``)."""
    if not (prev.isalnum() and cur.isalnum()):
        return False
    if cur.isupper() and (prev.islower() or prev.isdigit()):
        return False
    return not (prev.isdigit() != cur.isdigit())


def _abbreviation_before(text: str, start: int, dot: int) -> bool:
    m = re.search(r"([A-Za-z.]+)$", text[start:dot])
    if not m:
        return False
    word = m.group(1)
    return "." in word or len(word) <= 3 or word.lower() in _ABBREV


def is_pronoun(span_text: str) -> bool:
    """True for a bare pronoun (``he``, ``them``, ``who``...), which is never an argument."""
    return span_text.strip().lower() in PRONOUNS


_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand million dozen dozens hundreds thousands".split())
_DET = _NUMBER_WORDS | {"a", "an", "the", "several", "some", "many", "both"}
_STOP = frozenset(
    "and or but of in on at by for with from to into was were is are be been has have had not "
    "that which who than as after before during while".split())


def expand_np_left(text: str, start: int, end: int, limit: int = 3) -> Span:
    """Widen a noun head leftwards to its determiner or number (``general`` -> ``a major general``).

    Looks back at most ``limit`` words for a determiner or a number; the words in between must
    be modifiers (not function words, not words ending in -ed or -ing). Without one, the span
    stays as it is.
    """
    cursor = start
    for k, (ws, we) in enumerate(reversed(words(text, max(0, start - 80), start))):
        if k >= limit or text[we:cursor].strip(" "):
            break
        w = text[ws:we].lower()
        if w in _DET or w.replace(",", "").isdigit():
            return _with_quantifier(text, _number_start(text, ws)), end
        if w in _STOP or w.endswith(("ed", "ing")) or w in PRONOUNS:
            break
        cursor = ws
    return start, end


def _number_start(text: str, start: int) -> int:
    """Move ``start`` left over the rest of a number (``two dozen``, ``a hundred``)."""
    while True:
        prev = words(text, max(0, start - 20), start)
        if not prev or text[prev[-1][1]:start].strip(" "):
            return start
        w = text[prev[-1][0]:prev[-1][1]].lower()
        if not (w in _NUMBER_WORDS or w in ("a", "an") or w.replace(",", "").isdigit()):
            return start
        start = prev[-1][0]


def _with_quantifier(text: str, start: int) -> int:
    m = re.search(r"(?:at least|more than|about|around|nearly|almost|some|over)\s+$",
                  text[max(0, start - 20):start], re.I)
    return start - len(m.group()) if m else start


def join_spans(spans: Iterable[Span]) -> Span:
    """The smallest span that covers all of ``spans``."""
    spans = list(spans)
    return min(s for s, _ in spans), max(e for _, e in spans)
