# %% [markdown]
# # 01 — Initialization
#
# Before a network can learn, every weight (가중치) and bias (편향) needs a first value. The choice
# looks harmless, yet it decides whether training starts at all: with all-zero weights a network
# never learns anything, with weights too small or too large the signal fades away or blows up
# after a few layers.
#
# **What you will be able to do**
#
# - read the layer sizes $n^{[0]}, \dots, n^{[L]}$ of a network off its data;
# - initialize the parameters with zeros, small random numbers, Xavier or He initialization, and
#   reproduce `nnlib`'s numbers exactly from a seed;
# - explain, and show, why all-zero (or all-equal) weights cannot learn: symmetry;
# - see how the scale of the weights makes activations vanish or explode in a deep network, and
#   read off a measurement which scale keeps a deep tanh or ReLU network's signal alive;
# - spot the initialization mistakes of the source notes: a scale taken from the wrong layer,
#   transposed shapes, and a "copy" that copies nothing.
#
# Graded exercises: `layer_sizes` (1 point), `initialize_parameters` (4 points, one per method).

# %%
%matplotlib inline
import matplotlib.pyplot as plt
import numpy as np

import nnlib
from nnlib.data import make_planar
from nnlib.plotting import plot_decision_boundary

np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## 1. Layer sizes come from the data
#
# The data of this notebook is the planar "flower": 400 points in the plane, each of class 0 or 1,
# arranged in petals that no straight line separates. As always in this course, examples are
# columns (notebook 00): $X$ has shape $(n_x, m)$ and $Y$ shape $(n_y, m)$.

# %%
X, Y = make_planar(m=400, noise=0.2, seed=0)
print("X", X.shape, " Y", Y.shape, " class 1:", int(Y.sum()), "of", Y.shape[1])

fig, ax = plt.subplots(figsize=(4, 4))
ax.scatter(X[0], X[1], c=Y[0], s=12, cmap="coolwarm", edgecolors="k", linewidths=0.3)
ax.set_xlabel("$x_1$")
ax.set_ylabel("$x_2$")
ax.set_title("planar data (colour = class)")
plt.show()

# %% [markdown]
# The first and last layer sizes are not ours to choose: $n^{[0]} = n_x$ is the number of
# features, the **rows** of $X$, and $n^{[L]} = n_y$ the number of outputs, the rows of $Y$. Only
# the hidden layers (은닉층) in between are a design choice. For the planar data with one hidden
# layer of 4 units, `layer_dims = [2, 4, 1]`.
#
# **Exercise 1 — `layer_sizes` (1 point).** Write `layer_sizes(X, Y, hidden=())`, which returns
# the list `[n_x, *hidden, n_y]`: the number of features, then the given hidden sizes in order,
# then the number of outputs. `hidden` may be a list or a tuple (the default is the empty tuple,
# a network without hidden layer); return a new list and leave `hidden` unchanged.

# %% solution id=layer_sizes
def layer_sizes(X, Y, hidden=()):
    """Layer sizes read off the data.

    Parameters
    ----------
    X : ndarray of shape (n_x, m), one example per column
    Y : ndarray of shape (n_y, m)
    hidden : sequence of int, the sizes of the hidden layers (may be empty)

    Returns
    -------
    layer_dims : list of int, [n_x, *hidden, n_y]
    """
    ### BEGIN SOLUTION
    return [X.shape[0], *hidden, Y.shape[0]]
    ### END SOLUTION


# %% test id=test_layer_sizes points=1
# test_layer_sizes: (2, 5) and (1, 5) data with hidden [4] -> [2, 4, 1]; no hidden layer; two hidden layers
from nnchecks.nb01_initialization import check_layer_sizes
check_layer_sizes(layer_sizes)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb01_initialization import check_layer_sizes_hidden
check_layer_sizes_hidden(layer_sizes)
### END HIDDEN TESTS

