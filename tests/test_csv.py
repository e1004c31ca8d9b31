"""CSV output: one row per claim, every input accounted for, no formula injection."""

from __future__ import annotations

import csv
import io

import pytest

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
from claimx.render import csv as csv_render
from claimx.render.csv import COLUMNS, guard


def render(records: list[Result]) -> tuple[str, list[dict[str, str]]]:
    out = io.StringIO()
    passed = list(csv_render.write(records, out))
    assert passed == records  # records are passed on for the CLI's counting
    text = out.getvalue()
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    return text, list(reader)


TEXT = 'Police said on Monday that "two roads" were closed.'


def document(**changes: object) -> DocumentResult:
    claim = Claim(
        id="c1",
        text=TEXT,
        start=0,
        end=len(TEXT),
        date="2021-09-27",
        date_source="explicit",
        quantities=[0],
        actors=["a1"],
        attribution=Attribution(
            source=SourceSpan(text="Police", start=0, end=6, actor="a1"),
            cue=Span(text="said", start=7, end=11),
            direct_quote=False,
        ),
        negated=False,
        hedged=True,
    )
    fields: dict[str, object] = {
        "id": "doc-1",
        "source": "news/a.txt",
        "reference_date": ReferenceDate(value="2021-09-29", source="input"),
        "quantities": [
            QuantityMention(text="two roads", start=28, end=37, value=2, counted="roads")
        ],
        "actors": [Actor(id="a1", name="police", type="ORG", mentions=1)],
        "claims": [claim],
        "text": TEXT,
    }
    fields.update(changes)
    return DocumentResult.model_validate(fields)


def test_one_row_per_claim_with_names_and_texts() -> None:
    _, [row] = render([document()])
    assert row == {
        "document_id": "doc-1",
        "source": "news/a.txt",
        "reference_date": "2021-09-29",
        "claim_id": "c1",
        "start": "0",
        "end": str(len(TEXT)),
        "text": TEXT,
        "date": "2021-09-27",
        "date_source": "explicit",
        "attribution_source": "Police",
        "attribution_source_actor": "police",
        "cue": "said",
        "direct_quote": "false",
        "negated": "false",
        "hedged": "true",
        "actors": "police",
        "quantities": "two roads",
        "error": "",
    }


def test_every_input_is_a_row_even_without_claims() -> None:
    error = ErrorRecord(
        id="bad.pdf", source="bad.pdf", error=ErrorInfo(kind="binary", message="binary file")
    )
    two = document()
    two = two.model_copy(update={"claims": [two.claims[0], two.claims[0].model_copy()]})
    _, out = render([document(claims=[]), error, two])
    assert [(r["document_id"], r["claim_id"], r["error"]) for r in out] == [
        ("doc-1", "", ""),
        ("bad.pdf", "", "binary: binary file"),
        ("doc-1", "c1", ""),
        ("doc-1", "c1", ""),
    ]


def test_header_only_for_no_records() -> None:
    text, out = render([])
    assert out == [] and text.startswith("document_id,source,")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("http://x.example","click")', '\'=HYPERLINK("http://x.example","click")'),
        ("+33 1 23", "'+33 1 23"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("a=1", "a=1"),
        ("", ""),
        ("'quoted", "'quoted"),
        (" =1", " =1"),
    ],
)
def test_guard(value: str, expected: str) -> None:
    assert guard(value) == expected


def test_injection_in_every_text_cell_is_neutralised() -> None:
    evil = '=cmd|" /C calc"!A0'
    claim = document().claims[0].model_copy(update={"text": evil, "actors": ["a1"]})
    record = document(
        id="@id",
        source="-source",
        claims=[claim],
        actors=[Actor(id="a1", name="+actor", type="ORG")],
    )
    error = ErrorRecord(id="=err", source="=src", error=ErrorInfo(kind="x", message="m"))
    _, out = render([record, error])
    for row in out:
        for name, value in row.items():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (name, value)
    assert out[0]["text"] == "'" + evil
    assert out[0]["actors"] == "'+actor"
    assert out[1]["document_id"] == "'=err"


def test_quotes_newlines_commas_and_unicode_round_trip() -> None:
    text = 'He said, "no"\nthen left. مرحبا 👍 e\u0301 a\u200bb \x00'
    claim = document().claims[0].model_copy(update={"text": text})
    out_text, [row] = render([document(claims=[claim])])
    assert row["text"] == text
    out_text.encode("utf-8")  # nothing that UTF-8 cannot carry


def test_real_extraction_as_csv(nlp: object) -> None:
    from claimx.api import extract_text

    result = extract_text(
        "=HYPERLINK(1) Police said on Monday that two roads were closed.\n\n"
        "-5 people were hurt, officials said.",
        id="x",
    )
    _, out = render([result])
    assert len(out) == max(1, len(result.claims))
    assert all(not r["text"].startswith(("=", "-")) for r in out)
