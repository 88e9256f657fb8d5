"""eventx: structured event records from news text."""

__version__ = "0.1.0"
