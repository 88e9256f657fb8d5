"""Incidents against ECB+'s cross-document event coreference (B-cubed, MUC, CEAF-e, CoNLL F1).

Gold is built at run time from ``../shared/data/ecbplus`` and the project's annotations of our
event types on ECB+ (``training/annotations/v2-ecb*.jsonl``); nothing of ECB+ is written into the
repository. A gold item is one annotated event of a document (its mentions, grouped by the
annotation's ``event`` id, modality ``actual``) whose triggers overlap ECB+ event mentions; its
gold incident is the ``CROSS_DOC_COREF`` instance most of those mentions belong to (an
``INTRA_DOC_COREF`` chain, or the mention itself, when none does). Items whose triggers overlap no
ECB+ mention are left out: ECB+ says nothing about them.

An extracted event answers a gold item when its trigger overlaps one of the item's triggers (one
event per item). The score is over the gold items: an item no event answers is a singleton in the
response (the extraction's miss), and extracted events that answer no item are left out. The
``oracle`` row clusters the answered items perfectly: the ceiling that the extraction's misses set.

    python benchmarks/ecbplus_incidents.py --topics dev                # the README figures
    python benchmarks/ecbplus_incidents.py --topics train --grid       # how the defaults were chosen
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from eventx.coref_eval import b3_counts, ceafe_counts, muc_counts  # noqa: E402
from eventx.corpus.ecbplus import DEV_TOPICS, topic_of  # noqa: E402
from eventx.incident import IncidentSettings, assign, incidents, merge_blocks  # noqa: E402
from eventx.incident.features import event_rows, features_of  # noqa: E402

TRAIN_TOPICS = frozenset(range(1, 36)) - DEV_TOPICS


# ---------------------------------------------------------------- coreference metrics
def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def _f1(r: float, p: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(key: list[set], response: list[set]) -> dict[str, float]:
    """MUC, B-cubed, CEAF-e F1 and their mean (CoNLL F1), in percent, by the counts of
    :mod:`eventx.coref_eval` (the scorer of the in-document merge; ``key`` and ``response`` cover
    the same items here)."""
    key, response = [frozenset(c) for c in key], [frozenset(c) for c in response]
    (muc_r, muc_rd), (muc_p, muc_pd) = muc_counts(key, response), muc_counts(response, key)
    (b3_r, b3_rd), (b3_p, b3_pd) = b3_counts(key, response), b3_counts(response, key)
    sim, n_key, n_response = ceafe_counts(key, response)
    b3r, b3p = _ratio(b3_r, b3_rd), _ratio(b3_p, b3_pd)
    out = {"muc": 100 * _f1(_ratio(muc_r, muc_rd), _ratio(muc_p, muc_pd)),
           "b3": 100 * _f1(b3r, b3p),
           "ceafe": 100 * _f1(_ratio(sim, n_key), _ratio(sim, n_response))}
    out["conll"] = (out["muc"] + out["b3"] + out["ceafe"]) / 3
    out["b3_r"], out["b3_p"] = 100 * b3r, 100 * b3p
    return out


# ---------------------------------------------------------------- gold
def gold_items(data: Path, topics: frozenset[int]) -> tuple[dict, dict]:
    """``{(doc, event id): gold incident}`` and ``{(doc, event id): [(start, end), ...]}``."""
    from eventx.corpus.sources import load_sources

    docs = {d.id: d for d in load_sources(data, only=["ecbplus"]).values()
            if d.raw.topic in topics}
    cluster: dict[tuple[str, str], str] = {}
    spans: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for path in sorted((ROOT / "training" / "annotations").glob("v2-ecb*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            ann = json.loads(line)
            doc = docs.get(ann["id"])
            if doc is None:
                continue
            raw = doc.raw
            note_of: dict[str, str] = {}
            for relation, note, ids in raw.chains:
                for m in ids:
                    if relation == "CROSS_DOC_COREF":
                        note_of[m] = f"{raw.topic}/{note}"
                    else:
                        note_of.setdefault(m, f"{doc.id}/{note}")
            actions = [m for m in raw.mentions.values() if "ACTION" in m.kind]
            votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
            for k, ev in enumerate(ann["events"]):
                if ev.get("modality", "actual") != "actual":
                    continue
                item = (doc.id, ev.get("event") or f"#{k}")
                a, b = ev["trigger"]["start"], ev["trigger"]["end"]
                hits = [m for m in actions if m.start < b and a < m.end]
                spans[item].append((a, b))
                for m in hits:
                    votes[item][note_of.get(m.m_id, f"{doc.id}/{m.m_id}")] += 1
            for item, counter in votes.items():
                cluster[item] = min(counter, key=lambda n: (-counter[n], n))
    return cluster, {k: v for k, v in spans.items() if k in cluster}


def answer(events: list[dict], spans: dict) -> dict[tuple[str, str], tuple[str, int]]:
    """Each gold item's extracted event (trigger overlap; one event per item, first come)."""
    by_doc = defaultdict(list)
    for item, ss in spans.items():
        by_doc[item[0]].append((item, ss))
    used, out = set(), {}
    for ev in events:
        a, b = ev["trigger"]["start"], ev["trigger"]["end"]
        for item, ss in by_doc.get(ev["id"], []):
            if item not in out and (ev["id"], ev["event_index"]) not in used and any(
                    s < b and a < e for s, e in ss):
                out[item] = (ev["id"], ev["event_index"])
                used.add(out[item])
    return out


