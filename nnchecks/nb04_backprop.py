"""Checks for notebook 04, backpropagation.

Each exercise has a visible check (a small case worked by hand or built from nnlib on fixed
inputs, with a hint for the usual mistakes) and a hidden one (random inputs of two sizes,
compared with nnlib, inputs unchanged, no hand-off to nnlib's own function).

nnlib's convention, which the exercises follow: ``dA`` and ``dZ`` are per-example derivatives
(column i belongs to example i, nothing averaged); ``linear_backward`` divides by m once, when it
forms ``dW`` and ``db``.
"""
import numpy as np

import nnlib
from nnlib import backward as _backward
from nnlib import losses as _losses
from nnlib.data import one_hot

from . import (call, call_watching, compare_with_reference, expect_array, expect_close, expect_same,
               expect_unchanged, fail, passed, random_inputs, snapshot)

LN2, LN3 = np.log(2.0), np.log(3.0)
ACTIVATION_NAMES = ("sigmoid", "tanh", "relu", "leaky_relu")
MODEL_BACKWARD = [nnlib.model_backward, _backward._model_backward, _backward._output_dZ]
"""What model_backward must not hand its work to (nnlib's one-layer functions are allowed)."""
BACKWARD_FUNCTIONS = MODEL_BACKWARD + [nnlib.linear_backward, _backward._linear_backward,
                                       nnlib.linear_activation_backward]
"""The fixed two-layer backward is plain numpy, like the buggy one."""


# --------------------------------------------------------------------------- helpers

def _matches(got, value, rtol=1e-6, atol=1e-9):
    if isinstance(value, dict):
        return isinstance(got, dict) and all(k in got and _matches(got[k], v, rtol, atol)
                                             for k, v in value.items())
    if isinstance(value, tuple):
        return (isinstance(got, (tuple, list)) and len(got) == len(value)
                and all(_matches(g, v, rtol, atol) for g, v in zip(got, value)))
    return (isinstance(got, np.ndarray) and got.shape == np.shape(value)
            and got.dtype.kind in "biuf" and np.allclose(got, value, rtol=rtol, atol=atol))


def _diagnose(name, got, expected, mistakes, rtol=1e-6, atol=1e-9):
    """If ``got`` is not ``expected`` but matches a known wrong answer, say which mistake it is."""
    if _matches(got, expected, rtol, atol):
        return
    for wrong, message in mistakes:
        if _matches(got, wrong, rtol, atol):
            fail(f"{name} is not right: {message}")


