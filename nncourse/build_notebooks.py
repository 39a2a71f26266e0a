"""Build the instructor notebooks in solutions/ from their sources in course/.

A source is a Python file in the "percent" format, one cell per ``# %%`` line:

    # %% [markdown]              a markdown cell; each line starts with "# " (or is "#")
    # %%                         an ordinary code cell
    # %% solution id=relu        an exercise: the code between ### BEGIN/END SOLUTION is
                                 replaced by `raise NotImplementedError()` in the release
    # %% test id=test_relu points=2
                                 a graded, read-only test cell; ### BEGIN/END HIDDEN TESTS
                                 parts are removed from the release. It is tagged
                                 ``raises-exception`` so that JupyterLab's "Run All" goes on past
                                 the failing tests of unsolved exercises
    # %% readonly id=setup       a read-only code cell (restored when grading)

``nn-build [NAME ...]`` (``make solutions``) writes solutions/NAME/NAME.ipynb for each source
(all by default) and executes it so that the stored outputs are the ones nbval re-checks.
``--check`` only verifies that the stored notebooks' cells match their sources.

The ``raises-exception`` tag also tells nbclient (which executes the notebook here) and nbval to
accept an error in that cell. A solution notebook must never store one: nbval compares a test
cell's new outputs with the stored ones, so a stored error would let a broken solution pass
nbval again and again. ``execute`` therefore refuses to write a notebook with an error output
(tests/end_to_end/test_release.py checks the stored notebooks too).
"""
import argparse
import os
import re
import sys

import nbformat

from nncourse.paths import ROOT, SOLUTIONS, SOURCES
HEADER = re.compile(r"^# %%(?: \[(?P<markdown>markdown)\])?(?: (?P<kind>solution|test|readonly))?(?P<options>(?: \w+=\S+)*)\s*$")
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
TEST_CELL_TAG = "raises-exception"  # JupyterLab's Run All does not stop at a failing test cell


def _nbgrader(kind, options):
    grade_id = options.get("id")
    if not grade_id:
        raise ValueError(f"a {kind} cell needs id=...")
    meta = {"grade": kind == "test", "solution": kind == "solution", "locked": kind != "solution",
            "grade_id": grade_id, "schema_version": 3}
    if kind == "test":
        meta["points"] = float(options["points"]) if "." in options.get("points", "") else int(options.get("points", 0))
        if not meta["points"]:
            raise ValueError(f"test cell {grade_id} needs points=N")
    return meta


def parse(path):
    """The cells of one source file, as nbformat cells with nbgrader metadata."""
    cells, header, lines = [], None, []

    def flush():
        if header is None:
            return
        text = "\n".join(lines).strip("\n")
        if header["markdown"]:
            text = "\n".join(re.sub(r"^# ?", "", line) for line in text.splitlines())
            cell = nbformat.v4.new_markdown_cell(text)
        else:
            cell = nbformat.v4.new_code_cell(text)
        options = dict(o.split("=", 1) for o in header["options"].split())
        if header["kind"]:
            cell.metadata["nbgrader"] = _nbgrader(header["kind"], options)
            cell.metadata["editable"] = header["kind"] == "solution"
            cell.metadata["deletable"] = header["kind"] == "solution"
            if header["kind"] == "test":
                cell.metadata["tags"] = [TEST_CELL_TAG]
        cell.id = options.get("id", f"cell-{len(cells):02d}")
        cells.append(cell)

    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if line.startswith("# %%"):
            match = HEADER.match(line)
            if not match:
                raise ValueError(f"{path}:{number}: cannot read cell header {line!r}")
            flush()
            header, lines = match.groupdict(), []
        elif header is None:
            if line.strip():
                raise ValueError(f"{path}:{number}: text before the first '# %%' line")
        else:
            lines.append(line)
    flush()
    ids = [c.id for c in cells]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"{path}: duplicate cell ids {duplicates}")
    return cells


def notebook_from_source(path):
    nb = nbformat.v4.new_notebook()
    nb.cells = parse(path)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def target(name):
    return SOLUTIONS / name / f"{name}.ipynb"


class SolutionError(RuntimeError):
    """A cell of a solution notebook raised: its worked solution or its tests are wrong."""


def errors(nb):
    """'cell ID: Name: first line of the message' for every error output stored in ``nb``."""
    found = []
    for i, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if output.get("output_type") == "error":
                message = (str(output.get("evalue", "")).splitlines() or [""])[0]
                found.append(f"cell {cell.get('id', i)}: {output.get('ename')}: {message}")
    return found


def execute(nb, name):
    from nbclient import NotebookClient

    # stored outputs must not depend on the BLAS thread count (see the Makefile)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    # the outputs are in once the last cell has run: the kernel is stopped then, not asked to
    # shut down and waited for (0.1-0.2 s a notebook)
    NotebookClient(nb, timeout=300, kernel_name="python3", record_timing=False, shutdown_kernel="immediate",
                   resources={"metadata": {"path": str(target(name).parent)}}).execute()
    nb.metadata["language_info"] = {"name": "python"}  # the kernel's version string varies
    # test cells are tagged raises-exception, so nbclient went on past a failing one: refuse it
    failed = errors(nb)
    if failed:
        raise SolutionError(f"solutions/{name}: a cell raised, the notebook is not written:\n  " + "\n  ".join(failed))
    return nb


def same_cells(a, b):
    strip = lambda nb: [(c.cell_type, c.source, c.metadata.get("nbgrader"), c.metadata.get("tags"))
                        for c in nb.cells]
    return strip(a) == strip(b)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="e.g. 02_forward (default: all sources)")
    parser.add_argument("--check", action="store_true", help="only compare sources with solutions/")
    args = parser.parse_args(argv)
    names = args.names or sorted(p.stem for p in SOURCES.glob("[0-9][0-9]_*.py"))
    stale, broken = [], []
    for name in names:
        nb = notebook_from_source(SOURCES / f"{name}.py")
        if args.check:
            stored = target(name)
            if not stored.exists() or not same_cells(nb, nbformat.read(stored, as_version=4)):
                stale.append(name)
            continue
        target(name).parent.mkdir(parents=True, exist_ok=True)
        try:
            nbformat.write(execute(nb, name), target(name))
        except SolutionError as error:
            print(error, file=sys.stderr)
            broken.append(name)
            continue
        print(f"built {target(name).relative_to(ROOT)}")
    if broken:
        print(f"not built, a cell raised: {', '.join(broken)}", file=sys.stderr)
        return 1
    if stale:
        print(f"out of date with course/: {', '.join(stale)}; run `make solutions`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
