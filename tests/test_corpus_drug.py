"""Drug-seizure converter on hand-made sentences."""

from __future__ import annotations

from pathlib import Path

from eventx.corpus.convert import ConversionReport
from eventx.corpus.drug import convert_drug
from eventx.corpus.sources import load_sources

DATA = Path(__file__).parent / "fixtures" / "corpus" / "data"


def _convert():
    report = ConversionReport()
    docs = convert_drug(load_sources(DATA, only=["drug_seizure"]).values(), report)
    return {d.id: d for d in docs}, report


def test_sentences_without_drug_are_left_out() -> None:
    docs, report = _convert()
    assert sorted(docs) == ["drug-0", "drug-2", "drug-3"]
    assert report.counts["drug_seizure.skipped.no_drug"] == 1


def test_seizure_roles_and_quantity_pairing() -> None:
    docs, report = _convert()
    d0 = docs["drug-0"].events[0]
    assert d0.type == "seizure" and d0.trigger_guessed and d0.trigger.text == "seized"
    assert [(a.role, a.text) for a in d0.arguments] == [
        ("item", "cocaine"), ("quantity", "20 kilograms"), ("agent", "Customs officers"),
        ("place", "Durban")]
    assert report.counts["drug_seizure.args_dropped.CONCEAL"] == 1
    d3 = docs["drug-3"].events[0]
    assert [(a.role, a.text) for a in d3.arguments][:4] == [
        ("item", "heroin"), ("quantity", "3 kg"), ("item", "meth"), ("quantity", "500 grams")]
    assert ("place", "Port of Tema") in [(a.role, a.text) for a in d3.arguments]


def test_fallback_trigger_is_counted() -> None:
    docs, report = _convert()
    assert report.guessed["drug-2"] == ["fallback"]
    assert report.counts["drug_seizure.trigger.fallback"] == 1
    assert report.counts["drug_seizure.trigger.lexicon"] == 2
