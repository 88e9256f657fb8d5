"""The span boundary convention (``training/GUIDELINES.md``, section 9), applied mechanically.

Training data that mixes "the port of Valencia" and "port of Valencia" teaches a tagger to start a
span at "the" and again at "port". :func:`normalize_span` moves an argument's boundaries to the one
convention; :func:`normalize_document` applies it to every argument of a document and
:func:`eventx.corpus.build.build_corpus` to every document, converted or annotated:

* a leading preposition goes out ("in Subotica" -> "Subotica", "near the border" -> "the border");
* trailing prepositions, conjunctions, determiners and punctuation go out ("a home in" -> "a home",
  "Evans and" -> "Evans", "Subotica," -> "Subotica"; "U.S." and "Jr." keep their period);
* "the", "a" or "an" right before a participant, place or item comes in ("port of Valencia" after
  "the" -> "the port of Valencia") where the noun phrase ends with the span (punctuation or a word
  such as "was", "in", "said" follows: "the Minnesota" is not made of "Minnesota National Guard");
  times and quantities are left as they are, and so are quantifiers that look like prepositions
  ("at least three people", "over 100 people", "around 40 kg");
* a span that crosses a line break keeps its longest line;
* a span left with only stop words is dropped (the caller drops the argument).

The parts of the convention that need judgement (titles, appositions, coordination) are the
annotators' (section 9); this module does not guess them.
"""

from __future__ import annotations

import re
from collections import Counter

from eventx.corpus.format import DEFAULT_ROLES, Document

__all__ = ["STOP_WORDS", "normalize_document", "normalize_span"]

_PREPOSITIONS = frozenset(
    "in at on near from to into of by outside inside within across along around during since "
    "onto toward towards through throughout via over under off".split())
_DETERMINERS = frozenset("the a an this that these those".split())
#: Only these are pulled in before a span ("that" is mostly a conjunction: "said that police").
_PULLED_IN = frozenset({"the", "a", "an"})
#: After these a span has ended, so a determiner before it belongs to it ("the port" + "of").
_ENDS_NP = frozenset(
    "was were is are be been has have had said says who which that whose where when after before "
    "while as and or but on in at of to from by with for near into since during late early".split())
_TRAILING = _PREPOSITIONS | _DETERMINERS | frozenset("and or but with for as".split())
#: Words that cannot make a span on their own.
STOP_WORDS = _TRAILING | frozenset(
    "some any his her their its our my your he she they them it who whom which said".split())
_ABBREVIATIONS = frozenset("jr sr st inc co ltd corp mr mrs ms dr no gen col lt sgt capt calif mass "
                           "tenn penn colo conn ariz wash blvd okla".split())
_NUMBER = re.compile(r"^(?:[\d$€£]|a$|an$|one$|two$|three$|four$|five$|six$|seven$|eight$|nine$|ten$|"
                     r"dozens?$|hundreds?$|thousands?$)", re.I)


def _quantifier(prep: str, nxt: str, kind: str | None) -> bool:
    """"at least ...", and "over 100 people" / "around 40 kg": a quantifier, not a preposition."""
    prep, nxt = prep.lower(), nxt.lower()
    if prep == "at" and nxt in ("least", "most"):
        return True
    return (prep in ("over", "under", "around") and kind in ("PARTICIPANT", "ITEM", "QUANTITY")
            and bool(_NUMBER.match(nxt)))
_EXTEND_KINDS = frozenset({"PARTICIPANT", "PLACE", "ITEM"})
_WORD = re.compile(r"\S+")


def _unpaired(span: str, ch: str) -> bool:
    pairs = {"(": ")", ")": "(", "“": "”", "”": "“"}
    if ch in pairs:
        return span.count(ch) > span.count(pairs[ch])
    return span.count(ch) % 2 == 1


