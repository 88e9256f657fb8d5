"""Time expressions: finding them in text and resolving them to dates.

:func:`find_time_expressions` finds date-bearing expressions with compiled patterns (weekdays,
"October 27", "30 December 1989", "last week", "two days ago", "a few hours ago", "Christmas
Eve", "between 1 and 3 May", ...; clock times alone are not dates). :func:`resolve_date`
resolves one with ``dateparser`` under these rules:

* Relative expressions resolve against the publication date and never without one: a weekday is
  the latest such day on or before publication ("Monday" in a Wednesday article is two days
  earlier; "Wednesday" is the same day), "last Monday" the latest one before it; "yesterday",
  "last night" are the day before; "two days ago" counts back from publication; "a few hours
  ago", "in the past few hours" are the day of publication ("the past 48 hours" a range).
* Holidays ("Christmas Eve", "on Thanksgiving", "the morning after Christmas") take the latest
  such day up to a week after publication, like a day and month without a year.
* A clock time beside a day word is dated by the day ("5:41 p.m. Thursday", "1400 yesterday",
  "noon today"); a clock time alone is no date.
* A day and month without a year take the year that puts the date closest before publication
  (up to a week after it is still this year: a URL date can trail the event).
* "last week", "this week", "the weekend" are ranges of days (``date`` .. ``end_date``); "earlier
  this month", "last month", "in June" have month granularity; "last year", "in 1989" year
  granularity. A month or year is dated by its first day.
* Explicit ranges ("between 1 and 3 May", "June 3-5, 2015") set ``end_date``.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache
from typing import Literal

from dateparser.date import DateDataParser

from eventx.normalize._text import fold

__all__ = ["find_time_expressions", "resolve_date"]


Granularity = Literal["day", "month", "year"]
Resolved = tuple[_dt.date, Granularity, "_dt.date | None"]

_MONTH_FULL = (r"(?:january|february|march|april|may|june|july|august|september|october|november|"
               r"december)")
_MONTH_ABBR = r"(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR})"
_SAFE_MONTH = r"(?:january|february|april|june|july|august|september|october|november|december)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
_YEAR = r"(?:1[89]\d\d|20\d\d)(?!\d)"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_PART = r"(?:morning|afternoon|evening|night|overnight)"
_NUM = (r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
        r"a few|several|a couple of)")
_DMY = rf"(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?"
_MDY = rf"{_MONTH}\s+{_DAY}(?:\s*,?\s*{_YEAR})?"
_DATE = rf"(?:{_WEEKDAY}(?:\s+{_PART})?,?\s+)?(?:{_DMY}|{_MDY})"
_HOLIDAY_DAY = r"(?:(?:christmas|new\s+year['\u2019]?s)\s+(?:day|eve)|thanksgiving\s+day)"
_HOLIDAY = rf"(?:{_HOLIDAY_DAY}|christmas|thanksgiving|halloween)"
_FEW = r"(?:a\s+few|few|several|a\s+couple\s+of|\d{1,2})"

_PATTERNS = [
    # ranges
    rf"(?:between\s+|from\s+)?{_DATE}\s*(?:-|\u2013|to|and|until|through)\s*{_DATE}",
    rf"(?:between\s+|from\s+)?{_DAY}\s*(?:-|\u2013|to|and)\s*{_DMY}",
    rf"(?:between\s+|from\s+)?{_MONTH}\s+{_DAY}\s*(?:-|\u2013|to|and)\s*{_DAY}(?:\s*,?\s*{_YEAR})?",
    rf"(?:between\s+|from\s+)?{_MONTH}\s*(?:-|\u2013|to|and)\s*{_MONTH}\s*,?\s+{_YEAR}",
    # single dates, with a part of the day around them
    rf"(?:(?:early|late)\s+)?{_DATE}(?:\s+{_PART})?",
    r"\d{1,2}/\d{1,2}/(?:\d\d)?\d\d(?!\d)",
    r"(?:19|20)\d\d-[01]\d-[0-3]\d",
    rf"(?:(?:early|late|mid|mid-)\s*)?{_MONTH}\s*,?\s+{_YEAR}",
    rf"(?:in|during)\s+(?:(?:early|late|mid)\s+|mid-)?(?:{_MONTH}\s*,?\s+{_YEAR}|{_SAFE_MONTH}"
    r"|(?:march|may)(?=\s*[,.;]|\s+(?:when|and|of|last|this)\b))",
    rf"(?:early|late|mid)\s+{_SAFE_MONTH}",
    rf"(?:(?:early|late|mid)\s+|mid-)?(?:last|this)\s+{_MONTH_FULL}",
    rf"(?:in|during)\s+(?:(?:early|late|mid)\s+|mid-)?{_YEAR}(?!\s*(?:-|\u2013|to)\s*\d)",
    # relative
    r"(?:(?:early|late)\s+)?(?:today|tonight|yesterday|this\s+(?:morning|afternoon|evening))"
    rf"(?:\s+{_PART})?",
    r"(?:the\s+)?day\s+before\s+yesterday",
    rf"(?:(?:early|late)\s+)?(?:last|this\s+past|past)\s+(?:night|{_WEEKDAY}(?:\s+{_PART})?)",
    rf"(?:(?:early|late)\s+)?{_WEEKDAY}(?:\s*,?\s+(?:{_PART}|early|late))?",
    rf"{_NUM}\s+(?:days?|weeks?|months?|years?)\s+ago",
    r"(?:(?:earlier|later|early|late)\s+)?(?:last|this|this\s+past|past)\s+(?:week|weekend|month|year)",
    r"(?:earlier|later)\s+(?:this|last)\s+(?:week|month|year)",
    r"(?:over|during|on|at)\s+the\s+weekend",
]
# Rarer expressions, looked for only where their words occur: hours and holidays ("on Christmas
# Day", "the morning after Christmas", "Thanksgiving night").
_RARE_PATTERNS = [
    rf"(?:{_FEW}|an?)\s+hours?\s+ago",
    rf"(?:in|during|over|within)\s+the\s+(?:last|past)\s+(?:{_FEW}\s+)?hours",
    rf"(?:the\s+)?(?:day|{_PART})\s+(?:after|before)\s+{_HOLIDAY}",
    rf"(?:on|over|during|this)\s+{_HOLIDAY}(?:\s+{_PART})?",
    rf"{_HOLIDAY_DAY}(?:\s+{_PART})?",
]
_RARE_WORDS = ("hour", "christmas", "thanksgiving", "halloween", "new year")
# Matched against the folded (lower-case, same length) text: case-insensitive matching of this
# many alternatives is several times slower.
_FINDER, _RARE_FINDER = (re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in patterns)
                                    + r")(?![a-z0-9])") for patterns in (_PATTERNS, _RARE_PATTERNS))
_PREPOSITION = re.compile(r"(?:on|in|during|over|at|within)\s+", re.IGNORECASE)
_STRIP_LEFT = re.compile(r"^(?:on|in|at|during|since|of|the|from|between|over|within)\s+",
                         re.IGNORECASE)


def find_time_expressions(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of the date-bearing time expressions in ``text``.

    Spans leave out a leading preposition ("on Monday" gives "Monday").

    Example:
        >>> t = "Police said on Monday that two men were shot on October 27."
        >>> [t[a:b] for a, b in find_time_expressions(t)]
        ['Monday', 'October 27']
    """
    low = fold(text)
    out = _find(_FINDER, _ANCHOR, low)
    if any(word in low for word in _RARE_WORDS):
        out += [(a, b) for a, b in _find(_RARE_FINDER, _RARE_ANCHOR, low)
                if not any(a < y and x < b for x, y in out)]
        out.sort()
    return out


