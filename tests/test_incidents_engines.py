"""Incidents on Ray Data (``groupby().map_groups``) and Spark (``groupBy().applyInPandas``), on
local engines: the same incidents as :func:`eventx.incidents` on one machine."""

from __future__ import annotations

import datetime as dt

import pytest

import eventx
from eventx.incident.io import incident_rows
from tests.incident_reports import event
from tests.incident_reports import rows as hand_written
from tests.test_integrations import spark  # noqa: F401  (the local Spark session fixture)


def _norm(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_norm(v) for v in value]
    return value


def rows():
    """The hand-written reports, and a document whose arrest names no place (it takes the
    document's country from its other event)."""
    extra = {"id": "z1", "line": 99, "published": "2024-05-02", "events": [
        event("attack", "attack", where=[("Lagos", "NG")], date="2024-05-01"),
        event("arrest", "arrested", date="2024-05-01")]}
    return [*hand_written(), extra]


def _by_id(found_rows) -> dict:
    return {r["incident_id"]: _norm(r) for r in found_rows}


@pytest.fixture(scope="module")
def local():
    return _by_id(incident_rows(eventx.incidents(rows())))


@pytest.fixture(scope="module")
def flat_parquet(tmp_path_factory):
    """The reports as ``eventx extract --flat`` Parquet, with a ``published`` column."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from eventx.batch.schema import flat_schema

    flat = []
    for r in rows():
        for i, ev in enumerate(r["events"]):
            when = ev["when"] and {**ev["when"], "date": dt.date.fromisoformat(ev["when"]["date"])}
            flat.append({"id": r["id"], "line": r["line"], "event_index": i, **ev, "when": when,
                         "published": r["published"]})
    path = tmp_path_factory.mktemp("flat") / "events.parquet"
    schema = flat_schema([pa.field("published", pa.string())])
    pq.write_table(pa.Table.from_pylist(flat, schema=schema), path)
    return path


def test_ray_block_keys_match_the_local_blocks(flat_parquet):
    import pyarrow.parquet as pq

    from eventx.incident import block_keys, blocks
    from eventx.integrations.ray import add_block_key, add_date_span

    spanned = add_date_span(pq.read_table(flat_parquet))
    keys = block_keys(set(spanned.column("date_span").to_pylist()), window_days=7)
    table = add_block_key(spanned, keys)
    assert set(table.column("block_key").to_pylist()) == set(blocks(rows()))
    z1 = [r for r in table.to_pylist() if r["id"] == "z1"]
    assert [r["doc_country"] for r in z1] == ["NG", "NG"]


@pytest.mark.slow
def test_ray_map_groups_matches_one_machine(flat_parquet, local):
    ray = pytest.importorskip("ray")
    from eventx.integrations.ray import incidents_dataset

    ray.init(num_cpus=1, include_dashboard=False, log_to_driver=False, ignore_reinit_error=True)
    try:
        out = incidents_dataset(ray.data.read_parquet(str(flat_parquet))).take_all()
    finally:
        ray.shutdown()
    assert _by_id(out) == local


@pytest.mark.slow
def test_spark_apply_in_pandas_matches_one_machine(spark, flat_parquet, local):  # noqa: F811
    from eventx.integrations.spark import incidents_frame

    df = spark.read.parquet(str(flat_parquet)).repartition(2)
    out = [r.asDict(recursive=True) for r in incidents_frame(df).collect()]
    assert _by_id(out) == local
