"""Parquet: a documents table and a flat claims table, typed, for DuckDB, pandas and Spark.

Two tables, each with a declared schema (never inferred from the data, so an
empty file, or one whose first documents have no claims, has the same columns
and types as any other):

``documents`` (:func:`documents_schema`)
    One row per input, in input order, so every input is accounted for. The
    columns are the fields of :class:`~claimx.records.DocumentResult`, derived
    from the Pydantic model so the table cannot drift from the JSON records:
    the nested records stay nested (``times``, ``quantities``, ``entities``,
    ``actors``, ``claims`` are lists of structs a DuckDB user can ``unnest``),
    ``meta`` (free-form) is a JSON string. Two columns are added: ``error``
    (struct ``{kind, message}``) after ``source``, set only on the row of an
    :class:`~claimx.records.ErrorRecord`, whose other data columns are null;
    and ``reference_date_value`` (date32) after the ``reference_date`` struct,
    the same date typed for date filters (``reference_date`` keeps the
    record's name and shape, so queries written against the JSON output work).

``claims`` (:func:`claims_schema`)
    One row per claim, flat; an error record or a document without claims
    gives no row. The document's path is ``document_source`` and the claim's
    attributed source (the speaker as written) is ``attribution_source``:
    there is no bare ``source`` column, because in the JSON records and the
    CSV ``source`` is the path, and a claims table reusing the name for the
    speaker would be read wrongly. ``attribution_source_actor_id`` and
    ``attribution_source_actor_name`` are the speaker's actor;
    ``actor_ids``/``actor_names`` are aligned lists. ``date`` stays a string:
    it is a TIMEX3 value ("2021-09", "2021-W38"), not always a day.

Types are the ones Spark reads: string, int64, float64, bool, date32, lists
and structs (no unsigned integers, no timestamps). Each field carries its
record field's description as Arrow field metadata (``description``).

pyarrow is an optional extra (``claimx[parquet]``): it is imported inside the
functions, never at module import, so ``claimx --help`` stays instant; without
it every entry point raises :class:`~claimx.errors.ClaimxError`.

Writing streams: :class:`ParquetTableWriter` turns the rows of every
:data:`BATCH_SIZE` documents into an Arrow batch (compact, unlike Python
dicts) and writes the batches of :data:`ROW_GROUP_SIZE` documents as one row
group, so memory stays flat however many documents pass. The bytes depend on
the records only: Parquet files carry no timestamp, and the writer pins every
option that shapes the bytes, so the same records give the same file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any, Final, Literal, Protocol, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from claimx.errors import ClaimxError
from claimx.records import (
    Attribution,
    Claim,
    DocumentResult,
    ErrorRecord,
    QuantityMention,
    Result,
    SourceSpan,
    Span,
    TimeMention,
)

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.parquet as pq

TableName = Literal["documents", "claims"]

#: the tables, in the order a writer of both lays them out
TABLES: Final[tuple[TableName, ...]] = ("documents", "claims")

#: documents per row group. The footer holds ~15 kB of metadata per row group
#: of the documents table (86 leaf columns, their statistics), which the writer
#: keeps in memory and a reader parses first: 1,024 documents make a million
#: documents ~1,000 row groups (a ~15 MB footer; 256 would make it ~60 MB),
#: while the row group buffered is ~10 MB of Arrow data for news articles
ROW_GROUP_SIZE: Final = 1024

#: documents whose rows are buffered as Python dicts (tens of kB a news article)
#: before they become one Arrow batch (~11 kB of Arrow data an article)
BATCH_SIZE: Final = 256

#: zstd: the text columns come out about a third smaller than with snappy, and
#: DuckDB, pandas (pyarrow) and Spark (3.2 and later) all read it
COMPRESSION: Final = "zstd"

MISSING_PYARROW: Final = "--format parquet needs pyarrow: pip install 'claimx[parquet]'"

#: the fields of a time and of a quantity that a claims row carries
CLAIM_TIME_FIELDS: Final = ("text", "type", "value")
CLAIM_QUANTITY_FIELDS: Final = (
    "text",
    "value",
    "low",
    "high",
    "unit",
    "counted",
    "kind",
    "approximate",
    "comparator",
)

#: the description every Arrow field carries in its metadata under this key
DESCRIPTION: Final = b"description"


class BinarySink(Protocol):
    """A writable binary file: ``open(..., "wb")``, ``io.BytesIO``, an fsspec file."""

    def write(self, data: bytes, /) -> object: ...


Where = str | os.PathLike[str] | BinarySink


def _arrow() -> tuple[Any, Any]:
    """pyarrow and pyarrow.parquet, or the one-line error naming the extra."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as error:
        raise ClaimxError(MISSING_PYARROW) from error
    return pyarrow, pyarrow.parquet


