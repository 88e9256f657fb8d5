"""GPU throughput: end to end words/s in bf16 with large batches, against the bare forward pass.

NOT RUN YET: no GPU has been available to this project's work (README "Throughput"). Prepared to
be run as one command on a GPU machine (the issue's target: 200,000 words/s end to end on one
H100, and at least 0.5 of the bare forward pass):

    python benchmarks/gpu_throughput.py --model models/eventx-news-base --docs 20000 --workers 12

Rows, on the same texts:

* ``forward``: the encoder and the tag heads in bf16 autocast over eventx's windows (tokenized
  beforehand, not timed), batches of ``--batch-size`` windows.
* ``eventx``: end to end. The GPU process runs tokenization, the encoder and the heads
  (``Extractor._mentions``, bf16, large batches) on chunks of documents; a pool of ``--workers``
  processes runs the CPU stages after it (calibration, normalization, merge: ``_finish``), one
  chunk behind, so that the GPU does not wait for them.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

_WORKER: Any = None


def _init(model: str) -> None:
    global _WORKER
    import torch

    from eventx import Extractor

    torch.set_num_threads(1)
    _WORKER = Extractor.from_pretrained(model, device="cpu", lazy=True, backend="torch")


def _finish(args: tuple[list[str], list[Any], list[list], list[list]]) -> int:
    """The CPU stages of a chunk in a worker; returns the number of events."""
    texts, dates, spans, mentions = args
    n = 0
    for text, date, s, m in zip(texts, dates, spans, mentions):
        n += len(_WORKER._finish(text, date, s, [e for e in m if e.modality == "actual"]).events)
    return n


def forward_row(ex, texts: list[str], batch_size: int) -> float:
    import torch

    from eventx.stages import batch_windows, prepare_inference, tag

    prepared = prepare_inference(ex.tokenizer, texts, ex.config)
    batches = batch_windows(prepared, batch_size, ex._special)
    tag(ex.model, batches[0], ex.device)
    torch.cuda.synchronize()
    start = time.perf_counter()
    for b in batches:
        tag(ex.model, b, ex.device)
    torch.cuda.synchronize()
    return time.perf_counter() - start


def eventx_row(ex, model: str, texts: list[str], batch_size: int, chunk: int,
               workers: int) -> tuple[float, int]:
    from eventx.published import parse_published

    date = parse_published("2016-05-01")
    events = 0
    with ProcessPoolExecutor(workers, initializer=_init, initargs=(model,)) as pool:
        list(pool.map(_finish, [(texts[:2], [date] * 2, *ex._mentions(texts[:2], batch_size))]))
        start = time.perf_counter()
        pending = []
        for c in range(0, len(texts), chunk):
            part = texts[c:c + chunk]
            spans, mentions = ex._mentions(part, batch_size)
            pending.append(pool.submit(_finish, (part, [date] * len(part), spans, mentions)))
            while len(pending) > 2 * workers:
                events += pending.pop(0).result()
        events += sum(f.result() for f in pending)
        return time.perf_counter() - start, events


def main(argv: list[str] | None = None) -> int:
    import torch

    from benchmarks.throughput import load_texts
    from eventx import Extractor

    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", default=str(ROOT / "models" / "eventx-news-base"))
    p.add_argument("--texts", type=Path, help="a dump to take texts from (default: shared corpora)")
    p.add_argument("--docs", type=int, default=20000)
    p.add_argument("--batch-size", type=int, default=512, help="windows per forward pass")
    p.add_argument("--chunk", type=int, default=2048, help="documents per GPU chunk")
    p.add_argument("--workers", type=int, default=12, help="processes for the CPU stages")
    p.add_argument("--json", type=Path)
    args = p.parse_args(argv)
    if not torch.cuda.is_available():
        print("no GPU: this script measures the GPU path only", file=sys.stderr)
        return 2
    texts = load_texts(args.texts, args.docs)
    words = sum(len(t.split()) for t in texts)
    ex = Extractor.from_pretrained(args.model, device="cuda", batch_size=args.batch_size,
                                   backend="torch-bf16")
    fwd = forward_row(ex, texts, args.batch_size)
    e2e, events = eventx_row(ex, args.model, texts, args.batch_size, args.chunk, args.workers)
    result = {"gpu": torch.cuda.get_device_name(0), "docs": len(texts), "words": words,
              "batch_size": args.batch_size, "workers": args.workers,
              "forward_words_per_s": words / fwd, "eventx_words_per_s": words / e2e,
              "ratio": fwd / e2e, "events": events}
    print(json.dumps(result, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
