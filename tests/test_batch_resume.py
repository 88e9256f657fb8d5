"""Batch runs that stop: kill -9 or Ctrl-C midway, then --resume; workers; progress; memory."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventx.batch import extract_dump
from tests.conftest import WORDS


def make_dump(path: Path, n: int, bad_every: int = 0, seed: int = 0) -> Path:
    """``n`` short documents (the tiny model is slow on long ones), every ``bad_every``-th bad."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 30))).capitalize() + "."
            if bad_every and i % bad_every == bad_every - 1:
                text = None
            f.write(json.dumps({"id": f"d{i}", "text": text, "published": "2023-10-31",
                                "n": i}) + "\n")
    return path


def read_rows(path: Path) -> list[dict]:
    return [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines()]


def cli(*args: str, **kw) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    # Ctrl-C reaches the run as on a terminal, even if something in the test process left SIGINT
    # ignored (an ignored signal is inherited by child processes, and Python then installs no
    # KeyboardInterrupt handler: seen in full-suite runs)
    return subprocess.Popen([sys.executable, "-m", "eventx.cli", "extract", *args, "--device", "cpu"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL), **kw)


def wait_for_commit(state: Path, proc: subprocess.Popen, docs: int, timeout: float = 300) -> int:
    """Block until the run has committed at least ``docs`` documents; return how many."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        assert proc.poll() is None, f"the run ended early: {proc.communicate()[1][-2000:]}"
        if state.is_file():
            done = json.loads(state.read_text())["docs_done"]
            if done >= docs:
                return done
        time.sleep(0.05)
    raise AssertionError("no commit in time")


@pytest.fixture(scope="module")
def dump(tmp_path_factory, tiny_model_dir):
    """A 256-document dump and its uninterrupted output."""
    folder = tmp_path_factory.mktemp("dump")
    src = make_dump(folder / "dump.jsonl", 256, bad_every=40)
    extract_dump(src, folder / "full.jsonl", model=tiny_model_dir, device="cpu", chunk_size=64)
    return folder


@pytest.mark.slow
def test_kill_midway_then_resume_gives_the_uninterrupted_output(dump, tiny_model_dir, tmp_path):
    out = tmp_path / "out.jsonl"
    args = [str(dump / "dump.jsonl"), "-o", str(out), "--model", str(tiny_model_dir),
            "--chunk-size", "64"]
    proc = cli(*args)
    done = wait_for_commit(tmp_path / "out.jsonl.parts" / "state.json", proc, 64)
    proc.kill()
    proc.wait()
    assert done < 256 and not out.exists()
    resumed = cli(*args, "--resume")
    _, err = resumed.communicate(timeout=600)
    assert resumed.returncode == 1, err  # 1: the dump has bad documents
    assert out.read_bytes() == (dump / "full.jsonl").read_bytes()
    assert not (tmp_path / "out.jsonl.parts").exists()
    rows = [json.loads(ln) for ln in out.read_text().splitlines()]
    assert sorted(r["n"] for r in rows) == list(range(256))  # nothing lost, nothing twice


@pytest.fixture(scope="module")
def long_dump(tmp_path_factory, tiny_model_dir):
    """A 2,560-document dump: long enough that Ctrl-C after the first commit lands mid-run (on
    256 documents a fast machine finished the run before the signal arrived)."""
    folder = tmp_path_factory.mktemp("long_dump")
    src = make_dump(folder / "dump.jsonl", 2560, bad_every=40)
    extract_dump(src, folder / "full.jsonl", model=tiny_model_dir, device="cpu", chunk_size=64)
    return folder


@pytest.mark.slow
def test_ctrl_c_then_resume_parquet(long_dump, tiny_model_dir, tmp_path):
    import pyarrow.parquet as pq

    dump = long_dump
    out = tmp_path / "out.parquet"
    args = [str(dump / "dump.jsonl"), "-o", str(out), "--model", str(tiny_model_dir),
            "--chunk-size", "64"]
    proc = cli(*args)
    wait_for_commit(tmp_path / "out.parquet.parts" / "state.json", proc, 64)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130 and "--resume" in err and "Traceback" not in err, err[-2000:]
    again = cli(*args, "--resume", "--flat")
    _, err = again.communicate(timeout=120)
    assert again.returncode == 2 and "another options" in err  # settings must match to resume
    resumed = cli(*args, "--resume")
    _, err = resumed.communicate(timeout=600)
    assert resumed.returncode == 1, err
    rows = [{k: v for k, v in r.items() if v is not None} for r in pq.read_table(out).to_pylist()]
    assert json.loads(json.dumps(rows, default=str)) == read_rows(dump / "full.jsonl")


def test_resume_of_a_finished_or_new_run_starts_over(dump, tiny_model_dir, tmp_path):
    src = make_dump(tmp_path / "small.jsonl", 5)
    out = tmp_path / "o.jsonl"
    first = extract_dump(src, out, model=tiny_model_dir, device="cpu", resume=True)
    assert first.documents == 5 and len(out.read_text().splitlines()) == 5


@pytest.mark.slow
def test_workers_give_the_same_rows(dump, tiny_model_dir, tmp_path):
    out = tmp_path / "w.jsonl"
    extract_dump(dump / "dump.jsonl", out, model=tiny_model_dir, device="cpu", workers=2,
                 chunk_size=64)

    def rounded(path):
        rows = read_rows(path)
        for r in rows:
            for e in r.get("events", []):
                e["score"] = round(e["score"], 4)
        return rows

    assert rounded(out) == rounded(dump / "full.jsonl")


def test_progress_bar_only_when_asked_or_on_a_terminal(tiny_model_dir, tmp_path, capsys):
    src = make_dump(tmp_path / "p.jsonl", 10)
    extract_dump(src, tmp_path / "q.jsonl", model=tiny_model_dir, device="cpu")
    assert capsys.readouterr().err == ""  # standard error is not a terminal here
    extract_dump(src, tmp_path / "s.jsonl", model=tiny_model_dir, device="cpu", progress=True)
    err = capsys.readouterr().err
    assert "10doc" in err and "doc/s" in err and "words/s" in err


@pytest.mark.slow
def test_memory_stays_flat_on_a_dump_ten_times_larger(tiny_model_dir, tmp_path):
    code = ("import resource, sys; from eventx.batch import extract_dump; "
            "extract_dump(sys.argv[1], sys.argv[2], model=sys.argv[3], device='cpu', chunk_size=256); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    peaks = []
    for n in (200, 2000):
        src = make_dump(tmp_path / f"m{n}.jsonl", n)
        out = subprocess.run([sys.executable, "-c", code, str(src), str(tmp_path / f"m{n}.parquet"),
                              str(tiny_model_dir)], capture_output=True, text=True, check=True)
        peaks.append(int(out.stdout.split()[-1]) / 1024)
    assert peaks[1] < peaks[0] * 1.15 + 20, f"peak RSS {peaks[0]:.0f} MB -> {peaks[1]:.0f} MB"
