"""Claim records: one per asserted sentence, with its date, actors, quantities,
attribution, negation and hedging.

A sentence is a claim when it has a finite verb (so "Reporting by ..." or a
bare name is not) and is not a question. Its date is the explicit time that
governs its main verb ("were attacked on Saturday, police said" -> Saturday),
else a time of a clause inside it, else the reference date.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from claimx.extract.actors import ActorLayer
from claimx.extract.attribution import (
    RELATIVE_TAGS,
    Found,
    bare_cue,
    cues,
    find_attributions,
    quote_kind,
    quote_kinds,
    quote_marks,
    quote_open_after,
    quote_positions,
    speaker_label,
)
from claimx.extract.tokens import token_table
from claimx.records import Attribution, Claim, QuantityMention, SourceSpan, Span, TimeMention
from claimx.resources import load_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
#: a clause boundary: a time inside such a clause is not the main verb's time
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "xcomp", "csubj", "parataxis", "conj"})
#: cues that report a question ('"Why now?" asked the senator' is no claim)
QUESTION_CUES = frozenset({"ask", "wonder", "say", "query"})
#: entity labels of a named source that is not a person (ORG is left out: the small
#: model calls many a surname an organisation, '"...," Myers said.')
NOT_PERSON_LABELS = frozenset({"GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART"})
#: how many claims back a named speaker is still "he" when no entity fits
SPEAKER_REACH = 6
#: pronoun sources and the entity labels their antecedent may carry
PRONOUN_ANTECEDENTS = {
    "he": frozenset({"PERSON"}),
    "she": frozenset({"PERSON"}),
    "him": frozenset({"PERSON"}),  # "According to him, ..."
    "her": frozenset({"PERSON"}),
    "it": frozenset({"ORG", "GPE"}),
    "they": frozenset({"ORG", "GPE", "NORP", "PERSON"}),
}


@dataclass(frozen=True)
class HedgeLexicon:
    modals: frozenset[str]
    adverbs: frozenset[str]
    raising: frozenset[str]
    hedging_verbs: frozenset[str]
    negators: frozenset[str]
    negating_verbs: frozenset[str]


@cache
def hedges() -> HedgeLexicon:
    return HedgeLexicon(
        modals=load_words("hedges.json", "modals"),
        adverbs=load_words("hedges.json", "adverbs"),
        raising=load_words("hedges.json", "raising_verbs"),
        hedging_verbs=load_words("hedges.json", "hedging_verbs"),
        negators=load_words("hedges.json", "negators"),
        negating_verbs=load_words("hedges.json", "negating_verbs"),
    )


def build_claims(
    doc: Doc,
    *,
    text: str,
    times: Sequence[TimeMention],
    quantities: Sequence[QuantityMention],
    actors: ActorLayer,
    reference: str | None,
    skip: Sequence[tuple[int, int]] = (),
    headlines: Sequence[tuple[int, int]] = (),
) -> list[Claim]:
    """Claims in document order. ``skip``: character ranges that hold no claims (the
    title); ``headlines``: ranges (the title) whose sentences are claims only when
    they report someone with a source ("Indonesia's transport minister tells airlines
    not to buy European aircraft"), never as the writer's own."""
    claims: list[Claim] = []
    starts = ([t.start for t in times], [q.start for q in quantities])
    speaker: Found | None = None  # who speaks the quotation still running
    # claims of a quotation opened without a speaker, waiting for the cue that closes
    # it: `"We will not back down. Our position is clear," the minister said.`
    pending: list[tuple[int, SpacySpan]] = []
    # claims of a quotation just closed without a speaker, for a cue split off into a
    # sentence of its own: `"We will fight. We will win!" | the minister said.`
    closed: list[tuple[int, SpacySpan]] | None = None
    quote_open = False
    # the last named person who spoke, and the claim that named them: "Maróth said
    # ... He said ..." when the tagger does not call "Maróth" a person
    last_person: tuple[str, int] | None = None
    # a transcript's speaker label on a line of its own ("TAPPER:") and its paragraph
    label: Found | None = None

    # the tense of each claim's main verb, by claim index, for dates a narrative carries
    tenses: dict[int, str] = {}

    def make(unit: SpacySpan, attribution: Found | None, number: int) -> Claim:
        tenses[number - 1] = _narrative_tense(_main_verb(unit, attribution))
        person = (
            last_person[0] if last_person and number - last_person[1] <= SPEAKER_REACH else None
        )
        return _claim(
            doc,
            text,
            unit,
            attribution,
            times=times,
            quantities=quantities,
            actors=actors,
            reference=reference,
            number=number,
            starts=starts,
            person=person,
        )

    for sent in doc.sents:
        span = _trim(sent)
        if span is None or any(s <= span.start_char < e for s, e in skip):
            continue
        if any(s <= span.start_char < e for s, e in headlines):
            units = [
                u
                for u in _units(span, headline=True)
                if u[1] is not None and u[1].source is not None
            ]
            if not _is_claim(span):
                # the tagger reads a title-case headline's verbs as names: "NY Daily
                # News: Paris Terror Attacks Highlight Threat" is a report all the same
                units = [u for u in units if u[1] is not None and u[1].by_shape]
            for unit, attribution in units:
                claims.append(make(unit, attribution, len(claims) + 1))
            continue
        if quote_open and _opens_paragraph(text, span.start_char):
            # a quotation running into a new paragraph reopens there with a mark; a
            # paragraph without one ends it (an unbalanced mark must not make the rest
            # of the article a quotation)
            quote_open = bool(span) and quote_kind(span[0]) is not None
        open_before = quote_open
        marks = quote_marks(span, open_before)
        continues = quote_open or (bool(marks) and marks[0] == (span.start, "open"))
        quote_open = quote_open_after(span, quote_open)
        after_quote, closed = closed, None
        if after_quote is not None and not open_before:
            cue = bare_cue(span)
            if cue is not None:
                for index, earlier in after_quote:
                    claims[index] = make(
                        earlier, replace(cue, content_head=earlier.root), index + 1
                    )
                speaker = cue if after_quote else speaker
                pending = []
                continue
        if label is not None and _opens_paragraph(text, span.start_char):
            label = None
        only_label = speaker_label(span)
        if only_label is not None:
            # "TAPPER:" split off as a sentence of its own: the label speaks the
            # sentences after it, to the end of the paragraph
            label = only_label
            continue
        ends_quote = bool(marks) and _ends_with(span, marks[-1])
        if not _is_claim(span):
            closed = [] if ends_quote else None
            continue
        units = _units(span, open_before)
        if label is not None and units[0][1] is None and not continues:
            units = [
                (span, replace(label, content_head=span.root, content_bounds=None)),
                *units[1:],
            ]
        first = units[0][1]
        if first is not None and first.direct_quote:
            speaker = first
            if open_before:
                for index, earlier in pending:
                    claims[index] = make(
                        earlier, replace(first, content_head=earlier.root), index + 1
                    )
            pending = []
        elif first is None and continues and speaker is not None:
            # a quotation running on from an attributed one: `"..." he said. "More ...`;
            # what it reports is this sentence's own clause (a cue inside it, '"I
            # conclude that ..."', keeps its own clause)
            units = [
                (span, replace(speaker, direct_quote=True, content_head=span.root)),
                *units[1:],
            ]
        elif not continues:
            speaker = None
        if units[0][1] is None and ends_quote:
            closed = [*pending, (len(claims), span)]
        if first is None and quote_open and (speaker is None or continues):
            # still inside the quotation: a cue that closes it names who said all of
            # it, even over a guess from the paragraph before ('"Inflation is a
            # concern. || "But we have the tools," said Treasury Secretary Janet Yellen.')
            pending.append((len(claims), span))
        elif not quote_open and first is None:
            pending = []
        quoted_by: str | None = None  # the actor of the sentence's quoted speaker
        for unit, attribution in units:
            claims.append(make(unit, attribution, len(claims) + 1))
            record = claims[-1].attribution
            if attribution is not None and record is not None and record.source is not None:
                if attribution.nested and quoted_by and record.source.text.lower() == "i":
                    # '"I told the police I was innocent," Smith said': the quoted "I"
                    # is the one quoted
                    claims[-1] = _with_source_actor(claims[-1], quoted_by)
                elif attribution.direct_quote and not attribution.nested:
                    quoted_by = record.source.actor
            if attribution is not None and attribution.source is not None and record:
                head = doc[attribution.source[0] : attribution.source[1]].root
                actor = record.source.actor if record.source else None
                named = head.pos_ == "PROPN" and head.ent_type_ not in NOT_PERSON_LABELS
                if actor and (named or head.ent_type_ == "PERSON"):
                    last_person = (actor, len(claims))
    return _carry_dates(claims, tenses, reference)


def _narrative_tense(verb: Token) -> str:
    """ "past" for a simple past ("broke out", "were taken"), "pluperfect" for a step
    back ("had served"), else "other" (the present, a modal, a future)."""
    doc = verb.doc
    table = token_table(doc)
    dep, tag, lemma = table.dep, table.tag, table.lemma_lower
    auxes = [c for c in table.children(verb.i) if dep[c] in {"aux", "auxpass"}]
    if any(tag[a] == "VBD" and lemma[a] == "have" and doc[a].lemma_ == "have" for a in auxes):
        return "pluperfect"
    if any(tag[a] == "MD" for a in auxes):
        return "other"
    if tag[verb.i] == "VBD" or any(tag[a] == "VBD" for a in auxes):
        return "past"
    return "other"


def _carry_dates(claims: list[Claim], tenses: dict[int, str], reference: str | None) -> list[Claim]:
    """A narrative told in the past goes on in the day it was dated to: in "The fire
    broke out on Wednesday night, police said. Firefighters reached the building within
    minutes." the second claim is Wednesday's too, not the reference date's. The day
    carries from a past-tense claim dated to a day other than the reference date, over
    past-tense claims without a date of their own, until a claim is dated apart or is
    not in the simple past."""
    carried: str | None = None
    out: list[Claim] = []
    for n, claim in enumerate(claims):
        past = tenses.get(n) == "past"
        if claim.date_source == "explicit":
            day = claim.date if claim.date and _is_day(claim.date) else None
            carried = day if past and day != reference else None
        elif carried is not None and past and claim.date_source == "reference":
            claim = claim.model_copy(update={"date": carried, "date_source": "explicit"})
        elif not past:
            carried = None
        out.append(claim)
    return out


def _is_day(value: str) -> bool:
    """Whether a TIMEX3 value names one calendar day ("2021-09-22")."""
    parts = value.split("-")
    return len(parts) == 3 and all(p.isdigit() for p in parts)


def _ends_with(span: SpacySpan, mark: tuple[int, str]) -> bool:
    """Whether a closing quotation mark ends the sentence (punctuation aside)."""
    i, kind = mark
    doc = span.doc
    return kind == "close" and all(
        doc[k].is_punct or doc[k].is_space for k in range(i + 1, span.end)
    )


def _opens_paragraph(text: str, start: int) -> bool:
    """Whether a blank line comes right before ``start`` (only whitespace between)."""
    i = start - 1
    newlines = 0
    while i >= 0 and text[i].isspace() and start - i < 64:
        newlines += text[i] == "\n"
        i -= 1
    return newlines >= 2


def _units(
    span: SpacySpan, open_before: bool | None = None, *, headline: bool = False
) -> list[tuple[SpacySpan, Found | None]]:
    """Claims of a sentence: one per attribution, and independent clauses that each
    carry their own attribution apart. ``headline``: the sentence is a title."""
    found = find_attributions(span, open_before, headline=headline)
    # "According to the Miami Herald, Humberto is not expected to make landfall": the
    # phrase names the source of the sourceless cue it modifies; that cue is no report
    heads = {f.content_head.i for f in found if f.source and f.content_head is not None}
    found = [f for f in found if f.source is not None or f.cue_start not in heads] or found
    if not found:
        # the writer's own sentence: each independent clause is a claim of its own
        # ("Kosovo declared independence in 2008, ..., but its membership of the
        # United Nations is blocked by Russia" asserts two things, dated apart)
        return [(clause, None) for clause in _clauses(span)]
    clauses = _clauses(span) if len(found) > 1 else [span]
    shares = [[f for f in found if c.start <= f.cue_start < c.end] for c in clauses]
    if sum(1 for share in shares if share) < 2:
        # one report: what follows its clause may still be what was said
        # ("Police said two people died, and more were hurt")
        return _clause_units(span, found)
    units: list[tuple[SpacySpan, Found | None]] = []
    for clause, share in zip(clauses, shares, strict=True):
        units.extend(_clause_units(clause, share))
    return units


def _clauses(span: SpacySpan) -> list[SpacySpan]:
    """The sentence's independent clauses: "Police said two people died, and the mayor
    said the city would rebuild" -> two; so are clauses joined by a semicolon. A
    conjunct without its own subject ("... said X and added Y") stays, and so does
    every sentence with a quotation (its parse is too loose to cut)."""
    doc = span.doc
    root = span.root
    if quote_positions(doc, span.start, span.end):
        return [span]
    cuts: list[int] = []
    for child in root.children:
        if child.pos_ not in {"VERB", "AUX"}:
            continue
        if not any(g.dep_ in {"nsubj", "nsubjpass", "expl"} for g in child.children):
            continue
        after = child.right_edge.i + 1
        if child.i < root.i:
            # "The plant closed in May; the company moved ...": the parser makes the
            # first clause a complement of the second
            if child.dep_ in {"ccomp", "parataxis"} and after < span.end and doc[after].text == ";":
                cuts.append(after + 1)
            continue
        if child.dep_ == "conj" or (
            child.dep_ == "parataxis"
            and any(t.text == ";" for t in doc[root.i : child.left_edge.i])
        ):
            cuts.append(child.left_edge.i)
    if not cuts:
        return [span]
    bounds = [span.start, *sorted(cuts), span.end]
    out: list[SpacySpan] = []
    table = token_table(doc)
    punct, pos, space, dep = table.is_punct, table.pos, table.is_space, table.dep

    # What a clause's edges lose: the punctuation and conjunction between clauses. A sign
    # the tagger reads as a word stays: in "fatalities fell by 15%, and ..." the "%" is
    # the noun "15" counts (punctuation to the lexicon, NOUN to the tagger). An opening
    # bracket or quote never ends a clause, nor a closing one starts it, whatever its tag
    # (the tagger may call the "[" of "the mine is 30 km [from the town] away" a noun).
    def edge(k: int, at_start: bool) -> bool:
        if space[k] or dep[k] == "cc":
            return True
        if not punct[k]:
            return False
        token = doc[k]
        return pos[k] == "PUNCT" or (token.is_right_punct if at_start else token.is_left_punct)

    for lo, hi in itertools.pairwise(bounds):
        while lo < hi and edge(lo, at_start=True):
            lo += 1
        last = hi == span.end
        while hi > lo and not last and edge(hi - 1, at_start=False):
            hi -= 1
        if lo < hi:
            out.append(doc[lo:hi])
    return out or [span]


def _clause_units(span: SpacySpan, found: list[Found]) -> list[tuple[SpacySpan, Found | None]]:
    """One claim per attribution: the outermost takes the clause, a nested or
    second one its own clause ("Forgeard stated that he expected sales to ...":
    stated -> the sentence, expected -> "he expected sales to ...")."""
    if not found:
        return [(span, None)]
    doc = span.doc
    primary: Found | None = min(
        found, key=lambda f: (f.nested or f.nominal, _depth(doc[f.cue_start]), f.cue_start)
    )
    units: list[tuple[SpacySpan, Found | None]] = [(span, primary)]
    # "The claim that the vote was rigged has been debunked": a noun cue reports only
    # its own clause; the sentence is the writer's
    if primary is not None and (primary.nested or primary.nominal):
        # only cues inside a quotation: the sentence is the quotation's speaker's
        units = [(span, None)]
        primary = None
    elif (
        primary is not None
        and not primary.by_shape
        and _in_relative_clause(doc[primary.cue_start], span)
    ):
        # "Ford, which said last week that it would cut jobs, posted a loss": the
        # sentence is the writer's own claim; the report is its relative clause's
        units = [(span, None)]
        primary = None
    for f in found:
        if f is primary:
            continue
        cue = doc[f.cue_start]
        lo = max(span.start, min(cue.left_edge.i, f.source[0] if f.source else cue.i))
        hi = min(span.end, cue.right_edge.i + 1)
        while lo < hi and (doc[lo].dep_ == "mark" or doc[lo].is_punct):  # "that he expected"
            lo += 1
        head = f.content_head
        extended = head is not None and not lo <= head.i < hi
        if head is not None and extended:
            # "According to X, police said ...", "X, the statement said, Y": the phrase
            # or the aside alone is no claim; its claim is what it reports
            lo = max(span.start, min(lo, head.left_edge.i))
            hi = min(span.end, max(hi, head.right_edge.i + 1))
        clause = _trim(doc[lo:hi])
        if (
            extended
            and clause is not None
            and any(u[0].start == clause.start and u[0].end == clause.end for u in units)
        ):
            continue  # the words of a claim already made: one record for them
        if clause is not None:
            units.append((clause, f))
    units.sort(key=lambda u: (u[0].start, -len(u[0])))
    return units


def _in_relative_clause(token: Token, span: SpacySpan) -> bool:
    return any(
        node.dep_ == "relcl" and span.start <= node.i < span.end
        for node in (token, *token.ancestors)
    )


def _inside(
    mentions: Sequence[TimeMention] | Sequence[QuantityMention],
    starts: Sequence[int],
    start: int,
    end: int,
) -> list[int]:
    """Indices of the mentions (sorted by start, ``starts`` theirs) within [start, end)."""
    first = bisect.bisect_left(starts, start)
    out = []
    for i in range(first, len(mentions)):
        if mentions[i].start >= end:
            break
        if mentions[i].end <= end:
            out.append(i)
    return out


def _depth(token: Token) -> int:
    return sum(1 for _ in token.ancestors)


def _claim(
    doc: Doc,
    text: str,
    span: SpacySpan,
    attribution: Found | None,
    *,
    times: Sequence[TimeMention],
    quantities: Sequence[QuantityMention],
    actors: ActorLayer,
    reference: str | None,
    number: int,
    starts: tuple[list[int], list[int]] | None = None,
    person: str | None = None,
) -> Claim:
    main = _main_verb(span, attribution)
    start, end = span.start_char, span.end_char
    t_idx = _inside(times, [t.start for t in times] if starts is None else starts[0], start, end)
    q_idx = _inside(
        quantities, [q.start for q in quantities] if starts is None else starts[1], start, end
    )
    date, date_source = _claim_date(doc, main, [times[i] for i in t_idx], reference, attribution)
    actor_ids = _claim_actors(span, actors)
    record_attr = (
        _attribution(doc, text, attribution, actors, span, person) if attribution else None
    )
    source_actor = record_attr.source.actor if record_attr and record_attr.source else None
    if source_actor and source_actor not in actor_ids:
        actor_ids.append(source_actor)
    return Claim(
        id=f"c{number}",
        text=text[start:end],
        start=start,
        end=end,
        date=date,
        date_source=date_source,
        times=t_idx,
        quantities=q_idx,
        actors=actor_ids,
        attribution=record_attr,
        negated=_negated(main, attribution),
        hedged=_hedged(span, main),
    )


def _trim(sent: SpacySpan) -> SpacySpan | None:
    start, end = sent.start, sent.end
    doc = sent.doc
    space = token_table(doc).is_space
    while start < end and space[start]:
        start += 1
    while end > start and space[end - 1]:
        end -= 1
    return doc[start:end] if start < end else None


def _is_claim(span: SpacySpan) -> bool:
    """A sentence with a finite verb that is not a question."""
    table = token_table(span.doc)
    texts, tags = table.text, table.tag
    words = range(span.start, span.end)
    last = next(
        (i for i in reversed(words) if not table.is_space[i] and texts[i] not in _AFTER_END),
        None,
    )
    if last is not None and texts[last] == "?":
        return False
    # a quoted question with its cue: '"Why now?" asked the senator.'
    root = span.root
    kinds = quote_kinds(span.doc)
    if root.lemma_.lower() in QUESTION_CUES and any(
        texts[i] == "?" and i + 1 < span.end and kinds[i + 1] == "close" for i in words
    ):
        return False
    if any(tags[i] in FINITE_TAGS for i in words):
        return True
    # the tagger sometimes reads a past tense as a participle ("Mayors from many
    # cities attended."): a root verb with a subject is a finite clause all the same
    # a headline's "Minister to visit Kyiv" is not: an infinitive is no finite clause
    root = span.root
    return (
        root.pos_ in {"VERB", "AUX"}
        and root.tag_ in {"VBD", "VBN"}
        and any(c.dep_ in {"nsubj", "nsubjpass"} for c in root.children)
    )


#: marks that may follow a sentence's last word ('... now?"')
_AFTER_END = frozenset({'"', "”", "'", "’", ")"})


def _main_verb(span: SpacySpan, found: Found | None) -> Token:
    """The verb whose time is the claim's: the reported clause's, else the root."""
    if found is not None and found.content_head is not None:
        head = found.content_head
        if span.start <= head.i < span.end and head.i not in range(found.cue_start, found.cue_end):
            return head
    return span.root


#: dependencies that open a clause or phrase of their own, whose time dates that
#: clause and not the claim: a relative clause ("X, who was elected in 2019, said on
#: Friday ..." -> Friday), a participle on a noun ("The cathedral, completed in the
#: 13th century, is ..." -> no date), an apposition
DATE_BARRIER_DEPS = frozenset({"relcl", "acl", "appos"})
#: complement and coordinated clauses that share the claim's event: "Putin was
#: briefed, and flew to Magnitogorsk on Monday", "The trial is expected to begin in
#: January", "Pelosi confirmed a vote will be held today"
DATE_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "conj", "parataxis", "csubj", "advcl", "pcomp"})
#: parts of speech of a noun a time can modify instead of the verb ("the 2020 election")
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
#: a time's own attachment to a noun that still dates the verb: a bare time phrase the
#: parser hung on the nearest noun ("He announced de Graaf as his running mate this
#: past April"), a possessive on the event ("Monday's bid for October elections
#: failed"), two times coordinated ("in May and June")
NOUN_TIME_DEPS = frozenset({"npadvmod", "poss", "conj"})
#: a time inside the noun of a phrase on the verb ("In a July 9 speech, Biden
#: introduced ...", "in the 1970s free software almost ceased to exist")
PREMODIFIER_DEPS = frozenset({"nummod", "compound", "nmod", "amod"})
VERB_POS = frozenset({"VERB", "AUX"})
#: the marks that close an aside, and the mark that opens each
ASIDE_CLOSERS = {"—": "—", "–": "–", ")": "("}


