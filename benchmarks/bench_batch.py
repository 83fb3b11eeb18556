"""Batch throughput and memory: cleaner against its baselines, in one run.

Usage: python benchmarks/bench_batch.py DATA_DIR [--files 10000] [--sample 1000]
                                                  [--html-sample 300] [--jsonl-mb 50]

DATA_DIR is a folder in the fundus format (``<id>.html.gz`` pages and ``scraped/<kind>/``
text). The corpora are the dev set replicated (names made unique) into a temporary
folder: *text* from the scraped kinds lines, glued and text; *mojibake* from
glued_cp1252; *html* from the pages. Every ratio compares two measurements taken in
this run on the same files (the one-worker ratios take the best of ``--rounds``
alternating runs of each, as timeit does):

- one worker, text and mojibake: ``cleaner`` (read, decode, the default pipeline, write
  the output) against reading each file and calling ``ftfy.fix_text`` with its defaults;
  on text also with no stage and with the skeleton stages only (``SKELETON_STAGES``),
  which show what share of ftfy's time the boilerplate stages have left;
- one worker, html: ``clean_html`` against ``trafilatura.extract`` called with the options
  cleaner passes (XML output, no metadata), both given the page bytes decoded;
- ``cleaner clean --jobs 2`` against ``--jobs 1`` on all ``--files`` text files (wall time
  of the real command);
- peak memory (max RSS of the command) at ``--files`` against a tenth of them, and for a
  JSONL stream of ``--jsonl-mb`` MB against one a tenth the size.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import ftfy
import trafilatura

from cleaner import clean_html
from cleaner.batch import clean_to_folder
from cleaner.extract import EXTRACT_OPTIONS
from cleaner.outcomes import Summary
from cleaner.pipeline import DEFAULT_STAGES, Stage, stage_name
from cleaner.sources import Source, decode_html
from cleaner.tasks import BatchOptions

TEXT_KINDS = ("lines", "glued", "text")
# The stages no cleaning can do without: encoding repair, paragraphs, the tidy. With them
# alone, and with no stage at all (reading, writing and the batch's bookkeeping), the text
# corpus shows how much of ftfy's time is left for the boilerplate stages.
SKELETON_STAGES = tuple(
    stage
    for stage in DEFAULT_STAGES
    if stage_name(stage) in ("fix_encoding", "split_paragraphs", "tidy")
)


def replicate(sources: list[Path], folder: Path, count: int, suffix: str) -> list[Path]:
    """``count`` files in ``folder`` cycling through ``sources`` (hard links when possible)."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for number, source in zip(range(count), itertools.cycle(sources), strict=False):
        target = folder / f"{number:05}_{source.name.split('.')[0]}{suffix}"
        try:
            target.hardlink_to(source)
        except OSError:
            shutil.copyfile(source, target)
        made.append(target)
    return made


