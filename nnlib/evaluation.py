"""Predictions and how good they are."""
import numpy as np

from ._validation import as_matrix
from .forward import model_forward


def predict(X, parameters, hidden_activation="relu", output_activation="sigmoid"):
    """Class labels of shape (1, m): AL > 0.5 for one output unit, the argmax row otherwise."""
    AL, _ = model_forward(X, parameters, hidden_activation, output_activation)
    return labels_from_outputs(AL)


def labels_from_outputs(AL):
    """(1, m) integer labels from outputs (n[L], m): threshold 0.5 if n[L] == 1, else argmax."""
    AL = as_matrix(AL, "AL")
    if AL.shape[0] == 1:
        return (AL > 0.5).astype(np.int64)
    return AL.argmax(axis=0).reshape(1, -1)


def as_labels(Y, name="Y"):
    """(1, m) integer labels from labels of shape (m,) or (1, m), or one-hot columns (k, m)."""
    Y = np.asarray(Y)
    if Y.ndim == 1:
        Y = Y.reshape(1, -1)
    if Y.ndim != 2:
        raise ValueError(f"{name} must be labels (1, m) or one-hot (k, m), got shape {Y.shape}")
    if Y.shape[0] > 1:
        return Y.argmax(axis=0).reshape(1, -1)
    return Y.astype(np.int64)


def accuracy(Y_pred, Y_true):
    """Fraction of examples whose predicted label equals the true one, in [0, 1].

    Either argument may be labels of shape (1, m) or (m,), or one-hot columns of shape (k, m).
    """
    pred, true = as_labels(Y_pred, "Y_pred"), as_labels(Y_true, "Y_true")
    if pred.shape != true.shape:
        raise ValueError(f"Y_pred has {pred.shape[1]} examples but Y_true has {true.shape[1]}")
    return float((pred == true).mean())


def confusion_matrix(Y_true, Y_pred, n_classes=None):
    """Counts C of shape (k, k): C[i, j] = examples of true class i predicted as class j."""
    true, pred = as_labels(Y_true, "Y_true").ravel(), as_labels(Y_pred, "Y_pred").ravel()
    if true.shape != pred.shape:
        raise ValueError(f"Y_true has {true.size} examples but Y_pred has {pred.size}")
    k = int(max(true.max(initial=0), pred.max(initial=0)) + 1) if n_classes is None else int(n_classes)
    if true.min(initial=0) < 0 or pred.min(initial=0) < 0 or true.max(initial=0) >= k or pred.max(initial=0) >= k:
        raise ValueError(f"labels must lie in 0..{k - 1}")
    counts = np.zeros((k, k), dtype=np.int64)
    np.add.at(counts, (true, pred), 1)
    return counts
