"""What produced each output of a folder run, so the same command run again resumes.

An interrupted overnight batch should not start over, and a finished one should not be
redone when one input changes. Next to the outputs, ``.cleaner-manifest.jsonl`` keeps
one line per finished output: the input it came from and the stamp of the unit that
made it (:meth:`plan.Unit.stamp`: the run's fingerprint, the input's relative name,
kind, size and time of change). An output counts as done only when its file exists
and a unit of the new run has the same stamp: a changed input, a changed setting or a
new cleaner cleans it again. (The Ray runner's shards carry the same stamps in their
names.)

Each line is appended by whoever writes the output, just before the finished file is
renamed into place, and it names that file by its size and time: so every output under
its final name has its line, whenever a run is stopped (even by SIGKILL), and a line
whose rename never happened matches no file (an older output of the same name has
another time). A rerun cleans none of the finished inputs again. The file is rewritten
compactly at the start of each run.

>>> import tempfile
>>> out = Path(tempfile.mkdtemp())
>>> with Manifest.open(out) as manifest:
...     entry = manifest.entry("in.txt", Path("in.out.txt"), "stamp-1")
...     written = out / "in.out.txt.part"; _ = written.write_text("Hello.")
...     record_output(out, entry, written.stat())
...     _ = written.replace(out / "in.out.txt")
>>> with Manifest.open(out) as again:
...     again.is_done(again.entry("in.txt", Path("in.out.txt"), "stamp-1"))
True
>>> with Manifest.open(out) as other_settings:
...     other_settings.is_done(other_settings.entry("in.txt", Path("in.out.txt"), "stamp-2"))
False
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

MANIFEST_NAME = ".cleaner-manifest.jsonl"
Entry = dict[str, Any]
# What made an output: the stamp of its unit (the input's name is there to be read).
STAMP = "stamp"
# The output file a line speaks of: its size and time of change, "size:mtime_ns".
WRITTEN = "written"


class Manifest:
    """The finished outputs of one output folder; use through :meth:`open`.

    In memory each output is two 64-bit digests (its name, and what made it), not its
    entry: a resumed run over 200,000 outputs holds a few megabytes, not a copy of
    the file.
    """

    def __init__(self, out_dir: Path, done: dict[int, int]):
        self.out_dir = out_dir
        self.done = done

    @classmethod
    @contextmanager
    def open(cls, out_dir: Path) -> Iterator[Manifest]:
        """Load the folder's manifest and rewrite it compactly, for one run to append to.

        The folder is locked while the manifest is open: a second run on the same output
        folder raises :class:`FolderBusy` instead of rewriting the manifest under the first.
        """
        path = out_dir / MANIFEST_NAME
        out_dir.mkdir(parents=True, exist_ok=True)
        with _locked(out_dir):
            yield cls(out_dir, _compact(path))

    @staticmethod
    def entry(source: str, target: Path, stamp: str) -> Entry:
        """What the manifest says of ``target`` made from the input ``source`` by the
        unit stamped ``stamp``."""
        return {"output": target.as_posix(), "input": source, STAMP: stamp}

    def is_done(self, entry: Entry) -> bool:
        """Whether this output is the file a unit with this stamp made."""
        if (made_by := self.done.get(_digest(entry["output"]))) is None:
            return False
        try:
            output = (self.out_dir / entry["output"]).stat()
        except OSError:
            return False
        return made_by == _made_by({**entry, WRITTEN: _written(output)})


def record_output(out_dir: Path, entry: Entry, output: os.stat_result) -> None:
    """Note in ``out_dir``'s manifest that the finished file ``output`` (its status, taken
    just before it is renamed into place) was made as ``entry`` says.

    One append of one line, whichever process writes the output: lines of several
    workers never mix. Not kept in memory: a run never asks twice about one output.
    """
    line = json.dumps({**entry, WRITTEN: _written(output)}) + "\n"  # (ASCII: surrogates escaped)
    handle = os.open(out_dir / MANIFEST_NAME, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
    try:
        os.write(handle, line.encode("ascii"))
    finally:
        os.close(handle)


def _written(output: os.stat_result) -> str:
    return f"{output.st_size}:{output.st_mtime_ns}"


class FolderBusy(Exception):
    """Another cleaner run is writing into the same output folder."""


@contextmanager
def _locked(out_dir: Path) -> Iterator[None]:
    """Hold the output folder's lock: an advisory lock on the folder itself (no file is
    left in it, and none can go stale)."""
    try:
        import fcntl
    except ImportError:  # not on POSIX: no lock, as before
        yield
        return
    folder = os.open(out_dir, os.O_RDONLY)
    try:
        try:
            fcntl.flock(folder, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FolderBusy(
                f"another cleaner run is writing into {out_dir}; wait for it to finish,"
                " or clean into another folder"
            ) from None
        yield
    finally:
        os.close(folder)  # (closing the last descriptor releases the lock)


def _digest(text: str) -> int:
    # (A file name that is not UTF-8 reaches here as Python holds it: with surrogates.)
    data = text.encode("utf-8", "surrogateescape")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest())


def _made_by(entry: Entry) -> int:
    return _digest(f"{entry[STAMP]}\0{entry[WRITTEN]}")


def _compact(path: Path) -> dict[int, int]:
    """Keep the last entry per output, in two streamed passes; return what is done.

    A torn line (a run killed mid-write) or a foreign one is dropped, not fatal; an
    unreadable manifest means everything is cleaned again.
    """
    done: dict[int, int] = {}
    last: dict[int, int] = {}
    try:
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines):
                try:
                    entry = json.loads(line)
                    key, made_by = _digest(entry["output"]), _made_by(entry)
                except (json.JSONDecodeError, KeyError, TypeError):
                    continue
                done[key], last[key] = made_by, number
        kept = set(last.values())
        del last
        temporary = path.with_name(path.name + ".part")
        try:
            with path.open(encoding="utf-8") as lines, temporary.open("w", encoding="utf-8") as out:
                for number, line in enumerate(lines):
                    if number in kept:  # a whole last line may still lack its newline
                        out.write(line if line.endswith("\n") else line + "\n")
            temporary.replace(path)
        except OSError:  # a full disk: the manifest stays as it was, no .part left behind
            temporary.unlink(missing_ok=True)
            raise
    except FileNotFoundError:
        pass
    except (OSError, UnicodeDecodeError) as error:
        logger.warning("%s: cannot read (%s); cleaning everything again", path, error)
        done.clear()
    return done
