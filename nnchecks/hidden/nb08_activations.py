"""Hidden checks for notebook 08: gradient norms, dead units and the output layer against the
references below (what nnlib's diagnostics compute) on random networks and targets."""
import numpy as np

import nnlib
from nnlib.data import one_hot

from ..calling import call_on_copies
from ..compare import expect_array
from ..failures import fail
from ..nb08_activations import ALLOWED, expect_output_cases
from ..reference import compare_with_reference, random_inputs


# --------------------------------------------------------------------------- references

def gradient_norms_reference(grads):
    """Norms (L,) of the weight gradients dW1, ..., dWL of ``grads``, in layer order."""
    L = sum(1 for key in grads if key.startswith("dW"))
    return np.array([np.linalg.norm(grads[f"dW{l}"]) for l in range(1, L + 1)])


def dead_units_reference(X, parameters):
    """Integer counts (L-1,) of the units of each hidden ReLU layer with Z <= 0 on every column of X."""
    _, caches = nnlib.model_forward(X, parameters, "relu", "linear")
    return np.array([int(np.all(cache.Z <= 0, axis=1).sum()) for cache in caches[:-1]])


def output_layer_reference(Y):
    """(output activation, loss) for targets Y (n_y, m): one-hot columns, other 0/1, fractions in
    [0, 1], or other real values."""
    binary = bool(np.isin(Y, (0, 1)).all())
    one_hot_columns = binary and Y.shape[0] >= 2 and bool((np.sum(Y, axis=0) == 1).all())
    if one_hot_columns:
        return ("softmax", "ce")
    if binary:
        return ("sigmoid", "bce")
    return ("sigmoid", "mse") if bool(((Y >= 0) & (Y <= 1)).all()) else ("linear", "mse")


# --------------------------------------------------------------------------- random networks

def _network(rng, dims, bias_shift=0.0):
    parameters = {}
    for l in range(1, len(dims)):
        parameters[f"W{l}"] = rng.standard_normal((dims[l], dims[l - 1])) * np.sqrt(2 / dims[l - 1])
        parameters[f"b{l}"] = rng.standard_normal((dims[l], 1)) * 0.5 + bias_shift
    return parameters


def _backprop_grads(rng, dims):
    """Real gradients of a random ReLU/softmax network, as nnlib.model_backward returns them."""
    parameters = _network(rng, dims)
    m = int(rng.integers(10, 40))
    X = rng.standard_normal((dims[0], m))
    Y = one_hot(rng.integers(0, dims[-1], size=m), dims[-1])
    AL, caches = nnlib.model_forward(X, parameters, "relu", "softmax")
    return nnlib.model_backward(AL, Y, caches, "relu", "softmax", "ce")


# --------------------------------------------------------------------------- gradient norms

def check_gradient_norms_per_layer_values_hidden(fn):
    compare_with_reference(fn, gradient_norms_reference, lambda rng, dims: (_backprop_grads(rng, dims),),
                           name="gradient_norms_per_layer", sizes=[(4, 5, 3), (6, 8, 8, 7, 4)], seed=801,
                           allowed=ALLOWED["gradient_norms_per_layer"])


def check_gradient_norms_per_layer_deep_hidden(fn):
    compare_with_reference(fn, gradient_norms_reference, lambda rng, dims: (_backprop_grads(rng, dims),),
                           name="gradient_norms_per_layer", sizes=[(3,) + (4,) * 10 + (2,), (5,) + (3,) * 13 + (3,)],
                           seed=802, allowed=ALLOWED["gradient_norms_per_layer"])


# --------------------------------------------------------------------------- dead units

def _dead_args(rng, dims):
    # negative bias shift: some units are dead, some alive
    parameters = _network(rng, dims, bias_shift=-0.8)
    X = rng.standard_normal((dims[0], int(rng.integers(5, 30))))
    return X, parameters


def check_dead_units_per_layer_hidden(fn):
    rng = random_inputs(811)
    for dims in [(3, 6, 5, 2), (5, 12, 10, 10, 8, 3)]:
        X, parameters = _dead_args(rng, dims)
        expected = dead_units_reference(X, parameters)
        if not expected.any():
            raise RuntimeError("hidden test data has no dead unit: pick another seed")
        got = call_on_copies(fn, "dead_units_per_layer", X, parameters, allowed=ALLOWED["dead_units_per_layer"])
        expect_array(f"dead_units_per_layer on a random network of sizes {list(dims)}", got, expected)
        if got.dtype.kind not in "iu":
            fail(f"dead_units_per_layer returned dtype {got.dtype}; expected integer counts")


# --------------------------------------------------------------------------- output layer

def _random_targets(rng, kind, m):
    if kind == "binary":
        return rng.integers(0, 2, size=(1, m)).astype(float)
    if kind == "multiclass":
        k = int(rng.integers(2, 11))
        return one_hot(rng.integers(0, k, size=m), k)
    if kind == "multilabel":
        Y = rng.integers(0, 2, size=(int(rng.integers(2, 5)), m)).astype(float)
        Y[:, 0] = 1.0  # at least one column with several 1s: not one-hot
        return Y
    if kind == "fraction":
        return rng.uniform(0.05, 0.95, size=(int(rng.integers(1, 4)), m))
    return rng.standard_normal((int(rng.integers(1, 4)), m)) * 3 + 1


def _output_cases(seed, kinds, sizes):
    rng = random_inputs(seed)
    return [(f"random {kind} targets", Y, output_layer_reference(Y), None)
            for kind in kinds for m in sizes for Y in [_random_targets(rng, kind, m)]]


def check_output_layer_for_table_hidden(fn):
    expect_output_cases(fn, _output_cases(821, ("binary", "multiclass", "fraction", "regression"), (7, 50)))


def check_output_layer_for_more_hidden(fn):
    expect_output_cases(fn, _output_cases(822, ("multilabel", "multiclass"), (6, 40)))
