"""Who said it: reporting cues, their sources and what they report.

A cue is a reporting verb from ``models/reporting.json`` that takes a clause
("police said two buildings were attacked"; "..., police said."), a quotation
("... said it had "increased ..."") or a phrase such as "according to X".
The source is the cue's subject, as a noun phrase without the relative clause
or apposition that may hang off it ("Kosovo's NATO mission - whose 5,000
troops oversee ... - said" -> "Kosovo's NATO mission").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from claimx.resources import load_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

#: dependency labels by which a reporting verb takes its reported clause
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})
#: children of a subject noun that are not part of the source's name
SOURCE_CUT_DEPS = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "advcl"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
QUOTE_CHARS = frozenset({'"', "“", "”", "„", "«", "»", "``", "''"})


@dataclass(frozen=True)
class Cues:
    verbs: dict[str, str]  # lemma -> class
    phrases: tuple[tuple[tuple[str, ...], str], ...]  # lower-case words -> class


@cache
def cues() -> Cues:
    data = load_lexicon("reporting.json")
    verbs = {v: cls for cls, words in data["verbs"].items() for v in words}
    phrases = tuple((tuple(p["pattern"]), p["class"]) for p in data["phrases"])
    return Cues(verbs=verbs, phrases=phrases)


@dataclass(frozen=True)
class Found:
    """One attribution inside a sentence (token indices are the Doc's)."""

    cue_start: int
    cue_end: int
    cue_class: str
    source: tuple[int, int] | None  # token span
    content_head: Token | None  # main verb of what is reported
    direct_quote: bool


def quote_regions(sent: Span) -> list[tuple[int, int]]:
    """Token ranges between paired quote marks (an unpaired opening mark runs to the end)."""
    marks = [t.i for t in sent if t.text in QUOTE_CHARS]
    regions = []
    for a, b in zip(marks[::2], marks[1::2], strict=False):
        regions.append((a, b + 1))
    if len(marks) % 2 == 1:
        regions.append((marks[-1], sent.end))
    return regions


def find_attributions(sent: Span) -> list[Found]:
    """Attributions in a sentence, in order of their cues."""
    lex = cues()
    quotes = quote_regions(sent)
    found: list[Found] = []
    taken: set[int] = set()

    def in_quote(i: int) -> bool:
        return any(a < i < b for a, b in quotes)

    for token in sent:
        if token.i in taken:
            continue
        phrase = _phrase_at(token, lex)
        if phrase is not None:
            n, cls = phrase
            src = _according_source(token, n)
            found.append(
                Found(token.i, token.i + n, cls, src, _root_verb(sent), _has_quote(sent, quotes))
            )
            taken.update(range(token.i, token.i + n))
            continue
        verb_class = lex.verbs.get(token.lemma_.lower())
        if verb_class is None or token.pos_ not in {"VERB", "AUX"} or in_quote(token.i):
            continue
        content = _reported_clause(token)
        direct = _quote_near(token, quotes)
        if content is None and not direct:
            continue
        subject = _subject(token)
        if subject is None and not _is_passive_report(token):
            continue
        source = _np_span(subject) if subject is not None else None
        found.append(
            Found(
                token.i,
                token.i + 1,
                verb_class,
                source,
                content,
                direct or _clause_quoted(content, quotes),
            )
        )
        taken.add(token.i)
    return found


def _phrase_at(token: Token, lex: Cues) -> tuple[int, str] | None:
    doc = token.doc
    for words, cls in lex.phrases:
        n = len(words)
        if token.i + n <= len(doc) and all(
            doc[token.i + k].lower_ == w for k, w in enumerate(words)
        ):
            # "according to police": only with a following noun phrase
            needs_source = words[0] in {"cited", "citing"} or words[:2] == ("according", "to")
            if needs_source and _according_source(token, n) is None:
                return None
            return n, cls
    return None


def _according_source(token: Token, n: int) -> tuple[int, int] | None:
    """The noun phrase after "according to" / "citing"."""
    doc = token.doc
    last = doc[token.i + n - 1]
    objs = [c for c in last.children if c.dep_ in {"pobj", "dobj"}]
    if not objs and token.i + n < len(doc):
        nxt = doc[token.i + n]
        head = nxt if nxt.pos_ in {"PROPN", "NOUN", "PRON"} else None
        if head is not None:
            while head.head.i > head.i and head.head.pos_ in {"PROPN", "NOUN"}:
                head = head.head
            objs = [head]
    return _np_span(objs[0]) if objs else None


def _reported_clause(verb: Token) -> Token | None:
    """The clause a reporting verb reports: its complement, or the clause it is parenthetical to.

    "police said two buildings were attacked" -> attacked (ccomp of said);
    "two buildings were attacked on Saturday, police said." -> the parser makes
    "attacked" a ccomp of "said" too; "..., he added, ..." may come as parataxis.
    The clause must be finite or introduced by "that"/"whether": "footage showed
    vehicles moving" reports nothing.
    """
    for child in verb.children:
        if child.dep_ in CLAUSE_DEPS and _finite_clause(child):
            return child
    parenthetical = verb.dep_ in {"parataxis", "advcl", "ccomp"} and verb.i > verb.head.i
    if parenthetical and verb.head.pos_ in {"VERB", "AUX"} and _finite_clause(verb.head):
        return verb.head
    return None


def _finite_clause(head: Token) -> bool:
    if head.tag_ in FINITE_TAGS:
        return True
    return any(
        (c.dep_ in {"aux", "auxpass"} and c.tag_ in FINITE_TAGS)
        or (c.dep_ == "mark" and c.lower_ in {"that", "whether", "if"})
        for c in head.children
    )


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "csubj"}:
            return child
    # "... and added that ...": the subject of the first conjunct
    if verb.dep_ == "conj":
        return _subject(verb.head)
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def _is_passive_report(verb: Token) -> bool:
    """ "it was reported that ..." : a cue with no named source."""
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def _np_span(head: Token) -> tuple[int, int]:
    """The subject's noun phrase without relative clauses, appositions or asides."""
    left = head.left_edge.i
    right = head.i
    for child in head.rights:
        if child.dep_ in SOURCE_CUT_DEPS:
            break
        right = max(right, child.right_edge.i)
    doc = head.doc
    while right > head.i and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    while left < head.i and (doc[left].is_punct or doc[left].is_space):
        left += 1
    return left, right + 1


def _root_verb(sent: Span) -> Token:
    return sent.root


def _has_quote(sent: Span, quotes: list[tuple[int, int]]) -> bool:
    return any(b - a >= 4 for a, b in quotes)


def _quote_near(verb: Token, quotes: list[tuple[int, int]]) -> bool:
    """A quotation right before or after the cue: ""...," he said" / "said: "..."" """
    for a, b in quotes:
        if b - a < 4:
            continue
        if 0 <= verb.i - b <= 4 or 0 <= a - verb.i <= 6:
            return True
    return False


def _clause_quoted(content: Token | None, quotes: list[tuple[int, int]]) -> bool:
    """ "said on Monday it had "increased the number ..."": the report contains a quotation."""
    if content is None:
        return False
    lo, hi = content.left_edge.i, content.right_edge.i
    return any(b - a >= 4 and a >= lo - 1 and a <= hi for a, b in quotes)
