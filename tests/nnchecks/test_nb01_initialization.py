"""The checks of notebook 01 pass correct implementations and name the usual mistakes."""
import numpy as np
import pytest

import nnlib
from nnchecks import CheckFailed
from nnchecks import nb01_initialization as checks
from nnchecks.hidden import nb01_initialization as hidden_checks


# --------------------------------------------------------------------------- layer_sizes

def layer_sizes(X, Y, hidden=()):
    return [X.shape[0], *hidden, Y.shape[0]]


def sizes_examples(X, Y, hidden=()):
    return [X.shape[1], *hidden, Y.shape[1]]


def sizes_appending(X, Y, hidden=()):
    hidden = hidden if isinstance(hidden, list) else list(hidden)
    hidden.insert(0, X.shape[0])
    hidden.append(Y.shape[0])
    return hidden


def sizes_array(X, Y, hidden=()):
    return np.array([X.shape[0], *hidden, Y.shape[0]])


def sizes_no_hidden(X, Y, hidden=()):
    return [X.shape[0], Y.shape[0]]


def sizes_handoff(X, Y, hidden=()):
    return nnlib.layer_sizes(X, Y, hidden)


def sizes_stub(X, Y, hidden=()):
    raise NotImplementedError()


@pytest.mark.parametrize("check", [checks.check_layer_sizes, hidden_checks.check_layer_sizes_hidden])
def test_layer_sizes_passes_a_correct_implementation(check):
    check(layer_sizes)


@pytest.mark.parametrize("fn, message", [
    (sizes_stub, "layer_sizes is not implemented yet"),
    (sizes_examples, r"starts with 5; expected n\[0\] = 2(.|\n)*5 is m, the number of examples"),
    (sizes_appending, "changed the `hidden` list"),
    (sizes_array, "should return a list like"),
    (sizes_no_hidden, r"is \[2, 1\]; expected \[2, 4, 1\]"),
    (sizes_handoff, "calls nnlib.layer_sizes"),
])
def test_layer_sizes_check_names_the_mistake(fn, message):
    with pytest.raises(CheckFailed, match=message):
        checks.check_layer_sizes(fn)


@pytest.mark.parametrize("fn", [sizes_examples, sizes_handoff, sizes_appending])
def test_layer_sizes_hidden_check_fails_wrong_implementations(fn):
    with pytest.raises(CheckFailed):
        hidden_checks.check_layer_sizes_hidden(fn)


# --------------------------------------------------------------------------- initialize_parameters

def initialize_parameters(layer_dims, method="he", seed=0, scale=0.01):
    rng = np.random.default_rng(seed)
    params = {}
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        if method == "zeros":
            W = np.zeros((n, n_prev))
        else:
            factor = {"random": scale, "xavier": np.sqrt(1 / n_prev), "he": np.sqrt(2 / n_prev)}[method]
            W = rng.normal(0.0, factor, size=(n, n_prev))  # the same numbers as standard_normal * factor
        params[f"W{l}"], params[f"b{l}"] = W, np.zeros((n, 1))
    return params


METHODS = ["zeros", "random", "xavier", "he"]


def visible(method):
    return getattr(checks, f"check_initialize_parameters_{method}")


def hidden(method):
    return getattr(hidden_checks, f"check_initialize_parameters_{method}_hidden")


@pytest.mark.parametrize("method", METHODS)
def test_initialize_passes_a_correct_implementation(method):
    visible(method)(initialize_parameters)
    hidden(method)(initialize_parameters)


def only(method_done):
    """Right for one method, NotImplementedError for the others: the parts are independent."""
    def partial(layer_dims, method="he", seed=0, scale=0.01):
        if method != method_done:
            raise NotImplementedError()
        return initialize_parameters(layer_dims, method, seed, scale)
    return partial


@pytest.mark.parametrize("method", METHODS)
def test_initialize_parts_are_independent(method):
    fn = only(method)
    visible(method)(fn)
    hidden(method)(fn)
    for other in METHODS:
        if other != method:
            with pytest.raises(CheckFailed, match="not implemented yet"):
                visible(other)(fn)


