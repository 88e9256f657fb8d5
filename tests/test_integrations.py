"""Ray Data and Spark adapters on local engines: same events as ``eventx extract`` on the same docs."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys

import pytest

from eventx.batch import extract_dump
from eventx.batch.schema import event_type

DOCS = [
    {"id": "a", "text": "Police arrested two men in the city on Monday.", "published": "2023-10-31"},
    {"id": "b", "text": "Gunmen killed three people in an attack on the border.", "published": None},
    {"id": "c", "text": "Smugglers kidnapped two men; police seized weapons.", "published": "2023-01-02"},
    {"id": "d", "text": None, "published": None},
    {"id": "e", "text": "", "published": None},
    {"id": "f", "text": "Protest in the city after the agreement was signed.", "published": "2022-05-05"},
]


def _norm(value):
    """Comparable events: floats rounded (batch shapes may change the last bits), dates as text."""
    if isinstance(value, float):
        return round(value, 5)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_norm(v) for v in value]
    return value


def _by_id(rows):
    return {r["id"]: (_norm(r["events"]) if r.get("error") is None else "error") for r in rows}


@pytest.fixture(scope="module")
def cli_events(tiny_model_dir, tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    src = folder / "docs.jsonl"
    src.write_text("".join(json.dumps(d) + "\n" for d in DOCS), encoding="utf-8")
    extract_dump(src, folder / "out.jsonl", model=tiny_model_dir, device="cpu")
    rows = [json.loads(ln) for ln in (folder / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    expected = _by_id(rows)
    assert expected["d"] == "error" and expected["e"] == []
    assert any(expected[k] for k in "abcf"), "the tiny model should find some events"
    return expected


@pytest.mark.slow
def test_ray_predictor_matches_cli(tiny_model_dir, cli_events):
    ray = pytest.importorskip("ray")
    import pyarrow as pa

    from eventx.integrations.ray import EventxPredictor

    ray.init(num_cpus=1, include_dashboard=False, log_to_driver=False, ignore_reinit_error=True)
    try:
        ds = ray.data.from_arrow(pa.Table.from_pylist(DOCS))
        out = ds.map_batches(EventxPredictor, fn_constructor_kwargs={"model": str(tiny_model_dir),
                                                                     "device": "cpu"},
                             batch_format="pyarrow", batch_size=8, concurrency=1)
        rows = out.take_all()
        schema = out.schema().base_schema
    finally:
        ray.shutdown()
    assert schema.field("events").type == pa.list_(event_type())
    assert [r["id"] for r in rows] == [d["id"] for d in DOCS]
    assert _by_id(rows) == cli_events
    assert "text is missing" in next(r["error"] for r in rows if r["id"] == "d")


def test_ray_predictor_takes_pandas_and_dict_batches(tiny_model_dir):
    pd = pytest.importorskip("pandas")
    from eventx.integrations.ray import EventxPredictor

    predict = EventxPredictor(tiny_model_dir, device="cpu")
    frame = pd.DataFrame(DOCS[:2])
    a = predict(frame).to_pylist()
    b = predict({k: frame[k].to_numpy() for k in frame.columns}).to_pylist()
    assert _by_id(a) == _by_id(b)
    with pytest.raises(KeyError, match="body"):
        EventxPredictor(tiny_model_dir, device="cpu", text_column="body")(frame)


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("Spark needs Java")
    from pyspark.sql import SparkSession

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYSPARK_PYTHON", os.environ.get("PYSPARK_PYTHON", sys.executable))
        session = (SparkSession.builder.master("local[1]").appName("eventx-test")
                   .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "1")
                   .config("spark.driver.bindAddress", "127.0.0.1")
                   .config("spark.sql.execution.arrow.pyspark.enabled", "true").getOrCreate())
        yield session
        session.stop()


def test_spark_schema_is_derived_from_the_arrow_one():
    pytest.importorskip("pyspark")
    from pyspark.sql import types as T

    from eventx.integrations.spark import event_schema, output_schema

    schema = event_schema()
    assert isinstance(schema, T.ArrayType)
    names = [f.name for f in schema.elementType.fields]
    assert names == [f.name for f in event_type()]
    when = schema.elementType["when"].dataType
    assert isinstance(when["date"].dataType, T.DateType)
    out = output_schema(T.StructType([T.StructField("id", T.StringType()),
                                      T.StructField("text", T.StringType())]))
    assert out.fieldNames() == ["id", "text", "events", "error", "warning"]


@pytest.mark.slow
def test_spark_map_in_pandas_matches_cli(spark, tiny_model_dir, cli_events):
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    from eventx.integrations.spark import extract_events

    schema = T.StructType([T.StructField(k, T.StringType()) for k in ("id", "text", "published")])
    df = spark.createDataFrame([tuple(d.values()) for d in DOCS], schema=schema).repartition(2)
    out = extract_events(df, model=str(tiny_model_dir), device="cpu")
    rows = [r.asDict(recursive=True) for r in out.collect()]
    assert sorted(r["id"] for r in rows) == sorted(d["id"] for d in DOCS)
    assert _by_id(rows) == cli_events
    flat = out.select("id", F.explode("events").alias("e")).select("id", "e.type", "e.trigger.text")
    assert flat.count() == sum(len(v) for v in cli_events.values() if v != "error")
