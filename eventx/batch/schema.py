"""The Arrow schema of eventx output, derived once from the :class:`~eventx.schema.Event` contract.

The Parquet writer, the Ray adapter and the Spark adapter (a ``StructType`` converted from this
schema) all use these types, so one change to the contract changes every output at once.

Example:
    >>> from eventx.batch.schema import event_type
    >>> [f.name for f in event_type()]
    ['type', 'trigger', 'who', 'where', 'when', 'casualties', 'seizures', 'score', 'arguments']
    >>> str(event_type().field("trigger").type)
    'struct<text: string, start: int64, end: int64>'
"""

from __future__ import annotations

import datetime as dt
import functools
import types
import typing
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel

from eventx.schema import Event

__all__ = [
    "DOC_COLUMNS",
    "FLAT_COLUMNS",
    "arrow_type_of",
    "document_schema",
    "event_row",
    "event_type",
    "flat_schema",
    "prefixed",
]

#: the columns eventx writes in a document row; input columns with these names get an ``input_`` prefix
DOC_COLUMNS = ("id", "line", "events", "error", "warning")
#: the columns of a flat (one row per event) table, the event's fields after ``id`` and ``event_index``
FLAT_COLUMNS = ("id", "line", "event_index", *Event.model_fields, "error", "warning")

_SCALARS: dict[Any, Any] = {}


def _scalar(tp: Any):
    import pyarrow as pa

    if not _SCALARS:
        _SCALARS.update({str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_(),
                         dt.date: pa.date32()})
    return _SCALARS.get(tp)


def arrow_type_of(annotation: Any):
    """The Arrow type of a pydantic field annotation (``X | None`` gives X: every field is nullable).

    Raises:
        TypeError: an annotation this mapping does not know (a contract change that needs a rule).
    """
    import pyarrow as pa

    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(inner) == 1:
            return arrow_type_of(inner[0])
        raise TypeError(f"no Arrow type for the union {annotation!r}")
    if origin is typing.Literal:
        kinds = {type(v) for v in typing.get_args(annotation)}
        if len(kinds) == 1 and _scalar(kinds.pop()) is not None:
            return _scalar(type(typing.get_args(annotation)[0]))
        raise TypeError(f"no Arrow type for {annotation!r}")
    if origin in (tuple, list):
        args = [a for a in typing.get_args(annotation) if a is not Ellipsis]
        if len(args) != 1:
            raise TypeError(f"only homogeneous sequences map to Arrow lists, not {annotation!r}")
        return pa.list_(arrow_type_of(args[0]))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return pa.struct([pa.field(name, arrow_type_of(f.annotation))
                          for name, f in annotation.model_fields.items()])
    scalar = _scalar(annotation)
    if scalar is None:
        raise TypeError(f"no Arrow type for {annotation!r}")
    return scalar


@functools.lru_cache(maxsize=1)
def event_type():
    """The Arrow ``struct`` of one :class:`~eventx.schema.Event`."""
    return arrow_type_of(Event)


def document_schema(extra: Iterable[Any] = ()):
    """One row per document: ``id``, ``line``, ``events`` (a list of event structs), ``error``,
    ``warning`` (a date that could not be read: the document was extracted without one).

    Args:
        extra: Arrow fields of the input columns passed through, appended after eventx's own.
    """
    import pyarrow as pa

    return pa.schema([pa.field("id", pa.string()), pa.field("line", pa.int64()),
                      pa.field("events", pa.list_(event_type())), pa.field("error", pa.string()),
                      pa.field("warning", pa.string()), *extra])


def flat_schema(extra: Iterable[Any] = ()):
    """One row per event: ``id``, ``line``, ``event_index``, the event's fields, then ``error``.

    A document without events has no row; a document that failed has one row with ``error`` set.
    """
    import pyarrow as pa

    return pa.schema([pa.field("id", pa.string()), pa.field("line", pa.int64()),
                      pa.field("event_index", pa.int64()), *event_type(),
                      pa.field("error", pa.string()), pa.field("warning", pa.string()), *extra])


def event_row(event: Event) -> dict[str, Any]:
    """An event as plain Python values that match :func:`event_type` (dates stay ``date``)."""
    return event.model_dump(mode="python")


def prefixed(name: str, reserved: Sequence[str]) -> str:
    """An input column's output name: ``input_<name>`` where eventx writes a column ``name``."""
    while name in reserved:
        name = f"input_{name}"
    return name
