"""nnchecks.nb09_capstone: passes on correct learner-style code, fails clearly on typical mistakes.

The build_and_train checks are run on a small synthetic data set (monkeypatched in place of
MNIST) so that these tests take well under a second; the real digits are trained on when the
notebook itself is executed (tests of solutions/ with nbval).
"""
import tempfile
import traceback
from pathlib import Path

import numpy as np
import pytest

import nnlib
from nnchecks import CheckFailed
from nnchecks import nb09_capstone as checks
from nnchecks.hidden import nb09_capstone as hidden_checks
from nnlib.data import one_hot


# --------------------------------------------------------------------------- from_kaggle_rows

KAGGLE_HEADER = ",".join(["label", *(f"pixel{i}" for i in range(784))])


def _write_kaggle_csv(path, table):
    np.savetxt(path, table, fmt="%d", delimiter=",", comments="", header=KAGGLE_HEADER)


def from_kaggle_rows(table):
    labels = table[:, 0]
    X = np.transpose(table[:, 1:]) / 255.0
    Y = one_hot(labels, 10)
    return X, Y


def test_from_kaggle_rows_passes():
    checks.check_from_kaggle_rows(from_kaggle_rows)
    hidden_checks.check_from_kaggle_rows_hidden(from_kaggle_rows)


def test_from_kaggle_rows_agrees_with_load_mnist_csv():
    X, Y = nnlib.data.load_mnist("test")
    table = np.column_stack([Y.argmax(axis=0)[:20], np.rint(X[:, :20].T * 255).astype(np.int64)])
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "train.csv"
        _write_kaggle_csv(path, table)
        X_csv, Y_csv = nnlib.data.load_mnist_csv(path)
    X_ref, Y_ref = checks.reference_from_kaggle_rows(table)
    np.testing.assert_allclose(X_ref, X_csv)
    np.testing.assert_array_equal(Y_ref, Y_csv)


@pytest.mark.parametrize("wrong, match", [
    (lambda t: (t[:, 1:] / 255.0, one_hot(t[:, 0], 10)), "one digit per ROW"),
    (lambda t: (t.T / 255.0, one_hot(t[:, 0], 10)), "label column"),
    (lambda t: (t[:, 1:].T.astype(float), one_hot(t[:, 0], 10)), "divide by 255"),
    (lambda t: (t[:, 1:].T / 255.0, t[:, 0].reshape(1, -1)), "one-hot"),
    (lambda t: t[:, 1:].T / 255.0, "tuple"),
    (lambda t: (t[:, 1:].reshape(784, t.shape[0]) / 255.0, one_hot(t[:, 0], 10)),
     "^X is the pixel block reshaped to \\(784, 3\\), not transposed.*\nHint: reshape\\(784, m\\) keeps the numbers"),
    (lambda t: (t[:, 1:].reshape(784, -1), one_hot(t[:, 0], 10)), "not transposed"),
])
def test_from_kaggle_rows_wrong(wrong, match):
    with pytest.raises(CheckFailed, match=match):
        checks.check_from_kaggle_rows(wrong)


def test_from_kaggle_rows_mutating_input():
    def mutating(table):
        X, Y = from_kaggle_rows(table)
        table[:, 0] = 0
        return X, Y

    with pytest.raises(CheckFailed, match="changed its input"):
        checks.check_from_kaggle_rows(mutating)


def test_from_kaggle_rows_hand_off_to_load_mnist_csv():
    def via_nnlib(table):
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "t.csv"
            _write_kaggle_csv(path, table)
            return nnlib.data.load_mnist_csv(path)

    message = "^from_kaggle_rows calls nnlib.data.load_mnist_csv: this exercise asks for your own implementation$"
    for check in (checks.check_from_kaggle_rows, hidden_checks.check_from_kaggle_rows_hidden):
        with pytest.raises(CheckFailed, match=message):  # right values, not its own work
            check(via_nnlib)


def test_from_kaggle_rows_stub():
    def stub(table):
        raise NotImplementedError()

    with pytest.raises(CheckFailed, match="not implemented"):
        checks.check_from_kaggle_rows(stub)


# --------------------------------------------------------------------------- misclassified

def misclassified(X, Y, parameters, hidden_activation="relu", output_activation="softmax"):
    L = len(parameters) // 2
    A = X
    for l in range(1, L + 1):
        Z = parameters[f"W{l}"] @ A + parameters[f"b{l}"]
        A = nnlib.get_activation(hidden_activation if l < L else output_activation)[0](Z)
    return np.nonzero(A.argmax(axis=0) != Y.argmax(axis=0))[0]


