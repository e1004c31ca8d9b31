"""Texts too long to read at once: parsed in pieces, extracted in sections.

Two limits, for two kinds of memory:

- The parser and the entity recogniser need memory in proportion to the tokens
  they read at once (about 17 KB a token for the pinned model: 20,000 tokens
  with no sentence end took 350 MB). So a text over ``CHUNK_CHARS`` characters
  or ``CHUNK_TOKENS`` tokens is parsed in pieces, and the pieces' parses are
  joined into one ``Doc`` (``Doc.from_docs``) whose text is exactly the text.
- A document's records take several times the size of its JSON (a 1 MB text of
  dense prose makes a 13 MB JSON line and 90 MB of records). So a text over
  ``SECTION_CHARS`` characters or ``SECTION_TOKENS`` tokens is extracted in
  sections of that size, and the sections' records are joined. The first
  section gives the reference date (the dateline and the lead are there); the
  others count from it. Offsets move to the whole text, claims and actors are
  renumbered, and an actor named again in a later section (by its name, by a
  form of its name, "Smith" after "John Smith", or by a name whose forms hold
  the earlier one's) is the same actor. What spans a cut is lost: "the next day"
  at a section's start has no time before it; a quotation cut in two is two.
  The joined record is made in memory for the library (:class:`RecordSink`) or,
  in a batch, written piece by piece to a file (:class:`SpillSink`): a 20 MB text
  never holds more than one section's records, and the file's bytes are exactly
  the record's JSON line.

A piece or a section ends at the last paragraph break in its window, else the
last line break, sentence end or whitespace, else (one unbroken run) at the
window's end; only breaks in the window's second half count, so every piece is
at least half a window and the cutting stays linear in the text. A window holds
at most its number of characters and of tokens (``_TOKENISH``, an estimate from
above: a text of nothing but punctuation is a token a character).

News articles are one piece (the longest in the public dev sets has 22,068
characters), so they are read exactly as before; a long-form interview of
100,000 characters is parsed in pieces and extracted whole.

A run of more than ``PUNCT_RUN`` punctuation marks with nothing between them is
decoration or debris ("========", a page of quotation marks): spaCy's tokenizer
takes time in the square of such a run, so the copy it reads keeps the first
``PUNCT_RUN`` marks and blanks the rest, and the record's warnings say so.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any, Final

from claimx.records import DocumentResult

if TYPE_CHECKING:
    from claimx.extract.document import Layers

#: the most characters, and tokens (estimated by ``_TOKENISH``), parsed at once:
#: the parser's memory grows with what it reads in one piece
CHUNK_CHARS: Final = 50_000
CHUNK_TOKENS: Final = 10_000
#: the most characters, and tokens, whose records are made together (a section)
SECTION_CHARS: Final = 200_000
SECTION_TOKENS: Final = 50_000
#: punctuation marks in a row that spaCy reads; the rest of a longer run is blanked
PUNCT_RUN: Final = 100

#: a word or a mark: an estimate of spaCy's tokens from above ("5,000" counts 3)
_TOKENISH: Final = re.compile(r"\w+|[^\w\s]")
_LONG_PUNCT: Final = re.compile(rf"[^\w\s]{{{PUNCT_RUN + 1},}}")
#: where a section may end, best first: after a blank line (a paragraph), after a
#: line break, after a sentence end, after any whitespace
_CUTS: Final = (
    re.compile(r"\n[ \t\r\f\v]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?][\"'”’)\]]*\s+"),
    re.compile(r"\s+"),
)
#: the fields of a record (and of every span in it) that are offsets into the text
_OFFSETS: Final = frozenset({"start", "end"})
#: the record's lists that a spilled record writes piece by piece
STREAMED: Final = ("times", "quantities", "entities", "claims")


def blank_punctuation_runs(masked: str) -> tuple[str, str | None]:
    """The copy spaCy reads with long punctuation runs cut to ``PUNCT_RUN`` marks
    (same length: the rest become spaces), and a warning when any was."""
    blanked = 0

    def cut(match: re.Match[str]) -> str:
        nonlocal blanked
        run = match.group()
        blanked += len(run) - PUNCT_RUN
        return run[:PUNCT_RUN] + " " * (len(run) - PUNCT_RUN)

    out = _LONG_PUNCT.sub(cut, masked)
    if not blanked:
        return masked, None
    return out, (
        f"{blanked:,} characters in runs of more than {PUNCT_RUN} punctuation marks were not read"
    )


def needs_chunks(masked: str, limit: int = CHUNK_CHARS) -> bool:
    """Too long (over ``limit`` characters: ``CHUNK_CHARS``, or a pipeline's smaller
    ``max_length``), or too dense with tokens, to parse at once."""
    return _over(masked, limit, CHUNK_TOKENS)


def may_need_sections(text: str) -> bool:
    """Long enough, or dense enough, that it may be extracted in sections (a batch
    then spills its record to a file): the test is on the text as read, which has
    at least the characters and about the tokens of the copy that is parsed."""
    return _over(text, SECTION_CHARS, SECTION_TOKENS)


def plan(masked: str, limit: int = CHUNK_CHARS) -> list[list[tuple[int, int]]]:
    """The sections of a text, each as the ``(start, end)`` pairs of the pieces it is
    parsed in (offsets into the whole text); together they partition it."""
    sections = []
    for start, end in cut(masked, SECTION_CHARS, SECTION_TOKENS):
        pieces = cut(masked[start:end], min(limit, CHUNK_CHARS), CHUNK_TOKENS)
        sections.append([(start + s, start + e) for s, e in pieces])
    return sections


def cut(text: str, chars: int, tokens: int) -> list[tuple[int, int]]:
    """``(start, end)`` pairs that partition ``text`` into pieces of at most ``chars``
    characters and about ``tokens`` tokens, each ending at the best break it can."""
    bounds: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        window = _window(text, start, chars, tokens)
        if start + window >= len(text):
            bounds.append((start, len(text)))
            break
        end = _cut(text[start : start + window])
        bounds.append((start, start + end))
        start += end
    return bounds or [(0, len(text))]


def _over(text: str, chars: int, tokens: int) -> bool:
    if len(text) > chars:
        return True
    if len(text) <= tokens:
        return False  # fewer characters than the token limit: cannot exceed it
    return next(itertools.islice(_TOKENISH.finditer(text), tokens, None), None) is not None


def _window(text: str, start: int, chars: int, tokens: int) -> int:
    """Characters from ``start``, up to ``chars``, holding at most ``tokens``."""
    window = text[start : start + chars]
    if len(window) <= tokens:
        return len(window)
    over = next(itertools.islice(_TOKENISH.finditer(window), tokens, None), None)
    return len(window) if over is None else over.start()


def _cut(window: str) -> int:
    half = len(window) // 2
    for pattern in _CUTS:
        last = None
        for match in pattern.finditer(window, half):
            if match.end() < len(window):
                last = match.end()
        if last is not None:
            return last
    return len(window)


# --------------------------------------------------------------------------- joining


@dataclass
class _Actors:
    """The document's actors so far, and how a section's actor ids map to them."""

    records: list[dict[str, Any]] = field(default_factory=list)
    by_name: dict[str, int] = field(default_factory=dict)  # lower-cased name or form -> index

    def merge(self, actors: list[dict[str, Any]]) -> dict[str, str]:
        """Fold a section's actors in; the map from its ids to the document's."""
        ids: dict[str, str] = {}
        places: list[int] = []
        for actor in actors:
            found = self._find(actor)
            if found is None:
                record = {**actor, "id": f"a{len(self.records) + 1}", "part_of": None}
                self.records.append(record)
                found = len(self.records) - 1
                self.by_name.setdefault(actor["name"].lower(), found)
            else:
                record = self.records[found]
                forms = set(record["aliases"]) | set(actor["aliases"]) | {actor["name"]}
                record["aliases"] = sorted(forms - {record["name"]})
                record["mentions"] += actor["mentions"]
            for alias in record["aliases"]:
                self.by_name.setdefault(alias.lower(), found)
            ids[actor["id"]] = record["id"]
            places.append(found)
        for actor, found in zip(actors, places, strict=True):
            record = self.records[found]
            if actor.get("part_of") and record["part_of"] is None:
                record["part_of"] = ids.get(actor["part_of"])
        return ids

    def _find(self, actor: dict[str, Any]) -> int | None:
        """The actor of an earlier section this one is: the same name, or a name among
        that one's forms ("Smith" after "John Smith"), or one whose name is among this
        one's forms ("John Smith" after "Smith")."""
        found = self.by_name.get(actor["name"].lower())
        if found is not None:
            return found
        forms = {alias.lower() for alias in actor["aliases"]}
        for form in sorted(forms):
            found = self.by_name.get(form)
            if found is not None and self.records[found]["name"].lower() in forms:
                return found
        return None


