"""Hidden checks for notebook 00: ``affine``, ``layer_shapes`` and ``rows_to_columns`` on random sizes."""
import nnlib

from ..nb00_notation import ALLOWED, expect_rows_to_columns, expect_shape_dict
from ..reference import compare_with_reference, random_inputs


def _affine_reference(X, W, b):
    return nnlib.linear_forward(X, W, b)[0]


def _affine_args(rng, size):
    n_prev, n, m = size
    return (rng.standard_normal((n_prev, m)), rng.standard_normal((n, n_prev)),
            rng.standard_normal((n, 1)))


def check_affine_hidden(fn):
    """Agrees with nnlib.linear_forward on random inputs; inputs unchanged; no hand-off to nnlib."""
    compare_with_reference(fn, _affine_reference, _affine_args, name="affine",
                           sizes=[(5, 3, 7), (30, 12, 50)], seed=2024, allowed=ALLOWED["affine"])


def _random_nets(seed):
    rng = random_inputs(seed)
    nets = []
    for n_layers, as_type in [(3, list), (6, tuple)]:
        dims = as_type(int(n) for n in rng.integers(1, 60, size=n_layers))
        nets.append((dims, int(rng.integers(1, 500))))
    return nets


def check_layer_shapes_parameters_hidden(fn):
    """W{l}, b{l} for random layer sizes (given as a list and as a tuple); no hand-off to nnlib."""
    for layer_dims, m in _random_nets(7):
        expect_shape_dict(fn, layer_dims, m, "Wb")


def check_layer_shapes_activations_hidden(fn):
    """A0, Z{l}, A{l} for random layer sizes (given as a list and as a tuple)."""
    for layer_dims, m in _random_nets(8):
        expect_shape_dict(fn, layer_dims, m, "ZA")


def check_rows_to_columns_hidden(fn):
    """Random sizes; b_row 1-D and 2-D; inputs unchanged."""
    rng = random_inputs(11)
    for m, n_prev, n, b_shape in [(7, 5, 3, "1d"), (40, 12, 9, "2d")]:
        b_row = rng.standard_normal(n)
        expect_rows_to_columns(fn, rng.standard_normal((m, n_prev)), rng.standard_normal((n_prev, n)),
                               b_row if b_shape == "1d" else b_row.reshape(1, n))
