"""Static (QDQ, calibrated) int8 of a model's encoder: the events against fp32, and its speed.

The issue-12 check of ONNX Runtime's static quantization: the encoder exported to ONNX (the
``onnx`` backend's cached export), its MatMuls quantized with weights per channel and
activations calibrated on batches of training windows, then

* the challenge texts (``benchmarks/data/challenge.jsonl``) whose events (type, trigger span,
  arguments) are the same as fp32 torch's;
* the encoder's words per CPU-second over the windows of dev documents, against ``torch-bf16``
  and ``onnx-int8`` (dynamic) in the same process, best of two interleaved rounds.

Usage::

    python benchmarks/static_int8.py --calibration minmax
    python benchmarks/static_int8.py --calibration percentile

Needs ``pip install 'eventx[onnx]'`` and the corpus (``eventx corpus build --out corpus``).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", type=Path, default=ROOT / "models" / "eventx-news-base")
    ap.add_argument("--calibration", choices=("minmax", "percentile"), default="minmax")
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    ap.add_argument("--batches", type=int, default=40, help="calibration batches of 8 windows")
    args = ap.parse_args(argv)

    import torch
    from onnxruntime.quantization import (CalibrationDataReader, CalibrationMethod, QuantFormat,
                                          QuantType, quantize_static)

    from eventx import Extractor
    from eventx import backends as B
    from eventx.stages import batch_windows, prepare_inference

    ref = Extractor.from_pretrained(args.model, device="cpu", backend="torch")
    Extractor.from_pretrained(args.model, device="cpu", backend="onnx")  # the fp32 export
    fp32, _ = B._onnx_paths(args.model, ref.config)
    cfg = ref.config

    def windows(texts: list[str], size: int):
        prep = prepare_inference(ref.tokenizer, texts, cfg)
        return batch_windows(prep, size, ref._special)

    def read(name: str, n: int) -> list[str]:
        with open(args.corpus / name, encoding="utf-8") as f:
            return [json.loads(line)["text"] for _, line in zip(range(n), f)]

    class Reader(CalibrationDataReader):
        """Training windows, each batch padded to the full window (the percentile method needs
        one shape)."""

        def __init__(self) -> None:
            def pad(x: np.ndarray) -> np.ndarray:
                return np.pad(x, ((0, 8 - x.shape[0]), (0, cfg.max_length - x.shape[1])))

            batches = windows(read("train.jsonl", 60), 8)[:args.batches]
            self.items = iter([{"ids": pad(b.ids), "mask": pad(b.mask), "casing": pad(b.casing)}
                               for b in batches])

        def get_next(self):
            return next(self.items, None)

    out = Path(tempfile.mkdtemp()) / f"encoder-qdq-{args.calibration}.onnx"
    t0 = time.perf_counter()
    method = {"minmax": CalibrationMethod.MinMax, "percentile": CalibrationMethod.Percentile}
    quantize_static(str(fp32), str(out), Reader(), quant_format=QuantFormat.QDQ,
                    per_channel=True, weight_type=QuantType.QInt8,
                    activation_type=QuantType.QUInt8, op_types_to_quantize=["MatMul"],
                    calibrate_method=method[args.calibration],
                    extra_options={"CalibPercentile": 99.99} if args.calibration == "percentile"
                    else {})
    print(f"quantized in {time.perf_counter() - t0:.0f} s")
    qdq = Extractor.from_pretrained(args.model, device="cpu", backend="onnx")
    qdq._model = B.EncoderBackend(qdq.model._model, B._ort_encode(out, None), "onnx-qdq")

    def keys(events):
        return [(e.type, e.trigger.start, e.trigger.end,
                 sorted((a.role, a.start, a.end) for a in e.arguments)) for e in events]

    with open(ROOT / "benchmarks" / "data" / "challenge.jsonl", encoding="utf-8") as f:
        challenge = [json.loads(line) for line in f]
    same = sum(keys(ref(d["text"], published=d.get("published")))
               == keys(qdq(d["text"], published=d.get("published"))) for d in challenge)
    print(f"challenge texts with the same events as fp32: {same}/{len(challenge)}")

    dev = read("dev.jsonl", 40)
    batches = windows(dev, 16)
    words = sum(len(t.split()) for t in dev)
    runs = {"torch-bf16": Extractor.from_pretrained(args.model, device="cpu", backend="torch-bf16"),
            "onnx-qdq (static int8)": qdq,
            "onnx-int8 (dynamic)": Extractor.from_pretrained(args.model, device="cpu",
                                                             backend="onnx-int8")}
    best: dict[str, float] = {}
    for _ in range(2):
        for name, ex in runs.items():
            t0 = time.process_time()
            with torch.inference_mode():
                for b in batches:
                    ex.model.encode(*(torch.from_numpy(x) for x in (b.ids, b.mask, b.casing)))
            best[name] = min(best.get(name, float("inf")), time.process_time() - t0)
    for name, took in best.items():
        print(f"{name}: {words / took:,.0f} words per CPU-second (encoder only)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