def _shift(item: Any, delta: int) -> Any:
    """``item`` (a record as JSON data) with every ``start``/``end`` moved by ``delta``."""
    if isinstance(item, dict):
        return {
            key: value + delta if key in _OFFSETS else _shift(value, delta)
            for key, value in item.items()
        }
    if isinstance(item, list):
        return [_shift(value, delta) for value in item]
    return item


class Joiner:
    """Joins the layers of a text's sections, in order, into one record's lists."""

    def __init__(self, sink: RecordSink | SpillSink) -> None:
        self.sink = sink
        self.actors = _Actors()
        self.counts = dict.fromkeys(STREAMED, 0)

    def add(self, layers: Layers, offset: int, text: str) -> None:
        """One section's layers; ``offset`` is where the section starts in ``text``."""
        ids = self.actors.merge([a.model_dump(mode="json") for a in layers.actors])
        base_times, base_quantities = self.counts["times"], self.counts["quantities"]
        for name in ("times", "quantities", "entities"):
            for mention in getattr(layers, name):
                item = _shift(mention.model_dump(mode="json"), offset)
                item["text"] = text[item["start"] : item["end"]]
                if name == "entities" and item.get("actor") is not None:
                    item["actor"] = ids.get(item["actor"])
                self._put(name, item)
        for claim in layers.claims:
            item = _shift(claim.model_dump(mode="json"), offset)
            item["id"] = f"c{self.counts['claims'] + 1}"
            item["times"] = [i + base_times for i in item["times"]]
            item["quantities"] = [i + base_quantities for i in item["quantities"]]
            item["actors"] = [ids[a] for a in item["actors"] if a in ids]
            source = (item.get("attribution") or {}).get("source")
            if source is not None and source.get("actor") is not None:
                source["actor"] = ids.get(source["actor"])
            self._put("claims", item)

    def _put(self, name: str, item: dict[str, Any]) -> None:
        self.counts[name] += 1
        self.sink.put(name, item)


