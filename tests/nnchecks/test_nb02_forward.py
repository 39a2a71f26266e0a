"""nnchecks.nb02_forward: passes on correct learner-style code, fails clearly on typical mistakes."""
import re

import numpy as np
import pytest

import nnlib
from nnchecks import CheckFailed
from nnchecks import nb02_forward as checks
from nnchecks.hidden import nb02_forward as hidden_checks


# --------------------------------------------------------------------------- correct versions,
# written the way a learner would (not nnlib's function objects, which the watcher rejects)

def linear_forward(A_prev, W, b):
    return np.dot(W, A_prev) + b, (A_prev, W, b)


def sigmoid(Z):
    E = np.exp(-np.abs(Z))
    return np.where(Z >= 0, 1 / (1 + E), E / (1 + E))


def tanh(Z):
    return np.tanh(Z)


def relu(Z):
    return np.maximum(Z, 0)


def leaky_relu(Z, slope=0.01):
    return np.where(Z > 0, Z, slope * Z)


def softmax(Z):
    E = np.exp(Z - np.max(Z, axis=0, keepdims=True))
    return E / np.sum(E, axis=0, keepdims=True)


def fixed_relu(Z):
    A = Z.copy()
    A[A < 0] = 0
    return A


def linear_activation_forward(A_prev, W, b, activation):
    g, _ = nnlib.get_activation(activation)
    Z, linear_cache = nnlib.linear_forward(A_prev, W, b)
    return g(Z), (linear_cache, Z)


def model_forward(X, parameters, hidden_activation="relu", output_activation="sigmoid"):
    L = len(parameters) // 2
    A, caches = X, []
    for l in range(1, L + 1):
        activation = hidden_activation if l < L else output_activation
        A, cache = nnlib.linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], activation)
        caches.append(cache)
    return A, caches


def stub(*args, **kwargs):
    raise NotImplementedError()


CORRECT = {
    "linear_forward": linear_forward, "sigmoid": sigmoid, "sigmoid_stable": sigmoid, "tanh": tanh,
    "relu": relu, "leaky_relu": leaky_relu, "softmax": softmax, "softmax_stable": softmax,
    "fixed_relu": fixed_relu, "linear_activation_forward": linear_activation_forward,
    "model_forward_two_layers": model_forward, "model_forward_deep": model_forward,
}
NNLIB = {
    "linear_forward": nnlib.linear_forward, "sigmoid": nnlib.sigmoid, "tanh": nnlib.tanh,
    "relu": nnlib.relu, "leaky_relu": nnlib.leaky_relu, "softmax": nnlib.softmax,
    "fixed_relu": nnlib.relu, "linear_activation_forward": nnlib.linear_activation_forward,
    "model_forward_two_layers": nnlib.model_forward, "model_forward_deep": nnlib.model_forward,
}


@pytest.mark.parametrize("exercise", sorted(CORRECT))
def test_correct_implementations_pass(exercise):
    getattr(checks, f"check_{exercise}")(CORRECT[exercise])
    getattr(hidden_checks, f"check_{exercise}_hidden")(CORRECT[exercise])


@pytest.mark.parametrize("exercise", sorted(CORRECT))
def test_stub_says_not_implemented(exercise):
    name = exercise.replace("_stable", "").replace("_two_layers", "").replace("_deep", "")
    stub.__name__ = name
    with pytest.raises(CheckFailed, match=f"{name} is not implemented yet"):
        getattr(checks, f"check_{exercise}")(stub)
    with pytest.raises(CheckFailed, match="not implemented yet"):
        getattr(hidden_checks, f"check_{exercise}_hidden")(stub)


@pytest.mark.parametrize("exercise", sorted(NNLIB))
def test_handing_the_work_to_nnlib_fails_the_visible_and_the_hidden_check(exercise):
    reference = NNLIB[exercise]

    def hand_off(*args, **kwargs):
        return reference(*args, **kwargs)

    message = f"calls nnlib.{reference.__name__}: this exercise asks for your own implementation"
    with pytest.raises(CheckFailed, match=re.escape(message)):
        getattr(checks, f"check_{exercise}")(hand_off)
    with pytest.raises(CheckFailed, match=re.escape(message)):
        getattr(hidden_checks, f"check_{exercise}_hidden")(hand_off)


