"""nnplayground.show in a real kernel, spoken to as nbclient and as JupyterLab speak to it.

Without a cellId in the execute request (nbclient, nbval, nbgrader) the cell shows one figure and
prints its summary, and opens no widget. With one (JupyterLab) it shows the widget, the static
figure as its fallback; a click on Start (the comm message JupyterLab sends) trains in the
background while the kernel still runs other cells, and a click on Stop stops it.
"""
import re
import time

import pytest
from jupyter_client.manager import start_new_kernel

CELL = ("from nnplayground import playground\n"
        "playground(data='planar', hidden_layers=2, units=8, activation='tanh', learning_rate=0.3, steps=300)")
SUMMARY = ("planar, 2×8 tanh, xavier init, gd α = 0.3, full batch, seed 0: 300 steps, "
           "cost 0.7106 → 0.1000, training accuracy 97.2%")


@pytest.fixture
def kernel():
    manager, client = start_new_kernel(kernel_name="python3")
    try:
        yield client
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def _run(client, code, cell_id=None, timeout=120):
    """Execute code; every iopub message it caused until the kernel is idle again."""
    message = client.session.msg("execute_request", {"code": code, "silent": False, "store_history": True,
                                                     "user_expressions": {}, "allow_stdin": False,
                                                     "stop_on_error": True},
                                 metadata={"cellId": cell_id} if cell_id else {})
    client.shell_channel.send(message)
    seen, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        reply = client.get_iopub_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") != message["header"]["msg_id"]:
            seen.append(reply)  # comm messages of the background task have an older parent
            continue
        seen.append(reply)
        if reply["msg_type"] == "status" and reply["content"]["execution_state"] == "idle":
            return seen
    raise AssertionError(f"no idle after {code!r}")


def _outputs(messages):
    return [m["content"] for m in messages if m["msg_type"] in ("display_data", "stream", "error", "execute_result")]


def _click(client, comm_id):
    client.shell_channel.send(client.session.msg("comm_msg", {
        "comm_id": comm_id, "data": {"method": "custom", "content": {"event": "click"}}}))


def _drain(client, seconds):
    """The iopub messages of the next ``seconds``."""
    seen, deadline = [], time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        try:
            seen.append(client.get_iopub_msg(timeout=left))
        except Exception:  # queue.Empty: nothing more in time
            break
    return seen


def _statuses(messages, comm_id):
    return [m["content"]["data"]["state"]["value"] for m in messages if m["msg_type"] == "comm_msg"
            and m["content"]["comm_id"] == comm_id and "value" in m["content"]["data"].get("state", {})]


def test_without_a_frontend_one_static_figure_and_no_widget(kernel):
    messages = _run(kernel, CELL)
    outputs = _outputs(messages)
    assert not any(m["msg_type"] == "comm_open" for m in messages)
    assert [sorted(o.get("data", {})) for o in outputs] == [["image/png", "text/plain"], []]
    assert outputs[0]["data"]["text/plain"] == SUMMARY
    assert outputs[1] == {"name": "stdout", "text": SUMMARY + "\n"}


def test_in_jupyterlab_the_widget_trains_in_the_background(kernel):
    messages = _run(kernel, CELL, cell_id="playground")
    outputs = _outputs(messages)
    assert len(outputs) == 1 and set(outputs[0]["data"]) == {
        "application/vnd.jupyter.widget-view+json", "image/png", "text/plain"}
    assert outputs[0]["data"]["text/plain"] == SUMMARY
    opened = {m["content"]["comm_id"]: m["content"]["data"]["state"] for m in messages if m["msg_type"] == "comm_open"}
    start = next(i for i, s in opened.items() if s.get("_model_name") == "ButtonModel" and s["description"] == "Start")
    status = next(i for i, s in opened.items() if s.get("_model_name") == "HTMLModel")
    shown = [opened[status]["value"], *_statuses(messages, status)][-1]
    assert "step <b class='nn-step'>300</b>" in shown and "cost <b class='nn-cost'>0.1000</b>" in shown, shown

    _click(kernel, start)
    during = _drain(kernel, 2.0)
    started = time.monotonic()
    answer = _outputs(_run(kernel, "print(6 * 7)"))
    answered = time.monotonic() - started
    assert answer == [{"name": "stdout", "text": "42\n"}]
    assert answered < 2, f"the kernel took {answered:.1f} s to run a cell while training"
    _click(kernel, start)  # now labelled Stop
    after, deadline = [], time.monotonic() + 30
    while not any(m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == start
                  and m["content"]["data"].get("state", {}).get("description") == "Start" for m in after):
        assert time.monotonic() < deadline, "the button did not turn back into Start"
        after += _drain(kernel, 0.5)
    steps = [int(re.search(r"nn-step'>(\d+)<", s)[1]) for s in _statuses(during + after, status)]
    assert steps and steps[-1] > 300 and steps == sorted(steps), steps
    frames = [m for m in during if m["msg_type"] == "comm_msg" and m["content"]["data"].get("buffer_paths")]
    assert frames, "no new picture was sent while training"
    quiet = _statuses(_drain(kernel, 1.0), status)
    assert quiet == [], f"training went on after Stop: {quiet}"
