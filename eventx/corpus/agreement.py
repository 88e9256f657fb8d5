"""Inter-annotator agreement between two standoff files (``eventx corpus agreement A B``).

Over the documents both files annotate (same id; the same source text, by ``sha1``):

* ``trigger_exact``: triggers as (type, start, end), equal offsets;
* ``trigger_overlap``: same type and overlapping spans;
* ``argument_exact`` / ``argument_overlap``: arguments as (role, start, end), whatever event
  they belong to (an argument is counted once per event that has it).

Items are matched one to one (greedily, the largest overlap first). F1 is symmetric; precision
and recall take file A as the reference. ``trigger_exact_per_type`` breaks the first score down.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from eventx.corpus.format import StandoffDocument, read_standoff
from eventx.errors import AnnotationError

__all__ = ["agreement", "match_count", "score"]

Item = tuple[str, int, int]


def _by_id(path: str | Path) -> dict[str, tuple[int, StandoffDocument]]:
    out: dict[str, tuple[int, StandoffDocument]] = {}
    for lineno, rec in read_standoff(path):
        if rec.id in out:
            raise AnnotationError(f"document {rec.id!r} appears twice (first on line "
                                  f"{out[rec.id][0]})", path=str(path), line=lineno, field="id")
        out[rec.id] = (lineno, rec)
    return out


def match_count(a: Iterable[Item], b: Iterable[Item], overlap: bool = False) -> int:
    """How many items of ``a`` and ``b`` pair up one to one (same label; equal or overlapping).

    Example:
        >>> match_count([("attack", 0, 5)], [("attack", 2, 8)], overlap=True)
        1
    """
    pool: dict[str, list[Item]] = defaultdict(list)
    for item in b:
        pool[item[0]].append(item)
    n = 0
    for label, s, e in sorted(a):
        cands = pool.get(label, [])
        if overlap:
            scored = [(min(e, c[2]) - max(s, c[1]), c) for c in cands]
            scored = [(o, c) for o, c in scored if o > 0]
            if scored:
                best = max(scored, key=lambda oc: (oc[0], -oc[1][1]))[1]
                cands.remove(best)
                n += 1
        elif (label, s, e) in cands:
            cands.remove((label, s, e))
            n += 1
    return n


def score(matched: int, n_a: int, n_b: int) -> dict:
    """Precision (B against A), recall, F1 and the counts."""
    p = matched / n_b if n_b else 0.0
    r = matched / n_a if n_a else 0.0
    f1 = 2 * matched / (n_a + n_b) if n_a + n_b else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4), "matched": matched,
            "n_a": n_a, "n_b": n_b}


def agreement(path_a: str | Path, path_b: str | Path) -> dict:
    """Agreement of two standoff files over the documents both annotate (module docstring).

    Raises:
        AnnotationError: a broken file, an id twice in one file, or a document whose ``sha1``
            differs between the files (they annotate different texts).
    """
    a, b = _by_id(path_a), _by_id(path_b)
    common = sorted(set(a) & set(b))
    totals = {k: [0, 0, 0] for k in ("trigger_exact", "trigger_overlap", "argument_exact",
                                      "argument_overlap")}
    per_type: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for doc_id in common:
        (_, ra), (line_b, rb) = a[doc_id], b[doc_id]
        if ra.sha1 != rb.sha1:
            raise AnnotationError(f"document {doc_id!r} has another sha1 in {path_a}: the files "
                                  "annotate different texts", path=str(path_b), line=line_b,
                                  field="sha1")
        trig = [[(e.type, e.trigger.start, e.trigger.end) for e in r.events] for r in (ra, rb)]
        args = [[(x.role, x.start, x.end) for e in r.events for x in e.arguments]
                for r in (ra, rb)]
        for key, (ia, ib), overlap in (("trigger_exact", trig, False),
                                       ("trigger_overlap", trig, True),
                                       ("argument_exact", args, False),
                                       ("argument_overlap", args, True)):
            totals[key][0] += match_count(ia, ib, overlap)
            totals[key][1] += len(ia)
            totals[key][2] += len(ib)
        for t in {x[0] for x in trig[0] + trig[1]}:
            ta, tb = [x for x in trig[0] if x[0] == t], [x for x in trig[1] if x[0] == t]
            per_type[t][0] += match_count(ta, tb)
            per_type[t][1] += len(ta)
            per_type[t][2] += len(tb)
    out: dict = {"files": {"a": str(path_a), "b": str(path_b)},
                 "documents": {"a": len(a), "b": len(b), "both": len(common)}}
    out |= {k: score(*v) for k, v in totals.items()}
    out["trigger_exact_per_type"] = {t: score(*v) for t, v in sorted(per_type.items())}
    return out
