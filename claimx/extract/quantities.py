"""Quantities: numbers with their bounds, units and the thing counted.

``find_quantities(doc, times)`` scans the tokens of a parsed ``Doc`` once, left to right,
and at each token tries one small grammar::

    quantity := [bound] piece [range-joiner piece | "±" piece] [counted noun phrase]
              | number ("over" | "out of" | "in") number      ratio: "one in five adults"
              | number "-" number                              tally: "voted 52-35" (kind other)
    bound    := "more than" | "up to" | "about" | "between" ...   (models/quantity_bounds.json)
    piece    := [currency] number [scale] ["and" fraction] [unit ["per" unit]]
    number   := digits ("5,000", "1.2", "-18", "2 1/2", "3.5bn", "$5m", "10kg", "40 000",
                        "2.48×10−5", "5,00")
              | words ("two", "twenty-one trillion", "a dozen", "half a million",
                       "three and one fourth", "nine point nought four")
              | vague plurals ("hundreds of", "tens of thousands of")
              | proportions ("a quarter of its dealers", "half the country": kind other)

Every vocabulary item (number words, scale words, units, currencies, bounds) is data in
``models/numbers.json``, ``models/units.json`` and ``models/quantity_bounds.json``; the
module only holds the grammar. Lexicons are compiled once per process (``_lexicon``).

What is *not* a quantity: numbers inside DATE/TIME mentions (years, days of the month,
clock times), bare years and days next to a month name (a fallback for when no time
mentions are given), phone numbers, and numbers that are part of a name or code
("Boeing 747", "Chapter 11", "F-16", "LGA1156", "0800"), and sports scores ("won 3-1").
Durations ("60 days") are quantities even inside a DATE mention, unless they anchor a date
("three years ago"). A change is two figures, not a range ("rose from 5 to 10 percent").
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING, Any

from claimx.extract.numbers import number_words
from claimx.records import Comparator, QuantityKind, QuantityMention, TimeMention
from claimx.resources import load_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# A number written in digits: "5,000", "1.2", ".25", "1,234,567.89"; Indian grouping
# ("12,34,567.89", the last group always of three) and a decimal comma ("5,00", "1,3": one
# or two digits after the comma, never a thousands group) are accepted too.
_NUM_CORE = (
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?"
    r"|\d+,\d{1,2}(?![\d,])|\d+(?:\.\d+)?|\.\d+)"
)
# the rest of a token after the mantissa of scientific notation: "×10−5", "x10", "x2"
# (in the token the exponent needs "^" or a sign: "320x240" is a dimension pair)
_POWER_RE = re.compile(r"^[x×](?P<base>10|2)(?:\^(?P<exp>[-−+]?\d{1,3})|(?P<neg>[-−]\d{1,3}))?$")
_TOLERANCE_RE = re.compile(r"^(?:±|\+/-|\+-)(?P<tol>\d[\d,]*(?:\.\d+)?)$")
_DECIMAL_COMMA_RE = re.compile(r"^\d+,\d{1,2}$")
_FRAC_CHARS = "½⅓⅔¼¾⅕⅛⅜⅝⅞"
# One token that may carry a currency before and a scale or unit after the digits:
# "US$40", "$5m", "3.5bn", "10kg", "-18", "9.83e-3", "2½", "8-" (first half of "8- to 16-meter").
_GLUED_RE = re.compile(
    rf"^(?P<pre>[^\d.\-−+]*?)(?P<sign>[-−+]?)(?P<num>{_NUM_CORE})"
    rf"(?:[eE](?P<exp>[-−+]?\d+))?(?P<frac>[{_FRAC_CHARS}])?(?P<suf>[^\d{_FRAC_CHARS}].*)?$"
)
_RANGE_TOKEN_RE = re.compile(rf"^(?P<lo>{_NUM_CORE})[-–—](?P<hi>{_NUM_CORE})$")
_FRACTION_RE = re.compile(r"^(?P<sign>[-−]?)(?P<num>\d{1,6})/(?P<den>\d{1,6})$")
_ORDINAL_RE = re.compile(r"^(?P<num>\d+)(?:st|nd|rd|th)$", re.IGNORECASE)
# Phone numbers: "555-1234", "(020) 7946 0958", "+44 20 7946 0958" (seven digits or more).
_PHONE_RE = re.compile(
    r"(?<![\w.,])(?:\+\d{1,3}[\s-]?(?:\(\d{1,5}\)\s?)?|\(\d{2,5}\)\s?)?\d{2,5}(?:[\s/-]\d{2,5}){1,3}(?![\w,])"
)
# A model name in the plural, what a number counts in aviation and tech copy: "A320s",
# "777s", "F-16s"
_PLURAL_MODEL_RE = re.compile(r"^[A-Z0-9][A-Za-z0-9-]*\d[A-Za-z0-9-]*s$")
_TO_NUMBER_RE = re.compile(r"^to-(\d{1,4})$")  # the tail of "230-to-197"
_LEADING_ZERO_RE = re.compile(r"^0\d+$")
_PLAIN_RE = re.compile(r"^[+]?\d+(?:\.\d+)?$")
_FRACTION_DENOMINATORS = frozenset({2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 32, 40, 64, 100, 1000})
_QUOTE_UNITS = frozenset({'"', "''", "″", "'"})
_GROUP_SPACES = frozenset({" ", "\u202f", "\u00a0", "\u2009"})
_HYPHENS = frozenset({"-", "–", "—", "‐"})
_NOUNS = frozenset({"NOUN", "PROPN"})
_COUNT_DEPS = frozenset({"nummod", "compound", "quantmod", "amod", "nmod", "advmod", "npadvmod"})


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


@dataclass
class _Piece:
    """One number with its currency, scale and unit: tokens [start, end)."""

    start: int
    end: int
    value: float
    unit: str | None = None
    currency: bool = False  # the unit came from a currency before the number
    unit_start: int | None = None  # first token of a unit after the number
    scaled: float = 1.0  # multiplier applied by a scale word ("million")
    vague: bool = False  # "hundreds of", "tens of thousands"
    hyphen_unit: bool = False  # adjectival "60-day", "3-inch"
    dangling_hyphen: bool = False  # "8-" in "8- to 16-meter"
    words: bool = False  # written in words ("two")
    last_number: int = 0  # last token of the number proper
    high: float | None = None  # a range written as one token: "3.5–4.0", "15-20"
    proportion: bool = False  # a fraction of something: "a quarter of", "half the", "two thirds"
    tolerance: float | None = None  # "2,000.45±0.01", "9.83e-3 +/- 1e-5"
    trim: int = 0  # characters of the last token that are not part of it ("$2.174T.")


@dataclass
class _Ctx:
    doc: Doc
    text: str
    lex: _Lexicon
    blocked: list[tuple[int, int]]  # DATE/TIME mentions and phone numbers (char spans)
    lowers: list[str]
    name_numbers: frozenset[str]  # three-digit-plus numbers used as names ("Boeing 787")
    skip_to: int = 0  # a rejected score ends here: its second number is no quantity either


def find_quantities(doc: Doc, times: Sequence[TimeMention] = ()) -> list[QuantityMention]:
    """Every quantity in ``doc``, in document order, non-overlapping.

    ``times`` are the document's time mentions: numbers inside DATE/TIME mentions are
    not quantities ("in 2008", "Sept 27", "at 2 pm"); durations are.
    """
    lex = _lexicon()
    blocked = sorted((t.start, t.end) for t in times if t.type in ("DATE", "TIME"))
    text = doc.text  # a property that joins every token: read it once
    blocked.extend(_phone_spans(text))
    lowers = [t.lower_ for t in doc]
    ctx = _Ctx(
        doc=doc,
        text=text,
        lex=lex,
        blocked=blocked,
        lowers=lowers,
        name_numbers=_name_numbers(doc, lowers),
    )
    out: list[QuantityMention] = []
    i, n = 0, len(doc)
    while i < n:
        found = _match_at(ctx, i) if _may_start(ctx, i) else None
        if found is None:
            i = max(i + 1, ctx.skip_to)
            continue
        record, end = found
        if not out or record.start >= out[-1].end:  # the contract: never overlapping
            out.append(record)
        i = max(end, i + 1)
    return out


def _name_numbers(doc: Doc, lowers: list[str]) -> frozenset[str]:
    """Numbers of three digits or more that this document uses as names: right after a
    proper noun ("Boeing 747", "Boeing 's 787"), before a model suffix ("737-800",
    "777-200LR") or before a proper noun ("787 Dreamliner"). Their other bare mentions
    ("the 747", "777 planes") are names too."""
    names = set()
    n = len(doc)
    for i, text in enumerate(lowers):
        if len(text) < 3 or not text.isdigit() or (len(text) == 4 and 1000 <= int(text) <= 2100):
            continue
        t = doc[i]
        prev = doc[i - 1] if i > 0 else None
        after_name = prev is not None and (
            (prev.pos_ == "PROPN" and bool(prev.whitespace_))
            or (prev.tag_ == "POS" and i > 1 and doc[i - 2].pos_ == "PROPN")
        )
        # "737-800", "777-200LR"; not a range read upwards to a counted noun ("at 200-250
        # seats")
        model_suffix = (
            i + 2 < n
            and not t.whitespace_
            and lowers[i + 1] in _HYPHENS
            and not doc[i + 1].whitespace_
            and lowers[i + 2][:1].isdigit()
            and not (
                lowers[i + 2].isdigit()
                and len(lowers[i + 2]) <= 6
                and len(text) <= 6
                and int(lowers[i + 2]) > int(text)
                and i + 3 < n
                and doc[i + 3].tag_ == "NNS"
            )
        )
        before_name = (
            i + 1 < n
            and doc[i + 1].pos_ == "PROPN"
            and doc[i + 1].tag_ == "NNP"
            and not (t.head.pos_ == "NOUN" and t.head.i > i)  # "500 Apple engineers"
        )
        if after_name or model_suffix or before_name:
            names.add(text)
    return frozenset(names)


def _phone_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _PHONE_RE.finditer(text):
        found = m.group()
        # seven digits or more, grouped by hyphens or led by "+" / "(": "555-1234",
        # "+44 20 7946 0958"; "10 000 dollars" and "2013-14" are not phone numbers
        # or a trunk prefix "0" before space-grouped digits: "0800 123 4567", "020 7946 0958"
        if sum(ch.isdigit() for ch in found) >= 7 and (
            found[0] in "+("
            or re.search(r"\d{3,}-\d{4}", found)
            or re.match(r"0\d{2,4} \d{3,4}", found)
        ):
            spans.append(m.span())
    return spans


def _may_start(ctx: _Ctx, i: int) -> bool:
    """Cheap filter so that most tokens cost one set lookup."""
    low = ctx.lowers[i]
    return low in ctx.lex.starters or any(ch.isdigit() for ch in low) or low[:1] in _FRAC_CHARS


# ---------------------------------------------------------------------------------------
# the grammar


def _match_at(ctx: _Ctx, i: int) -> tuple[QuantityMention, int] | None:
    doc, lex = ctx.doc, ctx.lex
    comparator: Comparator = "="
    approximate = False
    j = i
    between = False
    bound = _bound_at(ctx, i)
    if bound is not None:
        j, comparator, approximate = bound
    elif ctx.lowers[i] in lex.range_openers:
        between, j = True, i + 1
    if j >= len(doc) or (j > i and doc[j].is_sent_start):
        return None
    ratio = _ratio_at(ctx, i) if j == i else None
    if ratio is not None:
        return ratio
    ordinal = _ordinal_at(ctx, j) if j == i else None
    if ordinal is not None:
        return ordinal
    sign = 1.0
    if ctx.lowers[j] in ("minus", "negative") and j + 1 < len(doc):
        sign, j = -1.0, j + 1  # "minus one", "negative five degrees"
    first = _piece_at(ctx, j)
    if first is None and sign < 0 and ctx.lowers[j] == "one":
        first = _Piece(j, j + 1, 1.0, words=True, last_number=j)  # "minus one"
    if first is None or _is_blocked(ctx, first):
        return None
    if sign < 0:
        first.start, first.value = j - 1, -first.value
    _accounting_negative(ctx, first, i)
    low = high = None
    last = first
    joined = _range_at(ctx, first, between) if first.high is None else None
    if joined is None and first.high is None and not between:
        score = _score_at(ctx, first)
        if score is not None:
            if _about_a_vote(ctx, first.start):
                return _tally(ctx, i, score)
            ctx.skip_to = score  # "won the game 21 to 14": neither number is a quantity
            return None
    if first.high is not None:
        low, high = first.value, first.high
    elif joined is not None:
        last = joined
        unit_from = joined if joined.unit else first
        first.unit = first.unit or unit_from.unit
        lo, hi = first.value, joined.value
        # "3 to 5 million": the scale written once applies to both ends
        if joined.scaled > 1 and first.scaled == 1 and lo < hi / joined.scaled:
            lo *= joined.scaled
        low, high = min(lo, hi), max(lo, hi)
    elif between:
        return None  # "between" without "and": read the number on its own later
    elif first.tolerance is None and (spread := _tolerance_after(ctx, first)) is not None:
        first.tolerance, last = spread.value, spread  # "9.83e-3 +/- 1e-5 km/s2"
        first.unit = first.unit or spread.unit
    else:
        _subunits(ctx, first)
    if first.tolerance is not None:
        low, high = first.value - first.tolerance, first.value + first.tolerance
    unit = last.unit or first.unit
    if unit is None and joined is None:
        unit = _shared_unit(ctx, first)
    if unit == "pound" and (first.currency or last.scaled >= 1_000_000):
        # "20 million pounds" is money; "25 pounds" (no scale) is a weight
        unit = "GBP"
    if (
        unit is None
        and first.start > 0
        and ctx.lowers[first.start - 1] in lex.age_before
        and not first.proportion
        and 0 < first.value < 130
    ):
        unit, i = "year", min(i, first.start - 1)  # "aged 25", "at age seventeen": an age
    kind = _kind(lex, unit)
    if unit is None and first.proportion and joined is None:
        kind = "other"  # "a quarter of its dealers": a share, not a count of dealers
    start_tok = min(i, first.start)
    end_tok = last.end
    counted: Token | None = None
    counted_text: str | None = None
    if (
        end_tok + 1 < len(doc)
        and ctx.lowers[end_tok] in _HYPHENS
        and ctx.lowers[end_tok + 1] == "ish"
    ):
        approximate, end_tok = True, end_tok + 2  # "360-ish plates", "forty-ish"
    elif unit is None:
        counted, end_tok = _count_head(ctx, last)
        if counted is not None:
            counted_text = counted.text
        elif joined is None and not first.proportion:
            counted_text = _shared_counted(ctx, last)
    elif kind in ("duration", "measure") and last.unit_start is not None:
        counted_text = _measured(ctx, last)
    elif kind == "percent" and last.end + 1 < len(doc) and ctx.lowers[last.end] == "of":
        counted_text = _of_object(ctx, last.end)  # "8 percent of its workforce"
    if kind == "duration" and _anchors_date(ctx, last.end):
        return None
    if kind == "duration" and end_tok == last.end:
        age = _age_end(ctx, last)
        if age is not None:
            end_tok, counted_text = age  # "a 30-year-old man", "29 years old"
    start_char = doc[start_tok].idx
    end_char = doc[end_tok - 1].idx + len(doc[end_tok - 1].text)
    if end_tok == last.end:
        end_char -= last.trim
    if not all(math.isfinite(v) for v in (first.value, low or 0.0, high or 0.0)):
        return None  # a 400-digit "count" is no figure (and JSON has no Infinity)
    value = None if low is not None and first.tolerance is None else _clean(first.value)
    record = QuantityMention(
        text=ctx.text[start_char:end_char],
        start=start_char,
        end=end_char,
        value=value,
        low=_clean(low) if low is not None else None,
        high=_clean(high) if high is not None else None,
        unit=unit,
        counted=counted_text,
        kind=kind,
        approximate=approximate or first.vague,
        comparator=">=" if first.vague and comparator == "=" else comparator,
    )
    return record, end_tok


def _tolerance_after(ctx: _Ctx, piece: _Piece) -> _Piece | None:
    """The spread written after a value: "9.83e-3 +/- 1e-5 km/s2", "5 ± 0.2 mm"; the value
    stays the central one and low/high hold the interval."""
    doc, lowers = ctx.doc, ctx.lowers
    e = piece.end
    sign = ""
    while e < len(doc) and len(sign) < 3 and lowers[e] in ("±", "+", "/-", "+/-", "/", "-"):
        sign += lowers[e]
        e += 1
    if sign not in ("±", "+/-", "+-") or e >= len(doc) or doc[e].is_sent_start:
        return None
    spread = _piece_at(ctx, e)
    if spread is None or spread.high is not None or spread.value <= 0:
        return None
    if piece.unit and spread.unit and piece.unit != spread.unit:
        return None
    return spread


def _shared_unit(ctx: _Ctx, piece: _Piece) -> str | None:
    """The unit of the next number when "and"/"or" joins two numbers that share it: "they
    were given 45 and 50 mg" (45 mg), "2 or 3 percent". A unit written before the second
    number ("45 and $50") is that number's own."""
    doc, lowers = ctx.doc, ctx.lowers
    e = piece.end
    if e + 1 >= len(doc) or doc[e + 1].is_sent_start:
        return None
    if lowers[e] not in ("and", "or") and not (
        lowers[e] == "to" and _after_change_verb(ctx, piece.start)
    ):
        return None  # "rose from 5 to 10 percent": 5 percent
    if not _starts_number(ctx, e + 1):
        return None
    other = _piece_at(ctx, e + 1)
    if other is None or other.unit is None or other.currency or other.high is not None:
        return None
    return other.unit


