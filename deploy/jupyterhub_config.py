"""JupyterHub for a class on one server: an instructor, students, nbgrader's exchange.

Run as root from the repository (after `sudo deploy/setup.sh ...`, see deploy/README.md):

    sudo .venv/bin/jupyterhub -f deploy/jupyterhub_config.py

What it sets up:

* Real local unix users, logged in with their unix password (PAM). Who may log in, and who is
  an instructor, is unix group membership: the groups `nn-instructors` and `nn-students` that
  deploy/setup.sh creates and fills (`NNHUB_INSTRUCTORS_GROUP`, `NNHUB_STUDENTS_GROUP`).
* Every user's server is JupyterLab from this repository's .venv (nbgrader, nnlib and the
  pinned course environment), started as that user in their home directory.
* nbgrader's exchange in `NNHUB_EXCHANGE` (default /srv/nbgrader/exchange); its settings reach
  every server through JUPYTER_CONFIG_PATH (deploy/jupyter/common, plus deploy/jupyter/student or
  deploy/jupyter/instructor for the user's role), so nothing is written to /etc/jupyter.
* Students get the Assignments tab (fetch, validate, submit, fetch feedback) and not the
  instructor tools. The instructor gets the formgrader on their own server, on the course copy
  that setup.sh made in their home (~/nn-from-scratch): /user/INSTRUCTOR/formgrader.

The formgrader and JupyterHub >= 4.1 (jupyter/nbgrader#1870, #1947): JupyterLab shows the
formgrader in an iframe, and JupyterHub's single-user servers send
`Content-Security-Policy: frame-ancestors 'none'`, so that tab stays blank. Allowing
`frame-ancestors 'self'` is only safe when every user has their own origin; on a hub where all
users share one origin it would let any page a student serves under /user/STUDENT/ frame the
instructor's server and act as the instructor. So:

* default (one host name): the formgrader is opened in its own browser tab,
  https://HUB/user/INSTRUCTOR/formgrader, where it works fully; the in-Lab tab stays blank.
* `NNHUB_SUBDOMAIN_HOST=https://hub.example.edu` (needs wildcard DNS and a wildcard TLS
  certificate for *.hub.example.edu): every user gets their own origin
  (https://alice.hub.example.edu), and the instructor's server allows `frame-ancestors 'self'`,
  so the formgrader also works inside JupyterLab.

Settings come from environment variables (all optional), so the same file serves a real
deployment and tests/deploy/test_hub.py:

    NNHUB_BIND_URL           public URL the proxy listens on           http://:8000
    NNHUB_SUBDOMAIN_HOST     per-user subdomains (see above)           unset
    NNHUB_HUB_PORT           hub's internal port (127.0.0.1)            8081
    NNHUB_PROXY_API_PORT     proxy's REST API port (127.0.0.1)          8001
    NNHUB_STATE_DIR          hub database, cookie secret, proxy pid     /srv/jupyterhub
    NNHUB_EXCHANGE           nbgrader exchange root                     /srv/nbgrader/exchange
    NNHUB_COURSE_ID          nbgrader course id                         from nbgrader_config.py
    NNHUB_INSTRUCTORS_GROUP  unix group of instructors                  nn-instructors
    NNHUB_STUDENTS_GROUP     unix group of students                     nn-students
    NNHUB_API_TOKEN          if set: a service `nn-course-admin` with this token that may
                             manage users, servers and tokens (automation, tests)
    NNHUB_PROXY_AUTH_TOKEN   token between hub and proxy (default: generated per start)
    NNHUB_SSL_CERT, NNHUB_SSL_KEY   TLS certificate and key files for NNHUB_BIND_URL=https://...
                             (or terminate TLS in a reverse proxy in front of the hub)
"""
import grp
import os
import pwd
import re
import sys
from pathlib import Path

from tornado.web import RedirectHandler

c = get_config()  # noqa: F821 (provided by traitlets)

DEPLOY = Path(__file__).resolve().parent
REPO = DEPLOY.parent
VENV_BIN = Path(sys.prefix) / "bin"  # the environment jupyterhub runs in: the course's .venv


def env(name, default):
    return os.environ.get(name) or default


def course_id_of(config_file):
    """The course id that the course's nbgrader_config.py sets."""
    match = re.search(r"course_id\s*=\s*['\"]([^'\"]+)['\"]", config_file.read_text())
    return match.group(1) if match else "course"


