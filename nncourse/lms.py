"""The gradebook in the import formats of two learning-management systems, as nbgrader export plugins.

One row per student, one column of points per notebook (assignment), no other rows:

* **Canvas** (Grades > Import): the columns Canvas's own gradebook export starts with, ``Student,
  ID, SIS User ID, SIS Login ID, Section``, then one column per assignment. Canvas finds the
  student by ID (nbgrader's ``lms_user_id`` when set), else by SIS Login ID (the nbgrader id); a
  column Canvas does not know becomes a new assignment.
* **Moodle** (Grades > Import > CSV file): ``First name, Last name, Username, Email address``,
  then one column per grade item; on import, "Map from" Username to "Map to" username (or Email
  address to useremail), and each notebook column to a grade item or a new one.

Scores are points as nbgrader computes them (late penalty applied); a notebook not submitted is 0,
as in nbgrader's own CSV. Also usable as ``nbgrader export --exporter=nncourse.lms.CanvasExport``.
"""
import csv

from nbgrader.api import MissingEntry
from nbgrader.plugins.export import ExportPlugin


def points(value):
    """A score as the LMS reads it: a plain decimal number, at most two decimals."""
    return f"{round(float(value or 0), 2):g}"


def grade_table(gradebook):
    """(assignment names, [(Student, {assignment: score})]) of the whole gradebook, sorted by id."""
    assignments = sorted(a.name for a in gradebook.assignments)
    rows = []
    for student in sorted(gradebook.students, key=lambda s: s.id):
        scores = {}
        for name in assignments:
            try:
                submission = gradebook.find_submission(name, student.id)
            except MissingEntry:
                scores[name] = 0.0
            else:  # as nbgrader's own CSV export computes it
                scores[name] = max(0.0, submission.score - submission.late_submission_penalty)
        rows.append((student, scores))
    return assignments, rows


class _LmsExport(ExportPlugin):
    identity = ()  # the LMS's leading columns
    default = "grades.csv"

    def identify(self, student):
        raise NotImplementedError

    def export(self, gradebook):
        assignments, rows = grade_table(gradebook)
        with open(self.to or self.default, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow([*self.identity, *assignments])
            for student, scores in rows:
                writer.writerow([*self.identify(student), *(points(scores[a]) for a in assignments)])


class CanvasExport(_LmsExport):
    """Canvas's gradebook import CSV."""
    identity = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
    default = "grades-canvas.csv"

    def identify(self, student):
        name = ", ".join(n for n in (student.last_name, student.first_name) if n) or student.id
        return [name, student.lms_user_id or "", "", student.id, ""]


class MoodleExport(_LmsExport):
    """Moodle's CSV grade import."""
    identity = ("First name", "Last name", "Username", "Email address")
    default = "grades-moodle.csv"

    def identify(self, student):
        return [student.first_name or "", student.last_name or "", student.id, student.email or ""]
