# %% [markdown]
# # 03 — Cost functions (비용 함수)
#
# Forward propagation (notebook 02) turns inputs into outputs $A^{[L]}$. To learn, a network needs
# one number that says how wrong those outputs are: the **cost** $J$. Gradient descent (notebook 05)
# will change the weights to make $J$ smaller, so the choice of cost decides what "better" means.
#
# **What you will be able to do**
#
# - compute a cost as the mean of a per-example loss over the $m$ examples (columns);
# - implement mean squared error for regression, binary cross-entropy for one sigmoid output and
#   categorical cross-entropy for a softmax output;
# - explain why $\log 0$ and $0 \cdot \log 0$ break a naive cross-entropy, and fix it by clipping;
# - compute binary cross-entropy straight from the logits $Z$, exactly, even where clipping gives up;
# - pick the loss that matches an output activation, and say why classifiers do not use MSE.
#
# | exercise | points |
# |---|---|
# | 1 `mse_cost` | 1 |
# | 2 `bce_cost` (values 2, outputs of exactly 0 and 1: 1) | 3 |
# | 3 `ce_cost` (values 2, probabilities of exactly 0 and 1: 1) | 3 |
# | 4 `bce_from_logits` (moderate logits 1, huge logits 1) | 2 |
# | **total** | **9** |
#
# The exercises are independent of each other and of notebook 02: the demonstrations use `nnlib`'s
# `model_forward` and `compute_cost`, so they run before you have written anything.

# %%
import warnings

import matplotlib.pyplot as plt
import numpy as np

import nnlib
from nnlib.data import load_mnist, load_study_hours, load_xor, make_planar

%matplotlib inline
np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## 1. A cost is a mean over examples
#
# A **loss** $\mathcal{L}(a, y)$ compares the network's output $a$ for one example with its target $y$.
# The **cost** (비용 함수, also called the loss function 손실 함수) averages it over the $m$ examples:
#
# $$J = \frac{1}{m} \sum_{i=1}^{m} \mathcal{L}\big(a^{(i)}, y^{(i)}\big).$$
#
# `AL` and `Y` have the same shape $(n^{[L]}, m)$: one column per example. Every cost function in
# this notebook takes `(AL, Y)` and returns **one float**. Dividing by $m$ makes costs comparable
# between data sets of different sizes, and between a mini-batch and the full data.
#
# ## 2. Mean squared error, for regression
#
# The source notes' regression example (the study-hours note, 004) predicts a test grade from
# hours studied and hours slept, for three students; grades are fractions of 100. The note feeds
# the raw hours to its network. `load_study_hours()` divides each feature by its maximum, so that
# both lie in $[0, 1]$ (`scaled=False` gives the note's raw hours):

# %%
X_hours, Y_grade = load_study_hours()
print("X (rows: studied, slept, each divided by its maximum; one column per student):")
print(X_hours)
print("Y (grade / 100):", Y_grade)

# %% [markdown]
# A 2-3-1 network with sigmoid units (as in the note's first network), not trained yet, predicts:

# %%
hours_parameters = nnlib.initialize_parameters([2, 3, 1], "xavier", seed=0)
AL_hours, _ = nnlib.model_forward(X_hours, hours_parameters, "sigmoid", "sigmoid")
print("predictions AL:", AL_hours)
print("errors AL - Y: ", AL_hours - Y_grade)
print(f"MSE cost: {nnlib.compute_cost(AL_hours, Y_grade, 'mse'):.6f}")

# %% [markdown]
# The course's mean squared error, as in the source notes, has a $\tfrac12$ in front:
#
# $$J_{\text{MSE}} = \frac{1}{2m} \sum_{i=1}^{m} \big(a^{(i)} - y^{(i)}\big)^2 .$$
#
# The $\tfrac12$ changes nothing about which weights are best; it cancels the 2 of the derivative,
# so that $\partial \mathcal{L} / \partial a = a - y$. With several outputs ($n^{[L]} > 1$), sum the
# squares over all rows too, and still divide by $2m$ where $m$ is the number of **columns**.
#
# **Exercise 1 — `mse_cost` (1 point).** Return a float (`float(...)` turns a numpy scalar into one).

