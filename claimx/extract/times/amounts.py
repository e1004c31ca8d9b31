"""Rules for amounts of time: durations ("60 days"), "two days ago" and "in three weeks",
counts from a date, sets ("every week"), whole units ("all day") and approximations
("about three weeks")."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from claimx.extract.times.context import Cand, Ctx
from claimx.extract.times.readers import (
    read_amount,
    read_compound_amount,
    read_number,
    read_unit,
    read_weekday,
)
from claimx.extract.times.timex import at_granularity, shift_in_calendar, timex_period


def _anchored(ctx: Ctx, start: int, end: int, value: float | None, unit: str) -> Cand | None:
    """An amount counted from a date: "three days after January 12th", "2 weeks before
    May 13 1999", "4 months from tomorrow", "3 days from now" -> a date."""
    rel = ctx.low_at(end)
    if rel not in ctx.lex.words["anchor_relations"] or value is None or not value.is_integer():
        return None
    if any(w in ctx.lex.words["unit_adjectives"] for w in ctx.low[start:end]):
        return None  # "eight trading days after Oct. 12": no calendar count
    if unit not in ("D", "W", "M", "Y"):
        return None
    sign = -1 if rel == "before" else 1
    if ctx.low_at(end + 1) == "now" and rel == "from":
        if ctx.ref is None:
            return None
        base, stop = ctx.ref, end + 2
    else:
        inner = ctx.core(end + 1)
        if inner is None or inner.day is None or inner.kind != "day" or inner.start != end + 1:
            return None
        base, stop = inner.day, inner.end
    day = shift_in_calendar(base, sign * int(value), unit)
    if day is None:
        return None
    return Cand(
        start,
        stop,
        "DATE",
        day.isoformat(),
        "amount.anchored",
        base.isoformat(),
        kind="day",
        day=day,
    )


def rule_amount(ctx: Ctx, i: int) -> Cand | None:
    """Durations and "ago": "60 days" -> P60D, "the past three years" -> P3Y,
    "two days ago" -> a date, "in three weeks" (future) -> a date, "decades-long"."""
    start = i
    lead, i = _lead(ctx, i)
    am = read_amount(ctx, i)
    if am is None:
        return (None if lead else _range_low(ctx, i)) or _bare_unit(ctx, start, i, lead)
    end, value, unit = am
    if (
        unit == "FN"
        and value is not None
        and (ctx.low_at(end) in ctx.lex.words["fortnight_counts"] or ctx.low_at(i - 1) == "in")
    ):
        value, unit = value * 2, "W"  # "a fortnight later", "in a fortnight": two weeks
    if value is not None:
        # "one hour and a half", "one hour and half", "one year and a quarter"
        after = ctx.low_at(end)
        for words, part in ctx.lex.fraction_tails:
            if words[0] == after and tuple(ctx.low[end : end + len(words)]) == words:
                value, end = value + part, end + len(words)
                break
    compound = read_compound_amount(ctx, end, value, unit)
    if compound is not None:
        # "1 hour and 30 minutes", "two years and six months": one period
        return Cand(
            start, compound[0], "DURATION", compound[1], "duration.compound", kind="duration"
        )
    if lead in ctx.lex.words["ahead_leads"] and value is None:
        # "in the next few days": a stretch from now of a vague length, like "the past
        # few months" (TIMEX3 PXD)
        vague = timex_period(None, unit)
        return Cand(start, end, "DURATION", vague, "duration.coming", kind="duration")
    got = _anchored(ctx, start, end, value, unit) or _counted_from(
        ctx, start, end, lead, value, unit
    )
    if got is not None:
        return got
    if (
        not lead
        and start == i
        and ctx.low_at(i - 1) == "in"
        and value is not None
        and value.is_integer()
        and unit in ("D", "W", "M", "Y")
        and ctx.ref is not None
        and ctx.tense(i, end) == "future"
    ):
        # "talks will resume in three weeks": a point after the reference date
        future = shift_in_calendar(ctx.ref, int(value), unit)
        value_at = at_granularity(future, unit) if future else None
        return Cand(start, end, "DATE", value_at, "in_amount.future", ctx.anchor)
    return Cand(start, end, "DURATION", timex_period(value, unit), "duration", kind="duration")


def _lead(ctx: Ctx, i: int) -> tuple[str, int]:
    """The word that leads an amount ("the past three years", "next two weeks") and
    where the amount starts."""
    w = ctx.low_at(i)
    lead = ""
    if w in ctx.lex.words["amount_openers"]:
        j = i + 1 if w == "the" else i
        if ctx.low_at(j) in ctx.lex.words["amount_leads"]:
            lead = ctx.low_at(j)
            i = j + 1
        elif w == "the":
            i = j
    return lead, i


