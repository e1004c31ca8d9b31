"""Who said it: reporting cues, their sources and what they report.

A cue is a reporting verb from ``models/reporting.json`` that takes a clause
("police said two buildings were attacked"; "..., police said."), a quotation
(`"We will not back down," he said.`), a noun object for the verbs that report
one ("Airbus announced 10,000 job cuts"), a to-clause for verbs of intent and
expectation ("Boeing plans to build ..."), or a phrase such as "according to X".
The source is the cue's subject as a noun phrase without the relative clause or
apposition that may hang off it ("Kosovo's NATO mission - whose 5,000 troops
oversee ... - said" -> "Kosovo's NATO mission"); a participle cue without a
subject takes its clause's ("Boeing challenged the award, claiming ...").
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from claimx.extract.tokens import per_doc, token_table
from claimx.resources import load_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: dependency labels by which a reporting verb takes its reported clause
CLAUSE_DEPS = frozenset({"ccomp", "parataxis"})
#: children of a subject noun that end the source's noun phrase (a relative clause,
#: an apposition or an aside); a coordination stays in it ("The United States and
#: the European Union said ..." is one source)
SOURCE_CUT_DEPS = frozenset({"relcl", "acl", "appos", "advcl", "parataxis"})
#: a comma-set-off relative clause inside a source's phrase ends it (an apposition
#: there stays: "The governor of Ohio, Mike DeWine, announced" names the speaker)
NESTED_CUT_DEPS = frozenset({"relcl"})
#: wh-words that open an indirect question
WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
#: relative pronouns: "most analysts, who had forecast that ..." -> the source "who"
#: stands for "most analysts" (its actor is theirs)
RELATIVE_TAGS = frozenset({"WDT", "WP"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
OPENING_QUOTES = frozenset({"“", "„", "«", "‘"})
CLOSING_QUOTES = frozenset({"”", "»", "’"})
#: a participle cue ("..., saying ...", "by saying") borrows the subject of the clause it hangs on
PARTICIPLE_DEPS = frozenset({"advcl", "xcomp", "pcomp", "conj", "acl"})


@dataclass(frozen=True)
class Cues:
    verbs: dict[str, str]  # lemma -> class
    phrases: tuple[tuple[tuple[str, ...], str], ...]  # lower-case words -> class
    object_verbs: frozenset[str]
    infinitive_classes: frozenset[str]
    infinitive_verbs: frozenset[str]
    preposition_content: dict[str, frozenset[str]]
    statement_nouns: frozenset[str]
    passive_infinitive_verbs: frozenset[str]
    gerund_verbs: frozenset[str]
    fillers: frozenset[tuple[str, str]]  # (subject, cue lemma)
    idioms: tuple[tuple[str, ...], ...]  # lower-case words from a sentence's start
    anonymity_verbs: frozenset[str]
    channel_nouns: frozenset[str]
    nominal_cues: dict[str, str]  # noun lemma -> class
    as_it_verbs: frozenset[str]
    wh_blind_verbs: frozenset[str]
    according_manner: frozenset[str]
    naming_verbs: frozenset[str]
    adjective_cues: dict[str, str]  # adjective lemma -> class
    make_adjectives: frozenset[str]
    reported_nouns: frozenset[str]
    object_noun_limits: dict[str, frozenset[str]]  # cue lemma -> the noun objects it reports
    statement_light_verbs: frozenset[str]
    question_verbs: frozenset[str]
    judgement_classes: frozenset[str]
    quote_only_verbs: frozenset[str]
    participle_only_verbs: frozenset[str]
    headline_kickers: frozenset[str]
    preposition_only_verbs: frozenset[str]
    addressee_verbs: frozenset[str]
    survey_nouns: frozenset[str]
    survey_taking_verbs: frozenset[str]
    evidence_nouns: frozenset[str]
    evidence_object_verbs: frozenset[str]
    refusal_verbs: frozenset[str]
    refusal_complements: frozenset[str]
    share_words: frozenset[str]


@cache
def cues() -> Cues:
    data = load_lexicon("reporting.json")
    verbs = {v: cls for cls, words in data["verbs"].items() for v in words}
    phrases = tuple((tuple(p["pattern"]), p["class"]) for p in data["phrases"])
    return Cues(
        verbs=verbs,
        phrases=phrases,
        object_verbs=frozenset(data["object_content_verbs"]),
        infinitive_classes=frozenset(data["infinitive_classes"]),
        infinitive_verbs=frozenset(data.get("infinitive_verbs", ())),
        preposition_content={
            verb: frozenset(preps) for verb, preps in data.get("preposition_content", {}).items()
        },
        # a multi-word channel is known by its last word ("press conference")
        statement_nouns=frozenset(n.split()[-1] for n in data.get("statement_nouns", ())),
        passive_infinitive_verbs=frozenset(data.get("passive_infinitive_verbs", ())),
        gerund_verbs=frozenset(data.get("gerund_verbs", ())),
        fillers=frozenset((s, v) for s, v in data.get("fillers", ())),
        idioms=tuple(tuple(words) for words in data.get("idioms", ())),
        anonymity_verbs=frozenset(data.get("anonymity_verbs", ())),
        channel_nouns=frozenset(data.get("channel_nouns", ())),
        nominal_cues={n: cls for cls, nouns in data.get("nominal_cues", {}).items() for n in nouns},
        as_it_verbs=frozenset(data.get("as_it_verbs", ())),
        wh_blind_verbs=frozenset(data.get("wh_blind_verbs", ())),
        according_manner=frozenset(data.get("according_manner", ())),
        naming_verbs=frozenset(data.get("naming_verbs", ())),
        make_adjectives=frozenset(data.get("make_adjectives", ())),
        adjective_cues={
            a: cls for cls, adjs in data.get("adjective_cues", {}).items() for a in adjs
        },
        reported_nouns=frozenset(data.get("reported_nouns", ()))
        | frozenset(n for nouns in data.get("nominal_cues", {}).values() for n in nouns),
        object_noun_limits={
            verb: frozenset(nouns) for verb, nouns in data.get("object_noun_limits", {}).items()
        },
        statement_light_verbs=frozenset(data.get("statement_light_verbs", ())),
        question_verbs=frozenset(data.get("question_verbs", ())),
        judgement_classes=frozenset(data.get("judgement_classes", ())),
        quote_only_verbs=frozenset(data.get("quote_only_verbs", ())),
        participle_only_verbs=frozenset(data.get("participle_only_verbs", ())),
        headline_kickers=frozenset(data.get("headline_kickers", ())),
        preposition_only_verbs=frozenset(data.get("preposition_only_verbs", ())),
        addressee_verbs=frozenset(data.get("addressee_verbs", ())),
        survey_nouns=frozenset(data.get("survey_nouns", ())),
        survey_taking_verbs=frozenset(data.get("survey_taking_verbs", ())),
        evidence_nouns=frozenset(data.get("evidence_nouns", ())),
        evidence_object_verbs=frozenset(data.get("evidence_object_verbs", ())),
        refusal_verbs=frozenset(data.get("refusal_verbs", ())),
        refusal_complements=frozenset(data.get("refusal_complements", ())),
        share_words=frozenset(data.get("share_words", ())),
    )


@dataclass(frozen=True)
class Found:
    """One attribution inside a sentence (token indices are the Doc's)."""

    cue_start: int
    cue_end: int
    cue_class: str
    source: tuple[int, int] | None  # token span
    content_head: Token | None  # main word of what is reported
    direct_quote: bool
    nested: bool = False  # a cue inside a quotation ('"I believe we will win," he said')
    nominal: bool = False  # a noun cue ('the claim that the vote was rigged')
    #: token range the content must lie in, where the content head's words reach past
    #: it ('described Day to the BBC: "..."' -> the quotation)
    content_bounds: tuple[int, int] | None = None
    #: found by the sentence's surface shape where its parse is broken: where the cue
    #: hangs in the tree says nothing of its role
    by_shape: bool = False


def quote_marks(sent: Span, open_before: bool | None = None) -> list[tuple[int, str]]:
    """The sentence's quotation marks as (token index, "open" | "close").

    Opening and closing marks are told apart by the tagger (tags `` and '') or
    by their shape (“ ”); a run of marks ("`" "`") is one mark. When it is known
    whether a quotation is open before the sentence, a straight double mark
    alternates from that state instead: the tagger often reads an opening one
    as closing ('... by saying that , " just one year after ...').
    """
    marks: list[tuple[int, str]] = []
    state = open_before
    doc = sent.doc
    kinds = quote_kinds(doc)
    for i in quote_positions(doc, sent.start, sent.end, lexical=True):
        kind = kinds[i]
        assert kind is not None  # the positions are those of marks
        t = doc[i]
        if _apostrophe(t) or _possessive(t, sent):
            continue
        if t.text == '"':
            # spacing tells first ('said "We' opens, 'over," he' closes); only a mark
            # spaced on both sides (tokenised text) goes by the running state
            kind = _straight_mark_by_spacing(t) or (
                ("close" if state else "open") if state is not None else kind
            )
        if marks and marks[-1][1] == kind and marks[-1][0] == t.i - 1:
            continue
        marks.append((t.i, kind))
        if state is not None:
            state = kind == "open"
    return marks


#: what follows an apostrophe split off by tokenisation ("we ' re", "company ' s")
CLITICS = frozenset({"s", "re", "ve", "ll", "d", "m", "t"})


def _apostrophe(token: Token) -> bool:
    """ "we ' re launching": a single mark before a clitic is no quotation mark."""
    if token.text not in {"'", "’"} or token.i + 1 >= len(token.doc):
        return False
    return token.doc[token.i + 1].lower_ in CLITICS


def _possessive(token: Token, sent: Span) -> bool:
    """ "the staffers’ actions": a plural's possessive mark is no closing quotation.

    The tagger says so (POS) or, when it misreads one ("the Clintons’ lawyer
    said"), the mark is glued to a word in -s and no single quotation was opened
    before it in the sentence.
    """
    if token.text not in {"'", "’"}:
        return False
    if token.tag_ == "POS":
        return True
    if token.i == sent.start or not token.whitespace_:
        return False
    prev = token.doc[token.i - 1]
    if prev.whitespace_ or not prev.text.lower().endswith("s"):
        return False
    return not any(t.text in {"‘", "'"} for t in token.doc[sent.start : token.i])


def _straight_mark_by_spacing(token: Token) -> str | None:
    # from the neighbouring tokens (Doc.text would rebuild the whole document per mark)
    doc = token.doc
    prev = doc[token.i - 1] if token.i > 0 else None
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    before = " " if prev is None or prev.whitespace_ else prev.text[-1]
    after = " " if nxt is None or token.whitespace_ else nxt.text[0]
    if (before.isspace() or before in "([{—-") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]}—-"):
        return "close"
    return None


