"""Bytes to text: BOM, UTF-8, legacy code pages and declared charsets, gzip, size limits.

Every problem with an input becomes an :class:`InputError` whose message is the reason
alone; whoever knows the file name (the batch, the CLI) puts it in front.
"""

from __future__ import annotations

import codecs
import gzip
import io
import logging
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, BinaryIO, Literal, NamedTuple

logger = logging.getLogger(__name__)

InputKind = Literal["text", "html", "jsonl"]

# Leading bytes of file types that are never article text, with what to call them.
BINARY_SIGNATURES: dict[bytes, str] = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF87a": "a GIF image",
    b"GIF89a": "a GIF image",
    b"RIFF": "a RIFF file (WebP image, WAV or AVI)",
    b"%PDF-": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or .docx, .xlsx, .epub)",
    b"\x7fELF": "an executable",
    b"MZ\x90\x00": "a Windows executable",
    b"\xfd7zXZ\x00": "an xz archive",
    b"7z\xbc\xaf\x27\x1c": "a 7-Zip archive",
    b"BZh91AY&SY": "a bzip2 archive",
    b"\x28\xb5\x2f\xfd": "a zstd archive",
    b"OggS": "an Ogg audio file",
    b"wOFF": "a web font",
    b"\x00asm": "a WebAssembly module",
    b"SQLite format 3\x00": "an SQLite database",
}
GZIP_MAGIC = b"\x1f\x8b"
# The most NUL bytes (as a share of all bytes) that UTF-8 text may hold and still be read.
MAX_NUL_SHARE = 0.05
# Legacy code pages that read the same Latin letters; among near-equal candidates for
# Latin text cp1252 wins, because charset-normalizer reads short cp1252 English with "£"
# as cp1250 ("Ł") and the web's "iso-8859-1" is cp1252 in practice.
PREFERRED_LEGACY = "cp1252"
NEAR_EQUAL_CHAOS = 0.02
TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
# The labels of the WHATWG encoding standard, which browsers follow, by the Python codec
# that reads each encoding. Only these count in a page's declaration: "utf-7", "ibm037",
# "punycode" and Python's other codec names are no labels. The standard reads
# "iso-8859-1" and "ascii" as windows-1252 ("smart quotes" in 0x80–0x9F), and a page that
# declares UTF-16 as UTF-8 (bytes that are text in a declaration are not UTF-16).
WHATWG_LABELS = """
utf-8: unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8 utf-16
  utf-16le utf-16be unicode ucs-2 csunicode iso-10646-ucs-2 unicodefeff unicodefffe
cp1252: ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1
  iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252
  x-user-defined
cp866: 866 cp866 csibm866 ibm866
iso8859-2: csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 iso_8859-2:1987 l2
  latin2
iso8859-3: csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 l3 latin3
iso8859-4: csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 l4 latin4
iso8859-5: csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 iso_8859-5
iso8859-6: arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 iso-8859-6
  iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6
iso8859-7: csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 iso8859-7
  iso88597 iso_8859-7 sun_eu_greek
iso8859-8: csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 iso8859-8
  iso88598 iso_8859-8 visual csiso88598i iso-8859-8-i logical
iso8859-10: csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6
iso8859-13: iso-8859-13 iso8859-13 iso885913
iso8859-14: iso-8859-14 iso8859-14 iso885914
iso8859-15: csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9
iso8859-16: iso-8859-16
koi8-r: cskoi8r koi koi8 koi8-r koi8_r
koi8-u: koi8-ru koi8-u
mac-roman: csmacintosh mac macintosh x-mac-roman
cp874: dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874
cp1250: cp1250 windows-1250 x-cp1250
cp1251: cp1251 windows-1251 x-cp1251
cp1253: cp1253 windows-1253 x-cp1253
cp1254: cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 l5 latin5
  windows-1254 x-cp1254
cp1255: cp1255 windows-1255 x-cp1255
cp1256: cp1256 windows-1256 x-cp1256
cp1257: cp1257 windows-1257 x-cp1257
cp1258: cp1258 windows-1258 x-cp1258
mac-cyrillic: x-mac-cyrillic x-mac-ukrainian
gbk: chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk
gb18030: gb18030
big5hkscs: big5 big5-hkscs cn-big5 csbig5 x-x-big5
euc_jp: cseucpkdfmtjapanese euc-jp x-euc-jp
iso2022_jp: csiso2022jp iso-2022-jp
cp932: csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis
cp949: cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 ksc5601
  ksc_5601 windows-949
"""
ENCODING_OF_LABEL = {
    label: codec
    for entry in re.split(r"\n(?=\S)", WHATWG_LABELS.strip())
    for codec, labels in [entry.split(":", 1)]
    for label in labels.split()
}
META_CHARSET_RE = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE
)
# How a page opens: a BOM, spaces and comments, then a doctype or the html, head or body tag.
HTML_START_RE = re.compile(
    rb"(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]",
    re.IGNORECASE | re.DOTALL,
)
# Browsers look for the declaration in the first 1024 bytes.
META_PRESCAN_BYTES = 1024
JSONL_SUFFIXES = (".jsonl", ".ndjson")


