"""The checks of notebook 06 pass correct implementations and catch the usual mistakes."""
import numpy as np
import pytest

import nnlib
from nnchecks import CheckFailed
from nnchecks import nb06_training as checks
from nnchecks.hidden import nb06_training as hidden_checks


def train_loop(X, Y, layer_dims, learning_rate, epochs, hidden_activation="relu",
               output_activation="sigmoid", loss="bce", init="he", seed=0):
    parameters = nnlib.initialize_parameters(layer_dims, method=init, seed=seed)
    costs = []
    for _ in range(epochs):
        AL, caches = nnlib.model_forward(X, parameters, hidden_activation, output_activation)
        costs.append(float(nnlib.compute_cost(AL, Y, loss)))
        grads = nnlib.model_backward(AL, Y, caches, hidden_activation, output_activation, loss)
        parameters = nnlib.update_parameters(parameters, grads, learning_rate)
    return parameters, costs


def fixed_to_columns(table, grades):
    X = table.T / table.T.max(axis=1, keepdims=True)
    return X, grades.reshape(1, -1) / 100


def not_implemented(*args, **kwargs):
    raise NotImplementedError()


CORRECT = [
    (checks.check_train_loop, train_loop),
    (checks.check_train_loop_matches_train, train_loop),
    (hidden_checks.check_train_loop_hidden, train_loop),
    (checks.check_fixed_to_columns, fixed_to_columns),
    (hidden_checks.check_fixed_to_columns_hidden, fixed_to_columns),
]


@pytest.mark.parametrize("check, fn", CORRECT, ids=[c.__name__ for c, _ in CORRECT])
def test_correct_implementation_passes(check, fn):
    check(fn)


@pytest.mark.parametrize("check", [c for c, _ in CORRECT], ids=[c.__name__ for c, _ in CORRECT])
def test_stub_says_not_implemented(check):
    with pytest.raises(CheckFailed, match="not implemented yet"):
        check(not_implemented)


# --------------------------------------------------------------------------- train_loop

def test_costs_as_array_are_accepted():
    def array_costs(*args, **kwargs):
        parameters, costs = train_loop(*args, **kwargs)
        return parameters, np.array(costs)

    checks.check_train_loop(array_costs)


def test_train_loop_catches_cost_after_update_and_one_cost_too_many():
    def cost_after_update(X, Y, layer_dims, learning_rate, epochs, hidden_activation="relu",
                          output_activation="sigmoid", loss="bce", init="he", seed=0):
        parameters = nnlib.initialize_parameters(layer_dims, method=init, seed=seed)
        costs = []
        for _ in range(epochs):
            AL, caches = nnlib.model_forward(X, parameters, hidden_activation, output_activation)
            grads = nnlib.model_backward(AL, Y, caches, hidden_activation, output_activation, loss)
            parameters = nnlib.update_parameters(parameters, grads, learning_rate)
            AL, _ = nnlib.model_forward(X, parameters, hidden_activation, output_activation)
            costs.append(nnlib.compute_cost(AL, Y, loss))
        return parameters, costs

    with pytest.raises(CheckFailed, match="first cost"):
        checks.check_train_loop(cost_after_update)

    def extra_cost(*args, **kwargs):
        parameters, costs = train_loop(*args, **kwargs)
        return parameters, costs + [0.0]

    with pytest.raises(CheckFailed, match="expected 1, one per epoch"):
        checks.check_train_loop(extra_cost)


def test_train_loop_catches_wrong_seed_and_ignored_init():
    def seed_zero(X, Y, layer_dims, learning_rate, epochs, hidden_activation="relu",
                  output_activation="sigmoid", loss="bce", init="he", seed=0):
        return train_loop(X, Y, layer_dims, learning_rate, epochs, hidden_activation,
                          output_activation, loss, init, seed=0)

    with pytest.raises(CheckFailed, match="initialize_parameters"):
        checks.check_train_loop(seed_zero)

    def always_he(X, Y, layer_dims, learning_rate, epochs, hidden_activation="relu",
                  output_activation="sigmoid", loss="bce", init="he", seed=0):
        return train_loop(X, Y, layer_dims, learning_rate, epochs, hidden_activation,
                          output_activation, loss, "he", seed)

    with pytest.raises(CheckFailed, match="first cost"):
        checks.check_train_loop_matches_train(always_he)


