"""Predictions and how good they are."""
import numpy as np

from .forward import model_forward
from .labels import to_labels


def predict(X, parameters, hidden_activation="relu", output_activation="sigmoid"):
    """Class labels of shape (1, m): AL > 0.5 for one output unit, the argmax row otherwise."""
    AL, _ = model_forward(X, parameters, hidden_activation, output_activation)
    return to_labels(AL, "AL")


def accuracy(Y_pred, Y_true):
    """Fraction of examples whose predicted label equals the true one, in [0, 1].

    Either argument may be labels of shape (1, m) or (m,), or one-hot columns of shape (k, m).
    """
    pred, true = to_labels(Y_pred, "Y_pred"), to_labels(Y_true, "Y_true")
    if pred.shape != true.shape:
        raise ValueError(f"Y_pred has {pred.shape[1]} examples but Y_true has {true.shape[1]}")
    return float((pred == true).mean())


def confusion_matrix(Y_true, Y_pred, n_classes=None):
    """Counts C of shape (k, k): C[i, j] = examples of true class i predicted as class j.

    Y_true and Y_pred are integer label rows (1, m), the contract of notebook 07's exercise; the
    notebooks convert one-hot targets with :func:`to_labels` first. (Anything ``to_labels``
    reads is accepted here too, converted the same way.)
    """
    true, pred = to_labels(Y_true, "Y_true").ravel(), to_labels(Y_pred, "Y_pred").ravel()
    if true.shape != pred.shape:
        raise ValueError(f"Y_true has {true.size} examples but Y_pred has {pred.size}")
    k = int(max(true.max(initial=0), pred.max(initial=0)) + 1) if n_classes is None else int(n_classes)
    if true.min(initial=0) < 0 or pred.min(initial=0) < 0 or true.max(initial=0) >= k or pred.max(initial=0) >= k:
        raise ValueError(f"labels must lie in 0..{k - 1}")
    counts = np.zeros((k, k), dtype=np.int64)
    np.add.at(counts, (true, pred), 1)
    return counts
