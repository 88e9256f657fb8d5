"""eventx as a spaCy pipeline component: ``nlp.add_pipe("eventx")``.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> nlp.add_pipe("eventx", config={"published": "2022-06-09"})    # doctest: +SKIP
>>> doc = nlp("Gunmen killed three villagers in Kaduna on Tuesday.")  # doctest: +SKIP
>>> [(e.type, e.trigger.text, [(r, s.text) for r, s in e.arguments]) for e in doc._.events]
...                                                                  # doctest: +SKIP
[('attack', 'killed', [('agent', 'Gunmen'), ('target', 'three villagers'), ...])]

The component is registered under spaCy's ``spacy_factories`` entry point, so no import is
needed. ``doc._.events`` holds one :class:`DocEvent` per event: the :class:`~eventx.Event` record
(exact character offsets, normalized values) and its trigger and arguments as ``doc.char_span``
spans (labelled with the event type and the role). A span that does not fall on token boundaries
is widened to the tokens it touches; the record keeps the exact offsets. The model is loaded once
per process and shared by every pipeline that names the same folder, on the first document.

A document's publication date (for "on Tuesday") is ``doc._.published`` where set, else the
``published`` of the call (``nlp(text, component_cfg={"eventx": {"published": "2022-06-09"}})``),
else the component's config.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from eventx.extractor import Extractor, default_model_path
from eventx.schema import Event, Span

__all__ = ["DocEvent", "EventxComponent", "make_eventx"]

for _name in ("events", "published"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@dataclass(frozen=True)
class DocEvent:
    """One event of a spaCy ``Doc``.

    Attributes:
        event: the eventx record (exact offsets, normalized dates, places, counts).
        trigger: the trigger as a ``doc.char_span``, labelled with the event type.
        arguments: ``(role, span)`` for each linked argument, spans labelled with the role.
    """

    event: Event
    trigger: SpacySpan
    arguments: tuple[tuple[str, SpacySpan], ...]

    @property
    def type(self) -> str:
        return self.event.type


@functools.lru_cache(maxsize=8)
def _extractor(path: str, device: str | None, batch_size: int, quantize: bool) -> Extractor:
    return Extractor.from_pretrained(path, device=device, batch_size=batch_size,
                                     quantize=quantize, lazy=True)


def _char_span(doc: Doc, span: Span, label: str) -> SpacySpan:
    found = doc.char_span(span.start, span.end, label=label)
    if found is None:  # not on token boundaries: the tokens it touches
        found = doc.char_span(span.start, span.end, label=label, alignment_mode="expand")
    return found


class EventxComponent:
    """The pipeline component (made by :func:`make_eventx`)."""

    def __init__(self, name: str, model: str | None = None, device: str | None = None,
                 batch_size: int = 16, quantize: bool = False,
                 published: str | None = None) -> None:
        self.name = name
        self.model_path = str(Path(model) if model else default_model_path())
        self.settings = (device, batch_size, quantize)
        self.published = published

    @property
    def extractor(self) -> Extractor:
        """The shared extractor of this model folder (loaded on first use, once a process)."""
        return _extractor(str(Path(self.model_path).resolve()), *self.settings)

    def _date(self, doc: Doc, published: str | dt.date | None) -> str | dt.date | None:
        return doc._.published or published or self.published

    def set_annotations(self, doc: Doc, events: Iterable[Event]) -> Doc:
        """Put ``events`` (of ``doc.text``) on ``doc._.events``."""
        doc._.events = [DocEvent(ev, _char_span(doc, ev.trigger, ev.type),
                                 tuple((a.role, _char_span(doc, a, a.role)) for a in ev.arguments))
                        for ev in events]
        return doc

    def __call__(self, doc: Doc, published: str | dt.date | None = None) -> Doc:
        return self.set_annotations(doc, self.extractor(doc.text, self._date(doc, published)))

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 64,
             published: str | dt.date | None = None) -> Iterator[Doc]:
        """Documents in batches: their windows go through the model together."""
        stream = iter(docs)
        while batch := list(islice(stream, batch_size)):
            results = self.extractor.pipe([d.text for d in batch],
                                          published=[self._date(d, published) for d in batch])
            for doc, events in zip(batch, results, strict=True):
                yield self.set_annotations(doc, events)


@Language.factory("eventx", default_config={"model": None, "device": None, "batch_size": 16,
                                            "quantize": False, "published": None})
def make_eventx(nlp: Language, name: str, model: str | None, device: str | None,
                batch_size: int, quantize: bool, published: str | None) -> EventxComponent:
    """spaCy factory of the ``eventx`` component.

    Args:
        model: a model folder (default: the shipped default model).
        device: ``"cpu"``, ``"cuda"``, ... (default: a GPU when present).
        batch_size: windows per forward pass.
        quantize: int8 dynamic quantization (CPU).
        published: the publication date (``YYYY-MM-DD``) of documents that give none.
    """
    return EventxComponent(name, model=model, device=device, batch_size=batch_size,
                           quantize=quantize, published=published)
