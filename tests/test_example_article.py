"""The article that shows what eventx is for (../shared/examples), with the default model.

Skipped where ../shared/examples or the default model is absent. The facts follow the example's
README: the armed clash near Horgos with three killed on 27 October, the arrests (two ethnic
Albanians; dozens of people at the Simke hostel in Subotica), the seizure of arms and passports,
the agreement at the Reska border crossing, and no invented death toll.
"""

import datetime as dt

import pytest

import eventx

from .conftest import SHARED, default_model_available

ARTICLE = SHARED / "examples" / "balkan-smugglers.txt"
pytestmark = [
    pytest.mark.skipif(not ARTICLE.is_file(), reason="../shared/examples is not here"),
    pytest.mark.skipif(not default_model_available(), reason="the default model is not installed"),
]


@pytest.fixture(scope="module")
def events():
    text = ARTICLE.read_text(encoding="utf-8")
    evs = eventx.extract(text, published="2023-10-31")
    for ev in evs:
        for span in ev.spans():
            assert text[span.start:span.end] == span.text
    return evs


def _texts(spans):
    return " | ".join(s.text.lower() for s in spans)


def test_clash_near_horgos_three_killed_on_27_october(events):
    clashes = [e for e in events if e.type in ("armed_clash", "attack")]
    assert any(e.casualties.killed and e.casualties.killed.value == 3 for e in clashes)
    assert any("horgos" in _texts(e.where) or "border" in _texts(e.where) for e in clashes)
    assert any(e.when and e.when.date == dt.date(2023, 10, 27) for e in clashes)
    assert any("smugglers" in _texts(e.who) for e in clashes)


def test_arrests(events):
    arrests = [e for e in events if e.type == "arrest"]
    assert any("albanians" in _texts(e.who) for e in arrests)
    assert any("simke" in _texts(e.where) or "subotica" in _texts(e.where) for e in arrests)


def test_seizure_of_arms_or_passports(events):
    items = _texts(s.item for e in events if e.type == "seizure" for s in e.seizures)
    assert "arms" in items or "passports" in items


def test_agreement_appears(events):
    agreements = [e for e in events if e.type == "agreement"]
    assert any(e.trigger.text.lower() in ("agreed", "agreement") for e in agreements)
    assert all(e.casualties.killed is None and e.casualties.injured is None for e in agreements)


@pytest.mark.xfail(strict=True, reason="known shortfall of eventx-news-base (its model card): in "
                   "the article's context the tagger marks neither the ministers nor the Reska "
                   "crossing in the agreement's sentence; alone, that paragraph gives both")
def test_agreement_at_reska(events):
    agreements = [e for e in events if e.type == "agreement"]
    assert any("reska" in _texts(e.where) for e in agreements)
    assert any(any(k in _texts(e.who) for k in ("gasic", "pinter", "police", "ministers"))
               for e in agreements)


def test_no_invented_death_toll(events):
    for e in events:
        if e.casualties.killed is not None and e.casualties.killed.value is not None:
            assert e.casualties.killed.value == 3
