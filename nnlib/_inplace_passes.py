"""train's forward and backward passes over a mini-batch, in memory allocated once.

The formulas are those of ``nnlib.forward``, ``nnlib.backward``, ``nnlib.activations`` and
``nnlib.losses``; what differs is where the numbers live:

* all parameters are views into one flat array laid out [W1, ..., WL, b1, ..., bL], all
  gradients views into another of the same layout, so that an optimizer step is one numpy call
  per operation over every parameter (``nnlib._inplace_steps``), and weight decay one call over
  every weight;
* a mini-batch's examples are gathered into a preallocated array; a hidden layer's A overwrites
  its Z and its dZ its dA (an activation's derivative is computed from A, which determines it),
  every matrix product writes into an array allocated once, and so does every intermediate
  result, through ufuncs' ``out=`` (no argument checks, no temporaries);
* for the output/loss pairs whose dZ is AL - Y, the output activation and the cost are computed
  in place too.

Each number is computed by the same operations, in the same order and on arrays of the same
memory layout, as in nnlib 0.1.0's training loop, so the gradients have not changed by a bit.
tests/nnlib/test_training.py checks that training this way gives the parameters that the
readable functions give.
"""
import numpy as np

from .activations import LEAKY_RELU_SLOPE, get_activation
from .losses import get_loss


class _Scratch:
    """Work arrays of one batch size m, each the same memory every time it is asked for:
    ``F(n, k)`` the k-th float (n, m) array (k < 3: they do not overlap), ``B(n)`` a bool
    (n, m), ``row`` a float (1, m)."""

    def __init__(self, n_max, m, dtype):
        self._f = np.empty(3 * n_max * m, dtype)
        self._b = np.empty(n_max * m, bool)
        self.row = np.empty((1, m), dtype)
        self.m = m
        self._floats, self._bools = {}, {}  # (n, k) or n -> its view, made once

    def F(self, n, k=0):
        if (n, k) not in self._floats:
            self._floats[n, k] = self._f[k * n * self.m:(k + 1) * n * self.m].reshape(n, self.m)
        return self._floats[n, k]

    def B(self, n):
        if n not in self._bools:
            self._bools[n] = self._b[:n * self.m].reshape(n, self.m)
        return self._bools[n]


# ---------------------------------------------------------------- activations, in place
# forward(Z, s): A = g(Z) written over Z; grad(dA, A, s): dA * g'(Z) written over dA, given A.

def _sigmoid(Z, s):
    """``activations.sigmoid``: where(Z >= 0, S, E * S), S = 1 / (1 + E), E = exp(-|Z|)."""
    negative = np.less(Z, 0, out=s.B(Z.shape[0]))
    E = np.abs(Z, out=s.F(Z.shape[0]))
    np.negative(E, out=E)
    np.exp(E, out=E)
    np.add(1, E, out=Z)
    np.divide(1, Z, out=Z)
    np.multiply(E, Z, out=E)
    np.copyto(Z, E, where=negative)


def _leaky_relu(Z, s):
    """``activations.leaky_relu``: where(Z > 0, Z, slope * Z)."""
    np.multiply(Z, LEAKY_RELU_SLOPE, out=Z, where=np.less_equal(Z, 0, out=s.B(Z.shape[0])))


def _relu_grad(dA, A, s):
    np.multiply(dA, np.greater(A, 0, out=s.B(A.shape[0])), out=dA)


def _leaky_relu_grad(dA, A, s):
    np.multiply(dA, LEAKY_RELU_SLOPE, out=dA, where=np.less_equal(A, 0, out=s.B(A.shape[0])))


def _tanh_grad(dA, A, s):
    one_minus = np.multiply(A, A, out=s.F(A.shape[0]))
    np.subtract(1, one_minus, out=one_minus)
    dA *= one_minus


def _sigmoid_grad(dA, A, s):
    dA *= A
    dA *= np.subtract(1, A, out=s.F(A.shape[0]))


def _softmax_grad(dA, A, s):
    dA -= np.add.reduce(np.multiply(dA, A, out=s.F(A.shape[0])), axis=0, keepdims=True, out=s.row)
    dA *= A


