"""Convert RAMS 1.0 windows (``rams/{dev,test}.jsonlines``) into events.

A RAMS window has one trigger and its typed argument links. Offsets come from the token offsets
of the detokenized text (``SourceDoc.raw["token_offsets"]``, token spans inclusive).

=====================================================  ===============  ==========================
RAMS event type                                        ours             roles
=====================================================  ===============  ==========================
``conflict.attack.*`` (not ``stealrobhijack``)         ``attack``       attacker -> agent,
                                                                        target -> target
``conflict.attack.selfdirectedbattle`` with a          ``armed_clash``  attacker, target -> agent
clash word as trigger (battle, clash, war, fighting)
``justice.arrestjaildetain.*``                         ``arrest``       jailer -> agent,
                                                                        detainee -> target
``movement.transportartifact.smuggleextract``          ``smuggling``    transporter -> agent,
                                                                        artifact -> item
``movement.transportperson.smuggleextract``            ``smuggling``    transporter -> agent,
                                                                        passenger -> target
``conflict.demonstrate.*``                             ``protest``      demonstrator -> agent
``government.agreements.acceptagreementcontract...``   ``agreement``    participant -> agent
``life.die.*`` with a killer and an attack word        ``attack``       killer -> agent, victim ->
as trigger                                                              target (+ killed)
``life.injure.*`` with an injurer and an attack word   ``attack``       injurer -> agent, victim ->
as trigger                                                              target (+ injured)
=====================================================  ===============  ==========================

``place``, ``origin`` and ``destination`` -> ``place``; instruments, vehicles and crimes are
dropped. Judgement calls: ``selfdirectedbattle`` (a battle whose sides both fight) is
``armed_clash`` with both sides as agents, as the guidelines say for clashes, where its trigger is
a clash word (``clash`` lexicon of :mod:`eventx.corpus.triggers`); RAMS also files one-sided
violence there ("massacre", "bombarding"), which becomes ``attack`` (attacker -> agent, target ->
target) where the trigger is an ``attack`` lexicon word, and anything else ("coup") is left out.
``stealrobhijack`` is left out, as MUC-4 robberies are; ``government.agreements.n/a`` is left out
(it mostly names an agreement, not its making); a death or injury whose trigger is no attack word
("illness", "starvation") is left out.
A window's life.die / life.injure can fold into no attack of the same window (RAMS annotates one
event per window), so it becomes an attack only where a killer / injurer is given. A victim is
``killed`` / ``injured`` only where the phrase says how many (:func:`is_countable`).

Windows whose event maps to none of our types are left out (they are only partially annotated:
a zero-event window would teach the model that its attacks and arrests are not events). So are
windows whose trigger a modal, negation or conditional just before it marks as not having
happened (``would explode the debt``, ``a free hand to massacre``; :func:`irrealis`): RAMS
annotates those, the guidelines do not.
"""

from __future__ import annotations

from collections.abc import Iterable

from eventx.corpus.casualties import is_countable
from eventx.corpus.convert import ConversionReport, EventDraft, finish_document
from eventx.corpus.format import Document
from eventx.corpus.sources import SourceDoc
from eventx.corpus.triggers import in_lexicon

__all__ = ["convert_rams", "irrealis", "map_event"]

_PLACE = {"place": "place", "origin": "place", "destination": "place"}
_ROLES: dict[str, dict[str, str]] = {
    "attack": {"attacker": "agent", "target": "target"} | _PLACE,
    "armed_clash": {"attacker": "agent", "target": "agent"} | _PLACE,
    "arrest": {"jailer": "agent", "detainee": "target"} | _PLACE,
    "smuggling": {"transporter": "agent", "artifact": "item", "passenger": "target"} | _PLACE,
    "protest": {"demonstrator": "agent"} | _PLACE,
    "agreement": {"participant": "agent"} | _PLACE,
    "die": {"killer": "agent", "victim": "target"} | _PLACE,
    "injure": {"injurer": "agent", "victim": "target"} | _PLACE,
}


def _role(link_role: str) -> str:
    """``evt089arg01victim`` -> ``victim``."""
    name = link_role
    if name.startswith("evt") and "arg" in name:
        name = name.split("arg", 1)[1].lstrip("0123456789")
    return name


