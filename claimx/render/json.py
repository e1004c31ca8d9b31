"""Pretty JSON: one object for a single document, else an array, never through Rich."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO

from claimx.records import Result
from claimx.render.jsonl import as_dict


def write(records: Iterable[Result], out: IO[str], *, single: bool) -> Iterator[Result]:
    """Collect the records and write them at the end (JSON has no streaming form)."""
    items = []
    for record in records:
        items.append(as_dict(record))
        yield record
    payload = items[0] if single and len(items) == 1 else items
    out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    out.flush()
