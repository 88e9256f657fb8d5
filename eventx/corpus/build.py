"""Build the training corpus: converted shared corpora, superseded by the project's annotations.

:func:`build_corpus` reads every corpus of ``../shared/data`` (:mod:`eventx.corpus.sources`),
converts it (:mod:`~eventx.corpus.gvdb`, :mod:`~eventx.corpus.muc4`, :mod:`~eventx.corpus.rams`,
:mod:`~eventx.corpus.wikievents`, :mod:`~eventx.corpus.drug`), joins the standoff annotations
of ``training/annotations/*.jsonl`` (files named ``double-*.jsonl`` are second annotations for
the agreement study and are not used) and splits the result by
:func:`eventx.corpus.splits.dev_ids`, computed over *all* source ids so that the split does not
depend on what a converter keeps.

An annotated document replaces the converter's version of it (the project's annotations mark all
eight types fully); a document no converter keeps (a RAMS window of another type, a drug sentence
without a drug, every ECB+ document) enters the corpus once annotated. A document annotated in two
files is an error: second annotations belong in ``double-*.jsonl``.

Every document then gets the span boundary convention (:mod:`eventx.corpus.boundaries`) and ids:
an event mention without an ``event`` id gets one of its own (``e<n>``), and a participant
argument without an ``entity`` id shares the id of another argument on the same offsets, or gets
one of its own (``p<n>``).

:func:`write_corpus` writes ``train.jsonl``, ``tune.jsonl``, ``dev.jsonl`` (full documents, in
source order; the split is :func:`eventx.corpus.splits.split_of`), ``dev_ids.txt`` (the ids of
``dev.jsonl``, for ``score.py --ids``) and ``manifest.json`` (inputs, converter counters, how
each guessed trigger was chosen, annotated ids, boundary changes), which ``eventx corpus stats``
reads.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from eventx.corpus.boundaries import normalize_document
from eventx.corpus.convert import ConversionReport
from eventx.corpus.drug import convert_drug
from eventx.corpus.format import (
    DEFAULT_ROLES,
    Document,
    join_standoff,
    read_standoff,
    write_documents,
)
from eventx.corpus.gvdb import convert_gvdb
from eventx.corpus.muc4 import convert_muc4
from eventx.corpus.muc4_keys import read_keys
from eventx.corpus.rams import convert_rams
from eventx.corpus.sources import SourceDoc, load_sources
from eventx.corpus.splits import split_of
from eventx.corpus.wikievents import convert_wikievents
from eventx.errors import AnnotationError

__all__ = ["BuildResult", "annotation_files", "build_corpus", "convert_all", "fill_ids",
           "read_annotations", "write_corpus"]

logger = logging.getLogger(__name__)


@dataclass
class BuildResult:
    """The two splits and the manifest that describes how they were made."""

    train: list[Document] = field(default_factory=list)
    tune: list[Document] = field(default_factory=list)
    dev: list[Document] = field(default_factory=list)
    manifest: dict = field(default_factory=dict)


def convert_all(sources: dict[str, SourceDoc], data_dir: str | Path,
                report: ConversionReport) -> dict[str, Document]:
    """Run every converter over ``sources``; return the kept documents by id."""
    docs = list(sources.values())
    keys = read_keys(data_dir) if any(d.source == "muc4" for d in docs) else {}
    converted = (convert_gvdb(docs, report) + convert_muc4(docs, keys, report)
                 + convert_rams(docs, report) + convert_wikievents(docs, report)
                 + convert_drug(docs, report))
    return {d.id: d.model_copy(update={"annotated_types": ANNOTATED_TYPES[d.source]})
            for d in converted}


#: The types each converted corpus marks completely (every mention, with every argument). None:
#: the converters mark one mention per incident (MUC-4 templates, GVDB's one shooting, one
#: seizure per drug sentence, RAMS's one trigger per window) and only some mentions of its
#: participants, so an unmarked word there may still be a trigger or an argument. The project's
#: own annotations mark everything (``annotated_types`` absent).
ANNOTATED_TYPES: dict[str, list[str]] = {
    "gvdb": [],
    "muc4": [],
    "rams": [],
    "wikievents": ["arrest", "attack", "protest", "smuggling"],
    "drug_seizure": [],
    "ecbplus": [],
}

SPLITS = ("train", "tune", "dev")


def fill_ids(doc: Document) -> Document:
    """``doc`` with an ``event`` id on every mention and an ``entity`` id on every participant.

    A mention without an id is an event of its own; a participant argument without an id takes the
    id of another participant argument on the same offsets, else one of its own. Ids the document
    has are kept.
    """
    used = {"e": {ev.event for ev in doc.events if ev.event},
            "p": {a.entity for ev in doc.events for a in ev.arguments if a.entity}}
    last = {"e": 0, "p": 0}
    by_span = {(a.start, a.end): a.entity for ev in doc.events for a in ev.arguments if a.entity}

    def fresh(prefix: str) -> str:
        """The next ``e<n>`` / ``p<n>`` that the document does not use yet."""
        last[prefix] += 1
        while f"{prefix}{last[prefix]}" in used[prefix]:
            last[prefix] += 1
        used[prefix].add(f"{prefix}{last[prefix]}")
        return f"{prefix}{last[prefix]}"

    events = []
    for ev in doc.events:
        args = []
        for a in ev.arguments:
            if a.entity is None and DEFAULT_ROLES.get(a.role, "PARTICIPANT") == "PARTICIPANT":
                if (a.start, a.end) not in by_span:
                    by_span[(a.start, a.end)] = fresh("p")
                a = a.model_copy(update={"entity": by_span[(a.start, a.end)]})
            args.append(a)
        events.append(ev.model_copy(update={"event": ev.event or fresh("e"), "arguments": args}))
    return doc.model_copy(update={"events": events})


def annotation_files(annotations_dir: str | Path | None) -> list[Path]:
    """The standoff files that feed training: ``*.jsonl`` but not ``double-*.jsonl``, sorted."""
    if annotations_dir is None or not Path(annotations_dir).is_dir():
        return []
    return sorted(p for p in Path(annotations_dir).glob("*.jsonl")
                  if not p.name.startswith("double-"))


def read_annotations(files: list[Path], sources: dict[str, SourceDoc]) -> dict[str, Document]:
    """Join standoff files to their source texts; documents keep their source and date.

    Raises:
        AnnotationError: a broken line, an unknown id, a changed source text (sha1), a bad span,
            or a document annotated twice (file, line and field named).
    """
    texts = {k: d.text for k, d in sources.items()}
    out: dict[str, Document] = {}
    where: dict[str, str] = {}
    for path in files:
        records = read_standoff(path)
        joined = join_standoff(records, texts, str(path))
        for (lineno, _), doc in zip(records, joined, strict=True):
            if doc.id in out:
                raise AnnotationError(
                    f"document {doc.id!r} is already annotated at {where[doc.id]}; put second "
                    "annotations in a double-*.jsonl file", path=str(path), line=lineno, field="id")
            src = sources[doc.id]
            out[doc.id] = doc.with_span_texts().model_copy(
                update={"source": doc.source or src.source,
                        "published": doc.published or src.published})
            where[doc.id] = f"{path}:{lineno}"
    return out


def build_corpus(data_dir: str | Path, annotations_dir: str | Path | None = None,
                 sources: dict[str, SourceDoc] | None = None) -> BuildResult:
    """Convert, supersede with annotations, and split.

    Args:
        data_dir: the shared corpora (``../shared/data``).
        annotations_dir: folder of standoff ``*.jsonl`` files (missing or empty is fine).
        sources: already loaded sources (default: :func:`load_sources` of ``data_dir``).

    Returns:
        The train and dev documents, in source order, and the manifest.
    """
    sources = sources if sources is not None else load_sources(data_dir)
    report = ConversionReport()
    converted = convert_all(sources, data_dir, report)
    files = annotation_files(annotations_dir)
    annotated = read_annotations(files, sources)
    split = split_of(sources)
    result = BuildResult()
    boundary: Counter[str] = Counter()
    for doc_id in sources:
        doc = annotated.get(doc_id) or converted.get(doc_id)
        if doc is not None:
            doc = fill_ids(normalize_document(doc, counts=boundary))
            getattr(result, split[doc_id]).append(doc)
    guessed = {k: v for k, v in report.guessed.items() if k not in annotated}
    result.manifest = {
        "data": str(data_dir),
        "annotation_files": [str(p) for p in files],
        "annotated_ids": sorted(annotated),
        "superseded_ids": sorted(set(annotated) & set(converted)),
        "converter_counts": dict(sorted(report.counts.items())),
        "trigger_rule": guessed,
        "boundary_changes": {k: boundary[k] for k in ("changed", "extended", "dropped")},
        "documents": {name: len(getattr(result, name)) for name in SPLITS},
    }
    logger.info("built %d train, %d tune and %d dev documents (%d annotated)", len(result.train),
                len(result.tune), len(result.dev), len(annotated))
    return result


def write_corpus(result: BuildResult, out_dir: str | Path) -> dict[str, str]:
    """Write the splits, ``dev_ids.txt`` and ``manifest.json`` into ``out_dir``; return paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {name: out / f"{name}.jsonl" for name in SPLITS}
    for name in SPLITS:
        write_documents(getattr(result, name), paths[name])
    (out / "dev_ids.txt").write_text("".join(d.id + "\n" for d in result.dev), encoding="utf-8")
    (out / "manifest.json").write_text(json.dumps(result.manifest, indent=1) + "\n",
                                       encoding="utf-8")
    return {k: str(v) for k, v in paths.items()} | {"dev_ids": str(out / "dev_ids.txt"),
                                                    "manifest": str(out / "manifest.json")}
