"""Training on fixed seeds: the results the notebooks rely on, and the optimizers' update rules."""
import numpy as np
import pytest

import nnlib
from nnlib.data import load_mnist, load_xor, make_planar, shifted_digits

XOR_SETUP = dict(hidden_activation="sigmoid", output_activation="sigmoid", loss="bce",
                 learning_rate=0.1, epochs=20000, init="he")  # the seed note: 2 hidden sigmoid units, lr 0.1


def _xor_outputs(seed):
    X, Y = load_xor()
    params, history = nnlib.train(X, Y, [2, 2, 1], seed=seed, **XOR_SETUP)
    AL, _ = nnlib.model_forward(X, params, "sigmoid", "sigmoid")
    return AL.ravel(), history


def test_xor_is_solved_by_a_2_2_1_sigmoid_net_for_seed_0():
    outputs, history = _xor_outputs(seed=0)
    np.testing.assert_array_equal(outputs > 0.5, [False, True, True, False])
    assert np.abs(outputs - [0, 1, 1, 0]).max() < 0.05
    assert history["cost"][-1] < history["cost"][0] / 10


def test_xor_with_seed_1_stalls_in_the_local_minimum_of_the_seed_note():
    outputs, history = _xor_outputs(seed=1)
    # two cases learned, the other two stuck at one half: outputs near [0, 0.5, 1, 0.5]
    np.testing.assert_allclose(outputs, [0, 0.5, 1, 0.5], atol=0.05)
    assert history["cost"][-1] > 0.3  # log(2) / 2 = 0.347 for two cases at 0.5
    assert abs(history["cost"][-1] - history["cost"][-1000]) < 1e-3  # flat: stuck, not slow


def test_planar_flower_reaches_90_percent_with_4_tanh_units():
    X, Y = make_planar(seed=0)
    params, _ = nnlib.train(X, Y, [2, 4, 1], hidden_activation="tanh", output_activation="sigmoid",
                            loss="bce", learning_rate=1.2, epochs=5000, init="xavier", seed=0)
    assert nnlib.accuracy(nnlib.predict(X, params, "tanh", "sigmoid"), Y) >= 0.90


def test_mnist_5k_held_out_accuracy_is_at_least_93_percent():
    X_train, Y_train = load_mnist("train", dtype=np.float32)
    X_test, Y_test = load_mnist("test", dtype=np.float32)
    X_more, Y_more = shifted_digits(X_train, Y_train)
    params, history = nnlib.train(X_more, Y_more, [784, 128, 64, 10], hidden_activation="relu",
                                  output_activation="softmax", loss="ce", optimizer="adam",
                                  learning_rate=1e-3, epochs=8, batch_size=64, seed=0, l2=1e-4)
    assert params["W1"].dtype == np.float32
    assert nnlib.accuracy(nnlib.predict(X_test, params, "relu", "softmax"), Y_test) >= 0.93


def test_training_is_reproducible_and_the_seed_matters():
    X, Y = make_planar(m=100, seed=3)
    kwargs = dict(hidden_activation="tanh", epochs=5, batch_size=16, optimizer="adam", learning_rate=0.01)
    a, history_a = nnlib.train(X, Y, [2, 5, 1], seed=7, **kwargs)
    b, history_b = nnlib.train(X, Y, [2, 5, 1], seed=7, **kwargs)
    c, _ = nnlib.train(X, Y, [2, 5, 1], seed=8, **kwargs)
    assert history_a == history_b and all(np.array_equal(a[k], b[k]) for k in a)
    assert not np.array_equal(a["W1"], c["W1"])


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "adam"])
@pytest.mark.parametrize("batch_size", [None, 32, 1])
def test_every_optimizer_and_batch_mode_lowers_the_cost(optimizer, batch_size):
    X, Y = make_planar(m=64, seed=1)
    rate = {"gd": 0.5, "momentum": 0.5, "adam": 0.01}[optimizer] / (4 if batch_size == 1 else 1)
    _, history = nnlib.train(X, Y, [2, 6, 1], hidden_activation="tanh", optimizer=optimizer,
                             learning_rate=rate, epochs=30, batch_size=batch_size, seed=0,
                             validation_data=(X, Y))
    assert len(history["cost"]) == len(history["val_accuracy"]) == 30
    assert history["cost"][-1] < 0.8 * history["cost"][0]


