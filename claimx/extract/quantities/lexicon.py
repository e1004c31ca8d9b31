"""The quantity vocabulary: ``models/numbers.json`` (through ``claimx.extract.numbers``),
``models/units.json`` and ``models/quantity_bounds.json``, compiled once per process."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING, Any

from claimx.extract.numbers import number_words
from claimx.records import Comparator
from claimx.resources import load_lexicon

if TYPE_CHECKING:
    pass


@dataclass(frozen=True)
class _Lexicon:
    ones: dict[str, float]
    tens: dict[str, float]
    scales: dict[str, float]
    scale_abbr: dict[str, float]
    money_scale_abbr: dict[str, float]
    multipliers: dict[str, float]
    fractions: dict[str, float]
    unicode_fractions: dict[str, float]
    vague: dict[str, float]
    ordinals: dict[str, float]
    pronoun_like: frozenset[str]
    clock: frozenset[str]
    id_words: frozenset[str]
    strength: frozenset[str]
    units: dict[str, str]
    cs_units: dict[str, str]
    separate_letters: frozenset[str]
    duration_units: frozenset[str]
    money_units: frozenset[str]
    currency_prefixes: frozenset[str]
    weak_prefixes: dict[str, str]
    qualifiers: frozenset[str]
    bounds: dict[tuple[str, ...], tuple[Comparator, bool]]
    range_openers: frozenset[str]
    subunits: dict[str, tuple[str, float]]
    relative_followers: frozenset[str]
    not_after_article: frozenset[str]  # units "a" does not count: "a degree of insurance"
    months: frozenset[str]
    bare_scale: dict[str, float]  # "5M", "1.2b", "1MM": a scale glued to a bare number
    scaled_codes: dict[str, float]  # "30 MUSD", "120 MEUR": a scale letter before an ISO code
    ratio_joiners: tuple[tuple[str, ...], ...]  # "one over three", "two out of five"
    vague_need_of: frozenset[str]  # "tens of", "scores of": not numbers alone
    lone_multiplier_not: frozenset[str]  # "the final score": "score" alone is no number
    tally_words: frozenset[str]  # a sentence about a vote makes "52-35" a tally
    change_verbs: frozenset[str]  # "rose from 5 to 10 percent": two figures, not a range
    age_after: frozenset[str]  # "29 years old"
    age_before: frozenset[str]  # "aged 25", "at age seventeen"
    number_words: frozenset[str] = field(default_factory=frozenset)
    bound_starts: frozenset[str] = field(default_factory=frozenset)
    bound_ends: frozenset[str] = field(default_factory=frozenset)
    prefix_starts: frozenset[str] = field(default_factory=frozenset)
    starters: frozenset[str] = field(default_factory=frozenset)  # words that may open a match


def _floats(data: dict[str, Any], key: str) -> dict[str, float]:
    return {str(k).lower(): float(v) for k, v in data[key].items()}


@cache
def _lexicon() -> _Lexicon:
    lex = _compile_lexicon()
    starters = (
        lex.number_words
        | frozenset(lex.vague)
        | frozenset(lex.ordinals)
        | frozenset(lex.weak_prefixes)
        | lex.bound_starts
        | lex.range_openers
        | lex.prefix_starts
        | {"a", "an", "half", "quarter", "minus", "negative"}
    )
    return replace(lex, starters=starters)


def _compile_lexicon() -> _Lexicon:
    """Compile the three quantity lexicons (once per process)."""
    num = load_lexicon("numbers.json")
    uni = load_lexicon("units.json")
    bnd = load_lexicon("quantity_bounds.json")
    cal = load_lexicon("calendar.json")
    bounds: dict[tuple[str, ...], tuple[Comparator, bool]] = {}
    for phrase, spec in bnd["bounds"].items():
        bounds[tuple(phrase.lower().split())] = (
            spec.get("comparator", "="),
            bool(spec.get("approximate", False)),
        )
    words = number_words()
    ones, tens, scales, multipliers = words.ones, words.tens, words.scales, words.multipliers
    return _Lexicon(
        ones=ones,
        tens=tens,
        scales=scales,
        scale_abbr=_floats(num, "scale_abbreviations"),
        money_scale_abbr=_floats(num, "money_scale_abbreviations"),
        multipliers=multipliers,
        fractions=_floats(num, "fractions"),
        unicode_fractions={k: float(v) for k, v in num["unicode_fractions"].items()},
        vague=_floats(num, "vague_plurals"),
        ordinals=words.ordinals,
        pronoun_like=frozenset(num["pronoun_like"]),
        clock=frozenset(num["clock_suffixes"]),
        id_words=frozenset(num["id_words"]),
        strength=frozenset(num["strength_words"]),
        units={_squash(k.lower()): v for k, v in uni["units"].items()},
        cs_units={_squash(k): v for k, v in uni["case_sensitive_units"].items()},
        separate_letters=frozenset(uni["separate_single_letter_units"]),
        duration_units=frozenset(uni["kinds"]["duration"]),
        money_units=frozenset(uni["money_units"]),
        currency_prefixes=frozenset(_squash(p.lower()) for p in uni["currency_prefixes"]),
        weak_prefixes=dict(uni["weak_currency_prefixes"]),
        qualifiers=frozenset(uni["unit_qualifiers"]),
        bounds=bounds,
        range_openers=frozenset(bnd["range_openers"]),
        subunits={k: (str(v[0]), float(v[1])) for k, v in uni["subunits"].items()},
        relative_followers=frozenset(bnd["relative_time_followers"]),
        not_after_article=frozenset(uni["not_after_article"]),
        months=frozenset(cal["months"]),
        bare_scale={str(k): float(v) for k, v in num["bare_scale_suffixes"].items()},
        scaled_codes={str(k): float(v) for k, v in num["scaled_currency_codes"].items()},
        ratio_joiners=tuple(tuple(j.split()) for j in num["ratio_joiners"]),
        vague_need_of=frozenset(num["vague_plurals_needing_of"]),
        lone_multiplier_not=frozenset(num["multipliers_needing_a_number"]),
        tally_words=frozenset(num["tally_words"]),
        change_verbs=frozenset(num["change_verbs"]),
        age_after=frozenset(num["age_after"]),
        age_before=frozenset(num["age_before"]),
        number_words=frozenset(ones) | frozenset(tens) | frozenset(scales) | frozenset(multipliers),
        bound_starts=frozenset(key[0] for key in bounds),
        bound_ends=frozenset(key[-1] for key in bounds),
        # every leading part of a currency prefix, so "GB" in "GB # 20.1 billion" starts a match
        prefix_starts=frozenset(
            _squash(p.lower())[:size]
            for p in uni["currency_prefixes"]
            for size in range(1, len(_squash(p)) + 1)
        ),
    )


def _squash(text: str) -> str:
    return "".join(text.split())


def _unit_key(lex: _Lexicon, text: str) -> str | None:
    """Look a unit up: exact symbols first, then lower case, then without a plural s."""
    key = _squash(text)
    if key in lex.cs_units:
        return lex.cs_units[key]
    low = key.lower()
    if low in lex.units:
        return lex.units[low]
    if len(low) >= 4 and low.endswith("es") and low[:-2] in lex.units:
        return lex.units[low[:-2]]
    if len(low) >= 4 and low.endswith("s") and low[:-1] in lex.units:
        return lex.units[low[:-1]]
    return None


@dataclass(frozen=True)
class _UnitNames:
    names: frozenset[str]  # every canonical unit name claimx gives
    lower: dict[str, str]  # a name in lower case -> the name (names that are not codes)
    families: dict[str, frozenset[str]]  # generic currency -> the currencies named after it


@cache
def _unit_names() -> _UnitNames:
    """The canonical names and currency families of ``models/units.json``. A currency whose
    name in the vocabulary ends with a generic one ("canadiandollar" -> CAD, "swissfranc" ->
    CHF) belongs to that generic currency's family."""
    lex = _lexicon()
    names = frozenset(lex.units.values()) | frozenset(lex.cs_units.values())
    generic = [u for u in lex.money_units if not u.isupper()]  # "dollar", not "USD"
    families: dict[str, set[str]] = {}
    for key, unit in lex.units.items():
        if unit not in lex.money_units or unit in generic:
            continue
        for g in generic:
            stem = g.lower()
            if key != stem and (key.endswith(stem) or key.endswith(stem + "s")):
                families.setdefault(g, set()).add(unit)
    return _UnitNames(
        names=names,
        lower={n.lower(): n for n in names if not n.isupper()},
        families={g: frozenset(members) for g, members in families.items()},
    )


