"""Checks for notebook 09 (capstone: MNIST from scratch).

``check_<exercise>(fn)`` runs a small hand-checked case and says what is wrong; the hidden
checks (:mod:`nnchecks.hidden.nb09_capstone`) compare ``fn`` with a reference on random inputs
of two sizes. Both allow only the nnlib functions of :data:`ALLOWED`.

``build_and_train`` is graded differently: the check itself calls it with the 4,000 training
digits only (copies, watched so that it cannot load MNIST itself, within a time budget) and
scores the network it returns on the 1,000 held-out test digits with ``nnlib.predict``. The
hidden check trains it once more on the same digits with the class names shuffled (every 0
called 3, ...): a function that really learns from its arguments reaches about the same
accuracy; one that returns a network trained earlier, or on the test digits, does not.
Each training is done once per function object and remembered, so the two graded cells of
the exercise do not train twice, and the demonstration cell after them shows the network they
graded (:func:`graded_network`) instead of training it a third time.
"""
import copy
import inspect
import time
import traceback

import numpy as np

import nnlib
from nnlib.data import load_mnist, load_mnist_csv, one_hot

from .calling import call
from .compare import expect_array, expect_unchanged, snapshot
from .failures import CheckFailed, fail, passed
from .mistakes import matches
from .nb07_evaluation import ALLOWED as EVALUATION_ALLOWED
from .watching import watching

#: The nnlib functions each exercise may call: the conversion may use one_hot (not the CSV
#: loader); misclassified nnlib.predict (or what notebook 07's predict may use); build_and_train
#: any public function of nnlib, and one_hot, but no loader: it learns from the digits it is given.
ALLOWED = {"from_kaggle_rows": (one_hot,),
           "misclassified": (nnlib.predict, *EVALUATION_ALLOWED["predict"]),
           "build_and_train": (*(f for f in vars(nnlib).values() if inspect.isfunction(f)), one_hot)}
MNIST_LOADERS = (load_mnist, load_mnist_csv)

#: Seconds one call of ``build_and_train`` may take, the smaller of wall-clock and CPU time
#: (the reference solution needs about 2 s).
TIME_BUDGET = 25.0
#: Test accuracy for the first graded cell: a working network (a plain 784-128-10 one gets 91 %).
WORKS_ACCURACY = 0.88
#: Test accuracy for the second graded cell: the capstone's target.
TARGET_ACCURACY = 0.94
#: Hidden check: test accuracy after training on the same digits with shuffled class names.
RELABELLED_ACCURACY = 0.80
#: The shuffled class names of the hidden check: digit k is called RELABEL[k] (no k stays k).
RELABEL = np.array([3, 7, 0, 9, 5, 1, 8, 2, 4, 6])

IDEAS = ("more hidden units (128 -> 256), Adam (optimizer='adam') with a smaller learning rate "
         "(1e-3), more epochs (within the time budget), and more training data: shifted copies "
         "of the training digits (one pixel left, right, up, down)")


# --------------------------------------------------------------------------- from_kaggle_rows

def reference_from_kaggle_rows(table):
    """The reference: Kaggle rows (m, 785) -> X (784, m) in [0, 1], one-hot Y (10, m)."""
    table = np.asarray(table)
    X = table[:, 1:].T / 255.0
    labels = table[:, 0].astype(np.int64)
    Y = np.zeros((10, table.shape[0]))
    Y[labels, np.arange(table.shape[0])] = 1.0
    return X, Y


def _kaggle_example():
    table = np.zeros((3, 785), dtype=np.int64)
    table[:, 0] = [7, 0, 3]  # the labels
    table[0, 1 + 0] = 255  # digit 0: pixel 0 (top-left) fully on
    table[1, 1 + 783] = 51  # digit 1: pixel 783 (bottom-right) at 51 / 255 = 0.2
    table[2, 1 + 28] = 102  # digit 2: pixel 28 (row 1, column 0) at 102 / 255 = 0.4
    return table


def _expect_pair(name, got, what):
    if not isinstance(got, (tuple, list)):
        fail(f"{name} should return a tuple {what}, got {type(got).__name__}")
    if len(got) != 2:
        fail(f"{name} returned {len(got)} items; expected 2: {what}")
    return got


