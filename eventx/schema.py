"""The output contract: typed, frozen event records with exact character offsets.

Every span carries ``text``, ``start`` and ``end`` with ``text == source[start:end]`` in Python
string offsets (code points), whatever the script or the control characters in the source.
"""

from __future__ import annotations

import datetime as _dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "Argument",
    "Casualties",
    "Count",
    "Event",
    "Participant",
    "Place",
    "Seizure",
    "Span",
    "When",
]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(_Record):
    """A piece of the source text.

    Attributes:
        text: the exact source substring ``source[start:end]``.
        start: offset of the first character (Python ``str`` index).
        end: offset one past the last character.
    """

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        if len(self.text) != self.end - self.start:
            raise ValueError(
                f"span text has {len(self.text)} characters but [{self.start}, {self.end}) covers "
                f"{self.end - self.start}"
            )
        return self


class Count(Span):
    """A number stated in the text.

    Attributes:
        value: the number (the lower bound for "at least 3"), or None where the text gives none
            ("dozens of people").
        approximate: True for "at least", "about", "more than", "dozens", "hundreds", ...
        unit: normalized unit for quantities ("kg", "g", "t", "l", "pieces", "rounds", or an ISO
            4217 currency code such as "USD"); None for counts of people.
    """

    value: int | None = None
    approximate: bool = False
    unit: str | None = None


class Participant(Span):
    """Who took part: ``role`` is "agent" (carries the event out) or "target" (it is done to)."""

    role: Literal["agent", "target"]
    count: int | None = None
    #: every span of this participant among the event's arguments, in text order, this one
    #: included ("Woman", "A woman", "the woman"): one participant per entity, shown by its most
    #: informative mention (a name over a description over a pronoun)
    mentions: tuple[Span, ...] = ()


class Place(Span):
    """Where: the place mention, resolved to a country (ISO 3166-1 alpha-2) and coordinates."""

    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None


class When(Span):
    """When: the time expression and the date it resolves to (``YYYY-MM-DD``), or None.

    ``granularity`` says what the date pins down ("day", "month" or "year"); ``end_date`` closes a
    range ("between 1 and 3 May"). Both are additions to the original contract keys.
    """

    date: _dt.date | None = None
    granularity: Literal["day", "month", "year"] | None = None
    end_date: _dt.date | None = None


class Casualties(_Record):
    """Killed and injured totals, as the article states them."""

    killed: Count | None = None
    injured: Count | None = None


class Seizure(_Record):
    """A seized item and its quantity ("40 kilograms" of "heroin")."""

    item: Span
    quantity: Count | None = None


class Argument(Span):
    """One linked argument with its role, built-in (``agent``, ``place``, ...) or custom."""

    role: str


class Event(_Record):
    """One event: what happened, who took part, where, when, casualties and seizures.

    ``arguments`` holds every linked argument with its role, custom roles included, in text
    order; the typed fields (``who``, ``where``, ...) hold the roles that the model's
    ``role_fields`` map to them.

    Example:
        >>> import eventx
        >>> ev = eventx.extract("Police arrested two men in Subotica on Monday.",
        ...                     published="2023-10-31")[0]      # doctest: +SKIP
        >>> ev.type, ev.trigger.text, [(p.text, p.role, p.count) for p in ev.who]   # doctest: +SKIP
        ('arrest', 'arrested', [('Police', 'agent', None), ('two men', 'target', 2)])
    """

    type: str
    trigger: Span
    who: tuple[Participant, ...] = ()
    where: tuple[Place, ...] = ()
    when: When | None = None
    casualties: Casualties = Casualties()
    seizures: tuple[Seizure, ...] = ()
    score: float = Field(ge=0.0, le=1.0)
    arguments: tuple[Argument, ...] = ()
    #: whether the text says it happened (``actual``), is planned or threatened (``planned``),
    #: did not happen (``negated``) or might (``hypothetical``)
    modality: Literal["actual", "planned", "negated", "hypothetical"] = "actual"
    #: every trigger span folded into this record, in text order, ``trigger`` included
    mentions: tuple[Span, ...] = ()

    def spans(self) -> list[Span]:
        """Every span of the event, trigger first (handy for checking offsets)."""
        out: list[Span] = [self.trigger, *self.who, *self.where]
        if self.when is not None:
            out.append(self.when)
        out += [c for c in (self.casualties.killed, self.casualties.injured) if c is not None]
        for s in self.seizures:
            out.append(s.item)
            if s.quantity is not None:
                out.append(s.quantity)
        return out
