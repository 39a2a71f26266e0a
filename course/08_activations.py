# %% [markdown]
# # 08 — Activation functions compared
#
# Notebook 02 wrote four hidden-layer activation functions (활성화 함수): sigmoid, tanh, ReLU and
# leaky ReLU. In a network with one hidden layer the choice hardly matters. In a **deep** network it
# decides whether the network learns at all. This notebook trains the same deep network four times,
# once per activation, and looks inside: at the gradient that reaches each layer, at units that
# have stopped working, and at how fast each network learns. It ends with the other half of the
# choice, the output layer and the loss that go with each kind of task.
#
# **What you will be able to do**
#
# - explain, with the chain rule (연쇄 법칙), why deep sigmoid networks suffer from vanishing
#   gradients (기울기 소실), and measure it as the gradient norm of each layer;
# - count dead ReLU units and say how they arise (a too-large step, negative biases) and why they
#   do not recover;
# - compare activations by learning speed: epochs and seconds to a target accuracy;
# - pick the output activation and the loss (비용 함수) that fit a task: binary, multi-class,
#   several yes/no answers, or regression.
#
# | exercise | points |
# |---|---|
# | 1 `gradient_norms_per_layer` (values 1, twelve layers 1) | 2 |
# | 2 `dead_units_per_layer` | 2 |
# | 3 `output_layer_for` (the table 1, beyond the table 1) | 2 |
# | **total** | **6** |
#
# The exercises are independent and use `nnlib` for everything from earlier notebooks. The
# demonstrations use nnlib's own versions of this notebook's three exercises, from the module
# `nnlib.diagnostics`: `diagnostics.gradient_norms` (exercise 1), `diagnostics.dead_units`
# (exercise 2) and `diagnostics.output_layer_for` (exercise 3: the same name as yours, told apart
# by the `diagnostics.` in front), so every cell runs before you have written anything. They are
# the reference versions your functions are graded against: yours must agree with them, and must
# not call them.
#
# Conventions (notebook 00): examples are **columns**; $W^{[l]}$ has shape $(n^{[l]}, n^{[l-1]})$;
# parameters and gradients are dicts keyed `"W1"`, `"b1"`, ... and `"dW1"`, `"db1"`, ...

# %%
import time

import matplotlib.pyplot as plt
import numpy as np

import nnlib
from nnlib import diagnostics
from nnlib.data import load_mnist, load_study_hours, make_planar
from nnlib.plotting import plot_costs

%matplotlib inline
np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## 1. Four activations and their slopes
#
# | activation | $g(z)$ | $g'(z)$ | largest slope |
# |---|---|---|---|
# | sigmoid | $\sigma(z) = \dfrac{1}{1 + e^{-z}}$ | $\sigma(z)\,(1 - \sigma(z))$ | $\tfrac14$ at $z = 0$ |
# | tanh | $\tanh z$ | $1 - \tanh^2 z$ | $1$ at $z = 0$ |
# | ReLU | $\max(z, 0)$ | $1$ if $z > 0$, else $0$ | $1$ |
# | leaky ReLU | $z$ if $z > 0$, else $0.01\,z$ | $1$ if $z > 0$, else $0.01$ | $1$ |
#
# The slope matters because backpropagation (역전파) multiplies by it once per layer. Sigmoid and
# tanh are also *saturating*: for large $|z|$ their slope goes to 0. ReLU never saturates for
# $z > 0$, but its slope is exactly 0 for $z < 0$; leaky ReLU keeps a small slope there. (For
# $z > 0$ the two are the same function: in the plots leaky ReLU is the dashed line on top of
# ReLU's thick one.)

# %%
z = np.linspace(-5, 5, 401).reshape(1, -1)
names = ["sigmoid", "tanh", "relu", "leaky_relu"]
# ReLU and leaky ReLU coincide for z > 0: a thick solid line under a thin dashed one shows both
STYLE = {"sigmoid": dict(color="C0"), "tanh": dict(color="C1"),
         "relu": dict(color="C2", lw=4, alpha=0.6), "leaky_relu": dict(color="C3", ls="--", lw=1.5)}
fig, axes = plt.subplots(1, 2, figsize=(10, 3.5))
for name in names:
    g, g_backward = nnlib.get_activation(name)
    slope = g_backward(np.ones_like(z), z)
    axes[0].plot(z[0], g(z)[0], label=name, **STYLE[name])
    axes[1].plot(z[0], slope[0], label=name, **STYLE[name])
    print(f"{name:10s}  largest slope {slope.max():.4f}   slope at z = -3: {slope[0, 80]:.4f}")
axes[0].set_title("activation g(z)")
axes[1].set_title("slope g'(z)")
for ax in axes:
    ax.set_xlabel("z")
    ax.axhline(0, color="gray", lw=0.5)
    ax.legend()
axes[0].set_ylim(-1.5, 3)
plt.tight_layout()
plt.show()

