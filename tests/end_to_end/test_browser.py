"""The released notebooks in JupyterLab, in a real browser, as a student meets them.

One `make lab` (serving a temporary copy of notebooks/, so the repository is never touched) and
one headless Chromium driven by Playwright, for all notebooks. For each released notebook:

1. open it and run all cells from the command palette ("Run All Cells"): one Run All goes
   through the whole unsolved notebook, because its failing test cells are tagged
   raises-exception (nncourse/build_notebooks.py); should it stop at a cell that raises, go on from
   there ("Run Selected Cell and All Below") until every cell has run, and report the stop;
2. on the page: every test cell of an unsolved exercise shows our own short message (the
   checks' CheckFailed, "... is not implemented yet"), not a traceback wall; no other cell
   fails or writes to stderr; test cells are read-only (typing into one changes nothing);
   every figure of the solution notebook renders as an image;
3. save with Ctrl+S and check the same in the saved .ipynb;
4. type the worked solution of the first exercise into its solution cell, run it and its tests
   with Shift+Enter, see them pass, and save.

Then `nbgrader validate` on the saved notebooks (the first one by default, every one with
BROWSER_VALIDATE=all; its exit status is 0 whatever the tests do, nbgrader #1908, so its output
is read): only the unsolved exercises fail. The toolbar's "Validate" button (nbgrader's lab
extension) says the same in the browser. And nnlib.train(progress=True) shows one progress-bar
widget, not lines of text.

Screenshots go to artifacts/screenshots/ (NAME.png: the first failing test; NAME-solved.png:
the solved exercise), step times to artifacts/browser_times.txt. Chromium is Debian's package
(tools/install_system_packages.sh); Playwright never downloads a browser. Without Chromium or
Playwright these tests skip, except under CI=true, where they fail and say why.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import pytest

from nncourse.paths import ARTIFACTS, NOTEBOOKS, ROOT, SOLUTIONS, assignments

SCREENSHOTS = ARTIFACTS / "screenshots"
RELEASED = assignments(NOTEBOOKS)
TIMEOUT = 180_000  # ms for any one wait: one notebook's cells, on a loaded 2-core machine
MAX_MESSAGE_HEIGHT = 120  # px: our CheckFailed message is one to three lines
TRACEBACK_WALL = "Traceback (most recent call last)"
OUR_MESSAGE = re.compile(r"CheckFailed|not implemented yet")
SOLVED = {}  # name -> (saved notebook, solved exercise, ids of its test cells), for validate
TIMES = {}   # name -> {step: seconds}


# --------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def course_copy(tmp_path_factory):
    """A copy of notebooks/ that the browser may change."""
    copy = tmp_path_factory.mktemp("browser") / "notebooks"
    shutil.copytree(NOTEBOOKS, copy, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return copy


@pytest.fixture(scope="module")
def browser(chromium):
    """Playwright's Chromium: Debian's /usr/bin/chromium, never a downloaded one."""
    with chromium.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            tempfile.mkdtemp(prefix="chromium-profile-"), viewport={"width": 1400, "height": 900},
            **chromium.launch_options)
        try:
            yield context
        finally:
            context.close()


@pytest.fixture(scope="module")
def lab(start_lab, course_copy, tmp_path_factory, browser):
    state = tmp_path_factory.mktemp("lab-state")
    # every cell attached and drawn, not only those in view (JupyterLab's default skips drawing
    # off-screen cells, and the checks below read editors and images of the whole notebook)
    tracker = state / "settings" / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}))
    args = ["--LabApp.expose_app_in_browser=True",  # window.jupyterapp, to read the notebook's state
            f"--LabApp.workspaces_dir={state / 'workspaces'}",  # not the user's ~/.jupyter
            f"--LabApp.user_settings_dir={state / 'settings'}"]
    with start_lab(course_copy, args) as server:
        yield server


@pytest.fixture(scope="module")
def page(lab, browser):
    page = browser.pages[0] if browser.pages else browser.new_page()
    page.set_default_timeout(TIMEOUT)
    page.goto(lab.url("/lab"))
    page.wait_for_function("window.jupyterapp && window.jupyterapp.shell")
    page.evaluate("window.jupyterapp.restored")
    page.evaluate(HELPERS)
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "browser_times.txt").write_text(
        "browser test: seconds per step for each notebook (JupyterLab + Chromium)\n" + "".join(
            f"{name:<20} {sum(v for k, v in steps.items() if k != 'stops'):6.1f} s  " + ", ".join(f"{k} {v}" for k, v in steps.items()) + "\n"
            for name, steps in TIMES.items()))


# --------------------------------------------------------------------------- the page's state

# window.nb: the current notebook as JupyterLab's models and widgets see it.
HELPERS = """() => {
  const nb = {};
  nb.panel = () => window.jupyterapp.shell.currentWidget;
  nb.cells = () => nb.panel().content.widgets;
  // Every execute_reply the kernel sends (ok, error, or aborted after an error), and when the
  // kernel last said anything: a run of N cells is over when N more replies came and the kernel
  // is idle (JupyterLab's own "running" marks are cleared early when a cell fails).
  nb.watch = () => {
    const kernel = nb.panel().sessionContext.session.kernel;
    if (kernel.__watched) return;
    kernel.__watched = true;
    nb.replies = 0; nb.heard = Date.now();
    kernel.anyMessage.connect((_, args) => {
      nb.heard = Date.now();
      if (args.direction === 'recv' && args.msg.header.msg_type === 'execute_reply') nb.replies += 1;
    });
  };
  // Replies short of the target count as finished only after this long without a word from the
  // kernel (a run JupyterLab ended early); on a loaded machine the page can pause for seconds
  // between two cells, so this is generous.
  nb.QUIET_MS = 15000;
  nb.expect = (n) => { nb.target = nb.replies + n; nb.heard = Date.now(); };
  // Cells JupyterLab has queued but not sent yet are marked 'running' (the marks of cells it
  // aborts after an error are cleared): waiting for them keeps a slow page from looking finished.
  nb.queued = () => nb.cells().some(c => c.model.type === 'code' && c.model.executionState === 'running');
  nb.busy = () => {
    const p = nb.panel(), kernel = p.sessionContext.session && p.sessionContext.session.kernel;
    return !kernel || kernel.status !== 'idle' || nb.queued()
      || (nb.replies < nb.target && Date.now() - nb.heard < nb.QUIET_MS);
  };
  nb.toRun = (from) => nb.cells().slice(from).filter(c => c.model.type === 'code'
      && c.model.sharedModel.getSource().trim()).length;
  nb.firstUnrun = () => nb.cells().findIndex(c => c.model.type === 'code'
      && c.model.sharedModel.getSource().trim() && c.model.executionCount === null);
  nb.cell = (i) => {
    const c = nb.cells()[i], m = c.model, area = m.type === 'code' ? c.outputArea.node : null;
    const images = area ? Array.from(area.querySelectorAll('img')) : [];
    return {id: m.id, type: m.type, source: m.sharedModel.getSource(), count: m.executionCount,
            nbgrader: m.getMetadata('nbgrader') || null, readOnly: c.readOnly,
            editorReadOnly: c.editor ? c.editor.getOption('readOnly') : null,
            outputs: m.type === 'code' ? m.outputs.toJSON() : [],
            text: area ? area.textContent : '', height: area ? area.getBoundingClientRect().height : 0,
            images: images.filter(img => img.complete && img.naturalWidth > 0
                                  && img.getBoundingClientRect().width > 0).length};
  };
  nb.all = () => nb.cells().map((c, i) => nb.cell(i));
  window.nb = nb;
}"""


def _open(page, path):
    page.evaluate("async (path) => { await window.jupyterapp.commands.execute('docmanager:open', {path}); }", path)
    page.wait_for_function("(path) => { const p = window.nb.panel(); return p && p.context && p.context.path === path"
                           " && p.context.isReady && p.sessionContext.session && p.sessionContext.session.kernel"
                           " && p.sessionContext.session.kernel.status === 'idle'; }", arg=path)
    page.evaluate("window.nb.watch()")
    _dismiss_notifications(page)


def _dismiss_notifications(page):
    """JupyterLab asks about "official Jupyter news" in a toast over the notebook: say No."""
    no = page.locator(".jp-Notification-Toast-Actions button:has-text('No'), .Toastify__toast button:has-text('No')")
    if no.count():
        no.first.click()


def _focus_notebook(page):
    """Command mode in the notebook, as after clicking beside a cell and pressing Escape."""
    page.evaluate("() => { const p = window.nb.panel(); window.jupyterapp.shell.activateById(p.id);"
                  " p.content.mode = 'command'; p.content.node.focus(); }")


def _palette(page, label):
    """Run a command from the command palette (Ctrl+Shift+C), as a learner would."""
    _focus_notebook(page)
    page.keyboard.press("Control+Shift+C")
    search = page.locator(".lm-CommandPalette-input:visible")
    search.fill(label)
    page.locator(f".lm-CommandPalette-item:visible:has-text('{label}')").first.wait_for()
    page.keyboard.press("Enter")


def _run_all(page):
    """Run All Cells, then go on after each stop. JupyterLab stops at the first cell that raises
    unless the cell is tagged raises-exception, as every test cell is: a released notebook should
    need no second run. Returns the stops (where Run All ended early), described."""
    page.evaluate("window.nb.expect(window.nb.toRun(0))")
    _palette(page, "Run All Cells")
    page.wait_for_function("!window.nb.busy()")
    stops, tries = [], {}
    while (index := page.evaluate("window.nb.firstUnrun()")) >= 0:
        tries[index] = tries.get(index, 0) + 1
        cell = page.evaluate("(i) => window.nb.cell(i)", index)
        assert tries[index] <= 2, f"cell {index} does not run: {cell}"
        above = next((c for c in (page.evaluate("(i) => window.nb.cell(i)", j) for j in range(index - 1, -1, -1))
                      if c["type"] == "code"), None)
        stops.append(f"at cell {cell['id']} ({cell['source'].splitlines()[0][:60]!r}; the code cell above: execution "
                     f"count {above and above['count']}, outputs {above and [o['output_type'] for o in above['outputs']]})")
        # not awaited: the command's promise waits for cells the kernel may abort
        page.evaluate("(i) => { window.nb.expect(window.nb.toRun(i)); window.nb.panel().content.activeCellIndex = i;"
                      " void window.jupyterapp.commands.execute('notebook:run-all-below'); }", index)
        page.wait_for_function("!window.nb.busy()")
    return stops


def _restart_and_run_all(page):
    """Restart the kernel, clear every output and execution count, and Run All again."""
    page.evaluate("async () => { await window.nb.panel().sessionContext.session.kernel.restart(); }")
    page.wait_for_function("!window.nb.busy()")
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    page.wait_for_function("window.nb.firstUnrun() === window.nb.cells().findIndex(c => c.model.type === 'code'"
                           " && c.model.sharedModel.getSource().trim())")
    return _run_all(page)


def _save(page, path):
    """Ctrl+S, and wait until the file on disk is the saved notebook."""
    before = path.stat().st_mtime_ns
    _focus_notebook(page)
    page.keyboard.press("Control+s")
    page.wait_for_function("!window.nb.panel().context.model.dirty")
    deadline = time.monotonic() + 30
    while path.stat().st_mtime_ns == before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert path.stat().st_mtime_ns != before, f"Ctrl+S did not save {path.name}"
    return json.loads(path.read_text())


def _close(page):
    """Shut the notebook's kernel down and close its (saved) tab, without a dialog."""
    page.evaluate("async () => { const p = window.nb.panel(); await p.sessionContext.shutdown(); p.close(); }")


