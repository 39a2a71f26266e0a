"""Hidden checks for notebook 04: every exercise against nnlib on random inputs of two sizes, on
copies of the inputs, with the same allow-lists as the visible checks."""
import numpy as np

import nnlib
from nnlib.data import one_hot

from ..calling import call, call_on_copies
from ..compare import expect_array, expect_same
from ..failures import fail
from ..nb04_backprop import (ACTIVATION_NAMES, ALLOWED, LOSS_CASES, MODEL_CASES, model_args,
                             two_layer_args, two_layer_reference)
from ..reference import compare_with_reference, random_inputs


# --------------------------------------------------------------------------- activation derivatives

def _activation_args(zeros):
    """make_args: (dA, Z) of a size, with some entries of Z exactly 0 if ``zeros``."""
    def make_args(rng, size):
        Z = 3 * rng.standard_normal(size)
        if zeros:
            Z[rng.random(size) < 0.2] = 0.0
        return rng.standard_normal(size), Z
    return make_args


def _check_activation_hidden(fn, name, seed):
    compare_with_reference(fn, getattr(nnlib, name), _activation_args(name.endswith("relu_backward")),
                           name=name, sizes=[(3, 4), (6, 25)], seed=seed, allowed=ALLOWED[name])


def check_sigmoid_backward_hidden(fn):
    _check_activation_hidden(fn, "sigmoid_backward", 401)


def check_tanh_backward_hidden(fn):
    _check_activation_hidden(fn, "tanh_backward", 402)


def check_relu_backward_hidden(fn):
    _check_activation_hidden(fn, "relu_backward", 403)


def check_leaky_relu_backward_hidden(fn):
    _check_activation_hidden(fn, "leaky_relu_backward", 404)
    rng = random_inputs(405)
    dA, Z = _activation_args(True)(rng, (4, 9))
    got = call_on_copies(fn, "leaky_relu_backward", dA, Z, slope=0.3, allowed=ALLOWED["leaky_relu_backward"])
    expect_same("leaky_relu_backward with slope=0.3 on random inputs", got,
                nnlib.leaky_relu_backward(dA, Z, slope=0.3))


# --------------------------------------------------------------------------- loss derivatives

def _loss_args(loss):
    def make_args(rng, size):
        n, m = size
        if loss == "ce":
            AL = nnlib.softmax(rng.standard_normal(size))
            Y = one_hot(rng.integers(0, n, m), n)
        elif loss == "bce":
            AL = rng.uniform(0.05, 0.95, size)
            Y = (rng.random(size) < 0.5).astype(float)
        else:
            AL, Y = rng.standard_normal(size), rng.standard_normal(size)
        return AL, Y, loss
    return make_args


def check_loss_gradient_hidden(fn, loss):
    sizes = [(3, 5), (4, 30)] if loss == "ce" else [(1, 5), (2, 30)]
    compare_with_reference(fn, nnlib.loss_gradient, _loss_args(loss), name="loss_gradient",
                           sizes=sizes, seed=410 + list(LOSS_CASES).index(loss), allowed=ALLOWED["loss_gradient"])


# --------------------------------------------------------------------------- one layer

def _layer(rng, n_prev, n, m):
    A_prev = rng.standard_normal((n_prev, m))
    W = rng.standard_normal((n, n_prev))
    b = rng.standard_normal((n, 1))
    return A_prev, W, b


def check_linear_backward_hidden(fn):
    def make_args(rng, size):
        A_prev, W, b = _layer(rng, *size)
        return rng.standard_normal((size[1], size[2])), nnlib.LinearCache(A_prev, W, b)

    compare_with_reference(fn, nnlib.linear_backward, make_args, name="linear_backward",
                           sizes=[(3, 2, 4), (7, 5, 30)], seed=420, allowed=ALLOWED["linear_backward"],
                           labels=("dZ", "cache"))


def check_linear_activation_backward_hidden(fn):
    def make_args(rng, size):
        activation, n_prev, n, m = size
        A_prev, W, b = _layer(rng, n_prev, n, m)
        _, cache = nnlib.linear_activation_forward(A_prev, W, b, activation)
        return rng.standard_normal((n, m)), cache, activation

    sizes = [(a, 3, 2, 4) for a in ACTIVATION_NAMES] + [(a, 6, 5, 20) for a in ACTIVATION_NAMES]
    compare_with_reference(fn, nnlib.linear_activation_backward, make_args, name="linear_activation_backward",
                           sizes=sizes, seed=430, allowed=ALLOWED["linear_activation_backward"],
                           labels=("dA", "cache", "activation"))


# --------------------------------------------------------------------------- L layers

def check_model_backward_hidden(fn, case):
    hidden, output, loss = MODEL_CASES[case]
    outputs = 4 if loss == "ce" else 1

    def make_args(rng, size):
        dims, m = size
        return model_args(rng, dims, m, hidden, output, loss)

    sizes = [((2, 3, outputs), 4), ((5, 6, 4, 3, outputs), 25)]
    compare_with_reference(fn, nnlib.model_backward, make_args, name="model_backward", sizes=sizes,
                           seed=450 + list(MODEL_CASES).index(case), allowed=ALLOWED["model_backward"],
                           labels=("AL", "Y", "caches", "hidden_activation", "output_activation", "loss"))


# --------------------------------------------------------------------------- gradient checking

def check_numerical_gradient_hidden(fn):
    """The gradient of a small network's cost with respect to W1, against nnlib's."""
    rng = random_inputs(460)
    for dims, m in [((2, 3, 1), 4), ((4, 5, 2), 12)]:
        AL, Y, caches, hidden, output, loss = model_args(rng, dims, m, "tanh", "sigmoid", "bce")
        X = caches[0].linear.A_prev
        params = {f"{p}{l}": np.array(getattr(c.linear, p))
                  for l, c in enumerate(caches, 1) for p in "Wb"}
        before = params["W1"].copy()

        def cost():
            return nnlib.compute_cost(nnlib.model_forward(X, params, hidden, output)[0], Y, loss)

        # the cost is the check's own: what it calls in nnlib is no hand-off
        got = call(fn, cost, params["W1"], 1e-6, name="numerical_gradient",
                   allowed=(*ALLOWED["numerical_gradient"], cost))
        if not np.allclose(params["W1"], before, rtol=1e-12, atol=1e-12):
            fail("numerical_gradient left x changed; put each entry back after its two evaluations")
        expected = nnlib.numerical_gradient(cost, params["W1"], 1e-6)
        expect_array(f"numerical_gradient of a cost with respect to W1 of shape {before.shape}",
                     got, expected, rtol=1e-5, atol=1e-8)


def check_relative_difference_hidden(fn):
    def make_args(rng, size):
        a = rng.standard_normal(size)
        return a, a + rng.choice([1e-9, 1e-3, 1.0]) * rng.standard_normal(size)

    compare_with_reference(fn, nnlib.relative_difference, make_args, name="relative_difference",
                           sizes=[(5,), (3, 4), (20, 7)], seed=470, allowed=ALLOWED["relative_difference"])


# --------------------------------------------------------------------------- find the bug

def check_two_layer_backward_hidden(fn):
    def make_args(rng, size):
        return two_layer_args(rng, *size)

    compare_with_reference(fn, two_layer_reference, make_args, name="two_layer_backward",
                           sizes=[(2, 3, 8), (5, 7, 40)], seed=490, allowed=ALLOWED["two_layer_backward"],
                           labels=("X", "Y", "parameters", "cache"))
