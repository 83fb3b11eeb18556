"""Rules as data: TOML files of named patterns, validated and compiled once.

A rule file is a list of ``[[rule]]`` tables (see ``promos.toml`` for the fields). Every
rule carries examples it must act on and look-alikes it must leave alone;
``tests/test_rules.py`` holds each rule to both.
"""

from __future__ import annotations

import re
import re._constants as re_constants  # type: ignore[import-not-found]
import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, NamedTuple

import ahocorasick

from ..spaces import plain_view
from .fuzz import backtracking
from .needles import edge_char, parse_tree
from .needles import needles as pattern_needles

Where = Literal["block", "start", "end", "split", "inline"]
WHERE: tuple[Where, ...] = ("block", "start", "end", "split", "inline")
CLASSES = frozenset(
    "social newsletter paywall read-more share caption byline embed advert contact-us widget"
    " comments affiliate notice".split()
)
REQUIRED = {"id", "class", "where", "reason", "pattern", "examples", "lookalikes"}
OPTIONAL = {"case", "max_chars", "needles"}
DEFAULT_MAX_CHARS = 600
# The largest bound a repeat holding an open-ended repeat may have: (\w+ ){1,4} is
# fine, (\w+ )* or (\w+ ){0,100} can backtrack without end on text that almost matches.
MAX_OUTER_REPEAT = 10
# Characters whose rules are remembered (a text's first character: a few hundred in
# practice, any number in a hostile input).
MAX_CACHED_CHARS = 4096
RULE_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class RuleError(ValueError):
    """A rule file that cannot be used; the message names the file, the rule and the fix."""


class Rule(NamedTuple):
    """One named pattern: what it removes, where in a paragraph, and why."""

    id: str
    cls: str
    where: Where
    reason: str
    pattern: re.Pattern[str]
    max_chars: int
    examples: tuple[str, ...]
    lookalikes: tuple[str, ...]
    needles: tuple[str, ...] = ()

    def find(self, text: str, lowered: str | None = None) -> tuple[int, int] | None:
        """The span of ``text`` this rule removes, or None.

        A ``block`` rule takes the whole text or nothing; a ``start`` rule a prefix; an
        ``end`` rule a suffix; a ``split`` rule its first match anywhere (the text on
        either side becomes two paragraphs), an ``inline`` rule too (the text on either
        side is joined again). Only the first ``max_chars`` (block, start)
        or last ``max_chars`` (end) characters are ever looked at, so time stays linear.
        """
        if self.where == "block" and len(text) > self.max_chars:
            return None  # first: most paragraphs are longer than any promo line
        if self.needles:
            lowered = text.lower() if lowered is None else lowered
            if not any(needle in lowered for needle in self.needles):
                return None
        return self.span(text)

    def span(self, text: str) -> tuple[int, int] | None:
        """Like :meth:`find`, for a text known to hold one of the needles."""
        if self.where in ("split", "inline"):
            found = self.pattern.search(text)
            return found.span() if found and found.end() > found.start() else None
        if self.where == "block":
            if len(text) > self.max_chars:
                return None
            return (0, len(text)) if self.pattern.fullmatch(text) else None
        if self.where == "start":
            match = self.pattern.match(text, 0, min(len(text), self.max_chars))
            return (0, match.end()) if match and match.end() else None
        window = max(0, len(text) - self.max_chars)
        match = self.pattern.search(text, window)
        return (match.start(), len(text)) if match and match.start() < len(text) else None


def parse_rules(content: str, source: str) -> tuple[Rule, ...]:
    """Validate and compile the rules in a TOML text; ``source`` names it in errors."""
    try:
        data = tomllib.loads(content)
    except tomllib.TOMLDecodeError as error:
        raise RuleError(f"{source}: not valid TOML: {error}") from error
    tables = data.get("rule")
    if not isinstance(tables, list) or not tables:
        raise RuleError(f"{source}: expected a list of [[rule]] tables")
    rules: list[Rule] = []
    seen: set[str] = set()
    for number, table in enumerate(tables, start=1):
        rule = _compile(table, f"{source}: rule {number}")
        if rule.id in seen:
            raise RuleError(f"{source}: rule id {rule.id!r} is used twice")
        seen.add(rule.id)
        rules.append(rule)
    return tuple(rules)


