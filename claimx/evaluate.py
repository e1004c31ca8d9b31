"""``claimx eval``: score claimx against gold, with the benchmark's metric definitions.

Gold is either the benchmark's GOLD JSON Lines (one document a line, with its ``gold`` layers;
``../shared/bench/README.md``) or a Label Studio JSON export of tasks that ``claimx extract
--format label-studio`` made and people corrected (``claimx.labelstudio`` turns each task's last
finished annotation into the same gold form). Which one, the file says: a JSON array is an
export, JSON Lines are bench documents. Predictions are claimx's own records, made here from the
gold texts (each with its document's date as the reference date) or read from saved output.

The metrics follow the "Metrics" section of the bench README, written afresh here: claimx must
run without ``../shared``, and a scorer that shared code with the tool would share its mistakes.
In short: spans are matched one to one, greedily (identical spans first, then the larger overlap,
then the closer boundaries, then document order); P = matched / counted predictions, R = matched
/ gold, with no gold and no predictions P = R = 1 and otherwise x/0 = 0; accuracies are over
matched pairs, null when there is none. A gold layer that is null is not scored; predictions
outside a document's ``scored_regions`` are dropped; an unmatched prediction that
``pred_fp_filter`` names, or that overlaps an optional gold entity, is no false positive.

Units are compared in claimx's own vocabulary (``models/units.json``, read the way the
extractor reads it), not in the bench's alias table, which claimx does not ship: both sides go
to claimx's canonical unit name ("km", "kilometers" -> "kilometre"; "$", "US dollar" -> "USD";
"%" -> "percent"), "A per B" part by part, and a unit claimx does not know to a lower-case
singular string. A generic currency accepts the currencies claimx names after it ("dollar":
"Canadian dollar" is CAD, "US dollar" USD ...). Where the two tables disagree (the bench also
counts "ton" as "tonne" and "degree" as "degree Celsius", for example) the unit accuracy may
differ from the bench's; every other figure is the bench's.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Final, TypeVar

from claimx.errors import UsageError
from claimx.extract.quantities.lexicon import currency_families, known_unit, unit_text


class ReportFormat(enum.StrEnum):
    table = "table"
    json = "json"


#: prediction labels the entity layer scores, and the gold type each counts as; every other
#: label (NORP, PRODUCT, EVENT ...) is left out on the prediction side
ENTITY_TYPES: Final = {
    "PERSON": "PERSON",
    "PER": "PERSON",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
}
#: two numbers are the same value within this relative tolerance
REL_TOL: Final = 1e-6
LAYERS: Final = ("times", "entities", "quantities", "attributions", "claims")
#: the gold time types, in the order the per-type figures list them
TIME_TYPES: Final = ("DATE", "TIME", "DURATION", "SET")
#: the gold entity types, likewise
ENTITY_GOLD_TYPES: Final = ("PERSON", "ORG", "LOC")


# --------------------------------------------------------------------------- spans


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def overlap(self, other: Span) -> int:
        return min(self.end, other.end) - max(self.start, other.start)

    def same(self, other: Span) -> bool:
        return self.start == other.start and self.end == other.end

    def distance(self, other: Span) -> int:
        """How far apart the boundaries are: 0 for identical spans."""
        return abs(self.start - other.start) + abs(self.end - other.end)


G = TypeVar("G", bound=Span)
P = TypeVar("P", bound=Span)


def match(
    gold: Sequence[G],
    pred: Sequence[P],
    *,
    exact: bool = False,
    compatible: Callable[[G, P], bool] | None = None,
    prefer: Callable[[G, P], bool] | None = None,
) -> list[tuple[int, int]]:
    """One-to-one greedy alignment: (gold index, prediction index) pairs.

    Candidates overlap (or, ``exact``, are identical) and are ``compatible``. They are taken
    best first: identical spans, then pairs ``prefer`` likes, then the larger overlap, then
    the closer boundaries, then document order; a gold item or prediction once taken is out.
    """
    candidates: list[tuple[int, ...]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if not (g.same(p) if exact else g.overlaps(p)):
                continue
            if compatible is not None and not compatible(g, p):
                continue
            liked = prefer is None or prefer(g, p)
            candidates.append(
                (0 if g.same(p) else 1, 0 if liked else 1, -g.overlap(p), g.distance(p), gi, pi)
            )
    return _greedy(candidates)


def _greedy(candidates: list[tuple[int, ...]]) -> list[tuple[int, int]]:
    """Take the candidates in sorted order (gold and prediction index last), each side once."""
    candidates.sort()
    taken_gold: set[int] = set()
    taken_pred: set[int] = set()
    pairs = []
    for *_, gi, pi in candidates:
        if gi in taken_gold or pi in taken_pred:
            continue
        taken_gold.add(gi)
        taken_pred.add(pi)
        pairs.append((gi, pi))
    return pairs


# --------------------------------------------------------------------------- items


@dataclass(frozen=True, slots=True)
class GoldTime(Span):
    type: str | None
    values: frozenset[str]  # accepted TIMEX3 values, normalised; empty: not scored


@dataclass(frozen=True, slots=True)
class GoldEntity(Span):
    type: str
    alternatives: frozenset[str]
    optional: bool


@dataclass(frozen=True, slots=True)
class GoldQuantity(Span):
    value: float | None
    low: float | None
    high: float | None
    kind: str | None
    unit: str | None = None  # as the gold writes it; None or "": not judged

    @property
    def has_value(self) -> bool:
        return self.value is not None or (self.low is not None and self.high is not None)


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    source: Span | None
    cue: Span | None
    content: Span | None


@dataclass(frozen=True, slots=True)
class GoldClaim(Span):
    dates: frozenset[str]  # the date and its alternatives, normalised; empty: undated
    source: Span | None
    resolved: frozenset[str]  # lower-cased names a pronoun source stands for
    cue: Span | None
    direct_quote: bool | None  # None: not annotated, not judged
    negated: bool | None
    hedged: bool | None
    # the quantities in the claim; None: not annotated (a Label Studio export has no way to
    # tie a quantity to a claim), so the pair takes no part in "quantities in matched"
    quantities: tuple[GoldQuantity, ...] | None = ()


@dataclass(frozen=True, slots=True)
class PredTime(Span):
    type: str | None
    value: str | None


@dataclass(frozen=True, slots=True)
class PredEntity(Span):
    type: str
    label: str


@dataclass(frozen=True, slots=True)
class PredQuantity(Span):
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    kind: str | None


@dataclass(frozen=True, slots=True)
class PredClaim(Span):
    attributed: bool
    source: Span | None
    source_name: str | None  # the name of the source's actor
    cue: Span | None
    direct_quote: bool
    negated: bool
    hedged: bool
    date: str | None
    date_source: str | None
    quantities: tuple[PredQuantity, ...] = ()  # the quantities the claim points to


@dataclass
class GoldDocument:
    id: str
    set: str
    text: str
    date: str | None = None
    title: str | None = None
    times: list[GoldTime] | None = None
    entities: list[GoldEntity] | None = None
    quantities: list[GoldQuantity] | None = None
    attributions: list[GoldAttribution] | None = None
    claims: list[GoldClaim] | None = None
    regions: list[Span] = field(default_factory=list)
    fp_filter: dict[str, Any] = field(default_factory=dict)


@dataclass
class Prediction:
    times: list[PredTime] = field(default_factory=list)
    entities: list[PredEntity] = field(default_factory=list)
    quantities: list[PredQuantity] = field(default_factory=list)
    claims: list[PredClaim] = field(default_factory=list)


# --------------------------------------------------------------------------- values


def number(x: object) -> float | None:
    """A finite number from JSON (a numeric string too, "5,000"); None otherwise."""
    if isinstance(x, bool) or x is None:
        return None
    if isinstance(x, int | float):
        return float(x) if math.isfinite(x) else None
    if isinstance(x, str):
        try:
            v = float(x.strip().replace(",", ""))
        except ValueError:
            return None
        return v if math.isfinite(v) else None
    return None


def _text(x: object) -> str | None:
    if isinstance(x, str):
        return x
    if isinstance(x, int | float) and not isinstance(x, bool):
        return str(x)
    return None


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    return a == b or abs(a - b) <= REL_TOL * max(abs(a), abs(b))


def timex(value: object) -> str | None:
    """A TIMEX3 value as compared: whitespace collapsed, upper-cased."""
    shown = _text(value)
    return " ".join(shown.split()).upper() if shown is not None else None


def _accepted(first: object, alternatives: object) -> frozenset[str]:
    """A value and its alternatives (a string or a list), normalised."""
    more = [alternatives] if isinstance(alternatives, str) else alternatives
    items = [first, *(more if isinstance(more, list) else [])]
    return frozenset(v for v in map(timex, items) if v is not None)


def time_value_ok(g: GoldTime, p: PredTime) -> bool:
    value = timex(p.value)
    return value is not None and value in g.values


def quantity_value_ok(g: GoldQuantity, p: PredQuantity) -> bool:
    if g.value is not None and close(g.value, p.value):
        return True
    return (
        g.low is not None and g.high is not None and close(g.low, p.low) and close(g.high, p.high)
    )


# --------------------------------------------------------------------------- units


def unit_name(unit: str | None) -> str | None:
    """The name a unit is compared by: claimx's canonical name, or for a unit claimx does not
    know its lower-case singular ("Furlongs" -> "furlong"); None for no unit."""
    if unit is None:
        return None
    text = unit_text(unit)
    if not text:
        return None
    known = known_unit(text)
    if known is not None:
        return known
    low = text.lower()
    if low.endswith(("ches", "shes", "sses", "xes", "zes")):
        return low[:-2]
    if low.endswith("s") and not low.endswith("ss") and len(low) > 2:
        return low[:-1]
    return low


def _same_unit(g: str, p: str) -> bool:
    if g == p:
        return True
    families = currency_families()
    if p in families.get(g, ()) or g in families.get(p, ()):
        return True  # "dollar" and "CAD"
    if " per " in g and " per " in p:
        g1, _, g2 = g.partition(" per ")
        p1, _, p2 = p.partition(" per ")
        return _same_unit(g1, p1) and _same_unit(g2, p2)
    return False


def same_unit(gold: str | None, pred: str | None) -> bool:
    """Whether a predicted unit is the gold unit (no unit on either side: no)."""
    g, p = unit_name(gold), unit_name(pred)
    return g is not None and p is not None and _same_unit(g, p)


# --------------------------------------------------------------------------- gold


def _span_of(obj: object) -> Span | None:
    """A gold span: whole-number offsets, end past start; None otherwise."""
    if not isinstance(obj, dict):
        return None
    s, e = _whole(obj.get("start")), _whole(obj.get("end"))
    if s is None or e is None or e <= s:
        return None
    return Span(s, e)


def _whole(x: object) -> int | None:
    if isinstance(x, bool):
        return None
    if isinstance(x, int):
        return x
    if isinstance(x, float) and x.is_integer():
        return int(x)
    return None


def _is_day(x: object) -> bool:
    """The reference date claimx is given: "2021-09-27", a real day (as claimx reads a
    document's date)."""
    from claimx.inputs import parse_iso_date

    if not isinstance(x, str):
        return False
    try:
        parse_iso_date(x)
    except ValueError:
        return False
    return True


def _flag(x: object) -> bool | None:
    return x if isinstance(x, bool) else None


def _gold_time(obj: dict[str, Any], span: Span) -> GoldTime:
    kind = _text(obj.get("type"))
    values = _accepted(obj.get("value"), obj.get("value_alternatives"))
    return GoldTime(span.start, span.end, kind.upper() if kind else None, values)


def _gold_entity(obj: dict[str, Any], span: Span) -> GoldEntity:
    others = obj.get("type_alternatives")
    alternatives = (
        frozenset(a for a in others if isinstance(a, str))
        if isinstance(others, list)
        else frozenset()
    )
    return GoldEntity(
        span.start, span.end, str(obj.get("type")), alternatives, obj.get("optional") is True
    )


def _gold_quantity(obj: dict[str, Any], span: Span) -> GoldQuantity:
    value, low, high = (number(obj.get(k)) for k in ("value", "low", "high"))
    return GoldQuantity(
        span.start, span.end, value, low, high, _text(obj.get("kind")), _text(obj.get("unit"))
    )


def _gold_claim(obj: dict[str, Any], span: Span, *, quantities: bool = True) -> GoldClaim:
    """A gold claim; ``quantities``: whether the gold says which quantities are in it (when it
    does, a claim without the key has none)."""
    # alternatives widen a date; without a date the claim is undated, whatever they say
    date = obj.get("date")
    dates = _accepted(date, obj.get("date_alternatives")) if date is not None else frozenset()
    resolved = obj.get("source_resolved")
    names = (
        [resolved] if isinstance(resolved, str) else resolved if isinstance(resolved, list) else []
    )
    return GoldClaim(
        span.start,
        span.end,
        dates,
        _span_of(obj.get("source")),
        frozenset(n.strip().lower() for n in names if isinstance(n, str) and n.strip()),
        _span_of(obj.get("cue")),
        _flag(obj.get("direct_quote")),
        _flag(obj.get("negated")),
        _flag(obj.get("hedged")),
        _claim_quantities(obj.get("quantities")) if quantities else None,
    )


def _claim_quantities(items: object) -> tuple[GoldQuantity, ...]:
    if not isinstance(items, list):
        return ()
    return tuple(
        _gold_quantity(item, span) for item in items if (span := _span_of(item)) is not None
    )


Item = TypeVar("Item")


def _layer(
    gold: Mapping[str, Any], layer: str, make: Callable[[dict[str, Any], Span], Item], where: str
) -> list[Item] | None:
    """A gold layer: None when not annotated; items without a usable span are left out."""
    items = gold.get(layer)
    if items is None:
        return None
    if not isinstance(items, list):
        raise ValueError(f"{where}: gold '{layer}' is not a list")
    return [make(item, span) for item in items if (span := _span_of(item)) is not None]


def gold_document(
    obj: Mapping[str, Any], default_set: str, where: str, *, claim_quantities: bool = True
) -> GoldDocument:
    """One gold document of the bench's format; a problem raises ValueError naming it.
    ``claim_quantities``: False when the gold cannot say which quantities a claim holds (a
    Label Studio export), so that figure is not judged."""
    ident, text = obj.get("id"), obj.get("text")
    if not isinstance(ident, str) or not ident:
        raise ValueError(f"{where}: no string 'id'")
    if not isinstance(text, str):
        raise ValueError(f"{where}: no string 'text'")
    date = obj.get("date")
    if date is not None and not _is_day(date):
        raise ValueError(f"{where}: date {date!r} is not a day written YYYY-MM-DD")
    gold = obj.get("gold")
    gold = gold if isinstance(gold, dict) else {}
    name = obj.get("set")
    doc = GoldDocument(
        id=ident,
        set=name if isinstance(name, str) else default_set,
        text=text,
        date=date,
        title=obj.get("title") if isinstance(obj.get("title"), str) else None,
    )
    doc.times = _layer(gold, "times", _gold_time, where)
    doc.entities = _layer(gold, "entities", _gold_entity, where)
    doc.quantities = _layer(gold, "quantities", _gold_quantity, where)
    doc.claims = _layer(
        gold,
        "claims",
        lambda item, span: _gold_claim(item, span, quantities=claim_quantities),
        where,
    )
    attributions = gold.get("attributions")
    if attributions is not None:
        if not isinstance(attributions, list):
            raise ValueError(f"{where}: gold 'attributions' is not a list")
        doc.attributions = [
            GoldAttribution(
                _span_of(a.get("source")), _span_of(a.get("cue")), _span_of(a.get("content"))
            )
            for a in attributions
            if isinstance(a, dict)
        ]
    regions = obj.get("scored_regions")
    for pair in regions if isinstance(regions, list) else []:
        if isinstance(pair, list) and len(pair) == 2:
            s, e = _whole(pair[0]), _whole(pair[1])
            if s is not None and e is not None:
                doc.regions.append(Span(s, e))
    if isinstance(obj.get("pred_fp_filter"), dict):
        doc.fp_filter = obj["pred_fp_filter"]
    return doc


@dataclass
class Gold:
    """A gold file read: its documents, and what was left out (for a note on stderr)."""

    path: str
    kind: str  # "label-studio" or "bench"
    documents: list[GoldDocument]
    unannotated: int = 0  # Label Studio tasks nobody finished


def load_gold(path: str) -> Gold:
    """Read a gold file, a Label Studio export (a JSON array) or bench JSON Lines, telling
    them apart by their first character. Every problem is a UsageError naming the file."""
    from claimx.labelstudio import AnnotationError, gold_of_task

    source = Path(path)
    default_set = source.name.rsplit(".", 1)[0] if "." in source.name else source.name
    try:
        raw = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a folder, not a gold file") from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror}") from None
    body = raw.lstrip("\ufeff \t\r\n")
    if not body:
        raise UsageError(f"{path}: empty; expected a Label Studio export or gold JSON Lines")
    items: list[tuple[str, Any]]
    if body.startswith("["):
        try:
            parsed = json.loads(body)
        except json.JSONDecodeError as exc:
            raise UsageError(f"{path}: not JSON: {exc.msg} at line {exc.lineno}") from None
        items = [(f"item {n}", x) for n, x in enumerate(parsed, 1)]
    else:
        items = []
        for n, line in enumerate(raw.splitlines(), 1):
            if not line.strip():
                continue
            try:
                items.append((f"line {n}", json.loads(line)))
            except json.JSONDecodeError as exc:
                raise UsageError(f"{path}: line {n}: not JSON: {exc.msg}") from None
    # a task (with "data") is Label Studio's; anything else a bench document
    gold = Gold(path, "bench", [])
    for position, (where, item) in enumerate(items, 1):
        if not isinstance(item, dict):
            raise UsageError(f"{path}: {where}: not a JSON object")
        try:
            task = "data" in item
            if task:  # a Label Studio task
                gold.kind = "label-studio"
                converted = gold_of_task(item, position)
                if converted is None:
                    gold.unannotated += 1
                    continue
                item = converted
                where = f"task {position}"
            # the labelling config cannot tie a quantity to a claim
            gold.documents.append(
                gold_document(item, default_set, where, claim_quantities=not task)
            )
        except (AnnotationError, ValueError) as exc:
            raise UsageError(f"{path}: {exc}") from None
    if not gold.documents:
        found = "no annotated task" if gold.kind == "label-studio" else "no document"
        raise UsageError(f"{path}: {found} to score")
    return gold


