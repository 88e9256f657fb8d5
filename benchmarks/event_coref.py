"""Event coreference: does the merge give one record per real event in a document?

Scores :func:`eventx.merge.merge_mentions` against corpus v2's event ids (complete documents, actual
mentions only) with :func:`eventx.coref_eval.score_coreference`, per source, on two inputs:

* ``gold``: the gold mentions of each document (``gold_events``), merged by the rule: the upper
  bound of the merge with perfect mentions;
* ``model``: the mentions a model folder predicts (``Extractor.analyze``), merged by the rule. The
  model's mentions are cached under ``/tmp`` (keyed by the model's files and the data file), so
  changing the merge rule reruns in seconds.

    python benchmarks/event_coref.py [--model models/eventx-news-base] [--data corpus/tune.jsonl \
        corpus/dev.jsonl] [--no-model] [--json OUT.json]

Fit the merge settings on ``corpus/tune.jsonl`` only; ``corpus/dev.jsonl`` is for reporting.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

from eventx.coref_eval import CorefTally, source_of
from eventx.corpus.format import Document, read_documents
from eventx.merge import merge_mentions
from eventx.schema import Event

CACHE = Path("/tmp/eventx_coref_cache")


def _digest(*paths: Path) -> str:
    h = hashlib.sha1()
    for p in paths:
        h.update(str(p.resolve()).encode())
        st = p.stat()
        h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def predicted_mentions(model: Path, data: Path, docs: list[Document]) -> dict[str, list[Event]]:
    """The model's (normalized, unmerged) mentions of each document, from the cache or a run."""
    files = [model / "config.json", model / "model.safetensors", data]
    path = CACHE / f"{model.name}-{data.stem}-{_digest(*files)}.jsonl"
    if not path.is_file():
        from eventx.extractor import Extractor

        ex = Extractor.from_pretrained(model, merge=False)
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".part")
        with open(tmp, "w", encoding="utf-8") as fh:
            analyses = ex.analyze((d.text for d in docs), published=(d.published for d in docs))
            for i, (doc, an) in enumerate(zip(docs, analyses), 1):
                fh.write(json.dumps({"id": doc.id, "mentions": [e.model_dump(mode="json")
                                                                for e in an.mentions]}) + "\n")
                if i % 50 == 0:
                    print(f"  {data.name}: {i}/{len(docs)} documents", file=sys.stderr, flush=True)
        tmp.rename(path)
    out = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            out[row["id"]] = [Event.model_validate(e) for e in row["mentions"]]
    return out


def gold_mentions(docs: list[Document], roles: dict[str, str]) -> dict[str, list[Event]]:
    from eventx.normalize import normalize_events
    from eventx.training.evaluate import gold_events

    return {d.id: normalize_events(gold_events(d, roles), d.text, d.published) for d in docs}


def score(docs: list[Document], mentions: dict[str, list[Event]]) -> dict[str, dict]:
    """Per source and ``all``: the coreference report of the merged mentions."""
    tallies: dict[str, CorefTally] = defaultdict(CorefTally)
    for doc in docs:
        ms = mentions[doc.id]
        records = [e for e in merge_mentions(ms, doc.text) if e.modality == "actual"]
        for key in (source_of(doc.id), "all"):
            tallies[key].add(doc, records)
    return {k: tallies[k].report() for k in sorted(tallies, key=lambda k: (k == "all", k))}


def table(title: str, report: dict[str, dict]) -> str:
    head = (f"{'source':<10}{'docs':>6}{'gold ev':>9}{'records':>9}{'right n':>9}{'trig F1':>9}"
            f"{'MUC':>7}{'B3':>7}{'CEAFe':>7}{'CoNLL':>7}")
    lines = [title, head]
    for k, r in report.items():
        lines.append(f"{k:<10}{r['documents']:>6}{r['gold_events']:>9}{r['records']:>9}"
                     f"{r['right_count']:>9.3f}{r['mentions']['f1']:>9.3f}{r['muc']['f1']:>7.3f}{r['b3']['f1']:>7.3f}"
                     f"{r['ceafe']['f1']:>7.3f}{r['conll_f1']:>7.3f}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", type=Path, default=Path("models/eventx-news-base"))
    ap.add_argument("--data", type=Path, nargs="+",
                    default=[Path("corpus/tune.jsonl"), Path("corpus/dev.jsonl")])
    ap.add_argument("--no-model", action="store_true", help="gold mentions only")
    ap.add_argument("--json", type=Path, help="write every report to this file")
    args = ap.parse_args()
    from eventx.config import ModelConfig

    roles = ModelConfig.load(args.model).roles
    out = {}
    for data in args.data:
        docs = [d.actual_only() for d in read_documents(data) if d.complete]
        reports = {"gold mentions": score(docs, gold_mentions(docs, roles))}
        if not args.no_model:
            reports[f"{args.model.name} mentions"] = score(
                docs, predicted_mentions(args.model, data, docs))
        for name, rep in reports.items():
            print(table(f"{data} ({len(docs)} complete documents), {name}", rep), "\n", flush=True)
        out[str(data)] = reports
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
