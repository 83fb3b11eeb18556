"""Split raw text into paragraph blocks, reading the input's own line convention.

Scraped text comes in two shapes. Most scrapers write one paragraph per line (blank lines
between them or not). Text that went through an e-mail client, a terminal or a text
editor is hard-wrapped: a paragraph is a run of lines cut at a fixed width, usually with
blank lines between paragraphs. The stage measures which shape it has, then cuts at
every line break (one per line) or re-joins the lines a wrap cut (hard-wrapped).
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import NamedTuple

from ..chars import BLANK_CHARS, PICTOGRAPH_BULLETS
from ..config import Config
from ..limits import check_time
from ..model import Block, BlockKind, Change, Document, Location
from ..text import CARRIED_ON_ENDS, CJK_RE
from ..text.encoding import needs_repair, repair_line
from ..text.sentences import CLOSING_MARKS, SENTENCE_STOPS

STAGE = "split_paragraphs"

# Bullets and numbered items. A number needs its "." or ")" and a space, so that a line
# starting "2024 was a year" or "3.5 million people" stays a paragraph.
# A pictograph may carry an emoji's presentation or skin-tone modifier ("👉🏻 ").
LIST_ITEM_RE = re.compile(
    rf"[\-+*•‣◦▪●■►✓✔→–{PICTOGRAPH_BULLETS}]\ufe0f?[\U0001f3fb-\U0001f3ff]?\s+\S"
    r"|\(?\d{1,3}[.)]\s+\S|\(?[a-z][.)]\s+\S"
)
HEADING_RE = re.compile(r"#{1,6}\s+\S")
# A cell border of a table drawn in text (box-drawing bars, pipes) or a tab between cells.
TABLE_CELL_RE = re.compile(r"[│┃║|\t]")
# A line that ends with one of these has ended its sentence (closing quotes count).
# (The stops of every script: a CJK text written one paragraph per line ends its lines
# with "。", and read without it, all its lines looked cut mid-sentence, so wrapped.)
SENTENCE_END_RE = re.compile(rf"[{SENTENCE_STOPS}:;{CLOSING_MARKS}]$")
# The first word of a line, which a wrap at the width would have had to fit. A tool wraps
# Chinese or Japanese between any two characters: there the first word is one character
# (a run of them is a phrase, which never fits, and every short line looked cut).
FIRST_WORD_RE = re.compile(rf"{CJK_RE.pattern}|\S+")
# Han, kana and their punctuation (full-width forms too): a wrap between two of them is
# joined without a space.
UNSPACED_CHARS = "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
UNSPACED_END_RE = re.compile(rf"[{UNSPACED_CHARS}]$")
UNSPACED_START_RE = re.compile(rf"[{UNSPACED_CHARS}]")
# Scripts written without spaces between words (Thai, Lao, Myanmar, Khmer).
UNSPACED_SCRIPT_RE = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")
MAX_SCRIPT_SAMPLE_LINES = 20

# Hard-wrapped text is cut at 60–132 columns in practice; lines wider than the maximum were
# never wrapped by a tool, and a "width" under the minimum is a list of short lines: a
# verse's lines are as long as one another, and as many go on in lower case as a wrap's.
# (Chinese and Japanese take two columns a character: wrapped at 36 of them, at 72.)
MIN_WRAP_WIDTH = 40
MIN_WIDE_WRAP_WIDTH = 20
MAX_WRAP_WIDTH = 200
# Lines longer than the width that had a space to break at: a few are pasted in (a
# quoted line, a table row); more, and no tool wrapped the text at that width.
MAX_UNBROKEN_SHARE = 0.1
# The width test needs a few line pairs to mean anything: on two lines the longer one
# always "reaches the width".
MIN_PAIRS_FOR_WIDTH = 3
# Of the lines a wrap cut in a script with case, this share at least goes on in lower
# case (a wrap falls mid-sentence; in German, nouns open on a capital).
MIN_WRAPPED_LOWER_SHARE = 0.25
# At a third of a text's wrapped-looking breaks or more, a line stops on a comma: its lines
# are a verse's, set one per line (a wrap lands after a comma far less often).
MIN_VERSE_COMMA_SHARE = 1 / 3
FIRST_LETTER_RE = re.compile(r"[^\W\d_]")
# Text wrapped by hand (a page's source, a README): no one width, but a long line stopping
# mid-sentence goes on in lower case on the next line: at this share of all line breaks
# at least, this many times at least, and for this share at least of the long lines that
# stop mid-sentence.
# (Text written one paragraph per line has a few such breaks: a list's items in one
# sentence, "...in der Region," over "die ..."; on the dev sets, seven at most, or eight
# in a fiftieth of its breaks. A table whose cells the page's source wrapped, lines of
# a film's title, its year and its description in pieces, has such breaks at an eighth
# of all.)
MIN_HAND_WRAP_SHARE = 0.1
MIN_HAND_WRAPS = 8
MIN_HAND_WRAP_LINE = 40
MIN_HAND_WRAP_CONTINUED = 0.5
# An inline element put on lines of its own, as a scraper that writes every element on a
# line of its own leaves it: a bracket opened near a line's end (or a line that is only a
# bracket) and closed within a few short lines, a caption's credit:
# "English Ivy is easy to grow" / "(" / "Image:" / "Getty Images/iStockphoto)"; and a
# byline's label before its name (see BYLINE_LABELS).
MAX_BRACKET_LINES = 3
MAX_BRACKET_LINE_CHARS = 60
BRACKET_REACH = 40
# The end of a paragraph being joined that the joining tests look at (a paragraph joined
# of a hundred thousand lines is built once, not once per line).
TAIL_CHARS = 4 * BRACKET_REACH
# A byline's label on a line of its own, the name on the next ("By" / "Jane Roe").
BYLINE_LABELS = frozenset({"By", "BY", "by"})


class Convention(NamedTuple):
    rule: str
    description: str


ONE_PER_LINE = Convention("one-paragraph-per-line", "one paragraph per line")
HARD_WRAPPED = Convention("hard-wrapped-lines", "hard-wrapped lines re-joined into paragraphs")
HAND_WRAPPED = Convention(
    "hand-wrapped-lines",
    "lines wrapped by hand, at no one width, re-joined where a sentence goes on in lower case",
)


class Line(NamedTuple):
    text: str
    start: int  # offset of the line in the block's text


def blank_line_groups(text: str) -> list[list[Line]]:
    """Cut text into runs of non-blank lines, the way blank lines separate them.

    >>> [[line.text for line in group] for group in blank_line_groups("a\\nb\\n \\n\\nc\\n")]
    [['a', 'b'], ['c']]
    """
    groups: list[list[Line]] = [[]]
    offset = 0
    for raw in text.split("\n"):
        if raw.strip(BLANK_CHARS):
            groups[-1].append(Line(raw, offset))
        elif groups[-1]:
            groups.append([])
        offset += len(raw) + 1
    return [group for group in groups if group]


def line_kind(line: str) -> BlockKind:
    """Tell list items and marked-up headings from paragraphs by their first characters."""
    stripped = line.lstrip(BLANK_CHARS)
    if LIST_ITEM_RE.match(stripped):
        return "list_item"
    if HEADING_RE.match(stripped):
        return "heading"
    return "paragraph"


def _first_word_length(line: str) -> int:
    match = FIRST_WORD_RE.search(line)
    return len(match.group()) if match else 0


def _continues(line: str, following: str, width: int | None) -> bool:
    """Whether a line break between these two lines is a wrap, not a paragraph end.

    >>> _continues("2020-08-01 │ 200 │ 4084", "2020-08-02 │ 210 │ 4090", 23)
    False
    """
    if line_kind(following) != "paragraph":
        return False
    if TABLE_CELL_RE.search(line) and TABLE_CELL_RE.search(following):
        return False  # rows of a text table: lines of one width, each its own
    line = line.rstrip(BLANK_CHARS)
    # The wrap test: the line fits the width, and the next word would not have. A line
    # longer than the width was not cut at it.
    if width is not None and width - _first_word_length(following) - 1 < len(line) <= width:
        return True
    # Mid-sentence, and the next line carries on in lower case.
    head = following.lstrip(BLANK_CHARS)[:1]
    return not SENTENCE_END_RE.search(line) and head.islower()


def wrap_width(groups: list[list[Line]]) -> int | None:
    """Estimate the column text was wrapped at, or None when it does not look hard-wrapped.

    Two signs must agree, together on at least half of the line breaks inside groups: the
    line stops mid-sentence (prose written one paragraph per line ends its lines with a
    full stop), and the next word would not have fitted (a tool cut the line). The width
    is the longest line, leaving out lines far longer than the median (a long URL that
    could not be wrapped).
    """
    pairs = [(a.text, b.text) for group in groups for a, b in pairwise(group)]
    if len(pairs) < MIN_PAIRS_FOR_WIDTH:
        return None
    # Thai, Lao, Khmer and Myanmar put no space between words and often no stop after a
    # sentence: every line "stops mid-sentence", and its first run of letters, a whole
    # phrase, "would not have fitted" on the line before. Neither sign tells a wrap there.
    sample = "".join(a for a, _ in pairs[:MAX_SCRIPT_SAMPLE_LINES])
    if len(UNSPACED_SCRIPT_RE.findall(sample)) * 2 > len(sample):
        return None
    lengths = sorted(len(line.text.rstrip(BLANK_CHARS)) for group in groups for line in group)
    median = lengths[len(lengths) // 2]
    width = max(length for length in lengths if length <= median * 1.5)
    wide = len(UNSPACED_START_RE.findall(sample)) * 2 > len(sample)
    if not (MIN_WIDE_WRAP_WIDTH if wide else MIN_WRAP_WIDTH) <= width <= MAX_WRAP_WIDTH:
        return None
    # A tool that wraps at a width leaves no line longer than it that it could have
    # broken: short lines between long ones are a verse, a list or a timeline, set one
    # per line, whatever their lengths have in common.
    unbroken = sum(
        len(line.text.rstrip(BLANK_CHARS)) > width and " " in line.text[:width].strip(BLANK_CHARS)
        for group in groups
        for line in group
    )
    if unbroken > MAX_UNBROKEN_SHARE * len(lengths):
        return None
    # Both signs at the same breaks: in text written one paragraph per line, lines of
    # similar length "fit" a width too, and a few stop without a full stop (a heading, a
    # "Follow us on Instagram"), but seldom the same ones.
    breaks = [
        (a, b)
        for a, b in pairs
        if not SENTENCE_END_RE.search(a.rstrip(BLANK_CHARS)) and _continues(a, b, width)
    ]
    if len(breaks) * 2 < len(pairs):
        return None
    # A wrap falls after any word, a comma only now and then; a verse's lines stop on
    # their commas ("O mar chamou por mim de madrugada," / "com voz de sal, ...").
    commas = sum(a.rstrip(BLANK_CHARS).endswith(CARRIED_ON_ENDS) for a, _ in breaks)
    if commas >= MIN_VERSE_COMMA_SHARE * len(breaks):
        return None
    wrapped = [b for _, b in breaks]
    # A wrap falls mid-sentence, so in a script with case most of the lines it cut go on
    # in lower case; lines of one length that all open on a capital or a quote are lines
    # of their own (quotes over their authors' names, a list).
    heads = [head.group() for b in wrapped if (head := FIRST_LETTER_RE.search(b))]
    cased = [head for head in heads if head.islower() or head.isupper()]
    if cased and sum(head.islower() for head in cased) < MIN_WRAPPED_LOWER_SHARE * len(cased):
        return None
    return width


def hand_wrapped(groups: list[list[Line]]) -> bool:
    """Whether text that no tool wrapped at one width was wrapped by hand: most of its
    long lines that stop mid-sentence go on in lower case on the next line, and such
    breaks are a good share of all (see ``MIN_HAND_WRAP_SHARE``).

    >>> lines = ["The Fetch API intends to fix most of these problems, and it", "does so by"
    ...          " introducing the same primitives.", "It adds a function fetch() that"
    ...          " captures the", "intention of retrieving a resource."] * 4
    >>> hand_wrapped(blank_line_groups("\\n".join(lines)))
    True
    >>> hand_wrapped(blank_line_groups("\\n".join(["First paragraph.", "Second one."] * 9)))
    False
    """
    pairs = [(a.text.rstrip(BLANK_CHARS), b.text) for group in groups for a, b in pairwise(group)]
    open_ended = [
        following.lstrip(BLANK_CHARS)
        for line, following in pairs
        if len(line) >= MIN_HAND_WRAP_LINE
        and not SENTENCE_END_RE.search(line)
        and line_kind(following) == "paragraph"
    ]
    continued = sum(
        following[:1].islower() and len(following.split()) >= 2 for following in open_ended
    )
    return (
        continued >= MIN_HAND_WRAPS
        and continued >= MIN_HAND_WRAP_SHARE * len(pairs)
        and continued >= MIN_HAND_WRAP_CONTINUED * len(open_ended)
    )


def split_text(text: str) -> tuple[Convention, list[Block]]:
    """Split one text into blocks; return the convention found and the blocks.

    >>> [b.text for b in split_text("First paragraph.\\nSecond one.\\n")[1]]
    ['First paragraph.', 'Second one.']
    >>> wrapped = "A paragraph that a mail client wrapped at\\n"
    >>> wrapped += "forty-five columns or so, and then a\\nsecond line.\\n\\n"
    >>> split_text(wrapped * 2)[1][0].text
    'A paragraph that a mail client wrapped at forty-five columns or so, and then a second line.'
    """
    groups = blank_line_groups(text)
    width = wrap_width(groups)
    convention = HARD_WRAPPED if width is not None else ONE_PER_LINE
    if width is None and hand_wrapped(groups):
        convention = HAND_WRAPPED
    blocks: list[Block] = []
    for group in groups:
        lines = [line.text for line in group]
        parts = [lines[0]]  # the lines of the paragraph being built, joined when it ends
        tail = lines[0]  # its last characters: all that the joining tests read
        position = 1
        while position < len(lines):
            joined = _lines_joined(tail, lines, position, width, convention is not ONE_PER_LINE)
            if joined:
                parts += lines[position : position + joined]
                tail = " ".join([tail, *lines[position : position + joined]])[-TAIL_CHARS:]
                position += joined
                continue
            blocks.append(_paragraph(parts))
            parts = [lines[position]]
            tail = lines[position]
            position += 1
        blocks.append(_paragraph(parts))
    return convention, blocks


def _paragraph(lines: list[str]) -> Block:
    """The paragraph of re-joined lines: a space at each join, but none inside Chinese or
    Japanese text, which puts none between its words (a wrap cut it anywhere).

    >>> _paragraph(["市政府昨天宣布，明年起", "將增設公車專用道。"]).text
    '市政府昨天宣布，明年起將增設公車專用道。'
    """
    pieces = [lines[0]]
    for before, line in pairwise(lines):
        if not (UNSPACED_END_RE.search(before) and UNSPACED_START_RE.match(line)):
            pieces.append(" ")
        pieces.append(line)
    text = "".join(pieces)
    return Block(text, line_kind(text))


def _lines_joined(
    current: str, lines: list[str], position: int, width: int | None, wrapped: bool
) -> int:
    """How many lines from ``position`` on continue the paragraph ``current`` ends with
    (``current``: the paragraph so far, or its last ``TAIL_CHARS`` characters):
    a wrap's next line, when ``wrapped`` (``width`` is a hard wrap's, None for one by hand), the
    name after a byline's "By", or the lines of an inline element (:func:`_bracket_lines`).
    """
    following = lines[position]
    if wrapped and _continues(lines[position - 1], following, width):
        return 1
    if (
        len(current) < 4  # (checked first: nearly every line is longer)
        and current.strip(BLANK_CHARS) in BYLINE_LABELS
        and line_kind(following) == "paragraph"
    ):
        return 1
    return _bracket_lines(current, lines, position)


def _bracket_lines(current: str, lines: list[str], position: int) -> int:
    """How many of the lines from ``position`` on sit inside a bracket that ``current``
    (or the line that is only a bracket after it) opens near its end, and close it; 0
    when they do not.

    >>> _bracket_lines("English Ivy is easy to grow", ["(", "Image:", "Getty/iStock)", "Next."], 0)
    3
    >>> _bracket_lines("Prices rose (see the chart", ["The council met."], 0)
    0
    """
    opened = current.rstrip(BLANK_CHARS)[-BRACKET_REACH:]
    if "(" not in opened and lines[position].strip(BLANK_CHARS) != "(":
        return 0  # nearly every line: nothing opened
    depth = opened.count("(") - opened.count(")")
    for taken, raw in enumerate(lines[position : position + MAX_BRACKET_LINES], start=1):
        line = raw.strip(BLANK_CHARS)
        if depth <= 0 and not (taken == 1 and line == "("):
            break
        if len(line) > MAX_BRACKET_LINE_CHARS:
            return 0
        depth += line.count("(") - line.count(")")
        if depth <= 0 and line != "(":
            return taken
    return 0


def _repair_joins(parts: list[Block], config: Config) -> tuple[list[Block], bool]:
    """Repair the encoding of re-joined paragraphs where the joins made it need it.

    Encoding repair looked at one line at a time; a mangled character cut by a wrap
    ("Ã" at a line's end, the rest on the next) is whole only in the joined paragraph,
    where a second cleaning would find it.
    """
    repaired = False
    fixed_parts = []
    for part in parts:
        if needs_repair(part.text, config.encoding):
            text, _ = repair_line(part.text, config.encoding)
            if text != part.text:
                part, repaired = part._replace(text=text), True
        fixed_parts.append(part)
    return fixed_parts, repaired


def split_paragraphs(doc: Document, config: Config) -> Document:
    """Split each block at its line breaks, re-joining lines that a hard wrap cut.

    One paragraph per line is the default reading; a text counts as hard-wrapped only
    when most of its line breaks fall where the next word would not have fitted, or
    mid-sentence before a lower-case word. Bulleted and numbered lines become
    ``list_item`` blocks, ``#`` lines ``heading`` blocks; text is never rewritten here
    beyond the line breaks (the tidy trims spaces).

    >>> doc = split_paragraphs(Document.from_text("One.\\n\\nTwo.\\n- a point"), Config())
    >>> [(b.kind, b.text) for b in doc.blocks]
    [('paragraph', 'One.'), ('paragraph', 'Two.'), ('list_item', '- a point')]
    >>> doc.changes[0].reason
    'split into 3 blocks: one paragraph per line'
    """
    blocks: list[Block] = []
    changes: list[Change] = []
    for index, block in enumerate(doc.blocks):
        check_time()
        if "\n" not in block.text:
            blocks.append(block)
            continue
        convention, parts = split_text(block.text)
        if block.kind != "paragraph" and len(parts) == 1:
            parts = [parts[0]._replace(kind=block.kind)]
        reason = f"split into {len(parts)} blocks: {convention.description}"
        if convention is not ONE_PER_LINE:
            parts, repaired = _repair_joins(parts, config)
            if repaired:
                reason += "; encoding repaired where joined lines completed a mangled character"
        rendered = "\n\n".join(part.text for part in parts)
        where = Location(index, 0, len(block.text))
        changes.append(Change(STAGE, convention.rule, reason, block.text, rendered, where))
        blocks += parts
    if not changes:
        return doc
    return doc.evolve(blocks, changes)
