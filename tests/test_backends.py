"""Encoder backends: ONNX Runtime (fp32, int8) and bf16 replace the encoder only; heads stay torch."""

from __future__ import annotations

import pickle
import subprocess
import sys

import numpy as np
import pytest

from eventx import Extractor
from eventx.backends import BACKENDS, resolve_backend

TEXT = ("Police arrested two men in the city on Monday and seized weapons. Gunmen killed three "
        "people in an attack on the border.")

onnx = pytest.importorskip("onnxruntime", reason="pip install 'eventx[onnx]'")


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("EVENTX_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.delenv("EVENTX_BACKEND", raising=False)


def keys(events):
    return [(e.type, e.trigger.start, e.trigger.end,
             sorted((a.role, a.start, a.end) for a in e.arguments)) for e in events]


def hidden(ex, text=TEXT):
    import torch

    from eventx.stages import batch_windows, prepare_inference

    prep = prepare_inference(ex.tokenizer, [text], ex.config)
    b = batch_windows(prep, 8, ex._special)[0]
    with torch.inference_mode():
        return ex.model.encode(*(torch.from_numpy(x) for x in (b.ids, b.mask, b.casing))).numpy()


def test_onnx_encoder_gives_the_torch_hidden_states_and_events(tiny_model_dir):
    ref = Extractor.from_pretrained(tiny_model_dir, device="cpu", backend="torch")
    ort = Extractor.from_pretrained(tiny_model_dir, device="cpu", backend="onnx")
    assert ort.model.backend == "onnx"
    np.testing.assert_allclose(hidden(ort), hidden(ref), atol=1e-4)
    assert keys(ort(TEXT * 3)) == keys(ref(TEXT * 3))
    assert keys(ref(TEXT * 3)), "the tiny model should find events"


@pytest.mark.parametrize("backend", ["onnx-int8", "torch-bf16"])
def test_reduced_precision_stays_close_to_fp32(tiny_model_dir, backend):
    ref = Extractor.from_pretrained(tiny_model_dir, device="cpu", backend="torch")
    ex = Extractor.from_pretrained(tiny_model_dir, device="cpu", backend=backend)
    h, r = hidden(ex), hidden(ref)
    assert h.dtype == np.float32  # the heads get fp32 hidden states
    cos = (h * r).sum(-1) / (np.linalg.norm(h, axis=-1) * np.linalg.norm(r, axis=-1))
    assert cos.min() > 0.99
    assert ex(TEXT) is not None


def test_the_heads_are_the_models_own_torch_fp32_modules(tiny_model_dir):
    import torch

    ref = Extractor.from_pretrained(tiny_model_dir, device="cpu", backend="torch").model
    ort = Extractor.from_pretrained(tiny_model_dir, device="cpu", backend="onnx-int8").model
    assert ort.tagger.weight.dtype == torch.float32
    assert torch.equal(ort.tagger.weight, ref.tagger.weight)
    assert torch.equal(ort.relation[0].weight, ref.relation[0].weight)
    with pytest.raises(ValueError, match="cannot be saved"):
        ort.save("/nonexistent")


@pytest.mark.parametrize("backend", ["onnx", "torch-bf16"])
def test_a_cached_export_does_not_import_transformers(tiny_model_dir, backend):
    Extractor.from_pretrained(tiny_model_dir, device="cpu", backend=backend).model  # export once
    code = f"""
import sys
from eventx import Extractor
ex = Extractor.from_pretrained({str(tiny_model_dir)!r}, device="cpu", backend={backend!r})
ex({TEXT!r})
print("transformers" in sys.modules)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False"]


def test_backend_choice_environment_and_pickling(tiny_model_dir, monkeypatch):
    assert resolve_backend("torch", "cpu") == "torch"
    assert resolve_backend(None, "cuda") == "torch"
    with pytest.raises(ValueError, match="one of"):
        resolve_backend("tensorrt", "cpu")
    with pytest.raises(ValueError, match="CPU only"):
        resolve_backend("onnx", "cuda")
    monkeypatch.setenv("EVENTX_BACKEND", "onnx")
    ex = Extractor.from_pretrained(tiny_model_dir, device="cpu", lazy=True)
    assert ex.backend == "onnx"
    named = Extractor.from_pretrained(tiny_model_dir, device="cpu", lazy=True, backend="torch")
    assert pickle.loads(pickle.dumps(named)).backend == "torch"
    assert set(BACKENDS) == {"torch", "torch-bf16", "onnx", "onnx-int8"}


def test_a_changed_model_folder_is_exported_again(tmp_path):
    from tests.conftest import build_tiny_model

    folder = build_tiny_model(tmp_path / "m", seed=1)
    first = hidden(Extractor.from_pretrained(folder, device="cpu", backend="onnx"))
    build_tiny_model(folder, seed=2)  # new weights in the same folder
    again = hidden(Extractor.from_pretrained(folder, device="cpu", backend="onnx"))
    ref = hidden(Extractor.from_pretrained(folder, device="cpu", backend="torch"))
    assert not np.allclose(first, again, atol=1e-3)
    np.testing.assert_allclose(again, ref, atol=1e-4)


def test_tracing_the_encoder_says_nothing_to_the_user(tmp_path, monkeypatch, capfd):
    """The first torch-bf16 load traces the encoder: no TracerWarning, no transformers notice."""
    import warnings

    from tests.conftest import build_tiny_model

    monkeypatch.setenv("EVENTX_CACHE_DIR", str(tmp_path / "fresh-cache"))
    folder = build_tiny_model(tmp_path / "m", seed=3)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        Extractor.from_pretrained(folder, device="cpu", backend="torch-bf16")
    assert not [w for w in caught if "Tracer" in type(w.message).__name__
                or issubclass(w.category, FutureWarning)]
    assert "transformers" not in capfd.readouterr().err
