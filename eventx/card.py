"""The model card (``README.md`` of a model folder), generated from config and metrics."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eventx.config import ModelConfig

__all__ = ["write_card"]

CARD_NOTES = "CARD_NOTES.md"


def _table(rows: dict[str, dict[str, Any]], cols: tuple[str, ...], head: str) -> list[str]:
    out = [f"| {head} | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    for name, row in rows.items():
        out.append(f"| {name} | " + " | ".join(_fmt(row.get(c)) for c in cols) + " |")
    return out


def _fmt(v: Any) -> str:
    return f"{v:.3f}" if isinstance(v, float) else str(v)


def write_card(folder: Path, config: ModelConfig, metrics: dict[str, Any]) -> Path:
    """Write ``folder/README.md``. Text in ``folder/CARD_NOTES.md`` (if any) is included verbatim."""
    t = config.training
    summary = t.get("summary", {})
    enc = config.encoder
    lines = [
        f"# {folder.name}",
        "",
        ("An eventx model: a BERT encoder with a BIO tagger for argument spans, an O/B/I tagger "
         "per event type for triggers (one word can trigger two types), "
         + ("a modality classifier for each trigger, " if config.modalities else "")
         + "and a relation head that links (trigger, argument) pairs into roles."
         if config.trigger_head == "per_type" else
         "An eventx model: a BERT token classifier (BIO tags for event triggers by type and for "
         "argument spans) with a relation head that links (trigger, argument) pairs into roles."),
        "",
        "## Model",
        "",
        f"- encoder: {enc.get('_name_or_path') or enc.get('name_or_path') or 'BERT'} "
        f"({enc.get('num_hidden_layers')} layers, hidden {enc.get('hidden_size')}), casing features: "
        f"{config.casing}",
        f"- event types: {', '.join(config.event_types)}",
        f"- roles: {', '.join(f'{r} ({k})' for r, k in config.roles.items())}",
        f"- windows of {config.max_length} word pieces overlapping by {config.overlap}"
        + (f" ({config.decode_overlap} at inference)" if config.decode_overlap is not None else "")
        + (", inference windows of even length" if config.even_windows else "")
        + f"; thresholds: trigger {config.thresholds.trigger}, role {config.thresholds.role}"
        + (f" (per type: {config.thresholds.types})" if config.thresholds.types else "")
        + (f" (per role: {config.thresholds.roles})" if config.thresholds.roles else "")
        + ("; trigger scores calibrated (Platt, `calibration` in config.json)"
           if config.calibration.get("trigger") else "")
        + ("; an argument takes a role for one trigger of a type per window"
           if config.thresholds.exclusive else ""),
        "- roles by type (from the training data): " + ("; ".join(
            f"{t}: {', '.join(r)}" for t, r in config.type_roles.items()) or "every role for every type"),
        f"- library versions at training: {', '.join(f'{k} {v}' for k, v in config.versions.items())}",
        "",
        "## Training data and procedure",
        "",
        f"- train files: {', '.join(t.get('train_files', [])) or 'n/a'}",
        f"- dev files: {', '.join(t.get('dev_files', [])) or 'n/a'}",
        f"- config: `{t.get('config_file') or 'n/a'}`",
        f"- {summary.get('train_documents', '?')} training documents ({summary.get('train_windows', '?')} "
        f"windows); {summary.get('steps', '?')} steps on {summary.get('device', '?')} in "
        f"{summary.get('seconds', '?')} s; best quick dev score {summary.get('best_dev_score', '?')}",
        f"- events per type in training: {summary.get('train_event_types', {})}",
        "",
    ]
    dev = metrics.get("dev")
    if dev:
        lines += ["## Dev-set metrics", "", f"Measured on {dev['documents']} dev documents with "
                  "`eventx evaluate`; `metrics.json` has every figure.", ""]
        every = metrics.get("dev_all")
        if every:
            lines += [
                f"These are the {dev['documents']} completely annotated dev documents. On all "
                f"{every['documents']} dev documents, most of them partly annotated (their unmarked "
                "spans are not errors, so precision there is a lower bound), trigger recall is "
                f"{_fmt(every['triggers']['all']['r'])} and role recall "
                f"{_fmt(every['roles']['all']['r'])} (`dev_all` in `metrics.json`).", ""]
        lines += _table(dev["triggers"], ("p", "r", "f1", "n_gold"), "trigger + type") + [""]
        lines += _table(dev["roles"], ("p", "r", "f1", "n_gold"), "role (linked)") + [""]
        lines += _table(dev["events"], ("p", "r", "f1", "n_gold"), "event field") + [""]
        for k, v in dev["count_accuracy"].items():
            lines.append(f"- {k}: exact-count accuracy {v['accuracy']} on {v['documents']} documents")
        lines.append("")
    notes = folder / CARD_NOTES
    if notes.is_file():
        lines += [notes.read_text(encoding="utf-8").rstrip(), ""]
    path = folder / "README.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
