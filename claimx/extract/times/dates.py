"""Rules for calendar dates: month names, all-digit dates, years, fiscal years, decades,
centuries, quarters, seasons, and the ordinal weeks, months and days of a named period."""

from __future__ import annotations

import datetime as dt
import re

from dateutil.relativedelta import relativedelta

from claimx.extract.times.context import Cand, Ctx
from claimx.extract.times.readers import (
    read_closing_year,
    read_day_num,
    read_glued_chunk,
    read_month,
    read_weekday,
    read_word_day,
    read_word_year,
    read_year,
)
from claimx.extract.times.shapes import (
    DAY,
    DECADE,
    DIGITS,
    DMY_NAMED,
    DOTTED,
    GLUED_MONTH_DAY,
    ISO,
    SLASH,
    YEAR,
    YMD_NAMED,
)
from claimx.extract.times.timex import iso_week, resolve_month_year


def date_cand(
    ctx: Ctx,
    start: int,
    end: int,
    y: int | None,
    m: int,
    d: int | None,
    rule: str,
    weekday: int | None = None,
) -> Cand | None:
    """A calendar date; a missing year is resolved by tense against the reference,
    or by the weekday written with it ("next Wednesday, September 29")."""
    anchor = None
    if y is None and d is not None and weekday is not None and ctx.ref is not None:
        fits = []
        for year in (ctx.ref.year, ctx.ref.year - 1, ctx.ref.year + 1):
            try:
                if dt.date(year, m, d).weekday() == weekday:
                    fits.append(year)
            except ValueError:
                continue
        if fits:
            y = fits[0]
            anchor = ctx.anchor
            rule += ".weekday"
    if y is None:
        if ctx.ref is None:
            value = f"XXXX-{m:02d}" + (f"-{d:02d}" if d else "")
            return Cand(start, end, "DATE", value, rule + ".no_ref", kind="month")
        y = resolve_month_year(
            ctx.ref, m, d, ctx.tense(start, end), ahead_days=ctx.lex.past_ahead_days
        )
        anchor = ctx.anchor
        rule += ".tense"
    if d is None:
        return Cand(start, end, "DATE", f"{y}-{m:02d}", rule, anchor, kind="month")
    try:
        day = dt.date(y, m, d)
    except ValueError:
        return None
    return Cand(start, end, "DATE", day.isoformat(), rule, anchor, kind="day", day=day)


def _weekday_day(ctx: Ctx, start: int, end: int, wd: int, day: int) -> Cand | None:
    assert ctx.ref is not None
    best: dt.date | None = None
    for shift in (0, -1, 1, -2, 2):
        first = ctx.ref.replace(day=1) + relativedelta(months=shift)
        try:
            cand = first.replace(day=day)
        except ValueError:
            continue
        if cand.weekday() == wd and (best is None or abs(cand - ctx.ref) < abs(best - ctx.ref)):
            best = cand
    if best is None:
        return None
    return Cand(
        start,
        end,
        "DATE",
        best.isoformat(),
        "calendar.weekday_day",
        ctx.anchor,
        kind="day",
        day=best,
    )


