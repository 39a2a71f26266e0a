"""nnlib.activations: known values, extreme inputs, derivatives, dtypes, inputs left unchanged."""
import numpy as np
import pytest

import nnlib
from nnlib.activations import ACTIVATIONS
from nnlib.gradcheck import numerical_gradient, relative_difference

pytestmark = pytest.mark.filterwarnings("error")  # any overflow/divide/invalid warning fails

EXTREME = np.array([[-1e4, -745.0, -50.0, -1.0, 0.0, 1.0, 50.0, 745.0, 1e4]])


def test_known_activation_values():
    Z = np.array([[-2.0, 0.0, 3.0]])
    np.testing.assert_allclose(nnlib.sigmoid(Z), [[0.11920292, 0.5, 0.95257413]], rtol=1e-7)
    np.testing.assert_allclose(nnlib.tanh(Z), [[-0.96402758, 0.0, 0.99505475]], rtol=1e-7)
    np.testing.assert_array_equal(nnlib.relu(Z), [[0.0, 0.0, 3.0]])
    np.testing.assert_allclose(nnlib.leaky_relu(Z), [[-0.02, 0.0, 3.0]])
    np.testing.assert_array_equal(nnlib.linear(Z), Z)
    # softmax of (0, ln 2, ln 3) is (1, 2, 3) / 6 in every column
    S = nnlib.softmax(np.log([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]]))
    np.testing.assert_allclose(S, [[1 / 6] * 2, [2 / 6] * 2, [3 / 6] * 2])


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activations_are_finite_and_bounded_for_extreme_inputs(name):
    forward, backward = ACTIVATIONS[name]
    Z = EXTREME.T if name == "softmax" else EXTREME  # softmax over a column of extremes
    A = forward(Z)
    dZ = backward(np.ones_like(Z), Z)
    assert np.isfinite(A).all() and np.isfinite(dZ).all()
    if name in ("sigmoid", "softmax"):
        assert A.min() >= 0 and A.max() <= 1


def test_sigmoid_saturates_exactly_and_softmax_is_shift_invariant():
    np.testing.assert_array_equal(nnlib.sigmoid(np.array([[-1e4, 1e4]])), [[0.0, 1.0]])
    Z = np.array([[1.0], [2.0], [3.0]])
    np.testing.assert_allclose(nnlib.softmax(Z + 1e4), nnlib.softmax(Z))


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activation_backward_matches_finite_differences(name):
    forward, backward = ACTIVATIONS[name]
    rng = np.random.default_rng(7)
    Z = rng.standard_normal((3, 4)) + 0.05  # no entry within 1e-6 of ReLU's kink
    dA = rng.standard_normal((3, 4))
    numeric = numerical_gradient(lambda: float((forward(Z) * dA).sum()), Z)
    assert relative_difference(backward(dA, Z), numeric) < 1e-8


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dtype_is_preserved(dtype):
    X = np.random.default_rng(0).standard_normal((3, 5)).astype(dtype)
    for name, (forward, backward) in ACTIVATIONS.items():
        assert forward(X).dtype == dtype, name
        assert backward(X, X).dtype == dtype, name


def test_default_dtype_is_float64_for_integer_inputs():
    assert nnlib.relu(np.array([[1, -2]])).dtype == np.float64


def test_non_numeric_input_is_refused():
    with pytest.raises(ValueError, match=r"must be a numeric array, got dtype <U1"):
        nnlib.relu(np.array([["a"]]))


def test_unknown_activation_lists_the_choices():
    X, params = np.zeros((2, 3)), nnlib.initialize_parameters([2, 1])
    with pytest.raises(ValueError, match=r"unknown activation 'relux'; choose from leaky_relu, linear, relu"):
        nnlib.model_forward(X, params, hidden_activation="relux")
    with pytest.raises(ValueError, match=r"unknown activation 'relux'; choose from"):
        nnlib.get_activation("relux")


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activations_do_not_mutate_their_inputs(name):
    forward, backward = ACTIVATIONS[name]
    Z = np.array([[-1.0, 0.5], [2.0, -3.0]])
    dA = np.array([[1.0, -1.0], [0.5, 2.0]])
    Z0, dA0 = Z.copy(), dA.copy()
    A = forward(Z)
    backward(dA, Z)
    A[...] = 7  # the result must not alias the input either
    np.testing.assert_array_equal(Z, Z0)
    np.testing.assert_array_equal(dA, dA0)
