"""Web pages: HTML recognised, the article extracted with its metadata, URLs fetched.

Every page here is a small synthetic fixture written for these tests. URLs are
served by a local HTTP server on 127.0.0.1 (port 0) started in the test; no
test reaches the internet.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from claimx import webpage
from claimx.inputs import FAILURE_KINDS, Document, InputFailure, iter_inputs
from claimx.webpage import HTML_WARNING, Page, WebProblem, extract_page, looks_like_html, url_date
from tests.test_cli import run as run_cli

PARAGRAPHS = [
    "LONDON (Example) - The transport ministry said on Monday that two main roads"
    ' into the capital were closed & that traffic was "heavy" across the region.',
    "Police said about 5,000 drivers were diverted through side streets, and the"
    " ministry expects both roads to reopen next week.",
    "What drivers should know",
    "A spokesman for the city council told reporters that bus services would run"
    " as usual while the repairs continue.",
]

ARTICLE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Ministry closes two roads | Example Gazette</title>
<meta property="og:title" content="Ministry closes two roads">
<meta property="og:site_name" content="Example Gazette">
<meta property="article:published_time" content="2023-01-16T09:30:00Z">
<meta name="author" content="Jane Roe">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article>
<h1>Ministry closes two roads</h1>
<p class="byline">By Jane Roe, <time datetime="2023-01-16T09:30:00Z">16 January 2023</time></p>
<p>LONDON (Example) - The transport ministry said on Monday that two main roads
into the capital were closed &amp; that traffic was &quot;heavy&quot; across the region.</p>
<p>Police said about 5,000 drivers were diverted through side streets, and the ministry
expects both roads to reopen next week.</p>
<h2>What drivers should know</h2>
<p>A spokesman for the city council told reporters that bus services would run as usual
while the repairs continue.</p>
</article>
<aside class="sidebar"><h3>Most read</h3><ul>
<li><a href="/a">Celebrity chef opens a third restaurant</a></li>
<li><a href="/b">Weekend weather: sunshine and showers</a></li>
<li><a href="/c">Ten gadgets to buy this spring</a></li></ul></aside>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>Great reporting, thank you for the article!</p></div></section>
</main>
<footer><p>Copyright 2023 Example Gazette. All rights reserved.</p>
<ul><li><a href="/privacy">Privacy policy</a></li><li><a href="/terms">Terms</a></li></ul></footer>
</body></html>
"""

NAV_ONLY = """<!DOCTYPE html><html><head><title>Sections</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<footer><a href="/privacy">Privacy</a></footer></body></html>"""

UNDATED = (
    "<html><head><title>Bridge reopens</title></head><body><article>"
    "<p>The old river bridge reopened to traffic after months of repairs, the city"
    " engineer said, and pedestrians will be allowed back from the weekend.</p>"
    "<p>Officials said the work had cost less than planned and finished on schedule.</p>"
    "</article></body></html>"
)


def page(html: str, url: str | None = None) -> Page:
    result = extract_page(html, url=url)
    assert isinstance(result, Page), result
    return result


# --------------------------------------------------------------------------- recognising


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", True),
        ("<!doctype HTML>\n<p>x</p>", True),
        ("\ufeff  \n<html lang='en'><p>x</p>", True),
        ("<!-- saved from url=(0031)https://example.org/ -->\n<html>", True),
        (
            '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">',
            True,
        ),
        ("<head><title>x</title></head>", True),
        ('<meta charset="utf-8"><p>x</p>', True),
        ("<div class='story'><p>x</p></div>", True),
        # plain text, which may contain or even open with an inline tag
        ("LONDON (Reuters) - Police said <b>two</b> roads were closed.", False),
        ("<b>Breaking:</b> two roads were closed, police said.", False),
        ("The <html> element is the root of a page, the tutorial says.", False),
        ("<3 this story", False),
        ("", False),
        ("<htmlx>", False),
    ],
)
def test_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/world/2023/01/16/roads-closed/", "2023-01-16"),
        ("https://example.org/2021/9/27/story.html", "2021-09-27"),
        ("https://example.org/news/story-2020-02-19-bloomberg", "2020-02-19"),
        ("https://example.org/a/20191022/tool.html", "2019-10-22"),
        ("https://example.org/2023/02/30/not-a-day/", None),
        ("https://example.org/2023/01/story", None),  # no day: not a full date
        ("https://example.org/story?date=2023-01-16", None),  # the query is not the path
        ("https://2023-01-16.example.org/story", None),  # nor is the host
        ("https://example.org/id/12345678/", None),
    ],
)
def test_url_date(url: str, expected: str | None) -> None:
    found = url_date(url)
    assert (found.isoformat() if found else None) == expected


