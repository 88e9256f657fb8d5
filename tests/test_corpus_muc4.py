"""MUC-4 converter and raw key parser on hand-made messages and keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventx.corpus.convert import ConversionReport
from eventx.corpus.format import Document
from eventx.corpus.muc4 import convert_muc4, match_templates
from eventx.corpus.muc4_keys import parse_keys, read_keys
from eventx.corpus.sources import load_sources
from eventx.errors import AnnotationError

DATA = Path(__file__).parent / "fixtures" / "corpus" / "data"


@pytest.fixture(scope="module")
def converted() -> tuple[dict[str, Document], ConversionReport]:
    report = ConversionReport()
    docs = convert_muc4(load_sources(DATA, only=["muc4"]).values(), read_keys(DATA), report)
    return {d.id: d for d in docs}, report


def _args(doc: Document, i: int) -> list[tuple[str, str]]:
    return [(a.role, doc.text[a.start:a.end]) for a in doc.events[i].arguments]


def test_key_parser_reads_slots_continuations_and_labels() -> None:
    keys = read_keys(DATA)
    assert sorted(keys) == ["muc4-DEV-MUC3-0001", "muc4-TST1-MUC3-0001"]   # the * template goes
    first, second = keys["muc4-DEV-MUC3-0001"][:2]
    assert first.incident_types == ["kidnapping"] and first.date == "14 NOV 89"
    assert first.perp_org == [["farabundo marti national liberation front", "fmln"]]
    assert second.optional and second.hum_desc == [["soldiers"], ["driver"]]
    assert [(n.label, n.strings) for n in second.hum_number] == [("3", ["soldiers"]),
                                                                 ("1", ["driver"])]
    assert [(e.label, e.uncertain) for e in second.hum_effect] == [("DEATH", False),
                                                                   ("INJURY", True)]
    assert keys["muc4-DEV-MUC3-0001"][2].stage == "threatened"


def test_key_parser_errors_name_the_line() -> None:
    with pytest.raises(AnnotationError) as err:
        parse_keys(["0.  MESSAGE: ID   DEV-MUC3-0009", "garbage here"], "k.muc4")
    assert (err.value.path, err.value.line) == ("k.muc4", 2)
    with pytest.raises(AnnotationError, match="before any"):
        parse_keys(["4.  INCIDENT: TYPE    ATTACK"], "k.muc4")


def test_types_mapped_and_skipped(converted) -> None:
    docs, report = converted
    d = docs["muc4-DEV-MUC3-0001"]
    assert [e.type for e in d.events] == ["kidnapping", "attack"]
    assert report.counts["muc4.skipped_template.robbery"] == 1
    assert report.counts["muc4.skipped_template.threatened"] == 1
    assert docs["muc4-DEV-MUC3-0002"].events == []          # an irrelevant message is kept
    assert all(e.trigger_guessed for e in d.events)


def test_processed_fillers_and_raw_key_slots(converted) -> None:
    d = converted[0]["muc4-DEV-MUC3-0001"]
    kid = _args(d, 0)
    assert ("agent", "terrorists") in kid
    assert ("agent", "farabundo marti national liberation front") in kid   # first mention
    assert ("target", "peasants") in kid            # offset in the file was wrong: re-anchored
    assert ("place", "santa rosa del norte") in kid  # most specific part of the location
    assert ("time", "14 november") in kid
    assert not any(r == "killed" for r, _ in kid)   # no effect given, no casualty
    assert d.text[d.events[0].trigger.start:d.events[0].trigger.end] == "kidnapped"


def test_casualties_from_effects(converted) -> None:
    d = converted[0]["muc4-DEV-MUC3-0001"]
    bomb = _args(d, 1)
    assert ("killed", "3 soldiers") in bomb and ("target", "3 soldiers") in bomb
    assert not any(r == "injured" for r, _ in bomb)  # "? INJURY" is uncertain: not used
    assert ("time", "yesterday") in bomb             # 02 JAN 90, published 3 JAN 90
    assert ("place", "ilopa") in bomb
    assert d.text[d.events[1].trigger.start:d.events[1].trigger.end] == "bomb"
    t = converted[0]["muc4-TST1-MUC3-0001"]
    assert ("killed", "carlos perez") in _args(t, 0)  # one named victim
    assert t.published.isoformat() == "1990-02-04"


def test_match_templates_by_type_and_fillers() -> None:
    keys = read_keys(DATA)["muc4-DEV-MUC3-0001"]
    processed = [{"incident_type": "bombing", "Victim": [[["soldiers", 0]]]},
                 {"incident_type": "kidnapping", "PerpInd": [[["terrorists", 0]]]},
                 {"incident_type": "arson", "PerpInd": [[["x", 0]]]}]
    matched = match_templates(processed, keys)
    assert [m.number if m else None for m in matched] == ["2", "1", None]
