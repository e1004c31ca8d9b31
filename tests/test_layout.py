"""Article layout on raw text: datelines, furniture, titles, credits, masking."""

from __future__ import annotations

import itertools
import json
import re
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from claimx.layout import Layout, analyse_layout

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

H = "Headline about something\n\n"  # a title line, so the body starts on line 3

# (text, expected dateline fields or None). "span" is the whole dateline incl.
# its separator; "date" the date text inside it.
DATELINES: list[tuple[str, dict[str, Any] | None]] = [
    # Reuters, no year (the seed)
    (
        H + "PRISTINA, Sept 27 (Reuters) - NATO troops stepped up patrols in Kosovo on Monday.",
        dict(
            span="PRISTINA, Sept 27 (Reuters) - ",
            place="PRISTINA",
            agency="Reuters",
            date="Sept 27",
            year=None,
            month=9,
            day=27,
        ),
    ),
    # Reuters with year
    (
        H + "LONDON, Sept 27, 2021 (Reuters) - Britain said on Monday it would act.",
        dict(place="LONDON", agency="Reuters", date="Sept 27, 2021", year=2021, month=9, day=27),
    ),
    # en dash, abbreviation with a period
    (
        H + "WASHINGTON, Sept. 27 (Reuters) – The Senate voted.",
        dict(span="WASHINGTON, Sept. 27 (Reuters) – ", place="WASHINGTON", date="Sept. 27"),
    ),
    # em dash
    (
        H + "BRUSSELS, Oct 3 (Reuters) — EU ministers met on Friday.",
        dict(place="BRUSSELS", agency="Reuters", month=10, day=3),
    ),
    # British day-month order
    (
        H + "NEW DELHI, 27 September (Reuters) - India said on Monday it would act.",
        dict(place="NEW DELHI", agency="Reuters", date="27 September", month=9, day=27),
    ),
    # AP: place with region, no date
    (
        H + "KYIV, Ukraine (AP) — Russian forces shelled the city overnight.",
        dict(
            span="KYIV, Ukraine (AP) — ", place="KYIV, Ukraine", agency="AP", date=None, month=None
        ),
    ),
    # older AP style with a double hyphen
    (
        H + "WASHINGTON (AP) -- The Senate passed the bill.",
        dict(span="WASHINGTON (AP) -- ", place="WASHINGTON", agency="AP"),
    ),
    (H + "PARIS (AFP) - France recalled its ambassador.", dict(place="PARIS", agency="AFP")),
    (
        H + "BEIJING, Sept. 27 (Xinhua) -- China launched a satellite.",
        dict(place="BEIJING", agency="Xinhua", month=9, day=27),
    ),
    (H + "BERLIN (dpa) - Germany will hold elections.", dict(place="BERLIN", agency="dpa")),
    (
        H + "NEW YORK (Bloomberg) -- Stocks fell on Monday.",
        dict(place="NEW YORK", agency="Bloomberg"),
    ),
    (
        H + "WASHINGTON, March 3 (UPI) -- The president spoke.",
        dict(place="WASHINGTON", agency="UPI", month=3, day=3),
    ),
    # agency only
    (
        H + "(Reuters) - Apple Inc said on Tuesday it would buy back shares.",
        dict(span="(Reuters) - ", place=None, agency="Reuters"),
    ),
    # place only
    (
        H + "LONDON — Britain's economy grew in the third quarter.",
        dict(span="LONDON — ", place="LONDON", agency=None, date=None),
    ),
    # Wikinews date on its own line (vanatteveldt; no-break space at the end)
    (
        "Escape room fire kills five\n\nSaturday, January 5, 2019\xa0\n\nA fire killed five.",
        dict(date="Saturday, January 5, 2019", year=2019, month=1, day=5, weekday=5, place=None),
    ),
    # MEANTIME: tokenised date line right under the title
    (
        "Boeing pushes back 737 replacement\nMay 24 , 2008\nUnited States airframer Boeing said .",
        dict(span="May 24 , 2008", date="May 24 , 2008", year=2008, month=5, day=24),
    ),
    # GUM: the Wikinews date ends the title line
    (
        "Biologist Nick Bos tells Wikinews about ants Tuesday, September 1, 2015\n\nNick Bos said.",
        dict(date="Tuesday, September 1, 2015", year=2015, month=9, day=1, weekday=1),
    ),
    # GUM: the Wikinews date opens the first body line
    (
        "New Zealand flag\n\nThursday, May 7, 2015 On Tuesday, the government announced it.",
        dict(span="Thursday, May 7, 2015 ", date="Thursday, May 7, 2015", year=2015),
    ),
    # GUM: a date line, then a place dateline: one dateline
    (
        "Lantern Festival\n\nMonday, March 5, 2007\n\nTaipei, Taiwan — The festival opened.",
        dict(
            span="Monday, March 5, 2007\n\nTaipei, Taiwan — ",
            place="Taipei, Taiwan",
            date="Monday, March 5, 2007",
            year=2007,
        ),
    ),
    # a byline and furniture before the dateline
    (
        "Headline\n\nBy Fatos Bytyci\n\n2 minute read\n\nPRISTINA (Reuters) - NATO said so.",
        dict(place="PRISTINA", agency="Reuters"),
    ),
    # "Published" line
    (
        H + "Published 27 September 2021\n\nThe council met on Monday.",
        dict(date="27 September 2021", year=2021, month=9, day=27),
    ),
    # Reuters without a place
    (
        H + "Sept 27 (Reuters) - NATO said so.",
        dict(span="Sept 27 (Reuters) - ", place=None, agency="Reuters", month=9, day=27),
    ),
    # a "Published" line above a yearless Reuters dateline: one dateline, the year kept
    (
        H + "Published 27 September 2021\n\nPRISTINA, Sept 27 (Reuters) - NATO said so.",
        dict(place="PRISTINA", agency="Reuters", date="27 September 2021", year=2021),
    ),
    # no title: the text opens with the dateline (a short first line is no title then)
    (
        "PARIS (AFP) - France wins the cup\n\nMore text here.",
        dict(span="PARIS (AFP) - ", place="PARIS", agency="AFP"),
    ),
    (
        H + "ST. LOUIS (AP) — A jury convicted the man.",
        dict(place="ST. LOUIS", agency="AP"),
    ),
    (
        H + "NEW YORK/LONDON, Sept 27 (Reuters) - Oil rose.",
        dict(place="NEW YORK/LONDON", agency="Reuters", day=27),
    ),
    # ---- not datelines
    (H + "NATO troops stepped up patrols in Kosovo on Monday.", None),
    (H + "The minister said on Sept 27 that talks would resume.", None),
    (H + "NATO — the alliance — said on Monday it was ready.", None),
    (H + "John Smith — the mayor — resigned on Friday.", None),
    (H + "In 2008, Kosovo declared independence.", None),
    (H + "On Friday, March 15, 2019, the council voted.", None),
    (H + "Friday, March 15, 2019 was a dark day for the city.", None),
    (H + "Correction: An earlier version misstated the figure.", None),
    # interview transcripts: a speaker label in capitals is no place
    (H + "NG: Yes, I think the results were surprising.", None),
    (H + "MARTIN: Well, let's start with the budget.", None),
    (H + "Police said the suspect (Reuters) - had fled.", None),
    # only at the start of the body, never mid-article
    (H + "The council met.\n\nPARIS (AFP) - France recalled its ambassador.", None),
    (H + "The meeting ended.\n\nMarch 01 , 2008\n\nMore text.", None),
]