# --------------------------------------------------------------------------- extracting


def test_article_page_is_just_its_paragraphs() -> None:
    result = page(ARTICLE)
    blocks = result.text.split("\n\n")
    assert blocks[-len(PARAGRAPHS) :] == PARAGRAPHS
    assert set(blocks[: -len(PARAGRAPHS)]) <= {"Ministry closes two roads", "By Jane Roe,"}
    for furniture in ("Home", "Most read", "Celebrity chef", "Great reporting", "Copyright"):
        assert furniture not in result.text
    assert "&amp;" not in result.text and "&quot;" not in result.text
    assert result.title == "Ministry closes two roads"
    assert result.published == dt.date(2023, 1, 16)
    assert result.meta == {
        "url": None,
        "author": "Jane Roe",
        "site_name": "Example Gazette",
        "date": "2023-01-16",
        "date_source": "trafilatura",
    }


def test_a_line_break_stays_inside_its_paragraph() -> None:
    html = (
        "<html><body><article><p>First line of the wire story,<br>hard-wrapped by"
        " the agency.</p><p>A second paragraph that follows the first one here.</p>"
        "<ul><li>One item of a list in the story</li><li>Another item of the list</li>"
        "</ul></article></body></html>"
    )
    assert page(html).text == (
        "First line of the wire story,\nhard-wrapped by the agency.\n\n"
        "A second paragraph that follows the first one here.\n\n"
        "One item of a list in the story\n\nAnother item of the list"
    )


def test_a_table_row_is_one_line_of_cells() -> None:
    html = (
        "<html><body><article><p>The ministry published the closures for the week,"
        " listing each road and the day it reopens to traffic.</p>"
        "<table><tr><th>Road</th><th>Reopens</th></tr>"
        "<tr><td>A1 <b>north</b></td><td>Monday</td></tr>"
        "<tr><td>M25</td><td></td></tr></table>"
        "<p>Drivers were told to plan their journeys with care until then.</p>"
        "</article></body></html>"
    )
    text = page(html).text
    assert "Road | Reopens\n\nA1 north | Monday\n\nM25\n\n" in text
    assert "Road Reopens" not in text  # cells never run together


def test_extraction_is_deterministic() -> None:
    assert extract_page(ARTICLE) == extract_page(ARTICLE)


@pytest.mark.parametrize(
    "html",
    [
        NAV_ONLY,
        "<html><head><title>Empty</title></head><body></body></html>",
        "<html><body>   </body></html>",
    ],
)
def test_a_page_without_article_text_is_a_problem(html: str) -> None:
    result = extract_page(html)
    assert isinstance(result, WebProblem)
    assert result.kind == "no_article" and result.kind in FAILURE_KINDS
    assert "\n" not in result.message and "no article text" in result.message


@pytest.mark.parametrize(
    "body",
    [
        "<p>The minister spoke to farmers in the north on Tuesday. Photo: Example</p>",
        "<p>The council voted to close the old library next year</p><p>Read more.</p>"
        "<p>Residents said they would appeal against the decision at once.</p>",
        "<p>\u0986\u099c \u09b8\u0995\u09be\u09b2\u09c7 \u098f \u0998\u099f\u09a8\u09be"
        " \u0998\u099f\u09c7 \u09aa\u09c1\u09b2\u09bf\u09b6 \u099c\u09be\u09a8\u09be\u09af\u09bc\u0964</p>",
    ],
)
def test_a_page_with_one_sentence_is_an_article(body: str) -> None:
    assert page(f"<html><body><article>{body}</article></body></html>").text


