"""Hostile input: every file ends as cleaned output or an error naming it, in bounded
time and memory, and nothing but the output folder is ever written.

The small inputs are written here; the big ones (megabytes) are generated at test time.
What each kind becomes is the table in the README's "What cleaner promises".
"""

from __future__ import annotations

import gzip
import json
import os
import random
import socket
import tracemalloc
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest
from hostile import ADVERSARIAL_TEXT
from typer.testing import CliRunner

from cleaner import Config, clean, clean_html
from cleaner.cli import app
from cleaner.sources import Source
from cleaner.stages.fix_encoding import fix_encoding
from cleaner.tasks import clean_file

runner = CliRunner()

ARTICLE = (
    "The council met on Monday to discuss the new bridge over the river.\n\n"
    "It will open in May, after two years of work, the mayor said.\n"
)
PARAGRAPH = "<p>The council met on Monday to discuss the new bridge, the mayor said.</p>"
ENTITY_BOMB = (
    '<?xml version="1.0"?><!DOCTYPE page [<!ENTITY a "lolololololol">'
    + "".join(f'<!ENTITY {b} "{("&" + a + ";") * 10}">' for a, b in pairwise("abcdefghi"))
    + f"]><html><body><article>{PARAGRAPH}<p>&i;</p></article></body></html>"
)
EXTERNAL_ENTITY = (
    '<?xml version="1.0"?><!DOCTYPE page [<!ENTITY secret SYSTEM "file://{secret}">]>'
    f"<html><body><article>{PARAGRAPH}<p>Leaked: &secret;</p></article></body></html>"
)


def gzip_bomb(size: int) -> bytes:
    """A gzip stream that expands to ``size`` bytes of spaces (about a thousandth of it)."""
    compressor = gzip.compress(b" " * 1_000_000, compresslevel=9)
    return compressor * (size // 1_000_000)


# name -> (bytes, expected status, words the error must hold)
CORPUS: dict[str, tuple[bytes, str, str]] = {
    "empty.txt": (b"", "empty", ""),
    "whitespace.txt": (" \n\t\n\u3000\n\u00a0".encode(), "empty", ""),
    "png-image.txt": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "error", "PNG image"),
    "random-bytes.txt": (random.Random(6).randbytes(4096), "error", "binary content"),
    "nul-inside.txt": (ARTICLE.replace("bridge", "bri\x00dge").encode(), "ok", ""),
    "zeros.txt": (b"\x00" * 4096, "error", "binary content"),
    "invalid-utf8.txt": (ARTICLE.encode() + b"\xff\xfe\xc3(", "ok", ""),
    "utf16-bom.txt": (ARTICLE.encode("utf-16"), "ok", ""),
    "utf16-no-bom.txt": (ARTICLE.encode("utf-16-le"), "ok", ""),
    "cp1252.txt": ("Café owners paid £3 for “coffee”, said Zoë.".encode("cp1252"), "ok", ""),
    "cp1251.txt": ("Совет собрался в понедельник обсудить мост.".encode("cp1251"), "ok", ""),
    "deep-nesting.html": (
        b"<html><body>" + b"<div>" * 100_000 + PARAGRAPH.encode() + b"</div>" * 100_000,
        "ok",
        "",
    ),
    "entity-bomb.html": (ENTITY_BOMB.encode(), "ok", ""),
    "truncated.html": (f"<html><body><article>{PARAGRAPH}<p>Then the r".encode(), "ok", ""),
    "script-only.html": (b"<html><script>document.write('The council met')</script>", "empty", ""),
    "corrupt.txt.gz": (gzip.compress(ARTICLE.encode())[:25] + b"\x00garbage", "error", "gzip"),
    "bomb.txt.gz": (gzip_bomb(100_000_000), "error", "expands past the limit"),
    "name with spaces é 記事.txt": (ARTICLE.encode(), "ok", ""),
}
LIMIT = 8_000_000  # max_input_bytes for the corpus run: the bomb expands far past it


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict], str]:
    root = tmp_path_factory.mktemp("hostile")
    source = root / "in"
    source.mkdir()
    for name, (data, _, _) in CORPUS.items():
        (source / name).write_bytes(data)
    secret = root / "secret.txt"
    secret.write_text("root:x:0:0:do-not-leak")
    (source / "external-entity.html").write_text(EXTERNAL_ENTITY.replace("{secret}", str(secret)))
    (source / "folder.txt").mkdir()  # a folder whose name ends in .txt is walked into
    (source / "folder.txt" / "inner.txt").write_text(ARTICLE)
    (source / "loop").symlink_to(source, target_is_directory=True)
    (source / "self-link.txt").symlink_to(source / "self-link.txt")
    config = root / "limits.toml"
    config.write_text(f"max_input_bytes = {LIMIT}\n")
    out, report = source / "out", root / "report.jsonl"  # the output folder inside the input
    before = {path: path.read_bytes() for path in source.rglob("*") if path.is_file()}
    outside = sorted(root.iterdir())
    result = runner.invoke(
        app,
        ["clean", str(source), "-o", str(out), "--config", str(config), "--report", str(report)],
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1, result.stderr  # some inputs failed, the batch went on
    assert report.is_file(), result.stderr
    after = {path: path.read_bytes() for path in source.rglob("*") if path.is_file()}
    assert {p: d for p, d in after.items() if out not in p.parents} == before
    assert sorted(root.iterdir()) == sorted([*outside, report])  # nothing else written
    records = {Path(r["input"]).name: r for r in map(json.loads, report.read_text().splitlines())}
    return out, records, result.stderr


@pytest.mark.parametrize("name", list(CORPUS))
def test_each_input_ends_as_output_or_a_named_error(
    corpus_run: tuple[Path, dict[str, dict], str], name: str
) -> None:
    out, records, stderr = corpus_run
    _, status, reason = CORPUS[name]
    record = records[name]
    assert record["status"] == status, record
    if status == "error":
        assert reason in record["error"]
        assert f"{name}: " in stderr and reason in stderr  # the message names the file
        assert not (out / name).with_suffix(".txt").exists()
    else:
        assert (out / Path(name).with_suffix(".txt")).is_file()


def test_what_the_corpus_outputs_say(corpus_run: tuple[Path, dict[str, dict], str]) -> None:
    out, records, stderr = corpus_run
    assert "bridge" in (out / "nul-inside.txt").read_text()
    assert "\x00" not in (out / "nul-inside.txt").read_text()
    assert "Zoë" in (out / "cp1252.txt").read_text()
    assert "мост" in (out / "cp1251.txt").read_text()
    assert "new bridge" in (out / "deep-nesting.txt").read_text()
    assert "lololol" not in (out / "entity-bomb.txt").read_text()  # never expanded
    assert "do-not-leak" not in (out / "external-entity.txt").read_text()  # never read
    assert "new bridge" in (out / "truncated.txt").read_text()
    assert (out / "folder.txt" / "inner.txt").read_text().startswith("The council")
    assert (out / "name with spaces é 記事.txt").is_file()
    assert records["self-link.txt"]["status"] == "error"  # a link to itself: a named error
    assert "loop" not in {path.name for path in out.iterdir()}  # links are not followed
    assert not (out / "out").exists()  # the output folder was not read as input
    assert "empty HTML tree" not in stderr  # libraries' own log lines stay quiet


@pytest.mark.parametrize("kind", list(ADVERSARIAL_TEXT))
def test_adversarial_text_is_cleaned_and_invents_nothing(kind: str) -> None:
    text = ADVERSARIAL_TEXT[kind](20_000)
    result = clean(text)
    assert clean(result.text).text == result.text
    repaired = clean(text, stages=[fix_encoding]).text
    assert all(word in repaired for word in set(result.text.split()))
    assert not any(ord(char) < 32 and char != "\n" for char in result.text)


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("one 3 MB line with no spaces", lambda: "abcdefghij" * 300_000),
        ("a million short lines", lambda: "Hi.\n" * 1_000_000),
    ],
)
def test_big_inputs_finish_as_output(tmp_path: Path, name: str, make: Callable[[], str]) -> None:
    path = tmp_path / "big.txt"
    path.write_text(make())
    outcome, result = clean_file(Source(path, Path(path.name), "text"), Config(), None)
    assert outcome.status in ("ok", "empty"), outcome.error
    assert result is not None


