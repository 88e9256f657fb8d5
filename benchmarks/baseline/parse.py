"""Helpers that read spaCy's dependency parse: subjects, objects, prepositional objects, noun
phrase bounds."""

from __future__ import annotations

from collections.abc import Iterable

from benchmarks.baseline.lexicon import (
    _ARMED,
    _PEOPLE,
    _PLACE_NOUNS,
    _PRONOUNS,
    _SAY,
    ITEMS,
)


def _low(tok) -> str:
    return tok.lemma_.lower() if tok.lemma_ else tok.lower_


def _pronoun(tok) -> bool:
    return tok.pos_ == "PRON" or tok.lower_ in _PRONOUNS


def _children(tok, *deps: str) -> list:
    return [c for c in tok.children if c.dep_ in deps]


def _conjuncts(tok) -> list:
    out, todo = [], [tok]
    while todo:
        t = todo.pop()
        out.append(t)
        todo += _children(t, "conj")
    return sorted(out, key=lambda t: t.i)


def _pobjs(tok, *preps: str) -> list:
    """Objects of the prepositions ``preps`` under ``tok``, conjuncts included."""
    return [s for p in tok.children if p.dep_ in ("prep", "agent") and p.lower_ in preps
            for o in _children(p, "pobj") for s in _conjuncts(o)]


def _object(tok):
    objs = _children(tok, "dobj", "nsubjpass")
    return objs[0] if objs else None


def _governor(tok):
    """The verb a noun depends on ("launched an attack", "killed in the clash")."""
    h = tok.head
    if tok.dep_ == "pobj" and h.dep_ == "prep":
        h = h.head
    return h if h.pos_ in ("VERB", "AUX") and h is not tok else None


def _subject(tok, depth: int = 0):
    """The active subject of a verb, through conj / xcomp / advcl; relatives and "they" resolved."""
    subj = _children(tok, "nsubj")
    if subj:
        s = subj[0]
        if s.lower_ in ("who", "that", "which") and tok.dep_ == "relcl":
            return tok.head
        if s.lower_ in ("they", "we", "he", "she"):
            return _reporter(tok) or s
        return s
    if tok.dep_ == "acl" and tok.tag_ == "VBG":
        return tok.head
    if tok.dep_ in ("conj", "xcomp", "advcl") and depth < 3 and tok.head.pos_ in ("VERB", "AUX"):
        if tok.dep_ == "conj" and _children(tok.head, "nsubjpass"):
            return None
        return _subject(tok.head, depth + 1)
    return None


def _reporter(tok):
    """The subject of the "said" / "reported" clause a trigger sits in ("police said they ...")."""
    t = tok
    for _ in range(4):
        if t.dep_ == "ROOT" or t.head is t:
            return None
        via, t = t.dep_, t.head
        if _low(t) in _SAY and via in ("ccomp", "conj", "advcl", "xcomp", "dobj", "nsubj",
                                       "nsubjpass", "pobj", "prep"):
            subj = _children(t, "nsubj")
            return subj[0] if subj and not _pronoun(subj[0]) else None
    return None


def _is_person(tok) -> bool:
    return (tok.ent_type_ in ("PERSON", "NORP", "ORG") or _low(tok) in _PEOPLE | _ARMED
            or tok.lower_ in _ARMED or (tok.pos_ == "NUM" and tok.dep_ in ("dobj", "nsubjpass",
                                                                            "nsubj")))


def _is_place(tok) -> bool:
    return tok.ent_type_ in ("GPE", "LOC", "FAC") or _low(tok) in _PLACE_NOUNS


def _has_item(tok) -> bool:
    return any(_low(t) in ITEMS or t.lower_ in ITEMS for t in tok.subtree)


def _trimmed(tok) -> list:
    """``tok`` and its subtree without clauses, appositions, conjuncts and punctuation."""
    out = [tok]
    for c in tok.children:
        if c.dep_ not in ("relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "parataxis"):
            out += _trimmed(c)
    return out


_NP_LEFT = {"det", "amod", "nummod", "compound", "poss", "quantmod", "nmod", "predet", "advmod",
            "case", "npadvmod", "nn"}


def _np(tok, of: bool = True) -> tuple[int, int] | None:
    """Character bounds of the minimal noun phrase headed by ``tok`` (with its "of" phrase)."""
    if _pronoun(tok) or tok.pos_ in ("PUNCT", "SPACE", "VERB", "AUX", "ADP", "CCONJ", "SCONJ"):
        return None
    toks = [tok]
    for c in tok.children:
        if c.i < tok.i and c.dep_ in _NP_LEFT and not _pronoun(c):
            toks += _trimmed(c)
        elif c.i > tok.i and c.dep_ == "prep" and c.lower_ == "of" and of:
            objs = _children(c, "pobj")
            if objs and not _pronoun(objs[0]):
                toks += [c, *_trimmed(objs[0])]
    if tok.ent_type_:
        ent = next((e for e in tok.sent.ents if e.start <= tok.i < e.end), None)
        toks += list(ent) if ent is not None else []
    doc = tok.doc
    lo, hi = min(t.i for t in toks), max(t.i for t in toks)
    while lo < tok.i and (doc[lo].is_punct or doc[lo].is_space or doc[lo].dep_ == "case"):
        lo += 1
    while hi > tok.i and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


def _overlaps(a: int, b: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(a < e and s < b for s, e in spans)
