"""The ``cleaner`` command: argument handling, messages, exit codes. No cleaning logic.

Clean text goes to stdout (so it pipes), messages to stderr. Exit 0 when every input was
cleaned (an article cleaned down to nothing included), 1 when some input failed, 2 for
usage errors.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, ExitStack, nullcontext
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from .config import PROFILES, Config, ConfigError
from .model import LANGUAGE_KEY, Change, Keep
from .outcomes import Outcome, Summary, report_writer
from .outputs import open_atomic, render_text, unwritable, write_atomic, write_jsonl
from .review import Limits, write_review
from .sources import (
    InputError,
    InputKind,
    LineTooLong,
    Source,
    capped_lines,
    discover,
    file_size,
    input_kind,
    is_record_line,
    looks_like_html,
    read_jsonl_lines,
    read_stream,
)

if TYPE_CHECKING:
    from .api import RecordFields, Result
    from .tasks import BatchOptions

# (The stages, trafilatura and the runners are imported by the commands that use them:
# `cleaner --help` needs none of them.)
logger = logging.getLogger(__name__)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # the shell convention: 128 + SIGINT
STDIN = "-"
# Libraries whose own log lines are noise next to our per-file messages.
QUIET_LIBRARIES = ("trafilatura", "htmldate", "courlan", "justext")


class _Argument(typer.core.TyperArgument):
    """An argument shown by its name alone: ``INPUT...`` in the usage line and the help,
    not typer's Python type (``INPUT <list[str]>``, ``{INPUT}...``)."""

    def display_type_rich(self, ctx: typer.Context) -> None:
        return None

    def _usage_display_name(self) -> str:
        name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
        return name + ("..." if self.nargs != 1 else "")


class _Command(typer.core.TyperCommand):
    """A command whose arguments are :class:`_Argument`s (typer builds its own: they are
    given this class here, the one place it hands them over)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is typer.core.TyperArgument:
                param.__class__ = _Argument


class _Typer(typer.Typer):
    """typer's app, whose commands are :class:`_Command`s."""

    def command(self, *args: Any, cls: type[typer.core.TyperCommand] = _Command, **kwargs: Any):  # type: ignore[no-untyped-def]
        return super().command(*args, cls=cls, **kwargs)


app = _Typer(
    name="cleaner",
    help="Clean scraped news articles into paragraphs that hold the article and nothing else.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
config_app = _Typer(help="Inspect the effective configuration.", no_args_is_help=True)
app.add_typer(config_app, name="config")


class InputFormat(StrEnum):
    auto = "auto"
    text = "text"
    html = "html"
    jsonl = "jsonl"


class Engine(StrEnum):
    local = "local"
    ray = "ray"


class OutputFormat(StrEnum):
    text = "text"
    jsonl = "jsonl"


class Quotes(StrEnum):
    keep = "keep"
    straight = "straight"


def _say(message: str) -> None:
    typer.echo(message, err=True)


def _usage_error(message: str) -> NoReturn:
    _say(f"cleaner: error: {message}")
    raise typer.Exit(EXIT_USAGE)


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"cleaner {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version.", metavar=""
        ),
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log progress to stderr.", metavar="")
    ] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="cleaner: %(levelname)s: %(message)s",
        stream=sys.stderr,
    )
    # trafilatura logs what it makes of a page as errors without naming the file ("lxml
    # parsing failed", "empty HTML tree"), which read as cleaner's errors even with -v;
    # what matters reaches the user as that file's outcome and cleaner's own lines.
    for library in QUIET_LIBRARIES:
        logging.getLogger(library).setLevel(logging.CRITICAL)


ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="TOML file of settings (see `cleaner config show`).",
        dir_okay=False,
        metavar="FILE",
    ),
]
SkipOption = Annotated[
    list[str] | None,
    typer.Option(
        "--skip",
        help="Leave out a stage (repeatable); `cleaner stages` lists them.",
        metavar="STAGE",
    ),
]
QuotesOption = Annotated[
    Quotes | None, typer.Option("--quotes", help="Keep curly quotes, or straighten them.")
]
ProfileOption = Annotated[
    str | None,
    typer.Option("--profile", help=f"Encoding profile: {', '.join(PROFILES)}.", metavar="NAME"),
]
InputFormatOption = Annotated[
    InputFormat,
    typer.Option(
        "--input-format",
        help="auto goes by suffix; standard input by its first bytes (a page, gzip, text).",
    ),
]
TextFieldOption = Annotated[
    str, typer.Option(help="JSONL: the field holding the text.", metavar="FIELD")
]
HtmlFieldOption = Annotated[
    str | None,
    typer.Option(
        help="JSONL: a field holding an HTML page, cleaned as a page when present.",
        metavar="FIELD",
    ),
]
IdFieldOption = Annotated[
    str, typer.Option(help="JSONL: the field holding the record id.", metavar="FIELD")
]


