"""``--output-dir``: one JSON file per document, atomic writes, a manifest to resume.

Rules, and why:

- A plain-text file found in a folder is written at its path relative to that
  folder with ``.json`` added (``corpus/gum/a.txt`` -> ``OUT/gum/a.txt.json``),
  so the output tree mirrors the input tree. A file named directly keeps the
  path as given. A JSON Lines document is named from its id.
- Ids and paths come from the data, so they are made safe: ``..`` and ``.``
  components and leading ``/`` are dropped, a component starting with ``.``
  gets a ``_`` prefix (no hidden files, and nothing can land in
  ``OUT/.claimx``), NUL and control characters become ``_``, over-long
  components are cut (with a hash, so they stay distinct). The resolved path
  is then checked to be inside the folder, which also catches a symbolic link
  inside it pointing elsewhere. Two documents that map to one name get
  ``~2``, ``~3`` ... in input order.
- Every file is written to ``OUT/.claimx/tmp`` first and renamed into place
  (``os.replace`` is atomic on one file system), so an interrupted run never
  leaves a partial output file; the temporary folder is emptied on each start.
- The manifest ``OUT/.claimx/manifest.jsonl`` has one line per output file:
  its path, the key of what produced it (a hash of the document's content, the
  claimx version, the model and the options that change output), its claim
  count and the hash of its bytes. A re-run skips a document whose key matches
  and whose file still has those bytes. Lines are appended as files land (a
  run killed at any point loses at most the line being written, which the
  loader ignores) and the file is rewritten sorted by path at the end, so an
  interrupted run followed by a re-run leaves the same bytes as one
  uninterrupted run.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Final

from claimx.errors import UsageError
from claimx.inputs import Document
from claimx.webpage import is_url, url_file_name

STATE_DIR: Final = ".claimx"
MANIFEST: Final = "manifest.jsonl"
#: bytes per path component: most file systems allow 255
MAX_COMPONENT: Final = 200
_UNSAFE_CHARS: Final = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Entry:
    """One finished output file, as the manifest records it."""

    path: str  # relative to the output folder, "/"-separated
    key: str
    claims: int
    sha256: str


def safe_relative(name: str) -> str:
    """A readable relative path that cannot leave the folder it is joined to."""
    name = _UNSAFE_CHARS.sub("_", name.replace("\\", "/"))
    parts: list[str] = []
    for part in name.split("/"):
        if part in {"", ".", ".."}:
            continue
        if part.startswith("."):
            part = "_" + part
        parts.append(_shorten(part))
    return "/".join(parts) or "_"


def _shorten(part: str) -> str:
    raw = part.encode("utf-8", "surrogatepass")
    if len(raw) <= MAX_COMPONENT:
        return part
    digest = hashlib.sha256(raw).hexdigest()[:12]
    head = raw[: MAX_COMPONENT - 13].decode("utf-8", "ignore")
    return f"{head}~{digest}"


def document_name(document: Document, roots: Sequence[str]) -> str:
    """The output path of a document, relative to the output folder (before ``.json``)."""
    if is_url(document.source) and document.id == document.source:
        # "https://example.org/2023/story?id=7" -> example.org/2023/story_id_7: the
        # site and path as folders, never the scheme as a folder of its own
        return safe_relative(url_file_name(document.source))
    is_file = document.id == document.source and document.source != "-"
    if not is_file:
        return safe_relative(document.id)
    source = os.path.normpath(document.source)
    for root in roots:
        base = os.path.normpath(root)
        if source.startswith(base.rstrip(os.sep) + os.sep):
            return safe_relative(os.path.relpath(source, base))
    return safe_relative(source)


def folder_roots(paths: Iterable[str]) -> list[str]:
    """The folders among the inputs, longest first (the innermost root wins)."""
    roots = [p for p in paths if p != "-" and os.path.isdir(p)]
    return sorted(roots, key=len, reverse=True)


def settings_fingerprint(*, claimx_version: str, model: str, ref_date: str | None) -> str:
    """What besides the document decides the output bytes."""
    return json.dumps(
        {"claimx": claimx_version, "model": model, "ref_date": ref_date}, sort_keys=True
    )


def document_key(document: Document, settings: str) -> str:
    """Hash of everything that goes into the document's record."""
    content = json.dumps(
        {
            "id": document.id,
            "source": document.source,
            "text": document.text,
            "date": document.date.isoformat() if document.date else None,
            "title": document.title,
            "meta": document.meta,
            "warnings": list(document.warnings),
        },
        ensure_ascii=False,
        sort_keys=True,
        default=str,
    )
    digest = hashlib.sha256(settings.encode("utf-8"))
    digest.update(b"\x00")
    digest.update(content.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class OutputDir:
    """An output folder: names, atomic writes and the manifest. Use as a context manager."""

    def __init__(self, root: Path, *, force: bool = False) -> None:
        self.root = root
        self.force = force
        self.state = root / STATE_DIR
        self.tmp = self.state / "tmp"
        self.entries: dict[str, Entry] = {}
        self._used: set[str] = set()
        self._log: IO[str] | None = None
        self._lock: IO[bytes] | None = None
        self._resolved_root = root

    # ------------------------------------------------------------------ lifecycle

    def __enter__(self) -> OutputDir:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            self.tmp.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(f"--output-dir {self.root}: {exc.strerror or exc}") from exc
        if not self.root.is_dir():
            raise UsageError(f"--output-dir {self.root}: not a folder")
        self._resolved_root = self.root.resolve()
        self._lock = _lock(self.state / "lock", self.root)
        # Leftovers of a killed run: never complete files, never in the output tree.
        for leftover in self.tmp.iterdir():
            with contextlib.suppress(OSError):
                leftover.unlink()
        self.entries = {} if self.force else _load_manifest(self.state / MANIFEST)
        self._log = (self.state / MANIFEST).open("a", encoding="utf-8")
        return self

    def __exit__(self, *exc: object) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None
        # Rewritten sorted, so the manifest's bytes do not depend on the order
        # (or the number of runs) in which the files were finished.
        lines = "".join(_entry_line(self.entries[p]) for p in sorted(self.entries))
        self._write_atomic(self.state / MANIFEST, lines.encode("utf-8"))
        with contextlib.suppress(OSError):
            self.tmp.rmdir()
        if self._lock is not None:
            self._lock.close()  # releases the lock
            self._lock = None

    # ------------------------------------------------------------------ naming

    def claim_name(self, name: str) -> str:
        """The relative output path for ``name`` (``.json`` added), unique in this run."""
        candidate = f"{name}.json"
        n = 1
        while candidate in self._used:
            n += 1
            candidate = f"{name}~{n}.json"
        self._used.add(candidate)
        return candidate

    def target(self, relative: str) -> Path:
        """The absolute path for a relative output path, checked to be inside the folder."""
        path = (self._resolved_root / relative).resolve()
        if not path.is_relative_to(self._resolved_root) or path == self._resolved_root:
            raise UsageError(f"output path {relative!r} would leave {self.root}")
        if path.is_relative_to(self._resolved_root / STATE_DIR):
            raise UsageError(f"output path {relative!r} is inside {STATE_DIR}/")
        return path

    # ------------------------------------------------------------------ state

    def finished(self, relative: str, key: str) -> Entry | None:
        """The manifest entry if ``relative`` already holds the output for ``key``."""
        entry = self.entries.get(relative)
        if entry is None or entry.key != key:
            return None
        try:
            data = self.target(relative).read_bytes()
        except (OSError, UsageError):
            return None
        if hashlib.sha256(data).hexdigest() != entry.sha256:
            return None  # edited or damaged since: redo it
        return entry

    def write(self, relative: str, key: str, data: bytes | Iterable[bytes], claims: int) -> None:
        """Write one output file atomically and record it in the manifest; ``data``
        may come in pieces (a record too large to hold is copied from its file)."""
        path = self.target(relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        digest = self._write_atomic(path, data)
        entry = Entry(relative, key, claims, digest)
        self.entries[relative] = entry
        assert self._log is not None
        self._log.write(_entry_line(entry))
        self._log.flush()

    def _write_atomic(self, path: Path, data: bytes | Iterable[bytes]) -> str:
        """Write through a temporary file renamed into place; the sha256 of the bytes."""
        tmp = self.tmp / f"{os.getpid()}-{path.name[-100:]}.tmp"
        digest = hashlib.sha256()
        try:
            with tmp.open("wb") as handle:
                for piece in [data] if isinstance(data, bytes) else data:
                    handle.write(piece)
                    digest.update(piece)
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
        return digest.hexdigest()


def _lock(path: Path, root: Path) -> IO[bytes] | None:
    """Hold an exclusive lock on the folder: two runs into one folder would clear
    each other's temporary files and interleave the manifest."""
    try:
        import fcntl
    except ImportError:  # not POSIX: run unlocked
        return None
    handle = path.open("ab")
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise UsageError(f"--output-dir {root}: another claimx run is writing there") from None
    return handle


def _entry_line(entry: Entry) -> str:
    record = {"path": entry.path, "key": entry.key, "claims": entry.claims, "sha256": entry.sha256}
    return json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"


def _load_manifest(path: Path) -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    try:
        handle = path.open(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return entries
    with handle:
        for line in handle:
            try:
                obj: Any = json.loads(line)
                entry = Entry(
                    str(obj["path"]), str(obj["key"]), int(obj["claims"]), str(obj["sha256"])
                )
            except (ValueError, KeyError, TypeError):
                continue  # the half-written last line of a killed run
            entries[entry.path] = entry  # a later line wins
    return entries
