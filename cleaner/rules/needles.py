"""What a pattern says about any text it matches, worked out once from its parse tree.

Needles: literal strings at least one of which any match of a pattern contains. Edge
characters: the characters a match can start (or end) with.

A rule is tried on every short paragraph, and nearly every paragraph is article text
that no rule matches. A substring test on the lower-cased text is far cheaper than a
regular-expression match, so each rule carries the literals its pattern cannot match
without ("sign up", "signup", "sign-up" for ``sign[ -]?up``), worked out here from the
parsed pattern once, when the rules are loaded. A text holding none of them is not
tried. This is the prefilter idea of RE2 and Hyperscan, kept to what a rule needs.

The needles are lower-cased and the text they are looked for in is too, which makes the
test a superset of the match whatever the pattern's case flag. A rule matched from the
start (end) of a text is also passed over when the text's first (last) character is not
one its pattern can start (end) with: "Follow ... on Twitter" never starts with "T".
Pieces the walk cannot reason about (any character, a back-reference) make it give up
for that pattern: the rule is then tried on every text, never skipped wrongly.
"""

from __future__ import annotations

import re
import re._constants as C  # type: ignore[import-not-found]
import re._parser as parser  # type: ignore[import-not-found]
from functools import cache
from itertools import product
from typing import Any, NamedTuple

# Past this many strings a set of alternatives is no longer worth tracking exactly.
MAX_ALTERNATIVES = 16
# A character class of at most this many characters is spelled out ("[-–—]").
MAX_CLASS_CHARS = 8
# Needles shorter than this rule out too little to be worth a test.
MIN_NEEDLE_CHARS = 2


class Literals(NamedTuple):
    """What a piece of pattern tells about the text it matches.

    ``exact``: every string it can match, when there are few (None when unknown or many).
    ``required``: strings one of which any match contains (None when nothing is known).
    """

    exact: frozenset[str] | None
    required: frozenset[str] | None


UNKNOWN = Literals(None, None)
EMPTY = Literals(frozenset({""}), None)


@cache
def parse_tree(pattern: re.Pattern[str]) -> Any:
    """The parse tree of a compiled pattern (``re._parser``'s), or None when that private
    module cannot tell. Parsed once: its needles, edges, width and repeats are all read
    from it, and a pack's rules are looked at again for every combination of packs."""
    try:
        return parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # a private module: any surprise means "cannot tell"
        return None


