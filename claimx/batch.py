"""Batch extraction at scale: worker processes, input order, flat memory, resumable.

``run`` turns a stream of documents into a stream of :class:`Outcome` items in
input order. With ``jobs=1`` batches run in this process; with more, in
worker processes. Either way the same batches go through the same code, so
the bytes of every record are the same whatever ``jobs`` is (and spaCy's
predictions for a document do not depend on its batch-mates).

Rules, and why:

- Workers are started with an explicit method (``spawn``): the same on every
  platform, and a child never inherits a half-initialised parent (threads,
  open files, a loaded model).
- Each worker loads the pipeline once (the initialiser) and returns small
  :class:`Outcome` items (the JSON line, counts), never spaCy ``Doc``s, so
  pickling costs little and the parent stays light.
- At most ``jobs * WINDOW_PER_JOB`` batches are in flight; the parent pulls
  inputs only as results are taken. Unlike ``multiprocessing.Pool.imap``,
  which drains its whole input at once, memory therefore does not grow with
  the number of documents.
- With workers, the input is read a few batches ahead so the end is seen
  coming, and the last stretch goes out in shrinking batches (guided
  self-scheduling): the workers finish together instead of one running the
  last full batch alone. Which documents share a batch never changes a byte.
- Workers ignore SIGINT: Ctrl-C reaches the parent, which stops the workers
  and lets ``KeyboardInterrupt`` through (the CLI exits 130), instead of every
  worker printing its own traceback.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import re
import signal
import tempfile
import time
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

from claimx.api import Options
from claimx.errors import ClaimxError
from claimx.inputs import Document, InputFailure
from claimx.sections import Spilled

if TYPE_CHECKING:
    from claimx import partitions
    from claimx.outputs import OutputDir
    from claimx.records import Result

#: batches in flight per worker: enough to keep every worker busy while the
#: parent writes results, few enough that memory stays flat
WINDOW_PER_JOB: Final = 4
#: a batch closes at this many documents or characters, whichever comes first:
#: big enough for spaCy's batching, small enough to balance the workers (80
#: articles in 16-document batches were five: one worker did three, 1.60x against
#: --jobs 1 where eight-document batches give 1.72x)
BATCH_DOCS: Final = 8
BATCH_CHARS: Final = 30_000
START_METHOD: Final = "spawn"


def batch_full(documents: int, chars: int) -> bool:
    """A batch of this many documents and characters takes no more."""
    return documents >= BATCH_DOCS or chars >= BATCH_CHARS


#: with workers, the input is read this many batches per worker ahead, so the
#: engine sees the end coming; the batches of the last stretch are then cut
#: finer (:func:`tail_full`). 80 articles in eight-document batches ended with
#: one worker running the last batch alone (0.4 s of a 6.4 s run).
AHEAD_BATCHES: Final = 2
#: a batch of the last stretch takes at most this share, per worker, of the
#: characters not yet sent ("guided self-scheduling": 1/2 of each worker's fair
#: share, so the shares shrink to one document at the very end)
TAIL_SHARE: Final = 2


def tail_full(chars: int, rest: int, jobs: int) -> bool:
    """Near the end of the input (``rest`` characters follow this batch's ``chars``),
    a batch takes no more once it holds ``1 / (TAIL_SHARE * jobs)`` of what is left."""
    return chars * TAIL_SHARE * jobs >= chars + rest


#: what a consumer of the outcomes reads: JSON lines (jsonl, --output-dir) or records
Form = Literal["line", "record"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the parent needs of one processed input: small, picklable.

    The record travels in the form its consumer reads, made once: the JSON line
    for JSON Lines and output folders, the record itself for the table, JSON and
    CSV (no JSON round trip). A record too large to hold (a text read in
    sections, ``claimx.sections``) is a file holding its line (``spill``).
    """

    id: str
    source: str
    line: str = ""  # the record as one compact JSON line ("" when skipped or not made)
    claims: int = 0
    words: int = 0
    error_kind: str | None = None
    error_message: str | None = None
    skipped: bool = False  # already done in the output folder (manifest)
    record: Result | None = None
    spill: str | None = None  # a file holding the line, removed once it is written

    @property
    def failed(self) -> bool:
        return self.error_kind is not None

    def as_record(self) -> Result:
        """The Pydantic record (for the table, JSON and CSV renderers)."""
        if self.record is not None:
            return self.record
        from claimx.records import result_adapter

        return result_adapter().validate_json(self.json_line())

    def json_line(self) -> str:
        """The record's JSON line, read whole (a spilled one too: only for the renderers
        that need the whole record; :meth:`line_pieces` streams it)."""
        return "".join(self.line_pieces())

    def line_pieces(self) -> Iterator[str]:
        """The record's JSON line in pieces (a spilled one a megabyte at a time)."""
        if self.spill is not None:
            from claimx.sections import read_spill

            yield from read_spill(self.spill)
        elif self.line or self.record is None:
            yield self.line
        else:
            from claimx.render.jsonl import dump

            yield dump(self.record)

    def release(self) -> None:
        """Remove the spilled record's file (once it is written where it goes)."""
        if self.spill is not None:
            from claimx.sections import remove_spill

            with contextlib.suppress(OSError):
                remove_spill(self.spill)


def resolve_jobs(jobs: int) -> int:
    """``0`` means every core this process may use."""
    if jobs < 0:
        raise ClaimxError(f"--jobs must be 0 (all cores) or more, not {jobs}")
    if jobs == 0:
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # not on Linux
            return os.cpu_count() or 1
    return jobs


def outcome_of(record: Result | Spilled, words: int = 0, form: Form = "line") -> Outcome:
    from claimx.records import ErrorRecord
    from claimx.render.jsonl import dump

    if isinstance(record, Spilled):
        return Outcome(
            record.id, record.source, claims=record.claims, words=words, spill=record.path
        )
    line = dump(record) if form == "line" else ""
    kept = record if form == "record" else None
    if isinstance(record, ErrorRecord):
        return Outcome(
            record.id,
            record.source,
            line,
            0,
            words,
            record.error.kind,
            record.error.message,
            record=kept,
        )
    return Outcome(record.id, record.source, line, len(record.claims), words, record=kept)


def failure_outcome(item: InputFailure, form: Form = "line") -> Outcome:
    from claimx.api import error_record

    return outcome_of(error_record(item.id, item.source, item.kind, item.message), form=form)


def count_words(text: str) -> int:
    """Whitespace-separated words, counted without a list of them (a 20 MB text)."""
    return sum(1 for _ in _WORD.finditer(text))


_WORD: Final = re.compile(r"\S+")


def process(
    documents: Sequence[Document],
    options: Options,
    form: Form = "line",
    spill_dir: str | None = None,
) -> list[Outcome]:
    """Extract one batch: the unit of work, in a worker or in this process.

    A text read in sections comes back as a file under ``spill_dir`` when the
    consumer writes lines (``claimx.sections``): its records are never held whole.
    """
    from claimx.api import extract_or_spill

    records = extract_or_spill(documents, options, spill_dir=spill_dir, spill=form == "line")
    return [
        outcome_of(record, count_words(doc.text), form)
        for doc, record in zip(documents, records, strict=True)
    ]


# --------------------------------------------------------------------------- workers


#: the garbage collector's first threshold in a process that only extracts: the
#: layers allocate many short-lived objects, and Python's default (700) ran a
#: collection every few hundred of them
GC_THRESHOLD: Final = (50_000, 50, 100)


def prepare_process(model: str | None) -> None:
    """Load the pipeline in a process that does nothing but extract (a worker, or
    the command's own process with ``--jobs 1``), then move everything allocated
    so far (the pipeline: its vocabulary, weights, rules) out of the garbage
    collector's sight and let it collect less often. Together: 5% less CPU on the
    first 80 articles of the bench corpus, the same peak memory. The library never
    does this: a caller's process keeps its own collector settings."""
    import gc

    from claimx.pipeline import load_pipeline

    load_pipeline(model)
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)


