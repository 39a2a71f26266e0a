# %% [markdown]
# # 09 — Capstone: MNIST from scratch
#
# Everything is in place: initialization, forward propagation (순전파), the cost, backpropagation
# (역전파), the update rules and the training loop, prediction and evaluation. This last notebook
# puts them together on the problem two of the source notes (001 and 003) work on: recognising
# handwritten digits.
# You design the network (신경망) yourself, train it on 4,000 digits and must classify at least
# 94 % of 1,000 digits it has never seen. Then you look at its mistakes, and at what makes a
# vectorised network fast.
#
# **What you will be able to do**
#
# - load MNIST in our layout (one digit per column) and in Kaggle's CSV layout (one digit per
#   row), and convert between them;
# - design, train and tune a digit classifier with `nnlib` until it reaches a target accuracy
#   on held-out data, and explain why more (even synthetic) data beats more units here;
# - list the misclassified digits, look at them, and read a confusion matrix;
# - measure why a per-example Python loop is slow and a mini-batch matrix product is fast, and
#   compare `nnlib` with scikit-learn's `MLPClassifier`.
#
# Graded exercises: `from_kaggle_rows` (2 points), `build_and_train` (3 points: 1 for a working
# network, 2 for the 94 % target), `misclassified` (2 points).

# %%
%matplotlib inline
import os
import shutil
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

import nnlib
from nnlib.data import load_mnist, load_mnist_csv, one_hot
from nnlib.plotting import plot_confusion_matrix, plot_costs, show_digits

np.set_printoptions(precision=4, suppress=True, linewidth=110)

# %% [markdown]
# ## 1. The digits
#
# MNIST holds 70,000 grey-scale images of handwritten digits, 28 × 28 pixels each. The course
# ships a subset of 5,000 of them (500 of each digit, taken from the MNIST training set), split
# once by a fixed permutation into **4,000 training** and **1,000 test** digits. The test digits
# are for measuring, never for training: they stand for the digits the network will meet after
# it has been built.
#
# As everywhere in this course, examples are columns. Each image is flattened row by row into a
# column of 784 numbers, so pixel $(r, c)$ of digit $i$ is `X[28 * r + c, i]`, scaled from
# 0..255 to $[0, 1]$; the labels are one-hot columns, `Y[k, i] == 1` when digit $i$ is a $k$:
#
# $$X \in [0, 1]^{784 \times m}, \qquad Y \in \{0, 1\}^{10 \times m}.$$
#
# We load them as `float32`: half the memory of `float64` and about twice as fast in the matrix
# products, with more precision than the pixels have.

# %%
X_train, Y_train = load_mnist("train", dtype=np.float32)
X_test, Y_test = load_mnist("test", dtype=np.float32)
labels_train, labels_test = Y_train.argmax(axis=0), Y_test.argmax(axis=0)
print("X_train", X_train.shape, X_train.dtype, " Y_train", Y_train.shape)
print("X_test ", X_test.shape, X_test.dtype, " Y_test ", Y_test.shape)
print("pixels from", X_train.min(), "to", X_train.max())
print("training digits per class:", np.bincount(labels_train, minlength=10))
print("test digits per class:    ", np.bincount(labels_test, minlength=10))

# %% [markdown]
# The first twenty training digits, each titled with its label:

# %%
show_digits(X_train[:, :20], labels=labels_train[:20], n_cols=10)
plt.show()
print("labels:", labels_train[:20])

# %% [markdown]
# ## 2. The Kaggle layout: one digit per row
#
# Many MNIST tutorials read Kaggle's "Digit Recognizer" file `train.csv`. The Kaggle source note
# (003) reads another Kaggle data set, "mnist-in-csv": its files `mnist_train.csv` and
# `mnist_test.csv`, 60,000 and 10,000 digits, loaded with pandas, one digit per row in a column
# named `label` and 784 pixel columns. Both layouts are the transpose of ours. Digit Recognizer's,
# the one `nnlib` reads, is a header line `label,pixel0,...,pixel783`, then **one digit per row**,
# the label first and the 784 pixel values (integers 0..255) after it:
#
# ```
# label,pixel0,pixel1,...,pixel783
# 5,0,0,...,0
# 0,0,0,...,0
# ```
#
# Read as a table $T$ of shape $(m, 785)$, the label of digit $i$ is $T_{i,0}$ and its pixels are
# row $i$ of $T_{:,1:}$. To get our layout, drop the label column, **transpose** so that digits
# become columns, and scale:
#
# $$X = \tfrac{1}{255}\,\left(T_{:,1:}\right)^{\top} \in [0, 1]^{784 \times m}, \qquad
#   Y_{k,i} = [\,T_{i,0} = k\,].$$
#
# Forgetting the transpose is the classic mistake: `W1 @ X` then fails with a shape error, or,
# worse, runs on a square subset and silently learns nothing. To see the layout we write the
# first 100 training digits in it to a temporary directory, and read them back with
# `nnlib.data.load_mnist_csv`, which does exactly this conversion.