def _find(finder: re.Pattern[str], anchor: re.Pattern[str], low: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    done = 0
    for lo, hi in _windows(low, anchor):
        for m in finder.finditer(low, max(lo, done), hi):
            start, end = m.span()
            done = end
            strip = _PREPOSITION.match(low, start, end)
            if strip:
                start = strip.end()
            if end > start:
                out.append((start, end))
    return out


# Every expression the finder knows holds one of these words; the finder runs only near them.
_ANCHOR = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|monday|tuesday|wednesday|"
                     r"thursday|friday|saturday|sunday|today|tonight|yesterday|ago\b|week|month|"
                     r"year|night|morning|afternoon|evening|\d/\d|1[89]\d\d|20\d\d)")
_RARE_ANCHOR = re.compile("|".join(_RARE_WORDS))


def _windows(text: str, anchor: re.Pattern[str]) -> list[tuple[int, int]]:
    """Stretches of ``text`` around anchor words, merged, wide enough for any expression."""
    spans: list[tuple[int, int]] = []
    for m in anchor.finditer(text):
        lo, hi = max(0, m.start() - 48), min(len(text), m.end() + 64)
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], hi)
        else:
            spans.append((lo, hi))
    return spans


# ------------------------------------------------------------------------------- resolution
_SETTINGS = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True,
             "PREFER_DAY_OF_MONTH": "first"}
