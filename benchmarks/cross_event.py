"""Cross-event linking, span cleanup and casualty evidence of a model's linked arguments.

Runs the model once over the completely annotated documents of a corpus file, records what each
call of :func:`eventx.linking.link` receives (trigger, argument spans, role probabilities), and
caches it under ``--cache``; later runs replay those calls through the current ``link`` with no
model, so a change in linking is measured in seconds. Measures, against the gold events:

* **cross-event links**: participant spans linked as agent or target to mentions of two or more
  event types, and those of them the gold links (as agent or target) to at most one type
  ("Police detained a suspect after a shooting": the suspect is the arrest's target only);
* **role F1** from ``Event.arguments`` (every linked span, so grouping participants into entities
  does not change it), overlap and exact offsets, matched to gold mentions of the same type whose
  trigger overlaps;
* spans made only of stop words, spans glued across a missing space ("ChicagoCHICAGO"),
  killed / injured counts linked where the gold has none for that mention;
* participants per event before and after grouping mentions into entities;
* arguments linked from another sentence than their trigger's, per role, and how many of them
  are right (the model's ``sentences_away`` holds agents and targets near their trigger;
  ``--sentences-away '{}'`` replays ``link`` without it, to see what it removes).

``--shared-score ../shared/eval/score.py`` adds GVDB's and MUC-4's document-level rows as that
scorer gives them (who, where, killed; agent, target). ``--evaluate`` adds ``eventx evaluate``'s
role, field and count scores of the same mentions (normalized and merged; gold events built with
``link(..., rules=False)``).
Gold mentions other than ``actual`` are set aside, as ``eventx evaluate`` does.

Usage::

    python benchmarks/cross_event.py models/eventx-news-base [--corpus corpus/dev.jsonl] \
        [--evaluate] [--sentences-away JSON] [--shared-score ../shared/eval/score.py]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any
from unittest import mock

from eventx import linking
from eventx.corpus.boundaries import STOP_WORDS
from eventx.config import ModelConfig
from eventx.corpus.format import Document, read_documents
from eventx.link_rules import sentences_apart

_GLUED = re.compile(r"[a-z][A-Z]{2}")
_SIDES = ("agent", "target")


def _cache_path(model: Path, corpus: Path, cache: Path) -> Path:
    weights = model / "model.safetensors"
    key = (f"{model.resolve()}|{weights.stat().st_mtime_ns}|"
           f"{corpus.resolve()}|{corpus.stat().st_mtime_ns}")
    return cache / f"link_calls_{hashlib.sha1(key.encode()).hexdigest()[:12]}.pkl"


def link_calls(model: Path, docs: list[Document], path: Path) -> dict[str, list]:
    """``doc id -> [(args, kwargs) of each link call]``, from ``path`` or one model run."""
    if path.exists():
        return pickle.loads(path.read_bytes())
    from eventx import stages
    from eventx.extractor import Extractor

    ex = Extractor.from_pretrained(model)
    by_text = {d.text: d.id for d in docs}
    calls: dict[str, list] = defaultdict(list)
    real = stages.link

    def record(text, *args, **kwargs):
        calls[by_text[text]].append((args, kwargs))
        return real(text, *args, **kwargs)

    with mock.patch.object(stages, "link", record):
        for _ in ex.analyze((d.text for d in docs), published=(d.published for d in docs)):
            pass
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(dict(calls)))
    return dict(calls)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def replay(docs: list[Document], calls: dict[str, list], ex: Any) -> dict[str, Any]:
    """``doc id -> Analysis`` of the replayed link calls, finished as the extractor finishes a
    document (``Extractor._finish``: type thresholds, prune_cross_events, normalization, merge)
    from its ``actual`` mentions. A model without a modality head takes each mention's modality
    from the words before its trigger, as extraction does; a head's labels are not in the cache,
    so a model with one replays every mention as actual."""
    from eventx.link_rules import told_modality
    from eventx.published import parse_published

    out = {}
    for doc in docs:
        mentions = [linking.link(doc.text, *a, **k) for a, k in calls.get(doc.id, [])]
        if not ex.config.modalities:
            mentions = [m.model_copy(update={"modality": told_modality(doc.text, m.trigger.start)})
                        for m in mentions]
        out[doc.id] = ex._finish(doc.text, parse_published(doc.published), [],
                                 [m for m in mentions if m.modality == "actual"])
    return out


def measure(docs: list[Document], analyses: dict[str, Any]) -> dict:
    tally = {k: [0, 0, 0, 0] for k in ("overlap", "exact")}
    per_role: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    cross = Counter()
    pairs: Counter = Counter()
    odd = Counter()
    far: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for doc in docs:
        text = doc.text
        events = analyses[doc.id].mentions
        pred = [(e.type, (e.trigger.start, e.trigger.end), a.role, (a.start, a.end))
                for e in events for a in e.arguments]
        gold = [(g.type, (g.trigger.start, g.trigger.end), a.role, (a.start, a.end))
                for g in doc.events if g.modality == "actual" for a in g.arguments]
        for name, same_span in (("overlap", _overlap), ("exact", lambda a, b: a == b)):
            def same(p, g):
                return (p[0] == g[0] and p[2] == g[2] and _overlap(p[1], g[1])
                        and same_span(p[3], g[3]))
            row = tally[name]
            row[0] += sum(any(same(p, g) for g in gold) for p in pred)
            row[1] += len(pred)
            row[2] += sum(any(same(p, g) for p in pred) for g in gold)
            row[3] += len(gold)
            if name == "overlap":
                for r in {x[2] for x in pred + gold}:
                    pr, gr = [x for x in pred if x[2] == r], [x for x in gold if x[2] == r]
                    per_role[r][0] += sum(any(same(p, g) for g in gr) for p in pr)
                    per_role[r][1] += len(pr)
                    per_role[r][2] += sum(any(same(p, g) for p in pr) for g in gr)
                    per_role[r][3] += len(gr)
        # cross-event links: one participant span, agent/target of mentions of several types
        types: dict[tuple[int, int], set[str]] = defaultdict(set)
        for t, _, r, sp in pred:
            if r in _SIDES:
                types[sp].add(t)
        for sp, ts in types.items():
            cross["participant_spans"] += 1
            if len(ts) < 2:
                continue
            cross["linked_to_several_types"] += 1
            gold_types = {t for t, _, r, g in gold if r in _SIDES and _overlap(sp, g)}
            if len(gold_types) <= 1:
                cross["gold_links_one_type_or_none"] += 1
                cross["extra_links"] += len(ts - gold_types) - (0 if gold_types else 1)
                pairs[" + ".join(sorted(ts))] += 1
        for e in events:
            for a in e.arguments:
                if sentences_apart(text, e.trigger.start, a.start):
                    far[a.role][1] += 1
                    far[a.role][0] += any(g[0] == e.type and g[2] == a.role
                                          and _overlap(g[1], (e.trigger.start, e.trigger.end))
                                          and _overlap(g[3], (a.start, a.end)) for g in gold)
                words = a.text.lower().split()
                odd["stop_word_only"] += bool(words) and all(w.strip(".,'’") in STOP_WORDS
                                                             for w in words)
                odd["glued"] += bool(_GLUED.search(a.text))
            odd["participant_spans"] += sum(a.role in _SIDES for a in e.arguments)
            odd["participants"] += len(e.who)
            g = [x for x in doc.events if x.type == e.type and x.modality == "actual"
                 and _overlap((x.trigger.start, x.trigger.end), (e.trigger.start, e.trigger.end))]
            for role in ("killed", "injured"):
                if getattr(e.casualties, role) is not None:
                    odd[f"{role}_linked"] += 1
                    odd[f"{role}_linked_gold_has_none"] += bool(g) and not any(
                        a.role == role for x in g for a in x.arguments)
    def prf(tp_p, n_p, tp_g, n_g):
        p, r = (tp_p / n_p if n_p else 0.0), (tp_g / n_g if n_g else 0.0)
        return {"p": round(p, 4), "r": round(r, 4),
                "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0, "n_pred": n_p, "n_gold": n_g}
    return {"documents": len(docs), "cross_event": dict(cross),
            "cross_event_type_sets": dict(pairs.most_common(10)),
            "roles_overlap": prf(*tally["overlap"]), "roles_exact": prf(*tally["exact"]),
            "roles_by_role": {r: prf(*v) for r, v in sorted(per_role.items())},
            "spans": dict(odd),
            "other_sentence_right_of_linked": {r: tuple(v) for r, v in sorted(far.items())}}


def shared_scores(docs: list[Document], analyses: dict[str, Any], scorer: Path) -> dict:
    """GVDB and MUC-4 scored by document with the shared scorer's own loaders, matching and
    measures (``../shared/eval/score.py``), on the documents of ``docs`` it knows: what the
    replayed rules do to the figures that scorer gives for a model run."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("shared_score", scorer)
    score = importlib.util.module_from_spec(spec)
    sys.modules["shared_score"] = score
    spec.loader.exec_module(score)
    known = {d.id for d in docs}
    out = {}
    for name, load, measure_set, rows in (
            ("gvdb", score.load_gvdb, score.score_gvdb, ("who", "where", "killed_exact")),
            ("muc4", score.load_muc4, score.score_muc4, ("agent", "target"))):
        gold = [g for g in load(score.DATA) if g["id"] in known]
        preds = [{"events": [json.loads(e.model_dump_json()) for e in analyses[g["id"]].events]}
                 for g in gold]
        result = measure_set(gold, preds)
        out[name] = {"documents": len(gold),
                     **{r: result[r]["f1"] if isinstance(result[r], dict) else result[r]
                        for r in rows}}
    return out


