"""The library facade: documents in, records out. Never prints.

Data flow (``DESIGN.md``): inputs -> layout (title, dateline, credits,
furniture on the raw text) -> spaCy on the masked text (same length, so offsets
never shift) -> reference date -> times -> quantities -> actors -> claims.
Records stream out in input order; a failed input becomes an error record and
the rest go on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, cast

from claimx.errors import ClaimxError
from claimx.inputs import Document, InputFailure
from claimx.records import DocumentResult, ErrorInfo, ErrorRecord, Result
from claimx.sections import CHUNK_CHARS, Spilled

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
    results = extract_or_spill(items, options, nlp=nlp, spill_dir=None)
    assert all(not isinstance(r, Spilled) for r in results)
    return cast("list[Result]", results)


def extract_or_spill(
    items: Sequence[Document | InputFailure],
    options: Options | None = None,
    *,
    nlp: Language | None = None,
    spill_dir: str | None,
    spill: bool = False,
) -> list[Result | Spilled]:
    """:func:`extract_batch`, but with ``spill`` a text read in sections comes back as
    its record's JSON line written to a file under ``spill_dir`` (``claimx.sections``),
    so a batch worker never holds the records of a 20 MB text."""
    from claimx.component import component_of
    from claimx.pipeline import load_pipeline
    from claimx.sections import plan

    options = options or Options()
    if nlp is None:
        nlp = load_pipeline(options.model)
    component = component_of(nlp)
    limit = min(CHUNK_CHARS, nlp.max_length)
    prepared = [_prepare(item, limit) for item in items if isinstance(item, Document)]
    # claimx's own component runs below, with what the library knows of each document
    parse = _Parser(nlp)
    whole = parse.many([p.masked for p in prepared if not p.long])
    results: list[Result | Spilled] = []
    queue = iter(prepared)
    for item in items:
        if isinstance(item, InputFailure):
            results.append(error_record(item.id, item.source, item.kind, item.message))
            continue
        ready = next(queue)
        document = ready.document
        sdoc = None if ready.long else next(whole)
        try:
            sections = plan(ready.masked, ready.limit) if sdoc is None else []
            if len(sections) == 1:  # parsed in pieces, extracted whole
                sdoc = parse.joined(ready.masked, sections[0])
            if sdoc is not None:
                results.append(
                    component.result(sdoc, document, ready.layout, ref_date=options.ref_date)
                )
            else:
                results.append(
                    _sections(ready, sections, parse, options.ref_date, spill, spill_dir)
                )
        except ClaimxError as exc:
            results.append(error_record(document.id, document.source, exc.kind, str(exc)))
        except Exception as exc:  # a bug must not sink the batch: report it on this input
            message = f"internal error: {type(exc).__name__}: {exc}"
            results.append(error_record(document.id, document.source, "internal", message))
    return results


@dataclass(frozen=True)
class _Prepared:
    """A document ready to parse: its layout and the copy spaCy reads."""

    document: Document
    layout: Layout
    masked: str  # furniture blanked, same length as the text (offsets hold)
    long: bool  # parsed in pieces (and extracted in sections if longer still)
    limit: int  # the most characters spaCy reads at once


def _prepare(document: Document, limit: int) -> _Prepared:
    from claimx.layout import analyse_layout
    from claimx.sections import blank_punctuation_runs, needs_chunks

    layout = analyse_layout(document.text, document.title)
    masked, warning = blank_punctuation_runs(layout.masked(document.text))
    if warning is not None:
        document = replace(document, warnings=(*document.warnings, warning))
    return _Prepared(document, layout, masked, needs_chunks(masked, limit), limit)


class _Parser:
    """spaCy over texts, without the pipeline's own ``claimx`` step (the library
    runs the component itself, with the document it knows)."""

    def __init__(self, nlp: Language) -> None:
        from claimx.component import COMPONENT

        self.nlp = nlp
        self.skip = [name for name in nlp.pipe_names if name == COMPONENT]

    def many(self, texts: list[str]) -> Iterator[Doc]:
        return iter(self.nlp.pipe(texts, batch_size=BATCH_SIZE, disable=self.skip))

    def joined(self, text: str, pieces: list[tuple[int, int]]) -> Doc:
        """One ``Doc`` of ``text[pieces[0][0]:pieces[-1][1]]``, parsed piece by piece."""
        from spacy.tokens import Doc

        docs = []
        for doc in self.nlp.pipe(
            (text[start:end] for start, end in pieces), batch_size=1, disable=self.skip
        ):
            # the extractors read tags, parses and entities, never the tok2vec tensor,
            # which for a million tokens would take gigabytes in the joined Doc
            doc.tensor = doc.tensor[:0].copy()  # a copy: a view would keep the whole buffer
            docs.append(doc)
        if len(docs) == 1:
            return docs[0]
        joined = Doc.from_docs(docs, ensure_whitespace=False)
        assert joined.text == text[pieces[0][0] : pieces[-1][1]]  # the pieces partition it
        return joined


def _sections(
    ready: _Prepared,
    sections: list[list[tuple[int, int]]],
    parse: _Parser,
    ref_date: dt.date | None,
    spill: bool,
    spill_dir: str | None,
) -> DocumentResult | Spilled:
    """A text extracted in sections (``claimx.sections``), joined into one record."""
    from claimx.extract.document import (
        extract_layers,
        header_fields,
        places_of,
        resolve_reference,
    )
    from claimx.records import Actor
    from claimx.sections import Joiner, RecordSink, SpillSink

    document, layout = ready.document, ready.layout
    sink: RecordSink | SpillSink = SpillSink(spill_dir) if spill else RecordSink()
    try:
        joiner = Joiner(sink)
        reference = None
        for pieces in sections:
            start, end = pieces[0][0], pieces[-1][1]
            sdoc = parse.joined(ready.masked, pieces)
            if reference is None:  # the first section holds the dateline and the lead
                reference = resolve_reference(document, layout, sdoc, ref_date)
            layers = extract_layers(
                sdoc,
                text=document.text[start:end],
                ref=reference.date,
                reference=reference.record.value,
                places=places_of(layout),
                headlines=[layout.title] if layout.title and start == 0 else [],
            )
            joiner.add(layers, start, document.text)
        assert reference is not None
        header = DocumentResult(
            actors=[Actor.model_validate(a) for a in joiner.actors.records],
            **header_fields(document, layout, reference),
        )
        return sink.finish(header)
    except BaseException:
        if isinstance(sink, SpillSink):
            sink.discard()
        raise


def error_record(id: str, source: str, kind: str, message: str) -> ErrorRecord:
    return ErrorRecord(id=id, source=source, error=ErrorInfo(kind=kind, message=message))
