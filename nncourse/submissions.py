"""Reading and rewriting nbgrader notebooks: exercises, their test cells, and made-up submissions.

The course's conventions (docs/authoring.md): an exercise is a solution cell with grade_id NAME;
its graded test cells have grade_id ``test_NAME`` or ``test_NAME__part``. This module knows
those conventions so that tests and the grading pipeline do not each re-implement them:

* :func:`exercises` / :func:`test_cells` / :func:`tests_of` list what a notebook grades;
* :func:`with_exercise_wrong` turns a solution notebook into the submission of a learner who got
  exactly one exercise wrong (its ``### BEGIN SOLUTION`` regions become the release stub),
  :func:`with_answer` into one with a wrong answer, :func:`simulated_class` into a class;
* :func:`leaks` looks for solution code or hidden tests in a released notebook.
"""
import copy
import re

import nbformat

STUB = "raise NotImplementedError()"
SOLUTION_REGION = re.compile(
    r"^(?P<indent>[ \t]*)### BEGIN SOLUTION[^\n]*\n(?P<body>.*?)^[ \t]*### END SOLUTION[^\n]*(?:\n|$)",
    re.M | re.S)
HIDDEN_REGION = re.compile(
    r"^[ \t]*### BEGIN HIDDEN TESTS[^\n]*\n(?P<body>.*?)^[ \t]*### END HIDDEN TESTS[^\n]*(?:\n|$)",
    re.M | re.S)
MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")


def read(path):
    return nbformat.read(str(path), as_version=nbformat.NO_CONVERT)


def nbgrader_meta(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


def exercises(nb):
    """grade_ids of the exercises (code solution cells that are not graded themselves), in order."""
    return [nbgrader_meta(c)["grade_id"] for c in nb.cells
            if c.cell_type == "code" and nbgrader_meta(c).get("solution") and not nbgrader_meta(c).get("grade")]


def test_cells(nb):
    """{grade_id: points} of the graded cells, in notebook order."""
    return {nbgrader_meta(c)["grade_id"]: float(nbgrader_meta(c).get("points", 0))
            for c in nb.cells if nbgrader_meta(c).get("grade")}


def tests_of(name, grade_ids):
    """The test cell ids that grade exercise ``name``: ``test_NAME`` and ``test_NAME__*``."""
    return [g for g in grade_ids if g == f"test_{name}" or g.startswith(f"test_{name}__")]


def exercise_of(grade_id, exercises):
    """The exercise that test cell ``grade_id`` grades, the inverse of :func:`tests_of`
    (``grade_id`` itself if it grades none of ``exercises``)."""
    base = grade_id[len("test_"):] if grade_id.startswith("test_") else grade_id
    base = base.split("__")[0]
    return base if base in exercises else grade_id


def test_key(notebook, grade_id, many):
    """How a test is named across an assignment: ``grade_id``, or ``notebook:grade_id`` when the
    assignment has ``many`` notebooks."""
    return f"{notebook}:{grade_id}" if many else grade_id


def orphan_tests(nb):
    """Graded cells that belong to no exercise of the notebook (break the naming convention)."""
    owned = {g for name in exercises(nb) for g in tests_of(name, test_cells(nb))}
    return [g for g in test_cells(nb) if g not in owned]


def cell_by_id(nb, grade_id):
    for cell in nb.cells:
        if nbgrader_meta(cell).get("grade_id") == grade_id:
            return cell
    raise KeyError(grade_id)


def stub_solutions(source):
    """``source`` with every solution region replaced by the release stub, indentation kept."""
    return SOLUTION_REGION.sub(lambda m: f"{m['indent']}{STUB}\n", source).rstrip("\n") + (
        "\n" if source.endswith("\n") else "")


def with_source(nb, grade_id, source):
    """A copy of ``nb`` in which the cell ``grade_id`` holds ``source``."""
    changed = copy.deepcopy(nb)
    cell_by_id(changed, grade_id).source = source
    return changed


def with_exercise_wrong(nb, name):
    """A copy of solution notebook ``nb`` in which only exercise ``name`` is not done.

    Outputs are cleared, as in a notebook a learner saves before running it.
    """
    wrong = copy.deepcopy(nb)
    cell = cell_by_id(wrong, name)
    if not SOLUTION_REGION.search(cell.source):
        raise ValueError(f"exercise {name} has no ### BEGIN SOLUTION / ### END SOLUTION region")
    cell.source = stub_solutions(cell.source)
    for c in wrong.cells:
        if c.cell_type == "code":
            c.outputs, c.execution_count = [], None
    return wrong


def with_answer(nb, name, code):
    """A copy of solution notebook ``nb`` whose exercise ``name`` has ``code`` in its solution
    region (a learner's wrong answer), outputs cleared."""
    changed = with_exercise_wrong(nb, name)
    cell = cell_by_id(changed, name)
    cell.source = SOLUTION_REGION.sub(
        lambda m: "".join(f"{m['indent']}{line}\n" for line in code.strip("\n").splitlines()), cell_by_id(nb, name).source)
    return changed


def simulated_class(solution, release, n, wrong_answers=()):
    """``n`` made-up submissions of one notebook, in turn: the worked ``solution``, the untouched
    ``release``, for each exercise the solution with only that exercise not done, and for each
    ``(exercise, code)`` of ``wrong_answers`` the solution with that wrong answer."""
    variants = [solution, release] + [with_exercise_wrong(solution, e) for e in exercises(solution)]
    variants += [with_answer(solution, name, code) for name, code in wrong_answers]
    return [variants[i % len(variants)] for i in range(n)]


def region_lines(source, pattern):
    """The stripped, non-empty lines inside the regions that ``pattern`` matches."""
    return {line.strip() for m in pattern.finditer(source) for line in m["body"].splitlines() if line.strip()}


def _all_lines(nb, drop=()):
    lines = set()
    for cell in nb.cells:
        text = cell.source
        for pattern in drop:
            text = pattern.sub("", text)
        lines.update(line.strip() for line in text.splitlines() if line.strip())
    return lines


def leaks(source_nb, released_nb):
    """Solution code or hidden tests of ``source_nb`` that are visible in ``released_nb``.

    A line of a solution or hidden-test region leaks if the released notebook shows it while the
    source notebook has it nowhere outside those regions (a line the author also wrote in a
    docstring or in the prose is not a leak). Markers and stored outputs are leaks too.
    """
    found = []
    outside = _all_lines(source_nb, drop=(SOLUTION_REGION, HIDDEN_REGION)) | {STUB, "# YOUR CODE HERE"}
    shown = _all_lines(released_nb)
    for cell in source_nb.cells:
        for kind, pattern in (("solution", SOLUTION_REGION), ("hidden test", HIDDEN_REGION)):
            for line in sorted(region_lines(cell.source, pattern) & shown - outside):
                found.append(f"{kind} line of cell {cell.get('id', '?')} is in the release: {line!r}")
    for cell in released_nb.cells:
        for marker in MARKERS:
            if f"### {marker}" in cell.source:
                found.append(f"cell {cell.get('id', '?')} still has the marker '### {marker}'")
        if cell.cell_type == "code" and cell.get("outputs"):
            found.append(f"cell {cell.get('id', '?')} has stored outputs")
    return found
