"""Normalized values for extracted events: dates, counts, quantities and places.

Pure functions, no model. The pipeline calls :func:`normalize_events`; the building blocks are
public and tested alone.

Example:
    >>> import datetime as dt
    >>> from eventx.normalize import parse_count, parse_quantity, resolve_date
    >>> parse_count("at least three")
    (3, True)
    >>> parse_quantity("$2.5 million")
    (2500000, False, 'USD')
    >>> resolve_date("October 27", dt.date(2023, 10, 31))
    (datetime.date(2023, 10, 27), 'day', None)
"""

from eventx.normalize.dates import find_time_expressions, resolve_date
from eventx.normalize.events import normalize_events
from eventx.normalize.numbers import casualty_count, parse_count, participant_count, people_count
from eventx.normalize.local_places import resolve_places
from eventx.normalize.places import PlaceContext, PlaceResolver
from eventx.normalize.quantities import parse_quantity

__all__ = [
    "PlaceContext",
    "PlaceResolver",
    "casualty_count",
    "find_time_expressions",
    "normalize_events",
    "parse_count",
    "parse_quantity",
    "participant_count",
    "people_count",
    "resolve_date",
    "resolve_places",
]
