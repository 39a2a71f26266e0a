"""Training speed: nnlib against scikit-learn, torch and a per-example Python loop.

One network for all: MNIST (the shipped 5,000 digits) 784-128-64-10, ReLU hidden layers, softmax
output with cross-entropy, mini-batches of 64, Adam with learning rate 1e-3. Each contender trains
a few epochs in a process of its own, taking turns for five rounds; the median round counts. The
table shows seconds per epoch, the ratio to nnlib float32 measured in the same run, and achieved
GFLOP/s, as a share of one large float32 matmul (1024 x 1024) on this machine and as a share of
the rate of the epoch's own matrix products run alone (the floor: 100 % would mean no time
outside matrix products). Then nnlib's time as a share of scikit-learn's and torch's and as a
multiple of the floor, with the machine's load averages (os.getloadavg) before and after, and the
same ratios of CPU time (all of a process's threads; with one thread each, the measure that a
busy machine disturbs least).

    python -m bench.bench_train [--epochs 5] [--rounds 5] [--threads N]

--threads sets every library's thread count (OPENBLAS_NUM_THREADS, OMP_NUM_THREADS,
MKL_NUM_THREADS) in the contenders' processes; by default each library picks its own.
"""
import argparse
import os
import subprocess
import sys
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


def nnlib_trainer(X, Y, dtype, layers=LAYERS, batch=BATCH):
    X, Y = X.astype(dtype), Y.astype(dtype)

    def train_epochs(n):
        nnlib.train(X, Y, layers, hidden_activation="relu", output_activation="softmax", loss="ce",
                    optimizer="adam", learning_rate=LEARNING_RATE, epochs=n, batch_size=batch, seed=0)

    return train_epochs