def test_relu_through_leaky_relu_with_slope_0_is_a_hand_off():
    def relu(Z):
        return nnlib.leaky_relu(Z, slope=0.0)

    message = "relu calls nnlib.leaky_relu: this exercise asks for your own implementation"
    for check in (checks.check_relu, hidden_checks.check_relu_hidden):
        with pytest.raises(CheckFailed, match=f"^{re.escape(message)}$"):
            check(relu)


@pytest.mark.parametrize("exercise, hand_off", [
    ("relu", lambda Z: nnlib.get_activation("relu")[0](Z)),
    ("sigmoid", lambda Z: 1 - nnlib.sigmoid(-Z)),
    ("tanh", lambda Z: nnlib.ACTIVATIONS["tanh"][0](Z)),
    ("linear_forward", lambda A_prev, W, b: (nnlib.linear_activation_forward(A_prev, W, b, "linear")[0],
                                             (A_prev, W, b))),
])
def test_every_other_nnlib_function_is_a_hand_off_too(exercise, hand_off):
    with pytest.raises(CheckFailed, match=f"^{exercise} calls nnlib"):
        getattr(checks, f"check_{exercise}")(hand_off)


def test_a_layer_and_a_network_may_use_the_nnlib_functions_the_notebook_names():
    def layer_from_a_table(A_prev, W, b, activation):
        Z, linear_cache = nnlib.linear_forward(A_prev, W, b)
        table = {"sigmoid": nnlib.sigmoid, "tanh": nnlib.tanh, "relu": nnlib.relu,
                 "leaky_relu": nnlib.leaky_relu, "softmax": nnlib.softmax}
        return table[activation](Z), (linear_cache, Z)

    for check in (checks.check_linear_activation_forward, hidden_checks.check_linear_activation_forward_hidden):
        check(layer_from_a_table)
    for check in (checks.check_model_forward_deep, hidden_checks.check_model_forward_deep_hidden):
        check(model_forward)  # layer by layer with nnlib.linear_activation_forward


# --------------------------------------------------------------------------- linear_forward

def test_linear_forward_without_bias():
    with pytest.raises(CheckFailed, match="forget to add b"):
        checks.check_linear_forward(lambda A_prev, W, b: (W @ A_prev, (A_prev, W, b)))


def test_linear_forward_row_convention_has_wrong_shape():
    with pytest.raises(CheckFailed, match=r"Z has shape \(4, 2\); expected \(2, 4\)"):
        checks.check_linear_forward(lambda A_prev, W, b: (A_prev.T @ W.T + b.T, (A_prev, W, b)))


def test_linear_forward_returns_Z_only():
    with pytest.raises(CheckFailed, match=r"\(Z, cache\)"):
        checks.check_linear_forward(lambda A_prev, W, b: W @ A_prev + b)


def test_linear_forward_cache_in_wrong_order():
    with pytest.raises(CheckFailed, match=r"cache\[0\] has shape \(2, 3\); expected \(3, 4\)\nHint: .*\(A_prev, W, b\)"):
        checks.check_linear_forward(lambda A_prev, W, b: (W @ A_prev + b, (W, A_prev, b)))


def test_linear_forward_that_scales_W_in_place():
    def in_place(A_prev, W, b):
        W *= 1.5
        return W @ A_prev + b, (A_prev, W, b)
    with pytest.raises(CheckFailed, match="changed its input"):
        checks.check_linear_forward(in_place)


# --------------------------------------------------------------------------- activations

