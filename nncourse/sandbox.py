"""A disposable sandbox for a submission's code: Debian's bubblewrap (``bwrap``).

The process inside sees the system's libraries and the course's Python environment read-only,
an empty ``/tmp`` and, if asked, one scratch folder of its own; not the course directory, the
gradebook, other submissions or anyone's home. It has no network (its own empty network
namespace), its own process and IPC namespaces (it cannot signal or see the grader's processes),
no capabilities, and the limits below. Everything it starts, detached or not, lives in its
process namespace and ends when the sandbox is killed: the namespace's first process is killed
with bwrap, and the kernel kills the rest with it.
"""
import contextlib
import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

MEMORY_LIMIT = 4 << 30  # bytes of address space per process
FILE_LIMIT = 256 << 20  # bytes any one file written may reach
TMP_SIZE = 512 << 20  # bytes of the sandbox's /tmp
MAX_PROCESSES = 64  # processes a sandbox may hold; a fork bomb fails to fork, or is killed
CGROUP_ROOTS = ("/sys/fs/cgroup/pids", "/sys/fs/cgroup")  # cgroup v1's pids hierarchy, cgroup v2
SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
ETC_FILES = ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives",
             "/etc/localtime", "/etc/nsswitch.conf", "/etc/fonts", "/etc/mime.types")


class SandboxUnavailable(RuntimeError):
    """bubblewrap is missing or cannot create namespaces on this machine."""


def bwrap():
    """The bwrap executable, or SandboxUnavailable saying how to install it."""
    path = shutil.which("bwrap")
    if path is None:
        raise SandboxUnavailable("grading runs submissions in a sandbox and needs bubblewrap: "
                                 "`apt-get install bubblewrap` (Debian, Ubuntu), then grade again")
    return path


def python_dirs():
    """The directories the sandbox's Python needs: its installation and the environment."""
    return sorted({str(Path(sys.base_prefix).resolve()), str(Path(sys.prefix).resolve())})


def package_dir(name):
    """Where package ``name`` (e.g. "nnlib") is imported from, without importing it."""
    import importlib.util

    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SandboxUnavailable(f"package {name} is not installed")
    return str(Path(list(spec.submodule_search_locations)[0]).resolve())


# Optional packages a sandboxed Python is better off without: ``rfc3987_syntax`` builds a grammar
# for 2 s whenever jsonschema (and so nbformat) is imported, and jsonschema does without it;
# ``debugpy`` costs every kernel a few tenths of a second to start, for a debugger no grading uses.
SLOW_PACKAGES = ("rfc3987_syntax", "debugpy")


def slow_imports():
    """The folders of SLOW_PACKAGES in this environment (hidden in the sandbox)."""
    import importlib.util

    folders = []
    for name in SLOW_PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec and spec.submodule_search_locations:
            folders += list(spec.submodule_search_locations)
    return folders


def command(argv, *, read_only=(), hidden=(), scratch=None, env=None):
    """The bwrap command line that runs ``argv`` inside a sandbox.

    read_only : directories visible read-only (besides the system and the Python environment)
    hidden : directories replaced by an empty folder (e.g. the hidden checks, inside a visible tree)
    scratch : a directory the sandbox may write to, mounted at the same path and used as cwd
    env : the sandbox's environment variables (nothing else is inherited)
    """
    args = [bwrap(), "--unshare-all", "--unshare-user", "--uid", "65534", "--gid", "65534", "--cap-drop", "ALL",
            "--die-with-parent", "--new-session", "--proc", "/proc", "--dev", "/dev",
            "--size", str(TMP_SIZE), "--tmpfs", "/tmp"]
    for path in SYSTEM_DIRS:
        if os.path.islink(path):
            args += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            args += ["--ro-bind", path, path]
    for path in ETC_FILES:
        args += ["--ro-bind-try", path, path]
    for path in [*python_dirs(), *read_only]:
        args += ["--ro-bind", str(path), str(path)]
    for path in [*hidden, *slow_imports()]:
        if os.path.isdir(path):
            args += ["--tmpfs", str(path)]
    if scratch is not None:
        args += ["--bind", str(scratch), str(scratch), "--chdir", str(scratch)]
    else:
        args += ["--chdir", "/tmp"]
    args += ["--clearenv"]
    for key, value in (env or {}).items():
        args += ["--setenv", key, str(value)]
    return args + ["--", *argv]


def base_env():
    """The environment a sandboxed Python runs with."""
    return {"PATH": f"{Path(sys.prefix) / 'bin'}:/usr/bin:/bin", "HOME": "/tmp", "LANG": "C.UTF-8",
            "MPLBACKEND": "Agg", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
            "PYTHONDONTWRITEBYTECODE": "1", "NBGRADER_EXECUTION": "autograde"}


def _pids_cgroup():
    """A new cgroup that holds at most MAX_PROCESSES processes, or None where this machine
    lets us make none (then the watchdog alone stops a fork bomb)."""
    for root in CGROUP_ROOTS:
        group = Path(root) / f"nncourse-{os.getpid()}-{time.monotonic_ns()}"
        try:
            group.mkdir()
        except OSError:
            continue
        try:
            (group / "pids.max").write_text(str(MAX_PROCESSES))
            return group
        except OSError:
            with contextlib.suppress(OSError):
                group.rmdir()
    return None


def _limits(cgroup):
    def apply():  # runs in the child between fork and exec
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_LIMIT, FILE_LIMIT))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if cgroup is not None:
            (cgroup / "cgroup.procs").write_text(str(os.getpid()))

    return apply


class Sandbox:
    """A running sandboxed process; ``kill()`` ends it with everything it started.

    A watchdog thread kills it when it holds more than MAX_PROCESSES processes or outlives
    ``deadline`` seconds; ``why_killed`` then says which.
    """

    def __init__(self, args, *, deadline=None, pass_fds=(), stdout=subprocess.DEVNULL,
                 stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL):
        self.cgroup = _pids_cgroup()
        self.process = subprocess.Popen(args, pass_fds=pass_fds, stdin=stdin, stdout=stdout, stderr=stderr,
                                        start_new_session=True, preexec_fn=_limits(self.cgroup))
        self.why_killed = None
        self.deadline = time.monotonic() + deadline if deadline else None
        self._stop = threading.Event()
        self._watchdog = threading.Thread(target=self._watch, daemon=True)
        self._watchdog.start()

    def extend(self, seconds):
        """Give the sandbox ``seconds`` more from now (a new call into it starts)."""
        self.deadline = time.monotonic() + seconds

    def _refused_forks(self):
        """How often the cgroup refused a new process (0 without a cgroup)."""
        try:
            events = (self.cgroup / "pids.events").read_text().split() if self.cgroup else []
        except OSError:
            return 0
        return int(events[events.index("max") + 1]) if "max" in events else 0

    def _count(self):
        try:
            return 1 + len(psutil.Process(self.process.pid).children(recursive=True))
        except psutil.Error:
            return 0

    def _watch(self):
        while not self._stop.wait(0.05):
            if self.process.poll() is not None:
                return
            if self._refused_forks() or self._count() > MAX_PROCESSES:
                self.kill(f"it started more than {MAX_PROCESSES} processes")
            elif self.deadline is not None and time.monotonic() > self.deadline:
                self.kill("it ran past its time limit")

    def kill(self, why="stopped"):
        if self.process.poll() is None and self.why_killed is None:
            self.why_killed = why
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)

    def close(self):
        self._stop.set()
        self.kill()
        if self.cgroup is not None:
            for _ in range(50):  # the kernel empties the group a moment after the kill
                try:
                    self.cgroup.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.02)