def test_l2_shrinks_the_weights_and_is_part_of_the_cost():
    X, Y = make_planar(m=100, seed=2)
    plain, h0 = nnlib.train(X, Y, [2, 8, 1], hidden_activation="tanh", learning_rate=0.5, epochs=300)
    decayed, h1 = nnlib.train(X, Y, [2, 8, 1], hidden_activation="tanh", learning_rate=0.5, epochs=300, l2=0.05)
    assert np.linalg.norm(decayed["W1"]) < 0.7 * np.linalg.norm(plain["W1"])
    assert h1["cost"][0] > h0["cost"][0]  # same start, plus the l2 term


def test_gd_momentum_and_adam_first_steps_by_hand():
    params = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([[0.5]])}
    grads = {"dW1": np.array([[0.2, -0.4]]), "db1": np.array([[1.0]])}
    new, _ = nnlib.gd(params, grads, None, learning_rate=0.5)
    np.testing.assert_allclose(new["W1"], [[0.9, -1.8]])
    # momentum with beta 0.9 from zero velocity: v = 0.1 g, p - lr v
    new, state = nnlib.momentum(params, grads, None, learning_rate=0.5, beta=0.9)
    np.testing.assert_allclose(state["v_W1"], [[0.02, -0.04]])
    np.testing.assert_allclose(new["b1"], [[0.5 - 0.5 * 0.1]])
    # adam's bias-corrected first step moves every parameter by about lr against its gradient's sign
    new, state = nnlib.adam(params, grads, None, learning_rate=0.01)
    np.testing.assert_allclose(new["W1"], [[0.99, -1.99]], atol=1e-6)
    np.testing.assert_allclose(new["b1"], [[0.49]], atol=1e-6)
    assert state["t"] == 1
    new2, state2 = nnlib.adam(new, grads, state, learning_rate=0.01)
    assert state2["t"] == 2 and state["t"] == 1  # the old state is not modified
    np.testing.assert_allclose(new2["W1"], [[0.98, -1.98]], atol=1e-6)


@pytest.mark.parametrize("optimizer, options", [("gd", {}), ("momentum", {"beta": 0.8}),
                                                ("adam", {"beta1": 0.8, "epsilon": 1e-6})])
def test_train_steps_like_the_public_update_rules(optimizer, options):
    """train's in-place, preallocated steps give the parameters of the checked public functions."""
    X, Y = make_planar(seed=0)
    X, Y = X[:, :40], Y[:, :40]
    params = nnlib.initialize_parameters([2, 5, 1], seed=3)
    trained, _ = nnlib.train(X, Y, [2, 5, 1], hidden_activation="tanh", optimizer=optimizer, learning_rate=0.05,
                             epochs=4, parameters=params, optimizer_options=options)
    rule, state = getattr(nnlib, optimizer), None
    for _ in range(4):
        AL, caches = nnlib.model_forward(X, params, "tanh", "sigmoid")
        grads = nnlib.model_backward(AL, Y, caches, "tanh", "sigmoid", "bce")
        params, state = rule(params, grads, state, 0.05, **options)
    for key in params:
        np.testing.assert_allclose(trained[key], params[key], rtol=1e-12, atol=1e-15)


def test_shifted_digits_moves_pixels_and_repeats_labels():
    X = np.zeros((784, 1))
    X[5 * 28 + 7, 0] = 1.0  # row 5, column 7
    X_more, Y_more = shifted_digits(X, np.array([[3.0]]), shifts=((1, 0), (0, -1), (2, 2)))
    where = [tuple(np.argwhere(X_more[:, k].reshape(28, 28) == 1)[0]) for k in range(4)]
    assert where == [(5, 7), (5, 8), (4, 7), (7, 9)]
    np.testing.assert_array_equal(Y_more, [[3.0] * 4])
    edge = np.zeros((784, 1))
    edge[27, 0] = 1.0  # row 0, last column: pushed out to the right
    assert shifted_digits(edge, np.ones((1, 1)), shifts=((1, 0),))[0][:, 1].sum() == 0


def test_progress_bar_reports_to_stderr(capsys):
    X, Y = load_xor()
    nnlib.train(X, Y, [2, 2, 1], epochs=3, progress=True)
    assert "3/3" in capsys.readouterr().err