def test_truncated_markup_still_extracts() -> None:
    cut = ARTICLE[: ARTICLE.index("<h2>")]  # the page ends mid-article, tags unclosed
    assert "bus services" not in page(cut).text
    assert PARAGRAPHS[1] in page(cut).text


def test_a_date_only_in_the_url() -> None:
    result = page(UNDATED, url="https://example.org/city/2022/05/03/bridge-reopens")
    assert result.published == dt.date(2022, 5, 3)
    assert result.meta["date_source"] == "url"
    assert result.meta["url"] == "https://example.org/city/2022/05/03/bridge-reopens"
    assert page(UNDATED).published is None
    assert page(UNDATED).meta["date_source"] is None


def test_no_date_depends_on_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page dated in what is 'the future' for htmldate's default bound still has its date."""
    future = ARTICLE.replace("2023-01-16", "2098-03-04")
    assert page(future).published == dt.date(2098, 3, 4)


# --------------------------------------------------------------------------- reading inputs


def one(items: Iterator[Document | InputFailure]) -> Document | InputFailure:
    (item,) = list(items)
    return item


def test_html_file(tmp_path: Path) -> None:
    path = tmp_path / "story.html"
    path.write_text(ARTICLE, encoding="utf-8")
    doc = one(iter_inputs([str(path)]))
    assert isinstance(doc, Document)
    assert doc.id == doc.source == str(path)
    assert doc.text == page(ARTICLE).text
    assert doc.title == "Ministry closes two roads"
    assert doc.published == dt.date(2023, 1, 16) and doc.date is None
    assert doc.meta["page"]["author"] == "Jane Roe"
    assert HTML_WARNING in doc.warnings


