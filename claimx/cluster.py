"""claimx on a Dask cluster: ``claimx extract --cluster ADDRESS ... --output-dir DIR``.

The command reads the inputs here, cuts them into the units of work a local
run makes (``claimx.partitions``: batches of documents, or partitions), sends
each unit to a worker, and records in the folder's manifest the files the
worker wrote. So the folder's bytes, its manifest and its resume rules are a
local run's, whatever the number of workers.

Rules, and why:

- Each worker loads the pipeline once, when it starts (:class:`ClaimxPlugin`,
  a worker plugin, so a worker restarted by its nanny loads it again), not per
  task; a task is a unit of work, tens of documents.
- A worker writes its unit's files itself, through its own handle on the folder
  (a local path every worker sees, or an fsspec URL such as ``s3://``), so the
  records never travel back: only their counts and failures do.
- Files land whole (a temporary name, then a rename), and a unit's files depend
  only on its inputs: a unit redone on another worker, after the first one died
  mid-run, writes the same bytes. Dask reschedules a dead worker's tasks by
  itself; after ``distributed.scheduler.allowed-failures`` deaths on the same
  unit the run stops with that unit named.
- Tasks are batches (``BATCH_DOCS`` documents or ``BATCH_CHARS`` characters),
  whatever the layout. A partition (256 inputs by default) is not one task: its
  documents go out in batches, each a task whose records stay in its worker's
  memory, and one more task, which depends on them, puts them in order and
  writes the partition's files (Dask moves the records from worker to worker,
  never through this process). One task per partition left the corpus of 418
  articles in two tasks, 256 and 162 documents: local:2 was 1.5x local:1.
  A text that may be read in sections (``claimx.sections``) is extracted by the
  writing task itself, which spills its record to a file of its own as a local
  run does, so no worker holds the records of a 20 MB text.
- At most ``WINDOW_PER_WORKER`` batches per worker are in flight (a partition
  counts its batches), so the inputs are read as the workers take them, not
  all at once.
- ``local:N`` starts a cluster of N worker processes, one thread each (spaCy is
  CPU-bound), here, for the length of the run.

:func:`extract_bag` is the library's form: a ``dask.bag`` of documents in, a
bag of records (or of JSON lines, for ``to_textfiles``) out.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import tempfile
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Final, Literal

from claimx.api import Options
from claimx.batch import (
    BATCH_CHARS,
    BATCH_DOCS,
    Form,
    Outcome,
    batch_full,
    failure_outcome,
    process,
    settings_of,
)
from claimx.errors import ClaimxError, UsageError
from claimx.inputs import Document, InputFailure
from claimx.outputs import Entry, OutputDir, Store
from claimx.sections import may_need_sections

if TYPE_CHECKING:
    from claimx import partitions
    from claimx.records import Result

#: units in flight per worker: enough to keep each busy while results come back
WINDOW_PER_WORKER: Final = 3
#: how long to wait for a scheduler, and for its first worker
CONNECT_TIMEOUT: Final = "30s"

_MISSING = "--cluster needs Dask: pip install 'claimx[cluster]'"


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise ClaimxError(_MISSING) from None
    return distributed


def parse_address(text: str) -> tuple[str | None, int]:
    """``"local:2"`` -> (None, 2): start two workers here; an address -> (it, 0)."""
    if text == "local" or text.startswith("local:"):
        count = text.partition(":")[2] or "0"
        if not count.isdigit():
            raise UsageError(f"--cluster {text}: local:N takes a whole number of workers")
        from claimx.batch import resolve_jobs

        return None, resolve_jobs(int(count))
    if not text.strip():
        raise UsageError("--cluster: give a scheduler's address or local:N")
    return text, 0


def plugin_class() -> type:
    """:class:`ClaimxPlugin`, made when Dask is there (it subclasses Dask's plugin)."""
    return _plugin()


def _plugin() -> type:
    base: type = _distributed().WorkerPlugin

    class ClaimxPlugin(base):  # type: ignore[misc]
        """Loads claimx's pipeline once per worker, as the worker starts."""

        idempotent = True

        def __init__(self, model: str | None = None) -> None:
            self.model = model
            self.name = f"claimx-pipeline-{model or 'default'}"

        def setup(self, worker: Any) -> None:
            from claimx.batch import prepare_process

            prepare_process(self.model)

    return ClaimxPlugin


# --------------------------------------------------------------------------- the command


def run_on_cluster(
    inputs: Iterable[Document | InputFailure],
    options: Options,
    out: OutputDir,
    address: str,
    *,
    roots: Iterable[str] = (),
) -> Generator[Outcome]:
    """Extract into an output folder on a Dask cluster; one :class:`Outcome` per input,
    in input order, once the file that holds it is written (see the module docstring)."""
    from claimx import partitions

    where, count = parse_address(address)
    with _client(where, count, address) as client:
        client.register_plugin(_plugin()(options.model))
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        store = out.store.root
        works = partitions.plan(
            inputs,
            out,
            settings_of(options),
            list(roots),
            batch_docs=BATCH_DOCS,
            batch_chars=BATCH_CHARS,
        )
        window: deque[tuple[partitions.Work, Any, int]] = deque()
        limit = workers * WINDOW_PER_WORKER
        try:
            for work in works:
                future, tasks = None, 1
                if work.done is None and work.documents():
                    future, tasks = _submit(client, work, store, options)
                window.append((work, future, tasks))
                # two partitions at least: the next one's batches keep the workers
                # busy while the first one's last batches and its writing finish
                while window and (
                    (len(window) >= 2 and sum(entry[2] for entry in window) >= limit)
                    or _ready(window[0][1])
                ):
                    yield from _take(window.popleft(), out, options)
            while window:
                yield from _take(window.popleft(), out, options)
        finally:
            for _, future, _ in window:
                if future is not None:
                    future.cancel()


def _submit(client: Any, work: partitions.Work, store: str, options: Options) -> tuple[Any, int]:
    """The task that ends a unit (its files written), and how many batches it holds."""
    if work.fmt == "json":  # a unit of the JSON layout is a batch
        return client.submit(_work, work, store, options, pure=False), 1
    documents = work.documents()
    # a text that may be read in sections is the writing task's to extract
    in_writer = [may_need_sections(doc.text) for doc in documents]
    batches: list[list[Document]] = []
    chars = 0
    for doc, later in zip(documents, in_writer, strict=True):
        if later:
            continue
        if not batches or batch_full(len(batches[-1]), chars):
            batches.append([])
            chars = 0
        batches[-1].append(doc)
        chars += len(doc.text)
    form = _form(work)
    extracted = [client.submit(_extract, batch, options, form, pure=False) for batch in batches]
    writer = client.submit(_write, work, store, options, in_writer, extracted, pure=False)
    return writer, max(1, len(batches))


#: the environment Dask's nannies give the worker processes they start
_SPAWN_ENVIRON: Final = "distributed.nanny.pre-spawn-environ"


def _worker_environ(environ: Mapping[str, Any]) -> dict[str, Any]:
    """The workers' environment for a cluster claimx starts, without Dask's
    ``MALLOC_TRIM_THRESHOLD_``: setting any malloc threshold turns off glibc's
    adaptive mmap threshold, so every array over 128 KB the parser allocates was
    a fresh mmap and its pages faulted in anew (a local:1 worker spent 9.4 s in
    the kernel on the 418-article corpus, 1.7 s without; its peak memory went
    from 429 MB to 475 MB)."""
    return {k: v for k, v in environ.items() if k != "MALLOC_TRIM_THRESHOLD_"}


@contextlib.contextmanager
def _client(where: str | None, count: int, shown: str) -> Iterator[Any]:
    distributed = _distributed()
    import dask

    # Dask's own log lines (a worker restarted, a task retried) are for Dask's
    # operators; claimx's stderr keeps one line per problem
    logging.getLogger("distributed").setLevel(logging.ERROR)
    cluster = None
    try:
        if where is None:
            with dask.config.set(
                {_SPAWN_ENVIRON: _worker_environ(dask.config.get(_SPAWN_ENVIRON))}
            ):
                cluster = distributed.LocalCluster(
                    n_workers=count,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
            client = distributed.Client(cluster)
        else:
            client = distributed.Client(where, timeout=CONNECT_TIMEOUT)
            client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise ClaimxError(f"--cluster {shown}: cannot reach the cluster ({exc})") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _ready(future: Any) -> bool:
    return future is None or future.done()


def _take(
    entry: tuple[partitions.Work, Any, int], out: OutputDir, options: Options
) -> Iterator[Outcome]:
    from claimx import partitions

    work, future, _ = entry
    if work.done is not None:
        yield from partitions.skipped(work)
        return
    if future is None:  # no document to extract: failures and finished ones only
        outcomes = _outcomes(work, [])
        entries = partitions.write(out.store, work, outcomes)
    else:
        try:
            outcomes, entries = future.result()
        except ClaimxError:
            raise
        except Exception as exc:  # a worker's error, or a unit whose workers kept dying
            first = work.items[0]
            raise ClaimxError(
                f"the cluster failed on the batch starting at {first.id}: "
                f"{type(exc).__name__}: {exc}"
            ) from None
    for written in entries:
        out.record(written)
    yield from outcomes


def _form(work: partitions.Work) -> Form:
    return "record" if work.fmt == "parquet" else "line"


def _work(work: partitions.Work, root: str, options: Options) -> tuple[list[Outcome], list[Entry]]:
    """A batch of the JSON layout on a worker: extract, write its files."""
    with tempfile.TemporaryDirectory(prefix="claimx-spill-") as spill:
        extracted = process(work.documents(), options, _form(work), spill)
        return _land(work, root, extracted)


def _extract(documents: list[Document], options: Options, form: Form) -> list[Outcome]:
    """A batch of a partition on a worker: its outcomes stay there for the writing task.
    None of its texts is read in sections, so none spills."""
    return process(documents, options, form)


def _write(
    work: partitions.Work,
    root: str,
    options: Options,
    in_writer: list[bool],
    extracted: list[list[Outcome]],
) -> tuple[list[Outcome], list[Entry]]:
    """A partition on a worker: its batches' outcomes in order, the documents marked
    ``in_writer`` (long texts) extracted here, spilled as a local run does, its
    files written."""
    batches = iter(itertools.chain.from_iterable(extracted))
    form = _form(work)
    with tempfile.TemporaryDirectory(prefix="claimx-spill-") as spill:
        outcomes = [
            process([doc], options, form, spill)[0] if later else next(batches)
            for doc, later in zip(work.documents(), in_writer, strict=True)
        ]
        return _land(work, root, outcomes)


def _land(
    work: partitions.Work, root: str, extracted: list[Outcome]
) -> tuple[list[Outcome], list[Entry]]:
    """Write a unit's files from its documents' outcomes; return what the client needs."""
    from claimx import partitions

    store = Store.for_root(root)
    store.attach()
    outcomes = _outcomes(work, extracted)
    entries = partitions.write(store, work, outcomes)
    for outcome in outcomes:
        outcome.release()
    # the records stay in the files: only counts and failures travel back
    return [replace(o, line="", record=None, spill=None) for o in outcomes], entries


def _outcomes(work: partitions.Work, extracted: list[Outcome]) -> list[Outcome]:
    """One outcome per item of the unit, in order: the extracted ones in their places."""
    done = iter(extracted)
    form = _form(work)
    out: list[Outcome] = []
    for item in work.items:
        if isinstance(item, Document):
            out.append(next(done))
        elif isinstance(item, InputFailure):
            out.append(failure_outcome(item, form))
        else:
            out.append(item)
    return out


# --------------------------------------------------------------------------- the library


def extract_bag(
    bag: Any, options: Options | None = None, *, form: Literal["record", "line"] = "record"
) -> Any:
    """A ``dask.bag`` of records (or JSON lines) from a bag of documents.

    The documents are :class:`claimx.Document` values or mappings of the JSON
    Lines input (``{"id", "text", "date", "title"}``, or ``"html"``; other keys
    go to ``meta``). Every partition is one batch on a worker, which loads the
    pipeline once (register :func:`plugin_class`'s plugin to load it as each worker
    starts); a document that cannot be read is an error record in its place::

        import dask.bag as db, claimx.cluster
        bag = db.read_text("s3://news/2024-*.jsonl").map(json.loads)
        claimx.cluster.extract_bag(bag, form="line").to_textfiles("s3://out/*.jsonl")
    """
    return bag.map_partitions(_extract_partition, options or Options(), form)


def _extract_partition(
    items: Iterable[Document | Mapping[str, Any]], options: Options, form: str
) -> list[Result] | list[str]:
    from claimx.api import extract_batch
    from claimx.inputs import document_from_mapping
    from claimx.render.jsonl import dump

    documents = [
        item if isinstance(item, Document) else document_from_mapping(item, n)
        for n, item in enumerate(items, 1)
    ]
    records = extract_batch(documents, options)
    return [dump(r) for r in records] if form == "line" else records


__all__ = ["extract_bag", "parse_address", "plugin_class", "run_on_cluster"]
