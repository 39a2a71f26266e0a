"""Autograding every notebook in solutions/ with nbgrader's own API, in a temporary course.

For each assignment one batch is graded: the solution, the untouched release, and for every
exercise NAME a submission with only NAME not done (its solution region replaced by the release
stub). The solution scores full marks, the release 0, and a one-wrong submission loses exactly
the points of test_NAME / test_NAME__* and keeps every other point.

The batch of an assignment runs once (the first test that needs it), its students graded in
parallel worker processes (GRADING_TEST_JOBS, default: all cores). The solution's grading time
is recorded for the notebook-times summary.
"""
import functools
import os

import pytest

from nncourse import submissions as subs
from nncourse.course import temporary_course
from nncourse.paths import SOLUTIONS, assignments

ASSIGNMENTS = assignments()
JOBS = int(os.environ.get("GRADING_TEST_JOBS", "0")) or os.cpu_count() or 1


def _solution(assignment):
    return subs.read(SOLUTIONS / assignment / f"{assignment}.ipynb")


EXERCISES = [(a, name) for a in ASSIGNMENTS for name in subs.exercises(_solution(a))]


@pytest.fixture(scope="module")
def batch(tmp_path_factory, notebook_times):
    """batch(assignment) -> {student: Outcome}, graded once per assignment."""

    @functools.lru_cache(maxsize=None)
    def grade(assignment):
        course = temporary_course([assignment], parent=tmp_path_factory.mktemp(assignment))
        course.generate(assignment)
        solution, name = _solution(assignment), f"{assignment}.ipynb"
        course.submit("solution", assignment, {name: solution})
        course.submit("release", assignment, {name: course.path("release_directory", ".", assignment) / name})
        for exercise in subs.exercises(solution):
            course.submit(f"wrong-{exercise}", assignment, {name: subs.with_exercise_wrong(solution, exercise)})
        outcomes = {o.student: o for o in course.autograde(assignment, jobs=JOBS, student_timeout=1800)}
        (notebook_times / f"{assignment}.txt").write_text(
            f"{assignment:<20} {outcomes['solution'].elapsed:6.1f} s   "
            f"({outcomes['solution'].max_score:g} points, {len(outcomes) - 2} exercises; "
            f"{len(outcomes)} submissions graded in one batch, {JOBS} at a time)\n")
        return outcomes

    return grade


def _explain(outcome):
    return "\n".join(outcome.lines() + ["--- nbgrader log (end) ---", outcome.log[-3000:]])


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_scores_full_marks(batch, assignment):
    outcome = batch(assignment)["solution"]
    assert outcome.status == "graded", _explain(outcome)
    assert outcome.max_score > 0
    assert outcome.score == outcome.max_score, _explain(outcome)
    assert all(score == points for score, points in outcome.cells.values()), _explain(outcome)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_untouched_release_scores_zero(batch, assignment):
    outcome = batch(assignment)["release"]
    assert outcome.status == "graded", _explain(outcome)
    assert outcome.score == 0, _explain(outcome)


@pytest.mark.parametrize("assignment, exercise", EXERCISES)
def test_one_exercise_wrong_loses_exactly_its_points(batch, assignment, exercise):
    outcome = batch(assignment)[f"wrong-{exercise}"]
    assert outcome.status == "graded", _explain(outcome)
    own = set(subs.tests_of(exercise, outcome.cells))
    assert own, f"{exercise} has no test_{exercise} cell"
    kept_wrongly = {g: s for g, (s, p) in outcome.cells.items() if g in own and s != 0}
    lost_wrongly = {g: (s, p) for g, (s, p) in outcome.cells.items() if g not in own and s != p}
    assert not kept_wrongly, f"tests of {exercise} still gave points without it: {kept_wrongly}"
    assert not lost_wrongly, (f"tests of other exercises lost points when only {exercise} is missing "
                              f"(they must not depend on the learner's {exercise}):\n{_explain(outcome)}")
    own_points = sum(p for g, (s, p) in outcome.cells.items() if g in own)
    assert outcome.score == pytest.approx(outcome.max_score - own_points)
