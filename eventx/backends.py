"""Where the encoder runs: torch fp32, torch bf16 autocast, or ONNX Runtime (fp32 or int8).

Only the encoder (``model.encode``) changes; every head (tags, triggers, modality, relations) stays
the model's own torch fp32 code, so a backend works for any model folder whatever heads it has.

* ``torch``: the model as trained, fp32.
* ``torch-bf16``: the encoder under ``torch.autocast`` in bfloat16 (CPUs with AVX-512 BF16, GPUs);
  the hidden states go back to fp32 before the heads. On CPU the encoder is traced once to
  TorchScript (cached, :mod:`eventx.cache`), so that later processes load it without importing
  ``transformers`` (seconds of a cold start).
* ``onnx`` / ``onnx-int8``: the encoder exported once to ONNX (cached, :mod:`eventx.cache`) and
  run by ONNX Runtime, in fp32 or with int8 dynamic quantization of its matrix products (the
  heads stay fp32). Needs ``pip install 'eventx[onnx]'``; CPU only. As for ``torch-bf16``, the
  torch encoder is not built once the export is cached.

``$EVENTX_BACKEND`` sets the default backend (``eventx evaluate`` and every tool that builds an
:class:`~eventx.Extractor` without naming one follow it).
"""

from __future__ import annotations

import logging
import os
import sys
import types
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from eventx.cache import atomic_write, cache_dir, digest
from eventx.config import ModelConfig
from eventx.errors import ModelLoadError

__all__ = ["BACKENDS", "DEFAULT_BACKEND", "EncoderBackend", "load_model", "resolve_backend"]

log = logging.getLogger(__name__)

BACKENDS = ("torch", "torch-bf16", "onnx", "onnx-int8")
WEIGHTS = "model.safetensors"


def onnx_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("onnxruntime") is not None


def cpu_has_bf16() -> bool:
    """Whether this CPU computes in bfloat16 natively (AVX-512 BF16 or AMX), read from
    ``/proc/cpuinfo`` (elsewhere: False) so that torch need not be imported to know."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            flags = next((ln for ln in f if ln.startswith("flags")), "").split()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def default_backend(device: str) -> str:
    """``torch-bf16`` on a CPU with native bf16 (as fast as int8 and the same events, see
    README "Throughput"), else ``onnx`` where ONNX Runtime is installed, else ``torch``; on a GPU
    ``torch``."""
    if device != "cpu":
        return "torch"
    if cpu_has_bf16():
        return "torch-bf16"
    return "onnx" if onnx_available() else "torch"


def resolve_backend(backend: str | None, device: str) -> str:
    """The backend to use: ``backend``, else ``$EVENTX_BACKEND``, else :func:`default_backend`.

    Raises:
        ValueError: an unknown backend, or ONNX on a GPU.
    """
    named = backend or os.environ.get("EVENTX_BACKEND") or None
    if named is None:
        return default_backend(device)
    if named not in BACKENDS:
        raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, not {named!r}")
    if named.startswith("onnx") and device != "cpu":
        raise ValueError(f"backend {named!r} runs on CPU only (device is {device!r})")
    return named


class EncoderBackend:
    """A model whose ``encode`` runs elsewhere; every other attribute (the heads, ``config``)
    is the wrapped torch model's."""

    def __init__(self, model: Any, encode: Any, name: str) -> None:
        self._model, self._encode, self.backend = model, encode, name

    def encode(self, ids, mask, casing):
        return self._encode(ids, mask, casing)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._model, name)

    def save(self, *args: Any, **kwargs: Any) -> None:
        raise ValueError(f"a model on the {self.backend!r} backend cannot be saved; load it with "
                         "backend='torch'")


def load_model(path: Path, config: ModelConfig, backend: str, *, device: str = "cpu",
               threads: int | None = None) -> Any:
    """The model of folder ``path`` with its encoder on ``backend`` (see :data:`BACKENDS`), in
    eval mode on ``device``."""
    from eventx.model import EventxModel

    if backend == "torch":
        return EventxModel.load(path, config).to(device).eval()
    if backend == "torch-bf16":
        if device != "cpu":
            return _bf16(EventxModel.load(path, config).to(device).eval())
        traced = _traced(path, config)
        return _bf16(EncoderBackend(_heads(path, config), traced, "torch-bf16"))
    if not onnx_available():
        raise ModelLoadError(f"backend {backend!r} needs ONNX Runtime: pip install 'eventx[onnx]'")
    onnx = _exported(path, config, int8=backend == "onnx-int8")
    return EncoderBackend(_heads(path, config), _ort_encode(onnx, threads), backend)


def _bf16(model: Any) -> EncoderBackend:
    import torch

    def encode(ids, mask, casing):
        with torch.autocast(ids.device.type, dtype=torch.bfloat16):
            hidden = model.encode(ids, mask, casing)
        return hidden.float()

    return EncoderBackend(model, encode, "torch-bf16")


# ------------------------------------------------------------------------ exported encoders
def _export_key(path: Path, config: ModelConfig, *versions: str) -> Path:
    """The cache path stem of a model folder's exports: keyed by its weights file (size, time,
    folder), its config and the exporting library versions."""
    import torch

    weights = (path / WEIGHTS).stat()
    key = digest(["1", str(path.resolve()), str(weights.st_size), str(weights.st_mtime_ns),
                  config.model_dump_json(), torch.__version__, *versions])
    return cache_dir() / "encoders" / f"{path.name}-{key}"


