"""The scorer behind `cleaner eval`, on small pages whose figures are worked out by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.evaluate import GoldError, load_gold, macro, norm, score_page

GOLD = [
    "The bridge reopened on Friday after two years of repairs.",
    "Traffic will be limited to cars for the first month.",
    "Lorries return in July.",
]


def test_perfect_output() -> None:
    scores = score_page(GOLD, "Bridge reopens", ["Bridge reopens", *GOLD])
    assert scores["par_P"] == scores["par_R"] == scores["tok_F1"] == 1.0
    assert scores["junk"] == scores["dirty"] == scores["merged"] == 0
    assert scores["lines"] == 3, "the title line is left out"


def test_junk_line() -> None:
    scores = score_page(GOLD, "", [*GOLD, "Sign up to our newsletter for daily updates"])
    assert scores["junk"] == 1
    assert scores["par_P"] == 3 / 4 and scores["par_R"] == 1.0


def test_dirty_line_carries_a_run_of_foreign_tokens() -> None:
    line = "Storm hits the coast tonight " + GOLD[0]
    scores = score_page(GOLD, "", [line, GOLD[1], GOLD[2]])
    assert scores["dirty"] == 1 and scores["junk"] == 0
    assert scores["par_R"] == 2 / 3


def test_merged_paragraphs_in_one_line() -> None:
    scores = score_page(GOLD, "", [GOLD[0] + GOLD[1], GOLD[2]])
    assert scores["merged"] == 2 and scores["dirty"] == 0


def test_normalisation_ignores_quote_style_and_spacing() -> None:
    assert norm("“It’s  here”") == norm('"It\'s here"')
    assert score_page(["“It’s here,” she said."], "", ['"It\'s here," she said.'])["par_P"] == 1


def test_macro_averages_pages() -> None:
    rows = [score_page(GOLD, "", GOLD), score_page(GOLD, "", [])]
    assert macro(rows)["par_R"] == 0.5


def write_gold(folder: Path) -> None:
    page = {
        "id": "p1",
        "publisher": "Gazette",
        "country": "uk",
        "title": "Bridge reopens",
        "paragraphs": GOLD,
        "kinds": ["paragraph"] * 3,
    }
    (folder / "p1.gold.json").write_text(json.dumps(page))
    scraped = folder / "scraped" / "glued"
    scraped.mkdir(parents=True)
    (scraped / "p1.txt").write_text(
        "Bridge reopens\n" + "\n".join(GOLD) + "\nFollow The Gazette on Twitter and Facebook.\n"
    )


def test_eval_command_cleans_and_scores(tmp_path: Path) -> None:
    write_gold(tmp_path)
    out = tmp_path / "report.json"
    result = CliRunner().invoke(
        app, ["eval", str(tmp_path), "--input", "glued", "--per-page", "--json", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    assert "cleaner[glued]" in result.stdout and "p1" in result.stdout
    report = json.loads(out.read_text())
    assert report["macro"]["par_P"] == 1.0 and report["macro"]["junk"] == 0


def test_eval_command_refuses_a_folder_without_gold(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", str(tmp_path)])
    assert result.exit_code == 2 and "no *.gold.json" in result.stderr
    with pytest.raises(GoldError):
        load_gold(tmp_path)
