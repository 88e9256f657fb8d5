"""Fill the normalized values of extracted events: counts, quantities, dates and places.

:func:`normalize_events` is the pipeline's last stage. It never moves a span: it adds values to
the spans it is given, and one span of its own, a ``when`` for an event that has none, chosen by
this rule (what a careful reader does):

1. **Same sentence.** The time expression in the trigger's sentence nearest the trigger (a
   preceding one wins a tie). An expression that dates a report ("police said Monday that ...",
   "the army denied today that ...") is taken only when the sentence has no other.
2. **The time the story is at.** Otherwise the nearest day-level expression ("Monday",
   "October 27", "yesterday") before the trigger's sentence: news narrates in order, and a
   sentence that sets the time ("On Monday police raided a flat.") dates what follows until
   another time is set ("They arrested two men."). Months, years, weeks and ranges
   ("last year", "in June") do not carry over: they frame background, not the story's day; nor
   does the date of a report ("police said on Monday").
3. **The dateline.** Otherwise, when no time expression precedes the event at all, the date in
   the article's dateline ("INDIANAPOLIS, Ind. (Dec. 2, 2015) -"): a wire story with no other
   date reports what happened on the day it was filed.
4. **The lede's next sentence.** Otherwise, when no time expression precedes the event and there
   is no dateline date, the first day-level expression of the next sentence that does not date
   a report: a lede tells what happened and the sentence after it when ("A Colombian judge was
   killed.  She was shot in Medellin today.").

Otherwise ``when`` stays None. Expressions inside the dateline take part in rule 3 only.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence

from eventx.entities import entity_count
from eventx.normalize._text import DATELINE, sentence_bounds, sentence_of
from eventx.normalize.dates import find_time_expressions, resolve_date
from eventx.normalize.numbers import casualty_count, participant_count
from eventx.normalize.local_places import default_resolver, resolve_article
from eventx.normalize.places import Resolution
from eventx.normalize.quantities import parse_quantity
from eventx.schema import Casualties, Count, Event, Place, Seizure, When

__all__ = ["normalize_events"]



def normalize_events(events: Sequence[Event], text: str,
                     published: _dt.date | str | None) -> list[Event]:
    """Return the events with every value-bearing field normalized.

    Args:
        events: events whose spans are set (from a model or any other source); values already
            present are recomputed from the spans.
        text: the article the spans point into.
        published: the publication date (a date or an ISO string), anchor of relative dates;
            None resolves only absolute dates.

    Returns:
        New events: participant counts (an entity's: :func:`eventx.entities.entity_count`),
        casualty counts, seizure quantities with units, dates with granularity and range end,
        places with country and coordinates. A value the text does not determine is None. An
        event without ``when`` gets one by the module's rule.

    Example:
        >>> import datetime as dt
        >>> from eventx.schema import Event, Span
        >>> text = "On Monday police arrested two men in Subotica."
        >>> ev = Event(type="arrest", trigger=Span(text="arrested", start=17, end=25), score=0.9)
        >>> out = normalize_events([ev], text, dt.date(2023, 10, 31))
        >>> out[0].when.text, out[0].when.date
        ('Monday', datetime.date(2023, 10, 30))
    """
    if isinstance(published, str):
        published = _dt.date.fromisoformat(published[:10])
    elif isinstance(published, _dt.datetime):
        published = published.date()
    if not events:
        return []
    times = _TextTimes(text)
    places = _resolve_all(events, text)
    out = []
    for event in events:
        update: dict[str, object] = {
            "who": tuple(p.model_copy(update={"count": entity_count(p.mentions, p)
                                              if p.mentions else participant_count(p.text)})
                         for p in event.who),
            "where": tuple(_place(p, places[p.text]) for p in event.where),
            "casualties": Casualties(killed=_casualty(event.casualties.killed, "killed"),
                                     injured=_casualty(event.casualties.injured, "injured")),
            "seizures": tuple(_seizure(s) for s in event.seizures),
        }
        when = event.when
        if when is None:
            found = times.for_trigger(event.trigger.start, event.trigger.end)
            if found is not None:
                a, b = found
                when = When(text=text[a:b], start=a, end=b)
        update["when"] = _dated(when, published) if when is not None else None
        out.append(event.model_copy(update=update))
    return out


def _resolve_all(events: Sequence[Event], text: str) -> dict[str, Resolution]:
    names = list(dict.fromkeys(p.text for e in events for p in e.where))
    if not names:
        return {}
    return resolve_article(default_resolver(), names, text)


def _place(place: Place, res: Resolution) -> Place:
    return place.model_copy(update={"country": res[0], "latitude": res[1], "longitude": res[2]})


def _casualty(count: Count | None, kind: str) -> Count | None:
    if count is None:
        return None
    value, approx = casualty_count(count.text, kind)
    return count.model_copy(update={"value": value, "approximate": approx, "unit": None})


def _seizure(seizure: Seizure) -> Seizure:
    if seizure.quantity is None:
        return seizure
    value, approx, unit = parse_quantity(seizure.quantity.text)
    quantity = seizure.quantity.model_copy(update={"value": value, "approximate": approx,
                                                   "unit": unit})
    return seizure.model_copy(update={"quantity": quantity})


def _dated(when: When, published: _dt.date | None) -> When:
    resolved = resolve_date(when.text, published)
    date, granularity, end = resolved if resolved else (None, None, None)
    return when.model_copy(update={"date": date, "granularity": granularity, "end_date": end})


class _TextTimes:
    """The time expressions of one article, by sentence, for the fallback rule."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sentences = sentence_bounds(text)
        dateline = DATELINE.search(text, 0, 400)
        self.dateline = dateline.span() if dateline and dateline.group(3) else None
        self.dateline_time: tuple[int, int] | None = None
        self.by_sentence: dict[int, list[tuple[int, int]]] = {}
        for a, b in find_time_expressions(text):
            if self.dateline and self.dateline[0] <= a < self.dateline[1]:
                self.dateline_time = self.dateline_time or (a, b)
                continue
            self.by_sentence.setdefault(sentence_of(self.sentences, a), []).append((a, b))

    def for_trigger(self, start: int, end: int) -> tuple[int, int] | None:
        """The time expression the module's rule dates a trigger at ``start:end`` with."""
        k = sentence_of(self.sentences, start)
        here = self.by_sentence.get(k)
        if here:  # "police said Monday that ..." dates the report: other expressions first
            here = [span for span in here if not _reporting(self.text, span)] or here
        if here:
            def distance(span: tuple[int, int]) -> tuple[int, int]:
                a, b = span
                return (start - b, 0) if b <= start else (a - end, 1) if a >= end else (0, 0)
            return min(here, key=distance)
        for j in range(k - 1, -1, -1):
            for span in reversed(self.by_sentence.get(j, [])):
                if _day_level(self.text[span[0]:span[1]]) and not _reporting(self.text, span):
                    return span
        if any(j < k for j in self.by_sentence):
            return None
        if self.dateline_time is not None:
            return self.dateline_time
        for span in self.by_sentence.get(k + 1, []):  # a lede dated by the sentence after it
            if _day_level(self.text[span[0]:span[1]]) and not _reporting(self.text, span):
                return span
        return None


_REPORTING = re.compile(r"\b(?:said|says|say|reported|reports|announced|denied|told|stated|added|"
                        r"claimed|confirmed|disclosed|revealed|charged|warned|declared|indicated|"
                        r"noted|explained|asserted|acknowledged)\s*(?:on\s+|early\s+|late\s+)?$",
                        re.IGNORECASE)


def _reporting(text: str, span: tuple[int, int]) -> bool:
    """Whether a time expression dates a report ("police said Monday") rather than an event."""
    return bool(_REPORTING.search(text, max(0, span[0] - 30), span[0]))


_PROBE = _dt.date(2000, 6, 15)


def _day_level(expression: str) -> bool:
    """Whether an expression names a single day (tried against a fixed date, so relative ones
    count too)."""
    resolved = resolve_date(expression, _PROBE)
    return resolved is not None and resolved[1] == "day" and resolved[2] is None
