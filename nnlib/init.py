"""Parameter initialization.

Parameters live in a dict ``{"W1": (n1, n0), "b1": (n1, 1), ..., "WL": (nL, nL-1), "bL": (nL, 1)}``
where ``layer_dims = [n0, n1, ..., nL]`` and n0 is the number of input features.
"""
import numpy as np

from ._validation import check_choice, check_layer_dims


def _zeros(rng, n, n_prev, scale):
    return np.zeros((n, n_prev))


def _random(rng, n, n_prev, scale):
    return rng.standard_normal((n, n_prev)) * scale


def _xavier(rng, n, n_prev, scale):
    return rng.standard_normal((n, n_prev)) * np.sqrt(1 / n_prev)


def _he(rng, n, n_prev, scale):
    return rng.standard_normal((n, n_prev)) * np.sqrt(2 / n_prev)


INITIALIZERS = {"zeros": _zeros, "random": _random, "xavier": _xavier, "he": _he}
"""name -> function(rng, n, n_prev, scale) returning a weight matrix of shape (n, n_prev)."""


def initialize_parameters(layer_dims, method="he", seed=0, scale=0.01, dtype=np.float64):
    """Weights and zero biases for a network with the given layer sizes.

    Parameters
    ----------
    layer_dims : sequence of int
        ``[n0, n1, ..., nL]``: input features, then the units of each layer.
    method : {"zeros", "random", "xavier", "he"}
        ``random`` draws N(0, 1) times ``scale``; ``xavier`` uses variance 1/n[l-1] (for tanh and
        sigmoid), ``he`` variance 2/n[l-1] (for ReLU). ``zeros`` makes every unit of a layer
        identical, which is why it cannot learn.
    seed : int or numpy.random.Generator

    Returns
    -------
    dict with ``W{l}`` of shape (n[l], n[l-1]) and ``b{l}`` of shape (n[l], 1).
    """
    dims = check_layer_dims(layer_dims)
    draw = check_choice("initialization method", method, INITIALIZERS)
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(dims)):
        parameters[f"W{l}"] = draw(rng, dims[l], dims[l - 1], scale).astype(dtype, copy=False)
        parameters[f"b{l}"] = np.zeros((dims[l], 1), dtype=dtype)
    return parameters


def layer_sizes(X, Y, hidden=()):
    """``[n_x, *hidden, n_y]`` read off the data: rows of X are features, rows of Y outputs."""
    X, Y = np.asarray(X), np.asarray(Y)
    if X.ndim != 2 or Y.ndim != 2 or X.shape[1] != Y.shape[1]:
        raise ValueError(
            f"X and Y must be 2-D with one column per example, got X {X.shape} and Y {Y.shape}"
        )
    return check_layer_dims([X.shape[0], *hidden, Y.shape[0]])
