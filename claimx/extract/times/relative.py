"""Rules for times counted from the reference date or the narrative: "last week",
"yesterday", "on Monday", "now", "the day before", "the same period last year"."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from claimx.extract.times.context import Cand, Ctx
from claimx.extract.times.dates import rule_calendar
from claimx.extract.times.holidays import holiday_at
from claimx.extract.times.readers import read_month, read_weekday
from claimx.extract.times.timex import iso_week, relative_unit_value, resolve_weekday, timex_period

if TYPE_CHECKING:
    from collections.abc import Callable


def rule_relative(ctx: Ctx, i: int) -> Cand | None:
    """ "last week" -> 2021-W37, "this year", "next month", "the previous year",
    "last Monday", "next January", "this summer", "Monday last week"."""
    lex = ctx.lex
    start = i
    got = _weekday_of_week(ctx, i) or _the_weekend(ctx, i)
    if got is not None:
        return got
    w = ctx.low_at(i)
    if w not in lex.relative:
        return None
    step = lex.relative[w]
    if w == "this" and ctx.low_at(i + 1) in ctx.lex.words["this_modifiers"]:
        # "this past Friday", "this coming weekend"
        i += 1
        w = ctx.low_at(i)
        step = lex.relative[w]
    nxt = ctx.low_at(i + 1)
    if nxt == "calendar" and ctx.low_at(i + 2) == "year" and w != "past":
        i, nxt = i + 1, "year"  # "gains this calendar year": the year
    if w == "current" and nxt not in ctx.lex.words["current_units"]:
        return None
    unit = lex.relative_units.get(nxt)
    if unit is not None:
        return _unit_from_reference(ctx, start, i, w, step, unit)
    if read_weekday(ctx, i + 1):
        return _weekday_from_reference(ctx, start, i, step)
    mm = read_month(ctx, i + 1, alone=False)
    if mm and w in ctx.lex.words["deictic_determiners"]:
        return _month_from_reference(ctx, start, mm, step)
    feast = holiday_at(ctx, i + 1) if w in ctx.lex.words["holiday_relatives"] else None
    if feast is not None:
        return _holiday_from_reference(ctx, start, i + 1 + feast[0], feast[1], step)
    season = lex.seasons.get(nxt)
    if season and w in ctx.lex.words["season_relatives"]:
        if ctx.ref is None:
            return Cand(start, i + 2, "DATE", None, "relative.season", kind="season")
        y = ctx.ref.year
        if step < 0 and ctx.ref.month <= lex.season_end[season]:
            y -= 1
        elif step > 0 and ctx.ref.month >= lex.season_end[season] - 2:
            y += 1
        return Cand(
            start, i + 2, "DATE", f"{y}-{season}", "relative.season", ctx.anchor, kind="season"
        )
    return None


def _weekday_of_week(ctx: Ctx, i: int) -> Cand | None:
    """ "Monday last week", "Tuesday of next week", "Wednesday evening next week",
    "on Monday of the following week"."""
    wd = read_weekday(ctx, i)
    if wd is None:
        return None
    part = ctx.lex.day_parts.get(ctx.low_at(i + 1))
    k = i + 2 if ctx.low_at(i + 1) == "of" else i + 1
    if (
        k == i + 2
        and ctx.low_at(k) == "the"
        and ctx.low_at(k + 1) in ctx.lex.words["sequence_words"]
    ):
        k += 1  # "on Monday of the following week"
    if part is not None and ctx.low_at(k + 2) == "week":
        k += 1  # "Wednesday evening next week"
    else:
        part = None
    if ctx.low_at(k + 1) != "week" or ctx.low_at(k) not in ctx.lex.words["week_relatives"]:
        return None
    if ctx.ref is None:
        return Cand(i, k + 2, "DATE", None, "relative.weekday_week", kind="day")
    wk = ctx.ref + relativedelta(weeks=ctx.lex.relative[ctx.low_at(k)])
    day = wk - dt.timedelta(days=wk.weekday() - wd[1])
    if part is not None:
        value, rule = f"{day}T{part}", "relative.weekday_week+part"
        return Cand(i, k + 2, "TIME", value, rule, ctx.anchor, kind="time", day=day)
    rule = "relative.weekday_week"
    return Cand(i, k + 2, "DATE", day.isoformat(), rule, ctx.anchor, kind="day", day=day)


def _the_weekend(ctx: Ctx, i: int) -> Cand | None:
    """ "attacks over the weekend", "the band played this weekend" (said on a Monday):
    the weekend before the reference (past) or the coming one (future, present)."""
    if (
        ctx.low_at(i) not in ("the", "this")
        or ctx.low_at(i + 1) != "weekend"
        or ctx.low_at(i + 2) == "of"
        or ctx.low_at(i - 1) == "this"
    ):
        return None
    if ctx.ref is None:
        return Cand(i, i + 2, "DATE", None, "relative.the_weekend", kind="WE")
    tense = ctx.tense(i, i + 2)
    sat = resolve_weekday(ctx.ref, 5, "past" if tense == "past" else "future")
    if tense != "past" and ctx.ref.weekday() == 6:
        sat = ctx.ref - dt.timedelta(days=1)
    value = iso_week(sat) + "-WE"
    return Cand(i, i + 2, "DATE", value, "relative.the_weekend", ctx.anchor, kind="WE")


def _unit_from_reference(ctx: Ctx, start: int, i: int, w: str, step: int, unit: str) -> Cand | None:
    """ "last week", "next month", "the past decade" (a stretch up to now), "next week
    Monday"; the relative word is token ``i``, its unit ``i + 1``."""
    if ctx.low_at(i + 2) == "of" or ctx.low_at(i + 2) in ctx.lex.units:
        return None  # "the last week of March", "the next year" + "s"
    if w == "past" and unit not in ("WE",) and ctx.low_at(i - 1) == "the":
        # "the past decade", "the past week": a stretch up to now
        value = timex_period(1, unit)
        return Cand(start, i + 2, "DURATION", value, "relative.past_unit", kind="duration")
    if ctx.ref is None:
        return Cand(start, i + 2, "DATE", None, "relative.unit", kind=unit)
    k = i + 2
    k = k + 1 if ctx.low_at(k) in ("on", "-", ",") else k
    wd = read_weekday(ctx, k, short=True) if unit == "W" else None
    if wd is not None:
        wk = ctx.ref + relativedelta(weeks=step)
        day = wk - dt.timedelta(days=wk.weekday() - wd[1])
        rule = "relative.week_weekday"
        return Cand(start, k + 1, "DATE", day.isoformat(), rule, ctx.anchor, kind="day", day=day)
    value = relative_unit_value(ctx.ref, step, unit)
    return Cand(start, i + 2, "DATE", value, "relative.unit", ctx.anchor, kind=unit)


