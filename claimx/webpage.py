"""Web pages: recognise HTML, extract an article's text and metadata, fetch a URL.

The article text comes from trafilatura's structured output (its XML body),
walked block by block and joined with a blank line between blocks: claimx's
layout reads a blank line as a paragraph break, while a single line break
inside a paragraph (an HTML ``<br>``) is not a sentence break. Navigation
and comments are left out; tables are kept, a row to a line with its cells
apart by " | ", so a table's figures and dates are read without its cells
running together into one sentence. trafilatura's balanced mode (neither
``favor_precision`` nor ``favor_recall``, set in ``models/web.json``) kept more
of the article on the dev pages than precision mode for a little more
furniture; the layout masks what is left of rails and link lists.

The publication date, in order: trafilatura's metadata (meta tags, JSON-LD,
``<time>``, a canonical URL; computed by htmldate without its free-text
search), else htmldate on the raw page (markup only, no URL), else a date in
the URL the page was read from (``/2023/01/16/``). Every date search is bounded by fixed dates from
``models/web.json``: htmldate's default latest date is today, which would make
the output depend on the day claimx runs.

Nothing here reaches the network except :func:`fetch_page`, which downloads
one URL the user named on the command line (``tests/test_supply.py`` holds
that exception to this one function). Trees, never strings, are handed to
htmldate: given a string that looks like a URL, ``htmldate.find_date``
downloads it.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
from dataclasses import dataclass
from functools import cache
from typing import Any, Final, NamedTuple

from claimx.resources import load_lexicon

# lxml ships no type stubs: its elements are typed as Any below
_Element = Any

__all__ = [
    "Fetched",
    "Page",
    "WebProblem",
    "extract_page",
    "fetch_page",
    "is_html_path",
    "is_url",
    "looks_like_html",
    "url_date",
]

#: the warning every document read from HTML carries
HTML_WARNING: Final = (
    "text extracted from HTML (trafilatura): markup, navigation and comments left out,"
    " table rows kept as lines; offsets index the extracted text"
)

#: how much of a text is looked at to tell HTML from plain text
SNIFF_CHARS: Final = 4096


class WebProblem(NamedTuple):
    """Why a page could not be read: an ``InputFailure`` kind and a one-line message."""

    kind: str
    message: str


@dataclass(frozen=True)
class Page:
    """What a web page yields: the article text and the page's own metadata."""

    text: str  # blocks joined by "\n\n"; the text the output offsets index
    title: str | None
    published: dt.date | None
    meta: dict[str, Any]  # {"url", "author", "site_name", "date", "date_source"}


@dataclass(frozen=True)
class Fetched:
    """A downloaded page: its bytes (decompressed), where it ended up, its declared charset."""

    data: bytes
    url: str  # after redirects
    charset: str | None  # from the Content-Type header


@dataclass(frozen=True)
class _Config:
    suffixes: tuple[str, ...]
    start_tags: frozenset[str]
    content_types: frozenset[str]
    timeout: int
    max_bytes: int
    max_redirects: int
    min_date: str
    max_date: str
    favor_precision: bool
    include_tables: bool
    prose_min_words: int
    prose_end: str


@cache
def _config() -> _Config:
    web = load_lexicon("web.json")
    fetch = web["fetch"]
    dates = web["dates"]
    return _Config(
        suffixes=tuple(s.lower() for s in web["html_suffixes"]),
        start_tags=frozenset(t.lower() for t in web["document_start_tags"]),
        content_types=frozenset(t.lower() for t in web["html_content_types"]),
        timeout=int(fetch["timeout_seconds"]),
        max_bytes=int(fetch["max_bytes"]),
        max_redirects=int(fetch["max_redirects"]),
        min_date=str(dates["min_date"]),
        max_date=str(dates["max_date"]),
        favor_precision=bool(web["extraction"]["favor_precision"]),
        include_tables=bool(web["extraction"]["include_tables"]),
        prose_min_words=int(web["extraction"]["prose_min_words"]),
        prose_end=str(web["extraction"]["prose_end"]),
    )


# --------------------------------------------------------------------------- recognising


_URL: Final = re.compile(r"https?://", re.IGNORECASE)

# What may come before the first element: whitespace, comments, an XML declaration.
_PROLOG: Final = re.compile(r"(?:\s+|<!--.*?-->|<\?xml\b[^>]*>)*", re.DOTALL)
_FIRST_TAG: Final = re.compile(r"<(!doctype\s+html\b|[a-z][a-z0-9]*)(?=[\s/>])", re.IGNORECASE)


def is_url(argument: str) -> bool:
    """An http(s) URL given where a path may stand."""
    return _URL.match(argument) is not None


_URL_PARTS: Final = re.compile(r"https?://([^/?#]+)([^?#]*)(\?[^#]*)?", re.IGNORECASE)


