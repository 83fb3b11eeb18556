"""A progress bar for long batches, drawn by rich on standard error.

It listens to a batch's outcomes (see ``outcomes.Summary.listeners``): files done of
all, megabytes per second, time left, and failures so far. It shows on a terminal and
stays silent when standard error is a file or a pipe, unless asked for.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)

from .outcomes import Outcome, Summary

STDERRS = (sys.stderr, sys.__stderr__)


@contextmanager
def progress_bar(summary: Summary, files: int | None, size: int | None) -> Iterator[None]:
    """Show a bar over ``files`` inputs of ``size`` bytes (None: unknown, e.g. a stream).

    The bar follows every outcome the summary receives while the block runs.
    """
    console = Console(stderr=True, force_terminal=None if sys.stderr.isatty() else False)
    columns = (
        TextColumn("[bold]cleaning"),
        BarColumn(),
        TextColumn("{task.fields[files]}{task.fields[of]} files"),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[errors]} error(s)"),
    )
    of = f"/{files:,}" if files is not None else ""
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task("clean", total=size, files="0", of=of, errors=0)
        done = 0

        def advance(outcome: Outcome) -> None:
            nonlocal done
            if outcome.status == "skipped":
                return  # found while walking, never among the inputs counted
            done += 1
            errors = summary.statuses["error"]
            progress.update(task, advance=outcome.size, files=f"{done:,}", errors=errors)

        summary.listeners.append(advance)
        # Log lines (a warning about one file) go above the bar, not onto its line.
        handlers = [
            handler
            for handler in logging.getLogger().handlers
            if isinstance(handler, logging.StreamHandler) and handler.stream in STDERRS
        ]
        above = _AboveTheBar(progress.console)
        previous = [handler.setStream(above) for handler in handlers]
        try:
            yield
        finally:
            for handler, stream in zip(handlers, previous, strict=True):
                handler.setStream(stream)
            summary.listeners.remove(advance)


class _AboveTheBar:
    """A text stream that prints each line through the bar's console, above the bar."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def write(self, text: str) -> int:
        if text.strip():
            self.console.print(text.rstrip("\n"), markup=False, highlight=False, soft_wrap=True)
        return len(text)

    def flush(self) -> None:
        pass
