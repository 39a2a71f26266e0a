"""nncourse/cli.py and the other entry points: each nn-* command of pyproject.toml is a function of
the packages, the Makefile's targets run them with the README's arguments, and one runs for real."""
import importlib
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import nbformat
import pytest

from nncourse import build_notebooks
from nncourse.course import temporary_course
from nncourse.paths import ROOT

SCRIPTS = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
BIN = Path(sys.executable).parent


@pytest.mark.parametrize("name", SCRIPTS)
def test_every_entry_point_is_a_function_of_the_packages(name):
    module, function = SCRIPTS[name].split(":")
    assert callable(getattr(importlib.import_module(module), function)), SCRIPTS[name]
    assert (BIN / name).exists(), f"{name} is not installed in {BIN}: pip install -e '.[dev]'"


# make TARGET VARIABLES -> the command it runs (README, "Instructor guide" and "Working on your own")
MAKE = [("release", "A=03_cost EXCHANGE=1", "nn-release 03_cost --exchange"),
        ("release", "", "nn-release"),
        ("collect", "A=03_cost", "nn-collect 03_cost"),
        ("zip-collect", "A=03_cost ZIP=download.zip", "nn-zip-collect 03_cost download.zip"),
        ("autograde", "A=03_cost GRADE_JOBS=4", "nn-autograde 03_cost --jobs 4"),
        ("feedback", "A=03_cost EXCHANGE=1", "nn-feedback 03_cost --release"),
        ("grades", "", "nn-grades --out grades.csv"),
        ("grades", "LMS=canvas", "nn-grades --format canvas --out grades-canvas.csv"),
        ("grades", "LMS=moodle", "nn-grades --format moodle --out grades-moodle.csv"),
        ("report", "A=03_cost", "nn-report 03_cost"),
        ("report", "", "nn-report"),
        ("check", "NB=03_cost", "nn-check 03_cost"),
        ("solution", "NB=03_cost", "nn-solution 03_cost"),
        ("solutions", "", "nn-build")]


@pytest.mark.parametrize("target, variables, command", MAKE)
def test_the_makefile_runs_the_entry_points(target, variables, command):
    result = subprocess.run(["make", "-n", "--no-print-directory", target, *variables.split()], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    ran = [re.sub(r"^\S*/", "", line.strip()) for line in result.stdout.splitlines()]
    assert command in [" ".join(line.split()) for line in ran], result.stdout


def test_a_step_that_needs_an_assignment_says_so():
    result = subprocess.run(["make", "-n", "collect"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "say which assignment: make collect A=03_cost" in result.stderr


def test_release_runs_from_the_command_line(tmp_path):
    """nn-release --course DIR, as a new process from the repository root."""
    course = temporary_course(parent=tmp_path)
    source = course.path("source_directory", ".", "toy")
    source.mkdir(parents=True)
    nbformat.write(build_notebooks.notebook_from_source(ROOT / "tests" / "fixtures" / "toy.py"), source / "toy.ipynb")
    result = subprocess.run([BIN / "nn-release", "--course", str(course.root)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "toy: 1 notebook(s), 3 exercises, 6 points -> notebooks/toy/" in result.stdout
    assert (course.path("release_directory", ".", "toy") / "toy.ipynb").exists()


def test_release_of_an_unknown_assignment_fails_with_nbgraders_reason(tmp_path, capsys):
    from nncourse import cli

    course = temporary_course(parent=tmp_path)
    assert cli.release(["--course", str(course.root), "99_nothing"]) == 1
    out = capsys.readouterr().out
    assert "99_nothing: generate_assignment FAILED\n" in out and "No notebooks were matched" in out, out
