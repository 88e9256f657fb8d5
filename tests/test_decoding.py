"""Decoding on hand-built scores, no model (after GLiNER's decoder tests)."""

import numpy as np

from eventx.decoding import bio_spans, decode_tags, log_softmax, transition_mask

TAGS = ["O", "B-T:arrest", "I-T:arrest", "B-PARTICIPANT", "I-PARTICIPANT"]


def scores(rows):
    return np.log(np.array(rows, dtype=float))


def test_viterbi_never_starts_a_span_with_inside():
    allowed, first = transition_mask(TAGS)
    # Token 0 prefers I-PARTICIPANT, which cannot start a span: B-PARTICIPANT is chosen instead.
    lp = scores([[0.1, 0.05, 0.05, 0.3, 0.5], [0.1, 0.05, 0.05, 0.1, 0.7], [0.9, 0.025, 0.025, 0.025, 0.025]])
    path = decode_tags(lp, allowed, first)
    assert [TAGS[i] for i in path] == ["B-PARTICIPANT", "I-PARTICIPANT", "O"]


def test_inside_cannot_switch_label():
    allowed, first = transition_mask(TAGS)
    lp = scores([[0.05, 0.8, 0.05, 0.05, 0.05], [0.3, 0.05, 0.05, 0.05, 0.55]])
    path = decode_tags(lp, allowed, first)
    assert [TAGS[i] for i in path] in (["B-T:arrest", "O"], ["B-T:arrest", "I-T:arrest"])
    assert TAGS[path[1]] != "I-PARTICIPANT"


def test_bio_spans_and_scores():
    probs = np.array([[0.9, 0.1, 0, 0, 0], [0.1, 0.8, 0.1, 0, 0], [0, 0, 0.6, 0, 0.4], [0.2, 0, 0, 0.8, 0]])
    path = np.array([0, 1, 2, 3])
    spans = bio_spans(path, TAGS, probs)
    assert [(s.start, s.end, s.label) for s in spans] == [(1, 3, "T:arrest"), (3, 4, "PARTICIPANT")]
    assert abs(spans[0].score - 0.7) < 1e-9 and abs(spans[1].score - 0.8) < 1e-9


def test_log_softmax_rows_sum_to_one():
    lp = log_softmax(np.random.default_rng(0).normal(size=(4, 5)))
    assert np.allclose(np.exp(lp).sum(axis=1), 1.0)


def test_empty_window():
    allowed, first = transition_mask(TAGS)
    assert decode_tags(np.zeros((0, len(TAGS))), allowed, first).shape == (0,)
