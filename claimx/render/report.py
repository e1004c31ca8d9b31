"""The HTML report: each article with its claims, sources, cues, times and quantities
marked, who said what, and a timeline of dated claims, in one self-contained file.

The page is for people who read (journalists, fact-checkers), so it must open from
disk anywhere: the CSS (``report.css``) is inlined, there is no script, font, image
or link to the network, and a Content-Security-Policy forbids all of them, so even
a slip in escaping could not run anything. Every piece of text that comes from an
input (article text, titles, ids, error messages, attribute values) goes through
:func:`_e` (``html.escape`` with quotes).

Marks nest (a claim holds its source, cue, times and quantities) and may cross (a
range's DURATION overlaps its ends; a claim may end inside a quantity). The text is
cut at every span boundary and the marks open and close in stack order; a mark that
crosses another is split into several ``<mark>`` elements sharing one ``data-span``
id, each with the span's ``data-start`` and ``data-end`` and, in an empty
``<span class="tip">`` at its end, the span's explanation (hovering any piece explains
the span), so the text of the elements of one id, joined, is ``text[start:end]``; only
the first element is a tab stop and described (``aria-describedby``), so the keyboard
and a screen reader meet each span once. Labels and explanations are CSS generated
content (``attr()``), never text nodes, so the article's text content stays the
document text exactly, whitespace kept (``white-space: pre-wrap``).

The output depends on the records alone (no clock, no paths of this machine): the
same input gives the same bytes.
"""

from __future__ import annotations

import html
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import IO, Final

from claimx import __version__
from claimx.records import (
    Actor,
    Claim,
    DocumentResult,
    ErrorRecord,
    QuantityMention,
    Result,
    TimeMention,
)

#: mark kinds: the word that labels each (a mark is never told by its colour alone),
#: and what the legend says it is, in the order it lists them
KINDS: Final = {
    "claim": ("CLAIM", "one asserted clause; the label gives its id"),
    "source": (
        "SOURCE",
        "who the claim is attributed to, as written (hover or focus: the canonical actor)",
    ),
    "cue": (
        "CUE",
        "the reporting cue ('said', 'according to'); CUE · QUOTE when the claim is a direct quote",
    ),
    "time": (
        "TIME",
        "a time with its TIMEX3 value, '?' after it when ambiguous (hover or focus:"
        " the rule and the anchor that resolved it)",
    ),
    "quantity": ("QTY", "a quantity (hover or focus: value, unit, what is counted)"),
    "dateline": ("DATELINE", "the dateline at the head of the story"),
    "furniture": ("FURNITURE", "page furniture, masked: never read for claims"),
    "credit": ("CREDIT", "a byline or credit line"),
}

#: outer before inner when two marks cover the same text (a DURATION that is also a
#: quantity: the quantity holds the time)
_RANK: Final = {
    "dateline": 0,
    "furniture": 0,
    "credit": 0,
    "claim": 1,
    "source": 2,
    "cue": 3,
    "quantity": 4,
    "time": 5,
}

_COMPARATORS: Final = {
    "=": "",
    "<": "less than ",
    "<=": "at most ",
    ">": "more than ",
    ">=": "at least ",
}

_DATE_SOURCES: Final = {
    "explicit": "stated in the claim",
    "reference": "the article's reference date: the claim states no time",
    "none": "no date",
}

# No script, style or font from anywhere but the page itself.
_CSP: Final = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _e(value: object) -> str:
    """Text or attribute value, escaped. A carriage return is written as a character
    reference because an HTML parser turns a raw one into a line feed, and the page
    must keep the text exactly as read."""
    return html.escape(str(value), quote=True).replace("\r", "&#13;")


@cache
def stylesheet() -> str:
    """The report's CSS (a data file beside this module)."""
    return resources.files("claimx.render").joinpath("report.css").read_text("utf-8")


@dataclass(frozen=True)
class _Mark:
    """One span to mark in the text, with its label and its explanation."""

    span_id: str  # data-span: 'c3', 't0', 'q2', 's1', 'k1', ...
    kind: str
    start: int
    end: int
    label: str
    tip: tuple[str, ...]  # lines of the explanation (an empty one is left out)

    def explain(self, joiner: str) -> str:
        return joiner.join(line for line in self.tip if line)


