"""Remove headlines of other stories, and captions, that a scraper left inside the body.

Related-article widgets put other stories' headlines into the body: as a list of lines,
as a line after the last paragraph, or glued straight onto the front of a paragraph
(``...walk out in biggest strike in decade"This is not a shock...``). A headline has a
shape: a short line that does not end a sentence. The article's own sub-headings share
that shape, so shape alone decides nothing; the stage combines it with evidence:

* glue: ``repair_runons`` splits where two elements touched with no space and marks the
  second block ``glued``; a headline-shaped block glued onto a paragraph after it is an
  injected headline, and a block ending in a photo credit glued onto the text after it
  is a caption;
* topic: an article's own sub-headings use its words; another story's headline mostly
  does not (a sports headline in a wine column), so a headline-shaped line whose words
  the paragraphs do not use goes, and so does a run of such lines (a related list);
* lists: three or more title-like lines in a row (five words or more each, no "label:
  value" spec lines) are a list of links whatever their topic;
* position: headline-shaped lines after the article's last paragraph go, and one- or
  two-word labels before its first;
* a contents label ("Table of contents", "Jump to:") starts a run of section titles:
  the run goes, the sections' own sub-headings in the body stay;
* a review's verdict lines ("We like: ...", "Pros: ...", "Best value airer, 9/10") are
  headline-shaped but the article's own: they are never judged as headlines.

Short headline-shaped lines that share the article's words (sub-headings, product
spec lines) stay, and so do the lines before the first paragraph (title, standfirst).
A block the source marks as a heading (an HTML ``<h2>``) is the article's own and is
only ever judged by its glue.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from itertools import groupby, pairwise

from ..chars import BLANK_CHARS
from ..config import Config
from ..limits import check_time
from ..model import EXTRACTOR_KEY, LANGUAGE_KEY, Block, Change, Document, Keep, Location
from ..spaces import plain
from ..text import (
    CARRIED_ON_ENDS,
    CJK_RE,
    CONJUNCTIONS,
    FUNCTION_WORDS,
    LOWER,
    MIN_SENTENCE_WORDS,
    ends_mid_phrase,
    ends_question,
    ends_sentence,
    is_dropped_repeat,
    sentence_count,
    word_count,
)
from ..text.prose import (
    INNER_SENTENCE_RE,
    LABEL_VALUE_RE,
    LINK_LABEL_OPENERS,
    LIST_MARK_RE,
    MIN_LIST_ITEMS,
    NUMBERED_STEP_RE,
    REFERENCE_LABEL_RE,
    SIGN_OFF_RE,
    announces_sections,
    content_words,
    heads_own_list,
    is_data_line,
    is_document_part,
    is_item_line,
    is_kicker_teaser,
    is_lead_in,
    is_link_label,
    is_own_label,
    is_prose,
    is_sign_off,
    line_key,
    listed_lines,
    overlap,
    singular,
    words,
)

STAGE = "strip_headlines"
# Passes over what is left after a drop; one more is nearly always the last.
MAX_ROUNDS = 5

# What a headline never holds: code and markup ("x = f(y)", "<img>", "{", "$ hg"), or a
# table's separators.
CODE_CHARS_RE = re.compile(r"[=<>{}\\|│;_]|\$ |\(\)|\[\d*\]")
# A headline is mostly letters: a row of figures ("1.25 │ 7.41", "FM 17 0.1%") is data.
MIN_LETTER_SHARE = 0.6
LETTER_RE = re.compile(r"[^\W\d_]")
CAMEL_CODE_RE = re.compile(r"[a-z]+(?:[A-Z][a-z0-9]*)+(?:\(\))?")
SPACE_RE = re.compile(r"\s")
# A lower-case letter run into a capital: two words, or a page's elements, glued together.
GLUED_WORDS_RE = re.compile(rf"[{LOWER}][^\W\d_{LOWER}]")
# A fact line whose value goes on in lower case after a short label ("Friday: pizza with
# whatever is left"): a kicker over another story's headline opens on a capital.
FACT_LINE_RE = re.compile(rf"(?:\S+\s){{0,2}}\S+:\s[{LOWER}]")
# A turn of an interview or a dialogue opens with a dash ("– Hva synes du om ...?").
DIALOGUE_DASH_RE = re.compile(r"[–—―-]\s")
# A quotation and its author: a quoted sentence with its stop, a dash, a name ("“Patience
# is bitter, but its fruit is sweet.” — Jean-Jacques Rousseau"). A headline that quotes
# someone drops the stop ("“We will win” — minister").
QUOTE_AUTHOR_RE = re.compile(r"[“\"«„‘'][^\n]+[.…][”\"»“’'] ?[–—―-] ?\S+(?: \S+){0,5}")
# The last word of a photo credit ("...Mike Marsland/Getty Images").
CREDIT_END_RE = re.compile(
    r"(?:Images|Image|Photos?|Photography|Pictures|Stringer|Supplied|Handout|Getty|AFP|AP"
    r"|Reuters|REUTERS|EPA|Bloomberg|Shutterstock|iStockphoto|Alamy|Courtesy)\)?$"
)
# A caption: a sentence, then a short credit line of names.
CAPTION_CREDIT_RE = re.compile(r"[.!?][\"”’)]?\s+((?:\S+\s+){0,9}\S+)$")
# Most words of a credit line are capitalised names ("Tara Atkinson for Rest of World").
MIN_CREDIT_CAPITALS = 0.6
# An author's line opens with its word for "by", the name may be glued on ("VonSabrina").
BYLINE_START_RE = re.compile(r"(?:[Bb]y|[Vv]on|[Pp]ar|[Pp]or|[Dd]oor|[Aa][vf])(?=\s|[A-ZÄÖÜÀ-Ý])")
MAX_CAPTION_SENTENCES = 2
NOT_A_CREDIT_RE = re.compile(r"[,;:]|[.!?…][\"'”’)]*$")
SENTENCE_STOP_RE = re.compile(r"[.!?][\"”’)]?\s")
MAX_CAPTION_WORDS = 70
# After a credit even a short sub-heading may follow; after a headline, a paragraph.
MIN_AFTER_CREDIT_WORDS = 3

# The label of a table of contents, alone, before a colon, or glued to the first entry
# ("Table of ContentsBest for Beginners"): the run of titles it starts is navigation.
CONTENTS_LABEL_RE = re.compile(
    r"(?i:table of contents|contents|in this (?:article|story|guide|issue|edition|newsletter)"
    r"|jump to(?: section)?|on this page|skip to section|quick links"
    r"|inhalt(?:sverzeichnis)?|in diesem (?:artikel|beitrag)|sommaire|dans cet article"
    r"|índice|en este artículo|indice|in questo articolo|inhoud(?:sopgave)?"
    r"|spis treści|содержание|目次|目录)(?:\s?[:：]|\s*$|(?=[A-Z0-9]))"
)

# A line of a review's verdict box: a pros/cons label, or a score out of 10 or 5 (not a
# spec line's "Comfort rating: 26°F", which is judged as before). Such lines are short
# and end without a stop, like headlines, but they are the article's own text; no list of
# other stories carries them.
REVIEW_LINE_RE = re.compile(
    r"(?i:(?:we (?:don['’]t )?(?:like|love)|pros|cons|the good|the bad|verdict|our verdict"
    r"|best for|why we (?:like|love) it|take note|reasons to (?:buy|avoid)"
    r"|buy (?:it )?if|don['’]t buy (?:it )?if)\s?:)"
    r"|\b(?:10|\d(?:\.\d)?)\s?/\s?10\b|\b[0-5](?:\.5)? out of 5\b|★"
    # A rating in words, and its label ("Four stars", "Our rating").
    r"|^(?i:(?:one|two|three|four|five|[1-5](?:\.5)?|half a) stars?|our rating|rating)$"
)

HEADLINE_WORDS = range(1, 26)
# Before the first paragraph, a line this short is a section label ("Politics"), not a
# title or standfirst.
MAX_LABEL_WORDS = 2
# A glued headline sits in front of a paragraph of at least this many words.
MIN_PARAGRAPH_WORDS = 8
MIN_GLUED_HEADLINE_WORDS = 4
MAX_SUB_HEADING_WORDS = 9


# Stages whose changes show that a text was scraped with a page's chrome in it.
SCRAPING_EVIDENCE = frozenset({"strip_promos", "strip_inline", "repair_runons", "extract_html"})
# This stage's own findings that show the same: a page's labels and trailing headlines.
CHROME_RULES = frozenset({"section-label", "trailing-headline", "contents-list"})

# Why a headline-shaped line stayed (``cleaner explain`` lists them).
KEEP_REASONS = {
    "own-list": "a list the article's text introduces or frames (a question, a heading or a"
    " lead-in over it, paragraphs around it): the article's own, though headline-shaped",
    "labelled-list": "a list under an own list's label (Ingredients, Pros, What we liked,"
    " Parameters): the article's own, though headline-shaped",
    "section-list": "a list of phrases right under a section's heading that follows a"
    " paragraph or another such list: the article's own, though headline-shaped",
    "document-part": "an own list's label or a part's heading (Key points, Abstract, Step"
    " 2) above the first paragraph: no section label",
    "clean-title": "a short first line, in a text that shows no page chrome: the title",
    "named-title": "a short first line that the first paragraph names in full: the title,"
    " no section label",
    "sign-off": "a short exclamation right after the text's last paragraph: the writer's sign-off",
    "contents-title": "a sub-heading the article's table of contents names",
    "sub-heading": "a line glued onto a paragraph, in the article's words: the section's"
    " sub-heading, not another story's headline",
    "glued-title": "the text's first line glued onto its first paragraph: the title, with"
    " nothing before it to be another story's",
    "entry-heading": "a long line glued onto a paragraph that restates it: a live blog"
    " entry's heading, not another story's headline",
    "guide-step": "a guide's heading over its paragraph that tells the reader what to do"
    ' ("Keep the curtains closed"): the article\'s own, whatever its words',
    "announced-section": "the heading of a section after a paragraph that announced them"
    ' ("Here are five ways to..."): the article\'s own, whatever its words',
    "parallel-section": "the heading of one of the article's sections, opening with the"
    " word that opens its other sections' headings",
}
REASONS = {
    "glued-headline": "a headline glued onto the front of a paragraph (no space at the join)",
    "glued-caption": "a picture caption and credit glued onto the front of a paragraph",
    "headline-list": "one of a run of headline-shaped lines, with words the article does not"
    " use: a list of other stories",
    "unrelated-headline": "a headline-shaped line whose words the article does not use:"
    " another story's headline",
    "trailing-headline": "a headline-shaped line after the article's last paragraph",
    "section-label": "a one- or two-word line before the article's first paragraph",
    "contents-list": "a table of contents: its label and the section titles after it (the"
    " article has them again as its sub-headings)",
    "dangling-label": "a short line ending in a colon that ends the text: the label of a"
    " box that is not there",
    "poll": "a reader poll: its question, and its answers of a few words each run together"
    " with no space between them, and onto the text after them",
}
# A line with this many tabs is a table's row (three cells or more): never a headline,
# whatever its words. (Bars part a menu's labels as often as a table's cells.)
MIN_TABLE_TABS = 2
# A line stopping on a comma or a semicolon carries its sentence on to the next line when
# it has this many words at least ("Labour Party," is a name over a list).
MIN_CARRIED_WORDS = 4
# A section under an announced heading: this many paragraphs at most before the next one.
MAX_SECTION_PARAGRAPHS = 4
# A guide's headings tell the reader what to do ("Keep the curtains closed during the
# day"): a line opening on one of these verbs over a paragraph heads its section, whatever
# its words. Other stories' headlines seldom open so, bar the teasers' own verbs ("Watch",
# "Read", "See", "Meet", "Listen", "Join", "Discover", "Check out") and a widget's ("Find a
# job", "Install our app"), which are not listed. By language.
INSTRUCTING_VERBS = {
    "en": frozenset(
        """add arrive ask avoid bake be boil book bring budget build buy chill choose
        clean close compare consider cook create cut do don't drink eat empty fill fix
        focus freeze get give go heat invest keep know label learn leave let limit
        look lower make measure mix never open organise organize pack pay pick plan plug
        practise practice prepare protect put raise reduce remember repair replace research
        rethink save schedule set shop skip sleep sort spend start stay stir stop store swap
        switch take test think track treat try turn unplug update use wash wear write
        chop cover dig drain feed fold knead loosen peel pour preheat prune remove rinse season
        serve slice soak spread tighten trim wait whisk""".split()
    ),
    # The form a guide speaks to its reader in; no negation ("No hay ...", "Não ...") and
    # no form that is also a name or a common headline word ("Usa", "Lee", "Cerca").
    "es": frozenset(
        """investiga prepara llega elige escoge evita compra guarda busca aprovecha revisa
        compara planifica organiza ahorra apaga desenchufa lava cocina pide haz mantén
        riega poda protege siembra recoge cubre abona""".split()
    ),
    "pt": frozenset(
        """escolha troque evite compre guarde procure aproveite verifique compare planeje
        organize economize desligue lave cozinhe mantenha coloque deixe faça regue cuide
        prefira pode proteja plante cubra recolha semeie adube""".split()
    ),
    "it": frozenset(
        """fai scegli confronta evita compra conserva prepara controlla verifica approfitta
        organizza risparmia spegni stacca lava cucina mantieni metti lascia prova
        annaffia pota proteggi pianta copri raccogli semina concima""".split()
    ),
    "fr": frozenset(
        """pensez choisissez évitez utilisez faites mettez gardez achetez vérifiez comparez
        préparez profitez organisez économisez éteignez débranchez lavez privilégiez optez
        misez prévoyez arrosez taillez protégez plantez couvrez ramassez semez paillez""".split()
    ),
    "nl": frozenset(
        """zet blijf let kies gebruik vermijd koop houd bewaar vergelijk doe maak leg laat
        probeer zorg snoei bescherm bedek hark zaai bemest""".split()
    ),
    "id": frozenset(
        """matikan gunakan cabut pilih hindari pastikan simpan bandingkan rencanakan atur
        siapkan periksa manfaatkan""".split()
    ),
    # (Not the teasers' "Sprawdź", "Zobacz", "Смотрите", "Читайте", "Se", "Läs".)
    "pl": frozenset(
        """pierz wybierz unikaj kupuj używaj użyj ustaw wyłącz włącz pamiętaj zadbaj
        dodaj wlej wymieszaj pokrój trzymaj przechowuj planuj oszczędzaj myj gotuj piecz
        zamknij otwórz odłącz porównaj zabezpiecz przytnij zgrab owiń usuń posadź podlej
        wysiej nawieź przykryj okryj""".split()
    ),
    "ru": frozenset(
        """выберите избегайте используйте храните мойте выключите включите добавьте
        проверяйте планируйте экономьте сравните закройте откройте готовьте""".split()
    ),
    "sv": frozenset(
        """välj undvik köp använd tvätta stäng sänk spara planera håll jämför förvara
        koka stek blanda""".split()
    ),
}
# Sections whose headings open with the same word: this many make it the article's
# pattern ("Pour dépasser le tabac", "Pour un trip sibérien", "Pour les coulisses").
MIN_PARALLEL_SECTIONS = 3
# A section's heading: a title, perhaps under a tagline; a longer run is a box of links.
MAX_SECTION_HEAD_LINES = 2
# A closing list in a text with no other chrome: a label this short over items this
# short (other stories' headlines run longer, and their box's label names links).
MAX_CLOSING_LABEL_WORDS = 3
MAX_CLOSING_ITEM_WORDS = 7
# A line's first word, and its contraction ("Don't", "Don’t").
OPENER_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# A label over nothing at the text's end: this many words at most ("Bitte beachten:").
MAX_DANGLING_LABEL_WORDS = 6
# A poll's answers: this many at least, each of this many words at most.
MIN_POLL_ANSWERS = 3
MAX_POLL_ANSWER_WORDS = 8
MAX_POLL_QUESTION_WORDS = 25
# A poll's yes and no, in the languages of the rule packs and more.
YES_NO = frozenset(
    """yes no ja nein oui non sí si sim não tak nie ano ne да нет так ні evet hayır
    ya tidak kyllä ei igen nem nej nee""".split()
)
# Below this share of its words found in the article's paragraphs, a line is about
# something else: measured on the dev set, the article's own sub-headings score 0.76 on
# average and other stories' headlines under 0.3.
UNRELATED_OVERLAP = 0.35
LIST_OVERLAP = 0.5
MIN_LINK_LIST = 3
MIN_LINK_WORDS = 5
# A sentence of this many characters at least, though too short for a paragraph in a
# language of long words, is the article's (see _last_sentence).
MIN_SENTENCE_CHARS = 40
# A section's heading over its own list has this many words at most ("What we are looking
# for").
MAX_SECTION_HEADING_WORDS = 6
# A heading that is headline-shaped has this many words at most: a longer line at the
# head of a run is as likely the first of other stories' headlines ("Parking fees rise
# again" after a "Most read" label a rule took).
MAX_HEADING_IN_RUN_WORDS = 3
# Each item of the list under a heading has this many words at least.
MIN_SECTION_ITEM_WORDS = 3
# The reasons a line is kept as an item of the article's own list.
OWN_LIST_KEEPS = frozenset({"own-list", "labelled-list", "section-list"})
# The words of a box of links' label, in any of the pack languages: the first words of
# such labels, what the box holds and that it is related ("Artículos relacionados").
BOX_HEADING_WORDS = LINK_LABEL_OPENERS | frozenset(
    """articles article posts videos galleries links stories related relacionados
    relacionadas relacionado relacionada artículos artigos articoli artikel artikelen
    liveblog live ticker newsticker podcast podcasts video elsewhere missed sponsored
    promoted partner partners recommended recommendations
    correlati correlate liés connexes relaterade relaterte relaterede powiązane
    związane связанные terkait liên quan 関連 相关 관련 haberler""".split()
)
# A "See also" label (of the languages the packs know) over titles of this many words at
# most: a wiki's or a manual's own list.
SEE_ALSO_RE = re.compile(
    r"(?i:see also|siehe auch|voir aussi|véase también|vedi anche|zie ook|veja também"
    r"|см\. также|関連項目)\s?:?"
)
MAX_SEE_ALSO_TITLE_WORDS = 5
# An article made of lists under labels (release notes, a newsletter): this many.
MIN_LABELLED_LISTS = 3
MAX_SECTION_LABEL_WORDS = 4
# In a list of other stories, a line that uses the article's words this much is kept: a
# sub-heading that happens to stand next to a related headline.
LIST_KEEP_OVERLAP = 0.75
MIN_UNRELATED_WORDS = 6
# A verse: this many lines at least, most of them ending in the same letters as one of
# the few lines around them.
MIN_VERSE_LINES = 4
RHYME_LETTERS = 3
RHYME_REACH = 3
MIN_RHYMED_SHARE = 0.75
MIN_VERSE_LINE_WORDS = 3
MAX_VERSE_LINE_WORDS = 12
# Lines of an address or a list of names: no headline of another story is this short.
MAX_SHORT_LINE_WORDS = 3
# Rows of a table or a timeline are short; other stories' teasers with a date are not.
MAX_TABLE_LINE_WORDS = 8
DIGIT_RE = re.compile(r"\d")
# An entry of a changelog or release notes ends on the reference of what it fixed:
# "Fixed the search bar (Bug 1675624)", "Faster start-up (#4312, #4320)".
TRACKER_REFERENCE_RE = re.compile(
    r"\((?:(?i:bug|issue|pr|pull request|rfc|cve|ticket|commit)\s?[#-]?\s?|#)\w[\w.-]*"
    r"(?:,\s?(?:(?i:bug|issue|pr)\s?)?#?\w[\w.-]*){0,8}\)[.;]?$"
)
# A line whose words the paragraph right after it uses this much heads that paragraph:
# a question sub-heading keeps only some of its words ("Why was the OBR created?" over
# "The OBR was set up in 2010 ...").
HEADING_OVERLAP = 0.5
# A glued line too long for a sub-heading heads the paragraph after it when that
# paragraph restates it: this share of its words at least (half, under a live blog
# entry's time).
RESTATED_SHARE = 0.8
# A text with this many lines opening on an entry's time is a live blog.
MIN_LIVE_ENTRIES = 3
# A live blog entry's time in front of its heading ("19.27 Uhr: ", "Dienstag, 16. 7. 19.27
# Uhr: ", "10.42am: "): no word of the heading's.
ENTRY_TIME_RE = re.compile(
    r"^(?:[^\d:]{0,20}\d{1,2}\.\s?\d{1,2}\.\s?)?\d{1,2}[:.]\d{2}\s?(?:Uhr|[AaPp]\.?[Mm]\.?|h)?"
    r"\s?[:–—-]\s?"
)


@lru_cache(maxsize=4096)
def is_headline_shaped(text: str) -> bool:
    """A short line that does not end a sentence, or a short question, and holds no sentence
    break; or a kicker teaser (a capitalised kicker, a colon, a sentence cut short).

    >>> is_headline_shaped("Ministers agree new deal on bus fares")
    True
    >>> is_headline_shaped("Can we trust economic forecasts?")
    True
    >>> is_headline_shaped("The council met on Monday. It agreed the budget")
    False
    >>> teaser = "FARE FREEZE: The mayor said the price of a single bus ticket would stay"
    >>> is_headline_shaped(teaser + " the same until the end of the decade, whatever")
    True
    >>> is_headline_shaped(teaser + " the same until the end of the decade, whatever.")
    False
    >>> is_headline_shaped("“Patience is bitter, but its fruit is sweet.” — Jean-Jacques Rousseau")
    False
    """
    text = text.strip(BLANK_CHARS)
    count = word_count(text, words(text))
    if count > HEADLINE_WORDS[-1]:
        return is_kicker_teaser(text, count)
    if count not in HEADLINE_WORDS or INNER_SENTENCE_RE.search(text) or not _titled(text):
        return False
    if QUOTE_AUTHOR_RE.fullmatch(text):
        return False
    if text.endswith(("?", "!", "？", "！", "؟")):
        return count <= 15 and not DIALOGUE_DASH_RE.match(text)
    return not (ends_sentence(text) or SIGN_OFF_RE.search(text))


def _titled(text: str) -> bool:
    """Whether a line could be a title at all, in any language: it opens with no lower-case
    word (a continued sentence, a command, a code line), stops on no function word or
    comma, holds no code or table separators, and is mostly letters.

    >>> _titled("Ministers agree new deal on bus fares"), _titled("and add a remote")
    (True, False)
    >>> _titled("funded by a mix of"), _titled("1.25 │ 7.41"), _titled("iPhone 16 review")
    (False, False, True)
    """
    found = words(text)
    # (A lone lower-case word is a label: "news", "more"; one in camel case is code.)
    if (len(found) >= 2 and found[0].islower()) or CAMEL_CODE_RE.fullmatch(text):
        return False
    if LIST_MARK_RE.match(text):
        return False  # an item of a list: a changelog's "+ Added ...", a "• point"
    if ends_mid_phrase(text) or CODE_CHARS_RE.search(text):
        return False
    visible = len(text) - len(SPACE_RE.findall(text))
    return len(LETTER_RE.findall(text)) >= MIN_LETTER_SHARE * visible


def is_caption(text: str) -> bool:
    """A picture caption: ends in a credit, after one or two sentences or on its own.

    >>> is_caption("The new lobby at dusk. Mike Marsland/Getty Images")
    True
    >>> is_caption("A rocket on its launchpad. Tara Atkinson for Rest of World")
    True
    >>> is_caption("The council met on Monday. It agreed to the budget in full")
    False
    >>> is_caption("Rain fell. The match went on. Fans stayed. The keeper at the end. Reuters")
    False
    >>> is_caption("Strikes hit the buses. Many cannot get to work. By Jane Roe")
    False
    """
    # (Longer, or more sentences, and the credit ends a standfirst or a paragraph that a
    # caption's credit was glued onto: "...in the league. Souček after the win. | Foto:
    # Reuters" is three sentences of the article and a caption.)
    if len(words(text)) > MAX_CAPTION_WORDS:
        return False
    if len(SENTENCE_STOP_RE.findall(text)) > MAX_CAPTION_SENTENCES:
        return False
    return bool(CREDIT_END_RE.search(text.rstrip(BLANK_CHARS))) or _ends_in_credit(text)


def _ends_in_credit(head: str) -> bool:
    """Whether text is one or two sentences then a short line of mostly capitalised names."""
    credit = CAPTION_CREDIT_RE.search(head)
    if credit is None or len(SENTENCE_STOP_RE.findall(head)) > MAX_CAPTION_SENTENCES:
        return False
    # A credit is names: no list ("First, Turkey; second, Nippers"), no closing stop, and
    # no author's line ("...zur Arbeit. Von Sabrina Muster": a standfirst and its byline).
    if NOT_A_CREDIT_RE.search(credit.group(1)) or BYLINE_START_RE.match(credit.group(1)):
        return False
    names = words(credit.group(1))
    capitals = sum(word[:1].isupper() for word in names)
    return bool(names) and capitals >= MIN_CREDIT_CAPITALS * len(names)


def strip_headlines(doc: Document, config: Config) -> Document:
    """Drop glued-on headlines and captions, headline lists and trailing headlines.

    >>> texts = ["Title of the story", "First paragraph of the article is here.",
    ...          "A sub-heading", "Second paragraph of the article is here.",
    ...          "Another story's headline", "One more story's headline",
    ...          "Third paragraph of the article is here.", "A trailing related headline"]
    >>> out = strip_headlines(Document(tuple(Block(t) for t in texts)), Config())
    >>> [b.text for b in out.blocks]
    ['Title of the story', 'First paragraph of the article is here.', 'A sub-heading', \
'Second paragraph of the article is here.', 'Third paragraph of the article is here.']
    >>> [c.rule for c in out.changes]
    ['headline-list', 'headline-list', 'trailing-headline']
    """
    # Per call: a batch's speed must not depend on repeats. The tests of a line are asked
    # again in every round of this stage.
    is_headline_shaped.cache_clear()
    # Judged as the tidy will leave them, so that a second cleaning judges them alike.
    blocks = doc.blocks
    judged = [_judged(block) for block in blocks]
    keeps: dict[int, str] = {}  # headline-shaped lines kept on evidence, and why
    instructing = INSTRUCTING_VERBS.get(doc.metadata.get(LANGUAGE_KEY), frozenset())
    drop = _polls(judged) | _glued_on(judged, keeps, instructing)
    # In a page's body that trafilatura found, a line is judged by its topic only when it
    # is all link (another story's headline): a line of the page's own text is the
    # article's, whatever its words (a list item, a table's caption, a sub-heading).
    links_only = doc.metadata.get(EXTRACTOR_KEY) == "trafilatura"
    # Text with no promo, label or glue in it anywhere is clean already (an article as
    # written, or cleaner's own output): the short lines inside it are its own.
    inside = _shows_scraping(doc)
    # A live blog's entry headings, told by their paragraphs, are not judged by topic;
    # nor are a table's rows, its cells between tabs (the judged text has spaces there).
    unjudged = {i for i, reason in keeps.items() if reason == "entry-heading"}
    unjudged |= {i for i, b in enumerate(blocks) if b.text.count("\t") >= MIN_TABLE_TABS}
    first_keeps: dict[int, str] = {}
    found = _headline_lines(
        judged, set(drop) | unjudged, links_only, inside, first_keeps, instructing
    )
    if not inside and found == {0: "section-label"} and _plain_title(judged, 0):
        # A short first line is all the chrome such a text would show: the title ("Winter
        # Road" over a song's lines), not a section's label above a scraped page's title.
        found = {}
        first_keeps[0] = "clean-title"
    if not inside and found and _closing_short_list(judged, found):
        # A label over short items is all the chrome such a text would show: the
        # article's closing list ("Features" over a jacket's), not other stories' links.
        first_keeps.update(dict.fromkeys(found, "own-list"))
        found = {}
    if not inside and CHROME_RULES & set(found.values()):
        # Section labels above the article or other stories' headlines after it are a
        # page's chrome too: the lines inside are judged after all.
        inside = True
        first_keeps = {}
        found = _headline_lines(
            judged, set(drop) | unjudged, links_only, inside, first_keeps, instructing
        )
    keeps |= first_keeps
    drop |= found
    drop |= _dangling_labels(judged, drop)
    # Dropping lines changes which ones trail the article and which words it uses: look
    # again at what is left until nothing more goes, so that cleaning the output again
    # drops nothing more either.
    rounds = 0
    while drop and rounds < MAX_ROUNDS:
        left = [i for i in range(len(judged)) if i not in drop]
        # What a table of contents listed stays the article's sub-headings once it is gone.
        listed = _contents_titles(judged, drop)
        titles = {j for j, i in enumerate(left) if line_key(judged[i].text) in listed}
        keeps.update((left[j], "contents-title") for j in titles)
        protected = titles | {j for j, i in enumerate(left) if i in unjudged}
        round_keeps: dict[int, str] = {}
        more = _headline_lines(
            [judged[i] for i in left], protected, links_only, inside, round_keeps, instructing
        )
        keeps.update((left[j], reason) for j, reason in round_keeps.items())
        more = {left[j]: rule for j, rule in more.items()}
        more |= _dangling_labels(judged, drop | more)
        if not more:
            break
        drop.update(more)
        rounds += 1
    kept = (
        Keep(STAGE, reason, KEEP_REASONS[reason], blocks[i].text)
        for i, reason in sorted(keeps.items())
        if i not in drop
    )
    return _dropped(doc, drop).keeping(kept)


def _carried_on(before: str) -> bool:
    """Whether the line after ``before`` goes on with its sentence: ``before`` stops on a
    comma or a semicolon ("Because it was grassy and wanted wear;" over a verse's next
    line). A headline follows a sentence's end, or a label. (A paragraph cut off
    mid-word by a paywall or a teaser box says nothing of what follows it.)

    >>> _carried_on("Because it was grassy and wanted wear;"), _carried_on("Labour Party,")
    (True, False)
    >>> _carried_on("The council met on Monday."), _carried_on("Related stories")
    (False, False)
    """
    text = before.rstrip().rstrip("\"'”’»)")
    return text.endswith(CARRIED_ON_ENDS) and word_count(text) >= MIN_CARRIED_WORDS


def _opener(text: str) -> str:
    """A line's first word, folded, with its contraction ("don't"): "" when it is no word
    of letters (a number, a mark).

    >>> _opener("Don’t press the soil too hard"), _opener("Keep it warm"), _opener("2 cups")
    ("don't", 'keep', '')
    """
    first = OPENER_RE.match(text.lstrip(BLANK_CHARS))
    word = first.group().replace("’", "'") if first else ""
    return word.casefold() if len(word) >= 2 else ""


def _heads_section(run: list[int], prose_at: set[int]) -> bool:
    """Whether a run of headline-shaped lines is a section's heading: a line or two
    (a tagline over a title) with a paragraph after them."""
    return len(run) <= MAX_SECTION_HEAD_LINES and run[-1] + 1 in prose_at


def _announced_sections(blocks: list[Block], runs: list[list[int]], prose_at: set[int]) -> set[int]:
    """The first lines of the section headings that a paragraph announced ("Here are five
    ways to spend less."): the one right after it, then each one that follows the last
    within ``MAX_SECTION_PARAGRAPHS`` paragraphs; the chain ends where the sections do.

    >>> texts = ["Prices rise. Here are three ways to spend less.", "Make a list",
    ...          "Buying only what you need avoids costly impulse buys.", "Buy in season",
    ...          "Fruit in season costs less and tastes better.", "Storm closes coastal road"]
    >>> sorted(_announced_sections([Block(t) for t in texts], [[1], [3], [5]], {0, 2, 4}))
    [1, 3]
    """
    announced: set[int] = set()
    reach = -1  # the last line a next section's heading may start on
    for run in runs:
        if run[0] > reach:
            announced_by = run[0] - 1
            if not (announced_by in prose_at and announces_sections(blocks[announced_by].text)):
                continue
        if not _heads_section(run, prose_at):
            reach = -1
            continue
        announced.add(run[0])
        reach = run[-1] + MAX_SECTION_PARAGRAPHS + 1
    return announced


def _section_openers(blocks: list[Block], runs: list[list[int]], prose_at: set[int]) -> set[str]:
    """The first words that open the headings of several of the text's sections: a
    review column's "Pour ...", "For ...". A common word (one the paragraphs write in
    lower case) opening MIN_PARALLEL_SECTIONS section headings is the article's
    pattern, not chance (other stories' headlines open as they please).

    >>> texts = ["For fans of noir", "A paragraph for the film, in full sentences.",
    ...          "For a night in", "Another paragraph, again in full sentences.",
    ...          "For the children", "A third paragraph that ends in a stop."]
    >>> sorted(_section_openers([Block(t) for t in texts], [[0], [2], [4]], {1, 3, 5}))
    ['for']
    >>> texts = [f"Google {t}" for t in texts[::2]]  # headlines on the same subject
    >>> texts = [t for pair in zip(texts, ["Google met on Monday, they said."] * 3) for t in pair]
    >>> _section_openers([Block(t) for t in texts], [[0], [2], [4]], {1, 3, 5})
    set()
    """
    heads = Counter(_opener(blocks[run[0]].text) for run in runs if _heads_section(run, prose_at))
    common = {word for word, count in heads.items() if word and count >= MIN_PARALLEL_SECTIONS}
    if not common:
        return common
    # A name opening them ("Google ...", "Plymouth ...") is their topic: other stories'
    # headlines on the same subject. The paragraphs write a pattern's word in lower case.
    lower = {w for i in prose_at for w in words(blocks[i].text) if w.islower()}
    return common & lower


def _signs_off(blocks: list[Block], indices: list[int], prose_at: set[int]) -> bool:
    """Whether the run at ``indices`` opens with one short exclamation right after the
    text's last paragraph: the writer's sign-off ("Bon appétit!", "Afiyet olsun!"), which
    a page's share bar may follow ("Share this recipe"). A box's call ("Stay informed!")
    has its promo words, and the promo stage takes it first.

    >>> blocks = [Block("Pump the tyre to the pressure printed on its side."), Block("Enjoy!")]
    >>> _signs_off(blocks, [1], {0}), _signs_off(blocks + [Block("Share")], [1, 2], {0})
    (True, True)
    >>> _signs_off(blocks + [Block("Share")], [2], {0})
    False
    """
    return indices[0] - 1 in prose_at and is_sign_off(blocks[indices[0]].text)


def _dangling_labels(blocks: list[Block], drop: dict[int, str]) -> dict[int, str]:
    """The short lines ending in a colon that end the text, after its prose: the label
    of a box the scraper left out ("Kurse und Finanzdaten zum Artikel:", "Bitte
    beachten:"), which introduces nothing.

    >>> texts = ["The shop opened on Monday with a queue around the block.", "Prices:"]
    >>> _dangling_labels([Block(t) for t in texts], {})
    {1: 'dangling-label'}
    >>> _dangling_labels([Block("Prices:")], {})
    {}
    """
    kept = [i for i in range(len(blocks)) if i not in drop]
    found: dict[int, str] = {}
    while kept and _is_dangling(blocks[kept[-1]].text):
        found[kept.pop()] = "dangling-label"
    if found and not any(is_prose(blocks[i].text) for i in kept):
        return {}
    return found


def _is_dangling(text: str) -> bool:
    """A label over nothing; not an own list's label ("Sources:": the article's own,
    even bare), an item ("^ "In the Loop:", a reference cut short) or a line of code."""
    text = text.strip(BLANK_CHARS)
    return (
        text.endswith((":", "："))
        and word_count(text, words(text)) <= MAX_DANGLING_LABEL_WORDS
        and not is_own_label(text)
        and not LIST_MARK_RE.match(text)
        and not is_data_line(text)
    )


def _dropped(doc: Document, drop: dict[int, str]) -> Document:
    blocks = doc.blocks
    changes = [
        Change(STAGE, rule, REASONS[rule], blocks[i].text, "", Location(i, 0, len(blocks[i].text)))
        for i, rule in sorted(drop.items())
    ]
    if not changes:
        return doc
    return doc.evolve([b for i, b in enumerate(blocks) if i not in drop], changes)


def _shows_scraping(doc: Document) -> bool:
    """Whether the text shows a scraper's work: a promo or label cut, or two elements
    glued together. Headline lists are judged only then."""
    return any(block.glued for block in doc.blocks) or any(
        change.stage in SCRAPING_EVIDENCE for change in doc.changes
    )


def _judged(block: Block) -> Block:
    text = plain(block.text)
    return block if text is block.text else block._replace(text=text)


def _glued_on(
    blocks: list[Block], kept: dict[int, str], instructing: frozenset[str] = frozenset()
) -> dict[int, str]:
    """Headlines and captions glued onto the text that follows them; ``kept`` gets the
    glued headline-shaped lines kept as their paragraph's heading (``instructing``: the
    verbs a guide's headings open on, see :func:`_headline_lines`)."""
    drop: dict[int, str] = {}
    article: str | None = None  # the paragraphs' text, joined when a line needs it
    announcing: int | None = None  # the first line announcing sections, found when needed
    # A live blog: several entries open on their time ("19.27 Uhr: ...").
    live = sum(bool(ENTRY_TIME_RE.match(b.text)) for b in blocks) >= MIN_LIVE_ENTRIES
    for i, (block, following) in enumerate(pairwise(blocks)):
        if not following.glued:
            continue
        text, after = block.text, following.text
        if (
            len(words(text)) >= MIN_GLUED_HEADLINE_WORDS
            and is_headline_shaped(text)
            and is_prose(after)
            and len(words(after)) >= MIN_PARAGRAPH_WORDS
            and not text.endswith("?")  # a question opens its section ("What happens next?")
            # A spec's line under a label of its own ("Location: Lisbon (hybrid)"); a
            # credit names its people first ("Anna Li Source: ...").
            and not (_is_fact_line(text) and len(words(text.partition(":")[0])) <= 2)
        ):
            # The text's first line is its title, whatever its words ("Summer Jazz Nights
            # 2026" over "The festival returns..."): nothing stands before it to be
            # another story's. A section's own sub-heading is short, and the article's
            # paragraphs (the one after it among them) use its words; another story's
            # headline on the same topic is longer.
            if i == 0 and not is_caption(text):
                kept[i] = "glued-title"
                continue
            if len(words(text)) <= MAX_SUB_HEADING_WORDS:
                if article is None:
                    article = " ".join(b.text for b in blocks if is_prose(b.text))
                if is_heading_of(text, article, HEADING_OVERLAP):
                    kept[i] = "sub-heading"
                    continue
            if announcing is None:
                found = (j for j, b in enumerate(blocks) if announces_sections(b.text))
                announcing = next(found, len(blocks))
            if (announcing < i or _opener(text) in instructing) and not is_caption(text):
                kept[i] = "announced-section" if announcing < i else "guide-step"
                continue  # a guide's section, announced or told what to do
            if _heads_entry(text, after, live):
                kept[i] = "entry-heading"
                continue
            if i and is_own_label(blocks[i - 1].text):
                kept[i] = "own-list"
                continue  # the first item under an own list's label ("Known issues")
            drop[i] = "glued-headline"
        elif is_caption(text) and len(words(after)) >= MIN_AFTER_CREDIT_WORDS:
            drop[i] = "glued-caption"
    return drop


def _heads_entry(line: str, paragraph: str, live: bool = False) -> bool:
    """Whether a glued line too long for a sub-heading is the heading of the paragraph
    after it: that paragraph restates it, or, under a live blog entry's time, uses half
    its words; in a ``live`` blog (several entries under their times), a line under an
    entry's time is one, whatever its words. Another story's headline is glued onto this
    story's text, which does not repeat it.

    >>> _heads_entry("19.27 Uhr: Risiko eines breiteren Krieges laut US-General gesunken",
    ...              "Das Risiko eines Krieges ist nach Einschätzung des Generals gesunken.")
    True
    >>> _heads_entry("Risiko eines breiteren Krieges laut US-General gesunken",
    ...              "Das Risiko eines Krieges ist nach Einschätzung des Generals gesunken.")
    False
    """
    heading = ENTRY_TIME_RE.sub("", line)
    if heading != line and live:
        return True
    share = HEADING_OVERLAP if heading != line else RESTATED_SHARE
    return is_heading_of(heading, paragraph, share)


def _polls(blocks: list[Block]) -> dict[int, str]:
    """Reader polls a scraper ran into the text: a question, then three answers or more
    of a few words, each glued onto the one before, and the text after them glued on too.

    >>> texts = ["Should the city ban cars from the centre?", "Yes, at once.", "No.",
    ...          "Only on Sundays.", "The council will vote on the plan at its meeting in May."]
    >>> _polls([Block(t, glued=n > 1) for n, t in enumerate(texts)])
    {0: 'poll', 1: 'poll', 2: 'poll', 3: 'poll'}

    A poll's answers are the reader's replies: sentences, or a yes and a no. Phrases
    with neither answer the question in the article's own list ("What does the library
    offer?", "A children's hall", "A rooftop café"):

    >>> texts[1:4] = ["A children's hall", "A digital lab", "A rooftop café"]
    >>> _polls([Block(t, glued=n > 1) for n, t in enumerate(texts)])
    {}
    """
    found: dict[int, str] = {}
    for index, block in enumerate(blocks):
        if not ends_question(block.text):
            continue
        if word_count(block.text) > MAX_POLL_QUESTION_WORDS or sentence_count(block.text) > 1:
            continue  # a paragraph that ends in a question, the poll's glued on after it
        end = index + 1
        while (
            end < len(blocks)
            and (end == index + 1 or blocks[end].glued)
            and word_count(blocks[end].text) <= MAX_POLL_ANSWER_WORDS
        ):
            end += 1
        answers = [blocks[i].text for i in range(index + 1, end)]
        if (
            len(answers) >= MIN_POLL_ANSWERS
            and (end == len(blocks) or blocks[end].glued)
            and _replies(answers)
        ):
            found.update(dict.fromkeys(range(index, end), "poll"))
    return found


def _replies(answers: list[str]) -> bool:
    """Whether a question's answers read as a poll's: most of them sentences, or one a
    yes or a no ("Yes", "Nein, das wäre Zensur."). A line ending in a colon leads in to
    a list ("Exportiert wurden vor allem:"): no poll's answer does.

    >>> _replies(["Ja, unbedingt.", "Nein.", "Weiß nicht."])
    True
    >>> _replies(["Exportiert wurden vor allem:", "Maschinen", "Importiert wurden:"])
    False
    """
    if any(answer.rstrip().endswith((":", "：")) for answer in answers):
        return False
    sentences = sum(ends_sentence(answer) for answer in answers)
    return 2 * sentences >= len(answers) or any(
        (found := words(answer)) and found[0].lower() in YES_NO for answer in answers
    )


def is_heading_of(line: str, paragraph: str, share: float = HEADING_OVERLAP) -> bool:
    """Whether ``line`` reads as the sub-heading of ``paragraph``: the paragraph uses its
    words (this ``share`` of them at least), plural or singular ("Social tariffs" over
    "Most firms offer a social tariff").

    >>> is_heading_of("Social tariffs", "Most firms offer a social tariff to people on low pay.")
    True
    """
    own = {singular(w) for w in content_words(line)}
    if not own:
        return False
    used = {singular(w) for w in content_words(paragraph)}
    return len(own & used) / len(own) >= share


def _introduced(blocks: list[Block], prose_at: set[int]) -> set[int]:
    """The lines a lead-in ("You will need:") or a list's label ("Ingredients", "Key
    points") introduces: every line after it up to the next paragraph of prose (a
    recipe's ingredients run on under their sub-labels, "For the drizzle"), or up to a
    label over links to other stories ("RELATED ARTICLES"), which opens a box of its own.

    >>> texts = ["Sources:", "drhyman.com", "RELATED ARTICLES", "Engineer creates religion"]
    >>> sorted(_introduced([Block(t) for t in texts], set()))
    [1]
    """
    introduced: set[int] = set()
    under = False
    for i, block in enumerate(blocks):
        if i in prose_at or _is_box_label(block.text):
            under = False
        elif under:
            introduced.add(i)
        if is_lead_in(block.text):
            under = True
    return introduced


def _closing_short_list(blocks: list[Block], found: dict[int, str]) -> bool:
    """Whether the lines ``found`` are only the text's last ones, trailing its paragraphs:
    a short label that names no box of links (`Related stories`) over two phrases or more
    of ``MAX_CLOSING_ITEM_WORDS`` words at most, none a sentence: a product's features, a
    place's facilities.

    >>> texts = ["A light jacket for the rain.", "Features", "Two zipped pockets", "A hood"]
    >>> found = dict.fromkeys([1, 2, 3], "trailing-headline")
    >>> _closing_short_list([Block(t) for t in texts], found)
    True
    >>> texts[1] = "Related stories"
    >>> _closing_short_list([Block(t) for t in texts], found)
    False
    """
    if set(found.values()) != {"trailing-headline"}:
        return False
    indices = sorted(found)
    if indices != list(range(indices[0], len(blocks))) or len(indices) < 1 + MIN_LIST_ITEMS:
        return False
    label, *items = (blocks[i].text for i in indices)
    return (
        word_count(label) <= MAX_CLOSING_LABEL_WORDS
        and not is_link_label(label)
        and all(
            word_count(item) <= MAX_CLOSING_ITEM_WORDS and not ends_sentence(item) for item in items
        )
    )


def _plain_title(blocks: list[Block], index: int) -> bool:
    """Whether a short line reads as the title of what follows it: words of letters only,
    none run into the next ("Share14KRedditTweet" is a scraped share bar), right over the
    first paragraph or an own list's label (a kicker stands over a longer title).

    >>> song = [Block("Winter Road"), Block("The snow lies deep on the old mill road,")]
    >>> _plain_title(song, 0), _plain_title([Block("Share14KRedditTweet"), song[1]], 0)
    (True, False)
    >>> _plain_title([Block("Extremism"), Block("Are we too soft on extremists?")], 0)
    False
    """
    text = blocks[index].text
    following = blocks[index + 1].text if index + 1 < len(blocks) else ""
    return (
        not GLUED_WORDS_RE.search(text)
        and not DIGIT_RE.search(text)
        and (not is_headline_shaped(following) or heads_own_list(following))
    )


def _named_by_body(blocks: list[Block], prose: list[int], index: int = 0) -> bool:
    """Whether every topic word of the line at ``index`` is in the first paragraph of
    prose: the text's own short title ("Anna Kowalczyk" over "Anna Kowalczyk (born 1961)
    is ..."), not a section's label ("Features") or a byline's name.

    >>> blocks = [Block("Anna Kowalczyk"), Block("Anna Kowalczyk (born 1961) is an architect.")]
    >>> _named_by_body(blocks, [1]), _named_by_body([Block("Features"), blocks[1]], [1])
    (True, False)
    """
    return is_heading_of(blocks[index].text, blocks[prose[0]].text, share=1.0)


def _is_box_label(text: str) -> bool:
    """Whether a line is the label of a box of links to other stories, in capitals
    ("RELATED ARTICLES", "MORE FROM AUTHOR"): in sentence case such a line may be a
    list's own item ("Top with toasted seeds", "Watch the pan").

    >>> _is_box_label("RELATED ARTICLESMORE FROM AUTHOR"), _is_box_label("Top with seeds")
    (True, False)
    """
    return text.isupper() and is_link_label(text)


def _introduces_run(blocks: list[Block], run: list[int], introduced: set[int]) -> bool:
    """Whether a run of headline-shaped lines is a list that a lead-in introduces, or that
    an own list's label opens (over more such lines, or lines of another shape: "Sources"
    over web addresses)."""
    first = run[0]
    return (
        first in introduced
        or (first > 0 and is_lead_in(blocks[first - 1].text))
        or ((len(run) > 1 or first + 1 < len(blocks)) and is_own_label(blocks[first].text))
    )


def _under_section_heading(
    blocks: list[Block], run: list[int], prose_at: set[int], kept: dict[int, str]
) -> bool:
    """Whether a run of lines stands under a section's heading (see
    :func:`_is_section_heading`): the line above it, or its first line, of
    ``MAX_HEADING_IN_RUN_WORDS`` at most; the heading follows a paragraph or a list
    the article keeps (``kept``: "What you will do", its duties, "What we are looking
    for", its demands). A box of other stories stands under a label of links ("More on
    this story", which a rule may have taken) or none, its first headline right after a
    paragraph.

    >>> texts = ["Our team is looking for an analyst to help the sales department.",
    ...          "What you will do", "Build and maintain weekly sales dashboards",
    ...          "Clean and join data from three systems", "Present findings to managers"]
    >>> blocks = [Block(t) for t in texts]
    >>> _under_section_heading(blocks, [2, 3, 4], {0}, {})
    True
    >>> blocks[1] = Block("More from our reporters")
    >>> _under_section_heading(blocks, [2, 3, 4], {0}, {})
    False
    >>> texts[1:2] = []  # the first of other stories' headlines, right after a paragraph
    >>> _under_section_heading([Block(t) for t in texts], [1, 2, 3], {0}, {})
    False
    """
    above = run[0] - 1
    if above > 0 and above not in prose_at and _is_section_heading(blocks[above].text):
        heading, items = above, run
    elif _is_section_heading(blocks[run[0]].text, MAX_HEADING_IN_RUN_WORDS):
        heading, items = run[0], run[1:]
    else:
        return False
    if items and items[-1] + 1 in prose_at and _is_section_heading(blocks[items[-1]].text):
        items = items[:-1]  # the next section's heading, over its paragraph
    # A list's items are phrases alike, maybe in groups under short headings of their
    # own ("Starters", two dishes, "Mains", two more); teasers come with their kickers,
    # writers and reading times between them ("Demografie", "Ralf Euler", "8 Min"), a
    # caption with its credit ("(AFP / JANE DOE)").
    groups: list[list[int]] = [[]]
    for i in items:
        text = blocks[i].text
        if (
            groups[-1]
            and not _reads_as_item(text)
            and _is_section_heading(text, MAX_HEADING_IN_RUN_WORDS)
        ):
            groups.append([])
        else:
            groups[-1].append(i)
    return (
        (heading - 1 in prose_at or kept.get(heading - 1) in OWN_LIST_KEEPS)
        and sum(map(len, groups)) >= MIN_LINK_LIST
        and all(len(group) >= MIN_LIST_ITEMS for group in groups)
        and all(_reads_as_item(blocks[i].text) for group in groups for i in group)
    )


def _reads_as_item(text: str) -> bool:
    """A phrase of a list: some words, one at least in lower case (or in a script
    without case), and no label of a box of links ("More to explore")."""
    found = words(text)
    return (
        word_count(text, found) >= MIN_SECTION_ITEM_WORDS  # (CJK counted by characters)
        and any(word.islower() or word.lower() == word.upper() for word in found)
        and not is_link_label(text)
    )


def _goes_on(blocks: list[Block], index: int, prose_at: set[int]) -> bool:
    """Whether the article goes on at ``index``: a paragraph, or the next section's
    heading over more lines ("What we are looking for" after a job's duties)."""
    return index in prose_at or (
        index + 1 < len(blocks) and _is_section_heading(blocks[index].text)
    )


def _is_section_heading(text: str, most_words: int = MAX_SECTION_HEADING_WORDS) -> bool:
    """A short line of words, no sentence, no byline, with no word of a box of links to
    other stories."""
    found = words(text)
    return (
        0 < word_count(text, found) <= most_words
        and any(word.isalpha() for word in found)
        # (Capitals only: a writer's name, "Hans-Werner Sinn", or a kicker.)
        and (len(found) == 1 or any(word.islower() for word in found))
        and not ends_sentence(text)
        and not BYLINE_START_RE.match(text)
        and not any(word.lower() in BOX_HEADING_WORDS for word in found)
    )


def _split_before(run: list[int], opens: Callable[[int], bool]) -> list[list[int]]:
    """``run`` cut before each of its items (after the first) that ``opens`` a new part.

    >>> _split_before([3, 4, 5, 6], lambda i: i == 5)
    [[3, 4], [5, 6]]
    """
    parts = [[run[0]]]
    for i in run[1:]:
        if opens(i):
            parts.append([i])
        else:
            parts[-1].append(i)
    return parts


def _last_data_line(blocks: list[Block]) -> int:
    """The index of the last line of a table or a listing (two such lines in a row at
    least), or -1: the article's body runs on to its data, which may follow its last
    paragraph of prose ("Results", then a table; "The script", then its code)."""
    for i in range(len(blocks) - 1, 0, -1):
        if is_data_line(blocks[i].text) and is_data_line(blocks[i - 1].text):
            return i
    return -1


def _last_sentence(blocks: list[Block]) -> int:
    """The index of the last line that is a sentence of some length though too few words
    for a paragraph (``Çalışmaların ilkbaharda başlaması planlanıyor.``: a language of
    long words), or -1: the article runs on to it, and the lines before it are not
    trailing it."""
    for i in range(len(blocks) - 1, 0, -1):
        text = blocks[i].text
        if len(text) >= MIN_SENTENCE_CHARS and ends_sentence(text) and not ends_question(text):
            return i if word_count(text) >= MIN_SENTENCE_WORDS else -1
    return -1


def _repeated_later(blocks: list[Block], index: int) -> bool:
    """Whether a later block reads the same as this one (case and spacing aside)."""
    key = line_key(blocks[index].text)
    return any(line_key(b.text) == key for b in blocks[index + 1 :])


def _contents_titles(blocks: list[Block], drop: dict[int, str]) -> set[str]:
    """The titles a table of contents among the lines ``drop`` takes listed (as
    :func:`line_key` reads them): the article's own sub-headings, whatever their words."""
    return {line_key(blocks[i].text) for i, rule in drop.items() if rule == "contents-list"}


def _link_list(blocks: list[Block], indices: list[int]) -> bool:
    """Three or more headline-shaped lines in a row, each a sentence-like title of five words
    or more and none a "label: value" line: a list of links, whatever its topic.

    A sub-heading is followed by its section's text; spec lists ("Fill: 850 down") and
    short labels are left to the topic test.
    """
    if len(indices) < MIN_LINK_LIST:
        return False
    return all(
        len(words(blocks[i].text)) >= MIN_LINK_WORDS and not LABEL_VALUE_RE.match(blocks[i].text)
        for i in indices
    )


def is_own_list(texts: list[str], short_lines: bool = True) -> bool:
    """Whether a run of short lines is the article's own: every line ends on a bug's or
    an issue's reference (a changelog), or every line holds a number and
    is short (a results table, a timeline), or, with ``short_lines``, none has more than
    ``MAX_SHORT_LINE_WORDS`` words and one a number (an address), or a line after the
    first carries on with a conjunction (a verse). Other stories' headlines are longer,
    and seldom all numbered; a run of one-word labels ("Listen", "Share") has no number.

    >>> is_own_list(["Arsenal 2 Chelsea 1", "Leeds 1 Burnley 1"])
    True
    >>> is_own_list(["Results", "Ajax - PSV 3-1", "AZ - Twente 2-0", "NAC - NEC 0-2", "Table"])
    True
    >>> is_own_list(["The Harbour Trust", "12 Quay Street", "Portsmouth"])
    True
    >>> is_own_list(["Summary", "Listen", "Share"])
    False
    >>> is_own_list(["Hold on to the night", "And the world was thin"])
    True
    >>> is_own_list(["Ministers agree new deal on bus fares", "Storm closes coastal road"])
    False
    >>> is_own_list(["Fixed a crash on start-up (Bug 1663501)", "Faster tabs (#4312, #4320)"])
    True
    """
    if len(texts) < 2:
        return False
    if all(TRACKER_REFERENCE_RE.search(text) for text in texts):
        return True  # a changelog's entries
    lines = [words(text) for text in texts]
    # (Tables may stand under their labels: "Results", the scores, "Table", the points.)
    labels = [found for text, found in zip(texts, lines, strict=True) if not DIGIT_RE.search(text)]
    if (
        len(labels) < len(texts) - len(labels)
        and all(len(found) <= MAX_LABEL_WORDS for found in labels)
        and all(len(found) <= MAX_TABLE_LINE_WORDS for found in lines)
    ):
        return True
    # (Counted by characters, a line of CJK text is "short" whatever it says.)
    if (
        short_lines
        and all(len(found) <= MAX_SHORT_LINE_WORDS for found in lines)
        and any(DIGIT_RE.search(text) for text in texts)
        and not any(CJK_RE.search(text) for text in texts)
    ):
        return True
    return any(found and found[0].lower() in CONJUNCTIONS for found in lines[1:]) or _rhymes(lines)


def _rhymes(lines: list[list[str]]) -> bool:
    """Whether a run of lines rhymes: most lines end in a word whose last letters end
    another line's close by (a verse's couplets or alternate rhymes). Other stories'
    headlines end where their topics do.

    >>> verse = ["Die Blätter fallen leise nieder", "Der Wind trägt sie von Ast zu Ast",
    ...          "Im Teich verschwimmen Baum und Flieder", "Der Sommer geht, er hatte Rast"]
    >>> _rhymes([words(line) for line in verse])
    True
    >>> _rhymes([words(line) for line in ["Storm closes coast road", "Bridge reopens",
    ...          "Council raises parking fees", "Ferry fares to rise"]])
    False
    """
    # (A verse's lines are phrases, not a menu's labels, and end on different words.)
    if len(lines) < MIN_VERSE_LINES or not all(
        MIN_VERSE_LINE_WORDS <= len(found) <= MAX_VERSE_LINE_WORDS for found in lines
    ):
        return False
    last = [found[-1].casefold() for found in lines]
    if len(set(last)) < len(last):
        return False
    ends = [word[-RHYME_LETTERS:] for word in last]
    rhymed = sum(
        end in ends[max(0, i - RHYME_REACH) : i] + ends[i + 1 : i + 1 + RHYME_REACH]
        for i, end in enumerate(ends)
    )
    return rhymed / len(lines) >= MIN_RHYMED_SHARE


def _see_also_titles(blocks: list[Block], indices: list[int]) -> bool:
    """Whether a run is a document's "See also" list: the label, then the titles of pages
    on the same site, short ones ("Output type determination", "New Zealand portal").
    News sites put other stories' headlines under it, and a headline is longer.

    >>> texts = ["See also", "Output type determination", "Universal functions"]
    >>> _see_also_titles([Block(t) for t in texts], [0, 1, 2])
    True
    >>> texts = ["See also", "Three Arrested After Late-Night Break-In at Riverside Shop"]
    >>> _see_also_titles([Block(t) for t in texts], [0, 1])
    False
    """
    if len(indices) < 2 or not SEE_ALSO_RE.fullmatch(blocks[indices[0]].text.strip()):
        return False
    return all(word_count(blocks[i].text) <= MAX_SEE_ALSO_TITLE_WORDS for i in indices[1:])


def _sectioned_lists(blocks: list[Block], runs: list[list[int]], first: int, last: int) -> bool:
    """Whether the article, between its first and last paragraph, is made of lists under
    labels: ``MIN_LABELLED_LISTS`` runs of three headline-shaped lines or more, each
    opening on a short label ("Highlights", "Project Updates", "Add-ons / Web
    Extensions") between paragraphs. Other stories' headlines come in one or two boxes,
    not a document of sections.

    >>> texts = ["The notes open with a sentence long enough to count as prose.",
    ...          "Fixes", "Saving a file keeps its name", "Undo works after a search",
    ...          "A paragraph of prose between the lists, as release notes have.",
    ...          "Speed", "Start-up takes half as long", "Large files load in the background",
    ...          "Another paragraph of prose between the lists, with a stop.",
    ...          "Other", "Tabs keep their order now", "Dark mode follows the system",
    ...          "A last paragraph that ends the notes with a full stop."]
    >>> _sectioned_lists([Block(t) for t in texts], [[1, 2, 3], [5, 6, 7], [9, 10, 11]], 0, 12)
    True
    """
    labelled = sum(
        len(run) >= 3
        and first < run[0] < last
        and word_count(blocks[run[0]].text) <= MAX_SECTION_LABEL_WORDS
        for run in runs
    )
    return labelled >= MIN_LABELLED_LISTS


def _heads_list(blocks: list[Block], index: int) -> bool:
    """Whether the line at ``index`` heads a list: two lines at least right under it are
    items (fact lines, "Transportes: 0,44%", one is a headline with a colon as often;
    bulleted lines; lines that carry on in lower case, "nowe ulgi dla rodzin"). Other
    stories' headlines and a menu's labels open on a capital.

    >>> texts = ["What weighed most", "Food: 0.61%", "Transport: 0.44%"]
    >>> _heads_list([Block(t) for t in texts], 0), _heads_list([Block(t) for t in texts], 1)
    (True, False)
    >>> _heads_list([Block(t) for t in ["Key changes", "higher pay", "new tax breaks"]], 0)
    True
    """
    items = blocks[index + 1 : index + 1 + MIN_LIST_ITEMS]
    return len(items) == MIN_LIST_ITEMS and all(_is_item(b) for b in items)


def _is_item(block: Block) -> bool:
    return block.kind == "list_item" or is_item_line(block.text)


def _mostly_unstopped(
    blocks: list[Block], shaped: list[bool], prose: list[int], first: int, last: int
) -> bool:
    """Whether, between the first and the last paragraph, the headline-shaped lines of
    Chinese or Japanese hold more text than the paragraphs of prose: the text is written
    in phrases without stops, as blogs in those scripts often are, and other stories'
    headlines between its paragraphs are never the most of it. (In other scripts, a
    whole page's scrape has more menu and teaser lines than prose.)

    >>> texts = ["週末一早出門，沿著山路往上開，轉了幾個彎後就到了營地。",
    ...          "營地主人是當地部落的青年", "搭好帳篷後孩子們馬上跑去溪邊抓小魚",
    ...          "下午下了一場小雨大家躲在天幕下聊天", "傍晚雨停了，天邊出現一道彩虹。"]
    >>> blocks = [Block(t) for t in texts]
    >>> _mostly_unstopped(blocks, [False, True, True, True, False], [0, 4], 0, 4)
    True
    """
    inner = range(first + 1, last)
    unstopped = sum(
        len(blocks[i].text) for i in inner if shaped[i] and CJK_RE.search(blocks[i].text)
    )
    stopped = sum(len(blocks[i].text) for i in prose)
    return unstopped > stopped


def _headlines_only(blocks: list[Block], indices: list[int]) -> list[int]:
    """The lines at ``indices`` that are no fact or spec line ("Referee: Ann Lee",
    "Fill: 850 down", "宮崎県：高鍋町、新富町", "Friday: pizza with whatever is left"):
    those are the article's.

    >>> texts = ["Friday: pizza with whatever is left", "Ukraine war: Kyiv hit by drones again",
    ...          "Israel und Gaza: der Krieg in Nahost in Bildern"]
    >>> _headlines_only([Block(t) for t in texts], [0, 1, 2])
    [1, 2]
    """
    return [i for i in indices if not _is_fact_line(blocks[i].text)]


def _is_fact_line(text: str) -> bool:
    """A label and its value: short ("Fill: 850 down"), or going on in lower case on a
    word that is no article or preposition ("Friday: pizza with whatever is left";
    a German or French headline's kicker goes on "der Krieg ...", "la guerre ...")."""
    if LABEL_VALUE_RE.match(text):
        return True
    found = FACT_LINE_RE.match(text)
    return bool(found) and words(text[found.end() - 1 :])[0] not in FUNCTION_WORDS


def _headline_lines(
    blocks: list[Block],
    protected: set[int],
    links_only: bool = False,
    inside: bool = True,
    kept: dict[int, str] | None = None,
    instructing: frozenset[str] = frozenset(),
) -> dict[int, str]:
    """Indices of headline-shaped lines to drop (none of ``protected``), with the rule for each;
    inside the article, with ``links_only``, only lines that are all link. ``kept``, when
    given, gets the headline-shaped lines kept on evidence, with the reason's key;
    ``instructing``, the verbs a guide's headings open on in the text's language."""
    kept = {} if kept is None else kept
    # A repeat of an earlier paragraph (the tidy drops it) does not count: the same lines
    # must be trailing whether or not the repeat is still there.
    # Nor does it part a run of headline-shaped lines.
    seen: dict[str, int] = {}
    prose = []
    repeats = set()
    for i, block in enumerate(blocks):
        check_time()
        key = " ".join(block.text.split())
        if key in seen and is_dropped_repeat(key, seen[key]):
            repeats.add(i)  # the tidy drops it
        elif is_prose(block.text):
            prose.append(i)  # a repeat the tidy keeps (a paragraph quoted again) stays text
        seen.setdefault(key, i - len(repeats))
    if not prose:
        return {}
    first, last = prose[0], max(prose[-1], _last_data_line(blocks), _last_sentence(blocks))
    prose_at = set(prose)
    introduced = _introduced(blocks, prose_at)
    # A list between paragraphs, under its heading or a question, is the article's own.
    listed = listed_lines([b.text for b in blocks], prose_at)
    kept.update((i, "own-list") for i in listed if is_headline_shaped(blocks[i].text))
    protected = protected | listed
    shaped = [
        i not in protected
        and (b.kind == "paragraph" or (b.kind == "list_item" and b.link))
        and is_headline_shaped(b.text)
        and not REVIEW_LINE_RE.search(b.text)
        and not NUMBERED_STEP_RE.fullmatch(b.text.strip())
        and not (i and _carried_on(blocks[i - 1].text))
        for i, b in enumerate(blocks)
    ]
    if not any(shaped):
        return {}
    # The article's text starts at its first paragraph; a title that asks a question
    # ("Sind wir zu sanft zu Islamisten?") reads as a sentence but is still its head.
    lead = next((i for i in prose if not shaped[i]), first)
    vocabulary_of: dict[int, set[str]] | None = None  # worked out when a run needs it
    openers: set[str] | None = None  # likewise
    announced: set[int] | None = None  # the sections a paragraph announced, likewise
    all_words: set[str] | None = None
    drop: dict[int, str] = {}
    considered = [i for i in range(len(blocks)) if shaped[i] or i not in repeats]
    runs = [
        list(run) for is_shaped, run in groupby(considered, key=lambda i: shaped[i]) if is_shaped
    ]
    # A list an own label or a lead-in introduces ends at a label over links to other
    # stories ("RELATED ARTICLES"): what that label heads is judged as a run of its own.
    runs = [
        part
        for run in runs
        for part in (
            _split_before(run, lambda i: _is_box_label(blocks[i].text))
            if _introduces_run(blocks, run, introduced)
            else [run]
        )
    ]
    # A table of contents starts a run of its own, wherever it stands ("The Morning
    # Brief" over "In this issue:" and the titles); so does an own list's label after a
    # fact line ("Rating: 4/5" over "Pros" and the review's points).
    runs = [
        part
        for run in runs
        for part in _split_before(
            run,
            lambda i: (
                bool(CONTENTS_LABEL_RE.match(blocks[i].text))
                or (is_own_label(blocks[i].text) and _is_fact_line(blocks[i - 1].text))
            ),
        )
    ]
    if inside and (
        _sectioned_lists(blocks, runs, first, last)
        or _mostly_unstopped(blocks, shaped, prose, first, last)
    ):
        # A document of labelled lists (release notes), or one written in lines with no
        # stops (a blog in phrases, a verse): its short lines are its own.
        inside = False
    for indices in runs:
        # A contents label heads the run, or stands right above it ending in a colon
        # ("In this issue:", which is no headline).
        above = indices[0] - 1
        if above >= 0 and above not in prose_at and CONTENTS_LABEL_RE.match(blocks[above].text):
            indices = [above, *indices]
        if CONTENTS_LABEL_RE.match(blocks[indices[0]].text):
            # The run may have grown into the first section when what stood between
            # them (a disclosure, an advert) is gone: followed by prose, its last lines
            # are the section's heading, back to the first title the article has
            # again further on (a contents entry).
            heads = 0
            if indices[-1] + 1 in prose_at:
                for i in reversed(indices[1:]):
                    if _repeated_later(blocks, i):
                        break
                    heads += 1
            drop.update(dict.fromkeys(indices[: len(indices) - heads], "contents-list"))
            continue
        if _introduces_run(blocks, indices, introduced) or _see_also_titles(blocks, indices):
            # (Under a document's references, a list of links: the page's own, but no
            # more evidence that the body runs on than a box of links is.)
            first = indices[0]
            label = next(
                (i for i in (first, first - 1) if i >= 0 and is_own_label(blocks[i].text)), -1
            )
            labelled = label >= 0 and not REFERENCE_LABEL_RE.fullmatch(blocks[label].text.strip())
            kept.update(dict.fromkeys(indices, "labelled-list" if labelled else "own-list"))
            continue  # what a lead-in or a list's label introduces: a list, a verse
        if indices[-1] < lead:  # the title and standfirst, and section labels
            # The lines after an own list's label, under the title or opening the run, or
            # under a line that stays, are its items; such a label amid a menu's
            # ("Contact", "FAQ") heads nothing.
            labelled = False
            for position, i in enumerate(indices):
                if is_own_label(blocks[i].text) or is_document_part(blocks[i].text):
                    kept[i] = "document-part"
                    labelled = labelled or (
                        (position <= 1 or indices[position - 1] not in drop)
                        and heads_own_list(blocks[i].text)
                    )
                    continue  # the label of the article's own list ("Highlights"), a chapter
                if labelled:
                    kept[i] = "own-list"
                    continue  # an item of that list ("Ingredients" over "4 eggs", "Salt")
                if word_count(blocks[i].text, words(blocks[i].text)) > MAX_LABEL_WORDS:
                    continue
                if _named_by_body(blocks, prose, i) and (
                    indices == [0] or (i == indices[-1] and len(words(blocks[i].text)) > 1)
                ):
                    kept[i] = "named-title"
                    continue  # a short title ("Lake Bled") that the article goes on to name
                if i == 0 and indices == [0] and blocks[1].glued and _plain_title(blocks, 0):
                    kept[i] = "glued-title"
                    continue  # a short title the scraper ran onto the first line ("Winter RoadThe")
                drop[i] = "section-label"
            continue
        texts = [blocks[i].text for i in indices]
        if indices[0] > last:
            if _signs_off(blocks, indices, prose_at):
                kept[indices[0]] = "sign-off"  # the article's last words ("Enjoy!")
                indices, texts = indices[1:], texts[1:]
            if not is_own_list(texts, short_lines=False):
                trailing = [
                    i for i in _headlines_only(blocks, indices) if not _heads_list(blocks, i)
                ]
                drop.update(dict.fromkeys(trailing, "trailing-headline"))
            continue
        if is_own_list(texts):
            continue  # inside the article: its address, results, timeline or verse
        if announced is None:
            announced = _announced_sections(blocks, runs, prose_at)
        if indices[0] in announced:
            kept.update(dict.fromkeys(indices, "announced-section"))
            continue  # a section's heading, after a paragraph that announced the sections
        if openers is None:
            openers = _section_openers(blocks, runs, prose_at)
        if _heads_section(indices, prose_at) and _opener(blocks[indices[0]].text) in openers:
            kept.update(dict.fromkeys(indices, "parallel-section"))
            continue  # one of the article's sections, headed as its others are
        if vocabulary_of is None:
            # Words of the paragraphs that stay: a caption dropped for its glue is not
            # article text.
            vocabulary_of = {
                i: set(content_words(blocks[i].text)) for i in prose if i not in protected
            }
            prose_texts = {blocks[i].text for i in vocabulary_of}
        # Another copy of the same line elsewhere is not evidence that the article uses it.
        run_texts = {blocks[i].text for i in indices}
        if run_texts & prose_texts:
            vocabulary = set().union(
                *(v for i, v in vocabulary_of.items() if blocks[i].text not in run_texts)
            )
        else:  # the usual case: one union for the whole document
            if all_words is None:
                all_words = set().union(*vocabulary_of.values())
            vocabulary = all_words
        scores = {i: overlap(blocks[i].text, vocabulary) for i in indices}
        # The section after the list may open with its own sub-heading, in the article's
        # words; a short one ("What is Nato?") is no link, so the list is the lines before.
        final = indices[-1]
        heads_next = final + 1 in vocabulary_of and (
            scores[final] >= LIST_KEEP_OVERLAP
            or is_heading_of(blocks[final].text, blocks[final + 1].text)
        )
        short_head = heads_next and len(words(blocks[final].text)) < MIN_LINK_WORDS
        listed = indices[:-1] if heads_next else indices
        if (
            _under_section_heading(blocks, indices, prose_at, kept)
            and not (links_only and any(blocks[i].link for i in indices))
            and (not inside or _goes_on(blocks, indices[-1] + 1, prose_at))
        ):
            kept.update(dict.fromkeys(indices, "section-list"))
            continue  # a section's own list ("What you will do" over a job's duties)
        if _link_list(blocks, indices[:-1] if short_head else indices) and (
            not links_only or all(blocks[i].link for i in listed)
        ):
            drop.update(dict.fromkeys(listed, "headline-list"))
            continue
        if not inside:
            continue  # judged by their words only in a text that shows a scraper's work
        # (Fact lines, "Transportes: 0,44%", are no headlines: a heading over them and
        # one other line are no list of other stories.)
        headlines = _headlines_only(blocks, listed)
        in_list = (
            len(headlines) >= 2
            and sum(scores[i] for i in headlines) / len(headlines) < LIST_OVERLAP
        )
        for i in headlines:
            if links_only and not blocks[i].link:
                continue
            if ends_question(blocks[i].text) and i + 1 in prose_at:
                continue  # a question and its answer: an interview, a Q&A's sub-heading
            if i + 1 in prose_at and _opener(blocks[i].text) in instructing:
                kept[i] = "guide-step"
                continue  # a guide's step over its paragraph ("Keep the curtains closed")
            if _heads_list(blocks, i) or (
                is_own_label(blocks[i].text) and i + 1 < len(blocks) and not shaped[i + 1]
            ):
                continue  # the heading of the list under it, or an own list's label over it
            score = scores[i]
            if in_list and score < LIST_KEEP_OVERLAP:
                drop[i] = "headline-list"
            elif score < UNRELATED_OVERLAP and len(words(blocks[i].text)) >= MIN_UNRELATED_WORDS:
                drop[i] = "unrelated-headline"
    # What a table of contents lists, the article has as its sub-headings.
    titles = _contents_titles(blocks, drop)
    if titles:
        named = {
            i
            for i, rule in drop.items()
            if rule != "contents-list" and line_key(blocks[i].text) in titles
        }
        kept.update(dict.fromkeys(named, "contents-title"))
        drop = {i: rule for i, rule in drop.items() if i not in named}
    return drop
