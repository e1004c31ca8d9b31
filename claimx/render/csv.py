"""CSV: one row per claim, for spreadsheets; written with the csv module, never through Rich.

Columns (``COLUMNS``): the document (id, source, reference date), the claim
(id, offsets, text, date and where it came from), its attribution (source
text, the source's actor name, cue, direct quote), negation and hedging, the
claim's actors (names) and quantities (texts), and ``error``. Several values
in one cell are joined with ``"; "``.

Every input stays accounted for: a document with no claims is one row with
the claim columns empty, and an error record is one row with ``error`` set
to ``"kind: message"``.

Spreadsheets run a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and
some, after a leading tab or carriage return) as a formula, so an article
quoting ``=HYPERLINK("http://evil", "click")`` could act when the CSV is
opened. Following the OWASP CSV-injection guidance, such cells get a leading
``'``, which spreadsheets show as text and do not evaluate.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import IO, Final

from claimx.records import Claim, DocumentResult, ErrorRecord, Result

COLUMNS: Final = (
    "document_id",
    "source",
    "reference_date",
    "claim_id",
    "start",
    "end",
    "text",
    "date",
    "date_source",
    "attribution_source",
    "attribution_source_actor",
    "cue",
    "direct_quote",
    "negated",
    "hedged",
    "actors",
    "quantities",
    "error",
)

#: first characters that make a spreadsheet evaluate a cell (OWASP CSV injection)
FORMULA_PREFIXES: Final = ("=", "+", "-", "@", "\t", "\r")

#: separator for several values in one cell
JOIN: Final = "; "

Cell = str | int | bool | None


def guard(value: str) -> str:
    """The cell text, with a leading ``'`` if a spreadsheet would run it as a formula."""
    if value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):  # before int: bool is an int subclass
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return guard(value)


def rows(record: Result) -> list[list[str]]:
    """The CSV rows (as strings, guarded) for one record."""
    if isinstance(record, ErrorRecord):
        error = f"{record.error.kind}: {record.error.message}"
        return [_row(document_id=record.id, source=record.source, error=error)]
    base: dict[str, Cell] = {
        "document_id": record.id,
        "source": record.source,
        "reference_date": record.reference_date.value,
    }
    if not record.claims:
        return [_row(**base)]
    return [_row(**base, **_claim_cells(claim, record)) for claim in record.claims]


def _claim_cells(claim: Claim, result: DocumentResult) -> dict[str, Cell]:
    names = {actor.id: actor.name for actor in result.actors}
    quantities = [result.quantities[i].text for i in claim.quantities if i < len(result.quantities)]
    attribution = claim.attribution
    source = attribution.source if attribution is not None else None
    return {
        "claim_id": claim.id,
        "start": claim.start,
        "end": claim.end,
        "text": claim.text,
        "date": claim.date,
        "date_source": claim.date_source,
        "attribution_source": source.text if source is not None else None,
        "attribution_source_actor": (
            names.get(source.actor, source.actor) if source and source.actor else None
        ),
        "cue": attribution.cue.text if attribution is not None else None,
        "direct_quote": attribution.direct_quote if attribution is not None else None,
        "negated": claim.negated,
        "hedged": claim.hedged,
        "actors": JOIN.join(names.get(a, a) for a in claim.actors),
        "quantities": JOIN.join(quantities),
    }


def _row(**cells: Cell) -> list[str]:
    unknown = set(cells) - set(COLUMNS)
    assert not unknown, unknown
    return [_cell(cells.get(name)) for name in COLUMNS]


def write(records: Iterable[Result], out: IO[str]) -> Iterator[Result]:
    """Write the header, then each record's rows as it comes (flushed); pass it on."""
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    out.flush()
    for record in records:
        writer.writerows(rows(record))
        out.flush()
        yield record
