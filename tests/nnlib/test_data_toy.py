"""nnlib.data.toy: XOR, the planar flower and the study-hours table, values, seeds and errors."""
import numpy as np
import pytest

import nnlib.data as data


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_xor_values_shapes_and_dtype(dtype):
    X, Y = data.load_xor(dtype=dtype)
    assert X.shape == (2, 4) and Y.shape == (1, 4)
    assert X.dtype == dtype and Y.dtype == dtype
    # columns in the order [0,0], [0,1], [1,0], [1,1]
    assert X.T.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert Y.tolist() == [[0, 1, 1, 0]]
    assert np.array_equal(Y[0], np.logical_xor(X[0], X[1]))


def test_study_hours_scaled_exact():
    X, Y = data.load_study_hours()
    assert X.shape == (2, 3) and Y.shape == (1, 3)
    assert X.dtype == np.float64 and Y.dtype == np.float64
    assert X.tolist() == [[0.3, 0.5, 1.0], [1.0, 0.2, 0.4]]
    assert Y.tolist() == [[0.75, 0.82, 0.93]]


def test_study_hours_raw_and_float32():
    X, Y = data.load_study_hours(scaled=False, dtype=np.float32)
    assert X.dtype == np.float32 and Y.dtype == np.float32
    assert X.tolist() == [[3, 5, 10], [5, 1, 2]]
    np.testing.assert_array_equal(Y, np.float32([[0.75, 0.82, 0.93]]))
    Xs, _ = data.load_study_hours(scaled=True)
    Xraw, _ = data.load_study_hours(scaled=False)
    np.testing.assert_array_equal(Xs, Xraw / Xraw.max(axis=1, keepdims=True))


def test_planar_shapes_dtype_balance():
    X, Y = data.make_planar(m=300, seed=3, dtype=np.float32)
    assert X.shape == (2, 300) and Y.shape == (1, 300)
    assert X.dtype == np.float32 and Y.dtype == np.float32
    assert set(np.unique(Y)) == {0.0, 1.0}
    assert Y.sum() == 150
    X, Y = data.make_planar()
    assert X.shape == (2, 400) and Y.sum() == 200
    assert np.abs(X).max() < 6
    # shuffled: the classes are not in two blocks
    assert 0 < Y[0, :200].sum() < 200


def test_planar_deterministic_per_seed_and_differs_across_seeds():
    X1, Y1 = data.make_planar(seed=7)
    X2, Y2 = data.make_planar(seed=7)
    X3, Y3 = data.make_planar(seed=8)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(Y1, Y2)
    assert not np.allclose(X1, X3)


def test_planar_is_the_flower():
    # without noise every point lies on the rose r = 4 sin(4t), and class 1 is class 0 mirrored
    # through the origin: the petals of the two classes alternate
    X, Y = data.make_planar(m=200, noise=0.0)
    t = np.arctan2(X[0], X[1])
    r = np.hypot(X[0], X[1])
    np.testing.assert_allclose(r, np.abs(4 * np.sin(4 * t)), atol=1e-9)
    c0 = X[:, Y[0] == 0]
    c1 = X[:, Y[0] == 1]
    key = lambda P: np.round(P.T, 9).tolist()
    assert sorted(key(-c0)) == sorted(key(c1))


@pytest.mark.parametrize("m", [0, -2, 3, 401, 4.0, True, "400"])
def test_planar_rejects_bad_m(m):
    with pytest.raises(ValueError, match="m must be a positive even integer"):
        data.make_planar(m=m)


@pytest.mark.parametrize("kwargs, message", [
    ({"noise": -0.1}, "noise"),
    ({"noise": float("nan")}, "noise"),
    ({"seed": -1}, "seed"),
    ({"dtype": np.int32}, "dtype must be a floating-point type"),
    ({"dtype": "no such type"}, "dtype must be a floating-point type"),
])
def test_planar_rejects_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        data.make_planar(**kwargs)


@pytest.mark.parametrize("loader", [data.load_xor, data.load_study_hours])
def test_toy_loaders_reject_integer_dtype(loader):
    with pytest.raises(ValueError, match="got int64"):
        loader(dtype=np.int64)


@pytest.mark.parametrize("make", [data.make_circles, data.make_moons])
def test_circles_and_moons_shapes_balance_and_seeds(make):
    X, Y = make(m=300, seed=3, dtype=np.float32)
    assert X.shape == (2, 300) and Y.shape == (1, 300)
    assert X.dtype == np.float32 and Y.dtype == np.float32
    assert set(np.unique(Y)) == {0.0, 1.0} and Y.sum() == 150
    assert 0 < Y[0, :150].sum() < 150  # shuffled
    X1, Y1 = make(seed=7)
    X2, Y2 = make(seed=7)
    X3, _ = make(seed=8)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(Y1, Y2)
    assert X1.shape == (2, 400) and not np.allclose(X1, X3)


def test_circles_without_noise_lie_on_their_rings():
    X, Y = data.make_circles(m=200, noise=0.0, factor=0.3)
    r = np.hypot(X[0], X[1])
    np.testing.assert_allclose(r[Y[0] == 0], 1.0)
    np.testing.assert_allclose(r[Y[0] == 1], 0.3)


def test_moons_without_noise_lie_on_their_arcs():
    # class 0 on the upper unit half circle; class 1 on the lower one centred at (1, 0.5)
    X, Y = data.make_moons(m=200, noise=0.0)
    c0, c1 = X[:, Y[0] == 0], X[:, Y[0] == 1]
    np.testing.assert_allclose(np.hypot(c0[0], c0[1]), 1.0)
    assert (c0[1] >= -1e-12).all()
    np.testing.assert_allclose(np.hypot(c1[0] - 1, c1[1] - 0.5), 1.0)
    assert (c1[1] <= 0.5 + 1e-12).all()


@pytest.mark.parametrize("make, kwargs, message", [
    (data.make_circles, {"m": 3}, "m must be a positive even integer"),
    (data.make_moons, {"m": 0}, "m must be a positive even integer"),
    (data.make_circles, {"noise": -1}, "noise"),
    (data.make_moons, {"seed": -1}, "seed"),
    (data.make_circles, {"factor": 1.0}, "factor"),
    (data.make_circles, {"factor": 0}, "factor"),
    (data.make_moons, {"dtype": np.int32}, "dtype must be a floating-point type"),
])
def test_circles_and_moons_reject_bad_arguments(make, kwargs, message):
    with pytest.raises(ValueError, match=message):
        make(**kwargs)
