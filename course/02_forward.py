# %% [markdown]
# # 02 — Forward propagation (순전파)
#
# A network turns an input $X$ into an output $A^{[L]}$ one layer at a time. Each layer does two
# things: an **affine map** $Z = WA + b$, then an **activation function** (활성화 함수) applied to
# every entry of $Z$. This notebook builds both parts, then chains $L$ layers together.
#
# **What you will be able to do**
#
# - compute one layer's $Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}$ for all $m$ examples at once, and keep what backpropagation will need in a *cache*;
# - write sigmoid, tanh, ReLU, leaky ReLU and softmax, and keep sigmoid and softmax from overflowing;
# - recognise a ReLU that silently corrupts the cache, and fix it;
# - run an $L$-layer network forward and say what shape every cached array has.
#
# | exercise | points |
# |---|---|
# | 1 `linear_forward` | 2 |
# | 2 `sigmoid` (values 1, no overflow 1) | 2 |
# | 3 `tanh` | 1 |
# | 4 `relu` | 1 |
# | 5 `leaky_relu` | 1 |
# | 6 `softmax` (values 1, no overflow 1) | 2 |
# | 7 `fixed_relu` (find the bug) | 1 |
# | 8 `linear_activation_forward` | 2 |
# | 9 `model_forward` (two layers 1, deeper 2) | 3 |
# | **total** | **15** |
#
# The exercises are independent: where one needs an earlier function, it uses `nnlib`'s version
# (`nnlib.linear_forward`, `nnlib.relu`, ...), so a mistake costs the points of its own exercise only.
# The demonstrations between exercises use `nnlib` too, so they run even before you have written anything.
#
# Conventions (notebook 00): examples are **columns**, $X$ has shape $(n_x, m)$, $W^{[l]}$ has shape
# $(n^{[l]}, n^{[l-1]})$ and $b^{[l]}$ shape $(n^{[l]}, 1)$.

# %%
import warnings

import matplotlib.pyplot as plt
import numpy as np

import nnlib
from nnlib.data import load_mnist, make_planar

%matplotlib inline
np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## 1. The affine part of a layer
#
# Layer $l$ receives the activations $A^{[l-1]}$ of the layer before it ($A^{[0]} = X$) and computes
#
# $$Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}, \qquad
# \underbrace{(n^{[l]}, m)}_{Z} = \underbrace{(n^{[l]}, n^{[l-1]})}_{W}\;\underbrace{(n^{[l-1]}, m)}_{A^{[l-1]}} + \underbrace{(n^{[l]}, 1)}_{b}.$$
#
# Row $j$ of $Z$ belongs to unit $j$ of the layer, column $i$ to example $i$. The bias $b$ is one
# column; numpy *broadcasts* it, adding the same $b$ to each of the $m$ columns.
#
# Backpropagation (역전파, notebook 04) will need the layer's inputs again: $A^{[l-1]}$ to compute
# $\partial J / \partial W$ and $W$ to pass the gradient back to the previous layer. So the forward
# function also returns a **cache**, the tuple `(A_prev, W, b)`.
#
# **Exercise 1 — `linear_forward` (2 points).** Return `Z` and the cache `(A_prev, W, b)`.
# No loop over examples: one matrix product handles all $m$ columns.

# %% solution id=linear_forward
def linear_forward(A_prev, W, b):
    """The affine part of layer l: Z = W @ A_prev + b.

    Parameters
    ----------
    A_prev : ndarray of shape (n[l-1], m), the previous layer's activations (X for layer 1)
    W : ndarray of shape (n[l], n[l-1])
    b : ndarray of shape (n[l], 1), added to every column

    Returns
    -------
    Z : ndarray of shape (n[l], m)
    cache : tuple (A_prev, W, b), the inputs, kept for backpropagation
    """
    ### BEGIN SOLUTION
    Z = W @ A_prev + b
    return Z, (A_prev, W, b)
    ### END SOLUTION


