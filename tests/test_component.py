"""claimx inside spaCy: the "claimx" factory, its Doc extensions, DocBin, and the
library's ``nlp=`` argument on a pipeline the caller loaded."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from typing import Any

import pytest

pytestmark = pytest.mark.model

TEXT = "Two ministry buildings were attacked on Saturday, police said."
REF = dt.date(2021, 9, 27)


@pytest.fixture(scope="module")
def own_nlp() -> Any:
    """A pipeline of the caller's, loaded apart from claimx's cached one."""
    import spacy

    from claimx.pipeline import resolve_model_name

    nlp = spacy.load(resolve_model_name())
    nlp.add_pipe("claimx", config={"ref_date": REF.isoformat()})
    return nlp


def test_component_writes_the_same_records_as_the_library(own_nlp: Any) -> None:
    import claimx

    doc = own_nlp(TEXT)
    result = claimx.extract_text(TEXT, ref_date=REF)
    assert [(t.text, t.value) for t in doc._.times] == [("Saturday", "2021-09-25")]
    assert doc._.times == result.times
    assert doc._.quantities == result.quantities
    assert doc._.actors == result.actors
    assert doc._.claims == result.claims
    assert doc._.reference_date.value == "2021-09-27"
    assert all(TEXT[t.start : t.end] == t.text for t in doc._.times)


def test_reference_date_per_document(own_nlp: Any) -> None:
    doc = own_nlp.make_doc(TEXT)
    doc._.claimx_ref_date = "2021-10-06"  # a Wednesday: the Saturday before is the 2nd
    for _, proc in own_nlp.pipeline:
        doc = proc(doc)
    assert [t.value for t in doc._.times] == ["2021-10-02"]
    assert doc._.reference_date.value == "2021-10-06"


def test_reference_date_from_the_as_tuples_context(own_nlp: Any) -> None:
    texts = [
        (TEXT, {"ref_date": "2021-10-06", "url": "a"}),  # the Saturday before is the 2nd
        (TEXT, {"url": "b"}),  # no date in the context: the config's
        (TEXT, "a context that is no mapping"),
    ]
    got = list(own_nlp.pipe(texts, as_tuples=True))
    assert [[t.value for t in doc._.times] for doc, _ in got] == [
        ["2021-10-02"],
        ["2021-09-25"],
        ["2021-09-25"],
    ]
    assert [context for _, context in got] == [context for _, context in texts]
    assert got[0][0]._.reference_date.value == "2021-10-06"


def test_reference_date_on_the_doc_wins_over_the_context(own_nlp: Any) -> None:
    doc = own_nlp.make_doc(TEXT)
    doc._.claimx_ref_date = "2021-10-13"
    [(doc, _)] = own_nlp.pipe([(doc, {"ref_date": "2021-10-06"})], as_tuples=True)
    assert [t.value for t in doc._.times] == ["2021-10-09"]


def test_bad_context_reference_date_is_named(own_nlp: Any) -> None:
    from claimx.errors import ClaimxError

    with pytest.raises(ClaimxError, match=r"as_tuples context ref_date: not an ISO date"):
        list(own_nlp.pipe([(TEXT, {"ref_date": "soon"})], as_tuples=True))


def test_bad_reference_date_is_named(own_nlp: Any) -> None:
    from claimx.errors import ClaimxError

    doc = own_nlp.make_doc(TEXT)
    doc._.claimx_ref_date = "last week"
    with pytest.raises(ClaimxError, match=r"doc\._\.claimx_ref_date: not an ISO date"):
        for _, proc in own_nlp.pipeline:
            doc = proc(doc)


def test_records_survive_docbin(own_nlp: Any) -> None:
    from spacy.tokens import DocBin

    doc = own_nlp(TEXT)
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    (back,) = DocBin(store_user_data=True).from_bytes(data).get_docs(own_nlp.vocab)
    assert back._.times == doc._.times
    assert back._.claims == doc._.claims
    assert back._.claims[0].attribution is not None
    assert back._.claims[0].attribution.source.text == "police"


def test_a_doc_the_component_did_not_see_has_no_records(own_nlp: Any) -> None:
    doc = own_nlp.make_doc(TEXT)
    assert doc._.times is None and doc._.claims is None


@pytest.mark.parametrize(
    ("components", "missing"),
    [
        ([], ["a tagger", "a parser or a sentence recogniser", "an entity recogniser"]),
        (["tagger", "parser"], ["an entity recogniser"]),
        (["tagger", "senter", "ner"], []),  # a sentence recogniser is enough
    ],
)
def test_add_pipe_names_what_is_missing(components: list[str], missing: list[str]) -> None:
    import spacy

    from claimx.pipeline import resolve_model_name

    source = spacy.load(resolve_model_name())
    nlp = spacy.blank("en")
    for name in components:
        if name == "senter":
            nlp.add_pipe("senter")
        else:
            nlp.add_pipe(name, source=source)
    if missing:
        with pytest.raises(ValueError, match="claimx needs") as err:
            nlp.add_pipe("claimx")
        for what in missing:
            assert what in str(err.value)
    else:
        nlp.add_pipe("claimx")
        assert nlp.pipe_names[-1] == "claimx"


def test_factory_found_by_its_entry_point() -> None:
    # a fresh interpreter that never imports claimx: spaCy finds the factory itself
    code = (
        "import spacy\n"
        "try:\n"
        "    spacy.blank('en').add_pipe('claimx')\n"
        "except ValueError as e:\n"
        "    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("claimx needs a tagger")


def test_library_reuses_a_loaded_pipeline(own_nlp: Any) -> None:
    import claimx

    doc = claimx.Document(id="d1", source="d1", text=TEXT, date=REF)
    (result,) = claimx.extract_documents([doc], claimx.Options(), nlp=own_nlp)
    assert isinstance(result, claimx.DocumentResult)
    assert [t.value for t in result.times] == ["2021-09-25"]
