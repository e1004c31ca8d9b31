"""Two pieces read as one quantity or two: ranges ("between 60 and 90 days"),
tolerances ("5 ± 0.2"), ratios ("one in five"), scores and tallies ("won 3-1",
"voted 52-35")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimx.extract.quantities.blockers import _is_blocked, _looks_like_code
from claimx.extract.quantities.context import _Ctx, _Piece
from claimx.extract.quantities.counted import _count_head
from claimx.extract.quantities.digits import _starts_number
from claimx.extract.quantities.pieces import _clean, _piece_at
from claimx.extract.quantities.shapes import _HYPHENS, _TO_NUMBER_RE
from claimx.records import QuantityMention

if TYPE_CHECKING:
    pass


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
