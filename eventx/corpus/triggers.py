"""The rule that picks a trigger where a source corpus gives none (GVDB, MUC-4, drug seizures).

The rule, applied to one event whose argument spans are known:

1. **Sentence.** Take the sentence that holds the most argument spans (by their start); ties go
   to a sentence holding a lexicon word, then to the earliest.
2. **Lexicon.** In that sentence take the first word (in text order) of the event type's
   lexicon, trying the lexicon's tiers in order (for a shooting: ``shot``/``shooting`` before
   ``killed`` before ``died``). Words match *lemma-ish*: a lexicon lemma matches its regular
   inflections (``kidnap`` -> ``kidnapped``, ``kidnapping``; ``seize`` -> ``seized``) and listed
   irregular forms (``shoot`` -> ``shot``; ``find`` -> ``found``). A word inside an argument span
   is skipped, and so is a word under a negation cue just before it (``no one was killed``).
3. **Adjacent.** Else the lexicon word in the previous or next sentence nearest the chosen one
   (``how="adjacent"``).
4. **Fallback.** Else, in the chosen sentence, the first verb-like word (ending in ``-ed``) outside
   the arguments, else its first lower-case content word, else its first content word
   (``how="fallback"``).

Every guessed trigger is marked ``trigger_guessed=True``; :class:`TriggerChoice` says which step
chose it, and the build counts steps 3 and 4 (``eventx corpus stats``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from eventx.corpus.textutil import Span, sentences, words

__all__ = ["LEXICONS", "TriggerChoice", "choose_trigger", "in_lexicon", "inflections",
           "lexicon_forms"]

_ATTACK = ("attack", "assault", "ambush", "massacre", "assassinate", "assassination", "murder",
           "kill", "shoot", "shooting", "gunfire", "gunshot", "machinegun", "stab", "slay", "bomb",
           "bombing", "explosion", "explode", "blast", "detonate", "dynamite", "arson", "burn",
           "torch", "airstrike", "shell", "shelling", "raid", "slaughter", "bombard", "assail",
           "annihilate", "exterminate", "behead", "strangle", "hang", "execute", "fatal")
_HARM = ("wound", "injure", "fire", "die", "dead", "death", "homicide", "execute", "behead")

#: Trigger lexicons: tiers of lemmas, tried in order. Keys name a lexicon, not always a type.
LEXICONS: dict[str, tuple[tuple[str, ...], ...]] = {
    "attack": (_ATTACK, _HARM),
    "shooting": (("shoot", "shooting", "gunfire", "gunshot", "gunman", "gunmen"),
                 ("kill", "murder", "homicide", "slay", "fire", "wound", "stab"),
                 ("die", "dead", "death", "injure", "attack", "assault", "rob", "robbery")),
    "bombing": (("bomb", "bombing", "explosion", "explode", "blast", "detonate", "dynamite",
                 "grenade", "car-bomb", "explosive"), _ATTACK, _HARM),
    "arson": (("arson", "burn", "torch", "fire", "blaze", "firebomb"), _ATTACK),
    "kidnapping": (("kidnap", "kidnapping", "abduct", "abduction", "hostage", "kidnapper"),
                   ("seize", "capture", "hold", "take", "detain", "disappear", "missing")),
    "clash": (("clash", "battle", "fight", "fighting", "war", "skirmish", "combat", "conflict",
               "firefight", "shootout", "shoot-out", "confrontation", "gunfight", "exchange"),),
    "seizure": (("seize", "seizure", "confiscate", "confiscation", "haul", "impound", "intercept",
                 "bust", "interdict"),
                ("find", "recover", "discover", "catch", "uncover", "netted", "detect",
                 "intervene", "dismantle", "capture", "stop"),
                # "arrested with 500 grams of heroin": the seizure's trigger (GUIDELINES.md)
                ("arrest", "detain", "apprehend", "nab")),
}

_IRREGULAR = {
    "shoot": ("shot", "shots"), "find": ("found",), "catch": ("caught",), "hold": ("held",),
    "take": ("took", "taken"), "slay": ("slew", "slain"), "burn": ("burnt",), "die": ("dying",),
    "stop": ("stopped", "stopping"), "bust": ("busted",), "fire": ("fired", "firing"),
}
_NEGATION = ("no", "not", "never", "denied", "deny", "denies", "without", "nobody", "n't")
_VOWELS = set("aeiou")


def inflections(lemma: str) -> set[str]:
    """Regular and listed irregular forms of ``lemma`` (lower case; a few are not words, which
    costs nothing when matching).

    Example:
        >>> {"kidnapped", "kidnapping", "kidnaps"} <= inflections("kidnap")
        True
        >>> "shot" in inflections("shoot")
        True
    """
    lemma = lemma.lower()
    out = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "ing"}
    if lemma.endswith("e"):
        out |= {lemma + "d", lemma[:-1] + "ing", lemma + "s"}
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in _VOWELS:
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if (len(lemma) >= 3 and lemma[-1] not in _VOWELS | {"w", "x", "y"} and lemma[-2] in _VOWELS
            and lemma[-3] not in _VOWELS):
        out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing", lemma + lemma[-1] + "er"}
    out |= set(_IRREGULAR.get(lemma, ()))
    return out


def lexicon_forms(tiers: Sequence[Sequence[str]]) -> list[frozenset[str]]:
    """The word forms of each tier of a lexicon."""
    return [frozenset(f for lemma in tier for f in inflections(lemma)) for tier in tiers]


def in_lexicon(word: str, lexicon: str) -> bool:
    """True when ``word`` (or a hyphen part of it) is a form of a lemma of ``LEXICONS[lexicon]``.

    Example:
        >>> in_lexicon("massacred", "attack"), in_lexicon("illness", "attack")
        (True, False)
    """
    return any(_matches(word, forms) for forms in lexicon_forms(LEXICONS[lexicon]))


@dataclass(frozen=True)
class TriggerChoice:
    """A guessed trigger: its span and the step of the rule that chose it.

    ``how`` is ``"lexicon"`` (a lexicon word in the sentence with the most arguments),
    ``"adjacent"`` (one in the sentence before or after) or ``"fallback"`` (no lexicon word).
    """

    start: int
    end: int
    how: str


def _matches(token: str, forms: frozenset[str]) -> bool:
    low = token.lower().replace("’", "'")
    return low in forms or any(part in forms for part in low.split("-") if part)


def _negated(text: str, start: int) -> bool:
    before = text[max(0, start - 25):start].lower().replace("’", "'")
    toks = before.replace(",", " ").split()[-3:]
    return any(t in _NEGATION or t.endswith("n't") for t in toks)


def _hits(text: str, sent: Span, tiers: list[frozenset[str]], args: list[Span]) -> list[Span]:
    toks = [w for w in words(text, *sent)
            if not any(a[0] <= w[0] < a[1] for a in args) and not _negated(text, w[0])]
    for forms in tiers:
        found = [w for w in toks if _matches(text[w[0]:w[1]], forms)]
        if found:
            return found
    return []


_NOT_VERBS = frozenset("need needed red bed speed united hundred indeed seed feed shed "
                       "alleged related based armed".split())
_FUNCTION = frozenset("the a an and or but of in on at by for with from to was were is are be been "
                      "has have had he she it they this that these those said says".split())


def _fallback(text: str, sent: Span, args: list[Span]) -> Span:
    toks = [w for w in words(text, *sent) if not any(a[0] <= w[0] < a[1] for a in args)]
    for w in toks:
        low = text[w[0]:w[1]].lower()
        if low.endswith("ed") and len(low) > 4 and low not in _NOT_VERBS:
            return w
    for w in toks:
        word = text[w[0]:w[1]]
        if word.lower() not in _FUNCTION and word.isalpha() and word.islower():
            return w
    for w in toks:
        if text[w[0]:w[1]].lower() not in _FUNCTION and text[w[0]:w[1]].isalpha():
            return w
    all_words = words(text, *sent) or words(text)
    return all_words[0] if all_words else (0, len(text))


def choose_trigger(text: str, args: Iterable[Span], lexicon: str | Sequence[Sequence[str]],
                   sents: list[Span] | None = None) -> TriggerChoice:
    """Pick a trigger for an event with argument spans ``args`` by the rule of this module.

    Args:
        text: the document text.
        args: ``(start, end)`` of the event's arguments.
        lexicon: a key of :data:`LEXICONS` or tiers of lemmas.
        sents: sentence spans of ``text`` if already computed.

    Example:
        >>> t = "Police said. A man was shot and killed on Main St."
        >>> c = choose_trigger(t, [(13, 18)], "shooting")
        >>> t[c.start:c.end], c.how
        ('shot', 'lexicon')
    """
    args = list(args)
    tiers = lexicon_forms(LEXICONS[lexicon] if isinstance(lexicon, str) else lexicon)
    sents = sents if sents is not None else (sentences(text) or [(0, len(text))])
    hits = [_hits(text, s, tiers, args) for s in sents]
    n_args = [sum(1 for a in args if s[0] <= a[0] < s[1]) for s in sents]
    best = max(range(len(sents)), key=lambda i: (n_args[i], bool(hits[i]), -i))
    if hits[best]:
        start, end = hits[best][0]
        return TriggerChoice(start, end, "lexicon")
    for j in (best - 1, best + 1):
        if 0 <= j < len(sents) and hits[j]:
            near = hits[j][-1] if j < best else hits[j][0]
            return TriggerChoice(near[0], near[1], "adjacent")
    start, end = _fallback(text, sents[best], args)
    return TriggerChoice(start, end, "fallback")