@dataclass
class _Piece:
    """One ``<mark>`` element of a mark (a crossing mark has several); whether it is the
    first and the last is known only once the text is cut, so the tag is made then."""

    mark: _Mark
    first: bool
    last: bool = False
    label_in_tail: bool = False  # the label sits on the ``tail`` span (``_tail``)


@dataclass(frozen=True)
class _Entry:
    """What the index needs of one input, and its article's HTML (empty for a failure)."""

    anchor: str
    title: str
    id: str
    counts: str = ""
    error: str | None = None
    claims: int = 0
    body: str = ""


def write(
    records: Iterable[Result], out: IO[str], *, version: str = __version__
) -> Iterator[Result]:
    """Write the report of ``records`` to ``out``, handing each record back once it is
    taken in (so a caller can count them as they come).

    Each record becomes its article's HTML at once and is let go; the page is written
    when the records end, since the index at its top needs them all."""
    entries: list[_Entry] = []
    for number, record in enumerate(records, 1):
        entries.append(_entry(record, f"doc-{number}"))
        yield record
    out.write(_page(entries, version))
    out.flush()


def render(records: Iterable[Result], *, version: str = __version__) -> str:
    """The report of ``records`` as one HTML string."""
    buffer = io.StringIO()
    for _record in write(records, buffer, version=version):
        pass
    return buffer.getvalue()


# --- the page ------------------------------------------------------------------------


def _page(entries: Sequence[_Entry], version: str) -> str:
    articles = [e for e in entries if e.error is None]
    failed = [e for e in entries if e.error is not None]
    if len(entries) == 1 and not failed:
        title = f"claimx report: {entries[0].title}"
    else:
        title = f"claimx report: {_count(len(entries), 'input')}"
    summary = [_count(len(articles), "article"), _count(sum(e.claims for e in articles), "claim")]
    if failed:
        summary.append(f"{len(failed)} failed")
    parts = [
        "<!DOCTYPE html>\n",
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(_CSP)}">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f'<meta name="generator" content="{_e("claimx " + version)}">\n',
        f"<title>{_e(title)}</title>\n<style>\n{stylesheet()}</style>\n</head>\n<body>\n",
        "<main>\n<header>\n<h1>claimx report</h1>\n",
        f'<p class="summary">{_e(" · ".join(summary))}</p>\n</header>\n',
    ]
    if len(entries) != 1 or failed:
        parts.append(_index(entries))
    parts.append(_legend())
    parts.extend(e.body for e in articles)
    parts.append("</main>\n")
    parts.append(f'<footer>\n<p class="generator">Made by claimx {_e(version)}.</p>\n</footer>\n')
    parts.append("</body>\n</html>\n")
    return "".join(parts)


def _index(entries: Sequence[_Entry]) -> str:
    items = []
    for entry in entries:
        if entry.error is not None:
            items.append(
                f'<li><span class="failed">failed</span> <span class="id">{_e(entry.id)}</span>:'
                f" {_e(entry.error)}</li>\n"
            )
        else:
            items.append(
                f'<li><a href="#{_e(entry.anchor)}">{_e(entry.title)}</a>'
                f' <span class="counts">· {_e(entry.counts)}</span></li>\n'
            )
    if not items:
        items.append("<li>No inputs.</li>\n")
    return (
        '<nav class="index" aria-labelledby="index-h">\n<h2 id="index-h">Articles</h2>\n<ol>\n'
        + "".join(items)
        + "</ol>\n</nav>\n"
    )


