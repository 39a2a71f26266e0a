# %% [markdown]
# # 04 — Backpropagation (역전파)
#
# Forward propagation (notebook 02) turned inputs into predictions and left a cache behind; the
# cost (notebook 03) turned the predictions into one number $J$. To improve the network we need
# $\partial J / \partial W^{[l]}$ and $\partial J / \partial b^{[l]}$ for every layer, and
# **backward propagation** (역전파) gets all of them in one sweep from the output back to the input
# by the **chain rule** (연쇄 법칙).
#
# **What you will be able to do**
#
# - differentiate sigmoid, tanh, ReLU and leaky ReLU and write their backward functions;
# - differentiate binary cross-entropy, categorical cross-entropy and MSE, and see why a sigmoid
#   or softmax output gives the short form $dZ = A - Y$;
# - follow the chain rule through a small network by hand and match nnlib digit for digit;
# - write one layer's backward pass and the whole L-layer backward pass;
# - check any gradient with centred finite differences, and catch a gradient averaged twice;
# - read the source notes' derivations and symbols next to ours, and spot a backward pass written
#   in the other convention.
#
# | exercise | points |
# |---|---|
# | 1 `sigmoid_backward` | 1 |
# | 2 `tanh_backward` | 1 |
# | 3 `relu_backward` | 1 |
# | 4 `leaky_relu_backward` | 1 |
# | 5 `loss_gradient` (bce 1, ce 1, mse 1) | 3 |
# | 6 `linear_backward` | 2 |
# | 7 `linear_activation_backward` | 2 |
# | 8 `model_backward` (bce 1, ce 1, mse 1) | 3 |
# | 9 `numerical_gradient` | 2 |
# | 10 `relative_difference` | 1 |
# | 11 `two_layer_backward` (find the bug) | 2 |
# | **total** | **19** |
#
# The exercises are independent: where one needs an earlier function, it uses nnlib's version
# (`nnlib.linear_backward`, ...), so a mistake costs the points of its own exercise only. The
# demonstrations between exercises use `nnlib` too, so they run before you have written anything.

# %%
%matplotlib inline
import matplotlib.pyplot as plt
import numpy as np

import nnlib
from nnlib.data import load_study_hours, make_planar

np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## 1. What flows backwards
#
# The cost is a mean over the $m$ examples (the columns):
# $J = \frac{1}{m}\sum_{i=1}^{m} \mathcal{L}^{(i)}$, where $\mathcal{L}^{(i)}$ is the loss of
# example $i$. nnlib, like the planar note (000), keeps two kinds of derivatives apart (the XOR
# note, 002, puts the $\frac1m$ into its `dLdZ2` instead):
#
# | symbol | means | shape | averaged over examples? |
# |---|---|---|---|
# | `dA[l]` | $\partial \mathcal{L}^{(i)} / \partial A^{[l]}_{:,i}$, column by column | $(n^{[l]}, m)$, like `A[l]` | no: one column per example |
# | `dZ[l]` | $\partial \mathcal{L}^{(i)} / \partial Z^{[l]}_{:,i}$ | $(n^{[l]}, m)$, like `Z[l]` | no |
# | `dW[l]` | $\partial J / \partial W^{[l]}$ | $(n^{[l]}, n^{[l-1]})$, like `W[l]` | yes, the $\frac1m$ is applied here |
# | `db[l]` | $\partial J / \partial b^{[l]}$ | $(n^{[l]}, 1)$, like `b[l]` | yes |
#
# Every example has its own $A$ and $Z$ columns, so their derivatives stay per example. The
# weights are shared by all examples, so their gradient adds up the examples' contributions and
# takes the mean. The $\frac1m$ appears **exactly once**, when `dW` and `db` are formed. Every
# gradient has the shape of the thing it is the gradient of: a cheap check worth doing always.
#
# One step back through layer $l$ takes two moves. The activation:
# $dZ^{[l]} = dA^{[l]} \odot g'(Z^{[l]})$, element by element, where $\odot$ is the element-wise
# product. Then the linear part, which produces `dW[l]`, `db[l]` and the `dA[l-1]` that the
# layer before needs. Section 2 does the first move, section 3 starts the sweep at the cost,
# section 4 works a whole network by hand, and sections 5 and 6 write the general code.

# %% [markdown]
# ## 2. Derivatives of the activations (활성화 함수)
#
# $$
# \begin{aligned}
# \sigma(z) &= \frac{1}{1+e^{-z}}, & \sigma'(z) &= \sigma(z)\,\bigl(1-\sigma(z)\bigr) \\
# \tanh(z) &= \frac{e^{z}-e^{-z}}{e^{z}+e^{-z}}, & \tanh'(z) &= 1-\tanh^2(z) \\
# \operatorname{relu}(z) &= \max(z, 0), & \operatorname{relu}'(z) &= \begin{cases}1 & z>0\\ 0 & z\le 0\end{cases} \\
# \operatorname{leaky}(z) &= \begin{cases}z & z>0\\ s\,z & z\le 0\end{cases}, & \operatorname{leaky}'(z) &= \begin{cases}1 & z>0\\ s & z\le 0\end{cases}\quad(s = 0.01)
# \end{aligned}
# $$
#
# ReLU has no derivative at exactly $z = 0$; like most libraries we take $0$ there (for leaky
# ReLU, $s$). The sigmoid and tanh derivatives are written through the function's own value
# $a = g(z)$: $\sigma' = a(1-a)$ and $\tanh' = 1-a^2$. That is handy, but the backward functions
# below receive the **pre-activation** $Z$ from the cache, so compute $a = g(Z)$ first. Writing
# `Z * (1 - Z)` is a classic bug.
#
# Each backward function returns $dZ = dA \odot g'(Z)$, so `g_backward(np.ones_like(Z), Z)` gives
# $g'(Z)$ itself. The figure uses nnlib's functions to draw each derivative next to its function.

# %%
z = np.linspace(-5, 5, 401).reshape(1, -1)
ones = np.ones_like(z)
fig, axes = plt.subplots(1, 4, figsize=(10, 2.5))
for ax, name in zip(axes, ["sigmoid", "tanh", "relu", "leaky_relu"]):
    g, g_backward = nnlib.get_activation(name)
    ax.plot(z[0], g(z)[0], label="$g(z)$")
    ax.plot(z[0], g_backward(ones, z)[0], "--", label="$g'(z)$")
    ax.axhline(0, color="grey", lw=0.5)
    ax.set_title(name)
    ax.set_xlabel("$z$")
fig.legend(*axes[0].get_legend_handles_labels(), loc="lower center", ncol=2, frameon=False)
plt.tight_layout(rect=(0, 0.1, 1, 1))
plt.show()

at = np.array([[-3.0, 0.0, 3.0]])
for name in ["sigmoid", "tanh", "relu", "leaky_relu"]:
    _, g_backward = nnlib.get_activation(name)
    print(f"{name:>10}: g'(z) at z = -3, 0, 3 is {g_backward(np.ones_like(at), at)[0].round(4)}")

# %% [markdown]
# The largest slope of the sigmoid is $\frac14$ (at $z = 0$), and both sigmoid and tanh are
# almost flat for $|z| > 3$: a gradient that passes through many such layers shrinks at every one.
# That is the **vanishing gradient** (기울기 소실) of notebook 08. ReLU passes the gradient through
# unchanged where the unit is active and blocks it entirely where it is not.
#
# **Exercise 1 — `sigmoid_backward` (1 point).** **Exercise 2 — `tanh_backward` (1 point).**
# **Exercise 3 — `relu_backward` (1 point).** **Exercise 4 — `leaky_relu_backward` (1 point).**
# Return a new array and leave `dA` and `Z` unchanged: `dZ = dA; dZ[Z <= 0] = 0` would overwrite
# the caller's `dA`. You may call `nnlib.sigmoid` (notebook 02) inside `sigmoid_backward`.

