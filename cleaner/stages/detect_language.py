"""Tell the text's language, so that the stages after it apply that language's rules.

Boilerplate is worded in the page's language ("Lesen Sie auch", "Suivez-nous sur"): the
rule packs for it are chosen by the language found here, and the language goes into the
result's metadata (and a JSONL record's). The identifier is py3langid's, whose model ships
in its package and runs offline (trafilatura uses the same). It reads the longest blocks,
where the article is, not the menus at the edges; when it is not sure, or the text is too
short to tell, the language stays unknown and only the language-neutral rules apply.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import cache
from typing import Any

from ..config import Config
from ..model import LANGUAGE_KEY, Document
from ..text import CJK_RE, WORD_RE

STAGE = "detect_language"
# Characters of the longest blocks read: enough for a sure answer, few enough to be cheap.
SAMPLE_CHARS = 800
# Lines shorter than this (a menu's labels: "Deutsch", "English") are read only when the
# longer ones hold fewer characters than this.
MIN_SAMPLE_LINE_CHARS = 40
MIN_SAMPLE_CHARS = 120
# Below this many letters no identifier is sure.
MIN_LETTERS = 40
# The probability the identifier must give its answer (normalised over its 97 languages).
MIN_PROBABILITY = 0.9
# Common words of each language a rule pack knows, none of them common in another
# language here: a text plainly in one of these languages is told by them without the
# model. Checked on the dev sets' 1,128 samples as this stage takes them (scraped text of
# every kind, and pages): where they decide (949 of them, with the kana), the model's
# answer is the same every time.
MARKERS = {
    language: frozenset(words.split())
    for language, words in {
        "en": "the and of that with for are said this have from his they been were which"
        " would their has had but you who what when it its there about into",
        "de": "und nicht ist sich auf für auch wird dass eine einen einer wurde werden über noch"
        " nach bei aus sind haben kann sie der die den dem im zu von mit hat ein",
        "fr": "les est une pour dans qui pas sur avec cette sont par aux été ont elle",
        "es": "los las del el sus más pero fue han este esta está también y muy hay",
        "it": "gli della delle dei che è sono alla anche più ha nel nella stato questo",
        "pt": "os dos não são pelo pela foi também ao em seu sua uma às ainda muito disse"
        " depois até isso ele eles",
        "nl": "het een van niet zijn voor ook maar wordt werd naar bij hij deze dat zich",
        "pl": "w nie się że jest jak przez oraz które który są jego jej był była",
        "cs": "v že jsou které který také již byl byla jsme této",
    }.items()
}
# A language is told by its markers when they make this share of the words at least,
# four times the share of any other language's, with this many different ones.
MARKER_SHARE = 0.06
MARKER_LEAD = 4
MIN_DISTINCT_MARKERS = 4
MIN_WORDS_FOR_MARKERS = 20
# Japanese is the one language written with kana (Chinese has none).
KANA_RE = re.compile(r"[\u3040-\u30ff]")
MIN_KANA = 20
# Chinese is written in Han characters alone: no kana (Japanese), no Hangul (Korean). The
# model is unsure of short Chinese texts (0.67 for a ten-line article: Han is shared with
# Japanese), so a text of this many Han characters, most of its letters, and no kana is
# told by its script.
HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
MIN_HAN = 40


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
    # A text plainly in a language of the rule packs is told without the model, which
    # costs half a second and a hundred megabytes (per worker) to load.
    plain = plainly_in(text)
    if plain is not None:
        return plain
    code, probability = _identifier().classify(text)
    return str(code) if probability >= MIN_PROBABILITY else None


def plainly_in(text: str) -> str | None:
    """The language ``text`` is plainly in by its common words (or its kana), or None.

    >>> plainly_in("Der Stadtrat hat am Montag über die neue Brücke abgestimmt, und die "
    ...            "Mehrheit war für den Plan, sagte der Sprecher. Die Arbeiten sollen noch in "
    ...            "diesem Jahr beginnen, wenn die Förderung bewilligt wird.")
    'de'
    >>> plainly_in("Lorem ipsum dolor sit amet, consectetur adipiscing elit.") is None
    True
    >>> plainly_in("上海市绿化局周六宣布，位于黄浦江畔的新城市公园正式对外开放。"
    ...            "公园占地约二十公顷，设有步道和自行车道。市政府负责人表示，公园将全年免费开放。")
    'zh'
    """
    if len(KANA_RE.findall(text)) >= MIN_KANA:
        return "ja"
    han = len(HAN_RE.findall(text))
    if han >= MIN_HAN and 2 * han >= sum(c.isalpha() for c in text) and not KANA_RE.search(text):
        return "zh"
    words = WORD_RE.findall(text.lower())
    if len(words) < MIN_WORDS_FOR_MARKERS:
        return None
    # (Each distinct word looked up once per language: a text repeats its common words.)
    counts = Counter(words)
    shares = {
        language: sum(n for word, n in counts.items() if word in markers) / len(words)
        for language, markers in MARKERS.items()
    }
    best, second = sorted(shares, key=shares.__getitem__, reverse=True)[:2]
    if shares[best] < MARKER_SHARE or shares[best] < MARKER_LEAD * shares[second]:
        return None
    if len(MARKERS[best].intersection(counts)) < MIN_DISTINCT_MARKERS:
        return None
    return best


def sample(doc: Document) -> str:
    """The longest lines' text, up to ``SAMPLE_CHARS``: the body, not the menus (this
    stage runs before the text is split into paragraphs: a page's scrape is one block,
    its menu and cookie notice on top).

    >>> from cleaner.model import Block
    >>> menu = "English\\nDeutsch\\nEspañol\\nFrançais\\n" * 20
    >>> sample(Document((Block(menu + "Die Brücke über den Fluss ist wieder offen."),)))[:20]
    'Die Brücke über den '
    """
    lines = [line for block in doc.blocks for line in block.text.splitlines()]
    # Sentences, not a menu's labels, where the text has enough of them.
    long_lines = [line for line in lines if len(line) >= MIN_SAMPLE_LINE_CHARS]
    if sum(map(len, long_lines)) >= MIN_SAMPLE_CHARS:
        lines = long_lines
    texts = sorted(lines, key=len, reverse=True)
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
