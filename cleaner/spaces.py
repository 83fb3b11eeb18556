"""Spaces and invisible characters: making a text's spacing plain, or looking through it.

The tidy makes every block's spacing plain at the end (the characters are evidence for
the stages before it); encoding repair does it early to a line whose mojibake they hide,
and the stages that judge a block judge it plain (:func:`plain`). Run-on repair looks
through zero-width characters (:func:`seen_through`), and promo rules read text with
plain spacing (:func:`plain_view`), so that a second cleaning reads what the first read.
"""

from __future__ import annotations

import re
import unicodedata

from .chars import EXOTIC_SPACES, JOINERS, ZERO_WIDTH

INVISIBLE_RE = re.compile(f"[{ZERO_WIDTH}]+")
# ZWJ and ZWNJ shape Indic, Arabic and Persian script and join emoji sequences; between two
# such characters they stay, anywhere else (between Latin letters, at an edge) they go.
JOINER_RE = re.compile(f"[{JOINERS}]+")
EXOTIC_SPACE_RE = re.compile(f"[{EXOTIC_SPACES}]")
SPACE_RUN_RE = re.compile(" {2,}")
# A character normalize_spaces would change (with runs of spaces and spaces at the ends).
ODD_CHAR_RE = re.compile(f"[{ZERO_WIDTH}{JOINERS}{EXOTIC_SPACES}]")
# The step that collapses runs of spaces and trims, as a change records it.
COLLAPSED = ("collapse-whitespace", "runs of spaces collapsed and ends trimmed")
# What run-on repair looks through (see seen_through): zero-width characters and joiners.
SEEN_THROUGH_RE = re.compile(f"[{ZERO_WIDTH}{JOINERS}]")
# What a rule reads as one plain space, or as nothing when no space is in it (plain_view).
SPACING_RUN_RE = re.compile(f"[\\s{ZERO_WIDTH}{JOINERS}]+")


def _needs_joiner(char: str) -> bool:
    """Whether a character beside a ZWJ/ZWNJ is one that such a joiner can shape."""
    if not char or char.isascii():
        return False
    category = unicodedata.category(char)
    if category in ("So", "Sk") or char == "\ufe0f":  # emoji, skin tones, emoji presentation
        return True
    return category[0] in "LM" and not _is_latin(char)


def _is_latin(char: str) -> bool:
    return "LATIN" in unicodedata.name(char, "")


def remove_stray_joiners(text: str) -> str:
    """Remove ZWJ/ZWNJ unless both neighbours are script letters, marks or emoji.

    >>> remove_stray_joiners("co\\u200dop") == "coop"
    True
    >>> remove_stray_joiners("\\U0001F469\\u200d\\U0001F4BB") == "\\U0001F469\\u200d\\U0001F4BB"
    True
    """

    def keep_or_drop(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        return match.group() if _needs_joiner(before) and _needs_joiner(after) else ""

    return JOINER_RE.sub(keep_or_drop, text)


def normalize_spaces(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Remove invisible characters, make every space plain, collapse runs and trim.

    Returns the text and the (rule, reason) pairs of the steps that changed it.

    >>> normalize_spaces("  Two\\u00a0 spaces\\u200b here. ")
    ('Two spaces here.', [('invisible-chars', 'zero-width characters removed'), \
('plain-spaces', 'exotic spaces became plain spaces'), \
('collapse-whitespace', 'runs of spaces collapsed and ends trimmed')])
    """
    applied: list[tuple[str, str]] = []
    # The common paragraph has nothing to make plain; a character class and two
    # substring scans tell so several times faster than the three passes below.
    if not (text[:1] == " " or text[-1:] == " " or "  " in text or ODD_CHAR_RE.search(text)):
        return text, applied
    new = INVISIBLE_RE.sub("", text)
    if JOINER_RE.search(new):
        new = remove_stray_joiners(new)
    if new != text:
        applied.append(("invisible-chars", "zero-width characters removed"))
    # Each step only when its characters are there: a search is cheaper than a rewrite.
    if EXOTIC_SPACE_RE.search(new):
        new = EXOTIC_SPACE_RE.sub(" ", new)
        applied.append(("plain-spaces", "exotic spaces became plain spaces"))
    if new[:1] == " " or new[-1:] == " " or "  " in new:
        new = SPACE_RUN_RE.sub(" ", new).strip(" ")
        applied.append(COLLAPSED)
    return new, applied


def plain(text: str) -> str:
    """``text`` as the tidy will leave it: what stages that judge a block should read.

    >>> plain("Storm\u200b closes\tseafront ")
    'Storm closes seafront'
    """
    return normalize_spaces(text)[0]


def seen_through(text: str) -> tuple[str, list[int] | None]:
    """``text`` without zero-width characters, and where each character left (and the
    end) was in ``text``; None when there were none.

    Rules look through the invisible glue a scraper left ("Advertisement\u200bThe" is
    a label glued onto a sentence); offsets found in what is left map back through the
    list, a span's end landing just before the next visible character.

    >>> seen_through("ab\u200bC")
    ('abC', [0, 1, 3, 4])
    >>> seen_through("abC")
    ('abC', None)
    """
    if not SEEN_THROUGH_RE.search(text):
        return text, None
    offsets: list[int] = []
    visible_from = 0
    for invisible in SEEN_THROUGH_RE.finditer(text):
        offsets += range(visible_from, invisible.start())
        visible_from = invisible.end()
    offsets += range(visible_from, len(text) + 1)
    return SEEN_THROUGH_RE.sub("", text), offsets


def plain_view(text: str) -> tuple[str, list[int] | None]:
    """``text`` as rules should read it, and where each of its characters (and its end)
    was in ``text``; None when it reads as it stands.

    Each run of spaces becomes one plain space and zero-width characters go, as the tidy
    will leave the text: a rule must match "Article content\u00a0 The" as it will match
    "Article content The" when the output is cleaned again.

    >>> plain_view("Ad\u200b  The")
    ('Ad The', [0, 1, 2, 5, 6, 7, 8])
    """
    if not ("  " in text or ODD_CHAR_RE.search(text)):
        return text, None
    pieces: list[str] = []
    offsets: list[int] = []
    position = 0
    for run in SPACING_RUN_RE.finditer(text):
        pieces.append(text[position : run.start()])
        offsets += range(position, run.start())
        if any(char.isspace() for char in run.group()):
            pieces.append(" ")
            offsets.append(run.start())
        position = run.end()
    pieces.append(text[position:])
    offsets += range(position, len(text) + 1)
    return "".join(pieces), offsets
