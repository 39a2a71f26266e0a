# %% [markdown]
# # 05 — Parameter update: gradient descent and its variants
#
# Notebook 04 computed the gradients `dW1, db1, ...` of the cost. This notebook uses them: one
# step of **gradient descent** (경사 하강법) moves every parameter a little against its gradient.
# Then we look at *how much data* each step sees (full batch, stochastic, mini-batch) and at two
# update rules that remember earlier steps (momentum and Adam).
#
# **What you will be able to do**
#
# - write the gradient-descent step for all the parameters of an L-layer network, without
#   touching the caller's dictionary;
# - say what an epoch (에포크) and an update are in full-batch, stochastic and mini-batch
#   (미니배치) gradient descent, and read their cost curves;
# - cut a data set into shuffled mini-batches that are the same on every run;
# - implement momentum and Adam and see, on a picture, why they help.
#
# Everything this notebook needs from earlier notebooks comes from `nnlib`, so a stuck
# exercise in 04 does not stop you here. Each exercise is graded on its own: later cells use
# `nnlib`'s versions of the functions you write, never yours.

# %%
%matplotlib inline
import time

import matplotlib.pyplot as plt
import numpy as np

import nnlib
from nnlib.data import load_study_hours, make_planar

np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## 1. One step of gradient descent
#
# For every layer $l = 1, \dots, L$ and a learning rate (학습률) $\alpha > 0$:
#
# $$W^{[l]} \leftarrow W^{[l]} - \alpha \, dW^{[l]}, \qquad b^{[l]} \leftarrow b^{[l]} - \alpha \, db^{[l]}$$
#
# where $dW^{[l]} = \partial J / \partial W^{[l]}$ has the shape of $W^{[l]}$, $(n^{[l]}, n^{[l-1]})$,
# and $db^{[l]}$ the shape of $b^{[l]}$, $(n^{[l]}, 1)$. The gradient points uphill, so we step
# the other way; $\alpha$ says how far.
#
# The parameters live in a dict `{"W1": ..., "b1": ..., "W2": ..., "b2": ...}` and
# `nnlib.model_backward` returns a dict with `"dW1", "db1", ...` (and `"dA1", ...`, which the
# update does not need). The number of layers is `L = len(parameters) // 2`.
#
# ### A first attempt, with two bugs
#
# Here is an update the way it is often first written. Both of its slips are in the source notes:
# the first MNIST forward pass of note 001 reads its weights with a lower-case key, and the update
# of notes 001 and 003 subtracts in place. Read it, then run the cell after it.

