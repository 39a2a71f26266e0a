"""Hidden checks for notebook 01: ``layer_sizes`` and ``initialize_parameters`` against nnlib on
random layer sizes, seeds and scales."""
import nnlib

from ..compare import expect_same
from ..nb01_initialization import call_initialize_parameters, expect_layer_sizes, expect_parameters_structure
from ..reference import random_inputs


def check_layer_sizes_hidden(fn):
    """Agrees with nnlib.layer_sizes on random shapes; hidden sizes as a list and as a tuple."""
    rng = random_inputs(101)
    for n_hidden, as_type in [(1, list), (3, tuple)]:
        n_x, n_y, m = (int(v) for v in rng.integers(1, 40, size=3))
        hidden = as_type(int(n) for n in rng.integers(1, 50, size=n_hidden))
        X, Y = rng.standard_normal((n_x, m)), rng.standard_normal((n_y, m))
        expect_layer_sizes(fn, X, Y, hidden)


def _check_method_hidden(fn, method, seed):
    """Same as nnlib.initialize_parameters for random layer sizes, seeds and scales."""
    rng = random_inputs(seed)
    for n_layers in (2, 5):
        dims = [int(n) for n in rng.integers(1, 40, size=n_layers)]
        s, scale = int(rng.integers(0, 10_000)), float(rng.uniform(0.001, 1.0))
        kwargs = {"method": method, "seed": s} | ({"scale": scale} if method == "random" else {})
        got = call_initialize_parameters(fn, dims, kwargs)
        expect_parameters_structure(got, dims, f"initialize_parameters({dims}, method={method!r})")
        expect_same(f"initialize_parameters({dims}, method={method!r}, seed={s})", got,
                    nnlib.initialize_parameters(dims, **kwargs), rtol=1e-6, atol=1e-12)


def check_initialize_parameters_zeros_hidden(fn):
    _check_method_hidden(fn, "zeros", 201)


def check_initialize_parameters_random_hidden(fn):
    _check_method_hidden(fn, "random", 202)


def check_initialize_parameters_xavier_hidden(fn):
    _check_method_hidden(fn, "xavier", 203)


def check_initialize_parameters_he_hidden(fn):
    _check_method_hidden(fn, "he", 204)