def _weekday_from_reference(ctx: Ctx, start: int, i: int, step: int) -> Cand | None:
    """ "last Monday", "next Friday", "this Tuesday"; "next Wednesday, July 31" is
    the written date. The weekday is token ``i + 1``."""
    wd = read_weekday(ctx, i + 1)
    assert wd is not None
    full = rule_calendar(ctx, i + 1)
    if full is not None and full.day is not None and full.end > i + 2:
        # "next Wednesday, July 31": the written date wins
        return replace(full, start=start)
    if ctx.ref is None:
        return Cand(start, i + 2, "DATE", None, "relative.weekday", kind="day")
    ref = ctx.ref
    if step < 0:
        day = ref - dt.timedelta(days=(ref.weekday() - wd[1]) % 7 or 7)
    elif step > 0:
        day = ref + dt.timedelta(days=(wd[1] - ref.weekday()) % 7 or 7)
    else:
        day = ref - dt.timedelta(days=ref.weekday() - wd[1])
    rule = "relative.weekday"
    return Cand(start, i + 2, "DATE", day.isoformat(), rule, ctx.anchor, kind="day", day=day)


def _month_from_reference(ctx: Ctx, start: int, mm: tuple[int, int], step: int) -> Cand:
    """ "last January", "next March": the one before / after the reference month."""
    end, month = mm
    if ctx.ref is None:
        return Cand(start, end, "DATE", None, "relative.month_name", kind="month")
    y = ctx.ref.year
    if step < 0 and month >= ctx.ref.month:
        y -= 1
    elif step > 0 and month <= ctx.ref.month:
        y += 1
    value = f"{y}-{month:02d}"
    return Cand(start, end, "DATE", value, "relative.month_name", ctx.anchor, kind="month")


