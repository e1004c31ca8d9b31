"""The per-document state the quantity grammar reads (``_Ctx``) and a number read with
its unit (``_Piece``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimx.extract.quantities.lexicon import _Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass
class _Piece:
    """One number with its currency, scale and unit: tokens [start, end)."""

    start: int
    end: int
    value: float
    unit: str | None = None
    currency: bool = False  # the unit came from a currency before the number
    unit_start: int | None = None  # first token of a unit after the number
    scaled: float = 1.0  # multiplier applied by a scale word ("million")
    vague: bool = False  # "hundreds of", "tens of thousands"
    hyphen_unit: bool = False  # adjectival "60-day", "3-inch"
    dangling_hyphen: bool = False  # "8-" in "8- to 16-meter"
    words: bool = False  # written in words ("two")
    last_number: int = 0  # last token of the number proper
    high: float | None = None  # a range written as one token: "3.5–4.0", "15-20"
    proportion: bool = False  # a fraction of something: "a quarter of", "half the", "two thirds"
    tolerance: float | None = None  # "2,000.45±0.01", "9.83e-3 +/- 1e-5"
    trim: int = 0  # characters of the last token that are not part of it ("$2.174T.")


@dataclass
class _Ctx:
    doc: Doc
    text: str
    lex: _Lexicon
    blocked: list[tuple[int, int]]  # DATE/TIME mentions and phone numbers (char spans)
    lowers: list[str]
    name_numbers: frozenset[str]  # three-digit-plus numbers used as names ("Boeing 787")
    skip_to: int = 0  # a rejected score ends here: its second number is no quantity either
