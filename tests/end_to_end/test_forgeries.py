"""Forged grades: every trick a dishonest submission has tried, graded in one batch with honest
submissions through the pipeline's parallel autograde (nncourse.course) and the course's own
nbgrader configuration.

Each forgery is a plain wrong ``relu`` (``return Z``, which loses test_relu: 4 of 6 points) with
the forgery added; it must score exactly what the plain wrong answer scores, lose exactly
test_relu, and the honest submissions graded beside it must keep their grades and their files.
Forgeries that fool the notebook's own run (whose test cells share the learner's kernel) are
also reported to the instructor as a disagreement between the two runs.

The assignment is tests/fixtures/toy.py (relu 2 points, sigmoid 2 + 1, count_params 1).
"""
import hashlib
import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import nbformat
import psutil
import pytest

import nnlib
from nncourse import build_notebooks, feedback
from nncourse import submissions as subs
from nncourse.course import temporary_course
from nncourse.paths import ROOT

ASSIGNMENT, NB = "toy", "toy.ipynb"
SOLUTION = build_notebooks.notebook_from_source(ROOT / "tests" / "fixtures" / "toy.py")
WRONG_RELU = "def relu(Z):\n    return Z  # wrong: negatives stay negative\n"
MARKER = f"forgery-{uuid.uuid4().hex[:12]}"  # in every process a forgery starts, to find survivors
JOBS = int(os.environ.get("GRADING_TEST_JOBS", "0")) or os.cpu_count() or 1

