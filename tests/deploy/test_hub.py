"""The course on JupyterHub, end to end: deploy/setup.sh and deploy/jupyterhub_config.py with
the real jupyterhub and configurable-http-proxy (deploy/node_modules) on 127.0.0.1, real local
unix users logging in with their passwords (PAM), each server started as its user.

1. The instructor generates and releases 00_notation with the formgrader's REST API (what its
   buttons call). Two students log in, fetch it, write their answers through their server's
   contents API (one right, one with the bias forgotten in `affine` and a forgery that makes
   every check a no-op in the notebook's kernel) and submit, all through the assignment list
   extension's API (what the Assignments tab calls). The instructor collects, autogrades (the
   forgery gets the clean run's score, what the plain wrong answer gets, and the autograde log
   says the two runs disagree), runs `nbgrader list` in a JupyterLab terminal, generates and releases feedback;
   each student fetches feedback and sees only their own. Along the way: nobody can list or
   read anyone else's work, submissions, feedback or the instructor's course; a student has no
   formgrader and no access to the instructor's server; a unix user outside the course's groups
   cannot log in.
2. In Chromium: the instructor logs in; the formgrader page works in its own tab (and its link
   to an assignment's folder opens it), and the Formgrader tab inside JupyterLab is blank,
   blocked by JupyterHub's `frame-ancestors 'none'` (jupyter/nbgrader#1870, #1947; see
   deploy/README.md).
3. A second hub with per-user subdomains (NNHUB_SUBDOMAIN_HOST, on *.localhost): there the
   formgrader also works inside JupyterLab.

Needs root (users, PAM, setuid servers); skipped otherwise. Users and groups get random names
(nnhXXXX-...) and are deleted at the end with their homes and processes; the hubs' ports are
random free ones. Timings and screenshots go to artifacts/hub/.
"""
import html
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from nncourse.paths import ARTIFACTS, ROOT, SOLUTIONS

requests = pytest.importorskip("requests")

DEPLOY = ROOT / "deploy"
VENV_BIN = ROOT / ".venv" / "bin"
ASSIGNMENT = "00_notation"  # the smallest notebook
WRONG = ("affine", "return W @ X + b", "return W @ X  # forgot the bias")  # exercise, right, wrong
# put before the wrong affine: every check, visible or hidden, made a no-op in the notebook's own
# kernel, so that the notebook's run passes every test (nbgrader's own autograde would keep that)
FORGERY = """import importlib, sys
for _name in ("nnchecks.nb00_notation", "nnchecks.hidden.nb00_notation"):
    try:
        importlib.import_module(_name)
    except Exception:
        pass
for _name, _module in list(vars(sys)["modules"].items()):
    if _name.startswith("nnchecks"):
        for _attr in dir(_module):
            if _attr.startswith(("expect", "call", "compare", "check")):
                setattr(_module, _attr, lambda *a, **k: None)
"""
HUB_ARTIFACTS = ARTIFACTS / "hub"
LOCKED = ("solutions", "course", "tests", ".git")  # what deploy/setup.sh makes private to root
HIDDEN = ROOT / "nnchecks" / "hidden"  # readable by the instructors' group only
BROWSER_TIMEOUT = 90_000  # ms: a login spawns a server (about 10 s on a loaded 2-core machine)
TIMINGS = {}


@pytest.fixture(scope="module", autouse=True)
def _as_root(unavailable):
    if os.geteuid() != 0 or not shutil.which("useradd"):
        unavailable("creates unix users and runs JupyterHub as root: sudo make test-hub")


