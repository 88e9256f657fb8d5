"""Shared fixtures: a tiny random-weight model folder (no download, no training)."""

from __future__ import annotations

import os
import string
from pathlib import Path

import pytest

# The tiny random model's outputs are checked exactly: run its encoder in torch fp32 unless a test
# asks for another backend (tests/test_backends.py).
os.environ.setdefault("EVENTX_BACKEND", "torch")

from eventx.config import ModelConfig, Thresholds
from eventx.corpus.format import DEFAULT_ROLES

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TYPES = ["agreement", "armed_clash", "arrest", "attack", "kidnapping", "protest", "seizure", "smuggling"]
WORDS = ("police arrested two men in the city on monday and seized weapons gunmen killed three "
         "people attack clash protest agreement signed border smugglers kidnapped").split()


def build_tiny_model(folder: Path, seed: int = 0, **overrides) -> Path:
    """A 2-layer, 32-wide random BERT with a small WordPiece vocabulary, saved as a model folder."""
    import torch
    from tokenizers import Tokenizer, decoders, normalizers, pre_tokenizers
    from tokenizers.models import WordPiece

    from eventx.model import EventxModel

    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    chars = list(string.ascii_lowercase + string.digits + string.punctuation)
    vocab = specials + chars + [f"##{c}" for c in string.ascii_lowercase + string.digits] + WORDS
    vocab = list(dict.fromkeys(vocab))
    tok = Tokenizer(WordPiece({w: i for i, w in enumerate(vocab)}, unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.decoder = decoders.WordPiece()
    settings = dict(
        encoder={"vocab_size": len(vocab), "hidden_size": 32, "num_hidden_layers": 2,
                 "num_attention_heads": 2, "intermediate_size": 64, "max_position_embeddings": 128,
                 "model_type": "bert"},
        event_types=TYPES, roles=dict(DEFAULT_ROLES), max_length=32, overlap=8, relation_dim=16,
        thresholds=Thresholds(trigger=0.0, role=0.3),
    )
    settings.update(overrides)
    config = ModelConfig(**settings)
    torch.manual_seed(seed)
    model = EventxModel(config)
    with torch.no_grad():  # spread the random tagger so that many spans come out
        model.tagger.weight.normal_(0, 1.0)
    folder.mkdir(parents=True, exist_ok=True)
    model.save(folder)
    tok.save(str(folder / "tokenizer.json"))
    (folder / "README.md").write_text("# tiny random test model\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory) -> Path:
    return build_tiny_model(tmp_path_factory.mktemp("models") / "tiny")


@pytest.fixture(scope="session")
def tiny_extractor(tiny_model_dir):
    from eventx import Extractor

    return Extractor.from_pretrained(tiny_model_dir, device="cpu")


def default_model_available() -> bool:
    from eventx.extractor import default_model_path

    try:
        return (default_model_path() / "model.safetensors").is_file()
    except Exception:  # noqa: BLE001 - any failure means "not available" for skipping
        return False
