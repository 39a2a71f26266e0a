"""The release in sync: notebooks/ is what nbgrader makes from solutions/ now and shows no solution
and no hidden test (solutions/ being what nn-build makes from course/: tests/nncourse/test_build_notebooks.py).

Test cells carry the ``raises-exception`` tag (JupyterLab's Run All goes on past the failing tests
of an unsolved notebook). nbclient and nbval accept an error in such a cell, so the guarantee that
nbval fails a solution whose tests raise rests on two things tested here: nbval still fails a
tagged cell that raises when its stored outputs hold no error, and solutions/ never stores one.
"""
import json
import re
import subprocess
import sys

import nbformat
import pytest

from nncourse import build_notebooks
from nncourse import submissions as subs
from nncourse.course import temporary_course
from nncourse.paths import NOTEBOOKS, ROOT, SOLUTIONS, assignments

ASSIGNMENTS = assignments()
TAG = build_notebooks.TEST_CELL_TAG
# what would turn nbval's output comparison off for a cell (comment markers and tags)
NBVAL_OFF_MARKERS = re.compile(r"^[ \t]*#[ \t]*(NBVAL_IGNORE_OUTPUT|NBVAL_SKIP|NBVAL_RAISES_EXCEPTION|"
                               r"PYTEST_VALIDATE_IGNORE_OUTPUT)[ \t]*$", re.M)
NBVAL_OFF_TAGS = {"nbval-ignore-output", "nbval-skip", "nbval-raises-exception"}
PASSED_LINE = re.compile(r"^\u2713 \S.*: the visible checks pass(; .+)?$")


def _graded_code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code" and subs.nbgrader_meta(c).get("grade")]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A temporary course with every assignment generated from solutions/ by nbgrader."""
    course = temporary_course(ASSIGNMENTS, parent=tmp_path_factory.mktemp("release"))
    for assignment in ASSIGNMENTS:
        course.generate(assignment)
    return course


def _differences(committed, fresh):
    """Readable differences between two notebooks (as JSON dicts), cell by cell."""
    found = []
    if committed.get("metadata") != fresh.get("metadata"):
        found.append(f"notebook metadata: {committed.get('metadata')} != {fresh.get('metadata')}")
    a, b = committed["cells"], fresh["cells"]
    if len(a) != len(b):
        found.append(f"{len(a)} cells in notebooks/, nbgrader makes {len(b)}")
    for i, (x, y) in enumerate(zip(a, b)):
        for key in sorted(set(x) | set(y)):
            if x.get(key) != y.get(key):
                found.append(f"cell {i} ({x.get('id')}): {key} differs")
    return found


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_is_what_nbgrader_generates_now(generated, assignment):
    fresh_dir = generated.path("release_directory", ".", assignment)
    committed_dir = NOTEBOOKS / assignment
    fresh = sorted(p.name for p in fresh_dir.iterdir())
    committed = sorted(p.name for p in committed_dir.iterdir()) if committed_dir.is_dir() else []
    assert committed == fresh, f"notebooks/{assignment} has {committed}, nbgrader makes {fresh}: run `make release`"
    for name in fresh:
        if name.endswith(".ipynb"):
            diff = _differences(json.loads((committed_dir / name).read_text()),
                                json.loads((fresh_dir / name).read_text()))
            assert not diff, f"notebooks/{assignment}/{name} is stale (run `make release`):\n" + "\n".join(diff[:20])
        else:
            assert (committed_dir / name).read_bytes() == (fresh_dir / name).read_bytes(), name