def rule_calendar(ctx: Ctx, i: int) -> Cand | None:
    """Month-name dates: "Sept 27", "September 27th, 2021", "March 01 , 2008",
    "27 September 2021", "the 27th of September", "December 2008", "January",
    with an optional weekday before them ("Tuesday, September 1, 2015")."""
    start = i
    wd = read_weekday(ctx, i)
    if wd:
        i = ctx.skip_comma(wd[0])
    j = i + 1 if ctx.low_at(i) == "the" else i
    # day first: "27 September 2021", "the 27th of September"
    d = read_day_num(ctx, j)
    if d is not None:
        k = j + 1
        k = k + 1 if ctx.low_at(k) == "of" else k
        mm = read_month(ctx, k, alone=False)
        if mm and (j == i or ctx.low_at(j + 1) == "of" or DAY.match(ctx.text[j])):
            end, month = mm
            got = read_closing_year(ctx, end)
            y = None
            if got is not None:
                end, y = got
            return date_cand(
                ctx, start, end, y, month, d, "calendar.day_month", wd[1] if wd else None
            )
        nxt_pos = ctx.tok(j + 1).pos_ if j + 1 < ctx.n else ""
        if wd and j == i + 1 and ctx.ref is not None and nxt_pos not in ("NOUN", "PROPN", "ADJ"):
            # "on Friday the 26th": the month around the reference where that day is a Friday
            return _weekday_day(ctx, start, j + 1, wd[1], d)
    if wd is None and j == i and i < ctx.n:
        # the day in words before a month and a year: "twenty five January nineteen
        # eighty six", "fifteen August 1993"
        wday = read_word_day(ctx, i)
        mm = read_month(ctx, wday[0], alone=False) if wday else None
        got = read_closing_year(ctx, mm[0]) if mm else None
        if wday and mm and got:
            return date_cand(ctx, start, got[0], got[1], mm[1], wday[1], "calendar.day_month")
    glued = GLUED_MONTH_DAY.match(ctx.low_at(i))
    if glued and glued.group(1) in ctx.lex.months and 1 <= int(glued.group(2)) <= 31:
        # "sold IVAC on Dec31 , 1994": the tokenizer keeps the month and day together
        got = read_closing_year(ctx, i + 1, words=False)
        if got is not None:
            month, d = ctx.lex.months[glued.group(1)], int(glued.group(2))
            return date_cand(ctx, start, got[0], got[1], month, d, "calendar.month_day")
    mm = read_month(ctx, i, alone=False)
    if mm is None:
        return None
    return _month_first(ctx, start, i, mm, wd)


def _month_first(
    ctx: Ctx, start: int, i: int, mm: tuple[int, int], wd: tuple[int, int] | None
) -> Cand | None:
    """A date that opens with its month (token ``i``): "Sept 27", "September 27th,
    2021", "January twenty five nineteen eighty six", "December 2008", "October of
    next year", "January"; ``wd`` is a weekday written before it."""
    end, month = mm
    d = read_day_num(ctx, end)
    if d is not None and DAY.match(ctx.text[end]) and not YEAR.match(ctx.text[end]):
        end += 1
        got = read_closing_year(ctx, end)
        y = None
        if got is not None:
            end, y = got
        return date_cand(ctx, start, end, y, month, d, "calendar.month_day", wd[1] if wd else None)
    wday = read_word_day(ctx, end)
    got = read_closing_year(ctx, wday[0]) if wday else None
    if wday and got:
        # "January twenty five nineteen eighty six", "January first 2000"
        return date_cand(ctx, start, got[0], got[1], month, wday[1], "calendar.month_day")
    got = read_closing_year(ctx, end)
    if got is not None:
        return date_cand(ctx, start, got[0], got[1], month, None, "calendar.month_year")
    # "October of next year", "March this year"
    k = ctx.skip_comma(end)
    k = k + 1 if ctx.low_at(k) == "of" else k
    rel = ctx.low_at(k)
    if (
        rel in ctx.lex.words["deictic_determiners"]
        and ctx.low_at(k + 1) == "year"
        and ctx.ref is not None
    ):
        y = ctx.ref.year + ctx.lex.relative[rel]
        return Cand(
            start,
            k + 2,
            "DATE",
            f"{y}-{month:02d}",
            "calendar.month_rel_year",
            ctx.anchor,
            kind="month",
        )
    if wd:
        return None  # "Monday, March" is rare; leave the weekday rule to it
    if read_month(ctx, i, alone=True) is None:
        return None
    tok = ctx.tok(i)
    if (
        tok.dep_ == "nsubj"
        and tok.head.lemma_ == "be"
        and tok.head.tag_ in ("VBZ", "VBP")
        and any(c.dep_ == "attr" and c.pos_ == "PROPN" for c in tok.head.children)
    ):
        # "October is National Magic Month": an observance, the month of every year
        # (not "October is the month when the vote takes place")
        return Cand(start, end, "DATE", f"XXXX-{month:02d}", "calendar.month.generic", kind="month")
    return date_cand(ctx, start, end, None, month, None, "calendar.month")


