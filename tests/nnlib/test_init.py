"""nnlib.init: shapes, scales and seeds of every initialization method."""
import numpy as np
import pytest

import nnlib

pytestmark = pytest.mark.filterwarnings("error")  # any overflow/divide/invalid warning fails


def test_initialization_methods_shapes_and_scales():
    dims = [400, 300, 1]
    he = nnlib.initialize_parameters(dims, "he", seed=0)
    xavier = nnlib.initialize_parameters(dims, "xavier", seed=0)
    small = nnlib.initialize_parameters(dims, "random", seed=0, scale=0.01)
    zeros = nnlib.initialize_parameters(dims, "zeros")
    assert he["W1"].shape == (300, 400) and he["b1"].shape == (300, 1) and he["W2"].shape == (1, 300)
    assert he["W1"].std() == pytest.approx(np.sqrt(2 / 400), rel=0.02)
    assert xavier["W1"].std() == pytest.approx(np.sqrt(1 / 400), rel=0.02)
    assert small["W1"].std() == pytest.approx(0.01, rel=0.02)
    assert not zeros["W1"].any() and not he["b1"].any()
    # same seed, same draws; different seed, different draws
    np.testing.assert_array_equal(he["W1"], nnlib.initialize_parameters(dims, "he", seed=0)["W1"])
    assert not np.array_equal(he["W1"], nnlib.initialize_parameters(dims, "he", seed=1)["W1"])


def test_default_dtype_is_float64():
    assert nnlib.initialize_parameters([2, 1])["W1"].dtype == np.float64


def test_unknown_method_is_named():
    with pytest.raises(ValueError, match=r"unknown initialization method 'glorot'"):
        nnlib.initialize_parameters([2, 1], method="glorot")


def test_layer_sizes_read_off_the_data():
    assert nnlib.layer_sizes(np.zeros((5, 3)), np.zeros((2, 3)), hidden=(4,)) == [5, 4, 2]
    with pytest.raises(ValueError, match=r"one column per example, got X \(5, 3\) and Y \(2, 4\)"):
        nnlib.layer_sizes(np.zeros((5, 3)), np.zeros((2, 4)))
