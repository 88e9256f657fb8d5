"""Consistency checks over annotated documents (``eventx corpus lint FILE ...``).

An independent read of the first annotation round found the same wording marked two ways. These
checks find the patterns it named, mechanically, so that a corpus can be checked before training
and after every annotation round (``training/GUIDELINES.md`` sections 7 and 9 state the rules).
Each finding is a suspicion, not a proof; the counts are meant to fall to near zero.

* ``pronoun_argument``: a participant argument that is a bare pronoun ("he", "them");
* ``participle_trigger``: a trigger used as a participle before its noun ("the [arrested] men",
  "the [seized] drugs"), which is not a new mention;
* ``container_place``: a place that is a container or a body part ("the fuel tank", "his
  stomach", "a suitcase");
* ``concealment_not_smuggling``: "hidden / concealed / stashed in" in a sentence with a seizure
  but no smuggling mention in that sentence;
* ``arrested_with_no_seizure``: "arrested / caught / held with" + a quantity in a sentence with an
  arrest but no seizure mention;
* ``war_as_clash``: an ``armed_clash`` whose trigger is "war", "conflict" or "insurgency";
* ``armed_strike_as_protest``: a ``protest`` on "strike" / "stoppage" in a sentence naming an
  armed group;
* ``span_crosses_line``: an argument that crosses a line break.

Only completely annotated documents are checked (a partly annotated one is not expected to mark
everything). Offsets and document ids are reported, never more text than the span itself.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from eventx.corpus.format import DEFAULT_ROLES, Document

__all__ = ["CHECKS", "Finding", "lint_documents", "summarize"]

CHECKS = ("pronoun_argument", "participle_trigger", "container_place",
          "concealment_not_smuggling", "arrested_with_no_seizure", "war_as_clash",
          "armed_strike_as_protest", "span_crosses_line")

_PRONOUNS = frozenset("he she they them him her it we us i you who whom whose his their its "
                      "himself herself themselves".split())
_CONTAINERS = frozenset(
    "tank tanks suitcase suitcases luggage bag bags backpack stomach stomachs body bodies shoe "
    "shoes pocket pockets box boxes crate crates container containers compartment compartments "
    "trunk boot underwear clothes clothing sock socks belt vehicle car truck lorry van".split())
_PARTICIPLE_DET = frozenset("the a an these those".split())  # "that" starts relative clauses
_ARMED = re.compile(r"\b(?:guerrillas?|rebels?|fmln|farc|eln|shining path|sendero|militants?|"
                    r"insurgents?|armed groups?|maoists?|naxals?|paramilitar\w*)\b", re.I)
_CONCEAL = re.compile(r"\b(?:hidden|concealed|stashed|hid|hide|hiding|stuffed|strapped|"
                      r"stitched)\b", re.I)
_WITH_QTY = re.compile(r"\b(?:arrested|caught|held|nabbed|detained|apprehended)\s+(?:\w+\s+){0,3}"
                       r"with\s+(?:about\s+|over\s+|nearly\s+)?[\d$]", re.I)
_SENT = re.compile(r"[^.!?\n]+[.!?]?")


@dataclass(frozen=True)
class Finding:
    check: str
    doc_id: str
    start: int
    end: int
    detail: str = ""


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SENT.finditer(text)]


def _in(span: tuple[int, int], sent: tuple[int, int]) -> bool:
    return sent[0] <= span[0] < sent[1]


def lint_document(doc: Document, kinds: dict[str, str] | None = None) -> list[Finding]:
    """Findings in one document (nothing for a partly annotated one)."""
    if not doc.complete:
        return []
    kinds = kinds or dict(DEFAULT_ROLES)
    text, out = doc.text, []
    sents = _sentences(text)
    for ev in doc.events:
        t = ev.trigger
        before = text[max(0, t.start - 12):t.start].split()
        after = text[t.end:t.end + 20].split()
        word = text[t.start:t.end].lower()
        if (before and before[-1].lower() in _PARTICIPLE_DET and re.search(r"(?:ed|en)$", word)
                and after and after[0].isalpha() and after[0].lower() not in
                {"by", "in", "at", "on", "of", "with", "from", "and", "or", "to", "was", "were"}):
            out.append(Finding("participle_trigger", doc.id, t.start, t.end, ev.type))
        if ev.type == "armed_clash" and word in {"war", "conflict", "insurgency", "civil war"}:
            out.append(Finding("war_as_clash", doc.id, t.start, t.end))
        if ev.type == "protest" and re.match(r"strikes?|stoppages?", word):
            sent = next((s for s in sents if _in((t.start, t.end), s)), (t.start, t.end))
            if _ARMED.search(text[sent[0]:sent[1]]):
                out.append(Finding("armed_strike_as_protest", doc.id, t.start, t.end))
        for a in ev.arguments:
            span = text[a.start:a.end]
            if kinds.get(a.role) == "PARTICIPANT" and span.lower() in _PRONOUNS:
                out.append(Finding("pronoun_argument", doc.id, a.start, a.end, a.role))
            if a.role == "place":
                last = re.findall(r"[a-z]+", span.lower())
                if last and last[-1] in _CONTAINERS:
                    out.append(Finding("container_place", doc.id, a.start, a.end))
            if "\n" in span:
                out.append(Finding("span_crosses_line", doc.id, a.start, a.end, a.role))
    for sent in sents:
        types = {ev.type for ev in doc.events if _in((ev.trigger.start, ev.trigger.end), sent)}
        chunk = text[sent[0]:sent[1]]
        if "seizure" in types and "smuggling" not in types and _CONCEAL.search(chunk):
            out.append(Finding("concealment_not_smuggling", doc.id, *sent))
        if "arrest" in types and "seizure" not in types and _WITH_QTY.search(chunk):
            out.append(Finding("arrested_with_no_seizure", doc.id, *sent))
    return out


def lint_documents(docs: Iterable[Document], kinds: dict[str, str] | None = None) -> list[Finding]:
    """Findings over many documents, in document order."""
    return [f for doc in docs for f in lint_document(doc, kinds)]


def summarize(findings: list[Finding], documents: int) -> dict:
    """Counts per check, the number of documents checked, and up to five examples per check."""
    counts = Counter(f.check for f in findings)
    examples: dict[str, list[str]] = defaultdict(list)
    for f in findings:
        if len(examples[f.check]) < 5:
            examples[f.check].append(f"{f.doc_id}:{f.start}-{f.end}")
    return {"documents": documents, "findings": {c: counts[c] for c in CHECKS},
            "examples": dict(examples)}
