"""Temporal expressions: detection on spaCy tokens and TIMEX3 normalisation.

The layer is a small grammar over tokens, not regular expressions over raw text:
at each token a list of rules (``_RULES``) proposes a candidate; the longest one
wins and scanning resumes after it, so mentions never overlap. Rules share token
parsers (``_number``, ``_unit``, ``_month``, ``_year`` ...) and wrappers add what
belongs to a mention on its left ("the", "early", "about"). Vocabulary is data:
``models/times.json`` (units, relative words, part-of and approximation words,
reference words) and ``models/calendar.json`` (month and weekday names).

Values follow the news reference-date policy in ``DESIGN.md``: names without a
year resolve in the direction of the governing verb's tense (past -> on or
before the reference date, future -> after it, otherwise the nearest), weeks are
ISO weeks ("2021-W38"), durations are periods ("P60D"), and "now" / "recently" /
"in the coming weeks" are PRESENT_REF / PAST_REF / FUTURE_REF. Leading
prepositions ("on", "in", "since") stay outside the span (TIMEX3 convention).

Two passes run after the scan. Narrative times ("three days later", "the next day",
"the same period last year") count from the last time the text named before them
(``_anchor_narrative``). Ranges written with two times ("from 2009 to 2011",
"between March and May") keep both end points and add a range record before them:
a DURATION over the whole phrase whose ``resolution.rule`` is "range" and whose
``resolution.anchor`` is the interval "2009/2011" (as MEANTIME annotates them); that
record is the one mention that may overlap others.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING, Literal

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from claimx.records import Resolution, TimeMention, TimeType
from claimx.resources import load_lexicon, load_words

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Doc, Token

Tense = Literal["past", "future", "present"]

_DIGITS = re.compile(r"\d+(?:\.\d+)?$")
_DAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?$", re.IGNORECASE)
_YEAR = re.compile(r"\d{4}$")
_ISO = re.compile(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")
_YMD_NAMED = re.compile(r"(?P<y>\d{4})([/-])(?P<mon>[a-z]{3,9})\2(?P<d>\d{1,2})$")
_DMY_NAMED = re.compile(r"(?P<d>\d{1,2})([/-])(?P<mon>[a-z]{3,9})\2(?P<y>\d{4})$")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_SLASH = re.compile(r"(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?$")
_CLOCK = re.compile(r"(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?$")
_CLOCK_MERIDIEM = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?(am|pm|a\.m\.|p\.m\.)$", re.IGNORECASE)
# "9p", "8:45a", "7" after "tonight at": only read beside a day word (``_bare_clock``)
_CLOCK_SHORT = re.compile(r"(\d{1,2})(?::(\d{2}))?([ap])?$")
_CLOCK_DOT = re.compile(r"(\d{1,2})\.(\d{2})$")
_DECADE = re.compile(r"(?:(\d{2})|')?(\d)0[’']?s$")
_QUARTER = re.compile(r"([qh])([1-4])$", re.IGNORECASE)
_GLUED_MONTH_DAY = re.compile(r"([a-z]{3,4})\.?(\d{1,2})$")
_PART_PREFIX = re.compile(r"(mid|early|late)-(.+)$", re.IGNORECASE)


@dataclass(frozen=True)
class _Lex:
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
    future_aux: frozenset[str]
    perfect_aux: frozenset[str]
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
    prospective: frozenset[str]
    fraction_tails: tuple[tuple[tuple[str, ...], float], ...]
    named_dates: dict[str, str]
    name_entity_types: frozenset[str]
    triggers: frozenset[str] = frozenset()
    holiday_firsts: frozenset[str] = frozenset()


@cache
def _lex() -> _Lex:
    """Load and index the vocabulary once per process."""
    cal = load_lexicon("calendar.json")
    t = load_lexicon("times.json")
    lex = _Lex(
        months={k.lower(): int(v) for k, v in cal["months"].items()},
        weekdays={k.lower(): int(v) for k, v in cal["weekdays"].items()},
        units=dict(t["units"]),
        numbers=dict(t["numbers"]),
        vague_numbers=load_words("times.json", "vague_numbers"),
        vague_phrases=tuple(tuple(p) for p in t["vague_number_phrases"]),
        ordinals=dict(t["ordinals"]),
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
        future_aux=load_words("times.json", "future_auxiliaries"),
        perfect_aux=load_words("times.json", "perfect_auxiliaries"),
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
        prospective=load_words("times.json", "prospective_predicates"),
        fraction_tails=tuple((tuple(p), float(v)) for p, v in t["fraction_tails"]),
        name_entity_types=frozenset(t["name_entity_types"]),
    )
    # words that can open a mention; any other token (that does not start with a
    # digit or an apostrophe) is skipped without trying the rules
    words: set[str] = {
        *("the", "a", "an", "one", "at", "these", "earlier", "later", "final", "recent", "first"),
        *("fiscal", "financial", "half"),
    }
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
    words.update(("end", "week"))
    words.update(("early", "late", "morning", "afternoon", "evening", "night"))
    firsts = frozenset(k[0] for k in (*lex.holidays, *lex.movable))
    return replace(lex, triggers=frozenset(words), holiday_firsts=firsts)


@dataclass(frozen=True)
class _Cand:
    """A candidate mention over tokens ``[start, end)`` with its value."""

    start: int
    end: int
    type: TimeType
    value: str | None
    rule: str
    anchor: str | None = None
    mod: str | None = None
    # what the value denotes, so wrappers can combine candidates
    kind: str = ""  # "day", "month", "year", "week", "duration", "set", "time", "ref", ...
    day: dt.date | None = None
    # a step counted from the previous time in the text ("three days later": (3, "D"))
    shift: tuple[int, str] | None = None


class _Ctx:
    """Per-document state: tokens, their lower-cased text, the reference date."""

    def __init__(self, doc: Doc, ref: dt.date | None) -> None:
        self.doc = doc
        self.ref = ref
        self.lex = _lex()
        self.n = len(doc)
        # token strings from offsets: creating a Token object per word costs more
        # than the whole rule scan on long articles
        self.doc_text = text = doc.text  # Doc.text re-joins every token: read it once
        starts: list[int] = doc.to_array("IDX").tolist() if self.n else []
        spaces: list[int] = doc.to_array("SPACY").tolist() if self.n else []
        ends = [*starts[1:], len(text)] if self.n else []
        self.text = [text[a : b - sp] for a, b, sp in zip(starts, ends, spaces, strict=True)]
        self.low = [t.lower() for t in self.text]
        self._sent_starts: list[int] | None = None

    def sentence(self, i: int) -> tuple[int, int]:
        """Token bounds of the sentence holding token ``i`` (``Token.sent`` rescans the doc)."""
        if self._sent_starts is None:
            flags = self.doc.to_array("SENT_START").tolist()
            self._sent_starts = [k for k, f in enumerate(flags) if f == 1 or k == 0]
        starts = self._sent_starts
        k = bisect_right(starts, i) - 1
        return starts[k], starts[k + 1] if k + 1 < len(starts) else self.n

    def tok(self, i: int) -> Token:
        return self.doc[i]

    def low_at(self, i: int) -> str:
        return self.low[i] if 0 <= i < self.n else ""

    def glued(self, i: int) -> bool:
        """Token ``i`` is written directly after token ``i - 1`` (no space)."""
        return i > 0 and not self.doc[i - 1].whitespace_

    def skip_comma(self, i: int) -> int:
        return i + 1 if self.low_at(i) == "," else i

    @property
    def anchor(self) -> str | None:
        return self.ref.isoformat() if self.ref else None


# --------------------------------------------------------------------------- formatting


def _fmt_num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def _period(n: float | None, unit: str) -> str:
    """TIMEX3 period: P60D, PT2H, P10Y for a decade, PXY when the amount is vague."""
    if unit == "DE":
        return f"P{_fmt_num(n * 10)}Y" if n is not None else "PXY"
    if unit == "CE":
        return f"P{_fmt_num(n * 100)}Y" if n is not None else "PXY"
    if unit == "FN":
        return f"P{_fmt_num(n * 2)}W" if n is not None else "PXW"
    if unit == "Q":  # "the past three quarters"; only the plural is a unit ("a quarter of")
        return f"P{_fmt_num(n * 3)}M" if n is not None else "PXM"
    if unit == "H" and n is not None and n < 1 and (n * 60).is_integer():
        return f"PT{_fmt_num(n * 60)}M"  # "half an hour" -> PT30M
    amount = "X" if n is None else _fmt_num(n)
    if unit in ("H", "MIN", "S"):
        return f"PT{amount}{'M' if unit == 'MIN' else unit}"
    return f"P{amount}{unit}"


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _at_granularity(d: dt.date, unit: str) -> str:
    if unit in ("D", "H", "MIN", "S"):
        return d.isoformat()
    if unit in ("W", "FN"):
        return _week(d)
    if unit == "M":
        return f"{d.year}-{d.month:02d}"
    if unit == "Q":
        return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    if unit == "DE":
        return str(d.year // 10)
    if unit == "CE":
        return str(d.year // 100)
    return str(d.year)


def _shift(d: dt.date, n: int, unit: str) -> dt.date:
    if unit in ("D", "H", "MIN", "S"):
        return d + relativedelta(days=n)
    if unit in ("W", "WE"):
        return d + relativedelta(weeks=n)
    if unit == "FN":
        return d + relativedelta(weeks=2 * n)
    if unit == "M":
        return d + relativedelta(months=n)
    if unit == "Q":
        return d + relativedelta(months=3 * n)
    if unit == "DE":
        return d + relativedelta(years=10 * n)
    if unit == "CE":
        return d + relativedelta(years=100 * n)
    return d + relativedelta(years=n)


def _shift_in_calendar(d: dt.date, n: int, unit: str) -> dt.date | None:
    """``_shift`` by an amount read from the text, or None where it leaves the
    calendar a date can hold ("about 2,500 years ago" is before year 1)."""
    try:
        return _shift(d, n, unit)
    except (ValueError, OverflowError):
        return None


# --------------------------------------------------------------------------- tense


def _tense(ctx: _Ctx, start: int, end: int) -> Tense | None:
    """Tense of the verb governing tokens ``[start, end)``, as a time's direction.

    "until" names the end of a period that runs on from the event: with a past verb
    ("schools were ordered closed until May 1") it is the nearest such date.
    """
    tense = _verb_tense(ctx, start, end)
    if tense == "past" and ctx.low_at(start - 1) in ("until", "till"):
        return None
    return tense


def _verb_tense(ctx: _Ctx, start: int, end: int) -> Tense | None:
    """Tense of the verb governing tokens ``[start, end)`` ("stepped up ... on Monday").

    Past: VBD, or a participle with have/be ("were attacked on Saturday", "has
    blocked"); future: will/shall/'ll or "going to"; present: VBZ/VBP/VB.
    """
    doc = ctx.doc
    if ctx.low_at(start - 1) == "since":  # "since December": a time before now
        return "past"
    head = doc[start]
    for i in range(start, end):
        if not (start <= doc[i].head.i < end) or doc[i].head.i == i:
            head = doc[i]
            break
    verb = head
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return _sentence_tense(ctx, head)
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lows = {a.lower_ for a in auxes}
    if lows & ctx.lex.future_aux:
        return "future"
    if "to" in lows and verb.head.lower_ == "going":
        return "future"
    # an infinitive under a present verb points ahead: "the referendum is to be held
    # from November 20", "Airbus plans to deliver the jet in March"
    if (
        "to" in lows
        and not any(a.tag_ == "VBD" for a in auxes)
        and (lows & {"is", "are", "am"} or verb.head.tag_ in ("VBZ", "VBP", "MD"))
    ):
        return "future"
    if not any(a.tag_ == "VBD" for a in auxes) and (
        (verb.tag_ == "VBN" and verb.lemma_.lower() in ctx.lex.prospective and auxes)
        or (
            verb.tag_ in ("VBZ", "VBP")
            and verb.lemma_ == "be"
            and any(c.dep_ == "acomp" and c.lower_ in ctx.lex.prospective for c in verb.children)
        )
    ):
        # "the vote is set for Tuesday", "talks are scheduled for May 3", "the
        # report is due on Friday": a present arrangement for a later time
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN":
        # "were attacked on Saturday", "attacked on Saturday" (reduced relative) are past;
        # "has been scheduled for June 3", "to be held on October 12" are not
        if not auxes or any(a.lower_ in ("was", "were", "had") for a in auxes):
            return "past"
        # "I have been to Magi-Fest in February": a present perfect with a named time
        # is past ("has been scheduled for June 3" was read as future above), but not
        # under a modal ("he would have been 80 on February 20")
        if any(a.tag_ == "MD" for a in auxes):
            return None
        return "past" if lows & ctx.lex.perfect_aux else None
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    if verb.tag_ == "MD":
        return "future" if verb.lower_ in ctx.lex.future_aux else None
    if verb.tag_ == "VB" and ("to" in lows or verb.dep_ == "xcomp"):
        # an infinitive takes the tense of the finite verb it hangs from: "admitted she
        # was willing to skip class Thursday night" is the past Thursday
        return _governing_tense(ctx, verb)
    return None


def _governing_tense(ctx: _Ctx, verb: Token) -> Tense | None:
    """Past of the first finite verb above ``verb`` (a few steps up), unless a word on
    the way looks ahead: "was to meet Monday", "was forecast to reach the coast on
    Monday", "said he planned to announce it around August 1" name a later time."""
    tok = verb
    for _ in range(4):
        if tok.head.i == tok.i:
            return None
        if tok.head.lemma_ == "be" and tok.dep_ == "xcomp":
            return None  # "The Senate was to meet Monday"
        tok = tok.head
        if tok.lemma_.lower() in ctx.lex.prospective or tok.pos_ in ("NOUN", "PROPN"):
            # "statements on their willingness to participate in a debate on October
            # 15": an infinitive under a noun does not share the sentence's tense
            return None
        auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        if tok.tag_ == "MD" or any(a.tag_ == "MD" for a in auxes):
            return None
        if tok.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
            return "past"
        if tok.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
            return None  # "plans to deliver the jet in March" is handled above
    return None


def _sentence_tense(ctx: _Ctx, tok: Token) -> Tense | None:
    """Fallback when the parse gives no verb above the mention ("On Monday, a water
    main broke" with "broke" tagged as a noun): the first finite verb of the sentence."""
    start, end = ctx.sentence(tok.i)
    for t in ctx.doc[start:end]:
        if t.tag_ == "MD":
            return "future" if t.lower_ in ctx.lex.future_aux else None
        if t.tag_ == "VBD":
            return "past"
        if t.tag_ in ("VBZ", "VBP"):
            return "present"
    return None


def _resolve_weekday(ref: dt.date, wd: int, tense: Tense | None) -> dt.date:
    back = ref - dt.timedelta(days=(ref.weekday() - wd) % 7)
    fwd = ref + dt.timedelta(days=(wd - ref.weekday()) % 7)
    if tense == "past":
        return back
    if tense == "future":
        return fwd
    # nearest; a tie goes to the past, since news mostly reports what happened
    return back if (ref - back) <= (fwd - ref) else fwd


def _resolve_month_year(ref: dt.date, month: int, day: int | None, tense: Tense | None) -> int:
    """Year of a month (and day) named without one, by the tense of its verb.

    "Sales fell in January" (past) is the last January up to the reference month;
    "elections will be held in January" the next one; otherwise the nearest.
    """
    named = (month, day or 0)
    now = (ref.month, ref.day if day else 0)
    if tense == "past":
        return ref.year if named <= now else ref.year - 1
    if tense == "future":
        return ref.year if named >= now else ref.year + 1
    # nearest occurrence: compare month distances
    diff = month - ref.month
    if diff > 6:
        return ref.year - 1
    if diff < -6:
        return ref.year + 1
    return ref.year


# --------------------------------------------------------------------------- token parsers


def _number(ctx: _Ctx, i: int) -> tuple[int, float | None] | None:
    """A count before a unit: "60", "two", "twenty-five", "two and a half", "several".

    Returns (end, value) with value None for vague amounts ("several years" -> PXY).
    "a"/"an" are left to the callers, which know whether a unit follows.
    """
    lex = ctx.lex
    w = ctx.low_at(i)
    for phrase in lex.vague_phrases:
        if tuple(ctx.low[i : i + len(phrase)]) == phrase:
            return i + len(phrase), None
    if w in lex.vague_numbers:
        return i + 1, None
    value: float
    if _DIGITS.match(w):
        value = float(w)
        j = i + 1
    elif re.fullmatch(r"\d{1,3}(,\d{3})+", w):
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
    for words, part in lex.fraction_tails:
        if tuple(ctx.low[j : j + len(words)]) == words:
            value += part
            j += len(words)
            break
    return j, value


def _unit(ctx: _Ctx, i: int) -> str | None:
    return ctx.lex.units.get(ctx.low_at(i))


def _year(ctx: _Ctx, i: int, *, strict: bool = True) -> int | None:
    """A four-digit year token; in ``strict`` mode also a plausible one on its own.

    Rejected: a number counting a noun ("in 2000 cases", "1500 people").
    """
    if i >= ctx.n or not _YEAR.match(ctx.text[i]):
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
        and ctx.low_at(i - 1)
        not in ("the", "a", "its", "their", "his", "her", "'s", "this", "that")
    ):
        return None
    if ctx.low_at(i + 1) in ("%", "percent", "per"):
        return None
    if ctx.low_at(i + 1) in ctx.lex.utc_zones or ctx.low_at(i + 1) in ctx.lex.other_zones:
        return None  # "(2100 UTC)" is a clock time
    if ctx.low_at(i + 1) in ctx.lex.units and ctx.low_at(i + 2) in ("old", "-"):
        return None  # "a 2000 year old tradition"
    if ctx.low_at(i - 1) in ("$", "€", "£", "#", "no.", "number"):
        return None
    if 1900 <= y <= 2100:
        return y
    # older years need both the tagger and a temporal preposition: "in 1066", not "1000 +"
    if tok.ent_type_ == "DATE" and ctx.low_at(i - 1) in (
        "in",
        "since",
        "by",
        "until",
        "from",
        "of",
        "to",
    ):
        return y
    return None


