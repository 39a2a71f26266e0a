"""nncourse/suspicious.py: what a learner's code could do to its own grading is found, honest code is not."""
import pytest

from nncourse import submissions as subs
from nncourse import suspicious
from nncourse.paths import NOTEBOOKS, SOLUTIONS, assignments


@pytest.mark.parametrize("source, expected", [
    ("import nnchecks as c\nc.expect_array = print", ["line 1: import nnchecks", "line 2: c.expect_array"]),
    ("from nnchecks import calling\ncalling.fail = print", ["line 1: from nnchecks import calling", "line 2: calling.fail"]),
    ("import sys\ndef relu(Z):\n    sys.setprofile(None)", ["line 3: sys.setprofile"]),
    ("import sys as s\ns.modules['nnchecks'] = None", ["line 2: s.modules"]),
    ("np.testing.assert_allclose = print", ["line 1: np.testing.assert_allclose"]),
    ("exec(bytes.fromhex('7072696e74').decode())", ["line 1: exec"]),
    ("setattr(__import__('nnlib'), 'relu', abs)", ["line 1: __import__", "line 1: setattr"]),
    ("import importlib", ["line 1: import importlib"]),
])
def test_reaching_into_grading_is_found(source, expected):
    assert suspicious.findings(source) == expected


@pytest.mark.parametrize("source", [
    "def relu(Z):\n    return np.maximum(Z, 0)",
    "import nnlib\nparameters, history = nnlib.train(X, Y, [2, 4, 1])",
    "import numpy as np\nrng = np.random.default_rng(0)",
    "def broken(:\n    pass",  # a syntax error is nbgrader's to report
])
def test_ordinary_code_is_not(source):
    assert suspicious.findings(source) == []


def test_no_worked_solution_of_the_course_is_flagged():
    """The learner-written cells of every solution notebook (what differs from the release)."""
    checked = 0
    for name in assignments():
        released = subs.read(NOTEBOOKS / name / f"{name}.ipynb")
        for label, code in suspicious.learner_code(subs.read(SOLUTIONS / name / f"{name}.ipynb"), released):
            assert suspicious.findings(code) == [], f"{name}.ipynb, {label}"
            checked += 1
    assert checked >= 40  # every exercise's solution cell was looked at
