"""Batch runs: --jobs, --output-dir (naming, safety, manifest, resume), long documents.

No timing is asserted anywhere: the machine is shared; ``make bench`` measures.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import ClassVar

import pytest

from claimx.api import Options, extract_text
from claimx.batch import Outcome, Tally, estimate_total, resolve_jobs, run
from claimx.inputs import iter_inputs
from claimx.outputs import OutputDir, document_name, safe_relative
from tests.test_cli import run as run_cli

TEXTS = {
    "a.txt": "LONDON (Reuters) - Police said on Monday that two roads were closed.\n",
    "b.txt": "Serbia does not recognise Kosovo, the minister said on Friday.\n",
    "sub/c.txt": "The company expects to hire about 5,000 workers next year, it said.\n",
    "sub/deeper/d.txt": "NATO said its 4,000 troops would stay for at least 60 days.\n",
    "e.md": "Officials said the bridge reopened in 2019 after three years of work.\n",
}


def make_corpus(root: Path) -> Path:
    for name, text in TEXTS.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (hidden ones too), by relative path."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def lines_of(outcomes: list[Outcome]) -> list[str]:
    return [o.line for o in outcomes]


# --------------------------------------------------------------------------- jobs


def test_jobs_2_gives_the_same_bytes_in_the_same_order(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    (corpus / "empty.txt").write_text("")  # a failure keeps its place too
    one = list(run(iter_inputs([str(corpus)]), Options(), jobs=1))
    two = list(run(iter_inputs([str(corpus)]), Options(), jobs=2))
    assert lines_of(one) == lines_of(two)
    ids = [Path(o.id).relative_to(corpus).as_posix() for o in one]
    assert ids == ["a.txt", "b.txt", "e.md", "empty.txt", "sub/c.txt", "sub/deeper/d.txt"]
    assert [o.failed for o in one] == [False, False, False, True, False, False]


def test_resolve_jobs() -> None:
    assert resolve_jobs(3) == 3
    assert resolve_jobs(0) >= 1


def test_many_small_batches_keep_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of one document and a window of one still give input order."""
    import claimx.batch as batch

    monkeypatch.setattr(batch, "BATCH_DOCS", 1)
    monkeypatch.setattr(batch, "WINDOW_PER_JOB", 1)
    corpus = make_corpus(tmp_path / "corpus")
    names = [Path(o.id).name for o in run(iter_inputs([str(corpus)]), Options())]
    assert names == ["a.txt", "b.txt", "e.md", "c.txt", "d.txt"]


@pytest.mark.parametrize(
    ("chars", "rest", "jobs", "expected"),
    [
        (1_000, 0, 2, True),  # the last document closes its batch
        (7_000, 21_000, 2, True),  # a quarter of what is left, with two workers
        (6_999, 21_001, 2, False),
        (3_000, 25_000, 4, False),  # more workers: finer pieces
        (3_500, 24_500, 4, True),
        (0, 0, 2, True),  # empty documents at the very end
        (0, 5, 2, False),
    ],
)
def test_tail_full(chars: int, rest: int, jobs: int, expected: bool) -> None:
    from claimx.batch import tail_full

    assert tail_full(chars, rest, jobs) is expected


def test_read_ahead_says_what_follows_once_the_end_is_in_sight() -> None:
    from claimx.batch import read_ahead
    from claimx.inputs import Document, InputFailure

    failure = InputFailure("bad", "bad", "unreadable", "cannot read")
    items = [Document(f"d{n}", f"d{n}", "x" * size) for n, size in enumerate([10, 20, 30])]
    items += [failure, Document("d4", "d4", "x" * 40)]
    pulled: list[int] = []

    def source():  # records how far the input was read when each item is handed out
        for n, item in enumerate(items, 1):
            pulled.append(n)
            yield item

    seen = []
    for item, rest in read_ahead(source(), 2, 1_000):
        seen.append((item.id, rest, pulled[-1]))
    assert seen == [
        ("d0", None, 3),  # never more than two items held beyond the one handed out
        ("d1", None, 4),
        ("d2", None, 5),
        ("bad", 40, 5),  # the input has ended: 40 characters follow (the failure has none)
        ("d4", 0, 5),
    ]
    # a long text is handed out at once: its characters are not held
    long = [Document("long", "long", "x" * 5_000), Document("short", "short", "x")]
    assert [(i.id, r) for i, r in read_ahead(iter(long), 10, 100)] == [
        ("long", None),
        ("short", 0),
    ]


class _Inline:
    """An executor that runs nothing: it records each batch's size and answers at once."""

    sizes: ClassVar[list[int]] = []

    def __init__(self, **_: object) -> None:
        _Inline.sizes = []

    def submit(self, _fn, documents):  # type: ignore[no-untyped-def]
        from concurrent.futures import Future

        _Inline.sizes.append(len(documents))
        future: Future[list[Outcome]] = Future()
        future.set_result([Outcome(d.id, d.source, line=d.text[:3]) for d in documents])
        return future

    def shutdown(self, **_: object) -> None:
        pass


