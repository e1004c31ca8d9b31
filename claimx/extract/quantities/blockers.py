"""Numbers that are no quantities: parts of names and codes ("Boeing 747", "F-16"),
phone numbers, days beside a month name, numbers that anchor a date."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from claimx.extract.quantities.context import _Ctx, _Piece
from claimx.extract.quantities.counted import _counts_plural
from claimx.extract.quantities.shapes import (
    _HYPHENS,
    _LEADING_ZERO_RE,
    _PHONE_RE,
    _PLAIN_RE,
    _PLURAL_MODEL_RE,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc


def _name_numbers(doc: Doc, lowers: list[str]) -> frozenset[str]:
    """Numbers of three digits or more that this document uses as names: right after a
    proper noun ("Boeing 747", "Boeing 's 787"), before a model suffix ("737-800",
    "777-200LR") or before a proper noun ("787 Dreamliner"). Their other bare mentions
    ("the 747", "777 planes") are names too."""
    names = set()
    n = len(doc)
    for i, text in enumerate(lowers):
        if len(text) < 3 or not text.isdigit() or (len(text) == 4 and 1000 <= int(text) <= 2100):
            continue
        t = doc[i]
        prev = doc[i - 1] if i > 0 else None
        after_name = prev is not None and (
            (prev.pos_ == "PROPN" and bool(prev.whitespace_))
            or (prev.tag_ == "POS" and i > 1 and doc[i - 2].pos_ == "PROPN")
        )
        # "737-800", "777-200LR"; not a range read upwards to a counted noun ("at 200-250
        # seats")
        model_suffix = (
            i + 2 < n
            and not t.whitespace_
            and lowers[i + 1] in _HYPHENS
            and not doc[i + 1].whitespace_
            and lowers[i + 2][:1].isdigit()
            and not (
                lowers[i + 2].isdigit()
                and len(lowers[i + 2]) <= 6
                and len(text) <= 6
                and int(lowers[i + 2]) > int(text)
                and i + 3 < n
                and doc[i + 3].tag_ == "NNS"
            )
        )
        before_name = (
            i + 1 < n
            and doc[i + 1].pos_ == "PROPN"
            and doc[i + 1].tag_ == "NNP"
            and not (t.head.pos_ == "NOUN" and t.head.i > i)  # "500 Apple engineers"
        )
        if after_name or model_suffix or before_name:
            names.add(text)
    return frozenset(names)


def _phone_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _PHONE_RE.finditer(text):
        found = m.group()
        # seven digits or more, grouped by hyphens or led by "+" / "(": "555-1234",
        # "+44 20 7946 0958"; "10 000 dollars" and "2013-14" are not phone numbers
        # or a trunk prefix "0" before space-grouped digits: "0800 123 4567", "020 7946 0958"
        if sum(ch.isdigit() for ch in found) >= 7 and (
            found[0] in "+("
            or re.search(r"\d{3,}-\d{4}", found)
            or re.match(r"0\d{2,4} \d{3,4}", found)
        ):
            spans.append(m.span())
    return spans


def _is_blocked(ctx: _Ctx, piece: _Piece, in_range: bool = False) -> bool:
    """Numbers that belong to a date, a clock time, a phone number or a name."""
    doc, lex, lowers = ctx.doc, ctx.lex, ctx.lowers
    tok = doc[piece.last_number] if piece.last_number >= piece.start else doc[piece.start]
    first = doc[piece.start]
    if _char_blocked(ctx, first.idx, tok.idx + len(tok.text)):
        # A DATE/TIME mention holds years, days and clock times, never kilometres or
        # dollars; "60 days" is a DATE to spaCy but a duration to us ("three years ago" is
        # caught by _anchors_date).
        return piece.unit is None
    nxt = piece.end
    if nxt < len(doc) and (lowers[nxt] in lex.clock or lowers[nxt].rstrip(".") in lex.clock):
        return not piece.unit  # "at 2 pm", "10 a.m."
    if piece.unit or piece.currency:
        return False
    text = doc[piece.start].text
    if text.isdigit() and len(text) <= 4 and not piece.words and piece.scaled == 1:
        number = int(text)  # (int() of a 5000-digit string raises: only short ones)
        # a bare year: "in 2008", "since 1999" (a fallback for when no times were passed)
        if len(text) == 4 and 1000 <= number <= 2100 and not _counts_plural(ctx, piece):
            return True
        if number <= 31 and _near_month(ctx, piece.start):
            return True
    if piece.high is not None and piece.high <= 31 and _near_month(ctx, piece.start):
        return True  # "September 25–27", "July 27–28": days of a month (a times-layer gap)
    return _names_or_codes(ctx, piece, in_range)


def _names_or_codes(ctx: _Ctx, piece: _Piece, in_range: bool = False) -> bool:
    """Unitless numbers that are part of a name, model or code, not a count."""
    doc, lex, lowers = ctx.doc, ctx.lex, ctx.lowers
    start, end = piece.start, piece.end
    first = doc[start]
    if end < len(doc) and not doc[end - 1].whitespace_ and doc[end].text[:1].isalpha():
        return True  # "3G iPhone", "4K"
    if (
        end + 1 < len(doc)
        and lowers[end] in _HYPHENS
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
        and lowers[end + 1] not in lex.strength
        and lowers[end + 1] not in lex.fractions
        and lowers[end + 1] != "ish"
    ):
        return True  # "three-dimensional structures", "a one-sided game": an adjective
    if _LEADING_ZERO_RE.match(first.text):
        return True  # "007", "0800": a leading zero makes a code, never a count
    if re.fullmatch(r"\d+[eE]\d+", first.text) and start > 0 and doc[start - 1].pos_ == "DET":
        return True  # "the 7e7" is Boeing's design name; "1e10" and "4e14 s-1" are numbers
    if piece.words and first.pos_ == "PROPN" and not first.is_sent_start:
        return True  # "the Ford Five Hundred", "the Big Three"
    if start == 0:
        return False
    prev = doc[start - 1]
    before = lowers[start - 2] if start > 1 else ""
    if lowers[start - 1] in lex.id_words or before + lowers[start - 1] in lex.id_words:
        return True  # "No. 1", "Chapter 11", "flight 370"
    if not prev.whitespace_ and (prev.text[-1:].isalnum() or prev.text in ("'", "’")):
        return True  # "iLife '11", "SCP-06F6": glued to a code or an elided year
    if (
        prev.text in ("+", "/", "_", ".")
        and not prev.whitespace_
        and start > 1
        and not doc[start - 2].whitespace_
        and any(ch.isalpha() for ch in doc[start - 2].text)
    ):
        return True  # "MACS J1149.5+6663": the tail of a catalogue code
    if _PLAIN_RE.match(first.text) and prev.whitespace_:
        if prev.pos_ == "PROPN":
            return True  # "Boeing 747", "iPhone 3.0", "Trent 900 engines", "GMT +8"
        if any(ch.isupper() for ch in prev.text[1:]):
            return True  # "iOS 4", "S&P 500": a brand or acronym followed by a number
    if (
        lowers[start - 1] in _HYPHENS
        and not prev.whitespace_
        and start > 1
        and any(ch.isalpha() for ch in doc[start - 2].text)
        and not doc[start - 2].whitespace_
    ):
        return True  # "F-16", "COVID-19", "A330-200"
    if (
        not in_range  # _range_at has checked the order of "200-250 seats"
        and lowers[start - 1] in _HYPHENS
        and not prev.whitespace_
        and start > 1
        and doc[start - 2].like_num
        and not doc[start - 2].whitespace_
    ):
        return True  # the second half of "2013-14" or "52-35" (not a range: no order)
    if first.text in ctx.name_numbers:
        return True  # "Boeing 747" once in the document: "the 747", "747 aircraft" later
    if end < len(doc) and not piece.words:
        nxt = doc[end]
        head = doc[piece.last_number].head
        counts = head.i >= end and head.pos_ == "NOUN"  # "500 Apple engineers"
        if (
            nxt.pos_ == "PROPN"
            and not nxt.is_sent_start
            and nxt.ent_type_ != "NORP"
            and nxt.tag_ != "NNPS"
            and not counts
            and not _PLURAL_MODEL_RE.match(nxt.text)
        ):
            return True  # "the 787 Dreamliner"; "6 A321s" counts aircraft
    return False


def _char_blocked(ctx: _Ctx, start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in ctx.blocked)


def _near_month(ctx: _Ctx, i: int) -> bool:
    """ "Sept 27", "27 September", "the 4th of July"."""
    lowers, months = ctx.lowers, ctx.lex.months
    if i > 0 and lowers[i - 1] in months:
        return True
    if i + 1 < len(lowers) and lowers[i + 1] in months:
        return True
    return i + 2 < len(lowers) and lowers[i + 1] == "of" and lowers[i + 2] in months


def _looks_like_code(left: str, right: str) -> bool:
    """ "2013-14", "1111-2222": four-digit groups joined by a hyphen are ids or years."""
    return (left.isdigit() and len(left) >= 4) or (right.isdigit() and len(right) >= 4)


def _anchors_date(ctx: _Ctx, e: int) -> bool:
    """ "three years ago", "two days later": the duration is part of a date."""
    return e < len(ctx.doc) and ctx.lowers[e] in ctx.lex.relative_followers
