"""``nn-report [ASSIGNMENT...]``: the class report, one self-contained HTML page (``make report``).

For each assignment (default: every one in the gradebook): the score histogram (matplotlib,
embedded as a PNG), per exercise the share of graded students who lost points and the most
common kinds of mistake (:mod:`nncourse.class_data`), who could not be graded and why, and the
near-identical answers copy detection found. The page needs no network and no other file.
"""
import argparse
import base64
import io
import sys
import time
from pathlib import Path

import jinja2
import numpy as np
from matplotlib.figure import Figure

from nncourse import class_data
from nncourse.course import Course
from nncourse.nbgrader_setup import prepare

TOP_KINDS = 5  # kinds of mistake shown per exercise

PAGE = jinja2.Template("""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Class report: {{ title }}</title>
<style>
body { font-family: sans-serif; margin: 2em auto; max-width: 68em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25em 0.7em; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.bar { display: inline-block; height: 0.8em; background: #c0392b; }
code { background: #f4f4f4; padding: 0 0.2em; }
.kind { color: #555; font-size: 90%; }
</style></head><body>
<h1>Class report: {{ title }}</h1>
<p>Made {{ made }} from the gradebook of course <code>{{ course_id }}</code>.</p>
<table id="summary"><tr><th>assignment</th><th>graded</th><th>not graded</th><th>not submitted</th>
<th>mean</th><th>median</th><th>max</th></tr>
{% for a in assignments %}<tr><td><a href="#{{ a.name }}">{{ a.name }}</a></td><td class="n">{{ a.scores|length }}</td>
<td class="n">{{ a.not_graded|length }}</td><td class="n">{{ a.not_submitted|length }}</td>
<td class="n">{{ stats[a.name].mean }}</td><td class="n">{{ stats[a.name].median }}</td><td class="n">{{ a.max_score|round(2) }}</td></tr>
{% endfor %}</table>
{% for a in assignments %}
<section id="{{ a.name }}" class="assignment" data-assignment="{{ a.name }}">
<h2>{{ a.name }}</h2>
{% if a.scores %}<img class="histogram" alt="score histogram of {{ a.name }}" src="data:image/png;base64,{{ figures[a.name] }}">{% endif %}
<h3>Exercises</h3>
<table class="exercises"><tr><th>exercise</th><th>points</th><th>lost points</th><th></th><th>most common mistakes (test: kind of mistake, students)</th></tr>
{% for e in a.exercises %}<tr class="exercise" data-exercise="{{ e.name }}" data-lost="{{ e.lost|length }}" data-graded="{{ e.graded }}">
<td><code>{{ e.name }}</code></td><td class="n">{{ e.points|round(2) }}</td>
<td class="n share">{{ (100 * e.share_lost)|round|int }} % ({{ e.lost|length }} of {{ e.graded }})</td>
<td><span class="bar" style="width: {{ (6 * e.share_lost)|round(2) }}em"></span></td>
<td>{% for f in e.failures[:top] %}<div class="failure" data-test="{{ f.test }}" data-count="{{ f.students|length }}">
<code>{{ f.test }}</code>: {{ f.example }} <b>× {{ f.students|length }}</b>
{% if f.kind != f.example %}<div class="kind">kind: {{ f.kind }}</div>{% endif %}</div>{% endfor %}
{% if e.failures|length > top %}<div class="kind">and {{ e.failures|length - top }} other kinds</div>{% endif %}</td></tr>
{% endfor %}</table>
<h3>Not graded</h3>
{% if a.not_graded %}<table class="not-graded">{% for student, why in a.not_graded|dictsort %}
<tr><td><code>{{ student }}</code></td><td>{{ why }}</td></tr>{% endfor %}</table>
{% else %}<p>Every submission was graded.</p>{% endif %}
{% if a.not_submitted %}<p class="not-submitted">No submission: {{ a.not_submitted|join(", ") }}</p>{% endif %}
<h3>Near-identical answers</h3>
{% if a.copies %}<table class="copies">{% for c in a.copies %}<tr><td><code>{{ c.exercise }}</code></td>
<td>{{ c.student }} ~ {{ c.other }}</td><td class="n">{{ (100 * c.similarity)|round|int }} %</td></tr>{% endfor %}</table>
{% else %}<p>None found (copy detection compares answers long enough to tell apart).</p>{% endif %}
</section>
{% endfor %}
</body></html>
""", autoescape=True)


def histogram(assignment):
    """The score histogram of ``assignment`` (a class_data.Assignment) as base64 PNG."""
    figure = Figure(figsize=(6.4, 2.6), dpi=100)
    axes = figure.subplots()
    top = max(assignment.max_score, max(assignment.scores.values(), default=0), 1)
    bins = np.linspace(0, top, min(int(np.ceil(top)), 20) + 1)
    axes.hist(list(assignment.scores.values()), bins=bins, color="#2c7fb8", edgecolor="white")
    axes.set_xlabel(f"score (of {assignment.max_score:g})")
    axes.set_ylabel("students")
    axes.set_title(f"{assignment.name}: {len(assignment.scores)} graded")
    axes.yaxis.get_major_locator().set_params(integer=True)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return base64.b64encode(buffer.getvalue()).decode()


def _stats(assignment):
    scores = list(assignment.scores.values())
    if not scores:
        return {"mean": "—", "median": "—"}
    return {"mean": f"{np.mean(scores):.2f}", "median": f"{np.median(scores):.2f}"}


def render(course, names):
    """The report page of ``names`` (assignments of ``course``), as a string."""
    data = [class_data.read(course, name) for name in names]
    return PAGE.render(
        title=", ".join(names) if len(names) <= 3 else f"{len(names)} assignments", course_id=course.course_id,
        made=time.strftime("%Y-%m-%d %H:%M"), assignments=data, top=TOP_KINDS,
        stats={a.name: _stats(a) for a in data}, figures={a.name: histogram(a) for a in data if a.scores})


def main(argv=None):
    parser = argparse.ArgumentParser(prog="nn-report", description=__doc__.splitlines()[0])
    parser.add_argument("assignments", nargs="*", help="default: every assignment in the gradebook")
    parser.add_argument("--course", default=".", help="the course directory (default: the current one)")
    parser.add_argument("--out", default="report.html")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    prepare()
    start = time.monotonic()
    course = Course(Path(args.course))
    names = args.assignments or class_data.assignments(course)
    if not names:
        print("nothing to report: the gradebook has no assignment")
        return 1
    out = Path(args.out)
    out.write_text(render(course, names), encoding="utf-8")
    print(f"class report of {', '.join(names)} -> {out} ({time.monotonic() - start:.1f} s)")
    return 0
