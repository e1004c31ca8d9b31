"""Turn what the user named (paths, folders, ``-``, JSON Lines) into documents.

``iter_inputs`` yields, in input order, one :class:`Document` per readable
document and one :class:`InputFailure` per input that could not be read. It
never raises for a bad input: a batch over a folder of scraped articles must
finish the good files and report the bad ones (``shared/CONTRACT.md``: one
error record per failed input, in input order among the results). It raises
:class:`claimx.errors.UsageError` only for a misuse of the call itself, before
anything is read.

Rules, and why:

- ``text`` is exactly the decoded bytes (no newline or Unicode normalisation)
  because every offset in the output indexes this string.
- Bytes are read in binary and decoded in this order: ``encoding`` (the
  user's ``--encoding``, strict) > a UTF-8/16/32 byte order mark (removed) >
  strict UTF-8 > a charset the file declares in its first bytes (``<meta
  charset>``, ``<?xml encoding>``, ``-*- coding -*-``) > charset-normalizer's
  guess, only when it is confident > cp1252. Scraped news is mostly UTF-8 with
  a long tail of Windows-1252 pages; refusing those would lose the article,
  and decoding them silently would hide a "cafÃ©"-style mistake, so every
  choice other than UTF-8 is recorded as a warning on the document. Bytes
  that cp1252 cannot map (0x81, 0x8D, 0x8F, 0x90, 0x9D) are a decode failure
  with the offset of the first bad UTF-8 byte. JSON Lines are UTF-8 by
  definition (RFC 8259): only a BOM or ``encoding`` changes how they decode.
- A NUL byte in the first 8 KiB, or the magic number of a common binary
  format, marks a binary file (the heuristic ``git`` and ``grep`` use): a PDF
  or ZIP is reported as such instead of as an undecodable byte at offset 10.
- Folders are walked depth-first with entries sorted by name (code point
  order, not locale), so output order is the same on every machine. Hidden
  entries (``.git``, ``.DS_Store``, editor swap files) are skipped. A folder
  reached twice through symbolic links is walked once.
- JSON Lines are streamed line by line, so a 100,000-line file is never held
  as a list of documents; one bad line yields one failure and reading goes on.
- HTML (``.html``/``.htm`` files, a text whose first element is a document-level
  tag, a JSONL ``html`` field, ``input_format="html"``, a fetched URL) is
  decoded like any text, then reduced to its article by :mod:`claimx.webpage`:
  the document's ``text`` is the extracted text (blocks separated by a blank
  line), the one the output offsets index; the page's title, publication date
  and metadata go to ``title``, ``published`` and ``meta["page"]``.
- A ``.gz``, ``.bz2`` or ``.zst`` file is read as the file it holds:
  ``docs.jsonl.gz`` is JSON Lines, streamed without unpacking it to disk. A
  damaged one ends in a failure after the documents it gave. Every frame of a
  Zstandard file is read (``zstd -d`` reads concatenated frames, so writers
  produce them), and one whose data stops inside a frame is damaged: a cut-off
  download must not pass for a shorter corpus. A ``.warc.zst`` is refused by
  name (the crawlers that write them use dictionaries a plain reader lacks).
- A web archive (``.warc``/``.warc.gz``, :mod:`claimx.warc`) gives one document
  per HTML response record (id: its ``WARC-Target-URI``; ``WARC-Date`` the
  publication date when the page names none) and one failure per response that
  is not HTML, naming its record id.
- An ``http://`` or ``https://`` argument is downloaded (only that URL, with
  bounded time, size and redirects) and read as HTML; its id and source are
  the URL as given.
- Any other ``protocol://`` argument (``memory://``, ``file://``, ``s3://``, see
  :func:`is_fsspec_url`) is read through fsspec, by the same rules as a local
  path: a folder is walked in the same order, skipping the same entries, and
  a file is read by the same code (one reader of an open binary stream,
  whatever file system it came from). Ids and sources are the URL as given or
  as joined from a folder URL. fsspec is imported only when such an argument
  is seen, so local runs and ``--help`` never pay for it, and local paths never
  go through it. A protocol fsspec does not know, or whose package (``s3fs``,
  ``gcsfs``...) is not installed, is one failure naming what is missing.
"""

from __future__ import annotations

import calendar
import codecs
import datetime as dt
import fnmatch
import io
import json
import os
import re
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, BinaryIO, Final, Literal, NamedTuple, Protocol, cast

from claimx.errors import UsageError
from claimx.warc import is_warc, warc_items

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

__all__ = [
    "FAILURE_KINDS",
    "STDIN",
    "Document",
    "InputFailure",
    "InputFormat",
    "check_encoding",
    "is_fsspec_url",
    "iter_inputs",
]

InputFormat = Literal["auto", "text", "jsonl", "html"]

#: the path that means standard input
STDIN: Final = "-"

#: compressed files, read as the file they hold (".jsonl.gz" is JSON Lines)
COMPRESSED_SUFFIXES: Final = (".gz", ".bz2", ".zst")

# How failure messages name each compression ("not a readable zstd file: ...").
_COMPRESSION_NAMES: Final = {".gz": "gzip", ".bz2": "bzip2", ".zst": "zstd"}

#: file suffixes read as JSON Lines when ``input_format="auto"``
JSONL_SUFFIXES: Final = (".jsonl", ".ndjson")

#: how much of a file the binary sniffing looks at
SNIFF_BYTES: Final = 8192

#: every ``InputFailure.kind`` this module produces
FAILURE_KINDS: Final = (
    "not_found",  # no such path, a broken symbolic link, "file.txt/x"
    "permission",  # the OS refused to list or read it
    "read",  # any other OS error (I/O error, symlink loop, ...)
    "not_regular",  # a socket or device, which cannot be read as a document
    "empty_folder",  # a folder with no (non-hidden) files
    "no_match",  # a folder with no file matching ``glob``
    "binary",  # NUL bytes or a binary magic number
    "decode",  # no encoding in the decode order fits (or the named/BOM one fails)
    "empty",  # no bytes, only whitespace, or a JSONL "text" that is empty
    "jsonl",  # a JSON Lines line that is not a valid document
    "html",  # markup that cannot be parsed at all
    "no_article",  # an HTML page with no article text (a bare navigation page, an empty body)
    "fetch",  # a URL that could not be downloaded (refused, timed out, bad host, TLS, redirects)
    "http",  # a URL that answered with a status other than 200
    "not_html",  # a URL whose content type is not HTML
    "too_large",  # a URL whose body is over the size limit
    "warc",  # a web archive that cannot be read (any further)
    "decompress",  # a .gz, .bz2 or .zst file that cannot be decompressed (any further)
)


