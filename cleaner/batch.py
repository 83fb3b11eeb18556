"""Cleaning many inputs: discovery, mirrored output names, atomic writes, outcomes.

No cleaning logic lives here: each input is read by ``sources`` and cleaned by ``api``.
What this module adds is what a batch needs: a bad file becomes an outcome with a
reason and the batch goes on, outputs appear whole or not at all, inputs are only read.
"""

from __future__ import annotations

import errno
import gzip
import hashlib
import json
import logging
import os
import re
import secrets
import zlib
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import partial
from itertools import groupby
from pathlib import Path
from typing import IO, Any, NamedTuple

from .api import Result, clean, clean_html, clean_record
from .config import Config
from .limits import TimeLimitExceeded, time_limit
from .manifest import Entry, Manifest, run_fingerprint
from .model import LANGUAGE_KEY
from .outcomes import Outcome, Summary, write_json_line
from .parallel import ordered_map
from .pipeline import DEFAULT_STAGES, Stage, stage_name
from .sources import (
    GZIP_MAGIC,
    InputError,
    InputKind,
    LineTooLong,
    capped_lines,
    decode_bytes,
    input_kind,
    read_bytes,
)

logger = logging.getLogger(__name__)

# What open_atomic names a temporary output: ".<name>.<8 chars>.part" (the chars are hex;
# the pattern also takes those of tempfile.mkstemp, which made them before).
PART_NAME_RE = re.compile(r"\.(.+)\.[a-z0-9_]{8}\.part")
# The longest output name a temporary is named after (255 bytes, less ".", ".", 8 and ".part").
MAX_PART_STEM_BYTES = 255 - 15


class RecordFields(NamedTuple):
    """Where a JSONL record keeps its text, its HTML page (optional) and its id."""

    text: str = "text"
    html: str | None = None
    id: str = "id"


DEFAULT_FIELDS = RecordFields()


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
        """What, besides an input, decides its output: see :func:`manifest.run_fingerprint`."""
        names = [stage_name(stage) for stage in (self.stages or DEFAULT_STAGES)]
        return run_fingerprint(self.config, names)


@dataclass(frozen=True)
class Source:
    """One input file and the name it has relative to the folder it was found in."""

    path: Path
    relative: Path
    kind: InputKind


