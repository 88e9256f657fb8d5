"""Throughput and peak memory of eventx, against the bare encoder and the spaCy baseline.

One run, the same texts for every row; each row runs in a fresh process so that its peak RSS is its
own (model loading included). Rows, for each encoder backend B of :mod:`eventx.backends`
(``torch`` fp32, ``torch-bf16``, ``onnx``, ``onnx-int8``):

* ``encoder-B``: the bare encoder forward pass (``model.encode``) over eventx's own windows
  (batches of ``--batch-size``, sorted by length); tokenization done beforehand, not timed.
* ``pipe-B``: :meth:`Extractor.pipe` end to end (tokenize, windows, forward, decode, link,
  normalize, merge), short and long documents timed apart.
* ``one-B``: the same, one document at a time (``extractor(text)``), for the default backend.
* ``spacy``: ``benchmarks.baseline.SpacyBaseline().pipe(texts)``, when importable.

``agree`` is the F1 of (document, type, trigger span) pairs against ``pipe-torch``; accuracy
against gold annotations is ``eventx evaluate``'s job (``EVENTX_BACKEND=B eventx evaluate ...``).

    python benchmarks/throughput.py --model models/eventx-news-base --docs 200
    python benchmarks/throughput.py --model runs/news-base --json /tmp/throughput.json
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BACKENDS = ("torch", "torch-bf16", "onnx", "onnx-int8")
ROWS = (*(f"encoder-{b}" for b in BACKENDS), *(f"pipe-{b}" for b in BACKENDS), "one-default",
        "spacy")
#: a document of at most this many words is "short" (one 256-piece window)
SHORT_WORDS = 150


def text_arguments(p: argparse.ArgumentParser) -> None:
    """The options every benchmark over these texts takes: --model, --texts, --docs, --batch-size
    (also used by ``window_plans.py`` and ``encoder_ahead.py``)."""
    p.add_argument("--model", help="model folder (default: the default model)")
    p.add_argument("--texts", type=Path, help="a dump to take texts from (default: shared corpora)")
    p.add_argument("--docs", type=int, default=200, help="number of texts (default: 200)")
    p.add_argument("--batch-size", type=int, default=16, help="windows per forward pass")


def load_texts(path: Path | None, docs: int) -> list[str]:
    """``docs`` texts from a dump (any input eventx reads), or from the shared corpora."""
    if path is None:
        from benchmarks.make_dump import shared_texts

        texts = shared_texts()
    else:
        from eventx.batch import open_source

        texts = [r.text for r in open_source(path).records() if isinstance(r.text, str)]
    return [texts[i % len(texts)] for i in range(docs)]


def _windows(extractor, texts: list[str], docs_per_chunk: int = 64) -> list[list[Any]]:
    """Batches of ``(ids, mask, casing)`` arrays, from the extractor's own stages."""
    from eventx.stages import batch_windows, prepare_inference
    from eventx.windows import special_tokens

    special = special_tokens(extractor.tokenizer)
    batches = []
    for c in range(0, len(texts), docs_per_chunk):
        prepared = prepare_inference(extractor.tokenizer, texts[c:c + docs_per_chunk],
                                     extractor.config)
        batches += [[b.ids, b.mask, b.casing]
                    for b in batch_windows(prepared, extractor.batch_size, special)]
    return batches


def _time_docs(fn, texts: list[str]) -> tuple[float, list[Any]]:
    start = time.perf_counter()
    events = fn(texts)
    return time.perf_counter() - start, events


def run_row(row: str, model: str, texts: list[str], batch_size: int, threads: int) -> dict[str, Any]:
    """Time one row in this process; return seconds, peak RSS and the events' keys."""
    import torch

    torch.set_num_threads(threads)
    words = [len(t.split()) for t in texts]
    out: dict[str, Any] = {"row": row, "docs": len(texts), "words": sum(words)}
    if row == "spacy":
        from benchmarks.baseline import SpacyBaseline

        base = SpacyBaseline()
        list(base.pipe(texts[:2]))
        out["seconds"], events = _time_docs(lambda ts: list(base.pipe(ts)), texts)
        out["keys"] = _keys(events)
    else:
        from eventx import Extractor

        kind, backend = row.split("-", 1)
        ex = Extractor.from_pretrained(model, device="cpu", batch_size=batch_size,
                                       backend=None if backend == "default" else backend)
        out["backend"] = ex.backend
        if kind == "encoder":
            batches = _windows(ex, texts)
            out["windows"] = sum(len(b[0]) for b in batches)
            forward = _forward_fn(ex.model)
            forward(batches[0])
            start = time.perf_counter()
            for b in batches:
                forward(b)
            out["seconds"] = time.perf_counter() - start
        else:
            list(ex.pipe(texts[:2]))  # warm up: first-call costs (gazetteer, dateparser) not timed
            date = "2016-05-01"
            if kind == "pipe":
                run = lambda ts: list(ex.pipe(ts, published=date))  # noqa: E731
            else:
                run = lambda ts: [ex(t, published=date) for t in ts]  # noqa: E731
            order = sorted(range(len(texts)), key=lambda i: words[i] > SHORT_WORDS)
            short = [texts[i] for i in order if words[i] <= SHORT_WORDS]
            long = [texts[i] for i in order if words[i] > SHORT_WORDS]
            s_short, e_short = _time_docs(run, short)
            s_long, e_long = _time_docs(run, long)
            out["seconds"] = s_short + s_long
            out["short"] = [sum(w for w in words if w <= SHORT_WORDS), s_short]
            out["long"] = [sum(w for w in words if w > SHORT_WORDS), s_long]
            events: list[Any] = [None] * len(texts)
            for i, ev in zip(order, e_short + e_long):
                events[i] = ev
            out["keys"] = _keys(events)
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def _forward_fn(model):
    import torch

    def forward(b):
        with torch.inference_mode():
            model.encode(*(torch.from_numpy(x) for x in b))

    return forward


