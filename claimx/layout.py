"""Article structure on the raw text: title, dateline, credits and page furniture.

This stage runs before spaCy, on the text exactly as it was read. It never
changes the text: it returns spans, and ``Layout.masked`` blanks the spans that
are not article content (furniture, credits, the dateline) with spaces of equal
length, keeping newlines, so that every offset the later stages produce still
indexes the original text (``CONTRACT.md``: "Stripping boilerplate or a
dateline never shifts offsets").

Vocabulary lives in ``models/datelines.json`` (agencies, dateline templates),
``models/furniture.json`` (furniture lines, credit cues) and
``models/calendar.json`` (month and weekday names); this module holds only the
logic. Every regular expression is compiled once per process (``_rules``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from claimx.errors import ResourceError
from claimx.records import Credit
from claimx.resources import load_lexicon

__all__ = ["DatelineInfo", "Layout", "analyse_layout"]


@dataclass(frozen=True)
class DatelineInfo:
    """A dateline at the head of the body, e.g. ``PRISTINA, Sept 27 (Reuters) - ``.

    ``start``/``end`` cover the whole dateline including its separator;
    ``date_start``/``date_end`` the date text inside it ("Sept 27"). The date
    parts are as written: ``year`` is ``None`` when the dateline gives none
    (Reuters omits it), ``weekday`` is 0 for Monday.
    """

    start: int
    end: int
    place: str | None
    agency: str | None
    date_start: int | None
    date_end: int | None
    year: int | None
    month: int | None
    day: int | None
    weekday: int | None


@dataclass(frozen=True)
class Layout:
    """Where the parts of an article are, as spans into the unchanged text."""

    title: tuple[int, int] | None
    dateline: DatelineInfo | None
    credits: tuple[Credit, ...]
    furniture: tuple[tuple[int, int], ...]
    body_start: int
    # a publication date line's date ("Published: 11 May 2022 11:47 AM BdST")
    published: dt.date | None = None

    def masked_spans(self) -> list[tuple[int, int]]:
        """Sorted spans that ``masked`` blanks (furniture, credits, dateline)."""
        spans = list(self.furniture)
        spans.extend((c.start, c.end) for c in self.credits)
        if self.dateline is not None:
            spans.append((self.dateline.start, self.dateline.end))
        return sorted(spans)

    def masked(self, text: str) -> str:
        """The text with furniture, credits and the dateline replaced by spaces, and
        no-break spaces made plain ones.

        Same length, newlines kept, so offsets into the masked text are offsets
        into ``text`` and paragraph breaks still end sentences. The tokenizer splits
        only at plain spaces and makes a no-break space a token of its own, so
        "October\xa08" (as web pages write dates) would lose its day. Span texts
        are read from ``text``, never from the masked copy.
        """
        out: list[str] = []
        pos = 0
        for start, end in self.masked_spans():
            start = max(start, pos)
            if end <= start:
                continue
            out.append(text[pos:start])
            out.append(_BLANK.sub(" ", text[start:end]))
            pos = end
        out.append(text[pos:])
        return "".join(out).translate(_PLAIN_SPACES)


_BLANK = re.compile(r"[^\n\r]")
#: no-break and narrow spaces, one character each, made plain spaces for the tokenizer
_PLAIN_SPACES = str.maketrans({"\xa0": " ", "\u2007": " ", "\u202f": " "})
_SPACE = " \t\xa0\u2007\u202f\ufeff\r"


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class _Rules:
    months: dict[str, int]
    weekdays: dict[str, int]
    furniture_lines: tuple[re.Pattern[str], ...]
    list_headings: tuple[re.Pattern[str], ...]  # furniture lines a link list follows
    captions: tuple[re.Pattern[str], ...]
    caption_labels: tuple[re.Pattern[str], ...]
    list_max_words: int
    list_min_lines: int
    rail_separator: str
    sentence_end: str
    trailing: re.Pattern[str]
    agencies: dict[str, str]  # alias (lower-case) -> agency name
    agency_dateline: re.Pattern[str]
    place_dateline: re.Pattern[str]
    agency_dates: tuple[re.Pattern[str], ...]  # searched at the end of a dateline head
    date_lines: tuple[re.Pattern[str], ...]  # a whole line that is a date
    title_tail_date: re.Pattern[str]  # Wikinews date ending the title line (GUM)
    body_head_date: re.Pattern[str]  # Wikinews date opening the first body line (GUM)
    credit_line: re.Pattern[str]
    credit_segment: re.Pattern[str]
    inline: re.Pattern[str]
    credit_roles: dict[str, str]  # cue (lower-case) -> role
    contributed: re.Pattern[str]
    byline: re.Pattern[str]
    affiliation: re.Pattern[str]
    photo_credit: re.Pattern[str]
    agency_photo_credit: re.Pattern[str]
    particles: frozenset[str]
    joiners: re.Pattern[str]
    place_marker: re.Pattern[str]
    max_head_lines: int
    max_place_words: int


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first ("September" before "Sept")."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


def _spaces(template: str) -> str:
    """A template space stands for one space of any kind: scraped pages carry
    no-break spaces ("Friday, January 4, 2019\xa0")."""
    return template.replace(" ", r"[ \t\xa0]")


def _fill(template: str, months: str, weekdays: str) -> str:
    """Expand a date template from the lexicon into a regex with named groups."""
    pattern = _spaces(template)
    return (
        pattern.replace("{WEEKDAY}", rf"(?P<weekday>(?i:{weekdays}))(?![^\W\d_])")
        .replace("{MONTH}", rf"(?P<month>(?i:{months}))(?![^\W\d_])")
        .replace("{DAY}", r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)")
        .replace("{YEAR}", r"(?P<year>\d{4})(?!\d)")
    )


def _str_list(lexicon: dict[str, Any], key: str, name: str) -> list[str]:
    value = lexicon.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ResourceError(f"{name}: '{key}' must be a list of strings")
    return value


@cache
def _rules() -> _Rules:
    """Compile the lexicons once per process; a broken lexicon is a ResourceError."""
    try:
        return _compile_rules()
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise ResourceError(f"datelines.json / furniture.json / calendar.json: {exc!r}") from exc


def _compile_rules() -> _Rules:
    calendar = load_lexicon("calendar.json")
    datelines = load_lexicon("datelines.json")
    furniture = load_lexicon("furniture.json")
    months: dict[str, int] = {k.lower(): int(v) for k, v in calendar["months"].items()}
    weekdays: dict[str, int] = {k.lower(): int(v) for k, v in calendar["weekdays"].items()}
    month_alt = _alternation(months)
    weekday_alt = _alternation(weekdays)

    def compile_entry(entry: dict[str, Any]) -> re.Pattern[str]:
        flags = 0 if entry.get("case_sensitive") else re.IGNORECASE
        return re.compile(str(entry["pattern"]), flags)

    furniture_lines = tuple(compile_entry(e) for e in furniture["lines"])
    link_lists = furniture["link_lists"]
    trailing_alt = "|".join(str(e["pattern"]) for e in furniture["trailing"])
    # "... were attacked on Saturday, police said. read more": only after the
    # end of a sentence, as the last words of the line (a link label).
    trailing = re.compile(
        rf"(?<=[.!?\"'”’)\]])[ \t\xa0]+(?P<frag>(?i:{trailing_alt}))[ \t\xa0»›]*$"
    )

    agencies: dict[str, str] = {}
    for agency in datelines["agencies"]:
        for alias in agency["aliases"]:
            agencies[alias.lower()] = agency["name"]
    agency_alt = _alternation({a for ag in datelines["agencies"] for a in ag["aliases"]})
    sep_alt = _alternation(_str_list(datelines, "separators", "datelines.json"))
    place_sep_alt = _alternation(_str_list(datelines, "place_separators", "datelines.json"))
    # "PRISTINA, Sept 27 (Reuters) - ", "KYIV, Ukraine (AP) — ", "(Bloomberg) -- ":
    # everything before the bracketed agency is the head (place, region, date).
    agency_dateline = re.compile(
        rf"(?P<head>[^\n()]{{0,100}}?)[ \t\xa0]*\((?P<agency>(?i:{agency_alt}))\)"
        rf"[ \t\xa0]*(?P<sep>{sep_alt})[ \t\xa0]*"
    )
    # "LONDON — ", "Taipei, Taiwan — ": no agency, so the place must look like
    # one (checked in code) and the body must start right after the separator.
    # No colon form ("NEW DELHI: "): interview transcripts open with speaker
    # labels in capitals ("NG: Yes, I think ...", "MARTIN: Well, ...").
    place_dateline = re.compile(
        rf"(?P<head>[^\n()\-–—:]{{2,100}}?)[ \t\xa0]*(?P<sep>{place_sep_alt})[ \t\xa0]*"
        r"(?=[\"“‘'A-Z0-9])"
    )
    agency_dates = tuple(
        re.compile(rf"(?:^|,[ \t\xa0]*)(?P<date>{_fill(t, month_alt, weekday_alt)})[ \t\xa0]*$")
        for t in _str_list(datelines, "agency_date", "datelines.json")
    )
    # A publication date line: "Published: 11 May 2022 11:47 AM BdST", "Updated 5:04 PM
    # EDT, Thu March 16, 2023", "Published March 16, 2023 Updated March 17, 2023" (the
    # first date counts). The shape is data: {PREFIX} {TIME} {DATE} filled in here.
    prefixes = "|".join(
        re.escape(w).replace(r"\ ", r"[ \t\xa0]")
        for w in sorted(
            _str_list(datelines, "date_line_prefixes", "datelines.json"), key=lambda w: -len(w)
        )
    )
    time = _spaces(str(datelines["date_line_time"]))
    shape = _spaces(str(datelines["date_line_shape"]))
    date_lines = tuple(
        re.compile(
            shape.replace("{PREFIX}", f"(?i:{prefixes})")
            .replace("{TIME}", time)
            .replace("{DATE}", f"(?P<date>{_fill(t, month_alt, weekday_alt)})")
        )
        for t in _str_list(datelines, "date_line", "datelines.json")
    )
    wikinews = _fill(str(datelines["wikinews_date"]), month_alt, weekday_alt)
    title_tail_date = re.compile(rf"[ \t\xa0]+(?P<date>{wikinews})[ \t\xa0]*$")
    body_head_date = re.compile(rf"(?P<date>{wikinews})[ \t\xa0]+(?=[\"“A-Z])")

    credits = furniture["credits"]
    credit_roles = {str(r["cue"]).lower(): str(r["role"]) for r in credits["roles"]}
    cue_alt = _alternation(str(r["cue"]) for r in credits["roles"])
    # "Reporting by Fatos Bytyci; Editing by Ivana Sekularac and Andrew Heavens",
    # "(Reporting by X; Editing by Y)": each ';'-segment starts with a cue.
    credit_line = re.compile(rf"(?P<cue>{cue_alt})(?:[ \t\xa0]*:)?[ \t\xa0]+(?P<names>.+)", re.I)
    # segments end at ';' or at a comma before the next cue:
    # "Reporting by Fatos Bytyci, editing by Ivana Sekularac"
    # possessive (++): the two branches never overlap, so nothing is lost, and the
    # engine keeps no backtracking state per character (a 2 MB line took 300 MB)
    credit_segment = re.compile(rf"(?:[^;,]|,(?![ \t\xa0]*(?:{cue_alt})\b))++", re.I)
    photo_alt = _alternation(_str_list(credits, "photo_cues", "furniture.json"))
    # "Formica fusca, from file. Image: Mathias Krumbholz." - a caption's credit
    # ends its line; only the credit is blanked, the caption stays.
    photo_credit = re.compile(
        rf"(?:^|(?<=[\s.,;)]))(?P<cue>(?i:{photo_alt}))[ \t\xa0]*:[ \t\xa0]*"
        r"(?P<names>[^\n:]{1,80}?)[.\s]*$"
    )
    joiners = "|".join(re.escape(j) for j in _str_list(credits, "name_joiners", "furniture.json"))
    outlet_alt = _alternation(
        [
            *(a for ag in datelines["agencies"] for a in ag["aliases"]),
            *_str_list(credits, "outlets", "furniture.json"),
        ]
    )
    markers = "|".join(re.escape(m) for m in _str_list(credits, "place_markers", "furniture.json"))
    return _Rules(
        months=months,
        weekdays=weekdays,
        furniture_lines=furniture_lines,
        list_headings=tuple(compile_entry(e) for e in furniture["lines"] if e.get("list_heading")),
        captions=tuple(compile_entry(e) for e in furniture["captions"]),
        caption_labels=tuple(compile_entry(e) for e in furniture["caption_labels"]),
        list_max_words=int(link_lists["max_words"]),
        list_min_lines=int(link_lists["min_lines"]),
        rail_separator=str(link_lists["rail_separator"]),
        sentence_end=str(link_lists["sentence_end"]),
        trailing=trailing,
        agencies=agencies,
        agency_dateline=agency_dateline,
        place_dateline=place_dateline,
        agency_dates=agency_dates,
        date_lines=date_lines,
        title_tail_date=title_tail_date,
        body_head_date=body_head_date,
        credit_line=credit_line,
        credit_segment=credit_segment,
        inline=re.compile("|".join(f"(?:{e['pattern']})" for e in furniture["inline"]), re.I),
        credit_roles=credit_roles,
        contributed=re.compile(str(credits["contributed_pattern"]), re.I),
        byline=re.compile(str(credits["byline_pattern"])),
        # case-sensitive: "CNN" and "BBC News, Leeds" are outlet lines, "CNN reported" is not
        affiliation=re.compile(str(credits["affiliation_pattern"]).replace("{OUTLET}", outlet_alt)),
        photo_credit=photo_credit,
        agency_photo_credit=re.compile(str(credits["agency_photo_pattern"])),
        particles=frozenset(
            p.lower() for p in _str_list(credits, "name_particles", "furniture.json")
        ),
        joiners=re.compile(rf"(?:{joiners})", re.I),
        place_marker=re.compile(rf"(?:{markers}).*$", re.I),
        max_head_lines=int(datelines.get("max_head_lines", 8)),
        max_place_words=int(datelines.get("max_place_words", 6)),
    )


# --------------------------------------------------------------------------- lines


@dataclass(frozen=True)
class _Line:
    start: int  # content without surrounding white space (incl. no-break spaces)
    end: int
    raw_start: int
    raw_end: int  # excluding the newline

    @property
    def blank(self) -> bool:
        return self.start >= self.end


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        s, e = pos, end
        while s < e and (text[s].isspace() or text[s] in _SPACE):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in _SPACE):
            e -= 1
        out.append(_Line(s, e, pos, end))
        if nl < 0:
            break
        pos = nl + 1
    return out


# --------------------------------------------------------------------------- dates


def _date_parts(m: re.Match[str], rules: _Rules) -> tuple[int | None, int, int, int | None] | None:
    """(year, month, day, weekday) of a date match, or None when it is no calendar date."""
    groups = m.groupdict()
    month = rules.months.get((groups.get("month") or "").lower())
    day = int(groups["day"]) if groups.get("day") else None
    if month is None or day is None:
        return None
    year = int(groups["year"]) if groups.get("year") else None
    weekday = rules.weekdays.get((groups.get("weekday") or "").lower())
    try:  # Feb 29 needs some leap year; 2000 is one
        dt.date(year if year is not None else 2000, month, day)
    except ValueError:
        return None
    return year, month, day, weekday


def _date_line(text: str, line: _Line, rules: _Rules) -> DatelineInfo | None:
    """A line that is only a date: "Friday, March 15, 2019", "March 01 , 2008"."""
    segment = text[line.start : line.end]
    for pattern in rules.date_lines:
        m = pattern.fullmatch(segment)
        if m is None:
            continue
        parts = _date_parts(m, rules)
        if parts is None:
            continue
        return _info(
            line.start,
            line.raw_end,
            None,
            None,
            line.start + m.start("date"),
            line.start + m.end("date"),
            parts,
        )
    return None


def _info(
    start: int,
    end: int,
    place: str | None,
    agency: str | None,
    ds: int | None,
    de: int | None,
    parts: tuple[int | None, int, int, int | None] | None,
) -> DatelineInfo:
    year, month, day, weekday = parts if parts is not None else (None, None, None, None)
    return DatelineInfo(start, end, place, agency, ds, de, year, month, day, weekday)


def _split_head(
    text: str, start: int, end: int, rules: _Rules
) -> tuple[str | None, int | None, int | None, tuple[int | None, int, int, int | None] | None]:
    """Split a dateline head "PRISTINA, Sept 27" into place and date."""
    head = text[start:end]
    date_span: tuple[int, int] | None = None
    parts = None
    for pattern in rules.agency_dates:
        m = pattern.search(head)
        if m is not None and (parts := _date_parts(m, rules)) is not None:
            date_span = (start + m.start("date"), start + m.end("date"))
            head = head[: m.start()]
            break
    place = head.strip(" \t\xa0,") or None
    if date_span is None:
        return place, None, None, None
    return place, date_span[0], date_span[1], parts


def _plausible_place(place: str, rules: _Rules, *, strict: bool) -> bool:
    """A place name: capitalised words ("KYIV, Ukraine", "NEW YORK/LONDON").

    Without an agency (``strict``) the first part must be in capitals
    ("LONDON — ") or the place must be "City, Region" in title case
    ("Taipei, Taiwan — "), so that "John Smith — the mayor — said" and
    "NATO — the alliance" are not read as datelines.
    """
    parts = [p.strip() for p in place.split(",")]
    words = place.replace(",", " ").replace("/", " ").split()
    if not words or len(words) > rules.max_place_words or any(not p for p in parts):
        return False
    for word in words:
        first = next((c for c in word if c.isalpha()), "")
        if not first or (not first.isupper() and word.lower() not in rules.particles):
            return False
        if any(c.isdigit() for c in word):
            return False
    if not strict:
        return True
    letters = [c for c in parts[0] if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return True
    return len(parts) >= 2


def _prefix_dateline(text: str, line: _Line, rules: _Rules) -> DatelineInfo | None:
    """A dateline opening the first body line, before the lead sentence."""
    segment = text[line.start : line.end]
    m = rules.agency_dateline.match(segment)
    if m is not None:
        hs, he = line.start + m.start("head"), line.start + m.end("head")
        place, ds, de, parts = _split_head(text, hs, he, rules)
        if place is None or _plausible_place(place, rules, strict=False):
            agency = rules.agencies.get(m.group("agency").lower(), m.group("agency"))
            return _info(line.start, line.start + m.end(), place, agency, ds, de, parts)
    m = rules.body_head_date.match(segment)
    if m is not None and (parts := _date_parts(m, rules)) is not None:
        # GUM: "Thursday, March 15, 2012 Wikinews interviewed one of the owners ..."
        return _info(
            line.start,
            line.start + m.end(),
            None,
            None,
            line.start + m.start("date"),
            line.start + m.end("date"),
            parts,
        )
    m = rules.place_dateline.match(segment)
    if m is not None:
        hs, he = line.start + m.start("head"), line.start + m.end("head")
        place, ds, de, parts = _split_head(text, hs, he, rules)
        if place is not None and _plausible_place(place, rules, strict=True):
            return _info(line.start, line.start + m.end(), place, None, ds, de, parts)
    return None


def _merge(date_only: DatelineInfo, place: DatelineInfo) -> DatelineInfo:
    """GUM: "Monday, March 5, 2007" then "Taipei, Taiwan — The Taipei City ...".

    The date with a year wins: "Published 27 September 2021" above
    "PRISTINA, Sept 27 (Reuters) - " dates the story 2021-09-27.
    """
    dated = place if place.date_start is not None else date_only
    if dated.year is None and date_only.year is not None:
        dated = date_only
    return DatelineInfo(
        date_only.start,
        place.end,
        place.place,
        place.agency,
        dated.date_start,
        dated.date_end,
        dated.year,
        dated.month,
        dated.day,
        dated.weekday,
    )


# --------------------------------------------------------------------------- credits


def _names(raw: str, rules: _Rules) -> list[str] | None:
    """Person or organisation names from a credit ("Ivana Sekularac and Andrew Heavens").

    None when a part does not look like a name, so that a sentence such as
    "Reporting by the BBC suggested otherwise." is not taken for a credit.
    """
    # "Mano B.a. (YouTube)": a bracketed part is a name of its own
    raw = raw.replace("(", ",").replace(")", "").strip().rstrip(".").strip()
    if not raw:
        return None
    names: list[str] = []
    for part in rules.joiners.split(raw):
        part = rules.place_marker.sub("", part).strip(" .()")
        if not part:
            continue
        words = part.split()
        if len(words) > 6:
            return None
        capitalised = 0
        for word in words:
            first = next((c for c in word if c.isalpha()), "")
            if first.isupper():
                capitalised += 1
            elif word.lower() not in rules.particles:
                return None
        if capitalised == 0:
            return None
        names.append(part)
    return names or None


def _parse_credits(inner: str, offset: int, rules: _Rules) -> list[Credit]:
    """Credits in ``inner`` (found at ``offset``), one per role segment.

    "Reporting by Fatos Bytyci; Editing by Ivana Sekularac and Andrew Heavens"
    gives a "reporting" credit (Fatos Bytyci) and an "editing" credit (Ivana
    Sekularac, Andrew Heavens). Every segment must parse, or there is no credit
    at all: "Reporting by the BBC suggested ..." is a sentence.
    """
    m = rules.contributed.fullmatch(inner)
    if m is not None and (names := _names(m.group("names"), rules)):
        end = offset + len(inner)
        return [Credit(text=inner, start=offset, end=end, role="contributing", names=names)]
    credits: list[Credit] = []
    for sm in rules.credit_segment.finditer(inner):
        raw = sm.group()
        seg = raw.strip()
        if not seg:
            continue
        cm = rules.credit_line.fullmatch(seg)
        names = _names(cm.group("names"), rules) if cm is not None else None
        if cm is None or names is None:
            return []
        start = offset + sm.start() + (len(raw) - len(raw.lstrip()))
        role = rules.credit_roles[cm.group("cue").lower()]
        credits.append(Credit(text=seg, start=start, end=start + len(seg), role=role, names=names))
    return credits


def _credit_line(text: str, line: _Line, rules: _Rules, *, head: bool) -> list[Credit]:
    """Credits filling a whole line; with ``head``, also a byline ("By Fatos Bytyci")."""
    segment = text[line.start : line.end]
    offset = line.start
    inner = segment
    if inner.startswith("(") and inner.rstrip(".").endswith(")"):
        # "(Reporting by Fatos Bytyci; Editing by Ivana Sekularac)"
        inner = inner.rstrip(".")[1:-1]
        offset += 1
    credits = _parse_credits(inner, offset, rules)
    if credits:
        return credits
    if head:
        bm = rules.byline.fullmatch(segment)
        if bm is not None and (names := _names(bm.group("names"), rules)):
            return [
                Credit(text=segment, start=line.start, end=line.end, role="byline", names=names)
            ]
    return []


_TRAILING_PARENS = re.compile(
    r"(?<=[.!?\"'”’])[ \t\xa0]+\((?P<inner>[^()\n]{5,300})\)\.?[ \t\xa0]*$"
)


def _trailing_credits(text: str, line: _Line, rules: _Rules) -> tuple[list[Credit], int]:
    """Reuters wire copy closes the last paragraph with its credits in brackets:
    "... little progress has been made. (Reporting by Fatos Bytyci; Editing by X)".

    Returns the credits and where the bracketed part starts.
    """
    m = _TRAILING_PARENS.search(text, line.start, line.end)
    if m is None:
        return [], line.end
    credits = _parse_credits(m.group("inner"), m.start("inner"), rules)
    return credits, m.start("inner") - 1


def _gaps(text: str, start: int, end: int, credits: list[Credit]) -> list[tuple[int, int]]:
    """The punctuation between a credit line's segments ("; ", "(" ...), as furniture."""
    out: list[tuple[int, int]] = []
    pos = start
    for credit in [*credits, None]:
        stop = credit.start if credit is not None else end
        if text[pos:stop].strip():
            out.append((pos, stop))
        if credit is not None:
            pos = credit.end
    return out


