"""Checks for notebook 05 (parameter update): update_parameters, random_mini_batches, momentum, Adam.

Each exercise has a visible check on a small case worked by hand (fast, says what is wrong) and
a hidden check (:mod:`nnchecks.hidden.nb05_update`) that compares with nnlib on random inputs of
two sizes, on copies of the inputs. Neither lets the learner's function call nnlib.
"""
import numpy as np

import nnlib

from .calling import call
from .compare import expect_array, expect_same, expect_unchanged, snapshot
from .failures import CheckFailed, fail, passed
from .mistakes import diagnose

#: The nnlib functions each exercise may call: none, every step is written from its formula.
ALLOWED = {"update_parameters": (), "random_mini_batches": (), "update_with_momentum": (),
           "update_with_adam": ()}


def _call(fn, exercise, *args):
    return call(fn, *args, allowed=ALLOWED[exercise])


# --------------------------------------------------------------------------- small cases

def _two_layer_case():
    """A 2-layer network's parameters and gradients, numbers picked to be checked by hand."""
    parameters = {
        "W1": np.array([[0.5, -1.0], [2.0, 0.0]]), "b1": np.array([[0.1], [-0.2]]),
        "W2": np.array([[1.0, -0.5]]), "b2": np.array([[0.3]]),
    }
    grads = {
        "dW1": np.array([[1.0, 2.0], [-4.0, 0.5]]), "db1": np.array([[0.5], [-1.0]]),
        "dW2": np.array([[2.0, 0.0]]), "db2": np.array([[-3.0]]),
        "dA1": np.array([[9.0, 9.0, 9.0], [9.0, 9.0, 9.0]]),  # model_backward returns these too
    }
    return parameters, grads


def random_case(rng, layer_dims, m=3):
    """Random parameters, their gradients (with the dA keys model_backward adds) for layer_dims."""
    parameters, grads = {}, {}
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        parameters[f"W{l}"] = rng.standard_normal((n, n_prev))
        parameters[f"b{l}"] = rng.standard_normal((n, 1))
        grads[f"dW{l}"] = rng.standard_normal((n, n_prev))
        grads[f"db{l}"] = rng.standard_normal((n, 1))
        if l < len(layer_dims) - 1:
            grads[f"dA{l}"] = rng.standard_normal((n, m))
    return parameters, grads


def _expect_result_dict(name, got, parameters):
    """``got`` is a dict with exactly the keys of ``parameters``."""
    if not isinstance(got, dict):
        fail(f"{name} should be a dict like parameters, got {type(got).__name__}")
    if set(got) != set(parameters):
        fail(f"{name} has the keys {sorted(got)}; expected exactly {sorted(parameters)}",
             "keys are case-sensitive ('W1' is not 'w1'): build them as 'W' + str(l) and 'b' + str(l)")


def _update_hint(key, got, before, grad, learning_rate):
    """Name the usual mistake when one updated array is wrong."""
    if not isinstance(got, np.ndarray) or got.shape != before.shape:
        return None
    candidates = [
        (before, f"{key} did not change: is the new value stored under another key, or is the "
                 f"gradient looked up as grads['d{key}']?"),
        (before + learning_rate * grad, f"{key} moved uphill: subtract learning_rate * d{key}"),
        (before - grad, f"{key} moved by the whole gradient: multiply d{key} by learning_rate"),
        (before - learning_rate * before, f"{key} was multiplied by (1 - learning_rate): use d{key}, not {key}"),
    ]
    for value, hint in candidates:
        if np.allclose(got, value):
            return hint
    return None


# --------------------------------------------------------------------------- update_parameters

def _call_with_dA(fn, exercise, *args):
    """``call``, with a hint when the learner loops over grads and trips on its "dA1" entry."""
    try:
        return _call(fn, exercise, *args)
    except CheckFailed as error:
        if "KeyError" in str(error) and "A1'" in str(error):
            fail(f"{error}", "grads also holds 'dA1' (model_backward returns it): loop over the "
                 "layers l = 1, ..., L, or over the keys of parameters, not over the keys of grads")
        raise


def check_update_parameters(update_parameters):
    """One gradient-descent step on a 2-layer network worked by hand (learning rate 0.1)."""
    parameters, grads = _two_layer_case()
    learning_rate = 0.1
    got = _call_with_dA(update_parameters, "update_parameters", *snapshot(parameters, grads), learning_rate)
    _expect_result_dict("update_parameters(...)", got, parameters)
    expected = {
        "W1": np.array([[0.4, -1.2], [2.4, -0.05]]), "b1": np.array([[0.05], [-0.1]]),
        "W2": np.array([[0.8, -0.5]]), "b2": np.array([[0.6]]),
    }
    for key in ("W1", "b1", "W2", "b2"):
        hint = _update_hint(key, got[key], parameters[key], grads[f"d{key}"], learning_rate)
        expect_array(f"update_parameters(...)[{key!r}]", got[key], expected[key],
                     hint=hint or f"{key} - learning_rate * grads['d{key}']")
    passed("update_parameters")


