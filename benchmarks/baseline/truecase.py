"""Lower-case text (the MUC-4 articles): capitalize sentence starts and gazetteer place names
before parsing, without moving offsets."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from benchmarks.baseline.lexicon import _words

_WORD = re.compile(r"[a-z][a-z'\u2019]*")
_SENTENCE_START = re.compile(r"(?:^|[.!?][\"')]?\s+|\n\s*)([a-z])")
_PLACE_CUE = _words("in at near from of to outside toward towards and into across around "
                    "between inside")
_PLACE_AFTER = _words("department province city municipality region state district")
_LOWER_WORDS = _words("de del la las los el y da do dos das di")
_STOP = _words("the a an of and in on at to for by with from as is was are were be this that it "
               "he she they we not")


@lru_cache(maxsize=65536)
def _place_name(name: str, common: frozenset[str], cued: bool) -> bool:
    """Whether a lower-case word group names a place: countries and states anywhere, regions
    and cities after a place cue ("in", "near", "... department"), common words only for big
    cities."""
    from eventx.normalize.gazetteer import AMBIGUOUS_WORDS, name_key
    from eventx.normalize.gazetteer_store import load_gazetteer

    first, last = name.split()[0], name.split()[-1]
    if len(name) < 4 or name in AMBIGUOUS_WORDS or first in _STOP | _LOWER_WORDS or last in _STOP:
        return False
    usual = name in common or name.rstrip("s") in common
    for e in load_gazetteer().names.get(name_key(name), []):
        if e.alternate and e.population < 300_000:
            continue
        if e.kind in ("country", "state") and (cued or not usual):
            return True
        if cued and e.kind == "region" and not usual:
            return True
        if cued and e.kind == "city" and e.population >= (300_000 if usual else 20_000):
            return True
    return False


def truecase(text: str, common: frozenset[str] = frozenset()) -> str:
    """Capitalize sentence starts and gazetteer place names of an all lower-case text.

    spaCy's small model finds almost no entities in lower-case text. Offsets do not move: only
    letters whose capital is one character change. A mixed-case text is returned unchanged.

    Args:
        text: the document.
        common: common English words (spaCy's lemma index): such a word is a place only when a
            big city's name.

    Example:
        >>> truecase("guerrillas attacked a post in usulutan department.")
        'Guerrillas attacked a post in Usulutan department.'
    """
    letters = sum(c.isalpha() for c in text)
    if not letters or sum(c.isupper() for c in text) > 0.01 * letters:
        return text
    chars = list(text)

    def up(i: int) -> None:
        if len(chars[i].upper()) == 1:
            chars[i] = chars[i].upper()

    for m in _SENTENCE_START.finditer(text):
        up(m.start(1))
    words = list(_WORD.finditer(text))
    i = 0
    while i < len(words):
        for n in (3, 2, 1):
            group = words[i:i + n]
            if len(group) < n or any(text[a.end():b.start()].strip(" -")
                                     for a, b in pairwise(group)):
                continue
            before = words[i - 1].group() if i else ""
            after = words[i + n].group() if i + n < len(words) else ""
            cued = before in _PLACE_CUE or after in _PLACE_AFTER or (
                before == "the" and i > 1 and words[i - 2].group() in _PLACE_CUE)
            if _place_name(text[group[0].start():group[-1].end()], common, cued):
                for w in group:
                    if w.group() not in _LOWER_WORDS:
                        up(w.start())
                i += n
                break
        else:
            i += 1
    return "".join(chars)
