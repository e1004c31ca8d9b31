"""The output fields as Markdown, generated from the records' JSON Schema.

``field_reference()`` renders ``result_adapter().json_schema()`` (what ``claimx
schema`` prints) as one small table per record: field, type, description. The
descriptions are the records' own (``Field(description=...)`` and class
docstrings in ``claimx/records.py``), so the README cannot drift from the code:
its field reference is this text between the marker lines below, and
``tests/test_schema_docs.py`` fails when the two differ.

Regenerate the README section after changing a record::

    .venv/bin/python -m claimx.fieldref --readme README.md   # rewrite it in place
    .venv/bin/python -m claimx.fieldref                      # or print it
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from claimx.records import result_adapter

__all__ = ["END_MARKER", "ORDER", "START_MARKER", "field_reference", "replace_section"]

#: the lines the README's generated section sits between
START_MARKER = "<!-- field-reference:start -->"
END_MARKER = "<!-- field-reference:end -->"

#: reading order: the document first, then its parts roughly as a reader meets them;
#: a record missing here still gets a section, after these, by name
ORDER = (
    "DocumentResult",
    "ReferenceDate",
    "Dateline",
    "TimeMention",
    "Resolution",
    "QuantityMention",
    "EntityMention",
    "Actor",
    "Claim",
    "Attribution",
    "SourceSpan",
    "Span",
    "Credit",
    "ErrorRecord",
    "ErrorInfo",
)

_NOTE = (
    "<!-- generated from claimx/records.py by `python -m claimx.fieldref`:"
    " edit the records, not this text -->"
)


def field_reference() -> str:
    """The Markdown field reference: deterministic, no trailing spaces, one final newline."""
    schema = result_adapter().json_schema()
    defs: dict[str, Any] = schema.get("$defs", {})
    names = [n for n in ORDER if n in defs] + sorted(n for n in defs if n not in ORDER)
    lines = [_NOTE, ""]
    roots = [_ref_name(s["$ref"]) for s in schema.get("anyOf", []) if "$ref" in s]
    if roots:
        listed = " or ".join(f"`{r}`" for r in roots)
        lines += [f"Every output record is a {listed}.", ""]
    for name in names:
        lines += _section(name, defs[name])
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(line.rstrip() for line in lines) + "\n"


def replace_section(readme: str, reference: str) -> str:
    """``readme`` with the text between the marker lines replaced by ``reference``.

    Raises ``ValueError`` when the markers are missing or out of order.
    """
    start = readme.find(START_MARKER)
    end = readme.find(END_MARKER)
    if start < 0 or end < 0 or end < start:
        raise ValueError(f"no {START_MARKER} ... {END_MARKER} section")
    head = readme[: start + len(START_MARKER)]
    # a blank line before the end marker: a table runs on over a line that follows it
    return f"{head}\n{reference}\n{readme[end:]}"


def _section(name: str, schema: dict[str, Any]) -> list[str]:
    lines = [f"### {name}", ""]
    description = schema.get("description")
    if description:
        for paragraph in str(description).split("\n\n"):
            lines += [" ".join(paragraph.split()), ""]
    lines += ["| field | type | description |", "| --- | --- | --- |"]
    for field, prop in schema.get("properties", {}).items():
        text = _cell(str(prop.get("description", "")))
        lines.append(f"| `{field}` | `{_cell(_type(prop))}` | {text} |")
    lines.append("")
    return lines


def _type(schema: dict[str, Any]) -> str:
    """A JSON Schema type the way a reader says it: ``list of TimeMention``, ``string | null``."""
    if "$ref" in schema:
        return _ref_name(str(schema["$ref"]))
    if "const" in schema:
        return json.dumps(schema["const"], ensure_ascii=False)
    if "enum" in schema:
        return " | ".join(json.dumps(v, ensure_ascii=False) for v in schema["enum"])
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return " | ".join(_type(s) for s in schema[key])
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return _type(schema["allOf"][0])
    kind = schema.get("type")
    if isinstance(kind, list):
        return " | ".join(_type({**schema, "type": k}) for k in kind)
    if kind == "array":
        items = schema.get("items")
        if not isinstance(items, dict) or not items:
            return "list"
        inner = _type(items)
        return f"list of ({inner})" if " | " in inner else f"list of {inner}"
    if kind == "object":
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict) and extra:
            return f"object of {_type(extra)}"
        return "object"
    if kind in ("integer", "number"):
        bounds = [
            f"{sign} {schema[key]}"
            for key, sign in (
                ("minimum", "≥"),
                ("exclusiveMinimum", ">"),
                ("maximum", "≤"),
                ("exclusiveMaximum", "<"),
            )
            if key in schema
        ]
        return " ".join([str(kind), ", ".join(bounds)]) if bounds else str(kind)
    if kind == "string" and "format" in schema:
        return f"string ({schema['format']})"
    if isinstance(kind, str):
        return kind
    return "any"


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _cell(text: str) -> str:
    """Text fit for one Markdown table cell: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def _main(argv: list[str]) -> int:
    reference = field_reference()
    if not argv:
        sys.stdout.write(reference)
        return 0
    if len(argv) == 2 and argv[0] == "--readme":
        path = Path(argv[1])
        text = path.read_text(encoding="utf-8")
        try:
            updated = replace_section(text, reference)
        except ValueError as exc:
            sys.stderr.write(f"{path}: {exc}; add the two marker lines where it belongs\n")
            return 1
        if updated != text:
            path.write_text(updated, encoding="utf-8")
        return 0
    sys.stderr.write("usage: python -m claimx.fieldref [--readme README.md]\n")
    return 2


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
