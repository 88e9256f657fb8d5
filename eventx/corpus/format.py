"""The annotation format: one JSON object per line, one document each, spans as character offsets.

A document (see ``training/FORMAT.md``)::

    {"id": "doc-1", "text": "Police arrested two men in Subotica.", "published": "2023-10-31",
     "source": "my-news", "events": [
        {"type": "arrest", "trigger": {"start": 7, "end": 15, "text": "arrested"},
         "arguments": [{"role": "agent", "start": 0, "end": 6, "text": "Police"},
                       {"role": "target", "start": 16, "end": 23},
                       {"role": "place", "start": 27, "end": 35}]}]}

``text`` on a span is optional; where given it must equal ``text[start:end]``. The *standoff*
variant (:class:`StandoffDocument`) has no text: it carries ``sha1`` of the source text instead and
is joined to the source by ``id`` (:func:`join_standoff`).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from eventx.errors import AnnotationError

__all__ = [
    "DEFAULT_ROLES",
    "ID_PATTERN",
    "MODALITIES",
    "Argument",
    "Document",
    "EventAnnotation",
    "SpanAnnotation",
    "StandoffDocument",
    "iter_documents",
    "join_standoff",
    "read_documents",
    "read_standoff",
    "text_sha1",
    "validate_document",
    "write_documents",
]

#: Roles of the default schema and the span kind each one is tagged as.
DEFAULT_ROLES: dict[str, str] = {
    "agent": "PARTICIPANT",
    "target": "PARTICIPANT",
    "killed": "PARTICIPANT",
    "injured": "PARTICIPANT",
    "place": "PLACE",
    "time": "TIME",
    "item": "ITEM",
    "quantity": "QUANTITY",
}


#: How an event mention is told: it happened (or is happening), it is planned or expected, it is
#: said not to have happened, or it is a condition or possibility.
MODALITIES = ("actual", "planned", "negated", "hypothetical")
Modality = Literal["actual", "planned", "negated", "hypothetical"]

#: Event and entity ids: a letter or digit, then letters, digits, ``_ . : -`` (64 at most).
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SpanAnnotation(_Strict):
    start: int = Field(ge=0)
    end: int = Field(gt=0)
    text: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> SpanAnnotation:
        if self.end <= self.start:
            raise ValueError(f"end {self.end} must be greater than start {self.start}")
        return self


class Argument(SpanAnnotation):
    role: str
    #: Participant arguments only: an id shared by the mentions of one person or group in the
    #: document ("Woman", "A woman", "the woman").
    entity: str | None = Field(default=None, pattern=ID_PATTERN)


class EventAnnotation(_Strict):
    type: str = Field(min_length=1)
    trigger: SpanAnnotation
    arguments: list[Argument] = []
    #: True where a converter chose the trigger by rule because the source had none.
    trigger_guessed: bool = False
    #: An id shared by the mentions of one real event in the document (within-document event
    #: coreference); every mention keeps its own trigger and arguments.
    event: str | None = Field(default=None, pattern=ID_PATTERN)
    modality: Modality = "actual"


class Document(_Strict):
    id: str = Field(min_length=1)
    text: str
    published: _dt.date | None = None
    source: str | None = None
    events: list[EventAnnotation] = []
    #: None (the default): the document is annotated completely. A list: only these types have
    #: every mention marked, with its arguments (converted corpora: ``[]``), and training does not
    #: count the document's unmarked words as negatives.
    annotated_types: list[str] | None = None

    @property
    def complete(self) -> bool:
        """Every mention and argument is marked: unmarked spans are errors, so precision is
        measurable here (not on a partly annotated document)."""
        return self.annotated_types is None

    def with_span_texts(self) -> Document:
        """This document with each span's ``text`` stored (standoff records carry none)."""
        events = [ev.model_copy(update={
            "trigger": ev.trigger.model_copy(
                update={"text": self.text[ev.trigger.start:ev.trigger.end]}),
            "arguments": [a.model_copy(update={"text": self.text[a.start:a.end]})
                          for a in ev.arguments]}) for ev in self.events]
        return self.model_copy(update={"events": events})

    def actual_only(self) -> Document:
        """This document with its ``actual`` mentions only (planned, negated and hypothetical
        ones left out): what a model that does not predict modality is trained and scored on."""
        if all(ev.modality == "actual" for ev in self.events):
            return self
        return self.model_copy(update={"events": [ev for ev in self.events
                                                  if ev.modality == "actual"]})


class StandoffDocument(_Strict):
    """Offsets and labels without the text, joined to a source document by ``id``."""

    id: str = Field(min_length=1)
    sha1: str = Field(min_length=40, max_length=40)
    source: str | None = None
    published: _dt.date | None = None
    annotator: str | None = None
    events: list[EventAnnotation] = []


