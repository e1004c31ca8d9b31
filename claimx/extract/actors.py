"""Entity mentions and canonical actors.

Entity mentions come from the trained NER. Mentions of one actor are merged
into one record: identical names ("Kosovo" ... "Kosovo"), a leading article
("the European Union" = "European Union"), acronyms read off an expansion's
initials ("EU" = "European Union", "UN" = "United Nations") or listed in
``models/actors.json`` ("U.S." = "United States"), and a surname or title form
of a person named in full earlier ("Biden", "Mr Biden" = "Joe Biden").
Generic institutional sources ("police said", "the Kosovo government says")
become actors of their own kind, without an entity mention.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from claimx.extract.attribution import set_off_dash
from claimx.extract.tokens import token_table
from claimx.records import Actor, EntityMention
from claimx.resources import load_lexicon, load_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: NER labels that are not actors or named things but values, reported in the
#: time and quantity layers instead.
VALUE_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


@dataclass(frozen=True)
class ActorLexicon:
    aliases: dict[str, str]
    institutions: dict[str, str]
    titles: frozenset[str]
    stopwords: frozenset[str]
    demonyms: dict[str, str]  # "Serbian" -> "Serbia"
    speaks_for: frozenset[str]
    person_roles: frozenset[str]
    title_departments: frozenset[str]


@cache
def lexicon() -> ActorLexicon:
    data = load_lexicon("actors.json")
    return ActorLexicon(
        aliases={_norm(k): _norm(v) for k, v in data["aliases"].items()},
        institutions={k.lower(): v for k, v in data["institutions"].items()},
        titles=frozenset(t.lower() for t in data["titles"]),
        stopwords=frozenset(w.lower() for w in data["name_stopwords"]),
        demonyms=dict(data["demonym_adjectives"]),
        speaks_for=frozenset(data["speaks_for"]),
        person_roles=frozenset(w.lower() for w in data.get("person_roles", ())),
        title_departments=frozenset(data.get("title_departments", ())),
    )


@lru_cache(maxsize=4096)
def _norm(name: str) -> str:
    """Comparison key of a name: no leading article, no possessive, no dots, lower case."""
    name = re.sub(r"^(the)\s+", "", name.strip(), flags=re.IGNORECASE)
    name = re.sub(r"['’]s?$", "", name)
    return re.sub(r"\s+", " ", name.replace(".", "")).strip().lower()


@lru_cache(maxsize=4096)
def _display(name: str) -> str:
    """Canonical display form: without a leading article or trailing possessive."""
    name = re.sub(r"^(the|The)\s+", "", name.strip())
    return re.sub(r"['’]s?$", "", name).strip()


def _initials(words: Sequence[str], stopwords: frozenset[str]) -> str:
    return "".join(w[0] for w in words if w and w.lower() not in stopwords).lower()


@dataclass
class _Group:
    key: str
    label: str
    forms: list[str] = field(default_factory=list)
    labels: Counter[str] = field(default_factory=Counter)
    first: int = 0
    part_of: _Group | None = None  # "the Kosovo government" -> Kosovo
    canonical: str | None = None  # the state a demonym adjective names, when no name is written

    @property
    def name(self) -> str:
        # the most complete written form: most words, then most characters, then first
        # seen; a state named only by its adjective ("Serbian") is named by the lexicon
        forms = self.forms
        if self.canonical is not None:
            forms = [f for f in forms if f not in lexicon().demonyms]
            if not forms:
                return self.canonical
        best = max(forms, key=_completeness)
        return _display(best)


def _completeness(form: str) -> tuple[int, int]:
    """How complete a written name is: its words, then its characters."""
    shown = _display(form)
    return len(shown.split()), len(shown)


def _name_tokens(name: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[A-Za-z]\.(?:[A-Za-z]\.)+|\w+|[^\w\s]", name))


@cache
def gazetteer() -> dict[tuple[str, ...], str]:
    """Token tuples of well-known names -> label (``models/gazetteer.json``)."""
    names = load_lexicon("gazetteer.json")["names"]
    out = {_name_tokens(name): label for name, label in names.items()}
    # the tokenizer keeps "AT&T" and "Wal-Mart" whole: match the written words too
    out.update({tuple(name.split()): label for name, label in names.items()})
    return out


@dataclass(frozen=True)
class NameShapes:
    """What a name's own words say about its kind (``models/gazetteer.json``)."""

    product_tokens: frozenset[str]
    product_names: tuple[tuple[str, ...], ...]
    event_last: tuple[tuple[str, ...], ...]
    event_names: frozenset[tuple[str, ...]]
    org_suffixes: frozenset[str]
    company_suffixes: frozenset[str]
    company_prefixes: frozenset[str]
    name_continues: frozenset[str]
    thing_nouns: frozenset[str]
    place_of_heads: tuple[tuple[str, ...], ...]
    not_places: frozenset[str]
    place_before: frozenset[str]
    place_after: frozenset[str]
    work_kinds: frozenset[str]


