"""Class labels and one-hot columns: the one place where the course converts between them.

A classifier's targets come in two shapes: labels, one class index per example, as a row
(1, m) (or a flat (m,)); and one-hot columns (k, m) with ``Y[c, i] == 1`` where example i is of
class c. A network's output AL is one of those shapes too: a row of sigmoid outputs in [0, 1],
or columns of k softmax probabilities.
"""
import numpy as np

from ._validation import check_float_dtype


def one_hot(labels, n_classes=10, dtype=np.float64):
    """Labels (m,) or (1, m), whole numbers in 0..n_classes-1 -> one-hot columns (n_classes, m).

    >>> one_hot([2, 0], n_classes=3)
    array([[0., 1.],
           [0., 0.],
           [1., 0.]])
    """
    dt = check_float_dtype(dtype)
    if isinstance(n_classes, bool) or not isinstance(n_classes, (int, np.integer)) or n_classes < 1:
        raise ValueError(f"n_classes must be a positive integer, got {n_classes!r}")
    arr = np.asarray(labels)
    if arr.ndim == 2 and arr.shape[0] == 1:
        arr = arr[0]
    if arr.ndim != 1:
        raise ValueError(f"labels must have shape (m,) or (1, m), got shape {arr.shape}")
    if arr.dtype.kind == "f":
        if not np.all(np.isfinite(arr)) or not np.all(arr == np.round(arr)):
            raise ValueError("labels must be whole numbers (class indices), got non-integer values")
        arr = arr.astype(np.int64)
    elif arr.dtype.kind not in "iu":
        raise ValueError(f"labels must be integers (class indices), got dtype {arr.dtype}")
    if arr.size and (arr.min() < 0 or arr.max() >= n_classes):
        bad = arr[(arr < 0) | (arr >= n_classes)][0]
        raise ValueError(f"labels must be in 0..{n_classes - 1} for n_classes={n_classes}, found label {bad}")
    Y = np.zeros((int(n_classes), arr.size), dtype=dt)
    Y[arr, np.arange(arr.size)] = 1
    return Y


def to_labels(Y, name="Y"):
    """Integer class labels of shape (1, m) from any of the shapes a classifier's targets or
    outputs come in:

    * labels (m,) or (1, m), whole numbers: returned as a (1, m) int64 row;
    * one row of outputs that are not all whole numbers (a sigmoid unit's): 1 where the output
      is above 0.5, else 0;
    * columns (k, m) with k >= 2, one-hot or probabilities: the row of the largest entry.
    """
    Y = np.asarray(Y)
    if Y.ndim == 1:
        Y = Y.reshape(1, -1)
    if Y.ndim != 2 or Y.dtype.kind not in "biuf":
        raise ValueError(f"{name} must be labels (1, m) or columns (k, m) of numbers, got "
                         f"shape {Y.shape} and dtype {Y.dtype}")
    if Y.shape[0] > 1:
        return Y.argmax(axis=0).reshape(1, -1)
    if np.all(Y == np.round(Y)):
        return Y.astype(np.int64)
    return (Y > 0.5).astype(np.int64)
