"""Reference-date precedence, dateline year inference and the dateline as a time."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from claimx.layout import DatelineInfo, analyse_layout
from claimx.reference import (
    dateline_time,
    lead_weekday,
    mentioned_years,
    resolve_reference_date,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

pytestmark = pytest.mark.model

Parse = Callable[[str], Any]


def _resolve(
    text: str,
    parse: Parse,
    *,
    option: dt.date | None = None,
    document_date: dt.date | None = None,
) -> tuple[str | None, str, list[str]]:
    layout = analyse_layout(text)
    doc = parse(layout.masked(text))
    record, date, warnings = resolve_reference_date(
        option=option,
        document_date=document_date,
        dateline=layout.dateline,
        doc=doc,
        body_start=layout.body_start,
    )
    assert record.value == (date.isoformat() if date else None)
    return record.value, record.source, warnings


def _seed() -> str:
    return (SEEDS / "kosovo-plates-reuters.txt").read_text(encoding="utf-8")


def test_seed_year_is_inferred(parse: Parse) -> None:
    # "Sept 27" + "on Monday" in the lead: a Monday in 2004, 2010, 2021, 2027;
    # the text mentions 2013 -> the earliest consistent year from 2013 is 2021
    assert _resolve(_seed(), parse) == ("2021-09-27", "inferred", [])


def test_seed_cues(parse: Parse) -> None:
    text = _seed()
    layout = analyse_layout(text)
    doc = parse(layout.masked(text))
    assert lead_weekday(doc, layout.body_start) == 0
    assert max(mentioned_years(doc)) == 2013


def test_precedence(parse: Parse) -> None:
    text = _seed()
    option, given = dt.date(2021, 9, 27), dt.date(2021, 9, 28)
    assert _resolve(text, parse, option=option, document_date=given)[:2] == (
        "2021-09-27",
        "option",
    )
    assert _resolve(text, parse, document_date=given)[:2] == ("2021-09-28", "input")
    dated = "Headline\n\nLONDON, Sept 27, 2019 (Reuters) - Britain said on Monday it would act."
    assert _resolve(dated, parse) == ("2019-09-27", "dateline", [])
    assert _resolve(dated, parse, document_date=given)[:2] == ("2021-09-28", "input")


# (text, expected value, expected source, a warning is expected)
INFERENCE: list[tuple[str, str | None, str, bool]] = [
    # weekday cue: Thursday 3 March, not before 2013 -> 2016 (2015 would be the
    # latest-year guess; 3 March 2015 was a Tuesday)
    (
        "ROME, March 3 (Reuters) - Italy's parliament approved the budget on Thursday. "
        "The plan was first drafted in 2013.",
        "2016-03-03",
        "inferred",
        False,
    ),
    # "yesterday (Wednesday)": the dateline day is a Thursday
    (
        "ROME, March 3 (Reuters) - Italy's parliament yesterday (Wednesday) approved the "
        "budget. The plan was first drafted in 2013.",
        "2016-03-03",
        "inferred",
        False,
    ),
    # the future "on Friday" is not the dateline day; the past "on Monday" is:
    # 10 June is a Monday in 2019 (a Friday in 2022)
    (
        "ROME, June 10 (Reuters) - Italy's prime minister said on Monday he will meet union "
        "leaders on Friday. The last general strike was in 2017.",
        "2019-06-10",
        "inferred",
        False,
    ),
    # "on Monday last week" is not the dateline day: no cue, latest year, warning
    (
        "ROME, June 10 (Reuters) - Unions have blocked roads since a strike began on Monday "
        "last week. The last general strike was in 2017.",
        "2017-06-10",
        "inferred",
        True,
    ),
    # "Sunday's election" names an event, "since Monday" bounds a period:
    # neither is the dateline day (27 September was a Sunday in 2020)
    (
        "BERLIN, Sept 27 (Reuters) - Germany's Social Democrats narrowly won Sunday's "
        "election. The party last governed alone in 2013.",
        "2013-09-27",
        "inferred",
        True,
    ),
    (
        "BERLIN, Sept 27 (Reuters) - Unions have been on strike since Monday. "
        "The last strike was in 2013.",
        "2013-09-27",
        "inferred",
        True,
    ),
    # AP style: the weekday straight after the verb
    (
        "BERLIN, Sept 27 (AP) — Germany's chancellor said Monday she would step down. "
        "She took office in 2013.",
        "2021-09-27",
        "inferred",
        False,
    ),
    # a target year ("by 2030") is not a lower bound for the story's year
    (
        "ROME, March 3 (Reuters) - Italy's parliament approved on Thursday a plan to cut "
        "emissions by 2030. The plan was first drafted in 2013.",
        "2016-03-03",
        "inferred",
        False,
    ),
    # no weekday cue: the latest year mentioned, with a warning
    (
        "ROME, March 3 (Reuters) - Italy's budget, first drafted in 2015, remains in dispute.",
        "2015-03-03",
        "inferred",
        True,
    ),
    # a past event dated in full after the dateline day in the latest year:
    # the story is from the year after
    (
        "ROME, March 3 (Reuters) - Italy's budget, which parliament rejected on "
        "November 5, 2015, remains in dispute.",
        "2016-03-03",
        "inferred",
        True,
    ),
    # ... and with the weekday cue: 3 March 2015 was a Tuesday, but the story
    # is after 5 November 2015; the next Tuesday 3 March is in 2020
    (
        "ROME, March 3 (Reuters) - Italy's parliament approved the budget on Tuesday. "
        "Parliament rejected it on November 5, 2015.",
        "2020-03-03",
        "inferred",
        False,
    ),
    # a scheduled event in the present tense is no bound
    (
        "ROME, March 3 (Reuters) - Italy's budget, first drafted in 2015, goes to a vote "
        "on November 5, 2015.",
        "2015-03-03",
        "inferred",
        True,
    ),
    # nothing to go on
    (
        "ROME, March 3 (Reuters) - Italy's parliament approved the budget.",
        None,
        "none",
        True,
    ),
    # a weekday cue without any year mentioned cannot fix the year
    (
        "ROME, March 3 (Reuters) - Italy's parliament approved the budget on Thursday.",
        None,
        "none",
        True,
    ),
    # no dateline at all
    ("Headline\n\nItaly's parliament approved the budget in 2015.", None, "none", True),
    # a dateline without a date
    (
        "Headline\n\nROME (AP) — Italy's parliament approved the budget in 2015.",
        None,
        "none",
        True,
    ),
]


@pytest.mark.parametrize(("text", "value", "source", "warned"), INFERENCE)
def test_inference(text: str, value: str | None, source: str, warned: bool, parse: Parse) -> None:
    got_value, got_source, warnings = _resolve(text, parse)
    assert (got_value, got_source) == (value, source)
    assert bool(warnings) == warned
    if source == "none":
        assert warnings[0].startswith("no reference date")


def test_inference_never_reads_the_clock(parse: Parse, monkeypatch: pytest.MonkeyPatch) -> None:
    class FrozenDate(dt.date):
        @classmethod
        def today(cls) -> FrozenDate:
            return cls(2099, 1, 1)

    first = _resolve(_seed(), parse)
    monkeypatch.setattr(dt, "date", FrozenDate)
    assert _resolve(_seed(), parse) == first


def test_dateline_weekday_is_a_cue(parse: Parse) -> None:
    # "Friday, January 4" written without a year: its own weekday fixes it
    text = "ROME, March 3 (Reuters) - Italy's budget, first drafted in 2013, passed."
    layout = analyse_layout(text)
    assert layout.dateline is not None
    dl = dataclasses.replace(layout.dateline, weekday=3)  # Thursday
    record, _, warnings = resolve_reference_date(
        option=None, document_date=None, dateline=dl, doc=parse(layout.masked(text))
    )
    assert (record.value, record.source, warnings) == ("2016-03-03", "inferred", [])


def test_dateline_weekday_mismatch_warns(parse: Parse) -> None:
    text = "Headline\n\nFriday, March 15, 2018\n\nThe council met."  # 15 March 2018: Thursday
    value, source, warnings = _resolve(text, parse)
    assert (value, source) == ("2018-03-15", "dateline")
    assert warnings and "weekday" in warnings[0]


def _dl(year: int | None, month: int | None = 9, day: int | None = 27) -> DatelineInfo:
    return DatelineInfo(0, 30, "PRISTINA", "Reuters", 10, 17, year, month, day, None)


TEXT = "PRISTINA, Sept 27 (Reuters) - NATO said."


@pytest.mark.parametrize(
    ("dateline", "ref", "value"),
    [
        (_dl(2021), None, "2021-09-27"),
        (_dl(None), dt.date(2021, 9, 27), "2021-09-27"),
        (_dl(None), None, "XXXX-09-27"),
        # a "Dec 31" dateline read on 2 January belongs to the year before
        (_dl(None, 12, 31), dt.date(2022, 1, 2), "2021-12-31"),
        (_dl(None, 1, 2), dt.date(2021, 12, 31), "2022-01-02"),
    ],
)
def test_dateline_time(dateline: DatelineInfo, ref: dt.date | None, value: str) -> None:
    mention = dateline_time(dateline, TEXT, ref)
    assert mention is not None
    assert (mention.text, mention.start, mention.end, mention.type, mention.value) == (
        "Sept 27",
        10,
        17,
        "DATE",
        value,
    )


def test_dateline_time_without_date() -> None:
    assert dateline_time(_dl(None, None, None), TEXT, None) is None
    place_only = DatelineInfo(0, 9, "LONDON", None, None, None, None, None, None, None)
    assert dateline_time(place_only, "LONDON - It rained.", dt.date(2021, 1, 1)) is None


def test_seed_dateline_time(parse: Parse) -> None:
    text = _seed()
    layout = analyse_layout(text)
    assert layout.dateline is not None
    _, date, _ = resolve_reference_date(
        option=None,
        document_date=None,
        dateline=layout.dateline,
        doc=parse(layout.masked(text)),
        body_start=layout.body_start,
    )
    mention = dateline_time(layout.dateline, text, date)
    assert mention is not None
    assert (mention.text, mention.value) == ("Sept 27", "2021-09-27")
    assert text[mention.start : mention.end] == "Sept 27"


def test_blank_pipeline_does_not_crash() -> None:
    import spacy

    text = "ROME, March 3 (Reuters) - Italy's parliament approved the budget on Thursday."
    layout = analyse_layout(text)
    doc = spacy.blank("en")(layout.masked(text))
    record, date, warnings = resolve_reference_date(
        option=None, document_date=None, dateline=layout.dateline, doc=doc
    )
    assert (record.source, date) == ("none", None)
    assert warnings
