"""HTML pages: trafilatura alone, trafilatura + the C4 line filter, and cleaner, in one run.

Usage: python benchmarks/bench_html.py DATA_DIR [--rounds 3]

DATA_DIR is a gold folder in the fundus format (``<id>.gold.json`` and ``<id>.html.gz``).
Quality is scored with ``cleaner.evaluate`` (the measures of ``cleaner eval``). Cost is
the time per page of bare ``trafilatura.extract`` (its defaults, text output) and of
``cleaner.clean_html`` (decoding, extraction, the text stages), best of ``--rounds``.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

import trafilatura
from bench_encoding import best_time
from bench_quality import c4_line_filter

from cleaner import clean_html
from cleaner.evaluate import GoldPage, evaluate, format_table, load_gold, macro


def trafilatura_lines(html: str) -> list[str]:
    """trafilatura with its defaults, one output line per paragraph."""
    text = trafilatura.extract(html) or ""
    return [line.strip() for line in text.splitlines() if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    gold = load_gold(args.data_dir)
    raw = {g.id: gzip.decompress((args.data_dir / f"{g.id}.html.gz").read_bytes()) for g in gold}
    html = {page_id: data.decode("utf-8") for page_id, data in raw.items()}

    def cleaner_lines(page: GoldPage) -> list[str]:
        return clean_html(raw[page.id]).paragraphs

    systems = {
        "trafilatura (defaults)": lambda page: trafilatura_lines(html[page.id]),
        "trafilatura + C4": lambda page: c4_line_filter(trafilatura_lines(html[page.id])),
        "cleaner": cleaner_lines,
    }
    print(format_table([(name, macro(evaluate(gold, run))) for name, run in systems.items()]))

    pages = list(html.values())
    bare = best_time(trafilatura.extract, pages, args.rounds) / len(pages)
    ours = best_time(lambda page: clean_html(page), pages, args.rounds) / len(pages)
    print(
        f"\nper page: trafilatura.extract {1000 * bare:.1f} ms, cleaner.clean_html "
        f"{1000 * ours:.1f} ms ({ours / bare:.2f}x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