def _shared_counted(ctx: _Ctx, piece: _Piece) -> str | None:
    """The noun counted by the next number when "and"/"or" joins two counts: "which
    killed 102 and 21 people respectively" (102 people); the span stays the number."""
    doc, lowers = ctx.doc, ctx.lowers
    e = piece.end
    if e + 1 >= len(doc) or lowers[e] not in ("and", "or") or doc[e + 1].is_sent_start:
        return None
    if not (lowers[e + 1][:1].isdigit() or lowers[e + 1] in ctx.lex.number_words):
        return None
    other = _piece_at(ctx, e + 1)
    if other is None or other.unit is not None or other.vague or other.proportion:
        return None
    counted, _ = _count_head(ctx, other)
    return counted.text if counted is not None else None


def _ratio_at(ctx: _Ctx, i: int) -> tuple[QuantityMention, int] | None:
    """A ratio written with words: "one over three", "1 over 20", "two out of five
    hundred TVs", "one in five adults" (value = the quotient, kind "other"). Neither side
    carries a unit ("$2000 over 3 years", "5 in 10 minutes" are not ratios), "over" counts
    nothing ("won 52 over 35 rivals" compares two counts), and "in" and "out of" only read
    upwards ("one in five"; "5 in 2" is no proportion)."""
    doc, lex, lowers = ctx.doc, ctx.lex, ctx.lowers
    n = len(doc)
    j, sign = i, 1.0
    if lowers[j] in ("minus", "negative"):
        j, sign = j + 1, -1.0
    if j >= n or not (lowers[j] == "one" or _starts_number(ctx, j)):
        return None
    firsts = {cand[0] for cand in lex.ratio_joiners}
    if not any(low in firsts for low in lowers[j + 1 : j + 8]):
        return None  # cheap: most numbers have no "over"/"in"/"out of" after them
    joiner: tuple[str, ...] = ()
    left = _piece_at(ctx, j)
    if left is None and lowers[j] == "one":
        left = _Piece(j, j + 1, 1.0, words=True, last_number=j)
    if left is None or left.unit or left.vague or left.high is not None:
        return None
    e = left.end
    for cand in lex.ratio_joiners:
        if tuple(lowers[e : e + len(cand)]) == cand:
            joiner = cand
            break
    if not joiner or e + len(joiner) >= n or _is_blocked(ctx, left):
        return None
    right = _piece_at(ctx, e + len(joiner))
    if right is None or right.unit or right.vague or right.high is not None or not right.value:
        return None
    if joiner != ("over",) and left.value > right.value:
        return None
    if (joiner == ("in",) and left.value == right.value) or _is_blocked(ctx, right):
        return None
    counted, end_tok = _count_head(ctx, right)
    if counted is not None and joiner == ("over",):
        return None  # "won 52 over 35 rivals": a comparison, not a fraction
    start_char = doc[i].idx
    end_char = doc[end_tok - 1].idx + len(doc[end_tok - 1].text)
    return (
        QuantityMention(
            text=ctx.text[start_char:end_char],
            start=start_char,
            end=end_char,
            value=_clean(sign * left.value / right.value),
            counted=counted.text if counted is not None else None,
            kind="other",
        ),
        end_tok,
    )


