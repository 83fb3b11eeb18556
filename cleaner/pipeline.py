"""The pipeline: a plain list of stages, and a loop that runs them.

Order is by evidence: encoding repair first (everything else reads characters), then
splitting into blocks, then the stages that work on blocks, then the tidy, which removes
the invisible characters and exotic spaces that the stages before it read as evidence.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence

from .config import Config, ConfigError
from .model import Document
from .stages import (
    fix_encoding,
    repair_runons,
    split_paragraphs,
    strip_headlines,
    strip_promos,
    tidy,
    trim_to_body,
)

logger = logging.getLogger(__name__)

Stage = Callable[[Document, Config], Document]

DEFAULT_STAGES: list[Stage] = [
    fix_encoding,
    split_paragraphs,
    repair_runons,
    strip_promos,
    strip_headlines,
    trim_to_body,
    tidy,
]


def stage_name(stage: Stage) -> str:
    """The name a stage goes by in changes, ``--skip`` and fixtures: its function name."""
    return getattr(stage, "__name__", type(stage).__name__)


def without(stages: Sequence[Stage], skip: Iterable[str]) -> list[Stage]:
    """Return ``stages`` minus those named in ``skip``; an unknown name is an error.

    >>> "tidy" in [stage_name(s) for s in without(DEFAULT_STAGES, ["tidy"])]
    False
    """
    skip = set(skip)
    known = {stage_name(stage) for stage in stages}
    unknown = skip - known
    if unknown:
        raise ConfigError(
            f"cannot skip unknown stage(s) {', '.join(sorted(unknown))};"
            f" the stages are: {', '.join(stage_name(s) for s in stages)}"
        )
    return [stage for stage in stages if stage_name(stage) not in skip]


def run(doc: Document, stages: Sequence[Stage], config: Config) -> Document:
    """Pass the document through each stage in turn."""
    for stage in stages:
        doc = stage(doc, config)
    return doc
