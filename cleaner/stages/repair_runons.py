"""Split paragraphs that a scraper ran together at a sentence end with no space between.

When markup is minified, ``</p><p>`` leaves no whitespace behind, and text extraction
gives ``...popular psyche.But what far fewer...``. A sentence end glued straight onto a
capital letter is that evidence: writers put a space there, so a missing one marks an
element boundary, and the stage makes the two sides two paragraphs.

It never splits initials and dotted abbreviations (``U.S.``, ``p.m.``), titles
(``Mr.Smith``), domains (``Canada.Com``), e-mail addresses, URLs, ellipses or decimals
(a digit after the dot is never a capital). Glue without a full stop
(``decade"This``, ``hoursExperts``) is left for ``strip_headlines``, which reads it as
evidence of an injected headline.
"""

from __future__ import annotations

import re

from ..config import Config
from ..edits import paragraph_break, split_blocks
from ..model import Block, Change, Document

STAGE = "repair_runons"
REASON = "a sentence end glued to the next one without a space: two paragraphs run together"

# A sentence end (one ! or ?, or one full stop) right after a letter, digit, closing
# bracket or closing quote, then an optional closing quote and zero-width glue, then a
# capital (possibly behind an opening quote). Two or more dots are an ellipsis, never split.
GLUE_RE = re.compile(
    r"(?:(?<=[^\W_])|(?<=[)\]%”’\"']))(?<!\.)([.!?])([\"”’']?)([\u200b\u2060\ufeff]*)(?=[\"“‘]?[A-Z])"
)
# Two or more spaces after a sentence end: the whitespace between two paragraph elements,
# collapsed onto one line. Only read so when most sentence ends in the text have one space
# (some writers put two after every sentence).
SPACED_GLUE_RE = re.compile(
    r"(?:(?<=[^\W_])|(?<=[)\]%”’\"']))(?<!\.)[.!?][\"”’']?( {2,}|\t+)(?=[\"“‘]?[A-Z])"
)
SENTENCE_END_RE = re.compile(r"[.!?][\"”’']?[ \t]+(?=[\"“‘]?[A-Z])")
# A live blog's next entry glued on: a sentence end, then a time and a capital
# ("...injured.”16:59Joseph Gamp Police say...").
TIMESTAMP_GLUE_RE = re.compile(r"[.!?][\"”’']?(?=\d{1,2}:\d{2}(?:\s?[AaPp]\.?[Mm]\.?)?\s?[A-Z])")
MAX_SPACED_SHARE = 0.9
WORD_BEFORE_RE = re.compile(r"[^\W_]+$")
LETTERS_RE = re.compile(r"[A-Za-z]+")

# Abbreviations that end in a full stop and are followed by a capitalised name or word.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st mt ft jr sr rev gen col lt sgt capt cpl maj adm cmdr gov sen rep
    pres supt insp det hon messrs mme mlle sra sr sra no nos vol vols fig figs ch pp ed eds
    approx est dept univ assn bros inc ltd co corp plc vs etc al
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
# Generic domain endings, for ``Canada.Com`` written with a capital. Country codes are
# left out: "No", "In", "It", "Me" start sentences far more often than they end domains.
TOP_LEVEL_DOMAINS = frozenset("com org net edu gov info biz".split())


def glue_points(text: str) -> list[int]:
    """Offsets where ``text`` should be split: just after each glued sentence end.

    >>> text = "He left.She stayed.“Why?” he asked. The U.S.Army met Mr.Smith at Canada.Com."
    >>> [text[:i][-6:] for i in glue_points(text)]
    [' left.', 'tayed.']
    >>> glue_points('They said "stop."Then he went.')
    [17]
    >>> glue_points("Four were hurt.”16:59Joseph Gamp Police said more.")
    [16]
    """
    points = [match.end() for match in _spaced_sentence_ends(text)]
    points += [match.end() for match in TIMESTAMP_GLUE_RE.finditer(text)]
    for match in GLUE_RE.finditer(text):
        stop, quote, _glue = match.groups()
        if stop == "." and _is_abbreviation(text, match.start()):
            continue
        if _in_address(text, match.start(), match.end()):
            continue
        # A straight double quote after the stop closes a quotation when an odd number
        # of them came before it (split after it); otherwise it opens the next sentence.
        if quote == '"' and text.count('"', 0, match.start()) % 2 == 0:
            points.append(match.start() + len(stop))
        else:
            points.append(match.end())
    return sorted(set(points))


def _spaced_sentence_ends(text: str) -> list[re.Match[str]]:
    spaced = list(SPACED_GLUE_RE.finditer(text))
    if not spaced:
        return []
    ends = len(SENTENCE_END_RE.findall(text))
    if len(spaced) > MAX_SPACED_SHARE * ends:
        return []
    return [m for m in spaced if not _is_abbreviation(text, m.start())]


def _is_abbreviation(text: str, stop: int) -> bool:
    word = WORD_BEFORE_RE.search(text, 0, stop)
    if word is None:
        return False
    token = word.group()
    # One letter before the dot: an initial or a dotted abbreviation (U.S., p.m., J.K.).
    return len(token) == 1 or token.lower() in ABBREVIATIONS


def _in_address(text: str, start: int, end: int) -> bool:
    """Whether the glue sits inside an e-mail address, a URL or a capitalised domain."""
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    token_end = end
    while token_end < len(text) and not text[token_end].isspace():
        token_end += 1
    token = text[left:token_end]
    if "@" in token or "/" in token or token.lower().startswith("www."):
        return True
    letters = LETTERS_RE.match(text, end)
    after = letters.end() if letters else end
    return (
        letters is not None
        and letters.group().lower() in TOP_LEVEL_DOMAINS
        and (after == len(text) or not text[after].isalpha())
    )


def repair_runons(doc: Document, config: Config) -> Document:
    """Split each block at sentence ends glued to the next sentence without a space.

    >>> doc = repair_runons(Document((Block("It rained.Roads closed at 9.30am."),)), Config())
    >>> [b.text for b in doc.blocks]
    ['It rained.', 'Roads closed at 9.30am.']
    >>> doc.changes[0].before, doc.changes[0].after
    ('rained.Roads', 'rained.\\n\\nRoads')
    """
    blocks: list[Block] = []
    changes: list[Change] = []
    for index, block in enumerate(doc.blocks):
        points = glue_points(block.text)
        if not points:
            blocks.append(block)
            continue
        blocks += split_blocks(block, points)
        for point in points:
            changes.append(
                paragraph_break(STAGE, "sentence-glue", REASON, index, block.text, point)
            )
    if not changes:
        return doc
    return doc.evolve(blocks, changes)
