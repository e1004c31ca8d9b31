"""The readable view: a Rich table of claims per document, or one for all documents.

The table is laid out for the width it is drawn at (the console's), so it reads at
80 columns and uses the room at 160:

- words are never cut with an ellipsis: cells wrap at spaces, and only a word longer
  than its column is folded onto the next line;
- the date column holds the day and, on a second line, the time of day ("2019-08-24"
  over "20:30"), so it never needs more than 11 characters;
- a date that the claim does not state, the article's reference date, carries a
  ``*`` and the table a line saying what the star means (text, not only a colour,
  so it survives a pipe and a screen reader);
- when there is not room for the actors and quantities columns next to a claim
  column of at least ~40% of the width, they become dim "actors: ..." and
  "quantities: ..." lines under the claim text; with less room still, the source
  goes there too ("source: ..."). Nothing is dropped, only moved.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, Group, JustifyMethod, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from claimx.records import DocumentResult, Result

REFERENCE_MARK = "*"
LEGEND = f"{REFERENCE_MARK} the claim states no date: this is the article's reference date"

_DATE_MAX = 11  # "2021-09-27*"
_PARTS_OF_DAY = {
    "MO": "morning",
    "MI": "midday",
    "AF": "afternoon",
    "EV": "evening",
    "NI": "night",
    "DT": "daytime",
}
_TIMED = re.compile(r"([^T]*)T(\d.*|MO|MI|AF|EV|NI|DT)")  # "2019-08-24T20:30", "T20:30"
_REFERENCE_WORDS = {"PRESENT_REF": "now", "PAST_REF": "past", "FUTURE_REF": "future"}


@dataclass(frozen=True)
class _Row:
    """One claim, as the table shows it."""

    document: str
    number: str
    date: list[str]  # lines: the day (or a word), then the time of day if any
    date_source: str
    who: str | None  # None: the claim has no attribution
    cue: str
    quote: bool  # the attribution is a direct quotation
    claim: Text  # the claim text with its flags
    actors: list[str]
    quantities: list[str]


def document_view(result: DocumentResult) -> Group:
    """A document's title, its facts and the table of its claims."""
    ref = result.reference_date
    facts = [f"id {result.id}"]
    facts.append(f"reference date {ref.value or 'unknown'} ({ref.source})")
    if result.dateline is not None:
        place, agency = result.dateline.place, result.dateline.agency
        if place or agency:
            where = f"{place} ({agency})" if place and agency else place or agency
            facts.append(f"dateline {where}")
    facts.append(
        ", ".join(
            _count(len(items), name)
            for items, name in (
                (result.claims, "claim"),
                (result.times, "time"),
                (result.quantities, "quantity"),
                (result.actors, "actor"),
            )
        )
    )
    title = Text(result.title or result.id, style="bold")
    return Group(title, Facts(facts), ClaimTable(_rows(result)))


def claims_view(results: Iterable[DocumentResult]) -> ClaimTable:
    """One table of the claims of all the documents, with a leading document column."""
    documents = list(results)
    rows = [row for result in documents for row in _rows(result)]
    return ClaimTable(rows, documents=True, count=len(documents))


def write(
    records: Iterable[Result], console: Console, *, per_claim: bool = False
) -> Iterator[Result]:
    """Print the records and hand each back once it is taken in.

    By default each document gets its table as it comes. With ``per_claim`` the
    claims of all documents go into one table, printed once every record has been
    taken in (before the generator finishes). Error records are handed back as they
    are; the caller reports them."""
    if not per_claim:
        for record in records:
            if isinstance(record, DocumentResult):
                console.print(document_view(record))
                console.print()
            yield record
        return
    rows: list[_Row] = []
    documents = 0
    for record in records:
        if isinstance(record, DocumentResult):
            documents += 1
            rows.extend(_rows(record))
        yield record
    if documents:
        console.print(ClaimTable(rows, documents=True, count=documents))


class Facts:
    """Short facts joined by " · ", a line broken between facts rather than inside one
    where the width allows."""

    def __init__(self, facts: Sequence[str], style: str = "dim") -> None:
        self.facts = list(facts)
        self.style = style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines: list[str] = []
        for fact in self.facts:
            if lines and len(lines[-1]) + 3 + len(fact) <= options.max_width:
                lines[-1] += " · " + fact
            else:
                lines.append(fact)
        for line in lines:  # a fact wider than the console still wraps at its spaces
            yield Text(line, style=self.style)


