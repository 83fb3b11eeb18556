"""The shape of the package: one door for inputs, engines on the API and the shared floors.

Read from the source with ``ast``: a module that opens an input itself, sniffs gzip or
decodes bytes is the next place a fix to the input side would have to be made twice.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from collections.abc import Iterator
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "cleaner"
# The input door: everything under it may read and decode.
DOOR = PACKAGE / "sources"
# Files that are not inputs, read where they are used, each with what it reads.
NOT_INPUTS = {
    "config.py": "the settings file",
    "evaluate.py": "a benchmark's gold files",
    "manifest.py": "the output folder's own manifest",
    "review/data.py": "the report of a run",
    "review/page.py": "the page's own style sheet and script, from the package",
    "rules/__init__.py": "rule packs, the shipped ones and the user's",
}
READING_METHODS = {"read_bytes", "read_text", "decode", "readline", "readlines"}
GZIP_NAMES = {"gzip", "zlib", "GZIP_MAGIC"}


def modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(PACKAGE).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def input_reads(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """Where a module reads or unpacks bytes itself: ``open()`` for reading, a path's
    ``.open()`` for reading, ``read_bytes``/``read_text``/``decode``, reads of standard
    input, and gzip (the module, zlib or the magic bytes)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = {alias.name for alias in node.names} | {getattr(node, "module", "") or ""}
            if names & GZIP_NAMES:
                yield node.lineno, "gzip"
        elif isinstance(node, ast.Name) and node.id == "GZIP_MAGIC":
            yield node.lineno, "gzip's magic bytes"
        elif isinstance(node, ast.Call):
            function = node.func
            if isinstance(function, ast.Name) and function.id == "open" and _reading(node, 1):
                yield node.lineno, "open()"
            elif isinstance(function, ast.Attribute):
                owner = ast.unparse(function.value)
                if function.attr in READING_METHODS:
                    yield node.lineno, f"{owner}.{function.attr}()"
                elif function.attr == "read" and "stdin" in owner:
                    yield node.lineno, f"{owner}.read()"
                elif (
                    function.attr == "open"
                    and owner not in {"os", "Manifest"}
                    and _reading(node, 0)
                ):
                    yield node.lineno, f"{owner}.open()"


def _reading(call: ast.Call, mode_at: int) -> bool:
    """Whether an ``open`` call opens for reading (no mode, or one with "r")."""
    modes = [keyword.value for keyword in call.keywords if keyword.arg == "mode"]
    modes += call.args[mode_at : mode_at + 1]
    if not modes:
        return True
    mode = modes[0]
    return not isinstance(mode, ast.Constant) or "r" in str(mode.value)


def test_inputs_are_read_and_decoded_behind_one_door() -> None:
    outside = [
        f"{name}:{line}: {what}"
        for name, tree in modules()
        if not (PACKAGE / name).is_relative_to(DOOR) and name not in NOT_INPUTS
        for line, what in input_reads(tree)
    ]
    assert outside == [], "read inputs through cleaner.sources, not here"


@pytest.mark.parametrize("name", sorted(NOT_INPUTS))
def test_what_is_read_outside_the_door_is_no_input(name: str) -> None:
    """The exceptions exist (a stale entry would hide a module that moved)."""
    tree = ast.parse((PACKAGE / name).read_text(encoding="utf-8"))
    assert list(input_reads(tree)), f"{name} reads nothing: drop it from NOT_INPUTS"


def test_the_scan_finds_a_module_reading_its_own_input() -> None:
    reader = ast.parse(
        "import gzip\n"
        "def load(path):\n"
        "    with open(path, 'rb') as f:\n"
        "        return f.read().decode('utf-8')\n"
        "def more(path):\n"
        "    return path.read_bytes(), sys.stdin.buffer.read(), path.open()\n"
    )
    assert [what for _, what in input_reads(reader)] == [
        "gzip",
        "open()",
        "f.read().decode()",
        "path.read_bytes()",
        "sys.stdin.buffer.read()",
        "path.open()",
    ]
    writer = ast.parse("def save(path):\n    open(path, 'w').write('x'); path.open('a')\n")
    assert list(input_reads(writer)) == []


