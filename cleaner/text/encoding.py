"""The encoding re-check: does a line need ftfy, and its repair, with the rules that name it.

ftfy does the repair. It runs at about 1.8 MB/s, and most scraped text has nothing for
it to fix, so a cheap signature check decides, line by line, whether ftfy needs to look
at all. The signature is built from the conditions under which ftfy can change a line
(see ``repair_signature``); ``tests/test_fix_encoding.py`` checks that text the signature
passes is text ftfy leaves alone, and ``benchmarks/bench_encoding.py`` checks it on real
pages. The stage ``fix_encoding`` repairs every line; the stages that make new lines out
of old ones (a run-on split, a cut promo, joined wrapped lines) ask again here.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import NamedTuple

import ftfy
from ftfy.chardata import CONTROL_CHARS, HTML_ENTITY_RE

from ..config import Config, EncodingProfile
from ..edits import rewrite
from ..model import Change
from ..spaces import plain

# Format characters no writer means to publish, none of which marks where two elements were
# glued: soft hyphens (invisible unless a word breaks there), bidi embedding/override/
# isolate marks, invisible math operators, deprecated format characters, interlinear
# annotation marks, the deprecated language tag, and the C1 controls ftfy left (it turns
# those that were Windows-1252 punctuation back into it first). Zero-width spaces and word
# joiners *can* mark a glue point, so the tidy stage removes those, after run-on repair
# has used them.
STRAY_FORMAT_CHARS = dict.fromkeys(
    [
        *range(0x0080, 0x00A0),
        0x00AD,
        0x061C,
        0x200E,
        0x200F,
        *range(0x202A, 0x202F),
        *range(0x2061, 0x2065),
        *range(0x2066, 0x2070),
        *range(0xFFF9, 0xFFFC),
        0xE0001,
        # Lone surrogates (JSON can hold them) are no characters at all, and cannot be
        # written as UTF-8; ftfy joins the pairs among them first.
        *range(0xD800, 0xE000),
    ]
)
MAX_REPAIR_ROUNDS = 4
# A closing quote ” is E2 80 9D in UTF-8; read as Windows-1252 it is "â€" and a byte
# that code page lacks, which scrapers drop. "â€" before a space, a stop or the end is
# such a quote (the other quotes and dashes keep their third byte: "â€œ", "â€™", "â€“");
# ftfy cannot tell, and reads "â€ " with its space as "†".
LOST_BYTE_QUOTE_RE = re.compile(r"â€(?=[\s\"'.,;:!?)\]]|$)")
STRAY_FORMAT_RE = re.compile("[" + "".join(map(chr, STRAY_FORMAT_CHARS)) + "]")
# Rule ids for ftfy's explanation steps, in the order of precedence used when one line
# needed several fixes (the change is filed under the first, the reason names them all).
MOJIBAKE = ("mojibake", "mojibake: text had been decoded with the wrong encoding")
FTFY_RULES: dict[str, tuple[str, str]] = {
    "encode": MOJIBAKE,
    "decode": MOJIBAKE,
    "transcode": MOJIBAKE,
    "decode_inconsistent_utf8": MOJIBAKE,
    "fix_c1_controls": ("c1-controls", "C1 control characters were Windows-1252 punctuation"),
    "unescape_html": ("html-entities", "HTML entities left in the text were decoded"),
    "remove_terminal_escapes": ("terminal-escapes", "terminal colour codes removed"),
    "remove_control_chars": ("control-chars", "control characters removed"),
    "fix_surrogates": ("surrogates", "surrogate pairs joined into the characters they encode"),
    "fix_latin_ligatures": ("ligatures", "Latin ligatures split into letters"),
    "fix_character_width": ("character-width", "full-width and half-width forms made normal"),
    "uncurl_quotes": ("straight-quotes", "curly quotes straightened"),
    "fix_line_breaks": ("line-breaks", "line separators became LF"),
    "normalize": ("unicode-normalization", "Unicode normalised"),
    # (A rule of its own: under "mojibake" its reason would stand for every mojibake.)
    "lost-byte-quote": (
        "lost-byte-quote",
        "mojibake: a closing quote whose last byte was lost on the way (â€) was restored",
    ),
    "stray-format-chars": (
        "stray-format-chars",
        "invisible format and control characters (soft hyphens, bidi controls) and lone"
        " surrogates removed",
    ),
}
RULE_PRECEDENCE = list(dict.fromkeys(rule for rule, _ in FTFY_RULES.values()))
# Each rule id's reason, for stages that repair a piece again once it stands alone.
RULE_REASONS = dict(FTFY_RULES.values())


@cache
def ftfy_config(profile: EncodingProfile) -> ftfy.TextFixerConfig:
    """The ftfy settings that carry out an encoding profile."""
    return ftfy.TextFixerConfig(
        unescape_html=profile.unescape_html,
        fix_encoding=profile.fix_mojibake,
        fix_c1_controls=profile.fix_mojibake,
        fix_latin_ligatures=profile.fix_latin_ligatures,
        fix_character_width=profile.fix_character_width,
        uncurl_quotes=profile.uncurl_quotes,
        normalization=profile.normalization,
        explain=True,
    )


# Two classes rather than "{2}": the regex engine scans for a plain class much faster.
ADJACENT_NON_ASCII_RE = re.compile(r"[^\x00-\x7f][^\x00-\x7f]")


class RepairSignature(NamedTuple):
    """What a line must hold for ftfy to change it under one profile."""

    ascii_controls: re.Pattern[str]  # control characters ftfy removes
    suspect_chars: re.Pattern[str]  # single non-ASCII characters some fixer acts on
    adjacent_non_ascii: bool  # mojibake: ftfy's detector needs two non-ASCII in a row
    entities: bool  # HTML entities


@cache
def repair_signature(profile: EncodingProfile) -> RepairSignature:
    """The signature of every line ftfy could change under this profile.

    Each piece mirrors a condition in ftfy: its mojibake detector (``ftfy.badness``) only
    fires on two adjacent non-ASCII characters, on C1 controls, or on a lone Â/Ã/Œ/œ;
    entities need ``HTML_ENTITY_RE``; the other fixers act on fixed character sets.
    Normalization is checked apart, with ``unicodedata.is_normalized``.
    """
    controls = sorted(CONTROL_CHARS)
    ascii_controls = "".join(re.escape(chr(c)) for c in controls if c < 0x80)
    suspects = "".join(re.escape(chr(c)) for c in controls if c >= 0x80) + "\x80-\x9f"
    suspects += "\ud800-\udfff"
    if profile.fix_mojibake:
        suspects += "ÂÃŒœ"
    if profile.fix_latin_ligatures:
        suspects += "\ufb00-\ufb06"
    if profile.fix_character_width:
        suspects += "\u3000\uff01-\uffef"
    if profile.uncurl_quotes:
        suspects += "\u2018-\u201f\u2032\u2033\u2035\u2036"
    return RepairSignature(
        ascii_controls=re.compile(f"[{ascii_controls}]"),
        suspect_chars=re.compile(f"[{suspects}]"),
        adjacent_non_ascii=profile.fix_mojibake,
        entities=profile.unescape_html,
    )


def needs_repair(line: str, profile: EncodingProfile) -> bool:
    """Whether ftfy could change this line: the cheap check that lets clean text skip it.

    >>> needs_repair("donâ€™t", Config().encoding)
    True
    >>> needs_repair("It’s “a” café — £12 &c.", Config().encoding)
    False
    """
    signature = repair_signature(profile)
    if signature.ascii_controls.search(line):
        return True
    if signature.entities and "&" in line and HTML_ENTITY_RE.search(line):
        return True
    # Separate character-class scans, each several times faster than one alternation.
    if signature.adjacent_non_ascii and ADJACENT_NON_ASCII_RE.search(line):
        return True
    if signature.suspect_chars.search(line):
        return True
    return not unicodedata.is_normalized(profile.normalization, line)


def repair_line(line: str, profile: EncodingProfile) -> tuple[str, list[str]]:
    """Fix one line (no line breaks in it); return the text and the rule ids that applied.

    >>> repair_line("Itâ€™s Â£12 &amp; rising", Config().encoding)
    ('It’s £12 & rising', ['mojibake', 'html-entities'])
    >>> repair_line("A clean line stays put.", Config().encoding)
    ('A clean line stays put.', [])
    >>> repair_line("Caf\u200bÃ\tis open", Config().encoding)  # "Ã" and a space: "à"
    ('Cafà is open', ['mojibake'])
    """
    line, rules = _repair(line, profile)
    # A zero-width character or an odd space can hide mojibake from ftfy.
    # The tidy makes spacing plain at the very end, after the rules have read the text;
    # a repair only then would come too late for them, and a second cleaning would act
    # on what the first left. So such a line is looked at with plain spacing now.
    flat = plain(line)
    if flat != line and needs_repair(flat, profile):
        fixed, more = _repair(flat, profile)
        if fixed != flat:
            line, rules = fixed, rules + more
    return line, sorted(set(rules), key=RULE_PRECEDENCE.index)


def repair_alone(
    stage: str, text: str, block: int, offset: int, config: Config, when: str
) -> tuple[str, Change | None]:
    """Repair a piece of a block that needs it now that it stands alone, and the change.

    ftfy judges a whole line: a mangled fragment in a long line can pass, and read as
    mojibake once a later stage has made it a paragraph of its own (a run-on split, a
    cut promo, re-joined wrapped lines), as a second cleaning would read it. ``offset``
    is where ``text`` starts in block ``block``; ``when`` ends the change's reason.

    >>> text, change = repair_alone("repair_runons", "Ä¡0", 2, 5, Config(), "alone")
    >>> text, change.rule, change.where
    ('ġ0', 'mojibake', Location(block=2, start=5, end=8))
    """
    if not needs_repair(text, config.encoding):
        return text, None
    fixed, rules = repair_line(text, config.encoding)
    if fixed == text:
        return text, None
    rule = rules[0] if rules else "mojibake"
    reason = f"{RULE_REASONS[rule]}, {when}"
    return fixed, rewrite(stage, rule, reason, block, offset, text, fixed)


def _repair(line: str, profile: EncodingProfile) -> tuple[str, list[str]]:
    rules: list[str] = []
    # Removing a stray character can bring two others together that ftfy reads as
    # mojibake, and ftfy's own output can read as mojibake to it ("\x80ß" -> "€ß" ->
    # "ۧ"), so repeat until nothing changes: cleaning clean text must change nothing.
    if profile.fix_mojibake and "â€" in line:
        line, lost = LOST_BYTE_QUOTE_RE.subn("\u201d", line)
        if lost:
            rules.append(FTFY_RULES["lost-byte-quote"][0])
    for _ in range(MAX_REPAIR_ROUNDS):
        changed = False
        if needs_repair(line, profile):
            fixed = ftfy.fix_and_explain(line, ftfy_config(profile))
            if fixed.text != line:
                line, changed = fixed.text, True
                rules += [FTFY_RULES[_step_key(step)][0] for step in fixed.explanation or ()]
        if STRAY_FORMAT_RE.search(line):
            line, changed = line.translate(STRAY_FORMAT_CHARS), True
            rules.append("stray-format-chars")
        if not changed:
            break
    return line, rules


def _step_key(step: tuple[str, str]) -> str:
    # ftfy names a step (action, detail): ("apply", "unescape_html"), ("encode", "latin-1"),
    # ("transcode", "fix_c1_controls"); the detail says more when we know it.
    action, detail = step
    return detail if detail in FTFY_RULES else action


def reason_for(rules: list[str]) -> str:
    """The reasons of a line's repair rules, joined, each once."""
    reasons = {rule: reason for rule, reason in FTFY_RULES.values()}
    return "; ".join(dict.fromkeys(reasons[rule] for rule in rules))