# %% [markdown]
# ### Find the bugs: a ReLU and its slope from the source notes
#
# The study-hours note (004) tries ReLU in its last exercise, with two functions. Here they are
# again in our names, with the same two mistakes. `Z1` stands for an array left in the notebook by
# an earlier cell, as the note's own `z1` is.

# %%
Z1 = np.array([[0.5, -1.0, 2.0]])  # an earlier layer's pre-activation, still in the notebook


def buggy_relu(Z):
    Z[Z < 0] = 0
    return Z1  # a typo: not the argument


def buggy_relu_slope(Z):
    Z[Z < 0] = 0
    Z[Z > 0] = 1
    return Z


Z2 = np.array([[-3.0, 1.0, 4.0, -0.5]])
print("buggy_relu(Z2):", buggy_relu(Z2), "  nnlib.relu of the same numbers:", nnlib.relu(np.array([[-3.0, 1.0, 4.0, -0.5]])))
print("and Z2 itself is now", Z2)
hours = np.array([[3.0, 5.0], [5.0, 1.0], [10.0, 2.0]])  # the note's table: hours studied, slept
buggy_relu_slope(hours)
print("the data after buggy_relu_slope(hours):\n", hours)

# %% [markdown]
# - `buggy_relu` returns `Z1`, a global variable, instead of its result. Python looks up a name
#   that is not defined inside a function in the notebook's globals, so the typo raises no
#   error: the function answers with whatever `Z1` holds, and a network built on it would not
#   depend on its own layer at all.
# - Both functions write into the array they are given (`Z[Z < 0] = 0`). `buggy_relu` clipped the
#   caller's `Z2`, and the slope function, called on the data, turned every hour into a 1. The
#   note shows exactly this: after its slope function is called on its `x`, printing `x` gives a
#   table of ones.
#
# The fixes are one line each and return new arrays: `np.maximum(Z, 0)` and
# `(Z > 0).astype(float)`. `nnlib.relu` and `nnlib.relu_backward` never modify their inputs (nnlib's
# tests check it, and the checks of notebooks 02 and 04 check your versions).
#
# The same note also plots $\sigma$ and $\sigma'$ for $z = -10, \ldots, 9$ with `plt.plot(values)`,
# which puts the *position in the list* on the horizontal axis, not $z$:

# %%
z_list = np.arange(-10.0, 10.0).reshape(1, -1)  # -10, -9, ..., 9
sig, sig_slope = nnlib.sigmoid(z_list)[0], nnlib.sigmoid_backward(np.ones_like(z_list), z_list)[0]
fig, (by_index, by_z) = plt.subplots(1, 2, figsize=(9, 3))
by_index.plot(sig, label="σ(z)")
by_index.plot(sig_slope, label="σ'(z)")
by_index.set(xlabel="position in the list (what plt.plot(values) shows)", title="plotted against the index")
by_z.plot(z_list[0], sig, label="σ(z)")
by_z.plot(z_list[0], sig_slope, label="σ'(z)")
by_z.set(xlabel="z", title="plotted against z")
by_z.legend(loc="upper left")
plt.tight_layout()
plt.show()
peak = int(np.argmax(sig_slope))
print(f"the largest slope is at position {peak} of the list, which is z = {z_list[0, peak]}")

# %% [markdown]
# Against the index, $\sigma'$ peaks at 10 and $\sigma$ crosses $\tfrac12$ there, which reads as
# if the sigmoid were centred at $z = 10$. Pass the inputs too, `plt.plot(z, values)`.
#
# ## 2. One deep network, four activations
#
# The experiment: MNIST digits, the course's 4,000 training and 1,000 test digits, and a network
# with **five hidden layers** (은닉층) of 32 units, $784 \to 32 \to 32 \to 32 \to 32 \to 32 \to 10$,
# softmax output and cross-entropy. Each activation gets the initialization made for it in notebook
# 01 (Xavier for sigmoid and tanh, He for the ReLUs), then the same training: plain mini-batch
# gradient descent (경사 하강법), learning rate (학습률) 0.1, mini-batches (미니배치) of 64, six
# epochs (에포크). We keep the initial parameters too, to look inside later.

# %%
X_train, Y_train = load_mnist("train")
X_test, Y_test = load_mnist("test")
DIMS = [784, 32, 32, 32, 32, 32, 10]
EPOCHS = 6
INIT = {"sigmoid": "xavier", "tanh": "xavier", "relu": "he", "leaky_relu": "he"}

