"""train's forward and backward passes over a mini-batch, in memory allocated once.

The formulas are those of ``nnlib.forward``, ``nnlib.backward`` and ``nnlib.losses``; what
differs is where the numbers live:

* all parameters are views into one flat array laid out [W1, ..., WL, b1, ..., bL], all
  gradients views into another of the same layout, so that an optimizer step is one numpy call
  per operation over every parameter (``nnlib._inplace_steps``), and weight decay one call over
  every weight;
* a mini-batch's examples are gathered into a preallocated array; a hidden layer's A overwrites
  its Z and its dZ its dA (an activation's derivative is computed from A, which determines it),
  and every matrix product writes into an array allocated once.

Each number is computed by the same operations in the same order as in nnlib 0.1.0's training
loop, so trained parameters (and the notebooks' stored outputs) have not changed by a bit.
tests/nnlib/test_training.py checks that training this way gives the parameters that the
readable functions give.
"""
import numpy as np

from .activations import LEAKY_RELU_SLOPE, get_activation
from .backward import FUSED_OUTPUTS
from .losses import get_loss


def _relu_grad(dA, A):
    np.multiply(dA, A > 0, out=dA)


def _leaky_relu_grad(dA, A):
    np.multiply(dA, LEAKY_RELU_SLOPE, out=dA, where=A <= 0)


def _tanh_grad(dA, A):
    dA *= 1 - A * A


def _sigmoid_grad(dA, A):
    dA *= A
    dA *= 1 - A


def _softmax_grad(dA, A):
    dA -= (dA * A).sum(axis=0, keepdims=True)
    dA *= A


def _linear_grad(dA, A):
    pass


# hidden activation -> (A = g(Z) written over Z, dA -> dZ in place given A)
_IN_PLACE = {
    "relu": (lambda Z: np.maximum(Z, 0, out=Z), _relu_grad),
    "tanh": (lambda Z: np.tanh(Z, out=Z), _tanh_grad),
    "leaky_relu": (None, _leaky_relu_grad),
    "sigmoid": (None, _sigmoid_grad),
    "softmax": (None, _softmax_grad),
    "linear": (None, _linear_grad),
}


def _hidden_in_place(name):
    forward, grad = _IN_PLACE[name]
    if forward is None:
        g, _ = get_activation(name)

        def forward(Z):
            np.copyto(Z, g(Z))
    return forward, grad


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


class Network:
    """The network being trained, with every array a mini-batch needs allocated once.

    XT : (m, n[0]), YT : (m, n[L]), examples as rows, C order; ``parameters`` are copied
    into ``self.flat`` (views: ``self.parameters``); the gradients land in ``self.flat_grads``
    (views: ``self.grads``).
    """

    def __init__(self, parameters, XT, YT, batch_size, hidden_activation, output_activation, loss, l2):
        dims = [XT.shape[1]] + [parameters[f"b{l}"].shape[0] for l in range(1, len(parameters) // 2 + 1)]
        self.L, self.XT, self.YT, self.l2 = len(dims) - 1, XT, YT, float(l2)
        dtype = XT.dtype
        self.flat, self.parameters = flat_arrays(dims, dtype)
        for key, view in self.parameters.items():
            view[...] = parameters[key]
        self.flat_grads, self.grads = flat_arrays(dims, dtype, prefix="d")
        n_weights = sum(dims[l] * dims[l - 1] for l in range(1, len(dims)))
        self.weight_grads = self.flat_grads[:n_weights]
        self._decay = np.empty_like(self.weight_grads) if l2 else None
        b = min(batch_size, XT.shape[0])
        self._x = np.empty((b, dims[0]), dtype)  # the batch's examples, as rows
        self._y = np.empty((b, dims[-1]), dtype)
        self._z = [None] + [np.empty(n * b, dtype) for n in dims[1:]]  # Z, then A, of layer l
        self._dz = [None] + [np.empty(n * b, dtype) for n in dims[1:-1]]  # dA, then dZ
        self._dz_mean = np.empty(max(dims[1:]) * b, dtype)  # dZ / m
        self._hidden, self._hidden_grad = _hidden_in_place(hidden_activation)
        self._output, self._output_grad = get_activation(output_activation)
        self._cost, self._loss_gradient = get_loss(loss)
        self._fused = (output_activation, loss) in FUSED_OUTPUTS

    def forward(self, rows):
        """Forward pass over the examples ``rows`` (None: all of them, in order); returns the
        batch's cost, the l2 term included."""
        if rows is None:
            A, self._Yb = self.XT.T, self.YT.T
        else:
            # mode="clip" writes straight into out (the default "raise" goes through a copy)
            A = np.take(self.XT, rows, axis=0, out=self._x[:len(rows)], mode="clip").T
            self._Yb = np.take(self.YT, rows, axis=0, out=self._y[:len(rows)], mode="clip").T
        m = A.shape[1]
        self._A = [A]
        for l in range(1, self.L + 1):
            W = self.parameters[f"W{l}"]
            Z = np.matmul(W, A, out=self._z[l][:W.shape[0] * m].reshape(-1, m))
            Z += self.parameters[f"b{l}"]
            if l < self.L:
                self._hidden(Z)
                A = Z
                self._A.append(A)
        self._ZL, self._AL = Z, self._output(Z)
        cost = float(self._cost(self._AL, self._Yb))
        if self.l2:
            penalty = sum(float(np.vdot(W, W)) for key, W in self.parameters.items() if key[0] == "W")
            cost += 0.5 * self.l2 * penalty
        return cost

    def backward(self):
        """``self.flat_grads`` = the gradient of the last forward's cost."""
        AL, Y, m = self._AL, self._Yb, self._Yb.shape[1]
        if self._fused:
            dZ = np.subtract(AL, Y, out=AL)
        else:
            dZ = self._output_grad(self._loss_gradient(AL, Y), self._ZL)
        for l in range(self.L, 0, -1):
            A_prev = self._A[l - 1]
            dZ_mean = np.divide(dZ, m, out=self._dz_mean[:dZ.size].reshape(dZ.shape))
            np.matmul(dZ_mean, A_prev.T, out=self.grads[f"dW{l}"])
            np.sum(dZ_mean, axis=1, keepdims=True, out=self.grads[f"db{l}"])
            if l > 1:
                W = self.parameters[f"W{l}"]
                dA = np.matmul(W.T, dZ, out=self._dz[l - 1][:W.shape[1] * m].reshape(-1, m))
                self._hidden_grad(dA, A_prev)
                dZ = dA
        if self.l2:
            np.multiply(self.flat[:self._decay.size], self.l2, out=self._decay)
            self.weight_grads += self._decay
