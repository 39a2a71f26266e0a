"""Two runs of a submission, compared, and the clean one kept in the gradebook.

After nbgrader's autograde (the notebook's own run, sandboxed, which makes the feedback), every
test of the submission is scored again by :mod:`nncourse.verdict`, in a process where none of
the submission's code ran. The gradebook then holds the clean score of every test. Where the
two runs disagree on a test's visible part, the instructor is told, in words:
"test_relu: the notebook's run passed it, the clean run failed it (...)". Work that passes only
thanks to state a learner left in their kernel is caught the same way, since the clean run runs
only the solution cells.

The autograded notebook gets one line under each test cell that lost points in the clean run,
so that the feedback shows why: the check's message for a visible check, only "a hidden test
failed" for a hidden one.
"""
import nbformat
from nbgrader.api import MissingEntry

from nncourse import submissions as subs
from nncourse import verdict
from nncourse.notebook_run import STOPPED


def apply(course, assignment, student):
    """Score ``student``'s submission of ``assignment`` cleanly and store it in the gradebook.

    Returns ``{"tests": {key: [points, max_points, message]}, "disagreements": [text, ...]}``.
    """
    names = course.notebooks(assignment)
    tests, disagreements = {}, []
    for name in names:
        submitted = course.path("submitted_directory", student, assignment) / f"{name}.ipynb"
        source = course.path("source_directory", ".", assignment) / f"{name}.ipynb"
        try:
            mine = subs.read(submitted)
        except Exception:  # missing or not a notebook: nbgrader's outcome says so
            continue
        results = verdict.verdicts(subs.read(source), mine, course.config.Execute.get("timeout", verdict.CALL_TIMEOUT))
        graded = course.path("autograded_directory", student, assignment) / f"{name}.ipynb"
        stopped = graded.exists() and STOPPED in graded.read_text(errors="replace")  # said once, in a notice
        with course.gradebook() as gb:
            for result in results:
                key = subs.test_key(name, result.grade_id, len(names) > 1)
                tests[key] = [result.points, result.max_points, result.message]
                try:
                    grade = gb.find_grade(result.grade_id, name, assignment, student)
                except MissingEntry:
                    continue
                notebook_passed = grade.auto_score is not None and grade.auto_score >= grade.max_score
                if notebook_passed != result.visible_passed and not stopped:
                    disagreements.append(
                        f"{key}: the notebook's run {'passed' if notebook_passed else 'failed'} it, the clean "
                        f"run {'passed' if result.visible_passed else 'failed'} it"
                        + (f" ({result.message})" if result.message else ""))
                grade.auto_score = result.points
            gb.db.commit()
        _annotate(graded, results)
    return {"tests": tests, "disagreements": disagreements}


def _annotate(path, results):
    """Add the clean run's verdict under each test cell of the autograded notebook that lost points."""
    if not path.exists():
        return
    nb = subs.read(path)
    by_id = {r.grade_id: r for r in results}
    for cell in nb.cells:
        result = by_id.get(subs.nbgrader_meta(cell).get("grade_id"))
        if cell.cell_type != "code" or result is None or result.passed:
            continue
        why = result.message if not result.visible_passed else "a hidden test failed (the visible checks pass)"
        cell.outputs.append(nbformat.v4.new_output(
            "stream", name="stdout",
            text=f"\u2717 graded in a clean run: {result.points:g} of {result.max_points:g} points: {why}\n"))
    nbformat.write(nb, path)
