"""nncourse/workers.py: each call in a worker process of its own, results back, a worker past its
time limit killed with every process below it (here plain commands stand in for nbgrader and its
kernels: a shell with two children, one of them in a session of its own as a kernel is)."""
import json
import os
import subprocess
import time

import psutil

from nncourse import workers

PRELOAD = ["nncourse.course"]  # what autograde preloads (a process has one forkserver, started once)


def _gone(pid):
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def test_results_come_back_and_a_worker_past_its_time_is_killed_with_its_tree(tmp_path):
    pids = tmp_path / "pids"
    tree = f"echo started; sleep 300 & echo $! >> {pids}; setsid sleep 300 & echo $! >> {pids}; wait"
    items = {"ok": ('{"success": true}',), "exits": (3,), "hangs": (["sh", "-c", tree],)}
    functions = {"ok": json.loads, "exits": os._exit, "hangs": subprocess.run}
    results, order = {}, []
    for name, args in items.items():
        workers.run(functions[name], {name: args}, jobs=2, timeout=5, logs=tmp_path / "logs",
                    done=lambda n, r: (results.__setitem__(n, r), order.append(n)), preload=PRELOAD)
    assert results["ok"]["success"] is True and results["ok"]["elapsed"] < 5
    assert results["exits"]["success"] is False and results["exits"]["exitcode"] == 3
    assert results["hangs"] == {"success": False, "killed": 5, "error": "killed", "elapsed": results["hangs"]["elapsed"]}
    assert 5 <= results["hangs"]["elapsed"] < 15
    assert "started" in (tmp_path / "logs" / "hangs.log").read_text()  # the worker's output went to its log
    children = [int(line) for line in pids.read_text().split()]
    assert len(children) == 2
    deadline = time.monotonic() + 5
    while not all(_gone(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert all(_gone(pid) for pid in children), "a process below the killed worker is still running"


def test_at_most_jobs_workers_run_at_once(tmp_path):
    """Four calls of 1 s, two at a time: two rounds."""
    items = {f"w{i}": (1,) for i in range(4)}
    ended = []
    start = time.monotonic()
    workers.run(time.sleep, items, jobs=2, logs=tmp_path, preload=PRELOAD,
                done=lambda name, result: ended.append(time.monotonic() - start))
    first, second, third, fourth = sorted(ended)
    assert second - first < 0.8 and fourth - third < 0.8, ended  # two at once
    assert third - first >= 0.9, ended                            # then the next two
