"""Calibrated scores: Platt scaling of raw trigger and role scores, and per-type thresholds.

A model's raw trigger score (the mean tag probability of the span) is not a probability that
the event is real. :func:`fit_platt` fits ``calibrated = sigmoid(a * logit(raw) + b)`` on
(raw score, correct?) pairs of the model on the tune split; :func:`choose_thresholds` then picks,
per event type, the calibrated score that maximizes that type's F1 on tune (types with few tune
mentions keep the global threshold). Both go into the model folder's ``config.json``
(``calibration`` and ``thresholds``); :func:`calibrate_mentions` applies them at inference and
:func:`trigger_prefilter` is the raw-score cut the decoder may make first without losing anything
a threshold would keep.

Everything here but :func:`collect_trigger_pairs`, :func:`collect_role_pairs` and
:func:`calibrate_model` is pure numpy.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from eventx.config import ModelConfig, Thresholds
from eventx.corpus.format import Document
from eventx.schema import Event

__all__ = ["MIN_SUPPORT", "PREFILTER", "RolePair", "TriggerPair", "apply_platt",
           "calibrate_mentions", "calibrate_model", "choose_thresholds", "collect_role_pairs",
           "collect_trigger_pairs", "expected_calibration_error", "fit_platt",
           "format_calibration", "trigger_prefilter"]

#: the raw trigger score under which nothing is collected for calibration
PREFILTER = 0.05
#: gold tune mentions a type needs for a threshold of its own
MIN_SUPPORT = 20
_EPS = 1e-6
#: the candidate thresholds (calibrated scores)
#: the tune F1 a role's own threshold must gain over the global one to be kept
MIN_ROLE_GAIN = 0.01
GRID = tuple(round(0.05 * k, 2) for k in range(1, 20))


def _logit(p: np.ndarray | float) -> np.ndarray:
    p = np.clip(np.asarray(p, dtype=np.float64), _EPS, 1 - _EPS)
    return np.log(p) - np.log1p(-p)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def apply_platt(raw: float | Sequence[float] | np.ndarray, ab: Sequence[float]) -> np.ndarray:
    """``sigmoid(a * logit(raw) + b)``.

    >>> round(float(apply_platt(0.5, [2.0, 1.0])), 4)
    0.7311
    """
    a, b = ab
    return _sigmoid(a * _logit(raw) + b)


def invert_platt(calibrated: float, ab: Sequence[float]) -> float:
    """The raw score whose calibrated score is ``calibrated`` (``a > 0``; ``0 < calibrated <
    1``): the inverse of :func:`apply_platt`.

    >>> round(invert_platt(float(apply_platt(0.3, [2.0, 1.0])), [2.0, 1.0]), 6)
    0.3
    """
    a, b = ab
    return float(_sigmoid((float(_logit(calibrated)) - b) / a))


def fit_platt(scores: Sequence[float], correct: Sequence[bool], *,
              iterations: int = 100) -> list[float]:
    """Fit Platt scaling ``[a, b]`` on the logit of raw scores by Newton's method, with Platt's
    smoothed targets (``(n+ + 1) / (n+ + 2)`` and ``1 / (n- + 2)``) so that separable data
    gives finite parameters.

    Raises:
        ValueError: no pairs.
    """
    x = _logit(scores)
    y = np.asarray(correct, dtype=bool)
    if len(x) == 0:
        raise ValueError("no (score, correct) pairs to fit")
    pos, neg = int(y.sum()), int((~y).sum())
    t = np.where(y, (pos + 1) / (pos + 2), 1 / (neg + 2))

    def loss(a: float, b: float) -> float:
        z = a * x + b
        return float(np.sum(np.logaddexp(0, z) - t * z))

    a, b = 1.0, 0.0
    current = loss(a, b)
    for _ in range(iterations):
        p = _sigmoid(a * x + b)
        g = np.array([np.sum((p - t) * x), np.sum(p - t)])
        w = p * (1 - p)
        h = np.array([[np.sum(w * x * x), np.sum(w * x)], [np.sum(w * x), np.sum(w)]])
        step = np.linalg.solve(h + 1e-9 * np.eye(2), g)
        scale = 1.0
        while scale > 1e-6:
            na, nb = a - scale * step[0], b - scale * step[1]
            new = loss(na, nb)
            if new <= current:
                break
            scale /= 2
        else:
            break
        done = abs(current - new) < 1e-10 * max(1.0, abs(current))
        a, b, current = na, nb, new
        if done:
            break
    return [round(float(a), 6), round(float(b), 6)]


def expected_calibration_error(scores: Sequence[float], correct: Sequence[bool],
                               bins: int = 10) -> float | None:
    """Expected calibration error: over ``bins`` equal-width score bins, the share of pairs in
    a bin times the gap between its accuracy and its mean score. None without pairs.

    >>> expected_calibration_error([0.9, 0.9, 0.1, 0.1], [True, False, False, False])
    0.25
    """
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(correct, dtype=np.float64)
    if len(s) == 0:
        return None
    idx = np.minimum((s * bins).astype(int), bins - 1)
    total = 0.0
    for k in range(bins):
        sel = idx == k
        if sel.any():
            total += sel.sum() / len(s) * abs(y[sel].mean() - s[sel].mean())
    return round(float(total), 4)


# ---------------------------------------------------------------- applying a calibration
def trigger_prefilter(config: ModelConfig) -> float:
    """The lowest RAW trigger score whose calibrated score reaches the lowest threshold of any
    type (``config.thresholds.floor``); without calibration, that floor itself. A decoder that
    drops raw scores under it drops nothing a type threshold would keep.
    """
    floor = config.thresholds.floor
    ab = config.calibration.get("trigger")
    if not ab:
        return floor
    if ab[0] <= 0 or floor <= 0:
        return 0.0
    if floor >= 1:
        return 1.0
    raw = invert_platt(floor, ab)
    # a margin for the 4-decimal rounding of event scores
    return max(0.0, round(raw - 1e-4, 6))


def calibrate_mentions(mentions: Iterable[Event], config: ModelConfig) -> list[Event]:
    """Mention events with their calibrated trigger score as ``score``, those under their
    type's threshold (``config.thresholds.for_type``) left out. A config without calibration
    and without per-type thresholds returns the mentions as they are (raw scores)."""
    mentions = list(mentions)
    ab = config.calibration.get("trigger")
    thresholds = config.thresholds
    if not ab and not thresholds.types:
        return mentions
    out = []
    for m in mentions:
        score = float(apply_platt(m.score, ab)) if ab else m.score
        if score >= thresholds.for_type(m.type):
            out.append(m.model_copy(update={"score": round(score, 4)}) if ab else m)
    return out


# ---------------------------------------------------------------- thresholds
@dataclass(frozen=True)
class TriggerPair:
    """One predicted trigger on a tune document: its type, raw score, the gold mentions it
    overlaps (same type; ``(document, gold index)``) and its document's index."""

    type: str
    score: float
    gold: frozenset
    doc: int = -1

    @property
    def correct(self) -> bool:
        return bool(self.gold)