# %%
csv_dir = Path(tempfile.mkdtemp(prefix="mnist_csv_"))
csv_path = csv_dir / "train.csv"
n_csv = 100
table = np.column_stack([labels_train[:n_csv],
                         np.rint(X_train[:, :n_csv].T * 255).astype(np.int64)])  # one digit per ROW
header = ",".join(["label"] + [f"pixel{p}" for p in range(784)])
np.savetxt(csv_path, table, fmt="%d", delimiter=",", header=header, comments="")

with open(csv_path) as f:
    lines = [next(f) for _ in range(3)]
for line in lines:
    print(line[:60].rstrip(), "...", f"({line.count(',') + 1} values)")
print("the table in the file:", table.shape, "= (digits, 1 label + 784 pixels)")

X_csv, Y_csv = load_mnist_csv(csv_path)
print("load_mnist_csv gives X", X_csv.shape, "and Y", Y_csv.shape)
same = np.allclose(X_csv, X_train[:, :n_csv], atol=1e-6) and np.array_equal(Y_csv, Y_train[:, :n_csv])
print("same digits as the first 100 training columns:", same)

# %% [markdown]
# **Exercise 1 — `from_kaggle_rows` (2 points).** Write the conversion yourself: given the table
# as integers of shape $(m, 785)$ (what `np.loadtxt` returns for the file without its header
# line), return `X` of shape $(784, m)$ with pixels in $[0, 1]$ and the one-hot `Y` of shape
# $(10, m)$. You may use `nnlib.data.one_hot(labels, 10)` (imported above as `one_hot`), but not
# `load_mnist_csv`. Do not modify `table`.

# %% solution id=from_kaggle_rows
def from_kaggle_rows(table):
    """Kaggle rows to our columns.

    Parameters
    ----------
    table : ndarray of int, shape (m, 785)
        One digit per row: column 0 is the label 0..9, columns 1..784 the pixels 0..255.

    Returns
    -------
    X : ndarray of float, shape (784, m), one digit per column, pixels in [0, 1]
    Y : ndarray of float, shape (10, m), one-hot labels
    """
    ### BEGIN SOLUTION
    X = table[:, 1:].T / 255
    Y = one_hot(table[:, 0], 10)
    return X, Y
    ### END SOLUTION

# %% test id=test_from_kaggle_rows points=2
# test_from_kaggle_rows: three hand-made rows (labels 7, 0, 3, one lit pixel each); shapes, scaling, one-hot
from nnchecks.nb09_capstone import check_from_kaggle_rows
check_from_kaggle_rows(from_kaggle_rows)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb09_capstone import check_from_kaggle_rows_hidden
check_from_kaggle_rows_hidden(from_kaggle_rows)
### END HIDDEN TESTS

# %% [markdown]
# Read the file with `np.loadtxt`, skipping the header, and compare your conversion with
# `load_mnist_csv` (if `from_kaggle_rows` is not written yet, this cell says so and goes on). The
# temporary directory is removed afterwards.

# %%
from nnchecks import demonstrating  # an error in your function is reported in a line, Run All goes on

rows = np.loadtxt(csv_path, delimiter=",", skiprows=1, dtype=np.int64)
print("np.loadtxt gives", rows.shape)
with demonstrating(from_kaggle_rows, otherwise="skipping the comparison"):
    X_rows, Y_rows = from_kaggle_rows(rows)
    print("from_kaggle_rows gives X", np.shape(X_rows), "and Y", np.shape(Y_rows))
    print("same as load_mnist_csv:", np.allclose(X_rows, X_csv) and np.array_equal(Y_rows, Y_csv))
shutil.rmtree(csv_dir)

