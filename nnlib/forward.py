"""Forward propagation.

Dimension names: n[l] units in layer l, m examples (columns). A0 is the input X.
"""
from typing import NamedTuple

import numpy as np

from ._validation import as_matrix, count_layers
from .activations import get_activation


class LinearCache(NamedTuple):
    """What ``linear_backward`` needs: the layer's input and parameters."""

    A_prev: np.ndarray  # (n[l-1], m)
    W: np.ndarray  # (n[l], n[l-1])
    b: np.ndarray  # (n[l], 1)


class LayerCache(NamedTuple):
    """What ``linear_activation_backward`` needs: the linear cache and the pre-activation."""

    linear: LinearCache
    Z: np.ndarray  # (n[l], m)


def _check_shapes(a_name, a_rows, w_name, W, b_name, b):
    if W.shape[1] != a_rows:
        raise ValueError(
            f"{w_name} has shape {W.shape} but {a_name} has {a_rows} rows: "
            f"{w_name} needs one column per row of {a_name} (features are rows, examples columns)"
        )
    if b.shape != (W.shape[0], 1):
        raise ValueError(f"{b_name} has shape {b.shape}; expected {(W.shape[0], 1)}, one bias per unit")


def linear_forward(A_prev, W, b):
    """Z = W @ A_prev + b.

    Parameters
    ----------
    A_prev : ndarray of shape (n[l-1], m)
    W : ndarray of shape (n[l], n[l-1])
    b : ndarray of shape (n[l], 1), broadcast over the m columns

    Returns
    -------
    Z : ndarray of shape (n[l], m)
    cache : LinearCache(A_prev, W, b)
    """
    A_prev, W, b = as_matrix(A_prev, "A_prev"), as_matrix(W, "W"), as_matrix(b, "b")
    _check_shapes("A_prev", A_prev.shape[0], "W", W, "b", b)
    return W @ A_prev + b, LinearCache(A_prev, W, b)


def linear_activation_forward(A_prev, W, b, activation):
    """One layer: A = g(W @ A_prev + b) for the named activation g.

    Returns ``A`` of shape (n[l], m) and ``LayerCache(linear=LinearCache(A_prev, W, b), Z=Z)``.
    """
    g, _ = get_activation(activation)
    Z, linear_cache = linear_forward(A_prev, W, b)
    return g(Z), LayerCache(linear_cache, Z)


def _model_forward(X, parameters, L, hidden, output):
    """Unchecked L-layer forward pass; ``hidden`` and ``output`` are activation functions."""
    A = X
    caches = []
    for l in range(1, L + 1):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        Z = W @ A
        Z += b
        caches.append(LayerCache(LinearCache(A, W, b), Z))
        A = (hidden if l < L else output)(Z)
    return A, caches


def model_forward(X, parameters, hidden_activation="relu", output_activation="sigmoid"):
    """Forward pass through L layers: ``hidden_activation`` for layers 1..L-1, then the output one.

    Parameters
    ----------
    X : ndarray of shape (n[0], m)
    parameters : dict with ``W{l}`` (n[l], n[l-1]) and ``b{l}`` (n[l], 1) for l = 1..L

    Returns
    -------
    AL : ndarray of shape (n[L], m), the network's output
    caches : list of L ``LayerCache``, caches[l-1] for layer l
    """
    L = count_layers(parameters)
    X = as_matrix(X, "X")
    params = {k: as_matrix(v, k) for k, v in parameters.items()}
    rows, name = X.shape[0], "X"
    for l in range(1, L + 1):  # check every layer before computing anything
        W = params[f"W{l}"]
        _check_shapes(name, rows, f"W{l}", W, f"b{l}", params[f"b{l}"])
        rows, name = W.shape[0], f"A{l}"
    hidden, _ = get_activation(hidden_activation)
    output, _ = get_activation(output_activation)
    return _model_forward(X, params, L, hidden, output)
