"""The last stage: plain spaces, no invisible characters, no empty or repeated blocks.

It runs last because the characters it removes are evidence for the stages before it: a
zero-width space or a no-break space often marks where a scraper glued two elements
together, which run-on repair needs to see.
"""

from __future__ import annotations

from ..config import Config, EncodingProfile
from ..edits import rewrite
from ..limits import check_time
from ..model import Block, Change, Document, Location
from ..spaces import COLLAPSED, normalize_spaces
from ..text import is_dropped_repeat
from ..text.encoding import needs_repair, repair_line

STAGE = "tidy"


# A row of a table written with tabs between its cells: this many cells at least. Its
# tabs are the table's structure and stay; each cell is tidied alone.
MIN_TAB_CELLS = 3


def tidy_row(text: str, profile: EncodingProfile) -> tuple[str, list[tuple[str, str]]]:
    """Like :func:`tidy_text`, keeping the tabs between a table row's cells.

    >>> tidy_row("Liberal\\u00a0Democrat\\t5 \\t0", Config().encoding)[0]
    'Liberal Democrat\\t5\\t0'
    >>> tidy_row("Caf\\u200bÃ\\tis open", Config().encoding)[0]
    'Cafà is open'
    """
    cells = text.strip().split("\t")
    if len(cells) < MIN_TAB_CELLS or not all(cell.strip() for cell in cells):
        return tidy_text(text, profile)
    applied: list[tuple[str, str]] = []
    tidied = []
    for cell in cells:
        cell, steps = tidy_text(cell, profile)
        tidied.append(cell)
        applied += [step for step in steps if step not in applied]
    row = "\t".join(tidied)
    if row != text and not applied:
        applied.append(COLLAPSED)
    return row, applied


def tidy_text(text: str, profile: EncodingProfile) -> tuple[str, list[tuple[str, str]]]:
    """Normalise spaces; if that changed the text, check its encoding once more.

    Removing spaces can bring a mangled character next to what ftfy needs to see to
    recognise it ("x\\u200bÃ a" becomes "xÃ a", a mangled "à"). Without the second look,
    cleaning the output again would change it.

    >>> tidy_text("Caf\\u200bÃ\\tis open", Config().encoding)[0]
    'Cafà is open'
    """
    tidied, applied = normalize_spaces(text)
    if not applied or not needs_repair(tidied, profile):
        return tidied if applied else text, applied
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
    more words that repeats one of the first three blocks exactly (scrapers repeat the
    standfirst); keeps short repeats, which can be a writer's choice, and repeats further
    on, which are the text's own (a refrain, a table's rows).

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
        check_time()
        text, applied = tidy_row(block.text, config.encoding)
        whole = Location(index, 0, len(block.text))
        if not text:
            reason = "block held nothing but spaces and invisible characters"
            changes.append(Change(STAGE, "drop-empty", reason, block.text, "", whole))
            continue
        if text in seen and is_dropped_repeat(text, seen[text]):
            reason = f"exact repeat of block {seen[text]}, at the head of the text"
            changes.append(Change(STAGE, "drop-repeat", reason, block.text, "", whole))
            continue
        if applied:
            rule = applied[0][0]
            reason = "; ".join(reason for _, reason in applied)
            changes.append(rewrite(STAGE, rule, reason, index, 0, block.text, text))
        seen.setdefault(text, len(blocks))  # where it stands in the output
        blocks.append(block if text is block.text else block._replace(text=text))
    if not changes:
        return doc
    return doc.evolve(blocks, changes)
