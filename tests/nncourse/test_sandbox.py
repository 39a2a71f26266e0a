"""nncourse.sandbox: what a submission's process cannot reach, and that nothing it starts survives."""
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psutil

from nncourse import sandbox

ROOT = Path(__file__).resolve().parents[2]


def _run(code, timeout=30, **kwargs):
    """Run Python ``code`` in a sandbox; returns (exit status, stdout, why it was killed)."""
    args = sandbox.command([sys.executable, "-c", code], env=sandbox.base_env(), **kwargs)
    run = sandbox.Sandbox(args, deadline=timeout, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = run.process.communicate()[0].decode(errors="replace")
    run.close()
    return run.process.returncode, out, run.why_killed


def test_the_course_directory_and_homes_are_not_there():
    status, out, _ = _run(f"import os\nfor p in [{str(ROOT / 'solutions')!r}, {str(ROOT / 'gradebook.db')!r}, "
                          f"'/root/.ssh', '/home', '/work']:\n    print(p, os.path.exists(p))")
    assert status == 0, out
    assert f"{ROOT / 'solutions'} False" in out and f"{ROOT / 'gradebook.db'} False" in out
    assert "/root/.ssh False" in out


def test_it_writes_only_to_its_scratch_folder(tmp_path):
    code = ("import sys\nfor p in [sys.prefix + '/evil.py', '/usr/evil', 'mine.txt']:\n"
            "    try:\n        open(p, 'w').write('x'); print(p, 'written')\n"
            "    except OSError as e:\n        print(p, type(e).__name__)")
    status, out, _ = _run(code, scratch=tmp_path)
    assert status == 0, out
    assert "mine.txt written" in out and "evil.py written" not in out and "/usr/evil written" not in out
    assert (tmp_path / "mine.txt").read_text() == "x"
    assert not (Path(sys.prefix) / "evil.py").exists()


def test_no_network_not_even_the_graders_loopback():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        code = (f"import socket\ntry:\n    socket.create_connection(('127.0.0.1', {port}), timeout=2); print('connected')\n"
                "except OSError as e:\n    print('refused', type(e).__name__)")
        status, out, _ = _run(code)
    assert status == 0 and "refused" in out and "connected" not in out, out


def test_a_fork_bomb_is_stopped_with_everything_it_started():
    code = "import os, time\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        time.sleep(0.01)"
    start = time.monotonic()
    status, out, why = _run(code, timeout=60)
    assert status != 0 and "processes" in (why or ""), (status, out, why)
    assert time.monotonic() - start < 30


def test_a_detached_process_ends_with_its_sandbox():
    marker = f"nncourse-test-{uuid.uuid4().hex}"
    code = ("import subprocess, sys\n"
            f"subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)', {marker!r}],"
            " start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\nprint('started')")
    status, out, _ = _run(code)
    assert "started" in out, out
    time.sleep(0.5)
    survivors = [p for p in psutil.process_iter(["cmdline"]) if marker in " ".join(p.info["cmdline"] or [])]
    assert not survivors, f"still running after the sandbox ended: {survivors}"


def test_a_memory_bomb_fails_inside_the_sandbox():
    status, out, _ = _run("try:\n    x = bytearray(8 << 30); print('allocated')\nexcept MemoryError:\n    print('MemoryError')")
    assert "MemoryError" in out and "allocated" not in out, out


def test_a_process_past_its_deadline_is_killed():
    status, out, why = _run("import time\ntime.sleep(60)", timeout=1)
    assert status != 0 and "time limit" in why
