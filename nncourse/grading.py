"""The instructor's grading pipeline, over nbgrader's own in-process API.

One command per step (``python -m nncourse.grading COMMAND ...``, wrapped by the Makefile)::

    release ASSIGNMENT...      solutions/ -> notebooks/ (nbgrader generate_assignment), checked for
                               leaked solutions; --exchange also releases to nbgrader's exchange
    collect ASSIGNMENT         submissions from the exchange -> submitted/
    zip-collect ASSIGNMENT     an LMS download in downloaded/ASSIGNMENT/archive -> submitted/
    autograde ASSIGNMENT       every submission, --jobs N at once (default: all cores)
    feedback ASSIGNMENT        feedback HTML (checked for hidden tests); --release to the exchange
    grades                     the gradebook as a CSV (nbgrader's exporter)

Each command prints what it did (counts, who failed and why) and exits with status 1 only when
the instructor must act (a submission that could not be graded, a leak, a failed nbgrader step).

Parallel autograding: nbgrader grades one submission at a time (jupyter/nbgrader#174). Here each
submission is graded by nbgrader's own ``Autograde`` in a separate worker process, forked from a
forkserver that has already imported nbgrader (a fresh interpreter would pay seconds of imports
per student), at most ``--jobs`` at a time, all writing to the one ``gradebook.db``. SQLite
serialises the writers: nbgrader's transactions are a few short inserts and updates, and the
connection waits up to 60 s for the lock (``?timeout=60`` on the database URL) instead of
failing at once; a student whose grading still hits "database is locked" is reported and can be
regraded alone. A worker that runs past ``--student-timeout`` (a loop that ignores the cell
timeout's interrupt) is killed together with its kernel, and that student is reported; nothing
else is affected.

The library side (:class:`Course`, :func:`temporary_course`) is what the tests use: make a
course in a temporary directory, generate an assignment, put made-up submissions in
``submitted/``, autograde, read scores per grade cell from the gradebook.
"""
import argparse
import contextlib
import copy
import dataclasses
import functools
import html
import json
import multiprocessing
import multiprocessing.connection
import os
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback
import warnings
from pathlib import Path

from traitlets.config import Config, PyFileConfigLoader

import nbgrader.api
from nbgrader.api import Gradebook, MissingEntry
from nbgrader import utils as nbgrader_utils
from nbgrader.apps import NbGraderAPI
from nbgrader.converters import Autograde, GenerateFeedback
from nbgrader.preprocessors import NbGraderPreprocessor, OverwriteCells
from traitlets import List, Unicode

from . import submissions as subs
from . import suspicious

REPO = Path(__file__).resolve().parents[1]
KERNEL_START_FAILED = "Kernel died before replying to kernel_info"  # jupyter_client's words
CONFIG_FILE = "nbgrader_config.py"

# Files a submission must not bring next to the notebook it is graded with: the kernel runs in
# that directory, which comes first on sys.path, so a module there (nnlib.py, or a package
# nnlib/ with its __init__.py) shadows the installed one and can fake the checks. nbgrader's
# collect, autograde and feedback steps skip files matching CourseDirectory.ignore (a package
# folder without its .py files is at most a namespace package, which never shadows a real one).
IMPORTABLE = ["*.py", "*.so", "*.pyd"]
DB_TIMEOUT = 60  # seconds a gradebook connection waits for SQLite's write lock

# nbgrader asks a subprocess (`alembic heads`) for the schema version every time it creates a
# gradebook, about 2 s each; the answer cannot change while we run.
nbgrader.api.get_alembic_version = functools.lru_cache(maxsize=None)(nbgrader.api.get_alembic_version)
# nbgrader's autoflush warnings about half-created submissions of notebooks that failed to grade.
warnings.filterwarnings("ignore", message=r".*not in session.*", module=r"nbgrader\.api")
warnings.filterwarnings("ignore", message=r".*not in session.*")


# --------------------------------------------------------------------------- configuration

def load_config(root=REPO, **overrides):
    """The course's nbgrader configuration, read from ``root/nbgrader_config.py``, hardened.

    ``overrides`` are dotted trait names, e.g. ``load_config(root, **{"Execute.timeout": 5})``.
    """
    root = Path(root).resolve()
    config = PyFileConfigLoader(CONFIG_FILE, path=str(root)).load_config() if (root / CONFIG_FILE).exists() else Config()
    config.CourseDirectory.root = str(root)
    for name, value in overrides.items():
        section, trait = name.rsplit(".", 1)
        setattr(config[section], trait, value)
    return harden(config)


