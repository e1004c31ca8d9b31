"""The HTML report (`claimx report`): every marked span is the document's text at its
offsets, the article text comes back whole, input text is never markup, several
inputs get an index, a failure is listed and exits 1, who said what is grouped by
canonical actor and the timeline is in date order.

The HTML is read back with the standard library's parser into a small tree; the
parser is strict about nesting (an end tag must close the element open last), so
a page with misnested marks fails here too."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from claimx.records import (
    Actor,
    Attribution,
    Claim,
    DocumentResult,
    QuantityMention,
    ReferenceDate,
    Resolution,
    SourceSpan,
    Span,
    TimeMention,
)
from claimx.render.report import KINDS, render, stylesheet
from tests.test_cli import ARTICLE, SEED, run

_VOID = {"meta", "br", "hr", "img", "input", "link", "area", "base", "col", "embed", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()

    def all(self, tag: str, cls: str | None = None) -> list[Node]:
        return [
            n
            for n in self.walk()
            if n.tag == tag and (cls is None or cls in n.attrs.get("class", "").split())
        ]

    def one(self, tag: str, cls: str | None = None) -> Node:
        (node,) = self.all(tag, cls)
        return node

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.open[-1].children.append(node)
        if tag not in _VOID:
            self.open.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        assert self.open[-1].tag == tag, f"</{tag}> closes <{self.open[-1].tag}>"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.open[-1].children.append(data)


def parse(page: str) -> Node:
    tree = _Tree()
    tree.feed(page)
    tree.close()
    assert tree.open == [tree.root], "unclosed elements"
    return tree.root


def marked_spans(article: Node) -> dict[str, list[Node]]:
    """The <mark> elements of an article's text, by their data-span id."""
    spans: dict[str, list[Node]] = {}
    for mark in article.one("div", "text").all("mark"):
        spans.setdefault(mark.attrs["data-span"], []).append(mark)
    return spans


def tip_of(mark: Node) -> Node:
    """The explanation a <mark> element shows on hover and focus: an empty element that
    is its last child (so it opens under the line the element ends on)."""
    tip = mark.children[-1]
    assert isinstance(tip, Node) and tip.tag == "span" and tip.attrs["class"] == "tip"
    assert tip.children == [] and tip.attrs["aria-hidden"] == "true"
    return tip


def check_offsets(article: Node, text: str) -> dict[str, tuple[int, int]]:
    """The article body is the text; each span id's elements, joined, are text[start:end];
    its first element alone is focusable and described, and every element carries the
    span's explanation, so hovering any piece explains the span. Returns the spans by id."""
    assert article.one("div", "text").text() == text
    ids = {n.attrs["id"]: n for n in article.walk() if "id" in n.attrs}
    found = {}
    for span_id, elements in marked_spans(article).items():
        bounds = {(int(e.attrs["data-start"]), int(e.attrs["data-end"])) for e in elements}
        assert len(bounds) == 1, span_id
        ((start, end),) = bounds
        assert "".join(e.text() for e in elements) == text[start:end], span_id
        first = elements[0]
        assert first.attrs["tabindex"] == "0"
        described = ids[first.attrs["aria-describedby"]].text().strip()
        assert described
        for later in elements[1:]:
            assert not {"tabindex", "id", "aria-describedby"} & later.attrs.keys(), span_id
        tips = {tip_of(e).attrs["data-tip"] for e in elements}
        assert len(tips) == 1 and tips != {""}, span_id
        # the words shown are the words a screen reader is given
        assert described == ("; ".join(tips.pop().split("\n")) + "."), span_id
        # the pieces join up: open on the inside where one meets the next
        for n, element in enumerate(elements):
            classes = element.attrs["class"].split()
            assert ("join-prev" in classes) == (n > 0), span_id
            assert ("join-next" in classes) == (n < len(elements) - 1), span_id
        found[span_id] = (start, end)
    return found


def expected_spans(record: DocumentResult) -> dict[str, tuple[int, int]]:
    spans = {c.id: (c.start, c.end) for c in record.claims}
    spans |= {f"t{i}": (t.start, t.end) for i, t in enumerate(record.times)}
    spans |= {f"q{i}": (q.start, q.end) for i, q in enumerate(record.quantities)}
    return spans


