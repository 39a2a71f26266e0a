"""Which of nnlib's functions a learner's function calls while it runs, against an allow-list.

An exercise asks for the learner's own code, and may let it use some of nnlib (later exercises
use nnlib's version of earlier ones). While the learner's function runs, every call into a
function defined in the nnlib package (its code lives in nnlib's directory) is a hand-off unless
the exercise allows that function. Whatever an allowed function calls in turn is fine: the
watcher counts how deep it is inside allowed functions with the profiler's call and return
events. The watching is done with ``sys.setprofile``, so code that switches the profiler off
goes unwatched; that is noticed too.
"""
import contextlib
import functools
import inspect
import os
import sys

import nnlib
import nnlib.data

NNLIB_DIR = os.path.dirname(os.path.abspath(nnlib.__file__)) + os.sep


def _code(function):
    return inspect.unwrap(function).__code__


@functools.cache
def _public_names():
    """{code object: "nnlib.name" or "nnlib.data.name"} for nnlib's public functions."""
    ranked = {}  # code -> (rank, name): nnlib.<name> before nnlib.data.<name>, own name first
    for module, prefix in ((nnlib, "nnlib."), (nnlib.data, "nnlib.data.")):
        for attribute, value in vars(module).items():
            if attribute.startswith("_") or not inspect.isfunction(inspect.unwrap(value)):
                continue
            code = _code(value)
            rank = (prefix == "nnlib.", code.co_name == attribute)
            if code not in ranked or rank > ranked[code][0]:
                ranked[code] = (rank, prefix + attribute)
    return {code: name for code, (_, name) in ranked.items()}


def nnlib_name(frame):
    """How a message names the nnlib function running in ``frame``: ``nnlib.leaky_relu`` for a
    public name of nnlib or nnlib.data, else module and name (``nnlib.diagnostics.dead_units``)."""
    code = frame.f_code
    return _public_names().get(code) or f"{frame.f_globals.get('__name__', 'nnlib')}.{code.co_qualname}"


def is_nnlib_code(code):
    """True for a function of the nnlib package (not the body of an nnlib module being imported)."""
    return os.path.abspath(code.co_filename).startswith(NNLIB_DIR) and code.co_name != "<module>"


class Watcher:
    """The profile function of :func:`watching`.

    ``seen`` names the first nnlib function called from outside an allowed function that is
    not allowed itself (None if there was none) and ``seen_code`` is its code object;
    ``replaced`` tells whether the code in the block put another profiler (or none) in its place.
    """

    def __init__(self, allowed):
        self.allowed = {_code(f) for f in allowed}
        self.seen = self.seen_code = None
        self.replaced = False
        self._depth = 0  # how many watched frames run inside an allowed function (or a hand-off)
        self._watched = {}  # code object -> is it nnlib's or allowed?

    def _is_watched(self, code):
        watched = self._watched.get(code)
        if watched is None:
            watched = self._watched[code] = code in self.allowed or is_nnlib_code(code)
        return watched

    def __call__(self, frame, event, arg):
        if event == "call" and self._is_watched(frame.f_code):
            if not self._depth and frame.f_code not in self.allowed and self.seen is None:
                self.seen, self.seen_code = nnlib_name(frame), frame.f_code
            self._depth += 1
        elif event == "return" and self._depth and self._is_watched(frame.f_code):
            self._depth -= 1


@contextlib.contextmanager
def watching(allowed=()):
    """Watch, within the ``with`` block, for calls into nnlib other than the ``allowed`` functions.

    Yields the :class:`Watcher`; after the block its ``seen`` names the first hand-off, e.g.
    ``"nnlib.leaky_relu"``, however the function was imported or renamed. ``allowed`` may also
    hold functions outside nnlib (a check's own callback): what they call is fine too. The
    profiler in place before the block is put back when it ends, also after an exception::

        with watching(ALLOWED["relu"]) as watch:
            learner_relu(Z)
        if watch.seen: ...
    """
    watcher = Watcher(allowed)
    previous = sys.getprofile()
    sys.setprofile(watcher)
    try:
        yield watcher
    finally:
        watcher.replaced = sys.getprofile() is not watcher
        sys.setprofile(previous)