def evaluate(docs: list[Document], analyses: dict[str, Any], config: ModelConfig) -> dict:
    """``eventx evaluate``'s role, field and count scores of the replayed mentions (normalized
    and merged as the extractor does), the gold events built without the decision rules."""
    import functools

    from eventx.training import evaluate as ev

    with mock.patch.object(ev, "link", functools.partial(linking.link, rules=False)):
        report = ev.score_analyses(docs, [analyses[d.id] for d in docs], config.roles,
                                   config.role_fields)
    return {k: report[k] for k in ("roles", "roles_exact", "events", "count_accuracy")}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("model", type=Path, help="a model folder")
    p.add_argument("--corpus", type=Path, default=Path("corpus/dev.jsonl"))
    p.add_argument("--cache", type=Path, default=Path("/tmp/eventx_cross_event"))
    p.add_argument("--limit", type=int, default=None, help="the first N complete documents only")
    p.add_argument("--sentences-away", type=json.loads, default=None, metavar="JSON",
                   help="replay with this limit instead of the model's sentences_away, e.g. "
                        "'{}' (none) or '{\"who.agent\": 0, \"who.target\": 1}'")
    p.add_argument("--shared-score", type=Path, default=None, metavar="SCORE_PY",
                   help="also GVDB and MUC-4 by document with this scorer "
                        "(../shared/eval/score.py)")
    p.add_argument("--evaluate", action="store_true",
                   help="also eventx evaluate's role, field and count scores (normalizes places)")
    args = p.parse_args()
    docs = [d for d in read_documents(args.corpus) if d.complete][:args.limit]
    path = _cache_path(args.model, args.corpus, args.cache)
    if args.limit:
        path = path.with_name(f"{path.stem}_{args.limit}.pkl")
    calls = link_calls(args.model, docs, path)
    from eventx.extractor import Extractor

    # the weights are not loaded: the replay needs the model's config and finishing steps only
    ex = Extractor(args.model, lazy=True, normalize=bool(args.evaluate or args.shared_score))
    away = ex.config.sentences_away if args.sentences_away is None else args.sentences_away
    calls = {doc: [(a, {**k, "sentences_away": away}) for a, k in doc_calls]
             for doc, doc_calls in calls.items()}
    analyses = replay(docs, calls, ex)
    out = {"sentences_away": away, "link": measure(docs, analyses)}
    if args.evaluate:
        out["evaluate"] = {"link": evaluate(docs, analyses, ex.config)}
    if args.shared_score:
        out["shared_score"] = shared_scores(docs, analyses, args.shared_score)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
