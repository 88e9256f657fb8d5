"""Write output rows as JSON lines or Parquet, in committed chunks that a crashed run can resume.

With an output file ``OUT``, every chunk of documents is written to ``OUT.parts/`` as two part files
(the documents' rows, and the rows of documents that failed), each renamed into place once complete;
then ``OUT.parts/state.json`` records how many input documents are done. ``--resume`` reads the state
and goes on after the last committed document; parts written after it are dropped. When the input
is done the parts are joined into ``OUT`` (documents in input order, then failed documents), one part
at a time, and ``OUT.parts/`` is removed.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from eventx.batch.schema import DOC_COLUMNS, FLAT_COLUMNS, document_schema, flat_schema, prefixed
from eventx.errors import EventxError

__all__ = ["ChunkedOutput", "StreamOutput", "output_rows"]

logger = logging.getLogger(__name__)

STATE_VERSION = 1


def output_rows(rows: Iterable[dict[str, Any]], *, flat: bool) -> list[dict[str, Any]]:
    """Rows of :func:`~eventx.batch.documents.extract_records` as written: one per document, or
    (``flat``) one per event with the document's id; input columns appended, renamed where they
    clash with eventx's (``input_<name>``)."""
    reserved = FLAT_COLUMNS if flat else DOC_COLUMNS
    out = []
    for row in rows:
        base = {"id": row["id"], "line": row["line"]}
        extra = {prefixed(k, reserved): v for k, v in row["extra"].items()}
        warning = {"warning": row["warning"]} if "warning" in row else {}
        if "error" in row:
            out.append({**base, "error": row["error"], **extra})
        elif not flat:
            out.append({**base, "events": row["events"], **warning, **extra})
        else:
            out += [{**base, "event_index": i, **ev, **warning, **extra}
                    for i, ev in enumerate(row["events"])]
    return out


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _jsonl(rows: list[dict[str, Any]], indent: int | None = None) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, indent=indent, default=_json_default) + "\n"
                   for r in rows)


def _arrow_table(rows: list[dict[str, Any]], flat: bool, extra_fields: list | None):
    import pyarrow as pa

    base = flat_schema() if flat else document_schema()
    names = list(dict.fromkeys(k for r in rows for k in r if k not in base.names))
    if extra_fields is not None:
        reserved = FLAT_COLUMNS if flat else DOC_COLUMNS
        fields = {prefixed(f.name, reserved): f.with_name(prefixed(f.name, reserved))
                  for f in extra_fields}
        names = list(fields)
        schema = flat_schema(fields[n] for n in names) if flat else document_schema(
            fields[n] for n in names)
        return pa.Table.from_pylist(rows, schema=schema)
    table = pa.Table.from_pylist([{k: r.get(k) for k in base.names} for r in rows], schema=base)
    for name in names:
        table = table.append_column(name, _extra_array([r.get(name) for r in rows]))
    return table


def _extra_array(values: list[Any]):
    import pyarrow as pa

    if any(isinstance(v, dict | list | tuple) for v in values):
        values = [None if v is None else json.dumps(v, ensure_ascii=False, default=_json_default)
                  for v in values]
    try:
        return pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return pa.array([None if v is None else str(v) for v in values], type=pa.string())


def _unify(schemas: list[Any]):
    """One schema for all parts: a column's null type gives way, clashing types become strings."""
    import pyarrow as pa

    fields: dict[str, list] = {}
    for schema in schemas:
        for f in schema:
            fields.setdefault(f.name, []).append(f.type)
    out = []
    for name, kinds in fields.items():
        known = list(dict.fromkeys(t for t in kinds if t != pa.null()))
        kind = known[0] if len(known) == 1 else pa.null()
        if len(known) > 1:
            try:
                kind = pa.unify_schemas([pa.schema([(name, t)]) for t in known],
                                        promote_options="permissive").field(name).type
            except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
                kind = pa.string()
        out.append(pa.field(name, kind))
    return pa.schema(out)


def _conform(table, schema):
    import pyarrow as pa

    cols = [table.column(f.name).cast(f.type) if f.name in table.column_names
            else pa.nulls(table.num_rows, f.type) for f in schema]
    return pa.Table.from_arrays(cols, schema=schema)


class StreamOutput:
    """JSON lines to a stream as they come (no resume); failed documents' rows are held in a
    temporary file and written last."""

    def __init__(self, stream: IO[str], *, flat: bool = False, indent: int | None = None) -> None:
        self.stream, self.flat, self.indent = stream, flat, indent
        self._errors = tempfile.TemporaryFile("w+", encoding="utf-8")

    def start(self, fingerprint: dict[str, Any] | None, options: dict[str, Any], resume: bool) -> int:
        if resume:
            raise EventxError("--resume needs an input file and an output file (-o)")
        return 0

    def commit(self, rows: list[dict[str, Any]], consumed: int) -> None:
        ok = [r for r in rows if "error" not in r]
        self.stream.write(_jsonl(output_rows(ok, flat=self.flat), self.indent))
        self.stream.flush()
        self._errors.write(_jsonl(output_rows([r for r in rows if "error" in r], flat=self.flat)))

    def finish(self) -> None:
        self._errors.seek(0)
        shutil.copyfileobj(self._errors, self.stream)
        self._errors.close()
        self.stream.flush()


