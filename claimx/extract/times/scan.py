"""The scan: at each token the longest candidate of all rules wins, and scanning
resumes after it, so mentions never overlap."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from claimx.extract.times.amounts import rule_amount, rule_approx, rule_set, rule_whole
from claimx.extract.times.clock import rule_clock, rule_day_part, with_clock, with_day_part
from claimx.extract.times.context import Cand, Ctx
from claimx.extract.times.dates import (
    rule_calendar,
    rule_century,
    rule_day_of_month,
    rule_decade,
    rule_named_event,
    rule_nth_of,
    rule_numeric,
    rule_season,
    rule_week_number,
    rule_week_of,
    rule_word_year,
    rule_year,
)
from claimx.extract.times.holidays import rule_holiday, rule_movable
from claimx.extract.times.lexicon import lexicon
from claimx.extract.times.modifiers import rule_part_of, rule_the
from claimx.extract.times.periods import rule_fiscal, rule_period_anaphor, rule_quarter
from claimx.extract.times.relative import (
    rule_beyond,
    rule_dayword,
    rule_narrative,
    rule_ref,
    rule_relative,
    rule_same_period,
    rule_weekday,
)
from claimx.extract.times.shapes import may_open
from claimx.extract.tokens import token_table

if TYPE_CHECKING:
    from collections.abc import Callable, Collection


CORE: tuple[Callable[[Ctx, int], Cand | None], ...] = (
    rule_clock,
    rule_beyond,
    rule_dayword,
    rule_relative,
    rule_calendar,
    rule_named_event,
    rule_numeric,
    rule_decade,
    rule_century,
    rule_quarter,
    rule_season,
    rule_set,
    rule_amount,
    rule_weekday,
    rule_year,
    rule_word_year,
    rule_ref,
    rule_holiday,
    rule_movable,
    rule_day_part,
    rule_fiscal,
    rule_narrative,
    rule_same_period,
    rule_whole,
    rule_day_of_month,
    rule_period_anaphor,
)


def longest(ctx: Ctx, i: int, rules: tuple[Callable[[Ctx, int], Cand | None], ...]) -> Cand | None:
    """The longest non-empty candidate the rules read at token ``i``; on a tie, the
    first rule's (the order of ``CORE`` and ``RULES`` is a priority)."""
    best: Cand | None = None
    for rule in rules:
        c = rule(ctx, i)
        if c is not None and c.end > c.start and (best is None or c.end > best.end):
            best = c
    return best


def best_core(ctx: Ctx, i: int) -> Cand | None:
    """The longest core mention at ``i``: what ``Ctx.core`` reads for the wrapping rules."""
    return longest(ctx, i, CORE) if i < ctx.n else None


RULES: tuple[Callable[[Ctx, int], Cand | None], ...] = (
    *CORE,
    rule_part_of,
    rule_approx,
    rule_the,
    rule_week_of,
    rule_week_number,
    rule_nth_of,
)


def scan(ctx: Ctx) -> list[Cand]:
    out: list[Cand] = []
    i = 0
    n = ctx.n
    triggers = ctx.lex.triggers
    low = ctx.low
    table = token_table(ctx.doc)
    followers = _followers()
    while i < n:
        w = low[i]
        if not may_open(w, triggers):
            i += 1
            continue
        after = followers.get(w)
        if after is not None:
            # "the" alone is a sixth of all words: a mention at these words is read only
            # from the word after them ("the 1990s", "a week", "that year")
            nxt = low[i + 1] if i + 1 < n else ""
            if nxt not in after and not may_open(nxt, triggers):
                i += 1
                continue
        if table.is_space[i] or (table.is_punct[i] and ctx.text[i] != "'"):
            i += 1
            continue
        best = longest(ctx, i, RULES)
        if best is None:
            i += 1
            continue
        best = with_clock(ctx, with_day_part(ctx, best))
        if not _inside_name(ctx, best):
            out.append(best)
        i = best.end
    return out


