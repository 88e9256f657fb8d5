"""Features of (trigger, argument) span pairs for the relation model (pure numpy)."""

from __future__ import annotations

import numpy as np

__all__ = ["DISTANCE_BUCKETS", "SENTENCE_GAPS", "distance_bucket", "pair_features", "sentence_gaps"]

#: signed log-scale buckets of the token distance from trigger to argument
DISTANCE_BUCKETS = 21
#: sentence ends between trigger and argument: 0, 1, 2, 3 or more
SENTENCE_GAPS = 4


def distance_bucket(delta: np.ndarray) -> np.ndarray:
    """Map signed token distances to ``[0, DISTANCE_BUCKETS)`` (10 = same start).

    >>> distance_bucket(np.array([-100, -3, 0, 2, 7, 40])).tolist()
    [0, 7, 10, 12, 15, 18]
    """
    mag = np.abs(delta)
    b = np.where(mag < 5, mag, np.minimum(5 + np.floor(np.log2(np.maximum(mag, 1) / 4)), 10))
    return (10 + np.sign(delta) * b).astype(np.int64)


def sentence_gaps(window_ids: np.ndarray, sentence_end: np.ndarray) -> np.ndarray:
    """``gaps[i]`` = sentence ends among a window's first ``i`` word pieces (the ``gaps`` of
    :func:`pair_features`), for training and inference alike.

    >>> sentence_gaps(np.array([5, 1, 7, 1, 9]), np.array([1])).tolist()
    [0, 0, 1, 1, 2, 2]
    """
    return np.concatenate([[0], np.cumsum(np.isin(window_ids, sentence_end))]).astype(np.int64)


def pair_features(window_index: int, trigger, args, gaps: np.ndarray) -> np.ndarray:
    """Rows for :meth:`eventx.model.EventxModel.relation_logits`.

    Args:
        window_index: the window's row in the batch.
        trigger: an object with token ``start``/``end`` in the window (without [CLS]).
        args: objects with token ``start``/``end``.
        gaps: ``gaps[i]`` = sentence ends among the window's first ``i`` tokens.

    Returns:
        ``(len(args), 7)`` int64: window, trigger start/end, argument start/end (shifted by one
        for [CLS]), distance bucket, sentence gap.
    """
    rows = np.zeros((len(args), 7), dtype=np.int64)
    if not args:
        return rows
    a_start = np.array([a.start for a in args])
    rows[:, 0] = window_index
    rows[:, 1], rows[:, 2] = trigger.start + 1, trigger.end + 1
    rows[:, 3] = a_start + 1
    rows[:, 4] = np.array([a.end for a in args]) + 1
    rows[:, 5] = distance_bucket(a_start - trigger.start)
    rows[:, 6] = np.minimum(np.abs(gaps[a_start] - gaps[trigger.start]), SENTENCE_GAPS - 1)
    return rows
