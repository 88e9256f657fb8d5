"""The decision rules of linking (span cleanup, casualty evidence, cross-event links), on invented
sentences, hand-built spans and probabilities; no model."""

import numpy as np
import pytest

from eventx.link_rules import (
    SURE,
    arrest_participant,
    casualty_evidence,
    clean_arguments,
    unglue,
)
from eventx.linking import ArgSpan, TriggerSpan, link
from tests.test_linking import NAMES, ROLES, probs


def at(text, sub, kind, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return ArgSpan(start, start + len(sub), kind, 0.8)


def ungluing(page, span):
    """What :func:`unglue` keeps of the span ``span`` (its first occurrence in ``page``)."""
    a = page.index(span)
    return page[slice(*unglue(page, a, a + len(span)))]


def trig(text, sub, typ):
    return TriggerSpan(text.index(sub), text.index(sub) + len(sub), typ, 0.9)


def texts(ev, role=None):
    return [a.text for a in ev.arguments if role is None or a.role == role]


def test_lone_determiner_and_its_phrase_are_one_place():
    text = "Customs officers seized 40 kilograms of cocaine at the port of Valencia."
    args = [at(text, "the", "PLACE"), at(text, "port of Valencia", "PLACE")]
    ev = link(text, trig(text, "seized", "seizure"), args,
              probs({"place": 0.4}, {"place": 0.9}), ROLES, 0.5)
    assert [p.text for p in ev.where] == ["the port of Valencia"]
    assert texts(ev) == ["the port of Valencia"]


def test_pieces_of_one_noun_phrase_are_one_participant():
    text = "The interior ministers of Serbia and Hungary signed an agreement on police cooperation."
    args = [at(text, "The", "PARTICIPANT"), at(text, "interior ministers of", "PARTICIPANT"),
            at(text, "Serbia and Hungary", "PARTICIPANT")]
    ev = link(text, trig(text, "agreement", "agreement"), args,
              probs({"agent": 0.7}, {"agent": 0.6}, {"agent": 0.3}), ROLES, 0.5)
    assert [(p.text, p.role) for p in ev.who] == [
        ("The interior ministers of Serbia and Hungary", "agent")]


def test_spans_of_stop_words_never_come_out_and_edges_follow_the_convention():
    text = "A gunman shot Evans and a neighbour at a home in the north of Dayton, police said."
    args = [at(text, "A", "PARTICIPANT"), at(text, "Evans and", "PARTICIPANT"),
            at(text, "a home in", "PLACE"), at(text, "of Dayton,", "PLACE"),
            at(text, "the", "PLACE")]
    p = probs({"agent": 0.9}, {"target": 0.9}, {"place": 0.9}, {"place": 0.9}, {"place": 0.9})
    ev = link(text, trig(text, "shot", "attack"), args, p, ROLES, 0.5)
    assert texts(ev, "place") == ["a home", "Dayton"]
    assert texts(ev, "target") == ["Evans"]
    assert texts(ev, "agent") == []  # a lone "A"
    for s in [*ev.spans(), *ev.arguments]:
        assert text[s.start:s.end] == s.text
    # pieces of one phrase that touch are one span ("a home in" + "Dayton")
    text = "A gunman shot Evans at a home in Dayton."
    ev = link(text, trig(text, "shot", "attack"), [at(text, "a home in", "PLACE"),
              at(text, "Dayton", "PLACE")], probs({"place": 0.9}, {"place": 0.6}), ROLES, 0.5)
    assert texts(ev, "place") == ["a home in Dayton"]
    # two whole phrases side by side stay two
    text = "Marines boarded the ship the Tabar and seized 12.2 grams 3 bags of heroin."
    args = [at(text, "the ship", "PARTICIPANT"), at(text, "the Tabar", "PARTICIPANT"),
            at(text, "12.2 grams", "QUANTITY"), at(text, "3 bags", "QUANTITY")]
    kept, _ = clean_arguments(text, args, probs({}, {}, {}, {}))
    assert [text[a.start:a.end] for a in kept] == ["the ship", "the Tabar", "12.2 grams", "3 bags"]


def test_span_glued_across_a_missing_space_is_cut():
    text = "Woman shot in ChicagoCHICAGO -- A woman was shot on the South Side of Chicago."
    assert text[slice(*unglue(text, 14, 28))] == "Chicago"
    # the part the span mostly covers is kept
    assert text[slice(*unglue(text, 6, 28))] == "shot in Chicago"
    page = "Fire kills 3 | KFBB.comSPOKANE, Wash. - A fire killed three people."
    assert ungluing(page, "KFBB.comSPOKANE") == "SPOKANE"  # the name, not the web address
    page = "Police seek robbery suspectCollege Park police said a man robbed a bank."
    assert ungluing(page, "robbery suspectCollege Park police") == "College Park police"
    for name in ("McDonald", "LaGuardia", "iPhone", "MacArthur", "TallGrass", "@FiscaliaCDMX",
                 "YouTube", "eBay", "macOS", "a McDonald's"):
        assert unglue(name, 0, len(name)) == (0, len(name))
    ev = link(text, trig(text, "shot", "attack"), [at(text, "ChicagoCHICAGO", "PLACE")],
              probs({"place": 0.9}), ROLES, 0.5)
    assert [p.text for p in ev.where] == ["Chicago"]


def test_clean_arguments_keeps_probabilities_of_joined_spans():
    text = "Police raided the port of Valencia on Monday."
    args = [at(text, "the", "PLACE"), at(text, "port of", "PLACE"), at(text, "Valencia", "PLACE"),
            at(text, "Monday", "TIME")]
    p = probs({"place": 0.3, "time": 0.1}, {"place": 0.8}, {"place": 0.6, "time": 0.2},
              {"time": 0.7})
    kept, kp = clean_arguments(text, args, p)
    assert [(text[a.start:a.end], a.kind) for a in kept] == [
        ("the port of Valencia", "PLACE"), ("Monday", "TIME")]
    assert kp[0, NAMES.index("place")] == pytest.approx(0.8)
    assert kp[0, NAMES.index("time")] == pytest.approx(0.2)
    assert kp[1, NAMES.index("time")] == pytest.approx(0.7)
    empty, ep = clean_arguments(text, [at(text, "the", "PLACE")], probs({"place": 0.9}))
    assert empty == [] and ep.shape == (0, len(NAMES))


def test_rules_off_keeps_spans_as_given():
    text = "Police arrested two men in Subotica."
    ev = link(text, trig(text, "arrested", "arrest"), [at(text, "in Subotica", "PLACE")],
              probs({"place": 0.9}), ROLES, 0.5, rules=False)
    assert [p.text for p in ev.where] == ["in Subotica"]


@pytest.mark.parametrize("text, count, kind, expected", [
    ("Troops captured 12 militants after a gunfight in Kashmir.", "12 militants", "killed", False),
    ("Troops captured 12 militants after a gunfight in Kashmir.", "12 militants", "injured", False),
    ("A shooting in Chicago left two people dead.", "two people", "killed", True),
    ("A shooting in Chicago left two people dead.", "two people", "injured", False),
    ("Three soldiers were wounded in the clash.", "Three soldiers", "injured", True),
    ("Three soldiers were wounded in the clash.", "Three soldiers", "killed", False),
    ("The attack claimed the lives of 14 villagers.", "14 villagers", "killed", True),
    ("Police found the bodies of four men.", "four men", "killed", True),
    ("Five people were hospitalized after the protest.", "Five people", "injured", True),
    ("The clash left 20 casualties.", "20 casualties", "killed", True),
    ("Police arrested two men after a fatal stabbing.", "two men", "killed", False),
    ("Rebels took 30 villagers hostage and killed a soldier.", "30 villagers", "killed", False),
    ("Rebels took 30 villagers hostage and killed a soldier.", "a soldier", "killed", True),
    ("Gunmen fired on a bus. No one was hurt.", "No one", "injured", True),
    ("Gunmen fired on a bus on Monday.", "a bus", "injured", False),
    ("Jones was shot in the head. He died in hospital.", "Jones", "killed", True),
    ("A stray bullet hit Cassie in the arm.", "Cassie", "injured", True),
    ("Jones was questioned on Monday. His father died in 2001.", "Jones", "killed", False),
    ("The executive was kidnapped by two gunmen.", "The executive", "killed", False),
])
def test_casualty_evidence(text, count, kind, expected):
    a = text.index(count)
    assert casualty_evidence(text, a, a + len(count), kind) is expected


def test_capture_is_not_death():
    text = "Troops captured 12 militants after a gunfight in Kashmir."
    args = [at(text, "Troops", "PARTICIPANT"), at(text, "12 militants", "PARTICIPANT")]
    ev = link(text, trig(text, "gunfight", "armed_clash"), args,
              probs({"agent": 0.8}, {"killed": 0.9, "target": 0.3}), ROLES, 0.5)
    assert ev.casualties.killed is None and texts(ev, "killed") == []
    text = "A shooting in Chicago left two people dead."
    ev = link(text, trig(text, "shooting", "attack"), [at(text, "two people", "PARTICIPANT")],
              probs({"killed": 0.9}), ROLES, 0.5)
    assert ev.casualties.killed.text == "two people" and texts(ev, "killed") == ["two people"]


def test_arrest_participants():
    text = "Police detained a suspect after a shooting. Two men were arrested in Subotica."
    for sub, expected in (("Police", True), ("a suspect", True), ("a shooting", False),
                          ("Two men", True)):
        a = text.index(sub)
        assert arrest_participant(text, a, a + len(sub)) is expected, sub
    text = "Police said a gunman shot a clerk. Officers later arrested a man."
    a = text.index("a clerk")
    assert not arrest_participant(text, a, a + 7)  # the arrest is in another sentence


def test_an_arrest_participant_may_say_where_it_is_from():
    text = "Police in Lyon arrested three teenagers after a car was set on fire."
    assert arrest_participant(text, 0, 6)
    text = "Officers from the county sheriff's office detained a man."
    assert arrest_participant(text, 0, 8)
    text = "Men in masks fired at a bus in Lyon."  # "in masks" is no place and no arrest follows
    assert not arrest_participant(text, 0, 3)


def test_the_source_of_a_report_is_no_participant_of_its_shooting():
    from eventx.link_rules import reporting_source

    text = "Police said no one was hurt when a man fired shots outside a bar in Dayton."
    args = [at(text, "Police", "PARTICIPANT"), at(text, "a man", "PARTICIPANT")]
    for sub, expected in (("Police", True), ("a man", False)):
        a = text.index(sub)
        assert reporting_source(text, a, a + len(sub)) is expected, sub
    # even a very sure relation: who tells of the shooting did not shoot
    p = probs({"agent": SURE + 0.05}, {"agent": 0.8})
    ev = link(text, trig(text, "fired", "attack"), args, p, ROLES, 0.5)
    assert [(w.text, w.role) for w in ev.who] == [("a man", "agent")]
    text = "Two men were hurt in the attack, according to police in Dayton."
    a = text.index("police")
    assert reporting_source(text, a, a + 6)
    text = "Police in Dayton told reporters that a man had been shot."
    assert reporting_source(text, 0, 6)
    # an arrest's agent who says so stays its agent ("Police said they arrested ...")
    text = "Police said they arrested two men."
    args = [at(text, "Police", "PARTICIPANT"), at(text, "two men", "PARTICIPANT")]
    ev = link(text, trig(text, "arrested", "arrest"), args, probs({"agent": 0.8}, {"target": 0.8}),
              ROLES, 0.5)
    assert [(w.text, w.role) for w in ev.who] == [("Police", "agent"), ("two men", "target")]


def test_participants_of_an_arrest_are_not_the_shootings():
    text = "Police detained a suspect after a shooting in Chicago left two people dead."
    args = [at(text, "Police", "PARTICIPANT"), at(text, "a suspect", "PARTICIPANT"),
            at(text, "Chicago", "PLACE"), at(text, "two people", "PARTICIPANT")]
    p = probs({"agent": 0.8}, {"target": 0.7}, {"place": 0.9}, {"killed": 0.9})
    shooting = link(text, trig(text, "shooting", "attack"), args, p, ROLES, 0.5)
    assert shooting.who == ()
    assert shooting.casualties.killed.text == "two people"
    assert [x.text for x in shooting.where] == ["Chicago"]
    arrest = link(text, trig(text, "detained", "arrest"), args, p, ROLES, 0.5)
    assert [(w.text, w.role) for w in arrest.who] == [("Police", "agent"), ("a suspect", "target")]
    # the dead are the shooting's toll, not the arrest's targets
    toll = probs({"agent": 0.8}, {"target": 0.7}, {"place": 0.9}, {"target": 0.8})
    arrest = link(text, trig(text, "detained", "arrest"), args, toll, ROLES, 0.5)
    assert [w.text for w in arrest.who] == ["Police", "a suspect"]
    # a very sure relation stands
    sure = probs({"agent": SURE + 0.05}, {"target": 0.7}, {}, {})
    shooting = link(text, trig(text, "shooting", "attack"), args, sure, ROLES, 0.5)
    assert [(w.text, w.role) for w in shooting.who] == [("Police", "agent")]


def test_coordinated_phrases_are_not_joined():
    text = "Gunmen killed the six priests and two women in the capital."
    args = [at(text, "the six priests and", "PARTICIPANT"), at(text, "two women", "PARTICIPANT")]
    kept, _ = clean_arguments(text, args, probs({"killed": 0.9}, {"killed": 0.9}))
    assert [text[a.start:a.end] for a in kept] == ["the six priests", "two women"]


def test_a_model_may_hold_agents_to_the_sentence_and_targets_near_it():
    from eventx.link_rules import SENTENCES_AWAY

    text = ("Police said the area had been calm. A gunman shot a clerk at a store in Dayton. "
            "The victim, John Doe, 24, died. Officers later detained a suspect on Elm Street.")
    args = [at(text, "Police", "PARTICIPANT"), at(text, "A gunman", "PARTICIPANT"),
            at(text, "a clerk", "PARTICIPANT"), at(text, "John Doe", "PARTICIPANT"),
            at(text, "Officers", "PARTICIPANT"), at(text, "a suspect", "PARTICIPANT"),
            at(text, "Elm Street", "PLACE")]
    shot = link(text, trig(text, "shot", "attack"), args,
                probs({"agent": 0.95}, {"agent": 0.9}, {"target": 0.9}, {"target": 0.8},
                      {"agent": 0.95}, {"target": 0.95}, {"place": 0.8}), ROLES, 0.5,
                sentences_away=SENTENCES_AWAY)
    # the police who spoke and the officers who made the arrest, sentences away, did not shoot
    # (however sure the model); the victim named in the next sentence is the target; the
    # arrest's suspect is no target (an arrest's participant); a place may be told anywhere
    assert [(p.text, p.role) for p in shot.who] == [
        ("A gunman", "agent"), ("a clerk", "target"), ("John Doe", "target")]
    assert [w.text for w in shot.where] == ["Elm Street"]
    # two sentences away is too far for a target ("a clerk"); one is not ("a store clerk")
    text = ("A gunman shot a clerk at a store in Dayton. A store clerk was there too. "
            "Officers later detained a suspect.")
    args = [at(text, "a clerk", "PARTICIPANT"), at(text, "A store clerk", "PARTICIPANT"),
            at(text, "Officers", "PARTICIPANT"), at(text, "a suspect", "PARTICIPANT")]
    held = link(text, trig(text, "detained", "arrest"), args,
                probs({"target": 0.8}, {"target": 0.8}, {"agent": 0.9}, {"target": 0.9}),
                ROLES, 0.5, sentences_away=SENTENCES_AWAY)
    assert [(p.text, p.role) for p in held.who] == [
        ("A store clerk", "target"), ("Officers", "agent"), ("a suspect", "target")]
    # a model with no limit (the default), and the annotations themselves, link however far
    for kwargs in ({}, {"rules": False, "sentences_away": SENTENCES_AWAY}):
        gold = link(text, trig(text, "detained", "arrest"), args[:1], probs({"agent": 0.9}),
                    ROLES, 0.5, **kwargs)
        assert [(p.text, p.role) for p in gold.who] == [("a clerk", "agent")]


def test_a_place_stays_with_the_nearest_event_of_another_type():
    from eventx.linking import prune_cross_events

    text = ("Gunmen attacked a checkpoint in Bauchi on Monday. Police later arrested two men. "
            "Customs officers seized 12 rifles at the Kano airport.")
    args = [at(text, "Gunmen", "PARTICIPANT"), at(text, "Bauchi", "PLACE"),
            at(text, "the Kano airport", "PLACE"), at(text, "Customs officers", "PARTICIPANT")]
    p = probs({"agent": 0.9}, {"place": 0.9}, {"place": 0.7}, {"agent": 0.9})
    attack = link(text, trig(text, "attacked", "attack"), args, p, ROLES, 0.5)
    seizure = link(text, trig(text, "seized", "seizure"), args, p, ROLES, 0.5)
    assert [w.text for w in attack.where] == ["Bauchi", "the Kano airport"]  # places: any sentence
    out = prune_cross_events([attack, seizure], text)
    # the airport is the seizure's, told in its sentence, and Bauchi the attack's
    assert [w.text for w in out[0].where] == ["Bauchi"]
    assert "the Kano airport" not in [a.text for a in out[0].arguments]
    assert [w.text for w in out[1].where] == ["the Kano airport"]
    assert [p.text for p in out[1].who] == ["Customs officers"]
    # one type only: nothing to prune
    assert prune_cross_events([attack], text) == [attack]


def test_a_toll_may_come_from_the_next_sentence():
    text = "Gunmen opened fire on a bus near Kano. Three passengers died."
    args = [at(text, "Gunmen", "PARTICIPANT"), at(text, "Three passengers", "PARTICIPANT")]
    ev = link(text, trig(text, "opened fire", "attack"), args,
              probs({"agent": 0.9}, {"killed": 0.8}), ROLES, 0.5, sentences_away={"who.agent": 0})
    assert ev.casualties.killed.text == "Three passengers"
    assert [(p.text, p.role) for p in ev.who] == [("Gunmen", "agent")]


def test_what_a_protest_is_against_is_its_target():
    text = "Farmers protested in Lyon against the new tax."
    roles = {"agent": "PARTICIPANT", "target": "PARTICIPANT"}
    args = [ArgSpan(0, 7, "PARTICIPANT", 0.9), ArgSpan(34, 45, "PARTICIPANT", 0.9)]
    probs = np.array([[0.9, 0.05], [0.7, 0.2]])  # the model reads both as agents
    ev = link(text, TriggerSpan(8, 17, "protest", 0.9), args, probs, roles, 0.5)
    assert [(p.text, p.role) for p in ev.who] == [("Farmers", "agent"), ("the new tax", "target")]


@pytest.mark.parametrize("text,span,expected", [
    ("The blast killed 23 people and injured 1,000.", "23 people", "killed"),
    ("The blast killed 23 people and injured 1,000.", "1,000", "injured"),
    ("The blast killed 23 people and injured 1,000.", "The blast", None),  # the agent
    ("The gunman killed two neighbours.", "The gunman", None),
    ("Man killed in shooting near the market", "Man", "killed"),
    ("Minutes later another man was dead.", "another man", "killed"),
    ("Deputies found the body of a man in the river.", "a man", "killed"),
    ("Leon Parra, 31, died at the scene.", "Leon Parra", "killed"),
    ("A teenager was shot and wounded on Friday.", "A teenager", "injured"),
    ("Two officers were arrested on Friday.", "Two officers", None),
    # violence told as fatal is a death, not an injury
    ("A man was stabbed to death outside a bar.", "A man", "killed"),
    ("A guard, 54, was beaten to death by the mob.", "A guard", "killed"),
    ("A teenager was fatally shot on Friday.", "A teenager", "killed"),
    ("The gunman fatally wounded a guard.", "a guard", "killed"),
    ("A teenager was critically wounded on Friday.", "A teenager", "injured"),
])
def test_local_toll(text, span, expected):
    from eventx.link_rules import local_toll

    a = text.index(span)
    assert local_toll(text, a, a + len(span)) == expected


def test_stabbed_to_death_is_no_injury():
    # "stabbed" is a word of injury, but the victim died: one killed, nobody injured
    text = "A man was stabbed to death outside a bar on Sunday."
    assert casualty_evidence(text, 0, 5, "killed")
    assert not casualty_evidence(text, 0, 5, "injured")


def test_toll_words_at_the_span_decide_its_kind():
    # "injuring 1,000" is no death toll though the sentence tells of deaths; ages are no toll
    text = "A car bomb exploded in the capital, killing at least 23 people and injuring 1,000."
    a = text.index("1,000")
    assert not casualty_evidence(text, a, a + 5, "killed")
    assert casualty_evidence(text, a, a + 5, "injured")
    text = "Two missionaries, aged 19 and 21, were shot to death by gunmen."
    a = text.index("21")
    assert not casualty_evidence(text, a, a + 2, "killed")


def test_a_target_told_dead_fills_the_empty_toll():
    text = "Gunmen opened fire on a crowd. Minutes later another man was dead."
    args = [at(text, "Gunmen", "PARTICIPANT"), at(text, "another man", "PARTICIPANT")]
    p = probs({"agent": 0.9}, {"target": 0.8})
    ev = link(text, trig(text, "opened fire", "attack"), args, p, ROLES, 0.5,
              type_roles=["agent", "target", "killed", "injured"])
    assert ev.casualties.killed.text == "another man"
    assert ("another man", "target") in [(w.text, w.role) for w in ev.who]
    # a type that takes no toll gets none; without the type's roles the rule stays off
    arrest = link(text, trig(text, "opened fire", "arrest"), args, p, ROLES, 0.5,
                  type_roles=["agent", "target"])
    assert arrest.casualties.killed is None
    assert link(text, trig(text, "opened fire", "attack"), args, p, ROLES,
                0.5).casualties.killed is None


def test_more_glued_spans_and_loose_edges():
    page = "Police: man shot near Rogers ParkA man was shot on Friday."
    assert ungluing(page, "Rogers ParkA") == "Rogers Park"
    page = "Officer hurt | WALAMobile police said an officer was hurt."
    assert ungluing(page, "WALAMobile") == "Mobile"
    page = "Crash on Smithridge Dr.RENO, Nev. -- Police said"
    assert ungluing(page, "Smithridge Dr.RENO") == "Smithridge Dr."
    text = "A man was shot near Elm & Main. Witnesses - Tulsa police said - heard shots."
    args = [at(text, "Elm &", "PLACE"), at(text, "Tulsa police said -", "PARTICIPANT")]
    kept, _ = clean_arguments(text, args, probs({}, {}))
    assert [text[a.start:a.end] for a in kept] == ["Elm", "Tulsa police said"]
    text = "Gunmen shot dead a guard. 45-year-old Dale Byrd was shot too."
    kept, _ = clean_arguments(text, [at(text, ". 45-year-old Dale Byrd", "PARTICIPANT")],
                              probs({}))
    assert [text[a.start:a.end] for a in kept] == ["45-year-old Dale Byrd"]
    page = "Shooting | KTUL.com TULSA -- A man was shot."
    kept, _ = clean_arguments(page, [at(page, "KTUL.com", "PLACE")], probs({}))
    assert kept == []  # a web address is a publisher, not a place


def test_a_web_pages_own_words_are_no_place():
    page = "News | Weather | Sports Shot 59INDIANAPOLIS, Ind. -- Call 410-396-2221 with tips."
    assert ungluing(page, "59INDIANAPOLIS") == "INDIANAPOLIS"  # a channel number run in
    assert ungluing("Teen shot FOX43YORK, Pa.", "FOX43YORK") == "YORK"
    assert ungluing("Video HomeOklahoma City police said", "HomeOklahoma City") == "Oklahoma City"
    spans = [at(page, w, "PLACE") for w in ("News", "Weather", "|", "410-396-2221")]
    kept, _ = clean_arguments(page, spans, probs(*[{}] * len(spans)))
    assert kept == []
    text = "He was shot at home near Sports Arena Drive on Route 9."
    spans = [at(text, w, "PLACE") for w in ("home", "Sports Arena Drive", "Route 9")]
    kept, _ = clean_arguments(text, spans, probs(*[{}] * len(spans)))
    assert [text[a.start:a.end] for a in kept] == ["home", "Sports Arena Drive", "Route 9"]


def test_a_toll_word_alone_is_no_participant():
    text = "A gunman shot dead two people and left three wounded."
    spans = [at(text, w, "PARTICIPANT") for w in ("A gunman", "dead", "two people", "wounded")]
    kept, _ = clean_arguments(text, spans, probs(*[{}] * len(spans)))
    assert [text[a.start:a.end] for a in kept] == ["A gunman", "two people"]
    text = "Gun battle leaves 8 dead"  # a toll with its figure stays (the killed count)
    kept, _ = clean_arguments(text, [at(text, "8 dead", "PARTICIPANT")], probs({}))
    assert [text[a.start:a.end] for a in kept] == ["8 dead"]


def test_a_long_texts_sentences_are_split_once(monkeypatch):
    """The rules ask for the sentence of every argument; a 1 MB text must not be split each time
    (that made extraction quadratic in the text's length)."""
    import eventx.normalize._text as T
    from eventx.link_rules import arrest_participant

    calls = []
    split = T._split
    monkeypatch.setattr(T, "_split", lambda text: calls.append(1) or split(text))
    text = "Police detained a suspect after a shooting in the city. " * 2000  # 112,000 characters
    for k in range(0, 2000, 100):
        start = text.index("a suspect", k * 56)
        assert arrest_participant(text, start, start + 9)
    assert len(calls) <= 1


def test_an_agent_who_killed_may_still_be_arrested():
    from eventx.link_rules import casualty_phrase

    text = "The gunman killed two people. Police arrested the gunman on Friday."
    assert not casualty_phrase(text, 0, 10)  # he killed: he is no toll
    a = text.index("two people")
    assert casualty_phrase("A shooting left two people dead.", 16, 26)
    assert casualty_phrase("killing three people", 8, 20)
    assert casualty_phrase(text, a, a + 10)  # "killed two people": they are the toll


@pytest.mark.parametrize("span,expected", [
    ("WBFFBALTIMORE", "BALTIMORE"),   # a call sign run into the dateline
    ("KSWBPOWAY", "POWAY"),
    ("ILROCKFORD", "ROCKFORD"),       # a state's code run into it
    ("WBFF", None),                   # a call sign alone is no place
    ("WLWT-TV", None),
    ("WACO", "WACO"),                 # a place the gazetteer knows stays
    ("WESTCHESTER", "WESTCHESTER"),   # not "WEST" + "CHESTER"
    ("INDIANAPOLIS", "INDIANAPOLIS"),
    ("Fort Worth7", "Fort Worth"),    # a page number run onto the name
    ("Route 66", "Route 66"),
])
def test_dateline_place(span, expected):
    from eventx.link_rules import dateline_place

    text = f"{span} -- Two men were shot on Friday."
    got = dateline_place(text, 0, len(span))
    assert (None if got is None else text[got[0]:got[1]]) == expected


def test_a_call_sign_is_no_place_of_the_event():
    text = "WBFF -- Two men were shot in Baltimore on Friday."
    args = [at(text, "WBFF", "PLACE"), at(text, "Baltimore", "PLACE")]
    kept, _ = clean_arguments(text, args, probs({}, {}))
    assert [text[a.start:a.end] for a in kept] == ["Baltimore"]


@pytest.mark.parametrize("text,span,expected", [
    ("Police said a man named John Smith was shot.", "a man named", "a man"),
    ("Police arrested four men in their twenties.", "four men in their", "four men"),
    ("A man identified as Lee was hurt.", "A man identified as", "A man"),
    ("Her son was shot on Friday.", "Her son", "Her son"),
])
def test_a_participant_does_not_end_waiting_for_its_noun(text, span, expected):
    kept, _ = clean_arguments(text, [at(text, span, "PARTICIPANT")], probs({}))
    assert [text[k.start:k.end] for k in kept] == [expected]


@pytest.mark.parametrize("text,span,expected", [
    ("Police seized arms and illegal passports.", "illegal", "illegal passports"),
    ("Officers found other drugs in the car.", "other", "other drugs"),
    ("Officers found unlicensed handguns.", "unlicensed handguns", "unlicensed handguns"),
    ("The items seized were suspected.", "suspected", None),  # no noun follows: no item
])
def test_an_item_of_modifiers_only_takes_its_noun(text, span, expected):
    kept, _ = clean_arguments(text, [at(text, span, "ITEM")], probs({}))
    assert [text[k.start:k.end] for k in kept] == ([expected] if expected else [])


def test_a_hedge_cut_off_its_count_joins_it():
    text = "Gunmen stormed a church, killing at least 22 worshippers."
    args = [at(text, "at least", "PARTICIPANT"), at(text, "22 worshippers", "PARTICIPANT")]
    kept, _ = clean_arguments(text, args, probs({}, {}))
    assert [text[k.start:k.end] for k in kept] == ["at least 22 worshippers"]


@pytest.mark.parametrize("text,trigger,has_agent,expected", [
    ("An explosion at a fireworks factory killed nine workers on Tuesday.", "explosion", False, True),
    ("An earthquake struck the coast early Tuesday, killing two people.", "killing", False, True),
    ("Nobody was hurt when a gas leak caused an explosion at a depot.", "explosion", False, True),
    # an attacker in the sentence or on the event: an attack all the same
    ("Militants set off an explosion at a fireworks factory.", "explosion", False, False),
    ("An explosion at a fireworks factory killed nine workers.", "explosion", True, False),
    ("Police said the shooting may have been an accident.", "shooting", False, False),
    ("A bomb exploded near a police station, killing two.", "exploded", False, False),
])
def test_an_accident_is_no_attack(text, trigger, has_agent, expected):
    from eventx.link_rules import accident

    assert accident(text, text.index(trigger), has_agent) is expected


@pytest.mark.parametrize("text,trigger,expected", [
    ("Police did not arrest anyone at the rally.", "arrest", "negated"),
    ("Police didn't arrest anyone at the rally.", "arrest", "negated"),
    ("No arrests were made after the march.", "arrests", "negated"),
    ("No one was arrested, officials said.", "arrested", "negated"),
    ("The rebels refused to sign the accord.", "sign", "negated"),
    ("Troops would not have attacked the town.", "attacked", "negated"),
    ("Farmers plan to protest in Brussels on Monday.", "protest", "planned"),
    ("Officers are planning to arrest the gang leader.", "arrest", "planned"),
    ("The union will reportedly strike next week.", "strike", "planned"),
    ("The planned strike was called off.", "strike", "planned"),
    ("Officials warned that militants could attack the port.", "attack", "hypothetical"),
    ("Rebels may attack the convoy.", "attack", "hypothetical"),
    # a marker of another verb, a month, an adjective: the event is actual
    ("Police plan to investigate the shooting.", "shooting", "actual"),
    ("In May gunmen attacked a bus.", "attacked", "actual"),
    ("A woman suffered life-threatening injuries in the shooting.", "shooting", "actual"),
    ("Gunmen opened fire on a bus, killing six.", "killing", "actual"),
    ("The man was arrested on Friday.", "arrested", "actual"),
    # the look back stays in the trigger's sentence
    ("Police will not comment. Two men were arrested.", "arrested", "actual"),
])
def test_the_words_before_a_trigger_give_its_modality(text, trigger, expected):
    from eventx.link_rules import told_modality

    assert told_modality(text, text.index(trigger)) == expected


def test_modality_of_a_trigger_deep_in_a_long_sentence():
    from eventx.link_rules import told_modality

    run_on = "gunmen attacked a bus and " * 400 + "troops would not attack the town"
    assert told_modality(run_on, run_on.rindex("attack")) == "negated"
    assert told_modality(run_on, run_on.index("attacked", 5000)) == "actual"
    # the look back passes the first stretch it reads (only auxiliaries there): the whole sentence
    far = "No one " + "had been " * 40 + "arrested."
    assert told_modality(far, far.index("arrested")) == "negated"
