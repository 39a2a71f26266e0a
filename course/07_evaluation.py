# %% [markdown]
# # 07 — Prediction and evaluation
#
# A trained network (신경망) outputs numbers: a probability from a sigmoid unit, a probability
# vector from a softmax layer. To use it we turn those numbers into **labels**, and to trust it we
# measure how often the labels are right, on examples it has **not** been trained on.
#
# **What you will be able to do**
#
# - turn network outputs into class labels: a 0.5 threshold for one sigmoid unit, the argmax for softmax;
# - compute the accuracy (정확도) and the confusion matrix (혼동 행렬) of a classifier, and read them;
# - split a data set into a training set and a test set at random, reproducibly;
# - recognise under- and over-fitting (과소적합, 과대적합) by comparing training and test accuracy
#   and by looking at decision boundaries (결정 경계).
#
# | exercise | points |
# |---|---|
# | 1 `predict` (one sigmoid unit 1, softmax 1) | 2 |
# | 2 `accuracy` (labels 1, one-hot 1) | 2 |
# | 3 `confusion_matrix` | 2 |
# | 4 `train_test_split` (sizes and pairing 1, seed and shuffle 1) | 2 |
# | **total** | **8** |
#
# The exercises are independent: `predict` uses `nnlib.model_forward` (notebook 02) for the forward
# pass, and the demonstrations between exercises use `nnlib`'s versions (`nnlib.predict`,
# `nnlib.accuracy`, `nnlib.confusion_matrix`), so they run before you have written anything and a
# mistake costs the points of its own exercise only.
#
# Conventions (notebook 00): examples are **columns**, $X$ has shape $(n_x, m)$, outputs $A^{[L]}$
# have shape $(n^{[L]}, m)$, and labels are a row of shape $(1, m)$.

# %%
import matplotlib.pyplot as plt
import numpy as np

import nnlib
from nnlib.data import load_mnist, make_planar
from nnlib.plotting import plot_confusion_matrix, plot_decision_boundary, show_digits

%matplotlib inline
np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## 1. From outputs to labels
#
# **One sigmoid output unit** (binary classification). The output $a^{(i)} = \sigma(z^{(i)})$ is the
# network's estimate of $P(y^{(i)} = 1 \mid x^{(i)})$. The label is the more likely class:
#
# $$\hat y^{(i)} = \begin{cases} 1 & \text{if } a^{(i)} > 0.5,\\ 0 & \text{otherwise.}\end{cases}$$
#
# Since $\sigma(z) > 0.5$ exactly when $z > 0$, the threshold splits the input space where the last
# layer's $z$ changes sign: that surface is the **decision boundary**.
#
# **Several softmax output units** (multi-class). Column $i$ of $A^{[L]}$ is a probability vector
# over the $k$ classes, and the label is the index of its largest entry:
#
# $$\hat y^{(i)} = \arg\max_{j} \; a^{[L]}_{j i}.$$
#
# In numpy that is `np.argmax(AL, axis=0)`: axis 0 runs down a column, over the classes.
# Either way the result is one integer per example, kept as a row of shape $(1, m)$ like `Y`.
#
# **Exercise 1 — `predict` (2 points: one sigmoid unit 1, softmax 1).** Run the network forward
# with `nnlib.model_forward(X, parameters, hidden_activation, output_activation)`, then turn
# `AL` into labels: the 0.5 threshold when `AL` has one row, the argmax of each column otherwise.
# Return integers (`.astype(int)`), shape $(1, m)$.

# %% solution id=predict
def predict(X, parameters, hidden_activation, output_activation):
    """Class labels predicted by an L-layer network.

    Parameters
    ----------
    X : ndarray of shape (n[0], m), one example per column
    parameters : dict with W1, b1, ..., WL, bL
    hidden_activation, output_activation : activation names, as for nnlib.model_forward

    Returns
    -------
    labels : integer ndarray of shape (1, m): 1 where AL > 0.5 and 0 elsewhere if the output
        layer has one unit; the index of the largest entry of each column of AL otherwise
    """
    ### BEGIN SOLUTION
    AL, _ = nnlib.model_forward(X, parameters, hidden_activation, output_activation)
    if AL.shape[0] == 1:
        return (AL > 0.5).astype(int)
    return np.argmax(AL, axis=0).reshape(1, -1)
    ### END SOLUTION


