"""Turn a rewrite of a piece of text into a Change that names only what differs."""

from __future__ import annotations

import re
from itertools import pairwise

from .model import Block, Change, Location

# Longer than any web address or e-mail address worth recognising in article text.
TOKEN_REACH = 128
NON_SPACE_RE = re.compile(r"\S*")


def differing_span(old: str, new: str) -> tuple[int, int, int]:
    """Return ``(start, old_end, new_end)``: where ``old`` and ``new`` differ, in whole words.

    The region is the smallest that differs, widened to the spaces around it, so that a
    change reads "&amp; -> &" rather than "amp; -> ".

    >>> differing_span("the cafÃ© opens", "the café opens")
    (4, 9, 8)
    >>> differing_span("same", "same")
    (4, 4, 4)
    """
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start] == new[start]:
        start += 1
    old_end, new_end = len(old), len(new)
    while old_end > start and new_end > start and old[old_end - 1] == new[new_end - 1]:
        old_end -= 1
        new_end -= 1
    if (start, old_end, new_end) == (len(old), len(old), len(new)):
        return start, old_end, new_end
    # The prefix and suffix are shared, so widening moves both texts alike.
    while start > 0 and not old[start - 1].isspace():
        start -= 1
    while old_end < len(old) and not old[old_end].isspace():
        old_end += 1
        new_end += 1
    return start, old_end, new_end


def rewrite(
    stage: str, rule: str, reason: str, block: int, offset: int, old: str, new: str
) -> Change:
    """Record that ``old`` (at ``offset`` in block ``block``) became ``new``, trimmed to the diff.

    >>> rewrite("fix_encoding", "mojibake", "why", 0, 100, "donâ€™t", "don’t")
    Change(stage='fix_encoding', rule='mojibake', reason='why', before='donâ€™t', after='don’t', \
where=Location(block=0, start=100, end=107))
    """
    start, old_end, new_end = differing_span(old, new)
    return Change(
        stage=stage,
        rule=rule,
        reason=reason,
        before=old[start:old_end],
        after=new[start:new_end],
        where=Location(block, offset + start, offset + old_end),
    )


def split_blocks(block: Block, points: list[int], glued: list[bool] | None = None) -> list[Block]:
    """Cut a block at the given offsets; the pieces after the first are paragraphs.

    ``glued`` says for each point whether the two sides touched with no space (the
    default) and becomes the ``glued`` mark of the piece after it.

    >>> [tuple(b) for b in split_blocks(Block("One.Two.", "list_item"), [4])]
    [('One.', 'list_item', False, False), ('Two.', 'paragraph', True, False)]
    """
    edges = [0, *points, len(block.text)]
    marks = [block.glued, *(glued if glued is not None else [True] * len(points))]
    return [
        Block(block.text[start:end], block.kind if number == 0 else "paragraph", marks[number])
        for number, (start, end) in enumerate(pairwise(edges))
    ]


def token_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``start:end`` to the run of non-space characters around it, at most
    ``TOKEN_REACH`` characters each way.

    >>> token_span("at Canada.Com today", 9, 10)
    (3, 13)
    >>> token_span("x" * 1000, 500, 500)
    (372, 628)
    """
    # Bounded, because callers ask at every glue point: on a line of 100,000 glued
    # sentences with no space, an unbounded walk would make the stage quadratic.
    before = text[max(0, start - TOKEN_REACH) : start][::-1]
    start -= NON_SPACE_RE.match(before).end()  # type: ignore[union-attr]
    end = NON_SPACE_RE.match(text, end, end + TOKEN_REACH).end()  # type: ignore[union-attr]
    return start, end


def paragraph_break(
    stage: str, rule: str, reason: str, block: int, text: str, point: int
) -> Change:
    """Record a paragraph break inserted at ``point``, shown on the glued word around it.

    >>> paragraph_break("repair_runons", "sentence-glue", "why", 3, "It rained.Roads shut.", 10)
    Change(stage='repair_runons', rule='sentence-glue', reason='why', before='rained.Roads', \
after='rained.\\n\\nRoads', where=Location(block=3, start=3, end=15))
    """
    start, end = token_span(text, point, point)
    after = text[start:point] + "\n\n" + text[point:end]
    return Change(stage, rule, reason, text[start:end], after, Location(block, start, end))