def _compile(table: dict, where_in: str) -> Rule:
    missing = REQUIRED - set(table)
    if missing:
        raise RuleError(f"{where_in}: missing {', '.join(sorted(missing))}")
    unknown = set(table) - REQUIRED - OPTIONAL
    if unknown:
        raise RuleError(f"{where_in}: unknown field(s) {', '.join(sorted(unknown))}")
    rule_id = table["id"]
    if not isinstance(rule_id, str) or not RULE_ID_RE.fullmatch(rule_id):
        raise RuleError(f"{where_in}: id must be kebab-case, like 'social-follow'")
    where_in = f"{where_in} ({rule_id})"
    if table["class"] not in CLASSES:
        raise RuleError(f"{where_in}: class must be one of {', '.join(sorted(CLASSES))}")
    if table["where"] not in WHERE:
        raise RuleError(f"{where_in}: where must be one of {', '.join(WHERE)}")
    case = table.get("case", "insensitive")
    if case not in ("insensitive", "sensitive"):
        raise RuleError(f"{where_in}: case must be 'insensitive' or 'sensitive'")
    max_chars = table.get("max_chars", DEFAULT_MAX_CHARS)
    if not isinstance(max_chars, int) or isinstance(max_chars, bool) or max_chars <= 0:
        raise RuleError(f"{where_in}: max_chars must be a positive whole number")
    for field in ("examples", "lookalikes", "needles"):
        if field not in table:
            continue
        if not isinstance(table[field], list) or not all(isinstance(x, str) for x in table[field]):
            raise RuleError(f"{where_in}: {field} must be a list of strings")
    if not table["examples"]:
        raise RuleError(f"{where_in}: give at least one example the rule must act on")
    source = table["pattern"]
    if table["where"] == "end":
        source = f"(?:{source})\\s*\\Z"
    flags = re.IGNORECASE if case == "insensitive" else 0
    try:
        pattern = re.compile(source, flags)
    except re.error as error:
        raise RuleError(f"{where_in}: bad pattern: {error}") from error
    if _repeats_a_repeat(pattern):
        raise RuleError(
            f"{where_in}: the pattern repeats an open-ended repeat, like (a+)+ or"
            f" (\\w+\\s?)*, which can take exponential time on text that almost matches:"
            f" give the outer repeat a bound of at most {MAX_OUTER_REPEAT}, as in {{1,4}}"
        )
    # The literals the pattern itself requires are sure to be in any match; needles the
    # rule names are its author's, for patterns that spell out none (they are held to the
    # examples below).
    needles = pattern_needles(pattern) or tuple(n.lower() for n in table.get("needles", ()))
    rule = Rule(
        id=rule_id,
        cls=table["class"],
        where=table["where"],
        reason=table["reason"],
        pattern=pattern,
        max_chars=max_chars,
        examples=tuple(table["examples"]),
        lookalikes=tuple(table["lookalikes"]),
        needles=needles,
    )
    # A rule is held to its own examples when it is loaded, so a pack of one's own
    # cannot silently miss what it was written for, or hit what it must not.
    for example in rule.examples:
        if rule.find(example) is None:
            raise RuleError(f"{where_in}: the pattern does not act on its example {example!r}")
    for lookalike in rule.lookalikes:
        if rule.find(lookalike) is not None:
            raise RuleError(f"{where_in}: the pattern acts on its look-alike {lookalike!r}")
    return rule


