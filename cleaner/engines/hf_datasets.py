"""Clean a Hugging Face ``datasets.Dataset`` with ``Dataset.map`` (extra ``cleaner[datasets]``).

>>> from datasets import Dataset
>>> articles = Dataset.from_dict({"text": ["Itâ€™s here.\\nFollow us on Twitter and Facebook."]})
>>> cleaned = clean_dataset(articles)
>>> cleaned[0]["text"], cleaned[0]["id"], cleaned[0]["changes"][0]["stage"]
('It’s here.', 0, 'fix_encoding')

Calling ``map`` yourself works too; pass the features, because a first batch without
any change would otherwise fix the ``changes`` column to an empty type:

>>> cleaned = articles.map(clean_batch, batched=True, with_indices=True,
...                        features=output_features(articles.features))
>>> cleaned[0]["paragraphs"]
['It’s here.']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

import datasets
import pyarrow as pa

from ..api import DEFAULT_FIELDS, RecordFields
from ..config import Config
from . import columns

DatasetType = TypeVar("DatasetType", datasets.Dataset, datasets.IterableDataset)
# Rows per call: large enough that the per-call cost of ``map`` disappears, small
# enough that a batch of whole pages stays a few megabytes.
BATCH_SIZE = 256


def clean_batch(
    batch: Mapping[str, Sequence[Any]],
    indices: Sequence[int] | None = None,
    *,
    fields: RecordFields = DEFAULT_FIELDS,
    config: Config | None = None,
) -> dict[str, list[Any]]:
    """The batched function for ``Dataset.map(..., batched=True, with_indices=True)``.

    A record without an id gets its row number. Options go in with
    ``functools.partial`` or ``fn_kwargs``.
    """
    return columns.clean_batch(batch, fields=fields, config=config, default_ids=indices)


def output_features(
    features: datasets.Features, *, fields: RecordFields = DEFAULT_FIELDS
) -> datasets.Features:
    """The features of the cleaned dataset: the input's, plus the output columns.

    ``id`` keeps the input's id type; a dataset without ids gets row numbers (int64).
    """
    schema = features.arrow_schema
    id_type = schema.field(fields.id).type if fields.id in features else pa.int64()
    return datasets.Features.from_arrow_schema(columns.with_output_types(schema, id_type))


def clean_dataset(
    dataset: DatasetType,
    *,
    fields: RecordFields = DEFAULT_FIELDS,
    config: Config | None = None,
    num_proc: int | None = None,
    batch_size: int = BATCH_SIZE,
) -> DatasetType:
    """Clean every record of ``dataset``; ``num_proc`` worker processes (``map``'s own).

    A streamed ``IterableDataset`` is cleaned lazily, as it is read (``num_proc`` does
    not apply to it):

    >>> streamed = datasets.Dataset.from_dict({"text": ["Itâ€™s here."]}).to_iterable_dataset()
    >>> next(iter(clean_dataset(streamed)))["text"]
    'It’s here.'
    """
    features = (
        output_features(dataset.features, fields=fields) if dataset.features is not None else None
    )
    options = {
        "batched": True,
        "batch_size": batch_size,
        "with_indices": True,
        "fn_kwargs": {"fields": fields, "config": config},
        "features": features,
    }
    if isinstance(dataset, datasets.IterableDataset):
        return dataset.map(clean_batch, **options)
    return dataset.map(clean_batch, num_proc=num_proc, desc="cleaning", **options)