@cache
def name_shapes() -> NameShapes:
    data = load_lexicon("gazetteer.json")
    return NameShapes(
        product_tokens=frozenset(data["products"]["tokens"]),
        product_names=tuple(_name_tokens(n) for n in data["products"]["names"]),
        event_last=tuple(_name_tokens(n) for n in data["events"]["last_words"]),
        event_names=frozenset(_name_tokens(n) for n in data["events"]["names"]),
        org_suffixes=frozenset(
            data["organisation_suffixes"]["company"] + data["organisation_suffixes"]["institution"]
        ),
        company_suffixes=frozenset(data["organisation_suffixes"]["company"]),
        company_prefixes=frozenset(data["organisation_suffixes"]["company_prefixes"]),
        name_continues=frozenset(data["name_continues"]["words"]),
        thing_nouns=frozenset(data["thing_nouns"]["words"]),
        place_of_heads=tuple(_name_tokens(n) for n in data["place_of"]["heads"]),
        not_places=frozenset(data["place_of"]["not_places"]),
        place_before=frozenset(data["place_designators"]["before"]),
        place_after=frozenset(data["place_designators"]["after"]),
        work_kinds=frozenset(data["work_kinds"]["words"]),
    )


#: Apple-style product brands: "iPod", "iPhones", "iTunes", "iOS". The small model
#: tags them ORG ("the iPod Nano", "iPhone Developer Program"); they are products.
_I_BRAND = re.compile(r"^i[A-Z][A-Za-z]*$")


