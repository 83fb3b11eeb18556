"""``cleaner review``: an HTML page of what a run removed, from its ``--report`` file.

>>> from cleaner.review import Limits
>>> Limits().files_in_full
120
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import Config
from ..outputs import write_atomic
from .data import Limits, Review, review_run

if TYPE_CHECKING:
    from .page import render

__all__ = ["Limits", "Review", "render", "review_run", "write_review"]


def write_review(
    report: Path,
    output: Path,
    limits: Limits | None = None,
    config: Config | None = None,
    *,
    name: str | None = None,
) -> Review:
    """Read ``report`` (a run's ``--report`` file, made with ``--report-changes``) and
    write its review page to ``output``; return what the page shows. ``name`` is what the
    page calls the report (its path by default)."""
    review = review_run(report, limits, config)
    if name is not None:
        review.report = name
    from .page import render  # (on first use: see __getattr__)

    write_atomic(output, render(review))
    return review


def __getattr__(name: str) -> Any:
    # The page's renderer is imported on first use: `cleaner --help` and a clean that
    # writes no review page need only the Limits, for the command's options.
    if name == "render":
        from .page import render

        return render
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
