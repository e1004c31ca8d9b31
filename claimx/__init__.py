"""claimx: dated, attributed claims, times, actors and quantities from news text.

    >>> import claimx
    >>> result = claimx.extract_text("Police said on Monday that two roads were closed.")

``claimx.extract_documents(documents, claimx.Options(...), nlp=nlp)`` streams
records for ``claimx.Document`` inputs and reuses a loaded pipeline; inside spaCy,
``nlp.add_pipe("claimx")`` (``claimx.component``) writes the records to ``doc._``.

The library never prints; ``claimx.cli`` is the command line over it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Document",
    "DocumentResult",
    "ErrorRecord",
    "Options",
    "__version__",
    "extract_batch",
    "extract_documents",
    "extract_text",
    "records",
]

if TYPE_CHECKING:
    from claimx import records
    from claimx.api import Options, extract_batch, extract_documents, extract_text
    from claimx.inputs import Document
    from claimx.records import DocumentResult, ErrorRecord


def __getattr__(name: str) -> Any:
    # lazy, so "import claimx" (and "claimx --help") stays instant
    if name in {"extract_text", "extract_documents", "extract_batch", "Options"}:
        from claimx import api

        return getattr(api, name)
    if name == "Document":
        from claimx.inputs import Document

        return Document
    if name in {"DocumentResult", "ErrorRecord"}:
        from claimx import records as _records

        return getattr(_records, name)
    if name == "records":
        from claimx import records

        return records
    raise AttributeError(f"module 'claimx' has no attribute {name!r}")
