"""The clean verdict: a submission's tests scored in a process where none of its code ran.

The submission's solution cells run in a sandboxed process of their own (``learner_process``,
inside ``nncourse.sandbox``), after the notebook's setup cells taken from the instructor's
source notebook. The test cells, visible and hidden, run here, in the grader, exactly as they are
written in the source notebook (``check_relu(relu)``), except that ``relu`` is a stand-in that
calls the learner's function across the sandbox's pipe. Inputs, reference results and every
comparison stay here; results cross as plain data and are checked as the checks check anything.
When the learner's function calls nnlib, nnlib runs here too, inside the check, so the check's
allow-list (``nnchecks.calling``) sees every call it makes.

A test scores its points when its cell raises nothing, 0 otherwise (as nbgrader scores an
ordinary test cell). A learner's function that runs past its time is stopped with its sandbox;
the next test starts a new one.
"""
import ast
import contextlib
import dataclasses
import io
import os
import sys
import warnings

import numpy as np

import nnlib
import nnlib.data
import nnlib.diagnostics

from . import learner_process, sandbox, setup_imports, submissions as subs, wire

CALL_TIMEOUT = 60  # seconds one call of a learner's function may take, by default (nbgrader's cell limit)
START_TIMEOUT = 120  # seconds the setup and solution cells may take
MODULES = {"nnlib": nnlib, "nnlib.data": nnlib.data, "nnlib.diagnostics": nnlib.diagnostics}
ERRORS = ("TrainingDiverged", "ChecksumError")


HIDDEN_BEGIN = "### BEGIN HIDDEN TESTS"


@dataclasses.dataclass
class TestVerdict:
    grade_id: str
    points: float
    max_points: float
    message: str = ""  # the first line of why it failed; "" when it passed
    visible_passed: bool = True  # the part before the hidden tests passed (all the notebook's run has)

    @property
    def passed(self):
        return self.points == self.max_points


def _public_functions():
    """reference name -> nnlib function, for the functions the learner's nnlib stand-in offers."""
    table = {}
    for module_name, module in MODULES.items():
        for name in dir(module):
            value = getattr(module, name)
            if not name.startswith("_") and callable(value) and not isinstance(value, type) \
                    and getattr(value, "__module__", "").startswith("nnlib"):
                table[f"{module_name}.{name}"] = value
    return table


class Grader:
    """The grader's end of the pipe: nnlib by reference, its own callbacks, the learner's functions."""

    def __init__(self):
        self.functions = _public_functions()
        self.names = {}
        for name, fn in self.functions.items():  # the shortest public name of each function
            if fn not in self.names or len(name) < len(self.names[fn]):
                self.names[fn] = name
        self.callbacks = []
        self.named_tuples = {"LinearCache": nnlib.LinearCache, "LayerCache": nnlib.LayerCache}
        self.codec = wire.Codec(self.export_function, self.import_function, self.named_tuples)
        self.channel = None

    def export_function(self, fn):
        if isinstance(fn, LearnerFunction):
            return fn.wire_name
        with contextlib.suppress(TypeError):
            if fn in self.names:
                return self.names[fn]
        self.callbacks.append(fn)
        return f"g:{len(self.callbacks) - 1}"

    def import_function(self, name):
        if name.startswith("s:"):
            return LearnerFunction(self, name, "function")
        raise wire.WireError(f"the learner's process sent a reference to {name!r}")

    def serve(self, target, args, kwargs, context):
        if target.startswith("g:"):
            fn = self.callbacks[int(target[2:])]
        elif target in self.functions:
            fn = self.functions[target]
        else:
            raise wire.WireError(f"the learner's process asked for {target!r}")
        return fn(*args, **kwargs), None

    def manifest(self):
        """What the learner's nnlib stand-in holds: function names, class names, constants."""
        buffers, modules = [], {}
        for module_name, module in MODULES.items():
            functions = sorted(name.rpartition(".")[2] for name in self.functions
                               if name.rpartition(".")[0] == module_name)
            classes = sorted(name for name in dir(module) if name in ERRORS or name in self.named_tuples)
            constants = {}
            for name in dir(module):
                value = getattr(module, name)
                if name.isupper() and not name.startswith("_"):
                    constants[name] = self.codec.encode(value, buffers)
            modules[module_name] = {"functions": functions, "classes": classes, "constants": constants}
        return modules, buffers


class LearnerStopped(RuntimeError):
    """The learner's process ended during a call (killed at its time limit, or it exited)."""


class LearnerFunction:
    """Calls one of the learner's functions in the sandbox, like the function itself would be."""

    def __init__(self, grader, wire_name, name):
        self.grader, self.wire_name, self.__name__ = grader, wire_name, name
        self.__qualname__ = name

    def __call__(self, *args, **kwargs):
        run = self.grader.run
        if run.sandbox is None:
            raise RuntimeError(f"the learner's process is not running ({run.stopped})")
        previous = run.sandbox.deadline
        run.sandbox.extend(run.call_timeout)
        try:
            value, message = self.grader.channel.call(self.wire_name, args, kwargs, {"errstate": np.geterr()})
        except wire.WireError:
            why = run.sandbox.why_killed or "its process exited (exit(), os._exit or a crash?)"
            run.stop(f"the learner's process was stopped: {why}")
            raise LearnerStopped(f"{self.__name__} did not finish: {why}") from None
        finally:
            if run.sandbox is not None:
                run.sandbox.deadline = previous
        for text in message.get("warnings", [])[:20]:
            warnings.warn(str(text)[:300], RuntimeWarning, stacklevel=2)
        return value

    def __repr__(self):
        return f"<the learner's {self.__name__}>"


