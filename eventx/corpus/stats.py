"""Counts over a built corpus folder (``eventx corpus stats DIR``).

Reads ``DIR/train.jsonl`` and ``DIR/dev.jsonl`` (validated as they are read) and, where present,
``DIR/manifest.json`` written by :func:`eventx.corpus.build.write_corpus` (which documents came
from the project's annotations, and which step of the trigger rule chose each guessed trigger).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from eventx.corpus.format import Document, iter_documents

__all__ = ["corpus_stats", "split_stats"]


def split_stats(docs: Iterable[Document], manifest: dict | None = None) -> dict:
    """Counts for one split.

    Returns:
        ``documents``, ``documents_with_events``, ``documents_by_source``,
        ``documents_from_annotations``, ``events``, ``events_per_type``, ``events_per_source``,
        ``arguments_per_role``, ``casualty_spans`` (killed / injured arguments),
        ``triggers_guessed``, ``trigger_rule`` (lexicon / adjacent / fallback),
        ``trigger_fallbacks``, ``modality`` (mentions per modality), ``event_ids`` (distinct
        events, and those with more than one mention), ``entity_ids`` (distinct participants, and
        those with more than one distinct span), and ``complete``: the same counts over the
        completely annotated documents only (``documents``, ``documents_by_source``,
        ``documents_without_events``, ``mentions_per_type``, ``casualty_spans``, ``modality``).
    """
    manifest = manifest or {}
    annotated = set(manifest.get("annotated_ids") or [])
    rule = manifest.get("trigger_rule") or {}
    n_docs = with_events = from_ann = guessed = 0
    by_source: Counter[str] = Counter()
    types: Counter[str] = Counter()
    ev_source: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    how: Counter[str] = Counter()
    modality: Counter[str] = Counter()
    events = multi_events = entities = multi_entities = 0
    c_docs = c_empty = 0
    c_source: Counter[str] = Counter()
    c_types: Counter[str] = Counter()
    c_roles: Counter[str] = Counter()
    c_modality: Counter[str] = Counter()
    for doc in docs:
        ids = Counter(ev.event or f"#{i}" for i, ev in enumerate(doc.events))
        events += len(ids)
        multi_events += sum(n > 1 for n in ids.values())
        spans: dict[str, set[tuple[int, int]]] = {}
        for ev in doc.events:
            for a in ev.arguments:
                if a.entity:
                    spans.setdefault(a.entity, set()).add((a.start, a.end))
        entities += len(spans)
        multi_entities += sum(len(v) > 1 for v in spans.values())
        modality.update(ev.modality for ev in doc.events)
        if doc.complete:
            c_docs += 1
            c_empty += not doc.events
            c_source[doc.source or "unknown"] += 1
            c_types.update(ev.type for ev in doc.events)
            c_roles.update(a.role for ev in doc.events for a in ev.arguments)
            c_modality.update(ev.modality for ev in doc.events)
        n_docs += 1
        with_events += bool(doc.events)
        from_ann += doc.id in annotated
        by_source[doc.source or "unknown"] += 1
        for ev in doc.events:
            types[ev.type] += 1
            ev_source[doc.source or "unknown"] += 1
            roles.update(a.role for a in ev.arguments)
            guessed += ev.trigger_guessed
        how.update(h for h in rule.get(doc.id, []) if h)
    return {
        "documents": n_docs,
        "documents_with_events": with_events,
        "documents_by_source": dict(sorted(by_source.items())),
        "documents_from_annotations": from_ann,
        "events": sum(types.values()),
        "events_per_type": dict(sorted(types.items())),
        "events_per_source": dict(sorted(ev_source.items())),
        "arguments_per_role": dict(sorted(roles.items())),
        "casualty_spans": {"killed": roles["killed"], "injured": roles["injured"]},
        "triggers_guessed": guessed,
        "trigger_rule": {k: how[k] for k in ("lexicon", "adjacent", "fallback")},
        "trigger_fallbacks": how["fallback"],
        "modality": dict(sorted(modality.items())),
        "event_ids": {"events": events, "with_several_mentions": multi_events},
        "entity_ids": {"entities": entities, "with_several_spans": multi_entities},
        "complete": {
            "documents": c_docs,
            "documents_by_source": dict(sorted(c_source.items())),
            "documents_without_events": c_empty,
            "mentions_per_type": dict(sorted(c_types.items())),
            "casualty_spans": {"killed": c_roles["killed"], "injured": c_roles["injured"]},
            "modality": dict(sorted(c_modality.items())),
        },
    }


def _add(a: Any, b: Any) -> Any:
    """Sum two stats dictionaries key by key (numbers add, dictionaries recurse)."""
    if isinstance(a, dict):
        return {k: _add(a.get(k, 0 if not isinstance(b.get(k), dict) else {}),
                        b.get(k, 0 if not isinstance(a.get(k), dict) else {}))
                for k in sorted(set(a) | set(b))}
    return a + b


def corpus_stats(corpus_dir: str | Path) -> dict:
    """Counts per split of a built corpus folder (see :func:`split_stats`).

    Raises:
        AnnotationError: a broken line in a split file (file, line and field named).
        FileNotFoundError: the folder has no ``train.jsonl`` / ``dev.jsonl``.
    """
    root = Path(corpus_dir)
    manifest_path = root / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) \
        if manifest_path.exists() else {}
    splits = [s for s in ("train", "tune", "dev") if s != "tune" or (root / "tune.jsonl").exists()]
    out: dict[str, Any] = {split: split_stats(iter_documents(root / f"{split}.jsonl"), manifest)
                           for split in splits}
    total: dict[str, Any] = {}
    for split in splits:
        total = _add(total, out[split]) if total else out[split]
    out["all"] = total
    out["annotation_files"] = len(manifest.get("annotation_files") or [])
    if "boundary_changes" in manifest:
        out["boundary_changes"] = manifest["boundary_changes"]
    return out
