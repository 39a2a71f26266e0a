"""nnchecks.mistakes: a wrong result that equals a known mistake's result names the mistake."""
import numpy as np
import pytest

from nnchecks import CheckFailed
from nnchecks.mistakes import diagnose, matches, scaled

GRADS = {"dW1": np.array([[1.0, 2.0]]), "db1": np.array([[0.5]])}


def test_matches_compares_structure_and_values():
    assert matches(GRADS | {"dA1": np.zeros(2)}, GRADS)  # extra keys do not matter
    assert not matches({"dW1": GRADS["dW1"]}, GRADS)
    assert matches([np.ones(2), np.zeros(1)], (np.ones(2), np.zeros(1)))
    assert not matches((np.ones(2),), (np.ones(2), np.zeros(1)))
    assert not matches(np.ones((2, 1)), np.ones(2))
    assert not matches(np.array(["1"]), np.ones(1))


def test_diagnose_names_the_first_mistake_that_matches_and_passes_right_results():
    mistakes = [(scaled(GRADS, 2), "m times too large"), (scaled(GRADS, -1), "wrong sign")]
    diagnose("grads", GRADS, GRADS, mistakes)
    diagnose("grads", scaled(GRADS, 3), GRADS, mistakes)  # a mistake nobody listed: left to expect_same
    with pytest.raises(CheckFailed, match="^grads is not right: wrong sign$"):
        diagnose("grads", scaled(GRADS, -1), GRADS, mistakes)


def test_scaled_keeps_the_structure():
    got = scaled((GRADS, np.ones(1)), 0.5)
    assert isinstance(got, tuple) and set(got[0]) == {"dW1", "db1"}
    assert got[0]["dW1"].tolist() == [[0.5, 1.0]] and got[1].tolist() == [0.5]
