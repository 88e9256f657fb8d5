"""Participants as entities: grouping rules, the shown mention and counts; no model."""

import numpy as np

from eventx.corpus.format import DEFAULT_ROLES
from eventx.entities import entity_count, group_participants, mention_rank
from eventx.linking import ArgSpan, TriggerSpan, link
from eventx.normalize import normalize_events
from eventx.schema import Participant, Span

ROLES = dict(DEFAULT_ROLES)
NAMES = list(ROLES)


def mentions(text, *subs, role="target"):
    out, pos = [], 0
    for sub in subs:
        a = text.index(sub, pos)
        out.append(Participant(text=sub, start=a, end=a + len(sub), role=role))
        pos = a + len(sub)
    return out


def shown(ps):
    return [(p.text, p.role, [m.text for m in p.mentions]) for p in ps]


def test_one_woman_three_mentions():
    text = "Woman shot in Chicago. A woman was shot on Monday; the woman is in hospital."
    ps = group_participants(mentions(text, "Woman", "A woman", "the woman"), text)
    assert shown(ps) == [("A woman", "target", ["Woman", "A woman", "the woman"])]
    assert ps[0].count == 1
    for m in ps[0].mentions:
        assert text[m.start:m.end] == m.text


def test_name_over_description_over_pronoun():
    text = "Police shot the gunman. Gunman Timothy Bunn, 36, died; Bunn had fired at him first."
    ps = group_participants(mentions(text, "the gunman", "Timothy Bunn", "Bunn", "him"), text)
    # "the gunman" and "Timothy Bunn" share no word: two entities; "him" joins the nearest
    assert shown(ps) == [("the gunman", "target", ["the gunman"]),
                         ("Timothy Bunn", "target", ["Timothy Bunn", "Bunn", "him"])]
    ps = group_participants(mentions(text, "the gunman", "Gunman Timothy Bunn"), text)
    assert shown(ps) == [("Gunman Timothy Bunn", "target", ["the gunman", "Gunman Timothy Bunn"])]
    assert mention_rank("Gunman", 0, text) == 1
    assert mention_rank("Bunn", text.index("Bunn had"), text) == 2
    assert mention_rank("him", 0, text) == 0


def test_roles_and_numbers_keep_entities_apart():
    text = "Two men robbed a store; three men were hurt. Police shot the men."
    ps = mentions(text, "Two men", "three men") + mentions(text, "the men", role="agent")
    out = group_participants(ps, text)
    assert shown(out) == [("Two men", "target", ["Two men"]),
                          ("three men", "target", ["three men"]),
                          ("the men", "agent", ["the men"])]
    text = "A man was shot and another man was wounded."
    assert len(group_participants(mentions(text, "A man", "another man"), text)) == 2
    text = "Police said John Smith and Jane Smith were shot, a 36-year-old man and the man's son."
    out = group_participants(mentions(text, "John Smith", "Jane Smith", "a 36-year-old man",
                                      "the man"), text)
    assert shown(out) == [("John Smith", "target", ["John Smith"]),
                          ("Jane Smith", "target", ["Jane Smith"]),
                          ("a 36-year-old man", "target", ["a 36-year-old man", "the man"])]
    text = "Gunmen shot the daughter of the ambassador; the ambassador and union leaders and " \
           "political leaders were unhurt, two of the kidnappers and the kidnappers fled."
    out = group_participants(mentions(text, "the daughter of the ambassador", "the ambassador",
                                      "union leaders", "political leaders", "two of the kidnappers",
                                      "the kidnappers"), text)
    assert [len(p.mentions) for p in out] == [1, 1, 1, 1, 1, 1]


def test_counts_are_not_added_twice():
    text = "Police arrested two men in Subotica. The men were held; police questioned them."
    ps = group_participants(mentions(text, "two men", "The men", "them"), text)
    assert shown(ps) == [("two men", "target", ["two men", "The men", "them"])]
    assert sum(p.count or 0 for p in ps) == 2
    police = [Span(text="police", start=0, end=6), Span(text="two officers", start=10, end=22)]
    assert entity_count(police, police[0]) == 2  # the shown mention states none: the largest


def test_regrouping_grouped_participants_is_stable():
    text = "Woman shot in Chicago. A woman was shot on Monday; the woman is in hospital."
    once = group_participants(mentions(text, "Woman", "A woman", "the woman"), text)
    assert group_participants(once, text) == once


def test_link_groups_who_but_lists_every_argument():
    # one sentence: agents and targets stand in their trigger's sentence
    text = "Woman shot in Chicago: a woman was shot on Monday; the woman is in hospital."
    args = [ArgSpan(a, a + len(s), "PARTICIPANT", 0.9)
            for s, a in (("Woman", 0), ("a woman", 23), ("the woman", 51))]
    p = np.zeros((3, len(NAMES)))
    p[:, NAMES.index("target")] = 0.8
    ev = link(text, TriggerSpan(35, 39, "attack", 0.9), args, p, ROLES, 0.5)
    assert [(a.text, a.role) for a in ev.arguments] == [
        ("Woman", "target"), ("a woman", "target"), ("the woman", "target")]
    assert shown(ev.who) == [("a woman", "target", ["Woman", "a woman", "the woman"])]
    norm = normalize_events([ev], text, "2023-10-31")[0]
    assert norm.who[0].count == 1 and norm.who[0].mentions == ev.who[0].mentions
