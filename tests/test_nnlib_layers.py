"""nnlib's layers on known values, extreme inputs, dtypes, and inputs left unchanged."""
import numpy as np
import pytest

import nnlib
from nnlib.activations import ACTIVATIONS

pytestmark = pytest.mark.filterwarnings("error")  # any overflow/divide/invalid warning fails

EXTREME = np.array([[-1e4, -745.0, -50.0, -1.0, 0.0, 1.0, 50.0, 745.0, 1e4]])


def test_known_activation_values():
    Z = np.array([[-2.0, 0.0, 3.0]])
    np.testing.assert_allclose(nnlib.sigmoid(Z), [[0.11920292, 0.5, 0.95257413]], rtol=1e-7)
    np.testing.assert_allclose(nnlib.tanh(Z), [[-0.96402758, 0.0, 0.99505475]], rtol=1e-7)
    np.testing.assert_array_equal(nnlib.relu(Z), [[0.0, 0.0, 3.0]])
    np.testing.assert_allclose(nnlib.leaky_relu(Z), [[-0.02, 0.0, 3.0]])
    np.testing.assert_array_equal(nnlib.linear(Z), Z)
    # softmax of (0, ln 2, ln 3) is (1, 2, 3) / 6 in every column
    S = nnlib.softmax(np.log([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]]))
    np.testing.assert_allclose(S, [[1 / 6] * 2, [2 / 6] * 2, [3 / 6] * 2])


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activations_are_finite_and_bounded_for_extreme_inputs(name):
    forward, backward = ACTIVATIONS[name]
    Z = EXTREME.T if name == "softmax" else EXTREME  # softmax over a column of extremes
    A = forward(Z)
    dZ = backward(np.ones_like(Z), Z)
    assert np.isfinite(A).all() and np.isfinite(dZ).all()
    if name in ("sigmoid", "softmax"):
        assert A.min() >= 0 and A.max() <= 1


def test_sigmoid_saturates_exactly_and_softmax_is_shift_invariant():
    np.testing.assert_array_equal(nnlib.sigmoid(np.array([[-1e4, 1e4]])), [[0.0, 1.0]])
    Z = np.array([[1.0], [2.0], [3.0]])
    np.testing.assert_allclose(nnlib.softmax(Z + 1e4), nnlib.softmax(Z))


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


def test_linear_forward_known_value_and_cache():
    A = np.array([[1.0, 2.0], [3.0, 4.0]])
    W = np.array([[1.0, -1.0]])
    b = np.array([[0.5]])
    Z, cache = nnlib.linear_forward(A, W, b)
    np.testing.assert_array_equal(Z, [[-1.5, -1.5]])
    assert cache.A_prev is A and cache.W is W and cache.b is b


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dtype_is_preserved_through_forward_backward_and_update(dtype):
    rng = np.random.default_rng(0)
    X = rng.standard_normal((3, 5)).astype(dtype)
    Y = (rng.random((1, 5)) > 0.5).astype(dtype)
    params = nnlib.initialize_parameters([3, 4, 1], seed=0, dtype=dtype)
    AL, caches = nnlib.model_forward(X, params, "relu", "sigmoid")
    grads = nnlib.model_backward(AL, Y, caches, "relu", "sigmoid", "bce")
    new = nnlib.update_parameters(params, grads, 0.1)
    assert AL.dtype == dtype
    assert {g.dtype for g in grads.values()} == {np.dtype(dtype)}
    assert {p.dtype for p in new.values()} == {np.dtype(dtype)}
    for name, (forward, backward) in ACTIVATIONS.items():
        assert forward(X).dtype == dtype, name
        assert backward(X, X).dtype == dtype, name
    _, state = nnlib.adam(params, grads, None, 0.01)
    assert {v.dtype for k, v in state.items() if k != "t"} == {np.dtype(dtype)}


def test_default_dtype_is_float64_for_integer_inputs():
    assert nnlib.relu(np.array([[1, -2]])).dtype == np.float64
    assert nnlib.initialize_parameters([2, 1])["W1"].dtype == np.float64


def _copies(*arrays):
    return [np.array(a, copy=True) for a in arrays]


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activations_do_not_mutate_their_inputs(name):
    forward, backward = ACTIVATIONS[name]
    Z = np.array([[-1.0, 0.5], [2.0, -3.0]])
    dA = np.array([[1.0, -1.0], [0.5, 2.0]])
    before = _copies(Z, dA)
    A = forward(Z)
    backward(dA, Z)
    A[...] = 7  # the result must not alias the input either
    np.testing.assert_array_equal(Z, before[0])
    np.testing.assert_array_equal(dA, before[1])


