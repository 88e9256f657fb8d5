"""``eventx train`` and ``eventx evaluate``."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "train", help="train a model from annotated documents",
        description="Train the tagger and relation model from annotation files (training/FORMAT.md) "
        "as a TOML or YAML config says (examples: training/configs/), and write a complete model "
        "folder: config.json, fp16 model.safetensors, tokenizer, README.md model card, metrics.json.")
    p.add_argument("config", type=Path, help="training config (.toml, .yaml)")
    p.add_argument("--resume", action="store_true",
                   help="continue from OUTPUT/checkpoint after a crash or Ctrl-C")
    p.add_argument("--output", type=Path, help="override the config's output folder")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                   help="override a config key, dotted for nested ones (thresholds.role=0.4); "
                   "the value is parsed as JSON when it parses; repeatable")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar (default: on a terminal)")
    p.set_defaults(func=_train)

    p = sub.add_parser(
        "evaluate", help="score a model on annotated documents",
        description="Print span P/R/F1 per label (seqeval), trigger and role P/R/F1 for linked "
        "arguments, and event-level scores for who, where, when, killed, injured and seized.")
    p.add_argument("model", type=Path, help="model folder")
    p.add_argument("data", type=Path, nargs="+", help="annotation files (JSON lines)")
    p.add_argument("--json", type=Path, help="also write the report as JSON here ('-' for stdout only)")
    p.add_argument("--limit", type=int, help="score only the first N documents")
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--complete-only", action="store_true",
                   help="score only completely annotated documents (precision is only "
                   "measurable there)")
    p.add_argument("--quantize", action="store_true",
                   help="run the model with int8 dynamic quantization (CPU), as --quantize of extract")
    p.set_defaults(func=_evaluate)


def parse_overrides(items: list[str]) -> dict:
    """``--set KEY=VALUE`` items as ``{dotted key: value}``, each value parsed as JSON when it
    parses (``0.4``, ``["a.jsonl"]``), else kept as a string (``PLACE``)."""
    from eventx.errors import ConfigError

    out = {}
    for item in items:
        key, eq, value = item.partition("=")
        if not eq or not key.strip():
            raise ConfigError(f"--set {item!r}: expected KEY=VALUE")
        try:
            out[key.strip()] = json.loads(value)
        except json.JSONDecodeError:
            out[key.strip()] = value
    return out


def _train(args: argparse.Namespace) -> int:
    from eventx.training.config import load_config
    from eventx.training.loop import train

    overrides = parse_overrides(args.set)
    if args.output:
        overrides["output"] = str(args.output)
    cfg = load_config(args.config, overrides)
    show_bar = sys.stderr.isatty() if args.progress is None else args.progress
    if not show_bar:
        # no progress bar (a log file, a CI job): log the loss every 50 steps and each evaluation
        logging.getLogger("eventx.training").setLevel(logging.INFO)
    summary = train(cfg, resume=args.resume, progress_bar=args.progress, config_path=str(args.config))
    print(json.dumps({k: v for k, v in summary.items() if k != "history"}, indent=2))
    print(f"model written to {cfg.output}")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from eventx.corpus.format import read_documents
    from eventx.extractor import Extractor
    from eventx.training.evaluate import evaluate_documents, format_report

    ex = Extractor.from_pretrained(args.model, quantize=args.quantize)
    docs = []
    for path in args.data:
        # scoring sets planned, negated and hypothetical mentions aside itself (and scores
        # the modality of the model's events against them)
        docs += read_documents(path, roles=set(ex.config.roles))
    if args.complete_only:
        docs = [d for d in docs if d.complete]
    docs = docs[: args.limit] if args.limit else docs
    report = evaluate_documents(ex, docs, batch_size=args.batch_size)
    if args.json and str(args.json) == "-":
        print(json.dumps(report, indent=2))
        return 0
    print(format_report(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0
