"""Cost functions.

``compute_cost`` is the mean over the m examples of a per-example loss. ``loss_gradient`` is the
derivative of the *per-example* loss with respect to AL (not divided by m): following the source
notes, the 1/m of the mean is applied once, in ``linear_backward``.

Probabilities are clipped to [eps, 1 - eps] (eps = machine epsilon of the dtype) before any log
or division, so outputs of exactly 0 or 1 give a large finite cost instead of ``log(0)``.
"""
import numpy as np

from ._validation import as_matrix, check_choice, check_same_shape


def _clip(AL):
    eps = np.finfo(AL.dtype).eps
    return np.clip(AL, eps, 1 - eps)


def _bce(AL, Y):
    P = _clip(AL)
    return -(Y * np.log(P) + (1 - Y) * np.log1p(-P)).sum() / AL.shape[1]


def _bce_gradient(AL, Y):
    P = _clip(AL)
    return (P - Y) / (P * (1 - P))


def _ce(AL, Y):
    return -(Y * np.log(_clip(AL))).sum() / AL.shape[1]


def _ce_gradient(AL, Y):
    return -Y / _clip(AL)


def _mse(AL, Y):
    D = AL - Y
    return (D * D).sum() / (2 * AL.shape[1])


def _mse_gradient(AL, Y):
    return AL - Y


LOSSES = {
    "bce": (_bce, _bce_gradient),
    "ce": (_ce, _ce_gradient),
    "mse": (_mse, _mse_gradient),
}
"""name -> (cost(AL, Y), per-example gradient(AL, Y))."""

COMPATIBLE_OUTPUTS = {
    "bce": {"sigmoid"},
    "ce": {"softmax"},
    "mse": {"linear", "sigmoid", "tanh", "relu", "leaky_relu", "softmax"},
}
"""Which output activations each loss makes sense with (bce needs (0, 1), ce a distribution)."""


def get_loss(name):
    return check_choice("loss", name, LOSSES)


def check_output_for_loss(output_activation, loss):
    get_loss(loss)
    if output_activation not in COMPATIBLE_OUTPUTS[loss]:
        choices = ", ".join(sorted(COMPATIBLE_OUTPUTS[loss]))
        raise ValueError(
            f"loss {loss!r} needs output_activation in {{{choices}}}, got {output_activation!r}"
        )


def _checked(AL, Y):
    AL, Y = as_matrix(AL, "AL"), as_matrix(Y, "Y")
    check_same_shape("AL", AL, "Y", Y)
    return AL, Y.astype(AL.dtype, copy=False)


def compute_cost(AL, Y, loss="bce"):
    """Mean cost over the m examples.

    Parameters
    ----------
    AL : ndarray of shape (n[L], m), the network's outputs
    Y : ndarray of shape (n[L], m): 0/1 labels for ``bce``, one-hot columns for ``ce``,
        targets for ``mse``
    loss : {"bce", "ce", "mse"}
        ``bce`` -(1/m) sum(Y log AL + (1-Y) log(1-AL)); ``ce`` -(1/m) sum(Y log AL);
        ``mse`` (1/2m) sum((AL - Y)**2).

    Returns
    -------
    float
    """
    cost, _ = get_loss(loss)
    return float(cost(*_checked(AL, Y)))


def loss_gradient(AL, Y, loss="bce"):
    """dL/dAL of the per-example loss, shape (n[L], m); divide by m for the gradient of the mean."""
    _, gradient = get_loss(loss)
    return gradient(*_checked(AL, Y))