# --------------------------------------------------------------------------- predictions


def _pred_span(obj: object, size: int, issues: Counter[str], what: str) -> Span | None:
    if not isinstance(obj, dict):
        issues[f"{what} that is not an object"] += 1
        return None
    s, e = _whole(obj.get("start")), _whole(obj.get("end"))
    if s is None or e is None or not 0 <= s < e <= size:
        issues[f"{what} with bad offsets"] += 1
        return None
    return Span(s, e)


def _items(record: Mapping[str, Any], key: str, issues: Counter[str]) -> list[Any]:
    value = record.get(key)
    if isinstance(value, list):
        return value
    issues[f"'{key}' missing or not a list"] += 1
    return []


def prediction(record: Mapping[str, Any], size: int, issues: Counter[str]) -> Prediction:
    """claimx's output for one document (its JSON form) as the items the metrics compare.
    ``size``: the gold text's length (offsets past it are bad). Odd items are counted in
    ``issues``, never fatal."""
    out = Prediction()
    for item in _items(record, "times", issues):
        span = _pred_span(item, size, issues, "time")
        if span:
            kind = _text(item.get("type"))
            out.times.append(
                PredTime(
                    span.start, span.end, kind.upper() if kind else None, _text(item.get("value"))
                )
            )
    dateline = record.get("dateline")
    date = dateline.get("date") if isinstance(dateline, dict) else None
    if isinstance(date, dict):
        # the dateline's date is a time of the text; claimx reports it there only
        span = _pred_span(date, size, issues, "dateline date")
        if span and not any(t.same(span) for t in out.times):
            kind = _text(date.get("type"))
            out.times.append(
                PredTime(
                    span.start, span.end, kind.upper() if kind else "DATE", _text(date.get("value"))
                )
            )
    for item in _items(record, "entities", issues):
        span = _pred_span(item, size, issues, "entity")
        if span:
            label = _text(item.get("label")) or ""
            mapped = ENTITY_TYPES.get(label.upper())
            if mapped is not None:
                out.entities.append(PredEntity(span.start, span.end, mapped, label))
    by_index: dict[int, PredQuantity] = {}  # position in the record -> the quantity read
    for position, item in enumerate(_items(record, "quantities", issues)):
        span = _pred_span(item, size, issues, "quantity")
        if span:
            by_index[position] = PredQuantity(
                span.start,
                span.end,
                number(item.get("value")),
                number(item.get("low")),
                number(item.get("high")),
                _text(item.get("unit")),
                _text(item.get("kind")),
            )
            out.quantities.append(by_index[position])
    names = {
        a["id"]: a["name"]
        for a in record.get("actors") or []
        if isinstance(a, dict) and isinstance(a.get("id"), str) and isinstance(a.get("name"), str)
    }
    for item in _items(record, "claims", issues):
        span = _pred_span(item, size, issues, "claim")
        if not span:
            continue
        attribution = item.get("attribution")
        source = cue = None
        actor = None
        if isinstance(attribution, dict):
            if attribution.get("source") is not None:
                source = _pred_span(attribution["source"], size, issues, "claim source")
                if source is not None:
                    actor = attribution["source"].get("actor")
            if attribution.get("cue") is not None:
                cue = _pred_span(attribution["cue"], size, issues, "claim cue")
        elif attribution is not None:
            issues["attribution that is not an object"] += 1
        out.claims.append(
            PredClaim(
                span.start,
                span.end,
                attributed=isinstance(attribution, dict),
                source=source,
                source_name=names.get(actor) if isinstance(actor, str) else None,
                cue=cue,
                direct_quote=isinstance(attribution, dict)
                and attribution.get("direct_quote") is True,
                negated=item.get("negated") is True,
                hedged=item.get("hedged") is True,
                date=_text(item.get("date")),
                date_source=_text(item.get("date_source")),
                quantities=_pointed(item.get("quantities"), by_index, issues),
            )
        )
    return out


