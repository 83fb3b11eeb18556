"""A time limit for cleaning one input, so one pathological file costs only itself.

Every stage is linear in its input, but a batch of 200,000 files from the wild will
hold something nobody foresaw; a limit turns "the batch hung overnight" into one failed
file with a reason. It uses ``SIGALRM``, so it applies in a process's main thread on
POSIX systems (the CLI and its worker processes); elsewhere cleaning runs unlimited.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


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