def quote_regions(sent: Span, open_before: bool | None = None) -> list[tuple[int, int]]:
    """Token ranges of quotations, marks included.

    An unpaired closing mark closes a quotation opened in an earlier sentence,
    so its region starts at the sentence start; an unpaired opening mark runs
    to the end.
    """
    regions: list[tuple[int, int]] = []
    # a sentence inside a quotation that runs on from an earlier one starts quoted
    open_at: int | None = sent.start if open_before else None
    for i, kind in quote_marks(sent, open_before):
        if kind == "open":
            if open_at is None:
                open_at = i
        elif open_at is not None:
            regions.append((open_at, i + 1))
            open_at = None
        elif not regions:
            regions.append((sent.start, i + 1))
    if open_at is not None:
        regions.append((open_at, sent.end))
    return regions


def quote_open_after(sent: Span, open_before: bool) -> bool:
    """Whether a quotation is still open after this sentence (news copy leaves a
    quotation that runs into the next paragraph unclosed, and reopens it there)."""
    marks = quote_marks(sent, open_before)
    return marks[-1][1] == "open" if marks else open_before


def quote_kind(token: Token) -> str | None:
    return quote_kinds(token.doc)[token.i]


def _quote_kind(text: str, tag: str) -> str | None:
    # "''" opens as well as closes in copy that writes quotation marks as two
    # apostrophes ("called him a ''pathological liar''"): the tagger tells which
    if text in OPENING_QUOTES or (tag == "``" and text in {'"', "`", "``", "''"}):
        return "open"
    if text in CLOSING_QUOTES or (tag == "''" and text in {'"', "''", "'"}):
        return "close"
    return None


@per_doc
def quote_kinds(doc: Doc) -> list[str | None]:
    """``quote_kind`` of every token: "open", "close" or None (no quotation mark)."""
    table = token_table(doc)
    return [
        _quote_kind(text, tag) if text in _MARKS or tag in _MARK_TAGS else None
        for text, tag in zip(table.text, table.tag, strict=True)
    ]


def quote_positions(doc: Doc, start: int, end: int, *, lexical: bool = False) -> list[int]:
    """The tokens in ``[start, end)`` that are quotation marks (``quote_kind``); with
    ``lexical`` only those spaCy's lexicon also flags as quotes (``Token.is_quote``)."""
    positions = _quote_positions(doc)[1 if lexical else 0]
    return positions[bisect_left(positions, start) : bisect_left(positions, end)]


@per_doc
def _quote_positions(doc: Doc) -> tuple[list[int], list[int]]:
    """The indices of the document's quotation marks, and of those flagged ``is_quote``."""
    kinds, is_quote = quote_kinds(doc), token_table(doc).is_quote
    marks = [i for i, kind in enumerate(kinds) if kind is not None]
    return marks, [i for i in marks if is_quote[i]]


#: the only texts and tags ``_quote_kind`` reads a mark from
_MARKS = OPENING_QUOTES | CLOSING_QUOTES | {'"', "`", "``", "''", "'"}
_MARK_TAGS = frozenset({"``", "''"})


