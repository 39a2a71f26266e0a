"""notebooks/ is what nbgrader makes from solutions/ now, shows no solution and no hidden test, and
solutions/ is what tools/build_notebooks.py makes from course/."""
import json

import pytest

from conftest import ROOT, solution_assignments
from tools import build_notebooks, grading
from tools import submissions as subs

ASSIGNMENTS = solution_assignments()


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A temporary course with every assignment generated from solutions/ by nbgrader."""
    course = grading.temporary_course(ASSIGNMENTS, parent=tmp_path_factory.mktemp("release"))
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
    committed_dir = ROOT / "notebooks" / assignment
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
    released = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*") if p.is_dir())
    assert released == ASSIGNMENTS


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_shows_no_solution_and_no_hidden_test(assignment):
    source = subs.read(ROOT / "solutions" / assignment / f"{assignment}.ipynb")
    path = ROOT / "notebooks" / assignment / f"{assignment}.ipynb"
    assert path.exists(), f"{path.relative_to(ROOT)} is missing: run `make release`"
    released = subs.read(path)
    assert subs.leaks(source, released) == []
    # and the check can see a leak: the source notebook itself leaks everything
    if subs.exercises(source):
        assert subs.leaks(source, source)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_test_cell_belongs_to_an_exercise(assignment):
    """Test ids follow test_NAME / test_NAME__part, so autograding knows what each one grades."""
    nb = subs.read(ROOT / "solutions" / assignment / f"{assignment}.ipynb")
    assert subs.orphan_tests(nb) == [], "test cells whose id names no exercise"
    cells = subs.test_cells(nb)
    untested = [name for name in subs.exercises(nb) if not subs.tests_of(name, cells)]
    assert untested == [], "exercises without a test_NAME test cell"
    for name in subs.exercises(nb):
        assert subs.SOLUTION_REGION.search(subs.cell_by_id(nb, name).source), f"{name} has no solution region"


def test_solutions_are_built_from_course_sources(capsys):
    status = build_notebooks.main(["--check"])
    assert status == 0, capsys.readouterr().err