def _pointed(
    indices: object, by_index: Mapping[int, PredQuantity], issues: Counter[str]
) -> tuple[PredQuantity, ...]:
    """The quantities a claim points to (indices into the record's ``quantities``), each once;
    an index that points nowhere (or at a quantity left out) is an issue."""
    if indices is None:
        return ()
    if not isinstance(indices, list):
        issues["claim 'quantities' that is not a list"] += 1
        return ()
    seen: list[int] = []
    for x in indices:
        index = _whole(x)
        if index is None or index not in by_index:
            issues["claim quantity index that points nowhere"] += 1
        elif index not in seen:
            seen.append(index)
    return tuple(by_index[i] for i in seen)


def read_predictions(path: str) -> Iterator[tuple[str, Any]]:
    """Saved claimx output: JSON Lines, a JSON array (``--format json``) or one JSON object
    (one document's ``--format json``). Yields (where, object); a problem is a UsageError."""
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read: {exc}") from None
    body = raw.lstrip("\ufeff \t\r\n")
    whole: Any = None
    if body.startswith("["):
        try:
            whole = json.loads(body)
        except json.JSONDecodeError as exc:
            raise UsageError(f"{path}: not JSON: {exc.msg} at line {exc.lineno}") from None
        for n, item in enumerate(whole, 1):
            yield f"item {n}", item
        return
    lines = [(n, line) for n, line in enumerate(raw.splitlines(), 1) if line.strip()]
    try:
        parsed = [(f"line {n}", json.loads(line)) for n, line in lines]
    except json.JSONDecodeError:
        try:  # one pretty-printed object
            whole = json.loads(body)
        except json.JSONDecodeError as exc:
            raise UsageError(
                f"{path}: neither JSON Lines nor JSON: {exc.msg} at line {exc.lineno}"
            ) from None
        yield "the object", whole
        return
    yield from parsed