def find_attributions(
    sent: Span, open_before: bool | None = None, *, headline: bool = False
) -> list[Found]:
    """Attributions in a sentence, in order of their cues. ``open_before``: whether
    a quotation is open when the sentence starts (None: not known); ``headline``: the
    sentence is a title, where a colon after a name reports what follows it."""
    lex = cues()
    quotes = quote_regions(sent, open_before)
    found: list[Found] = []
    taken: set[int] = set()

    # token indices strictly inside a quotation (marks excluded); the regions do not
    # overlap, so this is linear in the sentence
    inside = frozenset(i for a, b in quotes for i in range(a + 1, b - 1))

    def in_quote(i: int) -> bool:
        return i in inside

    doc = sent.doc
    table = _cue_table(doc)
    for i in range(sent.start, sent.end):
        if i in taken or not table.candidate[i]:
            continue  # most words open no cue of any kind
        token = doc[i]
        phrase = _phrase_at(token, lex)
        if phrase is not None:
            n, cls = phrase
            src = _according_source(token, n)
            if src is not None:
                src = _fronted_source(token, src, sent)
            found.append(
                Found(token.i, token.i + n, cls, src, _clause_of(token), _has_quote(quotes))
            )
            taken.update(range(token.i, token.i + n))
            continue
        nominal = _nominal_cue(token, lex, quotes)
        if nominal is not None:
            found.append(nominal)
            taken.add(token.i)
            continue
        as_put = _as_put_it(token, lex, quotes) or _adjective_cue(token, lex, quotes)
        if as_put is not None:
            found.append(as_put)
            taken.add(token.i)
            continue
        refusal = _refusal(token, lex)
        if refusal is not None and not in_quote(token.i):
            found.append(refusal)
            taken.update(range(refusal.cue_start, refusal.cue_end))
            continue
        lemma = table.lemma[i]
        verb_class = table.verb_class[i]
        if verb_class is None or token.pos_ not in {"VERB", "AUX"}:
            continue
        quoted_cue = in_quote(token.i)
        if (
            token.dep_ == "acl"
            and token.tag_ == "VBN"
            and not any(c.dep_ in CLAUSE_DEPS for c in token.children)
        ):
            continue  # 'in remarks published by CNN in February, "..."' names a text
        direct = not quoted_cue and _quote_near(token, quotes)
        if (lemma in lex.quote_only_verbs and not direct) or (
            lemma in lex.participle_only_verbs and token.tag_ != "VBG"
        ):
            continue  # "the war continued", "the term refers to a tax"
        content = _reported(token, verb_class, lex)
        if content is not None and content.i == token.i:
            verb_class = "assert"  # "called the result a sham" asserts, whatever "call" else does
        if content is not None and _wh_content(token, content, lex):
            continue
        if quoted_cue and (content is None or not _nested_ok(token, content)):
            # a cue inside a quotation reports only with its own subject and a clause
            # of its own: '"I believe we will win," he said' (not '"They said it was
            # over," he recalled', where the parser may hang "recalled" on "said")
            continue
        if content is None and not direct:
            continue
        subject = _subject(token)
        if (
            quoted_cue
            and verb_class != "assert"
            and subject is not None
            and _speaker_pronoun(subject)
        ):
            # the quoted speaker's own "I think", "we want", "you know" is a stance
            # inside what they say, not a second report: in '"I think we will do
            # that," Clinton said' the claim is Clinton's ("I said" still reports)
            continue
        # a passive cue without a clause names rather than reports: 'H1N1 was called
        # "swine flu"'
        if subject is None and not (
            content is not None
            and (_is_passive_report(token) or _bare_question(token, content, lex))
        ):
            continue
        if subject is not None and _filler(token, subject, lex):
            continue
        if _idle_infinitive(token) or _idiom(token, sent, lex):
            continue
        if content is not None and _anonymity(content, lex):
            continue
        source = _np_span(subject) if subject is not None else None
        quoted = direct or _clause_quoted(content, quotes)
        bounds = _after_addressee(token, content, lex, sent)
        found.append(
            Found(
                token.i,
                token.i + 1,
                verb_class,
                source,
                content,
                quoted,
                quoted_cue,
                content_bounds=bounds,
            )
        )
        taken.add(token.i)
    found.extend(_statement_cues(sent, lex, quotes))
    found.extend(f for f in _survey_cues(sent, lex, quotes) if f.cue_start not in taken)
    aside = _closing_aside(sent, lex, quotes, taken) or _share_subject(sent, lex, quotes, taken)
    if aside is not None:
        found.append(aside)
    colon = _colon_quote(sent, lex, quotes, found)
    if colon is None and not found:
        colon = _name_colon(sent, lex, headline)
    if colon is not None:
        found.append(colon)
    found = [_colon_content(f, sent, quotes) for f in found]
    if found and all(f.nested for f in found) and _narrated(sent, quotes):
        # a quotation's own cue speaks only beside the cue of its speaker: in
        # '"They said it was over," he recalled' the sentence is his, not theirs
        return []
    found.sort(key=lambda f: f.cue_start)
    return found


def _nominal_cue(noun: Token, lex: Cues, quotes: list[tuple[int, int]]) -> Found | None:
    """ "The claim that the vote was rigged has been debunked", "the minister's
    assertion that the economy was growing": a noun that takes a that-clause reports
    it; its possessor, if any, is the source. A "that" that is the clause's own
    subject or object makes it a relative clause ("the report that he wrote")."""
    cls = lex.nominal_cues.get(noun.lemma_.lower())
    if cls is None or noun.pos_ != "NOUN":
        return None
    if noun.dep_ == "pobj" and noun.lemma_.lower() in lex.channel_nouns:
        return None  # "said in a statement that ...": the channel of the verb's report
    # "The minister's view is that the economy will recover": the clause may be the
    # copula's
    candidates = list(noun.rights)
    if noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
        candidates += [c for c in noun.head.children if c.i > noun.i]
    for clause in candidates:
        if (
            clause.dep_ in {"acl", "relcl", "ccomp"}
            and _finite_clause(clause)
            and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
        ):
            owners = [c for c in noun.children if c.dep_ == "poss"]
            source = None
            nominal = True
            if owners:
                lo, hi = _np_span(owners[0])
                while hi > lo and noun.doc[hi - 1].tag_ == "POS":  # "the minister's"
                    hi -= 1
                source = (lo, hi) if hi > lo else None
            elif noun.dep_ == "dobj" and noun.head.lemma_.lower() in lex.statement_light_verbs:
                # "Johnson has made the misleading claim that ...": who makes the
                # statement is its source, and the sentence is their claim
                maker = _subject(noun.head)
                if maker is not None:
                    source = _np_span(maker)
                    nominal = False
            return Found(
                noun.i,
                noun.i + 1,
                cls,
                source,
                clause,
                _clause_quoted(clause, quotes),
                nominal=nominal,
            )
    return None


def _adjective_cue(adj: Token, lex: Cues, quotes: list[tuple[int, int]]) -> Found | None:
    """ "Officials are confident that the vaccine is safe", "She made it clear that she
    would not resign": an adjective of belief or feeling with a that-clause reports it;
    the subject of its verb is the source."""
    # "Lawmakers are convinced that ...": a participle used as an adjective is tagged a
    # verb; its word, not its lemma, is the adjective
    cls = lex.adjective_cues.get(adj.lemma_.lower()) if adj.pos_ == "ADJ" else None
    if cls is None and adj.pos_ == "VERB" and adj.dep_ == "acomp":
        cls = lex.adjective_cues.get(adj.lower_)
    if cls is None or adj.dep_ not in {"acomp", "ccomp", "oprd"}:
        return None
    verb = adj.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    if verb.lemma_ == "make" and adj.lemma_.lower() not in lex.make_adjectives:
        return None  # "make sure that you use the right model" is an instruction
    # the parser hangs the clause on the adjective or, after "made clear", on the verb
    clauses = [c for c in adj.children if c.i > adj.i] + [
        c for c in verb.children if c.i > adj.i and verb.lemma_ == "make"
    ]
    for clause in clauses:
        if (
            clause.dep_ in {"ccomp", "advcl"}
            and _finite_clause(clause)
            and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
        ):
            subject = _subject(verb)
            if subject is None or subject.lower_ == "it":
                return None  # "It is clear that ...": no one is
            return Found(
                adj.i,
                adj.i + 1,
                cls,
                _np_span(subject),
                clause,
                _clause_quoted(clause, quotes),
            )
    return None


def _as_put_it(verb: Token, lex: Cues, quotes: list[tuple[int, int]]) -> Found | None:
    """ "As one official put it, the country is running out of time": the aside's
    subject speaks the clause it hangs on."""
    if verb.lemma_.lower() not in lex.as_it_verbs or not _marked_as(verb):
        return None
    its = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ == "it"]
    if not its or its[0].i != verb.i + 1:
        return None
    subject = _subject(verb)
    head = verb.head
    if subject is None or head.i == verb.i or head.pos_ not in {"VERB", "AUX"}:
        return None
    # the cue is "put it", so that the content starts after it
    return Found(
        verb.i, verb.i + 2, "assert", _np_span(subject), head, _clause_quoted(head, quotes)
    )


def bare_cue(sent: Span) -> Found | None:
    """A sentence that is only a cue and its speaker, split off the quotation before it
    (`"We will win!" he said.`, `"..." said Stephen Harper, Prime Minister of Canada.`):
    the cue with its source, for that quotation (content_head is left None)."""
    lex = cues()
    root = sent.root
    verb_class = lex.verbs.get(_cue_lemma(root, lex))
    if verb_class is None or root.pos_ not in {"VERB", "AUX"}:
        return None
    if any(c.dep_ in {"ccomp", "xcomp", "dobj", "parataxis", "advcl"} for c in root.children):
        return None
    subject = _subject(root)
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    # the sentence opens with the cue ("said Stephen Harper") or its speaker ("he said")
    if subject is None or not words or words[0].i not in {root.i, subject.left_edge.i}:
        return None
    return Found(root.i, root.i + 1, verb_class, _np_span(subject), None, True)


def _statement_cues(sent: Span, lex: Cues, quotes: list[tuple[int, int]]) -> list[Found]:
    """ "In a statement, the White House condemned the attack": the channel phrase is
    the cue of a clause whose verb is no cue itself ("said in a statement" is said's)."""
    out: list[Found] = []
    for token in _prepositions_in(sent):
        verb = token.head
        if verb.pos_ not in {"VERB", "AUX"} or _cue_lemma(verb, lex) in lex.verbs:
            continue
        nouns = [
            c
            for c in token.children
            if c.dep_ == "pobj" and c.lemma_.lower() in lex.statement_nouns
        ]
        subject = _subject(verb)
        if not nouns or subject is None or subject.tag_ in RELATIVE_TAGS:
            continue
        end = nouns[0].i + 1
        out.append(Found(token.i, end, "assert", _np_span(subject), verb, _has_quote(quotes)))
    return out