def _scaled(value, factor):
    if isinstance(value, dict):
        return {k: _scaled(v, factor) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(_scaled(v, factor) for v in value)
    return value * factor


def _expect_result(name, got, expected, mistakes=(), hint=None, rtol=1e-6, atol=1e-8):
    _diagnose(name, got, expected, mistakes)
    expect_same(name, got, expected, rtol, atol, hint)


def _expect_layer_gradients(call_text, got, expected, mistakes=(), hint=None, rtol=1e-6, atol=1e-8):
    """``got`` must be the tuple (dA_prev, dW, db); each item is checked under its own name."""
    _diagnose(call_text, got, expected, mistakes)
    if not isinstance(got, (tuple, list)) or len(got) != 3:
        what = f"{len(got)} items" if isinstance(got, (tuple, list)) else type(got).__name__
        fail(f"{call_text} should return a tuple (dA_prev, dW, db), got {what}")
    for label, g, e in zip(("dA_prev", "dW", "db"), got, expected):
        expect_array(f"{label} from {call_text}", g, e, rtol, atol, hint)


# --------------------------------------------------------------------------- activation derivatives

def _activation_case(fn, name, dA, Z, expected, mistakes, **kwargs):
    given, originals = snapshot(dA, Z), snapshot(dA, Z)
    got = call(fn, *given, name=name, **kwargs)
    expect_unchanged(name, given, originals, ("dA", "Z"))
    _expect_result(f"{name}(dA, Z)", got, expected, mistakes,
                   hint="dZ = dA * g'(Z), element by element, same shape as Z")


def _common_activation_mistakes(dA, Z, derivative, forward):
    g = forward(Z)
    return [(derivative, "it returns g'(Z) alone; multiply it by dA (the chain rule)"),
            (dA, "it returns dA unchanged; multiply by the derivative g'(Z)"),
            (g, "it returns g(Z), the forward pass; the backward pass returns dA * g'(Z)"),
            (dA * g, "it multiplies dA by g(Z), the activation itself, instead of its derivative g'(Z)"),
            (dA * derivative * 2, "it is twice the expected value")]


def check_sigmoid_backward(fn):
    """sigmoid(0) = 1/2, sigmoid(ln 3) = 3/4, sigmoid(-ln 3) = 1/4, so s(1-s) is 1/4 or 3/16."""
    Z = np.array([[0.0, LN3, -LN3], [-LN3, 0.0, LN3]])
    dA = np.array([[1.0, 2.0, -1.0], [4.0, -2.0, 0.5]])
    derivative = np.array([[0.25, 0.1875, 0.1875], [0.1875, 0.25, 0.1875]])
    expected = np.array([[0.25, 0.375, -0.1875], [0.75, -0.5, 0.09375]])
    mistakes = _common_activation_mistakes(dA, Z, derivative, nnlib.sigmoid) + [
        (dA * Z * (1 - Z), "it uses Z * (1 - Z); the formula is s * (1 - s) with s = sigmoid(Z)"),
    ]
    _activation_case(fn, "sigmoid_backward", dA, Z, expected, mistakes)
    passed("sigmoid_backward")


def check_tanh_backward(fn):
    """tanh(0) = 0 and tanh(±ln 2) = ±0.6, so 1 - tanh² is 1 or 0.64."""
    Z = np.array([[0.0, LN2, -LN2], [LN2, 0.0, -LN2]])
    dA = np.array([[1.0, 2.0, -1.0], [4.0, -2.0, 0.5]])
    derivative = np.array([[1.0, 0.64, 0.64], [0.64, 1.0, 0.64]])
    expected = np.array([[1.0, 1.28, -0.64], [2.56, -2.0, 0.32]])
    mistakes = _common_activation_mistakes(dA, Z, derivative, nnlib.tanh) + [
        (dA * (1 - Z ** 2), "it uses 1 - Z**2; the formula is 1 - tanh(Z)**2"),
        (dA * (1 - np.tanh(Z)), "it uses 1 - tanh(Z); the derivative is 1 - tanh(Z)**2"),
    ]
    _activation_case(fn, "tanh_backward", dA, Z, expected, mistakes)
    passed("tanh_backward")


_RELU_Z = np.array([[-2.0, 0.0, 3.0], [1.5, -0.1, 0.0]])
_RELU_DA = np.array([[5.0, 6.0, 7.0], [8.0, 9.0, 10.0]])


def check_relu_backward(fn):
    """dA where Z > 0, 0 elsewhere, including at Z == 0."""
    Z, dA = _RELU_Z, _RELU_DA
    expected = np.array([[0.0, 0.0, 7.0], [8.0, 0.0, 0.0]])
    mistakes = _common_activation_mistakes(dA, Z, (Z > 0).astype(float), nnlib.relu) + [
        (np.where(Z >= 0, dA, 0.0), "at Z == 0 it passes dA through; take the derivative at 0 as 0 (Z > 0)"),
    ]
    _activation_case(fn, "relu_backward", dA, Z, expected, mistakes)
    passed("relu_backward")


def check_leaky_relu_backward(fn):
    """dA where Z > 0, slope * dA elsewhere (slope 0.01 by default; 0.2 when passed)."""
    Z, dA = _RELU_Z, _RELU_DA
    for slope, expected in [(None, np.array([[0.05, 0.06, 7.0], [8.0, 0.09, 0.1]])),
                            (0.2, np.array([[1.0, 1.2, 7.0], [8.0, 1.8, 2.0]]))]:
        s = 0.01 if slope is None else slope
        mistakes = _common_activation_mistakes(dA, Z, np.where(Z > 0, 1.0, s),
                                               lambda Z: nnlib.leaky_relu(Z, s)) + [
            (np.where(Z > 0, dA, 0.0), "it is relu_backward: where Z <= 0 the result is slope * dA, not 0"),
            (np.where(Z >= 0, dA, s * dA), "at Z == 0 it passes dA through; use slope * dA there (Z > 0 test)"),
            (np.where(Z > 0, dA, 0.01 * dA), "it ignores the slope argument; use `slope`, not 0.01"),
        ]
        name = "leaky_relu_backward" + ("" if slope is None else f" with slope={slope}")
        kwargs = {} if slope is None else {"slope": slope}
        given, originals = snapshot(dA, Z), snapshot(dA, Z)
        got = call(fn, *given, name="leaky_relu_backward", **kwargs)
        expect_unchanged("leaky_relu_backward", given, originals, ("dA", "Z"))
        _expect_result(name, got, expected, mistakes)
    passed("leaky_relu_backward")


def _activation_args(zeros):
    def make_args(rng, size):
        Z = 3 * rng.standard_normal(size)
        if zeros:
            Z[rng.random(size) < 0.2] = 0.0
        return rng.standard_normal(size), Z
    return make_args


def _check_activation_hidden(fn, name, seed):
    reference = getattr(nnlib, name)
    compare_with_reference(fn, reference, _activation_args(name.endswith("relu_backward")),
                           name=name, sizes=[(3, 4), (6, 25)], seed=seed, forbidden=[reference])


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
    got = call_watching(fn, [nnlib.leaky_relu_backward], dA.copy(), Z.copy(), slope=0.3,
                        name="leaky_relu_backward")
    expect_same("leaky_relu_backward with slope=0.3 on random inputs", got,
                nnlib.leaky_relu_backward(dA, Z, slope=0.3))


# --------------------------------------------------------------------------- loss derivatives

_LOSS_CASES = {
    # loss: (AL, Y, dL/dAL worked by hand)
    "bce": (np.array([[0.5, 0.8, 0.25, 0.9]]), np.array([[1.0, 0.0, 0.0, 1.0]]),
            np.array([[-2.0, 5.0, 4 / 3, -1 / 0.9]])),
    "ce": (np.array([[0.2, 0.5], [0.3, 0.25], [0.5, 0.25]]), np.array([[0.0, 1.0], [1.0, 0.0], [0.0, 0.0]]),
           np.array([[0.0, -2.0], [-1 / 0.3, 0.0], [0.0, 0.0]])),
    "mse": (np.array([[0.5, 0.8, 0.25], [0.0, -1.0, 2.0]]), np.array([[1.0, 0.0, 0.25], [0.5, 1.0, 1.0]]),
            np.array([[-0.5, 0.8, 0.0], [-0.5, -2.0, 1.0]])),
}


def check_loss_gradient(fn, loss):
    """dL/dAL of the per-example loss ``loss`` ("bce", "ce" or "mse") on a case worked by hand."""
    AL, Y, expected = _LOSS_CASES[loss]
    m = AL.shape[1]
    mistakes = [(expected / m, "it is divided by m; return the per-example derivative "
                               "(linear_backward divides by m once, later)"),
                (-expected, "its sign is flipped")]
    if loss != "mse":
        mistakes.append((AL - Y, "it returns AL - Y, which is dZ (after the output activation); "
                                 "this function returns dL/dAL, before it"))
    if loss == "bce":
        mistakes.append((-Y / AL - (1 - Y) / (1 - AL), "check the sign of the second term: the derivative of "
                                                          "-(1-y) log(1-a) is +(1-y)/(1-a)"))
    given, originals = snapshot(AL, Y), snapshot(AL, Y)
    got = call(fn, *given, loss, name="loss_gradient")
    expect_unchanged("loss_gradient", given, originals, ("AL", "Y"))
    _expect_result(f"loss_gradient(AL, Y, {loss!r})", got, expected, mistakes)
    passed(f"loss_gradient for {loss!r}")


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
    forbidden = [nnlib.loss_gradient] + [gradient for _, gradient in _losses.LOSSES.values()]
    compare_with_reference(fn, nnlib.loss_gradient, _loss_args(loss), name="loss_gradient",
                           sizes=sizes, seed=410 + list(_LOSS_CASES).index(loss), forbidden=forbidden)


# --------------------------------------------------------------------------- one layer

def _linear_case():
    """A layer with 3 inputs, 2 units and m = 2 examples; gradients worked by hand below."""
    A_prev = np.array([[1.0, 2.0], [0.0, -1.0], [3.0, 1.0]])
    W = np.array([[1.0, 0.0, -1.0], [2.0, 1.0, 0.0]])
    b = np.array([[0.5], [-1.0]])
    dZ = np.array([[1.0, -1.0], [2.0, 0.5]])
    return A_prev, W, b, dZ


def check_linear_backward(fn):
    """dA_prev = W.T @ dZ, dW = dZ @ A_prev.T / m, db = row sums of dZ / m, with m = 2."""
    A_prev, W, b, dZ = _linear_case()
    cache = nnlib.LinearCache(A_prev, W, b)
    dA_prev = np.array([[5.0, 0.0], [2.0, 0.5], [-1.0, 1.0]])
    dW = np.array([[-0.5, 0.5, 1.0], [1.5, -0.25, 3.25]])
    db = np.array([[0.0], [1.25]])
    mistakes = [
        ((dA_prev, 2 * dW, 2 * db), "dW and db are m times too large: divide the sums over examples by m"),
        ((dA_prev / 2, dW, db), "dA_prev is divided by m; it is per-example, W.T @ dZ without 1/m"),
        ((dA_prev / 2, dW / 2, db / 2), "everything is divided by m once too often"),
        ((dW, dA_prev, db), "the results are in the wrong order; return (dA_prev, dW, db)"),
    ]
    given, originals = snapshot(dZ, cache), snapshot(dZ, cache)
    got = call(fn, *given, name="linear_backward")
    expect_unchanged("linear_backward", given, originals, ("dZ", "cache"))
    if isinstance(got, tuple) and len(got) == 3 and isinstance(got[2], np.ndarray) and got[2].shape == (2,):
        fail("db from linear_backward(dZ, cache) has shape (2,); expected (2, 1)",
             "sum over the examples with keepdims=True: dZ.sum(axis=1, keepdims=True)")
    _expect_layer_gradients("linear_backward(dZ, cache)", got, (dA_prev, dW, db), mistakes,
                            hint="dA_prev has A_prev's shape, dW W's shape and db b's shape")
    passed("linear_backward")


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
                 sizes=[(3, 2, 4), (7, 5, 30)], seed=420,
                 forbidden=[nnlib.linear_backward, _backward._linear_backward], labels=("dZ", "cache"))


