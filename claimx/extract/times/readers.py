"""Token readers shared by the rules: numbers, units, years, days, months, weekdays,
clock times and amounts. A reader returns where it stopped and what it read; it
makes no mention."""

from __future__ import annotations

import re

from claimx.extract.times.context import Ctx
from claimx.extract.times.shapes import (
    CLOCK,
    CLOCK_DOT,
    CLOCK_MERIDIEM,
    CLOCK_SHORT,
    DAY,
    DIGITS,
    SIMPLE_FRACTION,
    YEAR,
)


def read_number(ctx: Ctx, i: int) -> tuple[int, float | None] | None:
    """A count before a unit: "60", "two", "twenty-five", "two and a half", "several".

    Returns (end, value) with value None for vague amounts ("several years" -> PXY).
    "a"/"an" are left to the callers, which know whether a unit follows. Read once per
    token: several rules try the same word.
    """
    try:
        return ctx.numbers[i]
    except KeyError:
        got = ctx.numbers[i] = _read_number(ctx, i)
        return got


def _read_number(ctx: Ctx, i: int) -> tuple[int, float | None] | None:
    lex = ctx.lex
    w = ctx.low_at(i)
    for phrase in lex.vague_phrases:
        if phrase[0] == w and tuple(ctx.low[i : i + len(phrase)]) == phrase:
            return i + len(phrase), None
    if w in lex.vague_numbers:
        return i + 1, None
    value: float
    if DIGITS.match(w):
        value = float(w)
        j = i + 1
    elif _GROUPED.fullmatch(w):
        value = float(w.replace(",", ""))
        j = i + 1
    elif w in lex.numbers:
        value = float(lex.numbers[w])
        j = i + 1
        # "twenty-five", "twenty five"
        k = j + 1 if ctx.low_at(j) == "-" else j
        nxt = ctx.low_at(k)
        if value >= 20 and value % 10 == 0 and nxt in lex.numbers and lex.numbers[nxt] < 10:
            value += lex.numbers[nxt]
            j = k + 1
    else:
        return None
    # "two and a half years", "one and half hour", "one and a quarter year"
    after = ctx.low_at(j)
    for words, part in lex.fraction_tails:
        if words[0] == after and tuple(ctx.low[j : j + len(words)]) == words:
            value += part
            j += len(words)
            break
    else:
        frac = SIMPLE_FRACTION.fullmatch(ctx.low_at(j)) if DIGITS.match(w) else None
        if frac is not None and int(frac.group(1)) < int(frac.group(2)):
            value += int(frac.group(1)) / int(frac.group(2))  # "2 1/2 years"
            j += 1
    return j, value


#: digits grouped by commas: "1,000", "25,000,000"
_GROUPED = re.compile(r"\d{1,3}(,\d{3})+")
#: two digits: the year of "April of 87"
_TWO_DIGITS = re.compile(r"\d{2}")
#: military time: "2100", "0830"
_HHMM = re.compile(r"[0-2]\d[0-5]\d")


def read_unit(ctx: Ctx, i: int) -> str | None:
    return ctx.lex.units.get(ctx.low_at(i))


def read_year(ctx: Ctx, i: int, *, strict: bool = True) -> int | None:
    """A four-digit year token; in ``strict`` mode also a plausible one on its own.

    Rejected: a number counting a noun ("in 2000 cases", "1500 people").
    """
    if i >= ctx.n or not YEAR.match(ctx.text[i]):
        return None
    y = int(ctx.text[i])
    if not strict:
        return y if 1000 <= y <= 2199 else None
    tok = ctx.tok(i)
    head = tok.head
    if (
        tok.dep_ in ("nummod", "compound", "amod")
        and head.i > i
        and head.pos_ == "NOUN"
        and head.lower_ not in ctx.lex.units
        and ctx.low_at(i - 1) not in ctx.lex.words["year_determiners"]
    ):
        return None
    if ctx.low_at(i + 1) in ctx.lex.words["rate_words"]:
        return None
    if ctx.low_at(i + 1) in ctx.lex.utc_zones or ctx.low_at(i + 1) in ctx.lex.other_zones:
        return None  # "(2100 UTC)" is a clock time
    if ctx.low_at(i + 1) in ctx.lex.units and ctx.low_at(i + 2) in ctx.lex.words["age_followers"]:
        return None  # "a 2000 year old tradition"
    if ctx.low_at(i - 1) in ctx.lex.words["number_signs"]:
        return None
    if 1900 <= y <= 2100:
        return y
    # older years need both the tagger and a temporal preposition: "in 1066", not "1000 +"
    if tok.ent_type_ == "DATE" and ctx.low_at(i - 1) in ctx.lex.words["old_year_preps"]:
        return y
    return None


