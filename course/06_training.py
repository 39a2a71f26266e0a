# %% [markdown]
# # 06 — Training: the loop, the learning rate, and where it gets stuck
#
# All the pieces exist now: initialization (01), forward propagation (02), the cost (03),
# backpropagation (04) and the update (05). Training a network is running them in a loop. This
# notebook writes that loop, then uses it to look at what can go wrong: a learning rate that is
# too small or too large, a network that gets stuck in a local minimum (지역 최솟값) on XOR, and
# data whose rows and columns are swapped.
#
# **What you will be able to do**
#
# - write full-batch training as a loop over epochs and record the cost curve;
# - recognise from a cost curve a learning rate (학습률) that is too small, about right or too large;
# - explain why a 2-unit XOR network can get stuck, and what gets it out;
# - bring a table with one row per example into the course's layout (examples as columns)
#   without scrambling it;
# - train the source notes' study-hours regression end to end and read its predictions.
#
# Everything from earlier notebooks comes from `nnlib`, so each exercise here is graded on its
# own.

# %%
%matplotlib inline
import os

import matplotlib.pyplot as plt
import numpy as np

import nnlib
from nnlib.data import load_study_hours, load_xor, make_planar
from nnlib.plotting import plot_costs

np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## 1. The training loop
#
# Full-batch gradient descent (경사 하강법) repeats, once per **epoch**:
#
# 1. forward propagation (순전파): $A^{[L]}, \text{caches} = $ `model_forward(X, parameters, ...)`;
# 2. the cost $J$ = `compute_cost(AL, Y, loss)`, kept in a list to plot later;
# 3. backward propagation (역전파): `grads = model_backward(AL, Y, caches, ...)`;
# 4. the update: `parameters = update_parameters(parameters, grads, learning_rate)`.
#
# Before the first epoch the parameters are initialized. So the first recorded cost is the cost
# of the *initial* parameters, and `costs[e]` is the cost at the start of epoch `e`, before that
# epoch's update.
#
# **Exercise 1 — `train_loop` (3 points).** Write the loop with `nnlib`'s functions:
# `nnlib.initialize_parameters`, `nnlib.model_forward`, `nnlib.compute_cost`,
# `nnlib.model_backward` and `nnlib.update_parameters` (look at their docstrings with `?` if you
# need the argument order). To get exactly the same numbers as the reference `nnlib.train`,
# initialize with
#
# ```python
# parameters = nnlib.initialize_parameters(layer_dims, method=init, seed=seed)
# ```
#
# and record each cost as a plain float. Do not call `nnlib.train` itself: that is what you are
# writing.

# %% solution id=train_loop
def train_loop(X, Y, layer_dims, learning_rate, epochs, hidden_activation="relu",
               output_activation="sigmoid", loss="bce", init="he", seed=0):
    """Train a fully connected network with full-batch gradient descent.

    Parameters
    ----------
    X : ndarray of shape (n[0], m), one example per column
    Y : ndarray of shape (n[L], m)
    layer_dims : list [n[0], n[1], ..., n[L]]
    learning_rate : float
    epochs : int, the number of updates (one per epoch)
    hidden_activation, output_activation, loss : names, as for nnlib.model_forward and compute_cost
    init, seed : how to initialize: nnlib.initialize_parameters(layer_dims, method=init, seed=seed)

    Returns
    -------
    parameters : dict "W1", "b1", ..., after the last update
    costs : list of `epochs` floats; costs[e] is the cost at the start of epoch e
    """
    ### BEGIN SOLUTION
    parameters = nnlib.initialize_parameters(layer_dims, method=init, seed=seed)
    costs = []
    for epoch in range(epochs):
        AL, caches = nnlib.model_forward(X, parameters, hidden_activation, output_activation)
        costs.append(float(nnlib.compute_cost(AL, Y, loss)))
        grads = nnlib.model_backward(AL, Y, caches, hidden_activation, output_activation, loss)
        parameters = nnlib.update_parameters(parameters, grads, learning_rate)
    return parameters, costs
    ### END SOLUTION

