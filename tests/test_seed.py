"""The seed article against what its expected.md says, fact by fact, and its golden file.

The golden file (``seeds/*.golden.json``) pins the whole output; rewrite it
with ``pytest --update-golden`` after a deliberate change, and read the diff.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from claimx.api import Options, extract_documents
from claimx.inputs import iter_inputs
from claimx.records import DocumentResult

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED = "seeds/kosovo-plates-reuters.txt"


def extract(path: str, ref_date: dt.date | None = None) -> DocumentResult:
    import os

    cwd = os.getcwd()
    os.chdir(SEEDS.parent)  # ids are the path as given: keep them relative and stable
    try:
        (result,) = list(extract_documents(iter_inputs([path]), Options(ref_date=ref_date)))
    finally:
        os.chdir(cwd)
    assert isinstance(result, DocumentResult)
    return result


@pytest.fixture(scope="module")
def seed() -> DocumentResult:
    return extract(SEED)


def test_document(seed: DocumentResult) -> None:
    assert seed.title == "NATO increases patrols near Kosovo-Serbia border blockage"
    assert seed.reference_date.value == "2021-09-27"
    assert seed.reference_date.source == "inferred"
    assert seed.dateline is not None
    assert (seed.dateline.place, seed.dateline.agency) == ("PRISTINA", "Reuters")
    assert seed.dateline.date is not None and seed.dateline.date.text == "Sept 27"
    assert seed.dateline.date.value == "2021-09-27"


def test_ref_date_option(seed: DocumentResult) -> None:
    with_option = extract(SEED, dt.date(2021, 9, 27))
    assert with_option.reference_date.source == "option"
    assert [t.value for t in with_option.times] == [t.value for t in seed.times]


EXPECTED_TIMES = [
    ("Monday", "DATE", "2021-09-27"),
    ("Monday last week", "DATE", "2021-09-20"),
    ("now", "DATE", "PRESENT_REF"),
    ("60 days", "DURATION", "P60D"),
    ("2008", "DATE", "2008"),
    ("Saturday", "DATE", "2021-09-25"),
    ("Monday", "DATE", "2021-09-27"),
    ("1999", "DATE", "1999"),
    ("2008", "DATE", "2008"),
    ("2013", "DATE", "2013"),
]


def test_times(seed: DocumentResult) -> None:
    assert [(t.text, t.type, t.value) for t in seed.times] == EXPECTED_TIMES


EXPECTED_QUANTITIES = [
    ("two main roads", 2, None, "roads", "count"),
    ("two countries", 2, None, "countries", "count"),
    ("60 days", 60, "day", "registration details", "duration"),
    ("two interior ministry buildings", 2, None, "buildings", "count"),
    ("5,000 troops", 5000, None, "troops", "count"),
]


def test_quantities(seed: DocumentResult) -> None:
    got = [(q.text, q.value, q.unit, q.counted, q.kind) for q in seed.quantities]
    # "the two countries": the determiner may or may not be inside the span
    got = [(t.removeprefix("the "), *rest) for t, *rest in got]
    assert got == EXPECTED_QUANTITIES


FURNITURE = [
    "2 minute read",
    "Register now for FREE unlimited access to",
    "read more",
    "Reporting by",
    "Our Standards",
    "More from Reuters",
]


def test_nothing_comes_from_page_furniture(seed: DocumentResult) -> None:
    text = seed.text or ""
    furniture_spans = [(b.start, b.end) for b in seed.boilerplate] + [
        (c.start, c.end) for c in seed.credits
    ]
    for phrase in FURNITURE:
        start = text.index(phrase)
        assert any(s <= start < e for s, e in furniture_spans), phrase
    items = [*seed.times, *seed.quantities, *seed.entities, *seed.claims]
    for item in items:
        assert not any(s < item.end and item.start < e for s, e in furniture_spans), item.text
    names = {a.name for a in seed.actors}
    assert not names & {"FREE", "Register", "Reuters", "Fatos Bytyci", "Andrew Heavens"}


def test_actors(seed: DocumentResult) -> None:
    names = {a.name: a for a in seed.actors}
    for name in [
        "NATO",
        "Serbs",
        "Serbia",
        "Kosovo",
        "European Union",
        "United States",
        "Britain",
        "United Nations",
        "Russia",
        "Belgrade",
        "Pristina",
        "police",
        "Kosovo government",
        "Serbian government",
    ]:
        assert name in names, name
    assert {"EU", "the European Union"} <= set(names["European Union"].aliases)
    assert names["NATO"].mentions >= 5


def claim_starting(seed: DocumentResult, prefix: str):  # type: ignore[no-untyped-def]
    (claim,) = [c for c in seed.claims if c.text.startswith(prefix)]
    return claim


@pytest.mark.parametrize(
    ("prefix", "date", "date_source", "source", "cue", "direct"),
    [
        ("NATO troops stepped up", "2021-09-27", "explicit", None, None, False),
        ("Serbs from Kosovo's north", "2021-09-20", "explicit", None, None, False),
        ("Under the ban", "2021-09-27", "reference", None, None, False),
        ("The Kosovo government says", None, None, "The Kosovo government", "says", False),
        ("Serbia does not recognise", "2021-09-27", "reference", None, None, False),
        ("The confrontation has already", "2021-09-25", "explicit", "police", "said", False),
        ("Kosovo's NATO mission", "2021-09-27", "explicit", "Kosovo's NATO mission", "said", True),
        ("Serbia lost control", "1999", "explicit", None, None, False),
        ("Kosovo declared independence", "2008", "explicit", None, None, False),
        ("Belgrade and Pristina", "2013", "explicit", None, None, False),
    ],
)
def test_claims(seed, prefix, date, date_source, source, cue, direct) -> None:  # type: ignore[no-untyped-def]
    claim = claim_starting(seed, prefix)
    if date is not None:
        assert (claim.date, claim.date_source) == (date, date_source)
    attribution = claim.attribution
    if cue is None:
        assert attribution is None
    else:
        assert attribution is not None and attribution.source is not None
        assert (attribution.source.text, attribution.cue.text) == (source, cue)
        assert attribution.direct_quote is direct


def test_claim_flags_and_links(seed: DocumentResult) -> None:
    assert claim_starting(seed, "Serbia does not recognise").negated
    assert not claim_starting(seed, "NATO troops stepped up").negated
    police = claim_starting(seed, "The confrontation has already")
    assert [seed.quantities[i].text for i in police.quantities] == [
        "two interior ministry buildings"
    ]
    assert police.attribution is not None and police.attribution.source is not None
    actor = {a.id: a for a in seed.actors}[police.attribution.source.actor or ""]
    assert actor.name == "police"
    mission = claim_starting(seed, "Kosovo's NATO mission")
    assert "5,000 troops" in [seed.quantities[i].text for i in mission.quantities]
    assert seed.claims[0].text.startswith("NATO troops")  # not the title, not the dateline


def test_offsets_are_exact(seed: DocumentResult) -> None:
    text = seed.text or ""
    spans = [
        *seed.times,
        *seed.quantities,
        *seed.entities,
        *seed.claims,
        *seed.boilerplate,
        *seed.credits,
    ]
    for c in seed.claims:
        if c.attribution:
            spans.append(c.attribution.cue)
            if c.attribution.source:
                spans.append(c.attribution.source)
    for span in spans:
        assert text[span.start : span.end] == span.text


def test_golden(seed: DocumentResult, request: pytest.FixtureRequest) -> None:
    golden = SEEDS / "kosovo-plates-reuters.golden.json"
    got = seed.model_dump(mode="json")
    if request.config.getoption("--update-golden"):
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert golden.exists(), "no golden file: run pytest --update-golden and review it"
    assert got == json.loads(golden.read_text(encoding="utf-8"))