def check_linear_activation_backward(fn):
    """For each activation: g's derivative at the cached Z, then the linear layer's gradients."""
    A_prev, W, b, _ = _linear_case()
    dA = np.array([[0.5, -1.0], [2.0, 1.0]])
    for activation in ACTIVATION_NAMES:
        _, cache = nnlib.linear_activation_forward(A_prev, W, b, activation)
        expected = nnlib.linear_activation_backward(dA, cache, activation)
        mistakes = [(nnlib.linear_backward(dA, cache.linear),
                     "it skips the activation; first dZ = dA * g'(Z) with g's backward function")]
        mistakes += [(nnlib.linear_activation_backward(dA, cache, other),
                      f"it uses the derivative of {other!r} for activation {activation!r}")
                     for other in ACTIVATION_NAMES if other != activation]
        given, originals = snapshot(dA, cache), snapshot(dA, cache)
        got = call(fn, *given, activation, name="linear_activation_backward")
        expect_unchanged("linear_activation_backward", given, originals, ("dA", "cache"))
        _expect_layer_gradients(f"linear_activation_backward(dA, cache, {activation!r})", got, expected,
                                mistakes, hint="return (dA_prev, dW, db) from linear_backward")
    passed("linear_activation_backward")


def check_linear_activation_backward_hidden(fn):
    def make_args(rng, size):
        activation, n_prev, n, m = size
        A_prev, W, b = _layer(rng, n_prev, n, m)
        _, cache = nnlib.linear_activation_forward(A_prev, W, b, activation)
        return rng.standard_normal((n, m)), cache, activation

    sizes = [(a, 3, 2, 4) for a in ACTIVATION_NAMES] + [(a, 6, 5, 20) for a in ACTIVATION_NAMES]
    compare_with_reference(fn, nnlib.linear_activation_backward, make_args, name="linear_activation_backward",
                 sizes=sizes, seed=430, forbidden=[nnlib.linear_activation_backward],
                 labels=("dA", "cache", "activation"))


