"""Checks for notebook 08 (activation comparisons): gradient norms per layer, dead ReLU units,
and the output layer and loss that fit a task.

``check_<exercise>(fn)`` runs a small hand-checked case and says what is wrong; the hidden
checks (:mod:`nnchecks.hidden.nb08_activations`) compare ``fn`` with references on random
inputs of two sizes. Both fail if ``fn`` calls an nnlib function its exercise does not
allow (:data:`ALLOWED`); the notebook's demonstrations use nnlib's diagnostics, which no
exercise may hand its work to.
"""
import numpy as np

import nnlib
from nnlib.data import one_hot

from .calling import call_on_copies
from .compare import expect_array
from .failures import fail, passed
from .nb02_forward import ALLOWED as FORWARD_ALLOWED

#: The nnlib functions each exercise may call: counting dead units runs nnlib's forward pass
#: (model_forward, or what notebook 02's model_forward may use); the norms and the choice of
#: output layer are plain numpy.
ALLOWED = {"gradient_norms_per_layer": (), "output_layer_for": (),
           "dead_units_per_layer": (nnlib.model_forward, *FORWARD_ALLOWED["model_forward"])}


# --------------------------------------------------------------------------- gradient norms

def _norms_hint(got, grads, expected):
    """A specific hint for the usual mistakes, or None."""
    if not isinstance(got, np.ndarray) or got.shape != expected.shape:
        return None
    L = len(expected)
    with_db = np.array([np.sqrt(np.sum(grads[f"dW{l}"] ** 2) + np.sum(grads[f"db{l}"] ** 2))
                        for l in range(1, L + 1)])
    if np.allclose(got, with_db):
        return "only the weights: use grads['dW1'], ..., not the bias gradients db"
    if np.allclose(got, expected[::-1]):
        return "entry 0 is layer 1 (next to the input), the last entry layer L (the output layer)"
    if np.allclose(got, expected ** 2):
        return "the Frobenius norm is the SQUARE ROOT of the sum of squares (np.linalg.norm)"
    by_key = [np.linalg.norm(grads[key]) for key in sorted(k for k in grads if k.startswith("dW"))]
    if np.allclose(got, by_key):
        return ("sorted() orders the keys as strings, so 'dW10' comes before 'dW2': "
                "build the keys in order, f'dW{l}' for l = 1, ..., L")
    return None


def _check_norms(fn, grads, expected, what):
    got = call_on_copies(fn, "gradient_norms_per_layer", grads, allowed=ALLOWED["gradient_norms_per_layer"])
    if isinstance(got, (list, tuple)):
        fail(f"gradient_norms_per_layer returned a {type(got).__name__}; expected a numpy array",
             "wrap the list: np.array(norms)")
    hint = _norms_hint(got, grads, expected) or (
        f"one number per layer, ||dW[l]||_F = sqrt(sum of dW[l] ** 2), for l = 1..L ({what})")
    expect_array(f"gradient_norms_per_layer(grads) for {what}", got, expected, hint=hint)


def check_gradient_norms_per_layer_values(fn):
    """A 2-layer case worked by hand; the db and dA entries of grads are not weights."""
    grads = {
        "dW1": np.array([[3.0, 0.0], [0.0, -4.0]]),        # sqrt(9 + 16) = 5
        "db1": np.array([[12.0], [0.0]]),
        "dA1": np.array([[7.0, 7.0, 7.0], [1.0, 1.0, 1.0]]),
        "dW2": np.array([[1.0, -2.0]]),                     # sqrt(1 + 4) = sqrt(5)
        "db2": np.array([[2.0]]),
    }
    _check_norms(fn, grads, np.array([5.0, np.sqrt(5.0)]), "a 2-layer network")
    passed("gradient_norms_per_layer")


def check_gradient_norms_per_layer_deep(fn):
    """Twelve layers, where ||dW[l]|| = l: the layers must come out in the order 1, 2, ..., 12."""
    grads = {}
    for l in range(1, 13):
        dW = np.zeros((2, 3))
        dW[0, l % 3] = l * 0.6
        dW[1, (l + 1) % 3] = -l * 0.8
        grads[f"dW{l}"], grads[f"db{l}"] = dW, np.full((2, 1), 1.0)
    _check_norms(fn, grads, np.arange(1.0, 13.0), "a 12-layer network (||dW[l]|| = l)")
    passed("gradient_norms_per_layer (12 layers)")


# --------------------------------------------------------------------------- dead units

def _dead_example():
    X = np.array([[1.0, 2.0, -1.0, 0.0],
                  [0.0, 1.0, 1.0, -2.0]])
    parameters = {
        # layer 1: unit 0 is x1 (positive on 2 examples), unit 1 is always exactly 0,
        # unit 2 is -(x1 + x2) - 5 < 0 on every example -> 2 dead units
        "W1": np.array([[1.0, 0.0], [0.0, 0.0], [-1.0, -1.0]]),
        "b1": np.array([[0.0], [0.0], [-5.0]]),
        # layer 2 sees A1 = [[1, 2, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]:
        # unit 0 = A1[0] > 0 on 2 examples; unit 1 = -A1[0] - 0.1 < 0 everywhere -> 1 dead unit
        "W2": np.array([[1.0, 5.0, 0.0], [-1.0, 0.0, 0.0]]),
        "b2": np.array([[0.0], [-0.1]]),
        # the output layer is not counted
        "W3": np.array([[1.0, 1.0]]),
        "b3": np.array([[-100.0]]),
    }
    return X, parameters, np.array([2, 1])