def _year_after(ctx: _Ctx, i: int) -> int | None:
    """A year closing a date ("March 01 , 2008"), unless it counts a noun ("May 5, 1500 troops")."""
    y = _year(ctx, i, strict=False)
    if y is None:
        return None
    head = ctx.tok(i).head
    if ctx.tok(i).dep_ == "nummod" and head.i > i and head.pos_ == "NOUN":
        return None
    return y


def _day_num(ctx: _Ctx, i: int) -> int | None:
    if i >= ctx.n:
        return None
    m = _DAY.match(ctx.text[i])
    if m and len(ctx.text[i]) <= 4 and 1 <= int(m.group(1)) <= 31:
        return int(m.group(1))
    w = ctx.low_at(i)
    return ctx.lex.ordinals.get(w) if w != "final" else None


def _month(ctx: _Ctx, i: int, *, alone: bool) -> tuple[int, int] | None:
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
        and w not in ("may", "june", "july")
    ):
        end += 1  # "Sept ." split by the tokenizer; not the full stop after "in May."
    if tok.tag_ == "MD" or tok.tag_.startswith("VB"):
        return None
    if w in ("may", "march") and not text[0].isupper():
        return None
    if alone:
        if len(w.rstrip(".")) <= 4 and w not in ("may", "june", "july"):
            return None
        if not text[0].isupper() and not text.isupper():
            return None
        if tok.ent_type_ == "PERSON":
            return None
        nxt = ctx.tok(end) if end < ctx.n else None
        after_prep = ctx.low_at(i - 1) in ("in", "since", "until", "by", "from", "during", "before")
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


def _weekday(ctx: _Ctx, i: int, *, short: bool = False) -> tuple[int, int] | None:
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


# --------------------------------------------------------------------------- rules


def _date_cand(
    ctx: _Ctx,
    start: int,
    end: int,
    y: int | None,
    m: int,
    d: int | None,
    rule: str,
    weekday: int | None = None,
) -> _Cand | None:
    """A calendar date; a missing year is resolved by tense against the reference,
    or by the weekday written with it ("next Wednesday, September 29")."""
    anchor = None
    if y is None and d is not None and weekday is not None and ctx.ref is not None:
        fits = []
        for year in (ctx.ref.year, ctx.ref.year - 1, ctx.ref.year + 1):
            try:
                if dt.date(year, m, d).weekday() == weekday:
                    fits.append(year)
            except ValueError:
                continue
        if fits:
            y = fits[0]
            anchor = ctx.anchor
            rule += ".weekday"
    if y is None:
        if ctx.ref is None:
            value = f"XXXX-{m:02d}" + (f"-{d:02d}" if d else "")
            return _Cand(start, end, "DATE", value, rule + ".no_ref", kind="month")
        y = _resolve_month_year(ctx.ref, m, d, _tense(ctx, start, end))
        anchor = ctx.anchor
        rule += ".tense"
    if d is None:
        return _Cand(start, end, "DATE", f"{y}-{m:02d}", rule, anchor, kind="month")
    try:
        day = dt.date(y, m, d)
    except ValueError:
        return None
    return _Cand(start, end, "DATE", day.isoformat(), rule, anchor, kind="day", day=day)


def _word_year(ctx: _Ctx, i: int) -> tuple[int, int] | None:
    """A year in words: "nineteen eighty six", "nineteen hundred ninety three",
    "two thousand and fifteen", "two thousand" -> (end, year). Read only where a
    year closes a date ("born on January twenty five nineteen eighty six")."""
    nums = ctx.lex.numbers
    w = ctx.low_at(i)
    if w == "two" and ctx.low_at(i + 1) == "thousand":
        j = i + 2
        k = j + 1 if ctx.low_at(j) == "and" else j
        rest = _number(ctx, k)
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
        rest = _number(ctx, k)
        if rest is None or rest[1] is None or not rest[1].is_integer() or rest[1] >= 100:
            return None
        return rest[0], century * 100 + int(rest[1])
    rest = _number(ctx, j)  # "nineteen seventy two": the tens must be written
    if rest is None or rest[1] is None or not 20 <= rest[1] < 100 or not rest[1].is_integer():
        return None
    return rest[0], century * 100 + int(rest[1])


def _closing_year(ctx: _Ctx, i: int, *, words: bool = True) -> tuple[int, int] | None:
    """The year that closes a date at ``i`` -> (end, year): "July 4th, 1995", "July 4th
    of 1995", "28 June in 2020", "April of 87" (two digits after "of"), and with
    ``words`` "January twenty five nineteen eighty six"."""
    k = ctx.skip_comma(i)
    prep = ctx.low_at(k)
    if prep in ("of", "in") and k + 1 < ctx.n:
        k += 1
    if _YEAR.match(ctx.low_at(k)):
        y = _year_after(ctx, k)
        if y is not None and (prep != "in" or k == i + 1):
            return k + 1, y
        return None
    if prep == "of" and re.fullmatch(r"\d{2}", ctx.low_at(k)) and k == i + 1:
        nxt = ctx.tok(k + 1) if k + 1 < ctx.n else None
        if nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "NUM"):
            y = int(ctx.low_at(k))  # "born in April of 87": the century of the slash rule
            return k + 1, y + (2000 if y < 50 else 1900)
    if words and (k == i or (prep in ("of", "in") and k == i + 1)):
        got = _word_year(ctx, k)
        if got is not None and got[0] < ctx.n and ctx.tok(got[0]).pos_ in ("NOUN", "PROPN"):
            return None  # "in January two thousand people came"
        return got
    return None


def _word_day(ctx: _Ctx, i: int) -> tuple[int, int] | None:
    """A day of the month in words, before a year: "twenty five", "first" -> (end, day)."""
    w = ctx.low_at(i)
    if w in ctx.lex.ordinals and w != "final":
        return i + 1, ctx.lex.ordinals[w]
    num = _number(ctx, i) if w in ctx.lex.numbers else None
    if num is None or num[1] is None or not num[1].is_integer() or not 1 <= num[1] <= 31:
        return None
    return num[0], int(num[1])


def _weekday_day(ctx: _Ctx, start: int, end: int, wd: int, day: int) -> _Cand | None:
    assert ctx.ref is not None
    best: dt.date | None = None
    for shift in (0, -1, 1, -2, 2):
        first = ctx.ref.replace(day=1) + relativedelta(months=shift)
        try:
            cand = first.replace(day=day)
        except ValueError:
            continue
        if cand.weekday() == wd and (best is None or abs(cand - ctx.ref) < abs(best - ctx.ref)):
            best = cand
    if best is None:
        return None
    return _Cand(
        start,
        end,
        "DATE",
        best.isoformat(),
        "calendar.weekday_day",
        ctx.anchor,
        kind="day",
        day=best,
    )