def discover(
    inputs: Sequence[Path],
    *,
    output: Path | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> Iterator[Source | Outcome]:
    """Yield the files to clean under ``inputs``, in a stable order.

    Folders are walked recursively (symlinked folders are not followed, so a link loop
    cannot trap the walk); files we cannot clean are yielded as ``skipped`` outcomes.
    A file named on the command line is cleaned as text whatever its suffix. Anything
    under ``output`` (the output folder) is passed over. In folders, ``include`` globs
    (any may match) and ``exclude`` globs (none may match) filter on the path relative
    to the folder, as in ``*.html`` or ``drafts/*`` (``*`` also crosses ``/``).
    """
    excluded = _resolved(output) if output else None
    for given in inputs:
        if given.is_dir():
            for path in _walk(given):
                if excluded and _is_within(_resolved(path), excluded):
                    continue
                relative = path.relative_to(given)
                if not is_selected(relative.as_posix(), include, exclude):
                    continue
                kind = input_kind(path)
                if kind is None:
                    yield Outcome(
                        str(path), "skipped", error="not a .txt, .html, .jsonl or .gz of them"
                    )
                else:
                    yield Source(path, relative, kind)
        else:
            yield Source(given, Path(given.name), input_kind(given) or "text")


def is_selected(relative: str, include: Sequence[str], exclude: Sequence[str]) -> bool:
    """Whether a path passes the globs.

    >>> is_selected("a/b.html", ["*.html"], ["x/*"]), is_selected("drafts/c.html", [], ["d*/*"])
    (True, False)
    """
    if include and not any(fnmatchcase(relative, glob) for glob in include):
        return False
    return not any(fnmatchcase(relative, glob) for glob in exclude)


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            yield Path(root, name)


def _resolved(path: Path) -> Path:
    """``path`` with its links resolved; as it stands when they loop (it fails on reading)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop, before Python 3.13
        return path.absolute()


def _is_within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def output_name(relative: Path) -> Path:
    """The mirrored output name: ``.gz`` dropped, then the suffix replaced by ``.txt``.

    >>> [str(output_name(Path(p))) for p in ("a/b.txt", "a/b.html", "a/b.txt.gz", "a/b")]
    ['a/b.txt', 'a/b.txt', 'a/b.txt', 'a/b.txt']
    """
    if relative.suffix.lower() == ".gz":
        relative = relative.with_suffix("")
    return relative.with_suffix(".txt")


def plan_outputs(
    sources: Iterable[Source], renamed: list[tuple[str, str]]
) -> Iterator[tuple[Source, Path]]:
    """Give each source a distinct output name; when two map to one, the later keeps its full name.

    Streams: only the names taken so far are held. Each rename is added to ``renamed``.

    >>> renamed = []
    >>> plan = plan_outputs([Source(Path("x/b.txt"), Path("b.txt"), "text"),
    ...                      Source(Path("x/b.txt.gz"), Path("b.txt.gz"), "text")], renamed)
    >>> [str(target) for _, target in plan], renamed
    (['b.txt', 'b.txt.gz.txt'], [('b.txt.gz', 'b.txt.gz.txt')])
    """
    taken: set[str] = set()
    for source in sources:
        target = output_name(source.relative)
        if target.as_posix() in taken:
            target = source.relative.with_name(source.relative.name + ".txt")
            renamed.append((str(source.relative), str(target)))
        taken.add(target.as_posix())
        yield source, target


@contextmanager
def open_atomic(path: Path, *, sweep: bool = True) -> Iterator[IO[str]]:
    """Open ``path`` for writing through a temporary file that is renamed into place on success.

    A reader never sees a half-written file under the final name: if the block fails
    only a hidden ``.part`` file is left, and removed. One a killed run left behind is
    removed here (``sweep``), or by :func:`remove_stale_parts` for a whole folder.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if sweep:
        remove_stale_parts(path.parent, path.name)
    handle, temporary = _new_part_file(path)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            yield stream
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _new_part_file(path: Path) -> tuple[int, Path]:
    """Create a hidden temporary file next to ``path``; its descriptor and name.

    Created as any new file is (mode 0666 less the umask): ``tempfile.mkstemp`` would
    make it private, and an output is renamed from it as it stands.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temporary = path.with_name(f".{part_stem(path.name)}.{secrets.token_hex(4)}.part")
        try:
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue


def part_stem(name: str) -> str:
    """What a temporary file for output ``name`` is named after: the name, or for a name
    too long to take the temporary's dot and suffix as well (a file name has at most
    255 bytes), a digest of it.

    >>> part_stem("a.txt"), len(part_stem("n" * 250 + ".txt"))
    ('a.txt', 33)
    """
    if len(os.fsencode(name)) <= MAX_PART_STEM_BYTES:
        return name
    digest = hashlib.blake2b(os.fsencode(name), digest_size=16).hexdigest()
    return f"~{digest}"


def write_atomic(path: Path, text: str, *, sweep: bool = True) -> None:
    """Write ``text`` to ``path`` whole or not at all."""
    with open_atomic(path, sweep=sweep) as stream:
        stream.write(text)


def remove_stale_parts(folder: Path, name: str | None = None) -> int:
    """Remove the ``.part`` files of :func:`open_atomic` that a killed run left behind.

    Every one under ``folder`` (symlinks not followed), or with ``name`` only those of
    that output in it. Returns how many were removed.
    """
    removed = 0
    walk = os.walk(folder) if name is None else [(str(folder), [], _names_in(folder))]
    for directory, _, files in walk:
        for file in files:
            match = PART_NAME_RE.fullmatch(file)
            if match and (name is None or match.group(1) == part_stem(name)):
                Path(directory, file).unlink(missing_ok=True)
                removed += 1
    if removed:
        logger.info("%s: removed %d unfinished output(s) of an interrupted run", folder, removed)
    return removed


def _names_in(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def render_text(paragraphs: Sequence[str]) -> str:
    """Text output: paragraphs separated by one blank line, with a final newline (or nothing)."""
    return "\n\n".join(paragraphs) + "\n" if paragraphs else ""


def file_size(path: Path) -> int:
    """The size of a file in bytes, 0 when it cannot be looked at (reading will say why)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


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