def check_dead_units_per_layer(fn):
    """A 2-3-2-1 ReLU network worked by hand: 2 dead units in layer 1, 1 in layer 2."""
    X, parameters, expected = _dead_example()
    got = call_on_copies(fn, "dead_units_per_layer", X, parameters, allowed=ALLOWED["dead_units_per_layer"])
    if isinstance(got, (list, tuple)):
        fail(f"dead_units_per_layer returned a {type(got).__name__}; expected a numpy array",
             "wrap the list: np.array(counts)")
    hint = ("a unit of hidden layer l is dead when its ReLU output is 0 for EVERY example: "
            "relu(Z[l]) == 0, i.e. Z[l] <= 0, along its whole row (axis=1)")
    if isinstance(got, np.ndarray) and got.shape == (3,):
        hint = "count the hidden layers 1..L-1 only; the output layer is not a ReLU layer"
    elif isinstance(got, np.ndarray) and got.shape == expected.shape and np.array_equal(got, [1, 1]):
        hint = ("unit 1 of layer 1 has Z = 0 on every example: its ReLU output is 0 and so is its "
                "gradient, so it is dead too (test Z <= 0, or A == 0, not Z < 0)")
    elif isinstance(got, np.ndarray) and got.shape == expected.shape and np.array_equal(got, [2, 0]):
        hint = "layer 2's input is layer 1's ReLU output A1, not its Z1: take Z from the caches of nnlib.model_forward"
    expect_array("dead_units_per_layer(X, parameters)", got, expected, hint=hint)
    if got.dtype.kind not in "iu":
        fail(f"dead_units_per_layer returned dtype {got.dtype}; expected integer counts",
             "np.array(counts) of Python ints, or .astype(int)")
    passed("dead_units_per_layer")


# --------------------------------------------------------------------------- output layer

def expect_output_cases(fn, cases):
    """``fn(Y)`` for each (label, Y, expected pair, hint) of ``cases``; Y is left unchanged."""
    for label, Y, expected, hint in cases:
        got = call_on_copies(fn, "output_layer_for", Y, allowed=ALLOWED["output_layer_for"])
        if isinstance(got, list):
            got = tuple(got)
        if not isinstance(got, tuple) or len(got) != 2:
            fail(f"output_layer_for should return a tuple (activation, loss), got {got!r}",
                 "e.g. return ('sigmoid', 'bce')")
        if got != expected:
            fail(f"output_layer_for(Y) for {label} is {got!r}; expected {expected!r}", hint)


_TABLE_HINT = ("binary (one row of 0/1) -> ('sigmoid', 'bce'); one-hot columns (k >= 2 rows, one 1 "
               "per column) -> ('softmax', 'ce'); fractions in [0, 1] -> ('sigmoid', 'mse'); other "
               "real-valued targets -> ('linear', 'mse')")
_FRACTION_HINT = ("grades / 100 are fractions: every target lies in [0, 1], so a sigmoid output keeps "
                  "the predictions in that range, with MSE, as notebook 06 trains it: ('sigmoid', 'mse')")


def check_output_layer_for_table(fn):
    """The rows of the table: binary, multi-class (one-hot), fractions in [0, 1]."""
    expect_output_cases(fn, [
        ("binary labels Y = [[0, 1, 1, 0, 1]]", np.array([[0.0, 1.0, 1.0, 0.0, 1.0]]),
         ("sigmoid", "bce"), _TABLE_HINT),
        ("one-hot Y of 3 classes", one_hot([2, 0, 1, 1], 3), ("softmax", "ce"), _TABLE_HINT),
        ("grades Y = [[0.75, 0.82, 0.93]]", np.array([[0.75, 0.82, 0.93]]), ("sigmoid", "mse"),
         _FRACTION_HINT),
    ])
    passed("output_layer_for (the table's targets)")


def check_output_layer_for_more(fn):
    """Beyond the table: two-class one-hot, several yes/no targets per example, targets outside [0, 1]."""
    expect_output_cases(fn, [
        ("one-hot Y of 2 classes", one_hot([1, 0, 0, 1], 2), ("softmax", "ce"),
         "two rows with exactly one 1 per column are one-hot columns: softmax over 2 classes"),
        ("Y = [[1, 0, 1], [1, 1, 0]] (two yes/no answers per example)",
         np.array([[1.0, 0.0, 1.0], [1.0, 1.0, 0.0]]), ("sigmoid", "bce"),
         "the first column has two 1s, so Y is not one-hot: each row is its own yes/no question, "
         "one sigmoid unit per row with binary cross-entropy"),
        ("Y = [[75, 82, 93]] (grades out of 100)", np.array([[75.0, 82.0, 93.0]]), ("linear", "mse"),
         "values outside [0, 1] are quantities a sigmoid cannot reach: a linear output with MSE"),
        ("Y = [[1, 1, 1]] (one row, all ones)", np.array([[1.0, 1.0, 1.0]]), ("sigmoid", "bce"),
         "a single row of 0/1 values is binary, even if every column happens to sum to 1"),
    ])
    passed("output_layer_for (more targets)")