# %% solution id=sigmoid_backward
def sigmoid_backward(dA, Z):
    """dZ = dA * sigmoid'(Z), with sigmoid'(Z) = s * (1 - s) and s = sigmoid(Z).

    Parameters
    ----------
    dA : ndarray of shape (n, m), gradient of the loss with respect to A = sigmoid(Z)
    Z : ndarray of shape (n, m), the pre-activation stored in the cache

    Returns
    -------
    dZ : ndarray of shape (n, m), a new array
    """
    ### BEGIN SOLUTION
    s = nnlib.sigmoid(Z)  # overflow-safe; 1 / (1 + np.exp(-Z)) also works
    return dA * s * (1 - s)
    ### END SOLUTION


# %% test id=test_sigmoid_backward points=1
# test_sigmoid_backward: values at Z = 0 and ±ln 3 worked by hand; shape; inputs unchanged
from nnchecks.nb04_backprop import check_sigmoid_backward
check_sigmoid_backward(sigmoid_backward)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb04_backprop import check_sigmoid_backward_hidden
check_sigmoid_backward_hidden(sigmoid_backward)
### END HIDDEN TESTS

# %% solution id=tanh_backward
def tanh_backward(dA, Z):
    """dZ = dA * (1 - tanh(Z)**2).

    Parameters
    ----------
    dA : ndarray of shape (n, m)
    Z : ndarray of shape (n, m)

    Returns
    -------
    dZ : ndarray of shape (n, m), a new array
    """
    ### BEGIN SOLUTION
    t = np.tanh(Z)
    return dA * (1 - t * t)
    ### END SOLUTION


# %% test id=test_tanh_backward points=1
# test_tanh_backward: values at Z = 0 and ±ln 2 (tanh = ±0.6) worked by hand; inputs unchanged
from nnchecks.nb04_backprop import check_tanh_backward
check_tanh_backward(tanh_backward)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb04_backprop import check_tanh_backward_hidden
check_tanh_backward_hidden(tanh_backward)
### END HIDDEN TESTS

# %% solution id=relu_backward
def relu_backward(dA, Z):
    """dZ = dA where Z > 0, and 0 where Z <= 0 (the derivative at 0 is taken as 0).

    Parameters
    ----------
    dA : ndarray of shape (n, m)
    Z : ndarray of shape (n, m)

    Returns
    -------
    dZ : ndarray of shape (n, m), a new array; dA is not modified
    """
    ### BEGIN SOLUTION
    return np.where(Z > 0, dA, 0.0)
    ### END SOLUTION


# %% test id=test_relu_backward points=1
# test_relu_backward: negative, zero and positive Z; dA must not be modified in place
from nnchecks.nb04_backprop import check_relu_backward
check_relu_backward(relu_backward)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb04_backprop import check_relu_backward_hidden
check_relu_backward_hidden(relu_backward)
### END HIDDEN TESTS

# %% solution id=leaky_relu_backward
def leaky_relu_backward(dA, Z, slope=0.01):
    """dZ = dA where Z > 0, and slope * dA where Z <= 0.

    Parameters
    ----------
    dA : ndarray of shape (n, m)
    Z : ndarray of shape (n, m)
    slope : float, the slope of leaky ReLU for Z <= 0

    Returns
    -------
    dZ : ndarray of shape (n, m), a new array
    """
    ### BEGIN SOLUTION
    return np.where(Z > 0, dA, slope * dA)
    ### END SOLUTION


# %% test id=test_leaky_relu_backward points=1
# test_leaky_relu_backward: the default slope 0.01 and slope=0.2; inputs unchanged
from nnchecks.nb04_backprop import check_leaky_relu_backward
check_leaky_relu_backward(leaky_relu_backward)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb04_backprop import check_leaky_relu_backward_hidden
check_leaky_relu_backward_hidden(leaky_relu_backward)
### END HIDDEN TESTS

# %% [markdown]
# ## 3. Derivatives of the costs (비용 함수)
#
# Backpropagation starts at the cost. For one example with output $a$ and target $y$, the
# per-example losses of notebook 03 and their derivatives with respect to $a$ are
#
# $$
# \begin{aligned}
# \text{bce:}\quad \mathcal{L} &= -\bigl(y\log a + (1-y)\log(1-a)\bigr), &
# \frac{\partial\mathcal{L}}{\partial a} &= -\frac{y}{a} + \frac{1-y}{1-a} = \frac{a-y}{a(1-a)} \\
# \text{ce:}\quad \mathcal{L} &= -\sum_k y_k \log a_k, &
# \frac{\partial\mathcal{L}}{\partial a_k} &= -\frac{y_k}{a_k} \\
# \text{mse:}\quad \mathcal{L} &= \tfrac12 \sum_k (a_k-y_k)^2, &
# \frac{\partial\mathcal{L}}{\partial a_k} &= a_k - y_k
# \end{aligned}
# $$
#
# These are `dA[L]`: per example, **not** divided by $m$. The cost is the mean of the losses, so
# $\partial J/\partial A^{[L]} = \frac1m\, dA^{[L]}$, and that $\frac1m$ will be applied once, in `dW`
# and `db`. (The $\frac12$ in MSE is there so that the 2 from the square cancels.)
#
# **Exercise 5 — `loss_gradient` (3 points, 1 per loss).** Return $\partial\mathcal{L}/\partial A^{[L]}$,
# entry by entry, for `loss` = `"bce"`, `"ce"` or `"mse"`. The tests keep `AL` away from 0 and 1,
# so you need not clip.

# %% solution id=loss_gradient
def loss_gradient(AL, Y, loss):
    """dA[L]: the derivative of the per-example loss with respect to the network's output.

    Parameters
    ----------
    AL : ndarray of shape (n[L], m), the output of the network (probabilities for bce and ce)
    Y : ndarray of shape (n[L], m), the targets (0/1 for bce, one-hot columns for ce)
    loss : str, "bce", "ce" or "mse"

    Returns
    -------
    dAL : ndarray of shape (n[L], m), not divided by m
    """
    ### BEGIN SOLUTION
    if loss == "bce":
        return (AL - Y) / (AL * (1 - AL))
    if loss == "ce":
        return -Y / AL
    if loss == "mse":
        return AL - Y
    raise ValueError(f"unknown loss {loss!r}; choose from bce, ce, mse")
    ### END SOLUTION


# %% test id=test_loss_gradient__bce points=1
# test_loss_gradient__bce: (a - y) / (a (1 - a)) on four examples worked by hand
from nnchecks.nb04_backprop import check_loss_gradient
check_loss_gradient(loss_gradient, "bce")
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb04_backprop import check_loss_gradient_hidden
check_loss_gradient_hidden(loss_gradient, "bce")
### END HIDDEN TESTS

# %% test id=test_loss_gradient__ce points=1
# test_loss_gradient__ce: -y / a for three classes and two examples worked by hand
from nnchecks.nb04_backprop import check_loss_gradient
check_loss_gradient(loss_gradient, "ce")
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb04_backprop import check_loss_gradient_hidden
check_loss_gradient_hidden(loss_gradient, "ce")
### END HIDDEN TESTS

# %% test id=test_loss_gradient__mse points=1
# test_loss_gradient__mse: a - y for two outputs and three examples
from nnchecks.nb04_backprop import check_loss_gradient
check_loss_gradient(loss_gradient, "mse")
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb04_backprop import check_loss_gradient_hidden
check_loss_gradient_hidden(loss_gradient, "mse")
### END HIDDEN TESTS