runs, seconds = {}, {}
for name in names:
    initial = nnlib.initialize_parameters(DIMS, method=INIT[name], seed=0)
    start = time.perf_counter()
    trained, history = nnlib.train(
        X_train, Y_train, DIMS, hidden_activation=name, output_activation="softmax", loss="ce",
        optimizer="gd", learning_rate=0.1, epochs=EPOCHS, batch_size=64, seed=0,
        parameters=initial, validation_data=(X_test, Y_test))
    seconds[name] = time.perf_counter() - start
    runs[name] = {"initial": initial, "trained": trained, "history": history}
    print(f"{name:10s}  cost {history['cost'][0]:.3f} -> {history['cost'][-1]:.3f}   "
          f"test accuracy after {EPOCHS} epochs: {100 * history['val_accuracy'][-1]:.1f} %")

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 3.5))
plot_costs({name: runs[name]["history"]["cost"] for name in names}, ax=axes[0], title="training cost")
for name in names:
    accuracy_curve = 100 * np.array(runs[name]["history"]["val_accuracy"])
    axes[1].plot(np.arange(1, EPOCHS + 1), accuracy_curve, marker="o", label=name)
axes[1].axhline(10, color="gray", lw=0.5, ls="--")
axes[1].set_xlabel("epoch")
axes[1].set_ylabel("test accuracy (%)")
axes[1].set_title("test accuracy; 10 % is guessing")
axes[1].legend()
plt.tight_layout()
plt.show()

# %% [markdown]
# Tanh, ReLU and leaky ReLU all learn, at similar speeds here. The sigmoid network does not learn
# at all: its cost stays at $\ln 10 \approx 2.303$, the cost of answering "every digit equally
# likely", and its accuracy stays at guessing level. Same data, same sizes, same learning rate;
# only $g$ differs. The next section finds out where the learning got stuck.
#
# ## 3. Vanishing gradients (기울기 소실)
#
# Backpropagation computes the gradient layer by layer, from the output back to the input
# (notebook 04):
#
# $$dZ^{[l]} = \left(W^{[l+1]T}\, dZ^{[l+1]}\right) \odot g'\!\left(Z^{[l]}\right), \qquad
# dW^{[l]} = \frac{1}{m}\, dZ^{[l]} A^{[l-1]T}.$$
#
# By the chain rule, the gradient that reaches layer $l$ is a product with one factor
# $g'(Z^{[k]})$ for **every** hidden layer $k \ge l$ above it. With sigmoid every such factor is at
# most $\tfrac14$; Xavier initialization keeps the $W^T$ factors from growing or shrinking the
# signal, so roughly
#
# $$\lVert dW^{[l]} \rVert \;\lesssim\; \left(\tfrac14\right)^{L-1-l} \lVert dW^{[L-1]} \rVert :$$
#
# four times smaller per layer, a thousand times smaller after five. The first layers then barely
# move and the network learns nothing useful. Tanh's slope is 1 near 0 and ReLU's is exactly 1 for
# active units, so their gradients keep their size.
#
# To see it we need the size of each layer's gradient. The **Frobenius norm** of a matrix is the
# square root of the sum of its squared entries, $\lVert dW \rVert_F = \sqrt{\sum_{i,j} dW_{ij}^2}$
# (`np.linalg.norm(dW)`).
#
# **Exercise 1 — `gradient_norms_per_layer` (2 points: values 1, twelve layers 1).** `grads` is the
# dict that `nnlib.model_backward` returns: `"dW1"`, `"db1"`, ..., `"dWL"`, `"dbL"` and also
# `"dA1"`, ..., `"dA{L-1}"`. Return the norms of the **weight** gradients only, in layer order
# $1, 2, \ldots, L$, as a numpy array of shape $(L,)$. Careful with deep networks: `sorted(grads)`
# sorts the keys as strings.

# %% solution id=gradient_norms_per_layer
def gradient_norms_per_layer(grads):
    """Frobenius norm of each layer's weight gradient.

    Parameters
    ----------
    grads : dict with dW1 (n[1], n[0]), ..., dWL (n[L], n[L-1]), and also db1, ..., dbL and
        dA1, ..., dA{L-1}, which are not weights and are ignored

    Returns
    -------
    norms : ndarray of shape (L,), norms[l-1] = ||dW{l}||_F = sqrt(sum of dW{l} ** 2)
    """
    ### BEGIN SOLUTION
    L = len([key for key in grads if key.startswith("dW")])
    return np.array([np.linalg.norm(grads[f"dW{l}"]) for l in range(1, L + 1)])
    ### END SOLUTION


# %% test id=test_gradient_norms_per_layer__values points=1
# test_gradient_norms_per_layer__values: norms of dW1, dW2 worked by hand; db and dA ignored; grads unchanged
from nnchecks.nb08_activations import check_gradient_norms_per_layer_values
check_gradient_norms_per_layer_values(gradient_norms_per_layer)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb08_activations import check_gradient_norms_per_layer_values_hidden
check_gradient_norms_per_layer_values_hidden(gradient_norms_per_layer)
### END HIDDEN TESTS

# %% test id=test_gradient_norms_per_layer__deep points=1
# test_gradient_norms_per_layer__deep: twelve layers come out in the order 1, 2, ..., 12
from nnchecks.nb08_activations import check_gradient_norms_per_layer_deep
check_gradient_norms_per_layer_deep(gradient_norms_per_layer)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb08_activations import check_gradient_norms_per_layer_deep_hidden
check_gradient_norms_per_layer_deep_hidden(gradient_norms_per_layer)
### END HIDDEN TESTS