def _holiday_from_reference(
    ctx: Ctx, start: int, end: int, day_in: Callable[[int], dt.date], step: int
) -> Cand:
    """ "last Easter", "next Christmas": the occurrence before / after the reference."""
    if ctx.ref is None:
        return Cand(start, end, "DATE", None, "relative.holiday", kind="day")
    year = ctx.ref.year
    day = day_in(year)
    if step < 0 and day >= ctx.ref:
        day = day_in(year - 1)
    elif step > 0 and day <= ctx.ref:
        day = day_in(year + 1)
    rule = "relative.holiday"
    return Cand(start, end, "DATE", day.isoformat(), rule, ctx.anchor, kind="day", day=day)


def rule_beyond(ctx: Ctx, i: int) -> Cand | None:
    """Two steps from the reference: "the day after tomorrow", "the day before
    yesterday", "the week after next", "the year before last"."""
    if ctx.low_at(i) != "the":
        return None
    unit = ctx.lex.narrative_units.get(ctx.low_at(i + 1))
    rel, last = ctx.low_at(i + 2), ctx.low_at(i + 3)
    if unit is None or rel not in ("after", "before"):
        return None
    step = 2 if rel == "after" else -2
    if unit == "D":
        if (rel, last) not in (("after", "tomorrow"), ("before", "yesterday")):
            return None
    elif (rel, last) not in (("after", "next"), ("before", "last")):
        return None
    if ctx.ref is None:
        return Cand(i, i + 4, "DATE", None, "relative.beyond", kind=unit)
    if unit == "D":
        day = ctx.ref + dt.timedelta(days=step)
        return Cand(
            i, i + 4, "DATE", day.isoformat(), "relative.beyond", ctx.anchor, kind="day", day=day
        )
    value = relative_unit_value(ctx.ref, step, unit)
    return Cand(i, i + 4, "DATE", value, "relative.beyond", ctx.anchor, kind=unit)


def rule_dayword(ctx: Ctx, i: int) -> Cand | None:
    """ "yesterday", "today", "tomorrow", "tonight", "this morning", "last night",
    "Friday morning", "earlier today"."""
    lex = ctx.lex
    w = ctx.low_at(i)
    ref = ctx.ref
    start = i
    if (
        w in ctx.lex.words["narrative_adverbs"]
        and ctx.low_at(i + 1) in ctx.lex.words["today_words"]
    ):
        i += 1
        w = ctx.low_at(i)
    if w in lex.day_words:
        tok = ctx.tok(i)
        if w == "today" and tok.pos_ not in ("NOUN", "ADV", "PROPN"):
            return None
        if i > 0 and ctx.tok(i - 1).pos_ == "PROPN" and ctx.text[i][0].isupper() and start == i:
            return None  # "USA Today"
        if w == "today" and start == i and _nowadays(ctx, i):
            return Cand(i, i + 1, "DATE", "PRESENT_REF", "ref.nowadays", kind="ref")
        day = ref + dt.timedelta(days=lex.day_words[w]) if ref else None
        part = lex.day_parts.get(ctx.low_at(i + 1))
        if w == "tonight":
            return Cand(
                start,
                i + 1,
                "TIME",
                f"{day}TNI" if day else None,
                "dayword",
                ctx.anchor,
                kind="time",
                day=day,
            )
        if part:
            value = f"{day}T{part}" if day else None
            return Cand(
                start, i + 2, "TIME", value, "dayword.part", ctx.anchor, kind="time", day=day
            )
        value = day.isoformat() if day else None
        return Cand(start, i + 1, "DATE", value, "dayword", ctx.anchor, kind="day", day=day)
    part = lex.day_parts.get(ctx.low_at(i + 1))
    if part and w in ctx.lex.words["day_part_relatives"]:
        if w == "last" and part != "NI":
            return None
        day = (ref - dt.timedelta(days=1 if w == "last" else 0)) if ref else None
        value = f"{day}T{part}" if day else None
        return Cand(i, i + 2, "TIME", value, "dayword.part", ctx.anchor, kind="time", day=day)
    return None