def _scroll_to(page, index):
    page.evaluate("async (i) => { const p = window.nb.panel(); p.content.activeCellIndex = i;"
                  " await p.content.scrollToItem(i, 'start'); }", index)
    page.wait_for_timeout(200)


def _click_editor(page, index):
    """Click into the editor of cell ``index``: True if the notebook is now editing that cell."""
    _scroll_to(page, index)
    page.locator(".jp-Notebook .jp-Cell").nth(index).locator(".cm-content").click()
    return page.evaluate("(i) => window.nb.panel().content.mode === 'edit'"
                         " && window.nb.panel().content.activeCellIndex === i", index)


# --------------------------------------------------------------------------- notebook cells

def _meta(cell):
    return cell.get("nbgrader") or cell.get("metadata", {}).get("nbgrader") or {}


def _kind(cell):
    return cell.get("type") or cell.get("cell_type")


def _is_test(cell):
    return bool(_meta(cell).get("grade")) and _kind(cell) == "code"


def _is_exercise(cell):
    return bool(_meta(cell).get("solution")) and not _meta(cell).get("grade")


def _belongs_to(cell, exercise):
    grade_id = _meta(cell).get("grade_id", "")
    return _is_test(cell) and (grade_id == f"test_{exercise}" or grade_id.startswith(f"test_{exercise}__"))


