"""nnchecks.watching: which nnlib functions run inside a block, against an allow-list; and every
exercise of the course has its allow-list."""
import os
import re
import sys
from pathlib import Path

import numpy as np
import pytest

import nnlib
from nnchecks import watching
from nnchecks.watching import NNLIB_DIR

Z = np.zeros((1, 2))
COURSE = Path(__file__).resolve().parents[2] / "course"


def test_the_first_hand_off_is_named_however_the_function_was_reached():
    renamed = nnlib.relu
    with watching(()) as watch:
        assert watch.seen is None
        renamed(Z)
        nnlib.sigmoid(Z)
    assert watch.seen == "nnlib.relu"
    with watching(()) as watch:
        nnlib.ACTIVATIONS["tanh"][0](Z)
    assert watch.seen == "nnlib.tanh"


def test_names_of_re_exported_and_of_functions_that_are_not_public():
    with watching(()) as watch:
        nnlib.data.one_hot([0, 1], 2)
    assert watch.seen == "nnlib.one_hot"  # nnlib.data.one_hot is the same function
    private = nnlib.get_activation("linear")[1]  # reached through a public function
    assert private not in vars(nnlib).values()
    with watching(()) as watch:
        private(Z, Z)
    assert watch.seen == f"{private.__module__}.{private.__qualname__}"


def test_allowed_functions_and_what_they_call_are_no_hand_off():
    with watching((nnlib.linear_activation_forward,)) as watch:
        nnlib.linear_activation_forward(Z, np.ones((1, 1)), np.zeros((1, 1)), "relu")  # calls linear_forward
    assert watch.seen is None
    with watching((nnlib.linear_forward,)) as watch:
        nnlib.linear_activation_forward(Z, np.ones((1, 1)), np.zeros((1, 1)), "relu")
    assert watch.seen == "nnlib.linear_activation_forward"  # the call from outside, not the inner ones


def test_after_an_allowed_function_returns_or_raises_the_next_hand_off_is_seen():
    with watching((nnlib.relu,)) as watch:
        nnlib.relu(Z)
        nnlib.tanh(Z)
    assert watch.seen == "nnlib.tanh"
    with watching((nnlib.get_activation,)) as watch:
        with pytest.raises(ValueError):
            nnlib.get_activation("no such activation")
        nnlib.sigmoid(Z)
    assert watch.seen == "nnlib.sigmoid"


def test_an_allowed_callback_of_the_checks_may_call_nnlib():
    def cost():
        return nnlib.compute_cost(nnlib.sigmoid(Z), Z, "bce")

    def learner(f):
        return f()

    with watching((cost,)) as watch:
        learner(cost)
    assert watch.seen is None
    with watching(()) as watch:
        learner(cost)
    assert watch.seen == "nnlib.sigmoid"


def test_nnlib_is_decided_by_the_file_and_running_a_module_body_is_no_hand_off():
    fake = os.path.join(NNLIB_DIR, "not_a_real_module.py")
    with watching(()) as watch:
        exec(compile("x = 1", fake, "exec"), {"__name__": "nnlib.not_a_real_module"})
    assert watch.seen is None
    with watching(()) as watch:
        exec(compile("def helper():\n    pass\nhelper()", fake, "exec"), {"__name__": "nnlib.not_a_real_module"})
    assert watch.seen == "nnlib.not_a_real_module.helper"
    with watching(()) as watch:
        np.maximum(Z, 0)
        sorted([2, 1], key=lambda v: v)
    assert watch.seen is None


def _outer_profiler(frame, event, arg):
    pass


def test_watching_restores_the_previous_profiler():
    before = sys.getprofile()
    sys.setprofile(_outer_profiler)
    try:
        with watching(()):
            assert sys.getprofile() is not _outer_profiler
        assert sys.getprofile() is _outer_profiler
        with pytest.raises(ZeroDivisionError):
            with watching(()):
                1 / 0
        assert sys.getprofile() is _outer_profiler
    finally:
        sys.setprofile(before)


def test_watching_notices_a_block_that_switches_the_profiler_off():
    with watching(()) as watch:
        sys.setprofile(None)
        nnlib.relu(Z)  # unseen: nothing watches any more
    assert watch.seen is None and watch.replaced
    with watching(()) as untouched:
        pass
    assert not untouched.replaced


def _exercises():
    """(notebook module, exercise) for every solution cell of the course's sources."""
    for source in sorted(COURSE.glob("[0-9][0-9]_*.py")):
        module = f"nb{source.stem}"
        for exercise in re.findall(r"^# %% solution id=(\w+)", source.read_text(), re.M):
            yield module, exercise


@pytest.mark.parametrize("module, exercise", list(_exercises()))
def test_every_exercise_has_an_allow_list_of_nnlib_functions(module, exercise):
    checks = __import__(f"nnchecks.{module}", fromlist=["ALLOWED"])
    allowed = checks.ALLOWED[exercise]
    assert all(callable(f) and os.path.abspath(f.__code__.co_filename).startswith(NNLIB_DIR) for f in allowed)
    assert set(checks.ALLOWED) == {e for m, e in _exercises() if m == module}


def test_no_exercise_may_call_nnlib_s_version_of_itself():
    for module, exercise in _exercises():
        checks = __import__(f"nnchecks.{module}", fromlist=["ALLOWED"])
        own = getattr(nnlib, exercise, None)
        assert own is None or own not in checks.ALLOWED[exercise], (module, exercise)
