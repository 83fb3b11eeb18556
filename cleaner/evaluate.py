"""Score cleaned paragraphs against gold paragraphs: the measures behind `cleaner eval`.

The gold format is the fundus benchmark's (``<id>.gold.json`` with ``paragraphs``,
``kinds`` and ``title``; scraped inputs in ``scraped/<kind>/<id>.txt``). The measures,
per page and then averaged over pages:

* token precision / recall / F1: bags of ``\\w+`` tokens after normalising (NFKC, curly
  quotes made straight, spaces collapsed); ``sh4_F1`` the same over 4-token shingles;
* paragraph precision / recall: output lines that equal a gold paragraph exactly (each
  gold paragraph matched once);
* junk: output lines that match no gold paragraph and whose tokens are mostly not in the
  gold text (under half covered by gold 3-grams; short lines by gold 1- and 2-grams);
* merged: gold paragraphs that share an output line with another gold paragraph;
* dirty: mostly-gold lines that also carry a run of four or more tokens not in the gold;
* lines: output lines per page.

Output lines equal to the gold title are left out (a cleaner may keep the title), and
so are lines of genuine article text the gold leaves out (a gold file's ``optional``
list): a line mostly made of such text and not of gold text is neither junk nor asked for.

What a cleaner lost is told by :func:`gold_tokens_removed`: each page's missing gold
tokens charged to the recorded changes that removed them, so a rule that costs real text
shows up by name.
"""

from __future__ import annotations

import json
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TOKEN_RE = re.compile(r"\w+")
SPACE_RE = re.compile(r"\s+")
STRAIGHT_QUOTES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
        "`": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
    }
)  # fmt: skip
METRICS = ("tok_P", "tok_R", "tok_F1", "sh4_F1", "par_P", "par_R", "junk", "merged", "dirty",
           "lines")  # fmt: skip
PERCENT_METRICS = METRICS[:6]
# A line holds a gold paragraph "side by side" with another when it carries a run of this
# many of the paragraph's tokens (or all of a shorter paragraph).
MERGE_RUN = 8
DIRTY_RUN = 4
# Gold tokens missing from the output that no recorded change removed.
NOT_REMOVED = "(no change: not extracted, or not in the input)"


class GoldError(ValueError):
    """A gold folder that cannot be read; the message names the file."""


@dataclass(frozen=True)
class GoldPage:
    id: str
    publisher: str
    country: str
    title: str
    paragraphs: tuple[str, ...]
    kinds: tuple[str, ...]
    optional: tuple[str, ...] = ()

    def gold(self, exclude_kinds: Iterable[str] = ()) -> list[str]:
        excluded = set(exclude_kinds)
        return [p for p, k in zip(self.paragraphs, self.kinds, strict=True) if k not in excluded]


def norm(text: str) -> str:
    """Normalise for comparison: NFKC, straight quotes, one space.

    >>> norm("  “Hello”\\u00a0 world ")
    '"Hello" world'
    """
    text = unicodedata.normalize("NFKC", text).translate(STRAIGHT_QUOTES)
    return SPACE_RE.sub(" ", text).strip()


def tokens(text: str) -> list[str]:
    return TOKEN_RE.findall(norm(text))