def attribution_spans(record: DocumentResult) -> set[tuple[int, int]]:
    spans = set()
    for claim in record.claims:
        if claim.attribution is not None:
            cue = claim.attribution.cue
            spans.add((cue.start, cue.end))
            if claim.attribution.source is not None:
                spans.add((claim.attribution.source.start, claim.attribution.source.end))
    return spans


# --- records built by hand: no model needed ---------------------------------------------


def at(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def said(
    text: str, sentence: str, source: str | None, cue: str, actor: str | None = None
) -> Attribution:
    s0, _ = at(text, sentence)
    cs, ce = at(text, cue, s0)
    src = None
    if source is not None:
        ss, se = at(text, source, s0)
        src = SourceSpan(text=source, start=ss, end=se, actor=actor)
    return Attribution(source=src, cue=Span(text=cue, start=cs, end=ce))


def claim(text: str, n: int, sentence: str, **fields: object) -> Claim:
    start, end = at(text, sentence)
    return Claim.model_validate(
        {"id": f"c{n}", "text": sentence, "start": start, "end": end, **fields}
    )


GROUPS = (
    "NATO said roads closed. The alliance said troops stayed. He said it was calm. "
    "he said talks failed. Two died, it was reported. Prices rose."
)


def grouped_document() -> DocumentResult:
    t = GROUPS
    return DocumentResult(
        id="groups",
        source="groups",
        title="Groups",
        reference_date=ReferenceDate(value="2021-09-27", source="option"),
        text=t,
        actors=[Actor(id="a1", name="NATO", type="ORG", aliases=["The alliance"], mentions=2)],
        claims=[
            claim(
                t,
                1,
                "NATO said roads closed.",
                date="2021-09-25",
                date_source="explicit",
                attribution=said(t, "NATO said roads closed.", "NATO", "said", "a1"),
            ),
            claim(
                t,
                2,
                "The alliance said troops stayed.",
                date="2008",
                date_source="explicit",
                attribution=said(t, "The alliance said", "The alliance", "said", "a1"),
            ),
            claim(
                t,
                3,
                "He said it was calm.",
                date="2021-09-20",
                date_source="explicit",
                attribution=said(t, "He said it", "He", "said"),
            ),
            claim(t, 4, "he said talks failed.", attribution=said(t, "he said", "he", "said")),
            claim(
                t,
                5,
                "Two died, it was reported.",
                date="2021-09-27",
                date_source="reference",
                attribution=said(t, "Two died", None, "reported"),
            ),
            claim(t, 6, "Prices rose.", date="2021-09", date_source="explicit"),
        ],
    )


def test_who_said_what_groups_by_canonical_actor() -> None:
    article = parse(render([grouped_document()])).one("article")
    groups = [
        (g.one("h4").text(), [a.attrs["href"] for a in g.all("a")])
        for g in article.one("section", "who").all("div", "group")
    ]
    assert groups == [
        ("NATO ORG", ["#doc-1-c1", "#doc-1-c2"]),  # two ways of writing one actor
        ("“He”", ["#doc-1-c3", "#doc-1-c4"]),  # no actor: by the words
        ("No named source (a cue only)", ["#doc-1-c5"]),
    ]
    who = article.one("section", "who").text()
    assert "written as “NATO”, “The alliance”" in who
    assert "1 claim with no attribution" in who
    assert "cue “reported”" in who and "reported speech" in who


def test_timeline_is_in_date_order() -> None:
    article = parse(render([grouped_document()])).one("article")
    timeline = article.one("section", "timeline")
    assert [d.text() for d in timeline.all("span", "date")] == [
        "2008",
        "2021-09",
        "2021-09-20",
        "2021-09-25",
        "2021-09-27",
    ]
    assert [a.attrs["href"] for a in timeline.all("a")] == [
        "#doc-1-c2",
        "#doc-1-c6",
        "#doc-1-c3",
        "#doc-1-c1",
        "#doc-1-c5",
    ]
    assert "the article's reference date" in timeline.all("li")[-1].text()


CROSSING = 'Police said 5,000 troops\r\nleft on Monday & <b>then</b> "went" home.\n'


def crossing_document() -> DocumentResult:
    t = CROSSING
    q = at(t, "5,000 troops")
    monday = at(t, "Monday")
    return DocumentResult(
        id="crossing",
        source="crossing",
        reference_date=ReferenceDate(value="2021-09-27", source="option"),
        text=t,
        # the claim ends inside the quantity, which then reaches into the next claim
        claims=[
            claim(t, 1, "Police said 5,000", attribution=said(t, "Police", "Police", "said")),
            claim(t, 2, "troops\r\nleft on Monday & <b>then</b>"),
        ],
        quantities=[QuantityMention(text="5,000 troops", start=q[0], end=q[1], value=5000)],
        times=[
            TimeMention(
                text="Monday",
                start=monday[0],
                end=monday[1],
                type="DATE",
                value="2021-09-27",
                resolution=Resolution(rule="weekday.past", anchor="2021-09-27", ambiguous=True),
            )
        ],
    )


def test_crossing_spans_split_and_keep_their_text() -> None:
    record = crossing_document()
    page = parse(render([record]))
    article = page.one("article")
    found = check_offsets(article, CROSSING)
    assert expected_spans(record).items() <= found.items()
    pieces = marked_spans(article)
    # c1 ends inside the quantity and c2 begins inside it: the quantity is cut where c1
    # ends, c2 where the quantity ends; the pieces of each share one data-span id
    assert [len(pieces[s]) for s in ("c1", "q0", "c2", "t0")] == [1, 2, 2, 1]
    # the text's markup stays text
    assert page.all("b") == []
    time = pieces["t0"][0]
    for words in ("2021-09-27", "weekday.past", "anchor 2021-09-27", "ambiguous"):
        assert words in tip_of(time).attrs["data-tip"]
    assert time.attrs["data-label"] == "TIME 2021-09-27?"


def test_every_piece_of_a_split_span_explains_it_and_only_the_first_is_a_tab_stop() -> None:
    article = parse(render([crossing_document()])).one("article")
    pieces = marked_spans(article)
    quantity = pieces["q0"]
    assert [p.text() for p in quantity] == ["5,000", " troops"]
    # hovering the second piece shows the same explanation as the first
    assert [tip_of(p).attrs["data-tip"] for p in quantity] == [
        "quantity “5,000 troops”\nvalue 5000\nkind count"
    ] * 2
    # one tab stop per span: the keyboard meets each span once, on its first piece
    stops = [m.attrs["data-span"] for m in article.all("mark") if "tabindex" in m.attrs]
    assert sorted(stops) == sorted(pieces)
    assert [p.attrs["class"] for p in quantity] == [
        "m k-quantity join-next",
        "m k-quantity join-prev",
    ]
    # a quantity's label after its last piece, a claim's before its first
    assert ["data-label" in p.attrs for p in quantity] == [False, True]
    assert ["data-label" in p.attrs for p in pieces["c2"]] == [True, False]


def test_render_is_deterministic() -> None:
    records = [grouped_document(), crossing_document()]
    assert render(records) == render(records)


def css_rules(css: str) -> dict[str, dict[str, str]]:
    """The stylesheet's declarations by selector (a rule's selectors one by one, rules in
    @media blocks too; a later declaration wins)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules: dict[str, dict[str, str]] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        declarations = dict(
            (name.strip(), " ".join(value.split()))
            for name, value in (d.split(":", 1) for d in body.split(";") if d.strip())
        )
        for selector in selectors.split(","):
            rules.setdefault(" ".join(selector.split()), {}).update(declarations)
    return rules


def test_stylesheet_shows_explanations_on_focus_and_hover_and_loads_nothing() -> None:
    css = stylesheet()
    rules = css_rules(css)
    # keyboard focus shows the focused mark's explanation; else the pointer shows the
    # innermost hovered piece's (any piece: each has its own .tip); never both at once
    assert rules[".m:focus-visible > .tip::before"]["content"] == "attr(data-tip)"
    hover = ".text:not(:has(.m:focus-visible)) .m:hover:not(:has(.m:hover)) > .tip::before"
    assert rules[hover]["content"] == "attr(data-tip)"
    assert "outline" in rules["mark:focus"] and "3px solid" in rules["mark:focus"]["outline"]
    assert "url(" not in css and "@import" not in css and "@font-face" not in css


def test_explanations_stay_inside_the_text_column() -> None:
    """An explanation is placed in the text column, never in its mark: a mark near the
    column's right edge would otherwise push it past the window (or over the panels)."""
    rules = css_rules(stylesheet())
    # the column is the containing block: positioned, and no mark is
    assert rules[".text"]["position"] == "relative"
    for selector, declarations in rules.items():
        if re.search(r"\.m\b|\bmark\b|\.k-|\.tip\b", selector) and "::" not in selector:
            assert "position" not in declarations, selector
    tip = rules[".tip::before"]
    assert tip["position"] == "absolute"
    # at the column's left edge, no wider than the column...
    assert tip["left"] == "0"
    assert re.fullmatch(r"min\([\d.]+rem, 100%\)", tip["max-width"])
    # ...and below the line the mark ends on: top is the static position, one line down
    assert "top" not in tip and "bottom" not in tip and "right" not in tip
    assert "var(--text-line)" in tip["margin-top"]
    assert "var(--text-line)" in rules[".text"]["line-height"]


def test_the_times_table_scrolls_in_its_own_box() -> None:
    """The table is wider than a 600 px window: it scrolls inside its box, not the page."""
    article = parse(render([crossing_document()])).one("article")
    box = article.one("details", "times").one("div", "table-scroll")
    assert [n.tag for n in box.children if isinstance(n, Node)] == ["table"]
    assert css_rules(stylesheet())[".table-scroll"]["overflow-x"] == "auto"


RGB = tuple[float, float, float]


def _colour(value: str, root: dict[str, str], under: RGB = (1.0, 1.0, 1.0)) -> RGB:
    """A CSS colour (#rgb, #rrggbb, rgba(), or var() of one), an rgba() one laid on
    ``under``."""
    value = re.sub(r"var\((--[\w-]+)\)", lambda m: root[m.group(1)], value)
    if value.startswith("#"):
        digits = value[1:] if len(value) == 7 else "".join(2 * d for d in value[1:])
        r, g, b = (int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))
        return r, g, b
    red, green, blue, alpha = (float(v) for v in re.findall(r"[\d.]+", value))
    rgb = zip((red, green, blue), under, strict=True)
    r, g, b = (alpha * c / 255 + (1 - alpha) * u for c, u in rgb)
    return r, g, b


