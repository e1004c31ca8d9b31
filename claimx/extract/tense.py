"""The tense a verb gives the words it governs, read once for the whole package.

The time layer asks which way a time points from the reference date ("fell on
Monday" is the Monday before, "will meet on Monday" the one after); the
reference date asks whether a dated verb reports what happened ("rejected on
November 5, 2015") or a plan ("elections due by 2030"), which says nothing about
when the story was written. Both read the same verb with the same word lists
(``models/tense.json``).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal

from claimx.resources import load_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Tense = Literal["past", "future", "present"]

_PAST_OR_PRESENT = frozenset({"VBD", "VBN", "VBZ", "VBP", "VBG"})
_FINITE_AUX = frozenset({"VBD", "VBZ", "VBP"})


@dataclass(frozen=True)
class TenseWords:
    future_aux: frozenset[str]  # "will", "shall", "'ll"
    perfect_aux: frozenset[str]  # "has", "have", "had"
    prospective: frozenset[str]  # "plan", "expect", "schedule", "due": a later time
    ahead: frozenset[str] = frozenset()  # both: what makes a dated verb a plan


@cache
def tense_words() -> TenseWords:
    future_aux = load_words("tense.json", "future_auxiliaries")
    prospective = load_words("tense.json", "prospective_predicates")
    return TenseWords(
        future_aux=future_aux,
        perfect_aux=load_words("tense.json", "perfect_auxiliaries"),
        prospective=prospective,
        ahead=future_aux | prospective,
    )


class TenseReader:
    """Tense questions about one parsed document; sentence bounds are read once."""

    def __init__(self, doc: Doc, low: list[str] | None = None) -> None:
        self.doc = doc
        self.words = tense_words()
        self.n = len(doc)
        # lower-cased token strings, if the caller has them (the time layer does)
        self._lows = low
        self._sent_starts: list[int] | None = None

    def _low(self, i: int) -> str:
        if not 0 <= i < self.n:
            return ""
        return self._lows[i] if self._lows is not None else self.doc[i].lower_

    def sentence(self, i: int) -> tuple[int, int]:
        """Token bounds of the sentence holding token ``i`` (``Token.sent`` rescans the doc)."""
        if self._sent_starts is None:
            flags = self.doc.to_array("SENT_START").tolist()
            self._sent_starts = [k for k, f in enumerate(flags) if f == 1 or k == 0]
        starts = self._sent_starts
        k = bisect_right(starts, i) - 1
        return starts[k], starts[k + 1] if k + 1 < len(starts) else self.n

    def direction(self, start: int, end: int) -> Tense | None:
        """Tense of the verb governing tokens ``[start, end)``, as a time's direction.

        "until" names the end of a period that runs on from the event: with a past verb
        ("schools were ordered closed until May 1") it is the nearest such date.
        """
        tense = self._verb_tense(start, end)
        if tense == "past" and self._low(start - 1) in ("until", "till"):
            return None
        return tense

    def _verb_tense(self, start: int, end: int) -> Tense | None:
        """Tense of the verb governing tokens ``[start, end)`` ("stepped up ... on Monday").

        Past: VBD, or a participle with have/be ("were attacked on Saturday", "has
        blocked"); future: will/shall/'ll or "going to"; present: VBZ/VBP/VB.
        """
        doc = self.doc
        if self._low(start - 1) == "since":  # "since December": a time before now
            return "past"
        head = doc[start]
        for i in range(start, end):
            if not (start <= doc[i].head.i < end) or doc[i].head.i == i:
                head = doc[i]
                break
        verb = head
        for _ in range(6):
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX"):
            return self._sentence_tense(head)
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        lows = {a.lower_ for a in auxes}
        if lows & self.words.future_aux:
            return "future"
        if "to" in lows and verb.head.lower_ == "going":
            return "future"
        # an infinitive under a present verb points ahead: "the referendum is to be held
        # from November 20", "Airbus plans to deliver the jet in March"
        if (
            "to" in lows
            and not any(a.tag_ == "VBD" for a in auxes)
            and (lows & {"is", "are", "am"} or verb.head.tag_ in ("VBZ", "VBP", "MD"))
        ):
            return "future"
        if not any(a.tag_ == "VBD" for a in auxes) and (
            (verb.tag_ == "VBN" and verb.lemma_.lower() in self.words.prospective and auxes)
            or (
                verb.tag_ in ("VBZ", "VBP")
                and verb.lemma_ == "be"
                and any(
                    c.dep_ == "acomp" and c.lower_ in self.words.prospective for c in verb.children
                )
            )
        ):
            # "the vote is set for Tuesday", "talks are scheduled for May 3", "the
            # report is due on Friday": a present arrangement for a later time
            return "future"
        if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
            return "past"
        if verb.tag_ == "VBN":
            # "were attacked on Saturday", "attacked on Saturday" (reduced relative) are past;
            # "has been scheduled for June 3", "to be held on October 12" are not
            if not auxes or any(a.lower_ in ("was", "were", "had") for a in auxes):
                return "past"
            # "I have been to Magi-Fest in February": a present perfect with a named time
            # is past ("has been scheduled for June 3" was read as future above), but not
            # under a modal ("he would have been 80 on February 20")
            if any(a.tag_ == "MD" for a in auxes):
                return None
            return "past" if lows & self.words.perfect_aux else None
        if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
            return "present"
        if verb.tag_ == "MD":
            return "future" if verb.lower_ in self.words.future_aux else None
        if verb.tag_ == "VB" and ("to" in lows or verb.dep_ == "xcomp"):
            # an infinitive takes the tense of the finite verb it hangs from: "admitted she
            # was willing to skip class Thursday night" is the past Thursday
            return self._governing_tense(verb)
        return None

    def _governing_tense(self, verb: Token) -> Tense | None:
        """Past of the first finite verb above ``verb`` (a few steps up), unless a word on
        the way looks ahead: "was to meet Monday", "was forecast to reach the coast on
        Monday", "said he planned to announce it around August 1" name a later time."""
        tok = verb
        for _ in range(4):
            if tok.head.i == tok.i:
                return None
            if tok.head.lemma_ == "be" and tok.dep_ == "xcomp":
                return None  # "The Senate was to meet Monday"
            tok = tok.head
            if tok.lemma_.lower() in self.words.prospective:
                # a present plan names a later time ("is scheduled to close Monday",
                # "plans to open on May 3"); a past one may be past or not ("said he
                # planned to announce it around August 1")
                tags = {tok.tag_} | {c.tag_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
                return "future" if tags & {"VBZ", "VBP"} and "VBD" not in tags else None
            if tok.pos_ in ("NOUN", "PROPN"):
                # "statements on their willingness to participate in a debate on October
                # 15": an infinitive under a noun does not share the sentence's tense
                return None
            auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
            if tok.tag_ == "MD" or any(a.tag_ == "MD" for a in auxes):
                return None
            if tok.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
                return "past"
            if tok.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
                return None  # "plans to deliver the jet in March" is handled above
        return None

    def _sentence_tense(self, tok: Token) -> Tense | None:
        """Fallback when the parse gives no verb above the mention ("On Monday, a water
        main broke" with "broke" tagged as a noun): the first finite verb of the sentence."""
        start, end = self.sentence(tok.i)
        for t in self.doc[start:end]:
            if t.tag_ == "MD":
                return "future" if t.lower_ in self.words.future_aux else None
            if t.tag_ == "VBD":
                return "past"
            if t.tag_ in ("VBZ", "VBP"):
                return "present"
        return None

    def governor(self, token: Token) -> Token:
        """The verb a time expression belongs to ("on Monday" -> "stepped").

        A verb right before the time wins over the parse: in "the minister said on
        Monday he will meet union leaders" the small model hangs "on Monday" on
        "meet", but wire copy puts the time straight after the verb it dates
        ("said on Monday", AP "said Monday").
        """
        doc = self.doc
        before = token.i - 1
        if before >= 0 and doc[before].pos_ == "ADP" and doc[before].lower_ == "on":
            before -= 1
        if before >= 0 and doc[before].pos_ == "VERB":
            return doc[before]
        current = token
        for _ in range(12):
            if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
                return current
            current = current.head
        return current

    def looks_ahead(self, token: Token) -> bool:
        """The verb dating ``token`` speaks of a later time: "it will open in 2027",
        "plans to meet on Monday", "elections due by 2030"."""
        ahead = self.words.ahead
        verb = self.governor(token)
        if verb.lemma_.lower() in ahead:
            return True
        for child in verb.children:
            if child.dep_ in ("aux", "auxpass") and (
                child.lemma_.lower() in ahead or child.tag_ == "TO"
            ):
                return True
        # "plans to meet on Monday": the head of the infinitive looks ahead
        return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ahead

    def finite(self, token: Token) -> bool:
        """The verb dating ``token`` is finite, or a participle or gerund: it tells of
        what happened or is happening ("stepped up patrols on Monday")."""
        verb = self.governor(token)
        if verb.tag_ in _PAST_OR_PRESENT:
            return True
        return any(c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE_AUX for c in verb.children)
