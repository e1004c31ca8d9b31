"""TIMEX3 arithmetic: periods ("P60D"), ISO weeks, values at a grain, calendar shifts,
and the year or day a name written without one resolves to."""

from __future__ import annotations

import datetime as dt

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from claimx.extract.tense import Tense


def fmt_num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def timex_period(n: float | None, unit: str) -> str:
    """TIMEX3 period: P60D, PT2H, P10Y for a decade, PXY when the amount is vague."""
    if unit == "DE":
        return f"P{fmt_num(n * 10)}Y" if n is not None else "PXY"
    if unit == "CE":
        return f"P{fmt_num(n * 100)}Y" if n is not None else "PXY"
    if unit == "FN":
        return f"P{fmt_num(n * 2)}W" if n is not None else "PXW"
    if unit == "Q":  # "the past three quarters"; only the plural is a unit ("a quarter of")
        return f"P{fmt_num(n * 3)}M" if n is not None else "PXM"
    if unit == "H" and n is not None and n < 1 and (n * 60).is_integer():
        return f"PT{fmt_num(n * 60)}M"  # "half an hour" -> PT30M
    amount = "X" if n is None else fmt_num(n)
    if unit in ("H", "MIN", "S"):
        return f"PT{amount}{'M' if unit == 'MIN' else unit}"
    return f"P{amount}{unit}"


def iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def at_granularity(d: dt.date, unit: str) -> str:
    if unit in ("D", "H", "MIN", "S"):
        return d.isoformat()
    if unit in ("W", "FN"):
        return iso_week(d)
    if unit == "M":
        return f"{d.year}-{d.month:02d}"
    if unit == "Q":
        return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    if unit == "DE":
        return str(d.year // 10)
    if unit == "CE":
        return str(d.year // 100)
    return str(d.year)


def shift_date(d: dt.date, n: int, unit: str) -> dt.date:
    if unit in ("D", "H", "MIN", "S"):
        return d + relativedelta(days=n)
    if unit in ("W", "WE"):
        return d + relativedelta(weeks=n)
    if unit == "FN":
        return d + relativedelta(weeks=2 * n)
    if unit == "M":
        return d + relativedelta(months=n)
    if unit == "Q":
        return d + relativedelta(months=3 * n)
    if unit == "DE":
        return d + relativedelta(years=10 * n)
    if unit == "CE":
        return d + relativedelta(years=100 * n)
    return d + relativedelta(years=n)


def shift_in_calendar(d: dt.date, n: int, unit: str) -> dt.date | None:
    """``shift_date`` by an amount read from the text, or None where it leaves the
    calendar a date can hold ("about 2,500 years ago" is before year 1)."""
    try:
        return shift_date(d, n, unit)
    except (ValueError, OverflowError):
        return None


def relative_unit_value(ref: dt.date, step: int, unit: str) -> str:
    d = shift_date(ref, step, unit)
    if unit == "WE":
        return iso_week(d) + "-WE"
    if unit == "Q":
        return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    return at_granularity(d, unit)


def resolve_weekday(ref: dt.date, wd: int, tense: Tense | None) -> dt.date:
    back = ref - dt.timedelta(days=(ref.weekday() - wd) % 7)
    fwd = ref + dt.timedelta(days=(wd - ref.weekday()) % 7)
    if tense == "past":
        return back
    if tense == "future":
        return fwd
    # nearest; a tie goes to the past, since news mostly reports what happened
    return back if (ref - back) <= (fwd - ref) else fwd


def resolve_month_year(
    ref: dt.date, month: int, day: int | None, tense: Tense | None, *, ahead_days: int = 0
) -> int:
    """Year of a month (and day) named without one, by the tense of its verb.

    "Sales fell in January" (past) is the last January up to the reference month;
    "elections will be held in January" the next one; otherwise the nearest.
    A day up to ``ahead_days`` after the reference stays in its year under a past
    verb: "the offer was extended to Nov. 16" (said on 30 October) is this year's,
    since a writer leaves the year out only of a date near the story's own.
    """
    named = (month, day or 0)
    now = (ref.month, ref.day if day else 0)
    if tense == "past":
        if named <= now:
            return ref.year
        if day is not None and ahead_days:
            try:
                if (dt.date(ref.year, month, day) - ref).days <= ahead_days:
                    return ref.year
            except ValueError:
                pass
        return ref.year - 1
    if tense == "future":
        return ref.year if named >= now else ref.year + 1
    # nearest occurrence: compare month distances
    diff = month - ref.month
    if diff > 6:
        return ref.year - 1
    if diff < -6:
        return ref.year + 1
    return ref.year


def movable_day(feast: str, offset: int, year: int) -> dt.date:
    """Easter (Western computus) or US Thanksgiving (the fourth Thursday of November)."""
    if feast == "easter":
        base = easter(year)
    else:
        nov1 = dt.date(year, 11, 1)
        base = nov1 + dt.timedelta(days=(3 - nov1.weekday()) % 7 + 21)
    return base + dt.timedelta(days=offset)
