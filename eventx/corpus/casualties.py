"""Count spans for the ``killed`` and ``injured`` roles: find "two men", "killing three",
"a 25-year-old man" in the text and check that the number they state is the one the source gives.

A *count phrase* is an optional quantifier (``at least``), a number (a digit string, a number word,
``a``/``an``, or ``the`` before a singular noun), up to three modifiers and a noun for people
(``a 25-year-old man``, ``five young children``, ``the victim``); a bare number also counts when a
casualty word stands right next to it (``killing three``, ``two dead``).

A phrase is a ``killed`` (``injured``) span only where a casualty cue ties it to the outcome:

* passive or intransitive after it: ``two men were killed``, ``a woman died``, ``three dead``;
* active before it: ``killing three``, ``killed two soldiers``, ``the death of a civilian``.

:func:`find_count_span` returns the first such phrase whose number equals the outcome count; a
phrase whose number disagrees is never returned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventx.corpus.textutil import Span
from eventx.normalize.numbers import parse_count

__all__ = ["CountPhrase", "count_phrases", "find_count_span", "is_countable", "number_value"]

# Number words of count phrases and of is_countable; number_value takes their values from
# parse_count.
_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
          "fifteen sixteen seventeen eighteen nineteen twenty").split()
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred")
_VAGUE = ("dozens", "hundreds", "thousands", "scores", "several", "many", "some", "dozen")

_NUM = (r"a dozen|dozens of|hundreds of|several|both|\d{1,3}(?:,\d{3})+|\d+|"
        r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
        r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|" + "|".join(_UNITS) +
        r"|an|a|the")
_PEOPLE = (r"(?:wo)?m[ae]n|persons?|people|child(?:ren)?|kids?|boys?|girls?|teens?|teenagers?|"
           r"juveniles?|victims?|adults?|males?|females?|officers?|deput(?:y|ies)|students?|"
           r"residents?|civilians?|soldiers?|peasants?|policem[ae]n|guards?|drivers?|others?|"
           r"relatives?|brothers?|sisters?|sons?|daughters?|infants?|bab(?:y|ies)|toddlers?|"
           r"customers?|employees?|clerks?|members?|priests?|guerrillas?|rebels?|youths?|"
           r"bystanders?|passengers?|workers?|agents?|individuals?|troops?|marines?|journalists?|"
           r"teachers?|farmers?|patrons?|occupants?|friends?|family members?|siblings?|"
           r"cousins?|uncles?|husband|wife|father|mother|grandmother|grandfather|motorists?|"
           r"pedestrians?|suspects?|gunm[ae]n|militants?|insurgents?|fighters?|hostages?|"
           r"passers-by|tourists?|pilots?|crew members?|staff members?")
_MOD = (r"(?:(?:\d+-year-old|(?!(?:and|or|of|who|was|were|in|on|at|by|with|the|an?|" +
        "|".join(_UNITS) + r")\b)[A-Za-z][\w’'-]*)\s+)")
_PHRASE = re.compile(
    rf"\b(?P<q>(?:at least|more than|about|around|nearly|almost|some|approximately|over|up to)\s+)?"
    rf"(?P<n>{_NUM})\s+(?P<m>{_MOD}{{0,3}})(?P<h>{_PEOPLE})\b"
    rf"|\b(?P<a>an?)\s+(?P<age>\d{{1,3}}-year-old)\b(?!\s+{_MOD}{{0,2}}?(?:{_PEOPLE})\b)",
    re.I)
_COUNT_WORD = re.compile(_NUM)
# Count words whose number parse_count reads otherwise: "the" before a singular noun ("the
# victim") names one person, and a lone "hundred" is 100 (parse_count needs a number before a
# scale word).
_WORD_VALUES = {"the": 1, "hundred": 100}
_BARE = re.compile(rf"\b(?:(?:at least|more than|about|nearly)\s+)?(?:{_NUM})\b(?!-)", re.I)

_KILLED_AFTER = (r"killed|slain|murdered|shot (?:dead|to death)|shot and killed|"
                 r"gunned down and killed|fatally (?:shot|wounded|injured|stabbed|struck)|"
                 r"(?:found|pronounced|left|confirmed|reported) dead|stabbed to death|"
                 r"beaten to death|executed|assassinated|massacred")
_INJURED_AFTER = (r"injured|wounded|hurt|hospitali[sz]ed|shot(?! (?:dead|to death|and killed))|"
                  r"grazed|struck|hit|taken to (?:a|the) hospital|treated|"
                  r"in (?:critical|serious|stable|fair|good) condition")
_AUX = (r"(?:\s*,[^,.;]{0,40},)?\s+(?:who\s+)?"
        r"(?:was|were|is|are|has been|have been|had been|got|been)\s+(?:[\w-]+\s+){0,3}?")
_AFTER = {
    "killed": re.compile(rf"^(?:{_AUX}(?:{_KILLED_AFTER})|\s+(?:[\w-]+\s+){{0,2}}?(?:died|dies|"
                         rf"dead|perished|succumbed)\b)", re.I),
    "injured": re.compile(rf"^{_AUX}(?:{_INJURED_AFTER})(?!\s+(?:and killed|to death|dead))",
                          re.I),
}
_BEFORE = {
    "killed": re.compile(r"\b(?:kill(?:ed|ing|s)?|murder(?:ed|ing)|slew|slaying|claimed the lives? "
                         r"of|deaths? of)\s+(?:(?:his|her|their|its)\s+)?$",
                         re.I),
    "injured": re.compile(r"\b(?:injur(?:ed|ing|es)|wound(?:ed|ing|s)|hurt(?:ing)?|"
                          r"shot and wounded|"
                          r"injuries to)\s+(?:(?:his|her|their|its)\s+)?$", re.I),
}
_BARE_AFTER = {"killed": re.compile(r"^\s+(?:(?:were|are|reported)\s+)?(?:dead|killed)\b", re.I),
               "injured": re.compile(r"^\s+(?:(?:were|are|reported)\s+)?(?:injured|wounded|hurt)\b",
                                     re.I)}
_NOT_PEOPLE = re.compile(r"^\s*(?:of\b|percent|%|years?\b|[ap]\.m|o'clock|times?\b|shots?\b|"
                         r"rounds?\b|"
                         r"hours?\b|days?\b|minutes?\b|weeks?\b|months?\b|miles?\b|blocks?\b|"
                         r"bullets?\b|cars?\b|vehicles?\b)", re.I)


@dataclass(frozen=True)
class CountPhrase:
    """A count phrase: its span, the number it states (None for "dozens") and if it is bare."""

    start: int
    end: int
    value: int | None
    bare: bool = False


def number_value(word: str) -> int | None:
    """The number a count word states (``"two"`` -> 2, ``"a"`` -> 1, ``"1,200"`` -> 1200).

    One count word, as :func:`count_phrases` matches them, read by
    :func:`eventx.normalize.numbers.parse_count`; anything else (a phrase, ``"no"``,
    ``"another"``) states no number here, and vague words (``"dozens of"``) state None. The cases
    parse_count reads otherwise are kept as this converter always read them: digit strings are
    read exactly (parse_count goes through a float, which rounds past 2**53), ``"the"`` and a
    lone ``"hundred"`` are :data:`_WORD_VALUES`, and loose hyphenated compounds of number words
    (``"hundred-five"`` -> 105, ``"forty-twelve"`` -> 52) are summed.

    Example:
        >>> number_value("twenty-one"), number_value("an"), number_value("dozens of")
        (21, 1, None)
    """
    w = word.lower().strip()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", w):
        return int(w.replace(",", ""))
    if w in _WORD_VALUES:
        return _WORD_VALUES[w]
    if _COUNT_WORD.fullmatch(w):
        return parse_count(w)[0]
    tens, _, unit = w.partition("-")
    if tens in _TENS and unit in _UNITS:
        first, second = number_value(tens), number_value(unit)
        return None if first is None or second is None else first + second
    return None


def count_phrases(text: str, start: int = 0, end: int | None = None) -> list[CountPhrase]:
    """Every count phrase in ``text[start:end]``, in text order (see the module docstring)."""
    end = len(text) if end is None else end
    out: list[CountPhrase] = []
    taken: list[Span] = []
    pos = start
    while (m := _PHRASE.search(text, pos, end)) is not None:
        if m.group("age"):
            value: int | None = 1
        else:
            n, head = m.group("n").lower(), m.group("h").lower()
            plural = head.endswith(("s", "men", "people", "children", "troops", "-by"))
            if n in ("a", "an", "the") and plural:
                pos = m.start() + 1
                continue
            value = number_value(n)
        out.append(CountPhrase(m.start(), m.end(), value))
        taken.append(m.span())
        pos = m.end()
    for m in _BARE.finditer(text, start, end):
        word = m.group().split()[-1].lower()
        if word in ("a", "an", "the") or any(s <= m.start() < e for s, e in taken):
            continue
        value = number_value(word)
        if value is not None:
            out.append(CountPhrase(m.start(), m.end(), value, bare=True))
    return sorted(out, key=lambda c: c.start)


def _tied(text: str, c: CountPhrase, kind: str) -> bool:
    after = text[c.end:c.end + 90]
    before = text[max(0, c.start - 60):c.start]
    if c.bare:
        if _NOT_PEOPLE.match(after):
            return False
        return bool(_BEFORE[kind].search(before) or _BARE_AFTER[kind].match(after))
    return bool(_AFTER[kind].match(after) or _BEFORE[kind].search(before))


def find_count_span(text: str, value: int, kind: str, region: Span | None = None,
                    exclude: list[Span] | None = None) -> CountPhrase | None:
    """The first count phrase stating ``value`` that a ``kind`` cue ties to the outcome.

    Args:
        text: the document text.
        value: the number killed (or injured) that the source gives; must be positive.
        kind: ``"killed"`` or ``"injured"``.
        region: where to look (default the whole text).
        exclude: spans already used (the killed span when looking for the injured one).

    Example:
        >>> t = "Gunmen opened fire, killing three and wounding two men."
        >>> c = find_count_span(t, 3, "killed"); t[c.start:c.end]
        'three'
    """
    if value <= 0:
        return None
    start, end = region or (0, len(text))
    for c in count_phrases(text, start, end):
        if c.value != value or any(c.start < e and s < c.end for s, e in exclude or []):
            continue
        if _tied(text, c, kind):
            return c
    return None


def is_countable(span_text: str) -> bool:
    """True when a phrase says how many people it names, as ``killed``/``injured`` need.

    A number or quantifier (``three people``, ``dozens of people``), an article or ``one``
    (``a man``), ``the`` before a singular noun (``the mayor``) or a proper name count; a bare
    plural (``soldiers``) does not.
    """
    t = span_text.strip()
    low = t.lower()
    if not t:
        return False
    if re.search(r"\d", t):
        return True
    first = re.split(r"\s+", low)
    lead = first[2] if first[:2] == ["at", "least"] and len(first) > 2 else first[0]
    if lead in _UNITS or lead in _TENS or lead in _VAGUE or lead in ("a", "an", "both"):
        return True
    last = first[-1]
    if lead == "the":
        return not last.endswith("s") or last.endswith("ss")
    caps = [w for w in t.split() if w[:1].isupper()]
    return bool(caps) and len(caps) == len(t.split()) and (len(caps) > 1 or not last.endswith("s"))