# %% test id=test_train_loop__first_epochs points=1
# test_train_loop__first_epochs: XOR, 1 and 3 epochs: the first cost, the first updates, the return value
from nnchecks.nb06_training import check_train_loop
check_train_loop(train_loop)

# %% test id=test_train_loop__matches_train points=2
# test_train_loop__matches_train: 50 epochs on the study-hours net and a 3-layer relu net equal nnlib.train's
from nnchecks.nb06_training import check_train_loop_matches_train
check_train_loop_matches_train(train_loop)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb06_training import check_train_loop_hidden
check_train_loop_hidden(train_loop)
### END HIDDEN TESTS

# %% [markdown]
# `nnlib.train` is this loop with more options (mini-batches, momentum and Adam from notebook 05,
# a validation set) and a safety net. From here on we use it, so the cells below run whatever
# state your exercise is in:
#
# ```python
# parameters, history = nnlib.train(X, Y, layer_dims, hidden_activation=..., output_activation=...,
#                                   loss=..., learning_rate=..., epochs=..., seed=...)
# history["cost"]      # one cost per epoch
# ```
#
# With full batch (the default, `batch_size=None`) `history["cost"]` is exactly your `costs`: entry
# `e` is the cost at the start of epoch `e`, so entry 0 is the cost of the initial parameters.
# With mini-batches the parameters change *during* an epoch, and `nnlib.train` records the mean
# of the batch costs it computed on the way, each just before its batch's update. That entry is
# no longer the cost at any one moment, and the first one is already below the initial cost
# (notebook 09 shows an example).
#
# ## 2. The learning rate
#
# The planar "flower" data and the source notes' network (4 tanh hidden units, a sigmoid output,
# binary cross-entropy), trained for 300 epochs from the same start with three learning rates.

# %%
X_planar, Y_planar = make_planar()
curves, accuracies = {}, {}
for learning_rate in (0.01, 1.2, 100.0):
    parameters, history = nnlib.train(X_planar, Y_planar, [2, 4, 1], hidden_activation="tanh",
                                      output_activation="sigmoid", loss="bce", init="xavier",
                                      learning_rate=learning_rate, epochs=300, seed=0)
    curves[f"α = {learning_rate:g}"] = history["cost"]
    predicted = nnlib.predict(X_planar, parameters, "tanh", "sigmoid")
    accuracies[learning_rate] = nnlib.accuracy(predicted, Y_planar)

fig, ax = plt.subplots(figsize=(7.5, 3.8))
plot_costs(curves, ax=ax, log=True, title="planar data, 4 tanh units: three learning rates")
ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1))  # beside the plot, not over a curve
plt.tight_layout()
plt.show()
for (label, costs), accuracy in zip(curves.items(), accuracies.values()):
    print(f"{label:9}: cost at epoch 1 {costs[0]:.3f}, 2 {costs[1]:.3f}, 3 {costs[2]:.3f}, "
          f"300 {costs[-1]:.3f}, lowest {min(costs):.3f}; training accuracy {accuracy:.1%}")
wild = np.array(curves["α = 100"])
print(f"α = 100: {np.sum(wild < wild[0])} of 300 epochs below the starting cost, "
      f"{np.sum(wild > 1)} above 1; lowest at epoch {np.argmin(wild) + 1}")
steady = np.array(curves["α = 1.2"])
print(f"α = 1.2 is below α = 100's final cost ({wild[-1]:.3f}) from epoch {np.argmax(steady < wild[-1]) + 1} on")

