"""Argument candidates of a trigger: participants from the parse, places and times, casualty
count phrases and seized goods with their quantities."""

from __future__ import annotations

import datetime as dt
from typing import Any

from benchmarks.baseline.lexicon import (
    _ARMED,
    _AUTHORITY,
    _BOMBS,
    _INJURED,
    _KILLED,
    _LEMMA_TYPE,
    _LETHAL,
    _LIGHT_VERBS,
    _LOCATIVE,
    _NOUNS,
    _PEOPLE,
    _PLACE_HEADS,
    _PLACE_NOUNS,
    _UNITS,
    _WEAPONS,
    ITEMS,
)
from benchmarks.baseline.parse import (
    _children,
    _conjuncts,
    _governor,
    _has_item,
    _is_person,
    _is_place,
    _low,
    _np,
    _overlaps,
    _pobjs,
    _pronoun,
    _reporter,
    _subject,
)

_SKIP_DATE = ("year-old", "years old", "year old", "-year", "age", "aged")
_PROBE = dt.date(2000, 6, 15)

Candidate = tuple[int, int, str]          # (start, end, role), characters


# ---------------------------------------------------------------------------------- participants
def _agent_ok(tok) -> bool:
    low = _low(tok)
    if tok.ent_type_ == "CARDINAL":           # "hundreds of workers", not "three" alone
        return any(_is_person(o) for o in _pobjs(tok, "of"))
    return not (low in ITEMS or low in _BOMBS or low in _LEMMA_TYPE or low in _PLACE_NOUNS
                or tok.ent_type_ in ("DATE", "TIME", "MONEY", "QUANTITY"))


def _who_ok(tok) -> bool:
    """Participants are people, groups or property: not dates, amounts, weapons or "no one"."""
    if tok.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"):
        return False
    if _low(tok) in _WEAPONS or _low(tok) in ("place", "land", "word", "manhunt", "way", "time"):
        return False
    return not any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)


def _verb_participants(tok, etype: str) -> list[tuple[Any, str]]:
    sides = etype in ("armed_clash", "agreement", "protest")
    done_to = etype in ("attack", "arrest", "kidnapping", "smuggling")
    out: list[tuple[Any, str]] = []
    subj = _subject(tok)
    if subj is not None and subj is not tok:
        headline = tok.tag_ == "VBN" and not _children(tok, "aux", "auxpass", "dobj")
        if (tok.dep_ == "acl" and tok.tag_ == "VBN" and subj is tok.head) or (
                headline and subj.head is tok):              # "Toddler shot in Akron"
            out += [(s, "target") for s in _conjuncts(subj)] if done_to else []
        else:
            out += [(s, "agent") for s in _conjuncts(subj) if _agent_ok(s)]
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and done_to and tok.head.pos_ in _NOUNS:
        out += [(s, "target") for s in _conjuncts(tok.head)]
    for o in _children(tok, "dobj", "nsubjpass"):
        for s in _conjuncts(o):
            if etype == "armed_clash" and o.dep_ == "dobj" and _is_person(s):
                out.append((s, "agent"))
            elif done_to and (etype != "smuggling" or _is_person(s)):
                out.append((s, "target"))
    out += [(s, "agent") for s in _pobjs(tok, "by") if _agent_ok(s)]
    if sides:
        out += [(s, "agent") for s in _pobjs(tok, "with", "between", "against") if _is_person(s)]
    elif etype == "attack":
        out += [(s, "target") for s in _pobjs(tok, "on", "against", "at") if _is_person(s)]
    return out


def _noun_participants(tok, etype: str) -> list[tuple[Any, str]]:
    sides = etype in ("armed_clash", "agreement", "protest")
    done_to = etype in ("attack", "arrest", "kidnapping", "smuggling")
    out = [(s, "agent") for s in _pobjs(tok, "by") if _agent_ok(s)]
    out += [(p, "target" if etype in ("arrest", "kidnapping") else "agent")
            for p in _children(tok, "poss")]
    out += [(c, "target" if etype == "kidnapping" else "agent")
            for c in _children(tok, "compound", "amod")
            if c.ent_type_ in ("ORG", "NORP", "PERSON") or _low(c) in _ARMED | _PEOPLE]
    if done_to:
        out += [(s, "target") for s in _pobjs(tok, "of", "on", "against")
                if etype != "smuggling" or _is_person(s)]
    if sides:
        preps = ("between", "with", "among", "by")
        preps += ("against",) if etype == "armed_clash" else ()
        out += [(s, "agent") for s in _pobjs(tok, *preps) if _is_person(s)]
    gov = _governor(tok)
    if gov is None:
        return out
    if tok.dep_ in ("dobj", "attr") and _low(gov) in _LIGHT_VERBS:    # "launched an attack"
        subj = _subject(gov)
        out += [(s, "agent") for s in _conjuncts(subj) if _agent_ok(s)] if subj is not None else []
    if etype == "attack" and tok.dep_ == "nsubj":                      # "the attack killed ..."
        out += [(s, "target") for o in _children(gov, "dobj") for s in _conjuncts(o)]
    if etype == "attack" and tok.dep_ == "pobj" and tok.head.lower_ in ("in", "during") \
            and _low(gov) in _KILLED | _INJURED:                       # "killed in the attack"
        out += [(s, "target") for o in _children(gov, "nsubjpass") for s in _conjuncts(o)]
    return out


