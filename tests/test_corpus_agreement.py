"""``eventx corpus agreement`` over two standoff files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventx.cli import main
from eventx.corpus.agreement import agreement, match_count
from eventx.errors import AnnotationError

ANN = Path(__file__).parent / "fixtures" / "corpus" / "annotations"


def _rec(doc_id: str, events: list, sha1: str = "a" * 40) -> str:
    return json.dumps({"id": doc_id, "sha1": sha1, "events": events})


def _ev(type_: str, s: int, e: int, args: list[tuple[str, int, int]]) -> dict:
    return {"type": type_, "trigger": {"start": s, "end": e},
            "arguments": [{"role": r, "start": a, "end": b} for r, a, b in args]}


def test_fixture_files(capsys) -> None:
    res = agreement(ANN / "batch-t1.jsonl", ANN / "double-t2.jsonl")
    assert res["documents"] == {"a": 2, "b": 1, "both": 1}
    assert res["trigger_exact"]["f1"] == 1.0
    # A has 4 arguments, B 2 (both in A): P = 1, R = 0.5
    assert res["argument_exact"] | {} == {"p": 1.0, "r": 0.5, "f1": 0.6667, "matched": 2,
                                          "n_a": 4, "n_b": 2}
    assert main(["corpus", "agreement", str(ANN / "batch-t1.jsonl"),
                 str(ANN / "double-t2.jsonl")]) == 0
    assert json.loads(capsys.readouterr().out)["trigger_overlap"]["f1"] == 1.0


def test_exact_and_overlap(tmp_path: Path) -> None:
    a = tmp_path / "a.jsonl"
    b = tmp_path / "b.jsonl"
    a.write_text(_rec("d1", [_ev("attack", 0, 4, [("agent", 10, 15)]),
                             _ev("arrest", 20, 28, [("target", 30, 40)])]) + "\n"
                 + _rec("d2", [_ev("protest", 0, 5, [])]) + "\n")
    b.write_text(_rec("d1", [_ev("attack", 0, 6, [("agent", 10, 15)]),
                             _ev("seizure", 20, 28, [("target", 31, 40)])]) + "\n"
                 + _rec("d3", [_ev("protest", 0, 5, [])]) + "\n")
    res = agreement(a, b)
    assert res["documents"]["both"] == 1
    assert res["trigger_exact"]["matched"] == 0 and res["trigger_overlap"]["matched"] == 1
    assert res["trigger_overlap"]["f1"] == 0.5
    assert res["argument_exact"]["f1"] == 0.5 and res["argument_overlap"]["f1"] == 1.0
    assert res["trigger_exact_per_type"]["attack"]["n_a"] == 1


def test_match_count_is_one_to_one() -> None:
    assert match_count([("a", 0, 5), ("a", 0, 5)], [("a", 0, 5)]) == 1
    assert match_count([("a", 0, 5), ("a", 6, 9)], [("a", 4, 7)], overlap=True) == 1


def test_errors(tmp_path: Path) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text(_rec("d1", []) + "\n")
    b.write_text(_rec("d1", [], sha1="b" * 40) + "\n")
    with pytest.raises(AnnotationError, match="different texts") as err:
        agreement(a, b)
    assert (err.value.path, err.value.line, err.value.field) == (str(b), 1, "sha1")
    b.write_text(_rec("d1", []) + "\n" + _rec("d1", []) + "\n")
    with pytest.raises(AnnotationError, match="twice") as err:
        agreement(a, b)
    assert err.value.line == 2