def _build_config(
    config_file: Path | None, skip: list[str] | None, quotes: Quotes | None, profile: str | None
) -> Config:
    from .pipeline import DEFAULT_STAGES, without
    from .rules import RuleError, every_pack, load_packs, shipped_packs

    try:
        config = Config.from_toml(config_file) if config_file else Config()
        config = config.with_overrides(
            quotes=quotes.value if quotes else None,
            profile=profile,
            skip=tuple(dict.fromkeys([*config.skip, *(skip or [])])) if skip else None,
        )
        without(DEFAULT_STAGES, config.skip)
        # A broken rule file of one's own, or one whose ids clash with a shipped rule's,
        # is a usage error at once (the shipped packs are checked by the test suite).
        packs = every_pack(config.rules)
        if not set(packs) <= set(shipped_packs()):
            load_packs(packs)
    except (ConfigError, RuleError) as error:
        _usage_error(str(error))
    return config


@app.command("clean")
def clean_command(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Files or folders to clean; - reads standard input.", metavar="INPUT"),
    ],
    output_location: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Output file (one input, or JSONL), or output folder (a folder or several"
            " inputs: the tree is mirrored there; --engine ray: the folder or URL of the"
            " JSONL shards).",
            metavar="PATH",
        ),
    ] = None,
    input_format: InputFormatOption = InputFormat.auto,
    output_format: Annotated[
        OutputFormat | None,
        typer.Option("--format", help="text (default) or jsonl (default for JSONL input)."),
    ] = None,
    text_field: TextFieldOption = "text",
    html_field: HtmlFieldOption = None,
    id_field: IdFieldOption = "id",
    include: Annotated[
        list[str] | None,
        typer.Option(
            "--include",
            help="In folders: clean only paths matching this glob (repeatable).",
            metavar="GLOB",
        ),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option(
            "--exclude",
            help="In folders: leave out paths matching this glob (repeatable).",
            metavar="GLOB",
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Worker processes for many inputs (default: all cores).",
            metavar="N",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Folder output: clean every input again, even those already done.",
            metavar="",
        ),
    ] = False,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report",
            help="Write one JSON line per input: status, counts, error.",
            dir_okay=False,
            metavar="FILE",
        ),
    ] = None,
    report_changes: Annotated[
        bool,
        typer.Option(
            "--report-changes", help="Put every change in the --report lines.", metavar=""
        ),
    ] = False,
    review_page: Annotated[
        Path | None,
        typer.Option(
            "--review",
            help="Write an HTML page of what the run removed here (see `cleaner review`);"
            " the report then keeps every change.",
            dir_okay=False,
            metavar="FILE",
        ),
    ] = None,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress",
            help="Show a progress bar on stderr (default: when stderr is a terminal).",
            show_default=False,
            metavar="",
        ),
    ] = None,
    summary_json: Annotated[
        Path | None,
        typer.Option(
            "--summary-json",
            help="Write the totals of the run as JSON here.",
            dir_okay=False,
            metavar="FILE",
        ),
    ] = None,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine",
            help="local: this machine's processes. ray: a Ray cluster (or a local Ray), inputs"
            " may be URLs, -o is a folder or URL of JSONL shards (needs the ray extra).",
        ),
    ] = Engine.local,
    address: Annotated[
        str | None,
        typer.Option(
            "--address",
            help="--engine ray: the cluster to join (default: start one).",
            metavar="ADDRESS",
        ),
    ] = None,
    skip: SkipOption = None,
    config_file: ConfigOption = None,
    quotes: QuotesOption = None,
    profile: ProfileOption = None,
) -> None:
    """Clean articles: one file or - to stdout (or -o FILE), folders into a mirrored folder."""
    from .api import RecordFields
    from .parallel import available_cores
    from .tasks import BatchOptions

    config = _build_config(config_file, skip, quotes, profile)
    on_ray = engine is Engine.ray or address is not None
    if on_ray and (STDIN in inputs or output_location is None):
        _usage_error("--engine ray reads files, folders or URLs and needs -o FOLDER_OR_URL")
    if on_ray and output_format is OutputFormat.text:
        _usage_error("--engine ray writes JSONL shards; drop --format text")
    output = Path(output_location) if output_location is not None else None
    # "out/" names a folder, even one that does not exist yet (Path drops the slash).
    names_folder = output_location is not None and output_location.endswith(("/", os.sep))
    if STDIN in inputs and len(inputs) > 1:
        _usage_error("- (standard input) cannot be mixed with other inputs")
    paths = [Path(name) for name in inputs if name != STDIN]
    jsonl_in = input_format is InputFormat.jsonl or any(input_kind(p) == "jsonl" for p in paths)
    fmt = output_format or (OutputFormat.jsonl if jsonl_in else OutputFormat.text)
    if jsonl_in and fmt is OutputFormat.text:
        _usage_error("JSONL input gives JSONL output; drop --format text")
    if names_folder and fmt is OutputFormat.jsonl and not on_ray:
        _usage_error(f"output {output_location} names a folder; JSONL output goes to one file")
    for written in (output, report, summary_json, review_page):
        if written is not None and any(_same_file(written, p) for p in paths):
            _usage_error(f"{written} is one of the inputs; inputs are never overwritten")
    batch = Batch(
        options=BatchOptions(
            config=config,
            fields=RecordFields(text=text_field, html=html_field, id=id_field),
            jobs=jobs or available_cores(),
            resume=not force,
            keep_changes=report_changes or review_page is not None,
        ),
        input_format=input_format,
        include=tuple(include or ()),
        exclude=tuple(exclude or ()),
        progress=progress if progress is not None else sys.stderr.isatty(),
    )
    summary = Summary(unit="record" if jsonl_in else "file")
    # The page is made from a report: a temporary one, unless one was asked for.
    needs_scratch = review_page is not None and report is None
    from tempfile import TemporaryDirectory  # here: only a review page needs it (start-up)

    with (
        TemporaryDirectory(prefix="cleaner-review-") if needs_scratch else nullcontext() as scratch
    ):
        if scratch is not None:
            report = Path(scratch) / "report.jsonl"
        with ExitStack() as stack:
            if report is not None:
                writer = report_writer(stack.enter_context(open_atomic(report)))
                summary.listeners.append(writer)
            try:
                code = _run_clean(
                    inputs,
                    paths,
                    output,
                    output_location,
                    fmt,
                    batch,
                    summary,
                    address,
                    on_ray,
                    names_folder,
                )
            except OSError as error:  # an output that cannot be written: full, read-only
                _say(f"cleaner: cannot write {error.filename or output}: {unwritable(error)}")
                code = EXIT_FAILED
            except KeyboardInterrupt:
                # Every output is written under a temporary name and renamed when whole, so
                # what exists now is complete and nothing half-written is left behind; the
                # report and summary still say what was done.
                if fmt is OutputFormat.jsonl and output is not None and not on_ray:
                    _say(f"cleaner: interrupted; {output} was not written (it is whole or absent)")
                else:
                    _say("cleaner: interrupted; the outputs written so far are complete")
                code = EXIT_INTERRUPTED
        if review_page is not None and report is not None:
            name = "this run" if scratch is not None else None
            _write_review(report, review_page, Limits(), config, name=name)
    if summary_json is not None:
        write_atomic(summary_json, json.dumps(summary.to_dict(), indent=2) + "\n")
    raise typer.Exit(code)


