"""A network trained one step at a time, for the playground to watch.

``Settings`` says what to train (data, hidden layers, activation, initialization, optimizer,
learning rate, batch size, seed); ``Session`` holds the network and takes the steps with nnlib's
public functions, or with the learner's own ``forward``, ``backward``, ``gradient_norms`` and
``dead_units`` where they are given and work (else nnlib's, with a note saying why).
Examples are columns: ``X`` (n[0], m), ``Y`` (n[L], m).
"""
import dataclasses
import math

import numpy as np

import nnlib
from nnlib import diagnostics
from nnlib.data import load_study_hours, load_xor, make_circles, make_moons, make_planar

DATASETS = {
    "planar": make_planar,
    "xor": load_xor,
    "circles": make_circles,
    "moons": make_moons,
    "study hours": load_study_hours,
}
ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu")
INITS = ("zeros", "random", "xavier", "he")
OPTIMIZERS = ("gd", "momentum", "adam")


def _copy(value):
    """A copy of an array or of a dict of arrays; anything else as it is."""
    if isinstance(value, dict):
        return {key: np.copy(item) for key, item in value.items()}
    return np.copy(value) if isinstance(value, np.ndarray) else value


@dataclasses.dataclass(frozen=True)
class Settings:
    """What the playground trains. ``batch_size=None`` is full batch; ``hidden_layers`` layers of
    ``units`` units each."""
    data: str = "planar"
    hidden_layers: int = 2
    units: int = 8
    activation: str = "tanh"
    init: str = "xavier"
    optimizer: str = "gd"
    learning_rate: float = 0.3
    batch_size: int | None = None
    seed: int = 0

    def __post_init__(self):
        for name, value, choices in (("data", self.data, DATASETS), ("activation", self.activation, ACTIVATIONS),
                                     ("init", self.init, INITS), ("optimizer", self.optimizer, OPTIMIZERS)):
            if value not in choices:
                raise ValueError(f"{name} must be one of {', '.join(map(repr, choices))}, got {value!r}")
        if not (isinstance(self.hidden_layers, int) and self.hidden_layers >= 1
                and isinstance(self.units, int) and self.units >= 1):
            raise ValueError(f"hidden_layers and units must be positive integers, got "
                             f"{self.hidden_layers!r} and {self.units!r}")
        if not self.learning_rate > 0:
            raise ValueError(f"learning_rate must be positive, got {self.learning_rate!r}")
        if self.batch_size is not None and not (isinstance(self.batch_size, int) and self.batch_size >= 1):
            raise ValueError(f"batch_size must be None (full batch) or a positive integer, got {self.batch_size!r}")

    def describe(self):
        """One line, e.g. 'planar, 2-8-8-1 tanh, xavier init, gd α = 0.3, full batch, seed 0'."""
        batch = "full batch" if self.batch_size is None else f"batches of {self.batch_size}"
        return (f"{self.data}, {self.hidden_layers}×{self.units} {self.activation}, {self.init} init, "
                f"{self.optimizer} α = {self.learning_rate:g}, {batch}, seed {self.seed}")