def rule_numeric(ctx: Ctx, i: int) -> Cand | None:
    """All-digit dates: "2021-09-27", "2015-3", "9/27/2021", "7/8/07" (US order)."""
    if not ctx.text[i][:1].isdigit() or ctx.low_at(i - 1) in ctx.lex.words["version_words"]:
        return None  # "version 1.2.2022" is a number
    j, _ = read_glued_chunk(ctx, i)
    for end in range(j, i, -1):
        s = "".join(ctx.text[i:end])
        m = ISO.match(s)
        if m and end > i + 1:
            iy, mo = int(m.group(1)), int(m.group(2))
            if not 1 <= mo <= 12 or (m.group(3) is None and mo == (iy + 1) % 100):
                continue  # "2008-09" is a season of two years, not September
            if m.group(3):
                return date_cand(ctx, i, end, iy, mo, int(m.group(3)), "numeric.iso")
            return date_cand(ctx, i, end, iy, mo, None, "numeric.iso")
        m = YMD_NAMED.match(s.lower()) or DMY_NAMED.match(s.lower())
        if m and m.group("mon") in ctx.lex.months:
            # "2019/aug/01", "2019-aug-1", "05-Aug-2016": the month by name
            month = ctx.lex.months[m.group("mon")]
            year, d = int(m.group("y")), int(m.group("d"))
            return date_cand(ctx, i, end, year, month, d, "numeric.named_month")
        m = DOTTED.match(s)
        if m:
            # European day-first dates with a full year: "23.04.2022"
            d, mo = int(m.group(1)), int(m.group(2))
            if 1 <= mo <= 12 and 1 <= d <= 31:
                return date_cand(ctx, i, end, int(m.group(3)), mo, d, "numeric.dotted")
            continue
        m = SLASH.match(s)
        if m and i > 0 and DIGITS.match(ctx.low_at(i - 1)) and not ctx.glued(i):
            continue  # "2 1/2 years": the fraction of a number, no date
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            if m.group(3) is None and ctx.tok(i).ent_type_ != "DATE":
                continue  # "1/2" is a fraction unless the tagger reads a date
            mo, d = (a, b) if a <= 12 else (b, a)
            if not (1 <= mo <= 12 and 1 <= d <= 31):
                continue
            y: int | None = None
            if m.group(3):
                y = int(m.group(3))
                y = y + (2000 if y < 50 else 1900) if y < 100 else y
            return date_cand(ctx, i, end, y, mo, d, "numeric.slash")
    return None


def rule_named_event(ctx: Ctx, i: int) -> Cand | None:
    """Dates that name an event in news: "during 9/11", "my 9/11-related poems" ->
    2001-09-11 (the list is ``named_dates`` in times.json). Not with a year after it
    ("9/11/2019"), which the numeric rule reads as a date."""
    value = ctx.lex.named_dates.get(ctx.text[i])
    if value is None or ctx.low_at(i + 1) == "/" or (ctx.glued(i) and ctx.low_at(i - 1) == "/"):
        return None
    day = dt.date.fromisoformat(value)
    return Cand(i, i + 1, "DATE", value, "named_event", kind="day", day=day)


def rule_year(ctx: Ctx, i: int) -> Cand | None:
    """A year on its own: "since 2008" -> "2008" (never "2,000 troops" or "2000 cases");
    both years of a pair written with a hyphen: "the 2019-2021 period"."""
    pair = _year_pair(ctx, i)
    if pair is not None:
        return pair
    y = read_year(ctx, i)
    if y is None:
        return None
    if ctx.low_at(i - 1) in ("-", "/", ":") and ctx.glued(i):
        return None
    return Cand(i, i + 1, "DATE", str(y), "year", kind="year")