# %% [markdown]
# ### The output layer's short cut: $dZ^{[L]} = A^{[L]} - Y$
#
# Multiply the bce derivative by the sigmoid's: $\frac{a-y}{a(1-a)}\cdot a(1-a) = a - y$.
# For softmax with categorical cross-entropy, each $a_k$ depends on every $z_j$,
# $\partial a_k/\partial z_j = a_k(\delta_{kj} - a_j)$, and the sum over $k$ gives
# $$\frac{\partial\mathcal{L}}{\partial z_j} = \sum_k \Bigl(-\frac{y_k}{a_k}\Bigr) a_k(\delta_{kj} - a_j) = -y_j + a_j\sum_k y_k = a_j - y_j,$$
# because the one-hot $y$ sums to 1. A linear output with MSE gives $a - y$ directly. For these
# three pairs $dZ^{[L]} = A^{[L]} - Y$. Any other pair (a sigmoid output with MSE, as in the next
# section) goes the long way: $dZ^{[L]} = dA^{[L]} \odot g'(Z^{[L]})$.
#
# The short form is not only shorter. When the sigmoid saturates, $a$ rounds to exactly 1 in
# float64 (or falls below the clipping bound of the loss), and the two-step route multiplies a huge
# $\partial\mathcal{L}/\partial a$ by a $\sigma'(z)$ that has become 0 or nearly so:

# %%
Z_out = np.array([[40.0, -40.0, 3.0]])
Y_out = np.array([[0.0, 1.0, 0.0]])
A_out = nnlib.sigmoid(Z_out)
two_steps = nnlib.sigmoid_backward(nnlib.loss_gradient(A_out, Y_out, "bce"), Z_out)
print("A             :", A_out[0].round(4))
print("two steps     :", two_steps[0].round(4))
print("short form A-Y:", (A_out - Y_out)[0].round(4))

Z_soft = np.random.default_rng(0).standard_normal((3, 4))
A_soft = nnlib.softmax(Z_soft)
Y_soft = np.eye(3)[:, [0, 2, 1, 2]]
print("softmax + ce, two steps == A - Y:",
      np.allclose(nnlib.softmax_backward(nnlib.loss_gradient(A_soft, Y_soft, "ce"), Z_soft), A_soft - Y_soft))

# %% [markdown]
# The third example is fine either way, but for the first two the two-step route returns 0 and
# $-0.02$ where the true $dZ$ is $1$ and $-1$: a confidently wrong prediction would stop learning.
# nnlib's `model_backward` uses the short form for the three pairs.
#
# And the $\frac1m$: the finite difference of the cost itself (how $J$ changes when one entry of
# $A^{[L]}$ moves, section 7 explains the method) is `dA[L]` divided by $m$:

# %%
m_out = A_out.shape[1]
AL_probe = np.array([[0.3, 0.6, 0.9]])
numeric = nnlib.numerical_gradient(lambda: nnlib.compute_cost(AL_probe, Y_out, "bce"), AL_probe)
print("dJ/dAL by finite differences:", numeric[0].round(4))
print("dA[L] / m                   :", (nnlib.loss_gradient(AL_probe, Y_out, "bce") / m_out)[0].round(4))

# %% [markdown]
# ## 4. A network worked by hand: hours studied and slept → grade
#
# The study-hours note (004) works the chain rule through a tiny regression network: two inputs
# (hours studied, hours slept), three sigmoid hidden units and one sigmoid output, the grade as a
# fraction, for three students. Each note writes the same quantities with its own symbols. Ours
# come first; square brackets count layers, round ones examples (notebook 00):
#
# | quantity | ours | 000 (planar) | 001 (MNIST) | 002 (XOR) | 004 (study hours) |
# |---|---|---|---|---|---|
# | input | $X = A^{[0]}$, $(n^{[0]}, m)$ | `X`, same | `a0`: one image, 1-D | `X`, same | $X$, $(m, 2)$: students in rows |
# | hidden layer | $Z^{[1]} = W^{[1]}A^{[0]} + b^{[1]}$, $A^{[1]}$ | `Z1`, `A1` (tanh) | `z1`, `a1` (cache keys) | `Z1`, `H` | $z_2 = XW_1$ (no bias), $a_2 = f(z_2)$ |
# | output | $Z^{[2]}$, $A^{[2]} = \hat Y$ | `Z2`, `A2` | `z3`, `a3` (three layers) | `Z2`, `YHat` | $z_3 = a_2W_2$, $\hat y = f(z_3)$ |
# | weights | $W^{[l]}$, $(n^{[l]}, n^{[l-1]})$ | `W1`, same shape | `W1`, same shape | `W1`, same shape (its second initializer) | $W_1$, $(2, 3)$: ours transposed |
# | error at the output | $dZ^{[2]}$, per example | `dZ2`, same | `db` of the last layer, one example | `dLdZ2`, already divided by $m$ | $\delta_1$ (the note counts $\delta$ from the output) |
# | error in the hidden layer | $dZ^{[1]}$ | `dZ1` | `db` of that layer | `dLdZ1` | $\delta_2$ |
# | weight gradient | $dW^{[l]} = \frac1m dZ^{[l]} A^{[l-1]\top}$ | `dW2`, same | `np.outer(db, a_prev)`, divided by $m$ in `update` | `dLdW2`, the $\frac1m$ from `dLdZ2` | $a_2^\top\delta_1$, a sum without $\frac1m$ |
#
# So the note's $z_2, a_2, z_3, \delta_1, \delta_2$ are our $Z^{[1]}, A^{[1]}, Z^{[2]}, dZ^{[2]}, dZ^{[1]}$,
# transposed. Below we use our symbols and conventions: examples as columns, a bias in every layer,
# the mean over the $m = 3$ students, and the inputs divided by their maximum
# (`load_study_hours()`; the note feeds the raw hours). The network:
#
# $$
# Z^{[1]} = W^{[1]}X + b^{[1]},\qquad A^{[1]} = \sigma(Z^{[1]}),\qquad
# Z^{[2]} = W^{[2]}A^{[1]} + b^{[2]},\qquad \hat Y = A^{[2]} = \sigma(Z^{[2]}),
# $$
# $$
# J = \frac{1}{2m}\sum_{i=1}^{m}\bigl(a^{[2](i)} - y^{(i)}\bigr)^2 .
# $$
#
# Shapes: $W^{[1]}$ is $3\times 2$, $b^{[1]}$ is $3\times1$, $W^{[2]}$ is $1\times 3$, $b^{[2]}$ is
# $1\times 1$; with the three examples as columns, $Z^{[1]}, A^{[1]}$ are $3\times 3$ and
# $Z^{[2]}, A^{[2]}$ are $1\times 3$.

# %%
X_h, Y_h = load_study_hours()  # each row divided by its maximum (the note uses the raw hours)
m_h = X_h.shape[1]
print("X (rows: studied, slept; one column per student):\n", X_h)
print("Y (grades):", Y_h)

rng = np.random.default_rng(2)
W1, b1 = rng.standard_normal((3, 2)), 0.1 * rng.standard_normal((3, 1))
W2, b2 = rng.standard_normal((1, 3)), 0.1 * rng.standard_normal((1, 1))


def sigma(z):
    return 1 / (1 + np.exp(-z))


Z1 = W1 @ X_h + b1
A1 = sigma(Z1)
Z2 = W2 @ A1 + b2
A2 = sigma(Z2)
J = np.sum((A2 - Y_h) ** 2) / (2 * m_h)
print("A1 =\n", A1)
print("A2 =", A2, "  cost J =", round(J, 6))