def _run_clean(
    inputs: list[str],
    paths: list[Path],
    output: Path | None,
    output_location: str | None,
    fmt: OutputFormat,
    batch: Batch,
    summary: Summary,
    address: str | None,
    on_ray: bool,
    names_folder: bool = False,
) -> int:
    """Clean the inputs the way they ask to be cleaned; return the exit code."""
    if on_ray:
        return _clean_on_ray(inputs, str(output_location), batch, summary, address)
    if not paths:
        return _clean_stdin(output, fmt, batch, summary)
    if fmt is OutputFormat.jsonl:
        return _clean_to_jsonl(paths, output, batch, summary)
    if len(paths) == 1 and not paths[0].is_dir() and not names_folder:
        return _clean_one_file(paths[0], output, batch, summary)
    return _clean_to_folder(paths, output, batch, summary)


@dataclass(frozen=True)
class Batch:
    """One `cleaner clean` run: how it cleans, and how inputs are found and shown."""

    options: BatchOptions
    input_format: InputFormat
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    progress: bool


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def _source(
    path: Path, relative: Path, input_format: InputFormat, found: InputKind | None = None
) -> Source:
    """An input of the kind asked for, else the kind found for it (by its name), else text."""
    if input_format is not InputFormat.auto:
        return Source(path, relative, input_format.value)  # type: ignore[arg-type]
    return Source(path, relative, found or input_kind(path) or "text")


