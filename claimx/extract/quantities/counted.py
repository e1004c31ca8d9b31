"""The thing a quantity counts ("5,000 troops", "60-day plates"), ages ("29 years
old") and what is measured."""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimx.extract.quantities.context import _Ctx, _Piece
from claimx.extract.quantities.lexicon import _unit_key
from claimx.extract.quantities.shapes import _COUNT_DEPS, _HYPHENS, _NOUNS, _PLURAL_MODEL_RE

if TYPE_CHECKING:
    from spacy.tokens import Token


def _counts_plural(ctx: _Ctx, piece: _Piece) -> bool:
    """ "2000 cars": a number that counts a plural noun is not a year or an id."""
    e = piece.end
    if e >= len(ctx.doc):
        return False
    tok = ctx.doc[piece.last_number]
    head = tok.head
    if head.i > tok.i and head.tag_ in ("NNS", "NNPS") and tok.dep_ == "nummod":
        return True
    return ctx.doc[e].tag_ in ("NNS", "NNPS") and ctx.doc[e].lower_ not in ctx.lex.months


def _count_head(ctx: _Ctx, piece: _Piece) -> tuple[Token | None, int]:
    """The noun a count counts, and the token after the span.

    "two main roads" -> roads; "tens of thousands of protesters" -> protesters;
    "a 5,000-strong force" -> force; "5,000 troops" -> troops.
    """
    doc, lex, lowers = ctx.doc, ctx.lex, ctx.lowers
    n = len(doc)
    e = piece.end
    last = doc[piece.last_number]
    if (
        e + 1 < n
        and lowers[e] == "of"
        and (piece.vague or piece.proportion or lowers[piece.last_number] in lex.multipliers)
    ):
        # the first plural noun after "of" that is not a compound: "hundreds of
        # thousands of federal workers (hostage)"; else the parser's object of "of"
        for k in range(e + 1, min(e + 6, n)):
            tok = doc[k]
            if tok.is_sent_start or tok.pos_ not in ("ADJ", "NOUN", "PROPN", "DET", "NUM"):
                break
            if tok.tag_ in ("NNS", "NNPS"):
                return tok, k + 1
        for child in doc[e].children:
            if child.dep_ == "pobj" and child.pos_ in _NOUNS and child.i - e <= 6:
                return child, child.i + 1
        return None, e
    if (
        e + 1 < n
        and lowers[e] in _HYPHENS
        and not last.whitespace_
        and lowers[e + 1] in lex.strength
    ):
        # "a 5,000-strong force", "a 15-member panel"
        word = doc[e + 1]
        head = word.head
        if head.i > word.i and head.pos_ in _NOUNS and head.i - word.i <= 4:
            return head, head.i + 1
        return None, e + 2
    if e < n and _PLURAL_MODEL_RE.match(doc[e].text) and not doc[e].is_sent_start:
        return doc[e], e + 1  # "24 A320s and 6 A321s": planes counted by model name
    head = last.head
    if (
        head.i >= e
        and (head.pos_ == "NOUN" or head.ent_type_ == "NORP")
        and last.dep_ in _COUNT_DEPS
        and head.i - last.i <= 6
        and not any(t.is_punct and t.lower_ not in _HYPHENS for t in doc[e : head.i])
        and not any(t.pos_ in ("VERB", "AUX", "ADP", "NUM") for t in doc[e : head.i])
        and head.lower_ not in lex.months
    ):
        return head, head.i + 1
    # The parser sometimes hangs the number on a noun to its left ("violence - two interior
    # ministry buildings"): then take the first noun to the right that is not a compound.
    if head.i < last.i:
        for k in range(e, min(e + 5, n)):
            tok = doc[k]
            if tok.is_sent_start or tok.pos_ not in ("ADJ", "NOUN", "PROPN"):
                break
            if tok.pos_ in _NOUNS and tok.dep_ != "compound":
                if tok.tag_ in ("NNS", "NNPS") or last.lower_ in ("one", "1"):
                    return tok, k + 1
                break
    return None, e


def _of_object(ctx: _Ctx, of: int) -> str | None:
    """The noun "of" at token ``of`` governs: "8 percent of its workforce" -> workforce."""
    for child in ctx.doc[of].children:
        if child.dep_ == "pobj" and child.pos_ in _NOUNS:
            return child.text
    return None


def _age_end(ctx: _Ctx, piece: _Piece) -> tuple[int, str | None] | None:
    """An age: "a 30-year-old man" (span to "old", counted the noun it modifies), "29 years
    old" / "95 years of age" (the span takes "old" / "of age"; nothing counted)."""
    doc, lowers = ctx.doc, ctx.lowers
    n, e = len(doc), piece.end
    if piece.hyphen_unit:
        if (
            e + 1 < n
            and lowers[e] in _HYPHENS
            and lowers[e + 1] in ctx.lex.age_after
            and not doc[e].whitespace_
        ):
            old = doc[e + 1]
            head = old.head
            if head.i > old.i and head.pos_ in _NOUNS and head.i - old.i <= 4:
                return e + 2, head.text
            return e + 2, None
        return None
    if e < n and lowers[e] in ctx.lex.age_after:
        head = doc[e].head  # "The man, 29 years old, was held" -> man
        near = head.pos_ in _NOUNS and head.i != e and abs(head.i - e) <= 6
        return e + 1, head.text if near else None
    if e + 1 < n and lowers[e] == "of" and lowers[e + 1] == "age":
        return e + 2, None
    return None


def _measured(ctx: _Ctx, piece: _Piece) -> str | None:
    """What a measure or duration measures, from the parse.

    "60-day plates" -> plates (the unit modifies a noun); "six gallons of water" -> water;
    "registration details that are valid for 60 days" -> registration details (walk from
    the unit up to the noun the relative clause modifies, keeping its compounds).
    """
    doc = ctx.doc
    unit_tok = doc[piece.end - 1]
    if piece.hyphen_unit:
        head = unit_tok.head
        if head.i > unit_tok.i and head.pos_ in _NOUNS and head.i - unit_tok.i <= 4:
            return None if _unit_key(ctx.lex, head.text) else head.text
        return None
    e = piece.end
    if e < len(doc) and ctx.lowers[e] == "of":
        for child in doc[e].children:
            if child.dep_ == "pobj" and child.pos_ in _NOUNS:
                return child.text
    cur = unit_tok
    for _ in range(6):
        if cur.dep_ == "relcl" and cur.head.pos_ in _NOUNS:
            return _with_compounds(cur.head)
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return None


def _with_compounds(tok: Token) -> str:
    start = tok.i
    while start > 0:
        prev = tok.doc[start - 1]
        if prev.dep_ != "compound" or prev.head.i not in (tok.i, start):
            break
        start -= 1
    span = tok.doc[start : tok.i + 1]
    return span.text
