"""The output contract: keys, offsets on any Unicode, and bad inputs (tiny random model)."""

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import eventx
from eventx.schema import Event

KEYS = {"type", "trigger", "who", "where", "when", "casualties", "seizures", "score", "arguments",
        "modality", "mentions"}
SAMPLE = ("Police arrested two men in the city on Monday and seized weapons. Gunmen killed three "
          "people in an attack near the border; smugglers kidnapped two men. ")


def check_offsets(text: str, events: list[Event]) -> None:
    for ev in events:
        for span in [*ev.spans(), *ev.arguments]:
            assert 0 <= span.start <= span.end <= len(text)
            assert text[span.start:span.end] == span.text


def test_record_keys_and_types(tiny_extractor):
    events = tiny_extractor(SAMPLE * 3, published="2023-10-31")
    assert events, "the random tiny model should produce some events on this text"
    for ev in events:
        dumped = ev.model_dump(mode="json")
        assert set(dumped) == KEYS
        assert set(dumped["casualties"]) == {"killed", "injured"}
        assert set(dumped["trigger"]) == {"text", "start", "end"}
        assert dumped["modality"] == "actual"  # extract's default keeps what happened
        assert dumped["trigger"] in dumped["mentions"]
        for p in dumped["who"]:
            assert p["role"] in ("agent", "target") and set(p) >= {"text", "start", "end", "count"}
            assert {k: p[k] for k in ("text", "start", "end")} in p["mentions"]
        for p in dumped["where"]:
            assert set(p) >= {"text", "start", "end", "country", "latitude", "longitude"}
        assert 0.0 <= dumped["score"] <= 1.0
        for a in dumped["arguments"]:
            assert set(a) == {"role", "text", "start", "end"}
        typed = {(p["start"], p["end"], p["role"]) for p in dumped["who"]}
        assert typed <= {(a["start"], a["end"], a["role"]) for a in dumped["arguments"]}
        json.dumps(dumped)
    check_offsets(SAMPLE * 3, events)


def test_events_are_frozen(tiny_extractor):
    ev = tiny_extractor(SAMPLE)[0]
    with pytest.raises(ValidationError, match="frozen"):
        ev.type = "other"  # type: ignore[misc]


PIECES = ["\u0301", "\u202e", "\u200f", "שלום", "مرحبا", "😀", "👩\u200d👩\u200d👧", "\x00", "\x07",
          "\r\n", "\t", "\ufeff", "İ", "ß", "ﬁ", " ", "police", "Police", "killed", "."]
unicode_text = st.lists(st.one_of(st.sampled_from(PIECES), st.characters(codec="utf-8")),
                        max_size=120).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=unicode_text, suffix=unicode_text)
def test_offsets_exact_on_any_unicode(tiny_extractor, prefix, suffix):
    text = prefix + SAMPLE + suffix
    events = tiny_extractor(text)
    assert events, "no event found: the offset checks would pass without checking anything"
    assert any(ev.who or ev.where or ev.arguments for ev in events)
    check_offsets(text, events)


def test_pipe_equals_single_calls(tiny_extractor):
    texts = [SAMPLE, "", "Gunmen killed three people.", SAMPLE * 4]
    piped = list(tiny_extractor.pipe(texts, batch_size=3))
    assert piped == [tiny_extractor(t) for t in texts]


@pytest.mark.parametrize("text", ["", "   ", "\n\t \n"])
def test_empty_and_whitespace_give_nothing(tiny_extractor, text):
    assert tiny_extractor(text) == []
    assert eventx.extract(text) == []


@pytest.mark.parametrize("bad", [None, 42, b"bytes", ["list"]])
def test_non_string_raises_type_error(tiny_extractor, bad):
    with pytest.raises(TypeError, match=type(bad).__name__):
        tiny_extractor(bad)
    with pytest.raises(TypeError, match=type(bad).__name__):
        eventx.extract(bad)


def test_bad_published(tiny_extractor):
    with pytest.raises(ValueError, match="ISO date"):
        tiny_extractor(SAMPLE, published="last Tuesday")
    with pytest.raises(TypeError, match="int"):
        tiny_extractor(SAMPLE, published=20231031)


def test_long_text_is_windowed_not_truncated(tiny_extractor):
    text = "The weather was mild and nothing happened. " * 400 + SAMPLE
    events = tiny_extractor(text)
    check_offsets(text, events)
    tail = len(text) - len(SAMPLE)
    # a mention there may fold into an earlier record of its type: look at every mention
    assert any(m.start >= tail for ev in events for m in ev.mentions)


@pytest.mark.slow
def test_one_megabyte_text(tmp_path):
    """A 1 MB text built from repeated articles: every span exact, events in its last copy.

    The random test model finds a trigger in most words; a high trigger threshold keeps it to
    a density like a real model's."""
    from eventx import Extractor
    from eventx.config import Thresholds

    from .conftest import build_tiny_model

    ex = Extractor.from_pretrained(
        build_tiny_model(tmp_path / "m", thresholds=Thresholds(trigger=0.995, role=0.5)), device="cpu")
    article = (Path(__file__).resolve().parent.parent / "examples" / "port-raid.txt").read_text(
        encoding="utf-8")
    copies = 1_000_000 // len(article) + 1
    text = "\n\n".join([article] * copies)
    assert len(text) >= 1_000_000
    events = ex(text)
    check_offsets(text, events)
    last = len(text) - len(article)
    # a later mention of an event may fold into its first mention, a few copies back
    assert any(span.start >= last for ev in events for span in ev.spans())