def _contains(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return any(words[i : i + n] == part for i in range(len(words) - n + 1))


def _repaired_label(words: tuple[str, ...], label: str, known: dict[tuple[str, ...], str]) -> str:
    """The label a name's words and the gazetteer give it, where the model's is wrong.

    In order: a well-known name ("US" as ORG, "Ryanair" as PERSON); a designator
    that ends only organisation names ("Douglas Aircraft", which the model calls
    a person); a product line ("the iPod Nano", "MacBook Air"); a recurring event
    ("the Paralympics", "Paris Air Show"); a two-word name opening with a common
    given name ("Kristin Wilkins" as ORG).
    """
    shapes = name_shapes()
    core = tuple(w for w in words if w.lower() != "the")
    if not core:
        return label
    wanted = known.get(words) or known.get(core)
    if wanted and wanted != label and (label != "PERSON" or wanted == "ORG"):
        return wanted
    if len(core) >= 2 and core[-1] in shapes.org_suffixes and label in _PLACE_OR_PERSON:
        return "ORG"
    if core[-1] not in shapes.org_suffixes and _is_product(core, label, shapes):
        return "PRODUCT"
    if core in shapes.event_names or any(core[-len(e) :] == e for e in shapes.event_last):
        return "EVENT"
    if (
        label in _PLACE_OR_ORG
        and len(core) == 2
        and all(w.isalpha() and w.istitle() for w in core)
        and core[0].lower() in given_names()
        and (core[1],) not in known
    ):
        # "Kristin Wilkins said", which the model tags as an organisation
        return "PERSON"
    return label


def _words(span: Span) -> tuple[str, ...]:
    """The span's token texts (read from the document's token table)."""
    return tuple(token_table(span.doc).text[span.start : span.end])


def _text(span: Span) -> str:
    """``span.text``, cut from the document's text: ``Span.text`` joins its tokens."""
    return token_table(span.doc).doc_text[span.start_char : span.end_char]


def _after_work_kind(span: Span, known: dict[tuple[str, ...], str]) -> bool:
    """Whether a name comes right after a noun for a publication or a broadcaster
    ("the journal PLoS One", "the newspaper Le Monde")."""
    if span.start == 0 or _words(span) in known:
        return False
    before = span.doc[span.start - 1]
    return before.is_lower and before.lower_ in name_shapes().work_kinds


def _title_word(span: Span, known: dict[tuple[str, ...], str]) -> bool:
    """ "Press secretary Jen Psaki said": a capitalised first word of a sentence that
    opens a job title before a name is part of the title, not an organisation."""
    if len(span) != 1 or not span[0].is_sent_start or span.label_ not in _PLACE_OR_ORG | {"NORP"}:
        return False
    doc = span.doc
    lex = lexicon()
    if span[0].lower_ not in lex.title_departments or span.end + 1 >= len(doc):
        return False
    role, name = doc[span.end], doc[span.end + 1]
    is_role = role.lower_ in lex.person_roles or role.lower_ in lex.titles
    return role.is_lower and is_role and name.ent_type_ == "PERSON"


def _natural_place(words: tuple[str, ...]) -> bool:
    """ "River Ouse", "Lake Geneva", "Mississippi River", "North Sea": a name whose own
    designator makes it a natural place."""
    core = tuple(w for w in words if w.lower() != "the")
    if len(core) < 2 or not all(w[:1].isupper() for w in core):
        return False
    shapes = name_shapes()
    return core[0] in shapes.place_before or core[-1] in shapes.place_after


def _unmarked_places(doc: Doc, covered: set[int]) -> list[Span]:
    """Natural places the model left untagged: a designator and a capitalised name
    ("The River Ouse burst its banks")."""
    from spacy.tokens import Span as SpacySpan

    shapes = name_shapes()
    out: list[Span] = []
    texts = token_table(doc).text
    for i in range(len(doc)):
        if texts[i] not in shapes.place_before or i in covered:
            continue
        token = doc[i]
        end = token.i + 1
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title:
            end += 1
        if end > token.i + 1 and not covered.intersection(range(token.i, end)):
            out.append(SpacySpan(doc, token.i, end, label="LOC"))
            covered.update(range(token.i, end))
    return out


def _place_and_person(
    span: Span, label: str, known: dict[tuple[str, ...], str]
) -> list[Span] | None:
    """A known state and a person's name run together into one organisation after a
    title: in "the prime minister of Slovakia Igor Matovič" they are Slovakia and Igor
    Matovič (not "US National Park Service", "China Southern Airlines": no title
    before them)."""
    from spacy.tokens import Span as SpacySpan

    if label != "ORG" or len(span) < 3 or span.start < 2:
        return None
    lex = lexicon()
    of, title = span.doc[span.start - 1], span.doc[span.start - 2]
    if of.lower_ != "of" or not (title.lower_ in lex.titles or title.lower_ in lex.person_roles):
        return None
    words = _words(span)
    shapes = name_shapes()
    for k in (1, 2):
        rest = words[k:]
        if known.get(words[:k]) != "GPE" or not 2 <= len(rest) <= 3:
            continue
        if rest in known or rest[-1] in shapes.org_suffixes or not all(w.istitle() for w in rest):
            continue
        doc = span.doc
        return [
            SpacySpan(doc, span.start, span.start + k, label="GPE"),
            SpacySpan(doc, span.start + k, span.end, label="PERSON"),
        ]
    return None


def _after_person_role(span: Span, known: dict[tuple[str, ...], str]) -> bool:
    """Whether a name of one to three capitalised words comes right after a noun for a
    person's role or a person's title ("writer Aner Shalev", "fashion designer
    Halston", "President Obama"), and is not a name the gazetteer knows."""
    words = _words(span)
    if not 1 <= len(words) <= 3 or not all(w.isalpha() and w[0].isupper() for w in words):
        return False
    if words in known or span.start == 0:
        return False
    before = span.doc[span.start - 1]
    lex = lexicon()
    if before.lower_ in lex.titles and before.is_title:
        return True
    return before.tag_ in {"NN", "NNS"} and before.is_lower and before.lower_ in lex.person_roles


_PLACE_OR_PERSON = frozenset({"PERSON", "GPE", "LOC", "FAC", "NORP"})
_PLACE_OR_ORG = frozenset({"ORG", "GPE", "LOC", "FAC"})
#: prepositions after which a surname-like name is still the place: "she flew to Paris"
_PLACE_PREPOSITIONS = frozenset({"in", "at", "to", "from", "near", "into", "outside", "across"})


@cache
def given_names() -> frozenset[str]:
    return load_words("given_names.json", "names")


def _is_product(core: tuple[str, ...], label: str, shapes: NameShapes) -> bool:
    def brand(word: str) -> bool:
        return bool(_I_BRAND.match(word)) or word in shapes.product_tokens

    if label == "PERSON":  # only a name that is wholly a product: "Mac Miller" is a person
        return (len(core) == 1 and brand(core[0])) or core in shapes.product_names
    return any(brand(w) for w in core) or any(_contains(core, n) for n in shapes.product_names)


def entity_spans(doc: Doc) -> list[Span]:
    """NER spans that name things (not values), trimmed of surrounding punctuation,
    with the model's systematic slips mended:

    - a well-known name it missed ("... for U.S. space launch contracts") or
      labelled oddly ("US" as ORG) takes its gazetteer label;
    - an organisation followed by a model designation is a product, not an
      actor ("the Airbus A380", "Boeing 737").
    """
    from spacy.tokens import Span as SpacySpan

    out: list[Span] = []
    covered: set[int] = set()
    known = gazetteer()
    for ent in doc.ents:
        if ent.label_ in VALUE_LABELS or covered.intersection(range(ent.start, ent.end)):
            continue
        span = _trim(ent)
        if span is None or not any(t.is_alpha for t in span):
            continue
        if span.label_ in ACTOR_LABELS and not any(c.isupper() for c in _text(span)):
            # a name has a capital somewhere: "jargon-free", "healthcare" and
            # "the state" tagged ORG are ordinary words
            continue
        span = _with_product_head(span)
        label = _repaired_label(_words(span), span.label_, known)
        if label in _PLACE_OR_ORG | {"NORP"} and _after_person_role(span, known):
            label = "PERSON"  # "mathematician and writer Aner Shalev"
        elif label in ACTOR_LABELS and _after_work_kind(span, known):
            label = "ORG"  # "the journal PLoS One"
        if _title_word(span, known):
            continue  # "Press secretary Jen Psaki": a job title's first word
        if _natural_place(_words(span)):
            label = "LOC"  # "the Mississippi River", the model's ORG or GPE
        split = _place_and_person(span, label, known)
        if split is not None:
            # "the prime minister of Slovakia Igor Matovič", one ORG to the model
            out.extend(split)
            covered.update(range(span.start, span.end))
            continue
        if label != span.label_:
            span = SpacySpan(doc, span.start, span.end, label=label)
        elif span.label_ == "ORG" and _model_designation(doc, span.end):
            end = span.end + 1
            if doc[span.end].ent_type_ == "PRODUCT":
                end = max(end, next(e.end for e in doc.ents if e.start <= span.end < e.end))
            span = SpacySpan(doc, span.start, end, label="PRODUCT")
        out.append(span)
        covered.update(range(span.start, span.end))
    out = _join_institution_names(out)
    out += _unmarked(doc, known, covered)
    out += _unmarked_places(doc, covered)
    # One name, one referent per article: a name the model tagged once is the same
    # thing where it left it untagged ("Daniel Montalvo, 19, ... was arrested" ...
    # "Montalvo had read an article"), and so is a person's surname alone.
    seen: dict[tuple[str, ...], str] = {}
    table = token_table(doc)
    for span in out:
        if span.label_ not in ACTOR_LABELS:
            continue
        words = tuple(table.text[i] for i in range(span.start, span.end) if table.lower[i] != "the")
        if words and all(w[:1].isupper() for w in words):
            seen.setdefault(words, span.label_)
        if span.label_ == "PERSON" and len(words) >= 2 and words[-1][:1].isupper():
            seen.setdefault(words[-1:], "PERSON")
    out += _unmarked(doc, seen, covered)
    # A place or a person named inside a longer name is a mention of its own:
    # "the University of Copenhagen", "Fan Expo Canada", "the Andy Warhol
    # Photographic Legacy Program". Only names known as such (the gazetteer's
    # places, or names the model tagged elsewhere in the article).
    inner = dict(_gazetteer_places()) if known is gazetteer() else _places_in(known)
    inner.update({k: v for k, v in seen.items() if v in {"GPE", "LOC", "PERSON"}})
    out += [
        n
        for span in out
        if span.label_ in _NAME_HOSTS and not _is_company(span, known)
        for n in _nested(span, inner) or _place_of(span)
    ]
    return sorted(out, key=lambda s: s.start)


def _places_in(names: dict[tuple[str, ...], str]) -> dict[tuple[str, ...], str]:
    return {k: v for k, v in names.items() if v in {"GPE", "LOC"}}


@cache
def _gazetteer_places() -> dict[tuple[str, ...], str]:
    """The gazetteer's places, the same for every document (copied before use)."""
    return _places_in(gazetteer())


#: labels of names that may contain another name
_NAME_HOSTS = frozenset({"ORG", "FAC", "EVENT", "WORK_OF_ART", "LAW"})


def _is_company(span: Span, known: dict[tuple[str, ...], str]) -> bool:
    """A brand name, whose place or person words name no place or person:
    "Singapore Airlines", "Air China", "Douglas Aircraft", a listed company."""
    words = tuple(t.text for t in span if t.lower_ != "the")
    shapes = name_shapes()
    return (
        words[-1] in shapes.company_suffixes
        or words[0] in shapes.company_prefixes
        or known.get(words) == "ORG"
    )


def _join_institution_names(spans: list[Span]) -> list[Span]:
    """One name where the model cut an institution's in two at "for", "of" or
    "on": "the Andy Warhol Foundation" + "for" + "the Visual Arts"."""
    from spacy.tokens import Span as SpacySpan

    suffixes = name_shapes().name_continues
    out: list[Span] = []
    for span in spans:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label_ == "ORG"
            and prev[-1].text in suffixes
            and span.start == prev.end + 1
            and span.doc[prev.end].lower_ in {"for", "of", "on"}
            and span.label_ in ACTOR_LABELS
        ):
            out[-1] = SpacySpan(span.doc, prev.start, span.end, label="ORG")
            continue
        out.append(span)
    return out