# --------------------------------------------------------------------------- L layers

MODEL_CASES = {
    # case: (hidden activation, output activation, loss)
    "bce": ("tanh", "sigmoid", "bce"),
    "ce": ("relu", "softmax", "ce"),
    "mse": ("sigmoid", "sigmoid", "mse"),
}


def _targets(rng, loss, n_out, m):
    if loss == "ce":
        return one_hot(rng.integers(0, n_out, m), n_out)
    if loss == "bce":
        return (rng.random((n_out, m)) < 0.5).astype(float)
    return rng.uniform(0, 1, (n_out, m))


def _model_args(rng, dims, m, hidden, output, loss):
    parameters = {}
    for l in range(1, len(dims)):
        parameters[f"W{l}"] = rng.standard_normal((dims[l], dims[l - 1])) / np.sqrt(dims[l - 1])
        parameters[f"b{l}"] = 0.1 * rng.standard_normal((dims[l], 1))
    X = rng.standard_normal((dims[0], m))
    Y = _targets(rng, loss, dims[-1], m)
    AL, caches = nnlib.model_forward(X, parameters, hidden, output)
    return AL, Y, caches, hidden, output, loss


def _grad_keys(L, with_dA=True):
    keys = [f"d{p}{l}" for l in range(1, L + 1) for p in "Wb"]
    return keys + ([f"dA{l}" for l in range(1, L)] if with_dA else [])