def imported_modules(name: str, tree: ast.Module) -> Iterator[str]:
    """The modules of the package that module ``name`` imports, as paths from the package."""
    package = Path(name).parent
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package
            for _ in range(node.level - 1):
                base = base.parent
            yield (base / (node.module or "").replace(".", "/")).as_posix()
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("cleaner."):
            yield node.module.removeprefix("cleaner.").replace(".", "/")  # type: ignore[union-attr]


def test_engines_stand_on_the_api_and_the_floors_not_on_the_local_runner() -> None:
    found = {
        name: sorted(set(imported_modules(name, tree)))
        for name, tree in modules()
        if name.startswith("engines/")
    }
    assert found, "no engine modules found"
    uses_batch = {name: imports for name, imports in found.items() if "batch" in imports}
    assert uses_batch == {}


RUNNERS = ("batch.py", "engines/ray_batch.py")


@pytest.mark.parametrize("name", RUNNERS)
def test_the_runners_share_one_planner_and_one_stamp(name: str) -> None:
    """Cutting inputs into units and deciding what is done are written once
    (``plan.py``): the local runner and the Ray runner both plan with ``plan_units`` and
    know a finished output by its unit's ``stamp``; neither digests its inputs itself."""
    tree = ast.parse((PACKAGE / name).read_text(encoding="utf-8"))
    calls = {ast.unparse(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    assert "plan_units" in calls
    assert any(call.endswith(".stamp") for call in calls)
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not imported & {"hashlib", "islice"}  # (no digest, no cutting of its own)


def test_no_stage_imports_another_stage() -> None:
    """Stages are leaves: what two of them share lives on the floor below them (text/,
    rules/, spaces, edits), so that a stage can be moved, skipped or rewritten alone."""
    stages = {
        name for name, _ in modules() if name.startswith("stages/") and name != "stages/__init__.py"
    }
    stage_modules = {name.removesuffix(".py") for name in stages}
    found = {
        name: sorted(set(imported_modules(name, tree)) & (stage_modules | {"stages"}))
        for name, tree in modules()
        if name in stages
    }
    assert {name: imports for name, imports in found.items() if imports} == {}


# Packages the code imports that a plain `pip install .` does not declare, each with why
# that is safe: the engines' extras (imported only by the engines, or where a run asks for
# one), and a dependency of a declared dependency that is part of its interface.
UNDECLARED_IMPORTS = {
    "ray": "the ray extra: --engine ray and cleaner/engines",
    "pyarrow": "the ray and datasets extras: remote locations and the engines",
    "fsspec": "optional: remote locations pyarrow does not know, when it is installed",
    "datasets": "the datasets extra: cleaner/engines",
    "datatrove": "the datatrove extra: cleaner/engines",
    "lxml": "trafilatura's own tree, which cleaner/extract.py walks",
}


def test_the_package_imports_only_what_a_plain_install_brings() -> None:
    """A fresh `pip install .` brings the declared dependencies only; the test
    environment has more (the engines' extras), so an undeclared import passes here and
    breaks the command on a new machine (typer 0.29 vendors click: `import click` did)."""

    def canonical(name: str) -> str:
        return re.sub(r"[-_.]+", "-", name).lower()

    project = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    declared = {
        canonical(re.split(r"[<>=!~\[ ;]", requirement)[0])
        for requirement in project["project"]["dependencies"]
    }
    distributions = packages_distributions()
    undeclared = set()
    for name, tree in modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                tops = [alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                tops = [node.module.split(".")[0]]
            else:
                continue
            for top in tops:
                if top in sys.stdlib_module_names or top == "cleaner" or top in UNDECLARED_IMPORTS:
                    continue
                if not any(canonical(d) in declared for d in distributions.get(top, [])):
                    undeclared.add(f"{name}: {top}")
    assert not undeclared, sorted(undeclared)