class CleanRun:
    """One submission's sandbox: started on demand, restarted after a function that timed out."""

    def __init__(self, cells, call_timeout=CALL_TIMEOUT):
        self.cells, self.call_timeout = cells, call_timeout
        self.grader = Grader()
        self.grader.run = self
        self.sandbox, self.stopped = None, ""
        self.functions, self.failures = [], {}
        self.stand_ins = {}  # name -> LearnerFunction, the same object for every test cell

    def start(self):
        to_learner, from_grader = os.pipe()
        from_learner, to_grader = os.pipe()
        argv = [sys.executable, "-m", "nncourse.learner_process", str(to_learner), str(to_grader)]
        hidden = [sandbox.package_dir("nnlib"), sandbox.package_dir("nnchecks")]  # in case they are in the environment
        args = sandbox.command(argv, read_only=[sandbox.package_dir("nncourse")], hidden=hidden, env=sandbox.base_env())
        self.sandbox = sandbox.Sandbox(args, deadline=START_TIMEOUT, pass_fds=(to_learner, to_grader))
        os.close(to_learner)
        os.close(to_grader)
        self.grader.channel = wire.Channel(from_learner, from_grader, self.grader.codec, self.grader.serve)
        manifest, buffers = self.grader.manifest()
        try:
            self.grader.channel.send({"op": "start", "manifest": manifest, "errors": list(ERRORS),
                                      "cells": self.cells}, buffers)
            ready, _ = self.grader.channel.wait_for("ready")
        except (wire.WireError, OSError):
            why = self.sandbox.why_killed or "it exited"
            self.stop(f"the setup and solution cells did not finish: {why}")
            return
        self.sandbox.deadline = None
        self.functions = [str(f) for f in ready.get("functions", [])]
        self.failures = dict(ready.get("failures", {}))

    def stop(self, why):
        if self.sandbox is not None:
            self.sandbox.close()
            self.grader.channel.close()
        self.sandbox, self.stopped = None, why
        self.stand_ins = {}

    def namespace(self):
        """A test cell's globals: the setup cells' imports (``np``), then the learner's functions."""
        if self.sandbox is None:
            self.start()
        for name in self.functions:
            self.stand_ins.setdefault(name, LearnerFunction(self.grader, f"s:{name}", name))
        namespace = {"__name__": "__main__"}
        for cell in self.cells:  # the setup cells' imports (already without magics)
            if cell["id"].startswith(learner_process.SETUP):
                setup_imports.run(cell["source"], namespace, imports_only=True)
        return namespace | {name: self.stand_ins[name] for name in self.functions}


def _definitions(source):
    """The imports, functions and classes of a setup cell, without its demonstrations (loading
    data, training, plotting), which no exercise needs and which would cost time in every run."""
    try:
        tree = ast.parse(learner_process.MAGIC.sub("", source))
    except SyntaxError:  # nothing of it in the clean run (the notebook's own run shows the error)
        return ""
    kinds = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    return ast.unparse(ast.Module(body=[n for n in tree.body if isinstance(n, kinds)], type_ignores=[]))


def clean_cells(source_nb, submitted_nb):
    """The cells the learner's process runs: the definitions of the source notebook's code cells
    before its first exercise, its read-only cells, and the submission's solution cells, in the
    source's order. A solution cell counts only under a grade id that the source notebook has."""
    submitted = {}
    for cell in submitted_nb.cells:
        meta = subs.nbgrader_meta(cell)
        if cell.cell_type == "code" and meta.get("solution") and meta.get("grade_id") not in submitted:
            submitted[meta.get("grade_id")] = cell.source
    cells, seen_exercise = [], False
    for cell in source_nb.cells:
        if cell.cell_type != "code":
            continue
        meta = subs.nbgrader_meta(cell)
        if meta.get("solution"):
            seen_exercise = True
            if meta["grade_id"] in submitted:
                cells.append({"id": meta["grade_id"], "source": submitted[meta["grade_id"]]})
        elif meta.get("locked") and not meta.get("grade"):
            cells.append({"id": meta["grade_id"], "source": cell.source})
        elif not meta.get("grade") and not seen_exercise:
            cells.append({"id": f"{learner_process.SETUP}{len(cells)}", "source": _definitions(cell.source)})
    return cells


def _parts(source):
    """A test cell's code before its hidden tests, and the hidden tests ("" if none)."""
    lines = source.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.strip() == HIDDEN_BEGIN:
            return "".join(lines[:i]), "".join(lines[i:])
    return source, ""


def _run_test(code, grade_id, namespace, run):
    """Run one test's code here; "" if it passed, else the first line of why not."""
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            exec(compile(code, f"<test {grade_id}>", "exec"), namespace)
    except Exception as error:  # the test failed; say why in one line
        message = f"{type(error).__name__}: {error}".splitlines()[0][:300]
        return f"{message} ({run.stopped})" if run.sandbox is None and run.stopped else message
    return ""


def verdicts(source_nb, submitted_nb, call_timeout=CALL_TIMEOUT):
    """[TestVerdict] for every test cell of ``source_nb``, in order, for this submission;
    ``call_timeout``: the seconds one call of a learner's function may take."""
    run = CleanRun(clean_cells(source_nb, submitted_nb), call_timeout)
    results = []
    try:
        for cell in source_nb.cells:
            meta = subs.nbgrader_meta(cell)
            if cell.cell_type != "code" or not meta.get("grade"):
                continue
            points = float(meta.get("points", 0))
            visible, hidden = _parts(cell.source)
            namespace = run.namespace()
            message = _run_test(visible, meta["grade_id"], namespace, run)
            visible_passed = not message
            if visible_passed and hidden:
                message = _run_test(hidden, meta["grade_id"], namespace, run)
            results.append(TestVerdict(meta["grade_id"], 0.0 if message else points, points, message, visible_passed))
    finally:
        run.stop("done")
    return results
