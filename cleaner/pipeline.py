"""The pipeline: a plain list of stages, and a loop that runs them.

Order is by evidence: encoding repair first (everything else reads characters), then
splitting into blocks, then the stages that work on blocks, then the tidy, which removes
the invisible characters and exotic spaces that the stages before it read as evidence.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence

from .config import Config, ConfigError
from .limits import check_time
from .model import Document
from .stages import (
    detect_language,
    fix_encoding,
    repair_runons,
    split_paragraphs,
    strip_headlines,
    strip_inline,
    strip_promos,
    tidy,
    trim_to_body,
)
from .text.prose import clear_caches

logger = logging.getLogger(__name__)

Stage = Callable[[Document, Config], Document]

DEFAULT_STAGES: list[Stage] = [
    fix_encoding,
    detect_language,
    split_paragraphs,
    repair_runons,
    strip_promos,
    strip_inline,
    strip_headlines,
    trim_to_body,
    tidy,
]


# Stages whose decisions depend on the rest of the document (which lines trail the
# article, which words it uses, where its body is): once a later stage has removed text
# they may decide otherwise, so :func:`run` gives them another look until nothing
# changes. Without it, cleaning an output again could remove more (a headline left
# trailing only once the junk after it was trimmed). The tidy's one such decision, a
# repeat, is never created by removing blocks.
SETTLING_STAGES: list[Stage] = [strip_headlines, trim_to_body]
MAX_SETTLE_ROUNDS = 3


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
    """Pass the document through each stage in turn, then let it settle (:func:`settle`)
    when blocks went after the first context-dependent stage had made its decisions (it
    settles its own)."""
    # The text tests' answers are kept for one document: its stages and their settling
    # rounds ask them of the same lines again, and a batch's memory must not grow.
    clear_caches()
    settling = [stage for stage in SETTLING_STAGES if stage in stages]
    decided_on: int | None = None  # how many blocks the first of them left
    for stage in stages:
        check_time()
        doc = stage(doc, config)
        if decided_on is None and stage in settling:
            decided_on = len(doc.blocks)
    if decided_on is not None and len(doc.blocks) < decided_on:
        return settle(doc, settling, config)
    return doc


def settle(doc: Document, stages: Sequence[Stage], config: Config) -> Document:
    """Run the context-dependent ``stages`` again over what is left until it stops changing.

    The blocks are looked at as a second cleaning of the output would see them: no longer
    glued to anything. Their changes are appended like any stage's.

    >>> from .model import Block
    >>> texts = ["The council met on Monday to vote on the bridge.", "Storm closes seafront"]
    >>> doc = Document(tuple(map(Block, texts)))
    >>> [b.text for b in settle(doc, [strip_headlines], Config()).blocks]
    ['The council met on Monday to vote on the bridge.']
    """
    if not stages:
        return doc
    for _ in range(MAX_SETTLE_ROUNDS):
        unglued = tuple(b._replace(glued=False) if b.glued else b for b in doc.blocks)
        again = Document(unglued, doc.metadata, doc.changes, doc.kept)
        for stage in stages:
            check_time()
            again = stage(again, config)
        if again.blocks == unglued:
            break
        doc = again
    return doc
