"""Trigger words of a sentence and their event types, by lemma and by construction."""

from __future__ import annotations

from typing import Any

from benchmarks.baseline.filters import _charge, _concluded, _irrealis
from benchmarks.baseline.lexicon import (
    _AGREEMENT_WORDS,
    _ARMED,
    _ATTACK_STRIKE,
    _BOMBS,
    _CARRY,
    _CONTRABAND,
    _FINDERS,
    _LEMMA_TYPE,
    _NOUNS,
    _TAKERS,
    _VIOLENT,
    _WEAK,
    _WEAPON_VERBS,
)
from benchmarks.baseline.parse import (
    _children,
    _governor,
    _has_item,
    _is_person,
    _is_place,
    _low,
    _object,
    _pobjs,
    _subject,
)


def _compound_word(tok) -> tuple[str, int] | None:
    """Hyphenated words split by the tokenizer: "cease-fire", "shoot-out", "sit-in"."""
    doc = tok.doc
    if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and not tok.whitespace_ \
            and not doc[tok.i + 1].whitespace_:
        last = doc[tok.i + 2]
        for second in (last.lower_, _low(last)):
            if f"{tok.lower_}-{second}" in _LEMMA_TYPE:
                return f"{tok.lower_}-{second}", tok.i + 2
    return None


def _taken(tok, key: str) -> str | None:
    """seize / capture / detain / arrest: arrest, kidnapping, seizure or nothing, by the object."""
    if tok.pos_ == "VERB":
        obj = _object(tok)
        subj = _subject(tok) or (_pobjs(tok, "by") or [None])[0]
    else:
        obj = (_pobjs(tok, "of") or [None])[0]
        subj = (_pobjs(tok, "by") or [None])[0]
    armed = subj is not None and (_low(subj) in _ARMED or subj.lower_ in _ARMED)
    if obj is not None and _has_item(obj) and not _is_person(obj):
        return None if armed or (subj is not None and subj.lower_ == "we") else "seizure"
    if obj is not None and _is_place(obj):
        return None
    if obj is None:
        if key == "seize" and tok.pos_ == "NOUN":
            return "seizure"
        return None if key in ("seize", "capture") else "kidnapping" if armed else "arrest"
    if _is_person(obj) or key in ("arrest", "detain", "apprehend", "nab", "capture"):
        return "kidnapping" if armed else "arrest"
    return "seizure" if key == "seize" else None


def _special(tok, lemma: str, pos: str) -> tuple[bool, str | None]:
    """Words typed by construction rather than by lemma: (handled, type)."""
    if tok.lower_ == "fire" or lemma == "fire":
        fired = pos == "VERB" or _low(tok.head) in ("open", "set") or tok.head.lower_ == "on"
        return True, "attack" if fired else None
    if pos != "VERB":
        return False, None
    if lemma in _CARRY:      # "cocaine hidden in a shipment", "arms transported from Nicaragua"
        goods = _children(tok, "dobj", "nsubjpass") + (
            [tok.head] if tok.dep_ == "acl" and tok.tag_ == "VBN" else [])
        moved = lemma in ("hide", "conceal") or _pobjs(tok, "from", "into", "across")
        return True, "smuggling" if moved and any(_low(g) in _CONTRABAND for g in goods) else None
    if lemma == "blow":
        return True, "attack" if any(c.dep_ == "prt" and c.lower_ == "up"
                                     for c in tok.children) else None
    if lemma in _WEAPON_VERBS:  # "placed a bomb", "hurled a grenade"
        obj = _object(tok)
        bomb = obj is not None and (_low(obj) in _BOMBS or obj.lower_ in _BOMBS)
        return True, "attack" if bomb and lemma != "set" else None
    return False, None


def _modifiers(tok) -> set[str]:
    return {_low(c) for c in tok.children if c.dep_ in ("compound", "amod")}