# %% test id=test_linear_forward points=2
# test_linear_forward: Z = W @ A_prev + b on a case worked by hand; cache (A_prev, W, b); inputs unchanged
from nnchecks.nb02_forward import check_linear_forward
check_linear_forward(linear_forward)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb02_forward import check_linear_forward_hidden
check_linear_forward_hidden(linear_forward)
### END HIDDEN TESTS

# %% [markdown]
# The first layer of a 2-4-1 network on the planar "flower" data: 2 input features, 4 hidden units,
# 400 examples. (This cell uses `nnlib.linear_forward`, which does what yours does.)

# %%
X, Y = make_planar()
parameters = nnlib.initialize_parameters([2, 4, 1], "xavier", seed=0)
Z1, linear_cache = nnlib.linear_forward(X, parameters["W1"], parameters["b1"])
print("X ", X.shape, "  W1", parameters["W1"].shape, "  b1", parameters["b1"].shape, "  ->  Z1", Z1.shape)
print("Z1 for the first 3 examples (one column each):")
print(Z1[:, :3])

# %% [markdown]
# ## 2. Activation functions (활성화 함수)
#
# Without an activation, layers would add nothing: two affine maps in a row are one affine map,
# $W_2(W_1 a + b_1) + b_2 = (W_2 W_1)\,a + (W_2 b_1 + b_2)$. The numbers agree:

# %%
rng = np.random.default_rng(1)
W_a, b_a, W_b, b_b = rng.normal(size=(4, 2)), rng.normal(size=(4, 1)), rng.normal(size=(1, 4)), rng.normal(size=(1, 1))
two_layers = W_b @ (W_a @ X + b_a) + b_b
one_layer = (W_b @ W_a) @ X + (W_b @ b_a + b_b)
print("two affine layers == one affine layer:", np.allclose(two_layers, one_layer))

# %% [markdown]
# A non-linear $g$ between the layers is what lets a network bend its decision boundary around
# the petals of the flower. The five activations of this course:
#
# | name | $g(z)$ | range | typical use |
# |---|---|---|---|
# | sigmoid | $\sigma(z) = \dfrac{1}{1 + e^{-z}}$ | $(0, 1)$ | output unit of a binary classifier |
# | tanh | $\tanh z = \dfrac{e^{z} - e^{-z}}{e^{z} + e^{-z}} = 2\sigma(2z) - 1$ | $(-1, 1)$ | hidden layers; centred on 0 |
# | ReLU | $\max(0, z)$ | $[0, \infty)$ | hidden layers of deep networks |
# | leaky ReLU | $z$ if $z > 0$, else $\alpha z$ with $\alpha = 0.01$ | $(-\infty, \infty)$ | like ReLU, but negative inputs keep a small slope |
# | softmax | $\operatorname{softmax}(z)_k = \dfrac{e^{z_k}}{\sum_j e^{z_j}}$, per column | each column sums to 1 | output layer with $K$ classes |
#
# The first four act on each entry of $Z$ separately. Softmax acts on a whole **column** (one example):
# it turns the $K$ scores of an example into $K$ probabilities. Here they are, drawn with `nnlib`'s
# versions (in the softmax panel, a column $(z, 1, -1)$ as $z$ varies):

# %%
z = np.linspace(-4, 4, 401).reshape(1, -1)
panels = [("sigmoid", nnlib.sigmoid(z)), ("tanh", nnlib.tanh(z)), ("ReLU", nnlib.relu(z)),
          ("leaky ReLU (slope 0.01)", nnlib.leaky_relu(z))]
fig, axes = plt.subplots(1, 5, figsize=(10, 2.3), sharex=True)
for ax, (title, a) in zip(axes, panels):
    ax.plot(z[0], a[0])
    ax.axhline(0, color="grey", lw=0.5)
    ax.axvline(0, color="grey", lw=0.5)
    ax.set_title(title)
    ax.set_xlabel("z")
column = np.vstack([z, np.ones_like(z), -np.ones_like(z)])  # 3 classes, 401 examples
probabilities = nnlib.softmax(column)
for k, label in enumerate(["class 0 (score z)", "class 1 (score 1)", "class 2 (score -1)"]):
    axes[4].plot(z[0], probabilities[k], label=label)
