"""Inter-annotator agreement between two standoff files (``eventx corpus agreement A B``).

Over the documents both files annotate (same id; the same source text, by ``sha1``):

* ``trigger_exact``: triggers as (type, start, end), equal offsets;
* ``trigger_overlap``: same type and overlapping spans;
* ``argument_exact`` / ``argument_overlap``: arguments as (role, start, end), whatever event
  they belong to (an argument is counted once per event that has it).

Items are matched one to one (greedily, the largest overlap first). F1 is symmetric; precision
and recall take file A as the reference. ``trigger_exact_per_type`` breaks the first score down.

Identity (corpus v2):

* ``modality``: of the triggers both files mark (exact), the share with the same modality;
* ``event_coreference`` / ``entity_coreference``: B-cubed precision, recall and F1 of the
  ``event`` ids (over the triggers both files mark, as type and offsets) and of the ``entity``
  ids (over the participant spans both files mark, as offsets), A as the key. Mentions that only
  one file marks are left out, so these figures measure whether two annotators group the same
  mentions the same way, apart from whether they found them. A mention without an id is a
  cluster of its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from eventx.corpus.convert import PARTICIPANT_ROLES
from eventx.corpus.format import StandoffDocument, read_standoff
from eventx.errors import AnnotationError

__all__ = ["agreement", "bcubed", "match_count", "score"]

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


def bcubed(key: dict, response: dict) -> tuple[float, float, int]:
    """B-cubed sums over the mentions of both maps (``mention -> cluster id``).

    Returns:
        (sum of per-mention precision, sum of per-mention recall, number of mentions), to be
        added up over documents and divided at the end.

    Example:
        >>> bcubed({"a": 1, "b": 1, "c": 2}, {"a": 1, "b": 2, "c": 2})
        (2.0, 2.0, 3)
    """
    common = [m for m in key if m in response]
    k_of: dict = defaultdict(set)
    r_of: dict = defaultdict(set)
    for m in common:
        k_of[key[m]].add(m)
        r_of[response[m]].add(m)
    p = r = 0.0
    for m in common:
        both = len(k_of[key[m]] & r_of[response[m]])
        p += both / len(r_of[response[m]])
        r += both / len(k_of[key[m]])
    return p, r, len(common)


def _prf(p: float, r: float, n: int) -> dict:
    if not n:
        return {"p": 0.0, "r": 0.0, "f1": 0.0, "mentions": 0}
    p, r = p / n, r / n
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
            "mentions": n}


def _clusters(rec: StandoffDocument) -> tuple[dict, dict, dict]:
    events, entities, modality = {}, {}, {}
    for i, e in enumerate(rec.events):
        m = (e.type, e.trigger.start, e.trigger.end)
        events[m] = e.event or f"#e{i}"
        modality[m] = e.modality
        for j, x in enumerate(e.arguments):
            if x.entity or x.role in PARTICIPANT_ROLES:
                entities.setdefault((x.start, x.end), x.entity or f"#p{i}.{j}")
    return events, entities, modality


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
    coref = {"event": [0.0, 0.0, 0], "entity": [0.0, 0.0, 0]}
    same_modality = both_triggers = 0
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
        (ev_a, en_a, mod_a), (ev_b, en_b, mod_b) = _clusters(ra), _clusters(rb)
        for key, (ka, kb) in (("event", (ev_a, ev_b)), ("entity", (en_a, en_b))):
            p, r, n = bcubed(ka, kb)
            coref[key][0] += p
            coref[key][1] += r
            coref[key][2] += n
        for m, mod in mod_a.items():
            if m in mod_b:
                both_triggers += 1
                same_modality += mod == mod_b[m]
    out: dict = {"files": {"a": str(path_a), "b": str(path_b)},
                 "documents": {"a": len(a), "b": len(b), "both": len(common)}}
    out |= {k: score(*v) for k, v in totals.items()}
    out["trigger_exact_per_type"] = {t: score(*v) for t, v in sorted(per_type.items())}
    out["modality"] = {"same": same_modality, "triggers": both_triggers,
                       "accuracy": round(same_modality / both_triggers, 4) if both_triggers else 0.0}
    out["event_coreference"] = _prf(*coref["event"])
    out["entity_coreference"] = _prf(*coref["entity"])
    return out
