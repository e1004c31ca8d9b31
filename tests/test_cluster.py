"""claimx on a Dask cluster: a LocalCluster of 2 worker processes writes the bytes a
local run writes; a worker killed mid-run loses no document; the dask.bag form.

Each run starts its own cluster (a few seconds, and each worker loads the model
once); nothing here measures speed: ``make bench`` compares local:2 with local:1.
"""

from __future__ import annotations

import json
import os
import signal
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