def _with_product_head(span: Span) -> Span:
    """ "Internet Explorer 6", where the model tags only "Explorer": the whole product name."""
    from spacy.tokens import Span as SpacySpan

    texts = token_table(span.doc).text
    for name in name_shapes().product_names:
        n = len(name)
        start = span.start - n + len(span)
        if 0 <= start < span.start and tuple(texts[start : span.end]) == name:
            return SpacySpan(span.doc, start, span.end, label="PRODUCT")
    return span


def _place_of(span: Span) -> list[Span]:
    """The place in "the University of Copenhagen", "the Bank of England"."""
    from spacy.tokens import Span as SpacySpan

    shapes = name_shapes()
    words = [t.text for t in span]
    if "of" not in words:
        return []
    i = words.index("of")
    place = words[i + 1 :]
    if not place or not all(w.isalpha() and w.istitle() for w in place):
        return []
    if any(w in shapes.not_places for w in place):
        return []
    if not any(tuple(words[i - len(h) : i]) == h for h in shapes.place_of_heads):
        return []
    return [SpacySpan(span.doc, span.start + i + 1, span.end, label="GPE")]


def _described_as_thing(span: Span) -> bool:
    """ "Stardust is a NASA space capsule", "the cruise ship, Freewinds"."""
    things = name_shapes().thing_nouns
    root = span.root
    described = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        described.append(root.head)
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        described += [c for c in root.head.children if c.dep_ == "attr"]
    return any(d.lemma_.lower() in things and d.pos_ == "NOUN" for d in described)