# %% solution id=mse_cost
def mse_cost(AL, Y):
    """Mean squared error (1/2m) * sum of (AL - Y)**2 over all entries.

    Parameters
    ----------
    AL : ndarray of shape (n[L], m), the network's outputs
    Y : ndarray of shape (n[L], m), the targets

    Returns
    -------
    float, the cost; AL and Y are left unchanged
    """
    ### BEGIN SOLUTION
    m = AL.shape[1]
    return float(np.sum((AL - Y) ** 2) / (2 * m))
    ### END SOLUTION


# %% test id=test_mse_cost points=1
# test_mse_cost: the study-hours grades and a 2-output case; a float; inputs unchanged
from nnchecks.nb03_cost import check_mse_cost
check_mse_cost(mse_cost)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb03_cost import check_mse_cost_hidden
check_mse_cost_hidden(mse_cost)
### END HIDDEN TESTS

# %% [markdown]
# ### Find the bug: a loss halved twice, and a learning rate nobody reads
#
# The study-hours note defines its squared error per example with the $\tfrac12$ already in it,
# $(y - \hat y)^2 / 2$, and in two of its cells then writes `loss = MSE(y, y_hat)/2`: halved twice,
# a quarter of the squared error. Nothing crashes. But its backward pass,
# $\delta = (\hat y - y)\,\sigma'(z)$, is the derivative of the loss halved **once**, so the
# printed losses are half of the loss that is being minimised, and a gradient check against the
# printed loss fails by a factor of exactly 2. The same mistake in our code, checked at the outputs:

# %%
def half_squared_error(Y, AL):
    return (Y - AL) ** 2 / 2                # per example, already halved


def printed_loss():
    return float(np.sum(half_squared_error(Y_grade, AL_probe) / 2))   # halved again


AL_probe = AL_hours.copy()
measured = nnlib.numerical_gradient(printed_loss, AL_probe)
derived = AL_probe - Y_grade                # what the backward pass uses: d/da of (y - a)^2 / 2
print("d(printed loss)/da, measured:", measured[0].round(6))
print("a - y, used by the backward pass:", derived[0].round(6))
print("ratio:", (measured / derived)[0].round(6))

# %% [markdown]
# The cure is to halve in one place: either the per-example loss has the $\tfrac12$ or the cost
# does, as `compute_cost(..., "mse")` does with its $\frac{1}{2m}$.
#
# The note's training code has a second quiet line: its forward pass sets `lr = 3`, a local
# variable that nothing reads, and the update lines subtract the bare gradient, which is a
# learning rate of 1. (A linter flags such a line; pyflakes says "local variable 'lr' is assigned
# to but never used".) Our version of the pattern, on the note's raw hours, trained for 50 steps;
# then the same loop with the rate really used:

# %%
X_raw, _ = load_study_hours(scaled=False)


def forward(X, W1, W2):
    learning_rate = 3                       # set here ... and never read
    A1 = nnlib.sigmoid(W1 @ X)
    return A1, nnlib.sigmoid(W2 @ A1)


def train_hours(steps, learning_rate=None):
    rng = np.random.default_rng(0)
    W1, W2 = rng.standard_normal((3, 2)), rng.standard_normal((1, 3))
    for _ in range(steps):
        A1, A2 = forward(X_raw, W1, W2)
        dZ2 = (A2 - Y_grade) * A2 * (1 - A2)
        dZ1 = (W2.T @ dZ2) * A1 * (1 - A1)
        rate = 1 if learning_rate is None else learning_rate   # None: the note's update, no rate
        W2, W1 = W2 - rate * dZ2 @ A1.T, W1 - rate * dZ1 @ X_raw.T
    return float(np.sum(half_squared_error(Y_grade, forward(X_raw, W1, W2)[1])))


print(f"the 'lr = 3' loop:        loss {train_hours(50):.6f}")
print(f"learning rate 1, for real: loss {train_hours(50, learning_rate=1):.6f}")
print(f"learning rate 3, for real: loss {train_hours(50, learning_rate=3):.6f}")