# %% [markdown]
# ## 2. Four ways to choose the first weights
#
# Biases can start at zero. For each weight matrix $W^{[l]}$ of shape $(n^{[l]}, n^{[l-1]})$ we
# compare four choices:
#
# | method | $W^{[l]}_{jk}$ | idea |
# |---|---|---|
# | `zeros` | $0$ | the obvious first guess; we will see that it cannot learn |
# | `random` | $\mathcal N(0, 1) \times \text{scale}$, e.g. scale $= 0.01$ | small random numbers: break the symmetry, stay small |
# | `xavier` | $\mathcal N(0, 1) \times \sqrt{1 / n^{[l-1]}}$, variance $\frac{1}{n^{[l-1]}}$ | keep the variance of $z$ constant from layer to layer (proposed for tanh and sigmoid; section 4 measures how well) |
# | `he` | $\mathcal N(0, 1) \times \sqrt{2 / n^{[l-1]}}$, variance $\frac{2}{n^{[l-1]}}$ | the same for ReLU, which zeroes half of its inputs |
#
# Xavier initialization is named after Xavier Glorot (Glorot and Bengio, 2010). They derived
# variance $1/n^{[l-1]}$ from the forward pass and $1/n^{[l]}$ from the backward pass, and proposed
# the compromise $2/(n^{[l-1]} + n^{[l]})$; the course, like many texts, uses the forward-pass
# version $1/n^{[l-1]}$. He initialization is from He et al. (2015). Section 4 shows where these
# numbers come from.
#
# ### Reproducible randomness
#
# All randomness in the course goes through one generator, `rng = np.random.default_rng(seed)`:
# the same seed gives the same numbers on every computer, and nothing else in the program can
# shift them (unlike the global `np.random.seed`). A generator hands out its numbers **in
# order**, so two pieces of code produce the same weights only if they make the same draws, of the
# same shapes, in the same order:

# %%
rng = np.random.default_rng(1)
first = rng.standard_normal((2, 3))
rng = np.random.default_rng(1)
print("a (2, 3) draw:\n", first)
print("a (3, 2) draw, transposed; same shape, other layout of the numbers:\n", rng.standard_normal((3, 2)).T)
rng = np.random.default_rng(1)
rng.standard_normal((2, 1))  # one extra draw first, e.g. a random bias ...
print("the same (2, 3) draw after one extra draw of 2 numbers: shifted\n", rng.standard_normal((2, 3)))

# %% [markdown]
# `nnlib.initialize_parameters(layer_dims, method, seed, scale)` creates **one** generator
# `rng = np.random.default_rng(seed)` before the loop, then for $l = 1, \dots, L$ in order draws
# `W{l} = rng.standard_normal((n[l], n[l-1])) * factor` (factor `scale`, `sqrt(1 / n[l-1])` or
# `sqrt(2 / n[l-1])`) and sets `b{l} = np.zeros((n[l], 1))`, drawing nothing for the biases.
# (`rng.normal(0.0, factor, size)` gives the same numbers as `rng.standard_normal(size) * factor`.)
#
# **Exercise 2 — `initialize_parameters` (4 points).** Write
# `initialize_parameters(layer_dims, method="he", seed=0, scale=0.01)` returning the dict
# `{"W1": ..., "b1": ..., ..., "WL": ..., "bL": ...}`. For the same arguments, your numbers must be
# those of `nnlib.initialize_parameters` (up to rounding), so follow the recipe above exactly.
# `scale` is used by `method="random"` only. Each method is graded by its own test cell, one
# point each: you can score the methods one at a time.

