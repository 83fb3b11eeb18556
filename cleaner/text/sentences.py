"""Where sentences end, and lines that stop mid-phrase, in any script."""

from __future__ import annotations

import re

from .words import LOWER, UPPER

# A line that ends a sentence with this many words at least is a sentence, however short
# ("The operator apologised."): articles end so.
MIN_SENTENCE_WORDS = 3

# The stops that end a sentence, script by script: Latin, CJK (full stop, full-width and
# half-width marks), Arabic and Urdu (question mark, full stop), Indic (danda, double
# danda), Ethiopic (full stop, question mark), Myanmar, Armenian, Khmer, Tibetan,
# Syriac, Lisu, Canadian syllabics, and the Greek question mark.
SENTENCE_STOPS = ".…。．｡！？!?؟۔।॥።፧။։។៕།܀꓿᙮;"
# Closing quotes and brackets that may follow a sentence's stop, of every convention
# (German and Czech close with “ and ‘, Danish with «).
CLOSING_MARKS = "\"'”’“‘»«›‹)\\]」』）】"  # (escaped for a character class)
# A sentence's last character (see SENTENCE_STOPS), or the space French and others set
# before "?", "!", ":" and ";"; closing quotes and brackets may follow. Reference marks
# may follow too ("...to New Zealand.[16]", "...Zeeland.[14][15]", "[n 4]").
SENTENCE_END_RE = re.compile(
    rf"(?:[{SENTENCE_STOPS}]|\s?[?!:;；：])[{CLOSING_MARKS}]*"
    r"(?:\[(?:\d{1,4}|[a-z]{1,5}(?: \d{1,4})?)\]){0,6}$"
)
# The marks a line stops on when its sentence goes on in the next line (a verse's line,
# "the gulls fly low and grey,"): a comma or a semicolon, of Latin and CJK scripts.
CARRIED_ON_ENDS = (",", ";", "，", "；", "、")
# A stop, its closing marks and reference marks: no sentence end is longer.
SENTENCE_END_REACH = 60
# A question's end, in any script: the French space before it, closing marks after it.
QUESTION_END_RE = re.compile(
    rf"\s?[?？؟][{CLOSING_MARKS}]*$"
    # Greek asks with ";" (its question mark, U+037E, is the semicolon once normalised).
    rf"|[\u0370-\u03ff\u1f00-\u1fff]\s?[;\u037e][{CLOSING_MARKS}]*$"
)
QUESTION_END_REACH = 12
# Words no headline or title ends on: articles, prepositions, conjunctions and pronoun
# forms of the languages the rule packs know ("... is funded by a mix of", "... mit
# der"). A line ending on one was cut off mid-phrase (a wrap, a table cell, a lead-in).
FUNCTION_WORDS = frozenset(
    """a an the of to in on at by for with from into onto and or but nor as than that
    which who whose whom if because while although though via per like about over under
    between among through during without within upon toward towards is are was were be
    been has have had do does did will would can could should may might must shall its
    their our your my his her this these those such either neither whether
    der die das den dem des ein eine einen einem einer eines und oder aber mit von zu zum
    zur im am an auf aus bei nach seit für durch gegen ohne um vor über unter zwischen
    dass weil wenn als wie ist sind war entweder weder ob
    le la les un une des du de et ou mais avec pour par sur dans en au aux que qui dont
    est sont
    el los las unos unas del al y o pero con para por sobre entre sin según hacia es
    il lo gli uno di da e ed con per tra fra nel nella dei degli delle che è
    o os as um uma do da dos das no na nos nas em ao à e ou com para por que é
    het een van en op voor met aan bij naar uit om dat die is
    och att som för med till av på ett og til af for fra
    ja että sekä
    ve ile için
    yang dengan untuk dari pada ke""".split()
)
# Words that join a line to the one before it ("And all the boats are sleeping still"):
# a verse's line or a sentence carried on, never the first word of a headline.
CONJUNCTIONS = frozenset(
    """and but or nor yet und aber oder doch sondern et mais ni pero sino ma però mas porém
    maar""".split()
)
# A line that ends in an opening bracket, or in an elision ("all'", "l'", "quell'": the
# first half of a word), stops mid-phrase too; so does a longer one ending in a comma, a
# hyphen or an ampersand (a tag list's short items end in commas: "Labour Party,").
ELISIONS = (
    "c|d|j|l|m|n|s|t|qu|un|all|dall|dell|nell|sull|coll|pell|quell|bell|sant|senz|tutt|quant"
    "|cos|com|dov|gl|jusqu|lorsqu|puisqu|quoiqu|presqu"
)
# The first half of an elided word, at the end of a text ("chiesto all", "à l"): the
# apostrophe after it joins two words ("all'Italia", "l'Europe"), never two elements.
ELISION_BEFORE_RE = re.compile(rf"(?:^|[^\w'’])(?i:{ELISIONS})$")
OPEN_END_RE = re.compile(rf"[(\[{{]$|(?:^|[^\w'’])(?i:{ELISIONS})['’]$")
LONG_OPEN_END_RE = re.compile(r"[,\-–—&+/]$")
LONG_OPEN_END_WORDS = 5
MIN_PHRASE_WORDS = 4
# The last characters looked at: enough for the longest word an ending rule reads.
TAIL_CHARS = 40
LAST_WORD_RE = re.compile(r"([^\W\d_]+)\W*$")


