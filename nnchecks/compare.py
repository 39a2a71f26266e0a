"""Comparisons of a learner's result with the expected one, in the order type -> shape -> values.

Each ``expect_*`` returns nothing when the result is right and raises
:class:`~nnchecks.failures.CheckFailed` naming what is wrong otherwise: which array, which entry,
expected vs got.
"""
import copy

import numpy as np

from .failures import fail


def _outside_brackets(text):
    """(position, character) of the characters of ``text`` that are outside (), [] and {}."""
    depth = 0
    for i, char in enumerate(text):
        depth -= char in ")]}"
        if depth == 0:
            yield i, char
        depth += char in "([{"


def at(name, index):
    """``name`` with an index or key, e.g. ``"[0, 1]"``, after its expression: ``"dW"`` gives
    ``"dW[0, 1]"``, and ``"gradient_norms(grads) for 12 layers (||dW[l]|| = l)"`` gives
    ``"gradient_norms(grads)[1] for 12 layers (||dW[l]|| = l)"``, not ``"... = l)[1]"``. The
    expression starts after the last ": " and ends at the first space, outside brackets."""
    colons = [i for i, char in _outside_brackets(name) if name[i:i + 2] == ": "]
    start = colons[-1] + 2 if colons else 0
    head, expression = name[:start], name[start:]
    for i, char in _outside_brackets(expression):
        if char == " ":
            return f"{head}{expression[:i]}{index}{expression[i:]}"
    return name + index


def expect_array(name, got, expected, rtol=1e-6, atol=1e-8, hint=None):
    """``got`` must be an ndarray of ``expected``'s shape whose entries match within tolerance."""
    expected = np.asarray(expected)
    if not isinstance(got, np.ndarray):
        fail(f"{name} should be a numpy array, got {type(got).__name__}", hint)
    if got.shape != expected.shape:
        fail(f"{name} has shape {got.shape}; expected {expected.shape}", hint)
    if got.dtype.kind not in "biuf":
        fail(f"{name} has dtype {got.dtype}; expected numbers", hint)
    if np.isnan(got).any() and not np.isnan(expected).any():
        index = tuple(int(i) for i in np.argwhere(np.isnan(got))[0])
        fail(f"{at(name, str(list(index)))} is nan; expected {expected[index]:.6g}", hint)
    error = np.abs(got.astype(np.float64) - expected) - rtol * np.abs(expected)
    if expected.size and error.max() > atol:
        index = np.unravel_index(np.argmax(error), expected.shape)
        where = str(list(int(i) for i in index))
        fail(f"{at(name, where)} is {got[index]:.6g}; expected {expected[index]:.6g} "
             f"({int((error > atol).sum())} of {expected.size} entries differ)", hint)


def expect_close(name, got, expected, rtol=1e-6, atol=1e-8, hint=None):
    """A scalar result: a real number within tolerance of ``expected``."""
    if isinstance(got, np.ndarray) and got.size == 1:
        got = got.item()
    if not isinstance(got, (int, float, np.integer, np.floating)) or isinstance(got, bool):
        fail(f"{name} should be a number, got {type(got).__name__}", hint)
    if not abs(float(got) - expected) <= atol + rtol * abs(expected):
        fail(f"{name} is {float(got):.8g}; expected {expected:.8g}", hint)


def expect_equal(name, got, expected, hint=None):
    """``got == expected`` (ints, strings, tuples ...)."""
    if got != expected:
        fail(f"{name} is {got!r}; expected {expected!r}", hint)


def expect_same(name, got, expected, rtol=1e-6, atol=1e-8, hint=None):
    """Recursive comparison: arrays by value, tuples/lists item by item, dicts key by key."""
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            fail(f"{name} should be a dict, got {type(got).__name__}", hint)
        missing = sorted(set(expected) - set(got))
        if missing:
            fail(f"{name} is missing the keys {missing} (it has {sorted(got)})",
                 "keys are case-sensitive: 'W1' is not 'w1'")
        for key in expected:
            expect_same(at(name, f"[{key!r}]"), got[key], expected[key], rtol, atol, hint)
    elif isinstance(expected, (tuple, list)):
        if not isinstance(got, (tuple, list)):
            fail(f"{name} should be a tuple of {len(expected)} items, got {type(got).__name__}", hint)
        if len(got) != len(expected):
            fail(f"{name} has {len(got)} items; expected {len(expected)}", hint)
        for i, (g, e) in enumerate(zip(got, expected)):
            expect_same(at(name, f"[{i}]"), g, e, rtol, atol, hint)
    elif isinstance(expected, np.ndarray):
        expect_array(name, got, expected, rtol, atol, hint)
    else:
        expect_close(name, got, float(expected), rtol, atol, hint)


def snapshot(*arrays):
    """Deep copies of the inputs, to hand to the learner or to compare with afterwards."""
    return copy.deepcopy(arrays)


def _arrays_in(obj, path):
    """(path, array) for every ndarray inside nested tuples, lists, NamedTuples and dicts."""
    if isinstance(obj, np.ndarray):
        yield path, obj
    elif isinstance(obj, dict):
        for key, value in obj.items():
            yield from _arrays_in(value, f"{path}[{key!r}]" if path else repr(key))
    elif isinstance(obj, (tuple, list)):
        fields = getattr(obj, "_fields", None)  # a NamedTuple cache: name its fields
        for i, value in enumerate(obj):
            yield from _arrays_in(value, f"{path}.{fields[i]}" if fields else f"{path}[{i}]")


def expect_unchanged(name, inputs, copies, labels=None):
    """Inputs must not be modified by the learner's function (compare with earlier copies).

    Looks inside caches (tuples, lists, dicts of arrays); ``labels`` name the arguments.
    """
    labels = labels or [None] * len(inputs)
    for i, (now, before, label) in enumerate(zip(inputs, copies, labels)):
        root = label or ("" if isinstance(now, dict) else f"argument {i + 1}")
        for (path, array), (_, old) in zip(_arrays_in(now, root), _arrays_in(before, root)):
            if not np.array_equal(array, old, equal_nan=True):
                fail(f"{name} changed its input {path} in place; work on a new array instead",
                     "`A[A < 0] = 0`, `dZ[Z <= 0] = 0` or `A *= ...` on an argument modifies "
                     "the caller's array")
