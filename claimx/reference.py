"""The reference (publication) date of a document, and the dateline as a time.

Precedence (``CONTRACT.md``, ``DESIGN.md``): ``--ref-date`` ("option") > the
document's own date ("input") > a web page's publication date ("metadata") > a
publication date line in the text ("published") > a dateline with a year ("dateline") > a
dateline without a year whose year is inferred from the text ("inferred") >
nothing ("none", with a warning that says why).

Year inference never looks at the clock: a Reuters dateline "Sept 27" gets its
year from the text alone. Two kinds of evidence are used:

- a weekday cue tying the dateline day to a weekday: the dateline's own weekday
  ("Friday, January 4"), "on Monday" in the lead with a past or present verb
  ("NATO troops stepped up patrols in Kosovo on Monday ..."), or "yesterday
  (Monday)" / "today, Tuesday";
- the years the text mentions as past or present: the dateline cannot be
  earlier than the latest of them ("Belgrade and Pristina committed to an
  EU-sponsored dialogue in 2013" -> the story is from 2013 or later).

With a weekday cue the year is the earliest one, not before the latest year
mentioned, on which the dateline day falls on that weekday (the seed: 27
September is a Monday in 2004, 2010, 2021, 2027; 2013 is mentioned -> 2021).
Without one it is the latest year mentioned, with a warning.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from claimx.extract.tense import TenseReader
from claimx.layout import DatelineInfo
from claimx.records import ReferenceDate, Resolution, TimeMention
from claimx.resources import load_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "dateline_time",
    "infer_dateline_year",
    "lead_weekday",
    "mentioned_past_dates",
    "mentioned_years",
    "resolve_reference_date",
]


@dataclass(frozen=True)
class _Config:
    weekdays: dict[str, int]  # full weekday names only: "sun" and "wed" are words too
    months: dict[str, int]
    min_year: int
    max_year: int
    lead_sentences: int
    blockers_before: frozenset[str]
    blockers_after: frozenset[str]
    future_preps: frozenset[str]
    day_words: dict[str, int]


@cache
def _config() -> _Config:
    calendar = load_lexicon("calendar.json")
    cfg: dict[str, Any] = load_lexicon("datelines.json")["year_inference"]
    return _Config(
        weekdays={k.lower(): int(v) for k, v in calendar["weekdays"].items() if k.endswith("day")},
        months={k.lower(): int(v) for k, v in calendar["months"].items()},
        min_year=int(cfg["min_year"]),
        max_year=int(cfg["max_year"]),
        lead_sentences=int(cfg["lead_sentences"]),
        blockers_before=frozenset(w.lower() for w in cfg["weekday_cue_blockers_before"]),
        blockers_after=frozenset(w.lower() for w in cfg["weekday_cue_blockers_after"]),
        future_preps=frozenset(w.lower() for w in cfg["future_year_prepositions"]),
        day_words={k.lower(): int(v) for k, v in cfg["day_words"].items()},
    )


def _name(names: dict[str, int], number: int) -> str:
    """The full English name for messages ("September", not locale-dependent strftime)."""
    return max((k for k, v in names.items() if v == number), key=len, default=str(number)).title()


def resolve_reference_date(
    *,
    option: dt.date | None,
    document_date: dt.date | None,
    dateline: DatelineInfo | None,
    doc: Doc,
    body_start: int = 0,
    metadata_date: dt.date | None = None,
    published: dt.date | None = None,
) -> tuple[ReferenceDate, dt.date | None, list[str]]:
    """The reference date record, the date to use, and warnings for the document.

    ``doc`` is the parse of the masked text (same offsets as the original).
    ``metadata_date`` is a web page's publication date (its metadata, or its URL);
    ``published`` a publication date line found in the text ("Published: 11 May 2022").
    """
    if option is not None:
        return ReferenceDate(value=option.isoformat(), source="option"), option, []
    if document_date is not None:
        return ReferenceDate(value=document_date.isoformat(), source="input"), document_date, []
    if metadata_date is not None:
        return ReferenceDate(value=metadata_date.isoformat(), source="metadata"), metadata_date, []
    if published is not None:
        return ReferenceDate(value=published.isoformat(), source="published"), published, []
    none = ReferenceDate(value=None, source="none")
    if dateline is None:
        return none, None, ["no reference date: no --ref-date, no document date and no dateline"]
    if dateline.month is None or dateline.day is None:
        return none, None, ["no reference date: the dateline has no date"]
    warnings: list[str] = []
    if dateline.year is not None:
        try:
            date = dt.date(dateline.year, dateline.month, dateline.day)
        except ValueError:
            return none, None, ["no reference date: the dateline's date is not a calendar date"]
        if dateline.weekday is not None and dateline.weekday != date.weekday():
            warnings.append(
                f"dateline weekday does not match {date.isoformat()} "
                f"(a {_name(_config().weekdays, date.weekday())}); the date is used"
            )
        return ReferenceDate(value=date.isoformat(), source="dateline"), date, warnings
    year, why = infer_dateline_year(dateline, doc, body_start)
    if year is None:
        return none, None, [f"no reference date: {why}"]
    date = dt.date(year, dateline.month, dateline.day)
    if why:
        warnings.append(why)
    return ReferenceDate(value=date.isoformat(), source="inferred"), date, warnings


def infer_dateline_year(
    dateline: DatelineInfo, doc: Doc, body_start: int = 0
) -> tuple[int | None, str]:
    """The year of a dateline written without one, and a note (empty when sure).

    Returns ``(None, reason)`` when the text does not fix the year.
    """
    month, day = dateline.month, dateline.day
    if month is None or day is None:
        return None, "the dateline has no date"
    cfg = _config()
    years = mentioned_years(doc)
    latest = max(years) if years else None
    # A past event dated in full bounds the story by its day, not only its year:
    # "parliament rejected it on November 5, 2015" under "ROME, March 3" -> 2016.
    dates = mentioned_past_dates(doc)
    floor = max(dates) if dates else None
    if floor is not None:
        latest = max(latest or floor.year, floor.year)

    def after_floor(year: int) -> bool:
        try:
            return floor is None or dt.date(year, month, day) >= floor
        except ValueError:
            return False

    weekday = dateline.weekday
    if weekday is None:
        weekday = lead_weekday(doc, body_start)
    label = f"{_name(cfg.months, month)} {day}"
    if weekday is not None:
        if latest is None:
            return None, (
                f"the dateline ({label}) has no year and the text mentions none; "
                "a weekday cue alone cannot fix it"
            )
        # 28 years is the full Gregorian weekday cycle, long enough even for 29 February.
        for year in range(latest, min(latest + 29, cfg.max_year + 1)):
            if after_floor(year) and dt.date(year, month, day).weekday() == weekday:
                return year, ""
        return None, f"no year from {latest} puts {label} on the weekday the lead names"
    if latest is None:
        return None, (
            f"the dateline ({label}) has no year; the lead has no weekday cue "
            "and the text mentions no year"
        )
    year = latest if after_floor(latest) else latest + 1
    if not after_floor(year):
        return None, f"the dateline ({label}) does not exist in {year}, the year the text implies"
    return year, (
        f"reference year {year} inferred from the latest year the text mentions "
        f"(no weekday cue in the lead for the dateline {label})"
    )


def mentioned_past_dates(doc: Doc) -> list[dt.date]:
    """Full dates (month and year, day if given) of past events the text mentions.

    Only past-tense verbs count ("rejected on November 5, 2015"): in news the
    present is also used for scheduled events ("The trial begins on November
    5"), which may lie after the dateline.
    """
    cfg = _config()
    tenses = TenseReader(doc)
    out: list[dt.date] = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        year = month = None
        day = 1
        for token in ent:
            if token.shape_ == "dddd" and token.text.isdigit():
                year = int(token.text)
            elif token.text[:1].isupper() and token.lower_ in cfg.months:
                month = cfg.months[token.lower_]
            elif token.is_digit and len(token.text) <= 2 and 1 <= int(token.text) <= 31:
                day = int(token.text)
        if year is None or month is None or not cfg.min_year <= year <= cfg.max_year:
            continue
        if tenses.governor(ent.root).tag_ not in ("VBD", "VBN") or tenses.looks_ahead(ent.root):
            continue
        try:
            out.append(dt.date(year, month, day))
        except ValueError:
            continue
    return out


def mentioned_years(doc: Doc) -> list[int]:
    """Years the text mentions as past or present: DATE-entity tokens shaped dddd.

    A year in a future or target context ("elections due by 2030", "it will
    open in 2027") says nothing about when the story was written and is skipped.
    """
    cfg = _config()
    tenses = TenseReader(doc)
    out: list[int] = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        for token in ent:
            if token.shape_ != "dddd" or not token.text.isdigit():
                continue
            year = int(token.text)
            if not cfg.min_year <= year <= cfg.max_year:
                continue
            before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            if before in cfg.future_preps or tenses.looks_ahead(token):
                continue
            out.append(year)
    return out


def lead_weekday(doc: Doc, body_start: int = 0) -> int | None:
    """The dateline day's weekday as the lead gives it, or None.

    "NATO troops stepped up patrols in Kosovo on Monday ..." (past tense) ->
    Monday. "... said on Monday it will hold talks on Friday": Friday is
    future and is not a cue. "on Monday last week" and "last Monday" are not
    the dateline day. "yesterday (Monday)" makes the dateline day a Tuesday.
    """
    cfg = _config()
    tenses = TenseReader(doc)
    for sent in _lead(doc, body_start, cfg.lead_sentences):
        for token in sent:
            weekday = cfg.weekdays.get(token.lower_)
            if weekday is None or not token.text[:1].isupper():
                continue
            if _blocked(token, sent, cfg) or not _adverbial(token):
                continue
            shift = _day_word_near(token, sent, cfg)
            if shift is not None:
                return (weekday + shift) % 7
            if not tenses.looks_ahead(token) and tenses.finite(token):
                return weekday
    return None


def _lead(doc: Doc, body_start: int, count: int) -> list[Span]:
    if not doc.has_annotation("SENT_START"):  # a blank pipeline: no sentences to pick
        return [doc[:]]
    out: list[Span] = []
    for sent in doc.sents:
        if sent.end_char <= body_start or not sent.text.strip():
            continue
        out.append(sent)
        if len(out) >= count:
            break
    return out


def _blocked(token: Token, sent: Span, cfg: _Config) -> bool:
    """ "last Monday", "Monday last week", "the Monday before": not the dateline day.

    Only the words right around the weekday count: in "stepped up patrols on
    Monday after clashes" the "after" belongs to the clause, not to "Monday".
    """
    doc = token.doc
    before = doc[max(sent.start, token.i - 2) : token.i]
    after = doc[token.i + 1 : min(sent.end, token.i + 3)]
    return any(t.lower_ in cfg.blockers_before for t in before) or any(
        t.lower_ in cfg.blockers_after for t in after
    )


def _adverbial(token: Token) -> bool:
    """The weekday dates the clause: "on Monday", "said Monday".

    "won Sunday's election" and "the Monday meeting" name an event, and
    "since Monday" / "by Friday" bound a period: none of them is the day the
    story was filed.
    """
    doc = token.doc
    if token.i + 1 < len(doc) and doc[token.i + 1].tag_ == "POS":
        return False
    if token.dep_ in ("compound", "poss", "amod"):
        return False
    return not (token.dep_ == "pobj" and token.head.lower_ != "on")


def _day_word_near(token: Token, sent: Span, cfg: _Config) -> int | None:
    lo = max(sent.start, token.i - 3)
    hi = min(sent.end, token.i + 4)
    for t in token.doc[lo:hi]:
        if t.i != token.i and t.lower_ in cfg.day_words:
            return cfg.day_words[t.lower_]
    return None


def dateline_time(dateline: DatelineInfo, text: str, ref: dt.date | None) -> TimeMention | None:
    """The dateline's date as a DATE mention ("Sept 27" -> "2021-09-27").

    A dateline without a year takes the year that puts its day nearest the
    reference date (a "Dec 31" dateline on a 1 January reference is last
    year's); with no reference the year stays unknown ("XXXX-09-27").
    """
    if (
        dateline.date_start is None
        or dateline.date_end is None
        or dateline.month is None
        or dateline.day is None
    ):
        return None
    month, day = dateline.month, dateline.day
    resolution: Resolution
    if dateline.year is not None:
        value = f"{dateline.year:04d}-{month:02d}-{day:02d}"
        resolution = Resolution(rule="dateline")
    elif ref is not None:
        year = _nearest_year(month, day, ref)
        value = f"{year:04d}-{month:02d}-{day:02d}" if year else f"XXXX-{month:02d}-{day:02d}"
        resolution = Resolution(
            rule="dateline-year-from-reference", anchor=ref.isoformat(), ambiguous=True
        )
    else:
        value = f"XXXX-{month:02d}-{day:02d}"
        resolution = Resolution(rule="dateline-no-year")
    return TimeMention(
        text=text[dateline.date_start : dateline.date_end],
        start=dateline.date_start,
        end=dateline.date_end,
        type="DATE",
        value=value,
        resolution=resolution,
    )


def _nearest_year(month: int, day: int, ref: dt.date) -> int | None:
    best: tuple[int, int] | None = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            distance = abs((dt.date(year, month, day) - ref).days)
        except ValueError:
            continue
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1] if best is not None else None
