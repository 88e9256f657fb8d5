"""From scored spans to event records (pure, no model).

:func:`link` turns one trigger and the role probabilities of the argument spans around it into an
:class:`~eventx.schema.Event` with raw spans (values are filled by :mod:`eventx.normalize`; repeated
mentions are folded by :mod:`eventx.merge`). Every linked argument goes to ``Event.arguments``
with its role; the roles that the role-to-field map sends to a typed field fill that field too, and
``who`` holds one participant per entity (:func:`eventx.entities.group_participants`).

Before roles are given, the decision rules of :mod:`eventx.link_rules` apply (``rules=True``):
argument spans are cleaned to the corpus boundary convention, killed / injured need casualty
evidence, a participant of an arrest is not agent or target of an attack of the same sentence,
and a model may hold agents or targets to a few sentences from their trigger.
:func:`prune_cross_events` takes one document's mentions and unlinks agents, targets and places
from events of another type told farther away.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from eventx.config import DEFAULT_ROLE_FIELDS
from eventx.entities import group_participants
from eventx.link_rules import (allowed, clean_arguments, local_toll, opposed, sentences,
                               sentences_apart)
from eventx.schema import (
    Argument,
    Casualties,
    Count,
    Event,
    Participant,
    Place,
    Seizure,
    Span,
    When,
)

__all__ = ["ArgSpan", "TriggerSpan", "link", "prune_cross_events"]


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
         roles: Mapping[str, str], threshold: float | Mapping[str, float],
         fields: Mapping[str, str] | None = None, *, rules: bool = True,
         type_roles: Collection[str] | None = None,
         sentences_away: Mapping[str, int] | None = None) -> Event:
    """Assign roles to the argument spans of one trigger and build its event.

    Args:
        text: the document.
        trigger: the trigger span with its type and score.
        args: candidate argument spans (any kind).
        role_probs: ``(len(args), len(roles))`` probabilities from the relation model.
        roles: role -> span kind, in the column order of ``role_probs``.
        threshold: minimum probability for a role (one for all, or one per role).
        fields: role -> typed field (:data:`eventx.config.ROLE_FIELDS`); default: the built-in
            roles' fields. A role missing here is only in ``Event.arguments``.
        rules: apply :mod:`eventx.link_rules` (span cleanup, casualty evidence, cross-event
            links); annotations (gold events) are built with ``rules=False``.
        type_roles: the roles the trigger's type takes (``ModelConfig.type_roles``); with the
            rules, a participant told as killed or hurt right where it stands ("another man was
            dead") fills an empty killed or injured role of a type that takes it.
        sentences_away: with the rules, typed field -> how many sentences from the trigger's a
            span filling it may stand (``ModelConfig.sentences_away``; none named: any).

    Example:
        >>> ev = link("Floods hit Dhaka.", TriggerSpan(0, 6, "flood", 0.9),
        ...           [ArgSpan(11, 16, "PLACE", 0.8)], np.array([[0.9]]),
        ...           {"affected_area": "PLACE"}, 0.5)
        >>> [(a.role, a.text) for a in ev.arguments], ev.where
        ([('affected_area', 'Dhaka')], ())
    """
    names = list(roles)
    if fields is None:
        fields = {r: DEFAULT_ROLE_FIELDS[r] for r in names if r in DEFAULT_ROLE_FIELDS}
    col = {r: i for i, r in enumerate(names)}
    target_role = next((r for r in names if fields.get(r) == "who.target"), None)
    cut = ({r: float(threshold.get(r, 0.5)) for r in names} if isinstance(threshold, Mapping)
           else dict.fromkeys(names, float(threshold)))
    if rules:
        args, role_probs = clean_arguments(text, args, role_probs)
    picked: dict[str, list[tuple[float, ArgSpan]]] = {r: [] for r in names}
    for a, probs in zip(args, role_probs):
        if (a.start, a.end) == (trigger.start, trigger.end):
            continue
        usable = [r for r in names if roles[r] == a.kind and probs[col[r]] >= cut[r]]
        if rules and target_role and opposed(text, a.start):
            # "against the government": an agent reading becomes the target
            usable = list(dict.fromkeys(target_role if fields.get(r) == "who.agent" else r
                                        for r in usable))
        if rules:
            usable = [r for r in usable if allowed(text, trigger.type, a.start, a.end,
                                                          fields.get(r), float(probs[col[r]]))]
            apart = sentences_apart(text, trigger.start, a.start) if usable and sentences_away \
                else 0
            if apart:
                usable = [r for r in usable if apart <= sentences_away.get(fields.get(r), apart)]
        # A participant is agent or target of one event, not both (a tie: the later role).
        sides = [r for r in usable if fields.get(r) in ("who.agent", "who.target")]
        if len(sides) > 1:
            keep = max(reversed(sides), key=lambda r: probs[col[r]])
            usable = [r for r in usable if r not in sides or r == keep]
        for r in usable:
            picked[r].append((float(probs[col[r]]), a))

    if rules and type_roles is not None:
        _told_tolls(text, picked, fields, type_roles)

    def filling(field: str) -> list[tuple[float, ArgSpan, str]]:
        return [(p, a, r) for r in names if fields.get(r) == field for p, a in picked[r]]

    def best(field: str) -> ArgSpan | None:
        cands = filling(field)
        return max(cands, key=lambda c: c[0])[1] if cands else None

    def in_order(field: str) -> list[ArgSpan]:
        return sorted((a for _, a, _ in filling(field)), key=lambda a: a.start)

    who = sorted([(a, side) for side in ("agent", "target") for _, a, _ in filling(f"who.{side}")],
                 key=lambda x: x[0].start)
    when = best("when")
    killed, injured = best("casualties.killed"), best("casualties.injured")
    linked = sorted(((a, r) for r in names for _, a in picked[r]),
                    key=lambda x: (x[0].start, x[0].end, col[x[1]]))
    return Event(
        type=trigger.type,
        trigger=Span(text=text[trigger.start:trigger.end], start=trigger.start, end=trigger.end),
        who=group_participants([_span(Participant, text, a, role=r) for a, r in who], text),
        where=tuple(_span(Place, text, a) for a in in_order("where")),
        when=_span(When, text, when) if when else None,
        casualties=Casualties(killed=_span(Count, text, killed) if killed else None,
                              injured=_span(Count, text, injured) if injured else None),
        seizures=tuple(_pair_items(text, in_order("seizures.item"),
                                   in_order("seizures.quantity"))),
        score=round(min(1.0, max(0.0, trigger.score)), 4),
        arguments=tuple(_span(Argument, text, a, role=r) for a, r in linked),
    )


def _told_tolls(text: str, picked: dict[str, list[tuple[float, ArgSpan]]],
                fields: Mapping[str, str], type_roles: Collection[str]) -> None:
    """Fill an empty killed / injured role from a linked participant whose own words say it
    died or was hurt (:func:`~eventx.link_rules.local_toll`): "another man was dead" linked as
    the target of a shooting is its killed too (the guidelines mark both)."""
    linked = [(p, a) for r, items in picked.items()
              if fields.get(r, "").startswith(("who.", "casualties.")) for p, a in items]
    for kind in ("killed", "injured"):
        role = next((r for r in picked if fields.get(r) == f"casualties.{kind}"), None)
        if role is None or role not in type_roles or picked[role]:
            continue
        told = [(p, a) for p, a in linked if local_toll(text, a.start, a.end) == kind]
        if told:
            picked[role].append(max(told, key=lambda c: c[0]))


def prune_cross_events(events: Sequence[Event], text: str,
                       fields: Mapping[str, str] | None = None) -> list[Event]:
    """Unlink agents, targets and places from events of another kind told farther away (one
    document's mentions, after the type thresholds).

    A span linked as agent, target or place to mentions of several event types keeps the links
    of the types whose nearest such mention is in the sentence closest to it, and loses the
    others ("Gunmen attacked a checkpoint in Bauchi. ... Customs officers seized 12 rifles at the
    Kano airport.": the airport is the seizure's place, not the attack's). Replaying v1's
    linking inputs on dev v2 (``benchmarks/cross_event.py --evaluate``), it lifts role F1 from
    0.519 to 0.523 and where F1 from 0.509 to 0.520.

    Args:
        events: the mention events of one document (one trigger each), as :func:`link` gives them.
        text: the document.
        fields: role -> typed field, as for :func:`link` (default: the built-in roles').

    Returns:
        The events in the same order; a span an event loses is out of its ``who`` (regrouped),
        ``where`` and ``arguments``.
    """
    fields = dict(DEFAULT_ROLE_FIELDS if fields is None else fields)
    if len({ev.type for ev in events}) < 2:
        return list(events)
    bounds, index = sentences(text)
    pruned = ("who.agent", "who.target", "where")
    nearest: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    for ev in events:
        trigger = index(bounds, ev.trigger.start)
        for a in ev.arguments:
            if fields.get(a.role) in pruned:
                d = abs(index(bounds, a.start) - trigger)
                types = nearest[(a.start, a.end)]
                types[ev.type] = min(d, types.get(ev.type, d))
    out = []
    for ev in events:
        drop = {(a.start, a.end) for a in ev.arguments if fields.get(a.role) in pruned
                and nearest[(a.start, a.end)][ev.type] > min(nearest[(a.start, a.end)].values())}
        if not drop:
            out.append(ev)
            continue
        kept = [Participant(text=m.text, start=m.start, end=m.end, role=p.role)
                for p in ev.who for m in (p.mentions or (p,)) if (m.start, m.end) not in drop]
        out.append(ev.model_copy(update={
            "who": group_participants(kept, text),
            "where": tuple(w for w in ev.where if (w.start, w.end) not in drop),
            "arguments": tuple(a for a in ev.arguments if (a.start, a.end) not in drop
                               or fields.get(a.role) not in pruned),
        }))
    return out


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