def _nested(span: Span, names: dict[tuple[str, ...], str]) -> list[Span]:
    """Known names strictly inside ``span`` (longest first, no overlaps)."""
    from spacy.tokens import Span as SpacySpan

    words = [t.text for t in span]
    lead = 1 if words[0].lower() == "the" else 0  # "the Soviet Union" holds no other name
    out: list[Span] = []
    i = lead
    while i < len(words):
        for n in range(len(words) - i, 0, -1):
            if n == len(words) - lead:
                continue
            label = names.get(tuple(words[i : i + n]))
            if label:
                out.append(SpacySpan(span.doc, span.start + i, span.start + i + n, label=label))
                i += n - 1
                break
        i += 1
    return out


def _unmarked(doc: Doc, names: dict[tuple[str, ...], str], covered: set[int]) -> list[Span]:
    """Spans of ``names`` (token tuples) where no entity is yet; marks them covered."""
    from spacy.tokens import Span as SpacySpan

    out = []
    words = token_table(doc).text
    firsts, longest = _gazetteer_index() if names is gazetteer() else _index_names(names)
    i = 0  # where the next name may start: a name found is not read into again
    # most tokens start no name: only those that may are looked at
    for start in [k for k, word in enumerate(words) if word in firsts]:
        if start < i:
            continue
        i = start
        for n in range(min(longest, len(words) - i), 0, -1):
            label = names.get(tuple(words[i : i + n]))
            if label and not covered.intersection(range(i, i + n)):
                out.append(SpacySpan(doc, i, i + n, label=label))
                covered.update(range(i, i + n))
                i += n - 1
                break
        i += 1
    return out


def _index_names(names: dict[tuple[str, ...], str]) -> tuple[frozenset[str], int]:
    """The first words of the names and the most words a name has."""
    return frozenset(k[0] for k in names), max((len(k) for k in names), default=0)


@cache
def _gazetteer_index() -> tuple[frozenset[str], int]:
    """``_index_names`` of the gazetteer, which is the same for every document."""
    return _index_names(gazetteer())


def _consistent_label(
    label: str, group: _Group, ranked_by_group: dict[int, list[tuple[str, int]]]
) -> str:
    """The label most mentions of the actor carry: the model's label for one name
    wavers within an article ("Montalvo" PERSON here, GPE there); the majority is
    usually right. A tie keeps the mention's own label. ``ranked_by_group`` keeps
    each group's two leading labels, which are the same for all its mentions."""
    if label == "NORP":  # "Serbian" stays an adjective of Serbia, not a mention of a place
        return label
    ranked = ranked_by_group.get(id(group))
    if ranked is None:
        ranked = [(lab, n) for lab, n in group.labels.most_common() if lab != "NORP"][:2]
        ranked_by_group[id(group)] = ranked
    if len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
        return label
    return ranked[0][0] if ranked and ranked[0][0] in ACTOR_LABELS else label


