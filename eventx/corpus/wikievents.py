"""Convert WikiEvents documents (``wikievents/dev.jsonl``, KAIROS ontology) into events.

==============================================  =============  ===================================
KAIROS event type                               ours           roles
==============================================  =============  ===================================
``Conflict.Attack.*``                           ``attack``     Attacker -> agent, Target -> target
``Justice.ArrestJailDetain.*``                  ``arrest``     Jailer -> agent, Detainee -> target
``Conflict.Demonstrate.*``                      ``protest``    Demonstrator -> agent
``Movement.Transportation.IllegalTransportation``  ``smuggling``  Transporter -> agent,
                                                               PassengerArtifact -> target (a
                                                               person) or item (anything else)
``Life.Die.*`` / ``Life.Injure.*``              folded         Killer / Injurer -> agent,
                                                               Victim -> target + killed / injured
==============================================  =============  ===================================

``Place``, ``Origin`` and ``Destination`` -> ``place``; instruments, explosive devices, vehicles and
the rest are dropped. A death or injury *folds* into the attack it belongs to: the attack mention
in the same sentence with the nearest trigger, else in the sentence before or after; its victim
becomes a ``target`` of that attack, and ``killed`` / ``injured`` where the phrase says how many
(:func:`~eventx.corpus.casualties.is_countable`), its killer an ``agent``, its place a ``place``.
Where no attack is near, it becomes an ``attack`` of its own (trigger: its trigger) if a killer /
injurer is given and its trigger is an attack word; otherwise it is dropped (and counted).

WikiEvents entity mentions are heads (``general``); participants are widened to their determiner
or number (``a major general``, :func:`~eventx.corpus.textutil.expand_np_left`). The stored token
offsets drift from ``text``, so every token is re-anchored by searching forward from the end of
the previous one (as ``../shared/eval/score.py`` does). Documents whose events map to none of our
types are kept with no events: WikiEvents annotates documents densely.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from eventx.corpus.casualties import is_countable
from eventx.corpus.convert import ConversionReport, EventDraft, finish_document
from eventx.corpus.format import Document
from eventx.corpus.sources import SourceDoc
from eventx.corpus.textutil import Span, expand_np_left
from eventx.corpus.triggers import in_lexicon

__all__ = ["convert_wikievents", "reanchor_tokens"]

_ROLES: dict[str, dict[str, str]] = {
    "attack": {"Attacker": "agent", "Target": "target", "Place": "place"},
    "arrest": {"Jailer": "agent", "Detainee": "target", "Place": "place"},
    "protest": {"Demonstrator": "agent", "Place": "place"},
    "smuggling": {"Transporter": "agent", "PassengerArtifact": "item", "Origin": "place",
                  "Destination": "place"},
    "die": {"Killer": "agent", "Victim": "target", "Place": "place"},
    "injure": {"Injurer": "agent", "Victim": "target", "Place": "place"},
}


def map_type(kairos: str) -> str | None:
    """Our type for a KAIROS event type (``"die"`` / ``"injure"`` for the ones that fold)."""
    if kairos.startswith("Conflict.Attack."):
        return "attack"
    if kairos.startswith("Justice.ArrestJailDetain."):
        return "arrest"
    if kairos.startswith("Conflict.Demonstrate."):
        return "protest"
    if kairos == "Movement.Transportation.IllegalTransportation":
        return "smuggling"
    if kairos.startswith("Life.Die."):
        return "die"
    if kairos.startswith("Life.Injure."):
        return "injure"
    return None


def reanchor_tokens(text: str, tokens: list[str]) -> list[Span]:
    """Offsets of ``tokens`` in ``text``, each searched for from the end of the previous one.

    A token not found within 200 characters is placed at the cursor (zero width).
    """
    out: list[Span] = []
    cur = 0
    for tok in tokens:
        k = text.find(tok, cur, cur + 200 + len(tok))
        if k < 0:
            out.append((cur, cur))
            continue
        out.append((k, k + len(tok)))
        cur = k + len(tok)
    return out


@dataclass
class _Mention:
    kind: str
    trigger: Span
    token: int
    sent: int
    args: list[tuple[str, Span, str]]


def _mentions(d: dict, text: str, report: ConversionReport) -> list[_Mention]:
    toks, sent_of = [], []
    for i, sent in enumerate(d["sentences"]):
        for tok in sent[0]:
            toks.append(tok[0])
            sent_of.append(i)
    offs = reanchor_tokens(text, toks)
    ents = {e["id"]: e for e in d.get("entity_mentions") or []}
    out = []
    for ev in d.get("event_mentions") or []:
        kind = map_type(ev["event_type"])
        if kind is None:
            report.add("wikievents.skipped_mentions")
            continue
        ts, te = ev["trigger"]["start"], ev["trigger"]["end"]
        args = []
        for a in ev.get("arguments") or []:
            ent = ents.get(a["entity_id"])
            role = _ROLES[kind].get(a["role"])
            if ent is None or role is None:
                report.add(f"wikievents.args_dropped.{a['role']}")
                continue
            if kind == "smuggling" and a["role"] == "PassengerArtifact" and \
                    ent.get("entity_type") == "PER":
                role = "target"
            span = (offs[ent["start"]][0], offs[ent["end"] - 1][1])
            args.append((role, span, a["role"]))
        out.append(_Mention(kind, (offs[ts][0], offs[te - 1][1]), ts, sent_of[ts], args))
    return out


def _add_args(draft: EventDraft, mention: _Mention) -> None:
    text = draft.text
    for role, (s, e), source_role in mention.args:
        if role in ("agent", "target"):
            s, e = expand_np_left(text, s, e)
        draft.add(role, (s, e))
        if source_role == "Victim":
            kind = "killed" if mention.kind == "die" else "injured"
            if is_countable(text[s:e]):
                draft.add(kind, (s, e))
            else:
                draft.report.add("wikievents.casualty_without_count")


def _home(m: _Mention, attacks: list[_Mention]) -> _Mention | None:
    for reach in (0, 1):
        near = [a for a in attacks if abs(a.sent - m.sent) <= reach]
        if near:
            return min(near, key=lambda a: (abs(a.token - m.token), a.token))
    return None


def convert_wikievents_doc(doc: SourceDoc, report: ConversionReport) -> Document:
    """Convert one WikiEvents document (see the module docstring)."""
    text = doc.text
    mentions = _mentions(doc.raw, text, report)
    attacks = [m for m in mentions if m.kind == "attack"]
    drafts: dict[int, tuple[_Mention, EventDraft]] = {}
    for m in mentions:
        if m.kind in ("die", "injure"):
            continue
        draft = EventDraft(text, m.kind, "wikievents", report)
        _add_args(draft, m)
        drafts[id(m)] = (m, draft)
    for m in mentions:
        if m.kind not in ("die", "injure"):
            continue
        home = _home(m, attacks)
        if home is not None:
            _add_args(drafts[id(home)][1], m)
            report.add(f"wikievents.{m.kind}_folded")
        elif any(src in ("Killer", "Injurer") for _, _, src in m.args) and \
                in_lexicon(text[m.trigger[0]:m.trigger[1]], "attack"):
            draft = EventDraft(text, "attack", "wikievents", report)
            _add_args(draft, m)
            drafts[id(m)] = (m, draft)
            report.add(f"wikievents.{m.kind}_as_attack")
        else:
            report.add(f"wikievents.{m.kind}_dropped")
    ordered = sorted(drafts.values(), key=lambda md: (md[0].trigger, md[0].token))
    events = [draft.build(m.trigger) for m, draft in ordered if m.trigger[0] < m.trigger[1]]
    return finish_document(doc.id, text, "wikievents", doc.published, events,
                           [None] * len(events), report)


def convert_wikievents(docs: Iterable[SourceDoc], report: ConversionReport | None = None
                       ) -> list[Document]:
    """Convert WikiEvents documents (every one is kept, with no events where none maps).

    Args:
        docs: source records; others than WikiEvents are ignored.
        report: collects counters (folded, dropped deaths and injuries, ...).
    """
    report = report if report is not None else ConversionReport()
    return [convert_wikievents_doc(d, report) for d in docs if d.source == "wikievents"]
