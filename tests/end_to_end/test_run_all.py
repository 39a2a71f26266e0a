"""Run All reaches the end whatever the learner's functions do.

Each released notebook is run as JupyterLab's Run All runs it, with every exercise's stub raising
an ordinary error (``ValueError``, not the stub's NotImplementedError): nbclient accepts an error
only in a cell tagged ``raises-exception`` (the test cells), so the run must reach the last cell,
every test cell must show its exercise's error, and a demonstration that calls a learner's
function must say in a line which one raised instead of stopping the run. NBGRADER_EXECUTION is
set, as when nbgrader runs a notebook: the long demonstrations shrink, the cells stay the same.
"""
import re

import nbformat
import pytest
from nbclient import NotebookClient

from nncourse import build_notebooks
from nncourse import submissions as subs
from nncourse.paths import NOTEBOOKS, assignments

STUB = "raise NotImplementedError()"
DELIBERATE = 'raise ValueError("deliberate")'


def _raising_ordinary_errors(nb):
    """The released notebook with each solution cell's stub raising ValueError instead."""
    for cell in nb.cells:
        if cell.cell_type == "code" and subs.nbgrader_meta(cell).get("solution"):
            assert STUB in cell.source, f"solution cell {cell.id} has no stub {STUB!r}"
            cell.source = cell.source.replace(STUB, DELIBERATE)
    return nb


def _errors(cell):
    return [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]


def _text(cell):
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")


@pytest.mark.parametrize("assignment", assignments(NOTEBOOKS))
def test_run_all_reaches_the_end_when_every_exercise_raises(assignment, monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    folder = NOTEBOOKS / assignment
    nb = _raising_ordinary_errors(nbformat.read(folder / f"{assignment}.ipynb", as_version=4))
    NotebookClient(nb, timeout=300, kernel_name="python3", record_timing=False,
                   resources={"metadata": {"path": str(folder)}}).execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code[-1].get("execution_count"), f"{assignment}: Run All did not reach the last cell"
    exercises = [n for c in code if subs.nbgrader_meta(c).get("solution")
                 for n in re.findall(r"^def (\w+)", c.source, re.M)]
    for cell in code:
        tested = subs.nbgrader_meta(cell).get("grade")
        if tested:
            assert build_notebooks.TEST_CELL_TAG in cell.metadata.get("tags", [])
            errors = _errors(cell)
            assert errors, f"{assignment}: test cell {cell.id} passes although every exercise raises"
            assert "deliberate" in errors[0]["evalue"], f"{cell.id}: {errors[0]['evalue']}"
        else:
            assert not _errors(cell), f"{assignment}: cell {cell.id} shows an error"
        # a demonstration calling an exercise says in a line which one raised, and goes on
        reports = [line for line in _text(cell).splitlines() if "ValueError: deliberate" in line]
        for line in reports:
            assert any(re.search(rf"\b{name} raised ValueError: deliberate", line) for name in exercises), line
        if "with demonstrating(" in cell.source:
            assert reports, f"{assignment}: cell {cell.id} calls exercises but reports no error of theirs"