axes[4].set_title("softmax of (z, 1, -1)")
axes[4].set_xlabel("z")
axes[4].legend(fontsize=7)
plt.tight_layout()
plt.show()

values = np.array([[-2.0, -1.0, 0.0, 1.0, 2.0]])
for name in ["sigmoid", "tanh", "relu", "leaky_relu"]:
    g, _ = nnlib.get_activation(name)
    print(f"{name:>10}({values[0]}) = {g(values)[0]}")
print("softmax columns sum to 1:", np.allclose(probabilities.sum(axis=0), 1))

# %% [markdown]
# ### Sigmoid, and why the obvious formula overflows
#
# Written straight from the formula, sigmoid computes $e^{-z}$. For $z = -1000$ that is $e^{1000}$,
# far beyond the largest float64 ($\approx 1.8 \times 10^{308}$): numpy returns `inf` and warns.

# %%
def naive_sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


Z = np.array([[-1000.0, -5.0, 0.0, 5.0, 1000.0]])
with np.errstate(over="warn", invalid="warn"), warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    A = naive_sigmoid(Z)
    slope = np.exp(-Z) / (1 + np.exp(-Z)) ** 2  # sigma'(z), written from the same formula
print("naive_sigmoid(Z) =", A)
print("its slope        =", slope)
for message in dict.fromkeys(f"{w.category.__name__}: {w.message}" for w in caught):
    print(message)

# %% [markdown]
# Here `1 / (1 + inf)` happens to give the right value 0, but the warning fires on every batch of
# a training run, and any formula that divides one huge exponential by another, such as the slope,
# ends with `inf / inf = nan`.
#
# The fix is to exponentiate only numbers that are $\le 0$. Both expressions below are $\sigma(z)$;
# use the left one where $z \ge 0$ and the right one where $z < 0$:
#
# $$\sigma(z) = \frac{1}{1 + e^{-z}} = \frac{e^{z}}{1 + e^{z}}
# \qquad\Longrightarrow\qquad
# \sigma(z) = \begin{cases} \dfrac{1}{1 + e^{-|z|}} & z \ge 0 \\[2mm] \dfrac{e^{-|z|}}{1 + e^{-|z|}} & z < 0 \end{cases}$$
#
# One trap: `np.where(cond, x, y)` computes *both* `x` and `y` for every entry before choosing, so
# `np.where(Z >= 0, 1 / (1 + np.exp(-Z)), ...)` still overflows. Compute $e^{-|z|}$ once, then choose.
#
# **Exercise 2 — `sigmoid` (2 points: 1 for the values, 1 for no overflow).** The first test checks
# moderate values; the second feeds $z = \pm 1000$ and fails on any overflow warning.

# %% solution id=sigmoid
def sigmoid(Z):
    """Logistic sigmoid 1 / (1 + exp(-Z)), element by element, without overflow.

    Parameters
    ----------
    Z : ndarray of shape (n, m)

    Returns
    -------
    A : ndarray of shape (n, m), entries in [0, 1]; Z is left unchanged
    """
    ### BEGIN SOLUTION
    E = np.exp(-np.abs(Z))  # in (0, 1]: cannot overflow
    return np.where(Z >= 0, 1 / (1 + E), E / (1 + E))
    ### END SOLUTION


# %% test id=test_sigmoid points=1
# test_sigmoid: values for moderate Z; same shape; input unchanged
from nnchecks.nb02_forward import check_sigmoid
check_sigmoid(sigmoid)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb02_forward import check_sigmoid_hidden
check_sigmoid_hidden(sigmoid)
### END HIDDEN TESTS

# %% test id=test_sigmoid__stable points=1
# test_sigmoid__stable: Z = -1000 ... 1000 gives 0 ... 1 with no overflow warning
from nnchecks.nb02_forward import check_sigmoid_stable
check_sigmoid_stable(sigmoid)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb02_forward import check_sigmoid_stable_hidden
check_sigmoid_stable_hidden(sigmoid)
### END HIDDEN TESTS

