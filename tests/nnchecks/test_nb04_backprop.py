"""The checks of notebook 04 (nnchecks.nb04_backprop): they pass correct implementations written
here and fail typical wrong ones with a message that says what is wrong."""
import numpy as np
import pytest

import nnlib
from nnchecks import CheckFailed
from nnchecks import nb04_backprop as checks
from nnchecks.hidden import nb04_backprop as hidden_checks


# --------------------------------------------------------------------------- correct implementations

def sigmoid_backward(dA, Z):
    s = 1 / (1 + np.exp(-Z))
    return dA * s * (1 - s)


def tanh_backward(dA, Z):
    return dA * (1 - np.tanh(Z) ** 2)


def relu_backward(dA, Z):
    return dA * (Z > 0)


def leaky_relu_backward(dA, Z, slope=0.01):
    return np.where(Z > 0, dA, slope * dA)


def loss_gradient(AL, Y, loss):
    if loss == "bce":
        return (AL - Y) / (AL * (1 - AL))
    if loss == "ce":
        return -Y / AL
    return AL - Y


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m


DERIVATIVES = {"sigmoid": nnlib.sigmoid_backward, "tanh": nnlib.tanh_backward,
               "relu": nnlib.relu_backward, "leaky_relu": nnlib.leaky_relu_backward}


def linear_activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    return nnlib.linear_backward(DERIVATIVES[activation](dA, Z), linear_cache)


def model_backward(AL, Y, caches, hidden_activation="relu", output_activation="sigmoid", loss="bce"):
    grads, L = {}, len(caches)
    if (output_activation, loss) in {("sigmoid", "bce"), ("softmax", "ce"), ("linear", "mse")}:
        dA_prev, dW, db = nnlib.linear_backward(AL - Y, caches[-1].linear)
    else:
        dA = nnlib.loss_gradient(AL, Y, loss)
        dA_prev, dW, db = nnlib.linear_activation_backward(dA, caches[-1], output_activation)
    grads[f"dW{L}"], grads[f"db{L}"] = dW, db
    for l in range(L - 1, 0, -1):
        grads[f"dA{l}"] = dA_prev
        dA_prev, grads[f"dW{l}"], grads[f"db{l}"] = nnlib.linear_activation_backward(
            dA_prev, caches[l - 1], hidden_activation)
    return grads


def numerical_gradient(f, x, epsilon=1e-6):
    grad = np.zeros(x.shape)
    for index in np.ndindex(*x.shape):
        keep = x[index]
        x[index] = keep + epsilon
        up = f()
        x[index] = keep - epsilon
        down = f()
        x[index] = keep
        grad[index] = (up - down) / (2 * epsilon)
    return grad


def relative_difference(a, b):
    top = np.linalg.norm(a - b)
    bottom = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if bottom == 0 else top / bottom


def two_layer_backward(X, Y, parameters, cache, twice=False):
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = (A2 - Y) / (m if twice else 1)
    dZ1 = (parameters["W2"].T @ dZ2) * (1 - A1 ** 2)
    return {"dW1": dZ1 @ X.T / m, "db1": dZ1.sum(axis=1, keepdims=True) / m,
            "dW2": dZ2 @ A1.T / m, "db2": dZ2.sum(axis=1, keepdims=True) / m}


def stub(*args, **kwargs):
    raise NotImplementedError()


# --------------------------------------------------------------------------- activation derivatives

ACTIVATION_CHECKS = [
    (checks.check_sigmoid_backward, hidden_checks.check_sigmoid_backward_hidden, sigmoid_backward, nnlib.sigmoid_backward),
    (checks.check_tanh_backward, hidden_checks.check_tanh_backward_hidden, tanh_backward, nnlib.tanh_backward),
    (checks.check_relu_backward, hidden_checks.check_relu_backward_hidden, relu_backward, nnlib.relu_backward),
    (checks.check_leaky_relu_backward, hidden_checks.check_leaky_relu_backward_hidden, leaky_relu_backward,
     nnlib.leaky_relu_backward),
]


