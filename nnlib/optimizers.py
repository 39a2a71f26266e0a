"""Update rules: gradient descent, momentum and Adam.

Every rule has the signature ``rule(parameters, grads, state, learning_rate, **options)`` and
returns ``(new_parameters, new_state)``. ``state`` holds the rule's own memory (velocities,
moment estimates, step count) outside the parameters; pass ``None`` on the first step.
With ``inplace=True`` the arrays in ``parameters`` and ``state`` are updated in place instead of
copied. ``grads`` is never modified.

Each rule is a thin checked wrapper around a kernel that updates in place and writes its
temporaries into a ``scratch`` array per parameter, so that :func:`nnlib.train` can take a step
without allocating memory (allocating and zeroing fresh pages for every step of a mini-batch
loop costs as much as the arithmetic).
"""
import inspect
from typing import Callable, NamedTuple

import numpy as np

from ._validation import check_choice, check_same_shape, count_layers


def _gd_kernel(parameters, grads, state, learning_rate, scratch):
    for key, p in parameters.items():
        s = scratch[key]
        np.multiply(grads[f"d{key}"], learning_rate, out=s)
        p -= s


def _momentum_kernel(parameters, grads, state, learning_rate, scratch, beta=0.9):
    beta = float(beta)
    for key, p in parameters.items():
        v, s = state[f"v_{key}"], scratch[key]
        v *= beta
        np.multiply(grads[f"d{key}"], 1 - beta, out=s)
        v += s
        np.multiply(v, learning_rate, out=s)
        p -= s


def _adam_kernel(parameters, grads, state, learning_rate, scratch, beta1=0.9, beta2=0.999, epsilon=1e-8):
    beta1, beta2, epsilon = float(beta1), float(beta2), float(epsilon)
    t = int(state.get("t", 0)) + 1
    state["t"] = t
    # p -= lr * m_hat / (sqrt(v_hat) + eps) with m_hat = m / c1, v_hat = v / c2, rewritten as
    # p -= (lr * sqrt(c2) / c1) * m / (sqrt(v) + eps * sqrt(c2)): two scalars, no extra passes
    root_c2 = (1 - beta2**t) ** 0.5  # Python floats keep float32 arithmetic in float32
    step = learning_rate * root_c2 / (1 - beta1**t)
    eps = epsilon * root_c2
    for key, p in parameters.items():
        g, m, v, s = grads[f"d{key}"], state[f"m_{key}"], state[f"v_{key}"], scratch[key]
        m *= beta1
        np.multiply(g, 1 - beta1, out=s)
        m += s
        np.square(g, out=s)
        s *= 1 - beta2
        v *= beta2
        v += s
        np.sqrt(v, out=s)
        s += eps
        np.divide(m, s, out=s)
        s *= step
        p -= s


class _Rule(NamedTuple):
    kernel: Callable
    slots: tuple  # state arrays per parameter, e.g. ("m", "v") for m_W1, v_W1, ...


_RULES = {"gd": _Rule(_gd_kernel, ()), "momentum": _Rule(_momentum_kernel, ("v",)),
          "adam": _Rule(_adam_kernel, ("m", "v"))}


def _add_slots(state, parameters, slots):
    """Create the missing zero-filled state arrays ``<slot>_<key>``; returns ``state``."""
    for slot in slots:
        for key, value in parameters.items():
            state.setdefault(f"{slot}_{key}", np.zeros_like(value))
    return state


def _apply(name, parameters, grads, state, learning_rate, inplace, options):
    """Check the dicts, copy them unless ``inplace``, and take one step of rule ``name``."""
    count_layers(parameters)
    for key, value in parameters.items():
        if f"d{key}" not in grads:
            raise ValueError(f"grads has no 'd{key}' (grads keys: {sorted(grads)})")
        check_same_shape(f"d{key}", np.asarray(grads[f"d{key}"]), key, np.asarray(value))
    if inplace:
        state = {} if state is None else state
    else:
        parameters = {k: np.array(v, dtype=np.result_type(v, np.float32)) for k, v in parameters.items()}
        state = {} if state is None else {k: np.copy(v) for k, v in state.items()}
    rule = _RULES[name]
    _add_slots(state, parameters, rule.slots)
    scratch = {key: np.empty_like(p) for key, p in parameters.items()}
    rule.kernel(parameters, grads, state, float(learning_rate), scratch, **options)
    return parameters, state


def gd(parameters, grads, state=None, learning_rate=0.01, inplace=False):
    """Gradient descent: p <- p - learning_rate * dp. Keeps no state."""
    return _apply("gd", parameters, grads, state, learning_rate, inplace, {})


def momentum(parameters, grads, state=None, learning_rate=0.01, beta=0.9, inplace=False):
    """Momentum: v <- beta v + (1 - beta) dp; p <- p - learning_rate * v.

    ``state`` holds one velocity ``v_<key>`` per parameter, zeros at the start.
    """
    return _apply("momentum", parameters, grads, state, learning_rate, inplace, {"beta": beta})


def adam(parameters, grads, state=None, learning_rate=0.001, beta1=0.9, beta2=0.999,
         epsilon=1e-8, inplace=False):
    """Adam with bias correction.

    m <- beta1 m + (1 - beta1) dp;  v <- beta2 v + (1 - beta2) dp**2;  t <- t + 1
    p <- p - learning_rate * m_hat / (sqrt(v_hat) + epsilon), where
    m_hat = m / (1 - beta1**t) and v_hat = v / (1 - beta2**t).

    ``state`` holds ``m_<key>``, ``v_<key>`` per parameter and the step count ``t``.
    """
    options = {"beta1": beta1, "beta2": beta2, "epsilon": epsilon}
    return _apply("adam", parameters, grads, state, learning_rate, inplace, options)


OPTIMIZERS = {"gd": gd, "momentum": momentum, "adam": adam}


def _stepper(name, parameters, learning_rate, options):
    """An in-place ``step(grads)`` of rule ``name`` for :func:`nnlib.train`: state and scratch
    arrays are allocated once here. An unknown option raises ValueError now, not mid-training."""
    check_choice("optimizer", name, OPTIMIZERS)
    rule = _RULES[name]
    allowed = set(list(inspect.signature(rule.kernel).parameters)[5:])  # after (..., scratch)
    unknown = sorted(set(options) - allowed)
    if unknown:
        raise ValueError(f"unknown optimizer_options {unknown} for {name!r}; it takes {sorted(allowed)}")
    state = _add_slots({}, parameters, rule.slots)
    scratch = {key: np.empty_like(p) for key, p in parameters.items()}
    learning_rate = float(learning_rate)

    def step(grads):
        rule.kernel(parameters, grads, state, learning_rate, scratch, **options)

    return step


def update_parameters(parameters, grads, learning_rate):
    """One gradient-descent step; returns a new dict and leaves ``parameters`` unchanged."""
    new_parameters, _ = gd(parameters, grads, None, learning_rate)
    return new_parameters