def _range_low(ctx: Ctx, i: int) -> Cand | None:
    """ "between 60 and 90 days", "two to three years": the first bound shares the unit."""
    num = read_number(ctx, i)
    if num is None or num[1] is None or ctx.low_at(num[0]) not in ctx.lex.words["bound_joiners"]:
        return None
    nxt = read_amount(ctx, num[0] + 1)
    if nxt is None or nxt[1] is None or ctx.low_at(num[0] - 1) == ",":
        return None
    value = timex_period(num[1], nxt[2])
    return Cand(i, num[0], "DURATION", value, "duration.range_low", kind="duration")


def _bare_unit(ctx: Ctx, start: int, i: int, lead: str) -> Cand | None:
    """A plural unit without a number: "for years", "over the years", "decades-long",
    "recent years", "the coming months" (FUTURE_REF)."""
    unit = read_unit(ctx, i)
    if unit is None or not ctx.low_at(i).endswith("s"):
        return None
    vague = timex_period(None, unit)
    prev = ctx.tok(i - 1) if i > 0 else None
    if (
        ctx.tok(i).ent_type_ == "DATE"
        and start == i
        and ctx.low_at(i + 1) not in ctx.lex.words["bare_unit_followers"]
        and (prev is None or not (prev.like_num or prev.pos_ == "DET" or prev.text in "])"))
    ):
        # "decades in the making": the tagger reads a bare plural as a time
        return Cand(i, i + 1, "DURATION", vague, "duration.bare", kind="duration")
    if ctx.low_at(i + 1) == "-" and ctx.low_at(i + 2) == "long":
        return Cand(start, i + 3, "DURATION", vague, "duration.long", kind="duration")
    if lead in ctx.lex.words["ahead_leads"]:  # "in the coming weeks"
        return Cand(start, i + 1, "DURATION", vague, "duration.coming", kind="duration")
    if lead in ctx.lex.words["back_leads"] or (
        (start == i and ctx.low_at(i - 1) in ctx.lex.words["duration_preps"])
        or ctx.low[i - 2 : i] == ["over", "the"]
    ):
        if start != i or ctx.low_at(i - 1) in ctx.lex.words["duration_preps"]:
            return Cand(start, i + 1, "DURATION", vague, "duration.vague", kind="duration")
        return Cand(i - 1, i + 1, "DURATION", vague, "duration.vague", kind="duration")
    return None


def _counted_from(
    ctx: Ctx, start: int, end: int, lead: str, value: float | None, unit: str
) -> Cand | None:
    """An amount counted back from the narrative or the reference: "three days later"
    (from the time named before), "two years ago", "a couple of years back", "a week or
    so ago" (mod APPROX)."""
    mod = None
    if ctx.low[end : end + 2] == ["or", "so"]:
        mod, end = "APPROX", end + 2
    after = ctx.low_at(end)
    if (
        after in ctx.lex.words["narrative_adverbs"]
        and ctx.low_at(end + 1) != "than"
        and not lead
        and value is not None
        and value.is_integer()
        and unit in ctx.lex.narrative_units.values()
    ):
        # "He was released three days later": a date counted from the time the text
        # last named (resolved in ``anchor_narrative``); "three days later than
        # planned" is a delay, a duration
        step = int(value) * ctx.lex.narrative_steps[after]
        rule = "narrative.amount"
        return Cand(start, end + 1, "DATE", None, rule, None, mod, "narrative", shift=(step, unit))
    if (
        after in ctx.lex.words["narrative_adverbs"]
        and ctx.low_at(end + 1) != "than"
        and not lead
        and value is None
    ):
        # "A few weeks earlier, he had resigned": a point before the time the text
        # names, not a stretch; only its side of now is known
        tense = ctx.tense(start, end + 1)
        point = {"past": "PAST_REF", "future": "FUTURE_REF"}.get(tense or "")
        if after == "earlier" and tense != "future":
            point = "PAST_REF"
        return Cand(start, end + 1, "DATE", point, "narrative.vague", None, mod, "ref")
    if after not in ctx.lex.words["ago_words"]:  # "a couple of years back"
        return None
    if value is None or ctx.ref is None:
        v = "PAST_REF" if value is None else None
        return Cand(start, end + 1, "DATE", v, "ago", ctx.anchor, mod, "ref")
    if unit in ("H", "MIN", "S"):
        d: dt.date | None = ctx.ref  # "two hours ago": today, the clock is unknown
    else:
        d = shift_in_calendar(ctx.ref, -int(value), unit) if value.is_integer() else None
    v = at_granularity(d, unit) if d else None
    day = d if unit == "D" else None
    back = (int(value), unit) if value.is_integer() else None
    return Cand(start, end + 1, "DATE", v, "ago", ctx.anchor, mod, kind="date", day=day, back=back)


