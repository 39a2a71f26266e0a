"""nnlib.forward: known values, caches, dtypes, shape errors naming the arrays."""
import numpy as np
import pytest

import nnlib

pytestmark = pytest.mark.filterwarnings("error")  # any overflow/divide/invalid warning fails


def test_linear_forward_known_value_and_cache():
    A = np.array([[1.0, 2.0], [3.0, 4.0]])
    W = np.array([[1.0, -1.0]])
    b = np.array([[0.5]])
    Z, cache = nnlib.linear_forward(A, W, b)
    np.testing.assert_array_equal(Z, [[-1.5, -1.5]])
    assert cache.A_prev is A and cache.W is W and cache.b is b


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_model_forward_keeps_the_dtype(dtype):
    X = np.random.default_rng(0).standard_normal((3, 5)).astype(dtype)
    params = nnlib.initialize_parameters([3, 4, 1], seed=0, dtype=dtype)
    AL, _ = nnlib.model_forward(X, params, "relu", "sigmoid")
    assert AL.dtype == dtype


def test_model_forward_does_not_mutate_its_inputs(small_network):
    X, _, params = small_network
    X0, params0 = X.copy(), {k: v.copy() for k, v in params.items()}
    nnlib.model_forward(X, params)
    np.testing.assert_array_equal(X, X0)
    for key in params:
        np.testing.assert_array_equal(params[key], params0[key])


def test_layer_shape_mismatch_names_both_arrays():
    params = {"W1": np.zeros((5, 4)), "b1": np.zeros((5, 1)), "W2": np.zeros((3, 4)), "b2": np.zeros((3, 1))}
    with pytest.raises(ValueError, match=r"W2 has shape \(3, 4\) but A1 has 5 rows"):
        nnlib.model_forward(np.zeros((4, 7)), params)
    with pytest.raises(ValueError, match=r"W1 has shape \(5, 4\) but X has 3 rows"):
        nnlib.model_forward(np.zeros((3, 7)), {"W1": np.zeros((5, 4)), "b1": np.zeros((5, 1))})


def test_bias_shape_and_dimensions():
    with pytest.raises(ValueError, match=r"b has shape \(5,\)|b must be 2-D"):
        nnlib.linear_forward(np.zeros((4, 2)), np.zeros((5, 4)), np.zeros(5))
    with pytest.raises(ValueError, match=r"b has shape \(4, 1\); expected \(5, 1\)"):
        nnlib.linear_forward(np.zeros((4, 2)), np.zeros((5, 4)), np.zeros((4, 1)))
    with pytest.raises(ValueError, match=r"A_prev must be 2-D with examples as columns, got shape \(4,\)"):
        nnlib.linear_forward(np.zeros(4), np.zeros((5, 4)), np.zeros((5, 1)))


def test_lower_case_parameter_keys_are_explained():
    with pytest.raises(ValueError, match=r"case-sensitive"):
        nnlib.model_forward(np.zeros((2, 3)), {"w1": np.zeros((1, 2)), "b1": np.zeros((1, 1))})
