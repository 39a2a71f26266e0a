"""`make lab` serves JupyterLab on notebooks/: started as the README says, probed with its token, stopped."""
import json
import urllib.error
import urllib.request

import pytest

from nncourse.paths import NOTEBOOKS


@pytest.fixture(scope="module")
def lab(start_lab):
    with start_lab() as server:
        yield server


def test_make_lab_serves_the_course_notebooks(lab):
    _, listing = lab.get("/api/contents")
    released = sorted(p.name for p in NOTEBOOKS.iterdir() if p.is_dir())
    assert released, "notebooks/ has no released assignments"
    for name in released:
        assert f'"name": "{name}"' in listing or f'"name":"{name}"' in listing
    status, page = lab.get("/lab")
    assert status == 200 and "JupyterLab" in page


def test_the_token_it_prints_opens_the_status(lab):
    """The address a new user copies from the terminal (http://127.0.0.1:PORT/lab?token=...) has
    the token that /api/status, and every other URL, asks for."""
    token = lab.printed_token()
    with urllib.request.urlopen(f"{lab.base}/api/status?token={token}", timeout=10) as response:
        assert response.status == 200
        assert {"started", "last_activity", "kernels", "connections"} <= set(json.loads(response.read()))


@pytest.mark.parametrize("path", ["/api/status", "/api/contents", "/api/kernels", "/api/sessions"])
@pytest.mark.parametrize("token", [None, "not-the-token"])
def test_nothing_answers_without_the_token(lab, path, token):
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{lab.base}{path}" + (f"?token={token}" if token else ""), timeout=10)
    assert refused.value.code == 403, path


def test_the_lab_asks_nothing_about_news_or_updates(lab):
    """tools/lab/overrides.json: no news pop-up over the first notebook, no request to the internet."""
    _, body = lab.get("/lab/api/settings/@jupyterlab/apputils-extension:notification")
    defaults = json.loads(body)["schema"]["properties"]  # JupyterLab applies overrides.json to the defaults
    assert defaults["fetchNews"]["default"] == "false" and defaults["checkForUpdates"]["default"] is False
