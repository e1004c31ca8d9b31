"""Tests for claimx.inputs: paths, folders, stdin, JSON Lines -> Document | InputFailure.

Most cases are tables: a set of files (relative to a temporary working
directory, so ids are the short paths as given), the arguments, and every item
expected out, in order. An item is ``(id, "doc", text)`` for a document and
``(id, kind, message)`` for a failure; listing all of them checks at once that
every input is accounted for and that the order is the input order.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claimx import inputs
from claimx.errors import UsageError
from claimx.inputs import Document, InputFailure, iter_inputs

Files = dict[str, bytes | None]  # relative path -> content; None makes a folder
Row = tuple[str, str, str]


def make(root: Path, files: Files) -> None:
    for name, content in files.items():
        path = root / name
        if content is None:
            path.mkdir(parents=True, exist_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)


def rows(items: Iterator[Document | InputFailure]) -> list[Row]:
    out: list[Row] = []
    for item in items:
        if isinstance(item, Document):
            out.append((item.id, "doc", item.text))
        else:
            out.append((item.id, item.kind, item.message))
    return out


@pytest.fixture
def cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def jsonl(*lines: Any) -> bytes:
    """Lines as JSON Lines; str items are written verbatim (for malformed lines)."""
    return "".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines).encode()


# --------------------------------------------------------------------------- files and folders

PATH_CASES: list[tuple[str, Files, list[str], dict[str, Any], list[Row]]] = [
    (
        "single file",
        {"a.txt": b"Troops moved on Monday."},
        ["a.txt"],
        {},
        [("a.txt", "doc", "Troops moved on Monday.")],
    ),
    (
        "several files keep the order given",
        {"a.txt": b"A.", "b.txt": b"B.", "c.md": b"C."},
        ["c.md", "a.txt", "b.txt"],
        {},
        [("c.md", "doc", "C."), ("a.txt", "doc", "A."), ("b.txt", "doc", "B.")],
    ),
    (
        "folder: recursed depth-first, sorted by name, hidden entries skipped",
        {
            "d/b.txt": b"B.",
            "d/a.txt": b"A.",
            "d/a-b.txt": b"AB.",  # "-" sorts before "." in code point order
            "d/sub/c.txt": b"C.",
            "d/z.txt": b"Z.",
            "d/.hidden.txt": b"H.",
            "d/.git/config": b"G.",
            "d/sub/.DS_Store": b"S.",
        },
        ["d"],
        {},
        [
            ("d/a-b.txt", "doc", "AB."),
            ("d/a.txt", "doc", "A."),
            ("d/b.txt", "doc", "B."),
            ("d/sub/c.txt", "doc", "C."),
            ("d/z.txt", "doc", "Z."),
        ],
    ),
    (
        "folder ids are joined from the folder as given",
        {"d/a.txt": b"A."},
        ["d/", "./d"],
        {},
        [("d/a.txt", "doc", "A."), ("./d/a.txt", "doc", "A.")],
    ),
    (
        "glob filters file names found in folders, at every depth",
        {"d/a.txt": b"A.", "d/b.md": b"B.", "d/sub/c.txt": b"C.", "d/sub/d.TXT": b"D."},
        ["d"],
        {"glob": "*.txt"},
        [("d/a.txt", "doc", "A."), ("d/sub/c.txt", "doc", "C.")],
    ),
    (
        "an explicitly named file is read whatever the glob or its name",
        {"b.md": b"B.", ".notes": b"N."},
        ["b.md", ".notes"],
        {"glob": "*.txt"},
        [("b.md", "doc", "B."), (".notes", "doc", "N.")],
    ),
    (
        "an explicitly named hidden folder is walked",
        {".d/a.txt": b"A."},
        [".d"],
        {},
        [(".d/a.txt", "doc", "A.")],
    ),
    (
        "missing path, among good ones",
        {"a.txt": b"A.", "b.txt": b"B."},
        ["a.txt", "nope.txt", "b.txt"],
        {},
        [
            ("a.txt", "doc", "A."),
            ("nope.txt", "not_found", "no such file or directory"),
            ("b.txt", "doc", "B."),
        ],
    ),
    (
        "a path through a file",
        {"a.txt": b"A."},
        ["a.txt/x"],
        {},
        [("a.txt/x", "not_found", "not a directory")],
    ),
    (
        "empty folder",
        {"e": None},
        ["e"],
        {},
        [("e", "empty_folder", "no files in folder")],
    ),
    (
        "folder with only hidden files and empty subfolders",
        {"e/.x.txt": b"X.", "e/sub": None},
        ["e"],
        {},
        [("e", "empty_folder", "no files in folder")],
    ),
    (
        "folder with no glob match",
        {"d/a.md": b"A."},
        ["d"],
        {"glob": "*.txt"},
        [("d", "no_match", "no files match '*.txt'")],
    ),
    (
        "failures inside a folder are reported in place",
        {"d/a.txt": b"A.", "d/b.pdf": b"%PDF-1.7\n...", "d/c.txt": b""},
        ["d"],
        {},
        [
            ("d/a.txt", "doc", "A."),
            ("d/b.pdf", "binary", "binary file (PDF), not text"),
            ("d/c.txt", "empty", "empty file"),
        ],
    ),
]


@pytest.mark.parametrize(
    ("files", "args", "kwargs", "expected"),
    [case[1:] for case in PATH_CASES],
    ids=[case[0] for case in PATH_CASES],
)
def test_paths(
    cwd: Path, files: Files, args: list[str], kwargs: dict[str, Any], expected: list[Row]
) -> None:
    make(cwd, files)
    assert rows(iter_inputs(args, **kwargs)) == expected


# --------------------------------------------------------------------------- bytes -> text

# A "doc" row's third field is the warning that records a decoding choice ("" for none).
BYTES_CASES: list[tuple[str, bytes, Row]] = [
    ("plain UTF-8", "Café in Prishtina.".encode(), ("doc", "Café in Prishtina.", "")),
    (
        "newlines kept exactly (offsets index this string)",
        b"Title\r\n\r\nBody.\rLast\n",
        ("doc", "Title\r\n\r\nBody.\rLast\n", ""),
    ),
    ("UTF-8 BOM removed", b"\xef\xbb\xbfHello.", ("doc", "Hello.", "")),
    (
        "UTF-16-LE BOM",
        b"\xff\xfe" + "Café.".encode("utf-16-le"),
        ("doc", "Café.", "decoded as UTF-16 (byte order mark)"),
    ),
    (
        "UTF-16-BE BOM",
        b"\xfe\xff" + "Café.".encode("utf-16-be"),
        ("doc", "Café.", "decoded as UTF-16 (byte order mark)"),
    ),
    (
        "UTF-32-LE BOM",
        b"\xff\xfe\x00\x00" + "Café.".encode("utf-32-le"),
        ("doc", "Café.", "decoded as UTF-32 (byte order mark)"),
    ),
    (
        "not UTF-8: cp1252 is the last resort",
        b"Caf\xe9 au lait",
        ("doc", "Café au lait", "decoded as cp1252 (not valid UTF-8)"),
    ),
    (
        "cp1252 curly quotes (0x93/0x94), which latin-1 would make control characters",
        b"He said \x93no\x94 \x96 and left.",
        ("doc", "He said \u201cno\u201d \u2013 and left.", "decoded as cp1252 (not valid UTF-8)"),
    ),
    (
        "a declared charset wins over the guess",
        b'<meta charset="koi8-r"><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>',
        (
            "doc",
            '<meta charset="koi8-r"><p>Привет</p>',
            "decoded as koi8-r (declared in the file; not valid UTF-8)",
        ),
    ),
    (
        "a declared iso-8859-1 is read as cp1252 (WHATWG)",
        b"<?xml version='1.0' encoding='ISO-8859-1'?><a>\x93x\x94</a>",
        (
            "doc",
            "<?xml version='1.0' encoding='ISO-8859-1'?><a>\u201cx\u201d</a>",
            "decoded as cp1252 (declared in the file; not valid UTF-8)",
        ),
    ),
    (
        "the http-equiv form of <meta>",
        b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">\xcf\xf0',
        (
            "doc",
            '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">Пр',
            "decoded as cp1251 (declared in the file; not valid UTF-8)",
        ),
    ),
    (
        "a coding line counts only in the first two lines (PEP 263)",
        b"a\nb\nencoding: koi8-r\n\xf0\xd2",
        ("doc", "a\nb\nencoding: koi8-r\nðÒ", "decoded as cp1252 (not valid UTF-8)"),
    ),
    (
        "a coding line that UTF-8 already failed is ignored",
        b"# -*- coding: utf-8 -*-\ncaf\xe9",
        ("doc", "# -*- coding: utf-8 -*-\ncafé", "decoded as cp1252 (not valid UTF-8)"),
    ),
    (
        "charset-normalizer when it is confident (Cyrillic cp1251)",
        ("Полиция заявила в понедельник, что две дороги закрыты. " * 3).encode("cp1251"),
        (
            "doc",
            "Полиция заявила в понедельник, что две дороги закрыты. " * 3,
            "decoded as cp1251 (detected; not valid UTF-8)",
        ),
    ),
    (
        "bytes no fallback can map",
        b"abc \x81\x8d\x8f def",
        (
            "decode",
            "",
            "not valid UTF-8 (byte 0x81 at offset 4); no legacy encoding fits either",
        ),
    ),
    (
        "undecodable byte after a UTF-16 BOM: no second guess",
        b"\xff\xfeA\x00B",
        ("decode", "", "not valid UTF-16 (truncated data at offset 4)"),
    ),
    (
        "NUL bytes",
        b"Some text\x00\x00more",
        ("binary", "", "binary file (NUL byte at offset 9), not text"),
    ),
    ("PDF", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", ("binary", "", "binary file (PDF), not text")),
    ("PNG", b"\x89PNG\r\n\x1a\n\x00\x00", ("binary", "", "binary file (PNG image), not text")),
    (
        "ZIP (.docx)",
        b"PK\x03\x04\x14\x00\x06\x00",
        ("binary", "", "binary file (ZIP archive, e.g. .docx/.xlsx/.epub), not text"),
    ),
    ("gzip", b"\x1f\x8b\x08\x00\x00\x00", ("binary", "", "binary file (gzip), not text")),
    ("empty", b"", ("empty", "", "empty file")),
    ("BOM only", b"\xef\xbb\xbf", ("empty", "", "empty file")),
    ("whitespace only", b" \n\t\r\n  ", ("empty", "", "only whitespace")),
    ("BOM and whitespace", b"\xef\xbb\xbf\n\n", ("empty", "", "only whitespace")),
]


@pytest.mark.parametrize(
    ("content", "expected"), [c[1:] for c in BYTES_CASES], ids=[c[0] for c in BYTES_CASES]
)
def test_decoding(cwd: Path, content: bytes, expected: Row) -> None:
    (cwd / "f.txt").write_bytes(content)
    # "text": the decoded string itself is compared; the cases that declare a
    # charset in a <meta> tag would otherwise be read as web pages (below)
    [item] = iter_inputs(["f.txt"], input_format="text")
    kind, text, message = expected
    if kind == "doc":
        assert isinstance(item, Document)
        assert item.text == text
        assert (item.id, item.source, item.date, item.title, item.meta) == (
            "f.txt",
            "f.txt",
            None,
            None,
            {},
        )
        assert item.warnings == ((message,) if message else ())
    else:
        assert item == InputFailure("f.txt", "f.txt", kind, message)


ENCODING_CASES: list[tuple[str, bytes, str, Row]] = [
    (
        "the named encoding wins over UTF-8",
        "Café.".encode("latin-1"),
        "latin-1",
        ("doc", "Café.", "decoded as latin-1 (--encoding)"),
    ),
    ("utf-8 named: no warning", "Café.".encode(), "UTF-8", ("doc", "Café.", "")),
    (
        "utf-8 named: its BOM is dropped",
        b"\xef\xbb\xbfCaf\xc3\xa9.",
        "utf-8",
        ("doc", "Café.", ""),
    ),
    (
        "utf-16 without a BOM is not binary when named",
        "Café.".encode("utf-16-le"),
        "utf-16-le",
        ("doc", "Café.", "decoded as utf-16-le (--encoding)"),
    ),
    (
        "a file that does not decode with the named encoding: no fallback",
        b"Caf\xe9.",
        "utf-8",
        ("decode", "", "not valid UTF-8 (byte 0xe9 at offset 3)"),
    ),
    (
        "a PDF is binary whatever the encoding",
        b"%PDF-1.4\n",
        "cp1252",
        ("binary", "", "binary file (PDF), not text"),
    ),
]


@pytest.mark.parametrize(
    ("content", "encoding", "expected"),
    [c[1:] for c in ENCODING_CASES],
    ids=[c[0] for c in ENCODING_CASES],
)
def test_explicit_encoding(cwd: Path, content: bytes, encoding: str, expected: Row) -> None:
    (cwd / "f.txt").write_bytes(content)
    [item] = iter_inputs(["f.txt"], encoding=encoding)
    kind, text, message = expected
    if kind == "doc":
        assert isinstance(item, Document)
        assert (item.text, item.warnings) == (text, (message,) if message else ())
    else:
        assert item == InputFailure("f.txt", "f.txt", kind, message)


def test_a_declared_charset_decodes_a_sniffed_web_page(cwd: Path) -> None:
    """The same decoding order holds for markup; the page is then reduced to its text."""
    (cwd / "f.txt").write_bytes(
        b'<meta charset="koi8-r"><p>\xf0\xd2\xc9\xd7\xc5\xd4, \xcd\xc9\xd2!</p>'
    )
    [item] = iter_inputs(["f.txt"])
    assert isinstance(item, Document)
    assert item.text == "Привет, мир!"
    assert item.warnings[0] == "decoded as koi8-r (declared in the file; not valid UTF-8)"
    assert item.meta["page"]["date"] is None


@pytest.mark.parametrize(
    ("name", "content", "input_format", "html"),
    [
        ("a.html", b"<p>Police said two roads were closed.</p>", "auto", True),
        ("a.HTM", b"<p>Police said two roads were closed.</p>", "auto", True),
        ("a.txt", b"<!DOCTYPE html><p>Police said two roads were closed.</p>", "auto", True),
        ("a", b"<html><p>Police said two roads were closed.</p></html>", "auto", True),
        ("a.txt", b"Police said <b>two</b> roads were closed.", "auto", False),
        ("a.txt", b"<b>Police</b> said two roads were closed.", "auto", False),
        ("a.txt", b"Police said two roads were closed.", "html", True),
        ("a.html", b"<p>Police said two roads were closed.</p>", "text", False),
    ],
)
def test_which_inputs_are_web_pages(
    cwd: Path, name: str, content: bytes, input_format: inputs.InputFormat, html: bool
) -> None:
    (cwd / name).write_bytes(content)
    [item] = iter_inputs([name], input_format=input_format)
    assert isinstance(item, Document)
    assert ("page" in item.meta) is html
    if html:
        assert item.text == "Police said two roads were closed."
    else:
        assert item.text == content.decode()


def test_html_failure_kinds_are_listed() -> None:
    assert {"html", "no_article", "fetch", "http", "not_html", "too_large"} <= set(
        inputs.FAILURE_KINDS
    )


def test_explicit_encoding_applies_to_jsonl_lines(cwd: Path) -> None:
    data = '{"id": "a", "text": "Café."}\n{"id": "b", "text": "Ä."}\n'.encode("cp1252")
    (cwd / "f.jsonl").write_bytes(data)
    a, b = iter_inputs(["f.jsonl"], encoding="cp1252")
    assert isinstance(a, Document) and isinstance(b, Document)
    assert (a.text, b.text) == ("Café.", "Ä.")
    assert a.warnings == ("decoded as cp1252 (--encoding)",)
    # without it, JSON Lines stay strict UTF-8 (RFC 8259): one failure per bad line
    assert [i.kind for i in iter_inputs(["f.jsonl"]) if isinstance(i, InputFailure)] == [
        "decode",
        "decode",
    ]


@pytest.mark.parametrize("encoding", ["no-such-codec", "base64", "rot13"])
def test_unknown_encoding_is_a_usage_error(encoding: str) -> None:
    with pytest.raises(UsageError, match="unknown text encoding"):
        iter_inputs(["a.txt"], encoding=encoding)


def test_nul_past_the_sniffed_head_is_text_with_a_warning(cwd: Path) -> None:
    (cwd / "f.txt").write_bytes(b"x" * 10_000 + b"\x00y")
    [item] = iter_inputs(["f.txt"])
    assert isinstance(item, Document)
    assert item.text.endswith("\x00y")
    assert item.warnings == ("contains 1 NUL character",)


# --------------------------------------------------------------------------- stdin


STDIN_CASES: list[tuple[str, bytes, list[str], dict[str, Any], list[Row]]] = [
    ("text", b"Hello from a pipe.\n", ["-"], {}, [("-", "doc", "Hello from a pipe.\n")]),
    (
        "JSONL with --input-format jsonl",
        jsonl({"id": "n1", "text": "One."}, {"text": "Two."}),
        ["-"],
        {"input_format": "jsonl"},
        [("n1", "doc", "One."), ("-:2", "doc", "Two.")],
    ),
    (
        "auto reads stdin as text, even if it looks like JSON",
        b'{"text": "x"}\n',
        ["-"],
        {},
        [("-", "doc", '{"text": "x"}\n')],
    ),
    (
        "stdin in its place among files",
        b"Piped.",
        ["a.txt", "-", "b.txt"],
        {},
        [("a.txt", "doc", "A."), ("-", "doc", "Piped."), ("b.txt", "doc", "B.")],
    ),
    ("empty stdin", b"", ["-"], {}, [("-", "empty", "empty input")]),
    ("empty JSONL stdin", b"", ["-"], {"input_format": "jsonl"}, [("-", "empty", "empty input")]),
    (
        "binary stdin",
        b"\x1f\x8b\x08\x00",
        ["-"],
        {},
        [("-", "binary", "binary file (gzip), not text")],
    ),
]


@pytest.mark.parametrize(
    ("data", "args", "kwargs", "expected"),
    [c[1:] for c in STDIN_CASES],
    ids=[c[0] for c in STDIN_CASES],
)
def test_stdin(
    cwd: Path, data: bytes, args: list[str], kwargs: dict[str, Any], expected: list[Row]
) -> None:
    make(cwd, {"a.txt": b"A.", "b.txt": b"B."})
    assert rows(iter_inputs(args, stdin=io.BytesIO(data), **kwargs)) == expected


def test_stdin_defaults_to_sys_stdin_buffer(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO("Über.".encode()), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", fake)
    assert rows(iter_inputs(["-"])) == [("-", "doc", "Über.")]


# --------------------------------------------------------------------------- JSON Lines

JSONL_LINE_CASES: list[tuple[str, str, Row]] = [
    ("minimal", '{"text": "A."}', ("f.jsonl:1", "doc", "A.")),
    (
        "null id, date and title",
        '{"id": null, "text": "A.", "date": null, "title": null}',
        ("f.jsonl:1", "doc", "A."),
    ),
    (
        "raw U+2028 inside a string is not a line break",
        '{"id": "s", "text": "A\u2028B\u0085C"}',
        ("s", "doc", "A\u2028B\u0085C"),
    ),
    ("CRLF line ending", '{"id": "c", "text": "A."}\r', ("c", "doc", "A.")),
    (
        "not JSON",
        "{text: 'A.'}",
        (
            "f.jsonl:1",
            "jsonl",
            "line 1: not valid JSON"
            " (Expecting property name enclosed in double quotes at column 2)",
        ),
    ),
    (
        "not an object",
        "[1, 2]",
        ("f.jsonl:1", "jsonl", "line 1: expected a JSON object, got array"),
    ),
    ("a bare string", '"A."', ("f.jsonl:1", "jsonl", "line 1: expected a JSON object, got string")),
    ("text missing", '{"id": "x"}', ("x", "jsonl", 'line 1: missing "text" (or "html")')),
    (
        "text not a string",
        '{"id": "x", "text": 5}',
        ("x", "jsonl", 'line 1: "text" must be a string, got number 5'),
    ),
    (
        "text null",
        '{"id": "x", "text": null}',
        ("x", "jsonl", 'line 1: "text" must be a string, got null'),
    ),
    ("text empty", '{"id": "x", "text": ""}', ("x", "empty", 'line 1: "text" is empty')),
    (
        "text only whitespace",
        '{"id": "x", "text": " \\n "}',
        ("x", "empty", 'line 1: "text" is only whitespace'),
    ),
    (
        "id not a string: the failure falls back to path:line",
        '{"id": 7, "text": "A."}',
        ("f.jsonl:1", "jsonl", 'line 1: "id" must be a non-empty string, got number 7'),
    ),
    (
        "id empty",
        '{"id": "", "text": "A."}',
        ("f.jsonl:1", "jsonl", 'line 1: "id" must be a non-empty string, got an empty string ""'),
    ),
    (
        "date not YYYY-MM-DD",
        '{"id": "x", "text": "A.", "date": "27/09/2021"}',
        ("x", "jsonl", 'line 1: "date" must be "YYYY-MM-DD" or null, got "27/09/2021"'),
    ),
    (
        "date with a time",
        '{"id": "x", "text": "A.", "date": "2021-09-27T10:00:00Z"}',
        ("x", "jsonl", 'line 1: "date" must be "YYYY-MM-DD" or null, got "2021-09-27T10:00:00Z"'),
    ),
    (
        "date compact ISO (fromisoformat would take it)",
        '{"id": "x", "text": "A.", "date": "20210927"}',
        ("x", "jsonl", 'line 1: "date" must be "YYYY-MM-DD" or null, got "20210927"'),
    ),
    (
        "date not a calendar date",
        '{"id": "x", "text": "A.", "date": "2021-02-30"}',
        (
            "x",
            "jsonl",
            'line 1: "date" is not a calendar date: "2021-02-30" (day 30 is not 01 to 28: February 2021 has 28 days)',
        ),
    ),
    (
        "date a number",
        '{"id": "x", "text": "A.", "date": 2021}',
        ("x", "jsonl", 'line 1: "date" must be "YYYY-MM-DD" or null, got number 2021'),
    ),
    (
        "title not a string",
        '{"id": "x", "text": "A.", "title": ["T"]}',
        ("x", "jsonl", 'line 1: "title" must be a string or null, got an array'),
    ),
    (
        "NaN is not JSON",
        '{"id": "x", "text": "A.", "score": NaN}',
        ("f.jsonl:1", "jsonl", "line 1: not valid JSON (NaN is not allowed)"),
    ),
    (
        "lone surrogate escape cannot be written as UTF-8",
        '{"id": "x", "text": "A\\ud800."}',
        ("x", "jsonl", 'line 1: contains an unpaired surrogate escape such as "\\ud800"'),
    ),
    (
        "a surrogate pair is fine",
        '{"id": "x", "text": "A \\ud83d\\ude00."}',
        ("x", "doc", "A \U0001f600."),
    ),
    (
        "nested too deeply",
        '{"text": "A.", "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
        ("f.jsonl:1", "jsonl", "line 1: not valid JSON (nested too deeply)"),
    ),
]


@pytest.mark.parametrize(
    ("line", "expected"), [c[1:] for c in JSONL_LINE_CASES], ids=[c[0] for c in JSONL_LINE_CASES]
)
def test_jsonl_line(cwd: Path, line: str, expected: Row) -> None:
    (cwd / "f.jsonl").write_bytes(line.encode() + b"\n")
    items = list(iter_inputs(["f.jsonl"]))
    assert rows(iter(items)) == [expected]
    assert all(item.source == "f.jsonl" for item in items)


def test_jsonl_fields_and_extras_in_meta(cwd: Path) -> None:
    extras = {"lang": "en", "url": "https://example.org/a", "tags": [1, {"x": None}], "meta": 2}
    record = {"id": "r1", "text": "A.", "date": "2021-09-27", "title": "Headline", **extras}
    (cwd / "f.jsonl").write_bytes(jsonl(record))
    [item] = iter_inputs(["f.jsonl"])
    assert item == Document(
        id="r1",
        source="f.jsonl",
        text="A.",
        date=dt.date(2021, 9, 27),
        title="Headline",
        meta=extras,
    )


def test_jsonl_bad_lines_in_the_middle_do_not_stop_reading(cwd: Path) -> None:
    data = jsonl(
        {"id": "a", "text": "One."},
        "",  # blank lines are skipped but still counted for line numbers
        "not json",
        {"id": "b", "text": "Two."},
        {"id": "c"},
        "   ",
        {"text": "Three."},
    )
    data += b'{"id": "d", "text": "caf\xe9"}\n' + b'{"id": "e", "text": "Four."}'  # no final LF
    (cwd / "f.jsonl").write_bytes(data)
    bad = data.index(b"\xe9")  # the offset counts the file's bytes, not the line's
    assert rows(iter_inputs(["f.jsonl"])) == [
        ("a", "doc", "One."),
        ("f.jsonl:3", "jsonl", "line 3: not valid JSON (Expecting value at column 1)"),
        ("b", "doc", "Two."),
        ("c", "jsonl", 'line 5: missing "text" (or "html")'),
        ("f.jsonl:7", "doc", "Three."),
        ("f.jsonl:8", "decode", f"line 8: not valid UTF-8 (byte 0xe9 at offset {bad})"),
        ("e", "doc", "Four."),
    ]


JSONL_FILE_CASES: list[tuple[str, str, bytes, dict[str, Any], list[Row]]] = [
    ("empty .jsonl", "f.jsonl", b"", {}, [("f.jsonl", "empty", "empty file")]),
    ("blank lines only", "f.jsonl", b"\n  \n\r\n", {}, [("f.jsonl", "empty", "only whitespace")]),
    (
        "binary .jsonl is one failure, not one per line",
        "f.jsonl",
        b'{"text": "A."}\n\x00\x00\n{"text": "B."}\n',
        {},
        [("f.jsonl", "binary", "binary file (NUL byte at offset 15), not text")],
    ),
    (
        "UTF-8 BOM",
        "f.jsonl",
        b"\xef\xbb\xbf" + jsonl({"id": "a", "text": "A."}),
        {},
        [("a", "doc", "A.")],
    ),
    (
        "UTF-16 with BOM",
        "f.jsonl",
        "\ufeff".encode("utf-16-le")
        + jsonl({"id": "a", "text": "Ä."}, {"text": "B."}).decode().encode("utf-16-le"),
        {},
        [("a", "doc", "Ä."), ("f.jsonl:2", "doc", "B.")],
    ),
    (
        "concatenated files leave a BOM at a line start",
        "f.jsonl",
        jsonl({"id": "a", "text": "A."}) + b"\xef\xbb\xbf" + jsonl({"id": "b", "text": "B."}),
        {},
        [("a", "doc", "A."), ("b", "doc", "B.")],
    ),
    (
        ".ndjson is JSON Lines too",
        "f.ndjson",
        jsonl({"text": "A."}),
        {},
        [("f.ndjson:1", "doc", "A.")],
    ),
    (
        "input_format=jsonl applies to any suffix",
        "f.txt",
        jsonl({"text": "A."}),
        {"input_format": "jsonl"},
        [("f.txt:1", "doc", "A.")],
    ),
    (
        "input_format=text reads a .jsonl file as one text",
        "f.jsonl",
        jsonl({"text": "A."}),
        {"input_format": "text"},
        [("f.jsonl", "doc", '{"text": "A."}\n')],
    ),
]


@pytest.mark.parametrize(
    ("name", "data", "kwargs", "expected"),
    [c[1:] for c in JSONL_FILE_CASES],
    ids=[c[0] for c in JSONL_FILE_CASES],
)
def test_jsonl_file(
    cwd: Path, name: str, data: bytes, kwargs: dict[str, Any], expected: list[Row]
) -> None:
    (cwd / name).write_bytes(data)
    assert rows(iter_inputs([name], **kwargs)) == expected


def test_duplicate_ids_get_a_warning(cwd: Path) -> None:
    (cwd / "f.jsonl").write_bytes(jsonl({"id": "a", "text": "A."}, {"id": "a", "text": "B."}))
    first, second = iter_inputs(["f.jsonl"])
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.warnings == ()
    assert second.warnings == ("duplicate id 'a': an earlier document has the same id",)


def test_jsonl_streams_100k_lines(cwd: Path) -> None:
    n = 100_000
    (cwd / "big.jsonl").write_bytes(
        b"".join(b'{"id": "%d", "text": "Line %d."}\n' % (i, i) for i in range(n))
    )
    items = iter_inputs(["big.jsonl"])
    assert not isinstance(items, list | tuple)
    count = 0
    for item in items:
        assert isinstance(item, Document)
        count += 1
    assert count == n
    assert item.id == str(n - 1)


def test_jsonl_stdin_yields_before_the_stream_is_read(cwd: Path) -> None:
    data = jsonl(*({"text": f"Line {i}."} for i in range(5_000)))
    stream = io.BytesIO(data)
    items = iter_inputs(["-"], input_format="jsonl", stdin=stream)
    first = next(items)
    assert isinstance(first, Document) and first.text == "Line 0."
    assert stream.tell() < len(data) // 2  # only the sniffed head and a line or two
    assert sum(1 for _ in items) == 4_999


# --------------------------------------------------------------------------- OS trouble


def test_unreadable_file_chmod_000(cwd: Path) -> None:
    make(cwd, {"a.txt": b"A.", "secret.txt": b"S.", "b.txt": b"B."})
    (cwd / "secret.txt").chmod(0)
    try:
        if os.access(cwd / "secret.txt", os.R_OK):
            pytest.skip("running with privileges that read a chmod-000 file (root)")
        assert rows(iter_inputs(["a.txt", "secret.txt", "b.txt"])) == [
            ("a.txt", "doc", "A."),
            ("secret.txt", "permission", "permission denied"),
            ("b.txt", "doc", "B."),
        ]
    finally:
        (cwd / "secret.txt").chmod(0o644)


def test_unreadable_folder_chmod_000(cwd: Path) -> None:
    make(cwd, {"d/a.txt": b"A.", "d/locked/x.txt": b"X.", "d/z.txt": b"Z."})
    (cwd / "d/locked").chmod(0)
    try:
        if os.access(cwd / "d/locked", os.R_OK):
            pytest.skip("running with privileges that list a chmod-000 folder (root)")
        assert rows(iter_inputs(["d"])) == [
            ("d/a.txt", "doc", "A."),
            ("d/locked", "permission", "permission denied (cannot list folder)"),
            ("d/z.txt", "doc", "Z."),
        ]
    finally:
        (cwd / "d/locked").chmod(0o755)


@pytest.mark.parametrize(
    ("error", "kind", "message"),
    [
        (PermissionError(13, "Permission denied"), "permission", "permission denied"),
        (OSError(5, "Input/output error"), "read", "input/output error"),
        (
            FileNotFoundError(2, "No such file or directory"),
            "not_found",
            "no such file or directory",
        ),
    ],
    ids=["permission", "io error", "vanished after listing"],
)
def test_open_errors_become_failures(
    cwd: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, kind: str, message: str
) -> None:
    # Works as root too, where chmod 000 does not stop a read.
    make(cwd, {"d/a.txt": b"A.", "d/b.txt": b"B."})
    real_open = open

    def fake_open(path: str, mode: str = "r") -> Any:
        if path.endswith("a.txt"):
            raise error
        return real_open(path, mode)

    monkeypatch.setattr(inputs, "open", fake_open, raising=False)
    assert rows(iter_inputs(["d"])) == [("d/a.txt", kind, message), ("d/b.txt", "doc", "B.")]


def test_unlistable_folder_becomes_a_failure(cwd: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The chmod test above is skipped as root; this one simulates the refusal.
    make(cwd, {"d/a.txt": b"A.", "d/locked/x.txt": b"X.", "d/z.txt": b"Z."})
    real_scandir = os.scandir

    def fake_scandir(path: str) -> Any:
        if path.endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", fake_scandir)
    assert rows(iter_inputs(["d", "d/locked"])) == [
        ("d/a.txt", "doc", "A."),
        ("d/locked", "permission", "permission denied (cannot list folder)"),
        ("d/z.txt", "doc", "Z."),
        ("d/locked", "permission", "permission denied (cannot list folder)"),
    ]


class _FailingStream(io.BytesIO):
    """A pipe whose reads start failing partway (a dropped network mount)."""

    def __init__(self, data: bytes, fail_after: int) -> None:
        super().__init__(data)
        self.fail_after = fail_after

    def _check(self) -> None:
        if self.tell() >= self.fail_after:
            raise OSError(5, "Input/output error")

    def readline(self, size: int | None = -1) -> bytes:
        self._check()
        return super().readline(size)

    def __next__(self) -> bytes:
        self._check()
        return super().__next__()


def test_read_error_mid_jsonl_stream(cwd: Path) -> None:
    lines = [{"text": f"Line {i}." + "x" * 100} for i in range(200)]
    data = jsonl(*lines)
    stream = _FailingStream(data, fail_after=len(data) - 500)
    out = rows(iter_inputs(["-"], input_format="jsonl", stdin=stream))
    *docs, last = out
    assert all(kind == "doc" for _, kind, _ in docs)
    assert last[1:] == ("read", f"input/output error (line {len(docs) + 1}: stopped reading)")
    assert last[0] == f"-:{len(docs) + 1}"


def test_symlink_loops_and_repeated_folders_are_walked_once(cwd: Path) -> None:
    make(cwd, {"d/a.txt": b"A.", "d/sub/b.txt": b"B.", "other/c.txt": b"C."})
    os.symlink("..", cwd / "d/sub/up")  # back to d: a loop
    os.symlink(cwd / "d/sub", cwd / "d/sub-again")  # a second way into a walked folder
    os.symlink(cwd / "other", cwd / "d/x-other")  # a link out of the tree is followed
    os.symlink("self", cwd / "d/self")  # a link to itself: cannot be resolved
    os.symlink("gone.txt", cwd / "d/broken.txt")
    os.symlink(cwd / "d/a.txt", cwd / "d/link.txt")  # a link to a file is read
    assert rows(iter_inputs(["d"])) == [
        ("d/a.txt", "doc", "A."),
        ("d/broken.txt", "not_found", "broken symbolic link (to gone.txt)"),
        ("d/link.txt", "doc", "A."),
        ("d/self", "read", "too many levels of symbolic links"),
        ("d/sub/b.txt", "doc", "B."),
        ("d/x-other/c.txt", "doc", "C."),
    ]
    # the glob hides unresolvable entries it would not have read anyway
    assert rows(iter_inputs(["d"], glob="*.md")) == [("d", "no_match", "no files match '*.md'")]


def test_special_files(cwd: Path) -> None:
    make(cwd, {"d/a.txt": b"A."})
    os.mkfifo(cwd / "d/pipe.txt")
    assert rows(iter_inputs(["d", "/dev/null"])) == [
        ("d/a.txt", "doc", "A."),
        ("d/pipe.txt", "not_regular", "not a regular file (a named pipe)"),
        ("/dev/null", "not_regular", "not a regular file (a character device)"),
    ]


def test_undecodable_file_name_is_shown_escaped(cwd: Path) -> None:
    (cwd / "d").mkdir()
    try:
        fd = os.open(os.path.join(os.fsencode(cwd / "d"), b"caf\xe9.txt"), os.O_CREAT | os.O_WRONLY)
    except OSError:
        pytest.skip("file system refuses non-UTF-8 names")
    os.write(fd, b"A.")
    os.close(fd)
    [item] = iter_inputs(["d"])
    assert isinstance(item, Document)
    assert (item.id, item.source, item.text) == ("d/caf\\xe9.txt", "d/caf\\xe9.txt", "A.")
    item.id.encode("utf-8")  # printable


# --------------------------------------------------------------------------- accounting and usage


def test_every_input_is_accounted_for(cwd: Path) -> None:
    make(
        cwd,
        {
            "d/a.txt": b"A.",
            "d/b.bin": b"\x00\x01",
            "d/c.jsonl": jsonl({"text": "1"}, "oops", {"text": "3"}) + b"\n\n",
            "d/e.txt": b"  ",
            "d/sub/f.txt": b"\x81\x8d",  # neither UTF-8 nor any legacy encoding
            "empty": None,
            "g.jsonl": jsonl({"id": 1, "text": "x"}, {"text": "y"}),
        },
    )
    args = ["d", "missing", "empty", "g.jsonl", "-"]
    # d: a, b, 3 JSONL lines, e, f = 7; missing 1; empty 1; g 2 lines; stdin 1
    items = list(iter_inputs(args, stdin=io.BytesIO(b"S.")))
    assert len(items) == 12
    assert sum(isinstance(i, Document) for i in items) == 5
    assert [i.source for i in items] == [
        "d/a.txt",
        "d/b.bin",
        *["d/c.jsonl"] * 3,
        "d/e.txt",
        "d/sub/f.txt",
        "missing",
        "empty",
        *["g.jsonl"] * 2,
        "-",
    ]


def test_same_output_every_run(cwd: Path) -> None:
    make(cwd, {f"d/{name}": name.encode() for name in ["b", "B", "a", "_", "0", "é", "Z"]})
    first = rows(iter_inputs(["d"]))
    assert [r[0] for r in first] == ["d/0", "d/B", "d/Z", "d/_", "d/a", "d/b", "d/é"]
    assert rows(iter_inputs(["d"])) == first


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ([], {}, "no input given"),
        ("a.txt", {}, "not a single string"),
        (["-", "a.txt", "-"], {}, "can be given only once"),
        (["a.txt"], {"input_format": "csv"}, "unknown input format"),
        (["d"], {"glob": ""}, "glob pattern is empty"),
        (["d"], {"glob": "sub/*.txt"}, "matches file names, not paths"),
    ],
    ids=[
        "no paths",
        "a bare string",
        "stdin twice",
        "bad format",
        "empty glob",
        "glob with a slash",
    ],
)
def test_usage_errors_raise_at_call_time(args: Any, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        iter_inputs(args, **kwargs)  # no next(): raised before anything is read


def test_path_objects_are_accepted(cwd: Path) -> None:
    make(cwd, {"a.txt": b"A."})
    assert rows(iter_inputs([Path("a.txt")])) == [("a.txt", "doc", "A.")]


# --------------------------------------------------------------------------- compressed files

COMPRESSIONS = {".gz": "gzip", ".bz2": "bzip2", ".zst": "zstd"}


def pack(suffix: str, data: bytes) -> bytes:
    import bz2
    import gzip

    import zstandard

    if suffix == ".gz":
        return gzip.compress(data)
    if suffix == ".bz2":
        return bz2.compress(data)
    return zstandard.ZstdCompressor().compress(data)


def zstd_frame(data: bytes, **options: Any) -> bytes:
    import zstandard

    return zstandard.ZstdCompressor(**options).compress(data)


def zstd_streamed(data: bytes) -> bytes:
    """As a streaming writer (`zstd` in a pipe) writes it: no content size in the header."""
    import zstandard

    packer = zstandard.ZstdCompressor().compressobj()
    return packer.compress(data) + packer.flush()


def skippable_frame(payload: bytes) -> bytes:
    return (0x184D2A50).to_bytes(4, "little") + len(payload).to_bytes(4, "little") + payload


def varied_lines(n: int) -> bytes:
    """JSON Lines that compress poorly, so the compressed file spans many read chunks."""
    import hashlib

    return jsonl(
        *({"id": str(i), "text": hashlib.sha256(str(i).encode()).hexdigest() * 3} for i in range(n))
    )


PAGE = b"<html><body><article><p>Police said two roads were closed.</p></article></body></html>"

# Every compression the same way: the file it holds decides how it is read.
COMPRESSED_CASES: list[tuple[str, str, bytes, list[Row]]] = [
    case
    for suffix, what in COMPRESSIONS.items()
    for case in [
        (
            f"{what}: JSON Lines",
            f"docs.jsonl{suffix}",
            pack(suffix, jsonl({"id": "a", "text": "A."}, {"text": "B."})),
            [("a", "doc", "A."), (f"docs.jsonl{suffix}:2", "doc", "B.")],
        ),
        (
            f"{what}: a text is one document, exactly as decoded",
            f"story.txt{suffix}",
            pack(suffix, "Café\r\nsaid.\n".encode()),
            [(f"story.txt{suffix}", "doc", "Café\r\nsaid.\n")],
        ),
        (
            f"{what}: a web page",
            f"page.html{suffix}",
            pack(suffix, PAGE),
            [(f"page.html{suffix}", "doc", "Police said two roads were closed.")],
        ),
        (
            f"{what}: a PDF inside is binary",
            f"a.txt{suffix}",
            pack(suffix, b"%PDF-1.7\n..."),
            [(f"a.txt{suffix}", "binary", "binary file (PDF), not text")],
        ),
        (
            f"{what}: nothing inside",
            f"e.txt{suffix}",
            pack(suffix, b""),
            [(f"e.txt{suffix}", "empty", "empty file")],
        ),
    ]
]


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [c[1:] for c in COMPRESSED_CASES],
    ids=[c[0] for c in COMPRESSED_CASES],
)
def test_compressed_file(cwd: Path, name: str, data: bytes, expected: list[Row]) -> None:
    (cwd / name).write_bytes(data)
    assert rows(iter_inputs([name])) == expected


@pytest.mark.parametrize("suffix", list(COMPRESSIONS))
def test_cut_off_compressed_jsonl_ends_in_a_failure_after_its_documents(
    cwd: Path, suffix: str
) -> None:
    data = pack(suffix, varied_lines(20_000))
    (cwd / f"docs.jsonl{suffix}").write_bytes(data[: len(data) * 6 // 10])
    *docs, last = rows(iter_inputs([f"docs.jsonl{suffix}"]))
    assert docs == [(str(i), "doc", docs[i][2]) for i in range(len(docs))]  # in order, none lost
    if suffix != ".bz2":  # bzip2 gives nothing before the end of its 900 kB block
        assert len(docs) > 5_000
    what = COMPRESSIONS[suffix]
    assert last[:2] == (f"docs.jsonl{suffix}", "decompress")
    assert last[2].startswith(f"not a readable {what} file: ")


@pytest.mark.parametrize(
    ("suffix", "message"),
    [
        (".gz", "not a readable gzip file: Not a gzipped file (b'No')"),
        (".bz2", "not a readable bzip2 file: Invalid data stream"),
        (".zst", "not a readable zstd file: zstd decompressor error: Unknown frame descriptor"),
    ],
)
def test_not_compressed_at_all_is_a_decompress_failure(
    cwd: Path, suffix: str, message: str
) -> None:
    # gzip and bz2 say so with an OSError; it is the file's damage, not a read error.
    (cwd / f"a.txt{suffix}").write_bytes(b"Not compressed.")
    assert rows(iter_inputs([f"a.txt{suffix}", "b.txt"])) == [
        (f"a.txt{suffix}", "decompress", message),
        ("b.txt", "not_found", "no such file or directory"),
    ]


LINES_3 = jsonl({"id": "a", "text": "A."}, {"id": "b", "text": "B."}, {"id": "c", "text": "C."})
JSONL_AB = LINES_3[: LINES_3.index(b'{"id": "c"')]
PADDED = [{"id": str(i), "text": f"Line {i}. " + "x" * 100} for i in range(100)]

ZSTD_CASES: list[tuple[str, str, bytes, list[Row]]] = [
    (
        "a frame without a content size (a streaming writer's)",
        "docs.jsonl.zst",
        zstd_streamed(LINES_3),
        [("a", "doc", "A."), ("b", "doc", "B."), ("c", "doc", "C.")],
    ),
    (
        "content size and checksum written",
        "docs.jsonl.zst",
        zstd_frame(LINES_3, write_content_size=True, write_checksum=True),
        [("a", "doc", "A."), ("b", "doc", "B."), ("c", "doc", "C.")],
    ),
    (
        "several frames, a skippable one among them: all read, as zstd -d does",
        "docs.jsonl.zst",
        zstd_frame(JSONL_AB)
        + skippable_frame(b"index")
        + zstd_streamed(b'{"id": "c", "text": "C."}\n'),
        [("a", "doc", "A."), ("b", "doc", "B."), ("c", "doc", "C.")],
    ),
    (
        "a line split across two frames",
        "docs.jsonl.zst",
        zstd_frame(LINES_3[:20]) + zstd_frame(LINES_3[20:]),
        [("a", "doc", "A."), ("b", "doc", "B."), ("c", "doc", "C.")],
    ),
    (
        # (the first frame holds more than the 8 KiB sniffed before any line is read)
        "cut off inside a frame: a failure after the documents, not a shorter file",
        "docs.jsonl.zst",
        zstd_frame(jsonl(*PADDED)) + zstd_frame(b'{"id": "c", "text": "C."}\n')[:-3],
        [
            *((doc["id"], "doc", doc["text"]) for doc in PADDED),
            (
                "docs.jsonl.zst",
                "decompress",
                "not a readable zstd file: the data ends inside a frame (a truncated file)",
            ),
        ],
    ),
    (
        "corrupt data",
        "a.txt.zst",
        zstd_frame(b"x")[:4] + bytes(range(64)),
        [
            (
                "a.txt.zst",
                "decompress",
                "not a readable zstd file: zstd decompressor error: Destination buffer is too small",
            )
        ],
    ),
    ("an empty file", "a.txt.zst", b"", [("a.txt.zst", "empty", "empty file")]),
    (
        "Zstandard data in a file not named .zst is binary, as before",
        "docs.jsonl",
        zstd_frame(LINES_3),
        [("docs.jsonl", "binary", "binary file (zstd), not text")],
    ),
    (
        "a Zstandard-compressed web archive is refused by name",
        "crawl.warc.zst",
        zstd_frame(b"WARC/1.1\r\n"),
        [
            (
                "crawl.warc.zst",
                "warc",
                "a Zstandard-compressed web archive is not supported: use .warc or .warc.gz",
            )
        ],
    ),
]


@pytest.mark.parametrize(
    ("name", "data", "expected"), [c[1:] for c in ZSTD_CASES], ids=[c[0] for c in ZSTD_CASES]
)
def test_zstd(cwd: Path, name: str, data: bytes, expected: list[Row]) -> None:
    (cwd / name).write_bytes(data)
    assert rows(iter_inputs([name])) == expected


def test_zstd_frames_of_every_size_across_read_chunks(cwd: Path) -> None:
    """Frame ends fall anywhere in a chunk, and a frame spans several chunks."""
    data = varied_lines(12_000)
    cuts = [0, 1, 70, 71, 5_000, 400_000, 400_001, len(data) - 10, len(data)]
    frames = b"".join(zstd_streamed(data[a:b]) for a, b in itertools.pairwise(cuts))
    assert len(frames) > 4 * inputs._ZstdReader.CHUNK
    (cwd / "docs.jsonl.zst").write_bytes(frames)
    items = list(iter_inputs(["docs.jsonl.zst"]))
    assert [i.id for i in items] == [str(i) for i in range(12_000)]
    assert all(isinstance(i, Document) for i in items)


# --------------------------------------------------------------------------- fsspec URLs


@pytest.fixture
def memfs() -> Iterator[Any]:
    """fsspec's memory file system, empty before and after (its store is process-wide)."""
    import fsspec

    fs = fsspec.filesystem("memory")

    def clear() -> None:
        fs.store.clear()
        fs.pseudo_dirs.clear()
        fs.pseudo_dirs.append("")

    clear()
    yield fs
    clear()


