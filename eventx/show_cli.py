"""``eventx show``: one document's events drawn on its text, as a self-contained HTML page."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from eventx.errors import EventxError
from eventx.published import date_argument

_DESCRIPTION = """\
Write one HTML page (no network needed: inline style and script) with the text and every event's
trigger and arguments marked, a colour per role and the event's number and type at its trigger,
beside a table of the records. Hover over a span for its event, role and normalized value (date,
country, count); click it, or a row, to select its event.

INPUT is a text file, or a dump that 'eventx extract' reads (JSON lines, CSV/TSV, Parquet, a
folder of .txt files); --id picks the document of a dump. The events come from the model, or
from --events: the JSON lines 'eventx extract' wrote for INPUT (no model run).
"""


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("show", help="draw a document's events on its text (an HTML page)",
                       description=_DESCRIPTION,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input", help="a text file, or a dump of documents (with --id)")
    p.add_argument("-o", "--output", type=Path,
                   help="the HTML file to write (default: standard output)")
    p.add_argument("--id", dest="doc_id", help="the document of a dump to show (its id field)")
    p.add_argument("--events", type=Path,
                   help="draw these events (JSON lines of 'eventx extract') instead of running "
                   "the model")
    p.add_argument("--model", type=Path, help="model folder (default: the shipped default model)")
    p.add_argument("--published", type=date_argument,
                   help="publication date (YYYY-MM-DD) when the document gives none")
    p.add_argument("--format", choices=("auto", "text", "jsonl", "csv", "tsv", "parquet", "txtdir"),
                   default="auto", help="input format (default: by extension)")
    p.add_argument("--text-field", default="text", help="column holding the text (default: text)")
    p.add_argument("--id-field", default="id", help="column holding the id (default: id)")
    p.add_argument("--published-field", default="published",
                   help="column holding the publication date (default: published)")
    p.add_argument("--device", help="cpu, cuda, ... (default: a GPU when present)")
    p.set_defaults(func=_show)


def find_document(path: str | Path, doc_id: str | None, **source: Any):
    """The record of ``doc_id`` in a dump (or its only document when ``doc_id`` is None).

    Raises:
        EventxError: no such id, no id for a dump of several documents, or a bad record.
    """
    from eventx.batch import open_source
    from eventx.batch.documents import check_record

    records = open_source(path, **source).records()
    if doc_id is None:
        found, more = next(records, None), next(records, None)
        if found is None:
            raise EventxError(f"{path}: no document")
        if more is not None:
            raise EventxError(f"{path} holds several documents ({found.id}, {more.id}, ...): "
                              "choose one with --id")
    else:
        found = next((rec for rec in records if rec.id == doc_id), None)
        if found is None:
            raise EventxError(f"{path}: no document with id {doc_id!r}")
    error = check_record(found)
    if error:
        raise EventxError(f"{path}: document {found.id!r}: {error}")
    return found


def _stored_events(path: Path, doc_id: str) -> list:
    from eventx.schema import Event

    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line) if line.strip() else {}
            if str(row.get("id")) == doc_id and "events" in row:
                return [Event.model_validate(e) for e in row["events"]]
    raise EventxError(f"{path}: no events for document {doc_id!r}")


def _show(args: argparse.Namespace) -> int:
    from eventx.batch.documents import record_date
    from eventx.viz import render_html

    rec = find_document(args.input, args.doc_id, format=args.format, text_field=args.text_field,
                        id_field=args.id_field, published_field=args.published_field)
    date, warning = record_date(rec, args.published)
    if warning:
        print(f"eventx: {warning}", file=sys.stderr)
    model = None
    if args.events:
        events = _stored_events(args.events, rec.id)
    else:
        from eventx.extractor import Extractor

        extractor = Extractor.from_pretrained(args.model, device=args.device)
        model = extractor.path.name
        events = extractor(rec.text, published=date)
    page = render_html(rec.text, events, title=rec.id, published=date, model=model)
    if args.output:
        args.output.write_text(page, encoding="utf-8", errors="replace")
        print(f"{args.output}: {len(events)} events", file=sys.stderr)
    else:
        sys.stdout.write(page)
    return 0