# %%
def buggy_update(parameters, grads, learning_rate):
    """One gradient-descent step (buggy: do not use)."""
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["w" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters

# %% [markdown]
# We try it on the study-hours network of the source notes: 2 inputs (hours studied, hours
# slept), 3 sigmoid hidden units, 1 sigmoid output, mean squared error.

# %%
X_hours, Y_hours = load_study_hours()
start = nnlib.initialize_parameters([2, 3, 1], method="xavier", seed=0)


def cost_and_grads(parameters):
    """Cost and gradients of the study-hours network, with nnlib's forward and backward passes."""
    AL, caches = nnlib.model_forward(X_hours, parameters, "sigmoid", "sigmoid")
    cost = nnlib.compute_cost(AL, Y_hours, "mse")
    return cost, nnlib.model_backward(AL, Y_hours, caches, "sigmoid", "sigmoid", "mse")


parameters = {key: value.copy() for key, value in start.items()}
cost, grads = cost_and_grads(parameters)
stepped = buggy_update(parameters, grads, learning_rate=1.0)

print("keys after one step:   ", sorted(stepped))
print("W1 moved:              ", not np.array_equal(stepped["W1"], start["W1"]))
print("b1 moved:              ", not np.array_equal(stepped["b1"], start["b1"]))
print("same dict as the input:", stepped is parameters)
try:
    cost_and_grads(stepped)
except ValueError as error:
    print("next forward pass:      ValueError:", error)
try:
    buggy_update(stepped, grads, learning_rate=1.0)
except KeyError as error:
    print("next update:            KeyError:", error)

# %% [markdown]
# Two bugs:
#
# 1. **A lower-case key.** `"w" + str(l)` creates a *new* entry `"w1"`; the real `"W1"` never
#    moves, so only the biases learn. With a forward pass that ignores unknown keys, the cost
#    would fall slowly or stall and no error would say why; `nnlib` refuses the dict instead,
#    and the next call of `buggy_update` counts 3 layers in a 2-layer network and asks for `"W3"`.
# 2. **Updating in place.** The function writes into the dict it was given, so the caller's
#    `parameters` changed as well. Whoever still needed the old values (to compare, to plot a
#    path, to retry with another learning rate) has lost them. Return a new dict instead.
#
# **Exercise 1 — `update_parameters` (2 points).** Write the step without these bugs: return a
# **new** dict with the same keys, and leave `parameters` and `grads` unchanged. It must work for
# any number of layers.

# %% solution id=update_parameters
def update_parameters(parameters, grads, learning_rate):
    """One gradient-descent step.

    Parameters
    ----------
    parameters : dict with "W1" (n[1], n[0]), "b1" (n[1], 1), ..., "WL", "bL"
    grads : dict with "dW1", "db1", ..., "dWL", "dbL" of the same shapes (it may hold other keys
        such as "dA1" too; ignore them)
    learning_rate : float

    Returns
    -------
    new_parameters : a new dict with the same keys, W{l} - learning_rate * dW{l} and
        b{l} - learning_rate * db{l}
    """
    ### BEGIN SOLUTION
    L = len(parameters) // 2
    new_parameters = {}
    for l in range(1, L + 1):
        new_parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        new_parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return new_parameters
    ### END SOLUTION

# %% test id=test_update_parameters__values points=1
# test_update_parameters__values: a 2-layer step worked by hand (learning rate 0.1)
from nnchecks.nb05_update import check_update_parameters
check_update_parameters(update_parameters)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb05_update import check_update_parameters_hidden
check_update_parameters_hidden(update_parameters)
### END HIDDEN TESTS

# %% test id=test_update_parameters__new_dict points=1
# test_update_parameters__new_dict: a new dict with exactly the same keys; inputs unchanged; 3 layers work
from nnchecks.nb05_update import check_update_parameters_new_dict
check_update_parameters_new_dict(update_parameters)

# %% [markdown]
# With a correct step (we use `nnlib.update_parameters`, so this cell works whatever state your
# exercise is in), the study-hours network learns: every step lowers the cost.

# %%
parameters, costs = start, []
for step in range(300):
    cost, grads = cost_and_grads(parameters)
    costs.append(cost)
    parameters = nnlib.update_parameters(parameters, grads, learning_rate=5.0)
print(f"cost at step 1: {costs[0]:.5f}, step 100: {costs[99]:.5f}, step 300: {costs[-1]:.5f}")
assert all(later < earlier for earlier, later in zip(costs, costs[1:]))

# %% [markdown]
# ## 2. How much data per step: full batch, stochastic, mini-batch
#
# The cost is a mean over the $m$ training examples, $J = \frac{1}{m}\sum_{i=1}^{m} \mathcal{L}^{(i)}$,
# and so is its gradient. How many examples we average over before each update gives three
# flavours of gradient descent:
#
# | | examples per update | updates per epoch | each update |
# |---|---|---|---|
# | full batch (batch gradient descent) | all $m$ | 1 | exact gradient, smooth, but one step per pass |
# | stochastic (SGD) | 1 | $m$ | cheap, very noisy |
# | mini-batch | $b$ (e.g. 32) | $\lceil m / b \rceil$ | a bit noisy, uses vectorised maths well |
#
# An **epoch** is one pass over all $m$ examples. The gradient of a mini-batch is an estimate of
# the full gradient; it is a fair estimate only if the batches are random samples, so the
# examples are **shuffled** before every epoch, with X's and Y's columns in the same order.
#
# **Exercise 2 — `random_mini_batches` (2 points).** Shuffle the columns and cut them into
# batches. To make the result the same on every run (and the same as `nnlib`'s), follow this
# recipe exactly:
#
# 1. `order = np.random.default_rng(seed).permutation(m)` — a random order of `0, ..., m-1`;
# 2. batch $k = 0, 1, \dots$ holds the examples `order[k*batch_size : (k+1)*batch_size]`, i.e.
#    the columns `X[:, those]` and `Y[:, those]`;
# 3. the last batch holds what is left ($m \bmod b$ examples) when `batch_size` does not divide
#    $m$; there are no empty batches.

# %% solution id=random_mini_batches
def random_mini_batches(X, Y, batch_size, seed):
    """Shuffle the examples (columns) of X and Y together and cut them into mini-batches.

    Parameters
    ----------
    X : ndarray of shape (n[0], m)
    Y : ndarray of shape (n[L], m)
    batch_size : int, examples per batch (the last batch may be smaller)
    seed : int, for np.random.default_rng(seed)

    Returns
    -------
    list of (X_batch, Y_batch) pairs, X_batch of shape (n[0], b) and Y_batch of shape (n[L], b)
    """
    ### BEGIN SOLUTION
    m = X.shape[1]
    order = np.random.default_rng(seed).permutation(m)
    batches = []
    for start in range(0, m, batch_size):
        columns = order[start:start + batch_size]
        batches.append((X[:, columns], Y[:, columns]))
    return batches
    ### END SOLUTION

# %% test id=test_random_mini_batches__order points=1
# test_random_mini_batches__order: 5 examples, batches of 2, seed 0: which columns go where
from nnchecks.nb05_update import check_random_mini_batches
check_random_mini_batches(random_mini_batches)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb05_update import check_random_mini_batches_hidden
check_random_mini_batches_hidden(random_mini_batches)
### END HIDDEN TESTS

# %% test id=test_random_mini_batches__sizes points=1
# test_random_mini_batches__sizes: batch shapes, a smaller last batch, no empty batch, the seed is used
from nnchecks.nb05_update import check_random_mini_batches_sizes
check_random_mini_batches_sizes(random_mini_batches)

# %% [markdown]
# ### The three flavours on the same data
#
# The planar "flower" data (400 points, two classes) and the network of the source notes: 4 tanh
# hidden units and a sigmoid output, binary cross-entropy. The same start, the same learning
# rate $\alpha = 0.3$; only the batch size changes: 400 (full batch), 32 (mini-batch), 1 (SGD).
# After every update we measure the cost on the **whole** training set, so the curves can be
# compared.

# %%
X_planar, Y_planar = make_planar()


def planar_cost(parameters):
    AL, _ = nnlib.model_forward(X_planar, parameters, "tanh", "sigmoid")
    return nnlib.compute_cost(AL, Y_planar, "bce")


def descend(batch_size, epochs, learning_rate=0.3, keep_updates=400):
    """Mini-batch gradient descent with nnlib's pieces; the full cost per epoch and per update."""
    parameters = nnlib.initialize_parameters([2, 4, 1], method="xavier", seed=0)
    per_epoch, per_update = [planar_cost(parameters)], [planar_cost(parameters)]
    for epoch in range(epochs):
        for X_batch, Y_batch in nnlib.random_mini_batches(X_planar, Y_planar, batch_size, seed=epoch):
            AL, caches = nnlib.model_forward(X_batch, parameters, "tanh", "sigmoid")
            grads = nnlib.model_backward(AL, Y_batch, caches, "tanh", "sigmoid", "bce")
            parameters = nnlib.update_parameters(parameters, grads, learning_rate)
            if len(per_update) <= keep_updates:
                per_update.append(planar_cost(parameters))
        per_epoch.append(planar_cost(parameters))
    return np.array(per_epoch), np.array(per_update)


# enough epochs for 400 updates (full batch: 400 x 1, batches of 32: 31 x 13) and for 15 epochs
runs = {"full batch (400)": descend(400, epochs=400),
        "mini-batch (32)": descend(32, epochs=31),
        "stochastic (1)": descend(1, epochs=15)}

fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.5))
for label, (per_epoch, per_update) in runs.items():
    left.plot(np.arange(16), per_epoch[:16], marker=".", label=label)
    right.plot(np.arange(401), per_update[:401], label=label, lw=1)