def harden(config):
    """Settings our pipeline relies on whatever the course file says (see IMPORTABLE, DB_TIMEOUT)."""
    coursedir = config.CourseDirectory
    ignore = list(coursedir.ignore) if "ignore" in coursedir else [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]
    coursedir.ignore = ignore + [p for p in IMPORTABLE if p not in ignore]
    autograde = config.Autograde
    if "sanitize_preprocessors" not in autograde:
        default = Autograde.class_traits()["sanitize_preprocessors"].default()
        autograde.sanitize_preprocessors = [RestoreCells if p is OverwriteCells else p for p in default]
    feedback = config.GenerateFeedback
    steps = list(feedback.preprocessors) if "preprocessors" in feedback else \
        GenerateFeedback.class_traits()["preprocessors"].default()
    names = [p if isinstance(p, str) else f"{p.__module__}.{p.__name__}" for p in steps]
    if not any(n.endswith("ClearHiddenTracebacks") for n in names):
        where = [i for i, n in enumerate(names) if n.endswith("ClearHiddenTests")]
        if not where:  # nbgrader's default feedback shows hidden tests: never let it
            steps.append("nbgrader.preprocessors.ClearHiddenTests")
            where = [len(steps) - 1]
        steps.insert(where[0], ClearHiddenTracebacks)
        feedback.preprocessors = steps
    if "db_url" not in coursedir:
        coursedir.db_url = f"sqlite:///{Path(coursedir.root) / 'gradebook.db'}?timeout={DB_TIMEOUT}"
    return config


class RestoreCells(OverwriteCells):
    """nbgrader's OverwriteCells, with its restoring of deleted test cells fixed.

    nbgrader 0.9.6 puts a deleted test cell back right after the cell that precedes it in the
    source notebook and raises KeyError when that cell is gone too (an empty notebook, or an
    exercise deleted with its tests): the submission is then not graded at all. Here a restored
    cell goes after the nearest earlier cell that is still there (or first).
    """

    def add_missing_grade_cells(self, nb, resources):
        source_nb = self.gradebook.find_notebook(self.notebook_id, self.assignment_id)
        source_cells = source_nb.source_cells
        order = [cell.name for cell in source_cells]
        solution_ids = {cell.name for cell in source_nb.solution_cells}
        for grade_cell in source_nb.grade_cells:
            present = {subs.nbgrader_meta(c)["grade_id"]: i for i, c in enumerate(nb.cells)
                       if nbgrader_utils.is_grade(c) or nbgrader_utils.is_solution(c)}
            if grade_cell.name in present:
                continue
            self.log.warning(f"Missing grade cell {grade_cell.name} encountered, adding to notebook")
            position = order.index(grade_cell.name)
            restored = self.missing_cell_transform(source_cells[position], grade_cell.max_score,
                                                   is_solution=grade_cell.name in solution_ids)
            if grade_cell.name not in {c.get("id") for c in nb.cells}:
                restored["id"] = grade_cell.name
            earlier = [present[name] for name in order[:position] if name in present]
            nb.cells.insert(max(earlier) + 1 if earlier else 0, restored)
        return nb, resources


class ClearHiddenTracebacks(NbGraderPreprocessor):
    """Feedback: an error in a test cell with hidden tests is shown as its message only.

    ClearHiddenTests removes the hidden lines from the cell's source but not from its outputs,
    and an IPython traceback quotes the lines around the failing one: a test cell that fails
    with a NameError (the learner renamed or deleted the function) shows the hidden tests right
    below the visible ones in the feedback HTML. Must run before ClearHiddenTests (it looks for
    the marker); nnchecks' CheckFailed already renders as its message alone.
    """

    marker = Unicode("BEGIN HIDDEN TESTS", help="what marks a hidden test region").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and self.marker in cell.source:
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    output["traceback"] = [f"\x1b[0;31m{output.get('ename', 'Error')}\x1b[0m: {output.get('evalue', '')}"]
        return cell, resources


def temporary_course(assignments=(), *, overrides=None, parent=None, source=REPO):
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


class GradingError(RuntimeError):
    """An nbgrader step failed; the message has nbgrader's error and log."""


def _check(result, what):
    if not result.get("success"):
        raise GradingError(f"{what} failed:\n{result.get('error', '')}\n{result.get('log', '')}")
    return result


# --------------------------------------------------------------------------- outcomes

@dataclasses.dataclass
class Outcome:
    """What autograding did with one student's submission of one assignment."""
    student: str
    assignment: str
    status: str = "graded"          # "graded" or "failed" (not graded: the instructor must act)
    score: float = 0.0
    max_score: float = 0.0
    cells: dict = dataclasses.field(default_factory=dict)     # grade_id -> (score or None, points)
    problems: list = dataclasses.field(default_factory=list)  # why test cells lost points
    notices: list = dataclasses.field(default_factory=list)   # worth knowing, not lost points
    review: list = dataclasses.field(default_factory=list)    # code that could change its grading
    error: str = ""                 # why grading failed
    needs_manual_grade: bool = False
    elapsed: float = 0.0
    log: str = ""

    @property
    def must_act(self):
        return self.status != "graded" or self.needs_manual_grade or bool(self.review)

    def lines(self):
        state = "graded" if self.status == "graded" else "FAILED"
        head = f"{self.student:<16} {self.score:6.2f} / {self.max_score:<6.2f} {state:<7} {self.elapsed:6.1f} s"
        out = [head + (f"  {self.error}" if self.error else "")]
        out += [f"{'':18}lost {p}" for p in self.problems]
        out += [f"{'':18}note {n}" for n in self.notices]
        out += [f"{'':18}REVIEW {r}" for r in self.review]
        return out


ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _first_line(text, limit=160):
    text = ANSI.sub("", str(text)).strip()
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= limit else line[:limit - 3] + "..."


