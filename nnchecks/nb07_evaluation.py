"""Checks for notebook 07 (prediction and evaluation): predict, accuracy, confusion matrix and
the train/test split.

``check_<exercise>(fn)`` runs a small hand-checked case and says what is wrong; the hidden
checks (:mod:`nnchecks.hidden.nb07_evaluation`) compare ``fn`` with nnlib on random inputs of two
sizes. Both fail if ``fn`` calls an nnlib function its exercise does not allow (:data:`ALLOWED`).
The split has no nnlib counterpart: its checks test the properties the notebook states (sizes,
columns kept together, every example used once, reproducible for a seed, shuffled) rather than
one particular permutation.
"""
import numpy as np

import nnlib

from .calling import call_on_copies
from .compare import expect_array, expect_close
from .failures import fail, passed
from .nb02_forward import ALLOWED as FORWARD_ALLOWED

#: The nnlib functions each exercise may call: predict runs nnlib's forward pass (model_forward,
#: or what notebook 02's model_forward may use) and turns AL into labels itself; the rest is numpy.
ALLOWED = {"predict": (nnlib.model_forward, *FORWARD_ALLOWED["model_forward"]), "accuracy": (),
           "confusion_matrix": (), "train_test_split": ()}


# --------------------------------------------------------------------------- helpers

def _expect_integer_labels(name, got, expected, hint=None):
    """Labels: an integer ndarray of ``expected``'s shape and values."""
    expect_array(name, got, expected, hint=hint)
    if got.dtype.kind not in "iu":
        fail(f"{name} has dtype {got.dtype}; expected integer class labels",
             "convert with .astype(int): (AL > 0.5) is boolean, and labels index arrays later")


def _labels_shape_hint(got, m):
    if isinstance(got, np.ndarray) and got.shape == (m,):
        return "keep the labels as a row of shape (1, m): .reshape(1, -1) or keepdims=True"
    return None


# --------------------------------------------------------------------------- predict

def _sigmoid_network():
    """One sigmoid unit on two features: a = sigmoid(2 x1 - x2 + 0.5), worked by hand below."""
    X = np.array([[1.0, -1.0, 0.0, 2.0, 0.5],
                  [1.0, 1.0, 2.0, 0.0, 3.0]])
    parameters = {"W1": np.array([[2.0, -1.0]]), "b1": np.array([[0.5]])}
    # Z = [1.5, -2.5, -1.5, 4.5, -1.5]: positive -> a > 0.5 -> label 1
    labels = np.array([[1, 0, 0, 1, 0]])
    return X, parameters, labels


def _softmax_network():
    """A 2-3-3 ReLU/softmax network whose largest output row is known for each example."""
    X = np.array([[1.0, 0.0, -1.0, 2.0],
                  [0.0, 1.0, 1.0, -1.0]])
    parameters = {
        "W1": np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]]),
        "b1": np.zeros((3, 1)),
        "W2": np.array([[3.0, 0.0, 0.0], [0.0, 3.0, 0.0], [0.0, 0.0, 3.0]]),
        "b2": np.array([[0.0], [0.5], [0.2]]),
    }
    # A1 = relu(W1 X) = [[1,0,0,2],[0,1,1,0],[0,0,0,0]]; Z2 = 3 A1 + b2 -> argmax rows [0,1,1,0]
    labels = np.array([[0, 1, 1, 0]])
    return X, parameters, labels


def check_predict_sigmoid(fn):
    """One sigmoid output unit: label 1 where the output is above 0.5, as a (1, m) integer row."""
    X, parameters, labels = _sigmoid_network()
    got = call_on_copies(fn, "predict", X, parameters, "relu", "sigmoid", allowed=ALLOWED["predict"])
    hint = _labels_shape_hint(got, X.shape[1]) or (
        "one sigmoid unit: AL has shape (1, m); the label is 1 where AL > 0.5, else 0")
    if isinstance(got, np.ndarray) and got.shape == labels.shape and got.dtype.kind == "f" \
            and not np.isin(got, (0, 1)).all():
        hint = "return labels 0/1, not the probabilities AL: compare AL with 0.5"
    _expect_integer_labels("predict(X, parameters, 'relu', 'sigmoid')", got, labels, hint)
    passed("predict (sigmoid output)")


