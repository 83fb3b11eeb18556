"""Turn a rewrite of a piece of text into a Change that names only what differs."""

from __future__ import annotations

from .model import Change, Location


def differing_span(old: str, new: str) -> tuple[int, int, int]:
    """Return ``(start, old_end, new_end)``: the smallest region where ``old`` and ``new`` differ.

    >>> differing_span("the cafÃ© opens", "the café opens")
    (7, 9, 8)
    """
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start] == new[start]:
        start += 1
    old_end, new_end = len(old), len(new)
    while old_end > start and new_end > start and old[old_end - 1] == new[new_end - 1]:
        old_end -= 1
        new_end -= 1
    return start, old_end, new_end


def rewrite(
    stage: str, rule: str, reason: str, block: int, offset: int, old: str, new: str
) -> Change:
    """Record that ``old`` (at ``offset`` in block ``block``) became ``new``, trimmed to the diff.

    >>> rewrite("fix_encoding", "mojibake", "why", 0, 100, "donâ€™t", "don’t")
    Change(stage='fix_encoding', rule='mojibake', reason='why', before='â€™', after='’', \
where=Location(block=0, start=103, end=106))
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