# %% [markdown]
# `nnlib.train` does not report per-layer gradients, so we compute them ourselves on the first
# 1,000 training digits with `nnlib.model_forward` and `nnlib.model_backward`, once with the
# initial parameters and once with the trained ones, and measure them with nnlib's
# `diagnostics.gradient_norms`.

# %%
X_probe, Y_probe = X_train[:, :1000], Y_train[:, :1000]


def layer_gradient_norms(parameters, hidden_activation):
    AL, caches = nnlib.model_forward(X_probe, parameters, hidden_activation, "softmax")
    grads = nnlib.model_backward(AL, Y_probe, caches, hidden_activation, "softmax", "ce")
    return diagnostics.gradient_norms(grads)


norms = {when: {name: layer_gradient_norms(runs[name][when], name) for name in names}
         for when in ("initial", "trained")}
MARKERS = {"sigmoid": "o", "tanh": "^", "relu": "s", "leaky_relu": "x"}
layers = np.arange(1, len(DIMS))
fig, axes = plt.subplots(1, 2, figsize=(10, 3.5), sharey=True)
for ax, when in zip(axes, ("initial", "trained")):
    for k, name in enumerate(names):  # shifted sideways a little, so equal values do not hide
        ax.plot(layers + 0.06 * (k - 1.5), norms[when][name], marker=MARKERS[name], label=name,
                **STYLE[name])
    ax.set_yscale("log")
    ax.set_xlabel("layer l (1 = next to the input, 6 = output)")
    ax.set_title("at initialization" if when == "initial" else f"after {EPOCHS} epochs")
    ax.legend()
axes[0].set_ylabel("||dW[l]||  (log scale)")
plt.tight_layout()
plt.show()
for when in ("initial", "trained"):
    print(f"||dW[l]|| for l = 1..6, {'at initialization' if when == 'initial' else 'after training'}:")
    for name in names:
        print(f"  {name:10s}", "  ".join(f"{x:.1e}" for x in norms[when][name]))

# %% [markdown]
# Read the sigmoid line from right to left: from the output layer back to layer 2 the gradient
# shrinks by a factor of about four per layer, as the $\tfrac14$ bound predicts (layer 1 loses less
# because it has 784 inputs to sum over), and in layer 1 it ends hundreds to thousands of times
# smaller than tanh's or ReLU's. The first layers of the sigmoid network
# therefore hardly change, and the layers above them are trained on features that are still
# random. For the other three activations the hidden layers' gradients stay within a factor of a
# few of each other (layer 1 is larger: it has 784 inputs). At initialization ReLU and leaky ReLU
# print the same norms to two digits (for $z > 0$ they are the same function, and the leak's
# slope of 0.01 adds little), so their markers, a square and a cross, sit on top of each other;
# after training the leaky network's gradients are somewhat larger.

# %%
sigmoid_norms = norms["initial"]["sigmoid"]
shrink = sigmoid_norms[2:6] / sigmoid_norms[1:5]  # layer l+1 over layer l, for l = 2..5
print("sigmoid, ratio ||dW[l+1]|| / ||dW[l]|| for l = 2..5:", np.round(shrink, 1))
print(f"sigmoid: layer 6 / layer 1 = {sigmoid_norms[5] / sigmoid_norms[0]:.0f}")
for name in ("tanh", "relu", "leaky_relu"):
    hidden = norms["initial"][name][1:5]
    print(f"{name:10s}: largest / smallest of layers 2..5 = {hidden.max() / hidden.min():.1f}")
assert (shrink > 2).all() and sigmoid_norms[5] / sigmoid_norms[0] > 100
assert all(norms["initial"][n][1:5].max() / norms["initial"][n][1:5].min() < 3 for n in ("tanh", "relu", "leaky_relu"))

# %% [markdown]
# ## 4. Dead ReLU units
#
# ReLU avoids the shrinking factor, but it has a failure of its own. A unit of hidden layer $l$ is
# **dead** when its pre-activation $z$ is $\le 0$ for **every** example: it outputs 0 for every
# input, its slope is 0 everywhere, so $dZ$ for it is 0, and by $dW^{[l]} = \frac1m dZ^{[l]}
# A^{[l-1]T}$ its incoming weights and its bias get zero gradient. Nothing in its own parameters can
# bring it back. (A unit in a deeper layer can revive if the layers below it change what it sees;
# a dead unit of layer 1, whose input is the fixed data $X$, never does.)
#
# It happens when the weights or biases are pushed far into the negative, typically by a too large
# step (too large a learning rate) or by badly initialized biases. Dead units are wasted capacity;
# when a whole layer dies, no gradient passes it at all.
#
# **Exercise 2 — `dead_units_per_layer` (2 points).** For a network with ReLU hidden layers, count
# in each hidden layer $1, \ldots, L-1$ the units whose ReLU output is 0 on every column of `X`.
# Use `nnlib.model_forward(X, parameters, "relu", output_activation)` for the forward pass (the
# output activation does not matter here; the output layer is not counted) and read each hidden
# layer's `Z` from the caches: `caches[l - 1].Z` is $Z^{[l]}$, shape $(n^{[l]}, m)$, one row per
# unit. Return an integer array of shape $(L-1,)$.