def _photo_credit(text: str, line: _Line, rules: _Rules) -> Credit | None:
    """An image credit ending a caption line.

    "Formica fusca, from file. Image: Mathias Krumbholz." (Wikinews) and
    "Police stand guard in Jarinje, Kosovo. REUTERS/Laura Hasani" (Reuters):
    the credit is metadata, the caption before it stays text.
    """
    segment = text[line.start : line.end]
    # the cue's colon first: most lines have none, and the search tries every start
    cued = rules.photo_credit.search(segment) if ":" in segment else None
    m = cued or rules.agency_photo_credit.search(segment)
    if m is None:
        return None
    names_text = m.group("names").strip()
    names = _names(names_text.replace(" et al.", "").replace(" et al", ""), rules)
    if names is None:
        return None
    end = line.start + m.end()  # the line's end: its white space is already cut off
    start = line.start + m.start()
    return Credit(text=text[start:end], start=start, end=end, role="photo", names=names)


# --------------------------------------------------------------------------- analysis


def _is_furniture(text: str, line: _Line, rules: _Rules) -> bool:
    segment = text[line.start : line.end]
    return any(p.fullmatch(segment) for p in rules.furniture_lines)


def _matches(text: str, line: _Line, patterns: tuple[re.Pattern[str], ...]) -> bool:
    segment = text[line.start : line.end]
    return any(p.fullmatch(segment) for p in patterns)


