"""Fold repeated mentions of one event into one record (pure, no model): the pipeline's last stage.

Works on any events (the model's, the baseline's, gold ones); it never calls linking back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import takewhile

from eventx.schema import Casualties, Count, Event

__all__ = ["MERGE_SPAN", "merge_mentions"]

#: characters after an event's first mention within which later mentions may join it (a long
#: news article is 10,000-20,000 characters)
MERGE_SPAN = 20_000

_WORD = re.compile(r"[^\W_]+")
_STOP = {"the", "a", "an", "of", "in", "on", "at", "and", "to", "for", "his", "her", "their", "its",
         "two", "three", "four", "five", "one", "at", "least", "some", "several", "people"}


def _keys(spans) -> set[str]:
    return {w for s in spans for w in _WORD.findall(s.text.lower()) if w not in _STOP}


def _conflict(a: Event, b: Event) -> bool:
    da, db = (a.when.date if a.when else None), (b.when.date if b.when else None)
    if da and db and da != db:
        return True
    if a.where and b.where and not (_keys(a.where) & _keys(b.where)):
        return True
    for field in ("killed", "injured"):
        ca, cb = getattr(a.casualties, field), getattr(b.casualties, field)
        if ca and cb and ca.value is not None and cb.value is not None and ca.value != cb.value \
                and not (ca.approximate or cb.approximate):
            return True
    return False


def _same(a: Event, b: Event) -> bool:
    if a.type != b.type or _conflict(a, b):
        return False
    if not (a.who or a.where or a.when) or not (b.who or b.where or b.when):
        return True
    da, db = (a.when.date if a.when else None), (b.when.date if b.when else None)
    return bool((_keys(a.who) & _keys(b.who)) or (_keys(a.where) & _keys(b.where))
                or (da is not None and da == db))


def _bigger(a: Count | None, b: Count | None) -> Count | None:
    if a is None or (a.value is None and b is not None and b.value is not None):
        return b
    if b is None or b.value is None:
        return a
    return b if b.value > a.value else a


def _union(first, second, key) -> tuple:
    seen = {key(x) for x in first}
    return tuple(first) + tuple(x for x in second if key(x) not in seen)


def _fold(a: Event, b: Event) -> Event:
    def text_key(s):
        return s.text.lower()

    who = _union(a.who, b.who, lambda p: (p.text.lower(), p.role))
    return a.model_copy(update={
        "who": who,
        "where": _union(a.where, b.where, text_key),
        "when": a.when if (a.when and (a.when.date or not b.when)) else (b.when or a.when),
        "casualties": Casualties(killed=_bigger(a.casualties.killed, b.casualties.killed),
                                 injured=_bigger(a.casualties.injured, b.casualties.injured)),
        "seizures": _union(a.seizures, b.seizures, lambda s: s.item.text.lower()),
        "score": max(a.score, b.score),
        "arguments": _union(a.arguments, b.arguments, lambda x: (x.text.lower(), x.role)),
    })


_ANAPHOR = re.compile(r"\b(?:the|this|that|these|those|same|its|their)\s+(?:[\w-]+,?\s+){0,3}$", re.I)


def merge_mentions(events: Sequence[Event], text: str | None = None) -> list[Event]:
    """Fold repeated mentions of one event into one record, in order of first mention.

    Two mentions of the same type merge when they share a participant or place word or a resolved
    date and nothing conflicts (different dates, disjoint places, different exact tolls). A mention
    with no argument at all ("the clash"), or whose trigger is a definite reference ("the attack",
    "this clash": needs ``text``), joins the nearest earlier event of its type. The merged
    record keeps the first trigger, the union of arguments, the most precise date and the largest
    stated toll (a repeated toll is never added up). Mentions more than ``MERGE_SPAN``
    characters after an event's first mention start a new event, which keeps the merge linear
    in very long texts (a dump of many articles pasted together).
    """
    merged: list[Event] = []
    for ev in sorted(events, key=lambda e: e.trigger.start):
        anaphor = text is not None and bool(_ANAPHOR.search(text[max(0, ev.trigger.start - 30):
                                                                  ev.trigger.start]))
        # latest first; the events before one first mentioned too far back are farther still
        near = takewhile(lambda i: merged[i].trigger.start >= ev.trigger.start - MERGE_SPAN,
                         range(len(merged) - 1, -1, -1))
        i = next((i for i in near if _same(merged[i], ev) or (
            anaphor and merged[i].type == ev.type and not _conflict(merged[i], ev))), None)
        if i is None:
            merged.append(ev)
        else:
            merged[i] = _fold(merged[i], ev)
    return merged
