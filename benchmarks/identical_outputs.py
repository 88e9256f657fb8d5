"""Does a code change keep the released model's records? Runs the model over fixed texts with the
code at a git revision and with the working tree, and compares the records.

    eventx corpus build --out /tmp/corpus10
    python benchmarks/identical_outputs.py --rev HEAD~3 --docs /tmp/corpus10/dev.jsonl --limit 150 \
        --evaluate

The revision is checked out with ``git worktree add`` into a temporary folder (nothing in this
checkout changes) and run in a subprocess whose ``PYTHONPATH`` puts it first. Both runs use this
checkout's model folder, on CPU. Fields that only one side has (a field the change adds) are
listed and left out of the comparison; every other difference is printed, document by document.
Exit status 0 when the records are identical, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

RUNNER = r"""
import json, sys
import eventx
from eventx import Extractor
docs = json.load(open(sys.argv[1], encoding="utf-8"))
ex = Extractor.from_pretrained(sys.argv[2], device="cpu")
out = [[e.model_dump(mode="json") for e in events] for events in
       ex.pipe([d["text"] for d in docs], published=[d["published"] for d in docs])]
report = None
if len(sys.argv) > 5:  # also score the annotated documents, as eventx evaluate does
    from eventx.corpus.format import read_documents
    from eventx.training.evaluate import evaluate_documents
    gold = [d.actual_only() for d in read_documents(sys.argv[4], roles=set(ex.config.roles))]
    report = evaluate_documents(ex, gold[: int(sys.argv[5])])
json.dump({"code": eventx.__file__, "records": out, "report": report},
          open(sys.argv[3], "w", encoding="utf-8"))
"""


def run_records(code: Path, docs_file: Path, model: Path, out: Path,
                evaluate: tuple[Path, int] | None = None) -> tuple[list[list[dict]], dict | None]:
    """The records of ``docs_file``'s documents with the eventx package found in ``code`` (and
    the ``eventx evaluate`` report of the first N annotated documents of ``evaluate``)."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    extra = [str(evaluate[0]), str(evaluate[1])] if evaluate else []
    subprocess.run([sys.executable, "-c", RUNNER, str(docs_file), str(model), str(out), *extra],
                   check=True, env=env, cwd=code)
    result = json.loads(out.read_text(encoding="utf-8"))
    if not result["code"].startswith(str(code)):
        raise RuntimeError(f"ran {result['code']}, not the code in {code}")
    return result["records"], result["report"]


def _fields(records: list[list[dict]]) -> set[str]:
    return {k for doc in records for ev in doc for k in ev}


def compare(old: list[list[dict]], new: list[list[dict]]) -> tuple[set[str], set[str], list[str]]:
    """Fields only the old / only the new records have, and each other difference (one line)."""
    only_old, only_new = _fields(old) - _fields(new), _fields(new) - _fields(old)
    drop = only_old | only_new
    diffs = []
    for i, (a, b) in enumerate(zip(old, new)):
        a = [{k: v for k, v in ev.items() if k not in drop} for ev in a]
        b = [{k: v for k, v in ev.items() if k not in drop} for ev in b]
        if a != b:
            diffs.append(f"document {i}: {len(a)} events before, {len(b)} after; before "
                         f"{json.dumps(a)[:300]} after {json.dumps(b)[:300]}")
    if len(old) != len(new):
        diffs.append(f"{len(old)} documents before, {len(new)} after")
    return only_old, only_new, diffs


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rev", required=True, help="the git revision to compare with (e.g. HEAD~3)")
    p.add_argument("--docs", type=Path, required=True,
                   help="JSON lines with 'text' and 'published' (e.g. the dev split of "
                   "'eventx corpus build')")
    p.add_argument("--limit", type=int, default=150, help="the first N documents (default 150)")
    p.add_argument("--model", type=Path, default=ROOT / "models" / "eventx-news-base")
    p.add_argument("--evaluate", action="store_true",
                   help="also compare the eventx evaluate reports on the same documents (--docs "
                   "must then be annotated, as the corpus splits are)")
    p.add_argument("--json", type=Path, help="write the comparison here")
    args = p.parse_args(argv)

    docs = []
    with open(args.docs, encoding="utf-8") as f:
        for line in f:
            if line.strip() and len(docs) < args.limit:
                row = json.loads(line)
                docs.append({"text": row["text"], "published": row.get("published")})
    rev = subprocess.run(["git", "rev-parse", args.rev], cwd=ROOT, check=True, text=True,
                         capture_output=True).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        docs_file = tmp_path / "docs.json"
        docs_file.write_text(json.dumps(docs), encoding="utf-8")
        base = tmp_path / "base"
        subprocess.run(["git", "worktree", "add", "--detach", str(base), rev], cwd=ROOT, check=True,
                       capture_output=True)
        gold = (args.docs.resolve(), args.limit) if args.evaluate else None
        try:
            old, old_report = run_records(base, docs_file, args.model.resolve(),
                                          tmp_path / "old.json", gold)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=ROOT,
                           check=True)
        new, new_report = run_records(ROOT, docs_file, args.model.resolve(), tmp_path / "new.json",
                                      gold)
    only_old, only_new, diffs = compare(old, new)
    if args.evaluate and old_report != new_report:
        diffs.append(f"the evaluate reports differ: before {json.dumps(old_report)[:400]} after "
                     f"{json.dumps(new_report)[:400]}")
    n_events = sum(map(len, new))
    print(f"{len(docs)} documents of {args.docs}, {n_events} events; revision {rev[:10]} "
          f"against the working tree")
    print(f"fields only before: {sorted(only_old) or 'none'}; only after: {sorted(only_new) or 'none'}")
    if args.evaluate:
        print(f"evaluate reports identical: {old_report == new_report}")
    print(f"differences: {len(diffs)}")
    for line in diffs:
        print("  " + line)
    if args.json:
        args.json.write_text(json.dumps({"revision": rev, "documents": len(docs), "events": n_events,
                                         "only_before": sorted(only_old),
                                         "only_after": sorted(only_new), "differences": diffs},
                                        indent=2) + "\n", encoding="utf-8")
    return 0 if not diffs else 1


if __name__ == "__main__":
    sys.exit(main())
