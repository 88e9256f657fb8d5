"""A model is a folder: save / load round trip and clear errors on broken folders."""

import json
import shutil

import pytest

from eventx import Extractor, ModelLoadError
from eventx.config import ModelConfig

from .conftest import build_tiny_model

TEXT = "Police arrested two men in the city on Monday and seized weapons."


def test_round_trip_gives_identical_output(tmp_path, tiny_model_dir, tiny_extractor):
    from eventx.model import EventxModel

    model = EventxModel.load(tiny_model_dir)
    model.save(tmp_path / "copy")
    shutil.copy(tiny_model_dir / "tokenizer.json", tmp_path / "copy")
    assert Extractor.from_pretrained(tmp_path / "copy")(TEXT) == tiny_extractor(TEXT)
    assert sorted(p.name for p in (tmp_path / "copy").iterdir()) == [
        "config.json", "model.safetensors", "tokenizer.json"]


def test_weights_are_fp16_safetensors(tiny_model_dir):
    from safetensors import safe_open

    with safe_open(str(tiny_model_dir / "model.safetensors"), "pt") as f:
        assert {str(f.get_tensor(k).dtype) for k in f.keys()} == {"torch.float16"}


@pytest.mark.parametrize("missing", ["config.json", "model.safetensors", "tokenizer.json"])
def test_missing_file_is_a_clear_error(tmp_path, tiny_model_dir, missing):
    folder = tmp_path / "m"
    shutil.copytree(tiny_model_dir, folder)
    (folder / missing).unlink()
    with pytest.raises(ModelLoadError, match=missing):
        Extractor.from_pretrained(folder)


def test_mismatched_config_is_a_clear_error(tmp_path, tiny_model_dir):
    folder = tmp_path / "m"
    shutil.copytree(tiny_model_dir, folder)
    cfg = json.loads((folder / "config.json").read_text())
    cfg["event_types"] = cfg["event_types"] + ["riot"]
    (folder / "config.json").write_text(json.dumps(cfg))
    with pytest.raises(ModelLoadError, match="tagger"):
        Extractor.from_pretrained(folder)


def test_unknown_config_key_and_version(tmp_path, tiny_model_dir):
    folder = tmp_path / "m"
    shutil.copytree(tiny_model_dir, folder)
    cfg = json.loads((folder / "config.json").read_text())
    (folder / "config.json").write_text(json.dumps(cfg | {"colour": "red"}))
    with pytest.raises(ModelLoadError, match="colour"):
        ModelConfig.load(folder)
    (folder / "config.json").write_text(json.dumps(cfg | {"format_version": 99}))
    with pytest.raises(ModelLoadError, match="format_version"):
        ModelConfig.load(folder)


def test_extractor_pickles_without_its_weights(tiny_model_dir):
    import pickle

    ex = Extractor.from_pretrained(tiny_model_dir)
    blob = pickle.dumps(ex)
    assert len(blob) < 2000
    again = pickle.loads(blob)
    assert again._model is None  # loads lazily, once, on first use
    assert again(TEXT) == ex(TEXT)


def test_different_seed_gives_different_weights(tmp_path):
    a = build_tiny_model(tmp_path / "a", seed=1)
    b = build_tiny_model(tmp_path / "b", seed=2)
    assert (a / "model.safetensors").read_bytes() != (b / "model.safetensors").read_bytes()
