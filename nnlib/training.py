"""The training loop."""
import math

import numpy as np

from ._validation import as_matrix, check_layer_dims
from .activations import get_activation
from .backward import _model_backward
from .evaluation import accuracy, predict
from .forward import _model_forward
from .init import initialize_parameters
from .losses import check_output_for_loss, get_loss
from ._inplace_steps import stepper


class TrainingDiverged(RuntimeError):
    """The cost stopped being a finite number; ``history`` holds the costs up to that epoch."""

    def __init__(self, message, history):
        super().__init__(message)
        self.history = history


def _check_data(X, Y):
    X, Y = as_matrix(X, "X"), as_matrix(Y, "Y")
    if X.shape[1] != Y.shape[1]:
        raise ValueError(f"X has {X.shape[1]} examples (columns) but Y has {Y.shape[1]}")
    return X, Y


def random_mini_batches(X, Y, batch_size=64, seed=0):
    """Shuffle the columns of X and Y together and cut them into mini-batches.

    Parameters
    ----------
    X : ndarray (n[0], m); Y : ndarray (n[L], m)
    batch_size : int, the last batch holds the m % batch_size remaining examples
    seed : int or numpy.random.Generator

    Returns
    -------
    list of (X_batch (n[0], b), Y_batch (n[L], b))
    """
    X, Y = _check_data(X, Y)
    if not isinstance(batch_size, (int, np.integer)) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive integer, got {batch_size!r}")
    order = np.random.default_rng(seed).permutation(X.shape[1])
    return [
        (X[:, order[i:i + batch_size]], Y[:, order[i:i + batch_size]])
        for i in range(0, X.shape[1], batch_size)
    ]


def _batches(XT, YT, batch_size, rng):
    """Yield (X_batch, Y_batch) column views of one shuffled epoch.

    XT, YT hold examples as rows (C order) so that gathering a batch copies whole rows; the
    transposes handed out are column-major views, which matmul uses without copying.
    """
    m = XT.shape[0]
    if batch_size >= m:
        yield XT.T, YT.T
        return
    order = rng.permutation(m)
    for start in range(0, m, batch_size):
        rows = order[start:start + batch_size]
        yield XT[rows].T, YT[rows].T


def _add_weight_decay(grads, parameters, L, l2):
    """Add l2 * W to every dW in place; return the cost term (l2 / 2) * sum of W**2."""
    penalty = 0.0
    for l in range(1, L + 1):
        W = parameters[f"W{l}"]
        grads[f"dW{l}"] += l2 * W
        penalty += float(np.vdot(W, W))
    return 0.5 * l2 * penalty


