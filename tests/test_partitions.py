"""Output folders in partitions (--format jsonl|parquet with --output-dir), folders on
fsspec file systems, and --format parquet into one file.

The cluster runs are in tests/test_cluster.py; both write through claimx.partitions.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_batch import make_corpus, tree
from tests.test_cli import lines
from tests.test_cli import run as run_cli

pytestmark = pytest.mark.model


def corpus_with_failure(root: Path) -> Path:
    make_corpus(root)
    (root / "c_empty.txt").write_text("")  # a failure keeps its place in a partition
    return root


def outputs(root: Path) -> dict[str, bytes]:
    """The folder's files but the lock (which only a local run holds)."""
    return {p: data for p, data in tree(root).items() if p != ".claimx/lock"}


def test_jsonl_partitions_hold_every_record_in_input_order(
    tmp_path: Path, capfd, monkeypatch
) -> None:
    corpus = corpus_with_failure(tmp_path / "corpus")
    out = tmp_path / "out"
    code, stdout, err = run_cli(
        ["extract", str(corpus), "-O", str(out), "--format", "jsonl", "--partition-size", "4"],
        capfd,
        monkeypatch,
    )
    assert code == 1 and stdout == ""  # the empty file failed; the rest ran
    assert "c_empty.txt: empty file" in err
    files = sorted(p for p in tree(out) if not p.startswith(".claimx/"))
    assert files == ["part-00000.jsonl", "part-00001.jsonl"]
    # the partitions, joined, are the JSON Lines of the same inputs on stdout
    code, piped, _ = run_cli(
        ["extract", "-q", "--format", "jsonl", str(corpus)], capfd, monkeypatch
    )
    joined = (out / "part-00000.jsonl").read_text() + (out / "part-00001.jsonl").read_text()
    assert joined == piped
    assert [r.get("error", {}).get("kind") for r in lines(joined)].count("empty") == 1
    manifest = lines((out / ".claimx" / "manifest.jsonl").read_text())
    assert [m["path"] for m in manifest] == files


def test_parquet_partitions_are_a_documents_and_a_claims_table(
    tmp_path: Path, capfd, monkeypatch
) -> None:
    import duckdb

    corpus = corpus_with_failure(tmp_path / "corpus")
    out = tmp_path / "out"
    args = ["extract", str(corpus), "-O", str(out), "-f", "parquet", "--partition-size", "4"]
    code, _, _ = run_cli(args, capfd, monkeypatch)
    assert code == 1
    assert sorted(p for p in tree(out) if not p.startswith(".claimx/")) == [
        "claims/part-00000.parquet",
        "claims/part-00001.parquet",
        "documents/part-00000.parquet",
        "documents/part-00001.parquet",
    ]
    documents = duckdb.sql(
        f"select id, error.kind as failed, len(claims) as n "
        f"from read_parquet('{out}/documents/*.parquet') order by id"
    ).fetchall()
    assert len(documents) == 6 and [d[1] for d in documents].count("empty") == 1
    ((claims,),) = duckdb.sql(
        f"select count(*) from read_parquet('{out}/claims/*.parquet')"
    ).fetchall()
    assert claims == sum(d[2] or 0 for d in documents) > 0


def test_a_rerun_skips_finished_partitions_and_redoes_a_changed_one(
    tmp_path: Path, capfd, monkeypatch
) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    args = ["extract", str(corpus), "-O", str(out), "-f", "jsonl", "--partition-size", "2"]
    code, _, err = run_cli(args, capfd, monkeypatch)
    assert code == 0 and "skipped" not in err
    first = tree(out)
    code, _, err = run_cli(args, capfd, monkeypatch)
    assert code == 0 and "5 skipped" in err
    assert tree(out) == first
    # inputs in order: a.txt b.txt e.md sub/c.txt sub/deeper/d.txt; b.txt is in part 0
    (corpus / "b.txt").write_text("Serbia does not recognise Kosovo, officials said.\n")
    code, _, err = run_cli(args, capfd, monkeypatch)
    assert code == 0 and "3 skipped" in err
    changed = tree(out)
    assert changed["part-00001.jsonl"] == first["part-00001.jsonl"]
    assert changed["part-00000.jsonl"] != first["part-00000.jsonl"]
    code, _, err = run_cli([*args, "--force"], capfd, monkeypatch)
    assert code == 0 and "skipped" not in err


