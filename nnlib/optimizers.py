"""Update rules: gradient descent, momentum and Adam, written as their formulas.

Every rule has the signature ``rule(parameters, grads, state, learning_rate, **options)`` and
returns ``(new_parameters, new_state)``: new dicts, the inputs are left unchanged. ``state`` holds
the rule's own memory outside the parameters (velocities, moment estimates, the step count);
pass ``None`` on the first step. For every parameter ``p`` (``W1``, ``b1``, ...) the gradient is
``grads["d" + key]``, of the same shape.

``OPTIMIZERS`` maps each name to its rule and the options it takes. :func:`nnlib.train` takes its
steps with in-place versions of the same formulas (``nnlib._inplace_steps``), tested equal to these.
"""
from typing import Callable, NamedTuple

import numpy as np

from ._validation import check_same_shape, count_layers, is_float_array


def _checked(parameters, grads):
    """``parameters`` as float arrays, after checking that ``grads`` has a matching d<key> each."""
    count_layers(parameters)
    for key, value in parameters.items():
        if f"d{key}" not in grads:
            raise ValueError(f"grads has no 'd{key}' (grads keys: {sorted(grads)})")
        check_same_shape(f"d{key}", np.asarray(grads[f"d{key}"]), key, np.asarray(value))
    return {k: _as_float(v) for k, v in parameters.items()}


def _as_float(value):
    """``value`` as an array of at least float32: float32 and float64 arrays as they are."""
    if is_float_array(value):
        return value  # what the line below returns for it, without working it out
    return np.asarray(value, dtype=np.result_type(value, np.float32))


def _moment(state, name, like):
    """The state array ``name`` (e.g. ``v_W1``), zeros of ``like``'s shape before the first step."""
    return state[name] if state and name in state else np.zeros_like(like)


def gd(parameters, grads, state=None, learning_rate=0.01):
    """Gradient descent: p <- p - learning_rate * dp. Keeps no state (returns ``{}``)."""
    parameters = _checked(parameters, grads)
    return {key: p - learning_rate * grads[f"d{key}"] for key, p in parameters.items()}, {}


def momentum(parameters, grads, state=None, learning_rate=0.01, beta=0.9):
    """Momentum: v <- beta v + (1 - beta) dp;  p <- p - learning_rate * v.

    ``state`` holds one velocity ``v_<key>`` per parameter, zeros at the start.
    """
    parameters = _checked(parameters, grads)
    new_parameters, new_state = {}, {}
    for key, p in parameters.items():
        v = beta * _moment(state, f"v_{key}", p) + (1 - beta) * grads[f"d{key}"]
        new_parameters[key] = p - learning_rate * v
        new_state[f"v_{key}"] = v
    return new_parameters, new_state


def adam(parameters, grads, state=None, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    """Adam with bias correction.

    t <- t + 1;  m <- beta1 m + (1 - beta1) dp;  v <- beta2 v + (1 - beta2) dp**2
    m_hat = m / (1 - beta1**t);  v_hat = v / (1 - beta2**t)
    p <- p - learning_rate * m_hat / (sqrt(v_hat) + epsilon)

    ``state`` holds ``m_<key>`` and ``v_<key>`` per parameter and the step count ``t``.
    """
    parameters = _checked(parameters, grads)
    t = int(state.get("t", 0)) + 1 if state else 1
    new_parameters, new_state = {}, {"t": t}
    for key, p in parameters.items():
        g = grads[f"d{key}"]
        m = beta1 * _moment(state, f"m_{key}", p) + (1 - beta1) * g
        v = beta2 * _moment(state, f"v_{key}", p) + (1 - beta2) * g**2
        m_hat = m / (1 - beta1**t)
        v_hat = v / (1 - beta2**t)
        new_parameters[key] = p - learning_rate * m_hat / (np.sqrt(v_hat) + epsilon)
        new_state[f"m_{key}"], new_state[f"v_{key}"] = m, v
    return new_parameters, new_state


class Optimizer(NamedTuple):
    rule: Callable  # rule(parameters, grads, state, learning_rate, **options)
    options: tuple  # the names of its options, e.g. ("beta",)


OPTIMIZERS = {
    "gd": Optimizer(gd, ()),
    "momentum": Optimizer(momentum, ("beta",)),
    "adam": Optimizer(adam, ("beta1", "beta2", "epsilon")),
}


def update_parameters(parameters, grads, learning_rate):
    """One gradient-descent step; returns a new dict and leaves ``parameters`` unchanged."""
    new_parameters, _ = gd(parameters, grads, None, learning_rate)
    return new_parameters
