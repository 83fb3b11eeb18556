"""What a run removed, read from its ``--report`` file: totals, rules, and files in full.

The report (written with ``--report-changes``) holds every change of every input: its
stage, rule, reason, and the text before and after. A *removal* is a change that took
text away (a promo line, a glued headline, a label cut off a paragraph); the stages that
only reshape text (encoding, paragraph splits) remove nothing. To show removals in
place, a file's input is read again and prepared by those reshaping stages: that is the
text the removing stages saw, and each removal is found in it.

The report is read twice and never held whole: the first pass counts and chooses which
files to show in full, the second keeps only those files' changes.
"""

from __future__ import annotations

import heapq
import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ..config import Config
from ..sources import InputError, input_kind, read_bytes

if TYPE_CHECKING:
    from ..pipeline import Stage

# Stages that reshape text and remove none of it; the first stage that removes text is
# strip_promos, and the text before it is what every removal is found in.
FIRST_REMOVING_STAGE = "strip_promos"
# A removal found by its ends when an earlier removal changed its middle: this many
# characters of each end are looked for.
END_PROBE = 40


@cache
def preparing_stages() -> tuple[tuple[Stage, ...], frozenset[str]]:
    """The default stages before the first that removes text, and their names.

    Looked up when a page is made, not when the module is imported: the stages load
    ftfy and the rule packs, which ``cleaner --help`` has no need of.
    """
    from ..pipeline import DEFAULT_STAGES, stage_name

    names = [stage_name(stage) for stage in DEFAULT_STAGES]
    stages = tuple(DEFAULT_STAGES[: names.index(FIRST_REMOVING_STAGE)])
    return stages, frozenset(names[: len(stages)])


@dataclass(frozen=True)
class Limits:
    """How much of a run the page shows (the rest is counted, and the page says so)."""

    files_in_full: int = 120  # files shown with every removal in place
    samples_per_rule: int = 12  # removals shown in context under each rule
    removals_per_file: int = 400  # removals shown in place in one file
    chars_per_file: int = 200_000  # characters of one file's text shown
    files_listed: int = 2_000  # rows of the table of files


class Removal(NamedTuple):
    """Text a change took away: which change (its index in the file's changes), the rule,
    and the removed text."""

    index: int
    stage: str
    rule: str
    reason: str
    text: str


class Placed(NamedTuple):
    """A removal found in the prepared text: where it starts and ends."""

    removal: Removal
    start: int
    end: int


@dataclass
class FileSummary:
    """One input of the run, as the table of files lists it."""

    number: int
    input: str
    status: str
    language: str | None
    paragraphs: int
    changes: int
    removals: int
    removed_chars: int
    error: str | None = None

    @classmethod
    def of(cls, number: int, record: dict[str, Any], removals: list[Removal]) -> FileSummary:
        """The summary of report line ``number``, whose removals are ``removals``."""
        return cls(
            number,
            str(record["input"]),
            str(record.get("status")),
            record.get("language"),
            record.get("paragraphs") or 0,
            len(record.get("changes") or []),
            len(removals),
            sum(len(removal.text) for removal in removals),
            record.get("error"),
        )


@dataclass
class FileView:
    """A file shown in full: its prepared text and its removals placed in it (or, when the
    input could not be read again, listed without their place)."""

    summary: FileSummary
    text: str = ""
    placed: list[Placed] = field(default_factory=list)
    unplaced: list[Removal] = field(default_factory=list)
    note: str | None = None  # why the text is missing or cut short
    left_out: int = 0  # removals over the cap


@dataclass
class RuleSummary:
    """One rule over the whole run."""

    key: str  # "stage:rule"
    stage: str
    rule: str
    reason: str = ""
    changes: int = 0
    removals: int = 0
    removed_chars: int = 0
    files: int = 0


@dataclass
class Review:
    """Everything the page shows."""

    report: str
    statuses: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    paragraphs_kept: int = 0
    paragraphs_removed: int = 0
    removed_chars: int = 0
    changes_by_stage: Counter[str] = field(default_factory=Counter)
    rules: dict[str, RuleSummary] = field(default_factory=dict)
    files: list[FileSummary] = field(default_factory=list)  # the listed ones
    file_count: int = 0
    in_full: list[FileView] = field(default_factory=list)
    limits: Limits = field(default_factory=Limits)


