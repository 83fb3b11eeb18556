"""Split paragraphs that a scraper ran together: at sentence ends and element boundaries.

When markup is minified, ``</p><p>`` leaves no whitespace behind, and text extraction
gives ``...popular psyche.But what far fewer...``. Writers put a space after a sentence,
so a sentence end glued straight onto a capital marks an element boundary. So does a
lower-case word touching a capitalised one (``...12 hoursExperts from...``), a word
touching an opening quote (``...in decade"This is...``), and a photo credit touching
the next sentence (``...Getty ImagesDesigned by...``). The stage makes the two sides two
paragraphs and marks the second ``glued``: that is the evidence ``strip_headlines`` reads
to find a headline or caption glued onto a paragraph.

It never splits initials and dotted abbreviations (``U.S.``, ``p.m.``), titles
(``Mr.Smith``), domains (``Canada.Com``), e-mail addresses, URLs, ellipses, decimals (a
digit after the dot is never a capital) or camel-case names (``WhatsApp``, ``iPhone``,
``McDonald's``, ``YouTube``, ``LinkedIn``: they start with a capital, or with a single
lower-case letter, or go on with a word that never starts a sentence).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from itertools import pairwise

from ..config import Config
from ..edits import paragraph_break, split_blocks, token_span
from ..limits import check_time
from ..model import LANGUAGE_KEY, VERBATIM_KINDS, Block, Change, Document
from ..spaces import seen_through
from ..text import ELISION_BEFORE_RE, LOWER, UPPER
from ..text.encoding import needs_repair, repair_alone
from ..text.prose import OWN_LIST_LABEL_RE, reads_as_code

STAGE = "repair_runons"
REASONS = {
    "sentence-glue": "a sentence end glued to the next one without a space:"
    " two paragraphs run together",
    "paragraph-gap": "two or more spaces (or a no-break space) after a sentence, where most"
    " have one plain space:"
    " the gap between two paragraphs, collapsed onto one line",
    "cjk-gap": "a space after a Chinese or Japanese sentence end, which those scripts never"
    " write there (where most of the text's sentence ends have none):"
    " the gap between two paragraphs, collapsed onto one line",
    "cjk-label": "a label in lenticular brackets (【関連記事】) right after a Chinese or"
    " Japanese sentence: the next page element, run on",
    "element-glue": "two page elements joined with no space (a lower-case word touching a"
    " capital or an opening quote, or a photo credit touching a sentence)",
}

# A sentence end (one ! or ?, or one full stop) right after a letter, digit, closing
# bracket or closing quote, then an optional closing quote, then a capital (possibly
# behind an opening quote), or a bracketed label ("...chamber.(Credit: Reuters)"). Two or
# more dots are an ellipsis, never split. (Zero-width glue between them is looked
# through: see glue_points.)
# (Each pattern here starts with the character it is about and looks behind from there:
# a pattern that opens with a look-behind is tried at every position of the text, one
# that opens with a character class is skipped through in C to where that class occurs.)
# The stops a glued sentence ends with: Latin's, and the danda, the Urdu full stop, the
# Arabic question mark and the Ethiopic full stop, which never end an abbreviation.
GLUE_STOPS = ".!?।۔؟።"
# The stop follows a word or a closer (a vowel sign ends an Indic word: "की।"; French
# closes a quotation with "»" before it), or, for "?" and "!", the space French sets
# before them ("Quels sont mes droits ?Si votre vol...").
AFTER_WORD = (
    rf"(?:(?<=[^\W_][{GLUE_STOPS}]|[)\]%”’\"'»\u0900-\u0dff][{GLUE_STOPS}])"
    r"|(?<=[^\W_][ \u00a0\u202f][?!]))"
)
# What a glued sentence starts with: a capital of any cased script, or a letter of a
# script without case that writes spaces between words (Arabic, Hebrew, the Indic
# scripts, Hangul, Ethiopic, Georgian). (CJK sentences are told apart by cjk-gap.)
UNCASED_LETTER = "\u0590-\u05ff\u0600-\u06ff\u0900-\u0dff\u10d0-\u10ff\u1200-\u137f\uac00-\ud7af"
SENTENCE_START = rf"[{UPPER}{UNCASED_LETTER}]"
# A short bracketed label with no sentence in it ("(Credit: Reuters)", "(AP)", a
# gallery's "[1/5]"); a bracketed sentence after a stop ("...it.(In fact, I never do.)")
# is a writer's typo, and a number in square brackets is a reference mark that belongs to
# the sentence before it ("...a plasma.[81] The exact...").
BRACKETED_LABEL = r"(?!\[\d+\])[(\[][A-Z\d][^()\[\].!?]{0,40}[)\]]"
GALLERY_COUNTER_RE = re.compile(r"\[\d{1,3}/\d{1,3}\]")
# (Its reference marks go with the sentence: "...a plasma.[81]The exact..." splits after them.)
GLUE_RE = re.compile(
    rf"([{GLUE_STOPS}]){AFTER_WORD}([\"”’')]?)(?:\[\d{{1,4}}\])*"
    rf"(?=[\"“‘„«¿¡]?{SENTENCE_START}|{BRACKETED_LABEL})"
)
# Any gap but one plain space after a sentence end: two or more spaces, a tab, or a
# no-break space (``&nbsp;</p><p>``): the whitespace between two paragraph elements,
# collapsed onto one line. Only read so when most sentence ends in the text have one plain
# space (some writers put two after every sentence, some systems a no-break space).
GAP_SPACES = " \t\u00a0\u2000-\u200a\u202f\u205f\u3000"
SPACED_GLUE_RE = re.compile(
    rf"[.!?]{AFTER_WORD}[\"”’']?"
    # (after a gap, a straight single quote opens a quotation: no apostrophe starts a word)
    rf"((?! [^{GAP_SPACES}])[{GAP_SPACES}]+)(?=[\"“‘']?[{UPPER}])"
)
SENTENCE_END_RE = re.compile(rf"[.!?][\"”’']?[{GAP_SPACES}]+(?=[\"“‘']?[{UPPER}])")
# Chinese and Japanese put no space after a sentence: one there (behind an optional
# closing bracket or quote) is where a scraper joined two elements. A writer who puts one
# after every sentence is read as such: only a text whose sentence ends mostly have none
# is split (MAX_SPACED_SHARE).
CJK_STOP = "。！？"
CJK_GAP_RE = re.compile(rf"[{CJK_STOP}][」』）】\]]?([ \u3000]+)(?=[^\sa-z])")
CJK_SENTENCE_END_RE = re.compile(rf"[{CJK_STOP}](?=.)")
# A label in lenticular brackets after a Chinese or Japanese sentence or bracket closes
# opens the next element ("...取締役に）【関連記事】", "...した。【写真】"): no sentence
# goes on into one.
CJK_LABEL_GLUE_RE = re.compile(rf"(?<=[{CJK_STOP}」』）])【[^】\n]{{1,10}}】")
# A live blog's next entry glued on: a sentence end, then a time and a capital
# ("...injured.”16:59Joseph Gamp Police say...", "...country.10.42am: Thousands...",
# "...getötet.19.27 Uhr: Israels...").
TIMESTAMP_GLUE_RE = re.compile(
    rf"[.!?][\"”’']?\s?(?=\d{{1,2}}(?::\d{{2}}|\.\d{{2}}(?=\s?(?:[AaPp]\.?[Mm]|Uhr|h\b)))"
    rf"(?:\s?[AaPp]\.?[Mm]\.?|\s?Uhr)?:?\s?[{UPPER}])"
)
MAX_SPACED_SHARE = 0.9
# Splits at a gap of spaces: the two sides were apart on the page, not glued (no evidence
# for the headline stage that one side is a glued-on headline).
GAP_RULES = frozenset({"paragraph-gap", "cjk-gap"})
# Where any of the sentence-level glue above can be: a sentence end followed (behind an
# optional quote) by a capital, a digit or a gap other than one plain space, or a
# straight double quote before a capital. Most paragraphs have none.
SENTENCE_GLUE_SCREEN_RE = re.compile(
    rf'[{GLUE_STOPS}"](?:(?<=[{GLUE_STOPS}])(?=["”’\')]?(?:["“‘„«¿¡\'([]?{SENTENCE_START}|[([]\d|\s?\d'
    rf"|[{GAP_SPACES}]{{2}}|[{GAP_SPACES.replace(' ', '')}]))|(?<=\")(?=[A-Z]))"
)
# A lower-case word of two letters or more ("iPhone" and "eBay" never count) touching a
# capitalised word, or any letter touching an opening quote and a capital ("“", "„").
ELEMENT_GLUE_RE = re.compile(
    # (Possessive: the word's last letter is where its run of letters ends. Letters of
    # every cased script: "ändertVermieter", "sièclePour", "словаПо".)
    rf"\b[{LOWER}][{LOWER}'’-]++(?<=[{LOWER}])(?=[{UPPER}][{LOWER}])|[^\W_](?=[“‘„][{UPPER}])"
    # A year or a number of two to four digits touching a word ("...in 1949Nato was..."),
    # but not the minutes of a time ("21:00Antony").
    rf"|(?<![:\d])\d{{2,4}}(?=[{UPPER}][{LOWER}])"
    # A closing quote after a word, touching a capitalised word ("...'throwing
    # stones'Multiple people..."): a quoted headline glued onto the text after it.
    # (Two letters before the quote at least: "d'Isère" and "Coeur d’Alene" are names.)
    rf"|(?<=[{LOWER}]{{2}})['’”](?=[{UPPER}][{LOWER}])"
    # A semicolon touching a capital: list items run together ("infrastructure;Promoting");
    # a colon after a lower-case word: a list run onto its lead-in ("includes:Recognising"),
    # or a heading in capitals onto one ("his crimes:WHAT NEXT").
    # (Not after a capitalised word: labels and names, "Image:Getty", "Dry:Soon".)
    rf"|(?<=[{LOWER}]);(?=[{UPPER}][{LOWER}])|\b[{LOWER}]{{2,}}:(?=[{UPPER}][{UPPER}{LOWER}])"
    # A bracket closed after a word, or a percentage, touching a capitalised word
    # ("...by a narrow margin)The council", "...rose to 5.3%Analysts"). (Two lower-case
    # letters before the bracket: "(s)He" and "(Re)Union" are words.)
    rf"|\)(?<=[{LOWER}]{{2}}\))(?=[{UPPER}][{LOWER}])|%(?<=\d%)(?=[{UPPER}][{LOWER}])"
    # A word in capitals, four letters or more, touching a capitalised word: a label or
    # an agency glued onto a sentence ("...WITH CONTENTChief executive", "SWNSDrivers").
    # (Names in camel case start with at most three: "CNNMoney", "NBCUniversal"; and one
    # a sentence's lower-case word leads up to is a name too: "implements ECMAScript".)
    rf"|[{UPPER}](?<![^\W\d_][{UPPER}])(?<![{LOWER}] [{UPPER}])[{UPPER}]{{3,}}"
    rf"(?=[{UPPER}][{LOWER}])"
)
# Where an element glue can end: a capital or an opening quote right after a word
# character or a closing mark. The element pattern is tried only on the stretch before
# each of these (a pattern that reads a word from its start is tried at every letter of
# a text, and nearly none of them is glue); no word it reads back over is longer.
ELEMENT_JOIN_RE = re.compile(rf"[{UPPER}“‘„](?<=[^\W_][{UPPER}“‘„]|['’”;:)%][{UPPER}])")
ELEMENT_REACH = 64
# Above one join per this many characters, the whole text is scanned once instead.
DENSE_JOINS = 8
# A straight double quote between a word and a capital: it opens a quotation when an even
# number came before it (split before it), and closes one otherwise (split after it).
STRAIGHT_QUOTE_GLUE_RE = re.compile(rf'"(?<=[^\W_]")(?=[{UPPER}])')
# Straight single quotes shaped as opening one ("said 'It") or closing one ("rare,' he"),
# looked for this far back from a glued sentence end.
OPENING_SINGLE_RE = re.compile(r"(?:(?<=^)|(?<=[\s(\[“\"—–-]))'(?=[^\W_])")
CLOSING_SINGLE_RE = re.compile(r"(?<=[^\W_.,!?])'(?=[\s,.;:!?)\]]|$)|(?<=[,.!?])'(?=\s|$)")
SINGLE_QUOTE_WINDOW = 600
# A credit's last word touching the next sentence ("Getty ImagesDesigned by...", the
# agencies of other countries too: "Ann Lee/dpaProdukte aus China...").
CREDIT_GLUE_RE = re.compile(
    r"(?<![^\W\d_])(?:Images|Image|Photos?|Photography|Pictures|Stringer|Supplied|Handout|Getty|AFP|AP"
    r"|Reuters|REUTERS|EPA|Bloomberg|Shutterstock|iStockphoto|Alamy|Courtesy|dpa|picture alliance"
    r"|Imago|IMAGO|Keystone|KEYSTONE|Unsplash|ANSA|ANP|Belga|TASS|Xinhua)"
    # an agency's region may follow ("Getty Images Europe"); the next word may be "A"
    r"(?:\s(?:Europe|Asia|North America|South America|Africa|News|Pool))?"
    # the bracket a credit is often in ("(Photo by Ann Lee/Getty Images)Work began...")
    # The next word has three letters at least, or starts sentences ("In", "It", "A"),
    # or is an item's number ("Getty Images2. The debt..."): "APIs", "APKs" and "API
    # differences" are words.
    rf"\)?(?=[{UPPER}][{LOWER}]{{2}}|A\s|(?:In|It|On|As|At|If|He|We|So|No|To|By|An|My)\b|\d\.\s)"
)
# A capitalised word touching a word that starts sentences ("...Rest of WorldThe scale").
# Short starters ("In", "On", "It") are left out: they end camel-case names ("LinkedIn").
SENTENCE_STARTERS = """The She He They This That These Those There When While After Before Her
His Their Its Our Despite Although However Meanwhile Since Many Most Other Designed
Wearing""".split()
STARTER_GLUE_RE = re.compile(
    r"[a-z](?=[A-Z\d])(?:(?<=[A-Za-z][a-z])(?=(?:" + "|".join(SENTENCE_STARTERS) + r")\b"
    # "A" and "I" start a sentence when a lower-case word follows ("...JayneA study").
    r"|[AI]\s[a-z])"
    # a headline or caption touching a live blog's time ("...in Plymouth19:48Anna...")
    r"|(?<=[a-z][a-z])(?=\d{1,2}:\d{2}[A-Z]))"
)
# A caption's credit, in any language, touching the next sentence: after a credit's mark
# or a caption's label ("©", "Foto:", "Source:", "Источник:", "Legende:"), the first
# word that ends where a capitalised word begins ("© dpa | Jane SeidlerZunächst
# brannte...", "SRFInzwischen", "DEJUREПрокуроры"). The word before the join is lower
# case, in capitals, or a capitalised word of four letters or more: brand names in camel
# case start with a shorter one ("YouTube", "McDonald"). A number may start the sentence
# ("© IMAGO / Tischler18 Grad seien ...").
CREDIT_MARK_RE = re.compile(
    r"©|\b(?i:fotos?|photos?|bild|credits?|crédits?|quelle|source|fuente|fonte|zdroj|źródło"
    r"|источник|фото|джерело|caption|legende|bildlegende|bildunterschrift|légende)\s?:"
)
CREDIT_END_RE = re.compile(
    rf"(?<![^\W\d_])(?:[{LOWER}]{{2,}}|[{UPPER}](?:[{LOWER}]{{3,}}|[{UPPER}]+))"
    rf"(?=[{UPPER}][{LOWER}]|[„“«»][{UPPER}]|\d{{1,4}}\s[{UPPER}{LOWER}])"
)
CREDIT_REACH = 160
# Every element glue above has one of these at its join: a quick scan that lets the
# many paragraphs without one skip the slower patterns.
ANY_ELEMENT_GLUE_RE = re.compile(
    rf"[“‘„{UPPER}\d](?:(?<=[^\W_][“‘„]|[{LOWER}0-9'’”;:)%][{UPPER}]|[{LOWER}]\d)"
    rf"|(?<=[{UPPER}][{UPPER}])(?=[{LOWER}]))"
)
# A code identifier: camel case with two humps or more ("skipKnownBugs"), or a hump in a
# token of words joined by code's punctuation ("tabs.onUpdated.addListener()").
IDENTIFIER_CHARS_RE = re.compile(r"[\w$#@./()\[\]]+")
HUMP_RE = re.compile(r"[a-z0-9][A-Z]")
DOT_CAPITAL_RE = re.compile(r"\.[A-Z]")
# (A member's dot is followed by lower case: "Mr.SmithThe mayor" is prose run together;
# a slash joins credits too: "picture alliance/dpaAm Montag" is a credit and a sentence.)
CODE_JOIN_RE = re.compile(r"\w[_#(]\w|\w\.[a-z]|\(\)")
MAX_IDENTIFIER_SIDE = 48
# A word in camel case ("remoteStorage") with the words on either side of it: the
# text's names are told from glue by these (see camel_case_names).
# (Looked for at word starts only, and the words beside it in a bounded window: a long
# run of letters is read once.)
CAMEL_WORD_RE = re.compile(r"(?<![^\W_])[a-z]{2,}[A-Z][a-z]+(?![^\W_])")
CAMEL_AT_RE = re.compile(r"[a-z]{2,}[A-Z][a-z]+")
WORD_AFTER_RE = re.compile(r"[^\w\n]{0,3}([^\W_]*)")
WORD_BEFORE_GAP_RE = re.compile(r"([^\W_]*)[^\w\n]{0,3}$")
CONTEXT_WINDOW = 40
DIGITS_RE = re.compile(r"\d+")
# Both sides of an element boundary hold at least this many words, so that a lone
# capitalised word stays with its sentence.
MIN_SIDE_WORDS = 2
SIDE_WINDOW = 80
WORD_RE = re.compile(r"[^\W_]+")
WORD_BEFORE_RE = re.compile(r"[^\W_]+$")
LETTERS_RE = re.compile(r"[A-Za-z]+")

MAX_DOTTED_ACRONYM = 3
# An own list's label glued onto its first item is this long at least, and ends this near
# the text's start (see _label_glued).
MIN_GLUED_LABEL = 4
MAX_GLUED_LABEL = 48
NAME_OPENING_LABELS = frozenset({"plus", "minus", "contra"})
HUMP_AT_RE = re.compile(rf"[{LOWER}][{UPPER}]")
# A unit whose symbol joins a lower-case prefix to a capital ("120 mmHg", "29.9 inHg"),
# and the preprint servers science news cites ("medRxiv", "bioRxiv", "arXiv"): one word,
# no glue, though used once (see camel_case_names for a text's own names).
KNOWN_WORD_RE = re.compile(r"\b(?:(?:mm|cm|in)Hg|(?:bio|med|chem|psy|soc|eng|earth)Rxiv|arXiv)\b")
KNOWN_WORD_REACH = 8
# German capitalises every noun, so two elements run together often join two capitalised
# words ("...zwei neue ModeratorinnenJetzt kommt die Eiswand"): in German text a word of
# a capital and five lower-case letters or more touching a capitalised word of four
# letters or more is glue. Camel-case names start with a shorter hump ("PlayStation",
# "WhatsApp", "LinkedIn") or end with one ("GooglePay", "SchoolFox"), and a
# gender-inclusive plural is one word ("LehrerInnen"); a name of two long humps still
# splits ("CulturBooks": camel_case_names knows names that start in lower case only).
NOUN_GLUE_RE = re.compile(
    rf"[{UPPER}](?<![^\W\d_][{UPPER}])[{LOWER}]{{5,}}+(?!Innen\b|In\b)(?=[{UPPER}][{LOWER}]{{3,}})"
)
NOUN_GLUE_LANGUAGES = frozenset({"de", "lb"})
# Abbreviations that end in a full stop and are followed by a capitalised name or word
# (English, then German, Russian and Ukrainian: "Nr.", "ул.Ленина", "вул.").
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st mt ft jr sr rev gen col lt sgt capt cpl maj adm cmdr gov sen rep
    pres supt insp det hon messrs mme mlle sra sr sra no nos vol vols fig figs ch pp ed eds
    approx est dept univ assn bros inc ltd co corp plc vs etc al
    jan feb mar apr jun jul aug sep sept oct nov dec
    nr str bzw ca abs bd hrsg mio mrd tel vgl evtl ggf inkl zzgl usw
    ул пр пл просп им тыс млн млрд руб коп гл рис см ср напр проф акад доц ген полк св
    обл пос стр корп кв гг вв вул ім тис грн""".split()
)
# Generic domain endings, for ``Canada.Com`` written with a capital. Country codes are
# left out: "No", "In", "It", "Me" start sentences far more often than they end domains.
TOP_LEVEL_DOMAINS = frozenset("com org net edu gov info biz".split())
# Characters looked back from a full stop for the word it ends; longer than any abbreviation.
ABBREVIATION_WINDOW = 24
# Looks at the pieces when an address hid glue (each look can uncover another).
MAX_PIECE_ROUNDS = 3


