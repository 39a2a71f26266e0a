"""The checks of notebook 00 pass correct implementations and name the usual mistakes."""
import numpy as np
import pytest

import nnlib
from nnchecks import CheckFailed
from nnchecks import nb00_notation as checks
from nnchecks.hidden import nb00_notation as hidden_checks


# --------------------------------------------------------------------------- affine

def affine(X, W, b):
    return W @ X + b


def affine_loop(X, W, b):
    Z = np.empty((W.shape[0], X.shape[1]))
    for i in range(X.shape[1]):
        Z[:, [i]] = W @ X[:, [i]] + b
    return Z


@pytest.mark.parametrize("fn", [affine, affine_loop])
def test_affine_passes_correct_implementations(fn):
    checks.check_affine(fn)
    hidden_checks.check_affine_hidden(fn)


def affine_stub(X, W, b):
    raise NotImplementedError()


def affine_rows(X, W, b):
    return (X.T @ W.T + b.T)


def affine_no_bias(X, W, b):
    return W @ X


def affine_flat_bias(X, W, b):
    return W @ X + b.ravel()


def affine_mutating(X, W, b):
    X *= 1.0
    X += 0.0
    b += 1.0
    return W @ X + b - 1.0


def affine_handoff(X, W, b):
    return nnlib.linear_forward(X, W, b)[0]


def affine_tuple(X, W, b):
    return W @ X + b, (X, W, b)


def affine_one_example_1d(X, W, b):
    Z = W @ X + b
    return Z.ravel() if Z.shape[1] == 1 else Z


@pytest.mark.parametrize("fn, message", [
    (affine_stub, "affine is not implemented yet"),
    (affine_rows, r"Z is transposed"),
    (lambda X, W, b: X.T @ W.T + b.T if X.shape[1] != 3 else W @ X + b, r"Z has shape \(4, 3\); expected \(3, 4\)"),
    (affine_no_bias, "the bias b was not added"),
    (affine_flat_bias, r"Z\[i, j\] got b\[j\] added instead of b\[i\]"),
    (affine_mutating, "changed its input"),
    (affine_handoff, "calls nnlib.linear_forward"),
    (affine_tuple, "returned a tuple of 2 items"),
    (affine_one_example_1d, r"Z has shape \(3,\); expected \(3, 1\)"),
])
def test_affine_visible_check_names_the_mistake(fn, message):
    with pytest.raises(CheckFailed, match=message):
        checks.check_affine(fn)


@pytest.mark.parametrize("fn, message", [
    (affine_handoff, "calls nnlib.linear_forward"),
    (affine_mutating, "changed its input"),
    (lambda X, W, b: W @ X + 2 * b, "entries differ"),
])
def test_affine_hidden_check_fails_wrong_implementations(fn, message):
    with pytest.raises(CheckFailed, match=message):
        hidden_checks.check_affine_hidden(fn)


# --------------------------------------------------------------------------- layer_shapes

def layer_shapes(layer_dims, m):
    shapes = {"A0": (layer_dims[0], m)}
    for l in range(1, len(layer_dims)):
        shapes[f"W{l}"] = (layer_dims[l], layer_dims[l - 1])
        shapes[f"b{l}"] = (layer_dims[l], 1)
        shapes[f"Z{l}"] = (layer_dims[l], m)
        shapes[f"A{l}"] = (layer_dims[l], m)
    return shapes


ALL_LAYER_SHAPES_CHECKS = [checks.check_layer_shapes_parameters, checks.check_layer_shapes_activations,
                           hidden_checks.check_layer_shapes_parameters_hidden,
                           hidden_checks.check_layer_shapes_activations_hidden]


@pytest.mark.parametrize("check", ALL_LAYER_SHAPES_CHECKS)
def test_layer_shapes_passes_a_correct_implementation(check):
    check(layer_shapes)


def test_layer_shapes_expected_matches_a_real_forward_pass():
    dims, m = [5, 4, 3, 2], 6
    params = nnlib.initialize_parameters(dims, seed=0)
    AL, caches = nnlib.model_forward(np.zeros((dims[0], m)), params)
    shapes = checks.expected_layer_shapes(dims, m)
    for l, cache in enumerate(caches, start=1):
        assert shapes[f"W{l}"] == cache.linear.W.shape and shapes[f"b{l}"] == cache.linear.b.shape
        assert shapes[f"Z{l}"] == cache.Z.shape and shapes[f"A{l - 1}"] == cache.linear.A_prev.shape
    assert shapes[f"A{len(dims) - 1}"] == AL.shape


def shapes_rows(layer_dims, m):
    shapes = layer_shapes(layer_dims, m)
    return {k: v[::-1] if k[0] == "W" else v for k, v in shapes.items()}


def shapes_flat_bias(layer_dims, m):
    return {k: (v[0],) if k[0] == "b" else v for k, v in layer_shapes(layer_dims, m).items()}


def shapes_lists(layer_dims, m):
    return {k: list(v) for k, v in layer_shapes(layer_dims, m).items()}


def shapes_lower_case(layer_dims, m):
    return {k.lower(): v for k, v in layer_shapes(layer_dims, m).items()}