def test_misclassified_passes():
    checks.check_misclassified(misclassified)
    hidden_checks.check_misclassified_hidden(misclassified)


def test_misclassified_matches_nnlib_predict_on_mnist_shapes():
    X, Y, parameters, expected = checks._misclassified_example()
    np.testing.assert_array_equal(checks.reference_misclassified(X, Y, parameters), expected)


@pytest.mark.parametrize("wrong, match", [
    (lambda X, Y, p, h="relu", o="softmax":
     nnlib.predict(X, p, h, o).ravel() != Y.argmax(axis=0), "boolean mask"),
    (lambda X, Y, p, h="relu", o="softmax":
     np.argwhere(nnlib.predict(X, p, h, o) != Y.argmax(axis=0)), "1-D"),
    (lambda X, Y, p, h="relu", o="softmax":
     np.flatnonzero(nnlib.predict(X, p, h, o).ravel() == Y.argmax(axis=0)), "expected \\[3, 5\\]"),
    (lambda X, Y, p, h="relu", o="softmax":
     np.flatnonzero(nnlib.predict(X, p, h, o).ravel() != Y.argmax(axis=0))[::-1], "ascending"),
    (lambda X, Y, p, h="relu", o="softmax":
     list(np.flatnonzero(nnlib.predict(X, p, h, o).ravel() != Y.argmax(axis=0))), "numpy array"),
    (lambda X, Y, p, h="relu", o="softmax":
     np.flatnonzero(nnlib.predict(X, p, h, o).ravel() != Y.argmax(axis=0)).astype(float), "integer"),
])
def test_misclassified_wrong(wrong, match):
    with pytest.raises(CheckFailed, match=match):
        checks.check_misclassified(wrong)


def test_misclassified_ignoring_hidden_activation():
    def relu_only(X, Y, parameters, hidden_activation="relu", output_activation="softmax"):
        return misclassified(X, Y, parameters, "relu", output_activation)

    checks.check_misclassified(relu_only)  # the hand-checked network has no hidden layer
    with pytest.raises(CheckFailed, match="random inputs"):
        hidden_checks.check_misclassified_hidden(relu_only)


def test_misclassified_mutating_input():
    def mutating(X, Y, parameters, hidden_activation="relu", output_activation="softmax"):
        wrong = misclassified(X, Y, parameters, hidden_activation, output_activation)
        Y[:] = 0
        return wrong

    with pytest.raises(CheckFailed, match="changed its input"):
        checks.check_misclassified(mutating)


def test_misclassified_stub():
    def stub(X, Y, parameters, hidden_activation="relu", output_activation="softmax"):
        raise NotImplementedError()

    with pytest.raises(CheckFailed, match="not implemented"):
        checks.check_misclassified(stub)


# --------------------------------------------------------------------------- build_and_train

def _blobs(m, seed, background=0.0, contrast=0.8, noise=0.5):
    """Ten well-separated classes of 784 'pixels' in [0, 1], examples as columns, float32."""
    prototypes = np.random.default_rng(99).random((784, 10)) < 0.3
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 10, size=m)
    X = np.clip(background + prototypes[:, labels] * contrast + rng.random((784, m)) * noise, 0, 1)
    return X.astype(np.float32), one_hot(labels, 10, dtype=np.float32)


@pytest.fixture
def small_data(monkeypatch):
    """Replace MNIST by 400 + 200 synthetic examples and forget earlier trainings."""
    data = (*_blobs(400, 1), *_blobs(200, 2))
    monkeypatch.setattr(checks, "_mnist", lambda: tuple(a.copy() for a in data))
    monkeypatch.setattr(checks, "_trained", {})
    return data


@pytest.fixture
def grey_data(monkeypatch):
    """Like small_data, on a grey background (0.5) with faint classes: a network trained on
    standardised digits (the background made 0) then does no better than chance on raw ones."""
    data = (*_blobs(400, 1, 0.5, 0.05, 0.2), *_blobs(200, 2, 0.5, 0.05, 0.2))
    monkeypatch.setattr(checks, "_mnist", lambda: tuple(a.copy() for a in data))
    monkeypatch.setattr(checks, "_trained", {})
    return data


def _honest(X_train, Y_train):
    """A quick learner: the nearest class mean, as a 784-10-10 relu/softmax network.

    Unit k of the hidden layer scores mean_k . x - |mean_k|^2 / 2 (+ a constant that keeps it
    positive, so the ReLU passes it unchanged); the output layer copies the scores.
    """
    means = (X_train @ Y_train.T / Y_train.sum(axis=1)).T  # (10, 784)
    b1 = -0.5 * np.sum(means**2, axis=1, keepdims=True) + 1000.0
    parameters = {"W1": means, "b1": b1, "W2": np.eye(10, dtype=np.float32),
                  "b2": np.zeros((10, 1), dtype=np.float32)}
    return parameters, "relu", "softmax"