@cache
def _date_words(key: str) -> frozenset[str]:
    """A claim-date word list of ``models/times.json`` (``claim_date_*``)."""
    return load_words("times.json", f"claim_date_{key}")


def _cotemporal(clause: Token) -> bool:
    """Whether an adverbial clause's time is its main clause's too. "since", "when",
    "while" clauses place the main event at or from their time ("Serbs have blocked two
    roads since the ban went into force on Monday last week" -> that Monday, the seed's
    expected date); so does a bare present participle ("Speaking on Friday, the minister
    said ..."). "after", "before", "because", "if" clauses and a past participle
    ("Started in 2004, CentOS has been ...") do not."""
    marks = [c for c in clause.children if c.dep_ in {"mark", "advmod"} and c.i < clause.i]
    if any(c.lower_ in _date_words("cotemporal_marks") for c in marks):
        return True
    return not any(c.dep_ == "mark" for c in marks) and clause.tag_ == "VBG"


def _dates_noun_event(node: Token) -> bool:
    """Whether a time attached to a noun (``node`` its attachment) still dates the
    verb above that noun (see NOUN_TIME_DEPS and PREMODIFIER_DEPS); a time on any
    other noun dates that noun's event: "The 1973 building was home to 1,000 people",
    "a preference to follow the impeachment trial of 1998"."""
    dep = node.dep_
    if dep in NOUN_TIME_DEPS:
        return True
    if dep == "prep" and node.lower_ in _date_words("noun_preps"):
        # a "since" or "on" phrase the parser hung on the nearest noun is the verb's:
        # "it is in retaliation for measures in force ... since 2008" (seed: 2008)
        return True
    # the noun is the event of a phrase on the verb, and the time says when it was:
    # "In a July 9 speech, Biden introduced ...", "Trump, in a phone call in late July,
    # might have encouraged ..."
    noun = node.head
    prep = noun.head
    time_phrase = dep == "prep" and node.lower_ in _date_words("event_preps")
    if time_phrase and noun.dep_ == "attr" and noun.head.pos_ in VERB_POS:
        # the predicate noun of a copula: "That was the situation in the early 80s"
        return True
    return (
        (dep in PREMODIFIER_DEPS or time_phrase)
        and noun.dep_ == "pobj"
        and prep.lower_ in _date_words("event_preps")
        and prep.head.pos_ in VERB_POS
    )


