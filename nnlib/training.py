"""The training loop."""
import math

import numpy as np

from ._blas_threads import threads_for
from ._inplace_passes import Network
from ._inplace_steps import stepper
from ._validation import as_matrix, check_layer_dims
from .activations import get_activation
from .evaluation import accuracy, predict
from .init import initialize_parameters
from .losses import check_output_for_loss


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


def _batch_rows(m, batch_size, rng):
    """The example indices of each mini-batch of one shuffled epoch, or None once for a full
    batch (which draws no permutation)."""
    if batch_size >= m:
        yield None
        return
    order = rng.permutation(m)
    for start in range(0, m, batch_size):
        yield order[start:start + batch_size]


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

    Notes
    -----
    While it trains a network whose largest matrix product per step (weights times batch) has
    fewer than 2**24 multiply-adds, BLAS runs on one thread, in the whole process: on small
    matrices that is faster (``nnlib._blas_threads``).
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
    get_activation(hidden_activation)
    get_activation(output_activation)

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
    XT = np.ascontiguousarray(X.T, dtype=dtype)  # examples as rows: a batch gathers whole rows
    m = XT.shape[0]
    batch_size = m if batch_size is None else int(batch_size)
    network = Network(parameters, XT, np.ascontiguousarray(Y.T, dtype=dtype), batch_size,
                      hidden_activation, output_activation, loss, l2)
    parameters = network.parameters  # views into network.flat, updated in place

    history = {"cost": []}
    if validation_data is not None:
        X_val, Y_val = _check_data(*validation_data)
        history["val_accuracy"] = []
    step = stepper(optimizer, network.flat, learning_rate, dict(optimizer_options or {}))
    epoch_range = range(epochs)
    if progress:
        from tqdm.auto import tqdm

        epoch_range = tqdm(epoch_range, desc="training", unit="epoch")
    # an overflow shows up as a non-finite cost, reported below with a hint, not as warnings
    with np.errstate(over="ignore", invalid="ignore"), threads_for(dims, min(batch_size, m)):
        for epoch in epoch_range:
            total = 0.0
            for rows in _batch_rows(m, batch_size, rng):
                total += network.forward(rows) * (m if rows is None else len(rows))
                network.backward()
                step(network.flat_grads)
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
