"""Attribution rules: (sentence, expected source, cue, direct quote) with negatives."""

from __future__ import annotations

import pytest

from claimx.extract.attribution import find_attributions

CASES = [
    # indirect speech, cue after the content
    (
        "Two buildings were attacked on Saturday, police said.",
        [("police", "said", False)],
    ),
    # cue first, complement clause
    ("The minister said the talks had failed.", [("The minister", "said", False)]),
    ("Officials told reporters that the border was closed.", [("Officials", "told", False)]),
    (
        "The Kosovo government says it is in retaliation.",
        [("The Kosovo government", "says", False)],
    ),
    # source noun phrase without its relative clause
    (
        'Kosovo\'s NATO mission - whose 5,000 troops oversee a fragile peace - said on Monday it had "increased the number of routine patrols".',
        [("Kosovo's NATO mission", "said", True)],
    ),
    # a source with a prepositional phrase keeps it
    (
        "A spokesperson for the ministry said the plan was ready.",
        [("A spokesperson for the ministry", "said", False)],
    ),
    # quote first
    ('"We will not back down," he said.', [("he", "said", True)]),
    # according to
    (
        "According to the United Nations, 5,000 people fled.",
        [("the United Nations", "According to", False)],
    ),
    ("The death toll rose to 39, according to officials.", [("officials", "according to", False)]),
    # other cue verbs
    ("The company denied that it had broken the law.", [("The company", "denied", False)]),
    ("Analysts warned that prices could rise further.", [("Analysts", "warned", False)]),
    ("He added that the roads would reopen.", [("He", "added", False)]),
    # passive report: a cue without a named source
    ("It was reported that the talks had collapsed.", [(None, "reported", False)]),
    # tokenised quote marks (`` ... '') and an inverted subject
    (
        "`` We 've reduced our design effort , '' said Angers .",
        [("Angers", "said", True)],
    ),
    # a participle cue takes the subject of the clause it hangs on
    (
        "Boeing challenged the award, claiming the evaluation was skewed.",
        [("Boeing", "claiming", False)],
    ),
    # verbs that report a noun object, and verbs of intent with a to-clause
    ("Airbus has announced 10,000 job cuts.", [("Airbus", "announced", False)]),
    ("Boeing plans to build a new plant.", [("Boeing", "plans", False)]),
    # two cues in one sentence, nested
    (
        "Chief executive Noel Forgeard stated that he expected sales to exceed 250.",
        [("Chief executive Noel Forgeard", "stated", False), ("he", "expected", False)],
    ),
    # negatives: no reporting cue, or a reporting verb without reported content
    ("NATO troops stepped up patrols in Kosovo on Monday.", []),
    ("Video footage showed NATO armoured vehicles moving close to the barricades.", []),
    ("The report was published in 2019.", []),
    ("She told a story.", []),
    # "citing" gives a reason, not a source
    ("Citing a precautionary measure, the plant closed.", []),
    # a reporting verb inside a quotation is not a cue of the sentence
    ('"They said it was over," he recalled.', []),
    # an announced thing used as a modifier reports nothing
    ("Pre-orders of the recently announced iPhone began Tuesday.", []),
    ("Serbia does not recognise Kosovo's independence.", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_attribution(parse, text: str, expected: list[tuple[str | None, str, bool]]) -> None:
    doc = parse(text)
    got = []
    for sent in doc.sents:
        for found in find_attributions(sent):
            source = doc[found.source[0] : found.source[1]].text if found.source else None
            cue = doc[found.cue_start : found.cue_end].text
            got.append((source, cue, found.direct_quote))
    assert got == expected