# %% [markdown]
# The "lr = 3" run is the learning-rate-1 run, digit for digit. A hyperparameter that is set in
# one place and used in another is worth one search for its name: is it read anywhere?
#
# ## 3. Binary cross-entropy, for one sigmoid output
#
# A classifier with one sigmoid output gives $a = P(y = 1 \mid x)$. The probability it gives to the
# label that actually occurred is $a$ if $y = 1$ and $1 - a$ if $y = 0$, in one formula
# $a^{y}(1-a)^{1-y}$. A good classifier makes these probabilities large; equivalently, it makes
# their negative logarithm small. That negative log-probability is the **binary cross-entropy**:
#
# $$\mathcal{L}(a, y) = -\big(y \log a + (1 - y) \log(1 - a)\big), \qquad
# J_{\text{BCE}} = -\frac{1}{m} \sum_{i=1}^{m} \Big(y^{(i)} \log a^{(i)} + \big(1 - y^{(i)}\big) \log\big(1 - a^{(i)}\big)\Big).$$
#
# Only one of the two terms is active for each example. The loss is 0 for a perfect answer and grows
# without bound as the network becomes sure of the wrong one:

# %%
p = np.linspace(0.001, 0.999, 999)
plt.figure(figsize=(5.5, 3.5))
plt.plot(p, -np.log(p), label="y = 1:  $-\\log a$")
plt.plot(p, -np.log(1 - p), label="y = 0:  $-\\log(1 - a)$")
plt.xlabel("predicted probability a = P(y = 1)")
plt.ylabel("loss")
plt.ylim(0, 5)
plt.legend()
plt.title("binary cross-entropy of one example")
plt.show()

for a in [0.99, 0.9, 0.5, 0.1, 0.01]:
    print(f"y = 1, a = {a:<4}: loss {-np.log(a):.4f}")

# %% [markdown]
# A network that knows nothing answers $a \approx 0.5$ everywhere and pays $\log 2 \approx 0.693$
# per example. That is the cost of an untrained 2-2-1 network on XOR, and of the 2-4-1 network
# on the planar data, and the number a trained classifier has to beat:

# %%
X_xor, Y_xor = load_xor()
AL_xor, _ = nnlib.model_forward(X_xor, nnlib.initialize_parameters([2, 2, 1], "xavier", seed=0), "tanh", "sigmoid")
print("XOR outputs:", AL_xor, "  targets:", Y_xor)
print(f"XOR cost:    {nnlib.compute_cost(AL_xor, Y_xor, 'bce'):.4f}")

X_planar, Y_planar = make_planar()
AL_planar, _ = nnlib.model_forward(X_planar, nnlib.initialize_parameters([2, 4, 1], "xavier", seed=0), "tanh", "sigmoid")
print(f"planar cost: {nnlib.compute_cost(AL_planar, Y_planar, 'bce'):.4f}   (log 2 = {np.log(2):.4f})")

# %% [markdown]
# ### Confident answers: $\log 0$ and $0 \cdot \log 0$
#
# Outputs of exactly 0 or 1 happen: a sigmoid of $z = 40$ is `1.0` in float64. Take two such
# examples, both with $y = 1$: one confidently right ($a = 1$) and one confidently wrong ($a = 0$).

# %%
AL_sure = np.array([[1.0, 0.0]])  # right, wrong
Y_sure = np.array([[1.0, 1.0]])
with np.errstate(divide="warn", invalid="warn"), warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    positive_term = Y_sure * np.log(AL_sure)
    negative_term = (1 - Y_sure) * np.log(1 - AL_sure)
    losses = -(positive_term + negative_term)
print("y log a            :", positive_term)
print("(1 - y) log(1 - a) :", negative_term)
print("losses             :", losses)
for message in dict.fromkeys(f"{w.category.__name__}: {w.message}" for w in caught):
    print(message)

# %% [markdown]
# The confidently wrong example costs $-\log 0 = \infty$, a fair verdict but useless for arithmetic.
# The confidently *right* one is worse: its inactive term is $0 \cdot \log 0 = 0 \cdot (-\infty)$,
# which is `nan` in floating point, and one `nan` turns the whole cost into `nan`.
#
# The standard fix is to **clip** the probabilities into $[\varepsilon, 1 - \varepsilon]$ before
# taking logs. `nnlib` uses the machine epsilon of the array's dtype,
# `eps = np.finfo(AL.dtype).eps`: the gap between 1 and the next float, so $1 - \varepsilon$ is the
# largest float below 1 and is still distinguishable from 1. The most one example can then cost is
# $-\log \varepsilon$:

