"""Throughput of the fix_encoding stage against ftfy.fix_text on everything, in one run.

Usage: python benchmarks/bench_encoding.py DATA_DIR [--kinds glued glued_cp1252] [--rounds 5]

DATA_DIR is a benchmark folder with ``scraped/<kind>/*.txt`` (the fundus dev set). For each
kind the script times, over the same texts and in the same process:

* ``ftfy.fix_text`` with the stage's own settings, on every line (the reference output);
* ``ftfy.fix_text`` with ftfy's defaults (what a user calling ftfy plainly pays);
* the ``fix_encoding`` stage (signature check, ftfy only where needed);

and checks that the stage's output equals the reference for every file. Times are the
best of ``--rounds`` passes; the ratios are what to compare across machines.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import ftfy

from cleaner import Config, Document
from cleaner.stages.fix_encoding import fix_encoding
from cleaner.text.encoding import STRAY_FORMAT_CHARS, ftfy_config, needs_repair

LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029]")


def best_time(function: Callable[[str], object], texts: list[str], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for text in texts:
            function(text)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--kinds", nargs="+", default=["glued", "glued_cp1252"])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)

    config = Config()
    reference_config = ftfy_config(config.encoding)._replace(explain=False)

    def reference(text: str) -> str:
        return ftfy.fix_text(LINE_BREAKS.sub("\n", text), reference_config).translate(
            STRAY_FORMAT_CHARS
        )

    def stage(text: str) -> str:
        return fix_encoding(Document.from_text(text), config).blocks[0].text

    print(
        f"{'kind':<14} {'files':>5} {'MB':>6} {'ftfy/ours':>10} {'ftfy/dflt':>10} "
        f"{'stage':>10} {'speed-up':>8} {'to ftfy':>8} {'equal':>6}"
    )
    failed = False
    for kind in args.kinds:
        files = sorted((args.data_dir / "scraped" / kind).glob("*.txt"))
        if not files:
            print(f"no files in {args.data_dir / 'scraped' / kind}", file=sys.stderr)
            return 2
        texts = [f.read_text(encoding="utf-8") for f in files]
        megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        lines = [line for t in texts for line in LINE_BREAKS.sub("\n", t).split("\n")]
        to_ftfy = sum(needs_repair(line, config.encoding) for line in lines) / len(lines)
        unequal = [f.name for f, t in zip(files, texts, strict=True) if stage(t) != reference(t)]
        t_reference = best_time(reference, texts, args.rounds)
        t_default = best_time(ftfy.fix_text, texts, args.rounds)
        t_stage = best_time(stage, texts, args.rounds)
        print(
            f"{kind:<14} {len(files):>5} {megabytes:>6.2f} {megabytes / t_reference:>7.2f}MB/s"
            f" {megabytes / t_default:>7.2f}MB/s {megabytes / t_stage:>7.2f}MB/s"
            f" {t_reference / t_stage:>7.1f}x {to_ftfy:>7.1%} {not unequal!s:>6}"
        )
        for name in unequal:
            print(f"  output differs from ftfy on everything: {name}")
        failed |= bool(unequal)
    print(
        "(to ftfy: share of lines the signature check sends to ftfy; equal: stage output"
        " == ftfy.fix_text on everything, with the stage's settings, for every file)"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
