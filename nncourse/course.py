"""An nbgrader course directory and its grading steps, over nbgrader's own in-process API.

What the command line (:mod:`nncourse.cli`) and the tests use: make a course in a temporary
directory (:func:`temporary_course`), generate an assignment, put made-up submissions in
``submitted/``, autograde them (in parallel: :mod:`nncourse.workers`), read what happened
(:mod:`nncourse.outcomes`) and the scores per grade cell from the gradebook.

Graded in parallel, every worker writes to the one ``gradebook.db``. SQLite serialises the
writers: nbgrader's transactions are a few short inserts and updates, and the connection waits
up to DB_TIMEOUT s for the lock instead of failing at once; a student whose grading still hits
"database is locked" is reported and can be regraded alone.
"""
import contextlib
import html
import json
import re
import shutil
import tempfile
import time
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.apps import NbGraderAPI

from nncourse import clean_grades, feedback, outcomes, workers
from nncourse import submissions as subs
from nncourse.nbgrader_setup import CONFIG_FILE, IMPORTABLE, load_config, prepare
from nncourse.paths import ROOT

KERNEL_START_FAILED = "Kernel died before replying to kernel_info"  # jupyter_client's words


class GradingError(RuntimeError):
    """An nbgrader step failed; the message has nbgrader's error and log, ``result`` its dict."""

    def __init__(self, what, result):
        super().__init__(f"{what} failed:\n{result.get('error', '')}\n{result.get('log', '')}")
        self.result = result