left.set(xlabel="epoch (passes over the data)", ylabel="cost on all 400 examples", title="per epoch")
right.set(xlabel="update (steps of gradient descent)", title="per update")
right.legend(loc="upper right")  # the empty corner: no curve passes there
plt.show()

print(f"{'':18} {'epoch 1':>8} {'epoch 5':>8} {'epoch 15':>8} {'update 50':>10} {'update 400':>10}")
for label, (per_epoch, per_update) in runs.items():
    print(f"{label:18} {per_epoch[1]:8.3f} {per_epoch[5]:8.3f} {per_epoch[15]:8.3f} "
          f"{per_update[50]:10.3f} {per_update[400]:10.3f}")

# %% [markdown]
# Read the two panels together:
#
# - **Per epoch** (left), SGD is far ahead: in one pass over the data it has made 400 updates,
#   the full batch has made one. But its curve jumps up and down: each step follows a single
#   example.
# - **Per update** (right), the full batch is the best and smoothest, since each of its steps uses
#   the exact gradient; SGD's single-example steps often make the cost *worse*. Mini-batches of 32
#   are almost as good per update as the full batch here, at a twelfth of the work per update.
#
# What an update costs in time is the third side of the comparison. A vectorised step on 32
# examples takes hardly longer than on 1, so SGD wastes the speed of matrix products. (The
# numbers below depend on your computer.)