def _f1_at(pairs: Sequence[TriggerPair], scores: np.ndarray, n_gold: int,
           threshold: float) -> float:
    kept = [p for p, s in zip(pairs, scores) if s >= threshold]
    if not kept or not n_gold:
        return 0.0
    precision = sum(p.correct for p in kept) / len(kept)
    recall = len(set().union(*(p.gold for p in kept))) / n_gold
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _best(pairs: Sequence[TriggerPair], scores: np.ndarray, n_gold: int) -> tuple[float, float]:
    """The grid threshold of highest F1 (ties: the one nearest 0.5) and that F1."""
    best = max(GRID, key=lambda th: (round(_f1_at(pairs, scores, n_gold, th), 6), -abs(th - 0.5)))
    return best, _f1_at(pairs, scores, n_gold, best)


def choose_thresholds(pairs: Sequence[TriggerPair], gold_counts: dict[str, int],
                      calibration: Sequence[float] | None, *,
                      min_support: int = MIN_SUPPORT) -> dict[str, Any]:
    """The global and per-type thresholds of calibrated scores that maximize F1 on tune.

    Args:
        pairs: every predicted trigger (collected under a low raw cut).
        gold_counts: gold mentions per type on the same documents.
        calibration: the trigger Platt parameters (None: raw scores).
        min_support: gold mentions a type needs for a threshold of its own; the others use the
            global one.

    Returns:
        ``trigger`` (global threshold), ``types`` (type -> threshold, supported types only),
        ``per_type`` (type -> support, threshold, tune F1, and whether it fell back).
    """
    scores = np.asarray([p.score for p in pairs], dtype=np.float64)
    if calibration:
        scores = apply_platt(scores, calibration)
    glob, glob_f1 = _best(pairs, scores, sum(gold_counts.values()))
    types: dict[str, float] = {}
    per_type: dict[str, dict[str, Any]] = {}
    for t in sorted(set(gold_counts) | {p.type for p in pairs}):
        sel = [i for i, p in enumerate(pairs) if p.type == t]
        sub, sub_scores, n = [pairs[i] for i in sel], scores[sel], gold_counts.get(t, 0)
        if n >= min_support:
            th, f1 = _best(sub, sub_scores, n)
            types[t] = th
        else:
            th, f1 = glob, _f1_at(sub, sub_scores, n, glob)
        per_type[t] = {"support": n, "threshold": th, "tune_f1": round(f1, 4),
                       "fallback": n < min_support}
    return {"trigger": glob, "tune_f1": round(glob_f1, 4), "types": types, "per_type": per_type}


