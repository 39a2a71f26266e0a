"""nncourse/course_map.py: the README's course map is the table it prints from solutions/."""
import re

from nncourse import course_map
from nncourse.paths import ROOT, assignments


def test_readme_course_map_is_up_to_date():
    readme = (ROOT / "README.md").read_text()
    block = re.search(re.escape(course_map.START) + r"\n(.*?)\n" + re.escape(course_map.END), readme, re.S)
    assert block, f"README.md has no {course_map.START} ... {course_map.END} block"
    assert block[1] == course_map.table(), "README.md's course map is stale: python -m nncourse.course_map --write"


def test_the_table_has_a_row_per_assignment_and_the_total():
    rows = course_map.table().splitlines()
    assert [row.split(" | ")[0].strip("| ") for row in rows[2:-1]] == [a[:2] for a in assignments()]
    total = sum(float(row.rsplit("|", 2)[-2]) for row in rows[2:-1])
    assert rows[-1] == f"| | **total** | | **{total:g}** |"
