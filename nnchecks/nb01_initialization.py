"""Checks for notebook 01, initialization: ``layer_sizes`` and ``initialize_parameters``.

``initialize_parameters`` must draw exactly what nnlib draws for the same seed: one generator
``rng = np.random.default_rng(seed)``, then for l = 1..L in order
``W{l} = rng.standard_normal((n[l], n[l-1])) * factor`` and ``b{l} = 0``, with factor ``scale``
(random), ``sqrt(1 / n[l-1])`` (xavier) or ``sqrt(2 / n[l-1])`` (he).
"""
import numpy as np

from nnlib import layer_sizes

from .calling import call
from .compare import expect_array, snapshot
from .failures import fail, passed

#: The nnlib functions each exercise may call: none (the draws are the exercise).
ALLOWED = {"layer_sizes": (), "initialize_parameters": ()}

# --------------------------------------------------------------------------- layer_sizes


def expect_layer_sizes(fn, X, Y, hidden):
    """One call of ``layer_sizes`` on copies, against nnlib's; ``hidden=None`` leaves it out."""
    args = (X, Y) if hidden is None else (X, Y, hidden)
    given = snapshot(*args)
    shown = f"layer_sizes(X {X.shape}, Y {Y.shape}" + ("" if hidden is None else f", {hidden!r}") + ")"
    got = call(fn, *given, name="layer_sizes", allowed=ALLOWED["layer_sizes"])
    expected = layer_sizes(X, Y, () if hidden is None else hidden)
    if hidden is not None and list(given[2]) != list(hidden):
        fail(f"layer_sizes changed the `hidden` list it was given: {list(hidden)} became {list(given[2])}",
             "build a new list, e.g. [n_x, *hidden, n_y]; hidden.append(...) changes the caller's list")
    if not isinstance(got, (list, tuple)):
        fail(f"{shown} should return a list like {expected}, got {type(got).__name__}")
    got = list(got)
    if len(got) != len(expected):
        fail(f"{shown} is {got}; expected {expected}: the inputs, then each hidden layer, then the outputs")
    m = X.shape[1]
    if got[0] != expected[0]:
        fail(f"{shown} starts with {got[0]}; expected n[0] = {expected[0]}, the number of features",
             "features are the ROWS of X: X.shape[0]" + (f" ({m} is m, the number of examples)" if got[0] == m else ""))
    if got[-1] != expected[-1]:
        fail(f"{shown} ends with {got[-1]}; expected n[L] = {expected[-1]}, the number of outputs",
             "outputs are the ROWS of Y: Y.shape[0]" + (f" ({m} is m, the number of examples)" if got[-1] == m else ""))
    if got != expected:
        fail(f"{shown} is {got}; expected {expected}: the hidden sizes go between n[0] and n[L], in order")
    if not all(isinstance(n, (int, np.integer)) and not isinstance(n, bool) for n in got):
        fail(f"{shown} is {got!r}; expected whole numbers (int), not {type(got[0]).__name__}")


def check_layer_sizes(fn):
    """Planar-like data (2 features, 1 output) with one hidden layer of 4; no hidden layer; two."""
    expect_layer_sizes(fn, np.zeros((2, 5)), np.zeros((1, 5)), [4])
    expect_layer_sizes(fn, np.zeros((3, 7)), np.zeros((2, 7)), None)
    expect_layer_sizes(fn, np.zeros((784, 6)), np.zeros((10, 6)), [128, 64])
    passed("layer_sizes")


# --------------------------------------------------------------------------- initialize_parameters

_FACTOR_TEXT = {"random": "scale", "xavier": "sqrt(1 / n[l-1])", "he": "sqrt(2 / n[l-1])"}


def _factor(method, n, n_prev, scale):
    return {"random": scale, "xavier": np.sqrt(1 / n_prev), "he": np.sqrt(2 / n_prev)}[method]


