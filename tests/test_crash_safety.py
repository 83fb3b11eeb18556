"""A batch killed with SIGKILL at random moments, then resumed, ends byte-identical to
one that ran through, and no file under a final name is ever partial.

Real subprocesses, killed with their whole process group (the workers too), as a
power cut or an out-of-memory kill would.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from cleaner.manifest import MANIFEST_NAME
from cleaner.outputs import PART_NAME_RE, remove_stale_parts

KILLS = 4


def article(number: int) -> str:
    lines = [
        f"The council met on day {number} to vote on bridge number {number}.",
        "Follow The Gazette on Twitter and Facebook.",
        f"The vote was {number % 17} to 3, the clerk said.Residents cheered.",
    ]
    return "\n".join(lines * (100 + number % 30)) + "\n"


def make_inputs(folder: Path) -> None:
    for number in range(160):
        sub = folder / f"part{number % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{number:03}.txt").write_text(article(number), encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")


def command(source: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "cleaner", "clean", str(source), "-o", str(out), "-j", "2"]


def outputs(out: Path) -> dict[str, bytes]:
    """Every file under its final name (hidden temporaries and the manifest aside)."""
    return {
        path.relative_to(out).as_posix(): path.read_bytes()
        for path in out.rglob("*")
        if path.is_file() and not path.name.startswith(".")
    }


def test_killed_and_resumed_runs_end_identical_to_one_uninterrupted(tmp_path: Path) -> None:
    source = tmp_path / "in"
    make_inputs(source)
    snapshot = {path: path.read_bytes() for path in source.rglob("*") if path.is_file()}

    started = time.monotonic()
    reference = subprocess.run(
        command(source, tmp_path / "reference"), capture_output=True, timeout=300
    )
    duration = time.monotonic() - started
    assert reference.returncode == 1, reference.stderr  # broken.txt fails, the rest goes on
    expected = outputs(tmp_path / "reference")
    assert len(expected) == 160

    out = tmp_path / "out"
    chance = random.Random(20261126)
    finished: list[int] = []
    for _ in range(KILLS):
        process = subprocess.Popen(
            command(source, out),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(chance.uniform(0.15, 0.8) * duration)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        found = outputs(out)
        finished.append(len(found))
        for name, data in found.items():
            assert data == expected[name], f"{name} is partial or wrong after a kill"
    assert any(0 < count < len(expected) for count in finished), "a kill landed mid-run"

    resumed = subprocess.run(command(source, out), capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 1, resumed.stderr
    assert outputs(out) == expected
    assert not [path for path in out.rglob("*.part")], "unfinished temporaries are swept"
    assert (out / MANIFEST_NAME).is_file()
    assert {path: path.read_bytes() for path in source.rglob("*") if path.is_file()} == snapshot


def test_stale_temporaries_are_recognised_by_name_only(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    stale = [tmp_path / ".x.txt.k3j_9abc.part", tmp_path / "a" / ".y z.txt.abcdefgh.part"]
    kept = [tmp_path / "x.txt", tmp_path / ".notes.part", tmp_path / "a" / "y.part"]
    for path in stale + kept:
        path.write_text("partial")
    assert PART_NAME_RE.fullmatch(stale[0].name)
    assert remove_stale_parts(tmp_path, "y.txt") == 0
    assert remove_stale_parts(tmp_path, "x.txt") == 1
    assert remove_stale_parts(tmp_path) == 1
    assert [path.exists() for path in stale + kept] == [False, False, True, True, True]


def manifest_names(out: Path) -> dict[str, str]:
    """The outputs the folder's manifest names, each with the file it describes
    ("size:mtime_ns"); a torn last line (a kill mid-append) names none."""
    named: dict[str, str] = {}
    path = out / MANIFEST_NAME
    for line in path.read_text(encoding="utf-8").splitlines() if path.exists() else []:
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue
        named[entry["output"]] = entry.get("written")
    return named


def on_disk(out: Path) -> dict[str, str]:
    """Every output under its final name, with its size and time of change."""
    return {
        path.relative_to(out).as_posix(): f"{path.stat().st_size}:{path.stat().st_mtime_ns}"
        for path in out.rglob("*.txt")
        if not path.name.startswith(".")
    }


def test_bookkeeping_is_in_step_with_the_outputs_whenever_a_run_stops(tmp_path: Path) -> None:
    """Runs stopped at random moments by SIGINT or SIGKILL: every output on disk has its
    manifest line (naming that very file), an interrupted run's report holds every
    output it wrote, and the rerun cleans none of the finished inputs again."""
    source = tmp_path / "in"
    make_inputs(source)
    started = time.monotonic()
    subprocess.run(command(source, tmp_path / "reference"), capture_output=True, timeout=300)
    duration = time.monotonic() - started
    expected = outputs(tmp_path / "reference")
    assert len(expected) == 160

    out = tmp_path / "out"
    chance = random.Random(20261205)
    stops = [signal.SIGINT, signal.SIGKILL, signal.SIGINT]
    counts: list[int] = []
    for round_number, stop in enumerate(stops):
        before = on_disk(out) if out.exists() else {}
        report = tmp_path / f"report-{round_number}.jsonl"
        process = subprocess.Popen(
            [*command(source, out), "--report", str(report)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(chance.uniform(0.3, 0.6) * duration)
        os.killpg(process.pid, stop)
        process.wait(timeout=60)
        after = on_disk(out)
        named = manifest_names(out)
        for name, written in after.items():
            assert named.get(name) == written, f"{name} is on disk but not in the manifest"
        if stop == signal.SIGINT:
            # (Exit 1: the run ended before the signal, with broken.txt failed.)
            assert process.returncode in (130, 1)
            # (Stopped before it opened its report, a run has written nothing.)
            lines = report.read_text(encoding="utf-8").splitlines() if report.exists() else []
            reported = {
                Path(record["output"]).relative_to(out).as_posix()
                for record in map(json.loads, lines)
                if record["output"]
            }
            assert set(after) - set(before) <= reported, "an output landed unreported"
            assert reported <= set(after)
        counts.append(len(after))
    finished = counts[-1]
    assert any(0 < count < len(expected) for count in counts), f"no stop landed mid-run: {counts}"

    resumed = subprocess.run(command(source, out), capture_output=True, text=True, timeout=300)
    assert f"cleaned {len(expected) - finished} file(s)" in resumed.stderr, resumed.stderr
    assert f" {finished} unchanged since the last run" in resumed.stderr
    assert outputs(out) == expected