def _accounting_negative(ctx: _Ctx, piece: _Piece, i: int) -> None:
    """Money in tight parentheses is negative in accounts: "revenue was ($99.99)".

    Only where the bracket itself is the value, after a copula or a colon
    ("revenue was ($99.99)", "Net result: ($4.2 million)"). Anywhere else brackets
    are an aside, in news most often a currency conversion: "£43 billion ($54.7
    billion)", "the deal ($54.7 billion) was signed", "it would spend ($54.7
    billion)" are positive amounts.
    """
    doc = ctx.doc
    s, e = piece.start, piece.end
    if not piece.currency or s != i or s < 2 or e >= len(doc):
        return
    before = doc[s - 2]
    if before.lemma_ != "be" and before.text not in (":", "="):
        return
    if (
        ctx.lowers[s - 1] == "("
        and not doc[s - 1].whitespace_
        and ctx.lowers[e] == ")"
        and not doc[e - 1].whitespace_
        and piece.value > 0
    ):
        piece.value, piece.start, piece.end = -piece.value, s - 1, e + 1
        piece.last_number = e


def _clean(value: float) -> float:
    """Round away binary noise: 1.2 * 1e9 is 1200000000, not 1200000000.0000002."""
    return float(f"{value:.15g}")


def _kind(lex: _Lexicon, unit: str | None) -> QuantityKind:
    if unit is None:
        return "count"
    base = unit.split(" per ")[0]
    if base in lex.money_units:
        return "money"
    if base in ("percent", "percentage point", "basis point", "per mille"):
        return "percent"
    if unit in lex.duration_units:
        return "duration"
    return "measure"


def _bound_at(ctx: _Ctx, i: int) -> tuple[int, Comparator, bool] | None:
    """A comparator or approximator phrase directly before a number."""
    for size in (3, 2, 1):
        key = tuple(ctx.lowers[i : i + size])
        if len(key) == size and key in ctx.lex.bounds:
            j = i + size
            if j < len(ctx.doc) and _piece_at(ctx, j) is not None:
                comparator, approximate = ctx.lex.bounds[key]
                return j, comparator, approximate
    return None


def _ordinal_at(ctx: _Ctx, i: int) -> tuple[QuantityMention, int] | None:
    """ "5th", and word ordinals bound to a superlative: "third-largest"."""
    doc = ctx.doc
    tok = doc[i]
    m = _ORDINAL_RE.match(tok.text)
    value: float | None = None
    end = i + 1
    if m is not None:
        if _near_month(ctx, i) or _char_blocked(ctx, tok.idx, tok.idx + len(tok.text)):
            return None
        if i + 1 < len(doc) and ctx.lowers[i + 1] in _HYPHENS and not tok.whitespace_:
            return None  # "21st-century telescopes": part of a compound adjective
        value = float(m.group("num"))
    elif (
        ctx.lowers[i] in ctx.lex.ordinals
        and i + 2 < len(doc)
        and ctx.lowers[i + 1] in _HYPHENS
        and not tok.whitespace_
        and doc[i + 2].tag_ == "JJS"
    ):
        # "the third-largest private-sector employer": an ordinal rank, not a count
        value = ctx.lex.ordinals[ctx.lowers[i]]
        end = i + 3
    if value is None:
        return None
    start_char, last = tok.idx, doc[end - 1]
    end_char = last.idx + len(last.text)
    return (
        QuantityMention(
            text=ctx.text[start_char:end_char],
            start=start_char,
            end=end_char,
            value=value,
            kind="ordinal",
        ),
        end,
    )


def _piece_at(ctx: _Ctx, k: int) -> _Piece | None:
    """[currency] number [scale] [unit] starting at token k."""
    doc, lex, lowers = ctx.doc, ctx.lex, ctx.lowers
    n = len(doc)
    currency: str | None = None
    start = k
    # currency written before the number: "$", "US$", "c $", "GB #", "USD"
    for size in (3, 2, 1):
        if k + size > n:
            continue
        if size > 1 and lowers[k] in ("a", "an"):
            continue  # "a $300 million contract" is not "A$" (Australian dollars)
        key = "".join(lowers[k : k + size])
        if key in lex.currency_prefixes and k + size < n and _starts_number(ctx, k + size):
            currency = lex.units.get(key) or lex.units.get(key.rstrip("$")) or "USD"
            k += size
            break
    else:
        weak = lex.weak_prefixes.get(lowers[k])
        # MEANTIME writes the pound sign as "#": "# 13 billion"; only trusted before a scale
        if weak and k + 2 < n and lowers[k + 2] in lex.scales and _starts_number(ctx, k + 1):
            currency, k = weak, k + 1
    code_scale = 1.0
    scaled_code = _scaled_code(lex, doc[k].text) if currency is None else None
    if scaled_code is not None and _starts_number(ctx, k + 1):
        (currency, code_scale), k = scaled_code, k + 1  # "MAUD 60": 60 million AUD
    piece = _number_at(ctx, k, money=currency is not None)
    if piece is None:
        return None
    piece.start = start
    if code_scale > 1:
        piece.value, piece.scaled = piece.value * code_scale, code_scale
    if currency is not None:
        if piece.unit is not None and piece.unit not in lex.money_units:
            return None
        piece.currency = True
        piece.unit = piece.unit if piece.unit and piece.unit != "dollar" else currency
    e = piece.end
    # scales after the number: "1.2 million", "$ 5 m", "US$ 7.2 bn", "2.33 k"; a smaller
    # whole number may continue a written-out scale: "4 thousand 3 hundred and 21"
    total, current = 0.0, piece.value
    while e < n and not doc[e].is_sent_start and not piece.words:
        low = lowers[e]
        if doc[e].text == "K" and not piece.currency:
            break  # "573.15 K" is kelvin; "10k" and "$10 K" are thousands
        factor = lex.scales.get(low) or lex.scale_abbr.get(low) or lex.multipliers.get(low)
        if factor is None and piece.currency:
            factor = lex.money_scale_abbr.get(low)
        if factor is not None:
            if factor >= 1000 and piece.scaled < factor:
                total, current = total + current * factor, 0.0
            else:
                current *= factor
            if piece.high is not None:
                piece.high *= factor  # "15–25 million dollars": the scale of both ends
            piece.scaled = max(piece.scaled, factor)
            e += 1
            continue
        if e == piece.end or piece.currency or not _low_rest(ctx, e):
            break
        at = e + 1 if low == "and" else e
        rest = _number_at(ctx, at)
        if rest is None and lowers[at] == "one":
            rest = _Piece(at, at + 1, 1.0, words=True)  # "3 hundred and one"
        if rest is None or rest.high is not None or not float(rest.value).is_integer():
            break
        if not 0 < rest.value < min(piece.scaled, 1000):
            break
        nxt = lowers[rest.end] if rest.end < n else ""
        if (lex.scales.get(nxt) or 0) >= piece.scaled:
            break  # "3 hundred and 2 hundred": two numbers
        current += rest.value
        e = rest.end
    piece.value = total + current
    piece.end = e
    if not piece.currency and piece.high is None:
        trailing = piece.scaled if lowers[e - 1] in lex.scales and piece.scaled >= 1000 else 1.0
        got = _and_fraction(ctx, e, trailing)
        if got is not None:
            # "3 million and a half" (3.5 million), "2 and a half years"
            piece.value, piece.end = piece.value * got[2] + got[0], got[1]
            e = got[1]
    piece.last_number = e - 1
    if piece.unit is None or piece.currency:
        _unit_after(ctx, piece)
    else:
        _per_unit(ctx, piece, piece.end)  # "10km/hr", "5kg per person"
    return piece


def _low_rest(ctx: _Ctx, e: int) -> bool:
    """Whether token e (or the one after "and") is a whole number that may continue."""
    if e >= len(ctx.doc) or ctx.doc[e].is_sent_start:
        return False
    if ctx.lowers[e] == "and":
        e += 1
    return e < len(ctx.doc) and (ctx.lowers[e].isdigit() or ctx.lowers[e] in ctx.lex.number_words)


def _starts_number(ctx: _Ctx, k: int) -> bool:
    if k >= len(ctx.lowers):
        return False
    low = ctx.lowers[k]
    return (
        any(ch.isdigit() for ch in low)
        or low in ctx.lex.number_words
        or low in ("a", "half", "quarter")
    )