# %% test id=test_predict__sigmoid points=1
# test_predict__sigmoid: one sigmoid unit, labels = AL > 0.5 as a (1, m) integer row; inputs unchanged
from nnchecks.nb07_evaluation import check_predict_sigmoid
check_predict_sigmoid(predict)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb07_evaluation import check_predict_sigmoid_hidden
check_predict_sigmoid_hidden(predict)
### END HIDDEN TESTS

# %% test id=test_predict__softmax points=1
# test_predict__softmax: softmax outputs, labels = argmax of each column as a (1, m) integer row
from nnchecks.nb07_evaluation import check_predict_softmax
check_predict_softmax(predict)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb07_evaluation import check_predict_softmax_hidden
check_predict_softmax_hidden(predict)
### END HIDDEN TESTS

# %% [markdown]
# ## 2. Accuracy
#
# The **accuracy** of labels $\hat y$ against the true labels $y$ is the fraction of examples
# labelled correctly:
#
# $$\text{accuracy} = \frac{1}{m}\sum_{i=1}^{m} \mathbb{1}\left[\hat y^{(i)} = y^{(i)}\right],$$
#
# a number between 0 and 1 (multiply by 100 only when you print a percentage). The true labels
# often arrive in the form the cost needs: a row of 0/1 for a sigmoid unit, but **one-hot columns**
# $(k, m)$ for softmax, e.g. MNIST's `Y`. One-hot columns become labels with the same argmax as in
# `predict`.
#
# Watch the shapes: comparing a $(1, m)$ row with a $(k, m)$ array, or with an $(m,)$ vector, does
# not fail in numpy. It *broadcasts* to a bigger array and gives a wrong number without a word.
#
# **Exercise 2 — `accuracy` (2 points: labels 1, one-hot 1).** `Y_pred` is a $(1, m)$ row of labels;
# `Y_true` is either a $(1, m)$ row of labels or one-hot columns $(k, m)$ with $k \ge 2$. Return a
# Python `float`.

# %% solution id=accuracy
def accuracy(Y_pred, Y_true):
    """Fraction of examples whose predicted label equals the true label.

    Parameters
    ----------
    Y_pred : integer ndarray of shape (1, m), predicted labels
    Y_true : ndarray of shape (1, m) (labels) or (k, m) with k >= 2 (one-hot columns)

    Returns
    -------
    float in [0, 1]
    """
    ### BEGIN SOLUTION
    if Y_true.shape[0] > 1:
        Y_true = np.argmax(Y_true, axis=0).reshape(1, -1)
    return float(np.mean(Y_pred == Y_true))
    ### END SOLUTION


# %% test id=test_accuracy__labels points=1
# test_accuracy__labels: labels against labels, a fraction in [0, 1]; inputs unchanged
from nnchecks.nb07_evaluation import check_accuracy_labels
check_accuracy_labels(accuracy)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb07_evaluation import check_accuracy_labels_hidden
check_accuracy_labels_hidden(accuracy)
### END HIDDEN TESTS

# %% test id=test_accuracy__one_hot points=1
# test_accuracy__one_hot: Y_true as one-hot columns (k, m) is read as labels before comparing
from nnchecks.nb07_evaluation import check_accuracy_one_hot
check_accuracy_one_hot(accuracy)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb07_evaluation import check_accuracy_one_hot_hidden
check_accuracy_one_hot_hidden(accuracy)
### END HIDDEN TESTS

# %% [markdown]
# ### A first evaluation: the planar flower
#
# The two-class "flower" from notebooks 01–06: 400 points, no straight line separates the classes.
# We train a network with one hidden layer (은닉층) of 4 tanh units, as in notebook 06, and
# predict on the points it was trained on. `make_planar` has already shuffled its columns, so
# cutting them in two is a random split: the first 300 columns train the network and the last 100
# are kept aside to test it. (Section 4 says why, and does the shuffling itself.)

# %%
X, Y = make_planar()
X_train, Y_train, X_test, Y_test = X[:, :300], Y[:, :300], X[:, 300:], Y[:, 300:]
planar_params, planar_history = nnlib.train(
    X_train, Y_train, [2, 4, 1], hidden_activation="tanh", output_activation="sigmoid", loss="bce",
    learning_rate=1.0, epochs=1000, init="xavier", seed=0)
train_acc = nnlib.accuracy(nnlib.predict(X_train, planar_params, "tanh", "sigmoid"), Y_train)
test_acc = nnlib.accuracy(nnlib.predict(X_test, planar_params, "tanh", "sigmoid"), Y_test)
print(f"final cost {planar_history['cost'][-1]:.4f}")
print(f"training accuracy {100 * train_acc:.1f} %   test accuracy {100 * test_acc:.1f} %")
assert test_acc >= 0.9, "a 4-unit tanh layer should classify at least 90 % of the flower"