# %% [markdown]
# - **Too small** ($\alpha = 0.01$): every step is safe and the curve goes down, but so slowly
#   that after 300 epochs the network is barely better than where it started.
# - **About right** ($\alpha = 1.2$): a fast drop, then a steady decline.
# - **Too large** ($\alpha = 100$): the very first steps overshoot and the cost jumps from 0.675
#   to 15 by epoch 3, more than 20 times its starting value. After that it thrashes: it is above
#   1 in 220 of the 300 epochs and below its start in only 41, dips to 0.178 near epoch 230 and
#   jumps straight back up, and ends at 0.421, a cost that $\alpha = 1.2$ had passed by epoch 24.
#   The sigmoid output keeps the cost finite here: the network only gets *confidently wrong*.
#
# With an output that nothing bounds, such as a linear output for regression, a too-large
# learning rate makes every step overshoot further than the last: the cost grows geometrically
# until it overflows. `nnlib.train` then stops with `nnlib.TrainingDiverged`, whose `history`
# holds the costs up to that point.

# %%
X_hours, Y_hours = load_study_hours()
try:
    nnlib.train(X_hours, Y_hours, [2, 3, 1], hidden_activation="sigmoid", output_activation="linear",
                loss="mse", learning_rate=10.0, epochs=300, seed=0)
except nnlib.TrainingDiverged as error:
    print("TrainingDiverged:", error)
    print("first costs:", np.array(error.history["cost"][:6]))

# %% [markdown]
# Two habits follow. Plot the cost curve of every training run (a log scale shows the late part
# of the curve too), and try learning rates a factor 3 to 10 apart before trusting one.
#
# ## 3. XOR and a local minimum
#
# XOR is the smallest problem a single neuron cannot solve: the output is 1 for the inputs
# $(0, 1)$ and $(1, 0)$ and 0 for $(0, 0)$ and $(1, 1)$, and no straight line separates them. A hidden
# layer of two units is enough in principle. The XOR source note trains exactly that: 2 sigmoid
# hidden units, a sigmoid output, binary cross-entropy, learning rate 0.1 for 150,000
# iterations (full-batch epochs). We take 10 times larger steps, $\alpha = 1$, for 2,000 epochs:
# while steps are small only $\alpha \times$ epochs matters, so this is the same path as
# $\alpha = 0.1$ for 20,000 epochs, and by its end both curves below are flat. (The note's run is
# 7.5 times longer still; the next cells show that for a stuck network that changes nothing.)

# %%
X_xor, Y_xor = load_xor()
xor_settings = dict(hidden_activation="sigmoid", output_activation="sigmoid", loss="bce",
                    init="he", learning_rate=1.0, epochs=2000)
xor_curves, xor_outputs = {}, {}
for seed in (0, 1):
    parameters, history = nnlib.train(X_xor, Y_xor, [2, 2, 1], seed=seed, **xor_settings)
    xor_curves[f"seed {seed}"] = history["cost"]
    xor_outputs[seed], xor_caches = nnlib.model_forward(X_xor, parameters, "sigmoid", "sigmoid")
    if seed == 1:
        stuck_hidden = xor_caches[1].linear.A_prev  # what layer 2 sees: the hidden activations

print("inputs (columns):\n", X_xor)
print("targets:         ", Y_xor)
for seed, output in xor_outputs.items():
    print(f"seed {seed} outputs:  ", np.round(output, 3), f" final cost {xor_curves[f'seed {seed}'][-1]:.4f}")

fig, ax = plt.subplots(figsize=(6, 3.5))
plot_costs(xor_curves, ax=ax, title="XOR, 2 sigmoid hidden units, α = 1")
ax.axhline(np.log(2) / 2, color="0.6", ls="--", lw=1)
ax.text(1950, np.log(2) / 2 + 0.02, "ln 2 / 2", ha="right", color="0.4")
plt.show()