def _number_at(ctx: _Ctx, k: int, money: bool = False) -> _Piece | None:
    doc, lex, lowers = ctx.doc, ctx.lex, ctx.lowers
    tok = doc[k]
    text = tok.text
    n = len(doc)
    m = _FRACTION_RE.match(text)
    if m is not None:
        num, den = int(m.group("num")), int(m.group("den"))
        if den not in _FRACTION_DENOMINATORS or not 0 < num < den:
            return None  # "24/7", "9/11", "5/17": dates and phrases, not fractions
        value = num / den
        return _Piece(k, k + 1, -value if m.group("sign") else value, last_number=k)
    m = _RANGE_TOKEN_RE.match(text)
    if m is not None:
        lo, hi = float(m.group("lo").replace(",", "")), float(m.group("hi").replace(",", ""))
        if lo < hi and not _looks_like_code(m.group("lo"), m.group("hi")):
            # "3.5–4.0 TeV", "15-20": a range the tokenizer kept as one token
            return _Piece(k, k + 1, lo, high=hi, last_number=k)
        return None
    m = _GLUED_RE.match(text)
    if m is not None:
        return _digits_piece(ctx, k, m, money)
    if text in lex.unicode_fractions:
        return _Piece(k, k + 1, lex.unicode_fractions[text], last_number=k)  # "½ tbsp"
    low = lowers[k]
    if low in lex.vague:
        # "hundreds of protesters", "tens of thousands of people": a lower bound, vaguely
        value, e = lex.vague[low], k + 1
        while e + 1 < n and lowers[e] == "of" and lowers[e + 1] in lex.vague:
            value *= lex.vague[lowers[e + 1]]
            e += 2
        if low in lex.vague_need_of and (e >= n or lowers[e] != "of"):
            return None  # "tens" and "scores" alone are no numbers in news copy ("the scores")
        return _Piece(k, e, value, vague=True, words=True, last_number=e - 1)
    return _words_piece(ctx, k)


def _digits_piece(ctx: _Ctx, k: int, m: re.Match[str], money: bool) -> _Piece | None:
    doc, lex, lowers = ctx.doc, ctx.lex, ctx.lowers
    n = len(doc)
    pre, suf = m.group("pre"), m.group("suf") or ""
    digits = m.group("num")
    if _DECIMAL_COMMA_RE.match(digits):
        value = float(digits.replace(",", "."))  # "5,00", "1,3"
    else:
        value = float(digits.replace(",", ""))
    if m.group("exp"):
        exp_text = m.group("exp").replace("−", "-")
        exponent = int(exp_text) if len(exp_text) <= 4 else 1000
        if abs(exponent) > 300:
            return None  # "0E309": no float holds it, and no news figure needs it
        value *= 10.0**exponent
    if m.group("frac"):
        value += lex.unicode_fractions[m.group("frac")]
    if m.group("sign") in ("-", "−"):
        value = -value
    piece = _Piece(k, k + 1, value, last_number=k)
    currency: str | None = None
    if pre and digits.startswith(".") and _squash(pre.lower()) + "." in lex.currency_prefixes:
        pre, value = pre + ".", float(digits[1:].replace(",", ""))  # "Rs.2000", not Rs 0.2
        piece.value = value
    if pre:
        key = _squash(pre.lower())
        if key not in lex.currency_prefixes:
            return None  # "LGA1156", "A380", "I7": codes, not numbers
        currency = lex.units.get(key) or "USD"
    if len(suf) > 1 and suf.endswith(".") and k + 1 == n:
        suf, piece.trim = suf[:-1], 1  # "Its GDP is $2.174T." at the very end
    if suf in ("s", "'s") or pre in ("'", "’"):
        return None  # "the 1960s", "18 777s", "'90s": plurals and decades, not units
    power = _POWER_RE.match(suf) if suf else None
    tolerance = _TOLERANCE_RE.match(suf) if suf else None
    if power is not None:
        # scientific notation: "2.48×10−5", "5.5x10-3", "1.3x10^6", "8x2^10"
        found = _power(ctx, k, power)
        if found is None:
            return None  # "320x240": a dimension pair, not read yet
        piece.value, piece.end = piece.value * found[0], found[1]
        piece.last_number = piece.end - 1
        suf = ""
    elif tolerance is not None:
        piece.tolerance = float(tolerance.group("tol").replace(",", ""))  # "2,000.45±0.01"
        suf = ""
    if suf:
        if suf in _HYPHENS:
            piece.dangling_hyphen = True
        elif suf.lower() in lex.clock or suf.lower().rstrip(".") in lex.clock:
            return None  # "6pm", "2.17pm"
        else:
            factor = lex.scale_abbr.get(suf.lower())
            if suf == "K" and not (currency or money) and "." in m.group("num"):
                factor = None  # "573.15K" is kelvin; "10K" and "$10K" are thousands
            if factor is None and (currency or money):
                factor = lex.money_scale_abbr.get(suf.lower())
            if factor is None and value < 1000:
                # "5M", "1.2b", "1MM": a scale, written after a mantissa under a thousand;
                # "the 1500M race" and "the 1500b packet" are metres and bits
                factor = lex.bare_scale.get(suf)
            if factor is not None:
                piece.value *= factor
                piece.scaled = factor
            else:
                unit = _unit_key(lex, suf)
                if unit is None:
                    return None  # "24703m212", "1960s", "11a": not a number with a unit
                piece.unit = unit
                piece.unit_start = k
    if currency is not None:
        if piece.unit is not None and piece.unit not in lex.money_units:
            return None
        piece.currency = True
        piece.unit = piece.unit or currency
    # thousands grouped by spaces, SI style with a (narrow) no-break space too: "10 000
    # dollars", "1\u202f234\u202f567.89"; only the last group may carry decimals
    # (spaCy splits on " " only: other spaces are tokens of their own)
    while (
        not suf and not pre and piece.end < n and re.fullmatch(r"\d{1,3}", doc[piece.end - 1].text)
    ):
        g = piece.end
        if doc[g - 1].whitespace_ == "" and doc[g].text in _GROUP_SPACES and g + 1 < n:
            g += 1  # "40", "\u202f", "000"
        elif doc[g - 1].whitespace_ not in _GROUP_SPACES:
            break
        if not re.fullmatch(r"\d{3}(?:\.\d+)?", doc[g].text) or g - k > 6:
            break
        group = doc[g].text
        piece.value = piece.value * 1000 + float(group)
        piece.end = g + 1
        piece.last_number = g
        if "." in group:
            break
    # a mixed fraction: "2 1/2 in", "10 1/2 miles", "2  1/4" (a space token between)
    after = _skip_space(ctx, piece.end)
    if after < n and not piece.unit and _FRACTION_RE.match(doc[after].text):
        fm = _FRACTION_RE.match(doc[after].text)
        if fm is not None and int(fm.group("den")) > int(fm.group("num")) > 0:
            piece.value += int(fm.group("num")) / int(fm.group("den"))
            piece.end = piece.last_number = after
            piece.end += 1
    # a minus sign written apart from the digits but glued to them: "temperatures of -18"
    if k > 0 and lowers[k - 1] in ("-", "−") and not doc[k - 1].whitespace_:
        before = doc[k - 2] if k > 1 else None
        if value > 0 and (before is None or (before.whitespace_ and not before.like_num)):
            piece.value = -piece.value
            piece.start = k - 1
    return piece


def _power(ctx: _Ctx, k: int, m: re.Match[str]) -> tuple[float, int] | None:
    """The factor of "x10^6" and the end of the notation: the exponent is in the token
    ("2.48×10−5") or in the glued tokens after it ("1.3x10", "^", "6"; "5.5x10", "-", "3")."""
    doc, lowers = ctx.doc, ctx.lowers
    base, exp, end = int(m.group("base")), m.group("exp") or m.group("neg"), k + 1
    if exp is None:
        e = k + 1
        caret = e < len(doc) and lowers[e] == "^"
        minus = e < len(doc) and base == 10 and lowers[e] in ("-", "−")  # "5.5x10-3"
        if not (caret or minus) or doc[k].whitespace_:
            return None
        e += 1
        if e >= len(doc) or doc[e - 1].whitespace_:
            return None
        sign = "-" if lowers[e - 1] in ("-", "−") else ""
        if not re.fullmatch(r"[-−+]?\d{1,3}", doc[e].text):
            return None
        exp, end = sign + doc[e].text, e + 1
    power = int(exp.replace("−", "-"))
    if abs(power) > 300:
        return None
    return float(base) ** power, end