def _clean_stdin(output: Path | None, fmt: OutputFormat, batch: Batch, summary: Summary) -> int:
    from .batch import clean_jsonl_lines

    if batch.input_format is InputFormat.jsonl:
        source = Source(Path("<stdin>"), Path("stdin"), "jsonl")
        lines = capped_lines(sys.stdin.buffer, batch.options.config.max_input_bytes)
        records = clean_jsonl_lines(lines, source, batch.options, summary)
        with _output_stream(output) as stream, _progress(None, None, batch, summary):
            write_jsonl(records, stream)
        return _finish(summary, quiet=True)
    with_metadata = fmt is OutputFormat.jsonl
    config = batch.options.config
    try:
        result = _stdin_result(batch.input_format, config, with_metadata=with_metadata)
    except InputError as error:
        _say(f"cleaner: <stdin>: {error}")
        summary.add(Outcome("<stdin>", "error", error=str(error)))
        return EXIT_FAILED
    summary.add(
        Outcome.cleaned(
            "<stdin>",
            result.status,
            result.changes,
            len(result.blocks),
            keep_changes=batch.options.keep_changes,
            language=result.metadata.get(LANGUAGE_KEY),
        )
    )
    _write_result(result, output, fmt, record_id="stdin")
    return EXIT_OK


def _stdin_result(
    input_format: InputFormat, config: Config, *, with_metadata: bool = False
) -> Result:
    """Clean standard input read whole, as text or as a page; InputError says why not."""
    from .tasks import clean_bytes

    data = read_stream(sys.stdin.buffer, "<stdin>", config.max_input_bytes)
    # No name to go by: a page is told by how it opens, unless the format was given.
    is_page = input_format is InputFormat.html or (
        input_format is InputFormat.auto and looks_like_html(data)
    )
    kind: InputKind = "html" if is_page else "text"
    metadata = {"source": "<stdin>"}
    return clean_bytes(data, kind, config, None, metadata, with_metadata=with_metadata)


def _clean_one_file(path: Path, output: Path | None, batch: Batch, summary: Summary) -> int:
    from .tasks import clean_file

    if output is not None and output.is_dir():
        _usage_error(f"output {output} is a folder; name a file for one input")
    source = _source(path, Path(path.name), batch.input_format)
    keep_changes = batch.options.keep_changes
    outcome, result = clean_file(source, batch.options.config, None, keep_changes=keep_changes)
    outcome.output = str(output) if output is not None and result is not None else None
    summary.add(outcome)
    if result is None:
        _say(f"cleaner: {path}: {outcome.error}")
        return EXIT_FAILED
    _write_result(result, output, OutputFormat.text, record_id=path.name)
    return EXIT_OK


def _write_result(result: Result, output: Path | None, fmt: OutputFormat, record_id: str) -> None:
    if result.status == "empty":
        _say(f"cleaner: warning: {result.metadata.get('source')}: nothing left after cleaning")
    with _output_stream(output) as stream:
        if fmt is OutputFormat.jsonl:
            write_jsonl([{"id": record_id, **result.to_record()}], stream)
        else:
            stream.write(render_text(result.paragraphs))


