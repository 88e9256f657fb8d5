"""Score eventx and the spaCy rule baseline on the same annotated documents.

Both systems' :class:`~eventx.extractor.Analysis` objects go through the project's own
:func:`eventx.training.evaluate.score_analyses`, with the same role set (the model's), so the
figures are directly comparable. Prints a markdown table (trigger + type F1, role F1, the
per-document fields, exact-count accuracy, speed) and a JSON dump of both full reports.

Usage::

    python benchmarks/compare.py --dev /work/corpus/dev.jsonl
    python benchmarks/compare.py --dev dev.jsonl --model /tmp/tinymodel --out compare.md
    python benchmarks/compare.py --dev dev.jsonl --baseline-only
    python benchmarks/compare.py --dev corpus/dev.jsonl --complete-only   # the README table

The eventx model defaults to ``models/eventx-news-base`` (or ``$EVENTX_MODEL``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere: make ``benchmarks`` importable
    sys.path.insert(0, str(ROOT))

from eventx.corpus.format import DEFAULT_ROLES, Document, read_documents
from eventx.training.evaluate import score_analyses

__all__ = ["compare", "format_table", "main", "run_system"]

FIELDS = ("who", "where", "when", "killed", "injured", "seized")


def source_of(doc: Document) -> str:
    """The corpus a document comes from: its id's prefix (``ecb``, ``muc4``, ``gvdb``, ``drug``)."""
    return doc.id.split("-", 1)[0] if "-" in doc.id else doc.id


def run_system(system: Any, docs: list[Document], roles: dict[str, str]) -> dict[str, Any]:
    """Analyze ``docs`` with any object that has ``analyze(texts, published=...)``; score it, in
    all and per source."""
    start = time.perf_counter()
    analyses = list(system.analyze([d.text for d in docs], published=[d.published for d in docs]))
    seconds = time.perf_counter() - start
    words = sum(len(d.text.split()) for d in docs)
    by_source: dict[str, Any] = {}
    for src in sorted({source_of(d) for d in docs}):
        keep = [i for i, d in enumerate(docs) if source_of(d) == src]
        rep = score_analyses([docs[i] for i in keep], [analyses[i] for i in keep], roles)
        by_source[src] = {"documents": len(keep), "triggers": rep["triggers"]["all"],
                          "roles": rep["roles"].get("all"), "roles_exact": rep["roles_exact"]}
    return {"report": score_analyses(docs, analyses, roles), "by_source": by_source,
            "seconds": round(seconds, 2),
            "words_per_second": round(words / seconds, 1) if seconds else None}


def compare(docs: list[Document], model: str | Path | None, baseline_only: bool = False,
            device: str | None = None) -> dict[str, Any]:
    """Run both systems (or the baseline alone) on ``docs``; return their reports."""
    from benchmarks.baseline import SPACY_MODEL, SpacyBaseline

    cpu = f"CPU ({os.cpu_count()} cores, {platform.machine()})"
    out: dict[str, Any] = {"documents": len(docs), "words": sum(len(d.text.split()) for d in docs)}
    roles = dict(DEFAULT_ROLES)
    if not baseline_only:
        from eventx.extractor import Extractor

        extractor = Extractor.from_pretrained(model, device=device)
        roles = dict(extractor.config.roles)
        where = str(next(extractor.model.parameters()).device)
        out["eventx"] = {"model": str(extractor.path),
                         "device": cpu if where == "cpu" else where,
                         **run_system(extractor, docs, roles)}
    out["baseline"] = {"model": f"spaCy {SPACY_MODEL} + rules", "device": cpu,
                       **run_system(SpacyBaseline(), docs, roles)}
    out["roles"] = roles
    return out


def _f1(table: dict[str, Any], key: str) -> tuple[float | None, str]:
    row = table.get(key)
    return (row["f1"], str(row["n_gold"])) if row else (None, "0")


