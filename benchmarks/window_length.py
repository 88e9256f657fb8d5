"""Shorter inference windows against the long-text limit: a model's scores with windows of fewer
word pieces.

The relation head links less in a long article full of other events than in a paragraph alone
(README, "Limits"). Shorter windows give it less of that context. For each window length this
script copies the model folder's config with ``max_length`` and the inference overlap changed
(the weights are linked, not copied), runs ``eventx evaluate`` on the complete documents of the
given files and prints trigger and role precision, recall and F1. Choose on the tune split, never
on dev.

    python benchmarks/window_length.py models/eventx-news-base corpus/tune.jsonl --lengths 256,128,96
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path


def with_windows(model: Path, folder: Path, max_length: int, overlap: int) -> Path:
    """``folder``: ``model`` with windows of ``max_length`` pieces overlapping by ``overlap``."""
    folder.mkdir(parents=True)
    for f in model.iterdir():
        if f.is_file() and f.name != "config.json":
            (folder / f.name).symlink_to(f.resolve())
    config = json.loads((model / "config.json").read_text(encoding="utf-8"))
    config["max_length"] = max_length
    config["decode_overlap"] = overlap
    config["overlap"] = min(config.get("overlap", overlap), overlap)  # under half the window
    (folder / "config.json").write_text(json.dumps(config, indent=1), encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    from eventx import Extractor
    from eventx.config import ModelConfig
    from eventx.corpus.format import read_documents
    from eventx.training.evaluate import evaluate_documents

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("model", type=Path)
    ap.add_argument("data", nargs="+", type=Path)
    ap.add_argument("--lengths", default="256,128,96",
                    help="window lengths in word pieces (the overlap is 3/8 of each, the model's own at its "
                         "own length)")
    args = ap.parse_args(argv)
    docs = [d for p in args.data for d in read_documents(p) if d.complete]
    print(f"{len(docs)} complete documents of {', '.join(map(str, args.data))}\n")
    print("| window | overlap | trigger P / R / F1 | role P / R / F1 | exact role F1 |")
    print("|---|---|---|---|---|")
    own = ModelConfig.model_validate_json((args.model / "config.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(x) for x in args.lengths.split(",")):
            # the model's own length keeps its own inference overlap
            overlap = own.inference_overlap if n == own.max_length else 3 * n // 8
            folder = with_windows(args.model, Path(tmp) / f"w{n}", n, overlap)
            rep = evaluate_documents(Extractor.from_pretrained(folder, backend="torch"), docs)
            t, r = rep["triggers"]["all"], rep["roles"]["all"]
            print(f"| {n} | {overlap} | {t['p']:.3f} / {t['r']:.3f} / {t['f1']:.3f} | "
                  f"{r['p']:.3f} / {r['r']:.3f} / {r['f1']:.3f} | {rep['roles_exact']['f1']:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