# --------------------------------------------------------------------------- scoring


@dataclass
class Counts:
    """What P/R/F1 are made of."""

    tp: int = 0
    n_gold: int = 0
    n_pred: int = 0

    def add(self, tp: int, n_gold: int, n_pred: int) -> None:
        self.tp += tp
        self.n_gold += n_gold
        self.n_pred += n_pred

    def report(self) -> dict[str, Any]:
        nothing = self.n_gold == 0 and self.n_pred == 0
        p = self.tp / self.n_pred if self.n_pred else (1.0 if nothing else 0.0)
        r = self.tp / self.n_gold if self.n_gold else (1.0 if nothing else 0.0)
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "tp": self.tp,
            "n_gold": self.n_gold,
            "n_pred": self.n_pred,
            "precision": p,
            "recall": r,
            "f1": f,
        }


@dataclass
class Share:
    """What an accuracy is made of."""

    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.correct += ok

    def report(self) -> dict[str, Any]:
        accuracy = self.correct / self.total if self.total else None
        return {"correct": self.correct, "total": self.total, "accuracy": accuracy}


def _ignored(pred: Span, rule: object) -> bool:
    """``pred_fp_filter`` for one layer: "all", or {field: [values]} (strings compared
    without case; null is a value too)."""
    if rule == "all":
        return True
    if not isinstance(rule, dict):
        return False
    for name, wanted in rule.items():
        options = wanted if isinstance(wanted, list) else [wanted]
        have = getattr(pred, name, None)
        if isinstance(have, str):
            if any(isinstance(o, str) and o.lower() == have.lower() for o in options):
                return True
        elif have in options:
            return True
    return False


