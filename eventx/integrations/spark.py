"""Spark: ``df.mapInPandas`` with one model load per Python worker process.

Example:
    >>> from eventx.integrations.spark import extract_events
    >>> df = spark.read.parquet("articles.parquet")                     # doctest: +SKIP
    >>> out = extract_events(df, model="/models/eventx-news-base")        # doctest: +SKIP
    >>> out.select("id", F.explode("events").alias("e")).select("id", "e.type", "e.trigger.text")
    ...                                                                   # doctest: +SKIP

The output has the input's columns, then ``events`` (``array<struct<...>>``, the Spark form of
:func:`eventx.batch.schema.event_type`), ``error`` and ``warning``. The model folder must be readable at the
same path on every executor (a shared file system, or shipped with ``--archives``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventx.batch.documents import DEFAULT_MAX_CHARS, docs_per_chunk, extract_records
from eventx.integrations import records_of

__all__ = ["EventxMapper", "event_schema", "extract_events", "flat_events", "incident_schema",
           "incidents_frame", "output_schema", "spark_type"]

logger = logging.getLogger(__name__)

_OUTPUT = ("events", "error", "warning")
#: extractors loaded in this (executor's Python worker) process, by settings
_LOADED: dict[tuple, Any] = {}


def spark_type(arrow_type: Any):
    """The Spark SQL type of an Arrow type (the subset the event schema uses), all fields nullable."""
    import pyarrow as pa
    from pyspark.sql import types as T

    if pa.types.is_struct(arrow_type):
        return T.StructType([T.StructField(f.name, spark_type(f.type), True) for f in arrow_type])
    if pa.types.is_list(arrow_type):
        return T.ArrayType(spark_type(arrow_type.value_type), True)
    simple = {pa.string(): T.StringType(), pa.int64(): T.LongType(), pa.float64(): T.DoubleType(),
              pa.bool_(): T.BooleanType(), pa.date32(): T.DateType()}
    if arrow_type in simple:
        return simple[arrow_type]
    raise TypeError(f"no Spark type for the Arrow type {arrow_type}")


def event_schema():
    """``array<struct<type, trigger, who, where, when, casualties, seizures, score>>``."""
    import pyarrow as pa

    from eventx.batch.schema import event_type

    return spark_type(pa.list_(event_type()))


def output_schema(input_schema: Any):
    """The input's fields (less any ``events`` / ``error`` / ``warning``), then ``events``,
    ``error`` and ``warning``."""
    from pyspark.sql import types as T

    fields = [f for f in input_schema.fields if f.name not in _OUTPUT]
    return T.StructType([*fields, T.StructField("events", event_schema(), True),
                         T.StructField("error", T.StringType(), True),
                         T.StructField("warning", T.StringType(), True)])


class EventxMapper:
    """The function given to ``mapInPandas``: pickles its settings; each Python worker loads the
    model once (on its first batch) and keeps it for every later task.

    Args:
        model: the model folder (default: the default model), at the same path on every executor.
        text_column, id_column, published_column: the input columns (id and date are optional).
        published: the date of documents that give none.
        device: ``"cpu"``, ``"cuda"``; default: CUDA when the worker has a GPU.
        batch_size: windows per forward pass.
        max_chars: longer documents get an ``error`` instead of events.
    """

    def __init__(self, model: str | Path | None = None, *, text_column: str = "text",
                 id_column: str | None = "id", published_column: str | None = "published",
                 published: Any = None, device: str | None = None, batch_size: int = 16,
                 max_chars: int = DEFAULT_MAX_CHARS) -> None:
        from eventx.extractor import default_model_path

        self.model = str(Path(model) if model is not None else default_model_path())
        self.text_column, self.id_column = text_column, id_column
        self.published_column, self.published = published_column, published
        self.device, self.batch_size, self.max_chars = device, batch_size, max_chars

    def extractor(self):
        """This process's extractor for these settings, loaded on first use."""
        key = (self.model, self.device, self.batch_size)
        if key not in _LOADED:
            from eventx.extractor import Extractor

            logger.info("loading %s in this worker", self.model)
            _LOADED[key] = Extractor.from_pretrained(self.model, device=self.device,
                                                     batch_size=self.batch_size)
        return _LOADED[key]

    def __call__(self, frames: Iterator[Any]) -> Iterator[Any]:
        ex = self.extractor()
        for frame in frames:
            text, ids, dates = (frame[name].tolist() if name in frame.columns else None
                                for name in (self.text_column, self.id_column,
                                             self.published_column))
            records = records_of(text, ids, dates)
            rows = extract_records(ex, records, max_chars=self.max_chars, published=self.published,
                                   docs_per_chunk=docs_per_chunk(ex.batch_size))
            out = frame.drop(columns=[c for c in _OUTPUT if c in frame.columns])
            for name in _OUTPUT:
                out[name] = [r.get(name) for r in rows]
            yield out


