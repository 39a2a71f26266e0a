"""Activation functions and their derivatives.

Each activation ``g`` maps ``Z`` of shape (n, m) to ``A = g(Z)`` of the same shape, and
``g_backward(dA, Z)`` returns ``dZ = dA * g'(Z)`` (for softmax, the Jacobian-vector product
over each column). Nothing here modifies its arguments; float32 in gives float32 out.

``ACTIVATIONS`` maps each name to its ``(forward, backward)`` pair; look names up with
:func:`get_activation`. (The identity's derivative is not exported as ``linear_backward``:
that name belongs to the layer-level function in :mod:`nnlib.backward`.)
"""
import numpy as np

from ._validation import as_float_array, check_choice, check_same_shape

LEAKY_RELU_SLOPE = 0.01


def sigmoid(Z):
    """1 / (1 + exp(-Z)), computed without overflow for any finite Z."""
    Z = as_float_array(Z, "Z")
    E = np.exp(-np.abs(Z))  # in (0, 1]: never overflows
    S = 1 / (1 + E)
    return np.where(Z >= 0, S, E * S)


def tanh(Z):
    """Hyperbolic tangent, in (-1, 1)."""
    return np.tanh(as_float_array(Z, "Z"))


def relu(Z):
    """max(Z, 0) element-wise; returns a new array."""
    return np.maximum(as_float_array(Z, "Z"), 0)


def leaky_relu(Z, slope=LEAKY_RELU_SLOPE):
    """Z where Z > 0, ``slope * Z`` elsewhere."""
    Z = as_float_array(Z, "Z")
    return np.where(Z > 0, Z, slope * Z)


def softmax(Z):
    """Column-wise softmax: each column of the result is a probability vector.

    Subtracting the column maximum first keeps ``exp`` from overflowing.
    """
    Z = as_float_array(Z, "Z")
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


def linear(Z):
    """The identity, for regression outputs; returns a copy."""
    return as_float_array(Z, "Z").copy()


def _checked(dA, Z):
    dA, Z = as_float_array(dA, "dA"), as_float_array(Z, "Z")
    check_same_shape("dA", dA, "Z", Z)
    return dA, Z


def sigmoid_backward(dA, Z):
    """dA * s * (1 - s) with s = sigmoid(Z)."""
    dA, Z = _checked(dA, Z)
    S = sigmoid(Z)
    return dA * S * (1 - S)


def tanh_backward(dA, Z):
    """dA * (1 - tanh(Z)**2)."""
    dA, Z = _checked(dA, Z)
    T = np.tanh(Z)
    return dA * (1 - T * T)


def relu_backward(dA, Z):
    """dA where Z > 0, else 0 (the derivative at 0 is taken as 0)."""
    dA, Z = _checked(dA, Z)
    return dA * (Z > 0)  # a bool factor keeps dA's dtype, and is several times faster than np.where


def leaky_relu_backward(dA, Z, slope=LEAKY_RELU_SLOPE):
    """dA where Z > 0, ``slope * dA`` elsewhere."""
    dA, Z = _checked(dA, Z)
    return np.where(Z > 0, dA, slope * dA)


def softmax_backward(dA, Z):
    """Jacobian-vector product of softmax, column by column: s * (dA - sum(dA * s))."""
    dA, Z = _checked(dA, Z)
    S = softmax(Z)
    return S * (dA - (dA * S).sum(axis=0, keepdims=True))


def _identity_backward(dA, Z):
    dA, Z = _checked(dA, Z)
    return dA.copy()


ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_backward),
    "tanh": (tanh, tanh_backward),
    "relu": (relu, relu_backward),
    "leaky_relu": (leaky_relu, leaky_relu_backward),
    "softmax": (softmax, softmax_backward),
    "linear": (linear, _identity_backward),
}


def get_activation(name):
    """``(forward, backward)`` for an activation name, or a ValueError listing the names."""
    return check_choice("activation", name, ACTIVATIONS)
