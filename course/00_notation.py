# %% [markdown]
# # 00 — Notation and shapes
#
# Almost every bug in a network written from scratch is a shape bug: a matrix that should have
# been transposed, a bias that was added along the wrong axis, a single example that lost its
# second dimension. This warm-up fixes the notation used in the whole course, so that the shape
# of every array can be read off the symbols.
#
# **What you will be able to do**
#
# - name every quantity of a fully connected network (신경망) with $L$, $n^{[l]}$, $m$ and the
#   superscripts $[l]$ (layer) and $(i)$ (example);
# - write down the shape of every $W^{[l]}$, $b^{[l]}$, $Z^{[l]}$ and $A^{[l]}$ for a given list
#   of layer sizes;
# - compute one layer's affine map for all $m$ examples at once, with the bias broadcast over
#   the examples;
# - translate code written in the "examples as rows" convention of many tutorials into ours.
#
# Graded exercises: `affine` (2 points), `layer_shapes` (2 points), `rows_to_columns` (2 points).

# %% [markdown]
# ## How to work in these notebooks
#
# - **Exercises.** An exercise is a code cell with one function to complete. Its body ends in
#   `# YOUR CODE HERE` and `raise NotImplementedError()`: replace those two lines with your own
#   code and keep the function's name and arguments. (In the worked solutions, the answer is the
#   part between `### BEGIN SOLUTION` and `### END SOLUTION`.)
# - **Tests.** The cells right below an exercise test it. Run the exercise cell (Shift+Enter),
#   then its test cells. A test that passes prints one line, e.g.
#   `✓ affine: the visible checks pass`; one that fails prints a short message saying what is
#   wrong (which array, its shape or value, what was expected), often with a hint. Test cells
#   are read-only: change your function, not the test.
# - **Run All** (Run ▸ Run All Cells) goes through the whole notebook even while some tests still
#   fail. The demonstrations after an exercise use nnlib's version of the function, not yours, so
#   an unsolved exercise does not break the rest of the notebook.
# - **Score your notebook.** Save it first (Ctrl+S): the check reads the saved file. Then open a
#   terminal (File ▸ New ▸ Terminal), go to the folder of this notebook (`cd 00_notation`, or
#   wherever your copy is) and run `nn-check 00_notation.ipynb`. It runs the notebook from top to
#   bottom in a fresh kernel and prints your points per exercise with the first line of each
#   failure. The command comes with the course's Python environment, so it works the same for a
#   notebook fetched from your instructor (Assignments tab) and for a clone of the course, where
#   `make check NB=00_notation` in the folder with the `Makefile` does the same. If the terminal
#   says `nn-check: command not found`, use `python -m nncourse.selfcheck 00_notation.ipynb`. Run it
#   in a terminal, not in a cell of this notebook: the check runs every cell of the notebook, so
#   it would start itself again. It runs the visible tests only; the grader also runs hidden tests
#   on other inputs.
# - **Worked solution.** With a clone of the course (self-learners), after you have tried,
#   `make solution NB=00_notation` copies the solution to `worked_solutions/00_notation.ipynb`, next
#   to your notebooks. Your own notebook is not changed. Students of a class get theirs from the
#   instructor.
# - **Korean terms.** The course follows five Korean study notes. Their terms, with the spellings
#   the notes use, the English words and our symbols, are in the glossary,
#   [`docs/glossary.md`](../../docs/glossary.md) in the course repository; each notebook ends with
#   the terms it used.

# %%
%matplotlib inline
import time

import matplotlib.pyplot as plt
import numpy as np

import nnlib
from nnlib.data import load_mnist