def check_update_parameters_new_dict(update_parameters):
    """Returns a new dict, leaves the caller's parameters and grads alone, works for any L."""
    parameters, grads = _two_layer_case()
    given, originals = snapshot(parameters, grads), snapshot(parameters, grads)
    keys_before = sorted(given[0])
    got = _call(update_parameters, "update_parameters", *given, 0.1)
    if got is given[0]:
        fail("update_parameters returned the dict it was given; return a new dict "
             "(the caller may still need the old parameters)")
    if sorted(given[0]) != keys_before:
        fail(f"update_parameters changed the keys of the caller's parameters dict: now "
             f"{sorted(given[0])}, before {keys_before}",
             "write the results into a new dict and leave the argument alone")
    expect_unchanged("update_parameters", given, originals)
    _expect_result_dict("update_parameters(...)", got, parameters)
    # three layers: the number of layers comes from the dict, not from a constant
    rng = np.random.default_rng(5)
    parameters, grads = random_case(rng, [3, 4, 2, 1])
    got = _call(update_parameters, "update_parameters", *snapshot(parameters, grads), 0.5)
    _expect_result_dict("update_parameters(...) for a 3-layer network", got, parameters)
    for key in parameters:
        expect_array(f"update_parameters(...)[{key!r}] for a 3-layer network", got[key],
                     parameters[key] - 0.5 * grads[f"d{key}"],
                     hint="L = len(parameters) // 2 layers; loop l = 1, ..., L")
    passed("update_parameters (a new dict)")


# --------------------------------------------------------------------------- random_mini_batches

def _tagged_data(n, m):
    """X whose row 0 numbers the examples 0..m-1, and Y = 100 + that number: easy to follow."""
    X = np.vstack([np.arange(m, dtype=float)] + [np.arange(m) + 10.0 * (i + 1) for i in range(n - 1)])
    Y = 100.0 + np.arange(m, dtype=float).reshape(1, m)
    return X, Y


def _as_batches(name, got, expected_count, m, batch_size):
    if not isinstance(got, (list, tuple)):
        fail(f"{name} should be a list of (X_batch, Y_batch) pairs, got {type(got).__name__}")
    if len(got) != expected_count:
        fail(f"{name} returned {len(got)} mini-batches; expected {expected_count} "
             f"({m} examples in batches of {batch_size}, the last one smaller if needed)",
             "range(0, m, batch_size) gives the start of every batch")
    for i, pair in enumerate(got):
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            fail(f"{name}: mini-batch {i} should be a pair (X_batch, Y_batch), got {type(pair).__name__}")


def check_random_mini_batches(random_mini_batches):
    """5 examples, batches of 2, seed 0: which examples land in which batch, in which order."""
    X, Y = _tagged_data(3, 5)
    given, originals = snapshot(X, Y), snapshot(X, Y)
    got = _call(random_mini_batches, "random_mini_batches", *given, 2, 0)
    _as_batches("random_mini_batches(X, Y, 2, 0)", got, 3, 5, 2)
    expect_unchanged("random_mini_batches", given, originals)
    order = np.random.default_rng(0).permutation(5)
    for i, start in enumerate(range(0, 5, 2)):
        columns = order[start:start + 2]
        Xb, Yb = got[i]
        expect_array(f"mini-batch {i}: X_batch", Xb, X[:, columns],
                     hint=f"X_batch should hold the columns {columns.tolist()} of X: shuffle with "
                          "order = np.random.default_rng(seed).permutation(m), then take consecutive "
                          "slices X[:, order[k:k + batch_size]]")
        expect_array(f"mini-batch {i}: Y_batch", Yb, Y[:, columns],
                     hint="Y's columns must be shuffled with the same order as X's, "
                          "or examples lose their labels")
    passed("random_mini_batches (order)")