def _cell_problem(cell, timeout):
    """Why a graded cell of an autograded notebook did not get its points, in one line."""
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            name, value = output.get("ename", "Error"), _first_line(output.get("evalue", ""))
            if name == "CellTimeoutError":
                return f"timed out after {timeout} s (a loop that does not end?)"
            if name == "KeyboardInterrupt":
                return f"interrupted after the {timeout} s time limit (a loop that does not end?)"
            return f"{name}: {value}" if value else name
        if output.get("output_type") == "stream" and output.get("name") == "stderr":
            return f"wrote to stderr, which nbgrader counts as a failure: {_first_line(output.get('text', ''))}"
        if output.get("output_type") == "execute_result":
            return f"partial credit: {_first_line(output.get('data', {}).get('text/plain', ''))}"
    return "no error shown"


def _stuck_after(nb):
    """(cell id, n) if a cell timed out and every one of the n > 0 code cells after it timed out too:
    the interrupt did not stop the kernel, so nothing after that cell really ran."""
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    timed = [any(o.get("ename") == "CellTimeoutError" for o in c.get("outputs", [])) for c in code]
    if True in timed:
        first = timed.index(True)
        rest = timed[first + 1:]
        if rest and all(rest):
            return code[first].get("id", f"#{first}"), len(rest)
    return None


def html_text(path):
    """The visible text of an HTML file (tags removed, entities decoded)."""
    raw = Path(path).read_text(errors="replace")
    raw = re.sub(r"(?is)<(script|style)\b.*?</\1>", "", raw)
    return html.unescape(re.sub(r"<[^>]+>", "", raw))


# --------------------------------------------------------------------------- the course

