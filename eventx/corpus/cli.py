"""``eventx corpus ...`` commands: thin wrappers over :mod:`eventx.corpus`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

DEFAULT_DATA = "../shared/data"


def add_commands(sub: argparse._SubParsersAction) -> None:
    corpus = sub.add_parser("corpus", help="build, check and inspect annotated corpora",
                            description="Build, check and inspect annotated corpora.")
    csub = corpus.add_subparsers(dest="corpus_command", required=True, metavar="COMMAND")

    p = csub.add_parser("anchor", help="turn quote annotations into standoff offsets",
                        description="Resolve quote-based annotations (see training/FORMAT.md) "
                        "against their source texts and write standoff records (offsets, labels, "
                        "sha1; no text).")
    p.add_argument("quotes", type=Path, help="JSON lines of quote records")
    p.add_argument("--out", type=Path, required=True, help="standoff JSON lines to write")
    p.add_argument("--data", type=Path, default=Path(DEFAULT_DATA),
                   help=f"shared corpora folder (default {DEFAULT_DATA})")
    p.add_argument("--texts", type=Path,
                   help="instead of --data: JSON lines with 'id' and 'text' of your own documents")
    p.set_defaults(func=_anchor)

    p = csub.add_parser("show", help="print source documents by id",
                        description="Print the canonical text of source documents, by id.")
    p.add_argument("ids", nargs="+", help="document ids (gvdb-46, muc4-DEV-MUC3-0001, ...)")
    p.add_argument("--data", type=Path, default=Path(DEFAULT_DATA))
    p.set_defaults(func=_show)

    p = csub.add_parser("validate", help="check annotation files",
                        description="Validate annotation files (full documents, or standoff "
                        "records joined to --data). Errors name the file, line and field.")
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--standoff", action="store_true", help="the files are standoff records")
    p.add_argument("--data", type=Path, default=Path(DEFAULT_DATA))
    p.set_defaults(func=_validate)


def _texts(args: argparse.Namespace) -> tuple[dict[str, str], dict[str, str]]:
    if getattr(args, "texts", None):
        rows = [json.loads(line) for line in open(args.texts, encoding="utf-8") if line.strip()]
        return {r["id"]: r["text"] for r in rows}, {}
    from eventx.corpus.sources import load_sources

    docs = load_sources(args.data)
    return {k: d.text for k, d in docs.items()}, {k: d.source for k, d in docs.items()}


def _anchor(args: argparse.Namespace) -> int:
    from eventx.corpus.format import _parse_lines
    from eventx.corpus.quotes import QuoteDocument, anchor_all

    texts, sources = _texts(args)
    records = list(_parse_lines(args.quotes, QuoteDocument))
    out, stats = anchor_all(records, texts, str(args.quotes), sources)
    with open(args.out, "w", encoding="utf-8") as fh:
        for rec in out:
            fh.write(rec.model_dump_json(exclude_none=True) + "\n")
    events = sum(len(r.events) for r in out)
    print(json.dumps({"documents": len(out), "events": events, "spans": stats.spans,
                      "ambiguous_quotes": stats.ambiguous, "out": str(args.out)}))
    return 0


def _show(args: argparse.Namespace) -> int:
    from eventx.corpus.sources import load_sources

    docs = load_sources(args.data, only=sorted({_corpus_of(i) for i in args.ids}))
    for doc_id in args.ids:
        if doc_id not in docs:
            print(f"error: no document {doc_id!r}", file=sys.stderr)
            return 2
        d = docs[doc_id]
        print(f"=== {d.id} (published {d.published})\n{d.text}\n")
    return 0


def _corpus_of(doc_id: str) -> str:
    prefix = doc_id.split("-", 1)[0]
    return {"wiki": "wikievents", "drug": "drug_seizure"}.get(prefix, prefix)


def _validate(args: argparse.Namespace) -> int:
    from eventx.corpus.format import join_standoff, read_documents, read_standoff

    texts = _texts(args)[0] if args.standoff else None
    total = 0
    for path in args.files:
        if args.standoff:
            docs = join_standoff(read_standoff(path), texts, str(path))
        else:
            docs = read_documents(path)
        total += len(docs)
        print(f"{path}: {len(docs)} documents, {sum(len(d.events) for d in docs)} events ok")
    return 0
