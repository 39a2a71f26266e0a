"""nnlib.optimizers: each rule on cases worked by hand from the formula in its docstring, its
state, inputs left unchanged, and errors that name the gradient that is wrong."""
import copy
import inspect

import numpy as np
import pytest

import nnlib
from nnlib.optimizers import OPTIMIZERS

pytestmark = pytest.mark.filterwarnings("error")  # any overflow/divide/invalid warning fails

RULES = sorted(OPTIMIZERS)


def _one_unit(w=2.0, b=-1.0):
    """A one-unit layer: the parameters W1 (1, 1) and b1 (1, 1)."""
    return {"W1": np.array([[w]]), "b1": np.array([[b]])}


def _grads(dw, db):
    return {"dW1": np.array([[dw]]), "db1": np.array([[db]])}


def test_gd_by_hand():
    # p <- p - lr * dp with lr = 0.1: W 2 - 0.1 * 0.5 = 1.95, b -1 - 0.1 * (-2) = -0.8
    new, state = nnlib.gd(_one_unit(), _grads(0.5, -2.0), None, learning_rate=0.1)
    np.testing.assert_allclose(new["W1"], [[1.95]], rtol=1e-15)
    np.testing.assert_allclose(new["b1"], [[-0.8]], rtol=1e-15)
    assert state == {}
    np.testing.assert_allclose(nnlib.update_parameters(_one_unit(), _grads(0.5, -2.0), 0.1)["W1"], [[1.95]])


def test_momentum_by_hand():
    # v <- beta v + (1 - beta) dp;  p <- p - lr v, with beta = 0.9, lr = 0.1, dW = 0.5
    new, state = nnlib.momentum(_one_unit(), _grads(0.5, -2.0), None, learning_rate=0.1, beta=0.9)
    np.testing.assert_allclose(state["v_W1"], [[0.05]], rtol=1e-14)      # 0.9 * 0 + 0.1 * 0.5
    np.testing.assert_allclose(new["W1"], [[1.995]], rtol=1e-14)         # 2 - 0.1 * 0.05
    np.testing.assert_allclose(state["v_b1"], [[-0.2]], rtol=1e-14)      # 0.1 * (-2)
    np.testing.assert_allclose(new["b1"], [[-0.98]], rtol=1e-14)         # -1 - 0.1 * (-0.2)
    # second step, same gradient: v = 0.9 * 0.05 + 0.05 = 0.095, W = 1.995 - 0.0095 = 1.9855
    new, state = nnlib.momentum(new, _grads(0.5, -2.0), state, learning_rate=0.1, beta=0.9)
    np.testing.assert_allclose(state["v_W1"], [[0.095]], rtol=1e-14)
    np.testing.assert_allclose(new["W1"], [[1.9855]], rtol=1e-14)


def test_adam_by_hand():
    lr, eps = 0.1, 1e-8
    # step 1, dW = 0.5: m = 0.1 * 0.5 = 0.05, v = 0.001 * 0.25 = 0.00025,
    # m_hat = 0.05 / 0.1 = 0.5, v_hat = 0.00025 / 0.001 = 0.25: W = 2 - 0.1 * 0.5 / (0.5 + eps);
    # bias-corrected, the first step moves every parameter by about lr against its gradient's sign
    new, state = nnlib.adam(_one_unit(), _grads(0.5, -2.0), None, learning_rate=lr)
    w1 = 2 - lr * 0.5 / (0.5 + eps)
    assert state["t"] == 1
    np.testing.assert_allclose(state["m_W1"], [[0.05]], rtol=1e-14)
    np.testing.assert_allclose(state["v_W1"], [[0.00025]], rtol=1e-14)
    np.testing.assert_allclose(new["W1"], [[w1]], rtol=1e-14)
    np.testing.assert_allclose(new["W1"], [[1.9]], atol=1e-8)
    np.testing.assert_allclose(new["b1"], [[-0.9]], atol=1e-8)           # -1 + lr: db < 0
    # step 2, dW = -1: m = 0.9 * 0.05 + 0.1 * (-1) = -0.055, v = 0.999 * 0.00025 + 0.001 * 1
    # = 0.00124975; m_hat = -0.055 / (1 - 0.81), v_hat = 0.00124975 / (1 - 0.998001)
    new, state = nnlib.adam(new, _grads(-1.0, -2.0), state, learning_rate=lr)
    assert state["t"] == 2
    np.testing.assert_allclose(state["m_W1"], [[-0.055]], rtol=1e-13)
    np.testing.assert_allclose(state["v_W1"], [[0.00124975]], rtol=1e-13)
    m_hat, v_hat = -0.055 / 0.19, 0.00124975 / 0.001999
    np.testing.assert_allclose(new["W1"], [[w1 - lr * m_hat / (np.sqrt(v_hat) + eps)]], rtol=1e-12)
    np.testing.assert_allclose(new["W1"], [[1.93661]], atol=1e-5)  # 1.9 + 0.1 * 0.2895 / 0.7907
    # db = -2 twice: m = -0.38, v = 0.007996, m_hat = -2 = db, v_hat = 4 = db**2, so the step
    # is lr again: b = -1 + 2 lr
    np.testing.assert_allclose(new["b1"], [[-0.8]], atol=1e-7)