def _draws(dims, method, seed, scale, how="right"):
    """The weights drawn the right way, or in one of the usual wrong ways (for hints)."""
    rng = np.random.default_rng(0 if how == "seed ignored" else seed)
    legacy = np.random.RandomState(seed)
    weights = []
    for l in range(1, len(dims)):
        n, n_prev = dims[l], dims[l - 1]
        factor = _factor(method, n, n_prev, scale)
        if how in ("right", "seed ignored"):
            W = rng.standard_normal((n, n_prev))
        elif how == "new generator per layer":
            W = np.random.default_rng(seed).standard_normal((n, n_prev))
        elif how == "transposed draw":
            W = rng.standard_normal((n_prev, n)).T
        elif how == "legacy":
            W = legacy.randn(n, n_prev)
        elif how == "biases drawn too":
            W = rng.standard_normal((n, n_prev))
            rng.standard_normal((n, 1))
        weights.append(W * factor)
    return weights


_WRONG_DRAWS = {
    "seed ignored": "these are the numbers of seed=0: pass the `seed` argument to np.random.default_rng",
    "new generator per layer": "create the generator once, before the loop over layers: a new "
                               "np.random.default_rng(seed) in every layer repeats the same numbers",
    "transposed draw": "draw each matrix with shape (n[l], n[l-1]) directly: drawing (n[l-1], n[l]) "
                       "and transposing gives the same shape but other numbers",
    "legacy": "use rng = np.random.default_rng(seed) and rng.standard_normal(...), not "
              "np.random.seed / np.random.randn (an older generator with other numbers)",
    "biases drawn too": "draw nothing for the biases, np.zeros((n[l], 1)): every extra draw "
                        "shifts the numbers of the layers after it",
}


def expect_parameters_structure(params, dims, call_text):
    """The dict of an initialization: keys W1, b1, ..., shapes, and zero biases."""
    L = len(dims) - 1
    if not isinstance(params, dict):
        fail(f"{call_text} should return a dict {{'W1': ..., 'b1': ..., ...}}, got {type(params).__name__}")
    expected_keys = [f"{p}{l}" for l in range(1, L + 1) for p in "Wb"]
    missing = [k for k in expected_keys if k not in params]
    if missing:
        fail(f"{call_text} is missing {missing} (it has {sorted(map(str, params))})",
             f"one 'W{{l}}' and one 'b{{l}}' for each layer l = 1..{L}; keys are case-sensitive")
    extra = sorted(k for k in map(str, params) if k not in expected_keys)
    if extra:
        fail(f"{call_text} has unexpected keys {extra}: layer_dims {dims} has L = {L} layers, numbered 1..{L}")
    for l in range(1, L + 1):
        for key, shape, why in [
            (f"W{l}", (dims[l], dims[l - 1]), f"rows are the units of layer {l} (n[{l}] = {dims[l]}), "
                                              f"columns the units of the previous one (n[{l - 1}] = {dims[l - 1]})"),
            (f"b{l}", (dims[l], 1), f"one bias per unit of layer {l}, as a column"),
        ]:
            value = params[key]
            if not isinstance(value, np.ndarray):
                fail(f"{key} should be a numpy array, got {type(value).__name__}")
            if value.shape != shape:
                fail(f"{key} has shape {value.shape}; expected {shape}: {why}")
        if np.any(params[f"b{l}"] != 0):
            fail(f"b{l} should be all zeros: biases start at 0 (the random weights already break the symmetry)")


def call_initialize_parameters(fn, dims, kwargs):
    """``fn(a copy of dims, **kwargs)``; the copy must come back unchanged."""
    given = list(dims)
    params = call(fn, given, name="initialize_parameters", allowed=ALLOWED["initialize_parameters"], **kwargs)
    if given != list(dims):
        fail(f"initialize_parameters changed the layer_dims list it was given: {dims} became {given}")
    return params