class RuleSet(tuple[Rule, ...]):
    """The rules of a file, in order, with what it takes to pick them out fast.

    Stages ask for one kind's rules for every paragraph; :meth:`first` finds the first
    rule of a kind that acts on a text, trying only the rules that can act on a text of
    its length and whose needles the text holds. One pass of an Aho-Corasick automaton
    over the lower-cased text finds every needle of every rule at once; rules are picked
    as bits of an integer, so that a paragraph no rule could match costs a few
    operations whatever the number of rules.
    """

    by_where: dict[str, tuple[Rule, ...]]
    # The longest text any whole-paragraph rule looks at: past it, none need be tried.
    longest_block: int
    # How far into a text (start rules) or back from its end (end rules) any rule looks.
    reach: dict[str, int]
    # Per kind, the shortest text each rule can match (from its parsed pattern).
    shortest: dict[str, tuple[int, ...]]
    # Rule number i is bit i. Each needle maps to the rules it lets through; rules
    # without needles are always let through.
    _needles: Any  # an ahocorasick.Automaton of needle -> bits, or None
    _unneedled: int
    _of_kind: dict[str, int]
    # Rules matched from a text's start (end) whose first (last) character is known,
    # each with the pattern that character must match; per character met, the rules it
    # lets through.
    _edge_tests: dict[bool, list[tuple[int, re.Pattern[str]]]]
    _gated: dict[bool, int]
    _edges: dict[tuple[bool, str], int]
    # Per kind and text length (the last entry for any longer text), the rules that fit it.
    _by_length: dict[str, list[int]]
    _last: tuple[str, int]  # the last text's candidates: a paragraph asks once per kind

    def __new__(cls, rules: tuple[Rule, ...]) -> RuleSet:
        ruleset = super().__new__(cls, rules)
        ruleset.by_where = {where: tuple(r for r in rules if r.where == where) for where in WHERE}
        ruleset.longest_block = max((r.max_chars for r in ruleset.by_where["block"]), default=0)
        ruleset.reach = {
            where: max((r.max_chars for r in ruleset.by_where[where]), default=0) for where in WHERE
        }
        ruleset.shortest = {
            where: tuple(_shortest_match(r.pattern) for r in ruleset.by_where[where])
            for where in WHERE
        }
        bits_of: dict[str, int] = {}
        ruleset._unneedled = 0
        ruleset._of_kind = dict.fromkeys(WHERE, 0)
        for number, rule in enumerate(rules):
            for needle in rule.needles:
                bits_of[needle] = bits_of.get(needle, 0) | 1 << number
            if not rule.needles:
                ruleset._unneedled |= 1 << number
            ruleset._of_kind[rule.where] |= 1 << number
        ruleset._edge_tests = {
            last: [
                (1 << number, test)
                for number, rule in enumerate(rules)
                if rule.where in kinds and (test := edge_char(rule.pattern, last)) is not None
            ]
            for last, kinds in ((False, ("block", "start")), (True, ("block", "end")))
        }
        ruleset._gated = {
            last: sum(b for b, _ in tests) for last, tests in ruleset._edge_tests.items()
        }
        ruleset._edges = {}
        ruleset._needles = None
        if bits_of:
            ruleset._needles = ahocorasick.Automaton()
            for needle, bits in bits_of.items():
                ruleset._needles.add_word(needle, bits)
            ruleset._needles.make_automaton()
        ruleset._by_length = {where: ruleset._length_masks(where) for where in WHERE}
        ruleset._last = ("", 0)
        return ruleset

    def first(
        self, where: Where, text: str, lowered: str | None = None
    ) -> tuple[Rule, tuple[int, int]] | None:
        """The first rule of kind ``where`` that acts on ``text``, with its span.

        ``lowered`` is ``text.lower()``, when the caller has it already.

        >>> rules = load_rules("promos")
        >>> rule, span = rules.first("start", "ADVERTISEMENTThe mayor spoke.")
        >>> rule.id, span
        ('advert-label', (0, 13))
        >>> rules.first("block", "The mayor spoke.") is None
        True
        """
        if not text:
            return None
        lowered = text.lower() if lowered is None else lowered
        bits = self._fitting(where, len(text)) & self._candidates(lowered)
        bits &= self._edge_fits(text)
        while bits:
            lowest = bits & -bits
            bits ^= lowest
            rule = self[lowest.bit_length() - 1]
            span = rule.span(text)
            if span is not None:
                return rule, span
        return None

    def may_act(self, where: Where, lowered: str) -> bool:
        """Whether a text (lower-cased) holds the needles of any rule of kind ``where``.

        >>> rules = load_rules("promos")
        >>> rules.may_act("split", "done.article contentnext one."), rules.may_act("split", "done.")
        (True, False)
        """
        return bool(self._of_kind[where] & self._candidates(lowered))

    def may_act_on(self, text: str, lowered: str) -> bool:
        """Whether any rule, of any kind, might act on ``text`` (``lowered`` is its lower
        case): one that fits its length, finds its needles and may start with its first
        character. When none might, a paragraph needs no closer look.

        >>> rules = load_rules("promos")
        >>> text = "Follow The Planet on Twitter."
        >>> rules.may_act_on(text, text.lower()), rules.may_act_on("It rained.", "it rained.")
        (True, False)
        """
        if not text:
            return False
        bits = self._candidates(lowered) & self._edge_fits(text)
        return any(bits & self._fitting(where, len(text)) for where in WHERE)

    def _edge_fits(self, text: str) -> int:
        """All rules but those that cannot start with the first character of ``text``
        or end with its last (a rule's kind says which it is held to)."""
        return self._edge(False, text[0]) & self._edge(True, text[-1])

    def _edge(self, last: bool, char: str) -> int:
        bits = self._edges.get((last, char))
        if bits is None:
            bits = ~self._gated[last]
            for bit, test in self._edge_tests[last]:
                if test.match(char):
                    bits |= bit
            if len(self._edges) < MAX_CACHED_CHARS:  # bounded, whatever the input
                self._edges[last, char] = bits
        return bits

    def _candidates(self, lowered: str) -> int:
        """The rules whose needles ``lowered`` holds, and those without needles."""
        last_text, last_bits = self._last
        if lowered == last_text:  # a string compare costs far less than a pass
            return last_bits
        bits = self._unneedled
        if self._needles is not None:
            for _, needle_bits in self._needles.iter(lowered):
                bits |= needle_bits
        self._last = (lowered, bits)  # one assignment: threads see a whole pair
        return bits

    def _length_masks(self, where: Where) -> list[int]:
        """For each text length, the rules of kind ``where`` whose shortest match fits in
        it (and, for whole-paragraph rules, whose ``max_chars`` it does not pass)."""
        numbers = [number for number, rule in enumerate(self) if rule.where == where]
        top = max([self.longest_block, *self.shortest[where]]) + 1
        enters = [0] * (top + 2)  # the rules that fit from this length on
        leaves = [0] * (top + 2)  # the rules that no longer fit from this length on
        for number, shortest in zip(numbers, self.shortest[where], strict=True):
            if where == "block" and self[number].max_chars < shortest:
                continue  # nothing it could match is short enough to be looked at
            enters[shortest] |= 1 << number
            if where == "block":
                leaves[min(self[number].max_chars + 1, top + 1)] |= 1 << number
        masks = []
        bits = 0
        for length in range(top + 1):
            bits = (bits | enters[length]) & ~leaves[length]
            masks.append(bits)
        return masks

    def _fitting(self, where: Where, length: int) -> int:
        """The rules of kind ``where`` that can act on a text of ``length`` characters."""
        masks = self._by_length[where]
        return masks[min(length, len(masks) - 1)]