def test_with_workers_the_last_batches_are_cut_finer(monkeypatch: pytest.MonkeyPatch) -> None:
    """80 articles in eight-document batches left one worker running the last batch
    alone; near the end each batch takes a shrinking share of what is left."""
    import claimx.batch as batch
    from claimx.inputs import Document

    monkeypatch.setattr(batch, "ProcessPoolExecutor", _Inline)
    docs = [Document(f"{n:02}", f"{n:02}", f"{n:02} " + "x" * 997) for n in range(80)]
    outcomes = list(run(iter(docs), Options(), jobs=2))
    assert [o.id for o in outcomes] == [d.id for d in docs]  # input order, nothing lost
    sizes = _Inline.sizes
    assert sum(sizes) == 80
    assert sizes[:6] == [batch.BATCH_DOCS] * 6  # the end is not yet in sight
    tail = sizes[6:]
    assert tail == sorted(tail, reverse=True) and tail[-3:] == [1, 1, 1]
    assert len(sizes) <= 20  # finer at the end, not everywhere


# --------------------------------------------------------------------------- naming


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("story-1", "story-1"),
        ("2021/09/story", "2021/09/story"),
        ("../../x", "x"),
        ("/abs/path", "abs/path"),
        ("..", "_"),
        ("", "_"),
        (".claimx/manifest.jsonl", "_.claimx/manifest.jsonl"),
        ("a/./b//c", "a/b/c"),
        ("..\\..\\win", "win"),
        ("nul\x00byte\nline", "nul_byte_line"),
        (".hidden", "_.hidden"),
    ],
)
def test_safe_relative(name: str, expected: str) -> None:
    assert safe_relative(name) == expected


def test_long_component_is_cut_but_distinct() -> None:
    a, b = safe_relative("x" * 300 + "a"), safe_relative("x" * 300 + "b")
    assert a != b
    assert all(len(part.encode()) <= 200 for part in a.split("/"))


def test_output_dir_mirrors_folders_and_names_jsonl_by_id(
    tmp_path: Path, capfd, monkeypatch
) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    docs = tmp_path / "docs.jsonl"
    ids = ["../../escape", "/etc/passwd", "..", "dup", "dup", ".claimx/manifest.jsonl", "a\x00b"]
    docs.write_text(
        "".join(json.dumps({"id": i, "text": "Police said roads were closed."}) + "\n" for i in ids)
    )
    out = tmp_path / "out"
    code, stdout, err = run_cli(
        ["extract", str(corpus), str(docs), "--output-dir", str(out)], capfd, monkeypatch
    )
    assert code == 0, err
    assert stdout == ""
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == [
        ".claimx/lock",
        ".claimx/manifest.jsonl",
        "_.claimx/manifest.jsonl.json",
        "_.json",
        "a.txt.json",
        "a_b.json",
        "b.txt.json",
        "dup.json",
        "dup~2.json",
        "e.md.json",
        "escape.json",
        "etc/passwd.json",
        "sub/c.txt.json",
        "sub/deeper/d.txt.json",
    ]
    assert not (tmp_path / "escape.json").exists()
    record = json.loads((out / "sub/c.txt.json").read_text())
    assert record["id"] == str(corpus / "sub" / "c.txt")
    assert err.startswith("claimx: 12 documents, ") and err.count("\n") == 1