def train(X, Y, layer_dims, *, hidden_activation="relu", output_activation="sigmoid", loss="bce",
          optimizer="gd", learning_rate=0.01, epochs=1000, batch_size=None, seed=0, init="he",
          parameters=None, optimizer_options=None, l2=0.0, validation_data=None, progress=False,
          dtype=None):
    """Train a fully connected network.

    Parameters
    ----------
    X : ndarray (n[0], m); Y : ndarray (n[L], m)
    layer_dims : [n[0], n[1], ..., n[L]]
    optimizer : {"gd", "momentum", "adam"}; ``optimizer_options`` go to the rule (beta, ...)
    batch_size : None for full batch, 1 for stochastic gradient descent, else mini-batches
        reshuffled every epoch from ``seed``
    init, seed : how to initialize (ignored when ``parameters`` is given to continue training)
    l2 : weight decay: the cost gains (l2 / 2) * sum of squared weights, so every dW gains l2 * W
    validation_data : optional (X_val, Y_val); its accuracy is recorded after every epoch
    progress : show a tqdm progress bar over epochs
    dtype : float32 or float64; default: X's float dtype, float64 for anything else

    Returns
    -------
    parameters : dict W1, b1, ... (new arrays)
    history : dict with "cost", one float per epoch (the l2 term included): the mean over the
        epoch's examples of the cost of each batch, each computed just *before* that batch's
        update. With full batch (one batch) that is the cost of the parameters at the start of the
        epoch, so ``history["cost"][0]`` is the initial cost; with mini-batches the parameters move
        during the epoch, so an entry is the average of costs seen while they move (the first one
        is already below the initial cost). With validation data, also "val_accuracy": the
        accuracy on it after every epoch.

    Raises
    ------
    TrainingDiverged when the cost becomes inf or nan (learning rate too large?).
    """
    X, Y = _check_data(X, Y)
    dims = check_layer_dims(layer_dims)
    if X.shape[0] != dims[0] or Y.shape[0] != dims[-1]:
        raise ValueError(
            f"layer_dims {dims} needs X with {dims[0]} rows and Y with {dims[-1]} rows, "
            f"got X {X.shape} and Y {Y.shape}"
        )
    if not l2 >= 0:
        raise ValueError(f"l2 must be a non-negative number, got {l2!r}")
    if not isinstance(epochs, (int, np.integer)) or epochs < 0:
        raise ValueError(f"epochs must be a non-negative integer, got {epochs!r}")
    if batch_size is not None and (not isinstance(batch_size, (int, np.integer)) or batch_size < 1):
        raise ValueError(f"batch_size must be None (full batch) or a positive integer, got {batch_size!r}")
    check_output_for_loss(output_activation, loss)
    hidden, hidden_backward = get_activation(hidden_activation)
    output, _ = get_activation(output_activation)
    cost_of, _ = get_loss(loss)

    dtype = np.dtype(dtype if dtype is not None else X.dtype)
    if dtype not in (np.float32, np.float64):
        raise ValueError(f"dtype must be float32 or float64, got {dtype}")
    rng = np.random.default_rng(seed)
    if parameters is None:
        parameters = initialize_parameters(dims, method=init, seed=rng, dtype=dtype)
    else:
        expected = {f"W{l}": (dims[l], dims[l - 1]) for l in range(1, len(dims))}
        for key, shape in expected.items():
            if key not in parameters or np.shape(parameters[key]) != shape:
                raise ValueError(f"parameters[{key!r}] must have shape {shape} for layer_dims {dims}")
        parameters = {k: np.array(v, dtype=dtype) for k, v in parameters.items()}
    XT = np.ascontiguousarray(X.T, dtype=dtype)
    YT = np.ascontiguousarray(Y.T, dtype=dtype)
    m, L = XT.shape[0], len(dims) - 1
    batch_size = m if batch_size is None else int(batch_size)

    history = {"cost": []}
    if validation_data is not None:
        X_val, Y_val = _check_data(*validation_data)
        history["val_accuracy"] = []
    step = stepper(optimizer, parameters, learning_rate, dict(optimizer_options or {}))
    dW_buffers = {f"dW{l}": np.empty_like(parameters[f"W{l}"]) for l in range(1, L + 1)}
    epoch_range = range(epochs)
    if progress:
        from tqdm.auto import tqdm

        epoch_range = tqdm(epoch_range, desc="training", unit="epoch")
    # an overflow shows up as a non-finite cost, reported below with a hint, not as warnings
    with np.errstate(over="ignore", invalid="ignore"):
        for epoch in epoch_range:
            total = 0.0
            for Xb, Yb in _batches(XT, YT, batch_size, rng):
                AL, caches = _model_forward(Xb, parameters, L, hidden, output)
                batch_cost = float(cost_of(AL, Yb))
                grads = _model_backward(AL, Yb, caches, hidden_backward, output_activation, loss, out=dW_buffers)
                if l2:
                    batch_cost += _add_weight_decay(grads, parameters, L, float(l2))
                total += batch_cost * Xb.shape[1]
                step(grads)
            cost = total / m
            history["cost"].append(cost)
            if not math.isfinite(cost):
                raise TrainingDiverged(
                    f"the cost became {cost} in epoch {epoch + 1}: is learning_rate={learning_rate} too large?",
                    history,
                )
            if validation_data is not None:
                Y_hat = predict(X_val, parameters, hidden_activation, output_activation)
                history["val_accuracy"].append(accuracy(Y_hat, Y_val))
            if progress:
                epoch_range.set_postfix(cost=f"{cost:.4f}", refresh=False)
    return parameters, history
