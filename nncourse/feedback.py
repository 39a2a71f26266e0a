"""Feedback pages a student can read offline: named tests in the summary, math rendered locally.

nbgrader's feedback HTML lists every test as a link named "Test cell" and loads MathJax from a
CDN, so without network its LaTeX stays raw. :func:`finish` rewrites a page nbgrader made:

* each summary entry names its test and exercise, with its points and, for a test that lost
  points, the first line of what the feedback already shows under that cell (the clean run's
  verdict: the visible check's message, or only "a hidden test failed"; else the cell's error);
  so it adds nothing a student could not read in the page, hidden tests included;
* MathJax 2 (the version nbgrader's template configures) from the jupyter-server-mathjax
  package is inlined, with the page's own fonts (web fonts do not load from a file:// page), so
  the page needs no other file: nbgrader's release_feedback sends the HTML file alone.
"""
import functools
import html
import re
from pathlib import Path

from nncourse import outcomes
from nncourse import submissions as subs

CLEAN_VERDICT = re.compile(r"\u2717 graded in a clean run: [\d.]+ of [\d.]+ points: (?P<why>.*)")
SUMMARY_ENTRY = re.compile(r'<li><a href="#(?P<id>[^"]+)">Test cell</a> \(Score: (?P<score>[\d.]+) / (?P<points>[\d.]+)\)</li>')
MATHJAX_CDN = re.compile(r'<script src="[^"]*mathjax[^"]*">\s*</script>', re.I)
# before MathJax starts: no web fonts (the page's own fonts), no message box
LOCAL_FONTS = """<script type="text/x-mathjax-config">
MathJax.Hub.Config({"HTML-CSS": {availableFonts: [], preferredFont: null, webFont: null, imageFont: null},
                    messageStyle: "none"});
</script>"""


@functools.lru_cache(maxsize=1)
def mathjax_scripts():
    """MathJax 2's core and its TeX-to-HTML configuration, as inline script elements."""
    import jupyter_server_mathjax

    static = Path(jupyter_server_mathjax.__file__).parent / "static"
    files = [static / "MathJax.js", static / "config" / "TeX-AMS-MML_HTMLorMML-full.js",
             *sorted((static / "jax" / "element" / "mml" / "optable").glob("*.js"))]  # loaded on demand otherwise
    code = [path.read_text(encoding="utf-8") for path in files]
    return LOCAL_FONTS + "".join(f"\n<script>{c}</script>" for c in code)


def test_messages(notebook, timeout=60):
    """{grade_id: one line} for the test cells of an autograded notebook that show a failure."""
    found = {}
    for cell in notebook.cells:
        meta = subs.nbgrader_meta(cell)
        if not (meta.get("grade") and cell.cell_type == "code"):
            continue
        verdicts = [CLEAN_VERDICT.search(o.get("text", "")) for o in cell.get("outputs", []) if o.get("output_type") == "stream"]
        verdicts = [v for v in verdicts if v]
        if verdicts:
            found[meta["grade_id"]] = outcomes.check_message(verdicts[-1]["why"])
        elif any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            found[meta["grade_id"]] = outcomes.check_message(outcomes.cell_problem(cell, timeout))
    return found


def finish(page, autograded):
    """Rewrite the feedback HTML file ``page`` made from the ``autograded`` notebook (see above)."""
    notebook = subs.read(autograded) if Path(autograded).exists() else None
    messages = test_messages(notebook) if notebook is not None else {}
    exercises = subs.exercises(notebook) if notebook is not None else []

    def entry(m):
        grade_id, score, points = m["id"], float(m["score"]), float(m["points"])
        why = messages.get(grade_id) if score < points else None
        return (f'<li class="nn-test"><a href="#{grade_id}"><code>{grade_id}</code></a> ({html.escape(subs.exercise_of(grade_id, exercises))}): '
                f'{score:g} / {points:g} points' + (f' <span class="nn-why">\u2014 {html.escape(why)}</span>' if why else "")
                + "</li>")

    text = Path(page).read_text(encoding="utf-8")
    text = SUMMARY_ENTRY.sub(entry, text)
    if MATHJAX_CDN.search(text):  # after the page's own MathJax configuration, which MathJax reads as it starts
        text = MATHJAX_CDN.sub("", text, count=1).replace("</head>", mathjax_scripts() + "\n</head>", 1)
    Path(page).write_text(text, encoding="utf-8")