def test_model_functions_and_optimizers_do_not_mutate_inputs():
    rng = np.random.default_rng(1)
    X = rng.standard_normal((3, 6))
    Y = (rng.random((1, 6)) > 0.5).astype(float)
    params = nnlib.initialize_parameters([3, 4, 1], seed=1)
    snapshot = {k: v.copy() for k, v in params.items()}
    X0, Y0 = X.copy(), Y.copy()
    AL, caches = nnlib.model_forward(X, params)
    grads = nnlib.model_backward(AL, Y, caches)
    grads0 = {k: v.copy() for k, v in grads.items()}
    nnlib.update_parameters(params, grads, 0.5)
    state = None
    for rule in (nnlib.gd, nnlib.momentum, nnlib.adam):
        _, state = rule(params, grads, None, 0.1)
        _, state2 = rule(params, grads, state, 0.1)
        if state:
            assert state2 is not state
    nnlib.random_mini_batches(X, Y, 4, seed=0)
    nnlib.train(X, Y, [3, 4, 1], epochs=2, parameters=params)
    nnlib.gradient_check(params, X, Y)
    for key in params:
        np.testing.assert_array_equal(params[key], snapshot[key])
    for key in grads:
        np.testing.assert_array_equal(grads[key], grads0[key])
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(Y, Y0)


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


def test_predict_accuracy_and_confusion_matrix():
    params = {"W1": np.array([[1.0, -1.0]]), "b1": np.array([[0.0]])}
    X = np.array([[2.0, 0.0, 1.0], [0.0, 2.0, 1.0]])  # Z = 2, -2, 0 -> 1, 0, 0 (0.5 is not > 0.5)
    labels = nnlib.predict(X, params, output_activation="sigmoid")
    np.testing.assert_array_equal(labels, [[1, 0, 0]])
    assert nnlib.accuracy(labels, np.array([[1, 1, 0]])) == pytest.approx(2 / 3)
    one_hot = np.eye(3)[:, [0, 2, 1, 1]]
    assert nnlib.accuracy(np.array([[0, 2, 1, 0]]), one_hot) == 0.75
    counts = nnlib.confusion_matrix(np.array([[0, 2, 1, 1]]), np.array([[0, 2, 1, 0]]), n_classes=3)
    np.testing.assert_array_equal(counts, [[1, 0, 0], [1, 1, 0], [0, 0, 1]])


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


def test_diagnostics_on_a_network_worked_by_hand():
    from nnlib import diagnostics

    # gradient norms: the dW only, in layer order whatever the dict's order
    grads = {"db2": np.array([[7.0]]), "dW2": np.array([[1.0, -2.0]]),  # sqrt(1 + 4)
             "dA1": np.ones((2, 3)), "dW1": np.array([[3.0, 0.0], [0.0, -4.0]]),  # sqrt(9 + 16)
             "db1": np.array([[12.0], [0.0]])}
    np.testing.assert_allclose(diagnostics.gradient_norms(grads), [5.0, np.sqrt(5.0)])

    # dead units: X = [[1, -1]]; layer 1 has Z1 = [[1, -1], [0, 0], [-1, 1], [-1, -1]]: units 1
    # (exactly 0) and 3 are dead. A1 = [[1, 0], [0, 0], [0, 1], [0, 0]], so Z2 = [[1, 1], [-1, -1]]:
    # unit 1 is dead. The output layer (always -1) is not counted.
    X = np.array([[1.0, -1.0]])
    parameters = {"W1": np.array([[1.0], [0.0], [-1.0], [0.0]]),
                  "b1": np.array([[0.0], [0.0], [0.0], [-1.0]]),
                  "W2": np.array([[1.0, 0.0, 1.0, 0.0], [-1.0, 0.0, -1.0, 0.0]]),
                  "b2": np.zeros((2, 1)),
                  "W3": np.zeros((1, 2)), "b3": np.array([[-1.0]])}
    counts = diagnostics.dead_units(X, parameters)
    np.testing.assert_array_equal(counts, [2, 1])
    assert counts.dtype.kind == "i"

    # output layer and loss, from the targets alone
    assert diagnostics.output_layer_for(np.array([[0.0, 1.0, 1.0]])) == ("sigmoid", "bce")
    assert diagnostics.output_layer_for(np.eye(3)) == ("softmax", "ce")
    assert diagnostics.output_layer_for(np.array([[1.0, 0.0], [1.0, 1.0]])) == ("sigmoid", "bce")
    assert diagnostics.output_layer_for(np.array([[1.0, 1.0, 1.0]])) == ("sigmoid", "bce")
    assert diagnostics.output_layer_for(np.array([[0.5, 2.0]])) == ("linear", "mse")
    assert diagnostics.output_layer_for([[0, 1], [1, 0]]) == ("softmax", "ce")
