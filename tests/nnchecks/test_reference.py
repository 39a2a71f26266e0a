"""nnchecks.reference: a learner's function against a reference on seeded random inputs."""
import numpy as np
import pytest

import nnlib
from nnchecks import CheckFailed, compare_with_reference, random_inputs


def _args(rng, size):
    return (rng.standard_normal(size),)


def _compare(fn, **kwargs):
    compare_with_reference(fn, nnlib.relu, _args, name="relu", sizes=[(2, 3), (5, 40)], seed=1, **kwargs)


def test_a_correct_function_passes_on_every_size():
    sizes = []

    def relu(Z):
        sizes.append(Z.shape)
        return np.maximum(Z, 0)

    _compare(relu)
    assert sizes == [(2, 3), (5, 40)]


def test_a_wrong_function_fails_naming_the_size():
    def relu(Z):
        return np.maximum(Z, 0) if Z.shape == (2, 3) else np.abs(Z)

    with pytest.raises(CheckFailed, match=r"^relu on random inputs of size \(5, 40\): result\[\d+, \d+\] is"):
        _compare(relu)


def test_the_learner_gets_copies_it_must_not_change():
    def relu(Z):
        Z[Z < 0] = 0
        return Z

    with pytest.raises(CheckFailed, match="^relu changed its input argument 1 in place"):
        _compare(relu)


def test_by_default_no_nnlib_function_may_be_called():
    def relu(Z):
        return nnlib.relu(Z)

    with pytest.raises(CheckFailed, match="^relu calls nnlib.relu: this exercise asks for your own implementation$"):
        _compare(relu)
    _compare(lambda Z: nnlib.leaky_relu(Z, 0.0), allowed=(nnlib.leaky_relu,))


def test_random_inputs_are_reproducible_for_a_seed():
    assert np.array_equal(random_inputs(7).standard_normal(5), random_inputs(7).standard_normal(5))
    assert not np.array_equal(random_inputs(7).standard_normal(5), random_inputs(8).standard_normal(5))