# %% [markdown]
# The **decision boundary** shows what the network learned everywhere, not only at the data points:
# we predict a label for every point of a fine grid over the plane and colour the plane by it.
# `plot_decision_boundary` takes a function from points $(2, k)$ to labels $(1, k)$.

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 4.2))
predict_planar = lambda P: nnlib.predict(P, planar_params, "tanh", "sigmoid")
plot_decision_boundary(predict_planar, X_train, Y_train, ax=axes[0],
                       title=f"training set: {100 * train_acc:.1f} % correct")
plot_decision_boundary(predict_planar, X_test, Y_test, ax=axes[1],
                       title=f"test set: {100 * test_acc:.1f} % correct")
plt.tight_layout()
plt.show()

# %% [markdown]
# Four tanh units make four bent "folds" of the plane; the output unit combines them into the
# petals. The few points on the wrong side sit where the petals meet near the centre, where the
# noise mixes the classes.
#
# ## 3. The confusion matrix
#
# Accuracy is one number; it does not say *which* mistakes the network makes. With $k$ classes, the
# **confusion matrix** $C$ is a $k \times k$ table of counts:
#
# $$C_{ij} = \#\{\,i' : y^{(i')} = i \text{ and } \hat y^{(i')} = j\,\},$$
#
# **rows** are the true classes and **columns** the predicted ones (the convention of
# `nnlib.confusion_matrix` and of scikit-learn). The diagonal counts the correct labels, so
# $\text{accuracy} = \operatorname{trace}(C) / m$; row $i$ sums to the number of examples of class
# $i$; an entry off the diagonal, say $C_{49}$, counts the 4s taken for 9s.
#
# One numpy trap: with index arrays, `C[y_true, y_pred] += 1` adds 1 only **once** per distinct
# (true, predicted) pair, however often the pair occurs, because the `+=` reads all entries first
# and writes them back afterwards. Loop over the examples, or use `np.add.at`, which does count
# repeats.
#
# **Exercise 3 — `confusion_matrix` (2 points).** Labels are integer rows $(1, m)$ with values in
# $0 \ldots k-1$. The result has shape $(k, k)$ with `k = n_classes` even when some class never
# occurs, and integer counts.

# %% solution id=confusion_matrix
def confusion_matrix(y_true, y_pred, n_classes):
    """Counts of (true class, predicted class) pairs.

    Parameters
    ----------
    y_true : integer ndarray of shape (1, m), true labels in 0 .. n_classes-1
    y_pred : integer ndarray of shape (1, m), predicted labels in 0 .. n_classes-1
    n_classes : int, k

    Returns
    -------
    C : integer ndarray of shape (k, k); C[i, j] is the number of examples of true class i
        that were predicted as class j
    """
    ### BEGIN SOLUTION
    C = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(np.ravel(y_true), np.ravel(y_pred)):
        C[int(t), int(p)] += 1
    return C
    ### END SOLUTION


# %% test id=test_confusion_matrix points=2
# test_confusion_matrix: rows true, columns predicted, repeated pairs counted, (k, k) integer counts
from nnchecks.nb07_evaluation import check_confusion_matrix
check_confusion_matrix(confusion_matrix)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb07_evaluation import check_confusion_matrix_hidden
check_confusion_matrix_hidden(confusion_matrix)
### END HIDDEN TESTS

# %% [markdown]
# ### Ten classes: digits
#
# A confusion matrix earns its keep with many classes. We train a small MNIST network
# (784 → 64 ReLU → 10 softmax, Adam, 10 epochs of mini-batches of 128) on the course's 4,000
# training digits and evaluate it on the 1,000 test digits, which `load_mnist` keeps apart.

# %%
X_digits, Y_digits = load_mnist("train")
X_digits_test, Y_digits_test = load_mnist("test")
digit_params, _ = nnlib.train(
    X_digits, Y_digits, [784, 64, 10], hidden_activation="relu", output_activation="softmax",
    loss="ce", optimizer="adam", learning_rate=0.003, epochs=10, batch_size=128, seed=0)