# %%
# NBVAL_IGNORE_OUTPUT
for batch_size in (400, 32, 1):
    begin = time.perf_counter()
    nnlib.train(X_planar, Y_planar, [2, 4, 1], hidden_activation="tanh", output_activation="sigmoid",
                loss="bce", learning_rate=0.3, epochs=3, batch_size=batch_size, init="xavier")
    print(f"batch size {batch_size:3}: {(time.perf_counter() - begin) / 3 * 1000:6.1f} ms per epoch")

# %% [markdown]
# Mini-batches are the usual compromise, and `nnlib.train(..., batch_size=32)` does exactly
# what `descend` did above (with a fresh shuffle every epoch).
#
# ### Find the bug: a full-batch step that is really SGD
#
# The MNIST training loop of notes 001 and 003 means to take one full-batch step per epoch: it
# keeps the parameters fixed for the whole pass, adds up each example's step in a copy, and only
# then replaces the parameters by the copy (its comment: compute the gradient for all images,
# then the average). Here is the same plan in our layout, on the first 100 flower points:
# `parameters.copy()` for the copy, and each example's step, scaled by $lpha / m$, subtracted
# in place.

# %%
def buggy_full_batch_step(parameters, X, Y, learning_rate):
    """Meant as ONE full-batch step: the average of the examples' gradients (buggy)."""
    m = X.shape[1]
    new = parameters.copy()  # meant to leave `parameters` as they are until the end
    for i in range(m):
        AL, caches = nnlib.model_forward(X[:, i:i + 1], parameters, "tanh", "sigmoid")
        grads = nnlib.model_backward(AL, Y[:, i:i + 1], caches, "tanh", "sigmoid", "bce")
        for key in new:
            new[key] -= learning_rate / m * grads["d" + key]  # each example's share of the step
    return new


X_small, Y_small = X_planar[:, :100], Y_planar[:, :100]
begin = nnlib.initialize_parameters([2, 4, 1], method="xavier", seed=0)
caller = {key: value.copy() for key, value in begin.items()}
buggy = buggy_full_batch_step(caller, X_small, Y_small, learning_rate=3.0)

# what was meant: one step of 3.0 along the gradient of the mean cost over all 100 points
AL, caches = nnlib.model_forward(X_small, begin, "tanh", "sigmoid")
meant = nnlib.update_parameters(begin, nnlib.model_backward(AL, Y_small, caches, "tanh", "sigmoid", "bce"), 3.0)
# what it does: 100 SGD steps of 3.0 / 100, one example after the other
sgd = begin
for i in range(100):
    AL, caches = nnlib.model_forward(X_small[:, i:i + 1], sgd, "tanh", "sigmoid")
    sgd = nnlib.update_parameters(sgd, nnlib.model_backward(AL, Y_small[:, i:i + 1], caches, "tanh", "sigmoid", "bce"), 0.03)

differs = lambda a, b: max(float(np.abs(a[k] - b[k]).max()) for k in a)
print(f"largest difference from the meant full-batch step: {differs(buggy, meant):.3f}")
print(f"largest difference from 100 SGD steps of 0.03:     {differs(buggy, sgd):.1e}")
print("the caller's dict changed too:", differs(caller, begin) > 0, "  same arrays:", caller["W1"] is buggy["W1"])
assert differs(buggy, sgd) < 1e-12 < differs(buggy, meant)

