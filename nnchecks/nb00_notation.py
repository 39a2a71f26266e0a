"""Checks for notebook 00, notation and shapes: ``affine``, ``layer_shapes``, ``rows_to_columns``.

Conventions being checked: examples are columns, X (n[0], m); W[l] (n[l], n[l-1]);
b[l] (n[l], 1); Z[l] and A[l] (n[l], m); A[0] is X.
"""
import numpy as np

from nnlib import initialize_parameters, linear_activation_forward, linear_forward, model_forward

from . import (call_watching, compare_with_reference, expect_array, expect_unchanged, fail, passed,
               random_inputs, snapshot)

# Handing the work to these would skip what the exercises practise.
_NNLIB_LAYER_FUNCTIONS = [linear_forward, linear_activation_forward, model_forward, initialize_parameters]


# --------------------------------------------------------------------------- affine

def _check_one_affine(fn, X, W, b, expected):
    args = (X, W, b)
    given, originals = snapshot(*args), snapshot(*args)
    Z = call_watching(fn, _NNLIB_LAYER_FUNCTIONS, *given, name="affine")
    if isinstance(Z, tuple):
        fail(f"affine returned a tuple of {len(Z)} items; return Z alone, an array of shape {expected.shape}")
    _diagnose_affine(Z, X, W, b)
    n, m = expected.shape
    expect_array("Z", Z, expected, hint=(
        f"Z = W @ X + b has one row per unit of the layer (n[l] = {n}) and one column per example "
        f"(m = {m}); here X is {X.shape}, W is {W.shape} and b is {b.shape}"))
    expect_unchanged("affine", given, originals)


def _diagnose_affine(Z, X, W, b):
    """Name the usual mistakes before the generic value comparison."""
    if not isinstance(Z, np.ndarray) or Z.shape != (W.shape[0], X.shape[1]):
        return
    if np.allclose(Z, W @ X):
        fail("Z equals W @ X: the bias b was not added")
    if W.shape[0] == X.shape[1] and np.allclose(Z, (W @ X + b).T):
        fail("Z is transposed: Z[i, j] must be unit i's value for example j (examples are columns)",
             "compute W @ X + b; X.T @ W.T + b.T is the row convention, which gives Z.T")
    if W.shape[0] == X.shape[1] and np.allclose(Z, W @ X + b.T):
        fail("Z[i, j] got b[j] added instead of b[i]: your bias was added along the columns",
             "keep b as a column of shape (n[l], 1) so that it broadcasts across the m examples; "
             "a 1-D b of shape (n[l],) broadcasts as a ROW")


def check_affine(fn):
    """Hand-checked cases: 3 units, 2 inputs and 3 examples; then 4 examples; then one example."""
    W = np.array([[1.0, 2.0], [0.0, -1.0], [3.0, 1.0]])
    X = np.array([[1.0, 0.0, 2.0, -1.0], [0.0, 1.0, 1.0, 2.0]])

    # As many units as examples, so that a bias added along the wrong axis raises no error:
    # W @ X[:, :3] = [[1, 2, 4], [0, -1, -1], [3, 1, 7]], then row i gets b[i]
    b = np.array([[10.0], [20.0], [30.0]])
    expected = np.array([[11.0, 12.0, 14.0], [20.0, 19.0, 19.0], [33.0, 31.0, 37.0]])
    _check_one_affine(fn, X[:, :3].copy(), W, b, expected)

    # Four examples: W @ X = [[1, 2, 4, 3], [0, -1, -1, -2], [3, 1, 7, -1]]
    b = np.array([[1.0], [0.0], [-2.0]])
    expected = np.array([[2.0, 3.0, 5.0, 4.0], [0.0, -1.0, -1.0, -2.0], [1.0, -1.0, 5.0, -3.0]])
    _check_one_affine(fn, X, W, b, expected)

    # A single example is still a column: Z must be (3, 1), not (3,)
    X1 = np.array([[2.0], [-1.0]])
    _check_one_affine(fn, X1, W, b, np.array([[1.0], [1.0], [3.0]]))
    passed("affine")


def _affine_reference(X, W, b):
    return linear_forward(X, W, b)[0]


