"""Limits: an input that takes too long fails alone, with the reason; the batch goes on."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from cleaner import DEFAULT_STAGES, Config, ConfigError, clean, clean_record
from cleaner.batch import clean_jsonl_lines
from cleaner.limits import TimeLimitExceeded, check_time, deadline
from cleaner.model import Document
from cleaner.outcomes import Summary
from cleaner.plan import run_fingerprint
from cleaner.sources import Source
from cleaner.tasks import BatchOptions, clean_file

FAST = Config(max_seconds_per_input=0.3)


def stalls_on_the_word_stall(doc: Document, config: Config) -> Document:
    """A stand-in for a stage meeting an input nobody foresaw."""
    if any("stall" in block.text for block in doc.blocks):
        time.sleep(30)
    return doc


STAGES = [*DEFAULT_STAGES, stalls_on_the_word_stall]


def test_a_slow_file_fails_with_the_reason_and_the_next_one_is_cleaned(tmp_path: Path) -> None:
    slow, fine = tmp_path / "slow.txt", tmp_path / "fine.txt"
    slow.write_text("The engine began to stall.\n")
    fine.write_text("The engine ran well.\n")
    started = time.monotonic()
    outcome, result = clean_file(Source(slow, Path("slow.txt"), "text"), FAST, STAGES)
    assert time.monotonic() - started < 5
    assert result is None and outcome.status == "error"
    assert outcome.error == "took longer than 0.3 s (max_seconds_per_input)"
    outcome, result = clean_file(Source(fine, Path("fine.txt"), "text"), FAST, STAGES)
    assert outcome.status == "ok" and result is not None
    assert result.paragraphs == ["The engine ran well."]


def test_a_slow_jsonl_record_becomes_an_error_record(tmp_path: Path) -> None:
    lines = [b'{"id": 1, "text": "It began to stall."}\n', b'{"id": 2, "text": "It ran."}\n']
    summary = Summary()
    source = Source(tmp_path / "r.jsonl", Path("r.jsonl"), "jsonl")
    records = list(clean_jsonl_lines(lines, source, BatchOptions(FAST, tuple(STAGES)), summary))
    assert [r["status"] for r in records] == ["error", "ok"]
    assert records[0]["id"] == 1 and "max_seconds_per_input" in records[0]["error"]
    assert records[0]["text"] == "It began to stall.", "the record's fields pass through"
    assert summary.statuses["error"] == 1


def test_no_limit_when_set_to_zero(tmp_path: Path) -> None:
    fine = tmp_path / "fine.txt"
    fine.write_text("It ran.\n")
    outcome, _ = clean_file(
        Source(fine, Path("fine.txt"), "text"), Config(max_seconds_per_input=0), None
    )
    assert outcome.status == "ok"


@pytest.mark.parametrize("bad", [-1, "ten", True])
def test_a_bad_limit_is_a_config_error(bad: object) -> None:
    with pytest.raises(ConfigError, match="max_seconds_per_input"):
        Config(max_seconds_per_input=bad)  # type: ignore[arg-type]


def test_limits_do_not_change_the_run_fingerprint() -> None:
    names = ["fix_encoding", "tidy"]
    base = run_fingerprint(Config(), names)
    assert run_fingerprint(Config(max_seconds_per_input=5, max_input_bytes=10), names) == base
    assert run_fingerprint(Config(quotes="straight"), names) != base
    assert run_fingerprint(Config(), ["fix_encoding"]) != base


# Many short paragraphs: several seconds of ordinary work, checked block by block.
LONG_WORK = "The council met on Monday.\n" * 120_000


def test_the_limit_holds_in_any_thread_for_library_callers() -> None:
    """No signal reaches a worker thread: the pipeline's own checks stop the input."""
    records = [{"id": 1, "text": LONG_WORK}, {"id": 2, "text": "It ran.\n"}]

    def clean_all() -> list[dict]:
        return [clean_record(record, config=FAST) for record in records]

    with ThreadPoolExecutor(max_workers=1) as pool:
        slow, fine = pool.submit(clean_all).result(timeout=60)
    assert slow["status"] == "error" and "max_seconds_per_input" in slow["error"]
    assert slow["text"] == LONG_WORK, "the record's fields pass through"
    assert fine["status"] == "ok" and fine["paragraphs"] == ["It ran."]
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(clean, LONG_WORK, config=FAST)
        with pytest.raises(TimeLimitExceeded, match="max_seconds_per_input"):
            future.result(timeout=60)


def test_an_outer_deadline_is_not_lengthened_by_an_inner_one() -> None:
    with deadline(0.001), deadline(60):
        time.sleep(0.01)
        with pytest.raises(TimeLimitExceeded, match=r"0\.001 s"):
            check_time()
    check_time()  # no deadline outside