def _counted(
    preds: Sequence[Span],
    pairs: Iterable[tuple[int, int]],
    rule: object = None,
    optional: Sequence[Span] = (),
) -> int:
    """Predictions that count: the matched ones, and the unmatched ones no rule excuses."""
    matched = {pi for _, pi in pairs}
    return sum(
        1
        for pi, p in enumerate(preds)
        if pi in matched or not (_ignored(p, rule) or any(p.overlaps(o) for o in optional))
    )


@dataclass
class SetScore:
    """Running counts for one set of documents (sets are never mixed)."""

    name: str
    docs: int = 0
    missing: int = 0
    layers: set[str] = field(default_factory=set)
    prf: dict[str, Counts] = field(default_factory=dict)
    acc: dict[str, Share] = field(default_factory=dict)
    tallies: Counter[str] = field(default_factory=Counter)

    def counts(self, key: str) -> Counts:
        return self.prf.setdefault(key, Counts())

    def share(self, key: str) -> Share:
        return self.acc.setdefault(key, Share())

    # -- layers

    def times(self, gold: list[GoldTime], preds: list[PredTime], rule: object) -> None:
        self.layers.add("times")
        strict = match(gold, preds, exact=True)
        relaxed = match(gold, preds)
        self.counts("times.strict").add(len(strict), len(gold), _counted(preds, strict, rule))
        counted = _counted(preds, relaxed, rule)
        self.counts("times.relaxed").add(len(relaxed), len(gold), counted)
        valued = [g for g in gold if g.values]
        right = 0
        # per gold type: how many, found with identical / overlapping spans, values
        found = {gi for gi, _ in strict}
        for gi, g in enumerate(gold):
            kind = g.type or "?"
            self.tallies[f"times.{kind}.gold"] += 1
            self.tallies[f"times.{kind}.strict"] += gi in found
            self.tallies[f"times.{kind}.valued"] += bool(g.values)
        for gi, pi in relaxed:
            g, p = gold[gi], preds[pi]
            kind = g.type or "?"
            self.tallies[f"times.{kind}.relaxed"] += 1
            if g.values:
                ok = time_value_ok(g, p)
                self.share("times.value").add(ok)
                self.share(f"times.{kind}.value").add(ok)
                right += ok
            else:
                counted -= 1  # a gold time without a value takes no part in value F1
            if g.type:
                self.share("times.type").add((p.type or "").upper() == g.type)
        self.counts("times.value_f1").add(right, len(valued), counted)

    def entities(self, gold: list[GoldEntity], preds: list[PredEntity], rule: object) -> None:
        self.layers.add("entities")
        required = [g for g in gold if not g.optional]
        optional = [g for g in gold if g.optional]

        def typed(g: GoldEntity, p: PredEntity) -> bool:
            return p.type == g.type or p.type in g.alternatives

        typed_pairs = match(required, preds, compatible=typed)
        for key, pairs in (
            ("entities.typed", typed_pairs),
            ("entities.untyped", match(required, preds)),
            ("entities.strict_typed", match(required, preds, exact=True, compatible=typed)),
        ):
            self.counts(key).add(len(pairs), len(required), _counted(preds, pairs, rule, optional))
        # per type (typed relaxed): a gold item counts towards its type, a prediction towards
        # its own, so a gold ORG found as LOC (an accepted alternative) is an ORG found and a
        # right LOC prediction
        for g in required:
            self.tallies[f"entities.{g.type}.gold"] += 1
        for gi, pi in typed_pairs:
            self.tallies[f"entities.{required[gi].type}.found"] += 1
            self.tallies[f"entities.{preds[pi].type}.right"] += 1
        matched = {pi for _, pi in typed_pairs}
        for pi, p in enumerate(preds):
            if pi in matched or not (_ignored(p, rule) or any(p.overlaps(o) for o in optional)):
                self.tallies[f"entities.{p.type}.pred"] += 1

    def quantities(self, gold: list[GoldQuantity], preds: list[PredQuantity], rule: object) -> None:
        self.layers.add("quantities")
        relaxed = match(gold, preds)
        strict = match(gold, preds, exact=True)
        self.counts("quantities.relaxed").add(
            len(relaxed), len(gold), _counted(preds, relaxed, rule)
        )
        self.counts("quantities.strict").add(len(strict), len(gold), _counted(preds, strict, rule))
        for gi, pi in relaxed:
            g, p = gold[gi], preds[pi]
            if g.has_value:
                self.share("quantities.value").add(quantity_value_ok(g, p))
            if g.unit:  # no gold unit (a count): a predicted unit is not judged
                self.share("quantities.unit").add(same_unit(g.unit, p.unit))
            if g.kind:
                self.share("quantities.kind").add((p.kind or "").lower() == g.kind.lower())

    def attributions(self, gold: list[GoldAttribution], claims: list[PredClaim]) -> None:
        self.layers.add("attributions")
        attributed = [c for c in claims if c.attributed]
        for key, gold_spans, pred_spans in (
            ("source", [a.source for a in gold], [c.source for c in attributed]),
            ("cue", [a.cue for a in gold], [c.cue for c in attributed]),
        ):
            g_spans = [s for s in gold_spans if s is not None]
            p_spans = [s for s in pred_spans if s is not None]
            self.counts(f"attributions.{key}").add(
                len(match(g_spans, p_spans)), len(g_spans), len(p_spans)
            )
        # content: attributed claim spans against gold contents; a claim left over whose cue
        # is a gold cue without a content annotation is not held against it
        content_spans = [
            _Anchored(a.content.start, a.content.end, a) for a in gold if a.content is not None
        ]
        bare_cues = [a.cue for a in gold if a.content is None and a.cue is not None]

        def same_cue(g: _Anchored, p: PredClaim) -> bool:
            cue = g.attribution.cue
            return cue is not None and p.cue is not None and cue.overlaps(p.cue)

        pairs = match(content_spans, attributed, prefer=same_cue)
        matched = {pi for _, pi in pairs}
        counted = sum(
            1
            for pi, c in enumerate(attributed)
            if pi in matched or c.cue is None or not any(c.cue.overlaps(q) for q in bare_cues)
        )
        self.counts("attributions.content").add(len(pairs), len(content_spans), counted)
        self.tallies["attributions.content_any.tp"] += len(
            match(content_spans, claims, prefer=same_cue)
        )
        self.tallies["attributions.content_any.gold"] += len(content_spans)
        # joint: right claim and right claimer
        anchors = [
            _Anchored(anchor.start, anchor.end, a)
            for a in gold
            if (anchor := a.content or a.cue) is not None
        ]
        self.counts("attributions.joint").add(
            len(_joint(anchors, attributed)), len(anchors), len(attributed)
        )

    def claims(self, gold: list[GoldClaim], preds: list[PredClaim], rule: object) -> None:
        self.layers.add("claims")
        relaxed = match(gold, preds)
        strict = match(gold, preds, exact=True)
        self.counts("claims.relaxed").add(len(relaxed), len(gold), _counted(preds, relaxed, rule))
        self.counts("claims.strict").add(len(strict), len(gold), _counted(preds, strict, rule))
        self.tallies["claims.gold_dated"] += sum(1 for g in gold if g.dates)
        for gi, pi in relaxed:
            g, p = gold[gi], preds[pi]
            if g.dates:
                self.share("claims.date").add(timex(p.date) in g.dates)
            else:  # undated: a reference-date fallback is fine, an invented date is not
                self.share("claims.undated").add((p.date_source or "").lower() != "explicit")
            if g.source is None:
                source_ok = p.source is None
            else:
                name = (p.source_name or "").strip().lower()
                source_ok = p.source is not None and (
                    g.source.overlaps(p.source) or (bool(name) and name in g.resolved)
                )
            self.share("claims.source").add(source_ok)
            cue_ok = p.cue is None if g.cue is None else p.cue is not None and g.cue.overlaps(p.cue)
            self.share("claims.cue").add(cue_ok)
            for flag in ("direct_quote", "negated", "hedged"):
                wanted = getattr(g, flag)
                if wanted is not None:
                    self.share(f"claims.{flag}").add(getattr(p, flag) == wanted)
            if g.quantities is not None:
                # the claim's quantities against those the predicted claim points to
                self.tallies["claims.quantity_pairs"] += 1
                inside = match(g.quantities, p.quantities)
                self.counts("claims.quantities").add(
                    len(inside), len(g.quantities), len(p.quantities)
                )
                for qg, qp in inside:
                    if g.quantities[qg].has_value:
                        self.share("claims.quantity_value").add(
                            quantity_value_ok(g.quantities[qg], p.quantities[qp])
                        )

    # -- one document

    def document(self, doc: GoldDocument, pred: Prediction | None) -> None:
        self.docs += 1
        if pred is None:
            self.missing += 1
            pred = Prediction()

        def kept(items: list[P]) -> list[P]:
            if not doc.regions:
                return items
            return [p for p in items if any(p.overlaps(r) for r in doc.regions)]

        rules = doc.fp_filter
        if doc.times is not None:
            self.times(doc.times, kept(pred.times), rules.get("times"))
        if doc.entities is not None:
            self.entities(doc.entities, kept(pred.entities), rules.get("entities"))
        if doc.quantities is not None:
            self.quantities(doc.quantities, kept(pred.quantities), rules.get("quantities"))
        if doc.attributions is not None:
            self.attributions(doc.attributions, kept(pred.claims))
        if doc.claims is not None:
            self.claims(doc.claims, kept(pred.claims), rules.get("claims"))

    # -- figures

    def report(self) -> dict[str, Any]:
        def prf(key: str) -> dict[str, Any]:
            return self.prf.get(key, Counts()).report()

        def acc(key: str) -> dict[str, Any]:
            return self.acc.get(key, Share()).report()

        out: dict[str, Any] = {
            "docs": self.docs,
            "missing_docs": self.missing,
            "scored_layers": [layer for layer in LAYERS if layer in self.layers],
        }
        if "times" in self.layers:
            out["times"] = {
                "strict": prf("times.strict"),
                "relaxed": prf("times.relaxed"),
                "value_f1": prf("times.value_f1"),
                "value_accuracy": acc("times.value"),
                "type_accuracy": acc("times.type"),
                "by_gold_type": self._times_by_type(),
            }
        if "entities" in self.layers:
            out["entities"] = {
                "typed": prf("entities.typed"),
                "untyped": prf("entities.untyped"),
                "strict_typed": prf("entities.strict_typed"),
                "by_type": self._entities_by_type(),
            }
        if "quantities" in self.layers:
            out["quantities"] = {
                "relaxed": prf("quantities.relaxed"),
                "strict": prf("quantities.strict"),
                "value_accuracy": acc("quantities.value"),
                "unit_accuracy": acc("quantities.unit"),
                "kind_accuracy": acc("quantities.kind"),
            }
        if "attributions" in self.layers:
            n = self.tallies["attributions.content_any.gold"]
            found = self.tallies["attributions.content_any.tp"]
            out["attributions"] = {
                "source": prf("attributions.source"),
                "cue": prf("attributions.cue"),
                "content": prf("attributions.content"),
                "joint": prf("attributions.joint"),
                "content_recall_any_claim": {
                    "tp": found,
                    "n_gold": n,
                    "recall": found / n if n else None,
                },
            }
        if "claims" in self.layers:
            out["claims"] = {
                "relaxed": prf("claims.relaxed"),
                "strict": prf("claims.strict"),
                "n_gold_dated": self.tallies["claims.gold_dated"],
                "date_accuracy": acc("claims.date"),
                "undated_accuracy": acc("claims.undated"),
                "source_accuracy": acc("claims.source"),
                "cue_accuracy": acc("claims.cue"),
                "direct_quote_accuracy": acc("claims.direct_quote"),
                "negated_accuracy": acc("claims.negated"),
                "hedged_accuracy": acc("claims.hedged"),
                "quantities": prf("claims.quantities"),
                "quantity_value_accuracy": acc("claims.quantity_value"),
            }
            if not self.tallies["claims.quantity_pairs"]:  # no matched claim to look inside
                out["claims"]["quantities"].update(precision=None, recall=None, f1=None)
        return out

    def _times_by_type(self) -> dict[str, Any]:
        """Per gold type (those with gold items; "?" for none): recall with identical and
        with overlapping spans, value accuracy and recall."""
        t = self.tallies
        seen = {
            key.split(".")[1] for key in t if key.startswith("times.") and key.endswith(".gold")
        }
        kinds: list[str] = [k for k in TIME_TYPES if k in seen]
        kinds += sorted(k for k in seen if k not in TIME_TYPES and k != "?")
        kinds += ["?"] if "?" in seen else []
        out: dict[str, Any] = {}
        for kind in kinds:
            n = t[f"times.{kind}.gold"]
            if not n:
                continue
            value = self.acc.get(f"times.{kind}.value", Share())
            valued = t[f"times.{kind}.valued"]
            out[kind] = {
                "n_gold": n,
                "strict_tp": t[f"times.{kind}.strict"],
                "strict_recall": t[f"times.{kind}.strict"] / n,
                "relaxed_tp": t[f"times.{kind}.relaxed"],
                "relaxed_recall": t[f"times.{kind}.relaxed"] / n,
                "value_accuracy": value.report(),
                "n_gold_valued": valued,
                "value_recall": value.correct / valued if valued else None,
            }
        return out

    def _entities_by_type(self) -> dict[str, Any]:
        """P/R/F1 per type, typed relaxed: P over the predictions of the type, R over the
        gold items of the type (the two true-positive counts differ where an alternative type
        was accepted)."""
        t = self.tallies
        out: dict[str, Any] = {}
        for kind in ENTITY_GOLD_TYPES:
            n_gold, n_pred = t[f"entities.{kind}.gold"], t[f"entities.{kind}.pred"]
            found, right = t[f"entities.{kind}.found"], t[f"entities.{kind}.right"]
            nothing = n_gold == 0 and n_pred == 0
            p = right / n_pred if n_pred else (1.0 if nothing else 0.0)
            r = found / n_gold if n_gold else (1.0 if nothing else 0.0)
            out[kind] = {
                "tp_gold": found,
                "n_gold": n_gold,
                "tp_pred": right,
                "n_pred": n_pred,
                "precision": p,
                "recall": r,
                "f1": 2 * p * r / (p + r) if p + r else 0.0,
            }
        return out


