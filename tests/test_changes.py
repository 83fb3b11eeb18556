"""Every change names a real place: the text at ``where`` is the text it says it removed."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner import Config, Document, clean
from cleaner.cli import app
from cleaner.pipeline import DEFAULT_STAGES, run, stage_name

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ARTICLES = sorted((FIXTURES / "pipeline").glob("*.in.txt")) + sorted(
    (Path(__file__).resolve().parent.parent / "examples").glob("*.txt")
)
GLUED = (
    "Bridge reopens after two years\n"
    "Article contentAdvertisement 2Story continues belowThe bridge reopened on Friday.\n"
    'Council to sell its last two car parks in town"It is the right time," the leader said.\n'
    "The old deck (Image: Council handout)Work began in 2023 and cost more than planned.\n"
    "Rain is forecast.Traffic is light.Follow The Gazette on Twitter and Facebook.\n"
    "Little-known tip can halve your heating billEngineers tested the boilers for a year.\n"
    "Storm closes seafront for a week\nRail strike called off after late talks\n"
)


@pytest.mark.parametrize(
    "text",
    [p.read_text(encoding="utf-8") for p in ARTICLES] + [GLUED],
    ids=[p.name for p in ARTICLES] + ["glued"],
)
def test_changes_point_at_the_text_they_name(text: str) -> None:
    doc = Document.from_text(text)
    for stage in DEFAULT_STAGES:
        out = stage(doc, Config())
        for change in out.changes[len(doc.changes) :]:
            assert change.stage == stage_name(stage)
            where = change.where
            seen = doc.blocks[where.block].text[where.start : where.end]
            assert seen == change.before, (change.rule, seen, change.before)
        doc = out
    assert run(Document.from_text(text), DEFAULT_STAGES, Config()).blocks == doc.blocks


@pytest.mark.parametrize(
    "text",
    [p.read_text(encoding="utf-8") for p in ARTICLES] + [GLUED],
    ids=[p.name for p in ARTICLES] + ["glued"],
)
def test_cleaning_clean_text_changes_nothing(text: str) -> None:
    once = clean(text).text
    assert clean(once).text == once


def test_explain_shows_what_was_kept_despite_a_rule_and_why() -> None:
    # A question over short answers between paragraphs: headline-shaped lines that the
    # headline stage keeps as the article's list, and says so.
    text = (
        "The council opened a new library on Sunday with a hundred thousand books.\n"
        "What does the library offer?\n"
        "A children's hall\n"
        "A rooftop café\n"
        "Membership is free for students, while others pay a small fee each year.\n"
        "Follow us on Instagram\n"
    )
    result = clean(text)
    kept = {(keep.rule, keep.text) for keep in result.kept}
    assert ("own-list", "What does the library offer?") in kept
    assert ("own-list", "A rooftop café") in kept
    assert all(keep.text in result.paragraphs for keep in result.kept)
    out = CliRunner().invoke(app, ["explain", "-"], input=text)
    assert "kept: strip_headlines/own-list" in out.stdout
    assert "'A rooftop café'" in out.stdout