def _errors(outputs):
    return [o for o in outputs if o.get("output_type") == "error"]


def _stderr(outputs):
    return "".join("".join(o.get("text", "")) for o in outputs
                   if o.get("output_type") == "stream" and o.get("name") == "stderr")


def _shown(outputs):
    """The text of a cell's error outputs, as JupyterLab renders it (the traceback lines)."""
    text = "\n".join("\n".join(o.get("traceback", [])) for o in _errors(outputs))
    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", text)


def _figures(notebook):
    """Cells with a figure in the solution notebook, except those that wait for the learner
    (they catch NotImplementedError, or show the learner's functions at work ``with
    demonstrating(...)``, and say so until the exercise is done)."""
    return {c["id"] for c in notebook["cells"] if c["cell_type"] == "code"
            and any("image/png" in o.get("data", {}) for o in c.get("outputs", []))
            and "except NotImplementedError" not in _source(c) and "with demonstrating(" not in _source(c)}


def _source(cell):
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _check_unsolved(cells, figures, where):
    """What every cell must show in a released notebook that has just run (page or file).
    ``figures``: ids of the cells that must show a figure before any exercise is done."""
    problems = []
    for cell in cells:
        if _kind(cell) != "code":
            continue
        outputs, label = cell.get("outputs", []), f"{where}: cell {cell['id']}"
        shown = _shown(outputs)
        if _is_test(cell):
            if not _errors(outputs):
                problems.append(f"{label}, a test, passes before the exercise is done")
            elif not OUR_MESSAGE.search(shown) or TRACEBACK_WALL in shown:
                problems.append(f"{label}, a test, shows {shown[:400]!r}, not our one-line message")
            if cell.get("height", 0) > MAX_MESSAGE_HEIGHT:
                problems.append(f"{label}, a test, has a {cell['height']:.0f} px high output: {shown[:300]!r}")
        elif _errors(outputs):
            problems.append(f"{label} fails before the learner wrote anything: {shown[:400]!r}")
        if TRACEBACK_WALL in cell.get("text", ""):
            problems.append(f"{label} shows a traceback wall: {cell['text'][:300]!r}")
        if _stderr(outputs):
            problems.append(f"{label} writes to stderr: {_stderr(outputs)[:300]!r}")
        if cell["id"] in figures and not _errors(outputs):
            if "images" in cell and cell["images"] < 1:
                problems.append(f"{label} shows no image (solutions/ has a figure there)")
            if not any("image/png" in o.get("data", {}) for o in outputs):
                problems.append(f"{label} has no image/png output (solutions/ has a figure there)")
    return problems


