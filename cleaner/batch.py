"""The local runner: many inputs cleaned into a mirrored folder or JSONL, in input order.

No cleaning logic lives here: inputs are found and read by ``sources``, each one cleaned
by ``tasks``, written by ``outputs``. What this module adds is the run: the manifest that
lets a folder run resume, worker processes, and outcomes reported in input order as each
output lands, so that an interrupted run's bookkeeping matches the files on disk.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from functools import partial
from itertools import groupby
from pathlib import Path
from typing import Any

from .manifest import Entry, Manifest, record_output
from .outcomes import Outcome, Summary
from .outputs import plan_outputs, remove_stale_parts, render_text, unwritable, write_atomic
from .parallel import ordered_map
from .plan import plan_units
from .sources import (
    InputError,
    LineTooLong,
    Source,
    is_record_line,
    is_within,
    read_jsonl_lines,
    resolved,
    stamped,
)
from .tasks import BatchOptions, clean_file, file_record, line_record

logger = logging.getLogger(__name__)


def clean_to_folder(
    sources: Iterable[Source], out_dir: Path, options: BatchOptions, summary: Summary
) -> None:
    """Clean text and HTML sources into a mirrored tree under ``out_dir``.

    Each source is a unit of its own (:func:`plan.plan_units`): one input, one output.
    With ``options.resume`` an output the folder's manifest shows was made by a unit of
    the same stamp is left as it is (status ``unchanged``). With ``options.jobs`` > 1
    the files are cleaned and written by that many worker processes; outcomes reach
    ``summary`` in input order all the same. Sources stream through: nothing is held
    per input beyond its output name (to keep names distinct) and, for inputs being
    cleaned, the few read ahead for the workers.
    """
    clean_one = partial(_clean_into, out_dir=out_dir, options=options)
    fingerprint = options.fingerprint()
    with Manifest.open(out_dir) as manifest:
        remove_stale_parts(out_dir)
        # Inputs read for the workers whose outcomes are not reported yet, in input
        # order: each one being cleaned, and the inputs already done that come after
        # it. An input already done with nothing before it is reported at once, so
        # this holds no more than the workers' read-ahead.
        pending: deque[tuple[Outcome, bool]] = deque()

        def to_clean() -> Iterator[tuple[Source, Path, Entry]]:
            for source, target in plan_outputs(sources, summary.renamed):
                (unit,) = plan_units([stamped(source)], files_per_unit=1)
                entry = manifest.entry(str(source.path), target, unit.stamp(fingerprint))
                done = options.resume and manifest.is_done(entry)
                output, size = str(out_dir / target), unit.files[0].size
                unchanged = Outcome(str(source.path), "unchanged", output=output, size=size)
                if done and not pending:
                    summary.add(unchanged)
                    continue
                pending.append((unchanged, done))
                if not done:
                    yield source, target, entry

        for outcome in ordered_map(clean_one, to_clean(), jobs=options.jobs):
            pending.popleft()  # the input this outcome belongs to (in the manifest already)
            summary.add(outcome)
            while pending and pending[0][1]:
                summary.add(pending.popleft()[0])


def _clean_into(
    planned: tuple[Source, Path, Entry], out_dir: Path, options: BatchOptions
) -> Outcome:
    """Clean one input and write its output; the manifest notes the output as it lands."""
    source, target, entry = planned
    outcome, result = clean_file(
        source, options.config, options.stages, keep_changes=options.keep_changes
    )
    if result is not None:
        output = out_dir / target
        problem = _outside(output, out_dir)
        if problem is None:
            try:
                # The folder was swept for unfinished outputs when the run started.
                write_atomic(
                    output,
                    render_text(result.paragraphs),
                    sweep=False,
                    before_rename=partial(record_output, out_dir, entry),
                )
            except OSError as error:
                problem = unwritable(error)
        if problem is not None:
            return Outcome(
                str(source.path), "error", error=f"cannot write {output}: {problem}",
                size=outcome.size,
            )  # fmt: skip
        outcome.output = str(output)
        if outcome.status == "empty":
            logger.warning("%s: nothing left after cleaning; wrote an empty file", source.path)
    return outcome


def _outside(output: Path, out_dir: Path) -> str | None:
    """Why ``output`` would land outside ``out_dir`` (a link in the output folder to a
    folder elsewhere), or None: outputs stay inside the output folder, always."""
    parent = output.parent
    while parent != out_dir and not parent.exists():
        parent = parent.parent  # (a folder still to be made is made inside)
    if is_within(resolved(parent), resolved(out_dir)):
        return None
    return f"{parent} links to a folder outside the output folder; outputs stay inside it"


def jsonl_records(
    sources: Iterable[Source], options: BatchOptions, summary: Summary
) -> Iterator[dict[str, Any]]:
    """Yield one output record per text or HTML file, or per line of a JSONL file.

    Records come in input order for any number of jobs.
    """
    for is_jsonl, group in groupby(sources, key=lambda source: source.kind == "jsonl"):
        if is_jsonl:
            for source in group:
                yield from _jsonl_file_records(source, options, summary)
            continue
        record_one = partial(_file_record, options=options)
        for outcome, record in ordered_map(record_one, group, jobs=options.jobs):
            summary.add(outcome)
            yield record


def _file_record(source: Source, options: BatchOptions) -> tuple[Outcome, dict[str, Any]]:
    outcome, result = clean_file(
        source,
        options.config,
        options.stages,
        with_metadata=True,
        keep_changes=options.keep_changes,
    )
    return outcome, file_record(str(source.relative), outcome, result)


def _jsonl_file_records(
    source: Source, options: BatchOptions, summary: Summary
) -> Iterator[dict[str, Any]]:
    try:
        lines = read_jsonl_lines(source.path, options.config.max_input_bytes)
        yield from clean_jsonl_lines(lines, source, options, summary)
    except InputError as error:
        summary.add(Outcome(str(source.path), "error", error=str(error)))


def clean_jsonl_lines(
    lines: Iterable[bytes | LineTooLong],
    source: Source,
    options: BatchOptions,
    summary: Summary,
) -> Iterator[dict[str, Any]]:
    """Clean JSONL lines one by one; a bad line becomes an error record, never a stop.

    Lines stream through: with several jobs only a few chunks per worker are read ahead.
    """
    numbered = ((n, line) for n, line in enumerate(lines, start=1) if is_record_line(line))
    clean_one = partial(
        line_record, name=str(source.path), relative=str(source.relative), options=options
    )
    for outcome, record in ordered_map(clean_one, numbered, jobs=options.jobs, chunk_size=32):
        summary.add(outcome)
        yield record