def test_a_partition_with_a_failure_that_may_pass_is_redone(
    tmp_path: Path, capfd, monkeypatch
) -> None:
    import claimx.extract.document as document

    corpus = make_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    args = ["extract", str(corpus), "-O", str(out), "-f", "jsonl", "--partition-size", "2"]
    real = document.build_result

    def flaky(doc, *rest, **kwargs):  # type: ignore[no-untyped-def]
        if "Serbia" in doc.text:
            raise RuntimeError("a bug")
        return real(doc, *rest, **kwargs)

    monkeypatch.setattr(document, "build_result", flaky)
    code, _, err = run_cli(args, capfd, monkeypatch)
    assert code == 1 and "internal error: RuntimeError: a bug" in err
    assert "part-00000.jsonl" in tree(out)  # written, with the error record in its place
    monkeypatch.setattr(document, "build_result", real)
    code, _, err = run_cli(args, capfd, monkeypatch)
    assert code == 0 and "3 skipped" in err  # parts 1 and 2 kept, part 0 redone


def test_an_interrupted_partitioned_run_resumes_to_the_same_bytes(
    tmp_path: Path, capfd, monkeypatch
) -> None:
    import claimx.extract.document as document

    corpus = make_corpus(tmp_path / "corpus")
    args = ["-f", "parquet", "--partition-size", "2"]
    straight = tmp_path / "straight"
    assert run_cli(["extract", str(corpus), "-O", str(straight), *args], capfd, monkeypatch)[0] == 0
    real = document.build_result
    calls = 0

    def interrupted(*a, **k):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        if calls == 4:
            raise KeyboardInterrupt
        return real(*a, **k)

    import claimx.batch as batch

    monkeypatch.setattr(batch, "BATCH_DOCS", 1)  # a partition lands as soon as it is whole
    resumed = tmp_path / "resumed"
    monkeypatch.setattr(document, "build_result", interrupted)
    code, _, _ = run_cli(["extract", str(corpus), "-O", str(resumed), *args], capfd, monkeypatch)
    assert code == 130
    done = [p for p in tree(resumed) if p.endswith(".parquet")]
    assert done == ["claims/part-00000.parquet", "documents/part-00000.parquet"]
    monkeypatch.setattr(document, "build_result", real)
    code, _, err = run_cli(["extract", str(corpus), "-O", str(resumed), *args], capfd, monkeypatch)
    assert code == 0 and "2 skipped" in err
    assert outputs(resumed) == outputs(straight)


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_an_fsspec_folder_gets_the_bytes_of_a_local_one(
    tmp_path: Path, capfd, monkeypatch, fmt: str
) -> None:
    import fsspec

    memory = fsspec.filesystem("memory")
    memory.store.clear()
    memory.pseudo_dirs.clear()
    memory.pseudo_dirs.append("")
    corpus = make_corpus(tmp_path / "corpus")
    local = tmp_path / "local"
    args = ["-f", fmt, "-q"]
    assert run_cli(["extract", str(corpus), "-O", str(local), *args], capfd, monkeypatch)[0] == 0
    code, _, err = run_cli(
        ["extract", str(corpus), "-O", "memory://out", *args], capfd, monkeypatch
    )
    assert code == 0, err
    remote = {path.removeprefix("/out/"): memory.cat_file(path) for path in memory.find("/out")}
    assert remote == outputs(local)
    # the manifest is read back from there: a re-run skips everything
    code, _, err = run_cli(
        ["extract", str(corpus), "-O", "memory://out", "-f", fmt], capfd, monkeypatch
    )
    assert code == 0 and "5 skipped" in err
    memory.store.clear()


