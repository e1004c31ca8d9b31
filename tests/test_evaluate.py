"""``claimx eval`` and its metrics (``claimx.evaluate``), after the bench README's definitions.

Metric cases are tables of (gold, predictions, expected) with the negative cases beside the
positive ones; the command is run on tiny gold and prediction files written by hand
(``tests/data/tiny.*.jsonl``, our own sentences).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from claimx.evaluate import (
    Counts,
    GoldAttribution,
    GoldClaim,
    GoldDocument,
    GoldEntity,
    GoldQuantity,
    GoldTime,
    PredClaim,
    PredEntity,
    Prediction,
    PredQuantity,
    PredTime,
    Span,
    close,
    match,
    score,
)
from tests.test_cli import run

DATA = Path(__file__).resolve().parent / "data"
TINY_GOLD = DATA / "tiny.gold.jsonl"
TINY_PRED = DATA / "tiny.pred.jsonl"


def spans(pairs: list[tuple[int, int]]) -> list[Span]:
    return [Span(s, e) for s, e in pairs]


MATCHES = [
    # (gold spans, predicted spans, identical only, expected (gold, prediction) pairs)
    ([(0, 5)], [(0, 5)], False, [(0, 0)]),
    ([(0, 5)], [(5, 9)], False, []),  # touching is not overlapping
    ([(0, 5)], [(6, 9)], False, []),  # apart
    ([(0, 6)], [(4, 10)], False, [(0, 0)]),  # crossing spans overlap ...
    ([(0, 6)], [(4, 10)], True, []),  # ... but are not identical
    ([(0, 10)], [(0, 12), (0, 10)], False, [(0, 1)]),  # the identical one first
    ([(0, 5), (3, 10)], [(0, 10)], False, [(1, 0)]),  # then the larger overlap
    ([(2, 10)], [(8, 14), (7, 9)], False, [(0, 1)]),  # same overlap: closer boundaries
    ([(0, 10)], [(2, 6), (0, 4)], False, [(0, 0)]),  # a tie: document order
    ([(0, 5)], [(0, 5), (0, 5)], False, [(0, 0)]),  # a duplicate prediction is left over
    ([(0, 5), (0, 5)], [(0, 5)], False, [(0, 0)]),  # and a duplicate gold item
    ([(0, 10), (2, 4)], [(0, 10)], False, [(0, 0)]),  # one to one
    ([(0, 10), (2, 4)], [(0, 10), (3, 4)], False, [(0, 0), (1, 1)]),
    ([], [(0, 5)], False, []),
    ([(0, 5)], [], False, []),
]


@pytest.mark.parametrize(("gold", "pred", "exact", "pairs"), MATCHES)
def test_match(gold, pred, exact, pairs) -> None:
    assert sorted(match(spans(gold), spans(pred), exact=exact)) == pairs


def test_match_prefers_after_identical_and_before_overlap() -> None:
    """``prefer`` (e.g. "the claim with the gold cue") ranks under identical spans only."""
    gold = spans([(0, 10)])

    def starts_at_2(g: Span, p: Span) -> bool:
        return p.start == 2

    assert match(gold, spans([(0, 8), (2, 6)]), prefer=starts_at_2) == [(0, 1)]
    assert match(gold, spans([(0, 10), (2, 12)]), prefer=starts_at_2) == [(0, 0)]
    assert match(gold, spans([(0, 8), (2, 6)]), prefer=lambda g, p: False) == [(0, 0)]


def test_match_compatible_pairs_only() -> None:
    gold = spans([(0, 10)])
    assert match(gold, spans([(0, 10), (0, 9)]), compatible=lambda g, p: p.end == 9) == [(0, 1)]
    assert match(gold, spans([(0, 10)]), compatible=lambda g, p: False) == []


PRF = [
    # (tp, n_gold, n_pred, (P, R, F1))
    (0, 0, 0, (1.0, 1.0, 1.0)),  # nothing to find and nothing found
    (0, 3, 0, (0.0, 0.0, 0.0)),  # nothing found
    (0, 0, 2, (0.0, 0.0, 0.0)),  # nothing to find, two found
    (1, 2, 4, (0.25, 0.5, 1 / 3)),
    (2, 2, 2, (1.0, 1.0, 1.0)),
]


@pytest.mark.parametrize(("tp", "n_gold", "n_pred", "expected"), PRF)
def test_precision_recall_f1(tp, n_gold, n_pred, expected) -> None:
    got = Counts(tp, n_gold, n_pred).report()
    assert (got["precision"], got["recall"], got["f1"]) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (5000.0, 5000.004, True),  # within 1e-6 of the larger
        (5000.0, 5000.01, False),
        (0.0, 0.0, True),
        (2.0, None, False),
        (None, None, False),
    ],
)
def test_values_agree_within_a_relative_tolerance(a, b, same) -> None:
    assert close(a, b) is same


def doc(**layers: Any) -> GoldDocument:
    return GoldDocument(id="d", set="s", text="x" * 200, **layers)


def figures(gold: GoldDocument, pred: Prediction | None) -> dict[str, Any]:
    return score([gold], [pred])["s"]


def counts(got: dict[str, Any]) -> tuple[int, int, int]:
    return got["tp"], got["n_gold"], got["n_pred"]


def share(got: dict[str, Any]) -> tuple[int, int]:
    return got["correct"], got["total"]


T = frozenset


def test_times_value_f1_leaves_out_gold_without_a_value() -> None:
    gold = doc(
        times=[GoldTime(0, 5, "DATE", T({"2024"})), GoldTime(10, 15, "DATE", T())],
    )
    preds = [
        PredTime(0, 5, "DATE", "2024"),
        PredTime(10, 15, "DATE", "2025"),  # gold has no value: span only
        PredTime(20, 25, "DURATION", "P1D"),  # no gold there: a false positive
    ]
    got = figures(gold, Prediction(times=preds))["times"]
    assert counts(got["relaxed"]) == (2, 2, 3)
    assert counts(got["value_f1"]) == (1, 1, 2)
    assert share(got["value_accuracy"]) == (1, 1)
    assert share(got["type_accuracy"]) == (2, 2)
    # the source does not annotate durations: the unmatched one is no false positive
    gold.fp_filter = {"times": {"type": ["duration"]}}
    got = figures(gold, Prediction(times=preds))["times"]
    assert counts(got["relaxed"]) == (2, 2, 2) and counts(got["value_f1"]) == (1, 1, 1)


def test_time_values_compare_trimmed_upper_cased_and_with_alternatives() -> None:
    gold = doc(times=[GoldTime(0, 5, "DATE", T({"2015-W38", "2015-09-14/2015-09-20"}))])
    for value, right in [
        ("2015-w38 ", True),
        ("2015-09-14/2015-09-20", True),
        ("2015-09", False),
        (None, False),
    ]:
        got = figures(gold, Prediction(times=[PredTime(0, 5, "DATE", value)]))["times"]
        assert share(got["value_accuracy"]) == (int(right), 1), value


def test_entities_optional_and_alternative_types() -> None:
    gold = doc(
        entities=[
            GoldEntity(0, 4, "ORG", T({"LOC"}), False),  # a country acting: ORG, LOC accepted
            GoldEntity(10, 15, "LOC", T(), True),  # optional
        ]
    )
    preds = [
        PredEntity(0, 4, "LOC", "GPE"),
        PredEntity(10, 15, "LOC", "GPE"),  # found the optional one: no false positive
        PredEntity(20, 25, "PERSON", "PERSON"),  # a false positive
    ]
    got = figures(gold, Prediction(entities=preds))["entities"]
    assert counts(got["typed"]) == (1, 1, 2)
    assert counts(got["untyped"]) == (1, 1, 2)
    assert counts(got["strict_typed"]) == (1, 1, 2)
    wrong = [PredEntity(0, 4, "PERSON", "PERSON")]
    got = figures(gold, Prediction(entities=wrong))["entities"]
    assert counts(got["typed"]) == (0, 1, 1) and counts(got["untyped"]) == (1, 1, 1)


def test_quantities_values_ranges_and_the_false_positive_filter() -> None:
    gold = doc(
        quantities=[
            GoldQuantity(0, 5, 5000.0, None, None, "count"),
            GoldQuantity(10, 15, None, 5.0, 10.0, "measure"),
            GoldQuantity(20, 25, 7.0, None, None, None),
            GoldQuantity(40, 45, None, None, None, None),  # no value: span only
        ],
        fp_filter={"quantities": {"kind": ["ordinal"]}},
    )
    preds = [
        PredQuantity(0, 5, 5000.004, None, None, None, "count"),
        PredQuantity(10, 16, None, 5.0, 10.0, "kilometre", "count"),
        PredQuantity(20, 25, 7.01, None, None, None, "count"),
        PredQuantity(40, 45, 3.0, None, None, None, "count"),
        PredQuantity(30, 35, 3.0, None, None, None, "ordinal"),  # excused
        PredQuantity(50, 55, 3.0, None, None, None, "count"),  # a false positive
    ]
    got = figures(gold, Prediction(quantities=preds))["quantities"]
    assert counts(got["relaxed"]) == (4, 4, 5)
    assert counts(got["strict"]) == (3, 4, 5)
    assert share(got["value_accuracy"]) == (2, 3)
    assert share(got["kind_accuracy"]) == (1, 2)


def test_scored_regions_drop_predictions_outside_them() -> None:
    gold = doc(times=[GoldTime(0, 5, "DATE", T())], regions=[Span(0, 20)])
    preds = [
        PredTime(0, 5, "DATE", None),
        PredTime(18, 25, "DATE", None),
        PredTime(50, 55, "DATE", None),
    ]
    got = figures(gold, Prediction(times=preds))["times"]
    assert counts(got["relaxed"]) == (1, 1, 2)  # the one across the edge still counts


def test_empty_gold_and_no_predictions_is_perfect_null_layers_are_not_scored() -> None:
    got = figures(doc(times=[], quantities=None), Prediction())
    assert got["scored_layers"] == ["times"]
    relaxed = got["times"]["relaxed"]
    assert (relaxed["precision"], relaxed["recall"], relaxed["f1"]) == (1.0, 1.0, 1.0)
    assert got["times"]["value_accuracy"]["accuracy"] is None  # no pair to judge
    got = figures(doc(times=[]), Prediction(times=[PredTime(0, 5, "DATE", None)]))
    relaxed = got["times"]["relaxed"]
    assert (relaxed["precision"], relaxed["recall"], relaxed["f1"]) == (0.0, 0.0, 0.0)
    got = figures(doc(times=[GoldTime(0, 5, "DATE", T())]), None)  # no prediction at all
    assert got["missing_docs"] == 1 and counts(got["times"]["relaxed"]) == (0, 1, 0)


def claim(start: int, end: int, **kw: Any) -> PredClaim:
    fields: dict[str, Any] = {
        "attributed": False,
        "source": None,
        "source_name": None,
        "cue": None,
        "direct_quote": False,
        "negated": False,
        "hedged": False,
        "date": None,
        "date_source": "none",
    }
    fields.update(kw)
    return PredClaim(start, end, **fields)


def test_attributions_source_cue_content_and_joint() -> None:
    gold = doc(
        attributions=[
            GoldAttribution(Span(0, 5), Span(6, 10), Span(11, 30)),
            GoldAttribution(None, Span(40, 44), None),  # a cue with no content annotated
        ]
    )
    preds = [
        claim(0, 31, attributed=True, source=Span(0, 5), cue=Span(6, 10)),
        # its cue is the gold cue without content: not held against it
        claim(35, 60, attributed=True, cue=Span(40, 44)),
        claim(70, 90, attributed=True, source=Span(70, 75), cue=Span(76, 80)),  # wrong
        claim(95, 99),  # not attributed: not in these figures, but in "any claim"
    ]
    got = figures(gold, Prediction(claims=preds))["attributions"]
    assert counts(got["source"]) == (1, 1, 2)
    assert counts(got["cue"]) == (2, 2, 3)
    assert counts(got["content"]) == (1, 1, 2)
    assert counts(got["joint"]) == (2, 2, 3)
    assert got["content_recall_any_claim"] == {"tp": 1, "n_gold": 1, "recall": 1.0}
    # joint needs the right claimer too: the same claim with another source is no match
    preds[0] = claim(0, 31, attributed=True, source=Span(20, 25), cue=Span(6, 10))
    got = figures(gold, Prediction(claims=preds))["attributions"]
    assert counts(got["joint"]) == (1, 2, 3) and counts(got["content"]) == (1, 1, 2)


def test_claims_dates_sources_cues_and_flags() -> None:
    gold = doc(
        claims=[
            GoldClaim(
                0,
                20,
                T({"2024-03-04"}),
                Span(0, 2),
                T({"anna berg"}),
                Span(3, 7),
                False,
                False,
                False,
            ),
            GoldClaim(30, 50, T(), None, T(), None, False, True, False),
            GoldClaim(60, 80, T({"2024"}), None, T(), None, None, False, False),
            GoldClaim(100, 120, T(), None, T(), None, False, False, False),  # missed
        ]
    )
    preds = [
        # "he" at 10-12 is not the gold source's span, but its actor is the resolved name
        claim(
            0,
            21,
            attributed=True,
            source=Span(10, 12),
            source_name="Anna Berg",
            cue=Span(3, 7),
            date="2024-03-04",
            date_source="explicit",
        ),
        claim(30, 50, date="2024-03-05", date_source="reference"),  # negation missed
        claim(60, 80, date=None, date_source="none"),  # dated gold, no date
        claim(130, 140, date="2024-03-05", date_source="explicit"),  # a false positive
    ]
    got = figures(gold, Prediction(claims=preds))["claims"]
    assert counts(got["relaxed"]) == (3, 4, 4)
    assert counts(got["strict"]) == (2, 4, 4)
    assert got["n_gold_dated"] == 2
    assert share(got["date_accuracy"]) == (1, 2)
    assert share(got["undated_accuracy"]) == (1, 1)
    assert share(got["source_accuracy"]) == (3, 3)
    assert share(got["cue_accuracy"]) == (3, 3)
    assert share(got["negated_accuracy"]) == (2, 3)
    assert share(got["direct_quote_accuracy"]) == (2, 2)  # the third is not annotated
    # an invented explicit date on an undated claim is wrong
    preds[1] = claim(30, 50, date="2024-03-01", date_source="explicit", negated=True)
    got = figures(gold, Prediction(claims=preds))["claims"]
    assert share(got["undated_accuracy"]) == (0, 1) and share(got["negated_accuracy"]) == (3, 3)


# --------------------------------------------------------------------------- the command


def eval_json(args: list[str], capfd: Any, monkeypatch: Any) -> tuple[int, dict[str, Any], str]:
    code, out, err = run(["eval", "--format", "json", *args], capfd, monkeypatch)
    return code, (json.loads(out) if out.strip() else {}), err


def test_bench_gold_with_saved_predictions(capfd, monkeypatch) -> None:
    code, report, err = eval_json(
        ["--gold", str(TINY_GOLD), "--pred", str(TINY_PRED)], capfd, monkeypatch
    )
    assert (code, err) == (0, "")
    assert report["gold_format"] == "bench" and report["documents"] == 2
    got = report["sets"]["tiny"]
    assert got["scored_layers"] == ["times", "entities", "quantities", "attributions", "claims"]
    times = got["times"]
    assert counts(times["relaxed"]) == (2, 2, 2)
    assert counts(times["value_f1"]) == (1, 2, 2)  # "last year" is 2023, not 2024
    entities = got["entities"]
    # d1 has no entity annotated ([]): "Police" is a false positive; Anna Berg is no ORG
    assert counts(entities["typed"]) == (2, 3, 4)
    assert counts(entities["untyped"]) == (3, 3, 4)
    assert counts(got["quantities"]["strict"]) == (1, 1, 1)
    assert share(got["quantities"]["value_accuracy"]) == (1, 1)
    for key in ("source", "cue", "content", "joint"):
        assert counts(got["attributions"][key]) == (1, 1, 1), key
    claims = got["claims"]  # d2's claims layer is null: its claim is not scored
    assert counts(claims["relaxed"]) == (1, 1, 1)
    assert share(claims["date_accuracy"]) == (1, 1)
    assert share(claims["negated_accuracy"]) == (0, 1)


def test_the_table_on_a_terminal(capfd, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    code, out, err = run(
        ["eval", "--gold", str(TINY_GOLD), "--pred", str(TINY_PRED), "--format", "table"],
        capfd,
        monkeypatch,
    )
    assert (code, err) == (0, "")
    assert "tiny · 2 documents" in out and "value F1 (TE3)" in out and "{" not in out
    row = next(line for line in out.splitlines() if "typed (relaxed)" in line)
    assert "0.500" in row and "0.667" in row and "2/3 gold, 4 pred" in row


def test_limit_scores_the_first_documents(capfd, monkeypatch) -> None:
    code, report, _ = eval_json(
        ["--gold", str(TINY_GOLD), "--pred", str(TINY_PRED), "--limit", "1"], capfd, monkeypatch
    )
    assert code == 0 and report["sets"]["tiny"]["docs"] == 1  # d2's prediction is no error


def test_bench_gold_running_claimx(capfd, monkeypatch) -> None:
    code, report, err = eval_json(["--gold", str(TINY_GOLD)], capfd, monkeypatch)
    assert (code, err) == (0, "")
    got = report["sets"]["tiny"]
    assert got["docs"] == 2 and got["missing_docs"] == 0
    assert counts(got["times"]["relaxed"])[:2] == (2, 2)  # "Monday", "last year"
    assert share(got["times"]["value_accuracy"]) == (2, 2)  # with each document's date


def test_a_prediction_not_in_the_gold_is_one_line_and_exit_1(tmp_path, capfd, monkeypatch) -> None:
    pred = tmp_path / "pred.jsonl"
    stranger = {"id": "zz", "times": [], "entities": [], "quantities": [], "claims": []}
    pred.write_text(TINY_PRED.read_text() + json.dumps(stranger) + "\n")
    code, report, err = eval_json(
        ["--gold", str(TINY_GOLD), "--pred", str(pred)], capfd, monkeypatch
    )
    assert code == 1
    assert err == f"claimx: {pred}: id 'zz' not in the gold (ignored)\n"
    assert report["sets"]["tiny"]["docs"] == 2  # scored all the same


def test_a_gold_document_without_prediction_is_noted(tmp_path, capfd, monkeypatch) -> None:
    pred = tmp_path / "pred.jsonl"
    pred.write_text(TINY_PRED.read_text().splitlines()[0] + "\n")
    code, report, err = eval_json(
        ["--gold", str(TINY_GOLD), "--pred", str(pred)], capfd, monkeypatch
    )
    assert code == 0
    assert err == f"claimx: {pred}: no prediction for 'd2'; scored as finding nothing\n"
    assert report["sets"]["tiny"]["missing_docs"] == 1


BAD_GOLD = [
    # (file content, problem after "FILE: ")
    (None, "no such file"),
    ("", "empty; expected a Label Studio export or gold JSON Lines"),
    ('{"id": "a", "text": "x"}\n{"id": "b", "text": \n', "line 2: not JSON: Expecting value"),
    ('[{"data": {"id": "t"}, "annotations": [{"result": []}]}]', "task 1: no text in its data"),
    ('[{"data": {"text": "x"}, "annotations": []}]', "no annotated task to score"),
    ("[1, 2]", "item 1: not a JSON object"),
    ('{"text": "No id."}\n', "line 1: no string 'id'"),
    (
        '{"id": "a", "text": "x", "date": "27/09/2021"}\n',
        "line 1: date '27/09/2021' is not a day written YYYY-MM-DD",
    ),
    ('{"id": "a", "text": "x", "gold": {"times": {}}}\n', "line 1: gold 'times' is not a list"),
]


@pytest.mark.parametrize(("content", "problem"), BAD_GOLD)
def test_a_bad_gold_file_is_one_line_and_exit_2(
    content, problem, tmp_path, capfd, monkeypatch
) -> None:
    gold = tmp_path / "gold.json"
    if content is not None:
        gold.write_text(content)
    code, out, err = run(["eval", "--gold", str(gold)], capfd, monkeypatch)
    assert (code, out, err) == (2, "", f"claimx: error: {gold}: {problem}\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["eval"], "missing option '--gold' (see 'claimx eval --help')"),
        (
            ["eval", "--gold", "g.jsonl", "--format", "xml"],
            "--format xml: no such format; the formats are table and json",
        ),
        (["eval", "--gold", "g.jsonl", "--limit", "0"], "--limit 0: score 1 document or more"),
        (
            ["eval", "--gold", "g.jsonl", "--limit", "x"],
            "--limit x: not a whole number (0 or more)",
        ),
    ],
)
def test_eval_usage_errors(args, message, capfd, monkeypatch) -> None:
    code, out, err = run(args, capfd, monkeypatch)
    assert (code, out, err) == (2, "", f"claimx: error: {message}\n")


def test_an_unreadable_prediction_file(tmp_path, capfd, monkeypatch) -> None:
    pred = tmp_path / "pred.jsonl"
    pred.write_text('{"id": "d1"}\nnot json\n')
    code, out, err = run(
        ["eval", "--gold", str(TINY_GOLD), "--pred", str(pred)], capfd, monkeypatch
    )
    assert code == 2 and out == ""
    assert err.startswith(f"claimx: error: {pred}: neither JSON Lines nor JSON")


def test_help_lists_the_commands(capfd, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    code, out, _ = run(["--help"], capfd, monkeypatch)
    assert code == 0 and "label-config" in out and "eval" in out
    code, out, _ = run(["eval", "--help"], capfd, monkeypatch)
    assert code == 0 and "--gold" in out and "table|json" in out