def _output_stream(output: Path | None) -> AbstractContextManager[IO[str]]:
    return open_atomic(output) if output is not None else nullcontext(sys.stdout)


def _clean_to_folder(paths: list[Path], output: Path | None, batch: Batch, summary: Summary) -> int:
    from .batch import clean_to_folder
    from .manifest import FolderBusy

    if output is None:
        _usage_error("with a folder or several inputs, -o OUTDIR is required")
    if output.exists() and not output.is_dir():
        _usage_error(f"output {output} is a file; with a folder or several inputs -o is a folder")
    try:
        with _progress(paths, output, batch, summary, pages_only=True):
            pages = _pages(_sources(paths, output, batch, summary), summary)
            clean_to_folder(pages, output, batch.options, summary)
    except FolderBusy as busy:
        _say(f"cleaner: error: {busy}")
        return EXIT_USAGE
    return _finish(summary)


def _clean_to_jsonl(paths: list[Path], output: Path | None, batch: Batch, summary: Summary) -> int:
    from .batch import jsonl_records

    if output is not None and output.is_dir():
        _usage_error(f"output {output} is a folder; JSONL output goes to one file")
    records = jsonl_records(_sources(paths, output, batch, summary), batch.options, summary)
    with _output_stream(output) as stream, _progress(paths, output, batch, summary):
        write_jsonl(records, stream)
    return _finish(summary)


def _clean_on_ray(
    inputs: list[str], output: str, batch: Batch, summary: Summary, address: str | None
) -> int:
    try:
        import ray  # noqa: F401 (the engine imports it where it runs; asked here to say so early)

        from .engines.ray_batch import EngineError, clean_with_ray
    except ImportError as error:
        _usage_error(f"--engine ray needs Ray: pip install 'cleaner[ray]' ({error})")
    kind = None if batch.input_format is InputFormat.auto else batch.input_format.value
    # Inputs may be URLs: no walk of our own for totals, the bar counts what is done.
    try:
        with _progress(None, None, batch, summary):
            clean_with_ray(
                inputs,
                output,
                batch.options,
                summary,
                address=address,
                include=batch.include,
                exclude=batch.exclude,
                input_kind=kind,  # type: ignore[arg-type]
            )
    except EngineError as error:
        _finish(summary)
        _say(f"cleaner: --engine ray stopped: {error}")
        return EXIT_FAILED
    return _finish(summary)


def _progress(
    paths: list[Path] | None,
    output: Path | None,
    batch: Batch,
    summary: Summary,
    *,
    pages_only: bool = False,
) -> AbstractContextManager[None]:
    """The progress bar when wanted, its totals from a walk of its own over ``paths``.

    Inputs stream through the batch without being held, so the totals come from a
    second, cheap walk (names and sizes only). JSONL input has lines, not files, to
    count; standard input (``paths`` None) has no totals at all.
    """
    if not batch.progress:
        return nullcontext()
    from .progress import progress_bar  # rich is imported only when a bar is drawn

    if paths is None:
        return progress_bar(summary, None, None)
    files, size, lines = 0, 0, False
    for source in _sources(paths, output, batch, Summary()):
        if source.kind == "jsonl":
            lines = True
            if pages_only:
                continue
        files += 1
        size += file_size(source.path)
    return progress_bar(summary, None if lines and not pages_only else files, size)


def _sources(
    paths: list[Path], output: Path | None, batch: Batch, summary: Summary
) -> Iterator[Source]:
    """The inputs found under ``paths``, of the kind asked for; what cannot be cleaned is
    counted as skipped in ``summary`` as the walk passes it."""
    for found in discover(paths, output=output, include=batch.include, exclude=batch.exclude):
        if isinstance(found, Outcome):
            summary.add(found)
        else:
            yield _source(found.path, found.relative, batch.input_format, found.kind)


def _pages(sources: Iterable[Source], summary: Summary) -> Iterator[Source]:
    """Text and HTML inputs; JSONL ones are counted as skipped (they give JSONL output)."""
    for source in sources:
        if source.kind == "jsonl":
            summary.add(
                Outcome(str(source.path), "skipped", error="JSONL input: use --format jsonl")
            )
        else:
            yield source