def test_train_loop_catches_parameters_not_kept():
    def forgets(X, Y, layer_dims, learning_rate, epochs, hidden_activation="relu",
                output_activation="sigmoid", loss="bce", init="he", seed=0):
        parameters = nnlib.initialize_parameters(layer_dims, method=init, seed=seed)
        costs = []
        for _ in range(epochs):
            AL, caches = nnlib.model_forward(X, parameters, hidden_activation, output_activation)
            costs.append(nnlib.compute_cost(AL, Y, loss))
            grads = nnlib.model_backward(AL, Y, caches, hidden_activation, output_activation, loss)
            new_parameters = nnlib.update_parameters(parameters, grads, learning_rate)
        return new_parameters, costs

    with pytest.raises(CheckFailed, match="did not change"):
        checks.check_train_loop(forgets)


def test_train_loop_catches_ignored_options_and_wrong_return():
    def default_activations(X, Y, layer_dims, learning_rate, epochs, hidden_activation="relu",
                            output_activation="sigmoid", loss="bce", init="he", seed=0):
        return train_loop(X, Y, layer_dims, learning_rate, epochs, init=init, seed=seed, loss=loss)

    with pytest.raises(CheckFailed):
        checks.check_train_loop(default_activations)

    with pytest.raises(CheckFailed, match="pair"):
        checks.check_train_loop(lambda *a, **k: train_loop(*a, **k)[0])


def test_train_loop_hidden_catches_hand_off_to_nnlib_train():
    def hand_off(X, Y, layer_dims, learning_rate, epochs, **settings):
        parameters, history = nnlib.train(X, Y, layer_dims, learning_rate=learning_rate,
                                          epochs=epochs, **settings)
        return parameters, history["cost"]

    with pytest.raises(CheckFailed, match="calls nnlib.train"):
        hidden_checks.check_train_loop_hidden(hand_off)


def test_train_loop_catches_input_mutation():
    def scales_X(X, Y, layer_dims, learning_rate, epochs, **settings):
        X /= 1.0 + np.abs(X).max()
        return train_loop(X, Y, layer_dims, learning_rate, epochs, **settings)

    with pytest.raises(CheckFailed):
        checks.check_train_loop(scales_X)


# --------------------------------------------------------------------------- fixed_to_columns

def test_to_columns_names_reshape_and_axis_mistakes():
    def reshaped(table, grades):
        X = table.reshape(table.shape[1], table.shape[0])
        return X / X.max(axis=0), grades.reshape(1, -1) / 100

    with pytest.raises(CheckFailed, match="reshape"):
        checks.check_fixed_to_columns(reshaped)

    def per_student(table, grades):
        X = table.T
        return X / X.max(axis=0), grades.reshape(1, -1) / 100

    with pytest.raises(CheckFailed, match="own largest number"):
        checks.check_fixed_to_columns(per_student)

    def rows(table, grades):
        return table / table.max(axis=0), grades.reshape(1, -1) / 100

    with pytest.raises(CheckFailed, match="one COLUMN per student"):
        checks.check_fixed_to_columns(rows)


def test_to_columns_catches_flat_Y_and_mutation():
    with pytest.raises(CheckFailed, match="shape"):
        checks.check_fixed_to_columns(lambda t, g: (fixed_to_columns(t, g)[0], g / 100))

    def in_place(table, grades):
        grades /= 100
        return fixed_to_columns(table, grades * 100)

    with pytest.raises(CheckFailed, match="changed its input"):
        checks.check_fixed_to_columns(in_place)


def test_to_columns_hidden_catches_hard_coded_answer():
    from nnlib.data import load_study_hours

    X, Y = load_study_hours()
    with pytest.raises(CheckFailed):
        hidden_checks.check_fixed_to_columns_hidden(lambda table, grades: (X.copy(), Y.copy()))
