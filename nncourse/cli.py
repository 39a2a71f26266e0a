"""The instructor's commands, one entry point each (pyproject.toml, wrapped by the Makefile)::

    nn-release [ASSIGNMENT...]  solutions/ -> notebooks/ (nbgrader generate_assignment), checked for
                                leaked solutions; --exchange also releases to nbgrader's exchange
    nn-collect ASSIGNMENT       submissions from the exchange -> submitted/
    nn-zip-collect ASSIGNMENT   an LMS download in downloaded/ASSIGNMENT/archive -> submitted/
    nn-autograde ASSIGNMENT     every submission, --jobs N at once (default: all cores)
    nn-feedback ASSIGNMENT      feedback HTML that reads offline (nncourse.feedback), checked for hidden
                                tests; --release to the exchange
    nn-grades                   the gradebook as a CSV (nbgrader's exporter; --format canvas|moodle
                                for those LMSs' grade import)

and ``nn-report`` (the class report) is :mod:`nncourse.report`'s.

Each works on the course in the current directory (``--course DIR`` for another), prints what
it did (counts, who failed and why) and exits with status 1 only when the instructor must act
(a submission that could not be graded, a leak, a failed nbgrader step).
"""
import argparse
import os
import re
import shutil
import sys
import time
from pathlib import Path

from nncourse import exchange, lms, sandbox
from nncourse import submissions as subs
from nncourse.copies import course_answers, similar_answers
from nncourse.course import Course, GradingError
from nncourse.nbgrader_setup import prepare
from nncourse.outcomes import last_line


def _say(*lines):
    for line in lines:
        print(line, flush=True)


def _where(course, step):
    return course.path(step).relative_to(course.root)


def cmd_release(course, args):
    status = 0
    for assignment in args.assignments or course.assignments():
        try:
            course.generate(assignment)
        except GradingError as error:
            _say(f"{assignment}: generate_assignment FAILED", last_line(error.result.get("error")))
            status = 1
            continue
        nb = [subs.read(p) for p in sorted(course.path("source_directory", ".", assignment).glob("*.ipynb"))]
        points = sum(sum(subs.test_cells(n).values()) for n in nb)
        exercises = sum(len(subs.exercises(n)) for n in nb)
        leaks = course.release_leaks(assignment)
        where = course.path("release_directory", ".", assignment).relative_to(course.root)
        _say(f"{assignment}: {len(nb)} notebook(s), {exercises} exercises, {points:g} points -> {where}/")
        _say(*(f"  LEAK {leak}" for leak in leaks))
        if leaks:
            status = 1
            continue
        if args.exchange:
            for line in exchange.make_sticky(course):
                _say("  " + line)
                status = 1 if line.startswith("ACT") else status
            released, error = exchange.release(course, assignment, force=args.force)
            _say(f"  exchange: released to {released}" if released else f"  exchange: FAILED\n  {error}")
            status = status if released else 1
    return status


def _report_collected(course, assignment, collected, source):
    _say(f"{assignment}: {source} -> {_where(course, 'submitted_directory')}/")
    _say(*(f"  skipped (file name not understood): {Path(item).name}" for item in collected.skipped))
    _say(*("  " + line for line in collected.act))
    _say(*("  " + line for line in exchange.missing_notebooks(course, assignment, collected.new + collected.updated)))
    return 1 if collected.act else 0


def cmd_collect(course, args):
    collected = exchange.collect(course, args.assignment)
    if collected.error:
        _say(f"{args.assignment}: collect FAILED: {collected.error}", *("  " + line for line in collected.act))
        return 1
    _report_collected(course, args.assignment, collected, f"{len(collected.new)} new, {len(collected.updated)} "
                      f"updated, {len(collected.unchanged)} unchanged submissions")
    return 1 if collected.act else 0


def cmd_zip_collect(course, args):
    archive = exchange.archive(course, args.assignment)
    for item in args.files or []:
        archive.mkdir(parents=True, exist_ok=True)
        shutil.copy(item, archive / Path(item).name)
    if not archive.is_dir() or not any(archive.iterdir()):
        _say(f"{args.assignment}: nothing to collect: put the LMS download (zip files or notebooks) in "
             f"{archive.relative_to(course.root)}/")
        return 1
    collected = exchange.zip_collect(course, args.assignment, args.regexp)
    status = _report_collected(course, args.assignment, collected,
                               f"{len(collected.new)} students collected from {archive.relative_to(course.root)}/")
    if collected.error:
        _say(f"zip_collect FAILED: {collected.error}")
        return 1
    return status


def cmd_autograde(course, args):
    students = args.students.split(",") if args.students else course.submitted_students(args.assignment)
    if not students:
        _say(f"{args.assignment}: no submissions in {course.path('submitted_directory', '*', args.assignment)}")
        return 0
    try:
        sandbox.bwrap()
    except sandbox.SandboxUnavailable as error:
        _say(f"ACT: {error}")
        return 1
    jobs = args.jobs or os.cpu_count() or 1
    _say(f"{args.assignment}: autograding {len(students)} submissions, {jobs} at a time")
    start = time.monotonic()
    outcomes = course.autograde(args.assignment, students, jobs=jobs,
                                student_timeout=args.student_timeout, report=lambda o: _say(*o.lines()))
    failed = [o.student for o in outcomes if o.status != "graded" or o.needs_manual_grade]
    graded = [o for o in outcomes if o.student not in failed]
    review = [o.student for o in graded if o.review]
    mean = sum(o.score for o in graded) / len(graded) if graded else 0.0
    _say(f"{args.assignment}: {len(graded)} graded (mean {mean:.2f} / {outcomes[0].max_score:g}), "
         f"{len(failed)} failed, {time.monotonic() - start:.0f} s")
    if failed:
        _say(f"ACT: not graded: {', '.join(failed)}; their logs are in "
             f"{(course.root / 'grading-logs' / args.assignment).relative_to(course.root)}/; "
             "fix the submission (or grade by hand in formgrader) and run autograde again for them "
             "with --students")
    if review:
        _say(f"ACT: graded, but the notebook's own run and the clean run disagree for: {', '.join(review)} "
             "(the REVIEW lines above say on which tests). The gradebook holds the clean run's scores; the "
             "feedback shows the notebook's own run: read the notebook before you return it")
    copies = similar_answers(*course_answers(course, args.assignment))
    if copies:
        _say(f"{args.assignment}: near-identical answers (copy detection; no score was changed):",
             *(f"  {c.line()}" for c in copies))
    return 1 if failed or review else 0


