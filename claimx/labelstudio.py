"""Label Studio round trip: claimx records out as pre-annotated tasks, corrected annotations
back in as gold for ``claimx eval``.

A task (``task_of``) is ``{"data": {"text", "id", "date", "title"?}, "predictions":
[{"model_version", "result"}]}``; its results are text regions labelled Source, Cue, Content,
Time and Quantity, per-region text areas and choices that carry values and flags, and
relations that tie a claim's source and cue to its content. The names used here are those of
the labelling config in ``models/label_studio.xml`` (``claimx label-config``); the tests check
that the two agree.

Region ids are deterministic, so two exports of the same text are the same bytes and a
correction can be traced to the claim it changed: ``c3-content``, ``c3-source``, ``c3-cue`` for
claim ``c3`` (a source or cue shared with an earlier claim is that claim's region, linked twice),
``t0``... for ``times[0]``..., ``dateline`` for the dateline's date, ``q0``... for quantities.

Offsets. Label Studio's Text tag counts ``start``/``end`` in Unicode code points: its editor turns
the browser's UTF-16 positions into code points (HumanSignal/label-studio#1559 and
label-studio-frontend#308; the editor's "NER - Emoji" end-to-end tests pin "test" after "🐱 " at
21, not 22). Code points are Python ``str`` indices, so offsets go out as claimx has them. Exports
from releases before that fix counted UTF-16 code units (HumanSignal/label-studio#1347): every
offset after a character outside the Basic Multilingual Plane (an emoji) is one too far per such
character. On the way back in, a region whose ``text`` is not the task text at its offsets but is
at the offsets read as UTF-16 positions is converted; one that fits neither is an error, never a
silent shift.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from claimx.errors import ClaimxError

if TYPE_CHECKING:
    from claimx.records import Claim, DocumentResult

#: the labelling config, a file in models/ (vocabulary is data)
CONFIG_FILE: Final = "label_studio.xml"

#: the Text tag every region is on (``to_name``)
TEXT: Final = "text"
#: the Labels control and its labels
LABELS: Final = "label"
SOURCE: Final = "Source"
CUE: Final = "Cue"
CONTENT: Final = "Content"
TIME: Final = "Time"
QUANTITY: Final = "Quantity"
REGION_LABELS: Final = (SOURCE, CUE, CONTENT, TIME, QUANTITY)
#: per-region controls (``from_name``)
TIME_VALUE: Final = "time_value"
TIME_TYPE: Final = "time_type"
QUANTITY_VALUE: Final = "quantity_value"
CLAIM_DATE: Final = "claim_date"
CLAIM_FLAGS: Final = "claim_flags"
FROM_NAMES: Final = (LABELS, TIME_VALUE, TIME_TYPE, QUANTITY_VALUE, CLAIM_DATE, CLAIM_FLAGS)
TIME_TYPES: Final = ("DATE", "TIME", "DURATION", "SET")
#: the claim flags, as the Choices show them, and the claim field each sets
FLAGS: Final = {"direct quote": "direct_quote", "negated": "negated", "hedged": "hedged"}
#: relation labels: source -> content, cue -> content
SAYS: Final = "says"
CUE_OF: Final = "cue"
RELATION_LABELS: Final = (SAYS, CUE_OF)


class AnnotationError(ClaimxError):
    """A Label Studio task or annotation that cannot be read as gold."""

    kind = "annotation"


def label_config() -> str:
    """The labelling config's XML as kept in ``models/``, without the comment at its head
    (it is for claimx's maintainers: Label Studio before 1.15 checked the names in a
    config's comments as if they were tags, HumanSignal/label-studio#6613)."""
    from claimx.resources import resource_path

    text = resource_path(CONFIG_FILE).read_text(encoding="utf-8")
    return text[text.index("<View") :] if "<View" in text else text


# --------------------------------------------------------------------------- offsets


def utf16_offset(text: str, index: int) -> int:
    """The UTF-16 code-unit position of ``text[index]`` (what JavaScript's ``length`` counts):
    a character outside the Basic Multilingual Plane takes two units."""
    return index + sum(1 for ch in text[:index] if ord(ch) > 0xFFFF)


def codepoint_offset(text: str, unit: int) -> int | None:
    """The ``str`` index at UTF-16 position ``unit``; None when that position falls inside a
    surrogate pair or past the end (it cannot be a UTF-16 offset into this text)."""
    if unit < 0:
        return None
    count = 0
    for index, ch in enumerate(text):
        if count == unit:
            return index
        count += 2 if ord(ch) > 0xFFFF else 1
        if count > unit:
            return None
    return len(text) if count == unit else None


# --------------------------------------------------------------------------- export


def format_number(value: float) -> str:
    """5000, not 5000.0, and no exponent for a whole number JSON would print whole."""
    if value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return repr(value)


def quantity_text(
    value: float | None,
    low: float | None,
    high: float | None,
    unit: str | None,
    counted: str | None,
    comparator: str = "=",
) -> str | None:
    """What the quantity's text area shows: "5000 troops", "> 60 day", "5 to 10 kilometre";
    None when claimx has no number for it (the annotator may add one)."""
    if value is not None:
        number = format_number(value)
    elif low is not None and high is not None:
        number = f"{format_number(low)} to {format_number(high)}"
    else:
        return None
    if comparator != "=":
        number = f"{comparator} {number}"
    what = unit or counted
    return f"{number} {what}" if what else number


@dataclass
class _Results:
    """The results of one task under construction: regions (deduplicated where a region
    serves two claims), then per-region values and relations."""

    text: str
    regions: list[dict[str, Any]] = field(default_factory=list)
    extras: list[dict[str, Any]] = field(default_factory=list)
    relations: list[dict[str, Any]] = field(default_factory=list)
    seen: dict[tuple[int, int, str], str] = field(default_factory=dict)

    def region(self, rid: str, start: int, end: int, label: str, *, share: bool = True) -> str:
        """Add a labelled region, or with ``share`` find the one already at that span with that
        label (a source quoted twice is one region, linked to both claims)."""
        key = (start, end, label)
        if share and key in self.seen:
            return self.seen[key]
        self.seen.setdefault(key, rid)
        self.regions.append(
            {
                "id": rid,
                "from_name": LABELS,
                "to_name": TEXT,
                "type": "labels",
                "value": {
                    "start": start,
                    "end": end,
                    "text": self.text[start:end],
                    "labels": [label],
                },
            }
        )
        return rid

    def per_region(
        self, rid: str, start: int, end: int, control: str, kind: str, value: Any
    ) -> None:
        """A per-region control's result: Label Studio ties it to the region by the shared id."""
        payload = {"start": start, "end": end, ("text" if kind == "textarea" else "choices"): value}
        self.extras.append(
            {"id": rid, "from_name": control, "to_name": TEXT, "type": kind, "value": payload}
        )

    def relate(self, from_id: str, to_id: str, label: str) -> None:
        self.relations.append(
            {
                "from_id": from_id,
                "to_id": to_id,
                "type": "relation",
                "direction": "right",
                "labels": [label],
            }
        )

    def all(self) -> list[dict[str, Any]]:
        return [*self.regions, *self.extras, *self.relations]


def task_of(record: DocumentResult, model_version: str) -> dict[str, Any]:
    """One Label Studio task with claimx's results as a prediction (pre-annotation)."""
    text = record.text
    if text is None:  # every record claimx makes carries its text; a hand-made one may not
        raise ClaimxError(f"{record.id}: the record has no text to annotate")
    out = _Results(text)
    for claim in record.claims:
        attribution = claim.attribution
        content = attribution.content if attribution and attribution.content else claim
        content_id = f"{claim.id}-content"
        # never shared: two claims on one span stay two claims
        out.region(content_id, content.start, content.end, CONTENT, share=False)
        flags = [name for name, key in FLAGS.items() if _flag(claim, key)]
        if flags:
            out.per_region(content_id, content.start, content.end, CLAIM_FLAGS, "choices", flags)
        # only a date the claim states: a reference-date fallback is no annotation of it
        if claim.date is not None and claim.date_source == "explicit":
            date = [claim.date]
            out.per_region(content_id, content.start, content.end, CLAIM_DATE, "textarea", date)
        if attribution is None:
            continue
        if attribution.source is not None:
            s = attribution.source
            source_id = out.region(f"{claim.id}-source", s.start, s.end, SOURCE)
            out.relate(source_id, content_id, SAYS)
        c = attribution.cue
        cue_id = out.region(f"{claim.id}-cue", c.start, c.end, CUE)
        out.relate(cue_id, content_id, CUE_OF)
    timed = [(f"t{i}", t) for i, t in enumerate(record.times)]
    dateline = record.dateline.date if record.dateline else None
    if dateline is not None and not any(
        t.start == dateline.start and t.end == dateline.end for t in record.times
    ):
        # the bench scores the dateline's date as a time; so does claimx eval
        timed.insert(0, ("dateline", dateline))
    for name, time in timed:
        rid = out.region(name, time.start, time.end, TIME, share=False)
        out.per_region(rid, time.start, time.end, TIME_TYPE, "choices", [time.type])
        if time.value is not None:
            out.per_region(rid, time.start, time.end, TIME_VALUE, "textarea", [time.value])
    for i, q in enumerate(record.quantities):
        rid = out.region(f"q{i}", q.start, q.end, QUANTITY, share=False)
        shown = quantity_text(q.value, q.low, q.high, q.unit, q.counted, q.comparator)
        if shown is not None:
            out.per_region(rid, q.start, q.end, QUANTITY_VALUE, "textarea", [shown])
    data: dict[str, Any] = {
        "text": text,
        "id": record.id,
        "date": record.reference_date.value,
    }
    if record.title is not None:
        data["title"] = record.title
    return {"data": data, "predictions": [{"model_version": model_version, "result": out.all()}]}


def _flag(claim: Claim, key: str) -> bool:
    if key == "direct_quote":
        return bool(claim.attribution and claim.attribution.direct_quote)
    return bool(getattr(claim, key))


# --------------------------------------------------------------------------- import


@dataclass
class _Region:
    id: str
    start: int
    end: int
    text: str
    labels: set[str]


def last_annotation(task: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The task's last annotation that was not cancelled (skipped); None when there is none."""
    annotations = task.get("annotations") or []
    if not isinstance(annotations, list):
        return None
    kept = [a for a in annotations if isinstance(a, dict) and not a.get("was_cancelled")]
    return kept[-1] if kept else None


def gold_of_task(task: Mapping[str, Any], number: int) -> dict[str, Any] | None:
    """A task and its last finished annotation as a gold document in the bench's format
    (``{"id", "text", "date", "title", "gold": {...}}``); None when nobody annotated it.
    ``number``: the task's position in the export (1-based), for messages."""
    where = f"task {number}"
    data = task.get("data")
    if not isinstance(data, dict):
        raise AnnotationError(f"{where}: no 'data' object")
    text = data.get("text")
    if not isinstance(text, str):
        raise AnnotationError(f"{where}: no text in its data")
    ident = data.get("id")
    if not isinstance(ident, str) or not ident:
        ident = str(task["id"]) if isinstance(task.get("id"), int | str) else f"task-{number}"
    where = f"task {number} ({ident})"
    annotation = last_annotation(task)
    if annotation is None:
        return None
    results = annotation.get("result") or []
    if not isinstance(results, list):
        raise AnnotationError(f"{where}: its annotation's 'result' is not a list")
    regions: dict[str, _Region] = {}
    values: dict[tuple[str, str], list[str]] = {}
    links: list[tuple[str, str]] = []
    for result in results:
        if not isinstance(result, dict):
            continue
        kind = result.get("type")
        if kind == "relation":
            a, b = result.get("from_id"), result.get("to_id")
            if isinstance(a, str) and isinstance(b, str):
                links.append((a, b))
            continue
        rid = result.get("id")
        value = result.get("value")
        if not isinstance(rid, str) or not isinstance(value, dict):
            continue
        if kind == "labels" and result.get("from_name", LABELS) == LABELS:
            labels = {x for x in value.get("labels") or [] if isinstance(x, str)}
            start, end = _offsets(text, value, where, rid)
            previous = regions.get(rid)
            if previous is not None:  # one region split over two results: labels add up
                previous.labels |= labels
            else:
                regions[rid] = _Region(rid, start, end, text[start:end], labels)
        elif kind in ("textarea", "choices"):
            entries = value.get("text" if kind == "textarea" else "choices")
            if isinstance(entries, str):
                entries = [entries]
            name = str(result.get("from_name"))
            got = [e.strip() for e in entries or [] if isinstance(e, str) and e.strip()]
            values.setdefault((rid, name), []).extend(got)
    return {
        "id": ident,
        "text": text,
        "date": data.get("date") if isinstance(data.get("date"), str) else None,
        "title": data.get("title") if isinstance(data.get("title"), str) else None,
        "gold": _gold_layers(regions, values, links),
    }


def _offsets(text: str, value: Mapping[str, Any], where: str, rid: str) -> tuple[int, int]:
    start, end = value.get("start"), value.get("end")
    if not _is_int(start) or not _is_int(end):
        raise AnnotationError(f"{where}: region {rid} has no whole-number start and end")
    assert isinstance(start, int) and isinstance(end, int)
    shown = value.get("text")
    fits = 0 <= start < end <= len(text)
    if fits and (not isinstance(shown, str) or text[start:end] == shown):
        return start, end
    if isinstance(shown, str):
        # an export from a Label Studio that counted UTF-16 code units
        s, e = codepoint_offset(text, start), codepoint_offset(text, end)
        if s is not None and e is not None and text[s:e] == shown:
            return s, e
        raise AnnotationError(
            f"{where}: region {rid} ({start}-{end}) says {shown!r}, which is not the task text"
            " there (as code points or as UTF-16 units)"
        )
    raise AnnotationError(f"{where}: region {rid} ({start}-{end}) lies outside the text")


def _is_int(x: object) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _span(region: _Region) -> dict[str, Any]:
    return {"start": region.start, "end": region.end, "text": region.text}


def _gold_layers(
    regions: Mapping[str, _Region],
    values: Mapping[tuple[str, str], list[str]],
    links: Sequence[tuple[str, str]],
) -> dict[str, Any]:
    """Regions, per-region values and relations -> the bench's gold layers. Every layer the
    config offers is annotated (an empty one means "none there"); entities are not offered."""
    ordered = sorted(regions.values(), key=lambda r: (r.start, r.end, r.id))

    def labelled(label: str) -> list[_Region]:
        return [r for r in ordered if label in r.labels]

    def linked(region: _Region, label: str) -> _Region | None:
        # relations in the order drawn; either direction, whatever their label says
        for a, b in links:
            other = b if a == region.id else a if b == region.id else None
            if other is not None and other in regions and label in regions[other].labels:
                return regions[other]
        return None

    times: list[dict[str, Any]] = []
    for r in labelled(TIME):
        given = values.get((r.id, TIME_VALUE), [])
        kinds = [k.upper() for k in values.get((r.id, TIME_TYPE), [])]
        times.append(
            {
                **_span(r),
                "type": kinds[0] if kinds else None,
                "value": given[0] if given else None,
                "value_alternatives": given,
            }
        )
    quantities: list[dict[str, Any]] = []
    for r in labelled(QUANTITY):
        shown = next((s for s in values.get((r.id, QUANTITY_VALUE), []) if parse_quantity(s)), None)
        number = parse_quantity(shown) if shown is not None else None
        value, low, high = number or (None, None, None)
        unit = quantity_unit(shown) if shown is not None else None
        quantities.append(
            {**_span(r), "value": value, "low": low, "high": high, "unit": unit, "kind": None}
        )
    attributions: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    cued: set[str] = set()
    for r in labelled(CONTENT):
        source, cue = linked(r, SOURCE), linked(r, CUE)
        if cue is not None:
            cued.add(cue.id)
        if source is not None or cue is not None:
            attributions.append(
                {
                    "source": _span(source) if source else None,
                    "cue": _span(cue) if cue else None,
                    "content": _span(r),
                }
            )
        flags = {f.lower() for f in values.get((r.id, CLAIM_FLAGS), [])}
        dates = values.get((r.id, CLAIM_DATE), [])
        claims.append(
            {
                **_span(r),
                "date": dates[0] if dates else None,
                "date_alternatives": dates,
                "source": _span(source) if source else None,
                "cue": _span(cue) if cue else None,
                **{key: name in flags for name, key in FLAGS.items()},
            }
        )
    for r in labelled(CUE):
        if r.id not in cued:  # a cue with no content marked: an attribution all the same
            source = linked(r, SOURCE)
            attributions.append(
                {"source": _span(source) if source else None, "cue": _span(r), "content": None}
            )
    return {
        "times": times,
        "entities": None,
        "quantities": quantities,
        "attributions": attributions,
        "claims": claims,
    }


_NUMBER: Final = r"[-+]?(?:\d[\d,]*(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?"
_QUANTITY: Final = re.compile(
    rf"\s*(?:[<>]=?|=|~)?\s*({_NUMBER})(?:\s*(?:to|-|–|—)\s*({_NUMBER}))?", re.IGNORECASE
)


@dataclass(frozen=True)
class _Typed:
    """A quantity's text area read: its number(s) with any scale applied, the currency
    sign or code written before them, and the words after."""

    numbers: tuple[float, ...]
    prefix_unit: str | None
    words: list[str]


def _read_typed(shown: str) -> _Typed | None:
    """What claimx writes ("40000000000 USD", "5 to 10 kilometre", "> 60 day") and what an
    annotator may type instead: a currency before the number ("$5000", "US$ 40 billion") and
    a scale word after it ("5 million troops", "2.5bn euros"; "m", "b" only after a
    currency: "5 m" is five metres). Scale words are claimx's (models/numbers.json)."""
    from claimx.extract.quantities.lexicon import known_unit, scale_words

    text, prefix_unit = shown, None
    match = _QUANTITY.match(text)
    if match is None:
        head = _PREFIX.match(text)
        unit = known_unit(head.group(1)) if head else None
        if head is None or unit is None:
            return None
        text, prefix_unit = text[head.end() :], unit
        match = _QUANTITY.match(text)
        if match is None:
            return None
    numbers = tuple(float(g.replace(",", "")) for g in match.groups() if g is not None)
    words = text[match.end() :].split()
    if words:
        scales, word = scale_words(), words[0].lower()
        scale = scales.words.get(word) or scales.abbreviations.get(word)
        if scale is None and prefix_unit is not None:
            scale = scales.money_abbreviations.get(word)
        if scale is not None:
            numbers = tuple(n * scale for n in numbers)
            words = words[1:]
    return _Typed(numbers, prefix_unit, words)


#: a currency sign or code typed before the number: "$", "US$", "EUR", "£"
_PREFIX: Final = re.compile(r"\s*([^\d\s<>=~.+-][^\d\s]*)\s*(?=[-+.\d])")


def quantity_unit(shown: str) -> str | None:
    """The unit a quantity's text area names, as claimx names it ("5 to 10 km" ->
    "kilometre", "12 %" -> "percent", "40000000000 USD" and "$40 billion" -> "USD"); None
    when what follows is no unit claimx knows ("5000 troops": a count, whose unit is not
    judged) or when there is no number. The longest run of words that is a unit wins ("3
    km of road"); a lone letter or "in" only when nothing follows it ("2 in 5 adults")."""
    from claimx.extract.quantities.lexicon import known_unit

    typed = _read_typed(shown)
    if typed is None:
        return None
    if typed.prefix_unit is not None:
        return typed.prefix_unit
    words = typed.words
    for size in range(len(words), 0, -1):
        if size < len(words) and size == 1 and (len(words[0]) == 1 or words[0] == "in"):
            continue
        unit = known_unit(" ".join(words[:size]))
        if unit is not None:
            return unit
    return None


def parse_quantity(shown: str) -> tuple[float | None, float | None, float | None] | None:
    """The number(s) a quantity's text area holds: (value, None, None) for "5,000 troops",
    (None, low, high) for "5 to 10 kilometre", "5 million troops" as 5000000; None when it
    holds no number."""
    typed = _read_typed(shown)
    if typed is None:
        return None
    if len(typed.numbers) == 1:
        return typed.numbers[0], None, None
    return None, typed.numbers[0], typed.numbers[1]
