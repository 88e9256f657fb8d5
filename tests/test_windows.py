from hypothesis import given
from hypothesis import strategies as st

from eventx.windows import casing_class, plan_windows


@given(n=st.integers(0, 3000), size=st.integers(8, 300), frac=st.floats(0, 0.49))
def test_window_cores_partition_the_tokens(n, size, frac):
    overlap = int(size * frac)
    if 2 * overlap >= size:
        return
    windows = plan_windows(n, size, overlap)
    covered = [t for w in windows for t in range(w.core_start, w.core_end)]
    assert covered == list(range(n))
    for w in windows:
        assert 0 <= w.start <= w.core_start <= w.core_end <= w.end <= n
        assert w.end - w.start <= size
    for a, b in zip(windows, windows[1:]):
        assert a.end - b.start >= overlap  # consecutive windows share at least `overlap` tokens


def test_short_text_is_one_window_and_empty_text_none():
    assert [(w.start, w.end) for w in plan_windows(5, 10, 2)] == [(0, 5)]
    assert plan_windows(0, 10, 2) == []


def test_casing_classes():
    assert [casing_class(s) for s in ["police", "Police", "POLICE", "McDonald", "27", ",", "I"]] == [
        1, 2, 3, 4, 5, 6, 2]
