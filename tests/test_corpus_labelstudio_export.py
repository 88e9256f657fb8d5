"""``eventx corpus export-labelstudio``: the model's events as Label Studio predictions, and the
round trip back through ``import-labelstudio``."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from eventx import Event
from eventx.cli import main
from eventx.corpus.format import DEFAULT_ROLES, read_documents
from eventx.corpus.labelstudio import DEFAULT_TYPES, import_labelstudio
from eventx.corpus.labelstudio_export import labeling_config, to_task
from eventx.errors import AnnotationError

TEXT = ("\U0001f6a8 Police arrested two men in Kaduna on Tuesday. Gunmen killed three villagers; "
        "troops seized 40 rifles and the police said two men fled.")


def span(text: str, piece: str, nth: int = 0, **extra) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return {"text": piece, "start": start, "end": start + len(piece), **extra}


def _events(text: str = TEXT) -> list[Event]:
    """Shared argument spans (one span with two roles, one span in two events), an emoji first."""
    v = span(text, "three villagers")
    return [Event.model_validate(e) for e in [
        {"type": "arrest", "trigger": span(text, "arrested"), "score": 0.91,
         "arguments": [span(text, "Police", role="agent"), span(text, "two men", role="target"),
                       span(text, "Kaduna", role="place"), span(text, "Tuesday", role="time")]},
        {"type": "attack", "trigger": span(text, "killed"), "score": 0.8,
         "arguments": [span(text, "Gunmen", role="agent"), dict(v, role="target"),
                       dict(v, role="killed"), span(text, "Tuesday", role="time")]},
        {"type": "seizure", "trigger": span(text, "seized"), "score": 0.7,
         "arguments": [span(text, "troops", role="agent"), span(text, "40", role="quantity"),
                       span(text, "rifles", role="item")]},
        {"type": "smuggling", "trigger": span(text, "fled"), "score": 0.4, "arguments": []},
    ]]


def submitted(tasks: list[dict]) -> list[dict]:
    """What Label Studio exports after an annotator submits each prediction without edits: the
    prediction's result copied into an annotation."""
    out = copy.deepcopy(tasks)
    for i, task in enumerate(out):
        task["id"] = 100 + i
        task["annotations"] = [{"id": i + 1, "was_cancelled": False,
                                "result": copy.deepcopy(task["predictions"][0]["result"])}]
    return out


def _as_records(events) -> list:
    return sorted((e.type, e.trigger.start, e.trigger.end,
                   sorted((a.role, a.start, a.end) for a in e.arguments)) for e in events)


def test_round_trip_gives_the_same_events() -> None:
    events = _events()
    task = to_task("doc-1", TEXT, events, published="2022-06-09", source="wire")
    assert task["data"] == {"text": TEXT, "id": "doc-1", "published": "2022-06-09",
                            "source": "wire"}
    result = task["predictions"][0]["result"]
    villagers = next(r for r in result if r.get("value", {}).get("text") == "three villagers")
    assert villagers["value"]["labels"] == ["target", "killed"]
    assert [r["labels"] for r in result if r["type"] == "relation"
            and r["to_id"] == villagers["id"]] == [["target", "killed"]]
    docs, summary = import_labelstudio(submitted([task]), "export.json")
    assert summary["events"] == len(events)
    doc = docs[0]
    assert (doc.id, doc.text, str(doc.published), doc.source) == ("doc-1", TEXT, "2022-06-09",
                                                                  "wire")
    assert _as_records(doc.events) == _as_records(events)
    assert all(e.modality == "actual" and e.event is None for e in doc.events)
    for e in doc.events:  # Python offsets, exact after the emoji
        assert TEXT[e.trigger.start:e.trigger.end] == e.trigger.text


def test_labeling_config_has_types_roles_and_per_region_controls() -> None:
    root = ET.fromstring(labeling_config([*DEFAULT_TYPES, "riot & <loot>"]))
    labels = [lab.get("value") for lab in root.iter("Label")]
    assert labels == [*DEFAULT_TYPES, "riot & <loot>", *DEFAULT_ROLES]
    assert [r.get("value") for r in root.iter("Relation")] == list(DEFAULT_ROLES)
    per_region = {el.get("name"): el.tag for el in root.iter() if el.get("perRegion") == "true"}
    assert per_region == {"modality": "Choices", "event": "TextArea", "entity": "TextArea"}
    assert [c.get("value") for c in root.iter("Choice")] == ["actual", "planned", "negated",
                                                             "hypothetical"]
    text = next(root.iter("Text"))
    assert text.get("name") == "text" and text.get("value") == "$text"
    assert next(root.iter("Labels")).get("toName") == "text"


def test_events_of_another_text_are_refused() -> None:
    with pytest.raises(AnnotationError, match="are these the events of this text") as err:
        to_task("d", TEXT.replace("Police", "Polize"), _events())
    assert err.value.field == "events.0.arguments.0"