_RANGE = re.compile(
    r"^(?:between\s+|from\s+)?(?P<a>.+?)\s*"
    r"(?:\s-\s|-|\u2013|\bto\b|\band\b|\buntil\b|\bthrough\b)\s*(?P<b>.+)$", re.IGNORECASE)
_HAS_YEAR = re.compile(rf"\b{_YEAR}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|(?:19|20)\d\d-\d\d")
_HAS_MONTH = re.compile(rf"\b{_MONTH}(?![a-z])", re.IGNORECASE)
_ABSOLUTE = re.compile(rf"^(?:{_DATE}|{_MONTH}\s*,?\s+{_YEAR}|{_YEAR}"
                       r"|\d{1,2}/\d{1,2}/(?:\d\d)?\d\d|(?:19|20)\d\d-\d\d-\d\d)$", re.IGNORECASE)
_NOISE = re.compile(rf"\b(?:early|late|mid|{_PART}|on|in|at|during|since|until|through)\b\s*|mid-",
                    re.IGNORECASE)
_WEEKDAY_RE = re.compile(rf"^(?P<last>last\s+|this\s+past\s+|past\s+)?(?P<day>{_WEEKDAY})$",
                         re.IGNORECASE)
_WEEKDAY_IN = re.compile(rf"^{_WEEKDAY}(?:\s+{_PART})?,?\s+", re.IGNORECASE)


def resolve_date(text: str, published: _dt.date | None) -> Resolved | None:
    """Resolve one time expression to ``(date, granularity, end_date)``, or None.

    Args:
        text: the expression ("Monday", "October 27", "in June 2022", "between 1 and 3 May").
        published: the article's publication date, the anchor of relative expressions; with
            None only absolute dates (with a year) resolve.

    Returns:
        The first day the expression covers, its granularity ("day", "month", "year") and, for a
        range, its last day; None where the text does not determine a date.

    Example:
        >>> import datetime as dt
        >>> resolve_date("last Friday", dt.date(2023, 10, 31))
        (datetime.date(2023, 10, 27), 'day', None)
        >>> resolve_date("October 27", None) is None      # no year, no publication date
        True
    """
    if isinstance(published, _dt.datetime):
        published = published.date()
    return _resolve(" ".join(text.split()), published)


# A clock time beside a day word ("5:41 p.m. Thursday", "1400 yesterday", "noon today").
_CLOCK = re.compile(
    r"(?:\b(?:at|around|about|approximately|shortly\s+(?:after|before)|just\s+(?:after|before))"
    r"\s+)?(?:\b\d{1,2}(?::\d\d)?\s*[ap]\.?\s?m\b\.?|\b\d{1,2}:\d\d\b|\b(?:noon|midnight)\b"
    r"|\b(?:[01]\d|2[0-3])[0-5]\d\b(?:\s*\(\s*\d{4}\s*gmt\s*\))?)", re.IGNORECASE)


@lru_cache(maxsize=65536)
def _resolve(text: str, published: _dt.date | None) -> Resolved | None:
    core = _STRIP_LEFT.sub("", text.strip(" ,.;:()")).lower()
    if _CLOCK.search(core):  # the day of "5:41 p.m. Thursday"; "11:45 a.m." alone is no date
        day = " ".join(_CLOCK.sub(" ", core).split()).strip(" ,")
        if day and _is_relative(day) and not _HAS_YEAR.search(day):
            core = _STRIP_LEFT.sub("", day)
    relative = _relative(core, published)
    if relative is not None or _is_relative(core):
        return relative
    rng = _RANGE.match(core)
    if rng and _HAS_MONTH.search(core) and not _ABSOLUTE.match(core):
        return _resolve_range(rng.group("a"), rng.group("b"), published)
    return _resolve_absolute(core, published)