# %% solution id=initialize_parameters
def initialize_parameters(layer_dims, method="he", seed=0, scale=0.01):
    """Weights and zero biases for a network with the given layer sizes.

    Parameters
    ----------
    layer_dims : list of int, [n0, n1, ..., nL]
    method : "zeros", "random" (standard normal times scale), "xavier" (variance 1/n[l-1])
        or "he" (variance 2/n[l-1])
    seed : int, for rng = np.random.default_rng(seed), created once
    scale : float, the standard deviation of method "random"

    Returns
    -------
    parameters : dict with, for l = 1..L, "W{l}" of shape (n[l], n[l-1]), drawn in the order
        l = 1, 2, ..., L, and "b{l}" = zeros of shape (n[l], 1)
    """
    ### BEGIN SOLUTION
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        if method == "zeros":
            W = np.zeros((n, n_prev))
        elif method == "random":
            W = rng.standard_normal((n, n_prev)) * scale
        elif method == "xavier":
            W = rng.standard_normal((n, n_prev)) * np.sqrt(1 / n_prev)
        elif method == "he":
            W = rng.standard_normal((n, n_prev)) * np.sqrt(2 / n_prev)
        else:
            raise ValueError(f"unknown method {method!r}; choose from zeros, random, xavier, he")
        parameters[f"W{l}"] = W
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters
    ### END SOLUTION


# %% test id=test_initialize_parameters__zeros points=1
# test_initialize_parameters__zeros: layer_dims [3, 4, 2, 1]: keys W1..b3, shapes, all zeros
from nnchecks.nb01_initialization import check_initialize_parameters_zeros
check_initialize_parameters_zeros(initialize_parameters)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb01_initialization import check_initialize_parameters_zeros_hidden
check_initialize_parameters_zeros_hidden(initialize_parameters)
### END HIDDEN TESTS

# %% test id=test_initialize_parameters__random points=1
# test_initialize_parameters__random: layer_dims [3, 4, 2, 1], seed=3, scale=0.05: nnlib's numbers
from nnchecks.nb01_initialization import check_initialize_parameters_random
check_initialize_parameters_random(initialize_parameters)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb01_initialization import check_initialize_parameters_random_hidden
check_initialize_parameters_random_hidden(initialize_parameters)
### END HIDDEN TESTS

# %% test id=test_initialize_parameters__xavier points=1
# test_initialize_parameters__xavier: layer_dims [3, 4, 2, 1], seed=3: draws times sqrt(1 / n[l-1])
from nnchecks.nb01_initialization import check_initialize_parameters_xavier
check_initialize_parameters_xavier(initialize_parameters)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb01_initialization import check_initialize_parameters_xavier_hidden
check_initialize_parameters_xavier_hidden(initialize_parameters)
### END HIDDEN TESTS

# %% test id=test_initialize_parameters__he points=1
# test_initialize_parameters__he: layer_dims [3, 4, 2, 1], seed=3: draws times sqrt(2 / n[l-1])
from nnchecks.nb01_initialization import check_initialize_parameters_he
check_initialize_parameters_he(initialize_parameters)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb01_initialization import check_initialize_parameters_he_hidden
check_initialize_parameters_he_hidden(initialize_parameters)
### END HIDDEN TESTS

