"""Rules for reporting periods: quarters and halves ("the third quarter", "Q3 2021",
"this year's first quarter"), fiscal years ("fiscal 2021"), and the periods an
earnings report points back at ("the latest quarter", "the year-ago period")."""

from __future__ import annotations

import re

from claimx.extract.times.context import Cand, Ctx
from claimx.extract.times.readers import read_day_num, read_year
from claimx.extract.times.shapes import QUARTER, YEAR


def rule_quarter(ctx: Ctx, i: int) -> Cand | None:
    """Quarters and halves: "the third quarter" -> 2021-Q3, "Q3 2021", "third-quarter",
    "the first half of 2020" -> 2020-H1, "the fourth quarter of last year", "the 1988
    second quarter", "next year's first quarter", "the last half of 1989"."""
    start = i
    # the year first, as in earnings tables: "2019 Q1", "2019-Q1", "2019 H2"
    yq = read_year(ctx, i, strict=False)
    if yq is not None:
        k = i + 2 if ctx.low_at(i + 1) == "-" and ctx.glued(i + 1) and ctx.glued(i + 2) else i + 1
        mq = QUARTER.match(ctx.low_at(k))
        if mq is None or (k == i + 1 and ctx.glued(k)):
            return _year_then_ordinal(ctx, start, i)
        kind_q, nq = mq.group(1).upper(), int(mq.group(2))
        if kind_q == "H" and nq > 2:
            return None
        return Cand(
            start, k + 1, "DATE", f"{yq}-{kind_q}{nq}", "quarter.year_first", kind="quarter"
        )
    if ctx.low_at(i) == "the":
        i += 1
    before = _year_then_ordinal(ctx, start, i)
    if before is not None:
        return before
    # "the last half of 1989": "last" is the final one when a year of its own follows
    closed = ctx.low_at(i + 2) == "of" and bool(YEAR.match(ctx.low_at(i + 3)))
    got = _ordinal_period(ctx, i, closed=closed)
    if got is None:
        return None
    kind, n, j = got
    return _period_year(ctx, start, j, kind, n)


def rule_period_anaphor(ctx: Ctx, i: int) -> Cand | None:
    """A reporting period named by a noun: "the latest quarter", "the quarter", "that
    quarter", "the latest period" (the quarter the text named last, else the one just
    ended), "the year-ago quarter", "the quarter a year ago", "the year-earlier
    period", "year-earlier profit" (that quarter a year back), "the 1988 period"
    (that quarter in 1988). The value is set in ``reporting_periods``."""
    words = ctx.lex.words
    j = i
    latest = False
    if ctx.low_at(i) in words["period_determiners"]:
        j += 1
        latest = ctx.low_at(j) in words["period_latest"]
        j += latest
        j += ctx.low_at(j) == "recent" and ctx.low_at(j - 1) == "most"
    if j > i and YEAR.match(ctx.low_at(j)) and ctx.low_at(j + 1) in words["period_nouns"]:
        # "in the 1988 period", "the 1989 quarter": the report's quarter in that year
        if ctx.low_at(j + 2) in ("of", "-") or ctx.tok(j + 1).pos_ == "PROPN":
            return None
        return Cand(i, j + 2, "DATE", ctx.low_at(j), "period.year", kind="period", back=(0, "Y"))
    back = _year_back(ctx, j)
    k = j + 3 if back else j
    if ctx.low_at(k) not in words["period_nouns"]:
        # "year-earlier profit", "The year-ago results": the period the report compares
        # with; the determiner belongs to the noun after it
        if back and k < ctx.n and ctx.tok(k).pos_ == "NOUN":
            return Cand(j, k, "DATE", None, "period.year_ago", kind="period", back=(1, "Y"))
        return None
    if k == i or ctx.low_at(k + 1) in ("of", "-") or ctx.tok(k).pos_ == "PROPN":
        return None  # "the quarter of the city", "the quarter-final", "the Latin Quarter"
    end = k + 1
    if not back and ctx.low[end : end + 3] in (["a", "year", "ago"], ["a", "year", "earlier"]):
        back, end = True, end + 3  # "for the quarter a year ago"
    if back:
        return Cand(i, end, "DATE", None, "period.year_ago", kind="period", back=(1, "Y"))
    rule = "period.latest" if latest or ctx.low_at(end) in words["period_closers"] else "period"
    return Cand(i, end, "DATE", None, rule, kind="period", back=(0, "Y"))


