"""nnchecks.failures: a failed check is one message (and a hint); a passed one is one ✓ line."""
import pytest

from nnchecks import CheckFailed, fail, passed


def test_fail_raises_an_assertion_error_with_the_message_and_the_hint_on_its_own_line():
    with pytest.raises(AssertionError) as caught:
        fail("Z has shape (3,); expected (3, 1)", "keep b as a column")
    assert isinstance(caught.value, CheckFailed)
    assert str(caught.value) == "Z has shape (3,); expected (3, 1)\nHint: keep b as a column"
    with pytest.raises(CheckFailed, match=r"^no hint$"):
        fail("no hint")


def test_ipython_shows_the_message_alone():
    lines = CheckFailed("relu is not implemented yet")._render_traceback_()
    assert lines == ["\x1b[0;31mCheckFailed\x1b[0m: relu is not implemented yet"]


def test_passed_prints_one_line(capsys):
    passed("relu")
    passed("build_and_train", "a 784-256-10 network gets 97.0% right")
    assert capsys.readouterr().out == ("\u2713 relu: the visible checks pass\n"
                                       "\u2713 build_and_train: the visible checks pass; "
                                       "a 784-256-10 network gets 97.0% right\n")
