"""Incidents: the hand-written report set, the merging rules, and ``eventx incidents`` on files."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest

import eventx
from eventx.incident import IncidentSettings, assign, block_keys, blocks
from eventx.incident.cluster import cluster_block, counts_agree
from eventx.incident.features import lemma
from tests.incident_reports import GOLD, REPORTS, event, rows


def _partition(found) -> set[frozenset]:
    return {frozenset((r.id, r.event_index) for r in inc.reports) for inc in found}


def _gold_partition() -> set[frozenset]:
    groups: dict[str, set] = {}
    for key, g in GOLD.items():
        groups.setdefault(g, set()).add(key)
    return {frozenset(v) for v in groups.values()}


def test_the_hand_written_set_has_what_the_issue_asks():
    incidents = {g for g in GOLD.values() if not g.startswith("X")}
    assert len(REPORTS) >= 12 and len(incidents) >= 4
    assert len(set(GOLD.values())) - len(incidents) >= 3     # distractors


def test_hand_written_reports_merge_into_their_incidents():
    assert _partition(eventx.incidents(rows())) == _gold_partition()


def test_the_result_does_not_depend_on_the_order_of_the_rows():
    shuffled = rows()
    random.Random(7).shuffle(shuffled)
    assert eventx.incidents(shuffled) == eventx.incidents(rows())


def test_incident_record_aggregates_its_reports():
    found = {inc.reports[0].id: inc for inc in eventx.incidents(rows())}
    bombing = found["a1"]
    assert bombing.type == "attack" and bombing.sources == 4
    assert (bombing.killed, bombing.killed_max) == (12, 19)  # the lowest figure, and the highest
    assert (bombing.injured, bombing.injured_max) == (30, 30)
    assert bombing.date_start == bombing.date_end == dt.date(2024, 3, 2)
    assert bombing.dated_by == "event" and bombing.countries == ("NG",)
    assert bombing.places[0].text == "Maiduguri" and bombing.places[0].country == "NG"
    assert bombing.incident_id.startswith("inc-")
    ids = assign(eventx.incidents(rows()))
    assert ids[("a1", 0)] == ids[("a4", 0)] != ids[("x1", 0)]


def test_events_with_known_dates_far_apart_never_merge():
    same = dict(who=[("Boko Haram", "agent")], where=[("Maiduguri", "NG")], killed=5)
    docs = [{"id": "p", "events": [event("attack", "killed", date="2024-01-01", **same)]},
            {"id": "q", "events": [event("attack", "killed", date="2024-01-20", **same)]}]
    assert len(eventx.incidents(docs)) == 2
    docs[1]["events"][0]["when"]["date"] = "2024-01-02"
    assert len(eventx.incidents(docs)) == 1


def test_published_dates_an_event_without_its_own():
    same = dict(who=[("Boko Haram", "agent")], where=[("Maiduguri", "NG")])
    docs = [{"id": "p", "events": [event("attack", "attacked", date="2024-01-01", **same)]},
            {"id": "q", "events": [event("attack", "attacked", **same)]}]
    near = eventx.incidents(docs, published={"q": "2024-01-02"})
    assert len(near) == 1 and near[0].dated_by == "event"
    assert len(eventx.incidents(docs, published={"q": "2024-03-01"})) == 2


def test_two_events_of_one_document_stay_apart():
    same = dict(where=[("Jos", "NG")], date="2024-01-01")
    docs = [{"id": "p", "events": [event("attack", "attack", **same), event("attack", "attack", **same)]}]
    assert len(eventx.incidents(docs)) == 2


def test_blocks_are_types_split_where_the_dates_leave_a_gap():
    got = {k: sorted(f.doc for f in v) for k, v in blocks(rows()).items()}
    assert {k.split("|")[0] for k in got} == {"attack", "arrest", "protest", "kidnapping"}
    assert got["arrest|000000"] == ["b1", "b2", "b3"]
    assert got["arrest|000001"] == ["x3"]  # the distractor arrest a week later


def test_block_keys_split_a_type_at_gaps_wider_than_the_window():
    spans = ["attack|10|10", "attack|12|20", "attack|27|27", "attack|35|35", "arrest|5|5",
             "arrest||"]
    assert block_keys(spans, window_days=7) == {
        "attack|10|10": "attack|000000", "attack|12|20": "attack|000000",
        "attack|27|27": "attack|000000",  # 7 days after the 20th: still comparable
        "attack|35|35": "attack|000001",  # 8 days after every earlier end
        "arrest|5|5": "arrest", "arrest||": "arrest"}  # an undated event keeps its type whole


def test_date_parts_give_the_incidents_of_whole_types():
    """Clustering part by part (what Spark and Ray run in parallel) equals clustering each type
    whole, on a random dump with gaps, countries, events without a place and without a date."""
    rng = random.Random(7)
    docs = []
    for n in range(600):
        day = rng.choice([rng.randint(0, 40), rng.randint(60, 70), rng.randint(90, 150)])
        type_ = rng.choice(["attack", "arrest", "protest"])  # protests: some with no date at all
        published = dt.date(2024, 1, 2) + dt.timedelta(days=day)
        evs = [event(type_, rng.choice(["killed", "attack", "arrested", "march"]),
                     who=[(rng.choice(["Boko Haram", "ISWAP", "police"]), "agent")],
                     where=rng.choice([[], [("Jos", "NG")], [("Maroua", "CM")]]),
                     date=(published - dt.timedelta(days=1)).isoformat()
                     if rng.random() < 0.7 else None,
                     killed=rng.choice([None, 3, 4, 12])) for _ in range(rng.randint(1, 2))]
        undated = type_ == "protest" and rng.random() < 0.3
        docs.append({"id": f"d{n:04d}", "published": None if undated else published.isoformat(),
                     "events": evs})
    parts = blocks(docs)
    assert sum(k.startswith("attack|") for k in parts) >= 3 and "protest" in parts
    whole: dict[str, list] = {}
    for feats in parts.values():
        whole.setdefault(feats[0].type, []).extend(feats)
    def clustered(groups):
        return {frozenset(f.key for f in g) for feats in groups.values() for g in cluster_block(feats)}

    by_type, by_part = clustered(whole), clustered(parts)
    assert by_part == by_type
    assert len(by_type) < sum(len(d["events"]) for d in docs)  # it merged something


def _groups(docs, settings=None) -> list[list[str]]:
    return sorted(sorted(r.id for r in inc.reports) for inc in eventx.incidents(docs, settings))


def test_two_countries_never_merge_but_an_event_without_one_can_join():
    same = dict(who=[("Boko Haram", "agent")], killed=5, date="2024-01-01")
    docs = [{"id": "p", "events": [event("attack", "killed", where=[("Maiduguri", "NG")], **same)]},
            {"id": "q", "events": [event("attack", "killed", where=[("Maiduguri", "CM")], **same)]},
            {"id": "r", "events": [event("attack", "killed", **same)]}]
    assert _groups(docs) == [["p", "r"], ["q"]]


def test_a_relative_date_with_no_publication_date_is_no_wall():
    same = dict(who=[("Boko Haram", "agent")], where=[("Maiduguri", "NG")])
    friday = event("attack", "killed", date="2024-01-19", **same)
    friday["when"]["text"] = "Friday"  # resolved against nothing the merger can check
    docs = [{"id": "p", "events": [event("attack", "killed", date="2024-01-01", **same)]},
            {"id": "q", "events": [friday]}]
    assert _groups(docs) == [["p", "q"]]
    docs[1]["published"] = "2024-01-20"  # now resolved against a real publication date: known
    assert _groups(docs) == [["p"], ["q"]]


def test_a_month_date_joins_the_days_inside_it_that_lie_within_the_span():
    same = dict(who=[("Boko Haram", "agent")], where=[("Maiduguri", "NG")])
    docs = [{"id": "m", "events": [event("attack", "killed", date="2024-01-01", granularity="month",
                                         **same)]}]
    docs += [{"id": d, "events": [event("attack", "killed", date=f"2024-01-{day}", **same)]}
             for d, day in (("a", 10), ("b", 12), ("c", 25))]
    assert _groups(docs) == [["a", "b", "m"], ["c"]]


def test_average_link_keeps_out_a_report_that_agrees_with_one_report_only():
    docs = [{"id": "a1", "events": [event("attack", "bombed", who=[("Boko Haram", "agent")],
                                          where=[("Maiduguri", "NG")], date="2024-03-02",
                                          killed=10)]},
            {"id": "a2", "events": [event("attack", "killed", who=[("Boko Haram", "agent")],
                                          where=[("Maiduguri", "NG"), ("Monday Market", "NG")],
                                          date="2024-03-02", killed=10)]},
            # the same market and verb as a2, but another place than a1 and a toll both contradict
            {"id": "b", "events": [event("attack", "killed", where=[("Monday Market", "NG")],
                                         date="2024-03-05", killed=40)]}]
    assert _groups(docs) == [["a1", "a2"], ["b"]]
    assert _groups(docs, IncidentSettings(average_link=None)) == [["a1", "a2", "b"]]


@pytest.mark.parametrize("a,b,expected", [
    ((12, True), (14, False), 1), ((14, False), (12, False), 1), ((3, False), (40, False), -1),
    ((None, False), (5, False), 0), ((20, True), (8, False), -1)])
def test_counts_agree(a, b, expected):
    assert counts_agree(*a, *b) == expected


def test_trigger_stems():
    assert lemma("arrested") == lemma("arrests") == "arrest"
    assert lemma("killed") == lemma("killing") == "kill"


def test_settings_reject_unknown_keys():
    with pytest.raises(ValueError, match="treshold"):
        IncidentSettings(treshold=0.5)


def _write_inputs(folder):
    """The reports as eventx extract writes them: nested JSON lines, flat Parquet, and the dump."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from eventx.batch.schema import flat_schema

    docs = folder / "docs.jsonl"
    docs.write_text("".join(json.dumps({"id": d, "text": t, "published": p}) + "\n"
                            for d, p, t, _, _ in REPORTS), encoding="utf-8")
    nested = folder / "events.jsonl"
    nested.write_text("".join(json.dumps({k: v for k, v in r.items() if k != "published"}) + "\n"
                              for r in rows()), encoding="utf-8")
    flat_rows = [{"id": r["id"], "line": r["line"], "event_index": i, **ev}
                 for r in rows() for i, ev in enumerate(r["events"])]
    for ev in flat_rows:
        if ev["when"]:
            ev["when"] = {**ev["when"], "date": dt.date.fromisoformat(ev["when"]["date"])}
    flat = folder / "events-flat.parquet"
    pq.write_table(pa.Table.from_pylist(flat_rows, schema=flat_schema()), flat)
    return docs, nested, flat


