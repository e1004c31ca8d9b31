"""claimx on a Dask cluster: a LocalCluster of 2 worker processes writes the bytes a
local run writes; a worker killed mid-run loses no document; the dask.bag form.

Each run starts its own cluster (a few seconds, and each worker loads the model
once); nothing here measures speed: ``make bench`` compares local:2 with local:1.
"""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.test_batch import make_corpus, tree
from tests.test_cli import run as run_cli

pytestmark = pytest.mark.model


def outputs(root: Path) -> dict[str, bytes]:
    return {p: data for p, data in tree(root).items() if p != ".claimx/lock"}


def many(root: Path, count: int) -> Path:
    root.mkdir(parents=True)
    for n in range(count):
        (root / f"{n:03}.txt").write_text(
            f"Police said on Monday that {n + 2} roads near the border were closed.\n\n"
            "The European Union said on Friday it had sent 5,000 tents, officials said.\n"
        )
    (root / "zz_empty.txt").write_text("")
    return root


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_a_cluster_run_writes_the_bytes_of_a_local_run(
    tmp_path: Path, capfd, monkeypatch, fmt: str
) -> None:
    corpus = many(tmp_path / "corpus", 12)
    local, remote = tmp_path / "local", tmp_path / "remote"
    args = ["-f", fmt, "--partition-size", "5"] if fmt == "jsonl" else []
    code, _, err = run_cli(["extract", str(corpus), "-O", str(local), *args], capfd, monkeypatch)
    assert code == 1 and "zz_empty.txt: empty file" in err
    code, stdout, err = run_cli(
        ["extract", str(corpus), "-O", str(remote), "--cluster", "local:2", *args],
        capfd,
        monkeypatch,
    )
    assert code == 1 and stdout == ""
    assert "zz_empty.txt: empty file" in err
    assert err.splitlines()[-1].startswith("claimx: 13 documents, ")
    assert outputs(remote) == outputs(local)
    # the cluster's run is resumable like a local one
    code, _, err = run_cli(
        ["extract", str(corpus), "-O", str(remote), "--cluster", "local:2", *args],
        capfd,
        monkeypatch,
    )
    assert code == (0 if fmt == "jsonl" else 1)  # a partition keeps its error record
    assert "12 skipped" in err or "13 skipped" in err


def test_a_partition_is_extracted_in_batches_and_a_long_text_by_its_writer(
    tmp_path: Path, capfd, monkeypatch
) -> None:
    """A partition of 20 inputs goes out as batches (8 documents each) and a text long
    enough to be read in sections (over 50,000 tokens) is extracted by the task that
    writes the partition; the files are a local run's."""
    from claimx.sections import SECTION_TOKENS, may_need_sections

    corpus = many(tmp_path / "corpus", 18)
    words = ["officials", "said", "on", "Monday", "that", "roads", "were", "closed"]
    long_text = " ".join(words[n % len(words)] for n in range(SECTION_TOKENS + 500)) + ".\n"
    assert may_need_sections(long_text)
    (corpus / "010_long.txt").write_text(long_text)
    local, remote = tmp_path / "local", tmp_path / "remote"
    args = ["-f", "jsonl", "--partition-size", "20"]
    assert run_cli(["extract", str(corpus), "-O", str(local), *args], capfd, monkeypatch)[0] == 1
    code, _, err = run_cli(
        ["extract", str(corpus), "-O", str(remote), "--cluster", "local:2", *args],
        capfd,
        monkeypatch,
    )
    assert code == 1, err
    assert outputs(remote) == outputs(local)
    lines = (remote / "part-00000.jsonl").read_text().splitlines()
    names = [Path(json.loads(line)["id"]).name for line in lines]
    assert names[10:12] == ["010.txt", "010_long.txt"]