# A sentence ends inside the text and another starts: a stop after a word of two
# lower-case letters or more ("Dr. Smith" is no end), perhaps a closing mark, a space and
# a capital of any cased script behind an opening mark or none (or a CJK stop and more
# text).
INNER_SENTENCE_END_RE = re.compile(
    rf"(?:(?<=[{LOWER}]{{2}})|(?<=[0-9)\"”’»“‘]))[.!?…][\"'”’»)\]]*\s+[\"'“‘„«(¿¡]?[{UPPER}]"
    r"|[。！？](?=\S)"
)


def sentence_count(text: str) -> int:
    """How many sentences a text holds, by the stops inside it (at least one).

    >>> sentence_count("It rained. Then it stopped."), sentence_count("Dr. Smith said so")
    (2, 1)
    >>> sentence_count("Das Café war voll. Über 100 Gäste kamen.")
    2
    >>> sentence_count("Droga zamknięta. Łódź czeka.")
    2
    """
    return 1 + len(INNER_SENTENCE_END_RE.findall(text))


def ends_sentence(text: str) -> bool:
    """Whether a line ends as a sentence does, in any script.

    >>> ends_sentence("Il est parti ?"), ends_sentence("会議は月曜日に開かれた。")
    (True, True)
    >>> ends_sentence("Er sagte: „Wir freuen uns.“"), ends_sentence("It was named in 1642.[14][15]")
    (True, True)
    >>> ends_sentence("Council meets on Monday")
    False
    """
    text = text.rstrip()
    # The end is in the last characters: a pattern anchored at "$" is otherwise tried at
    # every position of a long paragraph.
    return bool(SENTENCE_END_RE.search(text, max(0, len(text) - SENTENCE_END_REACH)))


def ends_question(text: str) -> bool:
    """Whether a line ends in a question mark, in any script.

    >>> ends_question("Il est parti ?"), ends_question("Wer zahlt?“"), ends_question("Ja.")
    (True, True, False)
    >>> ends_question("Τι αλλάζει για τους επιβάτες;"), ends_question("x = 1;")
    (True, False)
    """
    # (The end only: a pattern anchored at "$" is otherwise tried at every position.)
    return QUESTION_END_RE.search(text, max(0, len(text) - QUESTION_END_REACH)) is not None


def ends_mid_phrase(text: str) -> bool:
    """Whether a line stops where no title or headline could: on a function word, a comma,
    an opening bracket or an elision.

    >>> ends_mid_phrase("The project is funded by a mix of"), ends_mid_phrase("chiesto all'")
    (True, True)
    >>> ends_mid_phrase("Ministers agree new deal on bus fares")
    False
    >>> ends_mid_phrase("Nato denies report of US 'review'"), ends_mid_phrase("Labour Party,")
    (False, False)
    """
    text = text.rstrip()
    # Patterns anchored at "$" are tried at every position: only the tail can match.
    tail = text[-TAIL_CHARS:]
    if OPEN_END_RE.search(tail):
        return True
    if LONG_OPEN_END_RE.search(tail) and len(text.split()) >= LONG_OPEN_END_WORDS:
        return True
    last = LAST_WORD_RE.search(tail)
    # Lower case only: "Plan A", "Vitamin D" and "Lo" as a name end titles. A link's
    # label cut short ("See our") has too few words to be a phrase cut off.
    return (
        last is not None
        and last.group(1) in FUNCTION_WORDS
        and len(text.split()) >= MIN_PHRASE_WORDS
    )