# %% [markdown]
# ### Why the division by 255 matters
#
# Note 003 builds a sigmoid network of sizes 784-128-64-32-16-10, draws every weight and bias from
# a standard normal distribution (standard deviation 1), and runs its forward pass on a row of the
# CSV as it comes: pixel values 0..255, never scaled. It prints only the shapes of the layers'
# outputs. Here are the values, for that recipe in our layout, on 100 training digits, next to
# two repairs:

# %%
def normal_parameters(dims, seed=0):
    """Every weight and bias drawn from N(0, 1), as in note 003 (in our shapes)."""
    rng = np.random.default_rng(seed)
    return {key: rng.standard_normal(shape) for l in range(1, len(dims))
            for key, shape in ((f"W{l}", (dims[l], dims[l - 1])), (f"b{l}", (dims[l], 1)))}


deep_dims = [784, 128, 64, 32, 16, 10]
X_100 = X_train[:, :100].astype(np.float64)
recipes = {"pixels 0..255, weights N(0, 1)": (255 * X_100, normal_parameters(deep_dims)),
           "pixels in [0, 1], weights N(0, 1)": (X_100, normal_parameters(deep_dims)),
           "pixels in [0, 1], Xavier weights": (X_100, nnlib.initialize_parameters(deep_dims, "xavier", seed=0))}
print(f"{'':34} {'largest |z| in layer 1':>23} {'units with slope < 0.001':>25} {'mean slope':>11}")
for label, (X_in, params) in recipes.items():
    _, caches = nnlib.model_forward(X_in, params, "sigmoid", "sigmoid")
    Z1 = caches[0].Z
    slope = nnlib.sigmoid_backward(np.ones_like(Z1), Z1)  # sigma'(z) = sigma(z) (1 - sigma(z))
    print(f"{label:34} {np.abs(Z1).max():23.0f} {np.mean(slope < 1e-3):25.1%} {slope.mean():11.4f}")

# %% [markdown]
# With raw pixels, $z = W^{[1]} x + b^{[1]}$ sums 784 products with pixels up to 255, and reaches
# thousands: almost every first-layer sigmoid sits flat at 0 or 1, where its slope is about
# $e^{-|z|}$, nothing. Backpropagation multiplies by that slope (notebook 08), so the first layer
# cannot learn, and its saturated outputs change nothing when a pixel changes a little. Scaling the
# pixels to $[0, 1]$ shrinks $z$ but leaves many units saturated, because weights of standard
# deviation 1 over 784 inputs are still far too large; an initialization scaled for the layer's
# size (notebook 01) fixes the rest. `load_mnist`, `load_mnist_csv` and your `from_kaggle_rows` all
# divide by 255, and the test images get the same division.

# %% [markdown]
# ## 3. A first network
#
# A first design, with the choices of the earlier notebooks:
#
# - layer sizes $784 \to 128 \to 10$: one hidden layer (은닉층) of 128 units, He-initialized;
# - ReLU in the hidden layer, softmax at the output and the categorical cross-entropy cost
#   (비용 함수) $J = -\frac{1}{m}\sum_i \sum_k Y_{k,i} \log A^{[2]}_{k,i}$;
# - Adam with learning rate (학습률) $10^{-3}$, mini-batches (미니배치) of 64 digits, 10 epochs (에포크).
#
# `validation_data` makes `nnlib.train` record the test accuracy after every epoch. We only look
# at it here, to see how training and test behave; the settings were not tuned on it.

# %%
layer_dims = [784, 128, 10]
baseline, history = nnlib.train(
    X_train, Y_train, layer_dims, hidden_activation="relu", output_activation="softmax",
    loss="ce", optimizer="adam", learning_rate=1e-3, epochs=10, batch_size=64, seed=0,
    validation_data=(X_test, Y_test))
train_acc = nnlib.accuracy(nnlib.predict(X_train, baseline, "relu", "softmax"), Y_train)
test_acc = nnlib.accuracy(nnlib.predict(X_test, baseline, "relu", "softmax"), Y_test)
n_parameters = sum(p.size for p in baseline.values())
print(f"{n_parameters} parameters, trained on {X_train.shape[1]} digits")
initial, _ = nnlib.train(X_train, Y_train, layer_dims, hidden_activation="relu", output_activation="softmax",
                         loss="ce", epochs=0, seed=0)  # epochs=0: the same start, untrained