def _encoder_module(path: Path, config: ModelConfig):
    """``model.encode`` of a model folder as a module of its own (to export)."""
    import torch

    from eventx.model import EventxModel

    model = EventxModel.load(path, config)

    class Encoder(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, ids, mask, casing):
            return self.model.encode(ids, mask, casing)

    return Encoder().eval()


@contextmanager
def _quiet_transformers():
    """transformers' logger at ERROR for the block (its load notices are not for eventx users)."""
    try:
        from transformers.utils import logging as hf_logging
    except ImportError:  # pragma: no cover - transformers is a dependency
        yield
        return
    level = hf_logging.get_verbosity()
    hf_logging.set_verbosity_error()
    try:
        yield
    finally:
        hf_logging.set_verbosity(level)


def _traced(path: Path, config: ModelConfig):
    """The encoder traced to TorchScript, exported once into the cache."""
    import torch

    file = _export_key(path, config).with_suffix(".torchscript")
    if not file.is_file():
        log.info("tracing the encoder of %s (once): %s", path, file)

        def write(tmp: Path) -> None:
            ids = torch.ones((2, 16), dtype=torch.long)
            # the encoder's Python branches on shapes are fixed by design (windows are padded to
            # their batch): tracing's warnings about them and transformers' own notices are noise
            with torch.no_grad(), warnings.catch_warnings(), _quiet_transformers():
                warnings.simplefilter("ignore", torch.jit.TracerWarning)
                warnings.simplefilter("ignore", FutureWarning)
                torch.jit.trace(_encoder_module(path, config), (ids, ids, ids),
                                check_trace=False).save(str(tmp))

        atomic_write(file, write)
    with warnings.catch_warnings():  # TorchScript is deprecated, and still the lightest to load
        warnings.simplefilter("ignore", DeprecationWarning)
        module = torch.jit.load(str(file), map_location="cpu").eval()
    return lambda ids, mask, casing: module(ids, mask, casing)


def _onnx_paths(path: Path, config: ModelConfig) -> tuple[Path, Path]:
    import onnxruntime

    stem = _export_key(path, config, onnxruntime.__version__)
    return stem.with_suffix(".onnx"), stem.parent / f"{stem.name}-int8.onnx"


def _exported(path: Path, config: ModelConfig, int8: bool) -> Path:
    fp32, quantized = _onnx_paths(path, config)
    if not fp32.is_file():
        log.info("exporting the encoder of %s to ONNX (once): %s", path, fp32)
        atomic_write(fp32, lambda tmp: export_encoder(path, config, tmp))
    if int8 and not quantized.is_file():
        atomic_write(quantized, lambda tmp: quantize_encoder(fp32, tmp))
    return quantized if int8 else fp32


def export_encoder(path: Path, config: ModelConfig, out: Path) -> Path:
    """Export ``model.encode(ids, mask, casing) -> hidden`` of a model folder to ONNX."""
    import torch

    ids = torch.ones((2, 16), dtype=torch.long)
    with torch.no_grad():
        torch.onnx.export(_encoder_module(path, config), (ids, ids, ids), str(out), dynamo=False,
                          input_names=["ids", "mask", "casing"], output_names=["hidden"],
                          dynamic_axes={n: {0: "batch", 1: "length"}
                                        for n in ("ids", "mask", "casing", "hidden")},
                          opset_version=17)
    return out


def quantize_encoder(fp32: Path, out: Path) -> Path:
    """int8 dynamic quantization of the encoder graph's matrix products (weights per channel)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(fp32), str(out), weight_type=QuantType.QInt8, per_channel=True,
                     op_types_to_quantize=["MatMul"])
    return out


def _ort_encode(onnx: Path, threads: int | None):
    import onnxruntime as ort
    import torch

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads or torch.get_num_threads()
    opts.inter_op_num_threads = 1
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = ort.InferenceSession(str(onnx), opts, providers=["CPUExecutionProvider"])

    def encode(ids, mask, casing):
        (hidden,) = session.run(None, {"ids": ids.numpy(), "mask": mask.numpy(),
                                       "casing": casing.numpy()})
        return torch.from_numpy(hidden)

    return encode


@contextmanager
def _no_transformers():
    """``EventxModel`` builds a BERT with ``transformers`` (seconds to import) even when its
    encoder will never run: while the heads are built, a stand-in module gives it an empty one."""
    import torch

    stub = types.ModuleType("transformers")
    stub.BertConfig = lambda **kw: types.SimpleNamespace(**{"hidden_dropout_prob": 0.0, **kw})
    stub.BertModel = lambda cfg, add_pooling_layer=False: torch.nn.Module()
    saved = sys.modules.get("transformers")
    sys.modules["transformers"] = stub
    try:
        yield
    finally:
        if saved is None:
            sys.modules.pop("transformers", None)
        else:
            sys.modules["transformers"] = saved


def _heads(path: Path, config: ModelConfig) -> Any:
    """The model's heads in torch fp32, without its encoder (which runs in ONNX Runtime)."""
    from safetensors import safe_open

    from eventx.model import EventxModel

    with _no_transformers():
        model = EventxModel(config)
    with safe_open(str(path / WEIGHTS), framework="pt") as f:
        state = {k: f.get_tensor(k).float() for k in f.keys() if not k.startswith("encoder.")}
    try:
        model.load_state_dict(state, strict=True)
    except RuntimeError as exc:
        raise ModelLoadError(f"{path / WEIGHTS}: weights do not match config.json ({exc})") from exc
    return model.eval()
