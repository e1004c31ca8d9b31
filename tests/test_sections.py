"""Texts too long to parse at once: sections, the blanking of punctuation runs, the
joining of section records, and the spilled JSON line (``claimx.sections``).

No timing is asserted: ``make bench`` measures the 20 MB inputs."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest

from claimx import sections
from claimx.sections import PUNCT_RUN, blank_punctuation_runs, cut, needs_chunks, plan

MANY = 10**9  # no token limit


def section_bounds(text: str, limit: int) -> list[tuple[int, int]]:
    return cut(text, limit, MANY)


def partitions(text: str, bounds: list[tuple[int, int]]) -> bool:
    return (
        bounds[0][0] == 0
        and bounds[-1][1] == len(text)
        and all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
        and all(end > start for start, end in bounds)
    )


# --------------------------------------------------------------------------- cutting

PARA = "Police said on Monday that two roads were closed near the border crossing.\n\n"


@pytest.mark.parametrize(
    ("text", "limit", "first_end"),
    [
        # a paragraph break in the window's second half wins over a later line break
        (PARA * 3 + "x" * 500, 200, len(PARA) * 2),
        # no paragraph break: the last line break
        (("A line of wire copy that wraps here\n" * 10), 200, 180),
        # no line break: the last sentence end
        ("One. Two words here. " * 20, 100, 89),
        # no sentence end: the last whitespace
        ("word " * 100, 100, 95),
        # one unbroken run: cut at the window's end
        ("x" * 1000, 300, 300),
        # short: one section
        ("Short text.", 100, 11),
    ],
)
def test_sections_end_at_the_best_break_in_the_window(
    text: str, limit: int, first_end: int
) -> None:
    bounds = section_bounds(text, limit)
    assert partitions(text, bounds)
    assert bounds[0][1] == first_end
    assert all(end - start <= limit for start, end in bounds)


def test_a_break_in_the_first_half_is_not_taken() -> None:
    # taking it would make the next window rescan nearly the same text: quadratic
    text = "ab.\n\n" + "word " * 60
    bounds = section_bounds(text, 100)
    assert bounds[0][1] > 50


def test_a_text_dense_with_tokens_gets_shorter_pieces() -> None:
    text = "a, " * 400  # two tokens a word: 800 of them in 1,200 characters
    bounds = cut(text, 1000, 50)
    assert partitions(text, bounds)
    assert all(len(sections._TOKENISH.findall(text[s:e])) <= 50 for s, e in bounds)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("word " * 100, False),
        ("x" * (sections.CHUNK_CHARS + 1), True),
        ('" ' * (sections.CHUNK_TOKENS + 1), True),  # a token a mark
        ('" ' * (sections.CHUNK_TOKENS - 1), False),
    ],
)
def test_needs_chunks(text: str, expected: bool) -> None:
    assert needs_chunks(text) is expected


def test_a_pipeline_limit_below_the_piece_size_is_kept() -> None:
    assert needs_chunks("word " * 40, limit=100)
    assert all(e - s <= 100 for section in plan("word " * 40, 100) for s, e in section)


def test_a_plan_is_sections_of_pieces(monkeypatch) -> None:
    monkeypatch.setattr(sections, "SECTION_CHARS", 1000)
    text = PARA * 40
    sections_ = plan(text, 300)
    flat = [piece for section in sections_ for piece in section]
    assert partitions(text, flat)
    assert len(sections_) > 1 and all(len(section) > 1 for section in sections_[:-1])
    assert all(section[-1][1] - section[0][0] <= 1000 for section in sections_)
    assert all(e - s <= 300 for s, e in flat)


# --------------------------------------------------------------------------- blanking


@pytest.mark.parametrize(
    ("text", "expected", "blanked"),
    [
        ('"' * (PUNCT_RUN + 50), '"' * PUNCT_RUN + " " * 50, 50),
        ("=" * 300 + "\nTitle", "=" * PUNCT_RUN + " " * 200 + "\nTitle", 200),
        ("a" + ".-" * 200 + "b", "a" + (".-" * 200)[:PUNCT_RUN] + " " * 300 + "b", 300),
        # negatives: a run of the limit is kept, and so is anything with words in it
        ("-" * PUNCT_RUN, "-" * PUNCT_RUN, 0),
        ("... " * 200, "... " * 200, 0),
        ("Police said on Monday.", "Police said on Monday.", 0),
    ],
)
def test_long_punctuation_runs_are_blanked(text: str, expected: str, blanked: int) -> None:
    out, warning = blank_punctuation_runs(text)
    assert out == expected and len(out) == len(text)
    if blanked:
        assert warning is not None and f"{blanked:,} characters" in warning
    else:
        assert warning is None


# --------------------------------------------------------------------------- actors


def actor(id: str, name: str, aliases: tuple[str, ...] = (), mentions: int = 1, **kw: Any) -> dict:
    return {
        "id": id,
        "name": name,
        "type": kw.get("type", "PERSON"),
        "aliases": list(aliases),
        "mentions": mentions,
        "part_of": kw.get("part_of"),
    }


def test_an_actor_named_again_in_a_later_section_is_one_actor() -> None:
    merged = sections._Actors()
    first = merged.merge([actor("a1", "John Smith", ("Smith",), 2), actor("a2", "NATO")])
    assert first == {"a1": "a1", "a2": "a2"}
    # "Smith" alone, "NATO" again, and a new name
    second = merged.merge([actor("a1", "Smith"), actor("a2", "EU"), actor("a3", "NATO", (), 3)])
    assert second == {"a1": "a1", "a2": "a3", "a3": "a2"}
    records = {r["id"]: r for r in merged.records}
    assert records["a1"]["mentions"] == 3 and records["a1"]["aliases"] == ["Smith"]
    assert records["a2"]["mentions"] == 4
    assert [r["id"] for r in merged.records] == ["a1", "a2", "a3"]


@pytest.mark.parametrize(
    ("earlier", "later", "same"),
    [
        (actor("a1", "Smith"), actor("a1", "John Smith", ("Smith",)), True),
        # shares a form, but is named otherwise: "Mary Smith" is not "John Smith"
        (actor("a1", "John Smith", ("Smith",)), actor("a1", "Mary Smith", ("Smith",)), False),
        (actor("a1", "European Union", ("EU",)), actor("a1", "EU"), True),
        (actor("a1", "Serbia"), actor("a1", "Kosovo"), False),
    ],
)
def test_which_later_actors_are_earlier_ones(earlier: dict, later: dict, same: bool) -> None:
    merged = sections._Actors()
    merged.merge([earlier])
    ids = merged.merge([later])
    assert (ids["a1"] == "a1") is same


def test_part_of_points_to_the_documents_ids() -> None:
    merged = sections._Actors()
    merged.merge([actor("a1", "Serbia", type="GPE")])
    ids = merged.merge(
        [
            actor("a1", "Kosovo", type="GPE"),
            actor("a2", "Serbian police", part_of="a3"),
            actor("a3", "Serbia", type="GPE"),
        ]
    )
    police = merged.records[int(ids["a2"][1:]) - 1]
    assert police["part_of"] == "a1"


# --------------------------------------------------------------------------- whole records

LONG_PARAGRAPHS = [
    "PRISTINA, Sept 27 (Reuters) - Kosovo police said on Monday that two roads were closed"
    " after the 2021 protests.",
    "The European Union said on Friday it had sent 5,000 tents, officials said.",
    "John Smith, a spokesman for NATO, said its troops would stay for at least 60 days.",
    "Smith said the EU paid about $40 million in 2020.",
]


def long_text(copies: int) -> str:
    return "\n\n".join(LONG_PARAGRAPHS * copies) + "\n"


@pytest.fixture
def small_sections(monkeypatch):  # type: ignore[no-untyped-def]
    """Sections of a few hundred characters, so a short text is read in several."""
    import claimx.api as api

    monkeypatch.setattr(api, "CHUNK_CHARS", 150)
    monkeypatch.setattr(sections, "CHUNK_CHARS", 150)
    monkeypatch.setattr(sections, "SECTION_CHARS", 400)


@pytest.mark.model
def test_a_text_read_in_sections_keeps_offsets_ids_and_references(small_sections) -> None:
    from claimx.api import extract_text

    text = long_text(4)
    result = extract_text(text)
    assert len(plan(text, 150)) > 3
    assert result.reference_date.value == "2021-09-27"  # from the first section's dateline
    spans = [*result.times, *result.quantities, *result.entities, *result.claims]
    assert all(text[s.start : s.end] == s.text for s in spans)
    assert [c.id for c in result.claims] == [f"c{n}" for n in range(1, len(result.claims) + 1)]
    actors = {a.id: a for a in result.actors}
    assert [a.id for a in result.actors] == [f"a{n}" for n in range(1, len(actors) + 1)]
    assert all(e.actor in actors for e in result.entities if e.actor)
    for claim in result.claims:
        assert all(a in actors for a in claim.actors)
        for i in claim.times:
            assert claim.start <= result.times[i].start < claim.end
        for i in claim.quantities:
            assert claim.start <= result.quantities[i].start < claim.end
    # one actor however many sections name it
    names = [a.name for a in result.actors]
    assert len(names) == len(set(names))
    nato = next(a for a in result.actors if a.name == "NATO")
    assert nato.mentions == 4
    # the later sections count from the reference date: "on Friday" in each
    fridays = [t.value for t in result.times if t.text == "Friday"]
    assert fridays == ["2021-09-24"] * 4


@pytest.mark.model
def test_the_spilled_line_is_the_records_json_line(small_sections, tmp_path) -> None:
    from claimx.api import extract_or_spill
    from claimx.inputs import Document
    from claimx.render.jsonl import dump

    document = Document(id="long", source="long.txt", text=long_text(3), title=None)
    (held,) = extract_or_spill([document], spill_dir=None)
    (spilled,) = extract_or_spill([document], spill_dir=str(tmp_path), spill=True)
    assert isinstance(spilled, sections.Spilled)
    with open(spilled.path, encoding="utf-8") as handle:
        line = handle.read()
    assert line == dump(held)  # type: ignore[arg-type]
    assert spilled.claims == len(json.loads(line)["claims"])
    sections.remove_spill(spilled.path)
    assert not list(tmp_path.iterdir())


@pytest.mark.model
def test_one_section_joined_is_the_record_read_whole(nlp) -> None:
    """The joining code on a text of one section gives exactly the record of the
    component (shifting by 0, renumbering claims and actors in the same order)."""
    import claimx.api as api
    from claimx.inputs import Document

    text = long_text(1)
    document = Document(id="d", source="d", text=text)
    (whole,) = api.extract_batch([document], nlp=nlp)
    ready = api._prepare(document, sections.CHUNK_CHARS)
    joined = api._sections(ready, [[(0, len(text))]], api._Parser(nlp), None, False, None)
    assert joined == whole
