"""Checks for notebook 06 (training): the training loop and the study-hours table fix.

``train_loop`` is compared with ``nnlib.train(..., optimizer="gd")`` (full batch, same seed and
initialization), which draws its initial parameters exactly like
``nnlib.initialize_parameters(layer_dims, method=init, seed=seed)``. The hidden checks are in
:mod:`nnchecks.hidden.nb06_training`.
"""
import numpy as np

import nnlib
from nnlib.data import load_study_hours, load_xor

from .calling import call
from .compare import expect_array, expect_unchanged, snapshot
from .failures import fail, passed

#: The nnlib functions each exercise may call: the loop is built from nnlib's steps (the
#: notebook names them), never nnlib.train itself; the table fix is plain numpy.
ALLOWED = {"train_loop": (nnlib.initialize_parameters, nnlib.model_forward, nnlib.compute_cost,
                          nnlib.model_backward, nnlib.update_parameters),
           "fixed_to_columns": ()}


def reference_train(X, Y, layer_dims, learning_rate, epochs, hidden_activation="relu",
                    output_activation="sigmoid", loss="bce", init="he", seed=0):
    """nnlib.train with full-batch gradient descent: (parameters, costs)."""
    parameters, history = nnlib.train(
        X, Y, layer_dims, hidden_activation=hidden_activation, output_activation=output_activation,
        loss=loss, optimizer="gd", learning_rate=learning_rate, epochs=epochs, batch_size=None,
        seed=seed, init=init)
    return parameters, history["cost"]


def _unpack(name, got, epochs):
    """(parameters, costs) with costs turned into a float array of one entry per epoch."""
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        kind = f"{len(got)} items" if isinstance(got, (tuple, list)) else type(got).__name__
        fail(f"{name} should return a pair (parameters, costs), got {kind}")
    parameters, costs = got
    if not isinstance(parameters, dict):
        fail(f"{name}: parameters should be a dict W1, b1, ..., got {type(parameters).__name__}")
    try:
        costs = np.asarray(costs, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError):
        fail(f"{name}: costs should be a list of numbers, got {type(costs).__name__}")
    if costs.size != epochs:
        fail(f"{name}: costs has {costs.size} entries; expected {epochs}, one per epoch",
             "append the cost of every epoch's forward pass, before that epoch's update")
    return parameters, costs


def expect_training(name, got, expected, epochs, rtol=1e-6, atol=1e-9):
    """The learner's (parameters, costs) against reference_train's ``expected``."""
    parameters, costs = _unpack(name, got, epochs)
    expected_parameters, expected_costs = expected
    missing = sorted(set(expected_parameters) - set(parameters))
    if missing:
        fail(f"{name}: parameters has the keys {sorted(parameters)}; missing {missing}")
    if epochs and not np.isclose(costs[0], expected_costs[0], rtol=rtol, atol=atol):
        fail(f"{name}: the first cost is {costs[0]:.8g}; expected {expected_costs[0]:.8g}, the cost of "
             "the initial parameters",
             "initialize with nnlib.initialize_parameters(layer_dims, method=init, seed=seed) and "
             "record the cost of the forward pass before the first update")
    if epochs > 1 and not np.isclose(costs[1], expected_costs[1], rtol=rtol, atol=atol):
        hint = "one full-batch step per epoch: parameters = update_parameters(parameters, grads, learning_rate)"
        if np.isclose(costs[1], costs[0], rtol=1e-12, atol=0):
            hint = "the cost did not change after the first epoch: are the parameters updated and kept?"
        fail(f"{name}: the second cost is {costs[1]:.8g}; expected {expected_costs[1]:.8g}", hint)
    expect_array(f"{name}: costs", costs, np.asarray(expected_costs), rtol=rtol, atol=atol,
                 hint="the cost of epoch e comes from the forward pass at the start of epoch e")
    for key, value in expected_parameters.items():
        expect_array(f"{name}: parameters[{key!r}] at the end", parameters[key], value,
                     rtol=rtol, atol=atol,
                     hint="every epoch: parameters = update_parameters(parameters, grads, learning_rate) "
                          "with that epoch's grads and the learning_rate argument; return the "
                          "parameters after the last update")


def check_train_loop(train_loop):
    """XOR, a 2-2-1 sigmoid network, one and then three epochs, against nnlib.train."""
    X, Y = load_xor()
    settings = dict(hidden_activation="sigmoid", output_activation="sigmoid", loss="bce", init="he", seed=1)
    for epochs in (1, 3):
        given, originals = snapshot(X, Y), snapshot(X, Y)
        got = call(train_loop, *given, [2, 2, 1], 1.0, epochs, allowed=ALLOWED["train_loop"], **settings)
        expect_unchanged("train_loop", given, originals)
        expected = reference_train(X, Y, [2, 2, 1], 1.0, epochs, **settings)
        expect_training(f"train_loop on XOR for {epochs} epoch{'s' if epochs > 1 else ''}", got, expected, epochs)
    passed("train_loop (first epochs)")