# %% solution id=dead_units_per_layer
def dead_units_per_layer(X, parameters):
    """Number of dead units in each hidden layer of a ReLU network.

    Parameters
    ----------
    X : ndarray of shape (n[0], m), the examples to look at (columns)
    parameters : dict with W1, b1, ..., WL, bL; layers 1..L-1 use ReLU

    Returns
    -------
    counts : integer ndarray of shape (L-1,); counts[l-1] is the number of units of hidden layer l
        whose ReLU output is 0 on every example (Z <= 0 along the unit's whole row)
    """
    ### BEGIN SOLUTION
    _, caches = nnlib.model_forward(X, parameters, "relu", "sigmoid")
    return np.array([int(np.all(cache.Z <= 0, axis=1).sum()) for cache in caches[:-1]])
    ### END SOLUTION


# %% test id=test_dead_units_per_layer points=2
# test_dead_units_per_layer: a 2-3-2-1 ReLU network worked by hand; output layer not counted; inputs unchanged
from nnchecks.nb08_activations import check_dead_units_per_layer
check_dead_units_per_layer(dead_units_per_layer)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb08_activations import check_dead_units_per_layer_hidden
check_dead_units_per_layer_hidden(dead_units_per_layer)
### END HIDDEN TESTS

# %% [markdown]
# **In the ReLU network of section 2**, with He initialization and a sensible learning rate, almost
# every unit is alive before and after training (out of $5 \times 32 = 160$ hidden units, counted
# here and below by nnlib's `diagnostics.dead_units`):

# %%
print("dead units per hidden layer, at initialization:", diagnostics.dead_units(X_train, runs["relu"]["initial"]))
print("dead units per hidden layer, after training:   ", diagnostics.dead_units(X_train, runs["relu"]["trained"]))

# %% [markdown]
# **One step that is far too large.** We take a single full-batch gradient step with learning rate
# 3 from the same initialization, then train normally (learning rate 0.1) for four epochs.

# %%
relu_initial = runs["relu"]["initial"]
AL, caches = nnlib.model_forward(X_train, relu_initial, "relu", "softmax")
grads = nnlib.model_backward(AL, Y_train, caches, "relu", "softmax", "ce")
kicked = nnlib.update_parameters(relu_initial, grads, learning_rate=3.0)
dead_after_kick = diagnostics.dead_units(X_train, kicked)
recovered, kicked_history = nnlib.train(
    X_train, Y_train, DIMS, hidden_activation="relu", output_activation="softmax", loss="ce",
    learning_rate=0.1, epochs=4, batch_size=64, seed=0, parameters=kicked, validation_data=(X_test, Y_test))
dead_later = diagnostics.dead_units(X_train, recovered)
print(f"after one step with learning rate 3: {dead_after_kick}  ({dead_after_kick.sum()} of 160 dead)")
print(f"after 4 more epochs at 0.1:          {dead_later}  ({dead_later.sum()} of 160 dead)")
print(f"test accuracy after those 4 epochs: {100 * kicked_history['val_accuracy'][-1]:.1f} % "
      f"(the undamaged network had {100 * runs['relu']['history']['val_accuracy'][3]:.1f} % after 4 epochs)")
assert dead_after_kick.sum() > 40 and dead_later[0] == dead_after_kick[0] > 0

# %% [markdown]
# The big step killed many units at once. In layer 1 they stay dead for good, as predicted; some
# deeper units came back when the layers below them changed. The damaged network trains, but
# with fewer working units it lags behind the one that started well.
#
# **Negative biases.** Now we start from the same He weights, but with every hidden bias set to
# $-0.5$ instead of 0:

# %%
negative = {key: (value - 0.5 if key.startswith("b") and key != f"b{len(DIMS) - 1}" else value)
            for key, value in relu_initial.items()}
dead_negative = diagnostics.dead_units(X_train, negative)
print("dead units per hidden layer:", dead_negative)
for name in ("relu", "leaky_relu"):
    print(f"{name:10s} ||dW[l]|| for l = 1..6:",
          "  ".join(f"{x:.1e}" for x in layer_gradient_norms(negative, name)))
_, stuck_history = nnlib.train(
    X_train, Y_train, DIMS, hidden_activation="relu", output_activation="softmax", loss="ce",
    learning_rate=0.1, epochs=2, batch_size=64, seed=0, parameters=negative, validation_data=(X_test, Y_test))
print("ReLU with these biases, test accuracy per epoch:", np.round(stuck_history["val_accuracy"], 3))
assert (dead_negative[2:] == 32).all() and (layer_gradient_norms(negative, "relu")[:5] == 0).all()

