"""Folder output resumes: the same command again cleans only what is new or changed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.manifest import MANIFEST_NAME, Manifest

runner = CliRunner()


def article(number: int) -> str:
    return (
        f"The council met on day {number} to vote on the new bridge.\n"
        "Follow The Gazette on Twitter and Facebook.\n"
        f"The vote was {number} to 3, the clerk said.\n"
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    source = tmp_path / "in"
    source.mkdir()
    for number in range(5):
        (source / f"{number}.txt").write_text(article(number))
    (source / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    return source


def clean(folder: Path, *extra: str) -> tuple[str, Path]:
    out = folder.parent / "out"
    result = runner.invoke(app, ["clean", str(folder), "-o", str(out), "-j", "1", *extra])
    assert result.exit_code == 1, result.output  # bad.txt fails every time
    return result.stderr, out


def mtimes(out: Path) -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in out.glob("*.txt")}


def test_a_second_run_leaves_finished_outputs_alone(folder: Path) -> None:
    first, out = clean(folder)
    assert "cleaned 5 file(s)" in first and "0 unchanged" in first
    before = mtimes(out)
    second, _ = clean(folder)
    assert "cleaned 0 file(s)" in second and "5 unchanged since the last run" in second
    assert "bad.txt" in second, "a failed input is tried again, never recorded as done"
    assert mtimes(out) == before


def test_a_changed_input_alone_is_cleaned_again(folder: Path) -> None:
    _, out = clean(folder)
    before = mtimes(out)
    (folder / "3.txt").write_text(article(33))
    stderr, _ = clean(folder)
    assert "cleaned 1 file(s)" in stderr and "4 unchanged" in stderr
    assert "day 33" in (out / "3.txt").read_text()
    after = mtimes(out)
    assert [name for name in before if before[name] != after[name]] == ["3.txt"]


def test_a_deleted_output_is_made_again(folder: Path) -> None:
    _, out = clean(folder)
    (out / "2.txt").unlink()
    stderr, _ = clean(folder)
    assert "cleaned 1 file(s)" in stderr and (out / "2.txt").exists()


@pytest.mark.parametrize("change", [["--quotes", "straight"], ["--skip", "strip_promos"]])
def test_other_settings_clean_everything_again(folder: Path, change: list[str]) -> None:
    clean(folder)
    stderr, out = clean(folder, *change)
    assert "cleaned 5 file(s)" in stderr
    if "strip_promos" in change:
        assert "Follow The Gazette" in (out / "0.txt").read_text()


def test_force_cleans_everything_again(folder: Path) -> None:
    clean(folder)
    stderr, _ = clean(folder, "--force")
    assert "cleaned 5 file(s)" in stderr and "0 unchanged" in stderr


def test_a_torn_manifest_line_costs_only_that_output(folder: Path) -> None:
    _, out = clean(folder)
    manifest = out / MANIFEST_NAME
    lines = manifest.read_text().splitlines()
    assert [json.loads(line)["output"] for line in lines] == [f"{n}.txt" for n in range(5)]
    manifest.write_text("\n".join(lines[:-1]) + "\n" + lines[-1][:20])  # killed mid-write
    stderr, _ = clean(folder)
    assert "cleaned 1 file(s)" in stderr and "4 unchanged" in stderr


def test_an_interrupted_batch_resumes_where_it_stopped(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    body = "".join(article(n) for n in range(80))  # about 10 KB: seconds of work in all
    for number in range(200):
        (source / f"{number:03}.txt").write_text(body)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "cleaner", "clean", str(source), "-o", str(out), "-j", "2"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, start_new_session=True)
    manifest = out / MANIFEST_NAME
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if manifest.exists() and len(manifest.read_text().splitlines()) >= 10:
            break
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr.decode()
    finished = len(manifest.read_text().splitlines())
    assert 10 <= finished < 200

    resumed = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert f"cleaned {200 - finished} file(s)" in resumed.stderr
    assert f"{finished} unchanged since the last run" in resumed.stderr
    whole = runner.invoke(app, ["clean", str(source / "000.txt")]).stdout
    outputs = sorted(out.glob("*.txt"))
    assert len(outputs) == 200 and all(path.read_text() == whole for path in outputs)


def test_a_last_line_without_its_newline_is_kept_and_appended_after(folder: Path) -> None:
    _, out = clean(folder)
    manifest = out / MANIFEST_NAME
    manifest.write_text(manifest.read_text().rstrip("\n"))  # whole JSON, newline lost
    (folder / "1.txt").write_text(article(11))
    stderr, _ = clean(folder)
    assert "cleaned 1 file(s)" in stderr and "4 unchanged" in stderr
    outputs = [json.loads(line)["output"] for line in manifest.read_text().splitlines()]
    assert sorted(outputs) == ["0.txt", "1.txt", "1.txt", "2.txt", "3.txt", "4.txt"]
    stderr, _ = clean(folder)
    assert "5 unchanged" in stderr and len(manifest.read_text().splitlines()) == 5


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_partial_resume_reports_every_input_in_order(tmp_path: Path, jobs: str) -> None:
    source = tmp_path / "in"
    source.mkdir()
    for number in range(60):
        (source / f"{number:02}.txt").write_text(article(number))
    out, report = tmp_path / "out", tmp_path / "report.jsonl"
    command = ["clean", str(source), "-o", str(out), "-j", jobs, "--report", str(report)]
    assert runner.invoke(app, command).exit_code == 0
    changed = {number for number in range(60) if number % 7 in (2, 3) or number > 56}
    for number in changed:
        (source / f"{number:02}.txt").write_text(article(number + 100))
    assert runner.invoke(app, command).exit_code == 0
    lines = [json.loads(line) for line in report.read_text().splitlines()]
    assert [Path(line["input"]).name for line in lines] == [f"{n:02}.txt" for n in range(60)]
    expected = ["ok" if n in changed else "unchanged" for n in range(60)]
    assert [line["status"] for line in lines] == expected
    assert f"day {57 + 100}" in (out / "57.txt").read_text()


def test_a_second_run_on_the_same_output_folder_is_refused_while_the_first_writes(
    tmp_path: Path,
) -> None:
    """Two runs on one folder would each rewrite the manifest under the other."""
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text("The council met on Monday. It agreed the budget.\n")
    out = tmp_path / "out"
    with Manifest.open(out):  # the first run, mid-way
        result = CliRunner().invoke(app, ["clean", str(source), "-o", str(out)])
        assert result.exit_code == 2
        assert "another cleaner run is writing into" in result.stderr
        assert not (out / "a.txt").exists()
    result = CliRunner().invoke(app, ["clean", str(source), "-o", str(out)])
    assert result.exit_code == 0 and (out / "a.txt").exists()