# %% [markdown]
# With seed 0 the network learns XOR. With seed 1 it settles on $[0, 0.5, 1, 0.5]$: right for
# $(0,0)$ and $(1,0)$, and a shrug for $(0,1)$ and $(1,1)$. Its cost, $\ln 2 / 2 \approx 0.347$, is
# exactly what two certain right answers and two coin flips cost: $\tfrac14 (0 + \ln 2 + 0 + \ln 2)$.
# The curve is flat: the gradient is almost zero and gradient descent has nowhere to go.
#
# The source note's own run ends in exactly this state. After its 150,000 iterations it prints the
# outputs $[6.2 \cdot 10^{-4},\ 0.4998,\ 0.9996,\ 0.5002]$ for the targets $[0, 1, 1, 0]$: right for
# $(0,0)$ and $(1,0)$, a coin flip for $(0,1)$ and $(1,1)$, the pattern of our seed 1. The line that
# prints them carries the comment that outputs similar to $Y$ mean training went well, and the
# note moves on to its loss curve without saying that two of the four are 0.5: it presents a
# network stuck in a local minimum as a trained one. Compare the outputs with the targets one by
# one.
#
# Why it stays there shows in the hidden layer of the stuck network (rows are the two hidden units,
# columns the four inputs):

# %%
print(np.round(stuck_hidden, 2))

# %% [markdown]
# The first unit has become "$x_1$ OR $x_2$", the second roughly "$x_1$ AND NOT $x_2$". For the inputs
# $(0,1)$ and $(1,1)$ both units give the same answer (about 1 and 0), so the output layer sees two
# identical inputs with opposite targets, and the best it can do is 0.5 for both. To tell them
# apart, a hidden unit would have to change its role, and on the way the cases already solved
# would get worse: the cost would have to go up before it could go down, which small steps of
# gradient descent never do. This is what note 001 calls a **local minimum** (극소점; 지역
# 최솟값 in our glossary): nothing within reach is lower, yet the real solution is far lower. (Strictly,
# analyses of this little network find no true local minimum: the stuck run's cost keeps sinking,
# ever more slowly, towards $\ln 2 / 2$ as its weights grow. For gradient descent it makes no
# difference.)
#
# How often does this happen, and what helps? To try many starts quickly, the cell below trains one
# network per seed all at once: the weights of 40 networks are stacked along a new first axis, and
# `@` multiplies them pairwise (the same forward and backward formulas as in `nnlib`, for
# sigmoid or tanh hidden units and a sigmoid output with binary cross-entropy). It first checks
# that it reproduces `nnlib.train` for seeds 0 and 1.

# %%
def train_xor_many(seeds, hidden_units, activation, learning_rate=1.0, epochs=2000):
    """Train one 2-h-1 XOR network per seed, side by side; returns the outputs, shape (seeds, 4)."""
    starts = [nnlib.initialize_parameters([2, hidden_units, 1], method="he", seed=s) for s in seeds]
    W1, b1, W2, b2 = (np.stack([p[key] for p in starts]) for key in ("W1", "b1", "W2", "b2"))
    g = nnlib.tanh if activation == "tanh" else nnlib.sigmoid
    m = X_xor.shape[1]
    for _ in range(epochs):
        A1 = g(W1 @ X_xor + b1)                               # (S, h, 4)
        A2 = nnlib.sigmoid(W2 @ A1 + b2)                      # (S, 1, 4)
        dZ2 = (A2 - Y_xor) / m                                # sigmoid output with bce
        g_prime = 1 - A1**2 if activation == "tanh" else A1 * (1 - A1)
        dZ1 = (W2.transpose(0, 2, 1) @ dZ2) * g_prime         # (S, h, 4)
        W2 = W2 - learning_rate * dZ2 @ A1.transpose(0, 2, 1)
        b2 = b2 - learning_rate * dZ2.sum(axis=2, keepdims=True)
        W1 = W1 - learning_rate * dZ1 @ X_xor.T
        b1 = b1 - learning_rate * dZ1.sum(axis=2, keepdims=True)
    return nnlib.sigmoid(W2 @ g(W1 @ X_xor + b1) + b2)[:, 0, :]


both = train_xor_many([0, 1], 2, "sigmoid")
assert np.allclose(both, np.vstack([xor_outputs[0], xor_outputs[1]]), atol=1e-6)
# seed 1 for as long as the note trains (alpha x epochs = 0.1 x 150,000 = 1 x 15,000)
longer = train_xor_many([1], 2, "sigmoid", epochs=15_000)
print("seed 1 after 15,000 epochs at α = 1:", np.round(longer[0], 4))


