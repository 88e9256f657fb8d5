"""Canonical texts of the shared corpora, by document id.

Every converter and every standoff annotation refers to a document by the ids below, and to its
text exactly as these readers produce it:

=============  ==========================================  ==========================================
id             text                                        published
=============  ==========================================  ==========================================
gvdb-<id>      ``Full text`` of ``gvdb/dev.tsv``           the date in the article's URL, if any
muc4-<docid>   ``doctext`` of ``muc4/processed/*.json``    the dateline of the raw message
rams-<key>     the tokens, detokenized (:func:`detok`)     None
wiki-<doc_id>  ``text`` of ``wikievents/dev.jsonl``        None
drug-<n>       ``text`` of line n (from 0) of              None
               ``drug_seizure/train.jsonl``
ecbplus-<f>    tokens of ``ecbplus/xml/*/<f>.xml``,        the date in the page's URL, if any
               joined (:mod:`eventx.corpus.ecbplus`)
=============  ==========================================  ==========================================
"""

from __future__ import annotations

import csv
import datetime as _dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventx.corpus.ecbplus import iter_ecbplus

__all__ = ["SourceDoc", "detok", "load_sources", "url_date"]

_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}


@dataclass
class SourceDoc:
    id: str
    text: str
    source: str
    published: _dt.date | None = None
    #: the corpus's own record, for converters (not part of the text)
    raw: Any = field(default=None, repr=False)


def url_date(url: str) -> _dt.date | None:
    """The publication date a news URL carries (``/2015/12/02/``, ``20151202``), or None."""
    m = re.search(r"/(20\d\d)[/-](\d\d|[a-z]{3})[/-](\d\d)(?:/|$)", url.lower())
    if not m:
        m = re.search(r"(20\d\d)(\d\d)(\d\d)", url)
    if not m:
        return None
    y, mo, d = m.groups()
    month = _MONTHS.get(mo) if not mo.isdigit() else int(mo)
    try:
        return _dt.date(int(y), month or 0, int(d))
    except ValueError:
        return None


_NO_SPACE_BEFORE = re.compile(r"^(?:[.,;:!?%)\]}]|'s|'S|n't|'re|'ve|'ll|'d|'m|’s)$")
_NO_SPACE_AFTER = re.compile(r"^[(\[{$]$")


def detok(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join tokens into readable text; return it with each token's (start, end) offsets."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    prev = None
    for tok in tokens:
        if prev is not None and not _NO_SPACE_BEFORE.match(tok) and not _NO_SPACE_AFTER.match(prev):
            parts.append(" ")
            pos += 1
        offsets.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
        prev = tok
    return "".join(parts), offsets


def _gvdb(root: Path) -> Iterator[SourceDoc]:
    csv.field_size_limit(10**9)
    with open(root / "gvdb/dev.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            yield SourceDoc("gvdb-" + row["Article id"], row["Full text"], "gvdb",
                            url_date(row["Article url"]), raw=row)


_DATELINE = re.compile(r"\b(\d{1,2}) ([A-Z]{3}) (\d{2})\b")


def _muc_datelines(root: Path) -> dict[str, _dt.date]:
    out: dict[str, _dt.date] = {}
    files = sorted((root / "muc4/raw").glob("*/*-muc*"))
    for path in files:
        text = path.read_text(encoding="latin-1")
        for m in re.finditer(r"^((?:DEV|TST\d)-MUC\d-\d{4})\b[^\n]*\n\s*\n\s*([^\n]*)", text, re.M):
            d = _DATELINE.search(m.group(2))
            if d and d.group(2).lower() in _MONTHS:
                try:
                    out[m.group(1)] = _dt.date(1900 + int(d.group(3)), _MONTHS[d.group(2).lower()],
                                               int(d.group(1)))
                except ValueError:
                    pass
    return out


def _muc4(root: Path) -> Iterator[SourceDoc]:
    dates = _muc_datelines(root)
    for split in ("train", "dev"):
        with open(root / f"muc4/processed/{split}.json", encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                yield SourceDoc("muc4-" + d["docid"], d["doctext"], "muc4", dates.get(d["docid"]),
                                raw=d | {"split": split})


def _rams(root: Path) -> Iterator[SourceDoc]:
    for split in ("dev", "test"):
        with open(root / f"rams/{split}.jsonlines", encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                tokens = [t for sent in d["sentences"] for t in sent]
                text, offsets = detok(tokens)
                yield SourceDoc("rams-" + d["doc_key"], text, "rams", None,
                                raw=d | {"token_offsets": offsets, "split": split})


def _wikievents(root: Path) -> Iterator[SourceDoc]:
    with open(root / "wikievents/dev.jsonl", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            yield SourceDoc("wiki-" + d["doc_id"], d["text"], "wikievents", None, raw=d)


def _drug(root: Path) -> Iterator[SourceDoc]:
    with open(root / "drug_seizure/train.jsonl", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            d = json.loads(line)
            yield SourceDoc(f"drug-{i}", d["text"], "drug_seizure", None, raw=d)


def _ecbplus(root: Path) -> Iterator[SourceDoc]:
    for doc_id, text, doc in iter_ecbplus(root):
        yield SourceDoc(doc_id, text, "ecbplus", url_date(doc.url) if doc.url else None, raw=doc)


READERS = {"gvdb": _gvdb, "muc4": _muc4, "rams": _rams, "wikievents": _wikievents,
           "drug_seizure": _drug, "ecbplus": _ecbplus}


def load_sources(data_dir: str | Path, only: list[str] | None = None) -> dict[str, SourceDoc]:
    """Read the shared corpora under ``data_dir`` into ``{id: SourceDoc}``.

    Args:
        data_dir: the folder holding ``gvdb/``, ``muc4/``, ... (``../shared/data``).
        only: corpus names to read (keys of :data:`READERS`); default all.
    """
    root = Path(data_dir)
    out: dict[str, SourceDoc] = {}
    for name in only or list(READERS):
        for doc in READERS[name](root):
            out[doc.id] = doc
    return out
