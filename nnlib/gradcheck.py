"""Gradient checking by centred finite differences, in float64."""
import numpy as np

from ._validation import count_layers
from .backward import model_backward
from .forward import model_forward
from .losses import compute_cost


def numerical_gradient(f, x, epsilon=1e-6):
    """dF/dx of a scalar function f by (f(x + eps) - f(x - eps)) / (2 eps), entry by entry.

    ``x`` is perturbed in place and each entry restored afterwards; returns an array of x's shape.
    """
    grad = np.zeros_like(x, dtype=np.float64)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + epsilon
        plus = f()
        x[index] = original - epsilon
        minus = f()
        x[index] = original
        grad[index] = (plus - minus) / (2 * epsilon)
    return grad


def relative_difference(a, b):
    """||a - b|| / (||a|| + ||b||), and 0 when both are zero."""
    a, b = np.ravel(a), np.ravel(b)
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denominator == 0 else float(np.linalg.norm(a - b) / denominator)


def gradient_check(parameters, X, Y, hidden_activation="relu", output_activation="sigmoid",
                   loss="bce", grads=None, epsilon=1e-6):
    """Relative difference between analytic and finite-difference gradients of the cost.

    ``grads`` defaults to nnlib's ``model_backward``; pass your own to check them. Values below
    about 1e-7 mean the gradients agree; above 1e-3 something is wrong.
    """
    L = count_layers(parameters)
    params = {k: np.array(v, dtype=np.float64) for k, v in parameters.items()}
    X, Y = np.asarray(X, dtype=np.float64), np.asarray(Y, dtype=np.float64)

    def cost():
        AL, _ = model_forward(X, params, hidden_activation, output_activation)
        return compute_cost(AL, Y, loss)

    if grads is None:
        AL, caches = model_forward(X, params, hidden_activation, output_activation)
        grads = model_backward(AL, Y, caches, hidden_activation, output_activation, loss)
    keys = [f"{p}{l}" for l in range(1, L + 1) for p in "Wb"]
    missing = [f"d{k}" for k in keys if f"d{k}" not in grads]
    if missing:
        raise ValueError(f"grads is missing {missing}")
    analytic = np.concatenate([np.ravel(grads[f"d{k}"]) for k in keys])
    numeric = np.concatenate([np.ravel(numerical_gradient(cost, params[k], epsilon)) for k in keys])
    return relative_difference(analytic, numeric)
