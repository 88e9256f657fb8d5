"""Each stage on hand-made inputs, no model (after GLiNER's decoder tests): windows, decoding to
character offsets, pair inputs, linking with custom roles, and the stages composed."""

import numpy as np
import pytest

from eventx.config import DEFAULT_ROLE_FIELDS, ModelConfig
from eventx.decoding import SpanDecoder
from eventx.linking import ArgSpan, TriggerSpan, link
from eventx.merge import merge_mentions
from eventx.pairs import sentence_gaps
from eventx.stages import (
    Candidate,
    Prepared,
    TagScores,
    TriggerRoles,
    WindowBatch,
    WindowCandidates,
    batch_windows,
    decode,
    link_roles,
    pair_inputs,
)
from eventx.windows import SpecialTokens, TokenizedText, Window, pad_windows, wrap_window

SPECIAL = SpecialTokens(cls=101, sep=102, pad=0, sentence_end=np.array([9]))
TAGS = ["O", "B-T:flood", "I-T:flood", "B-PLACE", "I-PLACE"]
TEXT = "Floods hit Dhaka. Rivers rose."


def _prepared(text: str, pieces: list[tuple[int, int]], ids: list[int], windows) -> Prepared:
    offsets = np.array(pieces, dtype=np.int64)
    tokens = TokenizedText(np.array(ids, dtype=np.int64), offsets,
                           np.ones(len(ids), dtype=np.int64))
    return Prepared(text, tokens, tuple(windows))


# pieces: "Flo" "##ods" "hit" "Dhaka" "." "Rivers" "rose" "."
PIECES = [(0, 3), (3, 6), (7, 10), (11, 16), (16, 17), (18, 24), (25, 29), (29, 30)]
IDS = [11, 12, 13, 14, 9, 15, 16, 9]


def _logits(path: list[int]) -> np.ndarray:
    """Logits that make ``path`` the clear best tag sequence (with [CLS] and [SEP] rows)."""
    out = np.zeros((len(path) + 2, len(TAGS)))
    for i, t in enumerate(path):
        out[i + 1, t] = 6.0
    return out


def test_batch_windows_pads_sorts_and_counts_sentence_ends():
    short = _prepared("a b", [(0, 1), (2, 3)], [11, 9], [Window(0, 2, 0, 2)])
    long = _prepared(TEXT, PIECES, IDS, [Window(0, 5, 0, 4), Window(3, 8, 4, 8)])
    batches = batch_windows([long, short], 2, SPECIAL)
    assert [b.docs for b in batches] == [(1, 0), (0,)]  # shortest first, stable
    first = batches[0]
    assert first.ids[0].tolist() == [101, 11, 9, 102, 0, 0, 0]
    assert first.ids[1].tolist() == [101, 11, 12, 13, 14, 9, 102]
    assert first.mask.sum(axis=1).tolist() == [4, 7]
    assert first.gaps[1].tolist() == [0, 0, 0, 0, 0, 1]
    assert batches[1].windows == (Window(3, 8, 4, 8),)


def test_training_and_inference_share_window_inputs():
    w = Window(1, 4, 1, 4)
    ids = wrap_window(np.array(IDS), w, 101, 102)
    padded, mask, casing = pad_windows([ids, ids[:3]], [np.ones(5, int), np.ones(3, int)], 0)
    assert padded.tolist() == [[101, 12, 13, 14, 102], [101, 12, 13, 0, 0]]
    assert mask.tolist() == [[1] * 5, [1, 1, 1, 0, 0]]
    assert sentence_gaps(np.array(IDS), SPECIAL.sentence_end).tolist() == [0, 0, 0, 0, 0, 1, 1, 1, 2]