class Course:
    """An nbgrader course directory, driven through nbgrader's in-process API."""

    def __init__(self, root=REPO, config=None, **overrides):
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

    def submitted_students(self, assignment):
        base = self.path("submitted_directory")
        return sorted(p.name for p in base.iterdir() if (p / assignment).is_dir()) if base.is_dir() else []

    # ---- steps

    def generate(self, assignment):
        """nbgrader generate_assignment: source -> release, and the gradebook's copy of the source."""
        return _check(self.api.generate_assignment(assignment, force=True, create=True),
                      f"generate_assignment {assignment}")

    def release_leaks(self, assignment):
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
        """nbgrader autograde of one student, in this process; nbgrader's result dict + elapsed.

        A kernel that dies before it answers has run nothing of the submission: over TCP it binds
        its ports only once started, and when several kernels start at once another process can
        take one first. Grading is then tried again, up to ``attempts`` times in all.
        """
        start = time.monotonic()
        for _ in range(attempts):
            result = self.api.autograde(assignment, student, force=force, create=True)
            if result.get("success") or KERNEL_START_FAILED not in (result.get("log") or "") + (result.get("error") or ""):
                break
        result["elapsed"] = time.monotonic() - start
        return result

    def autograde(self, assignment, students=None, *, jobs=1, student_timeout=None, force=True, report=None):
        """Autograde ``students`` (default: everyone in submitted/) and return their Outcomes.

        ``jobs`` > 1 or a ``student_timeout`` grades each student in a worker process (see the
        module docstring); otherwise everything runs in this process, one student after another.
        ``report(outcome)`` is called as each student finishes.
        """
        students = sorted(students if students is not None else self.submitted_students(assignment))
        outcomes = {}
        with self.gradebook() as gb:  # listed in the gradebook (and its CSV) even if grading fails
            for student in students:
                gb.update_or_create_student(student)

        def done(student, run):
            outcomes[student] = self.outcome(assignment, student, run)
            if report:
                report(outcomes[student])

        if jobs <= 1 and student_timeout is None:
            for student in students:
                done(student, self.autograde_one(assignment, student, force))
        else:
            _run_workers(self, assignment, students, jobs, student_timeout, force, done)
        return [outcomes[s] for s in students]

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

    def outcome(self, assignment, student, run):
        """Read what nbgrader did (its result dict ``run``, the gradebook, the notebooks) into an Outcome."""
        out = Outcome(student, assignment, elapsed=run.get("elapsed", 0.0),
                      log=(run.get("log") or "") + (run.get("error") or ""))
        submitted = self.path("submitted_directory", student, assignment)
        expected = self.notebooks(assignment)
        present = sorted(p.stem for p in submitted.glob("*.ipynb"))
        for name in sorted(set(expected) - set(present)):
            if set(expected) & set(present):
                out.notices.append(f"notebook {name}.ipynb was not submitted: it scores 0")
        if set(expected) & set(present):  # (with none of them, the failure says what was found)
            for name in sorted(set(present) - set(expected)):
                out.notices.append(f"{name}.ipynb is not a notebook of {assignment}: ignored")
        ignored = self.ignored_files(submitted)
        if ignored:
            out.notices.append(f"not used for grading (could shadow modules the tests import): {', '.join(ignored)}")
        if re.search(r"is (\d+(\.\d+)?) seconds late", out.log):
            out.notices.append("late: " + re.search(r"is ([\d.]+) seconds late", out.log).group(0))

        scores = self.scores(assignment, student)
        if scores:
            out.score, out.max_score = float(scores["score"] or 0), float(scores["max_score"] or 0)
            out.cells, out.needs_manual_grade = scores["cells"], scores["needs_manual_grade"]
        else:
            with contextlib.suppress(MissingEntry), self.gradebook() as gb:
                out.max_score = float(gb.find_assignment(assignment).max_score)

        if not run.get("success"):
            out.status, out.error = "failed", self._failure(run, submitted, expected, present)
            return out
        timeout = self.config.Execute.get("timeout", 30)
        for name in expected:
            if name not in present:
                continue
            self._tampering(out, assignment, name, submitted / f"{name}.ipynb")
            graded = self.path("autograded_directory", student, assignment) / f"{name}.ipynb"
            if not graded.exists():
                continue
            nb = subs.read(graded)
            stuck = _stuck_after(nb)
            if stuck:
                out.status = "failed"
                out.error = (f"the kernel stayed busy after the {timeout} s limit in cell {stuck[0]} (a loop "
                             f"that ignores interrupts?): the {stuck[1]} code cells after it could not run, "
                             "so their scores mean nothing")
            for cell in nb.cells:
                meta = subs.nbgrader_meta(cell)
                if not meta.get("grade"):
                    continue
                key = f"{name}:{meta['grade_id']}" if len(expected) > 1 else meta["grade_id"]
                score, points = out.cells.get(key, (None, meta.get("points", 0)))
                if score is None or score < points:
                    out.problems.append(f"{key} ({(score or 0):g}/{points:g}): {_cell_problem(cell, timeout)}")
        if out.needs_manual_grade:
            out.notices.append("some cells need manual grading (formgrader)")
        return out

    def ignored_files(self, directory):
        """Files under ``directory`` that grading leaves out because of IMPORTABLE."""
        from nbgrader.utils import find_all_files

        if not Path(directory).is_dir():
            return []
        everything = {Path(p) for p in find_all_files(str(directory), [])}
        default = {Path(p) for p in find_all_files(str(directory), [i for i in self.coursedir.ignore if i not in IMPORTABLE])}
        used = {Path(p) for p in find_all_files(str(directory), self.coursedir.ignore)}
        return sorted(str(p.relative_to(directory)) for p in (everything & default) - used)

    def _failure(self, run, submitted, expected, present):
        """Why nbgrader could not grade a submission, in words an instructor can act on."""
        text = (run.get("log") or "") + "\n" + (run.get("error") or "")
        where = submitted.relative_to(self.root) if submitted.is_relative_to(self.root) else submitted
        if run.get("killed"):
            return (f"grading ran longer than {run['killed']} s and was stopped, kernel killed "
                    "(a loop that ignores interrupts?)")
        if not submitted.is_dir():
            return f"no submission directory {where}"
        if expected and not set(expected) & set(present):
            files = sorted(p.name for p in submitted.iterdir() if p.name != "timestamp.txt")
            if present:
                return (f"no notebook named {', '.join(n + '.ipynb' for n in expected)}; found "
                        f"{', '.join(n + '.ipynb' for n in present)}: rename it in {where} and autograde again")
            return f"the submission has no notebook (files: {', '.join(files) or 'none'})"
        if "NotJSONError" in text or "does not appear to be JSON" in text or "JSONDecodeError" in text:
            return "a notebook file is not valid JSON (corrupted, or not a notebook): grade it by hand"
        if "DeadKernelError" in text or "Kernel died" in text:
            return ("the kernel died while the notebook ran (os._exit, exit(), a crash or out of memory); "
                    "nothing was graded: look at the notebook")
        if "ValidationError" in text or "validate" in text and "nbformat" in text:
            return "a notebook does not follow the notebook format: " + _first_line(text.split("ValidationError")[-1])
        if "database is locked" in text:
            return "the gradebook was busy (database is locked): autograde this student again"
        if run.get("exitcode") not in (None, 0):
            return f"the grading process ended with exit code {run['exitcode']}"
        last = [line for line in ANSI.sub("", run.get("error") or "").splitlines() if line.strip()]
        return "nbgrader failed: " + (_first_line(last[-1]) if last else "see the log")

    def _tampering(self, out, assignment, name, submitted_path):
        """Notices for read-only cells a learner deleted or edited (nbgrader restores them), and
        review items for code the learner wrote that reaches into grading (nncourse/suspicious.py)."""
        released = self.path("release_directory", ".", assignment) / f"{name}.ipynb"
        if not released.exists():
            return
        released = subs.read(released)
        try:
            mine = subs.read(submitted_path)
        except Exception:  # noqa: BLE001 - reported as a failure elsewhere
            return
        if not [c for c in mine.cells if subs.nbgrader_meta(c).get("grade_id")]:
            out.notices.append(f"{name}.ipynb has none of the assignment's cells (empty, or another notebook?)")
        theirs = {subs.nbgrader_meta(c).get("grade_id"): c for c in mine.cells if subs.nbgrader_meta(c).get("grade_id")}
        source = self.path("source_directory", ".", assignment) / f"{name}.ipynb"
        instructor = {}
        if source.exists():
            instructor = {subs.nbgrader_meta(c).get("grade_id"): c.source for c in subs.read(source).cells}
        deleted, edited = [], []
        for cell in released.cells:
            meta = subs.nbgrader_meta(cell)
            if not meta.get("locked"):
                continue
            got = theirs.get(meta["grade_id"])
            if got is None:
                deleted.append(meta["grade_id"])
            elif got.source not in (cell.source, instructor.get(meta["grade_id"])) \
                    or subs.nbgrader_meta(got).get("grade") != meta.get("grade") \
                    or subs.nbgrader_meta(got).get("points") != meta.get("points"):
                edited.append(meta["grade_id"])
        for label, code in suspicious.learner_code(mine, released):
            found = suspicious.findings(code)
            if found:
                out.review.append(f"{name}.ipynb, {label} reaches into grading or runs code built at run time "
                                  f"({'; '.join(found)}): read it before trusting this score")
        if deleted:
            out.notices.append(f"read-only cells deleted, restored for grading: {', '.join(deleted)}")
        if edited:
            out.notices.append(f"read-only cells edited, the instructor's version was used: {', '.join(edited)}")

    def feedback(self, assignment, students=None):
        """nbgrader generate_feedback for each autograded student; returns {student: [problems]}.

        The HTML is checked for the hidden tests of the source notebooks (there must be none).
        """
        base = self.path("autograded_directory")
        if students is None:
            students = sorted(p.name for p in base.iterdir() if (p / assignment).is_dir()) if base.is_dir() else []
        hidden = set()
        for source in self.path("source_directory", ".", assignment).glob("*.ipynb"):
            for cell in subs.read(source).cells:
                hidden |= subs.region_lines(cell.source, subs.HIDDEN_REGION)
        report = {}
        for student in students:
            result = self.api.generate_feedback(assignment, student, force=True)
            problems = [] if result.get("success") else [_first_line((result.get("error") or "").strip().splitlines()[-1:] or "failed")]
            for page in sorted(self.path("feedback_directory", student, assignment).glob("*.html")):
                text = html_text(page)
                problems += [f"{page.name} shows a hidden test line: {line!r}" for line in sorted(hidden) if line in text]
            report[student] = problems
        return report

    def export(self, path):
        """nbgrader's CSV export of the whole gradebook to ``path``."""
        from nbgrader.plugins.export import CsvExportPlugin

        plugin = CsvExportPlugin(config=self.config)
        plugin.to = str(path)
        with self.gradebook() as gb:
            plugin.export(gb)
        return Path(path)