def read_year_after(ctx: Ctx, i: int) -> int | None:
    """A year closing a date ("March 01 , 2008"), unless it counts a noun ("May 5, 1500 troops")."""
    y = read_year(ctx, i, strict=False)
    if y is None:
        return None
    head = ctx.tok(i).head
    if ctx.tok(i).dep_ == "nummod" and head.i > i and head.pos_ == "NOUN":
        return None
    return y


def read_day_num(ctx: Ctx, i: int) -> int | None:
    if i >= ctx.n:
        return None
    m = DAY.match(ctx.text[i])
    if m and len(ctx.text[i]) <= 4 and 1 <= int(m.group(1)) <= 31:
        return int(m.group(1))
    w = ctx.low_at(i)
    return ctx.lex.ordinals.get(w) if w != "final" else None


def read_month(ctx: Ctx, i: int, *, alone: bool) -> tuple[int, int] | None:
    """A month name at ``i``: (end, month). ``alone``: no day or year beside it.

    "may" the modal and "march" the verb are not months; abbreviations ("Jan")
    and lower-case names count only beside a day or year, since "Jan" is also a
    first name. A month alone followed by a proper noun is a name ("June Carter").
    """
    if i >= ctx.n:
        return None
    w = ctx.low[i]
    month = ctx.lex.months.get(w)
    if month is None:
        return None
    tok = ctx.tok(i)
    text = ctx.text[i]
    end = i + 1
    if (
        not w.endswith(".")
        and ctx.low_at(end) == "."
        and ctx.glued(end)
        and len(w) <= 4
        and w not in ctx.lex.words["full_short_months"]
    ):
        end += 1  # "Sept ." split by the tokenizer; not the full stop after "in May."
    if tok.tag_ == "MD" or tok.tag_.startswith("VB"):
        return None
    if w in ctx.lex.words["verb_months"] and not text[0].isupper():
        return None
    if alone:
        if len(w.rstrip(".")) <= 4 and w not in ctx.lex.words["full_short_months"]:
            return None
        if not text[0].isupper() and not text.isupper():
            return None
        if tok.ent_type_ == "PERSON":
            return None
        nxt = ctx.tok(end) if end < ctx.n else None
        after_prep = ctx.low_at(i - 1) in ctx.lex.words["month_preps"]
        if (
            nxt is not None
            and nxt.pos_ == "PROPN"
            and nxt.lower_ not in ctx.lex.months
            and not after_prep
        ):
            return None  # "June Carter", but "Since December GM and Chrysler have ..."
        if any(c.dep_ == "nsubj" for c in tok.children):  # "They March on"
            return None
        if i > 0:
            prev = ctx.tok(i - 1)
            if (
                prev.pos_ == "PROPN"
                and prev.text[:1].isalpha()  # "mid-March": the hyphen is tagged NNP too
                and prev.lower_ not in ctx.lex.weekdays
                and prev.lower_ not in ctx.lex.months
            ):
                return None  # "Theresa May said", "Brian May"
    return end, month


def read_weekday(ctx: Ctx, i: int, *, short: bool = False) -> tuple[int, int] | None:
    """A weekday name at ``i``; abbreviations only where a weekday is expected
    (``short``: "next week Mon")."""
    w = ctx.low_at(i)
    wd = ctx.lex.weekdays.get(w)
    if wd is None:
        return None
    if len(w.rstrip(".")) <= 4 and not short:  # "Sun", "Wed", "Sat" are words too
        return None
    if ctx.low_at(i - 1) in ctx.lex.weekday_blockers:  # "Black Friday"
        return None
    if ctx.low_at(i - 1) in ("a", "an") and ctx.tok(i).dep_ != "compound":
        return None  # "we meet on a Monday": any Monday (but "a Wednesday media event")
    return i + 1, wd


