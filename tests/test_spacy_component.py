"""The spaCy component: ``nlp.add_pipe("eventx")`` on ``spacy.blank("en")``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

TEXTS = ["police arrested two men in the city on monday and seized weapons",
         "gunmen killed three people in an attack; smugglers kidnapped two men at the border",
         "  ", "protest after the agreement signed on monday"]


@pytest.fixture()
def nlp(tiny_model_dir: Path):
    nlp = spacy.blank("en")
    nlp.add_pipe("eventx", config={"model": str(tiny_model_dir), "device": "cpu",
                                   "published": "2023-10-31"})
    return nlp


def _check_doc(doc, want) -> None:
    assert [de.event for de in doc._.events] == list(want)
    for de in doc._.events:
        ev = de.event
        assert de.type == ev.type and de.trigger.label_ == ev.type
        assert de.trigger.doc is doc
        # the spaCy span covers the record's exact offsets (widened to tokens only if needed)
        assert de.trigger.start_char <= ev.trigger.start < ev.trigger.end <= de.trigger.end_char
        assert [(r, s.label_) for r, s in de.arguments] == [(a.role, a.role) for a in ev.arguments]
        for (_, s), a in zip(de.arguments, ev.arguments, strict=True):
            assert s.start_char <= a.start < a.end <= s.end_char
            if doc.char_span(a.start, a.end) is not None:
                assert (s.start_char, s.end_char, s.text) == (a.start, a.end, a.text)


def test_component_puts_the_records_on_the_doc(nlp, tiny_extractor) -> None:
    assert nlp.pipe_names == ["eventx"]
    doc = nlp(TEXTS[0])
    _check_doc(doc, tiny_extractor(TEXTS[0], published="2023-10-31"))
    assert doc._.events, "the tiny model finds events in this text"
    docs = list(nlp.pipe(TEXTS, batch_size=2))
    for doc, text in zip(docs, TEXTS, strict=True):
        _check_doc(doc, tiny_extractor(text, published="2023-10-31"))


def test_a_span_off_token_boundaries_is_widened(nlp) -> None:
    from eventx import Event

    text = "Officers seized AK47s in Kaduna."
    doc = nlp.make_doc(text)
    ev = Event.model_validate({"type": "seizure", "trigger": {"text": "seized", "start": 9,
                                                             "end": 15}, "score": 0.9,
                               "arguments": [{"text": "AK47", "start": 16, "end": 20,
                                              "role": "item"}]})
    nlp.get_pipe("eventx").set_annotations(doc, [ev])
    (role, span), = doc._.events[0].arguments
    assert role == "item" and span.text == "AK47s" and span.label_ == "item"


def test_the_model_loads_once(tiny_model_dir: Path, monkeypatch) -> None:
    from eventx.extractor import Extractor

    loads = []
    real = Extractor._load
    monkeypatch.setattr(Extractor, "_load", lambda self: (loads.append(self.path), real(self)))
    config = {"model": str(tiny_model_dir), "device": "cpu", "batch_size": 3}
    pipes = []
    for _ in range(2):  # two pipelines naming the same folder share one model
        nlp = spacy.blank("en")
        pipes.append(nlp.add_pipe("eventx", config=config))
        for doc in nlp.pipe(TEXTS):
            nlp(doc.text)
    assert pipes[0].extractor is pipes[1].extractor
    assert len(loads) == 1


def test_published_per_call_and_per_doc(nlp, tiny_extractor) -> None:
    text = TEXTS[0]
    doc = nlp(text, component_cfg={"eventx": {"published": "2020-01-01"}})
    _check_doc(doc, tiny_extractor(text, published="2020-01-01"))
    doc = nlp.make_doc(text)
    doc._.published = "2021-05-05"
    _check_doc(nlp(doc), tiny_extractor(text, published="2021-05-05"))


def test_registered_by_entry_point(tiny_model_dir: Path) -> None:
    """A fresh process finds the factory without importing eventx first."""
    code = ("import spacy, sys; nlp = spacy.blank('en'); "
            f"nlp.add_pipe('eventx', config={{'model': {str(tiny_model_dir)!r}, 'device': 'cpu'}}); "
            "print('eventx' in sys.modules, nlp.pipe_names)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=tiny_model_dir, check=True)
    assert out.stdout.split() == ["True", "['eventx']"]