@dataclass(frozen=True, slots=True)
class _Anchored(Span):
    """A gold attribution placed at its content (or, lacking one, its cue)."""

    attribution: GoldAttribution


def _joint(anchors: Sequence[_Anchored], claims: Sequence[PredClaim]) -> list[tuple[int, int]]:
    """Claims paired with gold attributions that they get right, content and claimer: the claim
    overlaps the gold content (or, when the gold has no content, its cue overlaps the gold cue)
    and the sources agree (both none, or overlapping). Larger overlap first, then closer
    boundaries, then document order."""
    candidates: list[tuple[int, ...]] = []
    for gi, g in enumerate(anchors):
        a = g.attribution
        for pi, c in enumerate(claims):
            if a.content is not None:
                if not g.overlaps(c):
                    continue
                ref: Span = c
            else:
                if c.cue is None or a.cue is None or not a.cue.overlaps(c.cue):
                    continue
                ref = c.cue
            if a.source is None:
                if c.source is not None:
                    continue
            elif c.source is None or not a.source.overlaps(c.source):
                continue
            candidates.append((-g.overlap(ref), g.distance(ref), gi, pi))
    return _greedy(candidates)


def score(
    documents: Sequence[GoldDocument], predictions: Sequence[Prediction | None]
) -> dict[str, dict[str, Any]]:
    """The figures per set, for documents and their predictions (None: nothing predicted)."""
    sets: dict[str, SetScore] = {}
    for doc, pred in zip(documents, predictions, strict=True):
        sets.setdefault(doc.set, SetScore(doc.set)).document(doc, pred)
    return {name: s.report() for name, s in sets.items()}


