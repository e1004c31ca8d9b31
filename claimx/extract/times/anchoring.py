"""Passes after the scan: clock times take their day, narrative times count from the
last time the text named, and two times written as a range get a range record."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from claimx.extract.times.context import Cand, Ctx
from claimx.extract.times.timex import at_granularity, shift_in_calendar, timex_period


def date_clock(cands: list[Cand], ctx: Ctx) -> list[Cand]:
    """Give an undated clock time the date of its sentence ("Monday ... at 3 p.m."),
    else the reference date; a day directly followed by its clock time ("tomorrow
    8:00am", "Monday 9 am") is one TIME mention."""
    merged: list[Cand] = []
    for c in cands:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and c.kind == "clock"
            and c.value
            and prev.day is not None
            and prev.kind == "day"
            and prev.end == c.start
        ):
            merged[-1] = Cand(
                prev.start,
                c.end,
                "TIME",
                f"{prev.day}{c.value}",
                "clock.dated+" + prev.rule,
                prev.anchor,
                kind="time",
                day=prev.day,
            )
            continue
        if (
            prev is not None
            and prev.kind == "clock"
            and prev.value
            and c.day is not None
            and c.rule.startswith("narrative.")
            and prev.end == c.start
        ):
            # "the last ballot was cast at 2:30 the next day": one TIME on that day
            merged[-1] = replace(
                c,
                start=prev.start,
                type="TIME",
                value=f"{c.day}{prev.value}",
                rule="clock.dated+" + c.rule,
                kind="time",
            )
            continue
        merged.append(c)
    cands = merged
    out: list[Cand] = []
    for c in cands:
        prev = out[-1] if out else None
        if c.kind == "clock" and c.value and prev is not None and _in_brackets_after(ctx, prev, c):
            c = _same_instant(prev, c)
        if c.kind == "clock" and c.value:
            day, rule = _clock_day(ctx, cands, c)
            if day is not None:
                c = replace(c, value=f"{day}{c.value}", rule=rule, anchor=day.isoformat())
        out.append(c)
    return out


_DATED_CLOCK = re.compile(r"(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})")
_CLOCK_VALUE = re.compile(r"T(\d{2}):(\d{2})")


def _in_brackets_after(ctx: Ctx, a: Cand, b: Cand) -> bool:
    """``b`` is written in brackets right after ``a``: "8:30 p.m. (0030 UTC)"."""
    return b.start == a.end + 1 and ctx.low_at(a.end) == "(" and ctx.low_at(b.end) == ")"


def _same_instant(a: Cand, b: Cand) -> Cand:
    """A clock time in brackets after a dated one is the same instant in another zone:
    "at 8:30 p.m. (0030 UTC)" on Wednesday 21 August is 2019-08-22T00:30Z. The zone's
    offset is the difference of the two readings, within twelve hours either way."""
    dated = _DATED_CLOCK.fullmatch(a.value or "") or _DATED_CLOCK.match(a.value or "")
    clock = _CLOCK_VALUE.match(b.value or "")
    if (
        dated is None
        or clock is None
        or (a.value or "").endswith("Z") == (b.value or "").endswith("Z")
    ):
        return b
    day = dt.date.fromisoformat(dated.group(1))
    at_a = int(dated.group(2)) * 60 + int(dated.group(3))
    at_b = int(clock.group(1)) * 60 + int(clock.group(2))
    offset = (at_b - at_a) % 1440
    if offset > 720:
        offset -= 1440
    b_day = day + dt.timedelta(days=(at_a + offset) // 1440)
    return replace(
        b,
        value=f"{b_day}{b.value}",
        rule="clock.same_instant",
        anchor=a.value,
        kind="time",
        day=b_day,
    )


def _clock_day(ctx: Ctx, cands: list[Cand], c: Cand) -> tuple[dt.date | None, str]:
    """The day an undated clock time falls on, and the rule that gave it.

    "On Monday, a water main broke ... By 5:00 pm EDT the city issued ...": the
    nearest day in the sentence, else the last one earlier in the paragraph, else,
    in the past tense, the last one earlier in the text, else the reference date.
    """
    s_start, s_end = ctx.sentence(c.start)
    # a narrative day after the clock counts from it ("at 22:30 ... at 2:30 the next day")
    days = [
        d
        for d in cands
        if d.day is not None
        and s_start <= d.start < s_end
        and not (d.start > c.start and "narrative." in d.rule)
    ]
    if days:
        return min(days, key=lambda d: abs(d.start - c.start)).day, "clock.sentence_date"
    para = ctx.doc_text.rfind("\n\n", 0, ctx.doc[c.start].idx)
    before = [
        d for d in cands if d.day is not None and d.end <= c.start and ctx.doc[d.start].idx > para
    ]
    if before:
        return before[-1].day, "clock.paragraph_date"
    earlier = [d for d in cands if d.day is not None and d.end <= c.start]
    if earlier and ctx.tense(c.start, c.end) == "past":
        # "The storm hit the coast on Wednesday. [...] It made landfall at 8:30
        # p.m.": a past clock time is on the last day the story named, not the day
        # it was filed
        return earlier[-1].day, "clock.story_date"
    return ctx.ref, "clock.reference"


def _base_of(c: Cand) -> tuple[dt.date, str] | None:
    """What a narrative step can count from: a day, a month or a year already named."""
    if c.day is not None and c.type == "DATE":
        return c.day, "D"
    if c.type != "DATE" or c.value is None or c.mod is not None:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}|Q[1-4]))?", c.value)
    if m is None:
        return None
    if m.group(2) and m.group(2)[0] == "Q":
        return dt.date(int(m.group(1)), 3 * int(m.group(2)[1]) - 2, 1), "Q"
    if m.group(2):
        return dt.date(int(m.group(1)), int(m.group(2)), 1), "M"
    return dt.date(int(m.group(1)), 1, 1), "Y"


