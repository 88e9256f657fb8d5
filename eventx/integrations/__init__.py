"""Adapters for distributed engines: :mod:`eventx.integrations.ray` and :mod:`eventx.integrations.spark`.

Both run the same per-document code as ``eventx extract`` (:func:`eventx.batch.extract_records`)
and write the same nested event schema (:mod:`eventx.batch.schema`). Neither engine is imported
until its module is.
"""

from __future__ import annotations

from typing import Any

from eventx.batch.documents import Record, is_missing

__all__ = ["records_of"]


def records_of(texts: list[Any] | None, ids: list[Any] | None = None,
               published: list[Any] | None = None) -> list[Record]:
    """Records for :func:`~eventx.batch.extract_records` from a batch's columns (row numbers as
    ``line``, for the log)."""
    texts = texts if texts is not None else []
    n = len(texts)
    ids = ids if ids is not None else [None] * n
    published = published if published is not None else [None] * n
    return [Record(line=i + 1, id=None if is_missing(d) else str(d), text=t, published=p)
            for i, (t, d, p) in enumerate(zip(texts, ids, published))]
