"""The engines against the local batch: same records, and what each costs, in one run.

Usage: python benchmarks/bench_engines.py DATA_DIR [--files 10000] [--jobs 2]

DATA_DIR is a folder in the fundus format (``scraped/<kind>/`` text). Two parts:

- **Same records.** Every scraped text of the dev set (all kinds) as one JSONL file,
  cleaned by ``cleaner clean --format jsonl`` and by each engine: ``cleaner clean
  --engine ray`` (shards concatenated, byte for byte), the Ray dataset entry point, the
  datatrove step (local executor, 2 tasks) and ``Dataset.map``; each must give the same
  ids with equal text, paragraphs and changes. Any difference fails the run (exit 1).
- **Cost.** ``--files`` text files (the scraped kinds lines, glued and text, replicated)
  cleaned by ``cleaner clean --engine ray -j N`` (a local Ray with N CPUs, started by the
  command: its start-up is in the time) against ``cleaner clean --format jsonl -j N``;
  and the same texts as JSONL records, cleaned by the Ray Data entry point
  (``read_json``, ``clean_dataset``, ``write_json`` in a fresh process) against
  ``cleaner clean records.jsonl -j N``. Wall time of each, and the ratio to local.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_batch import TEXT_KINDS, command_run, replicate

from cleaner.engines.columns import as_row

COMPARED = ("id", "text", "paragraphs", "changes")


def parse_jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.split("\n") if line]


def keyed(rows: list[dict[str, Any]]) -> dict[Any, tuple]:
    return {row["id"]: tuple(row.get(name) for name in COMPARED) for row in rows}


def dev_records(scraped: Path) -> list[dict[str, Any]]:
    return [
        {"id": f"{path.parent.name}/{path.name}", "text": path.read_text(encoding="utf-8")}
        for path in sorted(scraped.glob("*/*.txt"))
    ]


def with_ray(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    import ray

    from cleaner.engines.ray_data import clean_dataset

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    try:
        return clean_dataset(ray.data.from_items(records)).take_all()
    finally:
        ray.shutdown()


def with_datatrove(records: list[dict[str, Any]], work: Path) -> list[dict[str, Any]]:
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from cleaner.engines.datatrove_step import CleanArticles

    folder = work / "datatrove-in"
    folder.mkdir()
    for shard in range(4):
        with (folder / f"{shard}.jsonl").open("w", encoding="utf-8") as stream:
            stream.writelines(json.dumps(record) + "\n" for record in records[shard::4])
    LocalPipelineExecutor(
        pipeline=[JsonlReader(str(folder)), CleanArticles(), JsonlWriter(str(work / "dt-out"))],
        tasks=2,
        workers=2,
        logging_dir=str(work / "dt-logs"),
    ).run()
    texts = (gzip.decompress(p.read_bytes()).decode() for p in (work / "dt-out").glob("*.gz"))
    return [
        {"id": doc["id"], "text": doc["text"], **doc["metadata"]["cleaner"]}
        for doc in parse_jsonl("".join(texts))
    ]


def with_datasets(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from datasets import Dataset

    from cleaner.engines.hf_datasets import clean_dataset

    return list(clean_dataset(Dataset.from_list(records), num_proc=2))


RAY_DATA_RUN = """
import sys, time
start = time.perf_counter()
import ray
from cleaner.engines.ray_data import clean_dataset
ray.init(num_cpus=int(sys.argv[3]), include_dashboard=False, log_to_driver=False,
         logging_level="ERROR")