def rule_weekday(ctx: Ctx, i: int) -> Cand | None:
    """ "on Monday" -> the Monday before/after the reference, by the verb's tense."""
    wd = read_weekday(ctx, i)
    if wd is None:
        return None
    if ctx.ref is None:
        return Cand(i, i + 1, "DATE", None, "weekday.no_ref", kind="day")
    tense = ctx.tense(i, i + 1)
    day = resolve_weekday(ctx.ref, wd[1], tense)
    rule = f"weekday.{tense or 'nearest'}"
    return Cand(i, i + 1, "DATE", day.isoformat(), rule, ctx.anchor, kind="day", day=day)


def rule_ref(ctx: Ctx, i: int) -> Cand | None:
    """PRESENT_REF / PAST_REF / FUTURE_REF: "must now use", "currently", "recently",
    "in the past", "the future", "very soon"."""
    lex = ctx.lex
    w = ctx.low_at(i)
    start = i
    if w in lex.degree_adverbs and ctx.low_at(i + 1) in (lex.past_ref | lex.future_ref):
        i += 1
        w = ctx.low_at(i)
    tok = ctx.tok(i)
    if ctx.low_at(i + 1) == "-" and ctx.glued(i + 1):
        return None  # "the soon-to-open terminal", "a recently-accepted paper"
    if w in lex.present_ref and start == i:
        if w == "now" and (
            tok.pos_ not in ("ADV", "NOUN")
            or ctx.low_at(i + 1) in ("that", "-")
            or (ctx.low_at(i - 1) == "every" and ctx.low_at(i + 1) == "and")
        ):
            return None  # "now that ...", "now-defunct", "every now and then"
        return Cand(i, i + 1, "DATE", "PRESENT_REF", "ref.present", kind="ref")
    for phrase in lex.present_phrases:
        if phrase[0] == w and tuple(ctx.low[i : i + len(phrase)]) == phrase:
            return Cand(i, i + len(phrase), "DATE", "PRESENT_REF", "ref.present", kind="ref")
    if w in lex.past_ref:
        return Cand(start, i + 1, "DATE", "PAST_REF", "ref.past", kind="ref")
    if w in lex.future_ref:
        if ctx.low_at(i + 1) in ctx.lex.words["soon_blockers"] or ctx.low_at(i - 1) == "as":
            return None  # "soon after the launch", "as soon as": relative to an event
        if ctx.tense(start, i + 1) == "past":
            return None  # "Police soon arrived": soon after a past moment, not after now
        return Cand(start, i + 1, "DATE", "FUTURE_REF", "ref.future", kind="ref")
    if w == "the" and ctx.low_at(i - 1) in ("in", "of") and start == i:
        nxt = ctx.low_at(i + 1)
        if nxt == "past" and not ctx.low_at(i + 2).isalnum():
            return Cand(i, i + 2, "DATE", "PAST_REF", "ref.past", kind="ref")
        if nxt == "future" or (nxt == "near" and ctx.low_at(i + 2) == "future"):
            return Cand(i, i + 2 + (nxt == "near"), "DATE", "FUTURE_REF", "ref.future", kind="ref")
    return None