def _contrast(a: RGB, b: RGB) -> float:
    def luminance(rgb: RGB) -> float:
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_label_and_text_colours_meet_wcag_aa() -> None:
    """Small text needs 4.5:1 against what is under it: the labels (on a white veil over
    their mark's tint), the text on each tint, the claim label and the explanations."""
    rules = css_rules(stylesheet())
    root = rules[":root"]

    def pair(fg: str, bg: str) -> tuple[RGB, RGB]:
        return _colour(fg, root), _colour(bg, root)

    label = rules[".m:not(.k-claim)[data-label]::after"]
    claim_label = rules[".k-claim[data-label]::before"]
    tip = rules[".tip::before"]
    furniture = rules[".k-furniture"]
    pairs = {
        "claim label": pair(claim_label["color"], claim_label["background"]),
        "explanation": pair(tip["color"], tip["background"]),
        "furniture text": pair(furniture["color"], furniture["background"]),
    }
    for kind in KINDS:
        tint = _colour(f"var(--{kind})", root)
        pairs[f"text on {kind}"] = (_colour("var(--ink)", root), tint)
        if kind != "claim":  # a claim's label is the one above
            veil = _colour(label["background"], root, under=tint)
            pairs[f"{kind} label"] = (_colour(label["color"], root), veil)
    assert len(pairs) == 3 + 2 * len(KINDS) - 1
    ratios = {what: round(_contrast(fg, bg), 2) for what, (fg, bg) in pairs.items()}
    assert min(ratios.values()) >= 4.5, ratios