def _survey_cues(sent: Span, lex: Cues, quotes: list[tuple[int, int]]) -> list[Found]:
    """ "In a CNN poll released Monday, Clinton led by 10 points", "Trump is ahead in the
    polls": the poll a clause is found in is its source."""
    out: list[Found] = []
    for token in _prepositions_in(sent):
        nouns = [
            c for c in token.children if c.dep_ == "pobj" and c.lemma_.lower() in lex.survey_nouns
        ]
        if not nouns:
            continue
        verb = _clause_of(token)
        if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() in lex.survey_taking_verbs:
            continue  # "She voted in the poll" took part in it
        noun = nouns[0]
        source = (noun.left_edge.i, noun.right_edge.i + 1)
        out.append(Found(token.i, token.i + 1, "assert", source, verb, _has_quote(quotes)))
    return out


def _prepositions_in(sent: Span) -> list[Token]:
    """The sentence's "in" that heads a prepositional phrase ("in a statement")."""
    doc = sent.doc
    positions = _in_phrases(doc)
    found = positions[bisect_left(positions, sent.start) : bisect_left(positions, sent.end)]
    return [doc[i] for i in found]


@per_doc
def _in_phrases(doc: Doc) -> list[int]:
    """The indices of the document's "in" that head a prepositional phrase."""
    table = token_table(doc)
    dep = table.dep
    return [i for i, word in enumerate(table.lower) if word == "in" and dep[i] == "prep"]


#: inflection endings stripped to find a cue the lemmatiser got wrong, with what replaces them
INFLECTIONS = (("s", ""), ("es", ""), ("d", ""), ("ed", ""), ("ing", ""), ("ing", "e"))


#: entity labels of a speaker named before a colon ("Trump: \u201cWe will win\u201d")
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _colon_before(sent: Span, start: int) -> int | None:
    """The colon right before a quotation that starts at ``start``, if one is there."""
    doc = sent.doc
    colon = start - 1
    while colon > sent.start and doc[colon].is_space:
        colon -= 1
    return colon if colon > sent.start and doc[colon].text == ":" else None


def _top(tokens: list[Token], lo: int, hi: int) -> Token | None:
    """The first of ``tokens`` whose head lies outside ``[lo, hi)``: the word that
    heads that stretch of the sentence."""
    return next((t for t in tokens if t.head.i == t.i or not lo <= t.head.i < hi), None)


def _colon_quote(
    sent: Span, lex: Cues, quotes: list[tuple[int, int]], found: list[Found]
) -> Found | None:
    """A colon that opens a quotation names its speaker before it, with no reporting verb.

    'Mary Quant described Day to the BBC in 2002: "Doris Day was ..."' (the subject
    of the clause before the colon), 'Trump: "We will build ..."' (a name alone),
    'Below is a statement from NPR spokeswoman Dana Davis Rehm: "..."' (who the
    statement is from). A cue verb before the colon ('He added: "..."') is the cue.
    """
    doc = sent.doc
    for a, b in quotes:
        colon = _colon_before(sent, a)
        if colon is None:
            continue
        if any(f.cue_start < colon for f in found) or any(x < colon < y for x, y in quotes):
            return None
        pre = range(sent.start, colon)
        heads = [
            doc[i]
            for i in pre
            if not doc[i].is_punct and (doc[i].head.i not in pre or doc[i].head.i == i)
        ]
        if len(heads) != 1:
            return None
        head = heads[0]
        source = _colon_speaker(head, lex)
        if source is None or source[0] >= colon:
            return None  # the speaker is named before the colon, never inside the quotation
        source = (source[0], min(source[1], colon))  # a name alone heads the whole sentence
        content = _top([doc[i] for i in range(a + 1, b) if not doc[i].is_punct], a + 1, b)
        # the verb before the colon is the cue ("Rhimes declared ...: "), else the colon
        cue = head.i if head.pos_ in {"VERB", "AUX"} and head.lemma_ != "be" else colon
        return Found(cue, cue + 1, "assert", source, content, True)
    return None


def _colon_content(found: Found, sent: Span, quotes: list[tuple[int, int]]) -> Found:
    """A cue before a colon that opens a quotation reports the quotation: in 'Mary
    Quant described Day to the BBC in 2002: "Doris Day was ..."' the parser may make
    the quotation's verb the sentence's root, with the cue's clause below it."""
    doc = sent.doc
    for a, b in quotes:
        colon = _colon_before(sent, a)
        if colon is None or not found.cue_end <= colon:
            continue
        if found.source is not None and found.source[1] > colon:
            continue
        head = found.content_head
        if head is not None and head.left_edge.i > colon:
            continue  # 'He added: "..."' already reports the quotation
        root = _top([doc[i] for i in range(a + 1, b) if not doc[i].is_punct], a + 1, b)
        if root is None:
            continue
        return replace(found, content_head=root, direct_quote=True, content_bounds=(a, b))
    return found


def _closing_aside(
    sent: Span, lex: Cues, quotes: list[tuple[int, int]], taken: set[int]
) -> Found | None:
    """ "..., study co-author and Research Fellow Martin How said on Tuesday.": a cue
    after a comma, with only a noun phrase between them and nothing but adjuncts after
    it, speaks the clause before the comma, also where a long title breaks the parse
    (the parser read "How" as a wh-word and "said" as a relative clause)."""
    doc = sent.doc
    quoted = frozenset(i for x, y in quotes for i in range(x, y))
    table = token_table(doc)
    classes, tags, pos = _cue_table(doc).verb_class, table.tag, table.pos
    for i in range(sent.start, sent.end):
        cls = classes[i]
        if cls is None or tags[i] not in {"VBD", "VBZ"} or i in taken or i in quoted:
            continue
        if any(pos[k] in {"VERB", "AUX"} for k in range(i + 1, sent.end)):
            continue
        verb = doc[i]
        j = verb.i - 1
        while j > sent.start and doc[j].text != "," and _np_word(doc[j]):
            j -= 1
        if j <= sent.start or doc[j].text != "," or j == verb.i - 1:
            continue
        words = doc[j + 1 : verb.i]
        if not any(t.pos_ in {"NOUN", "PROPN"} for t in words) or words[0].pos_ == "CCONJ":
            continue
        before = [t for t in doc[sent.start : j] if not (t.is_punct or t.is_space)]
        clause = _top(before, sent.start, j)
        if clause is None or clause.pos_ not in {"VERB", "AUX"} or not _finite_clause(clause):
            continue
        direct = _quote_near(verb, quotes)
        return Found(
            verb.i,
            verb.i + 1,
            cls,
            (j + 1, verb.i),
            clause,
            direct,
            content_bounds=(sent.start, j),
            by_shape=True,
        )
    return None


def _share_subject(
    sent: Span, lex: Cues, quotes: list[tuple[int, int]], taken: set[int]
) -> Found | None:
    """ "More than 4 in 10 said billionaire Donald Trump would be best ...": a poll's
    share as the subject of a cue, where the parser reads the cue as a modifier of the
    noun after it."""
    doc = sent.doc
    quoted = frozenset(i for x, y in quotes for i in range(x, y))
    classes, tags = _cue_table(doc).verb_class, token_table(doc).tag
    for i in range(sent.start, sent.end):
        cls = classes[i]
        if cls is None or tags[i] not in {"VBD", "VBZ", "VBP"} or i in taken or i in quoted:
            continue
        verb = doc[i]
        j = verb.i
        while j > sent.start and (doc[j - 1].like_num or doc[j - 1].lower_ in lex.share_words):
            j -= 1
        share = doc[j : verb.i]
        if (
            len(share) < 3
            or not any(t.like_num for t in share)
            or share[-1].lower_ in lex.share_words
        ):
            continue
        rest = [t for t in doc[verb.i + 1 : sent.end] if not (t.is_punct or t.is_space)]
        if not any(t.tag_ in FINITE_TAGS for t in rest):
            continue
        top = _top(rest, verb.i + 1, sent.end)
        head = top if top is not None else rest[0]
        return Found(
            verb.i,
            verb.i + 1,
            cls,
            (j, verb.i),
            head,
            _quote_near(verb, quotes),
            content_bounds=(verb.i + 1, sent.end),
            by_shape=True,
        )
    return None


