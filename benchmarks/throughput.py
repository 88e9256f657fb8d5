"""Throughput and peak memory of eventx, against the bare encoder and the spaCy baseline.

One run, the same texts for every row; each row runs in a fresh process so that its peak RSS is its
own (model loading included). Rows:

* ``encoder``: the model's bare encoder forward pass (+ tag layer) over the same windows, padded
  and sorted by length as eventx does; tokenization is done beforehand and not timed. The limit
  that the pipeline approaches.
* ``encoder-int8`` / ``encoder-onnx``: the same with int8 dynamic quantization / ONNX Runtime.
* ``eventx`` / ``eventx-int8`` / ``eventx-onnx``: :meth:`Extractor.pipe` end to end (tokenize,
  windows, forward, decode, link, normalize, merge); ``-onnx`` swaps in an ONNX Runtime encoder
  (a benchmark-only patch, to tell which is faster).
* ``spacy``: ``benchmarks.baseline.SpacyBaseline().pipe(texts)``, when importable.

``agree`` compares a row's events with fp32 ``eventx``'s (F1 of (type, trigger span) pairs): how
much quantization changes the output. Accuracy against gold annotations is ``eventx evaluate``'s job.

    python benchmarks/throughput.py --model models/eventx-news-base --docs 400
    python benchmarks/throughput.py --standin /tmp/standin     # default architecture, random heads
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

ROWS = ("encoder", "encoder-int8", "encoder-onnx", "eventx", "eventx-int8", "eventx-onnx", "spacy")


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
    """Batches of ``(ids, mask, casing)`` arrays, from the extractor's own stages
    (:func:`eventx.stages.prepare` and :func:`eventx.stages.batch_windows`)."""
    from eventx.stages import batch_windows, prepare
    from eventx.windows import special_tokens

    cfg = extractor.config
    special = special_tokens(extractor.tokenizer)
    batches = []
    for c in range(0, len(texts), docs_per_chunk):
        prepared = prepare(extractor.tokenizer, texts[c:c + docs_per_chunk],
                           max_length=cfg.max_length, overlap=cfg.inference_overlap)
        batches += [[b.ids, b.mask, b.casing]
                    for b in batch_windows(prepared, extractor.batch_size, special)]
    return batches


class _Head:
    """encode + tag layer as one module (what the ONNX graph holds)."""

    @staticmethod
    def module(model):
        import torch

        class EncodeTag(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.model = model

            def forward(self, ids, mask, casing):
                hidden = self.model.encode(ids, mask, casing)
                return hidden, self.model.tag_logits(hidden)

        return EncodeTag().eval()


def onnx_session(model, folder: Path, threads: int):
    """Export the encoder + tag layer to ONNX and open it with ONNX Runtime."""
    import onnxruntime as ort
    import torch

    path = folder / "encoder.onnx"
    ids = torch.ones((2, 16), dtype=torch.long)
    torch.onnx.export(_Head.module(model), (ids, ids, ids), str(path), dynamo=False,
                      input_names=["ids", "mask", "casing"], output_names=["hidden", "logits"],
                      dynamic_axes={n: {0: "batch", 1: "length"}
                                    for n in ("ids", "mask", "casing", "hidden", "logits")})
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])


class OrtModel:
    """Stands in for ``EventxModel`` inside an Extractor: the encoder runs in ONNX Runtime."""

    def __init__(self, model, session) -> None:
        self.model, self.session = model, session
        self._logits = None

    def encode(self, ids, mask, casing):
        import torch

        hidden, logits = self.session.run(None, {"ids": ids.numpy(), "mask": mask.numpy(),
                                                 "casing": casing.numpy()})
        self._logits = torch.from_numpy(logits)
        return torch.from_numpy(hidden)

    def tag_logits(self, hidden):
        return self._logits

    def relation_logits(self, hidden, pairs):
        return self.model.relation_logits(hidden, pairs)


def run_row(row: str, model: str, texts: list[str], batch_size: int, threads: int,
            workdir: str) -> dict[str, Any]:
    """Time one row in this process; return seconds, peak RSS and the events' keys."""
    import torch

    torch.set_num_threads(threads)
    words = sum(len(t.split()) for t in texts)
    out: dict[str, Any] = {"row": row, "docs": len(texts), "words": words}
    if row == "spacy":
        from benchmarks.baseline import SpacyBaseline

        base = SpacyBaseline()
        list(base.pipe(texts[:2]))
        start = time.perf_counter()
        events = list(base.pipe(texts))
        out["seconds"] = time.perf_counter() - start
        out["keys"] = _keys(events)
    else:
        from eventx import Extractor

        ex = Extractor.from_pretrained(model, device="cpu", batch_size=batch_size,
                                       quantize=row.endswith("int8"))
        if row.endswith("onnx"):
            ex = Extractor.from_model(OrtModel(ex.model, onnx_session(ex.model, Path(workdir),
                                                                       threads)),
                                      ex.tokenizer, config=ex.config, device="cpu",
                                      batch_size=batch_size)
        if row.startswith("encoder"):
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
            published = ["2016-05-01"] * len(texts)
            start = time.perf_counter()
            events = list(ex.pipe(texts, published=published))
            out["seconds"] = time.perf_counter() - start
            out["keys"] = _keys(events)
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def _forward_fn(model):
    import torch

    if isinstance(model, OrtModel):
        return lambda b: model.session.run(None, {"ids": b[0], "mask": b[1], "casing": b[2]})

    def forward(b):
        with torch.inference_mode():
            hidden = model.encode(*(torch.from_numpy(x) for x in b))
            model.tag_logits(hidden)

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


def table(results: list[dict[str, Any]]) -> str:
    ref = next((r for r in results if r["row"] == "encoder" and "seconds" in r), None)
    base = next((r for r in results if r["row"] == "eventx" and "keys" in r), None)
    lines = ["| row | docs/s | words/s | x encoder | peak RSS MB | agree |", "|---|---|---|---|---|---|"]
    for r in results:
        if "skipped" in r:
            lines.append(f"| {r['row']} | skipped: {r['skipped']} | | | | |")
            continue
        wps = r["words"] / r["seconds"]
        ratio = f"{wps / (ref['words'] / ref['seconds']):.2f}" if ref else ""
        agree = (f"{agreement(base['keys'], r['keys']):.3f}"
                 if base and "keys" in r and r["row"] != "spacy" else "")
        lines.append(f"| {r['row']} | {r['docs'] / r['seconds']:,.1f} | {wps:,.0f} | {ratio} | "
                     f"{r['peak_rss_mb']:,.0f} | {agree} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", help="model folder (default: the default model)")
    p.add_argument("--standin", type=Path, help="build a stand-in default-architecture model here "
                   "and time it (when the default model does not exist yet)")
    p.add_argument("--texts", type=Path, help="a dump to take texts from (default: shared corpora)")
    p.add_argument("--docs", type=int, default=300, help="number of texts (default: 300)")
    p.add_argument("--batch-size", type=int, default=16, help="windows per forward pass")
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
    import tempfile

    with tempfile.TemporaryDirectory() as work:
        for row in args.rows.split(","):
            parent, child = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_child, args=(child, row, model, texts, args.batch_size,
                                                   args.threads, work))
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