class ClaimTable:
    """The claims table, laid out when it is drawn, for the width it gets."""

    def __init__(self, rows: Sequence[_Row], *, documents: bool = False, count: int = 1) -> None:
        self.rows = list(rows)
        self.documents = documents
        self.count = count  # how many documents the rows come from (for "no claims")

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(min(options.max_width, 20), options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        if not self.rows:
            what = "no claims" if self.count <= 1 else f"no claims in {self.count} documents"
            yield Text(what, style="dim")
            return
        layout = _layout(self.rows, width, documents=self.documents)
        yield _table(self.rows, layout)
        if any(row.date_source == "reference" for row in self.rows):
            yield Text(LEGEND, style="dim")


@dataclass(frozen=True)
class _Layout:
    """Content widths of the columns; 0 for a column not drawn (its content moves
    under the claim text)."""

    document: int
    number: int
    date: int
    source: int
    claim: int
    actors: int
    quantities: int


def _layout(rows: Sequence[_Row], width: int, *, documents: bool) -> _Layout:
    def longest(texts: Iterable[str]) -> int:
        return max((len(t) for t in texts), default=0)

    def longest_word(texts: Iterable[str]) -> int:
        return longest(w for t in texts for w in t.split())

    doc_w = 0
    if documents:
        doc_w = max(8, min(longest(r.document for r in rows), max(10, width // 10)))
    number_w = max(1, longest(r.number for r in rows))
    date_w = max(4, min(_DATE_MAX, longest(line for r in rows for line in r.date)))
    fixed = doc_w + number_w + date_w
    claim_min = max(30, width * 2 // 5)

    def room(columns: int) -> int:
        """Content width left for the side columns with the claim at its minimum."""
        shown = columns + 3 + bool(documents)  # number, date, claim (+ document)
        return width - (3 * shown + 1) - fixed - claim_min

    sources = [
        line
        for r in rows
        if r.who is not None
        for line in (r.who, r.cue + (" (direct quote)" if r.quote else ""))
    ]
    actors = [a for r in rows for a in r.actors]
    quantities = [q for r in rows for q in r.quantities]
    # (natural width, floor, cap): a column never goes below its header and, up to
    # the floor's cap, its longest word; it wants its longest line, up to the cap
    source = (longest(sources), max(6, min(longest_word(sources), 18)), width // 6)
    actor = (longest(actors), max(6, min(longest_word(actors), 18)), width // 8)
    quantity = (longest(quantities), max(10, min(longest_word(quantities), 16)), width // 8)

    def fit(columns: Sequence[tuple[int, int, int]], budget: int) -> list[int] | None:
        floors = [floor for _, floor, _ in columns]
        if sum(floors) > budget:
            return None
        wanted = [max(floor, min(natural, cap)) for natural, floor, cap in columns]
        while sum(wanted) > budget:  # take from the widest column that can give
            i = max(
                (i for i in range(len(wanted)) if wanted[i] > floors[i]),
                key=lambda i: wanted[i] - floors[i],
            )
            wanted[i] -= 1
        return wanted

    def done(source_w: int, actors_w: int = 0, quantities_w: int = 0) -> _Layout:
        shown = 3 + bool(documents) + sum(1 for w in (source_w, actors_w, quantities_w) if w)
        claim_w = width - (3 * shown + 1) - fixed - source_w - actors_w - quantities_w
        return _Layout(doc_w, number_w, date_w, source_w, max(1, claim_w), actors_w, quantities_w)

    wide = fit([source, actor, quantity], room(3))
    if wide is not None:
        return done(*wide)
    # the source wants more of the room when it is alone beside the claim
    narrow = fit([(source[0], source[1], max(source[2], width // 5))], room(1))
    if narrow is not None:
        return done(narrow[0])
    return done(0)


def _table(rows: Sequence[_Row], layout: _Layout) -> Table:
    table = Table(show_lines=True, expand=False)

    def column(header: str, width: int, justify: JustifyMethod = "left") -> None:
        table.add_column(header, width=width, overflow="fold", justify=justify)

    if layout.document:
        column("document", layout.document)
    column("#", layout.number, justify="right")
    column("date", layout.date)
    if layout.source:
        column("source", layout.source)
    column("claim", layout.claim)
    if layout.actors:
        column("actors", layout.actors)
    if layout.quantities:
        column("quantities", layout.quantities)
    for row in rows:
        cells: list[Text] = []
        if layout.document:
            cells.append(Text(_break_id(row.document, layout.document)))
        cells.append(Text(row.number))
        cells.append(_date_cell(row))
        if layout.source:
            cells.append(_source_cell(row))
        cells.append(_claim_cell(row, layout))
        if layout.actors:
            cells.append(Text("\n".join(row.actors) or "-"))
        if layout.quantities:
            cells.append(Text("\n".join(row.quantities) or "-"))
        table.add_row(*cells)
    return table


def _rows(result: DocumentResult) -> list[_Row]:
    names = {a.id: a.name for a in result.actors}
    rows = []
    for claim in result.claims:
        attr = claim.attribution
        who: str | None = None
        cue = ""
        if attr is not None:
            who = attr.source.text if attr.source is not None else "(unnamed)"
            cue = attr.cue.text
        flags = [f for f, on in (("negated", claim.negated), ("hedged", claim.hedged)) if on]
        text = Text(claim.text)
        if flags:
            text.append("  [" + ", ".join(flags) + "]", style="yellow")
        rows.append(
            _Row(
                document=result.id,
                number=claim.id.lstrip("c") or claim.id,
                date=_date_lines(claim.date, claim.date_source),
                date_source=claim.date_source,
                who=who,
                cue=cue,
                quote=attr is not None and attr.direct_quote,
                claim=text,
                actors=[names.get(a, a) for a in claim.actors],
                quantities=[
                    result.quantities[i].text
                    for i in claim.quantities
                    if 0 <= i < len(result.quantities)
                ],
            )
        )
    return rows


def _date_lines(value: str | None, source: str) -> list[str]:
    """A TIMEX3 value as the date column shows it: "2019-08-24T20:30" -> the day, then
    the time ("20:30"); "2019-08-24TEV" -> the day, then "evening"; a reference date
    gets the star."""
    if not value:
        return ["-"]
    day, time = value, ""
    timed = _TIMED.fullmatch(value)
    if timed is not None:
        day, time = timed.group(1), timed.group(2)
    day = _REFERENCE_WORDS.get(day, day)
    lines = [line for line in (day, _PARTS_OF_DAY.get(time, time)) if line]
    if source == "reference":
        lines[0] += REFERENCE_MARK
    return lines


def _date_cell(row: _Row) -> Text:
    return Text("\n".join(row.date), style="" if row.date_source == "explicit" else "dim")


def _source_cell(row: _Row) -> Text:
    if row.who is None:
        return Text("-", style="dim")
    cell = Text(row.who, style="bold")
    cell.append("\n" + row.cue + (" (direct quote)" if row.quote else ""), style="dim")
    return cell


def _claim_cell(row: _Row, layout: _Layout) -> Text:
    cell = row.claim.copy()
    notes: list[str] = []
    if not layout.source and row.who is not None:
        notes.append(f"source: {row.who} ({row.cue}{', direct quote' if row.quote else ''})")
    if not layout.actors and row.actors:
        notes.append("actors: " + ", ".join(row.actors))
    if not layout.quantities and row.quantities:
        notes.append("quantities: " + "; ".join(row.quantities))
    for note in notes:
        cell.append("\n" + note, style="dim")
    return cell


def _break_id(text: str, width: int) -> str:
    """A document id in lines of at most ``width``, broken after a path separator or
    a dash, dot or underscore where it can ("corpus/2021/" / "kosovo-plates.txt")."""
    lines: list[str] = []
    line = ""
    for piece in re.findall(r"[^/\\._\- ]*[/\\._\- ]*", text):
        if not piece:
            continue
        if line and len(line) + len(piece) > width:
            lines.append(line)
            line = ""
        while len(piece) > width:
            lines.append(piece[:width])
            piece = piece[width:]
        line += piece
    if line:
        lines.append(line)
    return "\n".join(lines)


def _count(n: int, noun: str) -> str:
    if n == 1:
        return f"1 {noun}"
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{n} {plural}"