# %%
for dtype in (np.float64, np.float32):
    eps = np.finfo(dtype).eps
    print(f"{np.dtype(dtype).name}: eps = {eps:.4g}, 1 - eps < 1: {dtype(1) - eps < 1}, largest loss -log(eps) = {-np.log(eps):.2f}")
print(f"clipped cost of the two examples: {nnlib.compute_cost(AL_sure, Y_sure, 'bce'):.4f}  (= 36.04 / 2)")

# %% [markdown]
# **Exercise 2 — `bce_cost` (3 points: 2 for the values, 1 for outputs of exactly 0 and 1).**
# Clip `AL` with `eps = np.finfo(AL.dtype).eps` (so float32 arrays get float32's epsilon), into a
# new array: `np.clip` returns one, and `AL` itself must not change. Then apply the formula and return
# a float. The second test feeds outputs of exactly 0 and 1, in float64 and in float32, and expects
# `nnlib.compute_cost`'s clipped value.

# %% solution id=bce_cost
def bce_cost(AL, Y):
    """Binary cross-entropy -(1/m) * sum(Y log AL + (1 - Y) log(1 - AL)), AL clipped to [eps, 1 - eps].

    Parameters
    ----------
    AL : ndarray of shape (n[L], m), probabilities (sigmoid outputs), may contain exact 0 and 1
    Y : ndarray of shape (n[L], m), labels 0 or 1

    Returns
    -------
    float, the cost; finite for any AL in [0, 1]; AL and Y are left unchanged
    """
    ### BEGIN SOLUTION
    eps = np.finfo(AL.dtype).eps
    P = np.clip(AL, eps, 1 - eps)
    m = AL.shape[1]
    return float(-np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P)) / m)
    ### END SOLUTION


# %% test id=test_bce_cost points=2
# test_bce_cost: four examples worked by hand; a float; inputs unchanged
from nnchecks.nb03_cost import check_bce_cost
check_bce_cost(bce_cost)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb03_cost import check_bce_cost_hidden
check_bce_cost_hidden(bce_cost)
### END HIDDEN TESTS

# %% test id=test_bce_cost__stable points=1
# test_bce_cost__stable: outputs of exactly 0 and 1 give nnlib's clipped cost (float64 and float32)
from nnchecks.nb03_cost import check_bce_cost_stable
check_bce_cost_stable(bce_cost)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb03_cost import check_bce_cost_stable_hidden
check_bce_cost_stable_hidden(bce_cost)
### END HIDDEN TESTS

# %% [markdown]
# ## 4. Categorical cross-entropy, for a softmax output
#
# With $K$ classes the output layer is a softmax: column $i$ of `AL` holds $K$ probabilities and
# column $i$ of `Y` is one-hot (a single 1, at the right class). The loss is again the negative
# log-probability of the right class; only one term of the sum over classes is non-zero:
#
# $$\mathcal{L}(a, y) = -\sum_{k=1}^{K} y_k \log a_k = -\log a_{\text{right class}}, \qquad
# J_{\text{CE}} = -\frac{1}{m} \sum_{i=1}^{m} \sum_{k=1}^{K} Y_{ki} \log A^{[L]}_{ki}.$$
#
# There is no $(1 - y)\log(1 - a)$ term: the wrong classes are penalised through softmax itself,
# because raising their probabilities lowers the right one (every column sums to 1).
#
# An untrained network that spreads its probability evenly over 10 digits pays about
# $\log 10 \approx 2.303$ per image:

# %%
X_mnist, Y_mnist = load_mnist("train")
mnist_parameters = nnlib.initialize_parameters([784, 128, 64, 10], "he", seed=0)
AL_mnist, _ = nnlib.model_forward(X_mnist, mnist_parameters, "relu", "softmax")
print("AL:", AL_mnist.shape, "  Y:", Y_mnist.shape, "  one 1 per column of Y:", bool((Y_mnist.sum(axis=0) == 1).all()))
print(f"cross-entropy of the untrained network: {nnlib.compute_cost(AL_mnist, Y_mnist, 'ce'):.4f}   (log 10 = {np.log(10):.4f})")

