"""Copy detection: per exercise, the submissions whose code is near-identical to another
student's or to nnlib's own source, with a similarity figure.

Code is fingerprinted with copydetect's winnowing (names and literals normalised, so renaming
variables does not hide a copy), after removing what the released notebook already gives every
student (the function's signature and docstring). Exercises whose answers are too short to tell
apart (a one-line ``relu`` is the same for everyone) are skipped. It reports; it changes no score.
"""
import dataclasses
import inspect
import io

import copydetect

from . import submissions as subs

K = 12  # tokens per fingerprinted k-gram
WINDOW = 1
MIN_FINGERPRINTS = 90  # an answer with fewer k-grams of its own is too short to tell apart
THRESHOLD = 0.9  # share of an answer's k-grams found in the other one


@dataclasses.dataclass(frozen=True)
class Similarity:
    exercise: str
    student: str
    other: str  # another student's id, or "nnlib.<function>"
    similarity: float  # 0..1, the smaller of the two shares of shared k-grams

    def line(self):
        return f"{self.exercise}: {self.student} ~ {self.other} ({self.similarity:.0%} alike)"


def _fingerprint(code, boilerplate=()):
    return copydetect.CodeFingerprint("answer.py", K, WINDOW, boilerplate=list(boilerplate), filter=True,
                                      language="python", fp=io.StringIO(code))


def _boilerplate(stub_code):
    return _fingerprint(stub_code).hashes if stub_code else []


def nnlib_sources():
    """{"nnlib.relu": source code, ...} for nnlib's public functions."""
    import nnlib
    import nnlib.data
    import nnlib.diagnostics

    found = {}
    for module in (nnlib, nnlib.data, nnlib.diagnostics):
        for name in dir(module):
            value = getattr(module, name)
            if not name.startswith("_") and inspect.isfunction(value) and value.__module__.startswith("nnlib"):
                found.setdefault(f"nnlib.{name}", inspect.getsource(value))
    return found


def similar_answers(answers, stubs, references=None, threshold=THRESHOLD):
    """[Similarity] for near-identical answers, most alike first.

    answers : {student: {exercise: code}}, e.g. from :func:`answers_of`
    stubs : {exercise: the released stub's code}, removed from every answer before comparing
    references : {"nnlib.relu": code, ...} every answer is also compared with (default: nnlib's)
    """
    references = nnlib_sources() if references is None else references
    found = []
    for exercise in sorted(stubs):
        boilerplate = _boilerplate(stubs[exercise])
        prints = {}
        for student, code in sorted((s, a[exercise]) for s, a in answers.items() if a.get(exercise)):
            fingerprint = _fingerprint(code, boilerplate)
            if len(fingerprint.hashes) >= MIN_FINGERPRINTS:
                prints[student] = fingerprint
        others = {name: _fingerprint(code, boilerplate) for name, code in references.items()}
        students = sorted(prints)
        for i, student in enumerate(students):
            pairs = [(other, prints[other]) for other in students[i + 1:]] + list(others.items())
            for other, fingerprint in pairs:
                if len(fingerprint.hashes) < MIN_FINGERPRINTS:
                    continue
                _, (share_a, share_b), _ = copydetect.compare_files(prints[student], fingerprint)
                similarity = float(min(share_a, share_b))
                if similarity >= threshold:
                    found.append(Similarity(exercise, student, other, similarity))
    return sorted(found, key=lambda s: (-s.similarity, s.exercise, s.student, s.other))


def answers_of(notebook):
    """{exercise: code} of a notebook's solution cells."""
    return {meta["grade_id"]: cell.source for cell in notebook.cells
            if cell.cell_type == "code" and (meta := subs.nbgrader_meta(cell)).get("solution")}


def course_answers(course, assignment):
    """The answers of every submission of ``assignment`` and the released stubs, read from the
    course's submitted/ and release folders: ``(answers, stubs)`` for :func:`similar_answers`."""
    answers, stubs = {}, {}
    for released in sorted(course.path("release_directory", ".", assignment).glob("*.ipynb")):
        for exercise, code in answers_of(subs.read(released)).items():
            stubs[f"{released.stem}:{exercise}"] = code
        for student in course.submitted_students(assignment):
            path = course.path("submitted_directory", student, assignment) / released.name
            try:
                mine = answers_of(subs.read(path))
            except Exception:  # missing or not a notebook: nothing to compare
                continue
            answers.setdefault(student, {}).update({f"{released.stem}:{e}": c for e, c in mine.items()})
    return answers, stubs