def _classify(tok) -> str | None:
    """The event type ``tok`` evokes in its context, or None."""
    lemma, low, pos = _low(tok), tok.lower_, tok.pos_
    if pos not in ("VERB", "NOUN", "PROPN"):
        return None
    handled, etype = _special(tok, lemma, pos)
    if handled:
        return etype
    key = low if low in _LEMMA_TYPE else lemma if lemma in _LEMMA_TYPE else None
    if key is None or tok.ent_type_ == "DATE" or (
            pos == "PROPN" and tok.ent_type_ in ("PERSON", "ORG", "GPE")):
        return None
    if pos in _NOUNS and tok.dep_ == "compound":          # "arrest warrant", "bomb attack"
        return None
    if any(c.lower_ in ("accidentally", "accidental", "unintentionally") for c in tok.children):
        return None
    etype = _LEMMA_TYPE[key]
    nouns_only = ("battle", "combat", "offensive", "accord")
    verbs_only = ("shoot", "machinegun", "machine-gun", "agree", "traffic")
    if (key in nouns_only and pos == "VERB") or (key in verbs_only and pos != "VERB"):
        return None
    if key == "march":                                      # the month: "19 march", "in march"
        doc = tok.doc
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        prev = doc[tok.i - 1] if tok.i > 0 else None
        if (nxt is not None and nxt.like_num) or (prev is not None and (prev.like_num or (
                prev.lower_ in ("in", "on", "since", "last", "early", "late", "mid", "of", "until",
                                "by", "-")))):
            return None
    if key == "strike":
        if pos == "VERB":
            return None
        return "attack" if _modifiers(tok) & _ATTACK_STRIKE else "protest"
    if key == "deal":
        gov = _governor(tok)
        if not (_modifiers(tok) & {"peace", "ceasefire", "cease-fire", "trade"} or (
                gov is not None and _low(gov) in ("sign", "reach", "strike", "agree", "seal"))):
            return None
    if key == "sign" and (_object(tok) is None or _low(_object(tok)) not in _AGREEMENT_WORDS):
        return None
    if key == "accord" and low.startswith("according"):
        return None
    if etype == "agreement" and not _concluded(tok):
        return None
    if key in ("demonstrate", "protest") and pos == "VERB" and _children(tok, "ccomp", "dobj"):
        return None
    if key in ("fighting", "fought") and (_object(tok) is not None or _pobjs(tok, "for")):
        return None
    if key == "trafficking" or (key == "smuggling" and not (_pobjs(tok, "of") or _has_item(tok))):
        return None
    if key in _TAKERS:
        return _taken(tok, key)
    if key in _FINDERS:
        obj = _object(tok) if pos == "VERB" else (_pobjs(tok, "of") or [None])[0]
        return "seizure" if obj is not None and _has_item(obj) else None
    return etype


def _find_triggers(sent, after_event: bool = False) -> list[tuple[int, int, str, Any]]:
    """(start, end, type, token) for the event words of a sentence, filtered.

    ``after_event``: the previous sentence reported an attack or clash, so an agentless "were
    killed" here is that event's toll, not a new attack.
    """
    found, skip = [], set()
    for tok in sent:
        if tok.i in skip:
            continue
        word = _compound_word(tok)
        if word is not None:
            etype, last = _LEMMA_TYPE[word[0]], word[1]
            skip.update(range(tok.i, last + 1))
            head = tok.doc[last]
            if head.dep_ == "compound" or (etype == "agreement" and not _concluded(head)):
                continue
        else:
            etype, last = _classify(tok), tok.i
        if etype is None or _irrealis(tok) or _charge(tok, etype):
            continue
        end = tok.doc[last]
        found.append((tok.idx, end.idx + len(end), etype, tok))
    strong = [f for f in found if f[2] in _VIOLENT and _low(f[3]) not in _WEAK]
    weak = [f for f in found if f[2] == "attack" and _low(f[3]) in _WEAK]
    keep = [f for f in found if f not in weak]
    if after_event:
        weak = [f for f in weak if not (_children(f[3], "nsubjpass", "auxpass")
                                        and not _pobjs(f[3], "by"))]
    if weak and not strong:
        keep += weak[:1]
    # "a car bomb exploded": the verb is the trigger, not the noun it governs
    verbs = {f[3].i for f in keep if f[3].pos_ == "VERB" and f[2] == "attack"}
    keep = [f for f in keep if not (
        _low(f[3]) in ("bomb", "explosion", "blast") and f[3].pos_ == "NOUN"
        and (f[3].head.i in verbs or any(c.i in verbs for c in f[3].children)))]
    # "signed an agreement": the verb is the trigger
    signed = {f[3].i for f in keep if _low(f[3]) == "sign"}
    keep = [f for f in keep if not (f[2] == "agreement" and f[3].pos_ in _NOUNS
                                    and f[3].head.i in signed)]
    return sorted(keep, key=lambda f: f[0])