def choose_role_thresholds(pairs: Sequence[RolePair], gold_counts: dict[str, int], *,
                           min_support: int = MIN_SUPPORT, global_threshold: float = 0.5,
                           min_gain: float | None = None) -> dict[str, Any]:
    """Per role, the raw probability threshold that maximizes its F1 on tune (roles with fewer
    than ``min_support`` gold arguments, or whose best threshold gains less than ``min_gain``
    F1 over ``global_threshold``, keep the global one).

    Recall counts right candidates over the role's gold arguments (a gold argument found by two
    candidates counts twice: rare, since an argument takes a role for one trigger of a type).
    """
    roles: dict[str, float] = {}
    per_role: dict[str, dict[str, Any]] = {}
    for r in sorted(gold_counts):
        n = gold_counts[r]
        sub = [p for p in pairs if p.role == r]

        def f1(th: float) -> float:
            kept = [p for p in sub if p.score >= th]
            tp = sum(p.correct for p in kept)
            if not tp:
                return 0.0
            prec, rec = tp / len(kept), min(1.0, tp / n)
            return 2 * prec * rec / (prec + rec)

        if min_gain is None:
            min_gain = MIN_ROLE_GAIN
        if n < min_support or not sub:
            per_role[r] = {"support": n, "threshold": None, "fallback": True}
            continue
        best = max(GRID, key=lambda th: (round(f1(th), 6), -abs(th - 0.5)))
        # a gain under MIN_ROLE_GAIN on a small tune split is noise: keep the global threshold
        gain = f1(best) - f1(global_threshold)
        per_role[r] = {"support": n, "threshold": best, "tune_f1": round(f1(best), 4),
                       "f1_at_0.5": round(f1(global_threshold), 4), "fallback": gain < min_gain}
        if gain >= min_gain:
            roles[r] = best
    return {"roles": roles, "per_role": per_role}


# ---------------------------------------------------------------- collecting pairs (model runs)
def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _raw_view(ex: Any, trigger: float) -> ModelConfig:
    """The extractor's config with no calibration and one raw trigger threshold (``trigger``)."""
    cfg = ex.config
    return cfg.model_copy(update={"calibration": {}, "thresholds": Thresholds(
        trigger=trigger, role=cfg.thresholds.role, exclusive=cfg.thresholds.exclusive)})


def collect_trigger_pairs(ex: Any, docs: Sequence[Document], *, prefilter: float = PREFILTER,
                          batch_size: int = 16) -> tuple[list[TriggerPair], dict[str, int]]:
    """Run the extractor over ``docs`` (complete documents) with raw scores and a low trigger
    cut, and pair each predicted mention with the gold ``actual`` mentions it overlaps.

    Returns:
        The pairs and the gold mentions per type.
    """
    saved = ex.config, ex.normalize, ex.merge
    ex.config, ex.normalize, ex.merge = _raw_view(ex, prefilter), False, False
    try:
        analyses = list(ex.analyze([d.text for d in docs], batch_size=batch_size))
    finally:
        ex.config, ex.normalize, ex.merge = saved
    pairs: list[TriggerPair] = []
    gold_counts: dict[str, int] = {}
    for d, (doc, an) in enumerate(zip(docs, analyses)):
        gold = [(ev.type, (ev.trigger.start, ev.trigger.end)) for ev in doc.actual_only().events]
        for t, _ in gold:
            gold_counts[t] = gold_counts.get(t, 0) + 1
        for m in an.mentions:
            span = (m.trigger.start, m.trigger.end)
            hits = frozenset((d, j) for j, (t, g) in enumerate(gold)
                             if t == m.type and _overlap(span, g))
            pairs.append(TriggerPair(m.type, m.score, hits, d))
    return pairs, gold_counts