# %% [markdown]
# **Step 1, the output.** For one example $\mathcal{L} = \frac12 (a^{[2]}-y)^2$. The chain rule
# through $a^{[2]} = \sigma(z^{[2]})$ gives the output error
# $$dZ^{[2]} = \frac{\partial\mathcal{L}}{\partial z^{[2]}}
#   = \frac{\partial\mathcal{L}}{\partial a^{[2]}}\,\frac{\partial a^{[2]}}{\partial z^{[2]}}
#   = \bigl(a^{[2]}-y\bigr)\,\sigma'(z^{[2]}),\qquad \sigma'(z^{[2]}) = a^{[2]}\bigl(1-a^{[2]}\bigr).$$
# With the examples as columns, $dZ^{[2]}$ is $1\times m$, one entry per student. A sigmoid
# output with MSE is not one of the short-cut pairs, so the $\sigma'$ factor stays.
#
# **Step 2, the output weights.** $z^{[2]} = \sum_j W^{[2]}_{1j} a^{[1]}_j + b^{[2]}$, so
# $\partial z^{[2]} / \partial W^{[2]}_{1j} = a^{[1]}_j$. Averaging over the students,
# $$dW^{[2]} = \frac{\partial J}{\partial W^{[2]}} = \frac1m\, dZ^{[2]} A^{[1]\top}
#   \quad (1\times m)(m\times 3) = 1\times 3,\qquad
#   db^{[2]} = \frac1m \sum_{i} dZ^{[2](i)} .$$
#
# **Step 3, into the hidden layer.** $\partial z^{[2]} / \partial a^{[1]}_j = W^{[2]}_{1j}$,
# so the gradient with respect to the hidden outputs is $dA^{[1]} = W^{[2]\top} dZ^{[2]}$
# ($3\times m$), and through the hidden sigmoids
# $$dZ^{[1]} = W^{[2]\top} dZ^{[2]} \odot \sigma'(Z^{[1]}),\qquad \sigma'(Z^{[1]}) = A^{[1]}\odot\bigl(1-A^{[1]}\bigr).$$
#
# **Step 4, the hidden weights**, exactly like step 2 with $X$ in the place of $A^{[1]}$:
# $$dW^{[1]} = \frac1m\, dZ^{[1]} X^{\top}\quad (3\times m)(m\times 2) = 3\times 2,\qquad
#   db^{[1]} = \frac1m \sum_i dZ^{[1](i)}.$$
#
# Written out for a single weight, all four steps are one product of chain-rule factors summed over the students:
# $$\frac{\partial J}{\partial W^{[1]}_{jk}} = \frac1m\sum_{i=1}^{m}
#   \underbrace{\bigl(a^{[2](i)}-y^{(i)}\bigr)\sigma'(z^{[2](i)})}_{dZ^{[2](i)}}\; W^{[2]}_{1j}\;
#   \sigma'(z^{[1](i)}_j)\; x^{(i)}_k.$$
#
# The same steps in numpy, one line each:

# %%
dZ2 = (A2 - Y_h) * A2 * (1 - A2)              # (1, m)
dW2 = dZ2 @ A1.T / m_h                        # (1, 3)
db2 = dZ2.sum(axis=1, keepdims=True) / m_h
dA1 = W2.T @ dZ2                              # (3, m)
dZ1 = dA1 * A1 * (1 - A1)                     # (3, m)
dW1 = dZ1 @ X_h.T / m_h                       # (3, 2)
db1 = dZ1.sum(axis=1, keepdims=True) / m_h
print("dZ2 =", dZ2)
print("dW2 =", dW2, "  db2 =", db2.ravel())
print("dZ1 =\n", dZ1)
print("dW1 =\n", dW1)
print("db1 =", db1.ravel())

# %% [markdown]
# nnlib's `model_backward` should give the same numbers, under the same names:

# %%
params_h = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
AL_h, caches_h = nnlib.model_forward(X_h, params_h, "sigmoid", "sigmoid")
grads_h = nnlib.model_backward(AL_h, Y_h, caches_h, hidden_activation="sigmoid",
                               output_activation="sigmoid", loss="mse")
by_hand = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2, "dA1": dA1}
for key, value in by_hand.items():
    print(f"{key}: by hand == nnlib: {np.allclose(value, grads_h[key], rtol=1e-12, atol=1e-15)}")
print("cost by hand == nnlib.compute_cost:", np.isclose(J, nnlib.compute_cost(AL_h, Y_h, "mse")))

# %% [markdown]
# And independently of any derivation: nudge each parameter by $\pm\varepsilon$, recompute the cost,
# and divide the change by $2\varepsilon$ (section 7 makes this a tool). The slopes measured this
# way agree with the chain rule to at least six significant digits:

# %%
def cost_h():
    return nnlib.compute_cost(nnlib.model_forward(X_h, params_fd, "sigmoid", "sigmoid")[0], Y_h, "mse")


params_fd = {key: value.copy() for key, value in params_h.items()}
eps = 1e-6
for key in params_fd:
    measured = np.zeros_like(params_fd[key])
    for index in np.ndindex(*measured.shape):
        keep = params_fd[key][index]
        params_fd[key][index] = keep + eps
        up = cost_h()
        params_fd[key][index] = keep - eps
        down = cost_h()
        params_fd[key][index] = keep
        measured[index] = (up - down) / (2 * eps)
    agree = np.allclose(measured, by_hand["d" + key], rtol=1e-6, atol=1e-10)
    print(f"d{key}: finite differences agree with the chain rule: {agree}")

# %% [markdown]
# ### How the note derives it
#
# The note reaches the same formulas (in rows, without biases or the mean) in four kinds of step:
# two are sound, one is written wrongly, and one is a loose shorthand.
#
# - **Sum rule.** Its loss is a sum over the students, and the derivative of a sum is the sum of
#   the derivatives, so each student's gradient can be taken on its own and added up. That is why
#   our $dW$ is a sum over the columns (divided by $m$, since our cost is a mean).
# - **Its "base formula" for the square.** It writes the rule as $(g \cdot x)' = (g \cdot x)g'$, which
#   is not a rule of calculus: read as $\frac{d}{dx}\,g(x)^2 = g(x)\,g'(x)$ it drops the factor 2.
#   Its own example, $\frac{d}{dx}(3x^2+7x)^2 = 2(3x^2+7x)(6x+7)$, is right, and so is the next line,
#   where the 2 cancels the $\frac12$: the rule meant is the chain rule for a power,
#   $\frac{d}{dx}\,g(x)^2 = 2\,g(x)\,g'(x)$.
# - **$\sigma'$ by the quotient rule.** $\sigma = 1/(1+e^{-z})$ gives $\sigma'(z) = e^{-z}/(1+e^{-z})^2$,
#   which is the same function as $\sigma(1-\sigma)$. The note codes the quotient form, and that one
#   overflows: for $z = -1000$, $e^{1000}$ is `inf` and `inf / inf` is `nan`.
# - **"$\partial(aW)/\partial W = a^\top$".** A shorthand, not a derivative (the derivative of a
#   matrix product with respect to a matrix has four indices). What holds, and what the note uses,
#   is $\partial\mathcal{L}/\partial W = a^\top\,\partial\mathcal{L}/\partial z$ for $z = aW$ in rows, our
#   $dW = dZ\,A^{[l-1]\top}$ in columns; section 5 derives it entry by entry.
#
# The base formula and the quotient form, checked numerically:

# %%
def g(x):
    return 3 * x ** 2 + 7 * x


x0, h = 1.0, 1e-6
print(f"d/dx g(x)^2 at x = 1: measured {(g(x0 + h) ** 2 - g(x0 - h) ** 2) / (2 * h):.4f}, "
      f"2 g g' = {2 * g(x0) * (6 * x0 + 7):.0f}, the base formula's g g' = {g(x0) * (6 * x0 + 7):.0f}")

z_test = np.array([-1000.0, -3.0, 0.0, 3.0])
with np.errstate(over="ignore", invalid="ignore"):
    quotient_form = np.exp(-z_test) / (1 + np.exp(-z_test)) ** 2
s_test = nnlib.sigmoid(z_test)
print("z                      :", z_test)
print("e^-z / (1 + e^-z)^2    :", quotient_form)
print("sigma(z) (1 - sigma(z)):", s_test * (1 - s_test))

