"""Hidden checks live apart (nnchecks/hidden/): no released notebook mentions them, only the hidden
parts of the course's test cells import them, and no visible module imports them."""
import ast
import importlib
import inspect
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VISIBLE = sorted((ROOT / "nnchecks").glob("nb[0-9][0-9]_*.py"))
HIDDEN = sorted((ROOT / "nnchecks" / "hidden").glob("nb[0-9][0-9]_*.py"))
SOURCES = sorted((ROOT / "course").glob("[0-9][0-9]_*.py"))
HIDDEN_BLOCK = re.compile(r"^### BEGIN HIDDEN TESTS\n.*?^### END HIDDEN TESTS\n", re.M | re.S)


def test_every_notebook_has_a_visible_and_a_hidden_module():
    assert [p.name for p in VISIBLE] == [p.name for p in HIDDEN] == [f"nb{p.name}" for p in SOURCES]


def _imported_modules(path):
    """Every module an ``import`` in the file names, relative ones as ".name"."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            yield module
            yield from (f"{module.rstrip('.')}.{a.name}" for a in node.names)


@pytest.mark.parametrize("path", VISIBLE + [ROOT / "nnchecks" / "__init__.py"], ids=lambda p: p.name)
def test_a_visible_module_never_imports_the_hidden_checks(path):
    imported = list(_imported_modules(path))
    assert imported and not [m for m in imported if m.startswith(("nnchecks.hidden", ".hidden"))]


@pytest.mark.parametrize("path", VISIBLE, ids=lambda p: p.name)
def test_hidden_checks_are_in_the_hidden_module_only(path):
    visible = importlib.import_module(f"nnchecks.{path.stem}")
    hidden = importlib.import_module(f"nnchecks.hidden.{path.stem}")
    assert not [name for name in vars(visible) if name.endswith("_hidden")]
    checks = [name for name, f in vars(hidden).items() if inspect.isfunction(f) and name.startswith("check_")]
    assert checks and all(name.endswith("_hidden") for name in checks)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_course_sources_import_hidden_checks_only_inside_their_hidden_parts(path):
    text = path.read_text()
    blocks = HIDDEN_BLOCK.findall(text)
    assert blocks and all("from nnchecks.hidden." in block for block in blocks if re.search(r"check_\w+_hidden\(", block))
    outside = HIDDEN_BLOCK.sub("", text)
    assert "nnchecks.hidden" not in outside and not re.search(r"check_\w+_hidden", outside)


def test_no_released_notebook_mentions_the_hidden_checks():
    released = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*/*.ipynb"))
    solutions = sorted((ROOT / "solutions").glob("[0-9][0-9]_*/*.ipynb"))
    assert len(released) == len(solutions) == len(SOURCES)
    for notebook in released:
        text = notebook.read_text()
        assert "nnchecks.hidden" not in text and not re.search(r"check_\w+_hidden", text), notebook.name
    for notebook in solutions:  # the instructor's versions do import them
        assert "from nnchecks.hidden." in notebook.read_text(), notebook.name
