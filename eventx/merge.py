"""Fold repeated mentions of one event into one record (pure, no model): the pipeline's last stage.

Works on any events (the model's, the baseline's, gold ones); it never calls linking back.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import math
from collections.abc import Sequence
from itertools import takewhile

from eventx.entities import group_participants
from eventx.schema import Casualties, Count, Event, Place, Span, When

__all__ = ["MERGE_SPAN", "PLACE_KM", "merge_mentions"]

#: characters after an event's first mention within which later mentions may join it (a long
#: news article is 10,000-20,000 characters)
MERGE_SPAN = 20_000

#: kilometres between the nearest resolved places of two mentions above which they are two events
#: (places that resolve to no coordinates, "a house", never conflict by distance)
PLACE_KM = 50.0


def _stated(ev: Event) -> bool:
    """Whether ``ev.when`` is one of its arguments (not a date the normalizer took from a nearby
    sentence for an event without a time argument: those guesses are too often another event's)."""
    w = ev.when
    return w is not None and w.date is not None and any(
        a.start == w.start and a.end == w.end for a in ev.arguments)


def _days(w: When) -> tuple[_dt.date, _dt.date]:
    """The days a resolved date covers ("March 2005": the whole month)."""
    d = w.date
    assert d is not None
    if w.granularity == "year":
        first, last = _dt.date(d.year, 1, 1), _dt.date(d.year, 12, 31)
    elif w.granularity == "month":
        first = d.replace(day=1)
        last = d.replace(day=calendar.monthrange(d.year, d.month)[1])
    else:
        first = last = d
    return first, max(last, w.end_date or last)


def _km(a: Place, b: Place) -> float:
    lat = math.radians((a.latitude + b.latitude) / 2)  # type: ignore[operator]
    dx = math.radians(b.longitude - a.longitude) * math.cos(lat)  # type: ignore[operator]
    dy = math.radians(b.latitude - a.latitude)  # type: ignore[operator]
    return 6371.0 * math.hypot(dx, dy)


def _places_differ(a: Event, b: Event) -> bool:
    """Both mentions have resolved places and none of one's is near one of the other's:
    countries disjoint, or every pair of coordinates more than ``PLACE_KM`` apart."""
    ca = {p.country for p in a.where if p.country}
    cb = {p.country for p in b.where if p.country}
    if ca and cb and not (ca & cb):
        return True
    pa = [p for p in a.where if p.latitude is not None and p.longitude is not None]
    pb = [p for p in b.where if p.latitude is not None and p.longitude is not None]
    return bool(pa and pb) and min(_km(x, y) for x in pa for y in pb) > PLACE_KM


def _conflict(a: Event, b: Event) -> bool:
    """Two mentions that cannot be one event: another modality (a planned protest is not the
    one held), stated dates that do not overlap, places that resolve to different places, or
    different exact tolls."""
    if a.modality != b.modality:
        return True
    if _stated(a) and _stated(b):
        (a0, a1), (b0, b1) = _days(a.when), _days(b.when)  # type: ignore[arg-type]
        if a1 < b0 or b1 < a0:
            return True
    if _places_differ(a, b):
        return True
    for field in ("killed", "injured"):
        ca, cb = getattr(a.casualties, field), getattr(b.casualties, field)
        if ca and cb and ca.value is not None and cb.value is not None and ca.value != cb.value \
                and not (ca.approximate or cb.approximate):
            return True
    return False


def _bigger(a: Count | None, b: Count | None) -> Count | None:
    if a is None or (a.value is None and b is not None and b.value is not None):
        return b
    if b is None or b.value is None:
        return a
    return b if b.value > a.value else a


def _union(first, second, key) -> tuple:
    seen = {key(x) for x in first}
    return tuple(first) + tuple(x for x in second if key(x) not in seen)


_GRANULARITY = {"day": 3, "month": 2, "year": 1}


def _when_rank(ev: Event) -> tuple[bool, bool, int]:
    """The date a merged record keeps: a stated one over a guessed one, a resolved one over
    none, a day over a month over a year (``max`` keeps the first of equals)."""
    w = ev.when
    if w is None:
        return False, False, 0
    return _stated(ev), w.date is not None, _GRANULARITY.get(w.granularity or "", 0)


def _fold(a: Event, b: Event, text: str | None = None) -> Event:
    def text_key(s):
        return s.text.lower()

    # one participant per entity across the folded mentions ("A woman", then "the woman")
    who = group_participants(tuple(a.who) + tuple(b.who), text)
    return a.model_copy(update={
        "who": who,
        "where": _union(a.where, b.where, text_key),
        "when": max((a, b), key=_when_rank).when,
        "casualties": Casualties(killed=_bigger(a.casualties.killed, b.casualties.killed),
                                 injured=_bigger(a.casualties.injured, b.casualties.injured)),
        "seizures": _union(a.seizures, b.seizures, lambda s: s.item.text.lower()),
        "score": max(a.score, b.score),
        "arguments": _union(a.arguments, b.arguments, lambda x: (x.text.lower(), x.role)),
        "mentions": _mentions(a, b),
    })


def _mentions(*events: Event) -> tuple[Span, ...]:
    """The trigger spans of ``events`` (each one's ``mentions``, or its trigger), in text order."""
    spans = {(m.start, m.end): m for ev in events for m in (ev.mentions or (ev.trigger,))}
    return tuple(spans[k] for k in sorted(spans))


def merge_mentions(events: Sequence[Event], text: str | None = None) -> list[Event]:
    """Fold repeated mentions of one event into one record, in order of first mention.

    A mention joins the nearest earlier event of its type unless they conflict: another
    modality, stated dates that do not overlap (a date the normalizer guessed for a mention
    without a time argument does not count), places that resolve to different places (other
    countries, or more than ``PLACE_KM`` apart), or different exact tolls. The merged record keeps
    the first trigger, every trigger in ``mentions`` (text order), the union of arguments, the
    stated and most precise date and the largest stated toll (a repeated toll is never added up).
    Mentions more than ``MERGE_SPAN`` characters after an event's first mention start a new
    event, which keeps the merge linear in very long texts (a dump of many articles pasted
    together).

    The rule was chosen on corpus v2's tune split against its event ids
    (``benchmarks/event_coref.py``); ``text`` is accepted for rules that read the context.

    Example:
        >>> from eventx.schema import Span
        >>> text = "A gunman shot two men in a bar. The shooting was the third this month."
        >>> def at(word):
        ...     start = text.index(word)
        ...     return Event(type="attack", score=0.9,
        ...                  trigger=Span(text=word, start=start, end=start + len(word)))
        >>> [(e.type, [m.text for m in e.mentions])
        ...  for e in merge_mentions([at("shot"), at("shooting")], text)]
        [('attack', ['shot', 'shooting'])]
    """
    merged: list[Event] = []
    for ev in sorted(events, key=lambda e: e.trigger.start):
        # latest first; the events before one first mentioned too far back are farther still
        near = takewhile(lambda i: merged[i].trigger.start >= ev.trigger.start - MERGE_SPAN,
                         range(len(merged) - 1, -1, -1))
        i = next((i for i in near if merged[i].type == ev.type and not _conflict(merged[i], ev)),
                 None)
        if i is None:
            merged.append(ev)
        else:
            merged[i] = _fold(merged[i], ev, text)
    return [ev if ev.mentions else ev.model_copy(update={"mentions": (ev.trigger,)})
            for ev in merged]
