"""Label Studio round trip: ``--format label-studio`` tasks, ``claimx label-config``, and
annotations read back as gold by ``claimx eval``.

``tests/data/kosovo-corrected.labelstudio.json`` is an export written by hand for the seed: the
pre-annotations taken as they are, except three corrections an annotator made (a source and cue
added to "Video footage showed ...", a missed claim added, the value of "now" set to the day),
plus a cancelled second annotation and a task nobody annotated.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from claimx import __version__
from claimx.labelstudio import (
    FLAGS,
    FROM_NAMES,
    REGION_LABELS,
    RELATION_LABELS,
    TIME_TYPES,
    AnnotationError,
    codepoint_offset,
    gold_of_task,
    parse_quantity,
    quantity_text,
    quantity_unit,
    utf16_offset,
)
from tests.test_cli import SEED, run

DATA = Path(__file__).resolve().parent / "data"
CORRECTED = DATA / "kosovo-corrected.labelstudio.json"
GOLDEN = SEED.parent / "kosovo-plates-reuters.golden.json"
EMOJI = "Fans 🎉 cheered as police said on Monday that 5,000 people had gathered in the square.\n"


def export(args: list[str], capfd: Any, monkeypatch: Any) -> list[dict[str, Any]]:
    code, out, err = run(["extract", "-q", "--format", "label-studio", *args], capfd, monkeypatch)
    assert code == 0, err
    tasks = json.loads(out)
    assert isinstance(tasks, list)
    return tasks


def eval_json(args: list[str], capfd: Any, monkeypatch: Any) -> tuple[int, dict[str, Any], str]:
    code, out, err = run(["eval", "--format", "json", *args], capfd, monkeypatch)
    return code, (json.loads(out) if out else {}), err


def by_id(results: list[dict[str, Any]], rid: str, kind: str) -> dict[str, Any]:
    (found,) = [r for r in results if r.get("id") == rid and r["type"] == kind]
    return found


def test_seed_task_regions_hold_their_text(capfd, monkeypatch) -> None:
    (task,) = export([str(SEED)], capfd, monkeypatch)
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    text = task["data"]["text"]
    assert task["data"] == {
        "text": golden["text"],
        "id": str(SEED),
        "date": "2021-09-27",  # the reference date the values were resolved against
        "title": golden["title"],
    }
    (prediction,) = task["predictions"]
    assert prediction["model_version"] == f"claimx {__version__}"
    results = prediction["result"]
    regions = {r["id"]: r for r in results if r["type"] == "labels"}
    assert len(regions) == sum(r["type"] == "labels" for r in results)  # ids are unique
    for r in results:
        if r["type"] == "relation":
            assert r["from_id"] in regions and r["to_id"] in regions
            assert r["direction"] == "right" and r["labels"] in (["says"], ["cue"])
            continue
        assert r["to_name"] == "text"
        value = r["value"]
        region = regions[r["id"]]["value"]  # a per-region value sits on its region
        assert (value["start"], value["end"]) == (region["start"], region["end"])
        assert text[region["start"] : region["end"]] == region["text"]
    labels = [r["value"]["labels"][0] for r in regions.values()]
    attributed = [c for c in golden["claims"] if c["attribution"]]
    assert labels.count("Content") == len(golden["claims"])
    assert labels.count("Source") == labels.count("Cue") == len(attributed)
    assert labels.count("Time") == len(golden["times"]) + 1  # and the dateline's date
    assert labels.count("Quantity") == len(golden["quantities"])
    # the attribution's content when claimx has one, else the claim
    c9 = next(c for c in golden["claims"] if c["id"] == "c9")
    assert regions["c9-content"]["value"]["text"] == c9["attribution"]["content"]["text"]
    assert regions["c1-content"]["value"]["start"] == golden["claims"][0]["start"]
    assert by_id(results, "c9-content", "choices")["value"]["choices"] == ["direct quote"]
    assert by_id(results, "c6-content", "choices")["value"]["choices"] == ["negated"]
    assert by_id(results, "c9-content", "textarea")["value"]["text"] == ["2021-09-27"]
    # a claim dated by the reference date only states no date: nothing to annotate
    assert not [r for r in results if r.get("id") == "c2-content" and r["type"] == "textarea"]
    assert by_id(results, "t2", "textarea")["value"]["text"] == ["PRESENT_REF"]
    assert by_id(results, "t3", "choices")["value"]["choices"] == ["DURATION"]
    assert by_id(results, "dateline", "textarea")["value"]["text"] == ["2021-09-27"]
    assert by_id(results, "q4", "textarea")["value"]["text"] == ["5000 troops"]
    assert {
        "from_id": "c9-source",
        "to_id": "c9-content",
        "type": "relation",
        "direction": "right",
        "labels": ["says"],
    } in results


def test_the_same_text_gives_the_same_bytes(capfd, monkeypatch) -> None:
    first = run(["extract", "-q", "-f", "label-studio", str(SEED)], capfd, monkeypatch)
    again = run(["extract", "-q", "-f", "label-studio", str(SEED)], capfd, monkeypatch)
    assert first == again and first[0] == 0


def test_round_trip_predictions_taken_as_annotations_score_perfectly(
    tmp_path, capfd, monkeypatch
) -> None:
    tasks = export([str(SEED)], capfd, monkeypatch)
    for task in tasks:
        task["annotations"] = [
            {"id": 1, "result": task["predictions"][0]["result"], "was_cancelled": False}
        ]
    gold = tmp_path / "export.json"
    gold.write_text(json.dumps(tasks), encoding="utf-8")
    code, report, err = eval_json(["--gold", str(gold)], capfd, monkeypatch)
    assert (code, err) == (0, "")
    assert report["gold_format"] == "label-studio" and report["pred"] is None
    figures = report["sets"]["export"]
    assert figures["scored_layers"] == ["times", "quantities", "attributions", "claims"]
    perfect = {
        "times": ["strict", "relaxed", "value_f1"],
        "quantities": ["relaxed", "strict"],
        "attributions": ["source", "cue", "content", "joint"],
        "claims": ["relaxed"],
    }
    for layer, keys in perfect.items():
        for key in keys:
            got = figures[layer][key]
            assert (got["precision"], got["recall"], got["f1"]) == (1.0, 1.0, 1.0), (layer, key)
    accuracies = {
        "times": ["value_accuracy", "type_accuracy"],
        "quantities": ["value_accuracy", "unit_accuracy"],  # "60 day"
        "claims": [
            "date_accuracy",
            "undated_accuracy",
            "source_accuracy",
            "cue_accuracy",
            "direct_quote_accuracy",
            "negated_accuracy",
            "hedged_accuracy",
        ],
    }
    for layer, keys in accuracies.items():
        for key in keys:
            got = figures[layer][key]
            assert got["total"] > 0 and got["accuracy"] == 1.0, (layer, key)
    assert figures["attributions"]["content_recall_any_claim"]["recall"] == 1.0
    for kind, row in figures["times"]["by_gold_type"].items():
        assert row["relaxed_recall"] == row["value_accuracy"]["accuracy"] == 1.0, kind
    # the config cannot tie a quantity to a claim: not judged, though claims point to some
    assert figures["claims"]["quantities"]["f1"] is None
    # strict claim spans differ exactly where a Content region is an attribution's content
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    narrated = [c for c in golden["claims"] if not (c["attribution"] or {}).get("content")]
    assert figures["claims"]["strict"]["tp"] == len(narrated)


def prf(figures: dict[str, Any], layer: str, key: str) -> tuple[int, int, int]:
    got = figures[layer][key]
    return got["tp"], got["n_gold"], got["n_pred"]


def acc(figures: dict[str, Any], layer: str, key: str) -> tuple[int, int]:
    got = figures[layer][key]
    return got["correct"], got["total"]


def test_a_hand_corrected_export_counts_the_three_corrections(capfd, monkeypatch) -> None:
    """Gold: the hand-made export; predictions: the seed's golden output (so the counts do not
    move when extraction changes; the golden file moves only with --update-golden)."""
    code, report, err = eval_json(
        ["--gold", str(CORRECTED), "--pred", str(GOLDEN)], capfd, monkeypatch
    )
    assert code == 0
    assert err == f"claimx: {CORRECTED}: 1 task without a finished annotation, not scored\n"
    assert report["documents"] == 1
    figures = report["sets"]["kosovo-corrected.labelstudio"]
    assert figures["docs"] == 1 and figures["missing_docs"] == 0
    # 3. "now" corrected from PRESENT_REF to 2021-09-27: 10 of 11 values right (10 times and
    # the dateline's date)
    assert prf(figures, "times", "relaxed") == (11, 11, 11)
    assert prf(figures, "times", "strict") == (11, 11, 11)
    assert prf(figures, "times", "value_f1") == (10, 11, 11)
    assert acc(figures, "times", "value_accuracy") == (10, 11)
    assert acc(figures, "times", "type_accuracy") == (11, 11)
    assert prf(figures, "quantities", "relaxed") == (5, 5, 5)
    assert acc(figures, "quantities", "value_accuracy") == (5, 5)
    # units: "60 day" is judged; "5000 troops" and the other counts have none
    assert acc(figures, "quantities", "unit_accuracy") == (1, 1)
    assert figures["quantities"]["kind_accuracy"]["accuracy"] is None  # not annotated
    by_type = figures["times"]["by_gold_type"]
    assert list(by_type) == ["DATE", "DURATION"]  # "now" is the DATE value corrected
    assert (by_type["DATE"]["n_gold"], by_type["DATE"]["relaxed_tp"]) == (10, 10)
    assert by_type["DATE"]["value_accuracy"] == {"correct": 9, "total": 10, "accuracy": 0.9}
    assert by_type["DURATION"]["value_accuracy"]["correct"] == 1
    # 1. "Video footage showed ...": a source and a cue added; claimx attributed it to nobody
    assert prf(figures, "attributions", "source") == (3, 4, 3)
    assert prf(figures, "attributions", "cue") == (3, 4, 3)
    assert prf(figures, "attributions", "content") == (3, 4, 3)
    assert prf(figures, "attributions", "joint") == (3, 4, 3)
    assert figures["attributions"]["content_recall_any_claim"]["tp"] == 4
    # 2. a missed claim added ("whose 5,000 troops oversee ..."): it overlaps claim c9, but c9
    # goes to its own content (the larger overlap), so the new claim is a miss
    assert prf(figures, "claims", "relaxed") == (14, 15, 14)
    # identical spans: the 11 claims without an attribution content
    assert prf(figures, "claims", "strict") == (11, 15, 14)
    assert figures["claims"]["n_gold_dated"] == 8
    assert acc(figures, "claims", "date_accuracy") == (8, 8)
    assert acc(figures, "claims", "undated_accuracy") == (6, 6)
    assert acc(figures, "claims", "source_accuracy") == (13, 14)
    assert acc(figures, "claims", "cue_accuracy") == (13, 14)
    for flag in ("direct_quote", "negated", "hedged"):
        assert acc(figures, "claims", f"{flag}_accuracy") == (14, 14)
    # claims c3, c4, c7 and c9 point to quantities, but the export cannot say which
    # quantities a claim holds: no figure rather than five false positives
    assert prf(figures, "claims", "quantities") == (0, 0, 0)
    assert figures["claims"]["quantities"]["precision"] is None
    assert figures["claims"]["quantity_value_accuracy"]["total"] == 0


def test_eval_runs_claimx_with_each_task_date(tmp_path, capfd, monkeypatch) -> None:
    """Without --pred claimx runs on the task texts (reference date: the task's date): the
    figures are those of its saved output."""
    code, out, _ = run(["extract", "-q", "--format", "jsonl", str(SEED)], capfd, monkeypatch)
    assert code == 0
    record = json.loads(out)
    record["id"] = "seeds/kosovo-plates-reuters.txt"  # the export's id (the path as given there)
    saved = tmp_path / "pred.jsonl"
    saved.write_text(json.dumps(record) + "\n", encoding="utf-8")
    _, from_saved, _ = eval_json(
        ["--gold", str(CORRECTED), "--pred", str(saved)], capfd, monkeypatch
    )
    code, from_run, err = eval_json(["--gold", str(CORRECTED)], capfd, monkeypatch)
    assert code == 0 and "not scored" in err
    assert from_run["sets"] == from_saved["sets"]


# --------------------------------------------------------------------------- offsets


UTF16 = [
    # (text, str index, UTF-16 position)
    ("abc", 2, 2),
    ("a🎉b", 1, 1),
    ("a🎉b", 2, 3),  # after the emoji: one more unit
    ("a🎉b", 3, 4),
    ("🎉🎉x", 2, 4),
    ("é", 1, 1),  # in the Basic Multilingual Plane: one unit
]


@pytest.mark.parametrize(("text", "index", "unit"), UTF16)
def test_utf16_positions_and_back(text: str, index: int, unit: int) -> None:
    assert utf16_offset(text, index) == unit
    assert codepoint_offset(text, unit) == index


@pytest.mark.parametrize(("text", "unit"), [("a🎉b", 2), ("a🎉b", 5), ("abc", -1)])
def test_no_str_index_inside_a_surrogate_pair_or_past_the_end(text: str, unit: int) -> None:
    assert codepoint_offset(text, unit) is None


def test_export_offsets_are_code_points(tmp_path, capfd, monkeypatch) -> None:
    """Label Studio counts code points (Python indices): an emoji before a span shifts nothing."""
    path = tmp_path / "emoji.txt"
    path.write_text(EMOJI, encoding="utf-8")
    (task,) = export(["--ref-date", "2024-03-05", str(path)], capfd, monkeypatch)
    assert task["data"]["text"] == EMOJI
    regions = [r["value"] for r in task["predictions"][0]["result"] if r["type"] == "labels"]
    for value in regions:
        assert EMOJI[value["start"] : value["end"]] == value["text"]
    monday = next(v for v in regions if v["text"] == "Monday")
    assert monday["start"] == EMOJI.index("Monday")
    assert utf16_offset(EMOJI, monday["start"]) == monday["start"] + 1  # what JS would count


def region(rid: str, start: int, end: int, text: str, label: str) -> dict[str, Any]:
    value = {"start": start, "end": end, "text": text, "labels": [label]}
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels", "value": value}


def task_with(*results: dict[str, Any], text: str = EMOJI) -> dict[str, Any]:
    return {"id": 5, "data": {"text": text}, "annotations": [{"result": list(results)}]}


def test_utf16_offsets_of_an_old_export_are_converted_back() -> None:
    at = EMOJI.index("Monday")
    cheered = EMOJI.index("🎉")
    task = task_with(
        region("a", utf16_offset(EMOJI, at), utf16_offset(EMOJI, at + 6), "Monday", "Time"),
        region("b", cheered, cheered + 9, "🎉 cheered", "Content"),  # 🎉 is first: no shift
        region("c", at, at + 6, "Monday", "Time"),  # already code points
    )
    gold = gold_of_task(task, 1)
    assert gold is not None and gold["id"] == "5"
    times = gold["gold"]["times"]
    assert [(t["start"], t["end"]) for t in times] == [(at, at + 6), (at, at + 6)]
    (claim,) = gold["gold"]["claims"]
    assert EMOJI[claim["start"] : claim["end"]] == "🎉 cheered"


def test_a_region_that_fits_neither_count_is_an_error() -> None:
    task = task_with(region("x7", 3, 9, "Monday", "Time"))
    with pytest.raises(AnnotationError, match=r"task 1 \(5\): region x7 \(3-9\) says 'Monday'"):
        gold_of_task(task, 1)


# --------------------------------------------------------------------------- values


QUANTITIES = [
    # (value, low, high, unit, counted, comparator, shown, read back)
    (5000.0, None, None, None, "troops", "=", "5000 troops", (5000.0, None, None)),
    (60.0, None, None, "day", "registration details", "=", "60 day", (60.0, None, None)),
    (None, 5.0, 10.0, "kilometre", None, "=", "5 to 10 kilometre", (None, 5.0, 10.0)),
    (4e10, None, None, "USD", None, "=", "40000000000 USD", (4e10, None, None)),
    (0.5, None, None, "percent", None, "=", "0.5 percent", (0.5, None, None)),
    (60.0, None, None, "day", None, ">", "> 60 day", (60.0, None, None)),
    (2.0, None, None, None, None, "=", "2", (2.0, None, None)),
    (None, None, None, None, "troops", "=", None, None),  # no number: nothing to show
]


@pytest.mark.parametrize(
    ("value", "low", "high", "unit", "counted", "comparator", "shown", "back"), QUANTITIES
)
def test_quantity_values_out_and_back(
    value, low, high, unit, counted, comparator, shown, back
) -> None:
    assert quantity_text(value, low, high, unit, counted, comparator) == shown
    if shown is not None:
        assert parse_quantity(shown) == back
        assert quantity_unit(shown) == unit  # a counted noun ("troops") is no unit


@pytest.mark.parametrize(
    ("typed", "back"),
    [
        ("5,000 troops", (5000.0, None, None)),  # what an annotator types
        ("-3 degree Celsius", (-3.0, None, None)),
        ("1e3", (1000.0, None, None)),
        ("5-10 km", (None, 5.0, 10.0)),
        ("$5000", (5000.0, None, None)),  # a currency before the number
        ("US$ 40 billion", (40_000_000_000.0, None, None)),  # and a scale word after it
        ("5 million troops", (5_000_000.0, None, None)),
        ("2.5bn euros", (2_500_000_000.0, None, None)),
        ("€5m", (5_000_000.0, None, None)),  # "m" is a million after a currency ...
        ("5 m", (5.0, None, None)),  # ... and a metre after a bare number
        ("troops", None),
        ("$", None),
        ("", None),
    ],
)
def test_annotators_quantity_values(typed: str, back: object) -> None:
    assert parse_quantity(typed) == back


@pytest.mark.parametrize(
    ("typed", "unit"),
    [
        ("5 to 10 km", "kilometre"),  # claimx's name for what an annotator types
        ("5-10 Kilometers", "kilometre"),
        ("12%", "percent"),
        ("12 per cent", "percent"),
        ("3 US dollars", "USD"),
        ("-3 degrees Celsius", "degree Celsius"),
        ("15.4 dollar per hour", "dollar per hour"),
        ("3 km of road", "kilometre"),  # the longest run of words that is a unit
        ("2 in", "inch"),
        ("2 in 5 adults", None),  # "in" only at the end
        ("5000 troops", None),  # a count
        ("5 million troops", None),  # a scaled count
        ("$5000", "USD"),  # a currency before the number
        ("US$ 40 billion", "USD"),
        ("2.5bn euros", "EUR"),  # the scale word is no part of the unit
        ("5 m", "metre"),
        ("3 furlongs", None),  # a unit claimx does not know reads as a count
        ("1e3", None),
        ("km", None),  # no number, no quantity
    ],
)
def test_annotators_quantity_units(typed: str, unit: str | None) -> None:
    assert quantity_unit(typed) == unit


def test_a_quantity_takes_its_unit_from_the_entry_that_has_its_number() -> None:
    text = "Traffic was held for 5 to 10 km and 300 people waited."
    task = task_with(
        region("a", 21, 31, "5 to 10 km", "Quantity"),
        region("b", 36, 46, "300 people", "Quantity"),
        {
            "id": "a",
            "from_name": "quantity_value",
            "to_name": "text",
            "type": "textarea",
            "value": {"start": 21, "end": 31, "text": ["about ten km", "5 to 10 km"]},
        },
        {
            "id": "b",
            "from_name": "quantity_value",
            "to_name": "text",
            "type": "textarea",
            "value": {"start": 36, "end": 46, "text": ["300 people"]},
        },
        text=text,
    )
    gold = gold_of_task(task, 1)
    assert gold is not None
    got = [(x["low"], x["high"], x["value"], x["unit"]) for x in gold["gold"]["quantities"]]
    assert got == [(5.0, 10.0, None, "kilometre"), (None, None, 300.0, None)]


def test_unannotated_and_cancelled_annotations() -> None:
    base = {"data": {"text": "Hello.", "id": "h"}}
    assert gold_of_task({**base, "annotations": []}, 1) is None
    cancelled = {"result": [region("r", 0, 5, "Hello", "Content")], "was_cancelled": True}
    assert gold_of_task({**base, "annotations": [cancelled]}, 1) is None
    kept = {"result": [region("r", 0, 5, "Hello", "Content")], "was_cancelled": False}
    empty = {"result": [], "was_cancelled": False}
    # the last finished one counts
    gold = gold_of_task({**base, "annotations": [empty, kept, cancelled]}, 1)
    assert gold is not None and len(gold["gold"]["claims"]) == 1
    gold = gold_of_task({**base, "annotations": [kept, empty]}, 1)
    assert gold is not None and gold["gold"]["claims"] == []


def test_relations_either_way_and_a_cue_without_content() -> None:
    text = "He said it rained. She warned."
    task = task_with(
        region("s", 0, 2, "He", "Source"),
        region("c", 3, 7, "said", "Cue"),
        region("x", 8, 17, "it rained", "Content"),
        region("s2", 19, 22, "She", "Source"),
        region("c2", 23, 29, "warned", "Cue"),
        # drawn from the content to the source, and with no label: still the source
        {"from_id": "x", "to_id": "s", "type": "relation", "direction": "right"},
        {"from_id": "c", "to_id": "x", "type": "relation", "direction": "right", "labels": ["cue"]},
        {"from_id": "s2", "to_id": "c2", "type": "relation", "direction": "right"},
        text=text,
    )
    gold = gold_of_task(task, 1)
    assert gold is not None
    attributions = gold["gold"]["attributions"]
    assert attributions == [
        {
            "source": {"start": 0, "end": 2, "text": "He"},
            "cue": {"start": 3, "end": 7, "text": "said"},
            "content": {"start": 8, "end": 17, "text": "it rained"},
        },
        {
            "source": {"start": 19, "end": 22, "text": "She"},
            "cue": {"start": 23, "end": 29, "text": "warned"},
            "content": None,
        },
    ]
    (claim,) = gold["gold"]["claims"]
    assert claim["source"]["text"] == "He" and claim["negated"] is False
    assert gold["gold"]["entities"] is None  # the config offers no entity labels


# --------------------------------------------------------------------------- the config


def test_label_config_names_what_the_export_uses(capfd, monkeypatch) -> None:
    code, out, err = run(["label-config"], capfd, monkeypatch)
    assert (code, err) == (0, "")
    assert out.startswith("<View") and "<!--" not in out  # the maintainers' comment stays home
    root = ET.fromstring(out)
    assert root.tag == "View"
    assert [t.get("name") for t in root.iter("Text")] == ["text"]
    controls = {el.get("name"): el for el in root.iter() if el.get("toName") is not None}
    assert set(controls) == set(FROM_NAMES)
    assert {el.get("toName") for el in controls.values()} == {"text"}
    assert [x.get("value") for x in controls["label"].iter("Label")] == list(REGION_LABELS)
    assert [x.get("value") for x in root.iter("Relation")] == list(RELATION_LABELS)
    assert [x.get("value") for x in controls["claim_flags"].iter("Choice")] == list(FLAGS)
    assert [x.get("value") for x in controls["time_type"].iter("Choice")] == list(TIME_TYPES)
    for name, el in controls.items():
        if name != "label":  # every value and flag belongs to one region
            assert el.get("perRegion") == "true", name
    # and the names a real export uses are all in it
    (task,) = export([str(SEED)], capfd, monkeypatch)
    results = task["predictions"][0]["result"]
    used = {r["from_name"] for r in results if "from_name" in r}
    assert used == set(FROM_NAMES)
    for r in results:
        if r["type"] == "labels":
            assert set(r["value"]["labels"]) <= set(REGION_LABELS)
        elif r["type"] == "relation":
            assert set(r["labels"]) <= set(RELATION_LABELS)
        elif r["type"] == "choices":
            allowed = [x.get("value") for x in controls[r["from_name"]].iter("Choice")]
            assert set(r["value"]["choices"]) <= set(allowed)
        else:
            assert r["type"] == controls[r["from_name"]].tag.lower()


# --------------------------------------------------------------------------- the command


def test_a_failed_input_makes_no_task_and_exit_1(tmp_path, capfd, monkeypatch) -> None:
    missing = tmp_path / "gone.txt"
    code, out, err = run(
        ["extract", "-q", "-f", "label-studio", str(missing), str(SEED)], capfd, monkeypatch
    )
    assert code == 1
    tasks = json.loads(out)
    assert [t["data"]["id"] for t in tasks] == [str(SEED)]
    assert err == f"claimx: {missing}: no such file or directory\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--records", "claims"],
            "--format label-studio is one task per document: drop --records claims",
        ),
        (
            ["--output-dir", "out"],
            "--format label-studio is not a folder's format: with --output-dir use json"
            " (a file per document), jsonl or parquet (partitions)",
        ),
    ],
)
def test_label_studio_usage_errors(args, message, capfd, monkeypatch) -> None:
    code, out, err = run(["extract", "-f", "label-studio", *args, "x.txt"], capfd, monkeypatch)
    assert (code, out, err) == (2, "", f"claimx: error: {message}\n")


@pytest.mark.parametrize("count", [0, 1, 2])
def test_tasks_stream_out_as_one_array(count: int) -> None:
    """Written a task at a time, the file is the array ``json.dumps`` would make of all."""
    import io

    from claimx.api import extract_text
    from claimx.labelstudio import task_of
    from claimx.render import label_studio

    texts = ["Police said on Monday that 5,000 people gathered.", "Prices rose 5%, officials said."]
    records = [extract_text(t) for t in texts[:count]]
    out = io.StringIO()
    handed_back = list(label_studio.write(iter(records), out))
    assert handed_back == records
    tasks = [task_of(r, f"claimx {__version__}") for r in records]
    assert out.getvalue() == json.dumps(tasks, ensure_ascii=False, indent=2) + "\n"
    assert json.loads(out.getvalue()) == tasks
