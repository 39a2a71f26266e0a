"""Bad input gets a ValueError that names the array, its shape and what was expected."""
import numpy as np
import pytest

import nnlib


def test_layer_shape_mismatch_names_both_arrays():
    params = {"W1": np.zeros((5, 4)), "b1": np.zeros((5, 1)), "W2": np.zeros((3, 5)), "b2": np.zeros((3, 1))}
    params["W2"] = np.zeros((3, 4))
    with pytest.raises(ValueError, match=r"W2 has shape \(3, 4\) but A1 has 5 rows"):
        nnlib.model_forward(np.zeros((4, 7)), params)
    with pytest.raises(ValueError, match=r"W1 has shape \(5, 4\) but X has 3 rows"):
        nnlib.model_forward(np.zeros((3, 7)), {"W1": np.zeros((5, 4)), "b1": np.zeros((5, 1))})


def test_bias_shape_and_dimensions():
    with pytest.raises(ValueError, match=r"b has shape \(5,\)|b must be 2-D"):
        nnlib.linear_forward(np.zeros((4, 2)), np.zeros((5, 4)), np.zeros(5))
    with pytest.raises(ValueError, match=r"b has shape \(4, 1\); expected \(5, 1\)"):
        nnlib.linear_forward(np.zeros((4, 2)), np.zeros((5, 4)), np.zeros((4, 1)))
    with pytest.raises(ValueError, match=r"A_prev must be 2-D with examples as columns, got shape \(4,\)"):
        nnlib.linear_forward(np.zeros(4), np.zeros((5, 4)), np.zeros((5, 1)))


def test_unknown_names_list_the_choices():
    X, params = np.zeros((2, 3)), nnlib.initialize_parameters([2, 1])
    with pytest.raises(ValueError, match=r"unknown activation 'relux'; choose from leaky_relu, linear, relu"):
        nnlib.model_forward(X, params, hidden_activation="relux")
    with pytest.raises(ValueError, match=r"unknown loss 'hinge'; choose from bce, ce, mse"):
        nnlib.compute_cost(np.zeros((1, 3)), np.zeros((1, 3)), "hinge")
    with pytest.raises(ValueError, match=r"unknown optimizer 'sgd'; choose from adam, gd, momentum"):
        nnlib.train(X, np.zeros((1, 3)), [2, 1], optimizer="sgd", epochs=1)
    with pytest.raises(ValueError, match=r"unknown optimizer_options \['beta1'\] for 'momentum'; it takes \['beta'\]"):
        nnlib.train(X, np.zeros((1, 3)), [2, 1], optimizer="momentum", optimizer_options={"beta1": 0.9}, epochs=1)
    with pytest.raises(ValueError, match=r"unknown initialization method 'glorot'"):
        nnlib.initialize_parameters([2, 1], method="glorot")


def test_lower_case_parameter_keys_are_explained():
    with pytest.raises(ValueError, match=r"case-sensitive"):
        nnlib.model_forward(np.zeros((2, 3)), {"w1": np.zeros((1, 2)), "b1": np.zeros((1, 1))})


def test_cost_and_loss_compatibility():
    with pytest.raises(ValueError, match=r"AL has shape \(1, 3\) but Y has shape \(1, 4\)"):
        nnlib.compute_cost(np.zeros((1, 3)), np.zeros((1, 4)))
    with pytest.raises(ValueError, match=r"loss 'ce' needs output_activation in \{softmax\}, got 'sigmoid'"):
        nnlib.train(np.zeros((2, 3)), np.zeros((1, 3)), [2, 1], loss="ce", epochs=1)


def test_training_arguments():
    X, Y = np.zeros((2, 4)), np.zeros((1, 4))
    with pytest.raises(ValueError, match=r"layer_dims must be at least two positive integers.*\[2, 0, 1\]"):
        nnlib.train(X, Y, [2, 0, 1], epochs=1)
    with pytest.raises(ValueError, match=r"layer_dims \[3, 1\] needs X with 3 rows and Y with 1 rows"):
        nnlib.train(X, Y, [3, 1], epochs=1)
    with pytest.raises(ValueError, match=r"X has 4 examples \(columns\) but Y has 5"):
        nnlib.train(X, np.zeros((1, 5)), [2, 1], epochs=1)
    with pytest.raises(ValueError, match=r"batch_size must be None \(full batch\) or a positive integer, got 0"):
        nnlib.train(X, Y, [2, 1], epochs=1, batch_size=0)
    with pytest.raises(ValueError, match=r"must be a numeric array, got dtype <U1"):
        nnlib.relu(np.array([["a"]]))


def test_divergence_stops_with_a_hint_and_keeps_the_history():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((2, 50)) * 100
    Y = rng.standard_normal((1, 50)) * 100
    with pytest.raises(nnlib.TrainingDiverged, match=r"learning_rate=10.0 too large") as info:
        nnlib.train(X, Y, [2, 8, 1], output_activation="linear", loss="mse", learning_rate=10.0, epochs=500)
    assert 0 < len(info.value.history["cost"]) < 500
