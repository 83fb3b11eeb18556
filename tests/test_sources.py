"""Reading inputs: decoding bytes the way a careful reader would, and refusing what is not text."""

from __future__ import annotations

import codecs
import gzip
from pathlib import Path

import pytest

from cleaner.sources import (
    Decoded,
    InputError,
    decode_bytes,
    decode_html,
    input_kind,
    read_bytes,
    read_text,
)

ENGLISH = "The café’s owner said prices would rise by £2 — “sadly”, she added.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ENGLISH.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ENGLISH.encode("utf-8"), "utf-8-sig"),
        (ENGLISH.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + ENGLISH.encode("utf-16-be"), "utf-16"),
        (ENGLISH.encode("utf-32"), "utf-32"),
        (ENGLISH.encode("utf-16-le"), "utf-16-le"),
        (ENGLISH.encode("utf-16-be"), "utf-16-be"),
        (ENGLISH.encode("cp1252"), "cp1252"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16-bom",
        "utf16be-bom",
        "utf32-bom",
        "utf16le-nobom",
        "utf16be-nobom",
        "cp1252",
    ],
)
def test_decodes_to_the_same_text(data: bytes, encoding: str) -> None:
    assert decode_bytes(data) == (ENGLISH, encoding)


@pytest.mark.parametrize(
    "text",
    [
        "It cost £12.",  # short cp1252 English with £: charset-normalizer alone says cp1250
        "Zürich costs £3.50 a café.",
        "Señor Núñez paid £40 for the piñata.",
    ],
)
def test_short_latin_text_in_a_legacy_code_page_reads_as_cp1252(text: str) -> None:
    assert decode_bytes(text.encode("cp1252")) == (text, "cp1252")


def test_latin1_bytes_read_the_same_through_cp1252() -> None:
    text = "Grüße aus München, sagte der Bürgermeister am Montag."
    assert decode_bytes(text.encode("latin-1")).text == text


def test_other_legacy_code_pages_are_detected() -> None:
    russian = "Привет! Это новость о погоде в Москве: завтра будет снег и сильный ветер."
    assert decode_bytes(russian.encode("cp1251")).text == russian
    polish = "Zażółć gęślą jaźń – powiedział burmistrz Łodzi w poniedziałek rano."
    assert decode_bytes(polish.encode("cp1250")).text == polish


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF document"),
        (b"PK\x03\x04\x14\x00", "ZIP archive"),
        (b"some text\x00\x01\x02\xff\xfe and more \x00\x00", "NUL bytes"),
    ],
)
def test_binary_content_is_refused_with_the_reason(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        decode_bytes(data)


def test_invalid_utf16_after_a_bom_is_an_error() -> None:
    with pytest.raises(InputError, match="invalid utf-16"):
        decode_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8")  # a lone high surrogate


def test_empty_input_is_empty_text() -> None:
    assert decode_bytes(b"") == ("", "utf-8")


def test_gzip_is_read_through(tmp_path: Path) -> None:
    path = tmp_path / "a.txt.gz"
    path.write_bytes(gzip.compress(ENGLISH.encode("utf-8")))
    assert read_text(path, 10_000).text == ENGLISH
    unnamed = tmp_path / "b.txt"  # gzip data without the suffix: told by its magic bytes
    unnamed.write_bytes(gzip.compress(ENGLISH.encode("utf-8")))
    assert read_text(unnamed, 10_000).text == ENGLISH


def test_corrupt_gzip_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "a.txt.gz"
    path.write_bytes(gzip.compress(ENGLISH.encode("utf-8") * 50)[:40])
    with pytest.raises(InputError, match="corrupt gzip"):
        read_bytes(path, 10_000)


def test_gzip_that_expands_past_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * 5_000_000))  # about 5 kB on disk
    assert path.stat().st_size < 10_000
    with pytest.raises(InputError, match="expands past the limit"):
        read_bytes(path, 1_000_000)


def test_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 1000)
    with pytest.raises(InputError, match="over the limit"):
        read_bytes(path, 1000)


def test_missing_file_and_folder_are_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_bytes(tmp_path / "missing.txt", 1000)
    with pytest.raises(InputError, match="folder"):
        read_bytes(tmp_path, 1000)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.txt", "text"),
        ("a.TXT.gz", "text"),
        ("a.md", "text"),
        ("a.jsonl", "jsonl"),
        ("a.jsonl.gz", "jsonl"),
        ("a.ndjson", "jsonl"),
        ("a.html", "html"),
        ("a.htm.gz", "html"),
        ("a.png", None),
        ("a", None),
    ],
)
def test_input_kind_goes_by_suffix(name: str, kind: str | None) -> None:
    assert input_kind(Path(name)) == kind


@pytest.mark.parametrize("label", ["utf-16", "UTF-16LE", "ibm037", "cp500", "utf-7", "punycode"])
def test_only_whatwg_labels_count_in_a_pages_declaration(label: str) -> None:
    """A browser reads a page that declares UTF-16 as UTF-8, and a Python-only codec name
    ("utf-7", "punycode") is no label at all: the page is read as what it is."""
    body = "<p>The bridge reopened on Friday after two years of repairs, the council said.</p>"
    page = f'<html><head><meta charset="{label}"></head><body>{body}</body></html>'
    decoded = decode_html(page.encode("ascii"))
    assert decoded.text == page and decoded.encoding == "utf-8"


def test_a_whatwg_label_still_chooses_the_legacy_encoding() -> None:
    page = '<meta charset="windows-1251"><p>Мэр открыл мост.</p>'.encode("cp1251")
    assert decode_html(page) == Decoded(
        '<meta charset="windows-1251"><p>Мэр открыл мост.</p>', "cp1251"
    )