def _affine_args(rng, size):
    n_prev, n, m = size
    return (rng.standard_normal((n_prev, m)), rng.standard_normal((n, n_prev)),
            rng.standard_normal((n, 1)))


def check_affine_hidden(fn):
    """Agrees with nnlib.linear_forward on random inputs; inputs unchanged; no hand-off to nnlib."""
    compare_with_reference(fn, _affine_reference, _affine_args, name="affine",
                           sizes=[(5, 3, 7), (30, 12, 50)], seed=2024,
                           forbidden=_NNLIB_LAYER_FUNCTIONS)


# --------------------------------------------------------------------------- layer_shapes

def expected_layer_shapes(layer_dims, m):
    """The shapes of a network's arrays: W{l}, b{l}, Z{l}, A{l} for l = 1..L, and A0 (the input)."""
    dims = [int(n) for n in layer_dims]
    shapes = {"A0": (dims[0], m)}
    for l in range(1, len(dims)):
        shapes[f"W{l}"] = (dims[l], dims[l - 1])
        shapes[f"b{l}"] = (dims[l], 1)
        shapes[f"Z{l}"] = (dims[l], m)
        shapes[f"A{l}"] = (dims[l], m)
    return shapes


def _why(key, dims, m):
    """The sentence that says what the shape of ``key`` is made of."""
    kind, l = key[0], int(key[1:])
    if kind == "W":
        return (f"rows are the units of layer {l} (n[{l}] = {dims[l]}), "
                f"columns the units of the previous layer (n[{l - 1}] = {dims[l - 1]})")
    if kind == "b":
        return f"one bias per unit of layer {l} (n[{l}] = {dims[l]}), as a column"
    if l == 0:
        return f"A0 is the input X: one row per feature (n[0] = {dims[0]}), one column per example (m = {m})"
    return f"one row per unit of layer {l} (n[{l}] = {dims[l]}), one column per example (m = {m})"


def _check_shape_dict(fn, layer_dims, m, kinds):
    """Call ``fn(layer_dims, m)`` and check the entries whose key starts with one of ``kinds``."""
    dims = [int(n) for n in layer_dims]
    passed = snapshot(layer_dims)[0]
    shapes = call_watching(fn, _NNLIB_LAYER_FUNCTIONS, passed, m, name="layer_shapes")
    call_text = f"layer_shapes({list(layer_dims)}, {m})"
    if not isinstance(shapes, dict):
        fail(f"{call_text} should return a dict like {{'W1': (4, 2), ...}}, got {type(shapes).__name__}")
    if list(passed) != list(layer_dims):
        fail(f"layer_shapes changed the layer_dims list it was given: {list(layer_dims)} became {list(passed)}")
    expected = {k: v for k, v in expected_layer_shapes(dims, m).items() if k[0] in kinds}
    for key, shape in expected.items():
        if key not in shapes:
            fail(f"{call_text} has no key {key!r} (it has {sorted(map(str, shapes))})",
                 "keys are case-sensitive: 'W1', 'b1', 'Z1', 'A1', ..., and 'A0' for the input")
        got = shapes[key]
        if not isinstance(got, tuple):
            fail(f"{call_text}[{key!r}] is {got!r}, a {type(got).__name__}; expected the tuple {shape}",
                 "array.shape is a tuple, and `W.shape == [4, 2]` is False: use tuples")
        if got != shape:
            fail(f"{key} has shape {got}; expected {shape}: {_why(key, dims, m)}")
    L = len(dims) - 1
    extra = sorted(k for k in map(str, shapes) if k[:1] in kinds and k not in expected)
    if extra:
        fail(f"{call_text} has unexpected keys {extra}: a network with layer_dims {dims} has "
             f"L = {L} layers, numbered 1..{L} (A0 is the input)")


_VISIBLE_NETS = [([2, 4, 1], 400), ([784, 128, 64, 10], 4000)]


def check_layer_shapes_parameters(fn):
    """W{l} and b{l} for the planar 2-4-1 net and the MNIST 784-128-64-10 net."""
    for layer_dims, m in _VISIBLE_NETS:
        _check_shape_dict(fn, layer_dims, m, "Wb")
    passed("layer_shapes (W and b)")


