"""HTML pages to blocks: trafilatura finds the article, its structure becomes block kinds.

trafilatura decides on HTML structure (tags, classes, link density) and is good at it;
what it keeps in the body (read-more lines, related headlines, follow prompts) is left
for the text stages. Its XML output keeps the structure we want: ``<head>`` becomes a
``heading`` block, ``<item>`` a ``list_item``, everything else with text a
``paragraph``. Nothing is ever fetched: trafilatura is handed the page's text only.

When trafilatura finds no article (a very short page, unusual markup) the page's own
text blocks are used instead, and the document records that it fell back.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Mapping
from html import unescape as html_unescape
from html.parser import HTMLParser
from typing import Any, NamedTuple

import lxml.html
from lxml import etree

from .model import EXTRACTOR_KEY, Block, BlockKind, Change, Location

logger = logging.getLogger(__name__)

STAGE = "extract_html"
# Settings chosen by measurement on the dev set (benchmarks/bench_html.py): comments are
# readers' text, not the article's.
EXTRACT_OPTIONS: Mapping[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    # (With links kept, trafilatura's <ref> elements bring line breaks into paragraphs;
    # a paragraph that is all link is told from the page instead: see link_texts.)
    "include_links": False,
    "deduplicate": False,
}
# The elements trafilatura's XML output will not nest in their own kind (unless inside
# one of NESTING_ALLOWED): trafilatura.xml.strip_double_tags and NESTING_WHITELIST.
NESTED_BLOCK_TAGS = ("code", "head", "p")
NESTING_ALLOWED = frozenset({"cell", "figure", "item", "note", "quote"})
# Page metadata worth carrying to a JSONL record; asking for it costs about twice the
# time of a plain extraction, so it is only asked for when a record will carry it.
METADATA_FIELDS = ("title", "author", "date", "url", "sitename")
# Embedded social posts come in their network's published embed code, whose class names
# are stable; trafilatura keeps the post's text as if it were the article's.
EMBED_CLASSES = (
    "twitter-tweet", "twitter-video", "instagram-media", "tiktok-embed", "fb-post",
    "reddit-embed-bq", "bluesky-embed", "threads-post",
)  # fmt: skip
# Text no reader sees: templates, the hidden attribute, and classes that hide text from
# the eye while screen readers read it (Bootstrap, WordPress, Drupal and their kin).
HIDDEN_CLASSES = (
    "sr-only visually-hidden visuallyhidden screen-reader-text screen-reader-only"
    " screenreader-only a11y-hidden element-invisible assistive-text u-visually-hidden"
).split()
HIDDEN_CLASS_RE = re.compile(rf"(?:^|\s)(?:{'|'.join(HIDDEN_CLASSES)})(?:\s|$)", re.IGNORECASE)
# Literal hints that a page may hide text: a substring test per hint costs far less than
# one pattern of many alternatives read case-blind over a page of a few hundred KB.
HIDDEN_HINTS = ("<template", " hidden>", " hidden=", " hidden ", " hidden/", *HIDDEN_CLASSES)
# The elements that may be hidden, found in C; _hidden tells for sure (a class test in
# XPath 1.0 cannot match whole words).
HIDDEN_XPATH = etree.XPath(
    "//template | //*[@hidden] | //*[@class and ("
    + " or ".join(f'contains(@class, "{name}")' for name in HIDDEN_CLASSES)
    + ")]"
)
# A hidden element that holds more than this share of a page's text is left in place.
MAX_HIDDEN_SHARE = 0.5
EMBED_CLASS_RE = re.compile(r"""class=["'][^"']*\b(?:""" + "|".join(EMBED_CLASSES) + r")\b")
# A page is first scanned for the classes' endings ("-tweet", "-media"): a pattern that
# starts with a literal is scanned for in C, one that starts with "class=" is tried at
# every attribute, three times slower on pages of a few hundred KB; the few endings found
# are then checked for the network's name before them.
EMBED_ENDING_RE = re.compile(
    "-(?:" + "|".join(sorted({name.split("-", 1)[1] for name in EMBED_CLASSES})) + r")\b"
)
EMBED_NETWORKS = tuple(sorted({name.split("-", 1)[0] for name in EMBED_CLASSES}))
LONGEST_NETWORK = max(map(len, EMBED_NETWORKS))
# An article body in chunks ("body__inner-container" between advert rows): elements of one
# tag and class holding two paragraphs or more of at least this many characters each...
MIN_CHUNK_PARAGRAPH_CHARS = 80
# ... under a common ancestor at most this many levels up, with no heading and no more
# text than this between them (advert labels: "Advertisement" twice a gap on Politico).
MAX_CHUNK_DEPTH = 6
MAX_TEXT_BETWEEN_CHUNKS = 150
MAX_CHUNK_GROUPS = 8
# A link and its text (tags inside it are read through); bounded, so that an unclosed
# anchor costs a window, not the rest of the page.
ANCHOR_RE = re.compile(r"<a\b([^>]{0,2000})>(.{0,400}?)</a>", re.IGNORECASE | re.DOTALL)
# A link within the page ("#section-2"): a table of contents' entry, the article's own.
IN_PAGE_HREF_RE = re.compile(r"""\bhref\s*=\s*["']?#""", re.IGNORECASE)
TAG_RE = re.compile(r"<[^>]{0,2000}>")
CLASS_ATTRIBUTE_RE = re.compile(r"""\sclass=(["'])(.*?)\1""")
# (A regex scan: str.count and str.find are several times slower on a page that is not
# all ASCII, and "<p" alone would also count <path>, <picture> and <pre>.)
PARAGRAPH_TAG_RE = re.compile(r"<p[\s>]")
# trafilatura's parser settings (trafilatura.utils.HTML_PARSER), for a look at a page.
QUICK_PARSER = lxml.html.HTMLParser(
    collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True
)
# The words of the classes trafilatura takes a body by (trafilatura.xpaths.BODY_XPATH).
BODY_CLASS_RE = re.compile(r"body|content|article|story|text|post|entry", re.IGNORECASE)
TAG_KINDS: dict[str, BlockKind] = {"head": "heading", "item": "list_item", "code": "code"}
# A table's row is one block, its cells' texts joined so: a row read alone ("7", "rye")
# tells nothing, and its words belong together.
CELL_SEPARATOR = " | "
# Elements whose text is one block (their inline children's text belongs to them); a
# block element holding others (a quote of paragraphs) is walked through instead.
BLOCK_TAGS = frozenset({"p", "head", "item", "quote", "cell", "code"})


# The page fallback: elements that hold no reader-visible text, and the block elements
# whose text makes a paragraph.
INVISIBLE_TAGS = ("script", "style", "noscript", "template", "head", "svg", "iframe")
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
PAGE_BLOCK_TAGS = frozenset(
    {"p", "li", "td", "th", "dd", "dt", "blockquote", "pre", "figcaption", "div", "section",
     "article", "aside", "header", "footer", "main", "nav", *HEADING_TAGS}
)  # fmt: skip


class Extracted(NamedTuple):
    blocks: list[Block]
    metadata: dict[str, Any]
    changes: list[Change]


def extract_blocks(html: str, *, with_metadata: bool = False) -> Extracted:
    """The article's blocks in a page, with page metadata when asked for.

    >>> page = "<html><body><article><h2>Bridge reopens</h2><p>The bridge reopened on "
    >>> page += "Friday after two years of repairs, the council said at a meeting.</p>"
    >>> page += "<ul><li>Cars only for a month, while engineers test the deck</li></ul>"
    >>> page += "</article></body></html>"
    >>> [(b.kind, b.text[:24]) for b in extract_blocks(page).blocks]
    [('heading', 'Bridge reopens'), ('paragraph', 'The bridge reopened on F'), \
('list_item', 'Cars only for a month, w')]
    """
    # Imported here: trafilatura takes a tenth of a second to import, which every
    # `cleaner --help` and every text-only batch would pay for nothing.
    import trafilatura

    # The page is parsed here only when there is a reason to change it: trafilatura copies
    # a tree it is handed (so as not to change it), which costs a tenth of its time.
    tree: lxml.html.HtmlElement | None = None
    changes: list[Change] = []
    joined = 0
    if _may_embed(html) and EMBED_CLASS_RE.search(html):
        tree = trafilatura.load_html(html)
        if tree is not None:
            changes = drop_embeds(tree)
            joined = join_chunks(tree)
    elif _paragraph_parents_repeat(html):
        # A quick parse to look; trafilatura's own (it repairs a few faults first, at
        # twice the cost) for the tree it will read.
        quick = _quick_tree(html)
        if quick is not None and join_chunks(quick):
            tree = trafilatura.load_html(html)
            joined = join_chunks(tree) if tree is not None else 0
    if any(hint in html for hint in HIDDEN_HINTS):
        if tree is not None:
            changes += drop_hidden(tree)
        elif (looked := trafilatura.load_html(html)) is not None and (
            dropped := drop_hidden(looked)
        ):
            # Handed back as text: trafilatura reads a page it is given as text faster
            # than a tree it must copy (and write out again for its fallback extractors).
            changes += dropped
            html = lxml.html.tostring(looked, encoding="unicode")
    if joined:
        reason = (
            f"the article's body came in {joined + 1} chunks of one class between adverts;"
            " they were joined so that trafilatura would take all of it"
        )
        changes.append(Change(STAGE, "body-chunks-joined", reason, "", "", Location(0, 0, 0)))
    root = article_tree(html if tree is None else tree, with_metadata=with_metadata)
    if root is not None:
        blocks = _blocks_from_xml(root)
        if blocks:
            blocks = marked_links(blocks, link_texts(html if isinstance(html, str) else ""))
            metadata = _metadata(root) if with_metadata else {}
            return Extracted(blocks, {**metadata, EXTRACTOR_KEY: "trafilatura"}, changes)
    blocks = page_blocks(html)
    reason = "no article found by trafilatura: the page's own text blocks were used"
    change = Change(STAGE, "fallback-page-text", reason, "", "", Location(0, 0, 0))
    logger.info("trafilatura found no article; using the page's text blocks")
    return Extracted(blocks, {EXTRACTOR_KEY: "page-text"}, [change])


def article_tree(
    page: str | lxml.html.HtmlElement, *, with_metadata: bool = False
) -> etree._Element | None:
    """trafilatura's XML document for a page (``<doc>`` with ``<main>``), or None.

    The tree ``trafilatura.extract(page, output_format="xml")`` would write out, taken
    before it is written: the steps of extract's XML output are run on the document
    ``bare_extraction`` returns, but not the content fingerprint it adds (a hash of the
    whole text, about a tenth of the extraction's time) nor the string it makes of the
    tree, which would only be parsed back here. Should trafilatura's XML steps move, the
    string is used after all.
    """
    import trafilatura

    try:
        from trafilatura.settings import Document as ExtractedPage
        from trafilatura.utils import sanitize_tree
        from trafilatura.xml import (
            build_xml_output,
            delete_element,
            keeps_empty,
            remove_empty_elements,
            strip_double_tags,
        )
    except ImportError:  # pragma: no cover - another trafilatura layout
        xml = trafilatura.extract(
            page, output_format="xml", with_metadata=with_metadata, **EXTRACT_OPTIONS
        )
        return etree.fromstring(xml.encode("utf-8")) if xml else None
    document = trafilatura.bare_extraction(
        page, output_format="xml", with_metadata=with_metadata, as_dict=False, **EXTRACT_OPTIONS
    )
    if not isinstance(document, ExtractedPage) or document.body is None:
        return None  # (as_dict=False: a Document, or None when nothing was found)
    # As trafilatura.core.determine_returnstring and trafilatura.xml.control_xml_output
    # do for "xml", in their order.
    for element in document.body.iter("*"):
        if len(element) == 0 and not element.text and not element.tail and not keeps_empty(element):
            delete_element(element, keep_tail=False)
    unwrap_nested_blocks(document.body)
    strip_double_tags(document.body)
    remove_empty_elements(document.body)
    return sanitize_tree(build_xml_output(document))


def unwrap_nested_blocks(body: etree._Element) -> None:
    """Lift the content of a code, head or p nested in one of its kind into its parent.

    trafilatura's XML output merges such a pair (``strip_double_tags``) by keeping the
    inner element's own text only: the lines of a highlighted code block
    (``<pre><code><code>// add.c<br>#include ...``) or a paragraph's words after its
    first link or bold run would be lost. Lifted here first, with the line breaks and
    inline elements in place, nothing is left for that merge to cut.

    >>> body = etree.fromstring("<main><code><code>int a;<lb/>int b;</code></code></main>")
    >>> unwrap_nested_blocks(body)
    >>> etree.tostring(body, encoding="unicode")
    '<main><code>int a;<lb/>int b;</code></main>'
    """
    for tag in NESTED_BLOCK_TAGS:
        for inner in reversed(body.xpath(f".//{tag}[ancestor::{tag}]")):
            parent = inner.getparent()
            if len(inner) and parent is not None and parent.tag not in NESTING_ALLOWED:
                _lift_content(inner, parent)


def _lift_content(element: etree._Element, parent: etree._Element) -> None:
    """Put ``element``'s text, children and tail where it stood, and remove it."""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + (element.text or "")
    else:
        parent.text = (parent.text or "") + (element.text or "")
    children, tail = list(element), element.tail or ""
    index = parent.index(element)
    parent.remove(element)  # (with its tail, which goes after its last child below)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    children[-1].tail = (children[-1].tail or "") + tail


def _may_embed(html: str) -> bool:
    """Whether the page may hold an embed class: one of their endings after a network's name.

    >>> _may_embed('<div class="entry-post">'), _may_embed('<b class="twitter-tweet">')
    (False, True)
    """
    return any(
        html[max(0, found.start() - LONGEST_NETWORK) : found.start()].endswith(EMBED_NETWORKS)
        for found in EMBED_ENDING_RE.finditer(html)
    )


def join_chunks(tree: lxml.html.HtmlElement) -> int:
    """Join an article body that the page splits into chunks (between adverts) into its
    first chunk, so that trafilatura, which takes the first element shaped like a body,
    takes all of it; return how many chunks were joined.

    Chunks are elements of one tag and class, each holding paragraphs of text, under a
    near common ancestor, with (nearly) no text between them: moving them together keeps
    every paragraph and their order. Sub-headings between text blocks are text between
    them, and a page like that is left alone.

    >>> page = lxml.html.fromstring(
    ...     '<div><div><div class="body"><p>' + 'First part. ' * 8 + '</p><p>' + 'More. ' * 16
    ...     + '</p></div></div><div class="ad"></div><div><div class="body"><p>'
    ...     + 'Second part. ' * 8 + '</p><p>' + 'End. ' * 20 + '</p></div></div></div>')
    >>> join_chunks(page), len(page.xpath('//div[@class="body"]'))
    (1, 1)
    >>> [p.text[:12] for p in page.xpath('//div[@class="body"]/p')]
    ['First part. ', 'More. More. ', 'Second part.', 'End. End. En']
    >>> page = lxml.html.fromstring(  # a sub-heading between: the order would be lost
    ...     '<div><div class="body"><p>' + 'First part. ' * 8 + '</p><p>' + 'More. ' * 16
    ...     + '</p></div><h2>' + 'A heading of its own, ' * 20 + '</h2><div class="body"><p>'
    ...     + 'Second part. ' * 8 + '</p><p>' + 'End. ' * 20 + '</p></div></div>')
    >>> join_chunks(page)
    0
    """
    # A walk over the paragraphs in Python costs a sixth of an XPath asking every element.
    paragraphs_in: dict[lxml.html.HtmlElement, int] = {}
    for paragraph in tree.iter("p"):
        parent = paragraph.getparent()
        paragraphs_in[parent] = paragraphs_in.get(parent, 0) + 1
    groups: dict[tuple[str, str], list[lxml.html.HtmlElement]] = {}
    for element, count in paragraphs_in.items():
        if count < 2 or not element.get("class"):
            continue
        texts = [len(p.text_content()) for p in element.iterchildren("p")]
        if sum(length >= MIN_CHUNK_PARAGRAPH_CHARS for length in texts) >= 2:
            groups.setdefault((element.tag, element.get("class")), []).append(element)
    joined = 0
    # Each look walks the chunks' common ancestor: a page of a great many such classes (a
    # hostile one) gets a bounded number of looks, the groups of most chunks first.
    candidates = sorted((c for c in groups.values() if len(c) >= 2), key=len, reverse=True)
    for chunks in candidates[:MAX_CHUNK_GROUPS]:
        if not _chunks_of_one_body(chunks):
            continue
        first = chunks[0]
        for chunk in chunks[1:]:
            first.extend(list(chunk))
            chunk.drop_tree()
            joined += 1
    return joined


def _quick_tree(html: str) -> lxml.html.HtmlElement | None:
    """The page parsed as trafilatura parses it, without its repairs; None if lxml cannot."""
    try:
        return lxml.html.fromstring(html, parser=QUICK_PARSER)
    except (ValueError, etree.LxmlError):  # an encoding declaration in a str, an empty page
        return None


def _paragraph_parents_repeat(html: str) -> bool:
    """Whether two start tags with the same class attribute, one named like a body
    ("body__inner-container", "article-text"), have a ``<p>`` right inside: the page's
    body may be in chunks (see :func:`join_chunks`). Teasers and boxes can look so too:
    this only says where to look, on the page's string, for a fraction of the cost of
    parsing it.

    >>> chunk = '<div class="body"><p>' + "Text. " * 20 + "</p></div>"
    >>> _paragraph_parents_repeat(chunk + "<div></div>" + chunk), _paragraph_parents_repeat(chunk)
    (True, False)
    """
    seen: set[str] = set()
    for paragraph in PARAGRAPH_TAG_RE.finditer(html):
        end = paragraph.start() - 1
        while end >= 0 and html[end] in " \t\r\n":
            end -= 1
        if end < 0 or html[end] != ">":
            continue  # the paragraph follows text, not the start of its parent
        tag = html[html.rfind("<", 0, end) : end + 1]
        if tag.startswith(("</", "<p", "<br", "<img", "<hr", "<!")):
            continue
        classes = CLASS_ATTRIBUTE_RE.search(tag)
        if classes and BODY_CLASS_RE.search(classes.group(2)):
            if classes.group(2) in seen:
                return True
            seen.add(classes.group(2))
    return False


def _chunks_of_one_body(chunks: list[lxml.html.HtmlElement]) -> bool:
    """Whether ``chunks`` share a near ancestor and (nearly) no text stands between them."""
    ancestor = chunks[0]
    for _ in range(MAX_CHUNK_DEPTH):
        ancestor = ancestor.getparent()
        if ancestor is None:
            return False
        if all(ancestor in chunk.iterancestors() for chunk in chunks[1:]):
            break
    else:
        return False
    return _text_between(ancestor, chunks) <= MAX_TEXT_BETWEEN_CHUNKS


def _text_between(ancestor: lxml.html.HtmlElement, chunks: list[lxml.html.HtmlElement]) -> int:
    """How many characters of text stand between the first and the last chunk, outside
    them: what joining them would move after them (the page's title before them and its
    tags after them keep their places). A heading between them counts as too many: a
    section's, or the next article's."""
    within = {element for chunk in chunks for element in chunk.iter()}
    last = chunks[-1]
    between = 0
    started = False
    for element in ancestor.iter(etree.Element):
        if element is last:
            break
        if element in within:
            started = True
            continue
        if started:
            if element.tag in HEADING_TAGS:
                return MAX_TEXT_BETWEEN_CHUNKS + 1
            between += len((element.text or "").strip()) + len((element.tail or "").strip())
    return between


def drop_embeds(tree: lxml.html.HtmlElement) -> list[Change]:
    """Take embedded social posts out of a parsed page; a change records each one's text.

    >>> tree = lxml.html.fromstring('<div><p>Police arrived.</p><blockquote class='
    ...     '"twitter-tweet"><p>Stay away from the square https://t.co/x</p></blockquote></div>')
    >>> [change.before for change in drop_embeds(tree)], tree.text_content()
    (['Stay away from the square https://t.co/x'], 'Police arrived.')
    """
    changes = []
    # A walk in Python over the elements costs a fraction of an XPath class test.
    embeds = [(element, kind) for element in tree.iter(etree.Element) if (kind := _embed(element))]
    for element, kind in embeds:
        if element.getparent() is None or tree not in element.iterancestors():
            continue  # the page itself, or inside an embed already taken out
        text = " ".join(" ".join(element.itertext()).split())
        reason = f"an embedded social media post (class {kind}), not the article's text"
        changes.append(Change(STAGE, "social-embed", reason, text, "", Location(0, 0, 0)))
        element.drop_tree()
    return changes


def drop_hidden(tree: lxml.html.HtmlElement) -> list[Change]:
    """Take out of a parsed page the text no reader sees: ``<template>`` contents,
    elements with the ``hidden`` attribute, and text for screen readers only (``sr-only``,
    ``visually-hidden`` and their kin); a change records each one's text. What follows an
    element stays. One that holds most of the page's text is left: a page that hides its
    whole article until a script runs has still written it.

    >>> tree = lxml.html.fromstring('<div><p><span class="sr-only">Label:</span> Police '
    ...     'arrived.</p><p hidden>Old note.</p><template><p>Card</p></template></div>')
    >>> [change.before for change in drop_hidden(tree)], tree.text_content()
    (['Label:', 'Old note.', 'Card'], ' Police arrived.')
    """
    candidates = HIDDEN_XPATH(tree)
    if not candidates:
        return []
    total = len(tree.text_content())
    changes = []
    for element in [e for e in candidates if _hidden(e)]:
        if element.getparent() is None or any(_hidden(a) for a in element.iterancestors()):
            continue  # the page itself, or inside a hidden element taken out already
        text = " ".join(" ".join(element.itertext()).split())
        if len(text) > MAX_HIDDEN_SHARE * total:
            continue
        if text:  # (an empty one goes unrecorded: it removes nothing)
            reason = "text no reader of the page sees (a template, hidden, or for screen readers)"
            changes.append(Change(STAGE, "hidden-text", reason, text, "", Location(0, 0, 0)))
        element.drop_tree()
    return changes


def _hidden(element: lxml.html.HtmlElement) -> bool:
    """Whether an element is a template, hidden, or for screen readers only."""
    if element.tag == "template":
        return True
    hidden = element.get("hidden")
    if hidden is not None and hidden.lower() != "until-found":  # (found by a page search)
        return True
    classes = element.get("class")
    return bool(classes) and bool(HIDDEN_CLASS_RE.search(classes))


def _embed(element: lxml.html.HtmlElement) -> str | None:
    """The embed class an element carries, if any."""
    classes = element.get("class")
    if not classes:
        return None
    for name in EMBED_CLASSES:
        if name in classes and name in classes.split():
            return name
    return None


def page_blocks(html: str) -> list[Block]:
    """Every text block of a page, in order, without scripts, styles or templates.

    >>> page_blocks("<body><aside><p>Closed on Monday.</p></aside><script>x=1</script></body>")
    [Block(text='Closed on Monday.', kind='paragraph', glued=False, link=False)]
    """
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return tag_free_blocks(html)
    for element in root.iter(*INVISIBLE_TAGS):
        element.drop_tree()
    # One bottom-up pass marks the block elements that hold another: only the innermost
    # ones are paragraphs (a per-element descendant search would be quadratic).
    holds_block: set[etree._Element] = set()
    leaves: list[etree._Element] = []
    for _, element in etree.iterwalk(root, events=("end",)):
        inner = element in holds_block
        if element.tag in PAGE_BLOCK_TAGS and not inner:
            leaves.append(element)
        parent = element.getparent()
        if parent is not None and (inner or element.tag in PAGE_BLOCK_TAGS):
            holds_block.add(parent)
    blocks: list[Block] = []
    for element in leaves:
        kind: BlockKind = (
            "heading"
            if element.tag in HEADING_TAGS
            else ("list_item" if element.tag == "li" else "paragraph")
        )
        text = " ".join(" ".join(element.itertext()).split())
        if text:
            blocks.append(Block(text, kind))
    # libxml2 drops what lies deeper than a few hundred elements; a page nested deeper
    # (hostile, or broken markup never closing its tags) still has its text read.
    return blocks or tag_free_blocks(html)


def tag_free_blocks(html: str) -> list[Block]:
    """A page's text with its tags dropped: the last resort when no tree holds it.

    >>> tag_free_blocks("<div>" * 3000 + "<p>Deep &amp; down.<script>x()</script></p>")
    [Block(text='Deep & down.', kind='paragraph', glued=False, link=False)]
    """
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    lines = "".join(collector.parts).split("\n")
    return [Block(text, "paragraph") for line in lines if (text := " ".join(line.split()))]


class _TextCollector(HTMLParser):
    """Collects text outside invisible elements, a line break at each block edge.

    The standard library's parser keeps no tree (so no depth limit) and resolves only
    HTML's own character references, never entities a document declares.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.hidden = 0  # a head left open ends where the body starts
        elif tag in INVISIBLE_TAGS:
            self.hidden += 1
        elif tag in PAGE_BLOCK_TAGS or tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in INVISIBLE_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in PAGE_BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _blocks_from_xml(root: etree._Element) -> list[Block]:
    main = root.find("main")
    if main is None:
        return []
    blocks: list[Block] = []
    _walk(main, blocks)
    return blocks


def _walk(element: etree._Element, blocks: list[Block]) -> None:
    """Emit the innermost block elements in reading order; descend through containers.

    A container's own text beside its blocks is emitted too, in its place: a quote's
    attribution after its paragraph, an item's text after its heading.
    """
    kind = TAG_KINDS.get(element.tag if isinstance(element.tag, str) else "", "paragraph")
    _loose_text(element.text, kind, blocks)
    for child in element:
        _child_blocks(child, blocks)
        _loose_text(child.tail, kind, blocks)


def _loose_text(text: str | None, kind: BlockKind, blocks: list[Block]) -> None:
    if text and not text.isspace():
        text = unicodedata.normalize("NFC", text)
        blocks += [Block(line.strip(), kind) for line in text.split("\n") if line.strip()]


def _child_blocks(child: etree._Element, blocks: list[Block]) -> None:
    """Emit one child of a container: a block whole, a table's row as one, a container walked."""
    tag = child.tag if isinstance(child.tag, str) else ""
    if tag == "row" and all(
        cell.tag == "cell" and not any(d.tag in BLOCK_TAGS for d in cell.iterdescendants())
        for cell in child
    ):
        cells = [" ".join("".join(cell.itertext()).split()) for cell in child]
        text = CELL_SEPARATOR.join(cell for cell in cells if cell)
        if text:
            blocks.append(Block(unicodedata.normalize("NFC", text), "table_row"))
    elif tag in BLOCK_TAGS and not any(
        d.tag in BLOCK_TAGS and (d.tag != "code" or tag == "code") for d in child.iterdescendants()
    ):  # (code inside a paragraph or an item is inline: "the <code>fetch()</code> call")
        for line_break in child.iter("lb"):
            line_break.tail = "\n" + (line_break.tail or "")
        kind = TAG_KINDS.get(tag, "paragraph")
        text = "".join(child.itertext())
        if not unicodedata.is_normalized("NFC", text):  # as extract's string would be
            text = unicodedata.normalize("NFC", text)
        blocks += [Block(line, kind) for line in text.split("\n") if line.strip()]
    else:
        _walk(child, blocks)


def link_texts(html: str) -> set[str]:
    """The texts of a page's links to elsewhere, spaces collapsed: a block with one of them
    as its whole text is a link (to another story, a tag, a section). Links within the
    page (a table of contents) are left out.

    >>> page = '<p><a href="/1">Bus <b>fares</b>  frozen</a> and <a>more</a></p>'
    >>> sorted(link_texts(page + '<a href="#fares">Fares</a>'))
    ['Bus fares frozen', 'more']
    """
    found = set()
    for match in ANCHOR_RE.finditer(html):
        if IN_PAGE_HREF_RE.search(match.group(1)):
            continue
        text = " ".join(html_unescape(TAG_RE.sub(" ", match.group(2))).split())
        if text:
            found.add(text)
    return found


def marked_links(blocks: list[Block], links: set[str]) -> list[Block]:
    """``blocks`` with ``link`` set on those that are a link: their whole text is a link's,
    or a kicker and a link that makes most of it ("Kicker: <a>Headline of the story</a>").

    >>> blocks = [Block("Bus fares frozen"), Block("Fares: Bus fares frozen for a year")]
    >>> [b.link for b in marked_links(blocks, {"Bus fares frozen", "Bus fares frozen for a year"})]
    [True, True]
    """
    if not links:
        return blocks
    return [block._replace(link=True) if _is_link(block.text, links) else block for block in blocks]


def _is_link(text: str, links: set[str]) -> bool:
    text = " ".join(text.split())
    if text in links:
        return True
    head, colon, tail = text.partition(": ")
    return bool(colon) and tail in links and len(tail) >= len(head)


def _metadata(root: etree._Element) -> dict[str, Any]:
    return {field: root.get(field) for field in METADATA_FIELDS if root.get(field)}
