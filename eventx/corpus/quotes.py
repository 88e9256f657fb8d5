"""Write annotations by quoting the text instead of counting characters.

A quote record names the document and gives every span as a quote of the text::

    {"id": "doc-1", "annotator": "a1", "events": [
      {"type": "arrest", "trigger": "police [arrested] two", "event": "e1",
       "args": [["agent", "police", "p1"], ["target", "two men#2", "p2"], ["place", "Subotica"]]},
      {"type": "arrest", "trigger": "the [arrests]", "event": "e1", "args": []},
      {"type": "seizure", "trigger": "planned to [seize]", "modality": "planned", "args": []}]}

An event may carry ``event`` (an id shared by the mentions of one real event) and ``modality``
(``actual``, the default, ``planned``, ``negated``, ``hypothetical``); an argument is ``[role,
quote]`` or, for a participant, ``[role, quote, entity id]`` (an id shared by the mentions of one
person or group).

Rules for a quote:

* ``[`` and ``]`` mark the span inside a longer quote that serves only to find the right place
  (``"police [arrested] two"``); without brackets the whole quote is the span.
* ``\\[`` and ``\\]`` stand for literal brackets of the text.
* ``#k`` at the end picks the k-th occurrence (from 1) of the quote in the document.
* Otherwise the trigger is the first occurrence and an argument the occurrence nearest to its
  trigger. Matching is exact, else case-insensitive, else with any run of white space matching
  any other.

:func:`anchor` turns quote records into :class:`~eventx.corpus.format.StandoffDocument` records
with offsets (and ``sha1`` of the text), or into full documents with :func:`anchor_document`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from eventx.corpus.format import (
    ID_PATTERN,
    Argument,
    Document,
    EventAnnotation,
    SpanAnnotation,
    Modality,
    StandoffDocument,
    text_sha1,
    validate_document,
)
from eventx.errors import AnnotationError

__all__ = ["QuoteDocument", "QuoteEvent", "anchor", "anchor_document", "find_quote", "to_quotes"]


class QuoteEvent(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: str = Field(min_length=1)
    trigger: str = Field(min_length=1)
    args: list[tuple[str, str] | tuple[str, str, str]] = []
    event: str | None = Field(default=None, pattern=ID_PATTERN)
    modality: Modality = "actual"


class QuoteDocument(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    annotator: str | None = None
    published: str | None = None
    events: list[QuoteEvent] = []


@dataclass
class _Stats:
    spans: int = 0
    ambiguous: int = 0
    notes: list[str] = field(default_factory=list)


_OCC = re.compile(r"#(\d+)$")


def _pattern(part: str, flexible: bool) -> str:
    if not flexible:
        return re.escape(part)
    words = part.split()
    lead = r"\s*" if part[:1].isspace() else ""
    trail = r"\s*" if part[-1:].isspace() and words else ""
    return lead + r"\s+".join(re.escape(w) for w in words) + trail


def _matches(text: str, left: str, inner: str, right: str) -> list[tuple[int, int]]:
    """Spans of ``inner`` wherever ``left + inner + right`` occurs: exact, no case, any space."""
    for flags, flexible in ((0, False), (re.I, False), (re.I, True)):
        rx = re.compile("(?:%s)(%s)(?:%s)" % tuple(_pattern(p, flexible) for p in (left, inner, right)),
                        flags)
        hits = [m.span(1) for m in rx.finditer(text)]
        if hits:
            return hits
    return []


def find_quote(text: str, quote: str, near: int | None = None) -> tuple[int, int, int]:
    """Resolve ``quote`` in ``text`` to ``(start, end, n_candidates)``.

    Raises:
        ValueError: the quote is not in the text, or ``#k`` is out of range.
    """
    k = None
    m = _OCC.search(quote)
    if m:
        k, quote = int(m.group(1)), quote[: m.start()]
    quote = quote.replace("\\[", "\x00").replace("\\]", "\x01")  # escaped literal brackets
    if "[" in quote and "]" in quote:
        left, rest = quote.split("[", 1)
        inner, right = rest.split("]", 1)
    else:
        left, inner, right = "", quote, ""
    left, inner, right = (p.replace("\x00", "[").replace("\x01", "]") for p in (left, inner, right))
    inner = inner.strip()
    if not inner:
        raise ValueError(f"empty span in quote {quote!r}")
    hits = _matches(text, left, inner, right)
    if not hits:
        raise ValueError(f"quote {left + inner + right!r} is not in the text")
    if k is not None:
        if not 1 <= k <= len(hits):
            raise ValueError(f"quote {left + inner + right!r} occurs {len(hits)} times, not #{k}")
        start, end = hits[k - 1]
    elif near is None:
        start, end = hits[0]
    else:
        start, end = min(hits, key=lambda h: abs(h[0] - near))
    return start, end, len(hits)


def _resolve(text: str, quote: str, near: int | None, where: str, stats: _Stats) -> tuple[int, int]:
    try:
        start, end, n = find_quote(text, quote, near)
    except ValueError as exc:
        raise AnnotationError(str(exc), field=where) from None
    stats.spans += 1
    if n > 1 and not _OCC.search(quote):
        stats.ambiguous += 1
    return start, end


def anchor_document(rec: QuoteDocument, text: str, *, source: str | None = None,
                    published=None, stats: _Stats | None = None) -> Document:
    """Resolve every quote of ``rec`` against ``text`` into a validated :class:`Document`."""
    stats = stats or _Stats()
    events = []
    for i, ev in enumerate(rec.events):
        ts, te = _resolve(text, ev.trigger, None, f"events.{i}.trigger", stats)
        args = []
        for j, (role, quote, *entity) in enumerate(ev.args):
            s, e = _resolve(text, quote, ts, f"events.{i}.args.{j}", stats)
            try:
                args.append(Argument(role=role, start=s, end=e,
                                     entity=entity[0] if entity else None))
            except ValidationError as exc:
                raise AnnotationError(exc.errors()[0]["msg"],
                                      field=f"events.{i}.args.{j}.entity") from None
        events.append(EventAnnotation(type=ev.type, trigger=SpanAnnotation(start=ts, end=te),
                                      arguments=args, event=ev.event, modality=ev.modality))
    doc = Document(id=rec.id, text=text, published=rec.published or published, source=source,
                   events=events)
    return validate_document(doc)


def anchor(rec: QuoteDocument, text: str, *, source: str | None = None,
           stats: _Stats | None = None) -> StandoffDocument:
    """Resolve ``rec`` against ``text`` into a standoff record (offsets, labels, sha1; no text)."""
    doc = anchor_document(rec, text, source=source, stats=stats)
    return StandoffDocument(id=doc.id, sha1=text_sha1(text), source=source,
                            published=doc.published, annotator=rec.annotator, events=doc.events)


def anchor_all(records: list[tuple[int, QuoteDocument]], texts: Mapping[str, str], path: str,
               sources: Mapping[str, str] | None = None) -> tuple[list[StandoffDocument], _Stats]:
    """Anchor many records; errors name ``path``, the line and the field."""
    stats = _Stats()
    out = []
    for lineno, rec in records:
        if rec.id not in texts:
            raise AnnotationError(f"no source document with id {rec.id!r}", path=path, line=lineno,
                                  field="id")
        try:
            out.append(anchor(rec, texts[rec.id], source=(sources or {}).get(rec.id), stats=stats))
        except AnnotationError as exc:
            raise AnnotationError(exc.reason, path=path, line=lineno, field=exc.field) from None
    return out, stats


def _quote_of(text: str, start: int, end: int) -> str:
    """A quote that :func:`find_quote` resolves to exactly ``(start, end)`` (``span#k``)."""
    span = text[start:end].replace("[", "\\[").replace("]", "\\]")
    hits = [m.start() for m in re.finditer(re.escape(text[start:end]), text)]
    return span if hits[:1] == [start] and len(hits) == 1 else f"{span}#{hits.index(start) + 1}"


def to_quotes(doc: Document, annotator: str | None = None) -> QuoteDocument:
    """The quote record of an annotated document (for correcting it by hand and anchoring again).

    Every quote carries ``#k`` where its text occurs more than once, so that anchoring the record
    gives back the same offsets.
    """
    events = []
    for ev in doc.events:
        args = [(a.role, _quote_of(doc.text, a.start, a.end), a.entity) if a.entity
                else (a.role, _quote_of(doc.text, a.start, a.end)) for a in ev.arguments]
        trigger = _quote_of(doc.text, ev.trigger.start, ev.trigger.end)
        events.append(QuoteEvent(type=ev.type, trigger=trigger, args=args, event=ev.event,
                                 modality=ev.modality))
    return QuoteDocument(id=doc.id, annotator=annotator, events=events)