def _words_piece(ctx: _Ctx, k: int) -> _Piece | None:
    """Numbers in words: "two", "twenty-one trillion and three hundred", "a dozen",
    "half a million", "a quarter million", "two thirds", "two and a half", "one eighth",
    "two hundred point five"."""
    doc, lex, lowers = ctx.doc, ctx.lex, ctx.lowers
    n = len(doc)
    e = k
    parts: list[str] = []
    factor = 1.0
    low = lowers[k]
    nxt = _skip_space(ctx, k + 1)
    nxt2 = _skip_space(ctx, nxt + 1)
    if (
        nxt < n
        and lowers[nxt] in lex.fractions
        and low in ("one", "a", "an")
        and _a_fraction(ctx, nxt)
        and not (nxt + 1 < n and lowers[nxt + 1] in _HYPHENS)
    ):
        # "a quarter million", "a half", "one eighth", "a fifth of the vote"
        factor, e = lex.fractions[lowers[nxt]], nxt + 1
        after = _skip_space(ctx, e)
        if after < n and lowers[after] in lex.scales:
            return _scaled_words(ctx, k, after, factor)
        return _Piece(k, e, factor, words=True, last_number=e - 1, proportion=True)
    if low in ("a", "an"):
        # "a dozen eggs", "a hundred", "a million": the article is part of the number
        if nxt < n and (lowers[nxt] in lex.scales or lowers[nxt] in lex.multipliers):
            parts.append("one")
            e = nxt
        elif _a_unit(ctx, k):
            return _Piece(k, k + 1, 1.0, words=True, last_number=k)  # "a gallon of beer"
        else:
            return None
    elif low in ("half", "quarter") or (low in lex.fractions and low.endswith("s")):
        # "half a million", "half a dozen", "half million", "three quarters billion"
        if nxt2 < n and lowers[nxt] in ("a", "an") and lowers[nxt2] in lex.scales:
            return _scaled_words(ctx, k, nxt2, lex.fractions[low])
        if nxt2 < n and lowers[nxt] in ("a", "an") and lowers[nxt2] in lex.multipliers:
            value = lex.fractions[low] * lex.multipliers[lowers[nxt2]]
            return _Piece(k, nxt2 + 1, value, words=True, last_number=nxt2)
        if nxt < n and lowers[nxt] in lex.scales and low in ("half", "quarter"):
            return _scaled_words(ctx, k, nxt, lex.fractions[low])
        if low == "half":
            return _half(ctx, k)
        return None
    before_and, and_scale = 0.0, 1.0
    saw_and = False
    while e < n and (e == k or not doc[e].is_sent_start):
        low = lowers[e]
        if doc[e].is_space:
            e += 1
            continue
        sub = [w for w in re.split(r"[-‐]", low) if w]
        if (
            not parts
            and len(sub) == 2
            and sub[0] in lex.ones
            and sub[1] in lex.fractions
            and sub[1] != "second"
        ):
            # "one-half miles", "two-thirds", "three-quarters"
            value = lex.ones[sub[0]] * lex.fractions[sub[1]]
            return _Piece(k, e + 1, value, words=True, last_number=e, proportion=value < 1)
        if sub and all(_is_number_word(lex, w) for w in sub):
            parts.extend(sub)
            e += 1
        elif low in _HYPHENS and parts and e + 1 < n:
            after = _skip_space(ctx, e + 1)
            if after < n and lowers[after] in lex.ones and parts[-1] in lex.tens:
                e = after  # "twenty - one" split by the tokenizer
            elif after < n and len(parts) == 1 and parts[0] in lex.ones:
                if lowers[after] in lex.fractions and lowers[after] != "second":
                    # "one - fourth", "five - eighths" split by the tokenizer
                    value = lex.ones[parts[0]] * lex.fractions[lowers[after]]
                    return _Piece(
                        k, after + 1, value, words=True, last_number=after, proportion=value < 1
                    )
                break
            else:
                break
        elif low == "and" and parts and e + 1 < n:
            after = _skip_space(ctx, e + 1)
            # "one hundred and two": "and" continues a number only after a scale word
            if (
                after < n
                and _is_number_word(lex, lowers[after])
                and (parts[-1] in lex.scales or parts[-1] == "hundred")
            ):
                before_and, saw_and = _words_value(lex, parts), True
                and_scale = _trailing_scale(lex, parts)
                e = after
            else:
                break
        else:
            break
    while e > k and doc[e - 1].is_space:
        e -= 1
    if not parts or parts[0] in lex.lone_multiplier_not:
        return None  # "the final score was 3-1": "score" alone is no number ("a score of" is)
    value = _words_value(lex, parts)
    end = e
    proportion = False
    frac_at = _skip_space(ctx, e)
    numerator = value - before_and if saw_and else value
    frac = _fraction_word(lex, lowers[frac_at], numerator) if frac_at < n else None
    if frac is not None and numerator == 1 and not _a_fraction(ctx, frac_at):
        frac = None  # "one third party nominee": an ordinal, not a third
    if frac is not None:
        # "two thirds", "twenty-three fifths", "one hundred and three quarters"; after a
        # scale and "and" the fraction is of that scale: "five billion and three quarters"
        part = numerator * frac
        end = frac_at + 1
        scale_at = _skip_space(ctx, end)
        of_a = _skip_space(ctx, _skip_space(ctx, scale_at + 1) + 1)
        if scale_at < n and lowers[scale_at] in lex.scales:
            part *= lex.scales[lowers[scale_at]]  # "three quarters billion"
            end = scale_at + 1
        elif (
            of_a < n
            and lowers[scale_at] == "of"
            and lowers[_skip_space(ctx, scale_at + 1)] in ("a", "an")
            and lowers[of_a] in lex.scales
        ):
            part *= lex.scales[lowers[of_a]]  # "two thirds of a million"
            end = of_a + 1
        elif saw_and:
            part *= and_scale
        value = (before_and if saw_and else 0.0) + part
        proportion = value < 1  # "two thirds of the cake", not "three quarters billion"
    elif frac_at < n and lowers[frac_at] == "point":
        # "two hundred point zero three", "nine point nought four"
        digits, d = "", frac_at + 1
        while d < n and lowers[d] in lex.ones and lex.ones[lowers[d]] < 10:
            digits += str(int(lex.ones[lowers[d]]))
            d += 1
        small = _small_words(ctx, d) if not digits else None
        if small is not None:
            # "two hundred point seventy-one" (200.71), "nought point eleven" (0.11)
            digits, d = str(int(small[0])), small[1]
        if digits:
            value += float("0." + digits)
            end = d
    else:
        trailing = _trailing_scale(lex, parts)
        got = _and_fraction(ctx, end, trailing)
        if got is not None:
            # "two and a half miles", "three and one fourth", "one million and a half",
            # "five and a half million", "one billion and a quarter million"
            value, end = value * got[2] + got[0], got[1]
    if (
        len(parts) == 1
        and parts[0] in lex.pronoun_like
        and end == k + 1
        and not _pronoun_one_is_number(ctx, k)
    ):
        return None
    scaled = lex.scales.get(lowers[end - 1], 1.0)  # "three hundred" in "two to three hundred"
    return _Piece(
        k, end, value, words=True, last_number=end - 1, proportion=proportion, scaled=scaled
    )


def _a_unit(ctx: _Ctx, k: int) -> bool:
    """ "a"/"an" as the number one before a unit word: "a gallon of beer", "Oh look, a
    penny!", "A kibibyte is 1,024 bytes". Not the rate of "$4 a gallon" or "60 miles an
    hour" (a number before), not time ("a year": durations are left to the time layer and
    "twice a day" is a rate), and only when the unit ends its phrase or takes "of"."""
    doc, lowers = ctx.doc, ctx.lowers
    n = len(doc)
    u = k + 1
    if u >= n or not doc[u].is_alpha or len(doc[u].text) < 4 or doc[u].is_sent_start:
        return False
    if k > 0 and not doc[k].is_sent_start:
        prev = doc[k - 1]
        if prev.like_num or prev.pos_ == "NUM" or lowers[k - 1] in ctx.lex.units:
            return False
        if any(ch.isdigit() for ch in prev.text) or lowers[k - 1] in ("per", "times", "once"):
            return False
    unit = _unit_key(ctx.lex, doc[u].text)
    if unit is None or unit in ctx.lex.duration_units or unit in ctx.lex.not_after_article:
        return False  # "a degree of insurance", "deducted a point", "a pound" (which?)
    after = doc[u + 1] if u + 1 < n else None
    return (
        after is None
        or after.is_sent_start
        or lowers[u + 1] == "of"
        or (after.is_punct and lowers[u + 1] not in _HYPHENS)
        or after.pos_ == "AUX"
    )


def _a_fraction(ctx: _Ctx, i: int) -> bool:
    """Whether the fraction word at i after "a"/"one" is a fraction: "a quarter million",
    "a third of the vote", "cut by a third." - not the ordinal of "a third term", "one
    third party", "a third, Jared Golden,", the fiscal "in a quarter since", the clock "a
    quarter before 11", nor the tail of "an hour and a half" (the time layer's)."""
    low, lowers = ctx.lowers[i], ctx.lowers
    if low == "second" or low.endswith("s"):
        return False
    if i > 1 and lowers[i - 2] == "and" and lowers[i - 1] in ("a", "an"):
        return False  # "a year and a half": the fraction of the time before it
    if i > 1 and lowers[i - 2] in ctx.lex.bound_ends:
        return True  # "789, or about a quarter, of its dealers": a bound makes it a figure
    nxt = i + 1
    return (
        nxt >= len(ctx.doc)
        or lowers[nxt] == "of"
        or lowers[nxt] in ctx.lex.scales
        or lowers[nxt] in (".", "!", "?", ";")
        or bool(ctx.doc[nxt].is_sent_start)
    )


_HALF_FOLLOWERS = frozenset(
    {
        "of",
        "the",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "my",
        "this",
        "that",
        "these",
        "those",
        "all",
        "a",
        "an",
    }
)


def _half(ctx: _Ctx, k: int) -> _Piece | None:
    """ "half" on its own: "half of those cuts", "half the country", "half an hour", "more
    than half people"; not the noun of "the second half" or "in half"."""
    doc, lowers = ctx.doc, ctx.lowers
    n = len(doc)
    if k + 1 >= n or doc[k + 1].is_sent_start:
        return None
    prev = doc[k - 1] if k > 0 and not doc[k].is_sent_start else None
    if prev is not None and (
        prev.pos_ in ("DET", "ADJ", "ADP", "PRON") and lowers[k - 1] not in ctx.lex.bound_ends
    ):
        return None  # "the second half", "a half", "in half", "its half"
    nxt = lowers[k + 1]
    if nxt in ("a", "an"):
        return _Piece(k, k + 2, 0.5, words=True, last_number=k + 1)  # "half an hour"
    if nxt in _HALF_FOLLOWERS or doc[k + 1].tag_ in ("NNS", "NNPS"):
        return _Piece(k, k + 1, 0.5, words=True, last_number=k, proportion=True)
    return None


def _fraction_word(lex: _Lexicon, word: str, numerator: float) -> float | None:
    """The value of a fraction word after a numerator: "thirds" after "two", "fifth" after
    "one", "twenty-fifths" (1/25). The number agrees: "two millionth" is an ordinal ("the
    two millionth visitor") and "one thirds" no phrase; "second" is never a fraction."""
    if word in lex.fractions:
        value = lex.fractions[word]
    else:
        sub = [w for w in re.split(r"[-‐]", word) if w]
        last = sub[-1].removesuffix("s") if len(sub) == 2 else ""
        if not (sub and sub[0] in lex.tens and last in lex.ordinals):
            return None
        value = 1.0 / (lex.tens[sub[0]] + lex.ordinals[last])
    if word == "second" or word.endswith("s") != (numerator != 1):
        return None
    return value