def test_an_expanding_gzip_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip_bomb(200_000_000))
    limit = 2_000_000
    tracemalloc.start()
    try:
        outcome, _ = clean_file(
            Source(path, Path(path.name), "text"), Config(max_input_bytes=limit), None
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert outcome.status == "error" and "expands past the limit" in (outcome.error or "")
    assert peak < 4 * limit, f"peak {peak:,} bytes for a 200 MB expansion"


def test_cleaning_a_page_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("cleaner opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    page = (
        '<html><head><base href="http://example.com/"><link rel="canonical" '
        'href="https://example.com/a"><script src="http://example.com/x.js"></script></head>'
        f'<body><article>{PARAGRAPH}<img src="http://example.com/i.png">'
        '<iframe src="https://example.com/embed"></iframe></article></body></html>'
    )
    assert "new bridge" in clean_html(page).text
    assert "new bridge" in clean_html(page, with_metadata=True).text


def test_the_output_may_not_be_an_input(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    for given, target in ((path, path), (tmp_path, tmp_path)):
        result = runner.invoke(app, ["clean", str(given), "-o", str(target)])
        assert result.exit_code == 2 and "inputs are never overwritten" in result.stderr
    assert path.read_text() == ARTICLE
    assert os.listdir(tmp_path) == ["a.txt"]


def test_lone_surrogates_in_jsonl_are_written_not_fatal(tmp_path: Path) -> None:
    source, out, report = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "r.jsonl"
    lines = ['{"id": "\\ud800", "text": "The council met \\udfff on Monday."}', '{"text": "Hi."}']
    source.write_text("\n".join(lines) + "\n")
    command = ["clean", str(source), "-o", str(out), "--report", str(report), "--report-changes"]
    result = runner.invoke(app, command)
    assert result.exit_code == 0, result.stderr
    first, second = map(json.loads, out.read_text(encoding="utf-8").splitlines())
    assert first["id"] == "\ud800", "a passed-through field goes out as it came in"
    assert not any("\ud800" <= char <= "\udfff" for char in "".join(first["paragraphs"]))
    assert second["paragraphs"] == ["Hi."]
    assert len(report.read_text(encoding="utf-8").splitlines()) == 2