# --- schemas -------------------------------------------------------------------------------


def _metadata(description: str | None) -> dict[bytes, bytes] | None:
    return {DESCRIPTION: description.encode()} if description else None


def _arrow_type(annotation: Any, *, where: str, json_ok: bool = False) -> tuple[pa.DataType, bool]:
    """The Arrow type of a Python annotation and whether it admits null.

    Anything not in the mapping is a TypeError, so a record field of a new
    kind fails the schema build (and the tests) instead of being guessed.
    ``dict`` becomes a JSON string only where a row builder serialises it
    (``json_ok``, the top level of a document); nested, it would reach
    pyarrow as a dict and fail at write time, so it fails here instead.
    """
    pa, _ = _arrow()
    origin = get_origin(annotation)
    if origin in (types.UnionType, typing.Union):
        members = [a for a in get_args(annotation) if a is not type(None)]
        if len(members) != 1:
            raise TypeError(f"{where}: no Arrow type for the union {annotation!r}")
        arrow, _nullable = _arrow_type(members[0], where=where, json_ok=json_ok)
        return arrow, len(members) < len(get_args(annotation))
    if origin is Literal:
        if not all(isinstance(a, str) for a in get_args(annotation)):
            raise TypeError(f"{where}: only string literals map to Arrow: {annotation!r}")
        return pa.string(), False
    if origin is list:
        (item,) = get_args(annotation)
        arrow, nullable = _arrow_type(item, where=f"{where}[]")
        return pa.list_(pa.field("element", arrow, nullable=nullable)), False
    if origin is dict or annotation is dict:
        if not json_ok:
            raise TypeError(f"{where}: a dict is a JSON column only at a document's top level")
        return pa.string(), False
    simple = {str: pa.string(), bool: pa.bool_(), int: pa.int64(), float: pa.float64()}
    if annotation in simple:
        return simple[annotation], False
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return pa.struct(_model_fields(annotation, where=where)), False
    raise TypeError(f"{where}: no Arrow type for {annotation!r}")


def _model_fields(
    model: type[BaseModel], *, where: str, only: Iterable[str] | None = None
) -> list[pa.Field]:
    """Arrow fields of a record's fields (or of the ``only`` ones, in that order)."""
    names = list(model.model_fields) if only is None else list(only)
    return [_field(name, model.model_fields[name], where=f"{where}.{name}") for name in names]


def _field(
    name: str,
    info: FieldInfo,
    *,
    where: str,
    nullable: bool | None = None,
    description: str | None = None,
    json_ok: bool = False,
) -> pa.Field:
    """The Arrow field of one record field: its type, nullability and description."""
    pa, _ = _arrow()
    arrow, may_be_null = _arrow_type(info.annotation, where=where, json_ok=json_ok)
    return pa.field(
        name,
        arrow,
        nullable=may_be_null if nullable is None else nullable,
        metadata=_metadata(description or info.description),
    )


@cache
def _json_columns() -> tuple[str, ...]:
    """The document fields held as JSON strings (free-form dicts: ``meta``)."""
    return tuple(
        name
        for name, info in DocumentResult.model_fields.items()
        if info.annotation is dict or get_origin(info.annotation) is dict
    )


ERROR_DESCRIPTION: Final = (
    "What went wrong with the input, set only on the row of an error record (whose other data "
    "columns are then null); null for a processed document."
)
REFERENCE_DAY_DESCRIPTION: Final = (
    "The reference date (`reference_date.value`) typed as a date, for date filters; null when "
    "there is none or for an error record."
)


