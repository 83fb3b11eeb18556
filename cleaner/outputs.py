"""Writing outputs: mirrored names, whole files or none (atomic renames), JSONL lines.

A reader never sees a half-written output under its final name, and an interrupted run
leaves only hidden ``.part`` files, which the next run sweeps away.
"""

from __future__ import annotations

import errno
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from .outcomes import write_json_line
from .sources import Source

logger = logging.getLogger(__name__)

# What open_atomic names a temporary output: ".<name>.<8 chars>.part" (the chars are hex;
# the pattern also takes those of tempfile.mkstemp, which made them before).
PART_NAME_RE = re.compile(r"\.(.+)\.[a-z0-9_]{8}\.part")


# The longest output name a temporary is named after (255 bytes, less ".", ".", 8 and ".part").
MAX_PART_STEM_BYTES = 255 - 15


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
def open_atomic(
    path: Path,
    *,
    sweep: bool = True,
    before_rename: Callable[[os.stat_result], None] | None = None,
) -> Iterator[IO[str]]:
    """Open ``path`` for writing through a temporary file that is renamed into place on success.

    A reader never sees a half-written file under the final name: if the block fails
    only a hidden ``.part`` file is left, and removed. One a killed run left behind is
    removed here (``sweep``), or by :func:`remove_stale_parts` for a whole folder.
    ``before_rename`` is handed the finished file's status (its size and time, which
    the rename keeps) just before it takes the final name: to note it in a manifest.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if sweep:
        remove_stale_parts(path.parent, path.name)
    handle, temporary = _new_part_file(path)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            yield stream
        if before_rename is not None:
            before_rename(temporary.stat())
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
        temporary = path.with_name(f".{part_stem(path.name)}.{os.urandom(4).hex()}.part")
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
    import hashlib  # here: only a name this long needs it, and it slows start-up

    digest = hashlib.blake2b(os.fsencode(name), digest_size=16).hexdigest()
    return f"~{digest}"


def write_atomic(
    path: Path,
    text: str,
    *,
    sweep: bool = True,
    before_rename: Callable[[os.stat_result], None] | None = None,
) -> None:
    """Write ``text`` to ``path`` whole or not at all (see :func:`open_atomic`)."""
    with open_atomic(path, sweep=sweep, before_rename=before_rename) as stream:
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


def write_jsonl(records: Iterable[dict[str, Any]], stream: IO[str]) -> None:
    """Write records one per line, as UTF-8 JSON without ASCII escapes where possible."""
    for record in records:
        write_json_line(record, stream)