_worker_options: Options | None = None
_worker_error: ClaimxError | None = None
_worker_form: Form = "line"
_worker_spill: str | None = None


def _init_worker(options: Options, form: Form = "line", spill_dir: str | None = None) -> None:
    global _worker_options, _worker_error, _worker_form, _worker_spill
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_options = options
    _worker_form = form
    _worker_spill = spill_dir
    try:
        prepare_process(options.model)
    except ClaimxError as exc:
        # Raised with the first batch instead: an initialiser that fails only
        # marks the pool "broken", which would hide the one-line reason.
        _worker_error = exc


def _work(documents: list[Document]) -> list[Outcome]:
    if _worker_error is not None:
        raise _worker_error
    assert _worker_options is not None
    return process(documents, _worker_options, _worker_form, _worker_spill)


class _Ready:
    """A computed batch with the ``result()`` of a future (the ``jobs=1`` path)."""

    def __init__(self, value: list[Outcome]) -> None:
        self.value = value

    def result(self) -> list[Outcome]:
        return self.value

    def done(self) -> bool:
        return True


# --------------------------------------------------------------------------- engine

Item = Document | InputFailure | Outcome
_Slot = Outcome | None  # None: the next result of the entry's batch


def read_ahead(
    items: Iterable[Item], documents: int, chars: int
) -> Iterator[tuple[Item, int | None]]:
    """Each item with the characters of the documents after it when the input is
    known to end within the look-ahead (``None`` before that).

    At most ``documents`` items or ``chars`` characters are held beyond the one
    handed out (one long text is handed out at once), so memory stays flat.
    """
    held: deque[Item] = deque()
    held_chars = 0
    for item in items:
        held.append(item)
        if isinstance(item, Document):
            held_chars += len(item.text)
        while len(held) > documents or held_chars > chars:
            first = held.popleft()
            if isinstance(first, Document):
                held_chars -= len(first.text)
            yield first, None
    while held:
        first = held.popleft()
        if isinstance(first, Document):
            held_chars -= len(first.text)
        yield first, held_chars


