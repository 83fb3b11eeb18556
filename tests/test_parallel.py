"""Worker processes: results in input order, the same output for any --jobs."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.manifest import MANIFEST_NAME
from cleaner.parallel import CHUNKS_PER_WORKER, ordered_map

runner = CliRunner()

# Paragraphs of different lengths, so workers finish chunks out of order.
ARTICLES = [
    f"Story {n}\nThe council met on day {n}." + " It rained." * (n % 7 * 40) + "\n"
    "Follow The Gazette on Twitter and Facebook.\nThe vote was close.\n"
    for n in range(60)
]


def square(number: int) -> int:
    return number * number


def test_results_come_back_in_input_order_from_a_generator() -> None:
    # More chunks than are ever in flight, fed by an iterator that has no length.
    count = 2 * CHUNKS_PER_WORKER * 5 * 3 + 1
    numbers = (n for n in range(count))
    assert list(ordered_map(square, numbers, jobs=2, chunk_size=5)) == [n * n for n in range(count)]


def test_a_consumer_that_stops_early_stops_the_workers() -> None:
    results = ordered_map(square, range(10_000), jobs=2, chunk_size=3)
    assert [next(results) for _ in range(4)] == [0, 1, 4, 9]
    results.close()  # must return, not wait for 10,000 items


def test_one_job_runs_in_this_process() -> None:
    seen: list[int] = []
    assert list(ordered_map(seen.append, [1, 2], jobs=1)) == [None, None]
    assert seen == [1, 2]  # a worker process would have appended to its own copy


def test_folder_output_is_the_same_for_one_and_two_jobs(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    for number, article in enumerate(ARTICLES):
        (source / f"{number:02}.txt").write_text(article)
    (source / "30-broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        result = runner.invoke(app, ["clean", str(source), "-o", str(out), "--jobs", jobs])
        assert result.exit_code == 1, result.output
        assert "30-broken.txt" in result.stderr
        outputs[jobs] = {p.name: p.read_text() for p in out.glob("*.txt")}, result.stderr
    assert outputs["1"] == outputs["2"]
    files, _ = outputs["2"]
    assert len(files) == len(ARTICLES) and "30-broken.txt" not in files
    assert "Follow The Gazette" not in files["07.txt"] and "The vote was close." in files["07.txt"]


def test_jsonl_records_keep_their_order_with_two_jobs(tmp_path: Path) -> None:
    source = tmp_path / "records.jsonl"
    lines = [json.dumps({"id": n, "text": article}) for n, article in enumerate(ARTICLES)]
    lines.insert(17, "{broken")
    source.write_text("\n".join(lines) + "\n")
    out = {}
    for jobs in ("1", "2"):
        target = tmp_path / f"out{jobs}.jsonl"
        result = runner.invoke(app, ["clean", str(source), "-o", str(target), "-j", jobs])
        assert result.exit_code == 1
        out[jobs] = target.read_text()
    assert out["1"] == out["2"]
    records = [json.loads(line) for line in out["2"].splitlines()]
    assert [r["id"] for r in records] == [*range(17), "records.jsonl:18", *range(17, 60)]
    assert records[5]["text"].startswith("The council met on day 5.")


def test_ctrl_c_stops_cleanly_and_leaves_only_whole_outputs(tmp_path: Path) -> None:
    # A real process group gets the signal, as from a terminal: parent and workers alike.
    source = tmp_path / "in"
    source.mkdir()
    body = "".join(ARTICLES[:20])  # about 20 KB per file: seconds of work in all
    for number in range(600):
        (source / f"{number:03}.txt").write_text(body)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "cleaner", "clean", str(source), "-o", str(out), "-j", "2"]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while not (out.exists() and any(out.glob("*.txt"))) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr.decode()
    assert "interrupted" in stderr.decode() and "Traceback" not in stderr.decode()
    assert not list(out.glob("*.part")) and not list(out.glob(".*.part"))
    written = sorted(out.glob("*.txt"))
    assert 0 < len(written) < 600
    whole = runner.invoke(app, ["clean", str(source / "000.txt")]).stdout
    assert all(path.read_text() == whole for path in written)
    # Every whole output is in the manifest, so a second run does not clean it again.
    recorded = {
        json.loads(line)["output"] for line in (out / MANIFEST_NAME).read_text().splitlines()
    }
    assert {path.name for path in written} <= recorded


def test_corrupt_files_mid_folder_fail_alone_then_only_a_changed_input_is_redone(
    tmp_path: Path,
) -> None:
    source = tmp_path / "in"
    source.mkdir()
    for number in range(20):
        (source / f"{number:02}.txt").write_text(ARTICLES[number])
    (source / "10.txt").unlink()
    (source / "10.txt.gz").write_bytes(b"\x1f\x8b\x08\x00 not really gzip")
    (source / "11.txt").write_bytes(b"%PDF-1.7\n\x00\x01\x02 binary")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "cleaner", "clean", str(source), "-o", str(out), "-j", "2"]
    first = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert first.returncode == 1
    assert "10.txt.gz: corrupt gzip" in first.stderr and "11.txt: binary content" in first.stderr
    assert "cleaned 18 file(s)" in first.stderr and first.stdout == ""
    assert len(list(out.glob("*.txt"))) == 18 and not (out / "11.txt").exists()

    (source / "05.txt").write_text("The library reopened on Monday after the flood.\n")
    second = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert second.returncode == 1, "the corrupt files are tried again, and fail again"
    assert "cleaned 1 file(s)" in second.stderr and "17 unchanged" in second.stderr
    assert (out / "05.txt").read_text() == "The library reopened on Monday after the flood.\n"


def worker_pid(_: int) -> int:
    time.sleep(0.05)  # long enough that an idle worker would be handed a chunk
    return os.getpid()


def test_more_jobs_than_work_forks_no_idle_workers() -> None:
    # Three items in chunks of one: three chunks, so at most three workers for 64 jobs.
    pids = set(ordered_map(worker_pid, [1, 2, 3], jobs=64, chunk_size=1))
    assert 1 <= len(pids) <= 3 and os.getpid() not in pids
    children = _children_started_by(lambda: list(ordered_map(worker_pid, [1, 2], jobs=64)))
    assert children <= 1  # two items, one chunk: one worker


def _children_started_by(work) -> int:
    """How many processes ``work`` forked, counted from the kernel's process table."""
    before = set(os.listdir("/proc"))
    seen: set[str] = set()
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            for entry in set(os.listdir("/proc")) - before:
                if entry.isdigit() and _parent_of(entry) == os.getpid():
                    seen.add(entry)
            time.sleep(0.005)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        work()
    finally:
        done.set()
        watcher.join()
    return len(seen)


def _parent_of(pid: str) -> int:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return int(stat.read().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return -1
