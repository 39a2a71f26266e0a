"""nnchecks.nb08_activations: passes on correct learner-style code, fails clearly on typical mistakes."""
import numpy as np
import pytest

import nnlib
from nnlib import diagnostics
from nnchecks import CheckFailed
from nnchecks import nb08_activations as checks
from nnchecks.hidden import nb08_activations as hidden_checks


# --------------------------------------------------------------------------- correct versions,
# written the way a learner would (not nnlib.diagnostics' function objects, which the watcher rejects)

def gradient_norms_per_layer(grads):
    L = len([key for key in grads if key.startswith("dW")])
    return np.array([np.sqrt(np.sum(grads["dW" + str(l)] ** 2)) for l in range(1, L + 1)])


def dead_units_per_layer(X, parameters):
    _, caches = nnlib.model_forward(X, parameters, "relu", "sigmoid")
    counts = []
    for cache in caches[:-1]:
        A = nnlib.relu(cache.Z)
        counts.append(int(np.sum(np.all(A == 0, axis=1))))
    return np.array(counts)


def dead_units_by_hand(X, parameters):
    """Another correct version: its own forward pass, reading the ReLU outputs."""
    L = len(parameters) // 2
    A, counts = X, []
    for l in range(1, L):
        A = np.maximum(parameters[f"W{l}"] @ A + parameters[f"b{l}"], 0)
        counts.append(int((A.max(axis=1) == 0).sum()))
    return np.array(counts)


def output_layer_for(Y):
    if np.all((Y == 0) | (Y == 1)):
        if Y.shape[0] > 1 and np.all(Y.sum(axis=0) == 1):
            return ("softmax", "ce")
        return ("sigmoid", "bce")
    if Y.min() >= 0 and Y.max() <= 1:
        return ("sigmoid", "mse")
    return ("linear", "mse")


def stub(*args, **kwargs):
    raise NotImplementedError()


CORRECT = {
    "gradient_norms_per_layer_values": gradient_norms_per_layer,
    "gradient_norms_per_layer_deep": gradient_norms_per_layer,
    "dead_units_per_layer": dead_units_per_layer,
    "output_layer_for_table": output_layer_for,
    "output_layer_for_more": output_layer_for,
}


def _checks(exercise):
    return getattr(checks, f"check_{exercise}"), getattr(hidden_checks, f"check_{exercise}_hidden")


@pytest.mark.parametrize("exercise", sorted(CORRECT))
def test_correct_implementations_pass(exercise):
    for check in _checks(exercise):
        check(CORRECT[exercise])


def test_another_correct_dead_units_passes():
    for check in _checks("dead_units_per_layer"):
        check(dead_units_by_hand)


@pytest.mark.parametrize("exercise", sorted(CORRECT))
def test_stub_says_not_implemented(exercise):
    for check in _checks(exercise):
        with pytest.raises(CheckFailed, match="not implemented yet"):
            check(stub)


def test_references_agree_with_the_learner_style_versions():
    rng = np.random.default_rng(0)
    parameters = nnlib.initialize_parameters([4, 6, 6, 3], "he", seed=1)
    parameters = {k: v - 0.7 if k.startswith("b") else v for k, v in parameters.items()}
    X = rng.standard_normal((4, 20))
    assert np.array_equal(diagnostics.dead_units(X, parameters), dead_units_per_layer(X, parameters))
    AL, caches = nnlib.model_forward(X, parameters, "relu", "softmax")
    grads = nnlib.model_backward(AL, nnlib.data.one_hot(rng.integers(0, 3, 20), 3), caches,
                                 "relu", "softmax", "ce")
    assert np.allclose(diagnostics.gradient_norms(grads), gradient_norms_per_layer(grads))


# --------------------------------------------------------------------------- hand-offs