# %% [markdown]
# **Exercise 3 — `tanh` (1 point).** `np.tanh` is allowed (it is numpy, not `nnlib`). If you write
# the formula with exponentials instead, remember the overflow story above.

# %% solution id=tanh
def tanh(Z):
    """Hyperbolic tangent, element by element.

    Parameters
    ----------
    Z : ndarray of shape (n, m)

    Returns
    -------
    A : ndarray of shape (n, m), entries in (-1, 1)
    """
    ### BEGIN SOLUTION
    return np.tanh(Z)
    ### END SOLUTION


# %% test id=test_tanh points=1
# test_tanh: values on a few Z; same shape; input unchanged
from nnchecks.nb02_forward import check_tanh
check_tanh(tanh)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb02_forward import check_tanh_hidden
check_tanh_hidden(tanh)
### END HIDDEN TESTS

# %% [markdown]
# **Exercise 4 — `relu` (1 point).** Return a **new** array; do not modify `Z` (section 3 shows why).

# %% solution id=relu
def relu(Z):
    """Rectified linear unit max(Z, 0), element by element.

    Parameters
    ----------
    Z : ndarray of shape (n, m)

    Returns
    -------
    A : ndarray of shape (n, m), a new array; Z is left unchanged
    """
    ### BEGIN SOLUTION
    return np.maximum(Z, 0)
    ### END SOLUTION


# %% test id=test_relu points=1
# test_relu: negatives become 0, the rest pass through; input unchanged
from nnchecks.nb02_forward import check_relu
check_relu(relu)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb02_forward import check_relu_hidden
check_relu_hidden(relu)
### END HIDDEN TESTS

# %% [markdown]
# **Exercise 5 — `leaky_relu` (1 point).** Use the `slope` argument (default 0.01): the test also
# calls `leaky_relu(Z, slope=0.2)`.

# %% solution id=leaky_relu
def leaky_relu(Z, slope=0.01):
    """Leaky ReLU: Z where Z > 0, slope * Z elsewhere.

    Parameters
    ----------
    Z : ndarray of shape (n, m)
    slope : float, the slope for negative inputs

    Returns
    -------
    A : ndarray of shape (n, m), a new array; Z is left unchanged
    """
    ### BEGIN SOLUTION
    return np.where(Z > 0, Z, slope * Z)
    ### END SOLUTION


# %% test id=test_leaky_relu points=1
# test_leaky_relu: default slope 0.01 and slope=0.2; input unchanged
from nnchecks.nb02_forward import check_leaky_relu
check_leaky_relu(leaky_relu)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb02_forward import check_leaky_relu_hidden
check_leaky_relu_hidden(leaky_relu)
### END HIDDEN TESTS

# %% [markdown]
# ### Softmax, column by column
#
# Softmax has the same overflow problem as sigmoid, only worse: scores (*logits*) of a few hundred
# are enough to make $e^{z}$ infinite, and then `inf / inf` is `nan`.

# %%
def naive_softmax(Z):
    E = np.exp(Z)
    return E / E.sum(axis=0, keepdims=True)


scores = np.array([[1.0, 1000.0], [2.0, 1001.0], [3.0, 1002.0]])  # two examples (columns)
with np.errstate(over="warn", invalid="warn"), warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print(naive_softmax(scores))
for message in dict.fromkeys(f"{w.category.__name__}: {w.message}" for w in caught):
    print(message)

# %% [markdown]
# The second column is the first one plus 999, and the two should give the same probabilities:
# subtracting a constant $c$ from every score of a column does not change its softmax,
#
# $$\frac{e^{z_k - c}}{\sum_j e^{z_j - c}} = \frac{e^{-c}\, e^{z_k}}{e^{-c} \sum_j e^{z_j}} = \frac{e^{z_k}}{\sum_j e^{z_j}}.$$
#
# Choose $c = \max_j z_j$, **the maximum of each column**: then every exponent is $\le 0$ and the
# largest term of the sum is exactly $e^0 = 1$, so nothing overflows and the sum is never 0.

