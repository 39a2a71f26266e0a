"""deploy/ without a hub (fast, any user): the Kubernetes values carry the same configuration as
the one-server set-up, the hub configuration reads as intended, the proxy is pinned, and the
Kubernetes image never holds solutions. tests/deploy/test_hub.py runs the real thing."""
import json
import re
import tomllib

import pytest
import yaml
from traitlets.config import Config

from nncourse.paths import ROOT

DEPLOY = ROOT / "deploy"


def _values():
    return yaml.safe_load((DEPLOY / "z2jh-values.yaml").read_text())


def test_kubernetes_values_carry_the_same_config_files():
    files = _values()["singleuser"]["extraFiles"]
    mounted = {spec["mountPath"]: spec for spec in files.values()}
    local = sorted(p for p in (DEPLOY / "jupyter").rglob("*") if p.is_file())
    assert local, "deploy/jupyter is empty"
    for path in local:
        mount = f"/etc/nn-course/{path.relative_to(DEPLOY / 'jupyter')}"
        assert mount in mounted, f"{path.relative_to(ROOT)} is not in z2jh-values.yaml's singleuser.extraFiles"
        spec = mounted[mount]
        if path.suffix == ".json":
            assert spec.get("data") == json.loads(path.read_text()), f"{mount} differs from {path.relative_to(ROOT)}"
        else:
            assert spec.get("stringData") == path.read_text(), f"{mount} differs from {path.relative_to(ROOT)}"


def test_kubernetes_hook_compiles_and_roles_match():
    values = _values()
    for name, code in values["hub"]["extraConfig"].items():
        compile(code, f"hub.extraConfig.{name}", "exec")
    groups = values["hub"]["config"]["JupyterHub"]["load_groups"]
    assert set(groups) == {"nn-instructors", "nn-students"}
    mounts = [m["mountPath"] for m in values["singleuser"]["storage"]["extraVolumeMounts"]]
    assert "/srv/nbgrader/exchange" in mounts


def test_kubernetes_image_has_no_solutions():
    text = (DEPLOY / "singleuser.Dockerfile").read_text()
    copied = {word for line in text.splitlines() if line.startswith("COPY")
              for word in line.split()[1:] if not word.startswith("--")}
    assert copied, "no COPY lines in deploy/singleuser.Dockerfile"
    for private in ("solutions", "course", "tests", ".git", "."):
        assert private not in copied, f"the students' image copies {private}"
    assert "nnchecks" in copied and "RUN rm -rf nnchecks/hidden" in text, "the hidden checks must stay out of the image"
    packages = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]["find"]["include"]
    missing = [p.rstrip("*") for p in packages if p.rstrip("*") not in copied]
    assert not missing, f"the students' image lacks the packages {missing} that pyproject.toml installs"


def test_proxy_is_pinned_and_locked():
    wanted = json.loads((DEPLOY / "package.json").read_text())["dependencies"]["configurable-http-proxy"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", wanted), f"configurable-http-proxy is not pinned: {wanted}"
    lock = json.loads((DEPLOY / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/configurable-http-proxy"]["version"] == wanted


def _load_hub_config(tmp_path, monkeypatch, **env):
    for name, value in {"NNHUB_STATE_DIR": str(tmp_path / "state"), **env}.items():
        monkeypatch.setenv(name, value)
    config = Config()
    namespace = {"get_config": lambda: config, "__file__": str(DEPLOY / "jupyterhub_config.py")}
    exec(compile((DEPLOY / "jupyterhub_config.py").read_text(), "jupyterhub_config.py", "exec"), namespace)
    return config, namespace


def test_hub_config_defaults(tmp_path, monkeypatch):
    monkeypatch.delenv("NNHUB_API_TOKEN", raising=False)
    monkeypatch.delenv("NNHUB_SUBDOMAIN_HOST", raising=False)
    c, ns = _load_hub_config(tmp_path, monkeypatch)
    assert c.JupyterHub.authenticator_class == "pam"
    assert c.PAMAuthenticator.allowed_groups == {"nn-instructors", "nn-students"}
    assert c.Authenticator.admin_users == set()
    assert c.Spawner.cmd[0].endswith("/bin/jupyterhub-singleuser")
    assert c.ConfigurableHTTPProxy.command == [str(DEPLOY / "node_modules" / ".bin" / "configurable-http-proxy")]
    assert c.Spawner.environment["NNHUB_COURSE_ID"] == ns["course_id_of"](ROOT / "nbgrader_config.py")
    assert "subdomain_host" not in c.JupyterHub and "services" not in c.JupyterHub
    assert c.JupyterHub.hub_bind_url.startswith("http://127.0.0.1:")


def test_hub_config_roles(tmp_path, monkeypatch):
    c, ns = _load_hub_config(tmp_path, monkeypatch, NNHUB_SUBDOMAIN_HOST="https://hub.example.edu",
                             NNHUB_API_TOKEN="x" * 32)
    assert c.JupyterHub.subdomain_host == "https://hub.example.edu"
    assert c.JupyterHub.services[0]["name"] == "nn-course-admin"

    class Spawner:  # what the hook reads and writes
        def __init__(self, name):
            self.user = type("User", (), {"name": name})()
            self.environment = {}

    monkeypatch.setitem(ns, "members", lambda group: {"nn-instructors": {"root"}, "nn-students": {"nobody"}}[group])
    ns["pre_spawn"](teacher := Spawner("root"))
    assert teacher.environment["JUPYTER_CONFIG_PATH"].split(":") == [
        str(DEPLOY / "jupyter" / "instructor"), str(DEPLOY / "jupyter" / "common")]
    assert teacher.environment["NNHUB_FRAME_SELF"] == "1"
    ns["pre_spawn"](student := Spawner("nobody"))
    assert student.environment["JUPYTER_CONFIG_PATH"].startswith(str(DEPLOY / "jupyter" / "student"))
    assert "NNHUB_FRAME_SELF" not in student.environment
    with pytest.raises(RuntimeError, match="neither"):
        ns["pre_spawn"](Spawner("daemon"))
