"""Remove headlines of other stories that a scraper left inside the article body.

Related-article widgets put other stories' headlines into the body: as a list of lines,
as a line after the last paragraph, or glued straight onto the front of a paragraph
(``...walk out in biggest strike in decade"This is not a shock...``). A headline has a
shape: a short line that does not end a sentence. The article's own sub-headings share
that shape, so shape alone decides nothing; the stage combines it with evidence:

* glue: a headline-shaped run of words ends where a lower-case letter touches a capital
  or an opening quote with no space between, at the front of a long paragraph;
* topic: an article's own sub-headings use its words; another story's headline mostly
  does not (a sports headline in a wine column), so a headline-shaped line whose words
  the paragraphs do not use goes, and so does a run of such lines (a related list);
* position: headline-shaped lines after the article's last paragraph go.

Short headline-shaped lines that share the article's words (sub-headings, product
spec lines) stay, and so do the lines before the first paragraph (title, standfirst).
"""

from __future__ import annotations

import re
from itertools import groupby

from ..chars import BLANK_CHARS
from ..config import Config
from ..edits import paragraph_break, split_blocks
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

# A capitalised word glued onto a word that starts sentences ("...Atkinson for Rest of
# WorldThe scale of..."): the end of a caption's credit line. Camel-case names
# ("BlackRock", "YouTube") go on with a word that never starts a sentence.
# Short starters ("In", "On", "It") are left out: they end too many camel-case names
# ("LinkedIn", "HubSpot").
SENTENCE_STARTERS = """The She He They This That These Those There When While After Before Her His
Their Its Our Despite Although However Meanwhile Since Many Most Other Designed Wearing""".split()
STARTER_GLUE_RE = re.compile(r"(?<=[A-Za-z])[a-z](?=(?:" + "|".join(SENTENCE_STARTERS) + r")\b)")
# A credit's last word glued onto the next paragraph ("Getty ImagesDesigned by...").
CREDIT_GLUE_RE = re.compile(
    r"(?:Images|Image|Photos?|Photography|Pictures|Stringer|Supplied|Handout|Getty|AFP|AP"
    r"|Reuters|REUTERS|EPA|Bloomberg|Shutterstock|iStockphoto|Alamy|Courtesy)(?=[A-Z][a-z])"
)
# A caption: a sentence, then a short credit line of names before the glue.
CAPTION_CREDIT_RE = re.compile(r"[.!?][\"”’)]?\s+((?:\S+\s+){0,9}\S+)$")
# Most words of a credit line are capitalised names ("Tara Atkinson for Rest of World").
MIN_CREDIT_CAPITALS = 0.6
MAX_CAPTION_SENTENCES = 2
SENTENCE_STOP_RE = re.compile(r"[.!?][\"”’)]?\s")
MAX_PREFIX_CHARS = 400
MIN_AFTER_CREDIT_WORDS = 3
# Widget texts can be stacked ("View 3 Images" + a caption + the paragraph).
MAX_GLUED_PREFIXES = 3
MAX_CAPTION_WORDS = 70

HEADLINE_WORDS = range(1, 26)
# Before the first paragraph, a line this short is a section label ("Politics"), not a
# title or standfirst.
MAX_LABEL_WORDS = 2
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


