"""WikiEvents converter on hand-made documents whose token offsets drift from the text."""

from __future__ import annotations

from pathlib import Path

from eventx.corpus.convert import ConversionReport
from eventx.corpus.sources import load_sources
from eventx.corpus.wikievents import convert_wikievents, reanchor_tokens

DATA = Path(__file__).parent / "fixtures" / "corpus" / "data"


def _convert():
    report = ConversionReport()
    docs = convert_wikievents(load_sources(DATA, only=["wikievents"]).values(), report)
    return {d.id: d for d in docs}, report


def _events(doc):
    return [(e.type, doc.text[e.trigger.start:e.trigger.end],
             [(a.role, doc.text[a.start:a.end]) for a in e.arguments]) for e in doc.events]


def test_reanchor_tokens() -> None:
    assert reanchor_tokens("a  bb c", ["a", "bb", "zz", "c"]) == [(0, 1), (3, 5), (5, 5), (6, 7)]


def test_types_and_folded_death() -> None:
    docs, report = _convert()
    assert _events(docs["wiki-blast_1"]) == [
        ("attack", "exploded", [("place", "Mosul"), ("target", "two soldiers"),
                                ("killed", "two soldiers")]),
        ("arrest", "arrested", [("agent", "Police"), ("target", "a suspect")])]
    assert report.counts["wikievents.die_folded"] == 1
    assert report.counts["wikievents.die_dropped"] == 1       # a death in its sleep: no attack
    assert report.counts["wikievents.skipped_mentions"] == 1  # Contact.Contact.Broadcast


def test_protest_smuggling_and_empty_documents() -> None:
    docs, _ = _convert()
    assert _events(docs["wiki-march_2"]) == [
        ("protest", "marched", [("agent", "workers"), ("place", "Lyon")])]
    assert _events(docs["wiki-smuggle_4"]) == [
        ("smuggling", "moved", [("agent", "Smugglers"), ("target", "migrants")])]
    assert docs["wiki-quiet_3"].events == []                  # kept: densely annotated
    assert all(not e.trigger_guessed for d in docs.values() for e in d.events)