# --------------------------------------------------------------------------- parallel workers

def _grade_in_worker(config, assignment, student, force, conn, log_path):
    """Body of one worker process: grade one student, send nbgrader's result dict back."""
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")  # the kernel inherits it: one BLAS thread per parallel kernel
    fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(fd, 1)  # the kernel's own chatter goes to the student's log, not the terminal
    os.dup2(fd, 2)
    try:
        result = Course(config.CourseDirectory.root, config=config).autograde_one(assignment, student, force)
    except BaseException:  # noqa: BLE001 - anything at all is reported, never raised
        result = {"success": False, "error": traceback.format_exc()}
    conn.send({k: result.get(k) for k in ("success", "error", "log", "elapsed")})
    conn.close()


@functools.lru_cache(maxsize=None)
def _context():
    if sys.platform == "win32" or "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([__name__])
    return ctx


def _descendants(pid):
    """Processes below ``pid`` (Linux /proc; empty elsewhere)."""
    children = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _kill_tree(pid):
    """SIGKILL ``pid``, everything below it, and the process groups its kernels lead."""
    victims = _descendants(pid)
    own_group = os.getpgrp()
    for victim in [pid] + victims:
        with contextlib.suppress(OSError):
            if victim != pid and os.getpgid(victim) == victim != own_group:
                os.killpg(victim, signal.SIGKILL)
            os.kill(victim, signal.SIGKILL)


def _run_workers(course, assignment, students, jobs, student_timeout, force, done):
    ctx = _context()
    logs = course.root / "grading-logs" / assignment
    logs.mkdir(parents=True, exist_ok=True)
    pending, running = list(students), {}
    try:
        while pending or running:
            while pending and len(running) < max(1, jobs):
                student = pending.pop(0)
                reader, writer = ctx.Pipe(duplex=False)
                log_path = logs / f"{student}.log"
                proc = ctx.Process(target=_grade_in_worker, name=f"autograde-{student}",
                                   args=(course.config, assignment, student, force, writer, str(log_path)))
                proc.start()
                writer.close()
                running[student] = {"proc": proc, "reader": reader, "start": time.monotonic(),
                                    "result": None, "log": log_path}
            waits = [job["proc"].sentinel for job in running.values()] + [
                job["reader"] for job in running.values() if job["result"] is None]
            timeout = None
            if student_timeout:
                timeout = max(0.0, min(job["start"] + student_timeout for job in running.values()) - time.monotonic())
            multiprocessing.connection.wait(waits, timeout=timeout)
            for student, job in list(running.items()):
                if job["result"] is None and job["reader"].poll():
                    with contextlib.suppress(EOFError, OSError):
                        job["result"] = job["reader"].recv()
                elapsed = time.monotonic() - job["start"]
                if not job["proc"].is_alive():
                    job["proc"].join()
                    if job["result"] is None and job["reader"].poll():
                        with contextlib.suppress(EOFError, OSError):
                            job["result"] = job["reader"].recv()
                    run = job["result"] or {"success": False, "exitcode": job["proc"].exitcode,
                                            "error": f"worker exited with code {job['proc'].exitcode}"}
                elif student_timeout and elapsed > student_timeout:
                    _kill_tree(job["proc"].pid)
                    job["proc"].join()
                    shutil.rmtree(course.path("autograded_directory", student, assignment), ignore_errors=True)
                    run = {"success": False, "killed": student_timeout, "error": "killed"}
                else:
                    continue
                run["elapsed"] = elapsed
                job["reader"].close()
                with open(job["log"], "a") as fh:
                    fh.write("\n--- nbgrader log ---\n" + (run.get("log") or "") + (run.get("error") or ""))
                del running[student]
                done(student, run)
    finally:
        for job in running.values():
            _kill_tree(job["proc"].pid)


