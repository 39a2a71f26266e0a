"""nnlib.data.augment: shifted copies of digits."""
import numpy as np
import pytest

from nnlib.data import shifted_digits


def test_shifted_digits_moves_pixels_and_repeats_labels():
    X = np.zeros((784, 1))
    X[5 * 28 + 7, 0] = 1.0  # row 5, column 7
    X_more, Y_more = shifted_digits(X, np.array([[3.0]]), shifts=((1, 0), (0, -1), (2, 2)))
    where = [tuple(np.argwhere(X_more[:, k].reshape(28, 28) == 1)[0]) for k in range(4)]
    assert where == [(5, 7), (5, 8), (4, 7), (7, 9)]
    np.testing.assert_array_equal(Y_more, [[3.0] * 4])
    edge = np.zeros((784, 1))
    edge[27, 0] = 1.0  # row 0, last column: pushed out to the right
    assert shifted_digits(edge, np.ones((1, 1)), shifts=((1, 0),))[0][:, 1].sum() == 0


def test_default_shifts_make_five_copies_of_each_digit():
    X = np.random.default_rng(0).random((784, 3))
    X_more, Y_more = shifted_digits(X, np.eye(2)[:, [0, 1, 1]])
    assert X_more.shape == (784, 15) and Y_more.shape == (2, 15)
    np.testing.assert_array_equal(X_more[:, :3], X)  # the originals come first


@pytest.mark.parametrize("X, Y, shifts, message", [
    (np.zeros((783, 2)), np.zeros((1, 2)), ((1, 0),), r"X must be \(784, m\) and Y \(n_out, m\)"),
    (np.zeros((784, 2)), np.zeros((1, 3)), ((1, 0),), r"got X \(784, 2\) and Y \(1, 3\)"),
    (np.zeros((784, 2)), np.zeros((1, 2)), ((28, 0),), r"a shift must be less than 28 pixels, got \(28, 0\)"),
])
def test_shifted_digits_rejects_bad_input(X, Y, shifts, message):
    with pytest.raises(ValueError, match=message):
        shifted_digits(X, Y, shifts=shifts)
