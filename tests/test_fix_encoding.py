"""The encoding stage: its fast path must never change what ftfy would have done."""

from __future__ import annotations

import re

import ftfy
import ftfy.bad_codecs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleaner import Config, Document
from cleaner.config import PROFILES
from cleaner.spaces import normalize_spaces
from cleaner.stages.fix_encoding import fix_encoding
from cleaner.text.encoding import (
    LOST_BYTE_QUOTE_RE,
    MAX_REPAIR_ROUNDS,
    STRAY_FORMAT_CHARS,
    ftfy_config,
    needs_repair,
)

# Text that looks like scraped articles: ASCII, typography, accented and other letters,
# pieces of real mojibake, entities, controls, invisible characters and line breaks.
PIECES = [
    "The council",
    " said",
    ". ",
    "’",
    "“",
    "”",
    "—",
    "–",
    "…",
    "£12",
    "café",
    "Zürich",
    "Ærø",
    "São Paulo",
    "Łódź",
    "Москва",
    "東京",
    "\u00a0",
    "\u200b",
    "\u00ad",
    "é",
    "Ã",
    "Â",
    "Å“",
    "Ã©",
    "â€™",
    "â€œ",
    "Â£",
    "Ã ",
    "œ ",
    "\x93",
    "\x85",
    "&amp;",
    "&#8217;",
    "AT&T",
    "e\u0301",
    "\x07",
    "\x1b[1m",
    "\r\n",
    "\n",
    "\r",
    "\u2028",
    "ﬁ",
    "Ａ",
    "\U0001f469\u200d\U0001f4bb",
]
article_like = st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=40).map("".join)


def ftfy_everywhere(text: str, profile_name: str = "preserve") -> str:
    """What ftfy.fix_text gives with the stage's settings, on every line, line endings made
    LF first: to a fixpoint with stray characters removed, and once more with plain
    spacing where that lets it repair more; before ftfy, the one repair of cleaner's own
    (a closing quote that lost its last byte, "â€", becomes "”")."""
    profile = Config(profile=profile_name).encoding
    config = ftfy_config(profile)._replace(explain=False)

    def fix(line: str) -> str:
        if profile.fix_mojibake:
            line = LOST_BYTE_QUOTE_RE.sub("\u201d", line)
        for _ in range(MAX_REPAIR_ROUNDS):
            fixed = ftfy.fix_text(line, config).translate(STRAY_FORMAT_CHARS)
            if fixed == line:
                break
            line = fixed
        return line

    def fix_line(line: str) -> str:
        line = fix(line)
        plain = normalize_spaces(line)[0]
        again = fix(plain)
        return again if again != plain else line

    text = re.sub(r"\r\n|[\r\u2028\u2029]", "\n", text)
    return "\n".join(fix_line(line) for line in text.split("\n"))


@pytest.mark.parametrize("profile_name", list(PROFILES))
@settings(max_examples=300, deadline=None)
@given(text=article_like)
@example(text="voilÃ le travail")
@example(text="the Ã  la carte menu")
def test_lines_the_signature_passes_are_lines_ftfy_leaves_alone(text: str, profile_name: str):
    profile = Config(profile=profile_name).encoding
    for line in text.splitlines():
        if not needs_repair(line, profile):
            assert ftfy.fix_text(line, ftfy_config(profile)._replace(explain=False)) == line


@pytest.mark.parametrize("profile_name", list(PROFILES))
@settings(max_examples=300, deadline=None)
@given(text=article_like)
def test_stage_output_equals_ftfy_on_everything(text: str, profile_name: str):
    doc = fix_encoding(Document.from_text(text), Config(profile=profile_name))
    assert doc.blocks[0].text == ftfy_everywhere(text, profile_name)


@settings(max_examples=300, deadline=None)
@given(text=article_like)
def test_changes_replay_the_input_into_the_output(text: str):
    doc = fix_encoding(Document.from_text(text), Config())
    rebuilt, position = [], 0
    for change in doc.changes:
        assert text[change.where.start : change.where.end] == change.before
        rebuilt += [text[position : change.where.start], change.after]
        position = change.where.end
    rebuilt.append(text[position:])
    assert "".join(rebuilt) == doc.blocks[0].text


def test_clean_text_records_nothing_and_returns_the_same_document():
    doc = Document.from_text("It’s a “clean” line — with £12 and café.\nAnd another.")
    assert fix_encoding(doc, Config()) is doc


def test_quotes_straight_overrides_the_profile():
    doc = fix_encoding(Document.from_text("It’s “here”."), Config(quotes="straight"))
    assert doc.blocks[0].text == 'It\'s "here".'
    assert [c.rule for c in doc.changes] == ["straight-quotes"]


def test_search_profile_folds_widths_and_ligatures_but_preserve_keeps_them():
    text = "ＡＢＣ ﬁnal"
    assert fix_encoding(Document.from_text(text), Config()).blocks[0].text == text
    folded = fix_encoding(Document.from_text(text), Config(profile="search")).blocks[0].text
    assert folded == "ABC final"


def test_minimal_profile_leaves_literal_mojibake_and_entities():
    text = "A column about the string &amp; and the bytes Ã©.\r\n"
    doc = fix_encoding(Document.from_text(text), Config(profile="minimal"))
    assert doc.blocks[0].text == "A column about the string &amp; and the bytes Ã©.\n"
    assert [c.rule for c in doc.changes] == ["line-breaks"]


def test_each_change_names_its_rule_and_reason():
    doc = fix_encoding(Document.from_text("Tom &amp; Jerry\nCafÃ© Â£3"), Config())
    rules = {(c.rule, c.before, c.after) for c in doc.changes}
    assert rules == {("html-entities", "&amp;", "&"), ("mojibake", "CafÃ© Â£3", "Café £3")}
    assert all(c.stage == "fix_encoding" and c.reason for c in doc.changes)
