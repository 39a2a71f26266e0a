"""nnlib.evaluation: predictions, accuracy and the confusion matrix on cases worked by hand."""
import numpy as np
import pytest

import nnlib

pytestmark = pytest.mark.filterwarnings("error")  # any overflow/divide/invalid warning fails


def test_predict_accuracy_and_confusion_matrix():
    params = {"W1": np.array([[1.0, -1.0]]), "b1": np.array([[0.0]])}
    X = np.array([[2.0, 0.0, 1.0], [0.0, 2.0, 1.0]])  # Z = 2, -2, 0 -> 1, 0, 0 (0.5 is not > 0.5)
    labels = nnlib.predict(X, params, output_activation="sigmoid")
    np.testing.assert_array_equal(labels, [[1, 0, 0]])
    assert nnlib.accuracy(labels, np.array([[1, 1, 0]])) == pytest.approx(2 / 3)
    one_hot = np.eye(3)[:, [0, 2, 1, 1]]
    assert nnlib.accuracy(np.array([[0, 2, 1, 0]]), one_hot) == 0.75
    counts = nnlib.confusion_matrix(np.array([[0, 2, 1, 1]]), np.array([[0, 2, 1, 0]]), n_classes=3)
    np.testing.assert_array_equal(counts, [[1, 0, 0], [1, 1, 0], [0, 0, 1]])


def test_predict_takes_the_argmax_of_softmax_outputs():
    # W1 = identity on 3 inputs: the largest input wins
    params = {"W1": np.eye(3), "b1": np.zeros((3, 1))}
    X = np.array([[5.0, 0.0, 1.0], [1.0, 0.0, 2.0], [0.0, 3.0, 1.5]])
    np.testing.assert_array_equal(nnlib.predict(X, params, output_activation="softmax"), [[0, 2, 1]])


def test_accuracy_errors_name_the_arguments():
    with pytest.raises(ValueError, match=r"Y_pred has 2 examples but Y_true has 3"):
        nnlib.accuracy(np.array([[0, 1]]), np.array([[0, 1, 1]]))
    with pytest.raises(ValueError, match=r"^Y_true must be labels"):
        nnlib.accuracy(np.array([[0, 1]]), np.zeros((2, 2, 2)))