def _strip_punct(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:!?"
                           or (text[end - 1] in "-\u2013\u2014(&/|" and end - start > 1
                               and text[end - 2].isspace())
                           or (text[end - 1] in "\"”)" and _unpaired(text[start:end],
                                                                   text[end - 1]))):
        end -= 1
    if end > start and text[end - 1] == ".":
        last = text[start:end - 1].rsplit(None, 1)[-1] if text[start:end - 1].strip() else ""
        if "." not in last and last.lower() not in _ABBREVIATIONS and len(last) > 3:
            end -= 1
    while start < end and (text[start].isspace() or text[start] in ",;:!?"
                           or (text[start] in ".-\u2013\u2014" and start + 1 < end
                               and text[start + 1].isspace())
                           or (text[start] in "\"“(" and _unpaired(text[start:end], text[start]))):
        start += 1
    return start, end


def normalize_span(text: str, start: int, end: int, kind: str | None) -> tuple[int, int] | None:
    """The span ``text[start:end]`` moved to the boundary convention, or None if nothing is left.

    Args:
        kind: the span kind of the argument's role (``PARTICIPANT``, ``PLACE``, ``TIME``, ``ITEM``,
            ``QUANTITY``; None for a custom role): determiners are pulled in only for
            participants, places and items.
    """
    if "\n" in text[start:end]:
        lines, pos = [], start
        for part in text[start:end].split("\n"):
            lines.append((len(part.strip()), pos, pos + len(part)))
            pos += len(part) + 1
        _, start, end = max(lines)
    for _ in range(4):  # each pass removes one word at an edge; spans are short
        before = (start, end)
        start, end = _strip_punct(text, start, end)
        words = [(m.start() + start, m.end() + start) for m in _WORD.finditer(text[start:end])]
        if (len(words) > 1 and text[words[0][0]:words[0][1]].lower() in _PREPOSITIONS
                and not _quantifier(text[words[0][0]:words[0][1]],
                                    text[words[1][0]:words[1][1]], kind)):
            start = words[1][0]
        words = [(m.start() + start, m.end() + start) for m in _WORD.finditer(text[start:end])]
        if len(words) > 1 and text[words[-1][0]:words[-1][1]].lower() in _TRAILING:
            end = words[-2][1]
        if (start, end) == before:
            break
    if kind in _EXTEND_KINDS and start < end:
        m = re.search(r"(?:^|(?<=\s))(\S+) $", text[max(0, start - 16):start])
        first = text[start:end].split(None, 1)[0].lower()
        after = re.match(r"\s*(\S*)", text[end:end + 40]).group(1)
        ended = (end == len(text) or not text[end].isspace() or not after
                 or after.lower().rstrip(".,;:") in _ENDS_NP or after[:1] in ",.;:)\"'")
        if m and m.group(1).lower() in _PULLED_IN and first not in _DETERMINERS and ended:
            start -= len(m.group(1)) + 1
    words = text[start:end].lower().split()
    if not words or all(w.strip(".,'’") in STOP_WORDS for w in words):
        return None
    return start, end


def normalize_document(doc: Document, kinds: dict[str, str | None] | None = None,
                       counts: Counter[str] | None = None) -> Document:
    """``doc`` with every argument moved to the convention (arguments left empty are dropped).

    Args:
        kinds: ``role -> span kind`` (default :data:`~eventx.corpus.format.DEFAULT_ROLES`).
        counts: incremented with ``changed``, ``extended`` (a determiner pulled in) and ``dropped``.
    """
    kinds = kinds if kinds is not None else dict(DEFAULT_ROLES)
    counts = counts if counts is not None else Counter()
    events = []
    changed = False
    for ev in doc.events:
        args = []
        for a in ev.arguments:
            span = normalize_span(doc.text, a.start, a.end, kinds.get(a.role))
            if span is None:
                counts["dropped"] += 1
                changed = True
                continue
            if span != (a.start, a.end):
                counts["changed"] += 1
                counts["extended"] += span[0] < a.start
                changed = True
                a = a.model_copy(update={"start": span[0], "end": span[1],
                                         "text": None if a.text is None
                                         else doc.text[span[0]:span[1]]})
            args.append(a)
        events.append(ev.model_copy(update={"arguments": args}))
    return doc.model_copy(update={"events": events}) if changed else doc
