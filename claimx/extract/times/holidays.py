"""Rules for holidays: fixed-date ones ("Christmas Day") and movable ones ("Good
Friday", "Thanksgiving")."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from claimx.extract.times.context import Cand, Ctx
from claimx.extract.times.dates import date_cand
from claimx.extract.times.readers import read_year_after
from claimx.extract.times.shapes import YEAR
from claimx.extract.times.timex import movable_day

if TYPE_CHECKING:
    from collections.abc import Callable


def holiday_at(ctx: Ctx, i: int) -> tuple[int, Callable[[int], dt.date]] | None:
    """A holiday name at ``i`` (fixed or movable, longest first): its length in tokens
    and the date it falls on in a given year."""
    if ctx.low_at(i) not in ctx.lex.holiday_firsts:
        return None
    best: tuple[int, Callable[[int], dt.date]] | None = None
    for key, feast_rule in ctx.lex.movable.items():
        if tuple(ctx.low[i : i + len(key)]) == key and (best is None or len(key) > best[0]):
            feast, offset = feast_rule
            best = (len(key), lambda y, f=feast, o=offset: movable_day(f, o, y))
    for key, (m, d) in ctx.lex.holidays.items():
        got = tuple(w.replace("’s", "'s") for w in ctx.low[i : i + len(key)])
        if got == key and (best is None or len(key) > best[0]):
            best = (len(key), lambda y, m=m, d=d: dt.date(y, m, d))
    if best is None:
        return None
    last = ctx.tok(i + best[0] - 1)
    if last.dep_ == "compound" and last.head.i >= i + best[0]:
        return None  # "last Christmas sales"
    return best


def rule_movable(ctx: Ctx, i: int) -> Cand | None:
    """Holidays without a fixed date: "on Good Friday", "Easter 2018", "over
    Thanksgiving" -> the occurrence by tense, like a weekday."""
    if ctx.low[i] not in ctx.lex.holiday_firsts:
        return None
    best: tuple[int, tuple[str, int]] | None = None
    for key, feast_rule in ctx.lex.movable.items():
        n = len(key)
        if tuple(ctx.low[i : i + n]) == key and (best is None or n > best[0]):
            best = (n, feast_rule)
    if best is None:
        return None
    n, (feast, offset) = best
    end = i + n
    if not ctx.text[i][:1].isupper() and _holiday_year(ctx, end) is None:
        return None  # lower case only with its year: "black friday 2010"
    last = ctx.tok(end - 1)
    if (last.dep_ == "compound" and last.head.i >= end) or (
        i > 0 and ctx.tok(i - 1).pos_ == "PROPN"
    ):
        return None  # "Easter eggs", "Black Friday sales", "Operation Thanksgiving"
    written = _holiday_year(ctx, end)
    if written is not None:
        y, stop, rel = written
        day = movable_day(feast, offset, y)
        anchor = ctx.anchor if rel else None
        rule = "holiday.movable" + (".rel_year" if rel else "")
        return Cand(i, stop, "DATE", day.isoformat(), rule, anchor, kind="day", day=day)
    if ctx.ref is None:
        return Cand(i, end, "DATE", None, "holiday.movable.no_ref", kind="day")
    ref = ctx.ref
    this = movable_day(feast, offset, ref.year)
    tense = ctx.tense(i, end)
    if tense == "past" and this > ref:
        this = movable_day(feast, offset, ref.year - 1)
    elif tense == "future" and this < ref:
        this = movable_day(feast, offset, ref.year + 1)
    elif tense is None or tense == "present":
        prev, nxt = (
            movable_day(feast, offset, ref.year - 1),
            movable_day(feast, offset, ref.year + 1),
        )
        this = min((prev, this, nxt), key=lambda d: abs(d - ref))
    rule = f"holiday.movable.{tense or 'nearest'}"
    return Cand(i, end, "DATE", this.isoformat(), rule, ctx.anchor, kind="day", day=this)


def rule_holiday(ctx: Ctx, i: int) -> Cand | None:
    """Fixed-date holidays: "on Christmas Day", "New Year's Eve" -> by tense;
    "Christmas 2019", "independence day of this year" with the year written."""
    if ctx.low[i] not in ctx.lex.holiday_firsts:
        return None
    best: tuple[int, tuple[int, int]] | None = None
    for key, md in ctx.lex.holidays.items():
        n = len(key)
        got = tuple(w.replace("’s", "'s") for w in ctx.low[i : i + n])
        if got == key and (best is None or n > best[0]):
            best = (n, md)
    if best is None:
        return None
    n, (m, d) = best
    end = i + n
    written = _holiday_year(ctx, end)
    if not ctx.text[i][:1].isupper() and written is None:
        return None  # lower case only with its year: "earth day 2010"
    last = ctx.tok(end - 1)
    if (last.dep_ == "compound" and last.head.i >= end) or (
        i > 0 and ctx.tok(i - 1).pos_ == "PROPN"
    ):
        return None  # "Christmas sales" is a season, "Johnnie Christmas" a name
    if written is not None:
        y, stop, rel = written
        try:
            day = dt.date(y, m, d)
        except ValueError:
            return None
        anchor = ctx.anchor if rel else None
        rule = "holiday" + (".rel_year" if rel else "")
        return Cand(i, stop, "DATE", day.isoformat(), rule, anchor, kind="day", day=day)
    return date_cand(ctx, i, end, None, m, d, "holiday")


def _holiday_year(ctx: Ctx, i: int) -> tuple[int, int, bool] | None:
    """The year written after a holiday: "Easter 2018", "Christmas of 2019",
    "independence day of this year" -> (year, end, relative to the reference)."""
    k = i + 1 if ctx.low_at(i) == "of" else i
    if YEAR.match(ctx.low_at(k)):
        y = read_year_after(ctx, k)
        return (y, k + 1, False) if y is not None else None
    rel = ctx.lex.relative.get(ctx.low_at(k))
    if (
        rel is not None
        and ctx.low_at(k) in ctx.lex.words["deictic_determiners"]
        and ctx.low_at(k + 1) == "year"
        and ctx.ref is not None
    ):
        return ctx.ref.year + rel, k + 2, True
    return None