def _short_unpunctuated(segment: str, rules: _Rules) -> bool:
    """A link label or list headline: a few words, no sentence-final punctuation."""
    words = segment.split()
    return (
        0 < len(words) <= rules.list_max_words
        and segment[-1] not in rules.sentence_end
        and any(c.isalpha() for c in segment)
    )


def _is_rail(text: str, line: _Line, rules: _Rules) -> bool:
    """A headline rail: "RUSSIA-UKRAINE WAR: Live updates | Hogan announces aid package"."""
    parts = text[line.start : line.end].split(rules.rail_separator)
    return len(parts) >= 2 and all(
        _short_unpunctuated(p.strip(), rules) or p.strip().endswith("…") for p in parts
    )


_BULLET = re.compile(r"[-–—•*·▪►][ \t\xa0]+")
_NUMBERED = re.compile(r"\d{1,2}[.)][ \t\xa0]+")


def _link_lists(
    text: str,
    lines: list[_Line],
    body_from: int,
    furniture_lines: set[int],
    credits: list[Credit],
    rules: _Rules,
) -> list[tuple[int, int]]:
    """Link lists after the story has started, as furniture.

    Three shapes: a block of ``min_lines`` or more short lines with no
    sentence-final punctuation and no blank line between ("Man charged in
    crash\nCouncil approves budget plan"); a run of such lines as bullets
    ("- Hogan announces aid package", blank lines allowed between); and the
    short lines under a list heading ("More stories", "Most read") up to the
    first line that reads as prose. Running text ends its sentences, so it is
    never taken: a block needs every line short and unpunctuated.
    """
    credit_starts = {c.start for c in credits}
    out: list[tuple[int, int]] = []

    def candidate(j: int, *, numbered: bool = False) -> bool:
        ln = lines[j]
        if ln.blank or ln.start < body_from or j in furniture_lines or ln.start in credit_starts:
            return False
        # numbered notes ("1. Unofficial results") are content, except under a heading
        if not numbered and _NUMBERED.match(text, ln.start):
            return False
        return _short_unpunctuated(text[ln.start : ln.end], rules)

    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        if (
            i in furniture_lines
            and line.start >= body_from
            and _matches(text, line, rules.list_headings)
        ):
            j = i + 1
            while j < n and (lines[j].blank or candidate(j, numbered=True)):
                if not lines[j].blank:
                    out.append((lines[j].start, lines[j].end))
                j += 1
            i = j
            continue
        # a block of adjacent short lines, or a run of bullets across blank lines
        j = i
        bullets = 0
        while j < n and candidate(j):
            bullets += _BULLET.match(text, lines[j].start) is not None
            j += 1
            if bullets and j < n and lines[j].blank:
                k = j
                while k < n and lines[k].blank:
                    k += 1
                if k < n and candidate(k) and _BULLET.match(text, lines[k].start):
                    j = k
        count = sum(1 for k in range(i, j) if not lines[k].blank)
        if count >= rules.list_min_lines:
            out.extend((lines[k].start, lines[k].end) for k in range(i, j) if not lines[k].blank)
            i = j
            continue
        i = max(j, i + 1)
    return out