def check_model_backward(fn, case):
    """Gradients of a 3-layer network for one (hidden, output, loss) case, against nnlib."""
    hidden, output, loss = MODEL_CASES[case]
    dims = [3, 4, 3, 3] if loss == "ce" else [3, 4, 2, 1]
    AL, Y, caches, *_ = _model_args(np.random.default_rng(440), dims, 5, hidden, output, loss)
    grads = nnlib.model_backward(AL, Y, caches, hidden, output, loss)
    L = len(caches)
    params_only = {k: grads[k] for k in _grad_keys(L, with_dA=False)}
    name = f"model_backward(AL, Y, caches, {hidden!r}, {output!r}, {loss!r})"
    mistakes = [(_scaled(params_only, 1 / 5), "every gradient is m times too small: the 1/m is applied "
                                              "twice (dZ[L] is per-example; only dW and db divide by m)"),
                (_scaled(params_only, 5), "every gradient is m times too large: divide by m in dW and db"),
                (_scaled(params_only, -1), "every gradient has the wrong sign: dZ[L] = AL - Y here, not Y - AL")]
    if loss == "mse":
        wrong = _backward._model_backward(AL, Y, caches, nnlib.get_activation(hidden)[1], "linear", "mse")
        mistakes.append(({k: wrong[k] for k in params_only},
                         "it takes dZ[L] = AL - Y, which holds for a linear output; with a sigmoid "
                         "output and MSE, dZ[L] = (AL - Y) * sigmoid'(Z[L])"))
    wrong = _backward._model_backward(AL, Y, caches, nnlib.get_activation(output)[1], output, loss)
    if hidden != output:
        mistakes.append(({k: wrong[k] for k in params_only},
                         f"the hidden layers use {output!r}'s derivative; use hidden_activation={hidden!r}"))
    given, originals = snapshot(AL, Y, caches), snapshot(AL, Y, caches)
    got = call(fn, *given, hidden, output, loss, name="model_backward")
    expect_unchanged("model_backward", given, originals, ("AL", "Y", "caches"))
    _expect_result(name, got, params_only, mistakes,
                   hint="grads['dW1'] belongs to the first layer, grads[f'dW{L}'] to the output layer")
    missing = [k for k in _grad_keys(L) if k not in got]
    if missing:
        fail(f"{name} has no {missing}: keep dA{{l}} = W{{l+1}}.T @ dZ{{l+1}}, the gradient with respect to "
             f"the output of hidden layer l, for l = 1..L-1", "grads[f'dA{l-1}'] = dA_prev in the loop")
    _expect_result(name, got, grads)
    passed(f"model_backward with {hidden}/{output}/{loss}")