def check_random_mini_batches_sizes(random_mini_batches):
    """Batch sizes 4, 4, 2 for 10 examples; no empty batch when batch_size divides m; one batch
    when batch_size >= m; another seed gives another order."""
    X, Y = _tagged_data(3, 10)
    got = _call(random_mini_batches, "random_mini_batches", X, Y, 4, 1)
    _as_batches("random_mini_batches(X, Y, 4, 1) with 10 examples", got, 3, 10, 4)
    for i, size in enumerate((4, 4, 2)):
        Xb, Yb = got[i]
        for what, batch, rows in (("X_batch", Xb, 3), ("Y_batch", Yb, 1)):
            if not isinstance(batch, np.ndarray) or batch.shape != (rows, size):
                shape = getattr(batch, "shape", type(batch).__name__)
                fail(f"mini-batch {i}: {what} has shape {shape}; expected {(rows, size)}",
                     "examples are columns: a batch of b examples is (rows, b)")
    seen = np.sort(np.concatenate([Xb[0] for Xb, _ in got]))
    if not np.array_equal(seen, np.arange(10)):
        fail(f"the mini-batches together hold the examples {seen.astype(int).tolist()}; "
             "expected each of 0..9 exactly once")
    got = _call(random_mini_batches, "random_mini_batches", X, Y, 5, 1)
    _as_batches("random_mini_batches(X, Y, 5, 1) with 10 examples", got, 2, 10, 5)
    got = _call(random_mini_batches, "random_mini_batches", X, Y, 64, 1)
    _as_batches("random_mini_batches(X, Y, 64, 1) with 10 examples", got, 1, 10, 64)
    first = [_call(random_mini_batches, "random_mini_batches", X, Y, 10, seed)[0][0][0].astype(int).tolist()
             for seed in (1, 2)]
    if first[0] == first[1]:
        fail("seeds 1 and 2 give the same order: the shuffle must come from "
             "np.random.default_rng(seed)")
    passed("random_mini_batches (sizes, seed)")


# --------------------------------------------------------------------------- momentum

def _expect_step_result(name, got):
    if not isinstance(got, tuple) or len(got) != 2:
        kind = f"{len(got)} items" if isinstance(got, (tuple, list)) else type(got).__name__
        fail(f"{name} should return a tuple (new_parameters, new_state), got {kind}")
    if not isinstance(got[1], dict):
        fail(f"{name}: new_state should be a dict, got {type(got[1]).__name__}")
    return got


def _one_layer_case():
    parameters = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([[0.5]])}
    grads = {"dW1": np.array([[0.4, -1.0]]), "db1": np.array([[2.0]])}
    return parameters, grads


def check_update_with_momentum(update_with_momentum):
    """First step from state=None (velocities start at zero), beta 0.9, learning rate 0.1."""
    parameters, grads = _one_layer_case()
    given, originals = snapshot(parameters, grads), snapshot(parameters, grads)
    got = _expect_step_result("update_with_momentum(parameters, grads, None, 0.1)",
                              _call(update_with_momentum, "update_with_momentum", *given, None, 0.1))
    expect_unchanged("update_with_momentum", given, originals)
    new_parameters, state = got
    velocity = {"v_W1": np.array([[0.04, -0.1]]), "v_b1": np.array([[0.2]])}
    for key, value in velocity.items():
        if key not in state:
            fail(f"new_state has the keys {sorted(state)}; expected 'v_W1' and 'v_b1'",
                 "one velocity per parameter, named 'v_' + key, zeros when state is None")
        hint = ("v = beta * v + (1 - beta) * grad: with v = 0 at the start, the first velocity is "
                "0.1 * grad")
        if isinstance(state[key], np.ndarray) and np.allclose(state[key], 10 * value):
            hint = "the new gradient is weighted by (1 - beta): v = beta * v + (1 - beta) * grad"
        expect_array(f"new_state[{key!r}]", state[key], value, hint=hint)
    _expect_result_dict("new_parameters", new_parameters, parameters)
    expected = {"W1": np.array([[0.996, -1.99]]), "b1": np.array([[0.48]])}
    for key, value in expected.items():
        expect_array(f"new_parameters[{key!r}]", new_parameters[key], value,
                     hint="new parameter = parameter - learning_rate * new velocity")
    passed("update_with_momentum (first step)")


