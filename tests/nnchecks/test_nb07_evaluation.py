"""nnchecks.nb07_evaluation: passes on correct learner-style code, fails clearly on typical mistakes."""
import numpy as np
import pytest

import nnlib
from nnchecks import CheckFailed
from nnchecks import nb07_evaluation as checks
from nnchecks.hidden import nb07_evaluation as hidden_checks


# --------------------------------------------------------------------------- correct versions,
# written the way a learner would (not nnlib's function objects, which the watcher rejects)

def predict(X, parameters, hidden_activation, output_activation):
    AL, _ = nnlib.model_forward(X, parameters, hidden_activation, output_activation)
    if AL.shape[0] == 1:
        return (AL > 0.5).astype(int)
    return np.argmax(AL, axis=0).reshape(1, -1)


def accuracy(Y_pred, Y_true):
    if Y_true.shape[0] > 1:
        Y_true = np.argmax(Y_true, axis=0).reshape(1, -1)
    return float(np.mean(Y_pred == Y_true))


def confusion_matrix(y_true, y_pred, n_classes):
    C = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(np.ravel(y_true), np.ravel(y_pred)):
        C[int(t), int(p)] += 1
    return C


def train_test_split(X, Y, test_fraction, seed):
    m = X.shape[1]
    order = np.random.default_rng(seed).permutation(m)
    n_test = int(round(test_fraction * m))
    test, train = order[:n_test], order[n_test:]
    return X[:, train], Y[:, train], X[:, test], Y[:, test]


def train_test_split_choice(X, Y, test_fraction, seed):
    """Another correct split: a random choice of test columns, the rest kept in order."""
    m = X.shape[1]
    rng = np.random.default_rng(seed)
    test = rng.choice(m, size=int(round(test_fraction * m)), replace=False)
    train = np.setdiff1d(np.arange(m), test)
    return X[:, train], Y[:, train], X[:, test], Y[:, test]


def stub(*args, **kwargs):
    raise NotImplementedError()


CORRECT = {
    "predict_sigmoid": predict, "predict_softmax": predict,
    "accuracy_labels": accuracy, "accuracy_one_hot": accuracy,
    "confusion_matrix": confusion_matrix,
    "train_test_split_sizes": train_test_split, "train_test_split_seed": train_test_split,
}


def _checks(exercise):
    return getattr(checks, f"check_{exercise}"), getattr(hidden_checks, f"check_{exercise}_hidden")


@pytest.mark.parametrize("exercise", sorted(CORRECT))
def test_correct_implementations_pass(exercise):
    for check in _checks(exercise):
        check(CORRECT[exercise])


@pytest.mark.parametrize("exercise", ["train_test_split_sizes", "train_test_split_seed"])
def test_another_correct_split_passes(exercise):
    for check in _checks(exercise):
        check(train_test_split_choice)


@pytest.mark.parametrize("exercise", sorted(CORRECT))
def test_stub_says_not_implemented(exercise):
    for check in _checks(exercise):
        with pytest.raises(CheckFailed, match="not implemented yet"):
            check(stub)


# --------------------------------------------------------------------------- hand-offs to nnlib

def predict_via_nnlib(X, parameters, hidden_activation, output_activation):
    return nnlib.predict(X, parameters, hidden_activation, output_activation)


def accuracy_via_nnlib(Y_pred, Y_true):
    return nnlib.accuracy(Y_pred, Y_true)


def confusion_via_nnlib(y_true, y_pred, n_classes):
    return nnlib.confusion_matrix(y_true, y_pred, n_classes)


@pytest.mark.parametrize("exercise, fn", [
    ("predict_sigmoid", predict_via_nnlib), ("predict_softmax", predict_via_nnlib),
    ("accuracy_labels", accuracy_via_nnlib), ("accuracy_one_hot", accuracy_via_nnlib),
    ("confusion_matrix", confusion_via_nnlib),
])
def test_handing_the_work_to_nnlib_fails_both_checks(exercise, fn):
    name = fn.__name__.split("_via_")[0].replace("confusion", "confusion_matrix")
    for check in _checks(exercise):
        with pytest.raises(CheckFailed, match=f"^{name} calls nnlib.{name}: this exercise asks for your own implementation"):
            check(fn)