@pytest.mark.parametrize("visible, hidden, good, reference", ACTIVATION_CHECKS)
def test_activation_checks_pass_correct_and_reject_wrong(visible, hidden, good, reference, capsys):
    visible(good)
    hidden(good)
    name = visible.__name__[len("check_"):]
    assert capsys.readouterr().out == f"\u2713 {name}: the visible checks pass\n"
    with pytest.raises(CheckFailed, match="not implemented yet"):
        visible(stub)
    with pytest.raises(CheckFailed, match="g'\\(Z\\) alone"):
        visible(lambda dA, Z, slope=0.01: good(np.ones_like(dA), Z, **({"slope": slope} if good is leaky_relu_backward else {})))
    with pytest.raises(CheckFailed, match="shape"):
        visible(lambda dA, Z, **kw: good(dA, Z, **kw).T)
    with pytest.raises(CheckFailed, match="calls nnlib"):
        hidden(lambda dA, Z, **kw: reference(dA, Z, **kw))


def test_activation_specific_mistakes():
    with pytest.raises(CheckFailed, match="Z \\* \\(1 - Z\\)"):
        checks.check_sigmoid_backward(lambda dA, Z: dA * Z * (1 - Z))
    with pytest.raises(CheckFailed, match="1 - Z\\*\\*2"):
        checks.check_tanh_backward(lambda dA, Z: dA * (1 - Z ** 2))
    with pytest.raises(CheckFailed, match="Z == 0"):
        checks.check_relu_backward(lambda dA, Z: np.where(Z >= 0, dA, 0.0))
    with pytest.raises(CheckFailed, match="g\\(Z\\), the forward pass"):
        checks.check_tanh_backward(lambda dA, Z: np.tanh(Z))
    with pytest.raises(CheckFailed, match="multiplies dA by g\\(Z\\)"):
        checks.check_sigmoid_backward(lambda dA, Z: dA / (1 + np.exp(-Z)))
    with pytest.raises(CheckFailed, match="ignores the slope"):
        checks.check_leaky_relu_backward(lambda dA, Z, slope=0.01: np.where(Z > 0, dA, 0.01 * dA))


def test_relu_backward_that_mutates_dA_is_caught():
    def in_place(dA, Z):
        dZ = dA
        dZ[Z <= 0] = 0
        return dZ

    with pytest.raises(CheckFailed, match="changed its input dA in place"):
        checks.check_relu_backward(in_place)


def test_wrong_values_name_the_entry():
    with pytest.raises(CheckFailed, match=r"\[0, 1\] is"):
        checks.check_sigmoid_backward(lambda dA, Z: sigmoid_backward(dA, Z) + np.array([[0, 1, 0], [0, 0, 0]]))


# --------------------------------------------------------------------------- losses

@pytest.mark.parametrize("loss", ["bce", "ce", "mse"])
def test_loss_gradient_checks(loss, capsys):
    checks.check_loss_gradient(loss_gradient, loss)
    hidden_checks.check_loss_gradient_hidden(loss_gradient, loss)
    with pytest.raises(CheckFailed, match="divided by m"):
        checks.check_loss_gradient(lambda AL, Y, loss: loss_gradient(AL, Y, loss) / AL.shape[1], loss)
    with pytest.raises(CheckFailed, match="sign"):
        checks.check_loss_gradient(lambda AL, Y, loss: -loss_gradient(AL, Y, loss), loss)
    with pytest.raises(CheckFailed, match="not implemented yet"):
        checks.check_loss_gradient(stub, loss)
    with pytest.raises(CheckFailed, match="calls nnlib"):
        hidden_checks.check_loss_gradient_hidden(lambda AL, Y, loss: nnlib.loss_gradient(AL, Y, loss), loss)


def test_loss_gradient_that_returns_dZ_is_explained():
    with pytest.raises(CheckFailed, match="dZ"):
        checks.check_loss_gradient(lambda AL, Y, loss: AL - Y, "bce")
    with pytest.raises(CheckFailed, match="sign of the second term"):
        checks.check_loss_gradient(lambda AL, Y, loss: -Y / AL - (1 - Y) / (1 - AL), "bce")


# --------------------------------------------------------------------------- one layer

