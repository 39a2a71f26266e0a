"""Check your own notebook, without an instructor, and open the worked solution after trying.

    nn-check notebooks/03_cost/03_cost.ipynb    # or just: 03_cost (make check NB=03_cost)
    nn-check                                     # every notebook in notebooks/ (make check)
    nn-solution 03_cost                          # copy the worked solution (make solution NB=03_cost)

(``python -m nncourse.selfcheck`` is ``nn-check``.)

The check runs the saved notebook from top to bottom in a fresh kernel exactly as
``nbgrader validate`` does (nbgrader's own preprocessors, NBGRADER_EXECUTION set), then scores
every test cell the way the autograder does (nbgrader's ``determine_grade``: an error or output
on stderr scores 0), and prints the points per exercise with the first line of each failure:

    03_cost: 1 / 9 points
      mse_cost            1 / 1   passed
      bce_cost            0 / 3   test_bce_cost: bce_cost is not implemented yet: replace ...

Only the visible tests run: the instructor's grader also runs hidden tests (random inputs,
edge cases), so full marks here is necessary, not sufficient. Exit status: 0 when every test
passes, 1 when one fails, 2 when a notebook cannot be checked. (``nbgrader validate`` itself
exits 0 even when tests fail, nbgrader #1908.)

``nn-solution NAME`` (or ``nn-check --solution NAME``) copies ``solutions/NAME/NAME.ipynb`` (the worked solution, with the hidden
tests and their outputs) to ``notebooks/worked_solutions/NAME.ipynb``, where JupyterLab's file
browser shows it next to your own notebooks; your notebook is not touched.

This module needs the course's extra (nbgrader, ipykernel); nnlib itself never imports it.
"""
import argparse
import contextlib
import dataclasses
import os
import shutil
import sys
from pathlib import Path

from nncourse import paths
from nncourse import submissions as subs
from nncourse.outcomes import first_line

WORKED = "worked_solutions"


@dataclasses.dataclass
class TestResult:
    grade_id: str
    points: float
    score: float
    problem: str = ""  # first line of why it lost points

    @property
    def passed(self):
        return self.score >= self.points


@dataclasses.dataclass
class Report:
    notebook: Path
    exercises: dict  # exercise name -> [TestResult], in notebook order
    notes: list = dataclasses.field(default_factory=list)

    @property
    def tests(self):
        return [t for results in self.exercises.values() for t in results]

    @property
    def score(self):
        return sum(t.score for t in self.tests)

    @property
    def points(self):
        return sum(t.points for t in self.tests)

    @property
    def passed(self):
        return all(t.passed for t in self.tests)

    def lines(self):
        name = self.notebook.stem
        out = [f"{name}: {_num(self.score)} / {_num(self.points)} points"
               + ("" if self.passed else f"  ({sum(not t.passed for t in self.tests)} test cells fail)")]
        width = max([len(e) for e in self.exercises] + [12])
        for exercise, results in self.exercises.items():
            score, points = sum(t.score for t in results), sum(t.points for t in results)
            failed = [t for t in results if not t.passed]
            head = f"  {exercise:<{width}}  {_num(score):>4} / {_num(points):<4} "
            if not failed:
                out.append(head + " passed")
            for i, t in enumerate(failed):
                out.append((head if i == 0 else " " * len(head)) + f" {t.grade_id}: {t.problem}")
        out += [f"  note: {n}" for n in self.notes]
        return out


def _num(x):
    return f"{x:g}"


def _problem(cell, score, points):
    """Why a test cell scored below its points, in one line (what the learner should read)."""
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            name, value = output.get("ename", "Error"), first_line(output.get("evalue", ""), 200)
            if name == "CellTimeoutError":
                return "took too long (a loop that does not end?)"
            if name == "CheckFailed":
                return value
            return f"{name}: {value}" if value else name
        if output.get("output_type") == "stream" and output.get("name") == "stderr":
            return f"wrote to stderr, which the grader counts as a failure: {first_line(output.get('text', ''), 200)}"
    return f"partial credit: {_num(score)} of {_num(points)}"