def _year_back(ctx: Ctx, i: int) -> bool:
    """ "year-ago", "year-earlier" at ``i`` (three tokens)."""
    return (
        ctx.low_at(i) == "year"
        and ctx.low_at(i + 1) == "-"
        and ctx.low_at(i + 2) in ctx.lex.words["year_back_words"]
        and ctx.glued(i + 1)
        and ctx.glued(i + 2)
    )


def _ordinal_period(ctx: Ctx, i: int, *, closed: bool = False) -> tuple[str, int, int] | None:
    """An ordinal quarter or half at ``i``: "third quarter", "third-quarter", "Q3",
    "first half" -> ("Q", 3, end). ``closed``: a year of its own follows ("of 1989"),
    so "last" is an ordinal too ("the last half of 1989")."""
    m = QUARTER.match(ctx.low_at(i))
    if m:
        return m.group(1).upper(), int(m.group(2)), i + 1
    o = read_day_num(ctx, i) if not ctx.low_at(i).isdigit() else None
    n_ord = ctx.lex.ordinals.get(ctx.low_at(i)) or o
    j = i + 1
    if ctx.low_at(j) == "-":
        j += 1
    unit = ctx.low_at(j)
    if unit not in ctx.lex.words["quarter_units"]:
        return None
    if n_ord is None and closed and ctx.low_at(i) == "last":
        n_ord = 4
    if n_ord is None:
        return None
    if unit == "half" and ctx.low_at(i) in ("final", "last"):
        n_ord = 2
    kind, n = ("Q" if unit == "quarter" else "H"), n_ord
    if n > (4 if kind == "Q" else 2):
        return None
    return kind, n, j + 1


def _year_then_ordinal(ctx: Ctx, start: int, i: int) -> Cand | None:
    """A year written before the ordinal: "the 1988 second quarter", "this year's
    third quarter", "next year's first half" (one mention, not a year and a quarter)."""
    anchor = None
    if YEAR.match(ctx.low_at(i)):
        y = read_year(ctx, i, strict=False)
        k = i + 1
    elif (
        ctx.low_at(i) in ctx.lex.words["deictic_determiners"]
        and ctx.low_at(i + 1) == "year"
        and ctx.low_at(i + 2) in ("'s", "’s")
        and ctx.ref is not None
    ):
        y, k, anchor = ctx.ref.year + ctx.lex.relative[ctx.low_at(i)], i + 3, ctx.anchor
    else:
        return None
    got = _ordinal_period(ctx, k)
    if y is None or got is None:
        return None
    kind, n, end = got
    rule = "quarter.year_before"
    return Cand(start, end, "DATE", f"{y}-{kind}{n}", rule, anchor, kind="quarter")


def _period_year(ctx: Ctx, start: int, j: int, kind: str, n: int) -> Cand | None:
    """The year of an ordinal quarter or half ending at ``j``: written after it ("of
    2020", "of last year"), else the reference's, by tense or as the quarter just
    ended."""
    end = j
    y: int | None = None
    rule = "quarter"
    k = j + 1 if ctx.low_at(j) in ("of", ",") else j
    yy = read_year(ctx, k, strict=False)
    if yy is not None:
        y, end = yy, k + 1
    elif (
        ctx.low_at(k) in ctx.lex.words["deictic_determiners"]
        and ctx.low_at(k + 1) == "year"
        and ctx.ref
    ):
        y, end = ctx.ref.year + ctx.lex.relative[ctx.low_at(k)], k + 2
    elif kind == "H" and ctx.low_at(k) != "year":
        return None  # "in the first half" of a football match
    elif ctx.ref is not None:
        y = ctx.ref.year
        current = (ctx.ref.month - 1) // (3 if kind == "Q" else 6) + 1
        tense = ctx.tense(start, end)
        if kind == "Q" and n == (current - 1 or 4):
            # the quarter just ended, whatever the tense: "expects to release
            # third-quarter results" (said in October), "fourth-quarter earnings
            # will be reported" (in January) is last year's fourth quarter
            y -= current == 1
            rule = "quarter.just_ended"
        else:
            if tense == "past" and n > current:
                y -= 1
            elif tense == "future" and n < current:
                y += 1
            rule = "quarter.tense"
    value = f"{y}-{kind}{n}" if y is not None else f"XXXX-{kind}{n}"
    return Cand(start, end, "DATE", value, rule, ctx.anchor, kind="quarter")