@cache
def _followers() -> dict[str, frozenset[str]]:
    """Frequent words that may open a mention only with the word after them: each
    word, with the words after it that make a mention with it though they cannot open
    one themselves (``may_open``).

    "the" is read only as the determiner of the word after it ("the 1990s", "the past
    week", "the same day", "(in) the (near) future", "the prior day", "the latest
    quarter", "the weekend", "(in) the morning"); "a" and "an" as a count or "per"
    ("a year", "a few days", "twice a week", "$5 a quarter", "every other week");
    "that" as the determiner of a period ("that year", "that quarter"); the degree
    adverbs "as", "so", "very", "only" before "recently" or "soon"; and "'s" opens
    nothing. A word keeps its shortcut only while it is in no other table the rules
    read a mention's first word from (else the vocabulary changed: every rule is
    tried); a rule that reads one of these words before some other word must add that
    word here.
    """
    lex = lexicon()
    words = lex.words
    tables: dict[str, Collection[str]] = {
        "months": lex.months,
        "weekdays": lex.weekdays,
        "units": lex.units,
        "numbers": lex.numbers,
        "vague_numbers": lex.vague_numbers,
        "ordinals": lex.ordinals,
        "week_ordinals": lex.week_ordinals,
        "relative": lex.relative,
        "part_of": lex.part_of,
        "part_of_soft": lex.part_of_soft,
        "approx": lex.approx,
        "seasons": lex.seasons,
        "day_words": lex.day_words,
        "day_parts": lex.day_parts,
        "clock_words": lex.clock_words,
        "present_ref": lex.present_ref,
        "past_ref": lex.past_ref,
        "future_ref": lex.future_ref,
        "degree_adverbs": lex.degree_adverbs,
        "set_adverbs": lex.set_adverbs,
        "set_quantifiers": lex.set_quantifiers,
        "frequency_words": lex.frequency_words,
        "holiday_firsts": lex.holiday_firsts,
        "decade_words": lex.decade_words,
        "whole_words": lex.whole_words,
        "named_dates": {name.lower() for name in lex.named_dates},
        "vague_phrases": {p[0] for p in lex.vague_phrases},
        "approx_phrases": {p[0][0] for p in lex.approx_phrases},
        "present_phrases": {p[0] for p in lex.present_phrases},
        **{
            key: words[key]
            for key in (
                "narrative_adverbs",
                "day_part_relatives",
                "day_part_mods",
                "part_of_prefixes",
                "part_of_nouns",
                "fiscal_words",
                "amount_openers",
                "period_determiners",
            )
        },
    }
    # the periods a determiner names: "the latest quarter", "that period", "the year-ago"
    periods = words["period_latest"] | words["period_nouns"] | {"year"}

    def article(word: str) -> set[str]:
        # "a few days", "a couple of years"; "twice a week", "a weekend", "every other week"
        counts = {p[1] for p in lex.vague_phrases if p[0] == word and len(p) > 1}
        return counts | {"other"} | words["set_weekend_words"] | words["set_quarter_words"]

    degree = (frozenset({"degree_adverbs"}), lex.past_ref | lex.future_ref)
    shortcuts: dict[str, tuple[frozenset[str], Collection[str]]] = {
        "the": (
            frozenset({"amount_openers", "period_determiners"}),
            {"weekend", "same", "future", "near"}
            | periods
            | lex.narrative_units.keys()
            | words["narrative_day_words"]
            | lex.week_ordinals.keys()
            | lex.day_parts.keys()
            | words["amount_leads"]
            | words["deictic_determiners"]
            | lex.seasons.keys()
            | lex.part_of.keys(),
        ),
        "a": (frozenset({"vague_phrases"}), article("a")),
        "an": (frozenset({"vague_phrases"}), article("an")),
        "that": (frozenset({"period_determiners"}), periods | lex.narrative_units.keys()),
        "as": degree,
        "so": degree,
        "very": degree,
        "only": degree,
        "'s": (frozenset(), ()),
        "’s": (frozenset(), ()),
    }
    return {
        word: frozenset(after)
        for word, (handled, after) in shortcuts.items()
        if not any(word in table for name, table in tables.items() if name not in handled)
    }


def _inside_name(ctx: Ctx, c: Cand) -> bool:
    """A time word that is part of a longer name: "I read Saturday Morning Breakfast
    Cereal" (a webcomic), "the Winter Olympics". Only words: a number in a name ("the
    2014 Winter Paralympics") still dates it."""
    if _quoted_title(ctx, c):
        return True
    if any(ch.isdigit() for w in ctx.text[c.start : c.end] for ch in w):
        return False
    head = ctx.tok(c.end - 1)
    for _ in range(4):
        if head.dep_ != "compound" or head.head.i <= head.i or head.head.tag_ != "NNP":
            break
        head = head.head
    after = ctx.tok(c.end) if c.end < ctx.n else None
    if (
        head.i > c.end  # two words or more after it: not "Since December GM and Chrysler"
        # a name of its own starts right after: "On Friday Ford Motor Company announced"
        and not (
            after is not None
            and after.ent_iob_ == "B"
            and after.ent_type_ in ctx.lex.name_entity_types
        )
        and head.tag_ == "NNP"
        and head.lower_ not in ctx.lex.triggers
        and all(ctx.text[k][:1].isupper() for k in range(c.start, head.i + 1))
    ):
        return True  # "Saturday Morning Breakfast Cereal": the name's head is further on
    types = ctx.lex.name_entity_types
    for k in range(c.start, c.end):
        tok = ctx.tok(k)
        if tok.ent_type_ not in types:
            continue
        # the entity runs past the mention on either side
        left = k
        while left > 0 and ctx.tok(left).ent_iob_ == "I":
            left -= 1
        right = k + 1
        while right < ctx.n and ctx.tok(right).ent_iob_ == "I":
            right += 1
        if left < c.start or right > c.end:
            return True
    return False


def _quoted_title(ctx: Ctx, c: Cand) -> bool:
    """A title in quotation marks, every word capitalised: ABC's "This Week", CBS's
    "60 Minutes", the film "High Noon". A word after the first must be capitalised
    where English does not capitalise it, so quoted speech stays a time ("Monday",
    "Next Monday.")."""
    quotes = ctx.lex.words["quote_marks"]
    after = c.end + 1 if ctx.low_at(c.end) in (",", ".") else c.end
    words = ctx.text[c.start : c.end]
    lex = ctx.lex
    return (
        len(words) >= 2
        and ctx.low_at(c.start - 1) in quotes
        and ctx.low_at(after) in quotes
        and all(w[:1].isupper() or w[:1].isdigit() for w in words)
        and any(
            w[:1].isupper() and w.lower() not in lex.months and w.lower() not in lex.weekdays
            for w in words[1:]
        )
    )
