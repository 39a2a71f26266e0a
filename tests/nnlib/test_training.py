"""nnlib.training: the results the notebooks rely on (fixed seeds), train's in-place steps equal
to the readable update rules, mini-batches, and argument errors."""
import numpy as np
import pytest

import nnlib
from nnlib.data import load_mnist, load_xor, make_planar, shifted_digits
from nnlib.optimizers import OPTIMIZERS

XOR_SETUP = dict(hidden_activation="sigmoid", output_activation="sigmoid", loss="bce",
                 learning_rate=0.1, epochs=20000, init="he")
# the XOR note (002): 2 hidden sigmoid units, lr 0.1; it runs 150,000 iterations, 20,000 already settle


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


# --------------------------------------------------------------------------- fast path = readable path

@pytest.mark.parametrize("optimizer, options", [("gd", {}), ("momentum", {"beta": 0.8}),
                                                ("adam", {"beta1": 0.8, "epsilon": 1e-6})])
def test_full_batch_train_steps_like_the_public_update_rules(optimizer, options):
    """train's in-place, preallocated steps give the parameters of the checked public functions."""
    X, Y = make_planar(seed=0)
    X, Y = X[:, :40], Y[:, :40]
    params = nnlib.initialize_parameters([2, 5, 1], seed=3)
    trained, _ = nnlib.train(X, Y, [2, 5, 1], hidden_activation="tanh", optimizer=optimizer, learning_rate=0.05,
                             epochs=4, parameters=params, optimizer_options=options)
    rule, state = OPTIMIZERS[optimizer].rule, None
    for _ in range(4):
        AL, caches = nnlib.model_forward(X, params, "tanh", "sigmoid")
        grads = nnlib.model_backward(AL, Y, caches, "tanh", "sigmoid", "bce")
        params, state = rule(params, grads, state, 0.05, **options)
    for key in params:
        np.testing.assert_allclose(trained[key], params[key], rtol=1e-12, atol=1e-15)


def _train_by_the_formulas(X, Y, layer_dims, optimizer, learning_rate, epochs, batch_size, seed,
                           activations=("relu", "sigmoid", "bce"), l2=0.0, dtype=np.float64):
    """train (He init), written with the public functions.

    The batches are train's: one generator ``default_rng(seed)`` draws the initial weights, then
    one permutation of the m examples per epoch, cut into batches in that order.
    """
    rng = np.random.default_rng(seed)
    params = nnlib.initialize_parameters(layer_dims, method="he", seed=rng, dtype=dtype)
    rule, state = OPTIMIZERS[optimizer].rule, None
    m = X.shape[1]
    for _ in range(epochs):
        order = rng.permutation(m)
        for start in range(0, m, batch_size):
            columns = order[start:start + batch_size]
            AL, caches = nnlib.model_forward(X[:, columns], params, *activations[:2])
            grads = nnlib.model_backward(AL, Y[:, columns], caches, *activations)
            for l in range(1, len(layer_dims)):
                grads[f"dW{l}"] = grads[f"dW{l}"] + l2 * params[f"W{l}"]
            params, state = rule(params, grads, state, learning_rate)
    return params


def _planar_for(output_activation):
    """The 400 planar points (6 batches of 64 and one of 16), with one-hot targets for softmax."""
    X, Y = make_planar(seed=0)
    return X, (np.vstack([Y, 1 - Y]) if output_activation == "softmax" else Y)


RATES = {"gd": 0.1, "momentum": 0.1, "adam": 0.01}
ACTIVATIONS = [("relu", "sigmoid", "bce"), ("tanh", "softmax", "ce"), ("leaky_relu", "linear", "mse"),
               ("sigmoid", "sigmoid", "mse"), ("linear", "tanh", "mse"), ("softmax", "sigmoid", "bce")]


