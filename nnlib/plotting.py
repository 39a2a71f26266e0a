"""Pictures for the notebooks: cost curves, decision boundaries, digit grids, confusion matrices.

The only nnlib module that imports matplotlib.
"""
import matplotlib.pyplot as plt
import numpy as np


def _axes(ax, figsize=(5, 3.5)):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def plot_costs(curves, ax=None, log=False, xlabel="epoch", title=None):
    """Cost curves: ``curves`` maps a label to a sequence of costs (or is one sequence)."""
    ax = _axes(ax)
    if not isinstance(curves, dict):
        curves = {"cost": curves}
    for label, costs in curves.items():
        ax.plot(np.arange(1, len(costs) + 1), costs, label=label)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("cost")
    if log:
        ax.set_yscale("log")
    if len(curves) > 1:
        ax.legend()
    if title:
        ax.set_title(title)
    return ax


def plot_decision_boundary(predict_labels, X, Y, ax=None, resolution=200, title=None):
    """Shade the plane by ``predict_labels(grid)`` and scatter the examples coloured by Y.

    ``predict_labels`` takes points of shape (2, k) and returns labels of shape (1, k).
    """
    ax = _axes(ax, figsize=(4.5, 4))
    pad = 0.5
    x0 = np.linspace(X[0].min() - pad, X[0].max() + pad, resolution)
    x1 = np.linspace(X[1].min() - pad, X[1].max() + pad, resolution)
    G0, G1 = np.meshgrid(x0, x1)
    labels = np.asarray(predict_labels(np.vstack([G0.ravel(), G1.ravel()]))).reshape(G0.shape)
    ax.contourf(G0, G1, labels, alpha=0.3, cmap="coolwarm")
    ax.scatter(X[0], X[1], c=np.ravel(Y), s=12, cmap="coolwarm", edgecolors="k", linewidths=0.3)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    if title:
        ax.set_title(title)
    return ax


def show_digits(X, labels=None, predicted=None, n_cols=10, n=None, size=1.0):
    """A grid of 28 x 28 digits from the columns of X (784, m), titled by label (and prediction)."""
    X = np.asarray(X)
    n = X.shape[1] if n is None else min(n, X.shape[1])
    n_rows = max(1, -(-n // n_cols))
    fig, axes = plt.subplots(n_rows, n_cols, figsize=(n_cols * size, n_rows * size * 1.15))
    for i, ax in enumerate(np.ravel(axes)):
        ax.axis("off")
        # no ticks at all, not just hidden ones: laying out and drawing 20 panels then skips
        # making their tick labels (half the time of the figure; the picture is the same)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.xaxis.set_visible(False)
        ax.yaxis.set_visible(False)
        if i >= n:
            continue
        ax.imshow(X[:, i].reshape(28, 28), cmap="gray_r")
        if labels is not None:
            title = str(np.ravel(labels)[i])
            if predicted is not None:
                title += f"→{np.ravel(predicted)[i]}"
            ax.set_title(title, fontsize=8)
    fig.tight_layout()
    return fig


def plot_confusion_matrix(counts, ax=None, class_names=None):
    """Heat map of a confusion matrix with the count written in every cell."""
    counts = np.asarray(counts)
    ax = _axes(ax, figsize=(5, 4.5))
    ax.imshow(counts, cmap="Blues")
    k = counts.shape[0]
    names = class_names if class_names is not None else range(k)
    ax.set_xticks(range(k), names)
    ax.set_yticks(range(k), names)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    threshold = counts.max() / 2
    for i in range(k):
        for j in range(k):
            ax.text(j, i, counts[i, j], ha="center", va="center", fontsize=7,
                    color="white" if counts[i, j] > threshold else "black")
    return ax
