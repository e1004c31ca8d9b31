"""Line breaks as sentence breaks (claimx.pipeline.mark_paragraph_breaks).

A blank line ends a sentence; a single line break inside running prose does not
(hard-wrapped wire copy); line breaks between blocks (headline, bylines, short
lines, list items, a line that ends a sentence) still do.
"""

from __future__ import annotations

from typing import Any

import pytest

# (text, the sentences expected, stripped)
SENTENCES: list[tuple[str, list[str]]] = [
    # hard-wrapped wire lines: one sentence across the break (under a headline: the
    # first line of a text is a block of its own)
    (
        "Stocks fall\n\nShares are likely to stay weak this quarter, said Jane Doe, a broker at Hobart Capital\n"
        "Markets, in a note to clients.",
        [
            "Stocks fall",
            "Shares are likely to stay weak this quarter, said Jane Doe, a broker at Hobart Capital"
            "\nMarkets, in a note to clients.",
        ],
    ),
    (
        "Stocks fall\n\nThe index lost 1.2% on the day, its worst showing since\nMarch, traders said.",
        [
            "Stocks fall",
            "The index lost 1.2% on the day, its worst showing since\nMarch, traders said.",
        ],
    ),
    # no headline: the first line opens with a dateline, which the parser sees masked
    # as spaces ("LONDON, Oct 15 (Reuters) - "), so its wrap runs on like any other
    (
        " " * 27 + "Shares will stay weak, said Jane Doe, a broker at Hobart Capital\n"
        "Markets, in a note.",
        ["Shares will stay weak, said Jane Doe, a broker at Hobart Capital\nMarkets, in a note."],
    ),
    # ---- breaks that stay sentence breaks
    # a blank line
    ("The council met on Monday\n\nIt voted to close the bridge.", None),  # type: ignore[list-item]
    # a headline over its body (the first line of the text)
    (
        "Council votes to close the old bridge over the river\nThe council voted on Monday.",
        ["Council votes to close the old bridge over the river", "The council voted on Monday."],
    ),
    # a line that ends a sentence
    (
        "The council met on Monday to discuss the bridge.\nIt voted to close it.",
        ["The council met on Monday to discuss the bridge.", "It voted to close it."],
    ),
    # short lines: labels, bylines
    ("Headline\nDateTime search phrase\n23.04.2022 14:55", None),  # type: ignore[list-item]
    # list items
    (
        "Headline\nThe council listed the reasons for the closure of the bridge\n- the cost\n"
        "- the risk to drivers",
        None,  # type: ignore[list-item]
    ),
]


def _sentences(doc: Any) -> list[str]:
    return [s.text.strip() for s in doc.sents if s.text.strip()]


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), [s for s in SENTENCES if s[1] is not None])
def test_sentences(parse: Any, text: str, expected: list[str]) -> None:
    assert _sentences(parse(text)) == expected


@pytest.mark.model
@pytest.mark.parametrize("text", [s[0] for s in SENTENCES if s[1] is None])
def test_every_line_starts_a_sentence(parse: Any, text: str) -> None:
    """Each of these lines is a block of its own: a sentence starts on every line."""
    doc = parse(text)
    starts = {s.start_char for s in doc.sents}
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            assert pos in starts, line
        pos += len(line) + 1


RUN_ON_WORDS = "police said the minister would close the border crossing next week "


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "longest"),
    [
        # no stop at all: cut into sentences of a thousand characters or so
        (RUN_ON_WORDS * 80, 1_500),
        # hard-wrapped lines run on into one another: cut all the same
        ((RUN_ON_WORDS * 10 + "\n") * 8, 1_500),
        # a blank line ends a stretch: paragraphs shorter than the limit stay whole
        ((RUN_ON_WORDS * 30 + "\n\n") * 3, 2_050),
        # negatives: news sentences, even long ones, are left to the parser
        ("The council met on Monday to discuss the bridge. " * 60, 60),
        (RUN_ON_WORDS * 35 + ".", 2_500),
    ],
)
def test_a_run_on_stretch_is_cut_into_sentences(parse: Any, text: str, longest: int) -> None:
    doc = parse(text)
    lengths = [len(s.text) for s in doc.sents]
    assert max(lengths) <= longest
    if text.endswith("."):
        assert len(lengths) == 1  # a 2,400-character sentence is not cut
    if text.endswith("\n\n"):
        assert len(lengths) == 3