def shapes_no_A0(layer_dims, m):
    shapes = layer_shapes(layer_dims, m)
    del shapes["A0"]
    return shapes


def shapes_examples_first(layer_dims, m):
    return {k: (v[1], v[0]) if k[0] in "ZA" else v for k, v in layer_shapes(layer_dims, m).items()}


def shapes_off_by_one(layer_dims, m):
    shapes = layer_shapes(layer_dims, m)
    shapes[f"W{len(layer_dims)}"] = (1, 1)
    return shapes


def shapes_mutating(layer_dims, m):
    shapes = layer_shapes(layer_dims, m)
    layer_dims.append(0)
    return shapes


def shapes_handoff(layer_dims, m):
    params = nnlib.initialize_parameters(layer_dims)
    shapes = {k: v.shape for k, v in params.items()}
    return shapes | {k: v for k, v in layer_shapes(layer_dims, m).items() if k[0] in "ZA"}


def shapes_stub(layer_dims, m):
    raise NotImplementedError()


@pytest.mark.parametrize("fn, check, message", [
    (shapes_stub, checks.check_layer_shapes_parameters, "layer_shapes is not implemented yet"),
    (shapes_rows, checks.check_layer_shapes_parameters,
     r"W1 has shape \(2, 4\); expected \(4, 2\): rows are the units of layer 1 \(n\[1\] = 4\), "
     r"columns the units of the previous layer \(n\[0\] = 2\)"),
    (shapes_flat_bias, checks.check_layer_shapes_parameters, r"b1 has shape \(4,\); expected \(4, 1\)"),
    (shapes_lists, checks.check_layer_shapes_parameters, "a list; expected the tuple"),
    (shapes_lower_case, checks.check_layer_shapes_parameters, "has no key 'W1'"),
    (shapes_off_by_one, checks.check_layer_shapes_parameters, r"unexpected keys \['W3'\]"),
    (shapes_mutating, checks.check_layer_shapes_parameters, "changed the layer_dims list"),
    (shapes_handoff, checks.check_layer_shapes_parameters, "calls nnlib.initialize_parameters"),
    (shapes_no_A0, checks.check_layer_shapes_activations, "has no key 'A0'"),
    (shapes_examples_first, checks.check_layer_shapes_activations,
     r"A0 has shape \(400, 2\); expected \(2, 400\): A0 is the input X"),
    (shapes_rows, hidden_checks.check_layer_shapes_parameters_hidden, "has shape"),
    (shapes_examples_first, hidden_checks.check_layer_shapes_activations_hidden, "has shape"),
])
def test_layer_shapes_checks_name_the_mistake(fn, check, message):
    with pytest.raises(CheckFailed, match=message):
        check(fn)


def test_layer_shapes_parts_are_independent():
    # right W/b but no Z/A: the parameter part passes, the activation part fails
    def only_parameters(layer_dims, m):
        return {k: v for k, v in layer_shapes(layer_dims, m).items() if k[0] in "Wb"}
    checks.check_layer_shapes_parameters(only_parameters)
    hidden_checks.check_layer_shapes_parameters_hidden(only_parameters)
    with pytest.raises(CheckFailed, match="has no key 'A0'"):
        checks.check_layer_shapes_activations(only_parameters)


# --------------------------------------------------------------------------- rows_to_columns

def rows_to_columns(X_rows, W_rows, b_row):
    return X_rows.T, W_rows.T, np.reshape(b_row, (-1, 1))


def rows_forgot_W(X_rows, W_rows, b_row):
    return X_rows.T, W_rows, np.reshape(b_row, (-1, 1))


def rows_flat_b(X_rows, W_rows, b_row):
    return X_rows.T, W_rows.T, np.ravel(b_row)


def rows_b_transposed(X_rows, W_rows, b_row):
    return X_rows.T, W_rows.T, b_row.T  # right for (1, n), wrong for (n,)


def rows_mutating(X_rows, W_rows, b_row):
    b_row.shape = (-1, 1)
    return X_rows.T, W_rows.T, b_row


def rows_list(X_rows, W_rows, b_row):
    return [X_rows.T, W_rows.T]


@pytest.mark.parametrize("check", [checks.check_rows_to_columns, hidden_checks.check_rows_to_columns_hidden])
def test_rows_to_columns_passes_a_correct_implementation(check):
    check(rows_to_columns)


@pytest.mark.parametrize("fn, message", [
    (rows_forgot_W, r"W has shape \(2, 3\); expected \(3, 2\)"),
    (rows_flat_b, r"b has shape \(3,\); expected \(3, 1\)"),
    (rows_b_transposed, r"b has shape \(3,\); expected \(3, 1\)"),
    (rows_mutating, "changed its input"),
    (rows_list, "should return the tuple"),
    (lambda X_rows, W_rows, b_row: (X_rows.T, W_rows.T, -np.reshape(b_row, (-1, 1))), r"b\[2, 0\] is -0.3; expected 0.3"),
])
def test_rows_to_columns_check_names_the_mistake(fn, message):
    with pytest.raises(CheckFailed, match=message):
        checks.check_rows_to_columns(fn)