# %% [markdown]
# From here on, the course uses `nnlib.initialize_parameters`, which is what yours now matches.
# The rest of this notebook uses it too, so that the experiments run whatever state your
# exercise is in.
#
# ## 3. Why zeros fail: symmetry
#
# Take the 2-4-1 network with tanh hidden units and a sigmoid output, and start from
# $W^{[1]} = 0$, $b^{[1]} = 0$, $W^{[2]} = 0$, $b^{[2]} = 0$. Then, for every example,
#
# - $Z^{[1]} = 0$, so $A^{[1]} = \tanh(0) = 0$, and $Z^{[2]} = 0$, so $\hat y = \sigma(0) = 0.5$:
#   the cost is $-\log 0.5 = \log 2 \approx 0.6931$ whatever the data;
# - the gradients (notebook 04) are $dW^{[2]} = \frac1m dZ^{[2]} A^{[1]\top} = 0$ because
#   $A^{[1]} = 0$, and $dW^{[1]}$, $db^{[1]}$ are $0$ because the gradient that reaches the hidden
#   layer, $dA^{[1]} = W^{[2]\top} dZ^{[2]}$, is $0$ when $W^{[2]} = 0$;
# - only $db^{[2]} = \frac1m\sum_i(\hat y^{(i)} - y^{(i)}) = 0.5 - \text{(fraction of class 1)}$
#   could move, and on our balanced data it is $0$ too.
#
# Gradient descent (경사 하강법) never leaves the starting point. Zero is a special case of a
# deeper problem, **symmetry**. Suppose all hidden units start identical: equal rows of
# $W^{[1]}$, equal entries of $b^{[1]}$, equal entries of $W^{[2]}$ (any constant, not just 0).
# Then every hidden unit computes the same activation for every example, receives the same
# gradient, and takes the same step, so after the update they are still identical, and so on
# forever. Four identical units are one unit: the network can only draw the boundary that a
# single tanh unit draws. Random initial weights make the units different from the start; then
# zero biases are fine.
#
# Let us train four copies of the network for 1000 epochs of full-batch gradient descent with
# learning rate 1.2 (`nnlib.train` with `parameters=...` starts from the values we give it):
# all zeros, all weights 0.5, small random (scale 0.01) and Xavier.

# %%
layer_dims = [2, 4, 1]
zeros = nnlib.initialize_parameters(layer_dims, method="zeros")
starts = {
    "zeros": zeros,
    "constant 0.5": {k: (np.full_like(v, 0.5) if k.startswith("W") else v) for k, v in zeros.items()},
    "random, scale 0.01": nnlib.initialize_parameters(layer_dims, method="random", seed=1, scale=0.01),
    "xavier": nnlib.initialize_parameters(layer_dims, method="xavier", seed=1),
}
trained, costs = {}, {}
for name, start in starts.items():
    trained[name], history = nnlib.train(
        X, Y, layer_dims, hidden_activation="tanh", output_activation="sigmoid", loss="bce",
        learning_rate=1.2, epochs=1000, parameters=start)
    costs[name] = history["cost"]
    accuracy = nnlib.accuracy(nnlib.predict(X, trained[name], "tanh", "sigmoid"), Y)
    print(f"{name:>18}: cost {costs[name][0]:.4f} -> {costs[name][-1]:.4f}, training accuracy {accuracy:.1%}")
print(f"log 2 = {np.log(2):.4f}")

# %% [markdown]
# Look at the hidden layer after training. From zeros nothing moved; from the constant start the
# four rows of $W^{[1]}$ (one per hidden unit) moved, but in lockstep: they are still identical,
# while from a random start every unit has found its own direction.

# %%
for name in ["zeros", "constant 0.5", "xavier"]:
    W1 = trained[name]["W1"]
    spread = np.abs(W1 - W1[0]).max()
    print(f"{name}: W1 after training (one row per hidden unit); largest difference between units {spread:.2g}")
    print(W1)

# %%
fig, axes = plt.subplots(1, 3, figsize=(10, 3.3))
for name, curve in costs.items():
    axes[0].plot(np.arange(1, len(curve) + 1), curve, label=name)
axes[0].axhline(np.log(2), color="0.5", lw=0.8, ls="--")
axes[0].set_xlabel("epoch")
axes[0].set_ylabel("cost")
axes[0].set_title("training cost (dashed: log 2)")
fig.legend(*axes[0].get_legend_handles_labels(), loc="lower center", ncol=4, frameon=False)
for ax, name in zip(axes[1:], ["constant 0.5", "xavier"]):
    plot_decision_boundary(lambda P, p=trained[name]: nnlib.predict(P, p, "tanh", "sigmoid"), X, Y, ax=ax, resolution=120,
                           title=f"start: {name}")
plt.tight_layout(rect=(0, 0.08, 1, 1))
plt.show()

