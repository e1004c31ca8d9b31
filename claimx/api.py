"""The library facade: documents in, records out. Never prints.

Data flow (``DESIGN.md``): inputs -> layout (title, dateline, credits,
furniture on the raw text) -> spaCy on the masked text (same length, so offsets
never shift) -> reference date -> times -> quantities -> actors -> claims.
Records stream out in input order; a failed input becomes an error record and
the rest go on.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from claimx.errors import ClaimxError
from claimx.inputs import Document, InputFailure
from claimx.records import DocumentResult, ErrorInfo, ErrorRecord, Result, Span

if TYPE_CHECKING:
    from spacy.language import Language
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
    nlp: Language | None = None,
) -> DocumentResult:
    """Extract one document given as a string. Raises ``ClaimxError`` if it cannot.

    ``nlp``: a loaded English pipeline to reuse (else claimx loads its pinned model).
    """
    document = Document(id=id, source=id, text=text, date=date, title=title, meta={})
    options = Options(ref_date=ref_date, model=model)
    result = next(extract_documents([document], options, nlp=nlp))
    if isinstance(result, ErrorRecord):
        raise ClaimxError(f"{result.id}: {result.error.message}")
    return result


def extract_documents(
    inputs: Iterable[Document | InputFailure],
    options: Options | None = None,
    *,
    nlp: Language | None = None,
) -> Iterator[Result]:
    """Stream one record per input, in input order.

    Inputs are taken ``BATCH_SIZE`` at a time, so memory stays flat however
    many documents the iterable yields (it is never materialised).
    """
    options = options or Options()
    batch: list[Document | InputFailure] = []
    for item in inputs:
        batch.append(item)
        if len(batch) >= BATCH_SIZE:
            yield from extract_batch(batch, options, nlp=nlp)
            batch = []
    if batch:
        yield from extract_batch(batch, options, nlp=nlp)


def extract_batch(
    items: Sequence[Document | InputFailure],
    options: Options | None = None,
    *,
    nlp: Language | None = None,
) -> list[Result]:
    """One record per item, in order: the unit of work a batch worker runs.

    ``nlp``: a loaded pipeline to reuse; it must tag, parse and find entities (a
    transformer pipeline or a fine-tuned NER does), else claimx's pinned model.
    """
    from claimx.layout import analyse_layout
    from claimx.pipeline import load_pipeline

    options = options or Options()
    if nlp is None:
        nlp = load_pipeline(options.model)
    documents = [item for item in items if isinstance(item, Document)]
    layouts = [analyse_layout(d.text, d.title) for d in documents]
    masked = [lay.masked(d.text) for d, lay in zip(documents, layouts, strict=True)]
    parsed = iter(parse_texts(nlp, masked))
    prepared = iter(zip(documents, layouts, strict=True))
    results: list[Result] = []
    for item in items:
        if isinstance(item, InputFailure):
            results.append(error_record(item.id, item.source, item.kind, item.message))
            continue
        document, layout = next(prepared)
        sdoc = next(parsed)
        try:
            results.append(build_result(document, layout, sdoc, options))
        except ClaimxError as exc:
            results.append(error_record(document.id, document.source, exc.kind, str(exc)))
        except Exception as exc:  # a bug must not sink the batch: report it on this input
            message = f"internal error: {type(exc).__name__}: {exc}"
            results.append(error_record(document.id, document.source, "internal", message))
    return results


def parse_texts(nlp: Language, texts: Sequence[str]) -> list[Doc]:
    """Parse texts in order; one longer than ``LONG_CHUNK`` is parsed in chunks.

    The parser and the entity recogniser need memory in proportion to the text
    they read at once (spaCy refuses one over ``max_length``). Such a text is cut at
    paragraph breaks into chunks under the limit that together are exactly the
    text, each chunk is parsed, and ``Doc.from_docs`` joins the parses into one
    ``Doc`` whose text is the original: every offset stays exact and the
    extractors run once over the whole document, so claim and actor ids stay
    unique and consistent. A blank line already ends a sentence
    (``pipeline.mark_paragraph_breaks``), so no sentence is split by a cut.
    """
    # the parser's memory grows with the text it reads at once (a 300 KB text with no
    # full stop took 1.2 GB whole, 0.3 GB in pieces of LONG_CHUNK), so any text
    # longer than a long article is parsed in pieces, not only one over max_length
    limit = min(nlp.max_length, LONG_CHUNK)
    short = [t for t in texts if len(t) <= limit]
    parsed = iter(nlp.pipe(short, batch_size=BATCH_SIZE))
    out: list[Doc] = []
    for text in texts:
        if len(text) <= limit:
            out.append(next(parsed))
        else:
            out.append(_parse_long(nlp, text, limit))
    return out


#: texts longer than this are parsed in pieces of at most this size: parser memory
#: grows with the piece, and news articles are shorter (the longest in the public dev
#: sets is 22,068 characters)
LONG_CHUNK = 50_000


def _parse_long(nlp: Language, text: str, limit: int) -> Doc:
    from spacy.tokens import Doc

    chunks = [text[start:end] for start, end in chunk_bounds(text, limit)]
    docs = []
    for doc in nlp.pipe(chunks, batch_size=1):
        # the extractors read tags, parses and entities, never the tok2vec tensor,
        # which for millions of tokens would take gigabytes in the joined Doc
        doc.tensor = doc.tensor[:0].copy()  # a copy: a view would keep the whole buffer
        docs.append(doc)
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    assert joined.text == text  # the chunks partition the text
    return joined


#: where a chunk may end, best first: after a blank line (a paragraph), after a
#: line break, after a sentence end, after any whitespace
_CUTS = (
    re.compile(r"\n[ \t\r\f\v]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?][\"'”’)\]]*\s+"),
    re.compile(r"\s+"),
)


def chunk_bounds(text: str, limit: int) -> list[tuple[int, int]]:
    """``(start, end)`` pairs that partition ``text`` into pieces of at most ``limit``.

    Each piece ends at the last paragraph break that fits, else the last line
    break, sentence end or whitespace, else (one unbroken run of ``limit``
    characters) at the limit itself.
    """
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = 0
        for pattern in _CUTS:
            ends = [m.end() for m in pattern.finditer(window) if m.end() < len(window)]
            if ends:
                cut = ends[-1]
                break
        if cut <= 0:
            cut = limit
        bounds.append((start, start + cut))
        start += cut
    bounds.append((start, len(text)))
    return bounds


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
        metadata_date=document.published,
        published=layout.published,
    )
    times = find_times(sdoc, ref)
    quantities = find_quantities(sdoc, times)
    places = [layout.dateline.place] if layout.dateline and layout.dateline.place else []
    # a time or an amount with no counted thing is a value through and through: a
    # name inside it is a time zone or a currency code ("18:00 UTC", "9.99 US dollars")
    values = [(t.start, t.end) for t in times if t.type == "TIME"]
    values += [(q.start, q.end) for q in quantities if q.kind == "money" and q.counted is None]
    actors = ActorLayer(sdoc, places=places, values=values)
    # a headline is no claim of the writer's, but it may report someone's:
    # "Indonesia's transport minister tells airlines not to buy European aircraft"
    headlines = [layout.title] if layout.title else []
    claims = build_claims(
        sdoc,
        text=text,
        times=times,
        quantities=quantities,
        actors=actors,
        reference=reference.value,
        headlines=headlines,
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
    # spaCy read the masked copy (plain spaces for no-break ones): every span's text
    # is read again from the document itself, so text[start:end] == text holds
    times = [t.model_copy(update={"text": text[t.start : t.end]}) for t in times]
    quantities = [q.model_copy(update={"text": text[q.start : q.end]}) for q in quantities]
    entities = [e.model_copy(update={"text": text[e.start : e.end]}) for e in actors.entities()]
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
        entities=entities,
        actors=actors.actors(),
        claims=claims,
        warnings=[*document.warnings, *warnings],
        text=text,
        credits=list(layout.credits),
        boilerplate=[Span(text=text[s:e], start=s, end=e) for s, e in layout.furniture],
        meta=meta,
    )