def _keys(events: list[list[Any]]) -> list[list[list[Any]]]:
    return [[[e.type, e.trigger.start, e.trigger.end] for e in doc] for doc in events]


def agreement(a: list[list[list[Any]]], b: list[list[list[Any]]]) -> float:
    """F1 of (document, type, trigger span) between two rows' events."""
    sa = {(i, *k) for i, doc in enumerate(a) for k in doc}
    sb = {(i, *k) for i, doc in enumerate(b) for k in doc}
    if not sa and not sb:
        return 1.0
    return 2 * len(sa & sb) / (len(sa) + len(sb))


def build_standin(folder: Path) -> Path:
    """A model folder of the default architecture (MiniLM-L6 encoder, 256-piece windows) with
    untrained heads: for timing before the released model exists, never for its output."""
    from eventx.config import ModelConfig, library_versions
    from eventx.corpus.format import DEFAULT_ROLES
    from eventx.model import init_from_encoder
    from eventx.training.config import DEFAULT_ENCODER
    from eventx.training.loop import resolve_encoder

    enc = resolve_encoder(DEFAULT_ENCODER)
    types = ["agreement", "armed_clash", "arrest", "attack", "kidnapping", "protest", "seizure",
             "smuggling"]
    cfg = ModelConfig(encoder=json.loads((enc / "config.json").read_text(encoding="utf-8")),
                      event_types=types, roles=dict(DEFAULT_ROLES), versions=library_versions())
    init_from_encoder(cfg, enc).save(folder)
    (folder / "tokenizer.json").write_bytes((enc / "tokenizer.json").read_bytes())
    (folder / "README.md").write_text("# stand-in: MiniLM-L6 encoder, untrained heads (timing only)\n")
    return folder


def _child(conn, *args) -> None:
    try:
        conn.send(run_row(*args))
    except Exception as exc:  # noqa: BLE001 - report the row as skipped, keep the others
        conn.send({"row": args[0], "skipped": f"{type(exc).__name__}: {exc}"})


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next(ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name"))
    except (OSError, StopIteration):
        pass
    import torch

    gpu = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "no GPU"
    return f"{cpu}, {os.cpu_count()} cores, {gpu}, torch {torch.__version__}"


def _wps(pair: list[float] | None) -> str:
    return f"{pair[0] / pair[1]:,.0f}" if pair and pair[1] else ""


def table(results: list[dict[str, Any]]) -> str:
    """The README table: words/s (all, short, long documents), ratios, agreement, memory."""
    done = {r["row"]: r for r in results if "seconds" in r}
    wps = {k: r["words"] / r["seconds"] for k, r in done.items()}
    base = done.get("pipe-torch")
    lines = ["| row | backend | words/s | short docs | long docs | x own encoder | x spaCy | "
             "agree | peak RSS MB |", "|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        if "skipped" in r:
            lines.append(f"| {r['row']} | skipped: {r['skipped']} | | | | | | | |")
            continue
        row, backend = r["row"], r.get("backend", "")
        enc = wps.get(f"encoder-{backend}")
        own = f"{wps[row] / enc:.2f}" if enc and not row.startswith("encoder") and backend else ""
        spacy = f"{wps[row] / wps['spacy']:.2f}" if "spacy" in wps else ""
        agree = (f"{agreement(base['keys'], r['keys']):.3f}"
                 if base and "keys" in r and row != "spacy" else "")
        lines.append(f"| {row} | {backend} | {wps[row]:,.0f} | {_wps(r.get('short'))} | "
                     f"{_wps(r.get('long'))} | {own} | {spacy} | {agree} | "
                     f"{r['peak_rss_mb']:,.0f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    text_arguments(p)
    p.add_argument("--standin", type=Path, help="build a stand-in default-architecture model here "
                   "and time it (when the default model does not exist yet)")
    p.add_argument("--threads", type=int, default=os.cpu_count(), help="torch threads")
    p.add_argument("--rows", default=",".join(ROWS), help=f"rows to run (default: {','.join(ROWS)})")
    p.add_argument("--json", type=Path, help="also write the raw results here")
    args = p.parse_args(argv)
    if args.standin:
        model = str(build_standin(args.standin))
    else:
        from eventx.extractor import default_model_path

        model = args.model or str(default_model_path())
    texts = load_texts(args.texts, args.docs)
    ctx = multiprocessing.get_context("spawn")
    results = []
    for row in args.rows.split(","):
        parent, child = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_child, args=(child, row, model, texts, args.batch_size,
                                               args.threads))
        proc.start()
        res = parent.recv() if parent.poll(3600) else {"row": row, "skipped": "timed out"}
        proc.join()
        results.append(res)
        print(json.dumps({k: v for k, v in res.items() if k != "keys"}), file=sys.stderr)
    words = results[0].get("words", 0)
    print(f"model: {model}\nmachine: {machine()}\ntexts: {len(texts)} ({words:,} words), "
          f"batch size {args.batch_size}, {args.threads} threads\n")
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