def _year_pair(ctx: Ctx, i: int) -> Cand | None:
    """One year of "2019-2021": a pair of years is two times, also before a noun
    ("2019-2021 prices") where one year alone may count the noun."""
    y = read_year(ctx, i, strict=False)
    if y is None or not 1900 <= y <= 2100:
        return None
    first = i
    if i >= 2 and ctx.low_at(i - 1) == "-" and ctx.glued(i - 1) and ctx.glued(i):
        first = i - 2
    a, b = read_year(ctx, first, strict=False), read_year(ctx, first + 2, strict=False)
    if (
        a is None
        or b is None
        or not a < b <= a + 30  # "scores of 2000-2100 points" are no years
        or ctx.low_at(first + 1) != "-"
        or not (ctx.glued(first + 1) and ctx.glued(first + 2))
        or (ctx.low_at(first - 1) == "-" and ctx.glued(first))  # "1-800-2019-2020"
        or (ctx.low_at(first + 3) == "-" and ctx.glued(first + 3))
    ):
        return None
    return Cand(i, i + 1, "DATE", str(y), "year.pair", kind="year")


def rule_word_year(ctx: Ctx, i: int) -> Cand | None:
    """A year in words after a temporal preposition: "they left in nineteen ninety
    six", "came back in two thousand and fifteen" (never "in two thousand cases", nor
    a bare "two thousand", which is more often a count)."""
    if ctx.low_at(i - 1) not in ctx.lex.word_year_preps:
        return None
    got = read_word_year(ctx, i)
    if got is None or got[0] == i + 2:  # "two thousand" alone
        return None
    end, y = got
    if end < ctx.n and ctx.tok(end).pos_ in ("NOUN", "PROPN", "NUM"):
        return None
    return Cand(i, end, "DATE", str(y), "year.words", kind="year")


def rule_decade(ctx: Ctx, i: int) -> Cand | None:
    """Decades: "1990s", "1930's", "the '80s", "70s" -> "199", "193", "198", "197"."""
    word = ctx.lex.decade_words.get(ctx.low_at(i))
    if word is not None:
        # "back in the sixties" (not "in his sixties", an age)
        if ctx.low_at(i - 1) != "the":
            return None
        return Cand(i, i + 1, "DATE", f"19{word}", "decade.word", kind="decade")
    first = ctx.low_at(i)[:1]
    if not (first.isdigit() or first == "'"):
        return None  # DECADE opens with a digit or an apostrophe
    j, _ = read_glued_chunk(ctx, i)
    for end in range(j, i, -1):
        s = "".join(ctx.text[i:end])
        m = DECADE.match(s)
        if not m:
            continue
        if m.group(1):
            century = m.group(1)
        else:
            # "the '80s", "the 70s": the twentieth century; "in his 50s" is an age
            if ctx.low_at(i - 1) in ctx.lex.words["age_determiners"]:
                return None
            if (
                ctx.low_at(i - 1) != "the"
                and not s.startswith("'")
                and ctx.tok(i).ent_type_ != "DATE"
            ):
                return None
            century = "19"
        return Cand(i, end, "DATE", century + m.group(2), "decade", kind="decade")
    return None


#: a numeral ordinal: "20th", "1st"
_NTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)$")
#: a numeral ordinal as a whole word
_NTH_WORD = re.compile(r"(\d{1,2})(?:st|nd|rd|th)")
#: the ordinal of a week in its month: "1st" to "5th"
_WEEK_NTH = re.compile(r"([1-5])(?:st|nd|rd|th)")


