"""Where the course is: the repository an editable install runs from, and its folders."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]  # the course repository (pip install -e .)
SOURCES = ROOT / "course"          # NN_name.py: the notebooks' sources (nn-build)
SOLUTIONS = ROOT / "solutions"     # NN_name/NN_name.ipynb: instructor notebooks (nbgrader's source)
NOTEBOOKS = ROOT / "notebooks"     # NN_name/NN_name.ipynb: the released notebooks
ARTIFACTS = ROOT / "artifacts"     # benchmark and test reports, screenshots


def assignments(folder=SOLUTIONS):
    """Names NN_name of the assignments with a notebook NN_name/NN_name.ipynb in ``folder``, sorted."""
    return sorted(p.parent.name for p in Path(folder).glob("[0-9][0-9]_*/*.ipynb") if p.stem == p.parent.name)
