"""Every rule acts on its examples and leaves its look-alikes alone; bad rule files fail clearly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cleaner import Config
from cleaner.chars import BLANK_CHARS
from cleaner.cli import app
from cleaner.rules import RuleError, every_pack, load_packs, parse_rules
from cleaner.rules.fuzz import backtracking
from cleaner.rules.needles import edge_char, needles
from cleaner.spaces import plain_view

# Every shipped rule: the language-neutral pack and every language pack.
RULES = load_packs(every_pack(Config().rules))


@pytest.mark.parametrize(
    ("rule", "example"),
    [pytest.param(r, e, id=f"{r.id}:{e[:40]}") for r in RULES for e in r.examples],
)
def test_rule_acts_on_its_examples(rule, example: str) -> None:
    assert rule.find(example) is not None


@pytest.mark.parametrize(
    ("rule", "lookalike"),
    [pytest.param(r, e, id=f"{r.id}:{e[:40]}") for r in RULES for e in r.lookalikes],
)
def test_rule_leaves_lookalikes_alone(rule, lookalike: str) -> None:
    assert rule.find(lookalike) is None


@pytest.mark.parametrize(
    ("rule", "example"),
    [pytest.param(r, e, id=f"{r.id}:{e[:40]}") for r in RULES for e in r.examples],
)
def test_the_screen_lets_every_example_through(rule, example: str) -> None:
    # The joined pattern a kind is screened with must pass whatever one of its rules takes.
    found = RULES.first(rule.where, example)
    assert found is not None
    assert found[0].find(example) == found[1]


@pytest.mark.parametrize(
    "lookalike", sorted({e for r in RULES for e in r.lookalikes}), ids=lambda e: e[:40]
)
def test_no_rule_touches_any_lookalike(lookalike: str) -> None:
    assert [r.id for r in RULES if r.find(lookalike) is not None] == []


# Rules no needle screens: each is tried on every text of a length it fits. A rule added
# to this list should be short-lengthed (max_chars) or given needles: one pattern whose
# literals could not be worked out slowed strip_promos by a tenth.
UNSCREENED = {
    "share-bar",
    "widget-label",
    "dateline-timestamp",
    "decoration",
    "decoration-prefix",
    "live-timestamp",
    "live-blog-entry-byline",
    "engagement-count",  # digits only; 24 characters at most, and it must start with one
}


def test_only_the_known_rules_go_unscreened() -> None:
    assert {r.id for r in RULES if not r.needles} <= UNSCREENED


def test_rule_ids_are_unique_and_every_rule_has_a_lookalike() -> None:
    assert len({r.id for r in RULES}) == len(RULES)
    assert all(r.lookalikes for r in RULES)


GOOD = """
[[rule]]
id = "x-y"
class = "social"
where = "block"
reason = "r"
pattern = "follow us"
examples = ["follow us"]
lookalikes = []
"""


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (('id = "x-y"', 'id = "X Y"'), "kebab-case"),
        (('class = "social"', 'class = "misc"'), "class must be one of"),
        (('where = "block"', 'where = "middle"'), "where must be one of"),
        (('pattern = "follow us"', 'pattern = "follow (us"'), "bad pattern"),
        (('pattern = "follow us"', "pattern = '(?:follow\\s*\\w+ ?)+'"), "exponential time"),
        (('pattern = "follow us"', "pattern = '(?:(?:\\w+)\\s){0,99}us'"), "at most 10"),
        (('examples = ["follow us"]', "examples = []"), "at least one example"),
        (('reason = "r"', 'reason = "r"\ncolour = 1'), "unknown field"),
        (('examples = ["follow us"]', 'examples = ["follow them"]'), "does not act on its example"),
        (("lookalikes = []", 'lookalikes = ["follow us"]'), "acts on its look-alike"),
        (('reason = "r"\n', ""), "missing reason"),
    ],
)
def test_bad_rules_are_refused_with_the_reason(edit: tuple[str, str], message: str) -> None:
    with pytest.raises(RuleError, match=message) as raised:
        parse_rules(GOOD.replace(*edit), "mine.toml")
    assert "mine.toml" in str(raised.value)


def test_duplicate_ids_are_refused() -> None:
    with pytest.raises(RuleError, match="used twice"):
        parse_rules(GOOD + GOOD, "mine.toml")


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        # A literal run joins across an optional piece and a small character class.
        (r"sign[ -]?up\s", re.I, ("sign up", "sign-up", "signup")),
        # Alternatives: each must bring a needle, or nothing is known.
        (r"(?:read more|see also):", 0, ("read more:", "see also:")),
        (r"(?:read more|\w+) - ", 0, (" - ",)),
        (r"(?:read more|\w+)\s", 0, ()),
        # A repeat that may be absent requires nothing; one that must occur, its body.
        (r"x(?:newsletter)*", 0, ()),
        (r"(?:newsletter\s)+", 0, ("newsletter",)),
        # What a lookahead looks at must be there; what a negative one rules out need not.
        (r"\w+(?=Advertisement)", 0, ("advertisement",)),
        (r"(?!Advertisement)\w+", 0, ()),
        # Case: needles are lower-case, to be looked for in lower-cased text.
        (r"FOLLOW US", 0, ("follow us",)),
    ],
)
def test_needles_are_what_every_match_contains(pattern: str, flags, expected) -> None:
    assert needles(re.compile(pattern, flags)) == expected


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_a_rules_needles_are_in_every_text_it_acts_on(rule) -> None:
    # Examples and their upper-case forms: the needle test must never hide a match.
    for text in {*rule.examples, *(e.upper() for e in rule.examples)}:
        if rule.pattern.flags & re.IGNORECASE or text in rule.examples:
            held = not rule.needles or any(n in text.lower() for n in rule.needles)
            assert rule.span(text) is None or held


@pytest.mark.parametrize(
    ("rule", "example"),
    [pytest.param(r, e, id=f"{r.id}:{e[:40]}") for r in RULES for e in r.examples],
)
def test_the_paragraph_gate_lets_every_example_through(rule, example: str) -> None:
    # strip_promos looks no further at a paragraph that no rule might act on.
    core = plain_view(example)[0].strip(BLANK_CHARS)
    assert RULES.may_act_on(core, core.lower())


@pytest.mark.parametrize(
    ("pattern", "last", "starts_or_ends", "does_not"),
    [
        (r"(?:Follow|Like) us on \w+", False, "FL", "flxS "),  # the case flag holds
        (r"(?i:advertisement)|Story continues", False, "AaS", "sx"),
        (r"[*•]{0,4}\s?Follow", False, "*• F", "f"),  # optional pieces add their characters
        (r"By [A-Z]\w+(?: \d{1,2})?\s*\Z", True, "n7 ", ".,"),
        (r"\d{1,2}:\d{2}(?=[A-Z])", True, "0\u0663", "A."),  # a look-ahead consumes nothing
    ],
)
def test_edge_characters(pattern: str, last: bool, starts_or_ends: str, does_not: str) -> None:
    test = edge_char(re.compile(pattern), last)
    assert test is not None
    assert all(test.match(c) for c in starts_or_ends)
    assert not any(test.match(c) for c in does_not)


def test_no_edge_character_when_any_can_start() -> None:
    assert edge_char(re.compile(r".{3,20} said")) is None
    assert edge_char(re.compile(r"(?:news)?\w*")) is None  # may match nothing at all


# Texts near the rules' own: their examples and look-alikes cut, joined and padded, so
# that the gate is tried on what rules almost match as well as on what they match.
PIECES = sorted({t for r in RULES for t in (*r.examples, *r.lookalikes)})
near_rule_texts = st.lists(
    st.one_of(
        st.sampled_from(PIECES),
        st.sampled_from(PIECES).map(lambda t: t[len(t) // 3 :]),
        st.sampled_from(PIECES).map(lambda t: t[: 2 * len(t) // 3]),
        st.text(max_size=12),
    ),
    min_size=1,
    max_size=3,
).map(" ".join)


@given(near_rule_texts)
@settings(max_examples=300)
def test_a_paragraph_the_gate_passes_over_is_one_no_rule_acts_on(text: str) -> None:
    core = plain_view(text)[0].strip(BLANK_CHARS)
    if RULES.may_act_on(core, core.lower()):
        return
    for rule in RULES:
        assert rule.find(core) is None, rule.id


# Rows of numbers, times and dates with no final stop: a bar of share buttons holds counts
# ("Share 0 Tweet 0"), and a pattern that could split "2020" into "20" + "20" tried every
# split of every row before giving up (a text table's row took minutes). Each shape is a
# near miss of some rule: it must be refused at once. The alarm is a hang guard, far above
# the milliseconds a linear pattern takes, not a timing measure.
NEAR_MISS_ROWS = [
    "10:00 11:00 12:00 13:00 14:00 15:00, closed Sunday",
    "2020-08-01 18:00:00+00 │ 200 │ 4084 │ 2020-08-01 18:00:00+00 │ 17",
    "2019/20 2020/21 2021/22 2022/23 2023/24 season totals 34",
    "978-0-12-345678-9, 978-1-23-456789-0, 978-2-34-567890-1 (paperback)",
    "Share 0 Share 0 Tweet 0 Share 0 Share 0 Share 0 Share 0 Share 0 Share 0 closed",
]


@pytest.mark.parametrize("row", NEAR_MISS_ROWS, ids=lambda row: row[:30])
def test_no_rule_backtracks_on_rows_of_numbers(row: str) -> None:
    import signal

    def hung(signum, frame):
        raise AssertionError(f"a rule backtracks on {row!r}")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(10)
    try:
        for rule in RULES:
            rule.find(row)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_every_rule_is_linear_on_text_that_almost_matches(rule) -> None:
    """Near-misses built from the rule's own examples and alphabet, at doubling lengths
    (cleaner.rules.fuzz): no rule takes much longer on twice the text, or milliseconds."""
    assert backtracking(rule) is None


# Nested repetition, every quantifier bounded: it passes the structural check and still
# backtracks exponentially on a row of numbers that does not end in its stop.
BACKTRACKING_PACK = """
[[rule]]
id = "numbers-row"
class = "share"
where = "block"
reason = "a row of share counts"
pattern = '''(?:(?:a|\\d{1,6}){1,3}\\s{0,4}){1,30}\\.'''
examples = ["12 34 56 78."]
lookalikes = ["It rained."]
"""


def test_a_pack_whose_rule_backtracks_does_not_load(tmp_path: Path) -> None:
    pack = tmp_path / "mine.toml"
    pack.write_text(BACKTRACKING_PACK, encoding="utf-8")
    (rule,) = parse_rules(BACKTRACKING_PACK, "mine.toml")
    assert backtracking(rule) is not None
    with pytest.raises(RuleError, match="rule 'numbers-row' is not linear"):
        load_packs((str(pack),))
    config = tmp_path / "cleaner.toml"
    config.write_text(f'[cleaner]\nrules = ["promos", "{pack.name}"]\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["clean", "-", "--config", str(config)], input="Hi.\n")
    assert result.exit_code == 2 and "numbers-row" in result.stderr
