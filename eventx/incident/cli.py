"""``eventx incidents``: merge the event records of ``eventx extract`` into incidents."""

from __future__ import annotations

import argparse
import sys

_DESCRIPTION = """\
Read the events that `eventx extract` wrote (JSON lines or Parquet, nested or --flat) and write one
row per incident: incident_id, type, date range, places with countries, participants, killed and
injured (the lowest figure any report gives, and the highest), the number of distinct sources and
the reports (document id and event index). With --flat, one row per report instead. With
--events-out, the events are written again with their incident_id. Output is Parquet when the file
name ends in .parquet, else JSON lines. Progress bars (reading the rows, then merging) show on a
terminal.

Events without a date of their own are dated by their document's publication date: a 'published'
field in the events' rows, or the dump given to `eventx extract` (--dates).
"""


def add_commands(sub: argparse._SubParsersAction) -> None:
    from eventx.incident import IncidentSettings

    p = sub.add_parser("incidents", help="merge event records that report one real event",
                       description=_DESCRIPTION,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("events", help="the output of eventx extract (.jsonl, .jsonl.gz or .parquet)")
    p.add_argument("-o", "--output", required=True, help="incidents file (.jsonl or .parquet)")
    p.add_argument("--flat", action="store_true", help="one row per report, not per incident")
    p.add_argument("--events-out", help="also write the events with their incident_id here")
    p.add_argument("--dates", help="the dump given to eventx extract, for its documents' "
                   "publication dates (its id and published fields)")
    p.add_argument("--id-field", default="id", help="id column of --dates (default: id)")
    p.add_argument("--published-field", default="published",
                   help="date column of --dates (default: published)")
    defaults = IncidentSettings()
    for name in ("threshold", "window_days", "max_span_days", "published_lag_days"):
        kind = type(getattr(defaults, name))
        p.add_argument("--" + name.replace("_", "-"), type=kind, default=getattr(defaults, name),
                       help=f"see eventx.incident.IncidentSettings (default: {getattr(defaults, name)})")
    bar = p.add_mutually_exclusive_group()
    bar.add_argument("--progress", dest="progress", action="store_true", default=None,
                     help="show the progress bar even when standard error is not a terminal")
    bar.add_argument("--no-progress", dest="progress", action="store_false",
                     help="never show the progress bar")
    p.set_defaults(func=_incidents)


def _incidents(args: argparse.Namespace) -> int:
    from eventx.incident import IncidentSettings, assign, blocks, merge_blocks
    from eventx.incident.io import (count_rows, read_dates, read_events, write_event_rows,
                                    write_incidents)

    settings = IncidentSettings(threshold=args.threshold, window_days=args.window_days,
                                max_span_days=args.max_span_days,
                                published_lag_days=args.published_lag_days)
    dates = read_dates(args.dates, args.id_field, args.published_field) if args.dates else None
    show = args.progress if args.progress is not None else sys.stderr.isatty()
    rows = read_events(args.events)
    bar = None
    if show:
        from tqdm.auto import tqdm

        bar = tqdm(rows, total=count_rows(args.events), unit="row", desc="reading", smoothing=0.1)
        rows = bar
    try:
        grouped = blocks(rows, settings, dates)
    finally:
        if bar is not None:
            bar.close()
    total = sum(len(v) for v in grouped.values())
    if show:
        bar = tqdm(total=total, unit="event", desc="incidents", smoothing=0.1)
    try:
        found = merge_blocks(grouped, settings, progress=bar.update if bar is not None else None)
    finally:
        if bar is not None:
            bar.close()
    write_incidents(found, args.output, flat=args.flat)
    if args.events_out:
        write_event_rows(args.events, args.events_out, assign(found))
    largest = max((len(v) for v in grouped.values()), default=0)
    print(f"eventx: {total} events -> {len(found)} incidents ({args.output}); {len(grouped)} "
          f"blocks, the largest {largest} events", file=sys.stderr)
    return 0