# %%
print(nnlib.softmax(scores))
print("same as for the scores minus 5:", np.allclose(nnlib.softmax(scores), nnlib.softmax(scores - 5)))

# %% [markdown]
# **Exercise 6 — `softmax` (2 points: 1 for the values, 1 for stability).** Column-wise: sum over
# `axis=0` (the classes), with `keepdims=True` so the shapes broadcast. Subtract each column's
# maximum without modifying `Z` (`Z -= ...` would change the caller's array).

# %% solution id=softmax
def softmax(Z):
    """Softmax of each column of Z: column i becomes a probability vector over the n classes.

    Parameters
    ----------
    Z : ndarray of shape (n, m), one column of n scores per example

    Returns
    -------
    A : ndarray of shape (n, m), entries in [0, 1], every column summing to 1
    """
    ### BEGIN SOLUTION
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)
    ### END SOLUTION


# %% test id=test_softmax points=1
# test_softmax: a 3-class, 4-example case; columns sum to 1; input unchanged
from nnchecks.nb02_forward import check_softmax
check_softmax(softmax)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb02_forward import check_softmax_hidden
check_softmax_hidden(softmax)
### END HIDDEN TESTS

# %% test id=test_softmax__stable points=1
# test_softmax__stable: logits around +-1000 give finite probabilities, no overflow warning
from nnchecks.nb02_forward import check_softmax_stable
check_softmax_stable(softmax)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb02_forward import check_softmax_stable_hidden
check_softmax_stable_hidden(softmax)
### END HIDDEN TESTS

# %% [markdown]
# ## 3. Find the bug: a ReLU that rewrites its input
#
# The study-hours note (004) writes its ReLU (`leru`) with the same line, `z[z<0] = 0`, on the
# array it was given. (Its version then returns `z1`, a global variable, instead of its result.)
# Written like this, with the result returned, it is short, it saves memory, and the values it
# returns are right:

# %%
def buggy_relu(Z):
    Z[Z < 0] = 0
    return Z

# %% [markdown]
# The problem is that `Z[Z < 0] = 0` writes into the array the caller passed in, and the function
# returns that same array. Plot a ReLU with it and the $z$ axis itself changes under you:

# %%
z = np.linspace(-3, 3, 7)
a = buggy_relu(z)
print("a =", a)
print("z =", z, " <- was [-3 -2 -1 0 1 2 3] before the call")
print("a is z:", a is z)

fig, axes = plt.subplots(1, 2, figsize=(8, 2.8), sharey=True)
z_fresh = np.linspace(-3, 3, 7)
axes[0].plot(z_fresh, nnlib.relu(z_fresh), marker="o")
axes[0].set_title("plt.plot(z, relu(z))")
axes[1].plot(z, a, marker="o", color="C3")
axes[1].set_title("plt.plot(z, buggy_relu(z)): no flat part")
for ax in axes:
    ax.set_xlim(-3.3, 3.3)
    ax.set_xlabel("z")
plt.tight_layout()
plt.show()

# %% [markdown]
# Inside a network it is quieter. A layer caches its $Z$ for backpropagation; `buggy_relu` then
# overwrites that very array. In the first layer of our planar network about half the
# pre-activations are negative; after the call, the cache says none are:

# %%
Z1, linear_cache = nnlib.linear_forward(X, parameters["W1"], parameters["b1"])
cache = (linear_cache, Z1)
print(f"negative entries in the cached Z1 before buggy_relu: {np.mean(cache[1] < 0):.1%}")
A1 = buggy_relu(Z1)
print(f"negative entries in the cached Z1 after buggy_relu:  {np.mean(cache[1] < 0):.1%}")

# %% [markdown]
# ReLU's derivative only asks whether $z > 0$, and zeroing the negative entries does not change
# that answer, so `nnlib.relu_backward` still gets the right gradient from the corrupted cache.
# That is what makes the bug *silent*: training works, while anything else that reads the cache
# (counting dead units in notebook 08, plotting pre-activations) reads wrong numbers.
#
# The same habit in any other activation breaks backpropagation outright. A sigmoid that writes its
# result into `Z` leaves $\sigma(Z)$ in the cache, and `sigmoid_backward` then computes
# $\sigma'(\sigma(z))$ instead of $\sigma'(z)$:

