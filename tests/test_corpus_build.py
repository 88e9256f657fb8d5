"""``eventx corpus build`` and ``stats`` on the hand-made mini corpora."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from eventx.cli import main
from eventx.corpus.build import build_corpus, write_corpus
from eventx.corpus.format import read_documents
from eventx.corpus.sources import load_sources
from eventx.corpus.splits import dev_ids, tune_ids
from eventx.corpus.stats import corpus_stats
from eventx.errors import AnnotationError

FIX = Path(__file__).parent / "fixtures" / "corpus"
DATA, ANN = FIX / "data", FIX / "annotations"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    assert main(["corpus", "build", "--out", str(out), "--data", str(DATA),
                 "--annotations", str(ANN)]) == 0
    return out


def test_splits_disjoint_and_follow_splits_module(built: Path) -> None:
    train = read_documents(built / "train.jsonl")
    tune = read_documents(built / "tune.jsonl")
    dev = read_documents(built / "dev.jsonl")
    train_ids, dev_set = {d.id for d in train}, {d.id for d in dev}
    tune_set = {d.id for d in tune}
    assert not train_ids & dev_set and not tune_set & (train_ids | dev_set)
    sources = load_sources(DATA)
    assert dev_set == dev_ids(sources) & (train_ids | dev_set)
    assert tune_set == tune_ids(sources) & (train_ids | dev_set | tune_set)
    assert dev_set == {"gvdb-3", "muc4-TST1-MUC3-0001", "wiki-march_2", "drug-3",
                       "ecbplus-2_1ecbplus"}
    assert (built / "dev_ids.txt").read_text().split() == [d.id for d in dev]


def test_annotations_supersede_and_double_files_are_ignored(built: Path) -> None:
    docs = {d.id: d for d in read_documents(built / "train.jsonl")}
    g2 = docs["gvdb-2"]                                   # from batch-t1.jsonl, not the converter
    assert [(a.role, a.text) for a in g2.events[0].arguments] == [
        ("target", "Al Smith"), ("killed", "Al Smith"), ("place", "Lakeview"), ("time", "Friday")]
    assert not g2.events[0].trigger_guessed and g2.source == "gvdb"
    assert g2.published.isoformat() == "2016-02-06"
    assert "rams-w3" in docs and docs["rams-w3"].events == []   # a window no converter keeps
    manifest = json.loads((built / "manifest.json").read_text())
    assert manifest["annotated_ids"] == ["ecbplus-2_1ecbplus", "gvdb-2", "rams-w3"]
    assert manifest["superseded_ids"] == ["gvdb-2"]
    assert all("double" not in f for f in manifest["annotation_files"])
    assert "gvdb-2" not in manifest["trigger_rule"]


def test_build_is_deterministic_and_works_without_annotations(built: Path, tmp_path: Path) -> None:
    result = build_corpus(DATA, tmp_path / "missing")
    write_corpus(result, tmp_path / "a")
    assert result.manifest["annotated_ids"] == []
    again = build_corpus(DATA, None)
    write_corpus(again, tmp_path / "b")
    for name in ("train.jsonl", "tune.jsonl", "dev.jsonl", "dev_ids.txt"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert not any(d.source == "ecbplus" for d in result.dev + result.train + result.tune)
    ids = [d.id for d in result.train]
    order = list(load_sources(DATA))
    assert ids == sorted(ids, key=order.index)


def test_document_annotated_twice_is_an_error(tmp_path: Path) -> None:
    ann = tmp_path / "ann"
    ann.mkdir()
    shutil.copy(ANN / "batch-t1.jsonl", ann / "a.jsonl")
    shutil.copy(ANN / "batch-t1.jsonl", ann / "b.jsonl")
    with pytest.raises(AnnotationError, match="already annotated") as err:
        build_corpus(DATA, ann)
    assert err.value.path == str(ann / "b.jsonl") and err.value.line == 1


def test_broken_annotation_file_fails_with_file_line_field(tmp_path: Path, capsys) -> None:
    ann = tmp_path / "ann"
    ann.mkdir()
    lines = (ANN / "batch-t1.jsonl").read_text().splitlines()
    rec = json.loads(lines[0])
    rec["events"][0]["arguments"][0]["role"] = "victim"
    (ann / "x.jsonl").write_text(lines[1] + "\n" + json.dumps(rec) + "\n")
    code = main(["corpus", "build", "--out", str(tmp_path / "o"), "--data", str(DATA),
                 "--annotations", str(ann)])
    assert code == 2
    err = capsys.readouterr().err
    assert f"{ann / 'x.jsonl'}:2" in err and "events.0.arguments.0.role" in err


def test_stats(built: Path, capsys) -> None:
    stats = corpus_stats(built)
    train, dev = stats["train"], stats["dev"]
    assert stats["all"]["documents"] == 21 == sum(stats[s]["documents"]
                                                  for s in ("train", "tune", "dev"))
    assert train["documents_from_annotations"] == 2 and dev["documents_from_annotations"] == 1
    assert train["events_per_type"]["attack"] >= 5 and dev["events_per_type"]["seizure"] == 2
    assert train["casualty_spans"]["killed"] == train["arguments_per_role"]["killed"] >= 4
    assert dev["casualty_spans"] == {"killed": 1, "injured": 1}
    assert dev["complete"]["documents_by_source"] == {"ecbplus": 1}
    assert dev["complete"]["mentions_per_type"] == {"arrest": 2, "attack": 1, "seizure": 1}
    assert dev["complete"]["modality"] == {"actual": 3, "hypothetical": 1}
    assert dev["event_ids"]["with_several_mentions"] == 1
    assert dev["entity_ids"]["with_several_spans"] == 2   # "Police" x2, "three" / "three men"
    assert train["trigger_rule"] == {"lexicon": 6, "adjacent": 0, "fallback": 1}
    assert train["triggers_guessed"] == 7
    assert train["trigger_fallbacks"] == 1 and dev["triggers_guessed"] == 3
    assert stats["annotation_files"] == 2
    assert main(["corpus", "stats", str(built)]) == 0
    assert json.loads(capsys.readouterr().out) == stats


def test_missing_folders_are_clear_errors(tmp_path: Path, capsys) -> None:
    out = str(tmp_path / "o")
    assert main(["corpus", "build", "--out", out, "--data", str(tmp_path / "nope")]) == 2
    assert "no such data folder" in capsys.readouterr().err
    assert main(["corpus", "build", "--out", out, "--data", str(DATA),
                 "--annotations", str(tmp_path / "nope")]) == 2
    assert "no such annotations folder" in capsys.readouterr().err
