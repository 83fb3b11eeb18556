"""Hypothesis settings for the whole suite, and Ctrl-C for the runs it starts.

CI and a plain ``pytest`` run the property tests and the fuzz target *derandomized*: the
same examples every run, so a red CI always means a change broke something, never that
this run happened upon a rare input. To explore fresh examples (and find new ones),
run ``HYPOTHESIS_PROFILE=explore CLEANER_FUZZ_EXAMPLES=20000 pytest tests/test_properties.py``.
"""

from __future__ import annotations

import os
import signal

from hypothesis import settings

# A shell that starts the suite in the background ignores SIGINT, and a child inherits
# an ignored signal: the runs that tests stop with Ctrl-C would not stop. A handler of
# our own is reset to the default in children, so they get Python's KeyboardInterrupt.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

settings.register_profile("ci", derandomize=True, deadline=None)
settings.register_profile("explore", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