def _finish(summary: Summary, *, quiet: bool = False) -> int:
    if not quiet or summary.errors:
        for line in summary.lines():
            _say(f"cleaner: {line}")
    return EXIT_FAILED if summary.errors else EXIT_OK


@app.command("review")
def review_command(
    report: Annotated[
        Path,
        typer.Argument(
            help="The --report file of a run made with --report-changes.",
            dir_okay=False,
            metavar="REPORT",
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="The HTML page to write.", dir_okay=False, metavar="FILE"
        ),
    ] = Path("review.html"),
    files_in_full: Annotated[
        int, typer.Option(min=0, help="Files shown with every removal in place.", metavar="N")
    ] = Limits.files_in_full,
    samples: Annotated[
        int, typer.Option(min=0, help="Removals shown in context under each rule.", metavar="N")
    ] = Limits.samples_per_rule,
    removals_per_file: Annotated[
        int, typer.Option(min=0, help="Removals shown in place in one file.", metavar="N")
    ] = Limits.removals_per_file,
    files_listed: Annotated[
        int, typer.Option(min=0, help="Rows of the table of files.", metavar="N")
    ] = Limits.files_listed,
    skip: SkipOption = None,
    config_file: ConfigOption = None,
    quotes: QuotesOption = None,
    profile: ProfileOption = None,
) -> None:
    """Write one self-contained HTML page of what a run removed: per rule, per file, in place.

    The inputs are read again to show each removal in its text; give the settings the run
    had (--config, --skip).
    """
    config = _build_config(config_file, skip, quotes, profile)
    if not report.is_file():
        _usage_error(f"{report}: no such report file")
    if _same_file(output, report):
        _usage_error(f"{output} is the report; the page needs a name of its own")
    limits = Limits(
        files_in_full=files_in_full,
        samples_per_rule=samples,
        removals_per_file=removals_per_file,
        files_listed=files_listed,
    )
    _write_review(report, output, limits, config)


def _write_review(
    report: Path, output: Path, limits: Limits, config: Config, *, name: str | None = None
) -> None:
    try:
        review = write_review(report, output, limits, config, name=name)
    except (ValueError, OSError) as error:
        _say(f"cleaner: no review page: {error}")
        raise typer.Exit(EXIT_FAILED) from None
    _say(
        f"cleaner: review page {output}: {review.file_count:,} input(s),"
        f" {len(review.in_full):,} shown in full, {len(review.rules):,} rule(s)"
    )


@app.command("explain")
def explain_command(
    path: Annotated[
        Path, typer.Argument(help="The file to explain; - reads standard input.", metavar="INPUT")
    ],
    input_format: InputFormatOption = InputFormat.auto,
    text_field: TextFieldOption = "text",
    html_field: HtmlFieldOption = None,
    id_field: IdFieldOption = "id",
    skip: SkipOption = None,
    config_file: ConfigOption = None,
    quotes: QuotesOption = None,
    profile: ProfileOption = None,
) -> None:
    """Show every change the pipeline makes to one input: stage, rule, reason, before and after.

    A JSONL input is explained record by record.
    """
    from .api import RecordFields
    from .tasks import clean_file

    config = _build_config(config_file, skip, quotes, profile)
    is_stdin = str(path) == STDIN
    if input_format is InputFormat.jsonl or (
        not is_stdin and input_format is InputFormat.auto and input_kind(path) == "jsonl"
    ):
        fields = RecordFields(text=text_field, html=html_field, id=id_field)
        raise typer.Exit(_explain_records(path, config, fields))
    maybe: Result | None
    if str(path) == STDIN:
        try:
            maybe = _stdin_result(input_format, config)
        except InputError as error:
            _say(f"cleaner: <stdin>: {error}")
            maybe = None
    else:
        outcome, maybe = clean_file(_source(path, Path(path.name), input_format), config, None)
        if maybe is None:
            _say(f"cleaner: {path}: {outcome.error}")
    if maybe is None:
        raise typer.Exit(EXIT_FAILED)
    result = maybe
    for number, change in enumerate(result.changes, start=1):
        typer.echo(describe_change(number, change))
    for keep in result.kept:
        typer.echo(describe_keep(keep))
    typer.echo(f"{len(result.changes)} change(s); {len(result.blocks)} block(s) kept")