def _r_calendar(ctx: _Ctx, i: int) -> _Cand | None:
    """Month-name dates: "Sept 27", "September 27th, 2021", "March 01 , 2008",
    "27 September 2021", "the 27th of September", "December 2008", "January",
    with an optional weekday before them ("Tuesday, September 1, 2015")."""
    start = i
    wd = _weekday(ctx, i)
    if wd:
        i = ctx.skip_comma(wd[0])
    j = i + 1 if ctx.low_at(i) == "the" else i
    # day first: "27 September 2021", "the 27th of September"
    d = _day_num(ctx, j)
    if d is not None:
        k = j + 1
        k = k + 1 if ctx.low_at(k) == "of" else k
        mm = _month(ctx, k, alone=False)
        if mm and (j == i or ctx.low_at(j + 1) == "of" or _DAY.match(ctx.text[j])):
            end, month = mm
            got = _closing_year(ctx, end)
            y = None
            if got is not None:
                end, y = got
            return _date_cand(
                ctx, start, end, y, month, d, "calendar.day_month", wd[1] if wd else None
            )
        nxt_pos = ctx.tok(j + 1).pos_ if j + 1 < ctx.n else ""
        if wd and j == i + 1 and ctx.ref is not None and nxt_pos not in ("NOUN", "PROPN", "ADJ"):
            # "on Friday the 26th": the month around the reference where that day is a Friday
            return _weekday_day(ctx, start, j + 1, wd[1], d)
    if wd is None and j == i and i < ctx.n:
        # the day in words before a month and a year: "twenty five January nineteen
        # eighty six", "fifteen August 1993"
        wday = _word_day(ctx, i)
        mm = _month(ctx, wday[0], alone=False) if wday else None
        got = _closing_year(ctx, mm[0]) if mm else None
        if wday and mm and got:
            return _date_cand(ctx, start, got[0], got[1], mm[1], wday[1], "calendar.day_month")
    glued = _GLUED_MONTH_DAY.match(ctx.low_at(i))
    if glued and glued.group(1) in ctx.lex.months and 1 <= int(glued.group(2)) <= 31:
        # "sold IVAC on Dec31 , 1994": the tokenizer keeps the month and day together
        got = _closing_year(ctx, i + 1, words=False)
        if got is not None:
            month, d = ctx.lex.months[glued.group(1)], int(glued.group(2))
            return _date_cand(ctx, start, got[0], got[1], month, d, "calendar.month_day")
    mm = _month(ctx, i, alone=False)
    if mm is None:
        return None
    end, month = mm
    d = _day_num(ctx, end)
    if d is not None and _DAY.match(ctx.text[end]) and not _YEAR.match(ctx.text[end]):
        end += 1
        got = _closing_year(ctx, end)
        y = None
        if got is not None:
            end, y = got
        return _date_cand(ctx, start, end, y, month, d, "calendar.month_day", wd[1] if wd else None)
    wday = _word_day(ctx, end)
    got = _closing_year(ctx, wday[0]) if wday else None
    if wday and got:
        # "January twenty five nineteen eighty six", "January first 2000"
        return _date_cand(ctx, start, got[0], got[1], month, wday[1], "calendar.month_day")
    got = _closing_year(ctx, end)
    if got is not None:
        return _date_cand(ctx, start, got[0], got[1], month, None, "calendar.month_year")
    # "October of next year", "March this year"
    k = ctx.skip_comma(end)
    k = k + 1 if ctx.low_at(k) == "of" else k
    rel = ctx.low_at(k)
    if rel in ("this", "last", "next") and ctx.low_at(k + 1) == "year" and ctx.ref is not None:
        y = ctx.ref.year + ctx.lex.relative[rel]
        return _Cand(
            start,
            k + 2,
            "DATE",
            f"{y}-{month:02d}",
            "calendar.month_rel_year",
            ctx.anchor,
            kind="month",
        )
    if wd:
        return None  # "Monday, March" is rare; leave the weekday rule to it
    if _month(ctx, i, alone=True) is None:
        return None
    return _date_cand(ctx, start, end, None, month, None, "calendar.month")


def _glued_chunk(ctx: _Ctx, i: int) -> tuple[int, str]:
    """Tokens written without spaces from ``i`` on ("2021", "-", "09", "-", "27")."""
    j = i + 1
    while j < ctx.n and ctx.glued(j) and j - i < 6:
        j += 1
    return j, "".join(ctx.text[i:j])


def _r_numeric(ctx: _Ctx, i: int) -> _Cand | None:
    """All-digit dates: "2021-09-27", "2015-3", "9/27/2021", "7/8/07" (US order)."""
    if not ctx.text[i][:1].isdigit() or ctx.low_at(i - 1) in ("version", "v", "v.", "release"):
        return None  # "version 1.2.2022" is a number
    j, _ = _glued_chunk(ctx, i)
    for end in range(j, i, -1):
        s = "".join(ctx.text[i:end])
        m = _ISO.match(s)
        if m and end > i + 1:
            iy, mo = int(m.group(1)), int(m.group(2))
            if not 1 <= mo <= 12 or (m.group(3) is None and mo == (iy + 1) % 100):
                continue  # "2008-09" is a season of two years, not September
            if m.group(3):
                return _date_cand(ctx, i, end, iy, mo, int(m.group(3)), "numeric.iso")
            return _date_cand(ctx, i, end, iy, mo, None, "numeric.iso")
        m = _YMD_NAMED.match(s.lower()) or _DMY_NAMED.match(s.lower())
        if m and m.group("mon") in ctx.lex.months:
            # "2019/aug/01", "2019-aug-1", "05-Aug-2016": the month by name
            month = ctx.lex.months[m.group("mon")]
            year, d = int(m.group("y")), int(m.group("d"))
            return _date_cand(ctx, i, end, year, month, d, "numeric.named_month")
        m = _DOTTED.match(s)
        if m:
            # European day-first dates with a full year: "23.04.2022"
            d, mo = int(m.group(1)), int(m.group(2))
            if 1 <= mo <= 12 and 1 <= d <= 31:
                return _date_cand(ctx, i, end, int(m.group(3)), mo, d, "numeric.dotted")
            continue
        m = _SLASH.match(s)
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            if m.group(3) is None and ctx.tok(i).ent_type_ != "DATE":
                continue  # "1/2" is a fraction unless the tagger reads a date
            mo, d = (a, b) if a <= 12 else (b, a)
            if not (1 <= mo <= 12 and 1 <= d <= 31):
                continue
            y: int | None = None
            if m.group(3):
                y = int(m.group(3))
                y = y + (2000 if y < 50 else 1900) if y < 100 else y
            return _date_cand(ctx, i, end, y, mo, d, "numeric.slash")
    return None


def _r_named_event(ctx: _Ctx, i: int) -> _Cand | None:
    """Dates that name an event in news: "during 9/11", "my 9/11-related poems" ->
    2001-09-11 (the list is ``named_dates`` in times.json). Not with a year after it
    ("9/11/2019"), which the numeric rule reads as a date."""
    value = ctx.lex.named_dates.get(ctx.text[i])
    if value is None or ctx.low_at(i + 1) == "/" or (ctx.glued(i) and ctx.low_at(i - 1) == "/"):
        return None
    day = dt.date.fromisoformat(value)
    return _Cand(i, i + 1, "DATE", value, "named_event", kind="day", day=day)


def _r_year(ctx: _Ctx, i: int) -> _Cand | None:
    """A year on its own: "since 2008" -> "2008" (never "2,000 troops" or "2000 cases")."""
    y = _year(ctx, i)
    if y is None:
        return None
    if ctx.low_at(i - 1) in ("-", "/", ":") and ctx.glued(i):
        return None
    return _Cand(i, i + 1, "DATE", str(y), "year", kind="year")


def _r_word_year(ctx: _Ctx, i: int) -> _Cand | None:
    """A year in words after a temporal preposition: "they left in nineteen ninety
    six", "came back in two thousand and fifteen" (never "in two thousand cases", nor
    a bare "two thousand", which is more often a count)."""
    if ctx.low_at(i - 1) not in ctx.lex.word_year_preps:
        return None
    got = _word_year(ctx, i)
    if got is None or got[0] == i + 2:  # "two thousand" alone
        return None
    end, y = got
    if end < ctx.n and ctx.tok(end).pos_ in ("NOUN", "PROPN", "NUM"):
        return None
    return _Cand(i, end, "DATE", str(y), "year.words", kind="year")


def _r_fiscal(ctx: _Ctx, i: int) -> _Cand | None:
    """Fiscal years: "fiscal 2021", "fiscal year 2008", "FY2020" -> "FY2021" (TIMEX3)."""
    w = ctx.low_at(i)
    m = re.fullmatch(r"fy[- ]?(\d{4}|\d{2})", w)
    if m:
        y = int(m.group(1))
        y = y + 2000 if y < 100 else y
        return _Cand(i, i + 1, "DATE", f"FY{y}", "fiscal", kind="year")
    rel = ctx.lex.relative.get(w)
    if rel is not None and ctx.low[i + 1 : i + 3] in (["fiscal", "year"], ["financial", "year"]):
        # "last fiscal year" -> the fiscal year before the reference's (TIMEX3 "FY2020")
        if ctx.ref is None:
            return _Cand(i, i + 3, "DATE", None, "fiscal.relative", kind="year")
        value = f"FY{ctx.ref.year + rel}"
        return _Cand(i, i + 3, "DATE", value, "fiscal.relative", ctx.anchor, kind="year")
    if w not in ("fiscal", "financial"):
        return None
    j = i + 2 if ctx.low_at(i + 1) == "year" else i + 1
    y2 = _year(ctx, j, strict=False)
    if y2 is None:
        return None
    return _Cand(i, j + 1, "DATE", f"FY{y2}", "fiscal", kind="year")


def _r_decade(ctx: _Ctx, i: int) -> _Cand | None:
    """Decades: "1990s", "1930's", "the '80s", "70s" -> "199", "193", "198", "197"."""
    word = ctx.lex.decade_words.get(ctx.low_at(i))
    if word is not None:
        # "back in the sixties" (not "in his sixties", an age)
        if ctx.low_at(i - 1) != "the":
            return None
        return _Cand(i, i + 1, "DATE", f"19{word}", "decade.word", kind="decade")
    j, _ = _glued_chunk(ctx, i)
    for end in range(j, i, -1):
        s = "".join(ctx.text[i:end])
        m = _DECADE.match(s)
        if not m:
            continue
        if m.group(1):
            century = m.group(1)
        else:
            # "the '80s", "the 70s": the twentieth century; "in his 50s" is an age
            if ctx.low_at(i - 1) in ("his", "her", "their", "my", "your", "our", "mid", "late"):
                return None
            if (
                ctx.low_at(i - 1) != "the"
                and not s.startswith("'")
                and ctx.tok(i).ent_type_ != "DATE"
            ):
                return None
            century = "19"
        return _Cand(i, end, "DATE", century + m.group(2), "decade", kind="decade")
    return None


def _r_century(ctx: _Ctx, i: int) -> _Cand | None:
    """ "the 20th century" -> "19"."""
    m = re.match(r"(\d{1,2})(?:st|nd|rd|th)$", ctx.low_at(i))
    n = int(m.group(1)) if m else ctx.lex.ordinals.get(ctx.low_at(i))
    if n is None or ctx.low_at(i + 1) != "century" or ctx.low_at(i) == "final":
        return None
    return _Cand(i, i + 2, "DATE", f"{n - 1:02d}", "century", kind="century")


def _relative_unit_value(ref: dt.date, step: int, unit: str) -> str:
    d = _shift(ref, step, unit)
    if unit == "WE":
        return _week(d) + "-WE"
    if unit == "Q":
        return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    return _at_granularity(d, unit)