digits_pred_train = nnlib.predict(X_digits, digit_params, "relu", "softmax")
digits_pred = nnlib.predict(X_digits_test, digit_params, "relu", "softmax")
digits_true = np.argmax(Y_digits_test, axis=0).reshape(1, -1)
digit_train_acc = nnlib.accuracy(digits_pred_train, Y_digits)
digit_test_acc = nnlib.accuracy(digits_pred, Y_digits_test)
print(f"training accuracy {100 * digit_train_acc:.1f} %   test accuracy {100 * digit_test_acc:.1f} %")
C = nnlib.confusion_matrix(digits_true, digits_pred, 10)
print(C)
assert np.isclose(C.trace() / C.sum(), digit_test_acc)
assert digit_test_acc > 0.88

# %%
fig, ax = plt.subplots(figsize=(5.5, 5))
plot_confusion_matrix(C, ax=ax)
ax.set_title(f"MNIST test digits: {100 * digit_test_acc:.1f} % correct")
plt.show()

# %% [markdown]
# Reading it: each row sums to the number of test digits of that class (about 100); the diagonal
# holds the correct ones. The largest entries off the diagonal are the pairs the network confuses
# most, often digits that share strokes. Per class, the diagonal entry divided by its row sum is
# the **recall** of that class: how many of its digits were found.

# %%
off_diagonal = C - np.diag(np.diag(C))
i, j = np.unravel_index(np.argmax(off_diagonal), C.shape)
print(f"most frequent mistake: {C[i, j]} test digits {i} predicted as {j}")
recall = np.diag(C) / C.sum(axis=1)
print("recall per class:", np.round(recall, 2))
print(f"hardest class: {np.argmin(recall)}   easiest class: {np.argmax(recall)}")

# %% [markdown]
# And some of the mistakes, titled "true → predicted":

# %%
wrong = np.flatnonzero(digits_pred[0] != digits_true[0])
print(f"{wrong.size} of {digits_true.size} test digits are misclassified; the first 10:")
show_digits(X_digits_test[:, wrong[:10]], labels=digits_true[0, wrong[:10]],
            predicted=digits_pred[0, wrong[:10]], n_cols=10)
plt.show()

# %% [markdown]
# ## 4. Training set and test set
#
# The network above scores higher on its training digits than on the test digits. That is the
# rule, not bad luck: training pushes the cost down on exactly those examples, so their accuracy is
# an optimistic estimate of how the network does on new ones. To estimate that honestly we keep a
# **test set** (테스트 세트) aside, never train on it, and report its accuracy.
#
# Splitting needs care:
#
# - **Shuffle first.** Data often arrive sorted, by class or by date. The MNIST file this course
#   ships lists all the 0s, then all the 1s, ...; cutting off its last 20 % would test only on 8s and 9s.
# - **Move whole columns.** Each example is a column of `X` *and* the same column of `Y`; shuffle
#   both with one permutation of the column indices, or features and labels no longer match.
# - **Every example goes to exactly one side.** An example in both sets makes the test look
#   better than it is.
# - **Reproducible.** With a seed the same split comes out every time, so results can be compared
#   and checked.
#
# With $m$ examples and a fraction $f$, the test set gets $n_{\text{test}} = \operatorname{round}(f\,m)$
# columns and the training set (훈련 세트) the other $m - n_{\text{test}}$.
#
# **Exercise 4 — `train_test_split` (2 points: sizes and pairing 1, seed and shuffle 1).** Draw a
# random permutation of the column indices $0 \ldots m-1$ from `np.random.default_rng(seed)`; its
# first $n_{\text{test}}$ indices are the test set, the rest the training set. Return new arrays and
# leave `X` and `Y` unchanged. (The tests check the properties above, not one particular
# permutation, so any correct way of drawing it passes.)

# %% solution id=train_test_split
def train_test_split(X, Y, test_fraction, seed):
    """Split the examples (columns) at random into a training set and a test set.

    Parameters
    ----------
    X : ndarray of shape (n_x, m); Y : ndarray of shape (n_y, m), column i belongs to column i of X
    test_fraction : float in (0, 1); the test set gets n_test = round(test_fraction * m) columns
    seed : int, for np.random.default_rng: the same seed gives the same split

    Returns
    -------
    X_train : (n_x, m - n_test), Y_train : (n_y, m - n_test),
    X_test : (n_x, n_test), Y_test : (n_y, n_test)
        every column of X (and the same column of Y) in exactly one of the two sets, shuffled
    """
    ### BEGIN SOLUTION
    m = X.shape[1]
    order = np.random.default_rng(seed).permutation(m)
    n_test = int(round(test_fraction * m))
    test, train = order[:n_test], order[n_test:]
    return X[:, train], Y[:, train], X[:, test], Y[:, test]
    ### END SOLUTION