initial_cost = nnlib.compute_cost(nnlib.model_forward(X_train, initial, "relu", "softmax")[0], Y_train, "ce")
print(f"cost of the initial parameters: {initial_cost:.2f}; history['cost'][0], "
      f"the mean over the first epoch's {-(-X_train.shape[1] // 64)} mini-batches: {history['cost'][0]:.2f}")
print(f"cost after 10 epochs: {history['cost'][-1]:.4f}")
print(f"training accuracy {train_acc:.1%}, test accuracy {test_acc:.1%}")

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.2))
plot_costs(history["cost"], ax=ax1, title="training cost")
ax2.plot(np.arange(1, 11), history["val_accuracy"], marker="o")
ax2.set_xlabel("epoch")
ax2.set_ylabel("test accuracy")
ax2.set_title("accuracy on the 1,000 test digits")
fig.tight_layout()
plt.show()
print("test accuracy per epoch:", np.round(history["val_accuracy"], 3))

# %% [markdown]
# The cost curve starts at the mean cost of the first epoch's mini-batches, not at the initial
# cost: `history["cost"]` records, for each epoch, the mean of the batch costs computed during it,
# each just before its batch's update (notebook 06). The cost falls from the initial value to far
# below it within that first epoch, so the curve's first point is already low.
#
# The network gets 99 % of the training digits right but about one test digit in eleven wrong,
# and the test accuracy stops improving after about six epochs while the cost keeps falling. With
# about 100,000 parameters (가중치 and 편향) and only 4,000 examples, the network can memorise
# the training digits' details instead of learning what a "3" looks like: it **overfits**.
#
# What helps, roughly in order of what it buys here:
#
# - **More data.** We have no more digits, but we can make some. A digit moved by one pixel is
#   still the same digit, yet for a fully connected network it is a different input: nothing in
#   $W^{[1]}$ knows that pixel $(r, c)$ and pixel $(r+1, c)$ are neighbours. Shifted copies of
#   every training digit, one pixel up, down, left and right,
#   $$x'_{r,c} = x_{r-1,c}, \quad x'_{r,c} = x_{r+1,c}, \quad
#     x'_{r,c} = x_{r,c-1}, \quad x'_{r,c} = x_{r,c+1},$$
#   (a pixel that comes from outside the image is 0) give five times the training data, and teach
#   the network that small shifts do not matter. This is **data augmentation**. MNIST digits have
#   a blank border of four pixels, so `np.roll` along the row or column axis of
#   `X.reshape(28, 28, m)` is a shift whose wrapped-around pixels are blank anyway.
# - **More hidden units** (256 instead of 128) or a second hidden layer: a little better.
# - **The learning rate and the number of epochs**: Adam at $10^{-3}$ is a good start; more
#   epochs help with more data, less with the original 4,000 digits.
# - **The batch size**: batches of 128 make half as many updates per epoch as batches of 64, so
#   an epoch takes less time; a larger learning rate ($2 \times 10^{-3}$) makes up for the fewer
#   steps.
#
# With 4,000 digits and no augmentation, wider or deeper networks of this kind end around
# 92–94 % on these test digits; with the four shifted copies a 784-256-10 network passes 95 %
# in a few seconds.
#
# **The source notes' MNIST result.** Note 001 prints the only MNIST figures of the notes: a
# 784-128-64-10 sigmoid network with squared error, trained on 250 digits with $\alpha = 300$ (in
# fact per-example steps of $300/250 = 1.2$, notebook 05), reaches a test accuracy of 0.24 after
# its first epoch and 0.86 after its 25th, on the digits of its file after the first 250 (the note
# does not say how many). Our test digits are others, so the numbers compare only roughly. For
# scale, our first network trained the same way as above but on the first 250 training digits
# only, for 25 epochs:

# %%
small, small_history = nnlib.train(
    X_train[:, :250], Y_train[:, :250], layer_dims, hidden_activation="relu", output_activation="softmax",
    loss="ce", optimizer="adam", learning_rate=1e-3, epochs=25, batch_size=64, seed=0,
    validation_data=(X_test, Y_test))
print("note 001, 250 digits, test accuracy after epochs 1, 5, 10, 25:  0.24  0.66  0.74  0.86")
print("ours,     250 digits, test accuracy after epochs 1, 5, 10, 25: ",
      "  ".join(f"{small_history['val_accuracy'][e - 1]:.2f}" for e in (1, 5, 10, 25)))
