"""Clean a Ray dataset of records (extra ``cleaner[ray]``).

Text (or HTML) column in; ``id``, ``text``, ``paragraphs``, ``changes``, ``metadata``,
``status`` and ``error`` out; every other column kept with its type. Records are
cleaned in Arrow batches by Ray's workers, wherever the cluster runs them::

    import ray
    from cleaner.engines.ray_data import clean_dataset

    articles = ray.data.read_parquet("s3://bucket/articles/")
    clean_dataset(articles, fields=RecordFields(text="body")).write_parquet("s3://bucket/clean/")

Give records an ``id`` column: a Ray dataset has no row numbers to stand in for one,
so a record without an id gets a null ``id``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyarrow as pa

from ..api import DEFAULT_FIELDS, RecordFields
from ..config import Config
from . import columns

if TYPE_CHECKING:
    import ray.data

# Rows per batch: per-batch overhead (a task hand-off, an Arrow conversion) is paid
# once per this many articles; a batch of pages stays a few megabytes.
BATCH_SIZE = 256


def clean_table(
    table: pa.Table, *, fields: RecordFields = DEFAULT_FIELDS, config: Config | None = None
) -> pa.Table:
    """Clean one Arrow batch of records: the function each Ray worker runs.

    >>> batch = pa.table({"id": [7], "text": ["Itâ€™s here."], "lang": ["en"]})
    >>> clean_table(batch).select(["id", "text", "lang", "status"]).to_pylist()
    [{'id': 7, 'text': 'It’s here.', 'lang': 'en', 'status': 'ok'}]
    """
    id_type = table.schema.field(fields.id).type if fields.id in table.column_names else None
    schema = columns.with_output_types(table.schema, id_type)
    cleaned = columns.clean_batch(table.to_pydict(), fields=fields, config=config)
    return pa.Table.from_pydict(cleaned, schema=schema)


def clean_dataset(
    dataset: ray.data.Dataset,
    *,
    fields: RecordFields = DEFAULT_FIELDS,
    config: Config | None = None,
    batch_size: int = BATCH_SIZE,
    concurrency: int | None = None,
) -> ray.data.Dataset:
    """Clean every record of a Ray dataset, lazily (as Ray datasets go).

    ``concurrency`` caps the worker tasks running at once (Ray's default: as many as
    the cluster has CPUs). Records come out in Ray Data's order, which need not be the
    input's: set ``DataContext.get_current().execution_options.preserve_order = True``
    to keep it, or match records by their id.
    """
    return dataset.map_batches(
        clean_table,
        batch_format="pyarrow",
        batch_size=batch_size,
        fn_kwargs={"fields": fields, "config": config},
        concurrency=concurrency,
    )
