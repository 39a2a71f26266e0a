"""What a class did in an assignment, as plain data for the class report (:mod:`nncourse.report`).

Read from the gradebook (nbgrader's ``Gradebook``: who was graded, the score of every test
cell), the outcomes autograde saved (:func:`nncourse.outcomes.save`: who could not be graded and
why, and why each test lost points in the clean run) or, for a submission without one, the
autograded notebook (the error its test cell shows), and copy detection (:mod:`nncourse.copies`).
Failures are grouped by the test that failed and the kind of mistake: the first line of the
check's message with its numbers replaced by ``#``, so "returned 0.25, expected 0.125" and
"returned 3.0, expected 1.5" are one kind.
"""
import collections
import dataclasses
import re

from nbgrader.api import MissingEntry

from nncourse import outcomes
from nncourse import submissions as subs
from nncourse.copies import course_answers, similar_answers

NUMBER = re.compile(r"(?<![\w.])[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?![\w.])")
NUMBERS = re.compile(r"#(?:[\s,;]+#)+")


def kind_of(message):
    """The kind of a failure message: its first line, numbers (not names such as W1) as ``#``."""
    return NUMBERS.sub("#…", NUMBER.sub("#", outcomes.check_message(message)))


@dataclasses.dataclass
class Failure:
    """One kind of mistake in one test: the students who made it, and one of their messages."""
    test: str
    kind: str
    example: str
    students: list


@dataclasses.dataclass
class Exercise:
    name: str
    points: float
    tests: list
    graded: int = 0           # students graded
    lost: list = dataclasses.field(default_factory=list)      # students who lost points on it
    failures: list = dataclasses.field(default_factory=list)  # [Failure], most frequent first

    @property
    def share_lost(self):
        return len(self.lost) / self.graded if self.graded else 0.0


@dataclasses.dataclass
class Assignment:
    name: str
    max_score: float = 0.0
    scores: dict = dataclasses.field(default_factory=dict)      # student -> score (graded only)
    exercises: list = dataclasses.field(default_factory=list)   # [Exercise]
    not_graded: dict = dataclasses.field(default_factory=dict)  # student -> why
    not_submitted: list = dataclasses.field(default_factory=list)
    copies: list = dataclasses.field(default_factory=list)      # [copies.Similarity]


def _exercises(course, assignment):
    """[(notebook, exercise, {test key: points})] of the source notebooks, keys as in the gradebook."""
    names = course.notebooks(assignment)
    found = []
    for name in names:
        nb = subs.read(course.path("source_directory", ".", assignment) / f"{name}.ipynb")
        cells = subs.test_cells(nb)
        for exercise in subs.exercises(nb):
            keys = {subs.test_key(name, g, len(names) > 1): cells[g] for g in subs.tests_of(exercise, cells)}
            found.append((name, exercise, keys))
    return found


def _notebook_reasons(course, assignment, student):
    """{test key: why} for the test cells that lost points, read from the autograded notebooks."""
    names = course.notebooks(assignment)
    timeout = course.config.Execute.get("timeout", 30)
    reasons = {}
    for name in names:
        path = course.path("autograded_directory", student, assignment) / f"{name}.ipynb"
        if not path.exists():
            continue
        for cell in subs.read(path).cells:
            meta = subs.nbgrader_meta(cell)
            if meta.get("grade") and cell.cell_type == "code":
                key = subs.test_key(name, meta["grade_id"], len(names) > 1)
                reasons[key] = outcomes.cell_problem(cell, timeout)
    return reasons


def read(course, assignment):
    """The :class:`Assignment` of ``assignment``: every student in the gradebook or in submitted/."""
    data = Assignment(assignment)
    saved = outcomes.load(course.root / "grading-logs" / assignment)
    cells = {}  # student -> {test key: (score, points)}
    with course.gradebook() as gb:
        try:
            data.max_score = float(gb.find_assignment(assignment).max_score or 0)
        except MissingEntry:
            return data
        everyone = sorted(s.id for s in gb.students)
        for student in everyone:
            try:
                submission = gb.find_submission(assignment, student)
            except MissingEntry:
                continue
            many = len(submission.notebooks) > 1
            cells[student] = {subs.test_key(nb.notebook.name, g.name, many): (g.score, g.max_score)
                              for nb in submission.notebooks for g in nb.grades}
            data.scores[student] = max(0.0, float(submission.score) - float(submission.late_submission_penalty or 0))
            if submission.needs_manual_grade:
                data.not_graded[student] = "needs manual grading (formgrader)"
    for student, outcome in saved.items():
        if outcome.status != "graded":
            data.not_graded[student] = outcome.error or "not graded"
    for student in course.submitted_students(assignment):
        if student not in cells and student not in data.not_graded:
            data.not_graded[student] = "submitted, not autograded yet"
    for student in data.not_graded:
        data.scores.pop(student, None)
    data.not_submitted = [s for s in everyone if s not in cells and s not in data.not_graded]

    kinds = collections.defaultdict(list)  # (exercise, test, kind) -> [(student, message)]
    read_from_notebooks = {}  # student -> {test key: why}, each student's notebooks read once
    for _, name, tests in _exercises(course, assignment):
        exercise = Exercise(name, sum(tests.values()), list(tests))
        for student in sorted(data.scores):
            lost = [key for key in tests if (cells[student].get(key, (0, 0))[0] or 0) < cells[student].get(key, (0, 0))[1]]
            exercise.graded += 1
            if not lost:
                continue
            exercise.lost.append(student)
            reasons = saved[student].lost if student in saved else {}
            if any(key not in reasons for key in lost):
                if student not in read_from_notebooks:
                    try:
                        read_from_notebooks[student] = _notebook_reasons(course, assignment, student)
                    except Exception as error:  # noqa: BLE001 - one unreadable notebook does not stop the report
                        read_from_notebooks[student] = {key: f"unreadable autograded notebook: {error}"
                                                        for key, _ in cells[student].items()}
                reasons = {**read_from_notebooks[student], **reasons}
            for key in lost:
                message = reasons.get(key, "no message")
                kinds[(name, key, kind_of(message))].append((student, outcomes.check_message(message)))
        exercise.failures = sorted(
            (Failure(test, kind, found[0][1], [s for s, _ in found])
             for (ex, test, kind), found in kinds.items() if ex == name),
            key=lambda f: (-len(f.students), f.test, f.kind))
        data.exercises.append(exercise)
    data.copies = similar_answers(*course_answers(course, assignment))
    return data


def assignments(course):
    """The assignments in the gradebook, sorted."""
    with course.gradebook() as gb:
        return sorted(a.name for a in gb.assignments)