# %%
def buggy_sigmoid(Z):
    Z[...] = 1 / (1 + np.exp(-Z))
    return Z


Z1, _ = nnlib.linear_forward(X, parameters["W1"], parameters["b1"])
Z1_kept = Z1.copy()  # what the cache should hold
A1 = buggy_sigmoid(Z1)  # ...and Z1 (the cached array) now holds sigmoid(Z1)
dA1 = np.ones_like(Z1)
right = nnlib.sigmoid_backward(dA1, Z1_kept)
wrong = nnlib.sigmoid_backward(dA1, Z1)
print(f"largest gradient entry: {right.max():.4f}; largest error from the corrupted cache: {np.abs(right - wrong).max():.4f}")

# %% [markdown]
# **Exercise 7 — `fixed_relu` (1 point).** Write a corrected copy of `buggy_relu`: same values,
# and `Z` must be exactly as it was after the call. Either copy `Z` first and change the copy, or
# build a new array in one expression.

# %% solution id=fixed_relu
def fixed_relu(Z):
    """ReLU that leaves its input alone: returns max(Z, 0) as a new array.

    Parameters
    ----------
    Z : ndarray of shape (n, m), the pre-activation the layer cache keeps

    Returns
    -------
    A : ndarray of shape (n, m); Z is unchanged afterwards
    """
    ### BEGIN SOLUTION
    A = Z.copy()
    A[A < 0] = 0
    return A
    ### END SOLUTION


# %% test id=test_fixed_relu points=1
# test_fixed_relu: relu's values, and the input Z is unchanged after the call
from nnchecks.nb02_forward import check_fixed_relu
check_fixed_relu(fixed_relu)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb02_forward import check_fixed_relu_hidden
check_fixed_relu_hidden(fixed_relu)
### END HIDDEN TESTS

# %% [markdown]
# ## 4. One full layer
#
# A layer is the affine map followed by the activation:
#
# $$Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}, \qquad A^{[l]} = g^{[l]}\big(Z^{[l]}\big).$$
#
# Its cache holds everything backpropagation needs for this layer: the linear cache
# `(A_prev, W, b)` and the pre-activation `Z` (to evaluate $g'(Z)$). So the cache is a pair,
# `(linear_cache, Z)`.
#
# **Exercise 8 — `linear_activation_forward` (2 points).** `activation` is one of the names
# `"sigmoid"`, `"tanh"`, `"relu"`, `"leaky_relu"`, `"softmax"`. Use `nnlib.linear_forward` and
# `nnlib`'s activations, not your own, so that this exercise does not depend on the earlier ones:
# `nnlib.get_activation(name)` returns the pair `(forward, backward)` of functions for a name, or
# write a small dictionary `{"sigmoid": nnlib.sigmoid, ...}`.
#
# `nnlib`'s caches are named tuples (`LinearCache`, `LayerCache`), which *are* tuples; a plain
# tuple `((A_prev, W, b), Z)` is just as good here.

# %% solution id=linear_activation_forward
def linear_activation_forward(A_prev, W, b, activation):
    """One layer: A = g(W @ A_prev + b) for the activation g named by ``activation``.

    Parameters
    ----------
    A_prev : ndarray of shape (n[l-1], m)
    W : ndarray of shape (n[l], n[l-1])
    b : ndarray of shape (n[l], 1)
    activation : str, "sigmoid", "tanh", "relu", "leaky_relu" or "softmax"

    Returns
    -------
    A : ndarray of shape (n[l], m)
    cache : tuple (linear_cache, Z), with linear_cache = (A_prev, W, b) and Z of shape (n[l], m)
    """
    ### BEGIN SOLUTION
    g, _ = nnlib.get_activation(activation)
    Z, linear_cache = nnlib.linear_forward(A_prev, W, b)
    A = g(Z)
    return A, (linear_cache, Z)
    ### END SOLUTION