print(f"ours,    4000 digits, test accuracy after epochs 1 and 10:      "
      f"{history['val_accuracy'][0]:.2f}  {history['val_accuracy'][-1]:.2f}")

# %% [markdown]
# On 250 digits our first network ends near the note's result (0.82 against its 0.86, measured on
# other test digits); on all 4,000 training digits the same network reaches 0.91. More data, again,
# is what buys accuracy here.
#
# **Exercise 2 — `build_and_train` (3 points).** Design and train your digit classifier: write
# `build_and_train(X_train, Y_train)` that trains a network with `nnlib` (e.g. `nnlib.train`, any
# layer sizes, activations, optimizer and epochs, any preprocessing of the training data such as
# shifted copies) and returns `(parameters, hidden_activation, output_activation)`.
#
# How it is graded, and why this way:
#
# - The test cell **calls your function itself**, with copies of the 4,000 training digits
#   (`float32`) and nothing else. So the network it scores was trained on the training split
#   only, by your code, in the grading run. Your function must not load data itself: it is
#   stopped if it calls `nnlib.data.load_mnist` (or the CSV loader).
# - It scores the returned network on the 1,000 test digits with
#   `nnlib.predict(X_test, parameters, hidden_activation, output_activation)`, i.e. your input
#   must be the raw pixels: any preprocessing has to be applied to the training data only (or
#   folded into `W1` and `b1`).
# - One call may take at most **25 seconds** (CPU time or wall-clock time, whichever is
#   smaller, so that time spent waiting on a busy machine is not counted). The reference
#   solution needs about 2 s on a laptop; aim for under 10 s on yours. The graded network is
#   trained once and shared by both test cells; the first of them also runs the hidden training
#   below, and nbgrader allows 60 s per cell.
# - **1 point** for a working network with at least 88 % test accuracy, **2 points** for the
#   target: at least **94 %**.
# - The hidden tests train your function once more on the same digits with the ten class names
#   shuffled (every 0 called 3, every 1 called 7, ...) and expect at least 80 % of the test
#   digits named the same way. A function that really learns from its arguments hardly notices;
#   one that returns a network trained earlier (say, on the test digits) fails.
#
# Choosing settings by looking at the test accuracy makes it slightly optimistic. A careful
# project would set 500 of the training digits aside for such choices and look at the test split
# once at the end; the margin of the target leaves room for that.

# %% solution id=build_and_train
def build_and_train(X_train, Y_train):
    """Design and train a digit classifier on the given digits only.

    Parameters
    ----------
    X_train : ndarray of shape (784, m), float32, one digit per column, pixels in [0, 1]
    Y_train : ndarray of shape (10, m), one-hot labels

    Returns
    -------
    parameters : dict W1, b1, ..., WL, bL; W1 of shape (n[1], 784), WL of shape (10, n[L-1])
    hidden_activation : str, e.g. "relu"
    output_activation : str, e.g. "softmax"
    """
    ### BEGIN SOLUTION
    m = X_train.shape[1]
    images = X_train.reshape(28, 28, m)  # images[r, c, i] is pixel (r, c) of digit i
    copies = [X_train]
    for shift, axis in ((1, 0), (-1, 0), (1, 1), (-1, 1)):  # down, up, right, left
        copies.append(np.roll(images, shift, axis=axis).reshape(784, m))
    X = np.concatenate(copies, axis=1)  # (784, 5m)
    Y = np.tile(Y_train, (1, len(copies)))  # the same labels for every copy
    parameters, _ = nnlib.train(
        X, Y, [784, 256, 10], hidden_activation="relu", output_activation="softmax",
        loss="ce", optimizer="adam", learning_rate=2e-3, epochs=3, batch_size=128, seed=0)
    return parameters, "relu", "softmax"
    ### END SOLUTION

# %% test id=test_build_and_train__works points=1
# test_build_and_train__works: trained on the training digits only, within 25 s; >= 88 % of the test digits right
from nnchecks.nb09_capstone import check_build_and_train
check_build_and_train(build_and_train)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb09_capstone import check_build_and_train_hidden
check_build_and_train_hidden(build_and_train)
### END HIDDEN TESTS

# %% test id=test_build_and_train__target points=2
# test_build_and_train__target: the same network (not trained again) gets >= 94 % of the test digits right
from nnchecks.nb09_capstone import check_build_and_train_target
check_build_and_train_target(build_and_train)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb09_capstone import check_build_and_train_hidden
check_build_and_train_hidden(build_and_train)
### END HIDDEN TESTS

