"""nnlib.losses: known costs, outputs of exactly 0 and 1, shape and name errors."""
import numpy as np
import pytest

import nnlib

pytestmark = pytest.mark.filterwarnings("error")  # any overflow/divide/invalid warning fails


@pytest.mark.parametrize("loss,output", [("bce", "sigmoid"), ("ce", "softmax"), ("mse", "linear")])
def test_losses_are_finite_for_probabilities_of_exactly_0_and_1(loss, output):
    AL = np.array([[0.0, 1.0, 0.0, 1.0]]) if loss != "ce" else np.array([[0.0, 1.0], [1.0, 0.0]])
    Y = np.array([[0.0, 1.0, 1.0, 0.0]]) if loss != "ce" else np.array([[1.0, 1.0], [0.0, 0.0]])
    cost = nnlib.compute_cost(AL, Y, loss)
    assert np.isfinite(cost) and cost > 0
    assert np.isfinite(nnlib.loss_gradient(AL, Y, loss)).all()


def test_bce_cost_known_value_and_perfect_predictions_near_zero():
    AL, Y = np.array([[0.8, 0.1]]), np.array([[1.0, 0.0]])
    expected = -(np.log(0.8) + np.log(0.9)) / 2
    assert nnlib.compute_cost(AL, Y, "bce") == pytest.approx(expected, rel=1e-12)
    assert nnlib.compute_cost(np.array([[1.0, 0.0]]), Y, "bce") < 1e-12


def test_mse_and_ce_known_values():
    assert nnlib.compute_cost(np.array([[1.0, 2.0]]), np.array([[0.0, 0.0]]), "mse") == pytest.approx(5 / 4)
    AL = np.array([[0.5, 0.25], [0.5, 0.75]])
    Y = np.array([[1.0, 0.0], [0.0, 1.0]])
    assert nnlib.compute_cost(AL, Y, "ce") == pytest.approx(-(np.log(0.5) + np.log(0.75)) / 2)


def test_unknown_loss_lists_the_choices():
    with pytest.raises(ValueError, match=r"unknown loss 'hinge'; choose from bce, ce, mse"):
        nnlib.compute_cost(np.zeros((1, 3)), np.zeros((1, 3)), "hinge")


def test_cost_shape_mismatch_names_both_arrays():
    with pytest.raises(ValueError, match=r"AL has shape \(1, 3\) but Y has shape \(1, 4\)"):
        nnlib.compute_cost(np.zeros((1, 3)), np.zeros((1, 4)))