# --------------------------------------------------------------------------- the tests

@pytest.mark.parametrize("name", RELEASED)
def test_notebook_in_jupyterlab(page, course_copy, name):
    path = course_copy / name / f"{name}.ipynb"
    solution = json.loads((SOLUTIONS / name / f"{name}.ipynb").read_text())
    figures = _figures(solution)
    steps, clock = {}, [time.monotonic()]

    def step(label):
        now = time.monotonic()
        steps[label] = round(now - clock[0], 1)
        clock[0] = now

    TIMES[name] = steps
    # 1. open, run all
    _open(page, f"{name}/{name}.ipynb")
    step("open")
    stops = _run_all(page)
    steps["stops"] = len(stops)
    if stops:
        # Seen now and then on a loaded machine only: Run All ends after a failing test cell
        # although it carries the raises-exception tag. A cell that really stops Run All (an
        # untagged failure) stops it every time, so only a second stop, in a fresh kernel, counts.
        early = len(stops)
        stops = _restart_and_run_all(page)
        steps["stops"] = f"{early}, then {len(stops)} in a fresh kernel"
    step("run all")
    cells = page.evaluate("window.nb.all()")
    tests = [i for i, c in enumerate(cells) if _is_test(c)]
    exercises = [i for i, c in enumerate(cells) if _is_exercise(c)]
    assert tests and exercises, f"{name} has no exercise or no test cell"

    # 2. the page
    problems = _check_unsolved(cells, figures, "page")
    if stops:
        problems.append(f"page: Run All Cells stopped {len(stops)} time(s) before the end (a failing cell "
                        "without the raises-exception tag?): " + "; ".join(stops))
    for i in tests:
        if not (cells[i]["readOnly"] and cells[i]["editorReadOnly"]):
            problems.append(f"page: test cell {cells[i]['id']} is editable")
    first = tests[0]  # typing into a test cell changes nothing
    if not _click_editor(page, first):  # keys would be notebook shortcuts (x: cut the cell)
        problems.append(f"page: clicking into test cell {cells[first]['id']} did not enter its editor")
    else:
        page.keyboard.type("x = 1")
        page.keyboard.insert_text("# edited")
        page.keyboard.press("Escape")
        if page.evaluate("(i) => window.nb.cell(i).source", first) != cells[first]["source"]:
            problems.append(f"page: typing into test cell {cells[first]['id']} changed it")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    _scroll_to(page, max(first - 1, 0))
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
    step("check page")

    # 3. the saved notebook
    saved = _save(page, path)
    problems += _check_unsolved(saved["cells"], figures, "saved")
    problems += [f"saved: test cell {c['id']} is not editable=false" for c in saved["cells"]
                 if _is_test(c) and c.get("metadata", {}).get("editable") is not False]
    step("save")

    # 4. solve the first exercise in the editor, run it and its tests with Shift+Enter
    index = exercises[0]
    exercise = cells[index]["id"]
    worked = "\n".join(line for line in _source(next(c for c in solution["cells"] if c["id"] == exercise)).split("\n")
                       if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))  # what a learner types
    own_tests = [i for i in tests if _belongs_to(cells[i], exercise)]
    assert own_tests, f"exercise {exercise} has no test_{exercise} cell"
    assert _click_editor(page, index), f"clicking into the solution cell {exercise} did not enter its editor"
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(worked)
    page.wait_for_function("([i, text]) => window.nb.cell(i).source === text", arg=[index, worked])
    page.keyboard.press("Escape")
    for i in range(index, own_tests[-1] + 1):
        code = cells[i]["type"] == "code" and bool(cells[i]["source"].strip())
        page.evaluate("(n) => window.nb.expect(n)", int(code))
        page.keyboard.press("Shift+Enter")
        page.wait_for_function("!window.nb.busy()")
    for i in own_tests:
        cell = page.evaluate("(i) => window.nb.cell(i)", i)
        if _errors(cell["outputs"]) or _stderr(cell["outputs"]):
            problems.append(f"page: with the worked {exercise}, {cell['id']} fails: "
                            f"{(_shown(cell['outputs']) or _stderr(cell['outputs']))[:300]!r}")
    _scroll_to(page, own_tests[0] - 1)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-solved.png"))
    saved = _save(page, path)
    _close(page)
    solved = {cells[i]["id"] for i in own_tests}
    problems += [f"saved: with the worked {exercise}, {c['id']} fails" for c in saved["cells"]
                 if c["id"] in solved and _errors(c.get("outputs", []))]
    if _source(next(c for c in saved["cells"] if c["id"] == exercise)) != worked:
        problems.append(f"saved: the solution cell {exercise} is not what was typed")
    SOLVED[name] = (path, exercise, solved)
    step("solve")
    assert not problems, f"{name} in JupyterLab ({len(stops)} stops in Run All):\n" + "\n".join(problems)


