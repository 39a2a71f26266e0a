"""The playground of notebook 06 in JupyterLab, in a real browser, as a learner uses it.

One `make lab` serving a copy of notebooks/06_training, one headless Chromium (Debian's, through
Playwright). The test runs the playground cell, moves the learning-rate slider with the keyboard,
presses Start, lets it train, presses Stop, and checks on the page that the kernel took the new
learning rate, that training went on (more steps, a lower cost) and that the figure changed.

The figure's refresh rate is measured (image updates seen by the page over the training time)
and written, with the kernel's own count, to artifacts/playground_browser.txt; it is not
asserted here: `make bench` (bench/bench_playground.py) runs this test for longer and reports it.
PLAYGROUND_SECONDS sets how long it trains (default 4). The screenshot is
artifacts/screenshots/playground.png.
"""
import json
import os
import re
import shutil
import tempfile
import time

import pytest

from nncourse.paths import ARTIFACTS, NOTEBOOKS

NAME = "06_training"
SECONDS = float(os.environ.get("PLAYGROUND_SECONDS", "4"))
TIMEOUT = 120_000  # ms for any one wait, on a loaded 2-core machine
RESULTS = ARTIFACTS / "playground_browser.txt"


@pytest.fixture(scope="module")
def page(start_lab, chromium, tmp_path_factory):
    served = tmp_path_factory.mktemp("playground") / "notebooks"
    shutil.copytree(NOTEBOOKS / NAME, served / NAME)
    state = tmp_path_factory.mktemp("lab-state")
    args = ["--LabApp.expose_app_in_browser=True",  # window.jupyterapp, to read the notebook's state
            f"--LabApp.workspaces_dir={state / 'workspaces'}", f"--LabApp.user_settings_dir={state / 'settings'}"]
    with start_lab(served, args) as lab, chromium.sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            tempfile.mkdtemp(prefix="chromium-profile-"), viewport={"width": 1300, "height": 1000},
            **chromium.launch_options)
        try:
            page = browser.pages[0] if browser.pages else browser.new_page()
            page.set_default_timeout(TIMEOUT)
            page.goto(lab.url(f"/lab/tree/{NAME}/{NAME}.ipynb"))
            page.wait_for_function("window.jupyterapp && window.jupyterapp.shell.currentWidget"
                                   " && window.jupyterapp.shell.currentWidget.sessionContext"
                                   " && window.jupyterapp.shell.currentWidget.sessionContext.session"
                                   " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel"
                                   " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'")
            yield page
        finally:
            browser.close()


def _status(page):
    """(step, alpha, cost) from the playground's status line."""
    text = page.locator(".nn-playground .nn-step").inner_text(), page.locator(".nn-playground .nn-alpha").inner_text(), \
        page.locator(".nn-playground .nn-cost").inner_text()
    return int(text[0]), float(text[1]), float(text[2])


def test_slider_start_stop_in_jupyterlab(page):
    # run the playground cell (its own imports are all it needs)
    index = page.evaluate("() => window.jupyterapp.shell.currentWidget.content.widgets"
                          ".findIndex(c => c.model.id === 'playground')")
    assert index >= 0, "notebook 06 has no cell with id 'playground'"
    page.evaluate("(i) => { const p = window.jupyterapp.shell.currentWidget; p.content.activeCellIndex = i;"
                  " void window.jupyterapp.commands.execute('notebook:run-cell'); }", index)
    playground = page.locator(".nn-playground")
    playground.wait_for()
    image = playground.locator("img")
    page.wait_for_function("() => { const img = document.querySelector('.nn-playground img');"
                           " return img && img.complete && img.naturalWidth > 0; }")
    outputs = page.evaluate("(i) => window.jupyterapp.shell.currentWidget.content.widgets[i].model.outputs.toJSON()", index)
    assert not any(o["output_type"] == "error" or o.get("name") == "stderr" for o in outputs), outputs
    assert any("image/png" in o.get("data", {}) for o in outputs), "no static figure in the output (fallback)"
    step0, alpha0, cost0 = _status(page)
    assert (step0, alpha0) == (300, 0.3), (step0, alpha0)
    before = image.screenshot()

    # the learning-rate slider, moved with the keyboard: one notch up, 0.3 -> 0.5
    slider = playground.locator(".widget-slider", has_text="learning rate")
    slider.locator(".noUi-handle").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('.nn-playground .widget-slider .widget-readout')"
                           ".textContent.trim() !== '0.3'")
    readout = float(slider.locator(".widget-readout").inner_text())
    assert readout == 0.5, readout
    page.wait_for_function("(a) => Math.abs(parseFloat(document.querySelector('.nn-playground .nn-alpha')"
                           ".textContent) - a) < 1e-3 * a", arg=readout)

    # count the figure's updates, then Start, train, Stop
    page.evaluate("() => { const img = document.querySelector('.nn-playground img'); window.nnFrames = 0;"
                  " new MutationObserver(() => { window.nnFrames += 1; }).observe(img, {attributes: true,"
                  " attributeFilter: ['src']}); }")
    playground.get_by_role("button", name="Start").click()
    playground.get_by_role("button", name="Stop").wait_for()
    page.wait_for_function("() => window.nnFrames > 0")
    started, frames0 = time.monotonic(), page.evaluate("window.nnFrames")
    page.wait_for_timeout(SECONDS * 1000)
    frames, elapsed = page.evaluate("window.nnFrames") - frames0, time.monotonic() - started
    kernel_rate = re.search(r"([\d.]+) frames/s", playground.inner_text())
    playground.get_by_role("button", name="Stop").click()
    playground.get_by_role("button", name="Start").wait_for()
    page.wait_for_timeout(300)  # the last frame
    step1, alpha1, cost1 = _status(page)
    after = image.screenshot()
    shots = ARTIFACTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    playground.screenshot(path=str(shots / "playground.png"))
    rate = frames / elapsed
    RESULTS.write_text(json.dumps({
        "browser_frames_per_second": round(rate, 2), "image_updates": frames, "seconds": round(elapsed, 2),
        "kernel_frames_per_second": kernel_rate and float(kernel_rate[1]),
        "steps": [step0, step1], "cost": [cost0, cost1]}) + "\n")
    print(f"playground in the browser: {rate:.1f} frames/s ({frames} image updates in {elapsed:.1f} s); "
          f"the kernel says {kernel_rate and kernel_rate[1]} frames/s; steps {step0} -> {step1}, cost {cost0} -> {cost1}")

    assert alpha1 == pytest.approx(readout, rel=1e-3), "the kernel did not take the slider's learning rate"
    assert step1 > step0 + 10, f"training did not go on: step {step0} -> {step1}"
    assert cost1 < cost0, f"the cost did not go down: {cost0} at step {step0}, {cost1} at step {step1}"
    assert frames >= 1 and after != before, "the figure did not change while training"
    # stopped means stopped: no more steps
    page.wait_for_timeout(500)
    assert _status(page)[0] == step1, "training went on after Stop"
