"""The engines run for real: Ray (a local instance), datatrove's local executor, datasets.

Each must give the records ``cleaner clean --format jsonl`` gives for the same inputs
(same ids, equal text, paragraphs and changes), however the work is sharded.
"""

from __future__ import annotations

import gzip
import json
import pickle
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.engines import ray_batch
from cleaner.engines.columns import as_row
from cleaner.outcomes import Outcome
from cleaner.sources import InputError, InputFile, locations
from cleaner.sources.locations import LineRange, line_ranges

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
COMPARED = ("id", "text", "paragraphs", "changes")
runner = CliRunner()


def articles() -> list[tuple[str, str]]:
    """Our own fixture inputs: (name, text), every stage's cases and whole articles."""
    return [
        (f"{path.parent.name}/{path.name}", path.read_text(encoding="utf-8"))
        for path in sorted(FIXTURES.glob("*/*.in.txt"))
    ]


def longest_article() -> str:
    return max((text for _, text in articles()), key=len)


def records() -> list[dict[str, Any]]:
    """JSONL records of the fixture articles, with a url column, and one without text."""
    rows = [
        {"id": name, "text": text, "url": f"https://example.org/{n}"}
        for n, (name, text) in enumerate(articles())
    ]
    rows.append({"id": "no-text", "text": None, "url": "https://example.org/none"})
    return rows


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of text files, pages, a gzip file and JSONL (ids and none, a bad line)."""
    folder = tmp_path_factory.mktemp("corpus")
    for name, text in articles():
        target = folder / "text" / name.replace(".in.txt", ".txt")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    shutil.copytree(FIXTURES / "html", folder / "pages", ignore=shutil.ignore_patterns("*.txt"))
    (folder / "text" / "packed.txt.gz").write_bytes(gzip.compress(longest_article().encode()))
    (folder / "text" / "only-a-promo.txt").write_text("Follow us on Twitter and Facebook.\n")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    lines = [json.dumps(row) for row in records()]
    lines.append(json.dumps({"text": articles()[3][1]}))  # no id: named by its line number
    lines.insert(5, "{not json")
    (folder / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def local_run(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, list[dict]]:
    """What a local run writes for the corpus: the JSONL output and the report lines."""
    out = tmp_path_factory.mktemp("local")
    result = runner.invoke(
        app,
        [
            "clean",
            str(corpus),
            "--format",
            "jsonl",
            "-o",
            str(out / "all.jsonl"),
            "--report",
            str(out / "report.jsonl"),
            "--jobs",
            "1",
        ],
    )
    assert result.exit_code == 1, result.output  # the bad line fails, the rest is cleaned
    report = [json.loads(line) for line in (out / "report.jsonl").read_text().splitlines()]
    return (out / "all.jsonl").read_bytes(), report


def parse_jsonl(text: str) -> list[dict[str, Any]]:
    # Not splitlines(): JSON strings may hold U+2028 and other line separators unescaped.
    return [json.loads(line) for line in text.split("\n") if line]


def by_id(lines: list[dict[str, Any]]) -> dict[Any, tuple]:
    return {line["id"]: tuple(line.get(name) for name in COMPARED) for line in lines}


def local_records(local_run: tuple[bytes, list[dict]]) -> list[dict[str, Any]]:
    return parse_jsonl(local_run[0].decode())


def local_rows(local_run: tuple[bytes, list[dict]], ids: list[Any]) -> dict[Any, tuple]:
    """The local records of these ids, as columns hold them (an error row has empty
    paragraphs and changes where a JSONL record has none)."""
    wanted = set(ids)
    rows = [as_row(line) for line in local_records(local_run) if line["id"] in wanted]
    assert len(rows) == len(wanted)
    return by_id(rows)


# --- splitting JSONL for workers (no engine needed) ---------------------------------


@pytest.mark.parametrize("split_bytes", [1, 7, 50, 10_000])
def test_line_ranges_cover_every_line_once_with_its_number(tmp_path: Path, split_bytes: int):
    lines = [b'{"n": %d}\n' % n for n in range(1, 40)]
    lines[10] = b"\n"
    path = tmp_path / "r.jsonl"
    path.write_bytes(b"".join(lines))
    found = InputFile(str(path), "r.jsonl", "jsonl", path.stat().st_size)
    seen = []
    for piece in line_ranges(found, split_bytes):
        opened = lambda: path.open("rb")  # noqa: E731
        piece_lines = list(ray_batch.jsonl_lines(opened, path.name, 99, piece.start, piece.end))
        seen += list(enumerate(piece_lines, start=piece.first_line))
    assert seen == list(enumerate(lines, start=1))


def test_a_gzip_jsonl_is_one_piece(tmp_path: Path):
    path = tmp_path / "r.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"a": 1}\n' * 1000))
    found = InputFile(str(path), "r.jsonl.gz", "jsonl", path.stat().st_size)
    assert list(line_ranges(found, 10)) == [LineRange(found, 0, None, 1)]


def test_urls_are_found_in_a_local_walks_order_and_read_within_limits(corpus: Path):
    found = list(locations.find_inputs([corpus.as_uri()], output=None, include=["text/*"]))
    local = list(locations.find_inputs([str(corpus)], output=None, include=["text/*"]))
    assert [item.relative for item in found] == [item.relative for item in local]
    assert all(isinstance(item, InputFile) for item in found)
    packed = next(item for item in found if item.relative.endswith(".gz"))
    text = longest_article().encode()
    assert locations.read_input(packed.name, 10**6) == text
    with pytest.raises(InputError, match="when decompressed"):
        locations.read_input(packed.name, len(text) - 1)


def test_urls_of_schemes_pyarrow_lacks_go_through_fsspec():
    fsspec = pytest.importorskip("fsspec")
    memory = fsspec.filesystem("memory")
    memory.pipe("/engines-test/a.txt", b"Plain words.")
    memory.pipe("/engines-test/sub/b.html", b"<p>Plain words.</p>")
    found = list(locations.find_inputs(["memory://engines-test"], output=None))
    assert [(item.name, item.relative, item.kind) for item in found] == [
        ("memory://engines-test/a.txt", "a.txt", "text"),
        ("memory://engines-test/sub/b.html", "sub/b.html", "html"),
    ]
    assert locations.read_input(found[0].name, 100) == b"Plain words."


def test_an_output_inside_the_input_url_is_not_read(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Plain words.")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "part-00000.jsonl").write_text("{}\n")
    found = locations.find_inputs([tmp_path.as_uri()], output=(tmp_path / "out").as_uri())
    assert [item.relative for item in found] == ["a.txt"]


def test_a_missing_url_is_an_error_outcome(tmp_path: Path):
    [outcome] = locations.find_inputs([(tmp_path / "nothing").as_uri()], output=None)
    assert isinstance(outcome, Outcome)
    assert (outcome.status, outcome.error) == ("error", "no such file or folder")


# --- Ray ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def local_ray():
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    yield ray
    ray.shutdown()


@pytest.mark.parametrize(("files_per_task", "split_bytes"), [(1, 300), (64, 32 * 2**20)])
def test_ray_engine_writes_the_local_records_and_report(
    local_ray, corpus, local_run, tmp_path, monkeypatch, files_per_task, split_bytes
):
    monkeypatch.setattr(ray_batch, "FILES_PER_TASK", files_per_task)
    monkeypatch.setattr(locations, "JSONL_SPLIT_BYTES", split_bytes)
    shards = tmp_path / "shards"
    shards.mkdir()
    (shards / "part-00999.jsonl").write_text("left by an earlier run\n")
    result = runner.invoke(
        app,
        [
            "clean",
            str(corpus),
            "--engine",
            "ray",
            "-o",
            str(shards),
            "--report",
            str(tmp_path / "report.jsonl"),
        ],
    )
    assert result.exit_code == 1, result.output
    assert "records.jsonl:6: not valid JSON" in result.output
    names = sorted(path.name for path in shards.iterdir())
    assert len(names) > (20 if files_per_task == 1 else 1)
    assert "part-00999.jsonl" not in names
    written = b"".join((shards / name).read_bytes() for name in names)
    assert written == local_run[0]
    report = [json.loads(line) for line in (tmp_path / "report.jsonl").read_text().splitlines()]
    assert report == local_run[1]
    assert {line["status"] for line in report} == {"ok", "empty", "error", "skipped"}


def test_ray_engine_resumes_and_cleans_again_only_what_changed(
    local_ray, corpus, local_run, tmp_path, monkeypatch
):
    monkeypatch.setattr(ray_batch, "FILES_PER_TASK", 4)
    inputs = tmp_path / "in"
    shutil.copytree(corpus, inputs)
    shards = tmp_path / "shards"

    def run(*extra: str) -> tuple[list[dict], dict[str, int]]:
        report = tmp_path / "report.jsonl"
        runner.invoke(
            app, ["clean", str(inputs), "--engine", "ray", "-o", str(shards), "--report",
                  str(report), *extra],
        )  # fmt: skip
        written = {path.name: path.stat().st_mtime_ns for path in shards.iterdir()}
        return parse_jsonl(report.read_text(encoding="utf-8")), written

    _, first_shards = run()
    again, again_shards = run()
    # The JSONL piece with the bad line is tried again (and fails again); nothing else is.
    [failed] = [name for name in first_shards if name.endswith("-e.jsonl")]
    assert {name for name in again_shards if again_shards[name] != first_shards[name]} == {failed}
    assert again_shards.keys() == first_shards.keys()
    redone = {line["input"] for line in again if line["status"] not in ("unchanged", "skipped")}
    assert redone == {f"{inputs / 'records.jsonl'}:{n}" for n in range(1, len(records()) + 3)}
    assert {line["status"] for line in again} == {"unchanged", "skipped", "ok", "error"}

    changed = inputs / "text" / "only-a-promo.txt"
    changed.write_text("The harbour reopened on Monday after the storm, the council said.\n")
    _, after_change = run()
    new = sorted(set(after_change) - set(first_shards))
    assert len(new) == 1 and set(first_shards) - set(after_change) != set()
    assert len(after_change) == len(first_shards)  # the changed task's old shard is gone
    text = "".join((shards / name).read_text(encoding="utf-8") for name in sorted(after_change))
    assert "The harbour reopened on Monday" in text
    assert text != local_run[0].decode()

    forced, forced_shards = run("--force")
    assert "unchanged" not in {line["status"] for line in forced}
    assert forced_shards.keys() == after_change.keys()


def test_ray_engine_reads_and_writes_urls(local_ray, corpus, local_run, tmp_path):
    result = runner.invoke(
        app,
        [
            "clean",
            corpus.as_uri(),
            "--engine",
            "ray",
            "-o",
            (tmp_path / "out").as_uri(),
            "--report",
            str(tmp_path / "report.jsonl"),
            "--progress",
        ],
    )
    assert result.exit_code == 1, result.output
    assert "cleaning" in result.output  # the bar, counting files as they are done
    shards = sorted((tmp_path / "out").iterdir())
    lines = parse_jsonl("".join(path.read_text(encoding="utf-8") for path in shards))
    assert lines == local_records(local_run)
    inputs = [line["input"] for line in parse_jsonl((tmp_path / "report.jsonl").read_text())]
    assert inputs[0].startswith(corpus.as_uri() + "/")


def test_ray_engine_says_when_the_output_cannot_be_written(local_ray, corpus, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = runner.invoke(app, ["clean", str(corpus), "--engine", "ray", "-o", str(blocker / "x")])
    assert result.exit_code == 1
    assert "--engine ray stopped: cannot write to" in result.output
    assert str(blocker / "x") in result.output


def test_ray_engine_needs_an_output(corpus):
    result = runner.invoke(app, ["clean", str(corpus), "--engine", "ray"])
    assert result.exit_code == 2
    assert "needs -o" in result.output


def test_ray_engine_without_ray_says_what_to_install(corpus, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # as if not installed
    result = runner.invoke(app, ["clean", str(corpus), "--engine", "ray", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "pip install 'cleaner[ray]'" in result.output


def test_ray_dataset_gives_the_local_records_and_keeps_columns(local_ray, corpus, local_run):
    from cleaner.engines.ray_data import clean_dataset

    rows = records()
    dataset = local_ray.data.from_items(rows, override_num_blocks=4)
    cleaned = clean_dataset(dataset, batch_size=5).take_all()
    assert by_id(cleaned) == local_rows(local_run, [row["id"] for row in rows])
    # Ray Data keeps no order across blocks unless asked to: rows are matched by id.
    cleaned_by_id = {row["id"]: row for row in cleaned}
    assert [cleaned_by_id[row["id"]]["url"] for row in rows] == [row["url"] for row in rows]
    bad_line = cleaned_by_id[rows[-1]["id"]]
    assert bad_line["status"] == "error" and bad_line["paragraphs"] == []


# --- datatrove ------------------------------------------------------------------------


def test_datatrove_step_gives_the_local_records(corpus, local_run, tmp_path):
    pytest.importorskip("datatrove")
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from cleaner.engines.datatrove_step import CleanArticles

    folder = tmp_path / "in"
    folder.mkdir()
    rows = [row for row in records() if row["text"] is not None]
    for shard in range(3):  # three input files, two tasks: a task reads more than one
        part = rows[shard::3]
        with (folder / f"{shard}.jsonl").open("w", encoding="utf-8") as stream:
            stream.writelines(json.dumps(row) + "\n" for row in part)
    LocalPipelineExecutor(
        pipeline=[JsonlReader(str(folder)), CleanArticles(), JsonlWriter(str(tmp_path / "out"))],
        tasks=2,
        workers=2,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    shards = sorted((tmp_path / "out").glob("*.jsonl.gz"))
    out = parse_jsonl("".join(gzip.decompress(path.read_bytes()).decode() for path in shards))
    cleaned = [{"id": doc["id"], "text": doc["text"], **doc["metadata"]["cleaner"]} for doc in out]
    assert by_id(cleaned) == local_rows(local_run, [row["id"] for row in rows])
    assert all(doc["metadata"]["url"].startswith("https://example.org/") for doc in out)


def test_datatrove_step_cleans_pages_and_survives_pickling():
    pytest.importorskip("datatrove")
    from datatrove.data import Document

    from cleaner.engines.datatrove_step import CleanArticles

    page = (FIXTURES / "html" / "article-with-promos.in.html").read_text(encoding="utf-8")
    expected = (FIXTURES / "html" / "article-with-promos.out.txt").read_text(encoding="utf-8")
    # Slurm and Ray executors ship the pipeline to workers pickled.
    step = pickle.loads(pickle.dumps(CleanArticles(html=True)))
    [doc] = step.run(iter([Document(text=page, id="p")]))
    assert doc.text + "\n" == expected
    assert doc.metadata["cleaner"]["status"] == "ok"


def test_datatrove_step_can_drop_what_is_left_empty():
    pytest.importorskip("datatrove")
    from datatrove.data import Document

    from cleaner.engines.datatrove_step import CleanArticles

    docs = [
        Document(text="Follow us on Twitter and Facebook.", id="promo"),
        Document(text="The council met on Monday.", id="news"),
    ]
    step = CleanArticles(drop_empty=True)
    kept = list(step.run(iter(docs)))
    assert [doc.id for doc in kept] == ["news"]
    assert step.stats["dropped_empty"].total == 1
    assert step.stats["strip_promos:social-follow"].total == 1


# --- Hugging Face datasets ------------------------------------------------------------


def test_datasets_map_gives_the_local_records(local_run):
    pytest.importorskip("datasets")
    from datasets import Dataset

    from cleaner.engines.hf_datasets import clean_dataset

    rows = records()
    cleaned = clean_dataset(Dataset.from_list(rows), batch_size=7)
    assert by_id(list(cleaned)) == local_rows(local_run, [row["id"] for row in rows])
    assert cleaned["url"] == [row["url"] for row in rows]
    streamed = clean_dataset(Dataset.from_list(rows).to_iterable_dataset(), batch_size=7)
    assert list(streamed) == list(cleaned)


def test_datasets_map_by_hand_with_a_first_batch_without_changes():
    pytest.importorskip("datasets")
    from datasets import Dataset

    from cleaner.engines.hf_datasets import clean_batch, output_features

    articles_ = Dataset.from_dict({"text": ["Plain words.", "Itâ€™s here.", "x" * 3]})
    cleaned = articles_.map(
        clean_batch,
        batched=True,
        batch_size=1,
        with_indices=True,
        features=output_features(articles_.features),
    )
    assert cleaned["id"] == [0, 1, 2]
    assert cleaned["changes"][0] == []
    assert cleaned["changes"][1][0]["after"] == "It’s"
