"""The checks of notebook 05 pass correct implementations and catch the usual mistakes."""
import numpy as np
import pytest

import nnlib
from nnchecks import CheckFailed
from nnchecks import nb05_update as checks
from nnchecks.hidden import nb05_update as hidden_checks


# --------------------------------------------------------------------------- implementations

def update_parameters(parameters, grads, learning_rate):
    return {key: value - learning_rate * grads["d" + key] for key, value in parameters.items()}


def random_mini_batches(X, Y, batch_size, seed):
    order = np.random.default_rng(seed).permutation(X.shape[1])
    return [(X[:, order[k:k + batch_size]], Y[:, order[k:k + batch_size]])
            for k in range(0, X.shape[1], batch_size)]


def update_with_momentum(parameters, grads, state, learning_rate, beta=0.9):
    state = {} if state is None else state
    new_parameters, new_state = {}, {}
    for key, value in parameters.items():
        v = beta * state.get("v_" + key, np.zeros_like(value)) + (1 - beta) * grads["d" + key]
        new_state["v_" + key] = v
        new_parameters[key] = value - learning_rate * v
    return new_parameters, new_state


def update_with_adam(parameters, grads, state, learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8):
    state = {} if state is None else state
    t = state.get("t", 0) + 1
    new_parameters, new_state = {}, {"t": t}
    for key, value in parameters.items():
        g = grads["d" + key]
        m = beta1 * state.get("m_" + key, np.zeros_like(value)) + (1 - beta1) * g
        v = beta2 * state.get("v_" + key, np.zeros_like(value)) + (1 - beta2) * g**2
        new_state["m_" + key], new_state["v_" + key] = m, v
        m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
        new_parameters[key] = value - learning_rate * m_hat / (np.sqrt(v_hat) + epsilon)
    return new_parameters, new_state


def not_implemented(*args, **kwargs):
    raise NotImplementedError()


CORRECT = [
    (checks.check_update_parameters, update_parameters),
    (checks.check_update_parameters_new_dict, update_parameters),
    (hidden_checks.check_update_parameters_hidden, update_parameters),
    (checks.check_random_mini_batches, random_mini_batches),
    (checks.check_random_mini_batches_sizes, random_mini_batches),
    (hidden_checks.check_random_mini_batches_hidden, random_mini_batches),
    (checks.check_update_with_momentum, update_with_momentum),
    (checks.check_update_with_momentum_second_step, update_with_momentum),
    (hidden_checks.check_update_with_momentum_hidden, update_with_momentum),
    (checks.check_update_with_adam, update_with_adam),
    (checks.check_update_with_adam_second_step, update_with_adam),
    (hidden_checks.check_update_with_adam_hidden, update_with_adam),
]


@pytest.mark.parametrize("check, fn", CORRECT, ids=[c.__name__ for c, _ in CORRECT])
def test_correct_implementation_passes(check, fn):
    check(fn)


@pytest.mark.parametrize("check", [c for c, _ in CORRECT], ids=[c.__name__ for c, _ in CORRECT])
def test_stub_says_not_implemented(check):
    with pytest.raises(CheckFailed, match="not implemented yet"):
        check(not_implemented)


# --------------------------------------------------------------------------- update_parameters

