"""nnchecks.compare: type, then shape, then values, and the message names what is wrong."""
from collections import namedtuple

import numpy as np
import pytest

from nnchecks import (CheckFailed, expect_array, expect_close, expect_equal, expect_same, expect_unchanged,
                      snapshot)
from nnchecks.compare import at

EXPECTED = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])


@pytest.mark.parametrize("got, message", [
    ([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], r"^Z should be a numpy array, got list$"),
    (None, "got NoneType"),
    (3.0, "got float"),
    (EXPECTED.T, r"^Z has shape \(3, 2\); expected \(2, 3\)$"),
    (EXPECTED.astype(str), r"^Z has dtype <U32; expected numbers$"),
    (np.where(EXPECTED == 5.0, np.nan, EXPECTED), r"^Z\[1, 1\] is nan; expected 5$"),
    (EXPECTED + np.array([[0, 0, 0.5], [0, 0, 0.1]]), r"^Z\[0, 2\] is 3.5; expected 3 \(2 of 6 entries differ\)$"),
])
def test_expect_array_says_what_is_wrong(got, message):
    with pytest.raises(CheckFailed, match=message):
        expect_array("Z", got, EXPECTED)


def test_expect_array_accepts_values_within_tolerance_and_integers():
    expect_array("Z", EXPECTED * (1 + 1e-7), EXPECTED)
    expect_array("Z", EXPECTED.astype(int), EXPECTED)
    with pytest.raises(CheckFailed, match="\nHint: add b"):
        expect_array("Z", EXPECTED * (1 + 1e-5), EXPECTED, hint="add b")


def test_expect_close_takes_numbers_and_one_entry_arrays_only():
    expect_close("cost", 0.5 + 1e-9, 0.5)
    expect_close("cost", np.array([[0.5]]), 0.5)
    expect_close("cost", np.float32(0.5), 0.5)
    with pytest.raises(CheckFailed, match="^cost is 0.6; expected 0.5$"):
        expect_close("cost", 0.6, 0.5)
    for wrong, kind in [(True, "bool"), ("0.5", "str"), (np.array([0.5, 0.5]), "ndarray")]:
        with pytest.raises(CheckFailed, match=f"cost should be a number, got {kind}"):
            expect_close("cost", wrong, 0.5)


def test_expect_equal():
    expect_equal("shape", (3, 1), (3, 1))
    with pytest.raises(CheckFailed, match=r"^shape is \(1, 3\); expected \(3, 1\)$"):
        expect_equal("shape", (1, 3), (3, 1))


def test_expect_same_walks_dicts_and_tuples_and_names_the_path():
    expected = {"W1": EXPECTED, "b1": (np.zeros((2, 1)), 0.5)}
    expect_same("parameters", {"W1": EXPECTED.copy(), "b1": [np.zeros((2, 1)), 0.5], "extra": 1}, expected)
    with pytest.raises(CheckFailed, match=r"missing the keys \['W1'\].*\nHint: keys are case-sensitive"):
        expect_same("parameters", {"w1": EXPECTED, "b1": expected["b1"]}, expected)
    with pytest.raises(CheckFailed, match=r"^parameters\['b1'\] has 1 items; expected 2$"):
        expect_same("parameters", {"W1": EXPECTED, "b1": (np.zeros((2, 1)),)}, expected)
    with pytest.raises(CheckFailed, match=r"^parameters\['b1'\]\[1\] is 0.6; expected 0.5$"):
        expect_same("parameters", {"W1": EXPECTED, "b1": (np.zeros((2, 1)), 0.6)}, expected)
    with pytest.raises(CheckFailed, match="should be a dict, got tuple"):
        expect_same("parameters", (EXPECTED,), expected)


Cache = namedtuple("Cache", "A_prev W b")


def test_expect_unchanged_looks_inside_caches_and_names_the_array():
    cache = Cache(np.ones((2, 3)), np.ones((1, 2)), np.zeros((1, 1)))
    inputs = (np.ones((1, 3)), cache, {"W1": np.ones((1, 2))})
    copies = snapshot(*inputs)
    expect_unchanged("backward", inputs, copies)
    cache.W[0, 0] = 2.0
    with pytest.raises(CheckFailed, match=r"^backward changed its input cache\.W in place"):
        expect_unchanged("backward", inputs, copies, labels=("dZ", "cache", "parameters"))
    cache.W[0, 0] = 1.0
    inputs[2]["W1"] += 1
    with pytest.raises(CheckFailed, match=r"changed its input 'W1' in place(.|\n)*Hint: `A\[A < 0\] = 0`"):
        expect_unchanged("backward", inputs, copies)


def test_snapshot_copies_deeply():
    parameters = {"W1": np.zeros((1, 1))}
    (copy,) = snapshot(parameters)
    copy["W1"][0, 0] = 1.0
    assert parameters["W1"][0, 0] == 0.0


@pytest.mark.parametrize("name, expected", [
    ("dW", "dW[1]"),
    ("softmax(Z / 1000)", "softmax(Z / 1000)[1]"),
    ("caches[0] (layer 1)", "caches[0][1] (layer 1)"),
    ("gradient_norms(grads) for 12 layers (||dW[l]|| = l)", "gradient_norms(grads)[1] for 12 layers (||dW[l]|| = l)"),
    ("update_with_adam(...) from a state with t = 3", "update_with_adam(...)[1] from a state with t = 3"),
    ("relu on random inputs of size (5, 40): result", "relu on random inputs of size (5, 40): result[1]"),
])
def test_an_index_goes_after_the_expression_not_after_the_words_about_it(name, expected):
    assert at(name, "[1]") == expected


def test_nested_indexes_read_as_one_expression():
    with pytest.raises(CheckFailed, match=r"^f\(x\)\[0\]\['W1'\]\[0, 1\] from a state with t = 3 is 9; expected 2"):
        expect_same("f(x) from a state with t = 3", ({"W1": np.array([[1.0, 9.0]])},),
                    ({"W1": np.array([[1.0, 2.0]])},))