def glue_points(text: str) -> dict[int, str]:
    """Offsets where ``text`` should be split, with the rule for each.

    Zero-width characters are looked through: "Smith\u200bThe" touches as "SmithThe"
    does (the split comes just before the next visible character).

    >>> text = "He left.She stayed.“Why?” he asked. The U.S.Army met Mr.Smith at Canada.Com."
    >>> [text[:i][-6:] for i in glue_points(text)]
    [' left.', 'tayed.']
    >>> glue_points('They said "stop."Then he went.')
    {17: 'sentence-glue'}
    >>> glue_points("Four were hurt.”16:59Joseph Gamp Police said more.")
    {16: 'sentence-glue'}
    >>> glue_points('Walkout in biggest strike in decade"This is a shock," she said.')
    {35: 'element-glue'}
    >>> glue_points("Her WhatsApp and iPhone, a LinkedIn post and McDonald's.")
    {}
    >>> glue_points("By Jane Smith\u200bThe council met.")
    {14: 'element-glue'}
    >>> glue_points("SCROLL TO CONTINUE WITH CONTENTChief executive Anna Berg spoke.")
    {31: 'element-glue'}
    >>> glue_points("CNNMoney and NBCUniversal reported it.")
    {}
    >>> glue_points("It passed (by a narrow margin)The vote was close. Her (s)He note stays.")
    {30: 'element-glue'}
    """
    visible, offsets = seen_through(text)
    points = _settled_glue_points(visible)
    if offsets is None:
        return points
    return {offsets[point]: rule for point, rule in points.items()}


