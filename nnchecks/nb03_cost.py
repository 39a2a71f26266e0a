"""Checks for notebook 03 (cost): MSE, binary and categorical cross-entropy, BCE from logits.

Every cost is one number: the mean over the m examples (columns) of a per-example loss. The
expected values come from ``nnlib.compute_cost``, which clips probabilities to [eps, 1 - eps]
with eps = ``np.finfo(AL.dtype).eps`` before taking logs. The hidden checks are in
:mod:`nnchecks.hidden.nb03_cost`.
"""
import numpy as np

import nnlib

from .compare import expect_close, expect_unchanged, snapshot
from .failures import fail, passed
from .nb02_forward import call_recording_warnings

#: The nnlib functions each exercise may call: none, every cost is written from its formula.
ALLOWED = {"mse_cost": (), "bce_cost": (), "ce_cost": (), "bce_from_logits": ()}

CLIP_HINT = ("clip AL to [eps, 1 - eps] before the logs, with eps = np.finfo(AL.dtype).eps "
             "(about 2.2e-16 in float64)")


# --------------------------------------------------------------------------- helpers

def expect_number(name, got, hint=None):
    """A cost is one real number (a float, a numpy scalar or a 0-d array), not a (1, 1) array."""
    if isinstance(got, np.ndarray) and got.ndim > 0:
        fail(f"{name} should be a single number, got an array of shape {got.shape}",
             "sum over all entries (np.sum) or wrap the result in float(...)")
    if isinstance(got, (bool, np.bool_)) or not isinstance(got, (int, float, np.integer, np.floating, np.ndarray)):
        fail(f"{name} should be a number (a float), got {type(got).__name__}", hint)
    return float(got)


def run_cost(fn, name, AL, Y):
    """The learner's cost on copies of (AL, Y): a number, inputs unchanged; also the warnings."""
    given, originals = snapshot(AL, Y), snapshot(AL, Y)
    got, messages = call_recording_warnings(fn, *given, name=name, allowed=ALLOWED[name])
    expect_unchanged(name, given, originals)
    return expect_number(f"{name}(AL, Y)", got), messages


def _first_match(got, candidates):
    """The hint of the first (value, hint) candidate that ``got`` equals, if any."""
    for value, hint in candidates:
        if np.isfinite(got) and np.isclose(got, value, rtol=1e-6, atol=1e-12):
            return hint
    return None


# --------------------------------------------------------------------------- MSE

def check_mse_cost(fn):
    """(1/2m) * sum((AL - Y)**2) on the study-hours grades, and on a 2-output case."""
    cases = [
        (np.array([[0.5, 0.8, 1.0]]), np.array([[0.75, 0.82, 0.93]])),  # 0.0678 / 6 = 0.0113
        (np.array([[0.5, 0.8, 1.0], [0.0, 0.1, 0.2]]), np.array([[0.75, 0.82, 0.93], [0.1, 0.1, 0.1]])),
    ]
    for AL, Y in cases:
        got, _ = run_cost(fn, "mse_cost", AL, Y)
        expected = nnlib.compute_cost(AL, Y, "mse")
        squares, m = ((AL - Y) ** 2).sum(), AL.shape[1]
        hint = _first_match(got, [
            (squares / m, "the course's MSE has 1/2 in front: J = (1/2m) sum (AL - Y)^2 "
                          "(the 1/2 cancels the 2 of the derivative)"),
            (squares / 2, "divide by m, the number of examples (columns of AL)"),
            (squares / (2 * AL.size), "divide by 2m with m = AL.shape[1], the number of examples, "
                                      "not by the number of entries"),
            (-expected, "a sum of squares is never negative: check the sign"),
        ]) or "J = (1/2m) * sum over all entries of (AL - Y)^2, m = number of columns"
        expect_close(f"mse_cost for AL of shape {AL.shape}", got, expected, hint=hint)
    passed("mse_cost")


# --------------------------------------------------------------------------- BCE

def _bce_mistakes(AL, Y, expected):
    m = AL.shape[1]
    positive = -(Y * np.log(AL)).sum()
    both = -(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)).sum()
    return [
        (-expected, "cross-entropy is MINUS the mean log-probability: it is never negative"),
        (both, "divide by m, the number of examples (columns of AL)"),
        (positive / m, "add the (1 - Y) * log(1 - AL) term: it is the loss of the examples with Y = 0"),
    ]