def _small_words(ctx: _Ctx, i: int) -> tuple[float, int] | None:
    """A number below a hundred in words at token i, also when the tokenizer split its
    hyphen ("seventy - one"): (value, end)."""
    lex, lowers, n = ctx.lex, ctx.lowers, len(ctx.doc)
    if i >= n:
        return None
    sub = [w for w in re.split(r"[-‐]", lowers[i]) if w]
    if not sub or not all(w in lex.ones or w in lex.tens for w in sub):
        return None
    value, end = _words_value(lex, sub), i + 1
    if (
        len(sub) == 1
        and sub[0] in lex.tens
        and end + 1 < n
        and lowers[end] in _HYPHENS
        and lowers[end + 1] in lex.ones
        and lex.ones[lowers[end + 1]] < 10
    ):
        value, end = value + lex.ones[lowers[end + 1]], end + 2
    return value, end


def _fraction_phrase(ctx: _Ctx, i: int) -> tuple[float, int] | None:
    """ "a half", "one fourth", "three fifths", "fifty-four hundredths" at token i."""
    lex, lowers, n = ctx.lex, ctx.lowers, len(ctx.doc)
    i = _skip_space(ctx, i)
    if i >= n:
        return None
    if lowers[i] in ("a", "an"):
        numerator, j = 1.0, _skip_space(ctx, i + 1)
    else:
        small = _small_words(ctx, i)
        if small is None:
            return None
        numerator, j = small[0], _skip_space(ctx, small[1])
    frac = _fraction_word(lex, lowers[j], numerator) if j < n else None
    if frac is None:
        return None
    return numerator * frac, j + 1


def _and_fraction(ctx: _Ctx, e: int, trailing: float) -> tuple[float, int, float] | None:
    """A fraction joined by "and" after a number that ends at token e: (addend, end,
    factor for the number). The fraction is of the number's own trailing scale ("one
    million and a half" = 1.5 million) unless a scale follows it: then the scale counts
    the whole ("five and a half million") or, after a scale, the fraction alone ("one
    billion and a half million")."""
    lex, lowers, n = ctx.lex, ctx.lowers, len(ctx.doc)
    a = _skip_space(ctx, e)
    if a >= n or lowers[a] != "and" or ctx.doc[a].is_sent_start:
        return None
    got = _fraction_phrase(ctx, a + 1)
    if got is None:
        return None
    part, end = got
    scale_at = _skip_space(ctx, end)
    if scale_at < n and lowers[scale_at] in lex.scales:
        scale = lex.scales[lowers[scale_at]]
        if trailing > 1:
            return part * scale, scale_at + 1, 1.0
        return part * scale, scale_at + 1, scale
    return part * trailing, end, 1.0


def _trailing_scale(lex: _Lexicon, parts: list[str]) -> float:
    """The scale a written number ends on ("three million" -> 1e6), 1 for none or
    "hundred" ("one hundred and three quarters" is 100.75)."""
    if parts and parts[-1] in lex.scales and lex.scales[parts[-1]] >= 1000:
        return lex.scales[parts[-1]]
    return 1.0


def _scaled_words(ctx: _Ctx, k: int, scale_at: int, factor: float) -> _Piece:
    value = factor * ctx.lex.scales[ctx.lowers[scale_at]]
    return _Piece(k, scale_at + 1, value, words=True, scaled=value, last_number=scale_at)


def _skip_space(ctx: _Ctx, e: int) -> int:
    """The next token that is not whitespace ("fifty   two" has a space token inside)."""
    while e < len(ctx.doc) and ctx.doc[e].is_space:
        e += 1
    return e


def _is_number_word(lex: _Lexicon, word: str) -> bool:
    return word in lex.ones or word in lex.tens or word in lex.scales or word in lex.multipliers


def _words_value(lex: _Lexicon, words: list[str]) -> float:
    total = current = 0.0
    last_scale = 0.0
    for w in words:
        if w in lex.ones or w in lex.tens:
            current += lex.ones.get(w) or lex.tens.get(w) or 0.0
        elif w == "hundred":
            current = (current or 1.0) * 100
        elif w in lex.multipliers:
            current = (current or 1.0) * lex.multipliers[w]
        elif w in lex.scales:
            scale = lex.scales[w]
            if current == 0 and total > 0 and 0 < last_scale < scale:
                total *= scale  # "three lakh crore", "a thousand million": scales multiply
            else:
                total += (current or 1.0) * scale
                current = 0.0
            last_scale = scale
    return total + current


def _pronoun_one_is_number(ctx: _Ctx, k: int) -> bool:
    """ "one" counts only when it modifies a noun ("one dealer"), not "one of them"."""
    tok = ctx.doc[k]
    return tok.dep_ == "nummod" and tok.head.i > k and tok.head.pos_ in _NOUNS


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


def _unit_after(ctx: _Ctx, piece: _Piece) -> None:
    """Attach a unit written after the number: "60 days", "60-day", "per cent",
    "degrees Celsius", "miles an hour", "$ 249 USD", "$15.4/hour"."""
    doc, lex = ctx.doc, ctx.lex
    n = len(doc)
    e = piece.end
    if e >= n or doc[e].is_sent_start:
        return
    hyphen = False
    if ctx.lowers[e] in _HYPHENS and not doc[e - 1].whitespace_ and not doc[e].whitespace_:
        hyphen, e = True, e + 1  # "60-day plates", "3-inch", "5,000-strong"
    elif piece.dangling_hyphen:
        return
    scaled_code = _scaled_code(lex, doc[e].text)
    if scaled_code is not None and not hyphen and not piece.currency:
        # "30 MUSD", "120 MEUR": finance shorthand for millions of a currency
        piece.unit, factor = scaled_code
        piece.value, piece.scaled = piece.value * factor, max(piece.scaled, factor)
        piece.unit_start, piece.end = e, e + 1
        return
    found = _unit_span(ctx, e)
    if found is not None:
        unit, stop, trim = found
        if piece.words and not doc[e].text[:1].isalpha():
            return  # symbols follow digits: "15 ''" is an inch, "Big Three ''" is a quote
        if hyphen and ctx.lowers[e] == "in":
            return  # "a one-in-five chance"
        if doc[e].text in _QUOTE_UNITS and _closes_quote(ctx, e):
            return  # 'known as "cosmonaut No. 11",': the mark closes a quotation
        if unit in lex.money_units and not doc[e].text[:1].isalpha() and _starts_number(ctx, stop):
            return  # "$ 20,000.00 $ 37,305.97": the second "$" belongs to the next number
        if piece.currency:
            if unit not in lex.money_units:
                _per_unit(ctx, piece, piece.end)
                return
            # "$ 249 USD", "$ 9.99 US dollars": the code written after is the more specific
            if unit != "dollar" and (piece.unit in (None, "USD", "dollar")):
                piece.unit = unit
            piece.end, piece.trim = stop, trim
        else:
            piece.unit = unit
            piece.unit_start = e
            piece.hyphen_unit = hyphen
            piece.end, piece.trim = stop, trim
            scale = ctx.lex.scales.get(ctx.lowers[stop]) if stop < n and not trim else None
            if unit in lex.money_units and scale is not None and scale >= 1e6:
                piece.value *= scale  # "75 USD million"
                piece.scaled = max(piece.scaled, scale)
                piece.end = stop + 1
    if piece.unit is not None:
        _per_unit(ctx, piece, piece.end)


def _scaled_code(lex: _Lexicon, text: str) -> tuple[str, float] | None:
    """ "MUSD" -> ("USD", 1e6): a scale letter glued to an ISO 4217 code in capitals."""
    if len(text) == 4 and text.isupper() and text[0] in lex.scaled_codes:
        code = text[1:]
        if code in lex.money_units:
            return code, lex.scaled_codes[text[0]]
    return None


def _closes_quote(ctx: _Ctx, e: int) -> bool:
    """Whether the quote-like mark at e closes a quotation opened earlier in the sentence."""
    opened = 0
    k = e - 1
    while k >= 0:
        if ctx.doc[k].text in ('"', "``", "“"):
            opened += 1
        if ctx.doc[k].is_sent_start:
            break
        k -= 1
    return opened % 2 == 1


def _per_unit(ctx: _Ctx, piece: _Piece, stop: int) -> None:
    """ "$15.4/hour", "kilometres per hour", "$350 per kg"."""
    doc, n = ctx.doc, len(ctx.doc)
    if piece.unit is None or not (stop + 1 < n and ctx.lowers[stop] in ("per", "/")):
        return
    if doc[stop + 1].is_sent_start:
        return
    other = _unit_span(ctx, stop + 1)
    if other is not None and other[0] not in ctx.lex.money_units:
        piece.unit = f"{piece.unit} per {other[0]}"
        piece.end, piece.trim = other[1], other[2]


def _subunits(ctx: _Ctx, piece: _Piece) -> None:
    """A smaller unit written after a whole one: "3 dollars 50 cents", "5 feet 2 inches",
    "thirteen dollars and forty-five cents" (the subunit table is in units.json)."""
    lex = ctx.lex
    spec = lex.subunits.get(piece.unit or "")
    if spec is None or piece.unit_start is None:
        return  # only after a unit written out: "3 dollars 50 cents", not "$4.25 and 32"
    sub_unit, per = spec
    e = piece.end
    if e < len(ctx.doc) and ctx.lowers[e] == "and":
        e += 1
    if e >= len(ctx.doc) or ctx.doc[e].is_sent_start or not _starts_number(ctx, e):
        return
    nxt = _number_at(ctx, e)
    if nxt is None or nxt.value < 0 or nxt.value >= per:
        return
    stop = nxt.end
    found = _unit_span(ctx, stop) if stop < len(ctx.doc) else None
    if found is None and sub_unit == "inch" and stop < len(ctx.doc) and ctx.lowers[stop] == "in":
        found = ("inch", stop + 1, 0)  # "12 ft 2 in more or less": after feet "in" is inches
    if found is not None and found[0] == sub_unit:
        stop = found[1]
        piece.trim = found[2]
    elif found is not None or piece.unit not in lex.money_units:
        return  # "15 dollars 50" may leave out "cents"; "5 feet 2" may not leave out "inches"
    piece.value += nxt.value / per
    piece.end = stop