@pytest.fixture(params=["memory", "file"])
def fs_root(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Any]:
    """A base URL and a function writing Files under it, on each file system tested."""
    if request.param == "file":
        return f"file://{tmp_path}/", lambda files: make(tmp_path, files)
    fs = request.getfixturevalue("memfs")

    def write(files: Files) -> None:
        for name, content in files.items():
            if content is None:
                fs.mkdir(f"/{name}")
            else:
                fs.pipe(f"/{name}", content)

    return "memory://", write


# ids are written "{base}d/a.txt": the URL the folder or file was named by, joined
FS_CASES: list[tuple[str, Files, list[str], dict[str, Any], list[Row]]] = [
    (
        "folder: recursed depth-first, sorted by name, hidden entries skipped",
        {
            "d/b.txt": b"B.",
            "d/a.txt": b"A.",
            "d/a-b.txt": b"AB.",  # "-" sorts before "." in code point order
            "d/sub/deeper/c.txt": b"C.",
            "d/z.txt": b"Z.",
            "d/.hidden.txt": b"H.",
            "d/.git/config": b"G.",
            "d/sub/.DS_Store": b"S.",
        },
        ["d"],
        {},
        [
            ("{base}d/a-b.txt", "doc", "AB."),
            ("{base}d/a.txt", "doc", "A."),
            ("{base}d/b.txt", "doc", "B."),
            ("{base}d/sub/deeper/c.txt", "doc", "C."),
            ("{base}d/z.txt", "doc", "Z."),
        ],
    ),
    (
        "names in code point order, not locale order",
        {f"d/{name}": name.encode() for name in ["b", "B", "a", "_", "0", "é", "Z"]},
        ["d/"],
        {},
        [(f"{{base}}d/{n}", "doc", n) for n in ["0", "B", "Z", "_", "a", "b", "é"]],
    ),
    (
        "glob filters file names at every depth",
        {"d/a.txt": b"A.", "d/b.md": b"B.", "d/sub/c.txt": b"C.", "d/sub/d.TXT": b"D."},
        ["d"],
        {"glob": "*.txt"},
        [("{base}d/a.txt", "doc", "A."), ("{base}d/sub/c.txt", "doc", "C.")],
    ),
    (
        "a file named explicitly is read whatever the glob or its name",
        {"b.md": b"B.", ".notes": b"N."},
        ["b.md", ".notes"],
        {"glob": "*.txt"},
        [("{base}b.md", "doc", "B."), ("{base}.notes", "doc", "N.")],
    ),
    (
        "JSON Lines, compressed files and web pages in a folder, read as local ones",
        {
            "d/a.jsonl": jsonl({"id": "n1", "text": "One."}, {"text": "Two."}),
            "d/b.jsonl.gz": pack(".gz", jsonl({"text": "Three."})),
            "d/c.txt.zst": pack(".zst", b"Four."),
            "d/d.html": PAGE,
            "d/e.txt.gz": b"\x1f\x8b\x08\x00" + bytes(range(200)),
        },
        ["d"],
        {},
        [
            ("n1", "doc", "One."),
            ("{base}d/a.jsonl:2", "doc", "Two."),
            ("{base}d/b.jsonl.gz:1", "doc", "Three."),
            ("{base}d/c.txt.zst", "doc", "Four."),
            ("{base}d/d.html", "doc", "Police said two roads were closed."),
            (
                "{base}d/e.txt.gz",
                "decompress",
                "not a readable gzip file: Error -3 while decompressing data: invalid block type",
            ),
        ],
    ),
    (
        "missing path, among good ones",
        {"a.txt": b"A.", "b.txt": b"B."},
        ["a.txt", "nope.txt", "nope/", "b.txt"],
        {},
        [
            ("{base}a.txt", "doc", "A."),
            ("{base}nope.txt", "not_found", "no such file or directory"),
            ("{base}nope/", "not_found", "no such file or directory"),
            ("{base}b.txt", "doc", "B."),
        ],
    ),
    (
        "empty folder",
        {"e": None},
        ["e"],
        {},
        [("{base}e", "empty_folder", "no files in folder")],
    ),
    (
        "folder with only hidden files and empty subfolders",
        {"e/.x.txt": b"X.", "e/sub": None},
        ["e/"],
        {},
        [("{base}e/", "empty_folder", "no files in folder")],
    ),
    (
        "folder with no glob match",
        {"d/a.md": b"A."},
        ["d"],
        {"glob": "*.txt"},
        [("{base}d", "no_match", "no files match '*.txt'")],
    ),
    (
        "failures inside a folder are reported in place",
        {"d/a.txt": b"A.", "d/b.pdf": b"%PDF-1.7\n...", "d/c.txt": b"", "d/d.txt": b"\x81\x8d"},
        ["d"],
        {},
        [
            ("{base}d/a.txt", "doc", "A."),
            ("{base}d/b.pdf", "binary", "binary file (PDF), not text"),
            ("{base}d/c.txt", "empty", "empty file"),
            (
                "{base}d/d.txt",
                "decode",
                "not valid UTF-8 (byte 0x81 at offset 0); no legacy encoding fits either",
            ),
        ],
    ),
]