def solved(outputs):
    """One flag per network: every output on the right side of 0.5."""
    return np.all((outputs > 0.5) == (Y_xor == 1), axis=1)


n_seeds = 10 if os.environ.get("NBGRADER_EXECUTION") else 40
print(f"XOR networks that learn XOR, out of {n_seeds} seeds (α = 1, 2000 epochs):")
print(f"{'hidden units':>12} {'sigmoid':>8} {'tanh':>8}")
for hidden_units in (2, 3, 4):
    counts = [solved(train_xor_many(range(n_seeds), hidden_units, activation)).sum()
              for activation in ("sigmoid", "tanh")]
    print(f"{hidden_units:12d} {counts[0]:5d}/{n_seeds} {counts[1]:5d}/{n_seeds}")

# %% [markdown]
# A run 7.5 times longer leaves seed 1 where it was: training longer is no way out. It even
# prints the note's four numbers, $[0.0006, 0.4998, 0.9996, 0.5002]$, from another start.
#
# - **Another seed** is the cheapest way out: with 2 sigmoid units most starts do learn XOR, seed 1
#   just happens not to. In practice one trains from a few seeds and keeps the best run.
# - **More hidden units** help most: with 3 or 4 units there are more ways to split the four
#   points, and almost every start finds one.
# - **Another activation** is no cure by itself: with 2 units, tanh gets stuck *more* often here
#   than sigmoid (it reaches the same kind of dead end). With more units it does about as well
#   as sigmoid.
#
# Large networks on real data rarely get stuck like this (in many dimensions there is usually some
# direction that still goes down), but small networks on tiny problems do, and the symptom is
# always the same: a flat cost curve well above zero.
#
# ## 4. The study-hours regression, end to end
#
# The source notes' regression predicts a test grade from hours studied and hours slept, for three
# students. The note writes the data as a table with **one row per student** (and the grades as
# fractions, 0.75, 0.82 and 0.93):
#
# | student | studied | slept | grade |
# |---|---|---|---|
# | 1 | 3 | 5 | 75 |
# | 2 | 5 | 1 | 82 |
# | 3 | 10 | 2 | 93 |
#
# Our networks want one **column** per example: `X` of shape (2, 3), each feature (a row of `X`)
# divided by its largest value so the inputs lie in $[0, 1]$, and `Y` of shape (1, 3), the grades
# divided by 100. (The note feeds its network the raw hours; the scaling is our choice.) Here is
# a conversion that looks right:

# %%
table = np.array([[3, 5], [5, 1], [10, 2]])  # one row per student: hours studied, hours slept
grades = np.array([75, 82, 93])


def buggy_to_columns(table, grades):
    """The notes' table (m, 2) and grades (m,) -> X (2, m) and Y (1, m), scaled (buggy)."""
    X = table.reshape(table.shape[1], table.shape[0])  # examples as columns
    X = X / X.max(axis=0)                             # divide by the largest value
    Y = grades.reshape(1, -1) / 100
    return X, Y


X_bug, Y_bug = buggy_to_columns(table, grades)
print(f"X has shape {X_bug.shape} and Y {Y_bug.shape}, as wanted")
print("X =\n", X_bug)
for name, X_used in (("the buggy X", X_bug), ("the right X", X_hours)):
    _, history = nnlib.train(X_used, Y_hours, [2, 3, 1], hidden_activation="sigmoid",
                             output_activation="sigmoid", loss="mse", learning_rate=20.0,
                             epochs=1000, seed=0)
    print(f"final training cost with {name}: {history['cost'][-1]:.1e}")

