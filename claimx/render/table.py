"""The readable view: one Rich table of claims per document."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from claimx.records import DocumentResult, Result


def document_view(result: DocumentResult) -> Group:
    ref = result.reference_date
    parts = [f"[bold]{_escape(result.title or result.id)}[/bold]"]
    facts = [f"id {_escape(result.id)}"]
    facts.append(f"reference date {ref.value or 'unknown'} ({ref.source})")
    if result.dateline is not None:
        where = " · ".join(x for x in (result.dateline.place, result.dateline.agency) if x)
        if where:
            facts.append(f"dateline {_escape(where)}")
    facts.append(
        f"{len(result.claims)} claims, {len(result.times)} times, "
        f"{len(result.quantities)} quantities, {len(result.actors)} actors"
    )
    parts.append("[dim]" + " · ".join(facts) + "[/dim]")
    actors = {a.id: a.name for a in result.actors}
    table = Table(show_lines=True, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("source", ratio=2)
    table.add_column("claim", ratio=6)
    table.add_column("actors", ratio=2, width=8)  # with a ratio, width is the minimum
    table.add_column("quantities", ratio=2, width=10)
    for claim in result.claims:
        date = Text(claim.date or "-")
        if claim.date_source != "explicit":
            date.stylize("dim")
        attr = claim.attribution
        if attr is None:
            source = Text("-", style="dim")
        else:
            who = attr.source.text if attr.source else "(unnamed)"
            source = Text(f"{who}\n", style="bold")
            source.append(f"{attr.cue.text}{' (quote)' if attr.direct_quote else ''}", style="dim")
        flags = [f for f, on in (("negated", claim.negated), ("hedged", claim.hedged)) if on]
        body = Text(claim.text)
        if flags:
            body.append("  [" + ", ".join(flags) + "]", style="yellow")
        quantities = "\n".join(result.quantities[i].text for i in claim.quantities)
        table.add_row(
            claim.id.lstrip("c"),
            date,
            source,
            body,
            ", ".join(actors.get(a, a) for a in claim.actors),
            quantities or "-",
        )
    return Group(*parts, table)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def write(records: Iterable[Result], console: Console) -> Iterator[Result]:
    for record in records:
        if isinstance(record, DocumentResult):
            console.print(document_view(record))
            console.print()
        yield record