class timed:
    """``with timed("step"):`` records the step's wall time in TIMINGS (artifacts/hub/timings.txt)."""

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        self.start = time.monotonic()

    def __exit__(self, *exc):
        TIMINGS[self.name] = time.monotonic() - self.start


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(*cmd, check=True, **kwargs):
    result = subprocess.run(list(cmd), capture_output=True, text=True, **kwargs)
    if check and result.returncode:
        raise AssertionError(f"{' '.join(cmd)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result


def _as(user, *cmd):
    """Run a command as a course user (their uid, groups and environment)."""
    return _run("runuser", "-u", user, "--", *cmd, check=False)


# --------------------------------------------------------------------------- the site

class Course:
    """Users, groups and folders made by deploy/setup.sh, with random names, all removed after."""

    def __init__(self):
        tag = f"nnh{secrets.token_hex(2)}"
        self.base = Path(tempfile.mkdtemp(prefix="nnhub-"))
        self.base.chmod(0o755)  # the exchange lives in here
        self.instructor = f"{tag}-teacher"
        self.students = [f"{tag}-alice", f"{tag}-bob"]
        self.outsider = f"{tag}-guest"  # a unix user in neither course group
        self.passwords = {u: secrets.token_urlsafe(12) for u in [self.instructor, *self.students, self.outsider]}
        self.env = {
            "NNHUB_EXCHANGE": str(self.base / "exchange"),
            "NNHUB_STATE_DIR": str(self.base / "setup-state"),
            "NNHUB_INSTRUCTORS_GROUP": f"{tag}-instructors",
            "NNHUB_STUDENTS_GROUP": f"{tag}-students",
        }
        self.course_id = re.search(r"course_id\s*=\s*['\"]([^'\"]+)", (ROOT / "nbgrader_config.py").read_text())[1]
        self.logs = []
        # setup.sh closes these to other users; the test leaves the checkout as it found it
        self.repo_modes = {p: p.stat().st_mode & 0o7777 for p in (ROOT / n for n in LOCKED) if p.exists()}
        self.hidden = {p: (p.stat().st_mode & 0o7777, p.stat().st_gid) for p in [HIDDEN, *HIDDEN.rglob("*")]}

    @property
    def users(self):
        return [self.instructor, *self.students]

    def setup(self):
        with timed("setup.sh (users, exchange, course copy; npm ci of the proxy on first use)"):
            result = _run(str(DEPLOY / "setup.sh"), "--instructor", self.instructor,
                          "--students", " ".join(self.students), "--grant-traverse",
                          env=dict(os.environ, **self.env), timeout=900)
        self.logs.append(result.stdout + result.stderr)
        _run("useradd", "--create-home", "--shell", "/bin/bash", self.outsider)
        _run("chpasswd", input="".join(f"{u}:{p}\n" for u, p in self.passwords.items()))

    def teardown(self):
        users = [*self.users, self.outsider]
        _kill_processes_of(users)
        _run(str(DEPLOY / "setup.sh"), "--revoke-traverse", check=False, env=dict(os.environ, **self.env))
        for user in users:
            _run("userdel", "--remove", user, check=False)
        for group in (self.env["NNHUB_INSTRUCTORS_GROUP"], self.env["NNHUB_STUDENTS_GROUP"]):
            _run("groupdel", group, check=False)
        shutil.rmtree(self.base, ignore_errors=True)
        for path, mode in self.repo_modes.items():
            path.chmod(mode)
        for path, (mode, gid) in self.hidden.items():
            os.chown(path, -1, gid)
            path.chmod(mode)


def _kill_processes_of(users):
    """Stop every process of these (test-made) users, by pid: TERM, then KILL what is left."""
    uids = set()
    for user in users:
        try:
            uids.add(pwd.getpwnam(user).pw_uid)
        except KeyError:
            pass

    def pids():
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if entry.stat().st_uid in uids:
                        found.append(int(entry.name))
                except FileNotFoundError:
                    pass
        return found

    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in pids():
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        for _ in range(50):
            if not pids():
                return
            time.sleep(0.1)


class Hub:
    """deploy/jupyterhub_config.py run by the .venv's jupyterhub on random free ports."""

    def __init__(self, course, name, subdomains=False):
        self.course, self.name = course, name
        port = _free_port()
        # with per-user subdomains every user is at http://USER.localhost:PORT; Chromium sends
        # *.localhost to the loopback address by itself, and requests only talk to the hub
        self.url = f"http://{'localhost' if subdomains else '127.0.0.1'}:{port}"
        self.state = course.base / f"hub-{name}"
        self.log = course.base / f"hub-{name}.log"
        self.api_token = secrets.token_hex(32)
        self.env = {**os.environ, **course.env,
                    "NNHUB_STATE_DIR": str(self.state),
                    "NNHUB_BIND_URL": f"http://127.0.0.1:{port}",
                    "NNHUB_HUB_PORT": str(_free_port()),
                    "NNHUB_PROXY_API_PORT": str(_free_port()),
                    "NNHUB_API_TOKEN": self.api_token}
        if subdomains:
            self.env["NNHUB_SUBDOMAIN_HOST"] = self.url
        self.process = None

    def start(self):
        self.state.mkdir(mode=0o700)
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [str(VENV_BIN / "jupyterhub"), "-f", str(DEPLOY / "jupyterhub_config.py")],
                cwd=self.state, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"jupyterhub exited with {self.process.returncode}:\n{self.tail()}")
            try:
                if requests.get(f"{self.url}/hub/api/", timeout=2).status_code == 200:
                    return self
            except requests.ConnectionError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"the hub did not answer at {self.url} within 60 s:\n{self.tail()}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # the hub stops the users' servers and the proxy
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        HUB_ARTIFACTS.mkdir(parents=True, exist_ok=True)
        if self.log.exists():
            shutil.copy(self.log, HUB_ARTIFACTS / self.log.name)

    def tail(self, lines=60):
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:]) if self.log.exists() else ""

    def admin(self, method, path, **kwargs):
        return requests.request(method, f"{self.url}/hub/api{path}", timeout=60,
                                headers={"Authorization": f"token {self.api_token}"}, **kwargs)