def _check_method(fn, method, dims, seed, scale):
    kwargs = {"method": method, "seed": seed} | ({"scale": scale} if method == "random" else {})
    call_text = f"initialize_parameters({dims}, " + ", ".join(f"{k}={v!r}" for k, v in kwargs.items()) + ")"
    params = call_initialize_parameters(fn, dims, kwargs)
    expect_parameters_structure(params, dims, call_text)
    if method == "zeros":
        for l in range(1, len(dims)):
            expect_array(f"{call_text}: W{l}", params[f"W{l}"], np.zeros((dims[l], dims[l - 1])),
                         hint="method='zeros' sets every weight to 0")
        return
    right = _draws(dims, method, seed, scale)
    for l in range(1, len(dims)):
        got, want = params[f"W{l}"], right[l - 1]
        if np.allclose(got, want, rtol=1e-6, atol=1e-12):
            continue
        for how, hint in _WRONG_DRAWS.items():
            if np.allclose(got, _draws(dims, method, seed, scale, how)[l - 1], rtol=1e-6, atol=1e-12):
                fail(f"{call_text}: W{l} has other numbers than nnlib draws for seed={seed}", hint)
        raw = want / _factor(method, dims[l], dims[l - 1], scale)
        ratio = got / raw
        if np.allclose(ratio, ratio.flat[0], rtol=1e-6):
            r, f = float(ratio.flat[0]), _factor(method, dims[l], dims[l - 1], scale)
            fail(f"{call_text}: W{l} holds the right draws times {r:.6g}; expected times {f:.6g}"
                 f" = {_FACTOR_TEXT[method]}" + (f" with n[{l - 1}] = {dims[l - 1]}" if method != "random" else ""),
                 _factor_hint(method, r, dims[l], dims[l - 1]))
        expect_array(f"{call_text}: W{l}", got, want,
                     hint=f"rng = np.random.default_rng(seed) once, then for l = 1..L in order: "
                          f"rng.standard_normal((n[l], n[l-1])) * {_FACTOR_TEXT[method]}")


def _factor_hint(method, r, n, n_prev):
    guesses = [
        (np.sqrt(1 / n_prev), "that is Xavier's factor sqrt(1 / n[l-1])"),
        (np.sqrt(2 / n_prev), "that is He's factor sqrt(2 / n[l-1])"),
        (np.sqrt(1 / n), "you divided by n[l], the units of this layer; divide by n[l-1], its inputs"),
        (np.sqrt(2 / n), "you divided by n[l], the units of this layer; divide by n[l-1], its inputs"),
        (1 / n_prev, "the VARIANCE is 1/n[l-1]; multiply by its square root, the standard deviation"),
        (2 / n_prev, "the VARIANCE is 2/n[l-1]; multiply by its square root, the standard deviation"),
        (1.0, "the standard normal draws were not scaled"),
        (0.01, "use the `scale` argument, not a fixed 0.01"),
    ]
    for value, hint in guesses:
        if np.isclose(r, value, rtol=1e-6):
            return hint
    return None


# Visible cases: every n[l] differs from n[l-1], so a transposed matrix shows; L = 3, so the order
# of the draws matters; a seed other than the default, so an ignored seed shows.
_VISIBLE_DIMS = [3, 4, 2, 1]


def check_initialize_parameters_zeros(fn):
    """method='zeros' for layer_dims [3, 4, 2, 1]: keys, shapes, all weights and biases 0."""
    _check_method(fn, "zeros", _VISIBLE_DIMS, seed=3, scale=0.01)
    passed("initialize_parameters (method='zeros')")


def check_initialize_parameters_random(fn):
    """method='random' with seed=3, scale=0.05: the same numbers as nnlib."""
    _check_method(fn, "random", _VISIBLE_DIMS, seed=3, scale=0.05)
    passed("initialize_parameters (method='random')")


def check_initialize_parameters_xavier(fn):
    """method='xavier' with seed=3: standard normal draws times sqrt(1 / n[l-1])."""
    _check_method(fn, "xavier", _VISIBLE_DIMS, seed=3, scale=0.01)
    passed("initialize_parameters (method='xavier')")


def check_initialize_parameters_he(fn):
    """method='he' with seed=3: standard normal draws times sqrt(2 / n[l-1])."""
    _check_method(fn, "he", _VISIBLE_DIMS, seed=3, scale=0.01)
    passed("initialize_parameters (method='he')")
