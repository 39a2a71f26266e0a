"""Getting notebooks to students and their submissions back: nbgrader's exchange, or an LMS.

Through the exchange (one machine or a JupyterHub): :func:`release` puts an assignment there
(:func:`make_sticky` first makes its root like /tmp), :func:`collect` copies the submissions to
``submitted/`` after :func:`quarantine_forged` has set aside those made in another student's
name. From an LMS: :func:`zip_collect` unpacks a download (zip files or notebooks) into
``submitted/``. :func:`missing_notebooks` says whose submission lacks the assignment's notebook.
Each returns what happened; :mod:`nncourse.cli` prints it.
"""
import copy
import dataclasses
import os
import pwd
import re
import shutil
import zipfile
from pathlib import Path

from nbgrader.plugins.zipcollect import FileNameCollectorPlugin
from traitlets import List, Unicode

from nncourse.course import Course
from nncourse.outcomes import last_line

DEFAULT_ROOT = "/srv/nbgrader/exchange"  # nbgrader's


def root(course):
    return Path(course.config.Exchange.get("root", DEFAULT_ROOT))


def make_sticky(course):
    """The exchange root must be world-writable (students create their inbox entries) and sticky,
    like /tmp, so that nobody can rename or delete what another user made there; nbgrader creates
    it 0777 without the sticky bit (and keeps the bit if it is already set). Returns what was done,
    or "ACT: ..." when the instructor must do it."""
    where = root(course)
    if not where.exists():
        where.mkdir(parents=True)
        where.chmod(0o1777)
        return [f"created the exchange {where} (mode 1777)"]
    mode = where.stat().st_mode & 0o7777
    if mode & 0o1000:
        return []
    if where.stat().st_uid == os.geteuid():
        where.chmod(mode | 0o1000 | 0o777)
        return [f"exchange {where}: mode {mode:o} -> {mode | 0o1777:o} (sticky, so students cannot "
                "rename or delete the course folder)"]
    return [f"ACT: the exchange {where} is not sticky (mode {mode:o}) and not yours: "
            f"`chmod 1777 {where}` as its owner"]


def release(course, assignment, force=False):
    """nbgrader release_assignment of a generated assignment; (exchange root, None) or (None, error)."""
    config = copy.deepcopy(course.config)
    config.ExchangeReleaseAssignment.force = force
    api = Course(course.root, config=config).api
    result = api.release_assignment(assignment)
    if result.get("success"):
        return api.exchange_root, None
    return None, last_line(result.get("error") or result.get("log"))


def quarantine_forged(course, assignment):
    """Submissions in the exchange made by one account in another student's name (the inbound
    folder is writable by every student) are renamed to .forged-NAME, which nbgrader's collect
    skips; nbgrader itself only logs a warning and collects them. Returns one "ACT:" line each."""
    inbound = root(course) / course.course_id / "inbound"
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


@dataclasses.dataclass
class Collected:
    """Which students' submissions a collect step copied to submitted/, and what to act on."""
    new: list = dataclasses.field(default_factory=list)
    updated: list = dataclasses.field(default_factory=list)
    unchanged: list = dataclasses.field(default_factory=list)
    skipped: list = dataclasses.field(default_factory=list)  # files whose owner could not be told
    act: list = dataclasses.field(default_factory=list)      # "ACT: ..." lines
    error: str = ""                                          # the step failed


def collect(course, assignment):
    """Forged submissions set aside (unless ExchangeCollect.check_owner is False), then nbgrader's collect."""
    forged = quarantine_forged(course, assignment) if course.config.ExchangeCollect.get("check_owner", True) else []
    result = course.api.collect(assignment, update=True)
    log = result.get("log") or ""
    if not result.get("success"):
        return Collected(act=forged, error=last_line(result.get("error")))
    forged += [f"ACT: {path} claims to be from {student} but belongs to {owner}" for path, student, owner in
               re.findall(r"(\S+) claims to be submitted by (\S+) but is owned by (\S+)", log)]
    return Collected(new=re.findall(r"Collecting submission: (\S+)", log),
                     updated=re.findall(r"Updating submission: (\S+)", log),
                     unchanged=re.findall(r"No newer submission to collect: (\S+)", log), act=forged)


def archive(course, assignment):
    """Where zip_collect looks for the LMS download: downloaded/ASSIGNMENT/archive."""
    return course.root / "downloaded" / assignment / "archive"