def documents_schema() -> pa.Schema:
    """The schema of the documents table: one row per input.

    The fields of ``DocumentResult`` in order, with ``error`` after ``source``
    and ``reference_date_value`` after ``reference_date``. Only ``id`` and
    ``source`` are never null: every other column is null on an error row.
    """
    _arrow()
    return _documents_schema()


@cache
def _documents_schema() -> pa.Schema:
    pa, _ = _arrow()
    fields: list[Any] = []
    for name, info in DocumentResult.model_fields.items():
        always = name in ("id", "source")
        fields.append(
            _field(name, info, where=f"DocumentResult.{name}", nullable=not always, json_ok=True)
        )
        if name == "source":
            fields.append(
                _field(
                    "error",
                    ErrorRecord.model_fields["error"],
                    where="ErrorRecord.error",
                    nullable=True,
                    description=ERROR_DESCRIPTION,
                )
            )
        if name == "reference_date":
            fields.append(
                pa.field(
                    "reference_date_value",
                    pa.date32(),
                    metadata=_metadata(REFERENCE_DAY_DESCRIPTION),
                )
            )
    return pa.schema(fields)


def claims_schema() -> pa.Schema:
    """The schema of the claims table: one flat row per claim (see the module docstring)."""
    _arrow()
    return _claims_schema()


@cache
def _claims_schema() -> pa.Schema:
    pa, _ = _arrow()
    attribution = Attribution.model_fields

    def of(model: type[BaseModel], name: str, column: str | None = None, **options: Any) -> Any:
        field = model.model_fields[name]
        return _field(column or name, field, where=f"{model.__name__}.{name}", **options)

    def listed(model: type[BaseModel], only: Iterable[str]) -> Any:
        item = pa.struct(_model_fields(model, where=model.__name__, only=only))
        return pa.list_(pa.field("element", item, nullable=False))

    return pa.schema(
        [
            of(DocumentResult, "id", "document_id"),
            of(
                DocumentResult,
                "source",
                "document_source",
                description="The document's path or URL as given, or '-' (not the claim's "
                "attributed source: that is `attribution_source`).",
            ),
            of(DocumentResult, "title"),
            pa.field(
                "reference_date",
                pa.date32(),
                metadata=_metadata(
                    "The document's reference date as a date; null when it has none."
                ),
            ),
            of(Claim, "id", "claim_id"),
            of(Claim, "text"),
            of(Claim, "start"),
            of(Claim, "end"),
            of(Claim, "date"),
            of(Claim, "date_source"),
            of(
                SourceSpan,
                "text",
                "attribution_source",
                nullable=True,
                description="The claim's attributed source as written ('Kosovo's NATO "
                "mission', 'he'); null when the claim is unattributed or names no source.",
            ),
            of(SourceSpan, "actor", "attribution_source_actor_id"),
            pa.field(
                "attribution_source_actor_name",
                pa.string(),
                metadata=_metadata(
                    "Canonical name of the attributed source's actor ('European Union'); "
                    "null when the source is joined to no actor."
                ),
            ),
            of(
                Span,
                "text",
                "cue",
                nullable=True,
                description="The reporting cue ('said', 'according to'); null when unattributed.",
            ),
            of(Attribution, "cue_class"),
            of(
                Attribution,
                "direct_quote",
                nullable=True,
                description=f"{attribution['direct_quote'].description} Null when unattributed.",
            ),
            of(Claim, "negated"),
            of(Claim, "hedged"),
            of(Claim, "actors", "actor_ids"),
            pa.field(
                "actor_names",
                pa.list_(pa.field("element", pa.string(), nullable=True)),
                nullable=False,
                metadata=_metadata(
                    "Canonical names of `actor_ids`, position for position (null for an id "
                    "the document does not list)."
                ),
            ),
            pa.field(
                "times",
                listed(TimeMention, CLAIM_TIME_FIELDS),
                nullable=False,
                metadata=_metadata(
                    "The time mentions inside the claim (its indices into the document's "
                    "`times` spelled out)."
                ),
            ),
            pa.field(
                "quantities",
                listed(QuantityMention, CLAIM_QUANTITY_FIELDS),
                nullable=False,
                metadata=_metadata(
                    "The quantities inside the claim (its indices into the document's "
                    "`quantities` spelled out)."
                ),
            ),
        ]
    )