# --- the real pipeline --------------------------------------------------------------------


def test_seed_spans_are_the_text_at_their_offsets() -> None:
    from claimx.api import extract_text

    record = extract_text(SEED.read_text(encoding="utf-8"), id=str(SEED))
    page = parse(render([record]))
    article = page.one("article")
    found = check_offsets(article, record.text or "")
    assert expected_spans(record).items() <= found.items()
    assert attribution_spans(record) <= set(found.values())
    assert len(record.claims) >= 10 and len(record.times) >= 5  # the seed is marked, not empty
    groups = {g.one("h4").text(): g for g in article.all("div", "group")}
    police = next(
        c
        for c in record.claims
        if c.attribution and c.attribution.source and c.attribution.source.text == "police"
    )
    assert any(
        a.attrs["href"] == f"#doc-1-{police.id}" for g in groups.values() for a in g.all("a")
    )


def test_a_label_stays_with_the_last_word_of_a_mark_that_ends_in_a_space() -> None:
    """ "PRISTINA, Sept 27 (Reuters) - " ends in a space, where a line may break: its last
    word, the space and the label are one unbreakable run, so the label never starts a
    line alone."""
    from claimx.api import extract_text
    from claimx.render.report import stylesheet

    record = extract_text(SEED.read_text(encoding="utf-8"), id=str(SEED))
    article = parse(render([record])).one("article")
    moved = 0
    for span_id, elements in marked_spans(article).items():
        last, text = elements[-1], "".join(e.text() for e in elements)
        tails = [c for c in last.children if isinstance(c, Node) and c.attrs.get("class") == "tail"]
        labelled = [e for e in elements if "data-label" in e.attrs]
        if "k-claim" in last.attrs["class"] or text == text.rstrip():
            assert not tails and len(labelled) == 1, span_id
            continue
        (tail,) = tails
        assert tail.attrs["data-label"] and not labelled, span_id
        word = tail.text().rstrip()
        assert text.endswith(tail.text()) and word and " " not in word, span_id
        moved += 1
    assert moved >= 1  # the dateline's "- "
    assert css_rules(stylesheet())[".tail"]["white-space"] == "pre"


