"""A time limit for cleaning one input, so one pathological file costs only itself.

Every stage is linear in its input, but a batch of 200,000 files from the wild will
hold something nobody foresaw; a limit turns "the batch hung overnight" into one failed
file with a reason. It holds in two ways:

- :func:`deadline`, in any thread: ``clean``, ``clean_html`` and ``clean_record`` set
  one, and the pipeline checks it (:func:`check_time`) between stages and the stages
  between blocks, so an input over its time fails alone wherever it runs (a library
  caller's thread, an engine's worker);
- :func:`time_limit`, with ``SIGALRM``, in a process's main thread on POSIX systems (the
  CLI and its workers): it also stops one step that runs long by itself.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from types import FrameType

# When the input being cleaned in this thread (this context) must be done, and its limit.
_DEADLINE: ContextVar[tuple[float, float] | None] = ContextVar("cleaner_deadline", default=None)


class TimeLimitExceeded(Exception):
    """Cleaning one input took longer than ``max_seconds_per_input``.

    Not a ValueError, so no ``except ValueError`` inside a stage or a library swallows it.
    """


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`TimeLimitExceeded` if the block runs longer than ``seconds`` (0: none).

    >>> with time_limit(5):
    ...     sum(range(10))
    45
    """
    if (
        seconds <= 0
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise TimeLimitExceeded(f"took longer than {seconds:g} s (max_seconds_per_input)")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Let :func:`check_time` raise :class:`TimeLimitExceeded` once ``seconds`` have gone
    by (0: no limit). Inside an outer deadline, the earlier of the two holds.

    >>> with deadline(0.001):
    ...     time.sleep(0.01)
    ...     check_time()
    Traceback (most recent call last):
    cleaner.limits.TimeLimitExceeded: took longer than 0.001 s (max_seconds_per_input)
    """
    outer = _DEADLINE.get()
    if seconds <= 0:
        yield
        return
    mine = (time.monotonic() + seconds, seconds)
    token = _DEADLINE.set(mine if outer is None or mine[0] < outer[0] else outer)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check_time() -> None:
    """Raise :class:`TimeLimitExceeded` if this input's deadline has passed (cheap: the
    stages call it for every block)."""
    limit = _DEADLINE.get()
    if limit is not None and time.monotonic() > limit[0]:
        raise TimeLimitExceeded(f"took longer than {limit[1]:g} s (max_seconds_per_input)")