def url_file_name(url: str) -> str:
    """Host, path and query of a URL, without its scheme and fragment
    ("https://example.org/story?id=7#top" -> "example.org/story?id=7")."""
    m = _URL_PARTS.match(url)
    if m is None:
        return url
    host, path, query = m.group(1), m.group(2), m.group(3) or ""
    return f"{host}{path}{query}"


def is_html_path(path: str) -> bool:
    return path.lower().endswith(_config().suffixes)


def looks_like_html(text: str) -> bool:
    """Whether a text is an HTML document, judged by how it opens.

    Only the first element counts, and only a document-level one (a doctype,
    ``<html>``, ``<head>``, ``<meta>``, ``<body>``, ``<article>``, ``<div>``...):
    prose that mentions or contains ``<b>`` further on, or even opens with an
    inline tag, stays plain text.
    """
    head = text[:SNIFF_CHARS].lstrip("\ufeff")
    prolog = _PROLOG.match(head)
    start = prolog.end() if prolog else 0
    first = _FIRST_TAG.match(head, start)
    if first is None:
        return False
    name = first.group(1).lower()
    return name.startswith("!doctype") or name in _config().start_tags


# --------------------------------------------------------------------------- extracting


# trafilatura's XML: blocks that hold text, and containers whose children are blocks
_BLOCKS: Final = frozenset({"p", "head", "item", "quote", "code", "cell"})
_CONTAINERS: Final = frozenset({"body", "list", "quote", "div", "table", "row", "main", "doc"})
_BREAK: Final = "lb"
_ROW: Final = "row"
_SPACES: Final = re.compile(r"[^\S\n]+")


def extract_page(html: str, *, url: str | None = None) -> Page | WebProblem:
    """The article of an HTML page, or why there is none.

    ``url`` (given, fetched or from a JSONL ``url``) is recorded and is the last
    source of a publication date; it is not handed to trafilatura, so a date
    the metadata gives comes from the page's own markup.
    """
    from trafilatura.utils import load_html

    _quiet_libraries()
    cfg = _config()
    tree = load_html(html)
    if tree is None and html.strip():
        # trafilatura refuses a bare fragment ("<p>...</p>" under --input-format
        # html); as a browser does, read it as the body of a page
        tree = load_html(f"<html><body>{html}</body></html>")
    if tree is None:
        return WebProblem("html", "cannot parse the HTML (no document element)")
    params = {
        "original_date": True,  # the publication date, not the last update
        "extensive_search": False,  # markup only: see _htmldate
        "min_date": cfg.min_date,
        "max_date": cfg.max_date,
    }
    try:
        result = _extract(tree, cfg, params, favor_precision=cfg.favor_precision)
        blocks = _body_blocks(result)
        if not cfg.favor_precision and not any(_is_prose(block, cfg) for block in blocks):
            # trafilatura's balanced mode falls back to whatever text a page has, so a
            # page of menus alone gives "Home\nWorld\nSport"; when no block reads as a
            # sentence, precision mode decides: it keeps "<p>Привет</p>" and drops menus
            result = _extract(tree, cfg, params, favor_precision=True)
            blocks = _body_blocks(result)
    except Exception as exc:  # lxml and trafilatura raise many types on broken markup
        return WebProblem("html", f"cannot parse the HTML ({type(exc).__name__}: {_one_line(exc)})")
    if not blocks:
        return WebProblem(
            "no_article", "no article text in the page (only navigation, links or an empty body)"
        )
    text = "\n\n".join(blocks)

    date, source = _metadata_date(getattr(result, "date", None)), "trafilatura"
    if date is None:
        date, source = _htmldate(html, cfg), "htmldate"
    if date is None and url is not None:
        date, source = url_date(url), "url"
    meta: dict[str, Any] = {
        "url": url or _clean(getattr(result, "url", None)),
        "author": _clean(getattr(result, "author", None)),
        "site_name": _clean(getattr(result, "sitename", None)),
        "date": date.isoformat() if date else None,
        "date_source": source if date else None,
    }
    return Page(text=text, title=_clean(getattr(result, "title", None)), published=date, meta=meta)


def _extract(tree: _Element, cfg: _Config, params: dict[str, Any], *, favor_precision: bool) -> Any:
    """trafilatura's extraction of the page with our settings."""
    import trafilatura

    return trafilatura.bare_extraction(
        tree,
        favor_precision=favor_precision,
        include_comments=False,
        include_tables=cfg.include_tables,
        include_images=False,
        include_links=False,
        with_metadata=True,
        deduplicate=False,  # a process-wide cache would make output depend on earlier inputs
        date_extraction_params=params,
    )


def _body_blocks(result: Any) -> list[str]:
    body = getattr(result, "body", None)
    return _blocks(body) if body is not None else []


