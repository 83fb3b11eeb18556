"""What became of each input of a batch, and the totals over all of them.

A batch of 200,000 files must not keep 200,000 records in memory: :class:`Summary`
adds each :class:`Outcome` into running totals and keeps only the problems (errors and
skipped inputs, with their reasons). Whoever wants every outcome (the ``--report``
file, a progress bar) listens as they arrive.

>>> summary = Summary()
>>> summary.add(Outcome("a.txt", "ok", paragraphs=3, changes_by_rule=Counter({"tidy:x": 1})))
>>> summary.add(Outcome("b.txt", "error", error="binary content"))
>>> summary.statuses["ok"], summary.paragraphs, [o.source for o in summary.errors]
(1, 3, ['b.txt'])
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import IO, Any, Literal

from .model import Change

OutcomeStatus = Literal["ok", "empty", "error", "skipped", "unchanged"]
STATUSES: tuple[OutcomeStatus, ...] = ("ok", "empty", "error", "skipped", "unchanged")
# Rules named in the closing summary; the JSON summary and the report carry them all.
TOP_RULES = 10


@dataclass
class Outcome:
    """What became of one input: its status, the output written, and counts.

    ``size`` is the input's size in bytes (as stored, for progress and throughput);
    ``language`` the language found in its text (see ``detect_language``), if any;
    ``changes_by_rule`` keys are ``stage:rule``; ``changes`` holds every change (as in
    JSONL output) only when a report asked for them.
    """

    source: str
    status: OutcomeStatus
    output: str | None = None
    error: str | None = None
    size: int = 0
    paragraphs: int = 0
    changes_by_stage: Counter[str] = field(default_factory=Counter)
    changes_by_rule: Counter[str] = field(default_factory=Counter)
    changes: list[dict[str, Any]] | None = None
    language: str | None = None

    @classmethod
    def cleaned(
        cls,
        source: str,
        status: OutcomeStatus,
        changes: Iterable[Change],
        paragraphs: int,
        *,
        size: int = 0,
        keep_changes: bool = False,
        language: str | None = None,
    ) -> Outcome:
        """The outcome of an input that was cleaned, counted from its changes."""
        changes = list(changes)
        return cls(
            source,
            status,
            size=size,
            paragraphs=paragraphs,
            changes_by_stage=Counter(change.stage for change in changes),
            changes_by_rule=Counter(f"{change.stage}:{change.rule}" for change in changes),
            changes=[change.to_dict() for change in changes] if keep_changes else None,
            language=language,
        )

    def to_record(self) -> dict[str, Any]:
        """One line of the ``--report`` file."""
        record: dict[str, Any] = {
            "input": self.source,
            "status": self.status,
            "output": self.output,
            "error": self.error,
            "bytes": self.size,
            "paragraphs": self.paragraphs,
            "language": self.language,
            "changes_by_stage": dict(self.changes_by_stage),
            "changes_by_rule": dict(self.changes_by_rule),
        }
        if self.changes is not None:
            record["changes"] = self.changes
        return record


@dataclass
class Summary:
    """Running totals over a batch, for the closing message, the JSON summary and the exit code."""

    statuses: Counter[str] = field(default_factory=Counter)
    paragraphs: int = 0
    changes_by_stage: Counter[str] = field(default_factory=Counter)
    changes_by_rule: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    problems: list[Outcome] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)
    listeners: list[Callable[[Outcome], None]] = field(default_factory=list)
    unit: str = "file"  # what an input is called in the closing lines ("record" for JSONL)

    def add(self, outcome: Outcome) -> None:
        """Count one outcome in, and pass it to every listener."""
        self.statuses[outcome.status] += 1
        self.paragraphs += outcome.paragraphs
        self.changes_by_stage.update(outcome.changes_by_stage)
        self.changes_by_rule.update(outcome.changes_by_rule)
        if outcome.language:
            self.languages[outcome.language] += 1
        if outcome.status in ("error", "skipped"):
            self.problems.append(Outcome(outcome.source, outcome.status, error=outcome.error))
        for listener in self.listeners:
            listener(outcome)

    @property
    def errors(self) -> list[Outcome]:
        return [outcome for outcome in self.problems if outcome.status == "error"]

    @property
    def skipped(self) -> list[Outcome]:
        return [outcome for outcome in self.problems if outcome.status == "skipped"]

    def lines(self) -> list[str]:
        """The summary as lines of text for stderr."""
        count = self.statuses
        out = [
            f"cleaned {count['ok']} {self.unit}(s), {count['empty']} cleaned to nothing,"
            f" {count['error']} error(s), {count['skipped']} skipped,"
            f" {count['unchanged']} unchanged since the last run;"
            f" {self.paragraphs} paragraphs kept"
        ]
        if self.changes_by_stage:
            per_stage = ", ".join(f"{s} {n}" for s, n in sorted(self.changes_by_stage.items()))
            out.append(f"changes by stage: {per_stage}")
            top = ", ".join(f"{r} {n}" for r, n in self.changes_by_rule.most_common(TOP_RULES))
            out.append(f"top rules: {top}")
        out += [f"renamed: {source} -> {target} (name taken)" for source, target in self.renamed]
        out += [f"error: {o.source}: {o.error}" for o in self.errors]
        out += [f"skipped: {o.source}: {o.error}" for o in self.skipped]
        return out

    def to_dict(self) -> dict[str, Any]:
        """Every total as JSON-ready data (``--summary-json``)."""
        return {
            "files": {status: self.statuses[status] for status in STATUSES},
            "paragraphs": self.paragraphs,
            "changes_by_stage": dict(sorted(self.changes_by_stage.items())),
            "changes_by_rule": dict(self.changes_by_rule.most_common()),
            "languages": dict(self.languages.most_common()),
            "errors": [{"input": o.source, "error": o.error} for o in self.errors],
            "skipped": [{"input": o.source, "reason": o.error} for o in self.skipped],
            "renamed": [{"input": s, "output": t} for s, t in self.renamed],
        }


def report_writer(stream: IO[str]) -> Callable[[Outcome], None]:
    """A listener that writes each outcome as one JSON line to ``stream``."""

    def write(outcome: Outcome) -> None:
        write_json_line(outcome.to_record(), stream)

    return write


def write_json_line(record: dict[str, Any], stream: IO[str]) -> None:
    """Write one record as a line of JSON, UTF-8 as it reads.

    A lone surrogate (JSON can carry one, "\\ud800", and a record's fields pass through
    untouched) cannot be written as UTF-8; such a record is written with ASCII escapes
    instead, so it goes out exactly as it came in.

    >>> import io
    >>> stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    >>> write_json_line({"id": "é\\ud800"}, stream); stream.flush()
    >>> stream.buffer.getvalue()
    b'{"id": "\\\\u00e9\\\\ud800"}\\n'
    """
    try:
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    except UnicodeEncodeError:  # raised before anything of the line is written
        stream.write(json.dumps(record) + "\n")