def test_decode_gives_word_offsets_and_keeps_triggers_of_the_core_only():
    doc = _prepared(TEXT, PIECES, IDS, [Window(0, 5, 0, 3), Window(3, 8, 3, 8)])
    batch = batch_windows([doc], 2, SPECIAL)[0]
    # window 0 (core: pieces 0-2): "##ods" alone is tagged a trigger (widened to "Floods"),
    # "Dhaka" a place; window 1 (core: pieces 3-7): "Dhaka" a place again, "Rivers" a trigger
    logits = np.stack([_logits([0, 1, 0, 3, 0]), _logits([3, 0, 1, 0, 0])])
    found = decode(TagScores(logits), batch, [doc], SpanDecoder(TAGS), trigger_threshold=0.5)
    first, second = found
    assert [(c.char_start, c.char_end, c.label) for c in first.triggers] == [(0, 6, "T:flood")]
    assert [(TEXT[c.char_start:c.char_end], c.start) for c in first.arguments] == [("Dhaka", 3)]
    assert [c.label for c in first.owned] == ["T:flood"]  # "Dhaka" belongs to the next core
    assert [TEXT[c.char_start:c.char_end] for c in second.triggers] == ["Rivers"]
    assert [TEXT[c.char_start:c.char_end] for c in second.owned] == ["Dhaka", "Rivers"]
    high = decode(TagScores(logits), batch, [doc], SpanDecoder(TAGS), trigger_threshold=1.0)
    assert not any(wc.triggers for wc in high)


def test_pair_inputs_rows_per_trigger_and_argument():
    batch = WindowBatch(np.zeros((1, 10), int), np.ones((1, 10), int), np.zeros((1, 10), int),
                        (0,), (Window(0, 8, 0, 8),), (np.array([0, 0, 0, 0, 0, 1, 1, 1, 2]),))
    trig = Candidate(0, 2, 0, 6, "T:flood", 0.9)
    args = (Candidate(3, 4, 11, 16, "PLACE", 0.8), Candidate(5, 6, 18, 24, "PLACE", 0.7))
    rows, owners = pair_inputs([WindowCandidates(0, 0, (trig,), (trig,), args)], batch)
    assert rows[:, :5].tolist() == [[0, 1, 3, 4, 5], [0, 1, 3, 6, 7]]
    assert rows[:, 6].tolist() == [0, 1]  # "Rivers" is one sentence on
    assert owners == [(owners[0][0], trig)]


def test_a_custom_role_reaches_the_record():
    """A role outside the built-in names is in ``arguments`` (it used to vanish), and fills a
    typed field when the role-to-field map says so."""
    trig = TriggerSpan(0, 6, "flood", 0.9)
    args = [ArgSpan(11, 16, "PLACE", 0.8)]
    alone = link(TEXT, trig, args, np.array([[0.9]]), {"affected_area": "PLACE"}, 0.5)
    assert [(a.role, a.text, a.start, a.end) for a in alone.arguments] == \
        [("affected_area", "Dhaka", 11, 16)]
    assert alone.where == ()
    mapped = link(TEXT, trig, args, np.array([[0.9]]), {"affected_area": "PLACE"}, 0.5,
                  {"affected_area": "where"})
    assert [p.text for p in mapped.where] == ["Dhaka"]


def test_link_with_the_default_map_fills_every_typed_field():
    text = "Police seized 40 kg of heroin in Subotica on Monday; two men were hurt."
    roles = {r: k for r, k in [("agent", "P"), ("target", "P"), ("place", "L"), ("time", "T"),
                               ("item", "I"), ("quantity", "Q"), ("injured", "P")]}

    def arg(word, kind):
        start = text.index(word)
        return ArgSpan(start, start + len(word), kind, 0.9)

    args = [arg("Police", "P"), arg("40 kg", "Q"), arg("heroin", "I"), arg("Subotica", "L"),
            arg("Monday", "T"), arg("two men", "P")]
    probs = np.zeros((len(args), len(roles)))
    for i, r in enumerate(["agent", "quantity", "item", "place", "time", "injured"]):
        probs[i, list(roles).index(r)] = 0.9
    probs[5, 1] = 0.95  # "two men" is also the more likely target than agent: target wins
    probs[5, 0] = 0.6
    ev = link(text, TriggerSpan(7, 13, "seizure", 0.8), args, probs, roles, 0.5)
    assert [(p.text, p.role) for p in ev.who] == [("Police", "agent"), ("two men", "target")]
    assert [p.text for p in ev.where] == ["Subotica"] and ev.when.text == "Monday"
    assert ev.casualties.injured.text == "two men"
    assert [(s.item.text, s.quantity.text) for s in ev.seizures] == [("heroin", "40 kg")]
    assert [a.role for a in ev.arguments] == ["agent", "quantity", "item", "place", "time",
                                              "target", "injured"]
    assert ev == link(text, TriggerSpan(7, 13, "seizure", 0.8), args, probs, roles, 0.5,
                      DEFAULT_ROLE_FIELDS)