# %% [markdown]
# `dict.copy()` copies the dictionary, not the arrays in it: `new["W1"]` and `parameters["W1"]` are
# the same array. `-=` writes into that array, so the forward pass of example $i+1$ already uses
# the weights that example $i$ changed. The loop is stochastic gradient descent, $m$ steps of
# $lpha/m$ each, and the caller's parameters move with it.
#
# In the notes this is why their learning rate looks so large: note 001 trains on 250 images with
# $lpha = 300$, which is 250 SGD steps of $300/250 = 1.2$ per epoch. It learns (its test accuracy
# climbs from 0.24 to 0.86 in 25 epochs, notebook 09 compares), but not with the method the
# comment describes. Two fixes, each enough: copy the arrays too
# (`{key: value.copy() for key, value in parameters.items()}`), or write `new[key] = new[key] - ...`,
# which makes a new array, as Exercise 1 does.
#
# ## 3. Momentum: remember the direction
#
# On a long narrow valley of the cost, the gradient points mostly *across* the valley, and gradient
# descent zig-zags from wall to wall while creeping along the floor. **Momentum** keeps a running
# average $v$ of recent gradients (a "velocity") and steps along it instead:
#
# $$v_{dW} \leftarrow \beta \, v_{dW} + (1 - \beta) \, dW, \qquad W \leftarrow W - \alpha \, v_{dW}$$
#
# and the same for every $W^{[l]}$ and $b^{[l]}$. The zig-zag components have alternating signs and
# average out; the components along the floor add up. With $\beta = 0.9$ the average reaches back
# about $1/(1-\beta) = 10$ steps.
#
# The velocities are the rule's own memory, its **state**, kept in a dict next to the parameters
# (not inside them): `state["v_W1"]`, `state["v_b1"]`, ... with the shapes of `W1`, `b1`, ... On the
# first step there is no state yet: the caller passes `state=None` and the velocities start at
# zero. The rule returns the new parameters *and* the new state, which the caller hands back on
# the next step:
#
# ```python
# state = None
# for step in range(steps):
#     grads = ...
#     parameters, state = update_with_momentum(parameters, grads, state, learning_rate)
# ```
#
# **Exercise 3 — `update_with_momentum` (2 points).** Return new dicts; do not modify
# `parameters`, `grads` or `state`.

# %% solution id=update_with_momentum
def update_with_momentum(parameters, grads, state, learning_rate, beta=0.9):
    """One step of gradient descent with momentum.

    Parameters
    ----------
    parameters : dict "W1" (n[1], n[0]), "b1" (n[1], 1), ..., "WL", "bL"
    grads : dict "dW1", "db1", ... of the same shapes (other keys may be present)
    state : None on the first step, else the dict returned by the previous step:
        "v_W1", "v_b1", ..., one velocity per parameter, of the parameter's shape
    learning_rate : float
    beta : float in [0, 1), how much of the old velocity is kept

    Returns
    -------
    new_parameters : dict with the same keys as parameters
    new_state : dict with "v_W1", "v_b1", ...: v = beta * v + (1 - beta) * grad
    """
    ### BEGIN SOLUTION
    new_parameters, new_state = {}, {}
    for key, value in parameters.items():
        v = np.zeros_like(value) if state is None else state["v_" + key]
        v = beta * v + (1 - beta) * grads["d" + key]
        new_state["v_" + key] = v
        new_parameters[key] = value - learning_rate * v
    return new_parameters, new_state
    ### END SOLUTION

# %% test id=test_update_with_momentum__first_step points=1
# test_update_with_momentum__first_step: from state=None; velocities, new parameters, inputs unchanged
from nnchecks.nb05_update import check_update_with_momentum
check_update_with_momentum(update_with_momentum)

# %% test id=test_update_with_momentum__second_step points=1
# test_update_with_momentum__second_step: the velocity carries over from state; beta is used
from nnchecks.nb05_update import check_update_with_momentum_second_step
check_update_with_momentum_second_step(update_with_momentum)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb05_update import check_update_with_momentum_hidden
check_update_with_momentum_hidden(update_with_momentum)
### END HIDDEN TESTS

