"""Inputs and outputs by location: a local path, or a URL (``s3://``, ``gs://``, ``file://``...).

Local paths are read as the local batch reads them (same limits, same errors). URLs
go through ``pyarrow.fs`` (which Ray Data brings) or, for schemes it does not know,
an fsspec filesystem if fsspec is installed. Nothing here cleans.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from functools import cache, partial
from pathlib import Path, PurePosixPath
from typing import IO, NamedTuple

import pyarrow as pa
import pyarrow.fs as pafs

from ..outcomes import Outcome
from .decoding import GZIP_MAGIC, InputError, InputKind, input_kind, read_bytes, unpack_bytes
from .finding import InputFile, discover, is_selected, stamped

# Bytes of a plain JSONL file one worker task takes: large enough that a task's
# hand-off cost disappears, small enough that a 1 GB file keeps every worker busy.
JSONL_SPLIT_BYTES = 32 * 2**20
SCAN_CHUNK_BYTES = 2**20
HOST_THEN_PATH_SCHEMES = ("hdfs", "viewfs")


def is_url(location: str) -> bool:
    """Whether ``location`` names a filesystem by scheme.

    >>> is_url("s3://bucket/articles"), is_url("articles/a.txt")
    (True, False)
    """
    return "://" in location


@cache
def filesystem(scheme_and_host: str) -> pafs.FileSystem:
    """The filesystem for a URL's ``scheme://host`` (one per worker process)."""
    try:
        return pafs.FileSystem.from_uri(scheme_and_host)[0]
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        try:
            import fsspec
        except ImportError:
            raise InputError(f"no filesystem for {scheme_and_host}; install fsspec") from None
        protocol = scheme_and_host.split("://", 1)[0]
        return pafs.PyFileSystem(pafs.FSSpecHandler(fsspec.filesystem(protocol)))


def split_url(url: str) -> tuple[pafs.FileSystem, str]:
    """A URL's filesystem and the path in it.

    >>> split_url("file:///tmp/a.txt")[1]
    '/tmp/a.txt'
    """
    scheme, rest = url.split("://", 1)
    if scheme == "file":
        return pafs.LocalFileSystem(), rest
    host, _, path = rest.partition("/")
    fs = filesystem(f"{scheme}://{host}")
    # Object stores name a file "bucket/key" (pyarrow's and fsspec's alike); HDFS names
    # it by its path on the host.
    return fs, f"/{path}" if scheme in HOST_THEN_PATH_SCHEMES else rest


def open_binary(location: str) -> IO[bytes]:
    """Open a path or URL for reading bytes, buffered and seekable."""
    if not is_url(location):
        return open(location, "rb")
    fs, path = split_url(location)
    return io.BufferedReader(fs.open_input_file(path))


def read_input(location: str, max_bytes: int) -> bytes:
    """Read one text or HTML input whole, as the local batch reads a file (gzip
    decompressed, never more than ``max_bytes``); InputError says why not."""
    if not is_url(location):
        return read_bytes(Path(location), max_bytes)
    try:
        with open_binary(location) as stream:
            data = stream.read(max_bytes + 1)
    except FileNotFoundError as error:
        raise InputError("no such file") from error
    except OSError as error:
        raise InputError(f"cannot read: {error}") from error
    return unpack_bytes(data, location, max_bytes)


def find_inputs(
    locations: Sequence[str],
    *,
    output: str | None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    input_kind_override: InputKind | None = None,
) -> Iterator[InputFile | Outcome]:
    """The inputs under paths and URLs, in a stable order, as :func:`sources.discover` finds them.

    A URL to a folder (a prefix) is listed recursively; inputs that are not ours are
    yielded as ``skipped`` outcomes, a missing location as an ``error`` one.
    """
    for location in locations:
        if is_url(location):
            found_all = _find_at_url(location, output, include, exclude)
        else:
            local_output = Path(output) if output and not is_url(output) else None
            found_all = (
                found if isinstance(found, Outcome) else stamped(found)
                for found in discover(
                    [Path(location)], output=local_output, include=include, exclude=exclude
                )
            )
        for found in found_all:
            if input_kind_override and isinstance(found, InputFile):
                found = found._replace(kind=input_kind_override)
            yield found


