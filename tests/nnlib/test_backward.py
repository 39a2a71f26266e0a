"""nnlib.backward: model_backward is the exact gradient of compute_cost (finite differences),
for every hidden activation, output/loss pair and depth; dtypes; inputs left unchanged."""
import numpy as np
import pytest

import nnlib
from nnlib.activations import ACTIVATIONS
from nnlib.gradcheck import numerical_gradient
from nnlib.losses import COMPATIBLE_OUTPUTS

HIDDEN = sorted(set(ACTIVATIONS) - {"softmax"})
OUTPUT_LOSS = sorted((out, loss) for loss, outs in COMPATIBLE_OUTPUTS.items() for out in outs)
DEPTHS = (2, 3, 4)
TOLERANCE = 1e-6  # relative difference; a wrong factor or transposition gives > 1e-2


@pytest.mark.parametrize("depth", DEPTHS)
@pytest.mark.parametrize("output,loss", OUTPUT_LOSS)
@pytest.mark.parametrize("hidden", HIDDEN)
def test_model_backward_matches_finite_differences(hidden, output, loss, depth, gradient_problem):
    seed = 1000 * depth + HIDDEN.index(hidden) * 10 + OUTPUT_LOSS.index((output, loss))
    params, X, Y = gradient_problem(hidden, output, loss, depth, seed)
    difference = nnlib.gradient_check(params, X, Y, hidden, output, loss)
    assert difference < TOLERANCE, f"{hidden}/{output}/{loss}, {depth} layers: {difference:.2e}"


def test_layer_backward_matches_finite_differences():
    rng = np.random.default_rng(3)
    A, W, b = rng.standard_normal((4, 6)), rng.standard_normal((3, 4)), rng.standard_normal((3, 1))
    dZ = rng.standard_normal((3, 6))
    dA_prev, dW, db = nnlib.linear_backward(dZ, (A, W, b))
    m = A.shape[1]

    def f():  # linear_backward's dW, db are gradients of sum(dZ * Z) / m; dA_prev of sum(dZ * Z)
        return float((dZ * (W @ A + b)).sum())

    np.testing.assert_allclose(dW, numerical_gradient(f, W) / m, rtol=1e-6)
    np.testing.assert_allclose(db, numerical_gradient(f, b) / m, rtol=1e-6)
    np.testing.assert_allclose(dA_prev, numerical_gradient(f, A), rtol=1e-6)


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_gradients_keep_the_dtype(dtype):
    rng = np.random.default_rng(0)
    X = rng.standard_normal((3, 5)).astype(dtype)
    Y = (rng.random((1, 5)) > 0.5).astype(dtype)
    params = nnlib.initialize_parameters([3, 4, 1], seed=0, dtype=dtype)
    AL, caches = nnlib.model_forward(X, params, "relu", "sigmoid")
    grads = nnlib.model_backward(AL, Y, caches, "relu", "sigmoid", "bce")
    assert {g.dtype for g in grads.values()} == {np.dtype(dtype)}


@pytest.mark.filterwarnings("error")
def test_model_backward_does_not_mutate_its_inputs(small_network):
    X, Y, params = small_network
    AL, caches = nnlib.model_forward(X, params)
    AL0, Y0 = AL.copy(), Y.copy()
    Z0 = [cache.Z.copy() for cache in caches]
    nnlib.model_backward(AL, Y, caches)
    np.testing.assert_array_equal(AL, AL0)
    np.testing.assert_array_equal(Y, Y0)
    for cache, Z in zip(caches, Z0):
        np.testing.assert_array_equal(cache.Z, Z)