def _report_vehicle(clause: Token, cue: Token) -> bool:
    """Whether a participle describes the medium of the report whose cue is ``cue``:
    "In findings published on Wednesday in PLoS One, scientists say ...", "A
    statement released on Tuesday said ...": its time is the report's."""
    noun = clause.head
    if noun.dep_ == "nsubj" and noun.head.i == cue.i:
        return True
    return noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.i == cue.i


def _time_head(span: SpacySpan) -> Token:
    """The token through which a time hangs in the parse: of the tokens whose head lies
    outside the time, the last that is no determiner ("in the 1970s free software":
    "the" and "1970s" both hang on "software"; "1970s" says how)."""
    outside = [
        t
        for t in span
        if not span.start <= t.head.i < span.end and t.dep_ not in {"det", "predet", "punct"}
    ]
    return outside[-1] if outside else span.root


def _after_aside(aside: Token, child: Token) -> bool:
    """Whether the phrase of ``child`` (hung on ``aside``) follows the closing mark of
    the aside, so that it is the clause's and not the aside's: "He was awarded the
    Order of the Sun, first class — a high national honor conferred by the president —
    in 2014" (the parser hangs "in 2014" on "class")."""
    doc = aside.doc
    before = child.left_edge.i - 1
    if before <= aside.i or doc[before].text not in ASIDE_CLOSERS:
        return False
    closer = doc[before].text
    opener = ASIDE_CLOSERS[closer]
    marks = [doc[k].text for k in range(max(aside.left_edge.i - 1, 0), before + 1)]
    if opener == closer:
        return marks.count(closer) % 2 == 0
    return marks.count(opener) == marks.count(closer)


