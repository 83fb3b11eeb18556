"""Keep the article's body: the densest run of prose, and the lines that head it.

A scrape of a whole page, or of a container that holds more than the article, puts
navigation, teasers, footers and widget text before and after the body. Within the body
paragraphs of running text follow each other; at its edges they give way to short
lines. The stage scores each block (the words of a paragraph of prose count for it,
anything else counts against it, at least ``NON_PROSE_PENALTY``) and finds the run of
blocks with the highest total (Kadane's maximum-sum run), plus up to three lines just
before it (title, standfirst, a correspondent's label). A short list inside the body
costs less than the prose on either side of it brings, so it stays.

It cuts only where evidence says the text is a page's scrape, since a list, a table,
code or a short section before or after an article's prose is the article's: a menu at
one of the text's edges (``MENU_RUN`` bare labels in a row before its first paragraph or
after its last), or chrome the stages before removed. Then what trails the body goes;
before it, everything after a menu there, or else only the bare labels above the first
paragraph. A
paragraph outside whose words the body uses stays. Left alone: a page whose body
trafilatura found, a text with no prose (a list, a poem) or few blocks.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..config import Config
from ..model import EXTRACTOR_KEY, VERBATIM_KINDS, Block, BlockKind, Change, Document, Location
from ..spaces import plain
from ..text import CARRIED_ON_ENDS, MIN_SENTENCE_WORDS, ends_sentence, word_count
from ..text.prose import (
    LABEL_VALUE_RE,
    MIN_LIST_ITEMS,
    content_words,
    heads_own_list,
    is_code_line,
    is_data_line,
    is_document_part,
    is_item_line,
    is_lead_in,
    is_link_label,
    is_own_label,
    is_prose,
    is_sign_off,
    listed_lines,
    overlap,
    words,
)

STAGE = "trim_to_body"
# What a block that is not body prose costs, at the least: eight words of prose outweigh
# one stray line, so one caption between two paragraphs never splits the body.
NON_PROSE_PENALTY = 8
# Lines just before the body that are kept with it: the title, the standfirst, a
# correspondent's label or a dateline (none of them a menu's label).
LEAD_LINES = 3
# A long block that is not prose (a paragraph that lost its full stop to a glued caption)
# costs no more than this.
MAX_PENALTY = 12
MIN_LEAD_WORDS = 2
# The line right above the first paragraph, of this many words at least, is the title,
# not a section's label, even where a page's chrome is cut.
MIN_TITLE_WORDS = 3
# An item of a numbered or bulleted list ("1. Long Road Home", "• Holds 10kg"), a fact
# line ("Referee: Ann Lee") or a phrase that carries on in lower case ("higher pay for
# nurses") is the article's more often than a menu's (menus are bare, capitalised
# labels): it costs little, so a sentence after a list is not cut off as if it stood
# beyond the body. (A verse's line that stops on a comma costs nothing: see block_score.)
LIST_ITEM_PENALTY = 2
# The list that the body's last line introduces, or that a label right after it heads
# ("Sources" over web addresses, "Further reading" over titles), is the article's: the
# body runs on over this many of its lines at most.
MAX_CLOSING_LIST = 40
# A text of fewer blocks is all body: there are no edges to trim.
MIN_BLOCKS = 8
# A menu: short labels ("World", "Climate", "The Road To Green") by the dozen, now and then
# a paragraph describing a section. One or two prose blocks with at least three such
# labels on either side are menu text: they count as little as a short sentence, so
# that they cannot pull the body's run out into the navigation.
MENU_LABEL_WORDS = 4
MENU_CONTEXT = 3
# A text is a whole page's scrape, with chrome to cut, only when this many bare labels in
# a row (a menu, a footer's links) stand outside its body.
MENU_RUN = 3
# The rules an earlier stage records a list it kept under (see ``Document.kept``).
KEPT_LISTS = frozenset({"section-list", "labelled-list"})
# A paragraph outside the body whose topic words the body uses this much is kept.
OWN_TOPIC_OVERLAP = 0.35
# What the headline stage removes as a page's chrome: labels and lists of links.
CHROME_RULES = frozenset({"trailing-headline", "section-label", "headline-list", "contents-list"})
MAX_MENU_PROSE = 2
MENU_PROSE_SCORE = 8
REASON = "outside the article's body: the run of paragraphs of prose, and the line heading it"


def block_score(text: str, kind: BlockKind = "paragraph") -> int:
    """What a block adds to a run: its words if it is body prose, a penalty otherwise.

    >>> block_score("The council approved its budget on Wednesday after a long meeting.")
    11
    >>> block_score("Sign up"), block_score("the gulls fly low over the harbour wall,")
    (-8, 0)
    """
    count = word_count(text, words(text))
    # Any sentence counts, however short ("The operator apologised."): articles end so.
    if is_prose(text) or (count >= MIN_SENTENCE_WORDS and ends_sentence(text.strip())):
        return count
    if kind in VERBATIM_KINDS or is_data_line(text):
        return 0  # a table's row or code: the article's data, wherever it stands in it
    if count >= MIN_SENTENCE_WORDS and carries_on(text):
        return 0  # a verse's line, its sentence going on in the next: the verse's own
    if (
        kind == "list_item"
        or LABEL_VALUE_RE.match(text)
        or (count >= MIN_SENTENCE_WORDS and text.lstrip()[:1].islower())
    ):
        return -LIST_ITEM_PENALTY
    return -min(max(NON_PROSE_PENALTY, count), MAX_PENALTY)


def carries_on(text: str) -> bool:
    """Whether a line stops on a comma with its sentence going on in the next line, in
    words mostly of lower case: a verse's line, not a hard-wrapped list of names.

    >>> carries_on("The boats come in at evening, the gulls fly low and grey,")
    True
    >>> carries_on("Jennings, Markus Sabadello, Steven te Brinke, Matthias Treydte,")
    False
    """
    found = words(text)
    lower = sum(word[:1].islower() for word in found)
    return text.rstrip().endswith(CARRIED_ON_ENDS) and lower * 2 >= len(found)


def lists_listed(scores: list[int], texts: list[str], counts: list[int]) -> list[int]:
    """``scores`` with the lines of the article's lists costing what a list item costs:
    the lines a lead-in introduces, and a list that answers a question (see
    :func:`listed_lines`) where the paragraphs are not a menu's blurbs. (A list under a
    bare heading is left to cost what labels cost: at a page's edges, between its
    chrome's sentences, menus and tag lists take that shape.)
    ``counts`` are the blocks' word counts.

    >>> texts = ["You will need:", "2 eggs", "Some flour", "Mix them well and bake it."]
    >>> lists_listed([3, -8, -8, 6], texts, [3, 2, 2, 6])
    [3, -2, -2, 6]
    >>> greens = ["Which greens hold the most iron?", "Kale", "Peas", "Chard",
    ...           "Cook them briefly in a little water, so that they keep their colour."]
    >>> lists_listed([-8, -8, -8, -8, 13], greens, [6, 1, 1, 1, 13])
    [-2, -2, -2, -2, 13]
    """
    listed = list(scores)
    introduced = False
    for index, (score, text) in enumerate(zip(scores, texts, strict=True)):
        if introduced and score < 0:
            listed[index] = max(score, -LIST_ITEM_PENALTY)
            continue
        introduced = is_lead_in(text)
    capped = in_menus_capped(listed, counts)
    prose = {i for i, score in enumerate(listed) if score > 0 and capped[i] == score}
    for index in listed_lines(texts, prose, bare_headings=False):
        listed[index] = max(listed[index], -LIST_ITEM_PENALTY)
    return listed


def in_menus_capped(scores: list[int], counts: list[int]) -> list[int]:
    """``scores`` with the prose of a menu (see ``MENU_CONTEXT``) counting little.

    ``counts`` are the blocks' word counts.

    >>> labels = [-8, -8, -8]
    >>> in_menus_capped([*labels, 40, *labels, 30, 25], [1, 2, 1, 40, 3, 1, 2, 30, 25])
    [-8, -8, -8, 8, -8, -8, -8, 30, 25]
    """
    capped = list(scores)
    start = 0
    while start < len(scores):
        if scores[start] <= 0:
            start += 1
            continue
        end = start
        while end < len(scores) and scores[end] > 0:
            end += 1
        before = range(start - MENU_CONTEXT, start)
        after = range(end, end + MENU_CONTEXT)
        if (
            end - start <= MAX_MENU_PROSE
            and before.start >= 0
            and after.stop <= len(scores)
            # (bare labels: a list's items cost less, and are no menu)
            and all(
                scores[k] < -LIST_ITEM_PENALTY and counts[k] <= MENU_LABEL_WORDS
                for k in (*before, *after)
            )
        ):
            for k in range(start, end):
                capped[k] = min(scores[k], MENU_PROSE_SCORE)
        start = end
    return capped


def is_label(text: str, block: Block) -> bool:
    """A bare label: a short paragraph that is no sentence ("News", "Lab life"), nor a
    line of code, nor a table's row holding figures (a table's short rows are no menu;
    a menu written as a row of links is).

    >>> is_label("Lab life", Block("Lab life")), is_label("It rained.", Block("It rained."))
    (True, False)
    >>> is_label("Monday | rye | 4", Block("Monday | rye | 4"))
    False
    >>> is_label("Home | News | Sport", Block("Home | News | Sport"))
    True
    """
    return (
        block.kind == "paragraph"
        and word_count(text, words(text)) <= MENU_LABEL_WORDS
        and not ends_sentence(text.strip())
        and not is_code_line(text)
        and not (is_data_line(text) and any(c.isdigit() for c in text))
    )


def is_title(texts: list[str], index: int, first_prose: int) -> bool:
    """Whether the line at ``index`` is the title: right above the first paragraph, and
    of ``MIN_TITLE_WORDS`` or more ("Pasta alla Norma"; a section's label is shorter).

    >>> is_title(["Recipes", "Pasta alla Norma", "A Sicilian classic, with aubergines."], 1, 2)
    True
    >>> is_title(["Recipes", "Pasta alla Norma", "A Sicilian classic, with aubergines."], 0, 2)
    False
    """
    return index == first_prose - 1 and word_count(texts[index]) >= MIN_TITLE_WORDS


def own_lists_above(texts: list[str], first_prose: int, menus: list[tuple[int, int]]) -> set[int]:
    """The lines above the first paragraph from the first own list's label on ("Ingredients"
    and the items under it, "Method"), and the title right above that label: a recipe's
    or a guide's lists before its steps, a news page's "Key points" over its bullets.

    >>> texts = ["Menu", "Spanish tortilla", "Ingredients", "4 eggs", "Salt", "Fry them."]
    >>> sorted(own_lists_above(texts, 5, []))
    [1, 2, 3, 4]
    """
    label = next((i for i in range(first_prose) if heads_own_list(texts[i])), None)
    if label is None or any(a <= label < b for a, b in menus):
        return set()
    title = label - 1 if label > 0 and word_count(texts[label - 1]) >= MIN_LEAD_WORDS else label
    return set(range(title, first_prose))


def menu_runs(texts: list[str], blocks: Sequence[Block]) -> list[tuple[int, int]]:
    """The ``(start, end)`` of every run of ``MENU_RUN`` bare labels or more.

    >>> texts = ["Home", "News", "Sport", "The bridge reopened on Friday.", "Tables"]
    >>> menu_runs(texts, [Block(t) for t in texts])
    [(0, 3)]
    >>> texts = ["Tortilla", "Ingredients", "4 eggs", "1 onion", "Salt", "Fry it slowly."]
    >>> menu_runs(texts, [Block(t) for t in texts])  # a list under its own label
    []
    """
    runs: list[tuple[int, int]] = []
    start = 0
    # Under an own list's label ("Ingredients"), with the title at most above it, lines are
    # its items, no menu; such a label amid a menu's ("Contact", "FAQ") is one of them.
    listed = False
    for index in range(len(texts) + 1):
        label = index < len(texts) and is_label(texts[index], blocks[index])
        if label and index - start <= 1 and heads_own_list(texts[index]):
            listed = True
        elif label and not listed:
            continue
        elif index == len(texts) or is_prose(texts[index]) or ends_sentence(texts[index].strip()):
            listed = False  # (an item too long for a label, "1 kg ripe tomatoes", is none)
        if index - start >= MENU_RUN:
            runs.append((start, index))
        start = index + 1
    return runs


def chrome_removed(doc: Document) -> bool:
    """Whether the stages before took out a menu or a list of other stories' headlines
    (``MENU_RUN`` lines or more): the text carried a page's chrome, even if what shows it
    is gone."""
    removed = sum(change.rule in CHROME_RULES for change in doc.changes)
    return removed >= MENU_RUN


def closing_list_end(
    texts: list[str], scores: list[int], end: int, menus: list[tuple[int, int]]
) -> int:
    """``end``, moved past the list that the body's last line introduces or that a label
    right after the body heads: up to the next prose, lead-in or label over other stories
    ("Related articles"), ``MAX_CLOSING_LIST`` lines at most. A list that an own label
    heads ("Sources", "Further reading") may be of short lines (web addresses); one that
    a sentence introduces ends where a page's menu starts (``menus``: a cookie box's
    "you can do this:" is followed by the site's sections).

    >>> texts = ["It ended well, and the code is online.", "Sources", "https://a.example/x",
    ...          "https://b.example/y", "https://c.example/z"]
    >>> closing_list_end(texts, [9, -8, -8, -8, -8], 1, [(1, 5)])
    5
    >>> closing_list_end(texts[:1] + ["Most read", "Storm hits coast"], [9, -8, -8], 1, [])
    1
    >>> closing_list_end([*texts, "Related articles", "Storm hits coast"], [9, *[-8] * 6], 1, [])
    5
    >>> texts = ["To log in, you can do this:", "Allow cookies", "Home", "News", "Sport"]
    >>> closing_list_end(texts, [9, -2, -2, -2, -2], 1, [(2, 5)])
    2

    One list may follow another ("References", then "External links"):

    >>> texts = ["It ended well.", "References", "^ A report, 2024.", "External links",
    ...          "Official website"]
    >>> closing_list_end(texts, [3, -8, 4, -8, -8], 1, [])
    5
    """
    while (moved := _past_closing_list(texts, scores, end, menus)) > end:
        end = moved
    return end


def _past_closing_list(
    texts: list[str], scores: list[int], end: int, menus: list[tuple[int, int]]
) -> int:
    if not 0 < end < len(texts):
        return end
    if is_lead_in(texts[end - 1]):
        stop, labelled = end, is_own_label(texts[end - 1])
    elif is_lead_in(texts[end]):
        stop, labelled = end + 1, is_own_label(texts[end])
    elif heads_items(texts, end):
        stop, labelled = end + 1, None  # "Key changes" over "higher pay for nurses", ...
    else:
        return end
    limit = min(len(texts), stop + MAX_CLOSING_LIST)
    if not labelled:
        limit = min([limit, *(a for a, _ in menus if a >= stop)])
    while (
        stop < limit
        and scores[stop] <= 0
        and not is_lead_in(texts[stop])
        and not is_link_label(texts[stop])
    ):
        stop += 1
    # The sentences right after the list close the article ("The opposition wants
    # changes."): a page's chrome starts with its labels.
    while stop < len(texts) and scores[stop] > 0:
        stop += 1
    return stop


def heads_items(texts: list[str], index: int) -> bool:
    """Whether the line at ``index`` is a short label over ``MIN_LIST_ITEMS`` list items
    (see :func:`is_item_line`).

    >>> heads_items(["Key changes", "higher pay for nurses", "new tax breaks"], 0)
    True
    >>> heads_items(["Most read", "Storm closes coast road", "Bridge reopens"], 0)
    False
    """
    items = texts[index + 1 : index + 1 + MIN_LIST_ITEMS]
    return (
        word_count(texts[index]) <= MENU_LABEL_WORDS
        and len(items) == MIN_LIST_ITEMS
        and all(is_item_line(text) for text in items)
    )


def body_span(scores: list[int]) -> tuple[int, int] | None:
    """The ``(start, end)`` of the run with the highest total, or None if nothing scores.

    >>> body_span([-8, 30, -8, 20, -8, -8])
    (1, 4)
    """
    best, best_span = 0, None
    total, start = 0, 0
    for index, score in enumerate(scores):
        if total <= 0:
            total, start = 0, index
        total += score
        if total > best:
            best, best_span = total, (start, index + 1)
    return best_span


def trim_to_body(doc: Document, config: Config) -> Document:
    """Drop the blocks before and after the article's body.

    >>> from cleaner.model import Block
    >>> texts = ["Home", "News", "Sport", "Bridge reopens after two years",
    ...          "The bridge over the river reopened on Friday after two years of repairs.",
    ...          "Traffic will be limited to cars for the first month, officials said.",
    ...          "About us", "Contact", "Jobs", "Terms"]
    >>> out = trim_to_body(Document(tuple(Block(t) for t in texts)), Config())
    >>> [b.text for b in out.blocks]
    ['Bridge reopens after two years', \
'The bridge over the river reopened on Friday after two years of repairs.', \
'Traffic will be limited to cars for the first month, officials said.']
    """
    if len(doc.blocks) < MIN_BLOCKS or doc.metadata.get(EXTRACTOR_KEY) == "trafilatura":
        return doc
    # Judged as the tidy will leave them, so that a second cleaning judges them alike.
    texts = [plain(block.text) for block in doc.blocks]
    scores = [block_score(text, block.kind) for text, block in zip(texts, doc.blocks, strict=True)]
    counts = [word_count(text, words(text)) for text in texts]
    scores = lists_listed(scores, texts, counts)
    # A list that the headline stage kept under a section's heading or an own list's
    # label is the article's: its lines cost nothing.
    listed = {keep.text for keep in doc.kept if keep.rule in KEPT_LISTS}
    if listed:
        scores = [max(score, 0) if texts[i] in listed else score for i, score in enumerate(scores)]
    span = body_span(in_menus_capped(scores, counts))
    if span is None:
        return doc
    start, end = span
    menus = menu_runs(texts, doc.blocks)
    end = closing_list_end(texts, scores, end, menus)
    if end < len(texts) and scores[end - 1] > 0 and is_sign_off(texts[end]):
        end += 1  # the writer's last words after the last paragraph ("Enjoy!")
    for _ in range(LEAD_LINES):
        if (
            start > 0
            and word_count(texts[start - 1]) >= MIN_LEAD_WORDS
            and not any(a <= start - 1 < b for a, b in menus)
        ):
            start -= 1
        else:
            break
    # Only a text that shows a page's chrome outside the body (a menu) is cut: without
    # it, a list, a table or a short section before or after the prose is the article's.
    outside = [*range(start), *range(end, len(texts))]
    if not outside:
        return doc
    # A page's menu stands at its edges, before its first paragraph or after its last: a
    # run of short lines between paragraphs is a list (what you need, a tool's parts).
    prose = [i for i, score in enumerate(scores) if score > 0]
    edges = [(a, b) for a, b in menus if not prose or b <= prose[0] or a > prose[-1]]
    # A menu at an edge, or chrome the stages before took out, shows a page's scrape:
    # what trails the body goes. Before the body, all goes only after a menu there;
    # otherwise only the bare labels above the first paragraph (a title and an intro may
    # stand apart from the body, and a list after the intro is the article's).
    head_menu = any(b <= start for _, b in edges)
    if not (edges or chrome_removed(doc)):
        return doc
    first_prose = prose[0] if prose else start
    own = own_lists_above(texts, first_prose, menus)
    # The body opens on the lines right above its first paragraph that cost nothing and
    # are no labels (a verse's first lines, a table): the title stands above them.
    opening = first_prose
    while (
        opening > 0
        and scores[opening - 1] == 0
        and not is_label(texts[opening - 1], doc.blocks[opening - 1])
    ):
        opening -= 1
    outside = [
        i
        for i in outside
        if i >= end
        or head_menu
        or (
            i < first_prose
            and i not in own
            and is_label(texts[i], doc.blocks[i])
            and not is_title(texts, i, opening)
            and not is_document_part(texts[i])  # a paper's "Background", a "Chapter 1"
        )
    ]
    if not outside:
        return doc
    # A paragraph outside that is about what the body is about is the article's (a last
    # paragraph after a caption or a box): another story's teaser mostly is not.
    vocabulary = {w for i in range(start, end) for w in content_words(texts[i])}
    gone = {
        i for i in outside if scores[i] <= 0 or overlap(texts[i], vocabulary) < OWN_TOPIC_OVERLAP
    }
    if not gone:
        return doc
    changes = [
        Change(STAGE, "outside-body", REASON, block.text, "", Location(i, 0, len(block.text)))
        for i, block in enumerate(doc.blocks)
        if i in gone
    ]
    return doc.evolve([b for i, b in enumerate(doc.blocks) if i not in gone], changes)
