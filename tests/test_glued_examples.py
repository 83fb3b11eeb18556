"""Every whole-paragraph rule's examples, glued onto the paragraphs around them, take
nothing of those paragraphs: a promo a scraper ran into a sentence may go or stay, the
sentence stays. (Whether the promo goes is the rules' own tests; this is about loss.)

A paragraph with a promo glued on the end, then the next paragraph on its own line; or a
paragraph, then on the next line a promo glued onto the front of the next one. A few
shapes cannot be told from a caption and its credit, or from a label leading in what
follows; they are listed, so that a change that loses more shows here.
"""

from __future__ import annotations

import pytest

from cleaner import clean
from cleaner.rules import load_rules

PARAGRAPH = "The council approved a new budget for the harbour on Tuesday after a long debate."
NEXT = "Councillors voted 24 to 11 in favour of the plan, which will raise parking charges."

# (shape, rule id): where a glued example reads as something that takes a paragraph too.
AMBIGUOUS = {
    # "Para.Photo: AFP" on a line of its own is a caption and its credit.
    ("end", "caption-credit-block"),
    # "Bethany Funke (R)" glued after a sentence: a caption's positions.
    ("end", "caption-position-marker"),
    # "Open this photo in gallery:" leads in the caption after it, however long.
    ("start", "gallery-label"),
    # "follow us on X." : "X." reads as an initial, so no sentence ends there.
    ("start", "social-follow"),
    # Glue inside the promo itself ("PubMed", "CookiesAlways") comes before the join
    # onto the sentence: the first join is the one trusted.
    ("start", "cookie-consent"),
    ("start", "author-box"),
}

CASES = [
    pytest.param(shape, example, id=f"{shape}:{rule.id}:{example[:30]}")
    for rule in load_rules("promos")
    if rule.where == "block"
    for example in rule.examples
    for shape in ("end", "start")
    if (shape, rule.id) not in AMBIGUOUS
]


@pytest.mark.parametrize(("shape", "example"), CASES)
def test_glued_example_takes_no_paragraph(shape: str, example: str) -> None:
    glued = {"end": f"{PARAGRAPH}{example}\n{NEXT}", "start": f"{PARAGRAPH}\n{example}{NEXT}"}
    kept = clean(glued[shape]).text
    assert PARAGRAPH in kept and NEXT in kept