@pytest.mark.parametrize(
    ("files", "args", "kwargs", "expected"),
    [case[1:] for case in FS_CASES],
    ids=[case[0] for case in FS_CASES],
)
def test_fsspec_paths(
    fs_root: tuple[str, Any],
    files: Files,
    args: list[str],
    kwargs: dict[str, Any],
    expected: list[Row],
) -> None:
    base, write = fs_root
    write(files)
    items = list(iter_inputs([base + arg for arg in args], **kwargs))
    assert rows(iter(items)) == [(i.format(base=base), k, m) for i, k, m in expected]
    # the source of each item is its file's URL (a JSONL line's too)
    for item in items:
        assert item.source.startswith(base)
        assert item.id.startswith(item.source) or isinstance(item, Document)


def test_fsspec_and_local_inputs_in_one_run(cwd: Path, memfs: Any) -> None:
    make(cwd, {"a.txt": b"A."})
    memfs.pipe("/corpus/b.txt", b"B.")
    assert rows(iter_inputs(["a.txt", "memory://corpus/", "-"], stdin=io.BytesIO(b"S."))) == [
        ("a.txt", "doc", "A."),
        ("memory://corpus/b.txt", "doc", "B."),
        ("-", "doc", "S."),
    ]


def test_file_url_symbolic_links_are_walked_as_locally(tmp_path: Path) -> None:
    make(tmp_path, {"d/a.txt": b"A.", "d/sub/b.txt": b"B.", "other/c.txt": b"C."})
    os.symlink("..", tmp_path / "d/sub/up")  # back to d: a loop
    os.symlink(tmp_path / "d/sub", tmp_path / "d/sub-again")  # a second way into a folder
    os.symlink(tmp_path / "other", tmp_path / "d/x-other")  # a link out of the tree
    os.symlink("self", tmp_path / "d/self")
    os.symlink("gone.txt", tmp_path / "d/broken.txt")
    os.symlink(tmp_path / "d/a.txt", tmp_path / "d/link.txt")
    os.mkfifo(tmp_path / "d/pipe.txt")  # never opened: with no writer it blocks forever
    url = f"file://{tmp_path}/d"
    assert rows(iter_inputs([url])) == [
        (f"{url}/a.txt", "doc", "A."),
        (f"{url}/broken.txt", "not_found", "broken symbolic link (to gone.txt)"),
        (f"{url}/link.txt", "doc", "A."),
        (f"{url}/pipe.txt", "not_regular", "not a regular file (a named pipe)"),
        (f"{url}/self", "read", "too many levels of symbolic links"),
        (f"{url}/sub/b.txt", "doc", "B."),
        (f"{url}/x-other/c.txt", "doc", "C."),
    ]
    assert rows(iter_inputs([f"{url}/a.txt/x"])) == [
        (f"{url}/a.txt/x", "not_found", "not a directory")
    ]


