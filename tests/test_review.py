"""The review page of a run: what it counts, and what a real browser shows of it.

The page of a real run is rendered in headless Chromium (Debian's ``chromium``; the README's
test command installs it) and read back from the DOM after its script ran. The run is the
fundus-dev ``glued`` texts when the benchmarks sit beside the repository, and the
repository's own whole-article fixtures otherwise (a clean clone in CI).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cleaner.review import Limits, render, review_run
from cleaner.review.data import Removal, place, preparing_stages

ROOT = Path(__file__).resolve().parent.parent
DEV_GLUED = ROOT.parent / "shared" / "benchmarks" / "fundus-dev" / "scraped" / "glued"
OWN_ARTICLES = ROOT / "fixtures" / "pipeline"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
# Switches that keep the browser's own background traffic (updates, accounts) down; what
# is left of it has no page as its initiator, and the check below tells the two apart.
QUIET = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
)


def browser() -> str:
    found = next((path for name in BROWSERS if (path := shutil.which(name))), None)
    if found is None:
        if os.environ.get("CLEANER_SKIP_BROWSER"):
            pytest.skip("CLEANER_SKIP_BROWSER is set and no Chromium is installed")
        pytest.fail("no Chromium to render the review page: apt-get install chromium")
    return found


class Dom(HTMLParser):
    """The elements of a dumped DOM that the checks read: rules, files and removals."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rules: dict[str, dict[str, str | None]] = {}
        self.removals: list[dict[str, str | None]] = []  # with the file and box they sit in
        self.resources: list[str] = []
        self.meta_csp: str | None = None
        self.ready = False
        self._file: str | None = None
        self._in_text = 0
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        self._stack.append(tag)
        if tag == "body" and found.get("data-ready") == "true":
            self.ready = True
        if tag == "meta" and found.get("http-equiv") == "Content-Security-Policy":
            self.meta_csp = found.get("content")
        for name in ("src", "href", "action", "srcset", "poster", "data"):
            value = found.get(name)
            if value and tag != "a":
                self.resources.append(value)
        if tag == "article" and "rule" in classes:
            self.rules[found["data-rule"] or ""] = found
        if tag == "article" and "file" in classes:
            self._file = found.get("data-file")
        if tag == "div" and "text" in classes:
            self._in_text = len(self._stack)
        if tag == "del" and "rm" in classes:
            self.removals.append(
                {**found, "file": self._file, "placed": "yes" if self._in_text else "no"}
            )

    def handle_endtag(self, tag: str) -> None:
        if self._in_text and len(self._stack) == self._in_text and tag == "div":
            self._in_text = 0
        if tag == "article":
            self._file = None
        if self._stack:
            self._stack.pop()


def dump(page: Path, fragment: str = "", netlog: Path | None = None) -> str:
    """The page's DOM after its script ran, as headless Chromium has it."""
    command = [browser(), *QUIET, "--dump-dom", f"{page.resolve().as_uri()}{fragment}"]
    if netlog is not None:
        command.insert(-2, f"--log-net-log={netlog}")
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def parsed(html: str) -> Dom:
    dom = Dom()
    dom.feed(html)
    return dom


