"""The Python entry points: ``clean`` for text, ``clean_record`` for pipeline records."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from .config import Config
from .extract import extract_blocks
from .limits import TimeLimitExceeded, deadline
from .model import Block, Change, Document, Keep
from .pipeline import DEFAULT_STAGES, Stage, run, without
from .sources import InputError, decode_html

Status = Literal["ok", "empty", "error"]
# The fields clean_record writes into a record (besides "id").
OUTPUT_FIELDS = ("text", "paragraphs", "changes", "metadata", "status", "error")


class RecordFields(NamedTuple):
    """Where a JSONL record keeps its text, its HTML page (optional) and its id: the
    ``text_field``, ``html_field`` and ``id_field`` of :func:`clean_record`, for the
    runners and engine adapters that hand records to it."""

    text: str = "text"
    html: str | None = None
    id: str = "id"


DEFAULT_FIELDS = RecordFields()


@dataclass(frozen=True)
class Result:
    """The cleaned article: its blocks, the changes that made it, and metadata."""

    blocks: list[Block]
    changes: list[Change]
    metadata: dict[str, Any]
    # Lines a rule's shape fits that a stage kept, with the evidence why (``explain``).
    kept: list[Keep] = field(default_factory=list)

    @classmethod
    def of(cls, doc: Document) -> Result:
        """The result a cleaned document gives."""
        return cls(list(doc.blocks), list(doc.changes), dict(doc.metadata), list(doc.kept))

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
    Cleaning that takes longer than ``config.max_seconds_per_input`` raises
    ``cleaner.limits.TimeLimitExceeded`` (checked between stages and blocks, in any
    thread).

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
    with deadline(config.max_seconds_per_input):
        doc = run(Document.from_text(text, metadata), chosen, config)
    return Result.of(doc)


def clean_html(
    page: str | bytes,
    *,
    config: Config | None = None,
    stages: Sequence[Stage] | None = None,
    metadata: Mapping[str, Any] | None = None,
    with_metadata: bool = False,
) -> Result:
    """Clean one HTML page: trafilatura finds the article, then the text stages clean it.

    Bytes are decoded as a browser would (BOM, ``<meta charset>``, detection; an
    undecodable or binary page raises ``cleaner.sources.InputError``). With
    ``with_metadata`` the page's title, author, date, url and sitename go into
    ``Result.metadata`` (it costs about twice the extraction time). Nothing is fetched.

    >>> page = "<html><body><article><p>The bridge reopened on Friday after two years "
    >>> page += "of repairs, the council said.</p><p>READ MORE: Council sells car parks</p>"
    >>> page += "<p>Traffic will be limited to cars for a month, officials said.</p>"
    >>> clean_html(page + "</article></body></html>").paragraphs
    ['The bridge reopened on Friday after two years of repairs, the council said.', \
'Traffic will be limited to cars for a month, officials said.']
    """
    config = config or Config()
    meta = dict(metadata or {})
    if isinstance(page, bytes):
        decoded = decode_html(page)
        page, meta["encoding"] = decoded.text, decoded.encoding
    if not isinstance(page, str):
        raise TypeError(f"clean_html() takes str or bytes, not {type(page).__name__}")
    with deadline(config.max_seconds_per_input):
        extracted = extract_blocks(page, with_metadata=with_metadata)
        doc = Document(
            blocks=tuple(extracted.blocks),
            metadata={**meta, **extracted.metadata},
            changes=tuple(extracted.changes),
        )
        chosen = without(DEFAULT_STAGES if stages is None else stages, config.skip)
        doc = run(doc, chosen, config)
    return Result.of(doc)


def clean_record(
    record: Mapping[str, Any],
    *,
    text_field: str = "text",
    html_field: str | None = None,
    id_field: str = "id",
    default_id: Any = None,
    config: Config | None = None,
    stages: Sequence[Stage] | None = None,
) -> dict[str, Any]:
    """Clean the text (or the HTML page) in one record; every other field passes through.

    With ``html_field``, a record that has that field is cleaned as an HTML page (its
    title, author, date, url and sitename go into ``metadata``); otherwise the
    ``text_field`` is cleaned as text.

    Adds ``id`` (the record's ``id_field``, else ``default_id``), ``text`` (the clean
    text), ``paragraphs``, ``changes``, ``metadata`` and ``status``; an input field of one
    of those names (other than the text field itself) is kept under ``replaced``. A
    record whose text field is missing or not a string, or whose cleaning passes the time
    limit, gets ``status="error"`` and an ``error`` reason, and its fields stay as they
    came: a pipeline never loses a record.

    >>> out = clean_record({"url": "u", "body": "A&amp;B won.\\n"}, text_field="body", default_id=7)
    >>> out["id"], out["text"], out["body"], out["url"], out["status"]
    (7, 'A&B won.', 'A&amp;B won.\\n', 'u', 'ok')
    >>> clean_record({"id": 1})["error"]
    "field 'text' is missing"
    """
    out = dict(record)
    # The fields cleaning writes replace input fields of the same names; those are kept,
    # under "replaced", never lost without a word.
    replaced = {
        name: record[name]
        for name in OUTPUT_FIELDS
        if name in record and name != text_field and record[name] is not None
    }
    if replaced:
        out["replaced"] = replaced
    out["id"] = record.get(id_field, default_id)
    if html_field is not None and html_field in record:
        page = record[html_field]
        if not isinstance(page, str | bytes):
            kind = type(page).__name__
            out.update(status="error", error=f"field {html_field!r} holds {kind}, not a page")
            return out
        try:
            result = clean_html(page, config=config, stages=stages, with_metadata=True)
        except (InputError, TimeLimitExceeded) as error:
            out.update(status="error", error=f"field {html_field!r}: {error}")
            return out
        out.update(result.to_record())
        return out
    value = record.get(text_field)
    if not isinstance(value, str):
        reason = (
            f"field {text_field!r} is missing"
            if text_field not in record
            else f"field {text_field!r} holds {type(value).__name__}, not text"
        )
        out.update(status="error", error=reason)
        return out
    try:
        result = clean(value, config=config, stages=stages)
    except TimeLimitExceeded as error:
        out.update(status="error", error=f"field {text_field!r}: {error}")
        return out
    out.update(result.to_record())
    return out