# %% [markdown]
# **Rows and no $\frac1m$ in the study-hours note.** The note stores the students as *rows*
# ($X$ is $3\times 2$, $z_2 = XW_1$ with $W_1$ of shape $2\times3$) and minimises
# $\sum_i \frac12 (y_i - \hat y_i)^2$ without the mean. Its formulas are ours transposed,
# $\partial\mathcal{L}/\partial W_2 = a_2^{\top}\delta_1$, $\delta_2 = \delta_1 W_2^{\top} \odot f'(z_2)$,
# $\partial\mathcal{L}/\partial W_1 = X^{\top}\delta_2$, and its numbers are ours times $m$
# (computed here with our biases, transposed to rows):

# %%
Xr, Yr = X_h.T, Y_h.T                      # (3, 2) and (3, 1): one row per student
W1r, W2r = W1.T, W2.T                      # (2, 3) and (3, 1)
a2r = sigma(Xr @ W1r + b1.T)
yhat_r = sigma(a2r @ W2r + b2.T)
delta1r = (yhat_r - Yr) * yhat_r * (1 - yhat_r)   # (3, 1): the note's delta_1
dW2r = a2r.T @ delta1r                     # (3, 1)
delta2r = (delta1r @ W2r.T) * a2r * (1 - a2r)     # (3, 3): the note's delta_2
dW1r = Xr.T @ delta2r                      # (2, 3)
print("rows, no 1/m:  dW1 == m * (ours).T:", np.allclose(dW1r, m_h * dW1.T),
      "  dW2 == m * (ours).T:", np.allclose(dW2r, m_h * dW2.T))

# %% [markdown]
# Without the mean, the gradient grows with the number of examples, and so does the step
# a given learning rate takes.
#
# ### Find the bug: forward in rows, backward in columns
#
# Mixing the two conventions inside one network breaks it. The Kaggle-CSV note (003) stores its
# weights as (inputs, units) and computes a layer as `a @ W + b`, the row convention, but its
# backward pass, the same as that of the column-convention note 001, forms `dW = np.outer(db, a_prev)`,
# of shape (units, inputs): the transpose of `W`. (Its training function then calls 001's
# `initialize_parameters` and `feed_forward`, which 003 itself never defines, so its own
# row-convention functions never meet that backward pass.) The same mix in our code, for one
# example and one sigmoid layer:

# %%
def forward_rows(a_prev, W, b):
    return nnlib.sigmoid(a_prev @ W + b)        # rows: W is (inputs, units)


def backward_columns(a_prev, W, b, y):
    a = forward_rows(a_prev, W, b)
    db = (a - y) * a * (1 - a)                   # dL/dz for L = (a - y)^2 / 2
    return np.outer(db, a_prev), db              # columns: (units, inputs)


rng = np.random.default_rng(4)
for n_in, n_out in [(3, 2), (3, 3)]:
    a_prev, y = rng.random(n_in), rng.random(n_out)
    W, b = rng.standard_normal((n_in, n_out)), np.zeros(n_out)
    dW, _ = backward_columns(a_prev, W, b, y)
    try:
        W_new = W - 0.1 * dW
    except ValueError as error:
        print(f"W {W.shape}, dW {dW.shape}: the update fails: {error}")
        continue
    probe_W = W.copy()
    numeric = nnlib.numerical_gradient(
        lambda: float(np.sum((forward_rows(a_prev, probe_W, b) - y) ** 2) / 2), probe_W)
    print(f"W {W.shape}, dW {dW.shape}: the update runs; relative difference to the true gradient "
          f"{nnlib.relative_difference(dW, numeric):.2f}, with dW.T: {nnlib.relative_difference(dW.T, numeric):.1e}")

# %% [markdown]
# When the layer has as many units as inputs, `dW` has the shape of `W`, numpy has nothing to
# object to, and every step moves the weights along the transposed gradient; only a gradient check
# catches it. In rows the gradient is `np.outer(a_prev, db)`, $a^\top \delta$ as in the study-hours
# note; in columns it is `np.outer(db, a_prev)` with `W` of shape (units, inputs). Pick one
# convention for the whole network, and check `dW.shape == W.shape`.
#
# One step of **gradient descent** (경사 하강법) downhill, $W \leftarrow W - \alpha\,\partial J/\partial W$
# with learning rate (학습률) $\alpha = 1$, lowers the cost of our study-hours network, as a correct
# gradient must for a small enough step:

# %%
stepped = {key: value - 1.0 * grads_h["d" + key] for key, value in params_h.items()}
J_after = nnlib.compute_cost(nnlib.model_forward(X_h, stepped, "sigmoid", "sigmoid")[0], Y_h, "mse")
print(f"cost before {J:.6f}, after one step {J_after:.6f}")

# %% [markdown]
# ## 5. One layer back
#
# Layer $l$ computes $Z = WA_{\text{prev}} + b$, entry by entry
# $Z_{ji} = \sum_k W_{jk}\,A_{\text{prev},ki} + b_j$ (unit $j$, example $i$). Given $dZ$:
#
# - $W_{jk}$ appears in $Z_{ji}$ of every example $i$, multiplied by $A_{\text{prev},ki}$, so
#   $\dfrac{\partial J}{\partial W_{jk}} = \dfrac1m\sum_i dZ_{ji}\,A_{\text{prev},ki}$, i.e.
#   $$dW = \frac1m\, dZ\, A_{\text{prev}}^{\top}\qquad (n^{[l]}\times m)(m\times n^{[l-1]}).$$
# - $b_j$ is added to every $Z_{ji}$: $\;db = \frac1m \sum_i dZ_{:,i}$, the row sums, shape $(n^{[l]}, 1)$.
# - $A_{\text{prev},ki}$ feeds every unit $j$ of example $i$ (and no other example):
#   $$dA_{\text{prev}} = W^{\top} dZ\qquad (n^{[l-1]}\times n^{[l]})(n^{[l]}\times m),$$
#   per example, so **no** $\frac1m$ here.
#
# **Exercise 6 — `linear_backward` (2 points).** The cache is what `nnlib.linear_forward` stored:
# `A_prev, W, b = cache` unpacks it.

# %% solution id=linear_backward
def linear_backward(dZ, cache):
    """Gradients of one linear layer Z = W @ A_prev + b.

    Parameters
    ----------
    dZ : ndarray of shape (n[l], m), per-example gradient of the loss with respect to Z
    cache : (A_prev, W, b) from linear_forward, of shapes (n[l-1], m), (n[l], n[l-1]), (n[l], 1)

    Returns
    -------
    dA_prev : ndarray of shape (n[l-1], m), W.T @ dZ (per example, no 1/m)
    dW : ndarray of shape (n[l], n[l-1]), dZ @ A_prev.T / m
    db : ndarray of shape (n[l], 1), row sums of dZ / m
    """
    ### BEGIN SOLUTION
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = W.T @ dZ
    return dA_prev, dW, db
    ### END SOLUTION


# %% test id=test_linear_backward points=2
# test_linear_backward: a layer with 3 inputs, 2 units and 2 examples worked by hand
from nnchecks.nb04_backprop import check_linear_backward
check_linear_backward(linear_backward)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb04_backprop import check_linear_backward_hidden
check_linear_backward_hidden(linear_backward)
### END HIDDEN TESTS

# %% [markdown]
# **Exercise 7 — `linear_activation_backward` (2 points).** Both moves of one layer: the cache of
# `nnlib.linear_activation_forward` is `(linear_cache, Z)`. Compute $dZ = dA \odot g'(Z)$ with
# nnlib's derivative for the named activation (`nnlib.get_activation(activation)` returns the pair
# `(g, g_backward)`; or pick from `nnlib.sigmoid_backward`, `nnlib.tanh_backward`,
# `nnlib.relu_backward`, `nnlib.leaky_relu_backward`), then call **`nnlib.linear_backward`**. Using
# nnlib's versions of Exercises 1–6 keeps this exercise's points independent of them.

