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
- With ``--format jsonl`` or ``--format parquet`` the folder holds partitions
  instead: the inputs, in order, are cut into runs of ``partition_size``, and
  partition *n* is ``part-0000n.jsonl`` (every record, error records too) or
  ``documents/part-0000n.parquet`` and ``claims/part-0000n.parquet``. A
  partition is a manifest entry of its own, keyed by the keys of its inputs, so
  a re-run skips a finished one; one holding a failure that may pass another
  time (an unreadable file, a failed download, an internal error) is redone.
  Partitions are cut by position, so a run on a cluster, on any number of
  workers, writes the bytes a local run writes.
- The folder may be a local path or an fsspec URL (``memory://out``,
  ``s3://bucket/out``). On a file system that cannot append or rename in one
  step, the manifest is rewritten every ``REWRITE_EVERY`` entries and at the end
  (a crash loses at most that much finished work, which a re-run redoes), a
  file lands by a copy from its temporary name, and there is no lock.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Final, Literal

from claimx.errors import UsageError
from claimx.inputs import Document, is_fsspec_url
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
    if is_fsspec_url(document.source):
        # "memory://corpus/sub/a.txt" from the folder "memory://corpus/" -> sub/a.txt;
        # named directly, its path without the scheme
        for root in roots:
            base = root.rstrip("/") + "/"
            if is_fsspec_url(root) and document.source.startswith(base):
                return safe_relative(document.source[len(base) :])
        return safe_relative(document.source.split("://", 1)[1])
    source = os.path.normpath(document.source)
    for root in roots:
        base = os.path.normpath(root)
        if source.startswith(base.rstrip(os.sep) + os.sep):
            return safe_relative(os.path.relpath(source, base))
    return safe_relative(source)


def folder_roots(paths: Iterable[str]) -> list[str]:
    """The folders among the inputs, longest first (the innermost root wins); a file-system
    URL counts as one (a file's own URL never is the root of itself)."""
    roots = [p for p in paths if p != "-" and (is_fsspec_url(p) or os.path.isdir(p))]
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


#: the output layouts of a folder: a JSON file per document, or partitions
DirFormat = Literal["json", "jsonl", "parquet"]
#: inputs in a partition of the JSON Lines and Parquet layouts
PARTITION_SIZE: Final = 256
#: on a file system that cannot append, the manifest is rewritten this often
REWRITE_EVERY: Final = 200
#: failure kinds that may pass another time: a partition holding one is redone
RETRIED_KINDS: Final = frozenset({"read", "permission", "fetch", "http", "internal"})


def partition_files(fmt: DirFormat, index: int) -> list[str]:
    """The files of partition ``index`` in a partitioned layout, relative to the folder."""
    name = f"part-{index:05d}"
    if fmt == "jsonl":
        return [f"{name}.jsonl"]
    if fmt == "parquet":
        return [f"documents/{name}.parquet", f"claims/{name}.parquet"]
    raise ValueError(f"{fmt!r} is not a partitioned layout")


def partition_key(keys: Sequence[str | None], settings: str) -> str:
    """The key of a partition: its inputs' keys in order (None: a failed input)."""
    digest = hashlib.sha256(settings.encode("utf-8"))
    for key in keys:
        digest.update(b"\x00" + (key or "-").encode("ascii"))
    return digest.hexdigest()


class Store:
    """Where an output folder's files live: a local folder (atomic renames, appends,
    a lock) or, through fsspec, any file system. Workers of a cluster write
    through their own ``Store`` of the same folder (``for_root``)."""

    def __init__(self, root: str) -> None:
        self.root = root

    @staticmethod
    def for_root(root: str | os.PathLike[str]) -> Store:
        text = os.fspath(root)
        return FsspecStore(text) if is_fsspec_url(text) else LocalStore(text)

    # the interface ------------------------------------------------------------
    def prepare(self) -> None:
        """Open the folder for a run: create it, lock it, clear a killed run's leftovers."""
        raise NotImplementedError

    def attach(self) -> None:
        """Open the folder for a worker writing into a run someone else prepared."""
        raise NotImplementedError

    def release(self) -> None:
        raise NotImplementedError

    def check(self, relative: str) -> None:
        """Raise UsageError if ``relative`` would land outside the folder or in its state."""
        raise NotImplementedError

    def read_bytes(self, relative: str) -> bytes | None:
        raise NotImplementedError

    def write(self, relative: str, data: bytes | Iterable[bytes]) -> str:
        """Write a file so it appears whole or not at all; the sha256 of its bytes."""
        raise NotImplementedError

    def open_for_writing(self, relative: str) -> tuple[IO[bytes], Callable[[bool], None]]:
        """A binary file to write ``relative`` through, and what lands it (True) or drops it."""
        raise NotImplementedError

    def read_manifest(self) -> str | None:
        raise NotImplementedError

    can_append = False

    def append_manifest(self, line: str) -> None:
        raise NotImplementedError


class LocalStore(Store):
    def __init__(self, root: str) -> None:
        super().__init__(root)
        self.path = Path(root)
        self.state = self.path / STATE_DIR
        self.tmp = self.state / "tmp"
        self.resolved = self.path
        self._lock: IO[bytes] | None = None
        self._log: IO[str] | None = None

    can_append = True

    def prepare(self) -> None:
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            self.tmp.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(f"--output-dir {self.root}: {exc.strerror or exc}") from exc
        if not self.path.is_dir():
            raise UsageError(f"--output-dir {self.root}: not a folder")
        self.resolved = self.path.resolve()
        self._lock = _lock(self.state / "lock", self.root)
        # Leftovers of a killed run: never complete files, never in the output tree.
        for leftover in self.tmp.iterdir():
            with contextlib.suppress(OSError):
                leftover.unlink()

    def attach(self) -> None:
        self.resolved = self.path.resolve()
        self.tmp.mkdir(parents=True, exist_ok=True)

    def release(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None
        with contextlib.suppress(OSError):
            self.tmp.rmdir()
        if self._lock is not None:
            self._lock.close()  # releases the lock
            self._lock = None

    def target(self, relative: str) -> Path:
        path = (self.resolved / relative).resolve()
        if not path.is_relative_to(self.resolved) or path == self.resolved:
            raise UsageError(f"output path {relative!r} would leave {self.root}")
        if path.is_relative_to(self.resolved / STATE_DIR):
            raise UsageError(f"output path {relative!r} is inside {STATE_DIR}/")
        return path

    def check(self, relative: str) -> None:
        self.target(relative)

    def read_bytes(self, relative: str) -> bytes | None:
        try:
            return self.target(relative).read_bytes()
        except (OSError, UsageError):
            return None

    def write(self, relative: str, data: bytes | Iterable[bytes]) -> str:
        path = self.target(relative) if relative != MANIFEST_PATH else self.state / MANIFEST
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.tmp / f"{os.getpid()}-{uuid.uuid4().hex[:8]}-{path.name[-80:]}.tmp"
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

    def open_for_writing(self, relative: str) -> tuple[IO[bytes], Callable[[bool], None]]:
        path = self.target(relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.tmp / f"{os.getpid()}-{uuid.uuid4().hex[:8]}-{path.name[-80:]}.tmp"
        handle = tmp.open("wb")

        def land(keep: bool) -> None:
            handle.close()
            if keep:
                os.replace(tmp, path)
            else:
                with contextlib.suppress(FileNotFoundError):
                    tmp.unlink()

        return handle, land

    def read_manifest(self) -> str | None:
        try:
            return (self.state / MANIFEST).read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return None

    def append_manifest(self, line: str) -> None:
        if self._log is None:
            self._log = (self.state / MANIFEST).open("a", encoding="utf-8")
        self._log.write(line)
        self._log.flush()


class FsspecStore(Store):
    """A folder on an fsspec file system (``memory://``, ``s3://``, ``file://``)."""

    def __init__(self, root: str) -> None:
        super().__init__(root.rstrip("/"))
        self._fs: Any = None

    @property
    def fs(self) -> Any:
        if self._fs is None:
            import fsspec

            try:
                self._fs, _ = fsspec.core.url_to_fs(self.root)
            except (ImportError, ValueError) as exc:
                raise UsageError(f"--output-dir {self.root}: {exc}") from None
        return self._fs

    def __getstate__(self) -> dict[str, Any]:
        return {"root": self.root, "_fs": None}  # a worker opens its own file system

    def _url(self, relative: str) -> str:
        return f"{self.root}/{relative}"

    def prepare(self) -> None:
        try:
            self.fs.makedirs(self._url(f"{STATE_DIR}/tmp"), exist_ok=True)
            if self.fs.exists(self._url(f"{STATE_DIR}/tmp")):
                for leftover in self.fs.ls(self._url(f"{STATE_DIR}/tmp"), detail=False):
                    with contextlib.suppress(OSError, FileNotFoundError):
                        self.fs.rm(leftover)
        except OSError as exc:
            raise UsageError(f"--output-dir {self.root}: {exc.strerror or exc}") from exc

    def attach(self) -> None:
        pass

    def release(self) -> None:
        with contextlib.suppress(OSError, FileNotFoundError):
            tmp = self._url(f"{STATE_DIR}/tmp")
            if not self.fs.ls(tmp, detail=False):
                self.fs.rmdir(tmp)

    def check(self, relative: str) -> None:
        if relative != safe_relative(relative):
            raise UsageError(f"output path {relative!r} would leave {self.root}")
        if relative == STATE_DIR or relative.startswith(STATE_DIR + "/"):
            raise UsageError(f"output path {relative!r} is inside {STATE_DIR}/")

    def read_bytes(self, relative: str) -> bytes | None:
        try:
            data: bytes = self.fs.cat_file(self._url(relative))
        except (OSError, FileNotFoundError, UsageError):
            return None
        return data

    def write(self, relative: str, data: bytes | Iterable[bytes]) -> str:
        handle, land = self.open_for_writing(relative, checked=relative == MANIFEST_PATH)
        digest = hashlib.sha256()
        try:
            for piece in [data] if isinstance(data, bytes) else data:
                handle.write(piece)
                digest.update(piece)
        except BaseException:
            land(False)
            raise
        land(True)
        return digest.hexdigest()

    def open_for_writing(
        self, relative: str, *, checked: bool = False
    ) -> tuple[IO[bytes], Callable[[bool], None]]:
        if not checked:
            self.check(relative)
        final = self._url(relative)
        tmp = self._url(f"{STATE_DIR}/tmp/{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
        parent = final.rsplit("/", 1)[0]
        self.fs.makedirs(parent, exist_ok=True)
        handle = self.fs.open(tmp, "wb")

        def land(keep: bool) -> None:
            handle.close()
            if keep:
                self.fs.mv(tmp, final)
            else:
                with contextlib.suppress(OSError, FileNotFoundError):
                    self.fs.rm(tmp)

        return handle, land

    def read_manifest(self) -> str | None:
        data = self.read_bytes(MANIFEST_PATH)
        return None if data is None else data.decode("utf-8", "replace")


#: the manifest's path inside the folder
MANIFEST_PATH: Final = f"{STATE_DIR}/{MANIFEST}"


class OutputDir:
    """An output folder: names, atomic writes and the manifest. Use as a context manager."""

    def __init__(
        self,
        root: str | os.PathLike[str],
        *,
        force: bool = False,
        fmt: DirFormat = "json",
        partition_size: int = PARTITION_SIZE,
    ) -> None:
        self.root = root
        self.force = force
        self.fmt = fmt
        self.partition_size = partition_size
        self.store = Store.for_root(root)
        self.entries: dict[str, Entry] = {}
        self._used: set[str] = set()
        self._unsaved = 0

    # ------------------------------------------------------------------ lifecycle

    def __enter__(self) -> OutputDir:
        self.store.prepare()
        if not self.force:
            self.entries = _parse_manifest(self.store.read_manifest() or "")
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self._save()
        finally:
            self.store.release()

    def _save(self) -> None:
        # Rewritten sorted, so the manifest's bytes do not depend on the order
        # (or the number of runs) in which the files were finished.
        lines = "".join(_entry_line(self.entries[p]) for p in sorted(self.entries))
        if isinstance(self.store, LocalStore) and self.store._log is not None:
            self.store._log.close()
            self.store._log = None
        self.store.write(MANIFEST_PATH, lines.encode("utf-8"))
        self._unsaved = 0

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
        """The absolute path for a relative output path, checked to be inside the folder
        (a local folder only)."""
        if not isinstance(self.store, LocalStore):
            raise TypeError("target() is for a local folder")
        return self.store.target(relative)

    def check(self, relative: str) -> None:
        self.store.check(relative)

    # ------------------------------------------------------------------ state

    def finished(self, relative: str, key: str) -> Entry | None:
        """The manifest entry if ``relative`` already holds the output for ``key``."""
        entry = self.entries.get(relative)
        if entry is None or entry.key != key:
            return None
        data = self.store.read_bytes(relative)
        if data is None or hashlib.sha256(data).hexdigest() != entry.sha256:
            return None  # edited or damaged since: redo it
        return entry

    def write(self, relative: str, key: str, data: bytes | Iterable[bytes], claims: int) -> None:
        """Write one output file atomically and record it in the manifest; ``data``
        may come in pieces (a record too large to hold is copied from its file)."""
        digest = self.store.write(relative, data)
        self.record(Entry(relative, key, claims, digest))

    def record(self, entry: Entry) -> None:
        """Record a file written (here, or by a worker through its own store)."""
        self.entries[entry.path] = entry
        if self.store.can_append:
            self.store.append_manifest(_entry_line(entry))
            return
        self._unsaved += 1
        if self._unsaved >= REWRITE_EVERY:
            self._save()


def _lock(path: Path, root: str) -> IO[bytes] | None:
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


def _parse_manifest(text: str) -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    for line in text.splitlines():
        try:
            obj: Any = json.loads(line)
            entry = Entry(str(obj["path"]), str(obj["key"]), int(obj["claims"]), str(obj["sha256"]))
        except (ValueError, KeyError, TypeError):
            continue  # the half-written last line of a killed run
        entries[entry.path] = entry  # a later line wins
    return entries