def _r_relative(ctx: _Ctx, i: int) -> _Cand | None:
    """ "last week" -> 2021-W37, "this year", "next month", "the previous year",
    "last Monday", "next January", "this summer", "Monday last week"."""
    lex = ctx.lex
    start = i
    # "Monday last week", "Friday next week"
    wd = _weekday(ctx, i)
    part = lex.day_parts.get(ctx.low_at(i + 1)) if wd else None
    k = i + 2 if wd and ctx.low_at(i + 1) == "of" else i + 1
    if k == i + 2 and ctx.low_at(k) == "the" and ctx.low_at(k + 1) in ("following", "previous"):
        k += 1  # "on Monday of the following week"
    if part is not None and ctx.low_at(k + 2) == "week":
        k += 1  # "Wednesday evening next week"
    else:
        part = None
    if (
        wd
        and ctx.low_at(k + 1) == "week"
        and ctx.low_at(k) in ("last", "next", "this", "following")
    ):
        # "Monday last week", "Tuesday of next week"
        if ctx.ref is None:
            return _Cand(start, k + 2, "DATE", None, "relative.weekday_week", kind="day")
        step = lex.relative[ctx.low_at(k)]
        wk = ctx.ref + relativedelta(weeks=step)
        day = wk - dt.timedelta(days=wk.weekday() - wd[1])
        if part is not None:
            value = f"{day}T{part}"
            rule = "relative.weekday_week+part"
            return _Cand(start, k + 2, "TIME", value, rule, ctx.anchor, kind="time", day=day)
        return _Cand(
            start,
            k + 2,
            "DATE",
            day.isoformat(),
            "relative.weekday_week",
            ctx.anchor,
            kind="day",
            day=day,
        )
    w = ctx.low_at(i)
    if (
        w in ("the", "this")
        and ctx.low_at(i + 1) == "weekend"
        and ctx.low_at(i + 2) != "of"
        and ctx.low_at(i - 1) != "this"
    ):
        # "attacks over the weekend", "the band played this weekend" (said on a Monday):
        # the weekend before the reference (past) or the coming one (future, present)
        if ctx.ref is None:
            return _Cand(start, i + 2, "DATE", None, "relative.the_weekend", kind="WE")
        tense = _tense(ctx, i, i + 2)
        sat = _resolve_weekday(ctx.ref, 5, "past" if tense == "past" else "future")
        if tense != "past" and ctx.ref.weekday() == 6:
            sat = ctx.ref - dt.timedelta(days=1)
        value = _week(sat) + "-WE"
        return _Cand(start, i + 2, "DATE", value, "relative.the_weekend", ctx.anchor, kind="WE")
    if w not in lex.relative:
        return None
    step = lex.relative[w]
    if w == "this" and ctx.low_at(i + 1) in ("past", "coming"):
        # "this past Friday", "this coming weekend"
        i += 1
        w = ctx.low_at(i)
        step = lex.relative[w]
    nxt = ctx.low_at(i + 1)
    if nxt == "calendar" and ctx.low_at(i + 2) == "year" and w != "past":
        i, nxt = i + 1, "year"  # "gains this calendar year": the year
    if w == "current" and nxt not in ("week", "month", "year", "quarter", "decade"):
        return None
    unit = lex.relative_units.get(nxt)
    if unit is not None:
        if ctx.low_at(i + 2) == "of" or ctx.low_at(i + 2) in lex.units:
            return None  # "the last week of March", "the next year" + "s"
        if w == "past" and unit not in ("WE",) and ctx.low_at(i - 1) == "the":
            # "the past decade", "the past week": a stretch up to now
            return _Cand(
                start, i + 2, "DURATION", _period(1, unit), "relative.past_unit", kind="duration"
            )
        if ctx.ref is None:
            return _Cand(start, i + 2, "DATE", None, "relative.unit", kind=unit)
        k = i + 2
        k = k + 1 if ctx.low_at(k) in ("on", "-", ",") else k
        wd2 = _weekday(ctx, k, short=True) if unit == "W" else None
        if wd2 is not None:
            wk = ctx.ref + relativedelta(weeks=step)
            day = wk - dt.timedelta(days=wk.weekday() - wd2[1])
            return _Cand(
                start,
                k + 1,
                "DATE",
                day.isoformat(),
                "relative.week_weekday",
                ctx.anchor,
                kind="day",
                day=day,
            )
        value = _relative_unit_value(ctx.ref, step, unit)
        return _Cand(start, i + 2, "DATE", value, "relative.unit", ctx.anchor, kind=unit)
    wd = _weekday(ctx, i + 1)
    if wd:
        full = _r_calendar(ctx, i + 1)
        if full is not None and full.day is not None and full.end > i + 2:
            # "next Wednesday, July 31": the written date wins
            return replace(full, start=start)
        if ctx.ref is None:
            return _Cand(start, i + 2, "DATE", None, "relative.weekday", kind="day")
        ref = ctx.ref
        if step < 0:
            day = ref - dt.timedelta(days=(ref.weekday() - wd[1]) % 7 or 7)
        elif step > 0:
            day = ref + dt.timedelta(days=(wd[1] - ref.weekday()) % 7 or 7)
        else:
            day = ref - dt.timedelta(days=ref.weekday() - wd[1])
        return _Cand(
            start,
            i + 2,
            "DATE",
            day.isoformat(),
            "relative.weekday",
            ctx.anchor,
            kind="day",
            day=day,
        )
    mm = _month(ctx, i + 1, alone=False)
    if mm and w in ("last", "this", "next"):
        if ctx.ref is None:
            return _Cand(start, mm[0], "DATE", None, "relative.month_name", kind="month")
        month = mm[1]
        y = ctx.ref.year
        if step < 0 and month >= ctx.ref.month:
            y -= 1
        elif step > 0 and month <= ctx.ref.month:
            y += 1
        return _Cand(
            start,
            mm[0],
            "DATE",
            f"{y}-{month:02d}",
            "relative.month_name",
            ctx.anchor,
            kind="month",
        )
    feast = (
        _holiday_at(ctx, i + 1) if w in ("last", "this", "next", "previous", "following") else None
    )
    if feast is not None:
        # "last Easter", "next Christmas": the occurrence before / after the reference
        n_words, day_in = feast
        if ctx.ref is None:
            return _Cand(start, i + 1 + n_words, "DATE", None, "relative.holiday", kind="day")
        year = ctx.ref.year
        day = day_in(year)
        if step < 0 and day >= ctx.ref:
            day = day_in(year - 1)
        elif step > 0 and day <= ctx.ref:
            day = day_in(year + 1)
        return _Cand(
            start,
            i + 1 + n_words,
            "DATE",
            day.isoformat(),
            "relative.holiday",
            ctx.anchor,
            kind="day",
            day=day,
        )
    season = lex.seasons.get(nxt)
    if season and w in ("last", "this", "next", "past"):
        if ctx.ref is None:
            return _Cand(start, i + 2, "DATE", None, "relative.season", kind="season")
        y = ctx.ref.year
        if step < 0 and ctx.ref.month <= lex.season_end[season]:
            y -= 1
        elif step > 0 and ctx.ref.month >= lex.season_end[season] - 2:
            y += 1
        return _Cand(
            start, i + 2, "DATE", f"{y}-{season}", "relative.season", ctx.anchor, kind="season"
        )
    return None


def _r_beyond(ctx: _Ctx, i: int) -> _Cand | None:
    """Two steps from the reference: "the day after tomorrow", "the day before
    yesterday", "the week after next", "the year before last"."""
    if ctx.low_at(i) != "the":
        return None
    unit = ctx.lex.narrative_units.get(ctx.low_at(i + 1))
    rel, last = ctx.low_at(i + 2), ctx.low_at(i + 3)
    if unit is None or rel not in ("after", "before"):
        return None
    step = 2 if rel == "after" else -2
    if unit == "D":
        if (rel, last) not in (("after", "tomorrow"), ("before", "yesterday")):
            return None
    elif (rel, last) not in (("after", "next"), ("before", "last")):
        return None
    if ctx.ref is None:
        return _Cand(i, i + 4, "DATE", None, "relative.beyond", kind=unit)
    if unit == "D":
        day = ctx.ref + dt.timedelta(days=step)
        return _Cand(
            i, i + 4, "DATE", day.isoformat(), "relative.beyond", ctx.anchor, kind="day", day=day
        )
    value = _relative_unit_value(ctx.ref, step, unit)
    return _Cand(i, i + 4, "DATE", value, "relative.beyond", ctx.anchor, kind=unit)


def _r_dayword(ctx: _Ctx, i: int) -> _Cand | None:
    """ "yesterday", "today", "tomorrow", "tonight", "this morning", "last night",
    "Friday morning", "earlier today"."""
    lex = ctx.lex
    w = ctx.low_at(i)
    ref = ctx.ref
    start = i
    if w in ("earlier", "later") and ctx.low_at(i + 1) in ("today", "tonight"):
        i += 1
        w = ctx.low_at(i)
    if w in lex.day_words:
        tok = ctx.tok(i)
        if w == "today" and tok.pos_ not in ("NOUN", "ADV", "PROPN"):
            return None
        if i > 0 and ctx.tok(i - 1).pos_ == "PROPN" and ctx.text[i][0].isupper() and start == i:
            return None  # "USA Today"
        day = ref + dt.timedelta(days=lex.day_words[w]) if ref else None
        part = lex.day_parts.get(ctx.low_at(i + 1))
        if w == "tonight":
            return _Cand(
                start,
                i + 1,
                "TIME",
                f"{day}TNI" if day else None,
                "dayword",
                ctx.anchor,
                kind="time",
                day=day,
            )
        if part:
            value = f"{day}T{part}" if day else None
            return _Cand(
                start, i + 2, "TIME", value, "dayword.part", ctx.anchor, kind="time", day=day
            )
        value = day.isoformat() if day else None
        return _Cand(start, i + 1, "DATE", value, "dayword", ctx.anchor, kind="day", day=day)
    part = lex.day_parts.get(ctx.low_at(i + 1))
    if part and w in ("this", "last"):
        if w == "last" and part != "NI":
            return None
        day = (ref - dt.timedelta(days=1 if w == "last" else 0)) if ref else None
        value = f"{day}T{part}" if day else None
        return _Cand(i, i + 2, "TIME", value, "dayword.part", ctx.anchor, kind="time", day=day)
    return None


def _r_weekday(ctx: _Ctx, i: int) -> _Cand | None:
    """ "on Monday" -> the Monday before/after the reference, by the verb's tense."""
    wd = _weekday(ctx, i)
    if wd is None:
        return None
    if ctx.ref is None:
        return _Cand(i, i + 1, "DATE", None, "weekday.no_ref", kind="day")
    tense = _tense(ctx, i, i + 1)
    day = _resolve_weekday(ctx.ref, wd[1], tense)
    rule = f"weekday.{tense or 'nearest'}"
    return _Cand(i, i + 1, "DATE", day.isoformat(), rule, ctx.anchor, kind="day", day=day)


def _amount(ctx: _Ctx, i: int) -> tuple[int, float | None, str] | None:
    """A number and a unit: "60 days", "a decade", "two and a half years", "60-day"."""
    w = ctx.low_at(i)
    if w in ("a", "an", "one") and ctx.low_at(i + 1) in ctx.lex.units:
        if ctx.low_at(i + 1) in ("second", "min") and w != "one":
            return None  # "a second term"
        return i + 2, 1.0, ctx.lex.units[ctx.low_at(i + 1)]
    if w == "half" and ctx.low_at(i + 1) in ("a", "an") and ctx.low_at(i + 2) in ctx.lex.units:
        return i + 3, 0.5, ctx.lex.units[ctx.low_at(i + 2)]  # "the talks lasted half an hour"
    num = _number(ctx, i)
    if num is None:
        return None
    j, value = num
    if ctx.low_at(j) == "-" and ctx.glued(j):  # "60-day plates", "fifty-year"
        j += 1
    unit = _unit(ctx, j)
    if unit is None:
        return None
    if _YEAR.match(ctx.low_at(i)) and j == i + 1:
        return None  # "World Cup 2018 day five", "the 2008 model year"
    if value is None and ctx.low_at(i) == "some" and ctx.low_at(j).endswith("s") is False:
        return None  # "some day"
    if unit == "S" and value is not None and value == 2 and ctx.low_at(j) == "second":
        return None
    if ctx.low_at(j + 1) in ("old",) or (ctx.low_at(j + 1) == "-" and ctx.low_at(j + 2) == "old"):
        return None  # ages: "a 27-year-old man", "27 years old"
    return j + 1, value, unit


_PERIOD_ORDER = ("Y", "M", "W", "D", "H", "MIN", "S")
_COUNTED_FROM = frozenset(("ago", "back", "later", "earlier", "before", "after", "from"))


def _compound_amount(ctx: _Ctx, i: int, value: float | None, unit: str) -> tuple[int, str] | None:
    """A second amount of a finer unit after the first: "1 hour and 30 minutes" ->
    (end, "PT1H30M"), "2 years and 6 months" -> "P2Y6M". Whole numbers only."""
    if value is None or not value.is_integer() or unit not in _PERIOD_ORDER:
        return None
    if ctx.low_at(i) != "and":
        return None
    nxt = _amount(ctx, i + 1)
    if nxt is None or nxt[1] is None or not nxt[1].is_integer() or nxt[2] not in _PERIOD_ORDER:
        return None
    if _PERIOD_ORDER.index(nxt[2]) <= _PERIOD_ORDER.index(unit):
        return None  # "two days and three days" is a list, not one period
    if ctx.low_at(nxt[0]) in _COUNTED_FROM:
        return None  # "for the last 3 months and 2 days ago they found": two times
    date_part, time_part = "", ""
    for n, u in ((value, unit), (nxt[1], nxt[2])):
        if u in ("H", "MIN", "S"):
            time_part += f"{int(n)}{'M' if u == 'MIN' else u}"
        else:
            date_part += f"{int(n)}{u}"
    return nxt[0], "P" + date_part + (f"T{time_part}" if time_part else "")


def _anchored(ctx: _Ctx, start: int, end: int, value: float | None, unit: str) -> _Cand | None:
    """An amount counted from a date: "three days after January 12th", "2 weeks before
    May 13 1999", "4 months from tomorrow", "3 days from now" -> a date."""
    rel = ctx.low_at(end)
    if rel not in ("after", "before", "from") or value is None or not value.is_integer():
        return None
    if unit not in ("D", "W", "M", "Y"):
        return None
    sign = -1 if rel == "before" else 1
    if ctx.low_at(end + 1) == "now" and rel == "from":
        if ctx.ref is None:
            return None
        base, stop = ctx.ref, end + 2
    else:
        inner = _best_core(ctx, end + 1)
        if inner is None or inner.day is None or inner.kind != "day" or inner.start != end + 1:
            return None
        base, stop = inner.day, inner.end
    day = _shift_in_calendar(base, sign * int(value), unit)
    if day is None:
        return None
    return _Cand(
        start,
        stop,
        "DATE",
        day.isoformat(),
        "amount.anchored",
        base.isoformat(),
        kind="day",
        day=day,
    )