def test_every_solution_is_released_and_nothing_else():
    released = sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]_*") if p.is_dir())
    assert released == ASSIGNMENTS


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_shows_no_solution_and_no_hidden_test(assignment):
    source = subs.read(SOLUTIONS / assignment / f"{assignment}.ipynb")
    path = NOTEBOOKS / assignment / f"{assignment}.ipynb"
    assert path.exists(), f"{path.relative_to(ROOT)} is missing: run `make release`"
    released = subs.read(path)
    assert subs.leaks(source, released) == []
    # and the check can see a leak: the source notebook itself leaks everything
    if subs.exercises(source):
        assert subs.leaks(source, source)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_test_cell_belongs_to_an_exercise(assignment):
    """Test ids follow test_NAME / test_NAME__part, so autograding knows what each one grades."""
    nb = subs.read(SOLUTIONS / assignment / f"{assignment}.ipynb")
    assert subs.orphan_tests(nb) == [], "test cells whose id names no exercise"
    cells = subs.test_cells(nb)
    untested = [name for name in subs.exercises(nb) if not subs.tests_of(name, cells)]
    assert untested == [], "exercises without a test_NAME test cell"
    for name in subs.exercises(nb):
        assert subs.SOLUTION_REGION.search(subs.cell_by_id(nb, name).source), f"{name} has no solution region"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_test_cells_are_tagged_so_run_all_goes_on(assignment):
    """Every graded test cell, in solutions/ and (kept by nbgrader) in notebooks/, has the tag; no other cell."""
    for path in (SOLUTIONS / assignment / f"{assignment}.ipynb",
                 NOTEBOOKS / assignment / f"{assignment}.ipynb"):
        nb = subs.read(path)
        graded = {id(c) for c in _graded_code_cells(nb)}
        assert graded, f"{path.relative_to(ROOT)} has no test cell"
        for cell in nb.cells:
            tagged = TAG in cell.get("metadata", {}).get("tags", [])
            assert tagged == (id(cell) in graded), (
                f"{path.relative_to(ROOT)}, cell {cell.get('id')}: "
                + ("a test cell without" if not tagged else "a cell that is not a test cell with")
                + f" the {TAG} tag: run `make solutions` and `make release`")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solutions_store_no_error_and_nbval_compares_every_test_cell(assignment):
    nb = subs.read(SOLUTIONS / assignment / f"{assignment}.ipynb")
    assert build_notebooks.errors(nb) == [], "solutions/ must never store an error (nbval would accept it again)"
    for cell in _graded_code_cells(nb):
        assert cell.execution_count is not None and cell.outputs, f"{cell.id}: not run, or nothing for nbval to compare"
        assert not NBVAL_OFF_MARKERS.search(cell.source), f"{cell.id}: an NBVAL marker stops nbval checking it"
        assert not NBVAL_OFF_TAGS & set(cell.metadata.get("tags", [])), f"{cell.id}: an nbval tag stops nbval checking it"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_each_visible_check_prints_one_passed_line(assignment):
    """A test cell of the worked solution shows one "✓ NAME: the visible checks pass" line per visible
    check it calls, and nothing else: the hidden checks print nothing."""
    nb = subs.read(SOLUTIONS / assignment / f"{assignment}.ipynb")
    for cell in _graded_code_cells(nb):
        visible = re.findall(r"^(check_\w+)\(", subs.HIDDEN_REGION.sub("", cell.source), re.M)
        assert visible and not [c for c in visible if c.endswith("_hidden")], f"{cell.id}: {visible}"
        others = [o.output_type for o in cell.outputs if not (o.output_type == "stream" and o.name == "stdout")]
        assert others == [], f"{cell.id} shows more than its passed lines: {others}"
        lines = "".join(o.text for o in cell.outputs).splitlines()
        assert len(lines) == len(visible) and all(PASSED_LINE.match(line) for line in lines), \
            f"{cell.id} calls {visible} and prints {lines}"


def _tiny_notebook(path, source, stored_text):
    """One test-like cell, tagged as build_notebooks tags test cells, with a clean stored output."""
    cell = nbformat.v4.new_code_cell(source, execution_count=1, metadata={"tags": [TAG]},
                                     outputs=[nbformat.v4.new_output("stream", name="stdout", text=stored_text)])
    nb = nbformat.v4.new_notebook(cells=[cell], metadata={"kernelspec": dict(build_notebooks.KERNELSPEC)})
    nbformat.write(nb, path)


def test_nbval_fails_a_tagged_test_cell_that_raises(tmp_path):
    """The stored output of a solution's test cell has no error; if the cell raises when nbval runs it
    again, nbval must fail it, raises-exception tag or not (the tag only lets nbval record the error,
    which then differs from the stored outputs)."""
    _tiny_notebook(tmp_path / "broken.ipynb", "print('ok')\nraise AssertionError('the solution broke')", "ok\n")
    _tiny_notebook(tmp_path / "working.ipynb", "print('ok')", "ok\n")  # the control: same set-up, passes
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             "--nbval", "--nbval-current-env", "--rootdir", str(tmp_path), "broken.ipynb",
                             "working.ipynb"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=600)
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    assert result.returncode == 1 and "1 failed, 1 passed" in summary, result.stdout[-3000:] + result.stderr[-2000:]
    assert "broken.ipynb" in result.stdout and "FAILED working" not in result.stdout
