"""How long the whole course takes to run: every solution notebook, top to bottom, one after another.

    python -m bench.bench_course [NAME ...]

Each notebook of solutions/ runs in a fresh kernel exactly as `make solutions` executes it (one
BLAS thread); the time includes starting the kernel. Prints seconds per notebook and the total,
then the same for each notebook cut after its first code cell (its setup: imports, no content),
the part of the total that no change to the notebooks' content can remove; writes the table to
artifacts/bench_course.txt.
"""
import argparse
import sys
import time

import nbformat

from bench.report import Report
from nncourse import paths
from nncourse.build_notebooks import execute, target


def run_seconds(name, setup_only=False):
    """Seconds to run solutions/NAME in a fresh kernel, or only its cells up to its first code cell."""
    nb = nbformat.read(target(name), as_version=4)
    if setup_only:
        first_code = next(i for i, cell in enumerate(nb.cells) if cell.cell_type == "code")
        nb.cells = nb.cells[:first_code + 1]
    start = time.perf_counter()
    execute(nb, name)
    return time.perf_counter() - start


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="e.g. 02_forward (default: every notebook)")
    args = parser.parse_args(argv)
    names = args.names or paths.assignments()
    report = Report("bench_course")
    report.line("running every solution notebook in a fresh kernel, one after another")
    report.line(f"{'notebook':<20} {'seconds':>8} {'setup only':>11}")
    total = setup_total = 0.0
    for name in names:
        seconds, setup = run_seconds(name), run_seconds(name, setup_only=True)
        total += seconds
        setup_total += setup
        report.line(f"{name:<20} {seconds:8.1f} {setup:11.1f}")
    report.line(f"{'whole course':<20} {total:8.1f} {setup_total:11.1f}")
    report.save()
    return 0


if __name__ == "__main__":
    sys.exit(main())
