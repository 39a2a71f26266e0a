"""environment.yml (conda, Binder) stays in step with pyproject.toml and requirements.lock: every
runtime dependency (pyproject's dependencies and its course extra, which the notebooks and the
playground need) is in environment.yml, and every pin, wherever it is written, is the lock's."""
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s;]+)$")


def _name(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(lines):
    return {_name(m[1]): m[2] for m in map(PIN.match, (line.strip() for line in lines)) if m}


def _environment():
    return _pins(line.strip().removeprefix("- ") for line in (ROOT / "environment.yml").read_text().splitlines())


def _lock():
    return _pins((ROOT / "requirements.lock").read_text().splitlines())


def _pyproject(*extras):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = list(project["dependencies"])
    for extra in extras:
        requirements += project["optional-dependencies"][extra]
    return _pins(r for r in requirements if "==" in r)


def test_every_runtime_dependency_is_in_environment_yml_with_the_same_pin():
    environment = _environment()
    runtime = _pyproject("course")
    missing = sorted(set(runtime) - set(environment))
    assert not missing, f"environment.yml lacks {missing} (pyproject.toml has them)"
    differ = {n: (v, environment[n]) for n, v in runtime.items() if environment[n] != v}
    assert not differ, f"pyproject.toml and environment.yml pin differently: {differ}"


def test_every_pin_is_the_locked_version():
    lock = _lock()
    for where, pins in (("pyproject.toml", _pyproject("course", "dev", "hub", "bench")),
                        ("environment.yml", _environment())):
        unlocked = sorted(set(pins) - set(lock) - {"nnlib"})
        assert not unlocked, f"{where} pins {unlocked}, which requirements.lock lacks"
        differ = {n: (v, lock[n]) for n, v in pins.items() if n in lock and lock[n] != v}
        assert not differ, f"{where} and requirements.lock pin differently (theirs, the lock's): {differ}"