def test_link_roles_and_merge_keep_custom_arguments():
    config = ModelConfig(encoder={}, event_types=["flood"], roles={"affected_area": "PLACE"})
    assert config.role_fields == {}  # no built-in role: nothing maps to a typed field
    trig = Candidate(0, 2, 0, 6, "T:flood", 0.9)
    place = Candidate(3, 4, 11, 16, "PLACE", 0.8)
    second = Candidate(5, 6, 18, 24, "T:flood", 0.9)
    items = [TriggerRoles(0, 0, trig, (place,), np.array([[0.9]])),
             TriggerRoles(0, 0, second, (place,), np.array([[0.7]]))]
    mentions = [ev for _, ev in link_roles(items, [TEXT], config)]
    assert [[a.text for a in m.arguments] for m in mentions] == [["Dhaka"], ["Dhaka"]]
    merged = merge_mentions(mentions, TEXT)
    assert len(merged) == 1 and [a.role for a in merged[0].arguments] == ["affected_area"]


def test_old_model_configs_get_the_default_role_fields():
    config = ModelConfig(encoder={}, event_types=["attack"],
                         roles={"agent": "PARTICIPANT", "location": "PLACE"})
    assert config.role_fields == {"agent": "who.agent"}
    with pytest.raises(ValueError, match="role_fields"):
        ModelConfig(encoder={}, event_types=["attack"], roles={"agent": "PARTICIPANT"},
                    role_fields={"agent": "who.boss"})


def test_link_roles_takes_modality_from_the_head_or_else_from_the_words():
    text = "Border guards did not detain anyone at the crossing."
    start = text.index("detain")
    trig = Candidate(0, 1, start, start + 6, "T:arrest", 0.9)
    config = ModelConfig(encoder={}, event_types=["arrest"], roles={"agent": "PARTICIPANT"})
    items = [TriggerRoles(0, 0, trig, (), np.zeros((0, 1)))]
    (_, event), = link_roles(items, [text], config)
    assert event.modality == "negated"  # no modality head: the words before "detain"
    headed = config.model_copy(update={"modalities": ["actual", "planned", "negated"]})
    items = [TriggerRoles(0, 0, trig, (), np.zeros((0, 1)), "planned")]
    (_, event), = link_roles(items, [text], headed)
    assert event.modality == "planned"  # a modality head decides, whatever the words


def test_link_roles_holds_agents_as_far_as_the_model_says():
    text = "Police patrolled the area on Monday. A man shot a clerk in Dayton."
    shot, police, clerk = text.index("shot"), text.index("Police"), text.index("a clerk")
    trig = Candidate(0, 1, shot, shot + 4, "T:attack", 0.9)
    args = (Candidate(0, 1, police, police + 6, "PARTICIPANT", 0.9),
            Candidate(0, 1, clerk, clerk + 7, "PARTICIPANT", 0.9))
    probs = np.array([[0.95, 0.0], [0.0, 0.9]])
    items = [TriggerRoles(0, 0, trig, args, probs)]

    def who(config):
        (_, event), = link_roles(items, [text], config)
        return [(p.text, p.role) for p in event.who]

    roles = {"agent": "PARTICIPANT", "target": "PARTICIPANT"}
    free = ModelConfig(encoder={}, event_types=["attack"], roles=roles)
    held = free.model_copy(update={"sentences_away": {"who.agent": 0}})
    assert who(free) == [("Police", "agent"), ("a clerk", "target")]
    assert who(held) == [("a clerk", "target")]
    with pytest.raises(ValueError, match="sentences_away"):
        ModelConfig(encoder={}, event_types=["attack"], roles=roles,
                    sentences_away={"who.boss": 0})
