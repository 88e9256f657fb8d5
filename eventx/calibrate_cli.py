"""``eventx calibrate``: calibrated scores and per-type thresholds of a model, fitted on tune."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

_DESCRIPTION = """\
Run MODEL over the complete documents of the tune files with a low raw trigger cut, fit Platt
scaling of its trigger (and role) scores, choose the calibrated trigger threshold of each event
type that maximizes its F1 on tune (types with fewer than --min-support gold mentions keep the
global threshold), and write 'calibration' and 'thresholds' into MODEL/config.json. Re-running
it refits from the raw scores. Role thresholds stay on raw scores; the role fit is reported.
"""


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("calibrate", help="fit calibrated scores and per-type thresholds on tune",
                       description=_DESCRIPTION,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("model", type=Path, help="model folder (its config.json is rewritten)")
    p.add_argument("--tune", type=Path, nargs="+", required=True,
                   help="annotation files (JSON lines) of the tune split")
    p.add_argument("--min-support", type=int, default=None,
                   help="gold tune mentions a type needs for a threshold of its own (default 20)")
    p.add_argument("--prefilter", type=float, default=None,
                   help="raw trigger score under which nothing is collected (default 0.05)")
    p.add_argument("--no-roles", action="store_true", help="skip the role calibration pass")
    p.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    p.add_argument("--json", type=Path, help="also write the report as JSON here")
    p.add_argument("--batch-size", type=int, default=16)
    p.set_defaults(func=_calibrate)


def _calibrate(args: argparse.Namespace) -> int:
    from eventx.calibration import MIN_SUPPORT, PREFILTER, calibrate_model, format_calibration
    from eventx.corpus.format import read_documents
    from eventx.extractor import Extractor

    ex = Extractor.from_pretrained(args.model)
    docs = [d for path in args.tune for d in read_documents(path, roles=set(ex.config.roles))]
    config, report = calibrate_model(
        ex, docs, min_support=MIN_SUPPORT if args.min_support is None else args.min_support,
        prefilter=PREFILTER if args.prefilter is None else args.prefilter,
        roles=not args.no_roles, batch_size=args.batch_size)
    report["tune_files"] = [str(p) for p in args.tune]
    print(format_calibration(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if not args.dry_run:
        training = dict(config.training)
        training["calibration"] = report
        config.model_copy(update={"training": training}).save(args.model)
        print(f"calibration and thresholds written to {args.model / 'config.json'}")
    return 0
