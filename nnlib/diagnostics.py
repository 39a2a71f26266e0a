"""Diagnostics: look inside a network to see why it learns or does not.

``gradient_norms`` measures the gradient that reaches each layer (vanishing gradients),
``dead_units`` counts the ReLU units that output 0 on every example, and ``output_layer_for``
names the output activation and loss that fit a task's targets (notebook 08).
"""
import numpy as np

from .forward import model_forward


def gradient_norms(grads):
    """Norms (L,) of the weight gradients: entry l-1 is ||dW{l}||_F, for l = 1, ..., L in order.

    ``grads`` is a dict as ``model_backward`` returns it, with dW1 (n[1], n[0]), ...,
    dWL (n[L], n[L-1]); its other entries (db1, ..., dA1, ...) are not weights and are ignored.
    The Frobenius norm is sqrt(sum of dW{l} ** 2).
    """
    L = sum(1 for key in grads if key.startswith("dW"))
    return np.array([np.linalg.norm(grads[f"dW{l}"]) for l in range(1, L + 1)])


def dead_units(X, parameters):
    """Integer counts (L-1,): how many units of each hidden layer 1..L-1 of a ReLU network are dead.

    A unit is dead when its ReLU output is 0 on every column of X (n[0], m), i.e. its Z <= 0 along
    its whole row. ``parameters`` holds W1 (n[1], n[0]), b1 (n[1], 1), ..., WL, bL; the output
    layer L is not counted.
    """
    _, caches = model_forward(X, parameters, "relu", "linear")
    return np.array([int(np.all(cache.Z <= 0, axis=1).sum()) for cache in caches[:-1]])


def output_layer_for(Y):
    """(output activation, loss) that fit the targets Y (n_y, m), one column per example.

    ("softmax", "ce") for one-hot columns: every entry 0 or 1, at least 2 rows, exactly one 1 per
    column. ("sigmoid", "bce") for other 0/1 targets: one row, or several yes/no rows.
    ("sigmoid", "mse") for other targets that all lie in [0, 1] (fractions, such as the
    study-hours grades / 100: a sigmoid keeps every prediction in that range). ("linear", "mse")
    for anything else (real-valued targets outside [0, 1]).
    """
    Y = np.asarray(Y)
    if np.isin(Y, (0, 1)).all():
        if Y.shape[0] >= 2 and (Y.sum(axis=0) == 1).all():
            return ("softmax", "ce")
        return ("sigmoid", "bce")
    if ((Y >= 0) & (Y <= 1)).all():
        return ("sigmoid", "mse")
    return ("linear", "mse")
