"""Convert the Gun Violence Database (``gvdb/dev.tsv``) into one ``attack`` event per article.

Mapping (from the crowd ``Json`` of each row):

============================  ======================================================
GVDB field                    argument
============================  ======================================================
``shooter-section[].name``    ``agent``
``victim-section[].name``     ``target``
``date-and-time.city``        ``place``
``date-and-time.details``     ``place`` (a leading preposition dropped: "near X" -> "X")
``date-and-time.date``        ``time``: a span of the text that states that date
                              (:mod:`eventx.corpus.timex`), else ``time-day`` where it
                              names a weekday or a relative day ("Friday night")
``victim-was`` outcomes       ``killed`` / ``injured`` (also ``target``): a count phrase
                              whose number equals the count (:mod:`eventx.corpus.casualties`)
============================  ======================================================

Spans are re-anchored: the given offsets are used where ``text[start:end]`` equals the value,
else the value is searched for nearest the given offset (offsets are sometimes off by one), then
tidied to whole words. Victims listed twice with the same name count once. Killed = victims
whose outcomes include ``killed``; injured = the others with ``injured`` or ``hospitalized``
(the rule of ``../shared/eval/score.py``). Where no count phrase of the right number is tied
to a casualty word, a single killed (or injured) victim with a name is anchored on the name;
otherwise the role is left out: a count span whose number disagrees is never written.
GVDB has no trigger: it is guessed with the ``shooting`` lexicon (:mod:`eventx.corpus.triggers`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from eventx.corpus.casualties import find_count_span
from eventx.corpus.convert import ConversionReport, EventDraft, finish_document
from eventx.corpus.format import Document
from eventx.corpus.sources import SourceDoc
from eventx.corpus.textutil import Span, clean_span, find_near
from eventx.corpus.timex import find_date_span, parse_date

__all__ = ["convert_gvdb"]

_TIME_WORDS = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|"
                         r"tonight|yesterday|last night|this (?:morning|afternoon|evening))\b",
                         re.I)


def _anchor(text: str, field: Any, *, strip_preposition: bool = False) -> Span | None:
    """Re-anchor a GVDB ``{"value", "startIndex", "endIndex"}`` field in the text."""
    if not isinstance(field, dict):
        return None
    value = str(field.get("value") or "")
    start, end = field.get("startIndex", -1), field.get("endIndex", -1)
    if "\n" in value.strip():
        # A value that swallowed the page header: the real value is its last line.
        last = value.strip().splitlines()[-1]
        value, start = last, (end - len(last) if isinstance(end, int) and end >= 0 else -1)
    if not value.strip():
        return None
    span: Span | None = None
    if isinstance(start, int) and 0 <= start and text[start:start + len(value)] == value:
        span = (start, start + len(value))
    else:
        span = find_near(text, value, start if isinstance(start, int) and start >= 0 else None)
    if span is None:
        return None
    return clean_span(text, *span, strip_preposition=strip_preposition)


def _victims(j: dict) -> list[dict]:
    seen: set[tuple[str, Any]] = set()
    out = []
    for v in j.get("victim-section") or []:
        name = v.get("name") if isinstance(v.get("name"), dict) else {}
        key = (str(name.get("value") or "").strip(), name.get("startIndex"))
        if key[0]:
            if key in seen:
                continue
            seen.add(key)
        out.append(v)
    return out


def _outcomes(victims: list[dict]) -> tuple[list[dict], list[dict]]:
    killed = [v for v in victims if "killed" in (v.get("victim-was") or [])]
    injured = [v for v in victims if "killed" not in (v.get("victim-was") or [])
               and set(v.get("victim-was") or []) & {"injured", "hospitalized"}]
    return killed, injured


def _casualty(draft: EventDraft, kind: str, group: list[dict], exclude: list[Span]) -> None:
    text, report = draft.text, draft.report
    if not group:
        return
    count = find_count_span(text, len(group), kind, exclude=exclude)
    if count is not None:
        span = (count.start, count.end)
        draft.add(kind, span)
        draft.add("target", span)
        exclude.append(span)
        report.add(f"gvdb.{kind}.count_span")
        return
    if len(group) == 1:
        name = _anchor(text, group[0].get("name"))
        if name is not None:
            draft.add(kind, name)
            report.add(f"gvdb.{kind}.name")
            return
    report.add(f"gvdb.{kind}.not_anchored")


def _time(draft: EventDraft, j: dict, published, near: int | None) -> None:
    dt = j.get("date-and-time") or {}
    date = parse_date(str(dt.get("date") or ""))
    span = find_date_span(draft.text, date, published, near) if date else None
    if span is None:
        tday = _anchor(draft.text, dt.get("time-day"))
        if tday is not None and _TIME_WORDS.search(draft.text[tday[0]:tday[1]]):
            span = tday
            draft.report.add("gvdb.time.time_day")
    else:
        draft.report.add("gvdb.time.date")
    draft.add("time", span)


def convert_gvdb_doc(doc: SourceDoc, report: ConversionReport) -> Document:
    """Convert one GVDB article (see the module docstring)."""
    text = doc.text
    j = json.loads(doc.raw["Json"]) if isinstance(doc.raw.get("Json"), str) else doc.raw["Json"]
    draft = EventDraft(text, "attack", "gvdb", report)
    victims = _victims(j)
    for s in j.get("shooter-section") or []:
        draft.add("agent", _anchor(text, s.get("name")))
    for v in victims:
        draft.add("target", _anchor(text, v.get("name")))
    dt = j.get("date-and-time") or {}
    draft.add("place", _anchor(text, dt.get("city")))
    draft.add("place", _anchor(text, dt.get("details"), strip_preposition=True))
    killed, injured = _outcomes(victims)
    used: list[Span] = []
    _casualty(draft, "killed", killed, used)
    _casualty(draft, "injured", injured, used)
    near = min((s for s, _ in draft.spans()), default=None)
    _time(draft, j, doc.published, near)
    choice = draft.guess_trigger("shooting")
    event = draft.build((choice.start, choice.end), guessed=True)
    return finish_document(doc.id, text, "gvdb", doc.published, [event], [choice.how], report)


def convert_gvdb(docs: Iterable[SourceDoc], report: ConversionReport | None = None
                 ) -> list[Document]:
    """Convert GVDB articles (``SourceDoc`` records with ``source == "gvdb"``).

    Args:
        docs: source records; others than GVDB are ignored.
        report: collects counters and guessed-trigger steps.

    Returns:
        One validated document per article, each with one ``attack`` event.
    """
    report = report if report is not None else ConversionReport()
    return [convert_gvdb_doc(d, report) for d in docs if d.source == "gvdb"]