def removal_of(index: int, change: dict[str, Any]) -> Removal | None:
    """The text ``change`` took away, or None when it took none (a split, a rewrite that
    kept every character's worth of text).

    >>> cut = {"stage": "strip_promos", "rule": "r", "before": "A. Ad", "after": "A."}
    >>> removal_of(0, cut).text
    ' Ad'
    >>> removal_of(0, {"stage": "repair_runons", "rule": "r", "before": "a.B", "after": "a. B"})
    """
    stage, before, after = change["stage"], change["before"], change["after"]
    if stage in preparing_stages()[1] or len(after) >= len(before):
        return None
    head = 0
    limit = len(after)
    while head < limit and before[head] == after[head]:
        head += 1
    tail = 0
    while tail < limit - head and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    removed = before[head : len(before) - tail]
    return Removal(index, stage, change["rule"], change.get("reason", ""), removed)


def read_report(path: Path) -> Iterator[dict[str, Any]]:
    """The report's records, one per input; a line that is not JSON is a clear error."""
    with path.open(encoding="utf-8") as stream:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}: line {number} is not JSON ({error.msg})") from None
            if not isinstance(record, dict) or "input" not in record:
                raise ValueError(f"{path}: line {number} is not a cleaner report line")
            yield record


def review_run(report: Path, limits: Limits | None = None, config: Config | None = None) -> Review:
    """Read a run's report and choose what the page shows.

    The files shown in full are chosen so that every rule has samples in context: for each
    rule (most removed text first), the files where it removed most, until it has
    ``samples_per_rule`` removals; then the files with the most removed text.
    """
    limits = limits or Limits()
    review = Review(f"the report {report}", limits=limits)
    listed: list[tuple[int, int, FileSummary]] = []  # a heap of the files that removed most
    by_rule_files: dict[str, list[tuple[int, int]]] = defaultdict(list)  # (-count, number)
    has_changes = False
    for number, record in enumerate(read_report(report)):
        changes = record.get("changes")
        has_changes |= changes is not None
        summary = _count(review, number, record, changes or [], by_rule_files, limits)
        entry = (summary.removed_chars, -number, summary)
        if len(listed) < limits.files_listed:
            heapq.heappush(listed, entry)
        else:
            heapq.heappushpop(listed, entry)
    if review.file_count and not has_changes:
        raise ValueError(f"{report}: the report holds no changes; make it with --report-changes")
    review.files = [summary for _, _, summary in sorted(listed, reverse=True)]
    chosen = _choose_files(review, by_rule_files, limits)
    review.in_full = _files_in_full(report, chosen, limits, config or Config())
    return review


def _count(
    review: Review,
    number: int,
    record: dict[str, Any],
    changes: list[dict[str, Any]],
    by_rule_files: dict[str, list[tuple[int, int]]],
    limits: Limits,
) -> FileSummary:
    review.file_count += 1
    review.statuses[record.get("status") or "unknown"] += 1
    if record.get("language"):
        review.languages[record["language"]] += 1
    review.paragraphs_kept += record.get("paragraphs") or 0
    removals: list[Removal] = []
    per_rule: Counter[str] = Counter()
    for index, change in enumerate(changes):
        key = f"{change['stage']}:{change['rule']}"
        rule = review.rules.get(key)
        if rule is None:
            rule = review.rules[key] = RuleSummary(key, change["stage"], change["rule"])
        rule.reason = rule.reason or change.get("reason", "")
        rule.changes += 1
        review.changes_by_stage[change["stage"]] += 1
        removal = removal_of(index, change)
        if removal is None:
            continue
        removals.append(removal)
        rule.removals += 1
        rule.removed_chars += len(removal.text)
        per_rule[key] += 1
        if not change["after"]:
            review.paragraphs_removed += 1
    for key, count in per_rule.items():
        review.rules[key].files += 1
        files = by_rule_files[key]
        # the few files where this rule removed most: enough to draw its samples from
        entry = (count, -number)
        if len(files) < limits.samples_per_rule:
            heapq.heappush(files, entry)
        else:
            heapq.heappushpop(files, entry)
    summary = FileSummary.of(number, record, removals)
    review.removed_chars += summary.removed_chars
    return summary


