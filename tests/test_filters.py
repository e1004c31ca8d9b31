"""Claim filters: --source, --attributed, --since, --until (claimx.filters)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from claimx.extract.times.lexicon import lexicon
from claimx.extract.times.timex import timex_interval
from claimx.filters import _contains, _words
from tests.test_cli import SEED, lines, run

D = dt.date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021", (D(2021, 1, 1), D(2021, 12, 31))),
        ("2021-09", (D(2021, 9, 1), D(2021, 9, 30))),
        ("2024-02", (D(2024, 2, 1), D(2024, 2, 29))),
        ("2021-09-25", (D(2021, 9, 25), D(2021, 9, 25))),
        ("2021-09-25T14:00", (D(2021, 9, 25), D(2021, 9, 25))),
        ("2021-W38", (D(2021, 9, 20), D(2021, 9, 26))),
        ("2021-W38-WE", (D(2021, 9, 25), D(2021, 9, 26))),
        ("2021-Q3", (D(2021, 7, 1), D(2021, 9, 30))),
        ("2021-H1", (D(2021, 1, 1), D(2021, 6, 30))),
        ("2021-SU", (D(2021, 6, 1), D(2021, 8, 31))),
        ("2021-WI", (D(2020, 12, 1), D(2021, 2, 28))),  # the winter that ends in 2021
        ("198", (D(1980, 1, 1), D(1989, 12, 31))),
        ("19", (D(1900, 1, 1), D(1999, 12, 31))),
        ("2009/2011", (D(2009, 1, 1), D(2011, 12, 31))),
        # no calendar stretch
        (None, None),
        ("", None),
        ("PRESENT_REF", None),
        ("XXXX-09-27", None),
        ("P60D", None),
        ("2021-13", None),
        ("2021-02-30", None),
        ("2021-W54", None),
        ("2011/2009", None),
    ],
)
def test_timex_interval(value: str | None, expected: tuple[dt.date, dt.date] | None) -> None:
    assert timex_interval(value, lexicon().season_end) == expected


@pytest.mark.parametrize(
    ("name", "query", "expected"),
    [
        ("Albin Kurti", "Kurti", True),
        ("Albin Kurti", "albin kurti", True),
        ("the European Union", "European Union", True),
        ("EU", "eu", True),
        ("EUROPOL", "EU", False),  # whole words only
        ("Kurti Albin", "Albin Kurti", False),  # in order
        ("NATO", "", False),
    ],
)
def test_source_words(name: str, query: str, expected: bool) -> None:
    assert _contains(_words(name), _words(query)) is expected


def claim_ids(args: list[str], capfd, monkeypatch) -> list[str]:
    code, out, err = run(
        ["extract", "--quiet", "--records", "claims", *args, str(SEED)], capfd, monkeypatch
    )
    assert code == 0, err
    return [row["id"] for row in lines(out)]


# The seed (datelined 27 Sept 2021): c5 "The Kosovo government says ..." (2008), c7
# "... police said" (Saturday, 2021-09-25), c9 "Kosovo's NATO mission ... said" (its
# actor NATO); the other claims are narration.
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--source", "NATO"], ["c9"]),  # the source "Kosovo's NATO mission" is NATO
        (["--source", "nato"], ["c9"]),
        (["--source", "Kosovo government"], ["c5"]),
        (["--source", "Kosovo"], ["c5"]),  # a word of the actor's name
        (["--source", "European Union"], []),  # an actor of the story, never a source
        (["--attributed"], ["c5", "c7", "c9"]),
        (["--since", "2021-09-25", "--until", "2021-09-25"], ["c7"]),
        (["--until", "2008-12-31"], ["c5", "c10", "c11"]),
        (["--since", "2008-06-01", "--until", "2013-01-01"], ["c5", "c11", "c13"]),
        (["--attributed", "--since", "2021-09-26"], ["c9"]),
    ],
)
def test_filters_pick_claims(args: list[str], expected: list[str], capfd, monkeypatch) -> None:
    assert claim_ids(args, capfd, monkeypatch) == expected


def test_without_filters_every_claim_is_a_row(capfd, monkeypatch) -> None:
    assert len(claim_ids([], capfd, monkeypatch)) == 14


def test_filters_apply_to_the_table_and_csv(capfd, monkeypatch) -> None:
    code, out, _ = run(
        ["extract", "--quiet", "--format", "table", "--source", "NATO", str(SEED)],
        capfd,
        monkeypatch,
    )
    assert code == 0
    assert "5,000" in out and "stepped up patrols" not in out
    code, out, _ = run(
        ["extract", "--quiet", "--format", "csv", "--attributed", str(SEED)], capfd, monkeypatch
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 3


def test_the_summary_counts_the_claims_shown(capfd, monkeypatch) -> None:
    code, _, err = run(
        ["extract", "--records", "claims", "--attributed", str(SEED)], capfd, monkeypatch
    )
    assert code == 0
    assert "1 document, 3 claims, 0 failed" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2021-13-01"], "claimx: error: --since 2021-13-01: "),
        (["--since", "2022-01-01", "--until", "2021-01-01"], "is after --until 2021-01-01"),
        (["--source", " "], "--source '': name an actor"),
        (["--source", "NATO", "--format", "jsonl"], "with --format jsonl add --records claims"),
        (["--attributed", "--format", "json"], "with --format json add --records claims"),
        (["--attributed", "--format", "label-studio"], "tasks hold whole documents to correct"),
    ],
)
def test_filter_usage_errors(args: list[str], message: str, capfd, monkeypatch) -> None:
    code, out, err = run(["extract", *args, str(SEED)], capfd, monkeypatch)
    assert code == 2 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1


def test_filters_do_not_apply_to_an_output_folder(tmp_path, capfd, monkeypatch) -> None:
    code, _, err = run(
        ["extract", "--attributed", "-O", str(tmp_path / "out"), str(SEED)], capfd, monkeypatch
    )
    assert code == 2 and "an output folder keeps whole documents" in err
    assert not (tmp_path / "out").exists()
