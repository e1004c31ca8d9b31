"""``--records claims``: one flat record per claim, for jq and ``sqlite-utils insert --nl``.

Each row is the claim with its document's id, source, title and reference date,
and with what the claim points to spelled out: the times and quantities it
holds (not indices) and its actors' names (not only ids). An error record
passes through unchanged, so every input stays accounted for.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any


def claim_rows(document: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The flat claim rows of one output record (a document's dict form)."""
    if "error" in document:
        yield document
        return
    actors = {a["id"]: a for a in document.get("actors", [])}
    times = document.get("times", [])
    quantities = document.get("quantities", [])
    reference = document.get("reference_date") or {}
    for claim in document.get("claims", []):
        row: dict[str, Any] = {
            "document": document["id"],
            "source": document["source"],
            "title": document.get("title"),
            "reference_date": reference.get("value"),
        }
        row.update(claim)
        row["times"] = [times[i] for i in claim.get("times", []) if 0 <= i < len(times)]
        row["quantities"] = [
            quantities[i] for i in claim.get("quantities", []) if 0 <= i < len(quantities)
        ]
        row["actors"] = [
            {"id": a, "name": actors[a]["name"], "type": actors[a]["type"]}
            for a in claim.get("actors", [])
            if a in actors
        ]
        attribution = claim.get("attribution")
        source = attribution.get("source") if attribution else None
        if source is not None:
            source["actor_name"] = actors.get(source.get("actor") or "", {}).get("name")
        yield row


def rows_of_line(line: str) -> Iterator[str]:
    """JSON lines of the claim rows of one document's JSON line."""
    for row in claim_rows(json.loads(line)):
        yield json.dumps(row, ensure_ascii=False, separators=(",", ":"))
