"""Tell the text's language, so that the stages after it apply that language's rules.

Boilerplate is worded in the page's language ("Lesen Sie auch", "Suivez-nous sur"): the
rule packs for it are chosen by the language found here, and the language goes into the
result's metadata (and a JSONL record's). The identifier is py3langid's, whose model ships
in its package and runs offline (trafilatura uses the same). It reads the longest blocks,
where the article is, not the menus at the edges; when it is not sure, or the text is too
short to tell, the language stays unknown and only the language-neutral rules apply.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Any

from ..config import Config
from ..model import LANGUAGE_KEY, Document
from ..text import CJK_RE, WORD_RE

STAGE = "detect_language"
# Characters of the longest blocks read: enough for a sure answer, few enough to be cheap.
SAMPLE_CHARS = 800
# Below this many letters no identifier is sure.
MIN_LETTERS = 40
# The probability the identifier must give its answer (normalised over its 97 languages).
MIN_PROBABILITY = 0.9
# English's commonest words that are not words of the other languages the packs know
# ("in", "is", "a" are Dutch, Italian or Spanish too).
ENGLISH_MARKERS = frozenset(
    """the and of that was with for are said this have from his they been were which would
    their has had but you who what when it its there about into""".split()
)
# On the dev sets' 780 texts of 20 words or more, English ones hold 7.8% of these words at
# the least and other languages 4.1% at the most.
ENGLISH_SHARE = 0.06
MIN_WORDS_FOR_ENGLISH = 20


@cache
def _identifier() -> Any:
    # Imported and loaded on first use: the model takes half a second to load, which a
    # run that never cleans a text (``cleaner --help``) should not pay.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_of(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or None when it cannot be told.

    >>> language_of("Die neue Fähre soll ab dem Frühjahr zwischen den beiden Ufern pendeln.")
    'de'
    >>> language_of("Le gouvernement a présenté mardi sa réforme des retraites au parlement.")
    'fr'
    >>> language_of("OK") is None
    True
    """
    # A character of an unspaced script (CJK, Thai) tells about as much as two letters.
    if sum(c.isalpha() for c in text) + len(CJK_RE.findall(text)) < MIN_LETTERS:
        return None
    # Plainly English text (its commonest words, which no other language shares, make a
    # large share of it) is told without the model: most input is English, and the
    # model costs half a second and a hundred megabytes to load.
    words = WORD_RE.findall(text.lower())
    if len(words) >= MIN_WORDS_FOR_ENGLISH and (
        sum(word in ENGLISH_MARKERS for word in words) >= ENGLISH_SHARE * len(words)
    ):
        return "en"
    code, probability = _identifier().classify(text)
    return str(code) if probability >= MIN_PROBABILITY else None


def sample(doc: Document) -> str:
    """The longest blocks' text, up to ``SAMPLE_CHARS``: the body, not the menus."""
    texts = sorted((block.text for block in doc.blocks), key=len, reverse=True)
    picked: list[str] = []
    size = 0
    for text in texts:
        if size >= SAMPLE_CHARS:
            break
        picked.append(text[: SAMPLE_CHARS - size])
        size += len(picked[-1])
    return "\n".join(picked)


def detect_language(doc: Document, config: Config) -> Document:
    """Record the text's language in the metadata (``language``: an ISO 639-1 code).

    Changes no text and records no change; a language given in the metadata already
    (a JSONL record's, a caller's) is kept.

    >>> from cleaner.model import Block
    >>> doc = Document((Block("Il governo ha presentato martedì la riforma delle pensioni."),))
    >>> detect_language(doc, Config()).metadata["language"]
    'it'
    """
    if doc.metadata.get(LANGUAGE_KEY):
        return doc
    language = language_of(sample(doc))
    if language is None:
        return doc
    return replace(doc, metadata={**doc.metadata, LANGUAGE_KEY: language})
