"""Score a model at several decision thresholds (trigger, role) on annotated documents.

Thresholds live in the model's ``config.json`` and change no weights; this grid is how the
released model's were chosen (see its model card).

    python benchmarks/thresholds.py MODEL DATA.jsonl [--triggers 0.5,0.6,0.7] [--roles 0.5,0.6,0.7]
"""

from __future__ import annotations

import argparse
import itertools
import json

from eventx import Extractor
from eventx.config import Thresholds
from eventx.corpus.format import read_documents
from eventx.training.evaluate import evaluate_documents


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("model")
    ap.add_argument("data", nargs="+")
    ap.add_argument("--triggers", default="0.5,0.6,0.7")
    ap.add_argument("--roles", default="0.5,0.6,0.7")
    args = ap.parse_args()
    ex = Extractor.from_pretrained(args.model)
    docs = [d.actual_only() for path in args.data
            for d in read_documents(path, roles=set(ex.config.roles)) if d.complete]  # precision is only measurable on complete documents
    rows = []
    for t, r in itertools.product(*(map(float, s.split(",")) for s in (args.triggers, args.roles))):
        ex.config.thresholds = Thresholds(trigger=t, role=r)
        rep = evaluate_documents(ex, docs)
        row = {"trigger": t, "role": r, "trigger_f1": rep["triggers"]["all"]["f1"],
               "role_f1": rep["roles"]["all"]["f1"],
               **{k: rep["events"][k]["f1"] for k in ("who", "where", "when", "killed", "seized")}}
        rows.append(row)
        print(json.dumps(row), flush=True)
    best = max(rows, key=lambda x: x["trigger_f1"] + x["role_f1"])
    print("best (trigger F1 + role F1):", json.dumps(best))


if __name__ == "__main__":
    main()