# name: (code put before the wrong relu, does it fool the notebook's own run?)
FORGERIES = {
    # the issue's own list
    "replaces_checks_through_sys_modules": ("""
import sys
import nnchecks, nnchecks.calling, nnchecks.compare, nnchecks.reference
for _name, _module in list(vars(sys)["modules"].items()):
    if _name.startswith("nnchecks"):
        for _attr in dir(_module):
            if _attr.startswith(("expect", "call", "compare", "check")):
                setattr(_module, _attr, lambda *a, **k: None)
""", True),
    "hands_off_to_leaky_relu": ("import nnlib\nrelu = lambda Z: nnlib.leaky_relu(Z, slope=0.0)\n", None),
    "patches_numpy_comparisons": ("""
import numpy as np, numpy.testing
np.allclose = lambda *a, **k: True
np.array_equal = lambda *a, **k: True
np.testing.assert_allclose = lambda *a, **k: None
np.isnan = lambda x, *a, **k: np.zeros(np.shape(x), dtype=bool)
""", None),
    "ufuncs_answer_zeros": ("""
import numpy as np
class _Zero(np.ndarray):
    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        return np.zeros(np.broadcast(*[np.asarray(i) for i in inputs]).shape)
_wrong = None
""", None),
    "swallows_every_exception": ("get_ipython().set_custom_exc((BaseException,), lambda *a, **k: None)\n", None),
    "masked_array": ("import numpy as np\n_mask = np.ma.masked_array\n", None),
    "input_transformer_drops_tests": (
        "get_ipython().input_transformers_post.append(lambda lines: [] if any('expect' in l for l in lines) else lines)\n", True),
    "pre_run_cell_hook": ("get_ipython().events.register('pre_run_cell', lambda *a: print('passed'))\n", None),
    "patches_through_globals": ("""
import nnchecks
nnchecks.call.__globals__["fail"] = lambda *a, **k: None
nnchecks.expect_array.__globals__["fail"] = lambda *a, **k: None
""", True),
    "reads_the_checkers_frames": ("""
import sys
def _expected():
    frame = sys._getframe(2)
    while frame is not None:
        for key in ("expected", "reference"):
            if key in frame.f_locals:
                return frame.f_locals[key]
        frame = frame.f_back
""", None),
    "hands_off_through_a_thread": ("""
import concurrent.futures, nnlib
_pool = concurrent.futures.ThreadPoolExecutor(1)
relu = lambda Z: _pool.submit(nnlib.relu, Z).result()
""", None),
    "copies_nnlibs_code_object": ("""
import types, nnlib
relu = types.FunctionType(nnlib.relu.__code__, dict(vars(nnlib)), "relu")
""", None),
    "prints_solutions_and_hidden_tests": ("""
import glob, os
for _path in glob.glob("COURSE/solutions/*/*.ipynb") + glob.glob("COURSE/gradebook.db") + glob.glob("../../../solutions/*/*.ipynb"):
    print(open(_path, errors="replace").read()[:2000])
""", None),
    "script_in_the_feedback": ("""
from IPython.display import HTML, Javascript, display
display(HTML("<script>document.title='pwned'</script><img src=x onerror=alert(1)><!-- secret -->"))
display(Javascript("alert('pwned')"))
""", None),
    "edits_a_classmates_submission": ("""
import glob
for _path in glob.glob("COURSE/submitted/honest_*/toy/toy.ipynb") + glob.glob("../../honest_*/toy/toy.ipynb"):
    open(_path, "w").write("{}")
""", None),
    "writes_the_gradebook": (f"""
import glob, sqlite3, subprocess, sys
_code = "import glob, sqlite3, time\\ntime.sleep(4)\\n" \\
        "for p in glob.glob('COURSE/gradebook.db'):\\n" \\
        "    c = sqlite3.connect(p); c.execute('update grade set manual_score = 0'); c.commit()"
subprocess.Popen([sys.executable, "-c", _code, "{MARKER}"], start_new_session=True)
for _path in glob.glob("COURSE/gradebook.db") + glob.glob("../../../gradebook.db"):
    _db = sqlite3.connect(_path); _db.execute("update grade set manual_score = 6"); _db.commit()
""", None),
    "appends_to_config_and_startup_files": ("""
import glob, os
for _path in ["COURSE/nbgrader_config.py", "../../../nbgrader_config.py"]:
    try:
        open(_path, "a").write("\\nc.Execute.timeout = 1\\n")
    except OSError:
        pass
_startup = os.path.expanduser("~/.ipython/profile_default/startup")
os.makedirs(_startup, exist_ok=True)
open(os.path.join(_startup, "00-forged.py"), "w").write("import nnchecks; nnchecks.call = lambda *a, **k: None")
""", None),
    "detached_process_kills_other_kernels": (f"""
import subprocess, sys
_code = "import os, signal, time, psutil\\n" \\
        "for _ in range(40):\\n" \\
        "    for p in psutil.process_iter():\\n" \\
        "        try:\\n" \\
        "            if 'ipykernel' in ' '.join(p.cmdline()) and p.pid != os.getpid(): p.send_signal(signal.SIGINT)\\n" \\
        "        except Exception: pass\\n" \\
        "    time.sleep(0.25)"
subprocess.Popen([sys.executable, "-c", _code, "{MARKER}"], start_new_session=True,
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
""", None),
    # six more of our own
    "replaces_builtins": ("import builtins\nbuiltins.isinstance = lambda *a: True\nbuiltins.abs = lambda x: 0 * x\n", None),
    "patches_numpy_internals": ("import numpy as np\nnp.subtract = np.multiply\nnp.abs = np.zeros_like\n", None),
    "always_equal_object": ("""
class _Equal:
    def __eq__(self, other): return True
    def __array__(self, *a, **k): raise TypeError
    shape = property(lambda self: (2, 3))
""", None),
    "prints_fake_check_lines": (
        "print('\\u2713 relu: the visible checks pass')\nprint('\\u2713 sigmoid: the visible checks pass')\n", None),
    "reads_nnlib_source_from_disk": ("""
import glob
_source = "".join(open(p).read() for p in glob.glob("NNLIB/activations.py"))
_space = {}
try:
    exec(_source.replace("from ._validation", "#").replace("from .", "#"), _space)
except Exception:
    pass
""", None),
    "fork_bomb": ("import os\ndef _bomb():\n    while True:\n        try:\n            os.fork()\n        except OSError:\n            pass\n", None),
    "memory_bomb": ("_hog = []\ntry:\n    _hog.append(bytearray(16 << 30))\nexcept MemoryError:\n    pass\n", None),
}
HONEST = {"honest_full": (SOLUTION, 6), "honest_partial": (
    subs.with_source(SOLUTION, "sigmoid", "def sigmoid(Z):\n    return 1 / (1 + np.exp(-Z))"), 5)}