class ChunkedOutput:
    """Committed chunks in ``OUT.parts/``, joined into ``OUT`` at the end (see the module doc)."""

    def __init__(self, path: str | Path, *, format: str = "jsonl", flat: bool = False,
                 extra_fields: list | None = None, indent: int | None = None) -> None:
        self.path = Path(path)
        self.format, self.flat, self.extra_fields, self.indent = format, flat, extra_fields, indent
        self.work = self.path.with_name(self.path.name + ".parts")
        self.state: dict[str, Any] = {}
        self.ext = ".parquet" if format == "parquet" else ".jsonl"

    # ------------------------------------------------------------------ state
    def start(self, fingerprint: dict[str, Any] | None, options: dict[str, Any], resume: bool) -> int:
        """Prepare the work folder; return how many input documents are already done."""
        state_file = self.work / "state.json"
        if resume:
            if fingerprint is None:
                raise EventxError("--resume needs an input file, not standard input")
            if not state_file.is_file():
                logger.warning("%s: no interrupted run to resume; starting from the beginning",
                               self.work)
            else:
                self.state = json.loads(state_file.read_text(encoding="utf-8"))
                for key, now in (("input", fingerprint), ("options", options)):
                    if self.state.get(key) != now:
                        raise EventxError(
                            f"{state_file}: the interrupted run had another {key} "
                            f"({self.state.get(key)} != {now}); rerun without --resume to start over")
                self._drop_uncommitted()
                logger.info("resuming after %d documents (%d parts committed)",
                            self.state["docs_done"], self.state["parts"])
                return int(self.state["docs_done"])
        elif state_file.is_file():
            logger.warning("%s holds an interrupted run; starting over (--resume continues it)",
                           self.work)
        if self.work.exists():
            shutil.rmtree(self.work)
        self.work.mkdir(parents=True)
        self.state = {"version": STATE_VERSION, "input": fingerprint, "options": options,
                      "docs_done": 0, "parts": 0, "rows": 0, "errors": 0}
        self._save_state()
        return 0

    def _drop_uncommitted(self) -> None:
        for f in self.work.iterdir():
            if f.name == "state.json":
                continue
            stem = f.name.split(".")[0]
            index = stem.rsplit("-", 1)[-1]
            if not index.isdigit() or int(index) >= self.state["parts"] or f.name.endswith(".tmp"):
                f.unlink()

    def _save_state(self) -> None:
        tmp = self.work / "state.json.tmp"
        tmp.write_text(json.dumps(self.state, indent=1), encoding="utf-8")
        _fsync(tmp)
        os.replace(tmp, self.work / "state.json")

    # ------------------------------------------------------------------ parts
    def commit(self, rows: list[dict[str, Any]], consumed: int) -> None:
        """Write one chunk's rows, then mark its ``consumed`` input documents done."""
        n = self.state["parts"]
        ok = output_rows([r for r in rows if "error" not in r], flat=self.flat)
        bad = output_rows([r for r in rows if "error" in r], flat=self.flat)
        for kind, part in (("part", ok), ("errors", bad)):
            if part:
                self._write_part(self.work / f"{kind}-{n:06d}{self.ext}", part)
        self.state.update(docs_done=self.state["docs_done"] + consumed, parts=n + 1,
                          rows=self.state["rows"] + len(ok), errors=self.state["errors"] + len(bad))
        self._save_state()

    def _write_part(self, path: Path, rows: list[dict[str, Any]]) -> None:
        tmp = path.with_name(path.name + ".tmp")
        if self.format == "parquet":
            import pyarrow.parquet as pq

            pq.write_table(_arrow_table(rows, self.flat, self.extra_fields), tmp)
        else:
            tmp.write_text(_jsonl(rows, self.indent), encoding="utf-8")
        _fsync(tmp)
        os.replace(tmp, path)

    def finish(self) -> None:
        """Join the parts into the output file (one part in memory at a time); drop the work folder."""
        parts = [self.work / f"{kind}-{n:06d}{self.ext}" for kind in ("part", "errors")
                 for n in range(self.state["parts"])]
        parts = [p for p in parts if p.is_file()]
        tmp = self.path.with_name(self.path.name + ".tmp")
        if self.format == "parquet":
            self._join_parquet(parts, tmp)
        else:
            with open(tmp, "wb") as out:
                for p in parts:
                    with open(p, "rb") as f:
                        shutil.copyfileobj(f, out)
        os.replace(tmp, self.path)
        shutil.rmtree(self.work)

    def _join_parquet(self, parts: list[Path], tmp: Path) -> None:
        import pyarrow.parquet as pq

        if parts:
            schema = _unify([pq.read_schema(p) for p in parts])
        else:
            schema = _arrow_table([], self.flat, self.extra_fields).schema
        with pq.ParquetWriter(tmp, schema) as writer:
            for p in parts:
                writer.write_table(_conform(pq.read_table(p), schema))


def _fsync(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())
