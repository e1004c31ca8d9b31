"""Pydantic records: the output contract (``shared/CONTRACT.md``).

Every record is frozen. Field names and meanings listed in the contract are
fixed; fields added beyond it are documented here. Every field carries a
description and every record a docstring: they are the descriptions in
``claimx schema`` and in the README's field reference (``claimx.fieldref``).
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_serializer

TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
QuantityKind = Literal["count", "money", "percent", "measure", "duration", "ordinal", "other"]
Comparator = Literal["=", "<", "<=", ">", ">="]
ReferenceSource = Literal[
    "option", "input", "metadata", "published", "dateline", "inferred", "none"
]
DateSource = Literal["explicit", "reference", "none"]


class Record(BaseModel):
    """Base of every output record: frozen, and unknown fields are rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(Record):
    """A stretch of the document text: ``text == document[start:end]``."""

    text: str = Field(
        description="The text covered, exactly the document text from `start` to `end`."
    )
    start: int = Field(
        ge=0,
        description=(
            "Character offset where the span begins: a Python `str` index into the document "
            "text exactly as read (`DocumentResult.text`); masking never shifts it."
        ),
    )
    end: int = Field(
        ge=0,
        description="Character offset just past the span's last character (end exclusive).",
    )


class Resolution(Record):
    """How a time value was obtained, so a user can see why "Friday" became a date.

    Addition beyond the v1 contract.
    """

    rule: str = Field(
        description=(
            "Name of the rule that resolved the value: 'year', 'weekday.past', "
            "'relative.weekday_week', 'ref.present', 'duration'; 'part_of+year' when a wrapper "
            "('late') applies to an inner rule; 'range' for the DURATION record over a range; "
            "'dateline', 'dateline-year-from-reference' or 'dateline-no-year' for a dateline's "
            "date."
        )
    )
    anchor: str | None = Field(
        default=None,
        description=(
            "The date the rule counted from, as a TIMEX3 value: usually the reference date "
            "('2021-09-27'), for 'three days later' the time named before it; for a 'range' "
            "record the interval ('2009/2011'); null when the value needs no anchor ('2008', "
            "'P60D')."
        ),
    )
    ambiguous: bool = Field(
        default=False,
        description=(
            "True when the value rests on a guess the text does not settle: the week of a "
            "weekday or the year of a month and day chosen by the verb's tense ('on Monday', "
            "'in March'), the year of a quarter or season, the day of a clock time taken from "
            "its paragraph or the story, a quarter a report points back at ('the latest "
            "quarter'), a narrative time counted from the reference date, a dateline's year."
        ),
    )


class TimeMention(Span):
    """A temporal expression with its TIMEX3 type and value, resolved against the
    reference date; leading prepositions ("on", "in", "since") stay outside the span."""

    type: TimeType = Field(
        description=(
            "TIMEX3 type: 'DATE' (a day, week, month, season, year ...), 'TIME' (a clock time "
            "or part of a day), 'DURATION' (a length of time, '60 days'), 'SET' (a recurring "
            "time, 'every week')."
        )
    )
    value: str | None = Field(
        description=(
            "TIMEX3 value against the reference date: '2021-09-27', '2021-09', '2021', "
            "'2021-W38', '2021-Q3', '198' (the 1980s), 'XXXX-09-27' (year unknown), 'P60D', "
            "'PT2H', 'PRESENT_REF', 'PAST_REF', 'FUTURE_REF'; null when unresolved (a relative "
            "time with no reference date or no earlier time to count from)."
        )
    )
    mod: str | None = Field(
        default=None,
        description=(
            "TIMEX3 mod: 'START', 'MID', 'END' ('early 2020', 'late May'), 'APPROX' ('about "
            "three weeks'), 'LESS_THAN', 'MORE_THAN', 'EQUAL_OR_LESS', 'EQUAL_OR_MORE', "
            "'BEFORE'; null when unmodified. Addition beyond the v1 contract."
        ),
    )
    resolution: Resolution | None = Field(
        default=None,
        description=(
            "Which rule gave the value and from which anchor; set on every mention claimx "
            "outputs. Addition beyond the v1 contract."
        ),
    )