# %% [markdown]
# The shapes are right and no error is raised, but the network trains badly on the buggy `X`: its
# cost stays near $2.7 \cdot 10^{-3}$, the cost of predicting the average grade for everyone,
# while the same network on the right `X` fits the three grades almost exactly. Faced with such a
# curve one is tempted to tune the learning rate or add a layer; the bug is in the data, and only
# looking at the numbers shows it. The first student studied 3 hours and slept 5; the largest
# values are 10 hours of study and 5 of sleep, so the first column of `X` should be
# $(3/10,\ 5/5) = (0.3, 1)$. Here it is $(1, 0.33)$, nearly the same point as the third column
# $(1, 0.4)$, yet one has grade 75 and the other 93: no wonder the network struggles.
#
# **Exercise 2 — find the bugs: `fixed_to_columns` (2 points).** Write a corrected copy. It must
# work for any number of students $m$ and features $n$: `table` has shape $(m, n)$, `grades` shape
# $(m,)$. Do not modify the arguments.

# %% solution id=fixed_to_columns
def fixed_to_columns(table, grades):
    """A table with one row per example -> the course's layout, scaled.

    Parameters
    ----------
    table : ndarray of shape (m, n), row i = the n features of example i (e.g. hours studied, slept)
    grades : ndarray of shape (m,), out of 100

    Returns
    -------
    X : ndarray of shape (n, m), column i = example i, each feature (row) divided by its maximum
        over the m examples
    Y : ndarray of shape (1, m), grades / 100
    """
    ### BEGIN SOLUTION
    X = table.T
    X = X / X.max(axis=1, keepdims=True)
    Y = grades.reshape(1, -1) / 100
    return X, Y
    ### END SOLUTION

# %% test id=test_fixed_to_columns points=2
# test_fixed_to_columns: the notes' table gives load_study_hours(); a 4-student table; inputs unchanged
from nnchecks.nb06_training import check_fixed_to_columns
check_fixed_to_columns(fixed_to_columns)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb06_training import check_fixed_to_columns_hidden
check_fixed_to_columns_hidden(fixed_to_columns)
### END HIDDEN TESTS

# %% [markdown]
# Two row-versus-column slips were hiding in `buggy_to_columns`: `reshape` only re-cuts the numbers
# in reading order (it is not a transpose), and `axis=0`, right for the notes' row layout, scales
# each *student* instead of each feature once examples are columns. A quick look at one example's
# column is the cheapest test there is.
#
# ### Training it
#
# With the correct data (`nnlib.data.load_study_hours()` gives the same `X` and `Y` as your fixed
# function) we train the notes' network: 2 inputs, 3 sigmoid hidden units (the structure the note
# describes; its training cell uses 4), a sigmoid output, mean squared error
# $J = \frac{1}{2m}\sum_i (a^{(i)} - y^{(i)})^2$. Then the note's exercise adds a second hidden
# layer, with 4 units in each (2-4-4-1). Both with $\alpha = 20$ for 1000 epochs.
#
# A learning rate of 20 looks absurd next to the planar network's 1.2, but the gradients here are
# tiny: the targets 0.75–0.93 sit where the sigmoid is flat ($\sigma' \le 1/4$ at every sigmoid
# layer), and the MSE gradient is only the small difference $a - y$. Smaller rates work too, only
# slower: try $\alpha = 1$.

# %%
hours_curves, predictions = {}, {}
for layer_dims in ([2, 3, 1], [2, 4, 4, 1]):
    parameters, history = nnlib.train(X_hours, Y_hours, layer_dims, hidden_activation="sigmoid",
                                      output_activation="sigmoid", loss="mse", learning_rate=20.0,
                                      epochs=1000, seed=0)
    name = "-".join(map(str, layer_dims))
    hours_curves[name] = history["cost"]
    predictions[name], _ = nnlib.model_forward(X_hours, parameters, "sigmoid", "sigmoid")

fig, ax = plt.subplots(figsize=(6, 3.5))
plot_costs(hours_curves, ax=ax, log=True, title="study hours, MSE, α = 20")
plt.show()

print(f"{'':9} {'student 1':>9} {'student 2':>9} {'student 3':>9} {'final cost':>11}")
print(f"{'target':9} " + " ".join(f"{y:9.3f}" for y in Y_hours[0]))
for name, output in predictions.items():
    print(f"{name:9} " + " ".join(f"{a:9.3f}" for a in output[0]) + f" {hours_curves[name][-1]:11.1e}")
