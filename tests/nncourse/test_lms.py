"""nncourse/lms.py: the gradebook as Canvas's and Moodle's grade import CSV, read back as they read it.

The gradebook is nbgrader's own (students, two assignments, grade cells and scores put in with
its API), and ``nn-grades --format`` writes the files.
"""
import csv

import pytest
from nbgrader.api import Gradebook

from nncourse import cli
from nncourse.course import temporary_course

STUDENTS = {  # id: (first, last, email, lms_user_id)
    "alice": ("Alice", "O'Neil, Jr", "alice@example.edu", "1001"),
    "bob": ("Bob", "Kim", "bob@example.edu", None),
    "chloé": (None, None, None, None),  # only an id, not ASCII
}
POINTS = {("00_notation", "alice"): (2, 1.5), ("00_notation", "bob"): (0, 0.25),
          ("03_cost", "alice"): (3, 2)}  # (test_a, test_b); chloé and bob/03_cost did not submit


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    course = temporary_course(parent=tmp_path_factory.mktemp("lms"))
    with Gradebook(course.coursedir.db_url, course.course_id) as gb:
        for sid, (first, last, email, lms) in STUDENTS.items():
            gb.add_student(sid, first_name=first, last_name=last, email=email, lms_user_id=lms)
        for assignment in ("03_cost", "00_notation"):
            gb.add_assignment(assignment)
            gb.add_notebook(assignment, assignment)
            for cell, points in (("test_a", 3), ("test_b", 2)):
                gb.add_grade_cell(cell, assignment, assignment, max_score=points, cell_type="code")
        for (assignment, sid), scores in POINTS.items():
            gb.add_submission(assignment, sid)
            for cell, score in zip(("test_a", "test_b"), scores):
                grade = gb.find_grade(cell, assignment, assignment, sid)
                grade.auto_score, grade.needs_manual_grade = score, False
        gb.db.commit()
    return course


def _read(path):
    """The file as an LMS reads it: UTF-8, the first row the header, every other row a student."""
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    return rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.mark.parametrize("lms, identity, key", [
    ("canvas", ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"], "SIS Login ID"),
    ("moodle", ["First name", "Last name", "Username", "Email address"], "Username")])
def test_the_import_file_reads_back_as_the_lms_reads_it(course, lms, identity, key, capsys):
    out = course.root / f"grades-{lms}.csv"
    assert cli.grades(["--course", str(course.root), "--format", lms, "--out", str(out)]) == 0
    assert f"3 rows (students, {lms.capitalize()}'s import format) -> {out}" in capsys.readouterr().out
    header, rows = _read(out)
    assert header == identity + ["00_notation", "03_cost"]
    assert sorted(r[key] for r in rows) == sorted(STUDENTS), "one row per student, no other row"
    for row in rows:
        for assignment in ("00_notation", "03_cost"):
            assert float(row[assignment]) == sum(POINTS.get((assignment, row[key]), [0])), (assignment, row)
            assert row[assignment].replace(".", "", 1).isdigit(), f"not a plain number: {row[assignment]!r}"
    assert float(next(r for r in rows if r[key] == "bob")["00_notation"]) == 0.25


def _export(course, lms):
    out = course.root / f"grades-{lms}.csv"
    cli.grades(["--course", str(course.root), "--format", lms, "--out", str(out)])
    return _read(out)


def test_canvas_names_and_ids(course):
    _, rows = _export(course, "canvas")
    alice, bob, chloe = sorted(rows, key=lambda r: r["SIS Login ID"])
    assert (alice["Student"], alice["ID"]) == ("O'Neil, Jr, Alice", "1001")  # quoted: the name has a comma
    assert (bob["Student"], bob["ID"], bob["Section"]) == ("Kim, Bob", "", "")
    assert chloe["Student"] == chloe["SIS Login ID"] == "chloé"


def test_moodle_emails(course):
    _, rows = _export(course, "moodle")
    assert {r["Username"]: r["Email address"] for r in rows} == {
        "alice": "alice@example.edu", "bob": "bob@example.edu", "chloé": ""}
