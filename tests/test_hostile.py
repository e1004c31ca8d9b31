"""Hostile input: nothing crashes, nothing is lost.

The suite generates a corpus of hostile inputs (binary files, NUL bytes,
undecodable bytes, empty files, bad JSON Lines, symlink loops, a folder
1,500 levels deep, very long lines, right-to-left and combining text, ...)
and runs it through the installed CLI in one batch, as a user would:
``python -m claimx extract --format jsonl <folder> <files>``. It must exit 1
(some inputs fail), write exactly one record per input in input order, each
error record naming its input with a clear reason, and print no traceback.

Every corpus entry is declared with what it must give (``ok``: a result,
``error``: an error record of that kind, ``either``: a result or an error, for
what depends on privileges), so the manifest is the list of expected records.
The 100,000-line JSON Lines file is checked through ``claimx.inputs`` (the
pipeline would take minutes on 100,000 documents); a smaller one with the
same bad lines goes through the CLI.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from claimx.inputs import Document, InputFailure, iter_inputs

SEED = Path(__file__).resolve().parent.parent / "seeds" / "kosovo-plates-reuters.txt"
PROSE = "LONDON (Reuters) - Police said on Monday that two roads were closed.\n"


@dataclass(frozen=True)
class Expect:
    id: str  # the record id the input must get
    outcome: str  # "ok", "error" or "either"
    kind: str = ""  # the error kind, for "error"
    says: str = ""  # a piece of the error message
    line: str = ""  # what the message of a JSON Lines failure starts with ("line 3:")
    case: str = ""  # the hostile case it belongs to, for the closing count


def jl(*lines: object) -> bytes:
    """JSON Lines; str items are written verbatim (for malformed lines)."""
    return "".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines).encode()


# Lines of JSON values of the wrong type, and other bad lines, each with the
# error it must give. Every line is one input.
WRONG_TYPES: list[tuple[str, str, str]] = [
    ('{"id": "t-num", "text": 5}', "t-num", '"text" must be a string, got number 5'),
    ('{"id": "t-null", "text": null}', "t-null", '"text" must be a string, got null'),
    ('{"id": "t-list", "text": ["a"]}', "t-list", '"text" must be a string, got an array'),
    ('{"id": "t-obj", "text": {"a": 1}}', "t-obj", '"text" must be a string, got an object'),
    ('{"id": "t-bool", "text": true}', "t-bool", '"text" must be a string, got boolean'),
    ('{"id": "no-text"}', "no-text", 'missing "text"'),
    ('{"id": 7, "text": "A."}', "{f}:7", '"id" must be a non-empty string'),
    ('{"id": "d-num", "text": "A.", "date": 20210927}', "d-num", '"date" must be'),
    (
        '{"id": "d-bad", "text": "A.", "date": "2021-02-30"}',
        "d-bad",
        '"date" is not a calendar date',
    ),
    ('{"id": "ti", "text": "A.", "title": 5}', "ti", '"title" must be a string or null'),
    ("[1, 2]", "{f}:11", "expected a JSON object, got array"),
    ('"just a string"', "{f}:12", "expected a JSON object, got string"),
    ("42", "{f}:13", "expected a JSON object, got number"),
    ("null", "{f}:14", "expected a JSON object, got null"),
    ('{"id": "nan", "text": "A.", "x": NaN}', "{f}:15", "NaN is not allowed"),
    ('{"id": "sur", "text": "A\\ud800"}', "sur", "unpaired surrogate"),
    ('{"id": "e", "text": ""}', "e", '"text" is empty'),
    ('{"id": "ws", "text": " \\n\\t"}', "ws", '"text" is only whitespace'),
    ('{"text": "A.", "x": ' + "[" * 50_000 + "]" * 50_000 + "}", "{f}:19", "nested too deeply"),
    ("{not json", "{f}:20", "not valid JSON"),
]

UNICODE_TEXTS: dict[str, str] = {
    "rtl-arabic": "قالت الشرطة يوم الاثنين إن طريقين أغلقا أمام حركة المرور.\n",
    "rtl-hebrew-mixed": "המשטרה אמרה ביום שני כי 5,000 troops moved, police said on Monday.\n",
    "rtl-override": "Police said \u202eon Monday\u202c that roads were closed.\n",
    "combining": "Pol\u0301ice\u0308 said\u0327 on Mo\u0301nday\u0301 that ro\u0300ads closed.\n",
    "combining-only": "\u0301\u0302\u0303\u0304" * 100,
    "emoji": "Police 👮🏽‍♀️ said on Monday 📅 that two 🛣️ roads were closed 🚧. 🇽🇰🇷🇸\n",
    "zero-width": (
        "Po\u200blice\u200c said\u200d on\u2060 Mon\ufeffday that 5\u200b000 troops left.\n"
    ),
    "all-numbers": " ".join(str(i * 7919 % 100_003) for i in range(2000)) + "\n",
    "all-quotes": '"' * 500 + "“”‘’«»„‟" * 200 + "\n",
    "all-punctuation": "!?.,;:-—()[]{}" * 300,
    "mixed-scripts": "Полиция said 月曜日 that δύο roads were closed, ศุกร์.\n",
    "control-chars": "Police\x01 said\x07 on\x1b[31m Monday\x7f that roads\x0c closed.\n",
    "crlf": PROSE.replace("\n", "\r\n") * 3,
    "lone-cr": PROSE.replace("\n", "\r") * 3,
    "line-separators": "Police said on Monday\u2028that roads\u2029were closed\u0085.\n",
}


#: levels of the deep folder in the corpus: past the recursion limit, within PATH_MAX
DEEP = 1500


class Corpus:
    """Writes the hostile corpus and the manifest of the records it must give."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / "corpus"
        self.folder.mkdir()
        self.expected: list[Expect] = []
        self.args: list[str] = []
        self.cleanup: list[Path] = []

    def file(self, name: str, data: bytes, outcome: str, kind: str = "", case: str = "") -> str:
        path = self.folder / name
        path.write_bytes(data)
        rel = f"corpus/{name}"
        self.expected.append(Expect(rel, outcome, kind, case=case or name))
        return rel