#: word classes of a speaker's title and name ("study co-author and Royal Society
#: University Research Fellow Martin How")
NP_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "CCONJ", "PART"})


def _np_word(token: Token) -> bool:
    if token.pos_ in NP_POS or token.text in {"-", "–", "of", "'s", "’s"}:
        return True
    # a name the tagger misread ("How" as a wh-word)
    return token.is_title and not token.is_sent_start


#: the most words a headline's speaker before its colon may have ("McCain
#: Challenger Kelli Ward: ...")
HEADLINE_SPEAKER_WORDS = 6


def speaker_label(sent: Span) -> Found | None:
    """A sentence that is only a transcript's speaker label, "TAPPER:" (one to three
    words in capitals and a colon): the cue and source for what follows it."""
    doc = sent.doc
    table = token_table(doc)
    space = table.is_space
    last = next((i for i in range(sent.end - 1, sent.start - 1, -1) if not space[i]), None)
    if last is None or table.text[last] != ":":
        return None  # (most sentences end in a full stop: the words need not be listed)
    kept = [i for i in range(sent.start, sent.end) if not space[i]]
    if len(kept) < 2:
        return None
    words = [doc[i] for i in kept]
    pre = words[:-1]
    if not _caps_label(pre) or not _may_speak(pre, cues()):
        return None
    return Found(
        words[-1].i,
        words[-1].i + 1,
        "assert",
        (pre[0].i, pre[-1].i + 1),
        None,
        False,
        by_shape=True,
    )


def _caps_label(words: list[Token]) -> bool:
    """A transcript's speaker label: one to three words in capitals ("TAPPER")."""
    return len(words) <= 3 and all(t.is_upper and t.is_alpha and len(t) > 1 for t in words)


def _may_speak(words: list[Token], lex: Cues) -> bool:
    """Whether the words before a colon may name a speaker: not a genre or section
    ("Analysis: Why the vote matters") nor a place alone ("Paris: A city of light", a
    dateline's "WASHINGTON:")."""
    if " ".join(t.lower_ for t in words) in lex.headline_kickers:
        return False
    return not all(t.ent_type_ in {"GPE", "LOC"} for t in words)


def _name_colon(sent: Span, lex: Cues, headline: bool) -> Found | None:
    """A colon after a name that reports what follows it, no quotation needed: a
    headline's ("Trump: Cruz has to come a long way on ethanol", "Poll: Sanders leads
    in Iowa") or a transcript's speaker label ("TAPPER: Donald Trump released a video
    on Friday."). Before the colon a name or a noun phrase, capitalised (in running
    text, a label in capitals); after it a statement, not a question."""
    doc = sent.doc
    texts = token_table(doc).text
    at = next((i for i in range(sent.start, sent.end) if texts[i] == ":"), None)
    if at is None or not sent.start < at <= sent.start + HEADLINE_SPEAKER_WORDS:
        return None
    colon = doc[at]
    pre = [t for t in doc[sent.start : colon.i] if not t.is_space]
    if not pre or any(t.pos_ in {"VERB", "AUX"} and not t.is_title for t in pre):
        return None
    if not headline and not _caps_label(pre):
        return None  # in running text only a speaker label: "TAPPER: ..."
    # a name or a noun phrase ("Trump", "Clinton camp", "NY Daily News"), capitalised
    if not pre[0].text[:1].isupper() or not all(
        t.is_title or t.is_upper or t.pos_ in {"PROPN", "NOUN", "ADJ", "PART", "NUM"} for t in pre
    ):
        return None
    if not any(t.pos_ in {"PROPN", "NOUN"} or t.ent_type_ in SPEAKER_LABELS for t in pre):
        return None
    if not _may_speak(pre, lex):
        return None
    after = [t for t in doc[colon.i + 1 : sent.end] if not (t.is_punct or t.is_space)]
    if len(after) < 2 or after[0].tag_ in WH_TAGS or sent[-1].text == "?":
        return None  # no statement, or a question: "Poll: Who will win Iowa?"
    # the tagger reads a title-case headline's verbs as names; a verbless statement
    # otherwise needs a speaker the model names ("Lynch: No outside influence ...")
    title_case = sum(t.is_title for t in after) * 2 > len(after)
    verbs = [t for t in after if t.pos_ in {"VERB", "AUX"}]
    if not (verbs or title_case or any(t.ent_type_ in {"PERSON", "ORG"} for t in pre)):
        return None
    top = _top(after, colon.i + 1, sent.end)
    content = top if top is not None else after[0]
    return Found(
        colon.i,
        colon.i + 1,
        "assert",
        (pre[0].i, pre[-1].i + 1),
        content,
        False,
        content_bounds=(colon.i + 1, sent.end),
        by_shape=True,
    )


def _colon_speaker(head: Token, lex: Cues) -> tuple[int, int] | None:
    """The speaker named before a quotation's colon, if the words there name one."""
    if head.pos_ in {"VERB", "AUX"}:
        subject = _subject(head)
        if subject is None:
            return None
        author = _statement_author(subject, lex)
        if author is not None:
            return author
        if head.lemma_ == "be":
            return None  # 'The message was clear: "..."' names no speaker
        return _np_span(subject)
    author = _statement_author(head, lex)
    if author is not None:
        return author
    if head.pos_ == "PROPN" or head.ent_type_ in SPEAKER_LABELS:
        return _np_span(head)
    if head.pos_ in {"NOUN", "ADJ", "X"} and (head.is_title or head.is_upper):
        # the tagger reads a name alone as a noun or an adjective ("Trump: ...")
        return _np_span(head)
    return None


def _statement_author(noun: Token, lex: Cues) -> tuple[int, int] | None:
    """ "a statement from the White House": who the statement is from."""
    if noun.lemma_.lower() not in lex.statement_nouns:
        return None
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in {"from", "by"}:
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if objects:
                return _np_span(objects[0])
    return None


def _cue_lemma(token: Token, lex: Cues) -> str:
    """The token's lemma, or the cue it inflects when the lemmatiser missed it
    ("The party hopes to win" is lemmatised "hop")."""
    if lex is cues():
        return _cue_table(token.doc).lemma[token.i]  # read once per document
    return _inflected_lemma(token.lemma_.lower(), token.pos_, token.lower_, lex)


def _inflected_lemma(lemma: str, pos: str, word: str, lex: Cues) -> str:
    if lemma in lex.verbs or pos not in {"VERB", "AUX"}:
        return lemma
    for ending, stem in INFLECTIONS:
        if word.endswith(ending) and word[: -len(ending)] + stem in lex.verbs:
            return word[: -len(ending)] + stem
    return lemma


@dataclass(frozen=True)
class _CueTable:
    """What the cue rules ask of every token, read once per document."""

    lemma: list[str]  # ``_cue_lemma``
    verb_class: list[str | None]  # the class of that lemma as a reporting verb
    #: the token may open a cue of some kind: a phrase ("according to"), a noun
    #: ("the claim that"), an adjective ("confident that"), "as ... put it", a
    #: refusal ("declined to comment") or a reporting verb; no other is looked at
    candidate: list[bool]


@per_doc
def _cue_table(doc: Doc) -> _CueTable:
    lex = cues()
    table = token_table(doc)
    verbs = lex.verbs
    lemma = [
        # a lemma that is a cue, or no verb's, is the lemma: most words are done here
        low if low in verbs or pos not in _VERB_POS else _inflected_lemma(low, pos, word, lex)
        for low, pos, word in zip(table.lemma_lower, table.pos, table.lower, strict=True)
    ]
    verb_class = [verbs.get(w) for w in lemma]
    by_word, by_lemma = _cue_words()
    candidate = [
        word in by_word or low in by_lemma or (cls is not None and pos in _VERB_POS)
        for word, low, cls, pos in zip(
            table.lower, table.lemma_lower, verb_class, table.pos, strict=True
        )
    ]
    return _CueTable(lemma, verb_class, candidate)


