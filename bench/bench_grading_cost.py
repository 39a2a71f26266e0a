"""What the sandbox and the clean run cost: the same submissions graded by nbgrader's own
autograde (kernel in the grader, its verdict kept) and by the course's (the notebook's run in a
sandbox, then the clean run), taking turns, one at a time.

    python -m bench.bench_grading_cost [--students 6] [ASSIGNMENT ...]

Both graders see the same notebooks on the same machine in the same minutes, so the ratio is
the cost of grades nobody can forge, whatever the notebooks' own run time. The table also goes
to artifacts/bench_grading_cost.txt.
"""
import argparse
import copy
import os
import sys
import time

from nbgrader.converters import Autograde

from bench.report import Report
from nncourse import paths
from nncourse import submissions as subs
from nncourse.course import Course, temporary_course


def _nbgraders_own(course):
    """The same course, graded with nbgrader's default autograde steps (its own Execute and
    SaveAutoGrades), set after the course's hardening, which would swap them back."""
    config = copy.deepcopy(course.config)
    config.Autograde.autograde_preprocessors = Autograde.class_traits()["autograde_preprocessors"].default()
    return Course(course.root, config=config)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignments", nargs="*")
    parser.add_argument("--students", type=int, default=6, help="submissions per grader and notebook (default 6)")
    args = parser.parse_args(argv)
    report = Report("bench_grading_cost")
    report.line(f"seconds per submission, one at a time, {args.students} per grader and notebook "
                f"(load average {os.getloadavg()[0]:.2f} at the start)")
    report.line(f"{'notebook':<20} {'nbgrader alone':>14} {'sandbox + clean run':>20} {'ratio':>6}")
    totals = [0.0, 0.0]
    for assignment in args.assignments or paths.assignments():
        course = temporary_course([assignment])
        course.generate(assignment)
        plain = _nbgraders_own(course)
        solution = subs.read(paths.SOLUTIONS / assignment / f"{assignment}.ipynb")
        release = subs.read(course.path("release_directory", ".", assignment) / f"{assignment}.ipynb")
        # each notebook of the simulated class twice: once for each grader; the first, to warm up
        for i, notebook in enumerate(subs.simulated_class(solution, release, args.students + 1)):
            for grader in ("plain", "course"):
                course.submit(f"{grader}{i:03d}", assignment, {f"{assignment}.ipynb": notebook})
        graders = {"plain": lambda s: plain.api.autograde(assignment, s, force=True, create=True),
                   "course": lambda s: course.autograde_one(assignment, s)}
        seconds = {"plain": 0.0, "course": 0.0}
        for i in range(args.students + 1):  # in turns, the same notebook
            for name, grade in graders.items():
                start = time.monotonic()
                result = grade(f"{name}{i:03d}")
                if i:
                    seconds[name] += time.monotonic() - start
                if not result.get("success"):
                    print(f"  {assignment} {name}{i:03d}: not graded: {result.get('error')}", file=sys.stderr)
        seconds = [seconds["plain"], seconds["course"]]
        totals = [totals[0] + seconds[0], totals[1] + seconds[1]]
        report.line(f"{assignment:<20} {seconds[0] / args.students:12.2f} s {seconds[1] / args.students:18.2f} s "
                    f"{seconds[1] / seconds[0]:5.2f}x")
    report.line(f"{'all':<20} {totals[0]:12.1f} s {totals[1]:18.1f} s {totals[1] / totals[0]:5.2f}x "
                f"(load average {os.getloadavg()[0]:.2f} at the end)")
    report.save()
    return 0


if __name__ == "__main__":
    sys.exit(main())
