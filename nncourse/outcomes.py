"""What happened to one submission when it was autograded, in words an instructor can act on.

:func:`classify` reads nbgrader's result, the gradebook and the notebooks into an
:class:`Outcome`: graded or failed (and why), the score per grade cell, why test cells lost
points in the clean run (:mod:`nncourse.clean_grades`), what is worth knowing (deleted or edited
read-only cells, files left out), and where the notebook's own run and the clean run disagree.
"""
import dataclasses
import json
import re
from pathlib import Path

from nbgrader.api import MissingEntry

from nncourse import submissions as subs
from nncourse.notebook_run import STOPPED

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


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
    lost: dict = dataclasses.field(default_factory=dict)      # grade_id -> why it lost points (one line)
    notices: list = dataclasses.field(default_factory=list)   # worth knowing, not lost points
    review: list = dataclasses.field(default_factory=list)    # the two runs disagree: read it
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


def save(outcome, folder):
    """Write ``outcome`` (without its log) to ``folder/STUDENT.json``, for the class report."""
    data = {k: v for k, v in dataclasses.asdict(outcome).items() if k != "log"}
    Path(folder).mkdir(parents=True, exist_ok=True)
    (Path(folder) / f"{outcome.student}.json").write_text(json.dumps(data, indent=1))


def load(folder):
    """{student: Outcome} of the outcomes :func:`save` wrote to ``folder``."""
    found = {}
    for path in sorted(Path(folder).glob("*.json")) if Path(folder).is_dir() else []:
        data = json.loads(path.read_text())
        data["cells"] = {k: tuple(v) for k, v in data.get("cells", {}).items()}
        found[data["student"]] = Outcome(**data)
    return found


def first_line(text, limit=160):
    """The first line of ``text`` without terminal colours, cut to ``limit`` characters."""
    text = ANSI.sub("", str(text)).strip()
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= limit else line[:limit - 3] + "..."


def check_message(text):
    """The first line of a check's message, without the exception's name ("CheckFailed: ")."""
    return re.sub(r"^CheckFailed: ", "", first_line(text))


def last_line(text):
    """The last non-empty line of ``text`` (where a Python traceback says what went wrong), cut."""
    lines = [line for line in ANSI.sub("", str(text or "")).splitlines() if line.strip()]
    return first_line(lines[-1]) if lines else ""


def cell_problem(cell, timeout):
    """Why a graded cell of an autograded notebook did not get its points, in one line."""
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            name, value = output.get("ename", "Error"), first_line(output.get("evalue", ""))
            if name == "CellTimeoutError":
                return f"timed out after {timeout} s (a loop that does not end?)"
            if name == "KeyboardInterrupt":
                return f"interrupted after the {timeout} s time limit (a loop that does not end?)"
            return f"{name}: {value}" if value else name
        if output.get("output_type") == "stream" and output.get("name") == "stderr":
            return f"wrote to stderr, which nbgrader counts as a failure: {first_line(output.get('text', ''))}"
        if output.get("output_type") == "execute_result":
            return f"partial credit: {first_line(output.get('data', {}).get('text/plain', ''))}"
    return "no error shown"


def stuck_after(nb):
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


