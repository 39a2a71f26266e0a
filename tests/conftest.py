"""Shared by the tests: the repository root, the course's assignments,
and the per-notebook execution times that test_autograde records (printed at the end of the run
and written to artifacts/notebook_times.txt)."""
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# One folder per test run (xdist workers inherit the id from the controller), so that runs in
# parallel on one checkout do not mix their notebook times.
RUN = os.environ.setdefault("COURSE_TEST_RUN", f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}")
TIMES = ROOT / "artifacts" / "notebook_times" / RUN


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


_retry_nbval_kernel_start()


def solution_assignments():
    """Assignments with a solution notebook, e.g. ['00_notation', '02_forward']."""
    return sorted(p.parent.name for p in (ROOT / "solutions").glob("[0-9][0-9]_*/*.ipynb")
                  if p.stem == p.parent.name)


def pytest_terminal_summary(terminalreporter):
    """The times test_autograde wrote in this run; run folders older than a day are removed."""
    for old in TIMES.parent.glob("*") if TIMES.parent.is_dir() else []:
        if old != TIMES and old.is_dir() and old.stat().st_mtime < time.time() - 86400:
            shutil.rmtree(old, ignore_errors=True)
    rows = sorted(p.read_text() for p in TIMES.glob("*.txt")) if TIMES.is_dir() else []
    if not rows:
        return
    text = ("notebook execution times (autograde of the solution: kernel start + every cell, "
            "NBGRADER_EXECUTION set)\n" + "".join(rows))
    (ROOT / "artifacts" / "notebook_times.txt").write_text(text)
    terminalreporter.section("notebook times")
    terminalreporter.write(text)


# --------------------------------------------------------------------------- Chromium (Playwright)

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Headless on a machine without network: no GPU, no sandbox (root in containers), and none of
# Chromium's background connections (which hang or flood the log on a closed network).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


def unavailable(reason):
    """Fail under CI (the test must run there), skip with the reason elsewhere."""
    import pytest

    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def sync_playwright_with_chromium():
    """Playwright's ``sync_playwright``, once Debian's Chromium and the playwright package are there."""
    if not os.path.exists(CHROMIUM):
        unavailable(f"Chromium is not installed at {CHROMIUM} (Debian's chromium package): run "
                    "tools/install_chromium.sh as root (make test does), or set CHROMIUM=/path/to/chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the Python package playwright is not installed (it is in the dev extra)")
    return sync_playwright


# --------------------------------------------------------------------------- JupyterLab (make lab)

import contextlib  # noqa: E402
import os  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402

import pytest  # noqa: E402

LAB_TOKEN = "test-token"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LabServer:
    """A running `make lab`: its base URL and a GET helper for its REST API."""

    def __init__(self, base, token):
        self.base, self.token = base, token

    def url(self, path):
        sep = "&" if "?" in path else "?"
        return f"{self.base}{path}{sep}token={self.token}"

    def get(self, path):
        with urllib.request.urlopen(self.url(path), timeout=10) as response:
            return response.status, response.read().decode()


@contextlib.contextmanager
def running_lab(lab_dir=None, args=(), timeout=90):
    """`make lab` as the README starts it, on a free port with a fixed token, in its own process
    group (stopped with it, kernels included). ``lab_dir`` serves another directory than
    notebooks/ (the Makefile's LAB_DIR); ``args`` are extra JupyterLab flags (LAB_ARGS)."""
    port = _free_port()
    lab_args = " ".join([f"--no-browser --ip=127.0.0.1 --port={port} --IdentityProvider.token={LAB_TOKEN}",
                         *args])
    command = ["make", "-s", "lab", f"LAB_ARGS={lab_args}"]
    marker = None
    if lab_dir is not None:
        command.append(f"LAB_DIR={lab_dir}")
        marker = Path(lab_dir) / f"served-by-make-lab-{port}.txt"
        marker.write_text("")
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               start_new_session=True, text=True)
    server = LabServer(f"http://127.0.0.1:{port}", LAB_TOKEN)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                server.get("/api/status")
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"make lab exited with {process.returncode}:\n{process.stdout.read()}")
                if time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not answer on /api/status within {timeout} s")
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


@pytest.fixture(scope="session")
def start_lab():
    """``with start_lab(lab_dir=None, args=()) as server:`` runs `make lab` (see running_lab)."""
    return running_lab
