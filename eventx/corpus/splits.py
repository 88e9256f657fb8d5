"""The fixed train / dev split of the shared corpora.

Dev (never trained on):

* all of MUC-4 TST1 and TST2 (``muc4-TST*``);
* a fixed quarter of each of GVDB, the drug-seizure sentences and WikiEvents: the documents whose
  ids come first when ordered by the SHA-1 of the id (ties cannot happen);

everything else (MUC-4 DEV, the other GVDB, drug and WikiEvents documents, all RAMS windows) is
train. The rule depends only on the ids, so it is the same on every machine and for every reader.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable

__all__ = ["HELD_OUT_FRACTION", "dev_ids"]

HELD_OUT_FRACTION = {"gvdb": 0.25, "drug": 0.25, "wiki": 0.25}


def _key(doc_id: str) -> str:
    return hashlib.sha1(doc_id.encode("utf-8")).hexdigest()


def dev_ids(ids: Iterable[str]) -> set[str]:
    """The ids among ``ids`` that belong to the dev split."""
    by_corpus: dict[str, list[str]] = defaultdict(list)
    dev: set[str] = set()
    for doc_id in ids:
        corpus = doc_id.split("-", 1)[0]
        if corpus == "muc4" and doc_id.startswith("muc4-TST"):
            dev.add(doc_id)
        elif corpus in HELD_OUT_FRACTION:
            by_corpus[corpus].append(doc_id)
    for corpus, members in by_corpus.items():
        members.sort(key=_key)
        dev.update(members[: round(len(members) * HELD_OUT_FRACTION[corpus])])
    return dev
