"""The spaCy rule baseline (benchmarks/baseline/) on hand-written sentences."""

from __future__ import annotations

import importlib.util

import pytest

from benchmarks.baseline import SPACY_MODEL, SpacyBaseline, truecase
from eventx.schema import Event


def _spacy_model_installed() -> bool:
    if importlib.util.find_spec("spacy") is None:
        return False
    import spacy

    return spacy.util.is_package(SPACY_MODEL)


@pytest.fixture(scope="module")
def baseline() -> SpacyBaseline:
    if not _spacy_model_installed():
        pytest.skip(f"spaCy or the model package {SPACY_MODEL} is not installed")
    return SpacyBaseline()


def only(events: list[Event], etype: str) -> Event:
    found = [e for e in events if e.type == etype]
    assert len(found) == 1, [(e.type, e.trigger.text) for e in events]
    return found[0]


def who(event: Event) -> set[tuple[str, str]]:
    return {(p.text, p.role) for p in event.who}


def assert_offsets(text: str, events: list[Event]) -> None:
    for e in events:
        for s in e.spans():
            assert s.text == text[s.start:s.end], (s, text)


def test_arrest_and_seizure(baseline):
    text = "Police arrested two men in Leeds on Monday and seized 40 kilograms of heroin."
    events = baseline(text, published="2023-10-31")
    assert_offsets(text, events)
    arrest = only(events, "arrest")
    assert (arrest.trigger.text, arrest.trigger.start) == ("arrested", 7)
    assert who(arrest) == {("Police", "agent"), ("two men", "target")}
    assert [p.text for p in arrest.where] == ["Leeds"]
    assert arrest.when.text == "Monday" and str(arrest.when.date) == "2023-10-30"
    seizure = only(events, "seizure")
    assert seizure.trigger.text == "seized"
    assert [(s.item.text, s.quantity.text, s.quantity.value, s.quantity.unit)
            for s in seizure.seizures] == [("heroin", "40 kilograms", 40, "kg")]


def test_attack_with_killed(baseline):
    text = "Gunmen killed three villagers in Kaduna on Tuesday."
    attack = only(baseline(text), "attack")
    assert_offsets(text, [attack])
    assert attack.trigger.text == "killed"
    assert who(attack) == {("Gunmen", "agent"), ("three villagers", "target")}
    assert (attack.casualties.killed.text, attack.casualties.killed.value) == ("three villagers", 3)


def test_injured_go_to_the_attack(baseline):
    text = "Five people were wounded when a bomb exploded outside a market in Quetta."
    attack = only(baseline(text), "attack")
    assert attack.trigger.text == "exploded"          # the verb, not "bomb"
    assert (attack.casualties.injured.text, attack.casualties.injured.value) == ("Five people", 5)
    assert "Quetta" in [p.text for p in attack.where]


def test_kidnapping_clash_protest_agreement(baseline):
    texts = ["Rebels kidnapped a mayor near the border on Sunday.",
             "The army and the rebels clashed near Goma on Sunday.",
             "Hundreds of workers protested in Santiago on Friday.",
             "The government and the rebels signed a ceasefire agreement in Geneva."]
    kid, clash, protest, deal = (events for events in baseline.pipe(texts))
    assert who(only(kid, "kidnapping")) == {("Rebels", "agent"), ("a mayor", "target")}
    assert who(only(clash, "armed_clash")) == {("The army", "agent"), ("the rebels", "agent")}
    assert who(only(protest, "protest")) == {("Hundreds of workers", "agent")}
    agreement = only(deal, "agreement")
    assert agreement.trigger.text == "signed"
    assert who(agreement) == {("The government", "agent"), ("the rebels", "agent")}


def test_seized_quantities_pair_with_items(baseline):
    text = "Customs officers at Dover seized eight rifles and 2,000 rounds of ammunition."
    seizure = only(baseline(text), "seizure")
    assert [(s.item.text, s.quantity.text) for s in seizure.seizures] == [
        ("rifles", "eight"), ("ammunition", "2,000 rounds")]