# --------------------------------------------------------------------------- zip collect

def _zip_collect(course, assignment, regexp=None, force=True):
    """nbgrader zip_collect, in-process.

    With a ``regexp`` (or FileNameCollectorPlugin.named_regexp in the course configuration) that
    names ``student_id`` and ``file_id``, nbgrader's own collector reads the file names of your
    LMS. Without one, a file belongs to the student named by its folder (``alice/03_cost.ipynb``)
    or by the part of its name before the first underscore (``alice_03_cost.ipynb``).
    """
    from nbgrader.apps.zipcollectapp import ZipCollectApp
    from nbgrader.utils import capture_log

    config = copy.deepcopy(course.config)
    if regexp:
        config.FileNameCollectorPlugin.named_regexp = regexp
    if not config.FileNameCollectorPlugin.get("named_regexp"):
        config.ZipCollectApp.collector_plugin = FolderOrPrefixCollector
        config.FolderOrPrefixCollector.extracted = str(course.root / "downloaded" / assignment / "extracted")
        config.FolderOrPrefixCollector.notebooks = [f"{n}.ipynb" for n in course.notebooks(assignment)]
    config.ZipCollectApp.force = force
    app = ZipCollectApp(config=config)
    app.coursedir = course.coursedir
    course.coursedir.assignment_id = assignment

    class _Steps:  # what ZipCollectApp.start does, without its command-line start-up
        log = app.log

        @staticmethod
        def start():
            app.init_plugins()
            app.extract_archive_files()
            app.process_extracted_files()

    try:
        return capture_log(_Steps)
    finally:
        course.coursedir.assignment_id = ""


from nbgrader.plugins.zipcollect import FileNameCollectorPlugin  # noqa: E402


class FolderOrPrefixCollector(FileNameCollectorPlugin):
    """Whose file is it: ``STUDENT_NB.ipynb`` (a notebook name after the first underscore) or
    ``STUDENT/ANYTHING.ipynb`` (the folder holding it). A misnamed notebook keeps its name, so
    that autograde reports it rather than grading the wrong file."""

    extracted = Unicode("", help="the zip_collect extracted directory").tag(config=True)
    notebooks = List([], help="file names of the assignment's notebooks").tag(config=True)

    def collect(self, submitted_file):
        if os.path.splitext(submitted_file)[1] not in self.valid_ext:
            return None
        parts = Path(submitted_file).relative_to(self.extracted).parts
        name = parts[-1]
        student, sep, rest = name.partition("_")
        if name not in self.notebooks and sep and rest in self.notebooks:
            return {"student_id": student, "file_id": rest}
        if len(parts) >= 2:
            return {"student_id": parts[-2], "file_id": name}
        if sep and student:
            return {"student_id": student, "file_id": rest}
        self.log.warning("Cannot tell whose file this is: %s", submitted_file)
        return None


# --------------------------------------------------------------------------- command line

def _say(*lines):
    for line in lines:
        print(line, flush=True)


def cmd_release(course, args):
    status = 0
    for assignment in args.assignments or course.assignments():
        result = course.api.generate_assignment(assignment, force=True, create=True)
        if not result.get("success"):
            _say(f"{assignment}: generate_assignment FAILED", _first_line((result.get("error") or "").strip().splitlines()[-1]))
            status = 1
            continue
        notebooks = sorted(course.path("source_directory", ".", assignment).glob("*.ipynb"))
        nb = [subs.read(p) for p in notebooks]
        points = sum(sum(subs.test_cells(n).values()) for n in nb)
        exercises = sum(len(subs.exercises(n)) for n in nb)
        leaks = course.release_leaks(assignment)
        where = course.path("release_directory", ".", assignment).relative_to(course.root)
        _say(f"{assignment}: {len(nb)} notebook(s), {exercises} exercises, {points:g} points -> {where}/")
        for leak in leaks:
            _say(f"  LEAK {leak}")
        if leaks:
            status = 1
            continue
        if args.exchange:
            for line in _prepare_exchange(course):
                _say("  " + line)
                status = 1 if line.startswith("ACT") else status
            config = copy.deepcopy(course.config)
            config.ExchangeReleaseAssignment.force = args.force
            exchange = Course(course.root, config=config).api
            result = exchange.release_assignment(assignment)
            ok = result.get("success")
            _say(f"  exchange: {'released to ' + str(exchange.exchange_root) if ok else 'FAILED'}")
            if not ok:
                _say("  " + _first_line((result.get("error") or result.get("log") or "").strip().splitlines()[-1]))
                status = 1
    return status