_COARSE = {"D": 0, "W": 1, "M": 2, "Q": 3, "Y": 4}


def reporting_periods(cands: list[Cand], ctx: Ctx) -> list[Cand]:
    """The periods an earnings report points back at.

    "Net income rose to $5 million in the third quarter from $4 million a year
    ago": a year back from a quarter named in the sentence, or in the one before
    it, is that quarter a year before (1988-Q3). "Sales in the latest quarter",
    "in the year-ago quarter" (``rule_period_anaphor``) are the quarter the text
    named last, or a year before it; with none named, "the latest quarter" and
    "the quarter ended Sept. 30" are the quarter just ended, and a bare "the
    period" is no time.
    """
    out: list[Cand] = []
    last: str | None = None  # the last quarter named, "1989-Q3"
    for c in cands:
        if c.back == (1, "Y") and c.value is not None and c.kind != "period":
            sent = ctx.sentence(c.start)
            quarter = next(
                (
                    p
                    for p in reversed(out)
                    if p.kind == "quarter"
                    and p.value is not None
                    and QUARTER_VALUE.fullmatch(p.value)
                    and ctx.sentence(p.start)[0] >= ctx.sentence(max(sent[0] - 1, 0))[0]
                ),
                None,
            )
            if quarter is not None and quarter.value is not None:
                year, q = int(quarter.value[:4]), quarter.value[5:]
                c = replace(c, value=f"{year - 1}-{q}", rule="ago.comparable", anchor=quarter.value)
        elif c.kind == "period":
            ended = None
            if ctx.ref is not None:
                current = (ctx.ref.month - 1) // 3 + 1
                ended = f"{ctx.ref.year - (current == 1)}-Q{current - 1 or 4}"
            # a report's period is over: a quarter named ahead of the one just ended
            # ("expects a loss in the fourth quarter") is not the one it reports on
            base = last if last is not None and (ended is None or last <= ended) else None
            if c.rule == "period.latest" or (base is None and c.rule != "period"):
                base = ended or base
            if base is None or c.back is None:
                continue  # "the period" with no quarter named before it
            value = f"{int(base[:4]) - c.back[0]}{base[4:]}"
            if c.rule == "period.year" and c.value is not None:
                value = f"{c.value}{base[4:]}"  # "the 1988 period": that quarter in 1988
            c = replace(c, value=value, anchor=base, kind="quarter", rule=c.rule + ".quarter")
        if (
            c.kind == "quarter"
            and c.value is not None
            and QUARTER_VALUE.fullmatch(c.value)
            and not c.rule.startswith(("ago.", "period.year_ago", "period.year."))
        ):
            last = c.value
        out.append(c)
    return out


QUARTER_VALUE = re.compile(r"\d{4}-Q[1-4]")


