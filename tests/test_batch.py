"""Batch extraction: input shapes, passthrough columns, error rows, output formats, flat rows."""

from __future__ import annotations

import csv
import gzip
import json

import pytest

from eventx.batch import Record, extract_dump, extract_records, open_source
from eventx.batch.readers import InputError
from eventx.batch.schema import document_schema, event_type, flat_schema

TEXTS = ["Police arrested two men in the city on Monday.",
         "Gunmen killed three people in an attack.",
         "Smugglers kidnapped two men at the border."]
DOCS = [{"id": f"d{i}", "text": t, "published": "2023-10-31", "source": "wire", "rank": i}
        for i, t in enumerate(TEXTS)]


def write_jsonl(path, rows, raw_lines=()):
    data = b"".join(json.dumps(r).encode() + b"\n" for r in rows) + b"".join(raw_lines)
    if path.name.endswith(".gz"):
        data = gzip.compress(data)
    path.write_bytes(data)
    return path


def read_jsonl(path):
    return [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def reference(tiny_model_dir, tmp_path_factory):
    """Events of DOCS by id, from plain JSON lines."""
    folder = tmp_path_factory.mktemp("ref")
    extract_dump(write_jsonl(folder / "in.jsonl", DOCS), folder / "out.jsonl", model=tiny_model_dir,
                 device="cpu")
    return {r["id"]: r["events"] for r in read_jsonl(folder / "out.jsonl")}


# ---------------------------------------------------------------------- readers
def test_every_input_shape_gives_the_same_records(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    write_jsonl(tmp_path / "a.jsonl.gz", DOCS)
    with open(tmp_path / "a.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, list(DOCS[0]))
        w.writeheader()
        w.writerows(DOCS)
    with gzip.open(tmp_path / "a.tsv.gz", "wt", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, list(DOCS[0]), delimiter="\t")
        w.writeheader()
        w.writerows(DOCS)
    pq.write_table(pa.Table.from_pylist(DOCS), tmp_path / "a.parquet", row_group_size=2)
    want = [(d["id"], d["text"], d["published"]) for d in DOCS]
    for name in ("a.jsonl.gz", "a.csv", "a.tsv.gz", "a.parquet"):
        src = open_source(tmp_path / name)
        recs = list(src.records())
        assert [(r.id, r.text, r.published) for r in recs] == want, name
        assert recs[1].extra["source"] == "wire" and str(recs[1].extra["rank"]) == "1"
        assert [r.id for r in src.records(skip=2)] == ["d2"], name
    assert [r.line for r in open_source(tmp_path / "a.csv").records()] == [2, 3, 4]


def test_named_fields_and_missing_ids(tmp_path):
    rows = [{"body": t, "date": "2023-01-01", "k": 1} for t in TEXTS[:2]]
    src = open_source(write_jsonl(tmp_path / "x.jsonl", rows), text_field="body",
                      published_field="date")
    recs = list(src.records())
    assert [r.id for r in recs] == ["1", "2"]
    assert recs[0].text == TEXTS[0] and recs[0].published == "2023-01-01" and recs[0].extra == {"k": 1}
    with open(tmp_path / "x.csv", "w", encoding="utf-8") as f:
        f.write("body,k\nhello,1\n")
    with pytest.raises(InputError, match="no column 'text'.*--text-field"):
        open_source(tmp_path / "x.csv")


def test_folder_of_text_files_and_single_text(tmp_path):
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    (tmp_path / "docs" / "b.txt").write_text(TEXTS[1], encoding="utf-8")
    (tmp_path / "docs" / "sub" / "a.txt.gz").write_bytes(gzip.compress(TEXTS[0].encode()))
    (tmp_path / "docs" / "bad.txt").write_bytes(b"caf\xe9 bombed")
    (tmp_path / "docs" / "notes.md").write_text("ignored")
    src = open_source(tmp_path / "docs")
    assert src.format == "txtdir" and src.total == 3
    recs = list(src.records())
    assert [r.id for r in recs] == ["b", "bad", "sub/a"]
    assert recs[0].text == TEXTS[1] and recs[2].text == TEXTS[0]
    assert "broken encoding" in recs[1].error
    one = tmp_path / "story.txt"
    one.write_text("{not json} " + TEXTS[0], encoding="utf-8")
    assert [(r.id, r.text) for r in open_source(one, format="text").records()] == \
        [("story", "{not json} " + TEXTS[0])]


# ---------------------------------------------------------------------- bad documents
def test_bad_documents_get_error_rows_and_the_run_goes_on(tmp_path, tiny_model_dir, reference):
    bad = [{"id": "num", "text": 42}, {"id": "huge", "text": "word " * 500},
           {"id": "date", "text": TEXTS[0], "published": "last week"}]
    raw = [b'{"id": "enc", "text": "caf\xe9 attack"}\n', b"{broken json\n", b"[1, 2]\n"]
    src = write_jsonl(tmp_path / "in.jsonl", DOCS[:1] + bad + DOCS[1:], raw)
    out = tmp_path / "out.jsonl"
    summary = extract_dump(src, out, model=tiny_model_dir, device="cpu", max_chars=1000)
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == ["d0", "date", "d1", "d2", "num", "huge", "enc", "8", "9"]
    assert summary.documents == 9 and summary.errors == 5 and summary.warnings == 1
    errors = {r["id"]: r["error"] for r in rows if "error" in r}
    assert "int" in errors["num"] and "2,500 characters" in errors["huge"]
    assert "broken encoding" in errors["enc"]
    assert "JSON" in errors["8"] and "JSON object" in errors["9"]
    # a date that cannot be read: extracted without one, and the row says so
    assert "last week" in rows[1]["warning"] and "without a date" in rows[1]["warning"]
    assert all(e["when"] is None or e["when"]["date"] is None for e in rows[1]["events"])
    assert {r["id"]: r["events"] for r in rows if "events" in r and r["id"] != "date"} == reference
    assert rows[0]["source"] == "wire" and rows[0]["line"] == 1 and rows[6]["line"] == 7
    assert "warning" not in rows[0]


def test_a_document_that_breaks_the_model_does_not_take_its_chunk_with_it(tiny_extractor):
    class Fragile:
        """Fails on any batch holding the word BOOM, as a model bug would."""

        def pipe(self, texts, **kw):
            texts = list(texts)
            if any("BOOM" in t for t in texts):
                raise RuntimeError("kaboom")
            return tiny_extractor.pipe(texts, **kw)

    recs = [Record(line=i, id=str(i), text=t) for i, t in enumerate([TEXTS[0], "BOOM", TEXTS[1]])]
    rows = extract_records(Fragile(), recs)
    assert "kaboom" in rows[1]["error"]
    assert rows[0]["events"] == [e.model_dump() for e in tiny_extractor(TEXTS[0])]
    assert "events" in rows[2]


# ---------------------------------------------------------------------- outputs
def test_parquet_output_nested_and_flat(tmp_path, tiny_model_dir, reference):
    import pyarrow.parquet as pq

    src = write_jsonl(tmp_path / "in.jsonl", DOCS + [{"id": "bad", "text": None, "type": "x"}])
    extract_dump(src, tmp_path / "docs.parquet", model=tiny_model_dir, device="cpu")
    table = pq.read_table(tmp_path / "docs.parquet")
    assert table.schema.field("events").type == document_schema().field("events").type
    rows = table.to_pylist()
    assert [r["id"] for r in rows] == ["d0", "d1", "d2", "bad"]
    assert rows[3]["error"] == "text is missing" and rows[3]["events"] is None
    assert rows[0]["source"] == "wire" and rows[0]["rank"] == 0
    for r in rows[:3]:
        assert json.loads(json.dumps(r["events"], default=str)) == reference[r["id"]]

    extract_dump(src, tmp_path / "flat.parquet", model=tiny_model_dir, device="cpu", flat=True)
    flat = pq.read_table(tmp_path / "flat.parquet")
    assert flat.schema.field("trigger").type == event_type().field("trigger").type
    assert flat.schema.names[:len(flat_schema().names) - 1] == flat_schema().names[:-1]
    frame = flat.to_pandas()
    assert len(frame) == sum(len(v) for v in reference.values()) + 1
    assert "input_type" in frame.columns  # the input's 'type' column, renamed: 'type' is the event's
    assert list(frame[frame.id == "d0"].event_index) == list(range(len(reference["d0"])))


def test_flat_jsonl_has_one_row_per_event(tmp_path, tiny_model_dir, reference):
    out = tmp_path / "flat.jsonl"
    extract_dump(write_jsonl(tmp_path / "in.jsonl", DOCS), out, model=tiny_model_dir, device="cpu",
                 flat=True)
    rows = read_jsonl(out)
    assert len(rows) == sum(len(v) for v in reference.values())
    first = {k: v for k, v in rows[0].items() if k not in ("id", "line", "event_index", "source",
                                                            "rank", "published")}
    assert first == reference[rows[0]["id"]][0]


def test_cli_reads_csv_with_named_columns(tmp_path, tiny_model_dir, reference):
    from eventx.cli import main

    with open(tmp_path / "in.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc", "body", "day", "source"])
        w.writerows([[d["id"], d["text"], d["published"], "wire"] for d in DOCS])
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(tmp_path / "in.csv"), "-o", str(out), "--model", str(tiny_model_dir),
                 "--text-field", "body", "--id-field", "doc", "--published-field", "day",
                 "--device", "cpu"]) == 0
    rows = read_jsonl(out)
    assert {r["id"]: r["events"] for r in rows} == reference
    assert rows[0]["source"] == "wire" and "body" not in rows[0]
    assert not (tmp_path / "out.jsonl.parts").exists()


def test_import_is_light():
    import subprocess
    import sys

    code = ("import sys, eventx.batch, eventx.integrations.ray, eventx.integrations.spark; "
            "print(*(m in sys.modules for m in ('torch', 'ray', 'pyspark', 'pyarrow')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False"] * 4
