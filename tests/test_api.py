"""The Python API: clean, clean_record, Result, Config, and an honest __all__."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner import Block, Config, ConfigError, Document, clean, clean_record
from cleaner.pipeline import DEFAULT_STAGES, stage_name
from cleaner.stages import split_paragraphs, tidy

DIRTY = "Itâ€™s here.\r\n\r\nItâ€™s here, said the mayor.\r\nA\u00a0second  paragraph.\r\n"


def test_all_names_exist_and_nothing_public_is_missing() -> None:
    assert sorted(cleaner.__all__) == sorted(set(cleaner.__all__))
    for name in cleaner.__all__:
        assert hasattr(cleaner, name), name
    public = {
        name
        for name, value in vars(cleaner).items()
        if not name.startswith("_")
        and not isinstance(value, type(cleaner))
        # (The package's own imports: __init__ loads the API on first use.)
        and name not in {"annotations", "import_module", "TYPE_CHECKING", "Any"}
    }
    assert public <= set(cleaner.__all__) | {"__version__"}


def test_result_fields() -> None:
    result = clean(DIRTY)
    assert result.paragraphs == ["It’s here.", "It’s here, said the mayor.", "A second paragraph."]
    assert result.text == "\n\n".join(result.paragraphs)
    assert result.blocks == [Block(p) for p in result.paragraphs]
    assert result.status == "ok"
    assert {c.stage for c in result.changes} == {"fix_encoding", "split_paragraphs", "tidy"}


def test_changes_are_in_pipeline_order_and_json_ready() -> None:
    result = clean(DIRTY)
    order = [stage_name(s) for s in DEFAULT_STAGES]
    positions = [order.index(c.stage) for c in result.changes]
    assert positions == sorted(positions)
    record = result.to_record()
    assert json.loads(json.dumps(record)) == record


def test_stages_replace_the_pipeline_and_skip_trims_it() -> None:
    only_split = clean("a  b\nc", stages=[split_paragraphs])
    assert only_split.paragraphs == ["a  b", "c"]
    skipped = clean("a  b\nc", config=Config(skip=("tidy",)))
    assert skipped.paragraphs == ["a  b", "c"]
    assert clean("a  b\nc").paragraphs == ["a b", "c"]


def test_unknown_stage_to_skip_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="tidy"):  # the message lists the real stages
        clean("x", config=Config(skip=("nope",)))


def test_bytes_are_refused_with_a_pointer_to_decoding() -> None:
    with pytest.raises(TypeError, match="decode_bytes"):
        clean(b"bytes")  # type: ignore[arg-type]


def test_empty_and_blank_input_give_an_empty_result() -> None:
    for text in ("", "\n\n", " \u200b \n\u00a0"):
        result = clean(text)
        assert result.paragraphs == [] and result.text == "" and result.status == "empty"


def test_stages_are_pure() -> None:
    doc = Document.from_text("A  b\n\nA  b\n", {"source": "x"})
    before = (doc.blocks, dict(doc.metadata), doc.changes)
    for stage in DEFAULT_STAGES:
        stage(doc, Config())
    assert (doc.blocks, dict(doc.metadata), doc.changes) == before


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_clean_never_raises_and_output_is_tidy(text: str) -> None:
    result = clean(text)
    for paragraph in result.paragraphs:
        assert paragraph and paragraph == paragraph.strip()
        assert "\n" not in paragraph and "  " not in paragraph


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .\n\u00a0\u200bÃ©’"), max_size=200))
def test_clean_is_idempotent(text: str) -> None:
    once = clean(text).text
    assert clean(once).text == once


def test_tidy_keeps_short_repeats() -> None:
    doc = Document(tuple(Block(t) for t in ["Why?", "Because.", "Why?"]))
    assert [b.text for b in tidy(doc, Config()).blocks] == ["Why?", "Because.", "Why?"]


class TestCleanRecord:
    def test_fields_pass_through_and_results_are_added(self) -> None:
        record = {"id": "a1", "url": "https://example.org/x", "text": DIRTY, "lang": "en"}
        out = clean_record(record)
        assert out["url"] == record["url"] and out["lang"] == "en" and out["id"] == "a1"
        assert out["text"] == clean(DIRTY).text
        assert out["paragraphs"] == clean(DIRTY).paragraphs
        assert out["status"] == "ok" and "error" not in out
        assert record["text"] == DIRTY, "the input record is not modified"

    def test_other_text_field_keeps_the_original(self) -> None:
        out = clean_record({"body": "One.\nTwo.", "key": 5}, text_field="body", id_field="key")
        assert out["body"] == "One.\nTwo." and out["text"] == "One.\n\nTwo." and out["id"] == 5

    @pytest.mark.parametrize(
        ("record", "reason"),
        [
            ({"id": 1}, "missing"),
            ({"id": 1, "text": None}, "NoneType"),
            ({"id": 1, "text": 42}, "int"),
        ],
    )
    def test_bad_records_become_errors_not_exceptions(self, record: dict, reason: str) -> None:
        out = clean_record(record)
        assert out["status"] == "error" and reason in out["error"]
        assert out.get("text") == record.get("text"), "the text stays as it came"

    def test_empty_article(self) -> None:
        out = clean_record({"text": " \n "}, default_id="f.txt")
        assert out["status"] == "empty" and out["paragraphs"] == [] and out["id"] == "f.txt"


class TestConfig:
    def test_toml_file_then_overrides(self, tmp_path: Path) -> None:
        path = tmp_path / "c.toml"
        path.write_text('[cleaner]\nprofile = "search"\nskip = ["tidy"]\n')
        config = Config.from_toml(path)
        assert config == Config(profile="search", skip=("tidy",))
        assert config.with_overrides(profile="preserve", quotes=None).profile == "preserve"
        assert Config.from_toml(_write(tmp_path, config.to_toml())) == config

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            ('profile = "nope"', "unknown profile"),
            ('quotes = "curly"', "quotes must be"),
            ("colour = 1", "unknown setting"),
            ("max_input_bytes = -5", "positive"),
            ('skip = "tidy"', "list of stage names"),
            ("profile = ", "not valid TOML"),
        ],
    )
    def test_bad_files_name_the_file_and_the_problem(
        self, tmp_path: Path, content: str, message: str
    ) -> None:
        path = _write(tmp_path, content)
        with pytest.raises(ConfigError, match=message) as raised:
            Config.from_toml(path)
        assert str(path) in str(raised.value)

    def test_straight_quotes_changes_the_encoding_profile(self) -> None:
        assert Config(quotes="straight").encoding.uncurl_quotes
        assert not Config().encoding.uncurl_quotes


def _write(folder: Path, content: str) -> Path:
    path = folder / "cleaner.toml"
    path.write_text(content)
    return path


def test_input_fields_the_output_writes_are_kept_under_replaced() -> None:
    record = {
        "id": 1,
        "text": "The council met on Monday. It agreed the budget.",
        "status": "draft",
        "metadata": {"source": "feed"},
        "paragraphs": 3,
        "changes": ["typo fixed"],
    }
    out = clean_record(record)
    assert out["status"] == "ok" and out["paragraphs"] == [record["text"]]
    assert out["replaced"] == {
        "status": "draft",
        "metadata": {"source": "feed"},
        "paragraphs": 3,
        "changes": ["typo fixed"],
    }
    # the text field read as another one: the input's own "text" is kept too
    out = clean_record({"body": "It rained.", "text": "an old summary"}, text_field="body")
    assert out["text"] == "It rained." and out["replaced"] == {"text": "an old summary"}
    assert "replaced" not in clean_record({"text": "It rained."})