# forgeries whose relu body itself differs: it must still be wrong exactly like WRONG_RELU
RELU_BODIES = {"ufuncs_answer_zeros": "def relu(Z):\n    return np.asarray(Z).view(_Zero)\n",
               "masked_array": "def relu(Z):\n    return _mask(Z, mask=np.ones(np.shape(Z), dtype=bool))\n",
               "reads_the_checkers_frames": "def relu(Z):\n    found = _expected()\n    return Z if found is None else found\n",
               "always_equal_object": "def relu(Z):\n    return _Equal()\n",
               "reads_nnlib_source_from_disk": "def relu(Z):\n    return _space['relu'](Z) if 'relu' in _space else Z\n",
               "fork_bomb": "def relu(Z):\n    _bomb()\n",
               "memory_bomb": "def relu(Z):\n    return [bytearray(1 << 30) for _ in range(64)] and Z\n"}


def _forged(name, course):
    code, _ = FORGERIES[name]
    code = code.replace("COURSE", str(course.root)).replace("NNLIB", str(Path(nnlib.__file__).parent))
    body = "" if "\nrelu = " in code else RELU_BODIES.get(name, WRONG_RELU)
    return subs.with_source(SOLUTION, "relu", code.lstrip("\n") + body)


def _digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """(course, {student: Outcome}, file digests before grading, startup folder before)."""
    course = temporary_course(parent=tmp_path_factory.mktemp("forgeries"), overrides={"Execute.timeout": 10})
    source = course.path("source_directory", ".", ASSIGNMENT)
    source.mkdir(parents=True)
    nbformat.write(SOLUTION, source / NB)
    course.generate(ASSIGNMENT)
    course.submit("plain_wrong", ASSIGNMENT, {NB: subs.with_source(SOLUTION, "relu", WRONG_RELU)})
    for student, (nb, _) in HONEST.items():
        course.submit(student, ASSIGNMENT, {NB: nb})
    for name in FORGERIES:
        course.submit(name, ASSIGNMENT, {NB: _forged(name, course)})
    watched = [course.root / "nbgrader_config.py", *(course.path("submitted_directory", s, ASSIGNMENT) / NB for s in HONEST)]
    before = {str(p): _digest(p) for p in watched}
    startup = Path.home() / ".ipython" / "profile_default" / "startup"
    startup_before = sorted(startup.glob("*")) if startup.is_dir() else []
    outcomes = {o.student: o for o in course.autograde(ASSIGNMENT, jobs=JOBS, student_timeout=300)}
    time.sleep(5)  # what a detached process would do after the batch, it has had time to do
    for outcome in outcomes.values():
        print(*outcome.lines(), sep="\n")
    return course, outcomes, before, (startup, startup_before)


def test_the_plain_wrong_answer_loses_test_relu(graded):
    _, outcomes, _, _ = graded
    plain = outcomes["plain_wrong"]
    assert (plain.status, plain.score) == ("graded", 4.0), "\n".join(plain.lines())
    assert {g for g, (s, p) in plain.cells.items() if s != p} == {"test_relu"}


@pytest.mark.parametrize("name", FORGERIES)
def test_a_forgery_scores_what_the_plain_wrong_answer_scores(graded, name):
    _, outcomes, _, _ = graded
    outcome, plain = outcomes[name], outcomes["plain_wrong"]
    explain = "\n".join(outcome.lines()) + "\n--- log ---\n" + outcome.log[-3000:]
    assert outcome.status == "graded", explain
    assert outcome.score == plain.score == 4.0, explain
    assert {g for g, (s, p) in outcome.cells.items() if s != p} == {"test_relu"}, explain
    if FORGERIES[name][1]:  # it fooled the notebook's own run: the instructor is told
        assert any("test_relu: the notebook's run passed it, the clean run failed it" in r for r in outcome.review), explain


