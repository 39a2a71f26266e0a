"""The class report (nn-report) of a simulated class, graded by the real pipeline, in Chromium.

A temporary course releases 00_notation and 03_cost (nn-release); 30 students submit 03_cost and
6 of them 00_notation (made from the worked solutions by nncourse.submissions.simulated_class:
worked solutions, untouched releases, one exercise not done, and wrong answers), plus one
notebook that is not JSON and one under another name; nn-autograde grades them with its worker
pool, then nn-report writes the page. The test opens it in Debian's Chromium (Playwright) and
checks that it loads, its figures show, and its numbers are the gradebook's, counted here
straight from nbgrader's Gradebook API. The feedback of the same class is checked in Chromium too
(named tests, rendered math, Korean text).
"""
import os
import re
import time

import pytest
from nbgrader.api import Gradebook, MissingEntry

from nncourse import cli, outcomes, report
from nncourse import submissions as subs
from nncourse.course import temporary_course
from nncourse.paths import ARTIFACTS, ROOT, SOLUTIONS

JOBS = int(os.environ.get("GRADING_TEST_JOBS", "0")) or os.cpu_count() or 1
CLASS = {"03_cost": 30, "00_notation": 6}  # students who submit each assignment
WRONG = {  # (exercise, a learner's wrong answer)
    "03_cost": [("mse_cost", "m = AL.shape[1]\nreturn float(np.sum((AL - Y) ** 2) / m)"),
                ("bce_cost", "m = AL.shape[1]\nreturn float(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m)"),
                ("ce_cost", "return float(-np.sum(Y * np.log(np.clip(AL, 1e-12, 1))))")],
    "00_notation": [("affine", "return W.T @ X + b"), ("rows_to_columns", "return X_rows.T, W_rows.T, b_row")],
}
BROKEN = {"03_cost": {"not-json": {"03_cost.ipynb": '{"cells": ['},
                      "misnamed": {"my_cost.ipynb": None}}}  # None: the worked solution


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    """The course, graded, and its report: (course, report path, seconds nn-report took)."""
    course = temporary_course(list(CLASS), parent=tmp_path_factory.mktemp("class"))
    root = ["--course", str(course.root)]
    assert cli.release([*root, *CLASS]) == 0
    for assignment, n in CLASS.items():
        solution = subs.read(SOLUTIONS / assignment / f"{assignment}.ipynb")
        release = subs.read(course.path("release_directory", ".", assignment) / f"{assignment}.ipynb")
        for i, notebook in enumerate(subs.simulated_class(solution, release, n, WRONG[assignment])):
            course.submit(f"student{i:02d}", assignment, {f"{assignment}.ipynb": notebook})
        for student, files in BROKEN.get(assignment, {}).items():
            course.submit(student, assignment, {name: solution if f is None else f for name, f in files.items()})
        cli.autograde([*root, assignment, "--jobs", str(JOBS)])  # exits 1: two could not be graded
    page = course.root / "report.html"
    start = time.monotonic()
    assert report.main([*root, "--out", str(page)]) == 0
    return course, page, time.monotonic() - start


@pytest.fixture(scope="module")
def browser(chromium):
    with chromium.sync_playwright() as playwright:
        browser = playwright.chromium.launch(**chromium.launch_options)
        try:
            yield browser.new_page(viewport={"width": 1200, "height": 900})
        finally:
            browser.close()


def _from_gradebook(course, assignment):
    """Counted straight from nbgrader's Gradebook API: graded students, their mean, and per
    exercise and per test the students who lost points on it."""
    source = subs.read(course.path("source_directory", ".", assignment) / f"{assignment}.ipynb")
    tests = {e: subs.tests_of(e, subs.test_cells(source)) for e in subs.exercises(source)}
    broken = set(BROKEN.get(assignment, {}))
    scores, lost, lost_test = {}, {e: set() for e in tests}, {}
    with Gradebook(course.coursedir.db_url, course.course_id) as gb:
        for student in gb.students:
            try:
                submission = gb.find_submission(assignment, student.id)
            except MissingEntry:
                continue
            if student.id in broken:
                continue
            scores[student.id] = submission.score
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    if (grade.score or 0) < grade.max_score:
                        lost_test.setdefault(grade.name, set()).add(student.id)
                        lost[next(e for e, ts in tests.items() if grade.name in ts)].add(student.id)
    return scores, lost, lost_test