def load_gold(gold_dir: Path) -> list[GoldPage]:
    """Read every ``*.gold.json`` in a folder, in name order."""
    pages = []
    for path in sorted(Path(gold_dir).glob("*.gold.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            paragraphs = tuple(data["paragraphs"])
            kinds = tuple(data.get("kinds") or ["paragraph"] * len(paragraphs))
            pages.append(
                GoldPage(
                    id=data["id"], publisher=data.get("publisher", ""),
                    country=data.get("country", ""), title=data.get("title", ""),
                    paragraphs=paragraphs, kinds=kinds,
                    optional=tuple(data.get("optional") or ()),
                )
            )  # fmt: skip
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise GoldError(f"{path}: not a gold file: {error}") from error
    if not pages:
        raise GoldError(f"{gold_dir}: no *.gold.json files")
    return pages


def _prf(hits: int, predicted: int, expected: int) -> tuple[float, float, float]:
    if predicted == 0 and expected == 0:
        return 1.0, 1.0, 1.0
    precision = hits / predicted if predicted else 0.0
    recall = hits / expected if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _bag_prf(expected: list, predicted: list) -> tuple[float, float, float]:
    hits = sum((Counter(expected) & Counter(predicted)).values())
    return _prf(hits, len(predicted), len(expected))


def _shingles(toks: list[str], size: int = 4) -> list[tuple[str, ...]]:
    if len(toks) < size:
        return [tuple(toks)] if toks else []
    return [tuple(toks[i : i + size]) for i in range(len(toks) - size + 1)]


def _longest_run(positions: set[int]) -> tuple[int, int]:
    best, start, previous = (0, 0), -2, -2
    for position in sorted(positions):
        if position != previous + 1:
            start = position
        previous = position
        if position + 1 - start > best[1] - best[0]:
            best = (start, position + 1)
    return best


def score_page(
    gold: Sequence[str], title: str, output: Sequence[str], optional: Sequence[str] = ()
) -> dict[str, float]:
    """Score one page's output lines against its gold paragraphs.

    >>> gold = ["One two three four.", "Five six seven."]
    >>> s = score_page(gold, "Title", ["One two three four.", "Ads"])
    >>> s["par_P"], s["par_R"], s["junk"]
    (0.5, 0.5, 1)
    >>> score_page(gold, "", [*gold, "A transcript the gold leaves out."],
    ...            optional=["A transcript the gold leaves out."])["junk"]
    0
    """
    title_key = norm(title) if title else None
    lines = [line for line in output if norm(line) and norm(line) != title_key]
    lines = _without_optional(lines, gold, optional)
    gold_token_paragraphs = [tokens(p) for p in gold]
    gold_tokens = [t for paragraph in gold_token_paragraphs for t in paragraph]
    line_tokens = [tokens(line) for line in lines]
    out_tokens = [t for toks in line_tokens for t in toks]
    tok_p, tok_r, tok_f = _bag_prf(gold_tokens, out_tokens)
    _, _, shingle_f = _bag_prf(_shingles(gold_tokens), _shingles(out_tokens))

    remaining = Counter(norm(p) for p in gold)
    exact = []
    for line in lines:
        key = norm(line)
        exact.append(remaining[key] > 0)
        if exact[-1]:
            remaining[key] -= 1
    hits = sum(exact)
    par_p = hits / len(lines) if lines else (1.0 if not gold else 0.0)
    par_r = hits / len(gold) if gold else 1.0

    owners: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for index, paragraph in enumerate(gold_token_paragraphs):
        for i in range(len(paragraph) - 2):
            owners[tuple(paragraph[i : i + 3])].add(index)
    short_grams = {
        tuple(gold_tokens[i : i + n]) for n in (1, 2) for i in range(len(gold_tokens) - n + 1)
    }
    junk = dirty = 0
    merged: set[str] = set()
    for toks, is_exact in zip(line_tokens, exact, strict=True):
        if is_exact:
            continue
        if len(toks) < 3:
            junk += not toks or tuple(toks) not in short_grams
            continue
        covered = [False] * len(toks)
        per_paragraph: dict[int, set[int]] = defaultdict(set)
        for i in range(len(toks) - 2):
            for owner in owners.get(tuple(toks[i : i + 3]), ()):
                per_paragraph[owner].update((i, i + 1, i + 2))
            if tuple(toks[i : i + 3]) in owners:
                covered[i] = covered[i + 1] = covered[i + 2] = True
        if sum(covered) / len(toks) < 0.5:
            junk += 1
            continue
        merged |= _side_by_side(per_paragraph, gold, gold_token_paragraphs)
        run = longest = 0
        for is_covered in covered:
            run = 0 if is_covered else run + 1
            longest = max(longest, run)
        dirty += longest >= DIRTY_RUN
    return {
        "tok_P": tok_p, "tok_R": tok_r, "tok_F1": tok_f, "sh4_F1": shingle_f,
        "par_P": par_p, "par_R": par_r, "junk": junk, "merged": len(merged), "dirty": dirty,
        "lines": len(lines),
    }  # fmt: skip


def _gold_grams(paragraphs: Sequence[str]) -> tuple[set[tuple[str, ...]], set[tuple[str, ...]]]:
    """The 3-grams of each paragraph, and the 1- and 2-grams of the whole text."""
    toks = [tokens(p) for p in paragraphs]
    trigrams = {tuple(t[i : i + 3]) for t in toks for i in range(len(t) - 2)}
    flat = [t for paragraph in toks for t in paragraph]
    short = {tuple(flat[i : i + n]) for n in (1, 2) for i in range(len(flat) - n + 1)}
    return trigrams, short


def _covered(toks: Sequence[str], trigrams: set, short: set) -> list[bool]:
    """Which of ``toks`` lie in a gold 3-gram (in a 1- or 2-gram when there are fewer)."""
    if len(toks) < 3:
        return [tuple(toks) in short] * len(toks)
    covered = [False] * len(toks)
    for i in range(len(toks) - 2):
        if tuple(toks[i : i + 3]) in trigrams:
            covered[i] = covered[i + 1] = covered[i + 2] = True
    return covered


def _share(flags: list[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


def _without_optional(
    lines: Sequence[str], gold: Sequence[str], optional: Sequence[str]
) -> list[str]:
    """Lines mostly made of optional text (genuine, left out of the gold) and not of gold."""
    if not optional:
        return list(lines)
    optional_grams, gold_grams = _gold_grams(optional), _gold_grams(gold)
    exact = {norm(p) for p in gold}
    kept = []
    for line in lines:
        toks = tokens(line)
        if (
            toks
            and norm(line) not in exact
            and _share(_covered(toks, *optional_grams)) >= 0.5 > _share(_covered(toks, *gold_grams))
        ):
            continue
        kept.append(line)
    return kept


def gold_tokens_removed(
    gold: Sequence[str], output: Sequence[str], changes: Iterable[Any]
) -> Counter[str]:
    """Charge the gold tokens missing from ``output`` to the changes that removed them.

    A change removed what its ``before`` holds and its ``after`` does not; of that, the
    tokens lying in the gold's 3-grams are gold text. Each missing token is charged once,
    to the first change that removed it, under ``stage/rule``; what no change removed is
    charged to ``NOT_REMOVED`` (the extraction left it out, or the scrape lacked it).

    >>> from cleaner.model import Change, Location
    >>> gold = ["The bridge reopened on Friday after repairs.", "Lorries return in July."]
    >>> cut = Change("trim_to_body", "outside-body", "", gold[1], "", Location(1, 0, 0))
    >>> gold_tokens_removed(gold, [gold[0]], [cut])
    Counter({'trim_to_body/outside-body': 4})
    """
    missing = Counter(t for p in gold for t in tokens(p))
    missing.subtract(t for line in output for t in tokens(line))
    missing = +missing
    charged: Counter[str] = Counter()
    if not missing:
        return charged
    grams = _gold_grams(gold)
    for change in changes:
        toks = tokens(change.before)
        removed = Counter(toks)
        removed.subtract(tokens(change.after))
        if not +removed:
            continue
        gold_part = Counter(t for t, c in zip(toks, _covered(toks, *grams), strict=True) if c)
        taken = gold_part & +removed & missing
        if taken:
            charged[f"{change.stage}/{change.rule}"] += sum(taken.values())
            missing -= taken
    if missing:
        charged[NOT_REMOVED] += sum(missing.values())
    return charged


def _side_by_side(
    per_paragraph: dict[int, set[int]], gold: Sequence[str], gold_tokens: list[list[str]]
) -> set[str]:
    spans: dict[str, tuple[int, int]] = {}
    for index, positions in per_paragraph.items():
        start, end = _longest_run(positions)
        if end - start >= min(MERGE_RUN, len(gold_tokens[index])):
            key = norm(gold[index])
            if key not in spans or end - start > spans[key][1] - spans[key][0]:
                spans[key] = (start, end)
    return {
        key
        for key, (a0, a1) in spans.items()
        for other, (b0, b1) in spans.items()
        if key != other and min(a1, b1) - max(a0, b0) < min(a1 - a0, b1 - b0) / 2
    }


def macro(rows: Sequence[dict[str, Any]]) -> dict[str, float]:
    """Average every measure over pages."""
    if not rows:
        return {metric: float("nan") for metric in METRICS}
    return {metric: statistics.fmean(row[metric] for row in rows) for metric in METRICS}


def evaluate(
    pages: Sequence[GoldPage],
    outputs: Callable[[GoldPage], Sequence[str]],
    *,
    exclude_kinds: Iterable[str] = (),
) -> list[dict[str, Any]]:
    """Score every page; ``outputs`` gives a page's cleaned paragraphs."""
    excluded = tuple(exclude_kinds)
    rows = []
    for page in pages:
        gold = page.gold(excluded)
        row: dict[str, Any] = score_page(gold, page.title, outputs(page), page.optional)
        row.update(id=page.id, publisher=f"{page.country}/{page.publisher}")
        rows.append(row)
    return rows


def by_publisher(rows: Sequence[dict[str, Any]]) -> dict[str, dict[str, float]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[row["publisher"]].append(row)
    return {name: macro(group) for name, group in sorted(groups.items())}


def format_table(named_scores: Sequence[tuple[str, dict[str, float]]], width: int = 28) -> str:
    """A plain text table: one row per name, percentages for the ratio measures."""
    header = f"{'':<{width}} " + " ".join(f"{m:>6}" for m in METRICS)
    lines = [header]
    for name, scores in named_scores:
        cells = [
            f"{100 * scores[m]:6.1f}" if m in PERCENT_METRICS else f"{scores[m]:6.2f}"
            for m in METRICS
        ]
        lines.append(f"{name[:width]:<{width}} " + " ".join(cells))
    return "\n".join(lines)
