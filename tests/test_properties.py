"""Properties of ``clean`` on generated text (hypothesis), and the fuzz target.

Article-like text is built from fragments of what scraped pages hold (sentences,
promo lines, captions, glue, mojibake, invisible and control characters, markup
debris) plus arbitrary text, so the generator reaches the stages' rules, not just
their early exits. ``CLEANER_FUZZ_EXAMPLES`` sets how many examples the fuzz target
tries (CI runs the default, bounded; run it with more locally).
"""

from __future__ import annotations

import os
import unicodedata
from collections import Counter

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cleaner import Config, Document, Result, clean
from cleaner.chars import BLANK_CHARS, EXOTIC_SPACES, JOINERS, ZERO_WIDTH
from cleaner.pipeline import DEFAULT_STAGES, stage_name
from cleaner.stages.fix_encoding import fix_encoding
from cleaner.text.encoding import FTFY_RULES

FRAGMENTS = [
    "The council met on Monday to vote on the bridge.",
    "“It is the right time,” the leader said.",
    "Residents will pay £3 more a month, officials said.",
    "Follow The Gazette on Twitter and Facebook.",
    "READ MORE: Storm closes seafront for a week",
    "Sign up to our daily newsletter",
    "Advertisement",
    "Article content",
    "(Image: Getty Images)",
    "Photo: Jane Smith/AP",
    "By Jane Smith",
    "08:39, 06 Jan 2026Updated 08:41, 06 Jan 2026",
    "View this post on Instagram",
    "pic.twitter.com/abc123",
    "Storm Closes Seafront For A Week",
    "donâ€™t",
    "Ã©tÃ©",
    "&amp; &nbsp; &#8217;",
    "<p>",
    "www.example.com/story.Html",
    "Mr.Smith",
    "U.S.Army",
    "\u200b",
    "\u200d",
    "\u00ad",
    "\u202e",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\ufeff",
    "\u00a0",
    "\r\n",
    "\n",
    "\n\n",
    ".",
    '"',
    " ",
    "👨‍👩‍👧",
    "क्षि",
    "مرحبا",
]
ARTICLE_TEXT = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40
).map("".join)
# The rule ids of encoding repairs: the only changes that may bring new characters.
REPAIRS = {rule for rule, _ in FTFY_RULES.values()}
FUZZ_EXAMPLES = int(os.environ.get("CLEANER_FUZZ_EXAMPLES", "400"))
# Format characters a script or an emoji needs: the joiners, the Arabic, Syriac and
# Kaithi signs written before numbers, the format controls of Egyptian hieroglyphs,
# Duployan shorthand and musical notation, and the tag characters of flag emoji. Every
# other format character is stray (bidi controls, soft hyphens, zero-width spaces).
NEEDED_FORMAT_CHARS = set(JOINERS) | {
    chr(c)
    for c in [
        *range(0x0600, 0x0606),
        0x06DD,
        0x070F,
        0x0890,
        0x0891,
        0x08E2,
        0x110BD,
        0x110CD,
        *range(0x13430, 0x13440),
        *range(0x1BCA0, 0x1BCA4),
        *range(0x1D173, 0x1D17B),
        *range(0xE0020, 0xE0080),
    ]
}


def no_stray_characters(text: str) -> bool:
    # (A tab stays only between a table row's cells: tidy keeps "5\t0" as the row it is.)
    for char in text:
        category = unicodedata.category(char)
        if category == "Cc" and char not in "\n\t":
            return False
        if category == "Cf" and char not in NEEDED_FORMAT_CHARS:
            return False
        if category == "Cs":  # a lone surrogate
            return False
    return True


def invents_nothing(text: str, result: Result) -> bool:
    """Every output word is in the encoding-repaired input (as it stands, with plain
    spacing, or with its wrapped lines joined), or in what a recorded encoding repair put
    there (one made once a piece stood alone); a run-on split makes pieces of an input
    word, so a word may be part of one. Invisible characters aside."""
    invisible = str.maketrans(dict.fromkeys(map(ord, ZERO_WIDTH + JOINERS)))
    plain = str.maketrans({**dict.fromkeys(map(ord, EXOTIC_SPACES), " "), ord("\n"): "\n"})
    flat = text.translate(invisible).translate(plain)
    # Re-joined wrapped lines are repaired as one line (after their own repair).
    joined = " ".join(clean(text.translate(invisible), stages=[fix_encoding]).text.split("\n"))
    repaired = [
        clean(version, stages=[fix_encoding]).text.translate(invisible)
        for version in (text, flat, joined)
    ]
    repaired += [c.after.translate(invisible) for c in result.changes if c.rule in REPAIRS]
    return all(
        any(word.translate(invisible) in version for version in repaired)
        for word in result.text.split()
    )


def removals_accounted_for(text: str) -> bool:
    """Each stage's recorded changes hold every visible character it removed."""
    doc = Document.from_text(text)
    for stage in DEFAULT_STAGES:
        out = stage(doc, Config())
        removed = _visible(doc) - _visible(out)
        recorded: Counter[str] = Counter()
        for change in out.changes[len(doc.changes) :]:
            recorded += Counter(change.before) - Counter(change.after)
        if removed - recorded:
            print(stage_name(stage), dict(removed - recorded))
            return False
        doc = out
    return True


def _visible(doc: Document) -> Counter[str]:
    # Blanks (spaces, zero-width characters) at the edges of a removed paragraph go with
    # it without a mention; every other character is accounted for.
    return Counter(char for block in doc.blocks for char in block.text if char not in BLANK_CHARS)


@given(ARTICLE_TEXT)
# Inputs the fuzz target once found, each a class of fix: zero-width glue, C1 controls
# left by ftfy, a headline trailing only after a trim, an address hiding glue, mojibake
# completed by re-joining wrapped lines, or readable once a caption beside it was cut.
@example("Article content\u200bThe council met on Monday to vote on the bridge.")
@example("By Jane Smith\u200bThe council met on Monday to vote on the bridge.")
@example("0\x8d")
@example("Ü\u200b¯")
@example("pic.twitter.com/abc123Mr.SmithMr.Smith")
@example("Wrapped line one.\r\nWrapped line two.Ã©tÃ©\nà¢\ndonâ€™t")
@example("“It is the right time,” the leader said.(Image: Getty Images)ÙÄà\x950")
@example("The council met on Monday to vote on the bridge.Mr.Smith00Awww.example.com/story.Html")
# A promo cut off a token in camel case must not turn what is left into another kind
# of token ("weekU.S.ArmyThe": the identifier test saw two humps, then one).
@example("READ MORE: Storm closes seafront for a weekU.S.ArmyThe council met on Monday.")
@example(
    "The council met on Monday to vote on the bridge." * 4
    + "A\nThe council met on Monday to vote on the bridge.Article content"
    + "pic.twitter.com/abc123“It is the right time,” the leader said."
)
def test_properties_of_clean_on_article_like_text(text: str) -> None:
    result = clean(text)
    assert clean(result.text).text == result.text, "idempotent"
    assert no_stray_characters(result.text)
    assert invents_nothing(text, result)
    assert removals_accounted_for(text)


@given(st.text(max_size=200))
def test_properties_of_clean_on_any_text(text: str) -> None:
    result = clean(text)
    assert no_stray_characters(result.text)
    assert invents_nothing(text, result)
    assert removals_accounted_for(text)


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(ARTICLE_TEXT, min_size=1, max_size=8).map("\n".join))
def test_fuzz_clean(text: str) -> None:
    result = clean(text)
    assert clean(result.text).text == result.text
    assert no_stray_characters(result.text)
    assert invents_nothing(text, result)
