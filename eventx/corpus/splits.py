"""The fixed train / tune / dev split of the shared corpora.

Dev (never trained on, never used to choose a setting):

* all of MUC-4 TST1 and TST2 (``muc4-TST*``);
* the ECB+ documents of the usual dev topics 2, 5, 12, 18, 21, 23, 34 and 35
  (:data:`eventx.corpus.ecbplus.DEV_TOPICS`);
* a fixed quarter of each of GVDB, the drug-seizure sentences and WikiEvents: the documents whose
  ids come first when ordered by the SHA-1 of the id (ties cannot happen).

Tune (not trained on; thresholds and decoding choices are made here, so that dev figures stay
honest): of what is left in each corpus, the fixed share :data:`TUNE_FRACTION` that comes first by
SHA-1 of the id (after the dev quarter, for the corpora that have one). ECB+ tune documents are
whole topics (:data:`ECB_TUNE_TOPICS`), so that no real event is both trained on and tuned on.

Everything else is train. The rule depends only on the ids, so it is the same on every machine
and for every reader, and adding a corpus does not move the documents of another.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable

__all__ = ["ECB_DEV_TOPICS", "ECB_TUNE_TOPICS", "HELD_OUT_FRACTION", "TUNE_FRACTION", "dev_ids",
           "split_of", "tune_ids"]

HELD_OUT_FRACTION = {"gvdb": 0.25, "drug": 0.25, "wiki": 0.25}
TUNE_FRACTION = {"gvdb": 0.10, "drug": 0.10, "muc4": 0.08, "rams": 0.08, "wiki": 0.10}
ECB_DEV_TOPICS = frozenset({2, 5, 12, 18, 21, 23, 34, 35})
ECB_TUNE_TOPICS = frozenset({3, 19, 33})


def _key(doc_id: str) -> str:
    return hashlib.sha1(doc_id.encode("utf-8")).hexdigest()


def _ecb_topic(doc_id: str) -> int:
    m = re.match(r"ecbplus-(\d+)_", doc_id)
    return int(m.group(1)) if m else -1


def _first_share(by_corpus: dict[str, list[str]], fraction: dict[str, float]) -> set[str]:
    """Of each corpus's ids, the share ``fraction[corpus]`` that comes first by SHA-1 of the id."""
    out: set[str] = set()
    for corpus, members in by_corpus.items():
        members.sort(key=_key)
        out.update(members[: round(len(members) * fraction[corpus])])
    return out


def dev_ids(ids: Iterable[str]) -> set[str]:
    """The ids among ``ids`` that belong to the dev split."""
    by_corpus: dict[str, list[str]] = defaultdict(list)
    dev: set[str] = set()
    for doc_id in ids:
        corpus = doc_id.split("-", 1)[0]
        if corpus == "muc4" and doc_id.startswith("muc4-TST"):
            dev.add(doc_id)
        elif corpus == "ecbplus" and _ecb_topic(doc_id) in ECB_DEV_TOPICS:
            dev.add(doc_id)
        elif corpus in HELD_OUT_FRACTION:
            by_corpus[corpus].append(doc_id)
    return dev | _first_share(by_corpus, HELD_OUT_FRACTION)


def tune_ids(ids: Iterable[str]) -> set[str]:
    """The ids among ``ids`` that belong to the tune split (never any of :func:`dev_ids`)."""
    ids = list(ids)
    dev = dev_ids(ids)
    by_corpus: dict[str, list[str]] = defaultdict(list)
    tune: set[str] = set()
    for doc_id in ids:
        corpus = doc_id.split("-", 1)[0]
        if doc_id in dev:
            continue
        if corpus == "ecbplus":
            if _ecb_topic(doc_id) in ECB_TUNE_TOPICS:
                tune.add(doc_id)
        elif corpus in TUNE_FRACTION:
            by_corpus[corpus].append(doc_id)
    return tune | _first_share(by_corpus, TUNE_FRACTION)


def split_of(ids: Iterable[str]) -> dict[str, str]:
    """``id -> "train" | "tune" | "dev"`` for every id."""
    ids = list(ids)
    dev, tune = dev_ids(ids), tune_ids(ids)
    return {i: "dev" if i in dev else "tune" if i in tune else "train" for i in ids}