# %% [markdown]
# Equal units are stuck together: the constant start ends with the straight boundary of a single
# unit (about 74 % accuracy), while random starts find the petals (about 98 %). Random starts are
# not all equally quick, though: small weights give outputs close to 0.5, so both start near
# $\log 2$, and the Xavier start sits on a plateau for hundreds of epochs before its units
# specialise. Training curves with long flat stretches are common; notebook 06 returns to them.
#
# ## 4. Deep networks: vanishing and exploding activations
#
# With 2 inputs the scale of the first weights hardly matters as long as it is random. In a deep
# network it matters a lot. Consider one unit of layer $l$:
# $z = \sum_{k=1}^{n^{[l-1]}} w_k a_k$, with independent weights of mean 0 and variance
# $\operatorname{Var}(w)$, independent of the activations $a_k$. Then
#
# $$\operatorname{Var}(z) = n^{[l-1]} \operatorname{Var}(w)\, \mathbb{E}[a^2].$$
#
# The variance of the signal is multiplied by about $n^{[l-1]}\operatorname{Var}(w)$ at every
# layer, its standard deviation by the square root of that, so after $L$ layers by that number to
# the power $L$. With $n^{[l-1]} = 100$:
#
# - scale $0.01$, $\operatorname{Var}(w) = 10^{-4}$: the variance shrinks by $0.01$, the standard
#   deviation by $0.1$ per layer; after 10 layers the activations are $10^{-10}$ of their first
#   size: they **vanish**;
# - scale $1$, $\operatorname{Var}(w) = 1$: the standard deviation grows tenfold per layer; the
#   activations **explode** (or, with tanh, saturate at $\pm 1$, where tanh is flat);
# - Xavier, $\operatorname{Var}(w) = 1/n^{[l-1]}$: a factor $1$ for the affine part. tanh is close
#   to the identity only near 0 and flattens everything larger, so $\mathbb{E}[a^2]$ is a little
#   below $\operatorname{Var}(z)$: under Xavier a tanh network keeps losing a little of its spread at
#   every layer;
# - ReLU sets the negative half of $z$ to 0, so $\mathbb{E}[a^2] = \frac12\operatorname{Var}(z)$:
#   Xavier loses half of the variance at every layer, and He, $\operatorname{Var}(w) = 2/n^{[l-1]}$, makes up for it.
#
# The same factors act on the gradients flowing backwards, which is where vanishing gradients
# (기울기 소실) come from; notebook 08 returns to them. Let us measure: 500 random inputs with 100
# features go through 10 layers of 100 units, for tanh and for ReLU, under four initializations;
# we record the standard deviation of each layer's activations $A^{[l]}$.

# %%
deep_dims = [100] * 11  # 100 inputs, then 10 layers of 100 units
X_deep = np.random.default_rng(0).standard_normal((100, 500))
inits = {"random, scale 0.01": ("random", 0.01), "xavier": ("xavier", None),
         "he": ("he", None), "random, scale 1": ("random", 1.0)}


def activation_stds(activation, method, scale):
    """Std of A[1], ..., A[10] for one forward pass of X_deep, and the last A itself."""
    params = nnlib.initialize_parameters(deep_dims, method=method, seed=1, scale=scale or 0.01)
    A, stds = X_deep, []
    for l in range(1, len(deep_dims)):
        A, _ = nnlib.linear_activation_forward(A, params[f"W{l}"], params[f"b{l}"], activation)
        stds.append(A.std())
    return np.array(stds), A


stds, last = {}, {}
for activation in ["tanh", "relu"]:
    print(f"{activation}: std of A[l] for l = 1, 2, 5, 10")
    for name, (method, scale) in inits.items():
        stds[activation, name], last[activation, name] = activation_stds(activation, method, scale)
        s = stds[activation, name]
        print(f"  {name:>18}: " + "  ".join(f"{s[l - 1]:9.3g}" for l in (1, 2, 5, 10)))

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 3.6), sharey=True)
for ax, activation in zip(axes, ["tanh", "relu"]):
    for name in inits:
        ax.plot(range(1, 11), stds[activation, name], marker="o", label=name)
    ax.set_yscale("log")
    ax.set_xlabel("layer $l$")
    ax.set_title(f"{activation}: std of the activations $A^{{[l]}}$")