@pytest.mark.parametrize(("text", "expected"), DATELINES)
def test_dateline(text: str, expected: dict[str, Any] | None) -> None:
    dl = analyse_layout(text).dateline
    if expected is None:
        assert dl is None
        return
    assert dl is not None
    got = {
        "span": text[dl.start : dl.end],
        "place": dl.place,
        "agency": dl.agency,
        "date": text[dl.date_start : dl.date_end] if dl.date_start is not None else None,
        "year": dl.year,
        "month": dl.month,
        "day": dl.day,
        "weekday": dl.weekday,
    }
    assert {k: got[k] for k in expected} == expected


def _furniture(text: str) -> list[str]:
    layout = analyse_layout(text)
    return [text[s:e] for s, e in layout.furniture]


# (a paragraph placed in the middle of an article, the furniture found in it)
FURNITURE: list[tuple[str, list[str]]] = [
    ("2 minute read", ["2 minute read"]),
    ("5 min read", ["5 min read"]),
    ("Register now for FREE unlimited access to", ["Register now for FREE unlimited access to"]),
    (
        "Register now for FREE unlimited access to Reuters.com",
        ["Register now for FREE unlimited access to Reuters.com"],
    ),
    (
        "Our Standards: The Thomson Reuters Trust Principles.",
        ["Our Standards: The Thomson Reuters Trust Principles."],
    ),
    ("More from Reuters", ["More from Reuters"]),
    ("Advertisement", ["Advertisement"]),
    ("ADVERTISEMENT", ["ADVERTISEMENT"]),
    ("Advertisement - Scroll to continue", ["Advertisement - Scroll to continue"]),
    ("Story continues below advertisement", ["Story continues below advertisement"]),
    ("Share this article", ["Share this article"]),
    ("Sign up for our newsletter", ["Sign up for our newsletter"]),
    ("Listen to this article", ["Listen to this article"]),
    ("Read more: Kosovo tensions rise", ["Read more: Kosovo tensions rise"]),
    (
        "Follow AP's coverage of the war at https://apnews.com/hub/russia-ukraine",
        ["Follow AP's coverage of the war at https://apnews.com/hub/russia-ukraine"],
    ),
    ("___", ["___"]),
    ("The Thomson Reuters Trust Principles.", ["The Thomson Reuters Trust Principles."]),
    (
        "The Reuters Daily Briefing newsletter provides all the news you need. Sign up here.",
        ["The Reuters Daily Briefing newsletter provides all the news you need. Sign up here."],
    ),
    # Reuters link labels inside a sentence
    (
        "The ministry said in a statement, opens new tab on Monday that talks had failed.",
        [", opens new tab"],
    ),
    ("Acquire Licensing Rights", ["Acquire Licensing Rights"]),
    ("© 2021 Reuters. All rights reserved.", ["© 2021 Reuters. All rights reserved."]),
    (
        "Copyright 2021 The Associated Press. All rights reserved. This material may not be "
        "published, broadcast, rewritten or redistributed.",
        [
            "Copyright 2021 The Associated Press. All rights reserved. This material may not be "
            "published, broadcast, rewritten or redistributed."
        ],
    ),
    (
        "FILE PHOTO: A man walks past a bank in London, Britain. REUTERS/Jane Doe/File Photo",
        ["FILE PHOTO: A man walks past a bank in London, Britain. REUTERS/Jane Doe/File Photo"],
    ),
    # "read more" as a link label at the end of a paragraph
    ("Two buildings were attacked on Saturday, police said. read more", ["read more"]),
    ('He said it was "over". Read more', ["Read more"]),
    # ---- not furniture
    ("Read the full report, which runs to 60 pages, on the ministry website.", []),
    ("More than 5,000 troops oversee a fragile peace.", []),
    ("He said he would read more of the documents later.", []),
    ("Readers want more coverage, the editor said.", []),
    ("Advertisement revenue fell 5% in the quarter.", []),
    ("Share prices fell on Monday.", []),
    ("Sign up was slow, officials said.", []),
    ("The two-minute read of the verdict stunned the court.", []),
    ("Listen to the people, he said.", []),
    ("More from the same source is expected.", []),
    ("Our standards are high, the minister said, and they will stay so.", []),
    # "read more" that does not end the paragraph
    ("They said so. read more\nThe next line continues the paragraph.", []),
]


