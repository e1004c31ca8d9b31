"""``claimx eval`` and its metrics (``claimx.evaluate``), after the bench README's definitions.

Metric cases are tables of (gold, predictions, expected) with the negative cases beside the
positive ones; the command is run on tiny gold and prediction files written by hand
(``tests/data/tiny.*.jsonl``, our own sentences).
"""

from __future__ import annotations

import json
from collections import Counter
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
    gold_document,
    known_unit,
    match,
    prediction,
    same_unit,
    score,
    unit_name,
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


UNITS = [
    # (gold unit, predicted unit, judged the same)
    ("kilometre", "km", True),  # claimx's vocabulary: symbol, spelling, plural, case
    ("Kilometers", "kilometre", True),
    ("kilometre", "kilometres", True),
    ("$", "US dollar", True),
    ("USD", "u.s. dollars", True),
    ("%", "per cent", True),
    ("percent", "pct", True),
    ("degree Celsius", "°C", True),
    ("micrometre", "µm", True),  # NFKC: the micro sign is mu
    ("m²", "square metre", True),
    ("pound sterling", "GBP", True),
    ("kilometre per hour", "km/h", True),  # "A per B" part by part
    ("Kilometer per hour", "kilometre per hour", True),
    ("dollar per hour", "USD per hour", True),  # ... each part with its family
    ("dollar", "CAD", True),  # a generic currency accepts the currencies named after it
    ("CAD", "dollar", True),  # both ways
    ("dollar", "USD", True),
    ("franc", "CHF", True),
    ("Furlongs", "furlong", True),  # unknown to claimx: lower-case singular strings
    ("boxes", "box", True),
    ("glass", "glass", True),  # "ss" is no plural
    ("dollar", "EUR", False),  # not a dollar
    ("USD", "CAD", False),  # two specific currencies
    ("CHF", "FRF", False),  # two members of one family are not each other
    ("mile per hour", "km/h", False),
    ("dollar per hour", "USD per day", False),
    ("kilometre", "metre", False),
    ("percent", "percentage point", False),  # the bench's table counts these as one ...
    ("ton", "tonne", False),  # ... and these, and "degree" as Celsius: claimx's does not
    ("degree", "degree Celsius", False),
    ("furlong", "mile", False),
    ("kilometre", None, False),  # nothing predicted
    ("kilometre", "", False),
    (None, None, False),
]


@pytest.mark.parametrize(("gold", "pred", "same"), UNITS)
def test_units_compare_in_claimxs_vocabulary(gold, pred, same) -> None:
    assert same_unit(gold, pred) is same


def test_every_canonical_unit_name_is_its_own_name() -> None:
    """What claimx writes (and the Label Studio export shows) reads back as itself."""
    from claimx.extract.quantities.lexicon import _lexicon

    lex = _lexicon()
    names = set(lex.units.values()) | set(lex.cs_units.values())
    assert {n for n in names if known_unit(n) != n or unit_name(n) != n} == set()
    assert known_unit("troops") is None and unit_name("troops") == "troop"
    assert unit_name(None) is None and unit_name(" ") is None


def test_quantities_unit_accuracy_judges_gold_with_a_unit_only() -> None:
    gold = doc(
        quantities=[
            GoldQuantity(0, 5, 5.0, None, None, "measure", "km"),
            GoldQuantity(10, 15, 3.0, None, None, "money", "dollar"),
            GoldQuantity(20, 25, 7.0, None, None, "measure", "kilometre"),
            GoldQuantity(30, 35, 9.0, None, None, "measure", "mile"),
            GoldQuantity(40, 45, 300.0, None, None, "count", None),  # a count
            GoldQuantity(50, 55, 4.0, None, None, "measure", ""),  # no unit either
            GoldQuantity(60, 65, 2.0, None, None, "measure", "metre"),  # missed
        ]
    )
    preds = [
        PredQuantity(0, 5, 5.0, None, None, "kilometre", "measure"),  # right
        PredQuantity(10, 15, 3.0, None, None, "CAD", "money"),  # right: a dollar
        PredQuantity(20, 25, 7.0, None, None, None, "measure"),  # no unit: wrong
        PredQuantity(30, 35, 9.0, None, None, "kilometre", "measure"),  # wrong
        PredQuantity(40, 45, 300.0, None, None, "person", "count"),  # not judged
        PredQuantity(50, 55, 4.0, None, None, "metre", "measure"),  # not judged
        PredQuantity(70, 75, 1.0, None, None, "metre", "measure"),  # unmatched
    ]
    got = figures(gold, Prediction(quantities=preds))["quantities"]
    assert share(got["unit_accuracy"]) == (2, 4)
    got = figures(gold, Prediction(quantities=preds[4:]))["quantities"]
    assert got["unit_accuracy"] == {"correct": 0, "total": 0, "accuracy": None}