def run(
    items: Iterable[Item],
    options: Options,
    *,
    jobs: int = 1,
    form: Form = "line",
    own_process: bool = False,
) -> Generator[Outcome]:
    """One :class:`Outcome` per item, in input order.

    ``items`` may hold ready :class:`Outcome` values (e.g. skipped documents);
    they pass through in their place. ``jobs`` as for ``--jobs`` (0 = all cores).
    ``form``: what the consumer reads of each record (:class:`Outcome`); a
    consumer of lines writes each spilled one and calls :meth:`Outcome.release`.
    ``own_process``: this process does nothing else (the command line), so with
    ``jobs=1`` it is prepared as a worker is (:func:`prepare_process`).
    """
    jobs = resolve_jobs(jobs)
    # closed, not left to the garbage collector, when the consumer stops early
    # (Ctrl-C while it writes): the workers end now, and no spilled file is left
    with (
        tempfile.TemporaryDirectory(prefix="claimx-spill-") as spill_dir,
        contextlib.closing(_run(items, options, jobs, form, spill_dir, own_process)) as outcomes,
    ):
        yield from outcomes


def _run(
    items: Iterable[Item],
    options: Options,
    jobs: int,
    form: Form,
    spill_dir: str,
    own_process: bool,
) -> Generator[Outcome]:
    executor: ProcessPoolExecutor | None = None
    if jobs > 1:
        executor = ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=multiprocessing.get_context(START_METHOD),
            initializer=_init_worker,
            initargs=(options, form, spill_dir),
        )
    window: deque[tuple[list[_Slot], Future[list[Outcome]] | _Ready | None]] = deque()
    limit = jobs * WINDOW_PER_JOB
    prepared = not own_process  # with jobs=1: prepared before the first batch
    slots: list[_Slot] = []
    pending: list[Document] = []
    chars = 0

    def submit() -> None:
        nonlocal slots, pending, chars, prepared
        if not slots:
            return
        future: Future[list[Outcome]] | _Ready | None = None
        if pending:
            if executor is None:
                if not prepared:
                    prepared = True
                    prepare_process(options.model)
                future = _Ready(process(pending, options, form, spill_dir))
            else:
                future = executor.submit(_work, pending)
        window.append((slots, future))
        slots, pending, chars = [], [], 0

    def take() -> Iterator[Outcome]:
        entry_slots, future = window.popleft()
        results = iter(_result(future) if future is not None else [])
        for slot in entry_slots:
            yield slot if slot is not None else next(results)

    finished = False
    ahead: Iterable[tuple[Item, int | None]] = (
        read_ahead(items, jobs * AHEAD_BATCHES * BATCH_DOCS, jobs * AHEAD_BATCHES * BATCH_CHARS)
        if executor is not None
        else ((item, None) for item in items)
    )
    try:
        for item, rest in ahead:
            if isinstance(item, Document):
                slots.append(None)
                pending.append(item)
                chars += len(item.text)
            elif isinstance(item, InputFailure):
                slots.append(failure_outcome(item, form))
            else:
                slots.append(item)
            if (
                batch_full(len(pending), chars)
                or not pending
                or (rest is not None and tail_full(chars, rest, jobs))
            ):
                submit()
            # Stream: hand out every finished head; block only when the window is full.
            while window and (len(window) >= limit or _done(window[0][1])):
                yield from take()
        submit()
        while window:
            yield from take()
        finished = True
    finally:
        if executor is not None:
            if not finished:
                _stop_workers(executor)
            executor.shutdown(wait=True, cancel_futures=True)


