"""nncourse.wire: only plain data crosses, arrays changed in place come back, calls go both ways."""
import os
import threading

import numpy as np
import pytest

from nncourse import wire


def _codec(functions=None):
    functions = functions or {}
    names = {fn: name for name, fn in functions.items()}
    return wire.Codec(lambda fn: names.get(fn), lambda name: functions[name],
                      {"LinearCache": __import__("nnlib").LinearCache})


def _round_trip(value):
    codec, buffers = _codec(), []
    tree = codec.encode(value, buffers)
    return codec.decode(tree, buffers)


@pytest.mark.parametrize("value", [None, True, 3, -2.5, float("inf"), "text", 2**70,
                                   [1, [2, "x"]], (1, (2.0, None)), {"W1": 1.0, 2: "b"}])
def test_plain_values_round_trip(value):
    assert _round_trip(value) == value
    assert type(_round_trip(value)) is type(value)


def test_arrays_and_numpy_scalars_round_trip_as_fresh_ndarrays():
    array = np.arange(12, dtype=np.float32).reshape(3, 4)[:, ::2]  # not contiguous
    got = _round_trip({"A": array, "n": np.int64(7), "x": np.float32(0.5)})
    assert type(got["A"]) is np.ndarray and got["A"].dtype == np.float32 and got["A"].flags.writeable
    np.testing.assert_array_equal(got["A"], array)
    assert type(got["n"]) is np.int64 and got["n"] == 7 and type(got["x"]) is np.float32


def test_a_cache_named_tuple_is_rebuilt_as_nnlib_s():
    import nnlib

    cache = nnlib.LinearCache(np.ones((2, 3)), np.zeros((1, 2)), np.zeros((1, 1)))
    got = _round_trip(cache)
    assert type(got) is nnlib.LinearCache and got.A_prev.shape == (2, 3)


class ZeroArray(np.ndarray):
    def __array_ufunc__(self, *args, **kwargs):
        return np.zeros(3)


class AlwaysEqual:
    def __eq__(self, other):
        return True


@pytest.mark.parametrize("forged, name", [
    (np.zeros(3).view(ZeroArray), "ZeroArray"),
    (np.ma.masked_array([1.0, 2.0], mask=[True, True]), "MaskedArray"),
    (np.array([object()], dtype=object), "ndarray"),
    (AlwaysEqual(), "AlwaysEqual"),
    (type("F", (float,), {})(1.0), "F"),
])
def test_forged_objects_arrive_as_a_named_stand_in(forged, name):
    got = _round_trip([forged])[0]
    assert isinstance(got, wire.Unsupported) and type(got).__name__ == name
    assert not isinstance(got, np.ndarray) and got != 1.0


def test_decoding_refuses_what_encode_never_makes():
    codec = _codec()
    with pytest.raises(wire.WireError):
        codec.decode({"$": "array", "dtype": "|O", "shape": [1], "buf": 0}, [b"\0" * 8])
    with pytest.raises(wire.WireError):
        codec.decode({"$": "nt", "type": "Popen", "items": []}, [])
    with pytest.raises(wire.WireError):
        codec.decode({"$": "pickle", "data": "..."}, [])


@pytest.fixture
def pair():
    """``pair(serve_a, serve_b, ...)``: two Channels connected by pipes, the second served in a
    thread; closed after the test."""
    made = []

    def connect(serve_a, serve_b, functions_a=None, functions_b=None):
        a_to_b, b_from_a = os.pipe()[::-1]
        b_to_a, a_from_b = os.pipe()[::-1]
        a = wire.Channel(a_from_b, a_to_b, _codec(functions_a), serve_a)
        b = wire.Channel(b_from_a, b_to_a, _codec(functions_b), serve_b)

        def loop():
            while True:
                try:
                    message, buffers = b.receive()
                except (wire.WireError, ValueError, OSError):
                    return
                b.answer(message, buffers)

        thread = threading.Thread(target=loop, daemon=True)
        thread.start()
        made.append((a, b, thread))
        return a, b

    yield connect
    for a, b, thread in made:
        a.close()  # the thread's read ends, then its channel is closed
        thread.join(timeout=5)
        b.close()


def test_a_call_returns_its_value_and_an_exception_keeps_its_kind(pair):
    def serve(target, args, kwargs, context):
        if target == "double":
            return 2 * args[0], {"note": "ok"}
        raise ValueError(f"no {target}")

    a, _ = pair(None, serve)
    value, header = a.call("double", (np.ones(2),))
    np.testing.assert_array_equal(value, [2.0, 2.0])
    assert header["note"] == "ok"
    with pytest.raises(ValueError, match="no triple") as info:
        a.call("triple")
    assert isinstance(info.value, wire.RemoteError)


def test_an_argument_changed_in_place_is_changed_for_the_caller_too(pair):
    def serve(target, args, kwargs, context):
        args[0][args[0] < 0] = 0
        return None, None

    a, _ = pair(None, serve)
    Z = np.array([-1.0, 2.0, -3.0])
    a.call("relu_in_place", (Z,))
    np.testing.assert_array_equal(Z, [0.0, 2.0, 0.0])


def test_a_callback_sees_the_array_the_callee_is_perturbing(pair):
    """numerical_gradient(f, x): f lives with the caller and reads x, which the callee perturbs."""
    x = np.array([1.0, 2.0])
    f = lambda: float(np.sum(x ** 2))

    def serve_b(target, args, kwargs, context):  # the "learner": perturbs x, calls f back
        f_remote, x_there = args
        x_there[0] += 0.5
        return f_remote(), None

    def serve_a(target, args, kwargs, context):  # the caller runs f when called back
        return {"f": f}[target](*args), None

    a, b = pair(serve_a, serve_b, functions_a={"f": f})
    b.codec = wire.Codec(lambda fn: None, lambda name: (lambda: b.call(name)[0]))
    value, _ = a.call("probe", (f, x))
    assert value == pytest.approx(1.5 ** 2 + 4.0)
