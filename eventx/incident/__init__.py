"""Incidents: one record for one real event, however many articles report it.

>>> import eventx
>>> found = eventx.incidents(rows)       # rows: what `eventx extract` writes   # doctest: +SKIP
>>> found[0].incident_id, found[0].killed, found[0].sources, found[0].reports[:2]  # doctest: +SKIP
('inc-3f0c2b1e9a7d', 12, 3, [Report(id='a1', event_index=0), Report(id='a2', event_index=0)])

Method (all from the event rows; no text, no model): events are **blocked** on what must agree
(the type, split where a gap in the dates wider than the window leaves nothing to compare across
it), **scored** in pairs inside a block when their dates lie within a window and their
countries do not differ (participants' names, places, country, trigger stem, dates, killed /
injured figures that agree or contradict), and **clustered** best pair first, never joining two
events of one document, two countries or known dates far apart, nor two incidents whose reports
agree too little on average. See :mod:`eventx.incident.cluster` for the rules and
:class:`IncidentSettings` for the thresholds.

Killed and injured are the **lowest** figure any report gives (``killed_max`` keeps the highest):
the conservative estimate conflict datasets publish, since early or partial counts are low and
rounded-up or cumulative ones high; an analyst who wants the range has both ends.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict

from eventx.incident.cluster import (IncidentSettings, block_keys, cluster_block, date_span,
                                     summarize)
from eventx.incident.features import EventFeatures, event_rows, features_of, with_doc_country

__all__ = ["Incident", "IncidentPlace", "IncidentSettings", "Participant", "Report", "assign",
           "block_keys", "blocks", "date_span", "date_spans", "incidents", "incidents_of_block",
           "merge_blocks"]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Report(_Record):
    """One event record that reports the incident: its document ``id`` and ``event_index``."""

    id: str
    event_index: int


class IncidentPlace(_Record):
    """A place named by the reports, with the country it resolves to."""

    text: str
    country: str | None = None


class Participant(_Record):
    """A participant named by the reports, with its role (``agent`` or ``target``)."""

    text: str
    role: str | None = None


class Incident(_Record):
    """One real event and the reports of it.

    Attributes:
        incident_id: stable id (a hash of the type and the first report).
        type: the event type.
        date_start, date_end: the range of the reports' own dates, or of their publication dates
            when none gives one (``dated_by`` says which: ``"event"``, ``"published"`` or None).
        countries: ISO 3166-1 alpha-2 codes of the places.
        places, participants: what the reports name, most often named first, each once.
        killed, injured: the lowest figure any report gives (None: none gives one).
        killed_max, injured_max: the highest.
        sources: the number of distinct documents (or ``source`` values, when the rows have them).
        reports: the event records merged, by document id and event index.
    """

    incident_id: str
    type: str
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    dated_by: str | None = None
    countries: tuple[str, ...] = ()
    places: tuple[IncidentPlace, ...] = ()
    participants: tuple[Participant, ...] = ()
    killed: int | None = None
    killed_max: int | None = None
    injured: int | None = None
    injured_max: int | None = None
    sources: int
    reports: tuple[Report, ...]


def incidents_of_block(rows: Iterable[Mapping[str, Any]], settings: IncidentSettings | None = None
                       ) -> list[Incident]:
    """The incidents of event rows that share one block key (the unit Spark and Ray map over)."""
    s = settings or IncidentSettings()
    feats = [features_of(r, s.published_lag_days) for r in rows]
    return [Incident(**summarize(g)) for g in cluster_block(feats, s)]


def date_spans(rows: list[Mapping[str, Any]], published_lag_days: int = 3
               ) -> tuple[list[str | None], list[str]]:
    """Each flat event row's ``doc_country`` (:func:`~eventx.incident.features.with_doc_country`)
    and :func:`date_span`, in the order of ``rows``: the first pass of the Spark and Ray
    engines, whose groups hold every row of their documents."""
    docs: dict[Any, list[Mapping[str, Any]]] = {}
    for row in rows:
        docs.setdefault(row.get("id"), []).append(row)
    country = {(r.get("id"), r.get("event_index")): r["doc_country"]
               for group in docs.values() for r in with_doc_country(group)}
    main = [country[(r.get("id"), r.get("event_index"))] for r in rows]
    spans = [date_span(features_of({**r, "doc_country": c}, published_lag_days))
             for r, c in zip(rows, main)]
    return main, spans


def blocks(records: Iterable[Any], settings: IncidentSettings | None = None,
           published: Mapping[str, Any] | None = None) -> dict[str, list[EventFeatures]]:
    """The events of ``records`` (see :func:`incidents`) as features, by block key."""
    s = settings or IncidentSettings()
    feats = [features_of(row, s.published_lag_days) for row in event_rows(records, published)]
    spans = [date_span(f) for f in feats]
    keys = block_keys(set(spans), s.window_days)
    out: dict[str, list[EventFeatures]] = {}
    for f, span in zip(feats, spans):
        out.setdefault(keys[span], []).append(f)
    return out


def incidents(records: Iterable[Any], settings: IncidentSettings | None = None, *,
              published: Mapping[str, Any] | None = None,
              progress: Callable[[int], None] | None = None) -> list[Incident]:
    """Merge event records into incidents.

    Args:
        records: rows of ``eventx extract`` output, nested (``{"id", "events": [...]}``) or flat
            (one event per row with ``id`` and ``event_index``); rows with an ``error`` are
            skipped. A row may carry its document's ``published`` date.
        settings: thresholds and weights (default :class:`IncidentSettings`).
        published: document id -> publication date, for rows that carry none.
        progress: called with the number of events of each block once it is done.

    Returns:
        The incidents, ordered by block key, then by first report; every event is in exactly one.

    Example:
        >>> rows = [{"id": "a", "events": [{"type": "attack", "trigger": {"text": "killed"},
        ...          "where": [{"text": "Jos", "country": "NG"}], "when": {"date": "2024-03-02"},
        ...          "casualties": {"killed": {"value": 12, "approximate": True}}}]},
        ...         {"id": "b", "events": [{"type": "attack", "trigger": {"text": "killed"},
        ...          "where": [{"text": "Jos", "country": "NG"}], "when": {"date": "2024-03-02"},
        ...          "casualties": {"killed": {"value": 14}}}]}]
        >>> [(i.type, i.killed, i.killed_max, i.sources) for i in incidents(rows)]
        [('attack', 12, 14, 2)]
    """
    s = settings or IncidentSettings()
    return merge_blocks(blocks(records, s, published), s, progress=progress)


def merge_blocks(grouped: Mapping[str, list[EventFeatures]], settings: IncidentSettings | None = None,
                 progress: Callable[[int], None] | None = None) -> list[Incident]:
    """The incidents of :func:`blocks`' output, block by block in key order."""
    s = settings or IncidentSettings()
    out: list[Incident] = []
    for key in sorted(grouped):
        out += [Incident(**summarize(g)) for g in cluster_block(grouped[key], s)]
        if progress is not None:
            progress(len(grouped[key]))
    return out


def assign(found: Iterable[Incident]) -> dict[tuple[str, int], str]:
    """``(document id, event index) -> incident_id``: what joins the event rows to the incidents."""
    return {(r.id, r.event_index): inc.incident_id for inc in found for r in inc.reports}
