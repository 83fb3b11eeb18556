"""Which repeated blocks are a scraper's doubling, not the text's own."""

from __future__ import annotations

import re

from .sentences import CARRIED_ON_ENDS, sentence_count

REPEAT_WORD_RE = re.compile(r"\w+")
# A repeat is dropped only when it is long enough that repeating it cannot be a writer's
# choice: a short line ("Yes.", "* * *", a sub-heading like "Why?") may well recur.
MIN_REPEAT_WORDS = 3
# ... and only when it repeats one of the first blocks (title, standfirst, lead picture's
# caption), and is one sentence: scrapers double those. Further on, or longer, a repeat
# is the text's own: a refrain, a table's rows, a code listing, a paragraph a page quotes
# again.
LEAD_BLOCKS = 3
MAX_REPEAT_SENTENCES = 1


def is_dropped_repeat(text: str, first_position: int) -> bool:
    """Whether a block repeating the block kept at ``first_position`` goes.

    >>> is_dropped_repeat("The standfirst, said twice.", 1)
    True
    >>> is_dropped_repeat("A refrain sung twice.", 12), is_dropped_repeat("Yes it is", 0)
    (False, True)
    >>> is_dropped_repeat("A paragraph quoted again. It has two sentences.", 0)
    False
    >>> is_dropped_repeat("Oh, carry me home, carry me home,", 2)  # a refrain's line
    False
    """
    return (
        first_position < LEAD_BLOCKS
        and len(REPEAT_WORD_RE.findall(text)) >= MIN_REPEAT_WORDS
        and sentence_count(text) <= MAX_REPEAT_SENTENCES
        # (A line stopping on a comma goes on in the next: a verse's, a refrain sung
        # twice; never a title or a standfirst that a scraper doubled.)
        and not text.rstrip().endswith(CARRIED_ON_ENDS)
    )