def check_model_backward_hidden(fn, case):
    hidden, output, loss = MODEL_CASES[case]
    outputs = 4 if loss == "ce" else 1

    def make_args(rng, size):
        dims, m = size
        return _model_args(rng, dims, m, hidden, output, loss)

    sizes = [((2, 3, outputs), 4), ((5, 6, 4, 3, outputs), 25)]
    compare_with_reference(fn, nnlib.model_backward, make_args, name="model_backward", sizes=sizes,
                 seed=450 + list(MODEL_CASES).index(case), forbidden=MODEL_BACKWARD,
                 labels=("AL", "Y", "caches", "hidden_activation", "output_activation", "loss"))


# --------------------------------------------------------------------------- gradient checking

def check_numerical_gradient(fn):
    """For f = sum(x**3) the centred difference is exactly 3 x**2 + epsilon**2."""
    x = np.array([[1.0, -2.0, 0.5], [3.0, 0.0, -1.0]])
    original = x.copy()
    epsilon = 1e-3

    def f():
        return float(np.sum(x ** 3))

    expected = 3 * original ** 2 + epsilon ** 2
    mistakes = [
        (3 * original ** 2 + 3 * original * epsilon + epsilon ** 2,
         "it is the one-sided difference (f(x + eps) - f(x)) / eps; use the centred one, "
         "(f(x + eps) - f(x - eps)) / (2 eps)"),
        (2 * expected, "it is twice too large: divide by 2 * epsilon"),
        (np.zeros_like(x), "every entry is 0: perturb x itself, in place, because f reads x"),
        (3 * original ** 2 + 1e-12, "it ignores the epsilon argument (called here with epsilon=1e-3)"),
    ]
    got = call(fn, f, x, epsilon, name="numerical_gradient")
    if not np.allclose(x, original, rtol=1e-12, atol=1e-12):
        fail("numerical_gradient left x changed; put each entry back after its two evaluations",
             "save `old = x[index]` before perturbing and restore `x[index] = old` afterwards")
    _diagnose("numerical_gradient(f, x, epsilon=1e-3) for f = sum(x**3)", got, expected, mistakes,
              rtol=1e-9, atol=1e-9)
    expect_array("numerical_gradient(f, x, epsilon=1e-3) for f = sum(x**3)", got, expected,
                 rtol=1e-9, atol=1e-9, hint="one entry at a time: (f(x + eps) - f(x - eps)) / (2 eps)")
    passed("numerical_gradient")


def check_numerical_gradient_hidden(fn):
    """The gradient of a small network's cost with respect to W1, against nnlib's."""
    rng = random_inputs(460)
    for dims, m in [((2, 3, 1), 4), ((4, 5, 2), 12)]:
        AL, Y, caches, hidden, output, loss = _model_args(rng, dims, m, "tanh", "sigmoid", "bce")
        X = caches[0].linear.A_prev
        params = {f"{p}{l}": np.array(getattr(c.linear, p))
                  for l, c in enumerate(caches, 1) for p in "Wb"}
        before = params["W1"].copy()

        def cost():
            return nnlib.compute_cost(nnlib.model_forward(X, params, hidden, output)[0], Y, loss)

        got = call_watching(fn, [nnlib.numerical_gradient], cost, params["W1"], 1e-6,
                            name="numerical_gradient")
        if not np.allclose(params["W1"], before, rtol=1e-12, atol=1e-12):
            fail("numerical_gradient left x changed; put each entry back after its two evaluations")
        expected = nnlib.numerical_gradient(cost, params["W1"], 1e-6)
        expect_array(f"numerical_gradient of a cost with respect to W1 of shape {before.shape}",
                     got, expected, rtol=1e-5, atol=1e-8)


