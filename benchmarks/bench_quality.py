"""Cleaning quality on a gold benchmark: raw input, the C4 line filter and cleaner, side by side.

Usage: python benchmarks/bench_quality.py DATA_DIR [--kinds lines glued text glued_cp1252]

DATA_DIR is a gold folder in the fundus format (``<id>.gold.json`` and
``scraped/<kind>/<id>.txt``). For every input kind the script scores, in one run and with
``cleaner.evaluate`` (the measures of ``cleaner eval``):

* raw: the input's lines as they are;
* C4: the C4 line filter of Raffel et al. (2020), line rules only (below);
* cleaner: the default pipeline.

Then it checks the promo rules against the gold: no rule may cut anything from a gold
paragraph (each hit is printed, and the exit code is 1).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from cleaner import clean
from cleaner.evaluate import GoldPage, evaluate, format_table, load_gold, macro
from cleaner.rules import load_packs
from cleaner.stages.strip_promos import strip_block

# C4's line rules: keep a line that ends in terminal punctuation, has at least three
# words, no word over 1,000 characters, and none of its blocked phrases; citation marks
# are removed first. The page-level rules are not applied.
C4_ENDINGS = (".", "!", "?", '"', "\u201d", "\u2019", "'")
C4_BLOCKED = ("javascript", "lorem ipsum", "terms of use", "privacy policy", "cookie policy",
              "uses cookies", "use of cookies", "use cookies")  # fmt: skip
C4_CITATION_RE = re.compile(r"\[\d*\]|\[edit\]|\[citation needed\]", re.IGNORECASE)


def c4_line_filter(lines: list[str]) -> list[str]:
    """The lines C4 keeps.

    >>> c4_line_filter(["A real sentence here.", "Read more", "Uses cookies to track you."])
    ['A real sentence here.']
    """
    kept = []
    for line in lines:
        line = C4_CITATION_RE.sub("", line).strip()
        words = line.split()
        lowered = line.lower()
        if (
            line.endswith(C4_ENDINGS)
            and len(words) >= 3
            and max(len(w) for w in words) <= 1000
            and "{" not in line
            and not any(phrase in lowered for phrase in C4_BLOCKED)
        ):
            kept.append(line)
    return kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--kinds", nargs="+", default=["lines", "glued", "text", "glued_cp1252"])
    args = parser.parse_args(argv)
    pages = load_gold(args.data_dir)
    table = []
    for kind in args.kinds:
        folder = args.data_dir / "scraped" / kind
        if not folder.is_dir():
            print(f"no folder {folder}", file=sys.stderr)
            return 2

        def read_lines(page: GoldPage, folder: Path = folder) -> list[str]:
            text = (folder / f"{page.id}.txt").read_text(encoding="utf-8")
            return [line.strip() for line in text.splitlines() if line.strip()]

        systems = {
            "raw": read_lines,
            "C4": lambda page, read=read_lines: c4_line_filter(read(page)),
            "cleaner": lambda page, folder=folder: (
                clean((folder / f"{page.id}.txt").read_text(encoding="utf-8")).paragraphs
            ),
        }
        for name, outputs in systems.items():
            table.append((f"{kind:<13} {name}", macro(evaluate(pages, outputs))))
    print(format_table(table))
    hits = rule_hits_on_gold(pages)
    for page_id, rule_id, text in hits:
        print(f"rule {rule_id} cuts gold text on {page_id}: {text[:100]!r}")
    paragraphs = sum(len(page.paragraphs) for page in pages)
    print(f"\npromo rule hits on {paragraphs:,} gold paragraphs: {len(hits)}")
    return 1 if hits else 0


def rule_hits_on_gold(pages: list[GoldPage]) -> list[tuple[str, str, str]]:
    """Every cut the default promo rules would make in a gold paragraph: a false positive."""
    rules = load_packs(("promos",))
    return [
        (page.id, rule.id, paragraph[start:end])
        for page in pages
        for paragraph in page.paragraphs
        for rule, start, end in strip_block(paragraph, rules)[1]
    ]


if __name__ == "__main__":
    sys.exit(main())