class QuantityMention(Span):
    """A quantity: a number with its range or bound, its unit and the thing counted
    ("5,000 troops", "more than $40 billion", "5-10 km")."""

    value: float | None = Field(
        description=(
            "The number with its scale applied: 5000 for '5,000 troops', 2 for 'two', "
            "40000000000 for '$40 billion' (whole numbers print without '.0'); null for a "
            "range (see `low`, `high`) or a number too large to hold."
        )
    )
    low: float | None = Field(
        default=None,
        description=(
            "Lower end of a range (5 for '5-10 km'), or the value minus its tolerance "
            "('9.83 ± 0.01'); null otherwise."
        ),
    )
    high: float | None = Field(
        default=None,
        description=(
            "Upper end of a range (10 for '5-10 km'), or the value plus its tolerance; null "
            "otherwise."
        ),
    )
    unit: str | None = Field(
        default=None,
        description=(
            "Normalised unit: 'day', 'kilometre', 'percent', 'mile per gallon', or a currency "
            "code ('USD', 'GBP', 'EUR'); null for a bare count."
        ),
    )
    counted: str | None = Field(
        default=None,
        description=(
            "What is counted or measured: 'troops', 'roads', 'registration details' (of '60 "
            "days to change registration details'); null when the text does not say."
        ),
    )
    kind: QuantityKind = Field(
        default="count",
        description=(
            "'count' ('5,000 troops'), 'money' ('$40 billion'), 'percent' ('8 percent'), "
            "'measure' ('10 km'), 'duration' ('60 days'), 'ordinal' ('third'), 'other' (a "
            "ratio, share or tally: 'one in five', 'a quarter of', 'voted 52-35')."
        ),
    )
    approximate: bool = Field(
        default=False,
        description=(
            "True when the number is approximate: 'about', 'some', 'nearly', '360-ish', or a "
            "vague number ('hundreds of')."
        ),
    )
    comparator: Comparator = Field(
        default="=",
        description=(
            "How the true figure relates to the value: '=' (as written), '>' ('more than'), "
            "'>=' ('at least', 'hundreds of'), '<' ('less than', 'nearly'), '<=' ('up to')."
        ),
    )

    @field_serializer("value", "low", "high")
    def _number(self, v: float | None) -> float | int | None:
        # 5000, not 5000.0: counts read as integers in JSON
        if v is None or not math.isfinite(v):
            return None  # JSON has no Infinity/NaN: a number too large to hold is unknown
        if v.is_integer() and abs(v) < 2**53:
            return int(v)
        return v


class EntityMention(Span):
    """A named-entity mention: the model's NER, mended by claimx's gazetteer and name rules."""

    label: str = Field(
        description=(
            "Entity label in spaCy's scheme: 'PERSON', 'ORG', 'GPE', 'NORP', 'LOC', 'FAC', "
            "'PRODUCT', 'EVENT', 'WORK_OF_ART', 'LAW', 'LANGUAGE'; the mentions of one actor "
            "carry its majority label."
        )
    )
    actor: str | None = Field(
        default=None,
        description=(
            "Id of the Actor the mention belongs to ('a1'); null for a named thing that is no "
            "actor (a product, event, work, law ...)."
        ),
    )


class Actor(Record):
    """One canonical actor (person, organisation, place, group), aggregated over its
    mentions. A generic source ("police said", "the Kosovo government says") is an actor
    too, without an entity mention."""

    id: str = Field(
        description=(
            "Actor id, unique within the document: 'a1', 'a2', ...; what `EntityMention.actor`, "
            "`Claim.actors`, `SourceSpan.actor` and `part_of` refer to."
        )
    )
    name: str = Field(
        description=(
            "Canonical name: the most complete written form ('European Union' for 'EU', 'Joe "
            "Biden' for 'Mr Biden'), or the state a demonym names ('Serbia' for 'Serbian')."
        )
    )
    type: str = Field(
        description=(
            "Entity label, the most common over the mentions: 'PERSON', 'ORG', 'GPE', 'NORP', "
            "'LOC', 'FAC'; for a generic source 'GOVERNMENT', 'INSTITUTION' or 'GROUP'."
        )
    )
    aliases: list[str] = Field(
        default_factory=list,
        description="The other forms the text writes it in, sorted: ['EU', 'the European Union'].",
    )
    mentions: int = Field(
        default=0, description="How many times the document mentions the actor, aliases included."
    )
    part_of: str | None = Field(
        default=None,
        description=(
            "Id of the actor this one belongs to ('the Kosovo government' -> the id of "
            "Kosovo); null otherwise. Addition beyond the v1 contract."
        ),
    )


class SourceSpan(Span):
    """The source of an attributed claim: the full noun phrase as written ("Kosovo's NATO
    mission", "a spokesperson for the ministry", "he")."""

    actor: str | None = Field(
        default=None,
        description=(
            "Id of the Actor the source is joined to ('he' -> the person named before, 'a "
            "spokesperson for the ministry' -> the ministry); null when none fits."
        ),
    )