def build(root: Path) -> Corpus:
    """The hostile corpus. Names sort in the order they are added (the walk is sorted)."""
    c = Corpus(root)
    f = c.file
    # -- binary
    f("a01-pdf.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "error", "binary", "binary")
    f("a02-png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "error", "binary", "binary")
    f(
        "a03-zip.docx",
        b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)),
        "error",
        "binary",
        "binary",
    )
    f("a04-elf", b"\x7fELF\x02\x01\x01" + b"\x00" * 64, "error", "binary", "binary")
    # a .gz file is decompressed and read as the file it holds: a damaged one says so
    f("a05-gzip.txt.gz", b"\x1f\x8b\x08\x00" + bytes(range(200)), "error", "decompress", "binary")
    f("a05b-gzip.txt", b"\x1f\x8b\x08\x00" + bytes(range(200)), "error", "binary", "binary")
    f("a06-random.bin", bytes((i * 7 + 3) % 256 for i in range(4096)), "error", "binary", "binary")
    # -- NUL bytes
    f("b01-nul-head.txt", b"Police said\x00 on Monday.", "error", "binary", "NUL bytes")
    f("b02-nul-tail.txt", PROSE.encode() * 200 + b"\x00\x00 end.", "ok", case="NUL bytes")
    # -- undecodable bytes (decode order)
    f("c01-cp1252.txt", "Café owners said on Monday “no”.".encode("cp1252"), "ok", case="decoding")
    f(
        "c02-latin1-decl.html",
        b'<meta charset="iso-8859-1"><p>Caf\xe9 said.</p>',
        "ok",
        case="decoding",
    )
    f(
        "c03-koi8.html",
        b'<meta charset="koi8-r"><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>',
        "ok",
        case="decoding",
    )
    f(
        "c04-cp1251.txt",
        ("Полиция заявила в понедельник. " * 5).encode("cp1251"),
        "ok",
        case="decoding",
    )
    f("c05-unmappable.txt", b"Police \x81\x8d\x8f\x90\x9d said.", "error", "decode", "decoding")
    f("c06-utf16-bom.txt", b"\xff\xfe" + PROSE.encode("utf-16-le"), "ok", case="decoding")
    f(
        "c07-utf16-odd.txt",
        b"\xff\xfe" + PROSE.encode("utf-16-le") + b"X",
        "error",
        "decode",
        "decoding",
    )
    f("c08-utf8-bom.txt", b"\xef\xbb\xbf" + PROSE.encode(), "ok", case="decoding")
    f("c09-truncated-utf8.txt", PROSE.encode() + "é".encode()[:1], "ok", case="decoding")
    # -- empty
    f("d01-empty.txt", b"", "error", "empty", "empty/whitespace")
    f("d02-whitespace.txt", b" \t\r\n\n  ", "error", "empty", "empty/whitespace")
    f("d03-bom-only.txt", b"\xef\xbb\xbf", "error", "empty", "empty/whitespace")
    f("d04-nbsp-only.txt", "\u00a0\u2003\u3000\n".encode(), "error", "empty", "empty/whitespace")
    # -- long lines
    # A whole article on one line, ten times over (~23 KB, no line break).
    # Not one 10,000-word sentence: see the report on ActorLayer.actor_of_token.
    line = " ".join(SEED.read_text(encoding="utf-8").split()) + " "
    f("e01-long-line.txt", (line * 10).encode(), "ok", case="long lines")
    f("e02-no-spaces.txt", b"x" * 200_000, "ok", case="long lines")
    # -- unicode texts
    for i, (name, text) in enumerate(UNICODE_TEXTS.items(), 1):
        f(f"f{i:02d}-{name}.txt", text.encode(), "ok", case="unicode")
    # -- JSON Lines: wrong types, missing text, bad lines in the middle (line numbers)
    rel = "corpus/g01-wrong-types.jsonl"
    data = jl(*(line for line, _, _ in WRONG_TYPES), {"id": "g-good", "text": PROSE})
    (c.folder / "g01-wrong-types.jsonl").write_bytes(data)
    for lineno, (_, doc_id, says) in enumerate(WRONG_TYPES, 1):
        kind = "empty" if "is empty" in says or "only whitespace" in says else "jsonl"
        c.expected.append(
            Expect(doc_id.format(f=rel), "error", kind, says, f"line {lineno}:", "JSON types")
        )
    c.expected.append(Expect("g-good", "ok", case="JSON types"))
    rel = "corpus/g02-bad-middle.jsonl"
    lines: list[bytes] = []
    for i in range(1, 301):
        if i in (100, 150, 151, 200):
            lines.append(b'{"id": "bad", "text": "trunc')  # a line cut off mid-write
            c.expected.append(
                Expect(f"{rel}:{i}", "error", "jsonl", "", f"line {i}:", "JSONL lines")
            )
        elif i == 250:
            lines.append(b'{"id": "n250", "text": "caf\xe9 \xff"}')  # not UTF-8
            c.expected.append(
                Expect(f"{rel}:{i}", "error", "decode", "", f"line {i}:", "JSONL lines")
            )
        else:
            lines.append(json.dumps({"id": f"n{i}", "text": f"{i} troops left."}).encode())
            c.expected.append(Expect(f"n{i}", "ok", case="JSONL lines"))
    (c.folder / "g02-bad-middle.jsonl").write_bytes(b"\n".join(lines) + b"\n\n")
    # -- OS trouble inside the folder
    (c.folder / "h01-loop").mkdir()
    (c.folder / "h01-loop" / "a.txt").write_text(PROSE)
    c.expected.append(Expect("corpus/h01-loop/a.txt", "ok", case="symlinks"))
    os.symlink("..", c.folder / "h01-loop" / "up")  # a loop: walked once
    os.symlink("h02-self", c.folder / "h02-self")  # a link to itself
    c.expected.append(Expect("corpus/h02-self", "error", "read", case="symlinks"))
    os.symlink("gone.txt", c.folder / "h03-broken.txt")
    c.expected.append(Expect("corpus/h03-broken.txt", "error", "not_found", case="symlinks"))
    os.mkfifo(c.folder / "h04-fifo.txt")  # never opened: it would block
    c.expected.append(Expect("corpus/h04-fifo.txt", "error", "not_regular", case="special files"))
    locked = c.folder / "h05-unreadable.txt"
    locked.write_text(PROSE)
    locked.chmod(0)
    c.cleanup.append(locked)
    readable = os.access(locked, os.R_OK)  # root reads a chmod-000 file
    c.expected.append(
        Expect(
            "corpus/h05-unreadable.txt",
            "ok" if readable else "error",
            "" if readable else "permission",
            case="unreadable",
        )
    )
    deep = "h06-deep"
    os.mkdir(c.folder / deep)
    for _ in range(DEEP):  # deeper than Python's recursion limit
        deep += "/d"
        os.mkdir(c.folder / deep)
    (c.folder / deep / "deep.txt").write_text(PROSE)
    c.expected.append(Expect(f"corpus/{deep}/deep.txt", "ok", case="deep folders"))
    (c.folder / "h07-empty-subfolder").mkdir()  # holds no input: gives no record
    (c.folder / ".hidden.txt").write_text(PROSE)  # skipped: not an input
    c.args.append("corpus")
    # -- named on the command line
    c.args.append("missing.txt")
    c.expected.append(Expect("missing.txt", "error", "not_found", case="vanished/missing"))
    (root / "file.txt").write_text(PROSE)
    c.args.append("file.txt/child")
    c.expected.append(Expect("file.txt/child", "error", "not_found", case="vanished/missing"))
    (root / "empty-folder").mkdir()
    c.args.append("empty-folder")  # named, so it is an input: one error record
    c.expected.append(Expect("empty-folder", "error", "empty_folder", case="empty/whitespace"))
    c.args.append("/dev/null")
    c.expected.append(Expect("/dev/null", "error", "not_regular", case="special files"))
    (root / "good.txt").write_text(PROSE)
    c.args.append("good.txt")
    c.expected.append(Expect("good.txt", "ok", case="good"))
    return c


