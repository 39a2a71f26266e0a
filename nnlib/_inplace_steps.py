"""train's update steps: the formulas of ``nnlib.optimizers``, computed in place on flat arrays.

A step updates one flat array holding every parameter (``nnlib._inplace_passes``) from one flat
array holding every gradient (which it may overwrite), so each operation of a rule is one numpy
call, and nothing is allocated. Adam's bias corrections go into two scalars:
lr * m_hat / (sqrt(v_hat) + eps) with m_hat = m / c1 and v_hat = v / c2 equals
(lr * sqrt(c2) / c1) * m / (sqrt(v) + eps * sqrt(c2)). Otherwise every operation is the one the
steps of nnlib 0.1.0 took, array by array, so trained parameters have not changed by a bit.

tests/nnlib/test_training.py checks that training with these steps gives the parameters that
the readable rules give.
"""
import numpy as np

from ._validation import check_choice
from .optimizers import OPTIMIZERS


class _GD:
    def __init__(self, flat, learning_rate):
        self.flat, self.learning_rate = flat, learning_rate

    def __call__(self, g):
        g *= self.learning_rate
        self.flat -= g


class _Momentum:
    def __init__(self, flat, learning_rate, beta=0.9):
        self.flat, self.learning_rate, self.beta = flat, learning_rate, float(beta)
        self.v = np.zeros_like(flat)

    def __call__(self, g):
        v = self.v
        v *= self.beta
        g *= 1 - self.beta
        v += g
        np.multiply(v, self.learning_rate, out=g)
        self.flat -= g


class _Adam:
    def __init__(self, flat, learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8):
        self.flat, self.learning_rate = flat, learning_rate
        self.beta1, self.beta2, self.epsilon = float(beta1), float(beta2), float(epsilon)
        self.m, self.v, self.s = np.zeros_like(flat), np.zeros_like(flat), np.empty_like(flat)
        self.t = 0

    def __call__(self, g):
        b1, b2 = self.beta1, self.beta2
        self.t += 1
        root_c2 = (1 - b2**self.t) ** 0.5  # Python floats keep float32 arithmetic in float32
        step = self.learning_rate * root_c2 / (1 - b1**self.t)
        m, v, s = self.m, self.v, self.s
        m *= b1
        np.multiply(g, 1 - b1, out=s)
        m += s
        np.square(g, out=s)
        s *= 1 - b2
        v *= b2
        v += s
        np.sqrt(v, out=s)
        s += self.epsilon * root_c2
        np.divide(m, s, out=s)
        s *= step
        self.flat -= s


_STEPS = {"gd": _GD, "momentum": _Momentum, "adam": _Adam}


def stepper(name, flat, learning_rate, options):
    """An in-place ``step(g)`` of optimizer ``name`` on the flat parameter array ``flat``, from
    the flat gradient ``g`` (which it may overwrite). An unknown option raises ValueError now,
    not in the middle of training."""
    optimizer = check_choice("optimizer", name, OPTIMIZERS)
    unknown = sorted(set(options) - set(optimizer.options))
    if unknown:
        raise ValueError(f"unknown optimizer_options {unknown} for {name!r}; "
                         f"it takes {sorted(optimizer.options)}")
    return _STEPS[name](flat, float(learning_rate), **options)
