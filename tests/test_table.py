"""The table view: readable at 80 columns, roomy at 160, dates that say where they came
from, and one table of all claims with --records claims. Records are built by hand,
so these tests need no spaCy model."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console

from claimx.records import (
    Actor,
    Attribution,
    Claim,
    DocumentResult,
    ErrorInfo,
    ErrorRecord,
    QuantityMention,
    ReferenceDate,
    Result,
    SourceSpan,
    Span,
)
from claimx.render import table
from claimx.render.table import LEGEND, REFERENCE_MARK, _date_lines

TEXT = (
    "Fernando Dallorso-Rodriguez, a spokesman for the ministry, said at 8:30 p.m. on "
    "Saturday that the talks had failed. "
    'NATO said "5,000 troops will stay in Kosovo". '
    "Serbia does not recognise Kosovo's independence. "
    "The deal may collapse, officials said."
)


def span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def claim(text: str, sentence: str, n: int, **fields: object) -> Claim:
    start, end = span(text, sentence)
    return Claim.model_validate(
        {"id": f"c{n}", "text": sentence, "start": start, "end": end, **fields}
    )


def attribution(text: str, source: str, cue: str, *, quote: bool = False) -> Attribution:
    s, e = span(text, source)
    cs, ce = span(text, cue, e)
    return Attribution(
        source=SourceSpan(text=source, start=s, end=e),
        cue=Span(text=cue, start=cs, end=ce),
        direct_quote=quote,
    )


def document(doc_id: str = "news/dallorso.txt") -> DocumentResult:
    t = TEXT
    s1 = (
        "Fernando Dallorso-Rodriguez, a spokesman for the ministry, said at 8:30 p.m. "
        "on Saturday that the talks had failed."
    )
    s2 = 'NATO said "5,000 troops will stay in Kosovo".'
    s3 = "Serbia does not recognise Kosovo's independence."
    s4 = "The deal may collapse, officials said."
    q_start, q_end = span(t, "5,000 troops")
    return DocumentResult(
        id=doc_id,
        source=doc_id,
        title="Talks fail as NATO keeps troops in Kosovo",
        reference_date=ReferenceDate(value="2019-08-26", source="option"),
        quantities=[
            QuantityMention(
                text="5,000 troops", start=q_start, end=q_end, value=5000, counted="troops"
            )
        ],
        actors=[
            Actor(id="a1", name="Fernando Dallorso-Rodriguez", type="PERSON"),
            Actor(id="a2", name="NATO", type="ORG"),
            Actor(id="a3", name="Kosovo", type="GPE"),
            Actor(id="a4", name="Serbia", type="GPE"),
        ],
        claims=[
            claim(
                t,
                s1,
                1,
                date="2019-08-24T20:30",
                date_source="explicit",
                actors=["a1"],
                attribution=attribution(t, "Fernando Dallorso-Rodriguez", "said"),
            ),
            claim(
                t,
                s2,
                2,
                date="2019-08-26",
                date_source="reference",
                quantities=[0],
                actors=["a2", "a3"],
                attribution=attribution(t, "NATO", "said", quote=True),
            ),
            claim(t, s3, 3, date=None, date_source="none", actors=["a4", "a3"], negated=True),
            claim(
                t,
                s4,
                4,
                date="2019-08-24TEV",
                date_source="explicit",
                hedged=True,
                attribution=attribution(t, "officials", "said"),
            ),
        ],
        text=t,
    )


def render(records: list[Result], width: int, *, per_claim: bool = False) -> str:
    out = io.StringIO()
    console = Console(width=width, file=out, color_system=None, legacy_windows=False)
    passed = list(table.write(records, console, per_claim=per_claim))
    assert passed == records  # each record handed back once, in order
    assert all(a is b for a, b in zip(passed, records, strict=True))
    return out.getvalue()


def rows(output: str) -> list[str]:
    """The table's lines that hold cells."""
    return [line for line in output.splitlines() if line.startswith("│")]


def cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip("│").split("│")]


def column_text(output: str, header: str) -> str:
    """The lines of one column, joined (cells wrap over several lines)."""
    head = next(line for line in output.splitlines() if line.startswith("┃"))
    index = [c.strip() for c in head.strip("┃").split("┃")].index(header)
    return "\n".join(cells(line)[index] for line in rows(output))


