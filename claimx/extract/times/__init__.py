"""Temporal expressions: detection on spaCy tokens and TIMEX3 normalisation.

The layer is a small grammar over tokens, not regular expressions over raw text:
at each token a list of rules proposes a candidate; the longest one wins and
scanning resumes after it, so mentions never overlap (``scan``). Rules share
token readers (``readers``: numbers, units, months, years ...) and wrappers add
what belongs to a mention on its left ("the", "early", "about"; ``modifiers``).
Vocabulary is data: ``models/times.json`` (units, relative words, part-of and
approximation words, reference words) and ``models/calendar.json`` (month and
weekday names), loaded by ``lexicon``.

Values follow the news reference-date policy in ``DESIGN.md``: names without a
year resolve in the direction of the governing verb's tense (``tense``: past ->
on or before the reference date, future -> after it, otherwise the nearest),
weeks are ISO weeks ("2021-W38"), durations are periods ("P60D", "in the coming
weeks" PXW; ``timex``), and "now" / "recently" / "in the future" are PRESENT_REF /
PAST_REF / FUTURE_REF. Leading prepositions ("on", "in", "since") stay outside the span
(TIMEX3 convention).

The rules, by family: ``dates`` (calendar dates, years, quarters, seasons),
``holidays``, ``relative`` (against the reference date or the narrative),
``clock`` (times of day) and ``amounts`` (durations, "ago", sets).

Passes after the scan (``anchoring``): narrative times ("three days later", "the
next day", "the same period last year") count from the last time the text named
before them; clock times take the day of their sentence; ranges written with two
times ("from 2009 to 2011", "between March and May") keep both end points and add
a range record before them: a DURATION over the whole phrase whose
``resolution.rule`` is "range" and whose ``resolution.anchor`` is the interval
"2009/2011" (as MEANTIME annotates them); that record is the one mention that may
overlap others.

Only ``find_times`` is used from outside the package.
"""

from claimx.extract.times.find import find_times

__all__ = ["find_times"]
