"""Repair the text's encoding: mojibake, HTML entities, control characters, line breaks.

Line by line, with ftfy, where the cheap check of :mod:`cleaner.text.encoding` says a
line needs it; line separators other than LF become LF.
"""

from __future__ import annotations

import re

from ..config import Config, EncodingProfile
from ..edits import rewrite
from ..limits import check_time
from ..model import Block, Change, Document, Location
from ..text.encoding import (
    FTFY_RULES,
    STRAY_FORMAT_RE,
    needs_repair,
    reason_for,
    repair_line,
)

STAGE = "fix_encoding"

# Line separators other than LF. U+0085 (NEL) is left out on purpose: in scraped text it is
# nearly always a Windows-1252 ellipsis read as Latin-1, which ftfy turns back into "…".
# Each starts with a character class: the regex engine scans for one far faster than for
# the alternation "\r\n|[...]" (CRLF is a CR that takes the LF after it).
LINE_BREAK_RE = re.compile(r"[\r\u2028\u2029]")
LINE_END_RE = re.compile(r"[\n\r\u2028\u2029](?:(?<=\r)\n)?")


def fix_encoding(doc: Document, config: Config) -> Document:
    """Repair mojibake, entities, control characters and line breaks in every block.

    Removes C0/C1 control characters, terminal escapes, soft hyphens and bidi controls;
    turns CRLF, CR and Unicode line separators into LF; applies NFC. Keeps curly quotes,
    dashes, widths and ligatures unless the profile or ``quotes="straight"`` says
    otherwise, and keeps zero-width spaces and no-break spaces for the run-on stage.

    >>> doc = fix_encoding(Document.from_text("Itâ€™s cafÃ© time\\r\\nNext"), Config())
    >>> doc.blocks[0].text
    'It’s café time\\nNext'
    >>> [(c.rule, c.before, c.after) for c in doc.changes]
    [('mojibake', 'Itâ€™s cafÃ©', 'It’s café'), ('line-breaks', '\\r\\n', '\\n')]
    """
    profile = config.encoding
    blocks: list[Block] = []
    changes: list[Change] = []
    for index, block in enumerate(doc.blocks):
        check_time()
        text, block_changes = _repair_block(block.text, index, profile)
        blocks.append(block._replace(text=text) if block_changes else block)
        changes += block_changes
    if not changes:
        return doc
    return doc.evolve(blocks, changes)


def _repair_block(text: str, index: int, profile: EncodingProfile) -> tuple[str, list[Change]]:
    if not (
        needs_repair(text, profile) or STRAY_FORMAT_RE.search(text) or LINE_BREAK_RE.search(text)
    ):
        return text, []
    changes: list[Change] = []
    pieces: list[str] = []
    position = 0
    # Line by line, as ftfy.fix_text does: one line's mojibake says nothing about the next.
    for match in [*LINE_END_RE.finditer(text), None]:
        end = match.start() if match else len(text)
        line = text[position:end]
        fixed, rules = repair_line(line, profile)
        if rules:
            changes.append(
                rewrite(STAGE, rules[0], reason_for(rules), index, position, line, fixed)
            )
        pieces.append(fixed)
        if match:
            if match.group() != "\n":
                rule, reason = FTFY_RULES["fix_line_breaks"]
                where = Location(index, match.start(), match.end())
                changes.append(Change(STAGE, rule, reason, match.group(), "\n", where))
            pieces.append("\n")
            position = match.end()
    if not changes:
        return text, []
    return "".join(pieces), changes