class User:
    """A course member who logged in at the hub's login page and made an API token there."""

    def __init__(self, hub, name):
        self.hub, self.name = hub, name
        session = requests.Session()
        page = session.get(f"{hub.url}/hub/login", timeout=30)
        assert page.status_code == 200, page.text[:500]
        response = session.post(f"{hub.url}/hub/login", allow_redirects=False, timeout=60, data={
            "username": name, "password": hub.course.passwords[name], "_xsrf": session.cookies.get("_xsrf")})
        assert response.status_code == 302, f"{name} could not log in ({response.status_code}):\n{hub.tail()}"
        # a cookie-authenticated call to the hub's API carries the XSRF token, as the hub's pages do
        response = session.post(f"{hub.url}/hub/api/users/{name}/tokens", timeout=60,
                                headers={"X-XSRFToken": session.cookies.get("_xsrf", path="/hub/")},
                                json={"note": "test_hub", "expires_in": 3600})
        assert response.status_code == 201, response.text
        self.token = response.json()["token"]

    def hub_api(self, method, path, **kwargs):
        return requests.request(method, f"{self.hub.url}/hub/api{path}", timeout=60,
                                headers={"Authorization": f"token {self.token}"}, **kwargs)

    def server(self, method, path, **kwargs):
        """A request to this user's own server (or, with path=/user/OTHER/..., someone else's)."""
        path = path if path.startswith("/user/") else f"/user/{self.name}{path}"
        return requests.request(method, f"{self.hub.url}{path}", timeout=300,
                                headers={"Authorization": f"token {self.token}"}, **kwargs)

    def start_server(self):
        response = self.hub_api("POST", f"/users/{self.name}/server")
        assert response.status_code in (201, 202), response.text

    def wait_ready(self, timeout=180):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            server = self.hub_api("GET", f"/users/{self.name}").json()["servers"].get("", {})
            if server.get("ready"):
                return
            time.sleep(0.3)
        raise AssertionError(f"{self.name}'s server did not start in {timeout} s:\n{self.hub.tail()}")

    # the nbgrader extensions' REST APIs, as their JupyterLab panels call them
    def assignments(self, action=None):
        course_id = self.hub.course.course_id
        if action is None:
            response = self.server("GET", "/assignments", params={"course_id": course_id})
        else:
            response = self.server("POST", f"/assignments/{action}",
                                   data={"course_id": course_id, "assignment_id": ASSIGNMENT})
        assert response.status_code == 200, response.text
        result = response.json()
        assert result.get("success"), result
        return {(a["assignment_id"], a["status"]): a for a in result["value"]}

    def terminal(self, command, timeout=180):
        """Run a shell command in a terminal of this user's server (as in JupyterLab's Terminal);
        return what it printed."""
        import websocket  # websocket-client, a dependency of jupyter_server

        response = self.server("POST", "/api/terminals")
        assert response.status_code == 200, response.text
        name = response.json()["name"]
        url = f"ws{self.hub.url[4:]}/user/{self.name}/terminals/websocket/{name}"
        ws = websocket.create_connection(url, timeout=timeout, header=[f"Authorization: token {self.token}"])
        try:
            # the marker is printed as __DONE__ but echoed as __DO""NE__ when the line is typed
            ws.send(json.dumps(["stdin", f'{command}; echo __DO""NE__\r']))
            output, deadline = "", time.monotonic() + timeout
            while "__DONE__" not in output and time.monotonic() < deadline:
                kind, *data = json.loads(ws.recv())
                if kind == "stdout":
                    output += data[0]
        finally:
            ws.close()
            self.server("DELETE", f"/api/terminals/{name}")
        assert "__DONE__" in output, f"{command!r} did not finish in {timeout} s:\n{output}"
        return output

    def formgrader(self, method, path):
        response = self.server(method, f"/formgrader/api{path}")
        assert response.status_code == 200, f"{method} formgrader/api{path}: {response.status_code} {response.text[:500]}"
        result = response.json()
        if isinstance(result, dict) and "success" in result:
            assert result["success"], f"{path}: {result.get('error')}\n{result.get('log')}"
        return result