def _parse(expr: str, base: _dt.date) -> tuple[_dt.date, str] | None:
    """dateparser on one expression with ``base`` as "now", preferring the past."""
    parser = DateDataParser(languages=["en"], settings=_SETTINGS | {
        "RELATIVE_BASE": _dt.datetime.combine(base, _dt.time())})
    data = parser.get_date_data(expr)
    if data.date_obj is None:
        return None
    period = data.period if data.period in {"day", "week", "month", "year"} else "day"
    return data.date_obj.date(), period


def _resolve_absolute(core: str, published: _dt.date | None) -> Resolved | None:
    core = _WEEKDAY_IN.sub("", core) if _HAS_MONTH.search(core) else core
    core = " ".join(_NOISE.sub(" ", core).split())
    if not core:
        return None
    has_year = bool(_HAS_YEAR.search(core))
    if not has_year and (published is None or not _HAS_MONTH.search(core)):
        return None  # no year and nothing to take it from, or no date at all ("4:30 p.m.")
    # Without a year, a week past publication still counts as this year.
    base = published + _dt.timedelta(days=7) if not has_year and published else (
        published or _dt.date(2100, 1, 1))
    parsed = _parse(core, base)
    if parsed is None:
        return None
    date, period = parsed
    if period == "year":
        return date.replace(month=1, day=1), "year", None
    if period == "month":
        return date.replace(day=1), "month", None
    return date, "day", None


def _resolve_range(a: str, b: str, published: _dt.date | None) -> Resolved | None:
    """Both ends of "1 and 3 May", "June 3-5, 2015", "March to April 1990"."""
    b_res = _resolve_absolute(b, published)
    if b_res is None:
        return None
    end, gran, _ = b_res
    a = a.strip()
    day = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", a)
    if day:  # "1 and 3 May": month and year from the end
        try:
            start = end.replace(day=int(day.group(1)))
        except ValueError:  # "31 and 3 February"
            return None
    else:
        month_a = _HAS_MONTH.match(a)
        if month_a and _HAS_MONTH.search(b) is None:  # "June 3-5, 2015"
            b_res = _resolve_absolute(f"{month_a.group(0)} {b}", published)
            if b_res is None:
                return None
            end, gran, _ = b_res
        year = _HAS_YEAR.search(a)
        a_res = _resolve_absolute(a if year else f"{a} {end.year}", published)
        if a_res is None:
            return None
        start = a_res[0]
        if start > end:
            start = start.replace(year=start.year - 1)
    if gran == "month":
        nxt = (end.replace(day=28) + _dt.timedelta(days=4)).replace(day=1)
        end = nxt - _dt.timedelta(days=1)
    if start > end:
        return None
    return start, "day" if gran == "day" else gran, end


_RELATIVE_WORDS = re.compile(
    rf"\b(?:today|tonight|yesterday|ago|earlier|last|this|past|weekend|hours|christmas|"
    rf"thanksgiving|halloween|new year['\u2019]?s|{_WEEKDAY})\b"
    r"|^(?:week|month|year)$")


def _is_relative(core: str) -> bool:
    return bool(_RELATIVE_WORDS.search(core)) and not _HAS_MONTH.search(core)


def _week_start(day: _dt.date) -> _dt.date:
    return day - _dt.timedelta(days=day.weekday())