def remove_chain(top: Path, depth: int, name: str = "d") -> None:
    """Remove ``top/d/d/.../d`` (``depth`` levels named ``name``) bottom-up, by relative steps.

    pytest's recursive ``shutil.rmtree`` of ``tmp_path`` would hit the recursion
    limit on such a tree; this walks it with ``chdir`` instead.
    """
    here = os.getcwd()
    try:
        os.chdir(top)
        for _ in range(depth):
            os.chdir(name)
        for entry in os.listdir("."):
            os.unlink(entry)
        for _ in range(depth):
            os.chdir("..")
            os.rmdir(name)
    finally:
        os.chdir(here)


def restore(corpus: Corpus) -> None:
    for path in corpus.cleanup:
        path.chmod(0o644)
    remove_chain(corpus.folder / "h06-deep", DEEP)


@pytest.mark.parametrize("jobs", ["1", "2"], ids=["one process", "two workers"])
def test_hostile_corpus_through_the_cli_in_one_batch(tmp_path: Path, jobs: str) -> None:
    corpus = build(tmp_path)
    command = [sys.executable, "-m", "claimx", "extract", "--format", "jsonl", "--jobs", jobs]
    try:
        proc = subprocess.run(
            [*command, *corpus.args],
            cwd=tmp_path,
            capture_output=True,
            timeout=300,
        )
    finally:
        restore(corpus)
    stderr = proc.stderr.decode("utf-8")
    assert "Traceback" not in stderr, stderr[-3000:]
    assert proc.returncode == 1, stderr[-3000:]
    records = [json.loads(line) for line in proc.stdout.decode("utf-8").split("\n") if line]
    expected = corpus.expected
    # every input accounted for, in input order
    assert [r["id"] for r in records] == [e.id for e in expected]
    for record, want in zip(records, expected, strict=True):
        if want.outcome == "ok":
            assert "error" not in record, (want, record)
            assert record["text"] is not None
        elif want.outcome == "error":
            assert "error" in record, (want, record)
            error = record["error"]
            assert set(record) == {"id", "source", "error"}
            assert error["message"].strip() and "\n" not in error["message"]
            assert error["kind"] == want.kind, (want, record)
            assert want.says in error["message"], (want, record)
            assert error["message"].startswith(want.line), (want, record)
            assert error["kind"] != "internal", record  # a bug, not a hostile input
    failures = sum("error" in r for r in records)
    # one stderr line per failure, then the summary line
    err_lines = stderr.splitlines()
    assert len(err_lines) == failures + 1, stderr[-3000:]
    assert err_lines[-1].startswith(f"claimx: {len(records)} documents,")
    # decoding choices other than UTF-8 are recorded as warnings
    by_id = {r["id"]: r for r in records}
    assert "decoded as cp1252 (not valid UTF-8)" in by_id["corpus/c01-cp1252.txt"]["warnings"]
    assert by_id["corpus/c01-cp1252.txt"]["text"] == "Café owners said on Monday “no”."
    # a web page: its declared charset decodes it, and its text is the extracted text
    assert by_id["corpus/c03-koi8.html"]["text"] == "Привет"
    assert any("NUL" in w for w in by_id["corpus/b02-nul-tail.txt"]["warnings"])
    # spans index the text exactly, whatever the text
    for record in records:
        if "error" in record:
            continue
        text = record["text"]
        for layer in ("times", "quantities", "entities", "claims"):
            for span in record[layer]:
                assert text[span["start"] : span["end"]] == span["text"], (record["id"], span)
    # the closing count, printed with -s
    total = Counter(e.case for e in expected)
    failed = Counter(e.case for e, r in zip(expected, records, strict=True) if "error" in r)
    print(f"\nhostile corpus: {len(records)} inputs, {failures} error records")
    for case in total:
        print(f"  {case:18} {total[case]:4} inputs {failed[case]:4} errors")