def test_nbgrader_validate_sees_the_solved_exercises(page):
    """`nbgrader validate` on notebooks the browser saved: only the unsolved exercises fail.
    It runs each notebook again, so by default only the first one (the Validate button test
    below runs it in the browser too); BROWSER_VALIDATE=all validates every notebook."""
    solved = dict(list(SOLVED.items())[:None if os.environ.get("BROWSER_VALIDATE") == "all" else 1])
    if not solved:
        pytest.skip("no notebook was solved in the browser")
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "nbgrader", "validate", *(str(p) for p, _, _ in solved.values())],
                            cwd=ROOT, capture_output=True, text=True, timeout=900,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    TIMES["nbgrader validate"] = {f"{len(solved)} notebooks": round(time.monotonic() - started, 1)}
    # stdout has one report per notebook, in order: "Success! ..." or "VALIDATION FAILED ON N CELL(S)!"
    # followed by each failed cell's source and error
    reports = re.split(r"(?m)^(?=Success! Your notebook passes all the tests\.|VALIDATION FAILED ON \d+ CELL)",
                       result.stdout)[1:]
    assert len(reports) == len(solved), f"nbgrader validate printed {len(reports)} reports for {len(solved)} notebooks:\n" \
                                        f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    problems = []
    for (name, (path, exercise, solved_ids)), report in zip(solved.items(), reports):
        tests = [c for c in json.loads(path.read_text())["cells"] if _is_test(c)]
        unsolved = len(tests) - len(solved_ids)
        expected = f"VALIDATION FAILED ON {unsolved} CELL(S)" if unsolved else "Success!"
        if not report.startswith(expected):
            problems.append(f"{name} ({exercise} solved): expected {expected!r}, got:\n{report[:1500]}")
        for cell in tests:  # validate prints each failed cell's source, indented and cut at 87 characters
            lines = ["    " + line for line in _source(cell).strip().split("\n")]
            printed = "\n".join(line if len(line) <= 87 else line[:87] + "..." for line in lines)
            if (printed in report) == (cell["id"] in solved_ids):
                problems.append(f"{name}: validate says {cell['id']} {'failed' if cell['id'] in solved_ids else 'passed'}")
    assert not problems, "\n".join(problems)


