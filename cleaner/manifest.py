"""What produced each output of a folder run, so the same command run again resumes.

An interrupted overnight batch should not start over, and a finished one should not be
redone when one input changes. Next to the outputs, ``.cleaner-manifest.jsonl`` keeps
one line per finished output: the input it came from, that input's size and
modification time (what ``make`` and ``rsync`` go by), and a fingerprint of the run
(cleaner's version, the effective configuration, the stages and the rule files). An
output counts as done only when its file exists and all of these still match; a
changed input, a changed setting or a new cleaner cleans it again.

Each line is appended by whoever writes the output, just before the finished file is
renamed into place, and it names that file by its size and time: so every output under
its final name has its line, whenever a run is stopped (even by SIGKILL), and a line
whose rename never happened matches no file (an older output of the same name has
another time). A rerun cleans none of the finished inputs again. The file is rewritten
compactly at the start of each run.

>>> import tempfile
>>> out = Path(tempfile.mkdtemp())
>>> source = out / "in.txt"; _ = source.write_text("Hello.")
>>> with Manifest.open(out, "run-1") as manifest:
...     entry = manifest.entry(source, Path("in.out.txt"))
...     written = out / "in.out.txt.part"; _ = written.write_text("Hello.")
...     record_output(out, entry, written.stat())
...     _ = written.replace(out / "in.out.txt")
>>> with Manifest.open(out, "run-1") as again:
...     again.is_done(again.entry(source, Path("in.out.txt")))
True
>>> with Manifest.open(out, "run-2") as other_settings:
...     other_settings.is_done(other_settings.entry(source, Path("in.out.txt")))
False
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .config import Config
from .rules import every_pack, pack_source

logger = logging.getLogger(__name__)

MANIFEST_NAME = ".cleaner-manifest.jsonl"
Entry = dict[str, Any]
FIELDS = ("input", "size", "mtime_ns", "run")
# The output file a line speaks of: its size and time of change, "size:mtime_ns".
WRITTEN = "written"


def run_fingerprint(config: Config, stage_names: Sequence[str]) -> str:
    """A short hash of everything besides the input that decides an output's text."""
    digest = hashlib.sha256()
    # Limits decide whether an input is cleaned, never what its output says.
    from . import __version__

    for part in (__version__, config.without_limits().to_toml(), "\n".join(stage_names)):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    for pack in every_pack(config.rules):  # the rules themselves, shipped or one's own
        digest.update(pack_source(pack))
    return digest.hexdigest()[:16]


class Manifest:
    """The finished outputs of one output folder; use through :meth:`open`.

    In memory each output is two 64-bit digests (its name, and what made it), not its
    entry: a resumed run over 200,000 outputs holds a few megabytes, not a copy of
    the file.
    """

    def __init__(self, out_dir: Path, fingerprint: str, done: dict[int, int]):
        self.out_dir = out_dir
        self.fingerprint = fingerprint
        self.done = done

    @classmethod
    @contextmanager
    def open(cls, out_dir: Path, fingerprint: str) -> Iterator[Manifest]:
        """Load the folder's manifest and rewrite it compactly, for one run to append to.

        The folder is locked while the manifest is open: a second run on the same output
        folder raises :class:`FolderBusy` instead of rewriting the manifest under the first.
        """
        path = out_dir / MANIFEST_NAME
        out_dir.mkdir(parents=True, exist_ok=True)
        with _locked(out_dir):
            yield cls(out_dir, fingerprint, _compact(path))

    def entry(self, source: Path, target: Path) -> Entry | None:
        """What the manifest would say about ``target`` made from ``source`` now.

        Taken before cleaning, so an input changed while it is being cleaned is seen as
        changed next time. None when the input cannot be looked at (it will fail anyway).
        """
        try:
            stat = source.stat()
            resolved = str(source.resolve())
        except (OSError, RuntimeError):  # RuntimeError: a symlink loop, before Python 3.13
            return None
        return {
            "output": target.as_posix(),
            "input": resolved,
            "size": stat.st_size,
            "mtime_ns": stat.st_mtime_ns,
            "run": self.fingerprint,
        }

    def is_done(self, entry: Entry | None) -> bool:
        """Whether this output is the file made from this input by this kind of run."""
        if entry is None or (made_by := self.done.get(_digest(entry["output"]))) is None:
            return False
        try:
            output = (self.out_dir / entry["output"]).stat()
        except OSError:
            return False
        # (A line of an older cleaner names no file: it is taken at its word.)
        return made_by in (_made_by({**entry, WRITTEN: _written(output)}), _made_by(entry))


def record_output(out_dir: Path, entry: Entry | None, output: os.stat_result) -> None:
    """Note in ``out_dir``'s manifest that the finished file ``output`` (its status, taken
    just before it is renamed into place) was made as ``entry`` says.

    One append of one line, whichever process writes the output: lines of several
    workers never mix. Not kept in memory: a run never asks twice about one output.
    """
    if entry is None:
        return
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
    fields = (*FIELDS, WRITTEN) if WRITTEN in entry else FIELDS
    return _digest("\0".join(str(entry[name]) for name in fields))


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
