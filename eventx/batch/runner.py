"""Run a model over a whole dump: read, batch, extract, write, commit; resumable and streaming."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import IO, Any

from eventx.batch.documents import DEFAULT_MAX_CHARS, Record, docs_per_chunk, windows_per_batch
from eventx.batch.pool import map_batches
from eventx.batch.readers import Source, open_source
from eventx.batch.writers import ChunkedOutput, StreamOutput
from eventx.errors import EventxError

__all__ = ["RunSummary", "extract_dump"]

logger = logging.getLogger(__name__)

#: errors reported one by one on the log; past this, only counted
_LOGGED_ERRORS = 50


@dataclass
class RunSummary:
    """What a run did (this invocation only, when it resumed an earlier one)."""

    documents: int = 0
    words: int = 0
    errors: int = 0
    #: documents extracted without their date (it could not be read): their rows' ``warning``
    warnings: int = 0
    events: int = 0
    seconds: float = 0.0
    skipped: int = 0

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


def extract_dump(source: str | Path | Source, output: str | Path | IO[str] | None = None, *,
                 model: str | Path | None = None, flat: bool = False,
                 output_format: str | None = None, resume: bool = False, workers: int = 1,
                 chunk_size: int = 1024, batch_size: int | None = None, device: str | None = None,
                 quantize: bool = False, published: Any = None, max_chars: int = DEFAULT_MAX_CHARS,
                 progress: bool | None = None, indent: int | None = None,
                 backend: str | None = None) -> RunSummary:
    """Extract the events of every document of a dump into JSON lines or Parquet.

    Args:
        source: a path (see :func:`~eventx.batch.readers.open_source`) or an opened :class:`Source`.
        output: the output file; None or a text stream: JSON lines to it (standard output for None),
            with no resume.
        model: the model folder (default: the default model).
        flat: one row per event instead of one per document.
        output_format: ``"jsonl"`` or ``"parquet"`` (default: by the output's extension).
        resume: go on after the last committed chunk of an interrupted run into the same output.
        workers: processes on CPU (1: this process).
        chunk_size: documents per committed chunk (the most work a crash can lose), rounded up to
            whole batches of documents (64 on CPU).
        batch_size: windows per forward pass (default: 16 on CPU, 128 on a GPU).
        device: ``"cpu"``, ``"cuda"``, ...; default: CUDA when present.
        quantize: int8 dynamic quantization of the model (CPU).
        published: the date of documents that give none.
        max_chars: longer documents get an ``error`` row instead of events.
        progress: show a progress bar (default: when standard error is a terminal).
        indent: pretty-print JSON rows (for a single document).
        backend: where the encoder runs (see :meth:`Extractor.from_pretrained`).

    Returns:
        Counts and timing of this invocation.

    Raises:
        EventxError: an input or output that cannot be used, or a resume that does not match.
    """
    from eventx.device import resolve_device
    from eventx.extractor import Extractor, default_model_path

    src = source if isinstance(source, Source) else open_source(source)
    device = resolve_device(device)
    batch_size = batch_size or windows_per_batch(device)
    path = Path(model) if model is not None else default_model_path()
    extractor = Extractor.from_pretrained(path, device=device, batch_size=batch_size,
                                          quantize=quantize, lazy=True, backend=backend)
    if workers <= 1:
        extractor.model  # noqa: B018 - load now: a broken model fails before any output is written
    sink = _sink(output, src, flat=flat, output_format=output_format, indent=indent)
    options = {"model": str(path.resolve()), "flat": flat, "format": src.format,
               "output_format": getattr(sink, "format", "jsonl"), "text_field": src.text_field,
               "id_field": src.id_field, "published_field": src.published_field,
               "published": None if published is None else str(published), "max_chars": max_chars,
               "quantize": quantize}
    if backend is not None:
        options["backend"] = backend
    done = sink.start(src.fingerprint(), options, resume)
    summary = RunSummary(skipped=done)
    per_batch = docs_per_chunk(batch_size)
    batches_per_commit = max(1, -(-chunk_size // per_batch))
    words: deque[int] = deque()
    batches = _batches(src.records(skip=done), per_batch, words)
    bar = _progress_bar(progress, src.total, done)
    start = time.perf_counter()
    results = map_batches(extractor, batches, workers=workers, max_chars=max_chars,
                          published=published, docs_per_chunk=per_batch)
    pending: list[dict[str, Any]] = []
    pending_batches = 0
    try:
        for rows in results:
            pending += rows
            pending_batches += 1
            _count(summary, rows, words.popleft())
            if bar is not None:
                bar.update(len(rows))
                bar.set_postfix_str(f"{summary.words / (time.perf_counter() - start):,.0f} words/s",
                                    refresh=False)
            if pending_batches >= batches_per_commit:
                sink.commit(pending, len(pending))
                pending, pending_batches = [], 0
        if pending:
            sink.commit(pending, len(pending))
        sink.finish()
    finally:
        summary.seconds = time.perf_counter() - start
        if bar is not None:
            bar.close()
    logger.info("%d documents, %d events, %d errors in %.1f s (%.0f words/s)", summary.documents,
                summary.events, summary.errors, summary.seconds, summary.words_per_second)
    return summary



def _sink(output: Any, src: Source, *, flat: bool, output_format: str | None,
          indent: int | None) -> ChunkedOutput | StreamOutput:
    if output is None or hasattr(output, "write"):
        if output_format == "parquet":
            raise EventxError("Parquet output needs an output file (-o)")
        return StreamOutput(output or sys.stdout, flat=flat, indent=indent)
    fmt = output_format or ("parquet" if str(output).endswith((".parquet", ".pq")) else "jsonl")
    if fmt not in ("jsonl", "parquet"):
        raise EventxError(f"unknown output format {fmt!r} (jsonl or parquet)")
    extra = src.extra_schema if fmt == "parquet" else None
    return ChunkedOutput(output, format=fmt, flat=flat, extra_fields=extra, indent=indent)


def _batches(records: Iterator[Record], size: int, words: deque[int]) -> Iterator[list[Record]]:
    """Lists of ``size`` records; each list's word count goes on ``words`` as it is handed out."""
    while True:
        batch = list(islice(records, size))
        if not batch:
            return
        words.append(sum(len(r.text.split()) for r in batch if isinstance(r.text, str)))
        yield batch


def _count(summary: RunSummary, rows: list[dict[str, Any]], words: int) -> None:
    summary.documents += len(rows)
    summary.words += words
    for row in rows:
        if "error" in row:
            summary.errors += 1
            if summary.errors <= _LOGGED_ERRORS:
                logger.warning("document %s (line %d): %s", row["id"], row["line"], row["error"])
            elif summary.errors == _LOGGED_ERRORS + 1:
                logger.warning("more documents failed; see the 'error' rows of the output")
        else:
            summary.events += len(row["events"])
            if "warning" in row:
                summary.warnings += 1
                if summary.warnings == 1:
                    logger.warning("document %s (line %d): %s (see the 'warning' column)",
                                   row["id"], row["line"], row["warning"])


def _progress_bar(enabled: bool | None, total: int | None, done: int):
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return None
    from tqdm.auto import tqdm

    try:
        cols, rows = os.get_terminal_size(sys.stderr.fileno())
    except (OSError, ValueError):
        cols, rows = 0, 0
    # A pseudo-terminal may report no size, and tqdm then draws nothing: give it one.
    size = {"dynamic_ncols": True} if cols and rows else {"ncols": cols or 100, "nrows": rows or 24}
    return tqdm(total=total, initial=done, unit="doc", smoothing=0.1, desc="eventx",
                file=sys.stderr, **size)