def _softmax(Z, s):
    """``activations.softmax``: exp(Z - max) / sum, column by column."""
    np.subtract(Z, np.maximum.reduce(Z, axis=0, keepdims=True, out=s.row), out=Z)
    np.exp(Z, out=Z)
    np.divide(Z, np.add.reduce(Z, axis=0, keepdims=True, out=s.row), out=Z)


_HIDDEN = {  # name -> (forward, grad)
    "relu": (lambda Z, s: np.maximum(Z, 0, out=Z), _relu_grad),
    "tanh": (lambda Z, s: np.tanh(Z, out=Z), _tanh_grad),
    "leaky_relu": (_leaky_relu, _leaky_relu_grad),
    "sigmoid": (_sigmoid, _sigmoid_grad),
    "softmax": (_softmax, _softmax_grad),
    "linear": (lambda Z, s: None, lambda dA, A, s: None),
}


# ---------------------------------------------------------------- fused outputs and their costs
# cost(AL, Y, s) -> float: ``losses`` ce, bce, mse; the products land in C-order scratch, as the
# readable expressions' temporaries do, so that sum() adds the same numbers in the same order.

_EPS = {np.dtype(t): float(np.finfo(t).eps) for t in (np.float32, np.float64)}


def _clipped(AL, out):
    eps = _EPS[AL.dtype]
    np.maximum(AL, eps, out=out)
    return np.minimum(out, 1 - eps, out=out)


def _total(terms):
    """``terms.sum()``: the same pairwise sum, without the method's Python wrapper."""
    return np.add.reduce(terms, axis=None)


def _ce(AL, Y, s):
    terms = s.F(AL.shape[0])
    np.log(_clipped(AL, terms), out=terms)
    np.multiply(Y, terms, out=terms)
    return -_total(terms) / AL.shape[1]


def _bce(AL, Y, s):
    """-(Y * log(P) + (1 - Y) * log1p(-P)).sum() / m."""
    n = AL.shape[0]
    terms, log1p, not_y = s.F(n), s.F(n, 1), s.F(n, 2)
    np.log(_clipped(AL, terms), out=terms)
    np.multiply(Y, terms, out=terms)
    np.negative(_clipped(AL, log1p), out=log1p)
    np.log1p(log1p, out=log1p)
    np.multiply(np.subtract(1, Y, out=not_y), log1p, out=log1p)
    np.add(terms, log1p, out=terms)
    return -_total(terms) / AL.shape[1]


def _mse(AL, Y, s):
    D = np.subtract(AL, Y, out=s.F(AL.shape[0]))
    np.multiply(D, D, out=D)
    return _total(D) / (2 * AL.shape[1])


_FUSED = {  # (output, loss) -> (output activation in place, cost), for backward.FUSED_OUTPUTS
    ("softmax", "ce"): (_softmax, _ce),
    ("sigmoid", "bce"): (_sigmoid, _bce),
    ("linear", "mse"): (_HIDDEN["linear"][0], _mse),
}


def flat_arrays(dims, dtype, prefix=""):
    """One zeroed flat array and its views {prefix + "W1": (n1, n0), ..., prefix + "b1": (n1, 1), ...}.

    The weights come first, so ``flat[:n_weights]`` holds every weight and nothing else.
    """
    shapes = [(f"{prefix}W{l}", (dims[l], dims[l - 1])) for l in range(1, len(dims))]
    shapes += [(f"{prefix}b{l}", (dims[l], 1)) for l in range(1, len(dims))]
    flat = np.zeros(sum(a * b for _, (a, b) in shapes), dtype=dtype)
    views, start = {}, 0
    for key, (a, b) in shapes:
        views[key] = flat[start:start + a * b].reshape(a, b)
        start += a * b
    return flat, views


class _Batch:
    """The arrays of one batch size m: Z (then A) and dA (then dZ) of each layer, dZ / m, scratch."""

    def __init__(self, dims, m, dtype):
        self.Z = [None] + [np.empty((n, m), dtype) for n in dims[1:]]
        self.dZ = [None] + [np.empty((n, m), dtype) for n in dims[1:-1]]
        self.dZ_mean = [None] + [np.empty((n, m), dtype) for n in dims[1:]]
        self.scratch = _Scratch(max(dims[1:]), m, dtype)