def check_from_kaggle_rows(fn):
    """Three hand-made rows: labels 7, 0, 3 and one lit pixel each."""
    table = _kaggle_example()
    given = table.copy()
    got = call(fn, given, name="from_kaggle_rows", allowed=ALLOWED["from_kaggle_rows"])
    expect_unchanged("from_kaggle_rows", [given], [table])
    X, Y = _expect_pair("from_kaggle_rows", got, "(X, Y)")
    X_expected, Y_expected = reference_from_kaggle_rows(table)
    shape = getattr(X, "shape", None)
    if shape == (3, 784):
        fail("X has shape (3, 784): one digit per ROW, as in the file; expected (784, 3)",
             "our convention is one example per COLUMN: transpose the pixel block")
    if shape in ((785, 3), (3, 785)):
        fail(f"X has shape {shape}: it still holds the label column; expected (784, 3)",
             "column 0 of the table is the label; the pixels are table[:, 1:]")
    hint = None
    if isinstance(X, np.ndarray) and X.shape == (784, 3) and np.isclose(X.max(), 255):
        hint = "pixels go from 0..255 in the file to [0, 1] in X: divide by 255"
    reshaped = table[:, 1:].reshape(784, 3)
    if matches(X, reshaped / 255.0) or matches(X, reshaped):
        fail("X is the pixel block reshaped to (784, 3), not transposed: each column mixes pixels of "
             "all three digits",
             "reshape(784, m) keeps the numbers in the order of the rows, one digit after the other, "
             "and cuts that line into new columns; the transpose table[:, 1:].T makes row i (digit i) "
             "column i")
    expect_array("X", X, X_expected, hint=hint or "X[p, i] = pixel p of digit i / 255")
    if getattr(Y, "shape", None) in ((3,), (1, 3)):
        fail(f"Y has shape {Y.shape}: that is the labels; expected one-hot columns (10, 3)",
             "nnlib.data.one_hot(labels, 10) makes Y[k, i] = 1 where digit i is a k")
    expect_array("Y", Y, Y_expected, hint="the labels are 7, 0, 3: Y[7, 0] = Y[0, 1] = Y[3, 2] = 1")
    passed("from_kaggle_rows")


# --------------------------------------------------------------------------- misclassified

def reference_misclassified(X, Y, parameters, hidden_activation="relu",
                            output_activation="softmax"):
    """Indices (1-D, ascending) of the columns of X whose predicted class is not Y's."""
    predicted = nnlib.predict(X, parameters, hidden_activation, output_activation).ravel()
    return np.flatnonzero(predicted != np.argmax(Y, axis=0))


def _misclassified_example():
    # One softmax layer, 2 inputs, 3 classes: class scores x1, x2 and -(x1 + x2).
    parameters = {"W1": np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]]), "b1": np.zeros((3, 1))}
    X = np.array([[2.0, 0.0, -1.0, 3.0, 1.0, -2.0],
                  [0.0, 2.0, -1.0, 1.0, 3.0, -1.0]])  # predicted: 0, 1, 2, 0, 1, 2
    Y = np.eye(3)[:, [0, 1, 2, 1, 1, 0]]  # true: 0, 1, 2, 1, 1, 0 -> columns 3 and 5 are wrong
    return X, Y, parameters, np.array([3, 5])


def _expect_indices(got, expected, what):
    name = "misclassified(...)"
    if not isinstance(got, np.ndarray):
        fail(f"{name} should return a numpy array of indices, got {type(got).__name__}",
             "np.flatnonzero(mask) turns a boolean mask into the indices where it is True")
    if got.dtype == bool:
        fail(f"{name} returned a boolean mask of shape {got.shape}; expected the indices "
             f"{expected.tolist()}", "np.flatnonzero(mask) gives the indices where mask is True")
    if got.ndim != 1:
        fail(f"{name} has shape {got.shape}; expected a 1-D array of shape {expected.shape}",
             "predict returns labels of shape (1, m): flatten them (.ravel()) before comparing")
    if got.dtype.kind not in "iu":
        fail(f"{name} has dtype {got.dtype}; expected integer indices")
    if got.shape != expected.shape or not np.array_equal(got, expected):
        hint = "the indices of the COLUMNS (examples) whose predicted class differs from Y's"
        if np.array_equal(np.sort(got), expected):
            hint = "the right indices, but not in ascending order"
        fail(f"{name} is {got.tolist()[:12]}{' ...' if got.size > 12 else ''} {what}; expected "
             f"{expected.tolist()[:12]}{' ...' if expected.size > 12 else ''}", hint)