def _date_hops(
    token: Token, target: Token, own: range, *, cue: bool = False
) -> tuple[int, bool] | None:
    """How many clause boundaries lie between a time (its head ``token``; ``own``: the
    token indices of the time itself) and the verb ``target``, and whether one of them
    is a complement (a clause of its own, not an adverbial one); None when the time
    does not date that verb: it is not below it, or it sits in a relative clause, an
    apposition, a noun's participle, a non-cotemporal adverbial clause, or modifies a
    noun. ``cue``: the target is a reporting verb, whose report's medium may carry
    its time."""
    node = token
    child: Token | None = None  # the node below on the path
    hops = 0
    complement = False
    while node.i != target.i:
        head = node.head
        if head.i == node.i:
            return None  # the sentence root, and the target was not on the way
        dep = node.dep_
        if node.lower_ in _date_words("baseline_words") and node.i not in own:
            # the time a change is measured against is not the claim's: "sales in Canada
            # dropped 23 % compared to March of 2008"
            return None
        if dep == "prep" and node.lower_ in _date_words("baseline_preps") and _ranked(node):
            # "prices rose to the highest level since 2000": the comparison's baseline
            return None
        if head.i == target.i and target.pos_ not in VERB_POS:
            # the parser found no finite root ("A military coup removed Thaksin in
            # 2006, and ..." -> coup/ROOT, removed/acl): the clause below it is the claim
            return hops, complement
        if dep == "acl" and cue and _report_vehicle(node, target):
            return hops, complement
        if dep in DATE_BARRIER_DEPS and child is not None and _after_aside(node, child):
            child, node = node, head  # the phrase is the clause's: past the aside
            continue
        if dep in DATE_BARRIER_DEPS:
            return None
        if dep == "advcl" and not _cotemporal(node):
            return None
        if dep in DATE_CLAUSE_DEPS and node.pos_ in VERB_POS:
            hops += 1
            complement = complement or dep != "advcl"
        if (
            head.pos_ in NOMINAL_POS
            and head.i not in own
            and not _dates_noun_event(node)
            and not (head.dep_ in DATE_BARRIER_DEPS and _after_aside(head, node))
        ):
            return None
        child, node = node, head
    return hops, complement


