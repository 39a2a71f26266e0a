"""nnchecks.calling: the learner's function is called on copies, its exceptions become one short
message, and with an allow-list any other call into nnlib fails the check."""
import sys

import numpy as np
import pytest

import nnlib
from nnchecks import CheckFailed, call, call_on_copies, demonstrating

Z = np.array([[-1.0, 2.0]])


def test_call_returns_the_result():
    assert call(lambda a, b=0: a + b, 1, b=2) == 3


def test_call_names_a_stub_a_non_function_and_the_learner_line_that_raised():
    def relu(Z):
        raise NotImplementedError()

    with pytest.raises(CheckFailed, match=r"^relu is not implemented yet: replace `raise NotImplementedError\(\)`"):
        call(relu, Z)
    with pytest.raises(CheckFailed, match="^relu should be a function, got ndarray$"):
        call(Z, Z, name="relu")

    def softmax(Z):
        total = Z.sum(axis=2)  # the learner's bug
        return Z / total

    with pytest.raises(CheckFailed) as caught:
        call(softmax, Z)
    message = str(caught.value)
    assert message.startswith("softmax raised AxisError: ")
    line = softmax.__code__.co_firstlineno + 1
    assert message.endswith(f"\n  in softmax, line {line}: total = Z.sum(axis=2)  # the learner's bug")


def test_a_check_failed_inside_the_learner_function_passes_through():
    def inner(Z):
        raise CheckFailed("as it was")

    with pytest.raises(CheckFailed, match="^as it was$"):
        call(inner, Z)


def test_without_an_allow_list_nothing_is_watched():
    assert call(nnlib.relu, Z, name="relu").tolist() == [[0.0, 2.0]]


def test_with_an_allow_list_a_hand_off_to_nnlib_fails_naming_the_function():
    def relu(Z):
        return nnlib.leaky_relu(Z, slope=0.0)

    with pytest.raises(CheckFailed, match="^relu calls nnlib.leaky_relu: this exercise asks for your own implementation$"):
        call(relu, Z, allowed=())
    assert call(relu, Z, allowed=(nnlib.leaky_relu,)).tolist() == [[0.0, 2.0]]


def test_a_function_that_switches_the_profiler_off_fails():
    def sneaky_relu(Z):
        sys.setprofile(None)
        return nnlib.relu(Z)

    with pytest.raises(CheckFailed, match=r"^sneaky_relu switched off the profiler \(sys.setprofile\) that lets"):
        call(sneaky_relu, Z, allowed=())


def test_call_on_copies_hands_over_copies_and_catches_changes():
    seen = []

    def records(Z, cache):
        seen.append((Z, cache))
        return Z.sum()

    cache = {"W": np.ones((1, 2))}
    assert call_on_copies(records, "records", Z, cache) == 1.0
    assert seen[0][0] is not Z and seen[0][1]["W"] is not cache["W"]

    def mutating(Z, cache):
        cache["W"] *= 2
        return Z

    with pytest.raises(CheckFailed, match=r"^mutating changed its input cache\['W'\] in place"):
        call_on_copies(mutating, "mutating", Z, cache, labels=("Z", "cache"))
    assert cache["W"].tolist() == [[1.0, 1.0]]  # the caller's arrays are untouched


def test_call_on_copies_watches_with_an_allow_list():
    with pytest.raises(CheckFailed, match="^relu calls nnlib.relu: "):
        call_on_copies(lambda Z: nnlib.relu(Z), "relu", Z, allowed=())


def test_demonstrating_reports_the_learner_function_that_raised_and_goes_on(capsys):
    def relu(Z):
        raise NotImplementedError()

    def softmax(Z):
        return Z / Z.sum(axis=2)  # the learner's bug

    def show(fn):
        return fn(Z)

    with demonstrating(relu, otherwise="skipping the picture"):
        show(relu)
    assert capsys.readouterr().out == "relu is not implemented yet: skipping the picture\n"
    with demonstrating(relu, softmax):
        show(softmax)
        print("not reached")
    line = softmax.__code__.co_firstlineno + 1
    first, where, then = capsys.readouterr().out.splitlines()
    assert first.startswith("softmax raised AxisError: ")
    assert where == f"  in softmax, line {line}: return Z / Z.sum(axis=2)  # the learner's bug"
    assert then.startswith("the rest of this cell is skipped")


def test_demonstrating_says_when_the_error_came_from_what_the_function_returned(capsys):
    def model_backward():
        return {"dW1": 0}

    with demonstrating(model_backward):
        model_backward()["db1"]
    assert capsys.readouterr().out.startswith(
        "this demonstration failed on what model_backward returned: KeyError: 'db1'\n  in ")


def test_demonstrating_lets_keyboard_interrupt_through():
    with pytest.raises(KeyboardInterrupt), demonstrating(print):
        raise KeyboardInterrupt
