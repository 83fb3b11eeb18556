"""``cleaner clean --engine ray``: a batch cleaned by Ray's workers into JSONL shards.

The inputs (paths or URLs) are found on the driver and cut into units by the planner
the local runner uses (:mod:`cleaner.plan`): text and HTML files
:data:`FILES_PER_TASK` at a time, JSONL files in pieces of about
``locations.JSONL_SPLIT_BYTES`` (a gzip file whole). Each unit is one Ray task: it
cleans its inputs with the local batch's own functions, so a record is the same as
``cleaner clean --format jsonl`` writes for it, and writes them to one shard,
``part-NNNNN-<stamp>.jsonl`` in unit order, whole or not at all. Outcomes come back to
the driver in unit order for the summary and the ``--report`` file, as in a local run.

Run again, a batch resumes as a local run does, by the units' stamps: a unit whose
shard is there already, under the name its stamp gives it, is not run again and its
inputs are reported ``unchanged`` (the local runner finds its stamps in its manifest;
an object store has no appendable file, so here they are in the shards' names); shards
no unit of the run kept are removed once it has finished. ``--force`` runs every unit.
"""

from __future__ import annotations

import io
import logging
import re
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

import pyarrow.fs as pafs

from ..outcomes import Outcome, Summary, write_json_line
from ..outputs import open_atomic
from ..plan import Unit, plan_units
from ..sources import InputError, InputKind, is_record_line, jsonl_lines
from ..sources.locations import find_inputs, is_url, open_binary, read_input, split_url
from ..tasks import BatchOptions, clean_input, file_record, line_record

logger = logging.getLogger(__name__)

# Text and HTML inputs per task (a unit of the plan): enough that Ray's per-task cost
# (scheduling, a shard file) is small beside the cleaning, few enough that the tasks
# spread over the workers.
FILES_PER_TASK = 64
# Tasks in flight per CPU of the cluster: enough that no worker waits for the driver,
# few enough that the outcomes held for in-order reporting stay small.
TASKS_PER_CPU = 2
# A shard's name: its task's number (for order), and a digest of what made it (for
# resuming: a shard whose name a new run would give its task is already done).
# A shard with an input that failed is marked, so that a resumed run tries it again.
SHARD_NAME = "part-{:05d}-{}.jsonl"
FAILED_SUFFIX = "-e.jsonl"
SHARD_NAME_RE = re.compile(r"part-\d{5,}(?:-[0-9a-f]{12}(?:-e)?)?\.jsonl")


class EngineError(Exception):
    """The run as a whole failed (the output cannot be written, the cluster went away)."""


class Task(NamedTuple):
    """One Ray task: a unit of the plan, and the name of the shard it writes."""

    unit: Unit
    shard: str

    @classmethod
    def of(cls, unit: Unit, fingerprint: str) -> Task:
        """The task for ``unit``; its shard is named by the unit's number and stamp.

        >>> from cleaner.sources import InputFile
        >>> unit = Unit(7, (InputFile("in/a.txt", "a.txt", "text", 12, 1.5),))
        >>> name = Task.of(unit, "f1").shard
        >>> name.startswith("part-00007-"), name == Task.of(unit, "f2").shard
        (True, False)
        """
        return cls(unit, SHARD_NAME.format(unit.number, unit.stamp(fingerprint)[:12]))

    @property
    def failed_shard(self) -> str:
        """The shard's name when one of its inputs failed."""
        return self.shard.removesuffix(".jsonl") + FAILED_SUFFIX


def task_results(unit: Unit, options: BatchOptions) -> Iterator[tuple[Outcome, dict | None]]:
    """Clean one unit's inputs: each outcome with its record (None for an unreadable JSONL)."""
    config = options.config
    if unit.lines is not None:
        piece = unit.lines
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
                if is_record_line(line):
                    yield line_record((number, line), source.name, source.relative, options)
        except InputError as error:
            yield Outcome(source.name, "error", error=str(error)), None
        return
    for source in unit.files:
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
    for outcome, record in task_results(task.unit, options):
        outcomes.append(outcome)
        if record is not None:
            write_json_line(record, shard)
    failed = any(outcome.status == "error" for outcome in outcomes)
    written, other = (task.failed_shard, task.shard) if failed else (task.shard, task.failed_shard)
    write_shard(output, written, shard.getvalue())
    remove_shards(output, [other])  # an earlier try's, failed or not: never both
    return task.unit.number, outcomes