@pytest.mark.parametrize(("paragraph", "expected"), FURNITURE)
def test_furniture(paragraph: str, expected: list[str]) -> None:
    text = f"Headline\n\nLONDON (Reuters) - The body starts here.\n\n{paragraph}\n\nThe end."
    assert _furniture(text) == expected


def test_furniture_spans_sorted_and_disjoint() -> None:
    text = (SEEDS / "kosovo-plates-reuters.txt").read_text(encoding="utf-8")
    spans = analyse_layout(text).furniture
    assert list(spans) == sorted(spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


# (text, given title, expected title text or None)
TITLES: list[tuple[str, str | None, str | None]] = [
    (
        "NATO increases patrols\n\n2 minute read\n\nPRISTINA (Reuters) - NATO did.",
        None,
        "NATO increases patrols",
    ),
    ("Kosovo plates row\n\nThe body.", "Kosovo plates row", "Kosovo plates row"),
    # given title that the text does not start with: the first-line rule decides
    ("Stardust @ home\n\nThe body.", "Stardust@home", "Stardust @ home"),
    # MEANTIME: no blank line, but a date line follows
    (
        "Boeing pushes back 737 replacement\nMay 24 , 2008\nBoeing said .",
        None,
        "Boeing pushes back 737 replacement",
    ),
    # GUM: the date at the end of the title line is not part of the title
    ("Nick Bos on ants Tuesday, September 1, 2015\n\nNick Bos said.", None, "Nick Bos on ants"),
    (
        "Nick Bos on ants Tuesday, September 1, 2015\n\nNick Bos said.",
        "Nick Bos on ants",
        "Nick Bos on ants",
    ),
    ("Trump visits troops in the U.S.\n\nThe body.", None, "Trump visits troops in the U.S."),
    ("Is Kosovo ready?\n\nThe body.", None, "Is Kosovo ready?"),
    # a given title that the text repeats with a closing full stop
    (
        "Poll: Sanders leads in Iowa.\n\nDES MOINES (AP) - A poll said so.",
        "Poll: Sanders leads in Iowa",
        "Poll: Sanders leads in Iowa",
    ),
    # a given title must fill its line: "Kosovo" is not the title of this text
    ("Kosovo. Troops stepped up patrols.\n\nMore.", "Kosovo", None),
    ("Kosovo troops stepped up patrols.\n\nMore.", "Kosovo", None),
    # a short first line that is a dateline is not a title
    ("PARIS (AFP) - France wins the cup\n\nMore text here.", None, None),
    # ---- no title
    ("This is a sentence that ends with a period.\n\nAnother one.", None, None),
    ("A first line\nruns on into the second line.", None, None),
    ("Just one line", None, None),
    # a byline or furniture first is no title
    ("By Fatos Bytyci\n\nPRISTINA (Reuters) - NATO said so.", None, None),
    ("Advertisement\n\nThe body.", None, None),
    ("Friday, January 3, 2014\n\nPreston, Victoria On Saturday, Wikinews met her.", None, None),
    ("word " * 60 + "\n\nThe body.", None, None),
]


@pytest.mark.parametrize(("text", "given", "expected"), TITLES)
def test_title(text: str, given: str | None, expected: str | None) -> None:
    span = analyse_layout(text, title=given).title
    assert (text[span[0] : span[1]] if span else None) == expected


# (line, expected [(role, names, text)])
CREDITS: list[tuple[str, list[tuple[str, list[str], str]]]] = [
    (
        "Reporting by Fatos Bytyci; Editing by Ivana Sekularac and Andrew Heavens",
        [
            ("reporting", ["Fatos Bytyci"], "Reporting by Fatos Bytyci"),
            (
                "editing",
                ["Ivana Sekularac", "Andrew Heavens"],
                "Editing by Ivana Sekularac and Andrew Heavens",
            ),
        ],
    ),
    (
        "(Reporting by Fatos Bytyci in Pristina; Writing by Ivana Sekularac; "
        "Editing by Andrew Heavens)",
        [
            ("reporting", ["Fatos Bytyci"], "Reporting by Fatos Bytyci in Pristina"),
            ("writing", ["Ivana Sekularac"], "Writing by Ivana Sekularac"),
            ("editing", ["Andrew Heavens"], "Editing by Andrew Heavens"),
        ],
    ),
    (
        "Additional reporting by Jane Doe and John Roe in London",
        [
            (
                "additional reporting",
                ["Jane Doe", "John Roe"],
                "Additional reporting by Jane Doe and John Roe in London",
            )
        ],
    ),
    (
        "Writing by Ivana Sekularac",
        [("writing", ["Ivana Sekularac"], "Writing by Ivana Sekularac")],
    ),
    (
        "Associated Press writer Jane Doe in London contributed to this report.",
        [
            (
                "contributing",
                ["Jane Doe"],
                "Associated Press writer Jane Doe in London contributed to this report.",
            )
        ],
    ),
    (
        "Associated Press writers Jane Doe and Max de Vries contributed.",
        [
            (
                "contributing",
                ["Jane Doe", "Max de Vries"],
                "Associated Press writers Jane Doe and Max de Vries contributed.",
            )
        ],
    ),
    # a caption's image credit: the credit only, not the caption
    (
        "Formica fusca, from file. Image: Mathias Krumbholz.",
        [("photo", ["Mathias Krumbholz"], "Image: Mathias Krumbholz.")],
    ),
    (
        "Obama tweet to student Ahmed Mohamed Image: Twitter / Barack Obama.",
        [("photo", ["Twitter", "Barack Obama"], "Image: Twitter / Barack Obama.")],
    ),
    # Reuters wire copy: the credits close the last paragraph, in brackets
    (
        "Little progress has been made. (Reporting by Fatos Bytyci; Editing by Ivana Sekularac)",
        [
            ("reporting", ["Fatos Bytyci"], "Reporting by Fatos Bytyci"),
            ("editing", ["Ivana Sekularac"], "Editing by Ivana Sekularac"),
        ],
    ),
    (
        "Police stand guard in Jarinje, Kosovo, September 27, 2021. REUTERS/Laura Hasani",
        [("photo", ["Laura Hasani"], "REUTERS/Laura Hasani")],
    ),
    (
        "A view of the crossing. REUTERS/Fatos Bytyci/File Photo",
        [("photo", ["Fatos Bytyci"], "REUTERS/Fatos Bytyci/File Photo")],
    ),
    (
        "Reporting by Fatos Bytyci, editing by Ivana Sekularac",
        [
            ("reporting", ["Fatos Bytyci"], "Reporting by Fatos Bytyci"),
            ("editing", ["Ivana Sekularac"], "editing by Ivana Sekularac"),
        ],
    ),
    # ---- not credits
    ("Talks failed. (Reporting by the BBC was later disputed.)", []),
    ("Reporting by the BBC suggested the talks had failed.", []),
    ("Editing by hand is slow and costly, the publisher said.", []),
    ("Writing by candlelight, she finished the novel.", []),
    ("The image: a crowd of thousands filling the square.", []),
    ("Associated Press writers have long contributed to the debate.", []),
]


@pytest.mark.parametrize(("line", "expected"), CREDITS)
def test_credits(line: str, expected: list[tuple[str, list[str], str]]) -> None:
    text = f"Headline\n\nLONDON (Reuters) - The body starts here.\n\n{line}\n"
    layout = analyse_layout(text)
    got = [(c.role, c.names, c.text) for c in layout.credits]
    assert got == expected
    for c in layout.credits:
        assert text[c.start : c.end] == c.text


def test_long_credit_line_memory_is_linear() -> None:
    # a credit line of 650,000 characters ("Reporting by Jane Doe and Jane Doe and ...")
    # once kept the regex engine's backtracking state per character: 84 MB here,
    # 300 MB for a 2 MB line; its names are still all read
    line = "Reporting by " + "Jane Doe and " * 50_000 + "Max Roe"
    text = f"Headline\n\nLONDON (Reuters) - The body starts here.\n\n{line}\n"
    tracemalloc.start()
    try:
        layout = analyse_layout(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [(c.role, len(c.names)) for c in layout.credits] == [("reporting", 50_001)]
    assert peak < 30 * len(text)


BYLINES: list[tuple[str, list[str] | None]] = [
    ("Headline\n\nBy Fatos Bytyci\n\nPRISTINA (Reuters) - NATO said so.", ["Fatos Bytyci"]),
    ("Headline\n\nBy JOHN SMITH, Associated Press\n\nLONDON (AP) — It rained.", ["JOHN SMITH"]),
    ("Headline\n\nBy the end of the day, talks had failed.", None),
    # a "By ..." line mid-article is not a byline
    ("Headline\n\nThe body.\n\nBy Fatos Bytyci\n\nMore.", None),
]


@pytest.mark.parametrize(("text", "names"), BYLINES)
def test_byline(text: str, names: list[str] | None) -> None:
    bylines = [c for c in analyse_layout(text).credits if c.role == "byline"]
    assert (bylines[0].names if bylines else None) == names


def _check_mask(text: str, layout: Layout) -> str:
    masked = layout.masked(text)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [
        i for i, c in enumerate(text) if c == "\n"
    ]
    return masked


def test_masked_keeps_length_newlines_and_title() -> None:
    text = (
        "Title line\n\n2 minute read\n\nLONDON, Sept 27 (Reuters) - Britain said so. read more\n\n"
        "Reporting by Jane Doe;\nEditing by John Roe\n"
    )
    layout = analyse_layout(text)
    masked = _check_mask(text, layout)
    assert masked.startswith("Title line\n\n" + " " * len("2 minute read") + "\n\n")
    assert "Britain said so." in masked
    for gone in ("minute", "Reuters", "read more", "Jane Doe", "John Roe", "Sept"):
        assert gone not in masked
    body = layout.body_start
    assert text[body:].startswith("Britain said so.")
    assert masked[body:].startswith("Britain said so.")


def test_trailing_credits_masked_with_their_brackets() -> None:
    text = "Headline\n\nLONDON (Reuters) - It rained. (Reporting by Jane Doe; Editing by Max Roe)\n"
    layout = analyse_layout(text)
    masked = _check_mask(text, layout)
    assert masked.rstrip() == "Headline\n\n" + " " * len("LONDON (Reuters) - ") + "It rained."


def test_masked_multiline_dateline_keeps_newlines() -> None:
    text = "Lantern Festival\n\nMonday, March 5, 2007\n\nTaipei, Taiwan — The festival opened."
    layout = analyse_layout(text)
    masked = _check_mask(text, layout)
    assert masked == "Lantern Festival\n\n" + " " * 21 + "\n\n" + " " * 17 + "The festival opened."


def _masked_runs(text: str, layout: Layout) -> list[str]:
    """The masked stretches, neighbours joined across white space only."""
    runs: list[list[int]] = []
    for start, end in layout.masked_spans():
        if runs and not text[runs[-1][1] : start].strip():
            runs[-1][1] = max(runs[-1][1], end)
        else:
            runs.append([start, end])
    return [text[s:e].strip() for s, e in runs]


def test_seed_masks_exactly_the_listed_furniture() -> None:
    text = (SEEDS / "kosovo-plates-reuters.txt").read_text(encoding="utf-8")
    layout = analyse_layout(text)
    register = "Register now for FREE unlimited access to"
    assert _masked_runs(text, layout) == [
        # furniture under the title, then the dateline: only blank lines between
        f"2 minute read\n{register}\n\nPRISTINA, Sept 27 (Reuters) -",
        register,
        "read more",
        # the last "Register ..." line, the credits, the standards line and
        # "More from Reuters" follow each other with only blank lines between
        f"{register}\nReporting by Fatos Bytyci; Editing by Ivana Sekularac and Andrew Heavens"
        "\n\nOur Standards: The Thomson Reuters Trust Principles.\n\nMore from Reuters",
    ]
    masked = _check_mask(text, layout)
    # every other line survives unchanged
    for line in text.splitlines():
        if line and not re.search(
            r"Register|minute read|Reporting by|Our Standards|More from", line
        ):
            kept = line.replace("PRISTINA, Sept 27 (Reuters) - ", "").replace(" read more", "")
            assert kept in masked
    assert layout.title is not None
    title = text[layout.title[0] : layout.title[1]]
    assert title == "NATO increases patrols near Kosovo-Serbia border blockage"
    assert text[layout.body_start :].startswith("NATO troops stepped up patrols")
    roles = [(c.role, c.names) for c in layout.credits]
    assert roles == [
        ("reporting", ["Fatos Bytyci"]),
        ("editing", ["Ivana Sekularac", "Andrew Heavens"]),
    ]


def test_empty_and_blank_text() -> None:
    for text in ("", "\n\n", "   "):
        layout = analyse_layout(text)
        assert layout.title is None and layout.dateline is None
        assert layout.masked(text) == text


def test_offsets_with_crlf() -> None:
    text = "Headline\r\n\r\nPARIS (AFP) - France said so.\r\n\r\nAdvertisement\r\n"
    layout = analyse_layout(text)
    assert layout.dateline is not None
    assert text[layout.dateline.start : layout.dateline.end] == "PARIS (AFP) - "
    assert [text[s:e] for s, e in layout.furniture] == ["Advertisement"]
    _check_mask(text, layout)


CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "corpus"


@pytest.mark.skipif(not (CORPUS / "metadata.jsonl").is_file(), reason="benchmark corpus absent")
def test_benchmark_corpus() -> None:
    """Wikinews articles carry no page furniture, and their datelines give the date."""
    dated = matched = 0
    for line in (CORPUS / "metadata.jsonl").read_text(encoding="utf-8").splitlines():
        meta = json.loads(line)
        text = (CORPUS / meta["file"]).read_text(encoding="utf-8")
        layout = analyse_layout(text)
        assert layout.furniture == (), meta["file"]
        assert all(c.role == "photo" for c in layout.credits), meta["file"]
        _check_mask(text, layout)
        dl = layout.dateline
        if "/vanatteveldt/" in meta["file"] and dl is not None and dl.year is not None:
            dated += 1
            assert dl.month is not None and dl.day is not None
            matched += f"{dl.year:04d}-{dl.month:02d}-{dl.day:02d}" == meta["date"]
    assert dated == matched >= 170


AP_STORY = """Senate passes stopgap bill to avert shutdown

By JANE DOE and MAX ROE

WASHINGTON (AP) — The Senate passed a stopgap spending bill on Thursday, sending it to the House.

Advertisement

Lawmakers have until midnight Friday to act. Read more about the budget fight in our explainer.

___

Associated Press writer Lisa Mascaro contributed to this report.

Follow AP's coverage of Congress at https://apnews.com/hub/congress

Copyright 2023 The Associated Press. All rights reserved. This material may not be published, \
broadcast, rewritten or redistributed.
"""


def test_ap_story() -> None:
    layout = analyse_layout(AP_STORY)
    masked = _check_mask(AP_STORY, layout)
    assert layout.title is not None
    assert AP_STORY[layout.title[0] : layout.title[1]] == (
        "Senate passes stopgap bill to avert shutdown"
    )
    assert layout.dateline is not None
    assert (layout.dateline.place, layout.dateline.agency) == ("WASHINGTON", "AP")
    assert [(c.role, c.names) for c in layout.credits] == [
        ("byline", ["JANE DOE", "MAX ROE"]),
        ("contributing", ["Lisa Mascaro"]),
    ]
    kept = [line for line in masked.splitlines() if line.strip()]
    assert [line.strip() for line in kept] == [
        "Senate passes stopgap bill to avert shutdown",
        "The Senate passed a stopgap spending bill on Thursday, sending it to the House.",
        # "Read more about ..." inside a sentence is text, not furniture
        "Lawmakers have until midnight Friday to act. Read more about the budget fight in our "
        "explainer.",
    ]
    assert AP_STORY[layout.body_start :].startswith("The Senate passed")


# ---- publication date lines (outlet copy): Layout.published, the line masked.
# (line placed under a headline, expected date or None)
PUBLISHED: list[tuple[str, str | None]] = [
    ("May 11, 2022, 12:38 AM", "2022-05-11"),  # AP
    ("Published: 11 May 2022 11:47 AM BdST", "2022-05-11"),  # South Asian papers
    ("Sun 12 Mar 2023 18.02 GMT", "2023-03-12"),  # the Guardian
    ("Updated 5:04 PM EDT, Thu March 16, 2023", "2023-03-16"),  # CNN
    ("Published On 12 Mar 2023", "2023-03-12"),  # Al Jazeera
    ("March 16, 2023 5:04 PM UTC", "2023-03-16"),  # Reuters
    ("12 March 2023", "2023-03-12"),  # BBC
    ("Published March 16, 2023 Updated March 17, 2023", "2023-03-16"),  # NYT: the first
    ("March 16, 2023 at 5:04 PM EDT", "2023-03-16"),  # Bloomberg
    ("March 16, 2023 / 5:04 PM / Updated 2 hours ago", "2023-03-16"),
    ("Posted: Mar. 16, 2023 | 5:04 p.m.", "2023-03-16"),  # local papers
    ("Last Modified: March 16, 2023", "2023-03-16"),
    # ---- no date
    ("Updated 2 hours ago", None),  # Reuters: furniture, but no date
    ("March 16 was a quiet day in the city.", None),
    ("Published reports say the council met on March 16, 2023.", None),
    ("Friday, March 15, 2018", None),  # the weekday contradicts: the dateline path warns
]


@pytest.mark.parametrize(("line", "expected"), PUBLISHED)
@pytest.mark.parametrize(
    "template",
    [
        "Council closes bridge\n\n{line}\n\nThe council voted on Thursday to close the bridge.",
        "Council closes bridge\n\nBy Jane Doe\n\n{line}\n\nThe council voted on Thursday.",
        "{line}\n\nCouncil closes bridge\n\nThe council voted on Thursday.",
        "Council closes bridge\nBy Jane Doe, Staff Writer\n{line}\nThe council voted on Thursday.",
    ],
)
def test_publication_date_line(template: str, line: str, expected: str | None) -> None:
    text = template.format(line=line)
    layout = analyse_layout(text)
    assert (layout.published.isoformat() if layout.published else None) == expected
    if expected is not None:
        assert line not in _check_mask(text, layout)  # page furniture, never a claim
        assert layout.title is not None
        assert text[layout.title[0] : layout.title[1]] == "Council closes bridge"
        assert text[layout.body_start :].startswith("The council voted")


def test_publication_line_mid_article_is_not_read() -> None:
    text = "Headline\n\nThe council met.\n\nPublished: 11 May 2022 11:47 AM BdST\n\nMore text."
    assert analyse_layout(text).published is None


def test_publication_line_above_headline_and_wire_dateline() -> None:
    text = (
        "Sun 12 Mar 2023 18.02 GMT\n\nShares fall\n\n"
        "LONDON, March 12 (Reuters) - Shares fell on Sunday."
    )
    layout = analyse_layout(text)
    assert layout.published is not None and layout.published.isoformat() == "2023-03-12"
    assert layout.dateline is not None and layout.dateline.place == "LONDON"
    assert layout.title is not None and text[layout.title[0] : layout.title[1]] == "Shares fall"
    masked = _check_mask(text, layout)
    assert "GMT" not in masked and "Shares fall" in masked


# ---- bylines with an outlet line, then the dateline
# (text, expected (place, agency) or None, expected credit texts, body start)
HEADS: list[tuple[str, tuple[str | None, str] | None, list[str], str]] = [
    (
        "Senate passes bill\n\nBy LISA MASCARO\nAssociated Press\n\n"
        "WASHINGTON (AP) — The Senate voted on Thursday.",
        ("WASHINGTON", "AP"),
        ["By LISA MASCARO", "Associated Press"],
        "The Senate voted",
    ),
    (
        "Shares rise\n\nBy Jane Doe\n\n4 min read\n\n    LONDON, Oct 15 (Reuters) - European "
        "shares rose on Friday.",
        ("LONDON", "Reuters"),
        ["By Jane Doe"],
        "European shares rose",
    ),
    (
        "Storm hits coast\n\nBy Jane Doe, CNN\n\nUpdated 5:04 PM EDT, Thu March 16, 2023\n\n"
        "(CNN) — A storm hit the coast on Thursday.",
        (None, "CNN"),
        ["By Jane Doe, CNN"],
        "A storm hit",
    ),
    (
        "Storm hits coast\n\nBy Jane Doe\nBBC News, Leeds\n\nA storm hit the coast.",
        None,
        ["By Jane Doe", "BBC News, Leeds"],
        "A storm hit",
    ),
    (
        "Storm hits coast\n\nJane Doe\nBBC News, Leeds\n\nA storm hit the coast.",
        None,
        ["Jane Doe", "BBC News, Leeds"],
        "A storm hit",
    ),
    # an outlet line with no byline above it (copied without the author's name)
    (
        "Storm hits coast\n\nBBC News, Leeds\n\nA storm hit the coast.",
        None,
        ["BBC News, Leeds"],
        "A storm hit",
    ),
    (
        "Storm hits coast\n\nBy The Associated Press undefined\n\nA storm hit the coast.",
        None,
        ["By The Associated Press undefined"],
        "A storm hit",
    ),
    # ---- an outlet name opening the story is text, not a credit
    (
        "Storm hits coast\n\nCNN reported the storm on Thursday.",
        None,
        [],
        "CNN reported",
    ),
    ("Storm hits coast\n\nJane Doe\n\nA storm hit the coast.", None, [], "Jane Doe"),
]


@pytest.mark.parametrize(("text", "dateline", "credits", "body"), HEADS)
def test_byline_outlet_and_dateline(
    text: str, dateline: tuple[str | None, str] | None, credits: list[str], body: str
) -> None:
    layout = analyse_layout(text)
    dl = layout.dateline
    assert ((dl.place, dl.agency) if dl and dl.agency else None) == dateline
    assert [c.text for c in layout.credits] == credits
    assert all(text[c.start : c.end] == c.text for c in layout.credits)
    assert text[layout.body_start :].startswith(body)


def test_caption_is_no_dateline() -> None:
    caption = (
        "KYIV, UKRAINE - APRIL 30: Firefighters work at the site of a strike on April 30, "
        "2022 in Kyiv, Ukraine. (Photo by Jane Doe/Getty Images)"
    )
    text = f"Strike hits Kyiv\n\n{caption}\n\nKYIV, Ukraine (AP) — Russian forces struck the city."
    layout = analyse_layout(text)
    assert layout.dateline is not None and layout.dateline.place == "KYIV, Ukraine"
    assert caption not in _check_mask(text, layout)
    # a caption alone above the body: no dateline at all
    alone = analyse_layout(f"Strike hits Kyiv\n\n{caption}\n\nRussian forces struck the city.")
    assert alone.dateline is None


# (paragraph placed mid-article, the furniture found in it): captions, rails, link lists
OUTLET_FURNITURE: list[tuple[str, list[str]]] = [
    ("Image caption, Firefighters at the scene", ["Image caption, Firefighters at the scene"]),
    ("Image source, Getty Images", ["Image source, Getty Images"]),
    # BBC: the label on its own line, the caption on the next
    ("Image caption,\nFirefighters at the scene", ["Image caption,", "Firefighters at the scene"]),
    ("Comments are closed.", ["Comments are closed."]),
    ("More stories", ["More stories"]),
    (
        "People walk past the damaged building in Kyiv [Jane Doe/Reuters]",
        ["People walk past the damaged building in Kyiv [Jane Doe/Reuters]"],
    ),
    ("Firefighters at the site. [Reuters]", ["Firefighters at the site. [Reuters]"]),
    (
        "Firefighters at the site. (Photo by Jane Doe/Getty Images)",
        ["Firefighters at the site. (Photo by Jane Doe/Getty Images)"],
    ),
    # the Guardian: the caption is furniture, its credit stays a credit
    (
        "Firefighters at the scene on Sunday. Photograph: Jane Doe/AP",
        ["Firefighters at the scene on Sunday."],
    ),
    (
        "RUSSIA-UKRAINE WAR: Live updates | Hogan announces aid package | Man charged in crash",
        ["RUSSIA-UKRAINE WAR: Live updates | Hogan announces aid package | Man charged in crash"],
    ),
    (
        "- Hogan announces aid package\n- Man charged in downtown crash",
        ["- Hogan announces aid package", "- Man charged in downtown crash"],
    ),
    (
        "- Hogan announces aid package\n\n- Man charged in downtown crash",
        ["- Hogan announces aid package", "- Man charged in downtown crash"],
    ),
    (
        "Hogan announces aid package\nMan charged in downtown crash",
        ["Hogan announces aid package", "Man charged in downtown crash"],
    ),
    (
        "Most read\n\nHogan announces aid package\n\nMan charged in downtown crash",
        ["Most read", "Hogan announces aid package", "Man charged in downtown crash"],
    ),
    # ---- not furniture
    ("The fire (photographed by a neighbour) spread fast.", []),
    ("Image sources are checked by the desk, the editor said.", []),
    ("A single subhead without punctuation", []),
    ("- The only item", []),
    ("1. Unofficial results\n2. Relative to seats at dissolution", []),  # numbered notes
    ("He said: yes | no, then left.", []),
    ("The council met on Monday.\nIt voted to close the bridge.", []),
    ("Wikinews caption of a fossil. Image: Jane Doe.", []),
]


@pytest.mark.parametrize(("paragraph", "expected"), OUTLET_FURNITURE)
def test_outlet_furniture(paragraph: str, expected: list[str]) -> None:
    text = f"Headline\n\nLONDON (Reuters) - The body starts here.\n\n{paragraph}\n\nThe end."
    assert _furniture(text) == expected


def test_link_list_needs_the_story_started() -> None:
    # short lines opening a text with no headline or dateline are the text itself
    text = "Hogan announces aid package\nMan charged in downtown crash\nSchools reopen"
    assert analyse_layout(text).furniture == ()
