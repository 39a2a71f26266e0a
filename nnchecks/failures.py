"""How a check reports: :class:`CheckFailed` with a message (and a hint), or one ✓ line."""


class CheckFailed(AssertionError):
    """A check that did not pass; the message says what was expected and what came back."""

    def _render_traceback_(self):  # IPython: show the message, not our stack frames
        return [f"\x1b[0;31mCheckFailed\x1b[0m: {self}"]


def fail(message, hint=None):
    """Raise :class:`CheckFailed` with ``message`` and, on a line of its own, ``Hint: hint``."""
    raise CheckFailed(message + (f"\nHint: {hint}" if hint else ""))


def passed(name, detail=None):
    """The one line a visible check prints when it passes: ``✓ NAME: the visible checks pass``.

    ``detail`` (optional) adds what was measured, e.g. an accuracy, after a semicolon.
    """
    print(f"\u2713 {name}: the visible checks pass" + (f"; {detail}" if detail else ""))
