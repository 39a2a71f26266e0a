"""`make lab` serves JupyterLab on notebooks/: started as the README says, probed, stopped."""
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read().decode()


@pytest.fixture
def lab():
    port = _free_port()
    args = f"--no-browser --ip=127.0.0.1 --port={port} --IdentityProvider.token=test-token"
    process = subprocess.Popen(["make", "-s", "lab", f"LAB_ARGS={args}"], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               start_new_session=True, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                _get(f"{base}/api/status?token=test-token")
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"make lab exited with {process.returncode}:\n{process.stdout.read()}")
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not answer on /api/status within 60 s")
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_make_lab_serves_the_course_notebooks(lab):
    status, body = _get(f"{lab}/api/status?token=test-token")
    assert status == 200 and '"started"' in body
    _, listing = _get(f"{lab}/api/contents?token=test-token")
    released = sorted(p.name for p in (ROOT / "notebooks").iterdir() if p.is_dir())
    assert released, "notebooks/ has no released assignments"
    for name in released:
        assert f'"name": "{name}"' in listing or f'"name":"{name}"' in listing
    status, page = _get(f"{lab}/lab?token=test-token")
    assert status == 200 and "JupyterLab" in page