@dataclass(frozen=True)
class RolePair:
    """One (trigger, argument, role) candidate: its raw role probability and whether a gold
    argument matches it (same event type, overlapping trigger, same role, overlapping span)."""

    role: str
    score: float
    correct: bool


def collect_role_pairs(ex: Any, docs: Sequence[Document], *, prefilter: float = PREFILTER,
                       batch_size: int = 16) -> list[RolePair]:
    """Raw role probabilities of the model's linking candidates on ``docs``, each with whether
    it is right. The triggers are those the model keeps now (its own decoding cut); a role is a
    candidate where its span kind is the argument's and its probability, after the decision
    rules (exclusivity, roles per type), is at least ``prefilter``.

    The candidates come from the extractor's own stages (``Extractor._scored``), so they are
    the role probabilities extraction links.
    """
    cfg = ex.config
    gold = []
    for doc in docs:
        g = set()
        for ev in doc.actual_only().events:
            for a in ev.arguments:
                g.add((ev.type, (ev.trigger.start, ev.trigger.end), a.role, (a.start, a.end)))
        gold.append(g)
    names = list(cfg.roles)
    out: list[RolePair] = []
    for _, items in ex._scored([d.text for d in docs], batch_size):
        for it in items:
            etype, tspan = it.trigger.label[2:], (it.trigger.char_start, it.trigger.char_end)
            if ab := cfg.calibration.get("trigger"):
                if float(apply_platt(it.trigger.score, ab)) < cfg.thresholds.for_type(etype):
                    continue
            for arg, probs in zip(it.arguments, it.probs):
                aspan = (arg.char_start, arg.char_end)
                if aspan == tspan:
                    continue
                for k, role in enumerate(names):
                    if cfg.roles[role] != arg.label or probs[k] < prefilter:
                        continue
                    hit = any(g[0] == etype and g[2] == role and _overlap(g[1], tspan)
                              and _overlap(g[3], aspan) for g in gold[it.doc])
                    out.append(RolePair(role, float(probs[k]), hit))
    return out


def _ece_pair(scores: np.ndarray, correct: np.ndarray, ab: Sequence[float]) -> dict[str, Any]:
    return {"pairs": len(scores), "correct": int(correct.sum()),
            "ece_raw": expected_calibration_error(scores, correct),
            "ece_calibrated": expected_calibration_error(apply_platt(scores, ab), correct)}


