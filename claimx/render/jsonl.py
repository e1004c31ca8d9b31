"""JSON Lines: one record per line, UTF-8 unescaped, never through Rich."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from claimx.records import Result


def dump(record: Result) -> str:
    return json.dumps(as_dict(record), ensure_ascii=False, separators=(",", ":"))


def as_dict(record: Result) -> dict[str, Any]:
    return record.model_dump(mode="json")


def write(records: Iterable[Result], out: IO[str]) -> Iterator[Result]:
    """Write each record as it comes (flushed, so a pipe sees it at once); pass it on."""
    for record in records:
        out.write(dump(record) + "\n")
        out.flush()
        yield record
