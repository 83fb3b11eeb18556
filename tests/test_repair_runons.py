"""Run-on repair only ever cuts: the pieces put back together are the paragraph."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Block, Config, Document
from cleaner.stages.repair_runons import glue_points, repair_runons

pieces = st.sampled_from(
    [
        "word",
        "U",
        "S",
        "Mr",
        "Canada",
        "Com",
        "com",
        ".",
        "!",
        "?",
        "...",
        '"',
        "”",
        "“",
        "’",
        " ",
        "  ",
        "The",
        "It",
        "9",
        "30am",
        "@",
        "/",
        "\u200b",
        ")",
        "%",
    ]
)
glued_text = st.lists(pieces, max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(glued_text)
def test_pieces_rejoin_into_the_original(text: str) -> None:
    doc = repair_runons(Document((Block(text),)), Config())
    assert "".join(block.text for block in doc.blocks) == text
    assert len(doc.blocks) == len(glue_points(text)) + 1
    for change in doc.changes:
        assert text[change.where.start : change.where.end] == change.before
        assert change.after.replace("\n\n", "", 1) == change.before


def test_each_split_is_recorded_with_its_rule() -> None:
    doc = repair_runons(Document((Block("Rain fell.Roads shut."),)), Config())
    assert [(c.rule, c.before, c.after) for c in doc.changes] == [
        ("sentence-glue", "fell.Roads", "fell.\n\nRoads")
    ]
