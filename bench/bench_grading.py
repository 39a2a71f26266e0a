"""Autograding throughput: a simulated class graded serially and in parallel, per notebook.

    python -m bench.bench_grading [--students 30] [--jobs N] [--serial-sample 6] [ASSIGNMENT ...]

For each released notebook (default: every assignment in solutions/) a temporary course gets
``--students`` submissions (solutions, untouched releases and one-exercise-wrong notebooks in
turn), graded with ``--jobs`` workers (default: all cores); the first ``--serial-sample`` of them
are also graded with one worker (a sample: grading one at a time is linear in the class size, and
a whole class serially would take most of an hour). Prints submissions graded per minute for
both, and the time one student's whole course takes (every notebook, one after another); the
table also goes to artifacts/bench_grading.txt.
"""
import argparse
import os
import sys
import time

from bench.report import Report
from nncourse import paths
from nncourse import submissions as subs
from nncourse.course import temporary_course


def simulated_class(course, assignment, n):
    solution = subs.read(paths.SOLUTIONS / assignment / f"{assignment}.ipynb")
    release = subs.read(course.path("release_directory", ".", assignment) / f"{assignment}.ipynb")
    for i, notebook in enumerate(subs.simulated_class(solution, release, n)):
        course.submit(f"student{i:03d}", assignment, {f"{assignment}.ipynb": notebook})


def timed(course, assignment, jobs):
    start = time.monotonic()
    outcomes = course.autograde(assignment, jobs=jobs, student_timeout=None if jobs == 1 else 900)
    elapsed = time.monotonic() - start
    failed = [o.student for o in outcomes if o.must_act]
    if failed:
        print(f"  {assignment}: not graded: {failed}", file=sys.stderr)
    return elapsed, outcomes


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignments", nargs="*")
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--serial-sample", type=int, default=6,
                        help="students graded serially per notebook to measure the serial rate (default 6)")
    args = parser.parse_args(argv)
    assignments = args.assignments or paths.assignments()
    report = Report("bench_grading")
    report.line(f"autograding {args.students} simulated students per notebook with {args.jobs} workers "
                f"({os.cpu_count()} cores); the serial rate from the first {args.serial_sample} of them, one at a time")
    report.line(f"{'notebook':<20} {'serial/min':>10} {'parallel/min':>12} {'speed-up':>9} {'one student':>12}")
    one_student = serial_seconds = parallel_seconds = 0.0
    serial_count = 0
    for assignment in assignments:
        runs = []
        for jobs, students in ((1, min(args.serial_sample, args.students)), (args.jobs, args.students)):
            course = temporary_course([assignment])
            course.generate(assignment)
            simulated_class(course, assignment, students)
            elapsed, outcomes = timed(course, assignment, jobs)
            runs.append((students, elapsed, outcomes))
        (n_serial, serial, serial_outcomes), (_, parallel, _) = runs
        solo = next(o.elapsed for o in serial_outcomes if o.student == "student000")  # a solution, alone
        one_student += solo
        serial_seconds, serial_count, parallel_seconds = serial_seconds + serial, serial_count + n_serial, parallel_seconds + parallel
        serial_rate, parallel_rate = 60 * n_serial / serial, 60 * args.students / parallel
        report.line(f"{assignment:<20} {serial_rate:10.1f} {parallel_rate:12.1f} {parallel_rate / serial_rate:8.2f}x {solo:10.1f} s")
    total = args.students * len(assignments)
    report.line(f"whole class, every notebook: {total} submissions in {parallel_seconds / 60:.1f} min with {args.jobs} "
                f"workers ({60 * total / parallel_seconds:.1f}/min; one at a time {60 * serial_count / serial_seconds:.1f}/min)")
    report.line(f"one student's whole course ({len(assignments)} notebooks, one after another): {one_student:.0f} s")
    report.save()
    return 0


if __name__ == "__main__":
    sys.exit(main())
