"""Finding inputs: folders walked in a stable order, filtered by globs, files told by kind."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import NamedTuple

from ..outcomes import Outcome
from .decoding import InputKind, input_kind


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
    excluded = resolved(output) if output else None
    for given in inputs:
        if given.is_dir():
            for path in _walk(given):
                if excluded and is_within(resolved(path), excluded):
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


def resolved(path: Path) -> Path:
    """``path`` with its links resolved; as it stands when they loop (it fails on reading)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop, before Python 3.13
        return path.absolute()


def is_within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


class InputFile(NamedTuple):
    """An input file by name: where it is (a path or a URL), its relative name, kind, size,
    and when it was last changed (seconds since the epoch; 0 when unknown)."""

    name: str
    relative: str
    kind: InputKind
    size: int
    mtime: float = 0.0


def stamped(found: Source) -> InputFile:
    """A local input with its size and time of change, looked at now (before it is
    cleaned: an input changed while it is cleaned is seen as changed next time)."""
    name, relative = str(found.path), found.relative.as_posix()
    try:
        stat = found.path.stat()
    except OSError:  # reading it will say why
        return InputFile(name, relative, found.kind, 0)
    return InputFile(name, relative, found.kind, stat.st_size, stat.st_mtime)


def file_size(path: Path) -> int:
    """The size of a file in bytes, 0 when it cannot be looked at (reading will say why)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0