# %% [markdown]
# Layers 3, 4 and 5 are entirely dead, so the network's output no longer depends on the input at
# all. Every weight gradient is **exactly zero** (the output layer's too: its input $A^{[5]}$ is all
# zeros). Training can only adjust the output bias, which learns to predict one digit, and the
# accuracy stays at guessing level forever. Leaky ReLU keeps a gradient, but every layer of
# inactive units multiplies it by 0.01: in the first layers it is about $10^{-7}$ of its usual
# size (compare with section 3). A leak does not rescue a badly broken initialization. Keep the
# biases at zero (or slightly positive) and the learning rate moderate.
#
# ## 5. Speed of learning
#
# "Which activation learns fastest?" has two answers: in **epochs** (how much data it needs to see)
# and in **seconds** (what one epoch costs). The epochs to reach 85 % test accuracy come from the
# histories of section 2:

# %%
TARGET = 0.85


def epochs_to_reach(val_accuracy, target):
    """The first epoch (1-based) whose accuracy is at least target, or None."""
    reached = np.flatnonzero(np.asarray(val_accuracy) >= target)
    return int(reached[0]) + 1 if reached.size else None


epochs_needed = {name: epochs_to_reach(runs[name]["history"]["val_accuracy"], TARGET) for name in names}
for name in names:
    n = epochs_needed[name]
    print(f"{name:10s}  {'never, in ' + str(EPOCHS) + ' epochs' if n is None else str(n) + ' epoch(s)'}")
assert epochs_needed["sigmoid"] is None and all(epochs_needed[n] is not None for n in ("tanh", "relu", "leaky_relu"))

# %% [markdown]
# Wall-clock time depends on your computer, so the next cell's output differs from run to run
# (and is not graded). Note 001 says ReLU's gradient is much faster to compute, its slope being 0
# or 1. Per entry that is so: a comparison, where sigmoid and tanh need an exponential. Whether it
# matters for a whole epoch depends on how large a share of the epoch the activations are, next
# to the matrix products: layer 1 alone multiplies a $32 \times 784$ matrix with 4,000 columns,
# forward and again for $dW^{[1]}$, about $2 \times 32 \cdot 784 \cdot 4000 \approx 2 \cdot 10^8$
# multiply-adds, while the five hidden layers hold $5 \cdot 32 \cdot 4000 = 640{,}000$ activations.
# So the cell also times each activation with its slope on all the hidden entries of one epoch,
# and the one product `W1 @ X_train`. Compare the columns on your machine before believing
# anyone's claim about speed, ours included.

# %%
# NBVAL_IGNORE_OUTPUT
print("activation   seconds/epoch   seconds to reach 85 %   activations alone, s/epoch")
Z_hidden = np.random.default_rng(0).standard_normal((5 * 32, X_train.shape[1]))  # every hidden entry of an epoch
for name in names:
    per_epoch = seconds[name] / EPOCHS
    n = epochs_needed[name]
    g, g_backward = nnlib.get_activation(name)
    begin = time.perf_counter()
    for _ in range(10):
        g_backward(np.ones_like(Z_hidden), Z_hidden), g(Z_hidden)
    alone = (time.perf_counter() - begin) / 10
    print(f"{name:10s}   {per_epoch:13.3f}   {'-' if n is None else f'{n * per_epoch:.2f}':>21s}   {alone:26.4f}")
begin = time.perf_counter()
for _ in range(10):
    runs["relu"]["initial"]["W1"] @ X_train
print(f"for comparison, W1 @ X_train once: {(time.perf_counter() - begin) / 10:.4f} s")

# %% [markdown]
# ## 6. The output layer and its loss
#
# The hidden activation is a design choice; the **output** activation is dictated by what the
# targets are, and each one comes with the loss (비용 함수) whose gradient makes backpropagation
# simple, $dZ^{[L]} = A^{[L]} - Y$ (notebook 04):
#
# | task | targets $Y$ | output activation | loss |
# |---|---|---|---|
# | binary classification | one row of 0/1 | sigmoid (a probability) | binary cross-entropy `"bce"` |
# | multi-class classification | one-hot columns, $k \ge 2$ rows | softmax (a distribution over $k$ classes) | categorical cross-entropy `"ce"` |
# | regression, targets that are fractions in $[0, 1]$ | real numbers in $[0, 1]$ | sigmoid (keeps every prediction in $[0, 1]$) | mean squared error `"mse"` |
# | regression | other real numbers | linear (the identity: any value) | mean squared error `"mse"` |
#
# One case beyond the table: several independent yes/no answers per example (a photo can show a
# cat *and* a dog). Then $Y$ has several rows of 0/1 but a column may hold more than one 1, so it is
# not one-hot; each row gets its own sigmoid unit, and binary cross-entropy is summed over the
# rows.
#
# **Exercise 3 — `output_layer_for` (2 points: the table 1, beyond the table 1).** Look at the
# targets `Y` (shape $(n_y, m)$) and return the pair `(output_activation, loss)`, using the names
# of `nnlib`:
#
# - every entry is 0 or 1, there are at least 2 rows and every column holds exactly one 1 (one-hot):
#   `("softmax", "ce")`;
# - every entry is 0 or 1 otherwise (one row, or several yes/no rows): `("sigmoid", "bce")`;
# - otherwise, if every entry lies in $[0, 1]$ (fractions, such as the grades / 100 of the
#   study-hours data): `("sigmoid", "mse")`, the pair notebook 06 trains that data with;
# - anything else (real-valued targets outside $[0, 1]$): `("linear", "mse")`.

