"""Adversarial text, generated at any size: the shapes our own rules and stages match.

Each generator repeats a unit aimed at a pattern (a promo prefix, a glue point, a
quote run) until the text is ``size`` bytes long in UTF-8, as a file of that size would
be. The tests clean small ones; the benchmark ``benchmarks/bench_adversarial.py`` times
1 MB against 2 MB to show that every stage stays linear.
"""

from __future__ import annotations

from collections.abc import Callable


def _repeat(unit: str) -> Callable[[int], str]:
    def generate(size: int) -> str:
        data = (unit * (size // len(unit.encode()) + 1)).encode()[:size]
        return data.decode("utf-8", "ignore")  # a character cut at the end is dropped

    generate.__doc__ = f"{unit!r} repeated"
    return generate


ADVERSARIAL_TEXT: dict[str, Callable[[int], str]] = {
    "one line, no spaces": _repeat("abcdefghijklmnopqrstuvwxyz"),
    "a million short lines": _repeat("Hi.\n"),
    "blank lines": _repeat("\n \n\t\n"),
    "Follow ×N": _repeat("Follow "),
    "READ MORE: ×N": _repeat("READ MORE: "),
    "word. ×N": _repeat("word."),
    "glued sentences": _repeat("end.Next"),
    "glued words": _repeat("wordWord"),
    "straight quotes": _repeat('"'),
    "mixed quotes": _repeat("\"“”'‘’"),
    "quoted glue": _repeat('said"This'),
    "capitals": _repeat("ABCDEFGHIJ"),
    "capitalised words": _repeat("The Big Story "),
    "combining marks": lambda size: "a" + "\u0301" * ((size - 1) // 2),
    "bidi controls": _repeat("\u202eabc\u2066def\u2069\u202c"),
    "zero-width glue": _repeat("end.\u200bNext"),
    "photo credits": _repeat("(Image: Getty)"),
    "timestamps": _repeat("12:34"),
    "web addresses": _repeat("www.example.com/a.Page"),
    "mojibake": _repeat("donâ€™t "),
    "spaces": _repeat(" "),
    "stops and spaces": _repeat(".  "),
    "open brackets": _repeat("( "),
    "emoji": _repeat("👍🏽👨‍👩‍👧"),
    # Runs of numbers, times and dates without a final stop: what a rule with nested
    # repetition backtracks on.
    "opening times": _repeat("10:00 11:00 12:00 13:00, closed Sunday "),
    "season lists": _repeat("2019/20 2020/21 2021/22 2022/23 season totals 34 "),
    "ISBN lists": _repeat("ISBN 978-0-306-40615-7, "),
    "text table rows": _repeat("2020-08-01 18:00:00+00 │ 200 │ 4084\n"),
    # Shapes the headline stage and the glue stage look back over.
    "questions and answers": _repeat("Why did the council close it?\nEngineers found cracks.\n"),
    "table of contents": _repeat("Contents\nThe history of the old mill by the river\n"),
    "quotes after stops": _repeat("it.'Then "),
    "quotes glued to stops": _repeat("said.'It"),
    "live-blog entries glued": _repeat("hurt.16:59Jo Writer "),
    "bylines cut": _repeat("By\n"),
    "camel case glue": _repeat("aB"),
    "glued dotted words": _repeat("ab.Ab"),
    "labels glued to sentences": _repeat("WITH CONTENTChief "),
    "labels split between sentences": _repeat("Done.Article contentNext one. "),
    # A block's opening line of code that never closes ("for ... in ...:").
    "code block openers": _repeat("for a in "),
    # A quotation's author that will not fit (a long word, then more words than a name
    # has), after a paragraph, so that the headline stage looks at it.
    "quotations with long authors": _repeat(
        "The council met on Monday night to vote on the bridge.\n“It rained.” — "
        + "a" * 150
        + " b c d e f g\n"
    ),
}


def _nested(size: int) -> str:
    depth = max(1, (size - 80) // 11)
    return "<div>" * depth + "<p>The council met on Monday.</p>" + "</div>" * depth


def _boxes_of_many_classes(size: int) -> str:
    """Boxes shaped like a body's chunks, each pair with a class of its own."""
    paragraph = "<p>" + "The council met on Monday night. " * 3 + "</p>"
    pairs = []
    for number in range(max(1, size // 260)):
        box = f'<div class="body-{number}">{paragraph}{paragraph}</div>'
        pairs.append(box + box)
    return "<div>" + "".join(pairs) + "</div>"


ADVERSARIAL_HTML: dict[str, Callable[[int], str]] = {
    "deeply nested": _nested,
    "unclosed paragraphs": _repeat("<p>The council met"),
    "scripts": _repeat("<script>var a = '<p>';</script>"),
    "unclosed scripts": _repeat("<script>"),
    "entity references": lambda size: "<p>" + _repeat("&amp;&#x41;&copy;")(size),
    "comments": _repeat("<!-- x -->"),
    "one huge attribute": lambda size: '<p class="' + "a" * size + '">The council met.</p>',
    "tables": _repeat("<table><tr><td>1</td>"),
    "body chunks of many classes": _boxes_of_many_classes,
    "body chunks of one class": _repeat(
        '<div class="body"><p>'
        + "The council met on Monday night. " * 3
        + "</p><p>"
        + "It agreed the budget after a long debate. " * 3
        + "</p></div>"
    ),
}