def calibrate_model(ex: Any, docs: Sequence[Document], *,
                    min_support: int = MIN_SUPPORT, prefilter: float = PREFILTER,
                    roles: bool = True, batch_size: int = 16) -> tuple[ModelConfig, dict[str, Any]]:
    """Fit trigger (and role) calibration and per-type thresholds of a model on tune documents.

    Args:
        ex: an :class:`~eventx.Extractor` (anything with its ``config``, ``normalize``,
            ``merge`` and ``analyze``; the role pass needs a real one). Taken as an object, not
            a folder, so that this module does not import the extractor (which imports it).
        docs: tune documents; only complete ones are used (precision needs them).
        min_support: gold tune mentions a type needs for a threshold of its own.
        prefilter: the raw trigger (and role) score under which nothing is collected.
        roles: also fit the role calibration (a second pass of the model stages).
        batch_size: windows per forward pass.

    Returns:
        The model's config with ``calibration`` and ``thresholds`` (``trigger``: the global
        threshold of calibrated scores, ``types``) replaced, and a report of the fit (pairs,
        ECE before / after, thresholds with their support and tune F1).
    """
    docs = [d for d in docs if d.complete]
    if not docs:
        raise ValueError("no complete document to calibrate on")
    pairs, gold_counts = collect_trigger_pairs(ex, docs, prefilter=prefilter,
                                               batch_size=batch_size)
    if not any(p.correct for p in pairs) or all(p.correct for p in pairs):
        raise ValueError(f"{len(pairs)} predicted triggers on {len(docs)} documents: need both "
                         "right and wrong ones to calibrate")
    raw = np.asarray([p.score for p in pairs])
    right = np.asarray([p.correct for p in pairs])
    trig_ab = fit_platt(raw, right)
    calibration = {"trigger": trig_ab}
    report: dict[str, Any] = {"documents": len(docs), "prefilter": prefilter,
                              "gold_mentions": dict(sorted(gold_counts.items())),
                              "trigger": {"platt": trig_ab, **_ece_pair(raw, right, trig_ab)}}
    chosen = choose_thresholds(pairs, gold_counts, trig_ab, min_support=min_support)
    report["thresholds"] = {"min_support": min_support, **chosen}
    if roles:
        rp = collect_role_pairs(ex, docs, prefilter=prefilter, batch_size=batch_size)
        rs, rc = np.asarray([p.score for p in rp]), np.asarray([p.correct for p in rp])
        if rc.any() and not rc.all():
            calibration["role"] = fit_platt(rs, rc)
            report["role"] = {"platt": calibration["role"], "applied": False,
                              **_ece_pair(rs, rc, calibration["role"])}
        role_gold: dict[str, int] = {}
        for d in docs:
            for ev in d.actual_only().events:
                for a in ev.arguments:
                    if a.role in ex.config.roles:
                        role_gold[a.role] = role_gold.get(a.role, 0) + 1
        role_choice = choose_role_thresholds(rp, role_gold, min_support=min_support,
                                             global_threshold=ex.config.thresholds.role)
        report["role_thresholds"] = role_choice["per_role"]
    old = ex.config.thresholds
    config = ex.config.model_copy(update={
        "calibration": calibration,
        "thresholds": Thresholds(trigger=chosen["trigger"], role=old.role,
                                 exclusive=old.exclusive, types=chosen["types"],
                                 roles=role_choice["roles"] if roles else {})})
    report["trigger_prefilter"] = trigger_prefilter(config)
    return config, report


def format_calibration(report: dict[str, Any]) -> str:
    """:func:`calibrate_model`'s report as plain text."""
    t = report["trigger"]
    lines = [f"tune documents: {report['documents']} (complete); raw cut {report['prefilter']}",
             f"triggers: {t['pairs']} predicted, {t['correct']} right; Platt a={t['platt'][0]:.3f} "
             f"b={t['platt'][1]:.3f}; ECE {t['ece_raw']:.3f} raw -> {t['ece_calibrated']:.3f} "
             "calibrated (tune, 10 bins)"]
    if "role" in report:
        r = report["role"]
        lines.append(f"roles: {r['pairs']} candidates, {r['correct']} right; Platt "
                     f"a={r['platt'][0]:.3f} b={r['platt'][1]:.3f}; ECE {r['ece_raw']:.3f} raw -> "
                     f"{r['ece_calibrated']:.3f} calibrated (role thresholds stay on raw scores)")
    th = report["thresholds"]
    lines += [f"global trigger threshold (calibrated): {th['trigger']:.2f} "
              f"(tune F1 {th['tune_f1']:.3f})",
              f"{'type':<14}{'gold':>6}{'threshold':>11}{'tune F1':>9}"]
    for name, v in th["per_type"].items():
        note = f"  (under {th['min_support']} gold: global)" if v["fallback"] else ""
        lines.append(f"{name:<14}{v['support']:>6}{v['threshold']:>11.2f}"
                     f"{v['tune_f1']:>9.3f}{note}")
    if "role_thresholds" in report:
        lines.append(f"{'role':<14}{'gold':>6}{'threshold':>11}{'tune F1':>9}{'at 0.5':>8}")
        for name, v in report["role_thresholds"].items():
            if v["fallback"]:
                lines.append(f"{name:<14}{v['support']:>6}{'global':>11}"
                             + (f"{v['tune_f1']:>9.3f}{v['f1_at_0.5']:>8.3f}"
                                if v.get("threshold") is not None else ""))
            else:
                lines.append(f"{name:<14}{v['support']:>6}{v['threshold']:>11.2f}"
                             f"{v['tune_f1']:>9.3f}{v['f1_at_0.5']:>8.3f}")
    lines.append(f"decoder raw pre-filter (trigger_prefilter): {report['trigger_prefilter']:.4f}")
    return "\n".join(lines)