def rule_century(ctx: Ctx, i: int) -> Cand | None:
    """ "the 20th century" -> "19"."""
    if ctx.low_at(i + 1) != "century":
        return None
    m = _NTH.match(ctx.low_at(i))
    n = int(m.group(1)) if m else ctx.lex.ordinals.get(ctx.low_at(i))
    if n is None or ctx.low_at(i + 1) != "century" or ctx.low_at(i) == "final":
        return None
    return Cand(i, i + 2, "DATE", f"{n - 1:02d}", "century", kind="century")


def rule_season(ctx: Ctx, i: int) -> Cand | None:
    """Seasons: "summer 2020", "in the spring" -> by tense ("fall" only with a cue)."""
    lex = ctx.lex
    start = i + 1 if ctx.low_at(i) == "the" else i
    season = lex.seasons.get(ctx.low_at(start))
    if season is None or ctx.tok(start).pos_ not in ("NOUN", "PROPN"):
        return None
    end = start + 1
    if end < ctx.n and ctx.tok(end).pos_ == "PROPN" and not YEAR.match(ctx.text[end]):
        return None  # "the Winter Olympics", "the Winter Carnival of Magic"
    k = end + 1 if ctx.low_at(end) == "of" else end
    y = read_year(ctx, k, strict=False)
    if y is not None:
        return Cand(i, k + 1, "DATE", f"{y}-{season}", "season.year", kind="season")
    if ctx.low_at(i - 1) not in ctx.lex.words["season_preps"] and start == i:
        return None
    if ctx.low_at(start) == "fall" and start == i:
        return None
    if ctx.ref is None:
        return Cand(i, end, "DATE", f"XXXX-{season}", "season", kind="season")
    tense = ctx.tense(i, end)
    y = ctx.ref.year
    if tense == "past" and ctx.ref.month <= lex.season_end[season] - 3:
        y -= 1
    elif tense == "future" and ctx.ref.month > lex.season_end[season]:
        y += 1
    return Cand(i, end, "DATE", f"{y}-{season}", "season.tense", ctx.anchor, kind="season")


def rule_week_of(ctx: Ctx, i: int) -> Cand | None:
    """An ordinal week of a month or year: "the last week of March" -> 2009-W13,
    "the first week of 2015" -> 2015-W01 (ISO weeks: a week belongs to the month
    or year that holds its Thursday)."""
    lex = ctx.lex
    start = i
    if ctx.low_at(i) == "the":
        i += 1
    m = _WEEK_NTH.fullmatch(ctx.low_at(i))
    n = int(m.group(1)) if m else lex.week_ordinals.get(ctx.low_at(i))
    if n is None or ctx.low_at(i + 1) != "week" or ctx.low_at(i + 2) != "of":
        return None
    found = _year_or_month_at(ctx, i + 3)
    if found is None:
        return None
    inner, y, month = found
    if month is not None:
        first = dt.date(y, month, 4)  # the week holding the 4th holds the month's first Thursday
        last = (first + relativedelta(months=1)) - dt.timedelta(days=7)
    else:
        first, last = dt.date(y, 1, 4), dt.date(y, 12, 28)
    day = last if n < 0 else first + dt.timedelta(weeks=n - 1)
    return Cand(
        start, inner.end, "DATE", iso_week(day), "week_of+" + inner.rule, inner.anchor, kind="week"
    )


def _year_or_month_at(ctx: Ctx, k: int) -> tuple[Cand, int, int | None] | None:
    """The year, or year and month, a DATE starting at token ``k`` names ("of 2021",
    "of next month"), with that DATE."""
    inner = ctx.core(k)
    if inner is None or inner.start != k or inner.value is None or inner.type != "DATE":
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", inner.value)
    if m is None:
        return None
    return inner, int(m.group(1)), int(m.group(2)) if m.group(2) else None