def test_cli_on_nested_jsonl_and_flat_parquet(tmp_path, capsys):
    import pyarrow.parquet as pq

    from eventx.cli import main

    docs, nested, flat = _write_inputs(tmp_path)
    out = tmp_path / "incidents.jsonl"
    assert main(["incidents", str(nested), "-o", str(out), "--dates", str(docs),
                 "--events-out", str(tmp_path / "with-ids.jsonl")]) == 0
    assert "events ->" in capsys.readouterr().err
    found = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {frozenset((r["id"], r["event_index"]) for r in f["reports"]) for f in found} \
        == _gold_partition()
    assert sorted(f["incident_id"] for f in found) == sorted(
        i.incident_id for i in eventx.incidents(rows()))
    back = [json.loads(line) for line in (tmp_path / "with-ids.jsonl").read_text().splitlines()]
    by_id = {f["incident_id"]: f for f in found}
    a1 = by_id[back[0]["events"][0]["incident_id"]]
    assert {"id": "a1", "event_index": 0} in a1["reports"] and a1["killed"] == 12

    out2 = tmp_path / "incidents-flat.parquet"
    assert main(["incidents", str(flat), "-o", str(out2), "--flat", "--dates", str(docs),
                 "--events-out", str(tmp_path / "with-ids.parquet")]) == 0
    table = pq.read_table(out2).to_pylist()
    assert len(table) == len(GOLD)
    assert {r["incident_id"] for r in table} == set(by_id)
    events = pq.read_table(tmp_path / "with-ids.parquet").to_pylist()
    assert all(e["incident_id"] == by_id[e["incident_id"]]["incident_id"] for e in events)


def test_cli_reports_a_missing_file(tmp_path, capsys):
    from eventx.cli import main

    assert main(["incidents", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "o.jsonl")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_cli_progress_bars_cover_reading_and_merging(tmp_path, capsys):
    from eventx.cli import main

    _, nested, flat = _write_inputs(tmp_path)
    assert main(["incidents", str(nested), "-o", str(tmp_path / "o.jsonl"), "--progress"]) == 0
    err = capsys.readouterr().err
    assert f"reading: {len(REPORTS)}row " in err  # JSON lines: a count, no total
    assert "incidents: 100%|" in err
    assert main(["incidents", str(flat), "-o", str(tmp_path / "o.jsonl"), "--progress"]) == 0
    err = capsys.readouterr().err
    assert "reading: 100%|" in err and f"{len(GOLD)}/{len(GOLD)}" in err  # Parquet: its rows