class Network:
    """The network being trained, with every array a mini-batch needs allocated once.

    XT : (m, n[0]), YT : (m, n[L]), examples as rows, C order; ``parameters`` are copied
    into ``self.flat`` (views: ``self.parameters``); the gradients land in ``self.flat_grads``
    (views: ``self.grads``).
    """

    def __init__(self, parameters, XT, YT, batch_size, hidden_activation, output_activation, loss, l2):
        dims = [XT.shape[1]] + [parameters[f"b{l}"].shape[0] for l in range(1, len(parameters) // 2 + 1)]
        self.L, self.XT, self.YT, self.l2, self.dims = len(dims) - 1, XT, YT, float(l2), dims
        dtype = XT.dtype
        self.flat, self.parameters = flat_arrays(dims, dtype)
        for key, view in self.parameters.items():
            view[...] = parameters[key]
        self.flat_grads, self.grads = flat_arrays(dims, dtype, prefix="d")
        layers = range(1, self.L + 1)
        self._W = [None] + [self.parameters[f"W{l}"] for l in layers]
        self._b = [None] + [self.parameters[f"b{l}"] for l in layers]
        self._dW = [None] + [self.grads[f"dW{l}"] for l in layers]
        self._db = [None] + [self.grads[f"db{l}"] for l in layers]
        n_weights = sum(W.size for W in self._W[1:])
        self._weights, self.weight_grads = self.flat[:n_weights], self.flat_grads[:n_weights]
        self._decay = np.empty_like(self.weight_grads) if l2 else None
        b = min(batch_size, XT.shape[0])
        self._x = np.empty((b, dims[0]), dtype)  # the batch's examples, as rows
        self._y = np.empty((b, dims[-1]), dtype)
        self._batches = {}  # m -> _Batch: the full batch size and the last, smaller batch
        self._hidden, self._hidden_grad = _HIDDEN[hidden_activation]
        self._fused = _FUSED.get((output_activation, loss))
        self._output, self._output_grad = get_activation(output_activation)
        self._cost, self._loss_gradient = get_loss(loss)

    def _batch(self, m):
        if m not in self._batches:
            self._batches[m] = _Batch(self.dims, m, self.XT.dtype)
        return self._batches[m]

    def forward(self, rows):
        """Forward pass over the examples ``rows`` (None: all of them, in order); returns the
        batch's cost, the l2 term included."""
        if rows is None:
            A, self._Yb = self.XT.T, self.YT.T
        else:
            # mode="clip" writes straight into out (the default "raise" goes through a copy)
            A = self.XT.take(rows, 0, self._x[:len(rows)], "clip").T
            self._Yb = self.YT.take(rows, 0, self._y[:len(rows)], "clip").T
        batch = self._batch(A.shape[1])
        s = batch.scratch
        self._A = [A]
        for l in range(1, self.L + 1):
            Z = np.matmul(self._W[l], A, out=batch.Z[l])
            Z += self._b[l]
            if l < self.L:
                self._hidden(Z, s)
                A = Z
                self._A.append(A)
        if self._fused:
            output, cost = self._fused
            output(Z, s)
            self._AL = Z
            cost = float(cost(Z, self._Yb, s))
        else:
            self._ZL, self._AL = Z, self._output(Z)
            cost = float(self._cost(self._AL, self._Yb))
        if self.l2:
            penalty = sum(float(np.vdot(W, W)) for W in self._W[1:])
            cost += 0.5 * self.l2 * penalty
        return cost

    def backward(self):
        """``self.flat_grads`` = the gradient of the last forward's cost."""
        AL, Y, m = self._AL, self._Yb, self._Yb.shape[1]
        batch = self._batch(m)
        if self._fused:
            dZ = np.subtract(AL, Y, out=AL)
        else:
            dZ = self._output_grad(self._loss_gradient(AL, Y), self._ZL)
        for l in range(self.L, 0, -1):
            A_prev = self._A[l - 1]
            dZ_mean = np.divide(dZ, m, out=batch.dZ_mean[l])
            np.matmul(dZ_mean, A_prev.T, out=self._dW[l])
            np.add.reduce(dZ_mean, axis=1, keepdims=True, out=self._db[l])
            if l > 1:
                dA = np.matmul(self._W[l].T, dZ, out=batch.dZ[l - 1])
                self._hidden_grad(dA, A_prev, batch.scratch)
                dZ = dA
        if self.l2:
            np.multiply(self._weights, self.l2, out=self._decay)
            self.weight_grads += self._decay
