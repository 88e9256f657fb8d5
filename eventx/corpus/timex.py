"""Find the text span that dates an event whose date the source gives as data.

GVDB gives the incident date (``2016-01-27``) and MUC-4 keys give ``30 DEC 89``, but neither says
where the text states it. A span qualifies when what it says resolves to that date:

* a month and day: ``Jan. 27``, ``January 27, 2016``, ``27 january``, ``on 3 february``
  (the day and month must be the date's);
* the weekday of the date (``Tuesday``, ``Tuesday night``), where the article was published less
  than a week after the date (or its publication date is unknown);
* a relative expression for the distance to the publication date: ``today``, ``tonight``,
  ``this morning`` (0 days); ``yesterday``, ``last night`` (1 day).

:func:`find_date_span` returns the qualifying span nearest a given offset (the event).
"""

from __future__ import annotations

import datetime as _dt
import re

from eventx.corpus.textutil import Span

__all__ = ["find_date_span", "parse_date", "date_spans"]

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"]
_MONTH_RX = (r"(?P<mon>jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|"
             r"june?|july?|aug(?:ust|\.)?|sep(?:t(?:ember|\.)?|\.)?|oct(?:ober|\.)?|"
             r"nov(?:ember|\.)?|dec(?:ember|\.)?)")
_MONTH_DAY = re.compile(
    rf"\b{_MONTH_RX}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?:19|20)\d\d\b)?"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RX.replace('mon', 'mon2')}\b"
    rf"(?:,?\s+(?:19|20)\d\d\b)?", re.I)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_PART = r"(?:\s+(?:morning|afternoon|evening|night|overnight))?"
_RELATIVE = {
    0: re.compile(r"\b(?:(?:earlier\s+)?today|tonight|this\s+(?:morning|afternoon|evening))\b",
                  re.I),
    1: re.compile(rf"\b(?:yesterday{_PART}|last\s+night)\b", re.I),
}


def parse_date(value: str) -> _dt.date | None:
    """Parse ``2016-01-27``, ``2015-8-23`` or ``30 DEC 89``; None where it is no date.

    Example:
        >>> parse_date("30 DEC 89"), parse_date("2015-8-3")
        (datetime.date(1989, 12, 30), datetime.date(2015, 8, 3))
    """
    value = value.strip()
    try:
        m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
        if m:
            return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]{3})\s+(\d{2}|\d{4})", value)
        if m:
            month = [x[:3] for x in _MONTHS].index(m.group(2).lower()) + 1
            year = int(m.group(3))
            return _dt.date(year + 1900 if year < 100 else year, month, int(m.group(1)))
    except ValueError:
        return None
    return None


def _month_of(word: str) -> int:
    return [x[:3] for x in _MONTHS].index(word.lower()[:3]) + 1


def date_spans(text: str, date: _dt.date, published: _dt.date | None = None) -> list[Span]:
    """Every span of ``text`` that states ``date`` (see the module docstring), in text order."""
    out: list[Span] = []
    for m in _MONTH_DAY.finditer(text):
        mon = m.group("mon") or m.group("mon2")
        day = int(m.group("d1") or m.group("d2"))
        if _month_of(mon) == date.month and day == date.day:
            out.append(m.span())
    delta = (published - date).days if published else None
    if delta is None or 0 <= delta < 7:
        name = _WEEKDAYS[date.weekday()]
        for m in re.finditer(rf"\b{name}{_PART}\b", text, re.I):
            if not any(s <= m.start() < e for s, e in out):
                out.append(m.span())
    if delta in _RELATIVE:
        out += [m.span() for m in _RELATIVE[delta].finditer(text)]
    return sorted(set(out))


def find_date_span(text: str, date: _dt.date, published: _dt.date | None = None,
                   near: int | None = None) -> Span | None:
    """The span stating ``date`` nearest offset ``near`` (the first one without it), or None.

    Example:
        >>> import datetime as dt
        >>> t = "A man was shot Tuesday, police said."
        >>> find_date_span(t, dt.date(2016, 1, 26), dt.date(2016, 1, 27))
        (15, 22)
    """
    spans = date_spans(text, date, published)
    if not spans:
        return None
    if near is None:
        return spans[0]
    return min(spans, key=lambda s: (abs(s[0] - near), s[0]))
