"""The command line, run through typer's CliRunner on copies in tmp_path."""

from __future__ import annotations

import gzip
import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner import __version__
from cleaner.cli import app
from cleaner.pipeline import DEFAULT_STAGES, stage_name

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED = FIXTURES / "pipeline" / "seed-mirror-labour-selection.in.txt"
SEED_OUT = FIXTURES / "pipeline" / "seed-mirror-labour-selection.out.txt"
runner = CliRunner()

ARTICLE = (
    "Councilâ€™s plan\r\nThe plan costs Â£3m.\r\n\r\nThe plan costs Â£3m.\r\nIt starts soon.\r\n"
)
CLEAN_ARTICLE = "Council’s plan\n\nThe plan costs £3m.\n\nIt starts soon.\n"
PAGE = (
    "<html><head><title>Bridge reopens</title></head><body><nav>Home News Sport</nav>"
    "<article><h1>Bridge reopens after two years</h1>"
    "<p>The bridge over the river reopened on Friday after two years of repairs.</p>"
    "<p>Follow The Gazette on Twitter and Facebook.</p>"
    "<p>Traffic will be limited to cars for the first month, the council said.</p>"
    "</article><footer>© 2026 The Gazette</footer></body></html>"
)
CLEAN_PAGE = (
    "Bridge reopens after two years\n\n"
    "The bridge over the river reopened on Friday after two years of repairs.\n\n"
    "Traffic will be limited to cars for the first month, the council said.\n"
)