# --------------------------------------------------------------------------- predict mistakes

def predict_probabilities(X, parameters, hidden_activation, output_activation):
    AL, _ = nnlib.model_forward(X, parameters, hidden_activation, output_activation)
    return AL


def predict_flat(X, parameters, hidden_activation, output_activation):
    return predict(X, parameters, hidden_activation, output_activation).ravel()


def predict_boolean(X, parameters, hidden_activation, output_activation):
    AL, _ = nnlib.model_forward(X, parameters, hidden_activation, output_activation)
    return AL > 0.5 if AL.shape[0] == 1 else np.argmax(AL, axis=0).reshape(1, -1)


def predict_wrong_axis(X, parameters, hidden_activation, output_activation):
    AL, _ = nnlib.model_forward(X, parameters, hidden_activation, output_activation)
    return np.argmax(AL, axis=1).reshape(1, -1)


def predict_threshold_always(X, parameters, hidden_activation, output_activation):
    AL, _ = nnlib.model_forward(X, parameters, hidden_activation, output_activation)
    return (AL > 0.5).astype(int)


@pytest.mark.parametrize("check, fn, message", [
    (checks.check_predict_sigmoid, predict_probabilities, "not the probabilities"),
    (checks.check_predict_sigmoid, predict_flat, r"(?s)shape \(5,\).*\(1, m\)"),
    (checks.check_predict_sigmoid, predict_boolean, "integer class labels"),
    (checks.check_predict_softmax, predict_wrong_axis, "axis=0"),
    (checks.check_predict_softmax, predict_threshold_always, "argmax of each column"),
])
def test_predict_mistakes(check, fn, message):
    with pytest.raises(CheckFailed, match=message):
        check(fn)


def test_predict_that_mutates_its_input_fails():
    def predict_mutating(X, parameters, hidden_activation, output_activation):
        X *= 1.0
        parameters["W1"] += 0.0
        X[0, 0] = 99.0
        return predict(X, parameters, hidden_activation, output_activation)

    with pytest.raises(CheckFailed, match="in place"):
        checks.check_predict_sigmoid(predict_mutating)


# --------------------------------------------------------------------------- accuracy mistakes

def accuracy_percent(Y_pred, Y_true):
    return 100 * accuracy(Y_pred, Y_true)


def accuracy_ignores_one_hot(Y_pred, Y_true):
    return float(np.mean(Y_pred == Y_true))


def accuracy_per_example(Y_pred, Y_true):
    return (Y_pred == Y_true).astype(float)


@pytest.mark.parametrize("check, fn, message", [
    (checks.check_accuracy_labels, accuracy_percent, "not a percentage"),
    (checks.check_accuracy_labels, accuracy_per_example, "one number"),
    (checks.check_accuracy_one_hot, accuracy_ignores_one_hot, "one-hot"),
])
def test_accuracy_mistakes(check, fn, message):
    with pytest.raises(CheckFailed, match=message):
        check(fn)


# --------------------------------------------------------------------------- confusion mistakes

def confusion_transposed(y_true, y_pred, n_classes):
    return confusion_matrix(y_true, y_pred, n_classes).T


def confusion_fancy_index(y_true, y_pred, n_classes):
    C = np.zeros((n_classes, n_classes), dtype=int)
    C[np.ravel(y_true), np.ravel(y_pred)] += 1
    return C


def confusion_float(y_true, y_pred, n_classes):
    return confusion_matrix(y_true, y_pred, n_classes).astype(float)