def _is_prose(block: str, cfg: _Config) -> bool:
    """A block with a sentence in it: enough words and a sentence's last mark.

    The mark may stand inside the block ("... the election. Photo: AP").
    """
    words = block.split()
    return len(words) >= cfg.prose_min_words and any(word[-1] in cfg.prose_end for word in words)


def _blocks(element: _Element) -> list[str]:
    """The text blocks of trafilatura's body, in order, whitespace-normalised."""
    out: list[str] = []
    stack: list[_Element] = [element]
    # explicit stack: generated pages nest lists thousands deep
    while stack:
        node = stack.pop()
        tag = node.tag if isinstance(node.tag, str) else ""
        children = [child for child in node if isinstance(child.tag, str)]
        if tag == _ROW:
            # a table row is one line, its cells apart by " | ": the article keeps the
            # table's words, and the layout reads such a line as a row, not a sentence
            cells = [" ".join(_blocks(cell)) for cell in children]
            row = " | ".join(cell for cell in cells if cell)
            if row:
                out.append(row)
            continue
        nested = [c for c in children if c.tag in _BLOCKS or c.tag in _CONTAINERS]
        if tag in _BLOCKS or (tag not in _CONTAINERS and not nested):
            own = _block_text(node, skip=set(nested))
            if own:
                out.append(own)
            stack.extend(reversed(nested))
        else:
            stack.extend(reversed(children))
    return out


def _block_text(node: _Element, skip: set[_Element]) -> str:
    """A block's text with inline markup dropped and ``<lb/>`` kept as a line break."""
    parts: list[str] = [node.text or ""]
    for child in node:
        if child in skip:
            parts.append(child.tail or "")  # the nested block is a block of its own
            continue
        if child.tag == _BREAK:
            parts.append("\n")
        else:
            parts.append(_block_text(child, set()))
        parts.append(child.tail or "")
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _metadata_date(value: object) -> dt.date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _htmldate(html: str, cfg: _Config) -> dt.date | None:
    from htmldate import find_date
    from trafilatura.utils import load_html

    tree = load_html(html)  # a tree: a string that looks like a URL would be downloaded
    if tree is None:
        return None
    try:
        found = find_date(
            tree,
            # The free-text search stays off: it takes the first date the body
            # mentions ("on 3 March 2020 the agency ..."), and as a "metadata"
            # date that guess would outrank the dateline the text states.
            extensive_search=False,
            original_date=True,
            url="",  # not None: htmldate would take a canonical link's date, already tried
            min_date=cfg.min_date,
            max_date=cfg.max_date,
        )
    except Exception:  # htmldate is a best-effort fallback; no date is the answer then
        return None
    return _metadata_date(found)


# /2023/01/16/, /2023-01-16-, /20230116/ in a URL's path
_URL_DATES: Final = (
    re.compile(r"/((?:19|20)\d{2})/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])(?=[/\-_.]|$)"),
    re.compile(r"[/_\-]((?:19|20)\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?=[/\-_.]|$)"),
    re.compile(r"/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[/\-_.]|$)"),
)


def url_date(url: str) -> dt.date | None:
    """A full date in a URL's path (year, month and day), within the fixed bounds."""
    cfg = _config()
    path = re.sub(
        r"^[a-z][a-z0-9+.\-]*://[^/]*", "", url.split("?", 1)[0].split("#", 1)[0], flags=re.I
    )
    for pattern in _URL_DATES:
        match = pattern.search(path)
        if match is None:
            continue
        try:
            found = dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            continue
        if cfg.min_date <= found.isoformat() <= cfg.max_date:
            return found
    return None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    cleaned = _SPACES.sub(" ", value.replace("\n", " ")).strip()
    return cleaned or None


@cache
def _quiet_libraries() -> None:
    # trafilatura, htmldate and courlan log warnings about odd markup; without a
    # handler Python prints them on stderr, which is for claimx's own lines.
    for name in ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer"):
        logging.getLogger(name).addHandler(logging.NullHandler())
        logging.getLogger(name).propagate = False


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


# --------------------------------------------------------------------------- fetching


