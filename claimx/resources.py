"""Find and load the NLP resources kept as data in ``models/``.

``models/`` sits at the top of a checkout and is shipped inside the wheel as
``claimx/_models`` (see ``pyproject.toml``). Every lexicon is a JSON object with
a ``provenance`` string saying where its entries come from.
Loaded files are cached: they are read once per process.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from claimx.errors import ResourceError


@cache
def models_dir() -> Path:
    """The resource folder: inside the installed package, else the checkout's ``models/``."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_models", here.parent / "models"):
        if candidate.is_dir():
            return candidate
    raise ResourceError(f"claimx resource folder not found (looked in {here / '_models'})")


def resource_path(name: str) -> Path:
    path = models_dir() / name
    if not path.is_file():
        raise ResourceError(f"{name}: resource file missing from {models_dir()}")
    return path


@cache
def load_lexicon(name: str) -> dict[str, Any]:
    """Load a JSON lexicon; it must be an object with a ``provenance`` string."""
    path = resource_path(name)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ResourceError(f"{path}: cannot read lexicon: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("provenance"), str):
        raise ResourceError(f"{path}: a lexicon must be a JSON object with a 'provenance' string")
    return data


def load_words(name: str, key: str) -> frozenset[str]:
    """A set of lower-cased entries from a list-valued key of a lexicon."""
    values = load_lexicon(name).get(key)
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ResourceError(f"{name}: '{key}' must be a list of strings")
    return frozenset(v.lower() for v in values)