def rule_week_number(ctx: Ctx, i: int) -> Cand | None:
    """A numbered ISO week with its year: "week 3 of 2027" -> 2027-W03, "week 27 of
    last year". Without a year ("week 3 of the trial") it is not a calendar week."""
    start = i
    if ctx.low_at(i) == "the":
        i += 1
    if ctx.low_at(i) != "week" or not ctx.low_at(i + 1).isdigit() or ctx.low_at(i + 2) != "of":
        return None
    n = int(ctx.low_at(i + 1))
    k = i + 3
    y = read_year(ctx, k, strict=False)
    end, anchor = k + 1, None
    if y is None:
        rel = ctx.low_at(k)
        if (
            rel not in ctx.lex.words["deictic_determiners"]
            or ctx.low_at(k + 1) != "year"
            or ctx.ref is None
        ):
            return None
        y, end, anchor = ctx.ref.year + ctx.lex.relative[rel], k + 2, ctx.anchor
    if not 1 <= n <= dt.date(y, 12, 28).isocalendar()[1]:
        return None
    return Cand(start, end, "DATE", f"{y}-W{n:02d}", "week_number", anchor, kind="week")


def rule_nth_of(ctx: Ctx, i: int) -> Cand | None:
    """An ordinal month of a year or day of a month: "the third month of 2021" ->
    2021-03, "the 15th day of next month" -> 2020-08-15."""
    if ctx.low_at(i) != "the":
        return None
    n = read_day_num(ctx, i + 1)
    what = ctx.low_at(i + 2)
    if n is None or what not in ctx.lex.words["nth_units"] or ctx.low_at(i + 3) != "of":
        return None
    found = _year_or_month_at(ctx, i + 4)
    if found is None:
        return None
    inner, y, month = found
    if what == "month" and month is None and n <= 12:
        value = f"{y}-{n:02d}"
        return Cand(i, inner.end, "DATE", value, "nth_of+" + inner.rule, inner.anchor, kind="month")
    if what != "day":
        return None
    if month is None:
        if n > 31:
            return None
        # "the first day of 2020"; only month-sized ordinals, as written in news
        day = dt.date(y, 1, 1) + dt.timedelta(days=n - 1)
    else:
        try:
            day = dt.date(y, month, n)
        except ValueError:
            return None
    rule = "nth_of+" + inner.rule
    return Cand(i, inner.end, "DATE", day.isoformat(), rule, inner.anchor, kind="day", day=day)


def rule_day_of_month(ctx: Ctx, i: int) -> Cand | None:
    """A day of the month named alone: "on the 18th" -> the 18th of the reference
    month (of the previous one when the verb is past and the 18th is still to come),
    "the 21st of this month"."""
    if ctx.low_at(i) != "the" or ctx.low_at(i - 1) not in ctx.lex.words["day_of_month_preps"]:
        return None
    m = _NTH_WORD.fullmatch(ctx.low_at(i + 1))
    if m is None or not 1 <= int(m.group(1)) <= 31:
        return None
    d, end = int(m.group(1)), i + 2
    nxt = ctx.tok(end) if end < ctx.n else None
    step: int | None = None
    k = end + 1 if ctx.low_at(end) == "of" else end
    if ctx.low_at(k) in ctx.lex.words["deictic_determiners"] and ctx.low_at(k + 1) == "month":
        step, end = ctx.lex.relative[ctx.low_at(k)], k + 2
    elif nxt is not None and (nxt.pos_ in ("NOUN", "PROPN", "NUM") or nxt.lower_ in ("of", "-")):
        return None  # "the 18th century", "the 18th of May" (the calendar rule), "the 5th floor"
    if ctx.ref is None:
        return Cand(i, end, "DATE", None, "day_of_month", kind="day")
    first = ctx.ref.replace(day=1)
    if step is None:
        tense = ctx.tense(i, end)
        step = 0
        if tense == "past" and d > ctx.ref.day:
            step = -1
        elif tense == "future" and d < ctx.ref.day:
            step = 1
    first += relativedelta(months=step)
    try:
        day = first.replace(day=d)
    except ValueError:
        return None
    return Cand(i, end, "DATE", day.isoformat(), "day_of_month", ctx.anchor, kind="day", day=day)