def _title_line_ok(text: str, line: _Line) -> bool:
    """A headline: short, and not ending like a sentence ("... said on Monday.")."""
    segment = text[line.start : line.end]
    if len(segment) > 250 or len(segment.split()) > 35:
        return False
    return not segment.endswith(".") or re.search(r"(?:\b[A-Z]\.){2,}$", segment) is not None


def analyse_layout(text: str, title: str | None = None) -> Layout:
    """Find the title, dateline, credits and furniture of an article.

    ``title`` is the document's own title when the input carries one (JSONL);
    it is used when the text starts with it.
    """
    rules = _rules()
    lines = _lines(text)
    furniture: list[tuple[int, int]] = []
    credits: list[Credit] = []
    furniture_lines: set[int] = set()
    credit_lines: set[int] = set()

    caption_next = False  # the line before was a caption label ("Image caption,")
    for i, line in enumerate(lines):
        if line.blank:
            continue
        after_label, caption_next = caption_next, _matches(text, line, rules.caption_labels)
        if _is_furniture(text, line, rules) or _is_rail(text, line, rules):
            furniture.append((line.start, line.end))
            furniture_lines.add(i)
            continue
        if after_label or _matches(text, line, rules.captions):
            # a photo caption is no story text (and its "KYIV, UKRAINE - APRIL 30:"
            # no dateline); a photo credit ending it stays a credit
            photo = _photo_credit(text, line, rules)
            end = line.end
            if photo is not None:
                credits.append(photo)
                end = len(text[line.start : photo.start].rstrip()) + line.start
            if end > line.start:
                furniture.append((line.start, end))
            furniture_lines.add(i)
            continue
        # Reuters link labels inside sentences: "said in a statement, opens new tab on Monday"
        furniture.extend(m.span() for m in rules.inline.finditer(text, line.start, line.end))
        line_credits = _credit_line(text, line, rules, head=False)
        if line_credits:
            credits.extend(line_credits)
            furniture.extend(_gaps(text, line.start, line.end, line_credits))
            credit_lines.add(i)
            continue
        trailing_credits, paren = _trailing_credits(text, line, rules)
        if trailing_credits:
            credits.extend(trailing_credits)
            furniture.extend(_gaps(text, paren, line.end, trailing_credits))
            continue
        paragraph_end = i + 1 >= len(lines) or lines[i + 1].blank
        tm = rules.trailing.search(text, line.start, line.end) if paragraph_end else None
        if tm is not None:
            furniture.append((tm.start("frag"), tm.end("frag")))
            continue
        photo = _photo_credit(text, line, rules)
        if photo is not None:
            credits.append(photo)

    # ---- title
    # page furniture above the headline ("Updated 2 hours ago", "Skip to content") is no title
    first = _next_content(lines, 0, furniture_lines)
    title_span: tuple[int, int] | None = None
    dateline: DatelineInfo | None = None
    # the first publication date line of the head ("Published: 11 May 2022 11:47 AM BdST")
    published: DatelineInfo | None = None
    # a date line above the headline ("May 11, 2022, 12:38 AM" then the headline)
    lead_date: DatelineInfo | None = None
    head_from = 0  # index of the first line after the title
    if first is not None:
        lead = _date_line(text, lines[first], rules)
        after = _next_content(lines, first + 1, furniture_lines)
        if (
            lead is not None
            and after is not None
            and _title_candidate(text, lines, after, rules, furniture_lines, credit_lines)
        ):
            lead_date = published = lead
            first = after
    if first is not None:
        fl = lines[first]
        stripped_title = title.strip() if title else ""
        # only the line's end is searched: the pattern tries every start in a run of
        # spaces, so a line of 20,000 spaces would take minutes
        tail = rules.title_tail_date.search(text, max(fl.start, fl.end - _TAIL_CHARS), fl.end)
        tail_parts = _date_parts(tail, rules) if tail is not None else None
        if (
            stripped_title
            and text.startswith(stripped_title, fl.start)
            and _title_ends_line(text, fl.start + len(stripped_title), tail)
        ):
            title_span = (fl.start, fl.start + len(stripped_title))
            head_from = _line_index(lines, title_span[1]) + 1
        elif _date_line(text, fl, rules) is not None:
            head_from = first  # the text opens with its date line: no title
        elif tail is not None and tail_parts is not None and tail.start() > fl.start:
            # GUM: "Biologist Nick Bos tells Wikinews about ... ants Tuesday, September 1, 2015"
            title_span = (fl.start, tail.start())
            head_from = first + 1
        elif _title_candidate(text, lines, first, rules, furniture_lines, credit_lines):
            title_span = (fl.start, fl.end)
            head_from = first + 1
        else:
            head_from = first
        if (
            title_span is not None
            and tail is not None
            and tail_parts is not None
            and tail.start() >= title_span[1]
        ):
            dateline = _info(
                tail.start("date"),
                fl.raw_end,
                None,
                None,
                tail.start("date"),
                tail.end("date"),
                tail_parts,
            )

    # ---- dateline, bylines and publication date lines in the head of the body
    seen = 0
    after_byline = False  # the line before was a byline: an outlet line may follow
    for i in range(head_from, len(lines)):
        line = lines[i]
        if line.blank or i in furniture_lines or i in credit_lines:
            continue
        if seen >= rules.max_head_lines:
            break
        seen += 1
        byline = _credit_line(text, line, rules, head=True)
        if byline and byline[0].role == "byline":
            credits.extend(byline)
            after_byline = True
            continue
        # "By LISA MASCARO" then "Associated Press"; BBC: "Jane Doe" then "BBC News, Leeds".
        # A line that is nothing but an outlet or desk is a credit in the head even where
        # no byline stands above it (BBC pages copied without the author's name): a whole
        # line "BBC News, Leeds" or "AP Business Writer" is no sentence of the story.
        affiliation = _affiliation(text, line, rules)
        if affiliation is not None:
            credits.append(affiliation)
            continue
        nxt = _next_content(lines, i + 1, furniture_lines)
        if nxt is not None and not after_byline and _affiliation(text, lines[nxt], rules):
            names = _names(text[line.start : line.end], rules)
            if names is not None and len(text[line.start : line.end].split()) <= 4:
                credits.append(
                    Credit(
                        text=text[line.start : line.end],
                        start=line.start,
                        end=line.end,
                        role="byline",
                        names=names,
                    )
                )
                after_byline = True
                continue
        after_byline = False
        own = _date_line(text, line, rules)
        if own is not None:
            if published is None:
                published = own
            if dateline is None:
                dateline = own
            else:
                # a second date line ("Updated March 17, 2023") is furniture
                furniture.append((line.start, line.end))
            continue
        found = _prefix_dateline(text, line, rules)
        if found is not None:
            dateline = found if dateline is None else _merge(dateline, found)
        break
    if lead_date is not None:
        if dateline is None:
            dateline = lead_date
        else:  # the story has a dateline of its own below the headline
            furniture.append((lead_date.start, lead_date.end))

    credits.sort(key=lambda c: c.start)
    body_from = 0
    if title_span is not None:
        body_from = title_span[1]
    if dateline is not None:
        body_from = max(body_from, dateline.end)
    bylines = [c.end for c in credits if c.role == "byline"]
    body_start = _skip(
        text, max([body_from, *bylines]), sorted(furniture + [(c.start, c.end) for c in credits])
    )
    # link lists only once the story has started: after its first line of prose
    lead_end = next(
        (
            ln.raw_end
            for ln in lines
            if ln.end > body_start
            and not ln.blank
            and not _short_unpunctuated(text[max(ln.start, body_start) : ln.end].strip(), rules)
        ),
        len(text) + 1,
    )
    furniture.extend(_link_lists(text, lines, lead_end, furniture_lines, credits, rules))
    furniture = _merge_spans(furniture)
    blocked = sorted(furniture + [(c.start, c.end) for c in credits])
    body_start = _skip(text, body_from, blocked)
    return Layout(
        title=title_span,
        dateline=dateline,
        credits=tuple(credits),
        furniture=tuple(furniture),
        body_start=body_start,
        published=_published_date(published),
    )


