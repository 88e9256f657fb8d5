"""Where eventx keeps files it derives once and reuses: the compact gazetteer, exported encoders.

``$EVENTX_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/eventx``, else ``~/.cache/eventx``. Every
file in it can be deleted at any time: it is rebuilt on next use. Files are keyed by what they
were derived from, so a change of the source data or code gives a new file, never a stale one.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

__all__ = ["atomic_write", "cache_dir", "digest"]


def cache_dir() -> Path:
    """The cache folder (not created here)."""
    env = os.environ.get("EVENTX_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "eventx"


def digest(parts: Iterable[str | bytes]) -> str:
    """A short hex key of ``parts`` (SHA-256, first 16 hex digits)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8") if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()[:16]


def atomic_write(path: Path, write) -> Path:
    """Call ``write(tmp_path)`` then move the file into ``path``, so that a reader never sees a
    half-written file (two processes building the same file at once both succeed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=path.suffix)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path
