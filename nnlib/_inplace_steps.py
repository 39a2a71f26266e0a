"""The training loop's update steps: the formulas of ``nnlib.optimizers``, computed in place.

Allocating and zeroing fresh arrays for every step of a mini-batch loop costs as much as the
arithmetic, so :func:`nnlib.train` updates its parameters and state in place and writes
temporaries into one scratch array per parameter. tests/nnlib/test_training.py checks that
training with these steps gives the parameters that the readable rules give.
"""
import numpy as np

from ._validation import check_choice
from .optimizers import OPTIMIZERS


def _gd(parameters, grads, state, learning_rate, scratch):
    for key, p in parameters.items():
        s = scratch[key]
        np.multiply(grads[f"d{key}"], learning_rate, out=s)
        p -= s


def _momentum(parameters, grads, state, learning_rate, scratch, beta=0.9):
    beta = float(beta)
    for key, p in parameters.items():
        v, s = state[f"v_{key}"], scratch[key]
        v *= beta
        np.multiply(grads[f"d{key}"], 1 - beta, out=s)
        v += s
        np.multiply(v, learning_rate, out=s)
        p -= s


def _adam(parameters, grads, state, learning_rate, scratch, beta1=0.9, beta2=0.999, epsilon=1e-8):
    beta1, beta2, epsilon = float(beta1), float(beta2), float(epsilon)
    state["t"] += 1
    t = state["t"]
    # lr * m_hat / (sqrt(v_hat) + eps), with m_hat = m / c1 and v_hat = v / c2, equals
    # (lr * sqrt(c2) / c1) * m / (sqrt(v) + eps * sqrt(c2)): two scalars instead of two passes
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


# the in-place step and the state arrays it keeps per parameter (e.g. m_W1, v_W1)
_STEPS = {"gd": (_gd, ()), "momentum": (_momentum, ("v",)), "adam": (_adam, ("m", "v"))}


def stepper(name, parameters, learning_rate, options):
    """An in-place ``step(grads)`` of optimizer ``name`` on ``parameters`` (updated in place).

    State and scratch arrays are allocated once here; an unknown option raises ValueError now,
    not in the middle of training.
    """
    optimizer = check_choice("optimizer", name, OPTIMIZERS)
    unknown = sorted(set(options) - set(optimizer.options))
    if unknown:
        raise ValueError(f"unknown optimizer_options {unknown} for {name!r}; "
                         f"it takes {sorted(optimizer.options)}")
    kernel, slots = _STEPS[name]
    state = {f"{slot}_{key}": np.zeros_like(p) for slot in slots for key, p in parameters.items()}
    state["t"] = 0
    scratch = {key: np.empty_like(p) for key, p in parameters.items()}
    learning_rate = float(learning_rate)

    def step(grads):
        kernel(parameters, grads, state, learning_rate, scratch, **options)

    return step