def test_gd_momentum_and_adam_first_steps_by_hand():
    params = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([[0.5]])}
    grads = {"dW1": np.array([[0.2, -0.4]]), "db1": np.array([[1.0]])}
    new, _ = nnlib.gd(params, grads, None, learning_rate=0.5)
    np.testing.assert_allclose(new["W1"], [[0.9, -1.8]])
    new, state = nnlib.momentum(params, grads, None, learning_rate=0.5, beta=0.9)
    np.testing.assert_allclose(state["v_W1"], [[0.02, -0.04]])
    np.testing.assert_allclose(new["b1"], [[0.5 - 0.5 * 0.1]])
    new, state = nnlib.adam(params, grads, None, learning_rate=0.01)
    np.testing.assert_allclose(new["W1"], [[0.99, -1.99]], atol=1e-6)
    np.testing.assert_allclose(new["b1"], [[0.49]], atol=1e-6)
    new2, state2 = nnlib.adam(new, grads, state, learning_rate=0.01)
    assert state2["t"] == 2 and state["t"] == 1  # the old state is not modified
    np.testing.assert_allclose(new2["W1"], [[0.98, -1.98]], atol=1e-6)


@pytest.mark.parametrize("name, keys", [
    ("gd", set()),
    ("momentum", {"v_W1", "v_b1", "v_W2", "v_b2"}),
    ("adam", {"t", "m_W1", "v_W1", "m_b1", "v_b1", "m_W2", "v_W2", "m_b2", "v_b2"}),
])
def test_state_holds_the_documented_keys(name, keys, small_network):
    X, Y, params = small_network
    AL, caches = nnlib.model_forward(X, params)
    grads = nnlib.model_backward(AL, Y, caches)
    _, state = OPTIMIZERS[name].rule(params, grads, None, 0.1)
    assert set(state) == keys
    for key in keys - {"t"}:
        assert state[key].shape == params[key[2:]].shape, key


@pytest.mark.parametrize("name", RULES)
def test_rules_leave_their_inputs_unchanged(name, small_network):
    X, Y, params = small_network
    AL, caches = nnlib.model_forward(X, params)
    grads = nnlib.model_backward(AL, Y, caches)
    rule = OPTIMIZERS[name].rule
    _, state = rule(params, grads, None, 0.1)
    before = copy.deepcopy((params, grads, state))
    new, new_state = rule(params, grads, state, 0.1)
    for old, kept in zip((params, grads, state), before):
        assert old.keys() == kept.keys()
        for key in old:
            np.testing.assert_array_equal(old[key], kept[key], err_msg=key)
    assert new is not params and new_state is not state
    for key in params:  # new arrays, not views of the old ones
        assert not np.shares_memory(new[key], params[key]), key


def test_update_parameters_leaves_its_inputs_unchanged(small_network):
    _, _, params = small_network
    grads = {f"d{k}": np.ones_like(v) for k, v in params.items()}
    before = copy.deepcopy(params)
    new = nnlib.update_parameters(params, grads, 0.5)
    for key in params:
        np.testing.assert_array_equal(params[key], before[key], err_msg=key)
        np.testing.assert_array_equal(new[key], before[key] - 0.5)


@pytest.mark.parametrize("name", RULES)
def test_a_missing_gradient_is_named(name):
    with pytest.raises(ValueError, match=r"grads has no 'db1' \(grads keys: \['dW1'\]\)"):
        OPTIMIZERS[name].rule(_one_unit(), {"dW1": np.array([[0.5]])}, None, 0.1)


@pytest.mark.parametrize("name", RULES)
def test_a_gradient_of_the_wrong_shape_is_named(name):
    grads = dict(_grads(0.5, -2.0), dW1=np.zeros((2, 1)))
    with pytest.raises(ValueError, match=r"dW1 has shape \(2, 1\) but W1 has shape \(1, 1\)"):
        OPTIMIZERS[name].rule(_one_unit(), grads, None, 0.1)


@pytest.mark.parametrize("name", RULES)
def test_the_table_lists_each_rules_options(name):
    """train refuses options that are not in the table: the table must match the signatures."""
    rule, options = OPTIMIZERS[name]
    assert getattr(nnlib, name) is rule
    parameters = list(inspect.signature(rule).parameters)
    assert parameters[:4] == ["parameters", "grads", "state", "learning_rate"]
    assert tuple(parameters[4:]) == options


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_updates_keep_the_dtype(dtype):
    params = nnlib.initialize_parameters([3, 4, 1], seed=0, dtype=dtype)
    grads = {f"d{k}": np.ones_like(v) for k, v in params.items()}
    assert {p.dtype for p in nnlib.update_parameters(params, grads, 0.1).values()} == {np.dtype(dtype)}
    for name in RULES:
        new, state = OPTIMIZERS[name].rule(params, grads, None, 0.01)
        assert {p.dtype for p in new.values()} == {np.dtype(dtype)}, name
        assert {v.dtype for k, v in state.items() if k != "t"} <= {np.dtype(dtype)}, name