# %% test id=test_train_test_split__sizes points=1
# test_train_test_split__sizes: round(f * m) test columns, X and Y columns kept together, each example once
from nnchecks.nb07_evaluation import check_train_test_split_sizes
check_train_test_split_sizes(train_test_split)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb07_evaluation import check_train_test_split_sizes_hidden
check_train_test_split_sizes_hidden(train_test_split)
### END HIDDEN TESTS

# %% test id=test_train_test_split__seed points=1
# test_train_test_split__seed: the same seed gives the same split, other seeds others; actually shuffled
from nnchecks.nb07_evaluation import check_train_test_split_seed
check_train_test_split_seed(train_test_split)
### BEGIN HIDDEN TESTS
from nnchecks.hidden.nb07_evaluation import check_train_test_split_seed_hidden
check_train_test_split_seed_hidden(train_test_split)
### END HIDDEN TESTS

# %% [markdown]
# ## 5. Under- and over-fitting
#
# How big should the hidden layer be? We train networks with 1, 2, 3, 4, 5, 20 and 50 tanh units on
# a *harder* flower: noisier (`noise=0.6`) and with only 60 training examples, so the differences
# show; the other 340 examples are the test set. Each network gets the same training: Adam,
# learning rate 0.05, 800 full-batch epochs.

# %%
X_noisy, Y_noisy = make_planar(m=400, noise=0.6, seed=1)
Xn_train, Yn_train, Xn_test, Yn_test = X_noisy[:, :60], Y_noisy[:, :60], X_noisy[:, 60:], Y_noisy[:, 60:]
hidden_sizes = [1, 2, 3, 4, 5, 20, 50]
fitted = {}
print("hidden units   train acc   test acc")
for n_h in hidden_sizes:
    params, _ = nnlib.train(Xn_train, Yn_train, [2, n_h, 1], hidden_activation="tanh",
                            output_activation="sigmoid", loss="bce", optimizer="adam",
                            learning_rate=0.05, epochs=800, init="xavier", seed=0)
    acc_train = nnlib.accuracy(nnlib.predict(Xn_train, params, "tanh", "sigmoid"), Yn_train)
    acc_test = nnlib.accuracy(nnlib.predict(Xn_test, params, "tanh", "sigmoid"), Yn_test)
    fitted[n_h] = (params, acc_train, acc_test)
    print(f"{n_h:12d}   {100 * acc_train:8.1f} %  {100 * acc_test:7.1f} %")

# %%
fig, axes = plt.subplots(2, 4, figsize=(10, 5.5))
for ax, n_h in zip(axes.ravel(), hidden_sizes):
    params, acc_train, acc_test = fitted[n_h]
    plot_decision_boundary(lambda P, p=params: nnlib.predict(P, p, "tanh", "sigmoid"),
                           Xn_train, Yn_train, ax=ax, resolution=100,
                           title=f"{n_h} hidden units\ntrain {100 * acc_train:.0f} %, test {100 * acc_test:.0f} %")
    ax.title.set_fontsize(10)
ax = axes.ravel()[-1]
ax.scatter(Xn_test[0], Xn_test[1], c=Yn_test.ravel(), s=8, cmap="coolwarm")
ax.set_title("the 340 test examples", fontsize=10)
plt.tight_layout()
plt.show()

# %% [markdown]
# Read the table from top to bottom:
#
# - **Underfitting (과소적합):** with 1 or 2 units the boundary is far too simple for eight petals,
#   and even the training accuracy stays low: the network cannot fit the examples it was trained
#   on. More epochs would not help; a bigger network would.
# - **About right:** with 3 or 4 units the boundary follows the petals and the test accuracy is
#   the highest.
# - **Overfitting (과대적합):** from 3 units on, every one of the 60 training examples is classified
#   correctly, yet the test accuracy *falls*, from 92 % with 3 or 4 units to 87–88 % with 5, 20
#   or 50. The plots show where the shapes differ most: the larger networks cut the upper-left
#   red petal off from the centre with a blue band, around $(x_1, x_2) \approx (-1, 1)$. Since
#   both networks get every training example right, no training example lies where their
#   boundaries differ: the training cost cannot tell the two shapes apart, and the test examples
#   decide. The cell below counts them: the 3- and 5-unit networks disagree on 23 test examples,
#   12 of them in that band (most of them red), the rest near the centre and along the petals'
#   edges; the 3-unit network labels 18 of the 23 correctly, the 5-unit one 5. A larger network
#   can fit the same 60 points in more ways, and nothing in the training data chooses among them.
# - The gap between training and test accuracy is the symptom to watch: about 8 points with 3 or
#   4 units, about 12 from 5 units on. Here it then stays put, because the 5-, 20- and 50-unit
#   boundaries are nearly the same (they label 97 % and 98.5 % of the plane like the 50-unit
#   one): past 5 units, more units changed little.
#
# The cell below checks these statements on the numbers above. Remedies for overfitting are more
# data, a smaller network, stopping training earlier, or regularization (not covered here); the
# test set is what tells you whether they worked.

