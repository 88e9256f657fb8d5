"""Convert MUC-3/4 templates (``muc4/processed/*.json`` + raw keys) into events.

Types: ``attack``, ``bombing``, ``arson`` (and ``bombing / attack``) -> ``attack``;
``kidnapping`` -> ``kidnapping``; ``robbery`` and ``forced work stoppage`` are skipped, and so
are templates whose raw key gives the stage of execution as ``THREATENED`` only (the guidelines
mark no threatened events). Every other processed template of a kept type becomes one event (a
document with no such template has no events: MUC-4 marks what is *not* a terrorist incident).

Arguments from the processed template: ``PerpInd`` and ``PerpOrg`` -> ``agent``, ``Victim``
and ``Target`` -> ``target``; each entity by its first mention, at the offset given where the
text there equals the mention, else at the occurrence nearest that offset.

Arguments from the matching raw key template (:mod:`eventx.corpus.muc4_keys`): a processed
template is matched to the unused raw template of the same document with the same incident type
that shares the most filler strings (ties: file order; none shared: the first unused of that
type where the processed template has no fillers). From it:

* ``INCIDENT: LOCATION`` (``EL SALVADOR: SAN MIGUEL (DEPARTMENT): ...``) -> ``place``: the most
  specific part that occurs in the text as whole words, nearest the event's other arguments;
* ``INCIDENT: DATE`` -> ``time``: a span stating that date (:mod:`eventx.corpus.timex`; a date
  given as "before" (``- 08 JAN 90``) or as a range end is not used);
* ``HUM TGT: EFFECT OF INCIDENT`` ``DEATH`` / ``INJURY`` with ``HUM TGT: NUMBER`` -> ``killed`` /
  ``injured``: a count phrase stating the summed number, tied to a casualty word, in a sentence
  that mentions those victims; else, victim by victim, a count phrase around the victim's mention
  (or the mention widened to its number: ``six spanish jesuits``) stating its number, or the
  victim's name where it is one person (uncertain ``?`` effects and
  ``INJURY / DEATH`` are not used). A number that disagrees is never anchored.

MUC-4 has no triggers: one is guessed with the lexicon of the incident type (``bombing``,
``arson``, ``attack``, ``kidnapping``; :mod:`eventx.corpus.triggers`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from eventx.corpus.casualties import count_phrases, find_count_span, number_value
from eventx.corpus.convert import ConversionReport, EventDraft, finish_document
from eventx.corpus.format import Document, EventAnnotation
from eventx.corpus.muc4_keys import KeyTemplate, LabeledFiller
from eventx.corpus.sources import SourceDoc
from eventx.corpus.textutil import (
    Span,
    expand_np_left,
    find_near,
    find_word_near,
    sentence_index,
    sentences,
)
from eventx.corpus.timex import find_date_span, parse_date

__all__ = ["TYPE_MAP", "convert_muc4", "match_templates"]

#: MUC-4 incident type -> (our type, trigger lexicon). Types not here are skipped.
TYPE_MAP = {"attack": ("attack", "attack"), "bombing": ("attack", "bombing"),
            "arson": ("attack", "arson"), "bombing / attack": ("attack", "bombing"),
            "kidnapping": ("kidnapping", "kidnapping")}

_DATE = re.compile(r"(-\s*)?\(?(\d{1,2} [A-Z]{3} \d{2})\)?(\s*-\s*)?")


def _mentions(tpl: dict) -> set[str]:
    return {m[0].lower() for role in ("PerpInd", "PerpOrg", "Target", "Victim")
            for ent in tpl.get(role) or [] for m in ent}


def match_templates(processed: list[dict], raw: list[KeyTemplate]) -> list[KeyTemplate | None]:
    """Pair each processed template with a raw key template (or None), each raw one used once."""
    used: set[int] = set()
    out: list[KeyTemplate | None] = []
    for tpl in processed:
        types = {t.strip() for t in tpl["incident_type"].split("/")}
        fillers = _mentions(tpl)
        best, best_score = None, -1
        for i, key in enumerate(raw):
            if i in used or not types & set(key.incident_types):
                continue
            score = len(fillers & key.fillers())
            if score > best_score:
                best, best_score = i, score
        if best is not None and (best_score > 0 or not fillers):
            used.add(best)
            out.append(raw[best])
        else:
            out.append(None)
    return out


def _first_mention(text: str, entity: list) -> Span | None:
    mention, offset = str(entity[0][0]), int(entity[0][1])
    if text[offset:offset + len(mention)] == mention:
        return offset, offset + len(mention)
    return find_near(text, mention, offset)


def _place(draft: EventDraft, location: str, near: int | None) -> None:
    parts = [re.sub(r"\(.*?\)", "", p).strip() for p in re.split(r"[:/]", location)]
    for part in reversed([p for p in parts if p and p != "-"]):
        span = find_word_near(draft.text, part, near)
        if span is not None:
            draft.add("place", span)
            draft.report.add("muc4.place")
            return


def _time(draft: EventDraft, value: str, published, near: int | None) -> None:
    for m in _DATE.finditer(value):
        if m.group(1):
            continue
        date = parse_date(m.group(2))
        span = find_date_span(draft.text, date, published, near) if date else None
        if span is not None:
            draft.add("time", span)
            draft.report.add("muc4.time")
            return
        if m.group(3):
            return


def _number(key: KeyTemplate, filler: list[str]) -> int | None:
    for num in key.hum_number:
        if set(num.strings) & set(filler) and not num.uncertain:
            return int(num.label) if num.label.isdigit() else None
    return None


def _sentences_of(text: str, sents: list[Span], strings: Iterable[str]) -> list[Span]:
    out = []
    for s in strings:
        for m in re.finditer(r"(?<!\w)" + re.escape(s) + r"(?!\w)", text, re.I):
            out.append(sents[sentence_index(sents, m.start())])
    return sorted(set(out))


def _casualties(draft: EventDraft, key: KeyTemplate, sents: list[Span], used: list[Span]) -> None:
    for label, kind in (("DEATH", "killed"), ("INJURY", "injured")):
        victims: list[LabeledFiller] = [e for e in key.hum_effect
                                        if e.label == label and not e.uncertain and e.strings]
        if not victims:
            continue
        numbers = [_number(key, v.strings) for v in victims]
        region = _sentences_of(draft.text, sents, [s for v in victims for s in v.strings])
        if all(n is not None for n in numbers):
            total = sum(n for n in numbers if n is not None)
            for sent in region:
                c = find_count_span(draft.text, total, kind, sent, used)
                if c is not None:
                    _add_casualty(draft, kind, (c.start, c.end), used, "total")
                    break
            else:
                _per_victim(draft, key, kind, victims, numbers, sents, used)
        else:
            _per_victim(draft, key, kind, victims, numbers, sents, used)


def _per_victim(draft: EventDraft, key: KeyTemplate, kind: str, victims: list[LabeledFiller],
                numbers: list[int | None], sents: list[Span], used: list[Span]) -> None:
    names = {s for group in key.hum_name for s in group}
    for victim, n in zip(victims, numbers, strict=True):
        if n is None:
            draft.report.add(f"muc4.{kind}.no_number")
            continue
        found = None
        for s in victim.strings:
            for m in re.finditer(r"(?<!\w)" + re.escape(s) + r"(?!\w)", draft.text, re.I):
                sent = sents[sentence_index(sents, m.start())]
                for c in count_phrases(draft.text, *sent):
                    if c.value == n and c.start <= m.start() and m.end() <= c.end + 1:
                        found = (c.start, c.end)
                        break
                if found is None:
                    found = _counted_np(draft.text, m.span(), n)
                if found is None and n == 1 and s in names:
                    found = m.span()
                if found:
                    break
            if found:
                break
        if found is None:
            draft.report.add(f"muc4.{kind}.not_anchored")
        else:
            _add_casualty(draft, kind, found, used, "victim")


def _counted_np(text: str, mention: Span, n: int) -> Span | None:
    """The mention widened to its number where that number is ``n`` (``six spanish jesuits``)."""
    start, end = expand_np_left(text, *mention)
    words = text[start:mention[0]].lower().split()
    while words and words[0] in ("at", "least", "more", "than", "about", "some", "nearly"):
        words = words[1:]
    return (start, end) if words and number_value(words[0]) == n else None


def _add_casualty(draft: EventDraft, kind: str, span: Span, used: list[Span], how: str) -> None:
    draft.add(kind, span)
    draft.add("target", span)
    used.append(span)
    draft.report.add(f"muc4.{kind}.{how}")


def convert_muc4_doc(doc: SourceDoc, keys: list[KeyTemplate], report: ConversionReport
                     ) -> Document:
    """Convert one MUC-4 message and its raw key templates (see the module docstring)."""
    text, sents = doc.text, sentences(doc.text) or [(0, len(doc.text))]
    processed = doc.raw.get("templates") or []
    events: list[EventAnnotation] = []
    how: list[str | None] = []
    for tpl, key in zip(processed, match_templates(processed, keys), strict=True):
        mapped = TYPE_MAP.get(tpl["incident_type"].strip())
        if mapped is None:
            report.add("muc4.skipped_template." + tpl["incident_type"].strip().replace(" ", "_"))
            continue
        if key is None:
            report.add("muc4.key_unmatched")
        elif "threatened" in key.stage and "accomplished" not in key.stage:
            report.add("muc4.skipped_template.threatened")
            continue
        draft = EventDraft(text, mapped[0], "muc4", report)
        for role, ours in (("PerpInd", "agent"), ("PerpOrg", "agent"), ("Victim", "target"),
                           ("Target", "target")):
            for entity in tpl.get(role) or []:
                span = _first_mention(text, entity)
                if span is None:
                    report.add("muc4.args_dropped.not_found")
                draft.add(ours, span)
        if key is not None:
            near = min((s for s, _ in draft.spans()), default=None)
            _casualties(draft, key, sents, [])
            _place(draft, key.location, near)
            _time(draft, key.date, doc.published, near)
        choice = draft.guess_trigger(mapped[1])
        events.append(draft.build((choice.start, choice.end), guessed=True))
        how.append(choice.how)
    return finish_document(doc.id, text, "muc4", doc.published, events, how, report)


def convert_muc4(docs: Iterable[SourceDoc], keys: Mapping[str, list[KeyTemplate]],
                 report: ConversionReport | None = None) -> list[Document]:
    """Convert MUC-4 messages.

    Args:
        docs: source records; others than MUC-4 are ignored.
        keys: raw key templates by document id (:func:`eventx.corpus.muc4_keys.read_keys`).
        report: collects counters and guessed-trigger steps.

    Returns:
        One validated document per message (with no events where no template maps).
    """
    report = report if report is not None else ConversionReport()
    return [convert_muc4_doc(d, list(keys.get(d.id, [])), report) for d in docs
            if d.source == "muc4"]