def _model_designation(doc: Doc, i: int) -> bool:
    """ "737", "A380" right after an organisation's name ("Boeing 737")."""
    if i >= len(doc):
        return False
    text = doc[i].text
    code = text[0].isupper() and any(c.isdigit() for c in text) and any(c.isalpha() for c in text)
    # three digits: an aircraft-style model number, not a year or a count in words
    return code or (text.isdigit() and len(text) == 3)


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    doc = span.doc
    table = token_table(doc)
    punct, space, texts = table.is_punct, table.is_space, table.text
    while start < end and (punct[start] or space[start]):
        start += 1
    while end > start and (space[end - 1] or texts[end - 1] in {"-", "—", ",", "("}):
        end -= 1
    if start >= end:
        return None
    if (start, end) == (span.start, span.end):
        return span
    from spacy.tokens import Span as SpacySpan

    return SpacySpan(doc, start, end, label=span.label_)


class ActorLayer:
    """Entity mentions grouped into actors; attribution may add generic sources before output."""

    def __init__(
        self,
        doc: Doc,
        exclude: Iterable[tuple[int, int]] = (),
        places: Iterable[str] = (),
        values: Iterable[tuple[int, int]] = (),
    ) -> None:
        self.doc = doc
        self.lex = lexicon()
        self._groups: list[_Group] = []
        self._by_key: dict[str, _Group] = {}
        self._mentions: list[tuple[Span, _Group]] = []
        self._others: list[Span] = []  # named things that are not actors: products, laws ...
        self._id_cache: dict[int, str] = {}
        self._id_version: tuple[int, int] = (-1, -1)
        self._excluded = list(exclude)
        value_spans = sorted(values)
        value_starts = [s for s, _ in value_spans]
        for span in _sorted_spans(_merge_places(entity_spans(doc), _place_mentions(doc, places))):
            if self._is_excluded(span.start_char):
                continue
            if _inside(span.start_char, span.end_char, value_spans, value_starts):
                # part of a value, not a name: "18:00 UTC", "US$ 40 billion ( GB # 20.1 billion )"
                continue
            if span.label_ not in ACTOR_LABELS:
                self._others.append(span)
                continue
            written = _text(span)
            key = _norm(written)
            country = self.lex.demonyms.get(written) if span.label_ == "NORP" else None
            if country is not None and span.root.tag_ == "JJ":
                # "Serbian licence plates", "the Serbian government": the state itself
                key = _norm(country)
            key = self.lex.aliases.get(key, key)
            group = self._group_for(key, span.label_, span.start_char)
            if country is not None and span.root.tag_ == "JJ":
                group.canonical = group.canonical or country
            group.forms.append(written)
            group.labels[span.label_] += 1
            self._mentions.append((span, group))
        _merge_short_forms(self._groups, self._by_key, self._mentions, self.lex)
        _surnames_of_people(self._groups, self._mentions)
        self._set_apart_things()
        self._heads: dict[int, _Group] = {
            i: g for s, g in self._mentions for i in range(s.start, s.end)
        }
        institutions = self.lex.institutions
        for i, word in enumerate(token_table(doc).lower):
            if institutions.get(word) in {"GOVERNMENT", "INSTITUTION"}:
                self.institution(doc[i])

    def _set_apart_things(self) -> None:
        """Every mention of a name the text calls a made thing is a product."""
        from spacy.tokens import Span as SpacySpan

        things = {id(g) for span, g in self._mentions if _described_as_thing(span)}
        if not things:
            return
        kept = []
        for span, g in self._mentions:
            if id(g) in things:
                self._others.append(SpacySpan(self.doc, span.start, span.end, label="PRODUCT"))
            else:
                kept.append((span, g))
        self._mentions = kept

    def _is_excluded(self, char: int) -> bool:
        return bool(self._excluded) and any(s <= char < e for s, e in self._excluded)

    def _group_for(self, key: str, label: str, pos: int) -> _Group:
        group = self._by_key.get(key)
        if group is None:
            group = _Group(key=key, label=label, first=pos)
            self._by_key[key] = group
            self._groups.append(group)
        return group

    def institution(self, token: Token) -> _Group | None:
        """The generic actor a noun such as "police" or "the Kosovo government" stands for.

        An institution owned by a named organisation ("Kosovo's NATO mission",
        "NATO troops") is that organisation, already an entity mention.
        """
        if token.i in self._heads:
            return self._heads[token.i]
        kind = self.lex.institutions.get(token.lower_)
        if (
            kind is None
            or token.pos_ not in {"NOUN", "PROPN"}
            or token.ent_type_
            or (token.dep_ == "compound" and not _named_by_place(token))
            or self._is_excluded(token.idx)
        ):
            return None
        for child in token.children:
            owner = self._heads.get(child.i)
            if child.dep_ in {"compound", "poss", "nmod"} and child.ent_type_ == "ORG" and owner:
                self._heads[token.i] = owner
                return owner
        if token.lower_ in self.lex.speaks_for:
            # "a spokesperson for the ministry" speaks as the ministry
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ in {"for", "of"}:
                    for obj in prep.children:
                        owner = self._heads.get(obj.i) if obj.dep_ == "pobj" else None
                        if owner is None and obj.dep_ == "pobj":
                            owner = self.institution(obj)
                        if owner is not None:
                            self._heads[token.i] = owner
                            return owner
        name = _institution_name(token)
        named = self._named_before(token) if name.lower() == token.lower_ else None
        if named is not None:
            self._heads[token.i] = named
            return named
        group = self._group_for(_norm(name), kind, token.idx)
        group.forms.append(name)
        group.labels[kind] += 1
        self._heads[token.i] = group
        for child in token.lefts:
            owner = self._heads.get(child.i)
            if owner is not None and owner is not group and child.ent_type_ in {"GPE", "NORP"}:
                group.part_of = group.part_of or owner
        return group

    def _named_before(self, token: Token) -> _Group | None:
        """ "The Palestinian Health Ministry said ... The ministry added ...": a bare
        definite institution noun is the nearest organisation named before it whose
        name ends in that noun."""
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            return None
        found = None
        for span, group in self._mentions:
            if span.end_char > token.idx:
                break
            if span.label_ == "ORG" and span[-1].lower_ == token.lower_:
                found = group
        return found

    def actor_of_token(self, token: Token) -> str | None:
        """Actor id of the entity or institution this token belongs to, if any."""
        return self.actor_at(token.i)

    def actor_at(self, i: int) -> str | None:
        """Actor id of the entity or institution token ``i`` belongs to, if any."""
        group = self._heads.get(i)
        return self._ids().get(id(group)) if group is not None else None

    def actors_in(self, start: int, end: int) -> list[str]:
        """Ids of the actors of tokens ``[start, end)``, each once, in order of first token."""
        ids, heads = self._ids(), self._heads
        out: list[str] = []
        for i in range(start, end):
            group = heads.get(i)
            actor = ids.get(id(group)) if group is not None else None
            if actor and actor not in out:
                out.append(actor)
        return out

    def _live(self) -> list[_Group]:
        seen: dict[int, _Group] = {}
        for _, g in self._mentions:
            seen.setdefault(id(g), g)
        for g in self._heads.values():
            seen.setdefault(id(g), g)
        return sorted(seen.values(), key=lambda g: (g.first, g.key))

    def _ids(self) -> dict[int, str]:
        # cached: claims ask for ids token by token; groups only ever get added, so
        # the sizes of the two maps say whether the numbering can have changed
        version = (len(self._mentions), len(self._heads))
        if self._id_version != version:
            self._id_cache = {id(g): f"a{n}" for n, g in enumerate(self._live(), 1)}
            self._id_version = version
        return self._id_cache

    def entities(self) -> list[EntityMention]:
        ids = self._ids()
        ranked: dict[int, list[tuple[str, int]]] = {}  # each actor's labels ranked, once
        mentions = [
            EntityMention(
                text=_text(span),
                start=span.start_char,
                end=span.end_char,
                label=_consistent_label(span.label_, group, ranked),
                actor=ids.get(id(group)),
            )
            for span, group in self._mentions
        ]
        mentions += [
            EntityMention(text=_text(s), start=s.start_char, end=s.end_char, label=s.label_)
            for s in self._others
        ]
        return sorted(mentions, key=lambda m: (m.start, m.end))

    def actors(self) -> list[Actor]:
        ids = self._ids()
        out = []
        for n, g in enumerate(self._live(), 1):
            name = g.name
            out.append(
                Actor(
                    id=f"a{n}",
                    name=name,
                    type=g.labels.most_common(1)[0][0] if g.labels else g.label,
                    aliases=sorted({f for f in g.forms if f != name}),
                    mentions=len(g.forms),
                    part_of=ids.get(id(g.part_of)) if g.part_of is not None else None,
                )
            )
        return out


