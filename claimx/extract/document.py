"""All layers of one parsed document: the record of a ``Doc``.

This is what the ``claimx`` pipeline component runs (``claimx.component``), so
the library, the command line and a spaCy user's own pipeline share it. A text
too long to parse at once is read in sections (``claimx.sections``), each
through :func:`extract_layers`, and the section records are joined.

The parse (``sdoc``) is of the *masked* text: furniture, credits and the
dateline blanked with spaces of equal length, so every offset into it is an
offset into the document as read. Span texts are always read again from the
document itself, never from the masked copy.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from claimx.records import (
    Actor,
    Claim,
    DocumentResult,
    EntityMention,
    QuantityMention,
    ReferenceDate,
    Span,
    TimeMention,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from claimx.inputs import Document
    from claimx.layout import Layout


_S = TypeVar("_S", bound=Span)


@dataclass(frozen=True)
class Reference:
    """The reference date of a document: its record, the date, and the warnings."""

    record: ReferenceDate
    date: dt.date | None
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class Layers:
    """What the extractors found in one parse, with offsets into that parse's text."""

    times: list[TimeMention]
    quantities: list[QuantityMention]
    entities: list[EntityMention]
    actors: list[Actor]
    claims: list[Claim]


def resolve_reference(
    document: Document, layout: Layout, sdoc: Doc, ref_date: dt.date | None
) -> Reference:
    """The document's reference date (``--ref-date`` > its date > its page's > its
    dateline, ``claimx.reference``); ``sdoc`` is the parse of its opening."""
    from claimx.reference import resolve_reference_date

    record, date, warnings = resolve_reference_date(
        option=ref_date,
        document_date=document.date,
        dateline=layout.dateline,
        doc=sdoc,
        body_start=layout.body_start,
        metadata_date=document.published,
        published=layout.published,
    )
    return Reference(record, date, tuple(warnings))


def extract_layers(
    sdoc: Doc,
    *,
    text: str,
    ref: dt.date | None,
    reference: str | None,
    places: list[str],
    headlines: list[tuple[int, int]],
) -> Layers:
    """Times, quantities, actors and claims of one parse.

    ``ref`` is the date relative times count from and ``reference`` its value
    as the claims record it; ``places`` the dateline's place, a name even where
    the model misses it; ``headlines`` the title's span, a line that may report
    someone's words but is no claim of the writer's ("Indonesia's transport
    minister tells airlines not to buy European aircraft").
    """
    from claimx.extract.actors import ActorLayer
    from claimx.extract.claims import build_claims
    from claimx.extract.quantities import find_quantities
    from claimx.extract.times import find_times

    times = find_times(sdoc, ref)
    quantities = find_quantities(sdoc, times)
    # a time or an amount with no counted thing is a value through and through: a
    # name inside it is a time zone or a currency code ("18:00 UTC", "9.99 US dollars")
    values = [(t.start, t.end) for t in times if t.type == "TIME"]
    values += [(q.start, q.end) for q in quantities if q.kind == "money" and q.counted is None]
    actors = ActorLayer(sdoc, places=places, values=values)
    claims = build_claims(
        sdoc,
        text=text,
        times=times,
        quantities=quantities,
        actors=actors,
        reference=reference,
        headlines=headlines,
    )
    return Layers(times, quantities, actors.entities(), actors.actors(), claims)


def places_of(layout: Layout) -> list[str]:
    """The dateline's place, which names a place wherever the text repeats it."""
    dateline = layout.dateline
    return [dateline.place] if dateline is not None and dateline.place else []


def build_result(
    document: Document, layout: Layout, sdoc: Doc, ref_date: dt.date | None
) -> DocumentResult:
    """The record of a document parsed whole (``sdoc.text`` is its masked text)."""
    reference = resolve_reference(document, layout, sdoc, ref_date)
    layers = extract_layers(
        sdoc,
        text=document.text,
        ref=reference.date,
        reference=reference.record.value,
        places=places_of(layout),
        headlines=[layout.title] if layout.title else [],
    )
    return assemble(document, layout, reference, layers)


def assemble(
    document: Document, layout: Layout, reference: Reference, layers: Layers
) -> DocumentResult:
    """The document's record from its layers (offsets already into ``document.text``)."""
    text = document.text
    # spaCy read the masked copy (plain spaces for no-break ones): every span's text
    # is read again from the document itself, so text[start:end] == text holds
    return DocumentResult(
        times=[_reread(t, text) for t in layers.times],
        quantities=[_reread(q, text) for q in layers.quantities],
        entities=[_reread(e, text) for e in layers.entities],
        actors=layers.actors,
        claims=layers.claims,
        **header_fields(document, layout, reference),
    )


def header_fields(document: Document, layout: Layout, reference: Reference) -> dict[str, Any]:
    """Every field of the record but the five lists of mentions, actors and claims."""
    from claimx.records import Dateline
    from claimx.reference import dateline_time

    text = document.text
    dateline = None
    if layout.dateline is not None:
        d = layout.dateline
        dateline = Dateline(
            place=d.place,
            date=dateline_time(d, text, reference.date),
            agency=d.agency,
            start=d.start,
            end=d.end,
        )
    title = document.title
    if title is None and layout.title is not None:
        title = text[layout.title[0] : layout.title[1]].strip() or None
    return {
        "id": document.id,
        "source": document.source,
        "title": title,
        "reference_date": reference.record,
        "dateline": dateline,
        "warnings": [*document.warnings, *reference.warnings],
        "text": text,
        "credits": list(layout.credits),
        "boilerplate": [Span(text=text[s:e], start=s, end=e) for s, e in layout.furniture],
        "meta": dict(document.meta),
    }


def _reread(span: _S, text: str) -> _S:
    return span.model_copy(update={"text": text[span.start : span.end]})
