"""docs/architecture.md stays true: one row per exercise of the course, and every file and
function a row names exists and is what the row says it is."""
import ast
import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "architecture.md"
ROW = re.compile(r"^\| (\d\d) \| `(\w+)` \| `([^`]+)` \| (`[\w.]+`|—) \| `([^`]+)`, `([^`]+)` \| `([^`]+)` \|$")


def _rows():
    return [ROW.match(line).groups() for line in DOC.read_text().splitlines() if ROW.match(line)]


def _exercises():
    """(notebook number, exercise, source path) for every solution cell of course/."""
    found = []
    for source in sorted((ROOT / "course").glob("[0-9][0-9]_*.py")):
        for exercise in re.findall(r"^# %% solution id=(\w+)", source.read_text(), re.M):
            found.append((source.name[:2], exercise, f"course/{source.name}"))
    return found


def _functions(path):
    return {node.name for node in ast.walk(ast.parse((ROOT / path).read_text()))
            if isinstance(node, ast.FunctionDef)}


def test_one_row_per_exercise_in_course_order():
    table = [(number, exercise, source) for number, exercise, source, *_ in _rows()]
    assert table == _exercises(), "docs/architecture.md's exercise table differs from course/"


@pytest.mark.parametrize("row", _rows(), ids=lambda row: row[1])
def test_row_names_what_exists(row):
    number, exercise, source, reference, checks, hidden, tests = row
    for path in (source, checks, hidden, tests):
        assert (ROOT / path).is_file(), f"{exercise}: {path} does not exist"
    assert f"check_{exercise}" in " ".join(_functions(checks)), f"{checks} has no check_{exercise}*"
    assert any(name.startswith(f"check_{exercise}") and name.endswith("_hidden")
               for name in _functions(hidden)), f"{hidden} has no check_{exercise}*_hidden"
    assert f"check_{exercise}" in (ROOT / tests).read_text(), f"{tests} does not test check_{exercise}"
    if reference != "—":
        module, _, name = reference.strip("`").rpartition(".")
        assert callable(getattr(importlib.import_module(module), name, None)), \
            f"{exercise}: {reference} is not a function of nnlib"
