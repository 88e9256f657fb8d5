"""Calibrated scores, per-type thresholds, and the evaluation report's calibration, record-count
and modality figures (hand-built scores and events; the tiny random model for the extractor)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from eventx.calibration import (
    TriggerPair,
    apply_platt,
    calibrate_mentions,
    calibrate_model,
    choose_thresholds,
    expected_calibration_error,
    fit_platt,
    trigger_prefilter,
)
from eventx.config import ModelConfig, Thresholds
from eventx.corpus.format import DEFAULT_ROLES, Document
from eventx.extractor import Analysis
from eventx.schema import Event, Participant, Span

TEXT = "Police arrested two men. Rebels attacked a village. Gunmen attacked a bus."


def _config(**kw) -> ModelConfig:
    return ModelConfig(encoder={}, event_types=["arrest", "attack"], roles=dict(DEFAULT_ROLES), **kw)


def _event(word: str, etype: str, score: float, modality: str = "actual", nth: int = 0) -> Event:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return Event(type=etype, trigger=Span(text=word, start=start, end=start + len(word)),
                 score=score, modality=modality)


def _synthetic(a: float, b: float, n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    raw = rng.uniform(0.02, 0.98, n)
    right = rng.uniform(size=n) < apply_platt(raw, [a, b])
    return raw, right


def test_platt_recovers_the_parameters_that_made_the_labels():
    raw, right = _synthetic(2.0, -1.0, 20_000)
    a, b = fit_platt(raw, right)
    assert a == pytest.approx(2.0, abs=0.12)
    assert b == pytest.approx(-1.0, abs=0.12)


def test_calibration_lowers_the_expected_calibration_error():
    raw, right = _synthetic(0.5, -1.5, 5_000, seed=1)  # an over-confident model
    ab = fit_platt(raw, right)
    before = expected_calibration_error(raw, right)
    after = expected_calibration_error(apply_platt(raw, ab), right)
    assert before > 0.2
    assert after < 0.03


def test_ece_by_hand():
    # bin 0.9: accuracy 0.5 against 0.9; bin 0.1: 0 against 0.1 -> 0.5 * 0.4 + 0.5 * 0.1
    assert expected_calibration_error([0.9, 0.9, 0.1, 0.1], [True, False, False, False]) == 0.25
    assert expected_calibration_error([1.0, 0.0], [True, False]) == 0.0
    assert expected_calibration_error([], []) is None


def test_prefilter_is_the_raw_score_that_reaches_the_lowest_threshold():
    assert trigger_prefilter(_config(thresholds=Thresholds(trigger=0.6, types={"attack": 0.4}))) == 0.4
    cfg = _config(thresholds=Thresholds(trigger=0.6, types={"attack": 0.4, "arrest": 0.7}),
                  calibration={"trigger": [2.0, -1.0]})
    raw = trigger_prefilter(cfg)
    assert float(apply_platt(raw + 2e-4, [2.0, -1.0])) >= 0.4
    assert float(apply_platt(raw - 0.01, [2.0, -1.0])) < 0.4
    # nothing the lowest threshold keeps is cut: the scores of events are rounded to 4 decimals
    for r in np.arange(0.0, 1.0, 0.0001):
        if float(apply_platt(round(r, 4), [2.0, -1.0])) >= 0.4:
            assert r >= raw
            break


def test_no_calibration_leaves_mentions_untouched():
    mentions = [_event("arrested", "arrest", 0.71), _event("attacked", "attack", 0.9)]
    assert calibrate_mentions(mentions, _config()) == mentions


def test_calibrated_scores_and_type_thresholds():
    cfg = _config(calibration={"trigger": [2.0, -1.0]},
                  thresholds=Thresholds(trigger=0.5, types={"attack": 0.3}))
    mentions = [_event("arrested", "arrest", 0.7), _event("attacked", "attack", 0.5),
                _event("attacked", "attack", 0.4, nth=1)]
    out = calibrate_mentions(mentions, cfg)
    # arrest 0.7 -> 0.667 (>= global 0.5); attack 0.5 -> 0.269 (< 0.3); attack 0.4 -> 0.14
    assert [(e.type, e.score) for e in out] == [
        ("arrest", round(float(apply_platt(0.7, [2.0, -1.0])), 4))]
    assert out[0].score == pytest.approx(0.667, abs=1e-4)
    relaxed = calibrate_mentions(mentions, cfg.model_copy(
        update={"thresholds": Thresholds(trigger=0.5, types={"attack": 0.2})}))
    assert [e.type for e in relaxed] == ["arrest", "attack"]


def test_thresholds_per_type_with_a_support_floor():
    g = lambda *k: frozenset(k)  # noqa: E731
    pairs = [TriggerPair("attack", 0.9, g((0, 0))), TriggerPair("attack", 0.8, g((0, 1))),
             TriggerPair("attack", 0.6, frozenset()), TriggerPair("attack", 0.55, frozenset()),
             TriggerPair("attack", 0.3, g((0, 2))),
             TriggerPair("arrest", 0.35, g((1, 0))), TriggerPair("arrest", 0.2, frozenset())]
    out = choose_thresholds(pairs, {"attack": 3, "arrest": 1}, None, min_support=3)
    # attack: 0.8 keeps two of three right (F1 0.8); 0.3 keeps all five (F1 0.75)
    assert out["types"] == {"attack": 0.65}
    assert out["per_type"]["attack"]["tune_f1"] == 0.8
    assert out["per_type"]["arrest"]["fallback"] is True
    assert "arrest" not in out["types"]
    assert out["per_type"]["arrest"]["threshold"] == out["trigger"]


class _FakeExtractor:
    """Returns fixed raw mentions for TEXT, and records the config it was run with."""

    def __init__(self, config: ModelConfig, mentions: list[Event]) -> None:
        self.config, self.normalize, self.merge = config, True, True
        self.mentions, self.seen = mentions, []

    def analyze(self, texts, batch_size=16):
        for text in texts:
            self.seen.append((self.config, self.normalize, self.merge))
            yield Analysis([], [m for m in self.mentions
                                if m.score >= self.config.thresholds.trigger], [])


def test_calibrate_model_collects_raw_scores_under_a_low_cut():
    gold = Document(id="d1", text=TEXT, events=[
        {"type": "attack", "trigger": {"start": TEXT.index("attacked"), "end": TEXT.index("attacked") + 8}},
        {"type": "arrest", "trigger": {"start": 7, "end": 15}},
        {"type": "attack", "trigger": {"start": 0, "end": 6}, "modality": "planned"}])
    cfg = _config(calibration={"trigger": [5.0, 5.0]}, thresholds=Thresholds(trigger=0.7))
    mentions = [_event("arrested", "arrest", 0.3), _event("attacked", "attack", 0.9),
                _event("attacked", "attack", 0.2, nth=1), _event("Police", "attack", 0.1),
                _event("Gunmen", "attack", 0.01)]
    ex = _FakeExtractor(cfg, mentions)
    new, report = calibrate_model(ex, [gold, gold.model_copy(update={"annotated_types": []})],
                                  roles=False, min_support=1)
    assert ex.config is cfg and ex.normalize and ex.merge  # restored
    run_cfg, normalize, merge = ex.seen[0]
    assert len(ex.seen) == 1  # the partly annotated copy is not used
    assert run_cfg.calibration == {} and run_cfg.thresholds.trigger == 0.05
    assert (normalize, merge) == (False, False)
    # 0.01 is under the cut; "Police" overlaps only a planned mention: wrong
    assert report["trigger"]["pairs"] == 4 and report["trigger"]["correct"] == 2
    assert report["gold_mentions"] == {"arrest": 1, "attack": 1}
    assert new.calibration["trigger"] == report["trigger"]["platt"]
    assert set(new.thresholds.types) == {"arrest", "attack"}
    assert new.thresholds.trigger == report["thresholds"]["trigger"]
    assert trigger_prefilter(new) == report["trigger_prefilter"]


def test_extractor_applies_the_calibration(tiny_model_dir):
    from eventx import Extractor

    ex = Extractor.from_pretrained(tiny_model_dir, device="cpu", normalize=False, merge=False)
    text = "police arrested two men in the city on monday and seized weapons"
    raw = next(ex.analyze([text])).mentions
    assert raw, "the tiny model should give some triggers at threshold 0"
    ab = [1.5, -0.5]
    ex.config = ex.config.model_copy(update={"calibration": {"trigger": ab}})
    cut = sorted(e.score for e in raw)[len(raw) // 2]
    ex.config.thresholds = Thresholds(trigger=0.0, role=ex.config.thresholds.role,
                                      types={t: float(apply_platt(cut, ab)) for t in
                                             ex.config.event_types})
    got = next(ex.analyze([text])).mentions
    want = [(e.trigger.start, e.type, round(float(apply_platt(e.score, ab)), 4)) for e in raw
            if apply_platt(e.score, ab) >= apply_platt(cut, ab)]
    assert sorted((e.trigger.start, e.type, e.score) for e in got) == sorted(want)
    assert got
    # no calibration and no type thresholds: the raw scores, every trigger
    ex.config = ex.config.model_copy(update={"calibration": {}, "thresholds": Thresholds(
        trigger=0.0, role=ex.config.thresholds.role)})
    assert next(ex.analyze([text])).mentions == raw


# ---------------------------------------------------------------- the evaluation report
def _doc(events: list[dict]) -> Document:
    return Document(id="d", text=TEXT, events=events)


def _gold(word: str, etype: str, event: str, modality: str = "actual", nth: int = 0,
          args: list | None = None) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return {"type": etype, "trigger": {"start": start, "end": start + len(word)}, "event": event,
            "modality": modality, "arguments": args or []}


def test_report_gives_ece_record_count_and_exact_roles():
    from eventx.training.evaluate import format_report, score_analyses

    men = TEXT.index("two men")
    doc = _doc([_gold("arrested", "arrest", "e1",
                      args=[{"role": "target", "start": men, "end": men + 7}]),
                _gold("attacked", "attack", "e2"),
                _gold("attacked", "attack", "e2", nth=1)])
    arrest = _event("arrested", "arrest", 0.9).model_copy(update={"who": (
        Participant(text="men", start=men + 4, end=men + 7, role="target"),)})
    wrong = _event("Police", "attack", 0.8)
    attack = _event("attacked", "attack", 0.6)
    events = [arrest, attack, wrong]
    rep = score_analyses([doc], [Analysis([], events, events)], dict(DEFAULT_ROLES))
    # bins: 0.9 right (0.1), 0.8 wrong (0.8), 0.6 right (0.4) -> (0.1 + 0.8 + 0.4) / 3
    assert rep["calibration"]["events"] == {"ece": 0.4333, "n": 3, "right": 2}
    assert rep["roles"]["all"]["f1"] == 1.0  # "men" overlaps "two men"
    assert rep["roles_exact"]["f1"] == 0.0
    assert rep["records"]["right_count"] == 0.0  # three records, two gold events
    assert rep["modality"] is None
    text = format_report(rep)
    assert "role F1, overlap / exact         1.000 / 0.000" in text
    assert "event score ECE (10 bins)        0.433" in text


def test_report_scores_modality_and_sets_non_actual_aside():
    from eventx.training.evaluate import score_analyses

    doc = _doc([_gold("arrested", "arrest", "e1"),
                _gold("attacked", "attack", "e2", modality="planned"),
                _gold("attacked", "attack", "e3", modality="negated", nth=1)])
    mentions = [_event("arrested", "arrest", 0.9),
                _event("attacked", "attack", 0.8, modality="planned"),
                _event("attacked", "attack", 0.7, modality="actual", nth=1)]
    rep = score_analyses([doc], [Analysis([], mentions, mentions)], dict(DEFAULT_ROLES),
                         modality=True)
    assert rep["modality"]["accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    assert rep["modality"]["by_gold"] == {"actual": {"accuracy": 1.0, "matched": 1},
                                          "negated": {"accuracy": 0.0, "matched": 1},
                                          "planned": {"accuracy": 1.0, "matched": 1}}
    # actual gold: the arrest; actual predictions: the arrest and the second attack (wrong)
    assert rep["triggers"]["all"]["n_gold"] == 1 and rep["triggers"]["all"]["n_pred"] == 2
    assert rep["records"]["right_count"] == 0.0


def test_calibrate_command_writes_the_model_config(tmp_path, tiny_model_dir, capsys):
    import shutil

    from eventx.cli import main
    from eventx.corpus.format import write_documents

    model = tmp_path / "model"
    shutil.copytree(tiny_model_dir, model)
    words = "police arrested two men in the city on monday and seized weapons".split()
    text = " ".join(words + words)
    half = len(" ".join(words))
    # every type on every word of the first half, nothing on the second: right and wrong triggers
    events, start = [], 0
    for w in words:
        events += [{"type": t, "trigger": {"start": start, "end": start + len(w)},
                    "arguments": [{"role": "agent", "start": 0, "end": 6}]}
                   for t in ModelConfig.load(model).event_types]
        start += len(w) + 1
    assert start - 1 == half
    write_documents([Document(id=f"t{i}", text=text, events=events) for i in range(3)],
                    tmp_path / "tune.jsonl")
    assert main(["calibrate", str(model), "--tune", str(tmp_path / "tune.jsonl"),
                 "--min-support", "3", "--json", str(tmp_path / "report.json")]) == 0
    out = capsys.readouterr().out
    assert "ECE" in out and "written to" in out
    cfg = ModelConfig.load(model)
    report = json.loads((tmp_path / "report.json").read_text())
    assert cfg.calibration["trigger"] == report["trigger"]["platt"]
    assert cfg.thresholds.types == report["thresholds"]["types"]
    assert cfg.training["calibration"]["documents"] == 3
    assert 0 < report["trigger"]["correct"] < report["trigger"]["pairs"]


def test_role_thresholds_follow_tune_and_reach_linking():
    """A role whose right candidates sit under 0.5 gets a lower threshold, and link uses it."""
    import numpy as np

    from eventx.calibration import RolePair, choose_role_thresholds
    from eventx.linking import ArgSpan, TriggerSpan, link

    pairs = [RolePair("killed", 0.35, True)] * 30 + [RolePair("killed", 0.1, False)] * 30
    pairs += [RolePair("agent", 0.9, True)] * 30 + [RolePair("agent", 0.45, False)] * 30
    chosen = choose_role_thresholds(pairs, {"killed": 30, "agent": 30, "time": 3})
    assert 0.1 < chosen["roles"]["killed"] <= 0.35
    # 0.5 already separates the agents: no gain, the global threshold stays
    assert "agent" not in chosen["roles"] and chosen["per_role"]["agent"]["fallback"]
    assert "time" not in chosen["roles"] and chosen["per_role"]["time"]["fallback"]
    text = "Gunmen killed two people."
    roles = {"agent": "PARTICIPANT", "killed": "PARTICIPANT"}
    args = [ArgSpan(14, 24, "PARTICIPANT", 0.9)]
    probs = np.array([[0.0, 0.35]])
    trig = TriggerSpan(7, 13, "attack", 0.9)
    assert link(text, trig, args, probs, roles, 0.5).casualties.killed is None
    ev = link(text, trig, args, probs, roles, {"agent": 0.5, "killed": chosen["roles"]["killed"]})
    assert ev.casualties.killed.text == "two people"
