"""What the incident merger reads from one event row: its block key, date interval, names, counts.

An event row is one event of ``eventx extract``'s output with its document's ``id`` and its
``event_index`` (a ``--flat`` row, or one element of a nested row's ``events``), and optionally the
document's ``published`` date. Everything here comes from the row alone: no text, no model.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

__all__ = ["EventFeatures", "event_rows", "features_of", "lemma", "to_date", "with_doc_country"]

_WORD = re.compile(r"\w+", re.UNICODE)
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_STOP = frozenset("""a an the of in on at to for by from with and or but as is was were be been
his her their its our my your this that these those who which he she they it we you them him
some several many dozens dozen hundreds scores number group at least more than about over nearly
one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen twenty thirty forty fifty hundred thousand thousands""".split())
#: words for people in general: shared by unrelated incidents, so no evidence of one
_GENERIC = frozenset("""people person persons man men woman women child children kid kids boy boys
girl girls civilian civilians resident residents villager villagers police policemen officer
officers agent agents soldier soldiers troop troops force forces army military security gunman
gunmen attacker attackers militant militants assailant assailants suspect suspects protester
protesters demonstrator demonstrators student students pupil pupils worker workers member members
authority authorities official officials government unknown individual individuals""".split())
#: words of place names that say what kind of place, not which
_PLACE_GENERIC = frozenset("""province provinces state states city town village villages district
region county area areas capital border north south east west northern southern eastern western
central upper lower greater new market road street highway camp""".split())
_SUFFIXES = ("ings", "ing", "ers", "er", "ed", "es", "s")


def lemma(word: str) -> str:
    """A crude, deterministic stem of a trigger's last word ("shootings", "shot" stay apart;
    "arrested", "arrests" -> "arrest")."""
    words = _WORD.findall(word.lower())
    w = words[-1] if words else word.lower()
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]
    return w


def _tokens(texts: Iterable[str], skip: frozenset[str] = frozenset()) -> frozenset[str]:
    return frozenset(lemma(t) for s in texts for t in _WORD.findall(s.lower())
                     if t not in _STOP and t not in skip and not t.isdigit() and len(t) > 1)


def to_date(value: Any) -> dt.date | None:
    """A ``date`` from a date, a datetime or an ISO string (``2023-10-31``, ``2023-10-31T08:00``)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "to_pydatetime"):  # a pandas Timestamp
        return value.to_pydatetime().date()
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _span_end(start: dt.date, granularity: str | None, end: dt.date | None) -> dt.date:
    if end is not None and end >= start:
        return end
    if granularity == "month":
        nxt = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    if granularity == "year":
        return dt.date(start.year, 12, 31)
    return start


class EventFeatures:
    """The merger's view of one event (plain attributes, built by :func:`features_of`)."""

    __slots__ = ("doc", "index", "type", "country", "start", "end", "own_date", "places", "names",
                 "lemma", "killed", "killed_approx", "injured", "injured_approx", "place_list",
                 "who_list", "source")

    def __init__(self, **values: Any) -> None:
        for name in self.__slots__:
            setattr(self, name, values.get(name))

    @property
    def key(self) -> tuple[str, int]:
        return (self.doc, self.index)


def _count(casualties: Mapping[str, Any] | None, name: str) -> tuple[int | None, bool]:
    count = (casualties or {}).get(name) or {}
    value = count.get("value")
    return (int(value) if value is not None else None), bool(count.get("approximate"))


def _main_country(countries: Iterable[str | None]) -> str | None:
    counts = Counter(c for c in countries if c)
    return min(counts, key=lambda c: (-counts[c], c)) if counts else None


def with_doc_country(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One document's event rows, each with ``doc_country``: the country its events' places
    resolve to most often (the country of an event that names no place of its own)."""
    main = _main_country(_main_country(p.get("country") for p in (ev.get("where") or []))
                         for ev in events)
    return [{**ev, "doc_country": main} for ev in events]


def features_of(row: Mapping[str, Any], published_lag_days: int = 3) -> EventFeatures:
    """The features of one event row (see the module doc).

    The date interval is the event's own date (a month or a year for coarser dates, the range of
    "between 1 and 3 May"); without one, the ``published_lag_days`` days up to its document's
    ``published`` date (news reports what happened shortly before); without either, None. An own
    date is trusted when its text states a year or the document has a ``published`` date to
    resolve it against; one resolved from "Friday" or "May 3" with no publication date is dropped
    (the event is compared as one without a date, never walled off by it).
    The event's country is the one its places resolve to most often, else its
    document's (``doc_country``, see :func:`with_doc_country`).
    """
    where = row.get("where") or []
    place_list = tuple((p.get("text", ""), p.get("country")) for p in where)
    country = _main_country(c for _, c in place_list) or row.get("doc_country") or ""
    who_list = tuple((p.get("text", ""), p.get("role")) for p in (row.get("who") or []))
    when = row.get("when") or {}
    start = to_date(when.get("date"))
    if start is not None and not row.get("published") and not _YEAR.search(str(when.get("text"))):
        start = None  # "Friday", "May 3" resolved with no publication date: not to be trusted
    own = start is not None
    if own:
        end = _span_end(start, when.get("granularity"), to_date(when.get("end_date")))
    else:
        end = to_date(row.get("published"))
        start = end - dt.timedelta(days=published_lag_days) if end is not None else None
    killed, killed_approx = _count(row.get("casualties"), "killed")
    injured, injured_approx = _count(row.get("casualties"), "injured")
    trigger = (row.get("trigger") or {}).get("text", "")
    return EventFeatures(
        doc=str(row.get("id")), index=int(row.get("event_index") or 0), type=str(row.get("type")),
        country=country, start=start.toordinal() if start else None,
        end=end.toordinal() if end else None, own_date=own,
        places=_tokens((t for t, _ in place_list), _PLACE_GENERIC), names=_tokens((t for t, _ in who_list), _GENERIC),
        lemma=lemma(trigger), killed=killed, killed_approx=killed_approx, injured=injured,
        injured_approx=injured_approx, place_list=place_list, who_list=who_list,
        source=str(row.get("source") or row.get("id")))


def event_rows(records: Iterable[Any], published: Mapping[str, Any] | None = None
               ) -> Iterator[dict[str, Any]]:
    """One dict per event from ``eventx extract`` rows, nested (``events``) or flat.

    Rows with an ``error`` and documents without events give nothing. ``published`` maps document
    ids to publication dates, for rows that carry none. :class:`~eventx.schema.Event` objects are
    taken too (with ``id`` None and their position as ``event_index``).
    """
    published = published or {}
    run: list[dict[str, Any]] = []  # consecutive flat rows of one document
    for n, row in enumerate(records):
        if hasattr(row, "model_dump"):
            yield {"id": None, "event_index": n, **row.model_dump(mode="python")}
            continue
        if run and (row.get("id") != run[0]["id"] or "events" in row):
            yield from with_doc_country(run)
            run = []
        if row.get("error"):
            continue
        doc = row.get("id")
        date = row.get("published")
        if date is None and doc is not None:
            date = published.get(str(doc))
        if "events" in row:
            yield from with_doc_country(
                [{**ev, "id": doc, "event_index": i, "published": date, "source": row.get("source")}
                 for i, ev in enumerate(row.get("events") or [])])
        elif row.get("type") is not None:
            run.append({**row, "published": date})
    yield from with_doc_country(run)
