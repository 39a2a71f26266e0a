"""model_backward is the exact gradient of compute_cost: checked by finite differences."""
import numpy as np
import pytest

import nnlib
from nnlib.activations import ACTIVATIONS
from nnlib.gradcheck import numerical_gradient, relative_difference
from nnlib.losses import COMPATIBLE_OUTPUTS

HIDDEN = sorted(set(ACTIVATIONS) - {"softmax"})
OUTPUT_LOSS = sorted((out, loss) for loss, outs in COMPATIBLE_OUTPUTS.items() for out in outs)
DEPTHS = (2, 3, 4)
TOLERANCE = 1e-6  # relative difference; a wrong factor or transposition gives > 1e-2


def _problem(hidden, output, loss, depth, seed):
    rng = np.random.default_rng(seed)
    n_out = 3 if output == "softmax" else 2
    dims = [4] + list(rng.integers(2, 6, size=depth - 1)) + [n_out]
    m = 5
    X = rng.standard_normal((dims[0], m))
    if loss == "ce":
        Y = np.eye(n_out)[:, rng.integers(0, n_out, m)]
    elif loss == "bce":
        Y = (rng.random((n_out, m)) > 0.5).astype(float)
    else:
        Y = rng.random((n_out, m))
    params = nnlib.initialize_parameters(dims, "xavier", seed=seed)
    # keep pre-activations away from ReLU's kink, where finite differences are meaningless
    params = {k: v + (0.1 if k.startswith("b") else 0.0) for k, v in params.items()}
    return params, X, Y


@pytest.mark.parametrize("depth", DEPTHS)
@pytest.mark.parametrize("output,loss", OUTPUT_LOSS)
@pytest.mark.parametrize("hidden", HIDDEN)
def test_model_backward_matches_finite_differences(hidden, output, loss, depth):
    seed = 1000 * depth + HIDDEN.index(hidden) * 10 + OUTPUT_LOSS.index((output, loss))
    params, X, Y = _problem(hidden, output, loss, depth, seed)
    difference = nnlib.gradient_check(params, X, Y, hidden, output, loss)
    assert difference < TOLERANCE, f"{hidden}/{output}/{loss}, {depth} layers: {difference:.2e}"


def test_gradient_check_detects_a_wrong_gradient():
    params, X, Y = _problem("tanh", "sigmoid", "bce", 3, 0)
    AL, caches = nnlib.model_forward(X, params, "tanh", "sigmoid")
    grads = nnlib.model_backward(AL, Y, caches, "tanh", "sigmoid", "bce")
    halved = dict(grads, dW2=grads["dW2"] / X.shape[1])  # the gradient averaged twice
    assert nnlib.gradient_check(params, X, Y, "tanh", "sigmoid", "bce", grads=halved) > 1e-2


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activation_backward_matches_finite_differences(name):
    forward, backward = ACTIVATIONS[name]
    rng = np.random.default_rng(7)
    Z = rng.standard_normal((3, 4)) + 0.05  # no entry within 1e-6 of ReLU's kink
    dA = rng.standard_normal((3, 4))
    numeric = numerical_gradient(lambda: float((forward(Z) * dA).sum()), Z)
    assert relative_difference(backward(dA, Z), numeric) < 1e-8


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