np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## 1. A network in symbols
#
# A fully connected network is a chain of **layers** (층). Layer $0$ is the input; layers
# $1, \dots, L-1$ are the **hidden layers** (은닉층); layer $L$ is the output layer. The input
# layer computes nothing, so it is not counted: a network with one hidden layer has $L = 2$.
#
# | symbol | meaning |
# |---|---|
# | $L$ | number of layers (not counting the input) |
# | $n^{[l]}$ | number of units in layer $l$; $n^{[0]} = n_x$ input features, $n^{[L]}$ outputs |
# | $m$ | number of examples |
# | $x^{(i)}$, $y^{(i)}$ | the $i$-th example and its target: a superscript in round brackets counts examples |
# | $W^{[l]}$, $b^{[l]}$ | weights (가중치) and biases (편향) of layer $l$: square brackets count layers |
# | $Z^{[l]}$, $A^{[l]}$ | pre-activations and activations of layer $l$, for all examples; $A^{[0]} = X$ |
# | $a^{[l](i)}_j$ | unit $j$ of layer $l$, for example $i$ |
#
# Layer $l$ turns the activations of the layer before it into its own, for every example at once:
#
# $$Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}, \qquad A^{[l]} = g^{[l]}\big(Z^{[l]}\big),$$
#
# where $g^{[l]}$ is the layer's activation function (활성화 함수). Going from $A^{[0]} = X$ to the
# output $A^{[L]} = \hat Y$ is forward propagation (순전파), the subject of notebook 02.
#
# The figure draws two small networks: circles are units, every line is one weight. The red line
# is the weight from input unit $k = 2$ to hidden unit $j = 3$, called $w^{[1]}_{32}$: the **row**
# index is the unit that receives, the **column** index the unit that sends. That is why
# $W^{[1]}$ has one row per unit of layer 1 and one column per unit of layer 0. (Python counts
# from 0, so it is stored at `W1[2, 1]`.)
#
# **The source notes' symbols.** The planar note (000) writes exactly these symbols
# ($W^{[1]}$, $z^{[1](i)}$, $A^{[2]}$). The MNIST theory note (001) draws its symbols in figures
# and says in captions what they mean: "the output of neuron $i$ of layer $l$" ($a^{l}_{i}$, our
# $a^{[l]}_i$). Its weights "belong to the later layer", as ours do, and its
# caption reads the weight of layer $l$ as the one joining "i → j": from unit $i$ of layer $l-1$
# to unit $j$ of layer $l$, the sending unit first, where our $w^{[l]}_{jk}$ puts the receiving
# unit first. That weight is our $w^{[l]}_{ji}$, stored at `W{l}[j-1, i-1]` (001's code stores
# `W{l}` as $(n^{[l]}, n^{[l-1]})$, like ours). The study-hours note (004) numbers the inputs
# as layer 1 and puts examples in rows; notebook 04 lines its symbols up with ours.