# %% [markdown]
# How does your network do? The first test cell above trained it with your `build_and_train`
# and scored it. The cell below shows that same network (`graded_network` hands it over) instead
# of training it again; it trains it only if the test cells have not run with this
# `build_and_train`. (Until `build_and_train` is written, this cell and the ones after it use the
# first network of section 3.)

# %%
from nnchecks.nb09_capstone import graded_network  # the network the test cells above trained and scored

parameters, hidden, output = baseline, "relu", "softmax"
with demonstrating(build_and_train, otherwise="using the first network of section 3 instead"):
    trained = graded_network(build_and_train)  # what build_and_train(X_train, Y_train) returned
    parameters, hidden, output = trained
    sizes = [784] + [parameters[f"W{l}"].shape[0] for l in range(1, len(parameters) // 2 + 1)]
    print("your network:", " -> ".join(map(str, sizes)), f"({hidden}/{output})")
predicted_train = nnlib.predict(X_train, parameters, hidden, output)
predicted_test = nnlib.predict(X_test, parameters, hidden, output)
print(f"training accuracy {nnlib.accuracy(predicted_train, Y_train):.1%}, "
      f"test accuracy {nnlib.accuracy(predicted_test, Y_test):.1%}")

# %% [markdown]
# ## 4. Where does it go wrong?
#
# An accuracy is one number; the mistakes themselves say more. **Exercise 3 — `misclassified`
# (2 points).** Return the indices of the examples (columns of `X`) that the network gets wrong,
# as a 1-D integer array in ascending order (empty if there are none). The predicted class comes
# from `nnlib.predict`, which you may use; the true class is the row of the 1 in each column of
# `Y`. `np.flatnonzero` turns a boolean mask into the indices where it is true.

# %% solution id=misclassified
def misclassified(X, Y, parameters, hidden_activation="relu", output_activation="softmax"):
    """Indices of the examples the network classifies wrongly.

    Parameters
    ----------
    X : ndarray of shape (n[0], m)
    Y : ndarray of shape (n[L], m), one-hot labels (n[L] >= 2 classes)
    parameters : dict W1, b1, ..., WL, bL
    hidden_activation, output_activation : str

    Returns
    -------
    ndarray of int, shape (k,): the k column indices i, ascending, whose predicted class is
    not the class of Y[:, i]
    """
    ### BEGIN SOLUTION
    predicted = nnlib.predict(X, parameters, hidden_activation, output_activation).ravel()
    return np.flatnonzero(predicted != np.argmax(Y, axis=0))
    ### END SOLUTION

# %% test id=test_misclassified points=2
# test_misclassified: a 3-class network worked by hand (columns 3 and 5 wrong), then one with no mistakes
from nnchecks.nb09_capstone import check_misclassified
check_misclassified(misclassified)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb09_capstone import check_misclassified_hidden
check_misclassified_hidden(misclassified)
### END HIDDEN TESTS

# %% [markdown]
# The test digits your network gets wrong, titled "true→predicted":

# %%
with demonstrating(misclassified, otherwise="skipping the picture"):
    wrong = misclassified(X_test, Y_test, parameters, hidden, output)
    print(f"{len(wrong)} of {X_test.shape[1]} test digits are misclassified")
    shown = wrong[:20]
    show_digits(X_test[:, shown], labels=labels_test[shown],
                predicted=predicted_test.ravel()[shown], n_cols=10)
    plt.show()
    print("true:     ", labels_test[shown])
    print("predicted:", predicted_test.ravel()[shown])

# %% [markdown]
# Some of them would puzzle a person too: a 7 whose stem curls like a 9, a thin slanted 0 that
# could be a 6, a 5 whose hook almost closes into a loop. Others are plain mistakes.
#
# The **confusion matrix** counts them all: $C_{ij}$ is the number of test digits of true class
# $i$ predicted as $j$. The diagonal holds the correct ones; a large entry off the diagonal names
# a pair of digits the network mixes up. As in notebook 07, `confusion_matrix` takes integer label
# rows $(1, m)$: `nnlib.to_labels` turns the one-hot `Y_test` into one (the row of each column's 1).

# %%
C = nnlib.confusion_matrix(nnlib.to_labels(Y_test), predicted_test, n_classes=10)
print(C)
plot_confusion_matrix(C)
plt.title("test digits: true vs predicted")
plt.show()

per_class = C.diagonal() / C.sum(axis=1)
print("accuracy per digit:", np.round(per_class, 3))
off_diagonal = C - np.diag(C.diagonal())
largest = np.argsort(-off_diagonal, axis=None, kind="stable")[:3]
for i, j in zip(*np.unravel_index(largest, C.shape)):
    print(f"true {i} predicted as {j}: {off_diagonal[i, j]} times")

# %% [markdown]
# ## 5. How fast, and why
#
# The MNIST code of the source notes trains one example at a time: a Python `for` loop over the
# digits, and inside it the forward pass, the backward pass and an update for a single example
# (in our layout a column $x$ of shape $(784, 1)$). Here is that loop for our 784-128-10 network, written out with numpy
# (softmax with cross-entropy gives $dz^{[2]} = a^{[2]} - y$, and ReLU passes the gradient where
# $z^{[1]} > 0$), plain stochastic gradient descent (경사 하강법):

# %%
def sgd_one_example_at_a_time(X, Y, parameters, learning_rate):
    """One epoch of SGD on a 784-n1-10 relu/softmax network, one column of X at a time."""
    W1, b1, W2, b2 = (parameters[key].copy() for key in ("W1", "b1", "W2", "b2"))
    for i in range(X.shape[1]):
        x, y = X[:, i:i + 1], Y[:, i:i + 1]  # (784, 1) and (10, 1)
        z1 = W1 @ x + b1
        a1 = np.maximum(z1, 0)
        z2 = W2 @ a1 + b2
        e = np.exp(z2 - z2.max())
        a2 = e / e.sum()
        dz2 = a2 - y
        dz1 = (W2.T @ dz2) * (z1 > 0)
        W2 -= learning_rate * (dz2 @ a1.T)
        b2 -= learning_rate * dz2
        W1 -= learning_rate * (dz1 @ x.T)
        b1 -= learning_rate * dz1
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


# One step on one digit must be exactly nnlib's gradient-descent step on that digit.
start = nnlib.initialize_parameters([784, 128, 10], "he", seed=0)
x0, y0 = X_train[:, :1].astype(np.float64), Y_train[:, :1].astype(np.float64)
mine = sgd_one_example_at_a_time(x0, y0, start, 0.01)
AL, caches = nnlib.model_forward(x0, start, "relu", "softmax")
grads = nnlib.model_backward(AL, y0, caches, "relu", "softmax", loss="ce")
theirs = nnlib.update_parameters(start, grads, 0.01)
print("same step as nnlib:", all(np.allclose(mine[k], theirs[k]) for k in theirs))

# %% [markdown]
# Now the same architecture trained three ways, timed per epoch of 4,000 digits: the loop above
# (timed on the first 300 digits and scaled up), `nnlib.train` with mini-batches of 64
# (`batch_size=1` too, for comparison), and scikit-learn's `MLPClassifier`, which is only there if
# the optional benchmark extra is installed (`pip install ".[bench]"`). scikit-learn stores
# examples as **rows**, so it gets `X_train.T` and the labels. Timings vary from run to run and
# machine to machine, so this cell's output is not compared when the notebook is checked.

# %%
# NBVAL_IGNORE_OUTPUT
import time
import warnings

grading = bool(os.environ.get("NBGRADER_EXECUTION"))
n_loop = 100 if grading else 300
epochs = 1 if grading else 2
m_train = X_train.shape[1]
settings = dict(hidden_activation="relu", output_activation="softmax", loss="ce", seed=0)
results = []

start_params = nnlib.initialize_parameters([784, 128, 10], "he", seed=0, dtype=np.float32)
t0 = time.perf_counter()
sgd_one_example_at_a_time(X_train[:, :n_loop], Y_train[:, :n_loop], start_params, 0.01)
seconds = (time.perf_counter() - t0) * m_train / n_loop
results.append(("per-example Python loop (batch 1)", seconds, None))

t0 = time.perf_counter()
nnlib.train(X_train[:, :n_loop], Y_train[:, :n_loop], [784, 128, 10], optimizer="gd",
            learning_rate=0.01, epochs=1, batch_size=1, **settings)
results.append(("nnlib.train, batch 1 (SGD)", (time.perf_counter() - t0) * m_train / n_loop, None))

t0 = time.perf_counter()
fast, _ = nnlib.train(X_train, Y_train, [784, 128, 10], optimizer="adam", learning_rate=1e-3,
                      epochs=epochs, batch_size=64, **settings)
results.append(("nnlib.train, batch 64 (Adam)", (time.perf_counter() - t0) / epochs,
                nnlib.accuracy(nnlib.predict(X_test, fast, "relu", "softmax"), Y_test)))

try:
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier
except ImportError:
    print('scikit-learn is not installed: skipping it (pip install ".[bench]" adds it)')
else:
    clf = MLPClassifier(hidden_layer_sizes=(128,), activation="relu", solver="adam", alpha=0.0,
                        learning_rate_init=1e-3, batch_size=64, max_iter=epochs, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # it stops after max_iter on purpose
        t0 = time.perf_counter()
        clf.fit(X_train.T, labels_train)  # examples as ROWS
        seconds = time.perf_counter() - t0
    results.append(("scikit-learn MLPClassifier, batch 64 (Adam)", seconds / epochs,
                    clf.score(X_test.T, labels_test)))

print(f"{'784-128-10, relu/softmax':45} {'s / epoch':>10} {f'test acc. after {epochs} epochs':>26}")
for name, seconds, acc in results:
    print(f"{name:45} {seconds:10.3f} {'' if acc is None else f'{acc:.1%}':>26}")
speedup = results[0][1] / results[2][1]
print(f"the mini-batch version is {speedup:.0f} times faster per epoch than the loop")

# %% [markdown]
# The loop and the mini-batch version do the same arithmetic per digit, yet the loop is many
# times slower, for two reasons:
#
# - **Python overhead.** Every digit costs a dozen numpy calls, each with microseconds of
#   bookkeeping, for arrays too small to amortise it. With 64 digits per call, that overhead is
#   paid 64 times less often.
# - **Memory traffic.** For one digit the loop reads all of `W1` (128 × 784, about 100,000
#   numbers) to compute `W1 @ x`, builds a full 100,000-entry `dW1` from an outer product, and
#   writes `W1` back: several passes over the largest array for 100,000 useful multiply-adds each.
#   With a batch, `W1 @ X_batch` and `dZ1 @ X_batch.T` do 64 times the arithmetic per pass over
#   `W1`, and the matrix-matrix kernels of the BLAS library behind numpy keep blocks of it in the
#   cache and use the CPU's vector units.
#
# `nnlib.train` with `batch_size=1` is as slow as the hand-written loop: the speed comes from the
# batch, not from the library. Our numpy code and scikit-learn's (also numpy, with extras such as
# L2 regularisation, switched off here with `alpha=0`, and early stopping, off by default) are
# within a small factor of each other. Frameworks such as PyTorch use the same kind of BLAS kernels on a
# CPU; their big gains come from GPUs and from computing the gradients for you.
#
# ## What you learned
#
# - MNIST in our layout is $X \in [0,1]^{784 \times m}$ with one-hot $Y \in \{0,1\}^{10 \times m}$;
#   Kaggle's CSV has one digit per row, label first: drop the label column, transpose, divide
#   by 255. Raw 0..255 pixels into a sigmoid layer with N(0, 1) weights, as in note 003, leave
#   almost every unit of the first layer saturated: scale the pixels and the initial weights.
# - With 4,000 examples, a 784-128-10 network (신경망) with a ReLU hidden layer (은닉층) and a
#   softmax output overfits: 99 % on the training digits, about 91 % on the test digits.
#   More units help a little; shifted copies of the training digits (data augmentation) help
#   most, and a network trained in seconds passes 95 %.
# - A grader that calls your training function itself, on the training split only, measures a
#   model fairly; training again with shuffled class names shows that it learns from its
#   arguments.
# - `misclassified` and the confusion matrix show which digits and which pairs of classes cause
#   the errors.
# - Mini-batches (미니배치) are fast because of matrix-matrix products and less Python overhead per
#   example; one epoch (에포크) of a per-example loop costs many epochs of mini-batch training.
#
# Glossary: 순전파 forward propagation, 역전파 backward propagation, 활성화 함수 activation
# function, 비용 함수 cost function, 경사 하강법 gradient descent, 학습률 learning rate, 가중치
# weight, 편향 bias, 미니배치 mini-batch, 에포크 epoch.
