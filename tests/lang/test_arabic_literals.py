"""No Arabic words inline in Python outside `rasid/lang/`: knowledge lives in data files.

The test counts string literals with Arabic characters in every module of `src/rasid`
(docstrings aside: they explain with examples) and fails above the module's allowance.
Modules not migrated yet keep an allowance in `ALLOWANCE`; it may only shrink: when a
module drops below its allowance, the test asks for the lower number, so the table
records progress and a literal cannot creep back in.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "rasid"
ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
EXEMPT = ("lang/",)
"""Where Arabic may be written in Python: the language packages."""

ALLOWANCE: dict[str, int] = {
    "cli.py": 1,
    "extract/counts.py": 7,
    "extract/cues.py": 2,
    "extract/events.py": 1,
    "extract/frames.py": 11,
    "extract/locate.py": 27,
    "extract/mentions.py": 4,
    "extract/places.py": 230,
    "extract/roles.py": 2,
    "geo/embedded.py": 30,
    "geo/importers.py": 24,
    "geo/resolve.py": 29,
    "geo/store.py": 2,
}
"""Modules still holding Arabic literals, with today's count: lower it as they migrate."""


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of docstring nodes: module/class/function docstrings and attribute docstrings."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            found.add(id(node.value))
    return found


def arabic_literals(path: Path) -> list[tuple[int, str]]:
    """(line, literal) of each string literal in `path` that holds an Arabic character."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        and id(node) not in docs and ARABIC.search(node.value)
    ]


def _modules() -> dict[str, Path]:
    return {p.relative_to(SRC).as_posix(): p for p in sorted(SRC.rglob("*.py"))}


def test_counter_sees_literals_and_skips_docstrings(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('"""وثيقة."""\nWORDS = ("قتل", "x")\n\n\ndef f():\n    """شرح."""\n    return "جرح"\n')
    assert sorted(text for _, text in arabic_literals(sample)) == sorted(["قتل", "جرح"])


@pytest.mark.parametrize("module", sorted(_modules()))
def test_no_arabic_literals_beyond_allowance(module: str) -> None:
    if module.startswith(EXEMPT):
        return
    found = arabic_literals(_modules()[module])
    allowed = ALLOWANCE.get(module, 0)
    where = ", ".join(f"line {line}" for line, _ in found[:5])
    assert len(found) <= allowed, (
        f"{module} has {len(found)} Arabic string literals (allowed {allowed}; first at {where}): "
        "move the words to a data file under src/rasid/lang/ar/data or src/rasid/lexicon/data"
    )
    assert len(found) == allowed, (
        f"{module} is down to {len(found)} Arabic literals: lower its ALLOWANCE in {Path(__file__).name} to {len(found)}"
    )


def test_allowance_names_existing_modules() -> None:
    stale = sorted(set(ALLOWANCE) - set(_modules()))
    assert not stale, f"ALLOWANCE lists modules that no longer exist: {stale}"
