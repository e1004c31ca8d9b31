"""Token and character shapes the quantity grammar matches: digit numbers, powers,
tolerances, glued units, fractions, ordinals, phone numbers."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass


# A number written in digits: "5,000", "1.2", ".25", "1,234,567.89"; Indian grouping
# ("12,34,567.89", the last group always of three) and a decimal comma ("5,00", "1,3": one
# or two digits after the comma, never a thousands group) are accepted too.
_NUM_CORE = (
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?"
    r"|\d+,\d{1,2}(?![\d,])|\d+(?:\.\d+)?|\.\d+)"
)


# the rest of a token after the mantissa of scientific notation: "×10−5", "x10", "x2"
# (in the token the exponent needs "^" or a sign: "320x240" is a dimension pair)
_POWER_RE = re.compile(r"^[x×](?P<base>10|2)(?:\^(?P<exp>[-−+]?\d{1,3})|(?P<neg>[-−]\d{1,3}))?$")


_TOLERANCE_RE = re.compile(r"^(?:±|\+/-|\+-)(?P<tol>\d[\d,]*(?:\.\d+)?)$")


_DECIMAL_COMMA_RE = re.compile(r"^\d+,\d{1,2}$")


_FRAC_CHARS = "½⅓⅔¼¾⅕⅛⅜⅝⅞"


# One token that may carry a currency before and a scale or unit after the digits:
# "US$40", "$5m", "3.5bn", "10kg", "-18", "9.83e-3", "2½", "8-" (first half of "8- to 16-meter").
_GLUED_RE = re.compile(
    rf"^(?P<pre>[^\d.\-−+]*?)(?P<sign>[-−+]?)(?P<num>{_NUM_CORE})"
    rf"(?:[eE](?P<exp>[-−+]?\d+))?(?P<frac>[{_FRAC_CHARS}])?(?P<suf>[^\d{_FRAC_CHARS}].*)?$"
)


_RANGE_TOKEN_RE = re.compile(rf"^(?P<lo>{_NUM_CORE})[-–—](?P<hi>{_NUM_CORE})$")


_FRACTION_RE = re.compile(r"^(?P<sign>[-−]?)(?P<num>\d{1,6})/(?P<den>\d{1,6})$")


_ORDINAL_RE = re.compile(r"^(?P<num>\d+)(?:st|nd|rd|th)$", re.IGNORECASE)


# Phone numbers: "555-1234", "(020) 7946 0958", "+44 20 7946 0958" (seven digits or more).
_PHONE_RE = re.compile(
    r"(?<![\w.,])(?:\+\d{1,3}[\s-]?(?:\(\d{1,5}\)\s?)?|\(\d{2,5}\)\s?)?\d{2,5}(?:[\s/-]\d{2,5}){1,3}(?![\w,])"
)


# A model name in the plural, what a number counts in aviation and tech copy: "A320s",
# "777s", "F-16s"
_PLURAL_MODEL_RE = re.compile(r"^[A-Z0-9][A-Za-z0-9-]*\d[A-Za-z0-9-]*s$")


_TO_NUMBER_RE = re.compile(r"^to-(\d{1,4})$")  # the tail of "230-to-197"


_LEADING_ZERO_RE = re.compile(r"^0\d+$")


_PLAIN_RE = re.compile(r"^[+]?\d+(?:\.\d+)?$")


_FRACTION_DENOMINATORS = frozenset({2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 32, 40, 64, 100, 1000})


_QUOTE_UNITS = frozenset({'"', "''", "″", "'"})


_GROUP_SPACES = frozenset({" ", "\u202f", "\u00a0", "\u2009"})


_HYPHENS = frozenset({"-", "–", "—", "‐"})


_NOUNS = frozenset({"NOUN", "PROPN"})


_COUNT_DEPS = frozenset({"nummod", "compound", "quantmod", "amod", "nmod", "advmod", "npadvmod"})
