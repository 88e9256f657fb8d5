"""Does running the encoder one batch ahead of the CPU stages pay? An interleaved A/B in one process.

``Extractor.pipe`` over the texts of ``benchmarks/throughput.py``, alternately with the encoder
one batch ahead in a worker thread (the library's way, ``eventx.extractor._tagged``) and one batch
after the other, ``--rounds`` times each: interleaving in one process keeps this machine's drift
out of the comparison. Prints words/s per round and the medians, and checks the events agree.

    python benchmarks/encoder_ahead.py --docs 200 --rounds 5
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main(argv: list[str] | None = None) -> int:
    from throughput import load_texts, text_arguments

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    text_arguments(ap)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args(argv)

    import torch

    import eventx.extractor as X
    from eventx import Extractor
    from eventx.stages import tag

    torch.set_num_threads(args.threads)
    texts = load_texts(args.texts, args.docs)
    words = sum(len(t.split()) for t in texts)
    ex = Extractor.from_pretrained(args.model, batch_size=args.batch_size)
    list(ex.pipe(texts[:10]))  # load and warm up

    def in_turn(model, batches, device):
        return (tag(model, b, device) for b in batches)

    ways = {"one after the other": in_turn, "encoder one batch ahead": X._tagged}
    rates: dict[str, list[float]] = {name: [] for name in ways}
    events: dict[str, list] = {}
    try:
        for _ in range(args.rounds):
            for name, fn in ways.items():
                X._tagged = fn
                t0 = time.perf_counter()
                out = list(ex.pipe(texts))
                rates[name].append(words / (time.perf_counter() - t0))
                events[name] = [[(e.type, e.trigger.start, e.trigger.end) for e in r] for r in out]
    finally:
        X._tagged = ways["encoder one batch ahead"]
    print(f"{len(texts)} texts, {words:,} words, batch size {args.batch_size}, "
          f"{args.threads} threads")
    for name, values in rates.items():
        print(f"{name}: {', '.join(f'{v:,.0f}' for v in values)} words/s; "
              f"median {statistics.median(values):,.0f}")
    same = events["one after the other"] == events["encoder one batch ahead"]
    print(f"same events: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
