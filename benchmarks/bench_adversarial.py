"""Adversarial input: time per kind at 1 MB and 2 MB (linear?), and peak memory on huge inputs.

Usage: python benchmarks/bench_adversarial.py [--mb 1] [--rounds 2] [--only WORDS] [--memory-only]

The kinds are those of ``tests/hostile.py``: repetition aimed at our rules and stages
(promo prefixes, glue points, quote runs, ...) for ``clean`` and markup for
``clean_html``. For each kind the script times cleaning ``--mb`` (bytes of UTF-8, as a
file holds it) and twice that (best of ``--rounds``) and prints the ratio: a linear
stage gives about 2, a quadratic one 4.
The reliability issue's bounds: 2 MB at most 2.2 times 1 MB, and no adversarial MB over
5 seconds. ``--only`` times the kinds whose name holds one of the given words.

Peak memory (RSS) is measured in a fresh process per input, through the command line,
for the huge and the expanding inputs next to an ordinary article.
"""

from __future__ import annotations

import argparse
import gzip
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from bench_encoding import best_time
from hostile import ADVERSARIAL_HTML, ADVERSARIAL_TEXT

from cleaner import clean, clean_html

MB = 1_000_000
MAX_RATIO = 2.2
MAX_SECONDS_PER_MB = 5.0
MIN_TIMED = 0.1
# Runs one cleaning through the command line and prints the process's peak RSS in KiB.
# VmHWM, not getrusage: Linux carries ru_maxrss over from the parent across exec.
PEAK_RSS = (
    "import sys; from cleaner.cli import main; sys.argv = ['cleaner', *sys.argv[1:]]\n"
    "try:\n    main()\nexcept SystemExit:\n    pass\n"
    "status = open('/proc/self/status').read().split('VmHWM:')[1].split()[0]\n"
    "print(status, file=sys.stderr)"
)


def timing_rows(
    size: int, rounds: int, only: list[str] | None = None
) -> list[tuple[str, str, float, float]]:
    kinds = [("text", name, make, clean) for name, make in ADVERSARIAL_TEXT.items()]
    kinds += [("html", name, make, clean_html) for name, make in ADVERSARIAL_HTML.items()]
    if only:
        kinds = [kind for kind in kinds if any(word in kind[1] for word in only)]
    rows = []
    for input_kind, name, make, function in kinds:
        one = best_time(function, [make(size)], rounds)
        two = best_time(function, [make(2 * size)], rounds)
        rows.append((input_kind, name, one, two))
        print(f"  {input_kind} {name}: {one:.2f} s, {two:.2f} s", file=sys.stderr, flush=True)
    return rows


def peak_rss_kib(path: Path, *flags: str) -> int:
    done = subprocess.run(
        [sys.executable, "-c", PEAK_RSS, "clean", str(path), *flags],
        capture_output=True,
        text=True,
        check=False,
    )
    return int(done.stderr.strip().splitlines()[-1])


def memory_rows(folder: Path) -> list[tuple[str, int, int]]:
    inputs: dict[str, tuple[Path, bytes]] = {
        "an ordinary article (5 KB)": (
            folder / "article.txt",
            ORDINARY_ARTICLE * 10,
        ),
        "one 3 MB line with no spaces": (folder / "line.txt", b"abcdefghij" * 300_000),
        "a million short lines (4 MB)": (folder / "lines.txt", b"Hi.\n" * 1_000_000),
        "a page nested 100,000 deep (1 MB)": (
            folder / "deep.html",
            _nested_page(100_000),
        ),
        "a gzip expanding to 1 GB (refused)": (folder / "bomb.txt.gz", _gzip_bomb(1000)),
    }
    rows = []
    for name, (path, data) in inputs.items():
        path.write_bytes(data)
        rows.append((name, len(data), peak_rss_kib(path, "-o", str(path.with_suffix(".out")))))
        print(f"  {name}: {rows[-1][2] / 1024:.0f} MiB", file=sys.stderr, flush=True)
    return rows


ORDINARY_ARTICLE = (
    b"The council met on Monday to vote on the new bridge over the river.\n\n"
    b"Most members said the old crossing had been closed too often in the winter floods, "
    b"and that traders in the town centre had lost business every time it was shut.\n\n"
    b"The plan was approved by eleven votes to four after a debate that lasted more than "
    b"three hours, with several residents speaking against it from the public gallery.\n\n"
    b"Work is due to start in the spring and should be finished within two years, the "
    b"council's head of transport told the meeting.\n\n"
)


def _nested_page(depth: int) -> bytes:
    return b"<div>" * depth + b"<p>The council met on Monday.</p>" + b"</div>" * depth


def _gzip_bomb(megabytes: int) -> bytes:
    return gzip.compress(b" " * MB, compresslevel=9) * megabytes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="the smaller size, in MB")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--only", nargs="+", metavar="WORD", help="kinds whose name holds a word")
    parser.add_argument("--memory-only", action="store_true")
    args = parser.parse_args(argv)
    failures = 0
    if not args.memory_only:
        size = int(args.mb * MB)
        print(f"| input | kind | {args.mb:g} MB (s) | {2 * args.mb:g} MB (s) | ratio | s per MB |")
        print("|---|---|---|---|---|---|")
        for input_kind, name, one, two in timing_rows(size, args.rounds, args.only):
            ratio, per_mb = two / max(one, 1e-9), two / (2 * args.mb)
            # Below a tenth of a second the ratio is the timer's noise, not the stage's.
            ok = (ratio <= MAX_RATIO or two < MIN_TIMED) and per_mb <= MAX_SECONDS_PER_MB
            failures += not ok
            cells = [input_kind, name, f"{one:.2f}", f"{two:.2f}", f"{ratio:.2f}", f"{per_mb:.2f}"]
            print("| " + " | ".join(cells) + ("" if ok else " ✗") + " |")
    with tempfile.TemporaryDirectory() as folder:
        print("\n| input | bytes | peak RSS |")
        print("|---|---|---|")
        for name, size, kib in memory_rows(Path(folder)):
            print(f"| {name} | {size:,} | {kib / 1024:.0f} MiB |")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