def _r_amount(ctx: _Ctx, i: int) -> _Cand | None:
    """Durations and "ago": "60 days" -> P60D, "the past three years" -> P3Y,
    "two days ago" -> a date, "in three weeks" (future) -> a date, "decades-long"."""
    start = i
    w = ctx.low_at(i)
    lead = ""
    if w in ("the", "past", "last", "next", "coming", "previous", "first", "recent"):
        j = i + 1 if w == "the" else i
        if ctx.low_at(j) in ("past", "last", "next", "coming", "previous", "first", "recent"):
            lead = ctx.low_at(j)
            i = j + 1
        elif w == "the":
            i = j
    am = _amount(ctx, i)
    if am is None and not lead:
        # "between 60 and 90 days", "two to three years": the first bound shares the unit
        num = _number(ctx, i)
        if (
            num is not None
            and num[1] is not None
            and ctx.low_at(num[0]) in ("and", "to", "or", "-")
        ):
            nxt = _amount(ctx, num[0] + 1)
            if nxt is not None and nxt[1] is not None and ctx.low_at(num[0] - 1) != ",":
                unit = nxt[2]
                return _Cand(
                    i,
                    num[0],
                    "DURATION",
                    _period(num[1], unit),
                    "duration.range_low",
                    kind="duration",
                )
    if am is None:
        # "for years", "over the years", "decades-long", "recent years"
        bare = _unit(ctx, i)
        word = ctx.low_at(i)
        if bare is None or not word.endswith("s"):
            return None
        unit = bare
        prev = ctx.tok(i - 1) if i > 0 else None
        if (
            ctx.tok(i).ent_type_ == "DATE"
            and start == i
            and ctx.low_at(i + 1) not in ("ago", "old", "-")
            and (prev is None or not (prev.like_num or prev.pos_ == "DET" or prev.text in "])"))
        ):
            # "decades in the making": the tagger reads a bare plural as a time
            return _Cand(
                i, i + 1, "DURATION", _period(None, unit), "duration.bare", kind="duration"
            )
        if ctx.low_at(i + 1) == "-" and ctx.low_at(i + 2) == "long":
            return _Cand(
                start, i + 3, "DURATION", _period(None, unit), "duration.long", kind="duration"
            )
        if lead in ("coming", "next"):
            return _Cand(start, i + 1, "DATE", "FUTURE_REF", "ref.coming", kind="ref")
        if lead in ("past", "last", "recent") or (
            (start == i and ctx.low_at(i - 1) in ("for", "in"))
            or ctx.low[i - 2 : i] == ["over", "the"]
        ):
            if start != i or ctx.low_at(i - 1) in ("for", "in"):
                return _Cand(
                    start, i + 1, "DURATION", _period(None, unit), "duration.vague", kind="duration"
                )
            return _Cand(
                i - 1, i + 1, "DURATION", _period(None, unit), "duration.vague", kind="duration"
            )
        return None
    end, value, unit = am
    if (
        unit == "FN"
        and value is not None
        and (ctx.low_at(end) in ("later", "earlier", "ago") or ctx.low_at(i - 1) == "in")
    ):
        value, unit = value * 2, "W"  # "a fortnight later", "in a fortnight": two weeks
    if value is not None:
        # "one hour and a half", "one hour and half", "one year and a quarter"
        for words, part in ctx.lex.fraction_tails:
            if tuple(ctx.low[end : end + len(words)]) == words:
                value, end = value + part, end + len(words)
                break
    compound = _compound_amount(ctx, end, value, unit)
    if compound is not None:
        # "1 hour and 30 minutes", "two years and six months": one period
        return _Cand(
            start, compound[0], "DURATION", compound[1], "duration.compound", kind="duration"
        )
    if lead in ("coming", "next") and value is None:
        return _Cand(start, end, "DATE", "FUTURE_REF", "ref.coming", kind="ref")
    anchored = _anchored(ctx, start, end, value, unit)
    if anchored is not None:
        return anchored
    after = ctx.low_at(end)
    if (
        after in ("later", "earlier")
        and ctx.low_at(end + 1) != "than"
        and not lead
        and value is not None
        and value.is_integer()
        and unit in ctx.lex.narrative_units.values()
    ):
        # "He was released three days later": a date counted from the time the text
        # last named (resolved in ``_anchor_narrative``); "three days later than
        # planned" is a delay, a duration
        step = int(value) * ctx.lex.narrative_steps[after]
        return _Cand(
            start, end + 1, "DATE", None, "narrative.amount", kind="narrative", shift=(step, unit)
        )
    if ctx.low_at(end) in ("ago", "back"):  # "a couple of years back"
        if value is None or ctx.ref is None:
            v = "PAST_REF" if value is None else None
            return _Cand(start, end + 1, "DATE", v, "ago", ctx.anchor, kind="ref")
        if unit in ("H", "MIN", "S"):
            d: dt.date | None = ctx.ref  # "two hours ago": today, the clock is unknown
        else:
            d = _shift_in_calendar(ctx.ref, -int(value), unit) if value.is_integer() else None
        v = _at_granularity(d, unit) if d else None
        return _Cand(
            start,
            end + 1,
            "DATE",
            v,
            "ago",
            ctx.anchor,
            kind="date",
            day=d if unit == "D" else None,
        )
    if (
        not lead
        and start == i
        and ctx.low_at(i - 1) == "in"
        and value is not None
        and value.is_integer()
        and unit in ("D", "W", "M", "Y")
        and ctx.ref is not None
        and _tense(ctx, i, end) == "future"
    ):
        # "talks will resume in three weeks": a point after the reference date
        future = _shift_in_calendar(ctx.ref, int(value), unit)
        value_at = _at_granularity(future, unit) if future else None
        return _Cand(start, end, "DATE", value_at, "in_amount.future", ctx.anchor)
    return _Cand(start, end, "DURATION", _period(value, unit), "duration", kind="duration")


def _r_set(ctx: _Ctx, i: int) -> _Cand | None:
    """Sets: "every week" -> P1W, "each Monday", "annually", "twice a year", "$5 a day"."""
    lex = ctx.lex
    w = ctx.low_at(i)
    if w in lex.set_adverbs:
        if (w == "annual" and ctx.tok(i).pos_ != "ADJ") or ctx.tok(i).pos_ == "PROPN":
            return None  # "Daily et al.", "Annual" in a title
        return _Cand(i, i + 1, "SET", lex.set_adverbs[w], "set.adverb", kind="set")
    start = i
    num0 = _number(ctx, i)
    if num0 is not None and ctx.low_at(num0[0]) == "times":  # "three times a week"
        i = num0[0]
        w = "times"
    if w in lex.frequency_words:
        i += 1
        w = ctx.low_at(i)
    if w in lex.set_quantifiers or (w in ("a", "an") and (start != i or _counts_before(ctx, i))):
        j = i + 1
        if ctx.low_at(j) == "other":
            j += 1
        wd = _weekday(ctx, j)
        if wd and w != "per":
            return _Cand(start, j + 1, "SET", f"XXXX-WXX-{wd[1] + 1}", "set.weekday", kind="set")
        num = _number(ctx, j) if w != "a" else None
        n: float | None = 1.0
        if num is not None:
            j, n = num
        if ctx.low_at(j) in ("weekend", "weekends") and w != "per":
            return _Cand(start, j + 1, "SET", "XXXX-WXX-WE", "set.weekend", kind="set")
        if ctx.low_at(j) in ("quarter", "quarters"):
            return _Cand(start, j + 1, "SET", _period(3 * (n or 1), "M"), "set.quarter", kind="set")
        unit = _unit(ctx, j)
        if unit is None:
            return None
        if ctx.low_at(i + 1) == "other":
            n = 2.0
        return _Cand(start, j + 1, "SET", _period(n, unit), "set.quantified", kind="set")
    return None


def _counts_before(ctx: _Ctx, i: int) -> bool:
    """ "a" reads as "per" after an amount: "$40 billion a year", "three times a week"."""
    prev = ctx.tok(i - 1) if i > 0 else None
    return prev is not None and (
        prev.like_num or prev.ent_type_ == "MONEY" or prev.lower_ in ("times",)
    )


def _clock(ctx: _Ctx, i: int) -> tuple[int, str] | None:
    """A clock time: "3 p.m.", "3pm", "15:00 UTC", "noon" -> (end, "15:00" [+ "Z"])."""
    lex = ctx.lex
    w = ctx.low_at(i)
    if w in lex.clock_words:
        return i + 1, lex.clock_words[w]
    m = _CLOCK_MERIDIEM.match(w)
    mer: str | None = None
    end = i + 1
    zone = ctx.low_at(end)
    if re.fullmatch(r"[0-2]\d[0-5]\d", w) and (zone in lex.utc_zones or zone in lex.other_zones):
        # military time with a zone: "2100 UTC", "0830 GMT"
        hhmm = f"{w[:2]}:{w[2:]}"
        return end + 1, hhmm + ("Z" if zone in lex.utc_zones else "")
    if m:
        h, mi, sec = int(m.group(1)), m.group(2), None
        mer = "pm" if m.group(3)[0] == "p" else "am"
    else:
        m = _CLOCK.match(w)
        dot = _CLOCK_DOT.match(w)
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


def _r_clock(ctx: _Ctx, i: int) -> _Cand | None:
    """Times of day: "3 p.m." -> T15:00 on the date it belongs to; "12:00 UTC Monday"."""
    c = _clock(ctx, i)
    if c is None:
        return None
    end, hhmm = c
    # a date right after ("12:00 UTC Monday", "3 p.m. today") makes one mention
    day: dt.date | None = None
    k = end + 1 if ctx.low_at(end) == "on" else end
    for rule in (_r_dayword, _r_relative, _r_calendar, _r_weekday):
        nxt = rule(ctx, k) if k < ctx.n else None
        if nxt is not None and nxt.day is not None:
            if k == end:
                day, end = nxt.day, nxt.end
            break
    if day is not None:
        return _Cand(
            i, end, "TIME", f"{day}T{hhmm}", "clock.dated", ctx.anchor, kind="time", day=day
        )
    return _Cand(i, end, "TIME", f"T{hhmm}", "clock", kind="clock")


def _r_quarter(ctx: _Ctx, i: int) -> _Cand | None:
    """Quarters and halves: "the third quarter" -> 2021-Q3, "Q3 2021", "third-quarter",
    "the first half of 2020" -> 2020-H1, "the fourth quarter of last year"."""
    start = i
    # the year first, as in earnings tables: "2019 Q1", "2019-Q1", "2019 H2"
    yq = _year(ctx, i, strict=False)
    if yq is not None:
        k = i + 2 if ctx.low_at(i + 1) == "-" and ctx.glued(i + 1) and ctx.glued(i + 2) else i + 1
        mq = _QUARTER.match(ctx.low_at(k))
        if mq is None or (k == i + 1 and ctx.glued(k)):
            return None
        kind_q, nq = mq.group(1).upper(), int(mq.group(2))
        if kind_q == "H" and nq > 2:
            return None
        return _Cand(
            start, k + 1, "DATE", f"{yq}-{kind_q}{nq}", "quarter.year_first", kind="quarter"
        )
    if ctx.low_at(i) == "the":
        i += 1
    m = _QUARTER.match(ctx.low_at(i))
    if m:
        kind, n, j = m.group(1).upper(), int(m.group(2)), i + 1
    else:
        o = _day_num(ctx, i) if not ctx.low_at(i).isdigit() else None
        n_ord = ctx.lex.ordinals.get(ctx.low_at(i)) or o
        j = i + 1
        if ctx.low_at(j) == "-":
            j += 1
        unit = ctx.low_at(j)
        if n_ord is None or unit not in ("quarter", "half"):
            return None
        if unit == "half" and ctx.low_at(i) == "final":
            n_ord = 2
        kind, n, j = ("Q" if unit == "quarter" else "H"), n_ord, j + 1
        if n > (4 if kind == "Q" else 2):
            return None
    end = j
    y: int | None = None
    rule = "quarter"
    k = j + 1 if ctx.low_at(j) in ("of", ",") else j
    yy = _year(ctx, k, strict=False)
    if yy is not None:
        y, end = yy, k + 1
    elif ctx.low_at(k) in ("this", "last", "next") and ctx.low_at(k + 1) == "year" and ctx.ref:
        y, end = ctx.ref.year + ctx.lex.relative[ctx.low_at(k)], k + 2
    elif kind == "H" and ctx.low_at(k) != "year":
        return None  # "in the first half" of a football match
    elif ctx.ref is not None:
        y = ctx.ref.year
        current = (ctx.ref.month - 1) // (3 if kind == "Q" else 6) + 1
        tense = _tense(ctx, start, end)
        if tense == "past" and n > current:
            y -= 1
        elif tense == "future" and n < current:
            y += 1
        rule = "quarter.tense"
    value = f"{y}-{kind}{n}" if y is not None else f"XXXX-{kind}{n}"
    return _Cand(start, end, "DATE", value, rule, ctx.anchor, kind="quarter")


def _r_season(ctx: _Ctx, i: int) -> _Cand | None:
    """Seasons: "summer 2020", "in the spring" -> by tense ("fall" only with a cue)."""
    lex = ctx.lex
    start = i + 1 if ctx.low_at(i) == "the" else i
    season = lex.seasons.get(ctx.low_at(start))
    if season is None or ctx.tok(start).pos_ not in ("NOUN", "PROPN"):
        return None
    end = start + 1
    if end < ctx.n and ctx.tok(end).pos_ == "PROPN" and not _YEAR.match(ctx.text[end]):
        return None  # "the Winter Olympics", "the Winter Carnival of Magic"
    k = end + 1 if ctx.low_at(end) == "of" else end
    y = _year(ctx, k, strict=False)
    if y is not None:
        return _Cand(i, k + 1, "DATE", f"{y}-{season}", "season.year", kind="season")
    if ctx.low_at(i - 1) not in ("in", "during", "this", "by", "until", "over") and start == i:
        return None
    if ctx.low_at(start) == "fall" and start == i:
        return None
    if ctx.ref is None:
        return _Cand(i, end, "DATE", f"XXXX-{season}", "season", kind="season")
    tense = _tense(ctx, i, end)
    y = ctx.ref.year
    if tense == "past" and ctx.ref.month <= lex.season_end[season] - 3:
        y -= 1
    elif tense == "future" and ctx.ref.month > lex.season_end[season]:
        y += 1
    return _Cand(i, end, "DATE", f"{y}-{season}", "season.tense", ctx.anchor, kind="season")