def test_memory_inputs_into_a_memory_folder(tmp_path: Path, capfd, monkeypatch) -> None:
    import fsspec

    memory = fsspec.filesystem("memory")
    memory.store.clear()
    for name, text in {
        "in/a.txt": "Police said on Monday that roads were closed.\n",
        "in/sub/b.txt": "The EU said it sent 5,000 tents.\n",
    }.items():
        memory.pipe_file(f"/{name}", text.encode())
    code, _, err = run_cli(
        ["extract", "memory://in", "-O", "memory://res", "-q"], capfd, monkeypatch
    )
    assert code == 0, err
    names = sorted(p for p in memory.find("/res") if not p.startswith("/res/.claimx"))
    assert names == ["/res/a.txt.json", "/res/sub/b.txt.json"]  # relative to the folder given
    record = json.loads(memory.cat_file("/res/sub/b.txt.json"))
    assert record["id"] == "memory://in/sub/b.txt"
    memory.store.clear()


def test_parquet_into_one_file(tmp_path: Path, capfd, monkeypatch) -> None:
    import pandas

    corpus = make_corpus(tmp_path / "corpus")
    docs, claims = tmp_path / "docs.parquet", tmp_path / "claims.parquet"
    assert (
        run_cli(
            ["extract", "-q", "-f", "parquet", "-o", str(docs), str(corpus)], capfd, monkeypatch
        )[0]
        == 0
    )
    code, stdout, _ = run_cli(
        ["extract", "-q", "-f", "parquet", "--records", "claims", "-o", str(claims), str(corpus)],
        capfd,
        monkeypatch,
    )
    assert code == 0 and stdout == ""
    table = pandas.read_parquet(docs)
    assert len(table) == 5 and "reference_date_value" in table.columns
    rows = pandas.read_parquet(claims)
    assert len(rows) == int(table["claims"].map(len).sum())
    assert set(rows["document_id"]) <= set(table["id"])
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-O", "{out}", "-f", "table"], "--format table is not a folder's format"),
        (["-O", "{out}", "-f", "csv"], "--format csv is not a folder's format"),
        (["-O", "{out}", "--records", "claims"], "--records does not apply to --output-dir"),
        (["-O", "{out}", "-o", "x.jsonl"], "name one place to write"),
        (["-f", "parquet"], "--format parquet writes a file"),
        (["--partition-size", "10"], "--partition-size applies to --output-dir"),
        (["-O", "{out}", "--partition-size", "10"], "--partition-size applies"),
        (["-O", "{out}", "-f", "jsonl", "--partition-size", "0"], "a partition holds 1 input"),
        (["-O", "{out}", "-f", "jsonl", "--partition-size", "x"], "not a whole number"),
        (["--cluster", "local:2"], "--cluster writes its results to files"),
        (["-O", "{out}", "--cluster", "local:2", "-j", "2"], "with --cluster drop it"),
        (["-O", "{out}", "--cluster", "local:x"], "local:N takes a whole number"),
    ],
)
def test_output_options_that_do_not_go_together(
    tmp_path: Path, capfd, monkeypatch, args: list[str], message: str
) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    filled = [a.replace("{out}", str(tmp_path / "out")) for a in args]
    code, stdout, err = run_cli(["extract", *filled, str(corpus)], capfd, monkeypatch)
    assert code == 2 and stdout == ""
    assert err.startswith("claimx: error: ") and message in err and err.count("\n") == 1


def test_the_readmes_duckdb_query_runs_on_a_parquet_folder(
    tmp_path: Path, capfd, monkeypatch
) -> None:
    import re

    import duckdb

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    (query,) = re.findall(r'duckdb -c "(.*?)"\n', readme, re.S)
    corpus = make_corpus(tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)  # the query reads out/ where the README's command wrote it
    code, _, _ = run_cli(
        ["extract", "-q", "--ref-date", "2021-09-27", "-f", "parquet", "-O", "out", str(corpus)],
        capfd,
        monkeypatch,
    )
    assert code == 0
    rows = duckdb.sql(query).fetchall()
    assert rows and all(who and claims >= 1 for who, claims, _, _ in rows)