def _prepare_exchange(course):
    """The exchange root must be world-writable (students create their inbox entries) and sticky,
    like /tmp, so that nobody can rename or delete what another user made there; nbgrader creates
    it 0777 without the sticky bit (and keeps the bit if it is already set)."""
    root = Path(course.config.Exchange.get("root", "/srv/nbgrader/exchange"))
    if not root.exists():
        root.mkdir(parents=True)
        root.chmod(0o1777)
        return [f"created the exchange {root} (mode 1777)"]
    mode = root.stat().st_mode & 0o7777
    if mode & 0o1000:
        return []
    if root.stat().st_uid == os.geteuid():
        root.chmod(mode | 0o1000 | 0o777)
        return [f"exchange {root}: mode {mode:o} -> {mode | 0o1777:o} (sticky, so students cannot "
                "rename or delete the course folder)"]
    return [f"ACT: the exchange {root} is not sticky (mode {mode:o}) and not yours: "
            f"`chmod 1777 {root}` as its owner"]


def _quarantine_forged(course, assignment):
    """Submissions in the exchange made by one account in another student's name (the inbound
    folder is writable by every student) are renamed to .forged-NAME, which nbgrader's collect
    skips; nbgrader itself only logs a warning and collects them."""
    import pwd

    inbound = Path(course.config.Exchange.get("root", "/srv/nbgrader/exchange")) / course.course_id / "inbound"
    lines = []
    for entry in sorted(inbound.glob(f"*+{assignment}+*")) if inbound.is_dir() else []:
        try:
            owner = pwd.getpwuid(entry.stat().st_uid).pw_name
        except KeyError:
            owner = f"uid {entry.stat().st_uid}"
        student = entry.name.split("+")[0]
        if owner != student:
            entry.rename(entry.with_name(f".forged-{entry.name}"))
            lines.append(f"ACT: a submission in the name of {student} was made by {owner}: not collected "
                         f"(left in the exchange as .forged-{entry.name})")
    return lines


def cmd_collect(course, args):
    forged = _quarantine_forged(course, args.assignment) if course.config.ExchangeCollect.get("check_owner", True) else []
    result = course.api.collect(args.assignment, update=True)
    log = result.get("log") or ""
    if not result.get("success"):
        _say(f"{args.assignment}: collect FAILED: " + _first_line((result.get("error") or "").strip().splitlines()[-1]))
        return 1
    new = re.findall(r"Collecting submission: (\S+)", log)
    updated = re.findall(r"Updating submission: (\S+)", log)
    same = re.findall(r"No newer submission to collect: (\S+)", log)
    forged += [f"ACT: {path} claims to be from {student} but belongs to {owner}" for path, student, owner in
               re.findall(r"(\S+) claims to be submitted by (\S+) but is owned by (\S+)", log)]
    _say(f"{args.assignment}: {len(new)} new, {len(updated)} updated, {len(same)} unchanged submissions "
         f"-> {course.path('submitted_directory').relative_to(course.root)}/")
    for line in forged:
        _say("  " + line)
    status = 1 if forged else 0
    _say(*_check_submissions(course, args.assignment, new + updated))
    return status


def _check_submissions(course, assignment, students):
    expected = set(course.notebooks(assignment))
    lines = []
    for student in students:
        present = {p.stem for p in course.path("submitted_directory", student, assignment).glob("*.ipynb")}
        if not expected & present:
            lines.append(f"  {student}: no {' / '.join(sorted(n + '.ipynb' for n in expected))} "
                         f"(found: {', '.join(sorted(p + '.ipynb' for p in present)) or 'no notebook'}); "
                         "autograde will report it")
    return lines


def cmd_zip_collect(course, args):
    archive = course.root / "downloaded" / args.assignment / "archive"
    for item in args.files or []:
        archive.mkdir(parents=True, exist_ok=True)
        shutil.copy(item, archive / Path(item).name)
    if not archive.is_dir() or not any(archive.iterdir()):
        _say(f"{args.assignment}: nothing to collect: put the LMS download (zip files or notebooks) in "
             f"{archive.relative_to(course.root)}/")
        return 1
    result = _zip_collect(course, args.assignment, args.regexp)
    log = result.get("log") or ""
    students = sorted(set(re.findall(r"Copying to: .*?/" + re.escape(course.coursedir.submitted_directory)
                                      + r"/([^/]+)/", log)))
    skipped = re.findall(r"Skipped submission with no match information provided: (.*)", log)
    _say(f"{args.assignment}: {len(students)} students collected from {archive.relative_to(course.root)}/ "
         f"-> {course.path('submitted_directory').relative_to(course.root)}/")
    for item in skipped:
        _say(f"  skipped (file name not understood): {Path(item).name}")
    _say(*_check_submissions(course, args.assignment, students))
    if not result.get("success"):
        _say("zip_collect FAILED: " + _first_line((result.get("error") or "").strip().splitlines()[-1]))
        return 1
    return 0


