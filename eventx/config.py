"""The model folder's ``config.json``: label maps, windowing, thresholds and library versions."""

from __future__ import annotations

import json
from pathlib import Path
from collections.abc import Iterable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from eventx.errors import ConfigError, ModelLoadError

__all__ = ["DEFAULT_ROLE_FIELDS", "FORMAT_VERSION", "ROLE_FIELDS", "ModelConfig", "Thresholds",
           "library_versions", "validate_config_file"]

FORMAT_VERSION = 1
OUTSIDE = "O"

#: the typed :class:`~eventx.schema.Event` fields a role can fill (``who.agent``: a participant
#: with role "agent"); every role, mapped or not, is in ``Event.arguments``
ROLE_FIELDS = ("who.agent", "who.target", "where", "when", "casualties.killed",
               "casualties.injured", "seizures.item", "seizures.quantity")
#: the field of each built-in role, for model folders whose config.json has no ``role_fields``
DEFAULT_ROLE_FIELDS = {"agent": "who.agent", "target": "who.target", "place": "where",
                       "time": "when", "killed": "casualties.killed",
                       "injured": "casualties.injured", "item": "seizures.item",
                       "quantity": "seizures.quantity"}


class Thresholds(BaseModel):
    """Decision thresholds applied at decoding time (tunable without retraining)."""

    model_config = ConfigDict(extra="forbid")
    #: minimum mean probability of a trigger span's tags for an event to be kept
    trigger: float = Field(0.5, ge=0.0, le=1.0)
    #: minimum probability of a (trigger, argument) role
    role: float = Field(0.5, ge=0.0, le=1.0)
    #: an argument fills a role for the most probable of the triggers of one type in a window
    #: only ("three killed" belongs to one of two attack mentions, not to both)
    exclusive: bool = True
    #: per event type, the minimum calibrated trigger score (chosen on the tune split); a type
    #: missing here uses ``trigger``
    types: dict[str, float] = {}
    #: per role, the minimum raw role probability (chosen on the tune split); a role missing
    #: here uses ``role``
    roles: dict[str, float] = {}

    def for_type(self, event_type: str) -> float:
        """The trigger threshold of ``event_type``."""
        return self.types.get(event_type, self.trigger)

    def for_roles(self, names: Iterable[str]) -> dict[str, float]:
        """The role threshold of each role in ``names``."""
        return {r: self.roles.get(r, self.role) for r in names}

    @property
    def floor(self) -> float:
        """The lowest trigger threshold of any type (the decoder's first cut)."""
        return min([self.trigger, *self.types.values()])


