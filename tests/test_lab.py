"""`make lab` serves JupyterLab on notebooks/: started as the README says, probed, stopped."""
import pytest

from conftest import ROOT


@pytest.fixture
def lab(start_lab):
    with start_lab() as server:
        yield server


def test_make_lab_serves_the_course_notebooks(lab):
    status, body = lab.get("/api/status")
    assert status == 200 and '"started"' in body
    _, listing = lab.get("/api/contents")
    released = sorted(p.name for p in (ROOT / "notebooks").iterdir() if p.is_dir())
    assert released, "notebooks/ has no released assignments"
    for name in released:
        assert f'"name": "{name}"' in listing or f'"name":"{name}"' in listing
    status, page = lab.get("/lab")
    assert status == 200 and "JupyterLab" in page