class InputFile(NamedTuple):
    """An input file by name: where it is (a path or a URL), its relative name, kind, size,
    and when it was last changed (seconds since the epoch; 0 when unknown)."""

    name: str
    relative: str
    kind: InputKind
    size: int
    mtime: float = 0.0


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


def clean_to_folder(
    sources: Iterable[Source], out_dir: Path, options: BatchOptions, summary: Summary
) -> None:
    """Clean text and HTML sources into a mirrored tree under ``out_dir``.

    With ``options.resume`` an output the folder's manifest shows was made from the same
    input by the same kind of run is left as it is (status ``unchanged``). With
    ``options.jobs`` > 1 the files are cleaned and written by that many worker
    processes; outcomes reach ``summary`` in input order all the same. Sources stream
    through: nothing is held per input beyond its output name (to keep names distinct)
    and, for inputs being cleaned, the few read ahead for the workers.
    """
    clean_one = partial(_clean_into, out_dir=out_dir, options=options)
    with Manifest.open(out_dir, options.fingerprint()) as manifest:
        remove_stale_parts(out_dir)
        # Inputs read for the workers whose outcomes are not reported yet, in input
        # order: each one being cleaned, and the inputs already done that come after
        # it. An input already done with nothing before it is reported at once, so
        # this holds no more than the workers' read-ahead.
        pending: deque[tuple[Source, Path, Entry | None, bool]] = deque()

        def unchanged(source: Source, target: Path, entry: Entry | None) -> None:
            size = entry["size"] if entry else 0
            output = str(out_dir / target)
            summary.add(Outcome(str(source.path), "unchanged", output=output, size=size))

        def to_clean() -> Iterator[tuple[Source, Path]]:
            for source, target in plan_outputs(sources, summary.renamed):
                entry = manifest.entry(source.path, target)
                done = options.resume and manifest.is_done(entry)
                if done and not pending:
                    unchanged(source, target, entry)
                    continue
                pending.append((source, target, entry, done))
                if not done:
                    yield source, target

        for outcome in ordered_map(clean_one, to_clean(), jobs=options.jobs):
            _, _, entry, _ = pending.popleft()  # the input this outcome belongs to
            if outcome.output is not None:
                manifest.record(entry)
            summary.add(outcome)
            while pending and pending[0][3]:
                source, target, entry, _ = pending.popleft()
                unchanged(source, target, entry)


def _clean_into(planned: tuple[Source, Path], out_dir: Path, options: BatchOptions) -> Outcome:
    source, target = planned
    outcome, result = clean_file(
        source, options.config, options.stages, keep_changes=options.keep_changes
    )
    if result is not None:
        output = out_dir / target
        problem = _outside(output, out_dir)
        if problem is None:
            try:
                # The folder was swept for unfinished outputs when the run started.
                write_atomic(output, render_text(result.paragraphs), sweep=False)
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
    if _is_within(_resolved(parent), _resolved(out_dir)):
        return None
    return f"{parent} links to a folder outside the output folder; outputs stay inside it"


def unwritable(error: OSError) -> str:
    """What stopped an output being written, in words.

    >>> unwritable(OSError(errno.ENOSPC, "No space left on device"))
    'no space left on the device'
    """
    if isinstance(error, (FileExistsError, NotADirectoryError)):
        return "a file of that name is in the way of the folder it goes in"
    if isinstance(error, IsADirectoryError):
        return "a folder of that name is in the way"
    reasons = {
        errno.ENOSPC: "no space left on the device",
        errno.EDQUOT: "over the disk quota",
        errno.EROFS: "the file system is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.ENAMETOOLONG: "the name is too long for the file system",
    }
    return reasons.get(error.errno or 0, error.strerror or str(error))


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