_VERB_POS = frozenset({"VERB", "AUX"})


@cache
def _cue_words() -> tuple[frozenset[str], frozenset[str]]:
    """The words (lower case) and the lemmas that may open a cue other than a
    reporting verb: phrase openers and adjectives; nouns, "put", adjectives, refusals."""
    lex = cues()
    by_word = _phrase_openers(lex.phrases) | lex.adjective_cues.keys()
    by_lemma = (
        lex.nominal_cues.keys() | lex.as_it_verbs | lex.adjective_cues.keys() | lex.refusal_verbs
    )
    return frozenset(by_word), frozenset(by_lemma)


def _phrase_at(token: Token, lex: Cues) -> tuple[int, str] | None:
    if token.lower_ not in _phrase_openers(lex.phrases):
        return None  # most tokens open no cue phrase: one set lookup, not a scan
    doc = token.doc
    for words, cls in lex.phrases:
        n = len(words)
        if token.i + n <= len(doc) and all(
            doc[token.i + k].lower_ == w for k, w in enumerate(words)
        ):
            # "according to police", "citing officials": only with a noun phrase after
            src = _according_source(token, n)
            if src is None or doc[src[0] : src[1]].root.lemma_.lower() in lex.according_manner:
                # "Everything went according to plan": a manner, not a source
                return None
            return n, cls
    return None


@cache
def _phrase_openers(phrases: tuple[tuple[tuple[str, ...], str], ...]) -> frozenset[str]:
    return frozenset(words[0] for words, _ in phrases)


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


def _fronted_source(token: Token, source: tuple[int, int], sent: Span) -> tuple[int, int]:
    """ "According to the researchers, sacrifice and mummification of ibises was
    common": the parser may join the clause's subject to the source; a fronted phrase
    whose clause is left without a subject ends at its comma."""
    doc = sent.doc
    if token.i != sent.start and not doc[token.i - 1].is_punct:
        return source
    verb = _clause_of(token)
    if any(c.dep_ in {"nsubj", "nsubjpass", "expl", "csubj"} for c in verb.children):
        return source
    for i in range(source[0], source[1]):
        if doc[i].text == ",":
            return (source[0], i) if i > source[0] else source
    return source


def _clause_of(token: Token) -> Token:
    """The verb of the clause a phrase cue sits in ("..., according to officials")."""
    # "According" is itself tagged a verb: start from the word it hangs on
    node = token.head if token.dep_ == "prep" and token.head.i != token.i else token
    while node.head.i != node.i and node.pos_ not in {"VERB", "AUX"}:
        node = node.head
    return node