def fetch_page(url: str) -> Fetched | WebProblem:
    """Download one URL the user named; the only network access claimx makes.

    Bounded in every direction (``models/web.json``): a connect and read
    timeout plus an overall deadline, a maximum size (checked against
    Content-Length, then while streaming the decompressed body), a maximum
    number of redirects. No retries, no insecure-TLS fallback (trafilatura's
    own fetcher retries without certificate checks), no proxies. Addresses on
    the local network are allowed, as ``curl`` allows them: the user named the
    URL. Anything but a 200 with an HTML (or unlabelled) body is a problem.
    """
    import certifi
    import urllib3
    from trafilatura.downloads import DEFAULT_HEADERS, create_pool

    cfg = _config()
    try:
        parsed = urllib3.util.parse_url(url)
    except urllib3.exceptions.LocationParseError as exc:
        return WebProblem("fetch", f"not a valid URL ({_one_line(exc)})")
    if not parsed.host:
        return WebProblem("fetch", "not a valid URL (no host)")
    headers = dict(DEFAULT_HEADERS)
    headers["User-Agent"] = "claimx (news claim extraction; +trafilatura)"
    pool = create_pool(ssrf_protection=False, ca_certs=certifi.where(), cert_reqs="CERT_REQUIRED")
    retries = urllib3.util.Retry(
        total=cfg.max_redirects,
        connect=0,
        read=0,
        status=0,
        other=0,
        redirect=cfg.max_redirects,
        raise_on_redirect=True,
        raise_on_status=False,
    )
    timeout = urllib3.util.Timeout(connect=cfg.timeout, read=cfg.timeout)
    deadline = time.monotonic() + 3 * cfg.timeout
    try:
        response = pool.request(
            "GET", url, headers=headers, retries=retries, timeout=timeout, preload_content=False
        )
    except urllib3.exceptions.MaxRetryError as exc:
        return _network_problem(exc.reason or exc, cfg)
    except (urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
        return _network_problem(exc, cfg)
    try:
        if response.status != 200:
            reason = f" {response.reason}" if response.reason else ""
            return WebProblem("http", f"HTTP {response.status}{reason}")
        content_type = response.headers.get("Content-Type", "")
        mime = content_type.split(";", 1)[0].strip().lower()
        if mime and mime not in cfg.content_types:
            return WebProblem("not_html", f"not an HTML page (content type {mime})")
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > cfg.max_bytes:
            return WebProblem("too_large", _too_large(cfg, f"Content-Length {int(length):,} bytes"))
        body = bytearray()
        for chunk in response.stream(2**16, decode_content=True):
            body += chunk
            if len(body) > cfg.max_bytes:
                return WebProblem("too_large", _too_large(cfg, "the body is larger"))
            if time.monotonic() > deadline:
                return WebProblem("fetch", f"timed out after {3 * cfg.timeout} s (body too slow)")
        final = _absolute(response.geturl() or url, parsed)
        match = re.search(r"charset\s*=\s*[\"']?([\w.:\-]+)", content_type, re.IGNORECASE)
        return Fetched(bytes(body), final, match.group(1) if match else None)
    except urllib3.exceptions.DecodeError:
        return WebProblem("fetch", "cannot decompress the response body")
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        return _network_problem(exc, cfg)
    finally:
        response.release_conn()
        pool.clear()


def _absolute(location: str, base: Any) -> str:
    """urllib3 reports the final address as the Location header gave it, often a bare path."""
    if is_url(location):
        return location
    origin = f"{base.scheme}://{base.netloc}"
    if location.startswith("//"):
        return f"{base.scheme}:{location}"
    if location.startswith("/"):
        return origin + location
    directory = (base.path or "/").rsplit("/", 1)[0]
    return f"{origin}{directory}/{location}"


def _too_large(cfg: _Config, what: str) -> str:
    return f"too large ({what}; the limit is {cfg.max_bytes:,} bytes)"


def _network_problem(reason: BaseException, cfg: _Config) -> WebProblem:
    """One line a person can act on for a failed download."""
    import ssl

    import urllib3

    errors = urllib3.exceptions
    if isinstance(reason, errors.NameResolutionError):
        return WebProblem("fetch", "cannot resolve the host name")
    if isinstance(reason, errors.NewConnectionError):
        # NewConnectionError subclasses ConnectTimeoutError: test it first
        text = str(reason).lower()
        if "refused" in text:
            return WebProblem("fetch", "connection refused")
        return WebProblem("fetch", f"cannot connect ({_one_line(reason).split(': ')[-1]})")
    if isinstance(reason, errors.TimeoutError | TimeoutError):
        return WebProblem("fetch", f"timed out after {cfg.timeout} s")
    if isinstance(reason, errors.SSLError | ssl.SSLError):
        return WebProblem("fetch", f"TLS error ({_one_line(reason)})")
    if isinstance(reason, errors.ResponseError) and "redirect" in str(reason):
        return WebProblem("fetch", f"too many redirects (more than {cfg.max_redirects})")
    if isinstance(reason, errors.ProtocolError):
        return WebProblem("fetch", f"connection broken ({_one_line(reason)})")
    if isinstance(reason, errors.LocationValueError | ValueError):
        return WebProblem("fetch", f"cannot follow the URL ({_one_line(reason)})")
    return WebProblem("fetch", f"cannot fetch ({type(reason).__name__}: {_one_line(reason)})")