def _choose_files(
    review: Review, by_rule_files: dict[str, list[tuple[int, int]]], limits: Limits
) -> list[int]:
    chosen: dict[int, None] = {}
    rules = sorted(review.rules.values(), key=lambda rule: -rule.removed_chars)
    for rule in rules:
        covered = 0
        for count, negative in sorted(by_rule_files.get(rule.key, []), reverse=True):
            if covered >= limits.samples_per_rule or len(chosen) >= limits.files_in_full:
                break
            chosen[-negative] = None
            covered += count
    for summary in review.files:
        if len(chosen) >= limits.files_in_full:
            break
        if summary.removals:
            chosen[summary.number] = None
    return list(chosen)


def _files_in_full(
    report: Path, chosen: list[int], limits: Limits, config: Config
) -> list[FileView]:
    wanted = set(chosen)
    views: dict[int, FileView] = {}
    for number, record in enumerate(read_report(report)):
        if number not in wanted:
            continue
        changes = record.get("changes") or []
        removals = [r for i, c in enumerate(changes) if (r := removal_of(i, c)) is not None]
        summary = FileSummary.of(number, record, removals)
        views[number] = _file_view(summary, removals, limits, config)
    return sorted(views.values(), key=lambda view: -view.summary.removed_chars)


def _file_view(
    summary: FileSummary, removals: list[Removal], limits: Limits, config: Config
) -> FileView:
    view = FileView(summary)
    if len(removals) > limits.removals_per_file:
        view.left_out = len(removals) - limits.removals_per_file
        removals = removals[: limits.removals_per_file]
    text, note = prepared_text(Path(summary.input), config)
    view.note = note
    if text is None:
        view.unplaced = removals
        return view
    if len(text) > limits.chars_per_file:
        text = text[: limits.chars_per_file]
        view.note = f"the text is cut at {limits.chars_per_file:,} characters"
    view.text = text
    view.placed, view.unplaced = place(text, removals)
    return view


def prepared_text(path: Path, config: Config) -> tuple[str | None, str | None]:
    """The input's text as the removing stages saw it (paragraphs one per line), or None
    and why it could not be read again."""
    kind = input_kind(path) or "text"
    if kind == "jsonl" or not path.is_file():
        return None, "the input cannot be read again here: its removals are listed, not placed"
    try:
        data = read_bytes(path, config.max_input_bytes)
        from ..tasks import clean_bytes

        result = clean_bytes(data, kind, config, preparing_stages()[0], {})
    except (InputError, OSError) as error:
        return None, f"the input cannot be read again ({error}): its removals are listed"
    return "\n".join(result.paragraphs), None


def place(text: str, removals: list[Removal]) -> tuple[list[Placed], list[Removal]]:
    """Find each removal in ``text``: where its text stands, the first place not taken by
    an earlier removal of the same text; by its two ends when a removal before it changed
    its middle (an inline label cut out of a paragraph that later went whole).

    >>> text = "Intro.\\nREAD MORE: Other story\\nBody text here.\\nREAD MORE: Other story"
    >>> rs = [Removal(i, "strip_promos", "read-more", "", "READ MORE: Other story") for i in (0, 1)]
    >>> [(p.start, p.end) for p in place(text, rs)[0]]
    [(7, 29), (46, 68)]
    """
    placed: list[Placed] = []
    unplaced: list[Removal] = []
    taken: dict[str, int] = {}  # where the next search for the same text starts
    for removal in removals:
        needle = removal.text
        start = text.find(needle, taken.get(needle, 0)) if needle else -1
        if start >= 0:
            taken[needle] = start + max(1, len(needle))
            placed.append(Placed(removal, start, start + len(needle)))
            continue
        span = _by_ends(text, needle)
        if span is None:
            unplaced.append(removal)
        else:
            placed.append(Placed(removal, *span))
    placed.sort(key=lambda p: (p.start, -p.end))
    return placed, unplaced


def _by_ends(text: str, needle: str) -> tuple[int, int] | None:
    if len(needle) < 2 * END_PROBE:
        return None
    start = text.find(needle[:END_PROBE])
    if start < 0:
        return None
    # the text in the file is the needle and more: its end stands no earlier than the needle's
    end = text.find(needle[-END_PROBE:], start + len(needle) - END_PROBE)
    if end < 0 or end - start > 2 * len(needle):
        return None
    return start, end + END_PROBE
