"""The public challenge set (``benchmarks/data/challenge.jsonl``) is valid and covers what it
promises: every type, role direction, counts, negatives and multi-event snippets."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from eventx.corpus.format import DEFAULT_ROLES, read_documents

CHALLENGE = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "challenge.jsonl"
TYPES = {"attack", "armed_clash", "kidnapping", "arrest", "seizure", "smuggling", "protest",
         "agreement"}


def test_challenge_set_is_valid_and_complete() -> None:
    docs = read_documents(CHALLENGE, roles=DEFAULT_ROLES)
    assert len(docs) >= 300
    assert len({d.id for d in docs}) == len(docs)
    assert all(d.complete and d.source == "challenge" and d.published for d in docs)
    categories = Counter(d.id.split("-")[1] for d in docs)
    for cat in TYPES | {"direction", "counts", "multi", "negative", "planned", "negated",
                        "hypothetical", "sports", "indian", "british"}:
        assert categories[cat] >= 10, cat
    actual = [d.actual_only() for d in docs]
    types = Counter(e.type for d in actual for e in d.events)
    assert set(types) == TYPES and min(types.values()) >= 20
    negatives = [d for d in actual if not d.events]
    assert len(negatives) >= 90
    assert sum(len({e.event for e in d.events}) >= 2 for d in actual) >= 20   # several events
    # the non-actual cases carry their modality, so that a model that predicts it can be scored
    assert {e.modality for d in docs for e in d.events} == {"actual", "planned", "negated",
                                                            "hypothetical"}