@dataclass(frozen=True)
class Document:
    """One readable document, with the text the output offsets will index."""

    id: str  # JSONL "id", else the path as given (or as joined from a folder), "-" for stdin
    source: str  # the path as given / joined, or "-"
    text: str  # exactly as decoded
    date: dt.date | None = None  # JSONL "date"
    title: str | None = None  # JSONL "title"
    meta: dict[str, Any] = field(default_factory=dict)  # JSONL extra fields, untouched
    warnings: tuple[str, ...] = ()
    published: dt.date | None = None  # a web page's own publication date (its metadata)


@dataclass(frozen=True)
class InputFailure:
    """One input (a path, stdin or one JSONL line) that could not be read."""

    id: str
    source: str
    kind: str  # one of FAILURE_KINDS
    message: str  # one line; the CLI prints f"{source}: {message}"


Item = Document | InputFailure


class _Problem(NamedTuple):
    kind: str
    message: str


# Longest first: the UTF-32-LE mark (FF FE 00 00) begins with the UTF-16-LE one (FF FE).
_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)

# Formats people drop into an article folder by mistake (a PDF of the article,
# a zipped export). Each signature is a byte sequence no article text opens with.
_MAGIC: Final = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP archive, e.g. .docx/.xlsx/.epub"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\x1f\x8b", "gzip"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2, e.g. .doc/.xls"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite database"),
)
_BZIP2: Final = re.compile(rb"BZh[1-9]1AY&SY")

# The contract's date format, exactly: date.fromisoformat alone would also take
# "20210927" and "2021-W38-1", which a JSONL producer almost certainly did not mean.
_ISO_DATE: Final = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)

# A JSON escape of a UTF-16 surrogate; only lines containing one can decode to
# a lone surrogate, which no UTF-8 writer downstream could output.
_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD][89abcdefABCDEF]")

_DOCUMENT_FIELDS: Final = frozenset({"id", "text", "html", "date", "title"})

# "protocol://" with a protocol of two letters or more: "C://x" is a Windows drive.
_FSSPEC_URL: Final = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]+)://")


# --------------------------------------------------------------------------- public API


def is_fsspec_url(argument: str) -> bool:
    """Whether an input argument is a file-system URL read through fsspec:
    ``memory://corpus/``, ``file:///abs/folder``, ``s3://bucket/prefix/``.

    ``http://`` and ``https://`` are not: they name a web page, fetched once
    (:func:`claimx.webpage.is_url`). Only the form is looked at, nothing is
    imported: whether fsspec can open the protocol is learnt when it is read.
    """
    match = _FSSPEC_URL.match(argument)
    return match is not None and match.group(1).lower() not in ("http", "https")