def _merge_short_forms(
    groups: list[_Group],
    by_key: dict[str, _Group],
    mention_groups: list[tuple[Span, _Group]],
    lex: ActorLexicon,
) -> None:
    """Fold acronyms and surname/title forms into the full-name group they stand for."""
    target: dict[int, _Group] = {}
    full = [g for g in groups if len(g.key.split()) > 1]
    for g in groups:
        words = g.key.split()
        if g.label == "PERSON":
            # "Mr Biden" / "Biden" -> the earlier "Joe Biden"
            core = [w for w in words if w not in lex.titles]
            if len(core) == 1:
                for f in full:
                    if f is not g and f.label == "PERSON" and f.key.split()[-1] == core[0]:
                        target[id(g)] = f
                        break
        elif len(words) == 1 and g.label in {"ORG", "GPE", "NORP", "LOC"}:
            surface = g.forms[0].replace(".", "")
            if surface.isupper() and len(surface) >= 2:
                for f in full:
                    if f is not g and _initials(f.key.split(), lex.stopwords) == g.key:
                        target[id(g)] = f
                        break
    if not target:
        return
    for g in groups:
        t = target.get(id(g))
        if t is None:
            continue
        t.forms.extend(g.forms)
        t.labels.update(g.labels)
        t.first = min(t.first, g.first)
        by_key[g.key] = t
    for i, (span, g) in enumerate(mention_groups):
        if id(g) in target:
            mention_groups[i] = (span, target[id(g)])
    groups[:] = [g for g in groups if id(g) not in target]


