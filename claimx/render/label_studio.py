"""``--format label-studio``: a JSON array of Label Studio tasks with claimx's results as
pre-annotations (``claimx.labelstudio``), for the config ``claimx label-config`` prints.

Never through Rich. An error record makes no task (there is no text to annotate); the
command reports the failure on stderr as for every format, and exits 1.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable, Iterator
from typing import IO

from claimx import __version__
from claimx.labelstudio import task_of
from claimx.records import DocumentResult, Result


def write(records: Iterable[Result], out: IO[str]) -> Iterator[Result]:
    """Write the tasks as one JSON array (what Label Studio imports), a task at a time, so
    memory does not grow with the number of documents; the bytes are those of
    ``json.dumps(tasks, indent=2)``."""
    version = f"claimx {__version__}"
    opened = False
    for record in records:
        if isinstance(record, DocumentResult):
            task = json.dumps(task_of(record, version), ensure_ascii=False, indent=2)
            out.write(("[\n" if not opened else ",\n") + textwrap.indent(task, "  "))
            opened = True
        yield record
    out.write("\n]\n" if opened else "[]\n")
    out.flush()
