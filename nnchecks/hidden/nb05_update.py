"""Hidden checks for notebook 05: the update rules and the mini-batches against nnlib on random
networks and data of two sizes, from state=None and from random states."""
import nnlib

from ..nb05_update import ALLOWED, random_case
from ..reference import compare_with_reference


def check_update_parameters_hidden(update_parameters):
    """Agrees with nnlib.update_parameters on random networks of two sizes."""

    def make_args(rng, dims):
        parameters, grads = random_case(rng, dims)
        return parameters, grads, float(rng.uniform(0.01, 1.0))

    compare_with_reference(update_parameters, nnlib.update_parameters, make_args,
                           name="update_parameters", sizes=[[2, 3, 1], [5, 4, 4, 3, 2]], seed=51,
                           allowed=ALLOWED["update_parameters"])


def check_random_mini_batches_hidden(random_mini_batches):
    """Agrees with nnlib.random_mini_batches on random data of two sizes."""

    def make_args(rng, size):
        n, m, batch_size = size
        return (rng.standard_normal((n, m)), rng.integers(0, 2, (1, m)).astype(float), batch_size,
                int(rng.integers(0, 1000)))

    compare_with_reference(random_mini_batches, nnlib.random_mini_batches, make_args,
                           name="random_mini_batches", sizes=[(2, 37, 8), (5, 64, 16)], seed=52,
                           allowed=ALLOWED["random_mini_batches"])


def _state_for(rng, parameters, slots, t=None):
    state = {f"{slot}_{key}": rng.standard_normal(value.shape) ** (2 if slot == "v" and t else 1)
             for slot in slots for key, value in parameters.items()}
    if t is not None:
        state["t"] = t
    return state


def check_update_with_momentum_hidden(update_with_momentum):
    """Agrees with nnlib.momentum from state=None and from a random state, two network sizes."""

    def make_args(rng, size):
        dims, from_scratch = size
        parameters, grads = random_case(rng, dims)
        state = None if from_scratch else _state_for(rng, parameters, ("v",))
        return parameters, grads, state, float(rng.uniform(0.01, 1.0)), float(rng.uniform(0.5, 0.99))

    compare_with_reference(update_with_momentum, nnlib.momentum, make_args,
                           name="update_with_momentum",
                           sizes=[([2, 3, 1], True), ([4, 5, 3, 2], False), ([3, 2], False)],
                           seed=53, allowed=ALLOWED["update_with_momentum"])


def check_update_with_adam_hidden(update_with_adam):
    """Agrees with nnlib.adam from state=None and from random states, two network sizes."""

    def make_args(rng, size):
        dims, t = size
        parameters, grads = random_case(rng, dims)
        state = None if t is None else _state_for(rng, parameters, ("m", "v"), t)
        return (parameters, grads, state, float(rng.uniform(0.001, 0.1)), float(rng.uniform(0.8, 0.95)),
                float(rng.uniform(0.9, 0.999)), 1e-8)

    compare_with_reference(update_with_adam, nnlib.adam, make_args, name="update_with_adam",
                           sizes=[([2, 3, 1], None), ([4, 5, 3, 2], 7), ([3, 2], 1)], seed=54,
                           allowed=ALLOWED["update_with_adam"])