def rule_set(ctx: Ctx, i: int) -> Cand | None:
    """Sets: "every week" -> P1W, "each Monday", "annually", "twice a year", "$5 a day"."""
    lex = ctx.lex
    w = ctx.low_at(i)
    if w in lex.set_adverbs:
        if (w == "annual" and ctx.tok(i).pos_ != "ADJ") or ctx.tok(i).pos_ == "PROPN":
            return None  # "Daily et al.", "Annual" in a title
        return Cand(i, i + 1, "SET", lex.set_adverbs[w], "set.adverb", kind="set")
    start = i
    num0 = read_number(ctx, i)
    if num0 is not None and ctx.low_at(num0[0]) == "times":  # "three times a week"
        i = num0[0]
        w = "times"
    if w in lex.frequency_words:
        i += 1
        w = ctx.low_at(i)
        if w in lex.set_adverbs and ctx.tok(i).pos_ in ("ADV", "ADJ"):
            # "twice daily", "three times weekly": one set, the count its frequency
            return Cand(start, i + 1, "SET", lex.set_adverbs[w], "set.frequency", kind="set")
    if w in lex.set_quantifiers or (w in ("a", "an") and (start != i or _counts_before(ctx, i))):
        j = i + 1
        if ctx.low_at(j) == "other":
            j += 1
        wd = read_weekday(ctx, j)
        if wd and w != "per":
            return Cand(start, j + 1, "SET", f"XXXX-WXX-{wd[1] + 1}", "set.weekday", kind="set")
        num = read_number(ctx, j) if w != "a" else None
        n: float | None = 1.0
        if num is not None:
            j, n = num
        if ctx.low_at(j) in ctx.lex.words["set_weekend_words"] and w != "per":
            return Cand(start, j + 1, "SET", "XXXX-WXX-WE", "set.weekend", kind="set")
        if ctx.low_at(j) in ctx.lex.words["set_quarter_words"]:
            return Cand(
                start, j + 1, "SET", timex_period(3 * (n or 1), "M"), "set.quarter", kind="set"
            )
        unit = read_unit(ctx, j)
        if unit is None:
            return None
        if ctx.low_at(i + 1) == "other":
            n = 2.0
        return Cand(start, j + 1, "SET", timex_period(n, unit), "set.quantified", kind="set")
    return None


def _counts_before(ctx: Ctx, i: int) -> bool:
    """ "a" reads as "per" after an amount: "$40 billion a year", "three times a week"."""
    prev = ctx.tok(i - 1) if i > 0 else None
    return prev is not None and (
        prev.like_num or prev.ent_type_ == "MONEY" or prev.lower_ in ("times",)
    )


def rule_whole(ctx: Ctx, i: int) -> Cand | None:
    """A whole unit as a stretch of time: "closed all day" -> P1D, "all year" -> P1Y."""
    if ctx.low_at(i) not in ctx.lex.whole_words:
        return None
    start = i
    value = ctx.lex.whole_units.get(ctx.low_at(i + 1))
    if value is None or ctx.low_at(i + 2) in ("of", "-") or ctx.tok(i + 1).dep_ == "compound":
        return None  # "all day of the week", "all-day", "all day passes"
    return Cand(start, i + 2, "DURATION", value, "whole_unit", kind="duration")


def rule_approx(ctx: Ctx, i: int) -> Cand | None:
    """Approximations inside the span: "almost two and a half years", "more than 60
    days", "about three weeks ago" (TIMEX3 mod)."""
    lex = ctx.lex
    mod: str | None = None
    j = i
    w = ctx.low_at(i)
    for phrase, m in lex.approx_phrases:
        if phrase[0] == w and tuple(ctx.low[i : i + len(phrase)]) == phrase:
            mod, j = m, i + len(phrase)
            break
    else:
        if ctx.low_at(i) in lex.approx:
            mod, j = lex.approx[ctx.low_at(i)], i + 1
    if mod is None:
        return None
    if ctx.low_at(j) in ctx.lex.words["approx_blockers"]:
        return None  # "over the past three years": "over" is a preposition there
    inner = rule_amount(ctx, j)
    if inner is None or inner.start != j:
        return None
    return replace(inner, start=i, mod=mod)
