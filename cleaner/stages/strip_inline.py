"""Remove labels that stand inside a sentence: a link's hidden ", opens new tab".

Screen-reader text is invisible on the page but not in a scrape: a link may carry
", opens new tab" or "(opens in a new window)" after its words, in the middle of the
sentence it belongs to. The rules are the ``inline`` rules of the rule packs (data, like
every promo rule); what stood either side of a label stays one paragraph. It runs after
strip_promos, which knows a line of links by their labels ("Careers, opens new tab") and
takes it whole.
"""

from __future__ import annotations

from ..config import Config
from ..limits import check_time
from ..model import LANGUAGE_KEY, VERBATIM_KINDS, Block, Change, Document, Location
from ..rules import Rule, RuleSet, labels_of, load_packs, packs_for
from ..spaces import ODD_CHAR_RE, SEEN_THROUGH_RE

STAGE = "strip_inline"


def inline_labels(text: str, rules: RuleSet) -> list[tuple[Rule, int, int]]:
    """The labels ``inline`` rules find in ``text``, in order and not overlapping.

    >>> rules = load_packs(("promos",))
    >>> labels = inline_labels("The report, opens new tab by the institute", rules)
    >>> [(rule.id, start, end) for rule, start, end in labels]
    [('hidden-link-label', 10, 25)]
    """
    return labels_of(text, rules, "inline")


def strip_inline(doc: Document, config: Config) -> Document:
    """Cut the labels inline rules name out of every block; the block stays one.

    >>> doc = Document((Block("Read the report, opens new tab, published on Monday."),))
    >>> out = strip_inline(doc, Config())
    >>> [b.text for b in out.blocks], [(c.rule, c.before) for c in out.changes]
    (['Read the report, published on Monday.'], [('hidden-link-label', ', opens new tab')])
    """
    rules = load_packs(packs_for(config.rules, doc.metadata.get(LANGUAGE_KEY)))
    # One look at the whole text for the inline rules' own needles (the automaton would
    # report every rule's): most documents hold no such label.
    lowered = _plain_lowered(doc)
    if not any(
        not rule.needles or any(needle in lowered for needle in rule.needles)
        for rule in rules.by_where["inline"]
    ):
        return doc
    blocks: list[Block] = []
    changes: list[Change] = []
    for index, block in enumerate(doc.blocks):
        check_time()
        labels = inline_labels(block.text, rules) if block.kind not in VERBATIM_KINDS else []
        if not labels:
            blocks.append(block)
            continue
        pieces: list[str] = []
        position = 0
        for rule, start, end in labels:
            pieces.append(block.text[position:start])
            where = Location(index, start, end)
            changes.append(Change(STAGE, rule.id, rule.reason, block.text[start:end], "", where))
            position = end
        pieces.append(block.text[position:])
        blocks.append(block._replace(text="".join(pieces)))
    if not changes:
        return doc
    return doc.evolve(blocks, changes)


def _plain_lowered(doc: Document) -> str:
    """All the blocks' text, lower-cased, read as :func:`plain_view` reads each: it holds
    every needle any block holds (and perhaps one across two blocks)."""
    text = "\n".join(block.text for block in doc.blocks)
    if "  " in text or ODD_CHAR_RE.search(text):  # what plain_view would change
        text = " ".join(SEEN_THROUGH_RE.sub("", text).split())
    return text.lower()
