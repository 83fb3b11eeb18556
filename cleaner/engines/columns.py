"""Clean records a column batch at a time: the one function the columnar engines share.

Ray Data and Hugging Face datasets hand records over as columns (``{"text": [...],
"id": [...]}``) and want columns back, each of one type. :func:`clean_batch` cleans
every row with :func:`cleaner.clean_record` and gives back the input columns plus the
output ones, filled the same way on every row (an error row has empty paragraphs and
changes, an ok row a null ``error``), so a batch of errors and a batch of articles
have the same column types. :func:`arrow_types` names those types for engines that
must be told them up front.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..api import DEFAULT_FIELDS, RecordFields, clean_record
from ..config import Config
from ..extract import METADATA_FIELDS as PAGE_METADATA_FIELDS

if TYPE_CHECKING:
    import pyarrow as pa

# Every metadata key a record can get: the input's name and encoding (files), and what
# trafilatura finds on a page. Columns need one shape for every row, so each row has
# all of them, null where unknown.
METADATA_FIELDS = ("source", "encoding", *PAGE_METADATA_FIELDS)
OUTPUT_COLUMNS = ("id", "text", "paragraphs", "changes", "metadata", "status", "error")


def clean_batch(
    batch: Mapping[str, Sequence[Any]],
    *,
    fields: RecordFields = DEFAULT_FIELDS,
    config: Config | None = None,
    default_ids: Sequence[Any] | None = None,
) -> dict[str, list[Any]]:
    """Clean a batch of records given as columns; every input column passes through.

    Adds the columns of :data:`OUTPUT_COLUMNS`, as in ``cleaner clean --format jsonl``
    records (``text`` is the clean text; with ``fields.text == "text"`` it replaces the
    input's). ``default_ids`` (one per row, such as row numbers) stand in for a
    missing id.

    >>> out = clean_batch({"text": ["Itâ€™s here.", None], "url": ["a", "b"]}, default_ids=[0, 1])
    >>> out["id"], out["text"], out["status"], out["url"]
    ([0, 1], ['It’s here.', None], ['ok', 'error'], ['a', 'b'])
    >>> out["error"]
    [None, "field 'text' holds NoneType, not text"]
    >>> out["metadata"][0]["title"], out["paragraphs"][1], out["changes"][0][0]["rule"]
    (None, [], 'mojibake')
    """
    names = list(batch)
    rows = len(batch[names[0]]) if names else 0
    ids = default_ids if default_ids is not None else [None] * rows
    columns: dict[str, list[Any]] = {name: [] for name in (*names, *OUTPUT_COLUMNS)}
    for number in range(rows):
        record = {name: batch[name][number] for name in names}
        out = clean_record(
            record,
            text_field=fields.text,
            html_field=fields.html,
            id_field=fields.id,
            default_id=ids[number],
            config=config,
        )
        for name, value in as_row(out).items():
            columns[name].append(value)
    return columns


def as_row(record: Mapping[str, Any]) -> dict[str, Any]:
    """A cleaned record with every output column present and of its one type.

    >>> row = as_row({"id": 3, "status": "error", "error": "field 'text' is missing"})
    >>> row["paragraphs"], row["changes"], row["text"], row["metadata"]["url"]
    ([], [], None, None)
    """
    metadata = record.get("metadata") or {}
    return {
        **record,
        "text": record.get("text"),
        "paragraphs": list(record.get("paragraphs", ())),
        "changes": list(record.get("changes", ())),
        "metadata": {name: metadata.get(name) for name in METADATA_FIELDS},
        "error": record.get("error"),
    }


def arrow_types(id_type: pa.DataType | None = None) -> dict[str, pa.DataType]:
    """The Arrow type of each output column (``id`` as given, else string).

    >>> str(arrow_types()["changes"].value_type.field("where").type)
    'struct<block: int64, start: int64, end: int64>'
    """
    import pyarrow as pa

    where = pa.struct([("block", pa.int64()), ("start", pa.int64()), ("end", pa.int64())])
    change = pa.struct(
        [(name, pa.string()) for name in ("stage", "rule", "reason", "before", "after")]
        + [("where", where)]
    )
    return {
        "id": id_type if id_type is not None else pa.string(),
        "text": pa.string(),
        "paragraphs": pa.list_(pa.string()),
        "changes": pa.list_(change),
        "metadata": pa.struct([(name, pa.string()) for name in METADATA_FIELDS]),
        "status": pa.string(),
        "error": pa.string(),
    }


def with_output_types(schema: pa.Schema, id_type: pa.DataType | None = None) -> pa.Schema:
    """``schema`` (the input's) with the output columns set or appended.

    >>> import pyarrow as pa
    >>> with_output_types(pa.schema([("text", pa.string()), ("url", pa.string())])).names
    ['text', 'url', 'id', 'paragraphs', 'changes', 'metadata', 'status', 'error']
    """
    import pyarrow as pa

    for name, kind in arrow_types(id_type).items():
        index = schema.get_field_index(name)
        column = pa.field(name, kind)
        schema = schema.set(index, column) if index >= 0 else schema.append(column)
    return schema