def seconds(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def best_of(rounds: int, *works: Callable[[], object]) -> list[float]:
    """The shortest time of each work over ``rounds`` alternating runs, as timeit takes
    it: other load on the machine only ever adds time, and alternating spreads it evenly."""
    times = [[seconds(work) for work in works] for _ in range(rounds)]
    return [min(column) for column in zip(*times, strict=True)]


def ftfy_files(paths: Iterable[Path]) -> None:
    for path in paths:
        ftfy.fix_text(path.read_bytes().decode("utf-8"))


def extract_xml(page: str) -> str | None:
    """trafilatura as cleaner calls it: XML output, cleaner's options, no metadata."""
    return trafilatura.extract(page, output_format="xml", **EXTRACT_OPTIONS)


def cleaner_files(paths: list[Path], out: Path, stages: tuple[Stage, ...] | None = None) -> None:
    sources = [Source(path, Path(path.name), "text") for path in paths]
    clean_to_folder(sources, out, BatchOptions(resume=False, stages=stages), Summary())


def command_run(arguments: list[str], stdin: Path | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (MB, the largest process) of a `cleaner` command."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "stdin = open(sys.argv[1], 'rb') if sys.argv[1] else None\n"
        "code = subprocess.run(sys.argv[2:], stdin=stdin, stdout=subprocess.DEVNULL,"
        " stderr=subprocess.DEVNULL).returncode\n"
        "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)"
        ".ru_maxrss, code)\n"
    )
    command = [sys.executable, "-m", "cleaner", *arguments]
    done = subprocess.run(
        [sys.executable, "-c", probe, str(stdin or ""), *command],
        capture_output=True,
        text=True,
        check=True,
    )
    wall, rss_kb, code = done.stdout.split()
    if int(code) not in (0, 1):
        raise SystemExit(f"{' '.join(arguments)} exited {code}")
    return float(wall), int(rss_kb) // 1024


def jsonl_file(texts: list[Path], target: Path, megabytes: int) -> Path:
    with target.open("w", encoding="utf-8") as out:
        for number, path in enumerate(itertools.cycle(texts)):
            if out.tell() >= megabytes * 1_000_000:
                break
            out.write(json.dumps({"id": number, "text": path.read_text(encoding="utf-8")}) + "\n")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--sample", type=int, default=1_000, help="files for one-worker MB/s")
    parser.add_argument("--html-sample", type=int, default=300, help="pages for the html ratio")
    parser.add_argument(
        "--rounds", type=int, default=3, help="alternating runs for a one-worker ratio (best kept)"
    )
    parser.add_argument("--jsonl-mb", type=int, default=50)
    parser.add_argument("--workdir", type=Path, help="keep the corpora here (default: a temp dir)")
    args = parser.parse_args(argv)
    scraped = args.data_dir / "scraped"
    work = args.workdir or Path(tempfile.mkdtemp(prefix="cleaner-bench-"))
    rows: list[tuple[str, str, str, str]] = []

    text_sources = sorted(p for kind in TEXT_KINDS for p in (scraped / kind).glob("*.txt"))
    text = replicate(text_sources, work / "text", args.files, ".txt")
    cp1252 = sorted((scraped / "glued_cp1252").glob("*.txt"))
    mojibake = replicate(cp1252, work / "moji", args.sample, ".txt")
    html_sources = sorted(args.data_dir.glob("*.html.gz"))
    pages = replicate(html_sources, work / "html", args.html_sample, ".html.gz")

    for name, corpus in (("text", text[: args.sample]), ("mojibake", mojibake)):
        size = sum(path.stat().st_size for path in corpus) / 1e6
        out = work / f"out-{name}"
        floors = (
            ("no stage (read, write, bookkeeping)", ()),
            ("skeleton stages only (encoding, paragraphs, tidy)", SKELETON_STAGES),
        )
        partial = floors if name == "text" else ()
        base, ours, *parts = best_of(
            args.rounds,
            lambda corpus=corpus: ftfy_files(corpus),
            lambda corpus=corpus, out=out: cleaner_files(corpus, out),
            *(
                lambda corpus=corpus, out=out, stages=stages: cleaner_files(corpus, out, stages)
                for _, stages in partial
            ),
        )
        label = f"{name}, 1 worker, {len(corpus):,} files"
        rows.append(
            (
                label,
                f"ftfy.fix_text {size / base:.2f} MB/s",
                f"cleaner {size / ours:.2f} MB/s",
                f"{base / ours:.2f}x ftfy's throughput",
            )
        )
        for (what, _), took in zip(partial, parts, strict=True):
            rows.append(
                (
                    f"{label}, {what}",
                    f"ftfy.fix_text {size / base:.2f} MB/s",
                    f"cleaner {size / took:.2f} MB/s",
                    f"{base / took:.2f}x ftfy's throughput",
                )
            )

    raw = [gzip.decompress(path.read_bytes()) for path in pages]
    decoded = [decode_html(page).text for page in raw]
    base, ours = best_of(
        args.rounds,
        lambda: [extract_xml(page) for page in decoded],
        lambda: [clean_html(page) for page in raw],
    )
    rows.append(
        (
            f"html, 1 worker, {len(raw):,} pages",
            f"trafilatura.extract {len(raw) / base:.1f} pages/s",
            f"cleaner {len(raw) / ours:.1f} pages/s",
            f"{ours / base:.2f}x trafilatura's time",
        )
    )

    size = sum(path.stat().st_size for path in text) / 1e6
    folder_run = ["--force", "--no-progress", "-o"]
    one, rss_one = command_run(
        ["clean", str(work / "text"), "-j", "1", *folder_run, str(work / "o1")]
    )
    two, _ = command_run(["clean", str(work / "text"), "-j", "2", *folder_run, str(work / "o2")])
    rows.append(
        (
            f"text, {len(text):,} files, whole command",
            f"--jobs 1 {size / one:.2f} MB/s, {len(text) / one:.0f} files/s",
            f"--jobs 2 {size / two:.2f} MB/s, {len(text) / two:.0f} files/s",
            f"{one / two:.2f}x",
        )
    )

    tenth = work / "text-tenth"
    replicate(text_sources, tenth, args.files // 10, ".txt")
    _, rss_tenth = command_run(["clean", str(tenth), "-j", "1", *folder_run, str(work / "o3")])
    rows.append(
        (
            "peak RSS, --jobs 1",
            f"{args.files // 10:,} files {rss_tenth} MB",
            f"{len(text):,} files {rss_one} MB",
            f"{rss_one / rss_tenth:.2f}x",
        )
    )

    small = jsonl_file(text_sources, work / "small.jsonl", max(1, args.jsonl_mb // 10))
    big = jsonl_file(text_sources, work / "big.jsonl", args.jsonl_mb)
    stream = ["clean", "-", "--input-format", "jsonl", "-j", "2", "--no-progress"]
    _, rss_small = command_run(stream, stdin=small)
    wall, rss_big = command_run(stream, stdin=big)
    small_mb, big_mb = small.stat().st_size / 1e6, big.stat().st_size / 1e6
    rows.append(
        (
            "peak RSS, JSONL stdin to stdout, --jobs 2",
            f"{small_mb:.0f} MB {rss_small} MB",
            f"{big_mb:.0f} MB {rss_big} MB ({big_mb / wall:.2f} MB/s)",
            f"{rss_big / rss_small:.2f}x",
        )
    )

    print("| measure | baseline | cleaner | ratio |\n|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    if not args.workdir:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
