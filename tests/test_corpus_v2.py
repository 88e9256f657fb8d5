"""Corpus v2: the ECB+ reader, event / entity ids, modality, the boundary convention, tune split.

Every text here is invented for the tests (the ECB+ fixture XML is written by
``tests/fixtures/corpus/make_data.py``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventx.cli import main
from eventx.corpus.agreement import agreement, bcubed
from eventx.corpus.boundaries import normalize_document, normalize_span
from eventx.corpus.build import fill_ids
from eventx.corpus.ecbplus import join_tokens, read_ecb_file, topic_of
from eventx.corpus.format import Document, read_documents
from eventx.corpus.quotes import QuoteDocument, anchor_document, to_quotes
from eventx.corpus.sources import load_sources
from eventx.corpus.splits import dev_ids, split_of, tune_ids
from eventx.errors import AnnotationError

FIX = Path(__file__).parent / "fixtures" / "corpus"
ECB = FIX / "data" / "ecbplus" / "xml"

DOC = {"id": "d1", "text": "Police arrested two men in Subotica on Monday.", "events": [
    {"type": "arrest", "trigger": {"start": 7, "end": 15}, "event": "e1",
     "arguments": [{"role": "agent", "start": 0, "end": 6, "entity": "p1"},
                   {"role": "target", "start": 16, "end": 23, "entity": "p2"},
                   {"role": "place", "start": 27, "end": 35}]}]}


# ---------------------------------------------------------------- ECB+ reader

def test_ecb_reader_skips_the_url_sentence_and_maps_tokens_exactly() -> None:
    text, doc = read_ecb_file(ECB / "2" / "2_1ecbplus.xml")
    assert doc.url == "http://news.example.org/2012/03/14/harbour-raid"
    assert text.splitlines()[0] == "Police arrest three in harbour raid"
    assert "rear-mounted crate" in text and "officials said." in text
    # every token's offsets give back the token itself
    import xml.etree.ElementTree as ET

    tokens = {t.get("t_id"): t.text for t in ET.parse(ECB / "2" / "2_1ecbplus.xml").iter("token")}
    assert doc.token_offsets
    for t_id, (s, e) in doc.token_offsets.items():
        assert text[s:e] == tokens[t_id]
    assert {m: text[x.start:x.end] for m, x in doc.mentions.items()} == {
        "1": "arrest", "2": "arrested", "3": "three men", "4": "Port Alder"}
    assert ("INTRA_DOC_COREF", "1", ("1", "2")) in doc.chains
    assert ("CROSS_DOC_COREF", "ACT100", ("2",)) in doc.chains


def test_ecb_sources_have_ids_dates_and_topics() -> None:
    docs = load_sources(FIX / "data", only=["ecbplus"])
    assert sorted(docs) == ["ecbplus-2_1ecbplus", "ecbplus-4_1ecb"]
    assert str(docs["ecbplus-2_1ecbplus"].published) == "2012-03-14"
    assert docs["ecbplus-4_1ecb"].published is None          # *ecb.xml files have no URL
    assert docs["ecbplus-4_1ecb"].text == "A film festival opened in Lindenau on Friday."
    assert topic_of("ecbplus-12_3ecb") == 12
    with pytest.raises(ValueError, match="not an ECB"):
        topic_of("gvdb-12")


def test_join_tokens_glues_hyphens_and_quotes() -> None:
    text, offs = join_tokens(["a", "rear", "-", "ended", "car", ",", "\"", "ok", "\"", "3", "-",
                              "2", "-", "."])
    assert text == 'a rear-ended car, "ok" 3-2 -.'
    assert [text[s:e] for s, e in offs][1:4] == ["rear", "-", "ended"]


def test_ecb_dev_topics_and_tune_split_are_fixed_by_id() -> None:
    ids = ["ecbplus-2_1ecb", "ecbplus-4_1ecb", "ecbplus-3_1ecbplus", "muc4-TST1-MUC3-0001",
           "muc4-DEV-MUC3-0001", "rams-x"]
    assert dev_ids(ids) == {"ecbplus-2_1ecb", "muc4-TST1-MUC3-0001"}
    assert "ecbplus-3_1ecbplus" in tune_ids(ids)             # topic 3 is a tune topic
    split = split_of(ids)
    assert split["ecbplus-4_1ecb"] == "train" and split["ecbplus-2_1ecb"] == "dev"
    assert not tune_ids(ids) & dev_ids(ids)


# ---------------------------------------------------------------- format and validator

def _line(tmp_path: Path, doc: dict) -> Path:
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps(DOC) + "\n" + json.dumps(doc) + "\n", encoding="utf-8")
    return path


def test_ids_and_modality_round_trip(tmp_path: Path) -> None:
    doc = json.loads(json.dumps(DOC))
    doc["events"][0]["modality"] = "planned"
    [_, d] = read_documents(_line(tmp_path, doc))
    assert d.events[0].event == "e1" and d.events[0].modality == "planned"
    assert [a.entity for a in d.events[0].arguments] == ["p1", "p2", None]
    assert Document.model_validate(DOC).events[0].modality == "actual"   # the default
    assert [e.modality for e in d.actual_only().events] == []


@pytest.mark.parametrize(("change", "field", "message"), [
    (lambda d: d["events"][0].update(event="e 1"), "events.0.event", "pattern"),
    (lambda d: d["events"][0].update(event=""), "events.0.event", "pattern"),
    (lambda d: d["events"][0].update(modality="maybe"), "events.0.modality", "actual"),
    (lambda d: d["events"][0]["arguments"][2].update(entity="p3"),
     "events.0.arguments.2.entity", "participants only"),
    (lambda d: d["events"][0]["arguments"][0].update(entity="p/1"),
     "events.0.arguments.0.entity", "pattern"),
])
def test_validator_names_file_line_and_field(tmp_path: Path, change, field: str,
                                             message: str) -> None:
    doc = json.loads(json.dumps(DOC))
    change(doc)
    path = _line(tmp_path, doc)
    with pytest.raises(AnnotationError, match=message) as err:
        read_documents(path)
    assert (err.value.path, err.value.line, err.value.field) == (str(path), 2, field)


def test_validate_command_reports_a_broken_modality(tmp_path: Path, capsys) -> None:
    doc = json.loads(json.dumps(DOC))
    doc["events"][0]["modality"] = "rumoured"
    path = _line(tmp_path, doc)
    assert main(["corpus", "validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:2" in err and "events.0.modality" in err


def test_custom_participant_role_takes_an_entity() -> None:
    from eventx.corpus.format import validate_document

    doc = Document.model_validate({"id": "f", "text": "Floods hit the valley.", "events": [
        {"type": "flood", "trigger": {"start": 0, "end": 6},
         "arguments": [{"role": "affected_area", "start": 11, "end": 21, "entity": "x1"}]}]})
    with pytest.raises(AnnotationError, match="PLACE role"):
        validate_document(doc, {"affected_area": "PLACE"})
    assert validate_document(doc, {"affected_area": "PARTICIPANT"}) is doc
    assert validate_document(doc, ["affected_area"]) is doc   # kind unknown: allowed


# ---------------------------------------------------------------- quotes

def test_quote_records_carry_ids_and_modality_and_round_trip() -> None:
    text = ("A woman was shot in Dunmore. The woman, 30, died. Police said they would arrest "
            "the gunman. The woman had been shot twice.")
    rec = QuoteDocument.model_validate({"id": "q", "events": [
        {"type": "attack", "trigger": "was [shot]", "event": "e1",
         "args": [["target", "A woman", "p1"], ["place", "in Dunmore"]]},
        {"type": "arrest", "trigger": "would [arrest]", "event": "e2", "modality": "planned",
         "args": [["agent", "Police", "p2"], ["target", "the gunman", "p3"]]},
        {"type": "attack", "trigger": "shot#2", "event": "e1",
         "args": [["target", "The woman#2", "p1"]]}]})
    doc = anchor_document(rec, text)
    assert [e.modality for e in doc.events] == ["actual", "planned", "actual"]
    assert doc.events[2].arguments[0].entity == "p1"
    assert text[doc.events[2].arguments[0].start:].startswith("The woman had")
    again = anchor_document(to_quotes(doc), text)
    assert again.events == doc.events


def test_quote_with_a_bad_entity_id_names_the_field() -> None:
    rec = QuoteDocument.model_validate({"id": "q", "events": [
        {"type": "arrest", "trigger": "arrested", "args": [["agent", "Police", "p 1"]]}]})
    with pytest.raises(AnnotationError) as err:
        anchor_document(rec, "Police arrested him.")
    assert err.value.field == "events.0.args.0.entity"


# ---------------------------------------------------------------- boundaries and ids

@pytest.mark.parametrize(("text", "span", "kind", "expected"), [
    ("Customs seized cocaine at the port of Valencia.", "port of Valencia", "PLACE",
     "the port of Valencia"),
    ("Police arrested two men in Subotica.", "in Subotica", "PLACE", "Subotica"),
    ("He was found at a home in Evans.", "a home in", "PLACE", "a home"),
    ("Smith and Evans and Jones were held.", "Evans and", "PARTICIPANT", "Evans"),
    ("Police came on Monday, officials said.", "on Monday,", "TIME", "Monday"),
    ("It killed at least six people in the town.", "at least six people", "PARTICIPANT",
     "at least six people"),
    ("They seized over 5 kg of heroin.", "over 5 kg", "QUANTITY", "over 5 kg"),
    ("It was bombed on 27 October 1989.", "on 27 October 1989", "TIME", "27 October 1989"),
    ("Over 100 people were hurt.", "Over 100 people", "PARTICIPANT", "Over 100 people"),
    ("He fled over the border.", "over the border", "PLACE", "the border"),
    ("Officials said that rebels attacked.", "rebels", "PARTICIPANT", "rebels"),
    ("Troops of the Minnesota National Guard", "Minnesota", "PLACE", "Minnesota"),
    ("He lives in Newport News, Va. now.", "Newport News, Va.", "PLACE", "Newport News, Va."),
    ("Guards shot the man, who ran.", "man", "PARTICIPANT", "the man"),
    ("TribuneDaily\nCHICAGO man shot", "TribuneDaily\nCHICAGO", "PLACE", "TribuneDaily"),
])
def test_boundary_convention(text: str, span: str, kind: str, expected: str) -> None:
    s = text.index(span)
    start, end = normalize_span(text, s, s + len(span), kind)
    assert text[start:end] == expected


def test_spans_of_only_stop_words_are_dropped() -> None:
    text = "The interior ministers met in the capital."
    assert normalize_span(text, 0, 3, "PARTICIPANT") is None
    doc = Document.model_validate({"id": "x", "text": text, "events": [
        {"type": "agreement", "trigger": {"start": 23, "end": 26},
         "arguments": [{"role": "agent", "start": 0, "end": 3},
                       {"role": "place", "start": 27, "end": 41}]}]})
    from collections import Counter

    counts: Counter[str] = Counter()
    out = normalize_document(doc, counts=counts)
    assert [(a.role, text[a.start:a.end]) for a in out.events[0].arguments] == [
        ("place", "the capital")]
    assert counts["dropped"] == 1 and counts["changed"] == 1


def test_fill_ids_keeps_given_ids_and_shares_same_offsets() -> None:
    doc = Document.model_validate({"id": "x", "text": "Gunmen killed three people; police held two.",
                                   "events": [
        {"type": "attack", "trigger": {"start": 7, "end": 13},
         "arguments": [{"role": "agent", "start": 0, "end": 6},
                       {"role": "target", "start": 14, "end": 26},
                       {"role": "killed", "start": 14, "end": 26}]},
        {"type": "arrest", "trigger": {"start": 35, "end": 39}, "event": "e1",
         "arguments": [{"role": "agent", "start": 28, "end": 34, "entity": "p1"}]}]})
    out = fill_ids(doc)
    assert [e.event for e in out.events] == ["e2", "e1"]
    ents = [a.entity for a in out.events[0].arguments]
    assert ents[1] == ents[2] and len(set(ents)) == 2 and "p1" not in ents


# ---------------------------------------------------------------- agreement

def test_bcubed_and_coreference_agreement(tmp_path: Path) -> None:
    assert bcubed({"a": 1, "b": 1}, {"a": 1, "b": 1}) == (2.0, 2.0, 2)
    p, r, n = bcubed({"a": 1, "b": 1, "c": 1}, {"a": 1, "b": 2, "c": 3})
    assert n == 3 and p == 3.0 and abs(r - 1.0) < 1e-9
    text = "Police arrested two men. The arrests came at night."
    from eventx.corpus.format import text_sha1

    def rec(second_event: str, modality: str) -> str:
        return json.dumps({"id": "d", "sha1": text_sha1(text), "events": [
            {"type": "arrest", "trigger": {"start": 7, "end": 15}, "event": "e1",
             "arguments": [{"role": "target", "start": 16, "end": 23, "entity": "p1"}]},
            {"type": "arrest", "trigger": {"start": 29, "end": 36}, "event": second_event,
             "modality": modality, "arguments": []}]}) + "\n"

    (tmp_path / "a.jsonl").write_text(rec("e1", "actual"))
    (tmp_path / "b.jsonl").write_text(rec("e2", "planned"))
    out = agreement(tmp_path / "a.jsonl", tmp_path / "b.jsonl")
    assert out["trigger_exact"]["f1"] == 1.0
    assert out["event_coreference"]["p"] == 1.0 and out["event_coreference"]["r"] == 0.5
    assert out["modality"] == {"same": 1, "triggers": 2, "accuracy": 0.5}
    assert out["entity_coreference"]["f1"] == 1.0


# ---------------------------------------------------------------- lint

def test_lint_finds_the_patterns_the_guidelines_rule_out() -> None:
    from eventx.corpus.lint import lint_documents, summarize

    text = ("Police seized 5 kg of heroin hidden in the fuel tank of a bus. The seized drugs were "
            "burned. Officers arrested a courier with 2 kg of opium. The civil war went on.")
    t = lambda w, k=1: (lambda i: {"start": i, "end": i + len(w)})(  # noqa: E731
        [m for m in range(len(text)) if text.startswith(w, m)][k - 1])
    doc = Document.model_validate({"id": "l1", "text": text, "events": [
        {"type": "seizure", "trigger": t("seized"),
         "arguments": [{"role": "place", **t("the fuel tank")}]},
        {"type": "seizure", "trigger": t("seized", 2), "arguments": []},
        {"type": "arrest", "trigger": t("arrested"),
         "arguments": [{"role": "target", **t("a courier")}]},
        {"type": "armed_clash", "trigger": t("war"), "arguments": []}]})
    found = summarize(lint_documents([doc]), 1)["findings"]
    assert found["container_place"] == 1 and found["participle_trigger"] == 1
    assert found["concealment_not_smuggling"] == 1 and found["arrested_with_no_seizure"] == 1
    assert found["war_as_clash"] == 1 and found["pronoun_argument"] == 0
    partial = doc.model_copy(update={"annotated_types": []})
    assert lint_documents([partial]) == []          # partly annotated documents are not checked