def check_layer_shapes_activations(fn):
    """A0 and Z{l}, A{l} for the planar 2-4-1 net and the MNIST 784-128-64-10 net."""
    for layer_dims, m in _VISIBLE_NETS:
        _check_shape_dict(fn, layer_dims, m, "ZA")
    passed("layer_shapes (A and Z)")


def _random_nets(seed):
    rng = random_inputs(seed)
    nets = []
    for n_layers, as_type in [(3, list), (6, tuple)]:
        dims = as_type(int(n) for n in rng.integers(1, 60, size=n_layers))
        nets.append((dims, int(rng.integers(1, 500))))
    return nets


def check_layer_shapes_parameters_hidden(fn):
    """W{l}, b{l} for random layer sizes (given as a list and as a tuple); no hand-off to nnlib."""
    for layer_dims, m in _random_nets(7):
        _check_shape_dict(fn, layer_dims, m, "Wb")


def check_layer_shapes_activations_hidden(fn):
    """A0, Z{l}, A{l} for random layer sizes (given as a list and as a tuple)."""
    for layer_dims, m in _random_nets(8):
        _check_shape_dict(fn, layer_dims, m, "ZA")


# --------------------------------------------------------------------------- rows_to_columns

def _rows_to_columns_reference(X_rows, W_rows, b_row):
    return X_rows.T.copy(), W_rows.T.copy(), np.reshape(b_row, (-1, 1)).copy()


_ROW_HINTS = {
    "X": "X holds one example per COLUMN: (n[0], m) = X_rows transposed",
    "W": "W has one row per unit of the layer, one column per input: (n[l], n[l-1]) = W_rows transposed",
    "b": "b is a column with one bias per unit, (n[l], 1): reshape b_row, whether it is (n[l],) or (1, n[l])",
}


def _check_one_rows_to_columns(fn, X_rows, W_rows, b_row):
    args = (X_rows, W_rows, b_row)
    given, originals = snapshot(*args), snapshot(*args)
    result = call_watching(fn, [_rows_to_columns_reference], *given, name="rows_to_columns")
    if not isinstance(result, (tuple, list)) or len(result) != 3:
        fail(f"rows_to_columns should return the tuple (X, W, b), got {type(result).__name__}"
             + (f" of length {len(result)}" if isinstance(result, (tuple, list)) else ""))
    expected = _rows_to_columns_reference(*args)
    for name, got, want in zip("XWb", result, expected):
        expect_array(name, got, want, hint=_ROW_HINTS[name])
    expect_unchanged("rows_to_columns", given, originals)
    X, W, b = result
    Z_rows = X_rows @ W_rows + b_row
    expect_array("W @ X + b", W @ X + b, Z_rows.T,
                 hint="it must equal (X_rows @ W_rows + b_row).T, the same numbers in our layout")


def check_rows_to_columns(fn):
    """m = 4 examples, n[0] = 2 features, n[1] = 3 units; b_row as (3,) and as (1, 3)."""
    X_rows = np.array([[1.0, 2.0], [0.0, -1.0], [3.0, 0.5], [-2.0, 1.0]])  # (m, n0) = (4, 2)
    W_rows = np.array([[1.0, 0.0, -1.0], [2.0, 1.0, 0.5]])  # (n0, n1) = (2, 3)
    b_row = np.array([0.1, -0.2, 0.3])  # (n1,)
    _check_one_rows_to_columns(fn, X_rows, W_rows, b_row)
    _check_one_rows_to_columns(fn, X_rows, W_rows, b_row.reshape(1, 3))
    passed("rows_to_columns")


def check_rows_to_columns_hidden(fn):
    """Random sizes; b_row 1-D and 2-D; inputs unchanged."""
    rng = random_inputs(11)
    for m, n_prev, n, b_shape in [(7, 5, 3, "1d"), (40, 12, 9, "2d")]:
        b_row = rng.standard_normal(n)
        _check_one_rows_to_columns(fn, rng.standard_normal((m, n_prev)), rng.standard_normal((n_prev, n)),
                                   b_row if b_shape == "1d" else b_row.reshape(1, n))
