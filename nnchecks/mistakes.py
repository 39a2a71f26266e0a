"""Naming a known mistake: a wrong result that equals what a usual mistake gives says which it is.

A mistake is a pair ``(wrong_value, message)``; values are arrays or nested dicts and tuples of
them, like the results of the backward passes.
"""
import numpy as np

from .failures import fail


def matches(got, value, rtol=1e-6, atol=1e-9):
    """True if ``got`` has the structure of ``value`` (dicts, tuples, arrays) and its values."""
    if isinstance(value, dict):
        return isinstance(got, dict) and all(k in got and matches(got[k], v, rtol, atol)
                                             for k, v in value.items())
    if isinstance(value, tuple):
        return (isinstance(got, (tuple, list)) and len(got) == len(value)
                and all(matches(g, v, rtol, atol) for g, v in zip(got, value)))
    return (isinstance(got, np.ndarray) and got.shape == np.shape(value)
            and got.dtype.kind in "biuf" and np.allclose(got, value, rtol=rtol, atol=atol))


def diagnose(name, got, expected, mistakes, rtol=1e-6, atol=1e-9):
    """If ``got`` is not ``expected`` but matches a known wrong answer, say which mistake it is."""
    if matches(got, expected, rtol, atol):
        return
    for wrong, message in mistakes:
        if matches(got, wrong, rtol, atol):
            fail(f"{name} is not right: {message}")


def scaled(value, factor):
    """``value`` (an array, or dicts and tuples of arrays) times ``factor``."""
    if isinstance(value, dict):
        return {k: scaled(v, factor) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(scaled(v, factor) for v in value)
    return value * factor