class InputError(Exception):
    """An input that cannot be cleaned. ``str(error)`` is the reason, without the file name."""


class Decoded(NamedTuple):
    text: str
    encoding: str


def decode_bytes(data: bytes) -> Decoded:
    """Decode bytes as text: BOM first, then strict UTF-8, then a detected legacy code page.

    >>> decode_bytes("café".encode("utf-8"))
    Decoded(text='café', encoding='utf-8')
    >>> decode_bytes("It cost £12 in the café.".encode("cp1252"))
    Decoded(text='It cost £12 in the café.', encoding='cp1252')
    >>> decode_bytes(b"\\x89PNG\\r\\n\\x1a\\n...")
    Traceback (most recent call last):
    ...
    cleaner.sources.decoding.InputError: binary content: looks like a PNG image
    >>> decode_bytes(b"The bri\\x00dge opened on Monday.").text
    'The bri\\x00dge opened on Monday.'
    """
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return Decoded(_decode_strict(data, encoding), encoding)
    for signature, what in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise InputError(f"binary content: looks like {what}")
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return Decoded(_decode_strict(data, utf16), utf16)
        # A few stray NULs in valid UTF-8 are a scraper's slip, not binary content: the
        # text is kept and fix_encoding drops them (recorded as a change). Random bytes
        # are never valid UTF-8.
        if data.count(0) <= len(data) * MAX_NUL_SHARE:
            try:
                return Decoded(data.decode("utf-8"), "utf-8")
            except UnicodeDecodeError:
                pass
        raise InputError("binary content: NUL bytes, in what is not UTF-8 text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    legacy = detect_legacy_encoding(data)
    if legacy is None:
        raise InputError("undecodable: not UTF-8, and no legacy encoding reads it as text")
    return Decoded(data.decode(legacy), legacy)


def _decode_strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(f"invalid {encoding} at byte {error.start}: {error.reason}") from error


def _utf16_without_bom(data: bytes) -> str | None:
    """Recognise UTF-16 text without a BOM by where its NUL bytes fall (ASCII-heavy text)."""
    sample = data[: 64 * 1024]
    even, odd = sample[0::2], sample[1::2]
    if not even or not odd:
        return None
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.4 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def detect_legacy_encoding(data: bytes) -> str | None:
    """Pick the legacy code page that reads ``data`` best, preferring cp1252 among equals.

    >>> detect_legacy_encoding("Zürich costs £3.50 a café.".encode("cp1252"))
    'cp1252'
    >>> detect_legacy_encoding("Привет, как дела? Это тест на русском языке.".encode("cp1251"))
    'cp1251'
    """
    # Imported here: its tables cost a start-up that a run of UTF-8 files never needs.
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        near_equal = match.chaos <= best.chaos + NEAR_EQUAL_CHAOS
        if near_equal and PREFERRED_LEGACY in (match.encoding, *match.could_be_from_charset):
            return PREFERRED_LEGACY
    return best.encoding


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """Read a file, decompressing gzip (by suffix or magic), refusing more than ``max_bytes``.

    A gzip file is read in a stream, so one that expands to far more than the limit is
    refused without ever being held whole.
    """
    try:
        if path.is_dir():
            raise InputError("is a folder, not a file")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(_too_large(size, max_bytes))
        with path.open("rb") as handle:
            head = handle.read(2)
            if path.suffix.lower() != ".gz" and head != GZIP_MAGIC:
                # Read up to the limit, whatever the size said: a device or a pipe says 0
                # (``cleaner clean /dev/zero`` stops at the limit, not at the memory's end).
                data = head + handle.read(max_bytes - len(head) + 1)
                if len(data) > max_bytes:
                    raise InputError(f"holds more than the limit of {max_bytes:,} bytes")
                return data
        return _gunzip(path, max_bytes)
    except PermissionError as error:
        raise InputError("permission denied") from error
    except FileNotFoundError as error:
        raise InputError("no such file") from error
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}") from error


def read_stream(stream: IO[bytes], name: str, max_bytes: int) -> bytes:
    """Read a stream with no file behind it (standard input) whole, as :func:`read_bytes`
    reads a file: gzip decompressed (by its magic bytes), never more than ``max_bytes``.

    >>> read_stream(io.BytesIO(gzip.compress(b"news")), "<stdin>", 99)
    b'news'
    """
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"holds more than the limit of {max_bytes:,} bytes")
    return unpack_bytes(data, name, max_bytes)


def unpack_bytes(data: bytes, name: str, max_bytes: int) -> bytes:
    """Bytes read whole from a file called ``name`` (a URL, say), as :func:`read_bytes`
    gives them: gzip decompressed (by suffix or magic), never more than ``max_bytes``.

    >>> unpack_bytes(gzip.compress(b"news"), "a.txt.gz", 99), unpack_bytes(b"news", "a.txt", 99)
    (b'news', b'news')
    """
    if len(data) > max_bytes:
        raise InputError(_too_large(len(data), max_bytes))
    if name.lower().endswith(".gz") or data[:2] == GZIP_MAGIC:
        return _gunzip(io.BytesIO(data), max_bytes)
    return data


