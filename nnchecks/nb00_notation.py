"""Checks for notebook 00, notation and shapes: ``affine``, ``layer_shapes``, ``rows_to_columns``.

Conventions being checked: examples are columns, X (n[0], m); W[l] (n[l], n[l-1]);
b[l] (n[l], 1); Z[l] and A[l] (n[l], m); A[0] is X.
"""
import numpy as np

from .calling import call
from .compare import expect_array, expect_unchanged, snapshot
from .failures import fail, passed

#: The nnlib functions each exercise may call: none, these are the first exercises.
ALLOWED = {"affine": (), "layer_shapes": (), "rows_to_columns": ()}


# --------------------------------------------------------------------------- affine

def _check_one_affine(fn, X, W, b, expected):
    args = (X, W, b)
    given, originals = snapshot(*args), snapshot(*args)
    Z = call(fn, *given, name="affine", allowed=ALLOWED["affine"])
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


def expect_shape_dict(fn, layer_dims, m, kinds):
    """Call ``fn(layer_dims, m)`` and check the entries whose key starts with one of ``kinds``."""
    dims = [int(n) for n in layer_dims]
    passed = snapshot(layer_dims)[0]
    shapes = call(fn, passed, m, name="layer_shapes", allowed=ALLOWED["layer_shapes"])
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
        expect_shape_dict(fn, layer_dims, m, "Wb")
    passed("layer_shapes (W and b)")


def check_layer_shapes_activations(fn):
    """A0 and Z{l}, A{l} for the planar 2-4-1 net and the MNIST 784-128-64-10 net."""
    for layer_dims, m in _VISIBLE_NETS:
        expect_shape_dict(fn, layer_dims, m, "ZA")
    passed("layer_shapes (A and Z)")


# --------------------------------------------------------------------------- rows_to_columns

def rows_to_columns_reference(X_rows, W_rows, b_row):
    return X_rows.T.copy(), W_rows.T.copy(), np.reshape(b_row, (-1, 1)).copy()


_ROW_HINTS = {
    "X": "X holds one example per COLUMN: (n[0], m) = X_rows transposed",
    "W": "W has one row per unit of the layer, one column per input: (n[l], n[l-1]) = W_rows transposed",
    "b": "b is a column with one bias per unit, (n[l], 1): reshape b_row, whether it is (n[l],) or (1, n[l])",
}


def expect_rows_to_columns(fn, X_rows, W_rows, b_row):
    """One call of ``rows_to_columns`` on copies, against the reference; W @ X + b is Z_rows.T."""
    args = (X_rows, W_rows, b_row)
    given, originals = snapshot(*args), snapshot(*args)
    result = call(fn, *given, name="rows_to_columns", allowed=ALLOWED["rows_to_columns"])
    if not isinstance(result, (tuple, list)) or len(result) != 3:
        fail(f"rows_to_columns should return the tuple (X, W, b), got {type(result).__name__}"
             + (f" of length {len(result)}" if isinstance(result, (tuple, list)) else ""))
    expected = rows_to_columns_reference(*args)
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
    expect_rows_to_columns(fn, X_rows, W_rows, b_row)
    expect_rows_to_columns(fn, X_rows, W_rows, b_row.reshape(1, 3))
    passed("rows_to_columns")
