"""Start-up: how long `cleaner --help` and a one-line clean take, beside a bare Python.

Usage: python benchmarks/bench_startup.py [--runs 15]

Each command is run ``--runs`` times in a fresh process; the median wall time is shown,
and its ratio to ``python -c pass`` measured in the same run (the interpreter's own
start-up, which no change to cleaner can remove). The first run of each is discarded:
it pays for the file system cache.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "cleaner --help": [sys.executable, "-m", "cleaner", "--help"],
    "cleaner --version": [sys.executable, "-m", "cleaner", "--version"],
    "cleaner clean - (one line)": [sys.executable, "-m", "cleaner", "clean", "-"],
}
ONE_LINE = b"The council met on Monday night to vote on the bridge.\n"


def median_seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        subprocess.run(command, input=ONE_LINE, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times[1:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    results = {name: median_seconds(command, args.runs) for name, command in COMMANDS.items()}
    baseline = results["python -c pass"]
    print(f"{'command':32} {'median ms':>10} {'x python':>9}")
    for name, seconds in results.items():
        print(f"{name:32} {seconds * 1000:10.0f} {seconds / baseline:9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
