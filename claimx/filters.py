"""Claim filters for ``claimx extract`` (``--source``, ``--attributed``, ``--since``,
``--until``): which claims of a document the claim rows and the table show.

A filter never changes what is extracted, only which claims are shown: a document
keeps its times, quantities and actors, and an error record passes through, so
every input is still accounted for.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from claimx.records import Actor, Claim, Result

_WORD: Final = re.compile(r"\w+")


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.casefold() for w in _WORD.findall(text))


def _contains(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """``part`` as whole consecutive words of ``words``: "Kurti" is in "Albin Kurti",
    "EU" is not in "EUROPOL"."""
    n = len(part)
    return n > 0 and any(words[i : i + n] == part for i in range(len(words) - n + 1))


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """What a claim must have to be shown; every condition given must hold."""

    source: str | None = None  # words of the source's canonical actor (name or alias)
    attributed: bool = False  # only claims with an attribution (a source or a cue)
    since: dt.date | None = None  # the claim's date reaches this day or later
    until: dt.date | None = None  # the claim's date starts on this day or earlier

    @property
    def active(self) -> bool:
        return bool(self.source) or self.attributed or self.dated

    @property
    def dated(self) -> bool:
        return self.since is not None or self.until is not None

    def keeps(self, claim: Claim, actors: Mapping[str, Actor]) -> bool:
        if (self.attributed or self.source) and claim.attribution is None:
            return False
        if self.source and not self._source_matches(claim, actors):
            return False
        return not self.dated or self._date_matches(claim.date)

    def apply(self, record: Result) -> Result:
        """The record with only the claims this filter keeps (an error record as it is)."""
        from claimx.records import DocumentResult

        if not self.active or not isinstance(record, DocumentResult):
            return record
        actors = {actor.id: actor for actor in record.actors}
        kept = [claim for claim in record.claims if self.keeps(claim, actors)]
        if len(kept) == len(record.claims):
            return record
        return record.model_copy(update={"claims": kept})

    def _source_matches(self, claim: Claim, actors: Mapping[str, Actor]) -> bool:
        """The source's canonical actor by its name, an alias or its id ("EU" finds the
        European Union's claims, "Kurti" Albin Kurti's, "he" resolved to him too); a
        source with no actor by its own words."""
        assert self.source is not None and claim.attribution is not None
        wanted = _words(self.source)
        source = claim.attribution.source
        if source is None:
            return False
        actor = actors.get(source.actor) if source.actor else None
        if actor is None:
            return _contains(_words(source.text), wanted)
        if self.source.strip().casefold() == actor.id.casefold():
            return True
        return any(_contains(_words(name), wanted) for name in (actor.name, *actor.aliases))

    def _date_matches(self, value: str | None) -> bool:
        """The claim's date, as the stretch of days its TIMEX3 value covers, overlaps
        [since, until]: "2021-09" is kept by --since 2021-09-15; a claim without a
        calendar date (none, 'PRESENT_REF', 'XXXX-09-27') is not."""
        from claimx.extract.times.lexicon import lexicon
        from claimx.extract.times.timex import timex_interval

        stretch = timex_interval(value, lexicon().season_end)
        if stretch is None:
            return False
        first, last = stretch
        if self.since is not None and last < self.since:
            return False
        return self.until is None or first <= self.until
