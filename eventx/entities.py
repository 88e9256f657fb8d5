"""Participants as entities: the mentions of one event's participants grouped by rules (pure).

"Woman", "A woman" and "the woman" linked as targets of one shooting are one participant, shown
by its most informative mention (a name over a description over a pronoun) and carrying every
mention in ``Participant.mentions``. Mentions are grouped per role, in text order:

* a pronoun ("him", "they") joins the nearest preceding mention of its role;
* any other mention joins an earlier entity of its role that has a mention with the same head
  noun (the last word, or the one before "of") where the words of one are among the other's
  ("A woman", "the woman"; "Bunn", "Timothy Bunn"; not "the ambassador", "the daughter of the
  ambassador"), or a description inside a name ("the gunman", "Gunman Timothy Bunn"); unless the
  two state different numbers of people ("two men", "three men"), one says "another" /
  "other" or names part of a group ("two of the kidnappers", "the kidnappers"). Two mentions
  that only share a head ("labor union leaders", "left-wing political leaders") stay apart;
* otherwise it starts an entity.

The count of an entity is its shown mention's, or the largest count among its mentions where the
shown one states none (:func:`entity_count`): a count is never added up over mentions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from eventx.schema import Participant, Span

__all__ = ["PRONOUNS", "entity_count", "group_participants", "mention_rank"]

#: words that make a pronoun mention on their own
PRONOUNS = frozenset(
    "he she they him her them it we us i you his hers their theirs its our ours himself herself "
    "themselves itself ourselves who whom which someone somebody".split())
_DETERMINERS = frozenset("the a an this that these those".split())
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_SENTENCE_END = re.compile(r"(?:^|[.!?:\"“”\n]\s*|\s[-–—]+\s*)$")
_NOT_SAME = re.compile(r"\b(?:another|other|others|second|third)\b", re.I)


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _content(text: str) -> list[str]:
    return [w.lower() for w in _words(text) if w.lower() not in _DETERMINERS]


def mention_rank(text: str, start: int, source: str | None = None) -> int:
    """2 for a name, 1 for a description, 0 for a pronoun.

    A mention is a name when one of its words is capitalized where a sentence does not start
    ("Timothy Bunn", "the Sinaloa cartel"; "Woman" opening a headline is a description). Text in
    capitals or in lower case says nothing about names: such a mention is a description.

    >>> mention_rank("the woman", 0), mention_rank("Timothy Bunn", 0), mention_rank("him", 0)
    (1, 2, 0)
    """
    words = [(m.group(), m.start()) for m in _WORD.finditer(text)]
    if not words:
        return 0
    if all(w.lower() in PRONOUNS for w, _ in words):
        return 0
    for w, at in words:
        if w.lower() in _DETERMINERS or not w[:1].isupper() or w.isupper() and len(w) > 1:
            continue
        if at > 0:
            return 2
        before = source[:start] if source is not None else ""
        if source is not None and not _SENTENCE_END.search(before[-40:]):
            return 2
    return 1


def _people(text: str) -> int | None:
    from eventx.normalize.numbers import participant_count

    return participant_count(text)


def entity_count(mentions: Iterable[Span], shown: Span) -> int | None:
    """The count of an entity: its shown mention's, else the largest of its mentions' counts.

    >>> ms = [Span(text="Police", start=0, end=6), Span(text="two officers", start=10, end=22)]
    >>> entity_count(ms, ms[0])
    2
    """
    own = _people(shown.text)
    if own is not None:
        return own
    counts = [c for c in (_people(m.text) for m in mentions) if c is not None]
    return max(counts) if counts else None


_PARTITIVE = frozenset(
    "one two three four five six seven eight nine ten some several many all most each none any "
    "both few number dozens hundreds thousands group total rest".split())


def _head(words: list[str]) -> str:
    """The head noun: the last word, or the word before "of" ("the daughter of the ambassador"),
    or the head after it where the word before is a quantity ("two of the kidnappers")."""
    if "of" in words:
        k = words.index("of")
        if k > 0 and words[k - 1] not in _PARTITIVE or k + 1 >= len(words):
            return words[k - 1] if k > 0 else words[-1]
        return _head(words[k + 1:])
    return words[-1]


def _part(words: list[str]) -> bool:
    """Whether a mention names part of a group ("two of the kidnappers")."""
    return "of" in words and words.index("of") > 0 and words[words.index("of") - 1] in _PARTITIVE


def _same(a: Span, b: Span, source: str | None) -> bool:
    wa, wb = _content(a.text), _content(b.text)
    if not wa or not wb or _NOT_SAME.search(b.text) or _NOT_SAME.search(a.text):
        return False
    ca, cb = _people(a.text), _people(b.text)
    if ca is not None and cb is not None and ca != cb:
        return False
    if not (set(wa) <= set(wb) or set(wb) <= set(wa)) or _part(wa) != _part(wb):
        return False
    if _head(wa) == _head(wb):
        return True
    # a description inside a name ("the gunman", "Gunman Timothy Bunn")
    longer = a if len(wa) > len(wb) else b
    return ("of" not in _content(longer.text)
            and mention_rank(longer.text, longer.start, source) == 2)


def group_participants(participants: Sequence[Participant],
                       source: str | None = None) -> tuple[Participant, ...]:
    """One participant per entity, in order of first mention.

    Args:
        participants: participant mentions of one event (their own ``mentions``, where set, are
            taken as already grouped: the function can regroup merged records).
        source: the text the spans point into (tells a name from a capitalized first word).

    Returns:
        Participants shown by their most informative mention (highest :func:`mention_rank`, then
        one that states a count, then the one of most content words, then of most words, then the
        first), with
        ``mentions`` (every span of the entity, text order) and ``count`` from :func:`entity_count`.

    Example:
        >>> text = "Woman shot. A woman was shot; the woman survived."
        >>> ps = [Participant(text=text[a:b], start=a, end=b, role="target")
        ...       for a, b in ((0, 5), (12, 19), (30, 39))]
        >>> [(p.text, [m.text for m in p.mentions]) for p in group_participants(ps, text)]
        [('A woman', ['Woman', 'A woman', 'the woman'])]
    """
    entities: list[tuple[str, list[Span]]] = []  # (role, mentions in text order)
    items = sorted(((p.role, m) for p in participants
                    for m in (p.mentions or (Span(text=p.text, start=p.start, end=p.end),))),
                   key=lambda x: (x[1].start, x[1].end))
    last: dict[str, int] = {}
    seen: set[tuple[str, int, int]] = set()
    # _same depends only on the two texts and their mention ranks: each entity is compared
    # through one mention per distinct (text, rank), so a long text that repeats its mentions
    # stays linear
    kinds: list[dict[tuple[str, int], Span]] = []
    for role, m in items:
        home = None
        if (role, m.start, m.end) in seen:
            continue
        seen.add((role, m.start, m.end))
        rank = mention_rank(m.text, m.start, source)
        if rank == 0:
            home = last.get(role)
        else:
            home = next((i for i, (r, _) in enumerate(entities)
                         if r == role and any(_same(s, m, source) for s in kinds[i].values())),
                        None)
        if home is None:
            entities.append((role, [m]))
            kinds.append({})
            home = len(entities) - 1
        else:
            entities[home][1].append(m)
        kinds[home].setdefault((m.text, rank), m)
        last[role] = home
    out = []
    for role, ms in entities:
        ms.sort(key=lambda s: (s.start, s.end))
        shown = max(ms, key=lambda s: (mention_rank(s.text, s.start, source),
                                       _people(s.text) is not None, len(_content(s.text)),
                                       len(_words(s.text)), -s.start))
        out.append(Participant(text=shown.text, start=shown.start, end=shown.end, role=role,
                               count=entity_count(ms, shown), mentions=tuple(ms)))
    return tuple(out)