def anchor_narrative(cands: list[Cand], ctx: Ctx) -> list[Cand]:
    """Resolve "three days later", "the day before", "the year before" against the
    last time the text named before them ("released on May 3 ... three days later"
    -> May 6), else the reference date."""
    out: list[Cand] = []
    # the step each resolved narrative time was counted by, by its position in ``out``
    steps: dict[int, tuple[int, str]] = {}
    for c in cands:
        if c.shift is None:
            out.append(c)
            continue
        step, unit = c.shift
        base: tuple[dt.date, str] | None = None
        for k in range(len(out) - 1, -1, -1):
            prev = out[k]
            if step < 0 and steps.get(k) == c.shift:
                # "profit rose to $5 million from $4 million a year earlier ... sales
                # rose to $9 million from $8 million a year earlier": both compare with
                # the same period; the second does not count back from the first
                continue
            if (
                prev.kind == "clock"
                and unit == "D"
                and ctx.sentence(prev.start) == ctx.sentence(c.start)
            ):
                # "after the polls closed at 22:30 ... the last ballot there was cast at
                # 2:30 the next day": the day after the clock time's day
                day_of, _ = _clock_day(ctx, out, prev)
                if day_of is not None:
                    base = (day_of, "D")
                    break
            base = _base_of(prev)
            if base is not None:
                break
        rule = c.rule + ".previous"
        if base is None and ctx.ref is not None:
            # nothing named before: narrative time is the publication date (TimeML's
            # default), unless the tense contradicts it - "Two years later, he died" is
            # not after the reference date
            tense = ctx.tense(c.start, c.end)
            if not (tense == "past" and step > 0) and not (tense == "future" and step < 0):
                base, rule = (ctx.ref, "D"), c.rule + ".reference"
        if base is None:
            out.append(replace(c, shift=None, rule=c.rule + ".no_anchor"))
            continue
        d, grain = base
        # a step finer than what was named keeps the coarser grain ("in 2009 ... two
        # days later" is still 2009 as far as the text says)
        gran = grain if _COARSE[grain] > _COARSE[unit] else unit
        if c.rule.startswith("narrative.same_period") or (
            grain == "Q" and unit == "Y" and abs(step) == 1
        ):
            # "the same month a year ago": the month named, a year back; "profit rose
            # in the third quarter from $4 million a year earlier": that quarter's
            gran = grain
        shifted = shift_in_calendar(d, step, unit)
        if shifted is None:  # "2,500 years later": past the calendar a date can hold
            out.append(replace(c, shift=None, rule=c.rule + ".out_of_calendar"))
            continue
        day = shifted
        value = day.isoformat() if gran in ("D", "W") else at_granularity(day, gran)
        steps[len(out)] = c.shift
        out.append(
            replace(
                c,
                value=value,
                rule=rule,
                anchor=d.isoformat() if grain == "D" else at_granularity(d, grain),
                day=day if gran in ("D", "W") else None,
                kind="day" if gran in ("D", "W") else gran,
                shift=None,
            )
        )
    return out


def _point(c: Cand) -> tuple[dt.date, str] | None:
    """A range end point: a year, a month or a day with its grain."""
    return _base_of(c) if c.mod is None else None


def _with_year(c: Cand, year: int) -> Cand:
    """The same month or day in another year (a range's start moved next to its end)."""
    assert c.value is not None
    if c.day is not None:
        try:
            day = c.day.replace(year=year)
        except ValueError:
            return c
        return replace(c, value=day.isoformat(), day=day, rule=c.rule + ".range")
    return replace(c, value=f"{year}{c.value[4:]}", rule=c.rule + ".range")


def find_ranges(cands: list[Cand], ctx: Ctx) -> tuple[list[Cand], list[tuple[int, int, str, str]]]:
    """Ranges written with two times: "from 2009 to 2011", "between March and May"
    -> (first token, last token, span of the range as a TIMEX3 period, "begin/end").

    The two ends are read together: a start without a year takes the end's ("from May
    to Oct 2020"), and a start resolved after its end moves back a year ("is to run
    from January 23 through March 9", said on January 28).
    """
    out: list[tuple[int, int, str, str]] = []
    cands = list(cands)
    for k in range(len(cands) - 1):
        a, b = cands[k], cands[k + 1]
        closers = ctx.lex.range_openers.get(ctx.low_at(a.start - 1))
        if closers is None or b.start != a.end + 1 or ctx.low_at(a.end) not in closers:
            continue
        pa, pb = _point(a), _point(b)
        if pa is None or pb is None or pa[1] != pb[1] or pa[1] == "Y":
            pass
        elif ".tense" in a.rule:
            year = pb[0].year if ".tense" not in b.rule else pa[0].year
            if (pa[0].month, pa[0].day) > (pb[0].month, pb[0].day):
                year = pb[0].year - 1
            elif ".tense" in b.rule:
                year = pb[0].year
            a = cands[k] = _with_year(a, year)
            pa = _point(a)
        elif (
            a.rule.startswith("weekday")
            and b.rule.startswith("weekday")
            and a.day is not None
            and b.day is not None
            and a.day > b.day
        ):
            # "The road was closed from Monday to Wednesday", said on a Monday: each
            # weekday alone is the latest before now (today; last Wednesday), but the
            # range runs forward, so it starts the Monday before its Wednesday
            weeks = dt.timedelta(weeks=(a.day - b.day).days // 7 + 1)
            if b.rule.startswith("weekday.future"):
                # "will be closed from Wednesday to Monday": it ends the Monday after
                day = b.day + weeks
                b = replace(b, value=day.isoformat(), day=day, rule=b.rule + ".range")
                cands[k + 1] = b
                pb = _point(b)
            else:
                day = a.day - weeks
                a = replace(a, value=day.isoformat(), day=day, rule=a.rule + ".range")
                cands[k] = a
                pa = _point(a)
        if pa is None or pb is None or pa[1] != pb[1] or not pa[0] < pb[0]:
            continue
        (da, grain), db = pa, pb[0]
        if grain == "Y":
            period = timex_period(db.year - da.year, "Y")
        elif grain in ("M", "Q"):
            period = timex_period((db.year - da.year) * 12 + db.month - da.month, "M")
        else:
            period = timex_period((db - da).days, "D")
        out.append((a.start - 1, b.end, period, f"{a.value}/{b.value}"))
    return cands, out
