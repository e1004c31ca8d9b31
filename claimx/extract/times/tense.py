"""The direction of a time from the verb that governs it: past, future or present."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from claimx.extract.times.context import Ctx

if TYPE_CHECKING:
    from spacy.tokens import Token


Tense = Literal["past", "future", "present"]


def tense_at(ctx: Ctx, start: int, end: int) -> Tense | None:
    """Tense of the verb governing tokens ``[start, end)``, as a time's direction.

    "until" names the end of a period that runs on from the event: with a past verb
    ("schools were ordered closed until May 1") it is the nearest such date.
    """
    tense = _verb_tense(ctx, start, end)
    if tense == "past" and ctx.low_at(start - 1) in ("until", "till"):
        return None
    return tense


def _verb_tense(ctx: Ctx, start: int, end: int) -> Tense | None:
    """Tense of the verb governing tokens ``[start, end)`` ("stepped up ... on Monday").

    Past: VBD, or a participle with have/be ("were attacked on Saturday", "has
    blocked"); future: will/shall/'ll or "going to"; present: VBZ/VBP/VB.
    """
    doc = ctx.doc
    if ctx.low_at(start - 1) == "since":  # "since December": a time before now
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
        return _sentence_tense(ctx, head)
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lows = {a.lower_ for a in auxes}
    if lows & ctx.lex.future_aux:
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
        (verb.tag_ == "VBN" and verb.lemma_.lower() in ctx.lex.prospective and auxes)
        or (
            verb.tag_ in ("VBZ", "VBP")
            and verb.lemma_ == "be"
            and any(c.dep_ == "acomp" and c.lower_ in ctx.lex.prospective for c in verb.children)
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
        return "past" if lows & ctx.lex.perfect_aux else None
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    if verb.tag_ == "MD":
        return "future" if verb.lower_ in ctx.lex.future_aux else None
    if verb.tag_ == "VB" and ("to" in lows or verb.dep_ == "xcomp"):
        # an infinitive takes the tense of the finite verb it hangs from: "admitted she
        # was willing to skip class Thursday night" is the past Thursday
        return _governing_tense(ctx, verb)
    return None


def _governing_tense(ctx: Ctx, verb: Token) -> Tense | None:
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
        if tok.lemma_.lower() in ctx.lex.prospective or tok.pos_ in ("NOUN", "PROPN"):
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


def _sentence_tense(ctx: Ctx, tok: Token) -> Tense | None:
    """Fallback when the parse gives no verb above the mention ("On Monday, a water
    main broke" with "broke" tagged as a noun): the first finite verb of the sentence."""
    start, end = ctx.sentence(tok.i)
    for t in ctx.doc[start:end]:
        if t.tag_ == "MD":
            return "future" if t.lower_ in ctx.lex.future_aux else None
        if t.tag_ == "VBD":
            return "past"
        if t.tag_ in ("VBZ", "VBP"):
            return "present"
    return None