def _done(future: Future[list[Outcome]] | _Ready | None) -> bool:
    return future is None or future.done()


def _result(future: Future[list[Outcome]] | _Ready) -> list[Outcome]:
    try:
        return future.result()
    except BrokenProcessPool:
        raise ClaimxError("a worker process died (out of memory?); try fewer --jobs") from None


def _stop_workers(executor: ProcessPoolExecutor) -> None:
    """End the workers now rather than after their current batch (Ctrl-C, an error).

    Python 3.14 has ``terminate_workers``; before it, the process table is
    only reachable through a private attribute.
    """
    terminate = getattr(executor, "terminate_workers", None)
    if terminate is not None:
        terminate()
        return
    processes = getattr(executor, "_processes", None) or {}
    for process_ in list(processes.values()):
        if process_.is_alive():
            process_.terminate()


# --------------------------------------------------------------------------- output folder


def model_fingerprint(option: str | None) -> str:
    """The model's name and version, without importing spaCy (for the manifest key)."""
    from claimx.pipeline import resolve_model_name

    name = resolve_model_name(option)
    meta_path = Path(name) / "meta.json"
    if meta_path.is_file():
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            return f"{name}:{meta.get('lang')}_{meta.get('name')}=={meta.get('version')}"
        except (OSError, ValueError):
            return name
    try:
        return f"{name}=={metadata.version(name)}"
    except metadata.PackageNotFoundError:
        return name


def settings_of(options: Options) -> str:
    """What besides a document decides its output bytes (part of every manifest key)."""
    from claimx import __version__
    from claimx.outputs import settings_fingerprint

    return settings_fingerprint(
        claimx_version=__version__,
        model=model_fingerprint(options.model),
        ref_date=options.ref_date.isoformat() if options.ref_date else None,
    )


def run_to_dir(
    inputs: Iterable[Document | InputFailure],
    options: Options,
    out: OutputDir,
    *,
    roots: Sequence[str] = (),
    jobs: int = 1,
    own_process: bool = False,
) -> Generator[Outcome]:
    """Extract into an output folder (``claimx.outputs``), skipping finished work.

    Yields one :class:`Outcome` per input in input order, after the file that
    holds it is written (``skipped`` when the manifest shows it was done before).
    """
    from claimx import partitions

    works = partitions.plan(
        inputs, out, settings_of(options), roots, batch_docs=BATCH_DOCS, batch_chars=BATCH_CHARS
    )
    form: Form = "record" if out.fmt == "parquet" else "line"
    # the units whose inputs went to ``run``, in order: their outcomes come back so
    pending: deque[partitions.Work] = deque()

    def items() -> Iterator[Item]:
        for work in works:
            pending.append(work)
            yield from partitions.skipped(work) if work.done is not None else work.items

    extracted = run(items(), options, jobs=jobs, form=form, own_process=own_process)
    with contextlib.closing(extracted) as outcomes:
        yield from _written(outcomes, pending, out)


