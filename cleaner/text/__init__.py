"""Text tools that hold in any language: words, sentence ends, function words.

The stages judge lines by shape: is it a sentence, how many words has it, does it stop
mid-phrase. Each notion is defined once here, for every script: sentence ends of Latin,
CJK, Arabic and Indic scripts, with the space French sets before ``?``; words of scripts
written without spaces counted by their characters; the function words of the languages
the rule packs know, which no headline ends on; the clause that says a sentence reports
what someone said. Two modules are imported by name, not from here: ``prose`` (is a line
running text, a table's row or code; its topic words and their overlap with an article)
and ``encoding`` (the cheap check whether a line needs ftfy, and its repair), which loads
ftfy.
"""

from .repeats import is_dropped_repeat
from .sentences import (
    CARRIED_ON_ENDS,
    CONJUNCTIONS,
    ELISION_BEFORE_RE,
    FUNCTION_WORDS,
    MIN_SENTENCE_WORDS,
    SENTENCE_END_RE,
    ends_mid_phrase,
    ends_question,
    ends_sentence,
    sentence_count,
)
from .speech import reports_speech
from .words import CJK_RE, LOWER, UPPER, WORD_RE, word_count

__all__ = [
    "CARRIED_ON_ENDS",
    "CJK_RE",
    "CONJUNCTIONS",
    "ELISION_BEFORE_RE",
    "FUNCTION_WORDS",
    "LOWER",
    "MIN_SENTENCE_WORDS",
    "SENTENCE_END_RE",
    "UPPER",
    "WORD_RE",
    "ends_mid_phrase",
    "ends_question",
    "ends_sentence",
    "is_dropped_repeat",
    "reports_speech",
    "sentence_count",
    "word_count",
]
