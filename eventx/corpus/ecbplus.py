"""ECB+ (Cybulska and Vossen 2014; CC BY 3.0): web news documents rebuilt from their tokens.

Each ``xml/<topic>/<topic>_<n>ecb.xml`` or ``..._<n>ecbplus.xml`` file holds tokens (``<token
t_id sentence number>``, no original white space), then standoff ``<Markables>`` on token ids and
``<Relations>`` (``INTRA_DOC_COREF``, ``CROSS_DOC_COREF``). The reader rebuilds the text with an
exact token-to-character map:

* tokens of a sentence are joined by :func:`join_tokens` (no space before ``,`` ``.`` ``'s`` and
  the like, none around a hyphen between two words, none inside quotes), sentences by one newline;
* sentence 0 of an ``*ecbplus.xml`` file is the page's URL, not text: it is left out of the text
  and gives the publication date where the URL carries one (``/2013/may/03/``);
* the document id is ``ecbplus-<file name without .xml>`` (``ecbplus-1_10ecbplus``), its topic the
  number before the underscore.

ECB+'s own mentions use its own classes, not eventx's types, so no converter turns them into
events: an ECB+ document enters the corpus only when the project has annotated it completely
(``training/annotations``). The markables and coreference chains stay on ``SourceDoc.raw``
(:class:`EcbDocument`), mapped to character offsets, for the incident evaluation.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


__all__ = ["DEV_TOPICS", "EcbDocument", "EcbMention", "iter_ecbplus", "join_tokens",
           "read_ecb_file", "topic_of"]

#: Topics of the usual dev split of ECB+ (Cybulska and Vossen 2015); the others here are train.
DEV_TOPICS = frozenset({2, 5, 12, 18, 21, 23, 34, 35})


_NO_SPACE_BEFORE = re.compile(r"^(?:[.,;:!?%)\]}]|'s|'S|n't|'re|'ve|'ll|'d|'m|’s|’|”|'')$")
_NO_SPACE_AFTER = re.compile(r"^(?:[(\[{$]|‘|“|``)$")


def join_tokens(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join ECB+ tokens into readable text; return it with each token's (start, end) offsets.

    ``rear - ended`` is written ``rear-ended`` (a hyphen between two word characters), ``‘ Hunger
    Games ’`` is written ``‘Hunger Games’``, and a straight ``"`` alternates between opening and
    closing.
    """
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    glue_next = False
    open_quote = False
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        prev = tokens[i - 1] if i else ""
        joins_words = tok == "-" and prev[-1:].isalnum() and nxt[:1].isalnum()
        space = bool(parts) and not glue_next and not _NO_SPACE_BEFORE.match(tok) \
            and not joins_words
        if tok == '"':
            space = space and not open_quote
            glue_next = not open_quote
            open_quote = not open_quote
        else:
            glue_next = joins_words or bool(_NO_SPACE_AFTER.match(tok))
        if space:
            parts.append(" ")
            pos += 1
        offsets.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
    return "".join(parts), offsets


@dataclass(frozen=True)
class EcbMention:
    """One ECB+ markable: its class (``ACTION_OCCURRENCE``, ``HUMAN_PART_PER``, ...) and offsets."""

    m_id: str
    kind: str
    start: int
    end: int


@dataclass
class EcbDocument:
    """The parts of an ECB+ file that the project uses, in character offsets of the rebuilt text."""

    name: str
    topic: int
    url: str | None
    token_offsets: dict[str, tuple[int, int]] = field(default_factory=dict)
    mentions: dict[str, EcbMention] = field(default_factory=dict)
    #: ``INTRA_DOC_COREF`` / ``CROSS_DOC_COREF`` chains: (relation, instance note, mention ids)
    chains: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)


def topic_of(doc_id: str) -> int:
    """The topic number of an ECB+ document id (``ecbplus-12_3ecb`` -> 12)."""
    m = re.match(r"(?:ecbplus-)?(\d+)_", doc_id)
    if not m:
        raise ValueError(f"not an ECB+ document id: {doc_id!r}")
    return int(m.group(1))


def read_ecb_file(path: str | Path) -> tuple[str, EcbDocument]:
    """Read one ECB+ XML file into its text and :class:`EcbDocument`."""
    path = Path(path)
    root = ET.parse(path).getroot()
    plus = path.name.endswith("ecbplus.xml")
    sentences: dict[int, list[tuple[str, str]]] = {}
    for tok in root.iter("token"):
        sentences.setdefault(int(tok.get("sentence", "0")), []).append(
            (tok.get("t_id", ""), tok.text or ""))
    url = None
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    pos = 0
    for s in sorted(sentences):
        toks = [(tid, t) for tid, t in sentences[s] if t.strip()]
        if plus and s == 0:
            url = "".join(t for _, t in toks)
            continue
        if not toks:
            continue
        if parts:
            parts.append("\n")
            pos += 1
        text, offs = join_tokens([t.strip() for _, t in toks])
        for (tid, _), (a, b) in zip(toks, offs, strict=True):
            offsets[tid] = (pos + a, pos + b)
        parts.append(text)
        pos += len(text)
    text = "".join(parts)
    doc = EcbDocument(name=path.stem, topic=topic_of(path.stem), url=url, token_offsets=offsets)
    markables = root.find("Markables")
    for m in markables if markables is not None else []:
        spans = [offsets[a.get("t_id", "")] for a in m.findall("token_anchor")
                 if a.get("t_id") in offsets]
        if spans and m.get("m_id"):
            doc.mentions[m.get("m_id")] = EcbMention(m.get("m_id"), m.tag, min(s for s, _ in spans),
                                                     max(e for _, e in spans))
    relations = root.find("Relations")
    for r in relations if relations is not None else []:
        if r.tag in ("INTRA_DOC_COREF", "CROSS_DOC_COREF"):
            ids = tuple(x.get("m_id", "") for x in [*r.findall("source"), *r.findall("target")])
            doc.chains.append((r.tag, r.get("note", "") or r.get("r_id", ""), ids))
    return text, doc


def iter_ecbplus(root: str | Path) -> Iterator[tuple[str, str, EcbDocument]]:
    """Yield ``(document id, text, EcbDocument)`` for every file under ``root/ecbplus/xml``, in
    topic order (:mod:`eventx.corpus.sources` makes them ``SourceDoc`` records)."""
    base = Path(root) / "ecbplus" / "xml"
    files = sorted(base.glob("*/*.xml"), key=lambda p: (topic_of(p.stem), p.stem))
    for path in files:
        text, doc = read_ecb_file(path)
        yield "ecbplus-" + path.stem, text, doc
