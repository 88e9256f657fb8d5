"""Synthesize a dump of news articles for batch runs, by repeating the shared corpora's texts.

The texts are the GVDB articles and the MUC-4 messages under ``../shared/data`` (read-only research
data: write dumps outside the repository, never commit them). Optionally a few bad documents are
mixed in (a number instead of text, a huge text, broken UTF-8) to exercise the error rows.

    python benchmarks/make_dump.py /tmp/dump.jsonl.gz --docs 20000
    python benchmarks/make_dump.py /tmp/dump.parquet --docs 2000 --bad-every 500
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"


def shared_sentences(shared: Path = SHARED) -> list[str]:
    """The distinct drug-seizure news sentences (about 25 words each), in a fixed order."""
    path = shared / "drug_seizure" / "train.jsonl"
    with open(path, encoding="utf-8") as f:
        texts = dict.fromkeys(json.loads(line)["text"].strip() for line in f if line.strip())
    texts.pop("", None)
    return list(texts)


def shared_texts(shared: Path = SHARED) -> list[str]:
    """The distinct article texts of GVDB (dev) and MUC-4 (train and dev), in a fixed order."""
    texts: dict[str, None] = {}
    gvdb = shared / "gvdb" / "dev.tsv"
    if gvdb.is_file():
        csv.field_size_limit(sys.maxsize)
        with open(gvdb, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                texts[row["Full text"].strip()] = None
    for split in ("train", "dev"):
        path = shared / "muc4" / "processed" / f"{split}.json"
        if path.is_file():
            with open(path, encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        texts[json.loads(line)["doctext"].strip()] = None
    texts.pop("", None)
    if not texts:
        raise SystemExit(f"no texts found under {shared}")
    return list(texts)


def documents(n: int, bad_every: int = 0, shared: Path = SHARED,
              short: bool = False) -> Iterator[dict[str, Any]]:
    """``n`` documents ``{"id", "text", "published", "source", "n"}``; every ``bad_every``-th bad.

    ``short``: single sentences instead of whole articles."""
    texts = shared_sentences(shared) if short else shared_texts(shared)
    start = dt.date(2015, 1, 1)
    bad = [1234, "x" * 2_000_000, b"Police arrested \xff\xfe two men.".decode("utf-8", "surrogateescape")]
    for i in range(n):
        doc = {"id": f"doc{i:07d}", "text": texts[i % len(texts)],
               "published": (start + dt.timedelta(days=i % 1000)).isoformat(),
               "source": "drug-seizure" if short else "gvdb-muc4", "n": i}
        if bad_every and i % bad_every == bad_every - 1:
            doc["text"] = bad[(i // bad_every) % len(bad)]
        yield doc


def write_dump(path: Path, n: int, bad_every: int = 0, shared: Path = SHARED,
               short: bool = False) -> Path:
    """Write ``n`` documents as JSON lines, CSV, Parquet (by extension, ``.gz`` allowed) or, for a
    path without extension, a folder of ``.txt`` files."""
    name = path.name.removesuffix(".gz")
    opener = gzip.open if path.name.endswith(".gz") else open
    docs = documents(n, bad_every, shared, short)
    if name.endswith(".jsonl"):
        with opener(path, "wb") as f:
            for d in docs:
                f.write(json.dumps(d, ensure_ascii=False).encode("utf-8", "surrogateescape") + b"\n")
    elif name.endswith(".csv"):
        with opener(path, "wt", encoding="utf-8", errors="surrogateescape", newline="") as f:
            w = csv.DictWriter(f, ["id", "text", "published", "source", "n"])
            w.writeheader()
            w.writerows(docs)
    elif name.endswith(".parquet"):
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema([("id", pa.string()), ("text", pa.string()), ("published", pa.string()),
                            ("source", pa.string()), ("n", pa.int64())])
        with pq.ParquetWriter(path, schema) as w:
            batch: list[dict[str, Any]] = []
            for d in docs:
                if not isinstance(d["text"], str) or not _utf8(d["text"]):
                    d["text"] = None  # Parquet strings cannot hold these: a missing text instead
                batch.append(d)
                if len(batch) == 1000:
                    w.write_table(pa.Table.from_pylist(batch, schema=schema))
                    batch = []
            if batch:
                w.write_table(pa.Table.from_pylist(batch, schema=schema))
    else:
        path.mkdir(parents=True, exist_ok=True)
        for d in docs:
            text = d["text"] if isinstance(d["text"], str) else str(d["text"])
            (path / f"{d['id']}.txt").write_bytes(text.encode("utf-8", "surrogateescape"))
    return path


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("output", type=Path, help="file (.jsonl, .csv, .parquet, each maybe .gz) or folder")
    p.add_argument("--docs", type=int, default=20_000, help="number of documents")
    p.add_argument("--bad-every", type=int, default=0, help="make every N-th document bad (0: none)")
    p.add_argument("--short", action="store_true", help="one sentence per document (drug seizures)")
    p.add_argument("--shared", type=Path, default=SHARED, help="the shared data folder")
    args = p.parse_args(argv)
    if ROOT in args.output.resolve().parents:
        p.error("write dumps outside the repository: they hold research-only texts")
    write_dump(args.output, args.docs, args.bad_every, args.shared, args.short)
    print(f"wrote {args.docs} documents to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
