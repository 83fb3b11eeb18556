"""``cleaner clean --engine ray``: a batch cleaned by Ray's workers into JSONL shards.

The inputs (paths or URLs) are found on the driver and cut into tasks: text and HTML
files :data:`FILES_PER_TASK` at a time, JSONL files in pieces of about
``locations.JSONL_SPLIT_BYTES`` (a gzip file whole). Each task cleans its inputs with
the local batch's own functions, so a record is the same as ``cleaner clean --format
jsonl`` writes for it, and writes them to one shard, ``part-NNNNN.jsonl`` in task
order, whole or not at all. Outcomes come back to the driver in task order for the
summary and the ``--report`` file, as in a local run.
"""

from __future__ import annotations

import io
import logging
import re
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from itertools import groupby, islice
from pathlib import Path
from typing import Any, NamedTuple

from ..batch import (
    BatchOptions,
    InputFile,
    clean_input,
    file_record,
    jsonl_lines,
    line_record,
    open_atomic,
)
from ..outcomes import Outcome, Summary, write_json_line
from ..sources import InputError, InputKind
from .locations import LineRange, find_inputs, is_url, line_ranges, open_binary, read_input
from .locations import split_url as split_location_url

logger = logging.getLogger(__name__)

# Text and HTML inputs per task: enough that Ray's per-task cost (scheduling, a shard
# file) is small beside the cleaning, few enough that the tasks spread over the workers.
FILES_PER_TASK = 64
# Tasks in flight per CPU of the cluster: enough that no worker waits for the driver,
# few enough that the outcomes held for in-order reporting stay small.
TASKS_PER_CPU = 2
SHARD_NAME = "part-{:05d}.jsonl"
SHARD_NAME_RE = re.compile(r"part-\d{5,}\.jsonl")


class EngineError(Exception):
    """The run as a whole failed (the output cannot be written, the cluster went away)."""


class Task(NamedTuple):
    """One unit of work for a Ray worker: a few files, or a piece of a JSONL file."""

    number: int
    files: tuple[InputFile, ...] = ()
    lines: LineRange | None = None


def plan_tasks(
    found: Iterable[InputFile | Outcome], skips: dict[int, list[Outcome]]
) -> Iterator[Task]:
    """Group inputs into tasks in input order. Skipped inputs are kept in ``skips``
    under the number of the task they come before, so the report keeps input order."""
    number = 0
    for text_or_html, group in groupby(found, key=_is_text_or_html):
        if text_or_html:
            inputs = (item for item in group if isinstance(item, InputFile))
            while files := tuple(islice(inputs, FILES_PER_TASK)):
                yield Task(number, files)
                number += 1
            continue
        for item in group:
            if isinstance(item, Outcome):
                skips.setdefault(number, []).append(item)
                continue
            for piece in _pieces(item):
                yield Task(number, lines=piece)
                number += 1


def _is_text_or_html(item: InputFile | Outcome) -> bool:
    return isinstance(item, InputFile) and item.kind != "jsonl"


def _pieces(found: InputFile) -> list[LineRange]:
    try:
        return list(line_ranges(found))
    except OSError:  # the task reading it whole will say why, as a local run does
        return [LineRange(found, 0, None, 1)]


def task_results(task: Task, options: BatchOptions) -> Iterator[tuple[Outcome, dict | None]]:
    """Clean one task's inputs: each outcome with its record (None for an unreadable JSONL)."""
    config = options.config
    if task.lines is not None:
        piece = task.lines
        source = piece.file
        lines = jsonl_lines(
            partial(open_binary, source.name),
            source.name,
            config.max_input_bytes,
            piece.start,
            piece.end,
        )
        try:
            for number, line in enumerate(lines, start=piece.first_line):
                if line.strip():
                    yield line_record((number, line), source.name, source.relative, options)
        except InputError as error:
            yield Outcome(source.name, "error", error=str(error)), None
        return
    for source in task.files:
        outcome, result = clean_input(
            source,
            partial(read_input, source.name, config.max_input_bytes),
            config,
            options.stages,
            with_metadata=True,
            keep_changes=options.keep_changes,
        )
        yield outcome, file_record(source.relative, outcome, result)


def run_task(task: Task, options: BatchOptions, output: str) -> tuple[int, list[Outcome]]:
    """What a Ray worker runs for one task: clean, write the shard, return the outcomes."""
    shard = io.StringIO()
    outcomes = []
    for outcome, record in task_results(task, options):
        outcomes.append(outcome)
        if record is not None:
            write_json_line(record, shard)
    write_shard(output, SHARD_NAME.format(task.number), shard.getvalue())
    return task.number, outcomes