def _gunzip(file: Path | BinaryIO, max_bytes: int) -> bytes:
    try:
        with gzip.open(file, "rb") as stream:
            data = stream.read(max_bytes + 1)
    except (gzip.BadGzipFile, EOFError, zlib.error) as error:
        raise InputError(f"corrupt gzip: {error}") from error
    if len(data) > max_bytes:
        raise InputError(f"expands past the limit of {max_bytes:,} bytes when decompressed")
    return data


class LineTooLong(NamedTuple):
    """A line of a JSONL stream over the size limit, read past without being held."""

    size: int  # its bytes, newline included

    def reason(self, max_bytes: int) -> str:
        return f"a line of {_too_large(self.size, max_bytes)}"


# How much of an over-long line is read at a time while it is skipped.
SKIP_CHUNK = 1 << 20


def capped_lines(stream: IO[bytes], max_line_bytes: int) -> Iterator[bytes | LineTooLong]:
    """The lines of ``stream``; one over ``max_line_bytes`` comes as a :class:`LineTooLong`
    and is read past in chunks, so that memory stays bounded by the limit whatever the
    stream holds (a 1 GB line, or 500 MB of spaces with no newline).

    >>> list(capped_lines(io.BytesIO(b"ab\\n" + b"x" * 10 + b"\\ncd"), 5))
    [b'ab\\n', LineTooLong(size=11), b'cd']
    """
    while line := stream.readline(max_line_bytes + 1):
        if len(line) <= max_line_bytes:
            yield line
            continue
        size = len(line)
        while not line.endswith(b"\n") and (line := stream.readline(SKIP_CHUNK)):
            size += len(line)
        yield LineTooLong(size)


def looks_like_html(data: bytes) -> bool:
    """Whether bytes with no name to go by are a page: they open (after a BOM, spaces and
    comments) with a doctype or an ``<html>``, ``<head>`` or ``<body>`` tag.

    >>> looks_like_html(b"  <!DOCTYPE html><html><p>Hi</p>"), looks_like_html(b"<p>Hi</p> said")
    (True, False)
    """
    return bool(HTML_START_RE.match(data, 0, META_PRESCAN_BYTES))


def _too_large(size: int, max_bytes: int) -> str:
    return f"{size:,} bytes is over the limit of {max_bytes:,} (set max_input_bytes to raise it)"


def read_text(path: Path, max_bytes: int) -> Decoded:
    """Read and decode one text file (plain or gzip)."""
    return decode_bytes(read_bytes(path, max_bytes))


def input_kind(path: Path) -> InputKind | None:
    """Tell an input's kind from its name (``.gz`` looked through); None if not ours.

    >>> input_kind(Path("a/b.jsonl.gz")), input_kind(Path("b.TXT")), input_kind(Path("b.htm"))
    ('jsonl', 'text', 'html')
    """
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[: -len(".gz")]
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    if name.endswith(HTML_SUFFIXES):
        return "html"
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag, mapped as browsers map it.

    >>> declared_charset(b'<html><head><meta charset="ISO-8859-1"></head>')
    'cp1252'
    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=utf-8">')
    'utf-8'
    >>> [declared_charset(f'<meta charset="{label}">'.encode()) for label in ("utf-16", "utf-7")]
    ['utf-8', None]
    """
    match = META_CHARSET_RE.search(data, 0, META_PRESCAN_BYTES)
    if match is None:
        return None
    label = match.group(1).decode("ascii", "replace").strip().lower()
    codec = ENCODING_OF_LABEL.get(label)
    return codecs.lookup(codec).name if codec else None


def decode_html(data: bytes) -> Decoded:
    """Decode a page as a browser would: BOM, then the ``<meta>`` declaration, then detection.

    A declaration can be wrong. A page that is valid UTF-8 with non-ASCII text in it is
    read as UTF-8 whatever it declares (no legacy text is valid UTF-8 by chance), and a
    page that does not decode with what it declares is decoded as if it declared nothing.

    >>> decode_html('<meta charset="iso-8859-1"><p>café £3 “ok”'.encode("cp1252")).text[-12:]
    'café £3 “ok”'
    >>> decode_html('<meta charset="iso-8859-1"><p>café'.encode("utf-8"))
    Decoded(text='<meta charset="iso-8859-1"><p>café', encoding='utf-8')
    """
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):  # fmt: skip
        if data.startswith(bom):
            return Decoded(_decode_strict(data, encoding), encoding)
    declared = declared_charset(data)
    if not data.isascii():
        try:
            return Decoded(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            pass
    if declared is not None:
        try:
            return Decoded(data.decode(declared), declared)
        except (UnicodeDecodeError, LookupError):
            logger.info("page does not decode as the %s it declares", declared)
    return decode_bytes(data)
