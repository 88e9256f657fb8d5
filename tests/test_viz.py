"""The HTML view (``eventx show``, ``Events._repr_html_``), checked on the HTML itself."""

from __future__ import annotations

import json
import pickle
from html.parser import HTMLParser
from pathlib import Path

import pytest

from eventx import Event
from eventx.cli import main
from eventx.result import Events
from eventx.viz import render_html


class _Page(HTMLParser):
    """The text view's characters and each mark's pieces, as a browser's DOM would hold them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # > 0 inside div.x-text
        self.text: list[str] = []
        self.open: list[dict] = []
        self.marks: dict[str, dict] = {}
        self.titles: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if "title" in a:
            self.titles.append(a["title"])
        if self.depth:
            self.depth += tag != "br"
            if tag == "mark":
                m = self.marks.setdefault(a["data-m"], {**a, "text": "", "pieces": 0,
                                                        "at": len("".join(self.text))})
                assert (m["data-start"], m["data-end"]) == (a["data-start"], a["data-end"])
                m["pieces"] += 1
                self.open.append(m)
        elif tag == "div" and "x-text" in a.get("class", ""):
            self.depth = 1
            self.dir = a.get("dir")

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            if tag == "mark":
                self.open.pop()

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)
            for m in self.open:
                m["text"] += data


def parse(page: str) -> _Page:
    p = _Page()
    p.feed(page)
    p.close()
    p.text = "".join(p.text)
    return p


def span(text: str, piece: str, nth: int = 0, **extra) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return {"text": piece, "start": start, "end": start + len(piece), **extra}


def _events(text: str) -> list[Event]:
    """Two hand-made events with every kind of field, a custom role and shared spans."""
    villagers = span(text, "three villagers")
    killed = dict(villagers, value=3)
    arrest = Event.model_validate({
        "type": "arrest", "trigger": span(text, "arrested"), "score": 0.9,
        "who": [span(text, "Police", role="agent"), span(text, "two men", role="target", count=2)],
        "where": [span(text, "Kaduna", country="NG", latitude=10.5, longitude=7.4)],
        "when": span(text, "Tuesday", date="2022-06-07", granularity="day"),
        "arguments": [span(text, "Police", role="agent"), span(text, "two men", role="target"),
                      span(text, "Kaduna", role="place"), span(text, "a judge", role="witness")]})
    attack = Event.model_validate({
        "type": "attack", "trigger": span(text, "killed"), "score": 0.8,
        "who": [span(text, "Gunmen", role="agent"), dict(villagers, role="target", count=3)],
        "casualties": {"killed": killed},
        "seizures": [{"item": span(text, "rifles"), "quantity": span(text, "40", value=40,
                                                                     unit="pieces")}],
        "arguments": [span(text, "Gunmen", role="agent"), dict(villagers, role="target"),
                      dict(villagers, role="killed"), span(text, "Police", role="agent"),
                      span(text, "40", role="quantity"), span(text, "rifles", role="item")]})
    return [arrest, attack]


TEXT = ("Police arrested two men in Kaduna on Tuesday, a judge said. Gunmen killed three "
        "villagers and left 40 rifles.")


def _expected_spans(events: list[Event]) -> set[tuple[int, int]]:
    return {(s.start, s.end) for ev in events for s in [*ev.spans()[1:], *ev.arguments]}


def _check(text: str, events: list[Event], page: str) -> _Page:
    p = parse(page)
    assert p.text == text  # the view holds the text itself, character for character
    triggers = {(int(m["data-start"]), int(m["data-end"])) for m in p.marks.values()
                if "x-trig" in m["class"]}
    args = {(int(m["data-start"]), int(m["data-end"])) for m in p.marks.values()
            if "x-arg" in m["class"]}
    assert triggers == {(e.trigger.start, e.trigger.end) for e in events}
    assert args == _expected_spans(events)
    for m in p.marks.values():  # offsets exact: each mark (all its pieces) is its span's text
        start, end = int(m["data-start"]), int(m["data-end"])
        assert m["text"] == text[start:end] and m["at"] == start
    return p


def test_every_trigger_and_argument_is_marked_at_its_offsets() -> None:
    events = _events(TEXT)
    p = _check(TEXT, events, render_html(TEXT, events, title="doc-1", published="2022-06-09"))
    police = next(m for m in p.marks.values() if m["text"] == "Police")
    assert police["data-ev"] == "1 2" and police["data-role"] == "agent"
    villagers = next(m for m in p.marks.values() if m["text"] == "three villagers")
    assert villagers["data-role"] == "target killed" and "linear-gradient" in villagers["style"]
    assert "killed: 3" in villagers["title"] and "count 3" in villagers["title"]
    kaduna = next(m for m in p.marks.values() if m["text"] == "Kaduna")
    assert "NG (10.500, 7.400)" in kaduna["title"]
    tuesday = next(m for m in p.marks.values() if m["text"] == "Tuesday")
    assert "2022-06-07" in tuesday["title"]
    assert "40 pieces" in next(m for m in p.marks.values() if m["text"] == "40")["title"]
    assert next(m for m in p.marks.values() if m["text"] == "a judge")["data-role"] == "witness"
    trigger = next(m for m in p.marks.values() if m["text"] == "arrested")
    assert trigger["data-label"] == "1\u00a0arrest" and "x-end" in trigger["class"]


def test_crossing_and_nested_spans_keep_exact_offsets() -> None:
    text = "The rebel army attacked the town of Goma."
    ev = Event.model_validate({
        "type": "attack", "trigger": span(text, "attacked"), "score": 0.5,
        "arguments": [span(text, "The rebel army", role="agent"),
                      span(text, "army attacked", role="note"),  # crosses both neighbours
                      span(text, "the town of Goma", role="target"),
                      span(text, "Goma", role="place"), span(text, "attacked", role="echo")]})
    p = _check(text, [ev], render_html(text, [ev]))
    crossing = next(m for m in p.marks.values() if m["text"] == "army attacked")
    assert crossing["pieces"] >= 2  # cut where it crosses, each piece with the whole offsets
    assert next(m for m in p.marks.values() if m["text"] == "Goma")["pieces"] == 1


def test_markup_in_the_text_is_escaped() -> None:
    text = 'He said "<b>stop</b>" & left; <script>alert(\'x\')</script> Police arrested Tom & Jerry.'
    ev = Event.model_validate({
        "type": "arrest", "trigger": span(text, "arrested"), "score": 0.7,
        "who": [span(text, "Tom & Jerry", role="target"), span(text, '"<b>stop', role="agent")],
        "arguments": [span(text, "Tom & Jerry", role="target")]})
    page = render_html(text, [ev], title='a <title> & "quotes"')
    assert "<script>alert" not in page and "<b>stop" not in page
    assert "&lt;script&gt;alert" in page and "Tom &amp; Jerry" in page
    p = _check(text, [ev], page)
    assert "a <title> & \"quotes\"" not in page
    assert p.tags.count("script") == 1  # only the view's own script
    assert any('\u201c"<b>stop\u201d' in t for t in p.titles)  # quotes survive in attributes


def test_right_to_left_text() -> None:
    text = "\u0627\u0639\u062a\u0642\u0644\u062a \u0627\u0644\u0634\u0631\u0637\u0629 " \
           "\u062b\u0644\u0627\u062b\u0629 \u0631\u062c\u0627\u0644 in \u05d7\u05d9\u05e4\u05d4."
    ev = Event.model_validate({
        "type": "arrest", "trigger": span(text, "\u0627\u0639\u062a\u0642\u0644\u062a"),
        "score": 0.6,
        "who": [span(text, "\u0627\u0644\u0634\u0631\u0637\u0629", role="agent"),
                span(text, "\u062b\u0644\u0627\u062b\u0629 \u0631\u062c\u0627\u0644", role="target",
                     count=3)],
        "where": [span(text, "\u05d7\u05d9\u05e4\u05d4", country="IL")]})
    page = render_html(text, [ev])
    p = _check(text, [ev], page)
    assert p.dir == "auto"  # the text's own direction; each mark isolated (unicode-bidi)
    assert "unicode-bidi:isolate" in page and "<bdi>\u05d7\u05d9\u05e4\u05d4</bdi>" in page


def test_control_characters_and_astral_offsets() -> None:
    text = "A\r\nB \U0001f600 Police\x00 arrested\x0b two men.\x7f"
    ev = Event.model_validate({"type": "arrest", "trigger": span(text, "arrested"), "score": 0.5,
                               "who": [span(text, "two men", role="target")]})
    p = parse(render_html(text, [ev]))
    shown = text.replace("\x00", "\u2400").replace("\x0b", "\u240b").replace("\x7f", "\u2421")
    assert p.text == shown and len(p.text) == len(text)  # one character each: offsets hold
    for m in p.marks.values():
        assert m["text"] == shown[int(m["data-start"]):int(m["data-end"])]
        assert m["at"] == int(m["data-start"])


def test_a_page_needs_no_network_and_fragments_stay_apart() -> None:
    page = render_html(TEXT, _events(TEXT))
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    for needle in ("http://", "https://", "<link", " src=", "@import", "url("):
        assert needle not in page
    one, two = (render_html(TEXT, [], standalone=False) for _ in range(2))
    assert one.startswith('<div class="eventx-view" id="') and "<html" not in one
    assert one.split('"')[3] != two.split('"')[3]
    assert "No events" in one


def test_events_is_a_list_that_draws_itself(tmp_path: Path) -> None:
    events = _events(TEXT)
    result = Events(events, TEXT, "2022-06-09")
    assert result == events and isinstance(result, list) and json.loads(json.dumps(
        [e.model_dump(mode="json") for e in result]))
    again = pickle.loads(pickle.dumps(result))
    assert again == events and again.text == TEXT and again.published == "2022-06-09"
    _check(TEXT, events, result._repr_html_())
    page = result.to_html(tmp_path / "p.html", title="doc")
    assert (tmp_path / "p.html").read_text(encoding="utf-8") == page


def test_extractor_returns_events_that_draw_themselves(tiny_extractor) -> None:
    text = "police arrested two men in the city on monday and seized weapons"
    result = tiny_extractor(text, published="2023-10-31")
    assert isinstance(result, Events) and result.text == text
    _check(text, list(result), result._repr_html_())


def test_cli_show(tmp_path: Path, tiny_model_dir: Path, capsys) -> None:
    dump = tmp_path / "docs.jsonl"
    docs = [{"id": "a", "text": "police arrested two men in the city", "published": "2023-10-30"},
            {"id": "b", "text": TEXT}]
    dump.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    events = tmp_path / "events.jsonl"
    events.write_text(json.dumps({"id": "b", "line": 2, "events": [
        e.model_dump(mode="json") for e in _events(TEXT)]}) + "\n", encoding="utf-8")
    out = tmp_path / "b.html"
    assert main(["show", str(dump), "--id", "b", "--events", str(events), "-o", str(out)]) == 0
    _check(TEXT, _events(TEXT), out.read_text(encoding="utf-8"))
    assert main(["show", str(dump), "--id", "a", "--model", str(tiny_model_dir)]) == 0
    page = capsys.readouterr().out
    assert parse(page).text == docs[0]["text"] and "published 2023-10-30" in page
    assert main(["show", str(dump), "--model", str(tiny_model_dir)]) == 2
    assert "choose one with --id" in capsys.readouterr().err
    assert main(["show", str(dump), "--id", "zz", "--model", str(tiny_model_dir)]) == 2


def test_events_of_another_text_are_refused() -> None:
    with pytest.raises(ValueError, match="event 1 .arrest.: 'Police' is not the text at 0:6"):
        render_html(TEXT.replace("Police", "Polize"), _events(TEXT))


def test_any_spans_on_any_text_keep_exact_offsets() -> None:
    """Random text (any script, markup characters, emoji) with random overlapping spans."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    chars = st.one_of(st.characters(blacklist_categories=("Cs", "Cc")), st.sampled_from("<>&\"'\n"))

    @st.composite
    def cases(draw):
        text = draw(st.text(chars, min_size=1, max_size=60))
        pairs = st.tuples(st.integers(0, len(text) - 1), st.integers(1, len(text)))
        spans = [(a, b) for a, b in draw(st.lists(pairs, min_size=1, max_size=8)) if a < b]
        if not spans:
            spans = [(0, len(text))]
        roles = draw(st.lists(st.sampled_from(["agent", "target", "place", "x-custom"]),
                              min_size=len(spans), max_size=len(spans)))
        events, (s, e) = [], spans[0]
        args = [{"text": text[a:b], "start": a, "end": b, "role": r}
                for (a, b), r in zip(spans[1:], roles[1:])]
        events.append(Event.model_validate({"type": "attack", "score": 0.5, "arguments": args,
                                            "trigger": {"text": text[s:e], "start": s, "end": e}}))
        return text, events

    @settings(max_examples=60, deadline=None)
    @given(cases())
    def check(case) -> None:
        text, events = case
        _check(text, events, render_html(text, events))

    check()