@pytest.mark.parametrize("exercise, reference", [
    ("gradient_norms_per_layer_values", diagnostics.gradient_norms),
    ("gradient_norms_per_layer_deep", diagnostics.gradient_norms),
    ("dead_units_per_layer", diagnostics.dead_units),
    ("output_layer_for_table", diagnostics.output_layer_for),
    ("output_layer_for_more", diagnostics.output_layer_for),
])
def test_handing_the_work_to_nnlib_diagnostics_fails_both_checks(exercise, reference):
    def hand_off(*args):
        return reference(*args)

    name = f"{reference.__module__}.{reference.__name__}"  # not a name of nnlib itself: by its module
    for check in _checks(exercise):
        with pytest.raises(CheckFailed, match=f" calls {name}: this exercise asks for your own implementation"):
            check(hand_off)


def test_dead_units_may_run_the_forward_pass_layer_by_layer_with_nnlib():
    def layer_by_layer(X, parameters):
        L, A, counts = len(parameters) // 2, X, []
        for l in range(1, L):
            A, (_, Z) = nnlib.linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
            counts.append(int(np.all(Z <= 0, axis=1).sum()))
        return np.array(counts)

    for check in _checks("dead_units_per_layer"):
        check(layer_by_layer)


# --------------------------------------------------------------------------- norm mistakes

def norms_sorted_keys(grads):
    return np.array([np.linalg.norm(grads[k]) for k in sorted(grads) if k.startswith("dW")])


def norms_with_bias(grads):
    L = len([k for k in grads if k.startswith("dW")])
    return np.array([np.sqrt(np.sum(grads[f"dW{l}"] ** 2) + np.sum(grads[f"db{l}"] ** 2))
                     for l in range(1, L + 1)])


def norms_squared(grads):
    return gradient_norms_per_layer(grads) ** 2


def norms_reversed(grads):
    return gradient_norms_per_layer(grads)[::-1]


def norms_list(grads):
    return list(gradient_norms_per_layer(grads))


def norms_every_key(grads):
    return np.array([np.linalg.norm(v) for v in grads.values()])


def norms_mutating(grads):
    grads["dW1"] *= 1.0
    grads["dW1"][0, 0] = 0.0
    return gradient_norms_per_layer(grads)


@pytest.mark.parametrize("check, fn, message", [
    (checks.check_gradient_norms_per_layer_deep, norms_sorted_keys, "'dW10' comes before 'dW2'"),
    (hidden_checks.check_gradient_norms_per_layer_deep_hidden, norms_sorted_keys, "differ"),
    (checks.check_gradient_norms_per_layer_values, norms_with_bias, "not the bias gradients"),
    (checks.check_gradient_norms_per_layer_values, norms_squared, "SQUARE ROOT"),
    (checks.check_gradient_norms_per_layer_values, norms_reversed, "entry 0 is layer 1"),
    (checks.check_gradient_norms_per_layer_values, norms_list, "np.array"),
    (checks.check_gradient_norms_per_layer_values, norms_every_key, r"shape \(5,\); expected \(2,\)"),
    (checks.check_gradient_norms_per_layer_values, norms_mutating, "in place"),
])
def test_gradient_norm_mistakes(check, fn, message):
    with pytest.raises(CheckFailed, match=message):
        check(fn)


# --------------------------------------------------------------------------- dead-unit mistakes

def dead_strict(X, parameters):
    _, caches = nnlib.model_forward(X, parameters, "relu", "sigmoid")
    return np.array([int(np.all(c.Z < 0, axis=1).sum()) for c in caches[:-1]])


def dead_with_output_layer(X, parameters):
    _, caches = nnlib.model_forward(X, parameters, "relu", "sigmoid")
    return np.array([int(np.all(c.Z <= 0, axis=1).sum()) for c in caches])


def dead_wrong_axis(X, parameters):
    _, caches = nnlib.model_forward(X, parameters, "relu", "sigmoid")
    return np.array([int(np.all(c.Z <= 0, axis=0).sum()) for c in caches[:-1]])


def dead_without_relu(X, parameters):
    L = len(parameters) // 2
    A, counts = X, []
    for l in range(1, L):
        A = parameters[f"W{l}"] @ A + parameters[f"b{l}"]
        counts.append(int(np.all(A <= 0, axis=1).sum()))
    return np.array(counts)