def _expect_bce_values(fn, name):
    """bce_cost on four examples worked by hand, naming the usual mistakes."""
    AL, Y = np.array([[0.9, 0.2, 0.6, 0.5]]), np.array([[1.0, 0.0, 1.0, 0.0]])
    expected = -(np.log(0.9) + np.log(0.8) + np.log(0.6) + np.log(0.5)) / 4  # 0.3831
    got, _ = run_cost(fn, "bce_cost", AL, Y)
    hint = _first_match(got, _bce_mistakes(AL, Y, expected)) or \
        "J = -(1/m) * sum(Y * log(AL) + (1 - Y) * log(1 - AL)), m = number of columns"
    expect_close(name, got, expected, hint=hint)


def check_bce_cost(fn):
    """-(1/m) sum(Y log AL + (1 - Y) log(1 - AL)) on four examples worked by hand."""
    _expect_bce_values(fn, "bce_cost")
    passed("bce_cost")


def _close(got, expected, rtol):
    return bool(np.isclose(got, expected, rtol=rtol, atol=1e-8))


#: Where a stability check first looks when the extreme case is wrong: is it wrong without any
#: 0 or 1 too? Then the message names that mistake, not clipping.
MODERATE = "on the probabilities of its first test (no 0s or 1s, so clipping plays no part)"


def _confident_hint(got, name):
    if np.isnan(got):
        return (f"{name} is nan: a confident right answer makes 0 * log(0) = 0 * (-inf) = nan; "
                + CLIP_HINT)
    if np.isinf(got):
        return f"{name} is inf: a confident wrong answer makes log(0) = -inf; " + CLIP_HINT
    return CLIP_HINT + "; one confident wrong answer then costs -log(eps), about 36.04"


def check_bce_cost_stable(fn):
    """Outputs of exactly 0 and 1 (confidently right and wrong): a finite cost, as nnlib clips.

    In float64 and in float32, whose eps (1.2e-7) is much larger.
    """
    for dtype in (np.float64, np.float32):
        AL = np.array([[1.0, 0.0, 0.0, 1.0, 0.7]], dtype=dtype)
        Y = np.array([[1.0, 0.0, 1.0, 0.0, 1.0]], dtype=dtype)
        got, _ = run_cost(fn, "bce_cost", AL, Y)
        expected = nnlib.compute_cost(AL, Y, "bce")  # float64: (2 * 36.04 + 0.357) / 5
        if not _close(got, expected, 1e-5 if dtype == np.float32 else 1e-6):
            _expect_bce_values(fn, "bce_cost " + MODERATE)
        hint = _confident_hint(got, "the cost")
        if dtype == np.float32 and np.isfinite(got):
            hint = "for float32 arrays eps is np.finfo(np.float32).eps: take eps from AL.dtype"
        expect_close(f"bce_cost with AL = [[1, 0, 0, 1, 0.7]] ({np.dtype(dtype).name}) and Y = [[1, 0, 1, 0, 1]]",
                     got, expected, rtol=1e-5 if dtype == np.float32 else 1e-6, hint=hint)
    passed("bce_cost (outputs of exactly 0 and 1)")


# --------------------------------------------------------------------------- CE

def _expect_ce_values(fn, name):
    """ce_cost for 3 classes and 4 examples worked by hand, naming the usual mistakes."""
    AL = np.array([[0.7, 0.1, 0.2, 0.25],
                   [0.2, 0.3, 0.5, 0.25],
                   [0.1, 0.6, 0.3, 0.5]])
    Y = np.array([[1.0, 0.0, 0.0, 1.0],
                  [0.0, 0.0, 1.0, 0.0],
                  [0.0, 1.0, 0.0, 0.0]])
    expected = -(np.log(0.7) + np.log(0.6) + np.log(0.5) + np.log(0.25)) / 4  # 0.7367
    got, _ = run_cost(fn, "ce_cost", AL, Y)
    total = -(Y * np.log(AL)).sum()
    hint = _first_match(got, [
        (-expected, "cross-entropy is MINUS the mean log-probability of the right class: never negative"),
        (total, "divide by m, the number of examples (columns of AL)"),
        (total / AL.size, "sum over the classes (rows), then take the mean over the m examples: "
                          "divide by AL.shape[1] only"),
        (-(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)).sum() / 4,
         "categorical cross-entropy has only the Y * log(AL) term; the other classes count through "
         "softmax, whose column sums to 1"),
    ]) or "J = -(1/m) * sum(Y * log(AL)): the log-probability of each example's right class"
    expect_close(name, got, expected, hint=hint)