def test_linear_backward_checks():
    checks.check_linear_backward(linear_backward)
    hidden_checks.check_linear_backward_hidden(linear_backward)
    with pytest.raises(CheckFailed, match="m times too large"):
        checks.check_linear_backward(lambda dZ, c: (c[1].T @ dZ, dZ @ c[0].T, dZ.sum(axis=1, keepdims=True)))
    with pytest.raises(CheckFailed, match="keepdims"):
        checks.check_linear_backward(lambda dZ, c: (c[1].T @ dZ, dZ @ c[0].T / 2, dZ.sum(axis=1) / 2))
    with pytest.raises(CheckFailed, match="wrong order"):
        checks.check_linear_backward(lambda dZ, c: tuple(linear_backward(dZ, c)[i] for i in (1, 0, 2)))
    with pytest.raises(CheckFailed, match="dA_prev from linear_backward.* has shape"):
        checks.check_linear_backward(lambda dZ, c: (dZ.T @ c[1], *linear_backward(dZ, c)[1:]))
    with pytest.raises(CheckFailed, match="should return a tuple"):
        checks.check_linear_backward(lambda dZ, c: linear_backward(dZ, c)[1:])
    with pytest.raises(CheckFailed, match="not implemented yet"):
        checks.check_linear_backward(stub)
    with pytest.raises(CheckFailed, match="calls nnlib"):
        hidden_checks.check_linear_backward_hidden(lambda dZ, cache: nnlib.linear_backward(dZ, cache))


def test_linear_backward_that_mutates_the_cache_is_caught():
    def mutating(dZ, cache):
        result = linear_backward(dZ, cache)
        cache[1][0, 0] += 1
        return result

    with pytest.raises(CheckFailed, match="cache.W in place"):
        hidden_checks.check_linear_backward_hidden(mutating)


def test_linear_activation_backward_checks():
    checks.check_linear_activation_backward(linear_activation_backward)
    hidden_checks.check_linear_activation_backward_hidden(linear_activation_backward)
    with pytest.raises(CheckFailed, match="skips the activation"):
        checks.check_linear_activation_backward(lambda dA, cache, activation: nnlib.linear_backward(dA, cache[0]))
    with pytest.raises(CheckFailed, match="derivative of 'sigmoid'"):
        checks.check_linear_activation_backward(
            lambda dA, cache, activation: linear_activation_backward(dA, cache, "sigmoid"))
    with pytest.raises(CheckFailed, match="not implemented yet"):
        checks.check_linear_activation_backward(stub)
    with pytest.raises(CheckFailed, match="calls nnlib.linear_activation_backward"):
        hidden_checks.check_linear_activation_backward_hidden(
            lambda dA, cache, activation: nnlib.linear_activation_backward(dA, cache, activation))


# --------------------------------------------------------------------------- L layers

@pytest.mark.parametrize("case", ["bce", "ce", "mse"])
def test_model_backward_checks(case):
    checks.check_model_backward(model_backward, case)
    hidden_checks.check_model_backward_hidden(model_backward, case)
    with pytest.raises(CheckFailed, match="not implemented yet"):
        checks.check_model_backward(stub, case)
    with pytest.raises(CheckFailed, match="calls nnlib"):
        hidden_checks.check_model_backward_hidden(lambda *args: nnlib.model_backward(*args), case)

    def averaged_twice(AL, Y, caches, *rest):
        return {k: v / AL.shape[1] for k, v in model_backward(AL, Y, caches, *rest).items()}

    with pytest.raises(CheckFailed, match="applied twice"):
        checks.check_model_backward(averaged_twice, case)

    def no_dA(*args):
        return {k: v for k, v in model_backward(*args).items() if not k.startswith("dA")}

    with pytest.raises(CheckFailed, match="has no \\['dA1', 'dA2'\\]"):
        checks.check_model_backward(no_dA, case)

    def lower_case(*args):
        return {k.lower(): v for k, v in model_backward(*args).items()}

    with pytest.raises(CheckFailed, match="case-sensitive"):
        checks.check_model_backward(lower_case, case)


def test_model_backward_with_sigmoid_mse_shortcut_is_explained():
    def fused(AL, Y, caches, hidden, output, loss):
        return model_backward(AL, Y, caches, hidden, "linear", "mse")

    with pytest.raises(CheckFailed, match="linear output"):
        checks.check_model_backward(fused, "mse")


