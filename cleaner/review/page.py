"""The review page: one self-contained HTML file (inline CSS and script, nothing fetched).

Rendered here, in full, as plain HTML: the page reads and prints without its script; the
script only filters (by stage, by rule, by words) and moves between removals.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from html import escape
from importlib import resources

from .data import FileView, Placed, Removal, Review, RuleSummary

# The page may load nothing from anywhere: its own inline style and script only.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline';"
    " img-src data:; base-uri 'none'; form-action 'none'"
)
STAGES_WITH_COLOUR = frozenset(
    {"strip_promos", "strip_inline", "strip_headlines", "trim_to_body", "tidy"}
)
CONTEXT_CHARS = 120  # text shown before and after a sample removal
BAR_WIDTH = 420  # pixels of the longest bar
BAR_ROWS = 30  # rules drawn in the chart (the table under it has them all)


def render(review: Review) -> str:
    """The whole page as one string of HTML."""
    style = resources.files(__package__).joinpath("page.css").read_text(encoding="utf-8")
    script = resources.files(__package__).joinpath("page.js").read_text(encoding="utf-8")
    rules = sorted(review.rules.values(), key=lambda r: (-r.removed_chars, -r.changes, r.key))
    parts = [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>cleaner review: {escape(review.report)}</title>",
        f"<style>{style}</style>",
        "</head>",
        "<body>",
        '<a class="skip" href="#files">Skip to the files</a>',
        "<header>",
        "<h1>What the run removed</h1>",
        f'<p class="muted">From {escape(review.report)}.'
        " Every removal is struck through and labelled with its stage and rule; focus or"
        " hover it for the reason. Keys: <kbd>n</kbd> and <kbd>p</kbd> move between removals.</p>",
        '<nav aria-label="Sections"><a href="#glance">At a glance</a><a href="#rules">Rules</a>'
        '<a href="#files">Files</a><a href="#left-out">What the page leaves out</a></nav>',
        "</header>",
        _filters(review, rules),
        "<main>",
        _glance(review),
        _rules(review, rules),
        _files(review),
        _left_out(review),
        "</main>",
        f"<script>{script}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _filters(review: Review, rules: list[RuleSummary]) -> str:
    stages = sorted(review.changes_by_stage)
    stage_options = "".join(f'<option value="{escape(s)}">{escape(s)}</option>' for s in stages)
    rule_options = "".join(
        f'<option value="{escape(r.key)}">{escape(r.key)} ({r.changes:,})</option>' for r in rules
    )
    return (
        '<form id="filters" role="search" aria-label="Filter the removals" onsubmit="return false">'
        '<label>Stage<select id="f-stage"><option value="">every stage</option>'
        f"{stage_options}</select></label>"
        '<label>Rule<select id="f-rule"><option value="">every rule</option>'
        f"{rule_options}</select></label>"
        '<label>Search<input id="f-q" type="search" placeholder="words in a file or rule"></label>'
        '<output id="f-count" aria-live="polite"></output>'
        "</form>"
    )


def _glance(review: Review) -> str:
    statuses = ", ".join(f"{n:,} {escape(s)}" for s, n in review.statuses.most_common()) or "none"
    languages = ", ".join(f"{escape(lang)} {n:,}" for lang, n in review.languages.most_common())
    items = [
        ("Inputs", f"{review.file_count:,}", statuses),
        ("Paragraphs kept", f"{review.paragraphs_kept:,}", ""),
        ("Paragraphs removed whole", f"{review.paragraphs_removed:,}", ""),
        ("Characters removed", f"{review.removed_chars:,}", ""),
        ("Changes", f"{sum(review.changes_by_stage.values()):,}", ""),
        ("Languages seen", str(len(review.languages)), languages or "not recorded"),
    ]
    cells = "".join(
        f"<div><dt>{label}</dt><dd>{value}</dd>{f'<dt>{detail}</dt>' if detail else ''}</div>"
        for label, value, detail in items
    )
    by_rule = Counter({r.key: r.changes for r in review.rules.values()})
    return (
        '<section id="glance" aria-labelledby="glance-h"><h2 id="glance-h">At a glance</h2>'
        f'<dl class="glance">{cells}</dl>'
        + _bars("Changes per stage", "bars-stage", review.changes_by_stage.most_common())
        + _bars(
            f"Changes per rule (the {min(BAR_ROWS, len(by_rule))} most frequent of {len(by_rule)})",
            "bars-rule",
            by_rule.most_common(BAR_ROWS),
        )
        + "</section>"
    )


def _bars(caption: str, ident: str, counts: list[tuple[str, int]]) -> str:
    """A horizontal bar chart in inline SVG, each bar labelled with its name and count."""
    if not counts:
        return ""
    top = max(n for _, n in counts) or 1
    row, label_width = 20, 300
    height = row * len(counts) + 4
    bars = []
    for position, (name, count) in enumerate(counts):
        y = position * row + 2
        width = max(1, round(BAR_WIDTH * count / top))
        bars.append(
            f'<g><text x="{label_width - 6}" y="{y + 14}" text-anchor="end">{escape(name)}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{width}" height="{row - 6}"></rect>'
            f'<text x="{label_width + width + 6}" y="{y + 14}">{count:,}</text></g>'
        )
    total_width = label_width + BAR_WIDTH + 80
    return (
        f'<figure><figcaption id="{ident}">{escape(caption)}</figcaption>'
        f'<svg class="bars" role="img" aria-labelledby="{ident}" width="{total_width}"'
        f' height="{height}" viewBox="0 0 {total_width} {height}">{"".join(bars)}</svg></figure>'
    )


def _rules(review: Review, rules: list[RuleSummary]) -> str:
    samples = _samples(review, review.limits.samples_per_rule)
    parts = [
        '<section id="rules" aria-labelledby="rules-h"><h2 id="rules-h">Rules, most removed text'
        " first</h2>"
    ]
    for rule in rules:
        shown = samples.get(rule.key, [])
        items = "".join(_sample(view, item) for view, item in shown)
        more = rule.removals - len(shown)
        parts.append(
            f'<article class="rule" id="rule-{escape(_slug(rule.key))}"'
            f' data-rule="{escape(rule.key)}" data-stage="{escape(rule.stage)}"'
            f' data-changes="{rule.changes}" data-removals="{rule.removals}">'
            f'<h3><span class="lbl">{escape(rule.stage)}</span> {escape(rule.rule)}</h3>'
            f'<p class="reason">{escape(rule.reason)}</p>'
            f'<p class="muted"><span class="changes">{rule.changes:,}</span> change(s),'
            f" {rule.removals:,} removal(s) in {rule.files:,} file(s),"
            f" {rule.removed_chars:,} characters removed.</p>"
            + (f'<ol class="samples">{items}</ol>' if items else "")
            + (
                f'<p class="leftout">{more:,} more removal(s) not shown here.</p>'
                if more > 0 and rule.removals
                else ""
            )
            + "</article>"
        )
    parts.append("</section>")
    return "".join(parts)


def _samples(review: Review, cap: int) -> dict[str, list[tuple[FileView, Placed | Removal]]]:
    found: dict[str, list[tuple[FileView, Placed | Removal]]] = {}
    for view in review.in_full:
        for item in [*view.placed, *view.unplaced]:
            removal = item.removal if isinstance(item, Placed) else item
            key = f"{removal.stage}:{removal.rule}"
            chosen = found.setdefault(key, [])
            if len(chosen) < cap:
                chosen.append((view, item))
    return found


def _sample(view: FileView, item: Placed | Removal) -> str:
    link = f'<a href="#file-{view.summary.number}">{escape(view.summary.input)}</a>'
    if isinstance(item, Placed):
        before = _context_before(view.text, item.start)
        after = _context_after(view.text, item.end)
        body = view.text[item.start : item.end]
        removal = item.removal
    else:
        before = after = ""
        body = item.text
        removal = item
    return (
        f'<li>{link}: <span class="ctx">…{escape(before)}'
        f"{_del(removal, body, in_file=False)}{escape(after)}…</span></li>"
    )


def _context_before(text: str, start: int) -> str:
    """The text before a removal in its paragraph; the end of the paragraph before it
    when the removal opens its own (a line removed whole)."""
    head = text[max(0, start - CONTEXT_CHARS) : start]
    if "\n" not in head:
        return head
    own = head.rsplit("\n", 1)[1]
    if own:
        return own
    previous = head[:-1].rsplit("\n", 1)[-1]
    return f"{previous} ¶\n" if previous else ""


def _context_after(text: str, end: int) -> str:
    """The text after a removal in its paragraph, or the start of the next paragraph."""
    tail = text[end : end + CONTEXT_CHARS]
    if "\n" not in tail:
        return tail
    own = tail.split("\n", 1)[0]
    if own:
        return own
    following = tail[1:].split("\n", 1)[0]
    return f"\n¶ {following}" if following else ""


def _files(review: Review) -> str:
    shown = {view.summary.number for view in review.in_full}
    rows = "".join(
        '<tr class="file-row"><td>'
        + (
            f'<a href="#file-{f.number}">{escape(f.input)}</a>'
            if f.number in shown
            else escape(f.input)
        )
        + f"</td><td>{escape(f.status)}</td><td>{escape(f.language or '')}</td>"
        f'<td class="num">{f.paragraphs:,}</td><td class="num">{f.removals:,}</td>'
        f'<td class="num">{f.removed_chars:,}</td></tr>'
        for f in review.files
    )
    views = "".join(_file(view) for view in review.in_full)
    return (
        '<section id="files" aria-labelledby="files-h"><h2 id="files-h">Files, most removed text'
        " first</h2>"
        '<table><caption class="muted">Files of the run (the first'
        f" {len(review.files):,} of {review.file_count:,}); the linked ones are shown in full"
        " below.</caption>"
        '<thead><tr><th scope="col">Input</th><th scope="col">Status</th>'
        '<th scope="col">Language</th><th scope="col" class="num">Paragraphs kept</th>'
        '<th scope="col" class="num">Removals</th><th scope="col" class="num">Characters'
        " removed</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>{views}</section>"
    )


def _file(view: FileView) -> str:
    summary = view.summary
    notes = [view.note] if view.note else []
    if view.left_out:
        notes.append(f"{view.left_out:,} more removal(s) over the page's cap are not shown")
    unplaced = ""
    if view.unplaced:
        items = "".join(f"<li>{_del(r, r.text)}</li>" for r in view.unplaced)
        where = "whose place was not found" if view.text else "of this file"
        unplaced = f'<p class="muted">Removals {where}:</p><ul class="unplaced">{items}</ul>'
    return (
        f'<article class="file" id="file-{summary.number}" data-file="{summary.number}"'
        f' data-removals="{summary.removals}">'
        f"<h3>{escape(summary.input)}</h3>"
        f'<p class="muted">{escape(summary.status)}'
        f"{', ' + escape(summary.language) if summary.language else ''};"
        f" {summary.paragraphs:,} paragraph(s) kept; {summary.removals:,} removal(s),"
        f" {summary.removed_chars:,} characters.</p>"
        + "".join(f'<p class="note">{escape(note)}</p>' for note in notes)
        + (f'<div class="text">{_marked(view.text, view.placed)}</div>' if view.text else "")
        + unplaced
        + "</article>"
    )


def _marked(text: str, placed: Iterable[Placed]) -> str:
    """``text`` with every placed removal struck through in place; a removal inside
    another is drawn inside it, one that overlaps it is cut to what follows it."""
    out: list[str] = []
    position = 0
    open_ends: list[int] = []
    for item in placed:
        while open_ends and open_ends[-1] <= item.start:
            end = open_ends.pop()
            out.append(escape(text[position:end]) + "</del>")
            position = end
        start = max(item.start, position)
        end = min(item.end, open_ends[-1]) if open_ends else item.end
        end = max(end, start)
        out.append(escape(text[position:start]))
        out.append(_open_del(item.removal, empty=start == end))
        position = start
        open_ends.append(end)
    while open_ends:
        end = open_ends.pop()
        out.append(escape(text[position:end]) + "</del>")
        position = end
    out.append(escape(text[position:]))
    return "".join(out)


def _open_del(removal: Removal, *, empty: bool = False, in_file: bool = True) -> str:
    stage_class = removal.stage if removal.stage in STAGES_WITH_COLOUR else "other"
    classes = (
        f"rm st-{stage_class}"
        + (" in-file" if in_file else " sample")
        + (" empty" if empty else "")
    )
    label = f"{removal.stage}/{removal.rule}"
    return (
        f'<del class="{classes}" tabindex="0" data-stage="{escape(removal.stage)}"'
        f' data-rule="{escape(removal.stage)}:{escape(removal.rule)}"'
        f' data-change="{removal.index}" data-reason="{escape(removal.reason)}">'
        f'<span class="lbl">{escape(label)}</span>'
    )


def _del(removal: Removal, body: str, *, in_file: bool = True) -> str:
    shown = body if body.strip() else _invisible(body)
    return _open_del(removal, empty=not body, in_file=in_file) + escape(shown) + "</del>"


def _invisible(text: str) -> str:
    """Removed characters that cannot be seen, named by their code points."""
    return " ".join(f"U+{ord(char):04X}" for char in text)


def _slug(key: str) -> str:
    return key.replace(":", "--")


def _left_out(review: Review) -> str:
    limits = review.limits
    lines = [
        f"The table lists {len(review.files):,} of {review.file_count:,} file(s), those with"
        f" the most removed text (cap: {limits.files_listed:,}).",
        f"{len(review.in_full):,} file(s) are shown in full (cap: {limits.files_in_full:,});"
        " they were chosen so that every rule has examples, then by removed text.",
        f"Each rule shows at most {limits.samples_per_rule:,} removal(s) in context; each file"
        f" at most {limits.removals_per_file:,} removal(s) and {limits.chars_per_file:,}"
        " characters.",
        "Changes that only reshape text (encoding repairs, paragraph splits) are counted, not"
        " shown: they remove nothing.",
    ]
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    return (
        '<section id="left-out" aria-labelledby="left-out-h"><h2 id="left-out-h">What the page'
        f" leaves out</h2><ul>{items}</ul></section>"
    )