def _settled_glue_points(text: str) -> dict[int, str]:
    """Glue points, looked for again in the pieces when an address hid some.

    A join inside a web address is no glue, and the address test looks at the run of
    non-space characters around a join; once the text is cut at the other points, that
    run may hold no address any more ("pic.twitter.com/x1" | "Mr.SmithThe mayor"). A
    second cleaning would see the pieces as lines of their own, so look at them now.
    """
    points, shielded = _visible_glue_points(text)
    for _ in range(MAX_PIECE_ROUNDS):
        if not (shielded and points):
            break
        shielded = False
        found: dict[int, str] = {}
        for start, end in pairwise([0, *points, len(text)]):
            piece_points, piece_shielded = _visible_glue_points(text[start:end])
            shielded |= piece_shielded
            found |= {start + point: rule for point, rule in piece_points.items()}
        new = {point: rule for point, rule in found.items() if point not in points}
        if not new:
            break
        points = dict(sorted((points | new).items()))
    return points


def _visible_glue_points(text: str) -> tuple[dict[int, str], bool]:
    """The glue points of ``text``, and whether an address test passed any over."""
    points: dict[int, str] = {}
    shielded = False
    # Two scans in C that nearly every paragraph fails let it skip everything below.
    if SENTENCE_GLUE_SCREEN_RE.search(text):
        shielded = _sentence_glue_points(text, points)
    shielded |= _element_glue_points(text, points)
    # An own label glued onto its first item opens the text, or a piece of it: a second
    # cleaning sees each piece as a line of its own ("13C.MondaySunny spells").
    for start in [0, *sorted(points)]:
        if (label_end := _label_glued(text, start)) is not None:
            points.setdefault(label_end, "element-glue")
    points.update((point, "cjk-gap") for point in _cjk_gaps(text))
    if "【" in text:
        points.update((m.start(), "cjk-label") for m in CJK_LABEL_GLUE_RE.finditer(text))
    return dict(sorted(points.items())), shielded


