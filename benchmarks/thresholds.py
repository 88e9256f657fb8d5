"""Held-out check of a model's calibration and per-type thresholds (chosen on tune by
``eventx calibrate``): expected calibration error and per-type trigger F1 on dev.

The model is run once over the complete dev documents with raw scores and a low trigger cut
(:func:`eventx.calibration.collect_trigger_pairs`); every figure below comes from those mention
pairs, so the thresholds compared see the same candidates:

* ECE (10 bins) of the raw and of the calibrated scores over every candidate trigger;
* trigger + type F1 per type with the model's raw threshold (no calibration), with the calibrated
  global threshold only, and with the per-type thresholds;
* ECE by source (the tune and dev splits mix the corpora differently).

    eventx calibrate MODEL --tune corpus/tune.jsonl
    python benchmarks/thresholds.py MODEL --dev corpus/dev.jsonl [--raw-threshold 0.7]
        [--cache /tmp/dev_pairs.json]

A model without calibration in its config.json is fitted on ``--tune`` first (nothing written).
Mention-level: the full report (merged records, roles, ECE of the returned events) is
``eventx evaluate MODEL corpus/dev.jsonl --complete-only``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from eventx import Extractor
from eventx.calibration import (
    TriggerPair,
    apply_platt,
    calibrate_model,
    collect_trigger_pairs,
    expected_calibration_error,
)
from eventx.corpus.format import read_documents


def _f1(pairs: list[TriggerPair], keep: np.ndarray, n_gold: int) -> float:
    kept = [p for p, k in zip(pairs, keep) if k]
    if not kept or not n_gold:
        return 0.0
    p = sum(x.correct for x in kept) / len(kept)
    r = len(set().union(*(x.gold for x in kept))) / n_gold
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def _pairs(ex: Extractor, docs: list, cache: Path | None) -> tuple[list[TriggerPair], dict]:
    if cache and cache.is_file():
        data = json.loads(cache.read_text(encoding="utf-8"))
        return ([TriggerPair(t, s, frozenset(map(tuple, g)), d) for t, s, g, d in data["pairs"]],
                data["gold"])
    pairs, gold = collect_trigger_pairs(ex, docs)
    if cache:
        cache.write_text(json.dumps({"pairs": [(p.type, p.score, sorted(p.gold), p.doc)
                                               for p in pairs], "gold": gold}), encoding="utf-8")
    return pairs, gold


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("model", type=Path)
    ap.add_argument("--dev", type=Path, nargs="+", required=True)
    ap.add_argument("--tune", type=Path, nargs="+", help="fit here if the model has no calibration")
    ap.add_argument("--raw-threshold", type=float, default=0.7,
                    help="the uncalibrated model's trigger threshold to compare with (0.7: the "
                    "released model's)")
    ap.add_argument("--cache", type=Path, help="JSON file of the dev pairs (read if present)")
    args = ap.parse_args()
    ex = Extractor.from_pretrained(args.model, normalize=False)
    config = ex.config
    if not config.calibration.get("trigger"):
        if not args.tune:
            ap.error(f"{args.model} has no calibration: give --tune (or run eventx calibrate)")
        tune = [d for p in args.tune for d in read_documents(p, roles=set(config.roles))]
        config, _ = calibrate_model(ex, tune, roles=False)
    ab, th = config.calibration["trigger"], config.thresholds
    dev = [d for p in args.dev for d in read_documents(p, roles=set(config.roles)) if d.complete]
    pairs, gold = _pairs(ex, dev, args.cache)
    raw = np.asarray([p.score for p in pairs])
    cal = apply_platt(raw, ab)
    right = [p.correct for p in pairs]
    print(f"dev: {len(dev)} complete documents, {len(pairs)} candidate triggers (raw >= 0.05), "
          f"{sum(right)} right; Platt {ab}")
    print(f"ECE (10 bins): raw {expected_calibration_error(raw, right):.4f}, calibrated "
          f"{expected_calibration_error(cal, right):.4f}")
    types = np.asarray([p.type for p in pairs])
    rows = [("all", np.ones(len(pairs), bool), sum(gold.values()))]
    rows += [(t, types == t, n) for t, n in sorted(gold.items())]
    per_type = np.asarray([cal[i] >= th.for_type(p.type) for i, p in enumerate(pairs)])
    print(f"\n{'trigger F1':<14}{'gold':>6}{f'raw>={args.raw_threshold}':>11}"
          f"{f'cal>={th.trigger:.2f}':>11}{'per type':>10}{'threshold':>11}")
    for name, sel, n in rows:
        sub = [p for p, s in zip(pairs, sel) if s]
        cells = [_f1(sub, raw[sel] >= args.raw_threshold, n), _f1(sub, cal[sel] >= th.trigger, n),
                 _f1(sub, per_type[sel], n)]
        mark = "" if name == "all" else f"{th.for_type(name):.2f}" + (
            "" if name in th.types else " (global)")
        print(f"{name:<14}{n:>6}" + "".join(f"{c:>11.3f}" for c in cells[:2])
              + f"{cells[2]:>10.3f}   {mark}")
    sources = np.asarray([dev[p.doc].source or "?" for p in pairs])
    print(f"\n{'ECE by source':<14}{'pairs':>6}{'right':>7}{'raw':>8}{'calibrated':>11}")
    for src in sorted(set(sources)):
        sel = sources == src
        ok = [r for r, s in zip(right, sel) if s]
        print(f"{src:<14}{int(sel.sum()):>6}{sum(ok):>7}"
              f"{expected_calibration_error(raw[sel], ok):>8.3f}"
              f"{expected_calibration_error(cal[sel], ok):>11.3f}")


if __name__ == "__main__":
    main()
