"""nnlib.diagnostics on a network worked by hand."""
import numpy as np
import pytest

from nnlib import diagnostics

pytestmark = pytest.mark.filterwarnings("error")  # any overflow/divide/invalid warning fails


def test_gradient_norms_take_the_dW_in_layer_order():
    grads = {"db2": np.array([[7.0]]), "dW2": np.array([[1.0, -2.0]]),  # sqrt(1 + 4)
             "dA1": np.ones((2, 3)), "dW1": np.array([[3.0, 0.0], [0.0, -4.0]]),  # sqrt(9 + 16)
             "db1": np.array([[12.0], [0.0]])}
    np.testing.assert_allclose(diagnostics.gradient_norms(grads), [5.0, np.sqrt(5.0)])


def test_dead_units_worked_by_hand():
    # X = [[1, -1]]; layer 1 has Z1 = [[1, -1], [0, 0], [-1, 1], [-1, -1]]: units 1
    # (exactly 0) and 3 are dead. A1 = [[1, 0], [0, 0], [0, 1], [0, 0]], so Z2 = [[1, 1], [-1, -1]]:
    # unit 1 is dead. The output layer (always -1) is not counted.
    X = np.array([[1.0, -1.0]])
    parameters = {"W1": np.array([[1.0], [0.0], [-1.0], [0.0]]),
                  "b1": np.array([[0.0], [0.0], [0.0], [-1.0]]),
                  "W2": np.array([[1.0, 0.0, 1.0, 0.0], [-1.0, 0.0, -1.0, 0.0]]),
                  "b2": np.zeros((2, 1)),
                  "W3": np.zeros((1, 2)), "b3": np.array([[-1.0]])}
    counts = diagnostics.dead_units(X, parameters)
    np.testing.assert_array_equal(counts, [2, 1])
    assert counts.dtype.kind == "i"


def test_output_layer_for_the_targets():
    assert diagnostics.output_layer_for(np.array([[0.0, 1.0, 1.0]])) == ("sigmoid", "bce")
    assert diagnostics.output_layer_for(np.eye(3)) == ("softmax", "ce")
    assert diagnostics.output_layer_for(np.array([[1.0, 0.0], [1.0, 1.0]])) == ("sigmoid", "bce")
    assert diagnostics.output_layer_for(np.array([[1.0, 1.0, 1.0]])) == ("sigmoid", "bce")
    assert diagnostics.output_layer_for(np.array([[0.5, 2.0]])) == ("linear", "mse")
    assert diagnostics.output_layer_for(np.array([[-0.1, 0.5]])) == ("linear", "mse")
    # fractions in [0, 1], like the study-hours grades / 100 that notebook 06 trains with a sigmoid
    assert diagnostics.output_layer_for(np.array([[0.75, 0.82, 0.93]])) == ("sigmoid", "mse")
    assert diagnostics.output_layer_for(np.array([[0.0, 0.5, 1.0]])) == ("sigmoid", "mse")
    assert diagnostics.output_layer_for([[0, 1], [1, 0]]) == ("softmax", "ce")
