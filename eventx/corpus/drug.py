"""Convert the drug-seizure sentences (``drug_seizure/train.jsonl``) into ``seizure`` events.

Each sentence with at least one ``DRUG`` entity becomes one ``seizure`` event:

==============  =========================================================================
entity          argument
==============  =========================================================================
``DRUG``        ``item``
``QUANTITY``    ``quantity``, written right after the item it is nearest to (the pairing
                the guidelines ask for: ``20kg`` of ``cocaine``)
``ORG``         ``agent`` (the seizing agency)
``GPE``/``FAC`` ``place``
``CONCEAL``     dropped (how the drugs were hidden is not a role of ours)
==============  =========================================================================

The corpus has no triggers: one is guessed with the ``seizure`` lexicon
(:mod:`eventx.corpus.triggers`); many sentences only list what was found ("In total, 819 grams of
cocaine ... were intervened") or talk about drugs in general, so the rule falls back more often
here than elsewhere.

Sentences with no ``DRUG`` entity (about a quarter) are left out of both splits: the corpus
marks only drug entities, and those sentences often report the seizure of unnamed drugs ("six
packets", "25436000 tabs") or the arrest that goes with a seizure told in another sentence, so as
zero-event documents they would teach the model to miss real events. They stay available for
annotation (``training/annotations``), which supersedes this converter.
"""

from __future__ import annotations

from collections.abc import Iterable

from eventx.corpus.convert import ConversionReport, EventDraft, finish_document
from eventx.corpus.format import Document
from eventx.corpus.sources import SourceDoc
from eventx.corpus.textutil import Span, find_near

__all__ = ["convert_drug"]

_ROLE = {"ORG": "agent", "GPE": "place", "FAC": "place"}


def _span(text: str, ent: dict) -> Span | None:
    start, end, value = int(ent["start"]), int(ent["end"]), str(ent.get("text") or "")
    if 0 <= start < end <= len(text) and (not value or text[start:end] == value):
        return start, end
    return find_near(text, value, start) if value else None


def _gap(a: Span, b: Span) -> int:
    return max(a[0] - b[1], b[0] - a[1], 0)


def convert_drug_doc(doc: SourceDoc, report: ConversionReport) -> Document | None:
    """Convert one sentence, or None where it names no drug."""
    text, ents = doc.text, doc.raw.get("ents") or []
    spans = [(e["label"], _span(text, e)) for e in ents]
    drugs = [s for label, s in spans if label == "DRUG" and s is not None]
    if not drugs:
        report.add("drug_seizure.skipped.no_drug")
        return None
    paired: dict[Span, list[Span]] = {d: [] for d in drugs}
    for label, s in spans:
        if label == "QUANTITY" and s is not None:
            q = s
            paired[min(drugs, key=lambda d: (_gap(d, q), d[0]))].append(q)
    draft = EventDraft(text, "seizure", "drug_seizure", report)
    for drug in sorted(paired):
        draft.add("item", drug)
        for q in sorted(paired[drug]):
            draft.add("quantity", q)
    for label, s in spans:
        if label in _ROLE:
            draft.add(_ROLE[label], s)
        elif label == "CONCEAL":
            report.add("drug_seizure.args_dropped.CONCEAL")
    choice = draft.guess_trigger("seizure")
    event = draft.build((choice.start, choice.end), guessed=True)
    return finish_document(doc.id, text, "drug_seizure", doc.published, [event], [choice.how],
                           report)


def convert_drug(docs: Iterable[SourceDoc], report: ConversionReport | None = None
                 ) -> list[Document]:
    """Convert drug-seizure sentences; those with no ``DRUG`` entity are left out.

    Args:
        docs: source records; others than the drug-seizure corpus are ignored.
        report: collects counters and guessed-trigger steps.
    """
    report = report if report is not None else ConversionReport()
    out = []
    for d in docs:
        if d.source == "drug_seizure":
            converted = convert_drug_doc(d, report)
            if converted is not None:
                out.append(converted)
    return out