@pytest.mark.parametrize("optimizer", RATES)
@pytest.mark.parametrize("activations", ACTIVATIONS, ids="-".join)
def test_mini_batch_train_equals_the_readable_rules(optimizer, activations):
    """train's flat arrays, in-place passes and folded constants give the parameters of the
    readable functions, in float64, to 1e-6 (rounding differs, nothing else may)."""
    X, Y = _planar_for(activations[1])
    l2 = 0.01 if activations[0] == "tanh" else 0.0
    setup = dict(layer_dims=[2, 5, 4, Y.shape[0]], optimizer=optimizer, learning_rate=RATES[optimizer],
                 epochs=3, batch_size=64, seed=4)
    hidden, output, loss = activations
    trained, _ = nnlib.train(X, Y, dtype=np.float64, hidden_activation=hidden, output_activation=output,
                             loss=loss, l2=l2, **setup)
    expected = _train_by_the_formulas(X, Y, activations=activations, l2=l2, **setup)
    start = nnlib.initialize_parameters(setup["layer_dims"], method="he", seed=np.random.default_rng(4))
    assert set(trained) == set(expected)
    for key in expected:
        assert trained[key].dtype == np.float64
        np.testing.assert_allclose(trained[key], expected[key], rtol=1e-6, atol=1e-12, err_msg=key)
        assert not np.allclose(expected[key], start[key], rtol=1e-3), f"{key} did not move"


def test_history_cost_is_the_mean_of_the_batch_costs_before_each_update():
    """What train's docstring (and notebooks 06 and 09) say history["cost"] holds."""
    X, Y = make_planar(seed=0)  # 400 examples: 6 batches of 64 and one of 16 per epoch
    setup = dict(hidden_activation="relu", output_activation="sigmoid", loss="bce", learning_rate=0.1,
                 seed=4, dtype=np.float64)
    start = nnlib.initialize_parameters([2, 5, 1], method="he", seed=np.random.default_rng(4))
    AL, _ = nnlib.model_forward(X, start)
    initial_cost = nnlib.compute_cost(AL, Y)
    _, full = nnlib.train(X, Y, [2, 5, 1], epochs=3, **setup)
    assert full["cost"][0] == pytest.approx(initial_cost, rel=1e-12)  # full batch: the start of epoch 1
    _, mini = nnlib.train(X, Y, [2, 5, 1], epochs=2, batch_size=64, **setup)
    rng = np.random.default_rng(4)
    params = nnlib.initialize_parameters([2, 5, 1], method="he", seed=rng)
    expected = []
    for _ in range(2):
        order, total = rng.permutation(400), 0.0
        for begin in range(0, 400, 64):
            columns = order[begin:begin + 64]
            AL, caches = nnlib.model_forward(X[:, columns], params)
            total += nnlib.compute_cost(AL, Y[:, columns]) * columns.size
            params = nnlib.update_parameters(params, nnlib.model_backward(AL, Y[:, columns], caches), 0.1)
        expected.append(total / 400)
    np.testing.assert_allclose(mini["cost"], expected, rtol=1e-9)
    assert mini["cost"][0] < initial_cost  # the parameters improve during the first epoch


@pytest.mark.parametrize("optimizer", RATES)
def test_float32_training_follows_the_float64_formulas(optimizer):
    """float32 end to end stays near the readable path in float64. Every float32 operation is off
    by up to 6e-8 relative; 21 steps of forward, backward and update compound that to ~1e-6, and
    Adam's division by sqrt(v) enlarges it where v is small, so 1e-5 of each array's largest
    entry is a bound with room, while a wrong formula (a constant off, a step skipped) moves the
    parameters by more than 1e-3."""
    X, Y = make_planar(seed=0)
    setup = dict(layer_dims=[2, 5, 4, 1], optimizer=optimizer, learning_rate=RATES[optimizer], epochs=3,
                 batch_size=64, seed=4)
    trained, _ = nnlib.train(X.astype(np.float32), Y.astype(np.float32), **setup)
    expected = _train_by_the_formulas(X, Y, **setup)
    for key in expected:
        assert trained[key].dtype == np.float32
        scale = np.abs(expected[key]).max()
        np.testing.assert_allclose(trained[key], expected[key], rtol=0, atol=1e-5 * scale, err_msg=key)


# --------------------------------------------------------------------------- mini-batches

