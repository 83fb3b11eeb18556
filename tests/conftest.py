"""Hypothesis settings for the whole suite.

CI and a plain ``pytest`` run the property tests and the fuzz target *derandomized*: the
same examples every run, so a red CI always means a change broke something, never that
this run happened upon a rare input. To explore fresh examples (and find new ones),
run ``HYPOTHESIS_PROFILE=explore CLEANER_FUZZ_EXAMPLES=20000 pytest tests/test_properties.py``.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, deadline=None)
settings.register_profile("explore", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
