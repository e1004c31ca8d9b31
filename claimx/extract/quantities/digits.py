"""Numbers written in digits: "5,000", "1.2", "3.5bn", "$5m", "10kg", "2.48×10−5",
"2 1/2"."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from claimx.extract.quantities.blockers import _looks_like_code
from claimx.extract.quantities.context import _Ctx, _Piece
from claimx.extract.quantities.lexicon import _Lexicon, _squash, _unit_key
from claimx.extract.quantities.shapes import (
    _DECIMAL_COMMA_RE,
    _FRACTION_DENOMINATORS,
    _FRACTION_RE,
    _GLUED_RE,
    _GROUP_SPACES,
    _HYPHENS,
    _POWER_RE,
    _RANGE_TOKEN_RE,
    _TOLERANCE_RE,
)
from claimx.extract.quantities.words import _skip_space, _words_piece

if TYPE_CHECKING:
    pass


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
    """A number in digits at token ``k`` (``m`` its match of ``_NUM_CORE``), with a
    currency before it and a scale, unit, power or tolerance glued after it."""
    lex = ctx.lex
    n = len(ctx.doc)
    pre, suf = m.group("pre"), m.group("suf") or ""
    digits = m.group("num")
    value = _digits_value(lex, m)
    if value is None:
        return None
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
    rest = _digits_suffix(ctx, k, m, piece, suf, currency is not None or money, value)
    if rest is None:
        return None
    if currency is not None:
        if piece.unit is not None and piece.unit not in lex.money_units:
            return None
        piece.currency = True
        piece.unit = piece.unit or currency
    if not rest and not pre:
        _space_groups(ctx, k, piece)
    _fraction_and_sign(ctx, k, piece, value)
    return piece


def _digits_value(lex: _Lexicon, m: re.Match[str]) -> float | None:
    """The value of the digits, their exponent, a glued fraction and sign: "5,000",
    "5,00" (a decimal comma), "1.2E3", "2½", "-18"; None past what a float holds."""
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
    return value


def _digits_suffix(
    ctx: _Ctx, k: int, m: re.Match[str], piece: _Piece, suf: str, monetary: bool, value: float
) -> str | None:
    """What is glued after the digits: a power ("2.48×10−5"), a tolerance ("±0.01"), a
    scale ("5M", "$10K"), a unit ("10kg"). Sets it on ``piece``; returns the suffix
    left unread ("" when none), or None when the token is no number ("6pm", "1960s")."""
    lex = ctx.lex
    power = _POWER_RE.match(suf) if suf else None
    tolerance = _TOLERANCE_RE.match(suf) if suf else None
    if power is not None:
        # scientific notation: "2.48×10−5", "5.5x10-3", "1.3x10^6", "8x2^10"
        found = _power(ctx, k, power)
        if found is None:
            return None  # "320x240": a dimension pair, not read yet
        piece.value, piece.end = piece.value * found[0], found[1]
        piece.last_number = piece.end - 1
        return ""
    if tolerance is not None:
        piece.tolerance = float(tolerance.group("tol").replace(",", ""))  # "2,000.45±0.01"
        return ""
    if not suf:
        return ""
    if suf in _HYPHENS:
        piece.dangling_hyphen = True
        return suf
    if suf.lower() in lex.clock or suf.lower().rstrip(".") in lex.clock:
        return None  # "6pm", "2.17pm"
    factor = lex.scale_abbr.get(suf.lower())
    if suf == "K" and not monetary and "." in m.group("num"):
        factor = None  # "573.15K" is kelvin; "10K" and "$10K" are thousands
    if factor is None and monetary:
        factor = lex.money_scale_abbr.get(suf.lower())
    if factor is None and value < 1000:
        # "5M", "1.2b", "1MM": a scale, written after a mantissa under a thousand;
        # "the 1500M race" and "the 1500b packet" are metres and bits
        factor = lex.bare_scale.get(suf)
    if factor is not None:
        piece.value *= factor
        piece.scaled = factor
        return suf
    unit = _unit_key(lex, suf)
    if unit is None:
        return None  # "24703m212", "1960s", "11a": not a number with a unit
    piece.unit = unit
    piece.unit_start = k
    return suf


def _space_groups(ctx: _Ctx, k: int, piece: _Piece) -> None:
    """Thousands grouped by spaces, SI style with a (narrow) no-break space too: "10 000
    dollars", "1\u202f234\u202f567.89"; only the last group may carry decimals (spaCy
    splits on " " only: other spaces are tokens of their own)."""
    doc = ctx.doc
    n = len(doc)
    while piece.end < n and re.fullmatch(r"\d{1,3}", doc[piece.end - 1].text):
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


def _fraction_and_sign(ctx: _Ctx, k: int, piece: _Piece, value: float) -> None:
    """A mixed fraction after the number ("2 1/2 in", "10 1/2 miles", "2  1/4", a space
    token between) and a minus sign written apart but glued to it ("temperatures of
    -18")."""
    doc, lowers = ctx.doc, ctx.lowers
    n = len(doc)
    after = _skip_space(ctx, piece.end)
    if after < n and not piece.unit and _FRACTION_RE.match(doc[after].text):
        fm = _FRACTION_RE.match(doc[after].text)
        if fm is not None and int(fm.group("den")) > int(fm.group("num")) > 0:
            piece.value += int(fm.group("num")) / int(fm.group("den"))
            piece.end = piece.last_number = after
            piece.end += 1
    if k > 0 and lowers[k - 1] in ("-", "−") and not doc[k - 1].whitespace_:
        before = doc[k - 2] if k > 1 else None
        if value > 0 and (before is None or (before.whitespace_ and not before.like_num)):
            piece.value = -piece.value
            piece.start = k - 1


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
