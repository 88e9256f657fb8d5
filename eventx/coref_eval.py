"""Event coreference scores: merged records against a document's gold event ids.

Each record stands for one real event, and its trigger mentions (``Event.mentions``, or its trigger
alone) are that event's cluster. A predicted mention matches a gold mention of the same type whose
trigger it overlaps (one to one, largest overlap first). Mentions without a match count as
singletons on their side: they leave their cluster and are absent from the other side, so they cost
B-cubed and CEAF-e precision (predicted) or recall (gold) but never join or split a cluster.

Reported, summed over documents as the CoNLL scorer does: MUC, B-cubed, CEAF-e and their mean F1
(the CoNLL F1), and the share of documents whose number of records equals their number of gold
events (distinct ``event`` ids). Evaluation needs scipy (the ``train`` extra) for CEAF-e.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from eventx.corpus.format import Document
from eventx.schema import Event

__all__ = ["CorefTally", "b3_counts", "ceafe_counts", "clusters", "muc_counts",
           "score_coreference", "source_of"]

Cluster = frozenset
#: a trigger mention: type, start, end
Mention = tuple[str, int, int]


def source_of(doc_id: str) -> str:
    """The corpus a document comes from, told by its id (``gvdb-71`` -> ``gvdb``)."""
    return doc_id.split("-", 1)[0].split(":", 1)[0]


def _gold(doc: Document) -> tuple[list[Mention], list[str]]:
    mentions = [(ev.type, ev.trigger.start, ev.trigger.end) for ev in doc.events]
    ids = [ev.event if ev.event is not None else f"_mention{i}" for i, ev in enumerate(doc.events)]
    return mentions, ids


def _match(pred: Sequence[Mention], gold: Sequence[Mention]) -> dict[int, int]:
    """Predicted index -> gold index: same type, overlapping triggers, largest overlap first."""
    pairs = []
    for i, (pt, ps, pe) in enumerate(pred):
        for j, (gt, gs, ge) in enumerate(gold):
            overlap = min(pe, ge) - max(ps, gs)
            if pt == gt and overlap > 0:
                pairs.append((-overlap, abs(ps - gs), i, j))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, _, i, j in sorted(pairs):
        if i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


def clusters(doc: Document, records: Iterable[Event]) -> tuple[list[Cluster], list[Cluster]]:
    """Gold (key) and predicted (response) clusters of ``doc`` over one mention universe.

    A gold mention is named ``("g", index in doc.events)``; a predicted mention that matches it
    takes that name, an unmatched one is ``("p", record, mention)`` in a cluster of its own.
    """
    gold, ids = _gold(doc)
    pred, owner = [], []
    for r, ev in enumerate(records):
        for m in ev.mentions or (ev.trigger,):
            pred.append((ev.type, m.start, m.end))
            owner.append(r)
    match = _match(pred, gold)
    matched_gold = set(match.values())
    by_id: dict[str, set] = defaultdict(set)
    key: list[Cluster] = []
    for j, eid in enumerate(ids):
        if j in matched_gold:
            by_id[eid].add(("g", j))
        else:
            key.append(Cluster({("g", j)}))
    key += [Cluster(c) for c in by_id.values()]
    by_record: dict[int, set] = defaultdict(set)
    response: list[Cluster] = []
    for i, r in enumerate(owner):
        if i in match:
            by_record[r].add(("g", match[i]))
        else:
            response.append(Cluster({("p", r, i)}))
    response += [Cluster(c) for c in by_record.values()]
    return key, response


def muc_counts(key: list[Cluster], response: list[Cluster]) -> tuple[int, int]:
    """Numerator and denominator of MUC recall (swap the arguments for precision)."""
    where = {m: i for i, c in enumerate(response) for m in c}
    num = den = 0
    for c in key:
        parts = {where.get(m, ("alone", m)) for m in c}
        num += len(c) - len(parts)
        den += len(c) - 1
    return num, den


def b3_counts(key: list[Cluster], response: list[Cluster]) -> tuple[float, int]:
    """Numerator and denominator of B-cubed recall (swap the arguments for precision)."""
    where = {m: c for c in response for m in c}
    num = 0.0
    for c in key:
        for m in c:
            num += len(c & where.get(m, Cluster())) / len(c)
    return num, sum(len(c) for c in key)


def ceafe_counts(key: list[Cluster], response: list[Cluster]) -> tuple[float, int, int]:
    """Best total entity similarity, and the numbers of key and response entities."""
    if not key or not response:
        return 0.0, len(key), len(response)
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    sim = np.array([[2 * len(k & r) / (len(k) + len(r)) for r in response] for k in key])
    rows, cols = linear_sum_assignment(sim, maximize=True)
    return float(sim[rows, cols].sum()), len(key), len(response)


def _prf(num_r: float, den_r: float, num_p: float, den_p: float) -> dict[str, float]:
    r = num_r / den_r if den_r else 0.0
    p = num_p / den_p if den_p else 0.0
    return {"p": round(p, 4), "r": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


class CorefTally:
    """Sums of the coreference counts over documents; :meth:`report` gives the scores."""

    def __init__(self) -> None:
        self.documents = self.right = self.gold_events = self.records = 0
        self.muc = [0, 0, 0, 0]
        self.b3 = [0.0, 0, 0.0, 0]
        self.ceafe = [0.0, 0, 0]
        self.mentions = [0, 0, 0]  # matched, gold, predicted

    def add(self, doc: Document, records: Sequence[Event]) -> None:
        """Count one document: ``doc`` as scored (``doc.actual_only()`` for a model without
        modality) and the records returned for it."""
        n_gold = len({ev.event if ev.event is not None else f"_mention{i}"
                      for i, ev in enumerate(doc.events)})
        self.documents += 1
        self.right += n_gold == len(records)
        self.gold_events += n_gold
        self.records += len(records)
        key, response = clusters(doc, records)
        gold, pred = frozenset().union(*key), frozenset().union(*response)
        for i, v in enumerate((len(gold & pred), len(gold), len(pred))):
            self.mentions[i] += v
        for i, v in enumerate((*muc_counts(key, response), *muc_counts(response, key))):
            self.muc[i] += v
        for i, v in enumerate((*b3_counts(key, response), *b3_counts(response, key))):
            self.b3[i] += v
        for i, v in enumerate(ceafe_counts(key, response)):
            self.ceafe[i] += v

    def report(self) -> dict[str, object]:
        sim, n_key, n_resp = self.ceafe
        muc, b3 = _prf(*self.muc), _prf(*self.b3)
        ceafe = _prf(sim, n_key, sim, n_resp)
        matched, n_gold, n_pred = self.mentions
        return {
            "documents": self.documents,
            "gold_events": self.gold_events,
            "records": self.records,
            "right_count": round(self.right / self.documents, 4) if self.documents else 0.0,
            "mentions": _prf(matched, n_gold, matched, n_pred),
            "muc": muc,
            "b3": b3,
            "ceafe": ceafe,
            "conll_f1": round((muc["f1"] + b3["f1"] + ceafe["f1"]) / 3, 4),
        }


def score_coreference(pairs: Iterable[tuple[Document, Sequence[Event]]]) -> dict[str, object]:
    """Event-coreference scores of merged records against gold event ids.

    Args:
        pairs: ``(document, records)`` per document; the document as scored (pass
            ``doc.actual_only()`` to leave out planned, negated and hypothetical mentions) and
            the records returned for it (``merge_mentions`` output).

    Returns:
        ``documents``, ``gold_events``, ``records``, ``right_count`` (share of documents with as
        many records as gold events), ``mentions`` (trigger mentions matched: ``p``, ``r``,
        ``f1``, what bounds the rest), ``muc`` / ``b3`` / ``ceafe`` (``p``, ``r``, ``f1``) and
        ``conll_f1`` (the mean of the three F1s).

    Example:
        >>> score_coreference([(doc.actual_only(), merge_mentions(mentions, doc.text))])
        ...                                                              # doctest: +SKIP
        {'documents': 1, 'gold_events': 2, 'records': 2, 'right_count': 1.0, ...}
    """
    tally = CorefTally()
    for doc, records in pairs:
        tally.add(doc, records)
    return tally.report()

