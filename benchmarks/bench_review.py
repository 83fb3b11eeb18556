"""The review page of a big run: its size, the time to make it, and Chromium's time to render it.

Usage: python benchmarks/bench_review.py INPUT_DIR [--files 10000] [--browser chromium]

INPUT_DIR is a folder of scraped texts (e.g. a fundus gold folder's ``scraped/glued``). It
is cleaned once with ``--report-changes``; its report lines are repeated until the report
holds ``--files`` inputs (each line still names a real file, so the page can read the
inputs again), and the page of that report is made with the default limits. Then headless
Chromium loads the page, runs its script and dumps the DOM, timed from the command's start
(best of ``--rounds``); the same with an empty page gives the browser's own start-up cost.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cleaner.review import write_review

QUIET = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking")


def dump_seconds(browser: str, page: Path, rounds: int) -> float:
    """The best time of a headless Chromium that loads ``page`` and dumps its DOM."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(
            [browser, *QUIET, "--dump-dom", page.resolve().as_uri()],
            capture_output=True,
            check=True,
            timeout=300,
        )
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input_dir", type=Path)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--browser", default=shutil.which("chromium") or "chromium")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        one_run = folder / "run.jsonl"
        subprocess.run(
            [sys.executable, "-m", "cleaner", "clean", str(args.input_dir), "-o",
             str(folder / "out"), "--report", str(one_run), "--report-changes"],
            check=True,
            capture_output=True,
        )  # fmt: skip
        lines = [line for line in one_run.read_text(encoding="utf-8").splitlines() if line]
        report = folder / "report.jsonl"
        with report.open("w", encoding="utf-8") as stream:
            for line in itertools.islice(itertools.cycle(lines), args.files):
                stream.write(line + "\n")
        page = folder / "review.html"
        start = time.perf_counter()
        review = write_review(report, page)
        made = time.perf_counter() - start
        empty = folder / "empty.html"
        empty.write_text("<!doctype html><title>empty</title><p>empty</p>\n", encoding="utf-8")
        baseline = dump_seconds(args.browser, empty, args.rounds)
        rendered = dump_seconds(args.browser, page, args.rounds)
        print(
            f"report: {review.file_count:,} inputs, {report.stat().st_size / 1e6:.1f} MB;"
            f" page: {page.stat().st_size / 1e6:.2f} MB, {len(review.in_full)} files in full,"
            f" {len(review.rules)} rules, made in {made:.1f} s"
        )
        print(
            f"chromium --dump-dom: {rendered:.2f} s (an empty page: {baseline:.2f} s;"
            f" the page's own share: {rendered - baseline:.2f} s)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