#: how far from a title line's end a Wikinews date ending it may begin
_TAIL_CHARS = 200


def _title_ends_line(text: str, end: int, tail: re.Match[str] | None) -> bool:
    """The given title fills its line, up to a Wikinews date or a closing full stop at
    most (a corpus export may end the title line with one: "Poll: Sanders leads.").

    A title "Kosovo" must not claim the start of "Kosovo troops stepped up ...".
    """
    if tail is not None and end <= tail.start():
        return not text[end : tail.start()].strip()
    nl = text.find("\n", end)
    rest = text[end : nl if nl >= 0 else len(text)]
    return rest.strip() in {"", "."}


def _merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _line_index(lines: list[_Line], offset: int) -> int:
    for i, line in enumerate(lines):
        if line.raw_start <= offset <= line.raw_end:
            return i
    return len(lines) - 1


def _title_follows(text: str, lines: list[_Line], first: int, rules: _Rules) -> bool:
    """The headline is followed by a blank line, a date line, a byline or a dateline
    (MEANTIME: "Boeing pushes back 737 replacement\nMay 24 , 2008"; web copy:
    "Headline\nBy Jane Doe, Staff Writer\nMarch 16, 2023")."""
    if first + 1 >= len(lines):
        return False
    nxt = lines[first + 1]
    if nxt.blank or _date_line(text, nxt, rules) is not None:
        return True
    if _credit_line(text, nxt, rules, head=True):
        return True
    return _is_furniture(text, nxt, rules) or _prefix_dateline(text, nxt, rules) is not None