def test_build_and_train_passes(small_data, capsys):
    calls = []

    def build_and_train(X_train, Y_train):
        calls.append(X_train.shape)
        return _honest(X_train, Y_train)

    checks.check_build_and_train(build_and_train)
    hidden_checks.check_build_and_train_hidden(build_and_train)
    checks.check_build_and_train_target(build_and_train)
    hidden_checks.check_build_and_train_hidden(build_and_train)
    assert calls == [(784, 400), (784, 400)]  # once with the real names, once relabelled
    lines = capsys.readouterr().out.splitlines()  # one line per visible check, none from hidden ones
    assert [line.split(";")[0] for line in lines] == ["\u2713 build_and_train: the visible checks pass",
                                                      "\u2713 build_and_train (target): the visible checks pass"]
    assert all("test digits right" in line for line in lines)


def test_build_and_train_stash_trained_on_test_data(small_data):
    X_test, Y_test = small_data[2], small_data[3]
    stash = _honest(X_test, Y_test)

    def build_and_train(X_train, Y_train):
        return stash

    checks.check_build_and_train_target(build_and_train)  # looks perfect ...
    with pytest.raises(CheckFailed, match="does not learn from the X_train, Y_train"):
        hidden_checks.check_build_and_train_hidden(build_and_train)


def test_build_and_train_loading_data_itself(small_data):
    def build_and_train(X_train, Y_train):
        X, Y = nnlib.data.load_mnist("test", dtype=np.float32)
        return _honest(X_train, Y_train)

    with pytest.raises(CheckFailed, match="loaded MNIST itself .it called nnlib.data.s load_mnist"):
        checks.check_build_and_train(build_and_train)


def test_build_and_train_reading_the_csv_itself(small_data, tmp_path):
    _write_kaggle_csv(tmp_path / "train.csv", np.zeros((2, 785), dtype=int))

    def build_and_train(X_train, Y_train):
        nnlib.data.load_mnist_csv(tmp_path / "train.csv")
        return _honest(X_train, Y_train)

    with pytest.raises(CheckFailed, match="loaded MNIST itself .it called nnlib.data.s load_mnist_csv"):
        checks.check_build_and_train(build_and_train)


def test_build_and_train_may_use_nnlib_but_only_its_public_functions(small_data):
    from nnlib import diagnostics

    def build_and_train(X_train, Y_train):
        parameters, hidden, output = _honest(X_train, Y_train)
        nnlib.predict(X_train, parameters, hidden, output)  # public: fine
        X = nnlib.data.one_hot(Y_train.argmax(axis=0), 10)  # allowed too
        diagnostics.gradient_norms({"dW1": X})  # not a name of nnlib
        return parameters, hidden, output

    with pytest.raises(CheckFailed, match="^build_and_train calls nnlib.diagnostics.gradient_norms: it may use "
                                          "nnlib's public functions"):
        checks.check_build_and_train(build_and_train)


@pytest.mark.parametrize("result, match", [
    (lambda p: (p, {"cost": []}), "returned 2 items"),
    (lambda p: p, "should return a tuple"),
    (lambda p: (p, "relux", "softmax"), "hidden_activation is 'relux'"),
    (lambda p: ({k.lower(): v for k, v in p.items()}, "relu", "softmax"), "case-sensitive"),
    (lambda p: ({**p, "W2": p["W2"][:5], "b2": p["b2"][:5]}, "relu", "softmax"), "expected 10"),
    (lambda p: ({**p, "W1": p["W1"].T}, "relu", "softmax"), "has shape \\(784, 10\\).*784 columns"),
    (lambda p: ({**p, "W1": p["W1"] * np.nan}, "relu", "softmax"), "inf or nan"),
    (lambda p: ({**p, "b1": p["b1"].T}, "relu", "softmax"), "expected \\(10, 1\\), one bias per unit"),
    (lambda p: ({**p, "W1": p["W1"].tolist()}, "relu", "softmax"), "2-D float numpy array"),
])
def test_build_and_train_bad_result(small_data, result, match):
    def build_and_train(X_train, Y_train):
        return result(_honest(X_train, Y_train)[0])

    with pytest.raises(CheckFailed, match=match):
        checks.check_build_and_train(build_and_train)


def test_build_and_train_too_weak(small_data):
    def build_and_train(X_train, Y_train):
        return nnlib.initialize_parameters([784, 10], "he", seed=0), "relu", "softmax"

    match = "(?s)of the 200 test digits.*needs at least 88%.*try more hidden units"
    with pytest.raises(CheckFailed, match=match):
        checks.check_build_and_train(build_and_train)