# %%
def draw_network(layer_dims, ax, highlight=None, title=None):
    """Draw units as circles and weights as lines; layer l is the column x = l.

    highlight: optional (l, j, k) with 1-based j, k, the weight w^[l]_jk drawn in red.
    """
    ys = [np.linspace(-(n - 1) / 2, (n - 1) / 2, n)[::-1] for n in layer_dims]
    L, half = len(layer_dims) - 1, max(layer_dims) / 2
    for l in range(1, L + 1):
        for k, y_prev in enumerate(ys[l - 1], start=1):
            for j, y in enumerate(ys[l], start=1):
                red = highlight == (l, j, k)
                ax.plot([l - 1, l], [y_prev, y], color="crimson" if red else "0.75",
                        lw=2.5 if red else 0.8, zorder=2 if red else 1)
                if red:
                    ax.text(l - 0.5, (y_prev + y) / 2 - 0.3, f"$w^{{[{l}]}}_{{{j}{k}}}$ = W{l}[{j - 1}, {k - 1}]",
                            ha="center", va="top", color="crimson", fontsize=9,
                            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
        ax.text(l - 0.5, half + 0.1, f"$W^{{[{l}]}}$: ({layer_dims[l]}, {layer_dims[l - 1]})",
                ha="center", va="bottom", fontsize=9)
    for l, y in enumerate(ys):
        colour = "#9ecae1" if l == 0 else ("#fdae6b" if l == L else "#a1d99b")
        ax.scatter(np.full(len(y), l), y, s=600, c=colour, edgecolors="k", zorder=3)
        for j, yj in enumerate(y, start=1):
            label = f"$x_{j}$" if l == 0 else (f"$\\hat y_{j}$" if l == L else f"$a^{{[{l}]}}_{j}$")
            ax.text(l, yj, label, ha="center", va="center", fontsize=8, zorder=4)
        role = "input" if l == 0 else ("output" if l == L else "hidden")
        ax.text(l, -half - 0.1, f"layer {l} ({role})\n$n^{{[{l}]}} = {layer_dims[l]}$",
                ha="center", va="top", fontsize=9)
    ax.set_xlim(-0.5, L + 0.5)
    ax.set_ylim(-half - 1.0, half + 0.6)
    ax.axis("off")
    if title:
        ax.set_title(title)


fig, axes = plt.subplots(1, 2, figsize=(10, 3.8), gridspec_kw={"width_ratios": [2, 3]})
draw_network([2, 4, 1], axes[0], highlight=(1, 3, 2), title="planar classifier: 2-4-1, L = 2")
draw_network([3, 5, 4, 2], axes[1], title="a deeper net: 3-5-4-2, L = 3")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 2. Examples are columns
#
# One example $x^{(i)}$ is a column vector of $n_x$ features. The data set stacks the $m$ examples
# side by side:
#
# $$X = \begin{bmatrix} | & | & & | \\ x^{(1)} & x^{(2)} & \cdots & x^{(m)} \\ | & | & & | \end{bmatrix}
# \in \mathbb{R}^{n_x \times m}.$$
#
# So `X[:, i]` is one example and `X[j, :]` is one feature across all examples. Targets follow
# the same rule: $Y$ has shape $(n^{[L]}, m)$. Keep a single example two-dimensional by slicing
# with a list, `X[:, [i]]`, which has shape $(n_x, 1)$; `X[:, i]` drops to shape $(n_x,)$, and
# 1-D arrays are where shape bugs hide.

# %%
X_toy = np.array([[1.0, 2.0, 3.0],      # feature 1 of examples 1, 2, 3
                  [10.0, 20.0, 30.0]])  # feature 2
print("X_toy.shape:", X_toy.shape, "(n_x, m)")
print("X_toy[:, 1], the 2nd example, 1-D:", X_toy[:, 1], X_toy[:, 1].shape)
print("X_toy[1, :], feature 2 of every example:", X_toy[1, :])
print("X_toy[:, [1]], the 2nd example kept as a column of shape", X_toy[:, [1]].shape)
print(X_toy[:, [1]])

# %% [markdown]
# ## 3. The shape of everything
#
# With $m$ examples, the shapes follow from $Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}$: a product of
# an $(n^{[l]}, n^{[l-1]})$ matrix with an $(n^{[l-1]}, m)$ matrix is $(n^{[l]}, m)$.
#
# | array | shape | read as |
# |---|---|---|
# | $X = A^{[0]}$ | $(n^{[0]}, m)$ | one column per example |
# | $W^{[l]}$ | $(n^{[l]}, n^{[l-1]})$ | one row per unit of layer $l$, one column per unit of layer $l-1$ |
# | $b^{[l]}$ | $(n^{[l]}, 1)$ | one bias per unit, a column |
# | $Z^{[l]}$, $A^{[l]}$ | $(n^{[l]}, m)$ | one row per unit, one column per example |
#
# For the two networks of this course:
#
# | | planar 2-4-1, $m = 400$ | MNIST 784-128-64-10, $m = 4000$ |
# |---|---|---|
# | $X = A^{[0]}$ | (2, 400) | (784, 4000) |
# | $W^{[1]}$, $b^{[1]}$ | (4, 2), (4, 1) | (128, 784), (128, 1) |
# | $Z^{[1]}$, $A^{[1]}$ | (4, 400) | (128, 4000) |
# | $W^{[2]}$, $b^{[2]}$ | (1, 4), (1, 1) | (64, 128), (64, 1) |
# | $Z^{[2]}$, $A^{[2]}$ | (1, 400) | (64, 4000) |
# | $W^{[3]}$, $b^{[3]}$ | | (10, 64), (10, 1) |
# | $Z^{[3]}$, $A^{[3]}$ | | (10, 4000) |
#
# A table is only a claim, so let us check it on real data. `nnlib` is the course's reference
# library: you will write its pieces yourself in the coming notebooks, and here it simply runs a
# forward pass through the MNIST network. Each layer's cache holds $A^{[l-1]}$, $W^{[l]}$,
# $b^{[l]}$ and $Z^{[l]}$.

# %%
X_mnist, Y_mnist = load_mnist("train")
parameters = nnlib.initialize_parameters([784, 128, 64, 10], method="he", seed=0)
AL, caches = nnlib.model_forward(X_mnist, parameters, hidden_activation="relu", output_activation="softmax")
print(f"X {X_mnist.shape}, Y {Y_mnist.shape}")
for l, cache in enumerate(caches, start=1):
    print(f"layer {l}: A{l - 1} {cache.linear.A_prev.shape}  W{l} {cache.linear.W.shape}  "
          f"b{l} {cache.linear.b.shape}  ->  Z{l} {cache.Z.shape}")
print(f"output A3 {AL.shape}: one column of 10 class probabilities per image")

# %% [markdown]
# ## 4. Broadcasting the bias
#
# $W^{[l]} A^{[l-1]}$ has shape $(n^{[l]}, m)$ but $b^{[l]}$ has shape $(n^{[l]}, 1)$. Numpy
# *broadcasts* the sum: a dimension of length 1 is stretched to match, so column $b^{[l]}$ is
# added to every one of the $m$ columns, and unit $j$ gets its own bias $b_j$ for every example:
#
# $$Z_{ji} = \sum_k W_{jk} A_{ki} + b_j .$$
#
# Broadcasting lines shapes up **from the right**. A 1-D bias of shape $(n^{[l]},)$ is treated as
# the row $(1, n^{[l]})$, so it is added along the *columns*, to examples instead of units. When
# $n^{[l]} \ne m$ numpy refuses with an error; when they happen to be equal, it silently computes
# something else:

# %%
W_toy = np.array([[1.0, 2.0],
                  [0.0, -1.0],
                  [3.0, 1.0]])             # (3, 2): 3 units, 2 inputs
b_toy = np.array([[100.0], [200.0], [300.0]])  # (3, 1): one bias per unit
print("W @ X + b, b a column (3, 1):  unit j gets b[j]\n", W_toy @ X_toy + b_toy)
print("W @ X + b.ravel(), b 1-D (3,): example i gets b[i]  (wrong, and no error!)\n", W_toy @ X_toy + b_toy.ravel())

# %% [markdown]
# ## 5. All examples at once
#
# The layer's affine map for a single example is $z^{(i)} = W x^{(i)} + b$. A loop over the
# examples would be correct:

# %%
def affine_loop(X, W, b):
    """Z = W X + b one example (column) at a time. Correct, but slow."""
    Z = np.zeros((W.shape[0], X.shape[1]))
    for i in range(X.shape[1]):
        Z[:, [i]] = W @ X[:, [i]] + b
    return Z


print(affine_loop(X_toy, W_toy, b_toy))

# %% [markdown]
# Stacking the examples as columns turns the $m$ matrix-vector products into **one**
# matrix-matrix product, which numpy hands to optimized linear-algebra code. The loop pays
# Python's overhead once per example, which matters most when a layer is small. Below, both ways
# on 4000 examples, for the MNIST layer 1 ($W^{[1]}$ of shape (128, 784)) and for a planar-sized
# layer ($W$ of shape (4, 2)); `nnlib.linear_forward`, met in notebook 02, is the one-product
# version. Your timings will differ; the ratios are what counts.

# %%
# NBVAL_IGNORE_OUTPUT
W1, b1 = parameters["W1"], parameters["b1"]
W_small, b_small, X_small = np.ones((4, 2)), np.ones((4, 1)), np.ones((2, 4000))
results = {}
for label, (X_, W_, b_) in {"MNIST layer 1": (X_mnist, W1, b1), "4 units, 2 inputs": (X_small, W_small, b_small)}.items():
    start = time.perf_counter()
    Z_loop = affine_loop(X_, W_, b_)
    loop_ms = 1000 * (time.perf_counter() - start)
    start = time.perf_counter()
    Z_once, _ = nnlib.linear_forward(X_, W_, b_)
    once_ms = 1000 * (time.perf_counter() - start)
    results[label] = np.allclose(Z_loop, Z_once)
    print(f"{label:>17}: loop {loop_ms:7.2f} ms, one product {once_ms:6.2f} ms, {loop_ms / once_ms:5.0f} times faster")

# %%
print("loop and one product agree:", results)

# %% [markdown]
# **Exercise 1 — `affine` (2 points).** Write `affine(X, W, b)`, which returns
# $Z = W X + b$ for all $m$ examples at once, without a Python loop. It returns the array `Z`
# alone and leaves its arguments unchanged.

# %% solution id=affine
def affine(X, W, b):
    """The affine map of one layer for all examples at once.

    Parameters
    ----------
    X : ndarray of shape (n_prev, m), one example per column
    W : ndarray of shape (n, n_prev)
    b : ndarray of shape (n, 1)

    Returns
    -------
    Z : ndarray of shape (n, m), Z[:, i] = W @ X[:, i] + b[:, 0]
    """
    ### BEGIN SOLUTION
    return W @ X + b
    ### END SOLUTION


# %% test id=test_affine points=2
# test_affine: hand-checked cases (3 units, 2 inputs, 1 to 4 examples); b added per unit; inputs unchanged
from nnchecks.nb00_notation import check_affine
check_affine(affine)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb00_notation import check_affine_hidden
check_affine_hidden(affine)
### END HIDDEN TESTS

# %% [markdown]
# **Exercise 2 — `layer_shapes` (2 points).** Write `layer_shapes(layer_dims, m)`. Given the layer
# sizes `layer_dims = [n0, n1, ..., nL]` and the number of examples `m`, it returns a dict with
# the expected shape of every array of the network, as tuples (what `array.shape` returns):
# `"A0"` for the input, and `"W{l}"`, `"b{l}"`, `"Z{l}"`, `"A{l}"` for each layer $l = 1, \dots, L$.
# For example, `layer_shapes([2, 4, 1], 400)` contains `"W1": (4, 2)`, `"b1": (4, 1)`,
# `"Z1": (4, 400)` and `"A2": (1, 400)`. One point for the `W`/`b` entries, one for the `A`/`Z` ones.
#
# Such a function is a handy debugging tool: compare it with the real shapes of your parameters
# and caches whenever something does not line up.

# %% solution id=layer_shapes
def layer_shapes(layer_dims, m):
    """The shape of every array in a network with the given layer sizes.

    Parameters
    ----------
    layer_dims : list of int, [n0, n1, ..., nL]
    m : int, number of examples

    Returns
    -------
    shapes : dict mapping "A0" to (n0, m) and, for l = 1..L, "W{l}" to (n[l], n[l-1]),
        "b{l}" to (n[l], 1), "Z{l}" and "A{l}" to (n[l], m); every shape a tuple of ints
    """
    ### BEGIN SOLUTION
    shapes = {"A0": (layer_dims[0], m)}
    for l in range(1, len(layer_dims)):
        shapes[f"W{l}"] = (layer_dims[l], layer_dims[l - 1])
        shapes[f"b{l}"] = (layer_dims[l], 1)
        shapes[f"Z{l}"] = (layer_dims[l], m)
        shapes[f"A{l}"] = (layer_dims[l], m)
    return shapes
    ### END SOLUTION


# %% test id=test_layer_shapes__parameters points=1
# test_layer_shapes__parameters: W{l} and b{l} of the 2-4-1 and 784-128-64-10 networks
from nnchecks.nb00_notation import check_layer_shapes_parameters
check_layer_shapes_parameters(layer_shapes)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb00_notation import check_layer_shapes_parameters_hidden
check_layer_shapes_parameters_hidden(layer_shapes)
### END HIDDEN TESTS

# %% test id=test_layer_shapes__activations points=1
# test_layer_shapes__activations: A0, Z{l} and A{l} of the 2-4-1 and 784-128-64-10 networks
from nnchecks.nb00_notation import check_layer_shapes_activations
check_layer_shapes_activations(layer_shapes)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb00_notation import check_layer_shapes_activations_hidden
check_layer_shapes_activations_hidden(layer_shapes)
### END HIDDEN TESTS

# %% [markdown]
# ## 6. The other convention: examples as rows
#
# Many tutorials and libraries put one example per **row**: `X_rows` has shape $(m, n_x)$, the
# weights of a layer are stored as `W_rows` of shape $(n^{[l-1]}, n^{[l]})$ (scikit-learn's
# `MLPClassifier.coefs_` are stored like that), the bias is a 1-D `b_row` of shape $(n^{[l]},)$,
# and a layer computes `X_rows @ W_rows + b_row`, of shape $(m, n^{[l]})$. (PyTorch's
# `nn.Linear` stores its weight as $(n^{[l]}, n^{[l-1]})$, like our $W$, but still applies it to
# rows: `X_rows @ weight.T + bias`.)
#
# Both compute the same numbers, laid out transposed. Since $(AB)^\top = B^\top A^\top$,
#
# $$\big(X_{\text{rows}} W_{\text{rows}} + \mathbf{1}\, b_{\text{row}}\big)^\top
# = W_{\text{rows}}^\top X_{\text{rows}}^\top + b_{\text{row}}^\top \mathbf{1}^\top = W X + b
# \quad\text{with}\quad X = X_{\text{rows}}^\top,\; W = W_{\text{rows}}^\top,\; b = b_{\text{row}}^\top,$$
#
# where $\mathbf{1}$ is a column of $m$ ones (broadcasting does its job in both layouts). Note
# that the 1-D `b_row` is right in the row convention, where it lines up with the last axis, the
# units; in ours the bias must become a column. Numerically:

# %%
rng = np.random.default_rng(0)
m, n_x, n_1 = 5, 3, 4
X_rows = rng.standard_normal((m, n_x))   # one example per ROW
W_rows = rng.standard_normal((n_x, n_1))  # (inputs, units)
b_row = rng.standard_normal(n_1)          # (units,)
Z_rows = X_rows @ W_rows + b_row          # (m, units)

X_cols, W_cols, b_cols = X_rows.T, W_rows.T, b_row.reshape(-1, 1)
Z_cols = W_cols @ X_cols + b_cols         # (units, m)
print("row convention: Z_rows", Z_rows.shape, "   ours: Z", Z_cols.shape)
print("Z == Z_rows.T:", np.allclose(Z_cols, Z_rows.T))

# %% [markdown]
# **Exercise 3 — `rows_to_columns` (2 points).** Package that translation:
# `rows_to_columns(X_rows, W_rows, b_row)` returns the tuple `(X, W, b)` in our convention, with
# shapes $(n^{[0]}, m)$, $(n^{[1]}, n^{[0]})$ and $(n^{[1]}, 1)$. The bias may come as a 1-D
# array $(n^{[1]},)$ or as a row $(1, n^{[1]})$; both must give a column. Do not modify the
# arguments. The test also checks that `W @ X + b` equals `(X_rows @ W_rows + b_row).T`.

# %% solution id=rows_to_columns
def rows_to_columns(X_rows, W_rows, b_row):
    """Translate one layer's data and parameters from the row convention to ours.

    Parameters
    ----------
    X_rows : ndarray of shape (m, n0), one example per row
    W_rows : ndarray of shape (n0, n1), as in X_rows @ W_rows
    b_row : ndarray of shape (n1,) or (1, n1)

    Returns
    -------
    X : ndarray of shape (n0, m)
    W : ndarray of shape (n1, n0)
    b : ndarray of shape (n1, 1)
    """
    ### BEGIN SOLUTION
    return X_rows.T, W_rows.T, np.reshape(b_row, (-1, 1))
    ### END SOLUTION


# %% test id=test_rows_to_columns points=2
# test_rows_to_columns: 4 examples, 2 features, 3 units; b_row as (3,) and (1, 3); W @ X + b == Z_rows.T
from nnchecks.nb00_notation import check_rows_to_columns
check_rows_to_columns(rows_to_columns)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb00_notation import check_rows_to_columns_hidden
check_rows_to_columns_hidden(rows_to_columns)
### END HIDDEN TESTS

# %% [markdown]
# ## What you learned
#
# - A network (신경망) with $L$ layers (층) has weights (가중치) $W^{[l]}$ of shape
#   $(n^{[l]}, n^{[l-1]})$ and biases (편향) $b^{[l]}$ of shape $(n^{[l]}, 1)$; square brackets
#   count layers, round ones examples.
# - Examples are columns: $X$, $Z^{[l]}$ and $A^{[l]}$ have one column per example, so one matrix
#   product $W^{[l]} A^{[l-1]}$ handles all $m$ examples, and the bias column broadcasts across them.
# - A 1-D bias broadcasts as a row: keep biases as columns.
# - The row convention is the transpose of ours: $W = W_{\text{rows}}^\top$,
#   $Z = (X_{\text{rows}} W_{\text{rows}} + b_{\text{row}})^\top$.
#
# Next, in notebook 01, you choose the first values of $W^{[l]}$ and $b^{[l]}$ (initialization),
# and see why the choice matters for the hidden layers (은닉층) and the forward propagation (순전파)
# that follows.
