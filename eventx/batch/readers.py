"""Read a dump as a stream of :class:`Record`: JSON lines, CSV/TSV, Parquet, text files.

Each file may be gzip-compressed (``.gz``). Nothing is read ahead beyond one Parquet batch, so memory
does not grow with the dump. A record that cannot be parsed (bad JSON, a short CSV row) still comes
out, with its ``error`` set, so that it gets an output row and keeps its place.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import IO, Any

from eventx.batch.documents import Record
from eventx.errors import EventxError

__all__ = ["FORMATS", "InputError", "Source", "open_source"]

#: input formats; ``auto`` picks by extension (and by the first line for other files)
FORMATS = ("auto", "jsonl", "csv", "tsv", "parquet", "text", "txtdir")
_TEXT_SUFFIXES = (".txt", ".txt.gz")


class InputError(EventxError):
    """The input cannot be read at all (no such file, no text column, an unknown format)."""


@dataclass
class Source:
    """An input dump: its format, what it looks like, and how to read it from any record on.

    Attributes:
        path: the file or folder (``-``: standard input).
        format: one of :data:`FORMATS` but ``auto``.
        text_field, id_field, published_field: the columns that hold text, id and date.
        total: the number of records, where it is known without reading everything.
        extra_schema: the Arrow fields of the passed-through columns (Parquet input only).
    """

    path: str
    format: str
    text_field: str = "text"
    id_field: str = "id"
    published_field: str = "published"
    total: int | None = None
    extra_schema: Any = None
    _head: list[bytes] | None = None

    @property
    def name(self) -> str:
        """The id of a single-text input: the file name without its extensions, or ``-``."""
        if self.path == "-":
            return "-"
        name = Path(self.path).name
        for suffix in (".gz", ".txt"):
            name = name.removesuffix(suffix)
        return name

    def fingerprint(self) -> dict[str, Any] | None:
        """What identifies this input for ``--resume`` (None: standard input cannot be resumed)."""
        if self.path == "-":
            return None
        p = Path(self.path)
        if p.is_dir():
            files = _text_files(p)
            return {"path": str(p.resolve()), "files": len(files),
                    "bytes": sum(f.stat().st_size for f in files)}
        st = p.stat()
        return {"path": str(p.resolve()), "bytes": st.st_size, "mtime_ns": st.st_mtime_ns}

    def records(self, skip: int = 0) -> Iterator[Record]:
        """The records in input order, the first ``skip`` of them left out."""
        reader = {"jsonl": self._jsonl, "csv": self._csv, "tsv": self._csv,
                  "parquet": self._parquet, "text": self._text, "txtdir": self._txtdir}[self.format]
        return reader(skip)

    # ------------------------------------------------------------------ formats
    def _lines(self) -> Iterator[bytes]:
        head, self._head = self._head or [], None
        if self.path == "-":
            return chain(head, sys.stdin.buffer)
        stream = _open(self.path)
        return chain(head, _closing_lines(stream))

    def _split(self, row: dict[str, Any], line: int) -> Record:
        extra = {k: _clean(v) for k, v in row.items()
                 if k not in (self.text_field, self.id_field, self.published_field)}
        doc_id = row.get(self.id_field)
        rec = Record(line=line, id=str(line) if doc_id in (None, "") else _clean(str(doc_id)),
                     text=row.get(self.text_field), published=row.get(self.published_field),
                     extra=extra)
        if self.text_field not in row:
            rec.error = f"no field {self.text_field!r}"
        return rec

    def _jsonl(self, skip: int) -> Iterator[Record]:
        records = (rec for rec in (self._json_line(n, raw) for n, raw in enumerate(self._lines(), 1))
                   if rec is not None)
        yield from islice(records, skip, None)

    def _json_line(self, line: int, raw: bytes) -> Record | None:
        text = raw.decode("utf-8", errors="surrogateescape")
        if not text.strip():
            return None
        try:
            row = json.loads(text)
        except ValueError as exc:
            return Record(line=line, id=str(line), error=f"not valid JSON: {exc}")
        if not isinstance(row, dict):
            return Record(line=line, id=str(line),
                          error=f"expected a JSON object with a string field {self.text_field!r}")
        return self._split(row, line)

    def _csv(self, skip: int) -> Iterator[Record]:
        raw = sys.stdin.buffer if self.path == "-" else _open(self.path)
        stream = io.TextIOWrapper(raw, encoding="utf-8", errors="surrogateescape", newline="")
        with stream:
            csv.field_size_limit(sys.maxsize)  # a long article is one field; errors come from checks
            reader = csv.DictReader(stream, delimiter="\t" if self.format == "tsv" else ",")
            columns = reader.fieldnames or []
            if self.text_field not in columns:
                raise InputError(f"{self.path}: no column {self.text_field!r} (columns: "
                                 f"{', '.join(columns) or 'none'}); name it with --text-field")
            start = reader.line_num + 1
            for n, row in enumerate(reader):
                line, start = start, reader.line_num + 1
                if n < skip:
                    continue
                overflow = row.pop(None, None)
                missing = [k for k, v in row.items() if v is None]
                rec = self._split(row, line)
                if overflow or missing:
                    rec.error = (f"row has {len(columns) + len(overflow or ()) - len(missing)} "
                                 f"fields, the header has {len(columns)}")
                yield rec

    def _parquet(self, skip: int) -> Iterator[Record]:
        pf = _parquet_file(self.path)
        done = 0
        groups = []
        for g in range(pf.metadata.num_row_groups):
            rows = pf.metadata.row_group(g).num_rows
            if done + rows <= skip:
                done += rows
            else:
                groups.append(g)
        if not groups:
            return
        for batch in pf.iter_batches(batch_size=1024, row_groups=groups):
            for row in batch.to_pylist():
                done += 1
                if done > skip:
                    yield self._split(row, done)

    def _text(self, skip: int) -> Iterator[Record]:
        if skip:
            return
        raw = b"".join(self._lines())
        yield _text_record(raw, 1, self.name)

    def _txtdir(self, skip: int) -> Iterator[Record]:
        root = Path(self.path)
        for n, f in enumerate(_text_files(root)[skip:], skip + 1):
            with _open(str(f)) as stream:
                raw = stream.read()
            doc_id = f.relative_to(root).as_posix()
            for suffix in (".gz", ".txt"):
                doc_id = doc_id.removesuffix(suffix)
            yield _text_record(raw, n, doc_id)


def open_source(path: str | Path, *, format: str = "auto", text_field: str = "text",
                id_field: str = "id", published_field: str = "published") -> Source:
    """Open a dump: a file (``.jsonl``, ``.csv``, ``.tsv``, ``.parquet``, text; each maybe ``.gz``),
    a folder of ``.txt`` files, or ``-`` for standard input.

    Args:
        path: the input.
        format: one of :data:`FORMATS`; ``auto`` goes by the extension, and for other files by
            the first non-blank line (JSON lines when it starts with ``{``, else one text).
        text_field, id_field, published_field: the columns holding text, id and date.

    Raises:
        InputError: no such file, an unknown format, or no text column.
    """
    path = str(path)
    if format not in FORMATS:
        raise InputError(f"unknown input format {format!r} (choose from {', '.join(FORMATS)})")
    if path != "-" and not Path(path).exists():
        raise InputError(f"{path}: no such file or folder")
    src = Source(path, format, text_field, id_field, published_field)
    if format == "auto":
        src.format = _guess(src)
    if path == "-" and src.format in ("parquet", "txtdir"):
        raise InputError(f"{src.format} input cannot come from standard input")
    if src.format == "txtdir":
        if not Path(path).is_dir():
            raise InputError(f"{path}: not a folder (format txtdir)")
        src.total = len(_text_files(Path(path)))
    elif src.format == "text":
        src.total = 1
    elif src.format == "parquet":
        _check_parquet(src)
    elif src.format in ("csv", "tsv") and path != "-":
        next(src.records(), None)  # reads the header: a missing text column fails here
    return src


def _guess(src: Source) -> str:
    p = Path(src.path)
    if src.path != "-" and p.is_dir():
        return "txtdir"
    name = p.name.lower().removesuffix(".gz")
    for ext, fmt in ((".parquet", "parquet"), (".pq", "parquet"), (".csv", "csv"), (".tsv", "tsv")):
        if name.endswith(ext):
            return fmt
    head: list[bytes] = []
    if src.path == "-":
        for raw in sys.stdin.buffer:
            head.append(raw)
            if raw.strip():
                break
        src._head = head
    else:
        with _open(src.path) as stream:
            head = [next((raw for raw in stream if raw.strip()), b"")]
    first = head[-1].lstrip() if head else b""
    return "jsonl" if first.startswith(b"{") else "text"


def _check_parquet(src: Source) -> None:
    pf = _parquet_file(src.path)
    schema = pf.schema_arrow
    if src.text_field not in schema.names:
        raise InputError(f"{src.path}: no column {src.text_field!r} (columns: "
                         f"{', '.join(schema.names)}); name it with --text-field")
    src.total = pf.metadata.num_rows
    skip = (src.text_field, src.id_field, src.published_field)
    src.extra_schema = [f for f in schema if f.name not in skip]


def _parquet_file(path: str):
    import pyarrow.parquet as pq

    if path.endswith(".gz"):  # Parquet needs to seek: inflate to a temporary file first
        import shutil
        import tempfile

        tmp = tempfile.TemporaryFile()
        with gzip.open(path, "rb") as stream:
            shutil.copyfileobj(stream, tmp)
        tmp.seek(0)
        return pq.ParquetFile(tmp)
    return pq.ParquetFile(path)


def _open(path: str) -> IO[bytes]:
    if path.endswith(".gz"):
        return gzip.GzipFile(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def _closing_lines(stream: IO[bytes]) -> Iterator[bytes]:
    with stream:
        yield from stream


def _text_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.name.lower().endswith(_TEXT_SUFFIXES) and p.is_file())


def _text_record(raw: bytes, line: int, doc_id: str) -> Record:
    try:
        text = codecs.decode(raw, "utf-8")
    except UnicodeDecodeError as exc:
        return Record(line=line, id=doc_id, error=f"text is not valid UTF-8 (broken encoding: {exc})")
    return Record(line=line, id=doc_id, text=text.removeprefix("\ufeff"))


def _clean(value: Any) -> Any:
    """Values with broken encoding, repaired for output (only the text field is refused for it)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    elif isinstance(value, list):
        return [_clean(v) for v in value]
    elif isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    return value
