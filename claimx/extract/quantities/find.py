"""The quantity layer's entry point: ``find_quantities``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from claimx.extract.quantities.blockers import _name_numbers, _phone_spans
from claimx.extract.quantities.context import _Ctx
from claimx.extract.quantities.grammar import _match_at, _may_start
from claimx.extract.quantities.lexicon import _lexicon
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
    may_start = [_may_start(ctx, i) for i in range(len(doc))]
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
