"""``eventx extract``: events of a text file or of JSON lines, as JSON lines."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from eventx.extractor import parse_published


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "extract", help="extract events from a text file or JSON lines",
        description="Read a plain text file (one document), or JSON lines with 'text' and optional "
        "'id' and 'published', and write one JSON line per document: {'id', 'events'}. A malformed "
        "line is reported with its line number and every other line is still processed.")
    p.add_argument("input", help="a file, or - for standard input")
    p.add_argument("-o", "--output", help="output file (default: standard output)")
    p.add_argument("--model", type=Path, help="model folder (default: the shipped default model)")
    p.add_argument("--format", choices=("auto", "text", "jsonl"), default="auto",
                   help="input format (auto: JSON lines if the first line is a JSON object)")
    p.add_argument("--published", type=_date_arg,
                   help="publication date (YYYY-MM-DD) for documents without one")
    p.add_argument("--batch-size", type=int, default=16, help="windows per forward pass")
    p.add_argument("--indent", type=int, help="pretty-print the JSON (plain text input only)")
    p.set_defaults(func=_extract)


def _date_arg(value: str) -> str:
    try:
        parse_published(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return value


def _records(lines: list[str], fmt: str, name: str, published: str | None,
             errors: list[dict[str, Any]]) -> Iterator[tuple[str | None, str, Any]]:
    first = next((ln for ln in lines if ln.strip()), "")
    if fmt == "auto":
        fmt = "jsonl" if first.lstrip().startswith("{") else "text"
    if fmt == "text":
        yield name, "".join(lines), published
        return
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                raise ValueError("expected a JSON object with a string field 'text'")
            parse_published(row.get("published"))
        except (ValueError, TypeError) as exc:
            errors.append({"line": lineno, "error": str(exc)})
            print(f"eventx: line {lineno}: {exc}", file=sys.stderr)
            continue
        yield row.get("id", str(lineno)), row["text"], row.get("published") or published


def _extract(args: argparse.Namespace) -> int:
    from eventx.extractor import Extractor

    source: TextIO = sys.stdin if args.input == "-" else open(args.input, encoding="utf-8",
                                                                errors="replace")
    with source:
        lines = source.readlines()
    name = "-" if args.input == "-" else Path(args.input).stem
    errors: list[dict[str, Any]] = []
    recs = list(_records(lines, args.format, name, args.published, errors))
    ex = Extractor.from_pretrained(args.model, batch_size=args.batch_size)
    out: TextIO = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        results = ex.pipe((t for _, t, _ in recs), published=(p for _, _, p in recs))
        for (doc_id, _, _), events in zip(recs, results):
            row = {"id": doc_id, "events": [e.model_dump(mode="json") for e in events]}
            out.write(json.dumps(row, ensure_ascii=False, indent=args.indent) + "\n")
        for err in errors:
            out.write(json.dumps({"id": None, **err}) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 1 if errors else 0
