"""The README's Python example runs as written, and says what it prints."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def python_block() -> str:
    section = README.read_text(encoding="utf-8").split("\n## Python\n", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)


def test_the_python_example_runs_and_prints_what_its_comments_say() -> None:
    code = python_block()
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "README.md", "exec"), {})
    out = printed.getvalue()
    assert "['It’s here.', 'A second paragraph.']" in out
    assert "Change(stage='fix_encoding', rule='mojibake'" in out
    assert "['The bridge reopened on Friday after two years of repairs.']" in out
    assert "ok The council met. It agreed." in out