def read_word_year(ctx: Ctx, i: int) -> tuple[int, int] | None:
    """A year in words: "nineteen eighty six", "nineteen hundred ninety three",
    "two thousand and fifteen", "two thousand" -> (end, year). Read only where a
    year closes a date ("born on January twenty five nineteen eighty six")."""
    nums = ctx.lex.numbers
    w = ctx.low_at(i)
    if w == "two" and ctx.low_at(i + 1) == "thousand":
        j = i + 2
        k = j + 1 if ctx.low_at(j) == "and" else j
        rest = read_number(ctx, k)
        if rest is not None and rest[1] is not None and rest[1] < 100 and rest[1].is_integer():
            return rest[0], 2000 + int(rest[1])
        return j, 2000
    century = nums.get(w)
    if century is None or not 10 <= century <= 20:
        return None
    j = i + 1
    if ctx.low_at(j) == "hundred":  # "seventeen hundred thirty three"
        j += 1
        k = j + 1 if ctx.low_at(j) == "and" else j
        rest = read_number(ctx, k)
        if rest is None or rest[1] is None or not rest[1].is_integer() or rest[1] >= 100:
            return None
        return rest[0], century * 100 + int(rest[1])
    rest = read_number(ctx, j)  # "nineteen seventy two": the tens must be written
    if rest is None or rest[1] is None or not 20 <= rest[1] < 100 or not rest[1].is_integer():
        return None
    return rest[0], century * 100 + int(rest[1])


def read_closing_year(ctx: Ctx, i: int, *, words: bool = True) -> tuple[int, int] | None:
    """The year that closes a date at ``i`` -> (end, year): "July 4th, 1995", "July 4th
    of 1995", "28 June in 2020", "April of 87" (two digits after "of"), and with
    ``words`` "January twenty five nineteen eighty six"."""
    k = ctx.skip_comma(i)
    prep = ctx.low_at(k)
    if prep in ("of", "in") and k + 1 < ctx.n:
        k += 1
    if YEAR.match(ctx.low_at(k)):
        y = read_year_after(ctx, k)
        if y is not None and (prep != "in" or k == i + 1):
            return k + 1, y
        return None
    if prep == "of" and _TWO_DIGITS.fullmatch(ctx.low_at(k)) and k == i + 1:
        nxt = ctx.tok(k + 1) if k + 1 < ctx.n else None
        if nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "NUM"):
            y = int(ctx.low_at(k))  # "born in April of 87": the century of the slash rule
            return k + 1, y + (2000 if y < 50 else 1900)
    if words and (k == i or (prep in ("of", "in") and k == i + 1)):
        got = read_word_year(ctx, k)
        if got is not None and got[0] < ctx.n and ctx.tok(got[0]).pos_ in ("NOUN", "PROPN"):
            return None  # "in January two thousand people came"
        return got
    return None


def read_word_day(ctx: Ctx, i: int) -> tuple[int, int] | None:
    """A day of the month in words, before a year: "twenty five", "first" -> (end, day)."""
    w = ctx.low_at(i)
    if w in ctx.lex.ordinals and w != "final":
        return i + 1, ctx.lex.ordinals[w]
    num = read_number(ctx, i) if w in ctx.lex.numbers else None
    if num is None or num[1] is None or not num[1].is_integer() or not 1 <= num[1] <= 31:
        return None
    return num[0], int(num[1])


def read_glued_chunk(ctx: Ctx, i: int) -> tuple[int, str]:
    """Tokens written without spaces from ``i`` on ("2021", "-", "09", "-", "27")."""
    j = i + 1
    while j < ctx.n and ctx.glued(j) and j - i < 6:
        j += 1
    return j, "".join(ctx.text[i:j])