@pytest.mark.parametrize("name", ["story.txt", "story", "story.md"])
def test_markup_in_another_file_is_sniffed(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(ARTICLE, encoding="utf-8")
    doc = one(iter_inputs([str(path)]))
    assert isinstance(doc, Document) and doc.text == page(ARTICLE).text


def test_plain_text_with_a_tag_stays_plain(tmp_path: Path) -> None:
    text = "<b>Breaking:</b> LONDON (Reuters) - Police said two roads were closed.\n"
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    doc = one(iter_inputs([str(path)]))
    assert isinstance(doc, Document) and doc.text == text and not doc.meta


def test_input_format_forces_html_and_text(tmp_path: Path) -> None:
    fragment = "<p>LONDON (Reuters) - Police said on Monday that two roads were closed.</p>"
    path = tmp_path / "fragment"
    path.write_text(fragment, encoding="utf-8")
    forced = one(iter_inputs([str(path)], input_format="html"))
    assert isinstance(forced, Document)
    assert forced.text == "LONDON (Reuters) - Police said on Monday that two roads were closed."
    page_path = tmp_path / "page.html"
    page_path.write_text(ARTICLE, encoding="utf-8")
    as_text = one(iter_inputs([str(page_path)], input_format="text"))
    assert isinstance(as_text, Document) and as_text.text == ARTICLE


def test_stdin_html_is_sniffed() -> None:
    doc = one(iter_inputs(["-"], stdin=io.BytesIO(ARTICLE.encode())))
    assert isinstance(doc, Document) and doc.id == "-" and doc.text == page(ARTICLE).text


def test_bad_html_inputs(tmp_path: Path) -> None:
    (tmp_path / "nav.html").write_text(NAV_ONLY, encoding="utf-8")
    (tmp_path / "pdf.html").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    (tmp_path / "empty.html").write_bytes(b"")
    got = [
        (i.id.rsplit("/", 1)[-1], i.kind)
        for i in iter_inputs([str(tmp_path)])
        if isinstance(i, InputFailure)
    ]
    assert got == [("empty.html", "empty"), ("nav.html", "no_article"), ("pdf.html", "binary")]


def test_cp1252_page_declared_in_meta(tmp_path: Path) -> None:
    html = ARTICLE.replace('charset="utf-8"', 'charset="windows-1252"').replace(
        "Police said", "Police \u2018said\u2019"
    )
    path = tmp_path / "legacy.html"
    path.write_bytes(html.encode("cp1252"))
    doc = one(iter_inputs([str(path)]))
    assert isinstance(doc, Document) and "Police \u2018said\u2019" in doc.text
    assert any("cp1252" in w for w in doc.warnings)


def test_jsonl_html_lines(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    lines = [
        {"id": "a", "html": ARTICLE, "source_feed": "x"},
        {"id": "b", "html": UNDATED, "url": "https://example.org/2022/05/03/bridge"},
        {"id": "c", "html": UNDATED, "date": "2022-06-01", "title": "Own title"},
        {"id": "d", "html": NAV_ONLY},
        {"id": "e", "html": ARTICLE, "text": "both"},
        {"id": "f", "html": ""},
        {"id": "g", "html": UNDATED, "url": 7},
    ]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    items = list(iter_inputs([str(path)]))
    a, b, c = items[:3]
    assert isinstance(a, Document) and a.text == page(ARTICLE).text
    assert a.meta["source_feed"] == "x" and a.meta["page"]["site_name"] == "Example Gazette"
    assert "html" not in a.meta
    assert isinstance(b, Document) and b.published == dt.date(2022, 5, 3)
    assert b.meta["page"]["date_source"] == "url" and b.meta["url"].endswith("/bridge")
    assert isinstance(c, Document) and c.date == dt.date(2022, 6, 1) and c.title == "Own title"
    failures = [(i.id, i.kind, i.message) for i in items[3:] if isinstance(i, InputFailure)]
    assert failures == [
        (
            "d",
            "no_article",
            "line 4: no article text in the page (only navigation, links or an empty body)",
        ),
        ("e", "jsonl", 'line 5: give "text" or "html", not both'),
        ("f", "empty", 'line 6: "html" is empty'),
        ("g", "jsonl", 'line 7: "url" must be a string or null, got number 7'),
    ]


# --------------------------------------------------------------------------- fetching


BIG = b"<html><body><p>" + b"x " * 40_000 + b"</p></body></html>"


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        routes = {
            "/2023/01/16/story": (200, "text/html; charset=utf-8", UNDATED.encode()),
            "/article": (200, "text/html; charset=utf-8", ARTICLE.encode()),
            "/json": (200, "application/json", b'{"a": 1}'),
            "/big": (200, "text/html", BIG),
            "/nav": (200, "text/html", NAV_ONLY.encode()),
        }
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/2023/01/16/story")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path == "/bigstream":  # no Content-Length: the size shows only while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(BIG)
            return
        if self.path == "/slow":
            time.sleep(2.5)
        status, kind, body = routes.get(self.path, (404, "text/html", b"<p>not here</p>"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep pytest's output clean


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    limits = dataclasses.replace(webpage._config(), timeout=1, max_bytes=50_000, max_redirects=2)
    monkeypatch.setattr(webpage, "_config", lambda: limits)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_fetch_an_article(server: str) -> None:
    doc = one(iter_inputs([f"{server}/article"]))
    assert isinstance(doc, Document)
    assert doc.id == doc.source == f"{server}/article"
    assert doc.text == page(ARTICLE).text and doc.published == dt.date(2023, 1, 16)
    assert doc.meta["page"]["url"] == f"{server}/article"


def test_fetch_follows_a_redirect_and_dates_by_the_url(server: str) -> None:
    doc = one(iter_inputs([f"{server}/moved"]))
    assert isinstance(doc, Document), doc
    assert doc.id == f"{server}/moved"
    assert doc.meta["page"]["url"] == f"{server}/2023/01/16/story"
    assert doc.published == dt.date(2023, 1, 16) and doc.meta["page"]["date_source"] == "url"
    assert any("redirected" in w for w in doc.warnings)


@pytest.mark.parametrize(
    ("path", "kind", "message"),
    [
        ("/missing", "http", "HTTP 404 Not Found"),
        ("/json", "not_html", "not an HTML page (content type application/json)"),
        (
            "/nav",
            "no_article",
            "no article text in the page (only navigation, links or an empty body)",
        ),
        ("/big", "too_large", "too large (Content-Length 80,033 bytes; the limit is 50,000 bytes)"),
        ("/bigstream", "too_large", "too large (the body is larger; the limit is 50,000 bytes)"),
        ("/loop", "fetch", "too many redirects (more than 2)"),
        ("/slow", "fetch", "timed out after 1 s"),
    ],
)
def test_fetch_failures(
    server: str, small_limits: None, path: str, kind: str, message: str
) -> None:
    item = one(iter_inputs([server + path]))
    assert isinstance(item, InputFailure)
    assert (item.id, item.source, item.kind, item.message) == (
        server + path,
        server + path,
        kind,
        message,
    )
    assert kind in FAILURE_KINDS


def test_connection_refused() -> None:
    url = f"http://127.0.0.1:{closed_port()}/story"
    item = one(iter_inputs([url]))
    assert isinstance(item, InputFailure)
    assert (item.id, item.kind, item.message) == (url, "fetch", "connection refused")


def test_urls_and_files_keep_input_order(server: str, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Police said two roads were closed.\n", encoding="utf-8")
    ids = [i.id for i in iter_inputs([f"{server}/article", str(path), f"{server}/missing"])]
    assert ids == [f"{server}/article", str(path), f"{server}/missing"]


# --------------------------------------------------------------------------- end to end (model)


@pytest.mark.model
def test_claimx_output_for_a_page(tmp_path: Path, capfd, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "story.html"
    path.write_text(ARTICLE, encoding="utf-8")
    code, out, err = run_cli(["extract", "-q", "--format", "jsonl", str(path)], capfd, monkeypatch)
    assert code == 0, err
    record = json.loads(out)
    assert record["text"] == page(ARTICLE).text
    assert record["title"] == "Ministry closes two roads"
    assert record["reference_date"] == {"value": "2023-01-16", "source": "metadata"}
    assert record["meta"]["page"]["date_source"] == "trafilatura"
    assert HTML_WARNING in record["warnings"]
    text = record["text"]
    spans = [*record["times"], *record["quantities"], *record["entities"], *record["claims"]]
    assert spans
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"]
    assert any("5,000 drivers" in q["text"] for q in record["quantities"])
    # same bytes on a second run
    _, again, _ = run_cli(["extract", "-q", "--format", "jsonl", str(path)], capfd, monkeypatch)
    assert again == out


@pytest.mark.model
def test_cli_good_page_and_bad_url(server: str, capfd, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    bad = f"http://127.0.0.1:{closed_port()}/gone"
    args = ["extract", "-q", "--format", "jsonl", f"{server}/moved", bad, f"{server}/missing"]
    code, out, err = run_cli(args, capfd, monkeypatch)
    assert code == 1
    good, refused, missing = (json.loads(line) for line in out.splitlines())
    assert good["id"] == f"{server}/moved"
    assert good["reference_date"] == {"value": "2023-01-16", "source": "metadata"}
    assert good["claims"]
    assert refused == {
        "id": bad,
        "source": bad,
        "error": {"kind": "fetch", "message": "connection refused"},
    }
    assert missing["error"] == {"kind": "http", "message": "HTTP 404 Not Found"}
    assert err.splitlines() == [
        f"claimx: {bad}: connection refused",
        f"claimx: {server}/missing: HTTP 404 Not Found",
    ]


@pytest.mark.model
def test_one_url_as_json_is_one_object_and_output_dir_names_it_by_site(
    server: str, tmp_path: Path, capfd, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run_cli(
        ["extract", "-q", "--format", "json", f"{server}/moved"], capfd, monkeypatch
    )
    assert code == 0, err
    assert json.loads(out)["id"] == f"{server}/moved"  # an object, as for one file
    folder = tmp_path / "out"
    code, _, err = run_cli(
        ["extract", "-q", "-O", str(folder), f"{server}/moved"], capfd, monkeypatch
    )
    assert code == 0, err
    host = server.split("://", 1)[1]
    assert (folder / host / "moved.json").is_file()  # the site as a folder, no "http:"


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://example.org/2023/01/story.html?id=7#top", "example.org/2023/01/story.html?id=7"),
        ("http://127.0.0.1:8080/a/", "127.0.0.1:8080/a/"),
        ("HTTPS://Example.org", "Example.org"),
    ],
)
def test_url_file_name(url: str, name: str) -> None:
    assert webpage.url_file_name(url) == name
