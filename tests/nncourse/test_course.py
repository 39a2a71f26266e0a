"""nncourse/course.py: a temporary course, its steps' errors, and the retry of a kernel that died at start."""
import pytest

from nncourse.course import KERNEL_START_FAILED, GradingError, temporary_course


def test_a_temporary_course_copies_the_assignments_it_is_given(tmp_path):
    course = temporary_course(["00_notation"], parent=tmp_path)
    assert course.root.parent == tmp_path.resolve()
    assert course.assignments() == ["00_notation"]
    assert (course.path("source_directory", ".", "00_notation") / "00_notation.ipynb").exists()


def test_a_failed_step_raises_with_nbgraders_words(tmp_path):
    course = temporary_course(parent=tmp_path)
    with pytest.raises(GradingError, match="generate_assignment 99_nothing failed") as error:
        course.generate("99_nothing")
    assert error.value.result["success"] is False


def test_a_kernel_that_dies_at_start_is_given_another_go(tmp_path, monkeypatch):
    """Only a kernel that died before answering is retried: nothing of the submission ran. (nbgrader
    stands in for itself here: a real start-up race cannot be made to happen on demand.)"""
    course = temporary_course(parent=tmp_path)
    calls = []

    def autograde(assignment, student, **kwargs):
        calls.append(student)
        if student == "racy" and len(calls) < 3:
            return {"success": False, "log": "", "error": f"RuntimeError: {KERNEL_START_FAILED}"}
        if student == "crashes":
            return {"success": False, "log": "DeadKernelError: Kernel died", "error": ""}
        return {"success": True, "log": "", "error": ""}

    monkeypatch.setattr(course.api, "autograde", autograde)
    assert course.autograde_one("toy", "racy")["success"] and calls == ["racy"] * 3
    calls.clear()
    assert not course.autograde_one("crashes", "crashes")["success"] and calls == ["crashes"]  # os._exit: no retry
    calls.clear()
    course.autograde_one("toy", "racy", attempts=1)
    assert calls == ["racy"]
