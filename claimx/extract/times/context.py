"""The per-document state every time rule reads (``Ctx``) and the candidate mention a
rule proposes (``Cand``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimx.extract.tense import Tense, TenseReader
from claimx.extract.times.lexicon import lexicon
from claimx.extract.tokens import token_table
from claimx.records import TimeType

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Doc, Token


@dataclass(frozen=True)
class Cand:
    """A candidate mention over tokens ``[start, end)`` with its value."""

    start: int
    end: int
    type: TimeType
    value: str | None
    rule: str
    anchor: str | None = None
    mod: str | None = None
    # what the value denotes, so wrappers can combine candidates
    kind: str = ""  # "day", "month", "year", "week", "duration", "set", "time", "ref", ...
    day: dt.date | None = None
    # a step counted from the previous time in the text ("three days later": (3, "D"))
    shift: tuple[int, str] | None = None
    # an amount counted back from the reference ("a year ago": (1, "Y"))
    back: tuple[int, str] | None = None


class Ctx:
    """Per-document state: tokens, their lower-cased text, the reference date."""

    def __init__(
        self, doc: Doc, ref: dt.date | None, core: Callable[[Ctx, int], Cand | None]
    ) -> None:
        self.doc = doc
        self._core = core
        self.ref = ref
        self.lex = lexicon()
        self.n = len(doc)
        # token strings read once for the document (``tokens``): creating a Token
        # object per word costs more than the whole rule scan on long articles
        table = token_table(doc)
        self.doc_text = table.doc_text
        self.text = table.text
        self.low = [t.lower() for t in self.text]
        self._spaced = table.has_space
        #: ``readers.read_number`` by token: several rules read the same word
        self.numbers: dict[int, tuple[int, float | None] | None] = {}
        self._tenses = TenseReader(doc, self.low)

    def sentence(self, i: int) -> tuple[int, int]:
        """Token bounds of the sentence holding token ``i``."""
        return self._tenses.sentence(i)

    def tense(self, start: int, end: int) -> Tense | None:
        """The direction of a time over tokens ``[start, end)`` from its verb's tense."""
        return self._tenses.direction(start, end)

    def core(self, i: int) -> Cand | None:
        """The longest mention the core rules read at token ``i``. Rules that read a
        time inside a time call it ("three days after January 12th", "early 2020",
        "the last week of March"); the scan supplies the rules."""
        return self._core(self, i)

    def tok(self, i: int) -> Token:
        return self.doc[i]

    def low_at(self, i: int) -> str:
        return self.low[i] if 0 <= i < self.n else ""

    def glued(self, i: int) -> bool:
        """Token ``i`` is written directly after token ``i - 1`` (no space)."""
        return i > 0 and not self._spaced[i - 1]

    def skip_comma(self, i: int) -> int:
        return i + 1 if self.low_at(i) == "," else i

    @property
    def anchor(self) -> str | None:
        return self.ref.isoformat() if self.ref else None