def temporary_course(assignments=(), *, overrides=None, parent=None, source=ROOT):
    """A new course directory: ``source``'s nbgrader_config.py (its root is the new directory)
    plus ``overrides`` (written into the file too, so the nbgrader CLI sees them), and a copy of
    ``source``'s source notebooks of ``assignments``."""
    root = Path(tempfile.mkdtemp(prefix="course-", dir=parent)).resolve()
    text = (source / CONFIG_FILE).read_text()
    if overrides:
        text += "\n\n# Settings of this temporary course\n" + "".join(
            f"c.{name} = {value!r}\n" for name, value in overrides.items())
    (root / CONFIG_FILE).write_text(text)
    source_dir = load_config(source).CourseDirectory.source_directory
    for assignment in assignments:
        shutil.copytree(source / source_dir / assignment, root / source_dir / assignment,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    return Course(root)


def html_text(path):
    """The visible text of an HTML file (tags removed, entities decoded)."""
    raw = Path(path).read_text(errors="replace")
    raw = re.sub(r"(?is)<(script|style)\b.*?</\1>", "", raw)
    return html.unescape(re.sub(r"<[^>]+>", "", raw))


class Course:
    """An nbgrader course directory, driven through nbgrader's in-process API."""

    def __init__(self, root=ROOT, config=None, **overrides):
        prepare()
        self.root = Path(root).resolve()
        self.config = config if config is not None else load_config(self.root, **overrides)
        self._api = None

    @property
    def api(self):
        if self._api is None:
            self._api = NbGraderAPI(config=self.config)
        return self._api

    @property
    def coursedir(self):
        return self.api.coursedir

    @property
    def course_id(self):
        return self.coursedir.course_id

    def path(self, step, student=".", assignment="."):
        """e.g. ``path("submitted_directory", "alice", "03_cost")`` -> submitted/alice/03_cost."""
        return Path(self.coursedir.format_path(getattr(self.coursedir, step), student, assignment))

    @contextlib.contextmanager
    def gradebook(self):
        with Gradebook(self.coursedir.db_url, self.course_id) as gb:
            yield gb

    def assignments(self):
        """Assignments with notebooks in the source directory, sorted."""
        source = self.path("source_directory")
        return sorted(p.name for p in source.iterdir() if p.is_dir() and any(p.glob("*.ipynb"))) if source.is_dir() else []

    def notebooks(self, assignment):
        """The assignment's notebook names (without .ipynb), from the gradebook or the release."""
        with contextlib.suppress(MissingEntry), self.gradebook() as gb:
            return sorted(nb.name for nb in gb.find_assignment(assignment).notebooks)
        return sorted(p.stem for p in self.path("release_directory", ".", assignment).glob("*.ipynb"))

    def students(self, step, assignment):
        """Students with a folder for ``assignment`` in ``step``'s directory, e.g. "submitted_directory"."""
        base = self.path(step)
        return sorted(p.name for p in base.iterdir() if (p / assignment).is_dir()) if base.is_dir() else []

    def submitted_students(self, assignment):
        return self.students("submitted_directory", assignment)

    def ignored_files(self, directory):
        """Files under ``directory`` that grading leaves out because of IMPORTABLE."""
        from nbgrader.utils import find_all_files

        if not Path(directory).is_dir():
            return []
        everything = {Path(p) for p in find_all_files(str(directory), [])}
        default = {Path(p) for p in find_all_files(str(directory), [i for i in self.coursedir.ignore if i not in IMPORTABLE])}
        used = {Path(p) for p in find_all_files(str(directory), self.coursedir.ignore)}
        return sorted(str(p.relative_to(directory)) for p in (everything & default) - used)

    # ---- steps

    def generate(self, assignment):
        """nbgrader generate_assignment: source -> release, and the gradebook's copy of the source.
        Raises GradingError when nbgrader fails."""
        result = self.api.generate_assignment(assignment, force=True, create=True)
        if not result.get("success"):
            raise GradingError(f"generate_assignment {assignment}", result)
        return result

    def release_leaks(self, assignment):
        """Solution code, hidden tests or outputs found in the released notebooks, one line each."""
        found = []
        for source_path in sorted(self.path("source_directory", ".", assignment).glob("*.ipynb")):
            released = self.path("release_directory", ".", assignment) / source_path.name
            if not released.exists():
                found.append(f"{released} is missing")
                continue
            found += [f"{released.name}: {leak}" for leak in subs.leaks(subs.read(source_path), subs.read(released))]
        return found

    def submit(self, student, assignment, files, timestamp=None):
        """Put a submission in submitted/STUDENT/ASSIGNMENT: ``files`` maps file names to a notebook
        (written as is, even if invalid), a str or bytes (written verbatim) or a Path (copied)."""
        dest = self.path("submitted_directory", student, assignment)
        dest.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            target = dest / name
            if isinstance(content, Path):
                shutil.copy(content, target)
            elif isinstance(content, bytes):
                target.write_bytes(content)
            elif isinstance(content, str):
                target.write_text(content)
            else:
                target.write_text(json.dumps(content, indent=1))
        if timestamp:
            (dest / "timestamp.txt").write_text(timestamp)
        return dest

    def autograde_one(self, assignment, student, force=True, attempts=3):
        """nbgrader autograde of one student, in this process, its scores the clean verdict's
        (:mod:`nncourse.clean_grades`): nbgrader's result dict + "clean" (what the clean run
        found: its tests and where the two runs disagree) + elapsed.

        A kernel that dies before it answers has run nothing of the submission: over TCP it binds
        its ports only once started, and when several kernels start at once another process can
        take one first. Grading is then tried again, up to ``attempts`` times in all.
        """
        start = time.monotonic()
        for _ in range(attempts):
            with clean_grades.collecting() as clean:
                result = self.api.autograde(assignment, student, force=force, create=True)
            if result.get("success") or KERNEL_START_FAILED not in (result.get("log") or "") + (result.get("error") or ""):
                break
        if result.get("success"):
            result["clean"] = clean
        result["elapsed"] = time.monotonic() - start
        return result

    def autograde(self, assignment, students=None, *, jobs=1, student_timeout=None, force=True, report=None):
        """Autograde ``students`` (default: everyone in submitted/) and return their Outcomes.

        ``jobs`` > 1 or a ``student_timeout`` grades each student in a worker process, its log in
        grading-logs/ASSIGNMENT/STUDENT.log (:mod:`nncourse.workers`); otherwise everything runs
        in this process, one student after another. Each Outcome is also saved in
        grading-logs/ASSIGNMENT/STUDENT.json (:func:`nncourse.outcomes.save`), for the class report. ``report(outcome)`` is called as each
        student finishes.
        """
        students = sorted(students if students is not None else self.submitted_students(assignment))
        graded = {}
        with self.gradebook() as gb:  # listed in the gradebook (and its CSV) even if grading fails
            for student in students:
                gb.update_or_create_student(student)
        logs = self.root / "grading-logs" / assignment
        parallel = jobs > 1 or student_timeout is not None

        def done(student, run):
            if run.get("killed"):  # a half-graded copy is not left behind
                shutil.rmtree(self.path("autograded_directory", student, assignment), ignore_errors=True)
            if parallel:
                with open(logs / f"{student}.log", "a") as fh:
                    fh.write("\n--- nbgrader log ---\n" + (run.get("log") or "") + (run.get("error") or ""))
            graded[student] = outcomes.classify(self, assignment, student, run)
            outcomes.save(graded[student], logs)
            if report:
                report(graded[student])

        if parallel:
            workers.run(_autograde_in_worker, {s: (self.config, assignment, s, force) for s in students},
                        jobs=jobs, timeout=student_timeout, logs=logs, done=done, preload=[__name__])
        else:
            for student in students:
                done(student, self.autograde_one(assignment, student, force))
        return [graded[s] for s in students]

    def scores(self, assignment, student):
        """Gradebook scores of one submission: {grade_id: (score or None, points)}, plus totals."""
        with self.gradebook() as gb:
            try:
                submission = gb.find_submission(assignment, student)
            except MissingEntry:
                return None
            many = len(submission.notebooks) > 1
            cells = {}
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    score = grade.manual_score if grade.manual_score is not None else grade.auto_score
                    cells[f"{notebook.name}:{grade.name}" if many else grade.name] = (score, grade.max_score)
            return {"score": submission.score, "max_score": submission.max_score, "cells": cells,
                    "needs_manual_grade": submission.needs_manual_grade}

    def feedback(self, assignment, students=None):
        """nbgrader generate_feedback for each autograded student; returns {student: [problems]}.

        Each page gets a summary that names its tests and MathJax of its own (:mod:`nncourse.feedback`),
        then is checked for the hidden tests of the source notebooks (there must be none).
        """
        if students is None:
            students = self.students("autograded_directory", assignment)
        hidden = set()
        for source in self.path("source_directory", ".", assignment).glob("*.ipynb"):
            for cell in subs.read(source).cells:
                hidden |= subs.region_lines(cell.source, subs.HIDDEN_REGION)
        report = {}
        for student in students:
            result = self.api.generate_feedback(assignment, student, force=True)
            problems = [] if result.get("success") else [outcomes.last_line(result.get("error")) or "failed"]
            for page in sorted(self.path("feedback_directory", student, assignment).glob("*.html")):
                feedback.finish(page, self.path("autograded_directory", student, assignment) / f"{page.stem}.ipynb")
                text = page.read_text(errors="replace")  # raw: also what a browser does not show
                problems += [f"{page.name} shows a hidden test line: {line!r}" for line in sorted(hidden) if line in text]
            report[student] = problems
        return report

    def export(self, path, exporter=None):
        """The whole gradebook exported to ``path`` by an nbgrader export plugin class: nbgrader's
        CSV by default, or :mod:`nncourse.lms`'s ``CanvasExport`` / ``MoodleExport``."""
        from nbgrader.plugins.export import CsvExportPlugin

        plugin = (exporter or CsvExportPlugin)(config=self.config)
        plugin.to = str(path)
        with self.gradebook() as gb:
            plugin.export(gb)
        return Path(path)


def _autograde_in_worker(config, assignment, student, force):
    """One student, graded in a worker process: the part of nbgrader's result that is sent back."""
    result = Course(config.CourseDirectory.root, config=config).autograde_one(assignment, student, force)
    return {k: result.get(k) for k in ("success", "error", "log", "elapsed", "clean")}