def _write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    return path


def test_cli_round_trip_with_the_extract_input(tmp_path: Path, capsys) -> None:
    other = "Police arrested Tom & Jerry in <Leeds>."
    o_ev = Event.model_validate({"type": "arrest", "trigger": span(other, "arrested"),
                                 "score": 0.5,
                                 "arguments": [span(other, "Tom & Jerry", role="target")]})
    texts = _write_jsonl(tmp_path / "docs.jsonl", [
        {"id": "a", "text": TEXT, "published": "9 June 2022", "source": "wire"},
        {"id": "b", "text": other}, {"id": "c", "text": 5}])
    events = _write_jsonl(tmp_path / "events.jsonl", [
        {"id": "a", "line": 1, "events": [e.model_dump(mode="json") for e in _events()],
         "source": "wire"},
        {"id": "b", "line": 2, "events": [o_ev.model_dump(mode="json")]},
        {"id": "c", "line": 3, "error": "text is a int, not a string"}])
    out = tmp_path / "tasks.json"
    assert main(["corpus", "export-labelstudio", str(events), "--texts", str(texts),
                 "--out", str(out), "--published", "2024-01-01"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["documents"], summary["events"], summary["rows_with_error"]) == (2, 5, 1)
    assert summary["config"] == str(tmp_path / "tasks.xml")
    ET.fromstring((tmp_path / "tasks.xml").read_text(encoding="utf-8"))
    tasks = json.loads(out.read_text(encoding="utf-8"))
    assert [t["data"].get("published") for t in tasks] == ["2022-06-09", "2024-01-01"]
    export = tmp_path / "export.json"
    export.write_text(json.dumps(submitted(tasks)), encoding="utf-8")
    docs_out = tmp_path / "corrected.jsonl"
    assert main(["corpus", "import-labelstudio", str(export), "--out", str(docs_out)]) == 0
    docs = read_documents(docs_out)
    assert [d.id for d in docs] == ["a", "b"] and docs[0].source == "wire"
    assert _as_records(docs[0].events) == _as_records(_events())
    assert _as_records(docs[1].events) == _as_records([o_ev])


def test_cli_round_trip_of_real_extract_output(tmp_path: Path, tiny_model_dir: Path,
                                               capsys) -> None:
    """Whatever the (random tiny) model links, overlaps included, comes back the same."""
    docs = [{"id": f"d{i}", "text": t} for i, t in enumerate([
        "police arrested two men in the city on monday and seized weapons",
        "gunmen killed three people in an attack; smugglers kidnapped two men at the border",
        "protest after the agreement signed on monday: police arrested three people"])]
    texts = _write_jsonl(tmp_path / "docs.jsonl", docs)
    events = tmp_path / "events.jsonl"
    assert main(["extract", str(texts), "-o", str(events), "--model", str(tiny_model_dir),
                 "--no-progress"]) == 0
    rows = [json.loads(line) for line in events.read_text(encoding="utf-8").splitlines()]
    assert sum(len(r["events"]) for r in rows) > 0
    out = tmp_path / "tasks.json"
    assert main(["corpus", "export-labelstudio", str(events), "--texts", str(texts),
                 "--out", str(out)]) == 0
    capsys.readouterr()
    tasks = json.loads(out.read_text(encoding="utf-8"))
    back, _ = import_labelstudio(submitted(tasks), str(out))
    by_id = {d.id: d for d in back}
    for row in rows:
        want = [Event.model_validate(e) for e in row["events"]]
        got = by_id[row["id"]].events if row["id"] in by_id else []
        assert _as_records(got) == _as_records(want)


def test_cli_needs_texts(tmp_path: Path, capsys) -> None:
    events = _write_jsonl(tmp_path / "events.jsonl", [{"id": "a", "line": 1, "events": []}])
    assert main(["corpus", "export-labelstudio", str(events), "--out",
                 str(tmp_path / "t.json")]) == 2
    assert "--texts" in capsys.readouterr().err
    with_text = _write_jsonl(tmp_path / "own.jsonl", [
        {"id": "a", "text": TEXT, "events": [e.model_dump(mode="json") for e in _events()]}])
    assert main(["corpus", "export-labelstudio", str(with_text), "--out",
                 str(tmp_path / "t.json"), "--config", str(tmp_path / "c.xml")]) == 0
    assert (tmp_path / "c.xml").is_file()
    flat = _write_jsonl(tmp_path / "flat.jsonl", [{"id": "a", "line": 1, "event_index": 0}])
    assert main(["corpus", "export-labelstudio", str(flat), "--out",
                 str(tmp_path / "t.json")]) == 2
    assert "--flat" in capsys.readouterr().err