def test_seed_report_on_the_command_line(tmp_path: Path, capfd, monkeypatch) -> None:
    code, out, err = run(["report", str(SEED)], capfd, monkeypatch)
    assert code == 0, err
    assert out.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert re.fullmatch(r"claimx: 1 document, \d+ claims, 0 failed \(\d+\.\d s\)\n", err)
    page = parse(out)
    check_offsets(page.one("article"), SEED.read_text(encoding="utf-8"))
    assert page.all("nav") == []  # one article: no index
    assert "NATO increases patrols" in page.one("title").text()
    # self-contained: nothing to fetch, nothing to run
    for tag in ("script", "link", "img", "iframe", "object"):
        assert page.all(tag) == [], tag
    # the same bytes on a second run, written through -o
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    for target in (first, second):
        code, out, _ = run(["report", "-q", "-o", str(target), str(SEED)], capfd, monkeypatch)
        assert code == 0 and out == ""
    assert first.read_bytes() == second.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html", "b.html"]


HOSTILE_TITLE = "<script>alert(1)</script> &amp; \"double\" 'single'"
HOSTILE_TEXT = (
    'Police said on Monday that <script>alert("x")</script> &amp; "it\'s" <img src=x> closed.\r\n'
    "Officials said the <b>roads</b> were closed.\n"
)