def _ranked(prep: Token) -> bool:
    """Whether a "since" phrase measures a ranking: a superlative or "first" between it
    and the word it hangs on ("rose to the highest level since 2000", "the first such
    attack since 2015"), or on that word itself ("highest since 2000")."""
    heads = _date_words("baseline_heads")
    head = prep.head
    # a noun's own modifiers count ("the first such attack"), a verb's subject does not
    # ("The biggest firm has grown since 2000")
    first = head.i if head.pos_ in VERB_POS else head.left_edge.i
    words = prep.doc[min(first, prep.i) : prep.i]
    return any(t.tag_ in {"JJS", "RBS"} or t.lower_ in heads for t in words)


# a year, month, day, week, quarter, half or season, with or without its year known;
# a decade or century ("198"), a fiscal year ("FY2020")
_CALENDAR_VALUE = re.compile(
    r"(?:\d{4}|XXXX)(?:-(?:\d{2}(?:-\d{2})?|W\d{2}(?:-(?:\d|WE))?|[QH]\d|SP|SU|FA|WI))?"
    r"|\d{2,3}|FY\d{4}"
)


def _calendar_date(value: str) -> str | None:
    """The calendar date of a TIMEX3 date or time value ("2020-03-04TNI" ->
    "2020-03-04"); None for one that names no date ("PRESENT_REF", a clock time
    with no day "T00:01", a period "PT1M")."""
    day = value.split("T", 1)[0]
    return day if _CALENDAR_VALUE.fullmatch(day) else None