def page_requests(netlog: Path) -> list[str]:
    """Addresses the page itself asked for (the browser's own requests carry no origin)."""
    events = json.loads(netlog.read_text(encoding="utf-8"))["events"]
    by_source: dict[int, dict[str, str]] = defaultdict(dict)
    for event in events:
        params = event.get("params") or {}
        for key in ("url", "initiator"):
            if key in params:
                by_source[event["source"]["id"]][key] = params[key]
    return [
        found["url"]
        for found in by_source.values()
        if "url" in found and found.get("initiator", "not an origin") != "not an origin"
    ]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One real run of `cleaner clean`, its report, summary and review page."""
    folder = tmp_path_factory.mktemp("review")
    inputs = (
        [str(DEV_GLUED)] if DEV_GLUED.is_dir() else [str(OWN_ARTICLES), "--include", "*.in.txt"]
    )
    paths = {name: folder / name for name in ("report.jsonl", "summary.json", "review.html")}
    command = [
        sys.executable, "-m", "cleaner", "clean", *inputs, "-o", str(folder / "out"),
        "--report", str(paths["report.jsonl"]), "--report-changes",
        "--summary-json", str(paths["summary.json"]), "--review", str(paths["review.html"]),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return paths


def removals_in_report(record: dict) -> list[int]:
    """Indices of the changes of one report line that took text away."""
    _, preparing = preparing_stages()
    return [
        index
        for index, change in enumerate(record["changes"])
        if change["stage"] not in preparing and len(change["after"]) < len(change["before"])
    ]


def test_rule_counts_on_the_page_equal_the_runs_summary(run: dict[str, Path]) -> None:
    dom = parsed(dump(run["review.html"]))
    summary = json.loads(run["summary.json"].read_text(encoding="utf-8"))
    assert dom.ready
    shown = {rule: int(found["data-changes"] or 0) for rule, found in dom.rules.items()}
    assert shown == summary["changes_by_rule"]
    assert sum(shown.values()) > 50


def test_every_removal_of_a_file_is_shown_in_place(run: dict[str, Path]) -> None:
    records = [
        json.loads(line)
        for line in run["report.jsonl"].read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    dom = parsed(dump(run["review.html"]))
    shown_files = {removal["file"] for removal in dom.removals if removal["file"]}
    # the file with the most removals that the page shows in full
    number, record = max(
        ((n, r) for n, r in enumerate(records) if str(n) in shown_files),
        key=lambda item: len(removals_in_report(item[1])),
    )
    expected = removals_in_report(record)
    assert len(expected) >= 5
    in_file = [r for r in dom.removals if r["file"] == str(number)]
    assert sorted(int(r["data-change"] or -1) for r in in_file) == expected
    assert all(r["placed"] == "yes" for r in in_file), "each removal sits in the file's text"
    for removal in in_file:
        change = record["changes"][int(removal["data-change"] or 0)]
        assert removal["data-rule"] == f"{change['stage']}:{change['rule']}"


def test_filtering_by_a_rule_shows_only_that_rules_removals(run: dict[str, Path]) -> None:
    summary = json.loads(run["summary.json"].read_text(encoding="utf-8"))
    removing = [key for key in summary["changes_by_rule"] if key.startswith("strip_promos:")]
    chosen = removing[0]
    dom = parsed(dump(run["review.html"], "#rule=" + chosen.replace(":", "%3A")))
    visible = [r for r in dom.removals if "hidden" not in r]
    assert visible, "the rule's removals are shown"
    assert {r["data-rule"] for r in visible} == {chosen}
    others = [r for r in dom.removals if r["data-rule"] != chosen]
    assert others and all("hidden" in r for r in others)
    assert [rule for rule, found in dom.rules.items() if "hidden" not in found] == [chosen]


def test_no_request_leaves_the_page(run: dict[str, Path], tmp_path: Path) -> None:
    netlog = tmp_path / "net.json"
    dom = parsed(dump(run["review.html"], netlog=netlog))
    assert page_requests(netlog) == []
    assert not [r for r in dom.resources if r.lower().startswith(("http:", "https:", "//"))]
    assert dom.meta_csp is not None and "default-src 'none'" in dom.meta_csp
    # The check sees a page's request when there is one.
    leaky = tmp_path / "leaky.html"
    leaky.write_text('<html><body><img src="http://127.0.0.1:9/x.png"></body></html>')
    dump(leaky, netlog=tmp_path / "leaky.json")
    assert page_requests(tmp_path / "leaky.json") == ["http://127.0.0.1:9/x.png"]


def removal(text: str, index: int = 0, rule: str = "read-more") -> Removal:
    return Removal(index, "strip_promos", rule, "a link to another story", text)


def test_place_finds_repeated_removals_in_order() -> None:
    text = "Intro.\nREAD MORE: Other story\nBody.\nREAD MORE: Other story\n"
    placed, unplaced = place(text, [removal("READ MORE: Other story", i) for i in (0, 1)])
    assert [(p.start, p.end) for p in placed] == [(7, 29), (36, 58)] and unplaced == []


def test_place_finds_a_removal_by_its_ends_when_its_middle_went_first() -> None:
    head = "Council votes to sell the old library building to a developer"
    label, tail = " Advertisement", " after a year of talks, and the sale closes in May"
    text = f"Intro.\n{head}{label}{tail}\nBody."
    placed, unplaced = place(text, [removal(label, 0, "advert"), removal(head + tail, 1)])
    assert not unplaced
    outer = next(p for p in placed if p.removal.index == 1)
    assert text[outer.start : outer.end] == head + label + tail


def test_limits_bound_the_page_and_say_what_they_leave_out(tmp_path: Path) -> None:
    lines = []
    for number in range(60):
        changes = [
            {"stage": "strip_promos", "rule": f"rule-{k % 3}", "reason": "why",
             "before": f"Promo line {k} of file {number}", "after": "",
             "where": {"block": k, "start": 0, "end": 20}}
            for k in range(number % 7 + 1)
        ]  # fmt: skip
        by_rule = Counter(f"strip_promos:{c['rule']}" for c in changes)
        lines.append(
            {"input": str(tmp_path / f"missing-{number}.txt"), "status": "ok", "paragraphs": 3,
             "language": "en", "changes": changes, "changes_by_rule": dict(by_rule)}
        )  # fmt: skip
    report = tmp_path / "report.jsonl"
    report.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    limits = Limits(files_in_full=4, samples_per_rule=2, files_listed=10)
    review = review_run(report, limits)
    page = render(review)
    assert len(review.files) == 10 and len(review.in_full) == 4
    assert review.rules["strip_promos:rule-0"].changes == sum(
        1 for line in lines for c in line["changes"] if c["rule"] == "rule-0"
    )
    assert "The table lists 10 of 60 file(s)" in page
    # inputs that are gone are listed, not placed, and the page says why
    assert "cannot be read again" in page
    assert page.count('class="rm st-strip_promos in-file') == sum(
        view.summary.removals for view in review.in_full
    )


def test_a_report_without_changes_is_refused(tmp_path: Path) -> None:
    report = tmp_path / "report.jsonl"
    report.write_text('{"input": "a.txt", "status": "ok"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="--report-changes"):
        review_run(report)
