"""nncourse/exchange.py: the whole exchange cycle on one machine, with real unix accounts for the
students.

Instructor steps are the pipeline's commands (nn-release, nn-collect, ...: what the Makefile runs,
called in this process); student steps are nbgrader's own CLI, run as each student's account with its own HOME.
release -> fetch -> submit -> collect -> autograde -> feedback -> fetch feedback -> export, then
the grades CSV is checked. Along the way: students cannot list the exchange's inbound folder,
read each other's home, or rename the course out of the exchange.

Needs root (useradd); skipped otherwise. The LMS route (zip-collect) is tested at the end
without accounts.
"""
import contextlib
import copy
import csv
import io
import os
import pwd
import secrets
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import nbformat
import pytest

from nncourse import build_notebooks, cli
from nncourse import submissions as subs
from nncourse.course import html_text, temporary_course
from nncourse.paths import ROOT

ASSIGNMENT, NB = "toy", "toy.ipynb"
SOLUTION = build_notebooks.notebook_from_source(ROOT / "tests" / "fixtures" / "toy.py")
VENV_BIN = Path(sys.executable).parent
ENV = {"PATH": f"{VENV_BIN}:/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8",
       "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
can_create_users = os.geteuid() == 0 and shutil.which("useradd") and shutil.which("userdel")


def work_of(role, released):
    """What each student hands in, starting from the released notebook they fetched."""
    nb = copy.deepcopy(released)
    for name in subs.exercises(SOLUTION):
        subs.cell_by_id(nb, name).source = subs.cell_by_id(SOLUTION, name).source
    if role == "partial":  # a sigmoid that overflows: loses the stability part
        subs.cell_by_id(nb, "sigmoid").source = "def sigmoid(Z):\n    return 1 / (1 + np.exp(-Z))"
    if role == "cheat":  # hands relu to nnlib, and ships an nnlib.py that fakes the checks
        subs.cell_by_id(nb, "relu").source = "import nnlib\ndef relu(Z):\n    return nnlib.relu(Z)"
    return nb


@pytest.fixture
def site():
    """A world-traversable base folder in /tmp (pytest's tmp_path is private to root)."""
    base = Path(tempfile.mkdtemp(prefix="nbgrader-site-"))
    base.chmod(0o755)
    yield base
    shutil.rmtree(base, ignore_errors=True)


def _closed_dirs():
    """Folders on the way to this Python and its venv that other users cannot traverse (e.g. a
    pyenv interpreter under /root, mode 700): students get an ACL entry to pass through them."""
    closed = set()
    for target in (Path(os.path.realpath(sys.executable)), VENV_BIN, ROOT / "nnlib"):
        for folder in [target, *target.parents]:
            if folder.is_dir() and not folder.stat().st_mode & 0o001:
                closed.add(folder)
    return sorted(closed)


@pytest.fixture
def students(site, unavailable):
    """Needs root and useradd; without them the test skips, and fails under CI=true.

    Three real accounts with private homes: {role: (name, home)}.

    Students must be able to run this Python (nbgrader's CLI): folders on its path that others
    cannot traverse get a `setfacl -m u:STUDENT:x` entry for the test, removed afterwards.
    """
    if not can_create_users:
        unavailable("creating student accounts needs root and useradd")
    closed = _closed_dirs()
    if closed and not shutil.which("setfacl"):
        unavailable(f"students cannot reach this Python through {closed} and setfacl is missing "
                    "(Debian's acl package: tools/install_system_packages.sh installs it)")
    tag = secrets.token_hex(3)
    made, granted = {}, []
    try:
        for role in ("full", "partial", "cheat"):
            name = f"st{role[:4]}{tag}"
            home = site / "home" / name
            home.parent.mkdir(exist_ok=True, mode=0o755)
            subprocess.run(["useradd", "--create-home", "--home-dir", str(home), "--shell", "/bin/sh",
                            "--user-group", name], check=True, capture_output=True)
            home.chmod(0o700)
            made[role] = (name, home)
            for folder in closed:
                granted.append((name, folder))
                GRANTS.setdefault(name, []).append(folder)
            grant_access(name)
        yield made
    finally:
        for name, folder in granted:
            subprocess.run(["setfacl", "-x", f"u:{name}", str(folder)], capture_output=True)
            GRANTS.pop(name, None)
        for name, _ in made.values():
            subprocess.run(["userdel", name], capture_output=True)
            subprocess.run(["groupdel", name], capture_output=True)


GRANTS = {}  # student name -> folders it needs an ACL entry to pass through


def grant_access(name):
    """(Re)grant the ACL entries: idempotent, and redone before every student command because
    another process on a shared machine may rewrite the ACL of a folder like /root meanwhile."""
    for folder in GRANTS.get(name, []):
        subprocess.run(["setfacl", "-m", f"u:{name}:x", str(folder)], check=True, capture_output=True)


def as_student(student, *cmd, check=True):
    name, home = student
    grant_access(name)
    entry = pwd.getpwnam(name)
    env = dict(ENV, HOME=str(home), USER=name, LOGNAME=name)
    result = subprocess.run(list(cmd), cwd=home, env=env, user=entry.pw_uid, group=entry.pw_gid,
                            extra_groups=[], umask=0o022, capture_output=True, text=True, timeout=300)
    if check:
        assert result.returncode == 0, f"{' '.join(cmd)} as {name}:\n{result.stdout}\n{result.stderr}"
    return result


def in_parallel(jobs):
    """Run [(student, cmd...)] at once, as their accounts; return the CompletedProcesses."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(len(jobs)) as pool:
        return list(pool.map(lambda job: as_student(job[0], *job[1:]), jobs))


def instructor(course, command, *args):
    """`nn-COMMAND --course ROOT ARGS...`, run in this process (saves the interpreter's start-up;
    the entry points themselves are run by tests/nncourse/test_cli.py)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = cli.run(command, ["--course", str(course.root), *args])
    print(f"$ nn-{command} {' '.join(args)}\n{out.getvalue()}")
    return subprocess.CompletedProcess(args, status, out.getvalue(), "")


def test_exchange_cycle_with_student_accounts(site, students):
    exchange = site / "exchange"
    course = temporary_course(parent=site, overrides={"Exchange.root": str(exchange),
                                                              "Execute.timeout": 5})
    source = course.path("source_directory", ".", ASSIGNMENT)
    source.mkdir(parents=True)
    nbformat.write(SOLUTION, source / NB)
    course_id = course.course_id
    for name, home in students.values():
        config = home / ".jupyter" / "nbgrader_config.py"
        config.parent.mkdir()
        config.write_text(f"c = get_config()\nc.Exchange.root = {str(exchange)!r}\n"
                          f"c.CourseDirectory.course_id = {course_id!r}\n")
        shutil.chown(config.parent, name, name)
        shutil.chown(config, name, name)

    # release: notebooks generated, checked for leaks, put in the exchange
    result = instructor(course, "release", ASSIGNMENT, "--exchange")
    assert result.returncode == 0 and "released to" in result.stdout
    assert exchange.stat().st_mode & 0o1777 == 0o1777, "exchange root: world-writable and sticky"

    # fetch, do the work, submit: nbgrader's CLI as each student
    in_parallel([(s, "nbgrader", "fetch_assignment", ASSIGNMENT) for s in students.values()])
    for role, (name, home) in students.items():
        fetched = home / ASSIGNMENT / NB
        assert fetched.exists()
        released = subs.read(fetched)
        assert "BEGIN SOLUTION" not in fetched.read_text() and "HIDDEN" not in fetched.read_text()
        nbformat.write(work_of(role, released), fetched)
        if role == "cheat":
            (home / ASSIGNMENT / "nnlib.py").write_text("def relu(Z):\n    return Z\n")
        for path in [fetched, home / ASSIGNMENT / "nnlib.py"]:
            if path.exists():
                shutil.chown(path, name, name)
    in_parallel([(s, "nbgrader", "submit", ASSIGNMENT) for s in students.values()])

    # what a student can and cannot see or do in the exchange
    inbound = exchange / course_id / "inbound"
    snoop = students["partial"]
    other_name, other_home = students["full"]
    probe = ("import os, sys\n"
             "def attempt(f):\n"
             "    try:\n        f(); return 'allowed'\n"
             "    except OSError:\n        return 'denied'\n"
             f"print(attempt(lambda: os.listdir({str(inbound)!r})))\n"
             f"print(attempt(lambda: open({str(other_home / ASSIGNMENT / NB)!r}).read()))\n"
             f"print(attempt(lambda: os.rename({str(exchange / course_id)!r}, {str(exchange / 'gone')!r})))\n"
             f"print(attempt(lambda: open({str(exchange / course_id / 'outbound' / ASSIGNMENT / NB)!r}, 'a')))\n")
    assert as_student(snoop, sys.executable, "-c", probe).stdout.split() == ["denied"] * 4
    assert sorted(p.name.split("+")[0] for p in inbound.iterdir()) == sorted(n for n, _ in students.values())

    # the inbound folder is writable by every student: one submits an empty notebook in another's
    # name, dated later than the real one; nbgrader would collect it (with a warning), we do not
    victim = students["full"][0]
    forged = inbound / f"{victim}+{ASSIGNMENT}+2099-01-01 00:00:00.000000 UTC+forged"
    fetched = students["cheat"][1] / ASSIGNMENT / NB
    as_student(students["cheat"], sys.executable, "-c",
               f"import os, shutil; os.mkdir({str(forged)!r}); shutil.copy({str(fetched)!r}, {str(forged / NB)!r})")

    # collect, autograde, feedback: the pipeline's commands
    result = instructor(course, "collect", ASSIGNMENT)
    assert result.returncode == 1 and "3 new" in result.stdout, "the instructor must look at the forgery"
    assert f"a submission in the name of {victim} was made by {students['cheat'][0]}: not collected" in result.stdout
    result = instructor(course, "autograde", ASSIGNMENT, "--jobs", "2")
    assert result.returncode == 0, result.stdout
    result = instructor(course, "feedback", ASSIGNMENT, "--release")
    assert result.returncode == 0 and "feedback for 3 of 3" in result.stdout

    # each student fetches their own feedback, and only theirs
    in_parallel([(s, "nbgrader", "fetch_feedback", ASSIGNMENT) for s in students.values()])
    expected = {"full": 6, "partial": 5, "cheat": 4}
    for role, (name, home) in students.items():
        pages = list((home / ASSIGNMENT / "feedback").glob("*/toy.html"))
        assert len(pages) == 1, role
        text = " ".join(html_text(pages[0]).split())
        assert f"toy (Score: {expected[role]:.1f} / 6.0)" in text, role
        assert "seed=7" not in text and "[4, 5, 3]" not in text  # no hidden test
        assert pages[0].stat().st_uid == pwd.getpwnam(name).pw_uid  # fetched into their own home

    # export
    result = instructor(course, "grades", "--out", str(site / "grades.csv"))
    assert result.returncode == 0
    with open(site / "grades.csv") as fh:
        rows = {row["student_id"]: row for row in csv.DictReader(fh)}
    assert {name: float(rows[name]["score"]) for name, _ in students.values()} == \
           {students[role][0]: float(points) for role, points in expected.items()}
    assert all(row["assignment"] == ASSIGNMENT and float(row["max_score"]) == 6 for row in rows.values())
    assert not list(course.path("autograded_directory", students["cheat"][0], ASSIGNMENT).glob("*.py"))


def test_zip_collect_from_an_lms_download(tmp_path, capsys):
    """A zip as an LMS hands it out: folders per student, or student_ prefixes, one misnamed."""
    course = temporary_course(parent=tmp_path)
    source = course.path("source_directory", ".", ASSIGNMENT)
    source.mkdir(parents=True)
    nbformat.write(SOLUTION, source / NB)
    course.generate(ASSIGNMENT)
    archive = tmp_path / "download.zip"
    text = nbformat.writes(SOLUTION)
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("submissions/ann/toy.ipynb", text)
        zf.writestr("submissions/ben_toy.ipynb", text)
        zf.writestr("submissions/cat/toy (1).ipynb", text)
        zf.writestr("submissions/ann/notes.txt", "not a notebook: skipped")
    status = cli.zip_collect(["--course", str(course.root), ASSIGNMENT, str(archive)])
    out = capsys.readouterr().out
    assert status == 0, out
    assert "3 students collected" in out
    assert "cat: no toy.ipynb (found: toy (1).ipynb)" in out
    assert (course.path("submitted_directory", "ann", ASSIGNMENT) / NB).exists()
    assert (course.path("submitted_directory", "ben", ASSIGNMENT) / NB).exists()
    assert course.submitted_students(ASSIGNMENT) == ["ann", "ben", "cat"]


def test_zip_collect_takes_the_student_from_the_lms_not_from_the_file_name(tmp_path, capsys):
    """dan names his file after ann: it is still dan's. A zip that cannot be read is set aside,
    and the rest is collected."""
    course = temporary_course(parent=tmp_path)
    source = course.path("source_directory", ".", ASSIGNMENT)
    source.mkdir(parents=True)
    nbformat.write(SOLUTION, source / NB)
    course.generate(ASSIGNMENT)
    good, broken = tmp_path / "download.zip", tmp_path / "broken.zip"
    honest, forged = nbformat.writes(SOLUTION), nbformat.writes(subs.with_source(SOLUTION, "relu", "def relu(Z):\n    return Z"))
    with zipfile.ZipFile(good, "w") as zf:
        zf.writestr("submissions/ann/toy.ipynb", honest)
        zf.writestr("submissions/dan/ann_toy.ipynb", forged)
        zf.writestr("submissions/eve_ann_toy.ipynb", forged)
    broken.write_bytes(b"PK\x03\x04 this is not a zip file")
    status = cli.zip_collect(["--course", str(course.root), ASSIGNMENT, str(good), str(broken)])
    out = capsys.readouterr().out
    assert status == 1, out  # the unreadable zip is for the instructor to act on
    assert "broken.zip is not a readable zip file" in out and "unreadable/" in out
    assert course.submitted_students(ASSIGNMENT) == ["ann", "dan", "eve"]
    assert subs.read(course.path("submitted_directory", "ann", ASSIGNMENT) / NB).cells == SOLUTION.cells
    assert sorted(p.name for p in course.path("submitted_directory", "dan", ASSIGNMENT).iterdir()) == ["ann_toy.ipynb"]
    assert (course.root / "downloaded" / ASSIGNMENT / "unreadable" / "broken.zip").exists()