def _label_glued(text: str, start: int = 0) -> int | None:
    """Where an own list's label that opens the text (or its piece from ``start``) ends,
    glued onto the list's first item ("ProsLight and foldable", "IngredientsFlour",
    "ПлюсыЛёгкий"): the label is
    a word the lists of articles go under (see ``OWN_LIST_LABEL_RE``), of
    ``MIN_GLUED_LABEL`` letters at least and not one that names open on
    (``NAME_OPENING_LABELS``: "ProPublica", "PlusSize").

    >>> text = "ProsLight and foldable"
    >>> text[_label_glued(text) :], _label_glued("ProPublica reported it")
    ('Light and foldable', None)
    >>> _label_glued("PlusSize models walked first")
    >>> _label_glued("Prosecutors said"), _label_glued("MethodistsGathered")
    (None, None)
    """
    # (A quick look first: a capital opens the text, and a hump follows near it.)
    if not text[start : start + 1].isupper() or not HUMP_AT_RE.search(
        text, start, start + MAX_GLUED_LABEL
    ):
        return None
    found = OWN_LIST_LABEL_RE.match(text, start)
    label = found.group().rstrip(": ") if found else ""
    if len(label) < MIN_GLUED_LABEL or label.casefold() in NAME_OPENING_LABELS:
        return None
    end = found.end()
    after = text[end : end + 2]
    return end if len(after) == 2 and after[0].isupper() and after[1].islower() else None


