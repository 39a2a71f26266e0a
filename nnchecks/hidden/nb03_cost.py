"""Hidden checks for notebook 03: every cost against nnlib.compute_cost (or the exact
cross-entropy from logits) on random inputs of two sizes, including saturated ones."""
import numpy as np

import nnlib

from ..failures import fail
from ..nb03_cost import ALLOWED, LOGITS_OVERFLOW_HINT, bce_from_logits_reference, run_cost
from ..reference import compare_with_reference, random_inputs


def _cost_hidden(fn, exercise, loss, name, make_args, seed, sizes, rtol=1e-6):
    compare_with_reference(fn, lambda AL, Y: nnlib.compute_cost(AL, Y, loss), make_args, name=name,
                           sizes=sizes, seed=seed, rtol=rtol, allowed=ALLOWED[exercise])


def _one_hot(rng, n, m):
    Y = np.zeros((n, m))
    Y[rng.integers(0, n, size=m), np.arange(m)] = 1
    return Y


def check_mse_cost_hidden(fn):
    def make_args(rng, size):
        return rng.normal(size=size), rng.normal(size=size)
    _cost_hidden(fn, "mse_cost", "mse", "mse_cost", make_args, seed=50, sizes=[(1, 6), (3, 40)])


def _bce_args(rng, size):
    return rng.uniform(0.01, 0.99, size=size), rng.integers(0, 2, size=size).astype(float)


def check_bce_cost_hidden(fn):
    _cost_hidden(fn, "bce_cost", "bce", "bce_cost", _bce_args, seed=51, sizes=[(1, 6), (3, 40)])


def _saturated_bce_args(dtype):
    def make_args(rng, size):
        AL = rng.choice([0.0, 1.0, 0.5, 1e-20, 1 - 1e-17], size=size).astype(dtype)
        return AL, rng.integers(0, 2, size=size).astype(dtype)
    return make_args


def check_bce_cost_stable_hidden(fn):
    _cost_hidden(fn, "bce_cost", "bce", "bce_cost (saturated outputs, float64)",
                 _saturated_bce_args(np.float64), seed=52, sizes=[(1, 8), (2, 30)])
    _cost_hidden(fn, "bce_cost", "bce", "bce_cost (saturated outputs, float32: eps = np.finfo(np.float32).eps)",
                 _saturated_bce_args(np.float32), seed=53, sizes=[(1, 8), (2, 30)], rtol=1e-5)


def _ce_args(rng, size):
    n, m = size
    return nnlib.softmax(2 * rng.normal(size=size)), _one_hot(rng, n, m)


def check_ce_cost_hidden(fn):
    _cost_hidden(fn, "ce_cost", "ce", "ce_cost", _ce_args, seed=54, sizes=[(3, 7), (10, 50)])


def check_ce_cost_stable_hidden(fn):
    def make_args(rng, size):
        n, m = size
        AL = _one_hot(rng, n, m)  # confident; right or wrong depending on Y
        AL[:, ::3] = 1 / n
        return AL, _one_hot(rng, n, m)
    _cost_hidden(fn, "ce_cost", "ce", "ce_cost (probabilities of exactly 0 and 1)", make_args, seed=55,
                 sizes=[(3, 9), (10, 40)])


def check_bce_from_logits_hidden(fn):
    def make_args(rng, size):
        return rng.uniform(-8, 8, size=size), rng.integers(0, 2, size=size).astype(float)

    compare_with_reference(fn, lambda Z, Y: nnlib.compute_cost(nnlib.sigmoid(Z), Y, "bce"), make_args,
                           name="bce_from_logits", sizes=[(1, 6), (2, 40)], seed=56,
                           allowed=ALLOWED["bce_from_logits"])


def check_bce_from_logits_saturated_hidden(fn):
    def make_args(rng, size):
        Z = rng.choice([-1.0, 1.0], size=size) * rng.uniform(30, 3000, size=size)
        return Z, rng.integers(0, 2, size=size).astype(float)

    compare_with_reference(fn, bce_from_logits_reference, make_args,
                           name="bce_from_logits (logits of +-30 to +-3000)", sizes=[(1, 6), (2, 40)],
                           seed=57, allowed=ALLOWED["bce_from_logits"], rtol=1e-9)
    rng = random_inputs(58)
    Z, Y = make_args(rng, (3, 20))
    _, messages = run_cost(fn, "bce_from_logits", Z, Y)
    if messages:
        fail(f"bce_from_logits warned {messages[0]!r} for large random logits", LOGITS_OVERFLOW_HINT)
