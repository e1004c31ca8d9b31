"""TIMEX3 arithmetic: periods ("P60D"), ISO weeks, values at a grain, calendar shifts,
and the year or day a name written without one resolves to."""

from __future__ import annotations

import datetime as dt
import re

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


#: a TIMEX3 date value: year, decade ("198") or century ("19"), then a month, week,
#: quarter, half or season, then a day or weekend, then a clock time (ignored here)
_DATE_VALUE = re.compile(
    r"(?P<year>\d{2,4})"
    r"(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2}))?"
    r"|W(?P<week>\d{2})(?P<weekend>-WE)?"
    r"|Q(?P<quarter>[1-4])|H(?P<half>[12])|(?P<season>SP|SU|FA|WI)))?"
    r"(?:T.*)?"
)


def timex_interval(value: str | None, season_end: dict[str, int]) -> tuple[dt.date, dt.date] | None:
    """The first and last day a TIMEX3 date value covers, or None for a value that
    names no calendar stretch ('PRESENT_REF', 'XXXX-09-27', 'P60D', 'XXXX-WI').

    '2021' -> 2021-01-01..2021-12-31, '198' (the 1980s) -> 1980..1989, '2021-W38' its
    Monday..Sunday, '2021-W38-WE' its Saturday and Sunday, '2021-Q3' July..September,
    '2021-H1' January..June, '2021-WI' the winter that ends in 2021 (``season_end``:
    the last month of each season, models/times.json)."""
    if value is None:
        return None
    if "/" in value:  # a range of dates, "2009/2011": from the first's start to the last's end
        first, _, last = value.partition("/")
        a, b = timex_interval(first, season_end), timex_interval(last, season_end)
        return (a[0], b[1]) if a is not None and b is not None and a[0] <= b[1] else None
    m = _DATE_VALUE.fullmatch(value.strip())
    if m is None:
        return None
    digits = m["year"]
    try:
        if len(digits) < 4:  # a decade or a century
            span = 10 ** (4 - len(digits))
            first = int(digits) * span
            return dt.date(max(first, 1), 1, 1), dt.date(first + span - 1, 12, 31)
        year = int(digits)
        if m["day"]:
            day = dt.date(year, int(m["month"]), int(m["day"]))
            return day, day
        if m["month"]:
            return _months(year, int(m["month"]), 1)
        if m["week"]:
            monday = dt.date.fromisocalendar(year, int(m["week"]), 1)
            if m["weekend"]:
                return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
            return monday, monday + dt.timedelta(days=6)
        if m["quarter"]:
            return _months(year, 3 * int(m["quarter"]) - 2, 3)
        if m["half"]:
            return _months(year, 6 * int(m["half"]) - 5, 6)
        if m["season"]:
            end = season_end.get(m["season"])
            if end is None:
                return None
            begins = dt.date(year, end, 1) - relativedelta(months=2)
            return begins, _months(year, end, 1)[1]
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:  # a month 13, a week 53 of a year without one
        return None


def _months(year: int, month: int, count: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    return first, first + relativedelta(months=count) - dt.timedelta(days=1)
