"""Quantities of seized goods: a value in a small set of units.

Units: mass in ``kg``, ``g`` or ``mg``; volume in ``l`` or ``ml``; ``rounds`` of ammunition;
``pieces`` for anything counted ("eight Kalashnikovs", "40 packets"); ISO 4217 codes for money.

* Tonnes become kilograms (1 t = 1000 kg); pounds and ounces become grams and gallons
  millilitres, rounded to the gram or millilitre.
* :attr:`eventx.schema.Count.value` is an integer, so a fractional value moves to the next smaller
  unit: "1.5 kg" is 1500 g, "1.49 grams" is 1490 mg, "2.5 litres" is 2500 ml. A value that is
  still fractional in the smallest unit (or money in fractions of a unit) is rounded and marked
  approximate.
* Several quantities joined by "and" are added in the smallest unit they share
  ("21 kilos and 114 grams" is 21114 g).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from eventx.normalize.numbers import amounts_in

__all__ = ["parse_quantity"]

# unit word -> (dimension, factor to the dimension's base unit: g, ml, round, piece)
_UNIT_WORDS: dict[str, tuple[str, float]] = {}
for _words, _dim, _factor in (
    ("t ton tons tonne tonnes mt metric-ton metric-tons metric-tonne metric-tonnes", "mass", 1e6),
    ("kg kgs kilo kilos kilogram kilograms kilogramme kilogrammes kilogrammes", "mass", 1e3),
    ("g gr gm gms grs gram grams gramme grammes", "mass", 1.0),
    ("mg milligram milligrams milligramme milligrammes", "mass", 1e-3),
    ("lb lbs pound pounds", "mass", 453.59237),
    ("oz ounce ounces", "mass", 28.349523125),
    ("l lt ltr ltrs litre litres liter liters", "volume", 1e3),
    ("ml millilitre millilitres milliliter milliliters", "volume", 1.0),
    ("gallon gallons", "volume", 3785.411784),
    ("round rounds cartridge cartridges bullet bullets shell shells", "rounds", 1.0),
):
    for _w in _words.split():
        _UNIT_WORDS[_w.replace("-", " ")] = (_dim, _factor)

_METRIC = {1e6, 1e3, 1.0, 1e-3}
# The unit each dimension is reported in, from the largest it may use down to the smallest.
_LADDERS = {"mass": (("kg", 1e3), ("g", 1.0), ("mg", 1e-3)),
            "volume": (("l", 1e3), ("ml", 1.0)),
            "rounds": (("rounds", 1.0),), "pieces": (("pieces", 1.0),)}

_CURRENCY_SYMBOLS = [("us$", "USD"), ("a$", "AUD"), ("c$", "CAD"), ("hk$", "HKD"),
                     ("nz$", "NZD"), ("r$", "BRL"), ("$", "USD"), ("\u20ac", "EUR"),
                     ("\u00a3", "GBP"), ("\u00a5", "JPY"), ("\u20b9", "INR"), ("rs.", "INR"),
                     ("rs", "INR"), ("inr", "INR"), ("usd", "USD"), ("eur", "EUR"),
                     ("gbp", "GBP")]
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "yen": "JPY",
    "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "rupee": "INR", "rupees": "INR",
    "naira": "NGN", "rand": "ZAR", "baht": "THB", "ringgit": "MYR", "rupiah": "IDR",
    "taka": "BDT", "dirham": "AED", "dirhams": "AED", "riyal": "SAR", "riyals": "SAR",
    "quetzal": "GTQ", "quetzales": "GTQ", "colon": None, "colones": None, "pesos": None,
    "peso": None, "sterling": "GBP", "pounds sterling": "GBP", "francs": None, "soles": "PEN",
    "intis": "PEN", "bolivianos": "BOB", "lempiras": "HNL", "cordobas": "NIO", "reais": "BRL",
}
# An adjective that settles an ambiguous currency word: "Colombian pesos", "Canadian dollars".
_CURRENCY_ADJ = {
    ("mexican", "peso"): "MXN", ("colombian", "peso"): "COP", ("philippine", "peso"): "PHP",
    ("argentine", "peso"): "ARS", ("chilean", "peso"): "CLP", ("dominican", "peso"): "DOP",
    ("cuban", "peso"): "CUP", ("canadian", "dollar"): "CAD", ("australian", "dollar"): "AUD",
    ("hong kong", "dollar"): "HKD", ("singapore", "dollar"): "SGD", ("taiwan", "dollar"): "TWD",
    ("new zealand", "dollar"): "NZD", ("jamaican", "dollar"): "JMD", ("pakistani", "rupee"): "PKR",
    ("sri lankan", "rupee"): "LKR", ("nepalese", "rupee"): "NPR", ("salvadoran", "colon"): "SVC",
    ("costa rican", "colon"): "CRC", ("swiss", "franc"): "CHF", ("kenyan", "shilling"): "KES",
    ("ugandan", "shilling"): "UGX", ("tanzanian", "shilling"): "TZS",
}
_ISO = re.compile(r"\b([A-Z]{3})\b")
_CURRENCY_STEM = {"pesos": "peso", "dollars": "dollar", "rupees": "rupee", "colones": "colon",
                  "francs": "franc", "shillings": "shilling"}
_ADJ_CURRENCY = re.compile(
    r"\s*({})\s+(pesos?|dollars?|rupees?|colon(?:es)?|francs?|shillings?)\b".format(
        "|".join(sorted({adj for adj, _ in _CURRENCY_ADJ}, key=len, reverse=True))))
_UNIT_AFTER = re.compile(r"\s*-?\s*(metric\s+tons?|metric\s+tonnes?|pounds\s+sterling|[a-z]+\.?)")


_BARE_UNIT = re.compile(r"\b({})\b".format("|".join(sorted(
    (w for w in _UNIT_WORDS if " " not in w and len(w) > 1), key=len, reverse=True))))
# "a tonne", "a kilo": the article is the number one ("half a tonne" keeps its "a").
_ARTICLE_UNIT = re.compile(r"(?<!half )\b(an?)(\s+(?:metric\s+)?(?:ton|tonne|kilo|kilogram|"
                           r"kilogramme|gram|pound|litre|liter|gallon|ounce)s?\b)")
# A vague amount of things counted one by one ("some wraps"), not of stuff ("a large amount").
_COUNTED = re.compile(r"\s+(?:of\s+)?(?!(?:amounts?|quantit(?:y|ies)|numbers?|volumes?|loads?)\b)"
                      r"[a-z]+s\b")


def _unit_after(low: str, end: int) -> tuple[str, float] | str | None:
    """The unit that follows a number at ``end``: (dimension, factor), a currency code, or None.

    A currency code "?" stands for money in a currency the text does not settle ("pesos").
    """
    adj = _ADJ_CURRENCY.match(low, end)
    if adj:
        word = adj.group(2)
        return _CURRENCY_ADJ[(adj.group(1), _CURRENCY_STEM.get(word, word))]
    m = _UNIT_AFTER.match(low, end)
    if not m:
        return None
    word = re.sub(r"\s+", " ", m.group(1)).rstrip(".")
    if word.startswith("metric "):
        return ("mass", 1e6)
    if word == "pounds sterling" or (word in {"pound", "pounds"}
                                     and re.match(r"\s+sterling", low[m.end():])):
        return "GBP"
    if word in _UNIT_WORDS:
        return _UNIT_WORDS[word]
    if word in _CURRENCY_WORDS:
        return _CURRENCY_WORDS[word] or "?"
    return None


def _currency_before(text: str, low: str, start: int) -> str | None:
    """The currency written before a number ("$2.5 million", "Rs 5 crore", "USD 400,000")."""
    before = low[max(0, start - 6):start].rstrip()
    for symbol, code in _CURRENCY_SYMBOLS:
        if not before.endswith(symbol):
            continue
        if symbol.isalpha() and re.search(r"[a-z]$", before[:-len(symbol)]):
            continue  # "hours 5", not "rs 5"
        return code
    m = _ISO.search(text[max(0, start - 5):start])
    if m:
        from pycountry import currencies  # imported here: only for a rare written code

        if currencies.get(alpha_3=m.group(1)) is not None:
            return m.group(1)
    return None


class _Part(NamedTuple):
    """One number of a quantity phrase: its dimension (or currency), value, unit size, hedge."""

    dim: str
    value: float | None
    factor: float
    approximate: bool


def parse_quantity(text: str) -> tuple[int | None, bool, str | None]:
    """The value, hedge and normalized unit of a quantity phrase.

    Args:
        text: the quantity as written ("40 kilograms", "over a metric tonne", "$2.5 million",
            "eight" in "eight Kalashnikovs").

    Returns:
        ``(value, approximate, unit)``. A number with no unit word counts ``pieces``. ``value`` is
        None where no number is stated ("multiple kilos" gives ``(None, True, "kg")``); ``unit``
        is None for a currency the text does not settle ("pesos" alone).

    Example:
        >>> parse_quantity("40 kilograms"), parse_quantity("over a metric tonne")
        ((40, False, 'kg'), (1000, True, 'kg'))
        >>> parse_quantity("$2.5 million"), parse_quantity("1.5 kg")
        ((2500000, False, 'USD'), (1500, False, 'g'))
    """
    return _parse_quantity(text)


@lru_cache(maxsize=65536)
def _parse_quantity(text: str) -> tuple[int | None, bool, str | None]:
    low = text.lower()
    low_n = _ARTICLE_UNIT.sub(lambda m: "1" + " " * (len(m.group(1)) - 1) + m.group(2), low)
    amounts = amounts_in(low_n)
    parts: list[_Part] = []
    for a in amounts:
        unit = _unit_after(low_n, a.end)
        currency = _currency_before(text, low_n, a.start)
        if currency is not None or isinstance(unit, str):
            parts.append(_Part(currency or str(unit), a.value, 1.0, a.approximate))
        elif unit is not None:
            parts.append(_Part(unit[0], a.value, unit[1], a.approximate))
        elif not a.vague:
            parts.append(_Part("pieces", a.value, 1.0, a.approximate))
    if not parts:  # no number: a unit may still be stated ("several tons", "kilogram-quantities")
        bare = _BARE_UNIT.search(low)
        if bare:
            return None, True, _report_unit(*_UNIT_WORDS[bare.group(1)])
        counted = amounts and _COUNTED.match(low, amounts[0].end)
        return None, bool(amounts), "pieces" if counted else None
    measured = [p for p in parts if p.dim != "pieces"]
    if measured:  # a bare number before a measured one shares its unit: "653 and 1,114 grams"
        parts = [p._replace(dim=measured[0].dim, factor=measured[0].factor)
                 if p.dim == "pieces" else p for p in parts]
    if len({p.dim for p in parts}) > 1:
        parts = parts[:1]  # different dimensions: the first quantity only
    dim = parts[0].dim
    approx = any(p.approximate for p in parts)
    if any(p.value is None for p in parts):
        return None, True, _report_unit(dim, parts[0].factor)
    if dim not in _LADDERS:  # money
        total = sum(p.value or 0 for p in parts)
        return round(total), approx or total != int(total), None if dim == "?" else dim
    base = sum((p.value or 0) * p.factor for p in parts)
    if any(p.factor not in _METRIC for p in parts):
        base = round(base)  # pounds, ounces, gallons: to the nearest gram or millilitre
    return _in_unit(dim, base, max(p.factor for p in parts), approx)


def _report_unit(dim: str, factor: float) -> str | None:
    if dim not in _LADDERS:
        return None if dim == "?" else dim
    for unit, size in _LADDERS[dim]:
        if factor >= size:
            return unit
    return _LADDERS[dim][-1][0]


def _in_unit(dim: str, base: float, stated_factor: float, approx: bool) -> tuple[int, bool, str]:
    """Express ``base`` (in g, ml, rounds or pieces) in the largest ladder unit that is not above
    the stated one and gives a whole number."""
    ladder = _LADDERS[dim]
    start = next((i for i, (_, size) in enumerate(ladder) if stated_factor >= size),
                 len(ladder) - 1)
    for unit, size in ladder[start:]:
        value = base / size
        if abs(value - round(value)) < 1e-6 * max(1.0, abs(value)):
            return round(value), approx, unit
    unit, size = ladder[-1]
    return round(base / size), True, unit
