"""Backward propagation.

Convention of the source notes: ``dA`` and ``dZ`` hold per-example derivatives (columns are
examples, nothing averaged yet); ``linear_backward`` averages over the m examples when it forms
``dW`` and ``db``. The resulting ``dW{l}``, ``db{l}`` are the exact gradient of ``compute_cost``.
"""
import numpy as np

from ._validation import as_matrix, check_same_shape
from .activations import get_activation
from .losses import check_output_for_loss, get_loss

FUSED_OUTPUTS = {("sigmoid", "bce"), ("softmax", "ce"), ("linear", "mse")}
"""Output/loss pairs whose dZ simplifies to AL - Y."""


def _linear_backward(dZ, cache, need_dA_prev=True):
    """Unchecked ``linear_backward``."""
    A_prev, W, _ = cache
    dZ_mean = dZ / A_prev.shape[1]  # the 1/m on the small dZ costs less than on dW
    dW = dZ_mean @ A_prev.T
    db = dZ_mean.sum(axis=1, keepdims=True)
    dA_prev = W.T @ dZ if need_dA_prev else None
    return dA_prev, dW, db


def linear_backward(dZ, cache):
    """Gradients of one linear layer Z = W @ A_prev + b.

    Parameters
    ----------
    dZ : ndarray of shape (n[l], m)
    cache : LinearCache(A_prev, W, b) from ``linear_forward``

    Returns
    -------
    dA_prev : ndarray (n[l-1], m), W.T @ dZ
    dW : ndarray (n[l], n[l-1]), dZ @ A_prev.T / m
    db : ndarray (n[l], 1), row sums of dZ / m
    """
    A_prev, W, b = (as_matrix(a, n) for a, n in zip(cache, ("A_prev", "W", "b")))
    dZ = as_matrix(dZ, "dZ")
    expected = (W.shape[0], A_prev.shape[1])
    if dZ.shape != expected:
        raise ValueError(f"dZ has shape {dZ.shape}; expected {expected} (units of W, examples of A_prev)")
    return _linear_backward(dZ, (A_prev, W, b))


def linear_activation_backward(dA, cache, activation):
    """One layer back: dZ = g'(Z) * dA, then ``linear_backward``.

    ``cache`` is the ``LayerCache(linear, Z)`` from ``linear_activation_forward``.
    Returns ``(dA_prev, dW, db)``.
    """
    _, g_backward = get_activation(activation)
    linear_cache, Z = cache
    dA, Z = as_matrix(dA, "dA"), as_matrix(Z, "Z")
    check_same_shape("dA", dA, "Z", Z)
    return linear_backward(g_backward(dA, Z), linear_cache)


def _output_dZ(AL, Y, Z, output_activation, loss):
    if (output_activation, loss) in FUSED_OUTPUTS:
        return AL - Y
    _, g_backward = get_activation(output_activation)
    _, gradient = get_loss(loss)
    return g_backward(gradient(AL, Y), Z)


def _model_backward(AL, Y, caches, hidden_backward, output_activation, loss):
    """Unchecked L-layer backward pass; returns grads with dW{l}, db{l} and dA{l-1} for l >= 2."""
    L = len(caches)
    grads = {}
    dZ = _output_dZ(AL, Y, caches[-1].Z, output_activation, loss)
    for l in range(L, 0, -1):
        dA_prev, grads[f"dW{l}"], grads[f"db{l}"] = _linear_backward(dZ, caches[l - 1].linear, l > 1)
        if l > 1:
            grads[f"dA{l - 1}"] = dA_prev
            dZ = hidden_backward(dA_prev, caches[l - 2].Z)
    return grads


def model_backward(AL, Y, caches, hidden_activation="relu", output_activation="sigmoid", loss="bce"):
    """Gradients of ``compute_cost(AL, Y, loss)`` with respect to every parameter.

    Parameters
    ----------
    AL : ndarray of shape (n[L], m), output of ``model_forward``
    Y : ndarray of shape (n[L], m)
    caches : list of L LayerCache from ``model_forward``

    Returns
    -------
    grads : dict with ``dW{l}`` (n[l], n[l-1]), ``db{l}`` (n[l], 1) for l = 1..L and
        ``dA{l}`` (n[l], m) for l = 1..L-1.
    """
    check_output_for_loss(output_activation, loss)
    _, hidden_backward = get_activation(hidden_activation)
    AL, Y = as_matrix(AL, "AL"), as_matrix(Y, "Y")
    check_same_shape("AL", AL, "Y", Y)
    if not caches:
        raise ValueError("caches is empty: pass the caches returned by model_forward")
    return _model_backward(AL, Y.astype(AL.dtype, copy=False), caches, hidden_backward, output_activation, loss)