def document_from_mapping(obj: Any, lineno: int = 1, source: str = "-") -> Document | InputFailure:
    """A document from one JSON Lines object already parsed (``{"id", "text", "date",
    "title"}``, or ``"html"``; other keys go to ``meta``), checked as a line of a
    file is; ``lineno`` stands in for the line number in ids and messages."""
    try:
        line = json.dumps(obj, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        return InputFailure(f"{source}:{lineno}", source, "jsonl", f"line {lineno}: {exc}")
    return _parse_line(line, lineno, source, _Run(None, "auto", None))


def parse_iso_date(value: str) -> dt.date:
    """The contract's ``YYYY-MM-DD``, or a ValueError whose message says what is wrong
    with it: "2021-13-45" is of that form, its month is not ("month 13 is not 01 to 12")."""
    match = _ISO_DATE.fullmatch(value)
    if match is None:
        raise ValueError("not a date of the form YYYY-MM-DD")
    year, month, day = (int(part) for part in match.groups())
    if year < 1:
        raise ValueError("year 0000 is not a calendar year")
    if not 1 <= month <= 12:
        raise ValueError(f"month {month:02d} is not 01 to 12")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        month_name = calendar.month_name[month]  # C locale: Python never sets another
        raise ValueError(f"day {day:02d} is not 01 to {days}: {month_name} {year} has {days} days")
    return dt.date(year, month, day)


def iter_inputs(
    paths: Sequence[str | os.PathLike[str]],
    *,
    glob: str | None = None,
    input_format: InputFormat = "auto",
    stdin: BinaryIO | None = None,
    encoding: str | None = None,
) -> Iterator[Document | InputFailure]:
    """Yield one :class:`Document` or :class:`InputFailure` per input, in order.

    ``paths`` are files, folders (recursed; ``glob`` filters the file names
    found there with ``fnmatch``, case-sensitively) or ``"-"`` for ``stdin``
    (default ``sys.stdin.buffer``). A file named explicitly is always read,
    whatever its name. ``.jsonl``/``.ndjson`` files are JSON Lines, one
    document per line; ``input_format="jsonl"`` reads every input (stdin too)
    as JSON Lines, ``"text"`` reads every input as plain text, ``"html"`` as a
    web page. In ``"auto"``, ``.html``/``.htm`` files and texts that open as an
    HTML document are web pages, and an ``http(s)://`` argument is downloaded.
    Any other ``protocol://`` argument (:func:`is_fsspec_url`) is a file or
    folder read through fsspec like a local one.

    ``encoding`` (``--encoding``) decodes every input with that codec, strictly;
    without it a file is decoded by its byte order mark, else as UTF-8, else
    by the legacy fallbacks (a declared charset, a confident charset-normalizer
    guess, cp1252), each recorded as a document warning.

    The arguments are checked when this is called (not on the first ``next``),
    so a :class:`UsageError` surfaces before any output is written.
    """
    if isinstance(paths, str | bytes):
        # A bare string is a Sequence of one-letter paths; never what was meant.
        raise UsageError(f"paths must be a list of paths, not a single string: {paths!r}")
    given = [os.fspath(p) for p in paths]
    if not given:
        raise UsageError("no input given: name a file, a folder, or '-' for stdin")
    if input_format not in ("auto", "text", "jsonl", "html"):
        raise UsageError(f"unknown input format {input_format!r} (use auto, text, jsonl or html)")
    if given.count(STDIN) > 1:
        # stdin is consumed by the first read; a second "-" could only be empty.
        raise UsageError("'-' (stdin) can be given only once")
    if glob is not None:
        if not glob:
            raise UsageError("the glob pattern is empty")
        if "/" in glob or os.sep in glob:
            raise UsageError(f"the glob pattern matches file names, not paths: {glob!r}")
    if encoding is not None:
        check_encoding(encoding)
    return _iter_inputs(given, glob, input_format, stdin, encoding)


# --------------------------------------------------------------------------- walking


class _Run:
    """State shared across one ``iter_inputs`` call."""

    def __init__(
        self,
        glob: str | None,
        input_format: InputFormat,
        stdin: BinaryIO | None,
        encoding: str | None = None,
    ):
        self.glob = glob
        self.encoding = encoding
        self.input_format = input_format
        self.stdin = stdin
        # Ids already given to documents: a repeated id would make the output
        # records ambiguous for anyone joining on them, so it earns a warning.
        self.seen_ids: set[str] = set()

    def warnings_for(self, doc_id: str) -> tuple[str, ...]:
        if doc_id in self.seen_ids:
            return (f"duplicate id {doc_id!r}: an earlier document has the same id",)
        self.seen_ids.add(doc_id)
        return ()

    def is_jsonl(self, path: str) -> bool:
        if self.input_format == "auto":
            return os.path.splitext(path)[1].lower() in JSONL_SUFFIXES
        return self.input_format == "jsonl"

    def is_html(self, path: str, text: str) -> bool:
        """Read as a web page: forced, or by its name, or by how it opens."""
        if self.input_format != "auto":
            return self.input_format == "html"
        from claimx.webpage import is_html_path, looks_like_html

        return (path != STDIN and is_html_path(path)) or looks_like_html(text)


def _iter_inputs(
    paths: list[str],
    glob: str | None,
    input_format: InputFormat,
    stdin: BinaryIO | None,
    encoding: str | None,
) -> Iterator[Item]:
    from claimx.webpage import is_url

    run = _Run(glob, input_format, stdin, encoding)
    for path in paths:
        if path == STDIN:
            yield from _stdin_items(run)
        elif is_url(path):
            yield _url_item(path, run)
        elif is_fsspec_url(path):
            yield from _fsspec_items(path, run)
        else:
            yield from _path_items(path, run)


def _path_items(path: str, run: _Run) -> Iterator[Item]:
    shown = _display(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        yield _failure(shown, _stat_problem(path, exc))
        return
    if stat.S_ISDIR(st.st_mode):
        yield from _folder_items(path, st, run)
    elif stat.S_ISREG(st.st_mode) or stat.S_ISFIFO(st.st_mode):
        # A FIFO is allowed when named explicitly: it is what `<(zcat a.txt.gz)` passes.
        yield from _file_items(path, shown, run)
    else:
        yield _failure(shown, _Problem("not_regular", _special_file_message(st.st_mode)))


def _folder_items(folder: str, st: os.stat_result, run: _Run) -> Iterator[Item]:
    count = 0
    for item in _walk(folder, {(st.st_dev, st.st_ino)}, run):
        count += 1
        yield item
    if count == 0:
        yield _nothing_found(_display(folder), run)


def _nothing_found(shown: str, run: _Run) -> InputFailure:
    # Every input is accounted for: a folder that gave nothing is reported,
    # otherwise a mistyped --glob would look like a successful empty run.
    if run.glob is None:
        return _failure(shown, _Problem("empty_folder", "no files in folder"))
    return _failure(shown, _Problem("no_match", f"no files match {run.glob!r}"))


def _walk(folder: str, visited: set[tuple[int, int]], run: _Run) -> Iterator[Item]:
    # An explicit stack, not recursion: a tree thousands of folders deep (a
    # generated archive, a symlink farm) must not hit Python's recursion limit.
    # Order is as recursion would give: depth-first, each folder sorted by name.
    stack: list[Iterator[os.DirEntry[str]]] = []
    listed = _listing(folder)
    if isinstance(listed, InputFailure):
        yield listed
        return
    stack.append(iter(listed))
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        path = entry.path  # os.path.join(folder, name): the path "as joined from the folder"
        matches = run.glob is None or fnmatch.fnmatchcase(entry.name, run.glob)
        try:
            st = os.stat(path)  # follows symbolic links, as the user would expect
        except OSError as exc:
            # A broken link, a link loop or a path too long: report it if it
            # would have been read.
            if matches:
                yield _failure(_display(path), _stat_problem(path, exc))
            continue
        if stat.S_ISDIR(st.st_mode):
            identity = (st.st_dev, st.st_ino)
            if identity in visited:
                # A symlink back to an ancestor (a loop) or a second link to a
                # folder already walked: walking it again would never end or
                # would read the same files twice.
                continue
            visited.add(identity)
            listed = _listing(path)
            if isinstance(listed, InputFailure):
                yield listed
            else:
                stack.append(iter(listed))
        elif not matches:
            continue
        elif stat.S_ISREG(st.st_mode):
            yield from _file_items(path, _display(path), run)
        else:
            # Never open a FIFO found in a folder: with no writer it blocks forever.
            yield _failure(
                _display(path), _Problem("not_regular", _special_file_message(st.st_mode))
            )


def _listing(folder: str) -> list[os.DirEntry[str]] | InputFailure:
    try:
        with os.scandir(folder) as listing:
            return sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        return _failure(_display(folder), _os_problem(exc, "cannot list folder"))


# --------------------------------------------------------------------------- fsspec URLs

# An fsspec file system, and one entry of a listing: its name (the last part of
# its path), its info (fsspec's dict: "name", "type", ...) and its id.
_FileSystem = Any  # fsspec ships no type information
_FsEntry = tuple[str, dict[str, Any], str]


class _OpenedFs(NamedTuple):
    fs: _FileSystem
    path: str  # the URL's path in that file system


def _fsspec_items(url: str, run: _Run) -> Iterator[Item]:
    """A file or folder named by a file-system URL, read through fsspec."""
    shown = _display(url)
    opened = _open_fs(url)
    if isinstance(opened, _Problem):
        yield _failure(shown, opened)
        return
    fs, path = opened
    try:
        info = fs.info(path)  # follows symbolic links (file://), as os.stat does
    except Exception as exc:  # any driver's error: see _fs_problem
        yield _failure(shown, _fs_problem(exc))
        return
    if info.get("type") == "directory":
        count = 0
        for item in _fs_walk(fs, path, shown, run):
            count += 1
            yield item
        if count == 0:
            yield _nothing_found(shown, run)
    elif info.get("type") == "file":
        yield from _fs_file_items(fs, path, shown, run)
    else:
        yield _failure(shown, _fs_entry_problem(info))


def _open_fs(url: str) -> _OpenedFs | _Problem:
    """The file system and the path a URL names, or why it cannot be had."""
    import fsspec  # here, not at the top: local runs and --help never load it

    protocol = url.split("://", 1)[0]
    try:
        fsspec.get_filesystem_class(protocol)
    except ImportError as exc:  # known to fsspec, its package is not installed
        # fsspec's message names the package: "Install s3fs to access S3".
        message = f"reading {protocol}:// needs a package that is not installed ({_one_line(exc)})"
        return _Problem("read", message)
    except ValueError:
        message = (
            f"unknown protocol {protocol}://: fsspec has no file system by that name"
            " (install the package that provides one)"
        )
        return _Problem("read", message)
    try:
        # Some file systems connect when made (ftp://, github://): the error is this input's.
        fs, path = fsspec.core.url_to_fs(url)
    except Exception as exc:  # any driver's error: see _fs_problem
        return _fs_problem(exc)
    return _OpenedFs(fs, path)


def _fs_walk(fs: _FileSystem, folder: str, shown: str, run: _Run) -> Iterator[Item]:
    """The documents under a folder of a file system, in the order ``_walk`` gives."""
    visited = {_fs_identity(fs, folder)}
    listed = _fs_listing(fs, folder, shown)
    if isinstance(listed, InputFailure):
        yield listed
        return
    stack = [iter(listed)]  # an explicit stack, as in _walk
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        name, info, entry_shown = entry
        if name.startswith("."):
            continue
        matches = run.glob is None or fnmatch.fnmatchcase(name, run.glob)
        path = str(info["name"])
        if info.get("islink") or info.get("type") not in ("file", "directory"):
            # A listing reports a symbolic link (file://) as itself; info() follows it.
            try:
                info = fs.info(path)
            except Exception as exc:  # any driver's error: see _fs_problem
                if matches:
                    yield _failure(entry_shown, _fs_link_problem(info, exc))
                continue
        if info.get("type") == "directory":
            identity = _fs_identity(fs, path)
            if identity in visited:
                continue  # a symbolic link loop, or a folder listed as its own entry
            visited.add(identity)
            listed = _fs_listing(fs, path, entry_shown)
            if isinstance(listed, InputFailure):
                yield listed
            else:
                stack.append(iter(listed))
        elif not matches:
            continue
        elif info.get("type") == "file":
            yield from _fs_file_items(fs, path, entry_shown, run)
        else:
            yield _failure(entry_shown, _fs_entry_problem(info))


def _fs_listing(fs: _FileSystem, folder: str, shown: str) -> list[_FsEntry] | InputFailure:
    try:
        listing = fs.ls(folder, detail=True)
    except Exception as exc:  # any driver's error: see _fs_problem
        return _failure(shown, _fs_problem(exc, "cannot list folder"))
    own = folder.rstrip("/")
    entries: list[_FsEntry] = []
    for info in listing:
        full = str(info["name"]).rstrip("/")
        name = full.rsplit("/", 1)[-1]
        if not name or full == own:
            continue  # the folder itself, which some object stores list as an entry
        # The id is the URL as joined, as a local path's is os.path.join's.
        joined = shown + name if shown.endswith("/") else f"{shown}/{name}"
        entries.append((name, info, _display(joined)))
    return sorted(entries, key=lambda entry: entry[0])


def _fs_identity(fs: _FileSystem, path: str) -> str:
    """What makes two folder paths the same folder, to walk each once."""
    from fsspec.implementations.local import LocalFileSystem

    if isinstance(fs, LocalFileSystem):
        return os.path.realpath(path)  # file:// has symbolic links, and their loops
    return path.rstrip("/")


def _fs_file_items(fs: _FileSystem, path: str, shown: str, run: _Run) -> Iterator[Item]:
    try:
        stream = fs.open(path, "rb")
    except Exception as exc:  # any driver's error: see _fs_problem
        yield _failure(shown, _fs_problem(exc))
        return
    try:
        with stream:
            yield from _opened_items(cast("BinaryIO", stream), path, shown, run)
    except Exception as exc:  # any driver's error: see _fs_problem
        # The readers turn an OSError into a failure; a driver's own error type
        # (gcsfs's HttpError, botocore's) must not end the batch either.
        yield _failure(shown, _fs_problem(exc, "stopped reading"))


def _fs_problem(exc: Exception, context: str | None = None) -> _Problem:
    """Map a file-system error to a failure, in one line.

    Every fsspec driver raises what it likes (botocore, aiohttp, paramiko
    errors, and OSErrors whose message is just the path): all are caught, since
    one unreadable input must not end the batch.
    """
    if isinstance(exc, FileNotFoundError):
        kind, reason = "not_found", "no such file or directory"
    elif isinstance(exc, NotADirectoryError):
        kind, reason = "not_found", "not a directory"
    elif isinstance(exc, OSError):
        kind = "permission" if isinstance(exc, PermissionError) else "read"
        reason = exc.strerror or _one_line(exc)
        reason = reason[:1].lower() + reason[1:]  # "permission denied", as _os_problem
    else:
        kind, reason = "read", f"{type(exc).__name__}: {_one_line(exc)}"
    return _Problem(kind, f"{reason} ({context})" if context else reason)


def _fs_link_problem(info: dict[str, Any], exc: Exception) -> _Problem:
    if isinstance(exc, FileNotFoundError) and info.get("islink"):
        target = info.get("destination")
        if isinstance(target, str):
            return _Problem("not_found", f"broken symbolic link (to {_display(target)})")
        return _Problem("not_found", "broken symbolic link")
    return _fs_problem(exc)


def _fs_entry_problem(info: dict[str, Any]) -> _Problem:
    """Neither a file nor a folder: a socket, a device, a FIFO (file://)."""
    mode = info.get("mode")
    if isinstance(mode, int) and stat.S_IFMT(mode):
        return _Problem("not_regular", _special_file_message(mode))
    return _Problem("not_regular", f"not a regular file (a {info.get('type')!s} entry)")


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    line = text.splitlines()[0] if text else type(exc).__name__
    return line if len(line) <= 200 else line[:199] + "…"


# --------------------------------------------------------------------------- reading


def _file_items(path: str, shown: str, run: _Run) -> Iterator[Item]:
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed below, held open while streaming
    except OSError as exc:
        yield _failure(shown, _os_problem(exc))
        return
    with stream:
        yield from _opened_items(stream, path, shown, run)


def _opened_items(stream: BinaryIO, name: str, shown: str, run: _Run) -> Iterator[Item]:
    """The documents of one open binary file, whatever file system it came from.

    ``name`` (its path) decides how it is read: a web archive, a compressed
    file, JSON Lines or one text; ``shown`` is the id and source it is reported by.
    """
    if is_warc(name):  # a web archive: its HTML responses (claimx/warc.py)
        yield from warc_items(stream, shown, run)
        return
    if name.lower().endswith(".warc.zst"):
        # Read as the file it holds it would become one text of WARC headers.
        message = "a Zstandard-compressed web archive is not supported: use .warc or .warc.gz"
        yield _failure(shown, _Problem("warc", message))
        return
    suffix = os.path.splitext(name)[1].lower()
    if suffix in COMPRESSED_SUFFIXES:
        yield from _compressed_items(stream, name[: -len(suffix)], shown, run, suffix)
        return
    yield from _stream_items(stream, shown, run, jsonl=run.is_jsonl(name), empty="empty file")


def _compressed_items(
    stream: BinaryIO, inner: str, shown: str, run: _Run, suffix: str
) -> Iterator[Item]:
    """A gzip, bzip2 or Zstandard file, read as the file it holds ("docs.jsonl.gz"
    is JSON Lines, streamed); a damaged one ends in a failure after what it gave."""
    import bz2
    import gzip
    import zlib

    # The decompressors' words for bad data (a cut-off file is an EOFError).
    damage: tuple[type[Exception], ...] = (EOFError, zlib.error)
    unpacked: _Readable
    if suffix == ".gz":
        unpacked = gzip.GzipFile(fileobj=stream)
    elif suffix == ".bz2":
        unpacked = bz2.BZ2File(stream)
    else:
        import zstandard

        damage += (zstandard.ZstdError,)
        unpacked = _ZstdReader(stream)
    opened = cast("BinaryIO", io.BufferedReader(_Decompressing(unpacked, damage)))
    try:
        yield from _stream_items(opened, shown, run, jsonl=run.is_jsonl(inner), empty="empty file")
    except _Damaged as exc:
        what = _COMPRESSION_NAMES[suffix]
        yield _failure(shown, _Problem("decompress", f"not a readable {what} file: {exc}"))


class _Readable(Protocol):
    def readinto1(self, buffer: WriteableBuffer, /) -> int: ...


class _Damaged(Exception):
    """Compressed data that cannot be decompressed (any further)."""


class _Decompressing(io.RawIOBase):
    """A decompressor's output, its damage told apart from a failing disk.

    gzip and bz2 report bad data as an OSError without an errno ("Not a
    gzipped file", "Invalid data stream"); left so, the readers would report
    it as a 'read' failure. Here it, and the decompressor's other errors,
    become :class:`_Damaged`, which no reader catches: the input ends in one
    'decompress' failure after the documents it gave. An OSError with an
    errno is the disk's (or the file system's) and stays one.
    """

    def __init__(self, unpacked: _Readable, damage: tuple[type[Exception], ...]) -> None:
        super().__init__()
        self._unpacked = unpacked
        self._damage = damage

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        try:
            # readinto1: what one step of decompressing gave, so the lines before
            # the damage are all read (readinto would drop a part-filled buffer).
            return self._unpacked.readinto1(buffer)
        except OSError as exc:
            if exc.errno is not None:
                raise
            raise _Damaged(_one_line(exc)) from exc
        except self._damage as exc:
            raise _Damaged(_one_line(exc)) from exc


class _ZstdReader(io.RawIOBase):
    """The decompressed bytes of a Zstandard stream, every frame of it.

    zstandard's own ``stream_reader`` ends quietly when the data stops inside a
    frame, so a cut-off download would read as a shorter, valid file: here each
    frame is decompressed by its own ``decompressobj``, which says when the
    frame is complete, and data that ends inside one raises ``ZstdError``.
    Frames without a content size in their header and skippable frames are
    read as ``zstd -d`` reads them. Wrap it in ``io.BufferedReader`` for lines.
    """

    # Compressed bytes read at a time: the output of one chunk is held in memory.
    CHUNK: Final = 64 * 1024

    def __init__(self, source: BinaryIO) -> None:
        import zstandard

        super().__init__()
        self._source = source
        self._zstd = zstandard.ZstdDecompressor()
        self._frame: zstandard.ZstdDecompressionObj | None = None  # None: between frames
        self._input = b""  # compressed bytes read but not yet decompressed
        self._output = b""  # decompressed bytes not yet returned, from self._offset
        self._offset = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        while self._offset >= len(self._output):
            if not self._decompress_more():
                return 0
        view = memoryview(buffer).cast("B")
        size = min(len(view), len(self._output) - self._offset)
        view[:size] = self._output[self._offset : self._offset + size]
        self._offset += size
        return size

    readinto1 = readinto  # each call decompresses at most one chunk

    def _decompress_more(self) -> bool:
        """Decompress the next piece of input; False at the end of the data."""
        import zstandard

        if not self._input:
            self._input = self._source.read(self.CHUNK)
            if not self._input:
                if self._frame is not None:
                    raise zstandard.ZstdError("the data ends inside a frame (a truncated file)")
                return False
        if self._frame is None:
            self._frame = self._zstd.decompressobj()
        data, self._input = self._input, b""
        self._output, self._offset = self._frame.decompress(data), 0
        if self._frame.eof:
            # What follows the frame's end in this chunk opens the next frame.
            self._input, self._frame = self._frame.unused_data, None
        return True


def _stdin_items(run: _Run) -> Iterator[Item]:
    stream = run.stdin
    if stream is None:
        stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        # Embedded interpreters and pythonw run with sys.stdin = None.
        yield _failure(STDIN, _Problem("read", "stdin is not available"))
        return
    yield from _stream_items(
        stream, STDIN, run, jsonl=run.input_format == "jsonl", empty="empty input"
    )


def _stream_items(
    stream: BinaryIO, shown: str, run: _Run, *, jsonl: bool, empty: str
) -> Iterator[Item]:
    """The documents of one open input: its JSONL lines, or its whole text."""
    if jsonl:
        yield from _jsonl_items(stream, shown, run, empty=empty)
        return
    try:
        data = stream.read()
    except OSError as exc:
        yield _failure(shown, _os_problem(exc))
        return
    yield _text_item(shown, data, run, empty=empty)


def _text_item(source: str, data: bytes, run: _Run, *, empty: str) -> Item:
    sniffed = _sniff(data[:SNIFF_BYTES], run.encoding)
    if isinstance(sniffed, _Problem):
        return _failure(source, sniffed)
    decoded = _decode(data, sniffed, run.encoding)
    if isinstance(decoded, _Problem):
        return _failure(source, decoded)
    text, notes = decoded
    if not text:
        return _failure(source, _Problem("empty", empty))
    if not text.strip():
        return _failure(source, _Problem("empty", "only whitespace"))
    if run.is_html(source, text):
        return _html_item(source, source, text, run, notes=notes)
    warnings = notes + run.warnings_for(source)
    nuls = text.count("\x00")
    if nuls:
        # Past the sniffed head a NUL does not make the file binary, but the
        # user should know the text carries control characters.
        warnings += (f"contains {nuls} NUL character{'s' if nuls > 1 else ''}",)
    return Document(id=source, source=source, text=text, warnings=warnings)


# --------------------------------------------------------------------------- web pages


def _html_item(
    doc_id: str,
    source: str,
    html: str,
    run: _Run,
    *,
    url: str | None = None,
    notes: tuple[str, ...] = (),
    date: dt.date | None = None,
    title: str | None = None,
    meta: dict[str, Any] | None = None,
    lineno: int | None = None,
) -> Item:
    """A document from a page's markup: its article text, title, date and metadata."""
    from claimx.webpage import HTML_WARNING, WebProblem, extract_page

    page = extract_page(html, url=url)
    if isinstance(page, WebProblem):
        message = page.message if lineno is None else f"line {lineno}: {page.message}"
        return InputFailure(doc_id, source, page.kind, message)
    return Document(
        id=doc_id,
        source=source,
        text=page.text,
        date=date,
        title=title if title is not None else page.title,
        meta={**(meta or {}), "page": page.meta},
        warnings=(*notes, HTML_WARNING, *run.warnings_for(doc_id)),
        published=page.published,
    )


def _url_item(url: str, run: _Run) -> Item:
    """Download a URL the user named and read it as a web page."""
    from claimx.webpage import WebProblem, fetch_page

    fetched = fetch_page(url)
    if isinstance(fetched, WebProblem):
        return _failure(url, _Problem(fetched.kind, fetched.message))
    sniffed = _sniff(fetched.data[:SNIFF_BYTES], run.encoding)
    if isinstance(sniffed, _Problem):
        return _failure(url, sniffed)
    decoded: tuple[str, tuple[str, ...]] | _Problem | None = None
    if run.encoding is None and sniffed.skip == 0 and fetched.charset is not None:
        decoded = _header_decode(fetched.data, fetched.charset)
    if decoded is None:
        decoded = _decode(fetched.data, sniffed, run.encoding)
    if isinstance(decoded, _Problem):
        return _failure(url, decoded)
    text, notes = decoded
    if not text.strip():
        return _failure(url, _Problem("empty", "the page is empty"))
    if fetched.url != url:
        notes += (f"fetched from {fetched.url} (redirected)",)
    # The final address (after redirects) is the page's: its date and its URL.
    return _html_item(url, url, text, run, url=fetched.url, notes=notes)


def _header_decode(data: bytes, charset: str) -> tuple[str, tuple[str, ...]] | None:
    """Decode by the HTTP charset, which wins over the page's own ``<meta>`` (as in browsers)."""
    try:
        name = codecs.lookup(charset).name
    except LookupError:
        return None  # an unknown label: decide as for a file
    name = _WHATWG_ALIASES.get(name, name)
    if _is_wide(name):
        return None  # UTF-16 without a byte order mark was already refused as binary
    try:
        text = data.decode(name)
    except UnicodeDecodeError:
        return None
    if name == "utf-8":
        return text, ()
    return text, (f"decoded as {name} (the server's Content-Type charset)",)


class _Codec(NamedTuple):
    """How to decode a stream, decided from its first bytes."""

    codec: str  # a Python codec name
    label: str  # how messages name it: "UTF-8", "UTF-16", "cp1252", ...
    skip: int  # bytes of byte order mark to drop before decoding
    notes: tuple[str, ...]  # document warnings that record a choice other than UTF-8


def _sniff(head: bytes, encoding: str | None = None) -> _Codec | _Problem:
    """Decide from a file's first bytes whether it is text, and its first-choice codec.

    Binary detection comes first, whatever the encoding: a PDF is a PDF even
    when the user said ``--encoding cp1252``. An explicit UTF-16/32 encoding
    (like a UTF-16/32 byte order mark) lets NUL bytes through: such text is
    full of them.
    """
    explicit = _explicit_codec(encoding) if encoding is not None else None
    wide = explicit is not None and _is_wide(explicit.codec)
    for bom, codec, label in _BOMS:
        if head.startswith(bom):
            if codec == "utf-8":
                break
            if explicit is None:
                note = f"decoded as {label} (byte order mark)"
                return _Codec(codec, label, len(bom), (note,))
            wide = True
            break
    else:
        for magic, name in _MAGIC:
            if head.startswith(magic):
                return _Problem("binary", f"binary file ({name}), not text")
        if _BZIP2.match(head):
            return _Problem("binary", "binary file (bzip2), not text")
        if head.startswith(b"RIFF") and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
            return _Problem("binary", f"binary file (RIFF {head[8:12].decode().strip()}), not text")
    nul = head.find(b"\x00")
    if nul >= 0 and not wide:
        return _Problem("binary", f"binary file (NUL byte at offset {nul}), not text")
    if explicit is not None:
        return explicit
    bom_length = len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0
    return _Codec("utf-8", "UTF-8", bom_length, ())


def _explicit_codec(encoding: str) -> _Codec:
    name = codecs.lookup(encoding).name  # checked in iter_inputs: a known text codec
    if name == "utf-8":
        return _Codec("utf-8", "UTF-8", 0, ())
    # utf-8-sig and utf-16/utf-32 without an endianness drop their own BOM.
    return _Codec(name, encoding, 0, (f"decoded as {encoding} (--encoding)",))


def _is_wide(codec: str) -> bool:
    return codecs.lookup(codec).name.startswith(("utf-16", "utf-32"))


def check_encoding(encoding: str) -> str:
    """The codec's canonical name; :class:`UsageError` for an unknown or non-text codec."""
    try:
        info = codecs.lookup(encoding)
        b"a".decode(info.name)  # "base64" and "rot13" are codecs, but not text encodings
    except LookupError:
        raise UsageError(f"unknown text encoding {encoding!r}") from None
    except UnicodeDecodeError:
        pass  # a text codec that wants more than one byte (UTF-16): fine
    return info.name


def _decode(
    data: bytes, first: _Codec, encoding: str | None
) -> tuple[str, tuple[str, ...]] | _Problem:
    """Decode a whole text file: the first choice, then the legacy fallbacks.

    Order: ``encoding`` (the user's word) > byte order mark > strict UTF-8 >
    a charset the file declares in its first bytes > charset-normalizer's
    guess, when it is confident > cp1252. Each choice that is not UTF-8 is
    returned as a warning, so a user can see why "café" came out as it did.
    """
    try:
        text = data[first.skip :].decode(first.codec)
    except UnicodeDecodeError as exc:
        message = _decode_message(exc, first.label, first.skip)
        if encoding is not None or first.codec != "utf-8":
            # The user's explicit choice or a byte order mark: no second guess.
            return _Problem("decode", message)
        fallback = _legacy_decode(data[first.skip :])
        if fallback is None:
            return _Problem("decode", f"{message}; no legacy encoding fits either")
        return fallback
    if encoding is not None and text.startswith("\ufeff"):
        text = text[1:]  # the mark of the named encoding, not part of the text
    return text, first.notes


# Charsets a file declares about itself, looked for in its first bytes: the
# HTML <meta> tag (both forms), the XML declaration and the Emacs/PEP 263
# "-*- coding: x -*-" line.
_CODING_LINE: Final = re.compile(rb"^[^\n]*?coding[:=]\s*([A-Za-z0-9_.\-]+)", re.M)
_DECLARED: Final = (
    re.compile(rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]+)", re.I),
    re.compile(rb"<\?xml\b[^>]*?\bencoding\s*=\s*[\"']([A-Za-z0-9_.\-]+)", re.I),
    _CODING_LINE,
)
#: how far into a file a charset declaration is looked for
DECLARATION_BYTES: Final = 2048

# The WHATWG Encoding Standard decodes "iso-8859-1" and "us-ascii" labels as
# windows-1252: pages that say latin-1 are in practice cp1252 (curly quotes at 0x93).
_WHATWG_ALIASES: Final = {"latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252"}

# charset-normalizer is trusted only when its mess ratio is low and it recognised
# a language; on short Western text it otherwise names an arbitrary code page
# (b"Caf\xe9" comes back as cp1006, Farsi).
_MAX_CHAOS: Final = 0.1
_MIN_COHERENCE: Final = 0.3


def _legacy_decode(data: bytes) -> tuple[str, tuple[str, ...]] | None:
    declared = _declared_codec(data[:DECLARATION_BYTES])
    if declared is not None:
        try:
            text = data.decode(declared)
        except UnicodeDecodeError:
            pass
        else:
            return text, (f"decoded as {declared} (declared in the file; not valid UTF-8)",)
    cp1252: str | None
    try:
        cp1252 = data.decode("cp1252")
    except UnicodeDecodeError:
        cp1252 = None
    guess = _guess(data)
    # A guess that reads the bytes exactly as cp1252 does is reported as cp1252:
    # the text is the same and the name is the one users know.
    if guess is not None and guess[1] != cp1252:
        codec, text = guess
        return text, (f"decoded as {codec} (detected; not valid UTF-8)",)
    if cp1252 is not None:
        return cp1252, ("decoded as cp1252 (not valid UTF-8)",)
    return None


def _declared_codec(head: bytes) -> str | None:
    for pattern in _DECLARED:
        # A coding line counts only in the first two lines (PEP 263), so an
        # article that mentions "encoding: latin-1" further down declares nothing.
        where = head if pattern is not _CODING_LINE else b"\n".join(head.split(b"\n", 2)[:2])
        match = pattern.search(where)
        if match is None:
            continue
        try:
            name = codecs.lookup(match.group(1).decode("ascii")).name
        except (LookupError, UnicodeDecodeError):
            continue  # an unknown label: ignore it as a browser would
        name = _WHATWG_ALIASES.get(name, name)
        if name == "utf-8" or _is_wide(name):
            continue  # UTF-8 already failed; a UTF-16 declaration in ASCII bytes is false
        return name
    return None


def _guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > _MAX_CHAOS or best.coherence < _MIN_COHERENCE:
        return None
    codec = codecs.lookup(best.encoding).name
    if codec == "utf-8" or _is_wide(codec):
        return None  # strict UTF-8 already failed; UTF-16 without a BOM is caught as binary
    try:
        return codec, data.decode(codec)
    except UnicodeDecodeError:
        return None


def _decode_message(exc: UnicodeDecodeError, label: str, base: int) -> str:
    offset = base + exc.start
    if label == "UTF-8":
        return f"not valid UTF-8 (byte 0x{exc.object[exc.start]:02x} at offset {offset})"
    return f"not valid {label} ({exc.reason} at offset {offset})"


# --------------------------------------------------------------------------- JSON Lines


def _jsonl_items(stream: BinaryIO, source: str, run: _Run, *, empty: str) -> Iterator[Item]:
    try:
        head = _read_head(stream)
    except OSError as exc:
        yield _failure(source, _os_problem(exc))
        return
    # A NUL or magic number means the whole file is binary: one failure, not
    # one per "line" of a PDF.
    sniffed = _sniff(head, run.encoding)
    if isinstance(sniffed, _Problem):
        yield _failure(source, sniffed)
        return
    codec, label, bom_length, notes = sniffed
    if len(head) == bom_length:
        yield _failure(source, _Problem("empty", empty))
        return
    lines: Iterator[tuple[int, str | _Problem]]
    if not _is_wide(codec):
        # JSON Lines are UTF-8 by definition (RFC 8259), so there is no legacy
        # fallback per line; only --encoding names another byte-per-line codec.
        lines = _decoded_lines(head, stream, bom_length, codec, label)
    else:
        try:
            data = head + stream.read()
        except OSError as exc:
            yield _failure(source, _os_problem(exc))
            return
        try:
            text = data[bom_length:].decode(codec)
        except UnicodeDecodeError as exc:
            yield _failure(source, _Problem("decode", _decode_message(exc, label, bom_length)))
            return
        lines = enumerate(text.split("\n"), start=1)
    documents = 0
    for lineno, line in lines:
        if isinstance(line, _Problem):
            documents += 1
            yield InputFailure(f"{source}:{lineno}", source, line.kind, line.message)
            continue
        # JSON whitespace only (str.strip would also eat U+2028, which JSON
        # rejects); a BOM at a line start comes from `cat a.jsonl b.jsonl`.
        line = line.lstrip("\ufeff")
        if not line.strip(" \t\r\n"):
            continue
        documents += 1
        yield _parse_line(line, lineno, source, run, notes)
    if documents == 0:
        yield _failure(source, _Problem("empty", "only whitespace"))


def _read_head(stream: BinaryIO) -> bytes:
    # A raw stream's read(n) may return fewer bytes than asked; loop to EOF or n.
    head = b""
    while len(head) < SNIFF_BYTES:
        chunk = stream.read(SNIFF_BYTES - len(head))
        if not chunk:
            break
        head += chunk
    return head


def _decoded_lines(
    head: bytes, stream: BinaryIO, bom_length: int, codec: str, label: str
) -> Iterator[tuple[int, str | _Problem]]:
    """Decode ``head`` + the rest of ``stream`` line by line (split on b"\\n" only).

    Splitting on LF alone is the JSON Lines rule; ``str.splitlines`` would also
    split on U+2028 and U+0085, which may appear raw inside JSON strings.
    Decoding per line confines an undecodable byte to its own line.
    """
    offset = bom_length
    for lineno, raw in enumerate(_byte_lines(head[bom_length:], stream), start=1):
        if isinstance(raw, OSError):
            yield lineno, _os_problem(raw, f"line {lineno}: stopped reading")
            return
        try:
            yield lineno, raw.decode(codec)
        except UnicodeDecodeError as exc:
            yield (
                lineno,
                _Problem("decode", f"line {lineno}: {_decode_message(exc, label, offset)}"),
            )
        offset += len(raw)


def _byte_lines(head: bytes, stream: BinaryIO) -> Iterator[bytes | OSError]:
    *complete, partial = head.split(b"\n")
    for line in complete:
        yield line + b"\n"
    try:
        # The head's last piece continues on the stream; readline completes it.
        line = partial + stream.readline()
        if line:
            yield line
        yield from stream
    except OSError as exc:
        yield exc


def _parse_line(
    line: str, lineno: int, source: str, run: _Run, notes: tuple[str, ...] = ()
) -> Item:
    fallback_id = f"{source}:{lineno}"

    def fail(problem: str, doc_id: str = fallback_id, kind: str = "jsonl") -> InputFailure:
        return InputFailure(doc_id, source, kind, f"line {lineno}: {problem}")

    try:
        # NaN and Infinity are not JSON; letting them into meta would make the
        # output unreadable to jq and every strict JSON parser.
        obj = json.loads(line, parse_constant=_reject_constant)
    except RecursionError:
        return fail("not valid JSON (nested too deeply)")
    except json.JSONDecodeError as exc:
        return fail(f"not valid JSON ({exc.msg} at column {exc.colno})")
    except ValueError as exc:  # _reject_constant, or an integer too long to convert
        return fail(f"not valid JSON ({exc})")
    if not isinstance(obj, dict):
        return fail(f"expected a JSON object, got {_json_type(obj)}")

    has_escape = _SURROGATE_ESCAPE.search(line) is not None
    raw_id = obj.get("id")
    if raw_id is None:  # missing or null: fall back to "path:line"
        doc_id = fallback_id
    elif not isinstance(raw_id, str) or not raw_id:
        return fail(f'"id" must be a non-empty string, got {_describe(raw_id)}')
    elif has_escape and _has_lone_surrogate(raw_id):
        return fail('"id" contains an unpaired surrogate escape such as "\\ud800"')
    else:
        doc_id = raw_id

    if has_escape and _has_lone_surrogate(obj):
        # json.loads accepts "\ud800", but the result cannot be encoded as
        # UTF-8, so the document could never be written out.
        return fail('contains an unpaired surrogate escape such as "\\ud800"', doc_id)

    # A document is its "text" or a web page's "html": one of them, never both,
    # since the offsets can index only one string.
    if "text" in obj and "html" in obj:
        return fail('give "text" or "html", not both', doc_id)
    body_key = "html" if "html" in obj else "text"
    text = obj.get(body_key)
    if body_key not in obj:
        return fail('missing "text" (or "html")', doc_id)
    if not isinstance(text, str):
        return fail(f'"{body_key}" must be a string, got {_describe(text)}', doc_id)
    if not text.strip():
        what = f'"{body_key}" is empty' if not text else f'"{body_key}" is only whitespace'
        return fail(what, doc_id, kind="empty")
    url = obj.get("url")
    if body_key == "html" and url is not None and not isinstance(url, str):
        return fail(f'"url" must be a string or null, got {_describe(url)}', doc_id)

    raw_date = obj.get("date")
    date: dt.date | None = None
    if raw_date is not None:
        if not isinstance(raw_date, str) or not _ISO_DATE.fullmatch(raw_date):
            return fail(f'"date" must be "YYYY-MM-DD" or null, got {_describe(raw_date)}', doc_id)
        try:
            date = parse_iso_date(raw_date)
        except ValueError as exc:
            return fail(f'"date" is not a calendar date: {_describe(raw_date)} ({exc})', doc_id)

    title = obj.get("title")
    if title is not None and not isinstance(title, str):
        return fail(f'"title" must be a string or null, got {_describe(title)}', doc_id)

    meta = {key: value for key, value in obj.items() if key not in _DOCUMENT_FIELDS}
    if body_key == "html":
        return _html_item(
            doc_id,
            source,
            text,
            run,
            url=url or None,
            notes=notes,
            date=date,
            title=title,
            meta=meta,
            lineno=lineno,
        )
    return Document(
        id=doc_id,
        source=source,
        text=text,
        date=date,
        title=title,
        meta=meta,
        warnings=notes + run.warnings_for(doc_id),
    )


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def _has_lone_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_lone_surrogate(v) for v in value)
    return False


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):  # before int: bool is an int subclass
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _describe(value: Any) -> str:
    """A short rendering of a bad value for a one-line message."""
    if isinstance(value, str):
        shown = json.dumps(value if len(value) <= 40 else value[:40] + "…", ensure_ascii=True)
        return shown if value else 'an empty string ""'
    if value is None:
        return "null"
    if isinstance(value, bool | int | float):
        return f"{_json_type(value)} {json.dumps(value)}"
    return f"an {_json_type(value)}"