def confusion_inferred_size(y_true, y_pred, n_classes):
    k = int(max(np.max(y_true), np.max(y_pred))) + 1
    return confusion_matrix(y_true, y_pred, k)


@pytest.mark.parametrize("fn, message", [
    (confusion_transposed, "transposed"),
    (confusion_fancy_index, "np.add.at"),
    (confusion_float, "integer counts"),
    (confusion_inferred_size, "never occurs"),
])
def test_confusion_matrix_mistakes(fn, message):
    with pytest.raises(CheckFailed, match=message):
        checks.check_confusion_matrix(fn)


# --------------------------------------------------------------------------- split mistakes

def split_unshuffled(X, Y, test_fraction, seed):
    m = X.shape[1]
    n_test = int(round(test_fraction * m))
    return X[:, n_test:], Y[:, n_test:], X[:, :n_test], Y[:, :n_test]


def split_unpaired(X, Y, test_fraction, seed):
    m = X.shape[1]
    rng = np.random.default_rng(seed)
    n_test = int(round(test_fraction * m))
    ox, oy = rng.permutation(m), rng.permutation(m)
    return X[:, ox[n_test:]], Y[:, oy[n_test:]], X[:, ox[:n_test]], Y[:, oy[:n_test]]


def split_overlapping(X, Y, test_fraction, seed):
    m = X.shape[1]
    rng = np.random.default_rng(seed)
    n_test = int(round(test_fraction * m))
    test, train = rng.permutation(m)[:n_test], rng.permutation(m)[n_test:]
    return X[:, train], Y[:, train], X[:, test], Y[:, test]


def split_sklearn_order(X, Y, test_fraction, seed):
    X_train, Y_train, X_test, Y_test = train_test_split(X, Y, test_fraction, seed)
    return X_train, X_test, Y_train, Y_test


def split_rows(X, Y, test_fraction, seed):
    X_train, Y_train, X_test, Y_test = train_test_split(X, Y, test_fraction, seed)
    return X_train.T, Y_train.T, X_test.T, Y_test.T


def split_ignores_seed(X, Y, test_fraction, seed):
    return train_test_split(X, Y, test_fraction, 123)


_global_rng = np.random.default_rng()


def split_unseeded(X, Y, test_fraction, seed):
    m = X.shape[1]
    order = _global_rng.permutation(m)
    n_test = int(round(test_fraction * m))
    return X[:, order[n_test:]], Y[:, order[n_test:]], X[:, order[:n_test]], Y[:, order[:n_test]]


def split_mutating(X, Y, test_fraction, seed):
    np.random.default_rng(seed).shuffle(X, axis=1)
    return train_test_split(X, Y, test_fraction, seed)


@pytest.mark.parametrize("check, fn, message", [
    (checks.check_train_test_split_sizes, split_unpaired, "SAME permutation"),
    (checks.check_train_test_split_sizes, split_overlapping, "appear twice"),
    (checks.check_train_test_split_sizes, split_sklearn_order, r"order \(X_train, Y_train, X_test, Y_test\)"),
    (checks.check_train_test_split_sizes, split_rows, "examples are columns"),
    (checks.check_train_test_split_sizes, split_mutating, "in place"),
    (checks.check_train_test_split_seed, split_unshuffled, "shuffle first"),
    (checks.check_train_test_split_seed, split_ignores_seed, "same test set"),
    (checks.check_train_test_split_seed, split_unseeded, "same seed must give the same split"),
    (hidden_checks.check_train_test_split_seed_hidden, split_unshuffled, "shuffle first"),
    (hidden_checks.check_train_test_split_seed_hidden, split_unseeded, "differs between two calls"),
])
def test_split_mistakes(check, fn, message):
    with pytest.raises(CheckFailed, match=message):
        check(fn)


def test_split_sizes_check_does_not_need_a_shuffle():
    # the sizes part grades sizes and pairing only; shuffling is graded by the seed part
    checks.check_train_test_split_sizes(split_unshuffled)
