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
        ``triggers_guessed``, ``trigger_rule`` (lexicon / adjacent / fallback) and
        ``trigger_fallbacks``.
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
    for doc in docs:
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
    }


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
    out: dict[str, Any] = {split: split_stats(iter_documents(root / f"{split}.jsonl"), manifest)
           for split in ("train", "dev")}
    out["annotation_files"] = len(manifest.get("annotation_files") or [])
    return out