class Session:
    """The network being trained: ``step(n)`` takes n updates and records, per step, the cost of
    the batch it used (before the update) and the norm of each layer's weight gradient.

    With full batch and the same settings, ``costs`` is ``nnlib.train``'s ``history["cost"]``.
    """

    def __init__(self, settings, forward=None, backward=None, gradient_norms=None, dead_units=None):
        self.settings = settings
        self.X, self.Y = DATASETS[settings.data]()
        self.output_activation, self.loss = diagnostics.output_layer_for(self.Y)
        self.layer_dims = [self.X.shape[0], *[settings.units] * settings.hidden_layers, self.Y.shape[0]]
        self.rng = np.random.default_rng(settings.seed)
        self.parameters = nnlib.initialize_parameters(self.layer_dims, method=settings.init, seed=self.rng)
        self.learning_rate, self.batch_size = settings.learning_rate, settings.batch_size
        self.rule = nnlib.OPTIMIZERS[settings.optimizer].rule
        self.state = None
        self.costs, self.norms = [], []  # per step: a float; an array (L,)
        self.diverged = False
        self.notes = []  # which of the learner's functions were replaced by nnlib's, and why
        self._own = {"forward": forward, "backward": backward, "gradient_norms": gradient_norms,
                     "dead_units": dead_units}
        self._batches = iter(())

    # ----------------------------------------------------------------- the learner's functions

    def _call(self, name, reference, check, *args):
        """``name``'s function (the learner's if given and working, else nnlib's) on args."""
        own = self._own[name]
        if own is not None:
            try:  # on copies: a function that changes its arguments must not change the training
                result = own(*(_copy(a) for a in args))
                problem = check(result)
            except Exception as error:  # the learner's code: any failure falls back to nnlib
                problem = f"raised {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}".rstrip(": ")
            if problem is None:
                return result
            self.notes.append(f"your {getattr(own, '__name__', name)} {problem}; nnlib's is used instead")
            self._own[name] = None
        return reference(*args)

    def forward(self, X):
        """Output AL (n[L], k) and caches for the columns of X (n[0], k)."""
        activations = (self.settings.activation, self.output_activation)

        def check(result):
            AL = result[0] if isinstance(result, tuple) and len(result) == 2 else None
            ok = isinstance(AL, np.ndarray) and AL.shape == (self.layer_dims[-1], X.shape[1])
            return None if ok else "did not return (AL, caches) with AL of shape " \
                                   f"{(self.layer_dims[-1], X.shape[1])}"
        return self._call("forward", nnlib.model_forward, check, X, self.parameters, *activations)

    def _backward(self, AL, Y, caches):
        def check(grads):
            ok = isinstance(grads, dict) and all(
                np.shape(grads.get(f"d{key}")) == value.shape for key, value in self.parameters.items())
            return None if ok else "did not return grads with dW1, db1, ... of the parameters' shapes"
        return self._call("backward", nnlib.model_backward, check, AL, Y, caches,
                          self.settings.activation, self.output_activation, self.loss)

    def _gradient_norms(self, grads):
        L = len(self.layer_dims) - 1

        def check(norms):
            shape = np.asarray(norms, dtype=float).shape
            return None if shape == (L,) else f"returned shape {shape}, not ({L},)"
        return np.asarray(self._call("gradient_norms", diagnostics.gradient_norms, check, grads), dtype=float)

    def dead_units(self):
        """Dead units per hidden layer (L-1,) on the whole data set, or None unless ReLU."""
        if self.settings.activation != "relu":
            return None

        def check(counts):
            shape = np.asarray(counts, dtype=float).shape
            return None if shape == (len(self.layer_dims) - 2,) else \
                f"returned shape {shape}, not ({len(self.layer_dims) - 2},)"
        return np.asarray(self._call("dead_units", diagnostics.dead_units, check, self.X, self.parameters))

    # ----------------------------------------------------------------- training

    def set_optimizer(self, name):
        """Switch the update rule; its state (velocities, moments) starts afresh."""
        self.rule, self.state = nnlib.OPTIMIZERS[name].rule, None

    def set_batch_size(self, batch_size):
        """None for full batch; the next step starts a new epoch."""
        self.batch_size, self._batches = batch_size, iter(())

    def _next_batch(self):
        if self.batch_size is None or self.batch_size >= self.X.shape[1]:
            return self.X, self.Y
        batch = next(self._batches, None)
        if batch is None:  # a new epoch, reshuffled from the session's generator
            self._batches = iter(nnlib.random_mini_batches(self.X, self.Y, self.batch_size, seed=self.rng))
            batch = next(self._batches)
        return batch

    def step(self, n=1):
        """Take up to n updates; stops early (``diverged``) once the cost is not finite."""
        for _ in range(n):
            if self.diverged:
                return
            Xb, Yb = self._next_batch()
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                AL, caches = self.forward(Xb)
                cost = float(nnlib.compute_cost(AL, Yb, self.loss))
                if not math.isfinite(cost):
                    self.diverged = True
                    return
                grads = self._backward(AL, Yb, caches)
                self.costs.append(cost)
                self.norms.append(self._gradient_norms(grads))
                self.parameters, self.state = self.rule(self.parameters, grads, self.state, self.learning_rate)

    def predict(self, X):
        """Network output (n[L], k) for the columns of X (n[0], k), finite values only."""
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            return np.nan_to_num(self.forward(X)[0])

    def score(self):
        """Training accuracy (classification) or root-mean-square error (regression), and its name."""
        output = self.predict(self.X)
        if self.loss == "mse":
            with np.errstate(over="ignore"):
                return float(np.sqrt(np.mean((output - self.Y) ** 2))), "RMSE"
        return float(np.mean((output > 0.5) == (self.Y == 1))), "accuracy"

    def summary(self):
        """One line: the settings, the steps taken, first and last cost, the score, dead units."""
        score, name = self.score()
        shown = f"{score:.1%}" if name == "accuracy" else f"{score:.4f}"
        costs = f"cost {self.costs[0]:.4f} → {self.costs[-1]:.4f}" if self.costs else "no step yet"
        dead = self.dead_units()
        text = f"{self.settings.describe()}: {len(self.costs)} steps, {costs}, training {name} {shown}"
        if self.diverged:
            text += ", then the cost overflowed"
        if dead is not None:
            text += f", dead units per hidden layer {dead.tolist()}"
        return text