def _explain_records(path: Path, config: Config, fields: RecordFields) -> int:
    """Explain each record of a JSONL input; return the exit code."""
    from .tasks import BatchOptions, line_record

    options = BatchOptions(config=config, fields=fields, keep_changes=True)
    max_bytes = config.max_input_bytes
    try:
        if str(path) == STDIN:
            lines: Iterable[bytes | LineTooLong] = capped_lines(sys.stdin.buffer, max_bytes)
            name = "<stdin>"
        else:
            lines, name = read_jsonl_lines(path, max_bytes), str(path)
        failed = False
        for number, line in enumerate(lines, start=1):
            if not is_record_line(line):
                continue
            outcome, record = line_record((number, line), name, Path(name).name, options)
            changes = [Change.from_dict(change) for change in record.get("changes") or []]
            status = record.get("status")
            typer.echo(f"== record {record.get('id')!r} (line {number}): {status}")
            if outcome.status == "error":
                failed = True
                typer.echo(f"   {outcome.error}")
            for count, change in enumerate(changes, start=1):
                typer.echo(describe_change(count, change))
            typer.echo(
                f"{len(changes)} change(s); {len(record.get('paragraphs') or [])} block(s) kept"
            )
    except InputError as error:
        _say(f"cleaner: {path}: {error}")
        return EXIT_FAILED
    return EXIT_FAILED if failed else EXIT_OK


def describe_keep(keep: Keep) -> str:
    """A line kept despite a rule's shape, and the evidence why.

    >>> print(describe_keep(Keep("strip_headlines", "sign-off", "why", "Enjoy!")))
    kept: strip_headlines/sign-off: why
       = 'Enjoy!'
    """
    return f"kept: {keep.stage}/{keep.rule}: {keep.reason}\n   = {keep.text!r}"


def describe_change(number: int, change: Change) -> str:
    """One change as a few readable lines, invisible characters shown as escapes.

    >>> from cleaner.model import Location
    >>> print(describe_change(1, Change("tidy", "plain-spaces", "why", "a\\u00a0b", "a b",
    ...                                 Location(3, 5, 8))))
    1. tidy/plain-spaces (block 3, characters 5-8): why
       - 'a\\xa0b'
       + 'a b'
    >>> print(describe_change(2, Change("extract_html", "social-embed", "why", "Hi", "",
    ...                                 Location(0, 0, 0))).splitlines()[0])
    2. extract_html/social-embed (the page): why
    """
    from .extract import STAGE as EXTRACT_STAGE

    where = change.where
    # Extraction acts on the page, before there are blocks to point into.
    place = (
        "the page"
        if change.stage == EXTRACT_STAGE
        else f"block {where.block}, characters {where.start}-{where.end}"
    )
    return (
        f"{number}. {change.stage}/{change.rule} ({place}): {change.reason}\n"
        f"   - {_shorten(change.before)}\n"
        f"   + {_shorten(change.after)}"
    )


def _shorten(text: str, limit: int = 160) -> str:
    shown = repr(text)
    return shown if len(shown) <= limit else shown[: limit - 5] + " ...'"