def check_misclassified(fn):
    """A 3-class network worked by hand: columns 3 and 5 are wrong; then one with no mistakes."""
    X, Y, parameters, expected = _misclassified_example()
    inputs = (X, Y, parameters)
    given, originals = snapshot(*inputs), snapshot(*inputs)
    got = call(fn, *given, "relu", "softmax", name="misclassified", allowed=ALLOWED["misclassified"])
    expect_unchanged("misclassified", given, originals)
    _expect_indices(got, expected,
                    "for predictions [0, 1, 2, 0, 1, 2] and labels [0, 1, 2, 1, 1, 0]")
    Y_right = np.eye(3)[:, [0, 1, 2, 0, 1, 2]]
    got = call(fn, X.copy(), Y_right, copy.deepcopy(parameters), "relu", "softmax",
               name="misclassified", allowed=ALLOWED["misclassified"])
    _expect_indices(got, np.array([], dtype=np.int64), "when every prediction is right")
    passed("misclassified")


# --------------------------------------------------------------------------- build_and_train

_trained = {}  # (function, relabelled) -> what the training call gave; see train_once


def _mnist():
    X_train, Y_train = load_mnist("train", dtype=np.float32)
    X_test, Y_test = load_mnist("test", dtype=np.float32)
    return X_train, Y_train, X_test, Y_test


def _call_without_loading(fn, *args):
    """``call(fn, *args)``, failing if ``fn`` loads MNIST itself through nnlib.data, or calls
    anything else of nnlib that :data:`ALLOWED` does not list."""
    with watching(ALLOWED["build_and_train"]) as watch:
        result = call(fn, *args, name="build_and_train")
    if watch.seen_code in {loader.__code__ for loader in MNIST_LOADERS}:
        fail(f"build_and_train loaded MNIST itself (it called nnlib.data's {watch.seen_code.co_name}): it "
             "must learn only from the X_train, Y_train it is given (the training digits)")
    if watch.seen:
        fail(f"build_and_train calls {watch.seen}: it may use nnlib's public functions (nnlib.train, "
             "nnlib.predict, ...) and nnlib.data.one_hot, nothing else of nnlib")
    if watch.replaced:
        fail("build_and_train switched off the profiler (sys.setprofile) that lets this check see "
             "whether it loads MNIST itself: leave the profiler alone")
    return result


def _count_layers(parameters):
    """Number of layers L of a dict with exactly the keys W1, b1, ..., WL, bL (ValueError otherwise)."""
    L = len(parameters) // 2
    if L == 0 or set(parameters) != {f"{p}{l}" for l in range(1, L + 1) for p in "Wb"}:
        raise ValueError(f"parameters must have keys W1, b1, ..., WL, bL; got {sorted(parameters)}"
                         " (keys are case-sensitive: 'W1', not 'w1')")
    return L