axes[0].set_ylabel("standard deviation (log scale)")
handles, labels = axes[0].get_legend_handles_labels()
fig.legend(handles, labels, loc="lower center", ncol=4, frameon=False)
plt.tight_layout(rect=(0, 0.1, 1, 1))
plt.show()

# %% [markdown]
# Read the numbers rather than a rule of thumb. For ReLU, He is the only one of the four that keeps
# the spread level (0.83 in layer 1, 0.64 in layer 10); Xavier loses about half of the variance per
# layer (0.59, then 0.02 by layer 10). For tanh, Xavier does not explode, but its spread falls from
# 0.63 to 0.22 over the ten layers, while He's twice larger variance holds it between 0.72 and 0.54.
# So "Xavier for tanh" keeps the *affine* part level, and tanh's flattening takes a little more off
# at each layer. A larger variance makes up for it, up to the point where tanh starts to saturate.
# Here is the tanh network with $\operatorname{Var}(w) = c / n^{[l-1]}$ for a few $c$ (`method="random"`
# with `scale` $= \sqrt{c/100}$ draws exactly that, since every layer here has 100 inputs):

# %%
for c in [1, 2, (5 / 3) ** 2, 4, 9]:
    params = nnlib.initialize_parameters(deep_dims, method="random", seed=1, scale=np.sqrt(c / 100))
    A = X_deep
    for l in range(1, len(deep_dims)):
        A, _ = nnlib.linear_activation_forward(A, params[f"W{l}"], params[f"b{l}"], "tanh")
        if l == 1:
            first = A.std()
    print(f"c = {c:5.2f}: std of A[1] {first:.3f}, of A[10] {A.std():.3f}; "
          f"layer-10 units with |a| > 0.99: {np.mean(np.abs(A) > 0.99):.1%}")

# %% [markdown]
# Between $c = 2$ (He) and $c \approx 2.8$ the spread falls only slowly (0.72 to 0.54, and 0.76
# to 0.64) and almost no unit is saturated (0.1 % and 1.2 %); from $c = 4$ on, more and more units sit at $\pm 1$ (6 % at $c = 4$, 28 % at
# $c = 9$), where tanh's slope is nearly 0. Libraries agree: PyTorch's recommended "gain" for tanh is
# $5/3$, that is $c = (5/3)^2 \approx 2.8$. For a shallow network such as our 2-4-1 the
# difference hardly matters (section 3 trained it from Xavier and from scale 0.01 alike); for a deep
# tanh network, take a variance of about $2/n^{[l-1]}$ to $3/n^{[l-1]}$, and for ReLU, He's $2/n^{[l-1]}$.

# %% [markdown]
# The histograms of the 10th layer's tanh activations tell the same story: tiny weights squeeze
# everything to 0 (shown on the same axis as the others, the spike at 0 is all there is), unit
# weights push most units into saturation at $\pm 1$ (78 % beyond $0.99$), and Xavier and He
# keep a spread of values in between, Xavier's narrower than He's.

# %%
fig, axes = plt.subplots(1, 4, figsize=(10, 2.2), sharex=True)
for ax, name in zip(axes, inits):
    values = last["tanh", name].ravel()
    ax.hist(values, bins=np.linspace(-1, 1, 42), color="tab:blue")
    ax.set_title(f"tanh, {name}")
    ax.set_yticks([])
    saturated = np.mean(np.abs(values) > 0.99)
    print(f"{name:>18}: layer-10 tanh activations with |a| > 0.99: {saturated:.1%}, "
          f"|a| < 0.01: {np.mean(np.abs(values) < 0.01):.1%}")