class ModelConfig(BaseModel):
    """Everything needed to rebuild and run a model, besides its weights and tokenizer."""

    model_config = ConfigDict(extra="forbid")

    format_version: int = FORMAT_VERSION
    #: the encoder's own configuration (a transformers ``BertConfig`` as a dict)
    encoder: dict[str, Any]
    event_types: list[str] = Field(min_length=1)
    #: role -> span kind it is tagged as (``agent -> PARTICIPANT``)
    roles: dict[str, str] = Field(min_length=1)
    #: tokens per window including [CLS] and [SEP]
    max_length: int = Field(256, ge=16, le=4096)
    #: tokens shared by consecutive windows
    overlap: int = Field(64, ge=0)
    #: tokens shared by consecutive windows at inference (None: ``overlap``); a larger one gives
    #: each token more context on both sides at the cost of more windows
    decode_overlap: int | None = Field(None, ge=0)
    #: inference windows share a long text evenly (as many windows as full-length ones, each as
    #: short as the overlap allows): less to encode, and less context (README "Throughput": 13%
    #: faster at overlap 120, 33% at 64, a few quality rows lower); False: every window full
    #: length, the last one ending at the text's end. Training always uses full-length windows.
    even_windows: bool = False
    casing: bool = True
    relation_dim: int = Field(256, ge=8)
    thresholds: Thresholds = Thresholds()
    #: how triggers are tagged: ``bio`` (one softmax over all tags: a token has one type) or
    #: ``per_type`` (a B/I/O softmax per event type: "arrested" can be both an arrest and a
    #: seizure trigger)
    trigger_head: Literal["bio", "per_type"] = "bio"
    #: the modality classes of the modality head (empty: no head; the words before each trigger
    #: give its modality, :func:`eventx.link_rules.told_modality`)
    modalities: list[str] = []
    #: Platt scaling of raw scores, ``{"trigger": [a, b], "role": [a, b]}``: the calibrated
    #: score is ``sigmoid(a * logit(raw) + b)`` (fitted on the tune split); empty: raw scores
    calibration: dict[str, list[float]] = {}
    #: event type -> the roles the training data gave it; other roles are never decoded for
    #: that type (no death toll on an agreement). Empty: every role for every type.
    type_roles: dict[str, list[str]] = {}
    #: role -> the typed Event field it fills (one of ``ROLE_FIELDS``); a role missing here is
    #: only in ``Event.arguments``. Not given: the built-in roles' fields (``DEFAULT_ROLE_FIELDS``).
    role_fields: dict[str, str] | None = None
    #: typed field -> how many sentences from its trigger's a span filling it may stand
    #: (``{"who.agent": 0, "who.target": 1}``); a field not named here: any. A property of how
    #: far a model's relation head links wrongly (``benchmarks/cross_event.py --evaluate
    #: --shared-score ...`` measures it): the released v1 holds agents to the sentence; the v2
    #: runs, whose links across sentences find the perpetrators MUC-4 and GVDB name by document,
    #: keep none (README, "Model v2").
    sentences_away: dict[str, int] = {}
    versions: dict[str, str] = {}
    #: free-form provenance written by the trainer (data, config, date)
    training: dict[str, Any] = {}

    @model_validator(mode="after")
    def _check(self) -> ModelConfig:
        for name in ("overlap", "decode_overlap"):
            value = getattr(self, name)
            if value is not None and value * 2 >= self.max_length - 2:
                raise ValueError(f"{name} {value} must be under half of max_length {self.max_length}")
        if self.role_fields is None:
            self.role_fields = {r: DEFAULT_ROLE_FIELDS[r] for r in self.roles
                                if r in DEFAULT_ROLE_FIELDS}
        for role, target in self.role_fields.items():
            if role not in self.roles:
                raise ValueError(f"role_fields names the role {role!r}, which is not in roles")
            if target not in ROLE_FIELDS:
                raise ValueError(f"role_fields: {role!r} -> {target!r} is not one of "
                                 f"{', '.join(ROLE_FIELDS)}")
        for field, n in self.sentences_away.items():
            if field not in ROLE_FIELDS or n < 0:
                raise ValueError(f"sentences_away: {field!r} -> {n!r} needs one of "
                                 f"{', '.join(ROLE_FIELDS)} and a count of 0 or more")
        return self

    @property
    def inference_overlap(self) -> int:
        """The window overlap used at inference (``decode_overlap`` if set, else ``overlap``)."""
        return self.overlap if self.decode_overlap is None else self.decode_overlap

    @property
    def span_kinds(self) -> list[str]:
        return sorted(set(self.roles.values()))

    @property
    def tags(self) -> list[str]:
        """BIO tags of the main tagger: ``O``, then ``B-``/``I-`` for each event type (``T:``
        prefix, only with the ``bio`` trigger head) and span kind."""
        labels = [f"T:{t}" for t in self.event_types] if self.trigger_head == "bio" else []
        labels += self.span_kinds
        return [OUTSIDE] + [f"{p}-{lab}" for lab in labels for p in ("B", "I")]

    @property
    def trigger_tags(self) -> list[list[str]]:
        """With the ``per_type`` head: the O/B/I tags of each event type's own softmax."""
        if self.trigger_head != "per_type":
            return []
        return [[OUTSIDE, f"B-T:{t}", f"I-T:{t}"] for t in self.event_types]

    @property
    def role_names(self) -> list[str]:
        return list(self.roles)

    def save(self, folder: str | Path) -> None:
        path = Path(folder) / "config.json"
        path.write_text(json.dumps(self.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n",
                        encoding="utf-8")

    @classmethod
    def load(cls, folder: str | Path) -> ModelConfig:
        path = Path(folder) / "config.json"
        if not path.is_file():
            raise ModelLoadError(f"{folder}: no config.json (is this an eventx model folder?)")
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ModelLoadError(f"{path}: not valid JSON ({exc})") from None
        if raw.get("format_version") != FORMAT_VERSION:
            raise ModelLoadError(f"{path}: format_version {raw.get('format_version')!r}; this "
                                 f"eventx reads version {FORMAT_VERSION}")
        try:
            return cls.model_validate(raw)
        except ValidationError as exc:
            err = exc.errors()[0]
            field = ".".join(str(x) for x in err["loc"])
            raise ModelLoadError(f"{path}: field '{field}': {err['msg']}") from None


def library_versions() -> dict[str, str]:
    import platform

    import tokenizers
    import torch
    import transformers

    from eventx.version import __version__

    return {"eventx": __version__, "torch": torch.__version__, "transformers": transformers.__version__,
            "tokenizers": tokenizers.__version__, "python": platform.python_version()}


def validate_config_file(model: type[BaseModel], data: dict[str, Any], path: str) -> BaseModel:
    """Validate ``data`` against ``model``; raise :class:`ConfigError` naming the file and, for
    every error at once, its key (one line each)."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            key = ".".join(str(x) for x in err["loc"]) or "<top level>"
            msg = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
            lines.append(f"key '{key}': {msg}")
        if len(lines) == 1:
            raise ConfigError(f"{path}: {lines[0]}") from None
        raise ConfigError(f"{path}: {len(lines)} errors:\n  " + "\n  ".join(lines)) from None
