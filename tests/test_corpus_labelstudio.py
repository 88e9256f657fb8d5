"""``eventx corpus import-labelstudio`` on a hand-made Label Studio JSON export."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from eventx.cli import main
from eventx.corpus.format import read_documents
from eventx.corpus.labelstudio import import_labelstudio, read_labelstudio
from eventx.errors import AnnotationError

EXPORT = Path(__file__).parent / "fixtures" / "corpus" / "labelstudio_export.json"


def _events(doc):
    return [(e.type, e.trigger.text, [(a.role, a.text) for a in e.arguments]) for e in doc.events]


def test_import() -> None:
    docs, summary = read_labelstudio(EXPORT)
    assert summary == {"documents": 2, "events": 3, "tasks_without_annotation": 1,
                       "tasks_with_several_annotations": 0}
    d1, d2 = docs
    assert d1.id == "ls-doc-1" and d1.published.isoformat() == "2023-10-30"
    assert _events(d1) == [("arrest", "arrested", [
        ("agent", "Police"), ("target", "two men"), ("place", "Subotica"), ("time", "Monday")])]
    # offsets counted in UTF-16 units after the emoji are converted; a relation drawn from the
    # argument to the trigger is read the right way round
    assert d2.id == "labelstudio-12"
    assert _events(d2) == [("attack", "attacked", [("agent", "Rebels")]),
                           ("seizure", "seized", [("quantity", "40"), ("item", "rifles"),
                                                  ("agent", "Troops")])]


def test_cli_writes_valid_documents(tmp_path: Path, capsys) -> None:
    out = tmp_path / "docs.jsonl"
    assert main(["corpus", "import-labelstudio", str(EXPORT), "--out", str(out)]) == 0
    assert [d.id for d in read_documents(out)] == ["ls-doc-1", "labelstudio-12"]
    assert json.loads(capsys.readouterr().out)["events"] == 3


def _task() -> list:
    return copy.deepcopy(json.loads(EXPORT.read_text(encoding="utf-8"))[:1])


def _result(tasks: list) -> list:
    return tasks[0]["annotations"][1]["result"]


@pytest.mark.parametrize("change, words, field", [
    (lambda r: r[1]["value"].update(labels=["shooter"]), "unknown label",
     "tasks.0.annotations.1.result.1.value.labels"),
    (lambda r: r[6].pop("labels"), "cannot tell the role", "tasks.0.annotations.1.result.2"),
    (lambda r: r[1]["value"].update(text="Polic"), "disagrees",
     "tasks.0.annotations.1.result.1.value.text"),
    (lambda r: r.append({"type": "relation", "from_id": "a1", "to_id": "a2"}),
     "from a trigger to an argument", "tasks.0.annotations.1.result.8"),
    (lambda r: r.append({"type": "relation", "from_id": "t", "to_id": "zz"}), "unknown results",
     "tasks.0.annotations.1.result.8"),
    (lambda r: r[0]["value"].update(labels=["arrest", "agent"]), "not ['arrest', 'agent']",
     "tasks.0.annotations.1.result.0.value.labels"),
])
def test_errors_name_the_field(change, words: str, field: str) -> None:
    tasks = _task()
    change(_result(tasks))
    with pytest.raises(AnnotationError) as err:
        import_labelstudio(tasks, "export.json")
    assert words in err.value.reason and err.value.field == field
    assert err.value.path == "export.json"


def test_loose_argument_with_several_events_is_an_error() -> None:
    tasks = _task()
    res = _result(tasks)
    res.append(dict(res[0], id="t2", value=dict(res[0]["value"], labels=["seizure"])))
    with pytest.raises(AnnotationError, match="without a relation"):
        import_labelstudio(tasks, "export.json")


def test_bad_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[{")
    with pytest.raises(AnnotationError, match="not valid JSON"):
        read_labelstudio(bad)
    bad.write_text('{"data": {}}')
    with pytest.raises(AnnotationError, match="list of tasks"):
        read_labelstudio(bad)
    with pytest.raises(AnnotationError, match="no text") as err:
        import_labelstudio([{"data": {"body": "x"}}], "e.json")
    assert err.value.field == "tasks.0.data.text"