# %% [markdown]
# Binary cross-entropy is the two-class case of this. Write the sigmoid output $a$ as the column
# $(a, 1 - a)$ and the label as the one-hot column $(y, 1 - y)$; the categorical cross-entropy of
# these is exactly the BCE:

# %%
two_class_AL = np.vstack([AL_planar, 1 - AL_planar])
two_class_Y = np.vstack([Y_planar, 1 - Y_planar])
print(f"bce of AL:                {nnlib.compute_cost(AL_planar, Y_planar, 'bce'):.10f}")
print(f"ce of (AL, 1 - AL):       {nnlib.compute_cost(two_class_AL, two_class_Y, 'ce'):.10f}")

# %% [markdown]
# The same numerical trouble returns: a probability of exactly 0 for a *wrong* class gives
# $0 \cdot \log 0 =$ `nan`, and for the *right* class $-\log 0 = \infty$. Same fix: clip.
#
# **Exercise 3 — `ce_cost` (3 points: 2 for the values, 1 for probabilities of exactly 0 and 1).**
# Sum over the classes (rows) and the examples, divide by $m$ (columns) only. Clip as in `bce_cost`.

# %% solution id=ce_cost
def ce_cost(AL, Y):
    """Categorical cross-entropy -(1/m) * sum(Y log AL), AL clipped to [eps, 1 - eps].

    Parameters
    ----------
    AL : ndarray of shape (K, m), one column of K class probabilities per example (softmax output)
    Y : ndarray of shape (K, m), one-hot columns

    Returns
    -------
    float, the cost; finite even where AL has exact 0s and 1s; AL and Y are left unchanged
    """
    ### BEGIN SOLUTION
    eps = np.finfo(AL.dtype).eps
    P = np.clip(AL, eps, 1 - eps)
    return float(-np.sum(Y * np.log(P)) / AL.shape[1])
    ### END SOLUTION


# %% test id=test_ce_cost points=2
# test_ce_cost: 3 classes, 4 examples worked by hand; a float; inputs unchanged
from nnchecks.nb03_cost import check_ce_cost
check_ce_cost(ce_cost)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb03_cost import check_ce_cost_hidden
check_ce_cost_hidden(ce_cost)
### END HIDDEN TESTS

# %% test id=test_ce_cost__stable points=1
# test_ce_cost__stable: probabilities of exactly 0 and 1 give nnlib's clipped cost
from nnchecks.nb03_cost import check_ce_cost_stable
check_ce_cost_stable(ce_cost)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb03_cost import check_ce_cost_stable_hidden
check_ce_cost_stable_hidden(ce_cost)
### END HIDDEN TESTS

# %% [markdown]
# ## 5. Why classifiers do not use MSE
#
# Nothing stops us from training a sigmoid classifier with MSE, and the source notes' regression
# network does use sigmoid units with MSE. But look at what each loss does to the gradient that
# reaches the logit $z$ (with $a = \sigma(z)$ and $y = 1$):
#
# $$\text{MSE: } \frac{\partial}{\partial z}\,\tfrac12(a - 1)^2 = (a - 1)\,\sigma'(z) = (a - 1)\,a\,(1 - a),
# \qquad
# \text{BCE: } \frac{\partial}{\partial z}\big(-\log a\big) = -\frac{1}{a}\,a\,(1 - a) = a - 1.$$
#
# When the network is confidently wrong ($z \ll 0$, so $a \approx 0$), the sigmoid's slope
# $a(1 - a)$ is almost 0 and the MSE gradient vanishes with it (기울기 소실, vanishing gradient): the
# worst mistakes are corrected the slowest. In BCE the $\frac1a$ of the logarithm cancels that
# slope, and the gradient stays near $-1$. The curves, computed with `nnlib.loss_gradient` (the
# derivative of each loss with respect to $a$) and `nnlib.sigmoid_backward` (times $\sigma'(z)$):

# %%
z = np.linspace(-10, 10, 401).reshape(1, -1)
a = nnlib.sigmoid(z)
y = np.ones_like(z)
curves = {}
for loss in ["mse", "bce"]:
    per_example = {"mse": 0.5 * (a - y) ** 2, "bce": -np.log(a)}[loss]
    dz = nnlib.sigmoid_backward(nnlib.loss_gradient(a, y, loss), z)
    curves[loss] = (per_example[0], dz[0])