def _reported(verb: Token, verb_class: str, lex: Cues) -> Token | None:
    """What a reporting verb reports: its complement clause, or the clause it is
    parenthetical to, or (for some verbs) its to-clause or noun object.

    "police said two buildings were attacked" -> attacked (ccomp of said);
    "two buildings were attacked on Saturday, police said." -> the parser makes
    "attacked" a ccomp of "said" too; "..., he added, ..." may come as parataxis.
    The clause must be finite or introduced by "that"/"whether": "footage showed
    vehicles moving" reports nothing.
    """
    cue_lemma = _cue_lemma(verb, lex)
    if cue_lemma in lex.preposition_only_verbs:
        return _preposition_content(verb, lex)  # "she spoke about the plan"
    # the clause after the cue first: in "Police said two people died; the mayor said
    # the city would rebuild" the parser hangs the first report on the second cue too
    kids = list(verb.children)  # read once: each walk makes a Token per child
    children = sorted(kids, key=lambda c: c.i < verb.i)
    for child in children:
        if (
            child.dep_ in CLAUSE_DEPS
            and _finite_clause(child)
            and not _semicolon_before(child, verb)
        ):
            return child
    # "The ministry said in a statement that the border would remain closed": the
    # parser hangs the that-clause on "statement" as a relative clause; a relative
    # clause has no "that" marker (its "that" is a subject or object), this one does
    for child in kids:
        if child.dep_ != "prep":
            continue
        for obj in child.children:
            for clause in obj.children:
                if (
                    clause.dep_ in {"relcl", "acl"}
                    and _finite_clause(clause)
                    and (
                        any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
                        or _channel_clause(obj, clause, lex)
                    )
                ):
                    return clause
    # "..., police said." / "The town, says a sign, is closed." (an aside anywhere);
    # "As the minister said, the economy is strong." Not a subordinate clause: "...
    # could rise before it is officially reported", "he would resign, though he did
    # not say when"; nor the complement of another cue: "told the court he had been
    # threatened"
    # an aside is finite ("..., police said"): not "left the trail to prepare at home",
    # "looked to add justices", "spoke out, calling it an aggression"; nor a clause after
    # a semicolon ("the movement launched; Thunberg promised protests every week")
    before = verb.doc[verb.left_edge.i - 1] if verb.left_edge.i > 0 else None
    aside = (
        _finite_clause(verb)
        and not (before is not None and before.text == ";")
        # "This is what we call emotional contagion": a free relative, not an aside
        and not any(c.tag_ in WH_TAGS and c.i < verb.i for c in kids)
    )
    parenthetical = aside and (
        verb.dep_ == "parataxis"
        or (
            verb.dep_ in {"advcl", "ccomp"}
            and (verb.i > verb.head.i or _marked_as(verb))
            and not any(
                c.dep_ in {"mark", "advmod"} and c.i < verb.i and c.lower_ != "as" for c in kids
            )
            and not (verb.dep_ == "ccomp" and _cue_lemma(verb.head, lex) in lex.verbs)
            # a passive aside needs its "it": "..., it was reported" (not "... is not
            # published")
            and (
                not any(c.dep_ == "auxpass" for c in kids)
                or any(c.dep_ == "nsubjpass" and c.lower_ == "it" for c in kids)
            )
        )
    )
    head = verb.head
    if head.dep_ in {"aux", "auxpass"}:
        head = head.head
    if parenthetical and head.pos_ in {"VERB", "AUX"} and _finite_clause(head):
        return head
    # "Boeing plans to build ...", "The senator claimed to have evidence ...", and any
    # passive cue: "some studios are reported to want ...", "The leader is said to be ill"
    passive = any(c.dep_ == "auxpass" for c in kids)
    if (
        cue_lemma in lex.passive_infinitive_verbs
        if passive
        else (verb_class in lex.infinitive_classes or cue_lemma in lex.infinitive_verbs)
    ):
        for child in kids:
            # "expected sales to exceed 250": the parser may call it a ccomp
            if child.dep_ in {"xcomp", "ccomp"} and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in child.children
            ):
                return child
    # "GM reported losing US$ 4.8 billion", "he denied taking bribes"
    if not passive and cue_lemma in lex.gerund_verbs:
        for child in kids:
            if (
                child.dep_ in {"xcomp", "ccomp"}
                and child.tag_ == "VBG"
                and child.i > verb.i
                and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in child.children)
            ):
                return child
    # "asked the senator if he had been preparing": the parser may make the question
    # an adverbial clause
    if cue_lemma in lex.question_verbs:
        for child in kids:
            if (
                child.dep_ == "advcl"
                and child.i > verb.i
                and any(c.dep_ == "mark" and c.lower_ in {"if", "whether"} for c in child.children)
            ):
                return child
    # "accused the government of rigging the vote", "warned of a second wave"
    preps = lex.preposition_content.get(cue_lemma, frozenset())
    content = _preposition_content(verb, lex)
    if content is not None:
        return content
    # "Mr Davies described the decision as a 'textbook example'": the parser hangs the
    # "as" phrase on the object; the report is the object with what it is described as
    if not passive and "as" in preps:
        for child in kids:
            if child.dep_ == "dobj" and any(
                c.dep_ == "prep" and c.lower_ == "as" and any(g.dep_ == "pobj" for g in c.children)
                for c in child.children
            ):
                return verb
    # "The senator criticized the plan for its cost": a public judgement of its object;
    # an infinitive one ("wants to endorse her") has not been made
    if verb_class in lex.judgement_classes:
        if passive or any(c.dep_ == "aux" and c.lower_ == "to" for c in kids):
            return None
        if any(c.dep_ == "dobj" for c in kids):
            return verb
        return None
    # "Opposition leaders called the result a sham": a judgement of its object; the
    # report is the object with what it is called, so the cue itself heads it
    if (
        not passive
        and cue_lemma in lex.naming_verbs
        # "what we call emotional contagion" names a term
        and any(c.dep_ == "dobj" and c.tag_ not in WH_TAGS for c in kids)
        and any(c.dep_ == "oprd" for c in kids)
    ):
        return verb
    # a passive with an object refuses rather than reports: "Johnson was denied access";
    # a gerund that is itself an object names an activity: "to mandate reporting abuses"
    gerund_object = verb.tag_ == "VBG" and verb.dep_ in {"xcomp", "dobj", "pcomp", "pobj"}
    if not passive and not gerund_object:
        # "dismissed suggestions that the leader might step down": any cue reports an
        # object that is itself something said or believed
        lemma = cue_lemma
        takes_object = lemma in lex.object_verbs
        # "Several polls show Sanders within two points": the object with what is said
        # of it, so the cue heads the report
        if (
            lemma in lex.evidence_object_verbs
            and _evidence_subject(verb, lex)
            and any(c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"} for c in kids)
        ):
            return verb
        limits = lex.object_noun_limits.get(lemma)
        for child in kids:
            if child.dep_ != "dobj" or child.pos_ not in {"NOUN", "PROPN"}:
                continue
            noun = child.lemma_.lower()
            if noun in lex.reported_nouns:
                return child
            # "the rebels claimed more territory" takes; "claimed victory" says
            if takes_object and (limits is None or noun in limits):
                return child
    return None


def _bare_question(verb: Token, content: Token, lex: Cues) -> bool:
    """ "Asked if the plan had worked, Smith said it had", "Asked about the plan, ...": a
    participle of asking that opens the sentence reports a question whose asker is not
    named (not a request: "Asked to leave, the fans refused")."""
    if (
        _cue_lemma(verb, lex) not in lex.question_verbs
        or verb.tag_ != "VBN"
        or verb.dep_ != "advcl"
        or verb.left_edge.i != verb.sent.start
        or any(c.dep_ in {"nsubj", "nsubjpass", "auxpass"} for c in verb.children)
    ):
        return False
    if content.dep_ == "prep":
        return True
    first = content.left_edge
    return first.lower_ in {"if", "whether"} or first.tag_ in WH_TAGS


def _refusal(verb: Token, lex: Cues) -> Found | None:
    """ "A spokesman declined to comment", "Smith declined to say whether the deal was
    signed": a refusal to speak reports; its cue runs from the refusal to the verb of
    speaking, and what the speaker would not say, if named, is its content."""
    if verb.lemma_.lower() not in lex.refusal_verbs or verb.pos_ != "VERB":
        return None
    for child in verb.children:
        if (
            child.dep_ == "xcomp"
            and child.i > verb.i
            and (
                child.lemma_.lower() in lex.refusal_complements or child.lemma_.lower() in lex.verbs
            )
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        ):
            subject = _subject(verb)
            if subject is None or subject.tag_ in WH_TAGS - {"WP"}:
                return None
            content = None
            for grand in child.children:
                if grand.dep_ in CLAUSE_DEPS and grand.i > child.i:
                    content = grand
            return Found(verb.i, child.i + 1, "decline", _np_span(subject), content, False)
    return None


def _after_addressee(
    verb: Token, content: Token | None, lex: Cues, sent: Span
) -> tuple[int, int] | None:
    """Where the content starts when the parser ran the addressee of "told" into the
    reported clause's subject: in "told Brussels-based media network EURACTIV safety
    procedure had been followed" the name ends the addressee ("told reporters the
    procedure ..." is parsed right)."""
    if content is None or content.i < verb.i or _cue_lemma(verb, lex) not in lex.addressee_verbs:
        return None
    if any(c.dep_ in {"dobj", "dative", "iobj"} for c in verb.children):
        return None
    subjects = [c for c in content.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects or subjects[0].left_edge.i != verb.i + 1:
        return None
    doc = verb.doc
    words = range(subjects[0].left_edge.i, subjects[0].i)
    ends = [
        k
        for k in words
        if doc[k].pos_ == "PROPN" and doc[k + 1].pos_ == "NOUN" and doc[k + 1].is_lower
    ]
    return (ends[-1] + 1, sent.end) if ends else None


def _evidence_subject(verb: Token, lex: Cues) -> bool:
    """ "Several polls show ...", "The audit found ...": the subject is evidence."""
    subject = _subject(verb)
    return subject is not None and subject.lemma_.lower() in lex.evidence_nouns


def _preposition_content(verb: Token, lex: Cues) -> Token | None:
    """The prepositional object a cue reports: "warned of a second wave"."""
    preps = lex.preposition_content.get(_cue_lemma(verb, lex), frozenset())
    for child in verb.children:
        if (
            child.dep_ == "prep"
            and child.lower_ in preps
            and any(c.dep_ in {"pobj", "pcomp"} for c in child.children)
        ):
            return child
    return None


def _semicolon_before(clause: Token, verb: Token) -> bool:
    """ "the movement launched; Thunberg promised protests": a clause that a semicolon
    ends before the cue is a sentence of its own, not what the cue reports."""
    after = clause.right_edge.i + 1
    return clause.i < verb.i and after < verb.i and clause.doc[after].text == ";"


def _channel_clause(channel: Token, clause: Token, lex: Cues) -> bool:
    """ "said in a video message that the fight would go on": the parser may read the
    "that" of the clause after a channel noun as a relative pronoun; with a subject of
    its own right after "that", the clause is what was said, not a relative clause
    ("the message that he sent" has no such subject)."""
    if channel.lemma_.lower() not in lex.channel_nouns:
        return False
    first = clause.left_edge
    if first.lower_ != "that" or first.dep_ in {"nsubj", "nsubjpass"}:
        return False
    subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}]
    return bool(subjects) and subjects[0].left_edge.i == first.i + 1


def _narrated(sent: Span, quotes: list[tuple[int, int]]) -> bool:
    """Whether the sentence has words outside its quotations."""
    quoted = frozenset(i for a, b in quotes for i in range(a, b))
    table = token_table(sent.doc)
    punct, space = table.is_punct, table.is_space
    return any(not (punct[i] or space[i]) and i not in quoted for i in range(sent.start, sent.end))


def _nested_ok(verb: Token, content: Token) -> bool:
    return (
        any(c.dep_ == "nsubj" for c in verb.children)
        and content.i > verb.i
        and content.dep_ in CLAUSE_DEPS | {"xcomp"}
        and content.head.i == verb.i
    )


def _speaker_pronoun(subject: Token) -> bool:
    """A first- or second-person pronoun: the speaker or the one spoken to."""
    return subject.pos_ == "PRON" and bool(set(subject.morph.get("Person", [])) & {"1", "2"})


def _filler(verb: Token, subject: Token, lex: Cues) -> bool:
    """ "..., you know, it might be difficult ...": a filler aside reports nothing."""
    if (subject.lower_, _cue_lemma(verb, lex)) not in lex.fillers:
        return False
    return not any(c.dep_ in CLAUSE_DEPS | {"dobj", "xcomp"} for c in verb.children)


def _idiom(verb: Token, sent: Span, lex: Cues) -> bool:
    """ "That said, the party remains divided": a set phrase opening the sentence
    whose cue reports nothing."""
    doc = sent.doc
    for words in lex.idioms:
        end = sent.start + len(words)
        if sent.start <= verb.i < end <= sent.end and all(
            doc[sent.start + k].lower_ == w for k, w in enumerate(words)
        ):
            return True
    return False


def _wh_content(verb: Token, content: Token, lex: Cues) -> bool:
    """ "She did not know what address her house was", "The film shows how the family
    survived": a verb of knowing or showing with a wh-clause holds no proposition (a
    speech verb still reports one: "He explained how the fire started")."""
    lemma = _cue_lemma(verb, lex)
    if lex.verbs.get(lemma) != "believe" and lemma not in lex.wh_blind_verbs:
        return False
    first = content.left_edge
    return first.i > verb.i and first.tag_ in WH_TAGS and first.lower_ not in {"whether", "if"}


