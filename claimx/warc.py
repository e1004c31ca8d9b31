"""Web archives in: the HTML responses of a ``.warc`` / ``.warc.gz`` file as documents.

CC-NEWS and most crawls are WARC files. Each ``response`` record whose HTTP
content type is HTML becomes a document read by the web-page path
(``inputs._html_item``): its id is the record's ``WARC-Target-URI``, and its
``WARC-Date`` is the reference date when the page itself names no publication
date. A response that is not HTML becomes an error record naming its record id;
request, metadata and warcinfo records are no documents and are passed over. An
archive that cannot be read any further ends in one error record for the file,
after the documents read before the damage.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import io
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, BinaryIO

if TYPE_CHECKING:
    from claimx.inputs import Item, _Run

#: file names read as web archives
WARC_SUFFIXES = (".warc", ".warc.gz")

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_warc(path: str) -> bool:
    return path.lower().endswith(WARC_SUFFIXES)


def warc_items(stream: BinaryIO, source: str, run: _Run) -> Iterator[Item]:
    """One document or error record per response record of the archive."""
    from warcio.archiveiterator import WARCIterator

    from claimx.inputs import InputFailure

    if not _opens_as_warc(stream):
        message = "not a WARC archive: it does not open with a WARC/1.x record"
        yield InputFailure(source, source, "warc", message)
        return
    seen = 0
    records = iter(WARCIterator(stream))
    while True:
        # warcio writes a damaged record's warning to stderr itself: a library here
        # prints nothing, so the warning is caught and becomes the file's error record
        caught = io.StringIO()
        try:
            with contextlib.redirect_stderr(caught):
                record = next(records, None)
        except Exception as exc:  # warcio raises its own, gzip's and zlib's errors alike
            yield _damaged(source, seen, str(exc) or type(exc).__name__)
            return
        if caught.getvalue():
            yield _damaged(source, seen, "a record's length does not match its content")
            return
        if record is None:
            break
        if record.rec_type == "response":
            seen += 1
            yield _response_item(record, source, run)
    if seen == 0:
        yield InputFailure(source, source, "empty", "the archive has no response records")


def _opens_as_warc(stream: BinaryIO) -> bool:
    """The first record opens with "WARC/", also inside a gzip member."""
    head = stream.read(512)
    stream.seek(0)
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head)
        except zlib.error:
            return False
    return head.lstrip(b"\r\n").startswith(b"WARC/")


def _damaged(source: str, seen: int, reason: str) -> Item:
    from claimx.inputs import InputFailure

    where = f"after {seen} response records" if seen else "at its start"
    # one printable line
    line = reason.splitlines()[0].encode("ascii", "backslashreplace").decode("ascii")[:120]
    return InputFailure(source, source, "warc", f"not a readable WARC archive {where}: {line}")


def _response_item(record: Any, source: str, run: _Run) -> Item:
    from claimx.inputs import (
        SNIFF_BYTES,
        Document,
        InputFailure,
        _decode,
        _header_decode,
        _html_item,
        _Problem,
        _sniff,
    )

    headers = record.rec_headers
    record_id = headers.get_header("WARC-Record-ID") or "?"
    uri = headers.get_header("WARC-Target-URI") or record_id
    http = record.http_headers
    content_type = (http.get_header("Content-Type") if http is not None else None) or ""
    mime, _, params = content_type.partition(";")
    if mime.strip().lower() not in _HTML_TYPES:
        what = mime.strip() or "no content type"
        return InputFailure(uri, source, "not_html", f"record {record_id}: {what}, not HTML")
    data = record.content_stream().read()
    charset = _charset(params)
    decoded: tuple[str, tuple[str, ...]] | _Problem | None = None
    if charset:
        decoded = _header_decode(data, charset)
    if decoded is None:
        sniffed = _sniff(data[:SNIFF_BYTES], run.encoding)
        if isinstance(sniffed, _Problem):  # NUL bytes or a binary magic number
            return InputFailure(uri, source, sniffed.kind, f"record {record_id}: {sniffed.message}")
        decoded = _decode(data, sniffed, run.encoding)
    if isinstance(decoded, _Problem):
        return InputFailure(uri, source, decoded.kind, f"record {record_id}: {decoded.message}")
    assert decoded is not None
    text, notes = decoded
    if not text.strip():
        return InputFailure(uri, source, "empty", f"record {record_id}: the page is empty")
    item = _html_item(uri, source, text, run, url=uri, notes=notes)
    if isinstance(item, Document) and item.published is None:
        crawled = _warc_date(headers.get_header("WARC-Date"))
        if crawled is not None:
            item = dataclasses.replace(item, published=crawled)
    return item


def _charset(params: str) -> str | None:
    for part in params.split(";"):
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _warc_date(value: str | None) -> dt.date | None:
    """The day of a WARC-Date ("2021-09-27T10:15:00Z")."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
