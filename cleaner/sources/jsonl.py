"""JSONL inputs: lines streamed from a file or a piece of one (gzip or not), parsed strictly."""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from .decoding import GZIP_MAGIC, InputError, LineTooLong, capped_lines


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
