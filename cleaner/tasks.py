"""Cleaning one input (a text or HTML file, a JSONL line) into an outcome and a result.

The unit of work every runner shares: the local batch (:mod:`.batch`) and the Ray
runner (:mod:`.engines.ray_batch`) call these, so an input comes out the same whoever
runs it. What goes wrong with an input becomes its outcome's error, never an exception.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from .api import DEFAULT_FIELDS, RecordFields, Result, clean, clean_html, clean_record
from .config import Config
from .limits import TimeLimitExceeded, time_limit
from .model import LANGUAGE_KEY
from .outcomes import Outcome
from .pipeline import DEFAULT_STAGES, Stage, stage_name
from .plan import run_fingerprint
from .sources import (
    InputError,
    InputFile,
    InputKind,
    LineTooLong,
    Source,
    decode_bytes,
    file_size,
    parse_record,
    read_bytes,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs: the settings and pipeline, where records keep their text, how
    many worker processes, whether a folder run resumes, and whether outcomes carry
    every change (for a report). Workers receive it whole, so it must pickle: stages
    are module-level functions.
    """

    config: Config = field(default_factory=Config)
    stages: tuple[Stage, ...] | None = None
    fields: RecordFields = DEFAULT_FIELDS
    jobs: int = 1
    resume: bool = True
    keep_changes: bool = False

    def fingerprint(self) -> str:
        """What, besides an input, decides its output: see :func:`plan.run_fingerprint`."""
        names = [stage_name(stage) for stage in (self.stages or DEFAULT_STAGES)]
        return run_fingerprint(self.config, names)


def clean_bytes(
    data: bytes,
    kind: InputKind,
    config: Config,
    stages: Sequence[Stage] | None,
    metadata: dict[str, Any],
    *,
    with_metadata: bool = False,
) -> Result:
    """Clean one input's bytes as a page (``html``) or as text; InputError if undecodable.

    A text input's metadata gains the encoding it was decoded from.
    """
    if kind == "html":
        return clean_html(
            data, config=config, stages=stages, metadata=metadata, with_metadata=with_metadata
        )
    decoded = decode_bytes(data)
    metadata = {**metadata, "encoding": decoded.encoding}
    return clean(decoded.text, config=config, stages=stages, metadata=metadata)


def clean_file(
    source: Source,
    config: Config,
    stages: Sequence[Stage] | None,
    *,
    with_metadata: bool = False,
    keep_changes: bool = False,
) -> tuple[Outcome, Result | None]:
    """Clean one text or HTML file; return its outcome and result (None when unreadable).

    ``with_metadata`` asks trafilatura for an HTML page's title, author, date, url and
    sitename (for JSONL records); text files carry their source and encoding only.
    ``keep_changes`` puts every change in the outcome too (for a report).
    """
    return clean_input(
        InputFile(str(source.path), str(source.relative), source.kind, file_size(source.path)),
        partial(read_bytes, source.path, config.max_input_bytes),
        config,
        stages,
        with_metadata=with_metadata,
        keep_changes=keep_changes,
    )


def clean_input(
    found: InputFile,
    read: Callable[[], bytes],
    config: Config,
    stages: Sequence[Stage] | None,
    *,
    with_metadata: bool = False,
    keep_changes: bool = False,
) -> tuple[Outcome, Result | None]:
    """Clean one input whose bytes ``read`` gets (InputError when it cannot), within the
    time limit; what goes wrong becomes the outcome's error, never an exception."""
    metadata = {"source": found.relative}
    try:
        with time_limit(config.max_seconds_per_input):
            data = read()
            result = clean_bytes(
                data, found.kind, config, stages, metadata, with_metadata=with_metadata
            )
    except (InputError, TimeLimitExceeded) as error:
        return Outcome(found.name, "error", error=str(error), size=found.size), None
    except Exception as error:  # a bug in cleaner must cost one file, not the batch
        logger.exception("%s: internal error while cleaning", found.name)
        reason = f"internal error in cleaner ({type(error).__name__}: {error}); please report it"
        return Outcome(found.name, "error", error=reason, size=found.size), None
    outcome = Outcome.cleaned(
        found.name,
        result.status,
        result.changes,
        len(result.blocks),
        size=found.size,
        keep_changes=keep_changes,
        language=result.metadata.get(LANGUAGE_KEY),
    )
    return outcome, result


def file_record(relative: str, outcome: Outcome, result: Result | None) -> dict[str, Any]:
    """The JSONL record of one text or HTML file: its id, then the cleaned fields or the error."""
    record: dict[str, Any] = {"id": relative}
    if result is None:
        record.update(status="error", error=outcome.error)
    else:
        record.update(result.to_record())
    return record


def line_record(
    numbered: tuple[int, bytes | LineTooLong], name: str, relative: str, options: BatchOptions
) -> tuple[Outcome, dict[str, Any]]:
    """Clean line ``number`` of the JSONL file ``name``; a bad line gives an error record.

    A record without an id gets ``relative:number``.
    """
    number, line = numbered
    where = f"{name}:{number}"
    default_id = f"{relative}:{number}"
    if isinstance(line, LineTooLong):
        record, reason, size = None, line.reason(options.config.max_input_bytes), line.size
    else:
        (record, reason), size = parse_record(line), len(line)
    if reason is not None:
        error_record = {"id": default_id, "status": "error", "error": reason}
        return Outcome(where, "error", error=reason, size=size), error_record
    fields = options.fields
    try:
        with time_limit(options.config.max_seconds_per_input):
            out = clean_record(
                record,
                text_field=fields.text,
                html_field=fields.html,
                id_field=fields.id,
                default_id=default_id,
                config=options.config,
                stages=options.stages,
            )
    except TimeLimitExceeded as error:
        out = {**record, "id": record.get(fields.id, default_id), "status": "error"}
        out["error"] = str(error)
    changes = out.get("changes", [])
    outcome = Outcome(
        where,
        out["status"],
        error=out.get("error"),
        size=size,
        paragraphs=len(out.get("paragraphs", ())),
        changes_by_stage=Counter(change["stage"] for change in changes),
        changes_by_rule=Counter(f"{change['stage']}:{change['rule']}" for change in changes),
        changes=changes if options.keep_changes else None,
        language=(out.get("metadata") or {}).get(LANGUAGE_KEY),
    )
    return outcome, out