def _range_start(time: TimeMention, times: Sequence[TimeMention]) -> TimeMention:
    """The first time of the range a time ends ("combined data from 2005 through 2015":
    the parser hangs "from 2005" on the noun and "through 2015" on the verb; the range,
    a duration record over both, starts the claim in 2005), else the time itself."""
    for r in times:
        if r.type == "DURATION" and r.start <= time.start and time.end <= r.end:
            for t in times:
                if t.type in {"DATE", "TIME"} and t.value and r.start <= t.start < time.start:
                    return t
    return time


def _narrows(value: str, coarse: str) -> bool:
    """Whether a TIMEX3 date lies inside a coarser one (2019-08-02 in 2019-08); a time
    of day does not narrow its day ("died on Sunday, early in the morning" is Sunday)."""
    return len(value) > len(coarse) and value.startswith(coarse) and value[len(coarse)] == "-"


def _claim_date(
    doc: Doc,
    main: Token,
    times: Sequence[TimeMention],
    reference: str | None,
    found: Found | None = None,
) -> tuple[str | None, str]:
    """The explicit time that governs the claim's main verb, else the reference date.

    A reported claim is dated by its content: "police said on Saturday that two
    buildings were attacked on Friday" -> Friday (the seed's "were attacked on
    Saturday, police said" is Saturday); only when the content has no time of its own
    does the report's time date it ("the mission said on Monday it had increased
    patrols" -> Monday), and then only a time on the report itself ("officials said,
    adding that rescuers ended their work yesterday" is not dated by yesterday). A time
    attached to the main verb wins over one in a clause below it; durations and sets
    never date a claim ("for six months", "every week")."""
    dated: list[tuple[TimeMention, Token, range]] = []
    for t in times:
        if t.type not in {"DATE", "TIME"} or not t.value or _calendar_date(t.value) is None:
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None:
            dated.append((t, _time_head(span), range(span.start, span.end)))
    # then the report's verb and the verb it completes ("the US had only recently come
    # to believe he was dead": recently dates the coming to believe), then the
    # sentence's root when the content is not below it ("Rescuers, ..., according to
    # the ministry recovered ten survivors on Monday" when the parser hangs the report
    # on "working")
    targets = [(main, False)]
    if found is not None:
        cue_verb = doc[found.cue_start]
        targets.append((cue_verb, True))
        if cue_verb.dep_ in {"xcomp", "advcl"} and any(c.tag_ == "TO" for c in cue_verb.children):
            targets.append((cue_verb.head, False))
    first, stop = token_table(doc).sentence(main.i)
    targets.append((doc[first:stop].root, False))
    for n_target, (target, cue) in enumerate(targets):
        ranked: list[tuple[bool, int]] = []
        for n, (_, head, own) in enumerate(dated):
            path = _date_hops(head, target, own, cue=cue)
            if path is None or (path[1] and n_target > 0):
                continue
            ranked.append((path[0] > 0, n))
        if ranked:
            tier, first = min(ranked)
            chosen = dated[first][0]
            # a finer time of the same verb narrows a coarser one: "he is to leave office
            # next month on August 2" -> 2019-08-02, not 2019-08
            for other_tier, n in ranked:
                value = dated[n][0].value or ""
                if other_tier == tier and _narrows(value, chosen.value or ""):
                    chosen = dated[n][0]
            start = _calendar_date(_range_start(chosen, times).value or "")
            return start or _calendar_date(chosen.value or ""), "explicit"
    if reference:
        return reference, "reference"
    return None, "none"