def _repeats_a_repeat(pattern: re.Pattern[str]) -> bool:
    """Whether an open-ended repeat sits inside a repeat bounded by more than a few.

    >>> _repeats_a_repeat(re.compile(r"(?:[A-Z]\\w+ ){1,4}said"))
    False
    >>> _repeats_a_repeat(re.compile(r"(a+)+b")), _repeats_a_repeat(re.compile(r"(?:x|\\w+\\s?)*"))
    (True, True)
    """
    tree = parse_tree(pattern)
    if tree is None:  # cannot tell: the time limit still holds
        return False
    return _has_nested_repeat(list(tree), outer=1)


def _has_nested_repeat(items: list[tuple[Any, Any]], outer: int) -> bool:
    unbounded = re_constants.MAXREPEAT
    for op, value in items:
        if op in (re_constants.MAX_REPEAT, re_constants.MIN_REPEAT, re_constants.POSSESSIVE_REPEAT):
            _, most, body = value
            if most == unbounded and outer > MAX_OUTER_REPEAT:
                return True
            if _has_nested_repeat(list(body), max(outer, most)):
                return True
        elif op == re_constants.SUBPATTERN:
            if _has_nested_repeat(list(value[3]), outer):
                return True
        elif op == re_constants.BRANCH:
            if any(_has_nested_repeat(list(branch), outer) for branch in value[1]):
                return True
        elif op in (re_constants.ASSERT, re_constants.ASSERT_NOT):
            if _has_nested_repeat(list(value[1]), outer):
                return True
        elif op == re_constants.ATOMIC_GROUP and _has_nested_repeat(list(value), outer):
            return True
    return False


@cache  # (see edge_char)
def _shortest_match(pattern: re.Pattern[str]) -> int:
    """The fewest characters ``pattern`` can match (0 when the parser cannot tell).

    >>> _shortest_match(re.compile(r"Follow (us|me) on \\w+"))  # "Follow ", "us", " on ", "x"
    14
    """
    tree = parse_tree(pattern)
    try:
        return 0 if tree is None else int(tree.getwidth()[0])
    except Exception:  # a private module: any surprise means "no bound", never an error
        return 0


@cache
def load_rules(name: str) -> RuleSet:
    """The rules shipped with cleaner in ``cleaner/rules/<name>.toml``, compiled once."""
    content = resources.files(__package__).joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return RuleSet(parse_rules(content, f"{name}.toml"))


def shipped_packs() -> list[str]:
    """The names of the rule packs shipped with cleaner."""
    return list(_shipped_packs())


@cache
def _shipped_packs() -> tuple[str, ...]:
    # (Listed once: the stages ask for every document, and the package does not change.)
    files = resources.files(__package__).iterdir()
    return tuple(
        sorted(item.name.removesuffix(".toml") for item in files if item.name.endswith(".toml"))
    )


