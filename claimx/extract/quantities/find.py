"""The quantity layer's entry point: ``find_quantities``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from claimx.extract.quantities.blockers import _name_numbers, _phone_spans
from claimx.extract.quantities.context import _Ctx
from claimx.extract.quantities.grammar import _match_at
from claimx.extract.quantities.lexicon import _lexicon
from claimx.extract.quantities.shapes import _FRAC_CHARS
from claimx.extract.tokens import token_table
from claimx.records import QuantityMention, TimeMention

if TYPE_CHECKING:
    from spacy.tokens import Doc


def find_quantities(doc: Doc, times: Sequence[TimeMention] = ()) -> list[QuantityMention]:
    """Every quantity in ``doc``, in document order, non-overlapping.

    ``times`` are the document's time mentions: numbers inside DATE/TIME mentions are
    not quantities ("in 2008", "Sept 27", "at 2 pm"); durations are.
    """
    lex = _lexicon()
    blocked = sorted((t.start, t.end) for t in times if t.type in ("DATE", "TIME"))
    table = token_table(doc)  # the document's words, read once for every layer
    text = table.doc_text
    blocked.extend(_phone_spans(text))
    lowers = table.lower
    ctx = _Ctx(
        doc=doc,
        text=text,
        lex=lex,
        blocked=blocked,
        lowers=lowers,
        name_numbers=_name_numbers(doc, lowers),
    )
    out: list[QuantityMention] = []
    # the words that may open a quantity, all at once: a word in the grammar's
    # vocabulary, a fraction sign, or one with a digit (a word of letters has none)
    starters = lex.starters
    may_start = [
        low in starters
        or low[:1] in _FRAC_CHARS
        or (not low.isalpha() and any(ch.isdigit() for ch in low))
        for low in lowers
    ]
    i, n = 0, len(doc)
    while i < n:
        found = _match_at(ctx, i) if may_start[i] else None
        if found is None:
            i = max(i + 1, ctx.skip_to)
            continue
        record, end = found
        if not out or record.start >= out[-1].end:  # the contract: never overlapping
            out.append(record)
        i = max(end, i + 1)
    return out
