"""Token shapes the time rules match (digits, ordinals, ISO and slash dates, clocks,
decades, quarters), and the cheap test of which tokens can open a mention."""

from __future__ import annotations

import re

DIGITS = re.compile(r"\d+(?:\.\d+)?$")


DAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?$", re.IGNORECASE)


YEAR = re.compile(r"\d{4}$")


ISO = re.compile(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")


YMD_NAMED = re.compile(r"(?P<y>\d{4})([/-])(?P<mon>[a-z]{3,9})\2(?P<d>\d{1,2})$")


DMY_NAMED = re.compile(r"(?P<d>\d{1,2})([/-])(?P<mon>[a-z]{3,9})\2(?P<y>\d{4})$")


DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})$")


SIMPLE_FRACTION = re.compile(r"(\d)/(\d{1,2})")  # "1/2" after a whole number
SLASH = re.compile(r"(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?$")


CLOCK = re.compile(r"(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?$")


CLOCK_MERIDIEM = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?(am|pm|a\.m\.|p\.m\.)$", re.IGNORECASE)


# "9p", "8:45a", "7" after "tonight at": only read beside a day word (``read_bare_clock``)
CLOCK_SHORT = re.compile(r"(\d{1,2})(?::(\d{2}))?([ap])?$")


CLOCK_DOT = re.compile(r"(\d{1,2})\.(\d{2})$")


DECADE = re.compile(r"(?:(\d{2})|')?(\d)0[’']?s$")


QUARTER = re.compile(r"([qh])([1-4])$", re.IGNORECASE)


GLUED_MONTH_DAY = re.compile(r"([a-z]{3,4})\.?(\d{1,2})$")


PART_PREFIX = re.compile(r"(mid|early|late)-(.+)$", re.IGNORECASE)


def may_open(w: str, triggers: frozenset[str]) -> bool:
    """Cheap test before the rules run: only these tokens can open a mention."""
    if w in triggers or w[:1].isdigit() or w[:1] in ("'", "’") or w.startswith("fy"):
        return True
    if w.isalpha():
        return False  # the shapes below need a digit or a hyphen
    return bool(PART_PREFIX.match(w) or QUARTER.match(w) or GLUED_MONTH_DAY.match(w))