class RecordSink:
    """The joined record in memory (the library's ``extract_*`` return records)."""

    def __init__(self) -> None:
        self.lists: dict[str, list[dict[str, Any]]] = {name: [] for name in STREAMED}

    def put(self, name: str, item: dict[str, Any]) -> None:
        self.lists[name].append(item)

    def finish(self, header: DocumentResult) -> DocumentResult:
        """``header``: the record with every field but the streamed lists."""
        data = header.model_dump(mode="json")
        data.update(self.lists)
        return DocumentResult.model_validate(data)


@dataclass(frozen=True)
class Spilled:
    """A record written to a file (one JSON line, no newline) instead of held."""

    id: str
    source: str
    path: str
    claims: int


class SpillSink:
    """The joined record written to a file as it is made; see the module docstring."""

    def __init__(self, folder: str | None) -> None:
        self.folder = tempfile.mkdtemp(prefix="record-", dir=folder)
        self.parts: dict[str, IO[str]] = {
            name: open(  # noqa: SIM115 - closed in finish or discard
                os.path.join(self.folder, f"{name}.part"), "w", encoding="utf-8"
            )
            for name in STREAMED
        }
        self.counts = dict.fromkeys(STREAMED, 0)

    def put(self, name: str, item: dict[str, Any]) -> None:
        if self.counts[name]:
            self.parts[name].write(",")
        self.parts[name].write(_dumps(item))
        self.counts[name] += 1

    def finish(self, header: DocumentResult) -> Spilled:
        """Write the record's JSON line: ``header``'s fields, the streamed lists in
        their places (the bytes of ``jsonl.dump`` of the whole record)."""
        for handle in self.parts.values():
            handle.close()
        path = os.path.join(self.folder, "record.json")
        data = header.model_dump(mode="json")
        with open(path, "w", encoding="utf-8") as out:
            out.write("{")
            for n, (key, value) in enumerate(data.items()):
                out.write(("," if n else "") + _dumps(key) + ":")
                if key in self.parts:
                    out.write("[")
                    with open(self.parts[key].name, encoding="utf-8") as part:
                        _copy(part, out)
                    out.write("]")
                else:
                    out.write(_dumps(value))
            out.write("}")
        for handle in self.parts.values():
            os.unlink(handle.name)
        return Spilled(header.id, header.source, path, self.counts["claims"])

    def discard(self) -> None:
        for handle in self.parts.values():
            handle.close()
        remove_spill(self.folder)


def remove_spill(path: str) -> None:
    """Remove a spilled record's file and its folder."""
    folder = path if os.path.isdir(path) else os.path.dirname(path)
    for name in os.listdir(folder):
        os.unlink(os.path.join(folder, name))
    os.rmdir(folder)


def read_spill(path: str) -> Iterator[str]:
    """A spilled record's line in pieces of a megabyte."""
    with open(path, encoding="utf-8") as handle:
        while chunk := handle.read(1 << 20):
            yield chunk


def _copy(source: IO[str], out: IO[str]) -> None:
    while chunk := source.read(1 << 20):
        out.write(chunk)


def _dumps(value: Any) -> str:
    # the separators and escaping of claimx.render.jsonl.dump
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


__all__ = [
    "CHUNK_CHARS",
    "CHUNK_TOKENS",
    "PUNCT_RUN",
    "SECTION_CHARS",
    "SECTION_TOKENS",
    "Joiner",
    "RecordSink",
    "SpillSink",
    "Spilled",
    "blank_punctuation_runs",
    "cut",
    "needs_chunks",
    "plan",
    "read_spill",
    "remove_spill",
]