# --------------------------------------------------------------------------- running


@dataclass
class Run:
    """Predictions for the gold documents, in their order, with what went wrong on the way
    (one line each, for stderr)."""

    predictions: list[Prediction | None]
    problems: list[str] = field(default_factory=list)  # make the command exit 1
    notes: list[str] = field(default_factory=list)  # for information
    issues: Counter[str] = field(default_factory=Counter)


def predict(
    documents: Sequence[GoldDocument], *, model: str | None, jobs: int, own_process: bool = False
) -> Run:
    """Run claimx on the gold texts, each with its document's date as the reference date."""
    import contextlib

    from claimx.api import Options
    from claimx.batch import run
    from claimx.inputs import Document
    from claimx.render.jsonl import as_dict

    items = []
    for doc in documents:
        date = dt.date.fromisoformat(doc.date) if doc.date else None  # checked when read
        items.append(Document(id=doc.id, source=doc.id, text=doc.text, date=date, title=doc.title))
    out = Run([])
    outcomes = run(items, Options(model=model), jobs=jobs, form="record", own_process=own_process)
    with contextlib.closing(outcomes) as got:
        for doc, outcome in zip(documents, got, strict=True):
            record = as_dict(outcome.as_record())
            outcome.release()
            if "error" in record:
                out.problems.append(
                    f"{doc.id}: {record['error']['message']} (scored as finding nothing)"
                )
                out.predictions.append(None)
            else:
                out.predictions.append(prediction(record, len(doc.text), out.issues))
    return out


def load_predictions(path: str, documents: Sequence[GoldDocument], all_ids: set[str]) -> Run:
    """Saved claimx output for the gold documents, matched by id. ``all_ids``: every id of the
    gold file (a prediction for a document left out by --limit is no error)."""
    by_id: dict[str, Mapping[str, Any]] = {}
    strangers: list[str] = []
    out = Run([])
    for where, obj in read_predictions(path):
        if not isinstance(obj, dict) or not isinstance(obj.get("id"), str):
            raise UsageError(f"{path}: {where}: not a claimx record (no string 'id')")
        ident = obj["id"]
        if ident not in all_ids:
            strangers.append(ident)
        elif ident in by_id:
            out.notes.append(f"{path}: {where}: a second record for {ident!r}; the first is kept")
        else:
            by_id[ident] = obj
    if strangers:
        more = f" and {len(strangers) - 1} more" if len(strangers) > 1 else ""
        out.problems.append(f"{path}: id {strangers[0]!r}{more} not in the gold (ignored)")
    missing = []
    for doc in documents:
        record = by_id.get(doc.id)
        if record is None or "error" in record:
            missing.append(doc.id)
            out.predictions.append(None)
        else:
            if isinstance(record.get("text"), str) and record["text"] != doc.text:
                out.issues["output text differs from the gold text"] += 1
            out.predictions.append(prediction(record, len(doc.text), out.issues))
    if missing:
        more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
        out.notes.append(
            f"{path}: no prediction for {missing[0]!r}{more}; scored as finding nothing"
        )
    return out