def evaluate(gold: dict, answered: dict, system: dict) -> dict[str, float]:
    """Score ``system`` (event key -> cluster label) over the gold items."""
    key = defaultdict(set)
    for item, g in gold.items():
        key[g].add(item)
    resp = defaultdict(set)
    for item in gold:
        ev = answered.get(item)
        label = system.get(ev, ("alone", ev)) if ev is not None else ("miss", item)
        resp[label].add(item)
    return score(list(key.values()), list(resp.values()))


def baselines(events: list[dict], settings: IncidentSettings) -> dict[str, dict]:
    same_day, same_lemma = {}, {}
    for ev in events:
        f = features_of(ev, settings.published_lag_days)
        k = (ev["id"], ev["event_index"])
        day = f.start if f.own_date else f.end
        same_day[k] = (f.type, day) if day is not None else ("alone", k)
        same_lemma[k] = (f.type, f.lemma)
    return {"same type + same day": same_day, "same type + same trigger lemma": same_lemma}


# ---------------------------------------------------------------- run
def prepare(data: Path, topics: frozenset[int], work: Path, model: str | None) -> list[dict]:
    from eventx.corpus.sources import load_sources

    work.mkdir(parents=True, exist_ok=True)
    docs_file, events_file = work / "docs.jsonl", work / "events.jsonl"
    if not events_file.exists():
        with open(docs_file, "w", encoding="utf-8") as f:
            for d in load_sources(data, only=["ecbplus"]).values():
                if topic_of(d.id) in topics:
                    f.write(json.dumps({"id": d.id, "text": d.text, "published":
                                        d.published.isoformat() if d.published else None}) + "\n")
        cmd = ["eventx", "extract", str(docs_file), "-o", str(events_file), "--no-progress"]
        if model:
            cmd += ["--model", model]
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True)
        print(f"extracted in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    dates = {}
    with open(docs_file, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            dates[d["id"]] = d["published"]
    rows = [json.loads(line) for line in events_file.read_text(encoding="utf-8").splitlines()]
    return list(event_rows(rows, dates))


def incidents_by_country(events: list[dict], settings: IncidentSettings):
    """The variant that blocks on type and country: events that resolve to no country meet only
    each other (what engines would need to split a dense dump further)."""
    grouped: dict[str, list] = {}
    for ev in events:
        f = features_of(ev, settings.published_lag_days)
        grouped.setdefault(f"{f.type}|{f.country}", []).append(f)
    return merge_blocks(grouped, settings)


GRID = {"threshold": [0.2, 0.3, 0.4], "w_date": [0.2, 0.35], "w_place_conflict": [0.5, 0.75, 1.0],
        "w_country": [0.0, 0.15, 0.3], "average_link": [None, 0.0, 0.1, 0.2]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--topics", choices=("dev", "train"), default="dev")
    ap.add_argument("--work", type=Path, help="folder for the texts and events (default: "
                    "/tmp/eventx-ecbplus-<topics>; never the repository)")
    ap.add_argument("--model", help="model folder for eventx extract")
    ap.add_argument("--grid", action="store_true", help="score a grid of settings (tuning)")
    ap.add_argument("--json", type=Path, help="write the figures here too")
    ap.add_argument("--block-by-country", action="store_true",
                    help="score the variant that blocks on type and country instead")
    args = ap.parse_args(argv)
    topics = DEV_TOPICS if args.topics == "dev" else TRAIN_TOPICS
    work = args.work or Path(f"/tmp/eventx-ecbplus-{args.topics}")
    events = prepare(args.data, topics, work, args.model)
    gold, spans = gold_items(args.data, topics)
    answered = answer(events, spans)
    n_clusters = len(set(gold.values()))
    print(f"{args.topics} topics: {len(events)} extracted events; {len(gold)} gold items in "
          f"{n_clusters} gold incidents; {len(answered)} items answered by an extracted event "
          f"({100 * len(answered) / max(1, len(gold)):.0f}%)")
    if args.grid:
        results = []
        for values in itertools.product(*GRID.values()):
            s = IncidentSettings(**dict(zip(GRID, values)))
            system = assign(incidents(events, s))
            results.append((evaluate(gold, answered, system)["conll"], dict(zip(GRID, values))))
        for conll, setting in sorted(results, key=lambda r: -r[0])[:10]:
            print(f"CoNLL {conll:5.1f}  {setting}")
        return 0
    settings = IncidentSettings()
    t0 = time.perf_counter()
    found = (incidents_by_country(events, settings) if args.block_by_country
             else incidents(events, settings))
    took = time.perf_counter() - t0
    rows = {"eventx incidents": assign(found), **baselines(events, settings),
            "singletons": {}, "oracle (gold clusters of answered items)": {
                ev: gold[item] for item, ev in answered.items()}}
    table = {name: evaluate(gold, answered, system) for name, system in rows.items()}
    print(f"{len(found)} incidents in {took:.2f} s\n")
    print("| method | B3 R | B3 P | B3 F1 | MUC F1 | CEAF-e F1 | CoNLL F1 |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, m in table.items():
        print(f"| {name} | {m['b3_r']:.1f} | {m['b3_p']:.1f} | {m['b3']:.1f} | {m['muc']:.1f} | "
              f"{m['ceafe']:.1f} | {m['conll']:.1f} |")
    if args.json:
        args.json.write_text(json.dumps({"gold_items": len(gold), "gold_incidents": n_clusters,
                                         "answered": len(answered), "scores": table}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