def _unit_span(ctx: _Ctx, e: int) -> tuple[str, int, int] | None:
    """The longest unit (up to four tokens) starting at token e: (unit, stop, trim).

    ``trim`` is 1 when a sentence-final full stop was glued to the unit ("at 3.5–4.0 TeV."
    is tokenised "TeV."): the stop is not part of the quantity.
    """
    doc, lex = ctx.doc, ctx.lex
    n = len(doc)
    for size in (4, 3, 2, 1):
        stop = e + size
        if stop > n or any(doc[t].is_sent_start for t in range(e + 1, stop)):
            continue
        toks = doc[e:stop]
        if size > 1 and any(t.text.isdigit() or t.is_space for t in toks):
            continue  # "45 %\nApril 01": a line break ends the unit (text is squashed below)
        if size > 1 and toks[0].pos_ == "ADP" and toks[0].lower_ != "per":
            continue  # "number 1 and 2 in chess" is not "inches": no unit opens on a preposition
        text = "".join(t.text for t in toks)
        trim = 0
        unit = _unit_key(lex, text)
        if unit is None and size == 1 and text.endswith(".") and _sentence_final(ctx, stop):
            unit, trim = _unit_key(lex, text[:-1]), 1
        if unit is None:
            continue
        if size == 1 and not _single_unit_ok(ctx, e, text):
            continue
        return unit, stop, trim
    return None


def _sentence_final(ctx: _Ctx, stop: int) -> bool:
    return stop >= len(ctx.doc) or ctx.doc[stop].is_sent_start or ctx.doc[stop].is_space


def _single_unit_ok(ctx: _Ctx, e: int, text: str) -> bool:
    """One-letter symbols written apart from the number are trusted only for a few units,
    and "in" only at the end of a clause ("The pencil is 2 in.", "2 1/2 in thick")."""
    if text in ("in", "in."):
        nxt = ctx.doc[e + 1] if e + 1 < len(ctx.doc) else None
        return nxt is None or nxt.is_punct or nxt.lower_ in ctx.lex.qualifiers
    if len(text) == 1 and text.isalpha():
        prev = ctx.doc[e - 1]
        return text in ctx.lex.separate_letters and any(ch.isdigit() for ch in prev.text)
    return True


def _range_at(ctx: _Ctx, first: _Piece, between: bool) -> _Piece | None:
    """ "5-10", "5 to 10", "8- to 16-meter", "between 5 and 10", "$ 16 million to $ 28 million"."""
    doc, lowers = ctx.doc, ctx.lowers
    e = first.end
    if e + 1 >= len(doc) or doc[e].is_sent_start or doc[e + 1].is_sent_start:
        return None
    joiner = lowers[e]
    if between:
        if joiner != "and":
            return None
    elif joiner in _HYPHENS:
        # a range hyphen is written tight: "15-20 %"; "40 - 50" and "violence - two" are not;
        # a spaced en dash is typeset range style: "5 – 10 degrees"
        spaced = bool(doc[e - 1].whitespace_ or doc[e].whitespace_)
        dash = joiner == "–" and doc[e - 1].whitespace_ and doc[e].whitespace_ and not first.unit
        if spaced and not dash:
            return None  # (and "down by two points – 12 points to 10" is no range)
    elif joiner not in ("to", "through") or first.vague:
        return None
    second = _piece_at(ctx, e + 1)
    if second is None or second.vague or _is_blocked(ctx, second, in_range=True):
        return None
    if first.unit and second.unit and first.unit != second.unit:
        return None  # "rose 15 % to $ 415.9 million": two quantities
    if first.currency != second.currency and first.unit and second.unit:
        return None
    if first.unit and not second.unit and joiner == "to":
        return None  # "44 mg to 50": keep the second number apart
    if joiner in _HYPHENS and first.value >= second.value:
        return None  # "52-35" is a score, "2013-14" a season
    if (
        joiner == "to"
        and first.value > second.value
        and (not (first.unit or second.unit) or lowers[first.start - 1] != "from")
    ):
        # "the vote was 52 to 35" (a tally), "Biden led 47 percent to 40 percent" (two
        # figures); "ranged from -18 °C to -34 °C" is a range
        return None
    if joiner == "to" and _after_change_verb(ctx, first.start):
        return None  # "rose from 5 to 10 percent": a change between two figures
    if joiner in _HYPHENS and _looks_like_code(doc[first.last_number].text, doc[second.start].text):
        return None
    return second


def _after_change_verb(ctx: _Ctx, start: int) -> bool:
    """Whether "from" before token start follows a verb of change ("sales rose from 5 to
    10 percent", "cut the rate from 5.25 to 5"), not "ranged from 5 to 10"."""
    k = start - 1
    if k < 0 or ctx.lowers[k] != "from":
        return False
    for j in range(k - 1, max(-1, k - 6), -1):
        tok = ctx.doc[j]
        if tok.pos_ in ("VERB", "AUX") or tok.is_sent_start:
            return tok.lemma_.lower() in ctx.lex.change_verbs
    return False


def _score_at(ctx: _Ctx, first: _Piece) -> int | None:
    """The end of a score or tally written as two bare numbers, the first not smaller:
    "won 3-1", "voted 52-35", "the vote was 52 to 35", "by votes of 230-to-197" (tokens
    "230", "-", "to-197"), "the first half ended 1 – 1" (a spaced dash)."""
    doc, lowers = ctx.doc, ctx.lowers
    e = first.end
    if first.unit or first.currency or first.vague or e + 1 >= len(doc):
        return None
    m = _TO_NUMBER_RE.match(doc[e + 1].text)
    first_text = doc[first.last_number].text
    if lowers[e] in _HYPHENS and not doc[e - 1].whitespace_ and m is not None:
        if first.value >= float(m.group(1)) and not _looks_like_code(first_text, m.group(1)):
            return e + 2  # "230-to-197"
        return None
    tight = lowers[e] in _HYPHENS and not doc[e - 1].whitespace_ and not doc[e].whitespace_
    spaced_dash = lowers[e] in ("–", "—") and bool(doc[e - 1].whitespace_)
    if not (tight or spaced_dash or lowers[e] == "to") or doc[e + 1].is_sent_start:
        return None
    second = _piece_at(ctx, e + 1)
    if second is None or second.unit or second.currency or second.words != first.words:
        return None
    if first.value < second.value or (lowers[e] == "to" and first.value == second.value):
        return None
    if _looks_like_code(doc[first.last_number].text, doc[second.start].text):
        return None
    return second.end


def _about_a_vote(ctx: _Ctx, i: int) -> bool:
    """Whether the sentence of token i is about a vote: then "52-35" is a tally worth
    keeping; a sports score ("Arsenal won 3-1") is not a claim about quantities."""
    sent = ctx.doc[i].sent
    return any(ctx.lowers[t.i] in ctx.lex.tally_words for t in sent)


def _tally(ctx: _Ctx, i: int, end: int) -> tuple[QuantityMention, int]:
    """ "52-35" as one quantity of kind "other" without a value (two counts, no range)."""
    start_char = ctx.doc[i].idx
    last = ctx.doc[end - 1]
    end_char = last.idx + len(last.text)
    text = ctx.text[start_char:end_char]
    record = QuantityMention(text=text, start=start_char, end=end_char, value=None, kind="other")
    return record, end


def _looks_like_code(left: str, right: str) -> bool:
    """ "2013-14", "1111-2222": four-digit groups joined by a hyphen are ids or years."""
    return (left.isdigit() and len(left) >= 4) or (right.isdigit() and len(right) >= 4)


def _is_blocked(ctx: _Ctx, piece: _Piece, in_range: bool = False) -> bool:
    """Numbers that belong to a date, a clock time, a phone number or a name."""
    doc, lex, lowers = ctx.doc, ctx.lex, ctx.lowers
    tok = doc[piece.last_number] if piece.last_number >= piece.start else doc[piece.start]
    first = doc[piece.start]
    if _char_blocked(ctx, first.idx, tok.idx + len(tok.text)):
        # A DATE/TIME mention holds years, days and clock times, never kilometres or
        # dollars; "60 days" is a DATE to spaCy but a duration to us ("three years ago" is
        # caught by _anchors_date).
        return piece.unit is None
    nxt = piece.end
    if nxt < len(doc) and (lowers[nxt] in lex.clock or lowers[nxt].rstrip(".") in lex.clock):
        return not piece.unit  # "at 2 pm", "10 a.m."
    if piece.unit or piece.currency:
        return False
    text = doc[piece.start].text
    if text.isdigit() and len(text) <= 4 and not piece.words and piece.scaled == 1:
        number = int(text)  # (int() of a 5000-digit string raises: only short ones)
        # a bare year: "in 2008", "since 1999" (a fallback for when no times were passed)
        if len(text) == 4 and 1000 <= number <= 2100 and not _counts_plural(ctx, piece):
            return True
        if number <= 31 and _near_month(ctx, piece.start):
            return True
    if piece.high is not None and piece.high <= 31 and _near_month(ctx, piece.start):
        return True  # "September 25–27", "July 27–28": days of a month (a times-layer gap)
    return _names_or_codes(ctx, piece, in_range)


