"""train's update steps: the formulas of ``nnlib.optimizers``, computed in place on flat arrays.

A step updates one flat array holding every parameter (``nnlib._inplace_passes``), so each
operation of a rule is one numpy call, and nothing is allocated. Every constant factor the rules
apply to the gradient is asked of the backward pass instead (``step.scale``: the gradient
arrives multiplied by it), and the bias corrections of Adam go into two scalars, which saves
passes over the parameters:

* gd:       p <- p - g'                       with g' = lr dp
* momentum: V <- beta V + g';  p <- p - V     with g' = lr (1 - beta) dp, V = lr v
* adam:     M <- beta1 M + g';  V <- beta2 V + g'**2;  p <- p - step M / (sqrt(V) + eps')
            with g' = (1 - beta1) dp, so M = m and V = v (1 - beta1)**2 / (1 - beta2)

tests/nnlib/test_training.py checks that training with these steps gives the parameters that
the readable rules give.
"""
import numpy as np

from ._validation import check_choice
from .optimizers import OPTIMIZERS


class _GD:
    def __init__(self, flat, learning_rate):
        self.flat, self.scale = flat, learning_rate

    def __call__(self, g):
        self.flat -= g


class _Momentum:
    def __init__(self, flat, learning_rate, beta=0.9):
        self.flat, self.beta = flat, float(beta)
        self.scale = learning_rate * (1 - self.beta)
        self.V = np.zeros_like(flat)

    def __call__(self, g):
        self.V *= self.beta
        self.V += g
        self.flat -= self.V


class _Adam:
    def __init__(self, flat, learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8):
        self.flat, self.learning_rate = flat, learning_rate
        self.beta1, self.beta2, self.epsilon = float(beta1), float(beta2), float(epsilon)
        self.scale = 1 - self.beta1
        self.M, self.V, self.s = np.zeros_like(flat), np.zeros_like(flat), np.empty_like(flat)
        self.t = 0

    def __call__(self, g):
        b1, b2 = self.beta1, self.beta2
        self.t += 1
        # sqrt(v_hat) = r sqrt(V): lr m_hat / (sqrt(v_hat) + eps) = step M / (sqrt(V) + eps / r)
        r = ((1 - b2) / (1 - b2**self.t)) ** 0.5 / (1 - b1)  # Python floats keep float32 in float32
        step = self.learning_rate / ((1 - b1**self.t) * r)
        M, V, s = self.M, self.V, self.s
        M *= b1
        M += g
        V *= b2
        np.square(g, out=g)
        V += g
        np.sqrt(V, out=s)
        s += self.epsilon / r
        np.divide(M, s, out=s)
        s *= step
        self.flat -= s


_STEPS = {"gd": _GD, "momentum": _Momentum, "adam": _Adam}


def stepper(name, flat, learning_rate, options):
    """An in-place ``step(g)`` of optimizer ``name`` on the flat parameter array ``flat``.

    ``step.scale``: the factor ``g`` must carry (g = step.scale * the gradient); ``step`` may
    overwrite ``g``. An unknown option raises ValueError now, not in the middle of training.
    """
    optimizer = check_choice("optimizer", name, OPTIMIZERS)
    unknown = sorted(set(options) - set(optimizer.options))
    if unknown:
        raise ValueError(f"unknown optimizer_options {unknown} for {name!r}; "
                         f"it takes {sorted(optimizer.options)}")
    for key in ("beta", "beta1", "beta2"):
        if key in options and not 0 <= options[key] < 1:
            raise ValueError(f"optimizer_options {key} must be in [0, 1), got {options[key]!r}")
    return _STEPS[name](flat, float(learning_rate), **options)
