"""Hidden checks for notebook 02: every exercise against nnlib on random inputs of two sizes,
on copies of the inputs, with the same allow-lists as the visible checks."""
import nnlib

from ..compare import expect_array
from ..failures import fail
from ..nb02_forward import (ACTIVATION_NAMES, ALLOWED, call_recording_warnings, explain_linear, explain_model,
                           linear_args, matrix)
from ..reference import compare_with_reference, random_inputs


def check_linear_forward_hidden(fn):
    compare_with_reference(fn, nnlib.linear_forward, linear_args, name="linear_forward",
                           sizes=[(3, 4, 5), (20, 7, 64)], seed=2021, allowed=ALLOWED["linear_forward"],
                           explain=explain_linear)


# --------------------------------------------------------------------------- activations

def _activation_hidden(fn, reference, name, seed, scale=3.0):
    compare_with_reference(fn, reference, lambda rng, size: (matrix(rng, *size, scale=scale),),
                           name=name, sizes=[(4, 7), (30, 50)], seed=seed, allowed=ALLOWED[name])


def _stable_hidden(fn, name, Z, hint, inputs):
    """nnlib's values and no floating-point warning for the extreme inputs ``Z``."""
    got, messages = call_recording_warnings(fn, Z.copy(), name=name, allowed=ALLOWED[name])
    expect_array(f"{name}(Z)", got, getattr(nnlib, name)(Z), hint=hint)
    if messages:
        fail(f"{name} warned {messages[0]!r} for {inputs}")


def check_sigmoid_hidden(fn):
    _activation_hidden(fn, nnlib.sigmoid, "sigmoid", seed=11)


def check_sigmoid_stable_hidden(fn):
    Z = matrix(random_inputs(12), 6, 40, scale=400.0)
    _stable_hidden(fn, "sigmoid", Z, "Z random with entries up to about +-1500", "large random Z")


def check_tanh_hidden(fn):
    _activation_hidden(fn, nnlib.tanh, "tanh", seed=13)


def check_relu_hidden(fn):
    _activation_hidden(fn, nnlib.relu, "relu", seed=14)


def check_leaky_relu_hidden(fn):
    _activation_hidden(fn, nnlib.leaky_relu, "leaky_relu", seed=15)


def check_softmax_hidden(fn):
    _activation_hidden(fn, nnlib.softmax, "softmax", seed=16)


def check_softmax_stable_hidden(fn):
    rng = random_inputs(17)
    Z = matrix(rng, 10, 30, scale=300.0) + rng.choice([-1000.0, 1000.0], size=(1, 30))
    _stable_hidden(fn, "softmax", Z, "random logits around +-1000", "large random logits")


def check_fixed_relu_hidden(fn):
    _activation_hidden(fn, nnlib.relu, "fixed_relu", seed=18)


# --------------------------------------------------------------------------- layers

def check_linear_activation_forward_hidden(fn):
    for seed, activation in enumerate(ACTIVATION_NAMES, start=30):
        def make_args(rng, size, activation=activation):
            return (*linear_args(rng, size), activation)

        compare_with_reference(fn, nnlib.linear_activation_forward, make_args,
                               name=f"linear_activation_forward(..., {activation!r})",
                               sizes=[(3, 4, 5), (12, 6, 40)], seed=seed,
                               allowed=ALLOWED["linear_activation_forward"])


def _model_args(hidden, output):
    """make_args for compare_with_reference: a size is (*layer_dims, m)."""
    def make_args(rng, dims):
        X = matrix(rng, dims[0], dims[-1])
        parameters = nnlib.initialize_parameters(dims[:-1], "xavier", seed=rng)
        for l in range(1, len(dims) - 1):
            parameters[f"b{l}"] = matrix(rng, dims[l], 1, scale=0.1)
        return X, parameters, hidden, output
    return make_args


def check_model_forward_two_layers_hidden(fn):
    compare_with_reference(fn, nnlib.model_forward, _model_args("tanh", "sigmoid"),
                           name="model_forward(X, parameters, 'tanh', 'sigmoid')",
                           sizes=[(2, 4, 1, 7), (5, 8, 1, 30)], seed=42, allowed=ALLOWED["model_forward"],
                           explain=explain_model)


def check_model_forward_deep_hidden(fn):
    for seed, (hidden, output) in enumerate([("relu", "softmax"), ("leaky_relu", "sigmoid"),
                                             ("sigmoid", "tanh")], start=43):
        compare_with_reference(fn, nnlib.model_forward, _model_args(hidden, output),
                               name=f"model_forward(X, parameters, {hidden!r}, {output!r})",
                               sizes=[(3, 5, 4, 2, 6), (10, 8, 6, 5, 3, 25)], seed=seed,
                               allowed=ALLOWED["model_forward"], explain=explain_model)
