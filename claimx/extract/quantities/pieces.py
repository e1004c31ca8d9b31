"""A piece of the grammar: [currency] number [scale] [unit] at a token."""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimx.extract.quantities.context import _Ctx, _Piece
from claimx.extract.quantities.digits import _low_rest, _number_at, _starts_number
from claimx.extract.quantities.units import _per_unit, _scaled_code, _unit_after
from claimx.extract.quantities.words import _and_fraction

if TYPE_CHECKING:
    pass


def _piece_at(ctx: _Ctx, k: int) -> _Piece | None:
    """[currency] number [scale] [unit] starting at token k."""
    lex, lowers = ctx.lex, ctx.lowers
    start = k
    currency, code_scale, k = _currency_before(ctx, k)
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
    e = _scales_after(ctx, piece)
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


def _currency_before(ctx: _Ctx, k: int) -> tuple[str | None, float, int]:
    """A currency written before the number: "$", "US$", "c $", "GB #", "USD", "MAUD 60"
    (60 million AUD) -> (currency, its scale, where the number starts)."""
    doc, lex, lowers = ctx.doc, ctx.lex, ctx.lowers
    n = len(doc)
    currency: str | None = None
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
    return currency, code_scale, k


def _scales_after(ctx: _Ctx, piece: _Piece) -> int:
    """Scales after the number: "1.2 million", "$ 5 m", "US$ 7.2 bn", "2.33 k"; a smaller
    whole number may continue a written-out scale: "4 thousand 3 hundred and 21". Sets
    the piece's value and end; returns the end."""
    doc, lex, lowers = ctx.doc, ctx.lex, ctx.lowers
    n = len(doc)
    e = piece.end
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
    return e


def _clean(value: float) -> float:
    """Round away binary noise: 1.2 * 1e9 is 1200000000, not 1200000000.0000002."""
    return float(f"{value:.15g}")
