"""claimx: dated, attributed claims, times, actors and quantities from news text.

    >>> import claimx
    >>> result = claimx.extract_text("Police said on Monday that two roads were closed.")

The library never prints; ``claimx.cli`` is the command line over it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "extract_documents", "extract_text", "records"]

if TYPE_CHECKING:
    from claimx import records
    from claimx.api import extract_documents, extract_text


def __getattr__(name: str) -> Any:
    # lazy, so "import claimx" (and "claimx --help") stays instant
    if name in {"extract_text", "extract_documents"}:
        from claimx import api

        return getattr(api, name)
    if name == "records":
        from claimx import records

        return records
    raise AttributeError(f"module 'claimx' has no attribute {name!r}")