def map_event(rams_type: str, roles: set[str], trigger: str) -> str | None:
    """Our event type for a RAMS event type, its argument roles and trigger word; None where
    none maps (``"die"`` / ``"injure"`` for a death or injury that becomes an attack).

    Example:
        >>> map_event("conflict.attack.selfdirectedbattle", set(), "clashes")
        'armed_clash'
        >>> map_event("life.die.deathcausedbyviolentevents", {"victim"}, "killed") is None
        True
    """
    if rams_type.endswith(".selfdirectedbattle"):
        if in_lexicon(trigger, "clash"):
            return "armed_clash"
        return "attack" if in_lexicon(trigger, "attack") else None
    if rams_type.startswith("conflict.attack."):
        return None if rams_type.endswith(".stealrobhijack") else "attack"
    if rams_type.startswith("justice.arrestjaildetain."):
        return "arrest"
    if rams_type.endswith(".smuggleextract") and rams_type.startswith("movement."):
        return "smuggling"
    if rams_type.startswith("conflict.demonstrate."):
        return "protest"
    if rams_type.startswith("government.agreements.accept"):
        return "agreement"
    if not in_lexicon(trigger, "attack"):
        return None
    if rams_type.startswith("life.die.") and "killer" in roles:
        return "die"
    if rams_type.startswith("life.injure.") and "injurer" in roles:
        return "injure"
    return None


_IRREALIS = frozenset("would could will may might should can cannot wo 'd n't not never no if "
                      "unless".split())


def irrealis(tokens: list[str], trigger_start: int) -> bool:
    """True where a modal, negation or conditional in the three tokens before the trigger (or
    ``to`` right before it) marks the event as not having happened (``would explode``)."""
    before = [t.lower() for t in tokens[max(0, trigger_start - 3):trigger_start]]
    if before and before[-1] == "to":
        return True
    cut = max((i + 1 for i, t in enumerate(before) if t in {".", "!", "?", ";"}), default=0)
    return any(t in _IRREALIS for t in before[cut:])


def convert_rams_doc(doc: SourceDoc, report: ConversionReport) -> Document | None:
    """Convert one RAMS window, or None where its event maps to none of our types."""
    raw, text = doc.raw, doc.text
    offsets = raw["token_offsets"]
    (t_start, t_end, labels), = raw["evt_triggers"][:1] or [(0, 0, [["", 1.0]])]
    rams_type = labels[0][0]
    links = [(tuple(arg), _role(role)) for _, arg, role in raw.get("gold_evt_links") or []]
    trigger = (offsets[t_start][0], offsets[t_end][1])
    kind = map_event(rams_type, {r for _, r in links}, text[trigger[0]:trigger[1]])
    if kind is None:
        report.add("rams.skipped.unmapped_type")
        return None
    tokens = [t for sent in raw["sentences"] for t in sent]
    if irrealis(tokens, t_start):
        report.add("rams.skipped.irrealis")
        return None
    ours = "attack" if kind in ("die", "injure") else kind
    draft = EventDraft(text, ours, "rams", report)
    for (a, b), role in links:
        mapped = _ROLES[kind].get(role)
        if mapped is None:
            report.add(f"rams.args_dropped.{role}")
            continue
        span = (offsets[a][0], offsets[b][1])
        draft.add(mapped, span)
        if kind in ("die", "injure") and role == "victim":
            if is_countable(text[span[0]:span[1]]):
                draft.add("killed" if kind == "die" else "injured", span)
            else:
                report.add("rams.casualty_without_count")
    if kind in ("die", "injure"):
        report.add(f"rams.attack_from_{kind}")
    event = draft.build(trigger)
    return finish_document(doc.id, text, "rams", doc.published, [event], [None], report)


def convert_rams(docs: Iterable[SourceDoc], report: ConversionReport | None = None
                 ) -> list[Document]:
    """Convert RAMS windows; windows whose event maps to none of our types are left out.

    Args:
        docs: source records; others than RAMS are ignored.
        report: collects counters (``rams.skipped.unmapped_type``, ...).
    """
    report = report if report is not None else ConversionReport()
    out = []
    for d in docs:
        if d.source == "rams":
            converted = convert_rams_doc(d, report)
            if converted is not None:
                out.append(converted)
    return out
