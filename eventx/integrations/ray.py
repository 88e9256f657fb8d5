"""Ray Data: ``ds.map_batches(EventxPredictor, ...)``, one model load per actor.

Example:
    >>> import ray
    >>> from eventx.integrations.ray import EventxPredictor
    >>> ds = ray.data.read_parquet("articles.parquet")                    # doctest: +SKIP
    >>> out = ds.map_batches(EventxPredictor, fn_constructor_kwargs={"model": "models/eventx-news-base"},
    ...                      batch_format="pyarrow", batch_size=256, concurrency=4)   # doctest: +SKIP
    >>> out.write_parquet("events/")                                     # doctest: +SKIP

Each output batch is the input batch plus three columns: ``events`` (a list of event structs,
:func:`eventx.batch.schema.event_type`), ``error`` (null, or why the row's document failed) and
``warning`` (null, or why its date was not used). The
Arrow types are fixed, so every block of the dataset has the same schema.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Any

from eventx.batch.documents import (
    DEFAULT_MAX_CHARS,
    docs_per_chunk,
    extract_records,
    windows_per_batch,
)
from eventx.integrations import records_of

__all__ = ["EventxPredictor", "add_block_key", "add_date_span", "incidents_dataset"]

logger = logging.getLogger(__name__)


class EventxPredictor:
    """A callable class for ``Dataset.map_batches``: loads the model in ``__init__`` (once per actor).

    Args:
        model: the model folder (default: the default model).
        text_column: the column holding the text.
        id_column: the column holding document ids (only for the log); None or missing: row numbers.
        published_column: the column holding publication dates, if present.
        published: the date of documents that give none.
        device: ``"cpu"``, ``"cuda"``; default: CUDA when the actor has a GPU.
        batch_size: windows per forward pass (default: 16 on CPU, 128 on a GPU).
        max_chars: longer documents get an ``error`` instead of events.
    """

    def __init__(self, model: str | Path | None = None, *, text_column: str = "text",
                 id_column: str | None = "id", published_column: str | None = "published",
                 published: Any = None, device: str | None = None, batch_size: int | None = None,
                 max_chars: int = DEFAULT_MAX_CHARS) -> None:
        from eventx.extractor import Extractor

        ex = Extractor.from_pretrained(model, device=device, batch_size=batch_size or 16)
        if batch_size is None:
            ex.batch_size = windows_per_batch(ex.device)
        self.extractor = ex
        self.text_column, self.id_column = text_column, id_column
        self.published_column, self.published, self.max_chars = published_column, published, max_chars

    def __call__(self, batch: Any):
        """Events of one batch: a ``pyarrow.Table``, a pandas DataFrame or a dict of arrays.

        Returns:
            A ``pyarrow.Table``: the batch's columns, then ``events``, ``error`` and ``warning``.
        """
        import pyarrow as pa

        from eventx.batch.schema import event_type

        table = _as_table(batch)
        if self.text_column not in table.column_names:
            raise KeyError(f"no column {self.text_column!r} in the batch (columns: "
                           f"{', '.join(table.column_names)})")

        def column(name: str | None) -> list[Any] | None:
            return table.column(name).to_pylist() if name in table.column_names else None

        records = records_of(column(self.text_column), column(self.id_column),
                             column(self.published_column))
        rows = extract_records(self.extractor, records, max_chars=self.max_chars,
                               published=self.published,
                               docs_per_chunk=docs_per_chunk(self.extractor.batch_size))
        events = pa.array([r.get("events") for r in rows], type=pa.list_(event_type()))
        errors = pa.array([r.get("error") for r in rows], type=pa.string())
        warnings = pa.array([r.get("warning") for r in rows], type=pa.string())
        for name, values in (("events", events), ("error", errors), ("warning", warnings)):
            if name in table.column_names:
                table = table.drop_columns([name])
            table = table.append_column(name, values)
        return table


def _as_table(batch: Any):
    import pyarrow as pa

    if isinstance(batch, pa.Table):
        return batch
    if isinstance(batch, dict):
        return pa.table({k: pa.array(v, from_pandas=True) for k, v in batch.items()})
    return pa.Table.from_pandas(batch, preserve_index=False)


def add_date_span(batch: Any, published_lag_days: int = 3):
    """A batch of flat event rows (``id``, ``event_index``, the event's fields) with
    ``doc_country`` and ``date_span`` (:func:`eventx.incident.cluster.date_span`; each
    document's rows must be in one batch: group by id)."""
    import pyarrow as pa

    from eventx.incident import date_spans

    table = _as_table(batch)
    main, spans = date_spans(table.to_pylist(), published_lag_days)
    table = table.drop_columns([c for c in ("doc_country", "date_span") if c in table.column_names])
    table = table.append_column("doc_country", pa.array(main, type=pa.string()))
    return table.append_column("date_span", pa.array(spans, type=pa.string()))


def add_block_key(batch: Any, keys: dict[str, str]):
    """A batch of :func:`add_date_span` rows with ``block_key`` (``keys``: from
    :func:`eventx.incident.block_keys` over every row's ``date_span``)."""
    import pyarrow as pa

    table = _as_table(batch)
    block = [keys[s] for s in table.column("date_span").to_pylist()]
    return table.append_column("block_key", pa.array(block, type=pa.string()))


def incidents_dataset(ds: Any, settings: Any = None):
    """Incidents of a Ray Dataset of flat event rows (``eventx extract --flat`` output, or
    :class:`EventxPredictor` output exploded): ``groupby(block key).map_groups``.

    The rows are grouped by document first (an event with no place takes its document's
    country, and each event gets its type and date interval). The distinct intervals (a few
    thousand for a year of news) come back to the driver, which splits each type into the
    date parts that never share an incident (:func:`eventx.incident.block_keys`); the rows are
    then grouped by part, and each part runs :func:`eventx.incident.incidents_of_block`, so the
    incidents are those of :func:`eventx.incidents` on one machine. The first pass runs twice
    (once for the intervals); materialize ``ds`` first where reading it is the expensive part.
    The rows follow :func:`eventx.incident.io.incident_schema`.

    Example:
        >>> events = ray.data.read_parquet("events-flat.parquet")          # doctest: +SKIP
        >>> incidents_dataset(events).write_parquet("incidents/")          # doctest: +SKIP
    """
    from eventx.incident import IncidentSettings, block_keys

    s = settings or IncidentSettings()
    spanned = ds.groupby("id").map_groups(
        functools.partial(add_date_span, published_lag_days=s.published_lag_days),
        batch_format="pyarrow")
    keys = block_keys(spanned.unique("date_span"), s.window_days)
    keyed = spanned.map_batches(functools.partial(add_block_key, keys=keys), batch_format="pyarrow")
    return keyed.groupby("block_key").map_groups(functools.partial(_incident_groups, settings=s),
                                                 batch_format="pyarrow")


def _incident_groups(table: Any, settings: Any):
    import pyarrow as pa

    from eventx.incident import incidents_of_block
    from eventx.incident.io import incident_rows, incident_schema

    rows = table.drop_columns(["block_key", "date_span"]).to_pylist()
    found = incidents_of_block(rows, settings)
    return pa.Table.from_pylist(list(incident_rows(found)), schema=incident_schema())