def schema(table: TableName) -> pa.Schema:
    """The schema of ``table``: ``"documents"`` or ``"claims"``."""
    return _SCHEMAS[_check(table)]()


# --- rows ----------------------------------------------------------------------------------


def _day(value: str | None) -> dt.date | None:
    """A 'YYYY-MM-DD' reference date as a date (null if it is not one: the string stays)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def document_rows(record: Result) -> list[dict[str, Any]]:
    """The documents-table row of one record (a list, like :func:`claim_rows`)."""
    if isinstance(record, ErrorRecord):
        return [{"id": record.id, "source": record.source, "error": record.error.model_dump()}]
    # the JSON form: numbers as the JSON output has them (an infinite value is null)
    row = record.model_dump(mode="json")
    for name in _json_columns():
        row[name] = json.dumps(row[name], ensure_ascii=False, separators=(",", ":"))
    row["reference_date_value"] = _day(record.reference_date.value)
    return [row]


def claim_rows(record: Result) -> list[dict[str, Any]]:
    """The claims-table rows of one record: none for an error record."""
    if isinstance(record, ErrorRecord):
        return []
    names = {actor.id: actor.name for actor in record.actors}
    day = _day(record.reference_date.value)
    times, quantities = record.times, record.quantities
    time_fields, quantity_fields = set(CLAIM_TIME_FIELDS), set(CLAIM_QUANTITY_FIELDS)
    rows = []
    for claim in record.claims:
        attribution = claim.attribution
        speaker = attribution.source if attribution is not None else None
        speaker_actor = speaker.actor if speaker is not None else None
        rows.append(
            {
                "document_id": record.id,
                "document_source": record.source,
                "title": record.title,
                "reference_date": day,
                "claim_id": claim.id,
                "text": claim.text,
                "start": claim.start,
                "end": claim.end,
                "date": claim.date,
                "date_source": claim.date_source,
                "attribution_source": speaker.text if speaker is not None else None,
                "attribution_source_actor_id": speaker_actor,
                "attribution_source_actor_name": names.get(speaker_actor or ""),
                "cue": attribution.cue.text if attribution is not None else None,
                "cue_class": attribution.cue_class if attribution is not None else None,
                "direct_quote": attribution.direct_quote if attribution is not None else None,
                "negated": claim.negated,
                "hedged": claim.hedged,
                "actor_ids": list(claim.actors),
                "actor_names": [names.get(a) for a in claim.actors],
                # an index outside the list is dropped, as the JSON claim rows do
                "times": [
                    times[i].model_dump(mode="json", include=time_fields)
                    for i in claim.times
                    if 0 <= i < len(times)
                ],
                "quantities": [
                    quantities[i].model_dump(mode="json", include=quantity_fields)
                    for i in claim.quantities
                    if 0 <= i < len(quantities)
                ],
            }
        )
    return rows


_SCHEMAS: Final[dict[TableName, Callable[[], Any]]] = {
    "documents": documents_schema,
    "claims": claims_schema,
}
_ROWS: Final[dict[TableName, Callable[[Result], list[dict[str, Any]]]]] = {
    "documents": document_rows,
    "claims": claim_rows,
}


def _check(table: str) -> TableName:
    if table not in _SCHEMAS:
        raise ValueError(f"no Parquet table {table!r}: one of {', '.join(TABLES)}")
    return table


def to_table(records: Iterable[Result], table: TableName = "documents") -> pa.Table:
    """The records as one in-memory Arrow table (for a notebook; files use the writer)."""
    pa, _ = _arrow()
    rows_of = _ROWS[_check(table)]
    return pa.Table.from_pylist([row for r in records for row in rows_of(r)], schema=schema(table))


# --- files ---------------------------------------------------------------------------------


class ParquetTableWriter:
    """Stream records into one Parquet table, a row group every ``row_group_size`` documents.

    ``where`` is a local path (created or truncated) or a writable binary file
    (``open(..., "wb")``, ``io.BytesIO``, an fsspec file for another file
    system), which stays open: its opener closes it. ``close()`` (or leaving
    the ``with`` block, on an error too: the rows written so far stay a valid
    file) writes the last row group and the footer; a writer given no record
    writes a valid empty table with the full schema.

    Rows are held as Python dicts for at most ``batch_size`` documents, then
    as Arrow batches until ``row_group_size`` documents make a row group.
    """

    def __init__(
        self,
        where: Where,
        table: TableName = "documents",
        *,
        row_group_size: int = ROW_GROUP_SIZE,
        batch_size: int = BATCH_SIZE,
        compression: str = COMPRESSION,
    ) -> None:
        self._pa, parquet = _arrow()
        self.table: TableName = _check(table)
        if row_group_size < 1 or batch_size < 1:
            raise ValueError(
                f"row_group_size and batch_size must be at least 1, not "
                f"{row_group_size} and {batch_size}"
            )
        self.row_group_size = row_group_size
        self.batch_size = batch_size
        self.schema = schema(table)
        self._rows_of = _ROWS[table]
        self._rows: list[dict[str, Any]] = []
        self._batches: list[Any] = []  # pyarrow.RecordBatch
        # documents not yet in a batch, and not yet in a row group (a claims table's
        # documents may give no row, so rows cannot be counted instead)
        self._unbatched = 0
        self._pending = 0
        #: documents and rows written, for the caller's counting
        self.documents = 0
        self.rows = 0
        self._own: typing.BinaryIO | None = None
        sink: Any = where
        if isinstance(where, str | os.PathLike):
            # opened here, not by pyarrow: pyarrow would read "s3://..." as a URI of its own
            self._own = sink = open(os.fspath(where), "wb")  # noqa: SIM115 - closed in close()
        try:
            self._writer: pq.ParquetWriter | None = parquet.ParquetWriter(
                sink,
                self.schema,
                compression=compression,
                # the options that shape the bytes, pinned: same records, same file
                version="2.6",
                use_dictionary=True,
                write_statistics=True,
                use_compliant_nested_type=True,  # list<element>, what Spark and Hive expect
                store_schema=True,  # the Arrow schema: field descriptions, not-null lists
            )
        except BaseException:
            if self._own is not None:
                self._own.close()
            raise

    def write(self, record: Result) -> None:
        """Add one record's rows; a full batch becomes Arrow, a full row group is written."""
        if self._writer is None:
            raise ValueError("write to a closed ParquetTableWriter")
        rows = self._rows_of(record)
        self._rows.extend(rows)
        self._unbatched += 1
        self._pending += 1
        self.documents += 1
        self.rows += len(rows)
        if self._pending >= self.row_group_size:
            self.flush()
        elif self._unbatched >= self.batch_size:
            self._batch()

    def write_all(self, records: Iterable[Result]) -> None:
        for record in records:
            self.write(record)

    def _batch(self) -> None:
        if self._rows:
            self._batches.append(self._pa.RecordBatch.from_pylist(self._rows, schema=self.schema))
        self._rows = []
        self._unbatched = 0

    def flush(self) -> None:
        """Write the buffered rows as one row group (none when there is no row)."""
        if self._writer is None:
            return
        self._batch()
        if self._batches:
            table = self._pa.Table.from_batches(self._batches, schema=self.schema)
            self._writer.write_table(table, row_group_size=table.num_rows)
        self._batches = []
        self._pending = 0

    def close(self) -> None:
        """Write what is buffered and the footer; closing twice is harmless."""
        if self._writer is None:
            return
        try:
            self.flush()
            self._writer.close()
        finally:
            self._writer = None
            if self._own is not None:
                self._own.close()

    @property
    def closed(self) -> bool:
        return self._writer is None

    def __enter__(self) -> ParquetTableWriter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def write(
    records: Iterable[Result],
    where: Where,
    table: TableName = "documents",
    *,
    row_group_size: int = ROW_GROUP_SIZE,
    batch_size: int = BATCH_SIZE,
    compression: str = COMPRESSION,
) -> Iterator[Result]:
    """Write the records to one table as they come; pass each on (as the other renderers do).

    The file is complete once the iterator is exhausted.
    """
    with ParquetTableWriter(
        where,
        table,
        row_group_size=row_group_size,
        batch_size=batch_size,
        compression=compression,
    ) as writer:
        for record in records:
            writer.write(record)
            yield record
