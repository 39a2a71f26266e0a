"""nbgrader as the course runs it: its configuration, hardened, and two fixed preprocessors.

:func:`prepare` applies the process-wide adjustments (a cached schema version, quieter
warnings); the command line and :class:`nncourse.course.Course` call it, importing does nothing.
:func:`harden` adds what grading relies on whatever a configuration says: the course's
``nbgrader_config.py`` calls it on itself, so every nbgrader that reads the file (the
formgrader, the ``nbgrader`` command) grades as nn-autograde does; :func:`load_config` reads the
file and hardens it again with its overrides (harden changes nothing the second time).
"""
import contextlib
import functools
import warnings
from pathlib import Path

import nbgrader.api
from nbgrader import utils as nbgrader_utils
from nbgrader.converters import Autograde, GenerateFeedback
from nbgrader.preprocessors import Execute, NbGraderPreprocessor, OverwriteCells, SaveAutoGrades
from traitlets import Unicode
from traitlets.config import Config, LazyConfigValue, PyFileConfigLoader
from traitlets.utils.importstring import import_item

from nncourse import submissions as subs
from nncourse.clean_grades import SaveCleanGrades
from nncourse.notebook_run import SandboxedExecute
from nncourse.paths import ROOT

CONFIG_FILE = "nbgrader_config.py"
# Files a submission must not bring next to the notebook it is graded with: the kernel runs in
# that directory, which comes first on sys.path, so a module there (nnlib.py, or a package
# nnlib/ with its __init__.py) shadows the installed one and can fake the checks. nbgrader's
# collect, autograde and feedback steps skip files matching CourseDirectory.ignore (a package
# folder without its .py files is at most a namespace package, which never shadows a real one).
IMPORTABLE = ["*.py", "*.so", "*.pyd"]
DB_TIMEOUT = 60  # seconds a gradebook connection waits for SQLite's write lock


def prepare():
    """Process-wide adjustments to nbgrader; calling it again changes nothing.

    nbgrader asks a subprocess (``alembic heads``) for the schema version every time it creates
    a gradebook, about 2 s each, and the answer cannot change while we run: it is cached. Its
    autoflush warnings about half-created submissions of notebooks that failed to grade are
    silenced.
    """
    if not hasattr(nbgrader.api.get_alembic_version, "cache_info"):
        nbgrader.api.get_alembic_version = functools.lru_cache(maxsize=None)(nbgrader.api.get_alembic_version)
    warnings.filterwarnings("ignore", message=r".*not in session.*")


def load_config(root=ROOT, **overrides):
    """The course's nbgrader configuration, read from ``root/nbgrader_config.py``, hardened.

    ``overrides`` are dotted trait names, e.g. ``load_config(root, **{"Execute.timeout": 5})``.
    """
    root = Path(root).resolve()
    config = PyFileConfigLoader(CONFIG_FILE, path=str(root)).load_config() if (root / CONFIG_FILE).exists() else Config()
    config.CourseDirectory.root = str(root)
    for name, value in overrides.items():
        section, trait = name.rsplit(".", 1)
        setattr(config[section], trait, value)
    return harden(config)