def _claim_actors(span: SpacySpan, actors: ActorLayer) -> list[str]:
    return actors.actors_in(span.start, span.end)


def _attribution(
    doc: Doc,
    text: str,
    found: Found,
    actors: ActorLayer,
    unit: SpacySpan,
    person: str | None = None,
) -> Attribution:
    cue_start = doc[found.cue_start].idx
    last = doc[found.cue_end - 1]
    cue_end = last.idx + len(last.text)
    source = None
    if found.source is not None:
        first, stop = found.source
        s_start = doc[first].idx
        s_last = doc[stop - 1]
        s_end = s_last.idx + len(s_last.text)
        source = SourceSpan(
            text=text[s_start:s_end],
            start=s_start,
            end=s_end,
            actor=_source_actor(doc, first, stop, actors, person),
        )
    return Attribution(
        source=source,
        cue=Span(text=text[cue_start:cue_end], start=cue_start, end=cue_end),
        direct_quote=found.direct_quote,
        cue_class=found.cue_class,
        content=_content(doc, text, found, unit),
    )


def _content(doc: Doc, text: str, found: Found, unit: SpacySpan) -> Span | None:
    """The reported clause's extent inside the claim, without the cue and the source
    ("two buildings were attacked on Saturday" of "..., police said.")."""
    head = found.content_head
    if head is None or not (unit.start <= head.i < unit.end):
        return None
    # a content broken by an aside ("The town, says a sign, is closed") is given by its
    # covering span, as attribution corpora do
    lo, hi = max(head.left_edge.i, unit.start), min(head.right_edge.i + 1, unit.end)
    if head.dep_ == "prep":  # "warned of a second wave": the preposition is the cue's
        lo = max(lo, head.i + 1)
    if head.i == found.cue_start:  # the cue heads its report: what follows it is
        lo = max(lo, found.cue_end)
    if found.content_bounds is not None:
        lo, hi = max(lo, found.content_bounds[0]), min(hi, found.content_bounds[1])
    # "Officials said turnout was higher, citing preliminary figures": the participle
    # cue after the comma reports on its own; what was said ends before it
    lex = cues()
    for child in head.rights:
        if (
            child.dep_ == "advcl"
            and child.tag_ == "VBG"
            and child.lemma_.lower() in lex.verbs
            and child.left_edge.i > lo
            and doc[child.left_edge.i - 1].text == ","
        ):
            hi = min(hi, child.left_edge.i - 1)
            break
    cue = range(found.cue_start, found.cue_end)
    # the cue with its source, when it opens or closes the clause, is not content:
    # "According to a senior diplomat, the two sides are close to a deal" -> "the two
    # sides are close to a deal"
    block = range(
        min(found.cue_start, found.source[0]) if found.source else found.cue_start,
        max(found.cue_end, found.source[1]) if found.source else found.cue_end,
    )
    # "As the minister said, ...": the marker, then the block; a quotation's marks,
    # then the punctuation inside them
    table = token_table(doc)
    punct, space, dep, texts = table.is_punct, table.is_space, table.dep, table.text
    kinds = quote_kinds(doc)
    for _ in range(3):
        while lo < hi and ((punct[lo] and kinds[lo] != "open") or space[lo] or dep[lo] == "mark"):
            lo += 1
        while hi > lo and (
            texts[hi - 1] in {".", ",", ";", ":", "-", "—"} or space[hi - 1] or hi - 1 in cue
        ):
            hi -= 1
        if lo in block:
            lo = block.stop
        if hi - 1 in block:
            hi = block.start
        lo, hi = _outer_marks(doc, lo, hi)
    if lo >= hi:
        return None
    start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
    return Span(text=text[start:end], start=start, end=end)


def _with_source_actor(claim: Claim, actor: str) -> Claim:
    record = claim.attribution
    assert record is not None and record.source is not None
    source = record.source.model_copy(update={"actor": actor})
    actors = claim.actors if actor in claim.actors else [*claim.actors, actor]
    return claim.model_copy(
        update={"attribution": record.model_copy(update={"source": source}), "actors": actors}
    )


