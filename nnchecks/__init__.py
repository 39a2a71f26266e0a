"""Checks that grade a learner's functions against nnlib.

Notebook test cells are one short call each (``check_relu(relu)``); the calls live in one module
per notebook (``nnchecks.nb02_forward``, ...) and all share the helpers below, which check in the
order type -> shape -> values and say what is wrong: which array, which entry, expected vs got.

A failed check raises :class:`CheckFailed`, an ``AssertionError`` that Jupyter shows as its
message alone rather than as a traceback through this module. A visible check that passes ends
with :func:`passed`, one line such as ``✓ relu: the visible checks pass``; hidden checks print
nothing.
"""
import contextlib
import copy
import sys

import numpy as np


class CheckFailed(AssertionError):
    """A check that did not pass; the message says what was expected and what came back."""

    def _render_traceback_(self):  # IPython: show the message, not our stack frames
        return [f"\x1b[0;31mCheckFailed\x1b[0m: {self}"]


def fail(message, hint=None):
    raise CheckFailed(message + (f"\nHint: {hint}" if hint else ""))


def passed(name, detail=None):
    """The one line a visible check prints when it passes: ``✓ NAME: the visible checks pass``.

    ``detail`` (optional) adds what was measured, e.g. an accuracy, after a semicolon.
    """
    print(f"\u2713 {name}: the visible checks pass" + (f"; {detail}" if detail else ""))


def _where_in_learner_code(error):
    """'line N: <code>' of the innermost frame that is not nnlib or numpy, if any."""
    import traceback

    frames = [f for f in traceback.extract_tb(error.__traceback__)
              if "nnlib" not in f.filename and "numpy" not in f.filename]
    if not frames:
        return ""
    frame = frames[-1]
    return f"\n  in {frame.name}, line {frame.lineno}: {frame.line}"


def call(fn, *args, name=None, **kwargs):
    """Call the learner's ``fn`` and turn any exception into a short CheckFailed."""
    name = name or getattr(fn, "__name__", "your function")
    if not callable(fn):
        fail(f"{name} should be a function, got {type(fn).__name__}")
    try:
        return fn(*args, **kwargs)
    except NotImplementedError:
        fail(f"{name} is not implemented yet: replace `raise NotImplementedError()` with your code")
    except CheckFailed:
        raise
    except Exception as error:  # the learner's bug: say what and where, without a traceback wall
        fail(f"{name} raised {type(error).__name__}: {error}{_where_in_learner_code(error)}")


