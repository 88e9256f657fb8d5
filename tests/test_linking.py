"""Linking and mention merging on hand-built spans and probabilities, no model."""

import datetime as dt

import numpy as np

from eventx.corpus.format import DEFAULT_ROLES
from eventx.linking import ArgSpan, TriggerSpan, link
from eventx.merge import merge_mentions
from eventx.schema import Argument, Casualties, Count, When

ROLES = dict(DEFAULT_ROLES)
NAMES = list(ROLES)


def probs(*rows):
    out = np.zeros((len(rows), len(NAMES)))
    for i, row in enumerate(rows):
        for role, p in row.items():
            out[i, NAMES.index(role)] = p
    return out


def span(text, sub, kind, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return ArgSpan(start, start + len(sub), kind, 0.9)


TEXT = "Police arrested two men in Subotica on Monday and seized 40 kilograms of heroin."


def test_link_assigns_roles_by_kind_and_threshold():
    trig = TriggerSpan(7, 15, "arrest", 0.95)
    args = [span(TEXT, "Police", "PARTICIPANT"), span(TEXT, "two men", "PARTICIPANT"),
            span(TEXT, "Subotica", "PLACE"), span(TEXT, "Monday", "TIME")]
    p = probs({"agent": 0.9, "target": 0.6}, {"target": 0.8}, {"place": 0.7, "agent": 0.9},
              {"time": 0.4})
    ev = link(TEXT, trig, args, p, ROLES, 0.5)
    assert ev.type == "arrest" and ev.trigger.text == "arrested"
    # agent and target are exclusive: the likelier wins; a role of another kind is ignored
    assert [(w.text, w.role) for w in ev.who] == [("Police", "agent"), ("two men", "target")]
    assert [w.text for w in ev.where] == ["Subotica"]
    assert ev.when is None  # below threshold
    for s in ev.spans():
        assert TEXT[s.start:s.end] == s.text


def test_items_pair_with_nearest_quantity():
    trig = TriggerSpan(50, 56, "seizure", 0.9)
    args = [span(TEXT, "40 kilograms", "QUANTITY"), span(TEXT, "heroin", "ITEM")]
    ev = link(TEXT, trig, args, probs({"quantity": 0.9}, {"item": 0.9}), ROLES, 0.5)
    assert [(s.item.text, s.quantity.text) for s in ev.seizures] == [("heroin", "40 kilograms")]


def _ev(text, trigger, typ="armed_clash", **kw):
    trig = TriggerSpan(text.index(trigger), text.index(trigger) + len(trigger), typ, 0.9)
    return link(text, trig, [], np.zeros((0, len(NAMES))), ROLES, 0.5).model_copy(update=kw)


def test_merge_repeated_mentions_keeps_largest_toll_and_date():
    text = "Three people were killed in clashes. After the October 27 clash near Horgos, police came."
    killed = Count(text="Three people", start=0, end=12, value=3)
    a = _ev(text, "clashes", casualties=Casualties(killed=killed))
    when = When(text="October 27", start=47, end=57, date=dt.date(2023, 10, 27))
    b = _ev(text, "clash near", when=when)
    merged = merge_mentions([b, a], text)
    assert len(merged) == 1
    assert merged[0].trigger.text == "clashes"
    assert merged[0].casualties.killed.value == 3 and merged[0].when.date == dt.date(2023, 10, 27)


def test_no_merge_across_types_or_conflicting_dates():
    text = "A clash on Monday. Another clash on Friday. An arrest."
    d1 = When(text="Monday", start=11, end=17, date=dt.date(2023, 10, 30))
    d2 = When(text="Friday", start=36, end=42, date=dt.date(2023, 10, 27))
    # dates the model linked as time arguments (a date the normalizer guessed never conflicts)
    a = _ev(text, "clash on", when=d1, arguments=(Argument(role="time", **d1.model_dump(
        include={"text", "start", "end"})),))
    b = _ev(text, "clash on Friday", when=d2, arguments=(Argument(role="time", **d2.model_dump(
        include={"text", "start", "end"})),))
    c = _ev(text, "arrest", typ="arrest")
    assert len(merge_mentions([a, b, c], text)) == 3


def test_merge_stays_within_merge_span():
    from eventx.merge import MERGE_SPAN

    gap = " " * MERGE_SPAN
    text = "Three people were killed in clashes." + gap + "The clash was the worst this year."
    first = _ev(text, "clashes")
    later = _ev(text, "clash was")  # a definite reference: joins the nearest earlier clash ...
    assert len(merge_mentions([first, later], text)) == 2  # ... but not one this far back
    near = "Three people were killed in clashes. The clash was the worst this year."
    assert len(merge_mentions([_ev(near, "clashes"), _ev(near, "clash was")], near)) == 1
