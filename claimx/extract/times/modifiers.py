"""Rules that wrap another mention: part-of modifiers ("early 2020", "the end of the
year") and the determiner ("the 1990s")."""

from __future__ import annotations

from dataclasses import replace

from claimx.extract.times.context import Cand, Ctx
from claimx.extract.times.shapes import DECADE, PART_PREFIX, YEAR, may_open
from claimx.extract.times.timex import relative_unit_value, resolve_month_year


def rule_part_of(ctx: Ctx, i: int) -> Cand | None:
    """Part-of modifiers inside the span: "early 2020" (START), "mid-2011", "late last
    year", "the end of the year", "the beginning of March", "earlier this month"."""
    lex = ctx.lex
    start = i
    w = ctx.low_at(i)
    mod: str | None = None
    m = PART_PREFIX.match(ctx.text[i]) if i < ctx.n else None
    if m:
        mod = lex.part_of[m.group(1).lower()]
        inner_text = m.group(2)
        y = int(inner_text) if YEAR.match(inner_text) else None
        month = lex.months.get(inner_text.lower())
        if y is not None:
            return Cand(start, i + 1, "DATE", str(y), "part_of.year", mod=mod, kind="year")
        dec = DECADE.match(inner_text)
        if dec and dec.group(1):  # "mid-1990s"
            value = dec.group(1) + dec.group(2)
            return Cand(start, i + 1, "DATE", value, "part_of.decade", mod=mod, kind="decade")
        if month is not None and ctx.ref is not None:
            yy = resolve_month_year(ctx.ref, month, None, ctx.tense(i, i + 1))
            return Cand(
                start, i + 1, "DATE", f"{yy}-{month:02d}", "part_of.month", ctx.anchor, mod, "month"
            )
        return None
    if w in ctx.lex.words["part_of_prefixes"] or w in lex.part_of_soft:
        mod = lex.part_of.get(w)
        i += 1
        if ctx.low_at(i) == "-":
            i += 1
    elif (w == "the" and ctx.low_at(i + 1) in lex.part_of and ctx.low_at(i + 2) == "of") or (
        w in ctx.lex.words["part_of_nouns"]
        and ctx.low_at(i + 1) == "of"
        and ctx.low_at(i - 1) in ctx.lex.words["part_of_preps"]
    ):
        # "by end of year", "at end of the month" (headline style drops the article)
        k = i if w != "the" else i + 1
        mod = lex.part_of[ctx.low_at(k)]
        i = k + 2
        # "the end of the year" -> this year
        bare = ctx.low_at(i) in lex.relative_units  # "end of year"
        if bare:
            i -= 1
        if (bare or ctx.low_at(i) == "the") and ctx.low_at(i + 1) in lex.relative_units and ctx.ref:
            unit = lex.relative_units[ctx.low_at(i + 1)]
            if ctx.low_at(i + 2) != "of":
                value = relative_unit_value(ctx.ref, 0, unit)
                return Cand(start, i + 2, "DATE", value, "part_of.the_unit", ctx.anchor, mod, unit)
    else:
        return None
    inner = ctx.core(i)
    if (
        inner is None
        or inner.type != "DATE"
        or inner.start != i
        or inner.kind in ("ref", "duration")
    ):
        return None
    if w in lex.part_of_soft and inner.kind not in ("Y", "M", "W", "year", "month"):
        return None
    return replace(inner, start=start, mod=mod, rule=f"part_of+{inner.rule}")


def rule_the(ctx: Ctx, i: int) -> Cand | None:
    """The determiner belongs to the mention: "the 1990s", "the 20th century",
    "the two years"; not to a year or a date ("the 2008 model year")."""
    if ctx.low_at(i) != "the" or not may_open(ctx.low_at(i + 1), ctx.lex.triggers):
        return None
    inner = ctx.core(i + 1)
    part = rule_part_of(ctx, i + 1)  # "the mid-1990s", "the late 1980s"
    if part is not None and (inner is None or part.end > inner.end):
        inner = part
    if inner is None or inner.start != i + 1:
        return None
    word = ctx.low_at(i + 1)
    if (
        inner.rule == "relative.unit"
        and word in ctx.lex.words["narrative_day_words"]
        and inner.end == i + 3
        and ctx.lex.relative_units.get(ctx.low_at(i + 2)) in ("D", "W", "M", "Q", "Y")
    ):
        # "the following year", "the previous month": counted from the time the text
        # named last, as "the next day" is ("in 1995 ... the following year" is 1996)
        unit = ctx.lex.relative_units[ctx.low_at(i + 2)]
        step = ctx.lex.narrative_steps[word]
        rule = "narrative.the_unit"
        return Cand(i, i + 3, "DATE", None, rule, kind="narrative", shift=(step, unit))
    if inner.kind in ("decade", "century", "duration") or (
        inner.rule == "relative.unit" and word != "this"
    ):
        # "the last quarter", "the past decade"
        return replace(inner, start=i)
    return None
