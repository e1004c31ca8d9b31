"""The time layer's entry point: ``find_times``."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from claimx.extract.times.anchoring import (
    anchor_narrative,
    date_clock,
    find_ranges,
    reporting_periods,
)
from claimx.extract.times.context import Ctx
from claimx.extract.times.scan import best_core, scan
from claimx.records import Resolution, TimeMention

if TYPE_CHECKING:
    from spacy.tokens import Doc


def find_times(doc: Doc, ref: dt.date | None) -> list[TimeMention]:
    """Every temporal expression of ``doc`` in order, non-overlapping, TIMEX3-normalised.

    ``ref`` is the publication date; without it relative expressions get value None
    (or an ``XXXX`` form) while absolute ones keep theirs.
    """
    ctx = Ctx(doc, ref, core=best_core)
    # narrative days first, so that a clock time can take the day they name
    cands = date_clock(reporting_periods(anchor_narrative(scan(ctx), ctx), ctx), ctx)
    text = ctx.doc_text
    out: list[TimeMention] = []
    cands, records = find_ranges(cands, ctx)
    ranges = iter(records)
    nxt_range = next(ranges, None)
    for c in cands:
        if nxt_range is not None and nxt_range[0] < c.start:
            # the range record comes before its two end points (document order by start);
            # the interval itself ("2009/2011") is carried in resolution.anchor
            r_start, r_end, period, interval = nxt_range
            a, b = doc[r_start].idx, doc[r_end - 1].idx + len(doc[r_end - 1].text)
            out.append(
                TimeMention(
                    text=text[a:b],
                    start=a,
                    end=b,
                    type="DURATION",
                    value=period,
                    resolution=Resolution(rule="range", anchor=interval),
                )
            )
            nxt_range = next(ranges, None)
        first, last = doc[c.start], doc[c.end - 1]
        start, end = first.idx, last.idx + len(last.text)
        value = c.value
        out.append(
            TimeMention(
                text=text[start:end],
                start=start,
                end=end,
                type=c.type,
                value=value,
                mod=c.mod,
                resolution=Resolution(
                    rule=c.rule, anchor=c.anchor, ambiguous=_guessed(c.rule, ctx)
                ),
            )
        )
    return out


def _guessed(rule: str, ctx: Ctx) -> bool:
    """The rule chose the value among readings the text leaves open (``guessed_rules``
    in times.json: "weekday.past", "calendar.month.tense", "clock.story_date" ...)."""
    return any(mark in rule for mark in ctx.lex.guessed_rules)