def cmd_feedback(course, args):
    report = course.feedback(args.assignment)
    bad = {s: p for s, p in report.items() if p}
    _say(f"{args.assignment}: feedback for {len(report) - len(bad)} of {len(report)} students -> "
         f"{_where(course, 'feedback_directory')}/")
    _say(*(f"  {student}: {problem}" for student, problems in bad.items() for problem in problems))
    if bad:
        _say("ACT: feedback not released")
        return 1
    if args.release:
        result = course.api.release_feedback(args.assignment)
        if not result.get("success"):
            _say("release_feedback FAILED: " + last_line(result.get("error")))
            return 1
        released = set(re.findall(r"Releasing feedback for student '([^']+)'", result.get("log") or ""))
        _say(f"  released to the exchange: {len(released) or len(report)} students")
    return 0


def cmd_grades(course, args):
    exporter, what = EXPORTS[args.format]
    path = course.export(args.out or f"grades{'' if args.format == 'nbgrader' else '-' + args.format}.csv", exporter)
    rows = path.read_text().splitlines()[1:]
    _say(f"{len(rows)} rows ({what}) -> {path}")
    manual = []
    with course.gradebook() as gb:
        for assignment in gb.assignments:
            graded = set()
            for submission in assignment.submissions:
                graded.add(submission.student.id)
                if submission.needs_manual_grade:
                    manual.append(f"{assignment.name}/{submission.student.id}")
            manual += [f"{assignment.name}/{s}" for s in course.submitted_students(assignment.name) if s not in graded]
    if manual:
        _say(f"ACT: {len(manual)} submissions were not fully graded (score 0 in the CSV until graded): "
             + ", ".join(sorted(manual)))
        return 1
    return 0


def _release_arguments(p):
    p.add_argument("assignments", nargs="*", help="default: every assignment in solutions/")
    p.add_argument("--exchange", action="store_true", help="also release to nbgrader's exchange")
    p.add_argument("--force", action="store_true", help="replace an assignment already in the exchange")


def _zip_collect_arguments(p):
    p.add_argument("assignment")
    p.add_argument("files", nargs="*", help="zip files or notebooks to copy into the archive folder first")
    p.add_argument("--regexp", help="FileNameCollectorPlugin.named_regexp for your LMS's file names")


def _autograde_arguments(p):
    p.add_argument("assignment")
    p.add_argument("--jobs", type=int, default=0, help="submissions graded at once (default: all cores)")
    p.add_argument("--students", help="comma-separated student ids (default: all in submitted/)")
    p.add_argument("--student-timeout", type=float, default=900,
                   help="seconds before one student's grading is stopped (default 900)")


# --format: (nbgrader export plugin, one row per ...)
EXPORTS = {"nbgrader": (None, "student x assignment"), "canvas": (lms.CanvasExport, "students, Canvas's import format"),
           "moodle": (lms.MoodleExport, "students, Moodle's import format")}


def _grades_arguments(p):
    p.add_argument("--format", choices=sorted(EXPORTS), default="nbgrader",
                   help="nbgrader's CSV (default), or the gradebook import CSV of Canvas or Moodle")
    p.add_argument("--out", help="default: grades.csv, grades-canvas.csv or grades-moodle.csv")


def _feedback_arguments(p):
    p.add_argument("assignment")
    p.add_argument("--release", action="store_true", help="also release it to the exchange")


# name: (what it does, its arguments, its function)
COMMANDS = {
    "release": ("solutions/ -> notebooks/ (+ exchange), checked for leaks", _release_arguments, cmd_release),
    "collect": ("exchange -> submitted/", lambda p: p.add_argument("assignment"), cmd_collect),
    "zip-collect": ("downloaded/ASSIGNMENT/archive -> submitted/", _zip_collect_arguments, cmd_zip_collect),
    "autograde": ("grade every submission of an assignment", _autograde_arguments, cmd_autograde),
    "feedback": ("feedback HTML for every autograded submission", _feedback_arguments, cmd_feedback),
    "grades": ("export the gradebook to CSV", _grades_arguments, cmd_grades),
}


def run(command, argv=None):
    """``nn-COMMAND ARGS...``: parse ``argv`` (default: the command line), run it; the exit status."""
    description, arguments, function = COMMANDS[command]
    parser = argparse.ArgumentParser(prog=f"nn-{command}", description=description)
    parser.add_argument("--course", default=".", help="the course directory (default: the current one)")
    arguments(parser)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    prepare()
    return function(Course(Path(args.course)), args)


def release(argv=None):
    return run("release", argv)


def collect(argv=None):
    return run("collect", argv)


def zip_collect(argv=None):
    return run("zip-collect", argv)


def autograde(argv=None):
    return run("autograde", argv)


def feedback(argv=None):
    return run("feedback", argv)


def grades(argv=None):
    return run("grades", argv)