fig, axes = plt.subplots(1, 2, figsize=(10, 3.5))
for loss, (values, dz) in curves.items():
    axes[0].plot(z[0], values, label=loss.upper())
    axes[1].plot(z[0], np.abs(dz), label=loss.upper())
axes[0].set_title("loss of one example with y = 1")
axes[1].set_title("|dL/dz|: how hard gradient descent pushes")
axes[1].set_yscale("log")
for ax in axes:
    ax.set_xlabel("logit z  (a = sigmoid(z); z << 0 is confidently wrong)")
    ax.legend()
plt.tight_layout()
plt.show()

print(f"{'z':>4} {'a':>8}  {'dL/dz MSE':>9}  {'dL/dz BCE':>9}")
for row in zip(z[0, ::50], a[0, ::50], curves["mse"][1][::50], curves["bce"][1][::50]):
    print("{:>4.3g} {:>8.3g}  {:>9.3g}  {:>9.3g}".format(*row))

# %% [markdown]
# At $z = -10$ the MSE gradient is about 20,000 times smaller than the BCE one. (MSE has a second
# problem for classifiers: with sigmoid units its cost is not convex in $z$, which adds flat regions
# and local minima, 극소점.)
#
# ## 6. Binary cross-entropy straight from the logits
#
# Clipping keeps the cost finite, but it also flattens it: beyond $|z| \approx 36$ every sigmoid
# output is already clipped to $\varepsilon$ or $1 - \varepsilon$, so every confidently wrong example
# costs the same 36.04, however wrong it is. Working from the logit $z$ instead of from
# $a = \sigma(z)$ avoids the problem. Using $\log \sigma(z) = -\log(1 + e^{-z})$ and
# $\log(1 - \sigma(z)) = -z - \log(1 + e^{-z})$,
#
# $$\mathcal{L} = -\big(y \log \sigma(z) + (1 - y)\log(1 - \sigma(z))\big) = (1 - y)\,z + \log\big(1 + e^{-z}\big).$$
#
# $e^{-z}$ still overflows for $z \ll 0$. Since $\log(1 + e^{-z}) = \max(-z, 0) + \log\big(1 + e^{-|z|}\big)$
# and $z + \max(-z, 0) = \max(z, 0)$, a form that never exponentiates a positive number is
#
# $$\mathcal{L}(z, y) = \max(z, 0) - z\,y + \log\big(1 + e^{-|z|}\big).$$
#
# (`np.log1p(x)` computes $\log(1 + x)$ accurately when $x$ is tiny.) Compare, for $y = 1$, the cost
# through clipped probabilities with the exact loss $\log(1 + e^{-z})$, which numpy also offers as
# `np.logaddexp(0, -z)`:

# %%
z_demo = np.array([[-1000.0, -50.0, -10.0, 0.0, 10.0, 50.0]])
y_demo = np.ones_like(z_demo)
through_probabilities = [nnlib.compute_cost(nnlib.sigmoid(z_demo[:, [i]]), y_demo[:, [i]], "bce")
                         for i in range(z_demo.shape[1])]
exact = np.logaddexp(0, -z_demo[0])
print(f"{'z':>5}  {'loss via sigmoid + clip':>23} {'exact loss':>11}")
for row in zip(z_demo[0], through_probabilities, exact):
    print("{:>5.6g}  {:>23.6g} {:>11.6g}".format(*row))

# %% [markdown]
# **Exercise 4 — `bce_from_logits` (2 points: 1 for moderate logits, 1 for huge ones).** Compute the
# mean over the $m$ columns of $\max(z, 0) - z\,y + \log(1 + e^{-|z|})$, entry by entry; no sigmoid,
# no clipping. The second test uses logits of $\pm 1000$ and fails on any overflow warning.

