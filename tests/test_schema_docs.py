"""The output schema documents itself, and the README's field reference is generated from it.

Every property of every record in ``claimx schema`` has a description (walked through
the whole JSON Schema, ``$defs`` included); ``claimx.fieldref`` renders them as
Markdown; README.md carries that text verbatim between its marker lines. No spaCy
model is needed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claimx.fieldref import END_MARKER, START_MARKER, field_reference, replace_section
from claimx.records import result_adapter

README = Path(__file__).resolve().parents[1] / "README.md"
REGENERATE = ".venv/bin/python -m claimx.fieldref --readme README.md"


def _schema() -> dict[str, Any]:
    return result_adapter().json_schema()


def _properties(node: Any, path: str = "#") -> Iterator[tuple[str, Any]]:
    """Every (path, property schema) under ``node``, at any depth."""
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            for name, prop in props.items():
                yield f"{path}/properties/{name}", prop
        for key, value in node.items():
            yield from _properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _properties(value, f"{path}/{i}")


def _undescribed(schema: dict[str, Any]) -> list[str]:
    return [
        path
        for path, prop in _properties(schema)
        if not (isinstance(prop, dict) and str(prop.get("description", "")).strip())
    ]


def _sections(markdown: str) -> dict[str, str]:
    """The text under each ``### Name`` heading, up to the next heading."""
    parts = re.split(r"^### (.+)$", markdown, flags=re.MULTILINE)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


# --------------------------------------------------------------------------- descriptions


def test_the_walk_reaches_every_record() -> None:
    # guards the walk itself: a walk that saw nothing would pass vacuously
    schema = _schema()
    paths = [path for path, _ in _properties(schema)]
    defs = schema["$defs"]
    assert {"DocumentResult", "TimeMention", "Claim", "Attribution", "ErrorInfo"} <= set(defs)
    for name, record in defs.items():
        for prop in record.get("properties", {}):
            assert f"#/$defs/{name}/properties/{prop}" in paths
    assert len(paths) == sum(len(r.get("properties", {})) for r in defs.values()) > 80


def test_every_property_has_a_description() -> None:
    missing = _undescribed(_schema())
    assert not missing, f"{len(missing)} properties without a description: {missing}"


def test_the_check_catches_a_missing_description() -> None:
    schema = {"$defs": {"A": {"properties": {"x": {"type": "string"}, "y": {"description": " "}}}}}
    assert _undescribed(schema) == ["#/$defs/A/properties/x", "#/$defs/A/properties/y"]


def test_every_record_has_a_description() -> None:
    missing = [n for n, d in _schema()["$defs"].items() if not d.get("description", "").strip()]
    assert not missing, f"records without a docstring: {missing}"


# --------------------------------------------------------------------------- the reference


def test_reference_has_every_field_under_its_record() -> None:
    reference = field_reference()
    sections = _sections(reference)
    defs = _schema()["$defs"]
    assert set(sections) == set(defs)
    assert next(iter(sections)) == "DocumentResult"
    for name, record in defs.items():
        rows = [line for line in sections[name].splitlines() if line.startswith("| `")]
        fields = [row.split("`")[1] for row in rows]
        assert fields == list(record["properties"]), name
        for row, prop in zip(rows, record["properties"].values(), strict=True):
            description = " ".join(prop["description"].split()).replace("|", "\\|")
            assert row.endswith(f" | {description} |"), (name, row)


def test_reference_renders_types_readably() -> None:
    sections = _sections(field_reference())

    def row(record: str, field: str) -> str:
        prefix = f"| `{field}` | "
        found = [line for line in sections[record].splitlines() if line.startswith(prefix)]
        assert len(found) == 1, (record, field)
        return found[0][len(prefix) :].split("` | ")[0] + "`"

    assert row("Span", "text") == "`string`"
    assert row("Span", "start") == "`integer ≥ 0`"
    assert row("DocumentResult", "title") == "`string \\| null`"
    assert row("DocumentResult", "times") == "`list of TimeMention`"
    assert row("DocumentResult", "meta") == "`object`"
    assert row("DocumentResult", "reference_date") == "`ReferenceDate`"
    assert row("TimeMention", "type") == '`"DATE" \\| "TIME" \\| "DURATION" \\| "SET"`'
    assert row("Claim", "times") == "`list of integer`"
    assert row("Attribution", "source") == "`SourceSpan \\| null`"
    assert row("QuantityMention", "approximate") == "`boolean`"


def test_reference_is_deterministic_and_clean(capsys: pytest.CaptureFixture[str]) -> None:
    first = field_reference()
    assert field_reference() == first
    assert capsys.readouterr() == ("", "")  # it returns the text, it prints nothing
    assert first.endswith("\n") and not first.endswith("\n\n")
    assert not first.startswith("\n")
    trailing = [line for line in first.split("\n") if line != line.rstrip()]
    assert not trailing
    assert START_MARKER not in first and END_MARKER not in first


def test_replace_section_round_trip() -> None:
    readme = f"# t\n\nintro\n\n{START_MARKER}\nstale\n{END_MARKER}\n\nafter\n"
    updated = replace_section(readme, "new\n")
    assert updated == f"# t\n\nintro\n\n{START_MARKER}\nnew\n\n{END_MARKER}\n\nafter\n"
    assert replace_section(updated, "new\n") == updated
    with pytest.raises(ValueError):
        replace_section("# no markers\n", "new\n")


# --------------------------------------------------------------------------- the README


def test_readme_field_reference_is_in_sync() -> None:
    lines = README.read_text(encoding="utf-8").splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.strip() == START_MARKER]
    ends = [i for i, line in enumerate(lines) if line.strip() == END_MARKER]
    assert len(starts) == 1 and len(ends) == 1 and starts[0] < ends[0], (
        f"README.md needs one field reference section: the line {START_MARKER}, "
        f"then the line {END_MARKER}, where it belongs; then run `{REGENERATE}` "
        "to fill it (or paste the output of `.venv/bin/python -m claimx.fieldref` between "
        "them, with a blank line before the end marker)"
    )
    between = "".join(lines[starts[0] + 1 : ends[0]])
    assert between.strip("\n") + "\n" == field_reference(), (
        f"README.md's field reference is out of date with claimx/records.py: run `{REGENERATE}`"
    )