def _r_ref(ctx: _Ctx, i: int) -> _Cand | None:
    """PRESENT_REF / PAST_REF / FUTURE_REF: "must now use", "currently", "recently",
    "in the past", "the future", "very soon"."""
    lex = ctx.lex
    w = ctx.low_at(i)
    start = i
    if w in lex.degree_adverbs and ctx.low_at(i + 1) in (lex.past_ref | lex.future_ref):
        i += 1
        w = ctx.low_at(i)
    tok = ctx.tok(i)
    if ctx.low_at(i + 1) == "-" and ctx.glued(i + 1):
        return None  # "the soon-to-open terminal", "a recently-accepted paper"
    if w in lex.present_ref and start == i:
        if w == "now" and (
            tok.pos_ not in ("ADV", "NOUN")
            or ctx.low_at(i + 1) in ("that", "-")
            or (ctx.low_at(i - 1) == "every" and ctx.low_at(i + 1) == "and")
        ):
            return None  # "now that ...", "now-defunct", "every now and then"
        return _Cand(i, i + 1, "DATE", "PRESENT_REF", "ref.present", kind="ref")
    for phrase in lex.present_phrases:
        if tuple(ctx.low[i : i + len(phrase)]) == phrase:
            return _Cand(i, i + len(phrase), "DATE", "PRESENT_REF", "ref.present", kind="ref")
    if w in lex.past_ref:
        return _Cand(start, i + 1, "DATE", "PAST_REF", "ref.past", kind="ref")
    if w in lex.future_ref:
        if ctx.low_at(i + 1) in ("after", "before", "as") or ctx.low_at(i - 1) == "as":
            return None  # "soon after the launch", "as soon as": relative to an event
        if _tense(ctx, start, i + 1) == "past":
            return None  # "Police soon arrived": soon after a past moment, not after now
        return _Cand(start, i + 1, "DATE", "FUTURE_REF", "ref.future", kind="ref")
    if w == "the" and ctx.low_at(i - 1) in ("in", "of") and start == i:
        nxt = ctx.low_at(i + 1)
        if nxt == "past" and not ctx.low_at(i + 2).isalnum():
            return _Cand(i, i + 2, "DATE", "PAST_REF", "ref.past", kind="ref")
        if nxt == "future" or (nxt == "near" and ctx.low_at(i + 2) == "future"):
            return _Cand(i, i + 2 + (nxt == "near"), "DATE", "FUTURE_REF", "ref.future", kind="ref")
    return None


def _movable_day(feast: str, offset: int, year: int) -> dt.date:
    """Easter (Western computus) or US Thanksgiving (the fourth Thursday of November)."""
    if feast == "easter":
        base = easter(year)
    else:
        nov1 = dt.date(year, 11, 1)
        base = nov1 + dt.timedelta(days=(3 - nov1.weekday()) % 7 + 21)
    return base + dt.timedelta(days=offset)


def _holiday_at(ctx: _Ctx, i: int) -> tuple[int, Callable[[int], dt.date]] | None:
    """A holiday name at ``i`` (fixed or movable, longest first): its length in tokens
    and the date it falls on in a given year."""
    if ctx.low_at(i) not in ctx.lex.holiday_firsts:
        return None
    best: tuple[int, Callable[[int], dt.date]] | None = None
    for key, feast_rule in ctx.lex.movable.items():
        if tuple(ctx.low[i : i + len(key)]) == key and (best is None or len(key) > best[0]):
            feast, offset = feast_rule
            best = (len(key), lambda y, f=feast, o=offset: _movable_day(f, o, y))
    for key, (m, d) in ctx.lex.holidays.items():
        got = tuple(w.replace("’s", "'s") for w in ctx.low[i : i + len(key)])
        if got == key and (best is None or len(key) > best[0]):
            best = (len(key), lambda y, m=m, d=d: dt.date(y, m, d))
    if best is None:
        return None
    last = ctx.tok(i + best[0] - 1)
    if last.dep_ == "compound" and last.head.i >= i + best[0]:
        return None  # "last Christmas sales"
    return best


def _r_movable(ctx: _Ctx, i: int) -> _Cand | None:
    """Holidays without a fixed date: "on Good Friday", "Easter 2018", "over
    Thanksgiving" -> the occurrence by tense, like a weekday."""
    if ctx.low[i] not in ctx.lex.holiday_firsts:
        return None
    best: tuple[int, tuple[str, int]] | None = None
    for key, feast_rule in ctx.lex.movable.items():
        n = len(key)
        if tuple(ctx.low[i : i + n]) == key and (best is None or n > best[0]):
            best = (n, feast_rule)
    if best is None:
        return None
    n, (feast, offset) = best
    end = i + n
    if not ctx.text[i][:1].isupper() and _holiday_year(ctx, end) is None:
        return None  # lower case only with its year: "black friday 2010"
    last = ctx.tok(end - 1)
    if (last.dep_ == "compound" and last.head.i >= end) or (
        i > 0 and ctx.tok(i - 1).pos_ == "PROPN"
    ):
        return None  # "Easter eggs", "Black Friday sales", "Operation Thanksgiving"
    written = _holiday_year(ctx, end)
    if written is not None:
        y, stop, rel = written
        day = _movable_day(feast, offset, y)
        anchor = ctx.anchor if rel else None
        rule = "holiday.movable" + (".rel_year" if rel else "")
        return _Cand(i, stop, "DATE", day.isoformat(), rule, anchor, kind="day", day=day)
    if ctx.ref is None:
        return _Cand(i, end, "DATE", None, "holiday.movable.no_ref", kind="day")
    ref = ctx.ref
    this = _movable_day(feast, offset, ref.year)
    tense = _tense(ctx, i, end)
    if tense == "past" and this > ref:
        this = _movable_day(feast, offset, ref.year - 1)
    elif tense == "future" and this < ref:
        this = _movable_day(feast, offset, ref.year + 1)
    elif tense is None or tense == "present":
        prev, nxt = (
            _movable_day(feast, offset, ref.year - 1),
            _movable_day(feast, offset, ref.year + 1),
        )
        this = min((prev, this, nxt), key=lambda d: abs(d - ref))
    rule = f"holiday.movable.{tense or 'nearest'}"
    return _Cand(i, end, "DATE", this.isoformat(), rule, ctx.anchor, kind="day", day=this)


def _r_holiday(ctx: _Ctx, i: int) -> _Cand | None:
    """Fixed-date holidays: "on Christmas Day", "New Year's Eve" -> by tense;
    "Christmas 2019", "independence day of this year" with the year written."""
    if ctx.low[i] not in ctx.lex.holiday_firsts:
        return None
    best: tuple[int, tuple[int, int]] | None = None
    for key, md in ctx.lex.holidays.items():
        n = len(key)
        got = tuple(w.replace("’s", "'s") for w in ctx.low[i : i + n])
        if got == key and (best is None or n > best[0]):
            best = (n, md)
    if best is None:
        return None
    n, (m, d) = best
    end = i + n
    written = _holiday_year(ctx, end)
    if not ctx.text[i][:1].isupper() and written is None:
        return None  # lower case only with its year: "earth day 2010"
    last = ctx.tok(end - 1)
    if (last.dep_ == "compound" and last.head.i >= end) or (
        i > 0 and ctx.tok(i - 1).pos_ == "PROPN"
    ):
        return None  # "Christmas sales" is a season, "Johnnie Christmas" a name
    if written is not None:
        y, stop, rel = written
        try:
            day = dt.date(y, m, d)
        except ValueError:
            return None
        anchor = ctx.anchor if rel else None
        rule = "holiday" + (".rel_year" if rel else "")
        return _Cand(i, stop, "DATE", day.isoformat(), rule, anchor, kind="day", day=day)
    return _date_cand(ctx, i, end, None, m, d, "holiday")


def _holiday_year(ctx: _Ctx, i: int) -> tuple[int, int, bool] | None:
    """The year written after a holiday: "Easter 2018", "Christmas of 2019",
    "independence day of this year" -> (year, end, relative to the reference)."""
    k = i + 1 if ctx.low_at(i) == "of" else i
    if _YEAR.match(ctx.low_at(k)):
        y = _year_after(ctx, k)
        return (y, k + 1, False) if y is not None else None
    rel = ctx.lex.relative.get(ctx.low_at(k))
    if (
        rel is not None
        and ctx.low_at(k) in ("this", "next", "last")
        and ctx.low_at(k + 1) == "year"
        and ctx.ref is not None
    ):
        return ctx.ref.year + rel, k + 2, True
    return None


def _r_day_part(ctx: _Ctx, i: int) -> _Cand | None:
    """Parts of a day on their own: "in the morning", "early morning", "late in the
    afternoon" -> TMO/TAF on the day of the context (like a clock time)."""
    lex = ctx.lex
    start = i
    mod = None
    if ctx.low_at(i) in ("early", "late"):
        mod = "START" if ctx.low_at(i) == "early" else "END"
        i += 1
        if ctx.low[i : i + 2] == ["in", "the"]:
            i += 2
    elif ctx.low_at(i) == "the" and ctx.low_at(i - 1) in lex.day_part_signals:
        i += 1
    else:
        return None
    part = lex.day_parts.get(ctx.low_at(i))
    if part is None:
        return None
    tok = ctx.tok(i)
    if tok.dep_ == "compound" or (i + 1 < ctx.n and ctx.tok(i + 1).pos_ == "NOUN"):
        return None  # "in morning trading", "the night shift"
    return _Cand(start, i + 1, "TIME", f"T{part}", "day_part", mod=mod, kind="clock")


def _r_narrative(ctx: _Ctx, i: int) -> _Cand | None:
    """Times counted from the narrative: "the day before", "the next day", "the year
    before" ("a decrease from the year before, when it was forty percent")."""
    lex = ctx.lex
    if ctx.low_at(i) != "the":
        return None
    a, b = ctx.low_at(i + 1), ctx.low_at(i + 2)
    if a in lex.narrative_units and b in (
        "before",
        "after",
        "earlier",
        "later",
        "previous",
        "prior",
    ):
        adverb = ctx.tok(i + 2)
        if any(c.dep_ in ("pobj", "pcomp") for c in adverb.children):
            return None  # "the day after the attack": counted from an event, not a time
        unit, step = lex.narrative_units[a], lex.narrative_steps[b]
    elif a in ("next", "following", "previous", "preceding", "prior") and b == "day":
        # only the day: "the next year" stays with the reference-date rules
        unit, step = "D", lex.narrative_steps[a]
    else:
        return None
    return _Cand(i, i + 3, "DATE", None, "narrative.the_unit", kind="narrative", shift=(step, unit))


def _r_same_period(ctx: _Ctx, i: int) -> _Cand | None:
    """ "sales rose 43% in February compared to the same period last year" -> the
    time named before, a year earlier (2009-02): "the same month a year ago", "the
    same quarter of the previous year"."""
    if ctx.low_at(i) != "the" or ctx.low_at(i + 1) != "same":
        return None
    if ctx.low_at(i + 2) not in ctx.lex.same_units:
        return None
    j = i + 3
    if ctx.low_at(j) in ("of", "in"):
        j += 1
    if ctx.low[j : j + 2] in (["last", "year"], ["a", "year"], ["the", "previous"]):
        k = j + 2
        if ctx.low_at(k) in ("ago", "earlier", "before", "year"):
            k += 1
        if ctx.low[j : j + 2] == ["a", "year"] and k == j + 2:
            return None  # "the same period a year" needs "ago" / "earlier"
        if ctx.low[j : j + 2] == ["the", "previous"] and ctx.low_at(j + 2) != "year":
            return None
        return _Cand(i, k, "DATE", None, "narrative.same_period", kind="narrative", shift=(-1, "Y"))
    return None


def _r_whole(ctx: _Ctx, i: int) -> _Cand | None:
    """A whole unit as a stretch of time: "closed all day" -> P1D, "all year" -> P1Y."""
    if ctx.low_at(i) not in ctx.lex.whole_words:
        return None
    start = i
    value = ctx.lex.whole_units.get(ctx.low_at(i + 1))
    if value is None or ctx.low_at(i + 2) in ("of", "-") or ctx.tok(i + 1).dep_ == "compound":
        return None  # "all day of the week", "all-day", "all day passes"
    return _Cand(start, i + 2, "DURATION", value, "whole_unit", kind="duration")


def _r_week_of(ctx: _Ctx, i: int) -> _Cand | None:
    """An ordinal week of a month or year: "the last week of March" -> 2009-W13,
    "the first week of 2015" -> 2015-W01 (ISO weeks: a week belongs to the month
    or year that holds its Thursday)."""
    lex = ctx.lex
    start = i
    if ctx.low_at(i) == "the":
        i += 1
    m = re.fullmatch(r"([1-5])(?:st|nd|rd|th)", ctx.low_at(i))
    n = int(m.group(1)) if m else lex.week_ordinals.get(ctx.low_at(i))
    if n is None or ctx.low_at(i + 1) != "week" or ctx.low_at(i + 2) != "of":
        return None
    found = _year_or_month_at(ctx, i + 3)
    if found is None:
        return None
    inner, y, month = found
    if month is not None:
        first = dt.date(y, month, 4)  # the week holding the 4th holds the month's first Thursday
        last = (first + relativedelta(months=1)) - dt.timedelta(days=7)
    else:
        first, last = dt.date(y, 1, 4), dt.date(y, 12, 28)
    day = last if n < 0 else first + dt.timedelta(weeks=n - 1)
    return _Cand(
        start, inner.end, "DATE", _week(day), "week_of+" + inner.rule, inner.anchor, kind="week"
    )


def _year_or_month_at(ctx: _Ctx, k: int) -> tuple[_Cand, int, int | None] | None:
    """The year, or year and month, a DATE starting at token ``k`` names ("of 2021",
    "of next month"), with that DATE."""
    inner = _best_core(ctx, k)
    if inner is None or inner.start != k or inner.value is None or inner.type != "DATE":
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", inner.value)
    if m is None:
        return None
    return inner, int(m.group(1)), int(m.group(2)) if m.group(2) else None