class _Recorder:
    """A stand-in for a Dask client that records what is submitted."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[object, ...]]] = []

    def submit(self, fn: Callable[..., object], *args: object, pure: bool = True) -> str:
        self.calls.append((fn.__name__, args))
        return f"future-{len(self.calls)}"


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_a_partition_goes_out_as_batch_tasks_and_one_writing_task(fmt: str) -> None:
    from claimx.api import Options
    from claimx.batch import BATCH_DOCS
    from claimx.cluster import _submit
    from claimx.inputs import Document, InputFailure
    from claimx.partitions import Work
    from claimx.sections import SECTION_CHARS

    docs = [Document(f"{n}", f"{n}", "Police said so.") for n in range(2 * BATCH_DOCS + 3)]
    long_doc = Document("long", "long", "word " * (SECTION_CHARS // 5 + 10))
    failure = InputFailure("bad", "bad", "empty", "empty file")
    work = Work(0, fmt, items=[*docs[:5], long_doc, failure, *docs[5:]])  # type: ignore[arg-type]
    client = _Recorder()
    future, tasks = _submit(client, work, "/out", Options())
    names = [name for name, _ in client.calls]
    assert names == ["_extract", "_extract", "_extract", "_write"]
    sizes = [len(args[0]) for name, args in client.calls if name == "_extract"]  # type: ignore[arg-type]
    assert sizes == [BATCH_DOCS, BATCH_DOCS, 3]  # the long text is left to the writer
    assert tasks == 3 and future == "future-4"
    assert client.calls[-1][1][-1] == ["future-1", "future-2", "future-3"]
    json_work = Work(0, "json", items=docs[:3])  # type: ignore[arg-type]
    client = _Recorder()
    assert _submit(client, json_work, "/out", Options())[1] == 1
    assert [name for name, _ in client.calls] == ["_work"]


def test_workers_write_through_an_fsspec_url(tmp_path: Path, capfd, monkeypatch) -> None:
    """Every worker opens the folder itself, by its URL: here file://, as s3:// would be."""
    corpus = many(tmp_path / "corpus", 6)
    local = tmp_path / "local"
    args = ["-f", "parquet", "--partition-size", "3"]
    assert run_cli(["extract", str(corpus), "-O", str(local), *args], capfd, monkeypatch)[0] == 1
    url = f"file://{tmp_path}/remote"
    code, _, err = run_cli(
        ["extract", str(corpus), "-O", url, "--cluster", "local:2", *args], capfd, monkeypatch
    )
    assert code == 1, err
    assert outputs(tmp_path / "remote") == outputs(local)


def test_a_worker_killed_mid_run_loses_no_document(tmp_path: Path, monkeypatch) -> None:
    import psutil

    import claimx.cluster as cluster
    from claimx.api import Options
    from claimx.batch import run_to_dir
    from claimx.inputs import iter_inputs
    from claimx.outputs import OutputDir

    corpus = many(tmp_path / "corpus", 24)
    local, remote = tmp_path / "local", tmp_path / "remote"
    with OutputDir(local) as out:
        for _ in run_to_dir(iter_inputs([str(corpus)]), Options(), out, roots=[str(corpus)]):
            pass
    monkeypatch.setattr(cluster, "BATCH_DOCS", 2)  # many small units: some are in flight
    me = psutil.Process()
    before = {p.pid for p in me.children(recursive=True)}
    killed: list[int] = []
    seen = 0
    with OutputDir(remote) as out:
        inputs = iter_inputs([str(corpus)])
        for outcome in cluster.run_on_cluster(
            inputs, Options(), out, "local:2", roots=[str(corpus)]
        ):
            seen += 1
            if not killed:
                workers = [
                    p
                    for p in me.children(recursive=True)
                    if p.pid not in before and "spawn_main" in " ".join(p.cmdline())
                ]
                victim = workers[0]
                os.kill(victim.pid, signal.SIGKILL)
                killed.append(victim.pid)
            assert outcome.id
    assert killed and seen == 25
    assert outputs(remote) == outputs(local)


def test_extract_bag_gives_records_and_lines() -> None:
    import dask
    import dask.bag as db

    from claimx.cluster import extract_bag
    from claimx.records import DocumentResult, ErrorRecord

    docs = [
        {
            "id": "a",
            "text": "Police said on Monday that two roads were closed.",
            "date": "2021-09-27",
        },
        {"id": "b", "text": ""},  # an error record in its place
        {"id": "c", "text": "The EU said it sent 5,000 tents.", "title": None, "desk": "world"},
    ]
    with dask.config.set(scheduler="synchronous"):
        records = extract_bag(db.from_sequence(docs, npartitions=2)).compute()
        lines = extract_bag(db.from_sequence(docs, npartitions=2), form="line").compute()
    assert [type(r) for r in records] == [DocumentResult, ErrorRecord, DocumentResult]
    assert [t.value for t in records[0].times] == ["2021-09-27"]
    assert records[2].meta == {"desk": "world"}
    assert [json.loads(line)["id"] for line in lines] == ["a", "b", "c"]


def test_an_unreachable_scheduler_is_one_line(tmp_path: Path, capfd, monkeypatch) -> None:
    import claimx.cluster as cluster

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", "1s")
    corpus = make_corpus(tmp_path / "corpus")
    code, stdout, err = run_cli(
        ["extract", str(corpus), "-O", str(tmp_path / "out"), "--cluster", "tcp://127.0.0.1:9"],
        capfd,
        monkeypatch,
    )
    assert code == 1 and stdout == ""
    assert err.startswith("claimx: error: --cluster tcp://127.0.0.1:9: cannot reach the cluster")
    assert err.count("\n") == 1
