"""nnlib.labels: one_hot and to_labels, the one place labels and one-hot columns convert."""
import numpy as np
import pytest

import nnlib
import nnlib.data

pytestmark = pytest.mark.filterwarnings("error")  # any overflow/divide/invalid warning fails


def test_one_hot_known_values_and_input_shapes():
    Y = nnlib.one_hot([2, 0, 1, 2], n_classes=3)
    assert Y.shape == (3, 4) and Y.dtype == np.float64
    assert Y.tolist() == [[0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 1]]
    np.testing.assert_array_equal(nnlib.one_hot(np.array([[2, 0, 1, 2]]), 3), Y)  # (1, m) input
    np.testing.assert_array_equal(nnlib.one_hot(np.array([2.0, 0.0, 1.0, 2.0]), 3), Y)
    assert nnlib.one_hot([1], dtype=np.float32).dtype == np.float32
    assert nnlib.data.one_hot is nnlib.one_hot  # the notebooks import it from nnlib.data


@pytest.mark.parametrize("labels, message", [
    ([0, 10], "labels must be in 0..9"),
    ([-1, 3], "labels must be in 0..9"),
    ([0.5, 1], "whole numbers"),
    (np.zeros((2, 3), dtype=int), r"labels must have shape \(m,\) or \(1, m\)"),
    (["a", "b"], "integers"),
])
def test_one_hot_rejects_bad_labels(labels, message):
    with pytest.raises(ValueError, match=message):
        nnlib.one_hot(labels)


@pytest.mark.parametrize("n_classes", [0, -1, 2.0, True])
def test_one_hot_rejects_bad_n_classes(n_classes):
    with pytest.raises(ValueError, match="n_classes must be a positive integer"):
        nnlib.one_hot([0], n_classes=n_classes)


def test_one_hot_and_to_labels_round_trip():
    labels = np.random.default_rng(0).integers(0, 7, size=50)
    Y = nnlib.one_hot(labels, n_classes=7)
    back = nnlib.to_labels(Y)
    assert back.shape == (1, 50) and back.dtype == np.int64
    np.testing.assert_array_equal(back[0], labels)
    np.testing.assert_array_equal(nnlib.one_hot(back, n_classes=7), Y)


@pytest.mark.parametrize("labels", [
    np.array([2, 0, 1, 1]),                # (m,) ints
    np.array([[2, 0, 1, 1]]),              # (1, m) ints
    np.array([2.0, 0.0, 1.0, 1.0]),        # (m,) whole floats
    np.array([[2.0, 0.0, 1.0, 1.0]]),      # (1, m) whole floats
    [2, 0, 1, 1],                          # a list
], ids=["flat-int", "row-int", "flat-float", "row-float", "list"])
def test_to_labels_passes_labels_through_as_an_int_row(labels):
    out = nnlib.to_labels(labels)
    assert out.shape == (1, 4) and out.dtype == np.int64
    assert out.tolist() == [[2, 0, 1, 1]]


def test_to_labels_thresholds_a_sigmoid_row_at_one_half():
    # 0.5 itself is not above one half
    assert nnlib.to_labels(np.array([[0.2, 0.7, 0.5, 0.51, 0.0]])).tolist() == [[0, 1, 0, 1, 0]]
    assert nnlib.to_labels(np.array([0.9, 0.1])).tolist() == [[1, 0]]


def test_to_labels_takes_the_argmax_of_columns():
    one_hot = np.array([[0, 1, 0], [0, 0, 1], [1, 0, 0]], dtype=float)
    assert nnlib.to_labels(one_hot).tolist() == [[2, 0, 1]]
    probabilities = np.array([[0.2, 0.6], [0.8, 0.4]])
    assert nnlib.to_labels(probabilities).tolist() == [[1, 0]]
    # two rows of sigmoid-like values are columns too, not thresholded
    assert nnlib.to_labels(np.array([[0.3, 0.1], [0.4, 0.2]])).tolist() == [[1, 1]]


@pytest.mark.parametrize("Y", [np.zeros((2, 2, 2)), np.zeros(()), np.array([["a", "b"]])],
                         ids=["3-D", "scalar", "strings"])
def test_to_labels_errors_name_the_argument(Y):
    with pytest.raises(ValueError, match=r"^AL must be labels \(1, m\) or columns \(k, m\)"):
        nnlib.to_labels(Y, "AL")
    with pytest.raises(ValueError, match=r"^Y must be"):
        nnlib.to_labels(Y)
