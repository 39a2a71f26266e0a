"""Hostile and broken submissions, graded in one batch with honest ones, through the pipeline's
parallel autograde (nncourse.course, nncourse.workers) and the course's own nbgrader configuration.

The assignment is the small fixture tests/fixtures/toy.py (relu 2 points, sigmoid 2 + 1 points in
two independent test cells, count_params 1 point: 6 in all), so the corpus does not depend on
notebooks still being written. The test course has a 3 s cell timeout instead of the course's
60 s (the loops would otherwise take minutes); everything else is nbgrader_config.py as is.

Every case states its expected outcome: the status (graded, or failed = the instructor must act),
the score, which test cells lose points, and the words of the reason the instructor reads. A
submission whose own code reaches into the grading machinery is graded as nbgrader scores it but
scored in a clean run where none of its code ran (nncourse.verdict); where that run and the
notebook's own disagree, the instructor is asked to read it (review), and the gradebook keeps the
clean score. tests/end_to_end/test_forgeries.py has the forgeries.
"""
import copy
import json
import os
import re
from pathlib import Path

import nbformat
import psutil
import pytest

from nncourse import build_notebooks
from nncourse import submissions as subs
from nncourse.course import html_text, temporary_course
from nncourse.paths import ROOT

ASSIGNMENT, NB = "toy", "toy.ipynb"
CELL_TIMEOUT = 3
STUDENT_TIMEOUT = 40
JOBS = int(os.environ.get("GRADING_TEST_JOBS", "0")) or os.cpu_count() or 1
SOLUTION = build_notebooks.notebook_from_source(ROOT / "tests" / "fixtures" / "toy.py")
ALL = {"test_relu", "test_sigmoid__values", "test_sigmoid__stable", "test_count_params"}


def delete(nb, cell_id):
    nb = copy.deepcopy(nb)
    nb.cells = [c for c in nb.cells if c.get("id") != cell_id]
    return nb


WRONG_COUNT = subs.with_source(SOLUTION, "count_params", "def count_params(layer_dims):\n    return 0")
FAKE_CHECKS = ("def _ok(*args, **kwargs):\n    return None\n"
               "call = expect_array = expect_equal = expect_close = compare_with_reference = _ok\n")