# --------------------------------------------------------------------------- failures


def _failure(source: str, problem: _Problem) -> InputFailure:
    return InputFailure(id=source, source=source, kind=problem.kind, message=problem.message)


def _stat_problem(path: str, exc: OSError) -> _Problem:
    if isinstance(exc, FileNotFoundError) and os.path.islink(path):
        try:
            target = _display(os.readlink(path))
        except OSError:
            return _Problem("not_found", "broken symbolic link")
        return _Problem("not_found", f"broken symbolic link (to {target})")
    return _os_problem(exc)


def _os_problem(exc: OSError, context: str | None = None) -> _Problem:
    """Map an OS error to a failure; the message is the OS's own reason, in one line."""
    if isinstance(exc, FileNotFoundError):
        kind = "not_found"
    elif isinstance(exc, NotADirectoryError):
        kind = "not_found"  # "article.txt/x": there is no such path
    elif isinstance(exc, PermissionError):
        kind = "permission"
    else:
        kind = "read"
    reason = exc.strerror or str(exc) or type(exc).__name__
    reason = reason[:1].lower() + reason[1:]
    return _Problem(kind, f"{reason} ({context})" if context else reason)


def _special_file_message(mode: int) -> str:
    if stat.S_ISSOCK(mode):
        what = "a socket"
    elif stat.S_ISBLK(mode):
        what = "a block device"
    elif stat.S_ISCHR(mode):
        what = "a character device"
    elif stat.S_ISFIFO(mode):
        what = "a named pipe"
    else:
        what = "a special file"
    return f"not a regular file ({what})"


def _display(path: str) -> str:
    """The path as a printable string.

    A file name that is not valid UTF-8 reaches Python with lone surrogates
    (``surrogateescape``); those could not be written to UTF-8 output, so such
    bytes are shown as ``\\xe9`` escapes in ids and messages instead.
    """
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = path.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            return path.encode("utf-8", "backslashreplace").decode("utf-8")
        return raw.decode("utf-8", "backslashreplace")
    return path