def test_validate_button_shows_the_unsolved_tests(page):
    """nbgrader's "Validate" button in the notebook toolbar (the learner's self-check in the
    browser) on the first notebook, as saved with its first exercise solved."""
    if not SOLVED:
        pytest.skip("no notebook was solved in the browser")
    name, (path, exercise, solved) = next(iter(SOLVED.items()))
    _open(page, f"{name}/{name}.ipynb")
    page.locator(".jp-NotebookPanel-toolbar").get_by_text("Validate", exact=True).first.click()
    dialog = page.locator(".jp-Dialog")
    dialog.get_by_text("Validation Results").wait_for()
    page.wait_for_timeout(300)
    shown = dialog.inner_text()
    page.screenshot(path=str(SCREENSHOTS / f"{name}-validate.png"))
    dialog.get_by_role("button", name="Ok").click()
    _close(page)
    tests = [c for c in json.loads(path.read_text())["cells"] if _is_test(c)]
    assert shown.count("The following cell failed") == len(tests) - len(solved), shown[:3000]
    for cell in tests:
        first_line = _source(cell).strip().splitlines()[0]
        assert (first_line in shown) != (cell["id"] in solved), f"{cell['id']}:\n{shown[:3000]}"
    assert "not implemented yet" in shown and TRACEBACK_WALL not in shown


def test_training_progress_bar_is_one_widget(page, course_copy):
    """nnlib.train(progress=True) uses tqdm.auto: in JupyterLab (ipywidgets comes with the course's
    extra) that is one progress-bar widget, not a wall of text on stderr."""
    scratch = course_copy / "progress_bar.ipynb"
    scratch.write_text(json.dumps({
        "cells": [{"cell_type": "code", "execution_count": None, "id": "train", "metadata": {}, "outputs": [],
                   "source": "import nnlib\nfrom nnlib.data import load_xor\nX, Y = load_xor()\n"
                             "_, history = nnlib.train(X, Y, [2, 4, 1], hidden_activation='tanh', "
                             "output_activation='sigmoid', loss='bce', optimizer='gd', learning_rate=0.5, "
                             "epochs=2000, progress=True)"}],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5}))
    _open(page, scratch.name)
    _run_all(page)
    try:  # ipywidgets renders the bar a moment after the output arrives
        page.wait_for_function("!!window.nb.cells()[0].outputArea.node.querySelector('.widget-hprogress')",
                               timeout=10_000)
        widget = True
    except Exception:
        widget = False
    cell = page.evaluate("window.nb.cell(0)")
    _close(page)
    assert not _errors(cell["outputs"]) and not _stderr(cell["outputs"]), cell["outputs"]
    assert widget, f"no progress widget: {cell['text'][:500]!r}"
    assert cell["height"] < 60, f"the progress bar takes {cell['height']:.0f} px: {cell['text'][:500]!r}"
