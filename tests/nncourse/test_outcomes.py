"""nncourse/outcomes.py: the one-line reasons an instructor reads (the whole classification runs on
real submissions in tests/end_to_end/test_hostile.py)."""
import nbformat
import pytest

from nncourse import outcomes


def _cell(*outputs, source="check(f)"):
    cell = nbformat.v4.new_code_cell(source)
    cell.outputs = [nbformat.v4.new_output(kind, **fields) for kind, fields in outputs]
    return cell


@pytest.mark.parametrize("output, reason", [
    (("error", dict(ename="CellTimeoutError", evalue="", traceback=[])), "timed out after 3 s"),
    (("error", dict(ename="KeyboardInterrupt", evalue="", traceback=[])), "interrupted after the 3 s time limit"),
    (("error", dict(ename="CheckFailed", evalue="\x1b[31mrelu(Z) is wrong\x1b[0m\nmore", traceback=[])),
     "CheckFailed: relu(Z) is wrong"),
    (("stream", dict(name="stderr", text="RuntimeWarning: overflow\n")),
     "wrote to stderr, which nbgrader counts as a failure: RuntimeWarning: overflow"),
    (("execute_result", dict(data={"text/plain": "0.5"}, execution_count=1)), "partial credit: 0.5"),
])
def test_why_a_test_cell_lost_its_points(output, reason):
    assert outcomes.cell_problem(_cell(output), timeout=3).startswith(reason)


def test_a_kernel_that_stayed_busy_is_told_from_one_slow_cell():
    timeout = ("error", dict(ename="CellTimeoutError", evalue="", traceback=[]))
    nb = nbformat.v4.new_notebook()
    nb.cells = [_cell(), _cell(timeout), _cell(timeout), _cell(timeout)]
    nb.cells[1].id = "relu"
    assert outcomes.stuck_after(nb) == ("relu", 2)
    nb.cells[3].outputs = []  # the cell after the slow ones ran: the kernel was not stuck
    assert outcomes.stuck_after(nb) is None


def test_lines_are_cut_and_uncoloured():
    assert outcomes.first_line("x" * 200, limit=10) == "xxxxxxx..."
    assert outcomes.last_line("Traceback\n  File ...\n\x1b[31mValueError: bad\x1b[0m\n\n") == "ValueError: bad"
    assert outcomes.last_line(None) == ""
