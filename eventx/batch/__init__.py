"""Extract events from large dumps on one machine: streaming, resumable, with worker processes.

>>> from eventx.batch import extract_dump
>>> extract_dump("articles.jsonl.gz", "events.parquet", model="models/eventx-news-base",
...              workers=2)      # doctest: +SKIP
RunSummary(documents=20000, words=..., errors=0, ...)

``eventx extract DUMP -o OUT`` is the command line of :func:`extract_dump`. Ray and Spark adapters
in :mod:`eventx.integrations` use the same per-document code (:func:`extract_records`) and the same
Arrow schema (:mod:`eventx.batch.schema`).
"""

from __future__ import annotations

from eventx.batch.documents import DEFAULT_MAX_CHARS, Record, check_record, extract_records
from eventx.batch.readers import FORMATS, InputError, Source, open_source
from eventx.batch.runner import RunSummary, extract_dump
from eventx.batch.schema import document_schema, event_type, flat_schema

__all__ = [
    "DEFAULT_MAX_CHARS",
    "FORMATS",
    "InputError",
    "Record",
    "RunSummary",
    "Source",
    "check_record",
    "document_schema",
    "event_type",
    "extract_dump",
    "extract_records",
    "flat_schema",
    "open_source",
]