def _title_candidate(
    text: str,
    lines: list[_Line],
    i: int,
    rules: _Rules,
    furniture_lines: set[int],
    credit_lines: set[int],
) -> bool:
    """Line ``i`` reads as a headline (no furniture, credit or dateline; short; set off)."""
    line = lines[i]
    return (
        _title_line_ok(text, line)
        and i not in furniture_lines
        and i not in credit_lines
        and _date_line(text, line, rules) is None
        and _prefix_dateline(text, line, rules) is None
        and not _credit_line(text, line, rules, head=True)
        and _title_follows(text, lines, i, rules)
    )


def _next_content(lines: list[_Line], start: int, skip: set[int]) -> int | None:
    """Index of the next non-blank line at or after ``start`` that is not in ``skip``."""
    for j in range(start, len(lines)):
        if not lines[j].blank and j not in skip:
            return j
    return None


def _affiliation(text: str, line: _Line, rules: _Rules) -> Credit | None:
    """An outlet or desk line under a byline: "Associated Press", "BBC News, Leeds",
    "AP Business Writer", "CNN": a whole line of it, read in the head of the body."""
    segment = text[line.start : line.end]
    m = rules.affiliation.fullmatch(segment)
    if m is None:
        return None
    return Credit(
        text=segment, start=line.start, end=line.end, role="byline", names=[m.group("names")]
    )


def _published_date(info: DatelineInfo | None) -> dt.date | None:
    """The date of a publication date line, when it names a whole calendar date.

    A weekday that contradicts the date ("Friday, March 15, 2018", a Thursday) gives
    none: the dateline path then uses the date and warns about the mismatch.
    """
    if info is None or info.year is None or info.month is None or info.day is None:
        return None
    date = dt.date(info.year, info.month, info.day)
    if info.weekday is not None and info.weekday != date.weekday():
        return None
    return date


def _skip(text: str, pos: int, blocked: list[tuple[int, int]]) -> int:
    """First content character at or after ``pos``: past white space and masked spans."""
    n = len(text)
    moved = True
    while moved:
        moved = False
        while pos < n and (text[pos].isspace() or text[pos] in _SPACE):
            pos += 1
        for start, end in blocked:
            if start <= pos < end:
                pos = end
                moved = True
    return min(pos, n)
