"""Checks for notebook 02 (forward propagation): one layer, the activations, L layers.

``check_<exercise>(fn)`` runs a small hand-checked case and says what is wrong; the hidden
checks (:mod:`nnchecks.hidden.nb02_forward`) compare ``fn`` with nnlib on random inputs. Both
fail if ``fn`` calls an nnlib function that its exercise does not allow (:data:`ALLOWED`).
"""
import re
import warnings

import numpy as np

import nnlib

from .calling import call, call_on_copies
from .compare import expect_array, expect_same, expect_unchanged
from .failures import fail, passed
from .mistakes import matches
from .reference import random_inputs

ACTIVATION_NAMES = ("sigmoid", "tanh", "relu", "leaky_relu", "softmax")

_LAYER = (nnlib.linear_forward, nnlib.get_activation, nnlib.sigmoid, nnlib.tanh, nnlib.relu,
          nnlib.leaky_relu, nnlib.softmax, nnlib.linear)
#: The nnlib functions each exercise may call: a layer is built from nnlib's linear_forward and
#: activations, a network from nnlib's layers (so that a mistake costs one exercise only).
ALLOWED = {"linear_forward": (), "sigmoid": (), "tanh": (), "relu": (), "leaky_relu": (),
           "softmax": (), "fixed_relu": (), "linear_activation_forward": _LAYER,
           "model_forward": (nnlib.linear_activation_forward, *_LAYER)}


# --------------------------------------------------------------------------- helpers

def call_recording_warnings(fn, *args, name=None, allowed=None, **kwargs):
    """``call(fn, ...)`` with numpy's floating-point warnings switched on and recorded.

    Returns ``(result, messages)``: the text of every RuntimeWarning raised during the call
    (e.g. ``"overflow encountered in exp"``), so a check can say that an implementation
    overflows even where its values come out right. Underflow (exp(-1000) == 0) is fine and
    not recorded. Nothing is printed.
    """
    with np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"), \
            warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = call(fn, *args, name=name, allowed=allowed, **kwargs)
    messages = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    return result, list(dict.fromkeys(messages))


def _expect_items(name, got, n, what, hint=None):
    """``got`` must be a tuple (or list) of ``n`` items."""
    if not isinstance(got, (tuple, list)):
        fail(f"{name} should be a tuple {what}, got {type(got).__name__}", hint)
    if len(got) != n:
        fail(f"{name} has {len(got)} items; expected {n}: {what}", hint)
    return got


def matrix(rng, rows, cols, scale=1.0):
    """A (rows, cols) array of standard normal draws times ``scale``."""
    return rng.standard_normal((rows, cols)) * scale


# --------------------------------------------------------------------------- linear_forward

def _linear_example():
    A_prev = np.array([[1.0, 2.0, 0.0, -1.0],
                       [3.0, 4.0, 1.0, 0.0],
                       [5.0, 6.0, 2.0, 1.0]])  # n[l-1] = 3 features, m = 4 examples
    W = np.array([[1.0, 0.0, -1.0],
                  [2.0, 1.0, 0.0]])  # n[l] = 2 units
    b = np.array([[1.0], [-1.0]])
    Z = np.array([[-3.0, -3.0, -1.0, -1.0],
                  [4.0, 7.0, 0.0, -3.0]])  # worked by hand: W @ A_prev + b
    return A_prev, W, b, Z


def _shapes(**arrays):
    return ", ".join(f"{name} {np.shape(value)}" for name, value in arrays.items())


def _about_shapes(error):
    """True for numpy's errors about operands that do not fit (matmul, dot, broadcasting)."""
    return isinstance(error, ValueError) and any(
        word in str(error) for word in ("mismatch", "broadcast", "aligned", "shape"))


def explain_linear(error, A_prev, W, b):
    """The hint for an error raised by linear_forward: the shapes it got and the one Z has."""
    if _about_shapes(error):
        return (f"the shapes here are {_shapes(A_prev=A_prev, W=W, b=b)}: Z = W @ A_prev + b has "
                f"shape {(W.shape[0], A_prev.shape[1])}, W first (A_prev @ W and W * A_prev do not fit)")
    return None


def check_linear_forward(fn):
    """Z = W @ A_prev + b on a 3-feature, 4-example, 2-unit case worked by hand."""
    A_prev, W, b, Z = _linear_example()
    got = call_on_copies(fn, "linear_forward", A_prev, W, b, allowed=ALLOWED["linear_forward"],
                         explain=explain_linear)
    Z_got, cache = _expect_items("linear_forward(A_prev, W, b)", got, 2, "(Z, cache)")
    hint = "Z = W @ A_prev + b: one row per unit (rows of W), one column per example"
    if isinstance(Z_got, np.ndarray) and Z_got.shape == Z.shape and np.allclose(Z_got, W @ A_prev):
        hint = "Z equals W @ A_prev: did you forget to add b?"
    expect_array("Z", Z_got, Z, hint=hint)
    _expect_items("cache", cache, 3, "(A_prev, W, b)")
    expect_same("cache", tuple(cache), (A_prev, W, b),
                hint="the cache holds the layer's inputs, in the order (A_prev, W, b)")
    passed("linear_forward")


