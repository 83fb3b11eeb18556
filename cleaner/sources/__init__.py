"""The one door from an input to text: every input is found, read and decoded here.

Folders are walked and filtered (:mod:`.finding`), files and standard input read within
the size limit, gzip told by its magic bytes, text and pages decoded (:mod:`.decoding`),
JSONL files streamed line by line into records (:mod:`.jsonl`). The runners, the CLI,
``explain``, ``review`` and the engines ask this package; none of them opens an input,
sniffs gzip or decodes bytes itself (``tests/test_layout.py`` holds it).

Every problem with an input becomes an :class:`InputError` whose message is the reason
alone; whoever knows the file name (the batch, the CLI) puts it in front.
"""

from .decoding import (
    GZIP_MAGIC,
    SKIP_CHUNK,
    Decoded,
    InputError,
    InputKind,
    LineTooLong,
    capped_lines,
    declared_charset,
    decode_bytes,
    decode_html,
    detect_legacy_encoding,
    input_kind,
    looks_like_html,
    read_bytes,
    read_stream,
    read_text,
    unpack_bytes,
)
from .finding import (
    InputFile,
    Source,
    discover,
    file_size,
    is_selected,
    is_within,
    resolved,
    stamped,
)
from .jsonl import is_record_line, jsonl_lines, parse_record, read_jsonl_lines

__all__ = [
    "GZIP_MAGIC",
    "SKIP_CHUNK",
    "Decoded",
    "InputError",
    "InputFile",
    "InputKind",
    "LineTooLong",
    "Source",
    "capped_lines",
    "declared_charset",
    "decode_bytes",
    "decode_html",
    "detect_legacy_encoding",
    "discover",
    "file_size",
    "input_kind",
    "is_record_line",
    "is_selected",
    "is_within",
    "jsonl_lines",
    "looks_like_html",
    "parse_record",
    "read_bytes",
    "read_jsonl_lines",
    "read_stream",
    "read_text",
    "resolved",
    "stamped",
    "unpack_bytes",
]