STATE = Path(env("NNHUB_STATE_DIR", "/srv/jupyterhub"))
EXCHANGE = env("NNHUB_EXCHANGE", "/srv/nbgrader/exchange")
COURSE_ID = env("NNHUB_COURSE_ID", course_id_of(REPO / "nbgrader_config.py"))
INSTRUCTORS = env("NNHUB_INSTRUCTORS_GROUP", "nn-instructors")
STUDENTS = env("NNHUB_STUDENTS_GROUP", "nn-students")
SUBDOMAIN_HOST = env("NNHUB_SUBDOMAIN_HOST", "")
STATE.mkdir(parents=True, exist_ok=True, mode=0o700)

# --------------------------------------------------------------------------- network
c.JupyterHub.bind_url = env("NNHUB_BIND_URL", "http://:8000")
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{env('NNHUB_HUB_PORT', '8081')}"
if SUBDOMAIN_HOST:
    c.JupyterHub.subdomain_host = SUBDOMAIN_HOST
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env('NNHUB_PROXY_API_PORT', '8001')}"
c.ConfigurableHTTPProxy.command = [str(DEPLOY / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")
if os.environ.get("NNHUB_PROXY_AUTH_TOKEN"):
    c.ConfigurableHTTPProxy.auth_token = os.environ["NNHUB_PROXY_AUTH_TOKEN"]

if os.environ.get("NNHUB_SSL_CERT") and os.environ.get("NNHUB_SSL_KEY"):
    c.JupyterHub.ssl_cert = os.environ["NNHUB_SSL_CERT"]
    c.JupyterHub.ssl_key = os.environ["NNHUB_SSL_KEY"]

# The formgrader, opened in its own tab, links an assignment's folders as /tree/PATH, without the
# /user/NAME/ prefix (nbgrader's linkTo, jupyter/nbgrader#1794): those requests reach the hub,
# which sends them on to the user's own server. (extra_handlers is deprecated since JupyterHub
# 3.1, with a warning at start, but has no replacement for a path outside /hub/ and /services/.)
c.JupyterHub.extra_handlers = [
    (r"/(tree|notebooks|edit)/(.*)", RedirectHandler, {"url": "/hub/user-redirect/{0}/{1}"}),
]

# --------------------------------------------------------------------------- state
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")

# --------------------------------------------------------------------------- who may log in
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.allowed_groups = {INSTRUCTORS, STUDENTS}
# pam_open_session needs a full login stack (utmp, systemd-logind); none of it matters here.
c.PAMAuthenticator.open_sessions = False
# Nobody is a hub admin: the instructor needs no access to students' servers.
c.Authenticator.admin_users = set()


def members(group):
    try:
        entry = grp.getgrnam(group)
    except KeyError:
        return set()
    return set(entry.gr_mem) | {p.pw_name for p in pwd.getpwall() if p.pw_gid == entry.gr_gid}


# --------------------------------------------------------------------------- users' servers
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [str(VENV_BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 60
c.Spawner.environment = {
    # the course environment first; nbgrader also shells out to its `alembic`
    "PATH": f"{VENV_BIN}:/usr/local/bin:/usr/bin:/bin",
    "NNHUB_EXCHANGE": EXCHANGE,
    "NNHUB_COURSE_ID": COURSE_ID,
    # many users share the cores: one BLAS thread per kernel (the course's matrices are small)
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
}


def role_of(username):
    if username in members(INSTRUCTORS):
        return "instructor"
    if username in members(STUDENTS):
        return "student"
    return None


def pre_spawn(spawner):
    """Per-role configuration: deploy/jupyter/ROLE then deploy/jupyter/common."""
    name = spawner.user.name
    role = role_of(name)
    if role is None:
        raise RuntimeError(f"{name} is in neither {INSTRUCTORS} nor {STUDENTS}")
    environment = dict(spawner.environment)  # this spawner's own
    environment["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
        [str(DEPLOY / "jupyter" / role), str(DEPLOY / "jupyter" / "common")])
    if role == "instructor":
        home = Path(pwd.getpwnam(name).pw_dir)
        environment["NNHUB_COURSE_DIR"] = str(home / COURSE_ID)
        # one origin per user: the instructor's own Lab may frame its formgrader
        environment["NNHUB_FRAME_SELF"] = "1" if SUBDOMAIN_HOST else ""
    spawner.environment = environment


c.Spawner.pre_spawn_hook = pre_spawn

# --------------------------------------------------------------------------- automation
if os.environ.get("NNHUB_API_TOKEN"):
    c.JupyterHub.services = [{"name": "nn-course-admin", "api_token": os.environ["NNHUB_API_TOKEN"]}]
    c.JupyterHub.load_roles = [{
        "name": "nn-course-admin",
        "description": "create users, start and stop their servers, issue their tokens",
        "scopes": ["admin:users", "admin:servers", "tokens", "read:hub"],
        "services": ["nn-course-admin"],
    }]