def run(*args: str, input: str | bytes | None = None):
    return runner.invoke(app, list(args), input=input)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A folder of inputs: good text, gzip, cp1252, a nested file, a binary and an empty one."""
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_bytes(ARTICLE.encode("utf-8"))
    (root / "sub" / "b.txt.gz").write_bytes(gzip.compress(b"Gzipped line one.\nLine two.\n"))
    (root / "sub" / "legacy.txt").write_bytes("It cost £12 at the café.\n".encode("cp1252"))
    (root / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    (root / "empty.txt").write_bytes(b"")
    (root / "page.html").write_text(PAGE, encoding="utf-8")
    (root / "logo.svg").write_text("<svg></svg>")
    return root


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_seed_sample_prints_its_15_paragraphs() -> None:
    result = run("clean", str(SEED))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == SEED_OUT.read_text(encoding="utf-8")
    paragraphs = [p for p in result.stdout.split("\n\n") if p.strip()]
    assert len(paragraphs) == 15
    assert paragraphs[5].startswith('"This is not a shock')
    assert "Follow Mirror Politics" not in result.stdout


def test_stdin_to_stdout() -> None:
    result = run("clean", "-", input=ARTICLE.encode("utf-8"))
    assert result.exit_code == 0
    assert result.stdout == CLEAN_ARTICLE
    assert result.stderr == ""


def test_one_file_to_an_output_file(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes(ARTICLE.encode("utf-8"))
    result = run("clean", str(source), "-o", str(tmp_path / "out.txt"))
    assert result.exit_code == 0
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == CLEAN_ARTICLE
    assert result.stdout == ""
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_outputs_get_the_mode_new_files_get(tmp_path: Path) -> None:
    # Written through a private temporary file, an output must not stay private.
    source = tmp_path / "a.txt"
    source.write_bytes(ARTICLE.encode("utf-8"))
    run("clean", str(source), "-o", str(tmp_path / "out" / "one.txt"))
    run("clean", str(tmp_path / "a.txt"), str(source), "-o", str(tmp_path / "folder"))
    (tmp_path / "plain").write_text("")  # how the process makes a file, umask and all
    expected = (tmp_path / "plain").stat().st_mode & 0o777
    written = [tmp_path / "out" / "one.txt", *(tmp_path / "folder").glob("*.txt")]
    assert written and all(path.stat().st_mode & 0o777 == expected for path in written)


def test_folder_is_mirrored_bad_files_named_rest_cleaned_inputs_untouched(
    tree: Path, tmp_path: Path
) -> None:
    before = snapshot(tree)
    out = tmp_path / "out"
    result = run("clean", str(tree), "-o", str(out))
    assert result.exit_code == 1, "one input failed"
    assert snapshot(tree) == before, "inputs are never modified"
    assert sorted(snapshot(out)) == [
        ".cleaner-manifest.jsonl",
        "a.txt",
        "empty.txt",
        "page.txt",
        "sub/b.txt",
        "sub/legacy.txt",
    ]
    assert (out / "a.txt").read_text(encoding="utf-8") == CLEAN_ARTICLE
    assert (out / "sub" / "b.txt").read_text(encoding="utf-8") == "Gzipped line one.\n\nLine two.\n"
    assert (out / "sub" / "legacy.txt").read_text(encoding="utf-8") == "It cost £12 at the café.\n"
    assert (out / "empty.txt").read_text(encoding="utf-8") == ""
    assert (out / "page.txt").read_text(encoding="utf-8") == CLEAN_PAGE
    assert "photo.txt: binary content: looks like a PNG image" in result.stderr
    assert "logo.svg" in result.stderr and "skipped" in result.stderr
    assert "cleaned 4 file(s), 1 cleaned to nothing, 1 error(s), 1 skipped" in result.stderr
    assert result.stdout == ""


def test_rerun_over_the_same_output_gives_the_same_files(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run("clean", str(tree), "-o", str(out))
    first = snapshot(out)
    run("clean", str(tree), "-o", str(out))
    assert snapshot(out) == first


def test_output_folder_inside_the_input_is_not_read_back(tree: Path) -> None:
    out = tree / "cleaned"
    assert run("clean", str(tree), "-o", str(out)).exit_code == 1
    run("clean", str(tree), "-o", str(out))
    assert not (out / "cleaned").exists()


def test_two_inputs_that_map_to_one_name(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "b.txt").write_text("Plain.\n")
    (tmp_path / "in" / "b.txt.gz").write_bytes(gzip.compress(b"Zipped.\n"))
    out = tmp_path / "out"
    result = run("clean", str(tmp_path / "in"), "-o", str(out))
    assert result.exit_code == 0
    assert (out / "b.txt").read_text() == "Plain.\n"
    assert (out / "b.txt.gz.txt").read_text() == "Zipped.\n"
    assert "renamed: b.txt.gz -> b.txt.gz.txt" in result.stderr


def test_several_files_need_an_output_folder(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("X.\n")
    (tmp_path / "y.txt").write_text("Y.\n")
    result = run("clean", str(tmp_path / "x.txt"), str(tmp_path / "y.txt"))
    assert result.exit_code == 2 and "-o OUTDIR is required" in result.stderr
    result = run(
        "clean", str(tmp_path / "x.txt"), str(tmp_path / "y.txt"), "-o", str(tmp_path / "o")
    )
    assert result.exit_code == 0
    assert sorted(snapshot(tmp_path / "o")) == [".cleaner-manifest.jsonl", "x.txt", "y.txt"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--skip", "nope"], "unknown stage"),
        (["--profile", "nope"], "unknown profile"),
        (["--quotes", "curly"], "curly"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    source = tmp_path / "a.txt"
    source.write_text("A.\n")
    result = run("clean", str(source), *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_output_equal_to_input_is_refused_and_the_input_kept(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes(ARTICLE.encode("utf-8"))
    result = run("clean", str(source), "-o", str(source))
    assert result.exit_code == 2 and "never overwritten" in result.stderr
    assert source.read_bytes() == ARTICLE.encode("utf-8")


def test_bad_single_file_exit_1_with_the_reason(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary\x00")
    result = run("clean", str(bad), "-o", str(tmp_path / "out.txt"))
    assert result.exit_code == 1
    assert f"{bad}: binary content" in result.stderr
    assert not (tmp_path / "out.txt").exists(), "no output for a failed input"
    missing = run("clean", str(tmp_path / "missing.txt"))
    assert missing.exit_code == 1 and "no such file" in missing.stderr


def test_empty_article_is_a_warning_not_a_failure(tmp_path: Path) -> None:
    empty = tmp_path / "e.txt"
    empty.write_text(" \n\u200b\n")
    result = run("clean", str(empty))
    assert result.exit_code == 0 and result.stdout == ""
    assert "nothing left" in result.stderr


def test_skip_and_quotes_flags_and_config_file(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("It’s  “here”.\n")
    assert run("clean", str(source)).stdout == "It’s “here”.\n"
    assert run("clean", str(source), "--quotes", "straight").stdout == 'It\'s "here".\n'
    assert run("clean", str(source), "--skip", "tidy").stdout == "It’s  “here”.\n"
    config = tmp_path / "c.toml"
    config.write_text('[cleaner]\nquotes = "straight"\n')
    assert run("clean", str(source), "--config", str(config)).stdout == 'It\'s "here".\n'
    assert run("clean", str(source), "--config", str(config), "--quotes", "keep").stdout == (
        "It’s “here”.\n"
    )


def test_jsonl_in_jsonl_out_keeps_fields_and_reports_bad_lines(tmp_path: Path) -> None:
    source = tmp_path / "r.jsonl"
    lines = [
        json.dumps({"id": "r1", "text": ARTICLE, "url": "u1"}),
        "{not json",
        json.dumps({"id": "r3", "body": "no text field"}),
        json.dumps({"text": "Line.\n"}),
    ]
    source.write_text("\n".join(lines) + "\n")
    out = tmp_path / "out.jsonl"
    result = run("clean", str(source), "-o", str(out))
    assert result.exit_code == 1
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["status"] for r in records] == ["ok", "error", "error", "ok"]
    assert records[0]["url"] == "u1" and records[0]["text"] == CLEAN_ARTICLE.rstrip("\n")
    assert records[0]["paragraphs"] == [*CLEAN_ARTICLE.split("\n\n")[:2], "It starts soon."]
    assert records[0]["changes"] and records[0]["changes"][0]["where"]["block"] == 0
    assert records[1]["id"] == "r.jsonl:2" and "not valid JSON" in records[1]["error"]
    assert records[2]["body"] == "no text field" and "missing" in records[2]["error"]
    assert records[3]["id"] == "r.jsonl:4"
    assert "r.jsonl:2: not valid JSON" in result.stderr


def test_jsonl_from_stdin_streams_to_stdout() -> None:
    data = json.dumps({"id": 1, "content": "A\u00a0b.\n"}) + "\n"
    result = run("clean", "-", "--input-format", "jsonl", "--text-field", "content", input=data)
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["text"] == "A b." and record["content"] == "A\u00a0b.\n" and record["id"] == 1


def test_text_files_to_one_jsonl_file(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    result = run("clean", str(tree), "--format", "jsonl", "-o", str(out))
    assert result.exit_code == 1
    records = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert set(records) == {
        "a.txt",
        "empty.txt",
        "page.html",
        "photo.txt",
        "sub/b.txt.gz",
        "sub/legacy.txt",
    }
    assert records["page.html"]["metadata"]["title"] == "Bridge reopens after two years"
    assert records["page.html"]["text"] + "\n" == CLEAN_PAGE
    assert records["a.txt"]["text"] + "\n" == CLEAN_ARTICLE
    assert records["sub/legacy.txt"]["metadata"]["encoding"] == "cp1252"
    assert records["photo.txt"]["status"] == "error" and "PNG" in records["photo.txt"]["error"]
    assert records["empty.txt"]["status"] == "empty"


def test_explain_names_stage_rule_and_reason(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes(ARTICLE.encode("utf-8"))
    result = run("explain", str(source))
    assert result.exit_code == 0
    assert "fix_encoding/mojibake (block 0" in result.stdout
    assert "'Councilâ€™s'" in result.stdout and "'Council’s'" in result.stdout
    assert "tidy/drop-repeat" in result.stdout and "exact repeat of block 1" in result.stdout


def test_stages_lists_the_pipeline_in_order() -> None:
    result = run("stages")
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert names == [stage_name(stage) for stage in DEFAULT_STAGES]
    assert names[:3] == ["fix_encoding", "detect_language", "split_paragraphs"]
    assert names[-1] == "tidy"


def test_config_show_prints_the_effective_settings(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('profile = "search"\n')
    result = run("config", "show", "--config", str(config), "--skip", "tidy")
    assert result.exit_code == 0
    assert 'profile = "search"' in result.stdout and 'skip = ["tidy"]' in result.stdout


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"cleaner {__version__}"


def test_a_bug_on_one_file_costs_that_file_only(tree: Path, tmp_path: Path, monkeypatch) -> None:
    import cleaner.tasks

    real_clean = cleaner.tasks.clean

    def broken_on_legacy(text: str, **kwargs):
        if "café" in text:
            raise RuntimeError("boom")
        return real_clean(text, **kwargs)

    monkeypatch.setattr(cleaner.tasks, "clean", broken_on_legacy)
    out = tmp_path / "out"
    result = run("clean", str(tree), "-o", str(out))
    assert result.exit_code == 1
    assert "legacy.txt: internal error in cleaner (RuntimeError: boom)" in result.stderr
    assert (out / "a.txt").read_text(encoding="utf-8") == CLEAN_ARTICLE
    assert not (out / "sub" / "legacy.txt").exists()


def test_report_has_a_line_per_input_and_summary_json_the_totals(
    tree: Path, tmp_path: Path
) -> None:
    out, report, totals = tmp_path / "out", tmp_path / "report.jsonl", tmp_path / "summary.json"
    args = ["clean", str(tree), "-o", str(out), "--report", str(report)]
    result = run(*args, "--summary-json", str(totals))
    assert result.exit_code == 1
    lines = {Path(r["input"]).name: r for r in map(json.loads, report.read_text().splitlines())}
    assert set(lines) == {"a.txt", "b.txt.gz", "legacy.txt", "photo.txt", "empty.txt", "page.html",
                          "logo.svg"}  # fmt: skip
    assert lines["photo.txt"]["status"] == "error" and "PNG" in lines["photo.txt"]["error"]
    assert lines["logo.svg"]["status"] == "skipped"
    assert lines["a.txt"]["output"] == str(out / "a.txt") and lines["a.txt"]["paragraphs"] == 3
    assert lines["page.html"]["changes_by_rule"] == {"strip_promos:social-follow": 1}
    assert "changes" not in lines["a.txt"]
    summary = json.loads(totals.read_text())
    assert summary["files"] == {"ok": 4, "empty": 1, "error": 1, "skipped": 1, "unchanged": 0}
    assert summary["errors"][0]["input"].endswith("photo.txt")
    assert summary["changes_by_rule"]["strip_promos:social-follow"] == 1
    assert "top rules: " in result.stderr and "strip_promos:social-follow 1" in result.stderr

    run(*args, "--report-changes")
    lines = {Path(r["input"]).name: r for r in map(json.loads, report.read_text().splitlines())}
    assert lines["a.txt"]["status"] == "unchanged", "the second run resumed"
    run(*args, "--report-changes", "--force")
    lines = {Path(r["input"]).name: r for r in map(json.loads, report.read_text().splitlines())}
    (change,) = lines["page.html"]["changes"]
    assert change["rule"] == "social-follow" and change["before"].startswith("Follow The Gazette")


def test_progress_bar_only_when_asked_or_on_a_terminal(tree: Path, tmp_path: Path) -> None:
    quiet = run("clean", str(tree), "-o", str(tmp_path / "a"))
    assert "files" not in quiet.stderr.splitlines()[0], "stderr is not a terminal here"
    shown = run("clean", str(tree), "-o", str(tmp_path / "b"), "--progress")
    bar = next(line for line in shown.stderr.splitlines() if line.startswith("cleaning"))
    assert "6/6 files" in bar and "1 error(s)" in bar
    assert shown.stderr.endswith(quiet.stderr.replace(str(tmp_path / "a"), str(tmp_path / "b")))


def test_include_and_exclude_globs_filter_folder_paths(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(
        "clean", str(tree), "-o", str(out), "--include", "*.txt*", "--exclude", "sub/legacy*"
    )
    assert result.exit_code == 1  # photo.txt is still in, and still fails
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.txt")) == [
        "a.txt",
        "empty.txt",
        "sub/b.txt",
    ]
    assert "logo.svg" not in result.stderr, "a path left out by a glob is not reported"


HOUSE_RULES = """
[[rule]]
id = "house-podcast-plug"
class = "widget"
where = "block"
reason = "our own site's podcast plug"
pattern = '''Listen to (?:the )?[A-Z][\\w ]{1,40} podcast.{0,80}'''
examples = ["Listen to the Gazette Daily podcast wherever you get your podcasts"]
lookalikes = ["Listen to what the council said."]
"""


def test_a_config_file_adds_a_rule_pack_of_ones_own(tmp_path: Path) -> None:
    (tmp_path / "house.toml").write_text(HOUSE_RULES)
    config = tmp_path / "cleaner.toml"
    config.write_text('[cleaner]\nrules = ["promos", "house.toml"]\n')
    source = tmp_path / "in" / "a.txt"
    source.parent.mkdir()
    source.write_text(
        "The bridge reopened on Friday after two years of repairs.\n"
        "Listen to the Gazette Daily podcast on any app\n"
        "Follow The Gazette on Twitter and Facebook.\n"
    )
    result = run("explain", str(source), "--config", str(config))
    assert "house-podcast-plug" in result.stdout and "social-follow" in result.stdout
    shown = run("config", "show", "--config", str(config))
    assert f'rules = ["promos", "{tmp_path / "house.toml"}"]' in shown.stdout

    out = tmp_path / "out"
    run("clean", str(source.parent), "-o", str(out), "--config", str(config))
    assert (
        out / "a.txt"
    ).read_text() == "The bridge reopened on Friday after two years of repairs.\n"
    (tmp_path / "house.toml").write_text(HOUSE_RULES.replace("podcast plug", "podcast promo"))
    again = run("clean", str(source.parent), "-o", str(out), "--config", str(config))
    assert "cleaned 1 file(s)" in again.stderr, "changed rules clean finished outputs again"

    config.write_text("[cleaner]\nrules = []\n")
    bare = run("clean", str(source), "--config", str(config))
    assert "Follow The Gazette" in bare.stdout, "no rule packs: strip_promos removes nothing"


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ('["nope.toml"]', "not a shipped pack (promos, promos-"),
        ('["promos", "broken.toml"]', "broken.toml: not valid TOML"),
        ('["promos", "again.toml"]', "rule id 'social-follow' is also in promos"),
        ('"promos"', "rules must be a list"),
    ],
)
def test_a_bad_rule_pack_is_a_usage_error(tmp_path: Path, rules: str, message: str) -> None:
    (tmp_path / "broken.toml").write_text("[[rule]\nid =")
    (tmp_path / "again.toml").write_text(HOUSE_RULES.replace("house-podcast-plug", "social-follow"))
    config = tmp_path / "cleaner.toml"
    config.write_text(f"[cleaner]\nrules = {rules}\n")
    (tmp_path / "a.txt").write_text("Text.\n")
    result = run("clean", str(tmp_path / "a.txt"), "--config", str(config))
    assert result.exit_code == 2 and message in result.stderr


def test_a_page_or_a_gzip_on_standard_input_is_read_as_what_it_is() -> None:
    page = "<!DOCTYPE html>\n" + PAGE
    result = run("clean", "-", input=page)
    assert result.exit_code == 0 and result.stdout == CLEAN_PAGE
    result = run("clean", "-", input=gzip.compress(page.encode("utf-8")))
    assert result.exit_code == 0 and result.stdout == CLEAN_PAGE
    result = run("clean", "-", input=gzip.compress(ARTICLE.encode("utf-8")))
    assert result.exit_code == 0 and result.stdout == CLEAN_ARTICLE
    # told otherwise, it is cleaned as it is told
    result = run("clean", "-", "--input-format", "text", input="<p>The council met.</p>\n")
    assert result.exit_code == 0 and result.stdout == "<p>The council met.</p>\n"


def test_explain_reads_jsonl_record_by_record(tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    lines = [
        {"id": "a", "text": "Follow The Gazette on Twitter and Facebook.\nThe council met."},
        {"id": "b", "body": "x"},
    ]
    records.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = run("explain", str(records))
    assert result.exit_code == 1  # record b has no text field
    assert "== record 'a' (line 1): ok" in result.stdout
    assert "strip_promos/social-follow" in result.stdout
    assert "== record 'b' (line 2): error" in result.stdout and "'text' is missing" in result.stdout
    result = run(
        "explain", "-", "--input-format", "jsonl", "--text-field", "body", input='{"body": "Hi."}\n'
    )
    assert result.exit_code == 0 and "== record '<stdin>:1' (line 1): ok" in result.stdout


def test_an_output_with_a_trailing_slash_is_a_folder(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    result = run("clean", str(source), "--format", "jsonl", "-o", f"{tmp_path / 'jdir'}/")
    assert result.exit_code == 2 and "names a folder" in result.stderr
    assert not (tmp_path / "jdir").exists()
    result = run("clean", str(source), "-o", f"{tmp_path / 'tdir'}/")
    assert result.exit_code == 0
    assert (tmp_path / "tdir" / "a.txt").read_text(encoding="utf-8") == CLEAN_ARTICLE


def test_verbose_shows_cleaners_lines_not_trafilaturas_errors(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("")
    # (In a process of its own: the test runner's logging would take the lines.)
    done = subprocess.run(
        [sys.executable, "-m", "cleaner", "-v", "clean", str(page)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "trafilatura found no article" in done.stderr
    assert "ERROR" not in done.stderr and "lxml parsing failed" not in done.stderr


def test_the_closing_lines_count_jsonl_records_as_records(tmp_path: Path) -> None:
    source = tmp_path / "records.jsonl"
    source.write_text('{"text": "It rained."}\n{"text": "It snowed."}\n', encoding="utf-8")
    result = run("clean", str(source), "-o", str(tmp_path / "out.jsonl"))
    assert result.exit_code == 0 and "cleaned 2 record(s)" in result.stderr


def test_a_warning_during_a_run_is_printed_above_the_progress_bar(tmp_path: Path) -> None:
    """On a terminal (a pseudo-terminal here) the bar is redrawn in place; a warning must
    clear its line first, not be written onto the end of the bar."""
    source = tmp_path / "in"
    source.mkdir()
    for number in range(5):
        (source / f"a{number}.txt").write_text(ARTICLE, encoding="utf-8")
    (source / "empty.txt").write_text("\n", encoding="utf-8")
    command = [sys.executable, "-m", "cleaner", "clean", str(source), "-o", str(tmp_path / "out")]
    terminal, child = pty.openpty()
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=child,
        env={**os.environ, "COLUMNS": "100", "TERM": "xterm"},
    )  # fmt: skip
    os.close(child)
    shown = b""
    while True:
        try:
            data = os.read(terminal, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        shown += data
    process.wait(timeout=60)
    text = shown.decode("utf-8", "replace")
    assert "cleaner: WARNING:" in text and "nothing left after cleaning" in text
    assert "failedcleaner: WARNING" not in text


@pytest.mark.parametrize(
    "command", [[], ["clean"], ["explain"], ["eval"], ["review"], ["stages"], ["config", "show"]]
)
def test_help_names_what_each_option_takes_in_words(command: list[str]) -> None:
    """A flag shows no value to give, and an option the kind of value it takes (PATH,
    GLOB, N, FIELD, a list of choices), and an argument its name alone (INPUT...):
    never a Python type such as <bool>, <path> or <list[str]>, nor {INPUT}. (typer's
    own --help line aside.)"""
    result = subprocess.run(
        [sys.executable, "-m", "cleaner", *command, "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1"},
        check=True,
    )
    options = [
        line
        for line in result.stdout.splitlines()
        if line.lstrip("│ ").startswith("-") and not line.lstrip("│ ").startswith("--help ")
    ]
    assert options or command == ["stages"]
    python_types = [
        line.strip("│ ") for line in options if re.search(r"<(bool|str|list|int)", line)
    ]
    assert python_types == []
    usage = result.stdout.split("Usage:")[1].splitlines()[0]
    assert not re.search(r"[{}<]", usage), usage  # arguments named in capitals, bare
    if "Arguments:" in result.stdout:
        arguments = result.stdout.split("Arguments:")[1].split("Options:")[0]
        assert not re.search(r"^\s+[A-Z]+(?:\.\.\.)? +<", arguments, re.M), arguments


def test_help_loads_no_stage_nor_the_libraries_that_clean() -> None:
    """`cleaner --help` (and `--version`) import the command line only: not the stages,
    ftfy, trafilatura, the rule packs' scanner nor the runners, nor what only some runs
    need (charset detection, the review page's renderer). (Start-up
    time itself is measured by benchmarks/bench_startup.py.)"""
    probe = (
        "import sys\n"
        "from cleaner.cli import app\n"
        "for args in (['--help'], ['clean', '--help'], ['--version']):\n"
        "    try:\n"
        "        app(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = ('ftfy', 'trafilatura', 'lxml', 'ahocorasick', 'cleaner.stages',\n"
        "         'cleaner.api', 'cleaner.batch', 'cleaner.tasks', 'charset_normalizer',\n"
        "         'cleaner.review.page')\n"
        "print(sorted(name for name in heavy if name in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_a_local_text_run_loads_neither_pyarrow_nor_trafilatura(tmp_path: Path) -> None:
    """A folder of text files cleaned locally needs no URL support (pyarrow, for the Ray
    runner's locations) and no page extraction (trafilatura): ~45 MB and ~0.1 s a process."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("The council met on Monday. It agreed the budget.\n")
    probe = (
        "import sys\n"
        "from cleaner.cli import app\n"
        "try:\n"
        f"    app(['clean', {str(folder)!r}, '-o', {str(tmp_path / 'out')!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(name for name in ('pyarrow', 'trafilatura') if name in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "out" / "a.txt").exists()
