"""`make lab` serves JupyterLab on notebooks/: started as the README says, probed, stopped."""
import json
import urllib.error
import urllib.request

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


def test_only_the_status_answers_without_the_token(lab):
    """tools/lab/lab_status.py: a script can see the lab is up; nothing else is open."""
    with urllib.request.urlopen(f"{lab.base}/api/status", timeout=10) as response:
        assert response.status == 200
        assert set(json.loads(response.read())) == {"started", "last_activity", "kernels", "connections"}
    for path in ("/api/contents", "/api/kernels", "/api/sessions"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{lab.base}{path}", timeout=10)
        assert refused.value.code == 403, path


def test_the_lab_asks_nothing_about_news_or_updates(lab):
    """tools/lab/overrides.json: no news pop-up over the first notebook, no request to the internet."""
    _, body = lab.get("/lab/api/settings/@jupyterlab/apputils-extension:notification")
    defaults = json.loads(body)["schema"]["properties"]  # JupyterLab applies overrides.json to the defaults
    assert defaults["fetchNews"]["default"] == "false" and defaults["checkForUpdates"]["default"] is False
