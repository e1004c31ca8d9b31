"""``--format label-studio``: a JSON array of Label Studio tasks with claimx's results as
pre-annotations (``claimx.labelstudio``), for the config ``claimx label-config`` prints.

Never through Rich. An error record makes no task (there is no text to annotate); the
command reports the failure on stderr as for every format, and exits 1.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from claimx import __version__
from claimx.labelstudio import task_of
from claimx.records import DocumentResult, Result


def write(records: Iterable[Result], out: IO[str]) -> Iterator[Result]:
    """Collect the tasks and write the array at the end (Label Studio imports one array)."""
    tasks: list[dict[str, Any]] = []
    version = f"claimx {__version__}"
    for record in records:
        if isinstance(record, DocumentResult):
            tasks.append(task_of(record, version))
        yield record
    out.write(json.dumps(tasks, ensure_ascii=False, indent=2) + "\n")
    out.flush()
