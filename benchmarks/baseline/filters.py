"""Filters that drop trigger words which report no event that happened: negated, modal, planned or
conditional uses, charges ("arrested for drug trafficking"), agreements only sought."""

from __future__ import annotations

from benchmarks.baseline.lexicon import (
    _CHARGED,
    _IRREALIS_HEADS,
    _IRREALIS_MODS,
    _MODALS,
    _NOUNS,
    _WISH_MODS,
    _WISHED,
)
from benchmarks.baseline.parse import _children, _governor, _low


def _irrealis(tok) -> bool:
    """Negated, modal, future, planned, conditional or hypothetical uses of a trigger."""
    gov = _governor(tok) if tok.pos_ in _NOUNS else None
    for t in [tok] + ([gov] if gov is not None else []):
        for c in t.children:
            if c.dep_ == "neg" or (c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS):
                return True
            if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
                return True
            if t is tok and c.dep_ in ("det", "amod", "compound") and c.lower_ in _IRREALIS_MODS:
                return True
            if c.dep_ in ("nsubj", "nsubjpass", "dobj") and (c.lower_ in ("none", "nobody") or (
                    c.lower_ == "one" and any(d.lower_ == "no" for d in c.children))):
                return True
        head = t.head
        if t.dep_ in ("xcomp", "ccomp", "dobj", "compound", "nsubj", "pobj", "acl", "advcl"):
            h = head.head if t.dep_ == "pobj" else head
            if _low(h) in _IRREALIS_HEADS or _low(head) in _IRREALIS_HEADS:
                return True
            if t.dep_ == "xcomp" and any(c.dep_ == "neg" or c.lower_ in _MODALS
                                         for c in head.children):
                return True
        if t.dep_ == "aux" and head.lower_ == "going":
            return True
    return tok.dep_ == "amod" and tok.tag_ in ("VBN", "VBD")


def _charge(tok, etype: str) -> bool:
    """"arrested for drug trafficking", "charged with murder": a charge, not a new mention."""
    h = tok.head
    if tok.pos_ in _NOUNS:
        if tok.dep_ == "compound" and _low(h) in ("charge", "offence", "offense", "case",
                                                   "suspicion", "conviction", "count"):
            return True
        if tok.dep_ == "pobj" and h.lower_ in ("for", "of", "with", "to"):
            return _low(h.head) in _CHARGED
        return tok.dep_ == "dobj" and _low(h) == "commit"
    return etype == "smuggling" and tok.dep_ in ("pcomp", "advcl") and _low(h) in ("for", "of") \
        and not _children(tok, "dobj")


def _concluded(tok) -> bool:
    """Agreements count once reached or signed, not while wished for, proposed or talked about."""
    if any(c.dep_ in ("amod", "det") and c.lower_ in _WISH_MODS for c in tok.children):
        return False
    verb = tok if tok.pos_ == "VERB" else _governor(tok)
    if verb is None:
        return not (tok.dep_ == "pobj" and _low(tok.head.head) in _WISHED)
    if verb is not tok and _low(verb) in _WISHED:
        return False
    return not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