# %% solution id=linear_activation_backward
def linear_activation_backward(dA, cache, activation):
    """One layer back: dZ = dA * g'(Z), then the linear layer's gradients.

    Parameters
    ----------
    dA : ndarray of shape (n[l], m), per-example gradient with respect to the layer's output A
    cache : (linear_cache, Z) from nnlib.linear_activation_forward; Z has shape (n[l], m)
    activation : str, "sigmoid", "tanh", "relu" or "leaky_relu"

    Returns
    -------
    dA_prev : ndarray of shape (n[l-1], m)
    dW : ndarray of shape (n[l], n[l-1])
    db : ndarray of shape (n[l], 1)
    """
    ### BEGIN SOLUTION
    linear_cache, Z = cache
    _, g_backward = nnlib.get_activation(activation)
    dZ = g_backward(dA, Z)
    return nnlib.linear_backward(dZ, linear_cache)
    ### END SOLUTION


# %% test id=test_linear_activation_backward points=2
# test_linear_activation_backward: each of the four activations on a small layer, against nnlib
from nnchecks.nb04_backprop import check_linear_activation_backward
check_linear_activation_backward(linear_activation_backward)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb04_backprop import check_linear_activation_backward_hidden
check_linear_activation_backward_hidden(linear_activation_backward)
### END HIDDEN TESTS

# %% [markdown]
# ## 6. L layers back
#
# `nnlib.model_forward` returns `caches`, a list with one `(linear_cache, Z)` per layer:
# `caches[l-1]` belongs to layer $l$. The backward pass walks that list from the end:
#
# 1. the output layer: $dZ^{[L]} = A^{[L]} - Y$ for the pairs sigmoid+bce, softmax+ce, linear+mse;
#    otherwise $dA^{[L]}$ from the loss (`nnlib.loss_gradient(AL, Y, loss)`) and then
#    `nnlib.linear_activation_backward(dA, caches[L-1], output_activation)`;
# 2. `nnlib.linear_backward` turns $dZ^{[L]}$ into `dW{L}`, `db{L}` and $dA^{[L-1]}$;
# 3. for $l = L-1, \dots, 1$: store `dA{l}`, then `nnlib.linear_activation_backward(dA{l}, caches[l-1],
#    hidden_activation)` gives `dW{l}`, `db{l}` and $dA^{[l-1]}$.
#
# $$
# dZ^{[L]} \to \bigl(dW^{[L]}, db^{[L]}, dA^{[L-1]}\bigr) \to dZ^{[L-1]} = dA^{[L-1]}\odot g'(Z^{[L-1]}) \to
# \bigl(dW^{[L-1]}, db^{[L-1]}, dA^{[L-2]}\bigr) \to \cdots \to \bigl(dW^{[1]}, db^{[1]}\bigr)
# $$
#
# **Exercise 8 — `model_backward` (3 points, 1 for each output/loss pair tested).** Return a dict
# with `"dW1", "db1", ..., "dWL", "dbL"` and `"dA1", ..., "dA{L-1}"` (the gradient with respect to
# each hidden layer's output). Use nnlib's `linear_backward`, `linear_activation_backward` and
# `loss_gradient`; not `nnlib.model_backward`, of course.

# %% solution id=model_backward
def model_backward(AL, Y, caches, hidden_activation="relu", output_activation="sigmoid", loss="bce"):
    """Gradients of compute_cost(AL, Y, loss) with respect to every W{l} and b{l}.

    Parameters
    ----------
    AL : ndarray of shape (n[L], m), the output of nnlib.model_forward
    Y : ndarray of shape (n[L], m), the targets
    caches : list of L caches from nnlib.model_forward; caches[l-1] = (linear_cache, Z) of layer l
    hidden_activation : str, activation of layers 1..L-1
    output_activation : str, activation of layer L ("sigmoid", "softmax", "linear", ...)
    loss : str, "bce", "ce" or "mse"

    Returns
    -------
    grads : dict with "dW{l}" of shape (n[l], n[l-1]) and "db{l}" of shape (n[l], 1) for l = 1..L,
        and "dA{l}" of shape (n[l], m) for l = 1..L-1
    """
    ### BEGIN SOLUTION
    L = len(caches)
    grads = {}
    if (output_activation, loss) in {("sigmoid", "bce"), ("softmax", "ce"), ("linear", "mse")}:
        dA_prev, dW, db = nnlib.linear_backward(AL - Y, caches[L - 1].linear)
    else:
        dAL = nnlib.loss_gradient(AL, Y, loss)
        dA_prev, dW, db = nnlib.linear_activation_backward(dAL, caches[L - 1], output_activation)
    grads[f"dW{L}"], grads[f"db{L}"] = dW, db
    for l in range(L - 1, 0, -1):
        grads[f"dA{l}"] = dA_prev
        dA_prev, grads[f"dW{l}"], grads[f"db{l}"] = nnlib.linear_activation_backward(
            dA_prev, caches[l - 1], hidden_activation)
    return grads
    ### END SOLUTION


# %% test id=test_model_backward__bce points=1
# test_model_backward__bce: a 3-layer tanh network with a sigmoid output and bce, against nnlib
from nnchecks.nb04_backprop import check_model_backward
check_model_backward(model_backward, "bce")
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb04_backprop import check_model_backward_hidden
check_model_backward_hidden(model_backward, "bce")
### END HIDDEN TESTS

# %% test id=test_model_backward__ce points=1
# test_model_backward__ce: a 3-layer ReLU network with a softmax output and ce, against nnlib
from nnchecks.nb04_backprop import check_model_backward
check_model_backward(model_backward, "ce")
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb04_backprop import check_model_backward_hidden
check_model_backward_hidden(model_backward, "ce")
### END HIDDEN TESTS

# %% test id=test_model_backward__mse points=1
# test_model_backward__mse: sigmoid hidden and output layers with MSE (no A - Y short cut)
from nnchecks.nb04_backprop import check_model_backward
check_model_backward(model_backward, "mse")
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb04_backprop import check_model_backward_hidden
check_model_backward_hidden(model_backward, "mse")
### END HIDDEN TESTS

# %% [markdown]
# ## 7. Gradient checking
#
# A backward pass can be wrong in ways no shape check notices: a missing factor, a wrong sign in
# one layer, $\frac1m$ twice. The derivative's definition gives an independent check. For each
# parameter entry $\theta$, the **centred difference**
# $$\frac{J(\theta+\varepsilon) - J(\theta-\varepsilon)}{2\varepsilon} = \frac{\partial J}{\partial\theta} + O(\varepsilon^2)$$
# is far more accurate than the one-sided $\bigl(J(\theta+\varepsilon)-J(\theta)\bigr)/\varepsilon$, whose
# error is $O(\varepsilon)$. Too small an $\varepsilon$ loses to rounding instead (float64 has about
# 16 digits), so $\varepsilon$ between about $10^{-6}$ and $10^{-4}$ works well; nnlib uses $10^{-6}$.
# Here is the error of both for $\sin'(1) = \cos(1)$:

# %%
epsilons = np.logspace(-12, -1, 45)
x0 = 1.0
centred_error = np.abs((np.sin(x0 + epsilons) - np.sin(x0 - epsilons)) / (2 * epsilons) - np.cos(x0))
one_sided_error = np.abs((np.sin(x0 + epsilons) - np.sin(x0)) / epsilons - np.cos(x0))
plt.figure(figsize=(5, 3.5))
plt.loglog(epsilons, one_sided_error, label="one-sided")
plt.loglog(epsilons, centred_error, label="centred")
plt.xlabel(r"$\varepsilon$")
plt.ylabel("error of the slope")
plt.legend()
plt.show()
e = 1e-4
print(f"at eps = 1e-4: one-sided error {abs((np.sin(x0 + e) - np.sin(x0)) / e - np.cos(x0)):.1e}, "
      f"centred error {abs((np.sin(x0 + e) - np.sin(x0 - e)) / (2 * e) - np.cos(x0)):.1e}")