def test_naive_sigmoid_passes_values_but_warns_on_extremes():
    naive = lambda Z: 1 / (1 + np.exp(-Z))
    checks.check_sigmoid(naive)
    hidden_checks.check_sigmoid_hidden(naive)
    with pytest.raises(CheckFailed, match="overflow encountered in exp"):
        checks.check_sigmoid_stable(naive)
    with pytest.raises(CheckFailed, match="overflow"):
        hidden_checks.check_sigmoid_stable_hidden(naive)


def test_where_sigmoid_evaluates_both_branches_and_warns():
    both = lambda Z: np.where(Z >= 0, 1 / (1 + np.exp(-Z)), np.exp(Z) / (1 + np.exp(Z)))
    with pytest.raises(CheckFailed, match="overflow"):
        checks.check_sigmoid_stable(both)


def test_sigmoid_with_wrong_sign():
    with pytest.raises(CheckFailed, match=r"sigmoid\(Z\)\[1, 2\] is 0.00669285; expected 0.993307"):
        checks.check_sigmoid(lambda Z: 1 / (1 + np.exp(Z)))


def test_tanh_wrong_values():
    with pytest.raises(CheckFailed, match=r"tanh\(Z\)"):
        checks.check_tanh(lambda Z: np.sinh(Z))


def test_relu_that_mutates_its_input():
    def mutating(Z):
        Z[Z < 0] = 0
        return Z
    with pytest.raises(CheckFailed, match="changed its input"):
        checks.check_relu(mutating)
    with pytest.raises(CheckFailed, match="still changes its input"):
        checks.check_fixed_relu(mutating)


def test_relu_with_wrong_values():
    with pytest.raises(CheckFailed, match=r"relu\(Z\)\[1, 3\] is -4; expected 0 \(4 of 8"):
        checks.check_relu(lambda Z: np.abs(Z) * 0 + Z)


def test_leaky_relu_that_ignores_slope():
    with pytest.raises(CheckFailed, match="slope=0.2"):
        checks.check_leaky_relu(lambda Z, slope=0.01: np.where(Z > 0, Z, 0.01 * Z))


def test_leaky_relu_without_slope_parameter():
    with pytest.raises(CheckFailed, match="TypeError"):
        checks.check_leaky_relu(lambda Z: np.where(Z > 0, Z, 0.01 * Z))


def test_softmax_over_rows():
    def rows(Z):
        E = np.exp(Z)
        return E / E.sum(axis=1, keepdims=True)
    with pytest.raises(CheckFailed, match="axis=0, not axis=1"):
        checks.check_softmax(rows)


def test_softmax_over_everything():
    with pytest.raises(CheckFailed, match="not the whole array"):
        checks.check_softmax(lambda Z: np.exp(Z) / np.exp(Z).sum())


def test_unstable_softmax_gives_nan():
    naive = lambda Z: np.exp(Z) / np.exp(Z).sum(axis=0, keepdims=True)
    checks.check_softmax(naive)
    with pytest.raises(CheckFailed, match="is nan.*subtract each column's maximum"):
        checks.check_softmax_stable(naive)


def test_softmax_with_global_max_underflows():
    def global_max(Z):
        E = np.exp(Z - Z.max())
        return E / E.sum(axis=0, keepdims=True)
    with pytest.raises(CheckFailed):
        checks.check_softmax_stable(global_max)


def test_softmax_that_subtracts_in_place():
    def in_place(Z):
        Z -= Z.max(axis=0, keepdims=True)
        E = np.exp(Z)
        return E / E.sum(axis=0, keepdims=True)
    with pytest.raises(CheckFailed, match="changed its input"):
        checks.check_softmax(in_place)


# --------------------------------------------------------------------------- layers

def test_layer_cache_with_A_instead_of_Z():
    def caches_A(A_prev, W, b, activation):
        A, (linear_cache, Z) = linear_activation_forward(A_prev, W, b, activation)
        return A, (linear_cache, A)
    with pytest.raises(CheckFailed, match="BEFORE the activation"):
        checks.check_linear_activation_forward(caches_A)


