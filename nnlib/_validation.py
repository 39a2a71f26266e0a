"""Argument checks shared by nnlib's public functions.

Every public function validates at its boundary and raises ``ValueError`` with a message that
names the array, its shape and what was expected. Internal kernels (names with a leading
underscore) trust their inputs so that the training loop pays for the checks once.
"""
import functools
from collections.abc import Mapping

import numpy as np

_FLOAT_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))  # native byte order


def is_float_array(x):
    """True for an ndarray (not a subclass) of native float32 or float64: the usual argument,
    which needs no conversion (told apart by dtype identity, without dtype comparisons)."""
    return type(x) is np.ndarray and (x.dtype is _FLOAT_DTYPES[0] or x.dtype is _FLOAT_DTYPES[1])


def as_float_array(x, name):
    """Return ``x`` as a float ndarray without copying floats: float32 stays float32.

    Integers and booleans become float64; anything that is not numeric raises ``ValueError``.
    """
    if is_float_array(x):
        return x  # the usual case (what the lines below return for it)
    array = np.asarray(x)
    if array.dtype == np.float32 or array.dtype == np.float64:
        return array
    if array.dtype.kind in "biuf":
        return array.astype(np.float64)
    raise ValueError(f"{name} must be a numeric array, got dtype {array.dtype}")


def as_matrix(x, name):
    """A 2-D float array; a clear error for any other number of dimensions."""
    array = as_float_array(x, name)
    if array.ndim != 2:
        raise ValueError(
            f"{name} must be 2-D with examples as columns, got shape {array.shape}"
        )
    return array


def check_same_shape(name_a, a, name_b, b):
    if a.shape != b.shape:
        raise ValueError(f"{name_a} has shape {a.shape} but {name_b} has shape {b.shape}")


def check_choice(kind, name, choices):
    """Look ``name`` up in a name -> value table (or check it is one of a tuple of names), or
    say which names exist: "unknown split 'tran'; choose from all, test, train"."""
    if isinstance(name, str) and name in choices:
        # dict first: a plain isinstance check, before the slower one against the Mapping ABC
        return choices[name] if isinstance(choices, (dict, Mapping)) else name
    raise ValueError(f"unknown {kind} {name!r}; choose from {', '.join(sorted(choices))}")


def check_float_dtype(dtype):
    """``np.dtype(dtype)`` if it is a floating-point type, else a ValueError that says so."""
    try:
        dt = np.dtype(dtype)
    except TypeError:
        dt = None
    if dt is None or dt.kind != "f":
        shown = dt.name if dt is not None else repr(dtype)
        raise ValueError(f"dtype must be a floating-point type such as np.float64 or np.float32, got {shown}")
    return dt


def check_layer_dims(layer_dims):
    dims = list(layer_dims)
    if len(dims) < 2 or not all(isinstance(n, (int, np.integer)) and n > 0 for n in dims):
        raise ValueError(
            f"layer_dims must be at least two positive integers (inputs, ..., outputs), got {dims}"
        )
    return [int(n) for n in dims]


def count_layers(parameters):
    """Number of layers L in a parameter dict ``W1, b1, ..., WL, bL``, with its keys checked."""
    if not isinstance(parameters, dict):
        raise ValueError(f"parameters must be a dict of W1, b1, ..., got {type(parameters).__name__}")
    L = len(parameters) // 2
    if L == 0 or parameters.keys() != _layer_keys(L):
        raise ValueError(
            f"parameters must have keys W1, b1, ..., WL, bL; got {sorted(parameters)}"
            " (keys are case-sensitive: 'W1', not 'w1')"
        )
    return L


@functools.cache
def _layer_keys(L):
    """The keys of an L-layer parameter dict, {"W1", "b1", ..., "WL", "bL"}."""
    return frozenset(f"{p}{l}" for l in range(1, L + 1) for p in "Wb")