def _r_week_number(ctx: _Ctx, i: int) -> _Cand | None:
    """A numbered ISO week with its year: "week 3 of 2027" -> 2027-W03, "week 27 of
    last year". Without a year ("week 3 of the trial") it is not a calendar week."""
    start = i
    if ctx.low_at(i) == "the":
        i += 1
    if ctx.low_at(i) != "week" or not ctx.low_at(i + 1).isdigit() or ctx.low_at(i + 2) != "of":
        return None
    n = int(ctx.low_at(i + 1))
    k = i + 3
    y = _year(ctx, k, strict=False)
    end, anchor = k + 1, None
    if y is None:
        rel = ctx.low_at(k)
        if rel not in ("this", "last", "next") or ctx.low_at(k + 1) != "year" or ctx.ref is None:
            return None
        y, end, anchor = ctx.ref.year + ctx.lex.relative[rel], k + 2, ctx.anchor
    if not 1 <= n <= dt.date(y, 12, 28).isocalendar()[1]:
        return None
    return _Cand(start, end, "DATE", f"{y}-W{n:02d}", "week_number", anchor, kind="week")


def _r_nth_of(ctx: _Ctx, i: int) -> _Cand | None:
    """An ordinal month of a year or day of a month: "the third month of 2021" ->
    2021-03, "the 15th day of next month" -> 2020-08-15."""
    if ctx.low_at(i) != "the":
        return None
    n = _day_num(ctx, i + 1)
    what = ctx.low_at(i + 2)
    if n is None or what not in ("month", "day") or ctx.low_at(i + 3) != "of":
        return None
    found = _year_or_month_at(ctx, i + 4)
    if found is None:
        return None
    inner, y, month = found
    if what == "month" and month is None and n <= 12:
        value = f"{y}-{n:02d}"
        return _Cand(
            i, inner.end, "DATE", value, "nth_of+" + inner.rule, inner.anchor, kind="month"
        )
    if what != "day":
        return None
    if month is None:
        if n > 31:
            return None
        # "the first day of 2020"; only month-sized ordinals, as written in news
        day = dt.date(y, 1, 1) + dt.timedelta(days=n - 1)
    else:
        try:
            day = dt.date(y, month, n)
        except ValueError:
            return None
    rule = "nth_of+" + inner.rule
    return _Cand(i, inner.end, "DATE", day.isoformat(), rule, inner.anchor, kind="day", day=day)


def _r_day_of_month(ctx: _Ctx, i: int) -> _Cand | None:
    """A day of the month named alone: "on the 18th" -> the 18th of the reference
    month (of the previous one when the verb is past and the 18th is still to come),
    "the 21st of this month"."""
    if ctx.low_at(i) != "the" or ctx.low_at(i - 1) not in (
        "on",
        "by",
        "until",
        "since",
        "before",
        "after",
    ):
        return None
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", ctx.low_at(i + 1))
    if m is None or not 1 <= int(m.group(1)) <= 31:
        return None
    d, end = int(m.group(1)), i + 2
    nxt = ctx.tok(end) if end < ctx.n else None
    step: int | None = None
    k = end + 1 if ctx.low_at(end) == "of" else end
    if ctx.low_at(k) in ("this", "next", "last") and ctx.low_at(k + 1) == "month":
        step, end = ctx.lex.relative[ctx.low_at(k)], k + 2
    elif nxt is not None and (nxt.pos_ in ("NOUN", "PROPN", "NUM") or nxt.lower_ in ("of", "-")):
        return None  # "the 18th century", "the 18th of May" (the calendar rule), "the 5th floor"
    if ctx.ref is None:
        return _Cand(i, end, "DATE", None, "day_of_month", kind="day")
    first = ctx.ref.replace(day=1)
    if step is None:
        tense = _tense(ctx, i, end)
        step = 0
        if tense == "past" and d > ctx.ref.day:
            step = -1
        elif tense == "future" and d < ctx.ref.day:
            step = 1
    first += relativedelta(months=step)
    try:
        day = first.replace(day=d)
    except ValueError:
        return None
    return _Cand(i, end, "DATE", day.isoformat(), "day_of_month", ctx.anchor, kind="day", day=day)


_CORE: tuple[Callable[[_Ctx, int], _Cand | None], ...] = (
    _r_clock,
    _r_beyond,
    _r_dayword,
    _r_relative,
    _r_calendar,
    _r_named_event,
    _r_numeric,
    _r_decade,
    _r_century,
    _r_quarter,
    _r_season,
    _r_set,
    _r_amount,
    _r_weekday,
    _r_year,
    _r_word_year,
    _r_ref,
    _r_holiday,
    _r_movable,
    _r_day_part,
    _r_fiscal,
    _r_narrative,
    _r_same_period,
    _r_whole,
    _r_day_of_month,
)


def _best_core(ctx: _Ctx, i: int) -> _Cand | None:
    best: _Cand | None = None
    if i >= ctx.n:
        return None
    for rule in _CORE:
        c = rule(ctx, i)
        if c is not None and c.end > c.start and (best is None or c.end > best.end):
            best = c
    return best


def _r_part_of(ctx: _Ctx, i: int) -> _Cand | None:
    """Part-of modifiers inside the span: "early 2020" (START), "mid-2011", "late last
    year", "the end of the year", "the beginning of March", "earlier this month"."""
    lex = ctx.lex
    start = i
    w = ctx.low_at(i)
    mod: str | None = None
    m = _PART_PREFIX.match(ctx.text[i]) if i < ctx.n else None
    if m:
        mod = lex.part_of[m.group(1).lower()]
        inner_text = m.group(2)
        y = int(inner_text) if _YEAR.match(inner_text) else None
        month = lex.months.get(inner_text.lower())
        if y is not None:
            return _Cand(start, i + 1, "DATE", str(y), "part_of.year", mod=mod, kind="year")
        dec = _DECADE.match(inner_text)
        if dec and dec.group(1):  # "mid-1990s"
            value = dec.group(1) + dec.group(2)
            return _Cand(start, i + 1, "DATE", value, "part_of.decade", mod=mod, kind="decade")
        if month is not None and ctx.ref is not None:
            yy = _resolve_month_year(ctx.ref, month, None, _tense(ctx, i, i + 1))
            return _Cand(
                start, i + 1, "DATE", f"{yy}-{month:02d}", "part_of.month", ctx.anchor, mod, "month"
            )
        return None
    if w in ("early", "mid", "late") or w in lex.part_of_soft:
        mod = lex.part_of.get(w)
        i += 1
        if ctx.low_at(i) == "-":
            i += 1
    elif (w == "the" and ctx.low_at(i + 1) in lex.part_of and ctx.low_at(i + 2) == "of") or (
        w in ("end", "beginning", "start", "middle")
        and ctx.low_at(i + 1) == "of"
        and ctx.low_at(i - 1) in ("by", "at", "before", "until", "till", "from", "since")
    ):
        # "by end of year", "at end of the month" (headline style drops the article)
        k = i if w != "the" else i + 1
        mod = lex.part_of[ctx.low_at(k)]
        i = k + 2
        # "the end of the year" -> this year
        bare = ctx.low_at(i) in lex.relative_units  # "end of year"
        if bare:
            i -= 1
        if (bare or ctx.low_at(i) == "the") and ctx.low_at(i + 1) in lex.relative_units and ctx.ref:
            unit = lex.relative_units[ctx.low_at(i + 1)]
            if ctx.low_at(i + 2) != "of":
                value = _relative_unit_value(ctx.ref, 0, unit)
                return _Cand(start, i + 2, "DATE", value, "part_of.the_unit", ctx.anchor, mod, unit)
    else:
        return None
    inner = _best_core(ctx, i)
    if (
        inner is None
        or inner.type != "DATE"
        or inner.start != i
        or inner.kind in ("ref", "duration")
    ):
        return None
    if w in lex.part_of_soft and inner.kind not in ("Y", "M", "W", "year", "month"):
        return None
    return replace(inner, start=start, mod=mod, rule=f"part_of+{inner.rule}")


def _r_approx(ctx: _Ctx, i: int) -> _Cand | None:
    """Approximations inside the span: "almost two and a half years", "more than 60
    days", "about three weeks ago" (TIMEX3 mod)."""
    lex = ctx.lex
    mod: str | None = None
    j = i
    for phrase, m in lex.approx_phrases:
        if tuple(ctx.low[i : i + len(phrase)]) == phrase:
            mod, j = m, i + len(phrase)
            break
    else:
        if ctx.low_at(i) in lex.approx:
            mod, j = lex.approx[ctx.low_at(i)], i + 1
    if mod is None:
        return None
    if ctx.low_at(j) in ("the", "past", "last", "next", "coming", "previous"):
        return None  # "over the past three years": "over" is a preposition there
    inner = _r_amount(ctx, j)
    if inner is None or inner.start != j:
        return None
    return replace(inner, start=i, mod=mod)


def _r_the(ctx: _Ctx, i: int) -> _Cand | None:
    """The determiner belongs to the mention: "the 1990s", "the 20th century",
    "the two years"; not to a year or a date ("the 2008 model year")."""
    if ctx.low_at(i) != "the" or not _may_open(ctx.low_at(i + 1), ctx.lex.triggers):
        return None
    inner = _best_core(ctx, i + 1)
    part = _r_part_of(ctx, i + 1)  # "the mid-1990s", "the late 1980s"
    if part is not None and (inner is None or part.end > inner.end):
        inner = part
    if inner is None or inner.start != i + 1:
        return None
    if inner.kind in ("decade", "century", "duration") or (
        inner.rule == "relative.unit" and ctx.low_at(i + 1) != "this"
    ):
        # "the previous year", "the last quarter", "the next month"
        return replace(inner, start=i)
    return None


_RULES: tuple[Callable[[_Ctx, int], _Cand | None], ...] = (
    *_CORE,
    _r_part_of,
    _r_approx,
    _r_the,
    _r_week_of,
    _r_week_number,
    _r_nth_of,
)


def _with_day_part(ctx: _Ctx, c: _Cand) -> _Cand:
    """A day and the part of it right after: "Friday morning" -> 2010-07-16TMO (TIME),
    "next Monday afternoon"; not "in morning trading" (the part modifies a noun)."""
    part = ctx.lex.day_parts.get(ctx.low_at(c.end))
    if part is None or c.kind != "day" or c.type != "DATE":
        return c
    tok = ctx.tok(c.end)
    if tok.dep_ == "compound" and tok.head.i > c.end:
        return c
    value = f"{c.day}T{part}" if c.day else None
    return replace(c, end=c.end + 1, type="TIME", value=value, rule=c.rule + "+part", kind="time")


def _bare_clock(ctx: _Ctx, i: int, part: str | None) -> tuple[int, str] | None:
    """A clock time after "at" / "around" that names no am or pm: "tonight around 7",
    "last night at 8", "tomorrow at 8:45a", "today at 9p" -> (end, "19:00").

    Only read beside a day word, where the hour of the day part decides am or pm.
    Words too: "the sun will set tomorrow at seven twenty-seven" -> "07:27".
    """
    m = _CLOCK_SHORT.match(ctx.low_at(i))
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
        rest = _number(ctx, end)
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
        if mi == "00" and (nxt in ctx.lex.units or nxt in ("%", "percent", "per")):
            return None  # "today at 5 percent", "tonight around 7 hours"
        if end < ctx.n and ctx.tok(end).pos_ in ("NOUN", "PROPN") and nxt not in ctx.lex.triggers:
            return None  # "closed today at seven dollars": a count, not a clock
        low, high = ctx.lex.evening_hours.get(part or "", (0, 0))
        if low <= h <= high:
            h += 12
    return end, f"{h:02d}:{mi}"


def _with_clock(ctx: _Ctx, c: _Cand) -> _Cand:
    """A day word and the clock time after it are one TIME: "tomorrow at 8:45 a.m.",
    "tonight around 7" (2019-12-26T19:00), "last night at 8", "today before 4pm"
    (mod BEFORE), "tomorrow am" (the morning)."""
    if not c.rule.startswith("dayword") or c.day is None:
        return c
    part = "NI" if ctx.low_at(c.start) == "tonight" or ctx.low_at(c.end - 1) == "tonight" else None
    if c.kind == "time" and c.value and "T" in c.value:
        part = c.value.rsplit("T", 1)[1]
    word = ctx.low_at(c.end)
    if c.kind == "day" and word in ctx.lex.meridiem_parts and not ctx.glued(c.end):
        value = f"{c.day}T{ctx.lex.meridiem_parts[word]}"
        return replace(c, end=c.end + 1, type="TIME", value=value, rule=c.rule + "+meridiem")
    if word not in ctx.lex.clock_links:
        return c
    got = _clock(ctx, c.end + 1) or _bare_clock(ctx, c.end + 1, part)
    if got is None:
        return c
    end, hhmm = got
    mod = ctx.lex.clock_links[word] or c.mod
    return replace(
        c,
        end=end,
        type="TIME",
        value=f"{c.day}T{hhmm}",
        rule=c.rule + "+clock",
        mod=mod,
        kind="time",
    )


def _may_open(w: str, triggers: frozenset[str]) -> bool:
    """Cheap test before the rules run: only these tokens can open a mention."""
    if w in triggers or w[:1].isdigit() or w[:1] in ("'", "’") or w.startswith("fy"):
        return True
    return bool(_PART_PREFIX.match(w) or _QUARTER.match(w) or _GLUED_MONTH_DAY.match(w))