def expect_array(name, got, expected, rtol=1e-6, atol=1e-8, hint=None):
    """``got`` must be an ndarray of ``expected``'s shape whose entries match within tolerance."""
    expected = np.asarray(expected)
    if isinstance(got, (list, tuple)) or np.isscalar(got) or got is None:
        fail(f"{name} should be a numpy array, got {type(got).__name__}", hint)
    if not isinstance(got, np.ndarray):
        fail(f"{name} should be a numpy array, got {type(got).__name__}", hint)
    if got.shape != expected.shape:
        fail(f"{name} has shape {got.shape}; expected {expected.shape}", hint)
    if got.dtype.kind not in "biuf":
        fail(f"{name} has dtype {got.dtype}; expected numbers", hint)
    if np.isnan(got).any() and not np.isnan(expected).any():
        index = tuple(int(i) for i in np.argwhere(np.isnan(got))[0])
        fail(f"{name}{list(index)} is nan; expected {expected[index]:.6g}", hint)
    error = np.abs(got.astype(np.float64) - expected) - rtol * np.abs(expected)
    if expected.size and error.max() > atol:
        index = np.unravel_index(np.argmax(error), expected.shape)
        where = list(int(i) for i in index)
        fail(f"{name}{where} is {got[index]:.6g}; expected {expected[index]:.6g} "
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
    if got != expected:
        fail(f"{name} is {got!r}; expected {expected!r}", hint)


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


def call_on_copies(fn, name, *args, labels=None, **kwargs):
    """Call the learner's function on deep copies of ``args``; the copies must stay unchanged."""
    given, originals = snapshot(*args), snapshot(*args)
    got = call(fn, *given, name=name, **kwargs)
    expect_unchanged(name, given, originals, labels)
    return got


class _Watcher:
    """The profile function of :func:`watching`; ``seen`` is the first watched function that ran,
    ``replaced`` tells whether the code in the block put another profiler (or none) in its place."""

    def __init__(self, codes):
        self.codes, self.seen, self.replaced = codes, None, False

    def __call__(self, frame, event, arg):
        if event == "call" and frame.f_code in self.codes and self.seen is None:
            self.seen = frame.f_code.co_name


@contextlib.contextmanager
def watching(functions):
    """Notice, within the ``with`` block, whether any of ``functions`` (Python functions) runs.

    Yields an object whose ``seen`` is the name of the first of them that was called inside the
    block (however it was imported or renamed), or None if none was. The watching is done with
    ``sys.setprofile``, so code in the block that switches the profiler off would go unwatched:
    ``replaced`` is then True. The profiler in place before the block is put back when it ends,
    also when it ends with an exception::

        with watching([nnlib.relu]) as watch:
            learner_relu(Z)
        if watch.seen: ...
    """
    watcher = _Watcher({f.__code__ for f in functions})
    previous = sys.getprofile()
    sys.setprofile(watcher)
    try:
        yield watcher
    finally:
        watcher.replaced = sys.getprofile() is not watcher
        sys.setprofile(previous)


def call_watching(fn, forbidden, *args, name=None, **kwargs):
    """Call ``fn`` and fail if it calls any of the ``forbidden`` (nnlib) functions.

    The exercises ask for the learner's own implementation: handing the work to the nnlib
    function the notebook is teaching scores nothing, however it was imported or renamed.
    """
    name = name or getattr(fn, "__name__", "your function")
    with watching(forbidden) as watch:
        result = call(fn, *args, name=name, **kwargs)
    if watch.seen:
        fail(f"{name} calls nnlib's {watch.seen}: this exercise asks for your own implementation")
    if watch.replaced:
        fail(f"{name} switched off the profiler (sys.setprofile) that lets this check see which "
             "functions it calls: write your own implementation and leave the profiler alone")
    return result


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
            expect_same(f"{name}[{key!r}]", got[key], expected[key], rtol, atol, hint)
    elif isinstance(expected, (tuple, list)):
        if not isinstance(got, (tuple, list)):
            fail(f"{name} should be a tuple of {len(expected)} items, got {type(got).__name__}", hint)
        if len(got) != len(expected):
            fail(f"{name} has {len(got)} items; expected {len(expected)}", hint)
        for i, (g, e) in enumerate(zip(got, expected)):
            expect_same(f"{name}[{i}]", g, e, rtol, atol, hint)
    elif isinstance(expected, np.ndarray):
        expect_array(name, got, expected, rtol, atol, hint)
    else:
        expect_close(name, got, float(expected), rtol, atol, hint)


def compare_with_reference(fn, reference, make_args, *, name, sizes, seed, forbidden=None,
                           rtol=1e-6, atol=1e-8, labels=None):
    """Hidden test: ``fn`` agrees with nnlib's ``reference`` on random inputs of several sizes.

    ``make_args(rng, size)`` returns the argument tuple for one size. The learner's function
    gets deep copies, must leave them unchanged and must not call ``forbidden`` (default: the
    reference itself).
    """
    rng = random_inputs(seed)
    for size in sizes:
        args = make_args(rng, size)
        given, originals = snapshot(*args), snapshot(*args)
        got = call_watching(fn, forbidden or [reference], *given, name=name)
        expect_unchanged(name, given, originals, labels)
        expect_same(f"{name} on random inputs of size {size}: result", got, reference(*args), rtol, atol)


def random_inputs(seed):
    """A seeded generator for hidden tests, so a failure can be reproduced."""
    return np.random.default_rng(seed)
