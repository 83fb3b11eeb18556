"""HTML input: decoding as browsers do, extraction, the text stages, fallback, metadata."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner import clean, clean_html, clean_record
from cleaner.cli import app
from cleaner.sources import InputError

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "html"
PAGES = sorted(FIXTURES.glob("*.in.html"))
ARTICLE = (FIXTURES / "article-with-promos.in.html").read_bytes()
CLEAN_ARTICLE = (FIXTURES / "article-with-promos.out.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("page", PAGES, ids=[p.name.removesuffix(".in.html") for p in PAGES])
def test_page_fixture(page: Path) -> None:
    expected = page.with_name(page.name.replace(".in.html", ".out.txt"))
    assert clean_html(page.read_bytes()).text + "\n" == expected.read_text(encoding="utf-8")


def test_the_charset_cases_are_there() -> None:
    names = {p.name for p in PAGES}
    for case in (
        "latin1-declared",
        "cp1252-declared-as-latin1",
        "utf8-bom",
        "wrong-meta-utf8-declared-latin1",
        "wrong-meta-cp1252-declared-utf8",
    ):
        assert f"{case}.in.html" in names


def test_decoding_is_recorded_in_metadata() -> None:
    page = (FIXTURES / "cp1252-declared-as-latin1.in.html").read_bytes()
    assert clean_html(page).metadata["encoding"] == "cp1252"


def test_no_article_falls_back_to_the_page_text_and_says_so() -> None:
    page = "<html><body><aside><p>The library is closed on Monday for roof repairs.</p></aside>"
    result = clean_html(page + "<script>var tracking = 1;</script></body></html>")
    assert result.paragraphs == ["The library is closed on Monday for roof repairs."]
    assert [c.rule for c in result.changes] == ["fallback-page-text"]


def test_social_embeds_are_dropped_and_each_recorded() -> None:
    page = (FIXTURES / "social-embeds-dropped.in.html").read_text(encoding="utf-8")
    embeds = [c for c in clean_html(page).changes if c.rule == "social-embed"]
    assert [c.stage for c in embeds] == ["extract_html", "extract_html"]
    assert "(class twitter-tweet)" in embeds[0].reason
    assert embeds[0].before.startswith("Great to see the harbour wall finished early.")
    assert "A post shared by Harbour Cafe" in embeds[1].before


def test_metadata_only_when_asked() -> None:
    assert "title" not in clean_html(ARTICLE).metadata
    metadata = clean_html(ARTICLE, with_metadata=True).metadata
    assert metadata["title"] == "Bridge reopens after two years"


def test_binary_bytes_are_an_input_error() -> None:
    with pytest.raises(InputError, match="PNG"):
        clean_html(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\xff")


def test_records_with_an_html_field() -> None:
    out = clean_record({"id": 3, "html": ARTICLE.decode(), "lang": "en"}, html_field="html")
    assert out["text"] + "\n" == CLEAN_ARTICLE and out["lang"] == "en"
    assert out["metadata"]["title"] == "Bridge reopens after two years"
    assert clean_record({"id": 4, "html": 5}, html_field="html")["status"] == "error"
    assert clean_record({"id": 5, "text": "Plain."}, html_field="html")["text"] == "Plain."


def test_cli_cleans_pages_by_suffix_stdin_and_gzip(tmp_path: Path) -> None:
    runner = CliRunner()
    page = tmp_path / "a.html"
    page.write_bytes(ARTICLE)
    assert runner.invoke(app, ["clean", str(page)]).stdout == CLEAN_ARTICLE
    zipped = tmp_path / "b.htm.gz"
    zipped.write_bytes(gzip.compress(ARTICLE))
    assert runner.invoke(app, ["clean", str(zipped)]).stdout == CLEAN_ARTICLE
    result = runner.invoke(app, ["clean", "-", "--input-format", "html"], input=ARTICLE)
    assert result.stdout == CLEAN_ARTICLE
    result = runner.invoke(app, ["clean", str(page), "--format", "jsonl"])
    record = json.loads(result.stdout)
    assert record["metadata"]["title"] == "Bridge reopens after two years"
    assert record["paragraphs"] == CLEAN_ARTICLE.rstrip("\n").split("\n\n")


def test_cli_folder_of_pages_is_mirrored(tmp_path: Path) -> None:
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "sub" / "story.html").write_bytes(ARTICLE)
    (tmp_path / "in" / "story.txt").write_text("A text story, told in one line.\n")
    result = CliRunner().invoke(app, ["clean", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert (tmp_path / "out" / "sub" / "story.txt").read_text(encoding="utf-8") == CLEAN_ARTICLE
    assert (tmp_path / "out" / "story.txt").read_text() == "A text story, told in one line.\n"


def test_trafilatura_is_imported_only_when_a_page_is_read() -> None:
    # `cleaner --help` and text-only batches must not pay for importing it.
    probe = (
        "import sys, cleaner.cli, cleaner.batch; assert 'trafilatura' not in sys.modules;"
        " cleaner.clean_html('<html><body><p>A page about bridges.</p></body></html>');"
        " assert 'trafilatura' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", probe], check=True)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_article_tree_is_what_extract_would_write(
    page: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """cleaner takes trafilatura's XML tree before it is written out; the blocks and
    metadata must be those of the string ``trafilatura.extract`` writes (once the blocks
    nested in their own kind are lifted, which its merge would cut short)."""
    import trafilatura
    import trafilatura.xml
    from lxml import etree

    from cleaner.extract import (
        EXTRACT_OPTIONS,
        _blocks_from_xml,
        _metadata,
        article_tree,
        unwrap_nested_blocks,
    )
    from cleaner.sources import decode_html

    strip_double_tags = trafilatura.xml.strip_double_tags

    def lifted_first(tree: etree._Element) -> etree._Element:
        unwrap_nested_blocks(tree)
        return strip_double_tags(tree)

    monkeypatch.setattr(trafilatura.xml, "strip_double_tags", lifted_first)
    html = decode_html(page.read_bytes()).text
    written = trafilatura.extract(html, output_format="xml", with_metadata=True, **EXTRACT_OPTIONS)
    tree = article_tree(html, with_metadata=True)
    if written is None:
        assert tree is None
        return
    parsed = etree.fromstring(written.encode("utf-8"))
    assert tree is not None
    assert _blocks_from_xml(tree) == _blocks_from_xml(parsed)
    assert _metadata(tree) == _metadata(parsed)


def test_joining_a_body_in_chunks_is_recorded() -> None:
    page = (FIXTURES / "body-in-chunks-between-adverts.in.html").read_bytes()
    joined = [c for c in clean_html(page).changes if c.rule == "body-chunks-joined"]
    assert [c.stage for c in joined] == ["extract_html"]
    assert "3 chunks" in joined[0].reason
    # A page whose body is one element is left as it is, and says nothing of chunks.
    assert not [c for c in clean_html(ARTICLE).changes if c.rule == "body-chunks-joined"]


@pytest.mark.parametrize("page", PAGES, ids=[p.name.removesuffix(".in.html") for p in PAGES])
def test_a_cleaned_page_cleaned_again_as_text_stays_as_it_is(page: Path) -> None:
    """The text output of a page is a fixed point of text cleaning: what the page's markup
    told (a heading, a list item) is not judged again as a scraper's leftovers."""
    text = clean_html(page.read_bytes()).text
    assert clean(text).text == text