def _scan(ctx: _Ctx) -> list[_Cand]:
    out: list[_Cand] = []
    i = 0
    n = ctx.n
    doc = ctx.doc
    triggers = ctx.lex.triggers
    low = ctx.low
    while i < n:
        w = low[i]
        if not _may_open(w, triggers):
            i += 1
            continue
        tok = doc[i]
        if tok.is_space or (tok.is_punct and tok.text != "'"):
            i += 1
            continue
        best: _Cand | None = None
        for rule in _RULES:
            c = rule(ctx, i)
            if c is not None and c.end > c.start and (best is None or c.end > best.end):
                best = c
        if best is None:
            i += 1
            continue
        best = _with_clock(ctx, _with_day_part(ctx, best))
        if not _inside_name(ctx, best):
            out.append(best)
        i = best.end
    return out


def _inside_name(ctx: _Ctx, c: _Cand) -> bool:
    """A time word that is part of a longer name: "I read Saturday Morning Breakfast
    Cereal" (a webcomic), "the Winter Olympics". Only words: a number in a name ("the
    2014 Winter Paralympics") still dates it."""
    if any(ch.isdigit() for w in ctx.text[c.start : c.end] for ch in w):
        return False
    head = ctx.tok(c.end - 1)
    for _ in range(4):
        if head.dep_ != "compound" or head.head.i <= head.i or head.head.tag_ != "NNP":
            break
        head = head.head
    after = ctx.tok(c.end) if c.end < ctx.n else None
    if (
        head.i > c.end  # two words or more after it: not "Since December GM and Chrysler"
        # a name of its own starts right after: "On Friday Ford Motor Company announced"
        and not (
            after is not None
            and after.ent_iob_ == "B"
            and after.ent_type_ in ctx.lex.name_entity_types
        )
        and head.tag_ == "NNP"
        and head.lower_ not in ctx.lex.triggers
        and all(ctx.text[k][:1].isupper() for k in range(c.start, head.i + 1))
    ):
        return True  # "Saturday Morning Breakfast Cereal": the name's head is further on
    types = ctx.lex.name_entity_types
    for k in range(c.start, c.end):
        tok = ctx.tok(k)
        if tok.ent_type_ not in types:
            continue
        # the entity runs past the mention on either side
        left = k
        while left > 0 and ctx.tok(left).ent_iob_ == "I":
            left -= 1
        right = k + 1
        while right < ctx.n and ctx.tok(right).ent_iob_ == "I":
            right += 1
        if left < c.start or right > c.end:
            return True
    return False


def _date_clock(cands: list[_Cand], ctx: _Ctx) -> list[_Cand]:
    """Give an undated clock time the date of its sentence ("Monday ... at 3 p.m."),
    else the reference date; a day directly followed by its clock time ("tomorrow
    8:00am", "Monday 9 am") is one TIME mention."""
    merged: list[_Cand] = []
    for c in cands:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and c.kind == "clock"
            and c.value
            and prev.day is not None
            and prev.kind == "day"
            and prev.end == c.start
        ):
            merged[-1] = _Cand(
                prev.start,
                c.end,
                "TIME",
                f"{prev.day}{c.value}",
                "clock.dated+" + prev.rule,
                prev.anchor,
                kind="time",
                day=prev.day,
            )
            continue
        if (
            prev is not None
            and prev.kind == "clock"
            and prev.value
            and c.day is not None
            and c.rule.startswith("narrative.")
            and prev.end == c.start
        ):
            # "the last ballot was cast at 2:30 the next day": one TIME on that day
            merged[-1] = replace(
                c,
                start=prev.start,
                type="TIME",
                value=f"{c.day}{prev.value}",
                rule="clock.dated+" + c.rule,
                kind="time",
            )
            continue
        merged.append(c)
    cands = merged
    out: list[_Cand] = []
    for c in cands:
        if c.kind == "clock" and c.value:
            day, rule = _clock_day(ctx, cands, c)
            if day is not None:
                c = replace(c, value=f"{day}{c.value}", rule=rule, anchor=day.isoformat())
        out.append(c)
    return out


def _clock_day(ctx: _Ctx, cands: list[_Cand], c: _Cand) -> tuple[dt.date | None, str]:
    """The day an undated clock time falls on, and the rule that gave it.

    "On Monday, a water main broke ... By 5:00 pm EDT the city issued ...": the
    nearest day in the sentence, else the last one earlier in the paragraph, else
    the reference date.
    """
    s_start, s_end = ctx.sentence(c.start)
    # a narrative day after the clock counts from it ("at 22:30 ... at 2:30 the next day")
    days = [
        d
        for d in cands
        if d.day is not None
        and s_start <= d.start < s_end
        and not (d.start > c.start and "narrative." in d.rule)
    ]
    if days:
        return min(days, key=lambda d: abs(d.start - c.start)).day, "clock.sentence_date"
    para = ctx.doc_text.rfind("\n\n", 0, ctx.doc[c.start].idx)
    before = [
        d for d in cands if d.day is not None and d.end <= c.start and ctx.doc[d.start].idx > para
    ]
    if before:
        return before[-1].day, "clock.paragraph_date"
    return ctx.ref, "clock.reference"


def _base_of(c: _Cand) -> tuple[dt.date, str] | None:
    """What a narrative step can count from: a day, a month or a year already named."""
    if c.day is not None and c.type == "DATE":
        return c.day, "D"
    if c.type != "DATE" or c.value is None or c.mod is not None:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}|Q[1-4]))?", c.value)
    if m is None:
        return None
    if m.group(2) and m.group(2)[0] == "Q":
        return dt.date(int(m.group(1)), 3 * int(m.group(2)[1]) - 2, 1), "Q"
    if m.group(2):
        return dt.date(int(m.group(1)), int(m.group(2)), 1), "M"
    return dt.date(int(m.group(1)), 1, 1), "Y"


_COARSE = {"D": 0, "W": 1, "M": 2, "Q": 3, "Y": 4}


def _anchor_narrative(cands: list[_Cand], ctx: _Ctx) -> list[_Cand]:
    """Resolve "three days later", "the day before", "the year before" against the
    last time the text named before them ("released on May 3 ... three days later"
    -> May 6), else the reference date."""
    out: list[_Cand] = []
    for c in cands:
        if c.shift is None:
            out.append(c)
            continue
        step, unit = c.shift
        base: tuple[dt.date, str] | None = None
        for prev in reversed(out):
            if (
                prev.kind == "clock"
                and unit == "D"
                and ctx.sentence(prev.start) == ctx.sentence(c.start)
            ):
                # "after the polls closed at 22:30 ... the last ballot there was cast at
                # 2:30 the next day": the day after the clock time's day
                day_of, _ = _clock_day(ctx, out, prev)
                if day_of is not None:
                    base = (day_of, "D")
                    break
            base = _base_of(prev)
            if base is not None:
                break
        rule = c.rule + ".previous"
        if base is None and ctx.ref is not None:
            # nothing named before: narrative time is the publication date (TimeML's
            # default), unless the tense contradicts it - "Two years later, he died" is
            # not after the reference date
            tense = _tense(ctx, c.start, c.end)
            if not (tense == "past" and step > 0) and not (tense == "future" and step < 0):
                base, rule = (ctx.ref, "D"), c.rule + ".reference"
        if base is None:
            out.append(replace(c, shift=None, rule=c.rule + ".no_anchor"))
            continue
        d, grain = base
        # a step finer than what was named keeps the coarser grain ("in 2009 ... two
        # days later" is still 2009 as far as the text says)
        gran = grain if _COARSE[grain] > _COARSE[unit] else unit
        if c.rule.startswith("narrative.same_period"):
            gran = grain  # "the same month a year ago": the month named, a year back
        shifted = _shift_in_calendar(d, step, unit)
        if shifted is None:  # "2,500 years later": past the calendar a date can hold
            out.append(replace(c, shift=None, rule=c.rule + ".out_of_calendar"))
            continue
        day = shifted
        value = day.isoformat() if gran in ("D", "W") else _at_granularity(day, gran)
        out.append(
            replace(
                c,
                value=value,
                rule=rule,
                anchor=d.isoformat() if grain == "D" else _at_granularity(d, grain),
                day=day if gran in ("D", "W") else None,
                kind="day" if gran in ("D", "W") else gran,
                shift=None,
            )
        )
    return out


def _point(c: _Cand) -> tuple[dt.date, str] | None:
    """A range end point: a year, a month or a day with its grain."""
    return _base_of(c) if c.mod is None else None


def _with_year(c: _Cand, year: int) -> _Cand:
    """The same month or day in another year (a range's start moved next to its end)."""
    assert c.value is not None
    if c.day is not None:
        try:
            day = c.day.replace(year=year)
        except ValueError:
            return c
        return replace(c, value=day.isoformat(), day=day, rule=c.rule + ".range")
    return replace(c, value=f"{year}{c.value[4:]}", rule=c.rule + ".range")


def _ranges(cands: list[_Cand], ctx: _Ctx) -> tuple[list[_Cand], list[tuple[int, int, str, str]]]:
    """Ranges written with two times: "from 2009 to 2011", "between March and May"
    -> (first token, last token, span of the range as a TIMEX3 period, "begin/end").

    The two ends are read together: a start without a year takes the end's ("from May
    to Oct 2020"), and a start resolved after its end moves back a year ("is to run
    from January 23 through March 9", said on January 28).
    """
    out: list[tuple[int, int, str, str]] = []
    cands = list(cands)
    for k in range(len(cands) - 1):
        a, b = cands[k], cands[k + 1]
        closers = ctx.lex.range_openers.get(ctx.low_at(a.start - 1))
        if closers is None or b.start != a.end + 1 or ctx.low_at(a.end) not in closers:
            continue
        pa, pb = _point(a), _point(b)
        if pa is None or pb is None or pa[1] != pb[1] or pa[1] == "Y":
            pass
        elif ".tense" in a.rule:
            year = pb[0].year if ".tense" not in b.rule else pa[0].year
            if (pa[0].month, pa[0].day) > (pb[0].month, pb[0].day):
                year = pb[0].year - 1
            elif ".tense" in b.rule:
                year = pb[0].year
            a = cands[k] = _with_year(a, year)
            pa = _point(a)
        elif (
            a.rule.startswith("weekday")
            and b.rule.startswith("weekday")
            and a.day is not None
            and b.day is not None
            and a.day > b.day
        ):
            # "The road was closed from Monday to Wednesday", said on a Monday: each
            # weekday alone is the latest before now (today; last Wednesday), but the
            # range runs forward, so it starts the Monday before its Wednesday
            weeks = dt.timedelta(weeks=(a.day - b.day).days // 7 + 1)
            if b.rule.startswith("weekday.future"):
                # "will be closed from Wednesday to Monday": it ends the Monday after
                day = b.day + weeks
                b = replace(b, value=day.isoformat(), day=day, rule=b.rule + ".range")
                cands[k + 1] = b
                pb = _point(b)
            else:
                day = a.day - weeks
                a = replace(a, value=day.isoformat(), day=day, rule=a.rule + ".range")
                cands[k] = a
                pa = _point(a)
        if pa is None or pb is None or pa[1] != pb[1] or not pa[0] < pb[0]:
            continue
        (da, grain), db = pa, pb[0]
        if grain == "Y":
            period = _period(db.year - da.year, "Y")
        elif grain in ("M", "Q"):
            period = _period((db.year - da.year) * 12 + db.month - da.month, "M")
        else:
            period = _period((db - da).days, "D")
        out.append((a.start - 1, b.end, period, f"{a.value}/{b.value}"))
    return cands, out


def find_times(doc: Doc, ref: dt.date | None) -> list[TimeMention]:
    """Every temporal expression of ``doc`` in order, non-overlapping, TIMEX3-normalised.

    ``ref`` is the publication date; without it relative expressions get value None
    (or an ``XXXX`` form) while absolute ones keep theirs.
    """
    ctx = _Ctx(doc, ref)
    # narrative days first, so that a clock time can take the day they name
    cands = _date_clock(_anchor_narrative(_scan(ctx), ctx), ctx)
    text = ctx.doc_text
    out: list[TimeMention] = []
    cands, records = _ranges(cands, ctx)
    ranges = iter(records)
    nxt_range = next(ranges, None)
    for c in cands:
        if nxt_range is not None and nxt_range[0] < c.start:
            # the range record comes before its two end points (document order by start);
            # the interval itself ("2009/2011") is carried in resolution.anchor
            r_start, r_end, period, interval = nxt_range
            a, b = doc[r_start].idx, doc[r_end - 1].idx + len(doc[r_end - 1].text)
            out.append(
                TimeMention(
                    text=text[a:b],
                    start=a,
                    end=b,
                    type="DURATION",
                    value=period,
                    resolution=Resolution(rule="range", anchor=interval),
                )
            )
            nxt_range = next(ranges, None)
        first, last = doc[c.start], doc[c.end - 1]
        start, end = first.idx, last.idx + len(last.text)
        value = c.value
        out.append(
            TimeMention(
                text=text[start:end],
                start=start,
                end=end,
                type=c.type,
                value=value,
                mod=c.mod,
                resolution=Resolution(rule=c.rule, anchor=c.anchor),
            )
        )
    return out
