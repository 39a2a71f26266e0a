"""Hidden checks for notebook 06: ``train_loop`` against nnlib.train and ``fixed_to_columns``
against a direct computation, on random data of two sizes."""
import numpy as np

from ..calling import call
from ..compare import expect_unchanged, snapshot
from ..nb06_training import ALLOWED, expect_columns, expect_training, reference_train
from ..reference import random_inputs


def check_train_loop_hidden(train_loop):
    """Random data of two sizes, several settings, against nnlib.train; must not call nnlib.train."""
    rng = random_inputs(61)
    cases = [
        ((4, 30), [4, 6, 1], 0.5, 15, dict(hidden_activation="tanh", output_activation="sigmoid",
                                           loss="bce", init="xavier", seed=11)),
        ((2, 50), [2, 8, 3, 1], 0.2, 25, dict(hidden_activation="relu", output_activation="linear",
                                              loss="mse", init="he", seed=12)),
    ]
    for (n, m), dims, learning_rate, epochs, settings in cases:
        X = rng.standard_normal((n, m))
        Y = (X[:1] + X[1:2] ** 2 > 0.5).astype(float)
        if settings["loss"] == "mse":
            Y = np.sin(X[:1]) + 0.1 * X[1:2]
        given, originals = snapshot(X, Y), snapshot(X, Y)
        got = call(train_loop, *given, dims, learning_rate, epochs, name="train_loop",
                   allowed=ALLOWED["train_loop"], **settings)
        expect_unchanged("train_loop", given, originals)
        expect_training(f"train_loop on random data {X.shape} with layer_dims {dims}", got,
                        reference_train(X, Y, dims, learning_rate, epochs, **settings), epochs)


def check_fixed_to_columns_hidden(fixed_to_columns):
    """Random tables of two sizes (and three features), against a direct computation."""
    rng = random_inputs(62)
    for m, n in ((7, 2), (12, 3)):
        table = rng.integers(1, 13, (m, n)).astype(float)
        grades = rng.integers(30, 101, m).astype(float)
        given, originals = snapshot(table, grades), snapshot(table, grades)
        got = call(fixed_to_columns, *given, allowed=ALLOWED["fixed_to_columns"])
        expect_unchanged("fixed_to_columns", given, originals)
        expect_columns(f"fixed_to_columns(a random {m} x {n} table)", got, table, grades)
