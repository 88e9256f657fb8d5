"""Documents in, output rows out: checks each document, then runs :meth:`Extractor.pipe` once.

The one place where the CLI, the Ray adapter and the Spark adapter turn input records into rows, so
all three give the same events. A bad document (not text, too long, broken encoding) becomes a row
with an ``error`` before it reaches the model; a date that cannot be read
(:func:`eventx.published.parse_date_text` reads the common written forms) is no reason to lose
the document: it is extracted without a date and its row says so in ``warning``. A document that
still makes the model fail is isolated by running its chunk one document at a time, so it never
takes the others with it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from eventx.batch.schema import event_row
from eventx.extractor import Extractor
from eventx.published import parse_date_text
from eventx.schema import Event

__all__ = ["DEFAULT_MAX_CHARS", "Record", "check_record", "docs_per_chunk", "extract_records",
           "is_missing", "record_date", "windows_per_batch"]

logger = logging.getLogger(__name__)

#: documents longer than this many characters are refused (about 150,000 words: no news article)
DEFAULT_MAX_CHARS = 1_000_000


def windows_per_batch(device: str) -> int:
    """The default forward-pass batch: 128 windows on a GPU, 16 on CPU."""
    return 128 if device.startswith("cuda") else 16


def docs_per_chunk(batch_size: int) -> int:
    """Documents handed to :meth:`Extractor.pipe` at once: enough to fill several batches."""
    return max(64, 4 * batch_size)


@dataclass
class Record:
    """One input document as read, before any check.

    Attributes:
        line: where it is in its source, 1-based (the line of JSON lines and CSV, the row of Parquet).
        id: the document's id (the line number as a string when the input gives none).
        text: the text field's value, whatever its type.
        published: the date field's value, whatever its type (None: not given).
        extra: the other input columns, passed through to the output.
        error: set by a reader that could not parse the record at all.
    """

    line: int
    id: str | None
    text: Any = None
    published: Any = None
    extra: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


def check_record(record: Record, *, max_chars: int = DEFAULT_MAX_CHARS,
                 published: Any = None) -> str | None:
    """Why ``record`` cannot go to the model, or None when it can (its date is never a reason:
    see :func:`record_date`).

    Args:
        record: the document.
        max_chars: the longest text accepted.
        published: unused; kept for callers that pass it.
    """
    if record.error is not None:
        return record.error
    text = record.text
    if not isinstance(text, str):
        kind = "missing" if is_missing(text) else f"a {type(text).__name__}, not a string"
        return f"text is {kind}"
    if len(text) > max_chars:
        return f"text has {len(text):,} characters, over the limit of {max_chars:,}"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "text is not valid UTF-8 (broken encoding)"
    return None


def record_date(record: Record, published: Any = None) -> tuple[Any, str | None]:
    """The record's publication date (``published`` when it has none), and a warning when its
    date cannot be read (the document is then extracted without one).

    Example:
        >>> record_date(Record(1, "a", "text", "Oct 31, 2023"))
        (datetime.date(2023, 10, 31), None)
        >>> record_date(Record(1, "a", "text", "soon"))[1]
        "published 'soon' is not a date this reads (a day, a month and a four-digit year); extracted without a date"
    """
    try:
        return parse_date_text(_date_value(record.published, published)), None
    except ValueError as exc:
        return None, f"{exc}; extracted without a date"


def is_missing(value: Any) -> bool:
    """None, NaN, or pandas' ``NA`` / ``NaT``: what data frames put where a value is missing."""
    if value is None:
        return True
    if isinstance(value, float):
        return value != value  # noqa: PLR0124 - NaN is not equal to itself
    return type(value).__name__ in ("NAType", "NaTType")


def _date_value(value: Any, default: Any) -> Any:
    if is_missing(value) or (isinstance(value, str) and not value.strip()):
        return default
    return value


def extract_records(extractor: Extractor, records: Sequence[Record], *,
                    max_chars: int = DEFAULT_MAX_CHARS, published: Any = None,
                    docs_per_chunk: int = 64) -> list[dict[str, Any]]:
    """The output rows of ``records``, in order: ``{"id", "line", "events" | "error", "extra"}``,
    and ``"warning"`` where a date could not be read.

    ``events`` holds plain dicts (:func:`~eventx.batch.schema.event_row`), ready for JSON (dates
    as ``datetime.date``) and for Arrow (:func:`~eventx.batch.schema.document_schema`).

    Args:
        extractor: the model.
        records: the documents.
        max_chars: the longest text accepted; longer ones get an ``error``.
        published: the date of documents that give none.
        docs_per_chunk: documents batched together by :meth:`Extractor.pipe`.
    """
    errors = [check_record(rec, max_chars=max_chars, published=published) for rec in records]
    good = [i for i, err in enumerate(errors) if err is None]
    outcome: dict[int, list[Event] | str] = {}
    warnings: dict[int, str] = {}
    if good:
        texts = [records[i].text for i in good]
        read = [record_date(records[i], published) for i in good]
        dates = [d for d, _ in read]
        warnings = {i: w for i, (_, w) in zip(good, read) if w is not None}
        try:
            results: list[list[Event] | str] = list(
                extractor.pipe(texts, published=dates, docs_per_chunk=docs_per_chunk))
        except Exception as exc:  # noqa: BLE001 - any failure: find the documents that cause it
            logger.warning("a chunk of %d documents failed (%s: %s); running them one by one",
                           len(texts), type(exc).__name__, exc)
            results = [_one(extractor, t, d) for t, d in zip(texts, dates)]
        outcome = dict(zip(good, results))
    rows = []
    for i, rec in enumerate(records):
        row: dict[str, Any] = {"id": rec.id, "line": rec.line}
        result = outcome.get(i, errors[i])
        if result is None or isinstance(result, str):
            row["error"] = result
        else:
            row["events"] = [event_row(e) for e in result]
        if i in warnings:
            row["warning"] = warnings[i]
        row["extra"] = rec.extra
        rows.append(row)
    return rows


def _one(extractor: Extractor, text: str, date: Any) -> list[Event] | str:
    try:
        return next(extractor.pipe([text], published=[date]))
    except Exception as exc:  # noqa: BLE001 - the row carries the error, the run goes on
        return f"extraction failed: {type(exc).__name__}: {exc}"
