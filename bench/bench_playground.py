"""The playground's speed: its figure's refresh rate in the browser, and the static cell's time.

    python -m bench.bench_playground [--seconds 10]

1. The browser test of the playground (tests/end_to_end/test_playground.py: `make lab`, Debian's
   Chromium, notebook 06's planar data with 2 x 8 tanh units) trains for ``--seconds`` and
   counts the figure's updates seen by the page; the kernel's own count comes from the status
   line. The target: at least 5 frames a second on a 2-core machine.
2. Notebooks 06 and 08 run as nbgrader, nbval and `make solutions` run them (nbclient, no
   frontend), and the playground cell's own time is read from the cell's execution timing. The
   target: under a second.

Writes the table to artifacts/bench_playground.txt.
"""
import argparse
import datetime
import json
import os
import subprocess
import sys

import nbformat
from nbclient import NotebookClient

from bench.report import Report
from nncourse.paths import ARTIFACTS, ROOT
from nncourse.build_notebooks import target


def _cell_seconds(name):
    nb = nbformat.read(target(name), as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", record_timing=True,
                   resources={"metadata": {"path": str(target(name).parent)}}).execute()
    timing = next(c for c in nb.cells if c.id == "playground").metadata["execution"]
    start, end = (datetime.datetime.fromisoformat(timing[k].replace("Z", "+00:00"))
                  for k in ("iopub.execute_input", "shell.execute_reply"))
    return (end - start).total_seconds()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="how long the browser trains")
    args = parser.parse_args(argv)
    report = Report("bench_playground")
    results = ARTIFACTS / "playground_browser.txt"
    results.unlink(missing_ok=True)
    test = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "tests/end_to_end/test_playground.py"], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PLAYGROUND_SECONDS": str(args.seconds)})
    if not results.exists():
        report.line(f"the browser test wrote no result:\n{test.stdout[-3000:]}\n{test.stderr[-2000:]}")
        report.save()
        return 1
    measured = json.loads(results.read_text())
    report.line(f"load average before the cell timings: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    report.line("playground in JupyterLab + Chromium, planar data, 2 x 8 tanh units, full batch")
    report.line(f"  browser: {measured['browser_frames_per_second']:.1f} frames/s "
                f"({measured['image_updates']} image updates in {measured['seconds']:.1f} s; target >= 5)")
    report.line(f"  kernel:  {measured['kernel_frames_per_second']} frames/s; steps {measured['steps'][0]} -> "
                f"{measured['steps'][1]} ({'passed' if test.returncode == 0 else 'FAILED'}: the browser test)")
    report.line("the playground cell without a frontend (nbclient), in the whole notebook (target < 1 s)")
    for name in ("06_training", "08_activations"):
        report.line(f"  {name:<16} {_cell_seconds(name):5.2f} s")
    report.save()
    return 0 if test.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
