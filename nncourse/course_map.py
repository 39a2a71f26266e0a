"""Print the README's course map from the solution notebooks: title, exercises and points.

    python -m nncourse.course_map          # the markdown table
    python -m nncourse.course_map --write  # replace the table in README.md

tests/nncourse/test_course_map.py checks that the README's table is the one this prints.
"""
import argparse
import re
import sys

import nbformat

from nncourse.paths import ROOT, SOLUTIONS, assignments
START, END = "<!-- course-map -->", "<!-- /course-map -->"


def notebook_summary(path):
    """(title, [exercise ids], total points) of one solution notebook."""
    nb = nbformat.read(path, as_version=4)
    title = next((line.lstrip("# ").strip() for c in nb.cells if c.cell_type == "markdown"
                  for line in c.source.splitlines() if line.startswith("# ")), path.stem)
    exercises, points = [], 0
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            exercises.append(meta["grade_id"])
        if meta.get("grade"):
            points += meta.get("points", 0)
    return title, exercises, points


def table():
    rows = ["| # | notebook | you implement | points |", "|---|---|---|---:|"]
    total = 0
    for path in (SOLUTIONS / name / f"{name}.ipynb" for name in assignments()):
        title, exercises, points = notebook_summary(path)
        total += points
        title = re.sub(r"^\d+\s*[·:.\-–—]?\s*", "", title)
        link = f"[{title}](notebooks/{path.parent.name}/{path.name})"
        rows.append(f"| {path.stem[:2]} | {link} | {', '.join(f'`{e}`' for e in exercises)} | {points:g} |")
    rows.append(f"| | **total** | | **{total:g}** |")
    return "\n".join(rows)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update README.md in place")
    args = parser.parse_args(argv)
    if not args.write:
        print(table())
        return 0
    readme = ROOT / "README.md"
    text = readme.read_text()
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)
    if not pattern.search(text):
        print(f"README.md has no {START} ... {END} block", file=sys.stderr)
        return 1
    readme.write_text(pattern.sub(lambda _: f"{START}\n{table()}\n{END}", text))
    return 0


if __name__ == "__main__":
    sys.exit(main())