def currency_families() -> Mapping[str, frozenset[str]]:
    """Each generic currency and the currencies named after it ("dollar": USD, CAD, ...)."""
    return _unit_names().families


def unit_text(unit: str) -> str:
    """A unit string as looked up: NFKC ("µ" -> "μ", "²" -> "2"), dashes as "-", whitespace
    collapsed, a final full stop dropped ("in." is "in")."""
    text = unicodedata.normalize("NFKC", unit).replace("\u2212", "-").replace("\u2013", "-")
    text = " ".join(text.split())
    return text[:-1] if len(text) > 1 and text.endswith(".") else text


def known_unit(unit: str) -> str | None:
    """claimx's canonical name for a unit as written, outside a text ("km", "kilometers" ->
    "kilometre", "US dollar" -> "USD", "km per hour" -> "kilometre per hour"); None when
    the vocabulary lacks it. For ``claimx eval`` and the Label Studio values."""
    text = unit_text(unit)
    if not text:
        return None
    names = _unit_names()
    if text in names.names:
        return text
    found = names.lower.get(text.lower()) or _unit_key(_lexicon(), text)
    if found is not None:
        return found
    for joiner in (" per ", "/"):
        if joiner in text:
            first, _, second = text.partition(joiner)
            a, b = known_unit(first), known_unit(second)
            if a is not None and b is not None:
                return f"{a} per {b}"
    return None


@dataclass(frozen=True)
class ScaleWords:
    """The scale words after a number, as the quantity grammar reads them."""

    words: Mapping[str, float]  # "million", "lakh"
    abbreviations: Mapping[str, float]  # "bn", "mln", "k"
    money_abbreviations: Mapping[str, float]  # also "m", "b": only after a currency


def scale_words() -> ScaleWords:
    lex = _lexicon()
    return ScaleWords(lex.scales, lex.scale_abbr, lex.money_scale_abbr)
