"""Shared fixtures: the real pipeline (loaded once per session) and a blank one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden files in seeds/ from the current output",
    )


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The trained pipeline with claimx's components, as extraction uses it."""
    from claimx.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def parse(nlp):  # type: ignore[no-untyped-def]
    """Parse a text with the real pipeline (cached per text); the rule tests run
    one layer over the parse, not claimx's whole step."""
    cache: dict[str, object] = {}

    def _parse(text: str):  # type: ignore[no-untyped-def]
        if text not in cache:
            cache[text] = nlp(text, disable=["claimx"])
        return cache[text]

    return _parse


@pytest.fixture
def date() -> Callable[[str], dt.date]:
    return dt.date.fromisoformat