# %% [markdown]
# To compare a whole analytic gradient $g$ with the numerical one $g_{\text{num}}$, flatten both
# into vectors and take the **relative difference**
# $$\frac{\lVert g - g_{\text{num}}\rVert}{\lVert g\rVert + \lVert g_{\text{num}}\rVert},$$
# which does not depend on the scale of the cost. Below about $10^{-7}$ the two agree; above
# $10^{-3}$ the backward pass has a bug. When both gradients are exactly zero the formula is $0/0$:
# return $0$ there, they agree.
#
# **Exercise 9 — `numerical_gradient` (2 points).** `f` takes no arguments: it reads `x` (for example
# one weight matrix of a network) and returns the cost. Perturb `x` **in place**, one entry at a
# time, call `f()` twice, and put the entry back exactly as it was. `np.ndindex(*x.shape)`
# walks all indices of an array.
#
# **Exercise 10 — `relative_difference` (1 point).** Use `np.linalg.norm` of the flattened arrays.

# %% solution id=numerical_gradient
def numerical_gradient(f, x, epsilon=1e-6):
    """Centred finite-difference gradient of f() with respect to the array x.

    Parameters
    ----------
    f : function of no arguments returning a float; it reads x
    x : float ndarray of any shape, perturbed in place and restored entry by entry
    epsilon : float, the step

    Returns
    -------
    grad : ndarray of x's shape, (f(x + eps) - f(x - eps)) / (2 eps) entry by entry
    """
    ### BEGIN SOLUTION
    grad = np.zeros(x.shape)
    for index in np.ndindex(*x.shape):
        original = x[index]
        x[index] = original + epsilon
        f_plus = f()
        x[index] = original - epsilon
        f_minus = f()
        x[index] = original
        grad[index] = (f_plus - f_minus) / (2 * epsilon)
    return grad
    ### END SOLUTION


# %% test id=test_numerical_gradient points=2
# test_numerical_gradient: for f = sum(x**3) the centred difference is exactly 3 x**2 + eps**2; x restored
from nnchecks.nb04_backprop import check_numerical_gradient
check_numerical_gradient(numerical_gradient)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb04_backprop import check_numerical_gradient_hidden
check_numerical_gradient_hidden(numerical_gradient)
### END HIDDEN TESTS

# %% solution id=relative_difference
def relative_difference(a, b):
    """||a - b|| / (||a|| + ||b||) over all entries; 0.0 when both are zero.

    Parameters
    ----------
    a, b : ndarrays with the same number of entries

    Returns
    -------
    float
    """
    ### BEGIN SOLUTION
    a, b = np.ravel(a), np.ravel(b)
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    if denominator == 0:
        return 0.0
    return float(np.linalg.norm(a - b) / denominator)
    ### END SOLUTION


# %% test id=test_relative_difference points=1
# test_relative_difference: small cases worked by hand, including two zero arrays (0/0)
from nnchecks.nb04_backprop import check_relative_difference
check_relative_difference(relative_difference)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb04_backprop import check_relative_difference_hidden
check_relative_difference_hidden(relative_difference)
### END HIDDEN TESTS

# %% [markdown]
# ### Check your own `model_backward`
#
# With your two tools, check the gradients of *your* `model_backward` on the planar data (a tanh
# network with bce), on random data with a ReLU/softmax network, and on the study-hours network.
# The function below is ordinary code, not graded. A correct backward pass typically reaches
# $10^{-9}$ or smaller here; the cell only reports whether it is below $10^{-7}$.

# %%
from nnchecks import demonstrating  # an error in your functions is reported in a line, Run All goes on


def check_gradients(parameters, X, Y, hidden, output, loss, grads):
    """Relative difference between grads and the centred differences of nnlib's cost."""
    params = {key: np.array(value, dtype=float) for key, value in parameters.items()}

    def cost():
        AL, _ = nnlib.model_forward(X, params, hidden, output)
        return nnlib.compute_cost(AL, Y, loss)

    analytic = np.concatenate([np.ravel(grads["d" + key]) for key in params])
    numeric = np.concatenate([np.ravel(numerical_gradient(cost, params[key])) for key in params])
    return relative_difference(analytic, numeric)


X_p, Y_p = make_planar(m=40, seed=1)
rng = np.random.default_rng(3)
X_r = rng.standard_normal((3, 12))
Y_r = np.eye(4)[:, rng.integers(0, 4, 12)]
networks = {
    "planar, tanh / sigmoid / bce": (X_p, Y_p, [2, 4, 1], "tanh", "sigmoid", "bce"),
    "random, relu / softmax / ce ": (X_r, Y_r, [3, 5, 4, 4], "relu", "softmax", "ce"),
    "study hours, sigmoid / mse  ": (X_h, Y_h, [2, 3, 1], "sigmoid", "sigmoid", "mse"),
}
with demonstrating(model_backward, numerical_gradient, relative_difference):
    for label, (X, Y, dims, hidden, output, loss) in networks.items():
        parameters = nnlib.initialize_parameters(dims, method="xavier", seed=0)
        parameters = {k: v + 0.1 if k.startswith("b") else v for k, v in parameters.items()}
        AL, caches = nnlib.model_forward(X, parameters, hidden, output)
        difference = check_gradients(parameters, X, Y, hidden, output, loss,
                                     model_backward(AL, Y, caches, hidden, output, loss))
        print(f"{label}: {'agree (below 1e-7)' if difference < 1e-7 else f'DISAGREE: {difference:.1e}'}")

# %% [markdown]
# ## 8. Find the bug: a gradient averaged twice
#
# Here is a two-layer network in plain numpy (tanh hidden layer, sigmoid output, binary
# cross-entropy) on 100 points of the planar data. Its backward pass has a common mistake: it
# reads *"the cost is a mean, so divide by $m$"* and does it when it forms `dZ2`, and then once
# more in `dW` and `db`. (The source notes divide once: 000 in `dW` and `db`, 002 in `dLdZ2` and
# not again; 001 and 003 divide each example's output error by its 10 outputs, which matches the
# mean over the outputs in their loss, and by $m$ in their update.)

# %%
X_b, Y_b = make_planar(m=100, seed=0)


def init_two_layer(n_hidden=4, seed=0):
    rng = np.random.default_rng(seed)
    return {"W1": 0.5 * rng.standard_normal((n_hidden, 2)), "b1": np.zeros((n_hidden, 1)),
            "W2": 0.5 * rng.standard_normal((1, n_hidden)), "b2": np.zeros((1, 1))}


def two_layer_forward(X, parameters):
    A1 = np.tanh(parameters["W1"] @ X + parameters["b1"])
    A2 = 1 / (1 + np.exp(-(parameters["W2"] @ A1 + parameters["b2"])))
    return A2, {"A1": A1, "A2": A2}


def two_layer_cost(A2, Y):
    return float(-np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))


def buggy_two_layer_backward(X, Y, parameters, cache):
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = (A2 - Y) / m                                   # the cost is a mean over the examples
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = (parameters["W2"].T @ dZ2) * (1 - A1 ** 2)
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}

# %% [markdown]
# The gradient check catches it at once, and the ratio of the numerical gradient to the buggy one
# says exactly what is wrong: every entry is off by the same factor, $m = 100$.