def _participants(tok, etype: str) -> list[tuple[Any, str]]:
    """(head token, role) pairs read off the parse around trigger ``tok``."""
    verbal = tok.pos_ in ("VERB", "ADJ")
    out = _verb_participants(tok, etype) if verbal else _noun_participants(tok, etype)
    if etype in ("armed_clash", "agreement", "protest") and not out:   # "... between X and Y"
        out = [(s, "agent") for t in tok.sent for s in _pobjs(t, "between") if _is_person(s)]
    if etype in ("arrest", "seizure") and not any(r == "agent" for _, r in out):
        rep = _reporter(tok)                     # "police said ... had been seized"
        if rep is not None and _low(rep) in _AUTHORITY:
            out.append((rep, "agent"))
    return [(t, r) for t, r in out if t.i != tok.i and _who_ok(t)]


def _fallback_participants(tok, etype: str, sent) -> list[tuple[Any, str]]:
    """Nearest PERSON / ORG / NORP entity or person noun on each side of the trigger."""
    before, after = None, None
    for t in sent:
        if t.i == tok.i or _pronoun(t) or t.pos_ not in _NOUNS or t.ent_iob_ == "I":
            continue
        if not (t.ent_type_ in ("PERSON", "ORG", "NORP") or (
                _low(t) in _PEOPLE | _ARMED and t.dep_ not in ("compound", "amod"))):
            continue
        if t.i < tok.i and tok.i - t.i <= 12:
            before = t
        elif t.i > tok.i and t.i - tok.i <= 8 and after is None:
            after = t
    out = [(before, "agent")] if before is not None else []
    if after is not None and etype not in ("seizure", "smuggling"):
        sides = etype in ("armed_clash", "agreement", "protest")
        out.append((after, "agent" if sides else "target"))
    return out


# ---------------------------------------------------------------------------------- places, times
def _places(sent, taken: list[tuple[int, int]], tok) -> list[tuple[int, int]]:
    """GPE / LOC / FAC entities of the sentence and place phrases the trigger is located by."""
    out = [(e.start_char, e.end_char) for e in sent.ents if e.label_ in ("GPE", "LOC", "FAC")
           and not (e.root.dep_ == "poss" or e.root.dep_ in ("compound", "amod")
                    and e.root.head.pos_ in _NOUNS and _low(e.root.head) not in _PLACE_HEADS)]
    gov = _governor(tok) if tok.pos_ in _NOUNS else None
    for anchor in [tok] + ([gov] if gov is not None else []):
        for o in _pobjs(anchor, *_LOCATIVE):
            if o.ent_type_ in ("DATE", "TIME", "PERSON", "ORG", "NORP", "CARDINAL", "MONEY"):
                continue
            if _low(o) in _PLACE_HEADS or o.ent_type_ in ("GPE", "LOC", "FAC") or (
                    o.pos_ == "PROPN" and not o.ent_type_):
                span = _np(o)
                out += [span] if span is not None else []
    return [p for p in dict.fromkeys(out) if not _overlaps(*p, taken)]


def _time(sent, trigger_start: int) -> tuple[int, int] | None:
    """The DATE entity nearest the trigger that reads as a date (ages and durations do not)."""
    from eventx.normalize import resolve_date

    best = None
    for ent in sent.ents:
        low = ent.text.lower()
        if ent.label_ != "DATE" or any(k in low for k in _SKIP_DATE):
            continue
        before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if before in ("for", "over", "within") or (
                ent[-1].lower_ in ("years", "months", "weeks", "days", "hours") and "ago" not in low
                and ent[0].lower_ not in ("the", "last", "past")):
            continue
        if resolve_date(ent.text, _PROBE) is None:
            continue
        dist = abs(ent.start_char - trigger_start)
        if best is None or dist < best[0]:
            best = (dist, ent.start_char, ent.end_char)
    return (best[1], best[2]) if best else None


# ---------------------------------------------------------------------------------- casualties
def _lethal(tok) -> bool:
    """A trigger that says its victims died: "murdered", "fatally shot", "shot to death"."""
    if _low(tok) in _LETHAL:
        return True
    return _low(tok) == "shoot" and any(
        c.lower_ in ("fatally", "dead") or c.dep_ == "prep" and c.lower_ == "to"
        and any(o.lower_ == "death" for o in c.children) for c in tok.children)


def _counted(phrase: str, kind: str) -> bool:
    """Whether a phrase states how many were killed / injured (or names one person)."""
    from eventx.normalize import casualty_count

    value, approx = casualty_count(phrase, kind)
    return value is not None or approx