def check_train_loop_matches_train(train_loop):
    """The study-hours network (MSE) for 50 epochs and a 3-layer relu network on random data,
    against nnlib.train; every argument is used."""
    X, Y = load_study_hours()
    settings = dict(hidden_activation="sigmoid", output_activation="sigmoid", loss="mse", init="xavier", seed=3)
    got = call(train_loop, X, Y, [2, 3, 1], 5.0, 50, allowed=ALLOWED["train_loop"], **settings)
    expect_training("train_loop on the study-hours network (mse, xavier, seed 3)", got,
                    reference_train(X, Y, [2, 3, 1], 5.0, 50, **settings), 50)
    rng = np.random.default_rng(6)
    X = rng.standard_normal((3, 20))
    Y = (X[:1] * X[1:2] > 0).astype(float)
    got = call(train_loop, X, Y, [3, 5, 4, 1], 0.1, 20, allowed=ALLOWED["train_loop"])
    expect_training("train_loop with the defaults (relu, sigmoid, bce, he, seed 0) and layer_dims [3, 5, 4, 1]",
                    got, reference_train(X, Y, [3, 5, 4, 1], 0.1, 20), 20)
    got = call(train_loop, X, Y, [3, 5, 4, 1], 0.1, 0, allowed=ALLOWED["train_loop"])
    _unpack("train_loop with epochs=0", got, 0)
    passed("train_loop (matches nnlib.train)")


# --------------------------------------------------------------------------- fixed_to_columns

def _to_columns(table, grades):
    table = np.asarray(table, dtype=np.float64)
    X = table.T / table.max(axis=0).reshape(-1, 1)
    Y = np.asarray(grades, dtype=np.float64).reshape(1, -1) / 100
    return X, Y


def expect_columns(name, got, table, grades):
    """The learner's (X, Y) for ``table`` and ``grades``; the usual layout mistakes are named."""
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        kind = f"{len(got)} items" if isinstance(got, (tuple, list)) else type(got).__name__
        fail(f"{name} should return a pair (X, Y), got {kind}")
    X, Y = got
    table = np.asarray(table, dtype=np.float64)
    m, n = table.shape
    expected_X, expected_Y = _to_columns(table, grades)
    if isinstance(X, np.ndarray) and X.shape == (m, n) and m != n:
        fail(f"{name}: X has shape {X.shape}, one row per student; expected {(n, m)}, one COLUMN "
             "per student (features are rows)", "transpose the table: table.T")
    if isinstance(X, np.ndarray) and X.shape == (n, m) and not np.allclose(X, expected_X):
        j = next(j for j in range(m) if not np.allclose(X[:, j], expected_X[:, j]))
        reshaped = table.reshape(n, m)
        per_student = table.T / table.max(axis=1)
        if any(np.allclose(X, r) for r in (reshaped / reshaped.max(axis=1, keepdims=True),
                                           reshaped / reshaped.max(axis=0), reshaped / reshaped.max())):
            hint = ("reshape keeps the numbers in reading order and only changes the shape, so the "
                    "students get mixed up; the transpose table.T turns rows into columns")
        elif np.allclose(X, per_student):
            hint = ("every student was divided by their own largest number: scale each feature "
                    "(a row of X) by its maximum over the students, X.max(axis=1, keepdims=True)")
        else:
            hint = "X = table.T, then every row divided by its maximum: X / X.max(axis=1, keepdims=True)"
        fail(f"{name}: X[:, {j}] is {np.round(X[:, j], 4).tolist()}; expected "
             f"{np.round(expected_X[:, j], 4).tolist()}, student {j + 1} (row {j} of the table, "
             f"{table[j].tolist()}) scaled", hint)
    expect_array(f"{name}: X", X, expected_X,
                 hint="X = table.T, every row divided by its maximum: X / X.max(axis=1, keepdims=True)")
    expect_array(f"{name}: Y", Y, expected_Y,
                 hint="Y has one row and one column per student: the grades as fractions, shape (1, m)")


def check_fixed_to_columns(fixed_to_columns):
    """The notes' table gives nnlib.data.load_study_hours(); a 4-student table; inputs unchanged."""
    table = np.array([[3.0, 5.0], [5.0, 1.0], [10.0, 2.0]])
    grades = np.array([75.0, 82.0, 93.0])
    given, originals = snapshot(table, grades), snapshot(table, grades)
    got = call(fixed_to_columns, *given, allowed=ALLOWED["fixed_to_columns"])
    expect_unchanged("fixed_to_columns", given, originals)
    expect_columns("fixed_to_columns(notes' table)", got, table, grades)
    X, Y = load_study_hours()
    expect_array("fixed_to_columns(notes' table): X", got[0], X)
    expect_array("fixed_to_columns(notes' table): Y", got[1], Y)
    table = np.array([[8.0, 2.0], [6.0, 4.0], [4.0, 8.0], [2.0, 1.0]])
    grades = np.array([60.0, 70.0, 90.0, 40.0])
    got = call(fixed_to_columns, table, grades, allowed=ALLOWED["fixed_to_columns"])
    expect_columns("fixed_to_columns(a 4-student table)", got, table, grades)
    passed("fixed_to_columns")
