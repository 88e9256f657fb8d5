"""``eventx corpus ...`` commands: thin wrappers over :mod:`eventx.corpus`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

DEFAULT_DATA = "../shared/data"
DEFAULT_ANNOTATIONS = "training/annotations"


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
                   help="instead of --data: JSON lines with 'id' and 'text' (and optionally "
                   "'published', 'source') of your own documents")
    p.add_argument("--full", action="store_true",
                   help="write full documents (with their text) instead of standoff records")
    p.set_defaults(func=_anchor)

    p = csub.add_parser("show", help="print source documents by id",
                        description="Print the canonical text of source documents, by id.")
    p.add_argument("ids", nargs="+", help="document ids (gvdb-46, muc4-DEV-MUC3-0001, ...)")
    p.add_argument("--data", type=Path, default=Path(DEFAULT_DATA))
    p.add_argument("--annotations", type=Path, nargs="*", metavar="FILE",
                   help="also print each document's annotation in these standoff files as a "
                   "quote record (to correct it and anchor it again)")
    p.set_defaults(func=_show)

    p = csub.add_parser("validate", help="check annotation files",
                        description="Validate annotation files (full documents, or standoff "
                        "records joined to --data). Errors name the file, line and field.")
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--standoff", action="store_true", help="the files are standoff records")
    p.add_argument("--data", type=Path, default=Path(DEFAULT_DATA))
    p.set_defaults(func=_validate)

    p = csub.add_parser("build", help="convert the shared corpora and write train/dev files",
                        description="Convert the shared corpora, let the project's standoff "
                        "annotations supersede the converted documents they cover, split by "
                        "eventx.corpus.splits and write DIR/train.jsonl, DIR/dev.jsonl, "
                        "DIR/dev_ids.txt and DIR/manifest.json.")
    p.add_argument("--out", type=Path, required=True, help="output folder")
    p.add_argument("--data", type=Path, default=Path(DEFAULT_DATA),
                   help=f"shared corpora folder (default {DEFAULT_DATA})")
    p.add_argument("--annotations", type=Path, default=None,
                   help="folder of standoff *.jsonl files; double-*.jsonl are not used "
                   f"(default {DEFAULT_ANNOTATIONS}, where it exists)")
    p.set_defaults(func=_build)

    p = csub.add_parser("stats", help="print counts of a built corpus as JSON",
                        description="Print per-split counts of a corpus folder written by "
                        "'eventx corpus build' as JSON.")
    p.add_argument("dir", type=Path, help="the folder given to 'eventx corpus build --out'")
    p.set_defaults(func=_stats)

    p = csub.add_parser("lint", help="consistency checks over annotated documents",
                        description="Report the patterns the guidelines rule out (participles as "
                        "triggers, containers as places, concealment without smuggling, ...) in "
                        "the completely annotated documents of FILES (eventx.corpus.lint).")
    p.add_argument("files", nargs="+", type=Path, help="documents JSON lines (train.jsonl, ...)")
    p.set_defaults(func=_lint)

    p = csub.add_parser("agreement", help="inter-annotator agreement of two standoff files",
                        description="Trigger (type + span, exact and overlap) and argument "
                        "(role + span) F1 over the documents both standoff files annotate.")
    p.add_argument("file_a", type=Path)
    p.add_argument("file_b", type=Path)
    p.set_defaults(func=_agreement)

    p = csub.add_parser("import-labelstudio", help="convert a Label Studio JSON export",
                        description="Convert a Label Studio JSON export (event types on "
                        "triggers, roles or span kinds on arguments, relations from trigger to "
                        "argument carrying the role) into full documents.")
    p.add_argument("export", type=Path, help="the JSON export (a list of tasks)")
    p.add_argument("--out", type=Path, required=True, help="documents JSON lines to write")
    p.add_argument("--types", default="",
                   help="extra event-type labels, comma-separated (the eight default types are "
                   "always known)")
    p.add_argument("--text-key", default="text", help="the data key of the text (default text)")
    p.set_defaults(func=_import_labelstudio)

    p = csub.add_parser("export-labelstudio", help="the model's events as Label Studio "
                        "pre-annotations", description="Write the documents of an 'eventx "
                        "extract' output (JSON lines or Parquet, one row per document) as Label "
                        "Studio tasks with the events as predictions, and the labelling config "
                        "(XML) for their types and roles. Correct them in Label Studio, export "
                        "the project as JSON and run 'eventx corpus import-labelstudio'.")
    p.add_argument("events", type=Path, help="what 'eventx extract' wrote")
    p.add_argument("--out", type=Path, required=True, help="the tasks to write (a JSON list)")
    p.add_argument("--texts", help="the input 'eventx extract' read (a text file, JSON lines, "
                   "CSV, Parquet, a folder of .txt), for the texts; needed unless each row of "
                   "EVENTS carries its 'text'")
    p.add_argument("--config", type=Path,
                   help="the labelling config to write (default: OUT with .xml for .json)")
    p.add_argument("--text-field", default="text", help="the texts' text column (default text)")
    p.add_argument("--id-field", default="id", help="the texts' id column (default id)")
    p.add_argument("--published-field", default="published",
                   help="the texts' date column (default published)")
    p.add_argument("--published", help="date (YYYY-MM-DD) of documents that give none")
    p.add_argument("--model-version", default="eventx",
                   help="the predictions' model name in Label Studio (default eventx)")
    p.set_defaults(func=_export_labelstudio)


def _texts(args: argparse.Namespace) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """``id -> text``, ``id -> source`` and (from ``--texts`` only) ``id -> published``."""
    if getattr(args, "texts", None):
        rows = [json.loads(line) for line in open(args.texts, encoding="utf-8") if line.strip()]
        return ({r["id"]: r["text"] for r in rows}, {r["id"]: r.get("source") for r in rows},
                {r["id"]: r.get("published") for r in rows})
    from eventx.corpus.sources import load_sources

    docs = load_sources(args.data)
    return {k: d.text for k, d in docs.items()}, {k: d.source for k, d in docs.items()}, {}


def _anchor(args: argparse.Namespace) -> int:
    from eventx.corpus.format import _parse_lines
    from eventx.corpus.quotes import QuoteDocument, anchor_all

    texts, sources, published = _texts(args)
    records = list(_parse_lines(args.quotes, QuoteDocument))
    out, stats = anchor_all(records, texts, str(args.quotes), sources)
    with open(args.out, "w", encoding="utf-8") as fh:
        for rec in out:
            if args.full:
                from eventx.corpus.format import Document

                doc = Document(id=rec.id, text=texts[rec.id], source=rec.source,
                               published=rec.published or published.get(rec.id),
                               events=rec.events)
                fh.write(doc.with_span_texts().model_dump_json() + "\n")
            else:
                fh.write(rec.model_dump_json(exclude_none=True) + "\n")
    events = sum(len(r.events) for r in out)
    print(json.dumps({"documents": len(out), "events": events, "spans": stats.spans,
                      "ambiguous_quotes": stats.ambiguous, "out": str(args.out)}))
    return 0


def _show(args: argparse.Namespace) -> int:
    from eventx.corpus.sources import load_sources

    docs = load_sources(args.data, only=sorted({_corpus_of(i) for i in args.ids}))
    annotated = {}
    if args.annotations:
        from eventx.corpus.format import join_standoff, read_standoff

        texts = {k: d.text for k, d in docs.items()}
        for path in args.annotations:
            records = [(n, r) for n, r in read_standoff(path) if r.id in set(args.ids)]
            for (_, rec), doc in zip(records, join_standoff(records, texts, str(path)),
                                     strict=True):
                annotated.setdefault(doc.id, []).append((path, rec.annotator, doc))
    for doc_id in args.ids:
        if doc_id not in docs:
            print(f"error: no document {doc_id!r}", file=sys.stderr)
            return 2
        d = docs[doc_id]
        print(f"=== {d.id} (published {d.published})\n{d.text}\n")
        if args.annotations:
            from eventx.corpus.quotes import to_quotes

            for path, annotator, doc in annotated.get(doc_id, []):
                print(f"--- annotation in {path}:")
                print(to_quotes(doc, annotator).model_dump_json(exclude_none=True) + "\n")
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


def _build(args: argparse.Namespace) -> int:
    from eventx.corpus.build import build_corpus, write_corpus
    from eventx.errors import AnnotationError, EventxError

    if not args.data.is_dir():
        raise EventxError(f"{args.data}: no such data folder (the shared corpora)")
    annotations = args.annotations
    if annotations is not None and not annotations.is_dir():
        raise AnnotationError("no such annotations folder", path=str(annotations))
    result = build_corpus(args.data, annotations or Path(DEFAULT_ANNOTATIONS))
    paths = write_corpus(result, args.out)
    print(json.dumps({"train": len(result.train), "dev": len(result.dev),
                      "annotated": len(result.manifest["annotated_ids"])} | paths))
    return 0


def _stats(args: argparse.Namespace) -> int:
    from eventx.corpus.stats import corpus_stats

    print(json.dumps(corpus_stats(args.dir), indent=1))
    return 0


def _lint(args: argparse.Namespace) -> int:
    from eventx.corpus.format import read_documents
    from eventx.corpus.lint import lint_documents, summarize

    docs = [d for path in args.files for d in read_documents(path)]
    findings = lint_documents(docs)
    print(json.dumps(summarize(findings, sum(d.complete for d in docs)), indent=1))
    return 0


def _agreement(args: argparse.Namespace) -> int:
    from eventx.corpus.agreement import agreement

    print(json.dumps(agreement(args.file_a, args.file_b), indent=1))
    return 0


def _import_labelstudio(args: argparse.Namespace) -> int:
    from eventx.corpus.format import write_documents
    from eventx.corpus.labelstudio import DEFAULT_TYPES, read_labelstudio

    extra = [t.strip() for t in args.types.split(",") if t.strip()]
    docs, summary = read_labelstudio(args.export, types=[*DEFAULT_TYPES, *extra],
                                     text_key=args.text_key)
    write_documents(docs, args.out)
    print(json.dumps(summary | {"out": str(args.out)}))
    return 0


def _export_labelstudio(args: argparse.Namespace) -> int:
    from eventx.corpus.labelstudio_export import write_labelstudio

    texts = None
    if args.texts:
        from eventx.batch import open_source

        source = open_source(args.texts, text_field=args.text_field, id_field=args.id_field,
                             published_field=args.published_field)
        texts = {rec.id: rec for rec in source.records()}
    config = args.config or args.out.with_suffix(".xml")
    summary = write_labelstudio(args.events, args.out, config, texts=texts,
                                published=args.published, model_version=args.model_version)
    print(json.dumps(summary))
    return 0
