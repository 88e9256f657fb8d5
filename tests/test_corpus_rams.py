"""RAMS converter on hand-made windows."""

from __future__ import annotations

from pathlib import Path

from eventx.corpus.convert import ConversionReport
from eventx.corpus.rams import convert_rams, irrealis, map_event
from eventx.corpus.sources import load_sources

DATA = Path(__file__).parent / "fixtures" / "corpus" / "data"


def _convert():
    report = ConversionReport()
    docs = convert_rams(load_sources(DATA, only=["rams"]).values(), report)
    return {d.id: d for d in docs}, report


def test_mapped_windows_only() -> None:
    docs, report = _convert()
    assert sorted(docs) == ["rams-w1", "rams-w2", "rams-w4", "rams-w6"]
    assert report.counts["rams.skipped.unmapped_type"] == 1      # contact.discussion.meet
    assert report.counts["rams.skipped.irrealis"] == 1           # "would attack"


def test_roles_and_token_offsets() -> None:
    docs, _ = _convert()
    w1 = docs["rams-w1"]
    ev = w1.events[0]
    assert ev.type == "attack" and not ev.trigger_guessed
    assert w1.text[ev.trigger.start:ev.trigger.end] == "fire"
    assert [(a.role, a.text) for a in ev.arguments] == [
        ("agent", "Gunmen"), ("target", "a bus"), ("place", "Kabul")]


def test_death_with_killer_becomes_attack_with_casualty() -> None:
    docs, report = _convert()
    ev = docs["rams-w2"].events[0]
    assert ev.type == "attack"
    assert [(a.role, a.text) for a in ev.arguments] == [
        ("agent", "Rebels"), ("target", "three villagers"), ("killed", "three villagers"),
        ("place", "the border")]
    assert report.counts["rams.attack_from_die"] == 1


def test_selfdirected_battle_and_pronouns() -> None:
    docs, report = _convert()
    ev = docs["rams-w4"].events[0]
    assert ev.type == "armed_clash"
    assert [(a.role, a.text) for a in ev.arguments] == [
        ("agent", "the army"), ("agent", "the militia"), ("place", "the north")]
    arrest = docs["rams-w6"].events[0]
    assert arrest.type == "arrest" and ("target", "them") not in [
        (a.role, a.text) for a in arrest.arguments]
    assert report.counts["rams.args_dropped.pronoun"] == 1


def test_map_event_rules() -> None:
    assert map_event("conflict.attack.stealrobhijack", {"attacker"}, "robbed") is None
    assert map_event("conflict.attack.selfdirectedbattle", set(), "massacre") == "attack"
    assert map_event("conflict.attack.selfdirectedbattle", set(), "coup") is None
    assert map_event("movement.transportperson.smuggleextract", set(), "smuggled") == "smuggling"
    assert map_event("government.agreements.acceptagreementcontractceasefire", set(),
                     "signed") == "agreement"
    assert map_event("government.agreements.n/a", set(), "treaty") is None
    assert map_event("life.die.deathcausedbyviolentevents", {"victim"}, "killed") is None
    assert map_event("life.injure.n/a", {"injurer", "victim"}, "illness") is None
    assert irrealis("they would attack".split(), 2) and irrealis("free to attack".split(), 2)
    assert not irrealis("they . attack".split(), 2)
