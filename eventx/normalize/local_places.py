"""A country for places the gazetteer lacks, from what the article says around them.

Hamlets, cantons, farms and city neighbourhoods ("los tamarindos", "zacamil", "the pavon
rehabilitation farm") are too small for any offline gazetteer. A careful reader still knows their
country from the text, and so does :func:`resolve_article`, by these rules, in this order. Every
occurrence of a mention in the article is read (one name in one article is one place). A country
found this way comes from the context, not from the gazetteer: the place keeps null coordinates.

1. **Container.** A place stated inside a known one is in its country: "los tamarindos, san miguel
   department", "the hamlet of X in Y province", "X, Colombia", "X (Peru)", "los tamarindos, which
   is located 6 km west of the city of usulutan", "oroya, a mining town in the peruvian jungle".
   The container is read right after the mention (after a feature word: "the Williamsbridge
   section of the Bronx") and must begin with its name ("according to Los Angeles County" is no
   container). After a comma it must be a country, US state or first-level division, or be named
   as a unit ("san miguel city", "tecoluca jurisdiction"): a town after a comma is the next item
   of a list ("mejicanos, ayutuxtepeque"), unless the mention is a local place ("valle nuevo
   neighborhood, ilopango"). Unknown names between them are passed over ("las palmeras canton,
   piedra larga, tecoluca jurisdiction, san vicente department"). What the text states
   beats a homonym elsewhere: "the hamlet of san andres, san miguel department" is in El
   Salvador although the gazetteer's San Andres is a town of Honduras.
2. **Local place in the article's country.** A phrase headed by a word for a local feature
   (:data:`LOCAL_FEATURES`: "the X farm", "X canton", "the hamlet of X", "the suburb of X",
   "zacamil neighborhood", the items of "the neighborhoods of A, B and C" and of "A, B and C
   neighborhoods", "the town of X") with no container takes the article's country, where the
   article has exactly one (:func:`article_country`). Such a phrase names a place, not a
   homonymous small town or region elsewhere: the "santo tomas" presidential farm of a
   Guatemalan article is not a Santo Tomas of Mexico.
3. Otherwise the gazetteer's answer stands, nulls included: a bare unknown name ("killed in la
   rica") is not given the article's country, and no local place is placed in an article whose
   places point to several countries.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from collections.abc import Sequence
from functools import lru_cache

from eventx.normalize._text import fold
from eventx.normalize.gazetteer import Entry, name_key
from eventx.normalize.places import PlaceContext, PlaceResolver, Resolution, as_resolution
from eventx.schema import Span

__all__ = ["LOCAL_FEATURES", "article_country", "default_resolver", "resolve_article",
           "resolve_places"]

#: Words that head the name of a place smaller than a town (or a site in one).
LOCAL_FEATURES = frozenset({
    "neighborhood", "neighbourhood", "canton", "hamlet", "farm", "finca", "hacienda", "ranch",
    "estate", "colonia", "barrio", "caserio", "corregimiento", "vereda", "aldea", "zona",
    "jurisdiction", "district", "section", "sector", "suburb", "settlement", "hill", "river",
    "barracks", "palace", "prison",
})
_FEAT = "(?:" + "|".join(sorted(LOCAL_FEATURES, key=len, reverse=True)) + ")"
_FEATS = rf"{_FEAT}s?"
_POPULATED = r"(?:town|village|city)"
_WORD = r"[a-z][\w'\u2019-]*"
_ITEM = rf"{_WORD}(?:\s+{_WORD}){{0,2}}"  # a list item: a name of up to three words
_SEP = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)"
_Y = r"(?P<y>[^,.;:()\"\u201c\u201d\n]{2,80})"

# "the suburb of X", "the town of X", "the neighborhoods of A, B, and X"
_LOCAL_BEFORE = re.compile(
    rf"\b(?:{_FEATS}|{_POPULATED}s?)\s+of\s+(?:the\s+)?(?:{_ITEM}{_SEP}){{0,6}}$")
# 'X neighborhood', '"santo tomas" presidential farm'
_FUNCTION = r"(?:and|or|in|of|at|to|the|on|for|from|by|with|near)\b"
_LOCAL_TAIL = re.compile(rf"[\"'\u201d\u2019]?(?:\s+(?!{_FUNCTION}){_WORD})?\s+{_FEATS}\b")
# "X, Y, and Z neighborhoods"
_LIST_AFTER = re.compile(rf"(?:{_SEP}{_ITEM}){{1,6}}\s+{_FEAT}s\b")
_LOCAL_IN_MENTION = re.compile(rf"\b{_FEATS}\b|\b{_POPULATED}\s+of\b")

_LOCATED = re.compile(rf"\s*,?\s*(?:(?:which|that)\s+is\s+|is\s+)?located\s+"
                      rf"(?:[^,.;:()]{{0,40}}?\s)?(?:in|of|near)\s+{_Y}")
_APPOSITION = re.compile(rf"\s*,\s*(?:an?|the)\s+(?:[a-z-]+\s+){{0,4}}?"
                         rf"(?:{_FEAT}|{_POPULATED}|community|area)\s+(?:in|of)\s+{_Y}")
_IN = re.compile(rf"\s*,?\s+(?:also\s+)?(?P<prep>in|of)\s+{_Y}")
_PAREN = re.compile(rf"\s*\(\s*{_Y}\)")
_COMMA = re.compile(rf"\s*,\s*(?:and\s+)?{_Y}")
# "belgium, spain, the frg, austria": a list, not "the frg" inside Spain
_LIST_GOES_ON = re.compile(
    r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?!in\b|on\b|at\b|the\s+\w+\s+of\b)[a-z]")
# Where a container's name ends and the clause goes on ("in apopa and mariona", "in cutufi where")
_CLAUSE = re.compile(
    r"\s(?:and|or|where|which|who|when|while|after|before|since|during|on|at|to|from|by|with|"
    r"against|for|as|but|near|was|were|is|are|has|have|had|because|until|last|this|today|"
    r"yesterday|tonight|according)\b")
_UNIT = re.compile(r"\b(?:city|department|departments|province|state|region|jurisdiction|"
                   r"municipality|intendancy|commissary|county|district|corregimiento|parish)\b")
_BORDER_WITH = re.compile(r"\b(?:borders?|frontier)\s+with\s")
_SMALL = 100_000
_HOPS = 3


def resolve_article(resolver: PlaceResolver, names: list[str], text: str) -> dict[str, Resolution]:
    """Resolve the distinct mentions ``names`` of ``text``: the gazetteer, then the rules above.

    Example:
        >>> from eventx.normalize import PlaceResolver
        >>> text = "troops clashed with rebels at los tamarindos, usulutan department."
        >>> resolve_article(PlaceResolver(), ["los tamarindos"], text)
        {'los tamarindos': ('SV', None, None)}
    """
    names = list(dict.fromkeys(names))
    ctx = resolver.context(text, names)
    low = fold(text)
    found = {name: resolver.entry(name, ctx) for name in names}
    # Only what the gazetteer lacks or settles weakly (a region, a small town) is read again.
    spots = {n: _occurrences(low, n) for n, e in found.items() if e is None or _overridable(e)}
    local = {n: _is_local(low, n, found_at) for n, found_at in spots.items()}
    # A local place's own homonym ("santo tomas" farm: a town of Mexico) is no evidence, nor is
    # a name counted twice (as a context name of the text and as a mention).
    evidence = [e for n, e in found.items() if e is not None and not local.get(n)
                and (name_key(n), e.country) not in ctx.named]
    country = article_country(ctx, evidence)
    out: dict[str, Resolution] = {}
    for name in names:
        entry = found[name]
        border = _BORDER_WITH.search(fold(name))
        if entry is not None and entry.kind == "country" and border \
                and resolver.entry(fold(name)[:border.start()], ctx) is None:
            other = article_country(ctx, evidence, besides=entry.country)
            out[name] = (other, None, None)  # "the border with colombia": the other side
            continue
        if name not in spots and entry is not None:
            if entry.kind != "city" or entry.country == country:
                out[name] = as_resolution(entry)
                continue
            # a big town abroad: "san carlos, morazan department" may still say otherwise
            spots[name], local[name] = _occurrences(low, name), False
        container, inside_local = None, False
        for pos, _ in spots[name]:
            container, inside = _container(resolver, low, pos, local[name], ctx)
            inside_local = inside_local or inside  # "sajandi, la fonda corregimiento"
            if container is not None:
                break
        out[name] = as_resolution(_decide(resolver, name, entry, local[name] or inside_local,
                                          container, country, ctx))
    return out


def article_country(ctx: PlaceContext, entries: Iterable[Entry | None],
                    besides: str | None = None) -> str | None:
    """The one country an article is about, or None.

    What counts: the countries, demonyms, US states and big cities it names, its dateline, and
    the places it mentions that resolve. One country must hold at least three quarters of it and
    be named at least twice: "san salvador ... salvadoran troops ... u.s. advisers" is El
    Salvador; "guatemalan ... venezuelan ... venezuela" is no single country. ``besides``: a
    country left out of the count.
    """
    votes = Counter(ctx.countries)
    votes.update(e.country for e in entries if e is not None)
    if besides is not None:
        del votes[besides]
    if not votes:
        return None
    (top, n), = votes.most_common(1)
    return top if n >= 2 and n >= 3 * (sum(votes.values()) - n) else None


def _country(code: str) -> Entry:
    return Entry("country", code, None, None, 0, None)


def _decide(resolver: PlaceResolver, name: str, entry: Entry | None, local: bool,
            container: Entry | None, country: str | None, ctx: PlaceContext) -> Entry | None:
    if container is not None and (entry is None or (
            entry.kind == "city" and entry.country != container.country
            and (local or container.kind != "city"))):
        if local:  # "the hamlet of san andres": not the town of that name
            return _country(container.country)
        return resolver.entry(name, ctx, within=container.country) or _country(container.country)
    if not local or country is None:
        return entry
    if entry is None or (entry.country != country and _overridable(entry)):
        return _country(country)
    return entry


def _overridable(entry: Entry) -> bool:
    """A region or small town: a local place of that name elsewhere is no less likely."""
    return entry.kind == "region" or (entry.kind == "city" and entry.population < _SMALL)


def _occurrences(low: str, name: str) -> list[tuple[int, bool]]:
    """For each occurrence of ``name`` (whole words, eight at most): where the text goes on
    after it, past a feature word ("zacamil neighborhood"), and whether the text there makes it
    a local place ("the suburb of X", "X, Y and Z neighborhoods", "X, a town in ...")."""
    key = fold(name).strip()
    out: list[tuple[int, bool]] = []
    start = low.find(key) if key else -1
    while start >= 0 and len(out) < 8:
        end = start + len(key)
        if (start == 0 or not low[start - 1].isalnum()) and (end == len(low)
                                                             or not low[end].isalnum()):
            tail = _LOCAL_TAIL.match(low, end)
            out.append((tail.end(), True) if tail else (end, _LOCAL_BEFORE.search(
                low, max(0, start - 200), start) is not None or bool(_LIST_AFTER.match(low, end))
                or bool(_APPOSITION.match(low, end))))
        start = low.find(key, start + 1)
    return out


def _is_local(low: str, name: str, spots: list[tuple[int, bool]]) -> bool:
    return bool(_LOCAL_IN_MENTION.search(fold(name))) or any(local for _, local in spots)


def _known(resolver: PlaceResolver, y: str, ctx: PlaceContext) -> Entry | None:
    """A settled place for a container phrase; one named as a unit ("yumbo municipality") is a
    division of its country, not the town."""
    entry = resolver.entry(y, ctx, strict=True)
    if entry is not None and entry.kind == "city" and _UNIT.search(y):
        return Entry("region", entry.country, None, None, 0, entry.admin1)
    return entry


def _segment(y: str) -> str:
    cut = _CLAUSE.search(y)
    return (y[:cut.start()] if cut else y).strip()


def _container(resolver: PlaceResolver, low: str, pos: int, local: bool,
               ctx: PlaceContext) -> tuple[Entry | None, bool]:
    """The known place that the text right after ``pos`` says a mention is in, and whether an
    unknown local unit ("la fonda corregimiento") stands between them."""
    for pattern in (_LOCATED, _APPOSITION, _PAREN):
        m = pattern.match(low, pos)
        if m:
            return _known(resolver, _segment(m.group("y")), ctx), False
    m = _IN.match(low, pos)
    if m and (m.group("prep") == "in" or local):
        return _known(resolver, _segment(m.group("y")), ctx), False
    inside_local = passed = False
    for _ in range(_HOPS):  # "X, Y department", passing over unknown units and names
        m = _COMMA.match(low, pos)
        if not m:
            break
        y = _segment(m.group("y"))
        words = y.split()[1:] if y.startswith("the ") else y.split()
        if len(words) > 1 and words[0] in resolver.demonyms:
            break  # "..., guatemalan president cerezo went": a clause, not a container
        unit = _UNIT.search(y)  # "san miguel city", "tecoluca jurisdiction"
        sibling = not unit and _LOCAL_IN_MENTION.search(y)  # "X canton, Y hamlet"
        entry = _known(resolver, y, ctx) if y and not sibling else None
        if entry is not None:
            if unit:
                return entry, inside_local
            if _LIST_GOES_ON.match(low, m.start("y") + len(y)):
                break  # "belgium, spain, the frg, austria, sweden"
            # a region or country; a town only right after a neighbourhood or hamlet
            town_ok = (local or inside_local) and not passed
            return (entry if entry.kind != "city" or town_ok else None), inside_local
        if not y or y != m.group("y").strip() or len(y.split()) > 4:
            break  # a clause, not a name
        inside_local = inside_local or bool(unit)  # "sajandi, la fonda corregimiento"
        passed = passed or not unit
        pos = m.end()
    return None, inside_local


@lru_cache(maxsize=1)
def default_resolver() -> PlaceResolver:
    """The process's one :class:`PlaceResolver` (its gazetteer is built on the first call)."""
    return PlaceResolver()


def resolve_places(mentions: Sequence[str | Span], text: str) -> list[Resolution]:
    """Resolve the place mentions of one article, each to ``(country, latitude, longitude)``.

    Args:
        mentions: the mentions, as spans (:class:`~eventx.schema.Place`) or strings.
        text: the article, for context (other places, demonyms, dateline).

    Returns:
        One ``(country, latitude, longitude)`` per mention, in order, with None where the
        gazetteer does not know the place or where the text does not settle it.

    Example:
        >>> resolve_places(["Subotica", "the Serbian border"], "Police in Subotica, Serbia ...")
        [('RS', 46.1, 19.66667), ('RS', None, None)]
    """
    names = [m if isinstance(m, str) else m.text for m in mentions]
    found = resolve_article(default_resolver(), names, text)
    return [found[name] for name in names]