def cmd_autograde(course, args):
    students = args.students.split(",") if args.students else course.submitted_students(args.assignment)
    if not students:
        _say(f"{args.assignment}: no submissions in {course.path('submitted_directory', '*', args.assignment)}")
        return 0
    jobs = args.jobs or os.cpu_count() or 1
    _say(f"{args.assignment}: autograding {len(students)} submissions, {jobs} at a time")
    start = time.monotonic()
    outcomes = course.autograde(args.assignment, students, jobs=jobs,
                                student_timeout=args.student_timeout, report=lambda o: _say(*o.lines()))
    failed = [o.student for o in outcomes if o.status != "graded" or o.needs_manual_grade]
    graded = [o for o in outcomes if o.student not in failed]
    review = [o.student for o in graded if o.review]
    mean = sum(o.score for o in graded) / len(graded) if graded else 0.0
    _say(f"{args.assignment}: {len(graded)} graded (mean {mean:.2f} / {outcomes[0].max_score:g}), "
         f"{len(failed)} failed, {time.monotonic() - start:.0f} s")
    if failed:
        _say(f"ACT: not graded: {', '.join(failed)}; their logs are in "
             f"{(course.root / 'grading-logs' / args.assignment).relative_to(course.root)}/; "
             "fix the submission (or grade by hand in formgrader) and run autograde again for them "
             "with --students")
    if review:
        _say(f"ACT: graded, but read their code before trusting the score: {', '.join(review)} (the REVIEW "
             "lines above say which cell and line); change a score by hand in formgrader if needed")
    return 1 if failed or review else 0


def cmd_feedback(course, args):
    report = course.feedback(args.assignment)
    bad = {s: p for s, p in report.items() if p}
    _say(f"{args.assignment}: feedback for {len(report) - len(bad)} of {len(report)} students -> "
         f"{course.path('feedback_directory').relative_to(course.root)}/")
    for student, problems in bad.items():
        for problem in problems:
            _say(f"  {student}: {problem}")
    if bad:
        _say("ACT: feedback not released")
        return 1
    if args.release:
        result = course.api.release_feedback(args.assignment)
        released = re.findall(r"Releasing feedback for student '([^']+)'", result.get("log") or "")
        if not result.get("success"):
            _say("release_feedback FAILED: " + _first_line((result.get("error") or "").strip().splitlines()[-1]))
            return 1
        _say(f"  released to the exchange: {len(set(released)) or len(report)} students")
    return 0


def cmd_grades(course, args):
    path = course.export(args.out)
    rows = path.read_text().splitlines()[1:]
    _say(f"{len(rows)} rows (student x assignment) -> {path}")
    manual = []
    with course.gradebook() as gb:
        for assignment in gb.assignments:
            graded = set()
            for submission in assignment.submissions:
                graded.add(submission.student.id)
                if submission.needs_manual_grade:
                    manual.append(f"{assignment.name}/{submission.student.id}")
            manual += [f"{assignment.name}/{s}" for s in course.submitted_students(assignment.name) if s not in graded]
    if manual:
        _say(f"ACT: {len(manual)} submissions were not fully graded (score 0 in the CSV until graded): "
             + ", ".join(sorted(manual)))
        return 1
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m nncourse.grading", description=__doc__.split("\n\n")[0])
    parser.add_argument("--course", default=".", help="the course directory (default: the current one)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("release", help="solutions/ -> notebooks/ (+ exchange)")
    p.add_argument("assignments", nargs="*")
    p.add_argument("--exchange", action="store_true", help="also release to nbgrader's exchange")
    p.add_argument("--force", action="store_true", help="replace an assignment already in the exchange")
    p = sub.add_parser("collect", help="exchange -> submitted/")
    p.add_argument("assignment")
    p = sub.add_parser("zip-collect", help="downloaded/ASSIGNMENT/archive -> submitted/")
    p.add_argument("assignment")
    p.add_argument("files", nargs="*", help="zip files or notebooks to copy into the archive folder first")
    p.add_argument("--regexp", help="FileNameCollectorPlugin.named_regexp for your LMS's file names")
    p = sub.add_parser("autograde", help="grade every submission of an assignment")
    p.add_argument("assignment")
    p.add_argument("--jobs", type=int, default=0, help="submissions graded at once (default: all cores)")
    p.add_argument("--students", help="comma-separated student ids (default: all in submitted/)")
    p.add_argument("--student-timeout", type=float, default=900,
                   help="seconds before one student's grading is stopped (default 900)")
    p = sub.add_parser("feedback", help="feedback HTML for every autograded submission")
    p.add_argument("assignment")
    p.add_argument("--release", action="store_true", help="also release it to the exchange")
    p = sub.add_parser("grades", help="export the gradebook to CSV")
    p.add_argument("--out", default="grades.csv")
    args = parser.parse_args(argv)
    course = Course(Path(args.course))
    commands = {"release": cmd_release, "collect": cmd_collect, "zip-collect": cmd_zip_collect,
                "autograde": cmd_autograde, "feedback": cmd_feedback, "grades": cmd_grades}
    return commands[args.command](course, args)


if __name__ == "__main__":
    sys.exit(main())
