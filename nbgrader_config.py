"""nbgrader configuration of the course: read from the directory nbgrader runs in (this one).

Layout: solutions/NN_name/NN_name.ipynb (instructor source) is released as
notebooks/NN_name/NN_name.ipynb; one assignment per numbered notebook.
"""
import os

# Grading kernels inherit this: the course's matrices are small, threaded OpenBLAS only adds
# overhead and thrashes when several kernels grade at once (stored outputs use one thread too).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

c = get_config()  # noqa: F821 (provided by traitlets when nbgrader loads this file)

c.CourseDirectory.course_id = "nn-from-scratch"
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "notebooks"
# Assignments are registered in the gradebook as they are generated.
c.GenerateAssignment.create_assignment = True

# Grading must finish whatever a submission does: each cell gets 60 s, an infinite loop is
# interrupted, and a cell that floods output or kills its kernel does not stop the notebook.
c.Execute.timeout = 60
c.Execute.interrupt_on_timeout = True
c.Execute.raise_on_iopub_timeout = False
c.Execute.execute_retries = 0
# The grading kernels listen on loopback only; without this, each one writes ipykernel's
# "running over TCP without encryption" warning into the grading logs.
c.Execute.extra_arguments = ["--IPKernelApp.log_level=ERROR"]

# Test cells a student deleted come back from the gradebook; edited ones are overwritten.
c.OverwriteCells.add_missing_cells = True

# Feedback shows the visible tests only: hidden tests are removed before rendering.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]

# Solution stubs raise NotImplementedError, which the checks turn into a clear message.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}

# What grading relies on, for every nbgrader that reads this file (the formgrader's buttons, the
# `nbgrader` command, nn-autograde): the notebook's own run in a sandbox, the gradebook holding
# the clean run's scores, no hidden test or script in feedback (nncourse.nbgrader_setup.harden).
# Outside the course's environment, where nncourse is not installed beside nbgrader, autograde
# fails ("No module named 'nncourse'") instead of keeping scores a submission could forge.
try:
    from nncourse.nbgrader_setup import harden
except ImportError:
    c.Autograde.autograde_preprocessors = ["nncourse.clean_grades.SaveCleanGrades"]
else:
    harden(c)