# %% solution id=output_layer_for
def output_layer_for(Y):
    """The output activation and loss that fit the targets Y.

    Parameters
    ----------
    Y : ndarray of shape (n_y, m), the targets, one column per example

    Returns
    -------
    (output_activation, loss) : tuple of two str, one of ("softmax", "ce"), ("sigmoid", "bce"),
        ("sigmoid", "mse"), ("linear", "mse")
    """
    ### BEGIN SOLUTION
    if np.all((Y == 0) | (Y == 1)):
        if Y.shape[0] >= 2 and np.all(Y.sum(axis=0) == 1):
            return ("softmax", "ce")
        return ("sigmoid", "bce")
    if np.all((Y >= 0) & (Y <= 1)):
        return ("sigmoid", "mse")
    return ("linear", "mse")
    ### END SOLUTION


# %% test id=test_output_layer_for__table points=1
# test_output_layer_for__table: binary labels, one-hot digits and grades / 100 give the table's pairs
from nnchecks.nb08_activations import check_output_layer_for_table
check_output_layer_for_table(output_layer_for)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb08_activations import check_output_layer_for_table_hidden
check_output_layer_for_table_hidden(output_layer_for)
### END HIDDEN TESTS

# %% test id=test_output_layer_for__more points=1
# test_output_layer_for__more: two-class one-hot, several yes/no rows, targets outside [0, 1], a row of ones
from nnchecks.nb08_activations import check_output_layer_for_more
check_output_layer_for_more(output_layer_for)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb08_activations import check_output_layer_for_more_hidden
check_output_layer_for_more_hidden(output_layer_for)
### END HIDDEN TESTS

# %% [markdown]
# The course's data sets, and the pair each one gets (from nnlib's `diagnostics.output_layer_for`).
# The study-hours grades / 100 get the sigmoid output and squared error that notebook 06 (and
# the source note) train them with; the same grades out of 100 would get a linear output.

# %%
X_planar, Y_planar = make_planar()
X_hours, Y_hours = load_study_hours()
for label, targets in [("planar flower", Y_planar), ("MNIST digits", Y_train),
                       ("study hours -> grade / 100", Y_hours), ("study hours -> grade", 100 * Y_hours)]:
    print(f"{label:28s} Y {str(targets.shape):12s} -> {diagnostics.output_layer_for(targets)}")

# %% [markdown]
# **What a wrong pair does.** On the planar flower (4 tanh hidden units, 1,000 epochs), the fitting
# pair against two misfits, both trained with squared error: a softmax over a single unit, and a
# linear output. (The softmax gets squared error because its own loss, cross-entropy, would show
# nothing: with one unit its output is always 1, so $-\frac1m \sum y \log a$ is 0 from the start,
# a "perfect" cost for a network that calls every point class 1.)

# %%
for output, loss, rate in [("sigmoid", "bce", 1.0), ("softmax", "mse", 0.1), ("linear", "mse", 0.1)]:
    params, history = nnlib.train(X_planar, Y_planar, [2, 4, 1], hidden_activation="tanh",
                                  output_activation=output, loss=loss, learning_rate=rate,
                                  epochs=1000, init="xavier", seed=0)
    AL, _ = nnlib.model_forward(X_planar, params, "tanh", output)
    acc = nnlib.accuracy(nnlib.predict(X_planar, params, "tanh", output), Y_planar)
    print(f"{output:7s} + {loss}: cost {history['cost'][0]:.3f} -> {history['cost'][-1]:.3f}, "
          f"accuracy {100 * acc:5.1f} %, outputs in [{AL.min():.2f}, {AL.max():.2f}]")

# %% [markdown]
# - A softmax over **one** unit is always exactly 1 ($e^{z}/e^{z}$), whatever the input: its
#   squared error stays at $\frac{1}{2m}\sum (a - y)^2 = \frac12 \cdot \frac12 = 0.250$ (half
#   of the points are off by 1), no gradient reaches the network, and every point gets class 1.
#   Softmax needs at least two units.
# - A linear output learns something, but its outputs leave $[0, 1]$, so they are not
#   probabilities, and squared error punishes confident right answers ($a = 1.2$ for $y = 1$),
#   which makes it a poorer fit than sigmoid with cross-entropy.
#
# And the other way round, a regression with a sigmoid output: grades out of 100 for the three
# students of the study-hours data (hours studied and slept, scaled), 3 tanh hidden units,
# squared error.

