"""How much the encoder reads under each window plan: pieces and padding, no model run.

For the texts of ``benchmarks/throughput.py`` (same loader, same count), each inference overlap
and each plan (full-length windows, the last ending at the text's end, or ``even`` windows, see
:func:`eventx.windows.plan_windows`): the word pieces of the texts, the pieces of their windows
(and the ratio, the encoder's work against reading each piece once), and the cells of the padded
batches (windows sorted by length, batches of ``--batch-size``) with the share that is padding.

    python benchmarks/window_plans.py --docs 200
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main(argv: list[str] | None = None) -> int:
    from throughput import load_texts, text_arguments

    from eventx import Extractor
    from eventx.stages import batch_windows, prepare

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    text_arguments(ap)
    ap.add_argument("--overlaps", default="120,64,32,0")
    args = ap.parse_args(argv)
    ex = Extractor.from_pretrained(args.model, device="cpu", backend="torch")
    texts = load_texts(args.texts, args.docs)
    print(f"{len(texts)} texts, windows of {ex.config.max_length} pieces, batches of "
          f"{args.batch_size}\n")
    print("| plan | overlap | text pieces | window pieces | x text | padded cells | padding |")
    print("|---|---|---|---|---|---|---|")
    for even in (False, True):
        for overlap in (int(x) for x in args.overlaps.split(",")):
            prep = prepare(ex.tokenizer, texts, max_length=ex.config.max_length, overlap=overlap,
                           even=even)
            pieces = sum(len(p.tokens) for p in prep if p.tokens is not None)
            windows = sum(w.end - w.start for p in prep for w in p.windows)
            batches = batch_windows(prep, args.batch_size, ex._special)
            cells = sum(b.ids.size for b in batches)
            real = sum(int(b.mask.sum()) for b in batches)
            print(f"| {'even' if even else 'full'} | {overlap} | {pieces:,} | {windows:,} | "
                  f"{windows / pieces:.2f} | {cells:,} | {1 - real / cells:.1%} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