def _sentence_glue_points(text: str, points: dict[int, str]) -> bool:
    """Add the glue at sentence ends and straight quotes to ``points``; say whether an
    address test passed any over."""
    shielded = False
    points.update((match.end(), "paragraph-gap") for match in _spaced_sentence_ends(text))
    points.update((match.end(), "sentence-glue") for match in TIMESTAMP_GLUE_RE.finditer(text))
    quotes_before = QuoteCounter(text)
    single_quotes: SingleQuotes | None = None  # found when the first one is asked about
    glue_opened = -1  # where a glued single quote last opened a sentence
    for match in GLUE_RE.finditer(text):
        stop, quote = match.groups()
        if stop == "." and _is_abbreviation(text, match.start()):
            continue
        if _in_address(text, match.start(), match.end()):
            shielded = True
            continue
        # A straight double quote after the stop closes a quotation when an odd number
        # of them came before it (split after it); otherwise it opens the next sentence.
        # Apostrophes spoil counting single ones: one closes only an open quotation.
        if quote == "'":
            single_quotes = single_quotes or SingleQuotes(text)
            if not single_quotes.open_at(match.start(), glue_opened):
                glue_opened = match.start() + len(stop)  # this one opens the next sentence
        if (quote == '"' and quotes_before(match.start()) % 2 == 0) or (
            glue_opened == match.start() + len(stop)
        ):
            points[match.start() + len(stop)] = "sentence-glue"
        else:
            points[match.end()] = "sentence-glue"
    quotes_before = QuoteCounter(text)
    for match in STRAIGHT_QUOTE_GLUE_RE.finditer(text):
        opening = quotes_before(match.start()) % 2 == 0
        point = match.start() if opening else match.end()
        if not _enough_words(text, point):
            continue
        if _in_link(text, match.start(), match.end()):
            shielded = True
            continue
        points.setdefault(point, "element-glue")
    return shielded