def pack_source(pack: str) -> bytes:
    """The bytes of a rule pack: a shipped pack by name, or a TOML file by path."""
    if pack in shipped_packs():
        return resources.files(__package__).joinpath(f"{pack}.toml").read_bytes()
    try:
        return Path(pack).read_bytes()
    except OSError as error:
        shipped = ", ".join(shipped_packs())
        raise RuleError(
            f"rule pack {pack!r}: not a shipped pack ({shipped}) and not a readable"
            f" file ({error.strerror or error})"
        ) from error


# In a list of packs, this name stands for the shipped pack of the text's language
# (``promos-de`` for German text), or for none when there is no such pack or the language
# is unknown: boilerplate is worded in the page's language.
LANGUAGE_PACK = "language"
LANGUAGE_PACK_PREFIX = "promos-"


def language_packs() -> dict[str, str]:
    """The shipped language packs by language code: ``{"de": "promos-de", ...}``."""
    return dict(_language_packs())


@cache
def _language_packs() -> tuple[tuple[str, str], ...]:
    return tuple(
        (pack.removeprefix(LANGUAGE_PACK_PREFIX), pack)
        for pack in _shipped_packs()
        if pack.startswith(LANGUAGE_PACK_PREFIX)
    )


def packs_for(packs: tuple[str, ...], language: str | None) -> tuple[str, ...]:
    """``packs`` with ``LANGUAGE_PACK`` put as the pack of ``language`` (or left out).

    >>> packs_for(("promos", "language"), "de"), packs_for(("promos", "language"), "xx")
    (('promos', 'promos-de'), ('promos',))
    """
    if LANGUAGE_PACK not in packs:
        return packs
    own = language_packs().get(language or "")
    return tuple(
        own if pack == LANGUAGE_PACK else pack for pack in packs if own or pack != LANGUAGE_PACK
    )


def every_pack(packs: tuple[str, ...]) -> tuple[str, ...]:
    """``packs`` with ``LANGUAGE_PACK`` put as every language pack: what may ever apply.

    >>> "promos-de" in every_pack(("promos", "language"))
    True
    """
    if LANGUAGE_PACK not in packs:
        return packs
    at = packs.index(LANGUAGE_PACK)
    rest = tuple(pack for pack in packs if pack != LANGUAGE_PACK)
    return rest[:at] + tuple(language_packs().values()) + rest[at:]


@cache
def load_packs(packs: tuple[str, ...]) -> RuleSet:
    """The rules of several packs in order (shipped names or TOML paths), compiled once.

    A rule id used in two packs is an error: ids name removals in every change record.

    >>> len(load_packs(("promos",))) == len(load_rules("promos"))
    True
    """
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for pack in packs:
        if pack in shipped_packs():
            found: tuple[Rule, ...] = load_rules(pack)
        else:
            try:
                content = pack_source(pack).decode("utf-8")
            except UnicodeDecodeError as error:
                raise RuleError(f"{pack}: not UTF-8 text") from error
            found = parse_rules(content, pack)
            # The shipped packs are held to this by the tests; a user's, when it loads.
            for rule in found:
                if (why := backtracking(rule)) is not None:
                    raise RuleError(
                        f"{pack}: rule {rule.id!r} is not linear on text that almost matches"
                        f" (it {why}); bound its repeats, or make them possessive"
                    )
        for rule in found:
            if rule.id in seen:
                raise RuleError(f"{pack}: rule id {rule.id!r} is also in {seen[rule.id]}")
            seen[rule.id] = pack
        rules += found
    return RuleSet(tuple(rules))


def labels_of(text: str, rules: RuleSet, where: Where) -> list[tuple[Rule, int, int]]:
    """What the rules of kind ``where`` (``split`` or ``inline``) find anywhere in ``text``,
    read with plain spacing, as spans of ``text``: in order, none overlapping."""
    visible, offsets = plain_view(text)
    if not rules.may_act(where, visible.lower()):
        return []
    found: list[tuple[Rule, int, int]] = []
    for rule in rules.by_where[where]:
        found += [(rule, *m.span()) for m in rule.pattern.finditer(visible) if m.group()]
    kept: list[tuple[Rule, int, int]] = []
    for rule, start, end in sorted(found, key=lambda cut: cut[1]):
        if not kept or start >= kept[-1][2]:
            kept.append((rule, start, end))
    if offsets is None:
        return kept
    return [(rule, offsets[start], offsets[end]) for rule, start, end in kept]