def read_clock(ctx: Ctx, i: int) -> tuple[int, str] | None:
    """A clock time: "3 p.m.", "3pm", "15:00 UTC", "noon" -> (end, "15:00" [+ "Z"])."""
    lex = ctx.lex
    w = ctx.low_at(i)
    if w in lex.clock_words:
        return i + 1, lex.clock_words[w]
    m = CLOCK_MERIDIEM.match(w)
    mer: str | None = None
    end = i + 1
    zone = ctx.low_at(end)
    if _HHMM.fullmatch(w) and (zone in lex.utc_zones or zone in lex.other_zones):
        # military time with a zone: "2100 UTC", "0830 GMT"
        hhmm = f"{w[:2]}:{w[2:]}"
        return end + 1, hhmm + ("Z" if zone in lex.utc_zones else "")
    if m:
        h, mi, sec = int(m.group(1)), m.group(2), None
        mer = "pm" if m.group(3)[0] == "p" else "am"
    else:
        m = CLOCK.match(w)
        dot = CLOCK_DOT.match(w)
        if dot and lex.meridiem.get(ctx.low_at(end)):
            # "8.10 pm" (British style); without am/pm "8.10" is a decimal
            h, mi, sec = int(dot.group(1)), dot.group(2), None
        elif m:
            h, mi, sec = int(m.group(1)), m.group(2), m.group(3)
        else:
            return None
        mer_word = ctx.low_at(end)
        mer = lex.meridiem.get(mer_word)
        if mer:
            end += 1
            if not mer_word.endswith("m.") and "." in mer_word and ctx.low_at(end) == ".":
                end += 1  # "a.m" "." split by the tokenizer; not the period after "10am."
        elif ctx.low_at(end) == "o'clock":
            end += 1
            mer = "oclock"
        elif mi is None:
            return None
    if mer == "pm" and h < 12:
        h += 12
    elif mer == "am" and h == 12:
        h = 0
    if h > 24 or (mi is not None and int(mi) > 59):
        return None
    value = f"{h:02d}:{mi or '00'}" + (f":{sec}" if sec else "")
    zone = ctx.low_at(end)
    if zone in lex.utc_zones:
        return end + 1, value + "Z"
    if zone in lex.other_zones:
        # "5 p.m. local time", "9 a.m. ET"
        return end + (2 if ctx.low_at(end + 1) == "time" else 1), value
    return end, value


def read_bare_clock(ctx: Ctx, i: int, part: str | None) -> tuple[int, str] | None:
    """A clock time after "at" / "around" that names no am or pm: "tonight around 7",
    "last night at 8", "tomorrow at 8:45a", "today at 9p" -> (end, "19:00").

    Only read beside a day word, where the hour of the day part decides am or pm.
    Words too: "the sun will set tomorrow at seven twenty-seven" -> "07:27".
    """
    m = CLOCK_SHORT.match(ctx.low_at(i))
    end = i + 1
    suffix: str | None = None
    if m is not None:
        h, mi = int(m.group(1)), m.group(2) or "00"
        suffix = m.group(3)
    else:
        hour = ctx.lex.numbers.get(ctx.low_at(i))
        if hour is None or not 1 <= hour <= 12:
            return None
        h, mi = hour, "00"
        rest = read_number(ctx, end)
        if ctx.low_at(end) == "o'clock":
            end += 1
            suffix = "oclock"
        elif rest is not None and rest[1] is not None and rest[1].is_integer():
            if not 10 <= rest[1] <= 59:
                return None  # "tomorrow at seven five" is not a clock we can read
            mi, end = f"{int(rest[1]):02d}", rest[0]
        if ctx.low_at(end) in ctx.lex.units or ctx.low_at(end) in ctx.lex.meridiem:
            return None  # "today at two hours", "at seven thirty pm" (left to the clock rule)
    if not 0 <= h <= 24 or int(mi) > 59:
        return None
    if suffix == "p" and h < 12:
        h += 12
    elif suffix == "a" and h == 12:
        h = 0
    elif suffix is None:
        if (m is None or m.group(2) is None) and mi == "00" and part is None:
            return None  # "shares closed yesterday at 12": a price unless the day part says
        nxt = ctx.low_at(end)
        if mi == "00" and (nxt in ctx.lex.units or nxt in ctx.lex.words["rate_words"]):
            return None  # "today at 5 percent", "tonight around 7 hours"
        if end < ctx.n and ctx.tok(end).pos_ in ("NOUN", "PROPN") and nxt not in ctx.lex.triggers:
            return None  # "closed today at seven dollars": a count, not a clock
        low, high = ctx.lex.evening_hours.get(part or "", (0, 0))
        if low <= h <= high:
            h += 12
    return end, f"{h:02d}:{mi}"