def test_honest_submissions_keep_their_grades_and_files(graded):
    course, outcomes, before, _ = graded
    for student, (_, score) in HONEST.items():
        assert (outcomes[student].status, outcomes[student].score) == ("graded", score), student
        assert outcomes[student].review == [], student
        assert course.scores(ASSIGNMENT, student)["score"] == score, "the gradebook changed afterwards"
    for path, digest in before.items():
        assert _digest(path) == digest, f"{path} was changed by a submission"


def test_nothing_a_submission_started_is_still_running(graded):
    survivors = [p.info for p in psutil.process_iter(["pid", "cmdline"]) if MARKER in " ".join(p.info["cmdline"] or [])]
    assert survivors == []


def test_no_startup_file_was_written(graded):
    _, _, _, (startup, before) = graded
    assert (sorted(startup.glob("*")) if startup.is_dir() else []) == before


def test_feedback_carries_no_script_no_solution_and_no_hidden_test(graded):
    course, outcomes, _, _ = graded
    report = course.feedback(ASSIGNMENT, ["script_in_the_feedback", "prints_solutions_and_hidden_tests", "plain_wrong"])
    assert all(problems == [] for problems in report.values()), report
    for student in report:
        page = (course.path("feedback_directory", student, ASSIGNMENT) / "toy.html").read_text()
        assert page.count(feedback.mathjax_scripts()) == 1, student  # the course's own scripts, once
        page = page.replace(feedback.mathjax_scripts(), "")
        # as markup, not as the (escaped) text of the cell's code
        assert not re.search(r"<script[^>]*>[^<]*(pwned|document)|<img[^>]*onerror|<!-- secret", page), student
        assert "np.maximum(0, Z)" not in page, student  # the worked relu, which none of them has
        assert "seed=7" not in page, student  # a hidden test's code


def test_the_plain_nbgrader_command_line_keeps_the_clean_scores(tmp_path):
    """`nbgrader autograde` typed in a terminal (what the formgrader's Autograde button runs too)
    reads the course's nbgrader_config.py and nothing of nncourse's pipeline: it must give the
    same grades. A forgery that fools the notebook's own run scores what the plain wrong answer
    scores, one that writes the gradebook cannot reach it, and the disagreement is in its log."""
    course = temporary_course(parent=tmp_path, overrides={"Execute.timeout": 10})
    source = course.path("source_directory", ".", ASSIGNMENT)
    source.mkdir(parents=True)
    nbformat.write(SOLUTION, source / NB)
    course.generate(ASSIGNMENT)
    course.submit("honest_full", ASSIGNMENT, {NB: SOLUTION})
    course.submit("plain_wrong", ASSIGNMENT, {NB: subs.with_source(SOLUTION, "relu", WRONG_RELU)})
    forgeries = ["replaces_checks_through_sys_modules", "writes_the_gradebook"]
    for name in forgeries:
        course.submit(name, ASSIGNMENT, {NB: _forged(name, course)})
    nbgrader = Path(sys.executable).parent / "nbgrader"
    run = subprocess.run([str(nbgrader), "autograde", ASSIGNMENT, "--force"], cwd=course.root, capture_output=True,
                         text=True, timeout=900, env={**os.environ, "PATH": f"{nbgrader.parent}{os.pathsep}{os.environ['PATH']}"})
    log = run.stdout + run.stderr
    time.sleep(5)  # what a detached process would do after the run, it has had time to do
    scores = {s: course.scores(ASSIGNMENT, s)["score"] for s in ["honest_full", "plain_wrong", *forgeries]}
    assert run.returncode == 0, log[-5000:]
    assert scores == {"honest_full": 6, "plain_wrong": 4, **{name: 4 for name in forgeries}}, log[-5000:]
    assert "replaces_checks_through_sys_modules: test_relu: the notebook's run passed it, the clean run failed it" \
        in log, log[-5000:]
    graded = subs.read(course.path("autograded_directory", forgeries[0], ASSIGNMENT) / NB)
    relu_test = subs.cell_by_id(graded, "test_relu")
    assert any("graded in a clean run: 0 of 2 points" in o.get("text", "") for o in relu_test.outputs), relu_test.outputs