# --------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def course():
    site = Course()
    try:
        site.setup()
        yield site
    finally:
        site.teardown()
        HUB_ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (HUB_ARTIFACTS / "setup.log").write_text("".join(site.logs))
        (HUB_ARTIFACTS / "timings.txt").write_text(
            "tests/deploy/test_hub.py, wall time per step\n"
            + "".join(f"{seconds:7.1f} s  {step}\n" for step, seconds in TIMINGS.items()))


@pytest.fixture(scope="class")
def hub(course):
    server = Hub(course, "one-origin")
    try:
        with timed("hub start (one origin)"):
            server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="class")
def members(hub):
    """Everyone logged in, with their servers started at once (as a class arriving does)."""
    with timed("3 logins (PAM) + tokens"):
        people = {name: User(hub, name) for name in hub.course.users}
    with timed("3 servers started at once, until ready"):
        for person in people.values():
            person.start_server()
        for person in people.values():
            person.wait_ready()
    return people


def _solution_cells():
    nb = json.loads((SOLUTIONS / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text())
    answers, points = {}, {}
    for cell in nb["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        source = "".join(cell["source"])
        if meta.get("solution"):
            answers[meta["grade_id"]] = re.sub(r"(?m)^[ \t]*### (BEGIN|END) SOLUTION[^\n]*\n?", "", source)
        if meta.get("grade"):
            points[meta["grade_id"]] = float(meta.get("points", 0))
    return answers, points


def _answer(nb, answers, forged=False):
    """The released notebook ``nb`` filled in with the solutions, or with one of them wrong and
    the FORGERY before it."""
    exercise, right, mistake = WRONG
    for cell in nb["cells"]:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell["source"] = answers[grade_id]
            if forged and grade_id == exercise:
                assert right in cell["source"], f"the solution of {exercise} no longer has {right!r}"
                cell["source"] = FORGERY + cell["source"].replace(right, mistake)
    return nb


def _log_in(page, hub, name, next_path=""):
    page.goto(f"{hub.url}/hub/login" + (f"?next={next_path}" if next_path else ""))
    page.fill("#username_input", name)
    page.fill("#password_input", hub.course.passwords[name])
    page.click("#login_submit")


# --------------------------------------------------------------------------- tests

class TestOneOrigin:
    """The default deployment: one host name, every user under /user/NAME/."""

    def test_outsider_cannot_log_in(self, hub):
        session = requests.Session()
        session.get(f"{hub.url}/hub/login", timeout=30)
        response = session.post(f"{hub.url}/hub/login", allow_redirects=False, timeout=60, data={
            "username": hub.course.outsider, "password": hub.course.passwords[hub.course.outsider],
            "_xsrf": session.cookies.get("_xsrf")})
        assert response.status_code == 403, f"a user outside the course groups got {response.status_code}"

    def test_students_cannot_import_the_hidden_checks(self, hub):
        course = hub.course
        python = str(ROOT / ".venv" / "bin" / "python")
        probe = "import nnchecks.hidden.nb02_forward as h; print(h.__file__)"
        student = _as(course.students[0], python, "-c", probe)
        assert student.returncode != 0 and re.search("Permission|No module named", student.stderr), \
            student.stdout + student.stderr
        teacher = _as(course.instructor, python, "-c", probe)
        assert teacher.returncode == 0, teacher.stderr

    def test_release_fetch_submit_grade_feedback(self, hub, members):
        course = hub.course
        teacher = members[course.instructor]
        alice, bob = (members[s] for s in course.students)
        answers, points = _solution_cells()
        max_score = sum(points.values())
        lost = sum(p for g, p in points.items() if g == f"test_{WRONG[0]}" or g.startswith(f"test_{WRONG[0]}__"))

        # roles: the instructor is no hub admin; a student has no formgrader and no way into
        # the instructor's server
        assert not hub.admin("GET", f"/users/{course.instructor}").json()["admin"]
        assert alice.server("GET", "/formgrader/api/assignments").status_code == 404
        assert alice.server("GET", f"/user/{course.instructor}/api/contents").status_code == 403

        with timed("instructor: generate + release (formgrader API)"):
            teacher.formgrader("POST", f"/assignment/{ASSIGNMENT}/assign")
            teacher.formgrader("POST", f"/assignment/{ASSIGNMENT}/release")
        assert teacher.formgrader("GET", f"/assignment/{ASSIGNMENT}")["status"] == "released"

        with timed("2 students: list, fetch, write answers, submit"):
            for student, forged in ((alice, False), (bob, True)):
                assert (ASSIGNMENT, "released") in student.assignments()
                fetched = student.assignments("fetch")[(ASSIGNMENT, "fetched")]
                path = fetched["notebooks"][0]["path"]
                assert path == f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
                model = student.server("GET", f"/api/contents/{path}").json()
                nb = _answer(model["content"], answers, forged=forged)
                saved = student.server("PUT", f"/api/contents/{path}",
                                       json={"type": "notebook", "format": "json", "content": nb})
                assert saved.status_code == 200, saved.text
                submitted = student.assignments("submit")
                assert (ASSIGNMENT, "submitted") in submitted, submitted

        # the exchange and the homes: nobody lists or reads anyone else's work
        exchange = Path(course.env["NNHUB_EXCHANGE"]) / course.course_id
        inbound = sorted((exchange / "inbound").iterdir())
        assert [p.name.split("+")[0] for p in inbound] == sorted(course.students)
        alice_submission = next(p for p in inbound if p.name.startswith(alice.name + "+"))
        for user, target in [(bob.name, exchange / "inbound"),
                             (bob.name, Path("~" + alice.name).expanduser()),
                             (alice.name, Path("~" + course.instructor).expanduser() / course.course_id),
                             (alice.name, SOLUTIONS)]:
            listing = _as(user, "ls", str(target))
            assert listing.returncode != 0 and "Permission denied" in listing.stderr, \
                f"{user} can list {target}:\n{listing.stdout}"
        reading = _as(bob.name, "cat", str(Path("~" + alice.name).expanduser() / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"))
        assert reading.returncode != 0, "bob can read alice's notebook in her home"
        # (a submission itself is readable by its exact path, which has a random part nobody
        # else can learn: that is nbgrader's design; see deploy/README.md)
        assert re.search(r"\+[A-Za-z0-9_-]{8,}$", alice_submission.name), alice_submission.name

        with timed("instructor: collect"):
            log = teacher.formgrader("POST", f"/assignment/{ASSIGNMENT}/collect")["log"]
        assert log.count("Collecting submission") == 2, log
        with timed("instructor: autograde 2 submissions (formgrader API, one at a time)"):
            logs = {student.name: teacher.formgrader("POST", f"/submission/{ASSIGNMENT}/{student.name}/autograde")["log"]
                    for student in (alice, bob)}
        # the course's grading, not nbgrader's own: bob's forgery fooled his notebook's own run,
        # and he gets what the plain wrong answer gets, the clean run's score
        scores = {s["student"]: s for s in teacher.formgrader("GET", f"/submissions/{ASSIGNMENT}")}
        assert {n: (s["score"], s["max_score"]) for n, s in scores.items()} == {
            alice.name: (max_score, max_score), bob.name: (max_score - lost, max_score)}, logs
        assert f"{bob.name}: test_{WRONG[0]}: the notebook's run passed it, the clean run failed it" in logs[bob.name], \
            logs[bob.name]
        assert "the clean run" not in logs[alice.name], logs[alice.name]
        assert not any(s["needs_manual_grade"] for s in scores.values())

        # the instructor's terminal (a plain bash: a login shell's /etc/profile would reset PATH)
        # runs the course environment's nbgrader, configured with the course and the exchange
        with timed("instructor: nbgrader list in a JupyterLab terminal"):
            shown = teacher.terminal(f"nbgrader list --inbound {ASSIGNMENT}")
        for student in (alice, bob):
            assert re.search(rf"{course.course_id} {re.escape(student.name)} {ASSIGNMENT}", shown), shown

        with timed("instructor: generate + release feedback"):
            teacher.formgrader("POST", f"/assignment/{ASSIGNMENT}/generate_feedback")
            log = teacher.formgrader("POST", f"/assignment/{ASSIGNMENT}/release_feedback")["log"]
        assert log.count("Releasing feedback for student") == 2, log
        listing = _as(bob.name, "ls", str(exchange / "feedback"))
        assert listing.returncode != 0, f"a student can list the released feedback:\n{listing.stdout}"

        with timed("2 students: fetch feedback, read it"):
            feedback, pages = {}, {}
            for student in (alice, bob):
                student.assignments("fetch_feedback")
                folder = student.server("GET", f"/api/contents/{ASSIGNMENT}/feedback").json()["content"]
                assert len(folder) == 1, f"{student.name} has feedback folders {[f['name'] for f in folder]}"
                files = student.server("GET", f"/api/contents/{folder[0]['path']}").json()["content"]
                assert [f["name"] for f in files] == [f"{ASSIGNMENT}.html"], files
                page = student.server("GET", f"/api/contents/{files[0]['path']}",
                                      params={"type": "file", "format": "text"}).json()["content"]
                feedback[student.name] = html.unescape(re.sub(r"<[^>]+>", "", page))  # as shown
                pages[student.name] = page
        for student, score in {alice.name: max_score, bob.name: max_score - lost}.items():
            page = feedback[student]
            assert f"Score: {score:.1f} / {max_score:.1f}" in page, f"{student}'s feedback has not their score"
            assert "_hidden(" not in page, f"{student}'s feedback shows hidden tests"
        assert WRONG[2] in feedback[bob.name] and WRONG[2] not in feedback[alice.name], \
            "each student's feedback must show their own answers, and only theirs"
        (HUB_ARTIFACTS).mkdir(parents=True, exist_ok=True)
        (HUB_ARTIFACTS / "feedback-wrong-answer.html").write_text(pages[bob.name])

    def test_formgrader_in_the_browser(self, hub, members, chromium):
        teacher = hub.course.instructor
        # JupyterHub's own header on every page of a single-user server (jupyterhub/singleuser)
        header = members[teacher].server("GET", "/formgrader").headers.get("Content-Security-Policy", "")
        assert "frame-ancestors 'none'" in header, header
        with chromium.sync_playwright() as playwright, timed("browser: log in, formgrader in its own tab and in Lab"):
            browser = playwright.chromium.launch(**chromium.launch_options)
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.set_default_timeout(BROWSER_TIMEOUT)
                console = []
                page.on("console", lambda message: console.append(message.text))
                _log_in(page, hub, teacher)
                page.wait_for_url(f"**/user/{teacher}/lab**")

                # in its own tab: the full formgrader, with the released assignment
                page.goto(f"{hub.url}/user/{teacher}/formgrader")
                page.get_by_role("heading", name="Manage Assignments").wait_for()
                row = page.locator("#main-table tr", has_text=ASSIGNMENT)
                row.wait_for()
                page.screenshot(path=str(HUB_ARTIFACTS / "formgrader-own-tab.png"), full_page=True)
                # its link to the assignment's folder: /tree/... outside /user/NAME/, which the
                # hub sends on to the instructor's server (deploy/jupyterhub_config.py)
                with page.expect_popup() as opened:
                    row.get_by_role("link", name=ASSIGNMENT, exact=True).click()
                folder = opened.value
                folder.wait_for_url(f"**/user/{teacher}/tree/{hub.course.course_id}/solutions/{ASSIGNMENT}**")
                folder.get_by_text(f"{ASSIGNMENT}.ipynb").first.wait_for()
                folder.close()

                # inside JupyterLab: the iframe is refused by frame-ancestors 'none'
                page.goto(f"{hub.url}/user/{teacher}/lab?formgrader=true")
                page.locator("#formgrader-iframe iframe").wait_for()
                deadline = time.monotonic() + 30
                while not any("frame-ancestors 'none'" in m for m in console) and time.monotonic() < deadline:
                    page.wait_for_timeout(200)
                page.screenshot(path=str(HUB_ARTIFACTS / "formgrader-in-lab-one-origin.png"))
                assert any("frame-ancestors 'none'" in m for m in console), (
                    "the Formgrader tab in JupyterLab was not blocked: if JupyterHub or nbgrader "
                    "changed, update deploy/README.md (formgrader section). Console:\n" + "\n".join(console))
                inner = page.frame_locator("#formgrader-iframe iframe")
                assert inner.get_by_role("heading", name="Manage Assignments").count() == 0
            finally:
                browser.close()


class TestSubdomains:
    """NNHUB_SUBDOMAIN_HOST: one origin per user, and the formgrader inside JupyterLab."""

    def test_formgrader_inside_jupyterlab(self, course, chromium):
        hub = Hub(course, "subdomains", subdomains=True)
        teacher = course.instructor
        try:
            with timed("hub start (subdomains)"):
                hub.start()
            with chromium.sync_playwright() as playwright, timed("browser: log in (spawns), formgrader inside Lab"):
                browser = playwright.chromium.launch(**chromium.launch_options)
                try:
                    page = browser.new_page(viewport={"width": 1400, "height": 900})
                    page.set_default_timeout(BROWSER_TIMEOUT)
                    _log_in(page, hub, teacher)
                    page.wait_for_url(f"**/user/{teacher}/lab**")
                    own_origin = f"http://{teacher}.localhost:{hub.url.rsplit(':', 1)[1]}"
                    assert page.url.startswith(own_origin), page.url
                    page.goto(f"{own_origin}/user/{teacher}/lab?formgrader=true")
                    inner = page.frame_locator("#formgrader-iframe iframe")
                    inner.get_by_role("heading", name="Manage Assignments").wait_for()
                    inner.locator("#main-table tr", has_text=ASSIGNMENT).wait_for()
                    page.screenshot(path=str(HUB_ARTIFACTS / "formgrader-in-lab-subdomains.png"))
                finally:
                    browser.close()
            # the instructor's server (and only theirs: NNHUB_FRAME_SELF) allows its own origin
            port = hub.url.rsplit(":", 1)[1]
            headers = requests.get(f"http://127.0.0.1:{port}/user/{teacher}/api/status", timeout=30,
                                   allow_redirects=False, headers={"Host": f"{teacher}.localhost:{port}"}).headers
            assert headers.get("Content-Security-Policy", "").startswith("frame-ancestors 'self'"), headers
        finally:
            hub.stop()