def test_symlink_inside_output_dir_cannot_lead_out(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (out / "link").symlink_to(tmp_path / "elsewhere")
    with OutputDir(out) as od:
        with pytest.raises(Exception, match="would leave"):
            od.target("link/x.json")
        assert od.target("ok/x.json") == (out / "ok/x.json").resolve()


def test_file_named_directly_keeps_its_path(tmp_path: Path) -> None:
    from claimx.inputs import Document

    doc = Document(id="notes/a.txt", source="notes/a.txt", text="x")
    assert document_name(doc, []) == "notes/a.txt"
    absolute = Document(id="/data/in/a.txt", source="/data/in/a.txt", text="x")
    assert document_name(absolute, ["/data/in"]) == "a.txt"
    assert document_name(absolute, []) == "data/in/a.txt"


# --------------------------------------------------------------------------- manifest


def test_rerun_skips_finished_work_and_force_redoes_it(tmp_path: Path, capfd, monkeypatch) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    args = ["extract", str(corpus), "--output-dir", str(out)]
    code, _, err = run_cli(args, capfd, monkeypatch)
    assert code == 0 and "skipped" not in err
    first = tree(out)

    code, _, err = run_cli(args, capfd, monkeypatch)
    assert code == 0 and "5 skipped" in err
    assert tree(out) == first

    # a changed input, an edited output: only those two are redone
    (corpus / "b.txt").write_text("Serbia does not recognise Kosovo, officials said.\n")
    (out / "a.txt.json").write_text("{}\n")
    code, _, err = run_cli(args, capfd, monkeypatch)
    assert code == 0 and "3 skipped" in err
    assert (out / "a.txt.json").read_bytes() == first["a.txt.json"]

    # options that change the output are part of the key
    code, _, err = run_cli([*args, "--ref-date", "2021-09-27"], capfd, monkeypatch)
    assert code == 0 and "skipped" not in err

    code, _, err = run_cli([*args, "--ref-date", "2021-09-27", "--force"], capfd, monkeypatch)
    assert code == 0 and "skipped" not in err


def test_force_needs_output_dir(capfd, monkeypatch, tmp_path: Path) -> None:
    code, _, err = run_cli(["extract", "--force", str(make_corpus(tmp_path))], capfd, monkeypatch)
    assert code == 2 and "--force" in err


def test_interrupted_run_then_rerun_matches_an_uninterrupted_run(
    tmp_path: Path, capfd, monkeypatch
) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    import claimx.extract.document as document

    straight = tmp_path / "straight"
    code, _, _ = run_cli(["extract", str(corpus), "-O", str(straight)], capfd, monkeypatch)
    assert code == 0

    import claimx.batch as batch

    monkeypatch.setattr(batch, "BATCH_DOCS", 1)  # a file lands after every document
    real = document.build_result
    calls = 0

    def interrupted(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        if calls == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    resumed = tmp_path / "resumed"
    monkeypatch.setattr(document, "build_result", interrupted)
    code, _, err = run_cli(["extract", str(corpus), "-O", str(resumed)], capfd, monkeypatch)
    assert code == 130 and "Traceback" not in err
    partial = tree(resumed)
    outputs = {p: data for p, data in partial.items() if not p.startswith(".claimx/")}
    assert len(outputs) == 2
    assert all(json.loads(data) for data in outputs.values())  # every file whole
    assert not list((resumed / ".claimx" / "tmp").glob("*"))

    monkeypatch.setattr(document, "build_result", real)
    code, _, err = run_cli(["extract", str(corpus), "-O", str(resumed)], capfd, monkeypatch)
    assert code == 0 and "2 skipped" in err
    assert tree(resumed) == tree(straight)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_on_a_worker_run_exits_130_without_partial_files(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(40):
        (corpus / f"{n:03}.txt").write_text(TEXTS["a.txt"] * 20)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "claimx", "extract", "-j", "2", str(corpus), "-O", str(out)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if any(out.glob("*.json")):
            break
        time.sleep(0.05)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the run finished before it could be interrupted")
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    for path in out.glob("*.json"):
        json.loads(path.read_text())
    assert not list((out / ".claimx" / "tmp").glob("*"))


# --------------------------------------------------------------------------- long documents


def test_long_document_is_read_in_sections_with_exact_offsets(nlp, monkeypatch) -> None:
    paragraphs = [
        "LONDON (Reuters) - Police said on Monday that two roads were closed.",
        "The European Union said on Friday it had sent 5,000 tents to Turkey.",
        "Serbia does not recognise Kosovo, the minister said in 2008.",
        "NATO said its troops might stay for at least 60 days, officials said.",
    ]
    text = "\n\n".join(paragraphs) * 3 + "\n"
    monkeypatch.setattr(nlp, "max_length", 160)  # a pipeline's own limit is kept
    result = extract_text(text)
    assert result.text == text
    spans = [*result.times, *result.quantities, *result.entities, *result.claims]
    assert len(result.claims) >= 12 and result.quantities and result.entities
    for span in spans:
        assert text[span.start : span.end] == span.text
    ids = [c.id for c in result.claims]
    assert len(ids) == len(set(ids))
    actors = {a.id for a in result.actors}
    assert all(a in actors for c in result.claims for a in c.actors)
    assert all(e.actor in actors for e in result.entities if e.actor)


# --------------------------------------------------------------------------- progress, summary


def test_tally_summary() -> None:
    tally = Tally()
    tally.add(Outcome("a", "a", "{}", claims=3, words=10))
    tally.add(Outcome("b", "b", "{}", error_kind="empty", error_message="empty file"))
    tally.add(Outcome("c", "c", "", claims=2, skipped=True))
    summary = tally.summary()
    assert summary.startswith("3 documents, 5 claims, 1 failed, 1 skipped (done before) (")
    assert summary.endswith(" s)")


def test_estimate_total(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    (corpus / ".hidden.txt").write_text("x")
    docs = tmp_path / "d.jsonl"
    docs.write_text('{"id": "1", "text": "a"}\n\n{"id": "2", "text": "b"}\n')
    assert estimate_total([str(corpus), str(docs)]) == 7
    assert estimate_total([str(corpus)], glob="*.txt") == 4
    assert estimate_total(["-"]) is None