def set_aside_unreadable(course, assignment):
    """Move the zip files of the LMS download that cannot be read to downloaded/ASSIGNMENT/unreadable,
    so that one bad file does not stop the collection of the rest; returns "ACT: ..." lines."""
    act = []
    for path in sorted(archive(course, assignment).glob("*")):
        if path.suffix.lower() != ".zip":
            continue
        try:
            with zipfile.ZipFile(path) as zf:
                bad = zf.testzip()
        except (zipfile.BadZipFile, OSError, EOFError) as error:
            bad = str(error)
        if bad:
            aside = course.root / "downloaded" / assignment / "unreadable"
            aside.mkdir(parents=True, exist_ok=True)
            shutil.move(str(path), aside / path.name)
            act.append(f"ACT: {path.name} is not a readable zip file ({bad}): moved to "
                       f"{aside.relative_to(course.root)}/; download it again")
    return act


def zip_collect(course, assignment, regexp=None, force=True):
    """nbgrader zip_collect of :func:`archive`, in-process.

    With a ``regexp`` (or FileNameCollectorPlugin.named_regexp in the course configuration) that
    names ``student_id`` and ``file_id``, nbgrader's own collector reads the file names of your
    LMS. Without one, a file belongs to the student named by its folder (``alice/03_cost.ipynb``)
    or by the part of its name before the first underscore (``alice_03_cost.ipynb``).
    """
    from nbgrader.apps.zipcollectapp import ZipCollectApp
    from nbgrader.utils import capture_log

    unreadable = set_aside_unreadable(course, assignment)
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
        result = capture_log(_Steps)
    finally:
        course.coursedir.assignment_id = ""
    log = result.get("log") or ""
    students = re.findall(r"Copying to: .*?/" + re.escape(course.coursedir.submitted_directory) + r"/([^/]+)/", log)
    return Collected(new=sorted(set(students)), act=unreadable,
                     skipped=re.findall(r"Skipped submission with no match information provided: (.*)", log),
                     error="" if result.get("success") else last_line(result.get("error")))


class FolderOrPrefixCollector(FileNameCollectorPlugin):
    """Whose file is it: the folder holding it (``STUDENT/ANYTHING.ipynb``), or else the prefix
    before the first underscore (``STUDENT_NB.ipynb``), both of which the LMS makes. The name the
    student gave the file never decides: ``bob/alice_03_cost.ipynb`` is bob's. A misnamed notebook
    keeps its name, so that autograde reports it rather than grading the wrong file."""

    extracted = Unicode("", help="the zip_collect extracted directory").tag(config=True)
    notebooks = List([], help="file names of the assignment's notebooks").tag(config=True)

    def collect(self, submitted_file):
        if os.path.splitext(submitted_file)[1] not in self.valid_ext:
            return None
        path = Path(submitted_file)
        parts = path.relative_to(self.extracted).parts
        name = parts[-1]
        if len(parts) >= 2 and _one_students_folder(path.parent, self.valid_ext):
            return {"student_id": parts[-2], "file_id": name}  # never the name the student chose
        student, sep, rest = name.partition("_")  # the prefix the LMS put before the file's name
        if sep and student:
            return {"student_id": student, "file_id": rest}
        self.log.warning("Cannot tell whose file this is: %s", submitted_file)
        return None


def _one_students_folder(folder, extensions):
    """A folder the LMS made for one student: no folders inside, and its files do not carry the
    prefixes of several students (a folder of ``ann_03_cost.ipynb``, ``ben_03_cost.ipynb``, ...
    is a flat download wrapped in a folder)."""
    entries = list(folder.iterdir())
    if any(entry.is_dir() for entry in entries):
        return False
    prefixes = {entry.name.partition("_")[0] for entry in entries
                if entry.suffix in extensions and "_" in entry.name}
    return len(prefixes) <= 1


def missing_notebooks(course, assignment, students):
    """One line per student whose submission has none of the assignment's notebooks."""
    expected = set(course.notebooks(assignment))
    lines = []
    for student in students:
        present = {p.stem for p in course.path("submitted_directory", student, assignment).glob("*.ipynb")}
        if not expected & present:
            lines.append(f"{student}: no {' / '.join(sorted(n + '.ipynb' for n in expected))} "
                         f"(found: {', '.join(sorted(p + '.ipynb' for p in present)) or 'no notebook'}); "
                         "autograde will report it")
    return lines