# %% [markdown]
# ## 4. Adam: a step size for every parameter
#
# **Adam** ("adaptive moment estimation") keeps two running averages per parameter: $m$ of the
# gradients, like momentum, and $v$ of their squares, which measures how large that parameter's
# gradients usually are. It then divides one by the square root of the other, so every parameter
# moves by roughly $\alpha$ per step, whether its gradients are large or tiny:
#
# $$
# \begin{aligned}
# t &\leftarrow t + 1 \\
# m_{dW} &\leftarrow \beta_1 m_{dW} + (1 - \beta_1)\, dW &
# v_{dW} &\leftarrow \beta_2 v_{dW} + (1 - \beta_2)\, dW^2 \\
# \hat m_{dW} &= \frac{m_{dW}}{1 - \beta_1^{\,t}} &
# \hat v_{dW} &= \frac{v_{dW}}{1 - \beta_2^{\,t}} \\
# W &\leftarrow W - \alpha \, \frac{\hat m_{dW}}{\sqrt{\hat v_{dW}} + \varepsilon}
# \end{aligned}
# $$
#
# ($dW^2$ and the square root are element by element.) The averages start at zero, so for the
# first steps they are too small: after one step $m = (1-\beta_1)\, dW = 0.1\, dW$. The
# **bias correction** divides that out; $t$ counts the steps, starting with $t = 1$ on the first.
# Defaults: $\beta_1 = 0.9$, $\beta_2 = 0.999$, $\varepsilon = 10^{-8}$.
#
# The state holds `"m_W1", "v_W1", "m_b1", "v_b1", ...` and the step count `"t"` (an int); as
# before it is `None` on the first step.
#
# **Exercise 4 — `update_with_adam` (3 points).** Return new dicts; do not modify the inputs.

# %% solution id=update_with_adam
def update_with_adam(parameters, grads, state, learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8):
    """One Adam step, with bias correction.

    Parameters
    ----------
    parameters : dict "W1" (n[1], n[0]), "b1" (n[1], 1), ..., "WL", "bL"
    grads : dict "dW1", "db1", ... of the same shapes (other keys may be present)
    state : None on the first step, else the dict returned by the previous step:
        "m_W1", "v_W1", "m_b1", "v_b1", ... (shapes of the parameters) and "t", the number of
        steps taken so far
    learning_rate, beta1, beta2, epsilon : floats

    Returns
    -------
    new_parameters : dict with the same keys as parameters
    new_state : dict with "m_<key>", "v_<key>" for every parameter and "t" (one more than before)
    """
    ### BEGIN SOLUTION
    t = 1 if state is None else state["t"] + 1
    new_parameters, new_state = {}, {"t": t}
    for key, value in parameters.items():
        g = grads["d" + key]
        m = np.zeros_like(value) if state is None else state["m_" + key]
        v = np.zeros_like(value) if state is None else state["v_" + key]
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g**2
        new_state["m_" + key], new_state["v_" + key] = m, v
        m_hat = m / (1 - beta1**t)
        v_hat = v / (1 - beta2**t)
        new_parameters[key] = value - learning_rate * m_hat / (np.sqrt(v_hat) + epsilon)
    return new_parameters, new_state
    ### END SOLUTION

# %% test id=test_update_with_adam__first_step points=1
# test_update_with_adam__first_step: from state=None; m, v, t = 1; every parameter moves by about learning_rate
from nnchecks.nb05_update import check_update_with_adam
check_update_with_adam(update_with_adam)

# %% test id=test_update_with_adam__continues points=2
# test_update_with_adam__continues: from a state with t = 3; beta1, beta2 and epsilon are used
from nnchecks.nb05_update import check_update_with_adam_second_step
check_update_with_adam_second_step(update_with_adam)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb05_update import check_update_with_adam_hidden
check_update_with_adam_hidden(update_with_adam)
### END HIDDEN TESTS

# %% [markdown]
# ## 5. Three paths across one valley
#
# To *see* the difference, take a cost with just two parameters, a weight $w$ and a bias $b$:
#
# $$J(w, b) = \tfrac12 \left(0.1\, w^2 + 10\, b^2\right)$$
#
# a valley 10 times steeper across ($b$) than along ($w$), with its minimum at $(0, 0)$. Its
# gradient is $(0.1\, w,\ 10\, b)$. We store the two numbers as a one-layer "network"
# `{"W1": [[w]], "b1": [[b]]}`, so `nnlib`'s update rules (`nnlib.gd`, `nnlib.momentum`,
# `nnlib.adam`, the same rules as Exercises 1, 3 and 4) can walk on it, 50 steps each from
# $(-4, 1)$.
#
# Each rule gets a learning rate that suits it. Gradient descent diverges across the valley as
# soon as $\alpha \cdot 10 > 2$, so it gets $\alpha = 0.19$, just below that limit. Momentum
# averages the alternating gradients across the valley away, so it can take a larger step,
# $\alpha = 0.5$ (with $\beta = 0.7$). Adam's steps are about $\alpha$ long whatever the
# gradient, so $\alpha = 0.2$.

