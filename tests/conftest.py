"""Shared by the tests, as fixtures: per-notebook execution times (``notebook_times``, printed at
the end of the run and written to artifacts/notebook_times.txt), Chromium for the browser tests
(``chromium``), ``unavailable`` (skip, or fail under CI) and ``start_lab`` (`make lab`)."""
import contextlib
import dataclasses
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from nncourse.paths import ARTIFACTS, ROOT

RUN_VARIABLE = "COURSE_TEST_RUN"


def _times_dir():
    return ARTIFACTS / "notebook_times" / os.environ[RUN_VARIABLE]


def _retry_nbval_kernel_start(attempts=3):
    """Start nbval's kernels again when one dies before it answers.

    A kernel is told five free TCP ports and binds them only once it has started; under this
    suite's parallel load another process now and then takes one in between, and the kernel dies
    before replying ("Kernel died before replying to kernel_info"), erroring every cell of a
    notebook that is fine. Only the start is retried: nothing of the notebook has run yet.
    """
    import warnings

    import nbval.kernel

    start = nbval.kernel.start_new_kernel

    def start_with_retry(*args, **kwargs):
        for attempt in range(1, attempts + 1):
            try:
                return start(*args, **kwargs)
            except RuntimeError as error:
                if attempt == attempts:
                    raise
                warnings.warn(f"nbval: kernel start failed ({error}); attempt {attempt + 1} of {attempts}")

    nbval.kernel.start_new_kernel = start_with_retry


def pytest_configure(config):
    # One folder of notebook times per test run (xdist workers inherit the id from the
    # controller), so that runs in parallel on one checkout do not mix their times.
    os.environ.setdefault(RUN_VARIABLE, f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}")
    _retry_nbval_kernel_start()


@pytest.fixture(scope="session")
def notebook_times():
    """The folder where a test writes NAME.txt, one line of a notebook's execution time, for the summary."""
    folder = _times_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def pytest_terminal_summary(terminalreporter):
    """The times written in this run (see notebook_times); run folders older than a day are removed."""
    times = _times_dir()
    for old in times.parent.glob("*") if times.parent.is_dir() else []:
        if old != times and old.is_dir() and old.stat().st_mtime < time.time() - 86400:
            shutil.rmtree(old, ignore_errors=True)
    rows = sorted(p.read_text() for p in times.glob("*.txt")) if times.is_dir() else []
    if not rows:
        return
    text = ("notebook execution times (autograde of the solution: kernel start + every cell, "
            "NBGRADER_EXECUTION set)\n" + "".join(rows))
    (ARTIFACTS / "notebook_times.txt").write_text(text)
    terminalreporter.section("notebook times")
    terminalreporter.write(text)


def _unavailable(reason):
    """Fail under CI (the test must run there), skip with the reason elsewhere."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def unavailable():
    """``unavailable(reason)``: fail under CI (the test must run there), skip with the reason elsewhere."""
    return _unavailable


# --------------------------------------------------------------------------- Chromium (Playwright)

@dataclasses.dataclass
class Chromium:
    """Debian's Chromium, driven by Playwright: ``with chromium.sync_playwright() as p:
    p.chromium.launch(**chromium.launch_options)``."""
    sync_playwright: object
    executable: str
    # Headless on a machine without network: no GPU, no sandbox (root in containers), and none of
    # Chromium's background connections (which hang or flood the log on a closed network).
    args: tuple = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   "--disable-dev-shm-usage")

    @property
    def launch_options(self):
        return {"executable_path": self.executable, "args": list(self.args), "headless": True}


@pytest.fixture(scope="session")
def chromium():
    """Playwright and Debian's Chromium (never a downloaded browser); skips (fails under CI) without them."""
    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not os.path.exists(executable):
        _unavailable(f"Chromium is not installed at {executable} (Debian's chromium package): run "
                     "tools/install_system_packages.sh as root (make test does), or set CHROMIUM=/path/to/chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the Python package playwright is not installed (it is in the dev extra)")
    return Chromium(sync_playwright, executable)


# --------------------------------------------------------------------------- JupyterLab (make lab)

def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LabServer:
    """A running `make lab`: its base URL, the token it printed, what it printed, a GET helper for
    its REST API."""

    def __init__(self, base, log):
        self.base, self.log, self.token = base, log, None

    def url(self, path):
        sep = "&" if "?" in path else "?"
        return f"{self.base}{path}{sep}token={self.token}"

    def get(self, path):
        with urllib.request.urlopen(self.url(path), timeout=10) as response:
            return response.status, response.read().decode()

    def output(self):
        """What `make lab` printed so far (JupyterLab logs to stderr)."""
        return self.log.read_text(errors="replace")

    def printed_token(self):
        """The token in the address JupyterLab prints for the user to open (None until printed)."""
        found = re.search(rf"{re.escape(self.base)}/lab\?token=(\w+)", self.output())
        return found and found[1]


@contextlib.contextmanager
def running_lab(lab_dir=None, args=(), timeout=90):
    """`make lab` as the README starts it, on a free port, in its own process group (stopped with
    it, kernels included), probed on /api/status with the token it prints, as a new user would.
    ``lab_dir`` serves another directory than notebooks/ (the Makefile's LAB_DIR); ``args`` are
    extra JupyterLab flags (LAB_ARGS)."""
    port = _free_port()
    lab_args = " ".join([f"--no-browser --ip=127.0.0.1 --port={port}", *args])
    command = ["make", "-s", "lab", f"LAB_ARGS={lab_args}"]
    marker = None
    if lab_dir is not None:
        command.append(f"LAB_DIR={lab_dir}")
        marker = Path(lab_dir) / f"served-by-make-lab-{port}.txt"
        marker.write_text("")
    log = Path(tempfile.mkdtemp(prefix="make-lab-")) / "output.txt"
    with open(log, "w") as out:  # a file, not a pipe: nothing blocks when nobody reads it
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True, text=True)
    server = LabServer(f"http://127.0.0.1:{port}", log)
    try:
        deadline = time.monotonic() + timeout
        while True:
            server.token = server.printed_token()
            with contextlib.suppress(OSError):
                if server.token and server.get("/api/status"):
                    break
            if process.poll() is not None:
                pytest.fail(f"make lab exited with {process.returncode}:\n{server.output()}")
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not print its address with a token and answer on /api/status "
                            f"within {timeout} s:\n{server.output()}")
            time.sleep(0.5)
        if marker is not None:
            try:
                server.get(f"/api/contents/{marker.name}?content=0")
            except OSError:
                pytest.fail(f"make lab LAB_DIR={lab_dir} does not serve {lab_dir}: the Makefile's lab "
                            "target must pass --ServerApp.root_dir=$(LAB_DIR) (LAB_DIR ?= notebooks)")
        yield server
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        if marker is not None:
            marker.unlink(missing_ok=True)
        shutil.rmtree(log.parent, ignore_errors=True)


@pytest.fixture(scope="session")
def start_lab():
    """``with start_lab(lab_dir=None, args=()) as server:`` runs `make lab` (see running_lab)."""
    return running_lab
