"""Rules for times of day: clock times, parts of a day, and the day a clock time or a
part of the day joins ("Friday morning", "tomorrow at 8:45 a.m.")."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from claimx.extract.times.context import Cand, Ctx
from claimx.extract.times.dates import rule_calendar
from claimx.extract.times.readers import read_bare_clock, read_clock
from claimx.extract.times.relative import rule_dayword, rule_relative, rule_weekday
from claimx.extract.times.timex import resolve_weekday


def rule_clock(ctx: Ctx, i: int) -> Cand | None:
    """Times of day: "3 p.m." -> T15:00 on the date it belongs to; "12:00 UTC Monday"."""
    c = read_clock(ctx, i)
    if c is None:
        return None
    end, hhmm = c
    # a date right after ("12:00 UTC Monday", "3 p.m. today") makes one mention
    day: dt.date | None = None
    k = end + 1 if ctx.low_at(end) == "on" else end
    for rule in (rule_dayword, rule_relative, rule_calendar, rule_weekday):
        nxt = rule(ctx, k) if k < ctx.n else None
        if nxt is not None and nxt.day is not None:
            if k == end:
                day, end = nxt.day, nxt.end
                if nxt.rule.startswith("weekday.") and ctx.ref is not None:
                    # the weekday's direction is the whole mention's: "given until 9
                    # a.m. Tuesday" reads "until" before the clock, not before "Tuesday"
                    day = resolve_weekday(ctx.ref, day.weekday(), ctx.tense(i, end))
            break
    if day is not None:
        return Cand(
            i, end, "TIME", f"{day}T{hhmm}", "clock.dated", ctx.anchor, kind="time", day=day
        )
    return Cand(i, end, "TIME", f"T{hhmm}", "clock", kind="clock")


def rule_day_part(ctx: Ctx, i: int) -> Cand | None:
    """Parts of a day on their own: "in the morning", "early morning", "late in the
    afternoon" -> TMO/TAF on the day of the context (like a clock time)."""
    lex = ctx.lex
    start = i
    mod = None
    if ctx.low_at(i) in ctx.lex.words["day_part_mods"]:
        mod = "START" if ctx.low_at(i) == "early" else "END"
        i += 1
        if ctx.low[i : i + 2] == ["in", "the"]:
            i += 2
    elif ctx.low_at(i) == "the" and ctx.low_at(i - 1) in lex.day_part_signals:
        i += 1
    else:
        return None
    part = lex.day_parts.get(ctx.low_at(i))
    if part is None:
        return None
    tok = ctx.tok(i)
    if tok.dep_ == "compound" or (i + 1 < ctx.n and ctx.tok(i + 1).pos_ == "NOUN"):
        return None  # "in morning trading", "the night shift"
    return Cand(start, i + 1, "TIME", f"T{part}", "day_part", mod=mod, kind="clock")


def with_day_part(ctx: Ctx, c: Cand) -> Cand:
    """A day and the part of it right after: "Friday morning" -> 2010-07-16TMO (TIME),
    "next Monday afternoon"; not "in morning trading" (the part modifies a noun)."""
    part = ctx.lex.day_parts.get(ctx.low_at(c.end))
    if part is None or c.kind != "day" or c.type != "DATE":
        return c
    tok = ctx.tok(c.end)
    if tok.dep_ == "compound" and tok.head.i > c.end:
        return c
    value = f"{c.day}T{part}" if c.day else None
    return replace(c, end=c.end + 1, type="TIME", value=value, rule=c.rule + "+part", kind="time")


def with_clock(ctx: Ctx, c: Cand) -> Cand:
    """A day word and the clock time after it are one TIME: "tomorrow at 8:45 a.m.",
    "tonight around 7" (2019-12-26T19:00), "last night at 8", "today before 4pm"
    (mod BEFORE), "tomorrow am" (the morning)."""
    if not c.rule.startswith("dayword") or c.day is None:
        return c
    part = "NI" if ctx.low_at(c.start) == "tonight" or ctx.low_at(c.end - 1) == "tonight" else None
    if c.kind == "time" and c.value and "T" in c.value:
        part = c.value.rsplit("T", 1)[1]
    word = ctx.low_at(c.end)
    if c.kind == "day" and word in ctx.lex.meridiem_parts and not ctx.glued(c.end):
        value = f"{c.day}T{ctx.lex.meridiem_parts[word]}"
        return replace(c, end=c.end + 1, type="TIME", value=value, rule=c.rule + "+meridiem")
    if word not in ctx.lex.clock_links:
        return c
    got = read_clock(ctx, c.end + 1) or read_bare_clock(ctx, c.end + 1, part)
    if got is None:
        return c
    end, hhmm = got
    mod = ctx.lex.clock_links[word] or c.mod
    return replace(
        c,
        end=end,
        type="TIME",
        value=f"{c.day}T{hhmm}",
        rule=c.rule + "+clock",
        mod=mod,
        kind="time",
    )
