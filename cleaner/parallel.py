"""Run one function over many items in worker processes, results in input order.

A batch of articles is CPU-bound pure Python, so threads do not help and processes do.
Work goes out in chunks (per-item overhead stays small), at most a few chunks per
worker are in flight (memory stays flat however many items there are), and results come
back in the order the items went in (output is the same for any ``--jobs``).
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice
from typing import TypeVar

Item = TypeVar("Item")
Output = TypeVar("Output")

# Chunks in flight per worker: enough that no worker waits for the parent, few enough
# that a 200,000-file batch never has more than a handful of results held in memory.
CHUNKS_PER_WORKER = 3


def available_cores() -> int:
    """The cores this process may run on (what ``--jobs`` defaults to)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def ordered_map(
    function: Callable[[Item], Output],
    items: Iterable[Item],
    *,
    jobs: int = 1,
    chunk_size: int = 8,
) -> Iterator[Output]:
    """Yield ``function(item)`` for each item, in order, using ``jobs`` processes.

    With ``jobs=1``, or fewer than two items, nothing is started: it is a lazy ``map``.
    ``function`` must be picklable (a module-level function or a ``functools.partial``
    of one).

    >>> list(ordered_map(abs, [-3, 1, -2], jobs=1))
    [3, 1, 2]
    """
    iterator = iter(items)
    head = list(islice(iterator, 2))
    iterator = chain(head, iterator)
    if jobs <= 1 or len(head) < 2:
        yield from map(function, iterator)
        return
    chunks = iter(lambda: list(islice(iterator, chunk_size)), [])
    first = list(islice(chunks, jobs * CHUNKS_PER_WORKER))
    pending: deque[Future[list[Output]]] = deque()
    # No more workers than there are chunks to hand out: ``--jobs 64`` on ten files forks
    # two processes, not sixty-four idle ones.
    executor = ProcessPoolExecutor(
        max_workers=min(jobs, len(first)), initializer=_ignore_interrupts
    )
    try:
        for chunk in first:
            pending.append(executor.submit(_run_chunk, function, chunk))
        while pending:
            try:
                results = pending[0].result()
            except KeyboardInterrupt:
                # Ctrl-C: the workers finish the chunks they hold (they ignore it). What
                # they finished is handed over, in order, so that its bookkeeping is done
                # (a manifest that forgot finished outputs would have them cleaned again).
                executor.shutdown(wait=True, cancel_futures=True)
                for future in pending:
                    if future.cancelled() or future.exception() is not None:
                        break
                    yield from future.result()
                raise
            pending.popleft()
            for chunk in islice(chunks, 1):
                pending.append(executor.submit(_run_chunk, function, chunk))
            yield from results
    finally:
        # Ctrl-C or a consumer that stops early: drop what has not started, let what
        # has finish (a worker may be mid-way through an atomic write).
        executor.shutdown(wait=True, cancel_futures=True)


def _run_chunk(function: Callable[[Item], Output], chunk: list[Item]) -> list[Output]:
    return [function(item) for item in chunk]


def _ignore_interrupts() -> None:
    # Ctrl-C reaches the whole process group; only the parent should act on it, so
    # workers finish their chunk instead of dying with a traceback each.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