def read_amount(ctx: Ctx, i: int) -> tuple[int, float | None, str] | None:
    """A number and a unit: "60 days", "a decade", "two and a half years", "60-day"."""
    w = ctx.low_at(i)
    if w in ("a", "an", "one") and ctx.low_at(i + 1) in ctx.lex.units:
        if ctx.low_at(i + 1) in ctx.lex.words["ambiguous_units"] and w != "one":
            return None  # "a second term"
        if ctx.low_at(i + 2) == "-" and ctx.low_at(i + 3) in ctx.lex.words["year_back_words"]:
            return None  # "a year-earlier loss": the period a year back, no amount
        return i + 2, 1.0, ctx.lex.units[ctx.low_at(i + 1)]
    if w == "half" and ctx.low_at(i + 1) in ("a", "an") and ctx.low_at(i + 2) in ctx.lex.units:
        return i + 3, 0.5, ctx.lex.units[ctx.low_at(i + 2)]  # "the talks lasted half an hour"
    num = read_number(ctx, i)
    if num is None:
        return None
    j, value = num
    if ctx.low_at(j) == "-" and ctx.glued(j):  # "60-day plates", "fifty-year"
        j += 1
    if ctx.low_at(j) in ctx.lex.words["unit_adjectives"] and read_unit(ctx, j + 1):
        j += 1  # "eight trading days", "five business days", "three straight years"
    unit = read_unit(ctx, j)
    if unit is None:
        return None
    if YEAR.match(ctx.low_at(i)) and j == i + 1:
        return None  # "World Cup 2018 day five", "the 2008 model year"
    if value is None and ctx.low_at(i) == "some" and ctx.low_at(j).endswith("s") is False:
        return None  # "some day"
    if unit == "S" and value is not None and value == 2 and ctx.low_at(j) == "second":
        return None
    if ctx.low_at(j + 1) in ("old",) or (ctx.low_at(j + 1) == "-" and ctx.low_at(j + 2) == "old"):
        return None  # ages: "a 27-year-old man", "27 years old"
    if unit == "Q" and ctx.low_at(j + 1) == "of":
        return None  # "three-quarters of its food" is a share, no time
    return j + 1, value, unit


_PERIOD_ORDER = ("Y", "M", "W", "D", "H", "MIN", "S")


def read_compound_amount(
    ctx: Ctx, i: int, value: float | None, unit: str
) -> tuple[int, str] | None:
    """A second amount of a finer unit after the first: "1 hour and 30 minutes" ->
    (end, "PT1H30M"), "2 years and 6 months" -> "P2Y6M". Whole numbers only."""
    if value is None or not value.is_integer() or unit not in _PERIOD_ORDER:
        return None
    if ctx.low_at(i) != "and":
        return None
    nxt = read_amount(ctx, i + 1)
    if nxt is None or nxt[1] is None or not nxt[1].is_integer() or nxt[2] not in _PERIOD_ORDER:
        return None
    if _PERIOD_ORDER.index(nxt[2]) <= _PERIOD_ORDER.index(unit):
        return None  # "two days and three days" is a list, not one period
    if ctx.low_at(nxt[0]) in ctx.lex.words["counted_from"]:
        return None  # "for the last 3 months and 2 days ago they found": two times
    date_part, time_part = "", ""
    for n, u in ((value, unit), (nxt[1], nxt[2])):
        if u in ("H", "MIN", "S"):
            time_part += f"{int(n)}{'M' if u == 'MIN' else u}"
        else:
            date_part += f"{int(n)}{u}"
    return nxt[0], "P" + date_part + (f"T{time_part}" if time_part else "")