# --------------------------------------------------------------------------- gradient checking

def test_numerical_gradient_checks():
    checks.check_numerical_gradient(numerical_gradient)
    hidden_checks.check_numerical_gradient_hidden(numerical_gradient)
    with pytest.raises(CheckFailed, match="not implemented yet"):
        checks.check_numerical_gradient(stub)

    def one_sided(f, x, epsilon=1e-6):
        grad, base = np.zeros(x.shape), f()
        for index in np.ndindex(*x.shape):
            keep = x[index]
            x[index] = keep + epsilon
            grad[index] = (f() - base) / epsilon
            x[index] = keep
        return grad

    with pytest.raises(CheckFailed, match="centred"):
        checks.check_numerical_gradient(one_sided)

    def not_restored(f, x, epsilon=1e-6):
        grad = numerical_gradient(f, x, epsilon)
        x += epsilon
        return grad

    with pytest.raises(CheckFailed, match="left x changed"):
        checks.check_numerical_gradient(not_restored)

    def on_a_copy(f, x, epsilon=1e-6):
        return numerical_gradient(f, x.copy(), epsilon)

    with pytest.raises(CheckFailed, match="in place"):
        checks.check_numerical_gradient(on_a_copy)

    with pytest.raises(CheckFailed, match="ignores the epsilon"):
        checks.check_numerical_gradient(lambda f, x, epsilon=1e-6: numerical_gradient(f, x, 1e-6))
    with pytest.raises(CheckFailed, match="calls nnlib.numerical_gradient"):
        hidden_checks.check_numerical_gradient_hidden(lambda f, x, epsilon=1e-6: nnlib.numerical_gradient(f, x, epsilon))


def test_relative_difference_checks():
    checks.check_relative_difference(relative_difference)
    hidden_checks.check_relative_difference_hidden(relative_difference)
    with pytest.raises(CheckFailed, match="not implemented yet"):
        checks.check_relative_difference(stub)
    with pytest.raises(CheckFailed, match="nan"):
        checks.check_relative_difference(
            lambda a, b: np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b)))
    with pytest.raises(CheckFailed, match="expected"):
        checks.check_relative_difference(lambda a, b: np.linalg.norm(a - b))
    with pytest.raises(CheckFailed, match="calls nnlib.relative_difference"):
        hidden_checks.check_relative_difference_hidden(lambda a, b: nnlib.relative_difference(a, b))


# --------------------------------------------------------------------------- find the bug

def test_two_layer_backward_checks():
    checks.check_two_layer_backward(two_layer_backward)
    hidden_checks.check_two_layer_backward_hidden(two_layer_backward)
    with pytest.raises(CheckFailed, match="still m = 5 times too small"):
        checks.check_two_layer_backward(lambda *args: two_layer_backward(*args, twice=True))
    with pytest.raises(CheckFailed, match="not implemented yet"):
        checks.check_two_layer_backward(stub)

    def via_nnlib(X, Y, parameters, cache):
        _, caches = nnlib.model_forward(X, parameters, "tanh", "sigmoid")
        return nnlib.model_backward(cache["A2"], Y, caches, "tanh", "sigmoid", "bce")

    with pytest.raises(CheckFailed, match="calls nnlib"):
        hidden_checks.check_two_layer_backward_hidden(via_nnlib)

    def mutating(X, Y, parameters, cache):
        cache["A2"] -= Y
        return two_layer_backward(X, Y, parameters, {"A1": cache["A1"], "A2": cache["A2"] + Y})

    with pytest.raises(CheckFailed, match="changed its input cache\\['A2'\\]"):
        checks.check_two_layer_backward(mutating)


# --------------------------------------------------------------------------- allow-lists

def test_model_backward_with_the_output_derivative_in_the_hidden_layers_is_explained():
    def output_everywhere(AL, Y, caches, hidden, output, loss):
        return model_backward(AL, Y, caches, output, output, loss)

    with pytest.raises(CheckFailed, match="the hidden layers use 'sigmoid''s derivative; use hidden_activation='tanh'"):
        checks.check_model_backward(output_everywhere, "bce")


