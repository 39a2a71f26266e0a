"""Run a function once per item, each call in a worker process of its own, some at a time.

This is how autograde grades a class in parallel (nbgrader itself grades one submission at a
time, jupyter/nbgrader#174): every worker is forked from a forkserver that has already imported
the ``preload`` modules (nbgrader: a fresh interpreter would pay seconds of imports per
student), at most ``jobs`` run at once, and each writes its standard output and error (its
kernel's too) to a log file of its own. A worker that runs past ``timeout`` seconds (a loop that
ignores the cell timeout's interrupt) is killed together with every process below it, kernels
included; nothing else is affected.
"""
import contextlib
import functools
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import time
import traceback

import psutil

BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def run(function, items, *, jobs, logs, done, timeout=None, preload=()):
    """``function(*args)`` for each ``name: args`` of ``items``, in worker processes.

    ``function`` returns a dict (picklable, module level). As each call ends, ``done(name,
    result)`` gets that dict or, when there is none, ``{"success": False, "exitcode": N, "error":
    ...}`` for a worker that exited without a result, ``{"success": False, "killed": timeout,
    "error": "killed"}`` for one stopped after ``timeout`` s; ``result["elapsed"]`` is always set.
    A worker's output goes to ``logs/NAME.log``.
    """
    ctx = _context(tuple(preload))
    logs.mkdir(parents=True, exist_ok=True)
    pending, running = list(items), {}
    try:
        while pending or running:
            while pending and len(running) < max(1, jobs):
                name = pending.pop(0)
                reader, writer = ctx.Pipe(duplex=False)
                proc = ctx.Process(target=_worker, name=f"worker-{name}",
                                   args=(function, items[name], writer, str(logs / f"{name}.log")))
                proc.start()
                writer.close()
                running[name] = {"proc": proc, "reader": reader, "start": time.monotonic(), "result": None}
            waits = [job["proc"].sentinel for job in running.values()] + [
                job["reader"] for job in running.values() if job["result"] is None]
            wait = None
            if timeout:
                wait = max(0.0, min(job["start"] + timeout for job in running.values()) - time.monotonic())
            multiprocessing.connection.wait(waits, timeout=wait)
            for name, job in list(running.items()):
                _receive(job)
                elapsed = time.monotonic() - job["start"]
                if not job["proc"].is_alive():
                    job["proc"].join()
                    _receive(job)
                    result = job["result"] or {"success": False, "exitcode": job["proc"].exitcode,
                                               "error": f"worker exited with code {job['proc'].exitcode}"}
                elif timeout and elapsed > timeout:
                    kill_tree(job["proc"].pid)
                    job["proc"].join()
                    result = {"success": False, "killed": timeout, "error": "killed"}
                else:
                    continue
                result["elapsed"] = elapsed
                job["reader"].close()
                del running[name]
                done(name, result)
    finally:
        for job in running.values():
            kill_tree(job["proc"].pid)


def kill_tree(pid):
    """SIGKILL ``pid``, every process below it, and the process groups its kernels lead."""
    try:
        top = psutil.Process(pid)
        victims = [top, *top.children(recursive=True)]
    except psutil.NoSuchProcess:
        return
    own_group = os.getpgrp()
    for victim in victims:
        with contextlib.suppress(psutil.NoSuchProcess, ProcessLookupError, PermissionError):
            if victim.pid != pid and os.getpgid(victim.pid) == victim.pid != own_group:
                os.killpg(victim.pid, signal.SIGKILL)  # a kernel's own children, even if reparented
            victim.kill()


def _worker(function, args, conn, log_path):
    """Body of one worker process: call ``function``, send its dict back (never raise)."""
    for var in BLAS_THREADS:
        os.environ.setdefault(var, "1")  # kernels inherit it: one BLAS thread per parallel kernel
    fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(fd, 1)  # the kernel's own chatter goes to the log, not the terminal
    os.dup2(fd, 2)
    try:
        result = function(*args)
    except BaseException:  # noqa: BLE001 - anything at all is reported, never raised
        result = {"success": False, "error": traceback.format_exc()}
    conn.send(result)
    conn.close()


def _receive(job):
    if job["result"] is None and job["reader"].poll():
        with contextlib.suppress(EOFError, OSError):
            job["result"] = job["reader"].recv()


@functools.lru_cache(maxsize=None)
def _context(preload):
    if sys.platform == "win32" or "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(list(preload))
    return ctx
