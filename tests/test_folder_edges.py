"""Folder runs at the edges of the file system: each problem is a named error for its
input, the rest go on, and the summary and report are written."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.outputs import part_stem, unwritable

runner = CliRunner()
ARTICLE = "The council met on Monday. It agreed the budget for the year.\n"


def run_folder(source: Path, out: Path, *extra: str):
    report, summary = out.parent / "report.jsonl", out.parent / "summary.json"
    result = runner.invoke(
        app,
        ["clean", str(source), "-o", str(out), "--report", str(report),
         "--summary-json", str(summary), *extra],
    )  # fmt: skip
    return result, report, json.loads(summary.read_text(encoding="utf-8"))


def test_a_file_name_that_is_not_utf8_is_cleaned(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text(ARTICLE)
    odd = os.fsdecode(b"b\xff.txt")
    (source / odd).write_text(ARTICLE)
    result, report, summary = run_folder(source, tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    assert summary["files"]["ok"] == 2
    assert (tmp_path / "out" / odd).read_text() == ARTICLE
    assert len(report.read_text().splitlines()) == 2
    # and a second run finds both done
    result, _, summary = run_folder(source, tmp_path / "out")
    assert summary["files"]["unchanged"] == 2


def test_an_output_name_of_250_bytes_is_written(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    name = "n" * 246 + ".txt"
    (source / name).write_text(ARTICLE)
    result, _, summary = run_folder(source, tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out" / name).exists() and summary["files"]["ok"] == 1
    assert len(os.fsencode(f".{part_stem(name)}.12345678.part")) <= 255


def test_a_page_beside_a_folder_of_its_output_name_is_a_named_error(tmp_path: Path) -> None:
    source = tmp_path / "in"
    (source / "x.txt").mkdir(parents=True)
    (source / "x.txt" / "y.txt").write_text(ARTICLE)
    (source / "x.html").write_text(f"<html><body><p>{ARTICLE}</p></body></html>")
    (source / "z.txt").write_text(ARTICLE)
    result, _, summary = run_folder(source, tmp_path / "out")
    assert result.exit_code == 1
    assert summary["files"] == {"ok": 2, "empty": 0, "error": 1, "skipped": 0, "unchanged": 0}
    (failed,) = summary["errors"]
    assert "in the way" in failed["error"] and (tmp_path / "out" / "z.txt").exists()


def test_outputs_never_land_outside_the_output_folder(tmp_path: Path) -> None:
    source, out, elsewhere = tmp_path / "in", tmp_path / "out", tmp_path / "elsewhere"
    (source / "sub").mkdir(parents=True)
    (source / "sub" / "a.txt").write_text(ARTICLE)
    (source / "b.txt").write_text(ARTICLE)
    elsewhere.mkdir()
    out.mkdir()
    (out / "sub").symlink_to(elsewhere, target_is_directory=True)
    result, _, summary = run_folder(source, out)
    assert result.exit_code == 1
    assert list(elsewhere.iterdir()) == []
    assert "outside the output folder" in summary["errors"][0]["error"]
    assert (out / "b.txt").exists()


def test_an_output_under_a_file_is_a_named_error(tmp_path: Path) -> None:
    source = tmp_path / "one.txt"
    source.write_text(ARTICLE)
    (tmp_path / "afile").write_text("in the way")
    result = runner.invoke(app, ["clean", str(source), "-o", str(tmp_path / "afile" / "x.txt")])
    assert result.exit_code == 1
    assert "cannot write" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.ENOSPC, "no space left"), (errno.EROFS, "read-only"), (errno.EACCES, "permission")],
)
def test_write_problems_are_said_in_words(code: int, words: str) -> None:
    assert words in unwritable(OSError(code, os.strerror(code)))


def test_a_device_is_read_up_to_the_limit_only(tmp_path: Path) -> None:
    config = tmp_path / "cleaner.toml"
    config.write_text("[cleaner]\nmax_input_bytes = 100000\n", encoding="utf-8")
    result = runner.invoke(app, ["clean", "/dev/zero", "--config", str(config)])
    assert result.exit_code == 1 and "more than the limit of 100,000 bytes" in result.stderr