def test_a_derivative_may_use_the_forward_function_of_notebook_02_but_not_nnlib_backward():
    def with_nnlib_sigmoid(dA, Z):
        s = nnlib.sigmoid(Z)
        return dA * s * (1 - s)

    message = "sigmoid_backward calls nnlib.sigmoid_backward: this exercise asks for your own implementation"
    for check in (checks.check_sigmoid_backward, hidden_checks.check_sigmoid_backward_hidden):
        check(with_nnlib_sigmoid)
        with pytest.raises(CheckFailed, match=f"^{message}$"):
            check(lambda dA, Z: nnlib.sigmoid_backward(dA, Z))
    with pytest.raises(CheckFailed, match="^tanh_backward calls nnlib.sigmoid: "):
        checks.check_tanh_backward(lambda dA, Z: dA * 4 * nnlib.sigmoid(2 * Z) * (1 - nnlib.sigmoid(2 * Z)))


def test_the_fixed_two_layer_backward_is_plain_numpy():
    def with_nnlib_layers(X, Y, parameters, cache):
        dZ2 = cache["A2"] - Y
        _, dW2, db2 = nnlib.linear_backward(dZ2, (cache["A1"], parameters["W2"], parameters["b2"]))
        grads = two_layer_backward(X, Y, parameters, cache)
        return grads | {"dW2": dW2, "db2": db2}

    for check in (checks.check_two_layer_backward, hidden_checks.check_two_layer_backward_hidden):
        with pytest.raises(CheckFailed, match="^two_layer_backward calls nnlib.linear_backward: "):
            check(with_nnlib_layers)


# --------------------------------------------------------------------------- hints for mistakes not in the lists

def test_leaky_relu_backward_with_the_slope_on_the_wrong_side_gets_the_formula():
    with pytest.raises(CheckFailed) as caught:
        checks.check_leaky_relu_backward(lambda dA, Z, slope=0.01: np.where(Z > 0, slope * dA, dA))
    message = str(caught.value)
    assert message.startswith("leaky_relu_backward(dA, Z)[")
    assert message.endswith("Hint: dZ = dA where Z > 0 and slope * dA where Z <= 0 (slope = 0.01 here), "
                            "e.g. np.where(Z > 0, dA, slope * dA); same shape as Z")


def test_two_layer_backward_with_the_wrong_tanh_derivative_is_pointed_to_dZ1():
    def tanh_as_sigmoid(X, Y, parameters, cache):
        grads = two_layer_backward(X, Y, parameters, cache)
        m, A1 = X.shape[1], cache["A1"]
        dZ1 = (parameters["W2"].T @ (cache["A2"] - Y)) * A1 * (1 - A1)  # sigmoid's derivative, not tanh's
        return {**grads, "dW1": dZ1 @ X.T / m, "db1": dZ1.sum(axis=1, keepdims=True) / m}
    with pytest.raises(CheckFailed) as caught:
        checks.check_two_layer_backward(tanh_as_sigmoid)
    message = str(caught.value)
    assert message.startswith("two_layer_backward(X, Y, parameters, cache)['dW1'][")
    assert message.endswith("Hint: dW1 = dZ1 @ X.T / m, with dZ1 = (W2.T @ dZ2) * (1 - A1**2), tanh's "
                            "derivative at the cached A1")


def test_two_layer_backward_with_a_wrong_db2_is_told_the_sum_over_examples():
    def db2_over_units(X, Y, parameters, cache):
        grads = two_layer_backward(X, Y, parameters, cache)
        return {**grads, "db2": np.full((1, 1), float(np.mean(cache["A2"] - Y, axis=None)) * 2)}
    with pytest.raises(CheckFailed, match=r"\['db2'\].*\nHint: db2 = np.sum\(dZ2, axis=1, keepdims=True\) / m"):
        checks.check_two_layer_backward(db2_over_units)
    with pytest.raises(CheckFailed, match=r"is missing the keys \['db1'\]"):
        checks.check_two_layer_backward(lambda *args: {k: v for k, v in two_layer_backward(*args).items() if k != "db1"})