#: "fy2020", "fy-20", "fy 2020"
_FY = re.compile(r"fy[- ]?(\d{4}|\d{2})")
#: two years in one token: "2019/20", "2019-2020"
_YEAR_PAIR = re.compile(r"(\d{4})[/-](\d{2}|\d{4})")
#: the second year of a pair: "20", "2020"
_PAIR_END = re.compile(r"\d{2}|\d{4}")


def rule_fiscal(ctx: Ctx, i: int) -> Cand | None:
    """Fiscal years: "fiscal 2021", "fiscal year 2008", "FY2020" -> "FY2021" (TIMEX3)."""
    w = ctx.low_at(i)
    m = _FY.fullmatch(w)
    if m:
        y = int(m.group(1))
        y = y + 2000 if y < 100 else y
        return Cand(i, i + 1, "DATE", f"FY{y}", "fiscal", kind="year")
    rel = ctx.lex.relative.get(w)
    if rel is not None and ctx.low[i + 1 : i + 3] in (["fiscal", "year"], ["financial", "year"]):
        # "last fiscal year" -> the fiscal year before the reference's (TIMEX3 "FY2020")
        if ctx.ref is None:
            return Cand(i, i + 3, "DATE", None, "fiscal.relative", kind="year")
        value = f"FY{ctx.ref.year + rel}"
        return Cand(i, i + 3, "DATE", value, "fiscal.relative", ctx.anchor, kind="year")
    if w not in ctx.lex.words["fiscal_words"] and not w[:1].isdigit():
        return None  # the rest reads "fiscal ..." or a year first ("2019-20 fiscal year")
    span = _two_year_span(ctx, i)
    if span is not None:
        return span
    if w not in ctx.lex.words["fiscal_words"]:
        return None
    j = i + 2 if ctx.low_at(i + 1) == "year" else i + 1
    y2 = read_year(ctx, j, strict=False)
    if y2 is None:
        return None
    return Cand(i, j + 1, "DATE", f"FY{y2}", "fiscal", kind="year")


def _two_year_span(ctx: Ctx, i: int) -> Cand | None:
    """A fiscal year written with the two calendar years it spans: "the 2019-2020
    fiscal year", "the 2019-20 financial year", "fiscal 2019/20" -> FY2020, named by
    the year it ends in (as "fiscal 2020" is); which year names it varies by country,
    so the value is marked a guess."""
    k = i + 1 if ctx.low_at(i) in ctx.lex.words["fiscal_words"] else i
    one = _YEAR_PAIR.fullmatch(ctx.low_at(k))
    if one is not None and k == i + 1:  # "fiscal 2019/20", one token
        start_year = int(one.group(1))
        end_year = _pair_end(start_year, one.group(2))
        if end_year == start_year + 1:
            return Cand(i, k + 1, "DATE", f"FY{end_year}", "fiscal.span", kind="year")
    first = read_year(ctx, k, strict=False)
    if first is None or ctx.low_at(k + 1) not in ("-", "/", "–") or not ctx.glued(k + 1):
        return None
    second = ctx.low_at(k + 2)
    if not ctx.glued(k + 2) or not _PAIR_END.fullmatch(second):
        return None
    last = _pair_end(first, second)
    if last != first + 1:
        return None
    end = k + 3
    if k == i:  # the year pair first: it is fiscal only with the words after it
        if ctx.low_at(end) not in ctx.lex.words["fiscal_words"] or ctx.low_at(end + 1) != "year":
            return None
        end += 2
    return Cand(i, end, "DATE", f"FY{last}", "fiscal.span", kind="year")


def _pair_end(first: int, second: str) -> int:
    """The second year of a pair written "2019-2020" or "2019-20"."""
    return int(second) if len(second) == 4 else first // 100 * 100 + int(second)
