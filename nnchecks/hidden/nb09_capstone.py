"""Hidden checks for notebook 09: the conversion and the mistakes against references on random
inputs of two sizes; ``build_and_train`` trained once more with shuffled class names."""
import numpy as np

import nnlib

from ..failures import fail
from ..nb09_capstone import (ALLOWED, RELABEL, RELABELLED_ACCURACY, reference_from_kaggle_rows,
                             reference_misclassified, train_once)
from ..reference import compare_with_reference


def _kaggle_args(rng, m):
    table = rng.integers(0, 256, size=(m, 785))
    table[:, 0] = rng.integers(0, 10, size=m)
    return (table,)


def check_from_kaggle_rows_hidden(fn):
    compare_with_reference(
        fn, reference_from_kaggle_rows, _kaggle_args, name="from_kaggle_rows", sizes=[5, 60],
        seed=909, allowed=ALLOWED["from_kaggle_rows"])


def _misclassified_args(rng, size):
    dims, m, hidden = size
    parameters = nnlib.initialize_parameters(dims, "he", seed=rng)
    parameters = {k: v + 0.1 * rng.standard_normal(v.shape) for k, v in parameters.items()}
    X = rng.standard_normal((dims[0], m))
    Y = np.eye(dims[-1])[:, rng.integers(0, dims[-1], size=m)]
    return X, Y, parameters, hidden, "softmax"


def check_misclassified_hidden(fn):
    compare_with_reference(
        fn, reference_misclassified, _misclassified_args, name="misclassified",
        sizes=[([5, 4, 3], 20, "relu"), ([30, 16, 8, 10], 200, "tanh")], seed=919,
        allowed=ALLOWED["misclassified"])


def check_build_and_train_hidden(fn):
    """Learns from its arguments: trained on the same digits with shuffled class names."""
    real = train_once(fn, relabelled=False)["accuracy"]
    shuffled = train_once(fn, relabelled=True)["accuracy"]
    if shuffled < RELABELLED_ACCURACY:
        fail(f"build_and_train was given the training digits with the class names shuffled "
             f"(every 0 called {RELABEL[0]}, every 1 called {RELABEL[1]}, ...); its network then "
             f"named {shuffled:.1%} of the test digits the same way, against {real:.1%} with the "
             f"real names: it does not learn from the X_train, Y_train it is given "
             f"(a network trained earlier? the test digits?)")
