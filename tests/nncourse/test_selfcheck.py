"""nncourse/selfcheck.py, the self-learner's mode: `nn-check` scores a notebook's visible tests per exercise
(as nbgrader validate runs them) and `nn-solution` copies the worked solution next to it."""
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nncourse import selfcheck
from nncourse import submissions as subs
from nncourse.paths import NOTEBOOKS, ROOT, SOLUTIONS, assignments

RELEASED = assignments(NOTEBOOKS)
NAME = RELEASED[0] if RELEASED else None  # the first notebook: the smallest and quickest
BIN = Path(sys.executable).parent
pytestmark = pytest.mark.skipif(not RELEASED, reason="notebooks/ has no released notebook")


def _cells(path):
    return json.loads(path.read_text())["cells"]


def _exercises(path):
    return [c["id"] for c in _cells(path) if c.get("metadata", {}).get("nbgrader", {}).get("solution")
            and not c["metadata"]["nbgrader"].get("grade")]


def _source(cell):
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def test_released_notebook_scores_zero_per_exercise_with_the_reason(capsys, monkeypatch):
    path = NOTEBOOKS / NAME / f"{NAME}.ipynb"
    reports, check = [], selfcheck.check
    monkeypatch.setattr(selfcheck, "check", lambda *a, **k: reports.append(check(*a, **k)) or reports[-1])
    status = selfcheck.main([NAME])  # a name finds notebooks/NAME/NAME.ipynb
    out = capsys.readouterr().out
    assert status == 1, out
    [report] = reports
    assert report.notebook == path
    assert list(report.exercises) == _exercises(path)
    assert report.score == 0 and report.points > 0
    for exercise, results in report.exercises.items():
        for result in results:
            assert result.score == 0
            assert result.problem == (f"{exercise} is not implemented yet: "
                                      "replace `raise NotImplementedError()` with your code")
            assert f"{result.grade_id}: {exercise} is not implemented yet" in out
        assert f"  {exercise}" in out
    assert f"{NAME}: 0 / {report.points:g} points" in out
    assert "Traceback" not in out


def test_solution_notebook_scores_full_marks():
    """`nn-check PATH` (what `make check` runs), as a new process."""
    path = SOLUTIONS / NAME / f"{NAME}.ipynb"
    result = subprocess.run([BIN / "nn-check", str(path)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    points = sum(c["metadata"]["nbgrader"]["points"] for c in _cells(path)
                 if c.get("metadata", {}).get("nbgrader", {}).get("grade"))
    assert f"{NAME}: {points:g} / {points:g} points" in result.stdout
    for exercise in _exercises(path):
        assert re.search(rf"^  {exercise} +\S+ / \S+ +passed$", result.stdout, re.M), result.stdout
    assert "WARNING" not in result.stderr  # no kernel chatter on the learner's terminal


def test_one_solved_one_edited_one_deleted(tmp_path):
    """Solve the first exercise, edit a test cell of the second, delete one of the third."""
    released = NOTEBOOKS / NAME / f"{NAME}.ipynb"
    solution = {c["id"]: c for c in _cells(SOLUTIONS / NAME / f"{NAME}.ipynb")}
    nb = json.loads(released.read_text())
    exercises = _exercises(released)
    assert len(exercises) >= 3, "this test needs a notebook with three exercises"
    first, second, third = exercises[:3]
    tests = {e: [c for c in nb["cells"] if c.get("metadata", {}).get("nbgrader", {}).get("grade")
                 and subs.exercise_of(c["metadata"]["nbgrader"]["grade_id"], exercises) == e]
             for e in exercises}
    for cell in nb["cells"]:
        if cell["id"] == first:
            cell["source"] = solution[first]["source"]
    tests[second][0]["source"] = "pass  # no test here"
    deleted = tests[third][0]["metadata"]["nbgrader"]["grade_id"]
    nb["cells"] = [c for c in nb["cells"] if c is not tests[third][0]]
    path = tmp_path / "notebooks" / NAME / f"{NAME}.ipynb"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(nb))

    report = selfcheck.check(path)
    scores = {e: (sum(t.score for t in r), sum(t.points for t in r)) for e, r in report.exercises.items()}
    assert scores[first][0] == scores[first][1] > 0
    assert scores[second][0] == 0
    edited = tests[second][0]["metadata"]["nbgrader"]["grade_id"]
    assert "edited" in next(t.problem for t in report.exercises[second] if t.grade_id == edited)
    assert any(deleted in note and "missing" in note for note in report.notes)
    assert not report.passed


def test_exercise_of_follows_the_test_naming():
    exercises = ["relu", "relu_backward", "softmax"]
    assert subs.exercise_of("test_relu", exercises) == "relu"
    assert subs.exercise_of("test_relu__stable", exercises) == "relu"
    assert subs.exercise_of("test_relu_backward__deep", exercises) == "relu_backward"
    assert subs.exercise_of("test_unknown", exercises) == "test_unknown"


def test_solution_is_copied_next_to_the_notebooks(tmp_path, capsys, monkeypatch):
    shutil.copytree(SOLUTIONS / NAME, tmp_path / "solutions" / NAME)
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path)
    assert selfcheck.solution([NAME]) == 0  # nn-solution NAME
    copy = tmp_path / "notebooks" / "worked_solutions" / f"{NAME}.ipynb"
    assert copy.read_bytes() == (SOLUTIONS / NAME / f"{NAME}.ipynb").read_bytes()
    assert "worked_solutions" in capsys.readouterr().out
    assert selfcheck.main(["--solution", "99_nothing"]) == 2
    assert "no worked solution" in capsys.readouterr().err
    assert selfcheck.solution([]) == 2 and "usage: nn-solution NAME" in capsys.readouterr().err


def test_missing_or_broken_notebooks_exit_2(tmp_path, capsys):
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{not json")
    assert selfcheck.main([str(tmp_path / "nothing.ipynb")]) == 2
    assert selfcheck.main([str(broken)]) == 2
    err = capsys.readouterr().err
    assert "no such notebook" in err and "cannot be checked" in err


@pytest.mark.parametrize("where", ["course folder", "notebooks/", "elsewhere"])
def test_a_name_finds_the_notebook_from_where_a_learner_types_it(where, tmp_path, monkeypatch):
    """JupyterLab's terminal opens in notebooks/, where NAME is a folder, not the notebook."""
    monkeypatch.chdir({"course folder": ROOT, "notebooks/": NOTEBOOKS, "elsewhere": tmp_path}[where])
    assert selfcheck._find(NAME).resolve() == NOTEBOOKS / NAME / f"{NAME}.ipynb"
