"""The notebook's own run, in a sandbox: what nbgrader's autograde executes, and feedback shows.

nbgrader executes a submission in a kernel of the grader's own, with the grader's rights: the
learner's code could open the gradebook, read other submissions or start a process that
outlives its turn. Here nbgrader's ``Execute`` step is replaced by :class:`SandboxedExecute`,
which runs the very same preprocessor (same timeouts, same handling of errors) inside
``nncourse.sandbox``, kernel and all, on a scratch copy of the notebook with its hidden tests
removed (hidden checks never enter a process the learner's code runs in). Only the cells'
outputs come back; their code and metadata stay the grader's copy.

This run is not trusted: its scores are compared with the clean verdict (``nncourse.verdict``),
which is what the gradebook keeps.

Inside the sandbox, ``nncourse.execute_notebook`` runs the notebook.
"""
import copy
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import nbformat
from nbgrader.preprocessors import ClearHiddenTests, Execute

from . import sandbox
from .execute_notebook import SETTINGS, STOPPED

MAX_NOTEBOOK_BYTES = 64 << 20
RUN_TIMEOUT = 900  # seconds the whole notebook may take (a cell's own limit is Execute.timeout)


class SandboxedExecute(Execute):
    """nbgrader's Execute, run in a sandbox on a copy without hidden tests."""

    def preprocess(self, nb, resources):
        with tempfile.TemporaryDirectory(prefix="nncourse-run-") as scratch:
            scratch = Path(scratch)
            visible = ClearHiddenTests().preprocess(copy.deepcopy(nb), resources)[0]
            nbformat.write(visible, scratch / "notebook.ipynb")
            settings = {name: getattr(self, name) for name in SETTINGS}
            (scratch / "settings.json").write_text(json.dumps(settings))
            argv = [sys.executable, "-m", "nncourse.execute_notebook", "notebook.ipynb", "executed.ipynb",
                    "settings.json"]
            env = {**sandbox.base_env(), "IPYTHONDIR": "/tmp/ipython", "JUPYTER_RUNTIME_DIR": "/tmp/runtime",
                   "JUPYTER_DATA_DIR": "/tmp/data", "JUPYTER_CONFIG_DIR": "/tmp/config",
                   "MPLCONFIGDIR": str(_matplotlib_folder(scratch / "matplotlib"))}
            packages = [sandbox.package_dir(name) for name in ("nnlib", "nnchecks", "nncourse")]
            hidden = [str(Path(sandbox.package_dir("nnchecks")) / "hidden")]
            args = sandbox.command(argv, read_only=packages, hidden=hidden, scratch=scratch, env=env)
            with open(scratch / "stderr.txt", "wb") as stderr:
                run = sandbox.Sandbox(args, deadline=RUN_TIMEOUT, stderr=stderr)
                run.process.wait()
                run.close()
            log = (scratch / "stderr.txt").read_bytes()[-3000:].decode(errors="replace")
            executed = _read_executed(scratch / "executed.ipynb")
        if executed is None or len(executed.cells) != len(nb.cells):
            # the feedback shows that the run stopped; the clean verdict grades the submission
            why = run.why_killed or _last_words(log) or f"exit status {run.process.returncode}"
            self.log.warning("the notebook's run in its sandbox stopped: %s\n%s", why, log)
            _mark_stopped(nb, why)
            return nb, resources
        for cell, done in zip(nb.cells, executed.cells):
            if cell.cell_type == "code" and done.get("cell_type") == "code":
                cell.outputs = done.get("outputs", [])
                cell.execution_count = done.get("execution_count")
        return nb, resources


def _matplotlib_folder(folder):
    """``folder``, made, with a copy of the grader's matplotlib font list when there is one: the
    kernel's matplotlib then reads it instead of scanning every font on the machine (a second
    with many fonts). The grader's folder is where matplotlib keeps it on Linux."""
    folder.mkdir()
    home = os.environ.get("MPLCONFIGDIR") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "matplotlib"
    for font_list in Path(home).glob("fontlist-*.json"):
        shutil.copy(font_list, folder)
    return folder


def _last_words(log):
    """The last line of the sandbox's stderr that names an error (e.g. nbclient's DeadKernelError)."""
    lines = [line.strip() for line in log.splitlines() if "Error" in line or "died" in line]
    return lines[-1][:300] if lines else ""


def _mark_stopped(nb, why):
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [nbformat.v4.new_output("error", ename=STOPPED, evalue=why, traceback=[
                f"{STOPPED}: the notebook's run stopped before this cell could run ({why})"])]


def _read_executed(path):
    try:
        if not path.is_file() or path.stat().st_size > MAX_NOTEBOOK_BYTES:
            return None
        return nbformat.read(path, as_version=4)
    except Exception:  # whatever the sandbox wrote: not a notebook
        return None