def _released_tests(notebook):
    """grade_ids of the test cells the course ships for this notebook, if the repo has them."""
    import nbformat

    source = paths.SOLUTIONS / notebook.stem / notebook.name
    if not source.exists():
        return None
    nb = nbformat.read(source, as_version=4)
    return [c.metadata["nbgrader"]["grade_id"] for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"]


def check(notebook, timeout=60):
    """Run ``notebook`` as ``nbgrader validate`` does and score each visible test cell."""
    import nbformat
    from nbgrader import utils
    from nbgrader.preprocessors import CheckCellMetadata, ClearOutput, Execute
    from traitlets.config import Config

    notebook = Path(notebook).resolve()
    nb = nbformat.read(notebook, as_version=4)
    notes = []
    changed = [c.metadata.nbgrader["grade_id"] for c in nb.cells
               if utils.is_locked(c) and "checksum" in c.metadata.get("nbgrader", {})
               and c.metadata.nbgrader["checksum"] != utils.compute_checksum(c)]
    config = Config()
    config.Execute.timeout = timeout
    config.Execute.interrupt_on_timeout = True
    config.Execute.raise_on_iopub_timeout = False
    # a local kernel over IPC: the same as TCP on 127.0.0.1, without ipykernel's warning about
    # unencrypted TCP on the learner's terminal
    if os.name == "posix":
        config.KernelManager.transport = "ipc"
    resources = {}
    with contextlib.ExitStack() as stack:
        stack.enter_context(utils.setenv(NBGRADER_VALIDATING="1", NBGRADER_EXECUTION="validate"))
        stack.enter_context(utils.chdir(str(notebook.parent)))
        for preprocessor in (CheckCellMetadata, ClearOutput, Execute):
            nb, resources = preprocessor(config=config).preprocess(nb, resources)

    exercises = [c.metadata.nbgrader["grade_id"] for c in nb.cells
                 if utils.is_solution(c) and not utils.is_grade(c)]
    results = {}
    for cell in nb.cells:
        if not (utils.is_grade(cell) and cell.cell_type == "code"):
            continue
        grade_id = cell.metadata.nbgrader["grade_id"]
        score, points = utils.determine_grade(cell)
        result = TestResult(grade_id, float(points), float(score or 0))
        if grade_id in changed:
            result.score, result.problem = 0.0, ("this test cell was edited; the grader runs the original "
                                                 "(restore it from the released notebook)")
        elif not result.passed:
            result.problem = _problem(cell, result.score, result.points)
        results.setdefault(subs.exercise_of(grade_id, exercises), []).append(result)
    shipped = _released_tests(notebook)
    if shipped is not None:
        present = {t.grade_id for rs in results.values() for t in rs}
        for grade_id in shipped:
            if grade_id not in present:
                notes.append(f"test cell {grade_id} is missing from your notebook (deleted?); "
                             "the grader puts it back and runs it")
    return Report(notebook, results, notes)


def _find(name_or_path, cwd=None):
    """A notebook path from a path or an assignment name such as 03_cost."""
    path = Path(name_or_path)
    if path.suffix == ".ipynb" or path.is_file():
        return path
    name = path.name
    here = Path(cwd or os.getcwd())
    # from the course folder, from notebooks/ (where JupyterLab's terminal opens), or anywhere
    for candidate in (here / "notebooks" / name / f"{name}.ipynb", here / name / f"{name}.ipynb",
                      paths.NOTEBOOKS / name / f"{name}.ipynb"):
        if candidate.exists():
            return candidate
    return paths.NOTEBOOKS / name / f"{name}.ipynb"  # reported as missing


def all_notebooks(root=None):
    """notebooks/NN_name/NN_name.ipynb of ``root`` (default: the current folder if it has notebooks/)."""
    root = Path(root or (Path.cwd() if (Path.cwd() / "notebooks").is_dir() else paths.ROOT))
    return [root / "notebooks" / name / f"{name}.ipynb" for name in paths.assignments(root / "notebooks")]


def copy_solution(name, root=None):
    """solutions/NAME/NAME.ipynb -> notebooks/worked_solutions/NAME.ipynb; returns the copy."""
    name = Path(name).stem
    root = Path(root) if root else (Path.cwd() if (Path.cwd() / "solutions").is_dir() else paths.ROOT)
    source = root / "solutions" / name / f"{name}.ipynb"
    if not source.exists():
        known = sorted(p.name for p in (root / "solutions").glob("[0-9][0-9]_*"))
        raise FileNotFoundError(f"no worked solution {source}" + (f"; there are {', '.join(known)}" if known else ""))
    target = root / "notebooks" / WORKED / f"{name}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="nn-check",
        description="Run a notebook's visible tests as nbgrader validate does and print the points per "
                    "exercise; or copy an assignment's worked solution next to your notebooks.")
    parser.add_argument("notebooks", nargs="*",
                        help="notebook paths or names (03_cost); default: every notebook in notebooks/")
    parser.add_argument("--solution", metavar="NAME",
                        help="copy solutions/NAME/NAME.ipynb to notebooks/worked_solutions/NAME.ipynb")
    parser.add_argument("--timeout", type=int, default=60, help="seconds per cell (default 60)")
    args = parser.parse_args(argv)

    if args.solution:
        try:
            target = copy_solution(args.solution)
        except FileNotFoundError as error:
            print(error, file=sys.stderr)
            return 2
        shown = os.path.relpath(target)
        print(f"The worked solution is in {shown}: open it in JupyterLab "
              f"(folder {WORKED}/ in the file browser) and compare it with your own.")
        return 0

    paths = [_find(n) for n in args.notebooks] or all_notebooks()
    if not paths:
        print("no notebook to check: give a path, e.g. notebooks/03_cost/03_cost.ipynb", file=sys.stderr)
        return 2
    print("Checking the saved notebooks (save with Ctrl+S first) with their visible tests; "
          "the grader also runs hidden ones.\n")
    status = 0
    for path in paths:
        if not path.exists():
            print(f"{path}: no such notebook", file=sys.stderr)
            status = 2
            continue
        try:
            report = check(path, timeout=args.timeout)
        except Exception as error:  # invalid JSON, broken metadata, no kernel: say so, go on
            print(f"{path}: cannot be checked: {type(error).__name__}: {first_line(error, 200)}", file=sys.stderr)
            status = 2
            continue
        print("\n".join(report.lines()) + "\n")
        if not report.passed:
            status = max(status, 1)
    return status


def solution(argv=None):
    """``nn-solution NAME``: copy the worked solution of NAME next to the learner's notebooks."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: nn-solution NAME (e.g. 03_cost)", file=sys.stderr)
        return 2
    return main(["--solution", args[0]])


if __name__ == "__main__":
    sys.exit(main())
