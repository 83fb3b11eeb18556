"""Remove promo, social, newsletter, caption, byline, embed and widget text.

The rules live in ``cleaner/rules/promos.toml``: each names a shape of line that is not
article text, and says whether it takes a whole paragraph or cuts a segment glued to
the front or the back of one. A paragraph is cut down segment by segment
("Advertisement 2Story continues belowArticle contentThe council said..." loses three
labels and keeps its sentence), and dropped when nothing but promo text is left.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..chars import BLANK_CHARS, JOINERS, ZERO_WIDTH
from ..config import Config
from ..limits import check_time
from ..model import LANGUAGE_KEY, VERBATIM_KINDS, Block, Change, Document, Location
from ..rules import Rule, RuleSet, Where, labels_of, load_packs, packs_for
from ..spaces import plain_view
from ..text import ends_sentence, reports_speech, sentence_count, word_count
from ..text.encoding import repair_alone
from ..text.prose import is_prose

STAGE = "strip_promos"
INVISIBLE = ZERO_WIDTH + JOINERS
# Texts whose cuts one document's pass remembers, and how long each may be.
MAX_REMEMBERED = 4096
MAX_REMEMBERED_CHARS = 1000
# Promos that a report of someone's words can look like are kept when the text they
# would take reports speech ("Join our WhatsApp group, the head teacher wrote."); a
# caption or a byline is not speech, whatever verbs it holds.
SPEECH_BLIND_CLASSES = frozenset({"caption", "byline"})
# The most glued pieces joined back to test a whole-paragraph rule.
MAX_GLUED_RUN = 6
# Glued runs tried per document. An article has a few dozen glue points; text made of
# thousands ("wordWord" x 30,000) would cost minutes, so past this the pieces are judged
# one by one only.
MAX_RUN_ATTEMPTS = 300
# A glued piece that is promo on its own is the credit of the sentence before it (its
# caption) when it opens with a credit label ("Image Credits: ...", "Photograph by ...")
# or is made of names only ("Jane Roe/Example Agency", "(AP)"); otherwise it is a
# caption, an embed or a box of its own.
CREDIT_LABEL_RE = re.compile(
    r"\(?(?:image|picture|photo|photograph|pic|credit|source)s?(?: credits?)?\s?(?::|by\b)", re.I
)
CREDIT_NAME = r"\(?(?:[A-Z0-9][\w'’.&/-]*|via|for|and|of)\)?[;,.]?"
NAMES_ONLY_RE = re.compile(rf"{CREDIT_NAME}(?:\s+{CREDIT_NAME})*")  # one way to split: linear
BARE_CREDIT_SHAPE_RE = re.compile(
    r"/|^\(.*\)$|\b(?:AP|AFP|Reuters|REUTERS|Getty(?: Images)?|PA|EPA|Bloomberg|Shutterstock"
    r"|Alamy|Supplied|Handout|iStock(?:photo)?)\)?[;,.]?$"
)
# A sentence's end (not a colon: a label ending in one leads in what follows).
STOP_END_RE = re.compile(r"[.!?…][\"'”’)\]]*$")
# A label whose last word is capitalised glued onto a capitalised sentence ("Trending
# NowCouncillors voted", "Related Story: Bill rises to £10mThe council"): run-on repair
# cannot split there, camel-case names look the same ("YouTube"), so whole-paragraph rules
# are tried on the text up to each such join within this many characters of the start.
# (Two characters of a word before the join: "iStockphoto" and "eBay" are words.)
# A zero-width character between the two sides is a join too, the same as none: the tidy
# removes it, and a second cleaning must find what the first one did ("Trending
# Now\u200bCouncillors voted"); the join is then where the invisible run starts.
CAMEL_JOIN_RE = re.compile(
    rf"[A-Z](?<=[a-z\d][a-z\d)][A-Z])(?=[a-z])"
    rf"|[{INVISIBLE}](?<=[a-z\d][a-z\d)][{INVISIBLE}])[{INVISIBLE}]*(?=[A-Z][a-z])"
)
MAX_GLUED_LABEL = 160
# Likewise a promo glued onto the end of a sentence with no capital to split at
# ("...in the chamber.3 March 2025 • 4 min read"): whole-paragraph rules are tried on
# the text after each sentence end touching what follows, near the end. (A word of two
# lower-case letters before the stop: not initials, decimals or "No.3".)
STOP_JOIN_RE = re.compile(rf"[.!?](?<=[a-z]{{2}}[.!?])[\"”’)]?(?=[{INVISIBLE}]*[A-Z\d•©—–])")
# What is left beside a glued promo reads as a sentence: so many words, and a stop.
MIN_SENTENCE_LEFT = 6


# The label of a box's button, in the languages of the rule packs.
BUTTON_LABEL_RE = re.compile(
    r"(?i:sign ?up(?: now| free| here)?|subscribe(?: now)?|register(?: now)?|submit|join(?: now)?"
    r"|get started|continue|log ?in|sign ?in|try (?:it )?free|anmelden|jetzt anmelden|abonnieren"
    r"|registrieren|s['’]inscrire|je m['’]inscris|s['’]abonner|valider|suscribirse|suscríbete"
    r"|regístrate|iscriviti|abbonati|inscreva-se|assine|aanmelden|inschrijven|abonneren)[.!]?"
)
# A bare number (a like or share count): beside a share bar or a comments label it is
# the bar's count; alone it may be a table's cell, a score or a rank, and stays.
BARE_COUNT_RE = re.compile(r"\d{1,3}(?:[,.]\d{3})*(?:\.\d)?[kKmM]?")
BOX_BUTTON = "box-button"
BOX_COUNT = "box-count"
BOX_LINE = "box-line"
TEASER_LIST = "teaser-list"
BOX_REASONS = {
    BOX_COUNT: "a bare like, comment or share count beside a share bar or a comments label",
    BOX_BUTTON: "a lone button label beside a line of a newsletter, paywall or promo box",
    BOX_LINE: "a short line inside a promo box, between its button and another of its lines",
    TEASER_LIST: "another story's headline or teaser, in a list of them under a read-more"
    " label, with no paragraph after it",
}
MAX_BOX_LINE_WORDS = 25
MAX_BUTTON_CHARS = 30
# Other stories under a bare read-more label: headline lines and their teasers.
READ_MORE_CLASS = "read-more"
# A button that shows the rest of a text cut short: the article goes on after it.
EXPANDER_LABEL_RE = re.compile(
    r"(?i:read more|show more|see more|continue reading|mehr anzeigen|weiterlesen|mehr lesen"
    r"|lire la suite|voir plus|leggi tutto|leggi di più|leer más|ver más|lees meer"
    r"|toon meer|czytaj dalej|pokaż więcej|číst dál|читать далее|показать больше)"
)
WIDGET_CLASS = "widget"
MAX_TEASER_LABEL_CHARS = 60
MIN_TEASER_STORIES = 2
MAX_TEASER_HEADLINE_WORDS = 25
MAX_TEASER_QUESTION_WORDS = 15
MIN_TEASER_WORDS = 6
MAX_TEASER_WORDS = 80


def strip_block(text: str, rules: RuleSet) -> tuple[str, list[tuple[Rule, int, int]]]:
    """Cut promo segments from one paragraph; return what is left and the cuts made.

    Spans are offsets in ``text``. An empty result means the paragraph was all promo.

    >>> rules = load_packs(("promos",))
    >>> left, cuts = strip_block("Article contentAdvertisementThe mayor spoke.", rules)
    >>> left, [(rule.id, start, end) for rule, start, end in cuts]
    ('The mayor spoke.', [('article-content-label', 0, 15), ('advert-label', 15, 28)])
    """
    start, end, cuts = strip_span(text, rules)
    if start >= end:
        return "", cuts
    return text[start:end] if cuts else text, cuts


def strip_span(text: str, rules: RuleSet) -> tuple[int, int, list[tuple[Rule, int, int]]]:
    """Like :func:`strip_block`, but say where in ``text`` what is left starts and ends."""
    start = len(text) - len(text.lstrip(BLANK_CHARS))
    end = len(text.rstrip(BLANK_CHARS))
    cuts: list[tuple[Rule, int, int]] = []
    # No cap on the number of cuts (a cap would leave work for a second run, so cleaning
    # would not be idempotent); each one costs a window's worth of work, never the text's.
    while start < end:
        found = _first_match(text, start, end, rules)
        if found is None:
            break
        rule, cut_start, cut_end = found
        cuts.append((rule, cut_start, cut_end))
        if cut_start == start:
            start = cut_end
            while start < end and text[start] in BLANK_CHARS:
                start += 1
        else:
            end = cut_start
            while end > start and text[end - 1] in BLANK_CHARS:
                end -= 1
    return start, end, cuts


def _remembered_spans(
    rules: RuleSet,
) -> Callable[[str], tuple[int, int, list[tuple[Rule, int, int]]]]:
    """:func:`strip_span` for one document, remembering what it found for each text: a
    block is looked at twice when it has cuts, and pages repeat their labels ("Advertisement"
    twenty times; a hostile text, one short line a hundred thousand times)."""
    found: dict[str, tuple[int, int, list[tuple[Rule, int, int]]]] = {}

    def span_of(text: str) -> tuple[int, int, list[tuple[Rule, int, int]]]:
        known = found.get(text)
        if known is None:
            known = strip_span(text, rules)
            if len(text) <= MAX_REMEMBERED_CHARS and len(found) < MAX_REMEMBERED:
                found[text] = known
        return known

    return span_of


def split_points(text: str, rules: RuleSet) -> list[tuple[Rule, int, int]]:
    """The labels that ``split`` rules find glued between two paragraphs, in text order.

    >>> points = split_points("Done.Article contentNext one.", load_packs(("promos",)))
    >>> [(rule.id, start, end) for rule, start, end in points]
    [('article-content-split', 5, 20)]
    """
    return labels_of(text, rules, "split")


def glued_run_match(
    blocks: tuple[Block, ...], index: int, rules: RuleSet
) -> tuple[Rule, int] | None:
    """A promo box that run-on repair cut into glued pieces: the rule and where the run ends.

    When the block at ``index`` matches no whole-paragraph rule on its own, the shortest
    run of it and the blocks glued onto it that does, joined as they stood in the source,
    is taken whole ("We have more newsletters" + "Show me" + "See our privacy notice"),
    never going past a piece that is promo on its own (a paragraph, a glued "READ MORE:"
    line and a caption are not one caption). Such a piece ends a run of two: a caption
    and its credit, never a paragraph and the caption glued after it.
    A label that matches on its own and ends in a colon leads in what follows: the run
    goes on as long as the joined text still matches ("Open this photo in gallery:" +
    "The two chiefs at a conference." is one caption, however repair cut it).

    >>> pieces = (Block("Sign up"), Block("Invalid Email", glued=True), Block("Rain fell."))
    >>> rule, end = glued_run_match(pieces, 0, load_packs(("promos",)))
    >>> rule.id, end
    ('newsletter-consent', 2)
    >>> pieces = (Block("The bridge reopened."), Block("Workers on it (Image: PA)", glued=True))
    >>> glued_run_match(pieces, 0, load_packs(("promos",))) is None
    True
    """
    if index + 1 >= len(blocks) or not blocks[index + 1].glued:
        return None
    text = blocks[index].text.strip(BLANK_CHARS)
    if len(text) > rules.longest_block:
        return None  # no whole-paragraph rule looks at text this long, joined or not
    matched_alone = rules.first("block", text) is not None
    if matched_alone and not text.endswith(":"):
        return None  # the block goes on its own, through strip_block
    joined = blocks[index].text
    run: tuple[Rule, int] | None = None
    end = index + 1
    ends_sentence = STOP_END_RE.search(blocks[index].text.rstrip(BLANK_CHARS))
    while end < len(blocks) and blocks[end].glued and end - index < MAX_GLUED_RUN:
        piece = blocks[end].text
        joined += piece
        end += 1
        core = joined.strip(BLANK_CHARS)
        if len(core) > rules.longest_block:
            break
        piece_core = piece.strip(BLANK_CHARS)
        piece_alone = not matched_alone and rules.first("block", piece_core) is not None
        # A piece that is promo on its own goes on its own: a run may end with one (a
        # caption and its credit) but not go on past it, and takes only the one piece
        # before it, and a sentence only when the piece is a bare credit (its caption):
        # a rule matching "<anything> (Image: PA)" would take any paragraph before.
        # A sentence that starts its line, with pieces glued on and the next paragraph
        # glued after them, is a paragraph before a picture or a box, not their caption
        # or pitch (see _paragraph_before_element).
        if piece_alone and (end - index > 2 or (ends_sentence and not is_bare_credit(piece_core))):
            break
        if ends_sentence and _paragraph_before_element(blocks, index, end):
            break
        found = rules.first("block", core)
        if found is None:
            if matched_alone or piece_alone:
                break
            continue
        run = found[0], end
        if not matched_alone:
            break
    return run


def _paragraph_before_element(blocks: tuple[Block, ...], index: int, end: int) -> bool:
    """Whether the block at ``index``, before the glued pieces that end at ``end``, starts
    its line while the block after them is glued on: "Para.Image: SuppliedNext para",
    "Para.Subscribe to The HeraldNext para". A caption, or a box's pitch, is an element
    of its own: glued onto what came before it, or ending its line with the rest."""
    return not blocks[index].glued and end < len(blocks) and blocks[end].glued


def is_bare_credit(text: str) -> bool:
    """A credit and nothing else: names, behind a credit label or not.

    >>> is_bare_credit("Photo: Jane Roe/Example Agency"), is_bare_credit("(AP)")
    (True, True)
    >>> is_bare_credit("Photos: Storm damage in the harbour")  # a gallery's link
    False
    >>> is_bare_credit("Targeting CookiesAlways Active")  # a consent box's label
    False
    """
    label = CREDIT_LABEL_RE.match(text)
    if label:
        return bool(NAMES_ONLY_RE.fullmatch(text[label.end() :].strip()))
    # Without a label, names must read as a credit: a name and an agency ("Jo Roe/PA"),
    # a bracketed one ("(AP)"), or an agency's name at the end; capitalised words alone
    # ("Targeting CookiesAlways Active") are a label of something else.
    return bool(NAMES_ONLY_RE.fullmatch(text)) and bool(BARE_CREDIT_SHAPE_RE.search(text))


def _first_match(text: str, start: int, end: int, rules: RuleSet) -> tuple[Rule, int, int] | None:
    """The first rule acting on ``text[start:end]``, with the span it takes in ``text``.

    Whole-paragraph rules first: a caption that ends in a credit goes whole, rather than
    losing only its credit to a segment rule. A long paragraph is looked at through its
    two ends only, as far as any start or end rule reaches. Text is read with plain
    spacing (:func:`plain_view`): "Advertisement\u200bThe" is the label glued onto a
    sentence, as "Article content\u00a0 The" is the label before one.
    """
    if end - start <= rules.longest_block:
        found = _first_in(text, start, end, rules, ("block", "start", "end"))
    else:
        found = _first_in(text, start, min(end, start + rules.reach["start"]), rules, ("start",))
        if not found:
            found = _first_in(text, max(start, end - rules.reach["end"]), end, rules, ("end",))
    if found and (found[1], found[2]) != (start, end):
        return found
    # No promo, or one taking the whole text: the text may be a promo glued onto text,
    # which a rule's open end ("Follow Jo on Twitter @jo.{0,160}") took along.
    glued = _glued_promo(text, start, end, rules, found[0] if found else None)
    return glued or found


def _glued_promo(
    text: str, start: int, end: int, rules: RuleSet, whole: Rule | None = None
) -> tuple[Rule, int, int] | None:
    """A whole-paragraph promo glued onto the front of a text at a camel-case join, or
    onto its end after a sentence's stop, with its span.

    When rule ``whole`` takes the whole text, only it is tried, at the first join, the
    first stop and the last stop only, and the text left must read as a sentence: its
    open end took the sentence along. (Another rule matching a piece, or a later join, says nothing
    of the rest: "TOPICS ... Lance UlanoffSocial Links NavigationEditor..." is chrome.)

    >>> rules = load_packs(("promos",))
    >>> text = "Around the WebThe mayor spoke to the council on Monday night."
    >>> rule, start, end = _glued_promo(text, 0, len(text), rules)
    >>> rule.id, text[start:end]
    ('widget-label', 'Around the Web')
    >>> text = "The mayor spoke to the council on Monday night.3 March 2025 • 4 min read"
    >>> rule, start, end = _glued_promo(text, 0, len(text), rules)
    >>> rule.id, text[start:end]
    ('dateline-timestamp', '3 March 2025 • 4 min read')
    """
    heads, tails = _glue_cuts(text, start, end)
    if whole:
        # The first join and the first stop touching what follows end a promo in front;
        # the last stop starts one at the back ("...Inc.Councillors voted", "...feed.)The").
        first_stop = STOP_JOIN_RE.search(text, start, min(end, start + MAX_GLUED_LABEL))
        heads = heads[:1] + ([first_stop.end()] if first_stop else [])
        tails = tails[-1:]
    # (promo, rest) pairs: the text before a join and after it, the text after a stop
    # and before it.
    cuts = [((start, cut), (cut, end)) for cut in heads]
    cuts += [((cut, end), (start, cut)) for cut in tails]
    for promo, rest in cuts:
        if promo[1] - promo[0] > MAX_GLUED_LABEL:
            continue
        found = _first_in(text, *promo, rules, ("block",), only=whole)
        if found and (whole is None or _reads_as_sentence(text[rest[0] : rest[1]])):
            return found
    return None


def _glue_cuts(text: str, start: int = 0, end: int | None = None) -> tuple[list[int], list[int]]:
    """Where a promo may be glued on: camel-case joins near the start, and stops touching
    what follows near the end."""
    end = len(text) if end is None else end
    head_end, tail_start = min(end, start + MAX_GLUED_LABEL), max(start, end - MAX_GLUED_LABEL)
    # Most texts have neither: two searches tell so at a third of the cost of the lists.
    heads: list[int] = []
    tails: list[int] = []
    if CAMEL_JOIN_RE.search(text, start, head_end):
        heads = [m.start() for m in CAMEL_JOIN_RE.finditer(text, start, head_end)]
    if STOP_JOIN_RE.search(text, tail_start, end):
        tails = [m.end() for m in STOP_JOIN_RE.finditer(text, tail_start, end)]
    return heads, tails


def _reads_as_sentence(text: str) -> bool:
    """Text that can stand as a sentence: several words, a stop, and no more glue at its
    start ("Social Links NavigationEditor At LargeA 38-year..." is more page chrome)."""
    text = text.strip(BLANK_CHARS)
    return (
        len(text.split()) >= MIN_SENTENCE_LEFT
        and bool(STOP_END_RE.search(text))
        and not CAMEL_JOIN_RE.search(text, 0, MAX_GLUED_LABEL)
    )


def may_have_glued_promo(text: str, rules: RuleSet) -> bool:
    """Whether the text before a join near its start, or after a glued stop near its
    end, might be a promo (see :func:`_glued_promo`)."""
    heads, tails = _glue_cuts(text)
    pieces = [text[:cut] for cut in heads] + [text[cut:] for cut in tails]
    return any(rules.may_act_on(piece, piece.lower()) for piece in pieces)


def _first_in(
    text: str,
    start: int,
    end: int,
    rules: RuleSet,
    kinds: tuple[Where, ...],
    only: Rule | None = None,
) -> tuple[Rule, int, int] | None:
    """The first rule of ``kinds`` (or rule ``only``) acting on ``text[start:end]`` read
    with plain spacing, and the span it takes in ``text``."""
    core, offsets = plain_view(text[start:end])
    lowered = core.lower()
    for where in kinds:
        if only is None:
            found = rules.first(where, core, lowered)
        else:
            span = only.find(core, lowered) if only.where == where else None
            found = (only, span) if span is not None else None
        if found:
            rule, (cut_start, cut_end) = found
            if rule.cls not in SPEECH_BLIND_CLASSES and reports_speech(core, cut_start, cut_end):
                continue  # a report of the promo's words, or of someone using its shape
            if offsets is not None:
                cut_start, cut_end = offsets[cut_start], offsets[cut_end]
            return rule, start + cut_start, start + cut_end
    return None


def box_parts(blocks: Sequence[Block], rules: RuleSet) -> dict[int, str]:
    """The lines of a promo box that no rule takes alone, by rule: a lone button label
    ("Sign up", "Subscribe") next to a line a rule takes whole, and a short line between
    two of the box's lines (its pitch). Alone, a button label is left be (it might be a
    sub-heading), and so is a line between two paragraphs; inside the box, they are
    the box's.

    >>> texts = ["It rained.", "Get our daily newsletter", "The best of the day, by email.",
    ...          "Sign up", "By signing up you agree to our privacy policy.", "It stopped."]
    >>> sorted(box_parts([Block(t) for t in texts], load_packs(("promos",))).items())
    [(2, 'box-line'), (3, 'box-button')]
    """
    buttons = [
        index
        for index, block in enumerate(blocks)
        if len(block.text) <= MAX_BUTTON_CHARS
        and (
            BUTTON_LABEL_RE.fullmatch(block.text.strip(BLANK_CHARS))
            or BARE_COUNT_RE.fullmatch(block.text.strip(BLANK_CHARS))
        )
    ]
    if not buttons:  # nearly every text: no rule need be asked about any block
        return {}
    taken_by = _taken_lines(blocks, rules)

    def is_taken(index: int) -> bool:
        return 0 <= index < len(blocks) and taken_by(index) is not None

    found: dict[int, str] = {}
    for index in buttons:
        if not is_taken(index) and (is_taken(index - 1) or is_taken(index + 1)):
            count = BARE_COUNT_RE.fullmatch(blocks[index].text.strip(BLANK_CHARS))
            found[index] = BOX_COUNT if count else BOX_BUTTON
    for button in [i for i, rule in found.items() if rule == BOX_BUTTON]:
        for index, beyond in ((button - 1, button - 2), (button + 1, button + 2)):
            if (
                0 <= index < len(blocks)
                and not is_taken(index)
                and index not in found
                and (is_taken(beyond) or beyond in found)
                and len(blocks[index].text.split()) <= MAX_BOX_LINE_WORDS
            ):
                found[index] = BOX_LINE
    return found


def teaser_parts(blocks: Sequence[Block], rules: RuleSet) -> dict[int, str]:
    """Other stories listed under a bare read-more label ("Mehr zum Thema", "Related
    stories") as a page shows them: each a headline line, alone or with its teaser of a
    sentence or three. The label's rule takes the label only; the list is its box. Taken
    only when two stories or more follow the label (or one, ending the text) and no
    paragraph comes after them
    (lines the rules take, a date or a promo, may stand between; another box's label,
    "Topics", ends the list): the end of the page, not the article's own sections,
    which go on in paragraphs.

    >>> texts = ["It rained all week in the valley, the council said on Monday.",
    ...          "Mehr zum Thema", "Brücke wieder offen", "Die Brücke ist nach drei Jahren fertig.",
    ...          "Heute, 12:34 Uhr", "Neuer Bürgermeister gewählt",
    ...          "Die Stadt hat einen neuen Bürgermeister. Er ist 41 Jahre alt."]
    >>> sorted(teaser_parts([Block(t) for t in texts], load_packs(("promos", "promos-de"))))
    [2, 3, 5, 6]
    """
    labels = [i for i, block in enumerate(blocks) if _is_bare_label(block, rules)]
    if not labels:  # nearly every text
        return {}
    taken_by = _taken_lines(blocks, rules)

    def is_taken(index: int) -> bool:
        return taken_by(index) is not None

    found: dict[int, str] = {}
    # From the last label back, each up to the next: a later label's list, once found, is
    # no paragraph after an earlier one's; one that is not found ends the lists before it.
    prose_beyond = False
    for number in range(len(labels) - 1, -1, -1):
        end = labels[number + 1] if number + 1 < len(labels) else len(blocks)
        lines = [i for i in range(labels[number] + 1, end) if not is_taken(i)]
        listed: list[int] = []
        stories = 0
        with_teasers = False
        at = 0
        while at < len(lines):
            head, teaser = lines[at], lines[at + 1] if at + 1 < len(lines) else None
            if any(taken_by(i) == WIDGET_CLASS for i in range(lines[at - 1] if at else head, head)):
                break  # another box's label ("Topics"): its lines are not stories
            if (
                head - 1 > labels[number]  # (the label is no story's title)
                and _is_teaser(blocks[head].text)
                and _is_promo_title(blocks, head - 1, is_taken)
            ):
                story, teased = [head], True  # its headline is a line a rule takes
            elif not _is_teaser_headline(blocks[head].text):
                break
            elif teaser is not None and _is_teaser(blocks[teaser].text):
                story, teased = [head, teaser], True
            else:
                story, teased = [head], False  # a headline alone
            if stories and teased != with_teasers:
                break  # a list's stories are all alike: headlines alone, or with teasers
            with_teasers = teased
            listed += story
            stories += 1
            at += len(story)
        # One headline alone counts when it ends the text: nothing of the article follows.
        last_alone = stories == 1 and not with_teasers and at == len(lines) == len(listed)
        if (
            (stories >= MIN_TEASER_STORIES or (last_alone and end == len(blocks)))
            and not prose_beyond
            and not any(is_prose(blocks[i].text) for i in lines[at:])
        ):
            found.update(dict.fromkeys(listed, TEASER_LIST))
        else:
            prose_beyond = prose_beyond or any(is_prose(blocks[i].text) for i in lines)
    return found


def _is_promo_title(blocks: Sequence[Block], index: int, is_taken: Callable[[int], bool]) -> bool:
    """Whether the line at ``index`` is one a rule takes, shaped as a box's title (no
    label and headline of its own: "SEE ALSO: ..." is a one-line pointer)."""
    return (
        index >= 0
        and is_taken(index)
        and _is_teaser_headline(blocks[index].text)
        and (":" not in blocks[index].text)
    )


def _is_bare_label(block: Block, rules: RuleSet) -> bool:
    """A read-more rule's label alone on its line, over no headline of its own (and no
    button that shows the rest of the article: "Mehr anzeigen", "Read more")."""
    if len(block.text) > 2 * MAX_TEASER_LABEL_CHARS:
        return False  # the common case, made cheap
    text = _visible(block)
    # (A label may end in a colon, and have nothing after it.)
    bare = text.rstrip(":").rstrip()
    if len(text) > MAX_TEASER_LABEL_CHARS or ":" in bare or ends_sentence(bare):
        return False
    if EXPANDER_LABEL_RE.fullmatch(bare):
        return False
    found = rules.first("block", text)
    return found is not None and found[0].cls == READ_MORE_CLASS


def _is_teaser_headline(text: str) -> bool:
    count = word_count(text)
    if text.rstrip(BLANK_CHARS).endswith(("?", "!")):
        return count <= MAX_TEASER_QUESTION_WORDS and sentence_count(text) == 1
    return count <= MAX_TEASER_HEADLINE_WORDS and not is_prose(text)


def _is_teaser(text: str) -> bool:
    if _is_teaser_headline(text):
        return False
    return MIN_TEASER_WORDS <= word_count(text) <= MAX_TEASER_WORDS


def _taken_lines(blocks: Sequence[Block], rules: RuleSet) -> Callable[[int], str | None]:
    """For one document's blocks: the class of the rule that takes the line at an index
    whole, if one does, each line asked once (the box tests ask about lines repeatedly)."""
    taken: dict[int, str | None] = {}

    def taken_by(index: int) -> str | None:
        if index not in taken:
            text = _visible(blocks[index])
            lowered = text.lower()
            found = rules.first("block", text, lowered) if rules.may_act_on(text, lowered) else None
            taken[index] = found[0].cls if found else None
        return taken[index]

    return taken_by


def _visible(block: Block) -> str:
    return plain_view(block.text)[0].strip(BLANK_CHARS)


def strip_promos(doc: Document, config: Config) -> Document:
    """Drop paragraphs that are promo text, and cut promo segments glued onto real ones.

    Keeps everything the rules do not name: a rule matches the shape of a follow
    prompt, a newsletter box or a credit line, and each has look-alike sentences
    ("Follow the money, he said.") it is tested never to touch.

    >>> doc = Document((Block("Follow The Planet on Twitter and Facebook."), Block("It rained.")))
    >>> out = strip_promos(doc, Config())
    >>> [b.text for b in out.blocks], [(c.rule, c.before) for c in out.changes]
    (['It rained.'], [('social-follow', 'Follow The Planet on Twitter and Facebook.')])
    """
    rules = load_packs(packs_for(config.rules, doc.metadata.get(LANGUAGE_KEY)))
    if not rules:
        return doc
    boxed = box_parts(doc.blocks, rules) | teaser_parts(doc.blocks, rules)
    span_of = _remembered_spans(rules)
    blocks: list[Block] = []
    changes: list[Change] = []
    # Whether the last block kept ends where the next one starts in the source: only then
    # does a block's ``glued`` mark still say what it touches.
    touching = False
    skip_to = 0
    attempts = 0
    for index, block in enumerate(doc.blocks):
        check_time()
        if index < skip_to:
            continue
        if index in boxed:
            where = Location(index, 0, len(block.text))
            rule_id = boxed[index]
            changes.append(Change(STAGE, rule_id, BOX_REASONS[rule_id], block.text, "", where))
            touching = False
            continue
        attempts += index + 1 < len(doc.blocks) and doc.blocks[index + 1].glued
        run = glued_run_match(doc.blocks, index, rules) if attempts <= MAX_RUN_ATTEMPTS else None
        if run is not None:
            rule, skip_to = run
            for i in range(index, skip_to):
                text = doc.blocks[i].text
                where = Location(i, 0, len(text))
                changes.append(Change(STAGE, rule.id, rule.reason, text, "", where))
            touching = False
            continue
        visible = _visible(block)  # as strip_span reads it
        if block.kind in VERBATIM_KINDS or not (
            rules.may_act_on(visible, visible.lower()) or may_have_glued_promo(visible, rules)
        ):  # the common case, made cheap
            glued = block.glued and touching
            blocks.append(block if glued == block.glued else block._replace(glued=glued))
            touching = True
            continue
        splits = split_points(block.text, rules)
        if not splits:  # text with nothing glued between
            *_, cuts = span_of(block.text)
            if not cuts:
                glued = block.glued and touching
                blocks.append(block if glued == block.glued else block._replace(glued=glued))
                touching = True
                continue
        edges = [0, *(edge for _, start, end in splits for edge in (start, end)), len(block.text)]
        all_cuts = list(splits)
        parts = list(zip(edges[::2], edges[1::2], strict=True))
        for number, (start, end) in enumerate(parts):
            left_start, left_end, cuts = span_of(block.text[start:end])
            all_cuts += [(rule, start + a, start + b) for rule, a, b in cuts]
            if not cuts and not splits:
                blocks.append(block._replace(glued=block.glued and touching))
                touching = True
                continue
            if left_start >= left_end:
                touching = False
                continue
            left, change = repair_alone(
                STAGE,
                block.text[start + left_start : start + left_end],
                index,
                start + left_start,
                config,
                "once the promo beside it was cut",
            )
            if change:
                changes.append(change)
            cut_front = any(a == 0 for _, a, _ in cuts) or number > 0
            glued = block.glued and touching and not cut_front
            blocks.append(Block(left, block.kind if number == 0 else "paragraph", glued))
            touching = number == len(parts) - 1 and not any(b == end - start for _, _, b in cuts)
        for rule, start, end in sorted(all_cuts, key=lambda cut: cut[1]):
            before = block.text[start:end]
            where = Location(index, start, end)
            changes.append(Change(STAGE, rule.id, rule.reason, before, "", where))
    if not changes:
        return doc
    return doc.evolve(blocks, changes)