def needles(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """Lower-cased strings one of which every match of ``pattern`` contains; () if none.

    >>> needles(re.compile(r"(?:sign[ -]?up|subscribe)\\s(?:to|for) \\w+", re.I))
    ('sign up', 'sign-up', 'signup', 'subscribe')
    >>> needles(re.compile(r"(?:sign[ -]?up|subscribe) (?:to|for) \\w+", re.I))[:3]
    ('sign up for ', 'sign up to ', 'sign-up for ')
    >>> needles(re.compile(r"Follow (?:us|me) on \\w+"))
    ('follow me on ', 'follow us on ')
    >>> needles(re.compile(r"[^\\w]{1,600}"))
    ()
    """
    tree = parse_tree(pattern)
    if tree is None:  # cannot tell: try the rule on every text
        return ()
    found = _best(_sequence(list(tree)))
    return tuple(sorted(found)) if found else ()


def _best(info: Literals) -> frozenset[str] | None:
    return _pick([s for s in (info.exact, info.required) if s is not None])


def _pick(options: list[frozenset[str]]) -> frozenset[str] | None:
    """The most telling set: its commonest string rarest, then the fewest strings."""
    usable = [s for s in options if s and min(map(len, s)) >= MIN_NEEDLE_CHARS]
    return max(usable, key=lambda s: (min(map(_rarity, s)), -len(s)), default=None)


def _rarity(needle: str) -> int:
    """How seldom prose holds a string, roughly: its length, with marks and digits
    counting more than letters ("(@" is rarer than "may", which is in "mayor")."""
    return sum(
        1 if char.isalpha() or char == " " else 2 if char.isdigit() else 3 for char in needle
    )


def _sequence(items: list[tuple[Any, Any]]) -> Literals:
    """Literals of pieces matched one after the other: adjacent exact pieces join up."""
    run: frozenset[str] | None = frozenset({""})  # the exact strings of the run so far
    options: list[frozenset[str]] = []  # sets one of which must occur, to pick the best of
    whole_exact = True
    for item in items:
        info = _item(*item)
        if info.required:
            options.append(info.required)
        if info.exact is not None and run is not None:
            joined = frozenset(a + b for a, b in product(run, info.exact))
            if len(joined) <= MAX_ALTERNATIVES:
                run = joined
                continue
        # The run ends here: what it spelled out must occur; a new run starts after.
        if run and "" not in run:
            options.append(run)
        whole_exact = False
        run = info.exact if info.exact is not None else frozenset({""})
    if run and "" not in run:
        options.append(run)
    return Literals(run if whole_exact else None, _pick(options))


def _item(op: Any, value: Any) -> Literals:
    if op == C.LITERAL:
        return Literals(frozenset({chr(value).lower()}), None)
    if op == C.IN:
        return _char_class(value)
    if op in (C.AT, C.ASSERT_NOT):
        return EMPTY  # zero width: the characters on either side stay adjacent
    if op == C.ASSERT:
        inner = _sequence(list(value[1]))
        return Literals(frozenset({""}), _best(inner))  # what it looks at must be there
    if op == C.SUBPATTERN:
        return _sequence(list(value[3]))
    if op == C.ATOMIC_GROUP:
        return _sequence(list(value))
    if op == C.BRANCH:
        return _branch([_sequence(list(branch)) for branch in value[1]])
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        least, most, body = value
        inner = _sequence(list(body))
        if least == 0:
            if most == 1 and inner.exact is not None:
                return Literals(inner.exact | {""}, None)
            return EMPTY if most == 0 else UNKNOWN
        if least == most == 1:
            return inner
        return Literals(None, _best(inner))
    return UNKNOWN  # any character, a category, a back-reference


def _branch(branches: list[Literals]) -> Literals:
    """One of several alternatives: what each must contain, joined."""
    exact: frozenset[str] | None = None
    if all(b.exact is not None for b in branches):
        exact = frozenset().union(*(b.exact for b in branches if b.exact is not None))
        if len(exact) > MAX_ALTERNATIVES:
            exact = None
    needed = [_best(b) for b in branches]
    required = None
    if all(needed):
        required = frozenset().union(*(n for n in needed if n))
    return Literals(exact, required)


def _char_class(items: list[tuple[Any, Any]]) -> Literals:
    chars: set[str] = set()
    for op, value in items:
        if op == C.LITERAL:
            chars.add(chr(value).lower())
        elif op == C.RANGE and value[1] - value[0] < MAX_CLASS_CHARS:
            chars.update(chr(c).lower() for c in range(value[0], value[1] + 1))
        else:  # a negated class, a category, a wide range
            return UNKNOWN
    if not chars or len(chars) > MAX_CLASS_CHARS:
        return UNKNOWN
    return Literals(frozenset(chars), None)


# The classes of a parsed character set, written back as pattern source.
CATEGORY_SOURCE = {
    C.CATEGORY_DIGIT: r"\d",
    C.CATEGORY_NOT_DIGIT: r"\D",
    C.CATEGORY_SPACE: r"\s",
    C.CATEGORY_NOT_SPACE: r"\S",
    C.CATEGORY_WORD: r"\w",
    C.CATEGORY_NOT_WORD: r"\W",
}


@cache  # (compiled once per pattern: see parse_tree)
def edge_char(pattern: re.Pattern[str], last: bool = False) -> re.Pattern[str] | None:
    """A pattern for the characters a match of ``pattern`` can start with (or, with
    ``last``, end with); None if any character can.

    For rules matched from the start (or up to the end) of a text: one whose first (or
    last) character this does not match is not tried. The classes keep the pattern's own
    case flags, so the test is exact, Unicode digits and all.

    >>> test = edge_char(re.compile(r"\\d{1,2}:\\d{2}\\s?[A-Z]"))
    >>> [bool(test.match(c)) for c in "7\u0663x"]
    [True, True, False]
    >>> test = edge_char(re.compile(r"[*•]{0,4}(?:follow|like) us", re.I))
    >>> [bool(test.match(c)) for c in "*FlLx"]
    [True, True, True, True, False]
    >>> test = edge_char(re.compile(r"By [A-Z]\\w+(?: \\d{1,2})?\\s*\\Z"), last=True)
    >>> [bool(test.match(c)) for c in "n7 ."]
    [True, True, True, False]
    >>> edge_char(re.compile(r".{10,40} said")) is None
    True
    """
    tree = parse_tree(pattern)
    if tree is None:  # cannot tell: any character may start it
        return None
    found = _first_of(list(tree), pattern.flags & re.IGNORECASE != 0, last)
    if found is None or found[1]:  # unknown, or the whole pattern may match nothing
        return None
    classes = found[0]
    if not classes:
        return None
    return re.compile("|".join(sorted(set(classes))))  # each class carries its case flag


def _first_of(
    items: list[tuple[Any, Any]], ignore_case: bool, last: bool
) -> tuple[list[str], bool] | None:
    """The classes a sequence can start (end) with, and whether it can match nothing."""
    classes: list[str] = []
    for op, value in reversed(items) if last else items:
        found = _first_item(op, value, ignore_case, last)
        if found is None:
            return None
        item_classes, nullable = found
        classes += item_classes
        if not nullable:
            return classes, False
    return classes, True


def _first_item(
    op: Any, value: Any, ignore_case: bool, last: bool
) -> tuple[list[str], bool] | None:
    if op == C.LITERAL:
        return [_with_case(re.escape(chr(value)), ignore_case)], False
    if op == C.NOT_LITERAL:
        return [_with_case(f"[^{re.escape(chr(value))}]", ignore_case)], False
    if op == C.IN:
        source = _class_source(value)
        return None if source is None else ([_with_case(source, ignore_case)], False)
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return [], True  # zero width: the next piece matches the first character
    if op == C.SUBPATTERN:
        _, add_flags, del_flags, body = value
        case = bool(add_flags & re.IGNORECASE) or (ignore_case and not del_flags & re.IGNORECASE)
        return _first_of(list(body), case, last)
    if op == C.ATOMIC_GROUP:
        return _first_of(list(value), ignore_case, last)
    if op == C.BRANCH:
        classes: list[str] = []
        nullable = False
        for branch in value[1]:
            found = _first_of(list(branch), ignore_case, last)
            if found is None:
                return None
            classes += found[0]
            nullable |= found[1]
        return classes, nullable
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        least, most, body = value
        if most == 0:
            return [], True
        found = _first_of(list(body), ignore_case, last)
        return None if found is None else (found[0], found[1] or least == 0)
    return None  # any character, a back-reference


def _class_source(items: list[tuple[Any, Any]]) -> str | None:
    parts = []
    for op, value in items:
        if op == C.NEGATE:
            parts.append("^")
        elif op == C.LITERAL:
            parts.append(re.escape(chr(value)))
        elif op == C.RANGE:
            parts.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
        elif op == C.CATEGORY and value in CATEGORY_SOURCE:
            parts.append(CATEGORY_SOURCE[value])
        else:
            return None
    return "[" + "".join(parts) + "]"


def _with_case(source: str, ignore_case: bool) -> str:
    return f"(?{'i' if ignore_case else '-i'}:{source})"