# %% test id=test_linear_activation_forward points=2
# test_linear_activation_forward: relu and sigmoid layers on a small case; A and cache ((A_prev, W, b), Z)
from nnchecks.nb02_forward import check_linear_activation_forward
check_linear_activation_forward(linear_activation_forward)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb02_forward import check_linear_activation_forward_hidden
check_linear_activation_forward_hidden(linear_activation_forward)
### END HIDDEN TESTS

# %% [markdown]
# ## 5. $L$ layers
#
# A network with layer sizes $[n^{[0]}, n^{[1]}, \dots, n^{[L]}]$ has parameters
# `"W1", "b1", ..., "WL", "bL"`, so $L$ is half the number of entries in the dictionary. The hidden
# layers $1, \dots, L-1$ all use one activation (e.g. ReLU) and the output layer $L$ its own
# (sigmoid for two classes, softmax for more):
#
# ```
# A = X
# for l = 1 .. L:
#     g = hidden_activation if l < L else output_activation
#     A, cache = one layer (A, W[l], b[l], g)
#     append cache to caches
# return A, caches          # A is now AL; caches[l-1] belongs to layer l
# ```
#
# **Exercise 9 — `model_forward` (3 points: 1 for a two-layer network, 2 for deeper ones).** Use
# `nnlib.linear_activation_forward` for each layer. The parameter keys are `f"W{l}"` and `f"b{l}"`
# (capital `W`: the keys are case-sensitive).

# %% solution id=model_forward
def model_forward(X, parameters, hidden_activation="relu", output_activation="sigmoid"):
    """Forward pass through L layers.

    Parameters
    ----------
    X : ndarray of shape (n[0], m)
    parameters : dict with "W1", "b1", ..., "WL", "bL"; W{l} of shape (n[l], n[l-1]), b{l} of shape (n[l], 1)
    hidden_activation : str, the activation of layers 1 .. L-1
    output_activation : str, the activation of layer L

    Returns
    -------
    AL : ndarray of shape (n[L], m), the network's output
    caches : list of L layer caches; caches[l-1] = ((A_prev, W, b), Z) of layer l
    """
    ### BEGIN SOLUTION
    L = len(parameters) // 2
    A = X
    caches = []
    for l in range(1, L + 1):
        activation = hidden_activation if l < L else output_activation
        A, cache = nnlib.linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], activation)
        caches.append(cache)
    return A, caches
    ### END SOLUTION


# %% test id=test_model_forward__two_layers points=1
# test_model_forward__two_layers: a 2-3-1 tanh/sigmoid network; AL (1, m) and 2 caches
from nnchecks.nb02_forward import check_model_forward_two_layers
check_model_forward_two_layers(model_forward)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb02_forward import check_model_forward_two_layers_hidden
check_model_forward_two_layers_hidden(model_forward)
### END HIDDEN TESTS

# %% test id=test_model_forward__deep points=2
# test_model_forward__deep: a 4-5-3-3 relu/softmax network; AL (3, m) and 3 caches; parameters unchanged
from nnchecks.nb02_forward import check_model_forward_deep
check_model_forward_deep(model_forward)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb02_forward import check_model_forward_deep_hidden
check_model_forward_deep_hidden(model_forward)
### END HIDDEN TESTS

# %% [markdown]
# ## 6. Running untrained networks
#
# **Planar data, 2-4-1, tanh then sigmoid.** The output $A^{[2]}$ is one probability per example,
# "how sure is the network that this point is class 1". With random weights it knows nothing yet,
# and its outputs hover around 0.5:

# %%
AL, caches = nnlib.model_forward(X, parameters, hidden_activation="tanh", output_activation="sigmoid")
print("AL shape:", AL.shape, "   number of caches:", len(caches))
print("first 5 outputs:", AL[0, :5])
print(f"outputs range from {AL.min():.3f} to {AL.max():.3f}, mean {AL.mean():.3f}")