def classify(course, assignment, student, run):
    """Read what nbgrader did (its result dict ``run``, the gradebook, the notebooks) into an Outcome."""
    out = Outcome(student, assignment, elapsed=run.get("elapsed", 0.0),
                  log=(run.get("log") or "") + (run.get("error") or ""))
    submitted = course.path("submitted_directory", student, assignment)
    expected = course.notebooks(assignment)
    present = sorted(p.stem for p in submitted.glob("*.ipynb"))
    if set(expected) & set(present):  # (with none of them, the failure says what was found)
        out.notices += [f"notebook {name}.ipynb was not submitted: it scores 0"
                        for name in sorted(set(expected) - set(present))]
        out.notices += [f"{name}.ipynb is not a notebook of {assignment}: ignored"
                        for name in sorted(set(present) - set(expected))]
    ignored = course.ignored_files(submitted)
    if ignored:
        out.notices.append(f"not used for grading (could shadow modules the tests import): {', '.join(ignored)}")
    late = re.search(r"is ([\d.]+) seconds late", out.log)
    if late:
        out.notices.append("late: " + late.group(0))

    scores = course.scores(assignment, student)
    if scores:
        out.score, out.max_score = float(scores["score"] or 0), float(scores["max_score"] or 0)
        out.cells, out.needs_manual_grade = scores["cells"], scores["needs_manual_grade"]
    else:
        with course.gradebook() as gb:
            try:
                out.max_score = float(gb.find_assignment(assignment).max_score)
            except MissingEntry:
                pass

    if not run.get("success"):
        out.status, out.error = "failed", _failure(course, run, submitted, expected, present)
        return out
    timeout = course.config.Execute.get("timeout", 30)
    for name in expected:
        if name not in present:
            continue
        _tampering(course, out, assignment, name, submitted / f"{name}.ipynb")
        graded = course.path("autograded_directory", student, assignment) / f"{name}.ipynb"
        if not graded.exists():
            continue
        nb = subs.read(graded)
        stuck = stuck_after(nb)
        if stuck:  # the clean run graded every test all the same
            out.notices.append(f"the notebook's own run stayed busy after the {timeout} s limit in cell {stuck[0]} "
                               f"(a loop that ignores interrupts?): the feedback shows no output for the "
                               f"{stuck[1]} code cells after it")
        stopped = [o.get("evalue", "") for c in nb.cells for o in c.get("outputs", []) if o.get("ename") == STOPPED]
        if stopped:
            out.notices.append(f"the notebook's own run stopped ({first_line(stopped[0])}): the feedback shows "
                               "no outputs; the clean run graded every test")
        clean = (run.get("clean") or {}).get("tests", {})
        for cell in nb.cells:
            meta = subs.nbgrader_meta(cell)
            if not meta.get("grade"):
                continue
            key = subs.test_key(name, meta["grade_id"], len(expected) > 1)
            score, points = out.cells.get(key, (None, meta.get("points", 0)))
            if score is None or score < points:
                why = clean[key][2] if key in clean and clean[key][2] else cell_problem(cell, timeout)
                out.lost[key] = first_line(why)
                out.problems.append(f"{key} ({(score or 0):g}/{points:g}): {out.lost[key]}")
    out.review += [f"{d}: the gradebook holds the clean run's score" for d in (run.get("clean") or {}).get("disagreements", [])]
    if out.needs_manual_grade:
        out.notices.append("some cells need manual grading (formgrader)")
    return out


def _failure(course, run, submitted, expected, present):
    """Why nbgrader could not grade a submission, in words an instructor can act on."""
    text = (run.get("log") or "") + "\n" + (run.get("error") or "")
    where = submitted.relative_to(course.root) if submitted.is_relative_to(course.root) else submitted
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
        return "a notebook does not follow the notebook format: " + first_line(text.split("ValidationError")[-1])
    if "database is locked" in text:
        return "the gradebook was busy (database is locked): autograde this student again"
    if run.get("exitcode") not in (None, 0):
        return f"the grading process ended with exit code {run['exitcode']}"
    return "nbgrader failed: " + (last_line(run.get("error")) or "see the log")


def _tampering(course, out, assignment, name, submitted_path):
    """Notices for read-only cells a learner deleted or edited (nbgrader restores them)."""
    released = course.path("release_directory", ".", assignment) / f"{name}.ipynb"
    if not released.exists():
        return
    released = subs.read(released)
    try:
        mine = subs.read(submitted_path)
    except Exception:  # noqa: BLE001 - reported as a failure elsewhere
        return
    theirs = {subs.nbgrader_meta(c).get("grade_id"): c for c in mine.cells if subs.nbgrader_meta(c).get("grade_id")}
    if not theirs:
        out.notices.append(f"{name}.ipynb has none of the assignment's cells (empty, or another notebook?)")
    source = course.path("source_directory", ".", assignment) / f"{name}.ipynb"
    instructor = {subs.nbgrader_meta(c).get("grade_id"): c.source for c in subs.read(source).cells} \
        if Path(source).exists() else {}
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
    if deleted:
        out.notices.append(f"read-only cells deleted, restored for grading: {', '.join(deleted)}")
    if edited:
        out.notices.append(f"read-only cells edited, the instructor's version was used: {', '.join(edited)}")
