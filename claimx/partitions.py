"""Work that lands in an output folder: which inputs, which files, which keys.

:func:`plan` walks the inputs once, in order, and cuts them into :class:`Work`
units; each knows the files it writes and whether the manifest shows them
done. :func:`write` puts a unit's records into its files. The local run
(``claimx.batch.run_to_dir``) and a cluster's workers (``claimx.cluster``) use
the same two, so the folder's bytes are the same whoever does the work.

- The JSON layout (one file per document): a unit is a batch of documents, each
  with its own file and key; a finished document is skipped alone; a failed
  input writes nothing (it is retried by the next run).
- The partitioned layouts (JSON Lines, Parquet): a unit is a partition, the
  ``partition_size`` inputs at its position, failures included (an error record
  is a line, or a row of the documents table), with one key over its inputs'
  keys; a finished partition is skipped whole, one holding a failure that may
  pass another time (``RETRIED_KINDS``) is not recorded, so it is redone.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from claimx.batch import Outcome
from claimx.errors import ClaimxError
from claimx.inputs import Document, InputFailure
from claimx.outputs import (
    RETRIED_KINDS,
    DirFormat,
    Entry,
    OutputDir,
    Store,
    document_key,
    document_name,
    partition_files,
    partition_key,
)


@dataclass(frozen=True)
class Target:
    """Where one input of the JSON layout goes (None fields: nothing to write)."""

    relative: str | None
    key: str | None


@dataclass
class Work:
    """A unit of work: inputs in order, and what is known of their output."""

    index: int
    fmt: DirFormat
    # a document finished before is its skipped outcome, in its place (the JSON layout)
    items: list[Document | InputFailure | Outcome] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)  # the JSON layout: one per item
    key: str | None = None  # the partitioned layouts: the partition's key
    done: Entry | None = None  # the partition is finished: its first file's entry

    @property
    def files(self) -> list[str]:
        return [] if self.fmt == "json" else partition_files(self.fmt, self.index)

    def documents(self) -> list[Document]:
        return [item for item in self.items if isinstance(item, Document)]


def plan(
    inputs: Iterable[Document | InputFailure],
    out: OutputDir,
    settings: str,
    roots: Sequence[str],
    *,
    batch_docs: int,
    batch_chars: int,
) -> Iterator[Work]:
    """The inputs cut into units of work, in order (see the module docstring)."""
    if out.fmt == "json":
        yield from _documents(inputs, out, settings, roots, batch_docs, batch_chars)
    else:
        yield from _partitions(inputs, out, settings)


def _documents(
    inputs: Iterable[Document | InputFailure],
    out: OutputDir,
    settings: str,
    roots: Sequence[str],
    batch_docs: int,
    batch_chars: int,
) -> Iterator[Work]:
    work = Work(0, "json")
    chars = 0
    for item in inputs:
        if isinstance(item, Document):
            relative = out.claim_name(document_name(item, roots))
            key = document_key(item, settings)
            try:
                out.check(relative)
            except ClaimxError as exc:
                item = InputFailure(item.id, item.source, "output", str(exc))
            else:
                entry = out.finished(relative, key)
                if entry is not None:
                    skipped = Outcome(item.id, item.source, "", entry.claims, skipped=True)
                    work.items.append(skipped)
                    work.targets.append(Target(None, None))
                    continue
                work.items.append(item)
                work.targets.append(Target(relative, key))
                chars += len(item.text)
                if len(work.items) >= batch_docs or chars >= batch_chars:
                    yield work
                    work, chars = Work(work.index + 1, "json"), 0
                continue
        work.items.append(item)
        work.targets.append(Target(None, None))
    if work.items:
        yield work


def _partitions(
    inputs: Iterable[Document | InputFailure], out: OutputDir, settings: str
) -> Iterator[Work]:
    work = Work(0, out.fmt)
    for item in inputs:
        work.items.append(item)
        if len(work.items) >= out.partition_size:
            yield _keyed(work, out, settings)
            work = Work(work.index + 1, out.fmt)
    if work.items:
        yield _keyed(work, out, settings)


def _keyed(work: Work, out: OutputDir, settings: str) -> Work:
    keys = [
        document_key(item, settings) if isinstance(item, Document) else None for item in work.items
    ]
    work.key = partition_key(keys, settings)
    entries = [out.finished(name, work.key) for name in work.files]
    if all(entry is not None for entry in entries):
        work.done = entries[0]
    return work


def skipped(work: Work) -> list[Outcome]:
    """The outcomes of a finished partition: every input skipped (the claims counted once)."""
    assert work.done is not None
    claims = work.done.claims
    out = []
    for n, item in enumerate(work.items):
        assert not isinstance(item, Outcome)
        out.append(Outcome(item.id, item.source, "", claims if n == 0 else 0, skipped=True))
    return out


def write(store: Store, work: Work, outcomes: Sequence[Outcome]) -> list[Entry]:
    """Write a unit's records into its files; the manifest entries of what landed.

    ``outcomes`` holds one outcome per item of ``work`` (skipped ones included), in
    the form the layout reads: JSON lines, or records for Parquet.
    """
    if work.fmt == "json":
        return _write_documents(store, work, outcomes)
    claims = sum(o.claims for o in outcomes)
    names = work.files
    if work.fmt == "jsonl":
        datas: list[bytes | Iterable[bytes]] = [_lines(outcomes)]
    else:
        datas = _parquet(outcomes)
    assert work.key is not None
    entries = [
        Entry(name, work.key, claims, store.write(name, data))
        for name, data in zip(names, datas, strict=True)
    ]
    if any(o.error_kind in RETRIED_KINDS for o in outcomes):
        return []  # written, but not finished: the next run redoes it
    return entries


def _write_documents(store: Store, work: Work, outcomes: Sequence[Outcome]) -> list[Entry]:
    entries = []
    for target, outcome in zip(work.targets, outcomes, strict=True):
        if target.relative is None or target.key is None or outcome.failed or outcome.skipped:
            continue
        digest = store.write(target.relative, _lines([outcome]))
        entries.append(Entry(target.relative, target.key, outcome.claims, digest))
    return entries


def _lines(outcomes: Iterable[Outcome]) -> Iterator[bytes]:
    for outcome in outcomes:
        for piece in outcome.line_pieces():
            yield piece.encode("utf-8")
        yield b"\n"


def _parquet(outcomes: Sequence[Outcome]) -> list[bytes | Iterable[bytes]]:
    """The partition's documents table and claims table, as file bytes."""
    from claimx.render.parquet import ParquetTableWriter

    files: list[bytes | Iterable[bytes]] = []
    for table in ("documents", "claims"):
        buffer = io.BytesIO()
        with ParquetTableWriter(buffer, table) as writer:
            for outcome in outcomes:
                writer.write(outcome.as_record())
        files.append(buffer.getvalue())
    return files


__all__ = ["Target", "Work", "plan", "skipped", "write"]
