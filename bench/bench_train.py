"""Training speed: nnlib against scikit-learn, torch and a per-example Python loop.

One network for all: MNIST (the shipped 5,000 digits) 784-128-64-10, ReLU hidden layers, softmax
output with cross-entropy, mini-batches of 64, Adam with learning rate 1e-3. Each contender trains
a few epochs; the table shows seconds per epoch (median over epochs after a warm-up), the ratio to
nnlib float32 measured in the same run, and achieved GFLOP/s against a plain float32 matmul.

    python bench/bench_train.py [--epochs 5] [--markdown]
"""
import argparse
import statistics
import time

import numpy as np

import nnlib
from nnlib.data import load_mnist

LAYERS = [784, 128, 64, 10]
BATCH = 64
LEARNING_RATE = 1e-3


def flops_per_epoch(m, layers=LAYERS):
    """Multiply-adds x 2 of one epoch: forward W @ A, backward dW and dA (no dA for the input)."""
    products = [n * n_prev for n_prev, n in zip(layers, layers[1:])]
    forward = sum(products)
    backward = sum(products) + sum(products[1:])
    return 2 * m * (forward + backward)


def matmul_gflops(seconds=1.0, n=1024):
    """Throughput of a plain float32 matmul on this machine, the reference for 'peak'."""
    A = np.random.default_rng(0).standard_normal((n, n)).astype(np.float32)
    A @ A
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        A @ A
        count += 1
    return 2 * n**3 * count / (time.perf_counter() - start) / 1e9


def time_epochs(run_epoch, epochs):
    """Median seconds of ``epochs`` calls after one warm-up call."""
    run_epoch()
    times = []
    for _ in range(epochs):
        start = time.perf_counter()
        run_epoch()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_nnlib(X, Y, dtype, epochs):
    X, Y = X.astype(dtype), Y.astype(dtype)
    state = {"parameters": None, "seed": 0}

    def epoch():
        state["parameters"], _ = nnlib.train(
            X, Y, LAYERS, hidden_activation="relu", output_activation="softmax", loss="ce",
            optimizer="adam", learning_rate=LEARNING_RATE, epochs=1, batch_size=BATCH,
            seed=state["seed"], parameters=state["parameters"])
        state["seed"] += 1

    return time_epochs(epoch, epochs)


def bench_sklearn(X, Y, epochs):
    import warnings

    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    labels = Y.argmax(axis=0)
    model = MLPClassifier(hidden_layer_sizes=tuple(LAYERS[1:-1]), activation="relu", solver="adam",
                          batch_size=BATCH, learning_rate_init=LEARNING_RATE, alpha=0.0,
                          max_iter=1, shuffle=True, random_state=0, warm_start=True)
    Xs = np.ascontiguousarray(X.T, dtype=np.float32)  # scikit-learn: examples are rows

    def epoch():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model.fit(Xs, labels)

    return time_epochs(epoch, epochs)


def bench_torch(X, Y, epochs):
    import torch

    torch.manual_seed(0)
    Xt = torch.from_numpy(np.ascontiguousarray(X.T, dtype=np.float32))
    yt = torch.from_numpy(Y.argmax(axis=0))
    layers = []
    for n_prev, n in zip(LAYERS, LAYERS[1:]):
        layers += [torch.nn.Linear(n_prev, n), torch.nn.ReLU()]
    model = torch.nn.Sequential(*layers[:-1])
    optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    loss_fn = torch.nn.CrossEntropyLoss()

    def epoch():
        order = torch.randperm(Xt.shape[0])
        for start in range(0, Xt.shape[0], BATCH):
            rows = order[start:start + BATCH]
            optimizer.zero_grad()
            loss_fn(model(Xt[rows]), yt[rows]).backward()
            optimizer.step()

    return time_epochs(epoch, epochs)


def bench_per_example_loop(X, Y, examples=500):
    """The source notes' style: forward and backward one example (one column) at a time,
    every layer in a Python loop, Adam after each mini-batch's examples. Timed on ``examples``
    examples and scaled to an epoch."""
    params = nnlib.initialize_parameters(LAYERS, seed=0)
    m = X.shape[1]
    state = None
    start = time.perf_counter()
    for batch_start in range(0, examples, BATCH):
        grads = {f"d{k}": np.zeros_like(v) for k, v in params.items()}
        batch = range(batch_start, min(batch_start + BATCH, examples))
        for i in batch:
            x, y = X[:, i:i + 1], Y[:, i:i + 1]
            AL, caches = nnlib.model_forward(x, params, "relu", "softmax")
            for key, g in nnlib.model_backward(AL, y, caches, "relu", "softmax", "ce").items():
                if key.startswith(("dW", "db")):
                    grads[key] += g / len(batch)
        params, state = nnlib.adam(params, grads, state, LEARNING_RATE)
    return (time.perf_counter() - start) * m / examples


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=5)
    args = parser.parse_args(argv)

    X, Y = load_mnist("all")
    m = X.shape[1]
    peak = matmul_gflops()
    rows = [("nnlib float32", bench_nnlib(X, Y, np.float32, args.epochs)),
            ("nnlib float64", bench_nnlib(X, Y, np.float64, args.epochs))]
    for name, bench in (("scikit-learn MLPClassifier", bench_sklearn), ("torch (CPU)", bench_torch)):
        try:
            rows.append((name, bench(X, Y, args.epochs)))
        except ImportError as error:
            print(f"skipping {name}: {error} (pip install '.[bench]')")
    rows.append(("per-example Python loop", bench_per_example_loop(X, Y)))

    reference = rows[0][1]
    flops = flops_per_epoch(m)
    print(f"MNIST {m} digits, {'-'.join(map(str, LAYERS))} relu/softmax, batch {BATCH}, Adam; "
          f"plain float32 matmul: {peak:.1f} GFLOP/s")
    print()
    print("| implementation | s / epoch | × nnlib float32 | GFLOP/s | % of matmul |")
    print("|---|---:|---:|---:|---:|")
    for name, seconds in rows:
        gflops = flops / seconds / 1e9
        print(f"| {name} | {seconds:.4f} | {seconds / reference:.2f} | {gflops:.1f} | {100 * gflops / peak:.0f} % |")


if __name__ == "__main__":
    main()