class _DroppedConnection(io.BytesIO):
    """A remote file whose reads fail partway with the driver's own error type."""

    def __init__(self, data: bytes, fail_after: int) -> None:
        super().__init__(data)
        self.fail_after = fail_after

    def _check(self) -> None:
        if self.tell() >= self.fail_after:
            raise RuntimeError("connection reset by peer\nretry later")

    def read(self, size: int | None = -1) -> bytes:
        self._check()
        return super().read(size)

    def readline(self, size: int | None = -1) -> bytes:
        self._check()
        return super().readline(size)

    def __next__(self) -> bytes:
        self._check()
        return super().__next__()


def test_fsspec_errors_become_failures(memfs: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    memfs.pipe("/d/a.txt", b"A.")
    memfs.pipe("/d/b.jsonl", jsonl(*({"text": f"Line {i}." + "x" * 100} for i in range(100))))
    memfs.pipe("/d/c.txt", b"C.")
    memfs.pipe("/d/locked/x.txt", b"X.")
    memfs.pipe("/d/z.txt", b"Z.")
    real_ls, real_open = memfs.ls, memfs.open

    def fake_ls(path: str, detail: bool = True, **kwargs: Any) -> Any:
        if path.endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_ls(path, detail=detail, **kwargs)

    def fake_open(path: str, mode: str = "rb", **kwargs: Any) -> Any:
        if path.endswith("a.txt"):
            raise OSError(5, "Input/output error")
        if path.endswith("b.jsonl"):
            data = memfs.cat_file(path)
            return _DroppedConnection(data, fail_after=len(data) // 2)
        if path.endswith("c.txt"):
            return _DroppedConnection(b"C.", fail_after=0)
        return real_open(path, mode, **kwargs)

    monkeypatch.setattr(memfs, "ls", fake_ls)
    monkeypatch.setattr(memfs, "open", fake_open)
    out = rows(iter_inputs(["memory://d"]))
    lines_read = [r for r in out if r[0].startswith("memory://d/b.jsonl:")]
    assert 10 < len(lines_read) < 100 and all(r[1] == "doc" for r in lines_read)
    assert [r for r in out if r not in lines_read] == [
        ("memory://d/a.txt", "read", "input/output error"),
        (
            "memory://d/b.jsonl",
            "read",
            "RuntimeError: connection reset by peer (stopped reading)",
        ),
        ("memory://d/c.txt", "read", "RuntimeError: connection reset by peer (stopped reading)"),
        ("memory://d/locked", "permission", "permission denied (cannot list folder)"),
        ("memory://d/z.txt", "doc", "Z."),
    ]


def test_unknown_protocols_and_missing_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    # A protocol fsspec knows but whose package is not installed (as s3:// without s3fs).
    monkeypatch.setitem(
        importlib.import_module("fsspec.registry").known_implementations,
        "claimxtest",
        {"class": "claimx_no_such_package.FileSystem", "err": "Install claimx-fs to access it"},
    )
    assert rows(iter_inputs(["nosuchproto://x", "claimxtest://bucket/docs/"])) == [
        (
            "nosuchproto://x",
            "read",
            "unknown protocol nosuchproto://: fsspec has no file system by that name"
            " (install the package that provides one)",
        ),
        (
            "claimxtest://bucket/docs/",
            "read",
            "reading claimxtest:// needs a package that is not installed"
            " (Install claimx-fs to access it)",
        ),
    ]


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        ("memory://corpus/", True),
        ("file:///abs/folder", True),
        ("s3://bucket/prefix/", True),
        ("gcs://bucket", True),
        ("nosuchproto://x", True),
        ("simplecache://x", True),
        # negatives: web pages, local paths, a Windows drive, near misses
        ("http://example.org/story", False),
        ("HTTPS://example.org/story", False),
        ("C://Users/x.txt", False),
        ("corpus/", False),
        ("/abs/folder", False),
        ("-", False),
        ("a.txt", False),
        ("memory:/corpus", False),
        ("://corpus", False),
        ("s3:bucket", False),
        ("a b://c", False),
    ],
)
def test_is_fsspec_url(argument: str, expected: bool) -> None:
    assert inputs.is_fsspec_url(argument) is expected