def test_the_report_page_in_the_browser(graded_class, browser):
    course, page_path, seconds = graded_class
    page = browser
    page.goto(page_path.as_uri())
    assert page.title() == "Class report: 00_notation, 03_cost"
    page.wait_for_function("Array.from(document.images).every(img => img.complete)")
    images = page.evaluate("Array.from(document.querySelectorAll('img.histogram'), img => [img.naturalWidth,"
                           " img.getBoundingClientRect().width, img.closest('section').dataset.assignment])")
    assert sorted(a for _, _, a in images) == sorted(CLASS), images
    assert all(natural > 0 and shown > 0 for natural, shown, _ in images), images
    ARTIFACTS.joinpath("screenshots").mkdir(parents=True, exist_ok=True)  # docs/class_report.png is one
    page.locator("section[data-assignment='03_cost']").screenshot(path=str(ARTIFACTS / "screenshots" / "class_report.png"))
    (ARTIFACTS / "class_report.html").write_bytes(page_path.read_bytes())

    for assignment in CLASS:
        scores, lost, lost_test = _from_gradebook(course, assignment)
        section = page.locator(f"section[data-assignment='{assignment}']")
        summary = page.locator("#summary tr", has=page.locator(f"a[href='#{assignment}']")).inner_text()
        assert summary.split("\t")[1:3] == [str(len(scores)), str(len(BROKEN.get(assignment, {})))], summary
        assert f"{sum(scores.values()) / len(scores):.2f}" in summary, (summary, scores)
        rows = section.locator("tr.exercise")
        assert rows.count() == len(lost)
        for i in range(rows.count()):
            row = rows.nth(i)
            exercise = row.get_attribute("data-exercise")
            text = row.inner_text()
            share = round(100 * len(lost[exercise]) / len(scores))
            assert f"{share} % ({len(lost[exercise])} of {len(scores)})" in text, (exercise, text, lost[exercise])
            shown = {}
            for f in row.locator(".failure").all():
                shown[f.get_attribute("data-test")] = shown.get(f.get_attribute("data-test"), 0) + int(f.get_attribute("data-count"))
            if "other kinds" not in text:
                assert shown == {t: len(s) for t, s in lost_test.items() if t in shown or t.startswith(f"test_{exercise}")
                                 and subs.tests_of(exercise, [t])}, (exercise, text)
        not_graded = section.locator("table.not-graded").inner_text() if BROKEN.get(assignment) else ""
        if assignment == "03_cost":
            assert re.search(r"not-json\s+a notebook file is not valid JSON", not_graded), not_graded
            assert re.search(r"misnamed\s+no notebook named 03_cost.ipynb; found my_cost.ipynb", not_graded), not_graded
    # the kinds of mistake: the wrong mse_cost of every student who made it is one kind, named by its check
    mse = page.locator("section[data-assignment='03_cost'] tr.exercise[data-exercise='mse_cost'] .failure")
    assert mse.count() >= 2 and "not implemented yet" in mse.all_inner_texts()[-1] + mse.all_inner_texts()[0]
    (ARTIFACTS / "class_report_time.txt").write_text(f"nn-report of {sum(CLASS.values())} submissions: {seconds:.1f} s\n")


# --------------------------------------------------------------------------- the feedback a student gets

HANGUL = re.compile(r"[\uac00-\ud7a3]+")


@pytest.fixture(scope="module")
def feedback_page(graded_class, browser):
    """student06's feedback of 03_cost (its mse_cost is the wrong answer), open in Chromium; the
    addresses the page asked for."""
    course, _, _ = graded_class
    assert course.feedback("03_cost", ["student06"]) == {"student06": []}  # no hidden test in it
    path = course.path("feedback_directory", "student06", "03_cost") / "03_cost.html"
    asked = []

    def ask(request):
        asked.append(request.url)

    browser.on("request", ask)
    browser.goto(path.as_uri())
    browser.wait_for_function("window.MathJax && MathJax.Hub && MathJax.Hub.queue.pending === 0"
                              " && document.querySelectorAll('.MathJax').length > 0", timeout=60_000)
    yield course, path, asked
    browser.remove_listener("request", ask)


def test_feedback_renders_its_math_offline(feedback_page, browser):
    _, path, asked = feedback_page
    assert [url for url in asked if not url.startswith(("file:", "data:"))] == [], "the page needs the network"
    assert "cdnjs" not in path.read_text()
    rendered = browser.evaluate("document.querySelectorAll('.MathJax').length")
    prose = browser.evaluate("Array.from(document.querySelectorAll('.text_cell_render'), e => e.innerText).join('\\n')")
    assert rendered >= 10, rendered
    raw = re.findall(r"\$[^$\n]{1,80}\$", prose)
    assert not raw, f"LaTeX left raw: {raw[:5]}"


def test_feedback_summary_names_each_test(feedback_page, browser):
    course, _, _ = feedback_page
    source = subs.read(course.path("source_directory", ".", "03_cost") / "03_cost.ipynb")
    entries = browser.locator("#toc li.nn-test").all_inner_texts()
    assert [e.split(" ")[0] for e in entries] == list(subs.test_cells(source)), entries
    assert "Test cell" not in browser.locator("#toc").inner_text()
    mse = next(e for e in entries if e.startswith("test_mse_cost "))
    why = outcomes.load(course.root / "grading-logs" / "03_cost")["student06"].lost["test_mse_cost"]
    assert mse == f"test_mse_cost (mse_cost): 0 / 1 points \u2014 {outcomes.check_message(why)}", mse
    passed = next(e for e in entries if e.startswith("test_bce_cost "))
    assert passed == "test_bce_cost (bce_cost): 2 / 2 points", passed


def test_korean_terms_render(feedback_page, browser):
    """A Korean term of the notebook is drawn with real glyphs: its width is not that of as many
    missing-glyph boxes (unassigned code points), which is all a machine without a CJK font shows."""
    text = browser.evaluate("document.body.innerText")
    term = HANGUL.search(text)
    assert term, "the page has no Korean term"
    widths = browser.evaluate("""(term) => {
        const span = document.createElement('span');
        span.style.font = getComputedStyle(document.querySelector('.text_cell_render')).font;
        document.body.appendChild(span);
        const width = (s) => { span.textContent = s; return span.getBoundingClientRect().width; };
        const result = [width(term), width('\\u0378'.repeat(term.length))];
        span.remove();
        return result;
    }""", term[0])
    assert abs(widths[0] - widths[1]) > 1, f"{term[0]!r} is {widths[0]} px wide, as wide as {len(term[0])} missing-glyph boxes"