def test_layer_cache_flat():
    def flat(A_prev, W, b, activation):
        A, (linear_cache, Z) = linear_activation_forward(A_prev, W, b, activation)
        return A, (A_prev, W, b, Z)
    with pytest.raises(CheckFailed, match=r"has 4 items; expected 2"):
        checks.check_linear_activation_forward(flat)


def test_layer_that_ignores_the_activation_name():
    def always_relu(A_prev, W, b, activation):
        return linear_activation_forward(A_prev, W, b, "relu")
    with pytest.raises(CheckFailed, match="activation 'sigmoid'"):
        checks.check_linear_activation_forward(always_relu)


def test_layer_without_softmax_fails_hidden():
    table = {"sigmoid": nnlib.sigmoid, "tanh": nnlib.tanh, "relu": nnlib.relu}

    def three_only(A_prev, W, b, activation):
        Z, linear_cache = nnlib.linear_forward(A_prev, W, b)
        return table[activation](Z), (linear_cache, Z)
    checks.check_linear_activation_forward(three_only)
    with pytest.raises(CheckFailed, match="KeyError: 'leaky_relu'"):
        hidden_checks.check_linear_activation_forward_hidden(three_only)


def _model_with(layers, hidden_of, output_of):
    def model(X, parameters, hidden_activation="relu", output_activation="sigmoid"):
        L = len(parameters) // 2
        A, caches = X, []
        for l in range(1, layers(L) + 1):
            activation = hidden_of(hidden_activation, output_activation) if l < L \
                else output_of(hidden_activation, output_activation)
            A, cache = nnlib.linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], activation)
            caches.append(cache)
        return A, caches
    return model


def test_model_forward_one_layer_short():
    short = _model_with(lambda L: L - 1, lambda h, o: h, lambda h, o: o)
    with pytest.raises(CheckFailed, match="stop one layer early"):
        checks.check_model_forward_two_layers(short)


def test_model_forward_output_activation_everywhere():
    everywhere = _model_with(lambda L: L, lambda h, o: o, lambda h, o: o)
    with pytest.raises(CheckFailed, match="only layer L uses output_activation"):
        checks.check_model_forward_two_layers(everywhere)


def test_model_forward_swapped_activations():
    swapped = _model_with(lambda L: L, lambda h, o: o, lambda h, o: h)
    with pytest.raises(CheckFailed, match="swapped"):
        checks.check_model_forward_deep(swapped)


def test_model_forward_missing_caches():
    def last_cache_only(X, parameters, hidden_activation="relu", output_activation="sigmoid"):
        AL, caches = model_forward(X, parameters, hidden_activation, output_activation)
        return AL, caches[-1:]
    with pytest.raises(CheckFailed, match="caches has 1 items; expected 2"):
        checks.check_model_forward_two_layers(last_cache_only)


def test_model_forward_that_changes_parameters():
    def scaling(X, parameters, hidden_activation="relu", output_activation="sigmoid"):
        parameters["W1"] *= 1.0
        parameters["b1"] += 1.0
        return model_forward(X, parameters, hidden_activation, output_activation)
    with pytest.raises(CheckFailed, match="changed its input 'b1'"):
        checks.check_model_forward_deep(scaling)


# --------------------------------------------------------------------------- hints that name the mistake

def test_relu_through_np_max_is_pointed_to_np_maximum():
    with pytest.raises(CheckFailed) as caught:
        checks.check_relu(lambda Z: np.max(Z, 0))
    hint = str(caught.value).split("Hint: ")[1]
    assert hint.startswith("relu(Z) = np.maximum(Z, 0), element by element; np.max(Z, 0) is something else")


def test_stable_softmax_over_rows_is_told_the_axis_not_overflow():
    def rows(Z):
        E = np.exp(Z - Z.max(axis=1, keepdims=True))
        return E / E.sum(axis=1, keepdims=True)
    with pytest.raises(CheckFailed) as caught:
        checks.check_softmax_stable(rows)
    message = str(caught.value)
    assert message.startswith("softmax(Z / 1000)[")
    assert "axis=0, not axis=1" in message and "overflow" not in message.replace("nothing overflows", "")