def _network(result):
    """Validate the returned (parameters, hidden_activation, output_activation); deep copy."""
    what = "(parameters, hidden_activation, output_activation)"
    if not isinstance(result, (tuple, list)):
        fail(f"build_and_train should return a tuple {what}, got {type(result).__name__}")
    if len(result) != 3:
        fail(f"build_and_train returned {len(result)} items; expected 3: {what}",
             "nnlib.train returns (parameters, history): return parameters and the two "
             "activation names you trained with")
    parameters, hidden, output = result
    if not isinstance(parameters, dict):
        fail(f"parameters should be a dict W1, b1, ..., got {type(parameters).__name__}")
    for role, activation in (("hidden_activation", hidden), ("output_activation", output)):
        if not isinstance(activation, str) or activation not in nnlib.ACTIVATIONS:
            choices = ", ".join(sorted(nnlib.ACTIVATIONS))
            fail(f"{role} is {activation!r}; expected one of {choices}")
    parameters = {k: np.array(v, copy=True) if isinstance(v, np.ndarray) else v
                  for k, v in parameters.items()}
    try:
        L = _count_layers(parameters)
    except ValueError as error:
        fail(f"parameters: {error}")
    for key, value in parameters.items():
        if not isinstance(value, np.ndarray) or value.dtype.kind != "f" or value.ndim != 2:
            fail(f"parameters[{key!r}] should be a 2-D float numpy array, got "
                 f"{type(value).__name__} of shape {getattr(value, 'shape', None)}")
    dims = [784] + [parameters[f"W{l}"].shape[0] for l in range(1, L + 1)]
    for l in range(1, L + 1):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        if W.shape[1] != dims[l - 1]:
            inputs = ("784 columns, one per pixel" if l == 1
                      else f"{dims[l - 1]} columns, one per unit of layer {l - 1}")
            fail(f"parameters['W{l}'] has shape {W.shape}: W{l} needs {inputs} "
                 f"(rows are the units of layer {l}, columns its inputs)")
        for key, value, shape in ((f"W{l}", W, (dims[l], dims[l - 1])), (f"b{l}", b, (dims[l], 1))):
            if value.shape != shape:
                fail(f"parameters[{key!r}] has shape {value.shape}; expected {shape}, "
                     "one bias per unit")
            if not np.isfinite(value).all():
                fail(f"parameters[{key!r}] holds inf or nan: did training diverge?",
                     "a smaller learning rate")
    if dims[-1] != 10:
        fail(f"the last layer has {dims[-1]} units; expected 10, one per digit")
    return parameters, hidden, output, dims


def _charged(wall_seconds, cpu_seconds):
    """The time a call is charged: the smaller of wall-clock and CPU time.

    On a busy machine the wall clock runs on while other processes have the CPU; with a
    multi-threaded BLAS the CPU time adds up over threads. The smaller of the two measures the
    work done either way, so a loaded grading machine does not count against the learner.
    """
    return min(wall_seconds, cpu_seconds)


def train_once(fn, relabelled):
    """Call ``fn`` on copies of the training digits (once per function) and score it on test.

    Returns a dict: accuracy on the test digits (named as during training), the network (its
    parameters, layer sizes and activations), the test labels and the seconds the call took.
    """
    key = (fn, relabelled)
    if key not in _trained:
        try:
            _trained[key] = _score(fn, relabelled)
        except CheckFailed as error:  # remembered too: a slow failure is not run twice
            _trained[key] = error
    if isinstance(_trained[key], CheckFailed):
        raise _trained[key]
    return _trained[key]


def graded_network(fn):
    """``(parameters, hidden_activation, output_activation)`` of the network that the graded cells
    trained with ``fn`` and scored, for the demonstration cell after them.

    It is :func:`train_once`'s network: trained by the first graded cell, or here and now, in the
    same way (on copies of the training digits, watched, within the budget), if that cell has not
    run with this function. An error of the learner's function is raised again as it was raised,
    so that ``demonstrating`` names the function; any other failure of the training call is
    raised as the check's :class:`CheckFailed`.
    """
    try:
        outcome = train_once(fn, relabelled=False)
    except CheckFailed as failure:
        cause = failure.__context__  # what the learner's function raised, if it raised
        code = getattr(inspect.unwrap(fn), "__code__", None)
        if isinstance(cause, Exception) and code in {frame.f_code for frame, _ in traceback.walk_tb(cause.__traceback__)}:
            raise cause from None
        raise
    return {k: v.copy() for k, v in outcome["parameters"].items()}, outcome["hidden"], outcome["output"]


