"""``eventx evaluate``: span, trigger, role and event-level scores of a model on annotated data.

* spans: seqeval P/R/F1 per label over word-level BIO sequences (triggers as ``T:type``, arguments
  by span kind), from the decoded spans before linking;
* triggers: trigger identification + type, per mention (a predicted trigger matches a gold one of the
  same type whose span it overlaps);
* roles: linked arguments (trigger matched as above, same role, argument spans overlapping), and
  the same with exact argument boundaries (a headline figure beside the overlap one);
* events: per document, the merged records' who / where / when / killed / injured / seized values
  against the gold ones (lenient text match as in ``../shared/eval/score.py``), and the killed /
  injured exact-count accuracy on documents whose gold states one;
* negatives: of the documents with no gold event (after planned, negated and hypothetical
  mentions are set aside), the share where the system returns no event either ("clean"), the
  challenge set's measure of false alarms;
* calibration: expected calibration error (10 bins) of the merged events' scores (an event is
  right where one of its trigger mentions matches a gold one as above) and of the mentions';
* records: the share of documents with as many records as gold events (distinct event ids), and
  event-coreference MUC / B-cubed / CEAF-e / CoNLL F1 where :mod:`eventx.coref_eval` is there;
* modality: the accuracy of the modality of predicted mentions (every modality) whose trigger
  matches a gold mention of any modality (a model's modality head, or for a model without one
  the words before its trigger, :func:`eventx.link_rules.told_modality`).

Trigger, role, field, count and negative scores are on ``actual`` gold mentions and ``actual``
predictions: pass documents with all their mentions and they are set aside here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from eventx.calibration import expected_calibration_error
from eventx.config import DEFAULT_ROLE_FIELDS
from eventx.corpus.format import Document
from eventx.linking import ArgSpan, TriggerSpan, link
from eventx.merge import merge_mentions
from eventx.schema import Event

__all__ = ["evaluate_documents", "format_report", "gold_events", "score_analyses"]

_WORD = re.compile(r"\w+|[^\w\s]")
_STOP = {"the", "a", "an", "of", "in", "on", "at", "and", "to", "for", "his", "her", "their", "its"}


def gold_events(doc: Document, roles: dict[str, str],
                fields: dict[str, str] | None = None) -> list[Event]:
    """The annotation's events as records (one per mention), built like the model's output
    (``fields``: the model's role-to-field map), without the linking rules that clean the
    model's spans and drop unsupported tolls: the annotation is taken as it is."""
    out = []
    for ev in doc.events:
        spans: dict[tuple[int, int], list[str]] = defaultdict(list)
        for a in ev.arguments:
            if a.role in roles:
                spans[(a.start, a.end)].append(a.role)
        args = [ArgSpan(s, e, roles[rs[0]], 1.0) for (s, e), rs in spans.items()]
        names = list(roles)
        probs = np.zeros((len(args), len(names)))
        for i, rs in enumerate(spans.values()):
            for r in rs:
                probs[i, names.index(r)] = 1.0
        trig = TriggerSpan(ev.trigger.start, ev.trigger.end, ev.type, 1.0)
        out.append(link(doc.text, trig, args, probs, roles, 0.5, fields, rules=False))
    return out


def _bio(text: str, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    tags = ["O"] * len(words)
    for s, e, label in sorted(spans, key=lambda x: (x[0], x[0] - x[1])):
        idx = [i for i, (ws, we) in enumerate(words) if ws < e and we > s]
        if not idx or any(tags[i] != "O" for i in idx):
            continue
        tags[idx[0]] = f"B-{label}"
        for i in idx[1:]:
            tags[i] = f"I-{label}"
    return tags


def _toks(s: str) -> set[str]:
    return {t for t in re.findall(r"[a-z0-9]+", s.lower()) if t not in _STOP}


def _match(a: str, b: str) -> bool:
    p, g = _toks(a), _toks(b)
    if not p or not g:
        return a.strip().lower() == b.strip().lower() and bool(a.strip())
    return p <= g or g <= p or len(p & g) / len(p | g) >= 0.5


def _prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> dict[str, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "n_pred": n_p, "n_gold": n_g}


class _Tally:
    def __init__(self) -> None:
        self.c = defaultdict(lambda: [0, 0, 0, 0])

    def add(self, key: str, preds: list, golds: list, same) -> None:
        row = self.c[key]
        row[0] += sum(1 for p in preds if any(same(p, g) for g in golds))
        row[1] += len(preds)
        row[2] += sum(1 for g in golds if any(same(p, g) for p in preds))
        row[3] += len(golds)

    def report(self) -> dict[str, dict[str, float]]:
        return {k: _prf(*v) for k, v in sorted(self.c.items())}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _args(events: list[Event], mapped: set[str]) -> list[tuple]:
    out = []
    for e in events:
        t = (e.trigger.start, e.trigger.end)
        parts = [(p.role, p) for p in e.who] + [("place", p) for p in e.where]
        parts += [("time", e.when)] if e.when else []
        parts += [(r, c) for r, c in (("killed", e.casualties.killed), ("injured", e.casualties.injured)) if c]
        for s in e.seizures:
            parts.append(("item", s.item))
            if s.quantity:
                parts.append(("quantity", s.quantity))
        # roles that fill no typed field are scored from the arguments
        parts += [(a.role, a) for a in e.arguments if a.role not in mapped]
        out += [(e.type, t, role, (sp.start, sp.end)) for role, sp in parts]
    return out


def _doc_fields(events: list[Event]) -> dict[str, list]:
    f: dict[str, list] = defaultdict(list)
    for e in events:
        f["who"] += [(e.type, p.role, p.text) for p in e.who]
        f["where"] += [(e.type, p.text) for p in e.where]
        if e.when and e.when.date:
            f["when"].append((e.type, e.when.date))
        for name in ("killed", "injured"):
            c = getattr(e.casualties, name)
            if c is not None and c.value is not None:
                f[name].append((e.type, c.value))
        f["seized"] += [(e.type, s.item.text) for s in e.seizures]
    return f


def _same_field(p: tuple, g: tuple) -> bool:
    if p[:-1] != g[:-1]:
        return False
    return _match(p[-1], g[-1]) if isinstance(p[-1], str) else p[-1] == g[-1]


def evaluate_documents(model: str | Path | Any, docs: list[Document],
                       batch_size: int = 16) -> dict[str, Any]:
    """Score a model (folder or :class:`~eventx.Extractor`) on annotated documents.

    An extractor that takes ``modality`` is run with ``modality="all"`` and scored on its modality
    too (give the documents with their planned, negated and hypothetical mentions for that).
    """
    import inspect

    from eventx.extractor import Extractor

    ex = model if isinstance(model, Extractor) else Extractor.from_pretrained(model)
    options = {}
    if "modality" in inspect.signature(ex.analyze).parameters:
        options["modality"] = "all"
    analyses = ex.analyze((d.text for d in docs), published=(d.published for d in docs),
                          batch_size=batch_size, **options)
    report = score_analyses(docs, analyses, ex.config.roles, ex.config.role_fields,
                            modality=bool(options))
    report["calibration"]["calibrated"] = bool(ex.config.calibration.get("trigger"))
    return report


def _coref_tally() -> Any:
    try:
        from eventx.coref_eval import CorefTally
    except ImportError:
        return None
    return CorefTally()


def _matches(event: Event, gold: list[tuple[str, tuple[int, int]]]) -> bool:
    spans = [(m.start, m.end) for m in (event.mentions or (event.trigger,))]
    return any(t == event.type and _overlap(s, g) for s in spans for t, g in gold)


def _modality_of(event: Event, gold: list[Any]) -> str | None:
    """The modality of the gold mention of ``event``'s type whose trigger overlaps its trigger
    most (None: no such mention)."""
    span = (event.trigger.start, event.trigger.end)
    best, size = None, 0
    for ev in gold:
        g = (ev.trigger.start, ev.trigger.end)
        overlap = min(span[1], g[1]) - max(span[0], g[0])
        if ev.type == event.type and overlap > size:
            best, size = ev.modality, overlap
    return best


def score_analyses(docs: list[Document], analyses: Iterable[Any], roles: dict[str, str],
                   fields: dict[str, str] | None = None, *,
                   modality: bool = False) -> dict[str, Any]:
    """Score any system's :class:`~eventx.extractor.Analysis` objects (one per document).

    ``fields`` is the role-to-field map (default: the built-in roles'); the roles it maps are
    scored from the typed fields, the others from ``Event.arguments``.

    Each analysis needs ``spans`` (``(start, end, label, score)``; triggers labelled ``T:type``,
    arguments by span kind), ``mentions`` (one event per trigger mention) and ``events`` (merged).
    With ``modality``, the analyses hold events of every modality: the modality accuracy is
    measured, and the other scores use the ``actual`` ones.
    """
    from seqeval.metrics import classification_report

    from eventx.normalize import normalize_events

    kinds = set(roles.values())
    role_fields = fields if fields is not None else {
        r: DEFAULT_ROLE_FIELDS[r] for r in roles if r in DEFAULT_ROLE_FIELDS}
    mapped = set(role_fields)
    y_true, y_pred = [], []
    trig, role_o, role_x, fields = _Tally(), _Tally(), _Tally(), _Tally()
    counts = {"killed": [0, 0], "injured": [0, 0]}
    negatives = [0, 0]
    conf: dict[str, tuple[list[float], list[bool]]] = {"events": ([], []), "mentions": ([], [])}
    modal: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    coref, right = _coref_tally(), [0, 0]
    for full, an in zip(docs, analyses):
        doc = full.actual_only()
        mentions, events = an.mentions, an.events
        if modality:
            for m in mentions:
                if (g := _modality_of(m, full.events)) is not None:
                    modal[g][0] += m.modality == g
                    modal[g][1] += 1
            mentions = [m for m in mentions if m.modality == "actual"]
            events = [e for e in events if e.modality == "actual"]
        gold_t = [(ev.type, (ev.trigger.start, ev.trigger.end)) for ev in doc.events]
        for key, items in (("events", events), ("mentions", mentions)):
            conf[key][0].extend(e.score for e in items)
            conf[key][1].extend(_matches(e, gold_t) for e in items)
        n_gold = len({ev.event if ev.event is not None else f"_mention{i}"
                      for i, ev in enumerate(doc.events)})
        right[0] += n_gold == len(events)
        right[1] += 1
        if coref is not None:
            coref.add(doc, events)
        if not doc.events:
            negatives[1] += 1
            negatives[0] += not mentions
        gold_m = normalize_events(gold_events(doc, roles, role_fields), doc.text, doc.published)
        gold_spans = [(e.trigger.start, e.trigger.end, f"T:{e.type}") for e in gold_m]
        for ev in doc.events:
            gold_spans += [(a.start, a.end, roles[a.role]) for a in ev.arguments
                           if a.role in roles and roles[a.role] in kinds]
        y_true.append(_bio(doc.text, gold_spans))
        y_pred.append(_bio(doc.text, [(s, e, lab) for s, e, lab, _ in an.spans]))
        pt = [(e.type, (e.trigger.start, e.trigger.end)) for e in mentions]
        gt = [(e.type, (e.trigger.start, e.trigger.end)) for e in gold_m]
        for t in sorted({x[0] for x in pt + gt}):
            trig.add(t, [x for x in pt if x[0] == t], [x for x in gt if x[0] == t],
                     lambda p, g: _overlap(p[1], g[1]))
        trig.add("all", pt, gt, lambda p, g: p[0] == g[0] and _overlap(p[1], g[1]))
        pa, ga = _args(mentions, mapped), _args(gold_m, mapped)
        for r in sorted({x[2] for x in pa + ga}):
            role_o.add(r, [x for x in pa if x[2] == r], [x for x in ga if x[2] == r],
                       lambda p, g: p[0] == g[0] and _overlap(p[1], g[1]) and _overlap(p[3], g[3]))
        role_o.add("all", pa, ga, lambda p, g: p[0] == g[0] and p[2] == g[2]
                   and _overlap(p[1], g[1]) and _overlap(p[3], g[3]))
        role_x.add("all", pa, ga, lambda p, g: p[0] == g[0] and p[2] == g[2]
                   and _overlap(p[1], g[1]) and p[3] == g[3])
        pf, gf = _doc_fields(events), _doc_fields(merge_mentions(gold_m, doc.text))
        for name in ("who", "where", "when", "killed", "injured", "seized"):
            fields.add(name, list(dict.fromkeys(pf[name])), list(dict.fromkeys(gf[name])), _same_field)
        for name in ("killed", "injured"):
            if gf[name]:
                counts[name][1] += 1
                counts[name][0] += max(v for _, v in pf[name]) == max(v for _, v in gf[name]) \
                    if pf[name] else 0
    spans = classification_report(y_true, y_pred, output_dict=True, zero_division=0)
    records: dict[str, Any] = {"documents": right[1],
                               "right_count": round(right[0] / right[1], 4) if right[1] else None}
    if coref is not None and right[1]:
        records = coref.report()
    return {
        "documents": len(docs),
        "spans": {k: {m: round(float(v[m]), 4) for m in ("precision", "recall", "f1-score", "support")}
                  for k, v in spans.items()},
        "triggers": trig.report(),
        "roles": role_o.report(),
        "roles_exact": role_x.report()["all"] if role_x.c else _prf(0, 0, 0, 0),
        "events": fields.report(),
        "count_accuracy": {k: {"accuracy": round(v[0] / v[1], 4) if v[1] else None, "documents": v[1]}
                           for k, v in counts.items()},
        "negatives": {"documents": negatives[1], "clean": negatives[0],
                      "clean_rate": round(negatives[0] / negatives[1], 4) if negatives[1] else None},
        "calibration": {k: {"ece": expected_calibration_error(*v), "n": len(v[0]),
                            "right": int(sum(v[1]))} for k, v in conf.items()},
        "records": records,
        "modality": None if not modality else {
            "accuracy": round(sum(c for c, _ in modal.values()) / n, 4) if (
                n := sum(m for _, m in modal.values())) else None,
            "matched": n,
            "by_gold": {k: {"accuracy": round(c / m, 4), "matched": m}
                        for k, (c, m) in sorted(modal.items())}},
    }


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _headline(report: dict[str, Any]) -> list[str]:
    """The figures of the model's target table, one a line."""
    trig = report["triggers"].get("all", {"f1": 0.0})
    role = report["roles"].get("all", {"f1": 0.0})
    lines = [f"  trigger + type F1                {trig['f1']:.3f}",
             f"  role F1, overlap / exact         {role['f1']:.3f} / "
             f"{report['roles_exact']['f1']:.3f}"]
    for k, v in report["count_accuracy"].items():
        lines.append(f"  {k} exact count{'':<{18 - len(k)}}{_fmt(v['accuracy'])} "
                     f"({v['documents']} documents)")
    cal = report.get("calibration") or {}
    if cal.get("events"):
        kind = {True: "calibrated", False: "raw"}.get(cal.get("calibrated"), "")
        lines.append(f"  event score ECE (10 bins)        {_fmt(cal['events']['ece'])} "
                     f"({cal['events']['n']} events{', ' + kind if kind else ''}; mentions "
                     f"{_fmt(cal['mentions']['ece'])})")
    rec = report.get("records") or {}
    if rec:
        lines.append(f"  documents with right event count {_fmt(rec['right_count'])}")
        if "b3" in rec:
            lines.append(f"  event coreference B3 / CoNLL F1  {rec['b3']['f1']:.3f} / "
                         f"{rec['conll_f1']:.3f}")
    mod = report.get("modality")
    if mod:
        lines.append(f"  modality accuracy                {_fmt(mod['accuracy'])} "
                     f"({mod['matched']} matched mentions)")
    return lines


def format_report(report: dict[str, Any]) -> str:
    """A plain-text table of :func:`evaluate_documents`'s report."""
    lines = [f"documents: {report['documents']}", *_headline(report), "",
             f"{'spans (seqeval)':<28}{'P':>8}{'R':>8}{'F1':>8}{'n':>8}"]
    for k, v in report["spans"].items():
        lines.append(f"{k:<28}{v['precision']:>8.3f}{v['recall']:>8.3f}{v['f1-score']:>8.3f}{int(v['support']):>8}")
    for title, key in (("triggers (type + overlap)", "triggers"), ("roles (linked, overlap)", "roles"),
                       ("event fields (per document)", "events")):
        lines += ["", f"{title:<28}{'P':>8}{'R':>8}{'F1':>8}{'gold':>8}"]
        for k, v in report[key].items():
            lines.append(f"{k:<28}{v['p']:>8.3f}{v['r']:>8.3f}{v['f1']:>8.3f}{v['n_gold']:>8}")
    x = report["roles_exact"]
    lines += ["", f"roles, exact argument offsets: P {x['p']:.3f} R {x['r']:.3f} F1 {x['f1']:.3f}"]
    for k, v in report["count_accuracy"].items():
        acc = "n/a" if v["accuracy"] is None else f"{v['accuracy']:.3f}"
        lines.append(f"{k} exact count accuracy: {acc} on {v['documents']} documents that state one")
    neg = report.get("negatives") or {}
    if neg.get("documents"):
        lines.append(f"documents without events returned clean: {neg['clean']} of "
                     f"{neg['documents']} ({neg['clean_rate']:.3f})")
    return "\n".join(lines)
