"""What a batch run will do, decided once for every runner: its inputs cut into units of
work, and each unit's stamp, which tells a later run whether that unit is done.

A unit is a few text or HTML files, or a piece of a JSONL file. The local runner gives
each file a unit of its own (each has an output of its own); the Ray runner puts
:data:`ray_batch.FILES_PER_TASK` files in one, for one task and one shard. A unit's
stamp digests everything that decides its output: the run's fingerprint (cleaner's
version, the settings, the stages, the rules) and, for each input, its name relative
to the folder it was found in, its kind, its size and its time of change (what
``make`` and ``rsync`` go by), and the piece of a JSONL file. An output made under the
same stamp is done; a changed input, setting or cleaner makes another stamp. The local
runner keeps stamps in its output folder's manifest (``manifest.py``); the Ray runner
writes them into its shards' names, so an object store needs no manifest.

>>> files = [InputFile(f"in/{n}.txt", f"{n}.txt", "text", 12, 1.5) for n in "abc"]
>>> [len(unit.files) for unit in plan_units(files, files_per_unit=2)]
[2, 1]
>>> unit = Unit(0, (files[0],))
>>> unit.stamp("run-1") == unit.stamp("run-1"), unit.stamp("run-1") == unit.stamp("run-2")
(True, False)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby, islice
from typing import TYPE_CHECKING, NamedTuple

from .config import Config
from .outcomes import Outcome
from .rules import every_pack, pack_source
from .sources import InputFile

if TYPE_CHECKING:  # (locations loads pyarrow: only a plan with JSONL pieces needs it)
    from .sources.locations import LineRange


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


class Unit(NamedTuple):
    """One unit of work: a few files, or a piece of a JSONL file; numbered in input order."""

    number: int
    files: tuple[InputFile, ...] = ()
    lines: LineRange | None = None

    @property
    def inputs(self) -> tuple[InputFile, ...]:
        """The files the unit reads (a piece's file for a JSONL piece)."""
        return (self.lines.file,) if self.lines else self.files

    def stamp(self, fingerprint: str) -> str:
        """A digest of what makes this unit's output: the run's ``fingerprint``, and each
        input's relative name, kind, size and time of change, and the piece."""
        digest = hashlib.sha256(fingerprint.encode("utf-8"))
        piece = (self.lines.start, self.lines.end, self.lines.first_line) if self.lines else ()
        made_from = [(f.relative, f.kind, f.size, f.mtime) for f in self.inputs]
        digest.update(repr((made_from, piece)).encode("utf-8", "surrogateescape"))
        return digest.hexdigest()[:16]


def plan_units(
    found: Iterable[InputFile | Outcome],
    skips: dict[int, list[Outcome]] | None = None,
    *,
    files_per_unit: int,
) -> Iterator[Unit]:
    """Cut the inputs into units in input order: text and HTML files ``files_per_unit``
    at a time, JSONL files in pieces (see :func:`locations.line_ranges`). Inputs that
    are not to be cleaned (outcomes) are kept in ``skips`` under the number of the unit
    they come before, so that a report keeps input order."""
    number = 0
    for text_or_html, group in groupby(found, key=_is_text_or_html):
        if text_or_html:
            inputs = (item for item in group if isinstance(item, InputFile))
            while files := tuple(islice(inputs, files_per_unit)):
                yield Unit(number, files)
                number += 1
            continue
        for item in group:
            if isinstance(item, Outcome):
                if skips is not None:
                    skips.setdefault(number, []).append(item)
                continue
            for piece in _pieces(item):
                yield Unit(number, lines=piece)
                number += 1


def _is_text_or_html(item: InputFile | Outcome) -> bool:
    return isinstance(item, InputFile) and item.kind != "jsonl"


def _pieces(found: InputFile) -> list[LineRange]:
    from .sources.locations import LineRange, line_ranges

    try:
        return list(line_ranges(found))
    except OSError:  # the unit reading it whole will say why, as a local run does
        return [LineRange(found, 0, None, 1)]