def _score(fn, relabelled):
    X_train, Y_train, X_test, Y_test = _mnist()
    test_labels = Y_test.argmax(axis=0)
    if relabelled:
        Y_train = Y_train[np.argsort(RELABEL)]  # row RELABEL[k] of the new Y is row k of the old
        test_labels = RELABEL[test_labels]
    given, originals = snapshot(X_train, Y_train), snapshot(X_train, Y_train)
    wall, cpu = time.perf_counter(), time.process_time()
    result = _call_without_loading(fn, *given)
    seconds = _charged(time.perf_counter() - wall, time.process_time() - cpu)
    expect_unchanged("build_and_train", given, originals)
    parameters, hidden, output, dims = _network(result)
    if seconds > TIME_BUDGET:
        fail(f"build_and_train took {seconds:.0f} s; the budget is {TIME_BUDGET:.0f} s per call "
             f"(CPU time or wall-clock time, whichever is smaller)",
             "fewer epochs, fewer units or fewer shifted copies")
    try:
        predicted = nnlib.predict(X_test, parameters, hidden, output).ravel()
    except ValueError as error:
        fail(f"nnlib.predict cannot use the returned network: {error}")
    return {"accuracy": float(np.mean(predicted == test_labels)), "n_test": test_labels.size,
            "dims": dims, "hidden": hidden, "output": output, "seconds": seconds,
            "parameters": parameters, "test_labels": test_labels}


def _preprocessings(X_train):
    """{what: step} for the usual changes of the digits that a learner may make to X_train."""
    mean, std = X_train.mean(axis=1, keepdims=True), X_train.std(axis=1, keepdims=True)
    return {
        "multiplied by 255 (pixels 0..255, as in the file)": lambda X: X * 255.0,
        "standardised pixel by pixel, (X - mean) / std over the training digits":
            lambda X: (X - mean) / (std + 1e-8),
        "standardised as a whole, (X - X.mean()) / X.std()": lambda X: (X - X_train.mean()) / X_train.std(),
        "centred pixel by pixel, X - mean over the training digits": lambda X: X - mean,
        "rescaled to [-1, 1], 2 X - 1": lambda X: 2.0 * X - 1.0,
        "binarised, X > 0.5": lambda X: (X > 0.5).astype(X.dtype),
    }


def _preprocessing_hint(outcome, needed):
    """If the network reaches ``needed`` on the test digits changed by a usual preprocessing
    step, the hint that build_and_train trained on changed digits that the test never gets."""
    X_train, _, X_test, _ = _mnist()
    found = []
    for what, step in _preprocessings(X_train).items():
        with np.errstate(all="ignore"):
            try:
                predicted = nnlib.predict(step(X_test), outcome["parameters"], outcome["hidden"],
                                          outcome["output"]).ravel()
            except ValueError:
                continue
        accuracy = float(np.mean(predicted == outcome["test_labels"]))
        if accuracy >= needed:
            found.append((accuracy, what))
    if not found:
        return None
    accuracy, what = max(found)
    return (f"the same network gets {accuracy:.1%} of them right when they are {what}: if "
            "build_and_train trains on digits changed like that, the test digits never get that "
            "step (they reach nnlib.predict as they are, pixels in [0, 1]), and no tuning helps; "
            "train on X_train as it is given")


def _report(outcome, needed, what, name):
    accuracy, dims = outcome["accuracy"], outcome["dims"]
    network = "-".join(map(str, dims)) + f" {outcome['hidden']}/{outcome['output']}"
    n_test = outcome["n_test"]
    correct = round(accuracy * n_test)
    if accuracy < needed:
        fail(f"build_and_train: the {network} network classifies {accuracy:.1%} of the {n_test} "
             f"test digits correctly ({correct}); {what} needs at least {needed:.0%}",
             _preprocessing_hint(outcome, needed) or f"try {IDEAS}")
    passed(name, f"a {network} network gets {accuracy:.1%} of the {n_test} test digits right "
                 f"({correct}), {what} needs {needed:.0%}")


def check_build_and_train(fn):
    """Train on the 4,000 training digits (only), within the budget; >= 88 % on the test digits."""
    _report(train_once(fn, relabelled=False), WORKS_ACCURACY, "this first check", "build_and_train")


def check_build_and_train_target(fn):
    """The same network (trained once): >= 94 % on the 1,000 test digits."""
    _report(train_once(fn, relabelled=False), TARGET_ACCURACY, "the target", "build_and_train (target)")