def _names_or_codes(ctx: _Ctx, piece: _Piece, in_range: bool = False) -> bool:
    """Unitless numbers that are part of a name, model or code, not a count."""
    doc, lex, lowers = ctx.doc, ctx.lex, ctx.lowers
    start, end = piece.start, piece.end
    first = doc[start]
    if end < len(doc) and not doc[end - 1].whitespace_ and doc[end].text[:1].isalpha():
        return True  # "3G iPhone", "4K"
    if (
        end + 1 < len(doc)
        and lowers[end] in _HYPHENS
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
        and lowers[end + 1] not in lex.strength
        and lowers[end + 1] not in lex.fractions
        and lowers[end + 1] != "ish"
    ):
        return True  # "three-dimensional structures", "a one-sided game": an adjective
    if _LEADING_ZERO_RE.match(first.text):
        return True  # "007", "0800": a leading zero makes a code, never a count
    if re.fullmatch(r"\d+[eE]\d+", first.text) and start > 0 and doc[start - 1].pos_ == "DET":
        return True  # "the 7e7" is Boeing's design name; "1e10" and "4e14 s-1" are numbers
    if piece.words and first.pos_ == "PROPN" and not first.is_sent_start:
        return True  # "the Ford Five Hundred", "the Big Three"
    if start == 0:
        return False
    prev = doc[start - 1]
    before = lowers[start - 2] if start > 1 else ""
    if lowers[start - 1] in lex.id_words or before + lowers[start - 1] in lex.id_words:
        return True  # "No. 1", "Chapter 11", "flight 370"
    if not prev.whitespace_ and (prev.text[-1:].isalnum() or prev.text in ("'", "’")):
        return True  # "iLife '11", "SCP-06F6": glued to a code or an elided year
    if (
        prev.text in ("+", "/", "_", ".")
        and not prev.whitespace_
        and start > 1
        and not doc[start - 2].whitespace_
        and any(ch.isalpha() for ch in doc[start - 2].text)
    ):
        return True  # "MACS J1149.5+6663": the tail of a catalogue code
    if _PLAIN_RE.match(first.text) and prev.whitespace_:
        if prev.pos_ == "PROPN":
            return True  # "Boeing 747", "iPhone 3.0", "Trent 900 engines", "GMT +8"
        if any(ch.isupper() for ch in prev.text[1:]):
            return True  # "iOS 4", "S&P 500": a brand or acronym followed by a number
    if (
        lowers[start - 1] in _HYPHENS
        and not prev.whitespace_
        and start > 1
        and any(ch.isalpha() for ch in doc[start - 2].text)
        and not doc[start - 2].whitespace_
    ):
        return True  # "F-16", "COVID-19", "A330-200"
    if (
        not in_range  # _range_at has checked the order of "200-250 seats"
        and lowers[start - 1] in _HYPHENS
        and not prev.whitespace_
        and start > 1
        and doc[start - 2].like_num
        and not doc[start - 2].whitespace_
    ):
        return True  # the second half of "2013-14" or "52-35" (not a range: no order)
    if first.text in ctx.name_numbers:
        return True  # "Boeing 747" once in the document: "the 747", "747 aircraft" later
    if end < len(doc) and not piece.words:
        nxt = doc[end]
        head = doc[piece.last_number].head
        counts = head.i >= end and head.pos_ == "NOUN"  # "500 Apple engineers"
        if (
            nxt.pos_ == "PROPN"
            and not nxt.is_sent_start
            and nxt.ent_type_ != "NORP"
            and nxt.tag_ != "NNPS"
            and not counts
            and not _PLURAL_MODEL_RE.match(nxt.text)
        ):
            return True  # "the 787 Dreamliner"; "6 A321s" counts aircraft
    return False


def _char_blocked(ctx: _Ctx, start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in ctx.blocked)


def _near_month(ctx: _Ctx, i: int) -> bool:
    """ "Sept 27", "27 September", "the 4th of July"."""
    lowers, months = ctx.lowers, ctx.lex.months
    if i > 0 and lowers[i - 1] in months:
        return True
    if i + 1 < len(lowers) and lowers[i + 1] in months:
        return True
    return i + 2 < len(lowers) and lowers[i + 1] == "of" and lowers[i + 2] in months


def _counts_plural(ctx: _Ctx, piece: _Piece) -> bool:
    """ "2000 cars": a number that counts a plural noun is not a year or an id."""
    e = piece.end
    if e >= len(ctx.doc):
        return False
    tok = ctx.doc[piece.last_number]
    head = tok.head
    if head.i > tok.i and head.tag_ in ("NNS", "NNPS") and tok.dep_ == "nummod":
        return True
    return ctx.doc[e].tag_ in ("NNS", "NNPS") and ctx.doc[e].lower_ not in ctx.lex.months


def _count_head(ctx: _Ctx, piece: _Piece) -> tuple[Token | None, int]:
    """The noun a count counts, and the token after the span.

    "two main roads" -> roads; "tens of thousands of protesters" -> protesters;
    "a 5,000-strong force" -> force; "5,000 troops" -> troops.
    """
    doc, lex, lowers = ctx.doc, ctx.lex, ctx.lowers
    n = len(doc)
    e = piece.end
    last = doc[piece.last_number]
    if (
        e + 1 < n
        and lowers[e] == "of"
        and (piece.vague or piece.proportion or lowers[piece.last_number] in lex.multipliers)
    ):
        # the first plural noun after "of" that is not a compound: "hundreds of
        # thousands of federal workers (hostage)"; else the parser's object of "of"
        for k in range(e + 1, min(e + 6, n)):
            tok = doc[k]
            if tok.is_sent_start or tok.pos_ not in ("ADJ", "NOUN", "PROPN", "DET", "NUM"):
                break
            if tok.tag_ in ("NNS", "NNPS"):
                return tok, k + 1
        for child in doc[e].children:
            if child.dep_ == "pobj" and child.pos_ in _NOUNS and child.i - e <= 6:
                return child, child.i + 1
        return None, e
    if (
        e + 1 < n
        and lowers[e] in _HYPHENS
        and not last.whitespace_
        and lowers[e + 1] in lex.strength
    ):
        # "a 5,000-strong force", "a 15-member panel"
        word = doc[e + 1]
        head = word.head
        if head.i > word.i and head.pos_ in _NOUNS and head.i - word.i <= 4:
            return head, head.i + 1
        return None, e + 2
    if e < n and _PLURAL_MODEL_RE.match(doc[e].text) and not doc[e].is_sent_start:
        return doc[e], e + 1  # "24 A320s and 6 A321s": planes counted by model name
    head = last.head
    if (
        head.i >= e
        and (head.pos_ == "NOUN" or head.ent_type_ == "NORP")
        and last.dep_ in _COUNT_DEPS
        and head.i - last.i <= 6
        and not any(t.is_punct and t.lower_ not in _HYPHENS for t in doc[e : head.i])
        and not any(t.pos_ in ("VERB", "AUX", "ADP", "NUM") for t in doc[e : head.i])
        and head.lower_ not in lex.months
    ):
        return head, head.i + 1
    # The parser sometimes hangs the number on a noun to its left ("violence - two interior
    # ministry buildings"): then take the first noun to the right that is not a compound.
    if head.i < last.i:
        for k in range(e, min(e + 5, n)):
            tok = doc[k]
            if tok.is_sent_start or tok.pos_ not in ("ADJ", "NOUN", "PROPN"):
                break
            if tok.pos_ in _NOUNS and tok.dep_ != "compound":
                if tok.tag_ in ("NNS", "NNPS") or last.lower_ in ("one", "1"):
                    return tok, k + 1
                break
    return None, e


def _of_object(ctx: _Ctx, of: int) -> str | None:
    """The noun "of" at token ``of`` governs: "8 percent of its workforce" -> workforce."""
    for child in ctx.doc[of].children:
        if child.dep_ == "pobj" and child.pos_ in _NOUNS:
            return child.text
    return None


def _age_end(ctx: _Ctx, piece: _Piece) -> tuple[int, str | None] | None:
    """An age: "a 30-year-old man" (span to "old", counted the noun it modifies), "29 years
    old" / "95 years of age" (the span takes "old" / "of age"; nothing counted)."""
    doc, lowers = ctx.doc, ctx.lowers
    n, e = len(doc), piece.end
    if piece.hyphen_unit:
        if (
            e + 1 < n
            and lowers[e] in _HYPHENS
            and lowers[e + 1] in ctx.lex.age_after
            and not doc[e].whitespace_
        ):
            old = doc[e + 1]
            head = old.head
            if head.i > old.i and head.pos_ in _NOUNS and head.i - old.i <= 4:
                return e + 2, head.text
            return e + 2, None
        return None
    if e < n and lowers[e] in ctx.lex.age_after:
        head = doc[e].head  # "The man, 29 years old, was held" -> man
        near = head.pos_ in _NOUNS and head.i != e and abs(head.i - e) <= 6
        return e + 1, head.text if near else None
    if e + 1 < n and lowers[e] == "of" and lowers[e + 1] == "age":
        return e + 2, None
    return None


def _measured(ctx: _Ctx, piece: _Piece) -> str | None:
    """What a measure or duration measures, from the parse.

    "60-day plates" -> plates (the unit modifies a noun); "six gallons of water" -> water;
    "registration details that are valid for 60 days" -> registration details (walk from
    the unit up to the noun the relative clause modifies, keeping its compounds).
    """
    doc = ctx.doc
    unit_tok = doc[piece.end - 1]
    if piece.hyphen_unit:
        head = unit_tok.head
        if head.i > unit_tok.i and head.pos_ in _NOUNS and head.i - unit_tok.i <= 4:
            return None if _unit_key(ctx.lex, head.text) else head.text
        return None
    e = piece.end
    if e < len(doc) and ctx.lowers[e] == "of":
        for child in doc[e].children:
            if child.dep_ == "pobj" and child.pos_ in _NOUNS:
                return child.text
    cur = unit_tok
    for _ in range(6):
        if cur.dep_ == "relcl" and cur.head.pos_ in _NOUNS:
            return _with_compounds(cur.head)
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return None


def _with_compounds(tok: Token) -> str:
    start = tok.i
    while start > 0:
        prev = tok.doc[start - 1]
        if prev.dep_ != "compound" or prev.head.i not in (tok.i, start):
            break
        start -= 1
    span = tok.doc[start : tok.i + 1]
    return span.text


def _anchors_date(ctx: _Ctx, e: int) -> bool:
    """ "three years ago", "two days later": the duration is part of a date."""
    return e < len(ctx.doc) and ctx.lowers[e] in ctx.lex.relative_followers
