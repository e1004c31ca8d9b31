"""The time vocabulary: ``models/times.json`` and ``models/calendar.json``, loaded and
indexed once per process."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from claimx.extract.numbers import number_words
from claimx.resources import load_lexicon, load_words


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    units: dict[str, str]
    numbers: dict[str, int]
    vague_numbers: frozenset[str]
    vague_phrases: tuple[tuple[str, ...], ...]
    ordinals: dict[str, int]
    relative: dict[str, int]
    relative_units: dict[str, str]
    part_of: dict[str, str]
    part_of_soft: frozenset[str]
    approx: dict[str, str]
    approx_phrases: tuple[tuple[tuple[str, ...], str], ...]
    seasons: dict[str, str]
    season_end: dict[str, int]
    day_words: dict[str, int]
    day_parts: dict[str, str]
    clock_words: dict[str, str]
    meridiem: dict[str, str]
    meridiem_parts: dict[str, str]
    clock_links: dict[str, str | None]
    evening_hours: dict[str, tuple[int, int]]
    utc_zones: frozenset[str]
    other_zones: frozenset[str]
    present_ref: frozenset[str]
    present_phrases: tuple[tuple[str, ...], ...]
    past_ref: frozenset[str]
    future_ref: frozenset[str]
    degree_adverbs: frozenset[str]
    set_adverbs: dict[str, str]
    set_quantifiers: frozenset[str]
    frequency_words: frozenset[str]
    weekday_blockers: frozenset[str]
    holidays: dict[tuple[str, ...], tuple[int, int]]
    movable: dict[tuple[str, ...], tuple[str, int]]
    decade_words: dict[str, int]
    day_part_signals: frozenset[str]
    narrative_steps: dict[str, int]
    narrative_units: dict[str, str]
    whole_units: dict[str, str]
    whole_words: frozenset[str]
    week_ordinals: dict[str, int]
    range_openers: dict[str, frozenset[str]]
    same_units: dict[str, str]
    word_year_preps: frozenset[str]
    fraction_tails: tuple[tuple[tuple[str, ...], float], ...]
    named_dates: dict[str, str]
    name_entity_types: frozenset[str]
    # small classes a rule tests a neighbouring token against ("word_classes")
    words: dict[str, frozenset[str]]
    past_ahead_days: int
    guessed_rules: tuple[str, ...]
    triggers: frozenset[str] = frozenset()
    holiday_firsts: frozenset[str] = frozenset()


@cache
def lexicon() -> Lexicon:
    """Load and index the vocabulary once per process."""
    cal = load_lexicon("calendar.json")
    t = load_lexicon("times.json")
    lex = Lexicon(
        months={k.lower(): int(v) for k, v in cal["months"].items()},
        weekdays={k.lower(): int(v) for k, v in cal["weekdays"].items()},
        units=dict(t["units"]),
        numbers=_count_numbers(t["count_words"]),
        vague_numbers=load_words("times.json", "vague_numbers"),
        vague_phrases=tuple(tuple(p) for p in t["vague_number_phrases"]),
        ordinals={
            **{k: int(v) for k, v in number_words().ordinals.items()},
            **t["ordinal_words"],
        },
        relative=dict(t["relative"]),
        relative_units=dict(t["relative_units"]),
        part_of=dict(t["part_of"]),
        part_of_soft=load_words("times.json", "part_of_soft"),
        approx=dict(t["approx"]),
        approx_phrases=tuple((tuple(p), m) for p, m in t["approx_phrases"]),
        seasons=dict(t["seasons"]),
        season_end=dict(t["season_end_month"]),
        day_words=dict(t["day_words"]),
        day_parts=dict(t["day_parts"]),
        clock_words=dict(t["clock_words"]),
        meridiem=dict(t["meridiem"]),
        meridiem_parts=dict(t["meridiem_parts"]),
        clock_links=dict(t["clock_links"]),
        evening_hours={k: (int(v[0]), int(v[1])) for k, v in t["evening_hours"].items()},
        utc_zones=load_words("times.json", "utc_zones"),
        other_zones=load_words("times.json", "other_zones"),
        present_ref=load_words("times.json", "present_ref"),
        present_phrases=tuple(tuple(p) for p in t["present_ref_phrases"]),
        past_ref=load_words("times.json", "past_ref"),
        future_ref=load_words("times.json", "future_ref"),
        degree_adverbs=load_words("times.json", "degree_adverbs"),
        set_adverbs=dict(t["set_adverbs"]),
        set_quantifiers=load_words("times.json", "set_quantifiers"),
        frequency_words=load_words("times.json", "frequency_words"),
        weekday_blockers=load_words("times.json", "weekday_blockers"),
        holidays={
            tuple(k.replace("'s", " 's").split()): (int(v[0]), int(v[1]))
            for k, v in t["holidays"].items()
        },
        day_part_signals=load_words("times.json", "day_part_signals"),
        movable={
            tuple(k.split()): (str(v[0]), int(v[1])) for k, v in t["movable_holidays"].items()
        },
        decade_words=dict(t["decade_words"]),
        narrative_steps=dict(t["narrative_steps"]),
        narrative_units=dict(t["narrative_units"]),
        whole_units=dict(t["whole_units"]),
        whole_words=load_words("times.json", "whole_words"),
        week_ordinals=dict(t["week_ordinals"]),
        range_openers={k: frozenset(v) for k, v in t["range_openers"].items()},
        same_units=dict(t["same_units"]),
        named_dates=dict(t["named_dates"]),
        word_year_preps=load_words("times.json", "word_year_prepositions"),
        fraction_tails=tuple((tuple(p), float(v)) for p, v in t["fraction_tails"]),
        name_entity_types=frozenset(t["name_entity_types"]),
        words={k: frozenset(v["words"]) for k, v in t["word_classes"].items()},
        past_ahead_days=int(t["past_tense_ahead_days"]),
        guessed_rules=tuple(t["guessed_rules"]),
    )
    return replace(lex, triggers=_triggers(lex), holiday_firsts=_holiday_firsts(lex))


def _triggers(lex: Lexicon) -> frozenset[str]:
    """Words that can open a mention; any other token (that does not start with a
    digit or an apostrophe) is skipped without trying the rules."""
    words: set[str] = set(load_words("times.json", "trigger_words"))
    for table in (
        lex.months,
        lex.weekdays,
        lex.units,
        lex.numbers,
        lex.ordinals,
        lex.relative,
        lex.part_of,
        lex.approx,
        lex.seasons,
        lex.day_words,
        lex.clock_words,
        lex.set_adverbs,
    ):
        words.update(table)
    for group in (
        lex.vague_numbers,
        lex.part_of_soft,
        lex.present_ref,
        lex.past_ref,
        lex.future_ref,
        lex.degree_adverbs,
        lex.set_quantifiers,
        lex.frequency_words,
    ):
        words.update(group)
    words.update(p[0] for p in lex.vague_phrases)
    words.update(p[0][0] for p in lex.approx_phrases)
    words.update(p[0] for p in lex.present_phrases)
    words.update(k[0] for k in lex.holidays)
    words.update(k[0] for k in lex.movable)
    words.update(lex.decade_words)
    words.update(lex.whole_words)
    return frozenset(words)


def _holiday_firsts(lex: Lexicon) -> frozenset[str]:
    """First words of the holiday names: the holiday rules try nothing else."""
    return frozenset(k[0] for k in (*lex.holidays, *lex.movable))


def _count_numbers(count_words: list[str]) -> dict[str, int]:
    """The number words that count a unit of time: cardinals from one up ("zero days"
    is no time) and the scale and multiplier words ``count_words`` names."""
    nums = number_words()
    out = {k: int(v) for k, v in (*nums.ones.items(), *nums.tens.items()) if v > 0}
    scales = {**nums.scales, **nums.multipliers}
    out.update({w: int(scales[w]) for w in count_words})
    return out
