"""Update rules: gradient descent, momentum and Adam.

Every rule has the signature ``rule(parameters, grads, state, learning_rate, **options)`` and
returns ``(new_parameters, new_state)``. ``state`` holds the rule's own memory (velocities,
moment estimates, step count) outside the parameters; pass ``None`` on the first step.
With ``inplace=True`` the arrays in ``parameters`` and ``state`` are updated in place instead of
copied, which is what :func:`nnlib.train` does with its private copies.
"""
import numpy as np

from ._validation import check_choice, check_same_shape, count_layers


def _prepare(parameters, grads, state, inplace, slots):
    """Check the dicts, copy them unless ``inplace``, and create missing state slots."""
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
    for slot in slots:
        for key, value in parameters.items():
            state.setdefault(f"{slot}_{key}", np.zeros_like(value))
    return parameters, state


def gd(parameters, grads, state=None, learning_rate=0.01, inplace=False):
    """Gradient descent: p <- p - learning_rate * dp. Keeps no state."""
    parameters, state = _prepare(parameters, grads, state, inplace, slots=())
    lr = float(learning_rate)
    for key, p in parameters.items():
        p -= lr * grads[f"d{key}"]
    return parameters, state


def momentum(parameters, grads, state=None, learning_rate=0.01, beta=0.9, inplace=False):
    """Momentum: v <- beta v + (1 - beta) dp; p <- p - learning_rate * v.

    ``state`` holds one velocity ``v_<key>`` per parameter, zeros at the start.
    """
    parameters, state = _prepare(parameters, grads, state, inplace, slots=("v",))
    lr, beta = float(learning_rate), float(beta)
    for key, p in parameters.items():
        v = state[f"v_{key}"]
        v *= beta
        v += (1 - beta) * grads[f"d{key}"]
        p -= lr * v
    return parameters, state


def adam(parameters, grads, state=None, learning_rate=0.001, beta1=0.9, beta2=0.999,
         epsilon=1e-8, inplace=False):
    """Adam with bias correction.

    m <- beta1 m + (1 - beta1) dp;  v <- beta2 v + (1 - beta2) dp**2;  t <- t + 1
    p <- p - learning_rate * m_hat / (sqrt(v_hat) + epsilon), where
    m_hat = m / (1 - beta1**t) and v_hat = v / (1 - beta2**t).

    ``state`` holds ``m_<key>``, ``v_<key>`` per parameter and the step count ``t``.
    """
    parameters, state = _prepare(parameters, grads, state, inplace, slots=("m", "v"))
    beta1, beta2, epsilon = float(beta1), float(beta2), float(epsilon)
    t = int(state.get("t", 0)) + 1
    state["t"] = t
    step = float(learning_rate) / (1 - beta1**t)
    v_scale = 1 / np.sqrt(1 - beta2**t)  # sqrt(v_hat) = sqrt(v) * v_scale
    for key, p in parameters.items():
        g, m, v = grads[f"d{key}"], state[f"m_{key}"], state[f"v_{key}"]
        m *= beta1
        m += (1 - beta1) * g
        scratch = np.square(g)
        scratch *= 1 - beta2
        v *= beta2
        v += scratch
        np.sqrt(v, out=scratch)
        scratch *= float(v_scale)
        scratch += epsilon
        np.divide(m, scratch, out=scratch)
        scratch *= step
        p -= scratch
    return parameters, state


OPTIMIZERS = {"gd": gd, "momentum": momentum, "adam": adam}


def get_optimizer(name):
    return check_choice("optimizer", name, OPTIMIZERS)


def update_parameters(parameters, grads, learning_rate):
    """One gradient-descent step; returns a new dict and leaves ``parameters`` unchanged."""
    new_parameters, _ = gd(parameters, grads, None, learning_rate)
    return new_parameters