# %%
train_accs = {n: fitted[n][1] for n in hidden_sizes}
test_accs = {n: fitted[n][2] for n in hidden_sizes}
best = max(hidden_sizes, key=lambda n: test_accs[n])
print(f"best test accuracy: {100 * test_accs[best]:.1f} % with {best} hidden units")
for n in hidden_sizes:
    print(f"{n:3d} units: train - test gap {100 * (train_accs[n] - test_accs[n]):5.1f} points")
assert max(train_accs[1], train_accs[2]) < 0.9, "1 or 2 units should underfit"
assert best in (3, 4), "a small layer should test best"
assert train_accs[20] == train_accs[50] == 1.0, "20 and 50 units should fit every training example"
assert max(test_accs[20], test_accs[50]) < test_accs[best], "the big networks should test worse"
assert train_accs[50] - test_accs[50] > train_accs[best] - test_accs[best], "and show a wider gap"

# how alike are the boundaries? the share of a grid over the plane that two networks label alike
g1, g2 = np.meshgrid(np.linspace(-4, 4.5, 200), np.linspace(-4, 4.8, 200))
grid = np.vstack([g1.ravel(), g2.ravel()])
on_grid = {n: nnlib.predict(grid, fitted[n][0], "tanh", "sigmoid") for n in (3, 5, 20, 50)}
for a, b in ((3, 50), (5, 50), (20, 50)):
    print(f"{a} and {b} units label {100 * np.mean(on_grid[a] == on_grid[b]):.1f} % of the plane alike")
# the test examples on which 3 and 5 units disagree, and those of them in the band up and left of the centre
on_test = {n: nnlib.predict(Xn_test, fitted[n][0], "tanh", "sigmoid")[0] for n in (3, 5)}
split = on_test[3] != on_test[5]
band = split & (Xn_test[0] < 0) & (Xn_test[1] > 0.3)
print(f"3 and 5 units disagree on {split.sum()} test examples; {band.sum()} of them lie in the band "
      f"x1 < 0, x2 > 0.3, where {np.sum(Yn_test[0, band] == 1)} are red")
for n in (3, 5):
    print(f"  {n} units label {np.sum(on_test[n][band] == Yn_test[0, band])} of those {band.sum()} correctly, "
          f"{np.sum(on_test[n][split] == Yn_test[0, split])} of all {split.sum()}")

# %% [markdown]
# ## What you learned
#
# - `predict` turns outputs into labels: $a > 0.5$ for one sigmoid unit, the argmax of each column
#   for softmax; labels are integer rows of shape $(1, m)$.
# - Accuracy (정확도) is the fraction of correct labels; the confusion matrix (혼동 행렬) shows which
#   classes are mistaken for which (rows true, columns predicted, accuracy = trace / m).
# - Accuracy on the training set (훈련 세트) is optimistic; a test set (테스트 세트), split off at
#   random with one permutation of the columns and a seed, gives the honest estimate.
# - Too small a network underfits (과소적합: both accuracies low); too big a one trained on too few
#   examples overfits (과대적합: training accuracy high, test accuracy lower). The decision boundary
#   (결정 경계) shows both.
#
# Korean terms: 신경망 (neural network), 은닉층 (hidden layer), 정확도 (accuracy),
# 혼동 행렬 (confusion matrix), 훈련 세트 / 테스트 세트 (training / test set),
# 과소적합 / 과대적합 (underfitting / overfitting), 결정 경계 (decision boundary).
#
# Next, notebook 08 compares activation functions (활성화 함수) in a deep network: why sigmoid
# hidden layers stop learning (기울기 소실, vanishing gradient), what dead ReLU units are, and which
# output layer fits which task.
