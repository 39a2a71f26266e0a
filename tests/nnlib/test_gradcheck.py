"""nnlib.gradcheck: it tells a wrong gradient from a right one, and leaves its inputs alone."""
import numpy as np
import pytest

import nnlib


def test_gradient_check_detects_a_wrong_gradient(gradient_problem):
    params, X, Y = gradient_problem("tanh", "sigmoid", "bce", 3, 0)
    AL, caches = nnlib.model_forward(X, params, "tanh", "sigmoid")
    grads = nnlib.model_backward(AL, Y, caches, "tanh", "sigmoid", "bce")
    assert nnlib.gradient_check(params, X, Y, "tanh", "sigmoid", "bce", grads=grads) < 1e-6
    halved = dict(grads, dW2=grads["dW2"] / X.shape[1])  # the gradient averaged twice
    assert nnlib.gradient_check(params, X, Y, "tanh", "sigmoid", "bce", grads=halved) > 1e-2


def test_relative_difference_known_values():
    assert nnlib.relative_difference([3.0, 4.0], [3.0, 4.0]) == 0.0
    assert nnlib.relative_difference([0.0], [0.0]) == 0.0
    # ||(3, 4) - (0, 0)|| / (5 + 0) = 1
    assert nnlib.relative_difference([3.0, 4.0], [0.0, 0.0]) == pytest.approx(1.0)


@pytest.mark.filterwarnings("error")
def test_gradient_check_does_not_mutate_its_inputs(small_network):
    X, Y, params = small_network
    X0, Y0, params0 = X.copy(), Y.copy(), {k: v.copy() for k, v in params.items()}
    nnlib.gradient_check(params, X, Y)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(Y, Y0)
    for key in params:
        np.testing.assert_array_equal(params[key], params0[key])
