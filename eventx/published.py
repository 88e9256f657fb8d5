"""Publication dates: strict ISO for the Python API, the common written forms for dumps.

:func:`parse_published` is what :meth:`eventx.Extractor.pipe` accepts: an ISO date (a longer ISO
timestamp is cut to its date), a ``date``/``datetime`` or None. :func:`parse_date_text` reads the
forms dumps carry ("Oct 31, 2023", "31 October 2023", "31/10/2023 14:05", "2023/10/31") with
dateparser. **Day and month in all-number dates:** a number over 12 settles which is which
("10/31/2023" is October 31); when both are 12 or under, the day comes first ("03/04/2023" is 3
April), as most of the world's newspapers write dates; convert a US-style dump to ISO first.
Relative words ("yesterday") are not publication dates and are refused.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

__all__ = ["date_argument", "parse_date_text", "parse_published"]

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def parse_published(value: Any) -> dt.date | None:
    """Accept an ISO date string, a ``date`` or ``datetime``, or None.

    Raises:
        ValueError: a string that is not an ISO date.
        TypeError: anything else.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        if not value.strip():
            return None
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            raise ValueError(f"published must be an ISO date like '2023-10-31', not {value!r}") from None
    raise TypeError(f"published must be a str, datetime.date or None, not {type(value).__name__}")


def parse_date_text(value: Any) -> dt.date | None:
    """A publication date written in any common form (see the module notes), or None.

    Raises:
        ValueError: a value that is no date with day, month and a four-digit year.

    Example:
        >>> parse_date_text("Oct 31, 2023"), parse_date_text("03/04/2023 14:05")
        (datetime.date(2023, 10, 31), datetime.date(2023, 4, 3))
    """
    try:
        return parse_published(value)
    except TypeError:
        raise ValueError(f"published is a {type(value).__name__}, not a date") from None
    except ValueError:
        pass
    text = value.strip()
    if _YEAR.search(text):
        import dateparser

        parsed = dateparser.parse(text, languages=["en"], settings={
            "DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"],
            "RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DATES_FROM": "past"})
        if parsed is not None:
            return parsed.date()
    raise ValueError(f"published {value!r} is not a date this reads (a day, a month and a "
                     "four-digit year)")


def date_argument(value: str) -> str:
    """An ``argparse`` type for ``--published``: the value unchanged if :func:`parse_published`
    reads it, else a usage error with its reason."""
    import argparse

    try:
        parse_published(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return value
