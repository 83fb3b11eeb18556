"""The last stage: plain spaces, no invisible characters, no empty or repeated blocks.

It runs last because the characters it removes are evidence for the stages before it: a
zero-width space or a no-break space often marks where a scraper glued two elements
together, which run-on repair needs to see.
"""

from __future__ import annotations

import re
import unicodedata

from ..chars import EXOTIC_SPACES, JOINERS, ZERO_WIDTH
from ..config import Config, EncodingProfile
from ..edits import rewrite
from ..model import Block, Change, Document, Location
from ..stages.fix_encoding import repair_line

STAGE = "tidy"

INVISIBLE_RE = re.compile(f"[{ZERO_WIDTH}]+")
# ZWJ and ZWNJ shape Indic, Arabic and Persian script and join emoji sequences; between two
# such characters they stay, anywhere else (between Latin letters, at an edge) they go.
JOINER_RE = re.compile(f"[{JOINERS}]+")
EXOTIC_SPACE_RE = re.compile(f"[{EXOTIC_SPACES}]")
SPACE_RUN_RE = re.compile(" {2,}")
WORD_RE = re.compile(r"\w+")

# A repeat is dropped only when it is long enough that repeating it cannot be a writer's
# choice: a short line ("Yes.", "* * *", a sub-heading like "Why?") may well recur.
MIN_REPEAT_WORDS = 3


def _needs_joiner(char: str) -> bool:
    """Whether a character beside a ZWJ/ZWNJ is one that such a joiner can shape."""
    if not char or char.isascii():
        return False
    category = unicodedata.category(char)
    if category in ("So", "Sk") or char == "\ufe0f":  # emoji, skin tones, emoji presentation
        return True
    return category[0] in "LM" and not _is_latin(char)


def _is_latin(char: str) -> bool:
    return "LATIN" in unicodedata.name(char, "")


def remove_stray_joiners(text: str) -> str:
    """Remove ZWJ/ZWNJ unless both neighbours are script letters, marks or emoji.

    >>> remove_stray_joiners("co\\u200dop") == "coop"
    True
    >>> remove_stray_joiners("\\U0001F469\\u200d\\U0001F4BB") == "\\U0001F469\\u200d\\U0001F4BB"
    True
    """

    def keep_or_drop(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        return match.group() if _needs_joiner(before) and _needs_joiner(after) else ""

    return JOINER_RE.sub(keep_or_drop, text)


def normalize_spaces(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Remove invisible characters, make every space plain, collapse runs and trim.

    Returns the text and the (rule, reason) pairs of the steps that changed it.

    >>> normalize_spaces("  Two\\u00a0 spaces\\u200b here. ")
    ('Two spaces here.', [('invisible-chars', 'zero-width characters removed'), \
('plain-spaces', 'exotic spaces became plain spaces'), \
('collapse-whitespace', 'runs of spaces collapsed and ends trimmed')])
    """
    applied: list[tuple[str, str]] = []
    new = INVISIBLE_RE.sub("", text)
    if JOINER_RE.search(new):
        new = remove_stray_joiners(new)
    if new != text:
        applied.append(("invisible-chars", "zero-width characters removed"))
    spaced = EXOTIC_SPACE_RE.sub(" ", new)
    if spaced != new:
        applied.append(("plain-spaces", "exotic spaces became plain spaces"))
    collapsed = SPACE_RUN_RE.sub(" ", spaced).strip(" ")
    if collapsed != spaced:
        applied.append(("collapse-whitespace", "runs of spaces collapsed and ends trimmed"))
    return collapsed, applied


def tidy_text(text: str, profile: EncodingProfile) -> tuple[str, list[tuple[str, str]]]:
    """Normalise spaces; if that changed the text, check its encoding once more.

    Removing spaces can bring a mangled character next to what ftfy needs to see to
    recognise it ("x\\u200bÃ a" becomes "xÃ a", a mangled "à"). Without the second look,
    cleaning the output again would change it.

    >>> tidy_text("Caf\\u200bÃ\\tis open", Config().encoding)[0]
    'Cafà is open'
    """
    tidied, applied = normalize_spaces(text)
    if not applied:
        return text, applied
    repaired, rules = repair_line(tidied, profile)
    if rules:
        applied.append((rules[0], "encoding repaired once spaces were tidied"))
        tidied, more = normalize_spaces(repaired)
        applied += [step for step in more if step not in applied]
    return tidied, applied


def tidy(doc: Document, config: Config) -> Document:
    """Normalise spaces in every block, then drop empty blocks and repeats of earlier blocks.

    Removes zero-width characters (keeping ZWJ/ZWNJ where a script or an emoji needs
    them), turns no-break, thin, ideographic and other exotic spaces into plain spaces,
    collapses runs of spaces and trims. Drops a block left empty, and a block of three or
    more words that repeats an earlier block exactly (scrapers repeat the standfirst);
    keeps short repeats, which can be a writer's choice.

    >>> lede = Block("Lede here, repeated.")
    >>> doc = Document((lede, Block(" \\u200b "), lede))
    >>> [b.text for b in tidy(doc, Config()).blocks]
    ['Lede here, repeated.']
    >>> [c.rule for c in tidy(doc, Config()).changes]
    ['drop-empty', 'drop-repeat']
    """
    blocks: list[Block] = []
    changes: list[Change] = []
    seen: dict[str, int] = {}
    for index, block in enumerate(doc.blocks):
        text, applied = tidy_text(block.text, config.encoding)
        whole = Location(index, 0, len(block.text))
        if not text:
            reason = "block held nothing but spaces and invisible characters"
            changes.append(Change(STAGE, "drop-empty", reason, block.text, "", whole))
            continue
        if text in seen and len(WORD_RE.findall(text)) >= MIN_REPEAT_WORDS:
            reason = f"exact repeat of block {seen[text]}"
            changes.append(Change(STAGE, "drop-repeat", reason, block.text, "", whole))
            continue
        if applied:
            rule = applied[0][0]
            reason = "; ".join(reason for _, reason in applied)
            changes.append(rewrite(STAGE, rule, reason, index, 0, block.text, text))
        seen.setdefault(text, index)
        blocks.append(block._replace(text=text))
    if not changes:
        return doc
    return doc.evolve(blocks, changes)