def test_a_100000_line_jsonl_with_bad_lines_in_the_middle(tmp_path: Path) -> None:
    n = 100_000
    bad = {20_000: b'{"text": "cut', 50_000: b"\xff\xfe garbage", 50_001: b"[]", 99_999: b"{}"}
    with (tmp_path / "big.jsonl").open("wb") as out:
        for i in range(1, n + 1):
            out.write(bad.get(i, b'{"text": "Line %d."}' % i) + b"\n")
    failures: list[InputFailure] = []
    count = 0
    for item in iter_inputs([tmp_path / "big.jsonl"]):
        count += 1
        if isinstance(item, InputFailure):
            failures.append(item)
        else:
            assert isinstance(item, Document)
    assert count == n  # every line accounted for
    assert [(f.id.rsplit(":", 1)[1], f.kind) for f in failures] == [
        ("20000", "jsonl"),
        ("50000", "decode"),
        ("50001", "jsonl"),
        ("99999", "jsonl"),
    ]
    assert [f.message.split(":")[0] for f in failures] == [
        "line 20000",
        "line 50000",
        "line 50001",
        "line 99999",
    ]


def test_a_path_that_vanishes_mid_run(tmp_path: Path) -> None:
    """Files are listed first and read lazily: one deleted in between is a failure."""
    folder = tmp_path / "d"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(PROSE)
    items = iter_inputs([folder])
    first = next(items)
    (folder / "b.txt").unlink()
    (folder / "c.txt").unlink()
    os.mkfifo(folder / "c.txt")  # replaced by a named pipe, which is never opened
    rest = list(items)
    assert isinstance(first, Document)
    assert [(Path(i.id).name, getattr(i, "kind", "")) for i in rest] == [
        ("b.txt", "not_found"),
        ("c.txt", "not_regular"),
    ]


def test_a_folder_deeper_than_path_max(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Built with relative steps, so it goes past the 4,096-byte PATH_MAX."""
    name, depth = "d" * 50, 100  # 5,100 characters of path
    monkeypatch.chdir(tmp_path)
    os.mkdir("t")
    os.chdir("t")
    for _ in range(depth):
        os.mkdir(name)
        os.chdir(name)
    Path("x.txt").write_text(PROSE)
    os.chdir(tmp_path)
    try:
        [item] = iter_inputs(["t"])
    finally:
        remove_chain(tmp_path / "t", depth, name)
    assert isinstance(item, InputFailure)
    assert (item.kind, item.message) == ("read", "file name too long")
