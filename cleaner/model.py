"""The records that flow through the pipeline: Document, Block, Change, Location.

A stage never edits a document in place: it builds a new one with
:meth:`Document.evolve`, which appends the stage's changes to the ones before.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal, NamedTuple

BlockKind = Literal["paragraph", "heading", "list_item", "table_row", "code"]
BLOCK_KINDS: tuple[BlockKind, ...] = ("paragraph", "heading", "list_item", "table_row", "code")
# Kinds a page marks as data or code: their text is the article's, verbatim, so the stages
# that look for boilerplate or glue pass them over (a results table's "7" is no like
# count; "heights[-1].Max" is no run-on).
VERBATIM_KINDS: frozenset[BlockKind] = frozenset({"table_row", "code"})
# The metadata key saying what found a page's article: "trafilatura" (its body, so no
# stage need look for one) or "page-text" (every text block of the page, chrome and all).
EXTRACTOR_KEY = "extractor"
# The metadata key of the text's language (an ISO 639-1 code), told by detect_language.
LANGUAGE_KEY = "language"


class Block(NamedTuple):
    """One unit of article text: a paragraph, a sub-heading, a list item, a table's row (its
    cells joined by " | ") or a line of code.

    ``glued`` is evidence kept for later stages: the block's text touched the text of the
    block before it with no space in the source ("...in decade" + "\"This is..."), the
    mark of two page elements a scraper ran together. ``link``: on a page, the block's
    whole text is a link (to another story, a tag, a section).
    """

    text: str
    kind: BlockKind = "paragraph"
    glued: bool = False
    link: bool = False


class Location(NamedTuple):
    """Where a change happened: block index as the stage saw it, and a span in its text."""

    block: int
    start: int
    end: int


class Change(NamedTuple):
    """One removal or rewrite, with the stage and rule that made it and why.

    ``before`` is the text that stood at ``where`` (a span of the block's text as the
    stage saw it); ``after`` is what replaced it ("" for a removal).
    """

    stage: str
    rule: str
    reason: str
    before: str
    after: str
    where: Location

    def to_dict(self) -> dict[str, Any]:
        """Return the change as plain JSON-ready data.

        >>> change = Change("tidy", "drop-empty", "empty block", " ", "", Location(2, 0, 1))
        >>> change.to_dict()["where"]
        {'block': 2, 'start': 0, 'end': 1}
        """
        return {
            "stage": self.stage,
            "rule": self.rule,
            "reason": self.reason,
            "before": self.before,
            "after": self.after,
            "where": self.where._asdict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Change:
        """The change :meth:`to_dict` wrote.

        >>> change = Change("tidy", "drop-empty", "empty block", " ", "", Location(2, 0, 1))
        >>> Change.from_dict(change.to_dict()) == change
        True
        """
        fields = {name: data[name] for name in ("stage", "rule", "reason", "before", "after")}
        return cls(**fields, where=Location(**data["where"]))


class Keep(NamedTuple):
    """A line a rule's shape fits that a stage kept, and the evidence why (a list between
    paragraphs, a sub-heading a table of contents named, a writer's sign-off).

    >>> Keep("strip_headlines", "sign-off", "the writer's last words", "Enjoy!").rule
    'sign-off'
    """

    stage: str
    rule: str
    reason: str
    text: str


@dataclass(frozen=True)
class Document:
    """What flows through the pipeline: blocks, metadata, the changes made so far, and
    the lines kept despite a rule's shape."""

    blocks: tuple[Block, ...]
    metadata: Mapping[str, Any] = field(default_factory=dict)
    changes: tuple[Change, ...] = ()
    kept: tuple[Keep, ...] = ()

    @classmethod
    def from_text(cls, text: str, metadata: Mapping[str, Any] | None = None) -> Document:
        """Wrap raw text as a one-block document, ready for the first stage.

        >>> Document.from_text("One.\\nTwo.").blocks
        (Block(text='One.\\nTwo.', kind='paragraph', glued=False, link=False),)
        """
        return cls(blocks=(Block(text),), metadata=dict(metadata or {}))

    def evolve(self, blocks: Iterable[Block], changes: Iterable[Change] = ()) -> Document:
        """Return a new document with these blocks and ``changes`` appended to the old ones."""
        return replace(self, blocks=tuple(blocks), changes=self.changes + tuple(changes))

    def keeping(self, kept: Iterable[Keep]) -> Document:
        """Return a new document with ``kept`` recorded, each once (a settling round
        keeps the same line again).

        >>> keep = Keep("strip_headlines", "sign-off", "the writer's last words", "Enjoy!")
        >>> len(Document(()).keeping([keep]).keeping([keep]).kept)
        1
        """
        new = tuple(keep for keep in dict.fromkeys(kept) if keep not in self.kept)
        return replace(self, kept=self.kept + new) if new else self

    @property
    def texts(self) -> list[str]:
        """The block texts, in order."""
        return [block.text for block in self.blocks]
