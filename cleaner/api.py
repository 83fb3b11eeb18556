"""The Python entry points: ``clean`` for text, ``clean_record`` for pipeline records."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .config import Config
from .model import Block, Change, Document
from .pipeline import DEFAULT_STAGES, Stage, run, without

Status = Literal["ok", "empty", "error"]


@dataclass(frozen=True)
class Result:
    """The cleaned article: its blocks, the changes that made it, and metadata."""

    blocks: list[Block]
    changes: list[Change]
    metadata: dict[str, Any]

    @property
    def paragraphs(self) -> list[str]:
        """The text of every block, in order."""
        return [block.text for block in self.blocks]

    @property
    def text(self) -> str:
        """The paragraphs joined by one blank line (no trailing newline)."""
        return "\n\n".join(self.paragraphs)

    @property
    def status(self) -> Status:
        """``ok``, or ``empty`` when nothing was left of the article."""
        return "ok" if self.blocks else "empty"

    def to_record(self) -> dict[str, Any]:
        """The result as JSON-ready fields: text, paragraphs, changes, metadata, status."""
        return {
            "text": self.text,
            "paragraphs": self.paragraphs,
            "changes": [change.to_dict() for change in self.changes],
            "metadata": dict(self.metadata),
            "status": self.status,
        }


def clean(
    text: str,
    *,
    config: Config | None = None,
    stages: Sequence[Stage] | None = None,
    metadata: Mapping[str, Any] | None = None,
) -> Result:
    """Clean one article's text.

    ``stages`` replaces the default pipeline; ``config.skip`` trims whichever is used.

    >>> clean("Itâ€™s here.\\n\\nItâ€™s here.\\nAnd a second\\u00a0paragraph.").paragraphs
    ['It’s here.', 'And a second paragraph.']
    """
    if not isinstance(text, str):
        raise TypeError(
            f"clean() takes str, not {type(text).__name__};"
            " decode bytes first with cleaner.sources.decode_bytes()"
        )
    config = config or Config()
    chosen = without(DEFAULT_STAGES if stages is None else stages, config.skip)
    doc = run(Document.from_text(text, metadata), chosen, config)
    return Result(blocks=list(doc.blocks), changes=list(doc.changes), metadata=dict(doc.metadata))


def clean_record(
    record: Mapping[str, Any],
    *,
    text_field: str = "text",
    id_field: str = "id",
    default_id: Any = None,
    config: Config | None = None,
    stages: Sequence[Stage] | None = None,
) -> dict[str, Any]:
    """Clean the text in one record; every other field passes through untouched.

    Adds ``id`` (the record's ``id_field``, else ``default_id``), ``text`` (the clean
    text), ``paragraphs``, ``changes``, ``metadata`` and ``status``. A record whose text
    field is missing or not a string gets ``status="error"`` and an ``error`` reason,
    and its fields stay as they came: a pipeline never loses a record.

    >>> out = clean_record({"url": "u", "body": "A&amp;B won.\\n"}, text_field="body", default_id=7)
    >>> out["id"], out["text"], out["body"], out["url"], out["status"]
    (7, 'A&B won.', 'A&amp;B won.\\n', 'u', 'ok')
    >>> clean_record({"id": 1})["error"]
    "field 'text' is missing"
    """
    out = dict(record)
    out["id"] = record.get(id_field, default_id)
    value = record.get(text_field)
    if not isinstance(value, str):
        reason = (
            f"field {text_field!r} is missing"
            if text_field not in record
            else f"field {text_field!r} holds {type(value).__name__}, not text"
        )
        out.update(status="error", error=reason)
        return out
    out.update(clean(value, config=config, stages=stages).to_record())
    return out