class Attribution(Record):
    """Who a claim is attributed to and how: the source, the reporting cue, what is
    reported and whether it is quoted directly."""

    source: SourceSpan | None = Field(
        description=(
            "The source as written; null when the text names none ('Boeing were expected to "
            "win', 'is believed to')."
        )
    )
    cue: Span = Field(
        description="The reporting cue: 'said', 'denied', 'according to', 'in a statement',"
        " or the colon that opens a quotation after its speaker's name."
    )
    direct_quote: bool = Field(
        default=False,
        description=(
            "True when what is reported is a quotation in quotation marks (one running over "
            "paragraphs belongs to the cue that closes it)."
        ),
    )
    # additions beyond the contract
    cue_class: str | None = Field(
        default=None,
        description=(
            "Class of the cue (`models/reporting.json`): 'assert', 'confirm', 'deny', "
            "'allege', 'warn', 'estimate', 'believe', 'promise', 'intend', 'judge' (a public "
            "judgement: 'criticized the plan'), 'decline' (a refusal to speak: 'declined to "
            "comment'). Addition beyond the "
            "v1 contract."
        ),
    )
    content: Span | None = Field(
        default=None,
        description=(
            "What is reported, the complement clause or the quotation ('two interior ministry "
            "buildings ... were attacked on Saturday' of '..., police said.'); null when it "
            "cannot be delimited inside the claim. Addition beyond the v1 contract."
        ),
    )


class Claim(Span):
    """One asserted clause: its date, the times, quantities and actors in it, its
    attribution, negation and hedging. A sentence that reports two people gives two
    claims."""

    id: str = Field(
        description="Claim id, unique within the document: 'c1', 'c2', ... in document order."
    )
    date: str | None = Field(
        default=None,
        description=(
            "Calendar date (TIMEX3 date value) of the claim's time: the time governing its "
            "main verb (a range's start; a time of day gives its day), else the reported "
            "statement's own time, else the day a past-tense narrative was dated to in the "
            "sentences before, else the reference date ('2021-09-27'); null when there is "
            "none. Never PRESENT_REF, PAST_REF or FUTURE_REF."
        ),
    )
    date_source: DateSource = Field(
        default="none",
        description=(
            "Where `date` comes from: 'explicit' (a time in the claim), 'reference' (the "
            "reference date), 'none' (no date)."
        ),
    )
    times: list[int] = Field(
        default_factory=list,
        description="Indices into the document's `times` of the mentions inside the claim: [0, 3].",
    )
    quantities: list[int] = Field(
        default_factory=list,
        description="Indices into the document's `quantities` of the quantities inside the claim.",
    )
    actors: list[str] = Field(
        default_factory=list,
        description=(
            "Ids of the actors the claim mentions, in text order, then its source's actor if "
            "not among them: ['a1', 'a2']."
        ),
    )
    attribution: Attribution | None = Field(
        default=None, description="Who the claim is attributed to; null for the writer's own."
    )
    negated: bool = Field(
        default=False,
        description=(
            "True when the claim is negated: a negation on its main verb ('does not "
            "recognise'), a negative subject ('Nobody was hurt'), or a denial cue ('denied')."
        ),
    )
    hedged: bool = Field(
        default=False,
        description=(
            "True when the claim is hedged: a modal ('may'), a hedging adverb ('reportedly'), "
            "or a raising verb ('is believed to', 'appears to')."
        ),
    )


class ReferenceDate(Record):
    """The document's reference (publication) date, which relative times count from,
    and where it came from."""

    value: str | None = Field(
        description="The date as 'YYYY-MM-DD' ('2021-09-27'); null when there is none."
    )
    source: ReferenceSource = Field(
        description=(
            "Where the date came from, in order of precedence: 'option' (`--ref-date`), "
            "'input' (the JSONL `date`), 'metadata' (a web page's own publication date), "
            "'published' (a date line in the text: 'Published: 11 May 2022 11:47 AM BdST'), "
            "'dateline' (a dateline with a year), 'inferred' (a dateline without one, the "
            "year inferred from the text), 'none'."
        )
    )


class Dateline(Record):
    """The dateline at the head of the body ("PRISTINA, Sept 27 (Reuters) - "); it is
    masked from the text the extractors read, never cut out."""

    place: str | None = Field(description="The place as written ('PRISTINA'); null when none.")
    date: TimeMention | None = Field(
        description=(
            "The dateline's date as a DATE mention ('Sept 27' -> '2021-09-27', 'XXXX-09-27' "
            "when neither it nor a reference date gives the year); null when it has none."
        )
    )
    agency: str | None = Field(
        description="The news agency by its name ('Reuters'); null when none is given."
    )
    start: int = Field(
        description="Character offset where the dateline begins in the document text."
    )
    end: int = Field(
        description="Character offset just past the dateline, its separator included (exclusive)."
    )