def write_shard(output: str, name: str, text: str) -> None:
    """Write one shard under ``output`` whole or not at all (a temporary name, then a move)."""
    if not is_url(output):
        with open_atomic(Path(output, name), sweep=False) as stream:
            stream.write(text)
        return
    fs, folder = split_url(output)
    final = f"{folder.rstrip('/')}/{name}"
    temporary = f"{folder.rstrip('/')}/.{name}.part"
    with fs.open_output_stream(temporary) as stream:
        stream.write(text.encode("utf-8"))
    fs.move(temporary, final)


def shards_in(output: str) -> set[str]:
    """Make the folder ``output`` if need be; the names of the shards already in it."""
    if is_url(output):
        fs, folder = split_url(output)
        fs.create_dir(folder, recursive=True)
        entries = fs.get_file_info(pafs.FileSelector(folder, allow_not_found=True))
        return {entry.base_name for entry in entries if SHARD_NAME_RE.fullmatch(entry.base_name)}
    local_folder = Path(output)
    local_folder.mkdir(parents=True, exist_ok=True)
    return {path.name for path in local_folder.iterdir() if SHARD_NAME_RE.fullmatch(path.name)}


def remove_shards(output: str, names: Iterable[str]) -> int:
    """Remove these shards from ``output`` where they are; return how many were."""
    removed = 0
    fs, folder = split_url(output) if is_url(output) else (None, output)
    for name in names:
        if fs is None:
            path = Path(output, name)
            if path.exists():
                path.unlink(missing_ok=True)
                removed += 1
        else:
            location = f"{folder.rstrip('/')}/{name}"
            if fs.get_file_info(location).type == pafs.FileType.File:
                fs.delete_file(location)
                removed += 1
    return removed


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
    fingerprint = options.fingerprint()
    tasks = (
        Task.of(unit, fingerprint)
        for unit in plan_units(found, skips, files_per_unit=FILES_PER_TASK)
    )
    try:
        existing = shards_in(output)
    except OSError as error:
        raise EngineError(f"cannot write to {output}: {error}") from error
    # A shard marked failed is not done: its task runs again.
    done = (
        {name for name in existing if not name.endswith(FAILED_SUFFIX)} if options.resume else set()
    )
    kept: set[str] = set()
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
        for number, outcomes in _task_outcomes(tasks, options, output, done, kept):
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
    # Only once the run is whole: shards no task of it kept are an earlier run's.
    removed = remove_shards(output, existing - kept)
    if removed:
        logger.info("%s: removed %d shard(s) of an earlier run", output, removed)


def _unchanged(task: Task, output: str) -> tuple[int, list[Outcome]]:
    """The outcomes of a task whose shard an earlier run wrote from the same inputs."""
    shard = f"{output.rstrip('/')}/{task.shard}"
    return task.unit.number, [
        Outcome(found.name, "unchanged", output=shard, size=found.size)
        for found in task.unit.inputs
    ]


def _root_cause(error: BaseException) -> str:
    """The message of the exception a Ray error wraps (a worker's OSError, say)."""
    while (cause := getattr(error, "cause", None) or error.__cause__) is not None:
        error = cause
    return f"{type(error).__name__}: {error}"


def _task_outcomes(
    tasks: Iterable[Task], options: BatchOptions, output: str, done: set[str], kept: set[str]
) -> Iterator[tuple[int, list[Outcome]]]:
    """Run the tasks as Ray tasks, a few per CPU in flight, and yield their outcomes in
    task order (plain Ray tasks: a Ray Data pipeline costs ~0.2 s per task here). A task
    whose shard is in ``done`` is not run again; every task's shard goes into ``kept``."""
    import ray

    in_flight = TASKS_PER_CPU * max(1, int(ray.cluster_resources().get("CPU", 1)))
    remote_task = ray.remote(num_cpus=1)(run_task)
    pending: deque[Any] = deque()
    for task in tasks:
        kept.update((task.shard, task.failed_shard))
        if task.shard in done:
            pending.append(_unchanged(task, output))
        else:
            pending.append(remote_task.remote(task, options, output))
        if len(pending) >= in_flight:
            yield _result(pending.popleft())
    while pending:
        yield _result(pending.popleft())


def _result(pending: Any) -> tuple[int, list[Outcome]]:
    import ray

    return ray.get(pending) if isinstance(pending, ray.ObjectRef) else pending
