"""Remove headlines of other stories that a scraper left inside the article body.

Related-article widgets put other stories' headlines into the body: as a list of lines,
as a line after the last paragraph, or glued straight onto the front of a paragraph
(``...walk out in biggest strike in decade"This is not a shock...``). A headline has a
shape: a short line that does not end a sentence. The article's own sub-headings share
that shape, so shape alone decides nothing; the stage combines it with evidence:

* glue: a headline-shaped run of words ends where a lower-case letter touches a capital
  or an opening quote with no space between, at the front of a long paragraph;
* lists: two or more headline-shaped lines in a row between paragraphs (a sub-heading
  is followed by its section's text, never by another heading);
* position: headline-shaped lines after the article's last paragraph.

A single headline-shaped line between two paragraphs is kept as a sub-heading, and so
are the lines before the first paragraph (title, standfirst).
"""

from __future__ import annotations

import re
from itertools import groupby

from ..chars import BLANK_CHARS
from ..config import Config
from ..model import Block, Change, Document, Location

STAGE = "strip_headlines"

WORD_RE = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
# A paragraph's last character when it ends a sentence (closing quotes and brackets
# may follow the stop).
SENTENCE_END_RE = re.compile(r"[.!?…:;][\"'”’)\]]*$")
# A full stop inside the line followed by a new sentence: prose, not a headline.
INNER_SENTENCE_RE = re.compile(r"[a-z0-9)\"”’][.!?] +[A-Z“\"]")
# Where a headline was glued onto the next element: a lower-case word (two letters or
# more, so "iPhone" and "eBay" never count) or a number touching a capitalised word, or
# any letter touching an opening quote and a capital. Camel-case names start with a
# capital ("WhatsApp", "McDonald's") and never match.
GLUE_RE = re.compile(r"(?:\b[a-z][a-z'’-]*[a-z]|\b\d+)(?=[A-Z][a-z])|[^\W_](?=[\"“‘][A-Z])")

HEADLINE_WORDS = range(2, 26)
# A glued headline sits in front of a paragraph of at least this many words.
MIN_PARAGRAPH_WORDS = 8
MIN_GLUED_HEADLINE_WORDS = 4


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def is_prose(text: str) -> bool:
    """A paragraph of running text: it ends a sentence and is more than a few words.

    >>> is_prose("The council met on Monday night."), is_prose("Council meets on Monday")
    (True, False)
    """
    text = text.strip(BLANK_CHARS)
    return bool(SENTENCE_END_RE.search(text)) and len(words(text)) >= 6


def is_headline_shaped(text: str) -> bool:
    """A short line that does not end a sentence, or a short question, and holds no sentence break.

    >>> is_headline_shaped("Ministers agree new deal on bus fares")
    True
    >>> is_headline_shaped("Can we trust economic forecasts?")
    True
    >>> is_headline_shaped("The council met on Monday. It agreed the budget")
    False
    """
    text = text.strip(BLANK_CHARS)
    count = len(words(text))
    if count not in HEADLINE_WORDS or INNER_SENTENCE_RE.search(text):
        return False
    if text.endswith("?") or text.endswith("!"):
        return count <= 15
    return not SENTENCE_END_RE.search(text)


def glued_headline(text: str) -> int | None:
    """Where a headline glued onto the front of a paragraph ends, or None.

    >>> text = 'Workers walk out in biggest strike in decade"This is not a shock," she said of it.'
    >>> text[: glued_headline(text)]
    'Workers walk out in biggest strike in decade'
    >>> glued_headline("The WhatsApp group and the iPhone app were shut by McDonald's.") is None
    True
    """
    match = GLUE_RE.search(text, 0, 300)
    if match is None:
        return None
    end = match.end()
    head, rest = text[:end], text[end:]
    if len(words(head)) < MIN_GLUED_HEADLINE_WORDS or not is_headline_shaped(head):
        return None
    if len(words(rest)) < MIN_PARAGRAPH_WORDS:
        return None
    return end


def strip_headlines(doc: Document, config: Config) -> Document:
    """Cut headlines glued to paragraphs; drop headline lists and trailing headlines.

    >>> texts = ["Title of the story", "First paragraph of the article is here.",
    ...          "A sub-heading", "Second paragraph of the article is here.",
    ...          "Another story's headline", "And one more story's headline",
    ...          "Third paragraph of the article is here.", "A trailing related headline"]
    >>> out = strip_headlines(Document(tuple(Block(t) for t in texts)), Config())
    >>> [b.text for b in out.blocks]
    ['Title of the story', 'First paragraph of the article is here.', 'A sub-heading', \
'Second paragraph of the article is here.', 'Third paragraph of the article is here.']
    >>> [c.rule for c in out.changes]
    ['headline-list', 'headline-list', 'trailing-headline']
    """
    blocks = list(doc.blocks)
    changes: list[Change] = []
    for index, block in enumerate(blocks):
        cut = glued_headline(block.text)
        if cut is not None:
            reason = "a headline glued onto the front of a paragraph (no space at the join)"
            where = Location(index, 0, cut)
            changes.append(Change(STAGE, "glued-headline", reason, block.text[:cut], "", where))
            blocks[index] = block._replace(text=block.text[cut:])

    drop = _headline_lines(blocks)
    for index, rule in sorted(drop.items()):
        reason = REASONS[rule]
        where = Location(index, 0, len(blocks[index].text))
        changes.append(Change(STAGE, rule, reason, blocks[index].text, "", where))
    if not changes:
        return doc
    return doc.evolve([b for i, b in enumerate(blocks) if i not in drop], changes)


REASONS = {
    "headline-list": "two or more headline-shaped lines in a row: a list of other stories",
    "trailing-headline": "a headline-shaped line after the article's last paragraph",
}


def _headline_lines(blocks: list[Block]) -> dict[int, str]:
    """Indices of headline-shaped lines to drop, with the rule that drops each."""
    prose = [i for i, b in enumerate(blocks) if is_prose(b.text)]
    if not prose:
        return {}
    first, last = prose[0], prose[-1]
    shaped = [b.kind != "list_item" and is_headline_shaped(b.text) for b in blocks]
    drop: dict[int, str] = {}
    position = 0
    for is_shaped, run in groupby(range(len(blocks)), key=lambda i: shaped[i]):
        indices = list(run)
        position += len(indices)
        if not is_shaped or indices[-1] < first:
            continue
        if indices[0] > last:
            drop.update(dict.fromkeys(indices, "trailing-headline"))
        elif len(indices) >= 2:
            drop.update(dict.fromkeys(indices, "headline-list"))
    return drop