def test_times_per_gold_type() -> None:
    gold = doc(
        times=[
            GoldTime(0, 5, "DATE", T({"2024"})),  # identical span, right value
            GoldTime(10, 20, "DATE", T({"2024-03"})),  # overlapping, wrong value
            GoldTime(30, 35, "DATE", T()),  # found, no value to judge
            GoldTime(40, 45, "DURATION", T({"P3D"})),  # missed
            GoldTime(50, 55, "SET", T({"P1W"})),
            GoldTime(60, 65, None, T({"2023"})),  # no type: "?"
        ]
    )
    preds = [
        PredTime(0, 5, "DATE", "2024"),
        PredTime(12, 20, "DATE", "2024-04"),
        PredTime(30, 35, "DATE", "2024"),
        PredTime(50, 55, "DURATION", "P1W"),  # counts for the gold's type, SET
        PredTime(60, 65, "DATE", "2023"),
        PredTime(80, 85, "TIME", "T10:00"),  # no gold TIME: no TIME row
    ]
    got = figures(gold, Prediction(times=preds))["times"]["by_gold_type"]
    assert list(got) == ["DATE", "DURATION", "SET", "?"]
    date = got["DATE"]
    assert (date["n_gold"], date["strict_tp"], date["relaxed_tp"]) == (3, 2, 3)
    assert (date["strict_recall"], date["relaxed_recall"]) == pytest.approx((2 / 3, 1.0))
    assert share(date["value_accuracy"]) == (1, 2)
    assert (date["n_gold_valued"], date["value_recall"]) == (2, 0.5)
    duration = got["DURATION"]
    assert (duration["strict_recall"], duration["relaxed_recall"]) == (0.0, 0.0)
    assert duration["value_accuracy"]["accuracy"] is None and duration["value_recall"] == 0.0
    assert (got["SET"]["strict_tp"], share(got["SET"]["value_accuracy"])) == (1, (1, 1))
    assert (got["?"]["n_gold"], share(got["?"]["value_accuracy"])) == (1, (1, 1))


def test_entities_per_type_count_gold_and_predictions_by_their_own_type() -> None:
    gold = doc(
        entities=[
            GoldEntity(0, 4, "ORG", T({"LOC"}), False),  # found as LOC: an accepted type
            GoldEntity(10, 15, "PERSON", T(), False),  # found as ORG: wrong type
            GoldEntity(20, 25, "PERSON", T(), False),
            GoldEntity(30, 35, "LOC", T(), True),  # optional
        ],
        fp_filter={"entities": {"label": ["FAC"]}},
    )
    preds = [
        PredEntity(0, 4, "LOC", "GPE"),
        PredEntity(10, 15, "ORG", "ORG"),
        PredEntity(20, 25, "PERSON", "PERSON"),
        PredEntity(30, 35, "LOC", "GPE"),  # on the optional one: not counted
        PredEntity(40, 45, "LOC", "FAC"),  # excused by the filter
        PredEntity(50, 55, "PERSON", "PER"),  # a false positive
    ]
    got = figures(gold, Prediction(entities=preds))["entities"]["by_type"]
    assert list(got) == ["PERSON", "ORG", "LOC"]

    def row(kind: str) -> tuple[int, int, int, int]:
        r = got[kind]
        return r["tp_gold"], r["n_gold"], r["tp_pred"], r["n_pred"]

    assert row("PERSON") == (1, 2, 1, 2)
    assert row("ORG") == (1, 1, 0, 1)  # the ORG found; the ORG prediction wrong
    assert row("LOC") == (0, 0, 1, 1)  # no gold LOC; the LOC prediction right
    assert (got["PERSON"]["precision"], got["PERSON"]["recall"]) == (0.5, 0.5)
    assert (got["ORG"]["precision"], got["ORG"]["recall"], got["ORG"]["f1"]) == (0.0, 1.0, 0.0)
    assert (got["LOC"]["precision"], got["LOC"]["recall"]) == (1.0, 0.0)
    # nothing of a type on either side: perfect, as for the whole layer
    got = figures(doc(entities=[]), Prediction())["entities"]["by_type"]
    assert got["LOC"] == {
        "tp_gold": 0,
        "n_gold": 0,
        "tp_pred": 0,
        "n_pred": 0,
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
    }


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