def glued_prefix(text: str) -> tuple[int, str] | None:
    """Where widget text glued onto the front of a paragraph ends, and which rule cuts it.

    Two kinds are recognised at the first glue point that fits: a headline (a
    headline-shaped run of four or more words, ``glued-headline``) and a picture caption
    (sentences and a credit, ``glued-caption``). What follows must be a paragraph.

    >>> text = 'Workers walk out in biggest strike in decade"This is not a shock," she said of it.'
    >>> end, rule = glued_prefix(text); text[:end], rule
    ('Workers walk out in biggest strike in decade', 'glued-headline')
    >>> text = "The new lobby. Photo SuppliedThe revamp followed a fire that burned half the town."
    >>> end, rule = glued_prefix(text); text[:end], rule
    ('The new lobby. Photo Supplied', 'glued-caption')
    >>> glued_prefix("The WhatsApp group and the iPhone app were shut by McDonald's.") is None
    True
    >>> glued_prefix("Analysts at the investment giant BlackRock said the fund would grow.") is None
    True
    """
    points = sorted(
        {(m.end(), "lower") for m in GLUE_RE.finditer(text, 0, MAX_PREFIX_CHARS)}
        | {(m.end(), "credit") for m in CREDIT_GLUE_RE.finditer(text, 0, MAX_PREFIX_CHARS)}
        | {(m.end(), "starter") for m in STARTER_GLUE_RE.finditer(text, 0, MAX_PREFIX_CHARS)}
    )
    for end, glue in points:
        head, rest = text[:end], text[end:]
        # After a credit ("...Getty Images") even a short sub-heading may follow.
        if len(words(rest)) < (MIN_AFTER_CREDIT_WORDS if glue == "credit" else MIN_PARAGRAPH_WORDS):
            continue
        headline_words = len(words(head)) >= MIN_GLUED_HEADLINE_WORDS
        # The headline goes in front of a paragraph: what follows must end a sentence
        # (otherwise the words before the glue may be the paragraph, and the headline after).
        if glue == "lower" and headline_words and is_headline_shaped(head) and is_prose(rest):
            return end, "glued-headline"
        if len(words(head)) <= MAX_CAPTION_WORDS and (glue == "credit" or _ends_in_credit(head)):
            return end, "glued-caption"
    return None


def element_glue_points(text: str) -> list[int]:
    """Where a lower-case word touches a capitalised one or an opening quote, mid-text.

    Such a join is where a scraper put two elements together ("...purifying the
    airHere are some..."): the stage splits there, so that each side is judged as a line
    of its own and a headline or caption in a run of text is found like any other.

    >>> text = "Bridge reopens in springThe council said so."
    >>> [text[:point] for point in element_glue_points(text)]
    ['Bridge reopens in spring']
    """
    return [
        m.end()
        for m in GLUE_RE.finditer(text)
        if not m.group().isdigit()  # a time or count before a name: live-blog chrome
        and len(words(text[: m.end()])) >= 2
        and len(words(text[m.end() :])) >= 2
    ]


def _ends_in_credit(head: str) -> bool:
    """Whether text is one or two sentences then a short line of mostly capitalised names."""
    credit = CAPTION_CREDIT_RE.search(head)
    if credit is None or len(SENTENCE_STOP_RE.findall(head)) > MAX_CAPTION_SENTENCES:
        return False
    names = words(credit.group(1))
    capitals = sum(word[:1].isupper() for word in names)
    return bool(names) and capitals >= MIN_CREDIT_CAPITALS * len(names)


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
    changes: list[Change] = []
    # Each working line with the block it came from and its offset there, so that every
    # change names a place in the document as this stage received it.
    lines: list[tuple[Block, int, int]] = []
    protected: set[int] = set()
    for index, block in enumerate(doc.blocks):
        offset = 0
        for _ in range(MAX_GLUED_PREFIXES):
            found = glued_prefix(block.text[offset:])
            if found is None:
                break
            cut, rule = found
            where = Location(index, offset, offset + cut)
            before = block.text[offset : offset + cut]
            changes.append(Change(STAGE, rule, REASONS[rule], before, "", where))
            offset += cut
        rest = block._replace(text=block.text[offset:])
        points = element_glue_points(rest.text)
        reason = REASONS["element-glue"]
        changes += [
            paragraph_break(STAGE, "element-glue", reason, index, block.text, offset + point)
            for point in points
        ]
        starts = [offset, *(offset + point for point in points)]
        pieces = split_blocks(rest, points)
        # The text before a glue point is the paragraph's own (or a heading's); what was
        # glued on comes after it. Only the glued-on pieces are judged as headlines.
        protected.update(range(len(lines), len(lines) + len(pieces) - 1))
        lines += [(piece, index, start) for piece, start in zip(pieces, starts, strict=True)]

    drop = _headline_lines([line for line, _, _ in lines], protected)
    for number, rule in sorted(drop.items()):
        line, index, start = lines[number]
        where = Location(index, start, start + len(line.text))
        changes.append(Change(STAGE, rule, REASONS[rule], line.text, "", where))
    if not changes:
        return doc
    return doc.evolve([line for n, (line, _, _) in enumerate(lines) if n not in drop], changes)