def _legend() -> str:
    samples = {
        "claim": ("CLAIM c1", "Police said two roads were closed."),
        "time": ("TIME 2021-09-27", "Monday"),
        "furniture": ("FURNITURE", "2 minute read"),
        "source": ("SOURCE", "Police"),
        "cue": ("CUE", "said"),
        "quantity": ("QTY", "two roads"),
        "dateline": ("DATELINE", "PRISTINA (Reuters) -"),
        "credit": ("CREDIT", "Reporting by …"),
    }
    items = []
    for kind, (_word, meaning) in KINDS.items():
        label, text = samples[kind]
        items.append(
            f'<li><span class="swatch k-{kind}" data-label="{_e(label)}">{_e(text)}</span>'
            f" {_e(kind)}: {_e(meaning)}</li>\n"
        )
    return (
        '<section class="legend" aria-labelledby="legend-h">\n'
        '<h2 id="legend-h">How to read the marks</h2>\n<ul>\n'
        + "".join(items)
        + "</ul>\n<p>Tab moves from mark to mark; a focused or hovered mark shows what it is"
        " and, for a time, how its value was resolved. A label ending in “?” is an ambiguous"
        " time: its value rests on a guess the text leaves open.</p>\n</section>\n"
    )


# --- one input -----------------------------------------------------------------------


def _entry(record: Result, anchor: str) -> _Entry:
    if isinstance(record, ErrorRecord):
        return _Entry(
            anchor=anchor,
            title=record.id,
            id=record.id,
            error=f"{record.error.kind}: {record.error.message}",
        )
    counts = ", ".join(
        _count(n, what)
        for n, what in (
            (len(record.claims), "claim"),
            (len(record.times), "time"),
            (len(record.quantities), "quantity"),
            (len(record.actors), "actor"),
        )
    )
    title = record.title or record.id
    return _Entry(
        anchor=anchor,
        title=title,
        id=record.id,
        counts=counts,
        claims=len(record.claims),
        body=_article(record, anchor, title, counts),
    )


def _article(record: DocumentResult, anchor: str, title: str, counts: str) -> str:
    text = record.text or ""
    actors = {actor.id: actor for actor in record.actors}
    marks = _marks(record, actors)
    ref = record.reference_date
    facts = [f"id {record.id}"]
    if record.source != record.id:
        facts.append(f"source {record.source}")
    facts.append(f"reference date {ref.value or 'unknown'} ({ref.source})")
    if record.dateline is not None and (record.dateline.place or record.dateline.agency):
        facts.append(
            "dateline "
            + " ".join(
                p
                for p in (
                    record.dateline.place,
                    f"({record.dateline.agency})" if record.dateline.agency else None,
                )
                if p
            )
        )
    facts.append(counts)
    parts = [
        f'<article id="{_e(anchor)}" aria-labelledby="{_e(anchor)}-h">\n<header>\n',
        f'<h2 id="{_e(anchor)}-h">{_e(title)}</h2>\n',
        f'<p class="facts">{_e(" · ".join(facts))}</p>\n',
    ]
    if record.warnings:
        parts.append('<ul class="warnings">\n')
        parts.extend(f"<li>{_e(w)}</li>\n" for w in record.warnings)
        parts.append("</ul>\n")
    parts.append("</header>\n")
    # text and panels side by side on a wide screen (report.css), one above the other else
    parts.append('<div class="layout">\n')
    parts.append(
        f'<section aria-labelledby="{_e(anchor)}-text-h">\n'
        f'<h3 id="{_e(anchor)}-text-h">Text</h3>\n'
        f'<div class="text">{_marked_text(text, marks, anchor)}</div>\n'
        f"{_descriptions(text, marks, anchor)}</section>\n"
    )
    parts.append('<div class="panels">\n')
    parts.append(_who_said_what(record, actors, anchor))
    parts.append(_timeline(record, actors, anchor))
    parts.append("</div>\n</div>\n")
    parts.append(_times_table(record))
    parts.append("</article>\n")
    return "".join(parts)


# --- marks ---------------------------------------------------------------------------