def check_predict_softmax(fn):
    """Softmax outputs: the label of each column is the row with the largest probability."""
    X, parameters, labels = _softmax_network()
    got = call_on_copies(fn, "predict", X, parameters, "relu", "softmax", allowed=ALLOWED["predict"])
    hint = _labels_shape_hint(got, X.shape[1]) or (
        "several output units: the label is the index of the largest entry of each column, "
        "np.argmax(AL, axis=0)")
    if isinstance(got, np.ndarray) and got.shape == (1, 3):
        hint = "argmax over axis=0 (the rows, one per class), not axis=1 (the examples)"
    if isinstance(got, np.ndarray) and got.shape == (3, 4):
        hint = "with several output units take the argmax of each column; the 0.5 threshold is for one unit"
    _expect_integer_labels("predict(X, parameters, 'relu', 'softmax')", got, labels, hint)
    passed("predict (softmax output)")


# --------------------------------------------------------------------------- accuracy

def check_accuracy_labels(fn):
    """Labels against labels: the fraction of equal entries, a number in [0, 1]."""
    Y_pred = np.array([[0, 1, 1, 0, 1]])
    Y_true = np.array([[0, 1, 0, 0, 1]])
    got = call_on_copies(fn, "accuracy", Y_pred, Y_true, allowed=ALLOWED["accuracy"])
    if isinstance(got, np.ndarray) and got.size > 1:
        fail(f"accuracy returned an array of shape {got.shape}; expected one number",
             "take the mean of (Y_pred == Y_true) over all examples")
    expect_close("accuracy([[0,1,1,0,1]], [[0,1,0,0,1]])", got, 0.8,
                 hint="4 of the 5 labels agree: 4 / 5 = 0.8 (a fraction, not a percentage)")
    got = call_on_copies(fn, "accuracy", np.array([[2, 2, 0, 1]]), np.array([[2, 2, 0, 1]]),
                         allowed=ALLOWED["accuracy"])
    expect_close("accuracy of four correct labels", got, 1.0)
    passed("accuracy (labels)")


def check_accuracy_one_hot(fn):
    """Y_true given as one-hot columns (k, m) is turned into labels before comparing."""
    Y_pred = np.array([[2, 0, 1, 1]])
    Y_true = np.array([[0.0, 1.0, 0.0, 0.0],   # true labels [2, 0, 1, 2]
                       [0.0, 0.0, 1.0, 0.0],
                       [1.0, 0.0, 0.0, 1.0]])
    got = call_on_copies(fn, "accuracy", Y_pred, Y_true, allowed=ALLOWED["accuracy"])
    if isinstance(got, np.ndarray) and got.size > 1:
        fail(f"accuracy returned an array of shape {got.shape}; expected one number")
    expect_close("accuracy(labels [[2, 0, 1, 1]], one-hot Y_true of labels [2, 0, 1, 2])", got, 0.75,
                 hint="Y_true has 3 rows, so it is one-hot: its labels are np.argmax(Y_true, axis=0); "
                      "comparing (1, m) labels with a (k, m) array broadcasts to the wrong thing")
    passed("accuracy (one-hot Y_true)")


# --------------------------------------------------------------------------- confusion matrix

def check_confusion_matrix(fn):
    """Rows true class, columns predicted class; repeated pairs all counted; unused classes kept."""
    y_true = np.array([[0, 0, 0, 1, 1, 2, 2, 2, 2, 0]])
    y_pred = np.array([[0, 0, 1, 1, 2, 2, 2, 0, 2, 0]])
    expected = np.array([[3, 1, 0, 0],
                         [0, 1, 1, 0],
                         [1, 0, 3, 0],
                         [0, 0, 0, 0]])  # class 3 never occurs: its row and column stay 0
    got = call_on_copies(fn, "confusion_matrix", y_true, y_pred, 4, allowed=ALLOWED["confusion_matrix"])
    hint = "C[i, j] counts the examples of true class i that were predicted as class j"
    if isinstance(got, np.ndarray) and got.shape == (3, 3):
        hint = "the matrix is n_classes x n_classes even when a class never occurs (here n_classes=4)"
    elif isinstance(got, np.ndarray) and got.shape == expected.shape:
        if np.array_equal(got, expected.T):
            hint = "rows are the TRUE classes and columns the PREDICTED ones: your matrix is transposed"
        elif np.array_equal(got, (expected > 0).astype(got.dtype)):
            hint = ("every repeated (true, predicted) pair counted once: `C[y_true, y_pred] += 1` with "
                    "index arrays adds 1 only once per distinct pair; loop over the examples or use "
                    "np.add.at(C, (y_true, y_pred), 1)")
    expect_array("confusion_matrix(y_true, y_pred, 4)", got, expected, hint=hint)
    if got.dtype.kind not in "iu":
        fail(f"confusion_matrix returned dtype {got.dtype}; expected integer counts",
             "create the matrix with np.zeros((n_classes, n_classes), dtype=int)")
    passed("confusion_matrix")


# --------------------------------------------------------------------------- train/test split