@pytest.mark.parametrize("text", [
    "No one was arrested.",
    "Police will arrest the suspects.",
    "Police plan to arrest the leaders.",
    "The army denied that rebels attacked the farm.",
    "If he fails, the army will attack the town.",
    "Officials talked about a possible ceasefire.",
    "He was arrested for drug trafficking.",
])
def test_negated_planned_and_charged_events_are_dropped(baseline, text):
    events = baseline(text)
    assert [e.type for e in events] in ([], ["arrest"]), events
    assert all(e.type == "arrest" and e.trigger.text == "arrested" for e in events)


def test_offsets_are_exact_with_non_ascii(baseline):
    text = "Police in Medellín arrested José Pérez on Monday. Ünal Öztürk was détenu."
    events = baseline(text)
    assert_offsets(text, events)
    arrest = only(events, "arrest")
    assert ("José Pérez", "target") in who(arrest)
    assert [p.text for p in arrest.where] == ["Medellín"]


def test_truecase_keeps_offsets():
    text = "guerrillas attacked a military post in usulutan department, killing two soldiers."
    cased = truecase(text)
    assert len(cased) == len(text) and cased.lower() == text
    assert cased.startswith("Guerrillas") and "Usulutan" in cased
    assert truecase("Police arrested a man.") == "Police arrested a man."
    assert len(truecase("straße in köln. ßtraße")) == len("straße in köln. ßtraße")


def test_lower_case_text(baseline):
    text = "guerrillas attacked a military post in usulutan department, killing two soldiers."
    attack = only(baseline(text), "attack")
    assert_offsets(text, [attack])
    assert attack.trigger.text == "attacked"
    assert ("guerrillas", "agent") in who(attack)
    assert attack.casualties.killed.value == 2


def test_analyze_keeps_stages_and_order(baseline):
    texts = ["Police arrested a man in Leeds.", "", "Nothing happened here."]
    analyses = list(baseline.analyze(texts, published=["2023-10-31", None, None]))
    assert [len(a.events) for a in analyses] == [1, 0, 0]
    first = analyses[0]
    assert {label for _, _, label, _ in first.spans} == {"T:arrest", "PARTICIPANT", "PLACE"}
    assert [(texts[0][s:e], label) for s, e, label, _ in first.spans if label == "T:arrest"] == [
        ("arrested", "T:arrest")]
    assert len(first.mentions) == 1 and first.events[0].type == "arrest"


def test_rejects_non_text(baseline):
    with pytest.raises(TypeError, match="must be a str"):
        list(baseline.pipe([b"bytes"]))


def test_compare_scores_any_system_and_prints_a_table():
    from benchmarks.compare import format_table, run_system
    from eventx.corpus.format import DEFAULT_ROLES, Document
    from eventx.extractor import Analysis
    from eventx.merge import merge_mentions
    from eventx.normalize import normalize_events
    from eventx.training.evaluate import gold_events

    text = "Gunmen killed three villagers in Kaduna."
    doc = Document.model_validate({"id": "d1", "text": text, "events": [
        {"type": "attack", "trigger": {"start": 7, "end": 13},
         "arguments": [{"role": "agent", "start": 0, "end": 6},
                       {"role": "target", "start": 14, "end": 29},
                       {"role": "killed", "start": 14, "end": 29},
                       {"role": "place", "start": 33, "end": 39}]}]})

    class Oracle:
        """Returns the gold annotation: every score must be perfect."""

        def analyze(self, texts, published=None):
            mentions = normalize_events(gold_events(doc, DEFAULT_ROLES), doc.text, None)
            yield Analysis([(7, 13, "T:attack", 1.0)], mentions, merge_mentions(mentions, text))

    result = run_system(Oracle(), [doc], DEFAULT_ROLES)
    assert result["report"]["triggers"]["all"]["f1"] == 1.0
    assert result["report"]["events"]["killed"]["f1"] == 1.0
    table = format_table({"documents": 1, "words": 6, "baseline": {**result, "device": "cpu"}})
    assert "| trigger + type F1 | 1.000 | 1 |" in table
    assert "| killed exact-count accuracy | 1.000 | 1 docs |" in table
