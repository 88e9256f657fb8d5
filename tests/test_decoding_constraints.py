"""Decoding-time rules of the model folder's config: word bounds over hyphenated compounds, one
trigger per argument and type, the roles each type may take, and the inference window overlap."""

import numpy as np
import pytest
from pydantic import ValidationError

from eventx import Extractor
from eventx.config import ModelConfig
from eventx.corpus.format import Argument, Document, EventAnnotation, SpanAnnotation
from eventx.stages import Candidate, TriggerRoles, constrain, word_bounds
from eventx.training.loop import type_roles

from .conftest import build_tiny_model

TEXT = "Afghan people-smugglers clashed at the Serbia-Hungary border; a 27-year-old man - shot."


@pytest.mark.parametrize(("cut", "whole"), [
    ("Afghan people", "Afghan people-smugglers"),
    ("smugglers", "people-smugglers"),
    ("bia-Hun", "Serbia-Hungary"),
    ("man", "man"),  # a spaced dash is not a compound
    ("shot", "shot"),
    ("clashed at", "clashed at"),
    ("a 27-year-", "a 27-year-old"),  # cut right after a hyphen: the compound goes on
    ("-old man", "27-year-old man"),
    ("man -", "man -"),
])
def test_word_bounds_widen_over_compounds(cut, whole):
    start = TEXT.index(cut)
    s, e = word_bounds(TEXT, start, start + len(cut))
    assert TEXT[s:e] == whole


def _roles(row, label, probs):
    trigger = Candidate(0, 1, 0, 5, label, 0.9)
    return TriggerRoles(row, 0, trigger, (), np.array(probs))


def test_exclusive_keeps_the_most_probable_trigger_of_a_type():
    parts = [[[0.9, 0.2], [0.4, 0.7]], [[0.6, 0.8], [0.5, 0.1]], [[0.9, 0.9], [0.9, 0.9]],
             [[0.3, 0.3]]]
    items = [_roles(0, "T:attack", parts[0]), _roles(0, "T:attack", parts[1]),
             _roles(0, "T:arrest", parts[2]), _roles(1, "T:attack", parts[3])]
    out = [it.probs for it in constrain(items, {}, exclusive=True)]
    np.testing.assert_allclose(out[0], [[0.9, 0.0], [0.0, 0.7]])
    np.testing.assert_allclose(out[1], [[0.0, 0.8], [0.5, 0.0]])
    np.testing.assert_allclose(out[2], parts[2])  # another type keeps its own links
    np.testing.assert_allclose(out[3], parts[3])  # another window too
    same = [it.probs for it in constrain(items, {}, exclusive=False)]
    assert all(np.array_equal(a, np.array(b)) for a, b in zip(same, parts))


def test_roles_a_type_never_had_are_zeroed():
    masks = {"attack": np.array([1.0, 0.0], dtype=np.float32)}
    items = [_roles(0, "T:attack", [[0.9, 0.8]]), _roles(1, "T:arrest", [[0.9, 0.8]])]
    out = [it.probs for it in constrain(items, masks, exclusive=False)]
    np.testing.assert_allclose(out[0], [[0.9, 0.0]])
    np.testing.assert_allclose(out[1], [[0.9, 0.8]])  # no mask: every role


def test_type_roles_come_from_the_training_data():
    text = "Rebels killed two soldiers; the ministers agreed."
    span = lambda w: SpanAnnotation(start=text.index(w), end=text.index(w) + len(w), text=w)  # noqa: E731
    arg = lambda w, r: Argument(**span(w).model_dump(), role=r)  # noqa: E731
    doc = Document(id="d", text=text, events=[
        EventAnnotation(type="attack", trigger=span("killed"),
                        arguments=[arg("Rebels", "agent"), arg("two", "killed")]),
        EventAnnotation(type="agreement", trigger=span("agreed"),
                        arguments=[arg("ministers", "agent")]),
        EventAnnotation(type="protest", trigger=span("agreed")),
    ])
    roles = {"agent": "PARTICIPANT", "target": "PARTICIPANT", "killed": "COUNT"}
    got = type_roles([doc], ["attack", "agreement", "protest"], roles)
    assert got == {"attack": ["agent", "killed"], "agreement": ["agent"],
                   "protest": ["agent", "target", "killed"]}  # no arguments seen: all allowed


def test_type_roles_are_enforced_at_decoding(tmp_path):
    text = "Gunmen attacked the village and police arrested three men in Kano on Monday. " * 3
    free = Extractor.from_pretrained(build_tiny_model(tmp_path / "free"), device="cpu")
    events = next(iter(free.analyze([text]))).mentions
    assert any(e.who or e.where for e in events)  # the random model links something
    types = free.config.event_types
    bare = Extractor.from_pretrained(
        build_tiny_model(tmp_path / "bare", type_roles={t: [] for t in types}), device="cpu")
    linked = next(iter(bare.analyze([text]))).mentions
    assert [e.trigger for e in linked] == [e.trigger for e in events]
    # (a "when" may still come from normalization: the sentence's own date expression)
    assert all(not (e.who or e.where or e.seizures or e.casualties.killed) for e in linked)


def test_decode_overlap_is_checked_and_used(tmp_path):
    settings = ModelConfig.load(build_tiny_model(tmp_path / "m")).model_dump()
    with pytest.raises(ValidationError, match="decode_overlap"):
        ModelConfig(**{**settings, "decode_overlap": 15})
    wide = Extractor.from_pretrained(build_tiny_model(tmp_path / "w", decode_overlap=12), device="cpu")
    text = "Police in Lagos arrested four suspects after a raid on Tuesday, officials said. " * 6
    events = wide(text)
    assert events and all(text[s.start:s.end] == s.text for e in events for s in e.spans())