def q(start: int, end: int, value: float | None = None, **kw: Any) -> PredQuantity:
    return PredQuantity(start, end, value, kw.get("low"), kw.get("high"), None, "count")


def gq(start: int, end: int, value: float | None = None, **kw: Any) -> GoldQuantity:
    return GoldQuantity(start, end, value, kw.get("low"), kw.get("high"), "count")


def gold_claim(start: int, end: int, quantities: tuple[GoldQuantity, ...] | None) -> GoldClaim:
    return GoldClaim(start, end, T(), None, T(), None, None, None, None, quantities)


def test_quantities_inside_matched_claims() -> None:
    gold = doc(
        claims=[
            gold_claim(0, 40, (gq(5, 10, 300.0), gq(15, 20, None, low=5.0, high=10.0), gq(25, 30))),
            gold_claim(50, 90, (gq(55, 60, 2.0), gq(70, 75, 4.0))),
            gold_claim(100, 140, (gq(105, 110, 1.0),)),  # missed claim: not looked inside
            gold_claim(150, 190, ()),
        ]
    )
    preds = [
        # the third: gold has no value to judge
        claim(
            0, 40, quantities=(q(5, 9, 300.0), q(15, 20, 5.0, low=5.0, high=10.0), q(25, 30, 7.0))
        ),
        claim(50, 90, quantities=(q(56, 60, 3.0), q(80, 85, 4.0))),  # a wrong value, a stray
        claim(150, 190, quantities=(q(160, 165, 1.0),)),  # gold has none: a false positive
        # unmatched claim: its quantities are not counted
        claim(200, 240, quantities=(q(205, 210, 9.0),)),
    ]
    got = figures(gold, Prediction(claims=preds))["claims"]
    assert counts(got["quantities"]) == (4, 5, 6)
    assert got["quantities"]["precision"] == 4 / 6 and got["quantities"]["recall"] == 0.8
    assert share(got["quantity_value_accuracy"]) == (2, 3)
    # matched claims pointing to nothing: recall 0, and no value to judge
    bare = [claim(c.start, c.end) for c in preds]
    got = figures(gold, Prediction(claims=bare))["claims"]
    assert counts(got["quantities"]) == (0, 5, 0) and got["quantities"]["recall"] == 0.0
    assert got["quantity_value_accuracy"]["accuracy"] is None


def test_quantities_inside_claims_need_a_matched_claim_with_annotated_quantities() -> None:
    # no claim matched: nothing to look inside, so no figure (not 0, not 1)
    unmatched = figures(doc(claims=[gold_claim(0, 40, (gq(5, 10, 3.0),))]), Prediction())
    got = unmatched["claims"]["quantities"]
    assert counts(got) == (0, 0, 0)
    assert (got["precision"], got["recall"], got["f1"]) == (None, None, None)
    # a gold claim that does not say (Label Studio): the pair takes no part
    pred = Prediction(claims=[claim(0, 40, quantities=(q(5, 9, 3.0),))])
    got = figures(doc(claims=[gold_claim(0, 40, None)]), pred)["claims"]["quantities"]
    assert counts(got) == (0, 0, 0) and got["f1"] is None
    # one that says "none": the quantity pointed to is a false positive
    got = figures(doc(claims=[gold_claim(0, 40, ())]), pred)["claims"]["quantities"]
    assert counts(got) == (0, 0, 1) and (got["precision"], got["recall"]) == (0.0, 0.0)


