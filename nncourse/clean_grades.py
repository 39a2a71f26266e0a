"""Two runs of a submission, compared, and the clean one kept in the gradebook.

:class:`SaveCleanGrades` is the step of nbgrader's autograde that saves the scores (it takes the
place of nbgrader's ``SaveAutoGrades``; :func:`nncourse.nbgrader_setup.harden` puts it there, and
the course's ``nbgrader_config.py`` hardens itself, so the formgrader's Autograde button, the
``nbgrader autograde`` command and nn-autograde all grade this way). After the notebook's own
run (sandboxed, which makes the feedback), every test of the submission is scored again by
:mod:`nncourse.verdict`, in a process where none of the submission's code ran, and the gradebook
gets the clean score of every test; the notebook's own run is never saved. Where the two runs
disagree on a test's visible part, nbgrader's log says so, in words: "test_relu: the notebook's
run passed it, the clean run failed it (...)". Work that passes only thanks to state a learner
left in their kernel is caught the same way, since the clean run runs only the solution cells.

The autograded notebook gets one line under each test cell that lost points in the clean run,
so that the feedback shows why: the check's message for a visible check, only "a hidden test
failed" for a hidden one.

nn-autograde reads what the clean runs of its own autograde found with :func:`collecting`.
"""
import contextlib
from pathlib import Path

import nbformat
from nbgrader import utils as nbgrader_utils
from nbgrader.api import Gradebook
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import SaveAutoGrades

from nncourse import submissions as subs
from nncourse import verdict
from nncourse.notebook_run import STOPPED

_collectors = []  # the dicts of the collecting() blocks open in this process


@contextlib.contextmanager
def collecting():
    """``with collecting() as clean:`` nbgrader's autograde, in this process; then ``clean`` is
    ``{"tests": {key: [points, max_points, message]}, "disagreements": [text, ...]}`` of every
    notebook the block graded (key: :func:`nncourse.submissions.test_key`)."""
    clean = {"tests": {}, "disagreements": []}
    _collectors.append(clean)
    try:
        yield clean
    finally:
        _collectors.remove(clean)


class SaveCleanGrades(SaveAutoGrades):
    """nbgrader's SaveAutoGrades, saving the clean run's score of each test instead of the
    notebook's own (which it compares with the clean one, and logs where they disagree)."""

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        assignment, student, name = info["assignment"], info["student"], info["notebook"]
        coursedir = CourseDirectory(config=self.config)
        submitted = Path(coursedir.format_path(coursedir.submitted_directory, student, assignment)) / f"{name}.ipynb"
        source = Path(coursedir.format_path(coursedir.source_directory, ".", assignment)) / f"{name}.ipynb"
        timeout = self.config.Execute.get("timeout", verdict.CALL_TIMEOUT)
        results = verdict.verdicts(subs.read(source), subs.read(submitted), timeout)
        self._clean, self._notebook_passed = {r.grade_id: r for r in results}, {}
        nb, resources = super().preprocess(nb, resources)  # calls _add_score for every test cell

        with Gradebook(info["db_url"]) as gb:
            many = len(gb.find_assignment(assignment).notebooks) > 1
        stopped = any(o.get("ename") == STOPPED for c in nb.cells for o in c.get("outputs", []))  # said once, in a notice
        tests, disagreements = {}, []
        for result in results:
            key = subs.test_key(name, result.grade_id, many)
            tests[key] = [result.points, result.max_points, result.message]
            passed = self._notebook_passed.get(result.grade_id)
            if passed is not None and passed != result.visible_passed and not stopped:
                disagreements.append(
                    f"{key}: the notebook's run {'passed' if passed else 'failed'} it, the clean "
                    f"run {'passed' if result.visible_passed else 'failed'} it"
                    + (f" ({result.message})" if result.message else ""))
        for text in disagreements:
            self.log.warning("%s: %s: the gradebook holds the clean run's score", student, text)
        for clean in _collectors:
            clean["tests"].update(tests)
            clean["disagreements"] += disagreements
        _annotate(nb, results)
        return nb, resources

    def _add_score(self, cell, resources):
        """nbgrader's _add_score, with the clean score; a test cell that the source notebook does
        not have (it changed since generate_assignment) is left to grade by hand."""
        grade = self.gradebook.find_grade(
            cell.metadata["nbgrader"]["grade_id"], self.notebook_id, self.assignment_id, self.student_id)
        own, _ = nbgrader_utils.determine_grade(cell, self.log)
        result = self._clean.get(grade.name)
        if result is None and own is not None:
            self.log.warning("%s is not a test of the source notebook: grade it by hand", grade.name)
        grade.auto_score = None if result is None else result.points
        grade.needs_manual_grade = grade.manual_score is not None or own is None or result is None
        self.gradebook.db.commit()
        self._notebook_passed[grade.name] = own is not None and own >= grade.max_score


def _annotate(nb, results):
    """Add the clean run's verdict under each test cell of the autograded notebook that lost points."""
    by_id = {r.grade_id: r for r in results}
    for cell in nb.cells:
        result = by_id.get(subs.nbgrader_meta(cell).get("grade_id"))
        if cell.cell_type != "code" or result is None or result.passed:
            continue
        why = result.message if not result.visible_passed else "a hidden test failed (the visible checks pass)"
        cell.outputs.append(nbformat.v4.new_output(
            "stream", name="stdout",
            text=f"\u2717 graded in a clean run: {result.points:g} of {result.max_points:g} points: {why}\n"))