def sklearn_trainer(X, Y, layers=LAYERS, batch=BATCH):
    import warnings

    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    labels = Y.argmax(axis=0)
    Xs = np.ascontiguousarray(X.T, dtype=np.float32)  # scikit-learn: examples are rows

    def train_epochs(n):
        # tol=0 with n_iter_no_change > max_iter: exactly n epochs, no early stop
        model = MLPClassifier(hidden_layer_sizes=tuple(layers[1:-1]), activation="relu", solver="adam",
                              batch_size=batch, learning_rate_init=LEARNING_RATE, alpha=0.0, max_iter=n,
                              tol=0.0, n_iter_no_change=n + 1, shuffle=True, random_state=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model.fit(Xs, labels)
        assert model.n_iter_ == n

    return train_epochs


def torch_trainer(X, Y, layers=LAYERS, batch=BATCH):
    import torch

    torch.manual_seed(0)
    Xt = torch.from_numpy(np.ascontiguousarray(X.T, dtype=np.float32))
    yt = torch.from_numpy(Y.argmax(axis=0))
    loss_fn = torch.nn.CrossEntropyLoss()

    def train_epochs(n):
        modules = []
        for n_prev, n_units in zip(layers, layers[1:]):
            modules += [torch.nn.Linear(n_prev, n_units), torch.nn.ReLU()]
        model = torch.nn.Sequential(*modules[:-1])
        optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
        for _ in range(n):
            order = torch.randperm(Xt.shape[0])
            for start in range(0, Xt.shape[0], batch):
                rows = order[start:start + batch]
                optimizer.zero_grad()
                loss_fn(model(Xt[rows]), yt[rows]).backward()
                optimizer.step()

    return train_epochs


def matmuls_only(X, layers=LAYERS, batch=BATCH):
    """The floor: only the epoch's matrix products (forward W @ A, backward dW and dA) on
    float32 arrays of the network's shapes, with no activation, loss, shuffling or update."""
    rng = np.random.default_rng(0)
    Ws = [rng.standard_normal((n, n_prev), dtype=np.float32) for n_prev, n in zip(layers, layers[1:])]
    m = X.shape[1]
    batches = [np.ascontiguousarray(X[:, i:i + batch], dtype=np.float32) for i in range(0, m, batch)]

    def train_epochs(n):
        for _ in range(n):
            for A0 in batches:
                As = [A0]
                for W in Ws:
                    As.append(W @ As[-1])
                dZ = As[-1]
                for l in range(len(Ws) - 1, -1, -1):
                    dZ @ As[l].T
                    if l:
                        dZ = Ws[l].T @ dZ

    return train_epochs


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


FLOOR = "its matrix products alone (the floor)"
CONTENDERS = {  # name -> trainer(X, Y, layers, batch) -> train_epochs(n)
    "nnlib float32": lambda X, Y, *shape: nnlib_trainer(X, Y, np.float32, *shape),
    "nnlib float64": lambda X, Y, *shape: nnlib_trainer(X, Y, np.float64, *shape),
    "scikit-learn MLPClassifier": sklearn_trainer,
    "torch (CPU)": torch_trainer,
    FLOOR: lambda X, Y, *shape: matmuls_only(X, *shape),
}


def time_one(name, epochs):
    """Seconds per epoch of contender ``name``, wall-clock and the process's CPU time (all its
    threads): one warm-up epoch, then ``epochs`` in one call."""
    X, Y = load_mnist("all")
    train_epochs = CONTENDERS[name](X, Y)
    train_epochs(1)
    wall, cpu = time.perf_counter(), time.process_time()
    train_epochs(epochs)
    return (time.perf_counter() - wall) / epochs, (time.process_time() - cpu) / epochs


def child_env(threads):
    """The environment of a contender's process: this one's, with ``threads`` threads if given."""
    env = dict(os.environ)
    if threads:
        env.update(dict.fromkeys(("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"), str(threads)))
    return env


def seconds_per_epoch(names, epochs, rounds, threads=None):
    """Each contender in a process of its own (no library's idle threads compete with another's),
    taking turns for ``rounds`` rounds: {name: [(wall, cpu) seconds per epoch of each round]}, or None for a
    contender that is not installed. Taking turns spreads a passing load over every contender."""
    times = {name: [] for name in names}
    for _ in range(rounds):
        for name in names:
            if times[name] is None:
                continue
            run = subprocess.run([sys.executable, __file__, "--only", name, "--epochs", str(epochs)],
                                 capture_output=True, text=True, env=child_env(threads))
            if run.returncode != 0:
                if "ModuleNotFoundError" not in run.stderr:
                    raise RuntimeError(f"{name} failed:\n{run.stderr}")
                print(f"skipping {name}: {run.stderr.strip().splitlines()[-1]} (pip install '.[bench]')")
                times[name] = None
                continue
            times[name].append(tuple(map(float, run.stdout.split())))
    return times


def load():
    """The machine's load averages over 1, 5 and 15 minutes, as text."""
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--threads", type=int, help="threads per library (default: its own choice)")
    parser.add_argument("--only", choices=CONTENDERS, help=argparse.SUPPRESS)  # one timing, for main
    args = parser.parse_args(argv)
    if args.only:
        print(*time_one(args.only, args.epochs))
        return

    X, Y = load_mnist("all")
    m = X.shape[1]
    load_before = load()
    times = seconds_per_epoch(list(CONTENDERS), args.epochs, args.rounds, args.threads)
    seconds = {name: None if t is None else float(np.median([w for w, _ in t])) for name, t in times.items()}
    cpu = {name: None if t is None else float(np.median([c for _, c in t])) for name, t in times.items()}
    peak = max(matmul_gflops() for _ in range(args.rounds))
    rows = [(name, t) for name, t in seconds.items() if t is not None and name != FLOOR]
    rows.append(("per-example Python loop", bench_per_example_loop(X, Y)))
    rows.append((FLOOR, seconds[FLOOR]))
    load_after = load()

    reference = rows[0][1]
    flops = flops_per_epoch(m)
    print(f"MNIST {m} digits, {'-'.join(map(str, LAYERS))} relu/softmax, batch {BATCH}, Adam; "
          f"{os.cpu_count()} cores; plain float32 matmul: {peak:.1f} GFLOP/s; median of {args.rounds} rounds "
          f"of {args.epochs} epochs; threads per library: {args.threads or 'default'}")
    print()
    print("| implementation | s / epoch | rounds' range | × nnlib float32 | GFLOP/s | % of large matmul "
          "| % of its matmuls |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    floor = seconds[FLOOR]
    for name, t in rows:
        gflops = flops / t / 1e9
        walls = [w for w, _ in times.get(name) or []]
        spread = f"{min(walls):.4f}–{max(walls):.4f}" if walls else "–"
        print(f"| {name} | {t:.4f} | {spread} | {t / reference:.2f} | {gflops:.1f} | {100 * gflops / peak:.0f} % "
              f"| {100 * floor / t:.0f} % |")
    print()
    nn = seconds["nnlib float32"]
    for name, target, unit in (("scikit-learn MLPClassifier", 0.5, "of"), ("torch (CPU)", 0.5, "of"),
                               (FLOOR, 2.0, "×")):
        if seconds.get(name):
            ratio = nn / seconds[name]
            verdict = "met" if ratio <= target else "NOT met"
            print(f"nnlib float32 {ratio:.2f} {unit} {name} (target ≤ {target:.2f}: {verdict}); "
                  f"in CPU time {cpu['nnlib float32'] / cpu[name]:.2f}")
    print(f"{load_before} before, {load_after} after ({os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
