"""Token attributes of one parsed ``Doc`` as plain Python lists, read once.

Every layer tests words over and over: a rule that reads ``doc[i].lemma_`` makes a
``Token`` object and looks its string up in the vocabulary each time, which on a
long article costs more than the rule itself. ``token_table(doc)`` reads each
attribute of every token once (``Doc.to_array``, one string lookup per distinct
value) and keeps the lists for the document the layers are working on, so the
time, quantity, actor, attribution and claim layers share them.

A table describes the Doc as it was when first asked for: the layers run after
the whole pipeline, on a Doc nothing changes any more. Nothing before the
parser may ask for one (``pipeline.mark_paragraph_breaks`` does not). The last Doc
a layer looked at stays referenced until the next one comes.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from spacy.tokens import Doc

T = TypeVar("T")

#: string hash -> string, for every attribute value read so far: a hash names one
#: string in every vocabulary, so the map holds across documents and pipelines
_STRINGS: dict[int, str] = {}
#: string hash -> the string lower-cased (lemmas)
_LOWER_STRINGS: dict[int, str] = {}


class TokenTable:
    """Per-token attributes of a Doc; each column is read on first use."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.n = len(doc)

    def _ints(self, attr: str) -> list[int]:
        values: list[int] = self.doc.to_array(attr).tolist() if self.n else []
        return values

    def _strings(self, attr: str) -> list[str]:
        ids = self._ints(attr)
        try:
            return list(map(_STRINGS.__getitem__, ids))
        except KeyError:  # values not seen before (new words): look them up once
            strings = self.doc.vocab.strings
            for key in set(ids).difference(_STRINGS):
                _STRINGS[key] = strings[key]
            return list(map(_STRINGS.__getitem__, ids))

    def _flags(self, attr: str) -> list[bool]:
        return list(map(bool, self._ints(attr)))

    @cached_property
    def doc_text(self) -> str:
        """``Doc.text`` (which makes a Token object per word each time it is read):
        every token's text, and a space after it where it has one."""
        spaces = self.has_space
        return "".join([w + " " if sp else w for w, sp in zip(self.text, spaces, strict=True)])

    @cached_property
    def has_space(self) -> list[bool]:
        """A space follows the token (``Token.whitespace_`` is " ")."""
        return self._flags("SPACY")

    @cached_property
    def text(self) -> list[str]:
        return self._strings("ORTH")

    @cached_property
    def lower(self) -> list[str]:
        return self._strings("LOWER")

    @cached_property
    def lemma_lower(self) -> list[str]:
        """``lemma_.lower()``: the lexicons hold lower-case lemmas."""
        ids = self._ints("LEMMA")
        try:
            return list(map(_LOWER_STRINGS.__getitem__, ids))
        except KeyError:
            strings = self.doc.vocab.strings
            for key in set(ids).difference(_LOWER_STRINGS):
                _LOWER_STRINGS[key] = strings[key].lower()
            return list(map(_LOWER_STRINGS.__getitem__, ids))

    @cached_property
    def pos(self) -> list[str]:
        return self._strings("POS")

    @cached_property
    def tag(self) -> list[str]:
        return self._strings("TAG")

    @cached_property
    def dep(self) -> list[str]:
        return self._strings("DEP")

    @cached_property
    def head(self) -> list[int]:
        """The index of each token's head (itself for a root)."""
        # HEAD is stored relative to the token, as an unsigned 64-bit number
        if not self.n:
            return []
        rel: list[int] = self.doc.to_array("HEAD").astype("int64").tolist()
        return [i + r for i, r in enumerate(rel)]

    def children(self, i: int) -> list[int]:
        """The indices of token ``i``'s syntactic children, in order (``Token.children``
        makes a Token object per child each time it is walked)."""
        order, first = self._children
        return order[first[i] : first[i + 1]]

    @cached_property
    def _children(self) -> tuple[list[int], list[int]]:
        # every token but a root, grouped by its head (in order within a group), and where
        # each head's group starts: one list for the document, not one per token
        heads = self.head
        order = sorted((j for j in range(self.n) if heads[j] != j), key=heads.__getitem__)
        first = [0] * (self.n + 1)
        for j in order:
            first[heads[j] + 1] += 1
        for k in range(self.n):
            first[k + 1] += first[k]
        return order, first

    @cached_property
    def _sent_flags(self) -> list[int]:
        # 1: starts a sentence, -1: does not, 0: unknown (stored as unsigned)
        return self._ints("SENT_START")

    @cached_property
    def is_sent_start(self) -> list[bool]:
        """``Token.is_sent_start`` is True (not False, not unknown)."""
        return [flag == 1 for flag in self._sent_flags]

    @cached_property
    def sent_starts(self) -> list[int]:
        """The index of each sentence's first token, in order."""
        return [i for i, flag in enumerate(self._sent_flags) if flag == 1 or i == 0]

    def sentence(self, i: int) -> tuple[int, int]:
        """Token bounds of the sentence holding token ``i``, as ``Token.sent`` gives them
        (which walks the tokens to both ends of the sentence each time)."""
        starts = self.sent_starts
        k = bisect_right(starts, i) - 1
        return starts[k], starts[k + 1] if k + 1 < len(starts) else self.n

    @cached_property
    def is_space(self) -> list[bool]:
        return self._flags("IS_SPACE")

    @cached_property
    def is_punct(self) -> list[bool]:
        return self._flags("IS_PUNCT")

    @cached_property
    def is_quote(self) -> list[bool]:
        return self._flags("IS_QUOTE")


def per_doc(build: Callable[[Doc], T]) -> Callable[[Doc], T]:
    """``build(doc)`` memoised for the Doc it was last called with.

    Layers ask per sentence or per token for what is the same for the whole
    document; one slot is enough, as documents are extracted one after another. The
    slot holds the Doc itself (as the token table does anyway), so a Doc it names is
    never freed and a new Doc at the same address is never taken for it; a Doc whose
    tokens were merged or split since (its length changed) is read again.
    """
    slot: list[Any] = [None, None, -1]  # the Doc, the value built for it, its length

    def get(doc: Doc) -> T:
        if slot[0] is doc and slot[2] == len(doc):
            value: T = slot[1]
            return value
        value = build(doc)
        slot[:] = [doc, value, len(doc)]
        return value

    get.__doc__ = build.__doc__
    return get


token_table: Callable[[Doc], TokenTable] = per_doc(TokenTable)
