"""One bad JSONL line costs that line only: it becomes an error record with its line number,
and every later line is cleaned; no line is ever held whole past the size limit."""

from __future__ import annotations

import io
import json
from pathlib import Path

from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.sources import SKIP_CHUNK, LineTooLong, capped_lines

runner = CliRunner()


def good(number: int) -> str:
    text = f"The council met on Monday, meeting {number}. It agreed the budget for the year."
    return json.dumps({"id": number, "text": text})


BAD_LINES = {
    4: "[" * 1500 + "]" * 1500,  # nested past the parser's recursion limit
    5: '{"id": 5, "n": ' + "9" * 5000 + "}",  # past Python's integer-digits limit
    7: '{"id": 7, "x": NaN}',  # not strict JSON
}
REASONS = {4: "nested too deep", 5: "number too long", 7: "NaN is not JSON"}


def lines_with_bad_ones() -> str:
    return "".join(BAD_LINES.get(n, good(n)) + "\n" for n in range(1, 10))


def records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def check(out: list[dict], name: str) -> None:
    assert [r["id"] for r in out] == [f"{name}:{n}" if n in BAD_LINES else n for n in range(1, 10)]
    for record in out:
        number = int(str(record["id"]).rsplit(":", 1)[-1])
        if number in BAD_LINES:
            assert record["status"] == "error" and REASONS[number] in record["error"]
        else:
            assert record["status"] == "ok" and "budget" in record["text"]


def test_bad_lines_of_a_file_become_error_records(tmp_path: Path) -> None:
    source = tmp_path / "records.jsonl"
    source.write_text(lines_with_bad_ones(), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["clean", str(source), "-o", str(out)])
    assert result.exit_code == 1  # some input failed; each is named
    check(records(out.read_text(encoding="utf-8")), "records.jsonl")
    for number in BAD_LINES:
        assert f"records.jsonl:{number}:" in result.stderr


def test_bad_lines_on_standard_input_become_error_records() -> None:
    result = runner.invoke(
        app, ["clean", "-", "--input-format", "jsonl"], input=lines_with_bad_ones()
    )
    assert result.exit_code == 1
    check(records(result.stdout), "stdin")


def test_a_line_over_the_limit_costs_that_line_only(tmp_path: Path) -> None:
    config = tmp_path / "cleaner.toml"
    config.write_text("[cleaner]\nmax_input_bytes = 100000\n", encoding="utf-8")
    huge = json.dumps({"id": "huge", "text": "a" * 300_000})
    lines = [good(1), good(2), good(3), huge, good(5), good(6), good(7)]
    source = tmp_path / "records.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for args, stdin in (
        ([str(source)], None),
        (["-", "--input-format", "jsonl"], source.read_text()),
    ):
        result = runner.invoke(app, ["clean", *args, "--config", str(config)], input=stdin)
        out = records(result.stdout)
        assert [r["status"] for r in out] == ["ok"] * 3 + ["error"] + ["ok"] * 3
        assert "over the limit of 100,000" in out[3]["error"] and out[3]["id"].endswith(":4")


class CountingStream(io.BytesIO):
    """A stream that remembers the most bytes one read handed out."""

    most = 0

    def readline(self, size: int | None = -1) -> bytes:  # type: ignore[override]
        line = super().readline(size)
        self.most = max(self.most, len(line))
        return line


def test_a_long_line_is_never_held_whole() -> None:
    limit = 1000
    stream = CountingStream(b"short\n" + b" " * (5 * SKIP_CHUNK) + b"\nlast\n")
    assert list(capped_lines(stream, limit)) == [
        b"short\n",
        LineTooLong(5 * SKIP_CHUNK + 1),
        b"last\n",
    ]
    assert stream.most <= SKIP_CHUNK
