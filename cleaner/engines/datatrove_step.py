"""A datatrove pipeline step that cleans ``Document.text`` (extra ``cleaner[datatrove]``).

It is a plain ``PipelineStep``, so it runs unchanged on datatrove's local, Slurm and Ray
executors::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleaner.engines.datatrove_step import CleanArticles

    LocalPipelineExecutor(
        pipeline=[JsonlReader("scraped/"), CleanArticles(), JsonlWriter("clean/")], tasks=8
    ).run()

Each document's text becomes the clean text; ``metadata["cleaner"]`` records the status,
the paragraphs and every change (stage, rule, reason, the text removed), and a page's
title, author, date, url and sitename fill the metadata keys the reader left empty.
The step's stats count documents by status and changes by ``stage:rule``, as
datatrove's filters count drops by reason.

>>> from datatrove.data import Document
>>> doc = Document(text="Itâ€™s here.\\nFollow us on Twitter and Facebook.", id="a")
>>> [cleaned] = CleanArticles().run(iter([doc]))
>>> cleaned.text, [change["rule"] for change in cleaned.metadata["cleaner"]["changes"]]
('It’s here.', ['mojibake', 'one-paragraph-per-line', 'social-follow'])
"""

from __future__ import annotations

from typing import Any

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.base import PipelineStep

from ..api import clean_record
from ..config import Config
from ..extract import METADATA_FIELDS as PAGE_METADATA_FIELDS

# Where the cleaned record's findings go in Document.metadata.
METADATA_KEY = "cleaner"


class CleanArticles(PipelineStep):
    """Clean each document's text (or, with ``html=True``, its HTML page).

    ``drop_empty`` drops documents with nothing left (counted as ``dropped_empty``);
    by default they pass on with empty text and status ``empty``. A document that
    cannot be cleaned (an undecodable page) passes on unchanged with status ``error``.
    """

    name = "🧽 cleaner"
    type = "✂️ - FORMAT"

    def __init__(
        self, *, html: bool = False, config: Config | None = None, drop_empty: bool = False
    ) -> None:
        super().__init__()
        self.html = html
        self.config = config
        self.drop_empty = drop_empty

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        """Clean the documents as they stream by."""
        for doc in data:
            self.stat_update("total")
            with self.track_time():
                record = clean_record(
                    {"id": doc.id, "page": doc.text},
                    text_field="page",
                    html_field="page" if self.html else None,
                    config=self.config,
                )
            status = record["status"]
            self.stat_update(status)
            if status == "error":
                doc.metadata[METADATA_KEY] = {"status": status, "error": record["error"]}
                yield doc
                continue
            for change in record["changes"]:
                self.stat_update(f"{change['stage']}:{change['rule']}")
            if status == "empty" and self.drop_empty:
                self.stat_update("dropped_empty")
                continue
            doc.text = record["text"]
            doc.metadata[METADATA_KEY] = _findings(record)
            for field in PAGE_METADATA_FIELDS:
                if record["metadata"].get(field) and not doc.metadata.get(field):
                    doc.metadata[field] = record["metadata"][field]
            yield doc


def _findings(record: dict[str, Any]) -> dict[str, Any]:
    return {
        "status": record["status"],
        "paragraphs": record["paragraphs"],
        "changes": record["changes"],
    }