def _marks(record: DocumentResult, actors: dict[str, Actor]) -> list[_Mark]:
    marks: list[_Mark] = []
    dateline = record.dateline
    if dateline is not None:
        where = ", ".join(
            f"{what} {value}"
            for what, value in (("place", dateline.place), ("agency", dateline.agency))
            if value
        )
        marks.append(
            _Mark(
                "dl",
                "dateline",
                dateline.start,
                dateline.end,
                _word("dateline"),
                ("dateline", where),
            )
        )
        if dateline.date is not None:
            marks.append(_time_mark("td", dateline.date, "the dateline's date"))
    for i, span in enumerate(record.boilerplate):
        tip = ("page furniture", "masked with spaces: never read for claims")
        marks.append(_Mark(f"f{i}", "furniture", span.start, span.end, _word("furniture"), tip))
    for i, credit in enumerate(record.credits):
        tip = (f"credit ({credit.role})", ", ".join(credit.names))
        marks.append(_Mark(f"r{i}", "credit", credit.start, credit.end, _word("credit"), tip))
    for i, time in enumerate(record.times):
        marks.append(_time_mark(f"t{i}", time))
    for i, quantity in enumerate(record.quantities):
        marks.append(_quantity_mark(f"q{i}", quantity))
    for claim in record.claims:
        marks.append(_claim_mark(claim, actors))
    marks.extend(_attribution_marks(record.claims, actors))
    return marks


def _word(kind: str) -> str:
    return KINDS[kind][0]


def _time_mark(span_id: str, time: TimeMention, what: str = "time") -> _Mark:
    res = time.resolution
    value = time.value if time.value is not None else "unresolved"
    lines = [f"{what} “{time.text}”", f"{time.type} {value}"]
    if time.mod:
        lines.append(f"mod {time.mod}")
    if res is None:
        lines.append("rule not recorded")
    else:
        anchor = f"anchor {res.anchor}" if res.anchor else "no anchor"
        lines.append(f"resolved by rule {res.rule}, {anchor}")
        if res.ambiguous:
            lines.append("ambiguous: the value rests on a guess the text leaves open")
    label = f"{_word('time')} {value}" + ("?" if res is not None and res.ambiguous else "")
    return _Mark(span_id, "time", time.start, time.end, label, tuple(lines))


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)


def _quantity_mark(span_id: str, q: QuantityMention) -> _Mark:
    lines = [f"quantity “{q.text}”"]
    if q.value is not None:
        lines.append(f"value {_COMPARATORS[q.comparator]}{_number(q.value)}")
    elif q.low is not None or q.high is not None:
        low = "?" if q.low is None else _number(q.low)
        high = "?" if q.high is None else _number(q.high)
        lines.append(f"range {low} to {high}")
    lines.append(f"kind {q.kind}" + (f", unit {q.unit}" if q.unit else ""))
    if q.counted:
        lines.append(f"counts {q.counted}")
    if q.approximate:
        lines.append("approximate")
    return _Mark(span_id, "quantity", q.start, q.end, _word("quantity"), tuple(lines))


def _speaker(claim: Claim, actors: dict[str, Actor]) -> str:
    """Who a claim is attributed to, in a few words."""
    attribution = claim.attribution
    if attribution is None:
        return "the writer's own"
    source = attribution.source
    if source is None:
        return f"no named source (cue “{attribution.cue.text}”)"
    actor = actors.get(source.actor) if source.actor else None
    name = f"{actor.name} (as “{source.text}”)" if actor and actor.name != source.text else None
    return name or source.text


def _claim_mark(claim: Claim, actors: dict[str, Actor]) -> _Mark:
    if claim.date is not None:
        date = f"date {claim.date} ({_DATE_SOURCES[claim.date_source]})"
    else:
        date = "no date"
    lines = [f"claim {claim.id}", date, f"source: {_speaker(claim, actors)}"]
    if claim.attribution is not None:
        lines.append("direct quote" if claim.attribution.direct_quote else "reported speech")
    lines.extend(flag for flag, on in (("negated", claim.negated), ("hedged", claim.hedged)) if on)
    return _Mark(
        claim.id, "claim", claim.start, claim.end, f"{_word('claim')} {claim.id}", tuple(lines)
    )