def test_claim_quantities_read_from_gold_and_from_claimx_output() -> None:
    text = "Police said 300 people and 5 to 10 cars were there."
    gold = gold_document(
        {
            "id": "a",
            "text": text,
            "gold": {
                "quantities": [{"start": 12, "end": 22, "value": 300, "unit": " km "}],
                "claims": [
                    {
                        "start": 0,
                        "end": 50,
                        "quantities": [
                            {"start": 12, "end": 22, "value": 300},
                            {"start": 27, "end": 39, "low": 5, "high": 10},
                            {"start": 40, "end": 40},  # no span: left out
                        ],
                    },
                    {"start": 0, "end": 10},  # no "quantities": none in it
                ],
            },
        },
        "s",
        "line 1",
    )
    assert gold.quantities is not None and gold.quantities[0].unit == " km "
    assert gold.claims is not None
    first, second = gold.claims
    assert first.quantities == (
        GoldQuantity(12, 22, 300.0, None, None, None),
        GoldQuantity(27, 39, None, 5.0, 10.0, None),
    )
    assert second.quantities == ()
    issues: Counter[str] = Counter()
    record = {
        "times": [],
        "entities": [],
        "quantities": [
            {"start": 12, "end": 22, "value": 300, "unit": None},
            {"start": 27, "end": 39, "low": 5, "high": 10},
            {"start": 40, "end": 999},  # bad offsets: not read
        ],
        "claims": [
            {"start": 0, "end": 50, "quantities": [1, 0, 1, 2, 7, True, "0"]},
            {"start": 0, "end": 10, "quantities": "0"},
            {"start": 0, "end": 10},
        ],
    }
    got = prediction(record, len(text), issues)
    assert [(x.start, x.end) for x in got.claims[0].quantities] == [(27, 39), (12, 22)]
    assert got.claims[1].quantities == got.claims[2].quantities == ()
    assert issues == Counter(
        {
            "quantity with bad offsets": 1,
            "claim quantity index that points nowhere": 4,  # 2 (not read), 7, True, "0"
            "claim 'quantities' that is not a list": 1,
        }
    )


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
    # d1's gold claim lists no quantities: the one its claim points to is a false positive
    assert counts(claims["quantities"]) == (0, 0, 1)
    assert claims["quantities"]["precision"] == 0.0
    assert got["quantities"]["unit_accuracy"]["total"] == 0  # "300 people": a count
    assert list(times["by_gold_type"]) == ["DATE"]
    assert times["by_gold_type"]["DATE"]["value_accuracy"]["correct"] == 1
    by_type = entities["by_type"]  # Anna Berg found as an ORG: a PERSON missed, an ORG wrong
    assert [(by_type[k]["tp_gold"], by_type[k]["n_gold"]) for k in by_type] == [
        (0, 1),
        (1, 1),
        (1, 1),
    ]
    assert [(by_type[k]["tp_pred"], by_type[k]["n_pred"]) for k in by_type] == [
        (0, 0),
        (1, 3),
        (1, 1),
    ]


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
    row = next(line for line in out.splitlines() if "gold DATE" in line)
    assert "1.000" in row and "0.500" in row and "2/2 gold (strict 2), value 1/2" in row
    row = next(line for line in out.splitlines() if "ORG (typed)" in line)
    assert "0.333" in row and "1/1 gold, 1/3 pred" in row
    row = next(line for line in out.splitlines() if "quantities in matched" in line)
    assert "0/0 gold, 1 pred" in row
    assert "unit acc" in out and "quantity value acc" in out


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