def write_shard(output: str, name: str, text: str) -> None:
    """Write one shard under ``output`` whole or not at all (a temporary name, then a move)."""
    if not is_url(output):
        with open_atomic(Path(output, name), sweep=False) as stream:
            stream.write(text)
        return
    fs, folder = split_location_url(output)
    final = f"{folder.rstrip('/')}/{name}"
    temporary = f"{folder.rstrip('/')}/.{name}.part"
    with fs.open_output_stream(temporary) as stream:
        stream.write(text.encode("utf-8"))
    fs.move(temporary, final)


def prepare_output(output: str) -> int:
    """Make the folder ``output`` and remove the shards an earlier run left there (they
    would mix with this run's); return how many were removed."""
    if is_url(output):
        import pyarrow.fs as pafs

        fs, folder = split_location_url(output)
        fs.create_dir(folder, recursive=True)
        entries = fs.get_file_info(pafs.FileSelector(folder, allow_not_found=True))
        old = [entry.path for entry in entries if SHARD_NAME_RE.fullmatch(entry.base_name)]
        for path in old:
            fs.delete_file(path)
        return len(old)
    local_folder = Path(output)
    local_folder.mkdir(parents=True, exist_ok=True)
    old_paths = [path for path in local_folder.iterdir() if SHARD_NAME_RE.fullmatch(path.name)]
    for path in old_paths:
        path.unlink()
    return len(old_paths)


def clean_with_ray(
    locations: Sequence[str],
    output: str,
    options: BatchOptions,
    summary: Summary,
    *,
    address: str | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    input_kind: InputKind | None = None,
) -> None:
    """Clean files, folders and URLs on a Ray cluster (``address``) or a local Ray
    started with ``options.jobs`` CPUs; shards go to the folder or URL ``output``."""
    import ray

    # Ray logs its start to stderr; a batch says only what went wrong, unless cleaner
    # was asked to be verbose.
    ray_log_level = logging.INFO if logger.isEnabledFor(logging.INFO) else logging.ERROR
    logging.getLogger("ray").setLevel(ray_log_level)
    skips: dict[int, list[Outcome]] = {}
    found = find_inputs(
        locations, output=output, include=include, exclude=exclude, input_kind_override=input_kind
    )
    tasks = plan_tasks(found, skips)
    try:
        removed = prepare_output(output)
    except OSError as error:
        raise EngineError(f"cannot write to {output}: {error}") from error
    if removed:
        logger.info("%s: removed %d shard(s) of an earlier run", output, removed)
    started_here = not ray.is_initialized()
    if started_here:
        ray.init(
            address=address,
            num_cpus=None if address else options.jobs,
            include_dashboard=False,
            logging_level=ray_log_level,
            log_to_driver=False,
        )
    try:
        for number, outcomes in _task_outcomes(tasks, options, output):
            for skipped in skips.pop(number, ()):
                summary.add(skipped)
            for outcome in outcomes:
                summary.add(outcome)
    except ray.exceptions.RayError as error:
        raise EngineError(_root_cause(error)) from error
    finally:
        if started_here:
            ray.shutdown()
    for remaining in skips.values():
        for skipped in remaining:
            summary.add(skipped)


def _root_cause(error: BaseException) -> str:
    """The message of the exception a Ray error wraps (a worker's OSError, say)."""
    while (cause := getattr(error, "cause", None) or error.__cause__) is not None:
        error = cause
    return f"{type(error).__name__}: {error}"


def _task_outcomes(
    tasks: Iterable[Task], options: BatchOptions, output: str
) -> Iterator[tuple[int, list[Outcome]]]:
    """Run the tasks as Ray tasks, a few per CPU in flight, and yield their outcomes in
    task order (plain Ray tasks: a Ray Data pipeline costs ~0.2 s per task here)."""
    import ray

    in_flight = TASKS_PER_CPU * max(1, int(ray.cluster_resources().get("CPU", 1)))
    remote_task = ray.remote(num_cpus=1)(run_task)
    pending: deque[Any] = deque()
    for task in tasks:
        pending.append(remote_task.remote(task, options, output))
        if len(pending) >= in_flight:
            yield ray.get(pending.popleft())
    while pending:
        yield ray.get(pending.popleft())