axes[0].set_xlabel("activation value")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 5. Find the bugs: initializations in the source notes
#
# The source notes start their networks in several ways, and four details are worth a look. (The
# notes' code is described here and rewritten in our own, with `default_rng`.)
#
# **A scale taken from the wrong layer.** The L-layer MNIST note (001) draws
# `W{l}` of shape $(n^{[l]}, n^{[l-1]})$ from $\mathcal N(0, 1) \times \sqrt{1/n^{[l]}}$, and its
# biases from the same distribution, with the comment that the spread is inversely proportional to
# the square root of "the layer's number of neurons". But the sum $z = \sum_k w_k a_k$ of section 4
# runs over the $n^{[l-1]}$ *inputs*: with $\sqrt{1/n^{[l]}}$ the variance of $z$ is multiplied by
# $n^{[l-1]} / n^{[l]}$ instead of 1. The rule is Xavier only where a layer is as wide as its input.
# On the note's 784-128-64-10 sigmoid network and our MNIST images:

# %%
from nnlib.data import load_mnist

X_mnist, _ = load_mnist("train")
mnist_dims = [784, 128, 64, 10]
for rule in ["notes: sqrt(1/n[l]), random b", "xavier: sqrt(1/n[l-1]), b = 0"]:
    rng = np.random.default_rng(0)
    A = X_mnist
    print(rule)
    for l in range(1, len(mnist_dims)):
        n, n_prev = mnist_dims[l], mnist_dims[l - 1]
        factor = np.sqrt(1 / n) if rule.startswith("notes") else np.sqrt(1 / n_prev)
        W = rng.standard_normal((n, n_prev)) * factor
        b = rng.standard_normal((n, 1)) * factor if rule.startswith("notes") else np.zeros((n, 1))
        Z = W @ A + b
        A = nnlib.sigmoid(Z)
        print(f"  layer {l} ({n_prev:>3} -> {n:>3}): n[l-1] Var(w) = {n_prev * factor ** 2:4.2f}, std of Z {Z.std():.3f}")

# %% [markdown]
# With three layers and sigmoid units nothing breaks (the sigmoid squashes the larger $z$, and
# 001 trains), but $z$ is 2.5 times as spread as under Xavier in layer 1 and about twice in
# layer 3, the two layers that are 6 times narrower than their input; in a deeper stack the
# factors would multiply. The random
# biases are harmless for learning (the random weights already break the symmetry), but every bias
# drawn shifts all later draws (section 2), so such parameters never match a recipe that draws
# only the weights.
#
# **A tiny scale.** The planar note (000) draws its 2-4-1 weights times $0.001$, biases zero: our
# `method="random"` with `scale=0.001`. In so shallow a network that is fine: from scale $0.001$
# the tanh network of section 3 reaches the same cost as from $0.01$, only a few epochs later:

# %%
for scale in [0.01, 0.001]:
    start = nnlib.initialize_parameters(layer_dims, method="random", seed=1, scale=scale)
    _, history = nnlib.train(X, Y, layer_dims, hidden_activation="tanh", output_activation="sigmoid",
                             loss="bce", learning_rate=1.2, epochs=1000, parameters=start)
    below = next(epoch for epoch, cost in enumerate(history["cost"], start=1) if cost < 0.6)
    print(f"scale {scale}: cost {history['cost'][0]:.4f} -> {history['cost'][-1]:.4f}, below 0.6 from epoch {below}")

# %% [markdown]
# In a deep network the same scale would vanish even faster than the $0.01$ of section 4.
#
# **Transposed shapes.** The XOR note (002) first writes its initializer with `W1` of shape
# (inputs, hidden) and `W2` of shape (hidden, outputs), the row convention, while its forward pass
# computes `W @ X + B`, our convention. With 2 inputs and 2 hidden units `W1` is square, so layer 1
# runs and silently uses the transposed matrix; only layer 2 fails. (The note replaces the
# initializer a few cells later with the right shapes.) The same mistake in our code:

# %%
def init_transposed(n_x, n_h, n_y, seed=0):
    rng = np.random.default_rng(seed)
    return {"W1": rng.standard_normal((n_x, n_h)), "b1": np.zeros((n_h, 1)),
            "W2": rng.standard_normal((n_h, n_y)), "b2": np.zeros((n_y, 1))}


X_xor = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])  # (2, 4): four examples as columns
wrong = init_transposed(2, 2, 1)
Z1 = wrong["W1"] @ X_xor + wrong["b1"]
print("layer 1 runs, Z1", Z1.shape, "- with W1 transposed, and no error to say so")
try:
    Z2 = wrong["W2"] @ np.tanh(Z1) + wrong["b2"]
except ValueError as error:
    print("layer 2: ValueError:", str(error).split(",")[0])
print("expected shapes:", {key: value.shape for key, value in nnlib.initialize_parameters([2, 2, 1]).items()})

# %% [markdown]
# Compare the shapes with `layer_shapes` of notebook 00 right after initializing, before any layer
# runs: a square layer hides the mistake from numpy, not from that comparison.
#
# **A copy that copies nothing.** Before training, 002 "copies" its list of parameters
# `[W1, B1, W2, B2]` with `np.copy`, then updates each entry in place (`param += ...`). The four
# arrays have different shapes, so numpy cannot make them one array. Today's numpy (1.24 and later)
# refuses; older versions built an array of *objects* whose entries were the very same four arrays,
# so the in-place updates changed the caller's parameters after all:

# %%
start = [np.zeros((2, 2)), np.zeros((2, 1)), np.zeros((1, 2)), np.zeros((1, 1))]
try:
    np.copy(start)
except ValueError as error:
    print("np.copy of the list: ValueError:", str(error).split(".")[0])
held = np.empty(len(start), dtype=object)  # what older numpy made of it
for i, array in enumerate(start):
    held[i] = array
held[0] += 1.0                             # an in-place update through the "copy"
print("the 'copy' holds the same arrays:", held[0] is start[0], "; the caller's W1 is now\n", start[0])
safe = [array.copy() for array in start]   # copies each array
safe[0] += 1.0
print(f"with one .copy() per array: the copy's W1[0, 0] is {safe[0][0, 0]}, the caller's stays {start[0][0, 0]}")

# %% [markdown]
# To copy parameters, copy each array: `[p.copy() for p in params]`, or
# `{key: value.copy() for key, value in parameters.items()}` for the dict the course uses.
# (Notebook 05 shows a subtler relative of this bug in 001's training loop: a dict copied with
# `.copy()` still shares its arrays.)
#
# ## What you learned
#
# - $n^{[0]}$ and $n^{[L]}$ are the number of rows of $X$ and $Y$; only the hidden layers
#   (은닉층) are chosen.
# - Weights (가중치) must start random, or all units of a layer stay identical (symmetry); with
#   all-zero weights nothing moves at all and the cost stays at $\log 2$. Biases (편향) can start
#   at zero.
# - The scale matters: variance $1/n^{[l-1]}$ (Xavier) keeps the affine part level; ReLU needs
#   $2/n^{[l-1]}$ (He), and in a deep tanh network a variance of about $2/n^{[l-1]}$ to
#   $3/n^{[l-1]}$ keeps the spread best, as the measurement showed (activation functions, 활성화 함수).
#   Smaller weights make activations and gradients vanish (기울기 소실), larger ones explode or
#   saturate. The $n$ is the layer's number of **inputs**, $n^{[l-1]}$.
# - Shapes are checked against $(n^{[l]}, n^{[l-1]})$ right after initializing (a square layer hides a
#   transposed $W$), and parameters are copied array by array.
# - Matching random numbers means the same generator, the same draws, in the same order.
#
# Next, notebook 02 computes what these parameters do to the data: forward propagation (순전파).
