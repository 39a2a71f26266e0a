"""Course tooling: building notebooks (build_notebooks), notebook surgery for tests (submissions)
and the instructor's grading pipeline over nbgrader (grading)."""
