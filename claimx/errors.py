"""One exception tree for claimx.

The CLI has a single error boundary (``cli.py``) that turns these into one-line
messages and exit codes; the library raises them and never prints.
"""

from __future__ import annotations


class ClaimxError(Exception):
    """Base of every error claimx raises on purpose."""

    #: short machine-readable category, used in error records (``error.kind``)
    kind = "error"


class UsageError(ClaimxError):
    """A bad option or argument combination (exit code 2)."""

    kind = "usage"


class ModelError(ClaimxError):
    """The spaCy pipeline could not be found or loaded."""

    kind = "model"


class ResourceError(ClaimxError):
    """A data file in ``models/`` is missing or malformed."""

    kind = "resource"


class InputError(ClaimxError):
    """One input could not be read as a document.

    Raised per input; a batch records it as an error record and goes on.
    """

    kind = "input"

    def __init__(self, source: str, message: str, *, kind: str = "input") -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message
        self.kind = kind
