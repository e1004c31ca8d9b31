"""Pydantic records: the output contract (``shared/CONTRACT.md``).

Every record is frozen. Field names and meanings listed in the contract are
fixed; fields added beyond it are documented here.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_serializer

TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
QuantityKind = Literal["count", "money", "percent", "measure", "duration", "ordinal", "other"]
Comparator = Literal["=", "<", "<=", ">", ">="]
ReferenceSource = Literal["option", "input", "dateline", "inferred", "none"]
DateSource = Literal["explicit", "reference", "none"]


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(Record):
    """A stretch of the document text: ``text == document[start:end]``."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Resolution(Record):
    """How a time value was obtained, so a user can see why "Friday" became a date."""

    rule: str
    anchor: str | None = None  # the date the rule counted from (TIMEX3 value)


class TimeMention(Span):
    type: TimeType
    value: str | None
    mod: str | None = None  # TIMEX3 mod: START, MID, END, BEFORE, AFTER, APPROX ...
    resolution: Resolution | None = None


class QuantityMention(Span):
    value: float | None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    counted: str | None = None
    kind: QuantityKind = "count"
    approximate: bool = False
    comparator: Comparator = "="

    @field_serializer("value", "low", "high")
    def _number(self, v: float | None) -> float | int | None:
        # 5000, not 5000.0: counts read as integers in JSON
        if v is None or not math.isfinite(v):
            return None  # JSON has no Infinity/NaN: a number too large to hold is unknown
        if v.is_integer() and abs(v) < 2**53:
            return int(v)
        return v


class EntityMention(Span):
    label: str
    actor: str | None = None


class Actor(Record):
    id: str
    name: str
    type: str
    aliases: list[str] = Field(default_factory=list)
    mentions: int = 0
    part_of: str | None = (
        None  # id of the actor this one belongs to ("Kosovo government" -> Kosovo)
    )


class SourceSpan(Span):
    actor: str | None = None


class Attribution(Record):
    source: SourceSpan | None
    cue: Span
    direct_quote: bool = False
    # additions beyond the contract
    cue_class: str | None = None  # assert, confirm, deny, allege, warn, estimate, believe, ...
    content: Span | None = None  # what is reported: the complement clause or the quotation


class Claim(Span):
    id: str
    date: str | None = None
    date_source: DateSource = "none"
    times: list[int] = Field(default_factory=list)
    quantities: list[int] = Field(default_factory=list)
    actors: list[str] = Field(default_factory=list)
    attribution: Attribution | None = None
    negated: bool = False
    hedged: bool = False


class ReferenceDate(Record):
    value: str | None
    source: ReferenceSource


class Dateline(Record):
    place: str | None
    date: TimeMention | None
    agency: str | None
    start: int
    end: int


class Credit(Span):
    """A byline or credit line ("Reporting by Fatos Bytyci"): metadata, not an actor."""

    role: str
    names: list[str] = Field(default_factory=list)


class DocumentResult(Record):
    id: str
    source: str
    title: str | None = None
    reference_date: ReferenceDate
    dateline: Dateline | None = None
    times: list[TimeMention] = Field(default_factory=list)
    quantities: list[QuantityMention] = Field(default_factory=list)
    entities: list[EntityMention] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    # additions beyond the contract
    text: str | None = None  # the document text the offsets index (always set)
    credits: list[Credit] = Field(default_factory=list)
    boilerplate: list[Span] = Field(default_factory=list)  # masked page furniture
    meta: dict[str, Any] = Field(default_factory=dict)


class ErrorInfo(Record):
    kind: str
    message: str


class ErrorRecord(Record):
    id: str
    source: str
    error: ErrorInfo


Result = DocumentResult | ErrorRecord


@cache
def result_adapter() -> TypeAdapter[Result]:
    """Validator and schema of an output line (built once: it is not cheap)."""
    return TypeAdapter(Result)