fig, axes = plt.subplots(1, 2, figsize=(9, 3.8))
axes[0].scatter(X[0], X[1], c=Y[0], cmap="coolwarm", s=10)
axes[0].set_title("labels Y")
points = axes[1].scatter(X[0], X[1], c=AL[0], cmap="coolwarm", s=10, vmin=0, vmax=1)
axes[1].set_title("untrained output AL")
fig.colorbar(points, ax=axes[1])
for ax in axes:
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
plt.tight_layout()
plt.show()

# %% [markdown]
# **MNIST, 784-128-64-10, ReLU then softmax.** Each column of $X$ is a 28 × 28 image flattened
# into 784 pixels; each column of the output holds 10 probabilities, one per digit. With He
# initialisation (notebook 01) and no training, the network has no real opinion: every probability
# is of the order of $1/10$ (here between about 0.04 and 0.2 on average), where a trained network
# would give one digit a probability close to 1.

# %%
X_mnist, Y_mnist = load_mnist("train")
mnist_parameters = nnlib.initialize_parameters([784, 128, 64, 10], "he", seed=0)
AL_mnist, mnist_caches = nnlib.model_forward(X_mnist, mnist_parameters, "relu", "softmax")
print("X:", X_mnist.shape, "  AL:", AL_mnist.shape)
print("every column sums to 1:", np.allclose(AL_mnist.sum(axis=0), 1))
print("mean probability of each digit over the 4000 images:")
print(np.round(AL_mnist.mean(axis=1), 3))
print("first image:", np.round(AL_mnist[:, 0], 3))
print(f"largest probability given to any digit of any image: {AL_mnist.max():.3f}")

plt.figure(figsize=(5, 2.8))
plt.bar(range(10), AL_mnist[:, 0])
plt.axhline(0.1, color="grey", ls="--", lw=1, label="1/10")
plt.xticks(range(10))
plt.ylim(0, 1)
plt.xlabel("digit")
plt.ylabel("probability")
plt.title(f"untrained output for the first image (a {np.argmax(Y_mnist[:, 0])})")
plt.legend()
plt.show()

# %% [markdown]
# The caches are what the forward pass leaves behind for backpropagation. For each layer: its input
# `A_prev`, its parameters `W`, `b`, and its pre-activation `Z`. Every shape follows from the
# layer sizes and $m$:

# %%
print(f"{'layer':5}  {'A_prev':>11}  {'W':>10}  {'b':>8}  {'Z':>11}")
for l, ((A_prev, W, b), Z) in enumerate(mnist_caches, start=1):
    shapes = [str(array.shape) for array in (A_prev, W, b, Z)]
    print(f"{l:<5}  {shapes[0]:>11}  {shapes[1]:>10}  {shapes[2]:>8}  {shapes[3]:>11}")
stored = sum(A_prev.nbytes + Z.nbytes for (A_prev, W, b), Z in mnist_caches)
print(f"\nA_prev and Z of all layers: {stored / 1e6:.1f} MB for m = {X_mnist.shape[1]} examples")

# %% [markdown]
# The cached arrays grow with $m$: this is one reason to train on mini-batches (notebook 05).
#
# ## What you learned
#
# - A layer is an affine map $Z = WA + b$ (one matrix product for all examples, $b$ broadcast over
#   the columns) followed by an activation $A = g(Z)$.
# - Sigmoid, tanh, ReLU and leaky ReLU act entry by entry; softmax acts on each column. Sigmoid and
#   softmax need care with `exp`: exponentiate only non-positive numbers, e.g. subtract the column
#   maximum before softmax.
# - A function must not write into its inputs: `Z[Z < 0] = 0` on the caller's array silently rewrites
#   the cache that backpropagation reads.
# - `model_forward` loops over the layers and returns the output $A^{[L]}$ and one cache
#   `((A_prev, W, b), Z)` per layer. Next, notebook 03 measures how wrong $A^{[L]}$ is: the cost.
#
# **Terms** — forward propagation 순전파, activation function 활성화 함수, layer / hidden layer
# 층 / 은닉층, weight / bias 가중치 / 편향, backward propagation 역전파.
