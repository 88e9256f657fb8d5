"""Read ``eventx extract`` output (JSON lines or Parquet, nested or flat) and write incidents."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from eventx.errors import EventxError
from eventx.incident import Incident

__all__ = ["count_rows", "incident_schema", "incident_rows", "read_dates", "read_events", "write_event_rows",
           "write_incidents"]


def _is_parquet(path: str | Path) -> bool:
    return str(path).endswith(".parquet")


def read_events(path: str | Path) -> Iterator[dict[str, Any]]:
    """The rows of an events file: Parquet when the name ends in ``.parquet``, else JSON lines
    (``.gz`` too)."""
    path = Path(path)
    if not path.exists():
        raise EventxError(f"{path}: no such file")
    if _is_parquet(path):
        import pyarrow.parquet as pq

        for batch in pq.ParquetFile(path).iter_batches(batch_size=8192):
            yield from batch.to_pylist()
        return
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EventxError(f"{path}, line {n}: not JSON ({exc.msg})") from None
            if not isinstance(row, dict):
                raise EventxError(f"{path}, line {n}: not a JSON object")
            yield row


def count_rows(path: str | Path) -> int | None:
    """The number of rows of a Parquet file (from its footer); None for JSON lines, which would
    have to be read twice to tell."""
    if not _is_parquet(path) or not Path(path).exists():
        return None
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).metadata.num_rows


def read_dates(path: str | Path, id_field: str = "id", published_field: str = "published"
               ) -> dict[str, Any]:
    """``document id -> published`` from the dump given to ``eventx extract`` (any format it reads)."""
    from eventx.batch import open_source
    from eventx.published import parse_date_text

    out: dict[str, Any] = {}
    for rec in open_source(str(path), id_field=id_field, published_field=published_field).records():
        if rec.id is None or rec.published in (None, ""):
            continue
        try:
            out[rec.id] = parse_date_text(rec.published)
        except (TypeError, ValueError):
            continue
    return out


def incident_schema(flat: bool = False):
    """The Arrow schema of incident rows: the :class:`Incident` fields, or (``flat``) one row per
    report with ``id`` and ``event_index`` in place of ``reports``."""
    import pyarrow as pa

    from eventx.batch.schema import arrow_type_of

    fields = list(arrow_type_of(Incident))
    if not flat:
        return pa.schema(fields)
    fields = [f for f in fields if f.name != "reports"]
    return pa.schema([*fields, pa.field("id", pa.string()), pa.field("event_index", pa.int64())])


def incident_rows(found: Iterable[Incident], flat: bool = False) -> Iterator[dict[str, Any]]:
    """Incidents as plain rows (dates stay ``date``), one per incident or one per report."""
    for inc in found:
        row = inc.model_dump(mode="python")
        if not flat:
            yield row
            continue
        reports = row.pop("reports")
        for r in reports:
            yield {**row, **r}


def _json(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _write(rows: Iterable[dict[str, Any]], path: str | Path, schema=None) -> int:
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    n = 0
    if _is_parquet(path):
        import pyarrow as pa
        import pyarrow.parquet as pq

        writer = None
        chunk: list[dict[str, Any]] = []
        try:
            for row in [*rows, None]:
                if row is not None:
                    chunk.append(row)
                    n += 1
                if chunk and (row is None or len(chunk) >= 50_000):
                    table = pa.Table.from_pylist(chunk, schema=schema)
                    if writer is None:
                        writer = pq.ParquetWriter(tmp, table.schema)
                    writer.write_table(table.cast(writer.schema))
                    chunk = []
            if writer is None:
                writer = pq.ParquetWriter(tmp, schema if schema is not None else pa.schema([]))
        finally:
            if writer is not None:
                writer.close()
    else:
        with open(tmp, "w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False, default=_json) + "\n")
                n += 1
    tmp.replace(path)
    return n


def write_incidents(found: Iterable[Incident], path: str | Path, *, flat: bool = False) -> int:
    """Write incidents as JSON lines, or Parquet when ``path`` ends in ``.parquet``; return the
    number of rows."""
    schema = incident_schema(flat) if _is_parquet(path) else None
    return _write(incident_rows(found, flat), path, schema)


def _with_incident_id(schema):
    """The events schema with ``incident_id``: a column (flat) or a field of each event (nested)."""
    import pyarrow as pa

    if "events" not in schema.names:
        return schema.append(pa.field("incident_id", pa.string()))
    i = schema.get_field_index("events")
    inner = schema.field(i).type.value_type
    struct = pa.struct([*inner, pa.field("incident_id", pa.string())])
    return schema.set(i, pa.field("events", pa.list_(struct)))


def write_event_rows(source: str | Path, path: str | Path, ids: Mapping[tuple[str, int], str]) -> int:
    """Copy the events file ``source`` to ``path`` with each event's ``incident_id`` (a field of
    every nested event, or a column of flat rows). Parquet output needs Parquet input (its schema
    is the input's with ``incident_id``)."""
    schema = None
    if _is_parquet(path):
        if not _is_parquet(source):
            raise EventxError(f"{path}: write the events of a JSON lines file as JSON lines")
        import pyarrow.parquet as pq

        schema = _with_incident_id(pq.read_schema(source))

    def rows() -> Iterator[dict[str, Any]]:
        for row in read_events(source):
            doc = str(row.get("id"))
            if "events" in row:
                events = row.get("events") or []
                row = {**row, "events": [{**ev, "incident_id": ids.get((doc, i))}
                                         for i, ev in enumerate(events)]}
            elif row.get("type") is not None:
                row = {**row, "incident_id": ids.get((doc, int(row.get("event_index") or 0)))}
            yield row

    return _write(rows(), path, schema)