def _casualty_heads(tok, lemma: str) -> list:
    """The phrases a killing / injury word counts: subjects, objects, modified nouns."""
    heads = []
    if tok.pos_ == "VERB":
        passive = _children(tok, "nsubjpass")
        if not passive and tok.dep_ == "conj" and tok.tag_ == "VBN" and not _children(tok, "dobj"):
            passive = _children(tok.head, "nsubjpass")          # "was shot and killed"
        if passive:
            heads += passive
        elif lemma == "die":
            heads += _children(tok, "nsubj")
        else:
            heads += _children(tok, "dobj")
            if tok.tag_ == "VBN" and not _children(tok, "nsubj") and tok.dep_ in (
                    "acl", "amod", "relcl"):
                heads.append(tok.head)                         # "three people killed"
        if tok.dep_ in ("acl", "amod") and tok.tag_ == "VBN":
            heads.append(tok.head)
        if tok.dep_ == "relcl" and any(h.lower_ in ("who", "that") for h in heads):
            heads.append(tok.head)
    elif tok.pos_ == "ADJ":                                     # "three dead", "left five dead"
        heads += _children(tok, "nummod", "npadvmod")
        if tok.dep_ == "amod":
            heads.append(tok.head)
        elif tok.dep_ in ("acomp", "oprd", "ccomp", "xcomp", "advcl"):
            heads += _children(tok.head, "dobj", "nsubj", "nsubjpass")
    elif tok.pos_ == "NOUN" and lemma == "death":
        heads += _pobjs(tok, "of")
    return heads


def _casualties(sent) -> list[tuple[int, int, str, int]]:
    """(start, end, "killed" | "injured", anchor token index) of count phrases in a sentence."""
    found = []
    for tok in sent:
        lemma, low = _low(tok), tok.lower_
        kind = "killed" if (lemma in _KILLED or low in ("killed", "dead")) else \
            "injured" if (lemma in _INJURED or low in _INJURED) else None
        if kind is None or (lemma == "death" and tok.pos_ != "NOUN"):
            continue
        for h in _casualty_heads(tok, lemma):
            for c in _conjuncts(h):
                span = _np(c)
                if span is not None and _counted(sent.doc.text[span[0]:span[1]], kind):
                    found.append((*span, kind, tok.i))
    return found


# ---------------------------------------------------------------------------------- seizures
def _split_quantity(tok) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """(item, quantity) bounds of an object: "40 kilograms of heroin", "eight rifles", "heroin"."""
    doc = tok.doc
    unit = _low(tok) in _UNITS or tok.ent_type_ in ("QUANTITY", "MONEY") or tok.like_num
    objs = _pobjs(tok, "of", "in", "worth")
    if unit and objs:
        item, inner = _split_quantity(objs[0])       # "a total of 632 kg of marijuana"
        return item, inner or _np(tok, of=False)
    nums = [c for c in tok.children if c.i < tok.i and (c.dep_ in ("nummod", "quantmod") or (
        c.dep_ == "compound" and _low(c) in _UNITS and any(t.like_num for t in c.subtree)))]
    item = _np(tok, of=False)
    if nums and item is not None:
        lo = min(t.i for n in nums for t in n.subtree)
        hi = max(t.i for n in nums for t in n.subtree)
        start = doc[hi + 1].idx if hi + 1 <= tok.i else item[0]
        return (max(start, item[0]), item[1]), (doc[lo].idx, doc[hi].idx + len(doc[hi]))
    return item, None


def _goods(heads: list) -> list[Candidate]:
    out: list[Candidate] = []
    for h in heads:
        item, qty = _split_quantity(h)
        out += [(*item, "item")] if item is not None else []
        out += [(*qty, "quantity")] if qty is not None else []
    return out


def _items(tok, sent) -> list[Candidate]:
    """Item and quantity candidates of a seizure / smuggling trigger."""
    if tok.pos_ == "VERB":
        heads = [s for o in _children(tok, "dobj", "nsubjpass") for s in _conjuncts(o)]
        if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ in _NOUNS:
            heads += _conjuncts(tok.head)                    # "the cocaine seized at the port"
    else:
        heads = _pobjs(tok, "of") + [c for c in _children(tok, "compound") if _low(c) in ITEMS]
    heads = [h for h in heads if not (_is_person(h) or _is_place(h) or _pronoun(h))
             and h.ent_type_ not in ("DATE", "TIME")]
    if not heads:
        heads = [c.root for c in sent.noun_chunks if _low(c.root) in ITEMS]
    return _goods(heads)


def _with_goods(tok) -> list[Candidate]:
    """"arrested with 500 grams of heroin": the goods of an arrest."""
    heads = _pobjs(tok, "with", "carrying")
    for o in _children(tok, "dobj", "nsubjpass"):
        heads += _pobjs(o, "with", "carrying")
    return _goods([h for h in heads if _has_item(h) and not _is_person(h)])
