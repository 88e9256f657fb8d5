"""eventx: structured event records from news text.

>>> import eventx
>>> events = eventx.extract(text, published="2023-10-31")      # doctest: +SKIP

``extract`` runs the default model (``models/eventx-news-base``) through a cached
:class:`Extractor`; load any other model folder with :meth:`Extractor.from_pretrained`.
"""

from __future__ import annotations

import datetime as _dt
import functools as _functools

from eventx.errors import AnnotationError, ConfigError, EventxError, ModelLoadError
from eventx.extractor import Extractor
from eventx.result import Events
from eventx.incident import Incident, IncidentSettings, incidents
from eventx.schema import (
    Argument,
    Casualties,
    Count,
    Event,
    Participant,
    Place,
    Seizure,
    Span,
    When,
)
from eventx.version import __version__

__all__ = [
    "AnnotationError",
    "Argument",
    "Casualties",
    "ConfigError",
    "Count",
    "Event",
    "EventxError",
    "Extractor",
    "Incident",
    "IncidentSettings",
    "ModelLoadError",
    "Participant",
    "Place",
    "Seizure",
    "Span",
    "When",
    "__version__",
    "extract",
    "incidents",
]


@_functools.lru_cache(maxsize=1)
def _default_extractor() -> Extractor:
    return Extractor.from_pretrained()


def extract(text: str, published: str | _dt.date | None = None, *,
            modality: str = "actual") -> Events:
    """Extract the events of one news text with the default model.

    Args:
        text: the article. Empty or white-space text gives ``[]``; any length works (long
            texts are cut into overlapping windows, nothing is truncated).
        published: the article's date (ISO string, ``datetime.date``) for relative dates.
        modality: ``"actual"`` (default): the events the text says happened; ``"all"``: planned,
            negated and hypothetical events too, each labelled in ``Event.modality``.

    Returns:
        One :class:`Event` per event, repeated mentions merged, in order of first mention: a
        ``list`` (:class:`eventx.result.Events`) that keeps the text and, in a notebook, shows
        the events marked on it.

    Raises:
        TypeError: ``text`` is not a ``str``.
        ModelLoadError: the default model is missing or broken.

    Example:
        >>> [e.type for e in extract("Police arrested two men in Subotica.")]   # doctest: +SKIP
        ['arrest']
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    if modality not in ("actual", "all"):
        raise ValueError(f"modality must be 'actual' or 'all', not {modality!r}")
    if not text.strip():
        return Events([], text, published)
    return _default_extractor()(text, published, modality=modality)