# %%
grades = Y_hours * 100
for output in ("linear", "sigmoid"):
    params, history = nnlib.train(X_hours, grades, [2, 3, 1], hidden_activation="tanh",
                                  output_activation=output, loss="mse", learning_rate=0.01,
                                  epochs=2000, init="xavier", seed=0)
    AL, _ = nnlib.model_forward(X_hours, params, "tanh", output)
    print(f"{output:7s} output: predicted {np.round(AL[0], 1)} for grades {grades[0]}, "
          f"final cost {history['cost'][-1]:.1f}")

# %% [markdown]
# A sigmoid can never output more than 1, so it cannot predict 75: it saturates at 1 and the cost
# stays enormous. The source note avoids that by writing the grades as fractions (0.75, 0.82,
# 0.93), which works because grades are bounded: targets in $[0, 1]$ suit a sigmoid, as in the
# table. A linear output needs no such trick.
#
# ## What you learned
#
# - Backpropagation multiplies by $g'(Z)$ once per layer (연쇄 법칙, chain rule). Sigmoid's slope is
#   at most $\tfrac14$, so in a deep sigmoid network the gradient shrinks about four times per layer
#   (기울기 소실, vanishing gradient) and the first layers do not learn. Tanh and ReLU keep the
#   gradient's size; measuring $\lVert dW^{[l]} \rVert$ per layer shows which case you are in.
# - A ReLU unit whose $z \le 0$ on every example is dead: zero output, zero gradient, no way back
#   through its own parameters. Too large a step or negative biases cause it; count dead units per
#   layer to notice it. Leaky ReLU's small slope keeps some gradient, but cannot rescue a network
#   whose layers are dead.
# - Compare activations by epochs *and* seconds to a target accuracy; the first depends on the
#   gradients, the second on the cost of an epoch.
# - The output layer follows the targets: 0/1 → sigmoid + binary cross-entropy; one-hot → softmax +
#   cross-entropy; fractions in [0, 1] → sigmoid + mean squared error; other real values →
#   linear + mean squared error.
# - Functions that write into their arguments, or return a global by a typo, fail silently: the
#   source note's ReLU did both. Plot a function against its inputs, not against list positions.
#
# Korean terms: 활성화 함수 (activation function), 은닉층 (hidden layer), 역전파 (backward
# propagation), 연쇄 법칙 (chain rule), 기울기 소실 (vanishing gradient), 경사 하강법 (gradient
# descent), 학습률 (learning rate), 미니배치 / 에포크 (mini-batch / epoch), 비용 함수 (cost function).
#
# Next, notebook 09 puts everything together: an MNIST network from scratch that beats a target
# accuracy.

# %% [markdown] id=playground_intro
# ## 7. Playground: activations and dead units
#
# This section is optional and not graded. The cell below trains a network step by step and
# shows the data with the network's output over the plane, the cost after every step, and the
# gradient norm $\lVert dW^{[l]} \rVert$ of every layer, measured with **your**
# `gradient_norms_per_layer`; for ReLU networks the line next to the buttons counts the dead units
# of each hidden layer with **your** `dead_units_per_layer`. Until they work, the cell says so and
# uses nnlib's `diagnostics` instead.
#
# In JupyterLab, controls appear above the figure (data, hidden layers and units, activation,
# initialization, optimizer, learning rate $\alpha$, batch size, seed); **Start** trains in the
# background, **Stop** pauses, **Reset** starts a new network. A new learning rate, optimizer
# or batch size applies to the network being trained; every other control starts a new one.
# Without a browser (grading, `nbgrader validate`) the cell draws its figure once.
#
# It starts with the planar flower, 2 hidden layers of 8 ReLU units, He initialization,
# full-batch gradient descent with $\alpha = 0.3$, after 300 steps.

# %% id=playground
from nnplayground import playground

playground(data="planar", hidden_layers=2, units=8, activation="relu", init="he", optimizer="gd",
           learning_rate=0.3, steps=300, seed=0,
           gradient_norms=gradient_norms_per_layer, dead_units=dead_units_per_layer)

# %% [markdown] id=playground_questions
# **Try it.**
#
# 1. Make a ReLU net with dead units: raise $\alpha$ and press **Reset** and **Start** for each
#    value. From which $\alpha$ on do units die? Can you kill a whole layer, and what do the
#    cost (compare it with $\ln 2 \approx 0.693$) and that layer's gradient norm do then?
# 2. With the same settings choose `leaky_relu`. Does the network still get stuck where ReLU did?
# 3. Vanishing gradients: 4 hidden layers of 8 `sigmoid` units with `xavier` initialization.
#    How far apart are the gradient norms of layer 1 and layer 5, and how fast does the cost
#    fall? Then choose `tanh`.