def text_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _check_span(span: SpanAnnotation, text: str, field: str) -> None:
    if span.end > len(text):
        raise AnnotationError(f"offset {span.end} is outside the text ({len(text)} characters)",
                              field=f"{field}.end")
    if span.text is not None and text[span.start:span.end] != span.text:
        raise AnnotationError(
            f"stored text {span.text!r} disagrees with the source {text[span.start:span.end]!r}",
            field=f"{field}.text")


def _role_kinds(roles: Iterable[str] | Mapping[str, str] | None) -> dict[str, str | None]:
    """``role -> span kind``; a role given without its kind keeps the default kind, if any."""
    if roles is None:
        return dict(DEFAULT_ROLES)
    if isinstance(roles, Mapping):
        return dict(roles)
    return {r: DEFAULT_ROLES.get(r) for r in roles}


def validate_document(doc: Document,
                      roles: Iterable[str] | Mapping[str, str] | None = None) -> Document:
    """Check offsets, stored span texts, roles and entity ids of ``doc``; return it unchanged.

    Args:
        roles: the known roles (default :data:`DEFAULT_ROLES`), as names or as ``role -> span
            kind``; an ``entity`` id is allowed only on a role of kind ``PARTICIPANT`` (or on a
            role given by name alone whose kind is not known).

    Raises:
        AnnotationError: naming the field (``events.0.arguments.2.role``) that is wrong.
    """
    kinds = _role_kinds(roles)
    for i, ev in enumerate(doc.events):
        _check_span(ev.trigger, doc.text, f"events.{i}.trigger")
        for j, arg in enumerate(ev.arguments):
            if arg.role not in kinds:
                raise AnnotationError(f"unknown role {arg.role!r} (known: {', '.join(sorted(kinds))})",
                                      field=f"events.{i}.arguments.{j}.role")
            kind = kinds[arg.role]
            if arg.entity is not None and kind not in (None, "PARTICIPANT"):
                raise AnnotationError(
                    f"entity {arg.entity!r} on a {arg.role!r} argument: entity ids are for "
                    f"participants only, and {arg.role!r} is a {kind} role",
                    field=f"events.{i}.arguments.{j}.entity")
            _check_span(arg, doc.text, f"events.{i}.arguments.{j}")
    return doc


def _field(err: ValidationError) -> tuple[str, str]:
    first = err.errors()[0]
    return ".".join(str(x) for x in first["loc"]), first["msg"]


def _parse_lines(path: Path, model: type[BaseModel]) -> Iterator[tuple[int, Any]]:
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise AnnotationError(f"not valid JSON ({exc.msg} at column {exc.colno})",
                                      path=str(path), line=lineno) from None
            if not isinstance(raw, dict):
                raise AnnotationError("a line must hold one JSON object", path=str(path), line=lineno)
            try:
                yield lineno, model.model_validate(raw)
            except ValidationError as exc:
                field, msg = _field(exc)
                raise AnnotationError(msg, path=str(path), line=lineno, field=field) from None


def iter_documents(path: str | Path,
                   roles: Iterable[str] | Mapping[str, str] | None = None) -> Iterator[Document]:
    """Yield validated documents from a JSON lines file, failing on the first broken line."""
    path = Path(path)
    if roles is not None and not isinstance(roles, Mapping):
        roles = set(roles)
    for lineno, doc in _parse_lines(path, Document):
        try:
            yield validate_document(doc, roles)
        except AnnotationError as exc:
            raise AnnotationError(exc.reason, path=str(path), line=lineno, field=exc.field) from None


def read_documents(path: str | Path,
                   roles: Iterable[str] | Mapping[str, str] | None = None) -> list[Document]:
    return list(iter_documents(path, roles))


def write_documents(docs: Iterable[Document], path: str | Path) -> int:
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(doc.model_dump_json(exclude_defaults=False) + "\n")
            n += 1
    return n


def read_standoff(path: str | Path) -> list[tuple[int, StandoffDocument]]:
    """Read standoff records with their line numbers (for error messages when joining)."""
    return list(_parse_lines(Path(path), StandoffDocument))


def join_standoff(records: Iterable[tuple[int, StandoffDocument]], texts: Mapping[str, str],
                  path: str = "<standoff>",
                  roles: Iterable[str] | Mapping[str, str] | None = None) -> list[Document]:
    """Join standoff records to their source texts (``id -> text``) and validate the result.

    Raises:
        AnnotationError: for an unknown id, a source text that changed (sha1), or a bad span.
    """
    out = []
    for lineno, rec in records:
        if rec.id not in texts:
            raise AnnotationError(f"no source document with id {rec.id!r}", path=path, line=lineno,
                                  field="id")
        text = texts[rec.id]
        if text_sha1(text) != rec.sha1:
            raise AnnotationError("the source text differs from the annotated one (sha1 mismatch)",
                                  path=path, line=lineno, field="sha1")
        doc = Document(id=rec.id, text=text, published=rec.published, source=rec.source,
                       events=rec.events)
        try:
            out.append(validate_document(doc, roles))
        except AnnotationError as exc:
            raise AnnotationError(exc.reason, path=path, line=lineno, field=exc.field) from None
    return out