def linear_args(rng, size):
    """(A_prev, W, b) for a size (n[l-1], n[l], m)."""
    n_prev, n, m = size
    return matrix(rng, n_prev, m), matrix(rng, n, n_prev), matrix(rng, n, 1)


# --------------------------------------------------------------------------- activations

def _check_activation(fn, name, Z, expected, hint=None, **kwargs):
    got = call_on_copies(fn, name, Z, allowed=ALLOWED[name], **kwargs)
    expect_array(f"{name}(Z)", got, expected, hint=hint)
    return got


def check_sigmoid(fn):
    """sigmoid on moderate values: 1 / (1 + exp(-Z)), same shape as Z."""
    Z = np.array([[0.0, 2.0, -2.0], [1.0, -1.0, 5.0]])
    _check_activation(fn, "sigmoid", Z, 1 / (1 + np.exp(-Z)),
                      hint="sigmoid(Z) = 1 / (1 + exp(-Z)), element by element; sigmoid(0) = 0.5")
    passed("sigmoid")


def check_sigmoid_stable(fn):
    """sigmoid of very large and very small Z: right values and no overflow warning."""
    Z = np.array([[-1000.0, -50.0, 0.0, 50.0, 1000.0]])
    expected = np.array([[0.0, np.exp(-50.0) / (1 + np.exp(-50.0)), 0.5, 1 / (1 + np.exp(-50.0)), 1.0]])
    given = Z.copy()
    got, messages = call_recording_warnings(fn, given, name="sigmoid", allowed=ALLOWED["sigmoid"])
    expect_unchanged("sigmoid", [given], [Z])
    expect_array("sigmoid(Z)", got, expected, hint="here Z = [[-1000, -50, 0, 50, 1000]]")
    if messages:
        fail(f"sigmoid warned {messages[0]!r} for Z = [-1000, -50, 0, 50, 1000]",
             "exp(-Z) overflows for Z = -1000: compute exp only of -|Z| (never of a large "
             "positive number), e.g. with np.where on the sign of Z, as shown above")
    passed("sigmoid (Z from -1000 to 1000)")


def check_tanh(fn):
    """tanh on a few values: odd, in (-1, 1), tanh(0) = 0."""
    Z = np.array([[-2.0, -0.5, 0.0], [0.5, 2.0, 4.0]])
    _check_activation(fn, "tanh", Z, np.tanh(Z),
                      hint="tanh(Z) = (exp(Z) - exp(-Z)) / (exp(Z) + exp(-Z)); np.tanh does it too")
    passed("tanh")


def _relu_example():
    Z = np.array([[-2.0, -0.5, 0.0, 0.5], [3.0, -1.0, 1.5, -4.0]])
    return Z, np.maximum(Z, 0)


RELU_HINT = ("relu(Z) = np.maximum(Z, 0), element by element; np.max(Z, 0) is something else: the "
             "largest entry of each column")


def check_relu(fn):
    """relu: negatives become 0, the rest pass through; the input is left unchanged."""
    Z, expected = _relu_example()
    _check_activation(fn, "relu", Z, expected, hint=RELU_HINT)
    passed("relu")


def check_leaky_relu(fn):
    """leaky_relu with the default slope 0.01 and with slope=0.2."""
    Z, _ = _relu_example()
    hint = "leaky_relu(Z) = Z where Z > 0, slope * Z elsewhere"
    _check_activation(fn, "leaky_relu", Z, np.where(Z > 0, Z, 0.01 * Z), hint=hint + " (default slope 0.01)")
    _check_activation(fn, "leaky_relu", Z, np.where(Z > 0, Z, 0.2 * Z), hint=hint + " (here slope=0.2)",
                      slope=0.2)
    passed("leaky_relu")


def _softmax_columns(Z):
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