def test_fsspec_and_zstandard_are_imported_only_when_needed(cwd: Path) -> None:
    """Local inputs, `import claimx` and `claimx --help` never load them; a URL does."""
    import subprocess
    import sys

    make(cwd, {"d/a.txt": b"A.", "d/b.jsonl.gz": pack(".gz", jsonl({"text": "B."}))})
    code = (
        "import sys; sys.argv = ['claimx', '--help']\n"
        "import claimx\n"
        "from claimx.cli import main\n"
        "from claimx.inputs import iter_inputs\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "assert len(list(iter_inputs(['d']))) == 2\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('fsspec', 'zstandard'))\n"
        "assert not loaded, loaded\n"
        "list(iter_inputs(['memory://x']))\n"
        "assert 'fsspec' in sys.modules\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd)
    assert proc.returncode == 0, proc.stderr


def test_estimate_total_does_not_fail_on_fsspec_urls(memfs: Any) -> None:
    from claimx.batch import estimate_total

    memfs.pipe("/corpus/a.txt", b"A.")
    memfs.pipe("/corpus/b.jsonl", jsonl({"text": "1"}, {"text": "2"}))
    total = estimate_total(["memory://corpus/", "memory://corpus/b.jsonl", "nosuchproto://x"])
    assert total is None or isinstance(total, int)
