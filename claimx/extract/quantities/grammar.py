"""The quantity grammar at one token: [bound] piece [range | tolerance] [counted noun
phrase], ordinals bound to a superlative, and the kind of what was read."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from claimx.extract.quantities.blockers import (
    _anchors_date,
    _char_blocked,
    _is_blocked,
    _near_month,
)
from claimx.extract.quantities.context import _Ctx, _Piece
from claimx.extract.quantities.counted import _age_end, _count_head, _measured, _of_object
from claimx.extract.quantities.lexicon import _Lexicon
from claimx.extract.quantities.pieces import _clean, _piece_at
from claimx.extract.quantities.ranges import (
    _about_a_vote,
    _range_at,
    _ratio_at,
    _score_at,
    _shared_counted,
    _shared_unit,
    _tally,
    _tolerance_after,
)
from claimx.extract.quantities.shapes import _HYPHENS, _ORDINAL_RE
from claimx.extract.quantities.units import _subunits
from claimx.records import Comparator, QuantityKind, QuantityMention

if TYPE_CHECKING:
    from spacy.tokens import Token


def _match_at(ctx: _Ctx, i: int) -> tuple[QuantityMention, int] | None:
    """The quantity starting at token ``i``, and the token after it: [bound] piece
    [range | tolerance] [counted noun phrase], or a ratio, an ordinal or a tally."""
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
    joined = _range_at(ctx, first, between) if first.high is None else None
    if joined is None and first.high is None and not between:
        score = _score_at(ctx, first)
        if score is not None:
            if _about_a_vote(ctx, first.start):
                return _tally(ctx, i, score)
            ctx.skip_to = score  # "won the game 21 to 14": neither number is a quantity
            return None
    bounds = _bounds(ctx, first, joined, between)
    if bounds is None:
        return None  # "between" without "and": read the number on its own later
    low, high, last = bounds
    unit, i = _unit_of(ctx, i, first, last, joined)
    return _mention(ctx, i, first, last, joined, (low, high), unit, (comparator, approximate))


def _bounds(
    ctx: _Ctx, first: _Piece, joined: _Piece | None, between: bool
) -> tuple[float | None, float | None, _Piece] | None:
    """The low and high ends of the quantity and its last piece: a range written in one
    token ("5-10"), two pieces joined ("3 to 5 million"), a tolerance ("9.83e-3 +/-
    1e-5 km/s2"), or subunits ("5 feet 10 inches")."""
    low = high = None
    last = first
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
        return None
    elif first.tolerance is None and (spread := _tolerance_after(ctx, first)) is not None:
        first.tolerance, last = spread.value, spread  # "9.83e-3 +/- 1e-5 km/s2"
        first.unit = first.unit or spread.unit
    else:
        _subunits(ctx, first)
    if first.tolerance is not None:
        low, high = first.value - first.tolerance, first.value + first.tolerance
    return low, high, last


def _unit_of(
    ctx: _Ctx, i: int, first: _Piece, last: _Piece, joined: _Piece | None
) -> tuple[str | None, int]:
    """The quantity's unit, shared with a piece after it when it has none ("5 and 10
    kg"), money for "20 million pounds", a year for an age ("aged 25", which then
    starts at "aged")."""
    lex = ctx.lex
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
    return unit, i


def _mention(
    ctx: _Ctx,
    i: int,
    first: _Piece,
    last: _Piece,
    joined: _Piece | None,
    ends: tuple[float | None, float | None],
    unit: str | None,
    bound: tuple[Comparator, bool],
) -> tuple[QuantityMention, int] | None:
    """The quantity record from its pieces, with its kind and the thing it counts."""
    doc, lex = ctx.doc, ctx.lex
    low, high = ends
    comparator, approximate = bound
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