def harden(config):
    """Settings our pipeline relies on whatever the course file says (see IMPORTABLE, DB_TIMEOUT):
    the notebook's own run in a sandbox (SandboxedExecute), the clean run's scores saved
    (nncourse.clean_grades.SaveCleanGrades), deleted test cells restored (RestoreCells), no
    hidden test or script in feedback. ``config``, changed; a hardened one is not changed again."""
    coursedir = config.CourseDirectory
    ignore = list(coursedir.ignore) if "ignore" in coursedir else [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]
    coursedir.ignore = ignore + [p for p in IMPORTABLE if p not in ignore]
    autograde = config.Autograde
    # the notebook runs in a sandbox, never here, and the gradebook gets the clean run's scores,
    # whatever steps the course file lists (nbgrader's by default)
    for trait, swaps in (("sanitize_preprocessors", {OverwriteCells: RestoreCells}),
                         ("autograde_preprocessors", {Execute: SandboxedExecute, SaveAutoGrades: SaveCleanGrades})):
        default = Autograde.class_traits()[trait].default()
        listed = autograde[trait] if trait in autograde else default
        listed = listed.get_value(default) if isinstance(listed, LazyConfigValue) else listed
        autograde[trait] = [swaps.get(_step_class(p), p) for p in listed]
    config.HTMLExporter.sanitize_html = True  # no script or raw HTML of a learner's in feedback
    feedback = config.GenerateFeedback
    steps = list(feedback.preprocessors) if "preprocessors" in feedback else \
        GenerateFeedback.class_traits()["preprocessors"].default()
    names = [p if isinstance(p, str) else f"{p.__module__}.{p.__name__}" for p in steps]
    if not any(n.endswith("ClearHiddenTracebacks") for n in names):
        where = [i for i, n in enumerate(names) if n.endswith("ClearHiddenTests")]
        if not where:  # nbgrader's default feedback shows hidden tests: never let it
            steps.append("nbgrader.preprocessors.ClearHiddenTests")
            where = [len(steps) - 1]
        steps.insert(where[0], ClearHiddenTracebacks)
        feedback.preprocessors = steps
    if "db_url" not in coursedir:
        coursedir.db_url = f"sqlite:///{Path(coursedir.root) / 'gradebook.db'}?timeout={DB_TIMEOUT}"
    return config


def _step_class(step):
    """The class of a preprocessor listed in the configuration (a class, or nbgrader's by name)."""
    if isinstance(step, str) and step.startswith("nbgrader."):
        with contextlib.suppress(ImportError, AttributeError):
            return import_item(step)
    return step


class RestoreCells(OverwriteCells):
    """nbgrader's OverwriteCells, with its restoring of deleted test cells fixed.

    nbgrader 0.9.6 puts a deleted test cell back right after the cell that precedes it in the
    source notebook and raises KeyError when that cell is gone too (an empty notebook, or an
    exercise deleted with its tests): the submission is then not graded at all. Here a restored
    cell goes after the nearest earlier cell that is still there (or first).
    """

    def add_missing_grade_cells(self, nb, resources):
        source_nb = self.gradebook.find_notebook(self.notebook_id, self.assignment_id)
        source_cells = source_nb.source_cells
        order = [cell.name for cell in source_cells]
        solution_ids = {cell.name for cell in source_nb.solution_cells}
        for grade_cell in source_nb.grade_cells:
            present = {subs.nbgrader_meta(c)["grade_id"]: i for i, c in enumerate(nb.cells)
                       if nbgrader_utils.is_grade(c) or nbgrader_utils.is_solution(c)}
            if grade_cell.name in present:
                continue
            self.log.warning(f"Missing grade cell {grade_cell.name} encountered, adding to notebook")
            position = order.index(grade_cell.name)
            restored = self.missing_cell_transform(source_cells[position], grade_cell.max_score,
                                                   is_solution=grade_cell.name in solution_ids)
            if grade_cell.name not in {c.get("id") for c in nb.cells}:
                restored["id"] = grade_cell.name
            earlier = [present[name] for name in order[:position] if name in present]
            nb.cells.insert(max(earlier) + 1 if earlier else 0, restored)
        return nb, resources


class ClearHiddenTracebacks(NbGraderPreprocessor):
    """Feedback: an error in a test cell with hidden tests is shown as its message only.

    ClearHiddenTests removes the hidden lines from the cell's source but not from its outputs,
    and an IPython traceback quotes the lines around the failing one: a test cell that fails
    with a NameError (the learner renamed or deleted the function) shows the hidden tests right
    below the visible ones in the feedback HTML. Must run before ClearHiddenTests (it looks for
    the marker); nnchecks' CheckFailed already renders as its message alone.
    """

    marker = Unicode("BEGIN HIDDEN TESTS", help="what marks a hidden test region").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and self.marker in cell.source:
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    output["traceback"] = [f"\x1b[0;31m{output.get('ename', 'Error')}\x1b[0m: {output.get('evalue', '')}"]
        return cell, resources
