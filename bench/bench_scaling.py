"""How training time grows with the work: seconds per epoch against batch size and hidden width.

The network of bench.bench_train (MNIST 784-128-64-10, ReLU/softmax, Adam, batches of 64) with
one thing changed: the batch size (16 ... 1024), or the width w of the hidden layers
(784-w-w/2-10, w = 64 ... 1024). For nnlib float32, scikit-learn, torch and the epoch's matrix
products alone; each contender sweeps one axis in a process of its own, taking turns. One round,
one timed epoch per point (after one warm-up epoch in each process), so the curves are noisier
than bench_train's table. Prints the table and draws docs/bench_scaling.png.

    python -m bench.bench_scaling [--epochs 1] [--threads N]   (threads: as in bench.bench_train)
"""
import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from bench.bench_train import BATCH, CONTENDERS, FLOOR, LAYERS, child_env, load
from nnlib.data import load_mnist

FIGURE = Path(__file__).resolve().parents[1] / "docs" / "bench_scaling.png"
NAMES = ["nnlib float32", "scikit-learn MLPClassifier", "torch (CPU)", FLOOR]
AXES = {  # axis -> (values, (layers, batch) of a value)
    "batch size": ([16, 64, 256, 1024], lambda b: (LAYERS, b)),
    "hidden width w (784-w-w/2-10)": ([64, 128, 256, 512, 1024], lambda w: ([784, w, w // 2, 10], BATCH)),
}


def sweep(name, axis, epochs):
    """Seconds per epoch of contender ``name`` at every value of ``axis``."""
    X, Y = load_mnist("all")
    values, shape_of = AXES[axis]
    seconds = []
    for i, value in enumerate(values):
        train_epochs = CONTENDERS[name](X, Y, *shape_of(value))
        if i == 0:
            train_epochs(1)
        start = time.perf_counter()
        train_epochs(epochs)
        seconds.append((time.perf_counter() - start) / epochs)
    return seconds


def draw(results, epochs, threads, load_text):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, panels = plt.subplots(1, len(AXES), figsize=(11, 4.2))
    for panel, (axis, (values, _)) in zip(panels, AXES.items()):
        for name in NAMES:
            if results[axis].get(name):
                style = "k--" if name == FLOOR else "o-"
                panel.loglog(values, results[axis][name], style, label=name, base=2)
        panel.set_xlabel(axis)
        panel.set_ylabel("seconds per epoch (5,000 digits)")
        panel.set_xticks(values, [str(v) for v in values])
        panel.grid(True, which="both", alpha=0.3)
    panels[0].legend(fontsize=8)
    fig.suptitle(f"MNIST, Adam; one round, {epochs} timed epoch(s) per point, threads per library: {threads or 'default'}"
                 f";\n{load_text}", fontsize=9)
    fig.tight_layout()
    fig.savefig(FIGURE, dpi=110)
    plt.close(fig)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--threads", type=int, help="threads per library (default: its own choice)")
    parser.add_argument("--only", choices=NAMES, help=argparse.SUPPRESS)  # one sweep, for main
    parser.add_argument("--axis", choices=AXES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.only:
        print(json.dumps(sweep(args.only, args.axis, args.epochs)))
        return

    load_before = load()
    results = {axis: {} for axis in AXES}
    for axis in AXES:
        for name in NAMES:
            run = subprocess.run([sys.executable, "-m", "bench.bench_scaling", "--only", name, "--axis", axis,
                                  "--epochs", str(args.epochs)], capture_output=True, text=True,
                                 env=child_env(args.threads))
            if run.returncode != 0:
                if "ModuleNotFoundError" not in run.stderr:
                    raise RuntimeError(f"{name} failed:\n{run.stderr}")
                print(f"skipping {name}: {run.stderr.strip().splitlines()[-1]} (pip install '.[bench]')")
                continue
            results[axis][name] = json.loads(run.stdout)
    load_text = f"{load_before} before, {load()} after"
    for axis, (values, _) in AXES.items():
        print(f"\n| {axis} | " + " | ".join(map(str, values)) + " |")
        print("|---|" + "---:|" * len(values))
        for name, seconds in results[axis].items():
            print(f"| {name} | " + " | ".join(f"{t:.4f}" for t in seconds) + " |")
        if "nnlib float32" in results[axis] and FLOOR in results[axis]:
            ratios = np.array(results[axis]["nnlib float32"]) / np.array(results[axis][FLOOR])
            print(f"| nnlib × the floor | " + " | ".join(f"{r:.1f}" for r in ratios) + " |")
    print(load_text)
    draw(results, args.epochs, args.threads, load_text)
    print(f"drew {FIGURE.relative_to(Path.cwd()) if FIGURE.is_relative_to(Path.cwd()) else FIGURE}")


if __name__ == "__main__":
    main()