def _softmax_hint(got, Z):
    """Name the usual softmax mistake if ``got`` matches it."""
    if not isinstance(got, np.ndarray) or got.shape != Z.shape:
        return "softmax keeps the shape of Z: one column of probabilities per example"
    rows = np.exp(Z - Z.max(axis=1, keepdims=True))
    if np.allclose(got, rows / rows.sum(axis=1, keepdims=True)):
        return "each COLUMN is one example: sum over axis=0, not axis=1"
    everything = np.exp(Z - Z.max())
    if np.allclose(got, everything / everything.sum()):
        return "normalise each column on its own: sum over axis=0 with keepdims=True, not the whole array"
    ratio = got / _softmax_columns(Z)
    if np.all(np.isfinite(ratio)) and np.allclose(ratio, ratio[:1]):
        return ("each column has the right proportions but the wrong sum: divide exp(...) by its own "
                "column's sum, E.sum(axis=0, keepdims=True)")
    return "softmax(Z)[k, i] = exp(Z[k, i]) / sum_j exp(Z[j, i]): every column sums to 1"


def check_softmax(fn):
    """softmax column by column on a 3-class, 4-example case; every column sums to 1."""
    Z = np.array([[0.0, 1.0, 2.0, -1.0],
                  [0.0, 2.0, 2.0, 0.0],
                  [0.0, 3.0, 2.0, 3.0]])
    got = call_on_copies(fn, "softmax", Z, allowed=ALLOWED["softmax"])
    expect_array("softmax(Z)", got, _softmax_columns(Z), hint=_softmax_hint(got, Z))
    passed("softmax")


def check_softmax_stable(fn):
    """softmax of logits in the thousands: finite, right values, no overflow warning."""
    Z = np.array([[1000.0, -1000.0, 0.0],
                  [1001.0, -1001.0, 800.0],
                  [1002.0, -1002.0, -800.0]])
    given = Z.copy()
    got, messages = call_recording_warnings(fn, given, name="softmax", allowed=ALLOWED["softmax"])
    expect_unchanged("softmax", [given], [Z])
    if not matches(got, _softmax_columns(Z), atol=1e-8):  # overflow, or a mistake that moderate logits show too?
        moderate = Z / 1000
        small = call_on_copies(fn, "softmax", moderate, allowed=ALLOWED["softmax"])
        expect_array("softmax(Z / 1000)", small, _softmax_columns(moderate),
                     hint="wrong already for these logits divided by 1000, where nothing overflows: "
                          + _softmax_hint(small, moderate))
    hint = ("exp(1000) overflows to inf and inf / inf is nan: subtract each column's maximum "
            "first (Z.max(axis=0, keepdims=True)); that does not change the result")
    expect_array("softmax(Z)", got, _softmax_columns(Z), hint="logits around +-1000: " + hint)
    if messages:
        fail(f"softmax warned {messages[0]!r} for logits around +-1000", hint)
    passed("softmax (logits around ±1000)")


# --------------------------------------------------------------------------- fixed_relu

def check_fixed_relu(fn):
    """fixed_relu: relu's values, and Z (the array the cache keeps) is left as it was."""
    Z, expected = _relu_example()
    given = Z.copy()
    got = call(fn, given, name="fixed_relu", allowed=ALLOWED["fixed_relu"])
    if not np.array_equal(given, Z):
        fail("fixed_relu still changes its input Z in place (the array the cache keeps)",
             "copy Z first (A = Z.copy()) and change the copy, or build a new array with np.maximum")
    expect_array("fixed_relu(Z)", got, expected, hint="the values are those of relu: " + RELU_HINT)
    passed("fixed_relu")


# --------------------------------------------------------------------------- one layer

def _expect_layer_cache(name, cache, expected, A=None):
    """cache = ((A_prev, W, b), Z), compared item by item with nnlib's LayerCache.

    ``A`` (the layer's output), if given, names the mistake of caching A instead of Z.
    """
    what = "(linear_cache, Z) with linear_cache = (A_prev, W, b)"
    _expect_items(name, cache, 2, what)
    _expect_items(f"{name}[0] (the linear cache)", cache[0], 3, "(A_prev, W, b)")
    hint = None
    Z = cache[1]
    if A is not None and isinstance(Z, np.ndarray) and Z.shape == A.shape \
            and np.allclose(Z, A) and not np.allclose(Z, expected.Z):
        hint = "the cache keeps Z, the value BEFORE the activation (backprop needs g'(Z)), not A"
    expect_same(f"{name}[0]", tuple(cache[0]), tuple(expected.linear),
                hint="the linear cache holds the layer's inputs, in the order (A_prev, W, b)")
    expect_array(f"{name}[1] (Z)", Z, expected.Z, hint=hint)


