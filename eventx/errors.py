"""The exceptions eventx raises. Catch :class:`EventxError` to catch them all."""

from __future__ import annotations

__all__ = ["AnnotationError", "ConfigError", "EventxError", "ModelLoadError"]


class EventxError(Exception):
    """Base class of every error eventx raises on purpose."""


class ModelLoadError(EventxError):
    """A model folder is missing a file, or its files disagree with its config."""


class ConfigError(EventxError):
    """A configuration file has an unknown key or a bad value; the message names file and key."""


class AnnotationError(EventxError):
    """An annotation file is broken.

    Attributes:
        path: the file, line: its 1-based line number (or None), field: the dotted field path.
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 field: str | None = None) -> None:
        self.path, self.line, self.field, self.reason = path, line, field, message
        where = ":".join(str(x) for x in (path, line) if x is not None)
        prefix = f"{where}: " if where else ""
        at = f"field '{field}': " if field else ""
        super().__init__(f"{prefix}{at}{message}")