def _attribution_marks(claims: Sequence[Claim], actors: dict[str, Actor]) -> list[_Mark]:
    """One mark per source span and per cue span: two claims of one sentence share them."""
    sources: dict[tuple[int, int], list[Claim]] = {}
    cues: dict[tuple[int, int], list[Claim]] = {}
    for claim in claims:
        attribution = claim.attribution
        if attribution is None:
            continue
        if attribution.source is not None:
            sources.setdefault((attribution.source.start, attribution.source.end), []).append(claim)
        cues.setdefault((attribution.cue.start, attribution.cue.end), []).append(claim)
    marks = []
    for n, ((start, end), of) in enumerate(sources.items()):
        source = of[0].attribution.source  # type: ignore[union-attr]
        assert source is not None
        actor = actors.get(source.actor) if source.actor else None
        who = f"actor {actor.name} ({actor.type})" if actor else "no actor joined"
        ids = ", ".join(c.id for c in of)
        tip = (f"source “{source.text}” of {ids}", who)
        marks.append(_Mark(f"s{n}", "source", start, end, _word("source"), tip))
    for n, ((start, end), of) in enumerate(cues.items()):
        attribution = of[0].attribution
        assert attribution is not None
        quote = any(c.attribution is not None and c.attribution.direct_quote for c in of)
        ids = ", ".join(c.id for c in of)
        lines = [f"cue “{attribution.cue.text}” of {ids}"]
        if attribution.cue_class:
            lines.append(f"class {attribution.cue_class}")
        lines.append("direct quote" if quote else "reported speech")
        label = _word("cue") + (" · QUOTE" if quote else "")
        marks.append(_Mark(f"k{n}", "cue", start, end, label, tuple(lines)))
    return marks


def _order(marks: Sequence[_Mark], size: int) -> list[_Mark]:
    """The marks that fit the text, outer before inner: by start, the longer first, then
    by kind. Properly nested marks are never split in this order."""
    fitting = [m for m in marks if 0 <= m.start < m.end <= size]
    return sorted(fitting, key=lambda m: (m.start, -m.end, _RANK[m.kind]))


def _marked_text(text: str, marks: Sequence[_Mark], anchor: str) -> str:
    """The text, escaped, with every mark as ``<mark>`` elements in stack order."""
    order = _order(marks, len(text))
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for i, mark in enumerate(order):
        starts.setdefault(mark.start, []).append(i)
        ends.setdefault(mark.end, []).append(i)
    cuts = sorted({0, len(text), *starts, *ends})
    parts: list[str | _Piece] = []
    stack: list[tuple[int, _Piece]] = []
    active: set[int] = set()
    opened: set[int] = set()

    def close_to(depth: int, at: int) -> None:
        for i, piece in reversed(stack[depth:]):
            piece.last = order[i].end == at
            parts.append(_close_tag(order[i]))
        del stack[depth:]

    for a, b in pairwise(cuts):
        active.difference_update(ends.get(a, ()))
        active.update(starts.get(a, ()))
        wanted = sorted(active)  # order indices: outer marks first
        depth = 0
        while depth < len(stack) and depth < len(wanted) and stack[depth][0] == wanted[depth]:
            depth += 1
        close_to(depth, a)
        for i in wanted[depth:]:
            piece = _Piece(order[i], first=i not in opened)
            opened.add(i)
            stack.append((i, piece))
            parts.append(piece)
        parts.append(_tail(text[a:b], stack[-1][1] if stack else None, b))
    close_to(0, len(text))
    return "".join(p if isinstance(p, str) else _open_tag(p, anchor) for p in parts)


def _tail(segment: str, piece: _Piece | None, end: int) -> str:
    """A stretch of text, escaped. Where it ends a mark whose label follows it and the
    mark's text ends in a space ("PRISTINA, Sept 27 (Reuters) - "), its last word and
    the spaces go in an unbreakable ``tail`` span that carries the label: a line could
    otherwise break after the space and leave the label alone on the next line."""
    if (
        piece is None
        or piece.mark.kind == "claim"
        or piece.mark.end != end
        or segment == segment.rstrip()
    ):
        return _e(segment)
    words = segment.split()
    cut = len(segment.rstrip()) - len(words[-1]) if words else 0
    piece.label_in_tail = True
    label = _e(piece.mark.label)
    return f'{_e(segment[:cut])}<span class="tail" data-label="{label}">{_e(segment[cut:])}</span>'


