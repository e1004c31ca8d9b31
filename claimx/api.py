"""The library facade: documents in, records out. Never prints.

Data flow (``DESIGN.md``): inputs -> layout (title, dateline, credits,
furniture on the raw text) -> spaCy on the masked text (same length, so offsets
never shift) -> reference date -> times -> quantities -> actors -> claims.
Records stream out in input order; a failed input becomes an error record and
the rest go on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from claimx.errors import ClaimxError
from claimx.inputs import Document, InputFailure
from claimx.records import DocumentResult, ErrorInfo, ErrorRecord, Result, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from claimx.layout import Layout

#: documents handed to spaCy at a time; small enough to keep memory flat
BATCH_SIZE = 32


@dataclass(frozen=True)
class Options:
    """What changes the output besides the input itself."""

    ref_date: dt.date | None = None
    model: str | None = None


def extract_text(
    text: str,
    *,
    ref_date: dt.date | None = None,
    date: dt.date | None = None,
    title: str | None = None,
    id: str = "-",
    model: str | None = None,
) -> DocumentResult:
    """Extract one document given as a string. Raises ``ClaimxError`` if it cannot."""
    document = Document(id=id, source=id, text=text, date=date, title=title, meta={})
    result = next(extract_documents([document], Options(ref_date=ref_date, model=model)))
    if isinstance(result, ErrorRecord):
        raise ClaimxError(f"{result.id}: {result.error.message}")
    return result


def extract_documents(
    inputs: Iterable[Document | InputFailure], options: Options | None = None
) -> Iterator[Result]:
    """Stream one record per input, in input order."""
    from claimx.layout import analyse_layout
    from claimx.pipeline import load_pipeline

    options = options or Options()
    nlp = load_pipeline(options.model)

    def prepared() -> Iterator[tuple[str, tuple[Document | InputFailure, Layout | None]]]:
        for item in inputs:
            if isinstance(item, InputFailure):
                yield "", (item, None)
                continue
            layout = analyse_layout(item.text, item.title)
            yield layout.masked(item.text), (item, layout)

    for sdoc, (item, layout) in nlp.pipe(prepared(), as_tuples=True, batch_size=BATCH_SIZE):
        if isinstance(item, InputFailure):
            yield error_record(item.id, item.source, item.kind, item.message)
            continue
        assert layout is not None
        try:
            yield build_result(item, layout, sdoc, options)
        except ClaimxError as exc:
            yield error_record(item.id, item.source, exc.kind, str(exc))
        except Exception as exc:  # a bug must not sink the batch: report it on this input
            yield error_record(
                item.id, item.source, "internal", f"internal error: {type(exc).__name__}: {exc}"
            )


def error_record(id: str, source: str, kind: str, message: str) -> ErrorRecord:
    return ErrorRecord(id=id, source=source, error=ErrorInfo(kind=kind, message=message))


def build_result(document: Document, layout: Layout, sdoc: Doc, options: Options) -> DocumentResult:
    """All layers of one parsed document."""
    from claimx.extract.actors import ActorLayer
    from claimx.extract.claims import build_claims
    from claimx.extract.quantities import find_quantities
    from claimx.extract.times import find_times
    from claimx.records import Dateline
    from claimx.reference import dateline_time, resolve_reference_date

    text = document.text
    reference, ref, warnings = resolve_reference_date(
        option=options.ref_date,
        document_date=document.date,
        dateline=layout.dateline,
        doc=sdoc,
        body_start=layout.body_start,
    )
    times = find_times(sdoc, ref)
    quantities = find_quantities(sdoc, times)
    places = [layout.dateline.place] if layout.dateline and layout.dateline.place else []
    actors = ActorLayer(sdoc, places=places)
    skip = [layout.title] if layout.title else []
    claims = build_claims(
        sdoc,
        text=text,
        times=times,
        quantities=quantities,
        actors=actors,
        reference=reference.value,
        skip=skip,
    )
    dateline = None
    if layout.dateline is not None:
        d = layout.dateline
        dateline = Dateline(
            place=d.place,
            date=dateline_time(d, text, ref),
            agency=d.agency,
            start=d.start,
            end=d.end,
        )
    title = document.title
    if title is None and layout.title is not None:
        title = text[layout.title[0] : layout.title[1]].strip() or None
    meta: dict[str, Any] = dict(document.meta)
    return DocumentResult(
        id=document.id,
        source=document.source,
        title=title,
        reference_date=reference,
        dateline=dateline,
        times=times,
        quantities=quantities,
        entities=actors.entities(),
        actors=actors.actors(),
        claims=claims,
        warnings=[*document.warnings, *warnings],
        text=text,
        credits=list(layout.credits),
        boilerplate=[Span(text=text[s:e], start=s, end=e) for s, e in layout.furniture],
        meta=meta,
    )
