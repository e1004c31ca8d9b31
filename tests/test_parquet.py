"""Parquet output: declared schemas, every input a documents row, readable by DuckDB and pandas.

Fast: the records come from the seed's golden file and by hand, no pipeline.
"""

from __future__ import annotations

import builtins
import datetime as dt
import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import fsspec
import pandas
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from claimx.errors import ClaimxError
from claimx.records import (
    DocumentResult,
    ErrorInfo,
    ErrorRecord,
    QuantityMention,
    ReferenceDate,
    Result,
    TimeMention,
    result_adapter,
)
from claimx.render import parquet
from claimx.render.parquet import (
    MISSING_PYARROW,
    ParquetTableWriter,
    TableName,
    claims_schema,
    documents_schema,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def golden() -> DocumentResult:
    data = json.loads((SEEDS / "kosovo-plates-reuters.golden.json").read_text(encoding="utf-8"))
    record = result_adapter().validate_python(data)
    assert isinstance(record, DocumentResult)
    return record


GOLDEN = golden()
ERROR = ErrorRecord(
    id="bad.pdf", source="in/bad.pdf", error=ErrorInfo(kind="binary", message="binary file")
)
NO_CLAIMS = DocumentResult(
    id="quiet",
    source="in/quiet.txt",
    reference_date=ReferenceDate(value=None, source="none"),
    text="",
    meta={"lang": "en", "tags": ["a", "é"]},
)
RECORDS: list[Result] = [NO_CLAIMS, GOLDEN, ERROR]


def sql(query: str) -> list[tuple[Any, ...]]:
    relation = duckdb.sql(query)
    assert relation is not None
    return relation.fetchall()


def write(path: Path, records: list[Result], table: TableName, **options: Any) -> Path:
    with ParquetTableWriter(path, table, **options) as writer:
        for record in records:
            writer.write(record)
    return path


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    """Both tables of RECORDS, as paths for read_parquet."""
    return {
        table: str(write(tmp_path / f"{table}.parquet", RECORDS, table)) for table in parquet.TABLES
    }


# --- schemas -------------------------------------------------------------------------------

CLAIM_COLUMNS = [
    ("document_id", pa.string(), False),
    ("document_source", pa.string(), False),
    ("title", pa.string(), True),
    ("reference_date", pa.date32(), True),
    ("claim_id", pa.string(), False),
    ("text", pa.string(), False),
    ("start", pa.int64(), False),
    ("end", pa.int64(), False),
    ("date", pa.string(), True),
    ("date_source", pa.string(), False),
    ("attribution_source", pa.string(), True),
    ("attribution_source_actor_id", pa.string(), True),
    ("attribution_source_actor_name", pa.string(), True),
    ("cue", pa.string(), True),
    ("cue_class", pa.string(), True),
    ("direct_quote", pa.bool_(), True),
    ("negated", pa.bool_(), False),
    ("hedged", pa.bool_(), False),
    ("actor_ids", pa.list_(pa.field("element", pa.string(), nullable=False)), False),
    ("actor_names", pa.list_(pa.field("element", pa.string())), False),
    (
        "times",
        pa.list_(
            pa.field(
                "element",
                pa.struct(
                    [
                        pa.field("text", pa.string(), nullable=False),
                        pa.field("type", pa.string(), nullable=False),
                        pa.field("value", pa.string()),
                    ]
                ),
                nullable=False,
            )
        ),
        False,
    ),
    (
        "quantities",
        pa.list_(
            pa.field(
                "element",
                pa.struct(
                    [
                        pa.field("text", pa.string(), nullable=False),
                        pa.field("value", pa.float64()),
                        pa.field("low", pa.float64()),
                        pa.field("high", pa.float64()),
                        pa.field("unit", pa.string()),
                        pa.field("counted", pa.string()),
                        pa.field("kind", pa.string(), nullable=False),
                        pa.field("approximate", pa.bool_(), nullable=False),
                        pa.field("comparator", pa.string(), nullable=False),
                    ]
                ),
                nullable=False,
            )
        ),
        False,
    ),
]


def test_claims_schema_is_exactly_declared() -> None:
    schema = claims_schema()
    assert [(f.name, f.type, f.nullable) for f in schema] == CLAIM_COLUMNS


def test_documents_columns_are_the_record_fields_plus_error_and_typed_date() -> None:
    names = list(DocumentResult.model_fields)
    names.insert(names.index("source") + 1, "error")
    names.insert(names.index("reference_date") + 1, "reference_date_value")
    assert documents_schema().names == names


def struct(*fields: tuple[str, pa.DataType, bool]) -> pa.DataType:
    return pa.struct([pa.field(n, t, nullable=null) for n, t, null in fields])


def items(t: pa.DataType) -> pa.DataType:
    return pa.list_(pa.field("element", t, nullable=False))


SPAN = [("text", pa.string(), False), ("start", pa.int64(), False), ("end", pa.int64(), False)]


@pytest.mark.parametrize(
    ("column", "arrow_type", "nullable"),
    [
        ("id", pa.string(), False),
        ("source", pa.string(), False),
        ("error", struct(("kind", pa.string(), False), ("message", pa.string(), False)), True),
        ("title", pa.string(), True),
        (
            "reference_date",
            struct(("value", pa.string(), True), ("source", pa.string(), False)),
            True,
        ),
        ("reference_date_value", pa.date32(), True),
        ("warnings", items(pa.string()), True),
        ("text", pa.string(), True),
        ("meta", pa.string(), True),
        ("boilerplate", items(struct(*SPAN)), True),
        (
            "entities",
            items(struct(*SPAN, ("label", pa.string(), False), ("actor", pa.string(), True))),
            True,
        ),
    ],
)
def test_documents_key_column_types(column: str, arrow_type: pa.DataType, nullable: bool) -> None:
    field = documents_schema().field(column)
    assert (field.type, field.nullable) == (arrow_type, nullable)


@pytest.mark.parametrize(
    ("column", "model"),
    [("times", TimeMention), ("quantities", QuantityMention)],
)
def test_nested_structs_follow_the_records(column: str, model: type[Any]) -> None:
    element = documents_schema().field(column).type.value_type
    assert [f.name for f in element] == list(model.model_fields)
    for field in element:  # descriptions travel into the Arrow metadata
        assert field.metadata[b"description"].decode() == model.model_fields[field.name].description


def test_quantity_and_time_types_in_documents() -> None:
    quantity = documents_schema().field("quantities").type.value_type
    time = documents_schema().field("times").type.value_type
    assert quantity.field("value").type == pa.float64()
    assert quantity.field("approximate").type == pa.bool_()
    assert time.field("value").type == pa.string()
    resolution = time.field("resolution")
    assert resolution.nullable and resolution.type.field("ambiguous").type == pa.bool_()


def leaf_types(t: pa.DataType) -> set[pa.DataType]:
    if pa.types.is_list(t):
        return leaf_types(t.value_type)
    if pa.types.is_struct(t):
        return set().union(*(leaf_types(f.type) for f in t))
    return {t}


@pytest.mark.parametrize("schema", [documents_schema, claims_schema])
def test_only_types_spark_reads(schema: Callable[[], pa.Schema]) -> None:
    leaves = set().union(*(leaf_types(f.type) for f in schema()))
    assert leaves <= {pa.string(), pa.int64(), pa.float64(), pa.bool_(), pa.date32()}


def test_every_column_is_described() -> None:
    for schema in (documents_schema(), claims_schema()):
        for field in schema:
            assert field.metadata and field.metadata[b"description"], field.name


def test_a_nested_dict_or_odd_type_is_refused_not_guessed() -> None:
    with pytest.raises(TypeError, match="JSON column only"):
        parquet._arrow_type(dict[str, Any], where="X.y")
    with pytest.raises(TypeError, match="no Arrow type"):
        parquet._arrow_type(bytes, where="X.y")
    with pytest.raises(TypeError, match="union"):
        parquet._arrow_type(int | str, where="X.y")


@pytest.mark.parametrize(
    "records",
    [[], [NO_CLAIMS], [ERROR, NO_CLAIMS, GOLDEN]],
    ids=["empty", "no-claims", "claimless-first"],
)
@pytest.mark.parametrize("table", parquet.TABLES)
def test_written_schema_never_depends_on_the_data(
    tmp_path: Path, records: list[Result], table: TableName
) -> None:
    path = write(tmp_path / "t.parquet", records, table)
    assert pq.read_schema(path).equals(parquet.schema(table), check_metadata=True)


def test_an_empty_input_is_a_valid_empty_table(tmp_path: Path) -> None:
    for table in parquet.TABLES:
        path = write(tmp_path / f"{table}.parquet", [], table)
        read = pq.read_table(path)
        assert read.num_rows == 0 and read.schema.equals(parquet.schema(table))
        assert sql(f"select count(*) from read_parquet('{path}')") == [(0,)]


# --- values --------------------------------------------------------------------------------


def test_documents_rows_account_for_every_input(files: dict[str, str]) -> None:
    rows = pq.read_table(files["documents"]).to_pylist()
    assert [(r["id"], r["source"], r["error"]) for r in rows] == [
        ("quiet", "in/quiet.txt", None),
        (GOLDEN.id, GOLDEN.source, None),
        ("bad.pdf", "in/bad.pdf", {"kind": "binary", "message": "binary file"}),
    ]
    error_row = rows[2]
    assert all(v is None for k, v in error_row.items() if k not in ("id", "source", "error"))
    assert rows[0]["claims"] == [] and rows[0]["reference_date_value"] is None
    assert json.loads(rows[0]["meta"]) == {"lang": "en", "tags": ["a", "é"]}


def test_documents_row_holds_the_whole_record(files: dict[str, str]) -> None:
    row = pq.read_table(files["documents"]).to_pylist()[1]
    assert row["reference_date_value"] == dt.date(2021, 9, 27)
    row.pop("reference_date_value")
    row.pop("error")
    row["meta"] = json.loads(row["meta"])
    assert row == GOLDEN.model_dump(mode="json")


def test_claims_rows_round_trip(files: dict[str, str]) -> None:
    rows = pq.read_table(files["claims"]).to_pylist()
    assert [r["claim_id"] for r in rows] == [c.id for c in GOLDEN.claims]
    assert [r["text"] for r in rows] == [c.text for c in GOLDEN.claims]
    assert [r["date"] for r in rows] == [c.date for c in GOLDEN.claims]
    assert {r["document_id"] for r in rows} == {GOLDEN.id}  # no row from the error, the quiet one
    by_id = {r["claim_id"]: r for r in rows}
    c9 = by_id["c9"]
    assert (
        c9["attribution_source"],
        c9["attribution_source_actor_id"],
        c9["attribution_source_actor_name"],
        c9["cue"],
        c9["cue_class"],
        c9["direct_quote"],
    ) == ("Kosovo's NATO mission", "a1", "NATO", "said", "assert", True)
    assert c9["quantities"] == [
        {
            "text": "5,000 troops",
            "value": 5000.0,
            "low": None,
            "high": None,
            "unit": None,
            "counted": "troops",
            "kind": "count",
            "approximate": False,
            "comparator": "=",
        }
    ]
    assert c9["times"] == [{"text": "Monday", "type": "DATE", "value": "2021-09-27"}]
    assert (c9["document_source"], c9["title"], c9["reference_date"]) == (
        GOLDEN.source,
        GOLDEN.title,
        dt.date(2021, 9, 27),
    )
    c3 = by_id["c3"]
    assert c3["actor_ids"] == ["a4", "a2", "a1", "a6"]
    assert c3["actor_names"] == ["Serbs", "Kosovo", "NATO", "European Union"]
    assert [q["value"] for q in c3["quantities"]] == [2.0, 2.0]
    c1 = by_id["c1"]
    assert (c1["attribution_source"], c1["cue"], c1["direct_quote"]) == (None, None, None)
    assert c1["negated"] is False and by_id["c6"]["negated"] is True


@pytest.mark.parametrize(
    ("value", "stored"),
    [(5000.0, 5000.0), (0.25, 0.25), (float("inf"), None), (None, None)],
)
def test_quantity_values_as_the_json_gives_them(value: float | None, stored: float | None) -> None:
    quantity = GOLDEN.quantities[4].model_copy(update={"value": value})
    record = GOLDEN.model_copy(update={"quantities": [*GOLDEN.quantities[:4], quantity]})
    documents = parquet.to_table([record], "documents").to_pylist()
    claims = parquet.to_table([record], "claims").to_pylist()
    assert documents[0]["quantities"][4]["value"] == stored
    c9 = next(row for row in claims if row["claim_id"] == "c9")
    assert [q["value"] for q in c9["quantities"]] == [stored]


def test_an_index_or_actor_the_document_lacks_is_dropped_or_null() -> None:
    claim = GOLDEN.claims[0].model_copy(update={"times": [0, 99], "actors": ["a1", "a99"]})
    record = GOLDEN.model_copy(update={"claims": [claim]})
    [row] = parquet.claim_rows(record)
    assert [t["text"] for t in row["times"]] == ["Monday"]
    assert (row["actor_ids"], row["actor_names"]) == (["a1", "a99"], ["NATO", None])


# --- readers -------------------------------------------------------------------------------


def test_duckdb_unnests_the_documents_times(files: dict[str, str]) -> None:
    got = sql(
        f"""
        select d.id, t.value, t.type
        from read_parquet('{files["documents"]}') d, unnest(d.times) as u(t)
        order by d.id, t.start
        """
    )
    assert got == [(GOLDEN.id, t.value, t.type) for t in GOLDEN.times]
    errors = sql(
        f"select id, error.kind from read_parquet('{files['documents']}') where error is not null"
    )
    assert errors == [("bad.pdf", "binary")]
    [(day,)] = sql(f"select max(reference_date_value) from read_parquet('{files['documents']}')")
    assert day == dt.date(2021, 9, 27)


def test_duckdb_counts_claims_per_source(files: dict[str, str]) -> None:
    got = sql(
        f"""
        select attribution_source_actor_name, count(*) as claims, bool_or(direct_quote)
        from read_parquet('{files["claims"]}')
        where attribution_source is not null
        group by 1 order by 2 desc, 1
        """
    )
    assert got == [("Kosovo government", 1, False), ("NATO", 1, True), ("police", 1, False)]
    [(total, hedged, durations)] = sql(
        f"""
        select count(*), count(*) filter (where hedged),
               sum(len(list_filter(quantities, lambda q: q.kind = 'duration')))
        from read_parquet('{files["claims"]}')
        """
    )
    assert (total, hedged, durations) == (len(GOLDEN.claims), 0, 1)


def test_pandas_reads_both_tables(files: dict[str, str]) -> None:
    documents = pandas.read_parquet(files["documents"])
    claims = pandas.read_parquet(files["claims"])
    assert list(documents["id"]) == ["quiet", GOLDEN.id, "bad.pdf"]
    assert documents["error"].iloc[2] == {"kind": "binary", "message": "binary file"}
    assert list(claims.columns) == [name for name, _, _ in CLAIM_COLUMNS]
    assert len(claims) == len(GOLDEN.claims)
    assert claims["start"].dtype == "int64" and claims["negated"].dtype == "bool"
    assert claims.groupby("document_id").size().to_dict() == {GOLDEN.id: len(GOLDEN.claims)}


# --- the writer ----------------------------------------------------------------------------


@pytest.mark.parametrize("table", parquet.TABLES)
def test_same_records_same_bytes(tmp_path: Path, table: TableName) -> None:
    one = write(tmp_path / "one.parquet", RECORDS, table).read_bytes()
    two = write(tmp_path / "two.parquet", RECORDS, table).read_bytes()
    assert one == two
    # nothing that varies by run: the Parquet footer has no time field of its own, and its
    # key-value metadata is only the Arrow schema
    metadata = pq.read_metadata(io.BytesIO(one))
    assert set(metadata.metadata) == {b"ARROW:schema"}
    assert metadata.created_by.startswith("parquet-cpp-arrow version")


@pytest.mark.parametrize(
    ("records", "row_group_size", "batch_size", "documents_groups", "claims_groups"),
    [
        # the error and the claimless document give no claims row: no empty row group either
        (6, 2, 1, [2, 2, 2], [14, 14]),
        (6, 4, 3, [4, 2], [14, 14]),
        (6, 1024, 256, [6], [28]),
        (1, 1, 1, [1], []),
    ],
)
def test_a_row_group_every_n_documents(
    tmp_path: Path,
    records: int,
    row_group_size: int,
    batch_size: int,
    documents_groups: list[int],
    claims_groups: list[int],
) -> None:
    inputs: list[Result] = [NO_CLAIMS, GOLDEN, ERROR] * (records // 3) or [NO_CLAIMS]
    tables: list[tuple[TableName, list[int]]] = [
        ("documents", documents_groups),
        ("claims", claims_groups),
    ]
    for table, expected in tables:
        path = tmp_path / f"{table}.parquet"
        write(path, inputs, table, row_group_size=row_group_size, batch_size=batch_size)
        metadata = pq.read_metadata(path)
        sizes = [metadata.row_group(i).num_rows for i in range(metadata.num_row_groups)]
        assert sizes == expected, table


def test_writes_to_file_objects_and_fsspec_and_leaves_them_open() -> None:
    buffer = io.BytesIO()
    with ParquetTableWriter(buffer, "claims") as writer:
        writer.write(GOLDEN)
    assert not buffer.closed
    assert (writer.documents, writer.rows) == (1, len(GOLDEN.claims))
    assert pq.read_table(io.BytesIO(buffer.getvalue())).num_rows == len(GOLDEN.claims)

    fs = fsspec.filesystem("memory")
    with fs.open("/claimx-test/documents/part-00000.parquet", "wb") as out:
        list(parquet.write(RECORDS, out, "documents"))
        assert not out.closed
    with fs.open("/claimx-test/documents/part-00000.parquet", "rb") as back:
        assert pq.read_table(back).column("id").to_pylist() == ["quiet", GOLDEN.id, "bad.pdf"]
    fs.rm("/claimx-test", recursive=True)


def test_write_passes_records_on_and_closes_at_the_end(tmp_path: Path) -> None:
    path = tmp_path / "d.parquet"
    assert list(parquet.write(RECORDS, path)) == RECORDS
    assert pq.read_table(path).num_rows == len(RECORDS)


def test_an_error_midway_leaves_a_valid_file_of_what_was_written(tmp_path: Path) -> None:
    path = tmp_path / "d.parquet"
    with pytest.raises(RuntimeError), ParquetTableWriter(path) as writer:
        writer.write(GOLDEN)
        raise RuntimeError("stopped")
    assert writer.closed
    assert pq.read_table(path).column("id").to_pylist() == [GOLDEN.id]
    writer.close()  # twice is harmless
    with pytest.raises(ValueError, match="closed"):
        writer.write(GOLDEN)


@pytest.mark.parametrize(
    ("table", "options", "message"),
    [
        ("tables", {}, "no Parquet table 'tables'"),
        ("claims", {"row_group_size": 0}, "at least 1"),
        ("claims", {"batch_size": 0}, "at least 1"),
    ],
)
def test_bad_arguments(tmp_path: Path, table: Any, options: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ParquetTableWriter(tmp_path / "x.parquet", table, **options)


# --- pyarrow is optional ----------------------------------------------------------------------


def hide_by_sys_modules(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("pyarrow", "pyarrow.parquet"):
        monkeypatch.setitem(sys.modules, name, None)


def hide_by_import(monkeypatch: pytest.MonkeyPatch) -> None:
    real = builtins.__import__

    def fake(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "pyarrow" or name.startswith("pyarrow."):
            raise ModuleNotFoundError(f"No module named {name!r}")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake)


@pytest.mark.parametrize("hide", [hide_by_sys_modules, hide_by_import])
@pytest.mark.parametrize(
    "use",
    [
        lambda tmp: documents_schema(),
        lambda tmp: claims_schema(),
        lambda tmp: parquet.to_table([GOLDEN], "claims"),
        lambda tmp: ParquetTableWriter(tmp / "x.parquet"),
        lambda tmp: list(parquet.write([GOLDEN], tmp / "x.parquet", "claims")),
    ],
    ids=["documents_schema", "claims_schema", "to_table", "writer", "write"],
)
def test_missing_pyarrow_is_a_claimx_error(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    hide: Callable[[pytest.MonkeyPatch], None],
    use: Callable[[Path], object],
) -> None:
    hide(monkeypatch)
    with pytest.raises(ClaimxError) as caught:
        use(tmp_path)
    assert str(caught.value) == MISSING_PYARROW
    assert MISSING_PYARROW == "--format parquet needs pyarrow: pip install 'claimx[parquet]'"
    assert not (tmp_path / "x.parquet").exists()  # nothing half-made


def test_importing_the_module_does_not_import_pyarrow() -> None:
    code = "import sys, claimx.render.parquet; print('pyarrow' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"
