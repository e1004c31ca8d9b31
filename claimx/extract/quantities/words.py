"""Numbers written in words: "twenty-one trillion", "a dozen", "half a million", "three
and one fourth", "nine point nought four"."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from claimx.extract.quantities.context import _Ctx, _Piece
from claimx.extract.quantities.lexicon import _Lexicon, _unit_key
from claimx.extract.quantities.shapes import _HYPHENS, _NOUNS
from claimx.extract.tokens import token_table

if TYPE_CHECKING:
    pass


def _words_piece(ctx: _Ctx, k: int) -> _Piece | None:
    """Numbers in words: "two", "twenty-one trillion and three hundred", "a dozen",
    "half a million", "a quarter million", "two thirds", "two and a half", "one eighth",
    "two hundred point five"."""
    head = _words_head(ctx, k)
    if not isinstance(head, tuple):
        return head
    read = _number_words(ctx, k, *head)
    if not isinstance(read, tuple):
        return read
    e, parts, before_and, and_scale, saw_and = read
    lex, lowers = ctx.lex, ctx.lowers
    if not parts or parts[0] in lex.lone_multiplier_not:
        return None  # "the final score was 3-1": "score" alone is no number ("a score of" is)
    value, end, proportion = _words_tail(ctx, e, parts, before_and, and_scale, saw_and)
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


def _words_head(ctx: _Ctx, k: int) -> _Piece | tuple[int, bool] | None:
    """A number that opens with an article or a fraction word: "a quarter million", "a
    fifth of the vote", "a dozen", "half a million", "three quarters billion". Returns
    the piece (or None: no number), or where the cardinal words start and whether an
    article before them stands for "one"."""
    doc, lex, lowers = ctx.doc, ctx.lex, ctx.lowers
    n = len(doc)
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
            return nxt, True
        if _a_unit(ctx, k):
            return _Piece(k, k + 1, 1.0, words=True, last_number=k)  # "a gallon of beer"
        return None
    if low in ("half", "quarter") or (low in lex.fractions and low.endswith("s")):
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
    return k, False


def _number_words(
    ctx: _Ctx, k: int, head: int, article: bool
) -> _Piece | tuple[int, list[str], float, float, bool] | None:
    """The cardinal words from ``head`` on ("twenty-one trillion and three hundred"):
    (end, words, value before "and", the scale before "and", whether "and" joined), or
    a piece read on the way ("two-thirds", "one - fourth")."""
    doc, lex, lowers = ctx.doc, ctx.lex, ctx.lowers
    n = len(doc)
    parts: list[str] = ["one"] if article else []  # "a dozen": the article is "one"
    e = head
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
    return e, parts, before_and, and_scale, saw_and


def _words_tail(
    ctx: _Ctx,
    e: int,
    parts: list[str],
    before_and: float,
    and_scale: float,
    saw_and: bool,
) -> tuple[float, int, bool]:
    """What follows the cardinal words ending at ``e``: a fraction ("two thirds",
    "three quarters billion"), decimals in words ("nine point nought four"), or "and a
    half" -> (value, end, proportion)."""
    lex, lowers = ctx.lex, ctx.lowers
    n = len(ctx.doc)
    value = _words_value(lex, parts)
    end = e
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
        return value, end, value < 1  # "two thirds of the cake", not "three quarters billion"
    if frac_at < n and lowers[frac_at] == "point":
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
        return value, end, False
    got = _and_fraction(ctx, end, _trailing_scale(lex, parts))
    if got is not None:
        # "two and a half miles", "three and one fourth", "one million and a half",
        # "five and a half million", "one billion and a quarter million"
        value, end = value * got[2] + got[0], got[1]
    return value, end, False


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
    space = token_table(ctx.doc).is_space
    while e < len(space) and space[e]:
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