def test_mini_batches_cover_every_example_once_and_follow_the_seed():
    X = np.arange(20.0).reshape(2, 10)
    Y = np.arange(10.0).reshape(1, 10)
    batches = nnlib.random_mini_batches(X, Y, 4, seed=3)
    assert [b[0].shape[1] for b in batches] == [4, 4, 2]
    seen = np.concatenate([b[1].ravel() for b in batches])
    assert sorted(seen) == list(range(10))
    for Xb, Yb in batches:  # columns stay paired
        np.testing.assert_array_equal(Xb[0], Yb[0])
    order = np.random.default_rng(3).permutation(10)
    np.testing.assert_array_equal(seen, order)
    again = nnlib.random_mini_batches(X, Y, 4, seed=3)
    assert all(np.array_equal(a[0], b[0]) for a, b in zip(batches, again))


@pytest.mark.filterwarnings("error")
def test_train_and_mini_batches_do_not_mutate_their_inputs(small_network):
    X, Y, params = small_network
    X0, Y0, params0 = X.copy(), Y.copy(), {k: v.copy() for k, v in params.items()}
    nnlib.random_mini_batches(X, Y, 4, seed=0)
    trained, _ = nnlib.train(X, Y, [3, 4, 1], epochs=2, parameters=params, learning_rate=0.5)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(Y, Y0)
    for key in params:
        np.testing.assert_array_equal(params[key], params0[key])
        assert not np.shares_memory(trained[key], params[key])


def test_progress_bar_reports_to_stderr(capsys):
    X, Y = load_xor()
    nnlib.train(X, Y, [2, 2, 1], epochs=3, progress=True)
    assert "3/3" in capsys.readouterr().err


# --------------------------------------------------------------------------- errors

def test_unknown_optimizer_and_options_list_the_choices():
    X, Y = np.zeros((2, 3)), np.zeros((1, 3))
    with pytest.raises(ValueError, match=r"unknown optimizer 'sgd'; choose from adam, gd, momentum"):
        nnlib.train(X, Y, [2, 1], optimizer="sgd", epochs=1)
    with pytest.raises(ValueError, match=r"unknown optimizer_options \['beta1'\] for 'momentum'; it takes \['beta'\]"):
        nnlib.train(X, Y, [2, 1], optimizer="momentum", optimizer_options={"beta1": 0.9}, epochs=1)


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
    with pytest.raises(ValueError, match=r"loss 'ce' needs output_activation in \{softmax\}, got 'sigmoid'"):
        nnlib.train(np.zeros((2, 3)), np.zeros((1, 3)), [2, 1], loss="ce", epochs=1)


def test_divergence_stops_with_a_hint_and_keeps_the_history():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((2, 50)) * 100
    Y = rng.standard_normal((1, 50)) * 100
    with pytest.raises(nnlib.TrainingDiverged, match=r"learning_rate=10.0 too large") as info:
        nnlib.train(X, Y, [2, 8, 1], output_activation="linear", loss="mse", learning_rate=10.0, epochs=500)
    assert 0 < len(info.value.history["cost"]) < 500


@pytest.mark.parametrize("activations", ACTIVATIONS, ids="-".join)
def test_history_cost_of_a_full_batch_is_the_readable_cost(activations):
    """The in-place output activations and costs give compute_cost's number (l2 term included)."""
    X, Y = _planar_for(activations[1])
    hidden, output, loss = activations
    l2 = 0.01 if hidden == "tanh" else 0.0
    start = nnlib.initialize_parameters([2, 5, 4, Y.shape[0]], method="he", seed=np.random.default_rng(4))
    AL, _ = nnlib.model_forward(X, start, hidden, output)
    expected = nnlib.compute_cost(AL, Y, loss) + 0.5 * l2 * sum(np.sum(start[f"W{l}"] ** 2) for l in (1, 2, 3))
    _, history = nnlib.train(X, Y, [2, 5, 4, Y.shape[0]], hidden_activation=hidden, output_activation=output,
                             loss=loss, l2=l2, epochs=1, seed=4)
    assert history["cost"][0] == pytest.approx(expected, rel=1e-12)


def test_every_fused_output_has_an_in_place_cost():
    from nnlib._inplace_passes import _FUSED
    from nnlib.backward import FUSED_OUTPUTS

    assert set(_FUSED) == FUSED_OUTPUTS