def dead_any_example(X, parameters):
    _, caches = nnlib.model_forward(X, parameters, "relu", "sigmoid")
    return np.array([int(np.any(c.Z <= 0, axis=1).sum()) for c in caches[:-1]])


def dead_float(X, parameters):
    return dead_units_per_layer(X, parameters).astype(float)


@pytest.mark.parametrize("fn, message", [
    (dead_strict, "not Z < 0"),
    (dead_with_output_layer, "hidden layers 1..L-1 only"),
    (dead_wrong_axis, "whole row"),
    (dead_without_relu, "not its Z1"),
    (dead_any_example, "EVERY example"),
    (dead_float, "integer counts"),
])
def test_dead_unit_mistakes(fn, message):
    with pytest.raises(CheckFailed, match=message):
        checks.check_dead_units_per_layer(fn)


def test_dead_units_hidden_catches_a_wrong_axis():
    with pytest.raises(CheckFailed, match="random network"):
        hidden_checks.check_dead_units_per_layer_hidden(dead_any_example)


# --------------------------------------------------------------------------- output-layer mistakes

def output_by_rows(Y):
    return ("sigmoid", "bce") if Y.shape[0] == 1 else ("softmax", "ce")


def output_no_multilabel(Y):
    if np.all((Y == 0) | (Y == 1)):
        return ("sigmoid", "bce") if Y.shape[0] == 1 else ("softmax", "ce")
    return ("linear", "mse")


def output_column_sums_only(Y):
    if np.all(Y.sum(axis=0) == 1):
        return ("softmax", "ce")
    return ("sigmoid", "bce") if np.all((Y == 0) | (Y == 1)) else ("linear", "mse")


def _rule_for_0_1_then(otherwise):
    """The course's rule for 0/1 targets (softmax/ce, sigmoid/bce), ``otherwise`` for any other."""
    def rule(Y):
        if np.all((Y == 0) | (Y == 1)):
            if Y.shape[0] > 1 and np.all(Y.sum(axis=0) == 1):
                return ("softmax", "ce")
            return ("sigmoid", "bce")
        return otherwise
    return rule


# without the fractions row: every non-0/1 target gets a linear output
output_linear_for_fractions = _rule_for_0_1_then(("linear", "mse"))
# fractions right, but a sigmoid also for targets it can never reach
output_sigmoid_for_any_real = _rule_for_0_1_then(("sigmoid", "mse"))


def output_wrong_names(Y):
    return ("sigmoid", "binary_crossentropy") if Y.shape[0] == 1 else ("softmax", "ce")


def output_string(Y):
    return "sigmoid+bce"


@pytest.mark.parametrize("check, fn, message", [
    (checks.check_output_layer_for_table, output_by_rows, "grades"),
    (checks.check_output_layer_for_table, output_linear_for_fractions, r"fractions: every target lies in \[0, 1\]"),
    (hidden_checks.check_output_layer_for_table_hidden, output_linear_for_fractions, "fraction"),
    (checks.check_output_layer_for_more, output_sigmoid_for_any_real, "outside"),
    (checks.check_output_layer_for_table, output_wrong_names, "binary labels"),
    (checks.check_output_layer_for_table, output_string, "tuple"),
    (checks.check_output_layer_for_more, output_no_multilabel, "two yes/no answers"),
    (checks.check_output_layer_for_more, output_column_sums_only, "all ones"),
    (hidden_checks.check_output_layer_for_more_hidden, output_no_multilabel, "multilabel"),
])
def test_output_layer_mistakes(check, fn, message):
    with pytest.raises(CheckFailed, match=message):
        check(fn)


def test_output_layer_accepts_a_list():
    checks.check_output_layer_for_table(lambda Y: list(output_layer_for(Y)))



def test_a_wrong_norm_is_named_with_its_index_after_the_expression():
    with pytest.raises(CheckFailed, match=r"^gradient_norms_per_layer\(grads\)\[1\] for a 12-layer network "
                                          r"\(\|\|dW\[l\]\|\| = l\) is 10; expected 2 "):
        checks.check_gradient_norms_per_layer_deep(norms_sorted_keys)