def check_update_with_momentum_second_step(update_with_momentum):
    """A second step with the state the first one returned: the velocity carries over."""
    parameters, grads = _one_layer_case()
    state = {"v_W1": np.array([[0.04, -0.1]]), "v_b1": np.array([[0.2]])}
    given, originals = snapshot(parameters, grads, state), snapshot(parameters, grads, state)
    got = _expect_step_result("update_with_momentum(parameters, grads, state, 0.1)",
                              _call(update_with_momentum, "update_with_momentum", *given, 0.1))
    expect_unchanged("update_with_momentum", given, originals)
    new_parameters, new_state = got
    # v = 0.9 * v + 0.1 * g
    velocity = {"v_W1": np.array([[0.076, -0.19]]), "v_b1": np.array([[0.38]])}
    for key, value in velocity.items():
        if key not in new_state:
            fail(f"new_state has the keys {sorted(new_state)}; expected 'v_W1' and 'v_b1'")
        hint = "start from the velocity in state: v = beta * state['v_W1'] + (1 - beta) * dW1"
        if isinstance(new_state[key], np.ndarray) and np.allclose(new_state[key], value / 1.9):
            hint = "the velocity was reset: when state is not None, start from its velocities"
        expect_array(f"new_state[{key!r}]", new_state[key], value, hint=hint)
    expected = {"W1": np.array([[0.9924, -1.981]]), "b1": np.array([[0.462]])}
    for key, value in expected.items():
        expect_array(f"new_parameters[{key!r}]", new_parameters[key], value)
    got = _call(update_with_momentum, "update_with_momentum", parameters, grads, state, 0.1, 0.5)
    expect_array("new_state['v_W1'] with beta=0.5", _expect_step_result(
        "update_with_momentum(..., beta=0.5)", got)[1].get("v_W1"), np.array([[0.22, -0.55]]),
        hint="use the beta argument, not a fixed 0.9")
    parameters, grads = _two_layer_case()
    name = "update_with_momentum on a 2-layer network (grads also holds 'dA1')"
    got = _expect_step_result(name, _call_with_dA(update_with_momentum, "update_with_momentum", parameters, grads, None, 0.1))
    expect_same(name, got, nnlib.momentum(parameters, grads, None, 0.1))
    passed("update_with_momentum (second step)")


# --------------------------------------------------------------------------- Adam

def check_update_with_adam(update_with_adam):
    """First step from state=None: with bias correction every parameter moves by almost exactly
    learning_rate, against the sign of its gradient; the state holds m_, v_ and t = 1."""
    parameters, grads = _one_layer_case()
    given, originals = snapshot(parameters, grads), snapshot(parameters, grads)
    got = _expect_step_result("update_with_adam(parameters, grads, None, 0.1)",
                              _call(update_with_adam, "update_with_adam", *given, None, 0.1))
    expect_unchanged("update_with_adam", given, originals)
    new_parameters, state = got
    for key in ("m_W1", "m_b1", "v_W1", "v_b1", "t"):
        if key not in state:
            fail(f"new_state has the keys {sorted(state)}; expected m_W1, m_b1, v_W1, v_b1 and t",
                 "first moments 'm_' + key, second moments 'v_' + key, and the step count 't'")
    t = state["t"]
    if isinstance(t, np.ndarray) and t.size == 1:
        t = t.item()
    if isinstance(t, bool) or not isinstance(t, (int, float, np.integer, np.floating)) or t != 1:
        fail(f"new_state['t'] is {t!r}; expected 1 after the first step",
             "t counts the steps: state['t'] + 1, or 1 when state is None")
    expect_array("new_state['m_W1']", state["m_W1"], np.array([[0.04, -0.1]]),
                 hint="m = beta1 * m + (1 - beta1) * grad, starting from m = 0")
    expect_array("new_state['v_W1']", state["v_W1"], np.array([[0.00016, 0.001]]),
                 hint="v = beta2 * v + (1 - beta2) * grad**2 (squared, element by element), from v = 0")
    expect_array("new_state['v_b1']", state["v_b1"], np.array([[0.004]]))
    _expect_result_dict("new_parameters", new_parameters, parameters)
    step = 0.1 * np.abs(np.array([[0.4, -1.0]])) / (np.abs(np.array([[0.4, -1.0]])) + 1e-8)
    expected = {"W1": np.array([[1.0, -2.0]]) - step * np.array([[1, -1]]),
                "b1": np.array([[0.5]]) - 0.1 * 2.0 / (2.0 + 1e-8)}
    for key, value in expected.items():
        hint = ("new parameter = parameter - learning_rate * m_hat / (sqrt(v_hat) + epsilon) with "
                "m_hat = m / (1 - beta1**t), v_hat = v / (1 - beta2**t)")
        moved = new_parameters[key]
        if isinstance(moved, np.ndarray) and moved.shape == value.shape:
            size = float(np.abs(moved - parameters[key]).max())
            for wrong, why in ((0.1 * 0.1 / np.sqrt(1e-3), "neither m nor v is bias-corrected"),
                               (0.1 / np.sqrt(1e-3), "m is bias-corrected but v is not"),
                               (0.1 * 0.1, "v is bias-corrected but m is not")):
                if abs(size - wrong) < 1e-3 * wrong:
                    hint = (f"{why}: m_hat = m / (1 - beta1**t) and v_hat = v / (1 - beta2**t), "
                            "with t = 1 on the first step")
        expect_array(f"new_parameters[{key!r}]", moved, value, hint=hint)
    passed("update_with_adam (first step)")


