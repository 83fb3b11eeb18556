"""Run every fixture pair under fixtures/: one folder per stage, plus whole-pipeline cases.

``fixtures/<stage>/<case>.in.txt`` goes through that one stage; ``<case>.out.txt`` is what
must come out. A case named ``keep-*`` has no ``.out.txt``: the stage must leave it alone
and record no change. Stages before ``split_paragraphs`` see the file as raw text (one
block) and give raw text; stages from ``split_paragraphs`` on give one block per line, and
the later ones also read one block per line. A block that is not a paragraph, or that
was glued onto the one before it, is written ``[kind] text``, ``[glued] text`` or
``[kind glued] text``. ``fixtures/pipeline/`` cases run through ``clean()`` and compare its text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Block, Config, Document, clean
from cleaner.model import BLOCK_KINDS
from cleaner.pipeline import DEFAULT_STAGES, stage_name

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
STAGES = {stage_name(stage): stage for stage in DEFAULT_STAGES}
ORDER = list(STAGES)
SPLIT = ORDER.index("split_paragraphs")


def read(path: Path) -> str:
    # Bytes, not read_text(): universal newlines would hide the CR and CRLF cases.
    return path.read_bytes().decode("utf-8")


def cases(folder: str | None = None) -> list:
    params = []
    for stage_dir in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        if stage_dir.name == "html" or (stage_dir.name == "pipeline") != (folder == "pipeline"):
            continue
        for source in sorted(stage_dir.glob("*.in.txt")):
            case = source.name.removesuffix(".in.txt")
            params.append(pytest.param(stage_dir.name, source, id=f"{stage_dir.name}/{case}"))
    return params


def parse_blocks(text: str) -> Document:
    blocks = []
    for line in text.split("\n")[:-1] if text.endswith("\n") else text.split("\n"):
        marks: list[str] = []
        if line.startswith("[") and "] " in line:
            head, line = line[1:].split("] ", 1)
            marks = head.split()
        kinds = [m for m in marks if m != "glued"]
        kind = kinds[0] if kinds else "paragraph"
        assert kind in BLOCK_KINDS, f"unknown block kind {kind!r} in a fixture"
        blocks.append(Block(line, kind, "glued" in marks))  # type: ignore[arg-type]
    return Document(blocks=tuple(blocks))


def render_blocks(doc: Document) -> str:
    lines = []
    for block in doc.blocks:
        marks = ([block.kind] if block.kind != "paragraph" else []) + ["glued"] * block.glued
        lines.append(f"[{' '.join(marks)}] {block.text}" if marks else block.text)
    return "".join(line + "\n" for line in lines)


def test_every_fixture_folder_names_a_stage() -> None:
    folders = {p.name for p in FIXTURES.iterdir() if p.is_dir()}
    whole = {"pipeline", "html"}  # whole articles through clean() and clean_html()
    assert folders - whole <= set(STAGES), "a fixture folder must be named after a stage"
    assert set(STAGES) <= folders, "every stage needs a fixture folder"


@pytest.mark.parametrize(("stage", "source"), cases())
def test_stage_fixture(stage: str, source: Path) -> None:
    raw = read(source)
    position = ORDER.index(stage)
    doc = Document.from_text(raw) if position <= SPLIT else parse_blocks(raw)
    out = STAGES[stage](doc, Config())
    got = out.blocks[0].text if position < SPLIT else render_blocks(out)
    expected_file = source.with_name(source.name.replace(".in.txt", ".out.txt"))
    if source.name.startswith("keep-"):
        assert not expected_file.exists(), "a keep- case has no .out.txt"
        assert out.changes == doc.changes, "a keep- case must record no change"
        expected = raw if position < SPLIT else render_blocks(doc)
    else:
        expected = read(expected_file)
        assert out.changes, "a stage that changes text must record why"
        assert all(change.stage == stage for change in out.changes)
    assert got == expected


@pytest.mark.parametrize(("folder", "source"), cases("pipeline"))
def test_pipeline_fixture(folder: str, source: Path) -> None:
    expected = read(source.with_name(source.name.replace(".in.txt", ".out.txt")))
    assert clean(read(source)).text + "\n" == expected
