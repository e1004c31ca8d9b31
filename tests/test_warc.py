"""Web archives in: the HTML responses of .warc / .warc.gz files become documents,
everything else an error record or nothing (request and metadata records)."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest

from tests.test_cli import lines, run

HTML = b"""<html><head><title>Police close roads</title></head><body><article>
<h1>Police close roads</h1>
<p>Police said on Saturday that two roads near the border were closed after protests
by several hundred people.</p>
<p>The ministry said 5,000 troops would stay in the region for at least 60 days,
officials said on Monday.</p>
</article></body></html>"""


def write_warc(path: Path, *, gz: bool, html_date: str | None = "2021-09-27T10:00:00Z") -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as f:
        w = WARCWriter(f, gzip=gz)
        uri = "https://example.org/news/roads"
        get = BytesIO(b"GET /news/roads HTTP/1.1\r\n\r\n")
        w.write_record(w.create_warc_record(uri, "request", payload=get))
        html_headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        dated = {"WARC-Date": html_date} if html_date else None
        w.write_record(
            w.create_warc_record(
                uri,
                "response",
                payload=BytesIO(HTML),
                http_headers=html_headers,
                warc_headers_dict=dated,
            )
        )
        pdf_headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "application/pdf")], protocol="HTTP/1.1"
        )
        pdf = w.create_warc_record(
            "https://example.org/report.pdf",
            "response",
            payload=BytesIO(b"%PDF-1.4 ..."),
            http_headers=pdf_headers,
        )
        w.write_record(pdf)


@pytest.mark.model
@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_html_responses_become_documents(tmp_path: Path, capfd, monkeypatch, name: str) -> None:
    archive = tmp_path / name
    write_warc(archive, gz=name.endswith(".gz"))
    code, out, err = run(["extract", "--format", "jsonl", str(archive)], capfd, monkeypatch)
    records = lines(out)
    assert code == 1  # the PDF is an error record, so the batch ends with 1
    assert [r["id"] for r in records] == [
        "https://example.org/news/roads",
        "https://example.org/report.pdf",
    ]
    page, pdf = records
    # the page names no date of its own: the crawl's WARC-Date is the reference
    assert page["reference_date"] == {"value": "2021-09-27", "source": "metadata"}
    assert [(t["text"], t["value"]) for t in page["times"]][:1] == [("Saturday", "2021-09-25")]
    assert pdf["error"]["kind"] == "not_html"
    assert pdf["error"]["message"].startswith("record <urn:uuid:")
    assert pdf["error"]["message"].endswith("application/pdf, not HTML")
    assert f"claimx: {archive}: record <urn:uuid:" in err
    assert err.strip().splitlines()[-1].startswith("claimx: 2 documents, ")


def test_unreadable_archive_is_one_error_record(tmp_path: Path, capfd, monkeypatch) -> None:
    archive = tmp_path / "garbage.warc"
    archive.write_bytes(b"\x16\xb2\xd9 not a web archive at all\n" * 20)
    code, out, err = run(["extract", "--format", "jsonl", str(archive)], capfd, monkeypatch)
    (record,) = lines(out)
    assert code == 1
    assert record["id"] == str(archive)
    assert record["error"]["kind"] == "warc"
    assert record["error"]["message"] == (
        "not a WARC archive: it does not open with a WARC/1.x record"
    )
    assert err.splitlines()[0] == f"claimx: {archive}: {record['error']['message']}"


def test_damaged_archive_keeps_what_it_read(tmp_path: Path, capfd, monkeypatch) -> None:
    whole = tmp_path / "whole.warc"
    write_warc(whole, gz=False)
    data = whole.read_bytes()
    # the PDF record's declared length no longer matches what follows it
    cut = data.index(b"%PDF")
    damaged = tmp_path / "damaged.warc"
    damaged.write_bytes(data[:cut] + b"junk that does not belong here\r\n\r\n" + data[cut:])
    code, out, err = run(["extract", "--format", "jsonl", str(damaged)], capfd, monkeypatch)
    records = lines(out)
    assert code == 1
    assert records[0]["id"] == "https://example.org/news/roads"
    assert records[-1]["error"]["kind"] == "warc"
    assert "WARNING" not in err  # warcio's own warning never reaches stderr


def test_archive_without_responses_is_named(tmp_path: Path, capfd, monkeypatch) -> None:
    from warcio.warcwriter import WARCWriter

    archive = tmp_path / "requests.warc.gz"
    with archive.open("wb") as f:
        w = WARCWriter(f, gzip=True)
        get = BytesIO(b"GET / HTTP/1.1\r\n\r\n")
        w.write_record(w.create_warc_record("https://example.org/", "request", payload=get))
    code, out, _ = run(["extract", "--format", "jsonl", str(archive)], capfd, monkeypatch)
    (record,) = lines(out)
    assert code == 1
    assert record["error"] == {"kind": "empty", "message": "the archive has no response records"}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.warc", True),
        ("a.WARC.GZ", True),
        ("a.warc.gz", True),
        # negatives: other archives and look-alikes stay text or binary files
        ("a.gz", False),
        ("a.warc.txt", False),
        ("warc", False),
    ],
)
def test_is_warc(name: str, expected: bool) -> None:
    from claimx.warc import is_warc

    assert is_warc(name) is expected


# --------------------------------------------------------------------------- compressed files

JSONL = (
    '{"id": "a", "text": "Police said on Monday that two roads were closed.", "date": "2021-09-27"}\n'
    '{"id": "b", "text": "The EU said on Friday it had sent 5,000 tents.", "date": "2021-09-27"}\n'
)


@pytest.mark.model
@pytest.mark.parametrize("suffix", [".gz", ".bz2"])
def test_compressed_jsonl_is_read_as_jsonl(tmp_path: Path, capfd, monkeypatch, suffix: str) -> None:
    import bz2
    import gzip

    packed = tmp_path / f"docs.jsonl{suffix}"
    pack = gzip.compress if suffix == ".gz" else bz2.compress
    packed.write_bytes(pack(JSONL.encode()))
    code, out, err = run(["extract", "--format", "jsonl", str(packed)], capfd, monkeypatch)
    records = lines(out)
    assert code == 0
    assert [r["id"] for r in records] == ["a", "b"]
    assert [t["value"] for t in records[0]["times"]] == ["2021-09-27"]
    assert err.strip().startswith("claimx: 2 documents, ")


@pytest.mark.model
def test_compressed_text_is_one_document(tmp_path: Path, capfd, monkeypatch) -> None:
    import gzip

    packed = tmp_path / "story.txt.gz"
    packed.write_bytes(gzip.compress(b"Police said on Monday that two roads were closed.\n"))
    code, out, _ = run(["extract", "--format", "jsonl", str(packed)], capfd, monkeypatch)
    (record,) = lines(out)
    assert code == 0
    assert record["id"] == str(packed)
    assert record["text"] == "Police said on Monday that two roads were closed.\n"


def test_damaged_gzip_is_an_error_record(tmp_path: Path, capfd, monkeypatch) -> None:
    import gzip

    packed = tmp_path / "docs.jsonl.gz"
    packed.write_bytes(gzip.compress(JSONL.encode() * 50)[:40])
    code, out, err = run(["extract", "--format", "jsonl", str(packed)], capfd, monkeypatch)
    records = lines(out)
    assert code == 1
    assert records[-1]["error"]["kind"] == "decompress"
    assert records[-1]["error"]["message"].startswith("not a readable gzip file: ")
    assert f"claimx: {packed}: not a readable gzip file" in err
