"""Merge the event records of one block into incidents: score pairs, then cluster under constraints.

A block holds the events of one type: what must agree. Inside it, two events whose places
resolve to different countries are never compared; an event with no country (``""``) is compared
with the events of every country. Dated events are compared with the ones whose date intervals
lie within ``window_days`` (at most ``max_neighbours`` of them), events with no date at all with
their ``max_neighbours`` nearest by document id, so the work grows with the number of events, not
its square. A pair scores on what should agree (see :func:`pair_score`); pairs at or above
``threshold`` are joined, best first, unless the join would put two events of one document or two
countries together, leave the incident's own dates more than ``max_span_days`` apart, or (with
``average_link``) join two incidents whose reports agree on average less than that."""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from eventx.incident.features import EventFeatures

__all__ = ["IncidentSettings", "block_keys", "cluster_block", "counts_agree", "date_span",
           "pair_score"]


class IncidentSettings(BaseModel):
    """Settings of the merger; defaults chosen on ECB+'s train topics (``benchmarks/ecbplus_incidents.py``).

    Attributes:
        threshold: a pair at or above this score may join one incident.
        window_days: events whose date intervals are further apart are never compared.
        max_span_days: an incident's own (not publication) dates never span more than this.
        published_lag_days: an event without a date of its own is dated to the days up to its
            document's publication date.
        max_neighbours: each event is compared with at most this many later events of its block.
        w_names, w_places, w_trigger, w_date, w_counts: weights of the pair score's parts.
        w_place_conflict: taken off when both events name places and no word of them agrees.
        w_country: added when both events resolve to the same country (two known, different
            countries never merge).
        average_link: when set, two incidents join only if the mean score of their reports'
            pairs reaches it (not only their best pair).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    threshold: float = Field(0.3, ge=0.0)
    window_days: int = Field(7, ge=0)
    max_span_days: int = Field(7, ge=0)
    published_lag_days: int = Field(3, ge=0)
    max_neighbours: int = Field(200, ge=1)
    w_names: float = 0.3
    w_places: float = 0.25
    w_trigger: float = 0.3
    w_date: float = 0.35
    w_counts: float = 0.2
    w_place_conflict: float = 0.75
    w_country: float = 0.15
    average_link: float | None = 0.1


def date_span(f: EventFeatures) -> str:
    """What decides an event's block: its type and date interval, as one string
    (``"attack|738900|738902"``; empty dates for an event without one)."""
    return f"{f.type}|{'' if f.start is None else f.start}|{'' if f.end is None else f.end}"


def block_keys(spans: Iterable[str], window_days: int) -> dict[str, str]:
    """``date_span -> block key``: what must agree is the type (countries are kept apart inside a
    block, where an event without one can still meet them), and each type is split into parts
    that can never share an incident.

    A type's date intervals, sorted by start, begin a new part where the next start lies more
    than ``window_days`` after every end before it: no pair across that gap is ever compared
    (:func:`cluster_block` compares dated events only within ``window_days``), so clustering
    the parts one by one gives the incidents of the whole type, and Spark or Ray can run the
    parts in parallel. A type with any event without a date stays one block (such an event
    meets its nearest events by document id, whatever their dates). Keys are the type, or
    ``type|part`` with the part numbered in date order.
    """
    by_type: dict[str, set[tuple[str, str]]] = {}
    for span in spans:
        type_, start, end = span.rsplit("|", 2)
        by_type.setdefault(type_, set()).add((start, end))
    out: dict[str, str] = {}
    for type_, intervals in by_type.items():
        if any(start == "" for start, _ in intervals):
            out.update((f"{type_}|{a}|{b}", type_) for a, b in intervals)
            continue
        part, reach = -1, None
        for a, b in sorted((int(a), int(b)) for a, b in intervals):
            if reach is None or a > reach:
                part, reach = part + 1, b + window_days
            reach = max(reach, b + window_days)
            out[f"{type_}|{a}|{b}"] = f"{type_}|{part:06d}"
    return out


def counts_agree(a: int | None, a_approx: bool, b: int | None, b_approx: bool) -> int:
    """+1 when two figures agree, -1 when they contradict, 0 when either is missing.

    "At least 12" agrees with any figure from 12; otherwise figures within 25% (or 2) of each
    other agree, since tolls are revised as reports come in.
    """
    if a is None or b is None:
        return 0
    if a == b or (a_approx and b >= a) or (b_approx and a >= b):
        return 1
    return 1 if abs(a - b) <= max(2, 0.25 * max(a, b)) else -1


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _gap(a: EventFeatures, b: EventFeatures) -> int | None:
    if a.start is None or b.start is None:
        return None
    return max(0, max(a.start, b.start) - min(a.end, b.end))


def pair_score(a: EventFeatures, b: EventFeatures, s: IncidentSettings) -> float:
    """How much two events of a block look like one incident (None-free: 0 when nothing agrees).

    The sum of: names shared by the participants (overlap coefficient of their words), the same
    for places (less ``w_place_conflict`` when both name places and none agrees), the same trigger
    stem, dates close (1 on the same day, less with each day apart, half when a date is only the
    publication's), and killed / injured figures that agree (+) or contradict (-), each times its
    weight.
    """
    places = _overlap(a.places, b.places)
    score = s.w_names * _overlap(a.names, b.names) + s.w_places * places
    if places == 0.0 and a.places and b.places:
        score -= s.w_place_conflict
    if a.lemma and a.lemma == b.lemma:
        score += s.w_trigger
    if a.country and a.country == b.country:
        score += s.w_country
    gap = _gap(a, b)
    if gap is not None:
        near = 1.0 - gap / (s.window_days + 1)
        score += s.w_date * near * (1.0 if a.own_date and b.own_date else 0.5)
    counts = counts_agree(a.killed, a.killed_approx, b.killed, b.killed_approx) + counts_agree(
        a.injured, a.injured_approx, b.injured, b.injured_approx)
    return score + s.w_counts * max(-1, min(1, counts))


def _scan(events: Sequence[EventFeatures], left: list[int], right: list[int],
          s: IncidentSettings, skip_loose: bool = False):
    """Pairs (i, j), i of ``left`` and j of ``right`` (positions in date order), j after i and
    starting within ``window_days`` of i's end; at most ``max_neighbours`` for each i."""
    for i in left:
        reach, n = events[i].end + s.window_days, 0
        for k in range(bisect_right(right, i), len(right)):
            j = right[k]
            if events[j].start > reach or n >= s.max_neighbours:
                break
            if skip_loose and not events[j].country:
                continue
            n += 1
            yield i, j


def _candidates(events: Sequence[EventFeatures], s: IncidentSettings):
    """The pairs of a block worth scoring (positions in date order; a pair may come twice).

    Dated events of one country (or both without one) whose dates lie within ``window_days``;
    a dated event without a country and the dated events of every country in that window; an
    event with no date at all and the ``max_neighbours`` nearest events it may agree on country
    with.
    """
    groups: dict[str, list[int]] = {}
    dated, undated = [], []
    for i, f in enumerate(events):
        (dated if f.start is not None else undated).append(i)
        groups.setdefault(f.country, []).append(i)
    by_country = {c: [i for i in g if events[i].start is not None] for c, g in groups.items()}
    for members in by_country.values():
        yield from _scan(events, members, members, s)
    loose = by_country.get("", [])
    if loose and len(by_country) > 1:
        yield from _scan(events, loose, dated, s, skip_loose=True)
        yield from _scan(events, [i for i in dated if events[i].country], loose, s)
    # no date: the nearest events by document id (dumps number documents as they come)
    by_doc = sorted(range(len(events)), key=lambda i: events[i].key)
    near: dict[str, list[int]] = {"": by_doc}
    rank = {i: r for r, i in enumerate(by_doc)}
    half = s.max_neighbours // 2
    for i in undated:
        c = events[i].country
        if c not in near:
            near[c] = [j for j in by_doc if events[j].country in (c, "")]
        at = bisect_left(near[c], rank[i], key=rank.__getitem__)
        for j in near[c][max(0, at - half): at + half + 1]:
            if j != i:
                yield (i, j) if i < j else (j, i)


def _conflict(a: EventFeatures, b: EventFeatures) -> bool:
    return bool(a.country and b.country and a.country != b.country)


def cluster_block(events: Sequence[EventFeatures], settings: IncidentSettings | None = None
                  ) -> list[list[EventFeatures]]:
    """The incidents of one block, each a list of its events (see the module doc).

    The result does not depend on the order of ``events``: they are sorted by date and report first.
    """
    s = settings or IncidentSettings()
    order = sorted(events, key=lambda f: (f.start is None, f.start or 0, f.doc, f.index))
    parent = list(range(len(order)))
    members = [[i] for i in range(len(order))]
    docs = [{f.doc} for f in order]
    countries = [{f.country} - {""} for f in order]
    # the latest start and earliest end of the known dates: they must lie within max_span_days
    own = [(f.start, f.end) if f.own_date else None for f in order]

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    pairs = []
    for i, j in _candidates(order, s):
        if order[i].doc == order[j].doc or _conflict(order[i], order[j]):
            continue
        score = pair_score(order[i], order[j], s)
        if score >= s.threshold:
            pairs.append((-score, i, j))
    pairs.sort()
    for _, i, j in pairs:
        a, b = find(i), find(j)
        if a == b or docs[a] & docs[b] or len(countries[a] | countries[b]) > 1:
            continue
        span = own[a] if own[b] is None else own[b] if own[a] is None else (
            max(own[a][0], own[b][0]), min(own[a][1], own[b][1]))
        if span is not None and span[0] - span[1] > s.max_span_days:
            continue
        if s.average_link is not None and len(members[a]) + len(members[b]) > 2 and _mean_score(
                order, members[a], members[b], s) < s.average_link:
            continue
        small, big = sorted((a, b), key=lambda r: (len(docs[r]), r))
        parent[small] = big
        docs[big] |= docs[small]
        countries[big] |= countries[small]
        members[big] += members[small]
        own[big] = span
    groups: dict[int, list[EventFeatures]] = {}
    for i, f in enumerate(order):
        groups.setdefault(find(i), []).append(f)
    return sorted(groups.values(), key=lambda g: min(f.key for f in g))


def _mean_score(order: Sequence[EventFeatures], a: list[int], b: list[int], s: IncidentSettings,
                most: int = 8) -> float:
    """The mean pair score between two incidents' reports (the first ``most`` of each)."""
    scores = [pair_score(order[i], order[j], s) for i in a[:most] for j in b[:most]]
    return sum(scores) / len(scores)


def incident_id(events: Sequence[EventFeatures]) -> str:
    """A stable id: a hash of the type and the first report (the same on every engine)."""
    first = min(f.key for f in events)
    digest = hashlib.sha1(f"{events[0].type}|{first[0]}|{first[1]}".encode()).hexdigest()
    return f"inc-{digest[:12]}"


def _ranked(items: list[Any]) -> list[Any]:
    counts = Counter(items)
    return sorted(counts, key=lambda x: (-counts[x], str(x)))


def _lowest(values: list[tuple[int | None, bool]]) -> tuple[int | None, int | None]:
    known = [v for v, _ in values if v is not None]
    return (min(known), max(known)) if known else (None, None)


def summarize(events: Sequence[EventFeatures]) -> dict[str, Any]:
    """One incident's record (plain values) from its events; see :class:`~eventx.incident.Incident`."""
    import datetime as dt

    own = [f for f in events if f.own_date and f.start is not None]
    dated = own or [f for f in events if f.start is not None]
    start = min(f.start for f in dated) if dated else None
    end = max(f.end for f in dated) if dated else None
    places: dict[str, tuple[str, str | None]] = {}
    for text, country in _ranked([p for f in events for p in f.place_list]):
        places.setdefault(text.casefold(), (text, country))
    people: dict[tuple[str, str], tuple[str, str]] = {}
    for text, role in _ranked([p for f in events for p in f.who_list]):
        people.setdefault((text.casefold(), role), (text, role))
    killed, killed_max = _lowest([(f.killed, f.killed_approx) for f in events])
    injured, injured_max = _lowest([(f.injured, f.injured_approx) for f in events])
    return {
        "incident_id": incident_id(events),
        "type": events[0].type,
        "date_start": dt.date.fromordinal(start) if start else None,
        "date_end": dt.date.fromordinal(end) if end else None,
        "dated_by": None if not dated else "event" if own else "published",
        "countries": sorted({c for _, c in places.values() if c} | {f.country for f in events
                                                                     if f.country}),
        "places": [{"text": t, "country": c} for t, c in places.values()],
        "participants": [{"text": t, "role": r} for t, r in people.values()],
        "killed": killed, "killed_max": killed_max, "injured": injured, "injured_max": injured_max,
        "sources": len({f.source for f in events}),
        "reports": [{"id": d, "event_index": i} for d, i in sorted(f.key for f in events)],
    }
