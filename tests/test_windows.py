from hypothesis import given
from hypothesis import strategies as st

from eventx.windows import casing_class, plan_windows


@given(n=st.integers(0, 3000), size=st.integers(8, 300), frac=st.floats(0, 0.49),
       even=st.booleans())
def test_window_cores_partition_the_tokens(n, size, frac, even):
    overlap = int(size * frac)
    if 2 * overlap >= size:
        return
    windows = plan_windows(n, size, overlap, even=even)
    covered = [t for w in windows for t in range(w.core_start, w.core_end)]
    assert covered == list(range(n))
    for w in windows:
        assert 0 <= w.start <= w.core_start <= w.core_end <= w.end <= n
        assert w.end - w.start <= size
    for a, b in zip(windows, windows[1:]):
        assert a.end - b.start >= overlap  # consecutive windows share at least `overlap` tokens


@given(n=st.integers(0, 3000), size=st.integers(8, 300), frac=st.floats(0, 0.49))
def test_even_windows_are_as_many_and_never_more_work(n, size, frac):
    overlap = int(size * frac)
    if 2 * overlap >= size:
        return
    full, even = plan_windows(n, size, overlap), plan_windows(n, size, overlap, even=True)
    assert len(even) == len(full)
    assert sum(w.end - w.start for w in even) <= sum(w.end - w.start for w in full)


def test_short_text_is_one_window_and_empty_text_none():
    assert [(w.start, w.end) for w in plan_windows(5, 10, 2)] == [(0, 5)]
    assert plan_windows(0, 10, 2) == []


def test_casing_classes():
    assert [casing_class(s) for s in ["police", "Police", "POLICE", "McDonald", "27", ",", "I"]] == [
        1, 2, 3, 4, 5, 6, 2]


def test_a_models_config_chooses_the_window_plan(tiny_model_dir, tmp_path):
    import json
    import shutil

    from eventx import Extractor

    sentence = "Police arrested two men in the city on Monday. "
    folder = tmp_path / "even"
    shutil.copytree(tiny_model_dir, folder)
    config = json.loads((folder / "config.json").read_text())
    (folder / "config.json").write_text(json.dumps({**config, "even_windows": True}))
    full = Extractor.from_pretrained(tiny_model_dir, device="cpu", backend="torch")
    even = Extractor.from_pretrained(folder, device="cpu", backend="torch")
    assert not full.config.even_windows and even.config.even_windows

    def pieces(ex, text):
        from eventx.stages import prepare_inference

        (prep,) = prepare_inference(ex.tokenizer, [text], ex.config)
        return len(prep.windows), sum(w.end - w.start for w in prep.windows)

    saved = 0
    for n in range(2, 12):
        text = sentence * n + "They left."
        (n_full, work_full), (n_even, work_even) = pieces(full, text), pieces(even, text)
        assert n_full == n_even and work_even <= work_full
        saved += work_full - work_even
    assert saved > 0
    assert even(sentence * 5) is not None