# %%
def valley_cost(w, b):
    return 0.5 * (0.1 * w**2 + 10 * b**2)


def valley_grads(parameters):
    return {"dW1": 0.1 * parameters["W1"], "db1": 10 * parameters["b1"]}


def walk(rule, learning_rate, steps=50, **options):
    """The points visited by an nnlib update rule on the valley, starting at (w, b) = (-4, 1)."""
    parameters, state = {"W1": np.array([[-4.0]]), "b1": np.array([[1.0]])}, None
    points = [(-4.0, 1.0)]
    for _ in range(steps):
        parameters, state = rule(parameters, valley_grads(parameters), state, learning_rate, **options)
        points.append((parameters["W1"].item(), parameters["b1"].item()))
    return np.array(points)


paths = {"gradient descent, α = 0.19": walk(nnlib.gd, 0.19),
         "momentum (β = 0.7), α = 0.5": walk(nnlib.momentum, 0.5, beta=0.7),
         "Adam, α = 0.2": walk(nnlib.adam, 0.2)}

fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.3), gridspec_kw={"width_ratios": [1.6, 1]})
w, b = np.meshgrid(np.linspace(-4.5, 1.5, 300), np.linspace(-1.3, 1.3, 200))
left.contour(w, b, valley_cost(w, b), levels=np.geomspace(0.005, 8, 14), colors="0.75", linewidths=0.8)
for label, points in paths.items():
    left.plot(points[:, 0], points[:, 1], marker=".", ms=4, lw=1, label=label)
    right.semilogy(valley_cost(points[:, 0], points[:, 1]), label=label)
left.plot(0, 0, "k*", ms=10)
left.set(xlabel="$w$", ylabel="$b$", title="paths on the contours of J")
right.set(xlabel="step", ylabel="J (log scale)", title="cost per step")
right.set_ylim(top=80)  # head room: the legend sits above the curves, off the paths
right.legend(loc="upper right", fontsize=8)
plt.show()

for label, points in paths.items():
    w_end, b_end = points[-1]
    print(f"{label:28} after 50 steps: w = {w_end:6.3f}, b = {b_end:6.3f}, J = {valley_cost(w_end, b_end):.4f}")

# %% [markdown]
# - **Gradient descent** bounces from wall to wall (each step overshoots in $b$) and then crawls
#   along the floor: with $\alpha = 0.19$ it moves only 2 % of the way to $w = 0$ per step.
# - **Momentum** damps the zig-zag within a few steps (the velocity averages gradients of
#   opposite signs) and keeps rolling along the floor, where the gradients agree: it ends about
#   40 times lower.
# - **Adam** divides each gradient by its typical size, so $w$ and $b$ both move at about $\alpha$
#   per step from the start, although the gradient in $w$ is a hundred times smaller. It reaches
#   the neighbourhood of the minimum first, then overshoots and circles around it: near the
#   minimum its steps do not shrink by themselves, which is why Adam is usually run with a small
#   $\alpha$ (the default is 0.001).
#
# On real networks the picture is the same in millions of dimensions. `nnlib.train` takes
# `optimizer="gd"`, `"momentum"` or `"adam"` (with `optimizer_options={"beta": 0.8}` and so on),
# and runs exactly these rules.
#
# ## What you learned
#
# - A gradient-descent (경사 하강법) step moves every parameter against its gradient, scaled by
#   the learning rate (학습률): `W - learning_rate * dW`. Keys are case-sensitive, and a function
#   that returns new arrays leaves the caller's parameters intact. `dict.copy()` is shallow: with
#   an in-place `-=` on its arrays, a "full-batch" loop becomes per-example SGD.
# - An epoch (에포크) is one pass over the data. Full batch makes one exact step per epoch, SGD
#   makes $m$ noisy ones, mini-batches (미니배치) of size $b$ make $\lceil m/b \rceil$ steps and use
#   vectorised arithmetic well. Shuffle every epoch, X and Y together, from a seed.
# - Per epoch and per update tell different stories: compare curves on the same axis.
# - Momentum averages recent gradients; Adam also scales each parameter's step by the size of its
#   gradients, with a bias correction for the first steps. Both keep their memory in a state dict
#   outside the parameters.
