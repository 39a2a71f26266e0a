"""Runs a notebook with nbclient: the notebook's own run, inside its sandbox (``nncourse.notebook_run``).

    python -m nncourse.execute_notebook IN.ipynb OUT.ipynb SETTINGS.json

It does what nbgrader's Execute step does, with nbclient directly (importing nbgrader here would
cost a second per submission), and writes the executed notebook, also when the kernel dies:
the cells that did not run then show why.
"""
import json
import sys
from pathlib import Path

import nbformat
from nbformat.notebooknode import NotebookNode

SETTINGS = ("timeout", "interrupt_on_timeout", "raise_on_iopub_timeout", "error_on_timeout", "extra_arguments")
STOPPED = "NotebookRunStopped"  # the error name under the code cells of a run that stopped
MAX_OUTPUT_CHARS = 1 << 20  # a stream output is cut there before it is written; nbgrader's LimitOutput follows


def _record_reply_error(cell, cell_index, execute_reply):
    """What nbgrader's Execute adds: an error reply (a timeout, say) that no output shows."""
    content = execute_reply["content"]
    if content["status"] == "error" and not any(
            o.output_type == "error" and o.ename == content["ename"] for o in cell.outputs):
        cell.outputs.append(NotebookNode(output_type="error", ename=content["ename"], evalue=content["evalue"],
                                         traceback=content["traceback"] or ["ERROR: An error occurred while"
                                                                            " showtraceback was disabled"]))


def _cut_floods(nb):
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and len(output.get("text", "")) > MAX_OUTPUT_CHARS:
                output["text"] = output["text"][:MAX_OUTPUT_CHARS] + "\n... Output truncated ..."


def main(argv=None):
    from nbclient import NotebookClient

    source, target, settings_file = argv or sys.argv[1:]
    settings = json.loads(Path(settings_file).read_text())
    nb = nbformat.read(source, as_version=4)
    client = NotebookClient(nb, allow_errors=True, on_cell_executed=_record_reply_error,
                            resources={"metadata": {"path": str(Path(source).parent.resolve())}},
                            **{k: v for k, v in settings.items() if k in SETTINGS})
    status = 0
    try:
        client.execute()
    except Exception as error:  # a dead kernel stops the run: what ran so far is still written
        why = f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
        for cell in nb.cells:
            if cell.cell_type == "code" and cell.get("execution_count") is None:
                cell.outputs = [NotebookNode(output_type="error", ename=STOPPED, evalue=why, traceback=[
                    f"{STOPPED}: the notebook's run stopped before this cell ran ({why})"])]
        status = 1
    _cut_floods(nb)
    nbformat.write(nb, target)
    return status


if __name__ == "__main__":
    sys.exit(main())
