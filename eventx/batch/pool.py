"""Run :func:`~eventx.batch.documents.extract_records` in this process or in a pool of processes.

Each worker process unpickles the :class:`~eventx.Extractor` once (it pickles its settings only and
loads the model on first use) and keeps it for every batch it gets. Batches come back in input
order, with a bounded number in flight, so memory stays flat however long the input is.
"""

from __future__ import annotations

import logging
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from eventx.batch.documents import Record, extract_records
from eventx.extractor import Extractor

__all__ = ["map_batches"]

logger = logging.getLogger(__name__)

_WORKER: dict[str, Any] = {}


def _init_worker(extractor: Extractor, threads: int, options: dict[str, Any]) -> None:
    # Ctrl-C goes to the whole process group: the parent alone decides how to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import torch

    torch.set_num_threads(threads)
    _WORKER.update(extractor=extractor, options=options)


def _work(records: list[Record]) -> list[dict[str, Any]]:
    return extract_records(_WORKER["extractor"], records, **_WORKER["options"])


def map_batches(extractor: Extractor, batches: Iterable[list[Record]], *, workers: int = 1,
                **options: Any) -> Iterator[list[dict[str, Any]]]:
    """Output rows of each batch of records, in order.

    Args:
        extractor: the model (loaded lazily in each worker when ``workers > 1``).
        batches: lists of records; each list goes to one worker and one :meth:`Extractor.pipe`.
        workers: processes; 1 runs in this process.
        **options: passed to :func:`~eventx.batch.documents.extract_records`.
    """
    if workers <= 1:
        for batch in batches:
            yield extract_records(extractor, batch, **options)
        return
    import multiprocessing

    threads = max(1, (os.cpu_count() or 1) // workers)
    logger.info("starting %d worker processes, %d torch threads each", workers, threads)
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init_worker, initargs=(extractor, threads, options))
    pending: deque[Future] = deque()
    try:
        for batch in batches:
            pending.append(pool.submit(_work, batch))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
