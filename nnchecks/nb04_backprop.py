"""Checks for notebook 04, backpropagation.

Each exercise has a visible check (a small case worked by hand or built from nnlib on fixed
inputs, with a hint for the usual mistakes) and a hidden one in :mod:`nnchecks.hidden.nb04_backprop`
(random inputs of two sizes, compared with nnlib, inputs unchanged). Both allow only the nnlib
functions of :data:`ALLOWED`.

nnlib's convention, which the exercises follow: ``dA`` and ``dZ`` are per-example derivatives
(column i belongs to example i, nothing averaged); ``linear_backward`` divides by m once, when it
forms ``dW`` and ``db``.
"""
import numpy as np

import nnlib
from nnlib.data import one_hot

from .calling import call, call_on_copies
from .compare import expect_array, expect_close, expect_same
from .failures import fail, passed
from .mistakes import diagnose, scaled

LN2, LN3 = np.log(2.0), np.log(3.0)
ACTIVATION_NAMES = ("sigmoid", "tanh", "relu", "leaky_relu")

# every activation's forward and backward function, as nnlib.get_activation hands them out
_ACTIVATIONS = (nnlib.get_activation, *(f for name in nnlib.ACTIVATIONS for f in nnlib.get_activation(name)))
#: The nnlib functions each exercise may call: an activation's derivative may use its forward
#: function (notebook 02), a layer nnlib's derivatives and linear_backward, the network nnlib's
#: layers and loss_gradient; the fixed two-layer backward is plain numpy, like the buggy one.
ALLOWED = {
    "sigmoid_backward": (nnlib.sigmoid,), "tanh_backward": (nnlib.tanh,), "relu_backward": (nnlib.relu,),
    "leaky_relu_backward": (nnlib.leaky_relu,), "loss_gradient": (), "linear_backward": (),
    "linear_activation_backward": (nnlib.linear_backward, *_ACTIVATIONS),
    "model_backward": (nnlib.linear_backward, nnlib.linear_activation_backward, nnlib.loss_gradient,
                       *_ACTIVATIONS),
    "numerical_gradient": (), "relative_difference": (), "two_layer_backward": (),
}


# --------------------------------------------------------------------------- helpers

def _expect_result(name, got, expected, mistakes=(), hint=None, rtol=1e-6, atol=1e-8):
    diagnose(name, got, expected, mistakes)
    expect_same(name, got, expected, rtol, atol, hint)


def _expect_layer_gradients(call_text, got, expected, mistakes=(), hint=None, rtol=1e-6, atol=1e-8):
    """``got`` must be the tuple (dA_prev, dW, db); each item is checked under its own name."""
    diagnose(call_text, got, expected, mistakes)
    if not isinstance(got, (tuple, list)) or len(got) != 3:
        what = f"{len(got)} items" if isinstance(got, (tuple, list)) else type(got).__name__
        fail(f"{call_text} should return a tuple (dA_prev, dW, db), got {what}")
    for label, g, e in zip(("dA_prev", "dW", "db"), got, expected):
        expect_array(f"{label} from {call_text}", g, e, rtol, atol, hint)


# --------------------------------------------------------------------------- activation derivatives

def _activation_case(fn, name, dA, Z, expected, mistakes, **kwargs):
    got = call_on_copies(fn, name, dA, Z, labels=("dA", "Z"), allowed=ALLOWED[name], **kwargs)
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
        name = "leaky_relu_backward(dA, Z)" + ("" if slope is None else f" with slope={slope}")
        kwargs = {} if slope is None else {"slope": slope}
        got = call_on_copies(fn, "leaky_relu_backward", dA, Z, labels=("dA", "Z"),
                             allowed=ALLOWED["leaky_relu_backward"], **kwargs)
        _expect_result(name, got, expected, mistakes,
                       hint=f"dZ = dA where Z > 0 and slope * dA where Z <= 0 (slope = {s} here), "
                            "e.g. np.where(Z > 0, dA, slope * dA); same shape as Z")
    passed("leaky_relu_backward")


# --------------------------------------------------------------------------- loss derivatives