def lower_case_in_place(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["w" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters


def test_update_catches_lower_case_key():
    with pytest.raises(CheckFailed, match="case-sensitive"):
        checks.check_update_parameters(lower_case_in_place)


def test_update_catches_in_place_and_same_dict():
    def in_place(parameters, grads, learning_rate):
        for key in parameters:
            parameters[key] -= learning_rate * grads["d" + key]
        return parameters

    with pytest.raises(CheckFailed, match="returned the dict it was given"):
        checks.check_update_parameters_new_dict(in_place)

    def arrays_in_place(parameters, grads, learning_rate):
        new = dict(parameters)
        for key in new:
            new[key] -= learning_rate * grads["d" + key]
        return new

    with pytest.raises(CheckFailed, match="changed its input"):
        checks.check_update_parameters_new_dict(arrays_in_place)


def test_update_names_the_usual_mistakes():
    with pytest.raises(CheckFailed, match="uphill"):
        checks.check_update_parameters(lambda p, g, lr: {k: v + lr * g["d" + k] for k, v in p.items()})
    with pytest.raises(CheckFailed, match="multiply dW1 by learning_rate"):
        checks.check_update_parameters(lambda p, g, lr: {k: v - g["d" + k] for k, v in p.items()})
    with pytest.raises(CheckFailed, match="has shape"):
        checks.check_update_parameters(lambda p, g, lr: {k: (v - lr * g["d" + k]).ravel() for k, v in p.items()})


def test_update_catches_fixed_number_of_layers():
    def two_layers_only(parameters, grads, learning_rate):
        return {k: parameters[k] - learning_rate * grads["d" + k] for k in ("W1", "b1", "W2", "b2")}

    with pytest.raises(CheckFailed, match="3-layer"):
        checks.check_update_parameters_new_dict(two_layers_only)


def test_update_hidden_catches_hand_off_to_nnlib():
    with pytest.raises(CheckFailed, match="calls nnlib"):
        hidden_checks.check_update_parameters_hidden(lambda p, g, lr: nnlib.update_parameters(p, g, lr))
    with pytest.raises(CheckFailed, match="calls nnlib.momentum"):
        hidden_checks.check_update_parameters_hidden(lambda p, g, lr: nnlib.momentum(p, g, None, lr, beta=0.0)[0])


# --------------------------------------------------------------------------- random_mini_batches

def test_mini_batches_catch_unshuffled_and_separate_shuffles():
    def unshuffled(X, Y, batch_size, seed):
        return [(X[:, k:k + batch_size], Y[:, k:k + batch_size]) for k in range(0, X.shape[1], batch_size)]

    with pytest.raises(CheckFailed, match="permutation"):
        checks.check_random_mini_batches(unshuffled)

    def separate(X, Y, batch_size, seed):
        rng = np.random.default_rng(seed)
        Xs, Ys = X[:, rng.permutation(X.shape[1])], Y[:, rng.permutation(X.shape[1])]
        return [(Xs[:, k:k + batch_size], Ys[:, k:k + batch_size]) for k in range(0, X.shape[1], batch_size)]

    with pytest.raises(CheckFailed, match="same order"):
        checks.check_random_mini_batches(separate)


def test_mini_batches_catch_dropped_last_batch_and_empty_batch():
    def full_batches_only(X, Y, batch_size, seed):
        return random_mini_batches(X, Y, batch_size, seed)[: X.shape[1] // batch_size]

    with pytest.raises(CheckFailed, match="returned 2 mini-batches; expected 3"):
        checks.check_random_mini_batches(full_batches_only)

    def one_too_many(X, Y, batch_size, seed):
        order = np.random.default_rng(seed).permutation(X.shape[1])
        return [(X[:, order[k * batch_size:(k + 1) * batch_size]], Y[:, order[k * batch_size:(k + 1) * batch_size]])
                for k in range(X.shape[1] // batch_size + 1)]

    with pytest.raises(CheckFailed, match="returned 3 mini-batches; expected 2"):
        checks.check_random_mini_batches_sizes(one_too_many)


def test_mini_batches_catch_rows_for_columns_and_mutation():
    def rows(X, Y, batch_size, seed):
        return [(b[0].T, b[1].T) for b in random_mini_batches(X, Y, batch_size, seed)]

    with pytest.raises(CheckFailed, match="shape"):
        checks.check_random_mini_batches(rows)

    def shuffles_in_place(X, Y, batch_size, seed):
        batches = random_mini_batches(X, Y, batch_size, seed)
        X[:] = X[:, ::-1]
        return batches

    with pytest.raises(CheckFailed, match="changed its input"):
        checks.check_random_mini_batches(shuffles_in_place)


def test_mini_batches_hidden_catches_hand_off_and_global_seed():
    with pytest.raises(CheckFailed, match="calls nnlib.random_mini_batches"):
        hidden_checks.check_random_mini_batches_hidden(nnlib.random_mini_batches.__call__)

    def global_seed(X, Y, batch_size, seed):
        np.random.seed(seed)
        order = np.random.permutation(X.shape[1])
        return [(X[:, order[k:k + batch_size]], Y[:, order[k:k + batch_size]])
                for k in range(0, X.shape[1], batch_size)]

    with pytest.raises(CheckFailed):
        checks.check_random_mini_batches(global_seed)


# --------------------------------------------------------------------------- momentum

def test_momentum_catches_missing_one_minus_beta():
    def heavy_ball(parameters, grads, state, learning_rate, beta=0.9):
        state = state or {}
        new_state = {"v_" + k: beta * state.get("v_" + k, 0) + grads["d" + k] for k in parameters}
        return {k: v - learning_rate * new_state["v_" + k] for k, v in parameters.items()}, new_state

    with pytest.raises(CheckFailed, match=r"\(1 - beta\)"):
        checks.check_update_with_momentum(heavy_ball)


def test_momentum_catches_reset_velocity_fixed_beta_and_wrong_return():
    def forgets(parameters, grads, state, learning_rate, beta=0.9):
        return update_with_momentum(parameters, grads, None, learning_rate, beta)

    with pytest.raises(CheckFailed, match="reset"):
        checks.check_update_with_momentum_second_step(forgets)

    def fixed_beta(parameters, grads, state, learning_rate, beta=0.9):
        return update_with_momentum(parameters, grads, state, learning_rate)

    with pytest.raises(CheckFailed, match="beta argument"):
        checks.check_update_with_momentum_second_step(fixed_beta)

    with pytest.raises(CheckFailed, match="should return a tuple"):
        checks.check_update_with_momentum(lambda p, g, s, lr, beta=0.9: update_with_momentum(p, g, s, lr, beta)[0])


def test_momentum_catches_state_mutation_and_hand_off():
    def mutates(parameters, grads, state, learning_rate, beta=0.9):
        new_parameters, new_state = update_with_momentum(parameters, grads, state, learning_rate, beta)
        if state is not None:
            for key in new_state:
                state[key][...] = new_state[key]
        return new_parameters, new_state

    with pytest.raises(CheckFailed, match="changed its input"):
        checks.check_update_with_momentum_second_step(mutates)
    with pytest.raises(CheckFailed, match="calls nnlib.momentum"):
        hidden_checks.check_update_with_momentum_hidden(lambda *a: nnlib.momentum(*a))


# --------------------------------------------------------------------------- Adam

@pytest.mark.parametrize("correct_m, correct_v, message", [
    (False, False, "neither m nor v"), (True, False, "m is bias-corrected but v is not"),
    (False, True, "v is bias-corrected but m is not")])
def test_adam_names_missing_bias_correction(correct_m, correct_v, message):
    def adam(parameters, grads, state, learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8):
        new_parameters, new_state = update_with_adam(parameters, grads, state, learning_rate, beta1, beta2, epsilon)
        t = new_state["t"]
        for key in parameters:
            m = new_state["m_" + key] / ((1 - beta1**t) if correct_m else 1)
            v = new_state["v_" + key] / ((1 - beta2**t) if correct_v else 1)
            new_parameters[key] = parameters[key] - learning_rate * m / (np.sqrt(v) + epsilon)
        return new_parameters, new_state

    with pytest.raises(CheckFailed, match=message):
        checks.check_update_with_adam(adam)


def test_adam_catches_missing_t_and_not_counting():
    def no_t(parameters, grads, state, learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8):
        new_parameters, new_state = update_with_adam(parameters, grads, state, learning_rate, beta1, beta2, epsilon)
        del new_state["t"]
        return new_parameters, new_state

    with pytest.raises(CheckFailed, match="step count"):
        checks.check_update_with_adam(no_t)

    def t_stuck(parameters, grads, state, learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8):
        return update_with_adam(parameters, grads, None, learning_rate, beta1, beta2, epsilon)

    with pytest.raises(CheckFailed, match="expected 4"):
        checks.check_update_with_adam_second_step(t_stuck)


def test_adam_catches_fixed_hyperparameters_and_hand_off():
    def fixed(parameters, grads, state, learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8):
        return update_with_adam(parameters, grads, state, learning_rate)

    with pytest.raises(CheckFailed, match="beta1, beta2 and epsilon arguments"):
        checks.check_update_with_adam_second_step(fixed)
    with pytest.raises(CheckFailed, match="calls nnlib.adam"):
        hidden_checks.check_update_with_adam_hidden(lambda *a: nnlib.adam(*a))


# --------------------------------------------------------------------------- looping over grads

def test_looping_over_grads_gets_a_hint():
    def over_grads(parameters, grads, learning_rate):
        return {key[1:]: parameters[key[1:]] - learning_rate * value for key, value in grads.items()}

    with pytest.raises(CheckFailed, match="not over the keys of grads"):
        checks.check_update_parameters(over_grads)

    def momentum_over_grads(parameters, grads, state, learning_rate, beta=0.9):
        new_parameters, new_state = {}, {}
        for gkey, g in grads.items():
            key = gkey[1:]
            v = beta * (state["v_" + key] if state else 0) + (1 - beta) * g
            new_state["v_" + key], new_parameters[key] = v, parameters[key] - learning_rate * v
        return new_parameters, new_state

    with pytest.raises(CheckFailed, match="not over the keys of grads"):
        checks.check_update_with_momentum_second_step(momentum_over_grads)


@pytest.mark.parametrize("m_power, v_power, named", [
    ("one", "one", "m's correction divides by 1 - beta1, without the power t (the same only when t = 1); "
                   "v's correction divides by 1 - beta2, without the power t"),
    ("one", "t", "m's correction divides by 1 - beta1, without the power t"),
    ("t", "old", "v's correction uses the old t = 3, before counting this step"),
])
def test_adam_later_step_names_a_bias_correction_without_the_power_t(m_power, v_power, named):
    def adam(parameters, grads, state, learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8):
        new_parameters, new_state = update_with_adam(parameters, grads, state, learning_rate, beta1, beta2, epsilon)
        t = new_state["t"]
        power = {"one": 1, "old": t - 1, "t": t}
        for key in parameters:
            m_hat = new_state["m_" + key] / (1 - beta1 ** power[m_power])
            v_hat = new_state["v_" + key] / (1 - beta2 ** power[v_power])
            new_parameters[key] = parameters[key] - learning_rate * m_hat / (np.sqrt(v_hat) + epsilon)
        return new_parameters, new_state

    if "old" not in (m_power, v_power):
        checks.check_update_with_adam(adam)  # at t = 1, beta**t is beta: the first step cannot tell
    with pytest.raises(CheckFailed) as caught:
        checks.check_update_with_adam_second_step(adam)
    message = str(caught.value)
    assert message.startswith("new_parameters from a state with t = 3 is not right: " + named)
    assert message.endswith("with the new t = state['t'] + 1 = 4") and "moments start from" not in message


def test_adam_later_step_message_puts_the_index_after_the_expression():
    def restarts(parameters, grads, state, learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8):
        new_parameters, new_state = update_with_adam(parameters, grads, None, learning_rate, beta1, beta2, epsilon)
        new_state["t"] = state["t"] + 1
        return new_parameters, new_state

    with pytest.raises(CheckFailed, match=r"^update_with_adam\(\.\.\.\)\[0\]\['W1'\]\[0, \d\] from a state with "
                                          r"t = 3 is .*\nHint: moments start from state"):
        checks.check_update_with_adam_second_step(restarts)