def row_of(output: str, number: str) -> list[str]:
    """The lines of the row of claim ``number`` (up to the next rule)."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(rf"│\s*{number} │", line))
    block = [lines[start]]
    for line in lines[start + 1 :]:
        if not line.startswith("│"):
            break
        block.append(line)
    return block


@pytest.mark.parametrize("width", [80, 160])
def test_fits_the_width_and_cuts_no_word(width: int) -> None:
    out = render([document()], width)
    assert max(len(line) for line in out.splitlines()) <= width
    assert "…" not in out
    words = out.split()
    assert "Fernando" in words and "Dallorso-Rodriguez" in words
    # the source column holds the name whole
    source = column_text(out, "source").split()
    assert "Fernando" in source and "Dallorso-Rodriguez" in source
    # the header lines wrap at their spaces
    assert "2019-08-26" in out and "option" in out


@pytest.mark.parametrize("width", [80, 160])
def test_the_claim_column_gets_half_the_room(width: int) -> None:
    out = render([document()], width)
    head = next(line for line in out.splitlines() if line.startswith("┃"))
    widths = {c.strip(): len(c) for c in head.strip("┃").split("┃")}
    assert widths["claim"] >= width * 0.4
    assert widths["date"] <= 13  # 11 characters and the padding


@pytest.mark.parametrize("width", [80, 160])
def test_a_time_of_day_goes_under_the_date(width: int) -> None:
    out = render([document()], width)
    assert "2019-08-24T20:30" not in out
    dates = [cells(line)[1] for line in row_of(out, "1")]
    assert dates[:2] == ["2019-08-24", "20:30"]
    dates = [cells(line)[1] for line in row_of(out, "4")]
    assert dates[:2] == ["2019-08-24", "evening"]


@pytest.mark.parametrize("width", [80, 160])
def test_a_reference_date_is_marked_in_text(width: int) -> None:
    out = render([document()], width)
    assert next(cells(line)[1] for line in row_of(out, "2")) == "2019-08-26" + REFERENCE_MARK
    assert REFERENCE_MARK not in "".join(cells(line)[1] for line in row_of(out, "1"))
    assert REFERENCE_MARK not in "".join(cells(line)[1] for line in row_of(out, "4"))
    assert next(cells(line)[1] for line in row_of(out, "3")) == "-"  # no date at all
    assert LEGEND in out


def test_no_legend_without_a_reference_date() -> None:
    doc = document()
    explicit = doc.model_copy(update={"claims": [doc.claims[0]]})
    out = render([explicit], 80)
    assert REFERENCE_MARK not in out and LEGEND not in out


def test_at_80_actors_and_quantities_move_under_the_claim() -> None:
    out = render([document()], 80)
    head = next(line for line in out.splitlines() if line.startswith("┃"))
    assert "actors" not in head and "quantities" not in head
    claims = column_text(out, "claim")
    assert "actors: NATO, Kosovo" in claims
    assert "quantities: 5,000 troops" in claims
    assert "actors: Serbia, Kosovo" in claims
    # the flags and the quote mark survive
    assert "[negated]" in claims and "[hedged]" in claims
    assert "said (direct quote)" in " ".join(column_text(out, "source").split())


def test_at_160_actors_and_quantities_have_columns() -> None:
    out = render([document()], 160)
    head = next(line for line in out.splitlines() if line.startswith("┃"))
    assert [c.strip() for c in head.strip("┃").split("┃")] == [
        "#",
        "date",
        "source",
        "claim",
        "actors",
        "quantities",
    ]
    assert "5,000 troops" in column_text(out, "quantities")
    actors = column_text(out, "actors")
    assert "Fernando" in actors.split() and "Dallorso-Rodriguez" in actors.split()
    assert "actors:" not in out and "quantities:" not in out


@pytest.mark.parametrize("width", [40, 60, 100, 120, 200])
def test_other_widths_fit_too(width: int) -> None:
    out = render([document()], width)
    assert max(len(line) for line in out.splitlines()) <= width
    assert "…" not in out
    for word in ("Fernando", "NATO", "troops", "Serbia"):
        assert word in out


def test_per_claim_is_one_table_with_the_document_ids() -> None:
    error = ErrorRecord(
        id="news/broken.txt",
        source="news/broken.txt",
        error=ErrorInfo(kind="decode", message="not UTF-8"),
    )
    records: list[Result] = [document("news/a.txt"), error, document("news/b.txt")]
    for width in (80, 160):
        out = render(records, width, per_claim=True)
        assert max(len(line) for line in out.splitlines()) <= width
        assert "…" not in out
        assert out.count("┏") == 1  # one table
        head = next(line for line in out.splitlines() if line.startswith("┃"))
        assert cells(head.replace("┃", "│"))[0] == "document"
        documents = column_text(out, "document").split()
        assert documents.count("news/a.txt") == 4 and documents.count("news/b.txt") == 4
        assert "broken" not in out  # the CLI reports errors itself
        assert out.count(LEGEND) == 1


def test_per_claim_breaks_a_long_id_at_its_separators() -> None:
    long_id = "corpus/2021/reuters/kosovo-serbia-border-plates.txt"
    out = render([document(long_id)], 80, per_claim=True)
    assert max(len(line) for line in out.splitlines()) <= 80
    ids = [cells(line)[0] for line in row_of_document(out)]
    assert "".join(ids) == long_id
    assert ids[0].endswith("/")


def row_of_document(output: str) -> list[str]:
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("│ corpus"))
    block = []
    for line in lines[start:]:
        if not line.startswith("│") or not cells(line)[0]:
            break
        block.append(line)
    return block


def test_per_claim_prints_before_the_generator_ends() -> None:
    out = io.StringIO()
    console = Console(width=80, file=out, color_system=None, legacy_windows=False)
    stream = table.write([document()], console, per_claim=True)
    assert next(stream).id == "news/dallorso.txt"
    with pytest.raises(StopIteration):
        next(stream)
    assert "Dallorso-Rodriguez" in out.getvalue()


def test_no_claims() -> None:
    empty = document().model_copy(update={"claims": []})
    assert "no claims" in render([empty], 80)
    assert "no claims in 2 documents" in render([empty, empty], 80, per_claim=True)
    assert render([], 80, per_claim=True) == ""


def test_document_view_still_renders() -> None:
    out = io.StringIO()
    Console(width=80, file=out, color_system=None).print(table.document_view(document()))
    text = out.getvalue()
    assert text.startswith("Talks fail as NATO keeps troops in Kosovo")
    assert "4 claims, 0 times, 1 quantity, 4 actors" in text.replace("\n", " ")


@pytest.mark.parametrize("width", [80, 160])
def test_the_seed_reads_at_80_and_160(width: int) -> None:
    """The seed's golden output (a real article's records, no model needed)."""
    golden = Path(__file__).resolve().parent.parent / "seeds/kosovo-plates-reuters.golden.json"
    seed = DocumentResult.model_validate_json(golden.read_text(encoding="utf-8"))
    out = render([seed], width)
    assert max(len(line) for line in out.splitlines()) <= width
    assert "…" not in out
    for claim in seed.claims:  # every claim's words are all there, in order
        assert (
            claim.text.split() == column_words(out, claim.id.lstrip("c"))[: len(claim.text.split())]
        )
    marked = sum(
        1
        for c in seed.claims
        if cells(row_of(out, c.id.lstrip("c"))[0])[1].endswith(REFERENCE_MARK)
    )
    assert marked == sum(1 for c in seed.claims if c.date_source == "reference") > 0
    assert "PRESENT_REF" not in out


def column_words(output: str, number: str) -> list[str]:
    return " ".join(cells(line)[_claim_index(output)] for line in row_of(output, number)).split()


def _claim_index(output: str) -> int:
    head = next(line for line in output.splitlines() if line.startswith("┃"))
    return [c.strip() for c in head.strip("┃").split("┃")].index("claim")


@pytest.mark.parametrize(
    ("value", "source", "lines"),
    [
        # records from elsewhere may still carry times and *_REF values as claim dates
        ("PRESENT_REF", "explicit", ["now"]),
        ("2019-08-24T20:30", "explicit", ["2019-08-24", "20:30"]),
        ("2021-09-27", "reference", ["2021-09-27" + REFERENCE_MARK]),
        (None, "none", ["-"]),
    ],
)
def test_date_cells(value: str | None, source: str, lines: list[str]) -> None:
    assert _date_lines(value, source) == lines
