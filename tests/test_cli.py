"""The command line: extract on text and JSON lines, errors with line numbers, help."""

import json
import subprocess
import sys

import pytest

from eventx.cli import main

TEXT = "Police arrested two men in the city on Monday and seized weapons."


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "eventx.cli", *args], input=stdin,
                          capture_output=True, text=True)


def test_help_lists_commands():
    out = run("--help")
    assert out.returncode == 0
    for cmd in ("extract", "train", "evaluate", "corpus"):
        assert cmd in out.stdout
    for cmd in ("extract", "train", "evaluate", "corpus"):
        assert run(cmd, "--help").returncode == 0


def test_extract_text_file(tmp_path, tiny_model_dir, capsys):
    f = tmp_path / "article.txt"
    f.write_text(TEXT, encoding="utf-8")
    assert main(["extract", str(f), "--model", str(tiny_model_dir), "--published", "2023-10-31"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 1 and rows[0]["id"] == "article"
    for ev in rows[0]["events"]:
        assert TEXT[ev["trigger"]["start"]:ev["trigger"]["end"]] == ev["trigger"]["text"]


def test_extract_jsonl_reports_bad_lines_and_keeps_the_rest(tmp_path, tiny_model_dir):
    f = tmp_path / "docs.jsonl"
    f.write_text("\n".join([
        json.dumps({"id": "a", "text": TEXT, "published": "2023-10-31"}),
        "{not json",
        json.dumps({"id": "c", "text": 5}),
        json.dumps({"id": "d", "text": TEXT, "published": "yesterday"}),
        json.dumps({"text": ""}),
        json.dumps({"id": "f", "text": TEXT}),
    ]) + "\n", encoding="utf-8")
    out = run("extract", str(f), "--model", str(tiny_model_dir))
    assert out.returncode == 1
    assert "line 2" in out.stderr and "line 3" in out.stderr and "line 4" in out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["id"] for r in rows if "events" in r] == ["a", "d", "5", "f"]
    assert rows[2]["events"] == []
    assert "yesterday" in rows[1]["warning"]  # extracted without its unreadable date
    assert sorted(r["line"] for r in rows if "error" in r) == [2, 3]


def test_extract_stdin(tiny_model_dir):
    out = run("extract", "-", "--model", str(tiny_model_dir), stdin=TEXT)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["id"] == "-"


def test_missing_model_is_a_clean_error(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(TEXT)
    out = run("extract", str(f), "--model", str(tmp_path / "nope"))
    assert out.returncode == 2 and "config.json" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.parametrize("bad", ["2023-13-45", "soon"])
def test_bad_published_option(tmp_path, bad):
    f = tmp_path / "a.txt"
    f.write_text(TEXT)
    out = run("extract", str(f), "--published", bad)
    assert out.returncode == 2 and "published" in out.stderr