class Credit(Span):
    """A byline or credit line ("Reporting by Fatos Bytyci"): metadata, not an actor.

    Addition beyond the v1 contract.
    """

    role: str = Field(
        description=(
            "What the credit is for: 'reporting', 'additional reporting', 'editing', "
            "'writing', 'compiling', 'research', 'graphics', 'production', 'contributing', "
            "'byline', 'photo'."
        )
    )
    names: list[str] = Field(
        default_factory=list,
        description="Who is credited, as written: ['Ivana Sekularac', 'Andrew Heavens'].",
    )


class DocumentResult(Record):
    """The result for one document: one JSON object per document. Offsets index `text`."""

    id: str = Field(
        description=(
            "The JSONL `id`, else the path or URL as given (or as joined from a folder), '-' "
            "for stdin; 'path:line' for a JSONL line without one."
        )
    )
    source: str = Field(
        description="The path or URL as given (or as joined from a folder), or '-'."
    )
    title: str | None = Field(
        default=None,
        description=(
            "The JSONL `title`, else a web page's own title, else the headline found at the "
            "top; null when none."
        ),
    )
    reference_date: ReferenceDate = Field(
        description="The date relative times are resolved against, and where it came from."
    )
    dateline: Dateline | None = Field(
        default=None, description="The dateline at the head of the body; null when none."
    )
    times: list[TimeMention] = Field(
        default_factory=list,
        description=(
            "Every temporal expression, in document order (a range's DURATION record comes "
            "before its two ends and is the one mention that may overlap others)."
        ),
    )
    quantities: list[QuantityMention] = Field(
        default_factory=list, description="Every quantity, in document order."
    )
    entities: list[EntityMention] = Field(
        default_factory=list,
        description="Every named-entity mention, in document order.",
    )
    actors: list[Actor] = Field(
        default_factory=list,
        description="Canonical actors, one per referent, aggregated over their mentions.",
    )
    claims: list[Claim] = Field(default_factory=list, description="Every claim, in document order.")
    warnings: list[str] = Field(
        default_factory=list,
        description=(
            "Notes on this document, one sentence each: why there is no reference date or "
            "how its year was inferred, an encoding other than UTF-8 ..."
        ),
    )
    # additions beyond the contract
    text: str | None = Field(
        default=None,
        description=(
            "The document text exactly as decoded (for a web page: its article as extracted, "
            "paragraphs apart by a blank line), which every `start`/`end` indexes (always "
            "set). Addition beyond the v1 contract."
        ),
    )
    credits: list[Credit] = Field(
        default_factory=list,
        description=(
            "Bylines and credit lines, masked from the text the extractors read. Addition "
            "beyond the v1 contract."
        ),
    )
    boilerplate: list[Span] = Field(
        default_factory=list,
        description=(
            "Page furniture masked with spaces ('2 minute read', 'Register now for FREE "
            "unlimited access to'). Addition beyond the v1 contract."
        ),
    )
    meta: dict[str, Any] = Field(
        default_factory=dict,
        description=(
            "The JSONL line's other fields (all but id, text, html, date, title), "
            "untouched; for a web page also `page`: its url, author, site_name, date and "
            "date_source ('trafilatura', 'htmldate' or 'url'); {} otherwise. Addition beyond "
            "the v1 contract's output (its input section names it)."
        ),
    )


class ErrorInfo(Record):
    """What went wrong with an input."""

    kind: str = Field(
        description=(
            "Category: 'not_found', 'permission', 'read', 'not_regular', 'empty_folder', "
            "'no_match', 'binary', 'decode', 'empty', 'jsonl', 'html', 'no_article', 'not_html', "
            "'warc' (a web archive that cannot be read), 'decompress' (a damaged .gz, .bz2 or .zst "
            "file), 'input', 'model', 'resource', 'internal' ..."
        )
    )
    message: str = Field(description="One line naming the problem: 'line 3: missing \"text\"'.")


class ErrorRecord(Record):
    """One input that could not be processed (unreadable, binary, a bad JSONL line ...),
    in input order among the results."""

    id: str = Field(
        description="The input's id: the path as given, '-', the JSONL `id` or 'path:line'."
    )
    source: str = Field(description="The path the input came from, or '-'.")
    error: ErrorInfo = Field(description="What went wrong.")


Result = DocumentResult | ErrorRecord


@cache
def result_adapter() -> TypeAdapter[Result]:
    """Validator and schema of an output line (built once: it is not cheap)."""
    return TypeAdapter(Result)
