"""The Extractor's surface (tiny random model): save, pipe with contexts, dates aligned with
texts, stages turned off."""

import json
import subprocess
import sys

import pytest

from eventx import Extractor

TEXT = "Police arrested two men in the city on Monday and seized weapons. Gunmen killed three people."
TEXTS = [TEXT, "", "smugglers kidnapped two men at the border", TEXT * 3]


def test_save_writes_a_complete_folder_that_loads_to_the_same_output(tmp_path, tiny_extractor):
    folder = tiny_extractor.save(tmp_path / "copy", metrics={"dev": None})
    assert sorted(p.name for p in folder.iterdir()) == [
        "README.md", "config.json", "metrics.json", "model.safetensors", "tokenizer.json",
        "vocab.txt"]
    again = Extractor.from_pretrained(folder, device="cpu")
    assert list(again.pipe(TEXTS)) == list(tiny_extractor.pipe(TEXTS))
    assert json.loads((folder / "config.json").read_text())["role_fields"]["place"] == "where"
    assert (tmp_path / "copy" / "model.safetensors").read_bytes() == \
        (again.save(tmp_path / "twice") / "model.safetensors").read_bytes()


def test_save_keeps_the_card_notes_and_metrics_of_the_folder_it_came_from(tmp_path,
                                                                          tiny_model_dir):
    import shutil

    source = tmp_path / "source"
    shutil.copytree(tiny_model_dir, source)
    (source / "CARD_NOTES.md").write_text("## Provenance\n\nInvented for a test.\n")
    (source / "metrics.json").write_text(json.dumps({"training": {"steps": 3}}))
    copy = Extractor.from_pretrained(source, device="cpu").save(tmp_path / "copy")
    assert "Invented for a test." in (copy / "README.md").read_text()
    assert json.loads((copy / "metrics.json").read_text()) == {"training": {"steps": 3}}


def test_pipe_as_tuples_passes_contexts_through(tiny_extractor):
    docs = [(t, {"id": i, "published": "2023-10-31"}) for i, t in enumerate(TEXTS)]
    out = list(tiny_extractor.pipe(iter(docs), as_tuples=True, docs_per_chunk=2))
    assert [ctx["id"] for _, ctx in out] == [0, 1, 2, 3]
    assert [events for events, _ in out] == list(tiny_extractor.pipe(TEXTS, published="2023-10-31"))
    plain = list(tiny_extractor.pipe([(t, i) for i, t in enumerate(TEXTS)], as_tuples=True))
    assert [ctx for _, ctx in plain] == [0, 1, 2, 3]  # any context; no date in it: none used


@pytest.mark.parametrize(("dates", "message"), [(["2023-10-31"] * 3, "fewer"),
                                                (["2023-10-31"] * 5, "more")])
def test_published_of_the_wrong_length_is_an_error(tiny_extractor, dates, message):
    with pytest.raises(ValueError, match=message):
        list(tiny_extractor.pipe(TEXTS, published=dates))
    with pytest.raises(ValueError, match=message):
        list(tiny_extractor.pipe([(t, None) for t in TEXTS], published=dates, as_tuples=True))


def test_stages_can_be_turned_off(tiny_model_dir, tiny_extractor):
    raw = Extractor.from_pretrained(tiny_model_dir, device="cpu", normalize=False, merge=False)
    analysis = next(tiny_extractor.analyze([TEXT * 3], published="2023-10-31"))
    events = next(raw.pipe([TEXT * 3], published="2023-10-31"))
    # one record per mention, spans as found: the full pipeline's mentions before normalization
    assert [e.trigger for e in events] == [e.trigger for e in analysis.mentions]
    assert len(events) > len(analysis.events)
    assert all(p.country is None for e in events for p in e.where)
    assert all(p.count is None for e in events for p in e.who)


def test_without_normalization_no_gazetteer_is_built(tiny_model_dir):
    code = f"""
from eventx import Extractor
from eventx.normalize import gazetteer_store
ex = Extractor.from_pretrained({str(tiny_model_dir)!r}, device="cpu", normalize=False)
events = ex({TEXT!r} * 3)
assert any(e.where for e in events), "the tiny model should find places"
print(gazetteer_store.load_gazetteer.cache_info().currsize)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0"]


def test_pickles_its_settings(tiny_model_dir):
    import pickle

    ex = Extractor.from_pretrained(tiny_model_dir, device="cpu", lazy=True, normalize=False)
    copy = pickle.loads(pickle.dumps(ex))
    assert copy.normalize is False and copy.merge is True
    assert copy.device == "cpu"


def test_the_encoder_one_batch_ahead_gives_every_batch_in_order(tiny_extractor, monkeypatch):
    import numpy as np

    import eventx.extractor as X
    from eventx.stages import batch_windows, prepare_inference, tag

    ex = tiny_extractor
    texts = [f"Police arrested {n} men in the city on Monday. " * (n + 1) for n in range(12)]
    prep = prepare_inference(ex.tokenizer, texts, ex.config)
    batches = batch_windows(prep, 2, ex._special)
    assert len(batches) > 2
    ahead = list(X._tagged(ex.model, batches, ex.device))
    in_turn = [tag(ex.model, b, ex.device) for b in batches]
    assert len(ahead) == len(in_turn)
    for a, b in zip(ahead, in_turn):
        np.testing.assert_allclose(a.logits, b.logits, atol=1e-5)

    def broken(model, batch, device):
        raise RuntimeError("encoder failed")

    monkeypatch.setattr(X, "tag", broken)
    with pytest.raises(RuntimeError, match="encoder failed"):
        list(X._tagged(ex.model, batches, ex.device))