REASONS = {
    "element-glue": "two elements joined with no space (a lower-case word touching a capital):"
    " split so each is judged as a line of its own",
    "glued-headline": "a headline glued onto the front of a paragraph (no space at the join)",
    "glued-caption": "a picture caption and credit glued onto the front of a paragraph",
    "headline-list": "one of a run of headline-shaped lines, with words the article does not"
    " use: a list of other stories",
    "unrelated-headline": "a headline-shaped line whose words the article does not use:"
    " another story's headline",
    "trailing-headline": "a headline-shaped line after the article's last paragraph",
    "section-label": "a one- or two-word line before the article's first paragraph",
}
# Words too common to tell one story from another.
STOPWORDS = frozenset(
    """the a an and or but nor of to in on at by for with from into onto over under after
    before about as is are was were be been being it its this that these those he she they
    we you i me him her them us his hers their theirs our your my not no yes so than then if
    when where which who whom whose what why how all any some more most many much new says
    said say will would can could may might must shall should has have had do does did
    also just up out off down amid via per""".split()
)
# Below this share of its words found in the article's paragraphs, a line is about
# something else: measured on the dev set, the article's own sub-headings score 0.76 on
# average and other stories' headlines under 0.3.
UNRELATED_OVERLAP = 0.35
LIST_OVERLAP = 0.5
# In a list of other stories, a line that uses the article's words this much is kept: a
# sub-heading that happens to stand next to a related headline.
LIST_KEEP_OVERLAP = 0.75
MIN_UNRELATED_WORDS = 6


def content_words(text: str) -> list[str]:
    """Lower-cased words that carry a story's topic (no stopwords, no one- or two-letter words)."""
    return [w for w in (w.lower() for w in words(text)) if len(w) > 2 and w not in STOPWORDS]


def overlap(text: str, vocabulary: set[str]) -> float:
    """The share of a line's topic words that the article uses elsewhere.

    >>> overlap("Bridge repairs finish early", {"bridge", "repairs", "council"})
    0.5
    """
    own = content_words(text)
    return sum(w in vocabulary for w in own) / len(own) if own else 1.0


def _headline_lines(blocks: list[Block], protected: set[int]) -> dict[int, str]:
    """Indices of headline-shaped lines to drop (none of ``protected``), with the rule for each."""
    prose = [i for i, b in enumerate(blocks) if is_prose(b.text)]
    if not prose:
        return {}
    first, last = prose[0], prose[-1]
    shaped = [
        i not in protected and b.kind != "list_item" and is_headline_shaped(b.text)
        for i, b in enumerate(blocks)
    ]
    vocabulary_of = {i: set(content_words(blocks[i].text)) for i in prose}
    drop: dict[int, str] = {}
    for is_shaped, run in groupby(range(len(blocks)), key=lambda i: shaped[i]):
        indices = list(run)
        if not is_shaped:
            continue
        if indices[-1] < first:  # the title and standfirst, and section labels
            for i in indices:
                if len(words(blocks[i].text)) <= MAX_LABEL_WORDS:
                    drop[i] = "section-label"
            continue
        if indices[0] > last:
            drop.update(dict.fromkeys(indices, "trailing-headline"))
            continue
        vocabulary = set().union(*(v for i, v in vocabulary_of.items() if i not in indices))
        scores = {i: overlap(blocks[i].text, vocabulary) for i in indices}
        in_list = len(indices) >= 2 and sum(scores.values()) / len(indices) < LIST_OVERLAP
        for i, score in scores.items():
            if in_list and score < LIST_KEEP_OVERLAP:
                drop[i] = "headline-list"
            elif score < UNRELATED_OVERLAP and len(words(blocks[i].text)) >= MIN_UNRELATED_WORDS:
                drop[i] = "unrelated-headline"
    return drop