def file_record(relative: str, outcome: Outcome, result: Result | None) -> dict[str, Any]:
    """The JSONL record of one text or HTML file: its id, then the cleaned fields or the error."""
    record: dict[str, Any] = {"id": relative}
    if result is None:
        record.update(status="error", error=outcome.error)
    else:
        record.update(result.to_record())
    return record


def _jsonl_file_records(
    source: Source, options: BatchOptions, summary: Summary
) -> Iterator[dict[str, Any]]:
    try:
        lines = read_jsonl_lines(source.path, options.config.max_input_bytes)
        yield from clean_jsonl_lines(lines, source, options, summary)
    except InputError as error:
        summary.add(Outcome(str(source.path), "error", error=str(error)))


def read_jsonl_lines(path: Path, max_line_bytes: int) -> Iterator[bytes | LineTooLong]:
    """Stream the lines of a JSONL file (plain or gzip) without holding the file whole."""
    return jsonl_lines(lambda: path.open("rb"), path.name, max_line_bytes)


def jsonl_lines(
    open_binary: Callable[[], IO[bytes]],
    name: str,
    max_line_bytes: int,
    start: int = 0,
    end: int | None = None,
) -> Iterator[bytes | LineTooLong]:
    """Stream the lines of the JSONL file ``open_binary`` opens, gzip told by name or magic.

    ``start`` and ``end`` (line starts, in a plain file) pick the lines that begin in
    between: one piece of a file split for several workers. A line over
    ``max_line_bytes`` comes as a :class:`LineTooLong` (it costs that line only).
    InputError says what is wrong with the file.
    """
    try:
        with open_binary() as raw:
            gzipped = name.lower().endswith(".gz") or raw.read(2) == GZIP_MAGIC
            raw.seek(0 if gzipped else start)
            stream: IO[bytes] | gzip.GzipFile = gzip.GzipFile(fileobj=raw) if gzipped else raw
            position = start
            for line in capped_lines(stream, max_line_bytes):
                if end is not None and position >= end:
                    break
                position += line.size if isinstance(line, LineTooLong) else len(line)
                yield line
    except (gzip.BadGzipFile, EOFError, zlib.error) as error:
        raise InputError(f"corrupt gzip: {error}") from error
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}") from error


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


def is_record_line(line: bytes | LineTooLong) -> bool:
    """Whether a JSONL line holds anything (blank lines are skipped, not records)."""
    return isinstance(line, LineTooLong) or bool(line.strip())


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def parse_record(line: bytes) -> tuple[Any, str | None]:
    """One JSONL line's object, or None and why it is none: not UTF-8, not JSON (strict:
    no NaN or Infinity), nested too deep, a number too long, or not an object.

    >>> parse_record(b'{"id": 1}')
    ({'id': 1}, None)
    >>> parse_record(b'[' * 5000 + b']' * 5000)[1]
    'nested too deep to read'
    >>> parse_record(b'{"n": NaN}')[1]
    'not valid JSON: NaN is not JSON'
    """
    try:
        record = json.loads(line, parse_constant=_reject_constant)
    except UnicodeDecodeError:
        return None, "not UTF-8 (JSONL must be UTF-8)"
    except json.JSONDecodeError as error:
        return None, f"not valid JSON: {error.msg} at column {error.colno}"
    except RecursionError:
        return None, "nested too deep to read"
    except ValueError as error:  # an integer of thousands of digits, a NaN
        if "digits" in str(error):
            return None, "holds a number too long to read (over 4,300 digits)"
        return None, f"not valid JSON: {error}"
    if not isinstance(record, dict):
        return None, f"a JSONL line must hold an object, not {type(record).__name__}"
    return record, None


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


def write_jsonl(records: Iterable[dict[str, Any]], stream: IO[str]) -> None:
    """Write records one per line, as UTF-8 JSON without ASCII escapes where possible."""
    for record in records:
        write_json_line(record, stream)