def test_build_and_train_over_budget(small_data, monkeypatch):
    monkeypatch.setattr(checks, "TIME_BUDGET", -1.0)
    calls = []

    def build_and_train(X_train, Y_train):
        calls.append(1)
        return _honest(X_train, Y_train)

    with pytest.raises(CheckFailed, match="budget"):
        checks.check_build_and_train(build_and_train)
    with pytest.raises(CheckFailed, match="budget"):  # the failure is remembered, not retrained
        checks.check_build_and_train_target(build_and_train)
    assert len(calls) == 1


def test_charged_time_is_the_smaller():
    assert checks._charged(30.0, 4.0) == 4.0  # busy machine: waited, little work
    assert checks._charged(2.0, 6.0) == 2.0  # three BLAS threads


def test_build_and_train_mutating_input(small_data):
    def build_and_train(X_train, Y_train):
        X_train *= 2
        return _honest(X_train, Y_train)

    with pytest.raises(CheckFailed, match="changed its input"):
        checks.check_build_and_train(build_and_train)


def test_build_and_train_stub(small_data):
    def build_and_train(X_train, Y_train):
        raise NotImplementedError()

    with pytest.raises(CheckFailed, match="not implemented"):
        checks.check_build_and_train(build_and_train)
    with pytest.raises(CheckFailed, match="not implemented"):
        checks.check_build_and_train_target(build_and_train)


def test_relabel_has_no_fixed_point():
    assert sorted(checks.RELABEL) == list(range(10))
    assert not np.any(checks.RELABEL == np.arange(10))


@pytest.mark.parametrize("step, named", [
    (lambda X: X * 255, "multiplied by 255"),
    (lambda X: (X - X.mean(axis=1, keepdims=True)) / (X.std(axis=1, keepdims=True) + 1e-8),
     "standardised pixel by pixel"),
])
def test_build_and_train_on_changed_digits_is_told_so_not_to_tune(grey_data, step, named):
    def build_and_train(X_train, Y_train):
        return _honest(step(X_train), Y_train)

    with pytest.raises(CheckFailed) as caught:
        checks.check_build_and_train(build_and_train)
    message = str(caught.value)
    assert message.startswith("build_and_train: the 784-10-10 relu/softmax network classifies ")
    hint = message.split("\nHint: ")[1]
    assert hint.startswith("the same network gets 100.0% of them right when they are " + named)
    assert "train on X_train as it is given" in hint and "more hidden units" not in hint



# --------------------------------------------------------------------------- graded_network

def test_graded_network_is_the_network_the_test_cells_trained(small_data):
    calls = []

    def build_and_train(X_train, Y_train):
        calls.append(X_train.shape)
        return _honest(X_train, Y_train)

    checks.check_build_and_train(build_and_train)
    parameters, hidden, output = checks.graded_network(build_and_train)
    assert calls == [(784, 400)]  # not trained again for the demonstration
    expected, *_ = _honest(small_data[0], small_data[1])
    assert (hidden, output) == ("relu", "softmax")
    assert sorted(parameters) == sorted(expected)
    for key in expected:
        np.testing.assert_array_equal(parameters[key], expected[key])
    parameters["W1"][:] = 0  # a copy: the graded network stays as it was
    assert checks.train_once(build_and_train, relabelled=False)["parameters"]["W1"].any()


def test_graded_network_trains_once_when_the_test_cells_have_not_run(small_data):
    calls = []

    def build_and_train(X_train, Y_train):
        calls.append(1)
        return _honest(X_train, Y_train)

    checks.graded_network(build_and_train)
    checks.check_build_and_train(build_and_train)  # the same training, watched and timed, once
    assert calls == [1]


def test_graded_network_raises_the_learners_own_error(small_data):
    def build_and_train(X_train, Y_train):
        raise ValueError("deliberate")

    with pytest.raises(CheckFailed):
        checks.check_build_and_train(build_and_train)
    with pytest.raises(ValueError, match="deliberate") as caught:
        checks.graded_network(build_and_train)
    codes = [frame.f_code for frame, _ in traceback.walk_tb(caught.value.__traceback__)]
    assert build_and_train.__code__ in codes  # so that `demonstrating` names the function


def test_graded_network_reports_a_check_failure_as_one(small_data):
    def build_and_train(X_train, Y_train):
        return {"w1": np.zeros((10, 784))}, "relu", "softmax"

    with pytest.raises(CheckFailed, match="keys are case-sensitive"):
        checks.graded_network(build_and_train)
