"""Words, in scripts written with spaces and without."""

from __future__ import annotations

import re
from collections.abc import Callable

# A word: letters and digits, with inner apostrophes, dots and hyphens ("don't", "U.S.",
# "e-mail", "all'Italia").
WORD_RE = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
# Scripts written without spaces between words: Han, Hiragana, Katakana, Thai, Lao,
# Khmer, Myanmar. A run of them is one "word" to WORD_RE; by characters, a word of such
# text is about two of them.
CJK_RE = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)
CHARACTERS_PER_WORD = 2
# Scripts with capitals: Latin (with its extensions), Greek, Cyrillic, Armenian.
CASED_SCRIPTS = ((0x41, 0x58F), (0x1E00, 0x1FFF))


def _letter_class(is_case: Callable[[str], bool]) -> str:
    """A regular-expression class body of the letters of ``CASED_SCRIPTS`` in one case."""
    ranges: list[list[int]] = []
    for low, high in CASED_SCRIPTS:
        for code in range(low, high + 1):
            if not is_case(chr(code)):
                continue
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    spans = (chr(low) if low == high else f"{chr(low)}-{chr(high)}" for low, high in ranges)
    return "".join(spans)


# Capital and lower-case letters of every cased script, for patterns that read case
# ("...Seidler" touching "Zunächst", "DEJURE" touching "Прокуроры").
UPPER = _letter_class(str.isupper)
LOWER = _letter_class(str.islower)


def word_count(text: str, words: tuple[str, ...] | list[str] | None = None) -> int:
    """How many words a text has, counting unspaced scripts by their characters.

    ``words``: the text's words when the caller has them already.

    >>> word_count("The council met on Monday."), word_count("東京都は月曜日に新しい計画を発表した")
    (5, 9)
    """
    found = WORD_RE.findall(text) if words is None else words
    if not CJK_RE.search(text):
        return len(found)
    unspaced = len(CJK_RE.findall(text))
    return len(found) - sum(1 for w in found if CJK_RE.search(w)) + unspaced // CHARACTERS_PER_WORD
