"""Quantities: numbers with their bounds, units and the thing counted.

``find_quantities(doc, times)`` scans the tokens of a parsed ``Doc`` once, left to right,
and at each token tries one small grammar::

    quantity := [bound] piece [range-joiner piece | "±" piece] [counted noun phrase]
              | number ("over" | "out of" | "in") number      ratio: "one in five adults"
              | number "-" number                              tally: "voted 52-35" (kind other)
    bound    := "more than" | "up to" | "about" | "between" ...   (models/quantity_bounds.json)
    piece    := [currency] number [scale] ["and" fraction] [unit ["per" unit]]
    number   := digits ("5,000", "1.2", "-18", "2 1/2", "3.5bn", "$5m", "10kg", "40 000",
                        "2.48×10−5", "5,00")
              | words ("two", "twenty-one trillion", "a dozen", "half a million",
                       "three and one fourth", "nine point nought four")
              | vague plurals ("hundreds of", "tens of thousands of")
              | proportions ("a quarter of its dealers", "half the country": kind other)

Every vocabulary item (number words, scale words, units, currencies, bounds) is data in
``models/numbers.json``, ``models/units.json`` and ``models/quantity_bounds.json``; the
package only holds the grammar. Lexicons are compiled once per process (``_lexicon``).

What is *not* a quantity: numbers inside DATE/TIME mentions (years, days of the month,
clock times), bare years and days next to a month name (a fallback for when no time
mentions are given), phone numbers, and numbers that are part of a name or code
("Boeing 747", "Chapter 11", "F-16", "LGA1156", "0800"), and sports scores ("won 3-1").
Durations ("60 days") are quantities even inside a DATE mention, unless they anchor a date
("three years ago"). A change is two figures, not a range ("rose from 5 to 10 percent").

The package, one file per job: ``shapes`` and ``lexicon`` (token shapes and the
vocabulary), ``digits`` and ``words`` (numbers written either way), ``units``,
``pieces`` (one number with its unit), ``ranges`` (ranges, tolerances, ratios,
scores and tallies), ``counted`` (the thing counted, ages), ``blockers`` (names,
codes and phone numbers), ``grammar`` (the grammar at one token) and ``find``.
Names with an underscore are the package's own; only ``find_quantities`` is used
from outside.
"""

from claimx.extract.quantities.find import find_quantities

__all__ = ["find_quantities"]