def _inside(start: int, end: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether [start, end) lies within one of ``spans`` (sorted; few overlap)."""
    i = bisect_right(starts, start) - 1
    return any(spans[j][1] >= end for j in range(max(i - 1, 0), i + 1) if spans[j][0] <= start)


def _surnames_of_people(groups: list[_Group], mentions: list[tuple[Span, _Group]]) -> None:
    """A surname alone, after the full name, is the person even where the model
    calls it a place or an organisation: "Valeska Paris ... Paris said she was
    held" (GPE), "Kristin Wilkins ... Wilkins added" (ORG). Not after a place
    preposition ("she flew to Paris")."""
    from spacy.tokens import Span as SpacySpan

    people: dict[str, list[_Group]] = {}
    for g in groups:
        names = g.key.split()
        if g.labels.get("PERSON") and len(names) > 1:
            people.setdefault(names[-1], []).append(g)
    if not people:
        return
    for i, (span, g) in enumerate(mentions):
        if span.label_ not in _PLACE_OR_ORG:
            continue
        tokens = [t for t in span if t.lower_ != "the"]
        named = people.get(_norm(tokens[0].text), []) if len(tokens) == 1 else []
        # the person named most recently before ("Kristin Wilkins" ... "Kristen Wilkins")
        before = [p for p in named if p.first < span.start_char]
        if not before:
            continue
        person = g if g in before else max(before, key=lambda p: p.first)
        head = span.root.head
        if span.root.dep_ == "pobj" and head.lower_ in _PLACE_PREPOSITIONS:
            continue
        mentions[i] = (SpacySpan(span.doc, span.start, span.end, label="PERSON"), person)
        if person is not g:
            person.forms.append(span.text)
            g.forms.remove(span.text)
        person.labels["PERSON"] += 1
        g.labels[span.label_] -= 1
        if g.labels[span.label_] <= 0:
            del g.labels[span.label_]


def _named_by_place(token: Token) -> bool:
    """ "Serbian government jets": a modifying institution counts when a place names it."""
    return any(c.ent_type_ in {"GPE", "NORP"} for c in token.lefts)


def _place_mentions(doc: Doc, places: Iterable[str]) -> list[Span]:
    """Mentions of the dateline's place the model missed ("Belgrade and Pristina")."""
    wanted = {p.strip().lower() for p in places if p and p.strip()}
    if not wanted:
        return []
    out = []
    for token in doc:
        if token.ent_type_ or not token.is_title or token.lower_ not in wanted:
            continue
        out.append(doc.char_span(token.idx, token.idx + len(token.text), label="GPE"))
    return [s for s in out if s is not None]


def _sorted_spans(spans: list[Span]) -> list[Span]:
    return sorted(spans, key=lambda s: s.start)


def _merge_places(spans: list[Span], places: list[Span]) -> list[Span]:
    taken = {i for s in spans for i in range(s.start, s.end)}
    return spans + [p for p in places if not taken.intersection(range(p.start, p.end))]


def _institution_name(token: Token) -> str:
    """The institution with its naming modifiers: "the Kosovo government" -> "Kosovo government".

    Compounds and nationality adjectives name which institution it is ("Serbian
    government"); other adjectives ("local", "senior") do not.
    """
    left = [
        c
        for c in token.lefts
        if c.dep_ == "compound" or (c.dep_ == "amod" and c.ent_type_ in {"NORP", "GPE"})
    ]
    start = min([c.left_edge.i for c in left], default=token.i)
    for i in range(token.i - 1, start - 1, -1):
        if set_off_dash(token.doc[i]):  # "by rebels - officials said"
            start = i + 1
            break
    name = token.doc[start : token.i + 1].text
    if start == token.i and token.is_sent_start and token.pos_ != "PROPN":
        name = name[0].lower() + name[1:]  # "Police said ..." is the actor "police"
    return name