def rule_narrative(ctx: Ctx, i: int) -> Cand | None:
    """Times counted from the narrative: "the day before", "the next day", "the year
    before" ("a decrease from the year before, when it was forty percent")."""
    lex = ctx.lex
    that = _that_unit(ctx, i)
    if that is not None:
        return that
    if ctx.low_at(i) != "the":
        return None
    a, b = ctx.low_at(i + 1), ctx.low_at(i + 2)
    if a in lex.narrative_units and b in ctx.lex.words["narrative_relations"]:
        adverb = ctx.tok(i + 2)
        if any(c.dep_ in ("pobj", "pcomp") for c in adverb.children):
            return None  # "the day after the attack": counted from an event, not a time
        unit, step = lex.narrative_units[a], lex.narrative_steps[b]
    elif a in ctx.lex.words["narrative_day_words"] and b == "day":
        # only the day: "the next year" stays with the reference-date rules
        unit, step = "D", lex.narrative_steps[a]
    else:
        return None
    return Cand(i, i + 3, "DATE", None, "narrative.the_unit", kind="narrative", shift=(step, unit))


def _that_unit(ctx: Ctx, i: int) -> Cand | None:
    """The period of the time named last: "that year", "later that month", "earlier
    that day", "the same day" ("He was elected in 1998. That year ..." is 1998)."""
    j = i + 1 if ctx.low_at(i) in ctx.lex.words["narrative_adverbs"] else i
    if ctx.low_at(j) == "that" or ctx.low[j : j + 2] == ["the", "same"]:
        k = j + 1 if ctx.low_at(j) == "that" else j + 2
    else:
        return None
    unit = ctx.lex.narrative_units.get(ctx.low_at(k))
    if unit is None or ctx.low_at(k + 1) in ("of", "-") or ctx.tok(k).dep_ == "compound":
        return None  # "that year's budget" is kept: "'s" is no "of"; "the same day of"
    if ctx.low_at(j) != "that" and ctx.low_at(k + 1) in ctx.lex.words["same_period_closers"]:
        return None  # "the same day a year earlier": the same-period rule's
    if unit in ("D", "W") and j == i and ctx.low_at(j) == "that":
        # "that day has come", "trades made that day" speak of any day; "later that
        # day" and "the same day" name the one the text named
        return None
    rule = "narrative.that_unit"
    return Cand(i, k + 1, "DATE", None, rule, kind="narrative", shift=(0, unit))


def rule_same_period(ctx: Ctx, i: int) -> Cand | None:
    """ "sales rose 43% in February compared to the same period last year" -> the
    time named before, a year earlier (2009-02): "the same month a year ago", "the
    same quarter of the previous year"."""
    if ctx.low_at(i) != "the" or ctx.low_at(i + 1) != "same":
        return None
    if ctx.low_at(i + 2) not in ctx.lex.same_units:
        return None
    j = i + 3
    if ctx.low_at(j) in ("of", "in"):
        j += 1
    if ctx.low[j : j + 2] in (["last", "year"], ["a", "year"], ["the", "previous"]):
        k = j + 2
        if ctx.low_at(k) in ctx.lex.words["same_period_closers"]:
            k += 1
        if ctx.low[j : j + 2] == ["a", "year"] and k == j + 2:
            return None  # "the same period a year" needs "ago" / "earlier"
        if ctx.low[j : j + 2] == ["the", "previous"] and ctx.low_at(j + 2) != "year":
            return None
        return Cand(i, k, "DATE", None, "narrative.same_period", kind="narrative", shift=(-1, "Y"))
    return None


def _nowadays(ctx: Ctx, i: int) -> bool:
    """ "today" meaning the present age, not the day: "today's youth", "the chips of
    today's personal computers", "is as strong today as it was", "more magicians working
    today than ever before", "two books which I still own today" (TIMEX3 PRESENT_REF)."""
    words = ctx.lex.words
    nxt = ctx.low_at(i + 1)
    if nxt in ("'s", "’s"):
        # the noun "today's" belongs to: "today's GM" (the company as it is now), but
        # "today's GM event" is the day's
        noun = ctx.tok(i).head
        return noun.i > i and (noun.lower_ in words["nowadays_nouns"] or noun.pos_ == "PROPN")
    if nxt in ("than", "as") and ctx.tok(i).dep_ == "npadvmod":
        return True
    start, _ = ctx.sentence(i)
    return any(ctx.low[k] in words["nowadays_marks"] for k in range(max(start, i - 6), i))
