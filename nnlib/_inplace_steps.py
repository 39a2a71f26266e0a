"""train's update steps: the formulas of ``nnlib.optimizers``, computed in place on flat arrays.

A step updates one flat array holding every parameter (``nnlib._inplace_passes``) from one flat
array holding every gradient (which it may overwrite), so each operation of a rule is one numpy
call, and nothing is allocated. Adam's bias corrections and its (1 - beta) factors go into
two scalars (see ``_Adam``), which changes the rounding of its results, not their value; gd and
momentum take the operations of nnlib 0.1.0's steps, array by array, and give the same bits.

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
    """Adam on moments kept divided by (1 - beta): ``m_s = m / (1 - beta1)``, ``v_s = v / (1 - beta2)``.

    Then m_s = beta1 * m_s + g and v_s = beta2 * v_s + g**2 need no scaling of g, and
    lr * m_hat / (sqrt(v_hat) + eps) = step * m_s / (sqrt(v_s) + eps_s), with
    step = lr * (1 - beta1) * sqrt(c2) / (c1 * sqrt(1 - beta2)) and eps_s = eps * sqrt(c2 / (1 - beta2))
    (c1 = 1 - beta1**t, c2 = 1 - beta2**t): ten passes over the arrays instead of twelve.
    """

    def __init__(self, flat, learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8):
        self.flat, self.learning_rate = flat, learning_rate
        self.beta1, self.beta2, self.epsilon = float(beta1), float(beta2), float(epsilon)
        self.m_s, self.v_s = np.zeros_like(flat), np.zeros_like(flat)
        self.t = 0

    def __call__(self, g):
        b1, b2 = self.beta1, self.beta2
        self.t += 1
        root_c2 = (1 - b2**self.t) ** 0.5  # Python floats keep float32 arithmetic in float32
        root_v_scale = (1 - b2) ** 0.5
        step = self.learning_rate * (1 - b1) * root_c2 / ((1 - b1**self.t) * root_v_scale)
        m_s, v_s = self.m_s, self.v_s
        m_s *= b1
        m_s += g
        np.square(g, out=g)  # from here on g is scratch: four arrays in the cache, not five
        v_s *= b2
        v_s += g
        np.sqrt(v_s, out=g)
        g += self.epsilon * root_c2 / root_v_scale
        np.divide(m_s, g, out=g)
        g *= step
        self.flat -= g


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
