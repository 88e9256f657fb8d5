"""What every converter shares: a report of what it did and a builder for one event.

Converters (:mod:`~eventx.corpus.gvdb`, :mod:`~eventx.corpus.muc4`, :mod:`~eventx.corpus.rams`,
:mod:`~eventx.corpus.wikievents`, :mod:`~eventx.corpus.drug`) are pure functions from
:class:`~eventx.corpus.sources.SourceDoc` records to validated
:class:`~eventx.corpus.format.Document` objects; what they keep, drop and guess goes into a
:class:`ConversionReport`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from eventx.corpus.format import (
    Argument,
    Document,
    EventAnnotation,
    SpanAnnotation,
    validate_document,
)
from eventx.corpus.textutil import Span, is_pronoun
from eventx.corpus.triggers import TriggerChoice, choose_trigger

__all__ = ["ConversionReport", "EventDraft", "PARTICIPANT_ROLES", "finish_document"]

PARTICIPANT_ROLES = frozenset({"agent", "target", "killed", "injured"})


@dataclass
class ConversionReport:
    """Counters of one conversion run, and how each guessed trigger was chosen.

    Attributes:
        counts: ``"<corpus>.<what>"`` -> number (``gvdb.killed.count_span``,
            ``rams.skipped.unmapped_type``, ``muc4.args_dropped.not_found``, ...).
        guessed: document id -> the :class:`~eventx.corpus.triggers.TriggerChoice` ``how`` of
            each event, in event order (``None`` for an event whose source gave the trigger).
    """

    counts: Counter[str] = field(default_factory=Counter)
    guessed: dict[str, list[str | None]] = field(default_factory=dict)

    def add(self, key: str, n: int = 1) -> None:
        """Add ``n`` to counter ``key``."""
        self.counts[key] += n

    def to_json(self) -> dict:
        """A JSON-ready view (sorted counters, guessed triggers per document)."""
        return {"counts": dict(sorted(self.counts.items())), "guessed": self.guessed}


class EventDraft:
    """Collects the arguments of one event, dropping what cannot be an argument.

    A span is dropped (and counted) when it is empty or outside the text, when a participant is a
    bare pronoun, or when the same role already has the same offsets.
    """

    def __init__(self, text: str, type_: str, corpus: str, report: ConversionReport) -> None:
        self.text, self.type, self.corpus, self.report = text, type_, corpus, report
        self.args: list[tuple[str, int, int]] = []

    def add(self, role: str, span: Span | None) -> bool:
        """Add ``span`` with ``role``; return whether it was kept."""
        if span is None:
            return False
        start, end = span
        if not 0 <= start < end <= len(self.text):
            self.report.add(f"{self.corpus}.args_dropped.bad_offsets")
            return False
        if role in PARTICIPANT_ROLES and is_pronoun(self.text[start:end]):
            self.report.add(f"{self.corpus}.args_dropped.pronoun")
            return False
        if (role, start, end) in self.args:
            return False
        self.args.append((role, start, end))
        return True

    def has(self, role: str) -> bool:
        """True when some argument has ``role``."""
        return any(r == role for r, _, _ in self.args)

    def spans(self) -> list[Span]:
        """The argument spans, in the order they were added."""
        return [(s, e) for _, s, e in self.args]

    def guess_trigger(self, lexicon: str) -> TriggerChoice:
        """Choose a trigger by the rule of :mod:`eventx.corpus.triggers` and count the step."""
        choice = choose_trigger(self.text, self.spans(), lexicon)
        self.report.add(f"{self.corpus}.trigger.{choice.how}")
        return choice

    def build(self, trigger: Span, guessed: bool = False) -> EventAnnotation:
        """The event, with each span's text stored for checking."""
        ts, te = trigger
        return EventAnnotation(
            type=self.type,
            trigger=SpanAnnotation(start=ts, end=te, text=self.text[ts:te]),
            arguments=[Argument(role=r, start=s, end=e, text=self.text[s:e])
                       for r, s, e in self.args],
            trigger_guessed=guessed)


def finish_document(doc_id: str, text: str, source: str, published, events: list[EventAnnotation],
                    how: list[str | None], report: ConversionReport) -> Document:
    """Assemble and validate a converted document; record how its triggers were chosen."""
    doc = validate_document(Document(id=doc_id, text=text, published=published, source=source,
                                     events=events))
    if any(h is not None for h in how):
        report.guessed[doc_id] = how
    report.add(f"{source}.documents")
    report.add(f"{source}.events", len(events))
    return doc