def _outer_marks(doc: Doc, lo: int, hi: int) -> tuple[int, int]:
    """The content without the quotation marks at its edges, so that every quoted
    content reads alike: '"This is our home."' and the 'We are not leaving' of
    '"We are not leaving," she said' lose both; a mark whose partner lies outside the
    content (a quotation that runs on from or into another sentence) goes alone. A
    mark inside ('the decision as a "textbook example"') stays."""
    if lo >= hi:
        return lo, hi
    kinds = quote_kinds(doc)
    marks = [(k, kind) for k in range(lo, hi) if (kind := kinds[k]) is not None]
    if not marks:
        return lo, hi
    first, last = marks[0], marks[-1]
    if first == (lo, "open") and last == (hi - 1, "close") and len(marks) == 2:
        return lo + 1, hi - 1
    if first == (lo, "open") and not any(kind == "close" for _, kind in marks):
        lo += 1
    if last == (hi - 1, "close") and not any(kind == "open" for _, kind in marks):
        hi -= 1
    return lo, hi


def _source_actor(
    doc: Doc, first: int, stop: int, actors: ActorLayer, person: str | None = None
) -> str | None:
    """The actor a source names: its head's entity or institution, the person its
    apposition names, else a pronoun's antecedent (``person``: the last named speaker)."""
    span = doc[first:stop]
    head = span.root
    actor = actors.actor_of_token(head)
    if head.ent_type_ != "PERSON":
        # "The Vice President, Mike Pence, said": the title's apposition names the
        # speaker, also where the parser hangs it deeper ("The governor of Ohio, Mike
        # DeWine, announced": on "Ohio")
        for appos in [*head.children, *span]:
            if appos.dep_ != "appos" or appos.ent_type_ != "PERSON":
                continue
            named = actors.actor_of_token(appos)
            if named:
                return named
    if actor is None:
        group = actors.institution(head)
        if group is not None:
            actor = actors.actor_of_token(head)
    if actor is None:
        for token in span:
            actor = actors.actor_of_token(token)
            if actor:
                break
    # "most analysts, who had forecast that ...": a relative pronoun stands for the
    # noun its clause hangs on
    if actor is None and head.tag_ in RELATIVE_TAGS and head.head.dep_ == "relcl":
        noun = head.head.head
        actor = actors.actor_of_token(noun)
    labels = PRONOUN_ANTECEDENTS.get(head.lower_)
    if actor is None and labels is not None:
        actor = _antecedent(doc, first, actors, labels)
        if actor is None and "PERSON" in labels and head.lower_ != "they":
            actor = person
    return actor


def _in_subject(token: Token) -> bool:
    """Whether a token is inside the subject of its clause."""
    node = token
    while node.pos_ not in {"VERB", "AUX"} and node.head.i != node.i:
        if node.dep_ in {"nsubj", "nsubjpass"}:
            return True
        node = node.head
    return False


def _antecedent(doc: Doc, before: int, actors: ActorLayer, labels: frozenset[str]) -> str | None:
    """What a pronoun source refers to: in the nearest sentence that names a fitting
    entity, the one in subject position, else the last one named ("Joe Biden
    arrived in Kyiv on Monday. He said ..." -> Joe Biden; "Ford ... It expects"
    -> Ford)."""
    sent = doc[before].sent
    for _ in range(4):
        people = [t for t in doc[sent.start : min(before, sent.end)] if t.ent_type_ in labels]
        subjects = [t for t in people if _in_subject(t)]
        for token in [*subjects[:1], *reversed(people)]:
            actor = actors.actor_of_token(token)
            if actor:
                return actor
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
    return None


def _negated(main: Token, found: Found | None) -> bool:
    """ "Serbia does not recognise ..." (neg on the main verb); "denied that ..." (cue class)."""
    lex = hedges()
    if found is not None and found.cue_class == "deny":
        return True
    table = token_table(main.doc)
    dep, lower, kids = table.dep, table.lower, table.children
    verbs = [main.i, *[c for c in kids(main.i) if dep[c] in {"aux", "auxpass"}]]
    # "Nobody was hurt", "No injuries were reported": a negative subject
    for subject in (c for c in kids(main.i) if dep[c] in {"nsubj", "nsubjpass"}):
        if lower[subject] in lex.negators or any(
            dep[d] == "det" and lower[d] == "no" for d in kids(subject)
        ):
            return True
    return any(
        dep[c] == "neg" or (lower[c] in lex.negators and dep[c] in {"neg", "advmod"})
        for v in verbs
        for c in kids(v)
    )


def _hedged(span: SpacySpan, main: Token) -> bool:
    """ "may", "reportedly", "is believed to", "expected to" on the claim's main verb
    or the verbs above it inside the claim ("The leader is said to be ill")."""
    lex = hedges()
    table = token_table(main.doc)
    dep, lower, tag, kids = table.dep, table.lower, table.tag, table.children
    for child in kids(main.i):
        if dep[child] == "aux" and lower[child] in lex.modals:
            return True
    verbs = [main.i, *(a for a in _ancestors(table.head, main.i) if span.start <= a < span.end)]
    for verb in verbs:
        children = kids(verb)
        if any(lower[c] in lex.adverbs and dep[c] in {"advmod", "npadvmod"} for c in children):
            return True
        has_xcomp = any(dep[c] == "xcomp" for c in children)
        lemma = table.lemma_lower[verb]
        # "is believed to", "are expected to": a passive raising verb with a to-clause
        passive = any(dep[c] == "auxpass" for c in children)
        if has_xcomp and lemma in lex.raising and tag[verb] == "VBN" and passive:
            return True
        if has_xcomp and lemma in {"appear", "seem"}:
            return True
    return False


def _ancestors(heads: list[int], i: int) -> list[int]:
    """``Token.ancestors`` as indices: the head, its head ... up to the root."""
    out: list[int] = []
    while heads[i] != i and len(out) < len(heads):
        i = heads[i]
        out.append(i)
    return out