def check_ce_cost(fn):
    """-(1/m) sum(Y log AL) for 3 classes and 4 examples worked by hand."""
    _expect_ce_values(fn, "ce_cost")
    passed("ce_cost")


def check_ce_cost_stable(fn):
    """Probabilities of exactly 0 and 1 in AL: a finite cost, as nnlib clips."""
    AL = np.array([[1.0, 0.0, 0.0, 0.2],
                   [0.0, 1.0, 0.5, 0.3],
                   [0.0, 0.0, 0.5, 0.5]])
    Y = np.array([[1.0, 1.0, 0.0, 0.0],
                  [0.0, 0.0, 0.0, 1.0],
                  [0.0, 0.0, 1.0, 0.0]])
    got, _ = run_cost(fn, "ce_cost", AL, Y)
    expected = nnlib.compute_cost(AL, Y, "ce")  # (36.04 + 0.693 + 1.204) / 4
    if not _close(got, expected, 1e-6):
        _expect_ce_values(fn, "ce_cost " + MODERATE)
    hint = _confident_hint(got, "the cost")
    if np.isnan(got):
        hint = ("the cost is nan: a probability of exactly 0 for a wrong class makes "
                "Y * log(AL) = 0 * (-inf) = nan; " + CLIP_HINT)
    expect_close("ce_cost with exact 0s and 1s in AL", got, expected, hint=hint)
    passed("ce_cost (probabilities of exactly 0 and 1)")


# --------------------------------------------------------------------------- BCE from logits

LOGITS_OVERFLOW_HINT = "exp(-|Z|) is at most 1; never compute exp(Z) or exp(-Z) of a large logit"


def bce_from_logits_reference(Z, Y):
    """The exact mean binary cross-entropy of sigmoid(Z), computed with np.logaddexp.

    -[y log s(z) + (1 - y) log(1 - s(z))] = log(1 + e^z) - y z = logaddexp(0, z) - y z.
    """
    Z, Y = np.asarray(Z, dtype=float), np.asarray(Y, dtype=float)
    return float((np.logaddexp(0, Z) - Z * Y).sum() / Z.shape[1])


def _logits_hint(got, Z, Y):
    if np.isnan(got) or np.isinf(got):
        return ("exp of a large logit overflows: use the form max(Z, 0) - Z * Y + log1p(exp(-|Z|)), "
                "whose exp(-|Z|) is at most 1")
    through_probabilities = nnlib.compute_cost(nnlib.sigmoid(Z), Y, "bce")
    if np.isclose(got, through_probabilities, rtol=1e-6):
        return ("that is the cost of the clipped probabilities sigmoid(Z), capped at 36.04 per example; "
                "compute the loss from Z directly")
    return "loss of one example: max(z, 0) - z * y + log(1 + exp(-|z|)); the cost is the mean over the m columns"


def check_bce_from_logits(fn):
    """Four moderate logits worked by hand: the same cost as bce of sigmoid(Z)."""
    Z, Y = np.array([[0.0, 2.0, -3.0, 0.5]]), np.array([[1.0, 0.0, 0.0, 1.0]])
    got, _ = run_cost(fn, "bce_from_logits", Z, Y)
    expected = bce_from_logits_reference(Z, Y)  # (0.6931 + 2.1269 + 0.0486 + 0.4741) / 4 = 0.8357
    expect_close("bce_from_logits", got, expected, hint=_logits_hint(got, Z, Y))
    passed("bce_from_logits")


def check_bce_from_logits_saturated(fn):
    """Logits of +-1000 and 40: the exact cost (0, 0, 1000, 1000, 40 -> mean 408), no overflow."""
    Z, Y = np.array([[1000.0, -1000.0, 1000.0, -1000.0, 40.0]]), np.array([[1.0, 0.0, 0.0, 1.0, 0.0]])
    got, messages = run_cost(fn, "bce_from_logits", Z, Y)
    expect_close("bce_from_logits with Z = [[1000, -1000, 1000, -1000, 40]]", got, 408.0,
                 hint=_logits_hint(got, Z, Y))
    if messages:
        fail(f"bce_from_logits warned {messages[0]!r} for logits of +-1000", LOGITS_OVERFLOW_HINT)
    passed("bce_from_logits (logits of ±1000)")