ray.data.DataContext.get_current().enable_progress_bars = False
clean_dataset(ray.data.read_json(sys.argv[1])).write_json(sys.argv[2])
ray.shutdown()
print(time.perf_counter() - start)
"""


def ray_data_run(records: Path, out: Path, jobs: int) -> float:
    """Wall seconds of a fresh Python reading ``records`` into a local Ray (``jobs`` CPUs),
    cleaning them with ``clean_dataset`` and writing JSONL: start-up included."""
    done = subprocess.run(
        [sys.executable, "-c", RAY_DATA_RUN, str(records), str(out), str(jobs)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout.split()[-1])


def compare(name: str, got: list[dict[str, Any]], local: dict[Any, tuple]) -> str:
    """One table row: how many records, and how many differ from the local run."""
    mine = keyed([as_row(row) for row in got])
    differ = sorted(
        str(key) for key in local.keys() | mine.keys() if local.get(key) != mine.get(key)
    )
    shown = f" (e.g. {', '.join(differ[:3])})" if differ else ""
    return f"| {name} | {len(got):,} | {len(differ)}{shown} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    scraped = args.data_dir / "scraped"
    work = Path(tempfile.mkdtemp(prefix="cleaner-engines-"))
    failed = False

    records = dev_records(scraped)
    (work / "dev.jsonl").write_text(
        "".join(json.dumps(record) + "\n" for record in records), encoding="utf-8"
    )
    command_run(["clean", str(work / "dev.jsonl"), "-o", str(work / "local.jsonl")])
    local_text = (work / "local.jsonl").read_text(encoding="utf-8")
    local = keyed([as_row(row) for row in parse_jsonl(local_text)])
    command_run(["clean", str(work / "dev.jsonl"), "--engine", "ray", "-o", str(work / "shards")])
    shards = "".join(p.read_text(encoding="utf-8") for p in sorted((work / "shards").iterdir()))
    print(f"Same records: {len(records):,} dev-set scraped texts (all kinds), one JSONL file\n")
    print("| engine | records | differing from cleaner clean --format jsonl |\n|---|---|---|")
    byte_equal = "byte-identical" if shards == local_text else "NOT byte-identical"
    failed |= shards != local_text
    print(compare(f"cleaner clean --engine ray ({byte_equal})", parse_jsonl(shards), local))
    engines: list[tuple[str, Callable[[], list[dict[str, Any]]]]] = [
        ("Ray Data, clean_dataset", lambda: with_ray(records)),
        ("datatrove, CleanArticles (local executor)", lambda: with_datatrove(records, work)),
        ("datasets, Dataset.map", lambda: with_datasets(records)),
    ]
    for name, run in engines:
        row = compare(name, run(), local)
        failed |= not row.endswith("| 0 |")
        print(row)

    text_sources = sorted(p for kind in TEXT_KINDS for p in (scraped / kind).glob("*.txt"))
    replicate(text_sources, work / "text", args.files, ".txt")
    size = sum(path.stat().st_size for path in (work / "text").iterdir()) / 1e6
    jobs = ["-j", str(args.jobs), "--no-progress"]
    local_wall, _ = command_run(
        ["clean", str(work / "text"), "--format", "jsonl", "-o", str(work / "all.jsonl"), *jobs]
    )
    ray_wall, _ = command_run(
        ["clean", str(work / "text"), "--engine", "ray", "-o", str(work / "text-shards"), *jobs]
    )
    as_records = work / "text.jsonl"
    with as_records.open("w", encoding="utf-8") as stream:
        for path in sorted((work / "text").iterdir()):
            record = {"id": path.name, "text": path.read_text(encoding="utf-8")}
            stream.write(json.dumps(record) + "\n")
    records_wall, _ = command_run(
        ["clean", str(as_records), "-o", str(work / "records-out.jsonl"), *jobs]
    )
    ray_data_wall = ray_data_run(as_records, work / "ray-data-out", args.jobs)
    print(f"\nCost: {args.files:,} text files ({size:.1f} MB), {args.jobs} workers, wall time\n")
    print("| run | seconds | files/s | MB/s | ratio |\n|---|---|---|---|---|")
    rows = (
        ("folder, local (`--format jsonl`)", local_wall, local_wall),
        ("folder, `--engine ray` (local Ray)", ray_wall, local_wall),
        ("the files as JSONL records, local", records_wall, records_wall),
        ("the same records, Ray Data `clean_dataset`", ray_data_wall, records_wall),
    )
    for name, wall, base in rows:
        print(
            f"| {name} | {wall:.1f} | {args.files / wall:.0f} | {size / wall:.2f} "
            f"| {wall / base:.2f}x local |"
        )
    shutil.rmtree(work)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
