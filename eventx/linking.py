"""From scored spans to event records, and from mentions to events (pure, no model).

:func:`link` turns one trigger and the role probabilities of the argument spans around it into an
:class:`~eventx.schema.Event` with raw spans (values are filled by :mod:`eventx.normalize`).
:func:`merge_mentions` then folds repeated mentions of one event into one record.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import takewhile

import numpy as np

from eventx.schema import Casualties, Count, Event, Participant, Place, Seizure, Span, When

__all__ = ["MERGE_SPAN", "ArgSpan", "TriggerSpan", "link", "merge_mentions"]

#: characters after an event's first mention within which later mentions may join it (a long
#: news article is 10,000-20,000 characters)
MERGE_SPAN = 20_000


@dataclass(frozen=True)
class TriggerSpan:
    start: int
    end: int
    type: str
    score: float


@dataclass(frozen=True)
class ArgSpan:
    start: int
    end: int
    kind: str
    score: float


def _span(cls, text: str, a: ArgSpan, **extra):
    return cls(text=text[a.start:a.end], start=a.start, end=a.end, **extra)


def link(text: str, trigger: TriggerSpan, args: Sequence[ArgSpan], role_probs: np.ndarray,
         roles: dict[str, str], threshold: float) -> Event:
    """Assign roles to the argument spans of one trigger and build its event.

    Args:
        text: the document.
        trigger: the trigger span with its type and score.
        args: candidate argument spans (any kind).
        role_probs: ``(len(args), len(roles))`` probabilities from the relation model.
        roles: role -> span kind, in the column order of ``role_probs``.
        threshold: minimum probability for a role.
    """
    names = list(roles)
    col = {r: i for i, r in enumerate(names)}
    picked: dict[str, list[tuple[float, ArgSpan]]] = {r: [] for r in names}
    for a, probs in zip(args, role_probs):
        if (a.start, a.end) == (trigger.start, trigger.end):
            continue
        usable = [r for r in names if roles[r] == a.kind and probs[col[r]] >= threshold]
        # A participant is agent or target of one event, not both.
        sides = [r for r in usable if r in ("agent", "target")]
        if len(sides) == 2:
            usable.remove(min(sides, key=lambda r: probs[col[r]]))
        for r in usable:
            picked[r].append((float(probs[col[r]]), a))

    def best(role: str) -> ArgSpan | None:
        cands = picked.get(role) or []
        return max(cands, key=lambda c: c[0])[1] if cands else None

    who = sorted([(a, r) for r in ("agent", "target") for _, a in picked.get(r, [])],
                 key=lambda x: x[0].start)
    when = best("time")
    killed, injured = best("killed"), best("injured")
    items = sorted((a for _, a in picked.get("item", [])), key=lambda a: a.start)
    quantities = sorted((a for _, a in picked.get("quantity", [])), key=lambda a: a.start)
    return Event(
        type=trigger.type,
        trigger=Span(text=text[trigger.start:trigger.end], start=trigger.start, end=trigger.end),
        who=tuple(_span(Participant, text, a, role=r) for a, r in who),
        where=tuple(_span(Place, text, a) for a in sorted((a for _, a in picked.get("place", [])),
                                                           key=lambda a: a.start)),
        when=_span(When, text, when) if when else None,
        casualties=Casualties(killed=_span(Count, text, killed) if killed else None,
                              injured=_span(Count, text, injured) if injured else None),
        seizures=tuple(_pair_items(text, items, quantities)),
        score=round(min(1.0, max(0.0, trigger.score)), 4),
    )


def _pair_items(text: str, items: list[ArgSpan], quantities: list[ArgSpan]) -> list[Seizure]:
    """Give each item the nearest unused quantity ("40 kg of heroin", "heroin (40 kg)")."""
    free = list(quantities)
    out = []
    for item in items:
        q = None
        if free:
            q = min(free, key=lambda x: min(abs(item.start - x.end), abs(x.start - item.end)))
            gap = min(abs(item.start - q.end), abs(q.start - item.end))
            if gap > 60:
                q = None
            else:
                free.remove(q)
        out.append(Seizure(item=_span(Span, text, item), quantity=_span(Count, text, q) if q else None))
    return out


# ---------------------------------------------------------------------- merging mentions
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
