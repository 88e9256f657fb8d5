"""``eventx extract``: events of a text, or of a whole dump, as JSON lines or Parquet."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from eventx.backends import BACKENDS
from eventx.published import date_argument

_DESCRIPTION = """\
Read one text file, or a dump: JSON lines, CSV/TSV, Parquet, or a folder of .txt files, each maybe
gzip-compressed (.gz). Write one row per document, {'id', 'line', 'events', ...input columns}, or
with --flat one row per event; as JSON lines, or Parquet when -o ends in .parquet. A document that
cannot be processed (not text, too long, broken encoding) gets a row with an 'error' instead,
after the others, and the run goes on; the exit status is then 1. Dates may be ISO or a common
written form ("Oct 31, 2023", "31/10/2023 14:05"; in all-number dates the day comes first unless
a number over 12 says otherwise); a date that cannot be read is left out and the document's row
gets a 'warning'.

With -o, output is committed in chunks: after a crash or Ctrl-C, the same command with --resume
goes on where it stopped. A progress bar (documents and words per second) shows on a terminal.
"""


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="extract events from a text file or a dump of documents",
                       description=_DESCRIPTION,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input", help="a file, a folder of .txt files, or - for standard input")
    p.add_argument("-o", "--output", help="output file (default: JSON lines on standard output)")
    p.add_argument("--model", type=Path, help="model folder (default: the shipped default model)")
    p.add_argument("--format", choices=("auto", "text", "jsonl", "csv", "tsv", "parquet", "txtdir"),
                   default="auto", help="input format (auto: by extension; other files are JSON lines "
                   "if the first line is a JSON object, else one text)")
    p.add_argument("--text-field", default="text", help="column holding the text (default: text)")
    p.add_argument("--id-field", default="id",
                   help="column holding the document id (default: id; else the line number)")
    p.add_argument("--published-field", default="published",
                   help="column holding the publication date (default: published)")
    p.add_argument("--published", type=date_argument,
                   help="publication date (YYYY-MM-DD) for documents without one")
    p.add_argument("--flat", action="store_true", help="one row per event, with its document's id")
    p.add_argument("--output-format", choices=("jsonl", "parquet"),
                   help="output format (default: parquet if -o ends in .parquet, else jsonl)")
    p.add_argument("--resume", action="store_true",
                   help="continue an interrupted run into the same -o (no document lost or repeated)")
    p.add_argument("--workers", type=_positive, default=1, help="processes on CPU (default: 1)")
    p.add_argument("--chunk-size", type=_positive, default=1024,
                   help="documents per committed chunk (default: 1024)")
    p.add_argument("--batch-size", type=_positive,
                   help="windows per forward pass (default: 16 on CPU, 128 on a GPU)")
    p.add_argument("--device", help="cpu, cuda, cuda:1, ... (default: a GPU when present)")
    p.add_argument("--quantize", action="store_true",
                   help="int8 dynamic quantization of every torch layer (CPU; prefer --backend)")
    p.add_argument("--backend", choices=BACKENDS,
                   help="where the encoder runs (default: $EVENTX_BACKEND, else torch-bf16 on a "
                   "CPU with native bf16, else onnx when installed, else torch); the heads always "
                   "run in torch fp32")
    p.add_argument("--max-chars", type=_positive, default=1_000_000,
                   help="longer documents get an error row (default: 1000000)")
    bar = p.add_mutually_exclusive_group()
    bar.add_argument("--progress", dest="progress", action="store_true", default=None,
                     help="show the progress bar even when standard error is not a terminal")
    bar.add_argument("--no-progress", dest="progress", action="store_false",
                     help="never show the progress bar")
    p.add_argument("--indent", type=int, help="pretty-print the JSON (for a single text)")
    p.set_defaults(func=_extract)


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, not {value!r}")
    return number


def _extract(args: argparse.Namespace) -> int:
    from eventx.batch import extract_dump, open_source

    source = open_source(args.input, format=args.format, text_field=args.text_field,
                         id_field=args.id_field, published_field=args.published_field)
    try:
        summary = extract_dump(
            source, args.output, model=args.model, flat=args.flat, output_format=args.output_format,
            resume=args.resume, workers=args.workers, chunk_size=args.chunk_size,
            batch_size=args.batch_size, device=args.device, quantize=args.quantize,
            published=args.published, max_chars=args.max_chars, progress=args.progress,
            indent=args.indent, backend=args.backend)
    except KeyboardInterrupt:
        if args.output:
            print(f"eventx: stopped; committed chunks are kept: rerun with --resume to continue "
                  f"into {args.output}", file=sys.stderr)
        raise
    return 1 if summary.errors else 0