# %%
params_b = init_two_layer()
_, cache_b = two_layer_forward(X_b, params_b)
buggy = buggy_two_layer_backward(X_b, Y_b, params_b, cache_b)
probe = {key: value.copy() for key, value in params_b.items()}
for key in probe:
    numeric = nnlib.numerical_gradient(lambda: two_layer_cost(two_layer_forward(X_b, probe)[0], Y_b), probe[key])
    ratio = numeric / buggy["d" + key]
    print(f"d{key}: numerical / buggy between {ratio.min():.2f} and {ratio.max():.2f};"
          f"  relative difference {nnlib.relative_difference(buggy['d' + key], numeric):.4f}")

# %% [markdown]
# A relative difference of $\frac{m-1}{m+1} \approx 0.98$ is nowhere near the $10^{-7}$ of a correct
# gradient, and yet the buggy gradient points in exactly the right direction. That is why the bug
# survives: training still works if the learning rate is made $m$ times larger. Here is gradient
# descent with the buggy gradient, at a sensible $\alpha = 2$ and at $\alpha = 200$:

# %%
def train_two_layer(backward, learning_rate, iterations=300):
    parameters = init_two_layer()
    costs = []
    for _ in range(iterations):
        A2, cache = two_layer_forward(X_b, parameters)
        costs.append(two_layer_cost(A2, Y_b))
        grads = backward(X_b, Y_b, parameters, cache)
        parameters = {key: value - learning_rate * grads["d" + key] for key, value in parameters.items()}
    return parameters, costs


runs = {f"buggy, learning rate {lr}": train_two_layer(buggy_two_layer_backward, lr)[1] for lr in (2, 200)}
plt.figure(figsize=(5, 3.5))
for label, costs in runs.items():
    plt.plot(costs, label=label)
plt.xlabel("iteration")
plt.ylabel("cost")
plt.legend(loc="center right")
plt.show()
for label, costs in runs.items():
    print(f"{label:>26}: cost {costs[0]:.4f} -> {costs[-1]:.4f}")

# %% [markdown]
# With $\alpha = 2$ the cost does go down, but slowly: from 0.679 to 0.566 in 300 iterations, while
# with $\alpha = 200$ it reaches 0.065. The learning rate silently absorbed the bug, and it now
# depends on the number of examples: train on 1000 points, or on mini-batches of 32 (notebook 05),
# and the "right" learning rate changes by the same factor. Learning rates from other work no
# longer transfer, and every gradient check fails.
#
# **Why the MNIST note's learning rate is 300.** The MNIST note (001) trains with a learning rate
# of 300 (003 copies the same loop with 500). A factor $m$ is absorbed there too, but not by
# averaging twice. The note means to average: its comments say it computes the gradient for all images, averages, and only then
# really updates the weights, and its `update` divides each example's gradient by $m = 250$. But
# `parameters.copy()` copies the dict, not the arrays in it, and `update` subtracts in place
# (`-=`), so each example's step lands in the very arrays the next forward pass reads. Each epoch
# is therefore 250 steps of per-example gradient descent with step $\alpha/m = 300/250 = 1.2$, an
# ordinary step size, not one averaged step. Notebook 05 rebuilds that loop and shows the shared
# arrays.
#
# **Exercise 11 — `two_layer_backward` (2 points).** Write the corrected copy of
# `buggy_two_layer_backward`, in plain numpy like the original (no nnlib). Same arguments, same
# dict of gradients.

# %% solution id=two_layer_backward
def two_layer_backward(X, Y, parameters, cache):
    """Gradients of the mean binary cross-entropy of the tanh/sigmoid two-layer network.

    Parameters
    ----------
    X : ndarray of shape (n_x, m)
    Y : ndarray of shape (1, m), labels 0/1
    parameters : dict with W1 (n_h, n_x), b1 (n_h, 1), W2 (1, n_h), b2 (1, 1)
    cache : dict with A1 (n_h, m), the tanh outputs, and A2 (1, m), the sigmoid outputs

    Returns
    -------
    grads : dict with dW1, db1, dW2, db2, each of its parameter's shape
    """
    ### BEGIN SOLUTION
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y                                         # per example: no 1/m here
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = (parameters["W2"].T @ dZ2) * (1 - A1 ** 2)
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
    ### END SOLUTION


# %% test id=test_two_layer_backward points=2
# test_two_layer_backward: a 2-4-1 network on 5 examples, against nnlib.model_backward
from nnchecks.nb04_backprop import check_two_layer_backward
check_two_layer_backward(two_layer_backward)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb04_backprop import check_two_layer_backward_hidden
check_two_layer_backward_hidden(two_layer_backward)
### END HIDDEN TESTS

# %% [markdown]
# With your fix, the gradient check passes, and the sensible learning rate does exactly what the
# absurd one did before:

# %%
with demonstrating(two_layer_backward, relative_difference):
    fixed = two_layer_backward(X_b, Y_b, params_b, cache_b)
    numeric = np.concatenate([
        np.ravel(nnlib.numerical_gradient(lambda: two_layer_cost(two_layer_forward(X_b, probe)[0], Y_b), probe[key]))
        for key in probe])
    analytic = np.concatenate([np.ravel(fixed["d" + key]) for key in probe])
    print("gradient check of the fix:", "agree (below 1e-7)" if relative_difference(analytic, numeric) < 1e-7
          else "still disagrees")
    _, fixed_costs = train_two_layer(two_layer_backward, 2)
    plt.figure(figsize=(5, 3.5))
    plt.plot(runs["buggy, learning rate 200"], lw=4, alpha=0.4, label="buggy, learning rate 200")
    plt.plot(fixed_costs, label="fixed, learning rate 2")
    plt.xlabel("iteration")
    plt.ylabel("cost")
    plt.legend()
    plt.show()
    print(f"fixed, learning rate 2: cost {fixed_costs[0]:.4f} -> {fixed_costs[-1]:.4f}; same curve as buggy at 200:",
          np.allclose(fixed_costs, runs["buggy, learning rate 200"], rtol=1e-9))

# %% [markdown]
# ## What you learned
#
# - Backward propagation (역전파) is the chain rule (연쇄 법칙) applied layer by layer from the cost
#   back to the input: $dZ^{[l]} = dA^{[l]} \odot g'(Z^{[l]})$, then
#   $dW^{[l]} = \frac1m dZ^{[l]} A^{[l-1]\top}$, $db^{[l]} = \frac1m\sum_i dZ^{[l]}_{:,i}$,
#   $dA^{[l-1]} = W^{[l]\top} dZ^{[l]}$.
# - The derivatives of the activation functions (활성화 함수): $\sigma(1-\sigma)$, $1-\tanh^2$, a step
#   for ReLU, a step with slope $s$ for leaky ReLU, all evaluated at the cached $Z$.
# - The cost (비용 함수) starts the sweep; sigmoid+bce, softmax+ce and linear+mse all give
#   $dZ^{[L]} = A^{[L]} - Y$, which is also the numerically safe form.
# - `dA` and `dZ` are per example; the $\frac1m$ of the mean is applied exactly once, in the
#   gradients of the weights (가중치) and biases (편향). Applying it twice makes every gradient $m$ times
#   too small and the learning rate (학습률) $m$ times too large.
# - A centred finite difference and a relative difference below about $10^{-7}$ check any
#   backward pass; a constant ratio between the two gradients points straight at a missing or extra factor.
# - The notes' symbols map onto ours (section 4): 004's $z_2, a_2, \delta_1$ are our
#   $Z^{[1]}, A^{[1]}, dZ^{[2]}$ in rows; whichever convention a network uses, forward and backward
#   must use the same one, and `dW.shape == W.shape` is the first check.
#
# Next, notebook 05 uses these gradients for gradient descent (경사 하강법): full batch, stochastic
# and mini-batch (미니배치).
#
# **Terms** — backward propagation 역전파, chain rule 연쇄 법칙, partial derivative 편미분,
# gradient 그레디언트 / 기울기, activation function 활성화 함수, cost function 비용 함수, learning rate
# 학습률, weight / bias 가중치 / 편향, vanishing gradient 기울기 소실.