def _open_tag(piece: _Piece, anchor: str) -> str:
    mark = piece.mark
    # the pieces of a split mark join up (report.css: no padding or rounding where one
    # piece meets the next), so they read as one mark
    joins = ("" if piece.first else " join-prev") + ("" if piece.last else " join-next")
    attrs = [
        ("class", f"m k-{mark.kind}{joins}"),
        ("data-span", mark.span_id),
        ("data-start", str(mark.start)),
        ("data-end", str(mark.end)),
    ]
    # a claim's label opens it (it is long and holds the rest); the others' close them
    label_here = piece.first if mark.kind == "claim" else piece.last and not piece.label_in_tail
    if label_here:
        attrs.append(("data-label", mark.label))
    if piece.first:
        # one tab stop per mark, on its first element: the keyboard meets each mark once
        attrs += [
            ("id", f"{anchor}-{mark.span_id}"),
            ("tabindex", "0"),
            ("aria-describedby", f"{anchor}-{mark.span_id}-d"),
        ]
    return "<mark " + " ".join(f'{name}="{_e(value)}"' for name, value in attrs) + ">"


def _close_tag(mark: _Mark) -> str:
    """The end of one element of a mark, with the mark's explanation in every element,
    so hovering any piece of a split mark explains it. The explanation is an empty
    element's generated content (report.css shows it on hover and focus): the text
    stays the document's, and at the piece's end it opens under the line the piece ends
    on, not over the rest of the mark. Screen readers skip it: they get the same words
    once, through ``aria-describedby``."""
    tip = _e(mark.explain("\n"))
    return f'<span class="tip" aria-hidden="true" data-tip="{tip}"></span></mark>'


def _descriptions(text: str, marks: Sequence[_Mark], anchor: str) -> str:
    """The explanations screen readers read (aria-describedby may point at hidden
    elements); outside the text, so its text content stays the document's."""
    items = [
        f'<span id="{_e(anchor)}-{_e(m.span_id)}-d">{_e(m.explain("; "))}.</span>\n'
        for m in _order(marks, len(text))
    ]
    return "<div hidden>\n" + "".join(items) + "</div>\n" if items else ""


# --- who said what, timeline, times ----------------------------------------------------


@dataclass
class _Group:
    heading: str
    kind: str = ""  # the actor's type, when there is an actor
    written: list[str] = field(default_factory=list)  # the source as the text writes it
    claims: list[Claim] = field(default_factory=list)


def _who_said_what(record: DocumentResult, actors: dict[str, Actor], anchor: str) -> str:
    groups: dict[str, _Group] = {}
    unnamed = _Group("No named source (a cue only)")
    own = 0
    for claim in record.claims:
        attribution = claim.attribution
        if attribution is None:
            own += 1
            continue
        source = attribution.source
        if source is None:
            unnamed.claims.append(claim)
            continue
        actor = actors.get(source.actor) if source.actor else None
        if actor is not None:
            key = f"actor:{actor.id}"
            group = groups.setdefault(key, _Group(actor.name, actor.type))
        else:
            # sources joined to no actor go together by their words ("He", "he")
            words = " ".join(source.text.split())
            group = groups.setdefault(f"text:{words.casefold()}", _Group(f"“{words}”"))
        if source.text not in group.written:
            group.written.append(source.text)
        group.claims.append(claim)
    ordered = list(groups.values())
    if unnamed.claims:
        ordered.append(unnamed)
    parts = [
        f'<section class="who" aria-labelledby="{_e(anchor)}-who-h">\n',
        f'<h3 id="{_e(anchor)}-who-h">Who said what</h3>\n',
    ]
    if not ordered:
        parts.append("<p>No claim is attributed to anyone.</p>\n")
    for group in ordered:
        kind = f' <span class="type">{_e(group.kind)}</span>' if group.kind else ""
        parts.append(f'<div class="group">\n<h4>{_e(group.heading)}{kind}</h4>\n')
        if group.kind:
            written = ", ".join(f"“{w}”" for w in group.written)
            parts.append(f'<p class="as">written as {_e(written)}</p>\n')
        parts.append("<ol>\n")
        parts.extend(_said(claim, anchor) for claim in group.claims)
        parts.append("</ol>\n</div>\n")
    if own:
        parts.append(
            f"<p>{_e(_count(own, 'claim'))} with no attribution: the writer's own"
            " (in the timeline and the text).</p>\n"
        )
    parts.append("</section>\n")
    return "".join(parts)