def _relative(core: str, published: _dt.date | None) -> Resolved | None:
    """Expressions dated only by publication: weekdays, "yesterday", "last week", ..."""
    if published is None or not _is_relative(core):
        return None
    core = " ".join(re.sub(r"\b(?:early|late|on|mid)\b", " ", core).split())
    one_day = _dt.timedelta(days=1)
    if core in {"last night", "last evening"}:
        return published - one_day, "day", None
    if re.fullmatch(rf"(?:today|tonight|this (?:morning|afternoon|evening))(?:,? {_PART})?", core):
        return published, "day", None
    hours = _HOURS.fullmatch(core)
    if hours:  # "a few hours ago", "the past 24 hours": the day of publication
        n = hours.group("n") or hours.group("m")
        days = int(n) // 24 if n and n.isdecimal() and int(n) > 24 else 0
        return ((published - _dt.timedelta(days=days), "day", published) if days
                else (published, "day", None))
    holiday = _HOLIDAY_RE.fullmatch(core)
    if holiday:
        return _holiday(holiday, published), "day", None
    core = re.sub(rf"\s*,?\s*\b{_PART}$", "", core).strip() or core
    if core == "yesterday":
        return published - one_day, "day", None
    if re.fullmatch(r"(?:the )?day before yesterday", core):
        return published - 2 * one_day, "day", None
    weekday = _WEEKDAY_RE.match(core)
    if weekday:
        # dateparser's past preference skips "today"; a base one day on keeps it for a bare weekday.
        base = published if weekday.group("last") else published + one_day
        parsed = _parse(weekday.group("day"), base)
        return (parsed[0], "day", None) if parsed else None
    period = re.search(r"\b(week|weekend|month|year)\b", core)
    if core.endswith(" ago"):
        parsed = _parse(core, published)
        if parsed is None:
            return None
        return _as_period(parsed[0], parsed[1])
    if period is None:
        return None
    unit = period.group(1)
    previous = bool(re.search(r"\b(?:last|past)\b", core)) and core != "this past weekend"
    if unit == "weekend":
        saturday = published - _dt.timedelta(days=(published.weekday() - 5) % 7)
        if previous and saturday == published:
            saturday -= _dt.timedelta(days=7)
        return saturday, "day", min(saturday + one_day, published)
    if unit == "week":
        start = _week_start(published) - (_dt.timedelta(days=7) if previous else _dt.timedelta())
        return start, "day", start + _dt.timedelta(days=6) if previous else published
    if unit == "month":
        first = published.replace(day=1)
        if previous:
            first = (first - one_day).replace(day=1)
        return first, "month", None
    year = published.year - 1 if previous else published.year
    return _dt.date(year, 1, 1), "year", None


_HOURS = re.compile(r"(?:the )?(?:last|past) (?:(?P<n>\d+|a few|few|several|a couple of) )?hours"
                    r"|(?P<m>\d+|a few|few|several|a couple of|an?) hours? ago")
_HOLIDAY_RE = re.compile(
    rf"(?:(?:the )?(?P<shift>day|{_PART}) (?P<dir>after|before) )?(?:this )?"
    r"(?P<name>christmas|new year['\u2019]?s|thanksgiving|halloween)(?: (?P<kind>day|eve))?"
    rf"(?:,? {_PART})?")


def _holiday(m: re.Match[str], published: _dt.date) -> _dt.date:
    """The latest such holiday up to a week after publication, shifted by "the day after"."""
    days = (_holiday_in(m, year) for year in range(published.year + 1, published.year - 2, -1))
    day = next(d for d in days if d <= published + _dt.timedelta(days=7))
    if m.group("shift"):
        day += _dt.timedelta(days=1 if m.group("dir") == "after" else -1)
    return day


def _holiday_in(m: re.Match[str], year: int) -> _dt.date:
    name, eve = m.group("name"), m.group("kind") == "eve"
    if name == "christmas":
        return _dt.date(year, 12, 24 if eve else 25)
    if name == "halloween":
        return _dt.date(year, 10, 31)
    if name == "thanksgiving":  # the fourth Thursday of November (US)
        first = _dt.date(year, 11, 1)
        return first + _dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    return _dt.date(year, 12, 31) if eve else _dt.date(year, 1, 1)  # New Year's Eve / Day


def _as_period(date: _dt.date, period: str) -> Resolved:
    if period == "week":
        start = _week_start(date)
        return start, "day", start + _dt.timedelta(days=6)
    if period == "month":
        return date.replace(day=1), "month", None
    if period == "year":
        return date.replace(month=1, day=1), "year", None
    return date, "day", None
