"""Place mentions resolved to a country (ISO 3166-1 alpha-2) and coordinates.

A mention is matched against the gazetteer by its longest known names ("the Simke hostel in
Subotica" -> "Subotica"; "the Serbian border with Hungary" -> the demonym "Serbian"). Among the
places sharing a name, the choice weighs:

* what the mention itself says: "Akron, Ohio", "Springfield, Ill.", "Flores, Guatemala";
* the article's context: countries and US states it names (in lower-case text, names that are
  also common words such as "Jordan" or "Turkey" are left out), demonyms, the dateline
  ("AKRON, Ohio --") and the other place mentions;
* prominence (population), with a country or US state above a town of the same name and a
  place's own name above an alternate name; a town of under a hundredth the size of a namesake
  city of a million people is taken only where its US state or two mentions of its country back
  it ("bogota" with one "u.s." nearby is Bogota, Colombia, not New Jersey).

Weak matches are taken only where the article backs their country (names it at least a third as
often as its main country): a name found only inside a longer unknown name ("Granada" in
"Granada Hills"), an alternate name, or, in an article that names countries, a town of under
100,000 people elsewhere (a neighbourhood of San Salvador called Escalon is not Escalon,
California). Countries, states and regions get a country code but no coordinates. A mention with
no known name keeps null values, unless the text around it gives its country
(:mod:`eventx.normalize.local_places`, whose :func:`~eventx.normalize.local_places.resolve_places`
resolves the mentions of an article with both).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from eventx.normalize._text import DATELINE, fold
from eventx.normalize.gazetteer import (
    AMBIGUOUS_WORDS,
    DEMONYMS,
    LANGUAGES,
    US_STATE_ABBREV,
    Entry,
    Gazetteer,
    name_key,
)
from eventx.normalize.gazetteer_store import load_gazetteer

__all__ = ["PlaceContext", "PlaceResolver", "Resolution", "as_resolution"]

Resolution = tuple["str | None", "float | None", "float | None"]
_NONE: Resolution = (None, None, None)

_STREET = re.compile(r"^(?:street|st\.?|avenue|ave\.?|road|rd\.?|boulevard|blvd\.?|drive|dr\.?|"
                     r"lane|ln\.?|way|court|ct\.?|place|pl\.?|highway|hwy\.?|parkway|pkwy\.?|"
                     r"terrace|circle|block|bridge|park|square|plaza|expressway|freeway|route)$")
_GENERIC = {
    "the", "a", "an", "of", "in", "near", "at", "outside", "around", "city", "town", "village",
    "municipality", "department", "departments", "province", "state", "region", "county",
    "district", "area", "areas", "border", "borders", "north", "south", "east", "west",
    "northern", "southern", "eastern", "western", "central", "northeast", "northwest",
    "southeast", "southwest", "northeastern", "northwestern", "southeastern", "southwestern",
    "downtown", "suburb", "suburbs", "outskirts", "capital", "metropolitan", "metro", "greater",
    "side", "part", "parts", "zone", "jurisdiction", "intendancy", "commissary", "neighborhood",
    "township", "parish", "rural", "vicinity", "nearby", "port", "island", "coast",
    "with", "and", "between", "from", "to", "on", "into", "across", "along", "inside", "upper",
    "lower", "el", "la", "los", "las", "st", "st.", "city's", "country", "crossing", "frontier",
    "sector", "sectors", "territory", "peripheral", "heart", "streets", "main",
}
# A name followed by one of these names a smaller place ("the Escalon neighborhood", "America
# neighborhood", "La Laguna jurisdiction"): the name alone is not that place.
_SUBPLACE = {"neighborhood", "neighborhoods", "neighbourhood", "canton", "hamlet", "farm",
             "colonia", "barrio", "district", "jurisdiction", "corregimiento", "estate", "hill",
             "ranch", "village", "settlement", "township", "camp", "base", "airport", "station",
             "street", "avenue", "road", "boulevard", "highway", "palace", "hotel", "school",
             "university", "hospital", "church", "market", "mall", "restaurant", "bridge", "park"}
_SMALL = 100_000
_WORLD_CITY = 1_000_000
_WORD = re.compile(r"[^\W_]+(?:[.'\u2019][^\W_]+)*\.?")
_POSTAL = re.compile(r",\s*([A-Z]{2})\b(?![a-z])")
_PREPOSITIONS = {",", "in", "near", "of", "at", "outside", "from", "to", "between", "with", "into",
                 "across", "along", "inside", "around", "and"}
_REGION_WORDS = {"department", "province", "region", "state", "intendancy", "commissary"}
_KIND_BONUS = {"country": 8.0, "state": 4.0, "region": 2.0, "city": 0.0}
_CONTEXT_BONUS = 6.0
_STATE_BONUS = 2.0
_ALTERNATE_PENALTY = 2.5


def _key(text: str) -> list[str]:
    """A mention's words as the gazetteer spells them, with its commas kept as "," tokens
    ("Springfield, Ill." is a town and its state; "Granada Hills" is one name)."""
    out: list[str] = []
    for part in text.split(","):
        out += [","] if out else []
        out += name_key(part).split()
    return out


@dataclass
class PlaceContext:
    """What an article says about where it is: country and US-state counts, and its dateline."""

    countries: Counter[str] = field(default_factory=Counter)
    states: Counter[str] = field(default_factory=Counter)
    dateline: tuple[int, int] | None = None
    #: what each name found in the text added: (name, country) -> count
    named: Counter[tuple[str, str]] = field(default_factory=Counter)

    def without(self, names: set[str]) -> PlaceContext:
        """The context less what ``names`` themselves added: a name is no context for itself
        ("Georgia" says nothing about which Georgia it is)."""
        own: Counter[str] = Counter()
        for (name, country), n in self.named.items():
            if name in names:
                own[country] += n
        if not own:
            return self
        return PlaceContext(self.countries - own, self.states, self.dateline, self.named)

    def backs(self, country: str) -> bool:
        """Whether the article is about ``country`` enough to accept a weak match there: it
        names it at least a third as often as its main country."""
        top = max(self.countries.values(), default=0)
        return self.countries[country] * 3 >= top > 0


@dataclass(frozen=True)
class _Match:
    start: int  # token index
    end: int
    entries: tuple[Entry, ...]


class PlaceResolver:
    """Resolve place mentions with a shared, cached gazetteer.

    Example:
        >>> r = PlaceResolver()
        >>> text = "Police arrested dozens at a hostel in Subotica, near Serbia's border."
        >>> r.resolve("Subotica", r.context(text))
        ('RS', 46.1, 19.66667)
    """

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or load_gazetteer()
        names = {name_key(n) for n in (*self.gazetteer.country_names, *DEMONYMS,
                                        *US_STATE_ABBREV)} - LANGUAGES
        names |= self.gazetteer.state_names
        names |= set(self.gazetteer.big_cities)
        self._context_names = names
        self._first_words: dict[str, int] = {}  # first word -> the most words a name has
        for name in names:
            first, n = name.split()[0].rstrip("."), len(name.split())
            self._first_words[first] = max(n, self._first_words.get(first, 0))
        self.demonyms = {name_key(k): v for k, v in DEMONYMS.items()}

    # ------------------------------------------------------------------ context
    def context(self, text: str, mentions: Sequence[str] = ()) -> PlaceContext:
        """Collect the countries and states ``text`` names, its dateline and other mentions."""
        ctx = PlaceContext()
        lower_case = text == text.lower() or text == text.upper()
        mentioned = {name_key(m) for m in mentions}
        for start, name in self._context_names_in(text):
            if lower_case and name in AMBIGUOUS_WORDS:
                continue
            if name in mentioned and name in self.gazetteer.big_cities:
                continue  # "guadalupe" may be a neighbourhood: a city being resolved backs nothing
            if not lower_case and not text[start].isupper():
                continue
            for entry in self._named(name):
                ctx.countries[entry.country] += 1
                ctx.named[(name, entry.country)] += 1
                if entry.kind == "state" and entry.admin1:
                    ctx.states[entry.admin1] += 1
        if not lower_case:  # "Lima, OH", "YORK, PA"
            for m in _POSTAL.finditer(text):
                if m.group(1) in self.gazetteer.state_codes:
                    ctx.countries["US"] += 1
                    ctx.states[m.group(1)] += 1
        dateline = DATELINE.search(text, 0, 400)
        if dateline and dateline.group(1) != dateline.group(1).lower():
            ctx.dateline = dateline.span()
            city = dateline.group(1) + (f", {dateline.group(2)}" if dateline.group(2) else "")
            country, *_ = self.resolve(city, ctx)
            if country:
                ctx.countries[country] += 3
        for mention in mentions:
            tokens = _key(mention)
            clean = [m for m in self._matches(tokens) if not _embedded(tokens, m)]
            entries = [e for e in clean[0].entries if not e.alternate] if clean else []
            if entries and len({e.country for e in entries}) == 1:
                ctx.countries[entries[0].country] += 1
        return ctx

    def _context_names_in(self, text: str) -> list[tuple[int, str]]:
        """The longest context names in ``text``, word n-grams looked up in a set."""
        words = [(m.start(), m.group(0)) for m in _WORD.finditer(fold(text).replace("-", " "))]
        out = []
        i = 0
        while i < len(words):
            longest = self._first_words.get(words[i][1].rstrip("."), 0)
            for n in range(min(longest, len(words) - i), 0, -1):
                name = " ".join(w for _, w in words[i:i + n])
                if name not in self._context_names:
                    name = name.rstrip(".")  # "Texas." at the end of a sentence
                if name in self._context_names:
                    out.append((words[i][0], name))
                    i += n
                    break
            else:
                i += 1
        return out

    def _named(self, name: str) -> list[Entry]:
        if name in self.demonyms:
            return [Entry("country", self.demonyms[name], None, None, 0, None)]
        if name in self.gazetteer.big_cities:
            return [Entry("country", self.gazetteer.big_cities[name], None, None, 0, None)]
        return [e for e in self.gazetteer.lookup(name) if e.kind in {"country", "state"}]

    # ------------------------------------------------------------------ matching
    def _lookup(self, words: list[str]) -> tuple[Entry, ...]:
        phrase = " ".join(words)
        if phrase in self.demonyms and len(words) <= 2:
            return (Entry("country", self.demonyms[phrase], None, None, 0, None),)
        entries = self.gazetteer.names.get(phrase) or self.gazetteer.names.get(phrase.rstrip("."))
        if not entries and phrase.endswith("'s"):
            entries = self.gazetteer.names.get(phrase[:-2])
        if not entries and ("'" in phrase or "\u2019" in phrase):  # "Tillman's Corner"
            entries = self.gazetteer.names.get(re.sub("['\u2019]", "", phrase))
        return tuple(entries or ())

    def _matches(self, tokens: list[str]) -> list[_Match]:
        """Longest known names in ``tokens``, left to right, skipping street names."""
        out: list[_Match] = []
        i = 0
        while i < len(tokens):
            found = None
            for n in range(min(5, len(tokens) - i), 0, -1):
                words = tokens[i:i + n]
                if words[0] in {"the", "a", "an", "of", "in", "near", "at"}:
                    continue
                if i + n < len(tokens) and _STREET.match(tokens[i + n]):
                    continue
                if n == 1 and (words[0] in _GENERIC or (len(words[0]) < 3 and "." not in words[0])
                               or (words[0] in _SUBPLACE and len(tokens) > 1)):
                    continue  # "canton" in "el mayuelo canton" is a head noun, not Canton
                entries = self._lookup(words)
                if entries:
                    found = _Match(i, i + n, entries)
                    break
            if found:
                out.append(found)
                i = found.end
            else:
                i += 1
        return out

    # ------------------------------------------------------------------ resolution
    def resolve(self, mention: str, context: PlaceContext | None = None) -> Resolution:
        """Resolve one mention to ``(country, latitude, longitude)``; nulls where unknown."""
        return as_resolution(self.entry(mention, context))

    def entry(self, mention: str, context: PlaceContext | None = None, *, strict: bool = False,
              within: str | None = None) -> Entry | None:
        """The gazetteer entry ``mention`` resolves to, or None.

        ``strict``: only a settled answer: one name with words such as "the", "northern",
        "department" around it ("according to Los Angeles County", "an effort" are none), and a
        country the article names or no namesake a tenth as big elsewhere ("Paris" is settled,
        "santa ana" alone is not). ``within``: a country the text puts the place in.
        """
        tokens = _key(mention)
        matches = self._matches(tokens)
        if not matches:
            return None
        ctx = (context or PlaceContext()).without(
            {" ".join(tokens[m.start:m.end]) for m in matches})
        # a demonym is an adjective ("the Peruvian jungle"), never part of a longer unknown name
        demonyms = [" ".join(tokens[m.start:m.end]) in self.demonyms for m in matches]
        flags = [_embedded(tokens, m) and not d for m, d in zip(matches, demonyms, strict=True)]
        pick = flags.index(False) if False in flags else 0
        main, embedded = matches[pick], flags[pick]
        after = [] if demonyms[pick] else tokens[main.end:]
        if strict and (tokens[0] in {"a", "an"} or any(
                t not in _GENERIC for t in tokens[:main.start] + after)):
            return None
        entries = list(main.entries)
        if within is not None:
            entries = [e for e in entries if e.country == within]
            if not entries:
                return Entry("country", within, None, None, 0, None)
            return max(entries, key=lambda e: self._score(e, ctx))
        # "Akron, Ohio" / "Flores, Guatemala": a later state or country qualifies the name.
        for qual in matches[pick + 1:]:
            scope = [e for e in qual.entries if e.kind in {"state", "country"}]
            if not scope:
                continue
            inside = [e for e in entries if any(_within(e, s) for s in scope)]
            if inside:
                entries = inside
            elif main.entries[0].kind == "city":
                return max(scope, key=lambda e: self._score(e, ctx))
            break
        if any(t in _REGION_WORDS for t in tokens[main.end:main.end + 2]):
            regions = [e for e in entries if e.kind == "region"]  # "Usulutan department"
            if strict and not regions:
                return None  # "libertad department" is no town called Libertad
            entries = regions or entries
        best = max(entries, key=lambda e: self._score(e, ctx))
        world = max(entries, key=lambda e: e.population if not e.alternate else 0)
        if best.kind == "city" and not world.alternate \
                and world.population >= _WORLD_CITY > best.population * 100 \
                and ctx.countries[best.country] < 2 \
                and not (best.country == "US" and best.admin1 in ctx.states) \
                and not any(e.kind == "region" and e.country == best.country for e in entries):
            best = world  # "bogota" and one "u.s." nearby: not Bogota, New Jersey
        if strict and not ctx.countries[best.country] and best.kind not in {"country", "state"} \
                and any(e.country != best.country and e.population * 10 > best.population
                        for e in entries if not e.alternate):
            return None  # "santa ana" alone: El Salvador's or California's
        if not ctx.backs(best.country) and (
                embedded or best.alternate
                or (ctx.countries and best.kind == "city" and best.population < _SMALL)):
            return None  # a weak match that the article's places do not back
        return best

    def _score(self, e: Entry, ctx: PlaceContext) -> float:
        score = e.weight + _KIND_BONUS[e.kind]
        if e.alternate:
            score -= _ALTERNATE_PENALTY
        if e.country in ctx.countries:
            score += _CONTEXT_BONUS
        if e.country == "US" and e.admin1 in ctx.states:
            score += _STATE_BONUS
        return score


def as_resolution(entry: Entry | None) -> Resolution:
    """``(country, latitude, longitude)`` of an entry: coordinates for cities only."""
    if entry is None:
        return _NONE
    if entry.kind != "city":
        return entry.country, None, None
    return entry.country, entry.latitude, entry.longitude


def _embedded(tokens: list[str], match: _Match) -> bool:
    """Whether a name sits inside a longer unknown name ("Granada" in "Granada Hills")."""
    before = tokens[:match.start]
    if before and not any(t in _PREPOSITIONS for t in before) \
            and any(t not in _GENERIC for t in before):
        return True
    for t in tokens[match.end:]:
        if t in _PREPOSITIONS:
            return False
        if t in _SUBPLACE or (t not in _GENERIC and not _STREET.match(t)):
            return True
    return False


def _within(entry: Entry, scope: Entry) -> bool:
    if scope.kind == "state":
        return entry.country == "US" and entry.admin1 == scope.admin1 and entry.kind == "city"
    return entry.country == scope.country