for name, costs in hours_curves.items():
    plateau = next(e for e, c in enumerate(costs) if c < 1e-3)
    print(f"{name}: cost below 1e-3 after {plateau} epochs")

# %% [markdown]
# Both networks reproduce the three grades to within half a point out of 100, and the deeper one is not
# better: it starts with a long plateau at the cost of predicting the average grade for everyone,
# because the gradient has to pass through one more sigmoid layer and shrinks on the way (this is
# the vanishing gradient, 기울기 소실, of notebook 08). With three examples and 13 or 37 parameters
# both networks can fit the data exactly; whether they would predict a *fourth* student well is a
# question that needs test data, the subject of notebook 07.
#
# ## What you learned
#
# - Training is a loop over epochs (에포크): forward propagation (순전파), cost (비용 함수), backward
#   propagation (역전파), update. Record the cost every epoch and plot it.
# - The learning rate (학습률) shows in the curve: too small crawls, too large jumps up and stays
#   high (or overflows: `TrainingDiverged`).
# - A small network can get stuck in a local minimum (지역 최솟값) with a flat cost above zero; a
#   different seed or more hidden units (은닉층 units) get out, a different activation alone need not.
# - Examples are columns: a table with one row per example needs a transpose, not a reshape, and
#   per-feature scaling runs along `axis=1` after it. The cost will not warn you.
# - The study-hours network trains end to end with MSE; a deeper network is not automatically a
#   better one.

# %% [markdown] id=playground_intro
# ## 5. Playground: the learning rate and XOR by hand
#
# This section is optional and not graded. The cell below trains a network step by step with
# `nnlib` and shows three panels: the data with the network's output over the plane (the colour
# where the output is near 0 or 1, and the decision boundary between the two), the cost after
# every step, and the norm $\lVert dW^{[l]} \rVert$ of each layer's weight gradient.
#
# In JupyterLab, controls appear above the figure: the data (the planar flower, XOR, two
# circles, two moons, or the study-hours regression, where the plane shows the predicted grade),
# the hidden layers and their units, the activation, the initialization, the optimizer, the
# learning rate $\alpha$, the batch size and the seed. **Start** trains in the background and
# redraws the figure several times a second, **Stop** pauses, **Reset** starts a new network.
# A new learning rate, optimizer or batch size applies from the next step on, to the network
# being trained; every other control starts a new network. The line next to the buttons shows
# the step, $\alpha$, the cost of the last step and the training accuracy. When the notebook
# runs without a browser (grading, `nbgrader validate`), the cell draws its figure once.
#
# It starts with the planar flower, 2 hidden layers of 8 tanh units, Xavier initialization,
# full-batch gradient descent with $\alpha = 0.3$, after 300 steps.

# %% id=playground
from nnplayground import playground

playground(data="planar", hidden_layers=2, units=8, activation="tanh", init="xavier",
           optimizer="gd", learning_rate=0.3, steps=300, seed=0)

# %% [markdown] id=playground_questions
# **Try it.**
#
# 1. Find a learning rate at which the cost oscillates: keep the planar flower and raise $\alpha$
#    step by step from 0.3. Where does the cost curve stop falling smoothly and start to jump up
#    and down? Is there an $\alpha$ at which it no longer goes down at all? Compare with the
#    three rates of section 2.
# 2. Get stuck on XOR as in section 3: data `xor`, 1 hidden layer of 2 units, `sigmoid`, `he`
#    initialization, $\alpha = 1$, then try the seeds 0 to 5. Which seeds end on a flat cost near
#    $\ln 2 / 2 \approx 0.347$, and what does the decision boundary of a stuck network look like?
# 3. Keep a stuck seed and change one thing at a time: 3 hidden units instead of 2, the `adam`
#    optimizer, mini-batches of 1. Which of them get it out?
