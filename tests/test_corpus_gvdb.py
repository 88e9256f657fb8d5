"""GVDB converter on hand-made rows imitating ``gvdb/dev.tsv``."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventx.corpus.convert import ConversionReport
from eventx.corpus.format import Document
from eventx.corpus.gvdb import convert_gvdb
from eventx.corpus.sources import load_sources

DATA = Path(__file__).parent / "fixtures" / "corpus" / "data"


@pytest.fixture(scope="module")
def converted() -> tuple[dict[str, Document], ConversionReport]:
    report = ConversionReport()
    docs = convert_gvdb(load_sources(DATA, only=["gvdb"]).values(), report)
    return {d.id: d for d in docs}, report


def _args(doc: Document) -> list[tuple[str, str]]:
    return [(a.role, doc.text[a.start:a.end]) for a in doc.events[0].arguments]


def test_one_attack_per_article_with_guessed_trigger(converted) -> None:
    docs, report = converted
    assert sorted(docs) == ["gvdb-1", "gvdb-2", "gvdb-3", "gvdb-4", "gvdb-5"]
    for doc in docs.values():
        assert [e.type for e in doc.events] == ["attack"]
        assert doc.events[0].trigger_guessed
    d1 = docs["gvdb-1"]
    assert d1.text[d1.events[0].trigger.start:d1.events[0].trigger.end] == "shot"
    assert report.guessed["gvdb-1"] == ["lexicon"]
    assert sum(v for k, v in report.counts.items() if k.startswith("gvdb.trigger.")) == 5


def test_roles_and_reanchored_offsets(converted) -> None:
    d1 = converted[0]["gvdb-1"]
    args = _args(d1)
    assert ("agent", "Bob Roe") in args
    assert ("target", "John Doe") in args          # given offset was off by one
    assert ("place", "SPRINGFIELD") in args
    assert ("place", "Oak Street") in args         # "on Oak Street" lost its preposition
    assert ("time", "Tuesday night") in args       # the incident date, the day before publication
    assert ("killed", "A 25-year-old man") in args and ("target", "A 25-year-old man") in args
    for a in d1.events[0].arguments:
        assert a.text == d1.text[a.start:a.end]


def test_count_that_disagrees_is_never_anchored(converted) -> None:
    args = _args(converted[0]["gvdb-2"])
    # one killed (Al Smith), one injured; the text's "Two men" states 2: never a count span
    assert ("killed", "Al Smith") in args
    assert not any(role in ("killed", "injured") and "Two men" in t for role, t in args)
    assert converted[1].counts["gvdb.injured.not_anchored"] == 1


def test_injured_count_span_and_duplicate_victims(converted) -> None:
    docs = converted[0]
    assert ("injured", "two people") in _args(docs["gvdb-3"])
    assert ("time", "Sunday") in _args(docs["gvdb-3"])
    # the same named victim listed twice counts once: a single killed named victim
    assert _args(docs["gvdb-4"]).count(("killed", "Jane Poe")) == 1


def test_field_that_swallowed_the_page_header(converted) -> None:
    args = _args(converted[0]["gvdb-5"])
    assert ("place", "RIVERTON") in args and ("place", "a park") in args
    assert ("injured", "A teenager") in args