def _anonymity(content: Token, lex: Cues) -> bool:
    """ "The lawmakers, who asked not to be named, said ...": the aside that keeps a
    source anonymous asks for a passive of naming, and reports nothing."""
    return content.lemma_.lower() in lex.anonymity_verbs and any(
        c.dep_ == "auxpass" for c in content.children
    )


def _idle_infinitive(verb: Token) -> bool:
    """ "it might be difficult to say what ...", "too early to tell": an infinitive cue
    under a copula or an adjective has no speaker."""
    table = token_table(verb.doc)
    dep, lower = table.dep, table.lower
    if not any(dep[c] == "aux" and lower[c] == "to" for c in table.children(verb.i)):
        return False
    head = verb.head
    return head.pos_ == "ADJ" or head.lemma_ == "be"


def _marked_as(verb: Token) -> bool:
    """ "As the minister said, ...": an aside introduced by "as"."""
    return any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)


def _finite_clause(head: Token) -> bool:
    table = token_table(head.doc)
    tag, dep, lower = table.tag, table.dep, table.lower
    if tag[head.i] in FINITE_TAGS:
        return True
    return any(
        (dep[c] in {"aux", "auxpass"} and tag[c] in FINITE_TAGS)
        or (dep[c] == "mark" and lower[c] in {"that", "whether", "if"})
        for c in table.children(head.i)
    )


def _subject(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "csubj"}]
    if subjects:
        # "The town, says a sign, is closed": the parser may give the aside two
        # subjects; the inverted one after the cue is the speaker
        after = [c for c in subjects if c.i > verb.i]
        if len(subjects) > 1 and after:
            return after[0]
        # "Millions dwell in the slums, and while ..., local activists claimed ...": of
        # two subjects the parser gives the cue, the nearer one is its own
        return subjects[-1]
    # "General Motors Corporation ( GM ) , an American automaker which has filed for
    # bankruptcy protection , announced on Friday that ...": a long subject makes the
    # parser hang the cue on it as a reduced relative; when that noun is the root,
    # the sentence has no other main verb and the noun is the speaker
    head = verb.head
    if (
        verb.dep_ == "acl"
        and head.dep_ == "ROOT"
        and head.pos_ in {"NOUN", "PROPN"}
        and verb.tag_ in {"VBD", "VBN", "VBZ", "VBP"}
        and not any(c.dep_ == "auxpass" for c in verb.children)
    ):
        return head
    # "The ministry issued a statement saying the border would close", "Jobs resigned
    # in a letter to the board stating ...": a participle on a channel noun speaks for
    # the subject of the verb that issues or uses the channel
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.lemma_.lower() in cues().channel_nouns:
        node = head.head if head.dep_ == "pobj" else head
        if node.dep_ in {"dobj", "prep"} and node.head.pos_ in {"VERB", "AUX"}:
            for child in node.head.children:
                if child.dep_ == "nsubj":
                    return child
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    # "... and added that ...": the subject of the first conjunct;
    # "Boeing challenged the award, claiming ...": the subject of the clause
    node = verb
    while node.dep_ in PARTICIPLE_DEPS and node.head.i != node.i:
        if node.dep_ != "conj" and node.tag_ not in {"VBG", "VB"}:
            break
        node = node.head
        if (
            verb.tag_ == "VBG"
            and node.dep_ == "ccomp"
            and node.head.i < verb.i
            and _cue_lemma(node.head, cues()) in cues().verbs
        ):
            # "Officials said turnout was higher, citing preliminary figures": the parser
            # hangs the participle on the reported clause; the speaker cites
            node = node.head
        if node.dep_ == "prep":  # "by saying": step over the preposition
            if node.lower_ == "as":
                # "Detik.com quoted Djamal as saying": the one quoted speaks
                objects = [c for c in node.head.children if c.dep_ == "dobj"]
                if objects:
                    return objects[0]
            node = node.head
        for child in node.children:
            if child.dep_ == "nsubj":
                return child
    return None


def _is_passive_report(verb: Token) -> bool:
    """ "it was reported that ..." : a cue with no named source."""
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def _np_span(head: Token) -> tuple[int, int]:
    """The subject's noun phrase without relative clauses, appositions or asides."""
    left = head.left_edge.i
    right = head.i
    doc = head.doc
    # "The airport and hotel were evacuated and local police warned people": no
    # modifier before a noun holds a finite verb; when the parser hangs one there, the
    # phrase starts after it
    for child in reversed(list(head.lefts)):
        if any(t.tag_ in FINITE_TAGS and t.pos_ in {"VERB", "AUX"} for t in child.subtree):
            left = child.right_edge.i + 1
            break
        left = child.left_edge.i
    for child in head.rights:
        if child.dep_ in SOURCE_CUT_DEPS and not _bound_participle(child):
            break
        right = max(right, child.right_edge.i)
    # "Officials familiar with the talks, who spoke on condition of anonymity, said":
    # a relative clause set off by a comma deeper in the phrase (here on "talks") ends
    # it too
    for i in range(head.i + 1, right + 1):
        t = doc[i]
        if t.dep_ in NESTED_CUT_DEPS and t.left_edge.i > head.i + 1:
            before = doc[t.left_edge.i - 1]
            if before.text == "," or set_off_dash(before):
                right = t.left_edge.i - 1
                break
    # "The attack was carried out by rebels - officials said.": the parser may hang
    # the words before a dash on the source; the source starts after it
    for i in range(head.i - 1, left - 1, -1):
        if set_off_dash(doc[i]):
            left = i + 1
            break
    while right > head.i and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    while left < head.i and (doc[left].is_punct or doc[left].is_space):
        left += 1
    return left, right + 1


def _bound_participle(child: Token) -> bool:
    """ "According to court documents filed on Monday, ...": a past participle right
    after its noun, with no comma, is part of the noun phrase (not "Noel Forgeard,
    speaking at the show, said")."""
    return (
        child.dep_ == "acl"
        and child.tag_ == "VBN"
        and child.left_edge.i == child.i
        and child.i > 0
        and not child.doc[child.i - 1].is_punct
        # not "the company invested in e-commerce and started home deliveries, but
        # Gazeta Prawna reports": a participle that runs on into a clause is a verb
        and not any(
            t.text == "," or (t.tag_ in FINITE_TAGS and t.pos_ in {"VERB", "AUX"})
            for t in child.subtree
        )
    )


#: dashes that set off an attribution: "... by rebels - officials said"
DASHES = frozenset({"-", "--", "–", "—"})


def set_off_dash(token: Token) -> bool:
    """A dash that sets words apart: "by rebels - officials said", "rebels—officials";
    a hyphen inside a word is none ("U.N. Secretary-General Antonio Guterres said")."""
    if token.text not in DASHES:
        return False
    if token.text != "-":
        return True
    prev = token.doc[token.i - 1] if token.i > 0 else None
    return token.whitespace_ != "" or prev is None or prev.whitespace_ != ""


def _has_quote(quotes: list[tuple[int, int]]) -> bool:
    return any(b - a >= 4 for a, b in quotes)


def _quote_near(verb: Token, quotes: list[tuple[int, int]]) -> bool:
    """A quotation right before or after the cue: `"...," he said` / `said: "..."`. A
    short one counts only where it opens right after the cue and its comma or colon
    (`Ryan said, "Sure.`), not as a scare quote further on."""
    for a, b in quotes:
        if b - a < 4 and not 1 <= a - verb.i <= 2:
            continue
        if 0 <= verb.i - b <= 4 or 0 <= a - verb.i <= 6:
            return True
    return False


def _clause_quoted(content: Token | None, quotes: list[tuple[int, int]]) -> bool:
    """`said on Monday it had "increased the number ..."`: the report holds a quotation."""
    if content is None:
        return False
    lo, hi = content.left_edge.i, content.right_edge.i
    return any(b - a >= 4 and lo - 1 <= a <= hi for a, b in quotes)
