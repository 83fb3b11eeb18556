"""Near-miss fuzzing: does a rule's time grow faster than its text?

Python's ``re`` backtracks. A pattern with ambiguous nested repetition, bounded or not
(``(?:(?:a|\\d{1,6}){1,3}\\s{0,4}){1,30}``), can take exponential time on text that almost
matches and then fails at its end: a row of numbers with no final stop, a run of words
without the word the rule waits for. No static check catches every such shape, so every
rule is tried on such text, built from its own examples and alphabet, at two lengths:
a linear rule takes about twice as long on twice the text; one that takes much more, or
more than a few milliseconds at ``LONG`` characters, is refused.

The shipped packs are held to this in the tests; a user's pack is held to it when it
loads, so a rule that could hang a batch never runs.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import Rule

FIRST, LONG = 16, 600
# A rule may take this long on LONG characters of near-miss text (best of ROUNDS), and
# this many times as long as on half as many (a linear rule: about 2; quadratic: 4).
MAX_SECONDS = 0.005
MAX_GROWTH = 3.5
# Below this, times are noise (or the text too short to reach what the rule waits for):
# no growth is read from them.
NOISE_SECONDS = 0.0002
ROUNDS = 3


def near_misses(rule: Rule, length: int) -> Iterator[str]:
    """Texts of about ``length`` characters that look like the rule's examples but miss:
    each example cut short and repeated, its words run on without its last one, its
    characters cycled, and each example's stop or last word dropped after a long run.

    >>> from . import load_rules
    >>> rule = next(r for r in load_rules("promos") if r.id == "social-follow")
    >>> all(len(text) <= 600 for text in near_misses(rule, 600))
    True
    """
    alphabet = sorted({char for example in rule.examples for char in example})
    if alphabet:
        cycled = "".join(alphabet)
        yield _fill(cycled, length)
        yield _fill(" ".join(alphabet), length)
    for example in rule.examples:
        if not example:
            continue
        words = example.split()
        yield _fill(example[:-1] + " ", length)  # cut short, again and again
        yield _fill(example[:-1], length)
        if len(words) > 1:
            yield _fill(" ".join(words[:-1]) + " ", length)  # without its last word
            yield _fill(" ".join(words[1:]) + " ", length)  # without its first
        digits = re.sub(r"[^\W\d_]", "", example)  # its numbers and marks alone
        if digits.strip():
            yield _fill(digits + " ", length)
        yield (example * (length // len(example) + 1))[: length - 1]  # repeated, then cut


def _fill(unit: str, length: int) -> str:
    """``unit`` repeated to ``length`` characters."""
    if not unit:
        return ""
    return (unit * (length // len(unit) + 1))[:length]


def backtracking(rule: Rule) -> str | None:
    """Why ``rule`` is not linear on near-miss text, or None when it is.

    Lengths double from ``FIRST`` to ``LONG`` (a rule never reads more than its
    ``max_chars``, so no further): a rule that backtracks without end shows it on short
    text already, and is caught before the long text would take for ever.
    """
    lengths = []
    length = FIRST
    while length < min(LONG, rule.max_chars):
        lengths.append(length)
        length *= 2
    lengths.append(min(LONG, rule.max_chars))
    times: dict[int, float] = {}
    for shorter, longer in zip([0, *lengths], lengths, strict=False):
        for number, text in enumerate(near_misses(rule, longer)):
            took = _best_time(rule, text)
            if took > MAX_SECONDS:
                return f"takes {1000 * took:.1f} ms on {len(text)} characters like {text[:60]!r}"
            before = times.get(number)
            if before is not None and before > NOISE_SECONDS and took > MAX_GROWTH * before:
                return (
                    f"takes more than {MAX_GROWTH:g}x as long on {len(text)} characters as on"
                    f" {shorter}, like {text[:60]!r}"
                )
            times[number] = max(took, 1e-9)
    return None


def _best_time(rule: Rule, text: str) -> float:
    best = float("inf")
    for _ in range(ROUNDS):
        start = time.perf_counter()
        rule.span(text)
        best = min(best, time.perf_counter() - start)
    return best