def _said(claim: Claim, anchor: str) -> str:
    attribution = claim.attribution
    assert attribution is not None
    cue = f"cue “{attribution.cue.text}”"
    if attribution.cue_class:
        cue += f" ({attribution.cue_class})"
    badges = [(cue, False)]
    badges.append(("direct quote" if attribution.direct_quote else "reported speech", False))
    badges.extend(
        (flag, True) for flag, on in (("negated", claim.negated), ("hedged", claim.hedged)) if on
    )
    if claim.date is not None:
        badges.append((claim.date, False))
    shown = " ".join(
        f'<span class="badge{" flag" if flag else ""}">{_e(text)}</span>' for text, flag in badges
    )
    return (
        f'<li><a href="#{_e(anchor)}-{_e(claim.id)}">{_e(claim.id)}</a> {_e(claim.text)}'
        f"<br>{shown}</li>\n"
    )


def _timeline(record: DocumentResult, actors: dict[str, Actor], anchor: str) -> str:
    dated = sorted(
        (c for c in record.claims if c.date is not None), key=lambda c: (c.date or "", c.start)
    )
    parts = [
        f'<section class="timeline" aria-labelledby="{_e(anchor)}-time-h">\n',
        f'<h3 id="{_e(anchor)}-time-h">Timeline of dated claims</h3>\n',
    ]
    if not dated:
        parts.append("<p>No claim has a date.</p>\n")
    else:
        parts.append("<ol>\n")
        for claim in dated:
            parts.append(
                f'<li><span class="date">{_e(claim.date)}</span>'
                f' <span class="badge">{_e(_DATE_SOURCES[claim.date_source])}</span><br>'
                f'<a href="#{_e(anchor)}-{_e(claim.id)}">{_e(claim.id)}</a> {_e(claim.text)}'
                f' <span class="as">— {_e(_speaker(claim, actors))}</span></li>\n'
            )
        parts.append("</ol>\n")
    parts.append("</section>\n")
    return "".join(parts)


def _times_table(record: DocumentResult) -> str:
    """Every time and its resolution in a table: the same facts as the marks' hover
    text, for reading in full, printing, or a screen reader's table navigation."""
    times = [("td", record.dateline.date)] if record.dateline and record.dateline.date else []
    times += [(f"t{i}", t) for i, t in enumerate(record.times)]
    if not times:
        return ""
    rows = []
    for span_id, time in times:
        res = time.resolution
        cells = [
            span_id,
            time.text,
            time.type,
            time.value or "unresolved",
            time.mod or "",
            res.rule if res else "",
            (res.anchor or "") if res else "",
            "yes" if res and res.ambiguous else "no",
        ]
        rows.append("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in cells) + "</tr>\n")
    head = ("id", "text", "type", "value", "mod", "rule", "anchor", "ambiguous")
    return (
        f'<details class="times">\n<summary>Times and how they were resolved ({len(times)})'
        # the table scrolls inside its own box when wider than a narrow window
        '</summary>\n<div class="table-scroll">\n<table>\n<thead><tr>'
        + "".join(f'<th scope="col">{h}</th>' for h in head)
        + "</tr></thead>\n<tbody>\n"
        + "".join(rows)
        + "</tbody>\n</table>\n</div>\n</details>\n"
    )


def _count(n: int, what: str) -> str:
    plural = "quantities" if what == "quantity" else f"{what}s"
    return f"{n} {what if n == 1 else plural}"
