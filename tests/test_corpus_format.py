"""The validator's error cases: every broken annotation names its file, line and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventx.corpus.format import (
    join_standoff,
    read_documents,
    read_standoff,
    text_sha1,
)
from eventx.errors import AnnotationError

TEXT = "Police arrested two men in Subotica."
GOOD = {"id": "d1", "text": TEXT, "events": [
    {"type": "arrest", "trigger": {"start": 7, "end": 15, "text": "arrested"},
     "arguments": [{"role": "agent", "start": 0, "end": 6, "text": "Police"},
                   {"role": "target", "start": 16, "end": 23}]}]}


def _write(tmp_path: Path, *lines: object) -> Path:
    path = tmp_path / "docs.jsonl"
    path.write_text("".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines),
                    encoding="utf-8")
    return path


def _broken(**change: object) -> dict:
    doc = json.loads(json.dumps(GOOD))
    ev = doc["events"][0]
    for key, value in change.items():
        if key == "arg":
            ev["arguments"][1] |= value
        elif key == "trigger":
            ev["trigger"] |= value
    return doc


def test_good_file_reads(tmp_path: Path) -> None:
    docs = read_documents(_write(tmp_path, GOOD, GOOD | {"id": "d2"}))
    assert [d.id for d in docs] == ["d1", "d2"]
    assert docs[0].events[0].arguments[1].role == "target"


@pytest.mark.parametrize("doc, field, words", [
    (_broken(arg={"end": 99}), "events.0.arguments.1.end", "outside the text"),
    (_broken(trigger={"text": "detained"}), "events.0.trigger.text", "disagrees"),
    (_broken(arg={"role": "victim"}), "events.0.arguments.1.role", "unknown role"),
    (_broken(arg={"start": 20, "end": 18}), "events.0.arguments.1", "must be greater"),
])
def test_bad_span_names_file_line_and_field(tmp_path: Path, doc: dict, field: str,
                                             words: str) -> None:
    path = _write(tmp_path, GOOD, doc)
    with pytest.raises(AnnotationError) as err:
        read_documents(path)
    assert err.value.path == str(path) and err.value.line == 2
    assert err.value.field == field
    assert words in str(err.value) and f"{path}:2" in str(err.value)


def test_bad_json_line(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD, '{"id": "d2", "text": ')
    with pytest.raises(AnnotationError, match="not valid JSON") as err:
        read_documents(path)
    assert err.value.line == 2


def test_line_that_is_not_an_object(tmp_path: Path) -> None:
    with pytest.raises(AnnotationError, match="one JSON object") as err:
        read_documents(_write(tmp_path, [1, 2]))
    assert err.value.line == 1


def test_missing_field_is_named(tmp_path: Path) -> None:
    doc = {"id": "d1", "events": []}
    with pytest.raises(AnnotationError) as err:
        read_documents(_write(tmp_path, doc))
    assert err.value.field == "text"


def test_standoff_sha1_mismatch(tmp_path: Path) -> None:
    rec = {"id": "d1", "sha1": text_sha1(TEXT + " "), "events": []}
    path = _write(tmp_path, rec)
    with pytest.raises(AnnotationError, match="sha1") as err:
        join_standoff(read_standoff(path), {"d1": TEXT}, str(path))
    assert (err.value.path, err.value.line, err.value.field) == (str(path), 1, "sha1")


def test_standoff_unknown_id_and_bad_offset(tmp_path: Path) -> None:
    recs = [{"id": "d1", "sha1": text_sha1(TEXT), "events": [
        {"type": "arrest", "trigger": {"start": 7, "end": 15}, "arguments": [
            {"role": "agent", "start": 0, "end": 600}]}]}, {"id": "nope", "sha1": "0" * 40}]
    path = _write(tmp_path, *recs)
    with pytest.raises(AnnotationError) as err:
        join_standoff(read_standoff(path), {"d1": TEXT}, str(path))
    assert err.value.field == "events.0.arguments.0.end" and err.value.line == 1
    with pytest.raises(AnnotationError, match="no source document") as err:
        join_standoff(read_standoff(path)[1:], {"d1": TEXT}, str(path))
    assert err.value.line == 2
