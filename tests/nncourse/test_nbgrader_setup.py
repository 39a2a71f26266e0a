"""nncourse/nbgrader_setup.py: the course's nbgrader configuration, hardened, and its fixes (no kernels)."""
import copy
import os
import subprocess
import sys

import nbformat
from nbgrader.preprocessors import AssignLatePenalties, Execute, SaveAutoGrades
from traitlets.config import PyFileConfigLoader

from nncourse import nbgrader_setup
from nncourse.clean_grades import SaveCleanGrades
from nncourse.course import temporary_course
from nncourse.notebook_run import SandboxedExecute
from nncourse.paths import ROOT


def test_grading_configuration_is_hardened(tmp_path):
    course = temporary_course(parent=tmp_path, overrides={"Execute.timeout": 7})
    config = course.config
    assert config.Execute.timeout == 7  # the override, written into the course's file
    assert "c.Execute.timeout = 7" in (course.root / "nbgrader_config.py").read_text()
    assert config.CourseDirectory.root == str(course.root)
    assert {"*.py", "*.so"} <= set(config.CourseDirectory.ignore)
    assert nbgrader_setup.RestoreCells in config.Autograde.sanitize_preprocessors
    steps = config.GenerateFeedback.preprocessors
    assert steps.index(nbgrader_setup.ClearHiddenTracebacks) < steps.index("nbgrader.preprocessors.ClearHiddenTests")
    assert config.CourseDirectory.db_url.endswith("gradebook.db?timeout=60")
    # the course's own settings are kept
    assert config.OverwriteCells.add_missing_cells is True
    assert config.Execute.raise_on_iopub_timeout is False


def test_the_course_file_hardens_itself_once(tmp_path):
    """What any nbgrader reads from the course's file (the formgrader, the `nbgrader` command) is
    already hardened; nn-autograde's load_config hardens it again, which changes nothing."""
    course = temporary_course(parent=tmp_path)
    read = PyFileConfigLoader(nbgrader_setup.CONFIG_FILE, path=str(course.root)).load_config()
    steps = read.Autograde.autograde_preprocessors
    assert SandboxedExecute in steps and Execute not in steps
    assert steps.index(SaveCleanGrades) < steps.index(AssignLatePenalties) and SaveAutoGrades not in steps
    assert nbgrader_setup.RestoreCells in read.Autograde.sanitize_preprocessors
    assert nbgrader_setup.ClearHiddenTracebacks in read.GenerateFeedback.preprocessors
    assert read.HTMLExporter.sanitize_html is True
    assert read.CourseDirectory.db_url == f"sqlite:///{course.root / 'gradebook.db'}?timeout=60"
    before = copy.deepcopy(read)
    assert nbgrader_setup.harden(read) == before
    for section in ("Autograde", "CourseDirectory", "GenerateFeedback", "HTMLExporter"):
        assert course.config[section] == before[section], section


def test_the_course_file_without_nncourse_makes_autograde_fail(tmp_path):
    """Read by an nbgrader outside the course's environment (here: an nncourse that cannot be
    imported), the file keeps its own settings and lists a grading step that cannot be loaded,
    so autograde fails instead of keeping the notebook's own, forgeable, scores."""
    (tmp_path / "nncourse").mkdir()
    (tmp_path / "nncourse" / "__init__.py").write_text("raise ImportError('not the course environment')\n")
    script = ("from traitlets.config import PyFileConfigLoader\n"
              f"c = PyFileConfigLoader('nbgrader_config.py', path={str(ROOT)!r}).load_config()\n"
              "print(c.CourseDirectory.source_directory, c.Autograde.autograde_preprocessors)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                            cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert result.stdout.split() == ["solutions", "['nncourse.clean_grades.SaveCleanGrades']"], result.stderr


def test_grading_steps_listed_by_the_course_are_swapped_too(tmp_path):
    (tmp_path / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        "c.Autograde.autograde_preprocessors = ['nbgrader.preprocessors.Execute', 'nbgrader.preprocessors.SaveAutoGrades']\n")
    config = nbgrader_setup.load_config(tmp_path)
    assert config.Autograde.autograde_preprocessors == [SandboxedExecute, SaveCleanGrades]


def test_a_course_without_feedback_settings_still_hides_hidden_tests(tmp_path):
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\n")
    steps = [p if isinstance(p, str) else p.__name__ for p in nbgrader_setup.load_config(tmp_path).GenerateFeedback.preprocessors]
    [clear] = [i for i, name in enumerate(steps) if name.endswith("ClearHiddenTests")]
    assert steps.index("ClearHiddenTracebacks") < clear, steps


def test_hidden_tracebacks_are_cut_to_their_message():
    cell = nbformat.v4.new_code_cell("check(f)\n### BEGIN HIDDEN TESTS\nsecret(f)\n### END HIDDEN TESTS")
    cell.outputs = [nbformat.v4.new_output("error", ename="NameError", evalue="name 'f' is not defined",
                                           traceback=["----> 1 check(f)", "      2 ### BEGIN HIDDEN TESTS", "      3 secret(f)"])]
    cell, _ = nbgrader_setup.ClearHiddenTracebacks().preprocess_cell(cell, {}, 0)
    assert cell.outputs[0]["traceback"] == ["\x1b[0;31mNameError\x1b[0m: name 'f' is not defined"]


def test_importing_changes_nothing_until_prepare():
    """nbgrader's schema lookup is cached by prepare() only, and once however often it is called;
    reading the course's file (which imports nncourse to harden itself) does not call it."""
    script = ("import nbgrader.api, nncourse.cli, nncourse.course\n"
              "from traitlets.config import PyFileConfigLoader\n"
              f"PyFileConfigLoader('nbgrader_config.py', path={str(ROOT)!r}).load_config()\n"
              "before = hasattr(nbgrader.api.get_alembic_version, 'cache_info')\n"
              "nncourse.nbgrader_setup.prepare()\n"
              "cached = nbgrader.api.get_alembic_version\n"
              "nncourse.nbgrader_setup.prepare()\n"
              "print(before, hasattr(cached, 'cache_info'), nbgrader.api.get_alembic_version is cached)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["False", "True", "True"], result.stderr
