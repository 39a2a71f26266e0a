"""Checks that grade a learner's functions against nnlib.

Notebook test cells are one short call each (``check_relu(relu)``); the calls live in one module
per notebook (``nnchecks.nb02_forward``, ...), the hidden ones apart in ``nnchecks.hidden``
(``nnchecks.hidden.nb02_forward``). They share the helpers re-exported here:

- :mod:`nnchecks.failures`: :class:`CheckFailed`, an ``AssertionError`` that Jupyter shows as its
  message alone, and the ✓ line of a visible check that passes (hidden checks print nothing);
- :mod:`nnchecks.compare`: ``expect_*``, in the order type -> shape -> values, saying what is
  wrong: which array, which entry, expected vs got;
- :mod:`nnchecks.calling`: calling the learner's function on copies, with an allow-list of the
  nnlib functions it may use (:mod:`nnchecks.watching` does the watching), and
  ``demonstrating``, which turns an error of the learner's code in a demonstration cell into a
  printed line so that Run All goes on;
- :mod:`nnchecks.reference`: comparison with a reference on seeded random inputs.
"""
from .calling import call, call_on_copies, demonstrating
from .compare import expect_array, expect_close, expect_equal, expect_same, expect_unchanged, snapshot
from .failures import CheckFailed, fail, passed
from .reference import compare_with_reference, random_inputs
from .watching import watching

__all__ = ["CheckFailed", "call", "call_on_copies", "compare_with_reference", "demonstrating",
           "expect_array", "expect_close", "expect_equal", "expect_same", "expect_unchanged", "fail",
           "passed", "random_inputs", "snapshot", "watching"]
