"""``eventx incidents`` on one million synthetic events: time, peak memory, and a sanity score.

The synthetic dump is ``--events`` flat event rows (JSON lines) of incidents each reported by 1 to
6 documents: 8 types, 60 countries with a skewed share (the busiest has about a seventh of all
events), ``--places`` places per country (default 400), two years of dates, participants drawn
from a pool of names, killed figures that vary between reports (some "at least"), and a fifth of
the reports with no date of their own (their document's ``published`` date stands in). It is
written to a temporary folder, then ``eventx incidents`` runs on it in a fresh process, whose wall
time, CPU time (what to compare when other work shares the cores) and peak resident memory are
reported, with B-cubed F1 against the incidents the dump was drawn from.

    python benchmarks/incidents_scale.py --events 1000000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

TYPES = ["agreement", "armed_clash", "arrest", "attack", "kidnapping", "protest", "seizure",
         "smuggling"]
TRIGGERS = {"attack": ["attack", "killed", "bombing", "shooting"], "arrest": ["arrested",
            "detained", "arrest"], "armed_clash": ["clashes", "fighting", "clashed"],
            "kidnapping": ["kidnapped", "abducted", "kidnapping"], "protest": ["protest",
            "protesters", "rally"], "seizure": ["seized", "seizure", "confiscated"],
            "smuggling": ["smuggling", "smuggled"], "agreement": ["agreement", "signed", "deal"]}
SYLLABLES = "ka lo mi ra sen tu bar del fo gun ha jin ko le mar no pa qui ro sa ti vo".split()


def _name(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts + 1)).capitalize()


def generate(path: Path, n_events: int, seed: int = 0, n_places: int = 400) -> int:
    """Write ``n_events`` flat event rows; each has a ``gold`` column (its incident). Returns
    the number of incidents."""
    rng = random.Random(seed)
    countries = [f"C{i:02d}" for i in range(60)]
    weights = [1 / (i + 1) ** 0.8 for i in range(len(countries))]
    places = {c: [_name(rng) for _ in range(n_places)] for c in countries}
    people = [_name(rng, 3) for _ in range(20000)]
    day0 = dt.date(2023, 1, 1).toordinal()
    written = incidents = doc = 0
    with open(path, "w", encoding="utf-8") as f:
        while written < n_events:
            incidents += 1
            kind = rng.choice(TYPES)
            country = rng.choices(countries, weights)[0]
            place = rng.choice(places[country])
            day = day0 + rng.randrange(730)
            names = rng.sample(people, 2)
            killed = rng.choice([None, None, rng.randint(1, 60)])
            for _ in range(min(rng.randint(1, 6), n_events - written)):
                doc += 1
                who = [{"text": f"{rng.choice(names)} group", "role": "agent"}] \
                    if rng.random() < 0.7 else []
                where = [{"text": place, "country": country}]
                if rng.random() < 0.3:
                    where.append({"text": f"{place} province", "country": country})
                published = dt.date.fromordinal(day + rng.randint(0, 2)).isoformat()
                own = rng.random() < 0.8
                when = {"text": "x", "date": dt.date.fromordinal(day).isoformat(),
                        "granularity": "day", "end_date": None} if own else None
                k = None
                if killed is not None and rng.random() < 0.8:
                    k = {"text": "x", "value": max(1, killed + rng.randint(-2, 3)),
                         "approximate": rng.random() < 0.3, "unit": None}
                row = {"id": f"d{doc}", "event_index": 0, "published": published, "type": kind,
                       "trigger": {"text": rng.choice(TRIGGERS[kind]), "start": 0, "end": 1},
                       "who": who, "where": where, "when": when,
                       "casualties": {"killed": k, "injured": None}, "gold": incidents}
                f.write(json.dumps(row) + "\n")
                written += 1
    return incidents


def b_cubed(gold: dict[str, int], found: dict[str, str]) -> float:
    """B-cubed F1 of the found incidents against the drawn ones (one event per document)."""
    by_gold, by_found = defaultdict(set), defaultdict(set)
    for doc, g in gold.items():
        by_gold[g].add(doc)
        by_found[found[doc]].add(doc)
    r = sum(len(by_gold[gold[d]] & by_found[found[d]]) / len(by_gold[gold[d]]) for d in gold)
    p = sum(len(by_gold[gold[d]] & by_found[found[d]]) / len(by_found[found[d]]) for d in gold)
    r, p = r / len(gold), p / len(gold)
    return 2 * p * r / (p + r)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--places", type=int, default=400, help="places per country (default: 400; "
                    "fewer make more distinct incidents share a place and a week)")
    ap.add_argument("--work", type=Path, help="folder for the dump (default: a temporary one)")
    ap.add_argument("--output", default="incidents.parquet", help="output file name in --work")
    args = ap.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="eventx-incidents-"))
    work.mkdir(parents=True, exist_ok=True)
    events, out = work / "events.jsonl", work / args.output
    t0 = time.perf_counter()
    n_incidents = generate(events, args.events, n_places=args.places)
    print(f"generated {args.events} events of {n_incidents} incidents in "
          f"{time.perf_counter() - t0:.0f} s ({events.stat().st_size / 1e6:.0f} MB)", flush=True)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "eventx.cli", "incidents", str(events), "-o", str(out),
                    "--no-progress"], check=True)
    took = time.perf_counter() - t0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak, cpu = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
    found: dict[str, str] = {}
    if out.suffix == ".parquet":
        import pyarrow.parquet as pq

        for inc in pq.read_table(out, columns=["incident_id", "reports"]).to_pylist():
            for r in inc["reports"]:
                found[r["id"]] = inc["incident_id"]
    gold = {}
    with open(events, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            gold[row["id"]] = row["gold"]
    print(f"eventx incidents ({args.places} places per country): {args.events} events -> {len(set(found.values()))} incidents "
          f"(drawn: {n_incidents}) in {took:.0f} s ({cpu:.0f} s of CPU), peak memory {peak:.0f} MB, "
          f"B-cubed F1 {100 * b_cubed(gold, found):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