def _element_glue_points(text: str, points: dict[int, str]) -> bool:
    """Add the glue between page elements to ``points`` (where none is yet); say whether
    an address test passed any over."""
    shielded = False
    matches_by_kind = [_credit_ends(text)]
    if ANY_ELEMENT_GLUE_RE.search(text):
        matches_by_kind += [
            _element_glue(text),
            CREDIT_GLUE_RE.finditer(text),
            STARTER_GLUE_RE.finditer(text),
        ]
    for matches in matches_by_kind:
        for match in matches:
            point = match.end()
            if point in points or _elision(text, match) or _in_known_word(text, point):
                continue
            # (An agency's name right after a sentence's stop is no code: "bergen.dpaThe".)
            after_stop = (
                match.re is CREDIT_GLUE_RE and text[match.start() - 1 : match.start()] == "."
            )
            if not after_stop and _in_identifier(text, point):
                continue
            if _in_link(text, match.start(), point):
                shielded = True
                continue
            if _enough_words(text, point):
                points[point] = "element-glue"
    return shielded


def _credit_ends(text: str) -> Iterator[re.Match[str]]:
    """Where a caption's credit ends glued to the next sentence: the first such join after
    each credit mark.

    >>> text = "Smoke over the roofs. © Jane SeidlerFirst a room burned."
    >>> [text[m.end() :] for m in _credit_ends(text)]
    ['First a room burned.']
    >>> list(_credit_ends("Photo: YouTube. Source: McDonald's said so."))
    []
    """
    if ":" not in text and "©" not in text:
        return  # (every mark has one: a scan of the whole paragraph spared)
    for mark in CREDIT_MARK_RE.finditer(text):
        end = CREDIT_END_RE.search(text, mark.end(), mark.end() + CREDIT_REACH)
        if end is not None:
            yield end


