"""nnlib: a fully connected neural network in pure numpy, the course's reference implementation.

Conventions: examples are columns (X has shape (n_features, m)); W{l} has shape (n[l], n[l-1])
and b{l} shape (n[l], 1); parameters are a dict keyed "W1", "b1", ...
"""
from .activations import (
    ACTIVATIONS, get_activation, leaky_relu, leaky_relu_backward, linear, relu, relu_backward,
    sigmoid, sigmoid_backward, softmax, softmax_backward, tanh, tanh_backward,
)
from .backward import linear_activation_backward, linear_backward, model_backward
from .evaluation import accuracy, confusion_matrix, predict
from .forward import LayerCache, LinearCache, linear_activation_forward, linear_forward, model_forward
from .gradcheck import gradient_check, numerical_gradient, relative_difference
from .init import INITIALIZERS, initialize_parameters, layer_sizes
from .labels import one_hot, to_labels
from .losses import LOSSES, compute_cost, loss_gradient
from .optimizers import OPTIMIZERS, adam, gd, momentum, update_parameters
from .training import TrainingDiverged, random_mini_batches, train

__version__ = "0.1.0"
