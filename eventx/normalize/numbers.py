"""Numbers in count phrases: numerals, number words, vague quantities and hedges.

``parse_count("at least three people") == (3, True)``; ``parse_count("dozens of") == (None, True)``.
The value is the number the text states (the lower bound for "at least 3", "more than 20",
"10 to 15"), or None where the text states none ("dozens", "scores", "several") or only an upper
bound ("up to 30", "fewer than 10").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Amount", "amounts_in", "casualty_count", "find_amounts", "parse_count",
           "participant_count", "people_count"]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
         "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9,
           "lakh": 10**5, "lakhs": 10**5, "crore": 10**7, "crores": 10**7}
_SHORT_SCALES = {"k": 1000, "m": 10**6, "mn": 10**6, "bn": 10**9, "b": 10**9}
# Plural quantity words with no number before them state no value: "dozens", "hundreds of".
_VAGUE = {"dozens", "scores", "hundreds", "thousands", "millions", "billions", "tens", "several",
          "many", "numerous", "multiple", "various", "countless", "some", "few", "lakhs", "crores"}
_VAGUE_PHRASES = re.compile(
    r"\b(?:a (?:few|number of|handful of|handful|lot of|lots of|group of|couple of|series of)"
    r"|(?:an? )?(?:unknown|undetermined|unspecified|undisclosed|large|small|huge|big|significant)"
    r" (?:numbers?|quantit(?:y|ies)|amounts?))\b")
_HEDGE_KEEP = re.compile(
    r"\b(?:at least|more than|over|upwards of|in excess of|about|around|approximately|approx\.?"
    r"|roughly|some|nearly|almost|close to|an estimated|estimated|just over|just under|circa"
    r"|or more|or so|plus|\+)\s*$")
_HEDGE_UPPER = re.compile(
    r"\b(?:up to|as many as|less than|fewer than|under|at most|no more than|not more than"
    r"|below)\s*$")
_TOKEN = re.compile(r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[a-z]+|[$\u20ac\u00a3\u00a5+]|\S")
_AGE = re.compile(
    r"\b(?:\d+|[a-z]+(?:-[a-z]+)?)\s*-?\s*(?:years?|yrs?|months?|weeks?|days?)\s*-?\s*olds?\b"
    r"|\bage[ds]?\s+\d+(?:\s*(?:,|and|to|-)\s*\d+)*"
    r"|(?<=[a-z]),\s*\d{1,3}\s*(?=,|$|\))"  # AP style "Ronald Munn, 28,"
    r"|\(\s*\d{1,3}\s*\)"
    r"|\b\d{1,2}:\d\d\b|\b\d{1,2}\s*[ap]\.?m\b\.?"
    r"|\b(?:in|of|since)\s+(?:19|20)\d\d\b"
    r"|\b\d+(?:st|nd|rd|th)\b")  # ordinals: "6th and Wright" is a street


@dataclass(frozen=True)
class Amount:
    """A number phrase found in a text: where it is, its value, and how it is hedged.

    Attributes:
        start: offset of the phrase in the (lower-cased) text.
        end: offset one past it.
        value: the number, None for a vague quantity ("dozens") or an upper bound only.
        approximate: True when hedged or vague.
        vague: True for a quantity word with no number ("dozens", "several").
    """

    start: int
    end: int
    value: float | None
    approximate: bool
    vague: bool = False


def _word_value(word: str) -> int | None:
    if word in _UNITS:
        return _UNITS[word]
    if word in _TENS:
        return _TENS[word]
    if "-" in word:
        head, _, tail = word.partition("-")
        if head in _TENS and tail in _UNITS and 0 < _UNITS[tail] < 10:
            return _TENS[head] + _UNITS[tail]
    return None


def _numeral(tokens: list[re.Match[str]], i: int) -> tuple[float, int] | None:
    """Read one number starting at token ``i``: returns (value, index after it) or None."""
    text = [t.group(0) for t in tokens]
    n = len(text)
    j = i
    total = 0.0
    current: float | None = None
    if text[j] in {"a", "an", "one"} and j + 1 < n and text[j + 1] in {"dozen", "hundred",
                                                                          "thousand", "million",
                                                                          "billion", "score"}:
        current, j = 1.0, j + 1
    elif text[j] == "half" and j + 2 < n and text[j + 1] == "a" and text[j + 2] == "dozen":
        return 6.0, j + 3
    elif text[j] == "half" and j + 2 < n and text[j + 1] in {"a", "an"}:
        return 0.5, j + 2  # "half a tonne": the unit follows
    while j < n:
        word = text[j]
        if word[0].isdecimal():
            if current is not None:
                break
            current = float(word.replace(",", ""))
            j += 1
            if j < n and text[j] in _SHORT_SCALES and tokens[j].start() == tokens[j - 1].end():
                current *= _SHORT_SCALES[text[j]]
                j += 1
            continue
        value = _word_value(word)
        if word in _TENS and j + 2 < n and text[j + 1] == "-" \
                and 0 < _UNITS.get(text[j + 2], 0) < 10:
            value, j = _TENS[word] + _UNITS[text[j + 2]], j + 2  # "twenty-one", "twenty - one"
        if value is not None:
            if current is not None and not ((current >= 100 and current % 100 == 0 and value < 100)
                                            or (current % 10 == 0 and 20 <= current < 100
                                            and value < 10)):
                break
            current = (current or 0) + value
            j += 1
            continue
        if word in _SCALES and current is not None:
            scale = _SCALES[word]
            if scale == 100:
                current *= 100
            else:
                total += current * scale
                current = None
            j += 1
            continue
        if word == "dozen" and current is not None:
            current *= 12
            j += 1
            continue
        if word == "score" and current is not None:
            current *= 20
            j += 1
            continue
        if word == "and" and current is not None and current >= 100 and j + 1 < n \
                and _word_value(text[j + 1]) is not None:
            j += 1  # "one hundred and twenty"
            continue
        break
    if current is None and total == 0:
        return None
    return total + (current or 0), j


def find_amounts(text: str) -> list[Amount]:
    """Every number phrase in ``text`` (lower-case it first), with its hedge.

    Example:
        >>> [(a.value, a.approximate) for a in find_amounts("at least 3 dead, dozens hurt")]
        [(3.0, True), (None, True)]
    """
    return list(amounts_in(text))


@lru_cache(maxsize=65536)
def amounts_in(text: str) -> tuple[Amount, ...]:
    """The amounts of ``text`` as a tuple, cached (the other normalizers share the cache)."""
    tokens = list(_TOKEN.finditer(text))
    out: list[Amount] = []
    i = 0
    while i < len(tokens):
        word = tokens[i].group(0)
        read = _numeral(tokens, i) if (word[0].isdecimal() or word in _UNITS or word in _TENS
                                       or word in {"a", "an", "half"}
                                       or _word_value(word) is not None) else None
        if read is not None:
            value: float | None = read[0]
            j = read[1]
            start, end = tokens[i].start(), tokens[j - 1].end()
            before = text[max(0, start - 24):start]
            approx = bool(_HEDGE_KEEP.search(before))
            upper = bool(_HEDGE_UPPER.search(before))
            after = text[end:end + 12]
            if re.match(r"\s*(?:\+|or more|or so|plus\b)", after):
                approx = True
            # "10 to 15", "two or three", "between 10 and 15": the lower bound, hedged.
            rng = re.match(r"\s*(?:-|to|or|and)\s*", after)
            k = next((k for k in range(j, len(tokens)) if tokens[k].start() >= end + rng.end()),
                     None) if rng else None
            if rng and k is not None and tokens[k].group(0) not in {"a", "an"}:
                nxt = _numeral(tokens, k)
                is_range = rng.group(0).strip() != "and" or re.search(r"\bbetween\s*$", before)
                if nxt is not None and is_range:
                    approx, j = True, nxt[1]
                    end = tokens[j - 1].end()
            if re.search(r"\bmore than\s*$", before) and value is not None and value < 1:
                value = None  # "more than half"
            out.append(Amount(start, end, None if upper else value, approx or upper))
            i = j
            continue
        if word in _VAGUE and not (word == "some" and i + 1 < len(tokens)
                                   and tokens[i + 1].group(0)[0].isdecimal()):
            out.append(Amount(tokens[i].start(), tokens[i].end(), None, True, vague=True))
        i += 1
    for m in _VAGUE_PHRASES.finditer(text):
        if not any(a.start < m.end() and m.start() < a.end for a in out):
            out.append(Amount(m.start(), m.end(), None, True, vague=True))
    out.sort(key=lambda a: a.start)
    return tuple(out)


def _clean(text: str) -> tuple[str, str]:
    """Blank out numbers that are not counts (ages, clock times, years) in ``text``.

    Returns the cleaned text lower-cased and in its own case; both keep every offset.
    """
    low = text.lower()
    spans = [m.span() for m in _AGE.finditer(low)]
    if not spans:
        return low, text
    chars, orig = list(low), list(text)
    for a, b in spans:
        chars[a:b] = orig[a:b] = " " * (b - a)
    return "".join(chars), "".join(orig)


# What follows "including", "among them" or a colon details a total already stated.
_DETAIL = re.compile(r"(?:,|\(|--|\u2014|:)?\s*\b(?:including|among them|among whom|of whom|"
                     r"of them|one of them|most of them|all of them|mostly|mainly)\b|:")
_CONJ = re.compile(r"\s*(?:,\s*(?:and\s+)?|\band\b|\bplus\b|\bas well as\b|&)\s*")
_NONE = re.compile(r"^\W*(?:no one|nobody|none|no)\b")
_INDEF = re.compile(r"^\W*(?:an?|another|one|a single|a lone|single)\b(?!\s*(?:few|number|lot|"
                    r"couple|handful|group|dozen|hundred|thousand|million|series))")
_BOTH = re.compile(r"^\W*(?:both|a pair of|a couple|twins|the two)\b")
_DEFINITE = re.compile(r"^\W*(?:the|his|her|their|its|this|that|our|my|your)\s+")
_COLLECTIVE = {
    "police", "army", "military", "government", "group", "gang", "forces", "force", "troops",
    "people", "ministry", "unit", "patrol", "column", "battalion", "brigade", "guard",
    "authorities", "administration", "family", "crowd", "staff", "personnel", "team", "squad",
    "company", "department", "office", "agency", "party", "front", "movement", "organization",
    "organisation", "cartel", "mob", "council", "committee", "union", "coalition", "alliance",
    "regime", "command", "militia", "navy", "sheriff's office", "crew", "public", "community",
    "population", "youth", "press", "media", "bureau", "service", "services", "court", "state",
}
_PERSON_SUFFIX = re.compile(r"(?:man|woman|person|ist|ian|ant|(?<!m)ent|ee|or|er|ess|ic|"
                            r"child|boy|girl|kid|baby|infant|teen|teenager|wife|husband|son|"
                            r"daughter|mother|father|brother|sister|cousin|friend|chief|"
                            r"guerrilla|victim|suspect|gunman|head|clerk|cop|guard|nun|priest|"
                            r"pilot|judge|mayor|bishop|deputy|aide|ally|envoy|rebel|hostage|"
                            r"cadet|captain|official|agent|hero|colonel|general|sergeant|"
                            r"lieutenant|major|private|marine|trooper|owner|individual|male|"
                            r"female|adult|resident|citizen|national)$")
_NON_PERSON = {"center", "centre", "border", "tower", "power", "water", "computer", "corner",
               "number", "order", "sector", "corridor", "river", "headquarter", "shelter",
               "quarter", "theater", "theatre", "factor", "reactor", "tractor", "letter",
               "mirror", "error", "floor", "door", "car", "bar"}


def _conjuncts(text: str) -> list[tuple[int, int]]:
    """Split a count phrase into the items it adds up.

    Items are joined by "and", "plus" or a list comma; never split inside a number ("one hundred
    and two"). Commas with no "and" anywhere are appositions ("Ronald Munn, the victim"), and
    unnumbered items after a comma that follows a number restate it ("two soldiers, Juan and
    Pedro"): both keep only what comes first.
    """
    amounts = amounts_in(text)
    parts: list[tuple[int, int, str]] = []  # (start, end, separator before)
    start, sep = 0, ""
    for m in _CONJ.finditer(text):
        if any(a.start < m.start() < a.end for a in amounts) or m.start() <= start:
            continue
        parts.append((start, m.start(), sep))
        start, sep = m.end(), m.group(0).strip()
    if start < len(text):
        parts.append((start, len(text), sep))
    if not any(p[2] and p[2] != "," for p in parts):
        return [(p[0], p[1]) for p in parts[:1]]
    numbered = [bool(amounts_in(text[p[0]:p[1]])) for p in parts]
    out = []
    for k, (a, b, sep) in enumerate(parts):
        if k and sep == "," and numbered[k - 1] and not any(numbered[k:]):
            break
        out.append((a, b))
    return out


_CASUALTY_WORDS = {
    "killed": re.compile(r"\b(?:killed|dead|died|dies|deaths?|murdered|slain|fatalit(?:y|ies)|"
                         r"fatally|lost their lives|lifeless|bodies)\b"),
    "injured": re.compile(r"\b(?:injured|injuries|injuring|wounded|wounding|hurt|hospitali[sz]ed|"
                          r"casualties)\b"),
}


def casualty_count(text: str, kind: str) -> tuple[int | None, bool]:
    """:func:`people_count` of the part of ``text`` about ``kind`` ("killed" or "injured").

    A phrase that states both ("three killed and five wounded") is cut at its outcome words, so
    each total counts only its own people.

    Example:
        >>> casualty_count("three killed and five wounded", "injured")
        (5, False)
    """
    low = text.lower()
    own = list(_CASUALTY_WORDS[kind].finditer(low))
    other = list(_CASUALTY_WORDS["injured" if kind == "killed" else "killed"].finditer(low))
    if own and other:
        start = max((m.end() for m in other if m.end() <= own[0].start()), default=0)
        return people_count(text[start:own[0].end()])
    return people_count(text)


def _singular_person(phrase: str, original: str) -> bool:
    """Whether a phrase with no number names one person ("the mayor", "Ronald Munn")."""
    words = re.findall(r"[a-z]+(?:'[a-z]+)?", phrase)
    if not words:
        return False
    head = words[-1]
    if head in _COLLECTIVE or phrase.strip() in _COLLECTIVE:
        return False
    person = bool(_PERSON_SUFFIX.search(head)) and head not in _NON_PERSON \
        and not head.endswith(("ers", "ors", "ists", "ians", "ants", "ents", "ees"))
    if _DEFINITE.match(phrase):
        return person
    # A bare singular person noun, as headlines write them: "Woman", "40-year-old man",
    # "UNT student" (the age is blanked out before this).
    if person and len(words) <= 3 and not re.search(r"[a-z]s\b", phrase):
        return True
    # A bare name in mixed-case text: two or three capitalized words, none an acronym.
    names = re.findall(r"[A-Z][a-z'\u2019-]+|[A-Z]\.", original)
    tokens = original.split()
    return (2 <= len(tokens) <= 4 and len(names) == len(tokens)
            and not any(w.lower() in _COLLECTIVE for w in tokens))


def people_count(text: str) -> tuple[int | None, bool]:
    """How many people a phrase counts, with its hedge: the value of a casualty count.

    Numbers and number words are summed across "and" ("two soldiers and three civilians" -> 5),
    but details after "including" or a colon are not added to the total. With no number, one
    person is counted where the phrase names one ("a man", "the mayor", "Ronald Munn"); ages
    ("a 42-year-old man") and clock times are not counts.

    Example:
        >>> people_count("at least three people"), people_count("a man and two children")
        ((3, True), (3, False))
    """
    return _count(text, people=True)


def parse_count(text: str) -> tuple[int | None, bool]:
    """The number a count phrase states and whether it is approximate.

    Example:
        >>> parse_count("twenty-one"), parse_count("more than 1,200"), parse_count("dozens of")
        ((21, False), (1200, True), (None, True))
    """
    return _count(text, people=False)


def participant_count(text: str) -> int | None:
    """How many people (or things) a participant phrase denotes, or None if it does not say.

    Example:
        >>> participant_count("two ethnic Albanians"), participant_count("a man")
        (2, 1)
        >>> participant_count("dozens of people"), participant_count("Serbian police")
        (None, None)
    """
    return _count(text, people=True)[0]


@lru_cache(maxsize=65536)
def _count(text: str, people: bool) -> tuple[int | None, bool]:
    clean, cased = _clean(text)
    detail = _DETAIL.search(clean)
    if detail and detail.start() > 0 and amounts_in(clean[:detail.start()]):
        clean = clean[:detail.start()]
    if _NONE.match(clean):
        return 0, False
    total: float = 0
    known = approx = False
    unknown = False
    for a, b in _conjuncts(clean):
        part = clean[a:b]
        amounts = [x for x in amounts_in(part) if x.value is None or x.value >= 0]
        if amounts:
            first = amounts[0]
            if first.value is None:
                unknown = True
            else:
                total += first.value
                known = True
            approx |= first.approximate
        elif _BOTH.match(part):
            total, known = total + 2, True
        elif _INDEF.match(part) or (people and _singular_person(part, cased[a:b].strip())):
            total, known = total + 1, True
    if not known:
        return None, unknown
    if total != int(total):
        return int(total), True
    return int(total), approx or unknown