@app.command("eval")
def eval_command(
    gold_dir: Annotated[
        Path,
        typer.Argument(help="Folder of <id>.gold.json files (the fundus format).", metavar="GOLD"),
    ],
    input_kind: Annotated[
        str,
        typer.Option(
            "--input",
            help="A scraper name (reads GOLD_DIR/scraped/NAME/<id>.txt), html (the pages"
            " GOLD_DIR/<id>.html.gz), or a folder of <id>.txt.",
            metavar="KIND",
        ),
    ] = "glued",
    per_page: Annotated[bool, typer.Option(help="Print a row for every page.", metavar="")] = False,
    per_publisher: Annotated[
        bool, typer.Option(help="Print a row for every publisher.", metavar="")
    ] = False,
    exclude_kinds: Annotated[
        str,
        typer.Option(
            help="Comma list of gold kinds to leave out, e.g. summary,headline.", metavar="FIELD"
        ),
    ] = "",
    json_path: Annotated[
        Path | None,
        typer.Option("--json", help="Also write every figure as JSON here.", metavar="PATH"),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, help="Worker processes (default: all cores).", metavar="N"
        ),
    ] = None,
    skip: SkipOption = None,
    config_file: ConfigOption = None,
    quotes: QuotesOption = None,
    profile: ProfileOption = None,
) -> None:
    """Clean a gold folder's inputs and score them: token and paragraph P/R, junk, dirty, merged."""
    from .evaluate import (
        GoldError,
        by_publisher,
        evaluate,
        format_table,
        gold_tokens_removed,
        load_gold,
        macro,
    )
    from .parallel import available_cores, ordered_map

    config = _build_config(config_file, skip, quotes, profile)
    try:
        pages = load_gold(gold_dir)
    except GoldError as error:
        _usage_error(str(error))
    folder = gold_dir / "scraped" / input_kind
    if input_kind == "html":
        folder = gold_dir
    elif not folder.is_dir():
        folder = Path(input_kind)
    if not folder.is_dir():
        _usage_error(f"--input {input_kind}: no folder {gold_dir / 'scraped' / input_kind}")
    sources = [
        Source(gold_dir / f"{page.id}.html.gz", Path(f"{page.id}.html"), "html")
        if input_kind == "html"
        else Source(folder / f"{page.id}.txt", Path(f"{page.id}.txt"), "text")
        for page in pages
    ]
    cleaned = list(
        ordered_map(
            partial(_clean_for_eval, config=config),
            sources,
            jobs=jobs or available_cores(),
            chunk_size=2,
        )
    )
    failures = [
        f"{page.id}: {error}" for page, (_, _, error) in zip(pages, cleaned, strict=True) if error
    ]
    excluded = [k for k in exclude_kinds.split(",") if k]
    paragraphs_of = {page.id: out for page, (out, _, _) in zip(pages, cleaned, strict=True)}
    rows = evaluate(pages, lambda page: paragraphs_of[page.id], exclude_kinds=excluded)
    removed: Counter[str] = Counter()
    for page, (paragraphs, changes, _) in zip(pages, cleaned, strict=True):
        removed += gold_tokens_removed(page.gold(excluded), paragraphs, changes)
    table = [(f"cleaner[{input_kind}]", macro(rows))]
    if per_publisher:
        table += list(by_publisher(rows).items())
    if per_page:
        table += [(row["id"], row) for row in rows]
    typer.echo(format_table(table, width=40 if per_page else 28))
    if removed:
        typer.echo("\ngold tokens removed, by stage/rule (all pages):")
        for name, count in removed.most_common():
            typer.echo(f"  {count:>7,}  {name}")
    for failure in failures:
        _say(f"cleaner: {failure} (scored as empty output)")
    if json_path is not None:
        report = {
            "macro": macro(rows),
            "per_publisher": by_publisher(rows),
            "pages": rows,
            "gold_tokens_removed": dict(removed.most_common()),
        }
        with open_atomic(json_path) as stream:
            json.dump(report, stream, indent=1)


def _clean_for_eval(source: Source, config: Config) -> tuple[list[str], list[Change], str]:
    """A page's paragraphs and changes, or the reason it failed (for a worker process)."""
    from .tasks import clean_file

    outcome, result = clean_file(source, config, None)
    if result is None:
        return [], [], outcome.error or "failed"
    return result.paragraphs, list(result.changes), ""


@app.command("stages")
def stages_command() -> None:
    """List the default pipeline's stages, in order."""
    from .pipeline import DEFAULT_STAGES, stage_name

    for stage in DEFAULT_STAGES:
        summary = (stage.__doc__ or "").strip().splitlines()[0]
        typer.echo(f"{stage_name(stage):<18} {summary}")


@config_app.command("show")
def config_show_command(
    skip: SkipOption = None,
    config_file: ConfigOption = None,
    quotes: QuotesOption = None,
    profile: ProfileOption = None,
) -> None:
    """Print the effective settings (defaults, then --config, then flags) as TOML."""
    config = _build_config(config_file, skip, quotes, profile)
    typer.echo(config.to_toml())
    typer.echo("\n# profiles:")
    for name, encoding_profile in PROFILES.items():
        typer.echo(f"#   {name}: {encoding_profile.description}")


def main() -> None:
    """Console-script entry point."""
    app()