def test_stable_softmax_with_a_wrong_divisor_is_told_the_divisor_not_overflow():
    def whole(Z):
        E = np.exp(Z - Z.max(axis=0, keepdims=True))
        return E / E.sum()
    with pytest.raises(CheckFailed, match="the wrong sum: divide exp.* by its own column's sum") as caught:
        checks.check_softmax_stable(whole)
    assert "exp(1000) overflows" not in str(caught.value)


def test_softmax_right_on_moderate_logits_is_told_it_overflows():
    naive = lambda Z: np.exp(Z) / np.exp(Z).sum(axis=0, keepdims=True)
    with pytest.raises(CheckFailed, match=r"(?s)^softmax\(Z\)\[0, 0\] is nan.*exp\(1000\) overflows"):
        checks.check_softmax_stable(naive)


def test_linear_forward_with_a_shape_error_is_told_the_shapes():
    rows = lambda A_prev, W, b: (A_prev @ W + b, (A_prev, W, b))
    with pytest.raises(CheckFailed) as caught:
        checks.check_linear_forward(rows)
    message = str(caught.value)
    assert message.startswith("linear_forward raised ValueError: matmul")
    assert message.endswith("Hint: the shapes here are A_prev (3, 4), W (2, 3), b (2, 1): Z = W @ A_prev + b "
                            "has shape (2, 4), W first (A_prev @ W and W * A_prev do not fit)")
    with pytest.raises(CheckFailed, match=r"Hint: the shapes here are A_prev \(3, 5\), W \(4, 3\), b \(4, 1\)"):
        hidden_checks.check_linear_forward_hidden(rows)


@pytest.mark.parametrize("first_key, asked", [("W0", "'W0'"), ("w1", "'w1'")])
def test_model_forward_asking_for_a_missing_key_is_told_the_keys(first_key, asked):
    def model_forward(X, parameters, hidden_activation="relu", output_activation="sigmoid"):
        parameters[first_key]
    with pytest.raises(CheckFailed) as caught:
        checks.check_model_forward_two_layers(model_forward)
    message = str(caught.value)
    assert message.startswith(f"model_forward raised KeyError: {asked}")
    assert message.splitlines()[-1] == (f"Hint: parameters has no key {asked}: its keys are ['W1', 'b1', 'W2', "
                                        "'b2'], layers l = 1..2 (the loop runs from 1 to L; keys are "
                                        "case-sensitive, 'W1' is not 'w1')")
    with pytest.raises(CheckFailed, match=f"Hint: parameters has no key {asked}: its keys are "):
        hidden_checks.check_model_forward_deep_hidden(model_forward)


def test_model_forward_with_keys_built_from_an_int_and_with_a_shape_error():
    def int_key(X, parameters, hidden_activation="relu", output_activation="sigmoid"):
        return parameters["W" + 1]

    def rows(X, parameters, hidden_activation="relu", output_activation="sigmoid"):
        return X.T @ parameters["W1"]
    with pytest.raises(CheckFailed, match=r"Hint: the keys are strings: build them with f\"W\{l\}\""):
        checks.check_model_forward_two_layers(int_key)
    with pytest.raises(CheckFailed, match=r"Hint: the shapes here are X \(2, 5\), W1 \(3, 2\), b1 \(3, 1\), "
                                          r"W2 \(1, 3\), b2 \(1, 1\): layer l computes W\[l\] @ A\[l-1\]"):
        checks.check_model_forward_two_layers(rows)


def test_a_missing_key_raised_in_the_learner_process_is_explained_alike():
    from nncourse.wire import remote_exception  # how a clean grading run raises the learner's KeyError

    parameters = {"W1": np.zeros((1, 2)), "b1": np.zeros((1, 1))}
    assert checks.explain_model(remote_exception("KeyError", "'W0'"), np.zeros((2, 3)), parameters) == \
        checks.explain_model(KeyError("W0"), np.zeros((2, 3)), parameters)