def test_hostile_text_and_titles_stay_text(tmp_path: Path, capfd, monkeypatch) -> None:
    docs = tmp_path / "docs.jsonl"
    hostile_id = '"><img src=x onerror=alert(1)>'
    lines = [
        {"id": hostile_id, "text": HOSTILE_TEXT, "date": "2021-09-29", "title": HOSTILE_TITLE},
        {"id": "plain", "text": ARTICLE, "date": "2021-09-29", "title": HOSTILE_TITLE},
    ]
    docs.write_text("".join(json.dumps(d) + "\n" for d in lines), encoding="utf-8")
    target = tmp_path / "report.html"
    code, _, err = run(["report", "-q", "-o", str(target), str(docs)], capfd, monkeypatch)
    assert code == 0, err
    raw = target.read_text(encoding="utf-8")
    assert "<script" not in raw and "<img" not in raw and "<b>" not in raw
    page = parse(raw)
    for tag in ("script", "img", "b"):
        assert page.all(tag) == [], tag
    first, second = page.all("article")
    check_offsets(first, HOSTILE_TEXT)
    check_offsets(second, ARTICLE)
    assert first.one("h2").text() == HOSTILE_TITLE
    assert hostile_id in first.one("p", "facts").text()
    links = page.one("nav").all("a")
    assert [a.text() for a in links] == [HOSTILE_TITLE, HOSTILE_TITLE]
    assert marked_spans(first)  # claims were found and marked in the hostile text


def test_several_inputs_get_an_index(tmp_path: Path, capfd, monkeypatch) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE)
    (folder / "b.txt").write_text(SEED.read_text(encoding="utf-8"))
    (folder / "c.txt").write_text("Serbia does not recognise Kosovo, officials said.\n")
    code, out, err = run(["report", str(folder)], capfd, monkeypatch)
    assert code == 0, err
    assert err.startswith("claimx: 3 documents,")
    page = parse(out)
    nav = page.one("nav")
    articles = page.all("article")
    assert [a.attrs["href"] for a in nav.all("a")] == [f"#{a.attrs['id']}" for a in articles]
    assert len(articles) == 3
    items = nav.all("li")
    assert "NATO increases patrols" in items[1].text()
    assert re.search(r"\d+ claims?, \d+ times?, \d+ quantit(y|ies), \d+ actors?", items[1].text())
    assert str(folder / "a.txt") in articles[0].one("p", "facts").text()


def test_a_failed_input_is_listed_and_exits_1(tmp_path: Path, capfd, monkeypatch) -> None:
    good, empty = tmp_path / "good.txt", tmp_path / "empty.txt"
    good.write_text(ARTICLE)
    empty.write_text("")
    target = tmp_path / "report.html"
    code, out, err = run(["report", "-o", str(target), str(good), str(empty)], capfd, monkeypatch)
    assert code == 1
    assert out == ""
    err_lines = err.splitlines()
    assert len(err_lines) == 2 and str(empty) in err_lines[0]
    assert err_lines[1].startswith("claimx: 2 documents,") and "1 failed" in err_lines[1]
    page = parse(target.read_text(encoding="utf-8"))
    good_item, failed_item = page.one("nav").all("li")
    assert good_item.one("a").attrs["href"] == "#doc-1"
    assert failed_item.all("a") == []
    assert failed_item.text().startswith(f"failed {empty}: empty: ")
    assert len(page.all("article")) == 1
    assert "1 failed" in page.one("p", "summary").text()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--ref-date", "2021-13-45"], "--ref-date 2021-13-45"),
        (["--input-format", "xml"], "--input-format xml: no such input format"),
        (["--jobs", "two"], "--jobs two: not a whole number"),
        (["--frmat", "html"], "no such option: --frmat"),
    ],
)
def test_bad_options_are_one_line_usage_errors(args, words, capfd, monkeypatch) -> None:
    code, out, err = run(["report", *args, str(SEED)], capfd, monkeypatch)
    assert code == 2 and out == ""
    assert err.startswith("claimx: error: ") and words in err and err.count("\n") == 1


def test_output_into_a_folder_is_a_usage_error(tmp_path: Path, capfd, monkeypatch) -> None:
    code, out, err = run(["report", "-o", str(tmp_path), str(SEED)], capfd, monkeypatch)
    assert code == 2 and out == ""
    assert err == f"claimx: error: --output {tmp_path}: is a folder\n"