def extract_events(df: Any, model: str | Path | None = None, **options: Any):
    """``df`` with the events of its text column: ``df.mapInPandas(EventxMapper(model, ...))``.

    Args:
        df: a Spark DataFrame with a text column.
        model: the model folder, at the same path on every executor.
        **options: :class:`EventxMapper`'s keyword arguments.
    """
    mapper = EventxMapper(model, **options)
    if mapper.text_column not in df.columns:
        raise KeyError(f"no column {mapper.text_column!r} (columns: {', '.join(df.columns)})")
    return df.mapInPandas(mapper, schema=output_schema(df.schema))


def incident_schema():
    """The Spark form of :func:`eventx.incident.io.incident_schema` (one row per incident)."""
    from pyspark.sql import types as T

    from eventx.incident.io import incident_schema as arrow_schema

    return T.StructType([T.StructField(f.name, spark_type(f.type), True) for f in arrow_schema()])


def _plain(value: Any) -> Any:
    """pandas' view of nested Arrow values (numpy arrays, ``NaN``) as plain Python."""
    import numpy as np

    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, np.ndarray | list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


class _DateSpans:
    def __init__(self, published_lag_days: int) -> None:
        self.lag = published_lag_days

    def __call__(self, *args: Any):
        # Spark passes (frame) or (key, frame) by the arity it sees; the frame comes last.
        from eventx.incident import date_spans

        frame = args[-1]
        out = frame.copy()
        out["doc_country"], out["date_span"] = date_spans(
            [_plain(r) for r in frame.to_dict("records")], self.lag)
        return out


class _IncidentGroups:
    def __init__(self, settings: Any) -> None:
        self.settings = settings

    def __call__(self, *args: Any):
        # Spark passes (frame) or (key, frame) by the arity it sees; the frame comes last.
        import pandas as pd

        frame = args[-1]

        from eventx.incident import incidents_of_block
        from eventx.incident.io import incident_rows, incident_schema as arrow_schema

        rows = [_plain(r) for r in frame.drop(columns=["block_key", "date_span"]).to_dict("records")]
        found = list(incident_rows(incidents_of_block(rows, self.settings)))
        return pd.DataFrame(found, columns=arrow_schema().names)


def flat_events(df: Any):
    """One row per event (``id``, ``event_index``, the event's fields) from :func:`extract_events`'
    output or any DataFrame with an ``events`` column; flat input is returned as it is."""
    from pyspark.sql import functions as F

    if "events" not in df.columns:
        return df
    keep = [c for c in ("id", "published") if c in df.columns]
    exploded = df.select(*keep, F.posexplode("events").alias("event_index", "e"))
    return exploded.select(*keep, "event_index", "e.*")


def incidents_frame(df: Any, settings: Any = None):
    """Incidents of a DataFrame of events: ``groupBy(block key).applyInPandas``.

    ``df`` holds events flat (``eventx extract --flat``) or nested (an ``events`` column); a
    ``published`` column dates events that have no date of their own. The rows are grouped by
    document first (an event with no place takes its document's country, and each event gets
    its type and date interval). The distinct intervals (a few thousand for a year of news)
    come back to the driver, which splits each type into the date parts that never share an
    incident (:func:`eventx.incident.block_keys`); the rows are then grouped by part
    (``groupBy(block_key).applyInPandas``), and each part runs
    :func:`eventx.incident.incidents_of_block`, so the incidents are those of
    :func:`eventx.incidents` on one machine. The first pass runs twice (once for the
    intervals); cache ``df`` first where reading it is the expensive part.

    Example:
        >>> events = spark.read.parquet("events.parquet")                   # doctest: +SKIP
        >>> incidents_frame(events).write.parquet("incidents/")             # doctest: +SKIP
    """
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    from eventx.incident import IncidentSettings, block_keys

    s = settings or IncidentSettings()
    flat = flat_events(df)
    fields = [f for f in flat.schema.fields if f.name not in ("doc_country", "date_span")]
    spanned_schema = T.StructType([*fields, T.StructField("doc_country", T.StringType()),
                                   T.StructField("date_span", T.StringType())])
    spanned = flat.groupBy("id").applyInPandas(_DateSpans(s.published_lag_days),
                                               schema=spanned_schema)
    keys = block_keys([r[0] for r in spanned.select("date_span").distinct().collect()],
                      s.window_days)
    table = flat.sparkSession.createDataFrame(sorted(keys.items()),
                                              "date_span string, block_key string")
    keyed = spanned.join(F.broadcast(table), on="date_span")
    return keyed.groupBy("block_key").applyInPandas(_IncidentGroups(s), schema=incident_schema())