# %% solution id=bce_from_logits
def bce_from_logits(Z, Y):
    """Binary cross-entropy of sigmoid(Z), computed from the logits Z without overflow or clipping.

    Parameters
    ----------
    Z : ndarray of shape (n[L], m), logits (the output layer's pre-activation)
    Y : ndarray of shape (n[L], m), labels 0 or 1

    Returns
    -------
    float, (1/m) * sum of max(Z, 0) - Z * Y + log(1 + exp(-|Z|)); Z and Y are left unchanged
    """
    ### BEGIN SOLUTION
    losses = np.maximum(Z, 0) - Z * Y + np.log1p(np.exp(-np.abs(Z)))
    return float(np.sum(losses) / Z.shape[1])
    ### END SOLUTION


# %% test id=test_bce_from_logits points=1
# test_bce_from_logits: four moderate logits worked by hand (= bce of sigmoid(Z))
from nnchecks.nb03_cost import check_bce_from_logits
check_bce_from_logits(bce_from_logits)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb03_cost import check_bce_from_logits_hidden
check_bce_from_logits_hidden(bce_from_logits)
### END HIDDEN TESTS

# %% test id=test_bce_from_logits__saturated points=1
# test_bce_from_logits__saturated: logits of +-1000 give the exact cost, with no overflow warning
from nnchecks.nb03_cost import check_bce_from_logits_saturated
check_bce_from_logits_saturated(bce_from_logits)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb03_cost import check_bce_from_logits_saturated_hidden
check_bce_from_logits_saturated_hidden(bce_from_logits)
### END HIDDEN TESTS

# %% [markdown]
# Deep-learning libraries offer this form too (e.g. "BCE with logits" losses) and recommend it over
# a sigmoid followed by a separate BCE. In this course the networks stay small enough that
# `nnlib`'s clipped version is fine.
#
# ## 7. Which loss goes with which output
#
# | task | output activation | `Y` | loss | `compute_cost(..., loss=)` |
# |---|---|---|---|---|
# | regression | linear (identity) | real numbers | MSE | `"mse"` |
# | two classes (or several yes/no labels) | sigmoid | 0 / 1 | binary cross-entropy | `"bce"` |
# | $K$ exclusive classes | softmax | one-hot columns | categorical cross-entropy | `"ce"` |
#
# Each of these pairs has the same, remarkably simple gradient at the logits:
# $\partial \mathcal{L} / \partial z = a - y$. Backpropagation (notebook 04) starts from it. `nnlib`
# agrees, for every pair:

# %%
rng = np.random.default_rng(3)
Z_out = rng.normal(size=(3, 5))
Y_targets = {"mse": rng.normal(size=(3, 5)), "bce": rng.integers(0, 2, size=(3, 5)).astype(float),
             "ce": np.eye(3)[:, rng.integers(0, 3, size=5)]}
for activation, loss in [("linear", "mse"), ("sigmoid", "bce"), ("softmax", "ce")]:
    forward, backward = nnlib.get_activation(activation)
    A_out = forward(Z_out)
    dZ = backward(nnlib.loss_gradient(A_out, Y_targets[loss], loss), Z_out)
    print(f"{activation:>7} + {loss:<3}: dL/dz == a - y  {np.allclose(dZ, A_out - Y_targets[loss])}")

# %% [markdown]
# ## What you learned
#
# - The cost $J$ is the mean over the $m$ examples (columns) of a per-example loss; it is one number.
# - MSE $\frac{1}{2m}\sum (a - y)^2$ suits regression; binary cross-entropy suits a sigmoid output,
#   categorical cross-entropy a softmax output; all three are negative log-likelihoods or close
#   relatives, and each pairs with its output activation to give $\partial\mathcal{L}/\partial z = a - y$.
# - Probabilities of exactly 0 or 1 make $\log 0 = -\infty$ and $0 \cdot \log 0 =$ `nan`; clipping to
#   $[\varepsilon, 1 - \varepsilon]$ with the dtype's machine epsilon keeps the cost finite, and the
#   logit form $\max(z, 0) - zy + \log(1 + e^{-|z|})$ keeps it exact.
# - With MSE a confidently wrong sigmoid classifier gets almost no gradient; cross-entropy does not
#   have that problem.
#
# **Terms** — cost (loss) function 비용(손실) 함수, mean squared error 평균제곱오차, binary
# cross-entropy 이진 크로스 엔트로피, one-hot encoding 원-핫 인코딩, vanishing gradient 기울기 소실,
# local minimum 극소점, gradient descent 경사 하강법, forward propagation 순전파.