def _written(
    outcomes: Iterator[Outcome], pending: deque[partitions.Work], out: OutputDir
) -> Iterator[Outcome]:
    """Write each unit once its outcomes are in; a document of the JSON layout is
    written as it comes, so a run stopped midway keeps every file it finished."""
    from claimx import partitions

    taken: list[Outcome] = []
    for outcome in outcomes:
        work = pending[0]
        taken.append(outcome)
        if work.done is not None:
            yield outcome
        elif work.fmt == "json":
            position = len(taken) - 1
            one = partitions.Work(work.index, "json", [work.items[position]])
            one.targets = [work.targets[position]]
            for entry in partitions.write(out.store, one, [outcome]):
                out.record(entry)
            outcome.release()
            yield outcome
        if len(taken) < len(work.items):
            continue
        if work.done is None and work.fmt != "json":
            for entry in partitions.write(out.store, work, taken):
                out.record(entry)
            for done in taken:
                done.release()
            yield from taken
        pending.popleft()
        taken = []


# --------------------------------------------------------------------------- progress


@dataclass
class Tally:
    """Running counts of a batch, for the progress display and the summary line."""

    documents: int = 0
    claims: int = 0
    failures: int = 0
    skipped: int = 0
    words: int = 0
    started: float = field(default_factory=time.perf_counter)

    def add(self, outcome: Outcome) -> None:
        self.documents += 1
        self.claims += outcome.claims
        self.words += outcome.words
        self.failures += outcome.failed
        self.skipped += outcome.skipped

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def rate(self) -> float:
        """Documents per second so far."""
        elapsed = self.elapsed()
        return self.documents / elapsed if elapsed > 0 else 0.0

    def summary(self) -> str:
        """ "12 documents, 80 claims, 1 failed (3.2 s)" (+ skipped, when some were)."""
        skipped = f", {self.skipped} skipped (done before)" if self.skipped else ""
        return (
            f"{self.documents} document{'s' * (self.documents != 1)}, {self.claims} claims, "
            f"{self.failures} failed{skipped} ({self.elapsed():.1f} s)"
        )


def estimate_total(
    paths: Sequence[str], *, glob: str | None = None, input_format: str = "auto"
) -> int | None:
    """How many documents the inputs hold, cheaply, for the ETA (None: cannot tell).

    Files are counted by walking folders as ``inputs`` does (sorted, hidden
    entries skipped, ``glob`` on names); a JSON Lines file counts its
    non-blank lines. Only an estimate: a failure may stand for a whole folder.
    """
    import fnmatch

    from claimx.inputs import JSONL_SUFFIXES

    def is_jsonl(path: str) -> bool:
        if input_format == "auto":
            return os.path.splitext(path)[1].lower() in JSONL_SUFFIXES
        return input_format == "jsonl"

    def count_file(path: str) -> int:
        if not is_jsonl(path):
            return 1
        n = 0
        try:
            with open(path, "rb") as handle:
                n = sum(1 for line in handle if line.strip())
        except OSError:
            return 1
        return max(n, 1)

    from claimx.inputs import is_fsspec_url
    from claimx.webpage import is_url

    total = 0
    for path in paths:
        if path == "-" or is_fsspec_url(path):
            return None  # stdin cannot be counted; a remote folder is not walked twice
        if is_url(path):
            total += 1
            continue
        if not os.path.isdir(path):
            total += count_file(path)
            continue
        for folder, dirs, files in os.walk(path, followlinks=True):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                if name.startswith(".") or (glob and not fnmatch.fnmatchcase(name, glob)):
                    continue
                total += count_file(os.path.join(folder, name))
    return total
