"""Number words, read once for every layer that reads numbers in words.

``models/numbers.json`` holds English cardinal, scale, multiplier and ordinal
words; the quantity layer reads "two thousand troops" with them and the time
layer "two and a half years", "the third quarter" and "January twenty five".
One table, so a word added for one layer is a number for the other too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from claimx.resources import load_lexicon


@dataclass(frozen=True)
class NumberWords:
    ones: dict[str, float]  # "one" .. "nineteen", "zero", "nil"
    tens: dict[str, float]  # "twenty" .. "ninety"
    scales: dict[str, float]  # "hundred", "thousand", "million", "lakh"
    multipliers: dict[str, float]  # "dozen", "score"
    ordinals: dict[str, float]  # "first" .. "twentieth", "thirtieth"


def _floats(data: dict[str, dict[str, float]], key: str) -> dict[str, float]:
    return {str(k).lower(): float(v) for k, v in data[key].items()}


@cache
def number_words() -> NumberWords:
    num = load_lexicon("numbers.json")
    return NumberWords(
        ones=_floats(num, "ones"),
        tens=_floats(num, "tens"),
        scales=_floats(num, "scales"),
        multipliers=_floats(num, "multipliers"),
        ordinals=_floats(num, "ordinals"),
    )