def _rows(rep: dict[str, Any]) -> list[tuple[str, float | None, str]]:
    """(metric, value, gold count) rows of one report."""
    acc = rep["count_accuracy"]
    rows = [("trigger + type F1", *_f1(rep["triggers"], "all")),
            ("role F1 (overlap)", *_f1(rep["roles"], "all")),
            ("role F1 (exact offsets)", *_f1({"all": rep["roles_exact"]}, "all"))]
    rows += [(f"{name} F1", *_f1(rep["events"], name)) for name in FIELDS]
    rows += [(f"{name} exact-count accuracy", acc[name]["accuracy"], f"{acc[name]['documents']} docs")
             for name in ("killed", "injured")]
    return rows


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def _breakdown(result: dict[str, Any], systems: list[str], key: str, title: str) -> list[str]:
    """A table of F1 by trigger type or by role."""
    reports = [result[s]["report"][key] for s in systems]
    lines = ["", f"| {title} | " + " | ".join(systems) + " | gold |",
             "|---" * (len(systems) + 2) + "|"]
    for name in sorted({k for rep in reports for k in rep if k != "all"}):
        gold = max(rep.get(name, {}).get("n_gold", 0) for rep in reports)
        lines.append(f"| {name} | " + " | ".join(_fmt(rep.get(name, {}).get("f1"))
                                                  for rep in reports) + f" | {gold} |")
    return lines


def _by_source(result: dict[str, Any], systems: list[str]) -> list[str]:
    """Trigger and role F1 per source, with eventx's lead over the baseline."""
    if len(systems) < 2:
        return []
    a, b = (result[s]["by_source"] for s in systems)
    lines = ["", "| source | documents | trigger F1 eventx | baseline | lead | role F1 eventx | "
             "baseline | lead |", "|---" * 8 + "|"]
    for src in sorted(a):
        cells = [src, str(a[src]["documents"])]
        for key in ("triggers", "roles"):
            x = (a[src][key] or {}).get("f1")
            y = (b.get(src, {}).get(key) or {}).get("f1")
            lead = f"{x - y:+.3f}" if x is not None and y is not None else "n/a"
            cells += [_fmt(x), _fmt(y), lead]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def format_table(result: dict[str, Any]) -> str:
    """The markdown comparison: one row per field, a column per system, gold counts."""
    systems = [s for s in ("eventx", "baseline") if s in result]
    rows = {s: _rows(result[s]["report"]) for s in systems}
    lines = [f"{result['documents']} documents, {result['words']} words", "",
             "| metric | " + " | ".join(systems) + " | gold |", "|---" * (len(systems) + 2) + "|"]
    for i, (name, _, gold) in enumerate(rows[systems[0]]):
        values = " | ".join(_fmt(rows[s][i][1]) for s in systems)
        lines.append(f"| {name} | {values} | {gold} |")
    speeds = " | ".join(f"{result[s]['words_per_second']:.0f}" for s in systems)
    lines.append(f"| words / second | {speeds} | |")
    lines += _by_source(result, systems)
    lines += _breakdown(result, systems, "triggers", "trigger F1 by type")
    lines += _breakdown(result, systems, "roles", "role F1 by role")
    devices = ", ".join(f"{s}: {result[s]['device']}" for s in systems)
    lines += ["", f"Speed measured on {devices}; analysis only (model loading excluded)."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--dev", type=Path, required=True, help="annotated documents (JSON lines)")
    p.add_argument("--model", type=Path, help="eventx model folder (default: the installed "
                   "default model, models/eventx-news-base or $EVENTX_MODEL)")
    p.add_argument("--baseline-only", action="store_true", help="score the baseline alone")
    p.add_argument("--device", help="device for eventx (cpu, cuda; default: CUDA if available)")
    p.add_argument("--limit", type=int, help="score the first N documents only")
    p.add_argument("--complete-only", action="store_true",
                   help="keep the completely annotated documents (precision is only measurable there)")
    p.add_argument("--out", type=Path, help="also write the markdown report here")
    p.add_argument("--json", type=Path, help="also write the JSON dump here")
    args = p.parse_args(argv)

    from eventx.errors import ModelLoadError

    docs = [d.actual_only() for d in read_documents(args.dev)]
    if args.complete_only:
        docs = [d for d in docs if d.complete]
    docs = docs[: args.limit]
    try:
        result = compare(docs, args.model, baseline_only=args.baseline_only, device=args.device)
    except ModelLoadError as exc:
        print(f"error: {exc}\n(pass --model FOLDER, or --baseline-only)", file=sys.stderr)
        return 2
    result["dev"] = str(args.dev)
    dump = json.dumps(result, indent=1, default=str)
    text = f"# eventx vs spaCy baseline on {args.dev}\n\n{format_table(result)}\n"
    print(text)
    print("```json\n" + dump + "\n```")
    if args.out:
        args.out.write_text(text + "\n```json\n" + dump + "\n```\n", encoding="utf-8")
    if args.json:
        args.json.write_text(dump + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