def _element_glue(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``ELEMENT_GLUE_RE`` in ``text``, in order, found near the joins only.

    >>> [m.end() for m in _element_glue("A walk in the parkThe dog ran; its ownerSam")]
    [18, 40]
    """
    joins = [join.start() for join in ELEMENT_JOIN_RE.finditer(text)]
    if len(joins) * DENSE_JOINS > len(text):
        # Joins this dense ("aBaBaB", a wall of camel case): the windows would overlap,
        # and one scan of the whole text costs less than rescanning each.
        yield from ELEMENT_GLUE_RE.finditer(text)
        return
    scanned = 0  # where the last match ended: matches do not overlap
    for point in joins:
        if point < scanned:
            continue
        # Two characters past the join: as far as the pattern looks ahead.
        for match in ELEMENT_GLUE_RE.finditer(text, max(scanned, point - ELEMENT_REACH), point + 2):
            yield match
            scanned = match.end()


def _in_identifier(text: str, point: int) -> bool:
    """Whether the join at ``point`` is inside a code identifier: a token in camel case
    with two humps or more ("onlyXulLeaf", "skipKnownBugs"), or one joined to others by
    code's punctuation ("browserAction/pageAction", "tabs.onUpdated").

    >>> text = "set skipKnownBugs and browserAction/pageAction, or NewsThese"
    >>> [_in_identifier(text, text.index(w)) for w in ("Known", "Action/", "These")]
    [True, True, False]
    """
    # (Bounded either side: a text with no spaces must not make every join read it all.)
    start = point
    while start > max(0, point - MAX_IDENTIFIER_SIDE) and not text[start - 1].isspace():
        start -= 1
    end = point
    while end < min(len(text), point + MAX_IDENTIFIER_SIDE) and not text[end].isspace():
        end += 1
    token = text[start:end].rstrip(".,;:!?\"'”’")
    # (A capital after a dot is prose's: "U.S.ArmyThe" is an abbreviation and a join.)
    if not IDENTIFIER_CHARS_RE.fullmatch(token) or DOT_CAPITAL_RE.search(token):
        return False
    humps = len(HUMP_RE.findall(token))
    return humps >= 2 or (humps >= 1 and bool(CODE_JOIN_RE.search(token)))


def _in_known_word(text: str, point: int) -> bool:
    """Whether the join at ``point`` is inside a unit or a name of ``KNOWN_WORD_RE``.

    >>> _in_known_word("120 mmHg", 6), _in_known_word("the gymHe said", 7)
    (True, False)
    """
    found = KNOWN_WORD_RE.search(text, max(0, point - KNOWN_WORD_REACH), point + KNOWN_WORD_REACH)
    return found is not None and found.start() < point < found.end()


def _elision(text: str, match: re.Match[str]) -> bool:
    """Whether a glue found at an apostrophe is an elision, one word: "all'Italia",
    "dell’anno", "jusqu'Alger".

    >>> text = "chiesto all'Italia di"
    >>> _elision(text, re.search("'", text)), _elision("the 'Tory'Labour", re.search("y'", "y'"))
    (True, False)
    """
    quote = match.end() - 1
    return text[quote : quote + 1] in "'’" and bool(ELISION_BEFORE_RE.search(text, 0, quote))


class SingleQuotes:
    """Whether a straight single quote opened before a sentence end is still open there.

    Only quotes shaped as such count: one opening a word after a space or bracket (or
    at ``glue_opened``, a glued one found to open a sentence), one closing a word before
    a space or punctuation; an apostrophe inside a word is neither. Both kinds are found
    once per text, and each question looks them up (a window rescanned per sentence end
    made a text of many quotes cost ten times its length).

    >>> text = "The bank said.'It is rare,' he said. He went on: 'It is over.'Then"
    >>> quotes = SingleQuotes(text)
    >>> quotes.open_at(text.index(".'It")), quotes.open_at(text.index(".'Then"))
    (False, True)
    >>> text = "He said.'I was surprised.'Then it closed."
    >>> SingleQuotes(text).open_at(text.index(".'Then"), glue_opened=text.index("'I"))
    True
    """

    def __init__(self, text: str) -> None:
        self.openings = [m.start() for m in OPENING_SINGLE_RE.finditer(text)]
        self.closings = [m.start() for m in CLOSING_SINGLE_RE.finditer(text)]

    def open_at(self, stop: int, glue_opened: int = -1) -> bool:
        start = max(0, stop - SINGLE_QUOTE_WINDOW)
        opened = max(
            _last_before(self.openings, start, stop), glue_opened if glue_opened >= start else -1
        )
        return opened > _last_before(self.closings, start, stop)


def _last_before(offsets: list[int], start: int, stop: int) -> int:
    """The last of the sorted ``offsets`` in ``[start, stop)``, or -1."""
    at = bisect_left(offsets, stop) - 1
    return offsets[at] if at >= 0 and offsets[at] >= start else -1


class QuoteCounter:
    """Counts straight double quotes before offsets asked for in increasing order.

    A fresh ``text.count`` from the start at every glue point would make a line of many
    quotes quadratic; this counts each stretch once.

    >>> before = QuoteCounter('a "b" c "d')
    >>> before(3), before(6), before(10)
    (1, 2, 3)
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.offset = 0
        self.count = 0

    def __call__(self, offset: int) -> int:
        self.count += self.text.count('"', self.offset, offset)
        self.offset = offset
        return self.count


def _enough_words(text: str, point: int) -> bool:
    # A window is enough to count two words, and keeps the check linear on long lines.
    before = WORD_RE.findall(text, max(0, point - SIDE_WINDOW), point)
    after = WORD_RE.findall(text, point, point + SIDE_WINDOW)
    return len(before) >= MIN_SIDE_WORDS and len(after) >= MIN_SIDE_WORDS


def _spaced_sentence_ends(text: str) -> list[re.Match[str]]:
    spaced = list(SPACED_GLUE_RE.finditer(text))
    if not spaced:
        return []
    ends = len(SENTENCE_END_RE.findall(text))
    if len(spaced) > MAX_SPACED_SHARE * ends:
        return []
    return [m for m in spaced if not _is_abbreviation(text, m.start())]


def _cjk_gaps(text: str) -> list[int]:
    """Where the spaces after Chinese or Japanese sentence ends stop, when most ends have none.

    >>> text = "雨が降った。風も強い。 翌朝は晴れた。"
    >>> [text[point:] for point in _cjk_gaps(text)]
    ['翌朝は晴れた。']
    >>> _cjk_gaps("雨が降った。 風も強い。 翌朝は晴れた。")
    []
    """
    if not CJK_GAP_RE.search(text):
        return []
    gaps = [match.end() for match in CJK_GAP_RE.finditer(text)]
    if len(gaps) > MAX_SPACED_SHARE * len(CJK_SENTENCE_END_RE.findall(text)):
        return []
    return gaps


def _is_abbreviation(text: str, stop: int) -> bool:
    # Look back a short way only: searching from the start of the text would make each
    # call cost the whole text (a one-line article has hundreds of stops). A word longer
    # than the window is no abbreviation either way.
    word = WORD_BEFORE_RE.search(text, max(0, stop - ABBREVIATION_WINDOW), stop)
    if word is None:
        return False
    token = word.group()
    # One letter before the dot: an initial or a dotted abbreviation (U.S., p.m., J.K.).
    if (len(token) == 1 and token.isalpha()) or token.lower() in ABBREVIATIONS:
        return True
    # A short acronym dotted onto another in capitals: one name ("TP.HCM", Ho Chi Minh
    # City; "BS.CK2", a doctor's title), not two sentences.
    after = text[stop + 1 : stop + 3]
    return (
        len(token) <= MAX_DOTTED_ACRONYM
        and token.isupper()
        and len(after) == 2
        and all(c.isupper() or c.isdigit() for c in after)
    )


def _in_link(text: str, start: int, end: int) -> bool:
    """Whether a glue point sits inside an e-mail address or a web address.

    Unlike sentence glue, a slash alone does not count: credits join names with one
    ("Jon Smith/AP").
    """
    left, right = token_span(text, start, end)
    token = text[left:right].lower()
    return "@" in token or "://" in token or token.startswith("www.")


def _in_address(text: str, start: int, end: int) -> bool:
    """Whether the glue sits inside an e-mail address, a URL or a capitalised domain."""
    left, right = token_span(text, start, end)
    token = GALLERY_COUNTER_RE.sub(" ", text[left:right])  # "[1/5]" is no path
    if "@" in token or "/" in token or token.lower().startswith("www."):
        return True
    letters = LETTERS_RE.match(text, end)
    after = letters.end() if letters else end
    return (
        letters is not None
        and letters.group().lower() in TOP_LEVEL_DOMAINS
        and (after == len(text) or not text[after].isalpha())
    )


def _with_noun_glue(text: str, points: dict[int, str]) -> dict[int, str]:
    """``points`` and the joins of two capitalised words in German text (see
    ``NOUN_GLUE_RE``), as element glue, where no address or code identifier is.

    >>> _with_noun_glue("Zwei neue ModeratorinnenJetzt kommt die Eiswand.", {})
    {24: 'element-glue'}
    >>> _with_noun_glue("Die PlayStation, GooglePay und alle LehrerInnen zahlen mehr.", {})
    {}
    """
    found = dict(points)
    for match in NOUN_GLUE_RE.finditer(text):
        point = match.end()
        if point in found or _in_identifier(text, point) or _in_link(text, match.start(), point):
            continue
        if _enough_words(text, point):
            found[point] = "element-glue"
    return dict(sorted(found.items())) if len(found) > len(points) else points


def camel_case_names(texts: list[str]) -> frozenset[str]:
    """The words in camel case that the texts use as names: each met at least twice, with
    other words before it and other words after it each time.

    Two elements glued together make such a word once, or again wherever the same label
    is glued on again ("Article contentHe said", "Article contentHere's"): always after
    the same words. A name or an identifier is written into different sentences.

    >>> texts = ["A remoteStorage server holds the data.", "Each remoteStorage account has"
    ...          " a token.", "Article contentHe said so.", "Article contentHe left.",
    ...          "Read in 5 minSo the war goes on.", "Read in 7 minSo it ends."]
    >>> sorted(camel_case_names(texts))
    ['remoteStorage']
    """
    before: dict[str, set[str]] = {}
    after: dict[str, set[str]] = {}
    for text in texts:
        if not HUMP_RE.search(text):
            continue
        for match in CAMEL_WORD_RE.finditer(text):
            start, end = match.span()
            previous = WORD_BEFORE_GAP_RE.search(text, max(0, start - CONTEXT_WINDOW), start)
            following = WORD_AFTER_RE.match(text, end, end + CONTEXT_WINDOW)
            word = match.group()
            before.setdefault(word, set()).add(_context_word(previous))
            after.setdefault(word, set()).add(_context_word(following))
    return frozenset(
        word for word, previous in before.items() if len(previous) > 1 and len(after[word]) > 1
    )


def _context_word(match: re.Match[str] | None) -> str:
    """The word beside a camel-case word, its digits left out: a label after a number
    ("5 minSo", "£40Buy nowPrice") is the same label whatever the number."""
    return DIGITS_RE.sub("", match.group(1)).lower() if match else ""


def _names_a_word(text: str, point: int, names: frozenset[str]) -> bool:
    """Whether the glue point splits one of the text's camel-case ``names``."""
    start = point
    while start > max(0, point - MAX_IDENTIFIER_SIDE) and text[start - 1].islower():
        start -= 1
    match = CAMEL_AT_RE.match(text, start)
    return match is not None and match.group() in names


def repair_runons(doc: Document, config: Config) -> Document:
    """Split each block where a scraper ran two elements together.

    >>> doc = repair_runons(Document((Block("It rained.Roads closed at 9.30am."),)), Config())
    >>> [(b.text, b.glued) for b in doc.blocks]
    [('It rained.', False), ('Roads closed at 9.30am.', True)]
    >>> doc.changes[0].before, doc.changes[0].after
    ('rained.Roads', 'rained.\\n\\nRoads')
    """
    blocks: list[Block] = []
    changes: list[Change] = []
    names: frozenset[str] | None = None  # found when a block first has element glue
    nouns_glue = doc.metadata.get(LANGUAGE_KEY) in NOUN_GLUE_LANGUAGES
    for index, block in enumerate(doc.blocks):
        check_time()
        # (A table's row or code is kept as written: a listing run onto one line has
        # camel case and "exports.Cow" in it, which are no glue.)
        verbatim = block.kind in VERBATIM_KINDS or reads_as_code(block.text)
        points = glue_points(block.text) if not verbatim else {}
        if nouns_glue and not verbatim:
            points = _with_noun_glue(block.text, points)
        if "element-glue" in points.values():
            if names is None:
                names = camel_case_names([b.text for b in doc.blocks])
            if names:
                points = {
                    point: rule
                    for point, rule in points.items()
                    if rule != "element-glue" or not _names_a_word(block.text, point, names)
                }
        if not points:
            blocks.append(block)
            continue
        glued = [rule not in GAP_RULES for rule in points.values()]
        pieces = split_blocks(block, list(points), glued)
        changes += [
            paragraph_break(STAGE, rule, REASONS[rule], index, block.text, point)
            for point, rule in points.items()
        ]
        # Only a block that needed encoding repair as a whole can hold a piece that needs
        # it alone (the signature is made of characters, which a split does not add).
        if needs_repair(block.text, config.encoding):
            for number, offset in enumerate([0, *points]):
                text, change = repair_alone(
                    STAGE, pieces[number].text, index, offset, config, "once the piece stood alone"
                )
                if change:
                    pieces[number] = pieces[number]._replace(text=text)
                    changes.append(change)
        blocks += pieces
    if not changes:
        return doc
    return doc.evolve(blocks, changes)