def evaluate(
    gold_path: str,
    pred_path: str | None = None,
    *,
    limit: int | None = None,
    model: str | None = None,
    jobs: int = 1,
    own_process: bool = False,
) -> tuple[dict[str, Any], Run]:
    """The report (``claimx eval --format json``) and the run behind it (its problems and
    notes are for stderr). ``limit``: score the first N gold documents only."""
    gold = load_gold(gold_path)
    documents = gold.documents[:limit] if limit else gold.documents
    if pred_path is None:
        run = predict(documents, model=model, jobs=jobs, own_process=own_process)
    else:
        run = load_predictions(pred_path, documents, {d.id for d in gold.documents})
    if gold.unannotated:
        s = "s" if gold.unannotated != 1 else ""
        run.notes.insert(
            0, f"{gold_path}: {gold.unannotated} task{s} without a finished annotation, not scored"
        )
    report = {
        "gold": gold_path,
        "gold_format": gold.kind,
        "pred": pred_path,
        "documents": len(documents),
        "sets": score(documents, run.predictions),
        "prediction_issues": dict(sorted(run.issues.items())),
    }
    return report, run


# --------------------------------------------------------------------------- the report


#: the rows of the table: (layer, figure name, key in the JSON report)
ROWS: Final = (
    ("times", "span strict", "strict"),
    ("times", "span relaxed", "relaxed"),
    ("times", "value F1 (TE3)", "value_f1"),
    ("times", "value acc", "value_accuracy"),
    ("times", "type acc", "type_accuracy"),
    ("times", "gold {}", "by_gold_type"),
    ("entities", "typed (relaxed)", "typed"),
    ("entities", "untyped (relaxed)", "untyped"),
    ("entities", "typed strict", "strict_typed"),
    ("entities", "{} (typed)", "by_type"),
    ("quantities", "span relaxed", "relaxed"),
    ("quantities", "span strict", "strict"),
    ("quantities", "value acc", "value_accuracy"),
    ("quantities", "unit acc", "unit_accuracy"),
    ("quantities", "kind acc", "kind_accuracy"),
    ("attributions", "source", "source"),
    ("attributions", "cue", "cue"),
    ("attributions", "content", "content"),
    ("attributions", "joint content+source", "joint"),
    ("attributions", "content R, any claim", "content_recall_any_claim"),
    ("claims", "span relaxed", "relaxed"),
    ("claims", "span strict", "strict"),
    ("claims", "date acc (gold dated)", "date_accuracy"),
    ("claims", "no-date acc (gold undated)", "undated_accuracy"),
    ("claims", "source acc", "source_accuracy"),
    ("claims", "cue acc", "cue_accuracy"),
    ("claims", "direct_quote acc", "direct_quote_accuracy"),
    ("claims", "negated acc", "negated_accuracy"),
    ("claims", "hedged acc", "hedged_accuracy"),
    ("claims", "quantities in matched", "quantities"),
    ("claims", "quantity value acc", "quantity_value_accuracy"),
)
#: the per-type figures: a row per type, the figure's name with the type in it
BY_TYPE: Final = ("by_gold_type", "by_type")


def _documents(n: int) -> str:
    return f"{n} document{'s' * (n != 1)}"


def _figure(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def _by_type_cells(row: Mapping[str, Any]) -> tuple[str, ...]:
    """P, R, F1, acc and counts of one type's row: an entity type's P/R/F1, or a gold time
    type's recall (overlapping spans; identical ones in the counts) and value accuracy."""
    if "f1" in row:
        return (
            _figure(row["precision"]),
            _figure(row["recall"]),
            _figure(row["f1"]),
            "",
            f"{row['tp_gold']}/{row['n_gold']} gold, {row['tp_pred']}/{row['n_pred']} pred",
        )
    value = row["value_accuracy"]
    return (
        "",
        _figure(row["relaxed_recall"]),
        "",
        _figure(value["accuracy"]),
        f"{row['relaxed_tp']}/{row['n_gold']} gold (strict {row['strict_tp']}),"
        f" value {value['correct']}/{value['total']}",
    )


def print_tables(report: Mapping[str, Any], out: IO[str] | None = None) -> None:
    """The figures as one Rich table per set (for a terminal)."""
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out) if out is not None else Console()
    for name, figures in report["sets"].items():
        table = Table(
            title=f"{name} · {_documents(figures['docs'])}"
            + (
                f", {figures['missing_docs']} without prediction" if figures["missing_docs"] else ""
            ),
            title_justify="left",
        )
        for column in ("layer", "figure", "P", "R", "F1", "acc", "counts"):
            table.add_column(
                column, justify="right" if column in ("P", "R", "F1", "acc") else "left"
            )
        shown = None
        for layer, label, key in ROWS:
            item = figures.get(layer, {}).get(key)
            if item is None:
                continue
            first = layer if layer != shown else ""
            if layer != shown and shown is not None:
                table.add_section()
            shown = layer
            if key in BY_TYPE:
                for kind, row in item.items():
                    table.add_row(first, label.format(kind), *_by_type_cells(row))
                    first = ""
            elif "f1" in item:
                counts = f"{item['tp']}/{item['n_gold']} gold, {item['n_pred']} pred"
                table.add_row(
                    first,
                    label,
                    _figure(item["precision"]),
                    _figure(item["recall"]),
                    _figure(item["f1"]),
                    "",
                    counts,
                )
            elif "accuracy" in item:
                table.add_row(
                    first,
                    label,
                    "",
                    "",
                    "",
                    _figure(item["accuracy"]),
                    f"{item['correct']}/{item['total']}",
                )
            else:
                table.add_row(
                    first,
                    label,
                    "",
                    _figure(item["recall"]),
                    "",
                    "",
                    f"{item['tp']}/{item['n_gold']} gold",
                )
        console.print(table)


def write_json(report: Mapping[str, Any], out: IO[str]) -> None:
    out.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    out.flush()