# name: (files of the submission, expected outcome)
CASES = {
    # honest submissions graded in the same batch: their grades must not move
    "honest_full": ({NB: SOLUTION}, dict(status="graded", score=6, lost=set())),
    "honest_partial": (  # a sigmoid that overflows: the independent stability part only
        {NB: subs.with_source(SOLUTION, "sigmoid", "def sigmoid(Z):\n    return 1 / (1 + np.exp(-Z))")},
        dict(status="graded", score=5, lost={"test_sigmoid__stable"}, problem="overflow")),
    "honest_release": ({NB: "RELEASE"}, dict(status="graded", score=0, lost=ALL, problem="not implemented yet")),
    # broken or hostile
    "invalid_json": ({NB: '{"cells": [ oops'}, dict(status="failed", score=0, reason="not valid JSON")),
    "empty_notebook": ({NB: nbformat.v4.new_notebook()},
                       dict(status="graded", score=0, lost=ALL, problem="NameError",
                            notice="none of the assignment's cells")),
    "deleted_test_cell": ({NB: delete(WRONG_COUNT, "test_count_params")},
                          dict(status="graded", score=5, lost={"test_count_params"},
                               notice="deleted, restored for grading: test_count_params")),
    "edited_test_cell": ({NB: subs.with_source(WRONG_COUNT, "test_count_params", "assert True")},
                         dict(status="graded", score=5, lost={"test_count_params"},
                              notice="edited, the instructor's version was used: test_count_params")),
    "infinite_loop": ({NB: subs.with_source(SOLUTION, "relu", "def relu(Z):\n    while True:\n        pass")},
                      dict(status="graded", score=4, lost={"test_relu"}, problem="time limit|timed out")),
    "loop_ignoring_interrupts": (
        {NB: subs.with_source(SOLUTION, "relu", "import signal\ndef relu(Z):\n"
                                    "    signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                                    "    while True:\n        pass")},
        dict(status="failed", score=0, reason="kernel (stayed busy|killed)")),
    "output_flood": ({NB: subs.with_source(SOLUTION, "relu", "def relu(Z):\n    while True:\n        print('spam ' * 200)")},
                     dict(status="graded", score=4, lost={"test_relu"}, problem="time limit|timed out")),
    "kernel_killed": ({NB: subs.with_source(SOLUTION, "relu", "import os\ndef relu(Z):\n    os._exit(1)")},
                      dict(status="graded", score=4, lost={"test_relu"}, problem="did not finish",
                           notice="notebook's own run stopped")),  # the clean run grades the rest
    "sys_exit": ({NB: subs.with_source(SOLUTION, "relu", "import sys\nsys.exit()\n" + subs.cell_by_id(SOLUTION, "relu").source)},
                 dict(status="graded", score=4, lost={"test_relu"}, problem="NameError")),
    "system_exit_in_test": ({NB: subs.with_source(SOLUTION, "relu", "def relu(Z):\n    raise SystemExit(0)")},
                            dict(status="graded", score=4, lost={"test_relu"}, problem="SystemExit")),
    "hands_work_to_nnlib": ({NB: subs.with_source(SOLUTION, "relu", "import nnlib as _n\ndef relu(Z):\n    return _n.relu(Z)")},
                            dict(status="graded", score=4, lost={"test_relu"}, problem="calls nnlib.relu")),
    "returns_nan": ({NB: subs.with_source(SOLUTION, "relu", "def relu(Z):\n    return np.full_like(Z, np.nan)")},
                    dict(status="graded", score=4, lost={"test_relu"}, problem="is nan")),
    "wrong_file_name": ({"toy (1).ipynb": SOLUTION},
                        dict(status="failed", score=0, reason=r"no notebook named toy\.ipynb; found toy \(1\)\.ipynb")),
    "missing_notebook": ({"answers.txt": "see attached"},
                         dict(status="failed", score=0, reason="has no notebook")),
    # the notebook's own run is fooled; the clean run is not, and the instructor is told
    "patches_the_checks": (
        {NB: subs.with_source(SOLUTION, "relu", "import nnchecks as _checks\n"
                                    "_checks.expect_array = lambda *args, **kwargs: None\n"
                                    "def relu(Z):\n    return Z  # wrong: the patched check says nothing")},
        dict(status="graded", score=4, lost={"test_relu"}, problem="relu",  # the clean run's checks are not patched
             review=r"test_relu: the notebook's run passed it, the clean run failed it")),
    "switches_the_profiler_off": (
        {NB: subs.with_source(SOLUTION, "relu", "import sys\nimport nnlib as _n\ndef relu(Z):\n"
                                    "    sys.setprofile(None)\n    return _n.relu(Z)")},
        dict(status="graded", score=4, lost={"test_relu"}, problem="calls nnlib.relu")),
    "shadows_nnlib": ({NB: "RELEASE", "nnlib.py": FAKE_CHECKS, "nnlib/__init__.py": "",
                       "nnchecks/__init__.py": FAKE_CHECKS},
                      dict(status="graded", score=0, lost=ALL, problem="not implemented yet",
                           notice=r"not used for grading.*nnlib\.py")),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The corpus graded in one batch: (course, {student: Outcome})."""
    course = temporary_course(parent=tmp_path_factory.mktemp("hostile"),
                                      overrides={"Execute.timeout": CELL_TIMEOUT})
    source = course.path("source_directory", ".", ASSIGNMENT)
    source.mkdir(parents=True)
    nbformat.write(SOLUTION, source / NB)
    course.generate(ASSIGNMENT)
    release = course.path("release_directory", ".", ASSIGNMENT) / NB
    for student, (files, _) in CASES.items():
        dest = course.path("submitted_directory", student, ASSIGNMENT)
        for name, content in files.items():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, str) and content == "RELEASE":
                content = release
            course.submit(student, ASSIGNMENT, {name: content})
    outcomes = course.autograde(ASSIGNMENT, jobs=JOBS, student_timeout=STUDENT_TIMEOUT)
    for outcome in outcomes:
        print(*outcome.lines(), sep="\n")
    return course, {o.student: o for o in outcomes}


@pytest.mark.parametrize("case", CASES)
def test_case_has_its_stated_outcome(corpus, case):
    course, outcomes = corpus
    outcome, expected = outcomes[case], CASES[case][1]
    explain = "\n".join(outcome.lines()) + "\n--- log ---\n" + outcome.log[-4000:]
    assert outcome.status == expected["status"], explain
    assert outcome.score == expected["score"], explain
    assert outcome.max_score == 6, explain
    assert outcome.must_act == (expected["status"] == "failed" or "review" in expected), explain
    if "review" in expected:
        assert len(outcome.review) == 1 and re.search(expected["review"], outcome.review[0]), explain
    else:
        assert outcome.review == [], explain  # honest and merely broken code is not flagged
    if outcome.status == "graded":
        lost = {g for g, (score, points) in outcome.cells.items() if score != points}
        assert lost == expected["lost"], explain
        assert len(outcome.problems) == len(lost), explain
        if "problem" in expected:
            assert all(re.search(expected["problem"], p) for p in outcome.problems), explain
    else:
        assert re.search(expected["reason"], outcome.error), explain
    if "notice" in expected:
        assert any(re.search(expected["notice"], n) for n in outcome.notices), explain


def test_the_batch_graded_everyone(corpus):
    course, outcomes = corpus
    assert sorted(outcomes) == sorted(CASES)
    with course.gradebook() as gb:
        assert sorted(s.id for s in gb.students) == sorted(CASES)


def test_shadowing_files_never_reach_the_kernel(corpus):
    course, _ = corpus
    graded = course.path("autograded_directory", "shadows_nnlib", ASSIGNMENT)
    assert sorted(p.name for p in graded.rglob("*") if p.is_file()) == [NB]


def test_output_flood_is_truncated(corpus):
    course, _ = corpus
    graded = course.path("autograded_directory", "output_flood", ASSIGNMENT) / NB
    assert graded.stat().st_size < 2_000_000
    text = json.dumps(subs.cell_by_id(subs.read(graded), "test_relu").outputs)
    assert "Output truncated" in text or text.count("spam") < 1_000_000


def test_restored_test_cells_are_the_instructors_version(corpus):
    """Deleted and edited test cells run as the instructor wrote them, hidden tests included."""
    course, _ = corpus
    instructor = subs.cell_by_id(SOLUTION, "test_count_params").source
    assert "### BEGIN HIDDEN TESTS" in instructor
    for student in ("deleted_test_cell", "edited_test_cell", "empty_notebook"):
        graded = subs.read(course.path("autograded_directory", student, ASSIGNMENT) / NB)
        source = subs.cell_by_id(graded, "test_count_params").source
        # nbgrader prefixes a restored (deleted) cell with a comment saying so
        restored = re.sub(r"\A# This cell \(id:[^)]*\) was missing[^\n]*\n+", "", source)
        assert restored == instructor, student


def test_regrading_gives_the_same_scores(corpus):
    course, first = corpus
    again = ["honest_full", "honest_partial", "edited_test_cell", "deleted_test_cell", "returns_nan",
             "shadows_nnlib", "invalid_json", "wrong_file_name"]
    second = {o.student: o for o in course.autograde(ASSIGNMENT, again, jobs=JOBS, student_timeout=STUDENT_TIMEOUT)}
    for student in again:
        assert (second[student].status, second[student].score, second[student].cells) == \
               (first[student].status, first[student].score, first[student].cells), student


def test_feedback_shows_no_hidden_test(corpus):
    course, outcomes = corpus
    report = course.feedback(ASSIGNMENT)
    graded = sorted(s for s, o in outcomes.items() if (course.path("autograded_directory", s, ASSIGNMENT) / NB).exists())
    assert sorted(report) == graded
    assert all(problems == [] for problems in report.values()), report
    # the check can see test code in the HTML: visible lines are there, hidden ones are not
    page = html_text(course.path("feedback_directory", "honest_partial", ASSIGNMENT) / "toy.html")
    assert 'expect_equal("count_params([2, 3, 1])", call(count_params, [2, 3, 1]), 13)' in page
    assert "seed=7" not in page and "count_params([4, 5, 3])" not in page


def test_grading_that_never_ends_is_stopped_and_its_kernel_killed(corpus):
    """--student-timeout: the worker and its kernel are killed; nothing of theirs keeps running."""
    course, _ = corpus
    [outcome] = course.autograde(ASSIGNMENT, ["loop_ignoring_interrupts"], jobs=1, student_timeout=8)
    assert outcome.status == "failed" and re.search("longer than 8.* s and was stopped, kernel killed", outcome.error)
    assert outcome.elapsed < 30
    workdir = str(course.path("autograded_directory", "loop_ignoring_interrupts", ASSIGNMENT))
    running = [p.info for p in psutil.process_iter(["pid", "cwd", "cmdline"]) if (p.info["cwd"] or "").startswith(workdir)]
    assert running == [], f"processes still running in {workdir}"
    assert not Path(workdir).exists()  # a half-graded copy is not left behind
