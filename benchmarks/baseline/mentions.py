"""A parsed document's trigger mentions with their argument candidates, and the event of each."""

from __future__ import annotations

from typing import Any

import numpy as np

from benchmarks.baseline.arguments import (
    Candidate,
    _casualties,
    _counted,
    _fallback_participants,
    _items,
    _lethal,
    _participants,
    _places,
    _time,
    _with_goods,
)
from benchmarks.baseline.lexicon import _ATTACHES, _SIDE
from benchmarks.baseline.parse import _np, _overlaps
from benchmarks.baseline.triggers import _find_triggers
from eventx.corpus.format import DEFAULT_ROLES
from eventx.linking import ArgSpan, TriggerSpan, link
from eventx.schema import Event


def _mention(sent, start: int, end: int, etype: str, tok, fallback: bool) -> list[Candidate]:
    """The argument candidates of one trigger (casualties are added per sentence)."""
    parts = _participants(tok, etype)
    if not parts and fallback:
        parts = _fallback_participants(tok, etype, sent)
    trig = [(start, end)]
    args: list[Candidate] = []
    for t, role in parts:
        span = _np(t)
        if span is not None and not _overlaps(*span, trig):
            args.append((*span, role))
    if etype in ("seizure", "smuggling"):
        args += [a for a in _items(tok, sent) if not _overlaps(a[0], a[1], trig)]
    if etype == "attack" and _lethal(tok):
        args += [(a, b, "killed") for a, b, r in args
                 if r == "target" and _counted(sent.doc.text[a:b], "killed")]
    taken = [(a, b) for a, b, _ in args] + trig
    args += [(*p, "place") for p in _places(sent, taken, tok)]
    when = _time(sent, start)
    return args + ([(*when, "time")] if when else [])


def _doc_mentions(doc, fallback: bool = False) -> list[tuple[TriggerSpan, list[Candidate]]]:
    """Every trigger mention of a parsed document with its argument candidates."""
    out: list[tuple[TriggerSpan, list[Candidate], Any]] = []
    previous: list = []
    for sent in doc.sents:
        records = []
        for start, end, etype, tok in _find_triggers(sent, after_event=bool(previous)):
            args = _mention(sent, start, end, etype, tok, fallback)
            records.append((TriggerSpan(start, end, etype, 1.0), args, tok))
            goods = _with_goods(tok) if etype == "arrest" else []
            if goods:
                shared = [a for a in args if a[2] in ("agent", "place", "time")]
                records.append((TriggerSpan(start, end, "seizure", 1.0), shared + goods, tok))
        pool = [r for r in records if r[0].type in _ATTACHES] or previous
        for a, b, kind, anchor in _casualties(sent) if pool else []:
            trig, args, _ = min(pool, key=lambda r: abs(r[2].i - anchor))
            if not _overlaps(a, b, [(trig.start, trig.end)]):
                args.append((a, b, kind))
                if trig.type == "attack":
                    args.append((a, b, "target"))
        previous = [r for r in records if r[0].type in _ATTACHES]
        out += records
    return [(t, args) for t, args, _ in out]


def _build_event(text: str, trig: TriggerSpan, cands: list[Candidate]) -> Event:
    """One mention's event, through eventx's own :func:`~eventx.linking.link` (one-hot roles)."""
    groups: dict[tuple[int, int, str], list[str]] = {}
    for a, b, role in cands:
        roles = groups.setdefault((a, b, DEFAULT_ROLES[role]), [])
        if role not in roles and not (role in _SIDE and _SIDE & set(roles)):
            roles.append(role)
    names = list(DEFAULT_ROLES)
    probs = np.zeros((len(groups), len(names)))
    for i, roles in enumerate(groups.values()):
        probs[i, [names.index(r) for r in roles]] = 1.0
    args = [ArgSpan(a, b, kind, 1.0) for a, b, kind in groups]
    return link(text, trig, args, probs, DEFAULT_ROLES, 0.5)