def _mtime(entry: pafs.FileInfo) -> float:
    return entry.mtime.timestamp() if entry.mtime is not None else 0.0


def _find_at_url(
    url: str, output: str | None, include: Sequence[str], exclude: Sequence[str]
) -> Iterator[InputFile | Outcome]:
    try:
        fs, base = split_url(url)
        info = fs.get_file_info(base)
        if info.type == pafs.FileType.File:
            name = PurePosixPath(base).name
            named_kind = input_kind(Path(name)) or "text"
            yield InputFile(url, name, named_kind, info.size or 0, _mtime(info))
            return
        if info.type != pafs.FileType.Directory:
            yield Outcome(url, "error", error="no such file or folder")
            return
        entries = fs.get_file_info(pafs.FileSelector(base, recursive=True))
    except (OSError, pa.ArrowException, InputError) as error:
        yield Outcome(url, "error", error=f"cannot list: {error}")
        return
    root = url.rstrip("/")
    # Filesystems differ on a leading "/" (fsspec's memory lists "/corpus/a.txt" under
    # "corpus"), so the prefix is compared without one.
    prefix = len(base.strip("/"))
    files = {
        entry.path.lstrip("/")[prefix:].lstrip("/"): entry
        for entry in entries
        if entry.type == pafs.FileType.File
    }
    # An output folder inside the input one is not read back as input.
    output_prefix = output.rstrip("/") + "/" if output and is_url(output) else None
    for relative in sorted(files, key=walk_order):
        entry = files[relative]
        if output_prefix and f"{root}/{relative}".startswith(output_prefix):
            continue
        if not is_selected(relative, include, exclude):
            continue
        kind = input_kind(Path(relative))
        if kind is None:
            yield Outcome(
                f"{root}/{relative}", "skipped", error="not a .txt, .html, .jsonl or .gz of them"
            )
        else:
            yield InputFile(f"{root}/{relative}", relative, kind, entry.size or 0, _mtime(entry))


class LineRange(NamedTuple):
    """The lines of a JSONL input that start in ``[start, end)`` (``end`` None: to the end)."""

    file: InputFile
    start: int
    end: int | None
    first_line: int


def walk_order(relative: str) -> tuple[tuple[int, str], ...]:
    """Sort key giving a local folder walk's order: a folder's files, then its sub-folders.

    >>> sorted(["b/a.txt", "c.txt", "a/z.txt", "a.txt"], key=walk_order)
    ['a.txt', 'c.txt', 'a/z.txt', 'b/a.txt']
    """
    *folders, name = relative.split("/")
    return (*((1, folder) for folder in folders), (0, name))


def line_ranges(found: InputFile, split_bytes: int = JSONL_SPLIT_BYTES) -> Iterator[LineRange]:
    """Cut a JSONL input into pieces of about ``split_bytes``, each from a line start.

    A gzip file cannot be entered midway, so it is one piece. Lines are counted on the
    way, so each piece knows the number of its first line (records without an id are
    named by it, as in a local run).
    """
    whole = LineRange(found, 0, None, 1)
    if found.size <= split_bytes:
        yield whole
        return
    with open_binary(found.name) as stream:
        if found.name.lower().endswith(".gz") or stream.read(2) == GZIP_MAGIC:
            yield whole
            return
        stream.seek(0)
        start, first_line, offset, newlines = 0, 1, 0, 0
        target = split_bytes
        for chunk in iter(partial(stream.read, SCAN_CHUNK_BYTES), b""):
            search = max(0, target - offset)
            while (cut := chunk.find(b"\n", search)) >= 0:
                boundary = offset + cut + 1
                if boundary >= found.size:
                    break
                yield LineRange(found, start, boundary, first_line)
                start = boundary
                first_line = newlines + chunk.count(b"\n", 0, cut + 1) + 1
                target = boundary + split_bytes
                search = target - offset
            newlines += chunk.count(b"\n")
            offset += len(chunk)
        yield LineRange(found, start, None, first_line)