def check_linear_activation_forward(fn):
    """One layer with relu and with sigmoid on a small case; A's shape and the cache layout."""
    A_prev, W, b, _ = _linear_example()
    for activation in ("relu", "sigmoid"):
        name = f"linear_activation_forward(A_prev, W, b, {activation!r})"
        got = call_on_copies(fn, "linear_activation_forward", A_prev, W, b, activation,
                             allowed=ALLOWED["linear_activation_forward"])
        A, cache = _expect_items(name, got, 2, "(A, cache)")
        A_ref, cache_ref = nnlib.linear_activation_forward(A_prev, W, b, activation)
        hint = f"A = {activation}(Z) with Z = W @ A_prev + b (use nnlib.linear_forward and nnlib.{activation})"
        expect_array(f"A for activation {activation!r}", A, A_ref, hint=hint)
        _expect_layer_cache(f"cache for activation {activation!r}", cache, cache_ref, A_ref)
    passed("linear_activation_forward")


# --------------------------------------------------------------------------- L layers

def _activation_mistake(X, parameters, hidden, output, got_AL):
    """A hint if the learner's AL matches a usual mix-up of the activations."""
    if not isinstance(got_AL, np.ndarray):
        return None
    mix_ups = {
        (hidden, hidden): "the last layer uses output_activation, not hidden_activation",
        (output, output): "layers 1..L-1 use hidden_activation; only layer L uses output_activation",
        (output, hidden): "hidden_activation and output_activation are swapped",
    }
    for (h, o), hint in mix_ups.items():
        if (h, o) == (hidden, output):
            continue
        AL, _ = nnlib.model_forward(X, parameters, h, o)
        if AL.shape == got_AL.shape and np.allclose(AL, got_AL):
            return hint
    return None


def explain_model(error, X, parameters, *activations):
    """The hint for an error raised by model_forward: the key it asked for, or the shapes."""
    key = str(error.args[0]).strip("'\"") if isinstance(error, KeyError) and error.args else ""
    if re.fullmatch(r"[WwBb]-?\d*", key):
        return (f"parameters has no key {key!r}: its keys are {list(parameters)}, layers "
                f"l = 1..{len(parameters) // 2} (the loop runs from 1 to L; keys are case-sensitive, "
                "'W1' is not 'w1')")
    if isinstance(error, TypeError) and "concatenate str" in str(error):
        return 'the keys are strings: build them with f"W{l}" (or "W" + str(l))'
    if _about_shapes(error):
        return (f"the shapes here are {_shapes(X=X, **parameters)}: layer l computes "
                "W[l] @ A[l-1] + b[l], starting from A[0] = X")
    return None


def _check_model(fn, X, parameters, hidden, output):
    L = len(parameters) // 2
    name = f"model_forward(X, parameters, {hidden!r}, {output!r})"
    got = call_on_copies(fn, "model_forward", X, parameters, hidden, output, allowed=ALLOWED["model_forward"],
                         explain=explain_model)
    AL, caches = _expect_items(name, got, 2, "(AL, caches)")
    AL_ref, caches_ref = nnlib.model_forward(X, parameters, hidden, output)
    if isinstance(AL, np.ndarray) and AL.shape != AL_ref.shape:
        hint = (f"AL is the output of layer L = {L}: shape (n[L], m) = {AL_ref.shape}; "
                "did the loop stop one layer early, or transpose something?")
    else:
        hint = _activation_mistake(X, parameters, hidden, output, AL)
    expect_array("AL", AL, AL_ref, hint=hint)
    if not isinstance(caches, (list, tuple)):
        fail(f"caches should be a list of {L} layer caches, got {type(caches).__name__}")
    if len(caches) != L:
        fail(f"caches has {len(caches)} items; expected {L}: one cache per layer, caches[l-1] for layer l")
    activations = [ref.linear.A_prev for ref in caches_ref[1:]] + [AL_ref]
    for l, (cache, ref, A) in enumerate(zip(caches, caches_ref, activations), start=1):
        _expect_layer_cache(f"caches[{l - 1}] (layer {l})", cache, ref, A)


def check_model_forward_two_layers(fn):
    """A 2-3-1 network, tanh then sigmoid, on 5 examples: AL (1, 5) and two caches."""
    rng = random_inputs(40)
    X = np.round(matrix(rng, 2, 5), 2)
    parameters = nnlib.initialize_parameters([2, 3, 1], "xavier", seed=1)
    parameters["b1"] = np.array([[0.1], [-0.2], [0.3]])
    _check_model(fn, X, parameters, "tanh", "sigmoid")
    passed("model_forward (2-3-1 tanh/sigmoid)")


def check_model_forward_deep(fn):
    """A 4-5-3-3 network, relu then softmax, on 6 examples: AL (3, 6) and three caches."""
    rng = random_inputs(41)
    X = np.round(matrix(rng, 4, 6), 2)
    parameters = nnlib.initialize_parameters([4, 5, 3, 3], "he", seed=2)
    parameters["b2"] = np.array([[0.5], [-0.5], [0.0]])
    _check_model(fn, X, parameters, "relu", "softmax")
    passed("model_forward (4-5-3-3 relu/softmax)")
