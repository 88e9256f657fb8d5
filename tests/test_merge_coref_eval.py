"""Event-coreference scores of merged records against gold event ids (invented documents)."""

from __future__ import annotations

import pytest

from eventx.coref_eval import clusters, score_coreference, source_of
from eventx.corpus.format import Document, EventAnnotation, SpanAnnotation
from eventx.schema import Event, Span

pytest.importorskip("scipy")

TEXT = ("A gunman shot a guard at the bank. The shooting stunned the town. "
        "Police arrested the gunman. A march is planned for Sunday.")


def where(sub: str) -> tuple[int, int]:
    start = TEXT.index(sub)
    return start, start + len(sub)


def gold(*mentions: tuple[str, str, str], **kw) -> Document:
    """A document whose mentions are ``(trigger text, type, event id)``."""
    events = []
    for sub, typ, eid, *modality in mentions:
        s, e = where(sub)
        events.append(EventAnnotation(type=typ, trigger=SpanAnnotation(start=s, end=e), event=eid,
                                      modality=modality[0] if modality else "actual"))
    return Document(id="gvdb-1", text=TEXT, events=events, **kw)


def record(typ: str, *subs: str) -> Event:
    spans = tuple(Span(text=TEXT[s:e], start=s, end=e) for s, e in map(where, subs))
    return Event(type=typ, trigger=spans[0], score=0.9, mentions=spans)


DOC = gold(("shot", "attack", "e1"), ("shooting", "attack", "e1"), ("arrested", "arrest", "e2"))


def test_records_that_match_the_gold_events_score_one():
    rep = score_coreference([(DOC, [record("attack", "shot", "shooting"),
                                    record("arrest", "arrested")])])
    assert rep["right_count"] == 1.0 and rep["gold_events"] == 2 and rep["records"] == 2
    for key in ("muc", "b3", "ceafe"):
        assert rep[key] == {"p": 1.0, "r": 1.0, "f1": 1.0}
    assert rep["conll_f1"] == 1.0


def test_a_split_event_scores_by_hand():
    # key {shot, shooting} {arrested}; response {shot} {shooting} {arrested}
    rep = score_coreference([(DOC, [record("attack", "shot"), record("attack", "shooting"),
                                    record("arrest", "arrested")])])
    assert rep["right_count"] == 0.0
    assert rep["muc"] == {"p": 0.0, "r": 0.0, "f1": 0.0}  # the one link is missed
    assert rep["b3"] == {"p": 1.0, "r": round(2 / 3, 4), "f1": 0.8}
    # CEAF-e: phi4({shot, shooting}, {shot}) = 2/3, phi4({arrested}, {arrested}) = 1
    assert rep["ceafe"] == {"p": round(5 / 9, 4), "r": round(5 / 6, 4), "f1": round(2 / 3, 4)}
    assert rep["conll_f1"] == round((0 + 0.8 + round(2 / 3, 4)) / 3, 4)


def test_an_over_merged_record_loses_precision_not_recall():
    rep = score_coreference([(DOC, [record("attack", "shot", "shooting"),
                                    record("attack", "arrested")])])
    # "arrested" as an attack matches no gold mention: a singleton of the response only
    key, response = clusters(DOC, [record("attack", "shot", "shooting", "arrested")])
    assert sorted(map(len, key)) == [1, 2] and sorted(map(len, response)) == [1, 2]
    assert rep["records"] == 2 and rep["right_count"] == 1.0  # the count alone is right
    assert rep["muc"]["r"] == 1.0 and rep["b3"]["p"] == round(2 / 3, 4)
    assert rep["b3"]["r"] == round(2 / 3, 4)  # the gold arrest was not found


def test_a_predicted_trigger_matches_an_overlapping_gold_one_once():
    doc = gold(("shot", "attack", "e1"))
    wide = Span(text=TEXT[2:15], start=2, end=15)  # "gunman shot a"
    twice = Event(type="attack", trigger=wide, score=0.9, mentions=(wide,))
    key, response = clusters(doc, [twice, record("attack", "shot")])
    assert key == [frozenset({("g", 0)})]
    matched = [c for c in response if ("g", 0) in c]
    assert len(matched) == 1 and len(response) == 2  # the exact one matched; the other alone
    assert ("p", 0, 0) in set().union(*response)  # the wide one, left a singleton


def test_documents_add_up_and_planned_mentions_leave_with_actual_only():
    planned = gold(("shot", "attack", "e1"), ("march", "protest", "e2", "planned"))
    pairs = [(planned.actual_only(), [record("attack", "shot")]),
             (DOC, [record("attack", "shot", "shooting")]),
             (gold(), [])]
    rep = score_coreference(pairs)
    assert rep["documents"] == 3 and rep["gold_events"] == 3 and rep["records"] == 2
    assert rep["right_count"] == round(2 / 3, 4)
    assert rep["b3"]["p"] == 1.0 and rep["b3"]["r"] == 0.75  # 3 of 4 gold mentions found


def test_source_is_told_by_the_document_id():
    assert [source_of(i) for i in ("gvdb-71", "ecbplus-3_1ecb", "muc4-DEV-MUC3-0268")] == [
        "gvdb", "ecbplus", "muc4"]


def test_trigger_mentions_matched_are_reported_beside():
    rep = score_coreference([(DOC, [record("attack", "shot", "shooting"),
                                    record("seizure", "arrested")])])
    assert rep["mentions"] == {"p": round(2 / 3, 4), "r": round(2 / 3, 4), "f1": round(2 / 3, 4)}
