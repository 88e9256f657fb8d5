"""The network: a BERT encoder with casing features, a BIO tagger and a relation scorer.

One forward pass per window gives per-token tag logits; the relation head scores (trigger,
argument) span pairs of the same window from the same hidden states, so linking costs almost
nothing on top of the encoder. Saved as fp16 safetensors; loaded without unpickling anything.
"""

from __future__ import annotations

import math
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file
from torch import nn

from eventx.config import ModelConfig
from eventx.errors import ModelLoadError
from eventx.pairs import DISTANCE_BUCKETS, SENTENCE_GAPS
from eventx.windows import CASING_CLASSES

__all__ = ["EventxModel", "init_from_encoder"]

WEIGHTS = "model.safetensors"


class EventxModel(nn.Module):
    """Encoder + tagger + relation head. Build with :meth:`from_config`, load with :meth:`load`."""

    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        from transformers import BertConfig, BertModel

        self.config = config
        enc_cfg = BertConfig(**config.encoder)
        self.encoder = BertModel(enc_cfg, add_pooling_layer=False)
        hidden = enc_cfg.hidden_size
        dim = config.relation_dim
        self.casing = nn.Embedding(CASING_CLASSES, hidden)
        nn.init.zeros_(self.casing.weight)
        self.dropout = nn.Dropout(enc_cfg.hidden_dropout_prob)
        self.tagger = nn.Linear(hidden, len(config.tags))
        if config.trigger_head == "per_type":
            # an O/B/I softmax per event type: one token can be the trigger of two types
            self.trigger_tagger = nn.Linear(hidden, 3 * len(config.event_types))
        if config.modalities:
            self.modality = nn.Sequential(
                nn.Linear(hidden, dim), nn.GELU(), nn.Dropout(enc_cfg.hidden_dropout_prob),
                nn.Linear(dim, len(config.modalities)))
        self.span_proj = nn.Linear(hidden, dim)
        self.distance = nn.Embedding(DISTANCE_BUCKETS, 32)
        self.sentence_gap = nn.Embedding(SENTENCE_GAPS, 16)
        self.relation = nn.Sequential(
            nn.Linear(3 * dim + 48, dim), nn.GELU(), nn.Dropout(enc_cfg.hidden_dropout_prob),
            nn.Linear(dim, len(config.roles)),
        )

    def encode(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
               casing: torch.Tensor) -> torch.Tensor:
        """Hidden states ``(batch, length, hidden)`` of windows ``[CLS] pieces [SEP]``."""
        embeds = self.encoder.embeddings.word_embeddings(input_ids)
        if self.config.casing:
            embeds = embeds + self.casing(casing)
        out = self.encoder(inputs_embeds=embeds, attention_mask=attention_mask)
        return out.last_hidden_state

    def tag_logits(self, hidden: torch.Tensor) -> torch.Tensor:
        return self.tagger(self.dropout(hidden))

    def trigger_logits(self, hidden: torch.Tensor) -> torch.Tensor | None:
        """Per-type trigger logits ``(batch, length, types, 3)`` (O, B, I) of the ``per_type``
        head, or None for a model whose triggers are in the main tagger."""
        if self.config.trigger_head != "per_type":
            return None
        b, n, _ = hidden.shape
        return self.trigger_tagger(self.dropout(hidden)).view(b, n, len(self.config.event_types), 3)

    def modality_logits(self, hidden: torch.Tensor, spans: torch.Tensor) -> torch.Tensor:
        """Modality logits ``(n_spans, n_modalities)`` of trigger spans ``(n_spans, 3)``: window
        index, start, end (token positions in the window, end exclusive)."""
        if spans.numel() == 0:
            return hidden.new_zeros((0, len(self.config.modalities)))
        cum = torch.nn.functional.pad(hidden.cumsum(dim=1), (0, 0, 1, 0))
        b, s, e = spans[:, 0], spans[:, 1], spans[:, 2]
        mean = (cum[b, e] - cum[b, s]) / (e - s).clamp(min=1).unsqueeze(-1).to(hidden.dtype)
        return self.modality(self.dropout(mean))

    def relation_logits(self, hidden: torch.Tensor, pairs: torch.Tensor) -> torch.Tensor:
        """Role logits ``(n_pairs, n_roles)``.

        Args:
            hidden: ``(batch, length, hidden)`` from :meth:`encode`.
            pairs: ``(n_pairs, 7)`` long tensor: window index, trigger start, trigger end,
                argument start, argument end (token positions in the window, end exclusive),
                distance bucket, sentence gap.
        """
        if pairs.numel() == 0:
            return hidden.new_zeros((0, len(self.config.roles)))
        cum = torch.nn.functional.pad(hidden.cumsum(dim=1), (0, 0, 1, 0))
        b = pairs[:, 0]

        def span_mean(s: torch.Tensor, e: torch.Tensor) -> torch.Tensor:
            return (cum[b, e] - cum[b, s]) / (e - s).clamp(min=1).unsqueeze(-1).to(hidden.dtype)

        trig = self.span_proj(self.dropout(span_mean(pairs[:, 1], pairs[:, 2])))
        arg = self.span_proj(self.dropout(span_mean(pairs[:, 3], pairs[:, 4])))
        feats = torch.cat([trig, arg, trig * arg, self.distance(pairs[:, 5]),
                           self.sentence_gap(pairs[:, 6])], dim=-1)
        return self.relation(feats)

    # ------------------------------------------------------------------ persistence
    def save(self, folder: str | Path) -> None:
        """Write ``config.json`` and fp16 ``model.safetensors`` into ``folder``."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        self.config.save(folder)
        state = {k: v.detach().to("cpu", torch.float16).contiguous()
                 for k, v in self.state_dict().items()}
        # one metadata key: safetensors writes several in a random order, and the file
        # should be the same bytes for the same weights
        save_file(state, str(folder / WEIGHTS), metadata={"format": "pt"})

    @classmethod
    def load(cls, folder: str | Path, config: ModelConfig | None = None) -> EventxModel:
        """Load a model folder (safetensors only), checking that weights match the config."""
        folder = Path(folder)
        config = config or ModelConfig.load(folder)
        path = folder / WEIGHTS
        if not path.is_file():
            raise ModelLoadError(f"{folder}: no {WEIGHTS}")
        model = cls(config)
        state = load_file(str(path))
        expected = model.state_dict()
        missing = sorted(set(expected) - set(state))
        unexpected = sorted(set(state) - set(expected))
        if missing or unexpected:
            raise ModelLoadError(f"{path}: weights do not match config.json (missing: "
                                 f"{missing[:5]}, unexpected: {unexpected[:5]})")
        for key, tensor in state.items():
            if tuple(tensor.shape) != tuple(expected[key].shape):
                raise ModelLoadError(f"{path}: {key} has shape {tuple(tensor.shape)}, config.json "
                                     f"implies {tuple(expected[key].shape)}")
        model.load_state_dict({k: v.float() for k, v in state.items()})
        return model.eval()

    def n_parameters(self) -> int:
        return sum(p.numel() for p in self.parameters())


def init_from_encoder(config: ModelConfig, encoder_dir: str | Path) -> EventxModel:
    """A fresh model whose encoder starts from a pretrained BERT folder (safetensors)."""
    model = EventxModel(config)
    path = Path(encoder_dir) / WEIGHTS
    if not path.is_file():
        raise ModelLoadError(f"{encoder_dir}: no {WEIGHTS} for the encoder")
    state = load_file(str(path))
    state = {k.removeprefix("bert."): v for k, v in state.items()}
    own = model.encoder.state_dict()
    usable = {k: v for k, v in state.items() if k in own and tuple(v.shape) == tuple(own[k].shape)}
    missing = [k for k in own if k not in usable and not k.endswith("position_ids")]
    if missing:
        raise ModelLoadError(f"{path}: encoder weights lack {missing[:5]}")
    model.encoder.load_state_dict(usable, strict=False)
    # Start the tagger's bias at "mostly O" so early training is stable.
    with torch.no_grad():
        model.tagger.bias.fill_(-math.log(len(config.tags)))
        model.tagger.bias[0] = 0.0
        if config.trigger_head == "per_type":
            bias = model.trigger_tagger.bias.view(len(config.event_types), 3)
            bias.fill_(-math.log(20.0))
            bias[:, 0] = 0.0
    return model