LOSS_CASES = {
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
    AL, Y, expected = LOSS_CASES[loss]
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
    got = call_on_copies(fn, "loss_gradient", AL, Y, loss, labels=("AL", "Y"), allowed=ALLOWED["loss_gradient"])
    _expect_result(f"loss_gradient(AL, Y, {loss!r})", got, expected, mistakes)
    passed(f"loss_gradient for {loss!r}")


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
    got = call_on_copies(fn, "linear_backward", dZ, cache, labels=("dZ", "cache"), allowed=ALLOWED["linear_backward"])
    if isinstance(got, tuple) and len(got) == 3 and isinstance(got[2], np.ndarray) and got[2].shape == (2,):
        fail("db from linear_backward(dZ, cache) has shape (2,); expected (2, 1)",
             "sum over the examples with keepdims=True: dZ.sum(axis=1, keepdims=True)")
    _expect_layer_gradients("linear_backward(dZ, cache)", got, (dA_prev, dW, db), mistakes,
                            hint="dA_prev has A_prev's shape, dW W's shape and db b's shape")
    passed("linear_backward")


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
        got = call_on_copies(fn, "linear_activation_backward", dA, cache, activation, labels=("dA", "cache"),
                             allowed=ALLOWED["linear_activation_backward"])
        _expect_layer_gradients(f"linear_activation_backward(dA, cache, {activation!r})", got, expected,
                                mistakes, hint="return (dA_prev, dW, db) from linear_backward")
    passed("linear_activation_backward")


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


def model_args(rng, dims, m, hidden, output, loss):
    """(AL, Y, caches, hidden, output, loss) of a random network with layer sizes ``dims``."""
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
    AL, Y, caches, *_ = model_args(np.random.default_rng(440), dims, 5, hidden, output, loss)
    grads = nnlib.model_backward(AL, Y, caches, hidden, output, loss)
    L = len(caches)
    params_only = {k: grads[k] for k in _grad_keys(L, with_dA=False)}
    name = f"model_backward(AL, Y, caches, {hidden!r}, {output!r}, {loss!r})"
    mistakes = [(scaled(params_only, 1 / 5), "every gradient is m times too small: the 1/m is applied "
                                              "twice (dZ[L] is per-example; only dW and db divide by m)"),
                (scaled(params_only, 5), "every gradient is m times too large: divide by m in dW and db"),
                (scaled(params_only, -1), "every gradient has the wrong sign: dZ[L] = AL - Y here, not Y - AL")]
    if loss == "mse":
        wrong = nnlib.model_backward(AL, Y, caches, hidden, "linear", "mse")  # dZ[L] = AL - Y
        mistakes.append(({k: wrong[k] for k in params_only},
                         "it takes dZ[L] = AL - Y, which holds for a linear output; with a sigmoid "
                         "output and MSE, dZ[L] = (AL - Y) * sigmoid'(Z[L])"))
    wrong = nnlib.model_backward(AL, Y, caches, output, output, loss)  # output's g' in the hidden layers
    if hidden != output:
        mistakes.append(({k: wrong[k] for k in params_only},
                         f"the hidden layers use {output!r}'s derivative; use hidden_activation={hidden!r}"))
    got = call_on_copies(fn, "model_backward", AL, Y, caches, hidden, output, loss, labels=("AL", "Y", "caches"),
                         allowed=ALLOWED["model_backward"])
    _expect_result(name, got, params_only, mistakes,
                   hint="grads['dW1'] belongs to the first layer, grads[f'dW{L}'] to the output layer")
    missing = [k for k in _grad_keys(L) if k not in got]
    if missing:
        fail(f"{name} has no {missing}: keep dA{{l}} = W{{l+1}}.T @ dZ{{l+1}}, the gradient with respect to "
             f"the output of hidden layer l, for l = 1..L-1", "grads[f'dA{l-1}'] = dA_prev in the loop")
    _expect_result(name, got, grads)
    passed(f"model_backward with {hidden}/{output}/{loss}")


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
    got = call(fn, f, x, epsilon, name="numerical_gradient", allowed=ALLOWED["numerical_gradient"])
    if not np.allclose(x, original, rtol=1e-12, atol=1e-12):
        fail("numerical_gradient left x changed; put each entry back after its two evaluations",
             "save `old = x[index]` before perturbing and restore `x[index] = old` afterwards")
    diagnose("numerical_gradient(f, x, epsilon=1e-3) for f = sum(x**3)", got, expected, mistakes,
              rtol=1e-9, atol=1e-9)
    expect_array("numerical_gradient(f, x, epsilon=1e-3) for f = sum(x**3)", got, expected,
                 rtol=1e-9, atol=1e-9, hint="one entry at a time: (f(x + eps) - f(x - eps)) / (2 eps)")
    passed("numerical_gradient")


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
        with np.errstate(all="ignore"):
            got = call_on_copies(fn, "relative_difference", a, b, labels=("a", "b"),
                                 allowed=ALLOWED["relative_difference"])
        expect_close(f"relative_difference(a={a.tolist()}, b={b.tolist()})", got, expected, hint=hint or None)
    zeros = np.zeros((2, 3))
    with np.errstate(all="ignore"):
        got = call(fn, zeros, zeros.copy(), name="relative_difference", allowed=ALLOWED["relative_difference"])
    if isinstance(got, (float, np.floating, np.ndarray)) and np.isnan(got).any():
        fail("relative_difference of two zero arrays is nan (0/0); return 0.0 when both norms are 0")
    expect_close("relative_difference(zeros, zeros)", got, 0.0, hint="return 0.0 when ||a|| + ||b|| == 0")
    passed("relative_difference")


# --------------------------------------------------------------------------- find the bug

def two_layer_args(rng, n_x, n_h, m):
    """(X, Y, parameters, cache) of a random tanh/sigmoid 2-layer network, as the notebook's."""
    parameters = {"W1": rng.standard_normal((n_h, n_x)), "b1": 0.1 * rng.standard_normal((n_h, 1)),
                  "W2": rng.standard_normal((1, n_h)), "b2": 0.1 * rng.standard_normal((1, 1))}
    X = rng.standard_normal((n_x, m))
    Y = (rng.random((1, m)) < 0.5).astype(float)
    AL, caches = nnlib.model_forward(X, parameters, "tanh", "sigmoid")
    cache = {"A1": caches[1].linear.A_prev, "A2": AL}
    return X, Y, parameters, cache


def two_layer_reference(X, Y, parameters, cache):
    """The four gradients of the 2-layer network, from nnlib.model_backward."""
    _, caches = nnlib.model_forward(X, parameters, "tanh", "sigmoid")
    grads = nnlib.model_backward(cache["A2"], Y, caches, "tanh", "sigmoid", "bce")
    return {k: grads[k] for k in ("dW1", "db1", "dW2", "db2")}


TWO_LAYER_HINTS = {
    "dW2": "dW2 = dZ2 @ A1.T / m, with dZ2 = A2 - Y per example (no 1/m in dZ2)",
    "db2": "db2 = np.sum(dZ2, axis=1, keepdims=True) / m, with dZ2 = A2 - Y",
    "dW1": "dW1 = dZ1 @ X.T / m, with dZ1 = (W2.T @ dZ2) * (1 - A1**2), tanh's derivative at the cached A1",
    "db1": "db1 = np.sum(dZ1, axis=1, keepdims=True) / m, with dZ1 = (W2.T @ dZ2) * (1 - A1**2)",
}


def check_two_layer_backward(fn):
    """Gradients of a 2-4-1 tanh/sigmoid network with binary cross-entropy on m = 5 examples."""
    X, Y, parameters, cache = two_layer_args(np.random.default_rng(480), 2, 4, 5)
    expected = two_layer_reference(X, Y, parameters, cache)
    mistakes = [(scaled(expected, 1 / 5), "the gradients are still m = 5 times too small: "
                                           "dZ2 = A2 - Y is per-example; divide by m only in dW and db"),
                (scaled(expected, 1 / 25), "the gradients are m² times too small: 1/m appears too often"),
                (scaled(expected, 5), "the gradients are m times too large: dW and db still need 1/m")]
    got = call_on_copies(fn, "two_layer_backward", X, Y, parameters, cache, labels=("X", "Y", "parameters", "cache"),
                         allowed=ALLOWED["two_layer_backward"])
    name = "two_layer_backward(X, Y, parameters, cache)"
    diagnose(name, got, expected, mistakes)
    if not isinstance(got, dict):
        fail(f"{name} should return a dict with dW1, db1, dW2 and db2, got {type(got).__name__}")
    missing = sorted(set(expected) - set(got))
    if missing:
        fail(f"{name} is missing the keys {missing} (it has {sorted(got)})")
    for key, hint in TWO_LAYER_HINTS.items():  # from the output layer back, as the errors flow
        expect_array(f"{name}[{key!r}]", got[key], expected[key], hint=hint)
    passed("two_layer_backward")