def numbered_data(m, n_features=3, n_out=2):
    """Columns that say where they came from: X[0, i] = i, Y[0, i] = i + 1000."""
    i = np.arange(m, dtype=np.float64)
    X = np.vstack([i] + [i * (r + 2) + 0.5 for r in range(n_features - 1)])
    Y = np.vstack([i + 1000] + [-i] * (n_out - 1))
    return X, Y


def expect_split(fn, X, Y, test_fraction, seed):
    """One call, checked: four arrays of the right sizes that partition and keep the columns."""
    name = f"train_test_split(X, Y, test_fraction={test_fraction}, seed={seed})"
    got = call_on_copies(fn, "train_test_split", X, Y, test_fraction, seed, allowed=ALLOWED["train_test_split"])
    order = "(X_train, Y_train, X_test, Y_test)"
    if not isinstance(got, (tuple, list)):
        fail(f"{name} should return a tuple {order}, got {type(got).__name__}")
    if len(got) != 4:
        fail(f"{name} returned {len(got)} items; expected 4: {order}")
    m = X.shape[1]
    n_test = int(round(test_fraction * m))
    shapes = {"X_train": (X.shape[0], m - n_test), "Y_train": (Y.shape[0], m - n_test),
              "X_test": (X.shape[0], n_test), "Y_test": (Y.shape[0], n_test)}
    for (label, shape), array in zip(shapes.items(), got):
        if not isinstance(array, np.ndarray):
            fail(f"{label} should be a numpy array, got {type(array).__name__}")
        if array.shape != shape:
            hint = f"n_test = round(test_fraction * m) = round({test_fraction} * {m}) = {n_test} columns " \
                   f"go to the test set, the other {m - n_test} to the training set; " \
                   f"return them in the order {order}"
            if array.shape[::-1] == shape:
                hint = "examples are columns: select columns, X[:, idx], not rows"
            fail(f"{label} has shape {array.shape}; expected {shape}", hint)
    X_train, Y_train, X_test, Y_test = got
    for part, Xp, Yp in (("training", X_train, Y_train), ("test", X_test, Y_test)):
        ids = Xp[0]
        if not np.array_equal(Yp[0], ids + 1000):
            fail(f"the {part} set's Y columns do not belong to its X columns",
                 "shuffle X and Y with the SAME permutation of the column indices")
        known = (ids >= 0) & (ids < m) & (ids == np.round(ids))
        if not known.all() or not np.array_equal(Xp, X[:, ids.astype(int)]) \
                or not np.array_equal(Yp, Y[:, ids.astype(int)]):
            fail(f"the {part} set holds columns that are not columns of X and Y",
                 "move whole columns: X[:, idx] keeps each example's features together")
    used = np.concatenate([X_train[0], X_test[0]]).astype(int)
    if not np.array_equal(np.sort(used), np.arange(m)):
        repeated = int(len(used) - len(np.unique(used)))
        fail(f"{repeated} example(s) appear twice across the two sets (and as many are missing)",
             "split ONE permutation of range(m): its first n_test indices are the test set, the "
             "rest the training set; two independent draws overlap")
    return got


def check_train_test_split_sizes(fn):
    """Sizes round(test_fraction * m), X and Y columns kept together, every example used once."""
    X, Y = numbered_data(20)
    expect_split(fn, X, Y, 0.25, 0)
    X, Y = numbered_data(10, n_features=2, n_out=1)
    expect_split(fn, X, Y, 0.3, 7)
    passed("train_test_split (sizes)")


def split_test_ids(split):
    """The example numbers (X[0]) of a split's test set, as a tuple."""
    return tuple(int(i) for i in split[2][0])


def check_train_test_split_seed(fn):
    """Same seed, same split; the split is random (not simply the first or last columns)."""
    X, Y = numbered_data(20)
    first = expect_split(fn, X, Y, 0.25, 3)
    again = expect_split(fn, X, Y, 0.25, 3)
    if split_test_ids(first) != split_test_ids(again) or \
            tuple(int(i) for i in first[0][0]) != tuple(int(i) for i in again[0][0]):
        fail("two calls with seed=3 gave different splits; the same seed must give the same split",
             "draw the permutation from np.random.default_rng(seed), not from an unseeded generator")
    tests = {split_test_ids(expect_split(fn, X, Y, 0.25, seed)) for seed in range(5)}
    if tests <= {tuple(range(5)), tuple(range(15, 20))}:
        fail("the test set is just the first or last columns in their original order: shuffle first",
             "data often arrive sorted (by class, by date); order = rng.permutation(m) mixes them")
    if len(tests) == 1:
        fail("seeds 0, 1, 2, 3 and 4 all gave the same test set; different seeds should shuffle "
             "differently", "pass the seed to np.random.default_rng(seed)")
    passed("train_test_split (seeds)")