def wrong(how):
    def init(layer_dims, method="he", seed=0, scale=0.01):
        rng = np.random.default_rng(seed)
        legacy = np.random.RandomState(seed)
        params = {}
        for l in range(1, len(layer_dims)):
            n, n_prev = layer_dims[l], layer_dims[l - 1]
            factor = {"zeros": 0.0, "random": scale, "xavier": np.sqrt(1 / n_prev), "he": np.sqrt(2 / n_prev)}[method]
            b = np.zeros((n, 1))
            if how == "fresh rng":
                W = np.random.default_rng(seed).standard_normal((n, n_prev)) * factor
            elif how == "transposed":
                W = rng.standard_normal((n_prev, n)).T * factor
            elif how == "legacy":
                W = legacy.randn(n, n_prev) * factor
            elif how == "random biases":
                W = rng.standard_normal((n, n_prev)) * factor
                b = rng.standard_normal((n, 1)) * 0.0
            elif how == "variance as factor":
                W = rng.standard_normal((n, n_prev)) * factor ** 2
            elif how == "divide by n":
                W = rng.standard_normal((n, n_prev)) * (np.sqrt(2 / n) if method == "he" else factor)
            elif how == "fixed scale":
                W = rng.standard_normal((n, n_prev)) * 0.01
            elif how == "shape transposed":
                W = rng.standard_normal((n_prev, n)) * factor
            elif how == "flat bias":
                W, b = rng.standard_normal((n, n_prev)) * factor, np.zeros(n)
            elif how == "bias ones":
                W, b = rng.standard_normal((n, n_prev)) * factor, np.ones((n, 1))
            elif how == "lower-case keys":
                W = rng.standard_normal((n, n_prev)) * factor
            elif how == "ignores seed":
                W = np.random.default_rng(0).standard_normal((n, n_prev)) * factor
            elif how == "handoff":
                return nnlib.initialize_parameters(layer_dims, method, seed, scale)
            elif how == "mutates":
                W = rng.standard_normal((n, n_prev)) * factor
                if l == len(layer_dims) - 1:
                    layer_dims.append(1)
            keys = ("w", "b") if how == "lower-case keys" else ("W", "b")
            params[f"{keys[0]}{l}"], params[f"{keys[1]}{l}"] = W, b
        return params
    return init


@pytest.mark.parametrize("how, method, message", [
    ("fresh rng", "he", "create the generator once"),
    ("transposed", "xavier", r"draw each matrix with shape \(n\[l\], n\[l-1\]\) directly"),
    ("legacy", "random", "not np.random.seed"),
    ("random biases", "he", "draw nothing for the biases"),
    ("variance as factor", "xavier", "the VARIANCE is 1/n"),
    ("variance as factor", "random", r"times 0.0025; expected times 0.05 = scale"),
    ("divide by n", "he", r"you divided by n\[l\]"),
    ("fixed scale", "random", "use the `scale` argument"),
    ("shape transposed", "he", r"W1 has shape \(3, 4\); expected \(4, 3\): rows are the units of layer 1"),
    ("shape transposed", "zeros", r"W1 has shape \(3, 4\); expected \(4, 3\)"),
    ("flat bias", "zeros", r"b1 has shape \(4,\); expected \(4, 1\)"),
    ("bias ones", "xavier", "b1 should be all zeros"),
    ("lower-case keys", "zeros", "is missing"),
    ("ignores seed", "random", "these are the numbers of seed=0"),
    ("handoff", "he", "calls nnlib.initialize_parameters"),
    ("handoff", "zeros", "calls nnlib.initialize_parameters"),
    ("mutates", "xavier", "changed the layer_dims list"),
])
def test_initialize_visible_check_names_the_mistake(how, method, message):
    with pytest.raises(CheckFailed, match=message):
        visible(method)(wrong(how))


@pytest.mark.parametrize("how, method", [
    ("fresh rng", "he"), ("transposed", "xavier"), ("legacy", "random"), ("ignores seed", "he"),
    ("handoff", "zeros"), ("handoff", "random"), ("mutates", "he"), ("flat bias", "zeros"),
])
def test_initialize_hidden_check_fails_wrong_implementations(how, method):
    with pytest.raises(CheckFailed):
        hidden(method)(wrong(how))