def _adam_corrected_by(parameters, grads, state, learning_rate, m_power, v_power):
    """New parameters of an Adam step whose bias corrections use beta**power (None: none)."""
    beta1, beta2, epsilon = 0.9, 0.999, 1e-8
    new = {}
    for key, p in parameters.items():
        m = beta1 * state[f"m_{key}"] + (1 - beta1) * grads[f"d{key}"]
        v = beta2 * state[f"v_{key}"] + (1 - beta2) * grads[f"d{key}"] ** 2
        m_hat = m if m_power is None else m / (1 - beta1 ** m_power)
        v_hat = v if v_power is None else v / (1 - beta2 ** v_power)
        new[key] = p - learning_rate * m_hat / (np.sqrt(v_hat) + epsilon)
    return new


def _bias_correction_mistakes(parameters, grads, state, learning_rate):
    """(wrong new parameters, message) for bias corrections without the power t, with the old t,
    or missing, on a later step (t = state['t'] + 1)."""
    t = state["t"] + 1
    wrong = {None: "{} is not bias-corrected",
             1: "{}'s correction divides by 1 - {}, without the power t (the same only when t = 1)",
             t - 1: "{}'s correction uses the old t = " + f"{t - 1}, before counting this step"}
    mistakes = []
    for m_power in (None, 1, t - 1, t):
        for v_power in (None, 1, t - 1, t):
            if (m_power, v_power) == (t, t):
                continue
            parts = [wrong[power].format(which, beta) for which, beta, power
                     in (("m", "beta1", m_power), ("v", "beta2", v_power)) if power != t]
            message = ("; ".join(parts) + f": m_hat = m / (1 - beta1**t) and v_hat = v / (1 - beta2**t) "
                       f"with the new t = state['t'] + 1 = {t}")
            mistakes.append((_adam_corrected_by(parameters, grads, state, learning_rate, m_power, v_power),
                             message))
    return mistakes


def check_update_with_adam_second_step(update_with_adam):
    """Continuing from a state after 3 steps: moments carry over, t becomes 4, bias correction
    uses t = 4; the beta1, beta2 and epsilon arguments are used."""
    parameters, grads = _one_layer_case()
    state = {"m_W1": np.array([[0.1, -0.2]]), "m_b1": np.array([[0.3]]),
             "v_W1": np.array([[0.01, 0.04]]), "v_b1": np.array([[0.09]]), "t": 3}
    given, originals = snapshot(parameters, grads, state), snapshot(parameters, grads, state)
    got = _expect_step_result("update_with_adam(parameters, grads, state, 0.1)",
                              _call(update_with_adam, "update_with_adam", *given, 0.1))
    expect_unchanged("update_with_adam", given, originals)
    if given[2].get("t") != 3:
        fail("update_with_adam changed state['t'] in the caller's dict; return a new state dict")
    expected = nnlib.adam(parameters, grads, state, 0.1)
    if got[1].get("t") != 4:
        fail(f"new_state['t'] is {got[1].get('t')!r}; expected 4 (the state held t = 3)")
    diagnose("new_parameters from a state with t = 3", got[0], expected[0],
             _bias_correction_mistakes(parameters, grads, state, 0.1))
    expect_same("update_with_adam(...) from a state with t = 3", got, expected,
                hint="moments start from state['m_W1'], state['v_W1']; t = state['t'] + 1")
    got = _call(update_with_adam, "update_with_adam", parameters, grads, state, 0.1, 0.5, 0.9, 0.01)
    expect_same("update_with_adam(..., beta1=0.5, beta2=0.9, epsilon=0.01)",
                _expect_step_result("update_with_adam(..., beta1=0.5, beta2=0.9, epsilon=0.01)", got),
                nnlib.adam(parameters, grads, state, 0.1, 0.5, 0.9, 0.01),
                hint="use the beta1, beta2 and epsilon arguments, not fixed numbers")
    parameters, grads = _two_layer_case()
    name = "update_with_adam on a 2-layer network (grads also holds 'dA1')"
    got = _expect_step_result(name, _call_with_dA(update_with_adam, "update_with_adam", parameters, grads, None, 0.1))
    expect_same(name, got, nnlib.adam(parameters, grads, None, 0.1))
    passed("update_with_adam (later steps)")
