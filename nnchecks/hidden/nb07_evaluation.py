"""Hidden checks for notebook 07: predict, accuracy and the confusion matrix against nnlib on
random inputs of two sizes; the split's properties for random sizes and seeds."""
import numpy as np

import nnlib
from nnlib.data import one_hot

from ..failures import fail
from ..nb07_evaluation import ALLOWED, expect_split, numbered_data, split_test_ids
from ..reference import compare_with_reference, random_inputs


# --------------------------------------------------------------------------- predict

def _network_args(output):
    def make_args(rng, dims):
        hidden = ("relu", "tanh")[int(rng.integers(2))]
        parameters = {}
        for l in range(1, len(dims)):
            parameters[f"W{l}"] = rng.standard_normal((dims[l], dims[l - 1]))
            parameters[f"b{l}"] = rng.standard_normal((dims[l], 1)) * 0.5
        X = rng.standard_normal((dims[0], int(rng.integers(20, 60))))
        return X, parameters, hidden, output
    return make_args


def check_predict_sigmoid_hidden(fn):
    compare_with_reference(fn, nnlib.predict, _network_args("sigmoid"), name="predict",
                           sizes=[(3, 4, 1), (6, 8, 5, 1)], seed=701, allowed=ALLOWED["predict"])


def check_predict_softmax_hidden(fn):
    compare_with_reference(fn, nnlib.predict, _network_args("softmax"), name="predict",
                           sizes=[(3, 4, 3), (6, 8, 5, 10)], seed=702, allowed=ALLOWED["predict"])


# --------------------------------------------------------------------------- accuracy and confusion matrix

def _label_args(rng, size):
    k, m = size
    pred = rng.integers(0, k, size=(1, m))
    true = np.where(rng.random((1, m)) < 0.6, pred, rng.integers(0, k, size=(1, m)))
    return pred, true


def _one_hot_args(rng, size):
    k, m = size
    pred, true = _label_args(rng, size)
    return pred, one_hot(true, k)


def check_accuracy_labels_hidden(fn):
    compare_with_reference(fn, nnlib.accuracy, _label_args, name="accuracy",
                           sizes=[(2, 9), (10, 300)], seed=711, allowed=ALLOWED["accuracy"])


def check_accuracy_one_hot_hidden(fn):
    compare_with_reference(fn, nnlib.accuracy, _one_hot_args, name="accuracy",
                           sizes=[(3, 9), (10, 300)], seed=712, allowed=ALLOWED["accuracy"])


def _confusion_args(rng, size):
    k, m = size
    true, pred = _label_args(rng, size)
    return true, pred, k


def check_confusion_matrix_hidden(fn):
    compare_with_reference(fn, nnlib.confusion_matrix, _confusion_args, name="confusion_matrix",
                           sizes=[(3, 20), (10, 500)], seed=721, allowed=ALLOWED["confusion_matrix"])


# --------------------------------------------------------------------------- train/test split

def check_train_test_split_sizes_hidden(fn):
    rng = random_inputs(731)
    for m, fraction in ((37, 0.2), (200, 0.25)):
        X, Y = numbered_data(m, n_features=int(rng.integers(2, 6)), n_out=int(rng.integers(1, 4)))
        expect_split(fn, X, Y, fraction, int(rng.integers(1000)))


def check_train_test_split_seed_hidden(fn):
    rng = random_inputs(732)
    X, Y = numbered_data(60)
    seed = int(rng.integers(1000))
    a, b = expect_split(fn, X, Y, 0.5, seed), expect_split(fn, X, Y, 0.5, seed)
    for label, x, y in zip(("X_train", "Y_train", "X_test", "Y_test"), a, b):
        if not np.array_equal(x, y):
            fail(f"{label} differs between two calls with seed={seed}")
    tests = {split_test_ids(expect_split(fn, X, Y, 0.5, s)) for s in (seed + 1, seed + 2, seed + 3)}
    if tests & {tuple(range(30)), tuple(range(30, 60))}:
        fail("the test set is the first or last half of the columns in order: shuffle first")
    if len(tests) == 1:
        fail("three different seeds gave the same test set")
