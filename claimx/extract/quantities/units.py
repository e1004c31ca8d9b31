"""Units after a number: "kg", "per cent", "km/h", "miles per hour", "30 MUSD", and
the subunits that make one amount ("5 feet 10 inches")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimx.extract.quantities.context import _Ctx, _Piece
from claimx.extract.quantities.digits import _number_at, _starts_number
from claimx.extract.quantities.lexicon import _Lexicon, _unit_key
from claimx.extract.quantities.shapes import _HYPHENS, _QUOTE_UNITS
from claimx.extract.tokens import token_table

if TYPE_CHECKING:
    pass


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
    table = token_table(doc)  # the words' attributes, not a Token per word and size
    texts, starts, space = table.text, table.is_sent_start, table.is_space
    for size in (4, 3, 2, 1):
        stop = e + size
        if stop > n or any(starts[t] for t in range(e + 1, stop)):
            continue
        if size > 1 and any(texts[t].isdigit() or space[t] for t in range(e, stop)):
            continue  # "45 %\nApril 01": a line break ends the unit (text is squashed below)
        if size > 1 and table.pos[e] == "ADP" and table.lower[e] != "per":
            continue  # "number 1 and 2 in chess" is not "inches": no unit opens on a preposition
        text = "".join(texts[e:stop])
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