def check_relative_difference(fn):
    """||a - b|| / (||a|| + ||b||), 0 when both are zero."""
    cases = [
        (np.array([3.0, 4.0]), np.zeros(2), 1.0, ""),
        (np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[1.0, 2.0], [3.0, 4.0]]), 0.0, ""),
        (np.array([1.0, 2.0]), np.array([1.5, 2.0]), 0.5 / (np.sqrt(5.0) + 2.5),
         "divide ||a - b|| by ||a|| + ||b||"),
        (np.array([[0.0, 3.0], [4.0, 0.0]]), np.array([[0.0, 0.0], [0.0, 0.0]]), 1.0,
         "use the norm of all entries (np.linalg.norm of the flattened arrays)"),
    ]
    for a, b, expected, hint in cases:
        given, originals = snapshot(a, b), snapshot(a, b)
        with np.errstate(all="ignore"):
            got = call(fn, *given, name="relative_difference")
        expect_unchanged("relative_difference", given, originals, ("a", "b"))
        expect_close(f"relative_difference(a={a.tolist()}, b={b.tolist()})", got, expected, hint=hint or None)
    zeros = np.zeros((2, 3))
    with np.errstate(all="ignore"):
        got = call(fn, zeros, zeros.copy(), name="relative_difference")
    if isinstance(got, (float, np.floating, np.ndarray)) and np.isnan(got).any():
        fail("relative_difference of two zero arrays is nan (0/0); return 0.0 when both norms are 0")
    expect_close("relative_difference(zeros, zeros)", got, 0.0, hint="return 0.0 when ||a|| + ||b|| == 0")
    passed("relative_difference")


def check_relative_difference_hidden(fn):
    def make_args(rng, size):
        a = rng.standard_normal(size)
        return a, a + rng.choice([1e-9, 1e-3, 1.0]) * rng.standard_normal(size)

    compare_with_reference(fn, nnlib.relative_difference, make_args, name="relative_difference",
                           sizes=[(5,), (3, 4), (20, 7)], seed=470)


# --------------------------------------------------------------------------- find the bug

def _two_layer_args(rng, n_x, n_h, m):
    parameters = {"W1": rng.standard_normal((n_h, n_x)), "b1": 0.1 * rng.standard_normal((n_h, 1)),
                  "W2": rng.standard_normal((1, n_h)), "b2": 0.1 * rng.standard_normal((1, 1))}
    X = rng.standard_normal((n_x, m))
    Y = (rng.random((1, m)) < 0.5).astype(float)
    AL, caches = nnlib.model_forward(X, parameters, "tanh", "sigmoid")
    cache = {"A1": caches[1].linear.A_prev, "A2": AL}
    return X, Y, parameters, cache


def _two_layer_reference(X, Y, parameters, cache):
    _, caches = nnlib.model_forward(X, parameters, "tanh", "sigmoid")
    grads = nnlib.model_backward(cache["A2"], Y, caches, "tanh", "sigmoid", "bce")
    return {k: grads[k] for k in ("dW1", "db1", "dW2", "db2")}


def check_two_layer_backward(fn):
    """Gradients of a 2-4-1 tanh/sigmoid network with binary cross-entropy on m = 5 examples."""
    X, Y, parameters, cache = _two_layer_args(np.random.default_rng(480), 2, 4, 5)
    expected = _two_layer_reference(X, Y, parameters, cache)
    mistakes = [(_scaled(expected, 1 / 5), "the gradients are still m = 5 times too small: "
                                           "dZ2 = A2 - Y is per-example; divide by m only in dW and db"),
                (_scaled(expected, 1 / 25), "the gradients are m² times too small: 1/m appears too often"),
                (_scaled(expected, 5), "the gradients are m times too large: dW and db still need 1/m")]
    given, originals = snapshot(X, Y, parameters, cache), snapshot(X, Y, parameters, cache)
    got = call(fn, *given, name="two_layer_backward")
    expect_unchanged("two_layer_backward", given, originals, ("X", "Y", "parameters", "cache"))
    _expect_result("two_layer_backward(X, Y, parameters, cache)", got, expected, mistakes)
    passed("two_layer_backward")


def check_two_layer_backward_hidden(fn):
    def make_args(rng, size):
        return _two_layer_args(rng, *size)

    compare_with_reference(fn, _two_layer_reference, make_args, name="two_layer_backward",
                 sizes=[(2, 3, 8), (5, 7, 40)], seed=490, forbidden=BACKWARD_FUNCTIONS,
                 labels=("X", "Y", "parameters", "cache"))
